//! The agent UI: server-rendered pages that work without JavaScript.
//!
//! Handlers read from the store, turn views into small display models (every string already in
//! the viewer's language, every CSS class from a fixed set), and render askama templates, which
//! escape everything they print. Customer text is never marked safe. A message shows its plain
//! text; its HTML is only ever shown sanitised, in a sandboxed frame of its own (`content.rs`).

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use cairn_domain::clock::ClockState;
use cairn_domain::model::{LinkRow, TicketStatus};
use cairn_domain::views::{History, MessageView, OrderView, TicketView, TimelineEntry};
use cairn_domain::{Channel, CustomerId, LinkId, MessageId, TicketId};
use cairn_store::{QueuePage, StoreError, TicketQuery};
use jiff::Timestamp;
use serde::Deserialize;

use crate::SharedState;
use crate::api::{MergeFailure, MergeRefusal};
use crate::auth::{self, SESSION_COOKIE, SESSION_LIFETIME, Viewer, safe_next, same_secret};
use crate::error::{ApiError, ErrorCode};
use crate::format::{self, Deadline};
use crate::i18n::{LANG_COOKIE, Lang, Locale, Texts, fill, percent_encode, query_param, reason};

/// Tickets per inbox page.
pub const PAGE_SIZE: usize = 50;
pub const CUSTOMERS_PAGE: i64 = 50;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/", get(inbox))
        .route("/tickets/{id}", get(ticket_page))
        .route("/tickets/{id}/merge", post(merge_ticket))
        .route("/tickets/{id}/unmerge", post(unmerge_ticket))
        .route("/customers", get(customers_page))
        .route("/customers/{id}", get(customer_page))
        .route("/customers/{id}/link", post(link_customer))
        .route("/identity-links/{id}/undo", post(undo_link))
        .route("/attachments/{message}/{n}", get(crate::content::download))
        .route(
            "/attachments/{message}/{n}/inline",
            get(crate::content::inline),
        )
        .route("/messages/{id}/html", get(crate::content::message_html))
        .route("/login", get(login_form).post(login))
        .route("/logout", get(logout).post(logout))
}

// ----- layout -------------------------------------------------------------------------------

struct LangLink {
    code: &'static str,
    label: &'static str,
    href: String,
    active: bool,
}

struct Layout {
    lang: &'static str,
    title: String,
    nav: &'static str,
    bare: bool,
    demo_banner: bool,
    signed_in: bool,
    csrf: String,
    asset_version: &'static str,
    lang_links: Vec<LangLink>,
}

impl Layout {
    fn new(lang: Lang, uri: &Uri, title: impl Into<String>, nav: &'static str) -> Layout {
        let path = uri.path();
        let kept: Vec<&str> = uri
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("lang=") && *p != "lang")
            .collect();
        let lang_links = [Lang::En, Lang::De]
            .into_iter()
            .map(|l| {
                let mut query = kept.clone();
                let param = format!("lang={}", l.code());
                query.push(&param);
                LangLink {
                    code: l.code(),
                    label: if l == Lang::En { "EN" } else { "DE" },
                    href: format!("{path}?{}", query.join("&")),
                    active: l == lang,
                }
            })
            .collect();
        Layout {
            lang: lang.code(),
            title: title.into(),
            nav,
            bare: false,
            demo_banner: false,
            signed_in: false,
            csrf: String::new(),
            asset_version: crate::assets::version(),
            lang_links,
        }
    }

    fn for_viewer(mut self, viewer: &Viewer) -> Layout {
        self.signed_in = viewer.signed_in;
        self.demo_banner = !viewer.signed_in;
        self.csrf = viewer.csrf.clone();
        self
    }

    fn bare(mut self) -> Layout {
        self.bare = true;
        self
    }
}

/// A time as `<time datetime=iso>text</time>`; empty when there is none.
#[derive(Default)]
struct When {
    iso: String,
    text: String,
}

impl When {
    fn at(ts: Timestamp, lang: Lang) -> When {
        When {
            iso: format::iso(ts),
            text: format::date_time(ts, lang),
        }
    }

    fn day(ts: Timestamp, lang: Lang) -> When {
        When {
            iso: format::iso(ts),
            text: format::date(ts, lang),
        }
    }

    fn maybe(ts: Option<Timestamp>, lang: Lang) -> When {
        ts.map(|ts| When::at(ts, lang)).unwrap_or_default()
    }
}

fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (
            status,
            // Pages carry customer data: no shared or back-button caches.
            [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
            Html(html),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

// ----- errors -------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    t: &'static Texts,
    title: &'static str,
    message: String,
}

fn error_page(lang: Lang, status: StatusCode, title: &'static str, message: String) -> Response {
    let t = lang.texts();
    let page = ErrorPage {
        layout: Layout::new(lang, &Uri::from_static("/"), title, "").bare(),
        t,
        title,
        message,
    };
    render(status, &page)
}

pub fn store_error_page(lang: Lang, e: StoreError) -> Response {
    let t = lang.texts();
    let api = ApiError::from(e);
    match api.code {
        ErrorCode::NotFound => error_page(
            lang,
            StatusCode::NOT_FOUND,
            t.err_not_found_title,
            t.err_page_not_found.into(),
        ),
        ErrorCode::Conflict => error_page(
            lang,
            StatusCode::CONFLICT,
            t.err_refused_title,
            t.err_conflict.into(),
        ),
        ErrorCode::Unavailable => error_page(
            lang,
            StatusCode::SERVICE_UNAVAILABLE,
            t.err_internal_title,
            t.err_unavailable.into(),
        ),
        _ => error_page(
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            t.err_internal_title,
            t.err_internal.into(),
        ),
    }
}

pub(crate) fn bad_id(lang: Lang, raw: &str) -> Response {
    let t = lang.texts();
    error_page(
        lang,
        StatusCode::BAD_REQUEST,
        t.err_bad_id_title,
        fill(t.err_bad_id, &[raw]),
    )
}

pub(crate) fn not_found_page(lang: Lang) -> Response {
    let t = lang.texts();
    error_page(
        lang,
        StatusCode::NOT_FOUND,
        t.err_not_found_title,
        t.err_page_not_found.into(),
    )
}

/// Unknown paths: JSON under `/api/`, a page everywhere else.
pub async fn not_found(uri: Uri, headers: HeaderMap) -> Response {
    if uri.path().starts_with("/api/") {
        return ApiError::new(ErrorCode::NotFound, format!("no API route {}", uri.path()))
            .into_response();
    }
    let lang = Lang::negotiate(uri.query(), &headers).0;
    let t = lang.texts();
    error_page(
        lang,
        StatusCode::NOT_FOUND,
        t.err_not_found_title,
        t.err_page_not_found.into(),
    )
}

/// `?lang=de` sticks: the choice is remembered in a cookie for the following pages.
pub async fn remember_language(request: Request, next: Next) -> Response {
    let chosen = if request.uri().path().starts_with("/api/") {
        None
    } else {
        match Lang::negotiate(request.uri().query(), request.headers()) {
            (lang, true) => Some(lang),
            _ => None,
        }
    };
    let mut response = next.run(request).await;
    if let Some(lang) = chosen
        && let Ok(value) = HeaderValue::from_str(&format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        ))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

// ----- inbox --------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    /// The store's queue order: riskiest first, then the earliest deadline.
    Priority,
    /// Earliest deadline first.
    Deadline,
}

