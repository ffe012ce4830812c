//! Reading: the queue, tickets with their conversation, customers, the unified history, and the
//! one customer-changing action that is not ingest (undoing a wrong identity link).

use std::collections::{BTreeMap, HashMap};

use cairn_domain::identity::IdentityKind;
use cairn_domain::ingest::identity_components;
use cairn_domain::model::{LinkRow, MessageRow, TicketRow, TicketStatus};
use cairn_domain::views::{
    CustomerView, History, IdentityView, MessageView, OrderView, TicketView, TimelineEntry,
};
use cairn_domain::{Channel, CustomerId, IdentityId, LinkId, MessageId, TenantId, TicketId};
use jiff::Timestamp;
use serde_json::json;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::rows::*;
use crate::sql::*;
use crate::{Result, Store, StoreError};

/// Which tickets to list, in queue order.
#[derive(Clone, Debug)]
pub struct TicketQuery {
    /// Statuses to include; empty means every status.
    pub statuses: Vec<TicketStatus>,
    pub customer: Option<CustomerId>,
    pub limit: i64,
    /// Keyset paging for full listings: tickets with a larger id than this.
    pub after_id: Option<TicketId>,
}

impl TicketQuery {
    /// Unresolved tickets (open or waiting on the customer), most urgent first.
    pub fn unresolved(limit: i64) -> Self {
        TicketQuery {
            statuses: vec![TicketStatus::Open, TicketStatus::Pending],
            customer: None,
            limit,
            after_id: None,
        }
    }

    pub fn inbox(limit: i64) -> Self {
        TicketQuery {
            statuses: vec![TicketStatus::Open],
            ..TicketQuery::unresolved(limit)
        }
    }
}

/// One page of the inbox: tickets of some statuses, optionally of one channel.
#[derive(Clone, Debug)]
pub struct QueuePage {
    /// Statuses to include; one status pages straight along the queue index.
    pub statuses: Vec<TicketStatus>,
    pub channel: Option<Channel>,
    /// Earliest deadline first (tickets without one last, ties in queue order) instead of the
    /// queue's priority order.
    pub by_deadline: bool,
    pub offset: i64,
    pub limit: i64,
}

/// Unresolved tickets counted in the database, for the inbox's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueCounts {
    /// Open and pending tickets by (status, channel).
    pub by_status_channel: BTreeMap<(String, String), i64>,
    /// Open tickets whose deadline has passed.
    pub overdue: i64,
    /// Open tickets whose deadline comes before `soon`.
    pub due_soon: i64,
}

impl QueueCounts {
    /// Tickets of a status, of one channel or all.
    pub fn count(&self, status: TicketStatus, channel: Option<Channel>) -> i64 {
        self.by_status_channel
            .iter()
            .filter(|((s, c), _)| s == status.as_str() && channel.is_none_or(|ch| c == ch.as_str()))
            .map(|(_, n)| n)
            .sum()
    }
}

/// The deadline the inbox counts down to: the oldest unanswered message, else the first answer.
const DUE: &str = "COALESCE(t.response_due_at, t.first_response_due_at)";

impl Store {
    /// One page of the queue. In priority order with one status this reads the queue index
    /// (`tickets_risk_queue`) in order, so the first page costs the same whatever the queue's
    /// length.
    pub async fn queue_page(
        &self,
        tenant: TenantId,
        page: &QueuePage,
        now: Timestamp,
    ) -> Result<Vec<TicketView>> {
        let mut q = Sql::new(
            "SELECT t.*, c.display_name AS customer_name FROM tickets t \
             LEFT JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id \
             WHERE t.tenant_id = ",
        );
        q.bind(tenant.0);
        if !page.statuses.is_empty() {
            q.push(" AND t.status IN ")
                .bind_list(page.statuses.iter().map(|s| s.as_str()));
        }
        if let Some(c) = page.channel {
            q.push(" AND t.channel = ").bind(c.as_str());
        }
        if page.by_deadline {
            q.push(&format!(
                " ORDER BY CASE WHEN {DUE} IS NULL THEN 1 ELSE 0 END, {DUE}, \
                 t.risk_score DESC, t.queue_due, t.id"
            ));
        } else {
            q.push(" ORDER BY t.risk_score DESC, t.queue_due, t.id");
        }
        q.push(" LIMIT ")
            .bind(page.limit)
            .push(" OFFSET ")
            .bind(page.offset.max(0));
        let mut conn = self.pool().acquire().await?;
        let rows = q.fetch_all(&mut *conn).await?;
        let mut tickets = Vec::with_capacity(rows.len());
        for row in &rows {
            tickets.push((ticket_from(row)?, get_opt_str(row, "customer_name")?));
        }
        views_of(&mut conn, tenant, tickets, now).await
    }

