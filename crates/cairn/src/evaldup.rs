//! `cairn eval duplicates`: imports a generated world into a scratch database and compares the
//! duplicate flags Cairn set with the generator's ground truth (`x_demo.repeats`: the first
//! message of the issue a message repeats).
//!
//! Every message belongs to an issue (its own external id, or the one it repeats). A ticket
//! flagged as a duplicate is right when the ticket it names shares an issue with it. A ticket
//! whose first customer message repeats an issue living in another ticket should be flagged.
//! Repeats that threading already put into the same ticket count as caught.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use cairn_domain::TicketId;
use cairn_store::{IngestOptions, Store, TicketQuery};

pub struct DupArgs {
    pub customers: u64,
    pub seed: u64,
    pub work_dir: PathBuf,
}

#[derive(Debug, Default)]
pub struct DupScore {
    pub true_positives: u64,
    pub false_positives: u64,
    pub false_negatives: u64,
    pub caught_by_threading: u64,
}

impl DupScore {
    pub fn precision(&self) -> f64 {
        let flagged = self.true_positives + self.false_positives;
        if flagged == 0 {
            1.0
        } else {
            self.true_positives as f64 / flagged as f64
        }
    }

    pub fn recall(&self) -> f64 {
        let truth = self.true_positives + self.false_negatives;
        if truth == 0 {
            1.0
        } else {
            self.true_positives as f64 / truth as f64
        }
    }
}

/// The world's "now": the default demo's Monday morning, so a seed gives the same world and the
/// same figures on any day.
fn world_now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(cairn_demo::DemoConfig::default().start)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// Scores duplicate detection on the world of `args`; writes the world, the database and
/// `dup-mistakes.txt` (every wrong or missed flag, with both tickets) into the work dir.
/// `_clock` is unused: the world has its own fixed moment.
pub async fn run(args: DupArgs, _clock: fn() -> jiff::Timestamp) -> anyhow::Result<DupScore> {
    let clock = world_now;
    std::fs::create_dir_all(&args.work_dir)?;
    let world = args.work_dir.join("dup-world.jsonl");
    let cfg = cairn_demo::DemoConfig {
        seed: args.seed,
        customers: args.customers,
        start: clock().as_second(),
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(&world)?);
    cairn_demo::write_world(&cfg, &mut out)?;
    std::io::Write::flush(&mut out)?;
    drop(out);

    // Ground truth: the issue of every inbound message, and what the world says about it (for
    // the listing of mistakes).
    let mut issue_of: HashMap<String, String> = HashMap::new();
    let mut about: HashMap<String, String> = HashMap::new();
    for line in std::fs::read_to_string(&world)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        if v["type"] != "message" || v["direction"] != "inbound" {
            continue;
        }
        let ext = v["external_id"].as_str().unwrap_or_default().to_string();
        let root = v["x_demo"]["repeats"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| ext.clone());
        let x = &v["x_demo"];
        let text: String = v["text"]
            .as_str()
            .unwrap_or_default()
            .chars()
            .take(160)
            .collect();
        about.insert(
            ext.clone(),
            format!(
                "{} {} {} person {} order {} intents {} | {} | {}",
                v["received_at"].as_str().unwrap_or_default(),
                v["channel"].as_str().unwrap_or_default(),
                ext,
                x["person"].as_str().unwrap_or_default(),
                x["order"].as_str().unwrap_or("-"),
                x["intents"],
                v["subject"].as_str().unwrap_or_default(),
                text.replace('\n', " / ")
            ),
        );
        issue_of.insert(ext, root);
    }

    let db = args.work_dir.join("dup.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let store = Store::open(&format!("sqlite://{}", db.display())).await?;
    let tenant = store.ensure_tenant("eval", "Eval").await?;
    crate::import::import(
        &store,
        tenant,
        vec![world.display().to_string()],
        &IngestOptions::default(),
        |r| eprintln!("{}:{}: {}", r.source, r.line, r.reason),
        clock,
    )
    .await?;

    let mut tickets = Vec::new();
    let mut after = Some(TicketId(i64::MIN));
    while let Some(a) = after {
        let page = store
            .tickets(
                tenant,
                &TicketQuery {
                    statuses: Vec::new(),
                    customer: None,
                    limit: 1000,
                    after_id: Some(a),
                },
                clock(),
            )
            .await?;
        after = (page.len() == 1000)
            .then(|| page.last().map(|t| t.id))
            .flatten();
        tickets.extend(page);
    }
    // Issues per ticket, and where each message landed.
    let mut issues: HashMap<TicketId, HashSet<&String>> = HashMap::new();
    let mut ticket_of: HashMap<&String, TicketId> = HashMap::new();
    for t in &tickets {
        for ext in &t.message_external_ids {
            if let Some((key, root)) = issue_of.get_key_value(ext) {
                issues.entry(t.id).or_default().insert(root);
                ticket_of.insert(key, t.id);
            }
        }
    }
    let by_id: HashMap<TicketId, &cairn_domain::views::TicketView> =
        tickets.iter().map(|t| (t.id, t)).collect();
    let describe = |id: TicketId| -> String {
        let Some(t) = by_id.get(&id) else {
            return format!("ticket {id} (not found)");
        };
        let first = t
            .message_external_ids
            .iter()
            .find_map(|e| about.get(e))
            .map_or("", String::as_str);
        format!(
            "  ticket {} customer {} {} {} orders {:?} intents {:?} msgs {}\n    {first}",
            t.id, t.customer_id, t.status, t.created_at, t.order_ids, t.intents, t.message_count
        )
    };
    let mut listing = String::new();
    let mut score = DupScore::default();
    // Repeats that threading put into the ticket of what they repeat need no flag.
    for (ext, home) in &ticket_of {
        let root = &issue_of[*ext];
        if root != *ext && ticket_of.get(root) == Some(home) {
            score.caught_by_threading += 1;
        }
    }
    for t in &tickets {
        // The first customer message decides what this ticket repeats.
        let Some(first) = t
            .message_external_ids
            .iter()
            .find(|e| issue_of.contains_key(*e))
        else {
            continue;
        };
        let root = &issue_of[first];
        let repeats_elsewhere =
            root != first && ticket_of.get(root).is_some_and(|home| *home != t.id);
        match t.duplicate_of {
            Some(of) => {
                let shares = issues.get(&of).is_some_and(|set| {
                    issues.get(&t.id).is_some_and(|mine| !set.is_disjoint(mine))
                });
                if shares {
                    score.true_positives += 1;
                } else {
                    score.false_positives += 1;
                    listing.push_str(&format!(
                        "FALSE {:?} {:?}\n{}\n{}\n\n",
                        t.duplicate_confidence,
                        t.duplicate_reasons,
                        describe(t.id),
                        describe(of)
                    ));
                }
            }
            None if repeats_elsewhere => {
                score.false_negatives += 1;
                listing.push_str(&format!(
                    "MISSED\n{}\n{}\n\n",
                    describe(t.id),
                    describe(ticket_of[root])
                ));
            }
            None => {}
        }
    }
    std::fs::write(args.work_dir.join("dup-mistakes.txt"), listing)?;
    store.close().await;
    Ok(score)
}