/// What the inbox shows; every link of the page keeps what it does not change.
#[derive(Clone, Copy)]
struct Filter {
    tab: Tab,
    channel: Option<Channel>,
    sort: Sort,
}

impl Filter {
    fn href(self, page: Option<usize>, after: Option<&str>) -> String {
        let mut params = Vec::new();
        if self.tab != Tab::Open {
            params.push(format!("tab={}", self.tab.key()));
        }
        if let Some(c) = self.channel {
            params.push(format!("channel={}", c.as_str()));
        }
        if self.sort == Sort::Deadline {
            params.push("sort=deadline".to_string());
        }
        if let Some(p) = page.filter(|p| *p > 1) {
            params.push(format!("page={p}"));
        }
        if let Some(a) = after {
            params.push(format!("after={}", percent_encode(a)));
        }
        if params.is_empty() {
            "/".to_string()
        } else {
            format!("/?{}", params.join("&"))
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Open,
    Pending,
    All,
}

impl Tab {
    fn key(self) -> &'static str {
        match self {
            Tab::Open => "open",
            Tab::Pending => "pending",
            Tab::All => "all",
        }
    }
}

struct ChannelCount {
    key: &'static str,
    label: &'static str,
    count: usize,
}

struct Summary {
    open: usize,
    overdue: usize,
    due_soon: usize,
    pending: usize,
    channels: Vec<ChannelCount>,
}

struct TabLink {
    label: &'static str,
    href: String,
    count: String,
    active: bool,
}

struct Chip {
    key: &'static str,
    label: &'static str,
    href: String,
    count: String,
    active: bool,
}

struct Row {
    id: String,
    channel: &'static str,
    channel_label: &'static str,
    marketplace: String,
    country: &'static str,
    customer_id: String,
    customer_name: String,
    subject: String,
    orders: Vec<String>,
    status: &'static str,
    status_label: &'static str,
    deadline: Deadline,
    message_count: i64,
    duplicate: bool,
    repeat: bool,
    risk: RiskBadge,
    topics: Vec<&'static str>,
}

/// A ticket's risk score as a small coloured badge with its reasons as a tooltip.
#[derive(Default)]
struct RiskBadge {
    score: String,
    class: &'static str,
    label: &'static str,
    reasons: Vec<String>,
    /// The scorer explained its score.
    explained: bool,
}

fn risk_badge(t: &TicketView, lang: Lang) -> RiskBadge {
    let texts = lang.texts();
    let Some(risk) = &t.risk else {
        return RiskBadge::default();
    };
    // The storage layer words its reasons in English; they are retold in the viewer's language.
    let reasons: Vec<String> = risk.reasons.iter().map(|r| reason(r, lang)).collect();
    RiskBadge {
        score: risk.score.to_string(),
        class: format::risk_class(risk.level),
        label: format::risk_label(risk.level, texts),
        explained: !reasons.is_empty(),
        reasons,
    }
}

impl RiskBadge {
    fn title(&self) -> String {
        if self.reasons.is_empty() {
            self.label.to_string()
        } else {
            format!("{}: {}", self.label, self.reasons.join(" · "))
        }
    }
}

#[derive(Default)]
struct Pager {
    prev: String,
    next: String,
    text: String,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    layout: Layout,
    t: &'static Texts,
    summary: Summary,
    tabs: Vec<TabLink>,
    chips: Vec<Chip>,
    sorts: Vec<TabLink>,
    rows: Vec<Row>,
    show_status: bool,
    pager: Pager,
}

/// The deadline the queue counts down to: the oldest unanswered message, else the first answer.
fn due_of(t: &TicketView) -> Option<Timestamp> {
    t.response_due_at.or(t.sla.first_response_due_at)
}

fn row(t: &TicketView, now: Timestamp, lang: Lang) -> Row {
    let texts = lang.texts();
    let deadline = match t.status {
        "open" => format::deadline(due_of(t), now, lang),
        other => Deadline {
            text: format::status_label(other, texts).to_string(),
            class: "none",
            at: String::new(),
        },
    };
    let marketplace = t.marketplace.clone().unwrap_or_default();
    Row {
        id: t.id.to_string(),
        channel: t.channel,
        channel_label: format::channel_label(t.channel),
        country: format::country(&marketplace),
        marketplace,
        customer_id: t.customer_id.to_string(),
        customer_name: t
            .customer_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| texts.unknown_customer.to_string()),
        subject: subject_or_placeholder(&t.subject, texts),
        orders: t.order_ids.clone(),
        status: t.status,
        status_label: format::status_label(t.status, texts),
        deadline,
        message_count: t.message_count,
        duplicate: t.duplicate_of.is_some(),
        repeat: t.repeat_of.is_some(),
        risk: risk_badge(t, lang),
        topics: format::labels(&t.intents, texts)
            .into_iter()
            .chain(format::labels(&t.signals, texts))
            .take(3)
            .collect(),
    }
}

fn subject_or_placeholder(subject: &str, t: &Texts) -> String {
    if subject.trim().is_empty() {
        t.no_subject.to_string()
    } else {
        subject.to_string()
    }
}

