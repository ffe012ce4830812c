//! The stylesheet, script and icon, compiled into the binary: Cairn fetches nothing from the
//! internet and a single file is the whole installation.
//!
//! Pages link them as `/static/app.css?v=<hash>`, so a browser may keep them for a year: a new
//! build changes the hash and so the address.

use std::sync::OnceLock;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::SharedState;
use crate::i18n::query_param;

pub const APP_CSS: &str = include_str!("../static/app.css");
pub const APP_JS: &str = include_str!("../static/app.js");
pub const LOGO_SVG: &str = include_str!("../static/cairn.svg");

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/static/app.css", get(css))
        .route("/static/app.js", get(js))
        .route("/static/cairn.svg", get(logo))
        .route("/favicon.ico", get(logo))
}

/// A short fingerprint of every asset together, for cache-busting addresses and ETags.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        // FNV-1a: no cryptography needed, only a change whenever a file changes.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in APP_CSS
            .bytes()
            .chain(APP_JS.bytes())
            .chain(LOGO_SVG.bytes())
        {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{:012x}", hash >> 16)
    })
}

async fn css(uri: Uri, headers: HeaderMap) -> Response {
    asset(&uri, &headers, "text/css; charset=utf-8", APP_CSS)
}

async fn js(uri: Uri, headers: HeaderMap) -> Response {
    asset(&uri, &headers, "text/javascript; charset=utf-8", APP_JS)
}

async fn logo(uri: Uri, headers: HeaderMap) -> Response {
    asset(&uri, &headers, "image/svg+xml", LOGO_SVG)
}

fn asset(
    uri: &Uri,
    request: &HeaderMap,
    content_type: &'static str,
    body: &'static str,
) -> Response {
    let etag = format!("\"{}\"", version());
    // Only a fingerprinted address may be kept forever; a bare one is checked each time.
    let versioned = uri
        .query()
        .and_then(|q| query_param(q, "v"))
        .is_some_and(|v| v == version());
    let cache_control = if versioned {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=0, must-revalidate"
    };
    let cache = [
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        ),
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
    ];
    let etag_value = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\""));
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if fresh {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value)]).into_response();
    }
    (cache, [(header::ETAG, etag_value)], body).into_response()
}
