//! `cairn bench mail`: the email channel's ingest of a MIME corpus, repeated to N messages,
//! against the bare `mail-parser` parse of the same messages in the same run.
//!
//! Every file of the corpus (broken ones included) is repeated; each repetition gets its own
//! Message-ID and sender, so nothing is dropped as a duplicate and identity linking and
//! threading do real work: four repetitions of a file form one conversation of one customer
//! (`In-Reply-To` and `References` point at the earlier ones), and the customers write from
//! plain addresses and from Amazon, eBay and Walmart relays. The messages are built batch by
//! batch outside the timed sections, so the corpus is never held N times in memory.
//!
//! The full path is the one a mailbox sync takes after its IMAP fetch: `convert::incoming`
//! (parse, reply extraction, relay recognition, loop markers, attachments), then one
//! `Store::ingest_mail` per batch with its `MailCommit` (cursor, received-mail rows, attachments
//! stored once per content hash), into a fresh SQLite database.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use cairn_domain::ingest::Outcome;
use cairn_domain::records::Record;
use cairn_mailbox::MailContext;
use cairn_mailbox::convert::{Incoming, Origin, incoming};
use cairn_store::{Cursor, IngestOptions, MailCommit, MailboxSettings, Store};

pub struct MailBenchArgs {
    pub corpus: PathBuf,
    pub messages: usize,
    pub work_dir: PathBuf,
    /// Messages per transaction (the IMAP sync commits 50).
    pub batch: usize,
    /// Also keep each raw message under the data folder (written, synced and renamed one by
    /// one, as the sync does).
    pub keep_raw: bool,
}

const ADDRESS: &str = "shop@cairn-bench.test";
const FOLDER: &str = "INBOX";
/// Repetitions of a file that form one customer's conversation.
const THREAD: usize = 4;

/// Every regular file under `dir`, sorted by path; licence and source notes are not mail.
fn load_corpus(dir: &Path) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if entry.file_type()?.is_dir() {
                walk(&path, out)?;
            } else if !matches!(name.as_str(), "LICENSE" | "SOURCE" | "README" | "README.md") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut paths = Vec::new();
    walk(dir, &mut paths).with_context(|| format!("cannot read the corpus {}", dir.display()))?;
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes =
                std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))?;
            Ok((p, bytes))
        })
        .collect()
}

/// A corpus file with its header block split off once, so repetitions only add headers.
struct Template {
    /// The header lines kept (without Message-ID, From, In-Reply-To, References).
    header: Vec<u8>,
    /// From the blank line that ends the header to the end.
    rest: Vec<u8>,
    newline: &'static [u8],
}

impl Template {
    fn new(raw: &[u8]) -> Template {
        let newline: &'static [u8] = match raw.iter().position(|b| *b == b'\n') {
            Some(i) if i > 0 && raw[i - 1] == b'\r' => b"\r\n",
            _ => b"\n",
        };
        // The header ends at the first empty line (or the message is all header).
        let mut header = Vec::with_capacity(raw.len().min(8192));
        let mut pos = 0;
        let mut dropping = false;
        let mut end = raw.len();
        while pos < raw.len() {
            let line_end = raw[pos..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(raw.len(), |i| pos + i + 1);
            let line = &raw[pos..line_end];
            let content = line
                .strip_suffix(b"\n")
                .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
                .unwrap_or(line);
            if content.is_empty() {
                end = pos;
                break;
            }
            let continuation = matches!(content[0], b' ' | b'\t');
            if !continuation {
                let name = content
                    .iter()
                    .position(|b| *b == b':')
                    .map_or(&b""[..], |i| &content[..i]);
                dropping = ["message-id", "from", "in-reply-to", "references"]
                    .iter()
                    .any(|h| name.trim_ascii().eq_ignore_ascii_case(h.as_bytes()));
            }
            if !dropping {
                header.extend_from_slice(line);
            }
            pos = line_end;
        }
        if !header.is_empty() && !header.ends_with(b"\n") {
            header.extend_from_slice(newline);
        }
        let rest = if end < raw.len() {
            raw[end..].to_vec()
        } else {
            newline.to_vec()
        };
        Template {
            header,
            rest,
            newline,
        }
    }
}

