//! Attachments of received messages, stored once per tenant under the SHA-256 of their bytes
//! (`attachment_blobs`) and linked to each message that carried them by position
//! (`message_attachments`).
//!
//! They are written by [`Store::ingest_mail`] in the same transaction as the messages: a crash
//! leaves a message with all its attachments or neither. The bytes travel as BLOB (SQLite) or
//! BYTEA (PostgreSQL), which sqlx's `Any` driver binds and reads as `Vec<u8>` on both.

use std::collections::{BTreeMap, HashSet};

use cairn_domain::{MessageId, TenantId};
use jiff::Timestamp;
use sha2::{Digest, Sha256};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{AnyConnection, Arguments, AssertSqlSafe, Row};

use crate::sql::*;
use crate::{Result, Store, StoreError};

/// One attachment of a received message, as parsed from the mail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewAttachment {
    pub filename: Option<String>,
    /// MIME type, lowercase.
    pub content_type: String,
    /// Content-ID without angle brackets, for `cid:` references in the HTML.
    pub content_id: Option<String>,
    /// Marked for inline display (`Content-Disposition: inline`).
    pub inline: bool,
    pub data: Vec<u8>,
}

/// The attachments of one message of a mail commit, named by channel and external id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageAttachments {
    pub channel: String,
    pub external_id: String,
    pub attachments: Vec<NewAttachment>,
}

/// What is known about a stored attachment, without its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub message_id: MessageId,
    /// 0-based place among the message's attachments.
    pub position: i64,
    pub sha256: String,
    pub filename: Option<String>,
    pub content_type: String,
    pub content_id: Option<String>,
    /// `inline` or `attachment`.
    pub disposition: String,
    pub size_bytes: i64,
}

impl AttachmentInfo {
    pub fn is_inline(&self) -> bool {
        self.disposition == "inline"
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    cairn_domain::events::hex(&Sha256::digest(bytes))
}

/// One bound value of a statement that carries bytes (the `Sql` builder binds only integers and
/// text).
enum Arg {
    I(i64),
    T(Option<String>),
    B(Vec<u8>),
}

/// Runs `sql`, written with `?` placeholders, on either backend.
async fn execute_with_bytes(conn: &mut AnyConnection, sql: &str, args: Vec<Arg>) -> Result<()> {
    let sqlite = conn.backend_name() == "SQLite";
    let mut text = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' && !sqlite {
            n += 1;
            text.push('$');
            text.push_str(&n.to_string());
        } else {
            text.push(c);
        }
    }
    let mut bound = AnyArguments::default();
    for a in args {
        // Adding an integer, text or bytes to AnyArguments cannot fail.
        let _ = match a {
            Arg::I(v) => bound.add(v),
            Arg::T(v) => bound.add(v),
            Arg::B(v) => bound.add(v),
        };
    }
    sqlx::query_with(AssertSqlSafe(text), bound)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Stores the attachments of the messages of one mail commit, inside its transaction. Messages
/// that were not stored (rejected records) get none; messages that already have attachments
/// (a second delivery of the same Message-ID) keep the ones they have.
pub(crate) async fn write_attachments(
    conn: &mut AnyConnection,
    tenant: TenantId,
    messages: &[MessageAttachments],
    now: Timestamp,
) -> Result<()> {
    for m in messages.iter().filter(|m| !m.attachments.is_empty()) {
        let mut q = Sql::new("SELECT id FROM messages WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND channel = ")
            .bind(m.channel.as_str())
            .push(" AND external_id = ")
            .bind(m.external_id.as_str());
        let Some(row) = q.fetch_optional(&mut *conn).await? else {
            continue;
        };
        let message_id = get_i64(&row, "id")?;
        let mut q = Sql::new("SELECT COUNT(*) AS n FROM message_attachments WHERE tenant_id = ");
        q.bind(tenant.0).push(" AND message_id = ").bind(message_id);
        if get_i64(&q.fetch_one(&mut *conn).await?, "n")? > 0 {
            continue;
        }
        let hashes: Vec<String> = m.attachments.iter().map(|a| sha256_hex(&a.data)).collect();
        let mut known: HashSet<String> = HashSet::new();
        let mut q = Sql::new("SELECT sha256 FROM attachment_blobs WHERE tenant_id = ");
        q.bind(tenant.0)
            .push(" AND sha256 IN ")
            .bind_list(hashes.iter().map(String::as_str));
        for row in q.fetch_all(&mut *conn).await? {
            known.insert(get_str(&row, "sha256")?);
        }
        for (position, (a, hash)) in m.attachments.iter().zip(&hashes).enumerate() {
            if known.insert(hash.clone()) {
                execute_with_bytes(
                    conn,
                    "INSERT INTO attachment_blobs (tenant_id, sha256, content_type, size_bytes, data, created_at) \
                     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, sha256) DO NOTHING",
                    vec![
                        Arg::I(tenant.0),
                        Arg::T(Some(hash.clone())),
                        Arg::T(Some(a.content_type.clone())),
                        Arg::I(a.data.len() as i64),
                        Arg::B(a.data.clone()),
                        Arg::I(now.as_millisecond()),
                    ],
                )
                .await?;
            }
            let mut q = Sql::new(
                "INSERT INTO message_attachments (tenant_id, message_id, position, sha256, filename, \
                 content_id, disposition) VALUES ",
            );
            q.bind_list::<Val>(vec![
                tenant.0.into(),
                message_id.into(),
                (position as i64).into(),
                hash.as_str().into(),
                a.filename.clone().into(),
                a.content_id.clone().into(),
                if a.inline { "inline" } else { "attachment" }.into(),
            ]);
            q.push(" ON CONFLICT (tenant_id, message_id, position) DO NOTHING");
            q.execute(&mut *conn).await?;
        }
    }
    Ok(())
}

