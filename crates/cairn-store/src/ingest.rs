//! The storage half of ingest: load the snapshot a batch needs, let the domain planner decide,
//! write its changes — all in one transaction, so a crash leaves either the whole batch or none
//! of it, and a re-run finds the committed records as duplicates.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use cairn_domain::ingest::{
    BatchKeys, Changes, IngestRules, Outcome, Planner, Snapshot, batch_keys,
};
use cairn_domain::records::{Record, RecordError};
use cairn_domain::{Channel, IdBlock, IdSource, IdentityId, TenantId, TicketId};
use jiff::Timestamp;
use sqlx::AnyConnection;

use crate::rows::*;
use crate::sql::*;
use crate::{Backend, Result, Store, StoreError};

#[derive(Clone, Debug, Default)]
pub struct IngestOptions {
    /// The rules to plan with; `None` (the default) uses the tenant's triage settings, loaded
    /// once per batch inside its transaction.
    pub rules: Option<IngestRules>,
}

/// What one batch did, record by record, in input order.
#[derive(Debug)]
pub struct BatchReport {
    pub outcomes: Vec<Result<Outcome, RecordError>>,
}

/// Ids for one batch. Running past the reserved block is noted instead of failing, and the
/// batch is planned again with a bigger block.
struct BatchIds {
    block: IdBlock,
    overflowed: bool,
    used: i64,
}

impl IdSource for BatchIds {
    fn next_id(&mut self) -> i64 {
        self.used += 1;
        if self.block.remaining() > 0 {
            self.block.next_id()
        } else {
            self.overflowed = true;
            // A placeholder; the plan using it is thrown away.
            -self.used
        }
    }
}

/// Values per IN list; well under every backend's bind limit.
const IN_CHUNK: usize = 500;

impl Store {
    /// Ingests a batch of records for a tenant in one transaction.
    pub async fn ingest(
        &self,
        tenant: TenantId,
        records: &[Record],
        options: &IngestOptions,
        now: Timestamp,
    ) -> Result<BatchReport> {
        self.ingest_with(tenant, records, options, now, None).await
    }

    /// [`Store::ingest`], plus the mailbox bookkeeping (cursor, received mail, sent outbox
    /// items) written in the same transaction.
    pub(crate) async fn ingest_with(
        &self,
        tenant: TenantId,
        records: &[Record],
        options: &IngestOptions,
        now: Timestamp,
        mail: Option<&crate::mailbox::MailCommit>,
    ) -> Result<BatchReport> {
        let keys = batch_keys(records);
        let _guard = self.ingest_lock.lock().await;
        // Ids are reserved before the transaction: on SQLite the reservation needs the write
        // lock the transaction is about to hold.
        let mut want = records.len() as i64 * 16 + 64;
        let mut block = Some(self.next_ids(want).await?);
        let mut conn = self.pool().acquire().await?;
        let mut tx = self.begin_write(&mut conn).await?;
        if self.backend() == Backend::Postgres {
            // Ingest of one tenant is serial across all nodes.
            let mut q = Sql::new("SELECT pg_advisory_xact_lock(");
            q.bind(tenant.0).push(")");
            q.execute(&mut *tx).await?;
        }
        let tenant_rules;
        let rules = match &options.rules {
            Some(rules) => rules,
            None => {
                tenant_rules = crate::settings::triage_rules_in(&mut tx, tenant)
                    .await?
                    .ingest_rules();
                &tenant_rules
            }
        };
        let (outcomes, changes) = loop {
            let snapshot = load_snapshot(&mut tx, tenant, &keys, rules).await?;
            let block = match block.take() {
                Some(b) => b,
                None => crate::reserve_in(&mut tx, want).await?,
            };
            let mut ids = BatchIds {
                block,
                overflowed: false,
                used: 0,
            };
            let mut planner = Planner::new(snapshot, rules, &mut ids, now);
            let outcomes: Vec<_> = records.iter().map(|r| planner.apply(r)).collect();
            let changes = planner.finish();
            if !ids.overflowed {
                break (outcomes, changes);
            }
            want = ids.used * 2;
        };
        write_changes(&mut tx, tenant, &changes).await?;
        if let Some(mail) = mail {
            crate::mailbox::write_mail_commit(&mut tx, tenant, mail, now).await?;
        }
        tx.commit().await?;
        Ok(BatchReport { outcomes })
    }
}

