//! Parsing raw RFC 5322 messages into [`ParsedMail`].
//!
//! MIME structure, transfer encodings, charsets and RFC 2047/2231 words are
//! decoded by `mail-parser`; this module picks out what Cairn stores and
//! turns every irregularity into a readable entry of
//! [`ParsedMail::problems`] instead of an error.

use std::panic::{AssertUnwindSafe, catch_unwind};

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{
    Address as MpAddress, HeaderName, HeaderValue, Message, MessageParser, MessagePart,
    MimeHeaders, PartType,
};

use crate::html::html_to_text;

/// A mailbox: an address and, when given, the display name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    /// The address as written (`jane@example.com`).
    pub email: String,
    /// The display name, RFC 2047-decoded (`Jane Doe`).
    pub name: Option<String>,
}

/// A part that is not the message body: a file, an inline image, a
/// forwarded message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attachment {
    /// File name from Content-Disposition or Content-Type, decoded.
    pub filename: Option<String>,
    /// MIME type, lowercase (`application/pdf`, `message/rfc822`).
    pub content_type: String,
    /// Content-ID without angle brackets, for `cid:` references in HTML.
    pub content_id: Option<String>,
    /// Whether the part was marked for inline display.
    pub inline: bool,
    /// The decoded content. Text parts are UTF-8; a forwarded message is
    /// its raw RFC 5322 source, ready for [`crate::parse`].
    pub data: Vec<u8>,
}

/// Headers that tell whether a message was sent by a machine, used to
/// avoid mail loops with auto-responders and mailing lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoopHeaders {
    /// `Auto-Submitted` (RFC 3834), e.g. `auto-replied`.
    pub auto_submitted: Option<String>,
    /// `Precedence`, e.g. `bulk`, `list`, `junk`.
    pub precedence: Option<String>,
    /// `X-Autoreply`.
    pub x_autoreply: Option<String>,
    /// `X-Autorespond`.
    pub x_autorespond: Option<String>,
    /// Every `X-Loop` header, in order.
    pub x_loop: Vec<String>,
    /// `List-Id`.
    pub list_id: Option<String>,
    /// `Return-Path` without angle brackets; an empty string is the null
    /// sender `<>` of bounces and auto-replies.
    pub return_path: Option<String>,
}

impl LoopHeaders {
    /// Whether an automatic answer to this message should be withheld
    /// (RFC 3834 section 2): it was itself automatic, came from a list, or
    /// has the null sender.
    pub fn suppresses_auto_reply(&self) -> bool {
        let auto = self
            .auto_submitted
            .as_deref()
            .is_some_and(|v| !v.trim().eq_ignore_ascii_case("no"));
        let bulk = self.precedence.as_deref().is_some_and(|v| {
            let v = v.trim().to_ascii_lowercase();
            matches!(v.as_str(), "bulk" | "junk" | "list" | "auto_reply")
        });
        auto || bulk
            || self.x_autoreply.is_some()
            || self.x_autorespond.is_some()
            || self.list_id.is_some()
            || self.return_path.as_deref() == Some("")
    }
}

/// One recipient's entry in a delivery status notification.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeliveryStatus {
    /// `Final-Recipient` (or `Original-Recipient`) without its type prefix.
    pub recipient: String,
    /// `Action`: `failed`, `delayed`, `delivered`, `relayed`, `expanded`.
    pub action: Option<String>,
    /// `Status`, an RFC 3463 code such as `5.1.1`.
    pub status: Option<String>,
    /// `Diagnostic-Code`, as the remote server worded it.
    pub diagnostic: Option<String>,
}

