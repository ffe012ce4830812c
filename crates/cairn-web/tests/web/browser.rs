//! The agent UI in a real browser: headless Chromium, driven over the W3C WebDriver protocol by
//! the chromedriver that `scripts/services.sh` starts (`CAIRN_TEST_CHROMEDRIVER`). Without it
//! every test here prints a notice and passes. The client is a few JSON requests over the same
//! plain HTTP/1.1 the other tests speak; each test gets a fresh server, database and browser
//! profile, and the browser only ever talks to 127.0.0.1.

use super::*;

/// The key W3C WebDriver names a found element by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Browser {
    /// chromedriver's `host:port`.
    driver: String,
    session: String,
    base: String,
    _profile: tempfile::TempDir,
}

/// A browser session on `app`, or `None` (with a notice) when no chromedriver is configured.
async fn browser(test: &str, app: &App) -> Option<Browser> {
    let Ok(url) = std::env::var("CAIRN_TEST_CHROMEDRIVER") else {
        eprintln!("skipping {test}: CAIRN_TEST_CHROMEDRIVER not set (run `. scripts/services.sh`)");
        return None;
    };
    let driver = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let profile = tempfile::tempdir().expect("profile dir");
    let args = [
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        format!("--user-data-dir={}", profile.path().display()),
        "--window-size=1280,900".into(),
        "--lang=en-US".into(),
        "--no-first-run".into(),
        "--disable-sync".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        // Nothing but loopback: every host name fails to resolve.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1".into(),
    ];
    let mut options = json!({ "args": args, "prefs": {"intl.accept_languages": "en-US,en"} });
    if let Ok(binary) = std::env::var("CAIRN_TEST_CHROMIUM") {
        options["binary"] = json!(binary);
    }
    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "pageLoadStrategy": "normal",
        "goog:chromeOptions": options,
    }}});
    let value = wd(&driver, "POST", "/session", Some(&caps)).await;
    let session = value["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {value}"))
        .to_string();
    let b = Browser {
        driver,
        session,
        base: format!("http://{}", app.addr),
        _profile: profile,
    };
    // Finding an element waits up to 5 s for it: pages after a click need a moment.
    b.cmd(
        "POST",
        "timeouts",
        json!({"implicit": 5000, "pageLoad": 30000, "script": 10000}),
    )
    .await;
    Some(b)
}

/// One WebDriver command; its `value`, or a panic naming the driver's error.
async fn wd(driver: &str, method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(driver)
        .await
        .unwrap_or_else(|e| panic!("chromedriver at {driver}: {e}"));
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {driver}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("send head");
    stream.write_all(body.as_bytes()).await.expect("send body");
    // chromedriver keeps the connection open whatever the request says: read what it announced.
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    while !complete(&raw) {
        let n = stream.read(&mut buf).await.expect("read response");
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
    }
    let r = parse_response(&raw);
    let value = r
        .json()
        .get_mut("value")
        .map(Value::take)
        .unwrap_or_default();
    assert_eq!(
        r.status, 200,
        "WebDriver {method} {path}: {} {}",
        value["error"], value["message"]
    );
    value
}

/// Whether `raw` holds a whole response: its head and as many bytes as `Content-Length` says.
fn complete(raw: &[u8]) -> bool {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    length.is_some_and(|n| raw.len() >= end + 4 + n)
}

impl Browser {
    async fn cmd(&self, method: &str, command: &str, body: Value) -> Value {
        let path = format!("/session/{}/{command}", self.session);
        let body = (method == "POST").then_some(body);
        wd(&self.driver, method, &path, body.as_ref()).await
    }

    async fn goto(&self, path: &str) {
        let url = format!("{}{path}", self.base);
        self.cmd("POST", "url", json!({ "url": url })).await;
    }

    /// The current address without the server's origin (`/login?next=…`).
    async fn path(&self) -> String {
        let url = self.cmd("GET", "url", Value::Null).await;
        let url = url.as_str().expect("url");
        url.strip_prefix(&self.base).unwrap_or(url).to_string()
    }

