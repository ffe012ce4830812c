//! Prints the evaluation reports: the three development sets (own, hold-out,
//! blind — all tuned on), their union and Bitext; with `--fresh` also the blind
//! set `eval/fresh.jsonl` (aggregate figures only: its misses are never printed).
//! `--errors` also lists the misclassified messages of the development sets and
//! Bitext. First it prints the learned model's 5-fold cross-validated figures
//! over its training messages (`--no-cv` skips them): the development sets
//! and examples are training data now, so their own reports below are fits;
//! the cross-validated figures on `data/train/` messages are the honest
//! estimate.
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
    if !args.iter().any(|a| a == "--no-cv") {
        print_cv();
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

/// Cross-validated figures of the learned model on its training data.
fn print_cv() {
    use cairn_nlu::learn;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, examples, train_sources) = match learn::load_dir(dir) {
        Ok(x) => x,
        Err(e) => {
            println!("cross-validation skipped: {e}");
            return;
        }
    };
    let p = learn::Params::default();
    let cv = learn::cross_validated(&examples, &train_sources, &p);
    println!(
        "\nlearned model, {}-fold cross-validation over {} messages from {} files",
        learn::FOLDS,
        examples.len(),
        files.len()
    );
    println!("all messages (development sets included, which the lexicon was tuned on):");
    println!("{}", cv.all);
    if let Some(t) = &cv.train {
        println!(
            "data/train/ messages only (text neither the lexicon nor the model was written from):"
        );
        println!("{t}");
    }
}