/// What Cairn keeps of an incoming message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedMail {
    /// `Message-ID` without angle brackets.
    pub message_id: Option<String>,
    /// First id of `In-Reply-To`, without angle brackets.
    pub in_reply_to: Option<String>,
    /// Ids of `References`, oldest first, without angle brackets.
    pub references: Vec<String>,
    /// Subject, RFC 2047-decoded.
    pub subject: Option<String>,
    /// First mailbox of `From`.
    pub from: Option<Address>,
    /// `Reply-To` mailboxes.
    pub reply_to: Vec<Address>,
    /// `To` mailboxes (groups flattened).
    pub to: Vec<Address>,
    /// `Cc` mailboxes (groups flattened).
    pub cc: Vec<Address>,
    /// `Date` as Unix seconds, UTC.
    pub date: Option<i64>,
    /// The body as plain text: the text/plain alternative when there is one,
    /// otherwise the HTML rendered as text.
    pub text: String,
    /// Whether [`ParsedMail::text`] was rendered from the HTML body because
    /// the message has no text/plain alternative.
    pub text_from_html: bool,
    /// The HTML body as sent, not sanitised.
    pub html: Option<String>,
    /// Files, inline images and attached messages.
    pub attachments: Vec<Attachment>,
    /// Headers for loop and auto-reply detection.
    pub loop_headers: LoopHeaders,
    /// Whether this is a `multipart/report` (bounce, delay notice, read
    /// receipt).
    pub is_delivery_report: bool,
    /// For reports and bounces: the `Message-ID` of the message the report
    /// is about, without angle brackets.
    pub original_message_id: Option<String>,
    /// Per-recipient results of a delivery status notification.
    pub delivery_status: Vec<DeliveryStatus>,
    /// What was wrong with the message, in plain words; empty when nothing
    /// was.
    pub problems: Vec<String>,
}

/// Parses a raw RFC 5322 message. Never fails and never panics: whatever
/// could not be read is named in [`ParsedMail::problems`].
pub fn parse(raw: &[u8]) -> ParsedMail {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return ParsedMail {
            problems: vec!["the message is empty".to_string()],
            ..ParsedMail::default()
        };
    }
    // mail-parser has debug assertions on states that broken input can
    // reach; a panic there must not take down ingestion.
    match catch_unwind(AssertUnwindSafe(|| parse_inner(raw))) {
        Ok(parsed) => parsed,
        Err(_) => ParsedMail {
            text: plain_body(raw),
            problems: vec!["the MIME parser failed on this message; kept its raw text".to_string()],
            ..ParsedMail::default()
        },
    }
}

/// Whether the first line can open a header block: a field name and a
/// colon, or an mbox envelope line. Anything else is a body without
/// headers, which mail-parser would otherwise swallow as a broken header.
fn starts_with_header(raw: &[u8]) -> bool {
    let raw = raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw);
    let line = raw.split(|&b| b == b'\n').next().unwrap_or(raw);
    if line.starts_with(b"From ") {
        return true;
    }
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return false;
    };
    let name = &line[..colon];
    let name = name.strip_suffix(b" ").unwrap_or(name);
    !name.is_empty() && name.iter().all(|&b| (33..=126).contains(&b))
}

fn parse_inner(raw: &[u8]) -> ParsedMail {
    let mut out = ParsedMail::default();
    if !starts_with_header(raw) {
        out.problems
            .push("no header block found; kept the input as a plain-text body".to_string());
        out.text = plain_body(raw);
        return out;
    }
    // A header block cut off before its line end would be dropped whole.
    let owned;
    let raw = if raw.ends_with(b"\n") {
        raw
    } else {
        owned = [raw, b"\r\n"].concat();
        &owned
    };
    let Some(message) = MessageParser::default().parse(raw) else {
        out.problems
            .push("no header block found; kept the input as a plain-text body".to_string());
        out.text = plain_body(raw);
        return out;
    };
    if message.headers().is_empty() {
        out.problems.push("the message has no headers".to_string());
    }

    out.message_id = message
        .message_id()
        .map(clean_id)
        .or_else(|| message.header_raw(HeaderName::MessageId).map(clean_id))
        .filter(|id| !id.is_empty());
    if out.message_id.is_none() {
        out.problems.push("missing Message-ID".to_string());
    }
    out.in_reply_to = ids(message.in_reply_to()).into_iter().next();
    out.references = ids(message.references());
    out.subject = message.subject().map(|s| s.trim().to_string());

    let from = addresses(message.from());
    if from.is_empty() {
        out.problems
            .push(if message.header(HeaderName::From).is_some() {
                "From has no readable address".to_string()
            } else {
                "missing From".to_string()
            });
    }
    out.from = from.into_iter().next();
    out.reply_to = addresses(message.reply_to());
    out.to = addresses(message.to());
    out.cc = addresses(message.cc());

    match message.date() {
        Some(date) if date.is_valid() => out.date = Some(date.to_timestamp()),
        Some(_) => out
            .problems
            .push("the Date header is not a valid date".to_string()),
        None if message.header_raw(HeaderName::Date).is_some() => out
            .problems
            .push("the Date header could not be parsed".to_string()),
        None => out.problems.push("missing Date".to_string()),
    }

    out.loop_headers = loop_headers(&message);
    read_bodies(&message, &mut out);
    read_attachments(&message, &mut out);
    read_report(&message, &mut out);
    out
}