    async fn find(&self, css: &str) -> String {
        let e = self
            .cmd(
                "POST",
                "element",
                json!({"using": "css selector", "value": css}),
            )
            .await;
        e[ELEMENT].as_str().expect("element id").to_string()
    }

    async fn click(&self, element: &str) {
        self.cmd("POST", &format!("element/{element}/click"), json!({}))
            .await;
    }

    async fn type_into(&self, element: &str, text: &str) {
        self.cmd(
            "POST",
            &format!("element/{element}/value"),
            json!({ "text": text }),
        )
        .await;
    }

    /// The rendered text of an element, as a user sees it.
    async fn text(&self, css: &str) -> String {
        let e = self.find(css).await;
        let v = self
            .cmd("GET", &format!("element/{e}/text"), Value::Null)
            .await;
        v.as_str().unwrap_or_default().to_string()
    }

    async fn displayed(&self, css: &str) -> bool {
        let e = self.find(css).await;
        let v = self
            .cmd("GET", &format!("element/{e}/displayed"), Value::Null)
            .await;
        v.as_bool().unwrap_or(false)
    }

    async fn js(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "execute/sync",
            json!({ "script": script, "args": args }),
        )
        .await
    }

    async fn js_async(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "execute/async",
            json!({ "script": script, "args": args }),
        )
        .await
    }

    /// Polls `script` until it returns something truthy, for up to 10 s.
    async fn wait_for(&self, what: &str, script: &str, args: Value) -> Value {
        for _ in 0..100 {
            let v = self.js(script, args.clone()).await;
            if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) {
                return v;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("timed out waiting for {what}");
    }

    /// The visible page as a PNG.
    async fn screenshot(&self) -> Vec<u8> {
        let v = self.cmd("GET", "screenshot", Value::Null).await;
        base64_decode(v.as_str().expect("base64 screenshot"))
    }

    /// Signs in the way an agent does: the form, the token typed in, the button clicked.
    async fn sign_in(&self) {
        self.goto("/").await;
        assert_eq!(self.path().await, "/login", "the inbox asks for a sign-in");
        let field = self.find("input#token").await;
        self.type_into(&field, TOKEN).await;
        let button = self.find("form.login-form button[type=submit]").await;
        self.click(&button).await;
        self.wait_for(
            "the inbox after signing in",
            "return location.pathname === '/' && document.querySelector('table.queue') !== null",
            json!([]),
        )
        .await;
    }

    /// The inbox's rows, each as its cells' text (as written, before CSS changes its case).
    async fn queue_rows(&self) -> Vec<Vec<String>> {
        let rows = self
            .js(
                "return [...document.querySelectorAll('table.queue tbody tr')]\
                   .map(tr => [...tr.cells].map(td => td.textContent.replace(/\\s+/g, ' ').trim()));",
                json!([]),
            )
            .await;
        serde_json::from_value(rows).expect("rows of cells")
    }

    async fn header_cells(&self) -> Vec<String> {
        let cells = self
            .js(
                "return [...document.querySelectorAll('table.queue thead th')]\
                   .map(th => th.textContent.replace(/\\s+/g, ' ').trim());",
                json!([]),
            )
            .await;
        serde_json::from_value(cells).expect("header cells")
    }
}

impl Drop for Browser {
    /// Ends the session, which closes the browser; blocking, as a drop cannot wait.
    fn drop(&mut self) {
        use std::io::{Read, Write};
        let Ok(mut s) = std::net::TcpStream::connect(&self.driver) else {
            return;
        };
        let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(30)));
        let head = format!(
            "DELETE /session/{} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
            self.session, self.driver
        );
        let _ = s.write_all(head.as_bytes());
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        while !complete(&raw) {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => raw.extend_from_slice(&buf[..n]),
            }
        }
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c:#x}"),
        }
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=').collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, c)| n | value(*c) << (18 - 6 * i));
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

