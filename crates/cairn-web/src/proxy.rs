//! The image proxy: `GET /proxy/image?url=…&sig=…` fetches a remote image that a message's HTML
//! names, so the sender never learns the agent's address and the browser never talks to the
//! sender's server.
//!
//! Only URLs that Cairn itself rewrote can be fetched: each carries an HMAC-SHA256 signature
//! under a key held by this process ([`UrlSigner`]). The fetch itself guards against being used
//! to reach the server's own network (SSRF):
//!
//! * http and https only, no credentials in the URL;
//! * the host is resolved here and every candidate address is checked against the
//!   [`AddressPolicy`] (loopback, private, link-local — including the cloud metadata address
//!   169.254.169.254 —, CGNAT, unspecified, multicast, broadcast, documentation and reserved
//!   ranges, and the IPv4-mapped/-compatible/NAT64 IPv6 forms of them are refused);
//! * the connection goes to the very address that was checked (no second DNS lookup, so DNS
//!   rebinding cannot swap it), with the host name only in `Host` and the TLS server name;
//! * redirects are followed by hand, at most [`MAX_REDIRECTS`], each target checked again;
//! * at most [`MAX_IMAGE_BYTES`] and [`FETCH_TIMEOUT`] in all;
//! * only raster `image/*` types pass (no SVG, which can carry script), served with `nosniff`;
//! * no cookies, no referrer, no client certificate go out.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use hmac::{KeyInit, Mac};
use http_body_util::BodyExt;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::SharedState;
use crate::i18n::{percent_encode, query_param};

/// Largest image passed through.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
/// The whole fetch, redirects included.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(10);
pub const MAX_REDIRECTS: usize = 3;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Signs and checks the URLs Cairn hands to the browser for resources it serves without a
/// session (images inside the sandboxed message view, whose requests carry no cookies).
#[derive(Clone)]
pub struct UrlSigner {
    key: [u8; 32],
    usable: bool,
}

impl UrlSigner {
    /// A fresh random key: signatures are valid for the life of this process.
    pub fn random() -> Result<UrlSigner, getrandom::Error> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)?;
        Ok(UrlSigner { key, usable: true })
    }

    /// A signer that accepts no signature (when the system had no randomness for a key).
    pub fn unusable() -> UrlSigner {
        UrlSigner {
            key: [0; 32],
            usable: false,
        }
    }

    pub fn sign(&self, purpose: &str, value: &str) -> String {
        cairn_domain::events::hex(&self.mac(purpose, value).finalize().into_bytes())
    }

    pub fn verify(&self, purpose: &str, value: &str, sig: &str) -> bool {
        if !self.usable {
            return false;
        }
        let Some(bytes) = unhex(sig) else {
            return false;
        };
        // Constant-time comparison.
        self.mac(purpose, value).verify_slice(&bytes).is_ok()
    }

    fn mac(&self, purpose: &str, value: &str) -> HmacSha256 {
        // A key of any length is accepted.
        let mut mac = <HmacSha256 as KeyInit>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac
    }

    /// The proxy URL for a remote image.
    pub fn proxy_url(&self, url: &str) -> String {
        format!(
            "/proxy/image?url={}&sig={}",
            encode_component(url),
            self.sign("image", url)
        )
    }
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// Percent-encodes everything but unreserved characters, for a value inside a query string.
pub fn encode_component(s: &str) -> String {
    percent_encode(s).replace('/', "%2F")
}

/// Which addresses the proxy may connect to.
#[derive(Clone, Copy)]
pub struct AddressPolicy {
    allow: fn(IpAddr) -> bool,
}

impl Default for AddressPolicy {
    fn default() -> Self {
        AddressPolicy {
            allow: is_public_address,
        }
    }
}

impl AddressPolicy {
    /// A policy of one's own, for tests that serve images from a local server.
    #[cfg(test)]
    pub fn custom(allow: fn(IpAddr) -> bool) -> Self {
        AddressPolicy { allow }
    }

    pub fn allows(&self, ip: IpAddr) -> bool {
        (self.allow)(ip)
    }
}