fn strip_angles(s: &str) -> String {
    s.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

/// A message id without angle brackets, comments or the whitespace that
/// RFC 5322's obsolete syntax allows around its parts.
fn clean_id(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut comment = 0usize;
    for c in strip_angles(s).chars() {
        match c {
            '(' => comment += 1,
            ')' if comment > 0 => comment -= 1,
            _ if comment > 0 || c.is_whitespace() => {}
            _ => out.push(c),
        }
    }
    out
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let raw: Vec<&str> = match value {
        HeaderValue::Text(t) => vec![t.as_ref()],
        HeaderValue::TextList(list) => list.iter().map(|t| t.as_ref()).collect(),
        _ => Vec::new(),
    };
    raw.into_iter()
        .map(clean_id)
        .filter(|id| !id.is_empty())
        .collect()
}

fn addresses(value: Option<&MpAddress<'_>>) -> Vec<Address> {
    let Some(value) = value else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for addr in value.iter() {
        let Some(raw) = addr.address.as_deref() else {
            continue;
        };
        let name = addr
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty() && *n != raw.trim())
            .map(str::to_string);
        for (email, leftover) in split_address(raw) {
            out.push(Address {
                email,
                name: name.clone().or(leftover),
            });
        }
    }
    out
}

/// Repairs what lenient parsing leaves in an address: several addresses
/// run together without commas are split, a display name written without
/// angle brackets (`Big Bug bb@bug.com`) is separated from the address, and
/// whitespace inside one address (obsolete syntax, `jdoe@machine. example`)
/// is dropped.
fn split_address(raw: &str) -> Vec<(String, Option<String>)> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Vec::new();
    }
    if !raw.contains(char::is_whitespace) {
        return vec![(raw.to_string(), None)];
    }
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    let at_tokens: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens[i].contains('@'))
        .collect();
    if at_tokens.len() > 1 {
        return at_tokens
            .iter()
            .map(|&i| (tokens[i].to_string(), None))
            .collect();
    }
    let whole = |i: usize| {
        let t = tokens[i];
        let (local, domain) = t.split_once('@').unwrap_or(("", ""));
        !local.is_empty()
            && domain.contains('.')
            && !domain.ends_with('.')
            && !tokens.get(i + 1).is_some_and(|n| n.starts_with('.'))
    };
    match at_tokens.first() {
        Some(&i) if whole(i) && i + 1 == tokens.len() && i > 0 => {
            vec![(tokens[i].to_string(), Some(tokens[..i].join(" ")))]
        }
        _ => vec![(tokens.concat(), None)],
    }
}

