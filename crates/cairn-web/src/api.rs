//! The JSON API, version 1. Every handler takes the tenant from the bearer token, so a query can
//! never reach another tenant's rows; the JSON shapes are those of INTERFACES.md.

use std::str::FromStr;
use std::sync::OnceLock;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use cairn_domain::events::EventRow;
use cairn_domain::ingest::Outcome;
use cairn_domain::merge::MergePlan;
use cairn_domain::model::{LinkRow, TicketStatus};
use cairn_domain::records::{MAX_LINE_BYTES, Record, parse_record};
use cairn_domain::views::{MessageView, TicketView};
use cairn_domain::{CustomerId, LinkId, TicketId};
use cairn_store::{CustomerSuggestion, IngestOptions, TicketQuery};
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::SharedState;
use crate::auth::ApiTenant;
use crate::error::{ApiError, ErrorBody, ErrorCode};

/// Largest import body: a month of a busy seller's records, still parsed comfortably in memory.
pub const IMPORT_BODY_LIMIT: usize = 64 * 1024 * 1024;
/// Records per ingest transaction, as `cairn import` does.
pub const IMPORT_BATCH: usize = 1000;
pub const DEFAULT_LIMIT: i64 = 100;
pub const MAX_LIMIT: i64 = 1000;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/openapi.json", get(openapi_json))
        .route("/api/v1/tickets", get(list_tickets))
        .route("/api/v1/tickets/{id}", get(get_ticket))
        .route("/api/v1/tickets/merge", post(merge_tickets))
        .route("/api/v1/tickets/{id}/replies", post(queue_reply))
        .route("/api/v1/tickets/{id}/unmerge", post(unmerge_ticket))
        .route("/api/v1/tickets/{id}/events", get(ticket_events))
        .route("/api/v1/customers", get(list_customers))
        .route("/api/v1/customers/suggestions", get(customer_suggestions))
        .route("/api/v1/customers/link", post(link_customers))
        .route("/api/v1/customers/{id}", get(get_customer))
        .route("/api/v1/customers/{id}/history", get(customer_history))
        .route("/api/v1/customers/{id}/links", get(customer_links))
        .route("/api/v1/identity-links/{id}", delete(unlink))
        .route(
            "/api/v1/mailboxes",
            get(list_mailboxes).post(create_mailbox),
        )
        .route("/api/v1/mailboxes/{id}", delete(delete_mailbox))
        .route(
            "/api/v1/import",
            post(import).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        )
}

/// `Path` with JSON errors instead of axum's plain-text rejections.
pub struct ApiPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ApiPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(p)| ApiPath(p))
            .map_err(|e| ApiError::new(ErrorCode::InvalidId, e.body_text()))
    }
}

/// `Query` with JSON errors instead of axum's plain-text rejections.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(q)| ApiQuery(q))
            .map_err(|e| ApiError::invalid_parameter(e.body_text()))
    }
}

/// Parses an id from the path or query with a message that names what was expected.
pub fn parse_id<T: FromStr>(raw: &str, what: &str) -> Result<T, ApiError> {
    raw.parse::<T>().map_err(|_| {
        ApiError::new(
            ErrorCode::InvalidId,
            format!("{what} id {raw:?} is not a number"),
        )
    })
}

fn parse_limit(raw: Option<&str>) -> Result<i64, ApiError> {
    let Some(raw) = raw else {
        return Ok(DEFAULT_LIMIT);
    };
    match raw.trim().parse::<i64>() {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        _ => Err(ApiError::invalid_parameter(format!(
            "limit {raw:?} must be a whole number from 1 to {MAX_LIMIT}"
        ))),
    }
}

/// `status=open`, `status=open,pending`, `status=all`.
fn parse_statuses(raw: Option<&str>) -> Result<Vec<TicketStatus>, ApiError> {
    let raw = raw.unwrap_or("open");
    if raw.trim() == "all" {
        return Ok(Vec::new());
    }
    raw.split(',')
        .map(|s| {
            TicketStatus::parse(s.trim()).ok_or_else(|| {
                ApiError::invalid_parameter(format!(
                    "status {s:?} is not one of open, pending, closed, merged, all"
                ))
            })
        })
        .collect()
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TicketParams {
    /// `open` (default), `pending`, `closed`, `merged`, `all`, or several joined by commas.
    status: Option<String>,
    /// Tickets per page, 1 to 1000 (default 100).
    #[param(value_type = Option<u32>)]
    limit: Option<String>,
    /// Page through tickets in id order: only tickets with an id above this one (0 to start).
    /// Without it, tickets come in queue order, earliest deadline first.
    after: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/tickets",
    tag = "tickets",
    params(TicketParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Tickets, earliest deadline first (or in id order with `after`). \
            When the page is full, a `Link: <…>; rel=\"next\"` header names the next page.",
            body = [crate::openapi::Ticket]),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn list_tickets(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiQuery(params): ApiQuery<TicketParams>,
) -> Result<Response, ApiError> {
    let statuses = parse_statuses(params.status.as_deref())?;
    let limit = parse_limit(params.limit.as_deref())?;
    let after_id = params
        .after
        .as_deref()
        .map(|a| parse_id::<TicketId>(a, "after: ticket"))
        .transpose()?;
    let query = TicketQuery {
        statuses,
        customer: None,
        limit,
        after_id,
    };
    let tickets = state.app.store.tickets(tenant, &query, state.now()).await?;
    let next = match (after_id, tickets.last()) {
        (Some(_), Some(last)) if tickets.len() as i64 == limit => {
            let status = params.status.as_deref().unwrap_or("open");
            Some(format!(
                "</api/v1/tickets?status={}&limit={limit}&after={}>; rel=\"next\"",
                crate::i18n::percent_encode(status),
                last.id
            ))
        }
        _ => None,
    };
    let mut response = Json(tickets).into_response();
    if let Some(link) = next.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LINK, link);
    }
    Ok(response)
}

