//! The web layer end to end: each test starts the real server on 127.0.0.1:0 with a fresh SQLite
//! database, imports records through the API and talks plain HTTP/1.1 to it, as a browser or a
//! script would. One test binary (see STYLE.md); the modules below group the cases.

use std::net::SocketAddr;

use cairn_store::Store;
use jiff::Timestamp;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

const TOKEN: &str = "cairn-test-token-5f1c0e2a";

fn now() -> Timestamp {
    // Two hours after the first Amazon message arrived: 22 hours left on its clock.
    "2026-11-10T10:01:00Z"
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

struct App {
    addr: SocketAddr,
    store: Store,
    tenant: cairn_domain::TenantId,
    stop: Option<oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
    /// A PostgreSQL test database to drop afterwards.
    drop_pg: Option<cairn_store::scratch::ScratchPostgres>,
}

impl App {
    /// Stops the server and drops a PostgreSQL test database.
    async fn finish(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.store.close().await;
        if let Some(db) = self.drop_pg.take() {
            db.drop().await;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn spawn_app(demo: bool) -> App {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/cairn.db", dir.path().display());
    spawn_app_on(&url, dir, demo).await
}

/// The app on SQLite, and on PostgreSQL too when `CAIRN_TEST_POSTGRES` names a server (e.g.
/// `postgres://postgres@127.0.0.1:5432/postgres`): a database of its own there, dropped when
/// the app is.
async fn backends() -> Vec<(&'static str, App)> {
    let mut out = vec![("sqlite", spawn_app(false).await)];
    match std::env::var("CAIRN_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            let db = cairn_store::scratch::ScratchPostgres::create(&admin, "cairn_web_test")
                .await
                .expect("create a PostgreSQL test database");
            let dir = tempfile::tempdir().expect("temp dir");
            let mut app = spawn_app_on(db.url(), dir, false).await;
            app.drop_pg = Some(db);
            out.push(("postgres", app));
        }
        _ => eprintln!("note: CAIRN_TEST_POSTGRES is not set; this test ran on SQLite only"),
    }
    out
}

async fn spawn_app_on(url: &str, dir: tempfile::TempDir, demo: bool) -> App {
    let store = Store::open(url).await.expect("open store");
    let tenant = store
        .ensure_tenant("shop", "Test Shop")
        .await
        .expect("tenant");
    store
        .create_token(tenant, "tests", TOKEN)
        .await
        .expect("token");
    // A second tenant with its own token: its data must never show up for the first.
    let other = store
        .ensure_tenant("other", "Other Shop")
        .await
        .expect("tenant");
    store
        .create_token(other, "tests", "other-tenant-token")
        .await
        .expect("token");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = oneshot::channel::<()>();
    let state = cairn_web::AppState {
        store: store.clone(),
        tenant,
        demo,
        clock: now,
        data_dir: Some(dir.path().to_path_buf()),
    };
    tokio::spawn(cairn_web::serve(listener, state, async {
        let _ = stopped.await;
    }));
    App {
        addr,
        store,
        tenant,
        stop: Some(stop),
        _dir: dir,
        drop_pg: None,
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn headers(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The body, with character references in one spelling (`&lt;` rather than `&#60;`), so
    /// that assertions do not depend on the template engine's choice among equivalent escapes.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body)
            .replace("&#60;", "&lt;")
            .replace("&#62;", "&gt;")
            .replace("&#34;", "&quot;")
            .replace("&#38;", "&amp;")
            .replace("&#x27;", "&#39;")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

impl App {
    async fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        let mut stream = TcpStream::connect(self.addr).await.expect("connect");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await.expect("send head");
        stream.write_all(body).await.expect("send body");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.expect("read response");
        parse_response(&raw)
    }

    async fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[], b"").await
    }

    async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        self.request("GET", path, headers, b"").await
    }

    async fn api(&self, method: &str, path: &str, body: &[u8]) -> Response {
        let auth = format!("Bearer {TOKEN}");
        self.request(method, path, &[("Authorization", &auth)], body)
            .await
    }

    async fn api_json(&self, path: &str) -> Value {
        let r = self.api("GET", path, b"").await;
        assert_eq!(r.status, 200, "GET {path}: {}", r.text());
        r.json()
    }

    async fn import(&self, lines: &[String]) -> Value {
        let body = lines.join("\n");
        let r = self.api("POST", "/api/v1/import", body.as_bytes()).await;
        assert_eq!(r.status, 200, "import: {}", r.text());
        r.json()
    }

    /// Signs in through the form and returns the session cookie (`name=value`).
    async fn sign_in(&self) -> String {
        self.sign_in_with(TOKEN).await
    }

    async fn sign_in_with(&self, token: &str) -> String {
        let body = format!("token={token}&next=%2F");
        let r = self
            .request(
                "POST",
                "/login",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                body.as_bytes(),
            )
            .await;
        assert_eq!(r.status, 303, "sign-in: {}", r.text());
        let cookie = r
            .headers("set-cookie")
            .into_iter()
            .find(|c| c.starts_with("cairn_session="))
            .expect("session cookie")
            .to_string();
        cookie.split(';').next().unwrap_or_default().to_string()
    }
}

fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size_text = String::from_utf8_lossy(&data[..line_end]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16)
            .expect("chunk size");
        if size == 0 {
            return out;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}

const ALIAS: &str = "k3x9@marketplace.amazon.de";
const ORDER_ID: &str = "302-4417789-6651234";

fn order() -> Value {
    json!({"type":"order","channel":"amazon","marketplace":"amazon.de","order_id":ORDER_ID,
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
    name: &str,
    at: &str,
    subject: &str,
    text: &str,
) -> Value {
    json!({"type":"message","channel":channel,"external_id":ext,"received_at":at,"direction":"inbound",
      "from":{"email":from,"name":name},"to":"shop@example.com","subject":subject,"text":text})
}

/// Jana's Amazon order and message, her email about the same order (tied to her by the order
/// number), a blank line, two bad lines, and a Shopify customer who writes markup.
fn sample() -> Vec<String> {
    vec![
        order().to_string(),
        message(
            "<a1b2@marketplace.amazon.de>",
            "amazon",
            ALIAS,
            "Jana Schmidt",
            "2026-11-10T08:01:00Z",
            &format!("Frage zur Bestellung {ORDER_ID}"),
            "Hallo, wo ist mein Paket?",
        )
        .to_string(),
        String::new(),
        r#"{"type":"parcel"}"#.to_string(),
        message(
            "<m1@example.de>",
            "email",
            "jana@example.de",
            "Jana Schmidt",
            "2026-11-10T09:00:00Z",
            "Paket noch nicht da",
            &format!("Meine Bestellung {ORDER_ID} ist immer noch nicht angekommen."),
        )
        .to_string(),
        message(
            "shop-msg-1",
            "shopify",
            "max@example.com",
            "Max <b>Muster</b>",
            "2026-11-10T07:00:00Z",
            "<script>alert('x')</script> Rückgabe",
            "<img src=x onerror=alert(1)> bitte um Rückruf",
        )
        .to_string(),
        "{not json".to_string(),
    ]
}

/// The ticket of the sample's Amazon message.
async fn amazon_ticket(app: &App) -> Value {
    let tickets = app.api_json("/api/v1/tickets?status=all").await;
    tickets
        .as_array()
        .expect("array")
        .iter()
        .find(|t| t["channel"] == "amazon")
        .cloned()
        .expect("amazon ticket")
}

mod api {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_token_is_required() {
        let app = spawn_app(false).await;
        for path in ["/api/v1/tickets", "/api/v1/customers", "/api/v1/tickets/1"] {
            let r = app.get(path).await;
            assert_eq!(r.status, 401, "{path}");
            assert_eq!(r.json()["error"]["code"], "unauthorized");
            assert!(
                r.header("www-authenticate")
                    .is_some_and(|v| v.starts_with("Bearer"))
            );
        }
        let r = app
            .get_with("/api/v1/tickets", &[("Authorization", "Bearer wrong")])
            .await;
        assert_eq!(r.status, 401);
        let r = app
            .request(
                "POST",
                "/api/v1/import",
                &[("Authorization", "Basic abc")],
                b"{}",
            )
            .await;
        assert_eq!(r.status, 401);
        // The token's tenant scopes every answer: another tenant sees none of this one's data.
        app.import(&sample()).await;
        let r = app
            .get_with(
                "/api/v1/tickets?status=all",
                &[("Authorization", "Bearer other-tenant-token")],
            )
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.json(), json!([]));
        // Health and the API description need no token.
        let r = app.get("/healthz").await;
        assert_eq!((r.status, r.json()), (200, json!({"status": "ok"})));
        assert_eq!(app.get("/api/v1/openapi.json").await.status, 200);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn import_counts_and_names_rejected_lines() {
        let app = spawn_app(false).await;
        let summary = app.import(&sample()).await;
        assert_eq!(summary["imported"], 4, "{summary}");
        assert_eq!(summary["duplicates"], 0);
        assert_eq!(summary["updated"], 0);
        let rejected = summary["rejected"].as_array().expect("rejected");
        let lines: Vec<u64> = rejected.iter().filter_map(|r| r["line"].as_u64()).collect();
        assert_eq!(lines, vec![4, 7]);
        assert!(
            rejected[0]["reason"]
                .as_str()
                .is_some_and(|r| r.contains("unknown record type")),
            "{summary}"
        );
        assert!(
            rejected[1]["reason"]
                .as_str()
                .is_some_and(|r| r.contains("invalid JSON"))
        );

        // Idempotent: the same body again changes nothing.
        let again = app.import(&sample()).await;
        assert_eq!(
            (again["imported"].clone(), again["duplicates"].clone()),
            (json!(0), json!(4))
        );

        // A shipment added to a known order updates it.
        let mut updated = order();
        updated["shipments"][0]["delivered_at"] = json!("2026-11-05T10:00:00Z");
        let summary = app.import(&[updated.to_string()]).await;
        assert_eq!(summary["updated"], 1, "{summary}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn tickets_have_the_interface_shape() {
        let app = spawn_app(false).await;
        app.import(&sample()).await;
        let open = app.api_json("/api/v1/tickets").await;
        let open = open.as_array().expect("array");
        assert_eq!(open.len(), 3);
        let t = amazon_ticket(&app).await;
        for field in [
            "id",
            "customer_id",
            "channel",
            "marketplace",
            "status",
            "subject",
            "created_at",
            "order_ids",
            "message_external_ids",
            "language",
            "intents",
            "signals",
            "risk",
            "sla",
            "duplicate_of",
            "duplicate_reasons",
            "merged_into",
        ] {
            assert!(t.get(field).is_some(), "ticket lacks {field}: {t}");
        }
        assert!(t["id"].is_string() && t["customer_id"].is_string());
        assert_eq!(t["marketplace"], "amazon.de");
        assert_eq!(t["status"], "open");
        assert_eq!(t["order_ids"], json!([ORDER_ID]));
        assert_eq!(
            t["message_external_ids"],
            json!(["<a1b2@marketplace.amazon.de>"])
        );
        assert!(t["risk"]["score"].is_u64() && t["risk"]["level"].is_string());
        assert!(t["sla"]["breached"].is_boolean());
        assert!(t["sla"].get("first_response_due_at").is_some());

        let id = t["id"].as_str().expect("id");
        let detail = app.api_json(&format!("/api/v1/tickets/{id}")).await;
        assert_eq!(detail["ticket"]["id"], t["id"]);
        assert_eq!(detail["messages"][0]["text"], "Hallo, wo ist mein Paket?");
        assert_eq!(detail["messages"][0]["direction"], "inbound");
        let kinds: Vec<&str> = detail["events"]
            .as_array()
            .expect("events")
            .iter()
            .filter_map(|e| e["kind"].as_str())
            .collect();
        assert!(kinds.contains(&"ticket_created"), "{kinds:?}");

        // Paging in id order with a next link.
        let r = app
            .api("GET", "/api/v1/tickets?status=all&limit=2&after=0", b"")
            .await;
        assert_eq!(r.json().as_array().map(Vec::len), Some(2));
        assert!(r.header("link").is_some_and(|l| l.contains("rel=\"next\"")));

        for (path, status, code) in [
            ("/api/v1/tickets/abc", 400, "invalid_id"),
            ("/api/v1/tickets/99999999", 404, "not_found"),
            ("/api/v1/tickets?status=solved", 400, "invalid_parameter"),
            ("/api/v1/tickets?limit=0", 400, "invalid_parameter"),
            ("/api/v1/tickets?after=x", 400, "invalid_id"),
            ("/api/v1/customers/1e3", 400, "invalid_id"),
            ("/api/v1/customers/99999999/history", 404, "not_found"),
            ("/api/v1/nothing-here", 404, "not_found"),
        ] {
            let r = app.api("GET", path, b"").await;
            assert_eq!(r.status, status, "{path}: {}", r.text());
            assert_eq!(r.json()["error"]["code"], code, "{path}");
            assert!(r.json()["error"]["message"].is_string());
        }
        let r = app.api("PUT", "/api/v1/tickets", b"").await;
        assert_eq!(r.status, 405);
        assert_eq!(r.json()["error"]["code"], "method_not_allowed");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn history_joins_every_channel() {
        let app = spawn_app(false).await;
        app.import(&sample()).await;
        let t = amazon_ticket(&app).await;
        let customer = t["customer_id"].as_str().expect("customer id");
        let history = app
            .api_json(&format!("/api/v1/customers/{customer}/history"))
            .await;
        assert_eq!(history["customer"]["name"], "Jana Schmidt");
        let kinds: Vec<&str> = history["customer"]["identities"]
            .as_array()
            .expect("identities")
            .iter()
            .filter_map(|i| i["kind"].as_str())
            .collect();
        assert!(
            kinds.contains(&"amazon_alias") && kinds.contains(&"email"),
            "{kinds:?}"
        );
        let timeline = history["timeline"].as_array().expect("timeline");
        let entry_kinds: Vec<&str> = timeline.iter().filter_map(|e| e["kind"].as_str()).collect();
        assert_eq!(
            entry_kinds,
            vec!["order", "ticket", "message", "ticket", "message"],
            "{history}"
        );
        let times: Vec<&str> = timeline.iter().filter_map(|e| e["at"].as_str()).collect();
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "oldest first: {times:?}"
        );
        let channels: Vec<&str> = timeline
            .iter()
            .filter(|e| e["kind"] == "ticket")
            .filter_map(|e| e["channel"].as_str())
            .collect();
        assert_eq!(channels, vec!["amazon", "email"]);

        let customers = app.api_json("/api/v1/customers").await;
        assert_eq!(customers.as_array().map(Vec::len), Some(2));
        let one = app.api_json(&format!("/api/v1/customers/{customer}")).await;
        assert_eq!(one["order_ids"], json!([ORDER_ID]));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn unlinking_splits_the_customer() {
        let app = spawn_app(false).await;
        app.import(&sample()).await;
        let t = amazon_ticket(&app).await;
        let customer = t["customer_id"].as_str().expect("customer id").to_string();
        let links = app
            .api_json(&format!("/api/v1/customers/{customer}/links"))
            .await;
        let links = links.as_array().expect("links");
        let mention = links
            .iter()
            .find(|l| l["evidence"] == "mentions_order")
            .expect("a link made by the order number in the email");
        assert!(
            mention["detail"]
                .as_str()
                .is_some_and(|d| d.contains(ORDER_ID))
        );
        assert!(mention["removed_at"].is_null());
        let link = mention["id"].as_str().expect("link id");

        let r = app
            .api("DELETE", &format!("/api/v1/identity-links/{link}"), b"")
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let result = r.json();
        let ids = result["customer_ids"].as_array().expect("customer ids");
        assert_eq!(ids.len(), 2, "{result}");
        assert_eq!(ids[0], json!(customer));

        // The email handle and its ticket now belong to a customer of their own.
        let split = ids[1].as_str().expect("new customer");
        let other = app.api_json(&format!("/api/v1/customers/{split}")).await;
        let kinds: Vec<&str> = other["identities"]
            .as_array()
            .expect("identities")
            .iter()
            .filter_map(|i| i["kind"].as_str())
            .collect();
        assert_eq!(kinds, vec!["email"]);
        assert_eq!(other["ticket_ids"].as_array().map(Vec::len), Some(1));

        // The undone link stays on record, with the handle it came from.
        let links = app
            .api_json(&format!("/api/v1/customers/{split}/links"))
            .await;
        assert!(
            links
                .as_array()
                .expect("links")
                .iter()
                .any(|l| l["id"].as_str() == Some(link) && l["removed_at"].is_string()),
            "{links}"
        );

        let again = app
            .api("DELETE", &format!("/api/v1/identity-links/{link}"), b"")
            .await;
        assert_eq!(
            (again.status, again.json()["error"]["code"].clone()),
            (409, json!("conflict"))
        );
        let missing = app
            .api("DELETE", "/api/v1/identity-links/99999999", b"")
            .await;
        assert_eq!(missing.status, 404);
        let bad = app.api("DELETE", "/api/v1/identity-links/one", b"").await;
        assert_eq!(
            (bad.status, bad.json()["error"]["code"].clone()),
            (400, json!("invalid_id"))
        );
    }
}

mod openapi {
    use super::*;

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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_document_lists_every_route_and_matches_real_answers() {
        let app = spawn_app(false).await;
        let r = app.get("/api/v1/openapi.json").await;
        assert_eq!(r.status, 200);
        assert!(
            r.header("content-type")
                .is_some_and(|c| c.starts_with("application/json"))
        );
        let doc = r.json();
        assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
        let paths = doc["paths"].as_object().expect("paths");
        for (path, method) in [
            ("/api/v1/tickets", "get"),
            ("/api/v1/tickets/{id}", "get"),
            ("/api/v1/customers", "get"),
            ("/api/v1/customers/{id}", "get"),
            ("/api/v1/customers/{id}/history", "get"),
            ("/api/v1/customers/{id}/links", "get"),
            ("/api/v1/identity-links/{id}", "delete"),
            ("/api/v1/tickets/merge", "post"),
            ("/api/v1/tickets/{id}/unmerge", "post"),
            ("/api/v1/tickets/{id}/events", "get"),
            ("/api/v1/customers/suggestions", "get"),
            ("/api/v1/customers/link", "post"),
            ("/api/v1/import", "post"),
            ("/api/v1/mailboxes", "get"),
            ("/api/v1/mailboxes", "post"),
            ("/api/v1/mailboxes/{id}", "delete"),
            ("/api/v1/openapi.json", "get"),
            ("/healthz", "get"),
        ] {
            assert!(
                paths.get(path).and_then(|p| p.get(method)).is_some(),
                "{method} {path} missing"
            );
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());

        // The described shapes are the real ones, field for field.
        app.import(&sample()).await;
        let t = amazon_ticket(&app).await;
        assert_eq!(properties(&doc, "Ticket"), keys(&t));
        assert_eq!(properties(&doc, "Sla"), keys(&t["sla"]));
        assert_eq!(properties(&doc, "Risk"), keys(&t["risk"]));
        let id = t["id"].as_str().expect("id");
        let detail = app.api_json(&format!("/api/v1/tickets/{id}")).await;
        assert_eq!(properties(&doc, "TicketDetail"), keys(&detail));
        assert_eq!(properties(&doc, "Message"), keys(&detail["messages"][0]));
        assert_eq!(properties(&doc, "Event"), keys(&detail["events"][0]));
        let customer = t["customer_id"].as_str().expect("customer");
        let history = app
            .api_json(&format!("/api/v1/customers/{customer}/history"))
            .await;
        assert_eq!(properties(&doc, "History"), keys(&history));
        assert_eq!(properties(&doc, "Customer"), keys(&history["customer"]));
        let order = history["timeline"]
            .as_array()
            .and_then(|t| t.iter().find(|e| e["kind"] == "order"))
            .expect("order entry");
        let mut order_keys = keys(order);
        order_keys.retain(|k| k != "kind" && k != "at");
        assert_eq!(properties(&doc, "Order"), order_keys);
        assert_eq!(properties(&doc, "Shipment"), keys(&order["shipments"][0]));
        assert_eq!(properties(&doc, "OrderItem"), keys(&order["items"][0]));
        let links = app
            .api_json(&format!("/api/v1/customers/{customer}/links"))
            .await;
        assert_eq!(properties(&doc, "Link"), keys(&links[0]));
        let summary = app.import(&sample()).await;
        assert_eq!(properties(&doc, "ImportSummary"), keys(&summary));
        let mailbox = app
            .api(
                "POST",
                "/api/v1/mailboxes",
                super::mailboxes::request().to_string().as_bytes(),
            )
            .await
            .json();
        assert_eq!(properties(&doc, "Mailbox"), keys(&mailbox));
        let mut request_keys = keys(&super::mailboxes::request());
        request_keys.extend([
            "max_message_bytes".to_string(),
            "move_to".to_string(),
            "sent_folder".to_string(),
        ]);
        request_keys.sort();
        assert_eq!(properties(&doc, "MailboxRequest"), request_keys);
        let error = app.get("/api/v1/tickets").await.json();
        assert_eq!(properties(&doc, "Error"), keys(&error));
        assert_eq!(properties(&doc, "ErrorDetail"), keys(&error["error"]));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_triage_answers_match_the_document() {
        let app = spawn_app(false).await;
        let doc = app.get("/api/v1/openapi.json").await.json();
        app.import(&super::triage::world()).await;
        let (amazon, email) = super::triage::tickets(&app).await;
        let (a, e) = (
            amazon["id"].as_str().expect("id"),
            email["id"].as_str().expect("id"),
        );
        let events = app.api_json(&format!("/api/v1/tickets/{e}/events")).await;
        assert_eq!(properties(&doc, "Event"), keys(&events[0]));

        let body = json!({"tickets": [a, e]}).to_string();
        let merged = app
            .api("POST", "/api/v1/tickets/merge", body.as_bytes())
            .await
            .json();
        assert_eq!(properties(&doc, "MergeResult"), keys(&merged));
        assert_eq!(
            properties(&doc, "CourtesyNoteView"),
            keys(&merged["courtesy_notes"][0])
        );
        assert_eq!(
            properties(&doc, "MergeRequest"),
            keys(&json!({"tickets": []}))
        );
        let unmerged = app
            .api("POST", &format!("/api/v1/tickets/{a}/unmerge"), b"")
            .await
            .json();
        assert_eq!(properties(&doc, "UnmergeResult"), keys(&unmerged));

        let customer = amazon["customer_id"].as_str().expect("customer");
        let suggestions = app
            .api_json(&format!(
                "/api/v1/customers/suggestions?customer={customer}"
            ))
            .await;
        assert_eq!(
            properties(&doc, "CustomerSuggestion"),
            keys(&suggestions[0])
        );
        let other = suggestions[0]["customer_id"].as_str().expect("other");
        let request = json!({"a": customer, "b": other, "note": "x"});
        assert_eq!(properties(&doc, "LinkRequest"), keys(&request));
        let linked = app
            .api(
                "POST",
                "/api/v1/customers/link",
                request.to_string().as_bytes(),
            )
            .await
            .json();
        assert_eq!(properties(&doc, "CustomerLinkResult"), keys(&linked));
    }
}

mod ui {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn pages_need_a_session_outside_demo_mode() {
        let app = spawn_app(false).await;
        let r = app.get("/").await;
        assert_eq!((r.status, r.header("location")), (303, Some("/login")));
        let r = app.get("/tickets/5?lang=de").await;
        assert_eq!(
            r.header("location"),
            Some("/login?next=/tickets/5%3Flang%3Dde")
        );
        let r = app.get("/login").await;
        assert_eq!(r.status, 200);
        assert!(r.text().contains("name=\"token\""));

        let r = app
            .request(
                "POST",
                "/login",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                b"token=wrong&next=%2F",
            )
            .await;
        assert_eq!(r.status, 401);
        assert!(r.text().contains("That token is not valid."));
        assert!(
            r.headers("set-cookie")
                .iter()
                .all(|c| !c.starts_with("cairn_session"))
        );

        // A form from another site is refused outright.
        let body = format!("token={TOKEN}");
        let r = app
            .request(
                "POST",
                "/login",
                &[
                    ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Origin", "https://evil.example"),
                ],
                body.as_bytes(),
            )
            .await;
        assert_eq!(r.status, 403);

        let body = format!("token={TOKEN}&next=%2F%2Fevil.example%2F");
        let r = app
            .request(
                "POST",
                "/login",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                body.as_bytes(),
            )
            .await;
        assert_eq!(r.status, 303);
        assert_eq!(r.header("location"), Some("/"), "no open redirect");
        let set = r
            .headers("set-cookie")
            .into_iter()
            .find(|c| c.starts_with("cairn_session="))
            .expect("session cookie")
            .to_string();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Strict"),
            "{set}"
        );
        assert!(
            !set.contains(TOKEN),
            "the cookie holds a session id, not the token"
        );

        let cookie = app.sign_in().await;
        let r = app.get_with("/", &[("Cookie", &cookie)]).await;
        assert_eq!(r.status, 200);
        assert!(r.text().contains("Sign out"));

        let r = app.get_with("/logout", &[("Cookie", &cookie)]).await;
        assert_eq!(r.status, 303);
        let r = app.get_with("/", &[("Cookie", &cookie)]).await;
        assert_eq!(r.status, 303, "the session ended on the server");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_inbox_shows_the_queue_and_escapes_customer_text() {
        let app = spawn_app(false).await;
        app.import(&sample()).await;
        let cookie = app.sign_in().await;
        let r = app.get_with("/", &[("Cookie", &cookie)]).await;
        assert_eq!(r.status, 200);
        assert!(
            r.header("content-type")
                .is_some_and(|c| c.starts_with("text/html"))
        );
        assert_eq!(r.header("cache-control"), Some("no-store"));
        let html = r.text();
        assert!(html.contains("Jana Schmidt"));
        assert!(html.contains(&format!("Frage zur Bestellung {ORDER_ID}")));
        assert!(html.contains("Paket noch nicht da"));
        assert!(html.contains("amazon.de"));
        assert!(html.contains("<span class=\"cc\">DE</span> amazon.de"));
        assert!(html.contains("badge ch-amazon"));
        assert!(html.contains("badge ch-shopify"));
        assert!(html.contains("22 h left"), "time left on the Amazon clock");
        // Markup written by a customer is text, never markup.
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Rückgabe"),
            "{html}"
        );
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("Max &lt;b&gt;Muster&lt;/b&gt;"));
        assert!(!html.contains("<b>Muster</b>"));
        // The page's only script is our own file.
        assert_eq!(html.matches("<script").count(), 1);

        let r = app
            .get_with("/?tab=all&channel=shopify", &[("Cookie", &cookie)])
            .await;
        let html = r.text();
        assert!(html.contains("Rückgabe") && !html.contains("Frage zur Bestellung"));
        let r = app
            .get_with("/?sort=deadline&page=9", &[("Cookie", &cookie)])
            .await;
        assert_eq!(r.status, 200);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn german_everywhere_when_asked() {
        let app = spawn_app(true).await;
        app.import(&sample()).await;
        let r = app.get("/?lang=de").await;
        assert_eq!(r.status, 200);
        let html = r.text();
        assert!(html.contains("<html lang=\"de\">"));
        for german in [
            "Posteingang",
            "Betreff",
            "Restzeit",
            "Kunden",
            "Demo-Modus",
            "noch 22 Std.",
        ] {
            assert!(html.contains(german), "missing {german}");
        }
        for english in [
            "Inbox",
            "Subject",
            "Time left",
            "Customers",
            "left",
            "Open",
            "All channels",
        ] {
            assert!(
                !html.contains(&format!(">{english}<")),
                "English {english:?} in the German UI"
            );
        }
        assert!(!html.contains(" left<"));
        let cookie = r
            .headers("set-cookie")
            .into_iter()
            .find(|c| c.starts_with("lang=de"))
            .expect("language remembered")
            .to_string();
        assert!(cookie.contains("Path=/"));

        // The cookie, then the browser's languages.
        let r = app.get_with("/customers", &[("Cookie", "lang=de")]).await;
        assert!(r.text().contains("Identitäten"));
        let r = app
            .get_with(
                "/customers",
                &[("Accept-Language", "de-DE,de;q=0.9,en;q=0.5")],
            )
            .await;
        assert!(r.text().contains("Identitäten"));
        let r = app
            .get_with("/customers", &[("Accept-Language", "fr-FR")])
            .await;
        assert!(r.text().contains("Identities"));

        let t = amazon_ticket(&app).await;
        let id = t["id"].as_str().expect("id");
        let r = app.get(&format!("/tickets/{id}?lang=de")).await;
        let html = r.text();
        for german in [
            "Ticketdaten",
            "Bestellungen",
            "Identitätsverknüpfungen",
            "Versand durch Sie (FBM)",
            "49,90 €",
        ] {
            assert!(html.contains(german), "missing {german}");
        }
        let r = app.get("/tickets/nope?lang=de").await;
        assert_eq!(r.status, 400);
        assert!(r.text().contains("keine gültige Nummer"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_ticket_page_shows_conversation_and_history() {
        let app = spawn_app(true).await;
        app.import(&sample()).await;
        let t = amazon_ticket(&app).await;
        let id = t["id"].as_str().expect("id");
        let r = app.get(&format!("/tickets/{id}")).await;
        assert_eq!(r.status, 200);
        let html = r.text();
        for expected in [
            "Hallo, wo ist mein Paket?",
            "msg msg-in",
            ORDER_ID,
            "Tischlampe Messing",
            "LAMP-01",
            "€49.90",
            "FBM",
            "DHL",
            "00340434161094042557",
            ALIAS,
            "jana@example.de",
            "Amazon relay address",
            "Paket noch nicht da",
            "Names the order",
            "Undo link",
            "Lindenstr. 12",
            "datetime=\"2026-11-10T08:01:00Z\"",
        ] {
            assert!(html.contains(expected), "ticket page lacks {expected:?}");
        }

        // The Shopify customer's markup stays text on their ticket page too.
        let tickets = app.api_json("/api/v1/tickets?status=all").await;
        let shop = tickets
            .as_array()
            .and_then(|a| a.iter().find(|t| t["channel"] == "shopify"))
            .expect("shopify ticket");
        let html = app
            .get(&format!("/tickets/{}", shop["id"].as_str().expect("id")))
            .await
            .text();
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; bitte um Rückruf"));
        assert!(!html.contains("<img src=x"));

        let customer = t["customer_id"].as_str().expect("customer");
        let r = app.get(&format!("/customers/{customer}")).await;
        assert_eq!(r.status, 200);
        let html = r.text();
        assert!(html.contains("Timeline") && html.contains(&format!("Order {ORDER_ID}")));
        assert!(html.contains("Message from the customer"));

        assert_eq!(app.get("/tickets/99999999").await.status, 404);
        assert_eq!(app.get("/customers/x1").await.status, 400);
        assert_eq!(app.get("/no/such/page").await.status, 404);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn undoing_a_link_from_the_page_needs_its_form_token() {
        let app = spawn_app(false).await;
        app.import(&sample()).await;
        let cookie = app.sign_in().await;
        let t = amazon_ticket(&app).await;
        let customer = t["customer_id"].as_str().expect("customer");
        let links = app
            .api_json(&format!("/api/v1/customers/{customer}/links"))
            .await;
        let link = links
            .as_array()
            .and_then(|l| l.iter().find(|l| l["evidence"] == "mentions_order"))
            .and_then(|l| l["id"].as_str())
            .expect("link")
            .to_string();
        let page = app
            .get_with(&format!("/customers/{customer}"), &[("Cookie", &cookie)])
            .await
            .text();
        let csrf = page
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("form token")
            .to_string();
        let form = [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie.as_str()),
        ];
        let path = format!("/identity-links/{link}/undo");

        let r = app
            .request("POST", &path, &form, b"csrf=forged&back=%2F")
            .await;
        assert_eq!(r.status, 403);

        let body = format!("csrf={csrf}&back=%2Fcustomers%2F{customer}");
        let r = app.request("POST", &path, &form, body.as_bytes()).await;
        assert_eq!(r.status, 303, "{}", r.text());
        let location = r.header("location").expect("back to the page").to_string();
        let prefix = format!("/customers/{customer}?unlinked={customer},");
        assert!(location.starts_with(&prefix), "{location}");
        let split = location[prefix.len()..].to_string();
        let html = app.get_with(&location, &[("Cookie", &cookie)]).await.text();
        assert!(html.contains("Link undone."));
        assert!(html.contains(&format!("<a href=\"/customers/{split}\">#{split}</a>")));
        let html = app
            .get_with(&format!("/customers/{split}"), &[("Cookie", &cookie)])
            .await
            .text();
        assert!(
            html.contains("class=\"undone\""),
            "the undone link shows where it came from"
        );
        assert!(html.contains("jana@example.de"));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_response_carries_the_security_headers() {
        let app = spawn_app(true).await;
        let csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
        for path in [
            "/",
            "/login",
            "/healthz",
            "/api/v1/tickets",
            "/static/app.css",
            "/nope",
            "/api/v1/openapi.json",
        ] {
            let r = app.get(path).await;
            assert_eq!(r.header("content-security-policy"), Some(csp), "{path}");
            assert_eq!(
                r.header("x-content-type-options"),
                Some("nosniff"),
                "{path}"
            );
            assert_eq!(r.header("referrer-policy"), Some("same-origin"), "{path}");
        }
        let html = app.get("/").await.text();
        let version = html
            .split("/static/app.css?v=")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("fingerprinted stylesheet")
            .to_string();
        let css = app.get(&format!("/static/app.css?v={version}")).await;
        assert_eq!(css.status, 200);
        assert!(
            css.header("content-type")
                .is_some_and(|c| c.starts_with("text/css"))
        );
        assert!(
            css.header("cache-control")
                .is_some_and(|c| c.contains("immutable"))
        );
        assert!(css.text().contains(".badge.ch-amazon"));
        let etag = css.header("etag").expect("etag").to_string();
        let again = app
            .get_with("/static/app.css", &[("If-None-Match", &etag)])
            .await;
        assert_eq!(again.status, 304);
        let js = app.get("/static/app.js").await;
        assert!(
            js.header("content-type")
                .is_some_and(|c| c.starts_with("text/javascript"))
        );
        // Nothing is fetched from elsewhere.
        assert!(!html.contains("http://") && !html.contains("https://"));
    }
}

mod content {
    use super::*;
    use cairn_store::{MailCommit, MessageAttachments, NewAttachment};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";

    /// A mail with an inline image, two files, and HTML that tries everything.
    async fn mail_with_attachments(app: &App) -> (String, String) {
        let html = r#"<div onclick="steal()"><p>Kaputt angekommen:</p><img src="cid:pic1@example.com" alt="Foto"><img src="https://tracker.example.com/open.png?u=1"><img src="http://127.0.0.1:9/x.png"><script>alert(1)</script><a href="javascript:alert(2)">klick</a><iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name=p></form><base href="https://evil.example/"></div>"#;
        let line = json!({"type":"message","channel":"email","external_id":"<att@example.com>",
            "received_at":"2026-11-10T09:30:00Z","direction":"inbound",
            "from":{"email":"kim@example.com","name":"Kim"},"to":"shop@example.com",
            "subject":"Defekt","text":"Kaputt angekommen.","html":html});
        let record = cairn_domain::records::parse_record(&line.to_string()).expect("record");
        let commit = MailCommit {
            notices: Vec::new(),
            attachments: vec![MessageAttachments {
                channel: "email".into(),
                external_id: "<att@example.com>".into(),
                attachments: vec![
                    NewAttachment {
                        filename: Some("foto.png".into()),
                        content_type: "image/png".into(),
                        content_id: Some("pic1@example.com".into()),
                        inline: true,
                        data: PNG.to_vec(),
                    },
                    NewAttachment {
                        filename: Some("../Rechnung März \"final\".html".into()),
                        content_type: "text/html".into(),
                        content_id: Some("page@example.com".into()),
                        inline: false,
                        data: b"<script>alert(document.cookie)</script>".to_vec(),
                    },
                    NewAttachment {
                        filename: Some("beleg.pdf".into()),
                        content_type: "application/pdf".into(),
                        content_id: None,
                        inline: false,
                        data: b"%PDF-1.4".to_vec(),
                    },
                ],
            }],
            ..MailCommit::default()
        };
        app.store
            .ingest_mail(
                app.tenant,
                &[record],
                &cairn_store::IngestOptions::default(),
                now(),
                &commit,
            )
            .await
            .expect("ingest");
        let tickets = app.api_json("/api/v1/tickets?status=all").await;
        let ticket = tickets
            .as_array()
            .and_then(|t| t.iter().find(|t| t["subject"] == "Defekt"))
            .expect("ticket")["id"]
            .as_str()
            .expect("id")
            .to_string();
        let detail = app.api_json(&format!("/api/v1/tickets/{ticket}")).await;
        let message = detail["messages"][0]["id"]
            .as_str()
            .expect("message id")
            .to_string();
        (ticket, message)
    }

    /// Every `src="…"` of a page, with `&amp;` read back.
    fn sources(html: &str) -> Vec<String> {
        html.split("src=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(|s| s.replace("&amp;", "&"))
            .collect()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn attachments_are_downloads_and_the_html_view_is_sandboxed() {
        let app = spawn_app(false).await;
        let (ticket, message) = mail_with_attachments(&app).await;
        let cookie = app.sign_in().await;
        let get = |path: String, cookie: Option<String>| {
            let app = &app;
            async move {
                match cookie {
                    Some(c) => app.get_with(&path, &[("Cookie", &c)]).await,
                    None => app.get(&path).await,
                }
            }
        };

        // The ticket page lists the files and frames the HTML in a sandbox without scripts.
        let page = get(format!("/tickets/{ticket}"), Some(cookie.clone())).await;
        assert_eq!(page.status, 200);
        let text = page.text();
        assert!(
            text.contains(&format!("href=\"/attachments/{message}/2\"")),
            "{text}"
        );
        assert!(text.contains("beleg.pdf"));
        assert!(text.contains(&format!(
            "src=\"/messages/{message}/html?lang=en\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\""
        )));
        assert!(!text.contains("allow-scripts") && !text.contains("allow-same-origin"));
        assert!(text.contains("2 remote images were blocked."), "{text}");
        assert!(text.contains(&format!("/messages/{message}/html?lang=en&amp;remote=1")));

        // Downloads need the session, and are never rendered.
        let r = get(format!("/attachments/{message}/1"), None).await;
        assert_eq!(r.status, 303);
        let r = get(format!("/attachments/{message}/1"), Some(cookie.clone())).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("application/octet-stream"));
        assert_eq!(
            r.header("content-disposition"),
            Some(
                "attachment; filename=\"Rechnung M_rz _final_.html\"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%22final%22.html"
            )
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(
            r.header("content-security-policy"),
            Some("default-src 'none'; sandbox")
        );
        assert_eq!(r.body, b"<script>alert(document.cookie)</script>");
        let r = get(format!("/attachments/{message}/2"), Some(cookie.clone())).await;
        assert_eq!(r.header("content-type"), Some("application/pdf"));
        assert!(
            r.header("content-disposition")
                .is_some_and(|d| d.starts_with("attachment;"))
        );
        let r = get(format!("/attachments/{message}/0"), Some(cookie.clone())).await;
        assert_eq!(r.body, PNG);
        assert!(
            r.header("content-disposition")
                .is_some_and(|d| d.starts_with("attachment;"))
        );
        for missing in [
            format!("/attachments/{message}/3"),
            "/attachments/999999/0".into(),
        ] {
            assert_eq!(get(missing, Some(cookie.clone())).await.status, 404);
        }
        assert_eq!(
            get(format!("/attachments/{message}/x"), Some(cookie.clone()))
                .await
                .status,
            400
        );
        // Another tenant's session sees nothing.
        let other = app.sign_in_with("other-tenant-token").await;
        for path in [
            format!("/attachments/{message}/0"),
            format!("/messages/{message}/html"),
        ] {
            assert_eq!(
                get(path.clone(), Some(other.clone())).await.status,
                404,
                "{path}"
            );
        }

        // The HTML view: a document of its own under a strict policy.
        let r = get(format!("/messages/{message}/html"), None).await;
        assert_eq!(r.status, 303);
        let r = get(format!("/messages/{message}/html"), Some(cookie.clone())).await;
        assert_eq!(r.status, 200);
        assert_eq!(
            r.header("content-security-policy"),
            Some(
                "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
            )
        );
        assert_eq!(r.header("x-frame-options"), Some("SAMEORIGIN"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("cache-control"), Some("no-store"));
        let doc = r.text();
        assert!(doc.contains("Kaputt angekommen:"));
        let lower = doc.to_ascii_lowercase();
        for gone in [
            "<script",
            "onclick",
            "javascript:",
            "<iframe",
            "<form",
            "<base",
            "tracker.example.com",
            "127.0.0.1",
        ] {
            assert!(!lower.contains(gone), "{gone} survived: {doc}");
        }
        assert_eq!(doc.matches("data-blocked=\"remote\"").count(), 2, "{doc}");
        let srcs = sources(&doc);
        assert_eq!(srcs.len(), 1, "{srcs:?}");
        let inline = srcs[0].clone();
        assert!(
            inline.starts_with(&format!("/attachments/{message}/0/inline?t=")),
            "{inline}"
        );

        // The cid image loads without a session (the sandbox sends no cookies), by signature.
        let r = get(inline.clone(), None).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("image/png"));
        assert!(
            r.header("content-disposition")
                .is_some_and(|d| d.starts_with("inline;"))
        );
        assert_eq!(r.body, PNG);
        // The signature covers message, position, tenant and expiry.
        let forged = [
            inline.replace(&format!("/{message}/0/"), &format!("/{message}/1/")),
            inline.replace("&sig=", "&sig=00"),
            inline.replace("&e=", "&e=9"),
            inline.split("&sig=").next().unwrap_or_default().to_string(),
        ];
        for f in forged {
            assert_eq!(get(f.clone(), None).await.status, 403, "{f}");
        }

        // Remote images on request: through the signed proxy, which refuses this machine.
        let r = get(
            format!("/messages/{message}/html?remote=1"),
            Some(cookie.clone()),
        )
        .await;
        let doc = r.text();
        let srcs = sources(&doc);
        assert_eq!(srcs.len(), 3, "{doc}");
        assert!(srcs[1].starts_with(
            "/proxy/image?url=https%3A%2F%2Ftracker.example.com%2Fopen.png%3Fu%3D1&sig="
        ));
        let local = srcs[2].clone();
        assert!(local.starts_with("/proxy/image?url=http%3A%2F%2F127.0.0.1%3A9%2Fx.png&sig="));
        let r = get(local.clone(), None).await;
        assert_eq!(r.status, 403, "{}", r.text());
        assert!(r.text().contains("not a public address"), "{}", r.text());
        let forged = local.replace("127.0.0.1%3A9", "169.254.169.254%3A80");
        let r = get(forged, None).await;
        assert_eq!(r.status, 403);
        assert!(r.text().contains("bad signature"));
        assert_eq!(get("/proxy/image".into(), None).await.status, 400);
    }
}

mod mailboxes {
    use super::*;

    pub fn request() -> Value {
        json!({"name":"shop","address":"Shop@Example.com","imap":"imap.example.com:993",
            "smtp":"smtp.example.com:465","user":"shop@example.com","password":"hunter2-secret",
            "security":"starttls","folders":["INBOX","Amazon"]})
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn mailboxes_are_added_listed_and_removed_without_showing_passwords() {
        let app = spawn_app(false).await;
        assert_eq!(app.api_json("/api/v1/mailboxes").await, json!([]));
        let body = request().to_string();
        let r = app
            .request("POST", "/api/v1/mailboxes", &[], body.as_bytes())
            .await;
        assert_eq!(r.status, 401);

        let r = app.api("POST", "/api/v1/mailboxes", body.as_bytes()).await;
        assert_eq!(r.status, 201, "{}", r.text());
        assert!(!r.text().contains("hunter2"), "{}", r.text());
        let created = r.json();
        assert_eq!(created["name"], "shop");
        assert_eq!(created["address"], "shop@example.com");
        assert_eq!(created["imap"], "imap.example.com:993");
        assert_eq!(created["security"], "starttls");
        assert_eq!(created["folders"], json!(["INBOX", "Amazon"]));
        assert_eq!(created["sent_folder"], "Sent");
        assert_eq!(created["move_to"], Value::Null);
        assert!(created.get("password").is_none());
        let id = created["id"].as_str().expect("id").to_string();

        // The password is kept sealed under the data folder's key, and opens again.
        let stored = app
            .store
            .mailbox_by_name(app.tenant, "shop")
            .await
            .expect("read")
            .expect("stored");
        assert!(!stored.settings.password_enc.contains("hunter2"));

        // The same name again replaces the settings.
        let mut again = request();
        again["imap"] = json!("[::1]:10143");
        again["smtp"] = json!("127.0.0.1:10025");
        again["security"] = json!("none");
        again["move_to"] = json!("Cairn/Done");
        let r = app
            .api("POST", "/api/v1/mailboxes", again.to_string().as_bytes())
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["id"], json!(id));
        assert_eq!(r.json()["imap"], "[::1]:10143");
        assert_eq!(r.json()["move_to"], "Cairn/Done");

        for (field, value) in [
            ("security", json!("none")),
            ("imap", json!("imap.example.com")),
            ("smtp", json!("smtp.example.com:99999")),
            ("address", json!("nobody")),
            ("password", json!("")),
            ("security", json!("ssl")),
            ("move_to", json!("INBOX")),
        ] {
            let mut bad = request();
            bad[field] = value;
            let r = app
                .api("POST", "/api/v1/mailboxes", bad.to_string().as_bytes())
                .await;
            assert_eq!(r.status, 400, "{field}: {}", r.text());
            assert_eq!(r.json()["error"]["code"], "invalid_body");
        }
        let r = app.api("POST", "/api/v1/mailboxes", b"{\"name\":1").await;
        assert_eq!(r.status, 400);
        let mut missing = request();
        missing.as_object_mut().map(|o| o.remove("password"));
        let r = app
            .api("POST", "/api/v1/mailboxes", missing.to_string().as_bytes())
            .await;
        assert_eq!(r.status, 400);

        let list = app.api_json("/api/v1/mailboxes").await;
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        assert!(!list.to_string().contains("hunter2"));

        // Another tenant neither sees nor removes it.
        let other = [("Authorization", "Bearer other-tenant-token")];
        let r = app.request("GET", "/api/v1/mailboxes", &other, b"").await;
        assert_eq!(r.json(), json!([]));
        let path = format!("/api/v1/mailboxes/{id}");
        let r = app.request("DELETE", &path, &other, b"").await;
        assert_eq!(r.status, 404);

        let r = app.api("DELETE", &path, b"").await;
        assert_eq!(r.status, 204);
        assert_eq!(app.api_json("/api/v1/mailboxes").await, json!([]));
        assert_eq!(app.api("DELETE", &path, b"").await.status, 404);
        assert_eq!(
            app.api("DELETE", "/api/v1/mailboxes/abc", b"").await.status,
            400
        );
    }
}

mod inbox {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_inbox_filters_by_channel_and_counts_in_the_database() {
        let app = spawn_app(true).await;
        app.import(&sample()).await;
        let all = app.get("/").await.text();
        assert!(all.contains("Frage zur Bestellung") && all.contains("Rückgabe"));
        let amazon = app.get("/?channel=amazon").await.text();
        assert!(amazon.contains("Frage zur Bestellung"));
        assert!(!amazon.contains("Rückgabe"));
        let shopify = app.get("/?channel=shopify&page=9").await.text();
        assert!(shopify.contains("Rückgabe") && !shopify.contains("Frage zur Bestellung"));
        assert!(shopify.contains("Page 1 of 1"), "{shopify}");
        let walmart = app.get("/?channel=walmart&sort=deadline").await.text();
        assert!(!walmart.contains("Rückgabe") && !walmart.contains("Frage zur Bestellung"));
    }
}

#[path = "web/browser.rs"]
mod browser;

#[path = "web/settings.rs"]
mod settings;

mod triage {
    use super::*;

    /// Jana asks on Amazon where her parcel is, then asks the same by email an hour later: the
    /// email ticket repeats the Amazon one. Another "Jana Schmidt" in her postal code ordered on
    /// eBay to a Packstation: probably her, but nothing ties the two together by itself.
    pub(crate) fn world() -> Vec<String> {
        vec![
            order().to_string(),
            message(
                "<a1b2@marketplace.amazon.de>",
                "amazon",
                ALIAS,
                "Jana Schmidt",
                "2026-11-10T08:01:00Z",
                &format!("Frage zur Bestellung {ORDER_ID}"),
                "Hallo, wo ist mein Paket? Ich warte schon lange und bin verärgert.",
            )
            .to_string(),
            message(
                "<m1@example.de>",
                "email",
                "jana@example.de",
                "Jana Schmidt",
                "2026-11-10T09:00:00Z",
                "Wo ist mein Paket?",
                &format!("Hallo, wo ist mein Paket zur Bestellung {ORDER_ID}? Bitte um Sendungsverfolgung."),
            )
            .to_string(),
            json!({"type":"order","channel":"ebay","marketplace":"ebay.de","order_id":"12-34567-89012",
              "placed_at":"2026-10-20T10:00:00Z","fulfillment":"merchant",
              "buyer":{"email":null,"name":"Jana Schmidt","phone":null,"buyer_id":"jana_s_1985"},
              "shipping_address":{"name":"Jana Schmidt","line1":"Packstation 123","city":"München","postal_code":"80331","country":"DE"},
              "items":[{"sku":"VASE-02","title":"Vase","quantity":1,"price":{"amount":"19.90","currency":"EUR"}}],
              "total":{"amount":"19.90","currency":"EUR"},"shipments":[]})
            .to_string(),
        ]
    }

    pub(crate) async fn tickets(app: &App) -> (Value, Value) {
        let all = app.api_json("/api/v1/tickets?status=all").await;
        let find = |channel: &str| {
            all.as_array()
                .and_then(|a| a.iter().find(|t| t["channel"] == channel))
                .cloned()
                .unwrap_or_else(|| panic!("{channel} ticket in {all}"))
        };
        (find("amazon"), find("email"))
    }

    fn code(r: &Response) -> (u16, Value) {
        (r.status, r.json()["error"]["code"].clone())
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn merging_and_unmerging_tickets() {
        for (backend, app) in backends().await {
            app.import(&world()).await;
            let (amazon, email) = tickets(&app).await;
            let (a, e) = (
                amazon["id"].as_str().expect("id").to_string(),
                email["id"].as_str().expect("id").to_string(),
            );
            assert_eq!(email["duplicate_of"], json!(a), "{backend}: {email}");

            // Refusals first, each with its code.
            let merge = |body: Value| {
                let app = &app;
                async move {
                    app.api("POST", "/api/v1/tickets/merge", body.to_string().as_bytes())
                        .await
                }
            };
            assert_eq!(
                code(&merge(json!({"tickets": [a]})).await),
                (400, json!("invalid_body"))
            );
            assert_eq!(
                code(&merge(json!({"tickets": [a, a]})).await),
                (400, json!("invalid_body"))
            );
            assert_eq!(
                code(&merge(json!({"ticket": [a, e]})).await),
                (400, json!("invalid_body"))
            );
            assert_eq!(
                code(&merge(json!({"tickets": [a, "x"]})).await),
                (400, json!("invalid_id"))
            );
            assert_eq!(
                code(&merge(json!({"tickets": [a, "99999999"]})).await),
                (404, json!("not_found"))
            );
            let r = app
                .request(
                    "POST",
                    "/api/v1/tickets/merge",
                    &[("Authorization", "Bearer other-tenant-token")],
                    json!({"tickets": [a, e]}).to_string().as_bytes(),
                )
                .await;
            assert_eq!(
                code(&r),
                (404, json!("not_found")),
                "{backend}: another tenant's tickets"
            );
            let r = app
                .request(
                    "POST",
                    "/api/v1/tickets/merge",
                    &[],
                    json!({"tickets": [a, e]}).to_string().as_bytes(),
                )
                .await;
            assert_eq!(r.status, 401);

            // Numbers work as well as strings; the Amazon thread has the stricter clock.
            let e_num: i64 = e.parse().expect("numeric id");
            let r = merge(json!({"tickets": [e_num, a]})).await;
            assert_eq!(r.status, 200, "{backend}: {}", r.text());
            let result = r.json();
            assert_eq!(result["primary"], json!(a));
            assert_eq!(result["merged"], json!([e]));
            let notes = result["courtesy_notes"].as_array().expect("notes");
            assert_eq!(notes.len(), 1, "{result}");
            assert_eq!(notes[0]["ticket_id"], json!(e));
            assert_eq!(notes[0]["channel"], json!("email"));
            assert!(
                notes[0]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(ORDER_ID))
            );
            let merged = app.api_json(&format!("/api/v1/tickets/{e}")).await;
            assert_eq!(merged["ticket"]["status"], json!("merged"));
            assert_eq!(merged["ticket"]["merged_into"], json!(a));

            let again = merge(json!({"tickets": [a, e]})).await;
            assert_eq!(code(&again), (409, json!("conflict")), "{backend}");
            assert!(
                again.json()["error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("already merged"))
            );

            // The event log of both tickets tells it.
            let events = app.api_json(&format!("/api/v1/tickets/{a}/events")).await;
            let kinds: Vec<&str> = events
                .as_array()
                .expect("events")
                .iter()
                .filter_map(|e| e["kind"].as_str())
                .collect();
            assert!(kinds.contains(&"tickets_merged"), "{backend}: {kinds:?}");
            let events = app.api_json(&format!("/api/v1/tickets/{e}/events")).await;
            let kinds: Vec<&str> = events
                .as_array()
                .expect("events")
                .iter()
                .filter_map(|e| e["kind"].as_str())
                .collect();
            assert!(
                kinds.contains(&"merged_into") && kinds.contains(&"duplicate_flagged"),
                "{backend}: {kinds:?}"
            );
            assert_eq!(
                code(&app.api("GET", "/api/v1/tickets/99999999/events", b"").await),
                (404, json!("not_found"))
            );
            assert_eq!(
                code(&app.api("GET", "/api/v1/tickets/x/events", b"").await),
                (400, json!("invalid_id"))
            );
            let r = app
                .request(
                    "GET",
                    &format!("/api/v1/tickets/{a}/events"),
                    &[("Authorization", "Bearer other-tenant-token")],
                    b"",
                )
                .await;
            assert_eq!(r.status, 404, "{backend}: another tenant's events");

            // Unmerging the primary restores the merged ticket; twice is a conflict.
            let r = app
                .api("POST", &format!("/api/v1/tickets/{a}/unmerge"), b"")
                .await;
            assert_eq!(r.status, 200, "{backend}: {}", r.text());
            assert_eq!(r.json()["restored"], json!([e]));
            let restored = app.api_json(&format!("/api/v1/tickets/{e}")).await;
            assert_eq!(restored["ticket"]["status"], json!("open"));
            assert!(restored["ticket"]["merged_into"].is_null());
            let r = app
                .api("POST", &format!("/api/v1/tickets/{a}/unmerge"), b"")
                .await;
            assert_eq!(code(&r), (409, json!("conflict")), "{backend}");
            let r = app
                .api("POST", "/api/v1/tickets/99999999/unmerge", b"")
                .await;
            assert_eq!(code(&r), (404, json!("not_found")));
            app.finish().await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn suggesting_and_linking_customers() {
        for (backend, app) in backends().await {
            app.import(&world()).await;
            let (amazon, _) = tickets(&app).await;
            let jana = amazon["customer_id"]
                .as_str()
                .expect("customer")
                .to_string();

            let r = app
                .api(
                    "GET",
                    &format!("/api/v1/customers/suggestions?customer={jana}"),
                    b"",
                )
                .await;
            assert_eq!(r.status, 200, "{backend}: {}", r.text());
            let suggestions = r.json();
            let first = &suggestions[0];
            let other = first["customer_id"]
                .as_str()
                .expect("suggested customer")
                .to_string();
            assert_ne!(other, jana);
            assert_eq!(first["name"], json!("Jana Schmidt"));
            assert!(
                first["confidence"]
                    .as_u64()
                    .is_some_and(|c| c > 0 && c <= 100)
            );
            assert!(
                first["evidence"][0]
                    .as_str()
                    .is_some_and(|e| e.contains("80331")),
                "{suggestions}"
            );

            assert_eq!(
                code(&app.api("GET", "/api/v1/customers/suggestions", b"").await),
                (400, json!("invalid_parameter"))
            );
            assert_eq!(
                code(
                    &app.api("GET", "/api/v1/customers/suggestions?customer=abc", b"")
                        .await
                ),
                (400, json!("invalid_id"))
            );
            assert_eq!(
                code(
                    &app.api(
                        "GET",
                        "/api/v1/customers/suggestions?customer=99999999",
                        b""
                    )
                    .await
                ),
                (404, json!("not_found"))
            );

            let link = |body: Value| {
                let app = &app;
                async move {
                    app.api(
                        "POST",
                        "/api/v1/customers/link",
                        body.to_string().as_bytes(),
                    )
                    .await
                }
            };
            assert_eq!(
                code(&link(json!({"a": jana})).await),
                (400, json!("invalid_body"))
            );
            assert_eq!(
                code(&link(json!({"a": jana, "b": "99999999"})).await),
                (404, json!("not_found"))
            );
            let r = app
                .request(
                    "POST",
                    "/api/v1/customers/link",
                    &[("Authorization", "Bearer other-tenant-token")],
                    json!({"a": jana, "b": other}).to_string().as_bytes(),
                )
                .await;
            assert_eq!(
                code(&r),
                (404, json!("not_found")),
                "{backend}: another tenant's customers"
            );

            let r = link(json!({"a": jana, "b": other, "note": "same person, moved"})).await;
            assert_eq!(r.status, 200, "{backend}: {}", r.text());
            let result = r.json();
            let kept = result["customer_id"].as_str().expect("kept").to_string();
            let link_id = result["link_id"].as_str().expect("link").to_string();
            let customer = app.api_json(&format!("/api/v1/customers/{other}")).await;
            assert_eq!(customer["id"], json!(kept));
            assert!(
                customer["order_ids"]
                    .as_array()
                    .is_some_and(|o| o.len() == 2),
                "{customer}"
            );
            let r = link(json!({"a": jana, "b": other})).await;
            assert_eq!(code(&r), (409, json!("conflict")), "{backend}");

            // Splitting them again is undoing the link.
            let r = app
                .api("DELETE", &format!("/api/v1/identity-links/{link_id}"), b"")
                .await;
            assert_eq!(r.status, 200, "{backend}: {}", r.text());
            assert_eq!(r.json()["customer_ids"].as_array().map(Vec::len), Some(2));
            app.finish().await;
        }
    }
}

mod triage_ui {
    use super::triage::{tickets, world};
    use super::*;

    fn csrf_of(html: &str) -> String {
        html.split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("form token")
            .to_string()
    }

    fn english_reasons(ticket: &Value) -> Vec<String> {
        let mut out: Vec<String> = ticket["duplicate_reasons"]
            .as_array()
            .expect("duplicate reasons")
            .iter()
            .filter_map(|r| r.as_str())
            .map(|r| r.split_once(": ").map_or(r, |(_, text)| text).to_string())
            .collect();
        out.extend(
            ticket["risk"]["reasons"]
                .as_array()
                .expect("risk reasons")
                .iter()
                .filter_map(|r| r.as_str().map(str::to_string)),
        );
        out
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_german_ticket_page_tells_every_reason_in_german() {
        let app = spawn_app(true).await;
        app.import(&world()).await;
        let (amazon, email) = tickets(&app).await;
        assert!(
            email["duplicate_reasons"]
                .as_array()
                .is_some_and(|r| r.len() >= 3),
            "{email}"
        );
        for ticket in [&email, &amazon] {
            let reasons = english_reasons(ticket);
            assert!(!reasons.is_empty());
            let id = ticket["id"].as_str().expect("id");
            let html = app.get(&format!("/tickets/{id}?lang=de")).await.text();
            for english in &reasons {
                assert!(
                    !html.contains(english.as_str()),
                    "English reason {english:?} on the German page"
                );
            }
            // The English page tells the same reasons as stored.
            let html_en = app.get(&format!("/tickets/{id}?lang=en")).await.text();
            for english in &reasons {
                let escaped = english.replace('&', "&amp;");
                assert!(
                    html_en.contains(&escaped),
                    "{english:?} missing on the English page"
                );
            }
        }
        let id = email["id"].as_str().expect("id");
        let html = app.get(&format!("/tickets/{id}?lang=de")).await.text();
        for german in [
            "Mögliches Duplikat",
            &format!("gleiche Bestellung {ORDER_ID}"),
            "gleiches Anliegen (Wo ist meine Bestellung)",
            "das frühere Ticket ist noch unbeantwortet",
            "derselbe Kunde schrieb über amazon.de vor 59 Min.",
            "Zusammenführen",
            "Begründung",
        ] {
            assert!(html.contains(german), "missing {german:?}");
        }
        let a = amazon["id"].as_str().expect("id");
        let html = app.get(&format!("/tickets/{a}?lang=de")).await.text();
        for german in ["FBM-Bestellung", "Amazon-Kontozustand"] {
            assert!(html.contains(german), "missing {german:?}");
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn merging_from_the_ticket_page_needs_its_form_token() {
        let app = spawn_app(false).await;
        app.import(&world()).await;
        let cookie = app.sign_in().await;
        let (amazon, email) = tickets(&app).await;
        let (a, e) = (
            amazon["id"].as_str().expect("id"),
            email["id"].as_str().expect("id"),
        );
        let page = app
            .get_with(&format!("/tickets/{e}"), &[("Cookie", &cookie)])
            .await
            .text();
        assert!(
            page.contains(&format!("action=\"/tickets/{e}/merge\"")),
            "merge form"
        );
        assert!(page.contains(&format!("name=\"with\" value=\"{a}\"")));
        let csrf = csrf_of(&page);
        let form = [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie.as_str()),
        ];
        let path = format!("/tickets/{e}/merge");
        let forged = format!("csrf=forged&with={a}");
        assert_eq!(
            app.request("POST", &path, &form, forged.as_bytes())
                .await
                .status,
            403
        );
        let foreign = [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie.as_str()),
            ("Origin", "https://evil.example"),
        ];
        let body = format!("csrf={csrf}&with={a}");
        assert_eq!(
            app.request("POST", &path, &foreign, body.as_bytes())
                .await
                .status,
            403
        );
        let r = app.request("POST", &path, &form, body.as_bytes()).await;
        assert_eq!(r.status, 303, "{}", r.text());
        let location = r.header("location").expect("to the primary").to_string();
        assert_eq!(location, format!("/tickets/{a}?merged={e}&notes=1"));
        let html = app.get_with(&location, &[("Cookie", &cookie)]).await.text();
        assert!(
            html.contains(&format!("Merged #{e} into this ticket; 1 note(s)")),
            "notice"
        );
        assert!(
            html.contains(&format!("action=\"/tickets/{a}/unmerge\"")),
            "unmerge on the primary"
        );
        let html = app
            .get_with(&format!("/tickets/{e}"), &[("Cookie", &cookie)])
            .await
            .text();
        assert!(
            !html.contains(&format!("action=\"/tickets/{e}/merge\"")),
            "no second merge"
        );
        assert!(
            html.contains(&format!("action=\"/tickets/{e}/unmerge\"")),
            "unmerge on the merged ticket"
        );
        assert!(
            html.contains("Merged into another ticket"),
            "the audit trail names the merge"
        );

        // Merging it again is refused with a page that says why.
        let r = app.request("POST", &path, &form, body.as_bytes()).await;
        assert_eq!(r.status, 409);
        assert!(r.text().contains("already merged"));

        let unmerge = format!("/tickets/{e}/unmerge");
        assert_eq!(
            app.request("POST", &unmerge, &form, b"csrf=forged")
                .await
                .status,
            403
        );
        let r = app
            .request("POST", &unmerge, &form, format!("csrf={csrf}").as_bytes())
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
        assert_eq!(
            r.header("location"),
            Some(format!("/tickets/{e}?unmerged={e}").as_str())
        );
        let restored = app.api_json(&format!("/api/v1/tickets/{e}")).await;
        assert_eq!(restored["ticket"]["status"], json!("open"));
        let r = app
            .request("POST", &unmerge, &form, format!("csrf={csrf}").as_bytes())
            .await;
        assert_eq!(r.status, 409);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn linking_a_suggested_customer_from_the_customer_page() {
        let app = spawn_app(false).await;
        app.import(&world()).await;
        let cookie = app.sign_in().await;
        let (amazon, _) = tickets(&app).await;
        let jana = amazon["customer_id"].as_str().expect("customer");
        let other = app
            .api_json(&format!("/api/v1/customers/suggestions?customer={jana}"))
            .await[0]["customer_id"]
            .as_str()
            .expect("suggestion")
            .to_string();
        let page = app
            .get_with(
                &format!("/customers/{jana}?lang=de"),
                &[("Cookie", &cookie)],
            )
            .await
            .text();
        assert!(page.contains("Wahrscheinlich dieselbe Person"));
        assert!(
            page.contains("gleicher Name im PLZ-Gebiet 80331"),
            "evidence in German"
        );
        assert!(page.contains(&format!("name=\"other\" value=\"{other}\"")));
        let csrf = csrf_of(&page);
        let form = [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie.as_str()),
        ];
        let path = format!("/customers/{jana}/link");
        let forged = format!("csrf=forged&other={other}");
        assert_eq!(
            app.request("POST", &path, &form, forged.as_bytes())
                .await
                .status,
            403
        );
        let body = format!("csrf={csrf}&other={other}");
        let r = app.request("POST", &path, &form, body.as_bytes()).await;
        assert_eq!(r.status, 303, "{}", r.text());
        let location = r.header("location").expect("customer page").to_string();
        assert!(location.ends_with("?linked=1"), "{location}");
        let html = app.get_with(&location, &[("Cookie", &cookie)]).await.text();
        assert!(html.contains("Customers linked."));
        assert!(html.contains("Linked by hand"), "the manual link is listed");
        let r = app.request("POST", &path, &form, body.as_bytes()).await;
        assert_eq!(r.status, 409);
    }
}
