//! Mailboxes of a tenant, the IMAP cursor of each folder, what was received through them, and
//! the email half of the outbox.
//!
//! The cursor and the received-mail rows are written by [`Store::ingest_mail`] in the same
//! transaction as the messages they describe, so a crash leaves either the messages with their
//! cursor or neither; the attachments of those messages ride along. Marking an outbox item sent
//! happens in the same transaction as the outbound message it becomes.

use cairn_domain::records::Record;
use cairn_domain::{IdSource, TenantId, TicketId};
use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::attachments::{MessageAttachments, write_attachments};
use crate::ingest::{BatchReport, IngestOptions};
use crate::merge::outbox_message_id;
use crate::sql::*;
use crate::{Result, Store, StoreError};

/// What a mailbox is configured with. The password is stored encrypted by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxSettings {
    pub name: String,
    pub address: String,
    pub imap_host: String,
    pub imap_port: u16,
    pub smtp_host: String,
    pub smtp_port: u16,
    /// `tls`, `starttls` or `none`.
    pub security: String,
    pub username: String,
    /// The password, encrypted at rest; never shown.
    pub password_enc: String,
    pub folders: Vec<String>,
    pub sent_folder: String,
    pub max_message_bytes: i64,
    /// Where fetched mail is moved once it is stored (none: it stays where it is).
    pub move_to: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mailbox {
    pub id: i64,
    pub settings: MailboxSettings,
    pub created_at: Timestamp,
}

impl Mailbox {
    /// The domain of the mailbox's address, for our Message-IDs.
    pub fn domain(&self) -> &str {
        self.settings
            .address
            .rsplit_once('@')
            .map_or("cairn.invalid", |(_, d)| d)
    }
}

/// Where ingest of one folder stands: every UID up to `last_uid` of this `uidvalidity` is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub folder: String,
    pub uidvalidity: i64,
    pub last_uid: i64,
}

/// One message fetched over IMAP, with what ingest must remember about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReceivedMail {
    pub channel: String,
    pub external_id: String,
    pub folder: String,
    pub uidvalidity: i64,
    pub uid: i64,
    /// Content hash of the raw message kept under the data folder; `None` when it was too big.
    pub raw_sha256: Option<String>,
    pub size_bytes: i64,
    pub oversize: bool,
    /// Loop or bulk markers: Cairn must never answer this message automatically.
    pub auto_reply_suppressed: bool,
    pub loop_reasons: Vec<String>,
    /// `References` of the message, oldest first, with angle brackets.
    pub references: Vec<String>,
}

/// Mailbox bookkeeping committed together with a batch of records.
#[derive(Clone, Debug, Default)]
pub struct MailCommit {
    pub mailbox_id: i64,
    pub cursor: Option<Cursor>,
    pub received: Vec<ReceivedMail>,
    /// Outbox items whose outbound message is in this batch.
    pub sent: Vec<i64>,
    /// Our messages (by Message-ID) that bounced, with the reason: their items become `failed`.
    pub bounced: Vec<(String, String)>,
    /// Attachments of the received messages, stored once per content hash.
    pub attachments: Vec<MessageAttachments>,
    /// Marketplace notices among the received mail: events, not tickets.
    pub notices: Vec<MarketplaceNotice>,
}

/// A marketplace's own notice about an order (a return request, an A-to-z claim, feedback…),
/// received by mail. It becomes a `marketplace_notice` event on the order and on the ticket
/// about that order, and opens no ticket. Its mail is one of [`MailCommit::received`]
/// (same channel and external id), which keeps a rescan from recording it twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarketplaceNotice {
    pub channel: String,
    pub external_id: String,
    /// `return_request`, `claim`, `chargeback`, `feedback`, `cancellation_request`, `refund`,
    /// `order` or `other`.
    pub kind: String,
    /// The marketplace's site, e.g. `amazon.de`.
    pub site: Option<String>,
    pub order_ref: Option<String>,
    pub subject: Option<String>,
    /// Why it was read as a notice.
    pub evidence: String,
    pub received_at: Timestamp,
}

/// An answer waiting in (or gone through) the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub ticket_id: TicketId,
    pub mailbox_id: Option<i64>,
    pub channel: String,
    pub kind: String,
    pub from_addr: Option<String>,
    pub to_addr: Option<String>,
    pub subject: Option<String>,
    pub body_text: String,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub message_id: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub raw_message: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Whom an answer on a ticket goes to, and through which mailbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyTarget {
    pub ticket_id: TicketId,
    pub channel: String,
    pub subject: String,
    pub to: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub mailbox_id: Option<i64>,
}