/// An audit event as the API shows it.
#[derive(Serialize)]
pub struct EventView {
    id: String,
    kind: String,
    at: Timestamp,
    data: serde_json::Value,
    hash: String,
}

impl From<EventRow> for EventView {
    fn from(e: EventRow) -> Self {
        EventView {
            id: e.id.to_string(),
            kind: e.kind,
            at: e.at,
            data: e.data,
            hash: e.hash,
        }
    }
}

#[derive(Serialize)]
pub struct TicketDetail {
    ticket: TicketView,
    messages: Vec<MessageView>,
    events: Vec<EventView>,
}

#[utoipa::path(
    get,
    path = "/api/v1/tickets/{id}",
    tag = "tickets",
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket, its messages (oldest first) and its audit events",
            body = crate::openapi::TicketDetail),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
    )
)]
pub async fn get_ticket(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiPath(raw): ApiPath,
) -> Result<Json<TicketDetail>, ApiError> {
    let id: TicketId = parse_id(&raw, "ticket")?;
    let (ticket, messages) = state
        .app
        .store
        .ticket(tenant, id, state.now())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("ticket {id}")))?;
    let events = state.app.store.ticket_events(tenant, id).await?;
    Ok(Json(TicketDetail {
        ticket,
        messages,
        events: events.into_iter().map(EventView::from).collect(),
    }))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CustomerParams {
    /// Customers per page, 1 to 1000 (default 100).
    #[param(value_type = Option<u32>)]
    limit: Option<String>,
    /// Only customers with an id above this one.
    after: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/customers",
    tag = "customers",
    params(CustomerParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Customers in id order with their identities, orders and tickets. \
            When the page is full, a `Link: <…>; rel=\"next\"` header names the next page.",
            body = [crate::openapi::Customer]),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn list_customers(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiQuery(params): ApiQuery<CustomerParams>,
) -> Result<Response, ApiError> {
    let limit = parse_limit(params.limit.as_deref())?;
    let after = params
        .after
        .as_deref()
        .map(|a| parse_id::<CustomerId>(a, "after: customer"))
        .transpose()?;
    let customers = state.app.store.customers(tenant, after, limit).await?;
    let next = customers
        .last()
        .filter(|_| customers.len() as i64 == limit)
        .map(|last| {
            format!(
                "</api/v1/customers?limit={limit}&after={}>; rel=\"next\"",
                last.id
            )
        });
    let mut response = Json(customers).into_response();
    if let Some(link) = next.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LINK, link);
    }
    Ok(response)
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}",
    tag = "customers",
    params(("id" = String, Path, description = "Customer id; an id merged into another customer answers with that customer")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The customer", body = crate::openapi::Customer),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such customer", body = ErrorBody),
    )
)]
pub async fn get_customer(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiPath(raw): ApiPath,
) -> Result<Response, ApiError> {
    let id: CustomerId = parse_id(&raw, "customer")?;
    let customer = state
        .app
        .store
        .customer(tenant, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("customer {id}")))?;
    Ok(Json(customer).into_response())
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/history",
    tag = "customers",
    params(("id" = String, Path, description = "Customer id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The unified timeline: orders, tickets and messages of every channel, oldest first",
            body = crate::openapi::History),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such customer", body = ErrorBody),
    )
)]
pub async fn customer_history(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiPath(raw): ApiPath,
) -> Result<Response, ApiError> {
    let id: CustomerId = parse_id(&raw, "customer")?;
    let history = state
        .app
        .store
        .history(tenant, id, state.now())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("customer {id}")))?;
    Ok(Json(history).into_response())
}

/// Why two of a customer's handles are believed to be one person.
#[derive(Serialize, ToSchema)]
#[schema(as = Link)]
pub struct LinkView {
    id: String,
    /// Identity ids of the two handles.
    identity_a: String,
    identity_b: String,
    /// `same_order`, `mentions_order` or `manual`.
    evidence: &'static str,
    /// A note on the evidence, e.g. `order 302-4417789-6651234`.
    detail: String,
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
    /// Set when the link was undone.
    #[schema(value_type = Option<String>, format = DateTime)]
    removed_at: Option<Timestamp>,
}