/// Unfolded, trimmed raw value of every instance of a header.
fn raw_headers(message: &Message<'_>, name: &str) -> Vec<String> {
    message
        .headers_raw()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| {
            v.split(['\r', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn loop_headers(message: &Message<'_>) -> LoopHeaders {
    let first = |name: &str| raw_headers(message, name).into_iter().next();
    LoopHeaders {
        auto_submitted: first("Auto-Submitted"),
        precedence: first("Precedence"),
        x_autoreply: first("X-Autoreply"),
        x_autorespond: first("X-Autorespond"),
        x_loop: raw_headers(message, "X-Loop"),
        list_id: first("List-Id"),
        return_path: first("Return-Path").map(|v| strip_angles(&v)),
    }
}

fn content_type(part: &MessagePart<'_>) -> String {
    part.content_type().map_or_else(
        || match part.body {
            PartType::Message(_) => "message/rfc822".to_string(),
            PartType::Text(_) => "text/plain".to_string(),
            PartType::Html(_) => "text/html".to_string(),
            _ => "application/octet-stream".to_string(),
        },
        |ct| {
            let sub = ct.subtype().unwrap_or("octet-stream");
            format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase()
        },
    )
}

/// Notes charsets that mail-parser silently read as UTF-8, and text that
/// came out with replacement characters.
fn check_text_part(index: u32, part: &MessagePart<'_>, text: &str, out: &mut ParsedMail) {
    if let Some(charset) = part.content_type().and_then(|ct| ct.attribute("charset")) {
        let known = charset_decoder(charset.as_bytes()).is_some()
            || matches!(
                charset.to_ascii_lowercase().as_str(),
                "utf-8" | "utf8" | "us-ascii" | "ascii"
            );
        if !known {
            out.problems.push(format!(
                "part {index}: unknown charset {charset:?}, read as UTF-8"
            ));
        }
    }
    if text.contains('\u{fffd}') {
        out.problems.push(format!(
            "part {index}: some bytes were invalid in the declared charset"
        ));
    }
}

fn is_flowed(part: &MessagePart<'_>) -> (bool, bool) {
    let Some(ct) = part.content_type() else {
        return (false, false);
    };
    let flowed = ct
        .attribute("format")
        .is_some_and(|f| f.eq_ignore_ascii_case("flowed"));
    let delsp = ct
        .attribute("delsp")
        .is_some_and(|d| d.eq_ignore_ascii_case("yes"));
    (flowed, delsp)
}

/// Joins the soft line breaks of `format=flowed` text (RFC 3676), so that
/// paragraphs read as written. Quote depth is respected: lines only join
/// lines of the same depth.
fn unflow(text: &str, delsp: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<usize> = None;
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let depth = line.bytes().take_while(|&b| b == b'>').count();
        let mut content = &line[depth..];
        content = content.strip_prefix(' ').unwrap_or(content);
        let soft = content.ends_with(' ') && content != "-- ";
        match open {
            Some(d) if d == depth => {}
            Some(_) => {
                out.push('\n');
                out.push_str(&">".repeat(depth));
                if depth > 0 {
                    out.push(' ');
                }
            }
            None => {
                out.push_str(&">".repeat(depth));
                if depth > 0 {
                    out.push(' ');
                }
            }
        }
        if soft {
            let kept = if delsp {
                &content[..content.len() - 1]
            } else {
                content
            };
            out.push_str(kept);
            open = Some(depth);
        } else {
            out.push_str(content);
            out.push('\n');
            open = None;
        }
    }
    if out.ends_with('\n') {
        out.pop();
    }
    out
}

fn read_bodies(message: &Message<'_>, out: &mut ParsedMail) {
    let mut texts = Vec::new();
    for &id in &message.text_body {
        let Some(part) = message.parts.get(id as usize) else {
            continue;
        };
        match &part.body {
            PartType::Text(text) => {
                check_text_part(id, part, text, out);
                let (flowed, delsp) = is_flowed(part);
                texts.push(if flowed {
                    unflow(text, delsp)
                } else {
                    text.to_string()
                });
            }
            PartType::Html(html) => {
                check_text_part(id, part, html, out);
                texts.push(html_to_text(html));
                out.text_from_html = true;
            }
            _ => {}
        }
        if part.is_encoding_problem {
            out.problems
                .push(format!("part {id}: body could not be decoded cleanly"));
        }
    }
    let mut htmls = Vec::new();
    for &id in &message.html_body {
        if let Some(PartType::Html(html)) = message.parts.get(id as usize).map(|p| &p.body) {
            htmls.push(html.to_string());
        }
    }
    out.text = texts
        .join("\n\n")
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim_end()
        .to_string();
    out.html = (!htmls.is_empty()).then(|| htmls.join("\n"));
    let is_report = message.root_part().content_type().is_some_and(|ct| {
        ct.subtype()
            .is_some_and(|sub| sub.eq_ignore_ascii_case("report"))
    });
    if out.text.trim().is_empty()
        && let Some(html) = &out.html
    {
        // mail-parser leaves the text list empty in some nestings of
        // multipart/related inside multipart/alternative.
        out.text = html_to_text(html);
        out.text_from_html = true;
    }
    if out.text.trim().is_empty() && out.html.is_none() && !is_report {
        // A message forwarded as an attachment without comment: its text
        // is what the sender meant to show.
        let nested = message.attachments.iter().find_map(|&id| {
            match message.parts.get(id as usize).map(|p| &p.body) {
                Some(PartType::Message(m)) => Some(m),
                _ => None,
            }
        });
        if let Some(nested) = nested {
            let mut inner = ParsedMail::default();
            read_bodies(nested, &mut inner);
            out.text = inner.text;
            out.text_from_html = inner.text_from_html;
        }
    }
}

fn read_attachments(message: &Message<'_>, out: &mut ParsedMail) {
    for &id in &message.attachments {
        let Some(part) = message.parts.get(id as usize) else {
            continue;
        };
        let content_type = content_type(part);
        if content_type.starts_with("multipart/") {
            // A multipart whose boundary never appears: structure, not a file.
            out.problems.push(format!(
                "part {id}: {content_type} without its boundary; its content is lost"
            ));
            continue;
        }
        let data = match &part.body {
            PartType::Binary(b) | PartType::InlineBinary(b) => b.to_vec(),
            PartType::Text(t) | PartType::Html(t) => t.as_bytes().to_vec(),
            PartType::Message(m) => m.raw_message().to_vec(),
            PartType::Multipart(_) => continue,
        };
        if part.is_encoding_problem {
            out.problems.push(format!(
                "part {id}: attachment could not be decoded cleanly; kept its raw bytes"
            ));
        }
        let inline = matches!(part.body, PartType::InlineBinary(_))
            || part.content_disposition().is_some_and(|d| d.is_inline());
        out.attachments.push(Attachment {
            filename: part
                .attachment_name()
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            content_type,
            content_id: part
                .content_id()
                .map(strip_angles)
                .filter(|c| !c.is_empty()),
            inline,
            data,
        });
    }
}

fn read_report(message: &Message<'_>, out: &mut ParsedMail) {
    let root = message.root_part();
    out.is_delivery_report = root.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });

    for part in message.parts.iter().skip(1) {
        let ctype = content_type(part);
        let known = out.original_message_id.is_some();
        match ctype.as_str() {
            "message/delivery-status" | "message/global-delivery-status" => {
                out.delivery_status.extend(delivery_status(part.contents()));
            }
            "message/disposition-notification" if !known => {
                out.original_message_id =
                    field_value(part.contents(), "original-message-id").map(|v| clean_id(&v));
            }
            "text/rfc822-headers" | "message/rfc822-headers" | "message/global-headers"
                if !known =>
            {
                out.original_message_id = MessageParser::default()
                    .parse_headers(part.contents())
                    .and_then(|m| m.message_id().map(clean_id));
            }
            _ => {}
        }
        if let PartType::Message(nested) = &part.body
            && out.is_delivery_report
            && out.original_message_id.is_none()
        {
            out.original_message_id = nested.message_id().map(clean_id);
        }
    }

    // Bounces that are not multipart/report (qmail, older Exchange) quote
    // the original headers in their text.
    let from_daemon = out.from.as_ref().is_some_and(|a| {
        let local = a.email.split('@').next().unwrap_or("").to_ascii_lowercase();
        matches!(local.as_str(), "mailer-daemon" | "postmaster")
    });
    if out.original_message_id.is_none() && (out.is_delivery_report || from_daemon) {
        out.original_message_id = out
            .text
            .lines()
            .filter_map(|l| {
                let l = l.trim_start_matches(['>', ' ']);
                let (name, value) = l.split_once(':')?;
                name.trim()
                    .eq_ignore_ascii_case("message-id")
                    .then(|| clean_id(value))
            })
            .find(|id| !id.is_empty() && Some(id) != out.message_id.as_ref());
    }
    if out.is_delivery_report && out.original_message_id.is_none() {
        out.problems
            .push("delivery report without the original Message-ID".to_string());
    }
}

/// Reads the first value of a `Name: value` field in a report body.
fn field_value(body: &[u8], wanted: &str) -> Option<String> {
    String::from_utf8_lossy(body).lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case(wanted)
            .then(|| value.trim().to_string())
    })
}

