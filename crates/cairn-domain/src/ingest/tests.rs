//! Table-style tests of the ingest rules over an in-memory world that applies [`Changes`] the way
//! storage does and hands back everything as the snapshot.

use super::*;
use crate::IdBlock;
use crate::records::parse_record;

#[derive(Default)]
struct World {
    messages: Vec<MessageRow>,
    identities: HashMap<IdentityId, IdentityRow>,
    links: Vec<LinkRow>,
    customers: HashMap<CustomerId, CustomerRow>,
    orders: HashMap<OrderId, OrderRow>,
    thread_keys: HashMap<(Channel, String), TicketId>,
    tickets: HashMap<TicketId, TicketRow>,
    events: Vec<EventRow>,
    head: String,
    ids: Option<IdBlock>,
}

impl World {
    fn new() -> Self {
        World {
            head: crate::events::GENESIS.to_string(),
            ids: Some(IdBlock::new(1000, 1_000_000)),
            ..World::default()
        }
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            messages: self
                .messages
                .iter()
                .map(|m| (m.channel, m.external_id.clone(), m.id, m.ticket_id))
                .collect(),
            identities: self.identities.values().cloned().collect(),
            links: self
                .links
                .iter()
                .filter(|l| l.removed_at.is_none())
                .map(|l| (l.a, l.b))
                .collect(),
            customers: self.customers.values().cloned().collect(),
            orders: self.orders.values().cloned().collect(),
            thread_keys: self
                .thread_keys
                .iter()
                .map(|((c, k), t)| (*c, k.clone(), *t))
                .collect(),
            tickets: self.tickets.values().cloned().collect(),
            event_head: self.head.clone(),
        }
    }

    fn apply(&mut self, changes: Changes) {
        for c in changes.customers {
            self.customers.insert(c.id, c);
        }
        for i in changes.identities {
            self.identities.insert(i.id, i);
        }
        self.links.extend(changes.links);
        for o in changes.orders {
            self.orders.insert(o.id, o);
        }
        for t in changes.tickets {
            self.tickets.insert(t.id, t);
        }
        self.messages.extend(changes.messages);
        for (c, k, t) in changes.thread_keys {
            self.thread_keys.insert((c, k), t);
        }
        for (from, into) in changes.customer_merges {
            for i in self.identities.values_mut() {
                if i.customer_id == from {
                    i.customer_id = into;
                }
            }
            for o in self.orders.values_mut() {
                if o.customer_id == from {
                    o.customer_id = into;
                }
            }
            for t in self.tickets.values_mut() {
                if t.customer_id == from {
                    t.customer_id = into;
                }
            }
        }
        self.events.extend(changes.events);
        self.head = changes.event_head;
    }

    /// Imports lines as one batch; returns each line's outcome.
    fn import(&mut self, lines: &[String]) -> Vec<Result<Outcome, String>> {
        let rules = IngestRules::default();
        let mut ids = self.ids.take().unwrap_or_else(|| IdBlock::new(1, 1));
        let snapshot = self.snapshot();
        let now: Timestamp = "2026-11-24T12:00:00Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let mut planner = Planner::new(snapshot, &rules, &mut ids, now);
        let outcomes = lines
            .iter()
            .map(|l| {
                let rec = parse_record(l).map_err(|e| e.0)?;
                planner.apply(&rec).map_err(|e| e.0)
            })
            .collect();
        let changes = planner.finish();
        self.apply(changes);
        self.ids = Some(ids);
        outcomes
    }

    /// Imports each line as its own batch, as a live mailbox would.
    fn import_one_by_one(&mut self, lines: &[String]) -> Vec<Result<Outcome, String>> {
        lines
            .iter()
            .flat_map(|l| self.import(std::slice::from_ref(l)))
            .collect()
    }

    fn customer_of_key(&self, kind: IdentityKind, value: &str) -> Option<CustomerId> {
        self.identities
            .values()
            .find(|i| i.kind == kind && i.value == value)
            .map(|i| i.customer_id)
    }

    fn ticket_of(&self, external_id: &str) -> Option<TicketId> {
        self.messages
            .iter()
            .find(|m| m.external_id == external_id)
            .map(|m| m.ticket_id)
    }

    fn live_customers(&self) -> usize {
        self.customers
            .values()
            .filter(|c| c.merged_into.is_none())
            .count()
    }
}

