//! How values read in the UI: deadlines as time left, times, money, marketplace countries, and the
//! stored English evidence notes of identity links in the viewer's language.

use cairn_domain::money::Money;
use cairn_domain::{Channel, Marketplace};
use jiff::{SignedDuration, Timestamp};

use crate::i18n::{Lang, Texts, fill};

/// Under this much time left a deadline shows red: the answer has to go out now.
pub const URGENT: SignedDuration = SignedDuration::from_hours(4);
/// Under this much time left a deadline shows amber.
pub const SOON: SignedDuration = SignedDuration::from_hours(12);

/// A deadline as the queue shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub text: String,
    /// CSS class: `overdue`, `urgent`, `soon`, `ok` or `none`.
    pub class: &'static str,
    /// The deadline itself, for a tooltip.
    pub at: String,
}

pub fn deadline(due: Option<Timestamp>, now: Timestamp, lang: Lang) -> Deadline {
    let t = lang.texts();
    let Some(due) = due else {
        return Deadline {
            text: t.no_deadline.to_string(),
            class: "none",
            at: String::new(),
        };
    };
    let left = due.duration_since(now);
    let (text, class) = if left.is_negative() {
        (fill(t.overdue_by, &[&span(left.abs(), t)]), "overdue")
    } else {
        let class = if left < URGENT {
            "urgent"
        } else if left < SOON {
            "soon"
        } else {
            "ok"
        };
        (fill(t.time_left, &[&span(left, t)]), class)
    };
    Deadline {
        text,
        class,
        at: date_time(due, lang),
    }
}

/// A length of time in the two largest units that matter: `2 d 3 h`, `3 h 12 min`, `12 min`.
pub fn span(d: SignedDuration, t: &Texts) -> String {
    let minutes = d.as_secs() / 60;
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    if days > 0 {
        if hours > 0 {
            format!("{days} {} {hours} {}", t.unit_day, t.unit_hour)
        } else {
            format!("{days} {}", t.unit_day)
        }
    } else if hours > 0 {
        if mins > 0 {
            format!("{hours} {} {mins} {}", t.unit_hour, t.unit_min)
        } else {
            format!("{hours} {}", t.unit_hour)
        }
    } else {
        format!("{} {}", mins.max(1), t.unit_min)
    }
}

/// A time in UTC, as the page shows it before the browser's script turns it into local time.
pub fn date_time(ts: Timestamp, lang: Lang) -> String {
    match lang {
        Lang::De => ts.strftime("%d.%m.%Y, %H:%M UTC").to_string(),
        Lang::En => ts.strftime("%-d %b %Y, %H:%M UTC").to_string(),
    }
}

pub fn date(ts: Timestamp, lang: Lang) -> String {
    match lang {
        Lang::De => ts.strftime("%d.%m.%Y").to_string(),
        Lang::En => ts.strftime("%-d %b %Y").to_string(),
    }
}

/// The machine-readable form inside `<time datetime="…">`.
pub fn iso(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `49.90 EUR` as `49,90 €` (German) or `€49.90` (English).
pub fn money(m: &Money, lang: Lang) -> String {
    let amount = m.amount.to_string();
    let code = m.currency.as_str();
    let symbol = match code {
        "EUR" => Some("€"),
        "USD" => Some("$"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    };
    match (lang, symbol) {
        (Lang::De, Some(s)) => format!("{} {s}", amount.replace('.', ",")),
        (Lang::De, None) => format!("{} {code}", amount.replace('.', ",")),
        (Lang::En, Some(s)) => match amount.strip_prefix('-') {
            Some(abs) => format!("-{s}{abs}"),
            None => format!("{s}{amount}"),
        },
        (Lang::En, None) => format!("{amount} {code}"),
    }
}

/// The country of a national storefront (`amazon.co.uk` → `GB`), or nothing when its name says
/// none. A code rather than a flag emoji: many desktop systems have no flag glyphs.
pub fn country(marketplace: &str) -> &'static str {
    Marketplace::parse(marketplace)
        .ok()
        .and_then(|m| m.country())
        .unwrap_or("")
}

pub fn channel_label(channel: &str) -> &'static str {
    Channel::parse(channel).map_or("?", Channel::label)
}

