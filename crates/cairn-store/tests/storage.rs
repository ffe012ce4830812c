//! The storage suite. Every test runs on SQLite, and on PostgreSQL when `CAIRN_TEST_POSTGRES`
//! names a server (e.g. `postgres://postgres@127.0.0.1:5432/postgres`): each run there gets a
//! database of its own, dropped afterwards.

use cairn_domain::ingest::Outcome;
use cairn_domain::records::{Record, parse_record};
use cairn_domain::views::TimelineEntry;
use cairn_domain::{CustomerId, TenantId};
use cairn_store::{IngestOptions, Store, TicketQuery};
use jiff::Timestamp;
use serde_json::json;

mod common;
use common::Db;

async fn databases() -> Vec<(&'static str, Db)> {
    common::databases("cairn_test", "storage tests").await
}

fn now() -> Timestamp {
    "2026-11-10T12:00:00Z".parse().expect("time")
}

fn recs(values: &[serde_json::Value]) -> Vec<Record> {
    values
        .iter()
        .map(|v| parse_record(&v.to_string()).expect("valid record"))
        .collect()
}

const ALIAS: &str = "k3x9@marketplace.amazon.de";

fn order() -> serde_json::Value {
    json!({"type":"order","channel":"amazon","marketplace":"amazon.de","order_id":"302-4417789-6651234",
      "placed_at":"2026-11-02T09:12:00Z","fulfillment":"FBM",
      "buyer":{"email":ALIAS,"name":"Jana Schmidt","phone":null,"buyer_id":null},
      "shipping_address":{"name":"Jana Schmidt","line1":"Lindenstr. 12","city":"München","postal_code":"80331","country":"DE"},
      "items":[{"sku":"LAMP-01","title":"Tischlampe Messing","quantity":1,"price":{"amount":"49.90","currency":"EUR"}}],
      "total":{"amount":"49.90","currency":"EUR"},
      "shipments":[{"carrier":"dhl","tracking_number":"00340434161094042557","shipped_at":"2026-11-03T15:00:00Z"}]})
}

fn message(
    ext: &str,
    channel: &str,
    from: &str,
    at: &str,
    subject: &str,
    text: &str,
) -> serde_json::Value {
    json!({"type":"message","channel":channel,"external_id":ext,"received_at":at,"direction":"inbound",
      "from":{"email":from,"name":"Jana Schmidt"},"to":"shop@example.com","subject":subject,"text":text})
}

async fn ingest(store: &Store, tenant: TenantId, values: &[serde_json::Value]) -> Vec<Outcome> {
    store
        .ingest(tenant, &recs(values), &IngestOptions::default(), now())
        .await
        .expect("ingest")
        .outcomes
        .into_iter()
        .map(|o| o.expect("record accepted"))
        .collect()
}

#[tokio::test]
async fn import_is_idempotent_and_builds_one_customer() {
    for (backend, db) in databases().await {
        let store = &db.store;
        let tenant = store.ensure_tenant("shop", "Shop").await.expect("tenant");
        let world = vec![
            order(),
            message(
                "<a1@marketplace.amazon.de>",
                "amazon",
                ALIAS,
                "2026-11-10T08:01:00Z",
                "Frage zur Bestellung 302-4417789-6651234",
                "Hallo, wo ist mein Paket?",
            ),
            message(
                "<e1@mail.example.de>",
                "email",
                "Jana.Schmidt@example.de",
                "2026-11-10T09:00:00Z",
                "Paket",
                "Ich habe bei Amazon bestellt (302-4417789-6651234), wo bleibt es?",
            ),
        ];
        assert_eq!(
            ingest(store, tenant, &world).await,
            vec![Outcome::Imported; 3],
            "{backend}"
        );
        let counts = store.counts(tenant).await.expect("counts");
        assert_eq!(
            ingest(store, tenant, &world).await,
            vec![Outcome::Duplicate; 3],
            "{backend}"
        );
        assert_eq!(
            store.counts(tenant).await.expect("counts"),
            counts,
            "{backend}"
        );

        let customers = store.customers(tenant, None, 100).await.expect("customers");
        assert_eq!(customers.len(), 1, "{backend}: {customers:?}");
        let c = &customers[0];
        assert_eq!(c.name.as_deref(), Some("Jana Schmidt"));
        let kinds: Vec<&str> = c.identities.iter().map(|i| i.kind).collect();
        assert!(
            kinds.contains(&"amazon_alias") && kinds.contains(&"email"),
            "{backend}: {kinds:?}"
        );
        assert_eq!(c.order_ids, vec!["302-4417789-6651234".to_string()]);
        assert_eq!(c.ticket_ids.len(), 2, "{backend}: one ticket per channel");

        let tickets = store
            .tickets(tenant, &TicketQuery::unresolved(50), now())
            .await
            .expect("tickets");
        assert_eq!(tickets.len(), 2);
        // The Amazon ticket is due 24 hours from 08:01. (Which ticket leads the queue depends
        // on the risk of each, tested with the risk rules.)
        let amazon = tickets
            .iter()
            .find(|t| t.channel == "amazon")
            .expect("the Amazon ticket");
        assert_eq!(
            amazon.sla.first_response_due_at,
            "2026-11-11T08:01:00Z".parse().ok()
        );
        assert_eq!(amazon.order_ids, vec!["302-4417789-6651234".to_string()]);
        assert_eq!(
            amazon.message_external_ids,
            vec!["<a1@marketplace.amazon.de>".to_string()]
        );
        assert!(
            store
                .verify_events(tenant)
                .await
                .expect("verify")
                .is_ok_and(|n| n >= 5),
            "{backend}"
        );
        db.cleanup().await;
    }
}

