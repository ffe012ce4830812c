//! Identities: the handles a customer is known by (emails, marketplace relay aliases, buyer ids,
//! phone numbers, name + postal address), and how raw values are normalised so that the same
//! handle written differently is recognised as one.

use std::fmt;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::Channel;
use crate::model::Address;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    Email,
    AmazonAlias,
    EbayUser,
    WalmartAlias,
    ShopifyCustomer,
    Phone,
    BuyerId,
    /// Normalised name + postal address of a shipping address. Two people at one address have
    /// different keys; so does one name at two addresses.
    NameAddress,
}

impl IdentityKind {
    pub const ALL: [IdentityKind; 8] = [
        IdentityKind::Email,
        IdentityKind::AmazonAlias,
        IdentityKind::EbayUser,
        IdentityKind::WalmartAlias,
        IdentityKind::ShopifyCustomer,
        IdentityKind::Phone,
        IdentityKind::BuyerId,
        IdentityKind::NameAddress,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IdentityKind::Email => "email",
            IdentityKind::AmazonAlias => "amazon_alias",
            IdentityKind::EbayUser => "ebay_user",
            IdentityKind::WalmartAlias => "walmart_alias",
            IdentityKind::ShopifyCustomer => "shopify_customer",
            IdentityKind::Phone => "phone",
            IdentityKind::BuyerId => "buyer_id",
            IdentityKind::NameAddress => "name_address",
        }
    }

    pub fn parse(s: &str) -> Option<IdentityKind> {
        IdentityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Relay aliases and buyer ids belong to one marketplace relationship; an email address or a
    /// phone number belongs to the person. Used to pick the best display handle.
    pub fn is_personal(self) -> bool {
        matches!(self, IdentityKind::Email | IdentityKind::Phone)
    }
}

impl fmt::Display for IdentityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A normalised identity handle: the unit of matching.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdentityKey {
    pub kind: IdentityKind,
    pub value: String,
}

impl IdentityKey {
    pub fn new(kind: IdentityKind, value: impl Into<String>) -> Self {
        Self {
            kind,
            value: value.into(),
        }
    }
}

/// Normalises an email address: Unicode compatibility form, lowercase, no surrounding angle
/// brackets or whitespace. Returns `None` for anything that is not `local@domain.tld`.
pub fn normalize_email(raw: &str) -> Option<String> {
    let s: String = raw
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .nfkc()
        .flat_map(char::to_lowercase)
        .collect();
    let (local, domain) = s.rsplit_once('@')?;
    let valid = !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
        && !domain.contains('@');
    valid.then_some(s)
}

/// Which marketplace relay, if any, an email address belongs to.
pub fn relay_of_email(email: &str) -> Option<(Channel, IdentityKind, Option<String>)> {
    let domain = email.rsplit_once('@')?.1;
    if let Some(rest) = domain.strip_prefix("marketplace.amazon.") {
        return Some((
            Channel::Amazon,
            IdentityKind::AmazonAlias,
            Some(format!("amazon.{rest}")),
        ));
    }
    if let Some(rest) = domain.strip_prefix("members.ebay.") {
        return Some((
            Channel::Ebay,
            IdentityKind::EbayUser,
            Some(format!("ebay.{rest}")),
        ));
    }
    if domain == "relay.walmart.com" || domain.ends_with(".relay.walmart.com") {
        return Some((
            Channel::Walmart,
            IdentityKind::WalmartAlias,
            Some("walmart.com".to_string()),
        ));
    }
    None
}

/// The identity an email address stands for: a relay alias for marketplace relays, else a plain
/// email identity.
pub fn email_identity(raw: &str) -> Option<IdentityKey> {
    let email = normalize_email(raw)?;
    let kind = relay_of_email(&email).map_or(IdentityKind::Email, |(_, kind, _)| kind);
    Some(IdentityKey::new(kind, email))
}

fn country_calling_code(country: &str) -> Option<&'static str> {
    Some(match country.to_ascii_uppercase().as_str() {
        "DE" => "49",
        "AT" => "43",
        "CH" => "41",
        "GB" | "UK" => "44",
        "IE" => "353",
        "FR" => "33",
        "BE" => "32",
        "NL" => "31",
        "LU" => "352",
        "IT" => "39",
        "ES" => "34",
        "PT" => "351",
        "PL" => "48",
        "SE" => "46",
        "DK" => "45",
        "NO" => "47",
        "FI" => "358",
        "US" | "CA" => "1",
        _ => return None,
    })
}