impl From<LinkRow> for LinkView {
    fn from(l: LinkRow) -> Self {
        LinkView {
            id: l.id.to_string(),
            identity_a: l.a.to_string(),
            identity_b: l.b.to_string(),
            evidence: l.evidence.as_str(),
            detail: l.detail,
            created_at: l.created_at,
            removed_at: l.removed_at,
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/{id}/links",
    tag = "customers",
    params(("id" = String, Path, description = "Customer id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The identity links of the customer with their evidence, undone ones included",
            body = [LinkView]),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such customer", body = ErrorBody),
    )
)]
pub async fn customer_links(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiPath(raw): ApiPath,
) -> Result<Json<Vec<LinkView>>, ApiError> {
    let id: CustomerId = parse_id(&raw, "customer")?;
    let customer = state
        .app
        .store
        .customer(tenant, id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("customer {id}")))?;
    let links = state.app.store.links_of(tenant, customer.id).await?;
    Ok(Json(links.into_iter().map(LinkView::from).collect()))
}

#[derive(Serialize, ToSchema)]
pub struct UnlinkResult {
    link_id: String,
    /// The customers the handles belong to now: the original first, then any split off.
    customer_ids: Vec<String>,
}

#[utoipa::path(
    delete,
    path = "/api/v1/identity-links/{id}",
    tag = "customers",
    params(("id" = String, Path, description = "Identity link id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The link is undone; handles that only hung together through it \
            became a customer of their own, taking their orders and tickets along", body = UnlinkResult),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such link", body = ErrorBody),
        (status = 409, description = "The link was already undone", body = ErrorBody),
    )
)]
pub async fn unlink(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiPath(raw): ApiPath,
) -> Result<Json<UnlinkResult>, ApiError> {
    let id: LinkId = parse_id(&raw, "identity link")?;
    let customers = state.app.store.unlink(tenant, id, state.now()).await?;
    Ok(Json(UnlinkResult {
        link_id: id.to_string(),
        customer_ids: customers.iter().map(ToString::to_string).collect(),
    }))
}

/// An email mailbox of the tenant, as the API shows it: never its password.
#[derive(Serialize, ToSchema)]
#[schema(as = Mailbox)]
pub struct MailboxView {
    id: String,
    name: String,
    /// The address customers write to; answers come from it.
    address: String,
    /// IMAP server, `HOST:PORT`.
    imap: String,
    /// SMTP server, `HOST:PORT`.
    smtp: String,
    /// `tls`, `starttls` or `none` (plain text, loopback hosts only).
    security: String,
    /// The user name for IMAP and SMTP.
    user: String,
    /// Folders fetched.
    folders: Vec<String>,
    /// Where copies of our answers go.
    sent_folder: String,
    /// Messages above this size are recorded but not downloaded.
    max_message_bytes: i64,
    /// Where fetched mail is moved once it is stored; `null`: it stays.
    move_to: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
}

fn host_port(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

impl From<&cairn_store::Mailbox> for MailboxView {
    fn from(b: &cairn_store::Mailbox) -> Self {
        let s = &b.settings;
        MailboxView {
            id: b.id.to_string(),
            name: s.name.clone(),
            address: s.address.clone(),
            imap: host_port(&s.imap_host, s.imap_port),
            smtp: host_port(&s.smtp_host, s.smtp_port),
            security: s.security.clone(),
            user: s.username.clone(),
            folders: s.folders.clone(),
            sent_folder: s.sent_folder.clone(),
            max_message_bytes: s.max_message_bytes,
            move_to: s.move_to.clone(),
            created_at: b.created_at,
        }
    }
}

/// A mailbox to add (or to replace, by name): what `cairn mailbox add` takes.
#[derive(Deserialize, ToSchema)]
pub struct MailboxRequest {
    name: String,
    address: String,
    /// IMAP server, `HOST:PORT` (`[::1]:993` for IPv6).
    imap: String,
    /// SMTP server, `HOST:PORT`.
    smtp: String,
    user: String,
    /// Stored encrypted under the data folder's key; never returned.
    password: String,
    /// `tls` (default), `starttls`, or `none` (plain text; loopback hosts only).
    #[serde(default)]
    security: Option<String>,
    /// Folders to fetch (default `["INBOX"]`).
    #[serde(default)]
    folders: Vec<String>,
    /// Where copies of our answers go (default `Sent`).
    #[serde(default)]
    sent_folder: Option<String>,
    /// Messages above this size are recorded but not downloaded (default 25 MiB).
    #[serde(default)]
    max_message_bytes: Option<i64>,
    /// A folder to move mail to once Cairn has stored it (default: mail stays where it is).
    /// The move happens after the transaction that stored the mail; a crash in between
    /// neither loses nor duplicates anything, and the next sync moves what was left.
    #[serde(default)]
    move_to: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/mailboxes",
    tag = "mailboxes",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The tenant's mailboxes by name, without passwords", body = [MailboxView]),
        (status = 401, description = "No valid token", body = ErrorBody),
    )
)]
pub async fn list_mailboxes(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
) -> Result<Json<Vec<MailboxView>>, ApiError> {
    let boxes = state.app.store.mailboxes(tenant).await?;
    Ok(Json(boxes.iter().map(MailboxView::from).collect()))
}