fn message_id(rep: usize, file: usize) -> String {
    format!("<bench.{rep}.{file}@cairn-bench.test>")
}

/// The sender of a conversation: mostly plain addresses, some marketplace relays.
fn sender(customer: usize) -> String {
    match customer % 10 {
        0..=5 => format!(
            "Customer {customer} <customer{customer}@mail{}.example>",
            customer % 97
        ),
        6 | 7 => format!("Buyer {customer} <b{customer:x}q@marketplace.amazon.de>"),
        8 => format!("<ebay{customer}@members.ebay.de>"),
        _ => format!("W {customer} <w{customer:x}@relay.walmart.com>"),
    }
}

/// Message `k` of the run: file `k % files` of repetition `k / files`.
fn build(templates: &[Template], k: usize, out: &mut Vec<u8>) {
    let files = templates.len();
    let (rep, file) = (k / files, k % files);
    let t = &templates[file];
    let nl = t.newline;
    let customer = (rep / THREAD) * files + file;
    out.clear();
    out.extend_from_slice(b"Message-ID: ");
    out.extend_from_slice(message_id(rep, file).as_bytes());
    out.extend_from_slice(nl);
    out.extend_from_slice(b"From: ");
    out.extend_from_slice(sender(customer).as_bytes());
    out.extend_from_slice(nl);
    let first = rep - rep % THREAD;
    if rep > first {
        out.extend_from_slice(b"In-Reply-To: ");
        out.extend_from_slice(message_id(rep - 1, file).as_bytes());
        out.extend_from_slice(nl);
        out.extend_from_slice(b"References:");
        for r in first..rep {
            out.push(b' ');
            out.extend_from_slice(message_id(r, file).as_bytes());
        }
        out.extend_from_slice(nl);
    }
    out.extend_from_slice(&t.header);
    out.extend_from_slice(&t.rest);
}

fn rate(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64().max(1e-9)
}