fn msg(ext: &str, from: &str, at: &str, subject: &str, text: &str) -> serde_json::Value {
    json!({"type":"message","channel":"amazon","marketplace":"amazon.de","external_id":ext,
           "received_at":at,"direction":"inbound","from":{"email":from,"name":"Jana Schmidt"},
           "to":"shop@example.com","subject":subject,"text":text})
}

fn order(id: &str, email: &str, name: &str, line1: &str, postal: &str) -> serde_json::Value {
    json!({"type":"order","channel":"amazon","marketplace":"amazon.de","order_id":id,
           "placed_at":"2026-11-02T09:12:00Z","fulfillment":"FBM",
           "buyer":{"email":email,"name":name},
           "shipping_address":{"name":name,"line1":line1,"city":"München","postal_code":postal,"country":"DE"},
           "items":[{"sku":"LAMP-01","title":"Tischlampe","quantity":1,"price":{"amount":"49.90","currency":"EUR"}}],
           "total":{"amount":"49.90","currency":"EUR"},"shipments":[]})
}

fn lines(values: &[serde_json::Value]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

const ALIAS: &str = "k3x9@marketplace.amazon.de";

#[test]
fn reimport_changes_nothing() {
    let records = lines(&[
        order(
            "302-4417789-6651234",
            ALIAS,
            "Jana Schmidt",
            "Lindenstr. 12",
            "80331",
        ),
        msg(
            "<a1@x>",
            ALIAS,
            "2026-11-10T08:01:00Z",
            "Frage zu 302-4417789-6651234",
            "Wo ist mein Paket?",
        ),
    ]);
    let mut w = World::new();
    assert_eq!(
        w.import(&records),
        vec![Ok(Outcome::Imported), Ok(Outcome::Imported)]
    );
    let (events, messages, tickets) = (w.events.len(), w.messages.len(), w.tickets.len());
    assert_eq!(
        w.import(&records),
        vec![Ok(Outcome::Duplicate), Ok(Outcome::Duplicate)]
    );
    assert_eq!(
        (w.events.len(), w.messages.len(), w.tickets.len()),
        (events, messages, tickets)
    );
    // Duplicates inside one batch count once as well.
    let mut w2 = World::new();
    let twice: Vec<String> = records.iter().chain(records.iter()).cloned().collect();
    let outcomes = w2.import(&twice);
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| **o == Ok(Outcome::Duplicate))
            .count(),
        2
    );
}

#[test]
fn order_with_new_data_is_updated() {
    let mut w = World::new();
    let mut o = order(
        "302-4417789-6651234",
        ALIAS,
        "Jana Schmidt",
        "Lindenstr. 12",
        "80331",
    );
    w.import(&lines(&[o.clone()]));
    o["shipments"] = json!([{"carrier":"dhl","tracking_number":"00340434161094042557","shipped_at":"2026-11-03T15:00:00Z"}]);
    assert_eq!(w.import(&lines(&[o.clone()])), vec![Ok(Outcome::Updated)]);
    assert_eq!(w.orders.len(), 1);
    let stored = w.orders.values().next().map(|o| o.shipments.len());
    assert_eq!(stored, Some(1));
    assert_eq!(w.import(&lines(&[o])), vec![Ok(Outcome::Duplicate)]);
}