async fn inbox(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    uri: Uri,
) -> Response {
    let t = lang.texts();
    let query = uri.query().unwrap_or("");
    let tab = match query_param(query, "tab").as_deref() {
        Some("pending") => Tab::Pending,
        Some("all") => Tab::All,
        _ => Tab::Open,
    };
    let channel = query_param(query, "channel").and_then(|c| Channel::parse(&c));
    let sort = match query_param(query, "sort").as_deref() {
        Some("deadline") => Sort::Deadline,
        _ => Sort::Priority,
    };
    let filter = Filter { tab, channel, sort };
    let page = query_param(query, "page")
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let now = state.now();
    let store = &state.app.store;

    let soon = now.checked_add(format::URGENT).unwrap_or(now);
    // The figures are counted by the database; only the page shown is loaded.
    let counts = match store.queue_counts(viewer.tenant, now, soon).await {
        Ok(c) => c,
        Err(e) => return store_error_page(lang, e),
    };
    let open = TicketStatus::Open;
    let pending = TicketStatus::Pending;
    let summary = Summary {
        open: counts.count(open, None) as usize,
        pending: counts.count(pending, None) as usize,
        overdue: counts.overdue as usize,
        due_soon: counts.due_soon as usize,
        channels: Channel::ALL
            .into_iter()
            .map(|c| ChannelCount {
                key: c.as_str(),
                label: c.label(),
                count: counts.count(open, Some(c)) as usize,
            })
            .filter(|c| c.count > 0)
            .collect(),
    };
    let tab_status = match tab {
        Tab::Open => Some(open),
        Tab::Pending => Some(pending),
        Tab::All => None,
    };
    let tabs = [
        (Tab::Open, t.tab_open),
        (Tab::Pending, t.tab_pending),
        (Tab::All, t.tab_all),
    ]
    .into_iter()
    .map(|(k, label)| TabLink {
        label,
        href: Filter { tab: k, ..filter }.href(None, None),
        count: match k {
            Tab::Open => summary.open.to_string(),
            Tab::Pending => summary.pending.to_string(),
            Tab::All => String::new(),
        },
        active: k == tab,
    })
    .collect();
    let chip_count = |c: Option<Channel>| -> String {
        tab_status.map_or(String::new(), |s| counts.count(s, c).to_string())
    };
    let mut chips = vec![Chip {
        key: "",
        label: t.all_channels,
        href: Filter {
            channel: None,
            ..filter
        }
        .href(None, None),
        count: chip_count(None),
        active: channel.is_none(),
    }];
    chips.extend(Channel::ALL.into_iter().map(|c| {
        Chip {
            key: c.as_str(),
            label: c.label(),
            href: Filter {
                channel: Some(c),
                ..filter
            }
            .href(None, None),
            count: chip_count(Some(c)),
            active: channel == Some(c),
        }
    }));

    let matches_channel = |k: &TicketView| channel.is_none_or(|c| k.channel == c.as_str());
    let (rows, pager) = match tab_status {
        None => {
            let after = query_param(query, "after");
            let cursor = match after.as_deref().map(str::parse::<TicketId>) {
                Some(Ok(id)) => Some(id),
                Some(Err(_)) => return bad_id(lang, after.as_deref().unwrap_or("")),
                None => None,
            };
            match all_tickets_page(&state, viewer.tenant, cursor, &matches_channel, now).await {
                Ok((tickets, more)) => {
                    let next = match (more, tickets.last()) {
                        (true, Some(last)) => filter.href(None, Some(&last.id.to_string())),
                        _ => String::new(),
                    };
                    let prev = if cursor.is_some() {
                        filter.href(None, None)
                    } else {
                        String::new()
                    };
                    let rows = tickets.iter().map(|k| row(k, now, lang)).collect();
                    (
                        rows,
                        Pager {
                            prev,
                            next,
                            text: String::new(),
                        },
                    )
                }
                Err(e) => return store_error_page(lang, e),
            }
        }
        Some(status) => {
            let total = counts.count(status, channel) as usize;
            let pages = total.div_ceil(PAGE_SIZE).max(1);
            let page = page.min(pages);
            let query = QueuePage {
                statuses: vec![status],
                channel,
                by_deadline: sort == Sort::Deadline,
                offset: ((page - 1) * PAGE_SIZE) as i64,
                limit: PAGE_SIZE as i64,
            };
            let tickets = match store.queue_page(viewer.tenant, &query, now).await {
                Ok(t) => t,
                Err(e) => return store_error_page(lang, e),
            };
            let rows = tickets.iter().map(|k| row(k, now, lang)).collect();
            let pager = Pager {
                prev: if page > 1 {
                    filter.href(Some(page - 1), None)
                } else {
                    String::new()
                },
                next: if page < pages {
                    filter.href(Some(page + 1), None)
                } else {
                    String::new()
                },
                text: fill(t.page_of, &[&page.to_string(), &pages.to_string()]),
            };
            (rows, pager)
        }
    };

    // The "all" tab pages in id order through the whole history; sorting applies to the queue.
    let sorts = if tab == Tab::All {
        Vec::new()
    } else {
        [
            (Sort::Priority, t.sort_priority),
            (Sort::Deadline, t.sort_deadline),
        ]
        .into_iter()
        .map(|(k, label)| TabLink {
            label,
            href: Filter { sort: k, ..filter }.href(None, None),
            count: String::new(),
            active: k == sort,
        })
        .collect()
    };
    let layout = Layout::new(lang, &uri, t.inbox_title, "inbox").for_viewer(&viewer);
    render(
        StatusCode::OK,
        &InboxPage {
            layout,
            t,
            summary,
            tabs,
            chips,
            rows,
            show_status: tab == Tab::All,
            pager,
            sorts,
        },
    )
}

/// One page of every ticket in id order, filtered by channel. Reads ahead in bounded steps so
/// that a rare channel cannot make one page scan the whole table.
async fn all_tickets_page(
    state: &SharedState,
    tenant: cairn_domain::TenantId,
    cursor: Option<TicketId>,
    keep: &impl Fn(&TicketView) -> bool,
    now: Timestamp,
) -> Result<(Vec<TicketView>, bool), StoreError> {
    const STEP: i64 = 200;
    const MAX_STEPS: usize = 25;
    let mut after = cursor.unwrap_or(TicketId(i64::MIN));
    let mut out = Vec::with_capacity(PAGE_SIZE + 1);
    for _ in 0..MAX_STEPS {
        let query = TicketQuery {
            statuses: Vec::new(),
            customer: None,
            limit: STEP,
            after_id: Some(after),
        };
        let batch = state.app.store.tickets(tenant, &query, now).await?;
        let exhausted = (batch.len() as i64) < STEP;
        if let Some(last) = batch.last() {
            after = last.id;
        }
        for k in batch {
            if keep(&k) {
                if out.len() == PAGE_SIZE {
                    return Ok((out, true));
                }
                out.push(k);
            }
        }
        if exhausted {
            return Ok((out, false));
        }
    }
    // Stopped reading ahead: offer a next page from where the scan stopped.
    let more = !out.is_empty();
    Ok((out, more))
}

// ----- ticket and customer pages -----------------------------------------------------------

struct TicketFacts {
    id: String,
    subject: String,
    channel: &'static str,
    channel_label: &'static str,
    marketplace: String,
    country: &'static str,
    status: &'static str,
    status_label: &'static str,
    show_deadline: bool,
    deadline: Deadline,
    due: When,
    created: When,
    first_due: When,
    breached: bool,
    orders: Vec<String>,
    language: String,
    duplicate: bool,
    duplicate_of: String,
    duplicate_match: String,
    /// Why it is a duplicate, in the viewer's language.
    duplicate_reasons: Vec<String>,
    /// The duplicate hint offers to merge the two (neither is merged yet).
    can_merge: bool,
    /// Other tickets were merged into this one.
    is_primary: bool,
    repeat_of: String,
    merged_into: String,
    risk: RiskBadge,
    topics: Vec<&'static str>,
    company_due: When,
    company_state: &'static str,
    company_state_class: &'static str,
    message_count: i64,
    customer_id: String,
    customer_name: String,
}

struct AttachmentLink {
    href: String,
    name: String,
    size: String,
}

struct MessageItem {
    attachments: Vec<AttachmentLink>,
    /// The sandboxed view of the message's HTML, when it has one.
    html_src: String,
    remote_src: String,
    frame_name: String,
    blocked_note: String,
    inbound: bool,
    sender: String,
    email: String,
    to: String,
    at: When,
    subject: String,
    text: String,
}

