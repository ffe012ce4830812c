//! Discourse's email_reply_trimmer fixtures: the extracted reply must equal
//! the hand-written `trimmed/` text. Both sides are compared after the same
//! whitespace normalisation: line endings unified, trailing whitespace of
//! each line dropped, runs of blank lines collapsed to one, and blank lines
//! at both ends removed (the reference test strips both sides too).

use cairn_mail::{extract_reply, reply_of_message};

use crate::{files_in, testdata};

/// Stricter comparison, for information: only line endings, trailing
/// whitespace and blank lines at both ends are ignored.
fn strict(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

fn normalise(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<&str> = Vec::new();
    for line in s.lines().map(str::trim_end) {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[test]
fn discourse_trimmed_score() {
    let Some(dir) = testdata("reply-extraction/discourse") else {
        return;
    };
    let emails = files_in(&dir.join("emails"));
    assert!(!emails.is_empty(), "no fixtures in {}", dir.display());
    let mut passed = 0;
    let mut strict_passed = 0;
    let mut failures = Vec::new();
    for path in &emails {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let raw = std::fs::read(path).unwrap_or_default();
        let expected = std::fs::read_to_string(dir.join("trimmed").join(&name)).unwrap_or_default();
        let text = String::from_utf8_lossy(&raw);
        let got = extract_reply(&text).visible;
        // The fixtures are header-less bodies, which is also what the
        // `cairn mail reply FILE` path must see them as.
        assert_eq!(
            reply_of_message(&raw),
            got,
            "{name}: reply_of_message disagrees"
        );
        strict_passed += usize::from(strict(&got) == strict(&expected));
        if normalise(&got) == normalise(&expected) {
            passed += 1;
        } else {
            failures.push((name, got, expected));
        }
    }
    let total = emails.len();
    let score = passed as f64 * 100.0 / total as f64;
    println!(
        "discourse: {passed}/{total} exact ({score:.1}%); {strict_passed}/{total} also without collapsing blank lines"
    );
    for (name, got, expected) in &failures {
        println!(
            "FAIL {name}\n--- got\n{got}\n--- expected\n{}\n",
            expected.trim_end()
        );
    }
    assert!(score >= 95.0, "discourse score {score:.1}% below 95%");
}
