//! The OpenAPI 3 document of the JSON API.
//!
//! The response shapes of tickets, customers, orders and messages are owned by
//! `cairn_domain::views`, which knows nothing of OpenAPI; the schemas here describe them field
//! for field. The test suite compares them with real responses, so the two cannot drift apart
//! unnoticed.

// The schema types exist only to be described, never built.
#![allow(dead_code)]

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::api;
use crate::api_settings;
use crate::error::{ErrorBody, ErrorCode, ErrorDetail};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cairn API",
        description = "Helpdesk for online sellers: tickets, customers with their unified history \
                       across Amazon, eBay, Walmart, Shopify and email, identity links, and import of \
                       interchange records. Every route under /api/v1 except this document needs \
                       `Authorization: Bearer <token>`; the token's tenant scopes every answer. Ids \
                       are strings of digits.",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(
        api::list_tickets,
        api::get_ticket,
        api::queue_reply,
        api::merge_tickets,
        api::unmerge_ticket,
        api::ticket_events,
        api::list_customers,
        api::get_customer,
        api::customer_history,
        api::customer_links,
        api::customer_suggestions,
        api::link_customers,
        api::unlink,
        api::list_mailboxes,
        api::create_mailbox,
        api::delete_mailbox,
        api::import,
        api::openapi_json,
        api::healthz,
        api_settings::get_triage_settings,
        api_settings::put_triage_settings,
    ),
    components(schemas(
        Ticket,
        Risk,
        Sla,
        ClockState,
        Message,
        Event,
        TicketDetail,
        Customer,
        Identity,
        Order,
        OrderItem,
        Money,
        Address,
        Shipment,
        History,
        TimelineEntry,
        TimelineOrder,
        TimelineTicket,
        TimelineMessage,
        api::LinkView,
        api::UnlinkResult,
        api::MergeRequest,
        api::MergeResult,
        api::CourtesyNoteView,
        api::UnmergeResult,
        api::SuggestionView,
        api::LinkRequest,
        api::CustomerLinkResult,
        api::MailboxView,
        api::MailboxRequest,
        api::ReplyRequest,
        api::ReplyQueued,
        api::ImportSummary,
        api::Rejected,
        api::Health,
        ErrorBody,
        ErrorDetail,
        ErrorCode,
        api_settings::schema::TriageSettings,
        api_settings::schema::RiskSettings,
        api_settings::schema::OrderValuePoints,
        api_settings::schema::TimeLeftPoints,
        api_settings::schema::DeadlineSettings,
        api_settings::schema::CompanySettings,
        api_settings::schema::WeekSettings,
        api_settings::schema::Shift,
        api_settings::schema::FieldError,
        api_settings::schema::SettingsRefused,
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "tickets", description = "The queue and single tickets with their conversation"),
        (name = "customers", description = "Customers, their unified history and identity links"),
        (name = "mailboxes", description = "Email mailboxes of the tenant (IMAP in, SMTP out)"),
        (name = "import", description = "Interchange records (JSON Lines, version 1)"),
        (name = "meta", description = "Health and this document"),
        (name = "settings", description = "The tenant's triage settings: risk weights, deadlines, company clock"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token of the tenant"))
                    .build(),
            ),
        );
    }
}

/// A ticket: one conversation with a customer on one channel.
#[derive(ToSchema)]
pub struct Ticket {
    id: String,
    customer_id: String,
    customer_name: Option<String>,
    /// `amazon`, `ebay`, `walmart`, `shopify` or `email`.
    channel: String,
    /// e.g. `amazon.de`.
    marketplace: Option<String>,
    /// `open`, `pending`, `closed` or `merged`.
    status: String,
    subject: String,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
    order_ids: Vec<String>,
    message_external_ids: Vec<String>,
    message_count: i64,
    language: Option<String>,
    intents: Vec<String>,
    signals: Vec<String>,
    risk: Option<Risk>,
    sla: Sla,
    /// When the oldest unanswered customer message is due.
    #[schema(format = DateTime)]
    response_due_at: Option<String>,
    /// The earlier ticket this one repeats while both are unmerged.
    duplicate_of: Option<String>,
    /// How sure the duplicate detection is, 0 to 100.
    duplicate_confidence: Option<u8>,
    duplicate_reasons: Vec<String>,
    /// The answered ticket this one contacts again about (same order or issue within 7 days).
    repeat_of: Option<String>,
    repeat_reason: Option<String>,
    merged_into: Option<String>,
}

#[derive(ToSchema)]
pub struct Risk {
    score: u8,
    /// `low`, `medium` or `high`.
    level: String,
    reasons: Vec<String>,
}

/// Where a running clock stands.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    OnTrack,
    /// Little of the window is left: predicted to breach without action.
    AtRisk,
    Breached,
}

