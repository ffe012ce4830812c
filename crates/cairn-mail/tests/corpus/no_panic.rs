//! Property test: about 100,000 generated inputs — random bytes, mutated
//! and truncated real messages, very long lines, deep `>` nesting, unicode
//! soup, tag soup and MIME soup — go through every entry point without a
//! panic, and the visible reply only ever contains lines of its input.
//!
//! The generator is a fixed-seed xorshift, so a failure reproduces; the
//! failing case number is printed with the input's first bytes.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use cairn_mail::{extract_reply, extract_reply_html, looks_like_headers, parse, reply_of_message};

use crate::files_in;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const BUILT_IN_SEEDS: &[&str] = &[
    "From: Jane <jane@example.com>\r\nTo: shop@example.com\r\nSubject: Re: Order 123\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\nMessage-ID: <a@example.com>\r\nIn-Reply-To: <b@example.com>\r\n\r\nWhere is my parcel?\r\n\r\nOn Sun, 31 Dec 2023 at 09:00, Shop <shop@example.com> wrote:\r\n> It shipped.\r\n> --\r\n> Shop\r\n",
    "From: a@example.com\r\nSubject: html\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"XX\"\r\n\r\n--XX\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=FC=DFe\r\n--XX\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nPGRpdj5IaTxkaXYgY2xhc3M9ImdtYWlsX3F1b3RlIj48YmxvY2txdW90ZT5vbGQ8L2Jsb2NrcXVvdGU+PC9kaXY+PC9kaXY+\r\n--XX--\r\n",
    "From: MAILER-DAEMON@example.com\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; x@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n--B\r\nContent-Type: message/rfc822\r\n\r\nMessage-ID: <orig@example.com>\r\nFrom: me@example.com\r\n\r\nhello\r\n--B--\r\n",
    "Thanks!\n\nAm 01.01.2024 um 10:00 schrieb Shop <s@example.com>:\n> Hallo\n",
    "<html><body><div>Reply</div><div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> x</div><blockquote type=\"cite\">old</blockquote></body></html>",
];

const FRAGMENTS: &[&str] = &[
    "On Mon, Jan 1, 2024 at 10:00 AM, A <a@example.com> wrote:",
    "wrote:",
    "On ",
    "Am 01.01.2024 um 10:00 schrieb ",
    "Le 1 janv. 2024 à 10:00, A a écrit :",
    "-----Original Message-----",
    "From: A",
    "Sent: 1 Jan 2024",
    "To: B",
    "Subject: C",
    "Von: ",
    "Gesendet: 1.1.2024",
    "-- ",
    "--",
    "____",
    "Sent from my iPhone",
    "> ",
    ">>",
    "> > ",
    "```",
    "~~~",
    "Begin forwarded message:",
    "\r\n",
    "\n",
    "\r",
    "\t",
    "\u{a0}",
    "\u{feff}",
    "\u{200b}",
    "é",
    "ß",
    "写道",
    "написал:",
    "😀",
    "\u{202e}",
    "\u{301}",
    "<",
    ">",
    "@",
    ":",
    "：",
    "(a):",
    "2016-03-03 17:21 GMT+01:00 X",
    "<blockquote>",
    "</blockquote>",
    "<div class=\"gmail_quote\">",
    "<div class=\"gmail_attr\">",
    "</div>",
    "<br>",
    "<p>",
    "<table><td>",
    "<pre>",
    "&nbsp;",
    "&amp;",
    "<a href=\"https://x.example\">",
    "</a>",
    "Content-Type: multipart/mixed; boundary=Z\r\n",
    "--Z\r\n",
    "--Z--\r\n",
    "Content-Transfer-Encoding: base64\r\n",
    "Content-Transfer-Encoding: quoted-printable\r\n",
    "=?utf-8?B?w6k=?=",
    "=?iso-8859-1?Q?=E9?=",
    "=\r\n",
    "=E9",
    "Content-Type: message/rfc822\r\n",
    "Content-Type: text/html; charset=shift_jis\r\n",
];

