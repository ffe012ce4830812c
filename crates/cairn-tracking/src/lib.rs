//! Parcel tracking number recognition for Cairn.
//!
//! This crate owns one question: *is this string a parcel tracking number,
//! whose could it be, and where can the customer follow it?* It knows the
//! number formats and check-digit algorithms of UPS, FedEx, USPS, DHL
//! (Express, Paket, eCommerce), Deutsche Post, DPD, GLS, Hermes/Evri, Royal
//! Mail, Amazon Logistics, OnTrac, LaserShip, Canada Post, Purolator, Canpar,
//! GOFO, Landmark Global, Old Dominion, Spee-Dee, Yodel, YunExpress and UPU S10
//! international mail, and builds each carrier's public (https) tracking link.
//!
//! It is pure code: no I/O, no carrier API calls, no global state.
//!
//! * [`detect`] judges one number that a person typed or pasted; spaces and
//!   dashes inside it are ignored and case does not matter.
//! * [`find_in_text`] scans free text (customer e-mails in German, English,
//!   French, Italian, Spanish …) for tracking numbers. It is stricter than
//!   [`detect`]: it only reports numbers whose format is distinctive or whose
//!   check digit validates, and for short or unchecked forms it wants a
//!   tracking label ("Sendungsnummer", "tracking", "suivi" …) right before the
//!   number, so order ids, phone numbers, IBANs, prices and dates stay out.
//!   It runs in time linear in the length of the text.
//!
//! A number can fit several carriers (twelve digits may be FedEx, Purolator,
//! DHL Paket or GLS); every plausible candidate is returned, the most
//! trustworthy first: distinctive prefixes before long checked numbers, those
//! before short checked numbers, those before formats without a check digit.

mod checksum;
mod rules;
mod scan;

use serde::Serialize;

/// One carrier a tracking number may belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The carrier's `courier_code` (`ups`, `fedex`, `dhl`, `s10` …).
    pub carrier: &'static str,
    /// Human name of the carrier service, e.g. "UPS" or "DHL Paket".
    pub service: &'static str,
    /// The carrier's public tracking page for this number (always https).
    pub tracking_url: String,
    /// What the match rests on. Not serialised: the JSON shape is fixed.
    #[serde(skip)]
    pub evidence: Evidence,
}

/// What a candidate's match rests on, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// Only the shape fits; the format has no check digit (DHL eCommerce's
    /// 14 digits, Purolator's letter form, GLS track IDs …).
    FormatOnly,
    /// The carrier's check digit validates, but numbers of this length are
    /// common enough that roughly one in ten random ones would pass too.
    CheckDigit,
    /// A carrier prefix or letter pattern (1Z…, TBA…, S10, JJD…) that an
    /// ordinary number practically never has, mostly with a check digit too.
    Distinctive,
}

/// The verdict on one number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detection {
    /// The number as normalised (uppercase, spaces and dashes removed); the
    /// trimmed original when it holds characters no tracking number has.
    pub input: String,
    /// True when at least one carrier's format and check digit fit.
    pub valid: bool,
    /// Carriers that fit, best first; empty when `valid` is false.
    pub candidates: Vec<Candidate>,
}

/// Every `carrier` code this crate can return.
pub const CARRIERS: &[&str] = &[
    "ups",
    "fedex",
    "usps",
    "dhl",
    "deutsche_post",
    "dpd",
    "gls",
    "hermes",
    "royal_mail",
    "amazon",
    "ontrac",
    "lasership",
    "canada_post",
    "purolator",
    "s10",
    "canpar",
    "gofo",
    "landmark",
    "old_dominion",
    "speedee",
    "yodel",
    "yunexpress",
];

