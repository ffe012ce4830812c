//! Quality gates: macro-F1 on the crate's own multilingual set and on the
//! Bitext English e-commerce set (skipped with a notice when the shared test
//! data is not present).

use std::path::Path;

/// The blind set: reported, never mined for cues (its misses are not printed on purpose).
/// The target is 0.90; the floor here guards what has been reached.
#[test]
fn own_blind_multilingual_set() {
    let report = cairn_nlu::eval_own();
    println!("{report}");
    assert!(
        report.messages >= 500,
        "blind set too small: {}",
        report.messages
    );
    assert!(
        report.macro_f1 >= 0.80,
        "blind intent macro-F1 {:.3} fell below 0.80",
        report.macro_f1
    );
    let s = report.signal_macro_f1.unwrap_or(0.0);
    assert!(s >= 0.80, "blind signal macro-F1 {s:.3} fell below 0.80");
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
        report.macro_f1 >= 0.90,
        "own intent macro-F1 {:.3} < 0.90",
        report.macro_f1
    );
    let s = report.signal_macro_f1.unwrap_or(0.0);
    assert!(s >= 0.90, "own signal macro-F1 {s:.3} < 0.90");
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
fn holdout_set_is_reported() {
    // Never used to change the lexicon: a generalisation estimate, not a
    // target. The floor only catches gross regressions.
    let report = cairn_nlu::eval_own_holdout();
    println!("{report}");
    assert!(report.messages >= 100);
    assert!(
        report.macro_f1 >= 0.65,
        "hold-out macro-F1 {:.3} collapsed",
        report.macro_f1
    );
}
