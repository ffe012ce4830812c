//! `GET` and `PUT /api/v1/settings/triage`: the defaults, a refused document naming its fields,
//! a saved one changing the deadlines of new tickets, and the other tenant untouched.

use super::*;

const PATH: &str = "/api/v1/settings/triage";

fn properties(doc: &Value, schema: &str) -> Vec<String> {
    let mut names: Vec<String> = doc["components"]["schemas"][schema]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("schema {schema} has no properties"))
        .keys()
        .cloned()
        .collect();
    names.sort();
    names
}

fn keys(v: &Value) -> Vec<String> {
    let mut names: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    names.sort();
    names
}

async fn ticket_by_message(app: &App, external_id: &str) -> Value {
    let all = app.api_json("/api/v1/tickets?status=all").await;
    all.as_array()
        .and_then(|a| {
            a.iter().find(|t| {
                t["message_external_ids"]
                    .as_array()
                    .is_some_and(|ids| ids.iter().any(|i| i == external_id))
            })
        })
        .cloned()
        .unwrap_or_else(|| panic!("no ticket with {external_id} in {all}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn triage_settings_are_read_and_saved_per_tenant() {
    for (backend, app) in backends().await {
        assert_eq!(app.get(PATH).await.status, 401, "{backend}");
        let r = app.request("PUT", PATH, &[], b"{}").await;
        assert_eq!(r.status, 401, "{backend}");

        // The defaults, in the shape the OpenAPI document describes.
        let defaults = app.api_json(PATH).await;
        assert_eq!(defaults["company"]["time_zone"], "Europe/Berlin");
        assert_eq!(defaults["company"]["first_response_target"], "4h");
        assert_eq!(defaults["deadlines"]["amazon"], "24h");
        assert_eq!(defaults["risk"]["intents"]["not_received"], 26);
        let doc = app.get("/api/v1/openapi.json").await.json();
        assert_eq!(properties(&doc, "TriageSettings"), keys(&defaults));
        assert_eq!(properties(&doc, "RiskSettings"), keys(&defaults["risk"]));
        assert_eq!(
            properties(&doc, "DeadlineSettings"),
            keys(&defaults["deadlines"])
        );
        assert_eq!(
            properties(&doc, "CompanySettings"),
            keys(&defaults["company"])
        );
        assert_eq!(
            properties(&doc, "WeekSettings"),
            keys(&defaults["company"]["week"])
        );
        assert_eq!(
            properties(&doc, "Shift"),
            keys(&defaults["company"]["week"]["monday"][0])
        );
        assert!(doc["paths"][PATH]["put"].is_object());

        // Refused: every wrong field named, nothing saved.
        let bad = json!({
            "risk": {"intents": {"tracking": -3}},
            "company": {
                "time_zone": "Europe/Berln",
                "week": {"monday": [{"start": "08:00", "end": "12:00"}, {"start": "11:00", "end": "17:00"}]}
            }
        });
        let r = app.api("PUT", PATH, bad.to_string().as_bytes()).await;
        assert_eq!(r.status, 422, "{backend}: {}", r.text());
        let body = r.json();
        assert_eq!(body["error"]["code"], "invalid_settings");
        assert_eq!(properties(&doc, "SettingsRefused"), keys(&body));
        assert_eq!(properties(&doc, "FieldError"), keys(&body["fields"][0]));
        let fields: Vec<&str> = body["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .filter_map(|f| f["field"].as_str())
            .collect();
        for want in [
            "risk.intents.tracking",
            "company.time_zone",
            "company.week.monday[1]",
        ] {
            assert!(fields.contains(&want), "{backend}: {want} in {body}");
        }
        assert_eq!(app.api_json(PATH).await, defaults, "{backend}");
        let r = app.api("PUT", PATH, b"not json").await;
        assert_eq!(r.status, 400, "{backend}");
        assert_eq!(r.json()["error"]["code"], "invalid_body");
        let r = app
            .api("PUT", PATH, br#"{"deadlines": {"etsy": "24h"}}"#)
            .await;
        assert_eq!(r.status, 400, "{backend}");
        assert!(r.text().contains("etsy"), "{backend}: {}", r.text());

        // Before: an email is due 24 hours after it arrived.
        let before = message(
            "<before@example.de>",
            "email",
            "anna@example.de",
            "Anna",
            "2026-11-10T09:30:00Z",
            "Rechnung",
            "Bitte schicken Sie mir die Rechnung.",
        );
        app.import(&[before.to_string()]).await;
        let t = ticket_by_message(&app, "<before@example.de>").await;
        assert_eq!(t["sla"]["first_response_due_at"], "2026-11-11T09:30:00Z");

        // Saved: the complete document comes back, and new emails are due in 4 hours.
        let good =
            json!({"deadlines": {"email": "4h"}, "company": {"time_zone": "America/New_York"}});
        let r = app.api("PUT", PATH, good.to_string().as_bytes()).await;
        assert_eq!(r.status, 200, "{backend}: {}", r.text());
        let saved = r.json();
        assert_eq!(saved["deadlines"]["email"], "4h");
        assert_eq!(saved["deadlines"]["amazon"], "24h");
        assert_eq!(saved["company"]["time_zone"], "America/New_York");
        assert_eq!(app.api_json(PATH).await, saved, "{backend}");
        let after = message(
            "<after@example.de>",
            "email",
            "ben@example.de",
            "Ben",
            "2026-11-10T10:00:00Z",
            "Rechnung",
            "Bitte schicken Sie mir die Rechnung.",
        );
        app.import(&[after.to_string()]).await;
        let t = ticket_by_message(&app, "<after@example.de>").await;
        assert_eq!(
            t["sla"]["first_response_due_at"], "2026-11-10T14:00:00Z",
            "{backend}"
        );
        // The earlier ticket keeps the deadline it was given.
        let t = ticket_by_message(&app, "<before@example.de>").await;
        assert_eq!(t["sla"]["first_response_due_at"], "2026-11-11T09:30:00Z");

        // The other tenant still has the defaults.
        let auth = "Bearer other-tenant-token";
        let r = app
            .request("GET", PATH, &[("Authorization", auth)], b"")
            .await;
        assert_eq!(r.status, 200, "{backend}");
        assert_eq!(r.json(), defaults, "{backend}");
        app.finish().await;
    }
}