/// Writes the raw message once under its content hash (write, sync, rename), as the sync does.
fn keep_raw(path: &Path, raw: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(raw)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

pub async fn run(args: MailBenchArgs, clock: fn() -> jiff::Timestamp) -> anyhow::Result<()> {
    if args.messages == 0 || args.batch == 0 {
        bail!("--messages and --batch must be at least 1");
    }
    let corpus = load_corpus(&args.corpus)?;
    if corpus.is_empty() {
        bail!("the corpus {} holds no files", args.corpus.display());
    }
    let templates: Vec<Template> = corpus.iter().map(|(_, raw)| Template::new(raw)).collect();
    let corpus_bytes: usize = corpus.iter().map(|(_, raw)| raw.len()).sum();
    println!(
        "corpus: {} files, {} bytes, from {}; repeated to {} messages",
        corpus.len(),
        corpus_bytes,
        args.corpus.display(),
        args.messages
    );
    drop(corpus);

    // (1) The baseline: mail-parser's parse alone, of the same messages.
    let mut raw = Vec::with_capacity(64 * 1024);
    let mut parse_time = Duration::ZERO;
    let mut total_bytes = 0usize;
    let mut unparsed = 0usize;
    let parser = mail_parser::MessageParser::default();
    for k in 0..args.messages {
        build(&templates, k, &mut raw);
        total_bytes += raw.len();
        let t = Instant::now();
        let parsed = parser.parse(raw.as_slice());
        unparsed += usize::from(parsed.is_none());
        std::hint::black_box(parsed);
        parse_time += t.elapsed();
    }
    let parse_rate = rate(args.messages, parse_time);
    println!(
        "baseline, bare mail-parser parse: {} messages ({} MB) in {:.2} s = {:.0} messages/s ({unparsed} not parsed)",
        args.messages,
        total_bytes / 1_000_000,
        parse_time.as_secs_f64(),
        parse_rate
    );

    // (2) The full path into a fresh SQLite database.
    std::fs::create_dir_all(&args.work_dir)
        .with_context(|| format!("cannot create {}", args.work_dir.display()))?;
    let db = args.work_dir.join("mail.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let raw_dir = args.work_dir.join("mail");
    if args.keep_raw {
        let _ = std::fs::remove_dir_all(&raw_dir);
    }
    let store = Store::open(&format!("sqlite://{}", db.display())).await?;
    let tenant = store.ensure_tenant("bench", "Bench").await?;
    let mailbox = store
        .save_mailbox(
            tenant,
            &MailboxSettings {
                name: "bench".to_string(),
                address: ADDRESS.to_string(),
                imap_host: "imap.cairn-bench.test".to_string(),
                imap_port: 993,
                smtp_host: "smtp.cairn-bench.test".to_string(),
                smtp_port: 465,
                security: "tls".to_string(),
                username: ADDRESS.to_string(),
                password_enc: String::new(),
                folders: vec![FOLDER.to_string()],
                sent_folder: "Sent".to_string(),
                max_message_bytes: cairn_mailbox::DEFAULT_MAX_MESSAGE_BYTES,
                move_to: None,
            },
            clock(),
        )
        .await?;
    let ctx = MailContext::new(store.clone(), tenant, args.work_dir.clone());
    let options = IngestOptions::default();
    let (mut imported, mut duplicates, mut rejected) = (0, 0, 0);
    let (mut attachments, mut notice_count) = (0, 0);
    let mut convert_time = Duration::ZERO;
    let mut full_time = Duration::ZERO;
    let mut batch_raw: Vec<Vec<u8>> = (0..args.batch).map(|_| Vec::new()).collect();
    let wall = Instant::now();
    // The rate of each tenth of the run, to show whether it falls as the database grows.
    let step = args.messages.div_ceil(10).max(args.batch);
    let (mut mark, mut mark_time) = (0usize, Duration::ZERO);
    for start in (0..args.messages).step_by(args.batch) {
        let end = (start + args.batch).min(args.messages);
        for (slot, k) in (start..end).enumerate() {
            build(&templates, k, &mut batch_raw[slot]);
        }
        let t = Instant::now();
        let now = clock();
        let mut items = Vec::with_capacity(end - start);
        for (slot, k) in (start..end).enumerate() {
            let raw = &batch_raw[slot];
            let origin = Origin {
                address: ADDRESS,
                folder: FOLDER,
                uidvalidity: 1,
                uid: k as i64 + 1,
            };
            let item = incoming(raw, &origin, None, now);
            if args.keep_raw
                && let Some(hash) = &item.received.raw_sha256
            {
                keep_raw(&ctx.raw_path(hash), raw)?;
            }
            items.push(item);
        }
        convert_time += t.elapsed();
        // A marketplace's own notice is an event on its order, not a customer's message.
        let (notices, messages): (Vec<&Incoming>, Vec<&Incoming>) =
            items.iter().partition(|i| i.notice.is_some());
        let records: Vec<Record> = messages
            .iter()
            .map(|i| Record::Message(i.record.clone()))
            .collect();
        let commit = MailCommit {
            mailbox_id: mailbox.id,
            cursor: Some(Cursor {
                folder: FOLDER.to_string(),
                uidvalidity: 1,
                last_uid: end as i64,
            }),
            received: items.iter().map(|i| i.received.clone()).collect(),
            sent: Vec::new(),
            bounced: items.iter().filter_map(|i| i.bounce_of.clone()).collect(),
            attachments: messages.iter().map(|i| i.attachments.clone()).collect(),
            notices: notices.iter().filter_map(|i| i.notice.clone()).collect(),
        };
        attachments += messages
            .iter()
            .map(|i| i.attachments.attachments.len())
            .sum::<usize>();
        notice_count += notices.len();
        let report = store
            .ingest_mail(tenant, &records, &options, now, &commit)
            .await?;
        full_time += t.elapsed();
        if end - mark >= step || end == args.messages {
            eprintln!(
                "  messages {}..{end}: {:.0} messages/s",
                mark + 1,
                rate(end - mark, full_time - mark_time)
            );
            (mark, mark_time) = (end, full_time);
        }
        for (o, item) in report.outcomes.iter().zip(&messages) {
            match o {
                Ok(Outcome::Duplicate) => duplicates += 1,
                Ok(_) => imported += 1,
                Err(e) => {
                    rejected += 1;
                    eprintln!("{}: rejected: {e}", item.record.external_id);
                }
            }
        }
    }
    let wall = wall.elapsed();
    let full_rate = rate(args.messages, full_time);
    println!(
        "full path (parse, extract, relay, thread, store; SQLite, {} per transaction{}): {} messages in {:.2} s = {:.0} messages/s \
         ({imported} stored, {duplicates} duplicates, {rejected} rejected, {notice_count} marketplace notices, {attachments} attachments)",
        args.batch,
        if args.keep_raw {
            ", raw files kept"
        } else {
            ""
        },
        args.messages,
        full_time.as_secs_f64(),
        full_rate
    );
    println!(
        "  of which conversion (cairn-mail parse, reply extraction, record){}: {:.2} s = {:.0} messages/s; database: {:.2} s",
        if args.keep_raw { " and raw files" } else { "" },
        convert_time.as_secs_f64(),
        rate(args.messages, convert_time),
        (full_time - convert_time).as_secs_f64()
    );
    println!(
        "ratio: the full path runs at {:.1}% of the bare parse ({:.1}x slower); wall time with message building {:.1} s",
        100.0 * full_rate / parse_rate,
        parse_rate / full_rate,
        wall.as_secs_f64()
    );
    if let Some(rss) = crate::bench::peak_rss_mb() {
        println!("peak memory (whole process): {rss:.0} MB");
    }
    store.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetitions_get_their_own_ids_senders_and_threads() {
        let raw = b"Received: x\r\nMessage-Id: <a@b>\r\nFrom: A <a@b.example>\r\n  continued\r\nSubject: Hi\r\nReferences: <z@b>\r\n\r\nBody\r\n";
        let templates = vec![Template::new(raw)];
        let mut out = Vec::new();
        build(&templates, 5, &mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        assert!(
            text.starts_with("Message-ID: <bench.5.0@cairn-bench.test>\r\n"),
            "{text}"
        );
        assert!(
            text.contains("In-Reply-To: <bench.4.0@cairn-bench.test>\r\n"),
            "{text}"
        );
        assert!(
            text.contains("References: <bench.4.0@cairn-bench.test>\r\n"),
            "{text}"
        );
        assert!(!text.contains("<a@b>") && !text.contains("continued") && !text.contains("<z@b>"));
        assert!(text.ends_with("Subject: Hi\r\n\r\nBody\r\n"), "{text}");
        let mail = cairn_mail::parse(&out);
        assert_eq!(
            mail.message_id.as_deref(),
            Some("bench.5.0@cairn-bench.test")
        );
        assert_eq!(
            mail.in_reply_to.as_deref(),
            Some("bench.4.0@cairn-bench.test")
        );
        // No header at all: ours become the header.
        let templates = vec![Template::new(b"\nJust a body\n")];
        build(&templates, 0, &mut out);
        let mail = cairn_mail::parse(&out);
        assert_eq!(
            mail.message_id.as_deref(),
            Some("bench.0.0@cairn-bench.test")
        );
        assert!(mail.text.contains("Just a body"));
    }
}
