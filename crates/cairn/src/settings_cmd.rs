//! `cairn settings`: the tenant's triage settings (risk weights, deadlines per channel, the
//! company clock) shown and saved from the command line.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use cairn_domain::triage::{Shift, TriageSettings};
use clap::Subcommand;

use crate::{Config, now, print_json};

#[derive(Subcommand, Debug)]
pub enum SettingsCommand {
    /// Prints the tenant's triage settings (the defaults when none were saved).
    Show {
        /// The JSON document, as `cairn settings set` and the API take it.
        #[arg(long)]
        json: bool,
    },
    /// Validates a settings document (JSON; `-` reads standard input) and saves it. Fields it
    /// leaves out keep their defaults; every refused field is named and nothing is saved.
    Set { file: PathBuf },
}

pub async fn settings(config: &Config, command: SettingsCommand) -> anyhow::Result<ExitCode> {
    let (store, tenant) = config.open().await?;
    match command {
        SettingsCommand::Show { json } => {
            let stored = store.triage_settings(tenant).await?;
            if json {
                print_json(&stored.settings)?;
            } else {
                print!("{}", describe(&stored.settings));
                match stored.updated_at {
                    Some(at) => println!("saved {at}"),
                    None => println!("defaults (never saved)"),
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        SettingsCommand::Set { file } => {
            let name = if file.as_os_str() == "-" {
                "standard input".to_string()
            } else {
                file.display().to_string()
            };
            let mut text = String::new();
            if file.as_os_str() == "-" {
                std::io::stdin()
                    .read_to_string(&mut text)
                    .context("cannot read standard input")?;
            } else {
                text = std::fs::read_to_string(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
            }
            let settings: TriageSettings = serde_json::from_str(&text)
                .with_context(|| format!("{name} is not a settings document"))?;
            if let Err(errors) = settings.validate() {
                for e in &errors {
                    eprintln!("{name}: {e}");
                }
                eprintln!("nothing saved: {} setting(s) refused", errors.len());
                return Ok(ExitCode::from(1));
            }
            let saved = store.set_triage_settings(tenant, &settings, now()).await?;
            print!("{}", describe(&saved.settings));
            println!("saved");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn shifts(day: &[Shift]) -> String {
    if day.is_empty() {
        return "closed".to_string();
    }
    day.iter()
        .map(|s| format!("{}–{}", s.start, s.end))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The settings for a person, one topic per line.
fn describe(s: &TriageSettings) -> String {
    let d = &s.deadlines;
    let c = &s.company;
    let w = &c.week;
    let r = &s.risk;
    let mut out = format!(
        "deadlines (around the clock): amazon {}, ebay {}, walmart {}, shopify {}, email {}\n",
        d.amazon, d.ebay, d.walmart, d.shopify, d.email
    );
    out += &format!(
        "company clock: {}, first response within {} of business time, at risk under {:.0}% left\n",
        c.time_zone,
        c.first_response_target,
        c.at_risk_share * 100.0
    );
    for (name, day) in [
        ("monday", &w.monday),
        ("tuesday", &w.tuesday),
        ("wednesday", &w.wednesday),
        ("thursday", &w.thursday),
        ("friday", &w.friday),
        ("saturday", &w.saturday),
        ("sunday", &w.sunday),
    ] {
        out += &format!("  {name:<10} {}\n", shifts(day));
    }
    out += &format!(
        "  holidays   {}\n",
        if c.holidays.is_empty() {
            "none".to_string()
        } else {
            c.holidays.join(", ")
        }
    );
    let ranked = |table: &std::collections::BTreeMap<String, i64>| {
        let mut v: Vec<(&String, &i64)> = table.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        v.iter()
            .map(|(l, p)| format!("{l} {p}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out += &format!("risk: intents {}\n", ranked(&r.intents));
    out += &format!("      each further intent {}\n", r.extra_intent);
    out += &format!("      signals {}\n", ranked(&r.signals));
    out += &format!(
        "      FBM order on Amazon {}, Amazon conversation {}, overdue {}\n",
        r.fbm_on_amazon, r.amazon_channel, r.overdue
    );
    out += &format!(
        "      order value {}\n",
        r.order_value
            .iter()
            .map(|o| format!("≥ {}: {}", o.at_least, o.points))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out += &format!(
        "      time left {}\n",
        r.time_left
            .iter()
            .map(|t| format!("< {}h: {}", t.under_hours, t.points))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out
}