/// The two clocks of a ticket: the marketplace's deadline and the company's own target in
/// business hours.
#[derive(ToSchema)]
pub struct Sla {
    #[schema(format = DateTime)]
    first_response_due_at: Option<String>,
    /// The first answer missed (or is missing) its marketplace deadline.
    breached: bool,
    #[schema(format = DateTime)]
    marketplace_due_at: Option<String>,
    marketplace_state: Option<ClockState>,
    #[schema(format = DateTime)]
    company_due_at: Option<String>,
    company_state: Option<ClockState>,
}

/// One message of a conversation. HTML bodies are not returned; `has_html` says one existed.
#[derive(ToSchema)]
pub struct Message {
    id: String,
    ticket_id: String,
    external_id: String,
    channel: String,
    /// `inbound` (from the customer) or `outbound` (our answer).
    direction: String,
    #[schema(format = DateTime)]
    received_at: String,
    from_email: Option<String>,
    from_name: Option<String>,
    to: Option<String>,
    subject: Option<String>,
    text: String,
    has_html: bool,
    order_ids: Vec<String>,
}

/// An entry of the tamper-evident audit log.
#[derive(ToSchema)]
pub struct Event {
    id: String,
    /// `ticket_created`, `message_received`, `message_sent`, `ticket_reopened`, …
    kind: String,
    #[schema(format = DateTime)]
    at: String,
    #[schema(value_type = Object)]
    data: String,
    /// `sha256(previous hash ‖ this event)`, hex.
    hash: String,
}

/// A ticket with its conversation (oldest message first) and its audit events.
#[derive(ToSchema)]
pub struct TicketDetail {
    ticket: Ticket,
    messages: Vec<Message>,
    events: Vec<Event>,
}

#[derive(ToSchema)]
pub struct Identity {
    /// `email`, `amazon_alias`, `ebay_user`, `walmart_alias`, `shopify_customer`, `phone`, `buyer_id`.
    kind: String,
    value: String,
}

/// A customer with every handle they were seen under, on every channel.
#[derive(ToSchema)]
pub struct Customer {
    id: String,
    name: Option<String>,
    identities: Vec<Identity>,
    /// Normalised name + postal address keys that tied orders together.
    addresses: Vec<String>,
    order_ids: Vec<String>,
    ticket_ids: Vec<String>,
}

#[derive(ToSchema)]
pub struct Money {
    /// Exact decimal, e.g. `"49.90"`.
    amount: String,
    /// ISO 4217 code.
    currency: String,
}

#[derive(ToSchema)]
pub struct Address {
    name: Option<String>,
    line1: Option<String>,
    line2: Option<String>,
    city: Option<String>,
    postal_code: Option<String>,
    country: Option<String>,
}

#[derive(ToSchema)]
pub struct OrderItem {
    sku: Option<String>,
    title: String,
    quantity: u32,
    price: Option<Money>,
}

#[derive(ToSchema)]
pub struct Shipment {
    carrier: Option<String>,
    tracking_number: Option<String>,
    /// `label_created`, `shipped`, `in_transit`, `delivered`, … or the carrier's own word.
    status: String,
    #[schema(format = DateTime)]
    shipped_at: Option<String>,
    #[schema(format = DateTime)]
    delivered_at: Option<String>,
}

#[derive(ToSchema)]
pub struct Order {
    order_id: String,
    channel: String,
    marketplace: Option<String>,
    #[schema(format = DateTime)]
    placed_at: String,
    /// `FBA`, `FBM`, `merchant` or null.
    fulfillment: Option<String>,
    buyer_name: Option<String>,
    shipping_address: Option<Address>,
    items: Vec<OrderItem>,
    total: Option<Money>,
    shipments: Vec<Shipment>,
    /// `not_shipped`, `shipped`, `delivered`, `partially_shipped`, …
    shipment_status: String,
}

#[derive(ToSchema)]
pub struct TimelineOrder {
    #[schema(format = DateTime)]
    at: String,
    #[serde(flatten)]
    order: Order,
}

#[derive(ToSchema)]
pub struct TimelineTicket {
    #[schema(format = DateTime)]
    at: String,
    #[serde(flatten)]
    ticket: Ticket,
}

#[derive(ToSchema)]
pub struct TimelineMessage {
    #[schema(format = DateTime)]
    at: String,
    #[serde(flatten)]
    message: Message,
}

/// One entry of the unified timeline; `kind` says which fields follow.
// Never built, only described: its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TimelineEntry {
    Order(TimelineOrder),
    Ticket(TimelineTicket),
    Message(TimelineMessage),
}

/// Everything of one customer across all channels, oldest first.
#[derive(ToSchema)]
pub struct History {
    customer: Customer,
    timeline: Vec<TimelineEntry>,
}
