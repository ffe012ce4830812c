//! A realistic, deterministic seller's world for Cairn's demo and evaluations.
//!
//! The shop is *Lumen & Linde*, a German lamp and home-goods seller on amazon.de, .co.uk, .fr,
//! .it, .es and .com, ebay.de, walmart.com and its own Shopify store. Its customers (German,
//! British, French, Italian, Spanish, American) buy on one or several storefronts under relay
//! aliases, buyer names and personal e-mail addresses, write in their language about
//! tracking, returns, damage, invoices and the rest, get angry, threaten, write again on another
//! channel; the shop answers most of it. Everything comes out as interchange records
//! (JSON Lines, version 1, see `shared/INTERFACES.md`) that `cairn import` reads.
//!
//! * [`World`] streams the records customer by customer, so memory stays bounded for any
//!   size (a few MB for a million messages); [`write_world`] writes them. The same
//!   [`DemoConfig`] always gives byte-identical output.
//! * Size: per customer about 2.24 orders and 3.8 message records (2.1 from the customer,
//!   1.7 answers), about 5 KB of JSON. 260,000 customers give about one million messages
//!   (1.57 million records, 1.3 GB); the default 200 customers a small, lively inbox.
//! * [`LiveFeed`] keeps new inbound messages from the same customers coming for a running
//!   demo (`cairn serve --demo`): about their latest orders, new questions, and now and then a
//!   repeat on another channel of something still unanswered.
//! * Each customer is built from their own random streams, keyed by seed and index, so any
//!   customer can be rebuilt alone (that is how the live feed knows its customers) and ids are
//!   unique by construction (keyed permutations), not by luck.
//! * Ground truth rides along in an extra `x_demo` field that importers ignore: on every
//!   record the person it belongs to (`person`), on customer messages their `intents`,
//!   `signals`, `language`, the order they are about (`order`, also when only the text names it)
//!   and `repeats`: the `external_id` of the earlier message this one repeats on another thread.
//!
//! What it must never know about: databases, the network, the clock. Time is passed in.
//! The personal data is invented; the e-mail domains are real providers', so a demo database
//! must never be connected to a real outgoing mail server.

mod catalog;
mod check;
mod json;
mod live;
mod orders;
mod people;
mod rng;
mod talk;
mod text;
mod time;
mod world;

pub use catalog::{SHOP_EMAIL, SHOP_NAME};
pub use check::{
    Carrier, fedex_check, gls_check, gs1_check, identcode_check, s10_check, tracking_is_valid,
    ups_check,
};
pub use live::LiveFeed;
pub use text::{Intent, Lang, Signal};
pub use time::{parse_rfc3339_utc, rfc3339};
pub use world::{Stats, World, write_world};

/// What world to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoConfig {
    pub seed: u64,
    pub customers: u64,
    /// Unix seconds (UTC): the world's "now". All history (about 90 days) lies before it; the
    /// last two days' messages are still unanswered.
    pub start: i64,
}

impl DemoConfig {
    pub fn new(seed: u64, customers: u64, start: i64) -> DemoConfig {
        DemoConfig {
            seed,
            customers,
            start,
        }
    }
}

impl Default for DemoConfig {
    /// Seed 1, 200 customers, start 2026-11-16T09:00:00Z (a Monday morning, inbox full).
    fn default() -> DemoConfig {
        DemoConfig {
            seed: 1,
            customers: 200,
            start: 1_794_819_600,
        }
    }
}

/// Whether `id` has the order-number format of `marketplace` (`amazon.de` …, `ebay.de`,
/// `walmart.com`, `shopify`): Amazon `3-7-7` digits, eBay `2-5-5` digits, Walmart 13-digit
/// purchase order numbers, Shopify `#` and at least four digits.
pub fn order_id_format_ok(marketplace: &str, id: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let groups: Vec<&str> = id.split('-').collect();
    match marketplace {
        m if m.starts_with("amazon.") => {
            groups.len() == 3
                && digits(groups[0], 3)
                && digits(groups[1], 7)
                && digits(groups[2], 7)
        }
        "ebay.de" => {
            groups.len() == 3
                && digits(groups[0], 2)
                && digits(groups[1], 5)
                && digits(groups[2], 5)
        }
        "walmart.com" => digits(id, 13),
        "shopify" => id
            .strip_prefix('#')
            .is_some_and(|n| n.len() >= 4 && n.bytes().all(|b| b.is_ascii_digit())),
        _ => false,
    }
}
