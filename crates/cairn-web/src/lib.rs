//! Cairn's web layer: it owns HTTP — the JSON API (`/api/v1/…`, bearer tokens, the OpenAPI
//! document), the server-rendered agent UI in German and English (inbox, ticket page with the
//! unified customer history, customer pages, sign-in), its embedded stylesheet and script, and
//! the security headers every response carries.
//!
//! It knows no SQL and no business rules: every read and write goes through
//! [`cairn_store::Store`], scoped by the tenant that the token or session belongs to, and every
//! shape it returns comes from `cairn_domain::views`. The current time comes from
//! [`AppState::clock`], so tests and the demo can run at a chosen instant.

mod api;
mod api_settings;
mod assets;
mod auth;
mod content;
mod error;
mod format;
mod i18n;
mod openapi;
mod proxy;
mod ui;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use cairn_domain::TenantId;
use cairn_store::Store;
use jiff::Timestamp;

pub use error::{ApiError, ErrorCode};

/// What the web layer needs from the binary.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// The tenant the UI shows in demo mode (without sign-in).
    pub tenant: TenantId,
    /// Demo mode: the UI opens without sign-in for browsers on this machine (loopback).
    pub demo: bool,
    pub clock: fn() -> Timestamp,
    /// The data folder, whose key seals mailbox passwords added through the API (none: the API
    /// refuses to add mailboxes).
    pub data_dir: Option<std::path::PathBuf>,
}

/// The state every handler sees: the binary's state plus what the web layer keeps itself.
pub(crate) struct Shared {
    app: AppState,
    sessions: auth::Sessions,
    /// Demo-mode forms have no session to bind their CSRF token to; this process's secret
    /// serves instead.
    demo_csrf: String,
    /// Signs the URLs of images shown inside the sandboxed message view.
    signer: proxy::UrlSigner,
    /// Where the image proxy may connect.
    image_policy: proxy::AddressPolicy,
}

impl Shared {
    fn now(&self) -> Timestamp {
        (self.app.clock)()
    }
}

pub(crate) type SharedState = Arc<Shared>;

/// The Content-Security-Policy of every response: nothing from elsewhere, no inline script or
/// style, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

/// The whole application: API, UI and static files.
pub fn router(state: AppState) -> Router {
    let demo_csrf = auth::random_token().unwrap_or_else(|e| {
        // Without OS randomness no session could be created either; demo forms then refuse
        // every submission rather than accept a guessable token.
        tracing::error!(error = %e, "no randomness for the demo CSRF token");
        String::new()
    });
    let signer = proxy::UrlSigner::random().unwrap_or_else(|e| {
        // As above: a fixed key would make signatures forgeable, so this signer accepts none.
        tracing::error!(error = %e, "no randomness for the URL signing key");
        proxy::UrlSigner::unusable()
    });
    let shared = Arc::new(Shared {
        app: state,
        sessions: auth::Sessions::default(),
        demo_csrf,
        signer,
        image_policy: proxy::AddressPolicy::default(),
    });
    Router::new()
        .merge(api::routes())
        .merge(api_settings::routes())
        .merge(ui::routes())
        .route("/proxy/image", axum::routing::get(proxy::proxy_image))
        .merge(assets::routes())
        .fallback(ui::not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(ui::remember_language))
        .layer(middleware::from_fn(security_headers))
        .with_state(shared)
}

/// Serves the application until `shutdown` completes, then lets running requests finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

async fn method_not_allowed(request: Request) -> Response {
    let message = format!(
        "{} is not allowed on {}",
        request.method(),
        request.uri().path()
    );
    axum::response::IntoResponse::into_response(ApiError::new(ErrorCode::MethodNotAllowed, message))
}

/// Adds the security headers; a handler that set its own (stricter) policy or framing rule
/// keeps it.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !headers.contains_key(header::REFERRER_POLICY) {
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        );
    }
    let frame = HeaderName::from_static("x-frame-options");
    if !headers.contains_key(&frame) {
        headers.insert(frame, HeaderValue::from_static("DENY"));
    }
    response
}
