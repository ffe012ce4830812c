//! The UI's languages. Every string the agent UI shows lives in one table per language, so a
//! missing German string is a compile error rather than English leaking into the German UI.
//!
//! The language comes from `?lang=`, then the `lang` cookie, then `Accept-Language`.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use crate::auth::cookie;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
}

pub const LANG_COOKIE: &str = "lang";

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim();
        let primary = s.split(['-', '_']).next().unwrap_or(s);
        if primary.eq_ignore_ascii_case("de") {
            Some(Lang::De)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::De => &DE,
        }
    }

    /// The language a request asks for, and whether it asked explicitly with `?lang=`.
    pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> (Lang, bool) {
        if let Some(lang) = query
            .and_then(|q| query_param(q, "lang"))
            .and_then(|v| Lang::parse(&v))
        {
            return (lang, true);
        }
        if let Some(lang) = cookie(headers, LANG_COOKIE).and_then(Lang::parse) {
            return (lang, false);
        }
        let accept = headers
            .get_all(header::ACCEPT_LANGUAGE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        (from_accept_language(&accept).unwrap_or(Lang::En), false)
    }
}

/// The first language of ours in `Accept-Language`, by quality (ties keep the header's order).
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(u16, Lang)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let Some(tag) = pieces.next().and_then(Lang::parse) else {
            continue;
        };
        let quality = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(1000, |q| {
                (q.trim().parse::<f32>().unwrap_or(0.0) * 1000.0) as u16
            });
        if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, tag));
        }
    }
    best.map(|(_, lang)| lang)
}

