//! The email channel against real servers: Dovecot (IMAP) and OpenSMTPD (SMTP) on loopback,
//! started by `scripts/services.sh`. Without `CAIRN_TEST_IMAP`/`CAIRN_TEST_SMTP` every test
//! here prints a notice and passes.
//!
//! One test binary; each test uses its own IMAP account so they can run in parallel.

use std::time::Duration;

use cairn_domain::{TenantId, TicketId};
use cairn_mailbox::secret::{Password, SecretKey};
use cairn_mailbox::{
    ImapSession, MailContext, SendOptions, connect_imap, fetch_mailbox, move_messages, send_outbox,
    sync_mailbox,
};
use cairn_store::{Cursor, MailCommit, Mailbox, MailboxSettings, Store, TicketQuery};
use futures_util::{FutureExt, TryStreamExt};
use jiff::Timestamp;
use lettre::address::Envelope;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

struct Servers {
    imap: (String, u16),
    smtp: (String, u16),
}

fn servers(test: &str) -> Option<Servers> {
    let split = |v: String| -> Option<(String, u16)> {
        let (h, p) = v.rsplit_once(':')?;
        Some((h.to_string(), p.parse().ok()?))
    };
    let imap = std::env::var("CAIRN_TEST_IMAP").ok().and_then(split);
    let smtp = std::env::var("CAIRN_TEST_SMTP").ok().and_then(split);
    match (imap, smtp) {
        (Some(imap), Some(smtp)) => Some(Servers { imap, smtp }),
        _ => {
            eprintln!(
                "skipping {test}: CAIRN_TEST_IMAP/CAIRN_TEST_SMTP not set (run `. scripts/services.sh`)"
            );
            None
        }
    }
}

fn account(role: &str) -> (String, String) {
    let upper = role.to_ascii_uppercase();
    (
        std::env::var(format!("CAIRN_TEST_{upper}_USER"))
            .unwrap_or_else(|_| format!("{role}@cairn.test")),
        std::env::var(format!("CAIRN_TEST_{upper}_PASSWORD"))
            .unwrap_or_else(|_| format!("{role}-secret")),
    )
}

struct World {
    ctx: MailContext,
    _dir: tempfile::TempDir,
    url: String,
}

async fn world(tenant: &str) -> World {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("cairn.db").display());
    let store = Store::open(&url).await.expect("open store");
    let tenant: TenantId = store.ensure_tenant(tenant, tenant).await.expect("tenant");
    let ctx = MailContext::new(store, tenant, dir.path().to_path_buf());
    World {
        ctx,
        _dir: dir,
        url,
    }
}

async fn add_mailbox(
    ctx: &MailContext,
    s: &Servers,
    name: &str,
    role: &str,
    max_message_bytes: i64,
) -> Mailbox {
    let (user, password) = account(role);
    let key = SecretKey::load_or_create(&ctx.data_dir).expect("key");
    let settings = MailboxSettings {
        name: name.to_string(),
        address: user.clone(),
        imap_host: s.imap.0.clone(),
        imap_port: s.imap.1,
        smtp_host: s.smtp.0.clone(),
        smtp_port: s.smtp.1,
        security: "none".to_string(),
        username: user,
        password_enc: key.encrypt(&Password::new(password)).expect("encrypt"),
        folders: vec!["INBOX".to_string()],
        sent_folder: "Sent".to_string(),
        max_message_bytes,
        move_to: None,
    };
    ctx.store
        .save_mailbox(ctx.tenant, &settings, Timestamp::now())
        .await
        .expect("save mailbox")
}

/// Empties the account's INBOX and Sent folder.
async fn empty_account(session: &mut ImapSession) {
    for folder in ["INBOX", "Sent"] {
        let Ok(mb) = session.select(folder).await else {
            continue;
        };
        if mb.exists > 0 {
            let _: Vec<_> = session
                .store("1:*", "+FLAGS (\\Deleted)")
                .await
                .expect("store")
                .try_collect()
                .await
                .expect("flags");
            let _: Vec<_> = session
                .expunge()
                .await
                .expect("expunge")
                .try_collect()
                .await
                .expect("expunged");
        }
    }
}

async fn submit(s: &Servers, from: &str, to: &str, raw: &str) {
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(s.smtp.0.clone())
        .port(s.smtp.1)
        .build();
    let sender = (!from.is_empty()).then(|| from.parse().expect("from"));
    let envelope = Envelope::new(sender, vec![to.parse().expect("to")]).expect("envelope");
    transport
        .send_raw(&envelope, raw.as_bytes())
        .await
        .expect("submit over SMTP");
}

/// Raw messages of a folder, oldest first.
async fn raw_messages(session: &mut ImapSession, folder: &str) -> Vec<Vec<u8>> {
    let mb = session.select(folder).await.expect("select");
    if mb.exists == 0 {
        return Vec::new();
    }
    let mut out: Vec<(u32, Vec<u8>)> = session
        .uid_fetch("1:*", "(UID BODY.PEEK[])")
        .await
        .expect("fetch")
        .try_filter_map(|f| async move { Ok(f.uid.zip(f.body().map(<[u8]>::to_vec))) })
        .try_collect()
        .await
        .expect("fetched");
    out.sort();
    out.into_iter().map(|(_, b)| b).collect()
}

