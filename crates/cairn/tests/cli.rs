//! The `cairn` binary as a user drives it: import, listing, history, bad input, crash safety.
//! Runs on SQLite, and on PostgreSQL too when `CAIRN_TEST_POSTGRES` is set.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_cairn");

/// A place to run commands against: a data folder, and a database URL when not SQLite.
struct Env {
    dir: tempfile::TempDir,
    database_url: Option<String>,
    pg_admin: Option<(String, String)>,
}

impl Env {
    fn sqlite() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
            database_url: None,
            pg_admin: None,
        }
    }

    /// A fresh PostgreSQL database when the suite is configured for one.
    fn postgres(tag: &str) -> Option<Env> {
        let admin = std::env::var("CAIRN_TEST_POSTGRES")
            .ok()
            .filter(|s| !s.is_empty())?;
        let name = format!("cairn_cli_{tag}_{}", std::process::id());
        let psql = |sql: &str| {
            Command::new("psql")
                .args([admin.as_str(), "-qc", sql])
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        psql(&format!("DROP DATABASE IF EXISTS {name}"));
        assert!(
            psql(&format!("CREATE DATABASE {name}")),
            "create database {name}"
        );
        let base = admin
            .rsplit_once('/')
            .map_or(admin.as_str(), |(b, _)| b)
            .to_string();
        Some(Env {
            dir: tempfile::tempdir().expect("temp dir"),
            database_url: Some(format!("{base}/{name}")),
            pg_admin: Some((admin, name)),
        })
    }

    fn all(tag: &str) -> Vec<(&'static str, Env)> {
        let mut envs = vec![("sqlite", Env::sqlite())];
        match Env::postgres(tag) {
            Some(pg) => envs.push(("postgres", pg)),
            None => eprintln!("note: CAIRN_TEST_POSTGRES is not set; CLI tests ran on SQLite only"),
        }
        envs
    }

    fn command(&self) -> Command {
        let mut c = Command::new(BIN);
        c.env_remove("CAIRN_DATABASE_URL")
            .env("CAIRN_DATA_DIR", self.dir.path().join("data"));
        if let Some(url) = &self.database_url {
            c.env("CAIRN_DATABASE_URL", url);
        }
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run cairn")
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "cairn {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON output")
    }

    fn file(&self, name: &str, lines: &[String]) -> PathBuf {
        let path = self.dir.path().join(name);
        let mut f = std::fs::File::create(&path).expect("create file");
        for l in lines {
            writeln!(f, "{l}").expect("write");
        }
        path
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg_admin {
            let _ = Command::new("psql")
                .args([
                    admin.as_str(),
                    "-qc",
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ])
                .stdout(Stdio::null())
                .status();
        }
    }
}

const ALIAS: &str = "k3x9abc@marketplace.amazon.de";

fn example_lines() -> Vec<String> {
    vec![
        json!({"type":"order","channel":"amazon","marketplace":"amazon.de","order_id":"302-4417789-6651234",
          "placed_at":"2026-11-02T09:12:00Z","fulfillment":"FBM",
          "buyer":{"email":ALIAS,"name":"Jana Schmidt","phone":null,"buyer_id":null},
          "shipping_address":{"name":"Jana Schmidt","line1":"Lindenstr. 12","city":"München","postal_code":"80331","country":"DE"},
          "items":[{"sku":"LAMP-01","title":"Tischlampe Messing","quantity":1,"price":{"amount":"49.90","currency":"EUR"}}],
          "total":{"amount":"49.90","currency":"EUR"},
          "shipments":[{"carrier":"dhl","tracking_number":"00340434161094042557","shipped_at":"2026-11-03T15:00:00Z"}]}).to_string(),
        json!({"type":"message","channel":"amazon","marketplace":"amazon.de","external_id":"<a1b2@marketplace.amazon.de>",
          "thread_id":null,"in_reply_to":null,"received_at":"2026-11-10T08:01:00Z","direction":"inbound",
          "from":{"email":ALIAS,"name":"Jana Schmidt"},"to":"shop@example.com",
          "subject":"Frage zur Bestellung 302-4417789-6651234","text":"Hallo, wo ist mein Paket?","html":null,
          "order_id":"302-4417789-6651234"}).to_string(),
        json!({"type":"message","channel":"email","external_id":"<x1@mail.example.de>",
          "received_at":"2026-11-10T09:30:00Z","direction":"inbound",
          "from":{"email":"Jana.Schmidt@example.de","name":"Jana Schmidt"},"to":"shop@example.com",
          "subject":"Paket fehlt","text":"Ich warte noch auf 302-4417789-6651234."}).to_string(),
    ]
}