/// Parses the per-recipient blocks of a message/delivery-status body.
fn delivery_status(body: &[u8]) -> Vec<DeliveryStatus> {
    let text = String::from_utf8_lossy(body);
    let mut statuses = Vec::new();
    let mut current: Option<DeliveryStatus> = None;
    let mut last_field = String::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            // Folded continuation of the previous field.
            if last_field == "diagnostic-code"
                && let Some(d) = current.as_mut().and_then(|c| c.diagnostic.as_mut())
            {
                d.push(' ');
                d.push_str(line.trim());
            }
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim();
        // Keep the address, drop the "rfc822;" address type.
        let address = || {
            let v = value.split_once(';').map_or(value, |(_, a)| a);
            strip_angles(v)
        };
        match name.as_str() {
            "final-recipient" => {
                if let Some(done) = current.take() {
                    statuses.push(done);
                }
                current = Some(DeliveryStatus {
                    recipient: address(),
                    ..DeliveryStatus::default()
                });
            }
            "original-recipient" if current.is_none() => {
                current = Some(DeliveryStatus {
                    recipient: address(),
                    ..DeliveryStatus::default()
                });
            }
            "action" => {
                if let Some(c) = current.as_mut() {
                    c.action = Some(value.to_ascii_lowercase());
                }
            }
            "status" => {
                if let Some(c) = current.as_mut() {
                    c.status = Some(value.split_whitespace().next().unwrap_or("").to_string());
                }
            }
            "diagnostic-code" => {
                if let Some(c) = current.as_mut() {
                    let v = value.split_once(';').map_or(value, |(_, d)| d);
                    c.diagnostic = Some(v.trim().to_string());
                }
            }
            _ => {}
        }
        last_field = name;
    }
    statuses.extend(current);
    statuses
}

