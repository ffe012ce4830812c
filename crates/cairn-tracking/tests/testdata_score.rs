//! Scores `detect` against the shared tracking-number corpus
//! (`shared/testdata/tracking-numbers`, read at run time and never copied
//! here): every valid number must be detected with its courier among the
//! candidates, every invalid one must be rejected outright.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use cairn_tracking::{Evidence, detect};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/tracking-numbers/couriers")
}

struct Case {
    courier: String,
    format: String,
    number: String,
}

/// Reads (valid, invalid) cases from every courier file.
fn load(dir: &Path) -> (Vec<Case>, Vec<Case>) {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("corpus folder is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut valid, mut invalid) = (Vec::new(), Vec::new());
    for file in files {
        let text = fs::read_to_string(&file).expect("courier file is readable");
        let json: Value = serde_json::from_str(&text).expect("courier file is JSON");
        let courier = json["courier_code"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        for format in json["tracking_numbers"].as_array().into_iter().flatten() {
            let name = format["name"].as_str().unwrap_or_default().to_string();
            for (key, out) in [("valid", &mut valid), ("invalid", &mut invalid)] {
                for n in format["test_numbers"][key].as_array().into_iter().flatten() {
                    out.push(Case {
                        courier: courier.clone(),
                        format: name.clone(),
                        number: n.as_str().unwrap_or_default().to_string(),
                    });
                }
            }
        }
    }
    (valid, invalid)
}

#[test]
fn shared_corpus_score() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        println!(
            "SKIP shared_corpus_score: tracking-number corpus not found at {}",
            dir.display()
        );
        return;
    }
    let (valid, invalid) = load(&dir);
    assert!(!valid.is_empty(), "corpus has no valid numbers");

    let mut failures = Vec::new();
    let mut found = 0;
    for c in &valid {
        let d = detect(&c.number);
        if d.valid && d.candidates.iter().any(|x| x.carrier == c.courier) {
            found += 1;
        } else {
            let got: Vec<_> = d.candidates.iter().map(|x| x.carrier).collect();
            failures.push(format!(
                "missed  {:<12} {:<28} {:?} -> {:?}",
                c.courier, c.format, c.number, got
            ));
        }
    }

    // A few numbers are listed invalid for one format yet valid for another
    // (e.g. a Purolator number under both its numeric and alpha forms); no
    // detector can reject those, so they are reported and not scored.
    let valid_set: HashSet<String> = valid.iter().map(|c| detect(&c.number).input).collect();
    let mut rejected = 0;
    let mut contradictory = 0;
    let mut collisions = Vec::new();
    for c in &invalid {
        let d = detect(&c.number);
        if valid_set.contains(&d.input) {
            contradictory += 1;
            println!(
                "note: {:?} is listed both valid and invalid; not scored",
                c.number
            );
            continue;
        }
        let got: Vec<_> = d.candidates.iter().map(|x| x.carrier).collect();
        // Rejected for its own carrier, yet another carrier's published check
        // digit validates it: a genuine cross-carrier collision (about one
        // twelve-digit number in ten is a valid GLS or DHL Paket number).
        // Reported, not failed; a format-only acceptance still fails.
        let collision = d.valid
            && !got.contains(&c.courier.as_str())
            && d.candidates
                .iter()
                .all(|x| x.evidence >= Evidence::CheckDigit);
        if collision {
            collisions.push(format!(
                "collision {:<12} {:<28} {:?} -> {:?}",
                c.courier, c.format, c.number, got
            ));
        } else if d.valid {
            failures.push(format!(
                "accepted {:<12} {:<28} {:?} -> {:?}",
                c.courier, c.format, c.number, got
            ));
        } else {
            rejected += 1;
        }
    }
    let scored_invalid = invalid.len() - contradictory;
    println!(
        "tracking corpus score: valid found {found}/{}, invalid rejected {rejected}/{scored_invalid} \
         ({} valid for another carrier's check digit, {contradictory} listed both valid and invalid)",
        valid.len(),
        collisions.len()
    );
    for c in &collisions {
        println!("{c}");
    }
    for f in &failures {
        println!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} corpus numbers wrong",
        failures.len()
    );
}