#[test]
fn import_list_and_history() {
    for (backend, env) in Env::all("basic") {
        let file = env.file("world.jsonl", &example_lines());
        let path = file.to_str().expect("path");
        let out = env.run(&["import", path]);
        assert!(
            out.status.success(),
            "{backend}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let summary = String::from_utf8_lossy(&out.stdout);
        assert!(
            summary.contains("imported 3") && summary.contains("rejected 0"),
            "{backend}: {summary}"
        );
        // Global flags also work after the subcommand.
        let data = env.dir.path().join("data");
        let out = env
            .command()
            .args(["import", path, "--data-dir", data.to_str().expect("path")])
            .output()
            .expect("run");
        let summary = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success());
        assert!(
            summary.contains("imported 0") && summary.contains("duplicates skipped 3"),
            "{backend}: {summary}"
        );

        let tickets = env.json(&["tickets", "--json"]);
        let tickets = tickets.as_array().expect("array");
        assert_eq!(tickets.len(), 2, "{backend}");
        let t = &tickets[0];
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
            assert!(t.get(field).is_some(), "{backend}: ticket lacks {field}");
        }
        assert_eq!(t["channel"], "amazon");
        assert_eq!(t["status"], "open");
        assert_eq!(t["sla"]["first_response_due_at"], "2026-11-11T08:01:00Z");
        assert_eq!(t["message_external_ids"][0], "<a1b2@marketplace.amazon.de>");

        let customers = env.json(&["customers", "--json"]);
        let customers = customers.as_array().expect("array");
        assert_eq!(
            customers.len(),
            1,
            "{backend}: one person across Amazon and email"
        );
        let c = &customers[0];
        let id = c["id"].as_str().expect("string id");
        let kinds: HashSet<&str> = c["identities"]
            .as_array()
            .expect("identities")
            .iter()
            .filter_map(|i| i["kind"].as_str())
            .collect();
        assert!(
            kinds.contains("amazon_alias") && kinds.contains("email"),
            "{backend}: {kinds:?}"
        );

        let history = env.json(&["history", id, "--json"]);
        let timeline = history["timeline"].as_array().expect("timeline");
        let kinds: Vec<&str> = timeline.iter().filter_map(|e| e["kind"].as_str()).collect();
        assert_eq!(
            kinds,
            ["order", "ticket", "message", "ticket", "message"],
            "{backend}"
        );
        assert_eq!(timeline[0]["fulfillment"], "FBM");
        assert_eq!(timeline[0]["shipments"][0]["carrier"], "dhl");

        let out = env.run(&["history", "12345", "--json"]);
        assert!(!out.status.success());
        let out = env.run(&["history", "not-a-number", "--json"]);
        assert!(String::from_utf8_lossy(&out.stderr).contains("is not a customer id"));
    }
}

#[test]
fn bad_lines_are_reported_and_the_rest_imported() {
    let env = Env::sqlite();
    let mut lines = example_lines();
    let good = lines.remove(1);
    let huge = json!({"type":"message","channel":"email","external_id":"<big@x>","received_at":"2026-11-10T09:30:00Z",
        "direction":"inbound","from":{"email":"a@b.de"},"subject":"x","text":"y".repeat(20 * 1024 * 1024)}).to_string();
    let bad = vec![
        "{broken json".to_string(),
        good.replace("\"channel\":\"amazon\"", "\"channel\":\"aliexpress\""),
        good.replace("2026-11-10T08:01:00Z", "gestern"),
        good.replace("\"external_id\":\"<a1b2@marketplace.amazon.de>\",", ""),
        huge,
    ];
    let mut all = vec![good];
    all.extend(bad);
    all.push(lines[1].clone());
    let file = env.file("mixed.jsonl", &all);
    let out = env.run(&["import", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (line, reason) in [
        (2, "invalid JSON"),
        (3, "unknown channel \"aliexpress\""),
        (4, "not an RFC 3339 time"),
        (5, "missing field `external_id`"),
        (6, "over the"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&format!("mixed.jsonl:{line}:")) && l.contains(reason)),
            "line {line} should be reported with {reason:?}:\n{stderr}"
        );
    }
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("imported 2") && summary.contains("rejected 5"),
        "{summary}"
    );

    // Standard input works too.
    let mut child = env
        .command()
        .args(["import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{}\n", lines[0]).as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("imported 1"));
}

/// Synthetic records: customers writing on Amazon about their orders, some answered.
fn synthetic(n: usize) -> Vec<String> {
    let mut lines = Vec::with_capacity(n);
    for i in 0..n {
        let order = format!("302-{:07}-{:07}", i / 3, i / 3);
        let alias = format!("c{}@marketplace.amazon.de", i / 3);
        let rec = if i % 3 == 0 {
            json!({"type":"order","channel":"amazon","marketplace":"amazon.de","order_id":order,
              "placed_at":"2026-10-01T10:00:00Z","fulfillment":"FBA","buyer":{"email":alias,"name":format!("Kunde {}", i / 3)},
              "items":[],"shipments":[]})
        } else {
            json!({"type":"message","channel":"amazon","external_id":format!("<m{i}@x>"),
              "received_at":"2026-11-10T08:00:00Z","direction":"inbound","from":{"email":alias},
              "subject":format!("Bestellung {order}"),"text":"Wo ist mein Paket?"})
        };
        lines.push(rec.to_string());
    }
    lines
}

