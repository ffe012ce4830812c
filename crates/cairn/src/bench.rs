//! `cairn bench import`: measures the import pipeline against the raw speed of the same database
//! in the same run, then the latency of the inbox and history queries on the loaded data.
//!
//! The raw baseline writes every line of the same file as a bare row into one table in one
//! transaction: no parsing, no lookups, no indexes — the ceiling for this machine and driver.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use cairn_domain::{CustomerId, TenantId};
use cairn_store::{IngestOptions, Store, TicketQuery};
use sqlx::{Connection, Executor};

pub struct BenchArgs {
    pub customers: u64,
    pub seed: u64,
    pub work_dir: PathBuf,
    /// Run the pipeline against this database instead of a fresh SQLite file.
    pub database_url: Option<String>,
    pub queries: usize,
    /// Measure the queries on the database a previous run left, without importing again.
    pub queries_only: bool,
}

pub(crate) fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn raw_baseline(path: &Path, db: &Path) -> anyhow::Result<(u64, Duration)> {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let mut conn = sqlx::AnyConnection::connect(&url).await?;
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.execute("PRAGMA synchronous = NORMAL").await?;
    conn.execute("CREATE TABLE raw (line TEXT NOT NULL)")
        .await?;
    let started = Instant::now();
    let mut tx = conn.begin().await?;
    let reader = BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    let mut lines = 0u64;
    let mut chunk: Vec<String> = Vec::with_capacity(500);
    let flush = |chunk: &mut Vec<String>| {
        let mut sql = String::from("INSERT INTO raw (line) VALUES ");
        let mut args = sqlx::any::AnyArguments::default();
        for (i, line) in chunk.drain(..).enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str("(?)");
            let _ = sqlx::Arguments::add(&mut args, line);
        }
        sqlx::query_with(sqlx::AssertSqlSafe(sql), args)
    };
    for line in reader.lines() {
        chunk.push(line?);
        lines += 1;
        if chunk.len() == 500 {
            flush(&mut chunk).execute(&mut *tx).await?;
        }
    }
    if !chunk.is_empty() {
        flush(&mut chunk).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok((lines, started.elapsed()))
}

pub async fn run(args: BenchArgs, clock: fn() -> jiff::Timestamp) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.work_dir)
        .with_context(|| format!("cannot create {}", args.work_dir.display()))?;
    if args.queries_only {
        let url = args
            .database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", args.work_dir.join("cairn.db").display()));
        let store = Store::open(&url).await?;
        let tenant = store.ensure_tenant("bench", "Bench").await?;
        query_latencies(&store, tenant, args.queries, clock).await?;
        store.close().await;
        return Ok(());
    }
    let world = args.work_dir.join("world.jsonl");
    let started = Instant::now();
    let cfg = cairn_demo::DemoConfig {
        seed: args.seed,
        customers: args.customers,
        start: clock().as_second(),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&world)?);
    let stats = cairn_demo::write_world(&cfg, &mut out)?;
    out.flush()?;
    drop(out);
    println!(
        "world: {} customers, {} orders, {} messages ({:.1} s to generate)",
        stats.customers,
        stats.orders,
        stats.messages,
        started.elapsed().as_secs_f64()
    );

    let raw_db = args.work_dir.join("raw.db");
    let _ = std::fs::remove_file(&raw_db);
    let (lines, raw_time) = raw_baseline(&world, &raw_db).await?;
    let raw_rate = lines as f64 / raw_time.as_secs_f64();
    println!(
        "raw limit (bare rows, one transaction, SQLite): {lines} lines in {:.2} s = {:.0} records/s",
        raw_time.as_secs_f64(),
        raw_rate
    );

    let url = match &args.database_url {
        Some(u) => u.clone(),
        None => {
            let db = args.work_dir.join("cairn.db");
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
            }
            format!("sqlite://{}", db.display())
        }
    };
    let store = Store::open(&url).await?;
    let tenant = store.ensure_tenant("bench", "Bench").await?;
    let started = Instant::now();
    let summary = crate::import::import(
        &store,
        tenant,
        vec![world.display().to_string()],
        &IngestOptions::default(),
        |r| eprintln!("{}:{}: {}", r.source, r.line, r.reason),
        clock,
    )
    .await?;
    let import_time = started.elapsed();
    let records = summary.imported + summary.updated + summary.duplicates + summary.rejected;
    let rate = records as f64 / import_time.as_secs_f64();
    println!(
        "import ({}): {records} records in {:.1} s = {:.0} records/s ({:.1}% of the raw limit); {summary}",
        match store.backend() {
            cairn_store::Backend::Sqlite => "SQLite",
            cairn_store::Backend::Postgres => "PostgreSQL",
        },
        import_time.as_secs_f64(),
        rate,
        100.0 * rate / raw_rate
    );
    if let Some(rss) = peak_rss_mb() {
        println!("peak memory (whole process): {rss:.0} MB");
    }
    store.optimize().await?;
    query_latencies(&store, tenant, args.queries, clock).await?;
    store.close().await;
    Ok(())
}