fn fragment(rng: &mut Rng) -> &'static str {
    FRAGMENTS[rng.below(FRAGMENTS.len())]
}

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = BUILT_IN_SEEDS
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
    // Real messages make better mutation seeds; they are read, never copied.
    for sub in [
        "mime/mikel-mail/mime_emails",
        "mime/mikel-mail/attachment_emails",
        "mime/mikel-mail/multipart_report_emails",
        "reply-extraction/discourse/emails",
    ] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/testdata")
            .join(sub);
        if dir.is_dir() {
            for f in files_in(&dir) {
                if let Ok(bytes) = std::fs::read(f)
                    && bytes.len() < 16 * 1024
                {
                    seeds.push(bytes);
                }
            }
        }
    }
    seeds
}

fn random_bytes(rng: &mut Rng, len: usize) -> Vec<u8> {
    (0..len).map(|_| rng.next() as u8).collect()
}

fn mutate(rng: &mut Rng, mut data: Vec<u8>) -> Vec<u8> {
    for _ in 0..=rng.below(8) {
        if data.is_empty() {
            data.extend_from_slice(rng.pick(FRAGMENTS).as_bytes());
            continue;
        }
        let at = rng.below(data.len());
        match rng.below(6) {
            0 => data[at] = rng.next() as u8,
            1 => {
                data.truncate(at);
            }
            2 => {
                let frag = rng.pick(FRAGMENTS).as_bytes();
                data.splice(at..at, frag.iter().copied());
            }
            3 => {
                let end = (at + rng.below(200)).min(data.len());
                data.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(100)).min(data.len());
                let chunk = data[at..end].to_vec();
                for _ in 0..rng.below(4) {
                    data.splice(at..at, chunk.iter().copied());
                }
            }
            _ => {
                let end = (at + rng.below(50)).min(data.len());
                data[at..end].reverse();
            }
        }
    }
    data
}

fn soup(rng: &mut Rng, pieces: usize) -> Vec<u8> {
    let mut s = String::new();
    for _ in 0..pieces {
        s.push_str(fragment(rng));
        if rng.chance(40) {
            s.push('\n');
        }
        if rng.chance(20) {
            s.push_str("some words here ");
        }
    }
    s.into_bytes()
}

fn unicode(rng: &mut Rng, len: usize) -> Vec<u8> {
    let ranges: &[(u32, u32)] = &[
        (0x20, 0x7e),
        (0xa0, 0x24f),
        (0x300, 0x36f),
        (0x400, 0x4ff),
        (0x590, 0x6ff),
        (0x3040, 0x30ff),
        (0x4e00, 0x4fff),
        (0x1f300, 0x1f6ff),
        (0x2000, 0x206f),
        (0xfe00, 0xfeff),
    ];
    let mut s = String::new();
    for _ in 0..len {
        let &(lo, hi) = rng.pick(ranges);
        let c = char::from_u32(lo + rng.below((hi - lo + 1) as usize) as u32).unwrap_or('?');
        s.push(c);
        if rng.chance(5) {
            s.push(if rng.chance(50) { '\n' } else { '>' });
        }
    }
    s.into_bytes()
}

fn deep_quotes(rng: &mut Rng) -> Vec<u8> {
    let mut s = String::new();
    for _ in 0..rng.below(50) + 1 {
        s.push_str(&">".repeat(rng.below(1000)));
        if rng.chance(50) {
            s.push(' ');
        }
        s.push_str(fragment(rng));
        s.push('\n');
    }
    s.into_bytes()
}

fn long_line(rng: &mut Rng) -> Vec<u8> {
    let alphabet = b"ab >-_:@<\t";
    let len = rng.below(30_000) + 1000;
    let mut v: Vec<u8> = (0..len).map(|_| *rng.pick(alphabet)).collect();
    if rng.chance(50) {
        v.splice(0..0, b"On Mon, Jan 1, 2024 at 10:00, ".iter().copied());
        v.extend_from_slice(b" wrote:\n> x\n");
    }
    v
}