/// Whether an address is on the public internet: not loopback, private, link-local, shared
/// (CGNAT), unspecified, multicast, broadcast, documentation or reserved — also when an IPv4
/// address hides inside an IPv6 one.
pub fn is_public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = embedded_v4(v6) {
                return is_public_v4(v4);
            }
            is_public_v6(v6)
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(a == 0 // "this network", including 0.0.0.0
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64/10
        || (a == 169 && b == 254) // link-local, cloud metadata
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 168)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // documentation
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)
        || a >= 224) // multicast, reserved, broadcast
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`) or
/// NAT64 (`64:ff9b::a.b.c.d`) address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if s[..6] == [0, 0, 0, 0, 0, 0] && !ip.is_unspecified() && !ip.is_loopback() {
        return Some(v4);
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(v4);
    }
    None
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
        || (s[0] & 0xffc0) == 0xfec0 // old site-local fec0::/10
        || (s[0] & 0xff00) == 0xff00 // multicast
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] == 0x0100 && s[1..4] == [0, 0, 0])) // discard-only 100::/64
}

/// Why an image was not passed through.
#[derive(Debug, PartialEq, Eq)]
pub enum ProxyError {
    BadUrl(String),
    Forbidden(String),
    Upstream(String),
    TooLarge,
    NotAnImage(String),
    Timeout,
}

impl ProxyError {
    fn status(&self) -> StatusCode {
        match self {
            ProxyError::BadUrl(_) => StatusCode::BAD_REQUEST,
            ProxyError::Forbidden(_) => StatusCode::FORBIDDEN,
            ProxyError::Upstream(_) => StatusCode::BAD_GATEWAY,
            ProxyError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ProxyError::NotAnImage(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProxyError::Timeout => StatusCode::GATEWAY_TIMEOUT,
        }
    }
}

impl std::fmt::Display for ProxyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProxyError::BadUrl(why) => write!(f, "bad image URL: {why}"),
            ProxyError::Forbidden(why) => write!(f, "refused: {why}"),
            ProxyError::Upstream(why) => write!(f, "the image server failed: {why}"),
            ProxyError::TooLarge => write!(f, "the image is over {MAX_IMAGE_BYTES} bytes"),
            ProxyError::NotAnImage(t) => write!(f, "not an image the proxy passes: {t}"),
            ProxyError::Timeout => write!(f, "the image server took too long"),
        }
    }
}

/// A fetched image.
#[derive(Debug)]
pub struct Image {
    pub content_type: &'static str,
    pub data: Vec<u8>,
}

/// Raster image types passed through, by their canonical name. SVG is not among them.
pub fn raster_image_type(content_type: &str) -> Option<&'static str> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    Some(match essence.as_str() {
        "image/png" => "image/png",
        "image/jpeg" | "image/jpg" | "image/pjpeg" => "image/jpeg",
        "image/gif" => "image/gif",
        "image/webp" => "image/webp",
        "image/avif" => "image/avif",
        "image/bmp" => "image/bmp",
        "image/x-icon" | "image/vnd.microsoft.icon" => "image/x-icon",
        _ => return None,
    })
}

/// Fetches an image under the policy, following at most [`MAX_REDIRECTS`] redirects.
pub async fn fetch_image(url: &str, policy: AddressPolicy) -> Result<Image, ProxyError> {
    fetch_image_within(url, policy, FETCH_TIMEOUT).await
}

async fn fetch_image_within(
    url: &str,
    policy: AddressPolicy,
    limit: Duration,
) -> Result<Image, ProxyError> {
    tokio::time::timeout(limit, fetch_following(url, policy))
        .await
        .map_err(|_| ProxyError::Timeout)?
}

async fn fetch_following(url: &str, policy: AddressPolicy) -> Result<Image, ProxyError> {
    let mut current = url::Url::parse(url).map_err(|e| ProxyError::BadUrl(e.to_string()))?;
    for _ in 0..=MAX_REDIRECTS {
        match fetch_once(&current, policy).await? {
            Fetched::Image(image) => return Ok(image),
            Fetched::Redirect(location) => {
                current = current
                    .join(&location)
                    .map_err(|e| ProxyError::BadUrl(format!("redirect to {location:?}: {e}")))?;
            }
        }
    }
    Err(ProxyError::Upstream(format!(
        "more than {MAX_REDIRECTS} redirects"
    )))
}

enum Fetched {
    Image(Image),
    Redirect(String),
}

/// The address to connect to: the first resolved address the policy allows.
async fn checked_address(
    host: &url::Host<&str>,
    port: u16,
    policy: AddressPolicy,
) -> Result<SocketAddr, ProxyError> {
    let candidates: Vec<SocketAddr> = match host {
        url::Host::Ipv4(ip) => vec![SocketAddr::new(IpAddr::V4(*ip), port)],
        url::Host::Ipv6(ip) => vec![SocketAddr::new(IpAddr::V6(*ip), port)],
        url::Host::Domain(name) => tokio::net::lookup_host((*name, port))
            .await
            .map_err(|e| ProxyError::Upstream(format!("cannot resolve {name}: {e}")))?
            .collect(),
    };
    candidates
        .iter()
        .copied()
        .find(|a| policy.allows(a.ip()))
        .ok_or_else(|| {
            ProxyError::Forbidden(format!(
                "{host} is not a public address ({})",
                candidates
                    .iter()
                    .map(|a| a.ip().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
}

async fn fetch_once(url: &url::Url, policy: AddressPolicy) -> Result<Fetched, ProxyError> {
    let https = match url.scheme() {
        "http" => false,
        "https" => true,
        other => return Err(ProxyError::BadUrl(format!("scheme {other} is not http(s)"))),
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ProxyError::BadUrl("credentials in the URL".to_string()));
    }
    let host = url
        .host()
        .ok_or_else(|| ProxyError::BadUrl("no host".to_string()))?;
    let port = url
        .port_or_known_default()
        .ok_or_else(|| ProxyError::BadUrl("no port".to_string()))?;
    let addr = checked_address(&host, port, policy).await?;
    let tcp = TcpStream::connect(addr)
        .await
        .map_err(|e| ProxyError::Upstream(format!("cannot connect to {addr}: {e}")))?;
    let host_header = match url.port() {
        Some(p) => format!("{}:{p}", host_for_header(&host)),
        None => host_for_header(&host),
    };
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    if https {
        let connector = tokio_rustls::TlsConnector::from(tls_config()?);
        let name = match &host {
            url::Host::Domain(d) => rustls::pki_types::ServerName::try_from(d.to_string())
                .map_err(|e| ProxyError::BadUrl(format!("{d}: {e}")))?,
            url::Host::Ipv4(ip) => rustls::pki_types::ServerName::IpAddress(IpAddr::V4(*ip).into()),
            url::Host::Ipv6(ip) => rustls::pki_types::ServerName::IpAddress(IpAddr::V6(*ip).into()),
        };
        let tls = connector
            .connect(name, tcp)
            .await
            .map_err(|e| ProxyError::Upstream(format!("TLS: {e}")))?;
        request(TokioIo::new(tls), &host_header, &path).await
    } else {
        request(TokioIo::new(tcp), &host_header, &path).await
    }
}

fn host_for_header(host: &url::Host<&str>) -> String {
    match host {
        url::Host::Domain(d) => d.to_string(),
        url::Host::Ipv4(ip) => ip.to_string(),
        url::Host::Ipv6(ip) => format!("[{ip}]"),
    }
}

fn tls_config() -> Result<Arc<rustls::ClientConfig>, ProxyError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| ProxyError::Upstream(format!("TLS: {e}")))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(Arc::new(config))
}

async fn request<IO>(io: IO, host: &str, path: &str) -> Result<Fetched, ProxyError>
where
    IO: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, conn) = hyper::client::conn::http1::handshake(io)
        .await
        .map_err(|e| ProxyError::Upstream(e.to_string()))?;
    let driver = tokio::spawn(async move {
        let _ = conn.await;
    });
    let req = hyper::Request::get(path)
        .header(header::HOST, host)
        .header(header::USER_AGENT, "Cairn image proxy")
        .header(
            header::ACCEPT,
            "image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8",
        )
        .body(http_body_util::Empty::<hyper::body::Bytes>::new())
        .map_err(|e| ProxyError::BadUrl(e.to_string()))?;
    let result = async {
        let response = sender
            .send_request(req)
            .await
            .map_err(|e| ProxyError::Upstream(e.to_string()))?;
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| ProxyError::Upstream(format!("{status} without a location")))?;
            return Ok(Fetched::Redirect(location.to_string()));
        }
        if status != StatusCode::OK {
            return Err(ProxyError::Upstream(format!("answered {status}")));
        }
        let declared = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let content_type = raster_image_type(declared)
            .ok_or_else(|| ProxyError::NotAnImage(declared.to_string()))?;
        let length = response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if length.is_some_and(|n| n > MAX_IMAGE_BYTES as u64) {
            return Err(ProxyError::TooLarge);
        }
        let mut body = response.into_body();
        let mut data = Vec::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| ProxyError::Upstream(e.to_string()))?;
            if let Ok(chunk) = frame.into_data() {
                if data.len() + chunk.len() > MAX_IMAGE_BYTES {
                    return Err(ProxyError::TooLarge);
                }
                data.extend_from_slice(&chunk);
            }
        }
        Ok(Fetched::Image(Image { content_type, data }))
    }
    .await;
    driver.abort();
    result
}

/// `GET /proxy/image?url=…&sig=…`: no session is needed (the sandboxed message view sends no
/// cookies); the signature proves Cairn rewrote this URL.
pub async fn proxy_image(State(state): State<SharedState>, uri: Uri) -> Response {
    let query = uri.query().unwrap_or("");
    let (Some(url), Some(sig)) = (query_param(query, "url"), query_param(query, "sig")) else {
        return refuse(StatusCode::BAD_REQUEST, "url and sig are required");
    };
    if !state.signer.verify("image", &url, &sig) {
        return refuse(StatusCode::FORBIDDEN, "bad signature");
    }
    match fetch_image(&url, state.image_policy).await {
        Ok(image) => {
            let mut response = Response::new(Body::from(image.data));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(image.content_type),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=3600"),
            );
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            headers.insert(
                header::HeaderName::from_static("cross-origin-resource-policy"),
                HeaderValue::from_static("same-origin"),
            );
            response
        }
        Err(e) => {
            tracing::info!(url = %url, "image proxy: {e}");
            refuse(e.status(), &e.to_string())
        }
    }
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        message.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_addresses() {
        for bad in [
            "127.0.0.1",
            "127.1.2.3",
            "10.0.0.1",
            "172.16.5.4",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::ffff:10.1.2.3",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
        ] {
            let ip: IpAddr = bad.parse().expect("address");
            assert!(!is_public_address(ip), "{bad} must be refused");
        }
        for good in [
            "93.184.216.34",
            "8.8.8.8",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700::1111",
            "::ffff:93.184.216.34",
        ] {
            let ip: IpAddr = good.parse().expect("address");
            assert!(is_public_address(ip), "{good} is public");
        }
    }

    #[test]
    fn signatures_bind_purpose_and_value() {
        let signer = UrlSigner::random().expect("key");
        let sig = signer.sign("image", "https://example.com/a.png");
        assert!(signer.verify("image", "https://example.com/a.png", &sig));
        assert!(!signer.verify("image", "https://example.com/b.png", &sig));
        assert!(!signer.verify("attachment", "https://example.com/a.png", &sig));
        assert!(!signer.verify("image", "https://example.com/a.png", "zz"));
        let other = UrlSigner::random().expect("key");
        assert!(!other.verify("image", "https://example.com/a.png", &sig));
        let url = signer.proxy_url("https://example.com/a b.png?x=1&y=2");
        assert!(url.starts_with(
            "/proxy/image?url=https%3A%2F%2Fexample.com%2Fa%20b.png%3Fx%3D1%26y%3D2&sig="
        ));
    }

    #[test]
    fn only_raster_images_pass() {
        assert_eq!(raster_image_type("image/PNG"), Some("image/png"));
        assert_eq!(
            raster_image_type("image/jpeg; charset=x"),
            Some("image/jpeg")
        );
        assert_eq!(raster_image_type("image/svg+xml"), None);
        assert_eq!(raster_image_type("text/html"), None);
        assert_eq!(raster_image_type(""), None);
    }

    /// A one-shot-per-connection HTTP server on 127.0.0.1 that answers by path.
    async fn local_server() -> SocketAddr {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            loop {
                let Ok((mut conn, _)) = listener.accept().await else {
                    return;
                };
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 4096];
                    let mut got = Vec::new();
                    while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                        match conn.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => got.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&got).to_string();
                    let path = head.split(' ').nth(1).unwrap_or("/").to_string();
                    let png = b"\x89PNG\r\n\x1a\nfake".to_vec();
                    let (status, extra, body): (&str, String, Vec<u8>) = match path.as_str() {
                        "/a.png" => ("200 OK", "Content-Type: image/png\r\n".into(), png),
                        "/hop1" => ("302 Found", "Location: /hop2\r\n".into(), Vec::new()),
                        "/hop2" => ("301 Moved", "Location: /a.png\r\n".into(), Vec::new()),
                        "/loop" => ("302 Found", "Location: /loop\r\n".into(), Vec::new()),
                        "/meta" => (
                            "302 Found",
                            "Location: http://169.254.169.254/latest/meta-data/\r\n".into(),
                            Vec::new(),
                        ),
                        "/private" => (
                            "307 Temporary Redirect",
                            "Location: http://10.0.0.1/x.png\r\n".into(),
                            Vec::new(),
                        ),
                        "/svg" => (
                            "200 OK",
                            "Content-Type: image/svg+xml\r\n".into(),
                            b"<svg onload=alert(1)></svg>".to_vec(),
                        ),
                        "/html" => (
                            "200 OK",
                            "Content-Type: text/html\r\n".into(),
                            b"<p>".to_vec(),
                        ),
                        "/big" => (
                            "200 OK",
                            "Content-Type: image/png\r\n".into(),
                            vec![0u8; MAX_IMAGE_BYTES + 1],
                        ),
                        "/slow" => {
                            tokio::time::sleep(Duration::from_secs(30)).await;
                            ("200 OK", String::new(), Vec::new())
                        }
                        "/headers" => {
                            // Echo back what was sent, as a "PNG" so it passes.
                            ("200 OK", "Content-Type: image/png\r\n".into(), got.clone())
                        }
                        _ => ("404 Not Found", String::new(), Vec::new()),
                    };
                    let head = format!(
                        "HTTP/1.1 {status}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = conn.write_all(head.as_bytes()).await;
                    let _ = conn.write_all(&body).await;
                    let _ = conn.shutdown().await;
                });
            }
        });
        addr
    }

    fn loopback_too(ip: IpAddr) -> bool {
        ip == IpAddr::V4(Ipv4Addr::LOCALHOST) || is_public_address(ip)
    }

    #[tokio::test]
    async fn fetches_under_the_policy() {
        let addr = local_server().await;
        let base = format!("http://{addr}");
        let strict = AddressPolicy::default();
        let test = AddressPolicy::custom(loopback_too);

        // The real policy refuses the local server outright.
        assert!(matches!(
            fetch_image(&format!("{base}/a.png"), strict).await,
            Err(ProxyError::Forbidden(_))
        ));
        assert!(matches!(
            fetch_image(&format!("http://localhost:{}/a.png", addr.port()), strict).await,
            Err(ProxyError::Forbidden(_))
        ));

        let image = fetch_image(&format!("{base}/a.png"), test)
            .await
            .expect("image");
        assert_eq!(image.content_type, "image/png");
        assert!(image.data.starts_with(b"\x89PNG"));
        // Two redirects are followed.
        let image = fetch_image(&format!("{base}/hop1"), test)
            .await
            .expect("after redirects");
        assert!(image.data.starts_with(b"\x89PNG"));
        // Redirects to forbidden addresses are checked again, and refused.
        for path in ["/meta", "/private"] {
            let r = fetch_image(&format!("{base}{path}"), test).await;
            assert!(matches!(r, Err(ProxyError::Forbidden(_))), "{path}: {r:?}");
        }
        assert!(matches!(
            fetch_image(&format!("{base}/loop"), test).await,
            Err(ProxyError::Upstream(_))
        ));
        assert!(matches!(
            fetch_image(&format!("{base}/svg"), test).await,
            Err(ProxyError::NotAnImage(_))
        ));
        assert!(matches!(
            fetch_image(&format!("{base}/html"), test).await,
            Err(ProxyError::NotAnImage(_))
        ));
        assert_eq!(
            fetch_image(&format!("{base}/big"), test).await.err(),
            Some(ProxyError::TooLarge)
        );
        assert!(matches!(
            fetch_image(&format!("{base}/missing"), test).await,
            Err(ProxyError::Upstream(_))
        ));
        for bad in [
            "file:///etc/passwd",
            "ftp://example.com/a.png",
            "gopher://127.0.0.1:25/",
            "not a url",
        ] {
            assert!(
                matches!(fetch_image(bad, test).await, Err(ProxyError::BadUrl(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            fetch_image(&format!("http://user:pw@{addr}/a.png"), test).await,
            Err(ProxyError::BadUrl(_))
        ));
        assert_eq!(
            fetch_image_within(&format!("{base}/slow"), test, Duration::from_millis(300))
                .await
                .err(),
            Some(ProxyError::Timeout)
        );
        // Nothing of the viewer goes out: no cookie, no referrer.
        let echoed = fetch_image(&format!("{base}/headers"), test)
            .await
            .expect("echo");
        let sent = String::from_utf8_lossy(&echoed.data).to_ascii_lowercase();
        assert!(sent.starts_with("get /headers http/1.1\r\n"), "{sent}");
        assert!(!sent.contains("cookie"), "{sent}");
        assert!(!sent.contains("referer"), "{sent}");
        assert!(sent.contains(&format!("host: {addr}")), "{sent}");
    }
}