    /// Open and pending tickets counted by status and channel, and how many open ones are
    /// overdue or due before `soon`: one grouped pass over the unresolved part of the queue
    /// index.
    pub async fn queue_counts(
        &self,
        tenant: TenantId,
        now: Timestamp,
        soon: Timestamp,
    ) -> Result<QueueCounts> {
        let mut q = Sql::new(&format!(
            "SELECT t.status, t.channel, COUNT(*) AS n, \
             SUM(CASE WHEN {DUE} < "
        ));
        q.bind(now)
            .push(&format!(
                " THEN 1 ELSE 0 END) AS overdue, SUM(CASE WHEN {DUE} >= "
            ))
            .bind(now)
            .push(&format!(" AND {DUE} < "))
            .bind(soon)
            .push(" THEN 1 ELSE 0 END) AS soon FROM tickets t WHERE t.tenant_id = ")
            .bind(tenant.0)
            .push(" AND t.status IN ('open', 'pending') GROUP BY t.status, t.channel");
        let mut out = QueueCounts::default();
        for row in q.fetch_all(self.pool()).await? {
            let status = get_str(&row, "status")?;
            if status == TicketStatus::Open.as_str() {
                out.overdue += get_opt_i64(&row, "overdue")?.unwrap_or(0);
                out.due_soon += get_opt_i64(&row, "soon")?.unwrap_or(0);
            }
            out.by_status_channel
                .insert((status, get_str(&row, "channel")?), get_i64(&row, "n")?);
        }
        Ok(out)
    }

    /// Tickets in queue order: the earliest deadline first (tickets without one last); with
    /// `after_id`, in id order for paging through everything.
    pub async fn tickets(
        &self,
        tenant: TenantId,
        query: &TicketQuery,
        now: Timestamp,
    ) -> Result<Vec<TicketView>> {
        let mut q = Sql::new(
            "SELECT t.*, c.display_name AS customer_name FROM tickets t \
             LEFT JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id \
             WHERE t.tenant_id = ",
        );
        q.bind(tenant.0);
        if !query.statuses.is_empty() {
            q.push(" AND t.status IN ")
                .bind_list(query.statuses.iter().map(|s| s.as_str()));
        }
        if let Some(c) = query.customer {
            q.push(" AND t.customer_id = ").bind(c.0);
        }
        if let Some(after) = query.after_id {
            q.push(" AND t.id > ").bind(after.0);
            q.push(" ORDER BY t.id");
        } else {
            // The queue: riskiest first (the score includes time left on the clock), then the
            // earliest deadline.
            q.push(" ORDER BY t.risk_score DESC, t.queue_due, t.id");
        }
        q.push(" LIMIT ").bind(query.limit);
        let mut conn = self.pool().acquire().await?;
        let rows = q.fetch_all(&mut *conn).await?;
        let mut tickets = Vec::with_capacity(rows.len());
        for row in &rows {
            tickets.push((ticket_from(row)?, get_opt_str(row, "customer_name")?));
        }
        views_of(&mut conn, tenant, tickets, now).await
    }

