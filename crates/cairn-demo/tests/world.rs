//! The generated world against the interchange format (shared/INTERFACES.md) and against its own
//! promises: determinism, bounded memory, sensible proportions, truthful ground truth.
//!
//! One test binary on purpose: each file in `tests/` links the crate again.

use std::collections::{HashMap, HashSet};

use cairn_demo::{
    DemoConfig, LiveFeed, World, order_id_format_ok, parse_rfc3339_utc, tracking_is_valid,
    write_world,
};
use serde_json::Value;

const START: i64 = 1_794_819_600; // 2026-11-16T09:00:00Z

fn cfg(seed: u64, customers: u64) -> DemoConfig {
    DemoConfig {
        seed,
        customers,
        start: START,
    }
}

fn parse(line: &str) -> Value {
    match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}): {line}"),
    }
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` must be a string in {v}"))
}

fn time(v: &Value, key: &str) -> i64 {
    let raw = s(v, key);
    parse_rfc3339_utc(raw).unwrap_or_else(|| panic!("`{key}` is not RFC 3339 UTC: {raw}"))
}

fn is_decimal(amount: &str) -> bool {
    match amount.split_once('.') {
        Some((whole, frac)) => {
            !whole.is_empty()
                && whole.bytes().all(|b| b.is_ascii_digit())
                && frac.len() == 2
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

fn money(v: &Value, what: &str) {
    let amount = v["amount"]
        .as_str()
        .unwrap_or_else(|| panic!("{what}.amount must be a decimal string: {v}"));
    assert!(is_decimal(amount), "{what}.amount {amount:?}");
    assert!(
        matches!(s(v, "currency"), "EUR" | "GBP" | "USD"),
        "{what}.currency"
    );
}

const CHANNELS: [&str; 5] = ["amazon", "ebay", "walmart", "shopify", "email"];

fn check_order(o: &Value) {
    assert!(CHANNELS.contains(&s(o, "channel")));
    let marketplace = s(o, "marketplace");
    let id = s(o, "order_id");
    assert!(
        order_id_format_ok(marketplace, id),
        "{marketplace} order id {id}"
    );
    let placed = time(o, "placed_at");
    assert!(
        placed < START && placed > START - 91 * 86_400,
        "placed_at {placed}"
    );
    let fulfillment = s(o, "fulfillment");
    if marketplace.starts_with("amazon.") {
        assert!(matches!(fulfillment, "FBA" | "FBM"), "{fulfillment}");
    } else {
        assert_eq!(fulfillment, "merchant");
    }
    let buyer = &o["buyer"];
    assert!(buyer["email"].as_str().is_some_and(|e| e.contains('@')));
    assert!(buyer["name"].is_string());
    let addr = &o["shipping_address"];
    for k in ["name", "line1", "city", "postal_code", "country"] {
        assert!(!s(addr, k).trim().is_empty(), "shipping_address.{k}");
    }
    assert_eq!(s(addr, "country").len(), 2);
    let items = o["items"]
        .as_array()
        .unwrap_or_else(|| panic!("items: {o}"));
    assert!(!items.is_empty());
    for it in items {
        assert!(!s(it, "sku").is_empty() && !s(it, "title").is_empty());
        assert!(it["quantity"].as_u64().is_some_and(|q| q >= 1));
        money(&it["price"], "price");
    }
    money(&o["total"], "total");
    for sh in o["shipments"]
        .as_array()
        .unwrap_or_else(|| panic!("shipments: {o}"))
    {
        let carrier = s(sh, "carrier");
        let number = s(sh, "tracking_number");
        assert!(tracking_is_valid(carrier, number), "{carrier} {number}");
        let shipped = time(sh, "shipped_at");
        assert!(shipped >= placed && shipped < START);
        if sh.get("delivered_at").is_some_and(|d| !d.is_null()) {
            let delivered = time(sh, "delivered_at");
            assert!(delivered > shipped && delivered < START);
        }
    }
}

fn check_message(m: &Value) {
    let channel = s(m, "channel");
    assert!(CHANNELS.contains(&channel));
    assert!(!s(m, "external_id").trim().is_empty());
    let at = time(m, "received_at");
    assert!(at < START && at > START - 100 * 86_400, "received_at");
    let direction = s(m, "direction");
    assert!(matches!(direction, "inbound" | "outbound"));
    assert!(s(&m["from"], "email").contains('@'));
    assert!(s(m, "to").contains('@'));
    assert!(!s(m, "subject").is_empty() && !s(m, "text").trim().is_empty());
    if let Some(id) = m["order_id"].as_str() {
        let marketplace = m["marketplace"].as_str().unwrap_or("shopify");
        assert!(order_id_format_ok(marketplace, id), "{marketplace} {id}");
    }
    if direction == "inbound" {
        let x = &m["x_demo"];
        assert!(
            x["intents"].as_array().is_some_and(|a| !a.is_empty()),
            "intents: {m}"
        );
        assert!(matches!(s(x, "language"), "de" | "en" | "fr" | "it" | "es"));
    }
}

fn world_lines(seed: u64, customers: u64) -> Vec<String> {
    World::new(cfg(seed, customers)).collect()
}

#[test]
fn every_line_follows_the_interchange_format() {
    let lines = world_lines(7, 1500);
    let mut ids: HashSet<(String, String)> = HashSet::new();
    let mut order_ids: HashSet<String> = HashSet::new();
    let (mut orders, mut messages) = (0, 0);
    for line in &lines {
        assert!(!line.contains('\n'));
        let v = parse(line);
        match s(&v, "type") {
            "order" => {
                check_order(&v);
                assert!(
                    order_ids.insert(s(&v, "order_id").to_string()),
                    "duplicate order id"
                );
                orders += 1;
            }
            "message" => {
                check_message(&v);
                let key = (
                    s(&v, "channel").to_string(),
                    s(&v, "external_id").to_string(),
                );
                assert!(
                    ids.insert(key),
                    "external_id repeated within its channel: {line}"
                );
                messages += 1;
            }
            other => panic!("unknown type {other}"),
        }
    }
    assert!(
        orders > 2500 && messages > 4500,
        "{orders} orders, {messages} messages"
    );
}

#[test]
fn replies_point_to_earlier_messages_of_the_same_person() {
    let mut seen: HashMap<String, (String, i64)> = HashMap::new();
    let mut replies = 0;
    for line in world_lines(3, 1000) {
        let v = parse(&line);
        if s(&v, "type") != "message" {
            continue;
        }
        let person = s(&v["x_demo"], "person").to_string();
        let at = time(&v, "received_at");
        if let Some(parent) = v["in_reply_to"].as_str() {
            let (who, when) = seen
                .get(parent)
                .unwrap_or_else(|| panic!("in_reply_to names no earlier message: {line}"));
            assert_eq!(who, &person);
            assert!(*when <= at);
            replies += 1;
        }
        seen.insert(s(&v, "external_id").to_string(), (person, at));
    }
    assert!(replies > 1000, "{replies}");
}

#[test]
fn same_config_same_bytes_other_seed_other_world() {
    let hash = |seed: u64| {
        let mut out = Vec::new();
        let stats = write_world(&cfg(seed, 300), &mut out).unwrap_or_default();
        (out, stats)
    };
    let (a, sa) = hash(42);
    let (b, sb) = hash(42);
    let (c, _) = hash(43);
    assert_eq!(a, b);
    assert_eq!(sa, sb);
    assert_ne!(a, c);
    // The iterator and the writer agree.
    let joined: String = World::new(cfg(42, 300)).map(|l| l + "\n").collect();
    assert_eq!(joined.as_bytes(), &a[..]);
    assert_eq!(sa.customers, 300);
}

#[test]
fn streams_in_bounded_memory() {
    let mut world = World::new(cfg(9, 40_000));
    let mut records = 0u64;
    let mut most_buffered = 0;
    let mut bytes = 0usize;
    while let Some(line) = world.next() {
        records += 1;
        bytes += line.len();
        most_buffered = most_buffered.max(world.buffered());
        if records >= 200_000 {
            break;
        }
    }
    assert_eq!(records, 200_000);
    // A customer's block plus a handful of held-back orders, never the world.
    assert!(most_buffered < 400, "{most_buffered} records held at once");
    let peak_kb = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|n| n.parse::<u64>().ok())
            })
        });
    eprintln!(
        "200000 records ({} MB of JSON) streamed; at most {most_buffered} buffered; process peak {} MB",
        bytes / 1_000_000,
        peak_kb.map_or("?".into(), |k| (k / 1024).to_string())
    );
    if let Some(kb) = peak_kb {
        assert!(kb < 100 * 1024, "peak resident memory {kb} kB");
    }
}

#[test]
fn intents_languages_and_channels_are_sensible() {
    let mut intents: HashMap<String, u64> = HashMap::new();
    let mut langs: HashMap<String, u64> = HashMap::new();
    let mut channels: HashMap<String, u64> = HashMap::new();
    let mut signals: HashMap<String, u64> = HashMap::new();
    let (mut inbound, mut outbound, mut customers_seen) = (0u64, 0u64, HashSet::new());
    for line in world_lines(11, 3000) {
        let v = parse(&line);
        customers_seen.insert(s(&v["x_demo"], "person").to_string());
        if s(&v, "type") != "message" {
            continue;
        }
        if s(&v, "direction") == "outbound" {
            outbound += 1;
            continue;
        }
        inbound += 1;
        let x = &v["x_demo"];
        for i in x["intents"].as_array().into_iter().flatten() {
            *intents
                .entry(i.as_str().unwrap_or("?").to_string())
                .or_default() += 1;
        }
        for sig in x["signals"].as_array().into_iter().flatten() {
            *signals
                .entry(sig.as_str().unwrap_or("?").to_string())
                .or_default() += 1;
        }
        *langs.entry(s(x, "language").to_string()).or_default() += 1;
        *channels.entry(s(&v, "channel").to_string()).or_default() += 1;
    }
    let table = |title: &str, m: &HashMap<String, u64>, total: u64| {
        let mut rows: Vec<_> = m.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        eprintln!("{title}");
        for (k, v) in rows {
            eprintln!(
                "  {k:<26} {v:>6} {:>5.1}%",
                100.0 * *v as f64 / total as f64
            );
        }
    };
    let intent_total: u64 = intents.values().sum();
    table("intents", &intents, intent_total);
    table("languages", &langs, inbound);
    table("channels", &channels, inbound);
    table("signals (share of customer messages)", &signals, inbound);
    eprintln!(
        "{inbound} customer messages, {outbound} answers, {:.2} messages per customer",
        (inbound + outbound) as f64 / customers_seen.len() as f64
    );
    let share = |k: &str| *intents.get(k).unwrap_or(&0) as f64 / intent_total as f64;
    for label in [
        "tracking",
        "not_received",
        "damaged",
        "wrong_item",
        "return",
        "refund",
        "cancellation",
        "address_change",
        "order_change",
        "invoice",
        "product_question",
        "assembly",
        "warranty",
        "payment",
        "feedback",
        "complaint",
        "other",
    ] {
        assert!(share(label) > 0.004, "{label} too rare");
    }
    assert!(
        intents.iter().all(|(_, v)| *v <= intents["tracking"]),
        "tracking leads"
    );
    assert!(share("tracking") > 0.12 && share("tracking") < 0.35);
    for lang in ["de", "en", "fr", "it", "es"] {
        let l = *langs.get(lang).unwrap_or(&0) as f64 / inbound as f64;
        assert!(l > 0.04, "{lang} {l}");
    }
    assert!(langs["de"] > langs["fr"] && langs["en"] > langs["es"]);
    for ch in CHANNELS {
        assert!(channels.get(ch).is_some_and(|n| *n > 50), "{ch}");
    }
    assert!(
        outbound as f64 > 0.6 * inbound as f64,
        "most messages are answered"
    );
    let threat = signals.get("a_to_z_threat").copied().unwrap_or(0) as f64 / inbound as f64;
    assert!(threat > 0.002 && threat < 0.08, "{threat}");
}

#[test]
fn repeats_point_to_an_earlier_message_of_the_same_person() {
    let mut by_id: HashMap<String, (String, i64, String, Option<String>)> = HashMap::new();
    let mut repeats = 0;
    let mut cross_channel = 0;
    for line in world_lines(5, 2000) {
        let v = parse(&line);
        if s(&v, "type") != "message" {
            continue;
        }
        let x = &v["x_demo"];
        let person = s(x, "person").to_string();
        let at = time(&v, "received_at");
        let channel = s(&v, "channel").to_string();
        if let Some(orig) = x["repeats"].as_str() {
            let (who, when, orig_channel, orig_thread) = by_id
                .get(orig)
                .unwrap_or_else(|| panic!("repeats unknown {orig}: {line}"));
            assert_eq!(who, &person, "a repeat is by the same person");
            assert!(*when < at, "a repeat comes later");
            assert!(v["in_reply_to"].is_null(), "a repeat opens a new thread");
            let thread = v["thread_id"].as_str().map(str::to_string);
            assert!(
                orig_channel != &channel || orig_thread != &thread || thread.is_none(),
                "a repeat is not in the original thread"
            );
            assert!(
                x["signals"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|s| s == "repeat_contact")),
                "{line}"
            );
            if orig_channel != &channel {
                cross_channel += 1;
            }
            repeats += 1;
        }
        by_id.insert(
            s(&v, "external_id").to_string(),
            (
                person,
                at,
                channel,
                v["thread_id"].as_str().map(str::to_string),
            ),
        );
    }
    assert!(repeats > 100, "{repeats}");
    assert!(cross_channel * 2 > repeats, "most repeats change channel");
}

/// The ground truth of duplicates: a new issue about an order is a new question (the same
/// question again is labelled as a repeat), and the hard negatives an evaluation needs are there:
/// the same order with another question, and other orders with the same question.
#[test]
fn separate_issues_about_one_order_ask_different_things() {
    // (person, order) -> intents of each new issue; person -> (time, order, intents).
    let mut asked: HashMap<(String, String), Vec<HashSet<String>>> = HashMap::new();
    let mut issues: HashMap<String, Vec<(i64, String, HashSet<String>)>> = HashMap::new();
    for line in world_lines(7, 3000) {
        let v = parse(&line);
        if s(&v, "type") != "message" || s(&v, "direction") != "inbound" {
            continue;
        }
        let x = &v["x_demo"];
        if !x["repeats"].is_null() || !v["in_reply_to"].is_null() {
            continue;
        }
        let Some(order) = x["order"].as_str() else {
            continue;
        };
        let intents: HashSet<String> = x["intents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i.as_str())
            .filter(|i| *i != "other")
            .map(str::to_string)
            .collect();
        let person = s(x, "person").to_string();
        asked
            .entry((person.clone(), order.to_string()))
            .or_default()
            .push(intents.clone());
        issues.entry(person).or_default().push((
            time(&v, "received_at"),
            order.to_string(),
            intents,
        ));
    }
    let mut same_order_other_question = 0;
    for ((_, order), list) in &asked {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                assert!(a.is_disjoint(b), "order {order}: {a:?} then {b:?}");
                same_order_other_question += 1;
            }
        }
    }
    let mut other_order_same_question = 0;
    for list in issues.values() {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if a.1 != b.1 && (a.0 - b.0).abs() < 3 * 86_400 && !a.2.is_disjoint(&b.2) {
                    other_order_same_question += 1;
                }
            }
        }
    }
    assert!(
        same_order_other_question > 100,
        "{same_order_other_question}"
    );
    assert!(
        other_order_same_question > 10,
        "{other_order_same_question}"
    );
}

#[test]
fn some_messages_come_before_their_order_and_emails_name_orders_in_text() {
    let mut orders_seen: HashSet<String> = HashSet::new();
    let (mut about_order, mut before_order, mut named_in_text) = (0, 0, 0);
    for line in world_lines(13, 2000) {
        let v = parse(&line);
        if s(&v, "type") == "order" {
            orders_seen.insert(s(&v, "order_id").to_string());
            continue;
        }
        if s(&v, "direction") != "inbound" {
            continue;
        }
        let Some(order) = v["x_demo"]["order"].as_str() else {
            continue;
        };
        about_order += 1;
        if !orders_seen.contains(order) {
            before_order += 1;
        }
        if v["order_id"].is_null() && s(&v, "channel") == "email" && s(&v, "text").contains(order) {
            named_in_text += 1;
        }
    }
    let share = before_order as f64 / about_order as f64;
    eprintln!(
        "{before_order} of {about_order} order messages precede their order ({:.1}%)",
        share * 100.0
    );
    assert!(share > 0.005 && share < 0.12, "{share}");
    assert!(named_in_text > 100, "{named_in_text}");
}

#[test]
fn the_last_two_days_are_unanswered_and_history_is_answered() {
    let mut answered: HashSet<String> = HashSet::new();
    let mut inbound: Vec<(String, i64)> = Vec::new();
    for line in world_lines(17, 1500) {
        let v = parse(&line);
        if s(&v, "type") != "message" {
            continue;
        }
        if s(&v, "direction") == "outbound" {
            if let Some(p) = v["in_reply_to"].as_str() {
                answered.insert(p.to_string());
            }
        } else {
            inbound.push((s(&v, "external_id").to_string(), time(&v, "received_at")));
        }
    }
    let recent: Vec<_> = inbound
        .iter()
        .filter(|(_, t)| *t >= START - 2 * 86_400)
        .collect();
    let old: Vec<_> = inbound
        .iter()
        .filter(|(_, t)| *t < START - 3 * 86_400)
        .collect();
    assert!(recent.len() > 50, "a full inbox: {}", recent.len());
    assert!(recent.iter().all(|(id, _)| !answered.contains(id)));
    let old_answered = old.iter().filter(|(id, _)| answered.contains(id)).count();
    assert!(
        old_answered as f64 > 0.8 * old.len() as f64,
        "{old_answered} of {}",
        old.len()
    );
}

#[test]
fn customers_have_several_identities_and_lookalikes_stay_distinct() {
    // person → (emails used, names written)
    let mut emails: HashMap<String, HashSet<String>> = HashMap::new();
    let mut addresses: HashMap<(String, String), HashSet<String>> = HashMap::new();
    for line in world_lines(21, 3000) {
        let v = parse(&line);
        if s(&v, "type") != "order" {
            continue;
        }
        let person = s(&v["x_demo"], "person").to_string();
        emails
            .entry(person.clone())
            .or_default()
            .insert(s(&v["buyer"], "email").to_string());
        let a = &v["shipping_address"];
        let key = (
            s(a, "postal_code").replace(' ', ""),
            s(a, "country").to_string(),
        );
        let house: String = s(a, "line1").chars().filter(char::is_ascii_digit).collect();
        addresses
            .entry((key.0 + "|" + &house, key.1))
            .or_default()
            .insert(person);
    }
    let multi = emails.values().filter(|e| e.len() >= 2).count();
    assert!(
        multi as f64 > 0.15 * emails.len() as f64,
        "{multi} of {}",
        emails.len()
    );
    // People sharing an address (spouses) exist and keep their own person ids.
    let shared = addresses.values().filter(|p| p.len() >= 2).count();
    assert!(shared > 20, "{shared}");
}

#[test]
fn live_feed_messages_are_new_valid_and_deterministic() {
    let run = || {
        let mut feed = LiveFeed::with_start(4, 500, START);
        (0..300)
            .map(|i| feed.next_message(START + 60 + i * 7))
            .collect::<Vec<_>>()
    };
    let a = run();
    assert_eq!(a, run());
    let world_ids: HashSet<String> = World::new(cfg(4, 500))
        .map(|l| parse(&l))
        .filter(|v| s(v, "type") == "message")
        .map(|v| s(&v, "external_id").to_string())
        .collect();
    let mut ids = HashSet::new();
    let mut repeats = 0;
    let mut about_orders = 0;
    for (i, line) in a.iter().enumerate() {
        let v = parse(line);
        assert_eq!(s(&v, "type"), "message");
        assert_eq!(s(&v, "direction"), "inbound");
        assert_eq!(time(&v, "received_at"), START + 60 + i as i64 * 7);
        let id = s(&v, "external_id").to_string();
        assert!(!world_ids.contains(&id), "live ids are new");
        assert!(
            ids.insert(id.clone()),
            "live ids are unique: {id} in {line}"
        );
        let x = &v["x_demo"];
        let person: u64 = s(x, "person")[1..].parse().unwrap_or(u64::MAX);
        assert!(person < 500, "an existing customer");
        if let Some(orig) = x["repeats"].as_str() {
            assert!(
                world_ids.contains(orig) || ids.contains(orig),
                "repeats a known message"
            );
            repeats += 1;
        }
        if x["order"].is_string() {
            about_orders += 1;
        }
        if let Some(oid) = v["order_id"].as_str() {
            let marketplace = v["marketplace"].as_str().unwrap_or("shopify");
            assert!(order_id_format_ok(marketplace, oid));
        }
    }
    assert!(repeats > 10, "{repeats}");
    assert!(about_orders > 150, "{about_orders}");
}