#[test]
fn threading_table() {
    // (description, records, pairs of external ids expected in the same ticket, pairs expected apart)
    type Case = (
        &'static str,
        Vec<serde_json::Value>,
        Vec<(&'static str, &'static str)>,
        Vec<(&'static str, &'static str)>,
    );
    let mut reply = msg(
        "<b@x>",
        "jana@example.de",
        "2026-11-10T09:00:00Z",
        "Re: Lampe",
        "Und?",
    );
    reply["channel"] = json!("email");
    reply["in_reply_to"] = json!("<a@x>");
    let mut first_mail = msg(
        "<a@x>",
        "jana@example.de",
        "2026-11-10T08:00:00Z",
        "Lampe",
        "Hallo",
    );
    first_mail["channel"] = json!("email");
    let mut unrelated = msg(
        "<c@x>",
        "jana@example.de",
        "2026-11-10T10:00:00Z",
        "Andere Frage",
        "Neue Frage",
    );
    unrelated["channel"] = json!("email");
    let mut t1 = msg("m1", "buyer1", "2026-11-10T08:00:00Z", "Frage", "Hallo");
    t1["channel"] = json!("ebay");
    t1["thread_id"] = json!("conv-7");
    t1["from"] = json!({"name":"buyer1"});
    let mut t2 = t1.clone();
    t2["external_id"] = json!("m2");
    t2["received_at"] = json!("2026-11-11T08:00:00Z");
    let cases: Vec<Case> = vec![
        (
            "In-Reply-To joins",
            vec![first_mail.clone(), reply.clone()],
            vec![("<a@x>", "<b@x>")],
            vec![],
        ),
        (
            "a new subject without reference opens a new ticket",
            vec![first_mail.clone(), unrelated],
            vec![],
            vec![("<a@x>", "<c@x>")],
        ),
        (
            "same thread id joins",
            vec![t1, t2],
            vec![("m1", "m2")],
            vec![],
        ),
        (
            "same relay sender, same order joins",
            vec![
                msg(
                    "r1",
                    ALIAS,
                    "2026-11-10T08:00:00Z",
                    "Bestellung 302-4417789-6651234",
                    "Wo?",
                ),
                msg(
                    "r2",
                    ALIAS,
                    "2026-11-10T20:00:00Z",
                    "Nochmal",
                    "Immer noch nichts zu 302-4417789-6651234",
                ),
            ],
            vec![("r1", "r2")],
            vec![],
        ),
        (
            "same relay sender, another order is another ticket",
            vec![
                msg(
                    "r1",
                    ALIAS,
                    "2026-11-10T08:00:00Z",
                    "Bestellung 302-4417789-6651234",
                    "Wo?",
                ),
                msg(
                    "r3",
                    ALIAS,
                    "2026-11-10T20:00:00Z",
                    "Bestellung 302-1111111-2222222",
                    "Kaputt",
                ),
            ],
            vec![],
            vec![("r1", "r3")],
        ),
    ];
    for (name, records, together, apart) in cases {
        for batched in [true, false] {
            let mut w = World::new();
            let ls = lines(&records);
            let outcomes = if batched {
                w.import(&ls)
            } else {
                w.import_one_by_one(&ls)
            };
            assert!(outcomes.iter().all(Result::is_ok), "{name}: {outcomes:?}");
            for (a, b) in &together {
                assert_eq!(
                    w.ticket_of(a),
                    w.ticket_of(b),
                    "{name}: {a} and {b} should share a ticket"
                );
            }
            for (a, b) in &apart {
                assert_ne!(
                    w.ticket_of(a),
                    w.ticket_of(b),
                    "{name}: {a} and {b} should be apart"
                );
            }
        }
    }
}

fn answer(ext: &str, at: &str, irt: &str) -> serde_json::Value {
    json!({"type":"message","channel":"amazon","marketplace":"amazon.de","external_id":ext,
           "received_at":at,"direction":"outbound","from":{"email":"shop@example.com"},
           "to":ALIAS,"in_reply_to":irt,"subject":"Re","text":"Ihr Paket kommt morgen."})
}

#[test]
fn reopen_within_seven_days_else_new_ticket() {
    for (follow_up_at, same_ticket) in [
        ("2026-11-12T08:00:00Z", true),
        ("2026-11-17T08:59:00Z", true),
        ("2026-11-17T09:01:00Z", false),
        ("2026-12-20T08:00:00Z", false),
    ] {
        let mut w = World::new();
        let mut follow = msg(
            "r2",
            ALIAS,
            follow_up_at,
            "Re: Bestellung",
            "Doch nicht angekommen",
        );
        follow["in_reply_to"] = json!("out1");
        let records = lines(&[
            msg(
                "r1",
                ALIAS,
                "2026-11-10T08:00:00Z",
                "Bestellung 302-4417789-6651234",
                "Wo?",
            ),
            answer("out1", "2026-11-10T09:00:00Z", "r1"),
            follow,
        ]);
        assert!(w.import_one_by_one(&records).iter().all(Result::is_ok));
        let t1 = w.ticket_of("r1");
        assert_eq!(w.ticket_of("out1"), t1);
        assert_eq!(
            w.ticket_of("r2") == t1,
            same_ticket,
            "follow-up at {follow_up_at}"
        );
        let latest = w
            .ticket_of("r2")
            .and_then(|t| w.tickets.get(&t))
            .map(|t| t.status);
        assert_eq!(latest, Some(TicketStatus::Open));
    }
}

