//! Prints the evaluation reports: the three development sets (own, hold-out,
//! blind — all tuned on), their union and Bitext; with `--fresh` also the blind
//! set `eval/fresh.jsonl` (aggregate figures only: its misses are never printed).
//! `--errors` also lists the misclassified messages of the development sets and
//! Bitext.
//!
//! Usage: cargo run --release --example eval [-- --errors] [--fresh] [BITEXT_CSV]
//! or, to score only one JSON-lines file in the own-set format:
//! cargo run --release --example eval -- --jsonl PATH [--errors]

use std::path::PathBuf;

fn print(report: &cairn_nlu::EvalReport, show_errors: bool) {
    println!("\n{report}");
    if show_errors {
        for e in &report.errors {
            println!("  miss: {e}");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    if let Some(i) = args.iter().position(|a| a == "--jsonl") {
        let Some(path) = args.get(i + 1) else {
            eprintln!("--jsonl needs a path");
            std::process::exit(2);
        };
        let report = if args.iter().any(|a| a == "--lexicon") {
            cairn_nlu::eval::eval_jsonl_file_lexicon_only(path)
        } else {
            cairn_nlu::eval_jsonl_file(path)
        };
        match report {
            Ok(r) => print(&r, show_errors),
            Err(e) => {
                eprintln!("cannot read {path}: {e}");
                std::process::exit(1);
            }
        }
        return;
    }
    print(&cairn_nlu::eval_own_dev(), show_errors);
    print(&cairn_nlu::eval_own_holdout(), show_errors);
    print(&cairn_nlu::eval_own_blind_dev(), show_errors);
    // The union, for per-label figures with more support; its misses are the
    // three lists above.
    print(&cairn_nlu::eval_development(), false);
    let csv = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/testdata/intents/bitext/dev.csv")
        });
    match cairn_nlu::eval_bitext(&csv) {
        Ok(r) => print(&r, show_errors),
        Err(e) => println!("\nBitext evaluation skipped ({}): {e}", csv.display()),
    }
    if args.iter().any(|a| a == "--fresh") {
        // `eval_fresh` keeps no misses, whatever `--errors` says.
        print(&cairn_nlu::eval_fresh(), false);
    }
}