fn chunks<T: Clone>(items: &[T]) -> impl Iterator<Item = Vec<T>> + '_ {
    items.chunks(IN_CHUNK).map(<[T]>::to_vec)
}

async fn load_snapshot(
    conn: &mut AnyConnection,
    tenant: TenantId,
    keys: &BatchKeys,
    rules: &IngestRules,
) -> Result<Snapshot> {
    let mut snap = Snapshot::default();
    let t = tenant.0;

    // Known messages, grouped by channel.
    let mut by_channel: BTreeMap<Channel, Vec<String>> = BTreeMap::new();
    for (c, ext) in &keys.message_ids {
        by_channel.entry(*c).or_default().push(ext.clone());
    }
    for (channel, exts) in &by_channel {
        for chunk in chunks(exts) {
            let mut q =
                Sql::new("SELECT id, ticket_id, external_id FROM messages WHERE tenant_id = ");
            q.bind(t).push(" AND channel = ").bind(channel.as_str());
            q.push(" AND external_id IN ").bind_list(chunk);
            for row in q.fetch_all(&mut *conn).await? {
                snap.messages.push((
                    *channel,
                    get_str(&row, "external_id")?,
                    cairn_domain::MessageId(get_i64(&row, "id")?),
                    TicketId(get_i64(&row, "ticket_id")?),
                ));
            }
        }
    }

    // Identities by key, grouped by kind.
    let mut by_kind: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for k in &keys.identities {
        by_kind
            .entry(k.kind.as_str())
            .or_default()
            .push(k.value.clone());
    }
    let mut identity_ids: HashSet<i64> = HashSet::new();
    for (kind, values) in &by_kind {
        for chunk in chunks(values) {
            let mut q = Sql::new("SELECT * FROM identities WHERE tenant_id = ");
            q.bind(t).push(" AND kind = ").bind(*kind);
            q.push(" AND value IN ").bind_list(chunk);
            for row in q.fetch_all(&mut *conn).await? {
                let identity = identity_from(&row)?;
                identity_ids.insert(identity.id.0);
                snap.identities.push(identity);
            }
        }
    }

    // Orders by number, on any channel.
    let refs: Vec<String> = keys.order_refs.iter().cloned().collect();
    for chunk in chunks(&refs) {
        let mut q = Sql::new("SELECT * FROM orders WHERE tenant_id = ");
        q.bind(t).push(" AND order_ref IN ").bind_list(chunk);
        for row in q.fetch_all(&mut *conn).await? {
            snap.orders.push(order_from(&row)?);
        }
    }

    // Thread keys.
    let mut threads: BTreeMap<Channel, Vec<String>> = BTreeMap::new();
    for (c, k) in &keys.thread_ids {
        threads.entry(*c).or_default().push(k.clone());
    }
    for (channel, ks) in &threads {
        for chunk in chunks(ks) {
            let mut q =
                Sql::new("SELECT thread_key, ticket_id FROM thread_keys WHERE tenant_id = ");
            q.bind(t).push(" AND channel = ").bind(channel.as_str());
            q.push(" AND thread_key IN ").bind_list(chunk);
            for row in q.fetch_all(&mut *conn).await? {
                snap.thread_keys.push((
                    *channel,
                    get_str(&row, "thread_key")?,
                    TicketId(get_i64(&row, "ticket_id")?),
                ));
            }
        }
    }

    // Tickets: those the messages and threads point at, those mentioning the batch's orders,
    // and the recent ones of every customer involved.
    let mut ticket_ids: BTreeSet<i64> = snap
        .messages
        .iter()
        .map(|m| m.3.0)
        .chain(snap.thread_keys.iter().map(|k| k.2.0))
        .collect();
    for chunk in chunks(&refs) {
        let mut q = Sql::new("SELECT ticket_id FROM ticket_orders WHERE tenant_id = ");
        q.bind(t).push(" AND order_ref IN ").bind_list(chunk);
        for row in q.fetch_all(&mut *conn).await? {
            ticket_ids.insert(get_i64(&row, "ticket_id")?);
        }
    }
    let mut customer_ids: BTreeSet<i64> = snap
        .identities
        .iter()
        .map(|i| i.customer_id.0)
        .chain(snap.orders.iter().map(|o| o.customer_id.0))
        .collect();
    let mut tickets: BTreeMap<i64, cairn_domain::model::TicketRow> = BTreeMap::new();
    let ids: Vec<i64> = ticket_ids.into_iter().collect();
    for chunk in chunks(&ids) {
        let mut q = Sql::new("SELECT * FROM tickets WHERE tenant_id = ");
        q.bind(t).push(" AND id IN ").bind_list(chunk);
        for row in q.fetch_all(&mut *conn).await? {
            let ticket = ticket_from(&row)?;
            tickets.insert(ticket.id.0, ticket);
        }
    }
    let since = keys
        .earliest
        .and_then(|e| e.checked_sub(rules.reopen_window).ok())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let customers: Vec<i64> = customer_ids.iter().copied().collect();
    for chunk in chunks(&customers) {
        let mut q = Sql::new("SELECT * FROM tickets WHERE tenant_id = ");
        q.bind(t).push(" AND customer_id IN ").bind_list(chunk);
        q.push(" AND status <> 'merged' AND (status = 'open' OR updated_at >= ")
            .bind(since)
            .push(")");
        for row in q.fetch_all(&mut *conn).await? {
            let ticket = ticket_from(&row)?;
            tickets.insert(ticket.id.0, ticket);
        }
    }
    let ids: Vec<i64> = tickets.keys().copied().collect();
    for chunk in chunks(&ids) {
        let mut q = Sql::new("SELECT ticket_id, order_ref FROM ticket_orders WHERE tenant_id = ");
        q.bind(t).push(" AND ticket_id IN ").bind_list(chunk);
        q.push(" ORDER BY ticket_id, order_ref");
        for row in q.fetch_all(&mut *conn).await? {
            if let Some(ticket) = tickets.get_mut(&get_i64(&row, "ticket_id")?) {
                ticket.order_refs.push(get_str(&row, "order_ref")?);
            }
        }
    }

    // Identities the loaded orders and tickets point at, then every customer involved.
    let missing: Vec<i64> = snap
        .orders
        .iter()
        .map(|o| o.buyer_identity_id.0)
        .chain(tickets.values().map(|t| t.identity_id.0))
        .filter(|id| !identity_ids.contains(id))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for chunk in chunks(&missing) {
        let mut q = Sql::new("SELECT * FROM identities WHERE tenant_id = ");
        q.bind(t).push(" AND id IN ").bind_list(chunk);
        for row in q.fetch_all(&mut *conn).await? {
            let identity = identity_from(&row)?;
            identity_ids.insert(identity.id.0);
            snap.identities.push(identity);
        }
    }
    customer_ids.extend(snap.identities.iter().map(|i| i.customer_id.0));
    customer_ids.extend(tickets.values().map(|t| t.customer_id.0));
    let customers: Vec<i64> = customer_ids.into_iter().collect();
    for chunk in chunks(&customers) {
        let mut q = Sql::new("SELECT * FROM customers WHERE tenant_id = ");
        q.bind(t).push(" AND id IN ").bind_list(chunk);
        for row in q.fetch_all(&mut *conn).await? {
            snap.customers.push(customer_from(&row)?);
        }
    }
    snap.tickets = tickets.into_values().collect();

    // Links already recorded between the loaded identities.
    let ids: Vec<i64> = identity_ids.into_iter().collect();
    for chunk in chunks(&ids) {
        let mut q = Sql::new("SELECT a, b FROM identity_links WHERE tenant_id = ");
        q.bind(t)
            .push(" AND removed_at IS NULL AND a IN ")
            .bind_list(chunk.clone());
        q.push(" UNION SELECT a, b FROM identity_links WHERE tenant_id = ")
            .bind(t)
            .push(" AND removed_at IS NULL AND b IN ")
            .bind_list(chunk);
        for row in q.fetch_all(&mut *conn).await? {
            snap.links.push((
                IdentityId(get_i64(&row, "a")?),
                IdentityId(get_i64(&row, "b")?),
            ));
        }
    }

    let mut q = Sql::new("SELECT event_head FROM tenants WHERE id = ");
    q.bind(t);
    let row = q
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("tenant {tenant}")))?;
    snap.event_head = get_str(&row, "event_head")?;
    Ok(snap)
}