#[utoipa::path(
    post,
    path = "/api/v1/mailboxes",
    tag = "mailboxes",
    security(("bearer" = [])),
    request_body(content = MailboxRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "The mailbox was added; `cairn serve` picks it up within a minute", body = MailboxView),
        (status = 200, description = "A mailbox of this name existed; its settings were replaced", body = MailboxView),
        (status = 400, description = "The body is not valid JSON or a setting is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 409, description = "This server has no data folder to keep passwords in", body = ErrorBody),
    )
)]
pub async fn create_mailbox(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<MailboxView>), ApiError> {
    let body = body.map_err(|e| ApiError::new(ErrorCode::InvalidBody, e.body_text()))?;
    let request: MailboxRequest = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidBody,
            format!("the body must be JSON with name, address, imap, smtp, user and password: {e}"),
        )
    })?;
    let data_dir = state.app.data_dir.clone().ok_or_else(|| {
        ApiError::new(
            ErrorCode::Conflict,
            "this server has no data folder to keep mailbox passwords in",
        )
    })?;
    let new = cairn_mailbox::NewMailbox {
        name: request.name,
        address: request.address,
        imap: request.imap,
        smtp: request.smtp,
        user: request.user,
        password: cairn_mailbox::secret::Password::new(request.password),
        security: request.security,
        folders: request.folders,
        sent_folder: request.sent_folder,
        max_message_bytes: request.max_message_bytes,
        move_to: request.move_to,
    };
    let settings = cairn_mailbox::mailbox_settings(new, &data_dir).map_err(|e| match e {
        cairn_mailbox::MailboxError::Config(message) => {
            ApiError::new(ErrorCode::InvalidBody, message)
        }
        other => {
            tracing::error!(error = %other, "cannot seal a mailbox password");
            ApiError::new(ErrorCode::Internal, "internal error; see the server log")
        }
    })?;
    let store = &state.app.store;
    let existed = store
        .mailbox_by_name(tenant, &settings.name)
        .await?
        .is_some();
    let saved = store.save_mailbox(tenant, &settings, state.now()).await?;
    let status = if existed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(MailboxView::from(&saved))))
}

#[utoipa::path(
    delete,
    path = "/api/v1/mailboxes/{id}",
    tag = "mailboxes",
    params(("id" = String, Path, description = "Mailbox id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The mailbox is removed; what came through it stays, answers still \
            queued for it become `failed`"),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such mailbox", body = ErrorBody),
    )
)]
pub async fn delete_mailbox(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiPath(raw): ApiPath,
) -> Result<StatusCode, ApiError> {
    let id: i64 = parse_id(&raw, "mailbox")?;
    if state
        .app
        .store
        .delete_mailbox(tenant, id, state.now())
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!("mailbox {id}")))
    }
}

/// An answer to queue on a ticket.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReplyRequest {
    /// The answer, plain text.
    pub text: String,
    /// The mailbox to send through; by default the one the customer's last message came
    /// through (or the tenant's only mailbox).
    #[serde(default)]
    pub mailbox: Option<String>,
}

/// A queued answer in the outbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReplyQueued {
    pub id: String,
    pub ticket_id: String,
    /// `queued`; it becomes `sending`, then `sent`, `failed` or `unknown`.
    pub status: String,
    pub message_id: String,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub in_reply_to: Option<String>,
}

#[utoipa::path(
    post,
    path = "/api/v1/tickets/{id}/replies",
    tag = "tickets",
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    request_body(content = ReplyRequest, content_type = "application/json"),
    responses(
        (status = 202, description = "The answer is queued in the outbox; the mailbox loop sends it \
            within seconds under `cairn serve`, or `cairn mailbox sync` does.", body = ReplyQueued),
        (status = 400, description = "The id or the body is invalid", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 409, description = "No mailbox or customer address to answer through, or an empty text", body = ErrorBody),
    )
)]
pub async fn queue_reply(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiPath(raw): ApiPath,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<ReplyQueued>), ApiError> {
    let id: TicketId = parse_id(&raw, "ticket")?;
    let body = body.map_err(|e| ApiError::new(ErrorCode::InvalidBody, e.body_text()))?;
    let request: ReplyRequest = serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidBody,
            format!("the body must be JSON like {{\"text\": \"…\"}}: {e}"),
        )
    })?;
    let item = state
        .app
        .store
        .queue_reply(
            tenant,
            id,
            &request.text,
            request.mailbox.as_deref(),
            state.now(),
        )
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(ReplyQueued {
            id: item.id.to_string(),
            ticket_id: item.ticket_id.to_string(),
            status: item.status,
            message_id: item.message_id,
            to: item.to_addr,
            subject: item.subject,
            in_reply_to: item.in_reply_to,
        }),
    ))
}