/// Normalises a phone number to E.164 (`+4989123456`). A national number (leading `0`, or ten
/// digits in North America) needs the country it was written in.
pub fn normalize_phone(raw: &str, country: Option<&str>) -> Option<String> {
    let trimmed = raw.trim();
    let mut digits = String::with_capacity(trimmed.len());
    let mut plus = false;
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '+' if i == 0 => plus = true,
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '/' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
    }
    // "+49 (0) 89 …": the trunk zero in brackets is not dialled from abroad.
    if plus && let Some(bracket) = trimmed.find("(0)") {
        let cc_len = trimmed[..bracket]
            .chars()
            .filter(char::is_ascii_digit)
            .count();
        if digits.as_bytes().get(cc_len) == Some(&b'0') {
            digits.remove(cc_len);
        }
    }
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else {
        let country = country?;
        let cc = country_calling_code(country)?;
        if cc == "1" {
            match digits.len() {
                10 => format!("1{digits}"),
                11 if digits.starts_with('1') => digits,
                _ => return None,
            }
        } else {
            let national = digits.strip_prefix('0').unwrap_or(&digits);
            format!("{cc}{national}")
        }
    };
    (8..=15)
        .contains(&international.len())
        .then(|| format!("+{international}"))
}

/// Letters folded for matching names and streets: German umlauts spelt out (so "Müller" and
/// "Mueller" meet), other accents removed, lowercase.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' | 'ẞ' => out.push_str("ss"),
            _ => {
                for d in c.nfkd() {
                    if !unicode_normalization::char::is_combining_mark(d) {
                        out.extend(d.to_lowercase());
                    }
                }
            }
        }
    }
    out
}

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

const NAME_NOISE: &[&str] = &[
    "herr", "frau", "mr", "mrs", "ms", "miss", "dr", "prof", "m", "mme", "mlle", "sig", "sigra",
    "sr", "sra", "srta", "don", "dona",
];

/// A person's name for matching: folded, titles dropped, word order ignored
/// ("Schmidt, Jana" = "jana schmidt").
pub fn normalize_name(name: &str) -> Option<String> {
    let mut parts: Vec<String> = words(name)
        .into_iter()
        .filter(|w| !NAME_NOISE.contains(&w.as_str()))
        .collect();
    if parts.is_empty() {
        return None;
    }
    parts.sort();
    Some(parts.join(" "))
}

/// A street line for matching: "Lindenstraße 12", "Lindenstr. 12" and "Linden Str 12" are one.
pub fn normalize_street(line: &str) -> Option<String> {
    let folded = fold(line);
    let mut s = String::with_capacity(folded.len());
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = w
            .strip_suffix("strasse")
            .map(|stem| format!("{stem}str"))
            .unwrap_or_else(|| w.to_string());
        let w = match w.as_str() {
            "strasse" | "str" => "str".to_string(),
            "street" | "st" => "st".to_string(),
            "road" | "rd" => "rd".to_string(),
            "avenue" | "ave" | "av" => "ave".to_string(),
            "platz" | "pl" => "pl".to_string(),
            "rue" => "rue".to_string(),
            "via" | "v" => "via".to_string(),
            "calle" | "c" => "calle".to_string(),
            _ => w,
        };
        // "Linden Str" → "lindenstr": glue street-type words to the name before them, as
        // German writes them either way.
        if w == "str" || w == "pl" {
            s.push_str(&w);
        } else {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&w);
        }
    }
    (!s.is_empty()).then_some(s)
}