async fn query_latencies(
    store: &Store,
    tenant: TenantId,
    n: usize,
    clock: fn() -> jiff::Timestamp,
) -> anyhow::Result<()> {
    let mut inbox = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let page = store
            .tickets(tenant, &TicketQuery::inbox(50), clock())
            .await?;
        inbox.push(t.elapsed());
        std::hint::black_box(page);
    }
    inbox.sort();
    // Customers spread over the id range: walk pages and take every k-th.
    let mut ids: Vec<CustomerId> = Vec::new();
    let mut after = None;
    loop {
        let page = store.customers(tenant, after, 1000).await?;
        if page.is_empty() {
            break;
        }
        after = page.last().map(|c| c.id);
        ids.extend(page.iter().step_by(50).map(|c| c.id));
        if ids.len() >= n {
            break;
        }
    }
    let mut history = Vec::with_capacity(ids.len());
    for id in ids.iter().take(n) {
        let t = Instant::now();
        let h = store.history(tenant, *id, clock()).await?;
        history.push(t.elapsed());
        std::hint::black_box(h);
    }
    history.sort();
    println!(
        "inbox (first 50 open tickets): p50 {:.2} ms, p99 {:.2} ms over {} runs",
        ms(percentile(&inbox, 0.5)),
        ms(percentile(&inbox, 0.99)),
        inbox.len()
    );
    println!(
        "customer history: p50 {:.2} ms, p99 {:.2} ms over {} customers",
        ms(percentile(&history, 0.5)),
        ms(percentile(&history, 0.99)),
        history.len()
    );
    Ok(())
}

/// Classifies the customer messages of a generated world on the calling thread (one core) and
/// prints messages per second, beside the bare language detection of the same texts.
pub fn classify(customers: u64, clock: fn() -> jiff::Timestamp) -> anyhow::Result<()> {
    let cfg = cairn_demo::DemoConfig {
        seed: 1,
        customers,
        start: clock().as_second(),
    };
    let mut texts: Vec<(Option<String>, String)> = Vec::new();
    for line in cairn_demo::World::new(cfg) {
        let v: serde_json::Value = serde_json::from_str(&line)?;
        if v["type"] == "message" && v["direction"] == "inbound" {
            texts.push((
                v["subject"].as_str().map(str::to_string),
                v["text"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let started = Instant::now();
    let mut intents = 0usize;
    for (subject, text) in &texts {
        let u = cairn_domain::understanding::understand(subject.as_deref(), text, None);
        intents += u.intents.len();
    }
    let full = started.elapsed();
    let started = Instant::now();
    for (_, text) in &texts {
        std::hint::black_box(whatlang::detect(text));
    }
    let lang_only = started.elapsed();
    println!(
        "classify: {} messages (avg {} bytes) in {:.2} s = {:.0} messages/s on one core ({} intents found)",
        texts.len(),
        bytes / texts.len().max(1),
        full.as_secs_f64(),
        texts.len() as f64 / full.as_secs_f64(),
        intents
    );
    println!(
        "baseline, whatlang language detection alone: {:.0} messages/s",
        texts.len() as f64 / lang_only.as_secs_f64()
    );
    Ok(())
}