/// Rows per PostgreSQL statement: each binds one JSON text of this many rows.
const JSON_ROWS: usize = 4000;

/// Inserts rows, many per statement; `tail` is appended (an ON CONFLICT clause).
///
/// SQLite gets multi-row `VALUES` lists: binding is cheap there and SQLite's JSON functions
/// are four times slower per row. PostgreSQL gets the rows as one bound JSON array (see
/// [`crate::sql::json_rows`]): its statements are planned with their real values every time,
/// and planning thousands of placeholders cost more than the insert.
pub(crate) async fn insert_rows(
    conn: &mut AnyConnection,
    table: &str,
    cols: &[&str],
    rows: impl IntoIterator<Item = Vec<Val>>,
    tail: &str,
) -> Result<()> {
    // Collected before the first await: a borrowed iterator held across an await point keeps
    // the future from being `Send` (a limitation of the compiler's auto-trait reasoning).
    let rows: Vec<Vec<Val>> = rows.into_iter().collect();
    let Some(first) = rows.first() else {
        return Ok(());
    };
    if conn.backend_name() != "SQLite" {
        let ints: Vec<bool> = first.iter().map(|v| matches!(v, Val::I(_))).collect();
        let (select, close) = json_rows_select(&ints);
        let head = format!("INSERT INTO {table} ({}) {select}", cols.join(", "));
        let tail = format!("{close} WHERE true{tail}");
        for chunk in rows.chunks(JSON_ROWS) {
            let mut q = Sql::new(&head);
            q.bind(json_rows(chunk)).push(&tail);
            q.execute(&mut *conn).await?;
        }
        return Ok(());
    }
    let per_statement = (MAX_BINDS / cols.len()).min(400);
    let head = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut q = Sql::new(&head);
        for (i, row) in rows.by_ref().take(per_statement).enumerate() {
            if i > 0 {
                q.push(", ");
            }
            q.bind_list(row);
        }
        q.push(tail);
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

fn upsert_tail(key: &str, cols: &[&str]) -> String {
    let sets: Vec<String> = cols
        .iter()
        .filter(|c| **c != "id" && **c != "tenant_id")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    format!(" ON CONFLICT ({key}) DO UPDATE SET {}", sets.join(", "))
}

pub(crate) async fn write_changes(
    conn: &mut AnyConnection,
    tenant: TenantId,
    c: &Changes,
) -> Result<()> {
    let t = tenant.0;
    insert_rows(
        conn,
        "customers",
        CUSTOMER_COLS,
        c.customers.iter().map(|r| customer_vals(tenant, r)),
        &upsert_tail("id", CUSTOMER_COLS),
    )
    .await?;
    insert_rows(
        conn,
        "identities",
        IDENTITY_COLS,
        c.identities.iter().map(|r| identity_vals(tenant, r)),
        &upsert_tail("id", IDENTITY_COLS),
    )
    .await?;
    insert_rows(
        conn,
        "identity_links",
        &[
            "id",
            "tenant_id",
            "a",
            "b",
            "evidence",
            "detail",
            "created_at",
            "removed_at",
        ],
        c.links.iter().map(|l| {
            vec![
                l.id.0.into(),
                t.into(),
                l.a.0.into(),
                l.b.0.into(),
                l.evidence.as_str().into(),
                l.detail.clone().into(),
                l.created_at.into(),
                l.removed_at.into(),
            ]
        }),
        "",
    )
    .await?;
    insert_rows(
        conn,
        "orders",
        ORDER_COLS,
        c.orders.iter().map(|r| order_vals(tenant, r)),
        &upsert_tail("id", ORDER_COLS),
    )
    .await?;
    insert_rows(
        conn,
        "tickets",
        TICKET_COLS,
        c.tickets.iter().map(|r| ticket_vals(tenant, r)),
        &upsert_tail("id", TICKET_COLS),
    )
    .await?;
    insert_rows(
        conn,
        "ticket_orders",
        &["tenant_id", "ticket_id", "order_ref"],
        c.ticket_orders
            .iter()
            .map(|(tid, r)| vec![t.into(), tid.0.into(), r.clone().into()]),
        " ON CONFLICT DO NOTHING",
    )
    .await?;
    insert_rows(
        conn,
        "messages",
        MESSAGE_COLS,
        c.messages.iter().map(|r| message_vals(tenant, r)),
        "",
    )
    .await?;
    insert_rows(
        conn,
        "thread_keys",
        &["tenant_id", "channel", "thread_key", "ticket_id"],
        c.thread_keys
            .iter()
            .map(|(ch, k, tid)| vec![t.into(), ch.as_str().into(), k.clone().into(), tid.0.into()]),
        " ON CONFLICT (tenant_id, channel, thread_key) DO UPDATE SET ticket_id = excluded.ticket_id",
    )
    .await?;
    for (from, into) in &c.customer_merges {
        for table in ["identities", "orders", "tickets"] {
            let mut q = Sql::new(&format!("UPDATE {table} SET customer_id = "));
            q.bind(into.0)
                .push(" WHERE tenant_id = ")
                .bind(t)
                .push(" AND customer_id = ")
                .bind(from.0);
            q.execute(&mut *conn).await?;
        }
        // Keep merge chains one step long so old ids resolve directly.
        let mut q = Sql::new("UPDATE customers SET merged_into = ");
        q.bind(into.0)
            .push(" WHERE tenant_id = ")
            .bind(t)
            .push(" AND merged_into = ")
            .bind(from.0);
        q.execute(&mut *conn).await?;
    }
    // Events join the chain in the planner's order, numbered on from the tenant's count.
    let seq_base = if c.events.is_empty() {
        0
    } else {
        let mut q = Sql::new("SELECT event_seq FROM tenants WHERE id = ");
        q.bind(t);
        get_i64(&q.fetch_one(&mut *conn).await?, "event_seq")?
    };
    insert_rows(
        conn,
        "events",
        &[
            "id",
            "tenant_id",
            "ticket_id",
            "customer_id",
            "order_id",
            "kind",
            "data",
            "at",
            "hash",
            "seq",
        ],
        c.events.iter().zip(seq_base + 1..).map(|(e, seq)| {
            vec![
                e.id.0.into(),
                t.into(),
                e.ticket_id.map(|x| x.0).into(),
                e.customer_id.map(|x| x.0).into(),
                e.order_id.map(|x| x.0).into(),
                e.kind.clone().into(),
                e.data.to_string().into(),
                e.at.into(),
                e.hash.clone().into(),
                seq.into(),
            ]
        }),
        "",
    )
    .await?;
    if !c.events.is_empty() {
        let mut q = Sql::new("UPDATE tenants SET event_head = ");
        q.bind(c.event_head.clone())
            .push(", event_seq = ")
            .bind(seq_base + c.events.len() as i64)
            .push(" WHERE id = ")
            .bind(t);
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