/// One value of a URL query string, percent-decoded.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| percent_decode(v))
    })
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let escaped = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(b) = escaped {
                    out.push(b);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query value (everything but RFC 3986's unreserved characters).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The viewer's language, for UI handlers.
#[derive(Clone, Copy, Debug)]
pub struct Locale(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for Locale {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Locale(Lang::negotiate(parts.uri.query(), &parts.headers).0))
    }
}

/// Every string of the agent UI. `{}` marks where a value goes.
pub struct Texts {
    pub nav_inbox: &'static str,
    pub nav_customers: &'static str,
    pub sign_out: &'static str,
    pub demo_mode: &'static str,
    pub demo_hint: &'static str,
    pub language: &'static str,
    pub main_nav: &'static str,

    pub inbox_title: &'static str,
    pub auto_refresh: &'static str,
    pub summary_label: &'static str,
    pub stat_open: &'static str,
    pub stat_overdue: &'static str,
    pub stat_due_soon: &'static str,
    pub stat_pending: &'static str,
    pub tab_open: &'static str,
    pub tab_pending: &'static str,
    pub tab_all: &'static str,
    pub all_channels: &'static str,
    pub filter_channel: &'static str,
    pub col_channel: &'static str,
    pub col_marketplace: &'static str,
    pub col_customer: &'static str,
    pub col_subject: &'static str,
    pub col_orders: &'static str,
    pub col_time_left: &'static str,
    pub col_messages: &'static str,
    pub col_messages_short: &'static str,
    pub col_status: &'static str,
    pub empty_queue: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub page_of: &'static str,

    pub time_left: &'static str,
    pub overdue_by: &'static str,
    pub no_deadline: &'static str,
    pub unit_day: &'static str,
    pub unit_hour: &'static str,
    pub unit_min: &'static str,

    pub status_open: &'static str,
    pub status_pending: &'static str,
    pub status_closed: &'static str,
    pub status_merged: &'static str,
    pub possible_duplicate: &'static str,
    pub unknown_customer: &'static str,
    pub no_subject: &'static str,

    pub ticket: &'static str,
    pub facts: &'static str,
    pub fact_status: &'static str,
    pub fact_channel: &'static str,
    pub fact_marketplace: &'static str,
    pub fact_created: &'static str,
    pub fact_deadline: &'static str,
    pub fact_first_response: &'static str,
    pub breached: &'static str,
    pub fact_orders: &'static str,
    pub fact_language: &'static str,
    pub fact_duplicate_of: &'static str,
    pub fact_merged_into: &'static str,
    pub fact_messages: &'static str,
    pub none: &'static str,

    pub conversation: &'static str,
    pub from_customer: &'static str,
    pub from_us: &'static str,
    pub to: &'static str,
    pub attachments: &'static str,
    pub show_formatting: &'static str,
    pub formatted_title: &'static str,
    pub show_remote_images: &'static str,
    pub remote_images_blocked: &'static str,
    pub empty_message: &'static str,

    pub audit_trail: &'static str,
    pub ev_message_received: &'static str,
    pub ev_message_sent: &'static str,
    pub ev_ticket_created: &'static str,
    pub ev_ticket_reopened: &'static str,
    pub ev_customers_linked: &'static str,
    pub ev_order_imported: &'static str,
    pub ev_order_updated: &'static str,
    pub ev_identity_unlinked: &'static str,
    pub ev_other: &'static str,

    pub history: &'static str,
    pub identities: &'static str,
    pub no_identities: &'static str,
    pub id_email: &'static str,
    pub id_amazon_alias: &'static str,
    pub id_ebay_user: &'static str,
    pub id_walmart_alias: &'static str,
    pub id_shopify_customer: &'static str,
    pub id_phone: &'static str,
    pub id_buyer_id: &'static str,
    pub known_addresses: &'static str,
    pub customer_page: &'static str,

    pub orders: &'static str,
    pub no_orders: &'static str,
    pub placed: &'static str,
    pub ship_to: &'static str,
    pub no_tracking: &'static str,
    pub shipped_on: &'static str,
    pub delivered_on: &'static str,
    pub ful_fba: &'static str,
    pub ful_fbm: &'static str,
    pub ful_merchant: &'static str,
    pub ful_merchant_badge: &'static str,
    pub ship_not_shipped: &'static str,
    pub ship_label_created: &'static str,
    pub ship_shipped: &'static str,
    pub ship_in_transit: &'static str,
    pub ship_out_for_delivery: &'static str,
    pub ship_delivered: &'static str,
    pub ship_partially_shipped: &'static str,
    pub ship_exception: &'static str,
    pub ship_returned: &'static str,
    pub ship_unknown: &'static str,
    pub order_in_ticket: &'static str,

    pub other_tickets: &'static str,
    pub no_other_tickets: &'static str,

    pub links: &'static str,
    pub no_links: &'static str,
    pub evidence_same_order: &'static str,
    pub evidence_mentions_order: &'static str,
    pub evidence_manual: &'static str,
    pub link_undone: &'static str,
    pub undo_link: &'static str,
    pub undo_confirm: &'static str,
    pub link_detail_order: &'static str,
    pub link_detail_ticket: &'static str,
    pub link_detail_message: &'static str,
    pub unlinked_notice: &'static str,

    pub timeline: &'static str,
    pub empty_timeline: &'static str,
    pub tl_order: &'static str,
    pub tl_ticket: &'static str,
    pub tl_inbound: &'static str,
    pub tl_outbound: &'static str,

    pub customers_title: &'static str,
    pub col_name: &'static str,
    pub col_identities: &'static str,
    pub col_tickets: &'static str,
    pub no_customers: &'static str,
    pub more_identities: &'static str,

    pub login_title: &'static str,
    pub login_lead: &'static str,
    pub token_label: &'static str,
    pub sign_in: &'static str,
    pub login_failed: &'static str,
    pub signed_out: &'static str,

    pub err_not_found_title: &'static str,
    pub err_page_not_found: &'static str,
    pub err_ticket_not_found: &'static str,
    pub err_customer_not_found: &'static str,
    pub err_link_not_found: &'static str,
    pub err_bad_id_title: &'static str,
    pub err_bad_id: &'static str,
    pub err_internal_title: &'static str,
    pub err_internal: &'static str,
    pub err_unavailable: &'static str,
    pub err_refused_title: &'static str,
    pub err_csrf: &'static str,
    pub err_conflict: &'static str,
    pub back_to_inbox: &'static str,

    pub col_risk: &'static str,
    pub risk_high: &'static str,
    pub risk_medium: &'static str,
    pub risk_low: &'static str,
    pub repeat_contact: &'static str,
    pub sort_label: &'static str,
    pub sort_priority: &'static str,
    pub sort_deadline: &'static str,
    pub fact_company_due: &'static str,
    pub fact_risk: &'static str,
    pub fact_topics: &'static str,
    pub fact_repeat_of: &'static str,
    pub match_share: &'static str,
    pub clock_at_risk: &'static str,
    pub customer_no: &'static str,
    pub risk_reasons: &'static str,

    pub ev_tickets_merged: &'static str,
    pub ev_merged_into: &'static str,
    pub ev_unmerged: &'static str,
    pub ev_duplicate_flagged: &'static str,
    pub ev_repeat_contact: &'static str,

    pub dup_title: &'static str,
    pub dup_reasons: &'static str,
    pub merge_button: &'static str,
    pub merge_hint: &'static str,
    pub merge_confirm: &'static str,
    pub merged_title: &'static str,
    pub merged_hint: &'static str,
    pub primary_hint: &'static str,
    pub unmerge_button: &'static str,
    pub unmerge_confirm: &'static str,
    pub merged_notice: &'static str,
    pub unmerged_notice: &'static str,
    pub err_merge_too_few: &'static str,
    pub err_merge_already: &'static str,
    pub err_merge_customers: &'static str,
    pub err_not_merged: &'static str,

    pub suggestions: &'static str,
    pub no_suggestions: &'static str,
    pub link_button: &'static str,
    pub link_confirm: &'static str,
    pub linked_notice: &'static str,
    pub err_link_same: &'static str,
    pub evidence_same_name_postal: &'static str,

    /// Duplicate reasons by their codes (`cairn_domain::duplicates::Reason`); `{}` are the values
    /// the English text names, in its order.
    pub reason_same_order: &'static str,
    pub reason_order_one_side: &'static str,
    pub reason_same_question: &'static str,
    pub reason_question_unclear: &'static str,
    pub reason_says_wrote_before: &'static str,
    pub reason_unanswered: &'static str,
    pub reason_answered_recently: &'static str,
    pub reason_earlier_contact: &'static str,
    pub ago_minutes: &'static str,
    pub ago_hours: &'static str,
    pub ago_days: &'static str,
    /// Risk reasons (`cairn_domain::risk`), which are stored as English text.
    pub risk_fbm_order: &'static str,
    pub risk_amazon_health: &'static str,
    pub risk_order_value: &'static str,
    pub risk_overdue: &'static str,
    pub risk_time_left: &'static str,
    pub clock_amazon: &'static str,
    pub clock_ebay: &'static str,
    pub clock_walmart: &'static str,
    pub clock_other: &'static str,
    pub dur_hours: &'static str,
    pub dur_minutes: &'static str,
    /// Intent labels and risk signals (PRODUCT.md) by their stable codes.
    pub labels: &'static [(&'static str, &'static str)],
}

pub static EN: Texts = Texts {
    nav_inbox: "Inbox",
    nav_customers: "Customers",
    sign_out: "Sign out",
    demo_mode: "Demo mode",
    demo_hint: "Open without sign-in on this computer only.",
    language: "Language",
    main_nav: "Main navigation",

    inbox_title: "Inbox",
    auto_refresh: "Updates every 15 seconds",
    summary_label: "Queue summary",
    stat_open: "Open",
    stat_overdue: "Overdue",
    stat_due_soon: "Due within 4 h",
    stat_pending: "Waiting on customer",
    tab_open: "Open",
    tab_pending: "Waiting",
    tab_all: "All",
    all_channels: "All channels",
    filter_channel: "Filter by channel",
    col_channel: "Channel",
    col_marketplace: "Marketplace",
    col_customer: "Customer",
    col_subject: "Subject",
    col_orders: "Orders",
    col_time_left: "Time left",
    col_messages: "Messages",
    col_messages_short: "Msgs",
    col_status: "Status",
    empty_queue: "Nothing is waiting here.",
    prev: "← Previous",
    next: "Next →",
    page_of: "Page {} of {}",

    time_left: "{} left",
    overdue_by: "overdue by {}",
    no_deadline: "no deadline",
    unit_day: "d",
    unit_hour: "h",
    unit_min: "min",

    status_open: "Open",
    status_pending: "Waiting on customer",
    status_closed: "Closed",
    status_merged: "Merged",
    possible_duplicate: "possible duplicate",
    unknown_customer: "Unknown customer",
    no_subject: "(no subject)",

    ticket: "Ticket",
    facts: "Ticket facts",
    fact_status: "Status",
    fact_channel: "Channel",
    fact_marketplace: "Marketplace",
    fact_created: "Created",
    fact_deadline: "Answer due",
    fact_first_response: "First response due",
    breached: "missed",
    fact_orders: "Orders",
    fact_language: "Language",
    fact_duplicate_of: "Repeats ticket",
    fact_merged_into: "Merged into",
    fact_messages: "Messages",
    none: "—",

    conversation: "Conversation",
    from_customer: "Customer",
    from_us: "Our answer",
    to: "to",
    attachments: "Attachments",
    show_formatting: "Show original formatting",
    formatted_title: "The message as its sender formatted it",
    show_remote_images: "Show remote images",
    remote_images_blocked: "{} remote images were blocked.",
    empty_message: "(no text)",

    audit_trail: "Audit trail",
    ev_message_received: "Message received",
    ev_message_sent: "Answer sent",
    ev_ticket_created: "Ticket created",
    ev_ticket_reopened: "Ticket reopened",
    ev_customers_linked: "Customers linked",
    ev_order_imported: "Order imported",
    ev_order_updated: "Order updated",
    ev_identity_unlinked: "Link undone",
    ev_other: "Event",

    history: "Customer history",
    identities: "Identities",
    no_identities: "No known handles.",
    id_email: "Email",
    id_amazon_alias: "Amazon relay address",
    id_ebay_user: "eBay user",
    id_walmart_alias: "Walmart relay address",
    id_shopify_customer: "Shopify customer",
    id_phone: "Phone",
    id_buyer_id: "Buyer ID",
    known_addresses: "Known shipping addresses: {}",
    customer_page: "Open customer page",

    orders: "Orders",
    no_orders: "No orders from this customer yet.",
    placed: "Placed",
    ship_to: "Ship to",
    no_tracking: "no tracking number",
    shipped_on: "shipped {}",
    delivered_on: "delivered {}",
    ful_fba: "Fulfilled by Amazon",
    ful_fbm: "Shipped by you (FBM)",
    ful_merchant: "Shipped by you from your own shop",
    ful_merchant_badge: "Own shipping",
    ship_not_shipped: "Not shipped",
    ship_label_created: "Label created",
    ship_shipped: "Shipped",
    ship_in_transit: "In transit",
    ship_out_for_delivery: "Out for delivery",
    ship_delivered: "Delivered",
    ship_partially_shipped: "Partly shipped",
    ship_exception: "Delivery problem",
    ship_returned: "Returned to sender",
    ship_unknown: "Carrier status: {}",
    order_in_ticket: "named in this ticket",

    other_tickets: "Other tickets",
    no_other_tickets: "No other tickets.",

    links: "Identity links",
    no_links: "No links: every handle came in on its own.",
    evidence_same_order: "Same order",
    evidence_mentions_order: "Names the order",
    evidence_manual: "Linked by hand",
    link_undone: "undone",
    undo_link: "Undo link",
    undo_confirm: "Undo this link? Handles that only hang together through it become a customer of their own.",
    link_detail_order: "order {}",
    link_detail_ticket: "ticket {} names order {}",
    link_detail_message: "message {} names order {}",
    unlinked_notice: "Link undone. The handles now belong to {} customer(s).",

    timeline: "Timeline",
    empty_timeline: "Nothing has happened yet.",
    tl_order: "Order {}",
    tl_ticket: "Ticket opened",
    tl_inbound: "Message from the customer",
    tl_outbound: "Our answer",

    customers_title: "Customers",
    col_name: "Name",
    col_identities: "Identities",
    col_tickets: "Tickets",
    no_customers: "No customers yet. Import orders and messages to get started.",
    more_identities: "+{} more",

    login_title: "Sign in",
    login_lead: "Paste an API token of your shop to open the helpdesk.",
    token_label: "API token",
    sign_in: "Sign in",
    login_failed: "That token is not valid.",
    signed_out: "You are signed out.",

    err_not_found_title: "Not found",
    err_page_not_found: "This page does not exist.",
    err_ticket_not_found: "There is no ticket {}.",
    err_customer_not_found: "There is no customer {}.",
    err_link_not_found: "There is no identity link {}.",
    err_bad_id_title: "Invalid address",
    err_bad_id: "“{}” is not a valid number.",
    err_internal_title: "Something went wrong",
    err_internal: "The server could not finish this request. The details are in the server log.",
    err_unavailable: "The database is not reachable right now. Try again in a moment.",
    err_refused_title: "Request refused",
    err_csrf: "This form has expired. Reload the page and try again.",
    err_conflict: "This change was already made.",
    back_to_inbox: "Back to the inbox",

    col_risk: "Risk",
    risk_high: "High",
    risk_medium: "Medium",
    risk_low: "Low",
    repeat_contact: "repeat contact",
    sort_label: "Sort",
    sort_priority: "Priority",
    sort_deadline: "Deadline",
    fact_company_due: "Company target",
    fact_risk: "Risk",
    fact_topics: "Topics",
    fact_repeat_of: "Repeat contact after",
    match_share: "{} % match",
    clock_at_risk: "at risk",
    customer_no: "Customer #{}",
    risk_reasons: "Why this score",

    ev_tickets_merged: "Tickets merged into this one",
    ev_merged_into: "Merged into another ticket",
    ev_unmerged: "Merge undone",
    ev_duplicate_flagged: "Marked as possible duplicate",
    ev_repeat_contact: "Marked as repeat contact",

    dup_title: "Possible duplicate",
    dup_reasons: "Why",
    merge_button: "Merge",
    merge_hint: "Merging keeps one conversation; the customer gets a short note in the other thread.",
    merge_confirm: "Merge these tickets? The customer gets a short note in the other thread. You can undo it.",
    merged_title: "Merged ticket",
    merged_hint: "This ticket was merged; answer in the ticket it was merged into.",
    primary_hint: "Other tickets were merged into this one.",
    unmerge_button: "Unmerge",
    unmerge_confirm: "Undo this merge? Notes to the customer not yet sent are cancelled.",
    merged_notice: "Merged {} into this ticket; {} note(s) to the customer queued.",
    unmerged_notice: "Merge undone: {} restored.",
    err_merge_too_few: "A merge needs at least two different tickets.",
    err_merge_already: "Ticket {} is already merged into ticket {}.",
    err_merge_customers: "These tickets belong to different customers. Link the customers first.",
    err_not_merged: "Ticket {} is neither merged nor has other tickets merged into it.",

    suggestions: "Probably the same person",
    no_suggestions: "No likely matches.",
    link_button: "Link",
    link_confirm: "Link these customers? Their handles, orders and tickets become one customer. You can undo the link.",
    linked_notice: "Customers linked.",
    err_link_same: "These customers are already one.",
    evidence_same_name_postal: "same name in postal code {} ({} / {})",

    reason_same_order: "same order {}",
    reason_order_one_side: "order {} named on one side only",
    reason_same_question: "same question ({})",
    reason_question_unclear: "the question of one message is not recognised",
    reason_says_wrote_before: "the customer says they wrote before",
    reason_unanswered: "the earlier ticket was not answered yet",
    reason_answered_recently: "the earlier ticket was answered {}",
    reason_earlier_contact: "same customer wrote on {} {}",
    ago_minutes: "{} min earlier",
    ago_hours: "{} h earlier",
    ago_days: "{} days earlier",
    risk_fbm_order: "FBM order",
    risk_amazon_health: "Amazon account health",
    risk_order_value: "order value over {}",
    risk_overdue: "overdue by {} on the {}",
    risk_time_left: "{} left on the {}",
    clock_amazon: "Amazon clock",
    clock_ebay: "eBay clock",
    clock_walmart: "Walmart clock",
    clock_other: "clock",
    dur_hours: "{}h",
    dur_minutes: "{}min",
    labels: &[
        ("tracking", "Where is my order"),
        ("not_received", "Not received"),
        ("damaged", "Damaged"),
        ("wrong_item", "Wrong item"),
        ("return", "Return"),
        ("refund", "Refund"),
        ("cancellation", "Cancellation"),
        ("address_change", "Address change"),
        ("order_change", "Order change"),
        ("invoice", "Invoice"),
        ("product_question", "Product question"),
        ("assembly", "Assembly"),
        ("warranty", "Warranty"),
        ("payment", "Payment"),
        ("feedback", "Feedback"),
        ("complaint", "Complaint"),
        ("other", "Other"),
        ("frustration", "Frustrated"),
        ("negative_feedback_threat", "Threatens negative feedback"),
        ("a_to_z_threat", "Threatens A-to-z claim"),
        ("chargeback_threat", "Threatens chargeback"),
        ("legal_threat", "Legal threat"),
        ("repeat_contact", "Repeat contact"),
    ],
};

pub static DE: Texts = Texts {
    nav_inbox: "Posteingang",
    nav_customers: "Kunden",
    sign_out: "Abmelden",
    demo_mode: "Demo-Modus",
    demo_hint: "Ohne Anmeldung, nur auf diesem Rechner.",
    language: "Sprache",
    main_nav: "Hauptnavigation",

    inbox_title: "Posteingang",
    auto_refresh: "Aktualisiert sich alle 15 Sekunden",
    summary_label: "Überblick über die Warteschlange",
    stat_open: "Offen",
    stat_overdue: "Überfällig",
    stat_due_soon: "In unter 4 Std. fällig",
    stat_pending: "Wartet auf Kunden",
    tab_open: "Offen",
    tab_pending: "Wartend",
    tab_all: "Alle",
    all_channels: "Alle Kanäle",
    filter_channel: "Nach Kanal filtern",
    col_channel: "Kanal",
    col_marketplace: "Marktplatz",
    col_customer: "Kunde",
    col_subject: "Betreff",
    col_orders: "Bestellungen",
    col_time_left: "Restzeit",
    col_messages: "Nachrichten",
    col_messages_short: "Nachr.",
    col_status: "Status",
    empty_queue: "Hier wartet nichts.",
    prev: "← Zurück",
    next: "Weiter →",
    page_of: "Seite {} von {}",

    time_left: "noch {}",
    overdue_by: "seit {} überfällig",
    no_deadline: "keine Frist",
    unit_day: "Tg.",
    unit_hour: "Std.",
    unit_min: "Min.",

    status_open: "Offen",
    status_pending: "Wartet auf Kunden",
    status_closed: "Geschlossen",
    status_merged: "Zusammengeführt",
    possible_duplicate: "mögliches Duplikat",
    unknown_customer: "Unbekannter Kunde",
    no_subject: "(kein Betreff)",

    ticket: "Ticket",
    facts: "Ticketdaten",
    fact_status: "Status",
    fact_channel: "Kanal",
    fact_marketplace: "Marktplatz",
    fact_created: "Erstellt",
    fact_deadline: "Antwort fällig",
    fact_first_response: "Erstantwort fällig",
    breached: "verpasst",
    fact_orders: "Bestellungen",
    fact_language: "Sprache",
    fact_duplicate_of: "Wiederholt Ticket",
    fact_merged_into: "Zusammengeführt in",
    fact_messages: "Nachrichten",
    none: "—",

    conversation: "Unterhaltung",
    from_customer: "Kunde",
    from_us: "Unsere Antwort",
    to: "an",
    attachments: "Anhänge",
    show_formatting: "Originalformatierung anzeigen",
    formatted_title: "Die Nachricht so, wie der Absender sie formatiert hat",
    show_remote_images: "Externe Bilder anzeigen",
    remote_images_blocked: "{} externe Bilder wurden blockiert.",
    empty_message: "(kein Text)",

    audit_trail: "Protokoll",
    ev_message_received: "Nachricht empfangen",
    ev_message_sent: "Antwort gesendet",
    ev_ticket_created: "Ticket erstellt",
    ev_ticket_reopened: "Ticket wieder geöffnet",
    ev_customers_linked: "Kunden verknüpft",
    ev_order_imported: "Bestellung importiert",
    ev_order_updated: "Bestellung aktualisiert",
    ev_identity_unlinked: "Verknüpfung aufgehoben",
    ev_other: "Ereignis",

    history: "Kundenhistorie",
    identities: "Identitäten",
    no_identities: "Keine bekannten Kennungen.",
    id_email: "E-Mail",
    id_amazon_alias: "Amazon-Relay-Adresse",
    id_ebay_user: "eBay-Mitglied",
    id_walmart_alias: "Walmart-Relay-Adresse",
    id_shopify_customer: "Shopify-Kunde",
    id_phone: "Telefon",
    id_buyer_id: "Käufer-ID",
    known_addresses: "Bekannte Lieferadressen: {}",
    customer_page: "Kundenseite öffnen",

    orders: "Bestellungen",
    no_orders: "Noch keine Bestellungen dieses Kunden.",
    placed: "Bestellt",
    ship_to: "Lieferung an",
    no_tracking: "keine Sendungsnummer",
    shipped_on: "versandt {}",
    delivered_on: "zugestellt {}",
    ful_fba: "Versand durch Amazon",
    ful_fbm: "Versand durch Sie (FBM)",
    ful_merchant: "Versand durch Sie aus dem eigenen Shop",
    ful_merchant_badge: "Eigenversand",
    ship_not_shipped: "Nicht versandt",
    ship_label_created: "Label erstellt",
    ship_shipped: "Versandt",
    ship_in_transit: "Unterwegs",
    ship_out_for_delivery: "In Zustellung",
    ship_delivered: "Zugestellt",
    ship_partially_shipped: "Teilweise versandt",
    ship_exception: "Zustellproblem",
    ship_returned: "Zurück an Absender",
    ship_unknown: "Status des Versanddienstes: {}",
    order_in_ticket: "in diesem Ticket genannt",

    other_tickets: "Weitere Tickets",
    no_other_tickets: "Keine weiteren Tickets.",

    links: "Identitätsverknüpfungen",
    no_links: "Keine Verknüpfungen: Jede Kennung kam für sich allein.",
    evidence_same_order: "Gleiche Bestellung",
    evidence_mentions_order: "Nennt die Bestellung",
    evidence_manual: "Von Hand verknüpft",
    link_undone: "aufgehoben",
    undo_link: "Verknüpfung aufheben",
    undo_confirm: "Diese Verknüpfung aufheben? Kennungen, die nur über sie zusammenhängen, werden zu einem eigenen Kunden.",
    link_detail_order: "Bestellung {}",
    link_detail_ticket: "Ticket {} nennt Bestellung {}",
    link_detail_message: "Nachricht {} nennt Bestellung {}",
    unlinked_notice: "Verknüpfung aufgehoben. Die Kennungen gehören jetzt zu {} Kunde(n).",

    timeline: "Zeitleiste",
    empty_timeline: "Noch ist nichts geschehen.",
    tl_order: "Bestellung {}",
    tl_ticket: "Ticket eröffnet",
    tl_inbound: "Nachricht des Kunden",
    tl_outbound: "Unsere Antwort",

    customers_title: "Kunden",
    col_name: "Name",
    col_identities: "Identitäten",
    col_tickets: "Tickets",
    no_customers: "Noch keine Kunden. Importieren Sie Bestellungen und Nachrichten, um loszulegen.",
    more_identities: "+{} weitere",

    login_title: "Anmelden",
    login_lead: "Fügen Sie ein API-Token Ihres Shops ein, um den Helpdesk zu öffnen.",
    token_label: "API-Token",
    sign_in: "Anmelden",
    login_failed: "Dieses Token ist ungültig.",
    signed_out: "Sie sind abgemeldet.",

    err_not_found_title: "Nicht gefunden",
    err_page_not_found: "Diese Seite gibt es nicht.",
    err_ticket_not_found: "Es gibt kein Ticket {}.",
    err_customer_not_found: "Es gibt keinen Kunden {}.",
    err_link_not_found: "Es gibt keine Identitätsverknüpfung {}.",
    err_bad_id_title: "Ungültige Adresse",
    err_bad_id: "„{}“ ist keine gültige Nummer.",
    err_internal_title: "Etwas ist schiefgelaufen",
    err_internal: "Der Server konnte diese Anfrage nicht abschließen. Die Einzelheiten stehen im Server-Protokoll.",
    err_unavailable: "Die Datenbank ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.",
    err_refused_title: "Anfrage abgelehnt",
    err_csrf: "Dieses Formular ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es erneut.",
    err_conflict: "Diese Änderung wurde bereits vorgenommen.",
    back_to_inbox: "Zurück zum Posteingang",

    col_risk: "Risiko",
    risk_high: "Hoch",
    risk_medium: "Mittel",
    risk_low: "Niedrig",
    repeat_contact: "wiederholter Kontakt",
    sort_label: "Sortierung",
    sort_priority: "Priorität",
    sort_deadline: "Frist",
    fact_company_due: "Internes Ziel",
    fact_risk: "Risiko",
    fact_topics: "Anliegen",
    fact_repeat_of: "Erneuter Kontakt nach",
    match_share: "{} % Übereinstimmung",
    clock_at_risk: "knapp",
    customer_no: "Kunde #{}",
    risk_reasons: "Begründung",

    ev_tickets_merged: "Tickets hierher zusammengeführt",
    ev_merged_into: "In ein anderes Ticket zusammengeführt",
    ev_unmerged: "Zusammenführung aufgehoben",
    ev_duplicate_flagged: "Als mögliches Duplikat markiert",
    ev_repeat_contact: "Als wiederholter Kontakt markiert",

    dup_title: "Mögliches Duplikat",
    dup_reasons: "Warum",
    merge_button: "Zusammenführen",
    merge_hint: "Beim Zusammenführen bleibt eine Unterhaltung; der Kunde erhält im anderen Verlauf einen kurzen Hinweis.",
    merge_confirm: "Diese Tickets zusammenführen? Der Kunde erhält im anderen Verlauf einen kurzen Hinweis. Sie können das rückgängig machen.",
    merged_title: "Zusammengeführtes Ticket",
    merged_hint: "Dieses Ticket wurde zusammengeführt; antworten Sie im Ticket, in das es zusammengeführt wurde.",
    primary_hint: "Andere Tickets wurden in dieses zusammengeführt.",
    unmerge_button: "Zusammenführung aufheben",
    unmerge_confirm: "Diese Zusammenführung aufheben? Noch nicht gesendete Hinweise an den Kunden werden verworfen.",
    merged_notice: "{} in dieses Ticket zusammengeführt; {} Hinweis(e) an den Kunden vorgemerkt.",
    unmerged_notice: "Zusammenführung aufgehoben: {} wiederhergestellt.",
    err_merge_too_few: "Zum Zusammenführen braucht es mindestens zwei verschiedene Tickets.",
    err_merge_already: "Ticket {} ist bereits in Ticket {} zusammengeführt.",
    err_merge_customers: "Diese Tickets gehören zu verschiedenen Kunden. Verknüpfen Sie zuerst die Kunden.",
    err_not_merged: "Ticket {} ist weder zusammengeführt, noch wurden andere Tickets hinein zusammengeführt.",

    suggestions: "Wahrscheinlich dieselbe Person",
    no_suggestions: "Keine wahrscheinlichen Treffer.",
    link_button: "Verknüpfen",
    link_confirm: "Diese Kunden verknüpfen? Ihre Kennungen, Bestellungen und Tickets werden zu einem Kunden. Sie können die Verknüpfung aufheben.",
    linked_notice: "Kunden verknüpft.",
    err_link_same: "Diese Kunden sind bereits einer.",
    evidence_same_name_postal: "gleicher Name im PLZ-Gebiet {} ({} / {})",

    reason_same_order: "gleiche Bestellung {}",
    reason_order_one_side: "Bestellung {} nur in einer der Nachrichten genannt",
    reason_same_question: "gleiches Anliegen ({})",
    reason_question_unclear: "das Anliegen einer Nachricht ist nicht erkannt",
    reason_says_wrote_before: "der Kunde sagt, er habe schon geschrieben",
    reason_unanswered: "das frühere Ticket ist noch unbeantwortet",
    reason_answered_recently: "das frühere Ticket wurde {} beantwortet",
    reason_earlier_contact: "derselbe Kunde schrieb über {} {}",
    ago_minutes: "vor {} Min.",
    ago_hours: "vor {} Std.",
    ago_days: "vor {} Tagen",
    risk_fbm_order: "FBM-Bestellung",
    risk_amazon_health: "Amazon-Kontozustand",
    risk_order_value: "Bestellwert über {}",
    risk_overdue: "seit {} überfällig ({})",
    risk_time_left: "noch {} ({})",
    clock_amazon: "Amazon-Frist",
    clock_ebay: "eBay-Frist",
    clock_walmart: "Walmart-Frist",
    clock_other: "Antwortfrist",
    dur_hours: "{} Std.",
    dur_minutes: "{} Min.",
    labels: &[
        ("tracking", "Wo ist meine Bestellung"),
        ("not_received", "Nicht erhalten"),
        ("damaged", "Beschädigt"),
        ("wrong_item", "Falscher Artikel"),
        ("return", "Rücksendung"),
        ("refund", "Erstattung"),
        ("cancellation", "Stornierung"),
        ("address_change", "Adressänderung"),
        ("order_change", "Bestelländerung"),
        ("invoice", "Rechnung"),
        ("product_question", "Produktfrage"),
        ("assembly", "Montage"),
        ("warranty", "Garantie"),
        ("payment", "Zahlung"),
        ("feedback", "Bewertung"),
        ("complaint", "Beschwerde"),
        ("other", "Sonstiges"),
        ("frustration", "Verärgert"),
        ("negative_feedback_threat", "Droht mit negativer Bewertung"),
        ("a_to_z_threat", "Droht mit A-bis-z-Garantieantrag"),
        ("chargeback_threat", "Droht mit Rückbuchung"),
        ("legal_threat", "Droht mit Anwalt"),
        ("repeat_contact", "Wiederholter Kontakt"),
    ],
};

impl Texts {
    /// The name of an intent or signal code; `None` for a code this table does not know yet.
    pub fn label(&self, code: &str) -> Option<&'static str> {
        self.labels
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, l)| *l)
    }
}

