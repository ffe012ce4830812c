//! Quality gates: macro-F1 on the blind multilingual set (aggregate figures
//! only), on the three development sets and on the Bitext English e-commerce
//! set (skipped with a notice when the shared test data is not present).

use std::path::Path;

/// The blind set (`eval/fresh.jsonl`): reported, never mined for cues. Its report keeps no
/// misclassified messages, so none can be printed here.
#[test]
fn blind_fresh_set() {
    let report = cairn_nlu::eval_fresh();
    println!("{report}");
    assert!(
        report.errors.is_empty(),
        "the blind set's misses must not be kept"
    );
    assert!(
        report.messages >= 500,
        "blind set too small: {}",
        report.messages
    );
    // Lexicon alone: 0.762 intents, 0.798 signals. Lexicon and learned model
    // (EVAL.md, fourth pass): 0.814 / 0.780. The floors guard that, not the
    // 0.90 target.
    assert!(
        report.macro_f1 >= 0.79,
        "blind intent macro-F1 {:.3} fell below 0.79",
        report.macro_f1
    );
    let s = report.signal_macro_f1.unwrap_or(0.0);
    assert!(s >= 0.76, "blind signal macro-F1 {s:.3} fell below 0.76");
}

/// Development set 2 (`eval/blind.jsonl`): written blind, now tuned on and
/// training data of the learned model, so this guards the fit.
#[test]
fn development_set_2() {
    let report = cairn_nlu::eval_own_blind_dev();
    println!("{report}");
    for e in report.errors.iter().take(60) {
        println!("  miss: {e}");
    }
    assert!(report.messages >= 550, "set too small: {}", report.messages);
    assert!(
        report.macro_f1 >= 0.95,
        "development set 2 intent macro-F1 {:.3} < 0.95",
        report.macro_f1
    );
    let s = report.signal_macro_f1.unwrap_or(0.0);
    assert!(s >= 0.95, "development set 2 signal macro-F1 {s:.3} < 0.95");
}

#[test]
fn own_development_set() {
    let report = cairn_nlu::eval_own_dev();
    println!("{report}");
    for e in report.errors.iter().take(60) {
        println!("  miss: {e}");
    }
    assert!(
        report.messages >= 300,
        "own set too small: {}",
        report.messages
    );
    assert!(
        report.macro_f1 >= 0.95,
        "own intent macro-F1 {:.3} < 0.95",
        report.macro_f1
    );
    let s = report.signal_macro_f1.unwrap_or(0.0);
    assert!(s >= 0.95, "own signal macro-F1 {s:.3} < 0.95");
}

#[test]
fn bitext_dev_set() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/testdata/intents/bitext/dev.csv");
    if !path.exists() {
        println!(
            "NOTICE: {} not found; Bitext evaluation skipped",
            path.display()
        );
        return;
    }
    let report = match cairn_nlu::eval_bitext(&path) {
        Ok(r) => r,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    };
    println!("{report}");
    for e in report.errors.iter().take(80) {
        println!("  miss: {e}");
    }
    let (ok, total) = report.out_of_scope_ok;
    assert!(
        total > 0 && ok * 10 >= total * 9,
        "out-of-scope rows given seller intents: {ok}/{total}"
    );
    assert!(
        report.macro_f1 >= 0.90,
        "bitext intent macro-F1 {:.3} < 0.90",
        report.macro_f1
    );
}

#[test]
fn holdout_set() {
    // Long kept unread, now a development set like the others.
    let report = cairn_nlu::eval_own_holdout();
    println!("{report}");
    for e in report.errors.iter().take(30) {
        println!("  miss: {e}");
    }
    assert!(report.messages >= 100);
    assert!(
        report.macro_f1 >= 0.90,
        "hold-out intent macro-F1 {:.3} < 0.90",
        report.macro_f1
    );
    let s = report.signal_macro_f1.unwrap_or(0.0);
    assert!(s >= 0.90, "hold-out signal macro-F1 {s:.3} < 0.90");
}