/// The name + address identity of a shipping address, or `None` when too little is known to tell
/// people apart safely (no name, no street or no postal code).
pub fn name_address_key(address: &Address) -> Option<IdentityKey> {
    let name = normalize_name(address.name.as_deref()?)?;
    let street = normalize_street(address.line1.as_deref()?)?;
    let postal: String = address
        .postal_code
        .as_deref()?
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    if postal.is_empty() {
        return None;
    }
    let country = address
        .country
        .as_deref()
        .map(|c| c.trim().to_ascii_uppercase())
        .unwrap_or_default();
    Some(IdentityKey::new(
        IdentityKind::NameAddress,
        format!("{country}|{postal}|{street}|{name}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        let cases = [
            ("Jana.Schmidt@Example.DE", Some("jana.schmidt@example.de")),
            ("  <jana@example.de> ", Some("jana@example.de")),
            ("ＪＡＮＡ@example.de", Some("jana@example.de")),
            ("jana@example", None),
            ("jana example.de", None),
            ("@example.de", None),
            ("ja na@example.de", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize_email(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn relay_aliases() {
        let key = email_identity("K3X9ABC@marketplace.amazon.de");
        assert_eq!(
            key,
            Some(IdentityKey::new(
                IdentityKind::AmazonAlias,
                "k3x9abc@marketplace.amazon.de"
            ))
        );
        assert_eq!(
            relay_of_email("x@marketplace.amazon.co.uk").map(|r| r.2),
            Some(Some("amazon.co.uk".to_string()))
        );
        assert_eq!(
            email_identity("buyer@members.ebay.de").map(|k| k.kind),
            Some(IdentityKind::EbayUser)
        );
        assert_eq!(
            email_identity("abc@relay.walmart.com").map(|k| k.kind),
            Some(IdentityKind::WalmartAlias)
        );
        assert_eq!(
            email_identity("amazon@gmail.com").map(|k| k.kind),
            Some(IdentityKind::Email)
        );
    }

    #[test]
    fn phones() {
        let cases = [
            ("+49 89 1234567", None, Some("+49891234567")),
            ("+49 (0) 89 1234567", None, Some("+49891234567")),
            ("089 1234567", Some("DE"), Some("+49891234567")),
            ("0049 89 1234567", None, Some("+49891234567")),
            ("(415) 555-0132", Some("US"), Some("+14155550132")),
            ("07700 900123", Some("GB"), Some("+447700900123")),
            ("089 1234567", None, None),
            ("call me", Some("DE"), None),
            ("12", Some("DE"), None),
        ];
        for (raw, country, want) in cases {
            assert_eq!(normalize_phone(raw, country).as_deref(), want, "{raw}");
        }
    }

    fn addr(name: &str, line1: &str, postal: &str) -> Address {
        Address {
            name: Some(name.into()),
            line1: Some(line1.into()),
            line2: None,
            city: Some("München".into()),
            postal_code: Some(postal.into()),
            country: Some("DE".into()),
        }
    }

    #[test]
    fn same_person_written_differently_matches() {
        let a = name_address_key(&addr("Jana Schmidt", "Lindenstraße 12", "80331"));
        for (name, street, postal) in [
            ("jana schmidt", "Lindenstr. 12", "80331"),
            ("Schmidt, Jana", "Lindenstrasse 12", "80331"),
            ("Frau Jana Schmidt", "Linden Str 12", "80 331"),
            ("JANA  SCHMIDT", "Lindenstr.12", "80331"),
        ] {
            assert_eq!(
                a,
                name_address_key(&addr(name, street, postal)),
                "{name} / {street}"
            );
        }
    }

    #[test]
    fn different_people_stay_apart() {
        let a = name_address_key(&addr("Jana Schmidt", "Lindenstraße 12", "80331"));
        // Two people at one address.
        assert_ne!(
            a,
            name_address_key(&addr("Paul Schmidt", "Lindenstraße 12", "80331"))
        );
        // One name, another place.
        assert_ne!(
            a,
            name_address_key(&addr("Jana Schmidt", "Hauptstraße 3", "10115"))
        );
        assert_ne!(
            a,
            name_address_key(&addr("Jana Schmidt", "Lindenstraße 14", "80331"))
        );
    }

    #[test]
    fn umlauts_and_accents_fold() {
        assert_eq!(
            normalize_name("Jürgen Müller"),
            normalize_name("Juergen Mueller")
        );
        assert_eq!(
            normalize_name("Hélène Dubois"),
            normalize_name("Helene DUBOIS")
        );
        assert_eq!(normalize_name("Mr."), None);
    }
}