const INFO_COLUMNS: &str = "a.message_id, a.position, a.sha256, a.filename, a.content_id, \
     a.disposition, b.content_type, b.size_bytes";

fn info_from(row: &AnyRow) -> Result<AttachmentInfo> {
    Ok(AttachmentInfo {
        message_id: MessageId(get_i64(row, "message_id")?),
        position: get_i64(row, "position")?,
        sha256: get_str(row, "sha256")?,
        filename: get_opt_str(row, "filename")?,
        content_type: get_str(row, "content_type")?,
        content_id: get_opt_str(row, "content_id")?,
        disposition: get_str(row, "disposition")?,
        size_bytes: get_i64(row, "size_bytes")?,
    })
}

impl Store {
    /// The attachments of some messages, each message's in position order.
    pub async fn attachments_of(
        &self,
        tenant: TenantId,
        messages: &[MessageId],
    ) -> Result<BTreeMap<MessageId, Vec<AttachmentInfo>>> {
        let mut out: BTreeMap<MessageId, Vec<AttachmentInfo>> = BTreeMap::new();
        for chunk in messages.chunks(500) {
            let mut q = Sql::new(&format!(
                "SELECT {INFO_COLUMNS} FROM message_attachments a JOIN attachment_blobs b \
                 ON b.tenant_id = a.tenant_id AND b.sha256 = a.sha256 WHERE a.tenant_id = "
            ));
            q.bind(tenant.0)
                .push(" AND a.message_id IN ")
                .bind_list(chunk.iter().map(|m| m.0))
                .push(" ORDER BY a.message_id, a.position");
            for row in q.fetch_all(self.pool()).await? {
                let info = info_from(&row)?;
                out.entry(info.message_id).or_default().push(info);
            }
        }
        Ok(out)
    }