/// Syncs until `want` messages have been fetched in all (delivery is asynchronous).
async fn sync_until(ctx: &MailContext, mailbox: &str, want: usize) -> usize {
    let mut fetched = 0;
    for _ in 0..100 {
        let report = sync_mailbox(ctx, mailbox).await.expect("sync");
        fetched += report.fetched;
        if fetched >= want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fetched
}

async fn ticket_of(
    store: &Store,
    tenant: TenantId,
    message_id: &str,
) -> cairn_domain::views::TicketView {
    let query = TicketQuery {
        statuses: Vec::new(),
        customer: None,
        limit: 10_000,
        after_id: None,
    };
    store
        .tickets(tenant, &query, Timestamp::now())
        .await
        .expect("tickets")
        .into_iter()
        .find(|t| t.message_external_ids.iter().any(|m| m == message_id))
        .unwrap_or_else(|| panic!("no ticket has {message_id}"))
}

fn header(raw: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    head.lines()
        .find(|l| {
            l.len() > name.len()
                && l[..name.len()].eq_ignore_ascii_case(name)
                && l.as_bytes()[name.len()] == b':'
        })
        .map(|l| l[name.len() + 1..].trim().to_string())
}

fn customer_mail(id: &str, subject: &str, extra: &str, body: &str) -> String {
    let (shop, _) = account("shop");
    let (customer, _) = account("customer");
    let date = jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_string(&Timestamp::now())
        .expect("date");
    format!(
        "From: Kim Kunde <{customer}>\r\nTo: {shop}\r\nSubject: {subject}\r\nMessage-ID: {id}\r\nDate: {date}\r\n{extra}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn customer_mail_becomes_a_ticket_and_the_answer_threads() {
    let Some(s) = servers("customer_mail_becomes_a_ticket_and_the_answer_threads") else {
        return;
    };
    let w = world("shop").await;
    let ctx = &w.ctx;
    let shop = add_mailbox(ctx, &s, "shop", "shop", 4_000).await;
    // The customer's side, read through the same client code in a tenant of its own.
    let cw = world("customer").await;
    let customer_box = add_mailbox(&cw.ctx, &s, "customer", "customer", 1 << 20).await;
    let mut shop_imap = connect_imap(ctx, &shop).await.expect("shop imap");
    let mut customer_imap = connect_imap(&cw.ctx, &customer_box)
        .await
        .expect("customer imap");
    empty_account(&mut shop_imap).await;
    empty_account(&mut customer_imap).await;
    let (shop_addr, _) = account("shop");
    let (customer_addr, _) = account("customer");

    // 1. The customer writes; an auto-reply and an oversized message arrive beside it.
    let first_id = format!("<first.{}@cairn.test>", Timestamp::now().as_millisecond());
    submit(
        &s,
        &customer_addr,
        &shop_addr,
        &customer_mail(
            &first_id,
            "Wo ist meine Bestellung?",
            "",
            "Hallo, wo bleibt mein Paket?\r\n\r\nViele Grüße\r\nKim",
        ),
    )
    .await;
    let auto_id = format!("<auto.{}@cairn.test>", Timestamp::now().as_millisecond());
    submit(
        &s,
        &customer_addr,
        &shop_addr,
        &customer_mail(
            &auto_id,
            "Abwesenheitsnotiz",
            "Auto-Submitted: auto-replied\r\n",
            "Ich bin nicht im Büro.",
        ),
    )
    .await;
    let big_id = format!("<big.{}@cairn.test>", Timestamp::now().as_millisecond());
    submit(
        &s,
        &customer_addr,
        &shop_addr,
        &customer_mail(&big_id, "Fotos", "", &"x".repeat(10_000)),
    )
    .await;
    assert_eq!(sync_until(ctx, "shop", 3).await, 3);

    let ticket = ticket_of(&ctx.store, ctx.tenant, &first_id).await;
    assert_eq!(ticket.status, "open");
    assert_eq!(ticket.channel, "email");
    let (_, messages) = ctx
        .store
        .ticket(ctx.tenant, ticket.id, Timestamp::now())
        .await
        .expect("ticket")
        .expect("exists");
    assert_eq!(messages.len(), 1);
    let auto = ctx
        .store
        .received_mail(ctx.tenant, "email", &auto_id)
        .await
        .expect("received")
        .expect("auto-reply recorded");
    assert!(auto.auto_reply_suppressed, "{auto:?}");
    let big = ctx
        .store
        .received_mail(ctx.tenant, "email", &big_id)
        .await
        .expect("received")
        .expect("oversize recorded");
    assert!(big.oversize && big.raw_sha256.is_none(), "{big:?}");
    let big_ticket = ticket_of(&ctx.store, ctx.tenant, &big_id).await;
    assert_eq!(big_ticket.message_count, 1);
    // The raw message is kept by content hash.
    let first = ctx
        .store
        .received_mail(ctx.tenant, "email", &first_id)
        .await
        .expect("received")
        .expect("first recorded");
    let hash = first.raw_sha256.expect("hash");
    assert!(ctx.raw_path(&hash).exists());

    // 2. The agent answers through the API; the sync sends it.
    let queued = reply_through_api(
        ctx,
        ticket.id,
        "Ihr Paket ist unterwegs.\nSendungsnummer 00340434161094042557.",
    )
    .await;
    assert_eq!(queued.status, "queued");
    assert!(
        queued.message_id.ends_with("@cairn.test>"),
        "{}",
        queued.message_id
    );
    let report = sync_mailbox(ctx, "shop").await.expect("sync sends");
    assert_eq!(report.send.sent, 1, "{report:?}");
    let sent = ctx
        .store
        .outbox_item(ctx.tenant, queued.id)
        .await
        .expect("outbox")
        .expect("item");
    assert_eq!(sent.status, "sent");
    let after = ticket_of(&ctx.store, ctx.tenant, &first_id).await;
    assert_eq!(after.id, ticket.id);
    assert_eq!(after.status, "pending");
    assert!(after.message_external_ids.contains(&queued.message_id));

    // It arrives in the customer's mailbox, threaded.
    let mut delivered = Vec::new();
    for _ in 0..100 {
        delivered = raw_messages(&mut customer_imap, "INBOX").await;
        if !delivered.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(delivered.len(), 1, "the answer reached the customer once");
    let answer = &delivered[0];
    assert_eq!(
        header(answer, "Message-ID").as_deref(),
        Some(queued.message_id.as_str())
    );
    assert_eq!(
        header(answer, "In-Reply-To").as_deref(),
        Some(first_id.as_str())
    );
    assert!(header(answer, "References").is_some_and(|r| r.contains(&first_id)));
    let subject = header(answer, "Subject").expect("subject");
    assert!(
        subject.starts_with("Re: Wo ist meine Bestellung?")
            && subject.contains(&format!("[#T{}]", ticket.id)),
        "{subject}"
    );
    // A copy went to the shop's Sent folder.
    let copies = raw_messages(&mut shop_imap, "Sent").await;
    assert_eq!(copies.len(), 1);

    // 3. The customer answers the answer: it joins the ticket, without the quote.
    let second_id = format!("<second.{}@cairn.test>", Timestamp::now().as_millisecond());
    submit(
        &s,
        &customer_addr,
        &shop_addr,
        &customer_mail(
            &second_id,
            &format!("Re: {subject}"),
            &format!(
                "In-Reply-To: {}\r\nReferences: {first_id} {}\r\n",
                queued.message_id, queued.message_id
            ),
            "Danke, angekommen!\r\n\r\nAm 24.11.2026 schrieb Shop:\r\n> Ihr Paket ist unterwegs.",
        ),
    )
    .await;
    assert_eq!(sync_until(ctx, "shop", 1).await, 1);
    let joined = ticket_of(&ctx.store, ctx.tenant, &second_id).await;
    assert_eq!(joined.id, ticket.id);
    assert_eq!(joined.status, "open");
    let (_, messages) = ctx
        .store
        .ticket(ctx.tenant, ticket.id, Timestamp::now())
        .await
        .expect("ticket")
        .expect("exists");
    assert_eq!(messages.len(), 3);
    let reply = messages
        .iter()
        .find(|m| m.external_id == second_id)
        .expect("the reply");
    assert_eq!(reply.text, "Danke, angekommen!");

    // 4. Crash recovery: an item left in `sending` is never sent again.
    let lost = ctx
        .store
        .queue_reply(
            ctx.tenant,
            ticket.id,
            "Gern geschehen.",
            None,
            Timestamp::now(),
        )
        .await
        .expect("queue");
    assert!(
        ctx.store
            .outbox_claim(ctx.tenant, lost.id, "x", Timestamp::now())
            .await
            .expect("claim")
    );
    let copied = ctx
        .store
        .queue_reply(
            ctx.tenant,
            ticket.id,
            "Schönen Tag noch.",
            None,
            Timestamp::now(),
        )
        .await
        .expect("queue");
    let raw = cairn_mailbox::convert::compose(&copied, Timestamp::now());
    assert!(
        ctx.store
            .outbox_claim(ctx.tenant, copied.id, &raw, Timestamp::now())
            .await
            .expect("claim")
    );
    shop_imap
        .append("Sent", Some("(\\Seen)"), None, raw.as_bytes())
        .await
        .expect("append");
    let now_stale = SendOptions {
        stale_sending: Duration::ZERO,
    };
    let report = send_outbox(ctx, &shop, &mut shop_imap, &now_stale)
        .await
        .expect("recover");
    assert_eq!(
        (report.recovered, report.unknown, report.sent),
        (1, 1, 0),
        "{report:?}"
    );
    let status = |id| {
        let store = ctx.store.clone();
        let tenant = ctx.tenant;
        async move {
            store
                .outbox_item(tenant, id)
                .await
                .expect("item")
                .expect("exists")
                .status
        }
    };
    assert_eq!(status(lost.id).await, "unknown");
    assert_eq!(status(copied.id).await, "sent");
    // Neither went out again.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(raw_messages(&mut customer_imap, "INBOX").await.len(), 1);

    // 5. A bounce of an answer joins its ticket and marks the answer failed.
    let bounce = format!(
        "From: MAILER-DAEMON@cairn.test\r\nTo: {shop_addr}\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <bounce.{}@cairn.test>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; cairn.test\r\n\r\nFinal-Recipient: rfc822; {customer_addr}\r\nAction: failed\r\nStatus: 5.2.2\r\nDiagnostic-Code: smtp; 552 mailbox full\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: {}\r\nSubject: Re: x\r\n--B--\r\n",
        Timestamp::now().as_millisecond(),
        copied.message_id
    );
    submit(&s, "", &shop_addr, &bounce).await;
    assert_eq!(sync_until(ctx, "shop", 1).await, 1);
    let item = ctx
        .store
        .outbox_item(ctx.tenant, copied.id)
        .await
        .expect("item")
        .expect("exists");
    assert_eq!(item.status, "failed");
    assert!(
        item.last_error
            .as_deref()
            .is_some_and(|e| e.contains("5.2.2")),
        "{item:?}"
    );
    let (_, messages) = ctx
        .store
        .ticket(ctx.tenant, ticket.id, Timestamp::now())
        .await
        .expect("ticket")
        .expect("exists");
    assert!(
        messages
            .iter()
            .any(|m| m.external_id.starts_with("<bounce."))
    );
    let _ = shop_imap.logout().await;
    let _ = customer_imap.logout().await;
}

/// Posts an answer to `POST /api/v1/tickets/{id}/replies` of a real server on a free port and
/// returns the queued outbox item.
async fn reply_through_api(
    ctx: &MailContext,
    ticket: TicketId,
    text: &str,
) -> cairn_store::OutboxItem {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let token = "mail-test-token-0123456789";
    ctx.store
        .create_token(ctx.tenant, "mail test", token)
        .await
        .expect("token");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let state = cairn_web::AppState {
        store: ctx.store.clone(),
        tenant: ctx.tenant,
        demo: false,
        clock: Timestamp::now,
        data_dir: Some(ctx.data_dir.clone()),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(cairn_web::serve(listener, state, async move {
        let _ = stopped.await;
    }));
    let body = serde_json::json!({ "text": text }).to_string();
    let request = format!(
        "POST /api/v1/tickets/{ticket}/replies HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut conn = tokio::net::TcpStream::connect(addr).await.expect("connect");
    conn.write_all(request.as_bytes()).await.expect("write");
    let mut response = String::new();
    conn.read_to_string(&mut response).await.expect("read");
    let _ = stop.send(());
    let _ = server.await;
    assert!(response.starts_with("HTTP/1.1 202"), "{response}");
    let json = response.split("\r\n\r\n").nth(1).expect("body");
    let value: serde_json::Value = serde_json::from_str(json).expect("json");
    let id: i64 = value["id"].as_str().expect("id").parse().expect("number");
    ctx.store
        .outbox_item(ctx.tenant, id)
        .await
        .expect("outbox")
        .expect("queued item")
}

/// A tiny deterministic generator for the kill timings.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_nine_while_mail_arrives_stores_each_message_once() {
    let Some(s) = servers("kill_nine_while_mail_arrives_stores_each_message_once") else {
        return;
    };
    const MESSAGES: usize = 1000;
    const ROUNDS: usize = 20;
    let w = world("load").await;
    let ctx = &w.ctx;
    let load = add_mailbox(ctx, &s, "load", "load", 1 << 20).await;
    let mut imap = connect_imap(ctx, &load).await.expect("imap");
    empty_account(&mut imap).await;
    let _ = imap.logout().await;
    let (load_addr, _) = account("load");
    let stamp = Timestamp::now().as_millisecond();
    let ids: Vec<String> = (0..MESSAGES)
        .map(|i| format!("<load.{stamp}.{i}@cairn.test>"))
        .collect();

    // Mail arrives in the background, from many senders.
    let sender = {
        let ids = ids.clone();
        let smtp = Servers {
            imap: s.imap.clone(),
            smtp: s.smtp.clone(),
        };
        let to = load_addr.clone();
        tokio::spawn(async move {
            for (i, id) in ids.iter().enumerate() {
                let from = format!("buyer{i}@example.com");
                let raw = format!(
                    "From: Buyer {i} <{from}>\r\nTo: {to}\r\nSubject: Frage {i}\r\nMessage-ID: {id}\r\nDate: Tue, 24 Nov 2026 08:00:00 +0000\r\n\r\nNachricht {i}\r\n"
                );
                submit(&smtp, &from, &to, &raw).await;
                if i % 20 == 0 {
                    tokio::time::sleep(Duration::from_millis(30)).await;
                }
            }
        })
    };

    let exe = env!("CARGO_BIN_EXE_cairn-mailbox-sync");
    let data_dir = ctx.data_dir.display().to_string();
    let mut rng = Lcg(stamp as u64);
    let mut killed = 0;
    let mut rounds = 0;
    // At least ROUNDS rounds, and on until the last message was submitted.
    while rounds < ROUNDS || !sender.is_finished() {
        rounds += 1;
        let mut child = tokio::process::Command::new(exe)
            .args([w.url.as_str(), data_dir.as_str(), "load", "load"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn sync");
        tokio::time::sleep(Duration::from_millis(20 + rng.next(400))).await;
        if child.try_wait().expect("wait").is_none() {
            child.start_kill().expect("kill -9");
            killed += 1;
        }
        let _ = child.wait().await;
    }
    sender.await.expect("sender");
    // Let the last deliveries land, then finish cleanly.
    let mut total = 0;
    for _ in 0..50 {
        let report = sync_mailbox(ctx, "load").await.expect("final sync");
        total = ctx
            .store
            .counts(ctx.tenant)
            .await
            .expect("counts")
            .into_iter()
            .find(|(t, _)| t == "messages")
            .map_or(0, |(_, n)| n);
        if total as usize >= MESSAGES && report.fetched == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!("kill -9 in {killed} of {rounds} rounds");
    assert!(killed > 0, "no round was interrupted");
    assert_eq!(total as usize, MESSAGES, "each message stored exactly once");
    for id in &ids {
        assert!(
            ctx.store
                .received_mail(ctx.tenant, "email", id)
                .await
                .expect("received")
                .is_some(),
            "{id} missing"
        );
    }

    // A new UIDVALIDITY rescans the folder and finds nothing new.
    let commit = MailCommit {
        notices: Vec::new(),
        mailbox_id: load.id,
        cursor: Some(Cursor {
            folder: "INBOX".to_string(),
            uidvalidity: 1,
            last_uid: 999_999,
        }),
        received: Vec::new(),
        sent: Vec::new(),
        bounced: Vec::new(),
        attachments: Vec::new(),
    };
    ctx.store
        .ingest_mail(ctx.tenant, &[], &ctx.ingest, Timestamp::now(), &commit)
        .await
        .expect("fake cursor");
    let mut imap = connect_imap(ctx, &load).await.expect("imap");
    let report = fetch_mailbox(ctx, &load, &mut imap).await.expect("rescan");
    assert_eq!(report.rescans, 1);
    assert_eq!(report.imported, 0, "{report:?}");
    assert_eq!(report.duplicates, MESSAGES);
    let _ = imap.logout().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_over_tls_and_starttls_verifies_the_server() {
    let Some(s) = servers("imap_over_tls_and_starttls_verifies_the_server") else {
        return;
    };
    let (Ok(imaps), Ok(ca)) = (
        std::env::var("CAIRN_TEST_IMAPS"),
        std::env::var("CAIRN_TEST_MAIL_CA"),
    ) else {
        eprintln!("skipping the TLS test: CAIRN_TEST_IMAPS/CAIRN_TEST_MAIL_CA not set");
        return;
    };
    let imaps_port: u16 = imaps
        .rsplit_once(':')
        .and_then(|(_, p)| p.parse().ok())
        .expect("port");
    let mut w = world("tls").await;
    let plain = add_mailbox(&w.ctx, &s, "tls", "customer", 1 << 20).await;
    let with = |security: &str, port: u16| {
        let mut m = plain.clone();
        m.settings.security = security.to_string();
        m.settings.imap_port = port;
        m
    };
    // Without the test CA the self-made certificate is refused.
    let Err(err) = connect_imap(&w.ctx, &with("tls", imaps_port)).await else {
        panic!("an unknown CA is refused");
    };
    assert!(err.to_string().contains("TLS"), "{err}");
    w.ctx.extra_ca_pem = Some(std::fs::read(&ca).expect("CA file"));
    for (security, port) in [("tls", imaps_port), ("starttls", s.imap.1)] {
        let mut session = connect_imap(&w.ctx, &with(security, port))
            .await
            .unwrap_or_else(|e| panic!("{security}: {e}"));
        session.select("INBOX").await.expect("select over TLS");
        let _ = session.logout().await;
    }
    // Plain text only to loopback.
    let mut remote = with("none", s.imap.1);
    remote.settings.imap_host = "mail.example.com".to_string();
    let Err(err) = connect_imap(&w.ctx, &remote).await else {
        panic!("plain text to a remote host is refused");
    };
    assert!(err.to_string().contains("loopback"), "{err}");
}

async fn wait_for<F, Fut>(what: &str, secs: u64, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let until = std::time::Instant::now() + Duration::from_secs(secs);
    while std::time::Instant::now() < until {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{what} did not happen within {secs} s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_loop_pushes_mail_in_sends_at_once_and_survives_a_disconnect() {
    let Some(s) = servers("serve_loop_pushes_mail_in_sends_at_once_and_survives_a_disconnect")
    else {
        return;
    };
    let w = world("idle").await;
    let ctx = &w.ctx;
    let mailbox = add_mailbox(ctx, &s, "idle", "idle", 1 << 20).await;
    let buyer_box = add_mailbox(ctx, &s, "buyer", "buyer", 1 << 20).await;
    for m in [&mailbox, &buyer_box] {
        let mut session = connect_imap(ctx, m).await.expect("imap");
        empty_account(&mut session).await;
        let _ = session.logout().await;
    }
    // Only the shop's mailbox runs in the loop; the buyer's is read directly.
    let w2 = world("idle-loop").await;
    let shop = add_mailbox(&w2.ctx, &s, "idle", "idle", 1 << 20).await;
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let loop_task = tokio::spawn(cairn_mailbox::serve_mailboxes(w2.ctx.clone(), stop_rx));
    let (idle_addr, _) = account("idle");
    let (buyer_addr, _) = account("buyer");
    let store = w2.ctx.store.clone();
    let tenant = w2.ctx.tenant;
    let count = |store: Store| async move {
        store
            .counts(tenant)
            .await
            .expect("counts")
            .into_iter()
            .find(|(t, _)| t == "messages")
            .map_or(0, |(_, n)| n)
    };
    // Let the loop reach IDLE, then mail arrives: IDLE brings it in well before the poll.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let first = format!("<idle1.{}@cairn.test>", Timestamp::now().as_millisecond());
    let raw = format!(
        "From: {buyer_addr}\r\nTo: {idle_addr}\r\nSubject: Frage\r\nMessage-ID: {first}\r\n\r\nHallo?\r\n"
    );
    submit(&s, &buyer_addr, &idle_addr, &raw).await;
    wait_for("push ingest", 20, || count(store.clone()).map(|n| n == 1)).await;
    let ticket = ticket_of(&store, tenant, &first).await;

    // A queued answer goes out within seconds.
    let item = store
        .queue_reply(tenant, ticket.id, "Antwort.", None, Timestamp::now())
        .await
        .expect("queue");
    assert_eq!(item.mailbox_id, Some(shop.id));
    wait_for("sending", 20, || {
        let store = store.clone();
        async move {
            store
                .outbox_item(tenant, item.id)
                .await
                .expect("item")
                .is_some_and(|i| i.status == "sent")
        }
    })
    .await;
    let mut buyer_imap = connect_imap(ctx, &buyer_box).await.expect("buyer imap");
    let mut delivered = 0;
    for _ in 0..100 {
        delivered = raw_messages(&mut buyer_imap, "INBOX").await.len();
        if delivered > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(delivered, 1);

    // The server drops the loop's connection: it reconnects and carries on.
    if let Ok(conf) = std::env::var("CAIRN_TEST_DOVECOT_CONF") {
        let status = std::process::Command::new("doveadm")
            .args(["-c", &conf, "kick", &idle_addr])
            .stdout(std::process::Stdio::null())
            .status()
            .expect("doveadm");
        assert!(status.success());
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let second = format!("<idle2.{}@cairn.test>", Timestamp::now().as_millisecond());
    let raw = format!(
        "From: {buyer_addr}\r\nTo: {idle_addr}\r\nSubject: Noch was\r\nMessage-ID: {second}\r\n\r\nUnd?\r\n"
    );
    submit(&s, &buyer_addr, &idle_addr, &raw).await;
    // Two inbound and one outbound message.
    wait_for("ingest after reconnect", 30, || {
        count(store.clone()).map(|n| n == 3)
    })
    .await;
    let _ = stop.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(5), loop_task).await;
    let _ = buyer_imap.logout().await;
}

/// An SMTP server that takes the whole message and then drops the connection instead of
/// confirming it. Returns its port and a counter of messages it received.
async fn smtp_that_fails_after_data() -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let received = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = received.clone();
    tokio::spawn(async move {
        while let Ok((conn, _)) = listener.accept().await {
            let counter = counter.clone();
            tokio::spawn(async move {
                let (read, mut write) = conn.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 fault.test ESMTP\r\n").await;
                let mut in_data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            counter.fetch_add(1, Ordering::SeqCst);
                            // Accepted the data, then gone without a reply.
                            return;
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") {
                        b"250-fault.test\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("DATA") {
                        in_data = true;
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, received)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_smtp_failure_after_the_data_never_sends_twice() {
    let Some(mut s) = servers("an_smtp_failure_after_the_data_never_sends_twice") else {
        return;
    };
    let (port, received) = smtp_that_fails_after_data().await;
    s.smtp = ("127.0.0.1".to_string(), port);
    let w = world("fault").await;
    let ctx = &w.ctx;
    let mailbox = add_mailbox(ctx, &s, "fault", "fault", 1 << 20).await;
    let mut session = connect_imap(ctx, &mailbox).await.expect("imap");
    empty_account(&mut session).await;
    let _ = session.logout().await;
    let line = r#"{"type":"message","channel":"email","external_id":"<q1@example.com>","received_at":"2026-11-24T08:00:00Z","direction":"inbound","from":{"email":"kim@example.com","name":"Kim"},"to":"fault@cairn.test","subject":"Frage","text":"Wo ist mein Paket?"}"#;
    let record = cairn_domain::records::parse_record(line).expect("record");
    ctx.store
        .ingest(ctx.tenant, &[record], &ctx.ingest, Timestamp::now())
        .await
        .expect("ingest");
    let ticket = ticket_of(&ctx.store, ctx.tenant, "<q1@example.com>").await;
    let item = ctx
        .store
        .queue_reply(
            ctx.tenant,
            ticket.id,
            "Unterwegs.",
            Some("fault"),
            Timestamp::now(),
        )
        .await
        .expect("queue");
    for _ in 0..3 {
        let report = sync_mailbox(ctx, "fault").await.expect("sync");
        assert_eq!(report.send.sent, 0);
    }
    let item = ctx
        .store
        .outbox_item(ctx.tenant, item.id)
        .await
        .expect("item")
        .expect("exists");
    assert_eq!(item.status, "unknown", "{item:?}");
    assert_eq!(item.attempts, 1);
    assert_eq!(
        received.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "the server got the data exactly once"
    );
    let ticket = ticket_of(&ctx.store, ctx.tenant, "<q1@example.com>").await;
    assert_eq!(
        ticket.status, "open",
        "an unconfirmed answer does not count as sent"
    );
}

/// The mailbox tables on each database: SQLite always, PostgreSQL when `CAIRN_TEST_POSTGRES` is
/// set (in a database of its own, dropped afterwards). Needs no mail server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mailbox_storage_on_sqlite_and_postgres() {
    let sqlite = world("storage").await;
    check_mailbox_storage(&sqlite.ctx.store).await;
    let Ok(admin) = std::env::var("CAIRN_TEST_POSTGRES") else {
        eprintln!("note: CAIRN_TEST_POSTGRES is not set; mailbox storage ran on SQLite only");
        return;
    };
    let db = cairn_store::scratch::ScratchPostgres::create(&admin, "cairn_mailbox_test")
        .await
        .expect("create a PostgreSQL test database");
    let store = Store::open(db.url()).await.expect("open postgres");
    check_mailbox_storage(&store).await;
    store.close().await;
    db.drop().await;
}

async fn check_mailbox_storage(store: &Store) {
    let tenant = store.ensure_tenant("st", "st").await.expect("tenant");
    let now = Timestamp::now();
    let mut settings = MailboxSettings {
        name: "main".into(),
        address: "shop@example.com".into(),
        imap_host: "imap.example.com".into(),
        imap_port: 993,
        smtp_host: "smtp.example.com".into(),
        smtp_port: 465,
        security: "tls".into(),
        username: "shop".into(),
        password_enc: "v1:sealed".into(),
        folders: vec!["INBOX".into(), "Amazon".into()],
        sent_folder: "Sent".into(),
        max_message_bytes: 1000,
        move_to: Some("Done".into()),
    };
    let saved = store
        .save_mailbox(tenant, &settings, now)
        .await
        .expect("save");
    settings.imap_port = 10993;
    let again = store
        .save_mailbox(tenant, &settings, now)
        .await
        .expect("update");
    assert_eq!(again.id, saved.id);
    assert_eq!(store.mailboxes(tenant).await.expect("list").len(), 1);
    assert_eq!(again.settings, settings);

    let line = r#"{"type":"message","channel":"amazon","marketplace":"amazon.de","external_id":"<m1@marketplace.amazon.de>","received_at":"2026-11-24T08:00:00Z","direction":"inbound","from":{"email":"k3x9@marketplace.amazon.de","name":"Jana"},"to":"shop@example.com","subject":"Frage","text":"Wo ist mein Paket?"}"#;
    let record = cairn_domain::records::parse_record(line).expect("record");
    let commit = MailCommit {
        notices: Vec::new(),
        mailbox_id: saved.id,
        cursor: Some(Cursor {
            folder: "Amazon".into(),
            uidvalidity: 7,
            last_uid: 42,
        }),
        received: vec![cairn_store::ReceivedMail {
            channel: "amazon".into(),
            external_id: "<m1@marketplace.amazon.de>".into(),
            folder: "Amazon".into(),
            uidvalidity: 7,
            uid: 42,
            raw_sha256: Some("ab".repeat(32)),
            size_bytes: 120,
            references: vec!["<r0@x>".into()],
            ..Default::default()
        }],
        sent: Vec::new(),
        bounced: Vec::new(),
        attachments: Vec::new(),
    };
    let options = cairn_store::IngestOptions::default();
    store
        .ingest_mail(
            tenant,
            std::slice::from_ref(&record),
            &options,
            now,
            &commit,
        )
        .await
        .expect("ingest");
    // Again: nothing new, the cursor stays.
    store
        .ingest_mail(tenant, &[record], &options, now, &commit)
        .await
        .expect("ingest again");
    let cursor = store
        .mail_cursor(tenant, saved.id, "Amazon")
        .await
        .expect("cursor")
        .expect("exists");
    assert_eq!((cursor.uidvalidity, cursor.last_uid), (7, 42));
    assert!(
        store
            .mail_cursor(tenant, saved.id, "INBOX")
            .await
            .expect("cursor")
            .is_none()
    );

    let ticket = ticket_of(store, tenant, "<m1@marketplace.amazon.de>").await;
    assert_eq!(ticket.channel, "amazon");
    let item = store
        .queue_reply(tenant, ticket.id, "Ist unterwegs.", None, now)
        .await
        .expect("queue");
    assert_eq!(item.to_addr.as_deref(), Some("k3x9@marketplace.amazon.de"));
    assert_eq!(item.channel, "amazon");
    assert_eq!(
        item.in_reply_to.as_deref(),
        Some("<m1@marketplace.amazon.de>")
    );
    assert_eq!(
        item.references,
        vec![
            "<r0@x>".to_string(),
            "<m1@marketplace.amazon.de>".to_string()
        ]
    );
    assert!(item.message_id.ends_with("@example.com>"));
    assert_eq!(
        item.subject.as_deref(),
        Some(format!("Re: Frage [#T{}]", ticket.id).as_str())
    );
    assert!(
        store
            .outbox_claim(tenant, item.id, "raw", now)
            .await
            .expect("claim")
    );
    assert!(
        !store
            .outbox_claim(tenant, item.id, "raw", now)
            .await
            .expect("claim twice")
    );
    let sending = store
        .outbox_of_mailbox(tenant, saved.id, &["sending"])
        .await
        .expect("sending");
    assert_eq!(sending.len(), 1);
    assert_eq!(sending[0].raw_message.as_deref(), Some("raw"));
    store
        .outbox_set_status(tenant, item.id, "unknown", Some("why"), now)
        .await
        .expect("status");
    let item = store
        .outbox_item(tenant, item.id)
        .await
        .expect("item")
        .expect("exists");
    assert_eq!((item.status.as_str(), item.attempts), ("unknown", 1));
    // Empty answers and tickets without a mailbox are refused.
    assert!(
        store
            .queue_reply(tenant, ticket.id, "  ", None, now)
            .await
            .is_err()
    );
    assert!(
        store
            .queue_reply(tenant, ticket.id, "x", Some("other"), now)
            .await
            .is_err()
    );
    check_marketplace_notices(store, tenant, saved.id, now).await;
}

/// An A-to-z claim mailed by Amazon is an event on the order's ticket, recorded once, and no
/// ticket of its own; the raw mail's bookkeeping is kept like any other.
async fn check_marketplace_notices(store: &Store, tenant: TenantId, mailbox: i64, now: Timestamp) {
    const ORDER: &str = "302-1112223-3334445";
    let lines = [
        format!(
            r#"{{"type":"order","channel":"amazon","marketplace":"amazon.de","order_id":"{ORDER}","placed_at":"2026-11-02T09:12:00Z","fulfillment":"FBM","buyer":{{"email":"q7y2@marketplace.amazon.de","name":"Ole Berg"}},"items":[{{"sku":"LAMP-01","title":"Tischlampe","quantity":1,"price":{{"amount":"49.90","currency":"EUR"}}}}],"total":{{"amount":"49.90","currency":"EUR"}}}}"#
        ),
        format!(
            r#"{{"type":"message","channel":"amazon","marketplace":"amazon.de","external_id":"<n1@marketplace.amazon.de>","received_at":"2026-11-24T08:00:00Z","direction":"inbound","from":{{"email":"q7y2@marketplace.amazon.de","name":"Ole"}},"to":"shop@example.com","subject":"Bestellung {ORDER}","text":"Meine Lampe ist kaputt angekommen."}}"#
        ),
    ];
    let records: Vec<_> = lines
        .iter()
        .map(|l| cairn_domain::records::parse_record(l).expect("record"))
        .collect();
    let options = cairn_store::IngestOptions::default();
    store
        .ingest(tenant, &records, &options, now)
        .await
        .expect("order and message");
    let ticket = ticket_of(store, tenant, "<n1@marketplace.amazon.de>").await;
    let tickets_before = store
        .tickets(tenant, &TicketQuery::unresolved(1000), now)
        .await
        .expect("tickets")
        .len();

    let raw = format!(
        "From: Amazon <atoz-guarantee-no-reply@amazon.de>\r\nTo: shop@example.com\r\nSubject: A-bis-z-Garantieantrag für Bestellung {ORDER}\r\nMessage-ID: <claim-1@amazon.de>\r\nDate: Tue, 24 Nov 2026 09:00:00 +0000\r\n\r\nGuten Tag, ein Käufer hat einen Antrag auf die A-bis-z-Garantie gestellt.\r\n"
    );
    let origin = cairn_mailbox::convert::Origin {
        address: "shop@example.com",
        folder: "INBOX",
        uidvalidity: 9,
        uid: 1,
    };
    let item = cairn_mailbox::convert::incoming(raw.as_bytes(), &origin, None, now);
    let notice = item.notice.clone().expect("read as a notice");
    assert_eq!(notice.kind, "claim");
    assert_eq!(notice.order_ref.as_deref(), Some(ORDER));
    let commit = MailCommit {
        mailbox_id: mailbox,
        cursor: None,
        received: vec![item.received.clone()],
        sent: Vec::new(),
        bounced: Vec::new(),
        attachments: Vec::new(),
        notices: vec![notice],
    };
    for _ in 0..2 {
        store
            .ingest_mail(tenant, &[], &options, now, &commit)
            .await
            .expect("notice");
    }
    let events = store
        .ticket_events(tenant, ticket.id)
        .await
        .expect("events");
    let notices: Vec<_> = events
        .iter()
        .filter(|e| e.kind == "marketplace_notice")
        .collect();
    assert_eq!(notices.len(), 1, "recorded once: {events:?}");
    assert_eq!(notices[0].data["notice"], "claim");
    assert_eq!(notices[0].data["order_ref"], ORDER);
    assert!(notices[0].order_id.is_some(), "on the order too");
    assert_eq!(
        store
            .tickets(tenant, &TicketQuery::unresolved(1000), now)
            .await
            .expect("tickets")
            .len(),
        tickets_before,
        "a notice opens no ticket"
    );
    assert!(
        store.verify_events(tenant).await.expect("verify").is_ok(),
        "the event chain holds"
    );
}

/// Empties a folder, creating it first when needed.
async fn fresh_folder(session: &mut ImapSession, folder: &str) {
    let _ = session.create(folder).await;
    let mb = session.select(folder).await.expect("select");
    if mb.exists > 0 {
        let _: Vec<_> = session
            .store("1:*", "+FLAGS (\\Deleted)")
            .await
            .expect("store")
            .try_collect()
            .await
            .expect("flags");
        let _: Vec<_> = session
            .expunge()
            .await
            .expect("expunge")
            .try_collect()
            .await
            .expect("expunged");
    }
}

/// The Message-IDs in a folder, one per message (duplicates show up twice).
async fn message_ids(session: &mut ImapSession, folder: &str) -> Vec<String> {
    let mut ids: Vec<String> = raw_messages(session, folder)
        .await
        .iter()
        .filter_map(|raw| header(raw, "Message-ID"))
        .collect();
    ids.sort();
    ids
}

fn mover_mail(id: &str, attachment: bool) -> String {
    let date = "Tue, 24 Nov 2026 08:00:00 +0000";
    if attachment {
        format!(
            "From: Kim <kim@example.com>\r\nTo: fault@cairn.test\r\nSubject: Rechnung\r\nMessage-ID: {id}\r\nDate: {date}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIm Anhang.\r\n--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"rechnung.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--B--\r\n"
        )
    } else {
        format!(
            "From: Kim <kim@example.com>\r\nTo: fault@cairn.test\r\nSubject: Frage {id}\r\nMessage-ID: {id}\r\nDate: {date}\r\n\r\nWo ist es?\r\n"
        )
    }
}

async fn message_count(ctx: &MailContext) -> i64 {
    ctx.store
        .counts(ctx.tenant)
        .await
        .expect("counts")
        .into_iter()
        .find(|(t, _)| t == "messages")
        .map_or(0, |(_, n)| n)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_mail_moves_after_the_commit_and_a_crash_in_between_loses_nothing() {
    let Some(s) =
        servers("stored_mail_moves_after_the_commit_and_a_crash_in_between_loses_nothing")
    else {
        return;
    };
    const IN: &str = "Cairn-Move-In";
    const DONE: &str = "Cairn-Move-Done";
    let w = world("mover").await;
    let ctx = &w.ctx;
    let mut mailbox = add_mailbox(ctx, &s, "mover", "fault", 1 << 20).await;
    mailbox.settings.folders = vec![IN.to_string()];
    let mailbox = ctx
        .store
        .save_mailbox(ctx.tenant, &mailbox.settings, Timestamp::now())
        .await
        .expect("folders");
    let mut imap = connect_imap(ctx, &mailbox).await.expect("imap");
    fresh_folder(&mut imap, IN).await;
    fresh_folder(&mut imap, DONE).await;
    let stamp = Timestamp::now().as_millisecond();
    let mut ids: Vec<String> = Vec::new();

    // Stored but not moved: exactly what a crash right after the commit leaves behind.
    for i in 0..3 {
        let id = format!("<move.{stamp}.{i}@example.com>");
        imap.append(IN, None, None, mover_mail(&id, i == 0).as_bytes())
            .await
            .expect("append");
        ids.push(id);
    }
    let report = sync_mailbox(ctx, "mover").await.expect("sync");
    assert_eq!((report.imported, report.moved), (3, 0), "{report:?}");
    assert_eq!(message_ids(&mut imap, IN).await.len(), 3);
    let ticket = ticket_of(&ctx.store, ctx.tenant, &ids[0]).await;
    let (_, messages) = ctx
        .store
        .ticket(ctx.tenant, ticket.id, Timestamp::now())
        .await
        .expect("ticket")
        .expect("exists");
    let files = ctx
        .store
        .attachments_of(ctx.tenant, &[messages[0].id])
        .await
        .expect("attachments");
    let (info, data) = ctx
        .store
        .attachment(ctx.tenant, messages[0].id, 0)
        .await
        .expect("attachment")
        .expect("stored with the message");
    assert_eq!(files[&messages[0].id].len(), 1);
    assert_eq!(info.filename.as_deref(), Some("rechnung.pdf"));
    assert_eq!(data, b"%PDF-1.4");

    // With a folder to move to, the next sync moves what the cursor says is stored.
    let mut settings = mailbox.settings.clone();
    settings.move_to = Some(DONE.to_string());
    ctx.store
        .save_mailbox(ctx.tenant, &settings, Timestamp::now())
        .await
        .expect("move_to");
    let report = sync_mailbox(ctx, "mover").await.expect("sync");
    assert_eq!((report.fetched, report.moved), (0, 3), "{report:?}");
    assert!(message_ids(&mut imap, IN).await.is_empty());
    assert_eq!(message_ids(&mut imap, DONE).await, {
        let mut v = ids.clone();
        v.sort();
        v
    });
    assert_eq!(message_count(ctx).await, 3);

    // kill -9 at any moment of fetching, committing and moving: nothing lost, nothing twice.
    const MORE: usize = 150;
    for i in 0..MORE {
        let id = format!("<move.{stamp}.k{i}@example.com>");
        imap.append(IN, None, None, mover_mail(&id, i % 10 == 0).as_bytes())
            .await
            .expect("append");
        ids.push(id);
    }
    let exe = env!("CARGO_BIN_EXE_cairn-mailbox-sync");
    let data_dir = ctx.data_dir.display().to_string();
    let mut rng = Lcg(stamp as u64);
    let mut killed = 0;
    for _ in 0..12 {
        let mut child = tokio::process::Command::new(exe)
            .args([w.url.as_str(), data_dir.as_str(), "mover", "mover"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn sync");
        tokio::time::sleep(Duration::from_millis(30 + rng.next(300))).await;
        if child.try_wait().expect("wait").is_none() {
            child.start_kill().expect("kill -9");
            killed += 1;
        }
        let _ = child.wait().await;
    }
    let report = sync_mailbox(ctx, "mover").await.expect("final sync");
    eprintln!("kill -9 in {killed} of 12 rounds; the last sync: {report:?}");
    assert_eq!(
        message_count(ctx).await as usize,
        ids.len(),
        "each stored once"
    );
    for id in &ids {
        assert!(
            ctx.store
                .received_mail(ctx.tenant, "email", id)
                .await
                .expect("received")
                .is_some(),
            "{id} missing"
        );
    }
    assert!(message_ids(&mut imap, IN).await.is_empty());
    let mut want = ids.clone();
    want.sort();
    assert_eq!(message_ids(&mut imap, DONE).await, want);

    // Without MOVE: COPY, \Deleted and EXPUNGE do the same.
    let extra = format!("<move.{stamp}.copy@example.com>");
    imap.append(IN, None, None, mover_mail(&extra, false).as_bytes())
        .await
        .expect("append");
    imap.select(IN).await.expect("select");
    let uids: Vec<u32> = imap
        .uid_search("ALL")
        .await
        .expect("search")
        .into_iter()
        .collect();
    assert_eq!(
        move_messages(&mut imap, &uids, "Cairn-Move-Copied", false)
            .await
            .expect("copy and expunge"),
        1
    );
    assert!(message_ids(&mut imap, IN).await.is_empty());
    assert_eq!(
        message_ids(&mut imap, "Cairn-Move-Copied").await,
        vec![extra]
    );
    fresh_folder(&mut imap, "Cairn-Move-Copied").await;
    let _ = imap.logout().await;
}
