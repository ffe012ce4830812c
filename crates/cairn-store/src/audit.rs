//! Appending to and checking the tenant's tamper-evident event chain outside of ingest.

use cairn_domain::events::{EventRow, GENESIS, chain_hash, verify_chain};
use cairn_domain::{CustomerId, EventId, IdSource, OrderId, TenantId, TicketId};
use jiff::Timestamp;
use sqlx::AnyConnection;

use crate::sql::*;
use crate::{Result, Store, StoreError};

/// Appends one event inside the caller's transaction and moves the chain head.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn append_event(
    conn: &mut AnyConnection,
    tenant: TenantId,
    ids: &mut impl IdSource,
    kind: &str,
    ticket: Option<TicketId>,
    customer: Option<CustomerId>,
    at: Timestamp,
    data: serde_json::Value,
) -> Result<()> {
    append_event_on(conn, tenant, ids, kind, (ticket, customer, None), at, data).await
}

/// [`append_event`] with the order the event concerns as well.
pub(crate) async fn append_event_on(
    conn: &mut AnyConnection,
    tenant: TenantId,
    ids: &mut impl IdSource,
    kind: &str,
    (ticket, customer, order): (Option<TicketId>, Option<CustomerId>, Option<OrderId>),
    at: Timestamp,
    data: serde_json::Value,
) -> Result<()> {
    let mut q = Sql::new("SELECT event_head, event_seq FROM tenants WHERE id = ");
    q.bind(tenant.0);
    let row = q.fetch_one(&mut *conn).await?;
    let head = get_str(&row, "event_head")?;
    let seq = get_i64(&row, "event_seq")? + 1;
    let id = EventId(ids.next_id());
    let hash = chain_hash(&head, id, kind, ticket, at, &data);
    let mut q = Sql::new(
        "INSERT INTO events (id, tenant_id, ticket_id, customer_id, order_id, kind, data, at, hash, seq) VALUES ",
    );
    q.bind_list::<Val>(vec![
        id.0.into(),
        tenant.0.into(),
        ticket.map(|t| t.0).into(),
        customer.map(|c| c.0).into(),
        order.map(|o| o.0).into(),
        kind.into(),
        data.to_string().into(),
        at.into(),
        hash.clone().into(),
        seq.into(),
    ]);
    q.execute(&mut *conn).await?;
    let mut q = Sql::new("UPDATE tenants SET event_head = ");
    q.bind(hash)
        .push(", event_seq = ")
        .bind(seq)
        .push(" WHERE id = ")
        .bind(tenant.0);
    q.execute(&mut *conn).await?;
    Ok(())
}

impl Store {
    /// Events of one ticket, oldest first.
    pub async fn ticket_events(&self, tenant: TenantId, ticket: TicketId) -> Result<Vec<EventRow>> {
        let mut q = Sql::new("SELECT * FROM events WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND ticket_id = ")
            .bind(ticket.0)
            .push(" ORDER BY id");
        let mut out = Vec::new();
        for row in q.fetch_all(self.pool()).await? {
            out.push(event_from(&row)?);
        }
        Ok(out)
    }

    /// Walks the tenant's whole event chain; `Err` names the first event that does not follow.
    pub async fn verify_events(
        &self,
        tenant: TenantId,
    ) -> Result<std::result::Result<usize, EventId>> {
        let mut prev = GENESIS.to_string();
        let mut after = i64::MIN;
        let mut count = 0usize;
        loop {
            // In the order events joined the chain, which ids need not follow.
            let mut q = Sql::new("SELECT * FROM events WHERE tenant_id = ");
            q.bind(tenant.0)
                .push(" AND seq > ")
                .bind(after)
                .push(" ORDER BY seq LIMIT 5000");
            let rows = q.fetch_all(self.pool()).await?;
            if rows.is_empty() {
                break;
            }
            let events: Vec<EventRow> = rows.iter().map(event_from).collect::<Result<_>>()?;
            match verify_chain(&prev, &events) {
                Ok(head) => prev = head,
                Err(i) => return Ok(Err(events[i].id)),
            }
            count += events.len();
            after = rows
                .last()
                .map(|r| get_i64(r, "seq"))
                .transpose()?
                .unwrap_or(after);
        }
        Ok(Ok(count))
    }
}

fn event_from(row: &sqlx::any::AnyRow) -> Result<EventRow> {
    let data = get_str(row, "data")?;
    Ok(EventRow {
        id: EventId(get_i64(row, "id")?),
        ticket_id: get_opt_i64(row, "ticket_id")?.map(TicketId),
        customer_id: get_opt_i64(row, "customer_id")?.map(CustomerId),
        order_id: get_opt_i64(row, "order_id")?.map(OrderId),
        kind: get_str(row, "kind")?,
        data: serde_json::from_str(&data)
            .map_err(|e| StoreError::Corrupt(format!("event data: {e}")))?,
        at: get_ts(row, "at")?,
        hash: get_str(row, "hash")?,
    })
}