struct EventItem {
    label: &'static str,
    at: When,
    hash: String,
    hash_short: String,
}

struct IdentityItem {
    kind: &'static str,
    value: String,
}

struct ItemLine {
    quantity: u32,
    title: String,
    sku: String,
    price: String,
}

struct ShipmentLine {
    status: String,
    class: &'static str,
    carrier: String,
    tracking: String,
    shipped: String,
    delivered: String,
}

struct OrderCard {
    number: String,
    channel: &'static str,
    channel_label: &'static str,
    marketplace: String,
    country: &'static str,
    placed: When,
    total: String,
    fulfillment: &'static str,
    fulfillment_class: &'static str,
    fulfillment_title: &'static str,
    status: String,
    status_class: &'static str,
    items: Vec<ItemLine>,
    shipments: Vec<ShipmentLine>,
    address: String,
    highlight: bool,
}

struct TicketLine {
    id: String,
    channel: &'static str,
    channel_label: &'static str,
    subject: String,
    status: &'static str,
    status_label: &'static str,
    created: When,
    current: bool,
}

struct LinkItem {
    id: String,
    evidence: &'static str,
    detail: String,
    created: When,
    undone: bool,
}

/// The unified-history panel: who the customer is, everything they bought and wrote, and why
/// their handles are believed to be one person.
struct Panel {
    customer_id: String,
    name: String,
    initials: String,
    summary: String,
    identities: Vec<IdentityItem>,
    addresses: String,
    orders: Vec<OrderCard>,
    tickets_title: &'static str,
    tickets: Vec<TicketLine>,
    links: Vec<LinkItem>,
    csrf: String,
    back: String,
    notice: String,
    split_off: Vec<String>,
}

#[derive(Template)]
#[template(path = "ticket.html")]
struct TicketPage {
    layout: Layout,
    t: &'static Texts,
    /// The CSRF token of the merge and unmerge forms.
    csrf: String,
    /// What a merge or unmerge just did.
    notice: String,
    ticket: TicketFacts,
    messages: Vec<MessageItem>,
    events: Vec<EventItem>,
    panel: Panel,
}

struct TimelineItem {
    kind: &'static str,
    at: When,
    channel: &'static str,
    channel_label: &'static str,
    title: String,
    detail: String,
    href: String,
}

struct SuggestionItem {
    customer_id: String,
    name: String,
    confidence: String,
    evidence: Vec<String>,
}

#[derive(Template)]
#[template(path = "customer.html")]
struct CustomerPage {
    layout: Layout,
    t: &'static Texts,
    panel: Panel,
    suggestions: Vec<SuggestionItem>,
    linked: bool,
    timeline: Vec<TimelineItem>,
}