fn tag_soup(rng: &mut Rng) -> Vec<u8> {
    let tags = [
        "div",
        "blockquote",
        "p",
        "span",
        "table",
        "tr",
        "td",
        "a",
        "b",
        "li",
        "ul",
        "ol",
        "pre",
        "hr",
        "br",
        "font",
        "html",
        "body",
        "head",
        "style",
        "script",
        "template",
        "svg",
        "math",
    ];
    let attrs = [
        "",
        " class=\"gmail_quote\"",
        " class=\"gmail_attr\"",
        " id=\"divRplyFwdMsg\"",
        " id=\"appendonsend\"",
        " type=\"cite\"",
        " class=\"yahoo_quoted\"",
        " class=\"moz-cite-prefix\"",
        " style=\"display:none\"",
        " style=\"border:none;border-top:solid #E1E1E1 1.0pt\"",
        " href=\"https://example.com\"",
        " class=\"gmail_signature\"",
    ];
    let mut s = String::new();
    for _ in 0..rng.below(300) {
        match rng.below(4) {
            0 => s.push_str(&format!("<{}{}>", rng.pick(&tags), rng.pick(&attrs))),
            1 => s.push_str(&format!("</{}>", rng.pick(&tags))),
            2 => s.push_str(fragment(rng)),
            _ => s.push_str("text &amp; more "),
        }
    }
    s.into_bytes()
}

fn generate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    match rng.below(100) {
        0..=14 => {
            let len = rng.below(600);
            random_bytes(rng, len)
        }
        15..=49 => {
            let seed = rng.pick(seeds).clone();
            mutate(rng, seed)
        }
        50..=59 => {
            let seed = rng.pick(seeds);
            let cut = rng.below(seed.len() + 1);
            seed[..cut].to_vec()
        }
        60..=69 => {
            let n = rng.below(60);
            soup(rng, n)
        }
        70..=77 => {
            let n = rng.below(400);
            unicode(rng, n)
        }
        78..=84 => tag_soup(rng),
        85..=89 => deep_quotes(rng),
        90..=91 => long_line(rng),
        _ => {
            // Headers followed by soup: exercises the MIME parser's paths.
            let mut v = b"From: a@example.com\r\nMIME-Version: 1.0\r\n".to_vec();
            let n = rng.below(40);
            v.extend(soup(rng, n));
            v
        }
    }
}

fn check_one(case: usize, input: &[u8]) {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let text = String::from_utf8_lossy(input);
        let reply = extract_reply(&text);
        // The visible reply is a selection of the input's lines.
        let unmarked = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let normalized = unmarked.replace("\r\n", "\n").replace('\r', "\n");
        let lines: HashSet<&str> = normalized.lines().map(str::trim_end).collect();
        for line in reply.visible.lines() {
            assert!(lines.contains(line.trim_end()), "invented line {line:?}");
        }
        assert_eq!(reply.visible.trim_end(), reply.visible);
        let _ = extract_reply_html(&text);
        let mail = parse(input);
        let _ = extract_reply(&mail.text);
        let _ = looks_like_headers(input);
        // It repeats parse and extraction, so a sample is enough.
        if case.is_multiple_of(4) {
            let _ = reply_of_message(input);
        }
    }));
    if outcome.is_err() {
        let head = String::from_utf8_lossy(&input[..input.len().min(300)]).into_owned();
        panic!("case {case} panicked; input starts with {head:?}");
    }
}

/// Runs one quarter of the cases; four tests let the harness use every core.
fn run_share(share: u64) {
    let seeds = seeds();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (share + 1).wrapping_mul(0xd1b5_4a32_d192_ed03));
    let cases = std::env::var("CAIRN_MAIL_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(25_000);
    let started = std::time::Instant::now();
    let mut bytes = 0usize;
    for case in 0..cases {
        let input = generate(&mut rng, &seeds);
        bytes += input.len();
        check_one(case, &input);
    }
    println!(
        "no-panic share {share}: {cases} inputs ({} MB) in {:?}",
        bytes / 1_000_000,
        started.elapsed()
    );
}

#[test]
fn no_panic_share_0() {
    run_share(0);
}

#[test]
fn no_panic_share_1() {
    run_share(1);
}

#[test]
fn no_panic_share_2() {
    run_share(2);
}

#[test]
fn no_panic_share_3() {
    run_share(3);
}
