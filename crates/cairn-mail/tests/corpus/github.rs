//! GitHub's email_reply_parser fixtures. The reference suite checks which
//! fragments are visible; here each fixture states what the visible reply
//! must be, or must and must not contain.

use std::time::Instant;

use cairn_mail::{Reply, extract_reply, reply_of_message};

use crate::testdata;

enum Expect {
    Exactly(&'static str),
    Has(&'static [&'static str], &'static [&'static str]),
}

use Expect::{Exactly, Has};

const CASES: &[(&str, Expect)] = &[
    (
        "correct_sig",
        Exactly("this is an email with a correct -- signature."),
    ),
    (
        "email_1_1",
        Has(
            &["Hi folks", "I am currently using the Java HTTP API."],
            &["riak-users mailing list"],
        ),
    ),
    (
        "email_1_2",
        Has(
            &["Hi,", "You can list the keys", "them all individually."],
            &["riak-users@lists.basho.com", "wrote:"],
        ),
    ),
    (
        "email_1_3",
        Exactly("Oh thanks.\n\nHaving the function would be great.\n\n-Abhishek Kona"),
    ),
    (
        "email_1_4",
        Exactly("Awesome! I haven't had another problem with it."),
    ),
    (
        "email_1_5",
        Has(
            &[
                "One: Here's what I've got.",
                "- This is the fourth bullet point",
                "for a while.",
            ],
            &[],
        ),
    ),
    ("email_1_6", Exactly("I get proper rendering as well.")),
    ("email_1_7", Exactly(":+1:")),
    (
        "email_1_8",
        Has(
            &["I will reply under this one", "> okay?", "and under this."],
            &["Hey there, this is my signature", "wrote:", "-- Tim"],
        ),
    ),
    ("email_2_1", Exactly("Outlook with a reply")),
    (
        "email_2_2",
        Exactly("Outlook with a reply directly above line"),
    ),
    (
        "email_2_3",
        Exactly("Outlook with a reply directly above line"),
    ),
    ("email_BlackBerry", Exactly("Here is another email")),
    (
        "email_bullets",
        Exactly(
            "test 2 this should list second\n\nand have spaces\n\nand retain this formatting\n\n\n   - how about bullets\n   - and another",
        ),
    ),
    ("email_iPhone", Exactly("Here is another email")),
    (
        "email_long_quote",
        Has(
            &["Hi folks", "I am currently using the Java HTTP API."],
            &["riak-users mailing list", ">>>"],
        ),
    ),
    (
        "email_multi_word_sent_from_my_mobile_device",
        Exactly("Here is another email"),
    ),
    (
        "email_one_is_not_on",
        Has(
            &[
                "One outstanding question I had:",
                "Locally (on development), when I run...",
            ],
            &["On Oct 1, 2012", "lastLocation"],
        ),
    ),
    (
        "email_sent_from_my_not_signature",
        Exactly("Here is another email\n\nSent from my desk, is much easier then my mobile phone."),
    ),
    (
        "email_sig_delimiter_in_middle_of_line",
        Has(
            &["And here is a fix -- this is not a signature.", "kthxbai"],
            &[],
        ),
    ),
    (
        "greedy_on",
        Has(
            &[
                "On your remote host you can run:",
                "telnet 127.0.0.1 52698",
                "the tunnel is not working.",
            ],
            &["On 9 Jan 2014", "George Plymale"],
        ),
    ),
    (
        "pathological",
        Exactly(
            "I think you're onto something. I will try to fix the problem as soon as I\nget back to a computer.",
        ),
    ),
];

fn check(name: &str, reply: &Reply, expect: &Expect) -> Result<(), String> {
    match expect {
        Exactly(want) if reply.visible != *want => {
            Err(format!("{name}: got\n{}\n--- want\n{want}", reply.visible))
        }
        Has(yes, no) => {
            for y in *yes {
                if !reply.visible.contains(y) {
                    return Err(format!("{name}: missing {y:?} in\n{}", reply.visible));
                }
            }
            for n in *no {
                if reply.visible.contains(n) {
                    return Err(format!(
                        "{name}: should not contain {n:?} in\n{}",
                        reply.visible
                    ));
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[test]
fn github_fixtures() {
    let Some(dir) = testdata("reply-extraction/github/emails") else {
        return;
    };
    let mut errors = Vec::new();
    for (name, expect) in CASES {
        let path = dir.join(format!("{name}.txt"));
        let Ok(raw) = std::fs::read(&path) else {
            errors.push(format!("{name}: cannot read {}", path.display()));
            continue;
        };
        let text = String::from_utf8_lossy(&raw);
        let started = Instant::now();
        let reply = extract_reply(&text);
        let took = started.elapsed();
        if matches!(*name, "email_long_quote" | "pathological") {
            println!("github {name}: {} bytes extracted in {took:?}", raw.len());
        }
        assert_eq!(
            reply_of_message(&raw),
            reply.visible,
            "{name}: reply_of_message disagrees"
        );
        if let Err(e) = check(name, &reply, expect) {
            errors.push(e);
        }
    }
    println!(
        "github: {}/{} fixtures as expected",
        CASES.len() - errors.len(),
        CASES.len()
    );
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
}

#[test]
fn long_quote_timing() {
    let Some(dir) = testdata("reply-extraction/github/emails") else {
        return;
    };
    let Ok(raw) = std::fs::read(dir.join("email_long_quote.txt")) else {
        println!("SKIP: email_long_quote.txt missing");
        return;
    };
    let text = String::from_utf8_lossy(&raw);
    // Best of a few runs, so a busy machine does not blur the number.
    let mut best = None;
    for _ in 0..5 {
        let started = Instant::now();
        let reply = extract_reply(&text);
        let took = started.elapsed();
        assert!(reply.visible.starts_with("Hi folks"));
        best = Some(best.map_or(took, |b: std::time::Duration| b.min(took)));
    }
    println!(
        "email_long_quote ({} bytes): best of 5 = {:?}",
        raw.len(),
        best.unwrap_or_default()
    );
}
