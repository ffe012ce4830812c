//! Ingest over IMAP: each folder from its cursor, in batches committed with the cursor.
//!
//! A mailbox may move what it stored to another folder (`move_to`). The move comes after the
//! transaction that stored the messages and advanced the cursor has committed, and it moves every
//! UID up to the cursor that is still in the folder. A crash between the commit and the move
//! therefore loses nothing (the mail is stored, and still in the folder) and duplicates nothing
//! (the cursor is past it, and its Message-ID is known); the next sync moves what was left.

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

/// Most messages per transaction: much of a batch's cost is per transaction (the snapshot, the
/// commit), so larger batches store mail several times faster (`cairn bench mail`).
const BATCH: usize = 500;
/// Most bytes of mail fetched for one transaction, so a folder of large messages stays within a
/// modest amount of memory.
const BATCH_BYTES: i64 = 25 * 1024 * 1024;

/// Splits `(uid, size)` pairs into batches of at most [`BATCH`] messages and about
/// [`BATCH_BYTES`] (a message over the limit counts only with its header, which is all that is
/// fetched of it).
fn batches(sizes: &[(i64, i64)], limit: i64) -> Vec<&[(i64, i64)]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0i64);
    for (i, (_, size)) in sizes.iter().enumerate() {
        let cost = if *size > limit { 16 * 1024 } else { *size };
        if i > start && (i - start == BATCH || bytes + cost > BATCH_BYTES) {
            out.push(&sizes[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += cost;
    }
    if start < sizes.len() {
        out.push(&sizes[start..]);
    }
    out
}

/// What one sync did.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct SyncReport {
    pub fetched: usize,
    pub imported: usize,
    pub duplicates: usize,
    pub rejected: usize,
    pub oversize: usize,
    pub rescans: usize,
    /// Messages moved to the mailbox's `move_to` folder.
    pub moved: usize,
    /// Marketplace notices recorded as events (no ticket).
    pub notices: usize,
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
    report.moved += again.moved;
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
    let move_to = mailbox
        .settings
        .move_to
        .as_deref()
        .filter(|to| *to != folder);
    let start: i64 = match &cursor {
        Some(c) if c.uidvalidity == uidvalidity => {
            // What an earlier sync stored but did not get to move (it crashed in between).
            if let Some(to) = move_to
                && selected.exists > 0
            {
                let moved = move_processed(session, c.last_uid, to).await?;
                report.moved += moved;
                if moved >= selected.exists as usize {
                    return Ok(());
                }
            }
            c.last_uid + 1
        }
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
    for batch in batches(&sizes, limit) {
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
        // A marketplace's own notice is an event on its order, not a customer's message.
        let (notices, messages): (Vec<&Incoming>, Vec<&Incoming>) =
            items.iter().partition(|i| i.notice.is_some());
        let records: Vec<_> = messages
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
            attachments: messages.iter().map(|i| i.attachments.clone()).collect(),
            notices: notices.iter().filter_map(|i| i.notice.clone()).collect(),
        };
        let outcome = ctx
            .store
            .ingest_mail(ctx.tenant, &records, &ctx.ingest, now, &commit)
            .await?;
        // Only now that the batch is committed may its mail leave the folder.
        if let Some(to) = move_to {
            report.moved += move_processed(session, last_uid, to).await?;
        }
        report.fetched += items.len();
        report.notices += notices.len();
        for (o, item) in outcome.outcomes.iter().zip(&messages) {
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

/// Moves every message of the selected folder with a UID up to `last_uid` (all stored, as the
/// cursor says) to `to`.
async fn move_processed(session: &mut ImapSession, last_uid: i64, to: &str) -> Result<usize> {
    if last_uid < 1 {
        return Ok(0);
    }
    let found = session.uid_search(format!("UID 1:{last_uid}")).await?;
    drain(session);
    let mut uids: Vec<u32> = found
        .into_iter()
        .filter(|u| i64::from(*u) <= last_uid)
        .collect();
    uids.sort_unstable();
    move_messages(session, &uids, to, true).await
}

/// Moves messages of the selected folder by UID: `UID MOVE` where the server offers MOVE (and
/// `prefer_move` is set), else `UID COPY`, `\Deleted` and `UID EXPUNGE` (plain `EXPUNGE` without
/// UIDPLUS). The target folder is created when it does not exist yet.
pub async fn move_messages(
    session: &mut ImapSession,
    uids: &[u32],
    to: &str,
    prefer_move: bool,
) -> Result<usize> {
    if uids.is_empty() {
        return Ok(0);
    }
    let caps = session.capabilities().await?;
    drain(session);
    let by_move = prefer_move && caps.has_str("MOVE");
    let uidplus = caps.has_str("UIDPLUS");
    for chunk in uids.chunks(500) {
        let set = chunk
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        if move_set(session, &set, to, by_move, uidplus).await.is_err() {
            // Most likely the folder is missing (a NO [TRYCREATE]); create it and try once more.
            let _ = session.create(to).await;
            drain(session);
            move_set(session, &set, to, by_move, uidplus).await?;
        }
    }
    Ok(uids.len())
}

async fn move_set(
    session: &mut ImapSession,
    set: &str,
    to: &str,
    by_move: bool,
    uidplus: bool,
) -> Result<()> {
    if by_move {
        session.uid_mv(set, to).await?;
    } else {
        session.uid_copy(set, to).await?;
        let _: Vec<_> = session
            .uid_store(set, "+FLAGS.SILENT (\\Deleted)")
            .await?
            .try_collect()
            .await?;
        if uidplus {
            let _: Vec<_> = session.uid_expunge(set).await?.try_collect().await?;
        } else {
            let _: Vec<_> = session.expunge().await?.try_collect().await?;
        }
    }
    drain(session);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_bounded_by_count_and_bytes() {
        let small: Vec<(i64, i64)> = (1..=1201).map(|u| (u, 2_000)).collect();
        let lens: Vec<usize> = batches(&small, 10_000_000)
            .iter()
            .map(|b| b.len())
            .collect();
        assert_eq!(lens, vec![500, 500, 201]);

        let big: Vec<(i64, i64)> = (1..=7).map(|u| (u, 10 * 1024 * 1024)).collect();
        let lens: Vec<usize> = batches(&big, 50_000_000).iter().map(|b| b.len()).collect();
        assert_eq!(lens, vec![2, 2, 2, 1]);

        // Over the limit only the header is fetched, so such messages batch like small ones.
        let lens: Vec<usize> = batches(&big, 1_000_000).iter().map(|b| b.len()).collect();
        assert_eq!(lens, vec![7]);

        // One message larger than the byte bound still gets its own batch.
        let huge = [(1, 40 * 1024 * 1024), (2, 100)];
        let lens: Vec<usize> = batches(&huge, 100_000_000)
            .iter()
            .map(|b| b.len())
            .collect();
        assert_eq!(lens, vec![1, 1]);
        assert!(batches(&[], 1).is_empty());
    }
}
