//! `cairn mailbox add|list|sync` and `cairn reply`: the command-line side of the email channel.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use cairn_domain::TicketId;
use cairn_mailbox::secret::{Password, SecretKey};
use cairn_mailbox::{DEFAULT_MAX_MESSAGE_BYTES, MailContext, host_is_loopback, sync_mailbox};
use cairn_store::MailboxSettings;
use clap::{Args, Subcommand};
use serde_json::json;

use crate::{Config, now, parse_id, print_json};

#[derive(Subcommand, Debug)]
pub enum MailboxCommand {
    /// Adds a mailbox of the tenant (or replaces the settings of the one with this name).
    Add(Box<AddArgs>),
    /// Lists the mailboxes (never their passwords).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Fetches what is new once, ingests it, sends what waits in the outbox, and exits.
    Sync { name: String },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    name: String,
    /// The address customers write to; our answers come from it.
    #[arg(long)]
    address: String,
    /// IMAP server, HOST:PORT.
    #[arg(long)]
    imap: String,
    /// SMTP server, HOST:PORT.
    #[arg(long)]
    smtp: String,
    #[arg(long)]
    user: String,
    /// Environment variable holding the password.
    #[arg(long, conflicts_with = "password_file")]
    password_env: Option<String>,
    /// File holding the password (its first line).
    #[arg(long)]
    password_file: Option<PathBuf>,
    /// tls, starttls or none (plain text; loopback hosts only).
    #[arg(long, default_value = "tls")]
    security: String,
    /// Folders to fetch (default INBOX); repeat for more.
    #[arg(long = "folder")]
    folders: Vec<String>,
    /// Where copies of our answers go.
    #[arg(long, default_value = "Sent")]
    sent_folder: String,
    /// Messages above this size are recorded but not downloaded.
    #[arg(long, default_value_t = DEFAULT_MAX_MESSAGE_BYTES)]
    max_message_bytes: i64,
    /// Move mail to this folder once it is stored (default: it stays where it is).
    #[arg(long)]
    move_to: Option<String>,
}

fn host_port(raw: &str, what: &str) -> anyhow::Result<(String, u16)> {
    let (host, port) = raw
        .rsplit_once(':')
        .with_context(|| format!("--{what} {raw:?} must be HOST:PORT"))?;
    let port: u16 = port
        .parse()
        .ok()
        .filter(|p| *p > 0)
        .with_context(|| format!("--{what} {raw:?}: {port:?} is not a port"))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        bail!("--{what} {raw:?} has no host");
    }
    Ok((host.to_string(), port))
}

