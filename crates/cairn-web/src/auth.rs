//! Who is asking, and for which tenant.
//!
//! * The JSON API takes `Authorization: Bearer <token>`; the token's tenant scopes every query.
//! * The UI signs in by pasting a token once. The browser then holds only a random session id in
//!   an `HttpOnly; SameSite=Strict` cookie; the token stays in this process's memory and is
//!   checked against the store on every request, so revoking it ends the session at once.
//! * In demo mode, a browser on the same machine (loopback) may use the UI without signing in.
//! * Every UI form carries a CSRF token bound to the session (or, in demo mode, to the process).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use cairn_domain::TenantId;
use jiff::{SignedDuration, Timestamp};

use crate::SharedState;
use crate::error::ApiError;
use crate::i18n::{Lang, percent_encode};

pub const SESSION_COOKIE: &str = "cairn_session";
/// A working day and then some; an agent signs in once per shift.
pub const SESSION_LIFETIME: SignedDuration = SignedDuration::from_hours(12);
/// Only holders of a valid token can create sessions, but a script looping over login must not
/// grow memory without bound.
const MAX_SESSIONS: usize = 10_000;

struct Session {
    token: String,
    csrf: String,
    expires_at: Timestamp,
}

/// Server-side sessions of this process. A restart signs everyone out, which is acceptable for
/// a helpdesk; several nodes behind a load balancer need sticky sessions.
#[derive(Default)]
pub struct Sessions {
    inner: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Starts a session for a token that was just verified; returns the session id.
    pub fn create(&self, token: &str, now: Timestamp) -> Result<String, getrandom::Error> {
        let id = random_token()?;
        let csrf = random_token()?;
        let mut sessions = self.lock();
        sessions.retain(|_, s| s.expires_at > now);
        if sessions.len() >= MAX_SESSIONS {
            // Drop the session closest to expiry rather than refuse the new sign-in.
            if let Some(oldest) = sessions
                .iter()
                .min_by_key(|(_, s)| s.expires_at)
                .map(|(k, _)| k.clone())
            {
                sessions.remove(&oldest);
            }
        }
        sessions.insert(
            id.clone(),
            Session {
                token: token.to_string(),
                csrf,
                expires_at: now.checked_add(SESSION_LIFETIME).unwrap_or(Timestamp::MAX),
            },
        );
        Ok(id)
    }

    /// The token and CSRF token of a live session.
    fn get(&self, id: &str, now: Timestamp) -> Option<(String, String)> {
        let sessions = self.lock();
        let s = sessions.get(id)?;
        (s.expires_at > now).then(|| (s.token.clone(), s.csrf.clone()))
    }

    pub fn remove(&self, id: &str) {
        self.lock().remove(id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        // A panic while holding the lock cannot leave a half-written map entry behind.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// 32 random bytes from the operating system, hex-encoded.
pub fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(cairn_domain::events::hex(&bytes))
}

/// Compares secrets without leaking through timing where they first differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of one cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then_some(v.trim_matches('"'))
        })
}

/// The tenant of the API request's bearer token.
pub struct ApiTenant(pub TenantId);

impl FromRequestParts<SharedState> for ApiTenant {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &SharedState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
            })
            .filter(|t| !t.is_empty())
            .ok_or_else(ApiError::unauthorized)?;
        match state.app.store.tenant_for_token(token).await? {
            Some(tenant) => Ok(ApiTenant(tenant)),
            None => Err(ApiError::unauthorized()),
        }
    }
}

/// Who looks at a UI page: the tenant, the CSRF token for forms, and whether a session exists
/// (as opposed to demo mode).
#[derive(Clone, Debug)]
pub struct Viewer {
    pub tenant: TenantId,
    pub csrf: String,
    pub signed_in: bool,
}

impl FromRequestParts<SharedState> for Viewer {
    /// A redirect to the sign-in page, or an error page.
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &SharedState,
    ) -> Result<Self, Self::Rejection> {
        let now = (state.app.clock)();
        if let Some(id) = cookie(&parts.headers, SESSION_COOKIE)
            && let Some((token, csrf)) = state.sessions.get(id, now)
        {
            match state.app.store.tenant_for_token(&token).await {
                Ok(Some(tenant)) => {
                    return Ok(Viewer {
                        tenant,
                        csrf,
                        signed_in: true,
                    });
                }
                // The token was revoked since sign-in.
                Ok(None) => state.sessions.remove(id),
                Err(e) => {
                    let lang = Lang::negotiate(parts.uri.query(), &parts.headers).0;
                    return Err(crate::ui::store_error_page(lang, e));
                }
            }
        }
        if state.app.demo && from_loopback(parts) {
            return Ok(Viewer {
                tenant: state.app.tenant,
                csrf: state.demo_csrf.clone(),
                signed_in: false,
            });
        }
        let next = parts
            .uri
            .path_and_query()
            .map_or("/", |pq| pq.as_str())
            .to_string();
        let target = if next == "/" {
            "/login".to_string()
        } else {
            format!("/login?next={}", percent_encode(&next))
        };
        Err(Redirect::to(&target).into_response())
    }
}

/// Demo mode trusts only the machine itself. Without connection info (the router was mounted
/// without `serve`), the caller decided who reaches it.
fn from_loopback(parts: &Parts) -> bool {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .is_none_or(|ConnectInfo(addr)| addr.ip().is_loopback())
}

/// A local path to return to after sign-in; anything else (other hosts, `//evil`) becomes `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("lang=de; cairn_session=abc123; theme=x"),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("abc123"));
        assert_eq!(cookie(&headers, "lang"), Some("de"));
        assert_eq!(cookie(&headers, "missing"), None);
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/tickets/4?lang=de")), "/tickets/4?lang=de");
        for bad in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil",
            "tickets",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn sessions_expire() {
        let sessions = Sessions::default();
        let now: Timestamp = "2026-11-10T12:00:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let id = sessions.create("secret", now).unwrap_or_default();
        assert!(sessions.get(&id, now).is_some());
        let later = now.checked_add(SESSION_LIFETIME).unwrap_or(Timestamp::MAX);
        assert!(sessions.get(&id, later).is_none());
        assert!(sessions.get("unknown", now).is_none());
    }

    #[test]
    fn secrets_compare_by_content() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