/// The token that marks a ticket in our subjects, e.g. `[#T123]`.
pub fn ticket_token(ticket: TicketId) -> String {
    format!("[#T{ticket}]")
}

/// `Re: subject [#T123]`, without piling up `Re:` or tokens.
pub fn reply_subject(subject: &str, ticket: TicketId) -> String {
    let token = ticket_token(ticket);
    let mut s = subject.replace(&token, "").trim().to_string();
    if s.is_empty() {
        s = "(no subject)".to_string();
    }
    let lower = s.to_ascii_lowercase();
    if !(lower.starts_with("re:") || lower.starts_with("aw:")) {
        s = format!("Re: {s}");
    }
    format!("{s} {token}")
}

fn mailbox_from(row: &AnyRow) -> Result<Mailbox> {
    let port = |col: &str| -> Result<u16> {
        u16::try_from(get_i64(row, col)?)
            .map_err(|_| StoreError::Corrupt(format!("column {col}: not a port")))
    };
    Ok(Mailbox {
        id: get_i64(row, "id")?,
        created_at: get_ts(row, "created_at")?,
        settings: MailboxSettings {
            name: get_str(row, "name")?,
            address: get_str(row, "address")?,
            imap_host: get_str(row, "imap_host")?,
            imap_port: port("imap_port")?,
            smtp_host: get_str(row, "smtp_host")?,
            smtp_port: port("smtp_port")?,
            security: get_str(row, "security")?,
            username: get_str(row, "username")?,
            password_enc: get_str(row, "password_enc")?,
            folders: get_json(row, "folders")?,
            sent_folder: get_str(row, "sent_folder")?,
            max_message_bytes: get_i64(row, "max_message_bytes")?,
            move_to: get_opt_str(row, "move_to")?,
        },
    })
}

fn outbox_from(row: &AnyRow) -> Result<OutboxItem> {
    Ok(OutboxItem {
        id: get_i64(row, "id")?,
        ticket_id: TicketId(get_i64(row, "ticket_id")?),
        mailbox_id: get_opt_i64(row, "mailbox_id")?,
        channel: get_str(row, "channel")?,
        kind: get_str(row, "kind")?,
        from_addr: get_opt_str(row, "from_addr")?,
        to_addr: get_opt_str(row, "to_addr")?,
        subject: get_opt_str(row, "subject")?,
        body_text: get_str(row, "body_text")?,
        in_reply_to: get_opt_str(row, "in_reply_to")?,
        references: get_opt_json(row, "references_hdr")?.unwrap_or_default(),
        message_id: get_str(row, "message_id")?,
        status: get_str(row, "status")?,
        attempts: get_i64(row, "attempts")?,
        last_error: get_opt_str(row, "last_error")?,
        raw_message: get_opt_str(row, "raw_message")?,
        created_at: get_ts(row, "created_at")?,
        updated_at: get_ts(row, "updated_at")?,
    })
}

/// Writes the cursor, the received mail and the sent marks of one batch.
/// Records a marketplace notice as an event on its order and on the newest ticket about that
/// order (an open one first), when Cairn knows them.
async fn record_notice(
    conn: &mut AnyConnection,
    tenant: TenantId,
    ids: &mut impl cairn_domain::IdSource,
    notice: &MarketplaceNotice,
) -> Result<()> {
    let (mut order, mut customer, mut ticket) = (None, None, None);
    if let Some(order_ref) = &notice.order_ref {
        let mut q = Sql::new("SELECT id, customer_id FROM orders WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND order_ref = ")
            .bind(order_ref.as_str())
            .push(" ORDER BY id LIMIT 1");
        if let Some(row) = q.fetch_optional(&mut *conn).await? {
            order = Some(cairn_domain::OrderId(get_i64(&row, "id")?));
            customer = Some(cairn_domain::CustomerId(get_i64(&row, "customer_id")?));
        }
        let mut q = Sql::new(
            "SELECT t.id, t.customer_id FROM ticket_orders o JOIN tickets t \
             ON t.tenant_id = o.tenant_id AND t.id = o.ticket_id WHERE o.tenant_id = ",
        );
        q.bind(tenant.0)
            .push(" AND o.order_ref = ")
            .bind(order_ref.as_str())
            .push(
                " AND t.status <> 'merged' ORDER BY CASE WHEN t.status = 'closed' THEN 1 ELSE 0 END, \
                 t.updated_at DESC, t.id DESC LIMIT 1",
            );
        if let Some(row) = q.fetch_optional(&mut *conn).await? {
            ticket = Some(TicketId(get_i64(&row, "id")?));
            customer = customer.or(Some(cairn_domain::CustomerId(get_i64(
                &row,
                "customer_id",
            )?)));
        }
    }
    let data = serde_json::json!({
        "notice": notice.kind,
        "site": notice.site,
        "order_ref": notice.order_ref,
        "subject": notice.subject,
        "evidence": notice.evidence,
        "channel": notice.channel,
        "message_id": notice.external_id,
    });
    crate::audit::append_event_on(
        conn,
        tenant,
        ids,
        "marketplace_notice",
        (ticket, customer, order),
        notice.received_at,
        data,
    )
    .await
}