// ----- triage: merging tickets, linking customers ------------------------------------------

/// Most tickets one merge takes: more is a script gone wrong, not one issue.
pub const MAX_MERGE: usize = 50;

/// Why a merge is refused before the store is asked; the API and the UI word it each their way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeRefusal {
    /// Fewer than two different tickets.
    TooFew,
    TooMany,
    /// No such ticket of this tenant.
    NotFound(TicketId),
    /// The ticket is merged into the second one already.
    AlreadyMerged(TicketId, TicketId),
    /// The tickets belong to different customers.
    DifferentCustomers,
}

impl From<MergeRefusal> for ApiError {
    fn from(r: MergeRefusal) -> Self {
        match r {
            MergeRefusal::TooFew => ApiError::new(
                ErrorCode::InvalidBody,
                "a merge needs at least two different tickets",
            ),
            MergeRefusal::TooMany => ApiError::new(
                ErrorCode::InvalidBody,
                format!("a merge takes at most {MAX_MERGE} tickets"),
            ),
            MergeRefusal::NotFound(id) => ApiError::not_found(format!("ticket {id}")),
            MergeRefusal::AlreadyMerged(id, into) => ApiError::new(
                ErrorCode::Conflict,
                format!("ticket {id} is already merged into ticket {into}; unmerge it first"),
            ),
            MergeRefusal::DifferentCustomers => ApiError::new(
                ErrorCode::Conflict,
                "the tickets belong to different customers; link the customers first \
                 (POST /api/v1/customers/link)",
            ),
        }
    }
}

/// The error of a merge: a refusal, or what the store said.
pub enum MergeFailure {
    Refused(MergeRefusal),
    Store(cairn_store::StoreError),
}

impl From<cairn_store::StoreError> for MergeFailure {
    fn from(e: cairn_store::StoreError) -> Self {
        MergeFailure::Store(e)
    }
}

impl From<MergeFailure> for ApiError {
    fn from(f: MergeFailure) -> Self {
        match f {
            MergeFailure::Refused(r) => r.into(),
            MergeFailure::Store(e) => e.into(),
        }
    }
}

/// Checks and merges tickets of one customer (duplicates in `ids` count once). Tickets of
/// another tenant are unknown here, exactly like ids that do not exist.
pub(crate) async fn merge(
    state: &SharedState,
    tenant: cairn_domain::TenantId,
    ids: &[TicketId],
) -> Result<MergePlan, MergeFailure> {
    let mut unique: Vec<TicketId> = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(id) {
            unique.push(*id);
        }
    }
    if unique.len() < 2 {
        return Err(MergeFailure::Refused(MergeRefusal::TooFew));
    }
    if unique.len() > MAX_MERGE {
        return Err(MergeFailure::Refused(MergeRefusal::TooMany));
    }
    let now = state.now();
    let mut customer = None;
    for id in &unique {
        let Some((ticket, _)) = state.app.store.ticket(tenant, *id, now).await? else {
            return Err(MergeFailure::Refused(MergeRefusal::NotFound(*id)));
        };
        if let Some(into) = ticket.merged_into {
            return Err(MergeFailure::Refused(MergeRefusal::AlreadyMerged(
                *id, into,
            )));
        }
        match customer {
            None => customer = Some(ticket.customer_id),
            Some(c) if c != ticket.customer_id => {
                return Err(MergeFailure::Refused(MergeRefusal::DifferentCustomers));
            }
            Some(_) => {}
        }
    }
    // The tenant's own deadline rules decide which ticket is strictest.
    let rules = state.app.store.triage_rules(tenant).await?.deadlines;
    Ok(state
        .app
        .store
        .merge_tickets(tenant, &unique, &rules, now)
        .await?)
}

/// Tickets to merge into one.
#[derive(Deserialize, ToSchema)]
pub struct MergeRequest {
    /// Ticket ids of one customer, at least two (strings of digits; numbers are accepted too).
    #[schema(value_type = Vec<String>)]
    tickets: Vec<serde_json::Value>,
}

/// A courtesy note queued in a merged ticket's own channel and language.
#[derive(Serialize, ToSchema)]
pub struct CourtesyNoteView {
    ticket_id: String,
    /// `amazon`, `ebay`, `walmart`, `shopify` or `email`.
    channel: &'static str,
    language: String,
    text: String,
}

