//! What a message carries beyond its text, served beside the ticket page: attachments as
//! downloads, and images referenced by the message's own HTML (`cid:`) for the sandboxed view.
//!
//! * `GET /attachments/{message}/{n}` (session): always a download —
//!   `Content-Disposition: attachment` with the file name in RFC 5987 form, `nosniff`, and a
//!   content type from a short list of harmless ones (anything else is
//!   `application/octet-stream`), so no attachment is ever rendered by the browser as a page.
//! * `GET /attachments/{message}/{n}/inline?t=…&e=…&sig=…` (signed, no session): a raster
//!   image for an `<img src="cid:…">` inside the sandboxed message view, whose requests carry
//!   no cookies. Only Cairn writes these URLs (HMAC under the process key), they expire, and
//!   nothing but PNG, JPEG, GIF, WebP, AVIF, BMP and icons is served this way.
//! * `GET /messages/{id}/html[?remote=1]` (session): the message's HTML, sanitised by
//!   `cairn_mail::sanitize_html`, as a document of its own for an `<iframe sandbox>` on the
//!   ticket page, under a policy that allows no script, no request but to Cairn itself for
//!   images, no form, no `<base>`, and framing only by Cairn's own pages. `cid:` images
//!   become signed attachment URLs; remote images are dropped unless `remote=1`, which
//!   routes them through the signed image proxy.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use cairn_domain::{MessageId, TenantId};
use jiff::{SignedDuration, Timestamp};

use crate::SharedState;
use crate::auth::Viewer;
use crate::i18n::{Locale, query_param};
use crate::proxy::{UrlSigner, raster_image_type};
use crate::ui::{bad_id, not_found_page, store_error_page};

/// How long a signed image URL of the message view stays valid.
pub const INLINE_URL_LIFETIME: SignedDuration = SignedDuration::from_hours(12);

/// The policy of the sandboxed message view.
pub const MESSAGE_VIEW_CSP: &str = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/// The policy of every attachment response: it is never a document that may run anything.
const ATTACHMENT_CSP: &str = "default-src 'none'; sandbox";

/// Content types an attachment download keeps; everything else goes out as
/// `application/octet-stream`. None of these is rendered as a page by a browser.
fn download_type(content_type: &str) -> &'static str {
    if let Some(image) = raster_image_type(content_type) {
        return image;
    }
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/pdf" => "application/pdf",
        "text/plain" => "text/plain; charset=utf-8",
        "text/csv" => "text/csv; charset=utf-8",
        "application/zip" => "application/zip",
        "application/msword" => "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
        "application/vnd.ms-excel" => "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
        "message/rfc822" => "message/rfc822",
        _ => "application/octet-stream",
    }
}

/// A file name fit for a header: no path, no control characters, not too long.
pub fn clean_filename(name: Option<&str>, fallback: &str) -> String {
    let base = name
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        fallback.to_string()
    } else {
        cleaned
    }
}

/// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266, RFC 5987).
pub fn content_disposition(kind: &str, filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| {
            if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in filename.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            )
        {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

fn parse_path(raw: &(String, String)) -> Option<(MessageId, i64)> {
    let message = raw.0.parse::<MessageId>().ok()?;
    let n = raw.1.trim().parse::<i64>().ok().filter(|n| *n >= 0)?;
    Some((message, n))
}

fn file_response(
    data: Vec<u8>,
    content_type: &'static str,
    disposition: &str,
    cache: &'static str,
) -> Response {
    let mut response = Response::new(Body::from(data));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(ATTACHMENT_CSP),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// `GET /attachments/{message}/{n}`: the file, always as a download.
pub async fn download(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    Path(raw): Path<(String, String)>,
) -> Response {
    let Some((message, n)) = parse_path(&raw) else {
        return bad_id(lang, &format!("{}/{}", raw.0, raw.1));
    };
    match state.app.store.attachment(viewer.tenant, message, n).await {
        Ok(Some((info, data))) => {
            let name = clean_filename(info.filename.as_deref(), &format!("attachment-{}", n + 1));
            file_response(
                data,
                download_type(&info.content_type),
                &content_disposition("attachment", &name),
                "private, no-store",
            )
        }
        Ok(None) => not_found_page(lang),
        Err(e) => store_error_page(lang, e),
    }
}

fn inline_claim(tenant: TenantId, message: MessageId, n: i64, expires: i64) -> String {
    format!("{tenant}/{message}/{n}/{expires}")
}

/// The signed URL of an attachment image for the sandboxed message view.
pub fn inline_url(
    signer: &UrlSigner,
    tenant: TenantId,
    message: MessageId,
    n: i64,
    now: Timestamp,
) -> String {
    let expires = now
        .checked_add(INLINE_URL_LIFETIME)
        .unwrap_or(now)
        .as_second();
    let sig = signer.sign("inline", &inline_claim(tenant, message, n, expires));
    format!("/attachments/{message}/{n}/inline?t={tenant}&e={expires}&sig={sig}")
}

/// `GET /attachments/{message}/{n}/inline?t=…&e=…&sig=…`: an image of the message, shown inside
/// its HTML. Refuses anything that is not a raster image.
pub async fn inline(
    State(state): State<SharedState>,
    Path(raw): Path<(String, String)>,
    uri: Uri,
) -> Response {
    let refuse = |status: StatusCode| (status, "not available").into_response();
    let Some((message, n)) = parse_path(&raw) else {
        return refuse(StatusCode::BAD_REQUEST);
    };
    let query = uri.query().unwrap_or("");
    let tenant = query_param(query, "t").and_then(|t| t.parse::<TenantId>().ok());
    let expires = query_param(query, "e").and_then(|e| e.parse::<i64>().ok());
    let sig = query_param(query, "sig").unwrap_or_default();
    let (Some(tenant), Some(expires)) = (tenant, expires) else {
        return refuse(StatusCode::FORBIDDEN);
    };
    if !state
        .signer
        .verify("inline", &inline_claim(tenant, message, n, expires), &sig)
        || expires < state.now().as_second()
    {
        return refuse(StatusCode::FORBIDDEN);
    }
    match state.app.store.attachment(tenant, message, n).await {
        Ok(Some((info, data))) => match raster_image_type(&info.content_type) {
            Some(image) => {
                let name = clean_filename(info.filename.as_deref(), &format!("image-{}", n + 1));
                file_response(
                    data,
                    image,
                    &content_disposition("inline", &name),
                    "private, max-age=3600",
                )
            }
            None => refuse(StatusCode::UNSUPPORTED_MEDIA_TYPE),
        },
        Ok(None) => refuse(StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::warn!(error = %e, "attachment image");
            refuse(StatusCode::SERVICE_UNAVAILABLE)
        }
    }
}

/// The source a `cid:` reference names: `cid:abc%40x` → `abc@x` (RFC 2392).
fn cid_of(src: &str) -> Option<String> {
    let rest = src.get(..4).filter(|p| p.eq_ignore_ascii_case("cid:"))?;
    let id = crate::i18n::percent_decode(&src[rest.len()..]);
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    (!id.is_empty()).then(|| id.to_string())
}

fn is_remote(src: &str) -> bool {
    let lower = src.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

/// Sanitises a message's HTML for its view: `cid:` images to signed attachment URLs (raster
/// images only), remote images to the proxy when `remote` is true and dropped otherwise.
pub fn sanitize_message(
    html: &str,
    attachments: &[cairn_store::AttachmentInfo],
    remote: bool,
    signer: &UrlSigner,
    tenant: TenantId,
    now: Timestamp,
) -> cairn_mail::Sanitized {
    let rewrite = |src: &str| -> Option<String> {
        if let Some(cid) = cid_of(src) {
            let a = attachments.iter().find(|a| {
                a.content_id
                    .as_deref()
                    .is_some_and(|c| c.trim_start_matches('<').trim_end_matches('>') == cid)
            })?;
            raster_image_type(&a.content_type)?;
            return Some(inline_url(signer, tenant, a.message_id, a.position, now));
        }
        if remote && is_remote(src) {
            let src = src.trim();
            let absolute = if src.starts_with("//") {
                format!("https:{src}")
            } else {
                src.to_string()
            };
            return Some(signer.proxy_url(&absolute));
        }
        None
    };
    cairn_mail::sanitize_html(html, &rewrite)
}

/// `GET /messages/{id}/html`: the sanitised HTML of a message, for the sandboxed frame.
pub async fn message_html(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    Path(raw): Path<String>,
    uri: Uri,
) -> Response {
    let Ok(message) = raw.parse::<MessageId>() else {
        return bad_id(lang, &raw);
    };
    let remote = uri
        .query()
        .and_then(|q| query_param(q, "remote"))
        .is_some_and(|v| v == "1");
    let store = &state.app.store;
    let html = match store.message_html(viewer.tenant, message).await {
        Ok(Some(html)) => html,
        Ok(None) => return not_found_page(lang),
        Err(e) => return store_error_page(lang, e),
    };
    let attachments = match store.attachments_of(viewer.tenant, &[message]).await {
        Ok(mut all) => all.remove(&message).unwrap_or_default(),
        Err(e) => return store_error_page(lang, e),
    };
    let clean = sanitize_message(
        &html,
        &attachments,
        remote,
        &state.signer,
        viewer.tenant,
        state.now(),
    );
    let document = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"referrer\" content=\"no-referrer\"><style>{VIEW_STYLE}</style></head>\
         <body>{}</body></html>\n",
        lang.code(),
        clean.html
    );
    let mut response = Response::new(Body::from(document));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(MESSAGE_VIEW_CSP),
    );
    headers.insert(
        header::HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("SAMEORIGIN"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A plain reading style for the message view (the message's own styles are removed).
const VIEW_STYLE: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;margin:12px;overflow-wrap:anywhere}\
img{max-width:100%;height:auto}img[data-blocked]{display:inline-block;min-width:16px;min-height:16px;outline:1px dashed #aaa}\
blockquote{margin:0 0 0 .5em;padding-left:.75em;border-left:3px solid #d0d7de;color:#57606a}\
table{border-collapse:collapse;max-width:100%}td,th{vertical-align:top}a{color:#0969da}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispositions_name_the_file_safely() {
        assert_eq!(
            content_disposition("attachment", "Rechnung März.pdf"),
            "attachment; filename=\"Rechnung M_rz.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf"
        );
        let evil = clean_filename(Some("../../etc/\"pass\r\nwd\".html"), "x");
        assert_eq!(evil, "\"passwd\".html");
        assert_eq!(
            content_disposition("attachment", &evil),
            "attachment; filename=\"_passwd_.html\"; filename*=UTF-8''%22passwd%22.html"
        );
        assert_eq!(clean_filename(None, "attachment-1"), "attachment-1");
        assert_eq!(clean_filename(Some("..."), "attachment-1"), "attachment-1");
    }

    #[test]
    fn dangerous_types_become_octet_streams() {
        for t in [
            "text/html",
            "image/svg+xml",
            "application/xhtml+xml",
            "text/javascript",
            "application/x-msdownload",
            "",
        ] {
            assert_eq!(download_type(t), "application/octet-stream", "{t}");
        }
        assert_eq!(download_type("application/PDF"), "application/pdf");
        assert_eq!(download_type("image/jpeg"), "image/jpeg");
    }
}