pub(crate) async fn write_mail_commit(
    conn: &mut AnyConnection,
    tenant: TenantId,
    mail: &MailCommit,
    now: Timestamp,
) -> Result<()> {
    let mut fresh: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    for r in &mail.received {
        let mut q = Sql::new(
            "INSERT INTO mail_received (tenant_id, channel, external_id, mailbox_id, folder, \
             uidvalidity, uid, raw_sha256, size_bytes, oversize, auto_reply_suppressed, \
             loop_reasons, references_hdr, received_at) VALUES ",
        );
        q.bind_list::<Val>(vec![
            tenant.0.into(),
            r.channel.as_str().into(),
            r.external_id.as_str().into(),
            mail.mailbox_id.into(),
            r.folder.as_str().into(),
            r.uidvalidity.into(),
            r.uid.into(),
            r.raw_sha256.clone().into(),
            r.size_bytes.into(),
            i64::from(r.oversize).into(),
            i64::from(r.auto_reply_suppressed).into(),
            to_json(&r.loop_reasons).into(),
            to_json(&r.references).into(),
            now.into(),
        ]);
        q.push(" ON CONFLICT (tenant_id, channel, external_id) DO NOTHING");
        if q.execute(&mut *conn).await?.rows_affected() > 0 {
            fresh.insert((r.channel.as_str(), r.external_id.as_str()));
        }
    }
    let notices: Vec<&MarketplaceNotice> = mail
        .notices
        .iter()
        .filter(|n| fresh.contains(&(n.channel.as_str(), n.external_id.as_str())))
        .collect();
    if !notices.is_empty() {
        let mut ids = crate::reserve_in(&mut *conn, notices.len() as i64).await?;
        for notice in notices {
            record_notice(&mut *conn, tenant, &mut ids, notice).await?;
        }
    }
    if let Some(c) = &mail.cursor {
        let mut q = Sql::new(
            "INSERT INTO mailbox_cursors (tenant_id, mailbox_id, folder, uidvalidity, last_uid, updated_at) VALUES ",
        );
        q.bind_list::<Val>(vec![
            tenant.0.into(),
            mail.mailbox_id.into(),
            c.folder.as_str().into(),
            c.uidvalidity.into(),
            c.last_uid.into(),
            now.into(),
        ]);
        q.push(
            " ON CONFLICT (tenant_id, mailbox_id, folder) DO UPDATE SET \
             uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, updated_at = excluded.updated_at",
        );
        q.execute(&mut *conn).await?;
    }
    write_attachments(conn, tenant, &mail.attachments, now).await?;
    for (message_id, reason) in &mail.bounced {
        let mut q = Sql::new("UPDATE outbox SET status = 'failed', last_error = ");
        q.bind(reason.as_str())
            .push(", updated_at = ")
            .bind(now)
            .push(" WHERE tenant_id = ")
            .bind(tenant.0)
            .push(" AND message_id = ")
            .bind(message_id.as_str());
        q.execute(&mut *conn).await?;
    }
    for id in &mail.sent {
        let mut q = Sql::new("UPDATE outbox SET status = 'sent', sent_at = ");
        q.bind(now)
            .push(", updated_at = ")
            .bind(now)
            .push(" WHERE tenant_id = ")
            .bind(tenant.0)
            .push(" AND id = ")
            .bind(*id);
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

impl Store {
    /// Adds a mailbox, or replaces the settings of the one with the same name.
    pub async fn save_mailbox(
        &self,
        tenant: TenantId,
        settings: &MailboxSettings,
        now: Timestamp,
    ) -> Result<Mailbox> {
        let id = self.next_ids(1).await?.next_id();
        let mut q = Sql::new(
            "INSERT INTO mailboxes (id, tenant_id, name, address, imap_host, imap_port, smtp_host, \
             smtp_port, security, username, password_enc, folders, sent_folder, max_message_bytes, \
             created_at, updated_at, move_to) VALUES ",
        );
        q.bind_list::<Val>(vec![
            id.into(),
            tenant.0.into(),
            settings.name.as_str().into(),
            settings.address.as_str().into(),
            settings.imap_host.as_str().into(),
            i64::from(settings.imap_port).into(),
            settings.smtp_host.as_str().into(),
            i64::from(settings.smtp_port).into(),
            settings.security.as_str().into(),
            settings.username.as_str().into(),
            settings.password_enc.as_str().into(),
            to_json(&settings.folders).into(),
            settings.sent_folder.as_str().into(),
            settings.max_message_bytes.into(),
            now.into(),
            now.into(),
            settings.move_to.clone().into(),
        ]);
        q.push(
            " ON CONFLICT (tenant_id, name) DO UPDATE SET address = excluded.address, \
             imap_host = excluded.imap_host, imap_port = excluded.imap_port, \
             smtp_host = excluded.smtp_host, smtp_port = excluded.smtp_port, \
             security = excluded.security, username = excluded.username, \
             password_enc = excluded.password_enc, folders = excluded.folders, \
             sent_folder = excluded.sent_folder, max_message_bytes = excluded.max_message_bytes, \
             updated_at = excluded.updated_at, move_to = excluded.move_to",
        );
        q.execute(self.pool()).await?;
        self.mailbox_by_name(tenant, &settings.name)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("mailbox {}", settings.name)))
    }

    pub async fn mailboxes(&self, tenant: TenantId) -> Result<Vec<Mailbox>> {
        let mut q = Sql::new("SELECT * FROM mailboxes WHERE tenant_id = ");
        q.bind(tenant.0).push(" ORDER BY name");
        let rows = q.fetch_all(self.pool()).await?;
        rows.iter().map(mailbox_from).collect()
    }

    pub async fn mailbox_by_id(&self, tenant: TenantId, id: i64) -> Result<Option<Mailbox>> {
        let mut q = Sql::new("SELECT * FROM mailboxes WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(id);
        match q.fetch_optional(self.pool()).await? {
            Some(row) => Ok(Some(mailbox_from(&row)?)),
            None => Ok(None),
        }
    }

    /// Removes a mailbox and its cursors. What was received through it stays; answers still
    /// waiting to go out through it become `failed`, for a person to send another way. False
    /// when the tenant has no such mailbox.
    pub async fn delete_mailbox(&self, tenant: TenantId, id: i64, now: Timestamp) -> Result<bool> {
        let mut conn = self.pool().acquire().await?;
        let mut tx = self.begin_write(&mut conn).await?;
        let mut q = Sql::new("DELETE FROM mailboxes WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(id);
        if q.execute(&mut *tx).await?.rows_affected() == 0 {
            return Ok(false);
        }
        let mut q = Sql::new("DELETE FROM mailbox_cursors WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND mailbox_id = ").bind(id);
        q.execute(&mut *tx).await?;
        let mut q = Sql::new(
            "UPDATE outbox SET status = 'failed', last_error = 'the mailbox was removed', updated_at = ",
        );
        q.bind(now)
            .push(" WHERE status = 'queued' AND tenant_id = ")
            .bind(tenant.0)
            .push(" AND mailbox_id = ")
            .bind(id);
        q.execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn mailbox_by_name(&self, tenant: TenantId, name: &str) -> Result<Option<Mailbox>> {
        let mut q = Sql::new("SELECT * FROM mailboxes WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND name = ").bind(name);
        match q.fetch_optional(self.pool()).await? {
            Some(row) => Ok(Some(mailbox_from(&row)?)),
            None => Ok(None),
        }
    }

    /// The cursor of a folder, if anything was ingested from it.
    pub async fn mail_cursor(
        &self,
        tenant: TenantId,
        mailbox_id: i64,
        folder: &str,
    ) -> Result<Option<Cursor>> {
        let mut q = Sql::new("SELECT * FROM mailbox_cursors WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND mailbox_id = ")
            .bind(mailbox_id)
            .push(" AND folder = ")
            .bind(folder);
        match q.fetch_optional(self.pool()).await? {
            Some(row) => Ok(Some(Cursor {
                folder: get_str(&row, "folder")?,
                uidvalidity: get_i64(&row, "uidvalidity")?,
                last_uid: get_i64(&row, "last_uid")?,
            })),
            None => Ok(None),
        }
    }

    /// Ingests records that came through a mailbox, together with the mailbox bookkeeping, in
    /// one transaction.
    pub async fn ingest_mail(
        &self,
        tenant: TenantId,
        records: &[Record],
        options: &IngestOptions,
        now: Timestamp,
        mail: &MailCommit,
    ) -> Result<BatchReport> {
        self.ingest_with(tenant, records, options, now, Some(mail))
            .await
    }

    /// What was recorded about a received message (by channel and Message-ID).
    pub async fn received_mail(
        &self,
        tenant: TenantId,
        channel: &str,
        external_id: &str,
    ) -> Result<Option<ReceivedMail>> {
        let mut q = Sql::new("SELECT * FROM mail_received WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND channel = ")
            .bind(channel)
            .push(" AND external_id = ")
            .bind(external_id);
        match q.fetch_optional(self.pool()).await? {
            Some(row) => Ok(Some(ReceivedMail {
                channel: get_str(&row, "channel")?,
                external_id: get_str(&row, "external_id")?,
                folder: get_str(&row, "folder")?,
                uidvalidity: get_i64(&row, "uidvalidity")?,
                uid: get_i64(&row, "uid")?,
                raw_sha256: get_opt_str(&row, "raw_sha256")?,
                size_bytes: get_i64(&row, "size_bytes")?,
                oversize: get_i64(&row, "oversize")? != 0,
                auto_reply_suppressed: get_i64(&row, "auto_reply_suppressed")? != 0,
                loop_reasons: get_json(&row, "loop_reasons")?,
                references: get_json(&row, "references_hdr")?,
            })),
            None => Ok(None),
        }
    }

    /// Whom an answer on the ticket goes to: the customer's last message, and the mailbox it
    /// came through.
    pub async fn reply_target(&self, tenant: TenantId, ticket: TicketId) -> Result<ReplyTarget> {
        let mut q = Sql::new("SELECT channel, subject FROM tickets WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(ticket.0);
        let row = q
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("ticket {ticket}")))?;
        let channel = get_str(&row, "channel")?;
        let subject = get_str(&row, "subject")?;
        let mut q = Sql::new(
            "SELECT m.from_email, m.external_id, m.subject, r.mailbox_id, r.references_hdr \
             FROM messages m LEFT JOIN mail_received r ON r.tenant_id = m.tenant_id \
             AND r.channel = m.channel AND r.external_id = m.external_id \
             WHERE m.direction = 'inbound' AND m.tenant_id = ",
        );
        q.bind(tenant.0)
            .push(" AND m.ticket_id = ")
            .bind(ticket.0)
            .push(" ORDER BY m.received_at DESC, m.id DESC LIMIT 1");
        let mut target = ReplyTarget {
            ticket_id: ticket,
            channel,
            subject,
            to: None,
            in_reply_to: None,
            references: Vec::new(),
            mailbox_id: None,
        };
        if let Some(row) = q.fetch_optional(self.pool()).await? {
            target.to = get_opt_str(&row, "from_email")?;
            let last = get_str(&row, "external_id")?;
            if let Some(s) = get_opt_str(&row, "subject")?
                && !s.trim().is_empty()
            {
                target.subject = s;
            }
            target.mailbox_id = get_opt_i64(&row, "mailbox_id")?;
            let mut refs: Vec<String> = get_opt_json(&row, "references_hdr")?.unwrap_or_default();
            if !refs.contains(&last) {
                refs.push(last.clone());
            }
            target.references = refs;
            target.in_reply_to = Some(last);
        }
        Ok(target)
    }

    /// Queues an answer on a ticket, to go out through `mailbox` (by default the one the
    /// customer's last message came through, or the tenant's only mailbox).
    pub async fn queue_reply(
        &self,
        tenant: TenantId,
        ticket: TicketId,
        text: &str,
        mailbox: Option<&str>,
        now: Timestamp,
    ) -> Result<OutboxItem> {
        let target = self.reply_target(tenant, ticket).await?;
        let boxes = self.mailboxes(tenant).await?;
        let chosen = match mailbox {
            Some(name) => boxes.iter().find(|b| b.settings.name == name),
            None => match target.mailbox_id {
                Some(id) => boxes.iter().find(|b| b.id == id),
                None if boxes.len() == 1 => boxes.first(),
                None => None,
            },
        }
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "no mailbox to answer ticket {ticket} through; name one"
            ))
        })?;
        let to = target.to.clone().ok_or_else(|| {
            StoreError::Invalid(format!("ticket {ticket} has no customer address to answer"))
        })?;
        if text.trim().is_empty() {
            return Err(StoreError::Invalid("the answer is empty".to_string()));
        }
        let id = self.next_ids(1).await?.next_id();
        let message_id = outbox_message_id(id, ticket, chosen.domain());
        let mut q = Sql::new(
            "INSERT INTO outbox (id, tenant_id, ticket_id, channel, kind, to_addr, subject, body_text, \
             in_reply_to, message_id, status, created_at, updated_at, mailbox_id, from_addr, references_hdr) VALUES ",
        );
        q.bind_list::<Val>(vec![
            id.into(),
            tenant.0.into(),
            ticket.0.into(),
            target.channel.as_str().into(),
            "reply".into(),
            to.into(),
            reply_subject(&target.subject, ticket).into(),
            text.into(),
            target.in_reply_to.clone().into(),
            message_id.into(),
            "queued".into(),
            now.into(),
            now.into(),
            chosen.id.into(),
            chosen.settings.address.as_str().into(),
            to_json(&target.references).into(),
        ]);
        q.execute(self.pool()).await?;
        self.outbox_item(tenant, id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("outbox item {id}")))
    }

    pub async fn outbox_item(&self, tenant: TenantId, id: i64) -> Result<Option<OutboxItem>> {
        let mut q = Sql::new("SELECT * FROM outbox WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND id = ").bind(id);
        match q.fetch_optional(self.pool()).await? {
            Some(row) => Ok(Some(outbox_from(&row)?)),
            None => Ok(None),
        }
    }

    /// Items of a mailbox in the given states, oldest first.
    pub async fn outbox_of_mailbox(
        &self,
        tenant: TenantId,
        mailbox_id: i64,
        statuses: &[&str],
    ) -> Result<Vec<OutboxItem>> {
        let mut q = Sql::new("SELECT * FROM outbox WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND mailbox_id = ")
            .bind(mailbox_id)
            .push(" AND status IN ")
            .bind_list(statuses.iter().copied())
            .push(" ORDER BY created_at, id");
        let rows = q.fetch_all(self.pool()).await?;
        rows.iter().map(outbox_from).collect()
    }

    /// Moves a queued item to `sending` with the exact bytes about to go out. False when another
    /// worker took it first.
    pub async fn outbox_claim(
        &self,
        tenant: TenantId,
        id: i64,
        raw_message: &str,
        now: Timestamp,
    ) -> Result<bool> {
        let mut q = Sql::new(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, raw_message = ",
        );
        q.bind(raw_message)
            .push(", updated_at = ")
            .bind(now)
            .push(" WHERE status = 'queued' AND tenant_id = ")
            .bind(tenant.0)
            .push(" AND id = ")
            .bind(id);
        Ok(q.execute(self.pool()).await?.rows_affected() == 1)
    }

    /// Sets an item's status (`queued` again after a refusal before any data went out,
    /// `failed`, `unknown`), with the reason.
    pub async fn outbox_set_status(
        &self,
        tenant: TenantId,
        id: i64,
        status: &str,
        error: Option<&str>,
        now: Timestamp,
    ) -> Result<()> {
        let mut q = Sql::new("UPDATE outbox SET status = ");
        q.bind(status)
            .push(", last_error = ")
            .bind(error)
            .push(", updated_at = ")
            .bind(now)
            .push(" WHERE tenant_id = ")
            .bind(tenant.0)
            .push(" AND id = ")
            .bind(id);
        q.execute(self.pool()).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_subjects() {
        let t = TicketId(7);
        assert_eq!(reply_subject("Where is it?", t), "Re: Where is it? [#T7]");
        assert_eq!(
            reply_subject("Re: Where is it? [#T7]", t),
            "Re: Where is it? [#T7]"
        );
        assert_eq!(reply_subject("AW: Paket", t), "AW: Paket [#T7]");
        assert_eq!(reply_subject("", t), "Re: (no subject) [#T7]");
    }
}