/// What a merge did.
#[derive(Serialize, ToSchema)]
pub struct MergeResult {
    /// The ticket the others were merged into: the one with the strictest deadline.
    primary: String,
    /// The tickets now marked `merged` into the primary.
    merged: Vec<String>,
    /// Notes queued in the outbox, one per merged thread, telling the customer where the answer is.
    courtesy_notes: Vec<CourtesyNoteView>,
}

impl From<MergePlan> for MergeResult {
    fn from(plan: MergePlan) -> Self {
        MergeResult {
            primary: plan.primary.to_string(),
            merged: plan.merged.iter().map(|(t, _)| t.to_string()).collect(),
            courtesy_notes: plan
                .notes
                .into_iter()
                .map(|n| CourtesyNoteView {
                    ticket_id: n.ticket.to_string(),
                    channel: n.channel.as_str(),
                    language: n.language,
                    text: n.text,
                })
                .collect(),
        }
    }
}

/// An id from a JSON body: a string of digits or a number.
fn json_id<T: FromStr>(v: &serde_json::Value, what: &str) -> Result<T, ApiError> {
    match v {
        serde_json::Value::String(s) => parse_id(s, what),
        serde_json::Value::Number(n) => parse_id(&n.to_string(), what),
        other => Err(ApiError::new(
            ErrorCode::InvalidId,
            format!("{what} id {other} is not a number"),
        )),
    }
}

fn json_body<T: DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
    example: &str,
) -> Result<T, ApiError> {
    let body = body.map_err(|e| ApiError::new(ErrorCode::InvalidBody, e.body_text()))?;
    serde_json::from_slice(&body).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidBody,
            format!("the body must be JSON like {example}: {e}"),
        )
    })
}

#[utoipa::path(
    post,
    path = "/api/v1/tickets/merge",
    tag = "tickets",
    security(("bearer" = [])),
    request_body(content = MergeRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The tickets are merged into the one with the strictest deadline; \
            every other thread got a courtesy note in its own channel. `POST /api/v1/tickets/{id}/unmerge` \
            undoes it.", body = MergeResult),
        (status = 400, description = "The body is not JSON like `{\"tickets\": [\"12\", \"15\"]}`, names fewer \
            than two different tickets (`invalid_body`), or an id is not a number (`invalid_id`)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "A ticket does not exist (for this tenant)", body = ErrorBody),
        (status = 409, description = "A ticket is already merged, or the tickets belong to different customers", body = ErrorBody),
    )
)]
pub async fn merge_tickets(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<MergeResult>, ApiError> {
    let request: MergeRequest = json_body(body, "{\"tickets\": [\"12\", \"15\"]}")?;
    let ids = request
        .tickets
        .iter()
        .map(|v| json_id::<TicketId>(v, "ticket"))
        .collect::<Result<Vec<_>, _>>()?;
    let plan = merge(&state, tenant, &ids).await?;
    Ok(Json(MergeResult::from(plan)))
}

/// What an unmerge restored.
#[derive(Serialize, ToSchema)]
pub struct UnmergeResult {
    /// The tickets restored to the status they had before the merge.
    restored: Vec<String>,
}

#[utoipa::path(
    post,
    path = "/api/v1/tickets/{id}/unmerge",
    tag = "tickets",
    params(("id" = String, Path, description = "A merged ticket (restores it), or the primary of a merge (restores every ticket merged into it)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The tickets are restored; courtesy notes not yet sent are cancelled", body = UnmergeResult),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
        (status = 409, description = "The ticket is neither merged nor the primary of a merge", body = ErrorBody),
    )
)]
pub async fn unmerge_ticket(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiPath(raw): ApiPath,
) -> Result<Json<UnmergeResult>, ApiError> {
    let id: TicketId = parse_id(&raw, "ticket")?;
    let now = state.now();
    if state.app.store.ticket(tenant, id, now).await?.is_none() {
        return Err(ApiError::not_found(format!("ticket {id}")));
    }
    let restored = state.app.store.unmerge_ticket(tenant, id, now).await?;
    Ok(Json(UnmergeResult {
        restored: restored.iter().map(ToString::to_string).collect(),
    }))
}