#[test]
fn answer_sets_first_response_and_pending() {
    let mut w = World::new();
    w.import_one_by_one(&lines(&[
        msg("r1", ALIAS, "2026-11-10T08:00:00Z", "Frage", "Wo?"),
        answer("out1", "2026-11-10T09:30:00Z", "r1"),
    ]));
    let t = w.ticket_of("r1").and_then(|t| w.tickets.get(&t)).cloned();
    let t = t.unwrap_or_else(|| panic!("ticket exists"));
    assert_eq!(t.status, TicketStatus::Pending);
    assert_eq!(t.first_response_due_at, "2026-11-11T08:00:00Z".parse().ok());
    assert_eq!(t.first_responded_at, "2026-11-10T09:30:00Z".parse().ok());
    assert_eq!(t.response_due_at, None);
    assert_eq!(t.message_count, 2);
}

#[test]
fn email_naming_an_amazon_order_joins_the_buyer() {
    // The personal email names the order; the order's buyer is the anonymous relay alias.
    for order_first in [true, false] {
        let o = order(
            "302-4417789-6651234",
            ALIAS,
            "Jana Schmidt",
            "Lindenstr. 12",
            "80331",
        );
        let mut mail = msg(
            "<e1@x>",
            "Jana.Schmidt@Example.de",
            "2026-11-11T08:00:00Z",
            "Meine Bestellung",
            "Es geht um 302-4417789-6651234, bitte melden.",
        );
        mail["channel"] = json!("email");
        let records = if order_first {
            vec![o, mail]
        } else {
            vec![mail, o]
        };
        let mut w = World::new();
        w.import_one_by_one(&lines(&records));
        let a = w.customer_of_key(IdentityKind::AmazonAlias, ALIAS);
        let b = w.customer_of_key(IdentityKind::Email, "jana.schmidt@example.de");
        assert!(a.is_some());
        assert_eq!(a, b, "order first: {order_first}");
        assert_eq!(w.live_customers(), 1);
        // The ticket follows the customer.
        let t = w
            .ticket_of("<e1@x>")
            .and_then(|t| w.tickets.get(&t))
            .map(|t| t.customer_id);
        assert_eq!(t, a);
        assert!(
            w.links
                .iter()
                .any(|l| l.evidence == Evidence::MentionsOrder)
        );
    }
}

#[test]
fn name_and_address_join_marketplaces_but_not_lookalikes() {
    let de = order(
        "302-1000000-0000001",
        "a1@marketplace.amazon.de",
        "Jana Schmidt",
        "Lindenstraße 12",
        "80331",
    );
    let mut fr = order(
        "402-1000000-0000002",
        "b2@marketplace.amazon.fr",
        "Schmidt, Jana",
        "Lindenstr. 12",
        "80331",
    );
    fr["marketplace"] = json!("amazon.fr");
    // Her husband at the same address, and a namesake in Berlin.
    let husband = order(
        "302-1000000-0000003",
        "c3@marketplace.amazon.de",
        "Paul Schmidt",
        "Lindenstr. 12",
        "80331",
    );
    let namesake = order(
        "302-1000000-0000004",
        "d4@marketplace.amazon.de",
        "Jana Schmidt",
        "Hauptstraße 3",
        "10115",
    );
    let mut w = World::new();
    w.import(&lines(&[de, fr, husband, namesake]));
    let jana_de = w.customer_of_key(IdentityKind::AmazonAlias, "a1@marketplace.amazon.de");
    let jana_fr = w.customer_of_key(IdentityKind::AmazonAlias, "b2@marketplace.amazon.fr");
    let paul = w.customer_of_key(IdentityKind::AmazonAlias, "c3@marketplace.amazon.de");
    let berlin = w.customer_of_key(IdentityKind::AmazonAlias, "d4@marketplace.amazon.de");
    assert_eq!(jana_de, jana_fr);
    assert_ne!(jana_de, paul);
    assert_ne!(jana_de, berlin);
    assert_eq!(w.live_customers(), 3);
}

