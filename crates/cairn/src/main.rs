//! The `cairn` binary: parses the command line into one typed [`Config`] and hands it to the
//! command. It owns process concerns (flags, exit codes, logging, signals) and nothing else.

/// mimalloc: the import and classification paths allocate many small strings, and glibc's
/// allocator cost a fifth of the import's CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod bench_mail;
mod evaldup;
mod import;
mod mailbox_cmd;
mod settings_cmd;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use cairn_domain::{CustomerId, TenantId, TicketId};
use cairn_store::{IngestOptions, Store, TicketQuery};
use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "cairn",
    version,
    about = "Cairn — the helpdesk for online sellers"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Command,
}

/// Settings every command shares. Flags beat environment variables beat defaults.
#[derive(Args, Debug, Clone)]
struct Config {
    /// Data folder (SQLite file, attachments, keys).
    #[arg(
        long,
        global = true,
        env = "CAIRN_DATA_DIR",
        default_value = "./cairn-data"
    )]
    data_dir: PathBuf,
    /// Database URL: sqlite://… (default: the data folder's cairn.db) or postgres://…
    #[arg(long, global = true, env = "CAIRN_DATABASE_URL")]
    database_url: Option<String>,
    /// Address the server listens on.
    #[arg(
        long,
        global = true,
        env = "CAIRN_LISTEN",
        default_value = "127.0.0.1:8080"
    )]
    listen: String,
    /// The tenant (seller) to work on.
    #[arg(long, global = true, env = "CAIRN_TENANT", default_value = "default")]
    tenant: String,
}