#[utoipa::path(
    get,
    path = "/api/v1/tickets/{id}/events",
    tag = "tickets",
    params(("id" = String, Path, description = "Ticket id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The ticket's audit events, oldest first: created, messages, \
            duplicate flags (with reason codes), merges and unmerges, …", body = [crate::openapi::Event]),
        (status = 400, description = "The id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such ticket", body = ErrorBody),
    )
)]
pub async fn ticket_events(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiPath(raw): ApiPath,
) -> Result<Json<Vec<EventView>>, ApiError> {
    let id: TicketId = parse_id(&raw, "ticket")?;
    if state
        .app
        .store
        .ticket(tenant, id, state.now())
        .await?
        .is_none()
    {
        return Err(ApiError::not_found(format!("ticket {id}")));
    }
    let events = state.app.store.ticket_events(tenant, id).await?;
    Ok(Json(events.into_iter().map(EventView::from).collect()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestionParams {
    /// The customer to find likely-same customers for (required).
    customer: Option<String>,
}

/// Another customer who is probably the same person.
#[derive(Serialize, ToSchema)]
#[schema(as = CustomerSuggestion)]
pub struct SuggestionView {
    customer_id: String,
    name: Option<String>,
    /// How sure the suggestion is, 0 to 100.
    confidence: u8,
    /// Why, in English, e.g. `same name in postal code 80331 (lindenstr 12 / packstation 123)`.
    evidence: Vec<String>,
}

impl From<CustomerSuggestion> for SuggestionView {
    fn from(s: CustomerSuggestion) -> Self {
        SuggestionView {
            customer_id: s.customer_id.to_string(),
            name: s.name,
            confidence: s.confidence,
            evidence: s.evidence,
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/customers/suggestions",
    tag = "customers",
    params(SuggestionParams),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Customers who are probably the same person as `customer`, most \
            likely first, with confidence and evidence. `POST /api/v1/customers/link` merges one.",
            body = [SuggestionView]),
        (status = 400, description = "`customer` is missing or not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such customer", body = ErrorBody),
    )
)]
pub async fn customer_suggestions(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    ApiQuery(params): ApiQuery<SuggestionParams>,
) -> Result<Json<Vec<SuggestionView>>, ApiError> {
    let raw = params.customer.ok_or_else(|| {
        ApiError::invalid_parameter("the customer parameter is required: ?customer=ID")
    })?;
    let id: CustomerId = parse_id(&raw, "customer")?;
    let suggestions = state.app.store.customer_suggestions(tenant, id).await?;
    Ok(Json(
        suggestions.into_iter().map(SuggestionView::from).collect(),
    ))
}

/// Two customers an agent knows to be one person.
#[derive(Deserialize, ToSchema)]
pub struct LinkRequest {
    /// Customer id (a string of digits; a number is accepted too).
    #[schema(value_type = String)]
    a: serde_json::Value,
    #[schema(value_type = String)]
    b: serde_json::Value,
    /// Why, for the audit trail.
    #[serde(default)]
    note: Option<String>,
}

/// The result of linking two customers.
#[derive(Serialize, ToSchema)]
pub struct CustomerLinkResult {
    /// The identity link; `DELETE /api/v1/identity-links/{id}` splits the customers again.
    link_id: String,
    /// The customer both now are (the older one); the other id answers with this one.
    customer_id: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/customers/link",
    tag = "customers",
    security(("bearer" = [])),
    request_body(content = LinkRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The customers are one: identities, orders and tickets moved to the \
            older customer, recorded as a manual identity link", body = CustomerLinkResult),
        (status = 400, description = "The body is not JSON like `{\"a\": \"3\", \"b\": \"8\"}`, or an id is not a number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "A customer does not exist (for this tenant)", body = ErrorBody),
        (status = 409, description = "The customers are already one", body = ErrorBody),
    )
)]
pub async fn link_customers(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CustomerLinkResult>, ApiError> {
    let request: LinkRequest = json_body(body, "{\"a\": \"3\", \"b\": \"8\"}")?;
    let a: CustomerId = json_id(&request.a, "customer")?;
    let b: CustomerId = json_id(&request.b, "customer")?;
    let note = request
        .note
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "linked through the API".to_string());
    let (link, kept) = link(&state, tenant, a, b, &note).await?;
    Ok(Json(CustomerLinkResult {
        link_id: link.to_string(),
        customer_id: kept.to_string(),
    }))
}

/// Links two customers; returns the link and the customer both now are.
pub(crate) async fn link(
    state: &SharedState,
    tenant: cairn_domain::TenantId,
    a: CustomerId,
    b: CustomerId,
    note: &str,
) -> Result<(LinkId, CustomerId), cairn_store::StoreError> {
    let store = &state.app.store;
    let link = store
        .link_customers(tenant, a, b, note, state.now())
        .await?;
    let kept = store.customer(tenant, a).await?.map_or(a, |c| c.id);
    Ok((link, kept))
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ImportSummary {
    pub imported: u64,
    /// Records already known and unchanged.
    pub duplicates: u64,
    /// Orders known before that came with new data.
    pub updated: u64,
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Rejected {
    /// 1-based line number in the request body.
    pub line: u64,
    pub reason: String,
}

#[utoipa::path(
    post,
    path = "/api/v1/import",
    tag = "import",
    security(("bearer" = [])),
    request_body(
        content = String,
        content_type = "application/x-ndjson",
        description = "Interchange records, one JSON object per line (see INTERFACES.md). Blank lines \
            are skipped. At most 64 MiB."
    ),
    responses(
        (status = 200, description = "What each line did. Idempotent: importing the same lines again \
            counts them as duplicates. Bad lines are listed with their line number and reason and do \
            not stop the rest.", body = ImportSummary),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 413, description = "The body is over 64 MiB", body = ErrorBody),
    )
)]
pub async fn import(
    ApiTenant(tenant): ApiTenant,
    State(state): State<SharedState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ImportSummary>, ApiError> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                ErrorCode::PayloadTooLarge,
                format!(
                    "the import body is over {} MiB; split the file",
                    IMPORT_BODY_LIMIT / (1024 * 1024)
                ),
            )
        } else {
            ApiError::new(ErrorCode::InvalidBody, e.body_text())
        }
    })?;
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&body);
    let mut summary = ImportSummary::default();
    let mut batch: Vec<(u64, Record)> = Vec::with_capacity(IMPORT_BATCH);
    for (index, raw) in body.split(|&b| b == b'\n').enumerate() {
        let line = index as u64 + 1;
        if raw.len() > MAX_LINE_BYTES {
            summary.rejected.push(Rejected {
                line,
                reason: format!(
                    "line is {} bytes long, over the {} MiB limit",
                    raw.len(),
                    MAX_LINE_BYTES / (1024 * 1024)
                ),
            });
            continue;
        }
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t.trim(),
            Err(e) => {
                summary.rejected.push(Rejected {
                    line,
                    reason: format!("line is not valid UTF-8 ({e})"),
                });
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        match parse_record(text) {
            Ok(record) => batch.push((line, record)),
            Err(e) => summary.rejected.push(Rejected { line, reason: e.0 }),
        }
        if batch.len() >= IMPORT_BATCH {
            ingest_batch(&state, tenant, &mut batch, &mut summary).await?;
        }
    }
    ingest_batch(&state, tenant, &mut batch, &mut summary).await?;
    summary.rejected.sort_by_key(|r| r.line);
    Ok(Json(summary))
}