pub fn status_label(status: &str, t: &'static Texts) -> &'static str {
    match status {
        "open" => t.status_open,
        "pending" => t.status_pending,
        "closed" => t.status_closed,
        "merged" => t.status_merged,
        _ => t.none,
    }
}

pub fn identity_label(kind: &str, t: &'static Texts) -> &'static str {
    match kind {
        "email" => t.id_email,
        "amazon_alias" => t.id_amazon_alias,
        "ebay_user" => t.id_ebay_user,
        "walmart_alias" => t.id_walmart_alias,
        "shopify_customer" => t.id_shopify_customer,
        "phone" => t.id_phone,
        "buyer_id" => t.id_buyer_id,
        _ => t.none,
    }
}

pub fn shipment_label(status: &str, t: &'static Texts) -> String {
    match status {
        "not_shipped" => t.ship_not_shipped.into(),
        "label_created" => t.ship_label_created.into(),
        "shipped" => t.ship_shipped.into(),
        "in_transit" => t.ship_in_transit.into(),
        "out_for_delivery" => t.ship_out_for_delivery.into(),
        "delivered" => t.ship_delivered.into(),
        "partially_shipped" => t.ship_partially_shipped.into(),
        "exception" | "failure" | "failed_attempt" => t.ship_exception.into(),
        "returned" | "return_to_sender" => t.ship_returned.into(),
        // A carrier's own word: shown as data, framed in the viewer's language.
        other => fill(t.ship_unknown, &[other]),
    }
}

/// A CSS class for a shipment state, from a fixed set so that stored text never reaches markup.
pub fn shipment_class(status: &str) -> &'static str {
    match status {
        "delivered" => "delivered",
        "shipped" | "in_transit" | "out_for_delivery" | "partially_shipped" => "moving",
        "exception" | "failure" | "failed_attempt" | "returned" | "return_to_sender" => "problem",
        _ => "waiting",
    }
}

pub fn event_label(kind: &str, t: &'static Texts) -> &'static str {
    match kind {
        "message_received" => t.ev_message_received,
        "message_sent" => t.ev_message_sent,
        "ticket_created" => t.ev_ticket_created,
        "ticket_reopened" => t.ev_ticket_reopened,
        "customers_linked" => t.ev_customers_linked,
        "order_imported" => t.ev_order_imported,
        "order_updated" => t.ev_order_updated,
        "identity_unlinked" => t.ev_identity_unlinked,
        "tickets_merged" => t.ev_tickets_merged,
        "merged_into" => t.ev_merged_into,
        "unmerged" => t.ev_unmerged,
        "duplicate_flagged" => t.ev_duplicate_flagged,
        "repeat_contact" => t.ev_repeat_contact,
        _ => t.ev_other,
    }
}

pub fn risk_label(level: &str, t: &'static Texts) -> &'static str {
    match level {
        "high" => t.risk_high,
        "medium" => t.risk_medium,
        "low" => t.risk_low,
        _ => t.none,
    }
}

/// A CSS class for a risk level, from a fixed set.
pub fn risk_class(level: &str) -> &'static str {
    match level {
        "high" => "high",
        "medium" => "medium",
        _ => "low",
    }
}

/// Intent and signal codes in the viewer's language; codes the table does not know yet are
/// left out rather than shown in another language.
pub fn labels(codes: &[String], t: &'static Texts) -> Vec<&'static str> {
    codes.iter().filter_map(|c| t.label(c)).collect()
}

pub fn evidence_label(evidence: &str, t: &'static Texts) -> &'static str {
    match evidence {
        "same_order" => t.evidence_same_order,
        "mentions_order" => t.evidence_mentions_order,
        "manual" => t.evidence_manual,
        _ => t.none,
    }
}

/// Storage records a link's reason as an English note ("order 302-…", "ticket 7 mentions order
/// 302-…", "message <id> mentions order 302-…"). Known shapes are retold in the viewer's
/// language; anything else is shown as it was stored.
pub fn link_detail(detail: &str, t: &'static Texts) -> String {
    if let Some((head, order)) = detail.rsplit_once(" mentions order ") {
        if let Some(ticket) = head.strip_prefix("ticket ") {
            return fill(t.link_detail_ticket, &[ticket, order]);
        }
        if let Some(message) = head.strip_prefix("message ") {
            return fill(t.link_detail_message, &[message, order]);
        }
    }
    if let Some(order) = detail.strip_prefix("order ") {
        return fill(t.link_detail_order, &[order]);
    }
    detail.to_string()
}

/// Storage words the evidence of a suggested customer in English ("same name in postal code
/// 80331 (lindenstr 12 / packstation 123)"); the known shape is retold in the viewer's language.
pub fn suggestion_evidence(evidence: &str, t: &'static Texts) -> String {
    let retold = evidence
        .strip_prefix("same name in postal code ")
        .and_then(|rest| {
            let (postal, streets) = rest.split_once(" (")?;
            let (a, b) = streets.strip_suffix(')')?.split_once(" / ")?;
            Some(fill(t.evidence_same_name_postal, &[postal, a, b]))
        });
    retold.unwrap_or_else(|| evidence.to_string())
}

/// A file size as people read it: `812 B`, `14 KB`, `2.3 MB`.
pub fn bytes(n: i64) -> String {
    const KB: i64 = 1024;
    const MB: i64 = 1024 * 1024;
    if n < KB {
        format!("{n} B")
    } else if n < MB {
        format!("{} KB", (n + KB / 2) / KB)
    } else {
        format!("{:.1} MB", n as f64 / MB as f64)
    }
}

/// The first `max` characters of a text, on one line, for previews.
pub fn snippet(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", flat[..i].trim_end()),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn deadlines_read_as_time_left() {
        let now = ts("2026-11-10T12:00:00Z");
        let cases = [
            (
                "2026-11-10T15:12:00Z",
                Lang::En,
                "3 h 12 min left",
                "urgent",
            ),
            (
                "2026-11-10T15:12:00Z",
                Lang::De,
                "noch 3 Std. 12 Min.",
                "urgent",
            ),
            (
                "2026-11-10T10:00:00Z",
                Lang::En,
                "overdue by 2 h",
                "overdue",
            ),
            (
                "2026-11-10T10:00:00Z",
                Lang::De,
                "seit 2 Std. überfällig",
                "overdue",
            ),
            ("2026-11-10T20:00:00Z", Lang::En, "8 h left", "soon"),
            ("2026-11-12T15:00:00Z", Lang::En, "2 d 3 h left", "ok"),
            ("2026-11-10T12:00:20Z", Lang::En, "1 min left", "urgent"),
        ];
        for (due, lang, text, class) in cases {
            let d = deadline(Some(ts(due)), now, lang);
            assert_eq!((d.text.as_str(), d.class), (text, class), "{due}");
        }
        assert_eq!(deadline(None, now, Lang::De).text, "keine Frist");
    }

    #[test]
    fn money_in_each_language() {
        let m = Money::parse("49.90", "EUR").expect("valid money");
        assert_eq!(money(&m, Lang::De), "49,90 €");
        assert_eq!(money(&m, Lang::En), "€49.90");
        let m = Money::parse("12.00", "CHF").expect("valid money");
        assert_eq!(money(&m, Lang::De), "12,00 CHF");
    }

    #[test]
    fn countries_from_marketplaces() {
        assert_eq!(country("amazon.de"), "DE");
        assert_eq!(country("amazon.co.uk"), "GB");
        assert_eq!(country("ebay.com"), "US");
        assert_eq!(country("shop.example"), "");
        assert_eq!(country("<script>"), "");
    }

    #[test]
    fn link_notes_in_german() {
        let t = Lang::De.texts();
        assert_eq!(link_detail("order 302-1", t), "Bestellung 302-1");
        assert_eq!(
            link_detail("ticket 7 mentions order 302-1", t),
            "Ticket 7 nennt Bestellung 302-1"
        );
        assert_eq!(
            link_detail("message <a@b> mentions order 302-1", t),
            "Nachricht <a@b> nennt Bestellung 302-1"
        );
        assert_eq!(link_detail("something new", t), "something new");
    }

    #[test]
    fn suggestion_evidence_in_german() {
        let t = Lang::De.texts();
        assert_eq!(
            suggestion_evidence(
                "same name in postal code 80331 (lindenstr 12 / packstation 1)",
                t
            ),
            "gleicher Name im PLZ-Gebiet 80331 (lindenstr 12 / packstation 1)"
        );
        assert_eq!(suggestion_evidence("a new rule", t), "a new rule");
    }

    #[test]
    fn snippets_cut_on_characters() {
        assert_eq!(snippet("Grüße\n\naus   München", 100), "Grüße aus München");
        assert_eq!(snippet("äöü äöü", 3), "äöü…");
    }

    #[test]
    fn times_in_each_language() {
        let at = ts("2026-11-02T09:12:00Z");
        assert_eq!(date_time(at, Lang::De), "02.11.2026, 09:12 UTC");
        assert_eq!(date_time(at, Lang::En), "2 Nov 2026, 09:12 UTC");
        assert_eq!(iso(at), "2026-11-02T09:12:00Z");
    }
}
