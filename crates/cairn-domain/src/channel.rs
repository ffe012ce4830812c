//! Channels (where a conversation happens) and marketplaces (which national storefront).

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Amazon,
    Ebay,
    Walmart,
    Shopify,
    Email,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::Amazon,
        Channel::Ebay,
        Channel::Walmart,
        Channel::Shopify,
        Channel::Email,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Amazon => "amazon",
            Channel::Ebay => "ebay",
            Channel::Walmart => "walmart",
            Channel::Shopify => "shopify",
            Channel::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Human label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Amazon => "Amazon",
            Channel::Ebay => "eBay",
            Channel::Walmart => "Walmart",
            Channel::Shopify => "Shopify",
            Channel::Email => "E-Mail",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A marketplace such as `amazon.de`, `ebay.co.uk` or `walmart.com`: lowercase host-like name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Marketplace(String);

impl Marketplace {
    pub fn parse(raw: &str) -> Result<Marketplace, String> {
        let s = raw.trim().to_ascii_lowercase();
        let ok = (2..=40).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
            && !s.starts_with('.')
            && !s.ends_with('.');
        if ok {
            Ok(Marketplace(s))
        } else {
            Err(format!(
                "marketplace {raw:?} is not a marketplace name like \"amazon.de\""
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country of a national storefront (`amazon.co.uk` → `GB`), used to read phone numbers.
    pub fn country(&self) -> Option<&'static str> {
        let tld = self.0.rsplit('.').next()?;
        Some(match tld {
            "de" => "DE",
            "uk" => "GB",
            "fr" => "FR",
            "it" => "IT",
            "es" => "ES",
            "nl" => "NL",
            "pl" => "PL",
            "se" => "SE",
            "be" => "BE",
            "at" => "AT",
            "ca" => "CA",
            "com" => "US",
            _ => return None,
        })
    }
}

impl fmt::Display for Marketplace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
