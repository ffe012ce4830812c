//! Development examples (`data/examples.jsonl`): the texts the lexicon was
//! written against, also training data of the learned model, kept as
//! regression checks. Separate from `eval/own.jsonl`.

use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize)]
struct Example {
    lang: String,
    text: String,
    intents: Vec<String>,
    signals: Vec<String>,
}

#[test]
fn development_examples() {
    let data = include_str!("../data/examples.jsonl");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let ex: Example = match serde_json::from_str(line) {
            Ok(e) => e,
            Err(e) => panic!("bad example line {line}: {e}"),
        };
        n += 1;
        let c = cairn_nlu::classify(&ex.text);
        let got_i: BTreeSet<&str> = c
            .intents
            .iter()
            .map(|i| i.label)
            .filter(|l| *l != "other")
            .collect();
        let want_i: BTreeSet<&str> = ex.intents.iter().map(String::as_str).collect();
        let got_s: BTreeSet<&str> = c.signals.iter().map(|s| s.label).collect();
        let want_s: BTreeSet<&str> = ex.signals.iter().map(String::as_str).collect();
        if got_i != want_i || got_s != want_s {
            failures.push(format!(
                "[{}] {:?}: want {want_i:?}/{want_s:?} got {got_i:?}/{got_s:?}",
                ex.lang, ex.text
            ));
        }
    }
    for f in &failures {
        println!("{f}");
    }
    println!(
        "{} of {n} development examples classified exactly",
        n - failures.len()
    );
    // The learned model is trained on these examples but, being regularised,
    // does not have to fit every one; more than 2% misses means something
    // broke (training, features or the decision rule).
    assert!(
        failures.len() * 50 <= n,
        "{} of {n} development examples failed",
        failures.len()
    );
}
