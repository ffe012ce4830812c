//! Triage settings per tenant, on SQLite and (when `CAIRN_TEST_POSTGRES` names a server) on
//! PostgreSQL: a tenant's deadlines, company calendar and risk weights change its own new
//! tickets and queue, and never another tenant's.

use cairn_domain::TenantId;
use cairn_domain::records::{Record, parse_record};
use cairn_domain::triage::TriageSettings;
use cairn_domain::views::TicketView;
use cairn_store::{IngestOptions, Store, StoreError, TicketQuery};
use jiff::Timestamp;
use serde_json::json;

mod common;
use common::Db;

async fn databases() -> Vec<(&'static str, Db)> {
    common::databases("cairn_settings", "settings tests").await
}

fn ts(s: &str) -> Timestamp {
    s.parse().expect("time")
}

/// Tuesday 10 November 2026, 16:00 UTC (11:00 in New York, 17:00 in Berlin).
fn now() -> Timestamp {
    ts("2026-11-10T16:00:00Z")
}

fn email(ext: &str, from: &str, at: &str, text: &str) -> Record {
    let v = json!({"type":"message","channel":"email","external_id":ext,"received_at":at,
        "direction":"inbound","from":{"email":from,"name":null},"to":"shop@example.com",
        "subject":"Frage","text":text});
    parse_record(&v.to_string()).expect("valid record")
}

/// A product question and a tracking question, both received 10:30 New York time.
fn questions(tag: &str) -> Vec<Record> {
    vec![
        email(
            &format!("<q-{tag}@x>"),
            &format!("q-{tag}@example.org"),
            "2026-11-10T15:30:00Z",
            "Passt die Lampe auf einen Nachttisch?",
        ),
        email(
            &format!("<t-{tag}@x>"),
            &format!("t-{tag}@example.org"),
            "2026-11-10T15:30:00Z",
            "Wo ist mein Paket? Ich warte seit einer Woche auf die Sendung.",
        ),
    ]
}

async fn queue(store: &Store, tenant: TenantId) -> Vec<TicketView> {
    store
        .tickets(tenant, &TicketQuery::inbox(50), now())
        .await
        .expect("queue")
}

fn with_intent<'a>(queue: &'a [TicketView], intent: &str) -> &'a TicketView {
    queue
        .iter()
        .find(|t| t.intents.iter().any(|i| i == intent))
        .unwrap_or_else(|| panic!("no {intent} ticket in {queue:?}"))
}

fn first_intents(queue: &[TicketView]) -> Vec<String> {
    queue.first().map(|t| t.intents.clone()).unwrap_or_default()
}