fn display_name(name: Option<&str>, t: &Texts) -> String {
    name.map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(t.unknown_customer)
        .to_string()
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

fn order_card(o: &OrderView, highlight: bool, lang: Lang) -> OrderCard {
    let t = lang.texts();
    let (fulfillment, fulfillment_class, fulfillment_title) = match o.fulfillment {
        Some("FBA") => ("FBA", "fba", t.ful_fba),
        Some("FBM") => ("FBM", "fbm", t.ful_fbm),
        Some("merchant") => (t.ful_merchant_badge, "merchant", t.ful_merchant),
        _ => ("", "", ""),
    };
    let marketplace = o.marketplace.clone().unwrap_or_default();
    let address = o
        .shipping_address
        .as_ref()
        .map(|a| {
            let city = [a.postal_code.as_deref(), a.city.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            [
                a.name.clone(),
                a.line1.clone(),
                a.line2.clone(),
                Some(city),
                a.country.clone(),
            ]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ")
        })
        .unwrap_or_default();
    OrderCard {
        number: o.order_id.clone(),
        channel: o.channel,
        channel_label: format::channel_label(o.channel),
        country: format::country(&marketplace),
        marketplace,
        placed: When::day(o.placed_at, lang),
        total: o
            .total
            .as_ref()
            .map(|m| format::money(m, lang))
            .unwrap_or_default(),
        fulfillment,
        fulfillment_class,
        fulfillment_title,
        status: format::shipment_label(&o.shipment_status, t),
        status_class: format::shipment_class(&o.shipment_status),
        items: o
            .items
            .iter()
            .map(|i| ItemLine {
                quantity: i.quantity,
                title: i.title.clone(),
                sku: i.sku.clone().unwrap_or_default(),
                price: i
                    .price
                    .as_ref()
                    .map(|m| format::money(m, lang))
                    .unwrap_or_default(),
            })
            .collect(),
        shipments: o
            .shipments
            .iter()
            .map(|s| ShipmentLine {
                status: format::shipment_label(&s.status, t),
                class: format::shipment_class(&s.status),
                carrier: s.carrier.as_deref().map(carrier_name).unwrap_or_default(),
                tracking: s.tracking_number.clone().unwrap_or_default(),
                shipped: s
                    .shipped_at
                    .map(|at| fill(t.shipped_on, &[&format::date(at, lang)]))
                    .unwrap_or_default(),
                delivered: s
                    .delivered_at
                    .map(|at| fill(t.delivered_on, &[&format::date(at, lang)]))
                    .unwrap_or_default(),
            })
            .collect(),
        address,
        highlight,
    }
}

/// Carriers as people write them; codes we do not know are shown as stored.
fn carrier_name(code: &str) -> String {
    match code {
        "dhl" => "DHL",
        "ups" => "UPS",
        "fedex" => "FedEx",
        "usps" => "USPS",
        "dpd" => "DPD",
        "gls" => "GLS",
        "hermes" => "Hermes",
        "royal_mail" => "Royal Mail",
        "deutsche_post" => "Deutsche Post",
        "amazon" => "Amazon Logistics",
        other => return other.to_string(),
    }
    .to_string()
}

struct PanelInput<'a> {
    history: &'a History,
    links: Vec<LinkRow>,
    current: Option<&'a TicketView>,
    csrf: String,
    back: String,
    notice: (String, Vec<String>),
}

fn panel(input: PanelInput<'_>, lang: Lang) -> Panel {
    let t = lang.texts();
    let customer = &input.history.customer;
    let name = display_name(customer.name.as_deref(), t);
    let current_orders: Vec<&str> = input
        .current
        .map(|c| c.order_ids.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let mut orders: Vec<OrderCard> = Vec::new();
    let mut tickets: Vec<TicketLine> = Vec::new();
    for entry in input.history.timeline.iter().rev() {
        match entry {
            TimelineEntry::Order { order, .. } => orders.push(order_card(
                order,
                current_orders.contains(&order.order_id.as_str()),
                lang,
            )),
            TimelineEntry::Ticket { ticket, .. } => {
                let current = input.current.is_some_and(|c| c.id == ticket.id);
                if current {
                    continue;
                }
                tickets.push(TicketLine {
                    id: ticket.id.to_string(),
                    channel: ticket.channel,
                    channel_label: format::channel_label(ticket.channel),
                    subject: subject_or_placeholder(&ticket.subject, t),
                    status: ticket.status,
                    status_label: format::status_label(ticket.status, t),
                    created: When::day(ticket.created_at, lang),
                    current,
                });
            }
            TimelineEntry::Message { .. } => {}
        }
    }
    let channels: std::collections::BTreeSet<&str> = input
        .history
        .timeline
        .iter()
        .filter_map(|e| match e {
            TimelineEntry::Order { order, .. } => Some(order.channel),
            TimelineEntry::Ticket { ticket, .. } => Some(ticket.channel),
            TimelineEntry::Message { .. } => None,
        })
        .map(format::channel_label)
        .collect();
    let mut summary = fill(t.customer_no, &[&customer.id.to_string()]);
    if !channels.is_empty() {
        summary.push_str(" · ");
        summary.push_str(&channels.into_iter().collect::<Vec<_>>().join(", "));
    }
    Panel {
        customer_id: customer.id.to_string(),
        initials: initials(&name),
        name,
        summary,
        identities: customer
            .identities
            .iter()
            .map(|i| IdentityItem {
                kind: format::identity_label(i.kind, t),
                value: i.value.clone(),
            })
            .collect(),
        addresses: if customer.addresses.is_empty() {
            String::new()
        } else {
            fill(t.known_addresses, &[&customer.addresses.len().to_string()])
        },
        orders,
        tickets_title: if input.current.is_some() {
            t.other_tickets
        } else {
            t.col_tickets
        },
        tickets,
        links: input
            .links
            .iter()
            .map(|l| LinkItem {
                id: l.id.to_string(),
                evidence: format::evidence_label(l.evidence.as_str(), t),
                detail: format::link_detail(&l.detail, t),
                created: When::day(l.created_at, lang),
                undone: l.removed_at.is_some(),
            })
            .collect(),
        csrf: input.csrf,
        back: input.back,
        notice: input.notice.0,
        split_off: input.notice.1,
    }
}

/// After a link was undone, the page says so and links the customers split off.
fn unlinked_notice(query: Option<&str>, current: CustomerId, t: &Texts) -> (String, Vec<String>) {
    let Some(ids) = query.and_then(|q| query_param(q, "unlinked")) else {
        return (String::new(), Vec::new());
    };
    let ids: Vec<CustomerId> = ids.split(',').filter_map(|i| i.parse().ok()).collect();
    if ids.is_empty() {
        return (String::new(), Vec::new());
    }
    let notice = fill(t.unlinked_notice, &[&ids.len().to_string()]);
    let others = ids
        .iter()
        .filter(|c| **c != current)
        .map(ToString::to_string)
        .collect();
    (notice, others)
}

fn message_item(m: &MessageView, ticket_subject: &str, lang: Lang) -> MessageItem {
    let email = m.from_email.clone().unwrap_or_default();
    let sender = m
        .from_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| email.clone());
    let subject = m
        .subject
        .clone()
        .filter(|s| s.trim() != ticket_subject.trim())
        .unwrap_or_default();
    MessageItem {
        attachments: Vec::new(),
        html_src: String::new(),
        remote_src: String::new(),
        frame_name: format!("message-{}", m.id),
        blocked_note: String::new(),
        inbound: m.direction == "inbound",
        sender,
        email,
        to: m.to.clone().unwrap_or_default(),
        at: When::at(m.received_at, lang),
        subject,
        text: m.text.trim_end().to_string(),
    }
}

async fn ticket_page(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    Path(raw): Path<String>,
    uri: Uri,
) -> Response {
    let t = lang.texts();
    let Ok(id) = raw.parse::<TicketId>() else {
        return bad_id(lang, &raw);
    };
    let now = state.now();
    let store = &state.app.store;
    let (ticket, messages) = match store.ticket(viewer.tenant, id, now).await {
        Ok(Some(found)) => found,
        Ok(None) => {
            return error_page(
                lang,
                StatusCode::NOT_FOUND,
                t.err_not_found_title,
                fill(t.err_ticket_not_found, &[&id.to_string()]),
            );
        }
        Err(e) => return store_error_page(lang, e),
    };
    let events = match store.ticket_events(viewer.tenant, id).await {
        Ok(e) => e,
        Err(e) => return store_error_page(lang, e),
    };
    let history = match store.history(viewer.tenant, ticket.customer_id, now).await {
        Ok(h) => h,
        Err(e) => return store_error_page(lang, e),
    };
    let links = match &history {
        Some(h) => match store.links_of(viewer.tenant, h.customer.id).await {
            Ok(l) => l,
            Err(e) => return store_error_page(lang, e),
        },
        None => Vec::new(),
    };
    let subject = subject_or_placeholder(&ticket.subject, t);
    let customer_name = display_name(
        history
            .as_ref()
            .and_then(|h| h.customer.name.as_deref())
            .or(ticket.customer_name.as_deref()),
        t,
    );
    let panel = match &history {
        Some(h) => panel(
            PanelInput {
                history: h,
                links,
                current: Some(&ticket),
                csrf: viewer.csrf.clone(),
                back: format!("/tickets/{id}"),
                notice: unlinked_notice(uri.query(), h.customer.id, t),
            },
            lang,
        ),
        None => empty_panel(&ticket, &customer_name, lang),
    };
    let marketplace = ticket.marketplace.clone().unwrap_or_default();
    let due = due_of(&ticket);
    let facts = TicketFacts {
        id: ticket.id.to_string(),
        subject: subject.clone(),
        channel: ticket.channel,
        channel_label: format::channel_label(ticket.channel),
        country: format::country(&marketplace),
        marketplace,
        status: ticket.status,
        status_label: format::status_label(ticket.status, t),
        show_deadline: ticket.status == "open",
        deadline: format::deadline(due, now, lang),
        due: When::maybe(due, lang),
        created: When::at(ticket.created_at, lang),
        first_due: When::maybe(ticket.sla.first_response_due_at, lang),
        breached: ticket.sla.breached,
        orders: ticket.order_ids.clone(),
        language: ticket.language.clone().unwrap_or_default(),
        duplicate: ticket.duplicate_of.is_some(),
        duplicate_of: ticket
            .duplicate_of
            .map(|d| d.to_string())
            .unwrap_or_default(),
        duplicate_match: ticket
            .duplicate_confidence
            .map(|c| fill(t.match_share, &[&c.to_string()]))
            .unwrap_or_default(),
        duplicate_reasons: ticket
            .duplicate_reasons
            .iter()
            .map(|r| reason(r, lang))
            .collect(),
        can_merge: ticket.duplicate_of.is_some() && ticket.merged_into.is_none(),
        is_primary: history.as_ref().is_some_and(|h| {
            h.timeline.iter().any(|e| {
                matches!(e, TimelineEntry::Ticket { ticket: other, .. } if other.merged_into == Some(id))
            })
        }),
        repeat_of: ticket.repeat_of.map(|d| d.to_string()).unwrap_or_default(),
        risk: risk_badge(&ticket, lang),
        topics: format::labels(&ticket.intents, t)
            .into_iter()
            .chain(format::labels(&ticket.signals, t))
            .collect(),
        company_due: When::maybe(ticket.sla.company_due_at, lang),
        company_state: match ticket.sla.company_state {
            Some(ClockState::Breached) => t.breached,
            Some(ClockState::AtRisk) => t.clock_at_risk,
            _ => "",
        },
        company_state_class: match ticket.sla.company_state {
            Some(ClockState::Breached) => "tag-bad",
            _ => "tag-warn",
        },
        merged_into: ticket
            .merged_into
            .map(|d| d.to_string())
            .unwrap_or_default(),
        message_count: ticket.message_count,
        customer_id: ticket.customer_id.to_string(),
        customer_name,
    };
    let ids: Vec<MessageId> = messages.iter().map(|m| m.id).collect();
    let mut attachments = match store.attachments_of(viewer.tenant, &ids).await {
        Ok(a) => a,
        Err(e) => return store_error_page(lang, e),
    };
    let mut items = Vec::with_capacity(messages.len());
    for m in &messages {
        let mut item = message_item(m, &ticket.subject, lang);
        let files = attachments.remove(&m.id).unwrap_or_default();
        if m.has_html {
            item.html_src = format!("/messages/{}/html?lang={}", m.id, lang.code());
            item.remote_src = format!("{}&remote=1", item.html_src);
            // The page says how many remote images the view blocks, and offers them.
            match store.message_html(viewer.tenant, m.id).await {
                Ok(Some(html)) => {
                    let blocked = crate::content::sanitize_message(
                        &html,
                        &files,
                        false,
                        &state.signer,
                        viewer.tenant,
                        now,
                    )
                    .blocked_remote_images;
                    if blocked > 0 {
                        item.blocked_note = fill(t.remote_images_blocked, &[&blocked.to_string()]);
                    }
                }
                Ok(None) => {}
                Err(e) => return store_error_page(lang, e),
            }
        }
        item.attachments = files
            .iter()
            .map(|a| AttachmentLink {
                href: format!("/attachments/{}/{}", a.message_id, a.position),
                name: crate::content::clean_filename(
                    a.filename.as_deref(),
                    &format!("attachment-{}", a.position + 1),
                ),
                size: format::bytes(a.size_bytes),
            })
            .collect();
        items.push(item);
    }
    let messages = items;
    let events = events
        .into_iter()
        .map(|e| EventItem {
            label: format::event_label(&e.kind, t),
            at: When::at(e.at, lang),
            hash_short: e.hash.chars().take(10).collect(),
            hash: e.hash,
        })
        .collect();
    let layout = Layout::new(lang, &uri, format!("#{id} {subject}"), "inbox").for_viewer(&viewer);
    render(
        StatusCode::OK,
        &TicketPage {
            layout,
            t,
            csrf: viewer.csrf.clone(),
            notice: merge_notice(uri.query(), t),
            ticket: facts,
            messages,
            events,
            panel,
        },
    )
}

/// A ticket whose customer cannot be read still shows its conversation.
fn empty_panel(ticket: &TicketView, name: &str, lang: Lang) -> Panel {
    let t = lang.texts();
    Panel {
        customer_id: ticket.customer_id.to_string(),
        name: name.to_string(),
        initials: initials(name),
        summary: fill(t.customer_no, &[&ticket.customer_id.to_string()]),
        identities: Vec::new(),
        addresses: String::new(),
        orders: Vec::new(),
        tickets_title: t.other_tickets,
        tickets: Vec::new(),
        links: Vec::new(),
        csrf: String::new(),
        back: String::new(),
        notice: String::new(),
        split_off: Vec::new(),
    }
}

async fn customer_page(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    Path(raw): Path<String>,
    uri: Uri,
) -> Response {
    let t = lang.texts();
    let Ok(id) = raw.parse::<CustomerId>() else {
        return bad_id(lang, &raw);
    };
    let store = &state.app.store;
    let now = state.now();
    let history = match store.history(viewer.tenant, id, now).await {
        Ok(Some(h)) => h,
        Ok(None) => {
            return error_page(
                lang,
                StatusCode::NOT_FOUND,
                t.err_not_found_title,
                fill(t.err_customer_not_found, &[&id.to_string()]),
            );
        }
        Err(e) => return store_error_page(lang, e),
    };
    // A customer merged into another lives on under the other's id.
    if history.customer.id != id {
        return Redirect::to(&format!("/customers/{}", history.customer.id)).into_response();
    }
    let links = match store.links_of(viewer.tenant, id).await {
        Ok(l) => l,
        Err(e) => return store_error_page(lang, e),
    };
    let suggestions = match store.customer_suggestions(viewer.tenant, id).await {
        Ok(found) => found
            .into_iter()
            .map(|s| SuggestionItem {
                customer_id: s.customer_id.to_string(),
                name: display_name(s.name.as_deref(), t),
                confidence: fill(t.match_share, &[&s.confidence.to_string()]),
                evidence: s
                    .evidence
                    .iter()
                    .map(|e| format::suggestion_evidence(e, t))
                    .collect(),
            })
            .collect(),
        Err(e) => return store_error_page(lang, e),
    };
    let linked = uri.query().and_then(|q| query_param(q, "linked")).is_some();
    let timeline = history
        .timeline
        .iter()
        .map(|e| timeline_item(e, lang))
        .collect();
    let panel = panel(
        PanelInput {
            history: &history,
            links,
            current: None,
            csrf: viewer.csrf.clone(),
            back: format!("/customers/{id}"),
            notice: unlinked_notice(uri.query(), id, t),
        },
        lang,
    );
    let layout = Layout::new(lang, &uri, panel.name.clone(), "customers").for_viewer(&viewer);
    render(
        StatusCode::OK,
        &CustomerPage {
            layout,
            t,
            panel,
            suggestions,
            linked,
            timeline,
        },
    )
}

fn timeline_item(entry: &TimelineEntry, lang: Lang) -> TimelineItem {
    let t = lang.texts();
    match entry {
        TimelineEntry::Order { at, order } => {
            let mut detail = Vec::new();
            if let Some(m) = &order.marketplace {
                detail.push(m.clone());
            }
            if let Some(total) = &order.total {
                detail.push(format::money(total, lang));
            }
            let items: Vec<String> = order
                .items
                .iter()
                .map(|i| format!("{}× {}", i.quantity, i.title))
                .collect();
            if !items.is_empty() {
                detail.push(items.join(", "));
            }
            detail.push(format::shipment_label(&order.shipment_status, t));
            TimelineItem {
                kind: "order",
                at: When::at(*at, lang),
                channel: order.channel,
                channel_label: format::channel_label(order.channel),
                title: fill(t.tl_order, &[&order.order_id]),
                detail: detail.join(" · "),
                href: String::new(),
            }
        }
        TimelineEntry::Ticket { at, ticket } => TimelineItem {
            kind: "ticket",
            at: When::at(*at, lang),
            channel: ticket.channel,
            channel_label: format::channel_label(ticket.channel),
            title: format!(
                "{} · {}",
                t.tl_ticket,
                subject_or_placeholder(&ticket.subject, t)
            ),
            detail: format::status_label(ticket.status, t).to_string(),
            href: format!("/tickets/{}", ticket.id),
        },
        TimelineEntry::Message { at, message } => {
            let inbound = message.direction == "inbound";
            TimelineItem {
                kind: if inbound { "in" } else { "out" },
                at: When::at(*at, lang),
                channel: message.channel,
                channel_label: format::channel_label(message.channel),
                title: if inbound { t.tl_inbound } else { t.tl_outbound }.to_string(),
                detail: format::snippet(&message.text, 240),
                href: format!("/tickets/{}", message.ticket_id),
            }
        }
    }
}

// ----- customers list -----------------------------------------------------------------------

struct CustomerRow {
    id: String,
    name: String,
    identities: Vec<IdentityItem>,
    more: String,
    orders: usize,
    tickets: usize,
}

#[derive(Template)]
#[template(path = "customers.html")]
struct CustomersPage {
    layout: Layout,
    t: &'static Texts,
    rows: Vec<CustomerRow>,
    first: String,
    next: String,
}

async fn customers_page(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    uri: Uri,
) -> Response {
    let t = lang.texts();
    let after_raw = uri.query().and_then(|q| query_param(q, "after"));
    let after = match after_raw.as_deref().map(str::parse::<CustomerId>) {
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => return bad_id(lang, after_raw.as_deref().unwrap_or("")),
        None => None,
    };
    let customers = match state
        .app
        .store
        .customers(viewer.tenant, after, CUSTOMERS_PAGE)
        .await
    {
        Ok(c) => c,
        Err(e) => return store_error_page(lang, e),
    };
    const SHOWN_IDENTITIES: usize = 3;
    let next = match customers.last() {
        Some(last) if customers.len() as i64 == CUSTOMERS_PAGE => {
            format!("/customers?after={}", last.id)
        }
        _ => String::new(),
    };
    let rows = customers
        .iter()
        .map(|c| CustomerRow {
            id: c.id.to_string(),
            name: display_name(c.name.as_deref(), t),
            identities: c
                .identities
                .iter()
                .take(SHOWN_IDENTITIES)
                .map(|i| IdentityItem {
                    kind: format::identity_label(i.kind, t),
                    value: i.value.clone(),
                })
                .collect(),
            more: if c.identities.len() > SHOWN_IDENTITIES {
                fill(
                    t.more_identities,
                    &[&(c.identities.len() - SHOWN_IDENTITIES).to_string()],
                )
            } else {
                String::new()
            },
            orders: c.order_ids.len(),
            tickets: c.ticket_ids.len(),
        })
        .collect();
    let layout = Layout::new(lang, &uri, t.customers_title, "customers").for_viewer(&viewer);
    render(
        StatusCode::OK,
        &CustomersPage {
            layout,
            t,
            rows,
            first: if after.is_some() {
                "/customers".to_string()
            } else {
                String::new()
            },
            next,
        },
    )
}

// ----- forms --------------------------------------------------------------------------------

/// Browsers name the page a form was sent from; a form from another site is refused even
/// before its CSRF token is checked.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .trim_end_matches('/');
    !host.is_empty() && origin_host.eq_ignore_ascii_case(host)
}