/// A body kept as raw text when no MIME structure could be read: decoded
/// like [`decode_unlabelled`], with the line ends and trailing whitespace
/// of [`ParsedMail::text`] everywhere else.
fn plain_body(raw: &[u8]) -> String {
    decode_unlabelled(raw)
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim_end()
        .to_string()
}

/// Decodes bytes that carry no charset label: UTF-8 when valid, else
/// Windows-1252, the usual encoding of unlabelled Western mail.
pub(crate) fn decode_unlabelled(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => match charset_decoder(b"windows-1252") {
            Some(decode) => decode(raw),
            None => String::from_utf8_lossy(raw).into_owned(),
        },
    }
}

/// Known header names; the first header of a message is nearly always one
/// of these, while a plain-text body almost never starts with one of them
/// followed by a colon.
const KNOWN_HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "message-id",
    "received",
    "return-path",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "delivered-to",
    "reply-to",
    "sender",
    "in-reply-to",
    "references",
    "dkim-signature",
    "authentication-results",
    "arc-seal",
    "x-mailer",
    "user-agent",
    "x-original-to",
    "envelope-to",
    "x-received",
    "list-id",
    "precedence",
    "auto-submitted",
];

/// Headers that by themselves show a message rather than prose.
const DECISIVE_HEADERS: &[&str] = &[
    "from",
    "received",
    "return-path",
    "message-id",
    "mime-version",
    "delivered-to",
    "content-type",
    "dkim-signature",
    "x-received",
    "arc-seal",
];

