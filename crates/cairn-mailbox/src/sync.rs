//! Ingest over IMAP: each folder from its cursor, in batches committed with the cursor.

use std::collections::HashMap;
use std::path::Path;

use cairn_domain::ingest::Outcome;
use cairn_store::{Cursor, MailCommit, Mailbox};
use futures_util::TryStreamExt;
use jiff::Timestamp;

use crate::convert::{Incoming, Origin, incoming};
use crate::imap::{ImapSession, connect_imap, drain};
use crate::send::{SendOptions, SendReport, send_outbox};
use crate::{MailContext, MailboxError, Result};

/// Messages per transaction.
const BATCH: usize = 50;

/// What one sync did.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct SyncReport {
    pub fetched: usize,
    pub imported: usize,
    pub duplicates: usize,
    pub rejected: usize,
    pub oversize: usize,
    pub rescans: usize,
    #[serde(flatten)]
    pub send: SendReport,
}

/// Fetches what is new, then sends what waits in the outbox: `cairn mailbox sync NAME`.
pub async fn sync_mailbox(ctx: &MailContext, name: &str) -> Result<SyncReport> {
    let mailbox = ctx
        .store
        .mailbox_by_name(ctx.tenant, name)
        .await?
        .ok_or_else(|| MailboxError::Config(format!("no mailbox named {name:?}")))?;
    let mut session = connect_imap(ctx, &mailbox).await?;
    let mut report = fetch_mailbox(ctx, &mailbox, &mut session).await?;
    report.send = send_outbox(ctx, &mailbox, &mut session, &SendOptions::default()).await?;
    // Sent answers can already have an answer of their own waiting.
    let again = fetch_mailbox(ctx, &mailbox, &mut session).await?;
    report.fetched += again.fetched;
    report.imported += again.imported;
    report.duplicates += again.duplicates;
    report.rejected += again.rejected;
    report.oversize += again.oversize;
    let _ = session.logout().await;
    Ok(report)
}

/// Fetches every configured folder of the mailbox from its cursor.
pub async fn fetch_mailbox(
    ctx: &MailContext,
    mailbox: &Mailbox,
    session: &mut ImapSession,
) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    for folder in &mailbox.settings.folders {
        fetch_folder(ctx, mailbox, session, folder, &mut report).await?;
    }
    Ok(report)
}

async fn fetch_folder(
    ctx: &MailContext,
    mailbox: &Mailbox,
    session: &mut ImapSession,
    folder: &str,
    report: &mut SyncReport,
) -> Result<()> {
    let selected = session.select(folder).await?;
    drain(session);
    let uidvalidity = i64::from(selected.uid_validity.unwrap_or(0));
    let cursor = ctx
        .store
        .mail_cursor(ctx.tenant, mailbox.id, folder)
        .await?;
    let start: i64 = match &cursor {
        Some(c) if c.uidvalidity == uidvalidity => c.last_uid + 1,
        Some(c) => {
            tracing::warn!(
                mailbox = %mailbox.settings.name, folder, old = c.uidvalidity, new = uidvalidity,
                "UIDVALIDITY changed: rescanning the folder, known messages are skipped by Message-ID"
            );
            report.rescans += 1;
            1
        }
        None => 1,
    };
    if selected.exists == 0 {
        return Ok(());
    }
    // Sizes first, so oversized messages are never downloaded.
    let mut sizes: Vec<(i64, i64)> = session
        .uid_fetch(format!("{start}:*"), "(UID RFC822.SIZE)")
        .await?
        .try_filter_map(|f| async move {
            Ok(f.uid
                .map(|u| (i64::from(u), i64::from(f.size.unwrap_or(0)))))
        })
        .try_collect()
        .await?;
    drain(session);
    // `n:*` always names the last message, even below n.
    sizes.retain(|(uid, _)| *uid >= start);
    sizes.sort_unstable();
    sizes.dedup();
    let limit = mailbox.settings.max_message_bytes;
    for batch in sizes.chunks(BATCH) {
        let small: Vec<i64> = batch
            .iter()
            .filter(|(_, s)| *s <= limit)
            .map(|(u, _)| *u)
            .collect();
        let big: Vec<i64> = batch
            .iter()
            .filter(|(_, s)| *s > limit)
            .map(|(u, _)| *u)
            .collect();
        let bodies = fetch_parts(session, &small, "BODY.PEEK[]", false).await?;
        let headers = fetch_parts(session, &big, "BODY.PEEK[HEADER]", true).await?;
        let now = Timestamp::now();
        let mut items: Vec<Incoming> = Vec::new();
        for (uid, size) in batch {
            let origin = Origin {
                address: &mailbox.settings.address,
                folder,
                uidvalidity,
                uid: *uid,
            };
            if *size > limit {
                if let Some(h) = headers.get(uid) {
                    items.push(incoming(h, &origin, Some((*size, limit)), now));
                    report.oversize += 1;
                }
            } else if let Some(raw) = bodies.get(uid) {
                let item = incoming(raw, &origin, None, now);
                if let Some(hash) = &item.received.raw_sha256 {
                    keep_raw(&ctx.raw_path(hash), raw)?;
                }
                items.push(item);
            }
            // A UID that fetched nothing was expunged meanwhile.
        }
        let last_uid = batch.last().map_or(start - 1, |(u, _)| *u);
        let records: Vec<_> = items
            .iter()
            .map(|i| cairn_domain::records::Record::Message(i.record.clone()))
            .collect();
        let commit = MailCommit {
            mailbox_id: mailbox.id,
            cursor: Some(Cursor {
                folder: folder.to_string(),
                uidvalidity,
                last_uid,
            }),
            received: items.iter().map(|i| i.received.clone()).collect(),
            sent: Vec::new(),
            bounced: items.iter().filter_map(|i| i.bounce_of.clone()).collect(),
            attachments: items.iter().map(|i| i.attachments.clone()).collect(),
        };
        let outcome = ctx
            .store
            .ingest_mail(ctx.tenant, &records, &ctx.ingest, now, &commit)
            .await?;
        report.fetched += items.len();
        for (o, item) in outcome.outcomes.iter().zip(&items) {
            match o {
                Ok(Outcome::Duplicate) => report.duplicates += 1,
                Ok(_) => report.imported += 1,
                Err(e) => {
                    report.rejected += 1;
                    tracing::warn!(message_id = %item.record.external_id, "message rejected: {e}");
                }
            }
        }
    }
    Ok(())
}

async fn fetch_parts(
    session: &mut ImapSession,
    uids: &[i64],
    what: &str,
    header: bool,
) -> Result<HashMap<i64, Vec<u8>>> {
    if uids.is_empty() {
        return Ok(HashMap::new());
    }
    let set = uids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let out: HashMap<i64, Vec<u8>> = session
        .uid_fetch(set, format!("(UID {what})"))
        .await?
        .try_filter_map(|f| async move {
            let data = if header { f.header() } else { f.body() };
            Ok(f.uid.zip(data).map(|(u, d)| (i64::from(u), d.to_vec())))
        })
        .try_collect()
        .await?;
    drain(session);
    Ok(out)
}

/// Writes the raw message once under its content hash (write, sync, rename).
fn keep_raw(path: &Path, raw: &[u8]) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(raw)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)?;
    Ok(())
}