#[tokio::test]
async fn history_is_unified_and_oldest_first() {
    for (backend, db) in databases().await {
        let store = &db.store;
        let tenant = store.ensure_tenant("shop", "Shop").await.expect("tenant");
        // The email comes before the order arrives: the link is made when the order does.
        ingest(
            store,
            tenant,
            &[message(
                "<e1@x>",
                "email",
                "jana@example.de",
                "2026-11-10T09:00:00Z",
                "Paket",
                "Bestellung 302-4417789-6651234 fehlt",
            )],
        )
        .await;
        ingest(store, tenant, &[order()]).await;
        ingest(
            store,
            tenant,
            &[message(
                "<a1@x>",
                "amazon",
                ALIAS,
                "2026-11-10T10:00:00Z",
                "Frage",
                "Wo ist 302-4417789-6651234?",
            )],
        )
        .await;
        let customers = store.customers(tenant, None, 100).await.expect("customers");
        assert_eq!(customers.len(), 1, "{backend}");
        let history = store
            .history(tenant, customers[0].id, now())
            .await
            .expect("history")
            .expect("found");
        let kinds: Vec<&str> = history
            .timeline
            .iter()
            .map(|e| match e {
                TimelineEntry::Order { .. } => "order",
                TimelineEntry::Ticket { .. } => "ticket",
                TimelineEntry::Message { .. } => "message",
            })
            .collect();
        assert_eq!(
            kinds,
            vec!["order", "ticket", "message", "ticket", "message"],
            "{backend}"
        );
        let at: Vec<Timestamp> = history.timeline.iter().map(TimelineEntry::at).collect();
        assert!(at.windows(2).all(|w| w[0] <= w[1]));
        let json = serde_json::to_value(&history).expect("json");
        assert_eq!(json["timeline"][0]["fulfillment"], "FBM");
        assert_eq!(
            json["timeline"][0]["shipments"][0]["tracking_number"],
            "00340434161094042557"
        );
        // A customer id that was merged away still finds the history.
        for id in [customers[0].id, CustomerId(customers[0].id.0 + 1_000_000)] {
            let found = store
                .history(tenant, id, now())
                .await
                .expect("history")
                .is_some();
            assert_eq!(found, id == customers[0].id);
        }
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_wrong_link_can_be_undone() {
    for (backend, db) in databases().await {
        let store = &db.store;
        let tenant = store.ensure_tenant("shop", "Shop").await.expect("tenant");
        ingest(store, tenant, &[order()]).await;
        // Someone else's email mentions Jana's order number (a typo, a shared computer…).
        ingest(
            store,
            tenant,
            &[message(
                "<e9@x>",
                "email",
                "paul@example.org",
                "2026-11-10T09:00:00Z",
                "Frage",
                "Meine Bestellung 302-4417789-6651234",
            )],
        )
        .await;
        let customers = store.customers(tenant, None, 100).await.expect("customers");
        assert_eq!(customers.len(), 1, "{backend}");
        let links = store
            .links_of(tenant, customers[0].id)
            .await
            .expect("links");
        let wrong = links
            .iter()
            .find(|l| l.detail.contains("<e9@x>"))
            .expect("the mention link");
        let after = store.unlink(tenant, wrong.id, now()).await.expect("unlink");
        assert_eq!(after.len(), 2, "{backend}");
        let customers = store.customers(tenant, None, 100).await.expect("customers");
        assert_eq!(customers.len(), 2);
        let paul = customers
            .iter()
            .find(|c| c.identities.iter().any(|i| i.value == "paul@example.org"))
            .expect("paul");
        assert!(paul.order_ids.is_empty());
        assert_eq!(paul.ticket_ids.len(), 1, "Paul's ticket goes with him");
        let jana = customers.iter().find(|c| c.id != paul.id).expect("jana");
        assert_eq!(jana.order_ids, vec!["302-4417789-6651234".to_string()]);
        assert!(
            store.unlink(tenant, wrong.id, now()).await.is_err(),
            "undoing twice is refused"
        );
        assert!(store.verify_events(tenant).await.expect("verify").is_ok());
        db.cleanup().await;
    }
}

#[tokio::test]
async fn tenants_never_see_each_other() {
    for (backend, db) in databases().await {
        let store = &db.store;
        let a = store.ensure_tenant("a", "A").await.expect("tenant");
        let b = store.ensure_tenant("b", "B").await.expect("tenant");
        ingest(store, a, &[order()]).await;
        // The same records in tenant b are new there, not duplicates.
        assert_eq!(
            ingest(store, b, &[order()]).await,
            vec![Outcome::Imported],
            "{backend}"
        );
        let ca = store.customers(a, None, 10).await.expect("customers");
        let cb = store.customers(b, None, 10).await.expect("customers");
        assert_eq!((ca.len(), cb.len()), (1, 1));
        assert_ne!(ca[0].id, cb[0].id);
        assert!(store.customer(b, ca[0].id).await.expect("lookup").is_none());
        assert!(
            store
                .history(b, ca[0].id, now())
                .await
                .expect("lookup")
                .is_none()
        );
        db.cleanup().await;
    }
}

#[tokio::test]
async fn tokens_authenticate_their_tenant_only() {
    for (_backend, db) in databases().await {
        let store = &db.store;
        let a = store.ensure_tenant("a", "A").await.expect("tenant");
        store
            .create_token(a, "cli", "secret-token-1")
            .await
            .expect("token");
        assert_eq!(
            store
                .tenant_for_token("secret-token-1")
                .await
                .expect("lookup"),
            Some(a)
        );
        assert_eq!(
            store
                .tenant_for_token("secret-token-2")
                .await
                .expect("lookup"),
            None
        );
        db.cleanup().await;
    }
}

#[tokio::test]
async fn risk_rises_as_the_clock_runs_and_orders_the_queue() {
    for (backend, db) in databases().await {
        let store = &db.store;
        let tenant = store.ensure_tenant("shop", "Shop").await.expect("tenant");
        ingest(
            store,
            tenant,
            &[
                order(),
                message(
                    "<q1@x>",
                    "email",
                    "someone@example.org",
                    "2026-11-10T08:00:00Z",
                    "Frage",
                    "Passt die Lampe auf einen Nachttisch?",
                ),
                message(
                    "<a1@x>",
                    "amazon",
                    ALIAS,
                    "2026-11-10T08:01:00Z",
                    "Bestellung 302-4417789-6651234",
                    "Mein Paket ist nicht angekommen. Ich eröffne einen A-bis-z-Antrag!",
                ),
            ],
        )
        .await;
        let queue = store
            .tickets(tenant, &TicketQuery::inbox(50), now())
            .await
            .expect("queue");
        assert_eq!(queue.len(), 2);
        assert_eq!(
            queue[0].channel, "amazon",
            "{backend}: the threatened FBM ticket comes first"
        );
        let first = queue[0].risk.clone().expect("risk");
        assert!(
            first.reasons.iter().any(|r| r == "FBM order"),
            "{backend}: {:?}",
            first.reasons
        );
        assert!(first.score > queue[1].risk.as_ref().map_or(0, |r| r.score));

        let later: Timestamp = "2026-11-11T09:00:00Z".parse().expect("time");
        let weights = cairn_domain::risk::RiskWeights::default();
        let touched = store
            .refresh_risk(tenant, &weights, later)
            .await
            .expect("refresh");
        assert_eq!(touched, 2, "{backend}");
        let queue = store
            .tickets(tenant, &TicketQuery::inbox(50), later)
            .await
            .expect("queue");
        let calm = queue
            .iter()
            .find(|t| t.channel == "email")
            .and_then(|t| t.risk.clone())
            .expect("risk");
        assert!(
            calm.reasons.iter().any(|r| r.starts_with("overdue by")),
            "{backend}: {:?}",
            calm.reasons
        );
        assert_eq!(
            store
                .refresh_risk(tenant, &weights, later)
                .await
                .expect("refresh"),
            0
        );
        // The missed deadline was recorded, once.
        let email = queue
            .iter()
            .find(|t| t.channel == "email")
            .expect("email")
            .id;
        let breaches = store
            .ticket_events(tenant, email)
            .await
            .expect("events")
            .into_iter()
            .filter(|e| e.kind == "deadline_breached")
            .count();
        assert_eq!(breaches, 1, "{backend}");
        assert!(store.verify_events(tenant).await.expect("verify").is_ok());
        db.cleanup().await;
    }
}

#[tokio::test]
async fn merge_and_unmerge_restore_exactly() {
    for (backend, db) in databases().await {
        let store = &db.store;
        let tenant = store.ensure_tenant("shop", "Shop").await.expect("tenant");
        ingest(
            store,
            tenant,
            &[
                order(),
                message(
                    "<e1@x>",
                    "email",
                    "jana@example.de",
                    "2026-11-10T07:00:00Z",
                    "Paket",
                    "Wo bleibt meine Bestellung 302-4417789-6651234?",
                ),
                message(
                    "<a1@x>",
                    "amazon",
                    ALIAS,
                    "2026-11-10T08:01:00Z",
                    "Bestellung 302-4417789-6651234",
                    "Wo ist mein Paket?",
                ),
            ],
        )
        .await;
        let before = store
            .tickets(tenant, &TicketQuery::unresolved(10), now())
            .await
            .expect("tickets");
        assert_eq!(before.len(), 2);
        let email = before
            .iter()
            .find(|t| t.channel == "email")
            .expect("email")
            .id;
        let amazon = before
            .iter()
            .find(|t| t.channel == "amazon")
            .expect("amazon")
            .id;
        let rules = cairn_domain::sla::DeadlineRules::default();
        let plan = store
            .merge_tickets(tenant, &[email, amazon], &rules, now())
            .await
            .expect("merge");
        assert_eq!(
            plan.primary, amazon,
            "{backend}: the Amazon thread is primary though younger"
        );
        let (merged, _) = store
            .ticket(tenant, email, now())
            .await
            .expect("load")
            .expect("found");
        assert_eq!(
            (merged.status, merged.merged_into),
            ("merged", Some(amazon))
        );
        let outbox = store.outbox_of(tenant, email).await.expect("outbox");
        assert_eq!(outbox.len(), 1);
        assert_eq!(outbox[0].kind, "courtesy_note");
        assert_eq!(outbox[0].to.as_deref(), Some("jana@example.de"));
        assert_eq!(outbox[0].in_reply_to.as_deref(), Some("<e1@x>"));
        assert!(
            outbox[0].text.contains("302-4417789-6651234"),
            "{}",
            outbox[0].text
        );
        assert_eq!(outbox[0].language.as_deref(), Some("de"));
        // Merging again is refused; unmerging restores both tickets as they were.
        assert!(
            store
                .merge_tickets(tenant, &[email, amazon], &rules, now())
                .await
                .is_err()
        );
        let restored = store
            .unmerge_ticket(tenant, amazon, now())
            .await
            .expect("unmerge");
        assert_eq!(restored, vec![email]);
        let after = store
            .tickets(tenant, &TicketQuery::unresolved(10), now())
            .await
            .expect("tickets");
        let json = |v: &[cairn_domain::views::TicketView]| serde_json::to_value(v).expect("json");
        assert_eq!(
            json(&after),
            json(&before),
            "{backend}: unmerge restores exactly"
        );
        assert_eq!(
            store.outbox_of(tenant, email).await.expect("outbox")[0].status,
            "cancelled"
        );
        let kinds: Vec<String> = store
            .ticket_events(tenant, email)
            .await
            .expect("events")
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert!(
            kinds.contains(&"merged_into".to_string()) && kinds.contains(&"unmerged".to_string()),
            "{kinds:?}"
        );
        // The unmerge took its ids from a freshly reserved block; the next ingest takes them
        // from the process's older block, so its events carry smaller ids although they join
        // the chain later. The chain still verifies: it is walked in the order it was written.
        let unmerged_id = store
            .ticket_events(tenant, email)
            .await
            .expect("events")
            .iter()
            .filter(|e| e.kind == "unmerged")
            .map(|e| e.id.0)
            .max()
            .expect("unmerged event");
        let all_event_ids = || async {
            let mut ids = std::collections::BTreeSet::new();
            for t in store
                .tickets(tenant, &TicketQuery::unresolved(50), now())
                .await
                .expect("tickets")
            {
                for e in store.ticket_events(tenant, t.id).await.expect("events") {
                    ids.insert(e.id.0);
                }
            }
            ids
        };
        let before_ids = all_event_ids().await;
        ingest(
            store,
            tenant,
            &[message(
                "<later@mail.example.de>",
                "email",
                "someone.else@example.org",
                "2026-11-10T11:00:00Z",
                "Rechnung",
                "Bitte senden Sie mir eine Rechnung für meine Bestellung.",
            )],
        )
        .await;
        let new_ids: Vec<i64> = all_event_ids()
            .await
            .difference(&before_ids)
            .copied()
            .collect();
        assert!(
            !new_ids.is_empty() && new_ids.iter().all(|id| *id < unmerged_id),
            "{backend}: later events with smaller ids ({new_ids:?} vs {unmerged_id})"
        );
        assert!(
            store.verify_events(tenant).await.expect("verify").is_ok(),
            "{backend}: the chain verifies in the order it was written"
        );
        db.cleanup().await;
    }
}

#[tokio::test]
async fn likely_same_customers_are_suggested_and_can_be_linked_and_split() {
    for (backend, db) in databases().await {
        let store = &db.store;
        let tenant = store.ensure_tenant("shop", "Shop").await.expect("tenant");
        let mut moved = order();
        moved["order_id"] = json!("302-1111111-2222222");
        moved["buyer"]["email"] = json!("other-alias@marketplace.amazon.de");
        moved["shipping_address"]["line1"] = json!("Packstation 123");
        let mut namesake = order();
        namesake["order_id"] = json!("302-3333333-4444444");
        namesake["buyer"]["email"] = json!("berlin@marketplace.amazon.de");
        namesake["shipping_address"]["postal_code"] = json!("10115");
        ingest(store, tenant, &[order(), moved, namesake]).await;
        let customers = store.customers(tenant, None, 10).await.expect("customers");
        assert_eq!(customers.len(), 3, "{backend}: not linked automatically");
        let jana = customers
            .iter()
            .find(|c| c.order_ids == vec!["302-4417789-6651234".to_string()])
            .expect("jana");
        let suggestions = store
            .customer_suggestions(tenant, jana.id)
            .await
            .expect("suggest");
        assert_eq!(
            suggestions.len(),
            1,
            "{backend}: the namesake in Berlin is not suggested"
        );
        assert!(suggestions[0].evidence[0].contains("postal code 80331"));
        let link = store
            .link_customers(
                tenant,
                jana.id,
                suggestions[0].customer_id,
                "same person, moved",
                now(),
            )
            .await
            .expect("link");
        assert_eq!(
            store
                .customers(tenant, None, 10)
                .await
                .expect("customers")
                .len(),
            2
        );
        store.unlink(tenant, link, now()).await.expect("split");
        assert_eq!(
            store
                .customers(tenant, None, 10)
                .await
                .expect("customers")
                .len(),
            3,
            "{backend}"
        );
        db.cleanup().await;
    }
}