async fn ingest_batch(
    state: &SharedState,
    tenant: cairn_domain::TenantId,
    batch: &mut Vec<(u64, Record)>,
    summary: &mut ImportSummary,
) -> Result<(), ApiError> {
    if batch.is_empty() {
        return Ok(());
    }
    let records: Vec<Record> = batch.iter().map(|(_, r)| r.clone()).collect();
    let first_line = batch.first().map_or(0, |(l, _)| *l);
    let now = state.now();
    let report = state
        .app
        .store
        .ingest(tenant, &records, &IngestOptions::default(), now)
        .await
        .map_err(|e| {
            let mut err = ApiError::from(e);
            err.message = format!(
                "import stopped at the batch starting on line {first_line}; earlier lines were \
                 imported and importing the body again is safe: {}",
                err.message
            );
            err
        })?;
    for ((line, _), outcome) in batch.iter().zip(report.outcomes) {
        match outcome {
            Ok(Outcome::Imported) => summary.imported += 1,
            Ok(Outcome::Duplicate) => summary.duplicates += 1,
            Ok(Outcome::Updated) => summary.updated += 1,
            Err(e) => summary.rejected.push(Rejected {
                line: *line,
                reason: e.0,
            }),
        }
    }
    batch.clear();
    Ok(())
}

#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "This OpenAPI 3 document; needs no token", content_type = "application/json"))
)]
pub async fn openapi_json() -> Response {
    static DOC: OnceLock<String> = OnceLock::new();
    let doc = DOC.get_or_init(|| {
        crate::openapi::ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|e| {
                format!("{{\"error\":{{\"code\":\"internal\",\"message\":\"{e}\"}}}}")
            })
    });
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        doc.clone(),
    )
        .into_response()
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    status: &'static str,
}

#[utoipa::path(
    get,
    path = "/healthz",
    tag = "meta",
    responses(
        (status = 200, description = "The server runs and reaches its database; needs no token", body = Health),
        (status = 503, description = "The database is not reachable", body = ErrorBody),
    )
)]
pub async fn healthz(State(state): State<SharedState>) -> Result<Json<Health>, ApiError> {
    state.app.store.is_empty(state.app.tenant).await?;
    Ok(Json(Health { status: "ok" }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse() {
        assert_eq!(parse_statuses(None).ok(), Some(vec![TicketStatus::Open]));
        assert_eq!(parse_statuses(Some("all")).ok(), Some(vec![]));
        assert_eq!(
            parse_statuses(Some("open,pending")).ok(),
            Some(vec![TicketStatus::Open, TicketStatus::Pending])
        );
        assert!(parse_statuses(Some("solved")).is_err());
    }

    #[test]
    fn limits_are_bounded() {
        assert_eq!(parse_limit(None).ok(), Some(DEFAULT_LIMIT));
        assert_eq!(parse_limit(Some("5")).ok(), Some(5));
        for bad in ["0", "-1", "1001", "ten", ""] {
            assert!(parse_limit(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_ids_say_what_they_are() {
        let e = parse_id::<TicketId>("abc", "ticket").err();
        assert_eq!(
            e.map(|e| (e.code, e.message)),
            Some((
                ErrorCode::InvalidId,
                "ticket id \"abc\" is not a number".to_string()
            ))
        );
    }
}