    /// One ticket with its conversation, oldest message first.
    pub async fn ticket(
        &self,
        tenant: TenantId,
        id: TicketId,
        now: Timestamp,
    ) -> Result<Option<(TicketView, Vec<MessageView>)>> {
        let mut conn = self.pool().acquire().await?;
        let mut q = Sql::new(
            "SELECT t.*, c.display_name AS customer_name FROM tickets t \
             LEFT JOIN customers c ON c.tenant_id = t.tenant_id AND c.id = t.customer_id \
             WHERE t.tenant_id = ",
        );
        q.bind(tenant.0).push(" AND t.id = ").bind(id.0);
        let Some(row) = q.fetch_optional(&mut *conn).await? else {
            return Ok(None);
        };
        let ticket = ticket_from(&row)?;
        let name = get_opt_str(&row, "customer_name")?;
        let messages = messages_of(&mut conn, tenant, &[ticket.id]).await?;
        let view = views_of(&mut conn, tenant, vec![(ticket, name)], now)
            .await?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("ticket {id}")))?;
        Ok(Some((
            view,
            messages.iter().map(MessageView::from).collect(),
        )))
    }

    /// The HTML body of a message as received, if it has one.
    pub async fn message_html(
        &self,
        tenant: TenantId,
        message: MessageId,
    ) -> Result<Option<String>> {
        let mut q = Sql::new("SELECT body_html FROM messages WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(message.0);
        match q.fetch_optional(self.pool()).await? {
            Some(row) => get_opt_str(&row, "body_html"),
            None => Ok(None),
        }
    }

    /// The customer an id stands for now (following merges).
    pub async fn resolve_customer(
        &self,
        tenant: TenantId,
        id: CustomerId,
    ) -> Result<Option<CustomerId>> {
        let mut q = Sql::new("SELECT id, merged_into FROM customers WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(id.0);
        let Some(row) = q.fetch_optional(self.pool()).await? else {
            return Ok(None);
        };
        Ok(Some(CustomerId(
            get_opt_i64(&row, "merged_into")?.unwrap_or(get_i64(&row, "id")?),
        )))
    }

    /// Customers (not merged away) with their handles, orders and tickets, in id order.
    pub async fn customers(
        &self,
        tenant: TenantId,
        after: Option<CustomerId>,
        limit: i64,
    ) -> Result<Vec<CustomerView>> {
        let mut q = Sql::new(
            "SELECT id, display_name FROM customers WHERE merged_into IS NULL AND tenant_id = ",
        );
        q.bind(tenant.0);
        if let Some(after) = after {
            q.push(" AND id > ").bind(after.0);
        }
        q.push(" ORDER BY id LIMIT ").bind(limit);
        let mut conn = self.pool().acquire().await?;
        let rows = q.fetch_all(&mut *conn).await?;
        let mut base = Vec::with_capacity(rows.len());
        for row in &rows {
            base.push((
                CustomerId(get_i64(row, "id")?),
                get_opt_str(row, "display_name")?,
            ));
        }
        customer_views(&mut conn, tenant, base).await
    }

    pub async fn customer(&self, tenant: TenantId, id: CustomerId) -> Result<Option<CustomerView>> {
        let Some(id) = self.resolve_customer(tenant, id).await? else {
            return Ok(None);
        };
        let mut q = Sql::new("SELECT id, display_name FROM customers WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(id.0);
        let mut conn = self.pool().acquire().await?;
        let Some(row) = q.fetch_optional(&mut *conn).await? else {
            return Ok(None);
        };
        let base = vec![(id, get_opt_str(&row, "display_name")?)];
        Ok(customer_views(&mut conn, tenant, base).await?.pop())
    }

    /// Every ticket, message and order of a customer across all channels, oldest first.
    pub async fn history(
        &self,
        tenant: TenantId,
        id: CustomerId,
        now: Timestamp,
    ) -> Result<Option<History>> {
        let Some(customer) = self.customer(tenant, id).await? else {
            return Ok(None);
        };
        let mut conn = self.pool().acquire().await?;
        let mut timeline = Vec::new();
        let mut q = Sql::new("SELECT * FROM orders WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND customer_id = ")
            .bind(customer.id.0);
        for row in q.fetch_all(&mut *conn).await? {
            let order = order_from(&row)?;
            timeline.push(TimelineEntry::Order {
                at: order.placed_at,
                order: OrderView::from(&order),
            });
        }
        let mut q = Sql::new("SELECT * FROM tickets WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND customer_id = ")
            .bind(customer.id.0);
        let mut tickets = Vec::new();
        for row in q.fetch_all(&mut *conn).await? {
            tickets.push((ticket_from(&row)?, customer.name.clone()));
        }
        let ids: Vec<TicketId> = tickets.iter().map(|(t, _)| t.id).collect();
        for view in views_of(&mut conn, tenant, tickets, now).await? {
            timeline.push(TimelineEntry::Ticket {
                at: view.created_at,
                ticket: Box::new(view),
            });
        }
        for m in messages_of(&mut conn, tenant, &ids).await? {
            timeline.push(TimelineEntry::Message {
                at: m.received_at,
                message: MessageView::from(&m),
            });
        }
        Ok(Some(History::new(customer, timeline)))
    }

    /// The identity links of a customer, with their evidence (including undone ones).
    pub async fn links_of(&self, tenant: TenantId, customer: CustomerId) -> Result<Vec<LinkRow>> {
        let mut q = Sql::new(
            "SELECT l.* FROM identity_links l JOIN identities i ON i.tenant_id = l.tenant_id AND i.id = l.a \
             WHERE l.tenant_id = ",
        );
        q.bind(tenant.0)
            .push(" AND i.customer_id = ")
            .bind(customer.0)
            .push(" ORDER BY l.created_at, l.id");
        let mut out = Vec::new();
        for row in q.fetch_all(self.pool()).await? {
            out.push(link_from(&row)?);
        }
        Ok(out)
    }

    /// Undoes a wrong identity link. When the customer's handles no longer hang together, the
    /// part without the oldest handle becomes a customer of its own, taking its orders and
    /// tickets along. Returns the customers that exist afterwards.
    pub async fn unlink(
        &self,
        tenant: TenantId,
        link: LinkId,
        now: Timestamp,
    ) -> Result<Vec<CustomerId>> {
        let _guard = self.ingest_lock.lock().await;
        let mut conn = self.pool().acquire().await?;
        let mut tx = self.begin_write(&mut conn).await?;
        let mut q = Sql::new("SELECT * FROM identity_links WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(link.0);
        let row = q
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("identity link {link}")))?;
        let removed = link_from(&row)?;
        if removed.removed_at.is_some() {
            return Err(StoreError::Invalid(format!(
                "identity link {link} was already undone"
            )));
        }
        let mut q = Sql::new("UPDATE identity_links SET removed_at = ");
        q.bind(now)
            .push(" WHERE tenant_id = ")
            .bind(tenant.0)
            .push(" AND id = ")
            .bind(link.0);
        q.execute(&mut *tx).await?;

        let mut q = Sql::new("SELECT customer_id FROM identities WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(removed.a.0);
        let customer = CustomerId(get_i64(&q.fetch_one(&mut *tx).await?, "customer_id")?);
        let mut q = Sql::new("SELECT id FROM identities WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND customer_id = ")
            .bind(customer.0)
            .push(" ORDER BY id");
        let mut identities = Vec::new();
        for row in q.fetch_all(&mut *tx).await? {
            identities.push(IdentityId(get_i64(&row, "id")?));
        }
        let mut q = Sql::new(
            "SELECT l.a, l.b FROM identity_links l JOIN identities i ON i.tenant_id = l.tenant_id AND i.id = l.a \
             WHERE l.removed_at IS NULL AND l.tenant_id = ",
        );
        q.bind(tenant.0)
            .push(" AND i.customer_id = ")
            .bind(customer.0);
        let mut links = Vec::new();
        for row in q.fetch_all(&mut *tx).await? {
            links.push((
                IdentityId(get_i64(&row, "a")?),
                IdentityId(get_i64(&row, "b")?),
            ));
        }
        let anchor = identities.first().copied().unwrap_or(removed.a);
        let groups = identity_components(&identities, &links, anchor);
        let mut result = vec![customer];
        let mut ids = crate::reserve_in(&mut tx, groups.len() as i64 * 2 + 2).await?;
        for group in groups.iter().skip(1) {
            use cairn_domain::IdSource;
            let new_customer = CustomerId(ids.next_id());
            let mut q = Sql::new(
                "INSERT INTO customers (id, tenant_id, display_name, created_at, merged_into) \
                 SELECT ",
            );
            q.bind(new_customer.0)
                .push(", tenant_id, display_name, ")
                .bind(now)
                .push(", NULL FROM customers WHERE tenant_id = ")
                .bind(tenant.0)
                .push(" AND id = ")
                .bind(customer.0);
            q.execute(&mut *tx).await?;
            for (table, col) in [
                ("identities", "id"),
                ("orders", "buyer_identity_id"),
                ("tickets", "identity_id"),
            ] {
                for chunk in group.chunks(500) {
                    let mut q = Sql::new(&format!("UPDATE {table} SET customer_id = "));
                    q.bind(new_customer.0)
                        .push(" WHERE tenant_id = ")
                        .bind(tenant.0)
                        .push(&format!(" AND {col} IN "))
                        .bind_list(chunk.iter().map(|i| i.0));
                    q.execute(&mut *tx).await?;
                }
            }
            result.push(new_customer);
        }
        let detail = json!({"link": link.to_string(), "split_into": result.iter().map(|c| c.to_string()).collect::<Vec<_>>()});
        crate::audit::append_event(
            &mut tx,
            tenant,
            &mut ids,
            "identity_unlinked",
            None,
            Some(customer),
            now,
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(result)
    }
}

fn link_from(row: &AnyRow) -> Result<LinkRow> {
    let evidence = get_str(row, "evidence")?;
    Ok(LinkRow {
        id: LinkId(get_i64(row, "id")?),
        a: IdentityId(get_i64(row, "a")?),
        b: IdentityId(get_i64(row, "b")?),
        evidence: cairn_domain::model::Evidence::parse(&evidence)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown evidence {evidence:?}")))?,
        detail: get_str(row, "detail")?,
        created_at: get_ts(row, "created_at")?,
        removed_at: get_opt_ts(row, "removed_at")?,
    })
}

async fn messages_of(
    conn: &mut AnyConnection,
    tenant: TenantId,
    tickets: &[TicketId],
) -> Result<Vec<MessageRow>> {
    let mut out = Vec::new();
    for chunk in tickets.chunks(500) {
        let mut q = Sql::new("SELECT * FROM messages WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND ticket_id IN ")
            .bind_list(chunk.iter().map(|t| t.0))
            .push(" ORDER BY received_at, id");
        for row in q.fetch_all(&mut *conn).await? {
            out.push(message_from(&row)?);
        }
    }
    out.sort_by_key(|m| (m.received_at, m.id));
    Ok(out)
}

/// Fills in what a ticket view needs beyond the ticket row: its orders and message ids.
async fn views_of(
    conn: &mut AnyConnection,
    tenant: TenantId,
    mut tickets: Vec<(TicketRow, Option<String>)>,
    now: Timestamp,
) -> Result<Vec<TicketView>> {
    // The company clock of this tenant, once for the whole page.
    let policy = crate::settings::triage_rules_in(&mut *conn, tenant)
        .await?
        .sla;
    let ids: Vec<i64> = tickets.iter().map(|(t, _)| t.id.0).collect();
    let mut refs: HashMap<i64, Vec<String>> = HashMap::new();
    let mut externals: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let mut q = Sql::new("SELECT ticket_id, order_ref FROM ticket_orders WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND ticket_id IN ")
            .bind_list(chunk.iter().copied())
            .push(" ORDER BY ticket_id, order_ref");
        for row in q.fetch_all(&mut *conn).await? {
            refs.entry(get_i64(&row, "ticket_id")?)
                .or_default()
                .push(get_str(&row, "order_ref")?);
        }
        let mut q = Sql::new("SELECT ticket_id, external_id FROM messages WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND ticket_id IN ")
            .bind_list(chunk.iter().copied())
            .push(" ORDER BY received_at, id");
        for row in q.fetch_all(&mut *conn).await? {
            externals
                .entry(get_i64(&row, "ticket_id")?)
                .or_default()
                .push(get_str(&row, "external_id")?);
        }
    }
    Ok(tickets
        .iter_mut()
        .map(|(t, name)| {
            t.order_refs = refs.remove(&t.id.0).unwrap_or_default();
            let ext = externals.remove(&t.id.0).unwrap_or_default();
            TicketView::new(t, name.take(), ext, &policy, now)
        })
        .collect())
}

async fn customer_views(
    conn: &mut AnyConnection,
    tenant: TenantId,
    base: Vec<(CustomerId, Option<String>)>,
) -> Result<Vec<CustomerView>> {
    let mut views: BTreeMap<i64, CustomerView> = base
        .into_iter()
        .map(|(id, name)| {
            (
                id.0,
                CustomerView {
                    id,
                    name,
                    identities: Vec::new(),
                    addresses: Vec::new(),
                    order_ids: Vec::new(),
                    ticket_ids: Vec::new(),
                },
            )
        })
        .collect();
    let ids: Vec<i64> = views.keys().copied().collect();
    for chunk in ids.chunks(500) {
        let mut q = Sql::new("SELECT customer_id, kind, value FROM identities WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND customer_id IN ")
            .bind_list(chunk.iter().copied())
            .push(" ORDER BY id");
        for row in q.fetch_all(&mut *conn).await? {
            let Some(v) = views.get_mut(&get_i64(&row, "customer_id")?) else {
                continue;
            };
            let kind = get_str(&row, "kind")?;
            let value = get_str(&row, "value")?;
            match IdentityKind::parse(&kind) {
                Some(IdentityKind::NameAddress) => v.addresses.push(value),
                Some(k) => v.identities.push(IdentityView {
                    kind: k.as_str(),
                    value,
                }),
                None => {
                    return Err(StoreError::Corrupt(format!(
                        "unknown identity kind {kind:?}"
                    )));
                }
            }
        }
        let mut q = Sql::new("SELECT customer_id, order_ref FROM orders WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND customer_id IN ")
            .bind_list(chunk.iter().copied())
            .push(" ORDER BY placed_at, id");
        for row in q.fetch_all(&mut *conn).await? {
            if let Some(v) = views.get_mut(&get_i64(&row, "customer_id")?) {
                v.order_ids.push(get_str(&row, "order_ref")?);
            }
        }
        let mut q = Sql::new("SELECT customer_id, id FROM tickets WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND customer_id IN ")
            .bind_list(chunk.iter().copied())
            .push(" ORDER BY created_at, id");
        for row in q.fetch_all(&mut *conn).await? {
            if let Some(v) = views.get_mut(&get_i64(&row, "customer_id")?) {
                v.ticket_ids.push(TicketId(get_i64(&row, "id")?));
            }
        }
    }
    Ok(views.into_values().collect())
}

impl Store {
    /// Re-scores open tickets whose risk changes by the passing of time (a deadline came
    /// closer). Cheap: only tickets whose moment has come are touched. Returns how many.
    pub async fn refresh_risk(
        &self,
        tenant: TenantId,
        weights: &cairn_domain::risk::RiskWeights,
        now: Timestamp,
    ) -> Result<usize> {
        let mut conn = self.pool().acquire().await?;
        let mut q = Sql::new("SELECT * FROM tickets WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND risk_changes_at <= ")
            .bind(now)
            .push(" ORDER BY risk_changes_at LIMIT 5000");
        let mut tickets = Vec::new();
        for row in q.fetch_all(&mut *conn).await? {
            tickets.push(ticket_from(&row)?);
        }
        if tickets.is_empty() {
            return Ok(0);
        }
        let ids: Vec<i64> = tickets.iter().map(|t| t.id.0).collect();
        let mut refs: HashMap<i64, Vec<String>> = HashMap::new();
        let mut orders: HashMap<String, Vec<cairn_domain::model::OrderRow>> = HashMap::new();
        for chunk in ids.chunks(500) {
            let mut q = Sql::new(
                "SELECT o.*, x.ticket_id AS for_ticket FROM ticket_orders x \
                 JOIN orders o ON o.tenant_id = x.tenant_id AND o.order_ref = x.order_ref \
                 WHERE x.tenant_id = ",
            );
            q.bind(tenant.0)
                .push(" AND x.ticket_id IN ")
                .bind_list(chunk.iter().copied());
            for row in q.fetch_all(&mut *conn).await? {
                let order = order_from(&row)?;
                refs.entry(get_i64(&row, "for_ticket")?)
                    .or_default()
                    .push(order.order_ref.clone());
                orders
                    .entry(order.order_ref.clone())
                    .or_default()
                    .push(order);
            }
        }
        let mut tx = self.begin_write(&mut conn).await?;
        for t in &tickets {
            let mine: Vec<&cairn_domain::model::OrderRow> = refs
                .get(&t.id.0)
                .into_iter()
                .flatten()
                .flat_map(|r| orders.get(r).into_iter().flatten())
                .collect();
            let (risk, changes_at) = cairn_domain::ingest::score_ticket(t, &mine, weights, now);
            // The moment a waiting answer passes its deadline is recorded once, as it happens.
            let was_overdue = t.risk.reasons.iter().any(|r| r.starts_with("overdue"));
            let is_overdue = risk.reasons.iter().any(|r| r.starts_with("overdue"));
            if is_overdue
                && !was_overdue
                && let Some(due) = t.response_due_at
            {
                let mut ids = crate::reserve_in(&mut tx, 1).await?;
                crate::audit::append_event(
                    &mut tx,
                    tenant,
                    &mut ids,
                    "deadline_breached",
                    Some(t.id),
                    Some(t.customer_id),
                    due,
                    json!({"channel": t.channel.as_str(), "due_at": due.to_string()}),
                )
                .await?;
            }
            let mut q = Sql::new("UPDATE tickets SET risk_score = ");
            q.bind(i64::from(risk.score))
                .push(", risk_reasons = ")
                .bind(to_json(&risk.reasons))
                .push(", risk_changes_at = ")
                .bind(changes_at)
                .push(" WHERE tenant_id = ")
                .bind(tenant.0)
                .push(" AND id = ")
                .bind(t.id.0);
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(tickets.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IngestOptions;
    use cairn_domain::records::parse_record;
    use jiff::SignedDuration;

    fn now() -> Timestamp {
        "2026-11-10T12:00:00Z".parse().expect("time")
    }

    /// Customers on three channels writing at different times, so deadlines and risk differ.
    async fn fill(store: &Store, tenant: TenantId) {
        let mut lines = Vec::new();
        for i in 0..9 {
            let (channel, from) = match i % 3 {
                0 => ("amazon", format!("buyer{i}@marketplace.amazon.de")),
                1 => ("ebay", format!("user{i}@members.ebay.com")),
                _ => ("email", format!("kunde{i}@example.com")),
            };
            let at = format!("2026-11-{:02}T{:02}:00:00Z", 8 + i % 3, 1 + i);
            lines.push(serde_json::json!({"type":"message","channel":channel,
                "external_id":format!("<q{i}@example.com>"),"received_at":at,"direction":"inbound",
                "from":{"email":from,"name":format!("Kunde {i}")},"to":"shop@example.com",
                "subject":format!("Frage {i}"),"text":if i % 2 == 0 { "Wo ist mein Paket? Ich will mein Geld zurück!" } else { "Danke" }}));
        }
        let records: Vec<_> = lines
            .iter()
            .map(|l| parse_record(&l.to_string()).expect("record"))
            .collect();
        store
            .ingest(tenant, &records, &IngestOptions::default(), now())
            .await
            .expect("ingest");
    }

    async fn check(store: &Store) {
        let tenant = store.ensure_tenant("queue", "queue").await.expect("tenant");
        fill(store, tenant).await;
        let all = store
            .tickets(tenant, &TicketQuery::unresolved(1000), now())
            .await
            .expect("tickets");
        assert_eq!(all.len(), 9);
        let due = |t: &TicketView| t.response_due_at.or(t.sla.first_response_due_at);
        for channel in [None, Some(Channel::Amazon), Some(Channel::Ebay)] {
            for by_deadline in [false, true] {
                let mut want: Vec<TicketId> = Vec::new();
                let mut sorted: Vec<&TicketView> = all
                    .iter()
                    .filter(|t| t.status == "open")
                    .filter(|t| channel.is_none_or(|c| t.channel == c.as_str()))
                    .collect();
                if by_deadline {
                    sorted.sort_by_key(|t| (due(t).is_none(), due(t)));
                }
                want.extend(sorted.iter().map(|t| t.id));
                let mut got = Vec::new();
                for offset in (0..10).step_by(2) {
                    let page = QueuePage {
                        statuses: vec![TicketStatus::Open],
                        channel,
                        by_deadline,
                        offset,
                        limit: 2,
                    };
                    let tickets = store.queue_page(tenant, &page, now()).await.expect("page");
                    assert!(tickets.len() <= 2);
                    got.extend(tickets.iter().map(|t| t.id));
                }
                assert_eq!(got, want, "{channel:?} by deadline {by_deadline}");
            }
        }
        let soon = now()
            .checked_add(SignedDuration::from_hours(4))
            .expect("soon");
        let counts = store
            .queue_counts(tenant, now(), soon)
            .await
            .expect("counts");
        let open: Vec<&TicketView> = all.iter().filter(|t| t.status == "open").collect();
        assert_eq!(counts.count(TicketStatus::Open, None) as usize, open.len());
        assert_eq!(counts.count(TicketStatus::Pending, None), 0);
        assert_eq!(counts.count(TicketStatus::Open, Some(Channel::Ebay)), 3);
        assert_eq!(counts.count(TicketStatus::Open, Some(Channel::Walmart)), 0);
        let overdue = open
            .iter()
            .filter(|t| due(t).is_some_and(|d| d < now()))
            .count();
        let due_soon = open
            .iter()
            .filter(|t| due(t).is_some_and(|d| d >= now() && d < soon))
            .count();
        assert_eq!(
            (counts.overdue as usize, counts.due_soon as usize),
            (overdue, due_soon)
        );
        assert!(overdue > 0, "the sample has overdue tickets");
        // Another tenant counts nothing.
        let other = store
            .ensure_tenant("queue2", "queue2")
            .await
            .expect("tenant");
        assert_eq!(
            store
                .queue_counts(other, now(), soon)
                .await
                .expect("counts"),
            QueueCounts::default()
        );
    }

    #[tokio::test]
    async fn inbox_pages_and_counts_in_the_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}/cairn.db", dir.path().display());
        let store = Store::open(&url).await.expect("open sqlite");
        check(&store).await;
        store.close().await;
        let Ok(admin) = std::env::var("CAIRN_TEST_POSTGRES") else {
            eprintln!("note: CAIRN_TEST_POSTGRES is not set; queue paging ran on SQLite only");
            return;
        };
        let db = crate::scratch::ScratchPostgres::create(&admin, "cairn_queue_test")
            .await
            .expect("create a PostgreSQL test database");
        let store = Store::open(db.url()).await.expect("open postgres");
        check(&store).await;
        store.close().await;
        db.drop().await;
    }
}
