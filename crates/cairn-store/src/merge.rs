//! Merging tickets into one and undoing it, with courtesy notes queued in the outbox.

use cairn_domain::merge::{MergePlan, plan_merge};
use cairn_domain::model::{TicketRow, TicketStatus};
use cairn_domain::sla::DeadlineRules;
use cairn_domain::views::OutboxView;
use cairn_domain::{IdSource, TenantId, TicketId};
use jiff::Timestamp;
use serde_json::json;
use sqlx::AnyConnection;

use crate::audit::append_event;
use crate::rows::*;
use crate::sql::*;
use crate::{Result, Store, StoreError};

async fn load_tickets(
    conn: &mut AnyConnection,
    tenant: TenantId,
    ids: &[TicketId],
) -> Result<Vec<TicketRow>> {
    let mut out = Vec::new();
    for id in ids {
        let mut q = Sql::new("SELECT * FROM tickets WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(id.0);
        let row = q
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("ticket {id}")))?;
        let mut t = ticket_from(&row)?;
        let mut q = Sql::new("SELECT order_ref FROM ticket_orders WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND ticket_id = ")
            .bind(id.0)
            .push(" ORDER BY order_ref");
        for r in q.fetch_all(&mut *conn).await? {
            t.order_refs.push(get_str(&r, "order_ref")?);
        }
        out.push(t);
    }
    Ok(out)
}

/// The customer address and the message a note to this ticket answers.
async fn reply_target(
    conn: &mut AnyConnection,
    tenant: TenantId,
    ticket: TicketId,
) -> Result<(Option<String>, Option<String>)> {
    let mut q = Sql::new(
        "SELECT from_email, external_id FROM messages WHERE direction = 'inbound' AND tenant_id = ",
    );
    q.bind(tenant.0)
        .push(" AND ticket_id = ")
        .bind(ticket.0)
        .push(" ORDER BY received_at DESC, id DESC LIMIT 1");
    match q.fetch_optional(&mut *conn).await? {
        Some(row) => Ok((
            get_opt_str(&row, "from_email")?,
            Some(get_str(&row, "external_id")?),
        )),
        None => Ok((None, None)),
    }
}

/// A Message-ID that is the same however often the item is looked at, so a retry after a crash
/// can be recognised in the Sent folder.
pub fn outbox_message_id(id: i64, ticket: TicketId, domain: &str) -> String {
    format!("<cairn.{id}.t{ticket}@{domain}>")
}

