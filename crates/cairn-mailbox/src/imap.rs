//! Opening an IMAP session for a mailbox: implicit TLS, STARTTLS, or plain text to loopback.

use std::net::IpAddr;
use std::time::Duration;

use async_imap::Session;
use cairn_store::Mailbox;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use crate::secret::{Password, SecretKey};
use crate::{MailContext, MailboxError, Result};

/// The byte stream under an IMAP session: plain TCP or TLS over it.
pub trait Io: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> Io for T {}

pub type ImapSession = Session<Box<dyn Io>>;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);

/// Whether a host name is a loopback address (where plain text is acceptable).
pub fn host_is_loopback(host: &str) -> bool {
    let h = host.trim().trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost") || h.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

pub(crate) fn password(ctx: &MailContext, mailbox: &Mailbox) -> Result<Password> {
    SecretKey::load_or_create(&ctx.data_dir)?.decrypt(&mailbox.settings.password_enc)
}

/// Connects and logs in.
pub async fn connect_imap(ctx: &MailContext, mailbox: &Mailbox) -> Result<ImapSession> {
    let s = &mailbox.settings;
    let stream: Box<dyn Io> = match s.security.as_str() {
        "none" => {
            if !host_is_loopback(&s.imap_host) {
                return Err(MailboxError::Config(format!(
                    "plain-text IMAP to {} refused: only loopback hosts may use security none",
                    s.imap_host
                )));
            }
            Box::new(connect_tcp(&s.imap_host, s.imap_port).await?)
        }
        "tls" => {
            let tcp = connect_tcp(&s.imap_host, s.imap_port).await?;
            Box::new(upgrade(ctx, &s.imap_host, tcp).await?)
        }
        "starttls" => {
            let mut tcp = connect_tcp(&s.imap_host, s.imap_port).await?;
            starttls(&mut tcp).await?;
            let tls = upgrade(ctx, &s.imap_host, tcp).await?;
            // No second greeting after STARTTLS.
            return login(
                ctx,
                mailbox,
                async_imap::Client::new(Box::new(tls) as Box<dyn Io>),
            )
            .await;
        }
        other => {
            return Err(MailboxError::Config(format!(
                "IMAP security {other:?} must be tls, starttls or none"
            )));
        }
    };
    let mut client = async_imap::Client::new(stream);
    client
        .read_response()
        .await?
        .ok_or_else(|| MailboxError::Imap("the server closed the connection".to_string()))?;
    login(ctx, mailbox, client).await
}

async fn login(
    ctx: &MailContext,
    mailbox: &Mailbox,
    client: async_imap::Client<Box<dyn Io>>,
) -> Result<ImapSession> {
    let s = &mailbox.settings;
    let pass = password(ctx, mailbox)?;
    let session = client
        .login(&s.username, pass.expose())
        .await
        .map_err(|(e, _)| MailboxError::Imap(format!("login as {} failed: {e}", s.username)))?;
    Ok(session)
}

async fn connect_tcp(host: &str, port: u16) -> Result<TcpStream> {
    tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect((host, port)))
        .await
        .map_err(|_| MailboxError::Imap(format!("connecting to {host}:{port} timed out")))?
        .map_err(|e| MailboxError::Imap(format!("cannot connect to {host}:{port}: {e}")))
}

async fn upgrade(
    ctx: &MailContext,
    host: &str,
    tcp: TcpStream,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>> {
    let connector = tokio_rustls::TlsConnector::from(crate::tls::client_config(ctx)?);
    let name = crate::tls::server_name(host)?;
    tokio::time::timeout(CONNECT_TIMEOUT, connector.connect(name, tcp))
        .await
        .map_err(|_| MailboxError::Imap(format!("TLS handshake with {host} timed out")))?
        .map_err(|e| MailboxError::Imap(format!("TLS with {host}: {e}")))
}

/// Reads one CRLF-terminated line byte by byte, so nothing of the TLS handshake is consumed.
async fn read_line(tcp: &mut TcpStream) -> Result<String> {
    use tokio::io::AsyncReadExt;
    let mut line = Vec::new();
    loop {
        let b = tokio::time::timeout(CONNECT_TIMEOUT, tcp.read_u8())
            .await
            .map_err(|_| MailboxError::Imap("the server stopped answering".to_string()))??;
        line.push(b);
        if line.ends_with(b"\r\n") || line.len() > 8192 {
            return Ok(String::from_utf8_lossy(&line).into_owned());
        }
    }
}

/// Greeting, then `STARTTLS`, on the plain connection.
async fn starttls(tcp: &mut TcpStream) -> Result<()> {
    use tokio::io::AsyncWriteExt;
    let greeting = read_line(tcp).await?;
    if !greeting.starts_with("* OK") {
        return Err(MailboxError::Imap(format!(
            "unexpected greeting {greeting:?}"
        )));
    }
    tcp.write_all(b"c0 STARTTLS\r\n").await?;
    loop {
        let line = read_line(tcp).await?;
        if let Some(rest) = line.strip_prefix("c0 ") {
            if rest.starts_with("OK") {
                return Ok(());
            }
            return Err(MailboxError::Imap(format!(
                "the server refused STARTTLS: {}",
                line.trim()
            )));
        }
    }
}

/// Drops unsolicited responses the session queued, so the channel never fills up.
pub(crate) fn drain(session: &mut ImapSession) {
    while session.unsolicited_responses.try_recv().is_ok() {}
}
