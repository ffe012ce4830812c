//! Trains the learned model on the crate's own labelled messages and writes
//! `model/weights.bin` (compiled into the crate). Prints the cross-validated
//! figures. Deterministic: the same data gives the same file.
//!
//! Usage: cargo run --release --example train [-- --check]
//! `--check` only reports whether the committed file matches.

use std::path::Path;

fn main() {
    let check = std::env::args().any(|a| a == "--check");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let params = cairn_nlu::learn::Params::default();
    if std::env::args().any(|a| a == "--misses") {
        misses(dir, params);
        return;
    }
    if std::env::args().any(|a| a == "--sweep") {
        sweep(dir, params);
        return;
    }
    let (built, files) = match cairn_nlu::learn::build_from_dir(dir, &params) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for f in &files {
        println!("trained on {}", f.strip_prefix(dir).unwrap_or(f).display());
    }
    println!("parameters: {params:?}");
    println!(
        "\n{}-fold cross-validation, all messages:\n{}",
        cairn_nlu::learn::FOLDS,
        built.cv_all
    );
    if let Some(t) = &built.cv_train {
        println!("the same, data/train/ messages only:\n{t}");
    }
    println!("decision rule: {:?}", built.rule);
    let path = dir.join("model/weights.bin");
    if check {
        let same = std::fs::read(&path).is_ok_and(|b| b == built.bytes);
        println!(
            "{} {}",
            path.display(),
            if same { "matches" } else { "DIFFERS" }
        );
        if !same {
            std::process::exit(1);
        }
        return;
    }
    if let Err(e) = std::fs::write(&path, &built.bytes) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
    println!("wrote {} ({} bytes)", path.display(), built.bytes.len());
}

/// Tries parameter variants and prints their cross-validated figures.
fn sweep(dir: &Path, base: cairn_nlu::learn::Params) {
    let (_, examples, train_sources) = match cairn_nlu::learn::load_dir(dir) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut variants = vec![base];
    let spec = std::env::var("SWEEP").unwrap_or_default();
    for item in spec.split(';').filter(|s| !s.is_empty()) {
        let mut p = base;
        for kv in item.split(',') {
            let Some((k, v)) = kv.split_once('=') else {
                continue;
            };
            let v: f32 = v.parse().unwrap_or(0.0);
            match k {
                "epochs" => p.epochs = v as usize,
                "rate" => p.rate = v,
                "l2" => p.l2 = v,
                "drop" => p.lexicon_dropout = v,
                "pos" => p.positive_weight = v,
                "unseen" => p.unseen_weight = v,
                "avg" => p.average = v > 0.0,
                "balance" => p.balance_writers = v > 0.0,
                "tuneu" => p.tune_on_unseen = v > 0.0,
                "unsup" => p.unsupported_min = Some(v),
                "veto" => p.vetoed_min = Some(v),
                "sure" => p.lexicon_sure = Some(v),
                "fallback" => p.complaint_fallback = Some(v > 0.0),
                "sigmin" => p.signal_unsupported_min = Some(v),
                _ => eprintln!("unknown parameter {k}"),
            }
        }
        variants.push(p);
    }
    for p in variants {
        let cv = cairn_nlu::learn::cross_validated(&examples, &train_sources, &p);
        let (ti, ts) = cv
            .train
            .as_ref()
            .map_or((0.0, 0.0), |t| (t.intent_macro_f1(), t.signal_macro_f1()));
        // Development set 2 (eval/blind.jsonl), written apart by another
        // writer: trained without it, scored on it.
        let held = std::env::var("HELD")
            .ok()
            .and_then(|v| v.parse::<usize>().ok());
        if let Some(h) = held {
            let s = cairn_nlu::learn::held_out_file(&examples, h, &p, &cv.rule);
            print!(
                "held-out file {h}: {:.3} {:.3} | ",
                s.intent_macro_f1(),
                s.signal_macro_f1()
            );
        }
        println!(
            "epochs {:>3} rate {:<6} l2 {:<8} drop {:<4} pos {:<4} unseen {:<4} tuneu {:<5} | sure {:.2} unsup {:.2} veto {:.2} fb {} | all {:.3} {:.3} | train {:.3} {:.3}",
            p.epochs,
            p.rate,
            p.l2,
            p.lexicon_dropout,
            p.positive_weight,
            p.unseen_weight,
            p.tune_on_unseen,
            cv.rule.lexicon_sure,
            cv.rule.unsupported_min,
            cv.rule.vetoed_min,
            cv.rule.complaint_fallback,
            cv.all.intent_macro_f1(),
            cv.all.signal_macro_f1(),
            ti,
            ts
        );
    }
}

/// Prints the cross-validated misses on `data/train/` messages.
fn misses(dir: &Path, p: cairn_nlu::learn::Params) {
    use cairn_nlu::learn;
    let files = learn::training_files(dir);
    let (rows, examples, train_sources) = match learn::load(&files)
        .and_then(|rows| learn::load_dir(dir).map(|(_, e, t)| (rows, e, t)))
    {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let cv = learn::cross_validated(&examples, &train_sources, &p);
    let names = |set: u32| -> Vec<&str> {
        (0..22)
            .filter(|l| set & (1 << l) != 0)
            .map(learn::label_name)
            .collect()
    };
    for ((row, e), o) in rows.iter().zip(&examples).zip(&cv.oof) {
        let Some(pr) = o else { continue };
        if !e.unseen {
            continue;
        }
        let pred = learn::decide(pr, &cv.rule, &e.ctx);
        if pred != e.gold {
            println!(
                "{} gold {:?} got {:?}: {}",
                row.id,
                names(e.gold),
                names(pred),
                row.text
            );
        }
    }
}