/// Judges one tracking number.
///
/// Separators people type or copy (spaces, tabs, dashes, no-break and thin
/// spaces) are removed and letters upper-cased before matching. Anything else
/// that is not an ASCII letter or digit makes the input invalid.
///
/// ```
/// let d = cairn_tracking::detect("1z 5r8 939 0357 567 127");
/// assert!(d.valid);
/// assert_eq!(d.input, "1Z5R89390357567127");
/// assert_eq!(d.candidates[0].carrier, "ups");
/// ```
pub fn detect(input: &str) -> Detection {
    match normalize(input) {
        Some(number) => {
            let candidates = candidates_for(number.as_bytes());
            Detection {
                valid: !candidates.is_empty(),
                input: number,
                candidates,
            }
        }
        None => Detection {
            input: input.trim().to_string(),
            valid: false,
            candidates: Vec::new(),
        },
    }
}

/// Finds tracking numbers in free text, in order of appearance, each once.
///
/// Returns the normalised number and its candidates (as [`detect`] would).
/// Accepts a number only when its format is distinctive (1Z…, TBA…, S10, …),
/// or it is long and its check digit validates, or its check digit validates
/// and the nearest label before it speaks of tracking. Numbers that the
/// nearest label calls an order, invoice, phone, IBAN, item … are left out
/// unless their format is distinctive.
///
/// ```
/// let found = cairn_tracking::find_in_text(
///     "Hallo! Ihre Sendungsnummer lautet 00340434161094042557. Bestellung 302-4417789-6651234",
/// );
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].0, "00340434161094042557");
/// assert_eq!(found[0].1[0].carrier, "dhl");
/// ```
pub fn find_in_text(text: &str) -> Vec<(String, Vec<Candidate>)> {
    scan::find(text)
}

/// Characters people put inside tracking numbers for readability.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '-'
            | '\u{00A0}' // no-break space
            | '\u{2007}' // figure space
            | '\u{2009}' // thin space
            | '\u{202F}' // narrow no-break space
            | '\u{2010}' // hyphen
            | '\u{2011}' // non-breaking hyphen
            | '\u{2013}' // en dash
    )
}

fn normalize(input: &str) -> Option<String> {
    let mut out = String::with_capacity(input.len().min(64));
    for c in input.chars() {
        if is_separator(c) {
            continue;
        }
        if !c.is_ascii_alphanumeric() {
            return None;
        }
        out.push(c.to_ascii_uppercase());
    }
    Some(out)
}

/// Turns rule hits into public candidates for an already normalised number.
pub(crate) fn candidates_for(number: &[u8]) -> Vec<Candidate> {
    let mut hits = Vec::new();
    rules::classify(number, &mut hits);
    to_candidates(number, &hits)
}

pub(crate) fn to_candidates(number: &[u8], hits: &[rules::Hit]) -> Vec<Candidate> {
    // Rules only match ASCII alphanumerics, so this conversion never loses data.
    let number = String::from_utf8_lossy(number);
    hits.iter()
        .map(|h| Candidate {
            carrier: h.service.carrier,
            service: h.service.name,
            tracking_url: format!("{}{}", h.service.url_prefix, number),
            evidence: h.evidence(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_separators_and_case() {
        assert_eq!(normalize(" 1z-5r8\u{a0}939 ").as_deref(), Some("1Z5R8939"));
        assert_eq!(normalize("12.34"), None);
        assert_eq!(normalize("ü123"), None);
    }

    #[test]
    fn invalid_input_keeps_trimmed_original() {
        let d = detect("  hello wörld ");
        assert!(!d.valid);
        assert_eq!(d.input, "hello wörld");
        assert!(d.candidates.is_empty());
    }

    #[test]
    fn every_service_uses_a_known_code_and_https() {
        // Exercise many formats and check the invariant on whatever they return.
        for n in [
            "1Z5R89390357567127",
            "RR123456785DE",
            "RR123456785GB",
            "TBA123456789012",
            "00340434161094042557",
            "3318810025",
        ] {
            for c in detect(n).candidates {
                assert!(CARRIERS.contains(&c.carrier), "{}", c.carrier);
                assert!(c.tracking_url.starts_with("https://"), "{}", c.tracking_url);
                assert!(c.tracking_url.ends_with(n));
            }
        }
    }
}