/// Whether `bytes` start with an RFC 5322 header block, as opposed to a
/// plain-text body. Used by `cairn mail reply FILE`, where a file without
/// headers is the body itself.
pub fn looks_like_headers(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(256 * 1024)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut fields = 0;
    let mut known = 0;
    let mut decisive = false;
    let mut first = true;
    for line in lines.by_ref() {
        if line.is_empty() {
            break;
        }
        if first && line.starts_with("From ") {
            // mbox files put a "From " envelope line before the headers.
            first = false;
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if fields == 0 {
                return false;
            }
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        let valid_name =
            !name.is_empty() && name.bytes().all(|b| (33..=126).contains(&b) && b != b':');
        if !valid_name {
            return false;
        }
        let lower = name.to_ascii_lowercase();
        fields += 1;
        if KNOWN_HEADERS.contains(&lower.as_str()) || lower.starts_with("x-") {
            known += 1;
        }
        decisive |= DECISIVE_HEADERS.contains(&lower.as_str());
        first = false;
    }
    known >= 1 && (fields >= 2 || decisive)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_versus_bodies() {
        assert!(looks_like_headers(
            b"From: a@example.com\r\nSubject: hi\r\n\r\nbody"
        ));
        assert!(looks_like_headers(
            b"Received: from x\n\tby y\nFrom: a@b.c\n\nbody"
        ));
        assert!(looks_like_headers(
            b"From a@b Mon Jan  1 00:00:00 2024\nFrom: a@b.c\nTo: d@e.f\n\nx"
        ));
        assert!(looks_like_headers(b"Message-ID: <x@y>\n\nbody"));
        assert!(!looks_like_headers(b"Hi there,\nthanks for the order.\n"));
        assert!(!looks_like_headers(b"Note: please call me\n\nThanks"));
        assert!(!looks_like_headers(b"> From: someone\n> quoted\n\nreply"));
        assert!(!looks_like_headers(
            b"On Mon, Jan 1, 2024, A <a@b.c> wrote:\n> x"
        ));
        assert!(!looks_like_headers(b""));
    }

    #[test]
    fn flowed_text_is_joined() {
        assert_eq!(
            unflow("Hello \r\nworld\r\n> a \n> b\n-- \nsig", false),
            "Hello world\n> a b\n-- \nsig"
        );
        assert_eq!(unflow("Hel \nlo", true), "Hello");
    }

    #[test]
    fn delivery_status_blocks() {
        let body = b"Reporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1 (bad)\nDiagnostic-Code: smtp; 550 no\n  such user\n\nFinal-Recipient: rfc822;<b@example.com>\nAction: delayed\nStatus: 4.2.2\n";
        let s = delivery_status(body);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].recipient, "a@example.com");
        assert_eq!(s[0].status.as_deref(), Some("5.1.1"));
        assert_eq!(s[0].diagnostic.as_deref(), Some("550 no such user"));
        assert_eq!(s[1].recipient, "b@example.com");
        assert_eq!(s[1].action.as_deref(), Some("delayed"));
    }

    #[test]
    fn loop_headers_suppress_auto_replies() {
        let mail =
            parse(b"From: a@b.c\r\nAuto-Submitted: auto-replied\r\nReturn-Path: <>\r\n\r\nx");
        assert_eq!(
            mail.loop_headers.auto_submitted.as_deref(),
            Some("auto-replied")
        );
        assert_eq!(mail.loop_headers.return_path.as_deref(), Some(""));
        assert!(mail.loop_headers.suppresses_auto_reply());
        let mail = parse(b"From: a@b.c\r\nAuto-Submitted: no\r\n\r\nx");
        assert!(!mail.loop_headers.suppresses_auto_reply());
    }

    #[test]
    fn basic_fields() {
        let raw = b"From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.com>\r\nTo: a@example.com, B <b@example.com>\r\nSubject: =?ISO-8859-1?Q?Gr=FC=DFe?=\r\nDate: Mon, 1 Jan 2024 10:00:00 +0100\r\nMessage-ID: <abc@example.com>\r\nIn-Reply-To: <prev@example.com>\r\nReferences: <first@example.com> <prev@example.com>\r\n\r\nHallo\r\n";
        let mail = parse(raw);
        assert_eq!(mail.message_id.as_deref(), Some("abc@example.com"));
        assert_eq!(mail.in_reply_to.as_deref(), Some("prev@example.com"));
        assert_eq!(mail.references, ["first@example.com", "prev@example.com"]);
        assert_eq!(mail.subject.as_deref(), Some("Grüße"));
        let from = mail.from.clone().unwrap_or_default();
        assert_eq!(from.email, "j@example.com");
        assert_eq!(from.name.as_deref(), Some("Jürgen"));
        assert_eq!(mail.to.len(), 2);
        assert_eq!(mail.date, Some(1_704_099_600));
        assert_eq!(mail.text, "Hallo");
        assert!(mail.problems.is_empty(), "{:?}", mail.problems);
    }

    #[test]
    fn garbage_is_reported_not_fatal() {
        let mail = parse(b"\x00\x01\x02 not a message");
        assert!(!mail.problems.is_empty());
        let mail = parse(b"just some text\nmore");
        assert_eq!(mail.text, "just some text\nmore");
        assert!(mail.problems[0].contains("no header block"));
        let mail = parse(b"Subject: cut off");
        assert_eq!(mail.subject.as_deref(), Some("cut off"));
        let mail = parse(b"");
        assert_eq!(mail.problems, ["the message is empty"]);
    }
}
