//! Threading scored against Dovecot's imaptest THREAD tests
//! (`threading/imaptest`): each test is an mbox file and a script of IMAP
//! steps — append, flag \Deleted, expunge, THREAD — with the expected
//! THREAD response. The script is replayed on a list of messages, the
//! threads are built with `thread_references` or `thread_ordered_subject`,
//! and the response is compared with the expected one, ignoring case.
//!
//! The messages are read with the crate's own `parse`. A message's
//! received date (used when it has no Date header, as an IMAP server uses
//! INTERNALDATE) is the date of its mbox `From ` line, which is what
//! imaptest appends it with.

use cairn_mail::{ThreadMessage, parse, thread_ordered_subject, thread_references};

use crate::{files_in, testdata};

/// Splits an mbox file into (received date, raw message) pairs.
fn read_mbox(bytes: &[u8]) -> Vec<(i64, Vec<u8>)> {
    let text = String::from_utf8_lossy(bytes);
    let mut out: Vec<(i64, Vec<u8>)> = Vec::new();
    let mut previous_blank = true;
    for line in text.split_inclusive('\n') {
        if previous_blank && line.starts_with("From ") {
            out.push((envelope_date(line).unwrap_or(0), Vec::new()));
        } else if let Some((_, raw)) = out.last_mut() {
            raw.extend_from_slice(line.as_bytes());
        }
        previous_blank = line.trim().is_empty();
    }
    out
}

/// The date of an mbox envelope line, `From user@domain  Fri Feb 22
/// 17:06:23 2008` with an optional `+0200`, as Unix seconds.
fn envelope_date(line: &str) -> Option<i64> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let [_, _, _, month, day, time, year, rest @ ..] = words.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let day: i64 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let mut hms = time.split(':').map(|p| p.parse::<i64>());
    let (h, m, s) = (hms.next()?.ok()?, hms.next()?.ok()?, hms.next()?.ok()?);
    let offset = match rest.first() {
        Some(z) if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let hh: i64 = z[1..3].parse().ok()?;
            let mm: i64 = z[3..5].parse().ok()?;
            sign * (hh * 3600 + mm * 60)
        }
        _ => 0,
    };
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Sequence numbers of an IMAP sequence set such as `1,2` or `2:4`.
fn sequence_set(set: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for part in set.split(',') {
        match part.split_once(':') {
            Some((a, b)) => {
                if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                    out.extend(a.min(b)..=a.max(b));
                }
            }
            None => out.extend(part.parse::<usize>().ok()),
        }
    }
    out
}

struct Outcome {
    name: String,
    expected: String,
    got: String,
}

/// Replays one imaptest script; returns one outcome per THREAD command.
fn replay(name: &str, script: &str, mbox: &[(i64, Vec<u8>)]) -> Vec<Outcome> {
    let messages: Vec<ThreadMessage> = mbox
        .iter()
        .map(|(received, raw)| ThreadMessage::from_mail(&parse(raw), *received))
        .collect();
    let mut mailbox: Vec<usize> = Vec::new();
    let mut next_append = 0;
    if script.lines().any(|l| l.trim() == "messages: all") {
        mailbox.extend(0..messages.len());
        next_append = messages.len();
    }
    let mut deleted: Vec<usize> = Vec::new();
    let mut outcomes = Vec::new();
    let mut lines = script.lines().map(str::trim).peekable();
    while let Some(line) = lines.next() {
        let lower = line.to_ascii_lowercase();
        if lower == "ok append" {
            if next_append < messages.len() {
                mailbox.push(next_append);
                next_append += 1;
            }
        } else if let Some(rest) = lower.strip_prefix("ok store ") {
            if let Some((set, flags)) = rest.split_once(' ')
                && flags.contains("\\deleted")
            {
                deleted.extend(sequence_set(set));
            }
        } else if lower == "ok expunge" {
            let mut seq = 0;
            mailbox.retain(|_| {
                seq += 1;
                !deleted.contains(&seq)
            });
            deleted.clear();
        } else if let Some(rest) = lower.strip_prefix("ok thread ") {
            let Some(expected) = lines.next() else {
                break;
            };
            let current: Vec<ThreadMessage> =
                mailbox.iter().map(|&i| messages[i].clone()).collect();
            let threads = if rest.starts_with("orderedsubject") {
                thread_ordered_subject(&current)
            } else {
                thread_references(&current)
            };
            let expected = expected
                .get("* thread".len()..)
                .unwrap_or("")
                .trim()
                .to_string();
            outcomes.push(Outcome {
                name: format!("{name} #{}", outcomes.len() + 1),
                expected,
                got: threads.to_imap(),
            });
        }
    }
    outcomes
}

#[test]
fn imaptest_thread_trees() {
    let Some(dir) = testdata("threading/imaptest") else {
        return;
    };
    let mut outcomes = Vec::new();
    for script_path in files_in(&dir) {
        let name = script_path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if !name.starts_with("thread") || name.ends_with(".mbox") {
            continue;
        }
        let (Ok(script), Ok(mbox)) = (
            std::fs::read_to_string(&script_path),
            std::fs::read(dir.join(format!("{name}.mbox"))),
        ) else {
            continue;
        };
        outcomes.extend(replay(&name, &script, &read_mbox(&mbox)));
    }
    let agree = outcomes
        .iter()
        .filter(|o| o.got.eq_ignore_ascii_case(&o.expected))
        .count();
    for o in &outcomes {
        let mark = if o.got.eq_ignore_ascii_case(&o.expected) {
            "ok  "
        } else {
            "MISS"
        };
        println!("{mark} {}: expected {} got {}", o.name, o.expected, o.got);
    }
    println!(
        "imaptest THREAD: {agree}/{} responses agree",
        outcomes.len()
    );
    assert!(outcomes.len() >= 16, "expected at least 16 THREAD commands");
    assert_eq!(agree, outcomes.len(), "every THREAD response must agree");
}

#[test]
fn envelope_dates() {
    assert_eq!(
        envelope_date("From user@domain  Fri Feb 22 17:06:23 2008\n"),
        Some(1_203_699_983)
    );
    assert_eq!(
        envelope_date("From user@domain  Fri Feb 22 23:00:00 2008 +0200"),
        Some(1_203_714_000)
    );
    assert_eq!(sequence_set("1,3:4"), [1, 3, 4]);
}