fn refused(lang: Lang) -> Response {
    let t = lang.texts();
    error_page(
        lang,
        StatusCode::FORBIDDEN,
        t.err_refused_title,
        t.err_csrf.into(),
    )
}

/// A UI form is accepted only from this site and with the CSRF token of the viewer's session
/// (or, in demo mode, of this process).
fn form_allowed(headers: &HeaderMap, viewer: &Viewer, csrf: &str) -> bool {
    same_origin(headers) && !viewer.csrf.is_empty() && same_secret(csrf, &viewer.csrf)
}

/// After a merge or unmerge, the ticket page says what happened.
fn merge_notice(query: Option<&str>, t: &Texts) -> String {
    let ids = |name: &str| -> Option<String> {
        let raw = query.and_then(|q| query_param(q, name))?;
        let ids: Vec<String> = raw
            .split(',')
            .filter_map(|i| i.parse::<TicketId>().ok())
            .map(|i| format!("#{i}"))
            .collect();
        (!ids.is_empty()).then(|| ids.join(", "))
    };
    if let Some(merged) = ids("merged") {
        let notes = query
            .and_then(|q| query_param(q, "notes"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        return fill(t.merged_notice, &[&merged, &notes.to_string()]);
    }
    if let Some(restored) = ids("unmerged") {
        return fill(t.unmerged_notice, &[&restored]);
    }
    String::new()
}

#[derive(Deserialize)]
struct MergeForm {
    #[serde(default)]
    csrf: String,
    /// The other ticket: the one this ticket repeats.
    #[serde(default)]
    with: String,
}

async fn merge_ticket(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<MergeForm>, FormRejection>,
) -> Response {
    let t = lang.texts();
    let Ok(Form(form)) = form else {
        return refused(lang);
    };
    if !form_allowed(&headers, &viewer, &form.csrf) {
        return refused(lang);
    }
    let Ok(id) = raw.parse::<TicketId>() else {
        return bad_id(lang, &raw);
    };
    let Ok(with) = form.with.parse::<TicketId>() else {
        return bad_id(lang, &form.with);
    };
    match crate::api::merge(&state, viewer.tenant, &[with, id]).await {
        Ok(plan) => {
            let merged: Vec<String> = plan.merged.iter().map(|(m, _)| m.to_string()).collect();
            Redirect::to(&format!(
                "/tickets/{}?merged={}&notes={}",
                plan.primary,
                merged.join(","),
                plan.notes.len()
            ))
            .into_response()
        }
        Err(MergeFailure::Refused(r)) => {
            let (status, message) = match r {
                MergeRefusal::NotFound(missing) => (
                    StatusCode::NOT_FOUND,
                    fill(t.err_ticket_not_found, &[&missing.to_string()]),
                ),
                MergeRefusal::TooFew | MergeRefusal::TooMany => {
                    (StatusCode::BAD_REQUEST, t.err_merge_too_few.to_string())
                }
                MergeRefusal::AlreadyMerged(a, b) => (
                    StatusCode::CONFLICT,
                    fill(t.err_merge_already, &[&a.to_string(), &b.to_string()]),
                ),
                MergeRefusal::DifferentCustomers => {
                    (StatusCode::CONFLICT, t.err_merge_customers.to_string())
                }
            };
            error_page(lang, status, t.err_refused_title, message)
        }
        Err(MergeFailure::Store(e)) => store_error_page(lang, e),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn unmerge_ticket(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Response {
    let t = lang.texts();
    let Ok(Form(form)) = form else {
        return refused(lang);
    };
    if !form_allowed(&headers, &viewer, &form.csrf) {
        return refused(lang);
    }
    let Ok(id) = raw.parse::<TicketId>() else {
        return bad_id(lang, &raw);
    };
    let store = &state.app.store;
    let now = state.now();
    match store.ticket(viewer.tenant, id, now).await {
        Ok(Some(_)) => {}
        Ok(None) => {
            return error_page(
                lang,
                StatusCode::NOT_FOUND,
                t.err_not_found_title,
                fill(t.err_ticket_not_found, &[&id.to_string()]),
            );
        }
        Err(e) => return store_error_page(lang, e),
    }
    match store.unmerge_ticket(viewer.tenant, id, now).await {
        Ok(restored) => {
            let ids: Vec<String> = restored.iter().map(ToString::to_string).collect();
            Redirect::to(&format!("/tickets/{id}?unmerged={}", ids.join(","))).into_response()
        }
        Err(StoreError::Invalid(_)) => error_page(
            lang,
            StatusCode::CONFLICT,
            t.err_refused_title,
            fill(t.err_not_merged, &[&id.to_string()]),
        ),
        Err(e) => store_error_page(lang, e),
    }
}

#[derive(Deserialize)]
struct LinkForm {
    #[serde(default)]
    csrf: String,
    /// The suggested customer.
    #[serde(default)]
    other: String,
}

async fn link_customer(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<LinkForm>, FormRejection>,
) -> Response {
    let t = lang.texts();
    let Ok(Form(form)) = form else {
        return refused(lang);
    };
    if !form_allowed(&headers, &viewer, &form.csrf) {
        return refused(lang);
    }
    let Ok(id) = raw.parse::<CustomerId>() else {
        return bad_id(lang, &raw);
    };
    let Ok(other) = form.other.parse::<CustomerId>() else {
        return bad_id(lang, &form.other);
    };
    match crate::api::link(
        &state,
        viewer.tenant,
        id,
        other,
        "linked from the customer page",
    )
    .await
    {
        Ok((_, kept)) => Redirect::to(&format!("/customers/{kept}?linked=1")).into_response(),
        Err(StoreError::NotFound(_)) => error_page(
            lang,
            StatusCode::NOT_FOUND,
            t.err_not_found_title,
            t.err_page_not_found.into(),
        ),
        Err(StoreError::Invalid(_)) => error_page(
            lang,
            StatusCode::CONFLICT,
            t.err_refused_title,
            t.err_link_same.into(),
        ),
        Err(e) => store_error_page(lang, e),
    }
}

#[derive(Deserialize)]
struct UndoForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

async fn undo_link(
    State(state): State<SharedState>,
    viewer: Viewer,
    Locale(lang): Locale,
    headers: HeaderMap,
    Path(raw): Path<String>,
    form: Result<Form<UndoForm>, FormRejection>,
) -> Response {
    let t = lang.texts();
    let Ok(Form(form)) = form else {
        return refused(lang);
    };
    if !form_allowed(&headers, &viewer, &form.csrf) {
        return refused(lang);
    }
    let Ok(id) = raw.parse::<LinkId>() else {
        return bad_id(lang, &raw);
    };
    match state.app.store.unlink(viewer.tenant, id, state.now()).await {
        Ok(customers) => {
            let back = safe_next(Some(&form.back));
            let sep = if back.contains('?') { '&' } else { '?' };
            let ids: Vec<String> = customers.iter().map(ToString::to_string).collect();
            Redirect::to(&format!("{back}{sep}unlinked={}", ids.join(","))).into_response()
        }
        Err(StoreError::NotFound(_)) => error_page(
            lang,
            StatusCode::NOT_FOUND,
            t.err_not_found_title,
            fill(t.err_link_not_found, &[&id.to_string()]),
        ),
        Err(e) => store_error_page(lang, e),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    t: &'static Texts,
    error: String,
    notice: String,
    next: String,
}

async fn login_form(Locale(lang): Locale, uri: Uri) -> Response {
    let t = lang.texts();
    let query = uri.query();
    let notice = if query.and_then(|q| query_param(q, "signed_out")).is_some() {
        t.signed_out.to_string()
    } else {
        String::new()
    };
    let next = safe_next(query.and_then(|q| query_param(q, "next")).as_deref());
    render(
        StatusCode::OK,
        &LoginPage {
            layout: Layout::new(lang, &uri, t.login_title, "").bare(),
            t,
            error: String::new(),
            notice,
            next,
        },
    )
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    next: String,
}

async fn login(
    State(state): State<SharedState>,
    Locale(lang): Locale,
    headers: HeaderMap,
    uri: Uri,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let t = lang.texts();
    if !same_origin(&headers) {
        return refused(lang);
    }
    let form = form.map_or(
        LoginForm {
            token: String::new(),
            next: String::new(),
        },
        |Form(f)| f,
    );
    let token = form.token.trim();
    let next = safe_next(Some(&form.next));
    let tenant = if token.is_empty() {
        None
    } else {
        match state.app.store.tenant_for_token(token).await {
            Ok(t) => t,
            Err(e) => return store_error_page(lang, e),
        }
    };
    if tenant.is_none() {
        return render(
            StatusCode::UNAUTHORIZED,
            &LoginPage {
                layout: Layout::new(lang, &uri, t.login_title, "").bare(),
                t,
                error: t.login_failed.to_string(),
                notice: String::new(),
                next,
            },
        );
    }
    let session = match state.sessions.create(token, state.now()) {
        Ok(id) => id,
        Err(e) => {
            tracing::error!(error = %e, "no randomness for a session id");
            return error_page(
                lang,
                StatusCode::INTERNAL_SERVER_ERROR,
                t.err_internal_title,
                t.err_internal.into(),
            );
        }
    };
    let secure = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    let cookie = format!(
        "{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        SESSION_LIFETIME.as_secs(),
        if secure { "; Secure" } else { "" }
    );
    let mut response = Redirect::to(&next).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

async fn logout(State(state): State<SharedState>, headers: HeaderMap) -> Response {
    if let Some(id) = auth::cookie(&headers, SESSION_COOKIE) {
        state.sessions.remove(id);
    }
    let mut response = Redirect::to("/login?signed_out=1").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("cairn_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Jana Schmidt"), "JS");
        assert_eq!(initials("émile zola jr"), "ÉZ");
        assert_eq!(initials("  "), "");
    }

    #[test]
    fn foreign_origins_are_refused() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(same_origin(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:8080"),
        );
        assert!(same_origin(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&headers));
    }

    #[test]
    fn inbox_links_keep_filters() {
        let open = Filter {
            tab: Tab::Open,
            channel: None,
            sort: Sort::Priority,
        };
        assert_eq!(open.href(None, None), "/");
        let pending = Filter {
            tab: Tab::Pending,
            channel: Some(Channel::Ebay),
            sort: Sort::Deadline,
        };
        assert_eq!(
            pending.href(Some(2), None),
            "/?tab=pending&channel=ebay&sort=deadline&page=2"
        );
        let all = Filter {
            tab: Tab::All,
            ..open
        };
        assert_eq!(all.href(None, Some("42")), "/?tab=all&after=42");
    }
}