#[test]
fn phone_numbers_link_in_e164() {
    let mut a = order(
        "#1001",
        "jana@example.de",
        "Jana Schmidt",
        "Lindenstr. 12",
        "80331",
    );
    a["channel"] = json!("shopify");
    a["buyer"]["phone"] = json!("089 1234567");
    let mut b = order(
        "12-34567-89012",
        "jana-ebay@members.ebay.de",
        "J. S.",
        "Packstation 5",
        "80000",
    );
    b["channel"] = json!("ebay");
    b["marketplace"] = json!("ebay.de");
    b["buyer"]["phone"] = json!("+49 89 1234567");
    let mut w = World::new();
    w.import(&lines(&[a, b]));
    assert_eq!(w.live_customers(), 1);
    assert!(
        w.customer_of_key(IdentityKind::Phone, "+49891234567")
            .is_some()
    );
}

#[test]
fn amazon_deadline_is_24_hours_around_the_clock() {
    let mut w = World::new();
    w.import(&lines(&[msg(
        "r1",
        ALIAS,
        "2026-11-21T22:30:00Z",
        "Frage",
        "Samstagnacht",
    )]));
    let t = w.tickets.values().next().cloned();
    assert_eq!(
        t.and_then(|t| t.first_response_due_at),
        "2026-11-22T22:30:00Z".parse().ok()
    );
}

#[test]
fn bad_records_are_refused_without_harm() {
    let mut w = World::new();
    let mut bad_sender = msg("r1", "not-an-address", "2026-11-21T22:30:00Z", "Frage", "x");
    bad_sender["channel"] = json!("email");
    let mut orphan_answer = answer("o1", "2026-11-21T22:30:00Z", "nothing");
    orphan_answer["to"] = serde_json::Value::Null;
    let good = msg("r2", ALIAS, "2026-11-21T22:30:00Z", "Frage", "x");
    let outcomes = w.import(&lines(&[bad_sender, orphan_answer, good]));
    assert!(
        outcomes[0]
            .as_ref()
            .is_err_and(|e| e.contains("not an email address"))
    );
    assert!(
        outcomes[1]
            .as_ref()
            .is_err_and(|e| e.contains("no `to` address"))
    );
    assert_eq!(outcomes[2], Ok(Outcome::Imported));
    assert_eq!(w.messages.len(), 1);
}

#[test]
fn event_chain_verifies_and_detects_tampering() {
    let mut w = World::new();
    w.import(&lines(&[
        order(
            "302-4417789-6651234",
            ALIAS,
            "Jana Schmidt",
            "Lindenstr. 12",
            "80331",
        ),
        msg(
            "r1",
            ALIAS,
            "2026-11-10T08:00:00Z",
            "Frage 302-4417789-6651234",
            "Wo?",
        ),
    ]));
    w.import(&lines(&[answer("out1", "2026-11-10T09:30:00Z", "r1")]));
    assert_eq!(
        crate::events::verify_chain(crate::events::GENESIS, &w.events),
        Ok(w.head.clone())
    );
    let mut tampered = w.events.clone();
    tampered[1].data = json!({"changed": true});
    assert_eq!(
        crate::events::verify_chain(crate::events::GENESIS, &tampered),
        Err(1)
    );
}

#[test]
fn components_after_unlink() {
    let ids: Vec<IdentityId> = (1..=5).map(IdentityId).collect();
    let links = vec![(ids[0], ids[1]), (ids[1], ids[2]), (ids[3], ids[4])];
    let groups = identity_components(&ids, &links, ids[2]);
    assert_eq!(
        groups,
        vec![vec![ids[0], ids[1], ids[2]], vec![ids[3], ids[4]]]
    );
}

#[test]
fn tickets_learn_language_intents_and_signals() {
    let mut w = World::new();
    w.import_one_by_one(&lines(&[
        msg(
            "r1",
            ALIAS,
            "2026-11-10T08:00:00Z",
            "Bestellung 302-4417789-6651234",
            "Hallo, wo ist mein Paket?",
        ),
        msg(
            "r2",
            ALIAS,
            "2026-11-10T20:00:00Z",
            "Bestellung 302-4417789-6651234",
            "Immer noch nichts! Wenn das nicht bald kommt, gebe ich eine negative Bewertung ab.",
        ),
    ]));
    let t = w.ticket_of("r1").and_then(|t| w.tickets.get(&t)).cloned();
    let t = t.unwrap_or_else(|| panic!("ticket"));
    assert_eq!(t.language.as_deref(), Some("de"));
    assert!(
        t.intents.contains(&"tracking".to_string()),
        "{:?}",
        t.intents
    );
    assert!(
        t.signals.contains(&"negative_feedback_threat".to_string()),
        "{:?}",
        t.signals
    );
}