impl Config {
    fn database_url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir).with_context(|| {
            format!("cannot create the data folder {}", self.data_dir.display())
        })?;
        Ok(format!(
            "sqlite://{}",
            self.data_dir.join("cairn.db").display()
        ))
    }

    async fn open(&self) -> anyhow::Result<(Store, TenantId)> {
        let url = self.database_url()?;
        let store = Store::open(&url)
            .await
            .with_context(|| format!("cannot open the database {}", redact(&url)))?;
        let tenant = store.ensure_tenant(&self.tenant, &self.tenant).await?;
        Ok((store, tenant))
    }
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Runs the helpdesk: web UI and JSON API.
    Serve {
        /// Fill an empty database with a generated shop and keep new messages arriving.
        #[arg(long)]
        demo: bool,
    },
    /// Imports interchange records (JSON Lines); `-` reads standard input.
    Import {
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Writes a generated seller's world as interchange records.
    Demo {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 200)]
        customers: u64,
    },
    /// Lists open tickets (or every ticket) in queue order.
    Tickets {
        #[command(subcommand)]
        action: Option<TicketAction>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        all: bool,
    },
    /// Lists every customer with identities, orders and tickets.
    Customers {
        #[command(subcommand)]
        action: Option<CustomerAction>,
        #[arg(long)]
        json: bool,
    },
    /// The unified timeline of one customer.
    History {
        customer_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Identity links of a customer, and undoing a wrong one.
    #[command(subcommand)]
    Links(LinksCommand),
    /// API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Tracking numbers.
    #[command(subcommand)]
    Track(TrackCommand),
    /// Email tools.
    #[command(subcommand)]
    Mail(MailCommand),
    /// Classifies one customer message read from standard input.
    Classify {
        #[arg(long)]
        json: bool,
    },
    /// Measures the message understanding on evaluation sets.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Applies database migrations and exits.
    Migrate,
    /// Checks the tamper-evident event log.
    Verify,
    /// Measures Cairn on this machine.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Email mailboxes (IMAP in, SMTP out).
    #[command(subcommand)]
    Mailbox(mailbox_cmd::MailboxCommand),
    /// Triage settings of the tenant: risk weights, deadlines per channel, the company clock.
    #[command(subcommand)]
    Settings(settings_cmd::SettingsCommand),
    /// Queues an answer on a ticket; it goes out with the next sync (at once under `serve`).
    Reply {
        ticket_id: String,
        #[arg(long)]
        text_file: PathBuf,
        /// The mailbox to send through (default: the one the customer wrote to).
        #[arg(long)]
        mailbox: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum BenchCommand {
    /// Import speed against the raw limit, peak memory, then inbox and history latency.
    Import {
        /// Customers in the generated world (about four messages each).
        #[arg(long, default_value_t = 25_000)]
        customers: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where the world file and databases go.
        #[arg(long, default_value = "./bench-out")]
        work_dir: PathBuf,
        /// Query runs for the latency figures.
        #[arg(long, default_value_t = 1000)]
        queries: usize,
        /// Only measure the queries, on the database a previous run left in the work folder.
        #[arg(long)]
        queries_only: bool,
    },
    /// Message understanding (language, intents, signals, entities) on one core.
    Classify {
        /// Customers in the generated world whose messages are classified.
        #[arg(long, default_value_t = 5_000)]
        customers: u64,
    },
    /// Email ingest of a MIME corpus repeated to N messages (parse, reply extraction,
    /// threading, store) beside the bare mail-parser parse of the same messages.
    Mail {
        /// A folder of raw messages, read recursively.
        #[arg(long, default_value = "../shared/testdata/mime")]
        corpus: PathBuf,
        #[arg(long, default_value_t = 100_000)]
        messages: usize,
        /// Where the SQLite database (and kept raw files) go.
        #[arg(long, default_value = "./bench-out")]
        work_dir: PathBuf,
        /// Messages per transaction, as the IMAP sync commits them (at most 500 and 25 MB).
        #[arg(long, default_value_t = 500)]
        batch: usize,
        /// Also write each raw message to the data folder, synced, as the sync keeps it.
        #[arg(long)]
        keep_raw: bool,
    },
}

#[derive(Subcommand, Debug)]
enum TicketAction {
    /// Merges tickets of one customer into the one with the strictest deadline; the others get
    /// a courtesy note in their own channel.
    Merge {
        #[arg(required = true, num_args = 2..)]
        ticket_ids: Vec<String>,
    },
    /// Undoes a merge (given a merged ticket, or the primary to undo them all).
    Unmerge { ticket_id: String },
}

#[derive(Subcommand, Debug)]
enum CustomerAction {
    /// Customers who are probably the same person, with evidence.
    Suggest { customer_id: String },
    /// Records that two customers are one person; `cairn links undo` splits them again.
    Link {
        customer_id: String,
        other_customer_id: String,
        #[arg(long, default_value = "linked from the command line")]
        note: String,
    },
}

#[derive(Subcommand, Debug)]
enum LinksCommand {
    /// Lists a customer's identity links with their evidence.
    List { customer_id: String },
    /// Undoes a wrong link; the customer is split when the handles no longer hang together.
    Undo { link_id: String },
}

#[derive(Subcommand, Debug)]
enum EvalCommand {
    /// Intent detection: the project's own multilingual set, its hold-out set, and (when given)
    /// an external CSV with `utterance,intent` columns mapped onto Cairn's labels.
    Intents {
        /// The Bitext customer-support CSV (e.g. testdata/intents/bitext/dev.csv).
        #[arg(long)]
        bitext: Option<PathBuf>,
    },
    /// Duplicate detection on a generated world against its ground truth.
    Duplicates {
        #[arg(long, default_value_t = 2000)]
        customers: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value = "./bench-out")]
        work_dir: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum TokenCommand {
    /// Creates an API token and prints it once.
    Create {
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

#[derive(Subcommand, Debug)]
enum MailCommand {
    /// Prints only what the sender newly wrote: quotes, quote headers, forwarded blocks and
    /// signatures removed. Reads a raw RFC 5322 message, or a plain-text body.
    Reply { file: PathBuf },
}

#[derive(Subcommand, Debug)]
enum TrackCommand {
    /// Recognises tracking numbers: one JSON object per number, per line.
    Detect {
        #[arg(required = true)]
        numbers: Vec<String>,
    },
}

fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}

/// mimalloc's option numbers (`mi_option_e` in its `mimalloc.h`).
const MI_OPTION_ARENA_EAGER_COMMIT: i32 = 4;
const MI_OPTION_PURGE_DELAY: i32 = 15;

fn main() -> ExitCode {
    // Give freed memory back to the system at once and commit arena memory only as it is used:
    // otherwise mimalloc keeps tens of megabytes of freed pages around for reuse, and an import's
    // peak memory grew by a third.
    // SAFETY: plain option setters of the allocator, called before any other thread exists.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .with_target(false)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

fn parse_id<T: std::str::FromStr>(raw: &str, what: &str) -> anyhow::Result<T> {
    raw.parse()
        .map_err(|_| anyhow::anyhow!("{raw:?} is not a {what} id (ids are numbers)"))
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = cli.config;
    match cli.command {
        Command::Serve { demo } => serve(&config, demo).await,
        Command::Mailbox(command) => mailbox_cmd::mailbox(&config, command).await,
        Command::Settings(command) => settings_cmd::settings(&config, command).await,
        Command::Reply {
            ticket_id,
            text_file,
            mailbox,
        } => mailbox_cmd::reply(&config, &ticket_id, &text_file, mailbox.as_deref()).await,
        Command::Import { files } => {
            let (store, tenant) = config.open().await?;
            let summary = import::import(
                &store,
                tenant,
                files,
                &IngestOptions::default(),
                |r| eprintln!("{}:{}: {}", r.source, r.line, r.reason),
                now,
            )
            .await?;
            println!("{summary}");
            store.close().await;
            Ok(if summary.rejected > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Demo {
            out,
            seed,
            customers,
        } => {
            let file = std::fs::File::create(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            let mut writer = std::io::BufWriter::with_capacity(1 << 20, file);
            let cfg = cairn_demo::DemoConfig {
                seed,
                customers,
                start: now().as_second(),
            };
            let stats = cairn_demo::write_world(&cfg, &mut writer)?;
            writer.flush()?;
            eprintln!(
                "wrote {} orders and {} messages of {} customers to {}",
                stats.orders,
                stats.messages,
                stats.customers,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Tickets {
            action: Some(action),
            ..
        } => {
            let (store, tenant) = config.open().await?;
            match action {
                TicketAction::Merge { ticket_ids } => {
                    let ids = ticket_ids
                        .iter()
                        .map(|id| parse_id(id, "ticket"))
                        .collect::<anyhow::Result<Vec<TicketId>>>()?;
                    let rules = store.triage_rules(tenant).await?.deadlines;
                    let plan = store.merge_tickets(tenant, &ids, &rules, now()).await?;
                    let merged: Vec<String> =
                        plan.merged.iter().map(|(t, _)| t.to_string()).collect();
                    println!(
                        "merged {} into {}; {} courtesy note(s) queued",
                        merged.join(", "),
                        plan.primary,
                        plan.notes.len()
                    );
                }
                TicketAction::Unmerge { ticket_id } => {
                    let id: TicketId = parse_id(&ticket_id, "ticket")?;
                    let restored = store.unmerge_ticket(tenant, id, now()).await?;
                    let ids: Vec<String> = restored.iter().map(ToString::to_string).collect();
                    println!("restored {}", ids.join(", "));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Customers {
            action: Some(action),
            ..
        } => {
            let (store, tenant) = config.open().await?;
            match action {
                CustomerAction::Suggest { customer_id } => {
                    let id: CustomerId = parse_id(&customer_id, "customer")?;
                    print_json(&store.customer_suggestions(tenant, id).await?)?;
                }
                CustomerAction::Link {
                    customer_id,
                    other_customer_id,
                    note,
                } => {
                    let a: CustomerId = parse_id(&customer_id, "customer")?;
                    let b: CustomerId = parse_id(&other_customer_id, "customer")?;
                    let link = store.link_customers(tenant, a, b, &note, now()).await?;
                    println!("linked (link {link}; undo with `cairn links undo {link}`)");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Tickets { json, all, .. } => {
            let (store, tenant) = config.open().await?;
            refresh_risk(&store, tenant).await?;
            let mut all_tickets = Vec::new();
            if all {
                let mut after = Some(TicketId(i64::MIN));
                while let Some(a) = after {
                    let query = TicketQuery {
                        statuses: Vec::new(),
                        customer: None,
                        limit: 1000,
                        after_id: Some(a),
                    };
                    let page = store.tickets(tenant, &query, now()).await?;
                    after = (page.len() == 1000)
                        .then(|| page.last().map(|t| t.id))
                        .flatten();
                    all_tickets.extend(page);
                }
            } else {
                all_tickets = store
                    .tickets(tenant, &TicketQuery::unresolved(i64::MAX), now())
                    .await?;
            }
            if json {
                print_json(&all_tickets)?;
            } else {
                for t in &all_tickets {
                    println!(
                        "{:>20}  {:<8} {:<12} {:<8} {}",
                        t.id,
                        t.channel,
                        t.marketplace.as_deref().unwrap_or("-"),
                        t.status,
                        t.subject
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Customers { json, .. } => {
            let (store, tenant) = config.open().await?;
            let mut all = Vec::new();
            let mut after: Option<CustomerId> = None;
            loop {
                let page = store.customers(tenant, after, 1000).await?;
                let full = page.len() == 1000;
                after = page.last().map(|c| c.id);
                all.extend(page);
                if !full {
                    break;
                }
            }
            if json {
                print_json(&all)?;
            } else {
                for c in &all {
                    let handles: Vec<&str> =
                        c.identities.iter().map(|i| i.value.as_str()).collect();
                    println!(
                        "{:>20}  {:<28} {}",
                        c.id,
                        c.name.as_deref().unwrap_or("-"),
                        handles.join(", ")
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::History { customer_id, json } => {
            let id: CustomerId = parse_id(&customer_id, "customer")?;
            let (store, tenant) = config.open().await?;
            let Some(history) = store.history(tenant, id, now()).await? else {
                bail!("no customer {customer_id}");
            };
            if json {
                print_json(&history)?;
            } else {
                println!("{}", serde_json::to_string_pretty(&history)?);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Links(LinksCommand::List { customer_id }) => {
            let id: CustomerId = parse_id(&customer_id, "customer")?;
            let (store, tenant) = config.open().await?;
            for l in store.links_of(tenant, id).await? {
                println!(
                    "{}  {} {} ↔ {}  {}{}",
                    l.id,
                    l.evidence.as_str(),
                    l.a,
                    l.b,
                    l.detail,
                    if l.removed_at.is_some() {
                        "  (undone)"
                    } else {
                        ""
                    }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Links(LinksCommand::Undo { link_id }) => {
            let id = parse_id(&link_id, "link")?;
            let (store, tenant) = config.open().await?;
            let customers = store.unlink(tenant, id, now()).await?;
            let ids: Vec<String> = customers.iter().map(ToString::to_string).collect();
            println!("customers now: {}", ids.join(", "));
            Ok(ExitCode::SUCCESS)
        }
        Command::Token(TokenCommand::Create { name }) => {
            let (store, tenant) = config.open().await?;
            let token = new_token()?;
            store.create_token(tenant, &name, &token).await?;
            println!("{token}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Track(TrackCommand::Detect { numbers }) => {
            for n in numbers {
                print_json(&cairn_tracking::detect(&n))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Import {
            customers,
            seed,
            work_dir,
            queries,
            queries_only,
        }) => {
            bench::run(
                bench::BenchArgs {
                    customers,
                    seed,
                    work_dir,
                    database_url: config.database_url.clone(),
                    queries,
                    queries_only,
                },
                now,
            )
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Classify { json } => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .context("standard input is not UTF-8 text")?;
            let understanding = cairn_domain::understanding::understand(None, &text, None);
            if json {
                print_json(&understanding)?;
            } else {
                println!("{}", serde_json::to_string_pretty(&understanding)?);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Intents { bitext }) => {
            println!(
                "== own evaluation set (blind) ==\n{}",
                cairn_nlu::eval_own()
            );
            println!(
                "== own development set (tuned on) ==\n{}",
                cairn_nlu::eval_own_dev()
            );
            println!("== own hold-out set ==\n{}", cairn_nlu::eval_own_holdout());
            if let Some(path) = bitext {
                let report = cairn_nlu::eval_bitext(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                println!("== {} ==\n{report}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Classify { customers }) => {
            bench::classify(customers, now)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Mail {
            corpus,
            messages,
            work_dir,
            batch,
            keep_raw,
        }) => {
            bench_mail::run(
                bench_mail::MailBenchArgs {
                    corpus,
                    messages,
                    work_dir,
                    batch,
                    keep_raw,
                },
                now,
            )
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(EvalCommand::Duplicates {
            customers,
            seed,
            work_dir,
        }) => {
            let score = evaldup::run(
                evaldup::DupArgs {
                    customers,
                    seed,
                    work_dir,
                },
                now,
            )
            .await?;
            println!(
                "duplicates: precision {:.3}, recall {:.3} (true {}, false {}, missed {}; {} repeats joined their thread)",
                score.precision(),
                score.recall(),
                score.true_positives,
                score.false_positives,
                score.false_negatives,
                score.caught_by_threading
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Mail(MailCommand::Reply { file }) => {
            let raw =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let reply = cairn_mail::reply_of_message(&raw);
            let mut out = std::io::stdout().lock();
            out.write_all(reply.trim_end().as_bytes())?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            let (store, _) = config.open().await?;
            store.close().await;
            println!("database is up to date");
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify => {
            let (store, tenant) = config.open().await?;
            match store.verify_events(tenant).await? {
                Ok(n) => {
                    println!("event log intact: {n} events");
                    Ok(ExitCode::SUCCESS)
                }
                Err(id) => {
                    println!("event log broken at event {id}");
                    Ok(ExitCode::from(2))
                }
            }
        }
    }
}

/// Re-scores every ticket whose deadline came closer since it was last scored, with the
/// tenant's weights (loaded once per round).
async fn refresh_risk(store: &Store, tenant: TenantId) -> anyhow::Result<()> {
    let weights = store.triage_rules(tenant).await?.risk;
    while store.refresh_risk(tenant, &weights, now()).await? > 0 {}
    Ok(())
}

/// A fresh random API token.
fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 24];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes))
        .context("cannot read randomness from /dev/urandom")?;
    Ok(format!("cairn_{}", cairn_domain::events::hex(&bytes)))
}

/// How many customers `serve --demo` generates into an empty database.
const DEMO_CUSTOMERS: u64 = 400;

async fn serve(config: &Config, demo: bool) -> anyhow::Result<ExitCode> {
    let (store, tenant) = config.open().await?;
    if demo && store.is_empty(tenant).await? {
        load_demo_world(&store, tenant).await?;
    }
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    let loopback = addr.ip().is_loopback();
    if demo && !loopback {
        tracing::warn!("demo mode opens the UI without login only on a loopback address");
    }
    if demo {
        let feed_store = store.clone();
        tokio::spawn(async move { demo_feed(feed_store, tenant).await });
    }
    let risk_store = store.clone();
    tokio::spawn(async move {
        // Deadlines come closer while nobody writes: re-score what changed, twice a minute.
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        loop {
            tick.tick().await;
            if let Err(e) = refresh_risk(&risk_store, tenant).await {
                tracing::warn!(error = %e, "could not refresh risk scores");
            }
        }
    });
    let (mail_stop, mail_stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(cairn_mailbox::serve_mailboxes(
        mailbox_cmd::mail_context(config, store.clone(), tenant)?,
        mail_stop_rx,
    ));
    let state = cairn_web::AppState {
        store: store.clone(),
        tenant,
        demo: demo && loopback,
        clock: now,
        data_dir: Some(config.data_dir.clone()),
    };
    eprintln!("Cairn is running on http://{addr}");
    if !demo {
        eprintln!("Sign in with an API token (create one with `cairn token create`).");
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    cairn_web::serve(listener, state, shutdown).await?;
    let _ = mail_stop.send(true);
    store.close().await;
    Ok(ExitCode::SUCCESS)
}

async fn load_demo_world(store: &Store, tenant: TenantId) -> anyhow::Result<()> {
    let cfg = cairn_demo::DemoConfig {
        seed: 7,
        customers: DEMO_CUSTOMERS,
        start: now().as_second(),
    };
    eprintln!("Generating a demo shop with {DEMO_CUSTOMERS} customers…");
    let mut summary = import::Summary::default();
    let mut batch = Vec::with_capacity(import::BATCH);
    let options = IngestOptions::default();
    for line in cairn_demo::World::new(cfg) {
        match cairn_domain::records::parse_record(&line) {
            Ok(r) => batch.push(r),
            Err(e) => tracing::warn!(reason = %e, "demo generator wrote a record Cairn refuses"),
        }
        if batch.len() == import::BATCH {
            tally(
                &mut summary,
                store.ingest(tenant, &batch, &options, now()).await?,
            );
            batch.clear();
        }
    }
    if !batch.is_empty() {
        tally(
            &mut summary,
            store.ingest(tenant, &batch, &options, now()).await?,
        );
    }
    store.optimize().await?;
    eprintln!("Demo shop ready: {summary}");
    Ok(())
}

fn tally(summary: &mut import::Summary, report: cairn_store::BatchReport) {
    for o in &report.outcomes {
        summary.count(o);
    }
}

/// Keeps new customer messages arriving in demo mode, every few seconds.
async fn demo_feed(store: Store, tenant: TenantId) {
    let mut feed = cairn_demo::LiveFeed::new(7, DEMO_CUSTOMERS);
    let mut tick = tokio::time::interval(Duration::from_secs(6));
    loop {
        tick.tick().await;
        let line = feed.next_message(now().as_second());
        let record = match cairn_domain::records::parse_record(&line) {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(reason = %e, "demo feed wrote a record Cairn refuses");
                continue;
            }
        };
        if let Err(e) = store
            .ingest(tenant, &[record], &IngestOptions::default(), now())
            .await
        {
            tracing::warn!(error = %e, "demo feed could not store a message");
        }
    }
}
