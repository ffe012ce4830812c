//! Mailbox passwords encrypted at rest with ChaCha20-Poly1305 under a random key kept in the
//! data folder (`mailbox.key`, mode 0600). The database alone does not reveal a password.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

use crate::MailboxError;

const PREFIX: &str = "v1:";

/// A password in memory; never printed.
#[derive(Clone, Default)]
pub struct Password(String);

impl Password {
    pub fn new(s: String) -> Password {
        Password(s)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// The key that encrypts the mailbox passwords of one data folder.
pub struct SecretKey {
    cipher: ChaCha20Poly1305,
}

impl SecretKey {
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join("mailbox.key")
    }

    /// Loads the key, creating it (0600) on first use.
    pub fn load_or_create(data_dir: &Path) -> Result<SecretKey, MailboxError> {
        let path = Self::path(data_dir);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(data_dir)?;
                let key = ChaCha20Poly1305::generate_key(&mut OsRng);
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    options.mode(0o600);
                }
                match options.open(&path) {
                    Ok(mut f) => {
                        f.write_all(&key[..])?;
                        f.sync_all()?;
                        key.to_vec()
                    }
                    // Another process created it first.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        std::fs::read(&path)?
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            Err(e) => return Err(e.into()),
        };
        let key: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
            MailboxError::Config(format!("{} is not a 32-byte key", path.display()))
        })?;
        Ok(SecretKey {
            cipher: ChaCha20Poly1305::new(&Key::from(key)),
        })
    }

    pub fn encrypt(&self, password: &Password) -> Result<String, MailboxError> {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, password.expose().as_bytes())
            .map_err(|_| MailboxError::Config("cannot encrypt the password".to_string()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!("{PREFIX}{}", STANDARD.encode(out)))
    }

    pub fn decrypt(&self, stored: &str) -> Result<Password, MailboxError> {
        let bad = || {
            MailboxError::Config(
                "the stored mailbox password cannot be decrypted with this data folder's key"
                    .to_string(),
            )
        };
        let bytes = stored
            .strip_prefix(PREFIX)
            .and_then(|b| STANDARD.decode(b).ok())
            .ok_or_else(bad)?;
        if bytes.len() < 12 {
            return Err(bad());
        }
        let (nonce, sealed) = bytes.split_at(12);
        let nonce: [u8; 12] = nonce.try_into().map_err(|_| bad())?;
        let plain = self
            .cipher
            .decrypt(&Nonce::from(nonce), sealed)
            .map_err(|_| bad())?;
        String::from_utf8(plain).map(Password).map_err(|_| bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_wrong_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        let key = SecretKey::load_or_create(dir.path()).expect("key");
        let sealed = key
            .encrypt(&Password::new("hunter2".into()))
            .expect("encrypt");
        assert!(!sealed.contains("hunter2"));
        assert_eq!(key.decrypt(&sealed).expect("decrypt").expose(), "hunter2");
        let again = SecretKey::load_or_create(dir.path()).expect("key again");
        assert_eq!(again.decrypt(&sealed).expect("decrypt").expose(), "hunter2");
        let other = tempfile::tempdir().expect("tempdir");
        let wrong = SecretKey::load_or_create(other.path()).expect("other key");
        assert!(wrong.decrypt(&sealed).is_err());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(SecretKey::path(dir.path()))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