    /// One attachment of a message with its bytes.
    pub async fn attachment(
        &self,
        tenant: TenantId,
        message: MessageId,
        position: i64,
    ) -> Result<Option<(AttachmentInfo, Vec<u8>)>> {
        let mut q = Sql::new(&format!(
            "SELECT {INFO_COLUMNS}, b.data FROM message_attachments a JOIN attachment_blobs b \
             ON b.tenant_id = a.tenant_id AND b.sha256 = a.sha256 WHERE a.tenant_id = "
        ));
        q.bind(tenant.0)
            .push(" AND a.message_id = ")
            .bind(message.0)
            .push(" AND a.position = ")
            .bind(position);
        let Some(row) = q.fetch_optional(self.pool()).await? else {
            return Ok(None);
        };
        let data: Vec<u8> = row
            .try_get("data")
            .map_err(|e| StoreError::Corrupt(format!("column data: {e}")))?;
        Ok(Some((info_from(&row)?, data)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IngestOptions;
    use crate::mailbox::MailCommit;
    use cairn_domain::records::{Record, parse_record};

    fn record(ext: &str) -> Record {
        let line = format!(
            r#"{{"type":"message","channel":"email","external_id":"{ext}","received_at":"2026-11-24T08:00:00Z","direction":"inbound","from":{{"email":"kim@example.com","name":"Kim"}},"to":"shop@example.com","subject":"Foto","text":"Siehe Anhang"}}"#
        );
        parse_record(&line).expect("record")
    }

    fn attachment(name: &str, content_type: &str, data: &[u8], cid: Option<&str>) -> NewAttachment {
        NewAttachment {
            filename: Some(name.to_string()),
            content_type: content_type.to_string(),
            content_id: cid.map(str::to_string),
            inline: cid.is_some(),
            data: data.to_vec(),
        }
    }

    async fn blob_count(store: &Store, tenant: TenantId) -> i64 {
        let mut q = Sql::new("SELECT COUNT(*) AS n FROM attachment_blobs WHERE tenant_id = ");
        q.bind(tenant.0);
        get_i64(&q.fetch_one(store.pool()).await.expect("count"), "n").expect("n")
    }

    async fn check(store: &Store) {
        let tenant = store.ensure_tenant("att", "att").await.expect("tenant");
        let other = store.ensure_tenant("att2", "att2").await.expect("tenant");
        let now = Timestamp::now();
        // Every byte value, so nothing is mangled as text on the way.
        let photo: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let pdf = b"%PDF-1.4 invoice".to_vec();
        let commit = MailCommit {
            notices: Vec::new(),
            attachments: vec![
                MessageAttachments {
                    channel: "email".into(),
                    external_id: "<a1@example.com>".into(),
                    attachments: vec![
                        attachment("foto.jpg", "image/jpeg", &photo, Some("img1@x")),
                        attachment("rechnung.pdf", "application/pdf", &pdf, None),
                    ],
                },
                MessageAttachments {
                    channel: "email".into(),
                    external_id: "<a2@example.com>".into(),
                    attachments: vec![attachment("same.jpg", "image/jpeg", &photo, None)],
                },
                // Not among the records: nothing may be stored for it.
                MessageAttachments {
                    channel: "email".into(),
                    external_id: "<ghost@example.com>".into(),
                    attachments: vec![attachment(
                        "x.bin",
                        "application/octet-stream",
                        b"ghost",
                        None,
                    )],
                },
            ],
            ..MailCommit::default()
        };
        let records = [record("<a1@example.com>"), record("<a2@example.com>")];
        let options = IngestOptions::default();
        store
            .ingest_mail(tenant, &records, &options, now, &commit)
            .await
            .expect("ingest");
        // The same mail again changes nothing.
        store
            .ingest_mail(tenant, &records, &options, now, &commit)
            .await
            .expect("ingest again");
        assert_eq!(
            blob_count(store, tenant).await,
            2,
            "the photo is stored once"
        );

        let mut messages = Vec::new();
        let tickets = store
            .tickets(tenant, &crate::TicketQuery::unresolved(10), now)
            .await
            .expect("tickets");
        for t in &tickets {
            let (_, mut of_ticket) = store
                .ticket(tenant, t.id, now)
                .await
                .expect("ticket")
                .expect("exists");
            messages.append(&mut of_ticket);
        }
        messages.sort_by(|a, b| a.external_id.cmp(&b.external_id));
        assert_eq!(messages.len(), 2);
        let ids: Vec<MessageId> = messages.iter().map(|m| m.id).collect();
        let all = store.attachments_of(tenant, &ids).await.expect("list");
        let first = &all[&messages[0].id];
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].filename.as_deref(), Some("foto.jpg"));
        assert_eq!(first[0].content_id.as_deref(), Some("img1@x"));
        assert!(first[0].is_inline());
        assert_eq!(first[0].size_bytes, 70_000);
        assert_eq!(first[1].disposition, "attachment");
        assert_eq!(first[1].content_type, "application/pdf");
        let second = &all[&messages[1].id];
        assert_eq!(second[0].sha256, first[0].sha256);

        let (info, data) = store
            .attachment(tenant, messages[0].id, 0)
            .await
            .expect("read")
            .expect("exists");
        assert_eq!(info.sha256, sha256_hex(&photo));
        assert_eq!(data, photo);
        let (_, data) = store
            .attachment(tenant, messages[0].id, 1)
            .await
            .expect("read")
            .expect("exists");
        assert_eq!(data, pdf);
        assert!(
            store
                .attachment(tenant, messages[0].id, 2)
                .await
                .expect("read")
                .is_none()
        );
        // Another tenant reaches nothing.
        assert!(
            store
                .attachment(other, messages[0].id, 0)
                .await
                .expect("read")
                .is_none()
        );
        assert!(
            store
                .attachments_of(other, &ids)
                .await
                .expect("list")
                .is_empty()
        );
    }

    #[tokio::test]
    async fn attachments_are_stored_once_per_hash_on_each_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}/cairn.db", dir.path().display());
        let store = Store::open(&url).await.expect("open sqlite");
        check(&store).await;
        store.close().await;
        let Ok(admin) = std::env::var("CAIRN_TEST_POSTGRES") else {
            eprintln!("note: CAIRN_TEST_POSTGRES is not set; attachments ran on SQLite only");
            return;
        };
        let db = crate::scratch::ScratchPostgres::create(&admin, "cairn_att_test")
            .await
            .expect("create a PostgreSQL test database");
        let store = Store::open(db.url()).await.expect("open postgres");
        check(&store).await;
        store.close().await;
        db.drop().await;
    }
}