#[tokio::test]
async fn each_tenant_triages_by_its_own_settings() {
    for (backend, db) in databases().await {
        let store = &db.store;
        let a = store.ensure_tenant("a", "A").await.expect("tenant");
        let b = store.ensure_tenant("b", "B").await.expect("tenant");

        // Nothing saved: the defaults, and no time of saving.
        let fresh = store.triage_settings(a).await.expect("settings");
        assert_eq!(fresh.settings, TriageSettings::default(), "{backend}");
        assert_eq!(fresh.updated_at, None, "{backend}");

        // Tenant A: a 4-hour email window, a New York team with a lunch break and a 2-hour
        // target, and product questions weighed above everything else.
        let doc: TriageSettings = serde_json::from_value(json!({
            "risk": {"intents": {"product_question": 60}},
            "deadlines": {"email": "4h"},
            "company": {
                "time_zone": "America/New_York",
                "week": {"tuesday": [{"start": "13:00", "end": "17:00"}, {"start": "08:00", "end": "12:00"}]},
                "first_response_target": "2h"
            }
        }))
        .expect("document");
        let saved = store
            .set_triage_settings(a, &doc, now())
            .await
            .expect("save");
        assert_eq!(saved.updated_at, Some(now()));
        assert_eq!(
            saved.settings.company.week.tuesday[0].start, "08:00",
            "saved in canonical order"
        );
        let read = store.triage_settings(a).await.expect("settings");
        assert_eq!(read, saved, "{backend}");
        assert_eq!(
            store.triage_settings(b).await.expect("settings").updated_at,
            None,
            "{backend}: B keeps the defaults"
        );

        for (tenant, tag) in [(a, "a"), (b, "b")] {
            store
                .ingest(tenant, &questions(tag), &IngestOptions::default(), now())
                .await
                .expect("ingest");
        }

        // A: the email window is 4 hours; the company clock counts 1h30 to the New York lunch
        // break and 30 minutes after it: 13:30 EST = 18:30Z.
        let qa = queue(store, a).await;
        assert_eq!(qa.len(), 2, "{backend}");
        for t in &qa {
            assert_eq!(
                t.sla.first_response_due_at,
                Some(ts("2026-11-10T19:30:00Z")),
                "{backend}"
            );
            assert_eq!(
                t.sla.company_due_at,
                Some(ts("2026-11-10T18:30:00Z")),
                "{backend}"
            );
        }
        assert_eq!(
            first_intents(&qa),
            vec!["product_question".to_string()],
            "{backend}: A ranks product questions first"
        );

        // B: 24 hours, Berlin office hours and 4 hours: 30 minutes on Tuesday, 3h30 from 09:00
        // on Wednesday → 12:30 CET = 11:30Z.
        let qb = queue(store, b).await;
        assert_eq!(qb.len(), 2, "{backend}");
        for t in &qb {
            assert_eq!(
                t.sla.first_response_due_at,
                Some(ts("2026-11-11T15:30:00Z")),
                "{backend}"
            );
            assert_eq!(
                t.sla.company_due_at,
                Some(ts("2026-11-11T11:30:00Z")),
                "{backend}"
            );
        }
        let tracking = with_intent(&qb, "tracking");
        assert_eq!(qb[0].id, tracking.id, "{backend}: B ranks tracking first");

        // B now weighs product questions up too: its open tickets are re-scored at the next
        // refresh, their deadlines stay as they were given.
        let doc_b: TriageSettings =
            serde_json::from_value(json!({"risk": {"intents": {"product_question": 60}}}))
                .expect("document");
        store
            .set_triage_settings(b, &doc_b, now())
            .await
            .expect("save");
        let weights = store.triage_rules(b).await.expect("rules").risk;
        let touched = store
            .refresh_risk(b, &weights, now())
            .await
            .expect("refresh");
        assert_eq!(touched, 2, "{backend}");
        let qb = queue(store, b).await;
        assert_eq!(
            first_intents(&qb),
            vec!["product_question".to_string()],
            "{backend}: B's new weights reorder its queue"
        );
        assert_eq!(
            qb[0].sla.first_response_due_at,
            Some(ts("2026-11-11T15:30:00Z")),
            "{backend}"
        );
        // A is untouched by B's change.
        let qa_again = queue(store, a).await;
        let ids = |q: &[TicketView]| q.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(&qa_again), ids(&qa), "{backend}");

        // Settings changes are in the event log, and the chain still holds.
        for tenant in [a, b] {
            assert!(
                store.verify_events(tenant).await.expect("verify").is_ok(),
                "{backend}"
            );
        }
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_refused_document_is_not_saved() {
    for (backend, db) in databases().await {
        let store = &db.store;
        let a = store.ensure_tenant("a", "A").await.expect("tenant");
        let doc: TriageSettings = serde_json::from_value(json!({
            "company": {"time_zone": "Europe/Berln"},
            "risk": {"overdue": -5}
        }))
        .expect("document");
        match store.set_triage_settings(a, &doc, now()).await {
            Err(StoreError::Invalid(message)) => {
                assert!(message.contains("company.time_zone"), "{message}");
                assert!(message.contains("risk.overdue"), "{message}");
            }
            other => panic!("{backend}: {other:?}"),
        }
        assert_eq!(
            store.triage_settings(a).await.expect("settings").updated_at,
            None,
            "{backend}"
        );
        db.cleanup().await;
    }
}