impl Store {
    /// Merges tickets of one customer. Returns the plan that was carried out.
    pub async fn merge_tickets(
        &self,
        tenant: TenantId,
        ids: &[TicketId],
        rules: &DeadlineRules,
        now: Timestamp,
    ) -> Result<MergePlan> {
        let _guard = self.ingest_lock.lock().await;
        let mut conn = self.pool().acquire().await?;
        let mut idgen = self.next_ids(ids.len() as i64 * 2 + 4).await?;
        let mut tx = self.begin_write(&mut conn).await?;
        let tickets = load_tickets(&mut tx, tenant, ids).await?;
        let plan = plan_merge(&tickets, rules).map_err(|e| StoreError::Invalid(e.to_string()))?;
        for (child, previous) in &plan.merged {
            let mut q = Sql::new("UPDATE tickets SET status = 'merged', merged_into = ");
            q.bind(plan.primary.0)
                .push(", status_before_merge = ")
                .bind(previous.as_str())
                .push(" WHERE tenant_id = ")
                .bind(tenant.0)
                .push(" AND id = ")
                .bind(child.0);
            q.execute(&mut *tx).await?;
        }
        for note in &plan.notes {
            let (to, in_reply_to) = reply_target(&mut tx, tenant, note.ticket).await?;
            let subject = tickets
                .iter()
                .find(|t| t.id == note.ticket)
                .map(|t| format!("Re: {}", t.subject));
            let id = idgen.next_id();
            let mut q = Sql::new(
                "INSERT INTO outbox (id, tenant_id, ticket_id, channel, kind, to_addr, subject, body_text, \
                 language, in_reply_to, message_id, status, created_at, updated_at) VALUES ",
            );
            q.bind_list::<Val>(vec![
                id.into(),
                tenant.0.into(),
                note.ticket.0.into(),
                note.channel.as_str().into(),
                "courtesy_note".into(),
                to.into(),
                subject.into(),
                note.text.clone().into(),
                note.language.clone().into(),
                in_reply_to.into(),
                outbox_message_id(id, note.ticket, "cairn.invalid").into(),
                "queued".into(),
                now.into(),
                now.into(),
            ]);
            q.execute(&mut *tx).await?;
        }
        let merged: Vec<String> = plan.merged.iter().map(|(t, _)| t.to_string()).collect();
        append_event(
            &mut tx,
            tenant,
            &mut idgen,
            "tickets_merged",
            Some(plan.primary),
            None,
            now,
            json!({"primary": plan.primary.to_string(), "merged": merged}),
        )
        .await?;
        for (child, _) in &plan.merged {
            append_event(
                &mut tx,
                tenant,
                &mut idgen,
                "merged_into",
                Some(*child),
                None,
                now,
                json!({"primary": plan.primary.to_string()}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(plan)
    }

    /// Undoes a merge. Given a merged ticket, restores it; given a primary, restores every
    /// ticket merged into it. Courtesy notes not yet sent are cancelled. Returns the restored
    /// tickets.
    pub async fn unmerge_ticket(
        &self,
        tenant: TenantId,
        id: TicketId,
        now: Timestamp,
    ) -> Result<Vec<TicketId>> {
        let _guard = self.ingest_lock.lock().await;
        let mut conn = self.pool().acquire().await?;
        let mut tx = self.begin_write(&mut conn).await?;
        let mut q =
            Sql::new("SELECT id, merged_into, status_before_merge FROM tickets WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND (id = ")
            .bind(id.0)
            .push(" AND status = 'merged' OR merged_into = ")
            .bind(id.0)
            .push(" AND status = 'merged')");
        let rows = q.fetch_all(&mut *tx).await?;
        if rows.is_empty() {
            return Err(StoreError::Invalid(format!(
                "ticket {id} is neither merged nor the primary of a merge"
            )));
        }
        let mut idgen = crate::reserve_in(&mut tx, rows.len() as i64 + 2).await?;
        let mut restored = Vec::new();
        for row in rows {
            let child = TicketId(get_i64(&row, "id")?);
            let primary = get_opt_i64(&row, "merged_into")?.map(TicketId);
            let previous = get_opt_str(&row, "status_before_merge")?
                .and_then(|s| TicketStatus::parse(&s))
                .unwrap_or(TicketStatus::Open);
            let mut q = Sql::new("UPDATE tickets SET status = ");
            q.bind(previous.as_str())
                .push(", merged_into = NULL, status_before_merge = NULL WHERE tenant_id = ")
                .bind(tenant.0)
                .push(" AND id = ")
                .bind(child.0);
            q.execute(&mut *tx).await?;
            let mut q = Sql::new("UPDATE outbox SET status = 'cancelled', updated_at = ");
            q.bind(now)
                .push(" WHERE status = 'queued' AND kind = 'courtesy_note' AND tenant_id = ")
                .bind(tenant.0)
                .push(" AND ticket_id = ")
                .bind(child.0);
            q.execute(&mut *tx).await?;
            append_event(
                &mut tx,
                tenant,
                &mut idgen,
                "unmerged",
                Some(child),
                None,
                now,
                json!({"from": primary.map(|p| p.to_string()), "status": previous.as_str()}),
            )
            .await?;
            restored.push(child);
        }
        tx.commit().await?;
        Ok(restored)
    }

    /// The outbox of a ticket, oldest first.
    pub async fn outbox_of(&self, tenant: TenantId, ticket: TicketId) -> Result<Vec<OutboxView>> {
        let mut q = Sql::new("SELECT * FROM outbox WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND ticket_id = ")
            .bind(ticket.0)
            .push(" ORDER BY created_at, id");
        let mut out = Vec::new();
        for row in q.fetch_all(self.pool()).await? {
            out.push(OutboxView {
                id: get_i64(&row, "id")?.to_string(),
                ticket_id: TicketId(get_i64(&row, "ticket_id")?),
                channel: channel(&row, "channel")?.as_str(),
                kind: get_str(&row, "kind")?,
                to: get_opt_str(&row, "to_addr")?,
                subject: get_opt_str(&row, "subject")?,
                text: get_str(&row, "body_text")?,
                language: get_opt_str(&row, "language")?,
                in_reply_to: get_opt_str(&row, "in_reply_to")?,
                message_id: get_str(&row, "message_id")?,
                status: get_str(&row, "status")?,
                created_at: get_ts(&row, "created_at")?,
            });
        }
        Ok(out)
    }
}
