//! Free-text scanning.
//!
//! The text is cut into *chunks*, maximal runs of ASCII letters and digits.
//! Chunks that could be part of a tracking number (they hold a digit, or they
//! are a short uppercase prefix/suffix such as `JJD` or `DE`) and are
//! separated by a single space, dash or no-break space form a *segment*: the
//! way people print numbers in groups ("0034 0434 1610 9404 2557"). Inside a
//! segment, candidate numbers are built from consecutive chunks, longest
//! first, and judged by the carrier rules plus the context rules below.
//!
//! Work per chunk is bounded (at most [`MAX_JOIN`] chunks and
//! [`rules::MAX_LEN`] characters per candidate, a fixed look-back window for
//! labels), so scanning is linear in the length of the text.

use std::collections::HashSet;

use crate::rules::{self, DISTINCTIVE, Hit, LONG_CHECKED};
use crate::{Candidate, to_candidates};

/// Most chunks one number is printed in ("1Z 5R8 939 0357 567 127" is six);
/// a cap keeps the work per position constant.
const MAX_JOIN: usize = 10;

/// How far back (bytes, words) to look for a label such as "Sendungsnummer".
/// A label further away than a short phrase ("Ihre Sendungsnummer lautet",
/// "tracking number for your package is") belongs to something else.
const LABEL_WINDOW: usize = 64;
const LABEL_WORDS: usize = 6;

#[derive(Debug, Clone, Copy)]
struct Chunk {
    start: usize,
    end: usize,
    has_digit: bool,
    has_letter: bool,
}

impl Chunk {
    fn len(&self) -> usize {
        self.end - self.start
    }
}

pub(crate) fn find(text: &str) -> Vec<(String, Vec<Candidate>)> {
    let bytes = text.as_bytes();
    let mut scanner = Scanner {
        text,
        bytes,
        found: Vec::new(),
        seen: HashSet::new(),
        hits: Vec::new(),
    };
    let mut segment: Vec<Chunk> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let (mut has_digit, mut has_letter, mut upper) = (false, false, true);
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            let b = bytes[i];
            has_digit |= b.is_ascii_digit();
            has_letter |= b.is_ascii_alphabetic();
            upper &= !b.is_ascii_lowercase();
            i += 1;
        }
        let chunk = Chunk {
            start,
            end: i,
            has_digit,
            has_letter,
        };
        // Lowercase words never join: they are the prose around a number.
        let eligible = chunk.len() <= rules::MAX_LEN && (has_digit || (upper && chunk.len() <= 4));
        let continues = segment
            .last()
            .is_some_and(|prev| eligible && joinable(&bytes[prev.end..chunk.start]));
        if !continues {
            scanner.segment(&segment);
            segment.clear();
        }
        if eligible {
            segment.push(chunk);
        }
    }
    scanner.segment(&segment);
    scanner.found
}

/// Digit groups printed for readability are short (IBANs use four, phone
/// numbers rarely more than eight); a run this long is a number of its own
/// even when another number stands right before or after it.
const LONG_RUN: usize = 10;

/// Whether a number may start at chunk `i` without being the tail of a
/// longer grouped number.
fn aligned_start(seg: &[Chunk], i: usize) -> bool {
    i == 0 || !seg[i - 1].has_digit || seg[i].len() >= LONG_RUN
}

/// Whether a number may end at chunk `j` without being the head of a longer
/// grouped number.
fn aligned_end(seg: &[Chunk], j: usize) -> bool {
    j + 1 == seg.len() || !seg[j + 1].has_digit || seg[j].len() >= LONG_RUN
}

/// A single separator of the kind people print inside numbers.
fn joinable(sep: &[u8]) -> bool {
    matches!(
        sep,
        b" " | b"-" | b"\t" | [0xC2, 0xA0] // no-break space
            | [0xE2, 0x80, 0x87] // figure space
            | [0xE2, 0x80, 0x89] // thin space
            | [0xE2, 0x80, 0xAF] // narrow no-break space
    )
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    found: Vec<(String, Vec<Candidate>)>,
    /// Numbers already reported; a set so that a text full of distinct
    /// numbers still scans in linear time.
    seen: HashSet<String>,
    hits: Vec<Hit>,
}

