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

pub async fn run(args: DupArgs, clock: fn() -> jiff::Timestamp) -> anyhow::Result<DupScore> {
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

    // Ground truth: the issue of every inbound message.
    let mut issue_of: HashMap<String, String> = HashMap::new();
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
    let mut score = DupScore::default();
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
        if root != first && !repeats_elsewhere {
            score.caught_by_threading += 1;
        }
        match t.duplicate_of {
            Some(of) => {
                let shares = issues.get(&of).is_some_and(|set| {
                    issues.get(&t.id).is_some_and(|mine| !set.is_disjoint(mine))
                });
                if shares {
                    score.true_positives += 1;
                } else {
                    score.false_positives += 1;
                }
            }
            None if repeats_elsewhere => score.false_negatives += 1,
            None => {}
        }
    }
    store.close().await;
    Ok(score)
}