/// The codes of duplicate reasons (`cairn_domain::duplicates::Reason::code`) the tables
/// translate; a test checks each of them.
#[cfg(test)]
const DUPLICATE_REASON_CODES: [&str; 8] = [
    "same_order",
    "same_question",
    "question_unclear",
    "order_one_side",
    "says_wrote_before",
    "unanswered",
    "answered_recently",
    "earlier_contact",
];

/// A stored reason, `code: English text` or plain English text, split into both.
fn split_reason(stored: &str) -> (Option<&str>, &str) {
    match stored.split_once(": ") {
        Some((code, text))
            if !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') =>
        {
            (Some(code), text)
        }
        _ => (None, stored),
    }
}

/// A duplicate or risk reason in the viewer's language: translated by its code (or, for risk
/// reasons stored as English text, by its known shape) with the values of its English text;
/// a reason this table does not know is shown in its English text.
pub fn reason(stored: &str, lang: Lang) -> String {
    let (code, english) = split_reason(stored);
    match lang {
        Lang::En => english.to_string(),
        _ => translate_reason(code, english, lang.texts()).unwrap_or_else(|| english.to_string()),
    }
}

/// The reason told with table `t`; `None` for a code or shape it does not know.
pub fn translate_reason(code: Option<&str>, english: &str, t: &Texts) -> Option<String> {
    let Some(code) = code else {
        return translate_risk(english, t);
    };
    Some(match code {
        "same_order" => fill(t.reason_same_order, &[english.strip_prefix("same order ")?]),
        "order_one_side" => {
            let order = english
                .strip_prefix("order ")?
                .strip_suffix(" named on one side only")?;
            fill(t.reason_order_one_side, &[order])
        }
        "same_question" => {
            let list = english.strip_prefix("same question (")?.strip_suffix(')')?;
            let labels = list
                .split(", ")
                .map(|l| t.label(&l.replace(' ', "_")))
                .collect::<Option<Vec<_>>>()?;
            fill(t.reason_same_question, &[&labels.join(", ")])
        }
        "question_unclear" => t.reason_question_unclear.to_string(),
        "says_wrote_before" => t.reason_says_wrote_before.to_string(),
        "unanswered" => t.reason_unanswered.to_string(),
        "answered_recently" => fill(
            t.reason_answered_recently,
            &[&ago(
                english.strip_prefix("the earlier ticket was answered ")?,
                t,
            )?],
        ),
        "earlier_contact" => {
            let rest = english.strip_prefix("same customer wrote on ")?;
            // `{channel} {n} {unit} earlier`: the channel is everything before the last three words.
            let mut words = rest.rsplitn(4, ' ');
            let (earlier, unit, n, channel) =
                (words.next()?, words.next()?, words.next()?, words.next()?);
            let when = ago(&format!("{n} {unit} {earlier}"), t)?;
            fill(t.reason_earlier_contact, &[channel, &when])
        }
        // A risk reason with a code: its text has the shapes below.
        _ => return translate_risk(english, t),
    })
}