impl Scanner<'_> {
    fn segment(&mut self, seg: &[Chunk]) {
        let mut i = 0;
        while i < seg.len() {
            // A number starts at the segment start, after a letter-only
            // prefix, at a chunk holding letters (1Z…, JJD…) or at a long
            // unbroken run of digits; never in the middle of a run of short
            // digit groups such as an IBAN's.
            let starts_here = seg[i].has_letter || aligned_start(seg, i);
            if starts_here && let Some(next) = self.try_at(seg, i) {
                i = next;
                continue;
            }
            i += 1;
        }
    }

    /// Tries the longest acceptable number starting at chunk `i`; returns the
    /// index after its last chunk.
    fn try_at(&mut self, seg: &[Chunk], i: usize) -> Option<usize> {
        let mut buf = [0u8; rules::MAX_LEN];
        // ends[k] = (last chunk index, normalised length) for k+1 chunks.
        let mut ends: [(usize, usize); MAX_JOIN] = [(0, 0); MAX_JOIN];
        let mut count = 0;
        let mut len = 0;
        for (j, c) in seg.iter().enumerate().skip(i).take(MAX_JOIN) {
            if len + c.len() > buf.len() {
                break;
            }
            for (dst, &b) in buf[len..len + c.len()]
                .iter_mut()
                .zip(&self.bytes[c.start..c.end])
            {
                *dst = b.to_ascii_uppercase();
            }
            len += c.len();
            ends[count] = (j, len);
            count += 1;
        }
        for &(j, len) in ends[..count].iter().rev() {
            if len < rules::MIN_LEN {
                break;
            }
            let number = &buf[..len];
            let mut hits = std::mem::take(&mut self.hits);
            rules::classify(number, &mut hits);
            let accepted = !hits.is_empty() && self.accept(seg, i, j, &hits);
            if accepted {
                self.record(number, &hits);
            }
            self.hits = hits;
            if accepted {
                return Some(j + 1);
            }
        }
        None
    }

    fn accept(&self, seg: &[Chunk], i: usize, j: usize, hits: &[Hit]) -> bool {
        let best = hits.first().map_or(0, |h| h.score);
        let parts = &seg[i..=j];
        let numeric_only = parts.iter().all(|c| !c.has_letter);
        if numeric_only {
            // Part of a longer run of digit groups (phone, IBAN, order id).
            if !aligned_start(seg, i) || (!aligned_end(seg, j) && best < LONG_CHECKED) {
                return false;
            }
            // Dash-grouped digits are order ids (302-4417789-6651234,
            // 12-34567-89012) and phone numbers far more often than parcels.
            let dashed = parts
                .windows(2)
                .any(|w| self.bytes.get(w[0].end) == Some(&b'-'));
            if dashed && best < LONG_CHECKED {
                return false;
            }
            if self.numeric_context_rejects(parts) {
                return false;
            }
        }
        if best >= DISTINCTIVE {
            return true;
        }
        let label = self.nearest_label(parts[0].start);
        if best >= LONG_CHECKED {
            label != Label::Negative
        } else {
            label == Label::Positive
        }
    }

    /// Characters right around a bare number that make it a price, a phone
    /// number, a decimal or a date rather than a tracking number.
    fn numeric_context_rejects(&self, parts: &[Chunk]) -> bool {
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            return true;
        };
        let before = self
            .text
            .get(..first.start)
            .and_then(|t| t.chars().next_back());
        let after = self.text.get(last.end..).and_then(|t| t.chars().next());
        let currency = |c: Option<char>| matches!(c, Some('$' | '€' | '£' | '¥' | '%'));
        if matches!(before, Some('+')) || currency(before) || currency(after) {
            return true;
        }
        // "1.234567890", "12/3318810025", "3318810025,50": part of a bigger number.
        let digit_at = |pos: Option<usize>| {
            pos.and_then(|p| self.bytes.get(p))
                .is_some_and(u8::is_ascii_digit)
        };
        let joiner = |c: Option<char>| matches!(c, Some('.' | ',' | '/'));
        (joiner(before) && digit_at(first.start.checked_sub(2)))
            || (joiner(after) && digit_at(Some(last.end + 1)))
    }

    fn nearest_label(&self, pos: usize) -> Label {
        let from = pos.saturating_sub(LABEL_WINDOW);
        let window = self.bytes.get(from..pos).unwrap_or_default();
        // Walk back word by word (ASCII letters; accented letters split words,
        // which the stems below allow for).
        let mut end = window.len();
        let mut words = 0;
        while end > 0 && words < LABEL_WORDS {
            while end > 0 && !window[end - 1].is_ascii_alphabetic() {
                end -= 1;
            }
            let mut start = end;
            while start > 0 && window[start - 1].is_ascii_alphabetic() {
                start -= 1;
            }
            if start == end {
                break;
            }
            // A word cut by the window edge is not trusted.
            if start == 0 && from > 0 && self.bytes[from - 1].is_ascii_alphabetic() {
                break;
            }
            match classify_word(&window[start..end]) {
                Label::Neutral => end = start,
                label => return label,
            }
            words += 1;
        }
        Label::Neutral
    }

    fn record(&mut self, number: &[u8], hits: &[Hit]) {
        let text = String::from_utf8_lossy(number).into_owned();
        if self.seen.insert(text.clone()) {
            self.found.push((text, to_candidates(number, hits)));
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Positive,
    Negative,
    Neutral,
}

/// Word stems (lowercase ASCII) that announce a tracking number, in the
/// languages Cairn's sellers get mail in. Matched as prefixes, so
/// "Sendungsnummer", "tracking-ID" and "spedizione" all count.
const POSITIVE_STEMS: &[&str] = &[
    // en
    "track",
    "trace",
    "tracing",
    "shipment",
    "shipping",
    "shipped",
    "parcel",
    "package",
    "consignment",
    "waybill",
    "courier",
    "carrier",
    "delivery",
    "dispatch",
    // de
    "sendung",
    "paket",
    "versand",
    "verfolg",
    "lieferung",
    "zustell",
    "einschreiben",
    // fr
    "suivi",
    "colis",
    "envoi",
    "livraison",
    "transporteur",
    "expedi",
    // it
    "spedizion",
    "tracciam",
    "traccia",
    "pacco",
    "corriere",
    "consegna",
    "monitoraggio",
    // es
    "seguimiento",
    "rastreo",
    "paquete",
    "transportista",
    "entrega",
    "envio",
    "localizador",
];

/// Whole words (carrier names) that announce a tracking number. Words are
/// split at accented letters, so "envío" arrives here as "env".
const POSITIVE_WORDS: &[&str] = &[
    "awb",
    "ups",
    "dhl",
    "dpd",
    "gls",
    "usps",
    "fedex",
    "hermes",
    "evri",
    "ontrac",
    "lasership",
    "purolator",
    "canpar",
    "yodel",
    "post",
    "poste",
    "posta",
    "correos",
    "colissimo",
    "parcelforce",
    "royal",
    "tnt",
    "gofo",
    "yunexpress",
    "speedee",
    "env",
];

/// Stems of labels for numbers that are *not* tracking numbers.
const NEGATIVE_STEMS: &[&str] = &[
    "order",
    "bestell",
    "commande",
    "ordine",
    "pedido",
    "invoice",
    "rechnung",
    "facture",
    "fattura",
    "factura",
    "iban",
    "konto",
    "account",
    "kunde",
    "customer",
    "client",
    "artikel",
    "article",
    "articolo",
    "item",
    "listing",
    "transaction",
    "transaktion",
    "telefon",
    "phone",
    "mobil",
    "handy",
    "whatsapp",
    "steuer",
    "serial",
    "serien",
    "imei",
    "betrag",
    "amount",
    "total",
    "summe",
    "preis",
    "price",
    "prix",
    "prezzo",
    "precio",
    "postleitzahl",
    "postcode",
    "ticket",
    "vorgang",
    "reklamation",
    "referenz",
    "verwendungszweck",
    "telephone",
    "cellulare",
    "telefono",
    "contrat",
    "vertrag",
    "mandat",
];

/// Whole words that mark a number as something else.
const NEGATIVE_WORDS: &[&str] = &[
    "tel", "fax", "bic", "swift", "sku", "asin", "ean", "isbn", "gtin", "upc", "vat", "ust", "tax",
    "zip", "plz", "cap", "cp", "case", "fall", "cell", "mob",
];

fn classify_word(word: &[u8]) -> Label {
    // Every stem and word in the tables has at least two letters.
    if word.len() < 2 || word.len() > 40 {
        return Label::Neutral;
    }
    let mut lower = [0u8; 40];
    let lower = &mut lower[..word.len()];
    for (d, s) in lower.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let lower: &[u8] = lower;
    let stem = |stems: &[&str]| stems.iter().any(|s| lower.starts_with(s.as_bytes()));
    let whole = |words: &[&str]| words.iter().any(|w| lower == w.as_bytes());
    // Negative first: "ordertracking" is rare, "Bestellverfolgung" is not a
    // number label at all, but "Telefon" must never count as "tel…" positive.
    if whole(NEGATIVE_WORDS) || stem(NEGATIVE_STEMS) {
        Label::Negative
    } else if whole(POSITIVE_WORDS) || stem(POSITIVE_STEMS) {
        Label::Positive
    } else {
        Label::Neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_classified() {
        assert_eq!(classify_word(b"Sendungsnummer"), Label::Positive);
        assert_eq!(classify_word(b"TRACKING"), Label::Positive);
        assert_eq!(classify_word(b"Bestellnummer"), Label::Negative);
        assert_eq!(classify_word(b"groups"), Label::Neutral);
        assert_eq!(classify_word(b"UPS"), Label::Positive);
        assert_eq!(classify_word(b"lautet"), Label::Neutral);
    }

    #[test]
    fn joinable_separators() {
        assert!(joinable(b" "));
        assert!(joinable("\u{a0}".as_bytes()));
        assert!(!joinable(b"  "));
        assert!(!joinable(b". "));
    }
}
