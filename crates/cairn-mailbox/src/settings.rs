//! A new mailbox as a person describes it (`HOST:PORT` strings, a plain password), checked and
//! turned into the settings the store keeps, with the password sealed under the data folder's
//! key. The JSON API uses this; it accepts what `cairn mailbox add` accepts.

use std::path::Path;

use cairn_store::MailboxSettings;

use crate::secret::{Password, SecretKey};
use crate::{DEFAULT_MAX_MESSAGE_BYTES, MailboxError, host_is_loopback};

/// What a mailbox is made of, before checking.
#[derive(Clone, Debug, Default)]
pub struct NewMailbox {
    pub name: String,
    pub address: String,
    /// `HOST:PORT`.
    pub imap: String,
    /// `HOST:PORT`.
    pub smtp: String,
    pub user: String,
    pub password: Password,
    /// `tls` (default), `starttls`, or `none` (loopback hosts only).
    pub security: Option<String>,
    /// Default `INBOX`.
    pub folders: Vec<String>,
    /// Default `Sent`.
    pub sent_folder: Option<String>,
    pub max_message_bytes: Option<i64>,
    /// Folder to move mail to once it is stored (none: mail stays).
    pub move_to: Option<String>,
}

/// Splits `HOST:PORT` (`[::1]:993` for IPv6).
pub fn host_port(raw: &str, what: &str) -> Result<(String, u16), MailboxError> {
    let bad = |why: String| MailboxError::Config(format!("{what} {raw:?} {why}"));
    let (host, port) = raw
        .trim()
        .rsplit_once(':')
        .ok_or_else(|| bad("must be HOST:PORT".to_string()))?;
    let port: u16 = port
        .parse()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| bad(format!("has no valid port ({port:?})")))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("has no valid host".to_string()));
    }
    Ok((host.to_string(), port))
}

/// Checks a new mailbox and seals its password.
pub fn mailbox_settings(new: NewMailbox, data_dir: &Path) -> Result<MailboxSettings, MailboxError> {
    let name = new.name.trim().to_string();
    if name.is_empty() || name.len() > 100 || name.chars().any(char::is_control) {
        return Err(MailboxError::Config(
            "name must be 1 to 100 printable characters".to_string(),
        ));
    }
    let (imap_host, imap_port) = host_port(&new.imap, "imap")?;
    let (smtp_host, smtp_port) = host_port(&new.smtp, "smtp")?;
    let security = new.security.unwrap_or_else(|| "tls".to_string());
    match security.as_str() {
        "tls" | "starttls" => {}
        "none" => {
            if !host_is_loopback(&imap_host) || !host_is_loopback(&smtp_host) {
                return Err(MailboxError::Config(
                    "security none (plain text) is accepted only for loopback hosts".to_string(),
                ));
            }
        }
        other => {
            return Err(MailboxError::Config(format!(
                "security {other:?} must be tls, starttls or none"
            )));
        }
    }
    let address = new.address.trim().to_ascii_lowercase();
    if !address.contains('@') || address.chars().any(|c| c.is_whitespace()) {
        return Err(MailboxError::Config(format!(
            "address {:?} is not an email address",
            new.address
        )));
    }
    if new.user.trim().is_empty() {
        return Err(MailboxError::Config("user is empty".to_string()));
    }
    if new.password.expose().is_empty() {
        return Err(MailboxError::Config("password is empty".to_string()));
    }
    let folders: Vec<String> = new
        .folders
        .iter()
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty())
        .collect();
    let folders = if folders.is_empty() {
        vec!["INBOX".to_string()]
    } else {
        folders
    };
    let max_message_bytes = new.max_message_bytes.unwrap_or(DEFAULT_MAX_MESSAGE_BYTES);
    if max_message_bytes < 1024 {
        return Err(MailboxError::Config(
            "max_message_bytes must be at least 1024".to_string(),
        ));
    }
    if let Some(to) = new.move_to.as_deref().map(str::trim)
        && folders.iter().any(|f| f == to)
    {
        return Err(MailboxError::Config(format!(
            "move_to {to:?} is one of the folders fetched"
        )));
    }
    let key = SecretKey::load_or_create(data_dir)?;
    Ok(MailboxSettings {
        name,
        address,
        imap_host,
        imap_port,
        smtp_host,
        smtp_port,
        security,
        username: new.user,
        password_enc: key.encrypt(&new.password)?,
        folders,
        sent_folder: new
            .sent_folder
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "Sent".to_string()),
        max_message_bytes,
        move_to: new
            .move_to
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new() -> NewMailbox {
        NewMailbox {
            name: "shop".into(),
            address: "Shop@Example.com".into(),
            imap: "imap.example.com:993".into(),
            smtp: "smtp.example.com:465".into(),
            user: "shop".into(),
            password: Password::new("hunter2".into()),
            ..NewMailbox::default()
        }
    }

    #[test]
    fn defaults_and_sealed_password() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = mailbox_settings(new(), dir.path()).expect("settings");
        assert_eq!(s.address, "shop@example.com");
        assert_eq!(
            (s.imap_host.as_str(), s.imap_port),
            ("imap.example.com", 993)
        );
        assert_eq!(s.security, "tls");
        assert_eq!(s.folders, vec!["INBOX".to_string()]);
        assert_eq!(s.sent_folder, "Sent");
        assert_eq!(s.max_message_bytes, DEFAULT_MAX_MESSAGE_BYTES);
        assert!(!s.password_enc.contains("hunter2"));
        let key = SecretKey::load_or_create(dir.path()).expect("key");
        assert_eq!(
            key.decrypt(&s.password_enc).expect("open").expose(),
            "hunter2"
        );
        let s = mailbox_settings(
            NewMailbox {
                imap: "[::1]:10143".into(),
                smtp: "127.0.0.1:10025".into(),
                security: Some("none".into()),
                ..new()
            },
            dir.path(),
        )
        .expect("loopback plain text");
        assert_eq!(s.imap_host, "::1");
    }

    #[test]
    fn refusals() {
        let dir = tempfile::tempdir().expect("tempdir");
        for bad in [
            NewMailbox {
                imap: "imap.example.com".into(),
                ..new()
            },
            NewMailbox {
                smtp: "smtp.example.com:0".into(),
                ..new()
            },
            NewMailbox {
                security: Some("none".into()),
                ..new()
            },
            NewMailbox {
                security: Some("ssl".into()),
                ..new()
            },
            NewMailbox {
                address: "shop".into(),
                ..new()
            },
            NewMailbox {
                password: Password::new(String::new()),
                ..new()
            },
            NewMailbox {
                name: " ".into(),
                ..new()
            },
        ] {
            assert!(
                mailbox_settings(bad.clone(), dir.path()).is_err(),
                "{bad:?}"
            );
        }
    }
}
