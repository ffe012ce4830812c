//! Order numbers in free text: which marketplace's format, and the number itself.
//!
//! Formats:
//! * Amazon: `3-7-7` digits (`302-4417789-6651234`).
//! * eBay: `12-34567-89012` (since 2019), and the older `ItemID-TransactionID` form
//!   (`110043671232-28111134001`, 12 digits, dash, 10–14 digits).
//! * Walmart: purchase order numbers of 13–15 digits. Bare long numbers are everywhere (EANs,
//!   tracking numbers), so they count only next to an order word, or when the caller says the
//!   message came through Walmart.
//! * Shopify: `#1001` style order names (a `#` and 3–9 digits).

use serde::Serialize;

use crate::Channel;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct OrderMention {
    /// `amazon`, `ebay`, `walmart` or `shopify`.
    pub marketplace: &'static str,
    pub value: String,
}

/// Words that announce an order number, in the languages our customers write.
const ORDER_WORDS: &[&str] = &[
    "order",
    "po",
    "purchase",
    "bestellung",
    "bestellnummer",
    "auftrag",
    "commande",
    "ordine",
    "pedido",
    "número",
    "numero",
    "nummer",
    "nr",
    "no",
    "walmart",
];

/// Finds every order number in `text`, each once, in order of appearance.
///
/// `channel` is where the message came from: it lets a bare Walmart purchase order number count
/// without an order word in front of it.
pub fn find_order_refs(text: &str, channel: Option<Channel>) -> Vec<OrderMention> {
    let bytes = text.as_bytes();
    let mut found: Vec<OrderMention> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let starts_token = i == 0 || !is_word_byte(bytes[i - 1]);
        if b == b'#' && (i == 0 || !is_word_byte(bytes[i - 1])) {
            let run = digit_run(bytes, i + 1);
            if (3..=9).contains(&run) && !continues_word(bytes, i + 1 + run) {
                push_unique(&mut found, "shopify", &text[i..i + 1 + run]);
            }
            i += 1 + run;
            continue;
        }
        if b.is_ascii_digit() && starts_token {
            // A token of digits and dashes, e.g. 302-4417789-6651234.
            let mut end = i;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'-') {
                end += 1;
            }
            // A trailing dash belongs to the sentence, not the number.
            let mut tok_end = end;
            while tok_end > i && bytes[tok_end - 1] == b'-' {
                tok_end -= 1;
            }
            if !continues_word(bytes, end) {
                let token = &text[i..tok_end];
                if let Some(marketplace) = classify_token(token, || {
                    channel == Some(Channel::Walmart) || order_word_before(text, i)
                }) {
                    push_unique(&mut found, marketplace, token);
                }
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    found
}

fn classify_token(token: &str, walmart_context: impl Fn() -> bool) -> Option<&'static str> {
    let groups: Vec<usize> = token.split('-').map(str::len).collect();
    match groups.as_slice() {
        [3, 7, 7] => Some("amazon"),
        [2, 5, 5] => Some("ebay"),
        [12, n] if (10..=14).contains(n) => Some("ebay"),
        [n] if (13..=15).contains(n) && walmart_context() => Some("walmart"),
        _ => None,
    }
}

fn order_word_before(text: &str, at: usize) -> bool {
    // Look back a short stretch only: "Bestellung Nr. 1234567890123" but not a word from the
    // previous sentence.
    let start = floor_char_boundary(text, at.saturating_sub(32));
    let window = text[start..at].to_lowercase();
    window
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| ORDER_WORDS.contains(&w))
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn digit_run(bytes: &[u8], from: usize) -> usize {
    bytes[from.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// True when the token at `end` runs on into letters (`302-4417789-6651234abc` is no order id).
fn continues_word(bytes: &[u8], end: usize) -> bool {
    bytes.get(end).is_some_and(|&b| is_word_byte(b))
}

fn push_unique(found: &mut Vec<OrderMention>, marketplace: &'static str, value: &str) {
    if !found.iter().any(|m| m.value == value) {
        found.push(OrderMention {
            marketplace,
            value: value.to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str, channel: Option<Channel>) -> Vec<(&'static str, String)> {
        find_order_refs(text, channel)
            .into_iter()
            .map(|m| (m.marketplace, m.value))
            .collect()
    }

    #[test]
    fn table_of_cases() {
        type Case<'a> = (&'a str, Option<Channel>, &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            (
                "Frage zur Bestellung 302-4417789-6651234",
                None,
                &[("amazon", "302-4417789-6651234")],
            ),
            (
                "order 028-1234567-1234567.",
                None,
                &[("amazon", "028-1234567-1234567")],
            ),
            (
                "(302-4417789-6651234)",
                None,
                &[("amazon", "302-4417789-6651234")],
            ),
            (
                "eBay order 12-34567-89012 arrived broken",
                None,
                &[("ebay", "12-34567-89012")],
            ),
            (
                "old ebay 110043671232-28111134001",
                None,
                &[("ebay", "110043671232-28111134001")],
            ),
            (
                "PO 1796277083022 please",
                None,
                &[("walmart", "1796277083022")],
            ),
            (
                "Bestellung Nr. 1796277083022",
                None,
                &[("walmart", "1796277083022")],
            ),
            (
                "where is 1796277083022",
                Some(Channel::Walmart),
                &[("walmart", "1796277083022")],
            ),
            // A bare 13-digit number without order context is an EAN, not an order.
            ("EAN 4006381333931 passt?", None, &[]),
            (
                "Order #1001 and #1002",
                None,
                &[("shopify", "#1001"), ("shopify", "#1002")],
            ),
            ("call +49 89 1234567", None, &[]),
            (
                "302-4417789-6651234 and again 302-4417789-6651234",
                None,
                &[("amazon", "302-4417789-6651234")],
            ),
            ("302-4417789-66512345", None, &[]),
            ("x302-4417789-6651234", None, &[]),
            ("302-4417789-6651234x", None, &[]),
            (
                "Bestellungen 302-4417789-6651234, 028-7654321-7654321",
                None,
                &[
                    ("amazon", "302-4417789-6651234"),
                    ("amazon", "028-7654321-7654321"),
                ],
            ),
            ("#12 is too short, C#1001 is code", None, &[]),
            ("", None, &[]),
            (
                "Grüße — 302-4417789-6651234 ✓",
                None,
                &[("amazon", "302-4417789-6651234")],
            ),
        ];
        for (text, channel, expected) in cases {
            let expected: Vec<(&str, String)> =
                expected.iter().map(|(m, v)| (*m, v.to_string())).collect();
            assert_eq!(refs(text, *channel), expected, "text: {text}");
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        let samples = [
            "#",
            "-",
            "--1",
            "1-",
            "ä#1234",
            "#ü",
            "Bestellung ü1796277083022",
        ];
        for s in samples {
            let _ = find_order_refs(s, Some(Channel::Walmart));
        }
        let long = "9".repeat(100_000);
        assert!(find_order_refs(&long, Some(Channel::Walmart)).is_empty());
    }
}