/// `12 min earlier`, `3 h earlier`, `2 days earlier`.
fn ago(english: &str, t: &Texts) -> Option<String> {
    let rest = english.strip_suffix(" earlier")?;
    let (n, unit) = rest.split_once(' ')?;
    n.parse::<u64>().ok()?;
    let template = match unit {
        "min" => t.ago_minutes,
        "h" => t.ago_hours,
        "days" => t.ago_days,
        _ => return None,
    };
    Some(fill(template, &[n]))
}

/// `3h`, `45min`, as the risk score writes time.
fn duration(english: &str, t: &Texts) -> Option<String> {
    let (n, template) = if let Some(n) = english.strip_suffix("min") {
        (n, t.dur_minutes)
    } else {
        (english.strip_suffix('h')?, t.dur_hours)
    };
    n.parse::<u64>().ok()?;
    Some(fill(template, &[n]))
}

fn clock(english: &str, t: &Texts) -> Option<&'static str> {
    Some(match english {
        "Amazon clock" => t.clock_amazon,
        "eBay clock" => t.clock_ebay,
        "Walmart clock" => t.clock_walmart,
        "clock" => t.clock_other,
        _ => return None,
    })
}

/// How the risk score names an intent or signal in English (`cairn_domain::risk`).
fn risk_label_english(code: &str) -> String {
    match code {
        "tracking" => "tracking question".to_string(),
        "refund" => "refund request".to_string(),
        "return" => "return request".to_string(),
        "a_to_z_threat" => "A-to-z claim threat".to_string(),
        other => other.replace('_', " "),
    }
}