pub async fn mailbox(config: &Config, command: MailboxCommand) -> anyhow::Result<ExitCode> {
    let (store, tenant) = config.open().await?;
    match command {
        MailboxCommand::Add(a) => {
            let (imap_host, imap_port) = host_port(&a.imap, "imap")?;
            let (smtp_host, smtp_port) = host_port(&a.smtp, "smtp")?;
            match a.security.as_str() {
                "tls" | "starttls" => {}
                "none" => {
                    if !host_is_loopback(&imap_host) || !host_is_loopback(&smtp_host) {
                        bail!("--security none (plain text) is accepted only for loopback hosts");
                    }
                }
                other => bail!("--security {other:?} must be tls, starttls or none"),
            }
            if !a.address.contains('@') {
                bail!("--address {:?} is not an email address", a.address);
            }
            let password = match (&a.password_env, &a.password_file) {
                (Some(var), None) => std::env::var(var)
                    .with_context(|| format!("the environment variable {var} is not set"))?,
                (None, Some(file)) => std::fs::read_to_string(file)
                    .with_context(|| format!("cannot read {}", file.display()))?
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                _ => bail!("give the password with --password-env VAR or --password-file FILE"),
            };
            let key = SecretKey::load_or_create(&config.data_dir)?;
            let folders = if a.folders.is_empty() {
                vec!["INBOX".to_string()]
            } else {
                a.folders
            };
            if let Some(to) = &a.move_to
                && folders.contains(to)
            {
                bail!("--move-to {to:?} is one of the folders fetched");
            }
            let settings = MailboxSettings {
                name: a.name,
                address: a.address.trim().to_ascii_lowercase(),
                imap_host,
                imap_port,
                smtp_host,
                smtp_port,
                security: a.security,
                username: a.user,
                password_enc: key.encrypt(&Password::new(password))?,
                folders,
                sent_folder: a.sent_folder,
                max_message_bytes: a.max_message_bytes,
                move_to: a.move_to,
            };
            let saved = store.save_mailbox(tenant, &settings, now()).await?;
            println!("mailbox {} ({}) saved", saved.settings.name, saved.id);
            Ok(ExitCode::SUCCESS)
        }
        MailboxCommand::List { json } => {
            let boxes = store.mailboxes(tenant).await?;
            if json {
                let list: Vec<_> = boxes
                    .iter()
                    .map(|b| {
                        let s = &b.settings;
                        json!({
                            "id": b.id.to_string(),
                            "name": s.name,
                            "address": s.address,
                            "imap": format!("{}:{}", s.imap_host, s.imap_port),
                            "smtp": format!("{}:{}", s.smtp_host, s.smtp_port),
                            "security": s.security,
                            "user": s.username,
                            "folders": s.folders,
                            "sent_folder": s.sent_folder,
                            "max_message_bytes": s.max_message_bytes,
                            "move_to": s.move_to,
                            "created_at": b.created_at,
                        })
                    })
                    .collect();
                print_json(&list)?;
            } else {
                for b in &boxes {
                    let s = &b.settings;
                    println!(
                        "{:<16} {:<28} imap {}:{} smtp {}:{} {} [{}]",
                        s.name,
                        s.address,
                        s.imap_host,
                        s.imap_port,
                        s.smtp_host,
                        s.smtp_port,
                        s.security,
                        s.folders.join(", ")
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        MailboxCommand::Sync { name } => {
            let ctx = mail_context(config, store.clone(), tenant)?;
            let report = sync_mailbox(&ctx, &name).await?;
            println!(
                "fetched {}, imported {}, duplicates {}, rejected {}, oversize {}; sent {}, failed {}, unknown {}, recovered {}",
                report.fetched,
                report.imported,
                report.duplicates,
                report.rejected,
                report.oversize,
                report.send.sent,
                report.send.failed,
                report.send.unknown,
                report.send.recovered
            );
            store.close().await;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The mailbox context of the binary: `CAIRN_MAIL_CA_FILE` names an extra CA to trust.
pub fn mail_context(
    config: &Config,
    store: cairn_store::Store,
    tenant: cairn_domain::TenantId,
) -> anyhow::Result<MailContext> {
    let mut ctx = MailContext::new(store, tenant, config.data_dir.clone());
    if let Some(path) = std::env::var_os("CAIRN_MAIL_CA_FILE") {
        let path = PathBuf::from(path);
        ctx.extra_ca_pem = Some(
            std::fs::read(&path)
                .with_context(|| format!("cannot read CAIRN_MAIL_CA_FILE {}", path.display()))?,
        );
    }
    Ok(ctx)
}

/// `cairn reply TICKET_ID --text-file FILE`.
pub async fn reply(
    config: &Config,
    ticket: &str,
    text_file: &PathBuf,
    mailbox: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let id: TicketId = parse_id(ticket, "ticket")?;
    let text = std::fs::read_to_string(text_file)
        .with_context(|| format!("cannot read {}", text_file.display()))?;
    let (store, tenant) = config.open().await?;
    let item = store.queue_reply(tenant, id, &text, mailbox, now()).await?;
    println!(
        "queued {} to {} ({})",
        item.message_id,
        item.to_addr.as_deref().unwrap_or("-"),
        item.subject.as_deref().unwrap_or("")
    );
    Ok(ExitCode::SUCCESS)
}