/// Width and height of a PNG, from its signature and IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(
        png.len() > 24 && png.starts_with(b"\x89PNG\r\n\x1a\n") && &png[12..16] == b"IHDR",
        "not a PNG"
    );
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn base64_and_png_headers_read_back() {
    assert_eq!(base64_decode("Q2Fpcm4="), b"Cairn");
    assert_eq!(base64_decode("Q2Fpcm4h"), b"Cairn!");
    assert_eq!(base64_decode("Q2Fpcg=="), b"Cair");
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend_from_slice(&[0, 0, 5, 0, 0, 0, 3, 132, 8, 6]);
    assert_eq!(png_size(&png), (1280, 900));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_shows_the_queue_in_order_and_in_german_on_request() {
    let app = spawn_app(false).await;
    app.import(&sample()).await;
    let Some(b) = browser("the sign-in test", &app).await else {
        return;
    };
    b.sign_in().await;
    assert_eq!(b.text("h1").await, "Inbox");
    assert_eq!(
        b.header_cells().await,
        [
            "Risk",
            "Channel",
            "Marketplace",
            "Customer",
            "Subject",
            "Orders",
            "Time left",
            "Msgs"
        ]
    );

    // The rows in the queue's order, as the API gives it.
    let queue = app.api_json("/api/v1/tickets").await;
    let subjects: Vec<&str> = queue
        .as_array()
        .expect("tickets")
        .iter()
        .filter_map(|t| t["subject"].as_str())
        .collect();
    let rows = b.queue_rows().await;
    let shown: Vec<&str> = rows.iter().map(|r| r[4].as_str()).collect();
    assert_eq!(shown.len(), 3, "{rows:?}");
    for (row, subject) in shown.iter().zip(&subjects) {
        assert!(
            row.starts_with(subject),
            "queue order: {rows:?} vs {subjects:?}"
        );
    }
    // Amazon's 24 hours come first; each row names channel, marketplace, customer, time left.
    let amazon = &rows[0];
    assert_eq!(amazon[1], "Amazon", "{rows:?}");
    assert_eq!(amazon[2], "DE amazon.de");
    assert_eq!(amazon[3], "Jana Schmidt");
    assert!(amazon[4].starts_with(&format!("Frage zur Bestellung {ORDER_ID}")));
    assert_eq!(amazon[6], "22 h left");
    // The customer's markup is shown as the text they typed, never run.
    let shopify = rows
        .iter()
        .find(|r| r[1] == "Shopify")
        .expect("shopify row");
    assert_eq!(shopify[3], "Max <b>Muster</b>");
    assert!(shopify[4].starts_with("<script>alert('x')</script> Rückgabe"));

    // German from the language switch, and remembered on the next page.
    let german = b.find(".sidebar a[hreflang=de]").await;
    b.click(&german).await;
    b.wait_for(
        "the German inbox",
        "return document.documentElement.lang === 'de'",
        json!([]),
    )
    .await;
    b.goto("/").await;
    assert_eq!(b.text("h1").await, "Posteingang");
    let headers = b.header_cells().await;
    for german in ["Kanal", "Kunde", "Betreff", "Restzeit"] {
        assert!(headers.iter().any(|h| h == german), "{german}: {headers:?}");
    }
    let rows = b.queue_rows().await;
    assert_eq!(rows[0][6], "noch 22 Std.", "{rows:?}");
    assert_eq!(b.text(".nav-link.active").await, "Posteingang");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_click_opens_the_ticket_with_the_customers_history() {
    let app = spawn_app(false).await;
    app.import(&sample()).await;
    let Some(b) = browser("the ticket test", &app).await else {
        return;
    };
    b.sign_in().await;
    let ticket = amazon_ticket(&app).await;
    let id = ticket["id"].as_str().expect("id");
    let link = b
        .find(&format!("table.queue a.subject-link[href='/tickets/{id}']"))
        .await;
    b.click(&link).await;
    b.wait_for(
        "the ticket page",
        "return location.pathname === arguments[0] && document.querySelector('aside.history') !== null",
        json!([format!("/tickets/{id}")]),
    )
    .await;
    assert_eq!(
        b.text("h1.ticket-subject").await,
        format!("Frage zur Bestellung {ORDER_ID}")
    );

    // The conversation.
    assert!(b.displayed("ol.messages").await);
    let conversation = b.text("section.conversation").await;
    assert!(
        conversation.contains("Hallo, wo ist mein Paket?"),
        "{conversation}"
    );

    // The unified history beside it: her order from Amazon and her email ticket about it.
    assert!(b.displayed("aside.history").await);
    let history = b.text("aside.history").await;
    assert!(history.contains("Jana Schmidt"), "{history}");
    assert!(history.contains(ORDER_ID), "{history}");
    assert!(history.contains("Tischlampe Messing"), "{history}");
    assert!(history.contains("Paket noch nicht da"), "{history}");
    let side_by_side = b
        .js(
            "const c = document.querySelector('section.conversation').getBoundingClientRect();\
             const h = document.querySelector('aside.history').getBoundingClientRect();\
             return h.width > 0 && h.height > 0 && h.left >= c.right - 1 && h.top < innerHeight;",
            json!([]),
        )
        .await;
    assert_eq!(
        side_by_side,
        json!(true),
        "the history is in view beside the conversation"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_message_html_runs_nothing_in_the_browser() {
    let app = spawn_app(false).await;
    // Every way the payload could run reports to the top page (which listens for messages,
    // and would work across the frame's origin) and marks its own document.
    let hostile = r#"<p>Hallo aus <b>HTML</b></p>
<script>parent.postMessage('pwned:script','*');window.pwned='script';document.title='pwned'</script>
<img src="x" onerror="parent.postMessage('pwned:onerror','*');window.pwned='onerror';document.title='pwned'">
<svg><script>parent.postMessage('pwned:svg','*')</script></svg>
<a id="bad" href="javascript:parent.postMessage('pwned:link','*');window.pwned='link'">klick</a>
<body onload="parent.postMessage('pwned:onload','*')"></body>"#;
    let line = json!({"type":"message","channel":"email","external_id":"<hostile@example.com>",
        "received_at":"2026-11-10T09:30:00Z","direction":"inbound",
        "from":{"email":"mallory@example.com","name":"Mallory"},"to":"shop@example.com",
        "subject":"Rechnung","text":"Siehe HTML.","html":hostile});
    app.import(&[line.to_string()]).await;
    let Some(b) = browser("the message HTML test", &app).await else {
        return;
    };
    b.sign_in().await;
    let tickets = app.api_json("/api/v1/tickets").await;
    let id = tickets[0]["id"].as_str().expect("ticket id");
    b.goto(&format!("/tickets/{id}")).await;
    b.js(
        "window.reports = []; window.addEventListener('message', e => window.reports.push(String(e.data)));",
        json!([]),
    )
    .await;
    let title = b.js("return document.title", json!([])).await;

    // The frame: sandboxed without scripts or the page's origin.
    let sandbox = b
        .js(
            "return document.querySelector('iframe.msg-frame').getAttribute('sandbox')",
            json!([]),
        )
        .await;
    assert_eq!(
        sandbox,
        json!("allow-popups allow-popups-to-escape-sandbox")
    );
    let summary = b.find("details.msg-html > summary").await;
    b.click(&summary).await;
    let src = b
        .js(
            "return document.querySelector('iframe.msg-frame').getAttribute('src')",
            json!([]),
        )
        .await;
    let src = src.as_str().expect("frame src").to_string();

    // Inside the frame: the text arrived, no script, handler or javascript: link is left.
    let frame = b.find("iframe.msg-frame").await;
    b.wait_for(
        "the message frame to load",
        "const f = document.querySelector('iframe.msg-frame');\
         return f.getBoundingClientRect().height > 0 && f.contentWindow !== null;",
        json!([]),
    )
    .await;
    b.cmd("POST", "frame", json!({"id": {ELEMENT: frame}}))
        .await;
    b.wait_for(
        "the message's text in the frame",
        "return document.body && document.body.innerText.includes('Hallo aus HTML')",
        json!([]),
    )
    .await;
    let inside = b
        .js(
            "return {pwned: window.pwned === undefined ? null : window.pwned, title: document.title,\
                     scripts: document.querySelectorAll('script').length,\
                     handlers: document.querySelectorAll('[onerror],[onload],[onclick]').length,\
                     js_links: [...document.querySelectorAll('a[href]')]\
                        .filter(a => a.href.trim().toLowerCase().startsWith('javascript:')).length};",
            json!([]),
        )
        .await;
    assert_eq!(
        inside,
        json!({"pwned": null, "title": "", "scripts": 0, "handlers": 0, "js_links": 0}),
        "inside the frame"
    );
    // Clicking what is left of the link does nothing either.
    if let Ok(link) = serde_json::from_value::<Vec<Value>>(
        b.cmd(
            "POST",
            "elements",
            json!({"using": "css selector", "value": "a#bad, a"}),
        )
        .await,
    ) && let Some(link) = link.first().and_then(|l| l[ELEMENT].as_str())
    {
        b.click(link).await;
    }
    b.cmd("POST", "frame/parent", json!({})).await;

    // The top page: its own title, nothing set, no message from the frame.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let top = b
        .js(
            "return {pwned: window.pwned === undefined ? null : window.pwned,\
                     title: document.title, reports: window.reports};",
            json!([]),
        )
        .await;
    assert_eq!(
        top,
        json!({"pwned": null, "title": title, "reports": []}),
        "the top page"
    );

    // The listener does hear the frame: a message posted from inside (by the driver, which
    // scripts are not needed for) arrives.
    b.cmd("POST", "frame", json!({"id": {ELEMENT: frame}}))
        .await;
    b.js("parent.postMessage('probe', '*')", json!([])).await;
    b.cmd("POST", "frame/parent", json!({})).await;
    b.wait_for(
        "the probe from the frame",
        "return window.reports.length === 1 && window.reports[0] === 'probe'",
        json!([]),
    )
    .await;

    // The frame's document carries its policy, as the browser received it.
    let policy = b
        .js_async(
            "const done = arguments[arguments.length - 1];\
             fetch(arguments[0], {credentials: 'same-origin'})\
               .then(r => done([r.status, r.headers.get('content-security-policy'),\
                                r.headers.get('x-content-type-options')]))\
               .catch(e => done(String(e)));",
            json!([src]),
        )
        .await;
    assert_eq!(policy[0], 200, "{policy}");
    let csp = policy[1].as_str().unwrap_or_default();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(
        !csp.contains("script-src"),
        "no script source allowed: {csp}"
    );
    assert_eq!(policy[2], "nosniff");

    // Opened on its own, outside the frame, the message still runs nothing.
    b.goto(&src).await;
    let alone = b
        .wait_for(
            "the message document",
            "return document.readyState === 'complete' && document.body.innerText.includes('Hallo aus HTML')\
                && {pwned: window.pwned === undefined ? null : window.pwned, title: document.title,\
                    scripts: document.querySelectorAll('script').length}",
            json!([]),
        )
        .await;
    assert_eq!(alone, json!({"pwned": null, "title": "", "scripts": 0}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_inbox_renders_in_a_screenshot() {
    let app = spawn_app(false).await;
    app.import(&sample()).await;
    let Some(b) = browser("the screenshot test", &app).await else {
        return;
    };
    // What an empty page looks like in this window, to compare with.
    b.cmd("POST", "url", json!({"url": "about:blank"})).await;
    let blank = b.screenshot().await;
    b.sign_in().await;
    // Styles applied: the stylesheet loaded and the table is laid out.
    let styled = b
        .js(
            "const s = getComputedStyle(document.querySelector('.sidebar'));\
             return s.display !== 'inline' && document.querySelector('table.queue').offsetWidth > 600",
            json!([]),
        )
        .await;
    assert_eq!(styled, json!(true), "the inbox is styled and laid out");
    let png = b.screenshot().await;
    let (width, height) = png_size(&png);
    assert!(width >= 800 && height >= 600, "{width}×{height}");
    assert_eq!(png_size(&blank), (width, height));
    assert!(
        png.len() > 20_000 && png.len() > 4 * blank.len(),
        "an inbox of {} bytes against a blank page of {}",
        png.len(),
        blank.len()
    );
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("inbox-browser.png");
    std::fs::write(&path, &png).expect("write screenshot");
    eprintln!("inbox screenshot: {} ({width}×{height})", path.display());
}