fn total_messages(env: &Env) -> (usize, usize) {
    let tickets = env.json(&["tickets", "--json", "--all"]);
    let ids: Vec<String> = tickets
        .as_array()
        .expect("array")
        .iter()
        .flat_map(|t| {
            t["message_external_ids"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let unique: HashSet<&String> = ids.iter().collect();
    (ids.len(), unique.len())
}

fn kill_rounds(env: &Env, file: &Path, rounds: u64) {
    for round in 0..rounds {
        let mut child = env
            .command()
            .args(["import", file.to_str().expect("path")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Vary the moment of death: sometimes during start-up, mostly mid-import.
        std::thread::sleep(Duration::from_millis(150 + (round * 97) % 700));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    }
}

#[test]
fn import_killed_with_sigkill_ends_with_every_record_once() {
    for (backend, env) in Env::all("kill") {
        let lines = synthetic(30_000);
        let messages = lines
            .iter()
            .filter(|l| l.contains("\"type\":\"message\""))
            .count();
        let file = env.file("big.jsonl", &lines);
        kill_rounds(&env, &file, 6);
        let out = env.run(&["import", file.to_str().expect("path")]);
        assert!(
            out.status.success(),
            "{backend}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (total, unique) = total_messages(&env);
        assert_eq!(
            (total, unique),
            (messages, messages),
            "{backend}: every message exactly once"
        );
        let out = env.run(&["import", file.to_str().expect("path")]);
        let summary = String::from_utf8_lossy(&out.stdout);
        assert!(
            summary.contains("imported 0, updated 0"),
            "{backend}: {summary}"
        );
        let out = env.run(&["verify"]);
        assert!(
            out.status.success(),
            "{backend}: event chain intact after kills"
        );
    }
}

#[test]
fn track_detect_prints_one_object_per_number() {
    let env = Env::sqlite();
    let out = env.run(&["track", "detect", "1Z5R89390357567127", "123"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["valid"], true);
    assert_eq!(rows[0]["candidates"][0]["carrier"], "ups");
    assert_eq!(rows[1]["valid"], false);
    assert_eq!(rows[1]["candidates"], json!([]));
}

#[test]
fn mail_reply_prints_only_the_new_text() {
    let env = Env::sqlite();
    let raw = "From: Jana <jana@example.de>\r\nTo: shop@example.com\r\nSubject: Re: Paket\r\n\
               Message-ID: <x@example.de>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
               Danke, das Paket ist da!\r\n\r\nAm 10.11.2026 um 09:00 schrieb Shop <shop@example.com>:\r\n\
               > Ihr Paket kommt morgen.\r\n\r\n-- \r\nJana Schmidt\r\n";
    let file = env.dir.path().join("reply.eml");
    std::fs::write(&file, raw).expect("write");
    let out = env.run(&["mail", "reply", file.to_str().expect("path")]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Danke, das Paket ist da!\n"
    );
    // A file without headers is a plain-text body.
    std::fs::write(
        &file,
        "Passt!\n\nOn Tue, Nov 10, 2026 at 9:00 AM Shop <shop@example.com> wrote:\n> Alles klar?\n",
    )
    .expect("write");
    let out = env.run(&["mail", "reply", file.to_str().expect("path")]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Passt!\n");
}

#[test]
fn classify_reads_a_message_from_standard_input() {
    let env = Env::sqlite();
    let mut child = env
        .command()
        .args(["classify", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(
            "Hallo, wo ist mein Paket zur Bestellung 302-4417789-6651234? Ich will 15,00 € zurück!"
                .as_bytes(),
        )
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["language"], "de");
    assert!(
        v["intents"]
            .as_array()
            .expect("intents")
            .iter()
            .any(|i| i["label"] == "tracking"),
        "{v}"
    );
    assert_eq!(v["entities"]["order_ids"][0]["marketplace"], "amazon");
    assert_eq!(
        v["entities"]["order_ids"][0]["value"],
        "302-4417789-6651234"
    );
    assert_eq!(v["entities"]["amounts"][0]["value"], "15.00");
    assert_eq!(v["entities"]["amounts"][0]["currency"], "EUR");
}

#[test]
fn tickets_merge_and_unmerge_from_the_command_line() {
    let env = Env::sqlite();
    let file = env.file("world.jsonl", &example_lines());
    assert!(
        env.run(&["import", file.to_str().expect("path")])
            .status
            .success()
    );
    let tickets = env.json(&["tickets", "--json"]);
    let ids: Vec<String> = tickets
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|t| t["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(ids.len(), 2);
    let out = env.run(&["tickets", "merge", &ids[0], &ids[1]]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 courtesy note(s) queued"));
    let all = env.json(&["tickets", "--json", "--all"]);
    let merged = all
        .as_array()
        .expect("array")
        .iter()
        .filter(|t| t["status"] == "merged")
        .count();
    assert_eq!(merged, 1);
    let out = env.run(&["tickets", "unmerge", &ids[0]]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let open = env.json(&["tickets", "--json"]);
    assert_eq!(open.as_array().map(Vec::len), Some(2));
    let out = env.run(&["tickets", "merge", &ids[0]]);
    assert!(!out.status.success(), "one ticket is not a merge");
}
