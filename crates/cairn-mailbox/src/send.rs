//! Sending the outbox over SMTP, at most once.
//!
//! `queued → sending` is written (with the exact bytes) before the SMTP transaction starts.
//! After the server accepted the data, the message is appended to the Sent folder and the
//! outbox item becomes `sent` in the same transaction as the outbound ticket message. An item
//! left in `sending` by a crash is looked up in the Sent folder by Message-ID: `sent` when
//! found, otherwise `unknown` — never sent again automatically.

use std::time::Duration;

use cairn_domain::records::Record;
use cairn_store::{MailCommit, Mailbox, OutboxItem};
use jiff::Timestamp;
use lettre::address::Envelope;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::convert::{compose, outbound};
use crate::imap::{ImapSession, drain, host_is_loopback};
use crate::{MailContext, MailboxError, Result};

/// Transient refusals before an item is given up as failed.
const MAX_ATTEMPTS: i64 = 5;
const SMTP_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone, Debug)]
pub struct SendOptions {
    /// An item in `sending` younger than this may still be in flight in another process and is
    /// left alone.
    pub stale_sending: Duration,
}

impl Default for SendOptions {
    fn default() -> Self {
        SendOptions {
            stale_sending: SMTP_TIMEOUT * 2,
        }
    }
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct SendReport {
    pub sent: usize,
    pub failed: usize,
    pub unknown: usize,
    pub requeued: usize,
    pub recovered: usize,
}

/// Recovers interrupted items and sends every queued item of the mailbox.
pub async fn send_outbox(
    ctx: &MailContext,
    mailbox: &Mailbox,
    session: &mut ImapSession,
    options: &SendOptions,
) -> Result<SendReport> {
    let mut report = SendReport::default();
    let store = &ctx.store;
    let stale_before = Timestamp::now()
        .checked_sub(jiff::SignedDuration::try_from(options.stale_sending).unwrap_or_default())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    for item in store
        .outbox_of_mailbox(ctx.tenant, mailbox.id, &["sending"])
        .await?
    {
        if item.updated_at > stale_before {
            // Possibly still in flight in another process.
            continue;
        }
        if in_sent_folder(session, &mailbox.settings.sent_folder, &item.message_id).await? {
            mark_sent(ctx, mailbox, &item).await?;
            report.recovered += 1;
        } else {
            store
                .outbox_set_status(
                    ctx.tenant,
                    item.id,
                    "unknown",
                    Some("interrupted while sending and not found in the Sent folder: check whether the customer got it before sending again"),
                    Timestamp::now(),
                )
                .await?;
            report.unknown += 1;
        }
    }
    let queued = store
        .outbox_of_mailbox(ctx.tenant, mailbox.id, &["queued"])
        .await?;
    if queued.is_empty() {
        return Ok(report);
    }
    let transport = smtp_transport(ctx, mailbox)?;
    for item in queued {
        let raw = compose(&item, Timestamp::now());
        match transport.test_connection().await {
            Ok(true) => {}
            other => {
                let why = match other {
                    Err(e) => e.to_string(),
                    _ => "the SMTP server did not answer".to_string(),
                };
                // Nothing was handed over: the item stays queued for the next round.
                store
                    .outbox_set_status(ctx.tenant, item.id, "queued", Some(&why), Timestamp::now())
                    .await?;
                return Err(MailboxError::Smtp(why));
            }
        }
        if !store
            .outbox_claim(ctx.tenant, item.id, &raw, Timestamp::now())
            .await?
        {
            continue;
        }
        let envelope = envelope(&item)?;
        match transport.send_raw(&envelope, raw.as_bytes()).await {
            Ok(_) => {
                if let Err(e) = append_sent(session, &mailbox.settings.sent_folder, &raw).await {
                    tracing::warn!(message_id = %item.message_id, "sent, but no copy in the Sent folder: {e}");
                }
                mark_sent(ctx, mailbox, &item).await?;
                report.sent += 1;
            }
            Err(e) if e.is_permanent() => {
                store
                    .outbox_set_status(
                        ctx.tenant,
                        item.id,
                        "failed",
                        Some(&e.to_string()),
                        Timestamp::now(),
                    )
                    .await?;
                report.failed += 1;
            }
            Err(e) if e.is_transient() => {
                // The server refused with a reply code: it did not take the message.
                let status = if item.attempts + 1 >= MAX_ATTEMPTS {
                    report.failed += 1;
                    "failed"
                } else {
                    report.requeued += 1;
                    "queued"
                };
                store
                    .outbox_set_status(
                        ctx.tenant,
                        item.id,
                        status,
                        Some(&e.to_string()),
                        Timestamp::now(),
                    )
                    .await?;
            }
            Err(e) => {
                // The connection broke: the server may have accepted the data.
                store
                    .outbox_set_status(
                        ctx.tenant,
                        item.id,
                        "unknown",
                        Some(&format!("the connection failed during sending ({e}); the server may have accepted it")),
                        Timestamp::now(),
                    )
                    .await?;
                report.unknown += 1;
            }
        }
    }
    Ok(report)
}

fn smtp_transport(
    ctx: &MailContext,
    mailbox: &Mailbox,
) -> Result<AsyncSmtpTransport<Tokio1Executor>> {
    use lettre::transport::smtp::authentication::Credentials;
    use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
    let s = &mailbox.settings;
    let builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(s.smtp_host.clone())
        .port(s.smtp_port)
        .timeout(Some(SMTP_TIMEOUT));
    let tls = || -> Result<TlsParameters> {
        let mut params = TlsParameters::builder(s.smtp_host.clone());
        if let Some(pem) = &ctx.extra_ca_pem {
            let cert = Certificate::from_pem(pem)
                .map_err(|e| MailboxError::Config(format!("extra CA file: {e}")))?;
            params = params.add_root_certificate(cert);
        }
        params
            .build_rustls()
            .map_err(|e| MailboxError::Config(format!("SMTP TLS: {e}")))
    };
    let credentials = || -> Result<Credentials> {
        let pass = crate::imap::password(ctx, mailbox)?;
        Ok(Credentials::new(
            s.username.clone(),
            pass.expose().to_string(),
        ))
    };
    match s.security.as_str() {
        // Plain text to a loopback relay, which accepts local submissions without a login.
        "none" if host_is_loopback(&s.smtp_host) => Ok(builder.build()),
        "none" => Err(MailboxError::Config(format!(
            "plain-text SMTP to {} refused: only loopback hosts may use security none",
            s.smtp_host
        ))),
        "tls" => Ok(builder
            .tls(Tls::Wrapper(tls()?))
            .credentials(credentials()?)
            .build()),
        "starttls" => Ok(builder
            .tls(Tls::Required(tls()?))
            .credentials(credentials()?)
            .build()),
        other => Err(MailboxError::Config(format!(
            "SMTP security {other:?} must be tls, starttls or none"
        ))),
    }
}

fn envelope(item: &OutboxItem) -> Result<Envelope> {
    let parse = |a: Option<&str>| -> Result<lettre::Address> {
        a.unwrap_or_default()
            .trim()
            .parse()
            .map_err(|e| MailboxError::Smtp(format!("bad address {a:?}: {e}")))
    };
    Envelope::new(
        Some(parse(item.from_addr.as_deref())?),
        vec![parse(item.to_addr.as_deref())?],
    )
    .map_err(|e| MailboxError::Smtp(e.to_string()))
}

async fn mark_sent(ctx: &MailContext, mailbox: &Mailbox, item: &OutboxItem) -> Result<()> {
    let now = Timestamp::now();
    let record = Record::Message(outbound(item, now));
    let commit = MailCommit {
        notices: Vec::new(),
        mailbox_id: mailbox.id,
        cursor: None,
        received: Vec::new(),
        sent: vec![item.id],
        bounced: Vec::new(),
        attachments: Vec::new(),
    };
    let report = ctx
        .store
        .ingest_mail(ctx.tenant, &[record], &ctx.ingest, now, &commit)
        .await?;
    if let Some(Err(e)) = report.outcomes.first() {
        tracing::warn!(message_id = %item.message_id, "the sent answer was not recorded on the ticket: {e}");
    }
    Ok(())
}

async fn append_sent(session: &mut ImapSession, folder: &str, raw: &str) -> Result<()> {
    if session
        .append(folder, Some("(\\Seen)"), None, raw.as_bytes())
        .await
        .is_err()
    {
        let _ = session.create(folder).await;
        session
            .append(folder, Some("(\\Seen)"), None, raw.as_bytes())
            .await?;
    }
    drain(session);
    Ok(())
}

async fn in_sent_folder(session: &mut ImapSession, folder: &str, message_id: &str) -> Result<bool> {
    if session.select(folder).await.is_err() {
        return Ok(false);
    }
    let id = message_id.replace(['"', '\\'], "");
    let found = session
        .uid_search(format!("HEADER Message-ID \"{id}\""))
        .await?;
    drain(session);
    Ok(!found.is_empty())
}