/// The risk score's English reasons by their shape.
fn translate_risk(english: &str, t: &Texts) -> Option<String> {
    match english {
        "FBM order" => return Some(t.risk_fbm_order.to_string()),
        "Amazon account health" => return Some(t.risk_amazon_health.to_string()),
        _ => {}
    }
    if let Some(value) = english.strip_prefix("order value over ") {
        return Some(fill(t.risk_order_value, &[value]));
    }
    if let Some(rest) = english.strip_prefix("overdue by ") {
        let (d, c) = rest.split_once(" on the ")?;
        return Some(fill(t.risk_overdue, &[&duration(d, t)?, clock(c, t)?]));
    }
    if let Some((d, c)) = english.split_once(" left on the ") {
        return Some(fill(t.risk_time_left, &[&duration(d, t)?, clock(c, t)?]));
    }
    t.labels
        .iter()
        .find(|(code, _)| risk_label_english(code) == english)
        .map(|(_, label)| label.to_string())
}

/// Fills the `{}` placeholders of a table string in order.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(values.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn accept_language_picks_the_best_of_ours() {
        let cases = [
            ("de-DE,de;q=0.9,en;q=0.8", Some(Lang::De)),
            ("fr-FR,fr;q=0.9,en-US;q=0.8,de;q=0.7", Some(Lang::En)),
            ("en;q=0.5, de;q=0.6", Some(Lang::De)),
            ("fr", None),
            ("de;q=0", None),
            ("", None),
        ];
        for (header, want) in cases {
            assert_eq!(from_accept_language(header), want, "{header}");
        }
    }

    #[test]
    fn query_beats_cookie_beats_header() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("de"));
        assert_eq!(Lang::negotiate(None, &headers), (Lang::De, false));
        headers.insert(header::COOKIE, HeaderValue::from_static("x=1; lang=en"));
        assert_eq!(Lang::negotiate(None, &headers), (Lang::En, false));
        assert_eq!(
            Lang::negotiate(Some("page=2&lang=de"), &headers),
            (Lang::De, true)
        );
        assert_eq!(
            Lang::negotiate(Some("lang=xx"), &headers),
            (Lang::En, false)
        );
    }

    #[test]
    fn percent_coding_round_trips() {
        for s in ["/tickets/5?tab=all&x=ü", "a b+c", "100%", "%zz%4"] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
        assert_eq!(percent_decode("a+b%20c%2"), "a b c%2");
    }

    #[test]
    fn both_languages_name_the_same_labels() {
        let codes = |t: &Texts| t.labels.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        assert_eq!(codes(&EN), codes(&DE));
        assert_eq!(DE.label("tracking"), Some("Wo ist meine Bestellung"));
        assert_eq!(EN.label("unheard_of"), None);
    }

    /// Reasons as the domain stores them (`code: English text`, or the risk score's English).
    const STORED: [&str; 16] = [
        "same_order: same order 302-4417789-6651234",
        "order_one_side: order 302-4417789-6651234 named on one side only",
        "same_question: same question (tracking, not received)",
        "question_unclear: the question of one message is not recognised",
        "says_wrote_before: the customer says they wrote before",
        "unanswered: the earlier ticket was not answered yet",
        "answered_recently: the earlier ticket was answered 3 days earlier",
        "earlier_contact: same customer wrote on amazon.de 59 min earlier",
        "FBM order",
        "Amazon account health",
        "order value over 100 EUR",
        "overdue by 2h on the eBay clock",
        "22h left on the Amazon clock",
        "tracking question",
        "A-to-z claim threat",
        "repeat contact",
    ];

    #[test]
    fn every_duplicate_reason_code_reads_in_every_language() {
        for code in DUPLICATE_REASON_CODES {
            let stored = STORED
                .iter()
                .find(|s| s.starts_with(&format!("{code}: ")))
                .unwrap_or_else(|| panic!("no example of {code}"));
            let (c, english) = split_reason(stored);
            // The English table retells the domain's own text: the shapes are read right. (The
            // question's intents are named by the UI's labels instead of their codes.)
            if code != "same_question" {
                assert_eq!(translate_reason(c, english, &EN).as_deref(), Some(english));
            }
            let german = translate_reason(c, english, &DE).unwrap_or_default();
            assert!(
                !german.is_empty() && german != english,
                "{stored} → {german}"
            );
        }
    }

    #[test]
    fn reasons_read_in_german() {
        let german: Vec<String> = STORED.iter().map(|s| reason(s, Lang::De)).collect();
        assert_eq!(
            german,
            [
                "gleiche Bestellung 302-4417789-6651234",
                "Bestellung 302-4417789-6651234 nur in einer der Nachrichten genannt",
                "gleiches Anliegen (Wo ist meine Bestellung, Nicht erhalten)",
                "das Anliegen einer Nachricht ist nicht erkannt",
                "der Kunde sagt, er habe schon geschrieben",
                "das frühere Ticket ist noch unbeantwortet",
                "das frühere Ticket wurde vor 3 Tagen beantwortet",
                "derselbe Kunde schrieb über amazon.de vor 59 Min.",
                "FBM-Bestellung",
                "Amazon-Kontozustand",
                "Bestellwert über 100 EUR",
                "seit 2 Std. überfällig (eBay-Frist)",
                "noch 22 Std. (Amazon-Frist)",
                "Wo ist meine Bestellung",
                "Droht mit A-bis-z-Garantieantrag",
                "Wiederholter Kontakt",
            ]
        );
        // English shows the stored text without its code.
        assert_eq!(
            reason(STORED[0], Lang::En),
            "same order 302-4417789-6651234"
        );
        // Unknown codes and shapes fall back to the English text.
        assert_eq!(
            reason("brand_new: a new rule fired", Lang::De),
            "a new rule fired"
        );
        assert_eq!(reason("same_order: renamed text", Lang::De), "renamed text");
        assert_eq!(reason("something else", Lang::De), "something else");
    }

    #[test]
    fn every_risk_label_is_understood() {
        for (code, _) in EN.labels {
            let english = risk_label_english(code);
            assert_eq!(
                translate_risk(&english, &DE).as_deref(),
                DE.label(code),
                "{code}"
            );
        }
    }

    #[test]
    fn placeholders_fill_in_order() {
        assert_eq!(fill("Seite {} von {}", &["2", "9"]), "Seite 2 von 9");
        assert_eq!(fill("no holes", &["x"]), "no holes");
        assert_eq!(fill("{} and {}", &["one"]), "one and ");
    }
}