#[test]
fn a_repeat_on_another_channel_is_flagged_at_once_or_when_the_link_appears() {
    // Amazon message first, then an email naming the same order: flagged at once (the email is
    // linked through the order). The email without order number but the same question is
    // flagged once the order link tells us it is the same person.
    let amazon = msg(
        "r1",
        ALIAS,
        "2026-11-10T08:00:00Z",
        "Bestellung 302-4417789-6651234",
        "Wo ist mein Paket?",
    );
    let mut email = msg(
        "<e1@x>",
        "jana@example.de",
        "2026-11-10T11:00:00Z",
        "Paket?",
        "Hallo, wo bleibt meine Bestellung 302-4417789-6651234?",
    );
    email["channel"] = json!("email");
    let o = order(
        "302-4417789-6651234",
        ALIAS,
        "Jana Schmidt",
        "Lindenstr. 12",
        "80331",
    );
    let mut w = World::new();
    w.import_one_by_one(&lines(&[o.clone(), amazon.clone(), email.clone()]));
    let first = w.ticket_of("r1");
    let second = w
        .ticket_of("<e1@x>")
        .and_then(|t| w.tickets.get(&t))
        .cloned();
    let second = second.unwrap_or_else(|| panic!("ticket"));
    assert_eq!(second.duplicate_of, first);
    assert!(
        second
            .duplicate_reasons
            .iter()
            .any(|r| r.contains("same order 302-4417789-6651234")),
        "{:?}",
        second.duplicate_reasons
    );

    // Different orders are not duplicates.
    let mut other = msg(
        "<e2@x>",
        ALIAS,
        "2026-11-10T12:00:00Z",
        "Bestellung 302-9999999-9999999",
        "Wo ist mein Paket?",
    );
    other["channel"] = json!("email");
    w.import(&lines(&[other]));
    let t = w
        .ticket_of("<e2@x>")
        .and_then(|t| w.tickets.get(&t))
        .cloned();
    assert_eq!(t.and_then(|t| t.duplicate_of), None);
}

#[test]
fn a_link_made_by_our_answer_flags_the_repeat_it_reveals() {
    // The Amazon buyer asks where order X is; three hours later an unknown address asks the same
    // without naming the order. Only our answer to the email, naming the order, shows that both
    // are one customer: the email's ticket, answered by now, is flagged as the duplicate it was
    // when it was written (the Amazon ticket still waited for an answer then).
    let o = order(
        "302-4417789-6651234",
        ALIAS,
        "Jana Schmidt",
        "Lindenstr. 12",
        "80331",
    );
    let amazon = msg(
        "r1",
        ALIAS,
        "2026-11-10T08:00:00Z",
        "Bestellung 302-4417789-6651234",
        "Wo ist mein Paket?",
    );
    let mut email = msg(
        "<e1@x>",
        "jana@example.de",
        "2026-11-10T11:00:00Z",
        "Paket?",
        "Hallo, wo ist mein Paket?",
    );
    email["channel"] = json!("email");
    email["marketplace"] = json!(null);
    let reply = json!({"type":"message","channel":"email","external_id":"<a1@shop>",
        "received_at":"2026-11-10T13:00:00Z","direction":"outbound",
        "from":{"email":"shop@example.com"},"to":"jana@example.de","in_reply_to":"<e1@x>",
        "subject":"Re: Paket?","text":"Ihre Bestellung 302-4417789-6651234 ist unterwegs."});
    let mut w = World::new();
    w.import_one_by_one(&lines(&[o, amazon, email]));
    let first = w.ticket_of("r1");
    let second = w.ticket_of("<e1@x>");
    let flag = |w: &World| {
        second
            .and_then(|t| w.tickets.get(&t))
            .map(|t| (t.duplicate_of, t.duplicate_reasons.clone()))
    };
    assert_eq!(flag(&w).map(|f| f.0), Some(None), "two customers so far");
    w.import_one_by_one(&lines(&[reply]));
    let (of, reasons) = flag(&w).unwrap_or_default();
    assert_eq!(of, first, "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.starts_with("unanswered:")),
        "{reasons:?}"
    );
    assert!(
        w.events.iter().any(|e| e.kind == "duplicate_flagged"
            && e.data["reasons"][0]["code"] == "same_order"
            && e.data["reasons"][0]["params"]["order"] == "302-4417789-6651234"),
        "the event carries the reasons with codes and values"
    );
}
