//! The mailbox loop under `cairn serve`: per mailbox, IMAP IDLE on the first folder with a
//! polling fallback, reconnecting with backoff when the server goes away; beside it, the
//! outbox is sent every few seconds.

use std::collections::HashSet;
use std::time::Duration;

use cairn_store::Mailbox;
use tokio::sync::watch;

use crate::imap::{ImapSession, connect_imap, drain};
use crate::send::{SendOptions, send_outbox};
use crate::sync::fetch_mailbox;
use crate::{MailContext, Result};

/// How long one IDLE lasts before the folders are polled anyway.
const IDLE_FOR: Duration = Duration::from_secs(60);
/// How often the outbox is looked at.
const OUTBOX_EVERY: Duration = Duration::from_secs(3);
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// Runs every mailbox of the tenant until `stop` turns true; mailboxes added later are picked
/// up within a minute.
pub async fn serve_mailboxes(ctx: MailContext, stop: watch::Receiver<bool>) {
    let mut running: HashSet<i64> = HashSet::new();
    let mut stop_wait = stop.clone();
    loop {
        match ctx.store.mailboxes(ctx.tenant).await {
            Ok(boxes) => {
                for mailbox in boxes {
                    if running.insert(mailbox.id) {
                        tracing::info!(mailbox = %mailbox.settings.name, "mailbox loop started");
                        tokio::spawn(run_mailbox_loop(ctx.clone(), mailbox, stop.clone()));
                    }
                }
            }
            Err(e) => tracing::warn!("cannot list mailboxes: {e}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(60)) => {}
            _ = stop_wait.changed() => {}
        }
        if *stop_wait.borrow() {
            return;
        }
    }
}

/// Fetches and sends for one mailbox until `stop` turns true.
pub async fn run_mailbox_loop(ctx: MailContext, mailbox: Mailbox, stop: watch::Receiver<bool>) {
    let sender = tokio::spawn(outbox_loop(ctx.clone(), mailbox.clone(), stop.clone()));
    let mut backoff = Duration::from_secs(1);
    let mut stop_wait = stop.clone();
    while !*stop.borrow() {
        match fetch_and_idle(&ctx, &mailbox, &stop).await {
            Ok(()) => backoff = Duration::from_secs(1),
            Err(e) => {
                tracing::warn!(mailbox = %mailbox.settings.name, "mailbox: {e}; retrying in {backoff:?}");
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => {}
                    _ = stop_wait.changed() => {}
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
    let _ = sender.await;
}

async fn fetch_and_idle(
    ctx: &MailContext,
    mailbox: &Mailbox,
    stop: &watch::Receiver<bool>,
) -> Result<()> {
    let mut session = connect_imap(ctx, mailbox).await?;
    loop {
        let report = fetch_mailbox(ctx, mailbox, &mut session).await?;
        if report.fetched > 0 {
            tracing::info!(mailbox = %mailbox.settings.name, fetched = report.fetched, imported = report.imported, "mail fetched");
        }
        if *stop.borrow() {
            let _ = session.logout().await;
            return Ok(());
        }
        session = idle(session, mailbox, stop.clone()).await?;
    }
}

/// Waits in IDLE on the first folder until something happens, the poll interval passes or the
/// process stops.
async fn idle(
    mut session: ImapSession,
    mailbox: &Mailbox,
    mut stop: watch::Receiver<bool>,
) -> Result<ImapSession> {
    let folder = mailbox
        .settings
        .folders
        .first()
        .map_or("INBOX", String::as_str);
    session.select(folder).await?;
    drain(&mut session);
    let mut handle = session.idle();
    handle.init().await?;
    {
        let (wait, interrupt) = handle.wait_with_timeout(IDLE_FOR);
        tokio::select! {
            r = tokio::time::timeout(IDLE_FOR + Duration::from_secs(5), wait) => {
                if let Ok(r) = r { r?; }
            }
            _ = stop.changed() => {}
        }
        drop(interrupt);
    }
    let mut session = handle.done().await?;
    drain(&mut session);
    Ok(session)
}

async fn outbox_loop(ctx: MailContext, mailbox: Mailbox, mut stop: watch::Receiver<bool>) {
    let options = SendOptions::default();
    loop {
        match ctx
            .store
            .outbox_of_mailbox(ctx.tenant, mailbox.id, &["queued", "sending"])
            .await
        {
            Ok(items) if !items.is_empty() => {
                let result = async {
                    let mut session = connect_imap(&ctx, &mailbox).await?;
                    let report = send_outbox(&ctx, &mailbox, &mut session, &options).await?;
                    let _ = session.logout().await;
                    Ok::<_, crate::MailboxError>(report)
                }
                .await;
                match result {
                    Ok(r) if r.sent + r.failed + r.unknown + r.recovered > 0 => {
                        tracing::info!(mailbox = %mailbox.settings.name, sent = r.sent, failed = r.failed, unknown = r.unknown, "outbox")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(mailbox = %mailbox.settings.name, "outbox: {e}"),
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!("outbox: {e}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(OUTBOX_EVERY) => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}
