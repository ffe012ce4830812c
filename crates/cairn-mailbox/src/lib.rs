//! Cairn's email channel: mailboxes of a tenant, ingest over IMAP and sending over SMTP.
//!
//! Ingest fetches each folder by UID from a cursor `(UIDVALIDITY, last UID)` and commits the
//! cursor in the same database transaction as the messages (`Store::ingest_mail`), so a crash at
//! any moment neither loses nor duplicates a message; a new UIDVALIDITY rescans the folder and
//! ingest's idempotency by Message-ID drops what is already known. Raw messages are kept under
//! the data folder by content hash so they can be parsed again.
//!
//! Sending takes answers from the durable outbox: `queued → sending → sent | failed | unknown`.
//! An item is never sent again once the server may have accepted it: an item found in
//! `sending` (a crash) is looked up in the Sent folder by its Message-ID, and becomes `sent`
//! when found, else `unknown` for a person to decide.
//!
//! This crate knows IMAP, SMTP and the data folder; it parses mail through `cairn-mail`, and
//! writes only through `cairn-store`. It knows nothing of HTTP.

pub mod convert;
mod imap;
pub mod secret;
mod send;
pub mod settings;
mod sync;
mod tls;
mod worker;

use std::path::PathBuf;

use cairn_domain::TenantId;
use cairn_store::{IngestOptions, Store};

pub use imap::ImapSession;
pub use imap::{connect_imap, host_is_loopback};
pub use send::send_outbox;
pub use send::{SendOptions, SendReport};
pub use settings::{NewMailbox, mailbox_settings};
pub use sync::{SyncReport, fetch_mailbox, move_messages, sync_mailbox};
pub use worker::{run_mailbox_loop, serve_mailboxes};

/// The default size limit of one message.
pub const DEFAULT_MAX_MESSAGE_BYTES: i64 = 25 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    #[error("{0}")]
    Config(String),
    #[error("IMAP: {0}")]
    Imap(String),
    #[error("SMTP: {0}")]
    Smtp(String),
    #[error(transparent)]
    Store(#[from] cairn_store::StoreError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl From<async_imap::error::Error> for MailboxError {
    fn from(e: async_imap::error::Error) -> Self {
        MailboxError::Imap(e.to_string())
    }
}

pub type Result<T, E = MailboxError> = std::result::Result<T, E>;

/// What every mailbox operation needs: the store, the tenant and the data folder.
#[derive(Clone)]
pub struct MailContext {
    pub store: Store,
    pub tenant: TenantId,
    pub data_dir: PathBuf,
    pub ingest: IngestOptions,
    /// PEM certificates of an extra CA to trust for IMAP and SMTP, beside the public roots.
    pub extra_ca_pem: Option<Vec<u8>>,
}

impl MailContext {
    pub fn new(store: Store, tenant: TenantId, data_dir: PathBuf) -> MailContext {
        MailContext {
            store,
            tenant,
            data_dir,
            ingest: IngestOptions::default(),
            extra_ca_pem: None,
        }
    }

    /// Where the raw message with this content hash is kept.
    pub fn raw_path(&self, sha256: &str) -> PathBuf {
        let shard = sha256.get(..2).unwrap_or("00");
        self.data_dir
            .join("mail")
            .join("raw")
            .join(shard)
            .join(format!("{sha256}.eml"))
    }
}
