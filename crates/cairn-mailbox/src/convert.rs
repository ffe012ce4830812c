//! Pure conversions between raw mail and interchange records: an incoming message becomes a
//! [`MessageRecord`] plus what the mailbox bookkeeping keeps about it, and an answer from the
//! outbox becomes the raw RFC 5322 message we send.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cairn_domain::identity::relay_of_email;
use cairn_domain::model::Direction;
use cairn_domain::records::{MessageRecord, Party};
use cairn_domain::{Channel, Marketplace};
use cairn_store::{MarketplaceNotice, MessageAttachments, NewAttachment, OutboxItem, ReceivedMail};
use jiff::Timestamp;
use sha2::{Digest, Sha256};

/// `<id>` as stored in `external_id` and written in headers.
pub fn bracket(id: &str) -> String {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    format!("<{id}>")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    cairn_domain::events::hex(&Sha256::digest(bytes))
}

/// The thread key our ticket token in a subject stands for (`[#T123]` → `ticket:123`).
pub fn thread_of_subject(subject: &str) -> Option<String> {
    let start = subject.find("[#T")? + 3;
    let rest = &subject[start..];
    let end = rest.find(']')?;
    let digits = &rest[..end];
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("ticket:{digits}"))
}

/// The thread key of an email conversation by its subject, for mail whose client sent no
/// usable References: the customer's address and the subject without reply and forward
/// prefixes in any language (`AW:`, `RIF:`, `SV:`…), so "AW: Lieferung" joins "Lieferung" of
/// the same person — and never another person's mail with the same subject.
pub fn subject_thread(
    channel: Channel,
    counterpart: Option<&str>,
    subject: Option<&str>,
) -> Option<String> {
    if channel != Channel::Email {
        // Marketplace relays thread by relay sender and order.
        return None;
    }
    let base = cairn_mail::base_subject(subject?);
    if base.chars().count() < 3 {
        return None;
    }
    Some(format!("subject:{}:{base}", counterpart?))
}

pub fn ticket_thread(ticket: cairn_domain::TicketId) -> String {
    format!("ticket:{ticket}")
}

/// Where a fetched message came from.
#[derive(Clone, Debug)]
pub struct Origin<'a> {
    /// The mailbox's own address: mail from it is our own (outbound).
    pub address: &'a str,
    pub folder: &'a str,
    pub uidvalidity: i64,
    pub uid: i64,
}

/// A received message, ready for ingest.
#[derive(Clone, Debug)]
pub struct Incoming {
    pub record: MessageRecord,
    pub received: ReceivedMail,
    /// For a bounce of one of our messages: that message's id and why delivery failed.
    pub bounce_of: Option<(String, String)>,
    /// The message's attachments (none when only its header was fetched).
    pub attachments: MessageAttachments,
    /// When the mail is a marketplace's own notice (a return request, an A-to-z claim,
    /// feedback…): the event to record instead of a customer ticket.
    pub notice: Option<MarketplaceNotice>,
}

/// Turns a raw message into a record. `raw` is the whole message, or only its header when the
/// message was over the size limit (`oversize` = its real size).
pub fn incoming(
    raw: &[u8],
    origin: &Origin<'_>,
    oversize: Option<(i64, i64)>,
    now: Timestamp,
) -> Incoming {
    let mail = cairn_mail::parse(raw);
    let hash = sha256_hex(raw);
    let external_id = match &mail.message_id {
        Some(id) if !id.trim().is_empty() => bracket(id),
        // No Message-ID: the content stands in, so a rescan finds the same message again.
        _ => format!("<{hash}@no-message-id.cairn.invalid>"),
    };
    let from_email = mail
        .from
        .as_ref()
        .map(|a| a.email.trim().to_ascii_lowercase());
    let own = from_email
        .as_deref()
        .is_some_and(|f| f.eq_ignore_ascii_case(origin.address.trim()));
    let direction = if own {
        Direction::Outbound
    } else {
        Direction::Inbound
    };
    let to = mail.to.first().map(|a| a.email.clone());
    let counterpart = match direction {
        Direction::Inbound => from_email.clone(),
        Direction::Outbound => to.clone(),
    };
    let relay = counterpart.as_deref().and_then(relay_of_email);
    let channel = relay.as_ref().map_or(Channel::Email, |r| r.0);
    let marketplace = relay
        .as_ref()
        .and_then(|r| r.2.as_deref())
        .and_then(|m| Marketplace::parse(m).ok());

    let text = match oversize {
        Some((size, limit)) => format!(
            "[This message is {size} bytes, over the mailbox's limit of {limit} bytes; it was not downloaded. Open it in the mailbox itself.]"
        ),
        None => {
            let reply = match (&mail.html, mail.text_from_html) {
                (Some(html), true) => cairn_mail::extract_reply_html(html),
                _ => cairn_mail::extract_reply(&mail.text),
            };
            let visible = reply.visible.trim();
            if !visible.is_empty() {
                visible.to_string()
            } else if !mail.text.trim().is_empty() {
                mail.text.trim().to_string()
            } else {
                "(no text)".to_string()
            }
        }
    };
    let references: Vec<String> = mail.references.iter().map(|r| bracket(r)).collect();
    // A bounce of our own message belongs to the conversation of that message.
    let bounce_of = mail
        .original_message_id
        .as_deref()
        .map(bracket)
        .filter(|id| {
            (mail.is_delivery_report || mail.loop_headers.return_path.as_deref() == Some(""))
                && id.starts_with("<cairn.")
        })
        .map(|id| {
            let why = mail
                .delivery_status
                .iter()
                .map(|d| {
                    format!(
                        "{} {} {}",
                        d.recipient,
                        d.status.as_deref().unwrap_or_default(),
                        d.diagnostic.as_deref().unwrap_or_default()
                    )
                    .trim()
                    .to_string()
                })
                .collect::<Vec<_>>()
                .join("; ");
            (
                id,
                if why.is_empty() {
                    "bounced".to_string()
                } else {
                    format!("bounced: {why}")
                },
            )
        });
    let in_reply_to = match &bounce_of {
        Some((id, _)) => Some(id.clone()),
        None => mail
            .in_reply_to
            .as_deref()
            .map(bracket)
            .or_else(|| references.last().cloned()),
    };
    let received_at = mail
        .date
        .and_then(|s| Timestamp::from_second(s).ok())
        .filter(|t| *t <= now)
        .unwrap_or(now);

    let lh = &mail.loop_headers;
    let mut loop_reasons = Vec::new();
    if lh.suppresses_auto_reply() {
        loop_reasons.push("auto-submitted, bulk or list mail".to_string());
    }
    if !lh.x_loop.is_empty() {
        loop_reasons.push("X-Loop".to_string());
    }
    if from_email
        .as_deref()
        .is_some_and(|f| f.starts_with("mailer-daemon@") || f.starts_with("postmaster@"))
    {
        loop_reasons.push("from MAILER-DAEMON".to_string());
    }
    if mail.is_delivery_report {
        loop_reasons.push("delivery report".to_string());
    }
    if external_id.starts_with("<cairn.") && !own {
        loop_reasons.push("carries our own Message-ID".to_string());
    }

    let record = MessageRecord {
        channel,
        marketplace,
        external_id: external_id.clone(),
        thread_id: mail
            .subject
            .as_deref()
            .and_then(thread_of_subject)
            .or_else(|| subject_thread(channel, counterpart.as_deref(), mail.subject.as_deref())),
        in_reply_to,
        received_at,
        direction,
        from: Party {
            email: from_email,
            name: mail.from.as_ref().and_then(|a| a.name.clone()),
        },
        to,
        subject: mail.subject.clone(),
        text,
        html: if oversize.is_some() {
            None
        } else {
            mail.html.clone()
        },
        order_id: None,
        understanding: None,
    };
    let notice = (direction == Direction::Inbound && oversize.is_none())
        .then(|| cairn_mail::classify_relay(&mail))
        .and_then(|relay| match relay.kind {
            cairn_mail::RelayKind::Notice(kind) => Some(MarketplaceNotice {
                channel: channel.as_str().to_string(),
                external_id: external_id.clone(),
                kind: notice_kind(kind).to_string(),
                site: relay.site,
                order_ref: relay.order_number,
                subject: mail.subject.clone(),
                evidence: relay.evidence,
                received_at,
            }),
            _ => None,
        });
    let attachments = MessageAttachments {
        channel: channel.as_str().to_string(),
        external_id: external_id.clone(),
        attachments: mail
            .attachments
            .into_iter()
            .map(|a| NewAttachment {
                filename: a.filename,
                content_type: a.content_type,
                content_id: a.content_id,
                inline: a.inline,
                data: a.data,
            })
            .collect(),
    };
    let received = ReceivedMail {
        channel: channel.as_str().to_string(),
        external_id,
        folder: origin.folder.to_string(),
        uidvalidity: origin.uidvalidity,
        uid: origin.uid,
        raw_sha256: oversize.is_none().then_some(hash),
        size_bytes: oversize.map_or(raw.len() as i64, |(s, _)| s),
        oversize: oversize.is_some(),
        auto_reply_suppressed: !loop_reasons.is_empty(),
        loop_reasons,
        references,
    };
    Incoming {
        record,
        received,
        bounce_of,
        attachments,
        notice,
    }
}

/// The stored name of a notice kind.
fn notice_kind(kind: cairn_mail::NoticeKind) -> &'static str {
    use cairn_mail::NoticeKind as K;
    match kind {
        K::ReturnRequest => "return_request",
        K::Claim => "claim",
        K::Chargeback => "chargeback",
        K::Feedback => "feedback",
        K::CancellationRequest => "cancellation_request",
        K::Refund => "refund",
        K::Order => "order",
        K::Other => "other",
    }
}

/// RFC 2047 for a header value that is not plain ASCII.
fn encode_header(value: &str) -> String {
    let clean: String = value.chars().filter(|c| *c != '\r' && *c != '\n').collect();
    if clean.is_ascii() {
        clean
    } else {
        format!("=?utf-8?b?{}?=", STANDARD.encode(clean.as_bytes()))
    }
}

/// The raw message for an outbox item, as sent and as appended to the Sent folder.
pub fn compose(item: &OutboxItem, now: Timestamp) -> String {
    let mut out = String::new();
    let mut header = |name: &str, value: &str| {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    };
    header("Message-ID", &item.message_id);
    header(
        "Date",
        &jiff::fmt::rfc2822::DateTimePrinter::new()
            .timestamp_to_string(&now)
            .unwrap_or_default()
            .replace(" -0000", " +0000"),
    );
    header("From", item.from_addr.as_deref().unwrap_or_default());
    header("To", item.to_addr.as_deref().unwrap_or_default());
    header(
        "Subject",
        &encode_header(item.subject.as_deref().unwrap_or_default()),
    );
    if let Some(irt) = &item.in_reply_to {
        header("In-Reply-To", irt);
    }
    if !item.references.is_empty() {
        header("References", &item.references.join(" "));
    }
    header("MIME-Version", "1.0");
    header("Content-Type", "text/plain; charset=utf-8");
    header("Content-Transfer-Encoding", "base64");
    header("X-Cairn-Ticket", &item.ticket_id.to_string());
    out.push_str("\r\n");
    let body = item.body_text.replace("\r\n", "\n").replace('\n', "\r\n");
    let encoded = STANDARD.encode(body.as_bytes());
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push_str("\r\n");
    }
    out
}

/// The outbound record an outbox item becomes once sent.
pub fn outbound(item: &OutboxItem, sent_at: Timestamp) -> MessageRecord {
    let channel = Channel::parse(&item.channel).unwrap_or(Channel::Email);
    MessageRecord {
        channel,
        marketplace: None,
        external_id: item.message_id.clone(),
        thread_id: Some(ticket_thread(item.ticket_id)),
        in_reply_to: item.in_reply_to.clone(),
        received_at: sent_at,
        direction: Direction::Outbound,
        from: Party {
            email: item.from_addr.clone(),
            name: None,
        },
        to: item.to_addr.clone(),
        subject: item.subject.clone(),
        text: item.body_text.clone(),
        html: None,
        order_id: None,
        understanding: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin<'static> {
        Origin {
            address: "shop@cairn.test",
            folder: "INBOX",
            uidvalidity: 1,
            uid: 5,
        }
    }

    #[test]
    fn amazon_relay_reply_with_quote() {
        let raw = b"From: Jana <k3x9@marketplace.amazon.de>\r\nTo: shop@cairn.test\r\nSubject: Re: Bestellung 302-4417789-6651234 [#T42]\r\nMessage-ID: <abc@amazon.de>\r\nIn-Reply-To: <cairn.1.t42@cairn.test>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nWo ist mein Paket?\r\n\r\nAm 1. Nov. 2026 schrieb Shop:\r\n> Versendet.\r\n";
        let inc = incoming(raw, &origin(), None, Timestamp::now());
        assert_eq!(inc.record.channel, Channel::Amazon);
        assert_eq!(
            inc.record.marketplace.as_ref().map(|m| m.as_str()),
            Some("amazon.de")
        );
        assert_eq!(inc.record.external_id, "<abc@amazon.de>");
        assert_eq!(
            inc.record.in_reply_to.as_deref(),
            Some("<cairn.1.t42@cairn.test>")
        );
        assert_eq!(inc.record.thread_id.as_deref(), Some("ticket:42"));
        assert_eq!(inc.record.text, "Wo ist mein Paket?");
        assert_eq!(inc.record.direction, Direction::Inbound);
        assert!(!inc.received.auto_reply_suppressed);
    }

    #[test]
    fn subjects_thread_per_person_across_reply_prefixes() {
        let mail = |from: &str, subject: &str, id: &str| {
            format!(
                "From: {from}\r\nTo: shop@cairn.test\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\n\r\nText\r\n"
            )
        };
        let key = |raw: String| {
            incoming(raw.as_bytes(), &origin(), None, Timestamp::now())
                .record
                .thread_id
        };
        let first = key(mail("ana@example.es", "Pedido sin llegar", "1@x"));
        assert_eq!(
            first.as_deref(),
            Some("subject:ana@example.es:pedido sin llegar")
        );
        assert_eq!(
            key(mail("ana@example.es", "RE: Pedido sin llegar", "2@x")),
            first
        );
        assert_eq!(
            key(mail("Ana@Example.es", "Fwd: RV: pedido  sin llegar", "3@x")),
            first
        );
        assert_ne!(
            key(mail("otro@example.es", "RE: Pedido sin llegar", "4@x")),
            first
        );
        // Our ticket token wins over the subject.
        assert_eq!(
            key(mail("ana@example.es", "RE: Pedido sin llegar [#T7]", "5@x")).as_deref(),
            Some("ticket:7")
        );
        // Too little to go on, and relays thread by order instead.
        assert_eq!(key(mail("ana@example.es", "Re: ?", "6@x")), None);
        assert_eq!(
            key(mail(
                "k3x9@marketplace.amazon.de",
                "Re: Pedido sin llegar",
                "7@x"
            )),
            None
        );
    }

    #[test]
    fn loops_and_own_mail() {
        let raw = b"From: MAILER-DAEMON@mx.example\r\nTo: shop@cairn.test\r\nSubject: Undeliverable\r\nAuto-Submitted: auto-replied\r\n\r\nGone.\r\n";
        let inc = incoming(raw, &origin(), None, Timestamp::now());
        assert!(inc.received.auto_reply_suppressed);
        assert!(
            inc.record
                .external_id
                .ends_with("@no-message-id.cairn.invalid>")
        );
        let own = b"From: shop@cairn.test\r\nTo: a@b.example\r\nMessage-ID: <cairn.9.t1@cairn.test>\r\n\r\nHi\r\n";
        let inc = incoming(own, &origin(), None, Timestamp::now());
        assert_eq!(inc.record.direction, Direction::Outbound);
    }

    #[test]
    fn a_bounce_of_our_answer_points_at_it() {
        let raw = b"From: MAILER-DAEMON@mx.example\r\nTo: shop@cairn.test\r\nSubject: Undelivered Mail\r\nMessage-ID: <b1@mx.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; gone@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 no such user\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <cairn.5.t9@cairn.test>\r\nSubject: Re: x [#T9]\r\n--B--\r\n";
        let inc = incoming(raw, &origin(), None, Timestamp::now());
        let (id, why) = inc.bounce_of.expect("bounce recognised");
        assert_eq!(id, "<cairn.5.t9@cairn.test>");
        assert!(why.contains("5.1.1"), "{why}");
        assert_eq!(
            inc.record.in_reply_to.as_deref(),
            Some("<cairn.5.t9@cairn.test>")
        );
        assert!(inc.received.auto_reply_suppressed);
    }

    #[test]
    fn attachments_come_along_with_the_record() {
        let raw = b"From: Kim <kim@example.com>\r\nTo: shop@cairn.test\r\nSubject: Foto\r\nMessage-ID: <att@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Kaputt: <img src=\"cid:pic1@example.com\"></p>\r\n--B\r\nContent-Type: image/png\r\nContent-ID: <pic1@example.com>\r\nContent-Disposition: inline; filename=\"kaputt.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--B\r\nContent-Type: application/pdf; name=\"rechnung.pdf\"\r\nContent-Disposition: attachment; filename=\"rechnung.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--B--\r\n";
        let inc = incoming(raw, &origin(), None, Timestamp::now());
        assert_eq!(inc.attachments.external_id, "<att@example.com>");
        assert_eq!(inc.attachments.channel, "email");
        let a = &inc.attachments.attachments;
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(a[0].content_type, "image/png");
        assert_eq!(a[0].content_id.as_deref(), Some("pic1@example.com"));
        assert!(a[0].inline);
        assert_eq!(a[0].data, b"\x89PNG\r\n\x1a\n");
        assert_eq!(a[1].filename.as_deref(), Some("rechnung.pdf"));
        assert!(!a[1].inline);
        assert_eq!(a[1].data, b"%PDF-1.4");
    }

    #[test]
    fn oversize_is_visible() {
        let raw = b"From: a@b.example\r\nSubject: big\r\nMessage-ID: <big@b>\r\n\r\n";
        let inc = incoming(
            raw,
            &origin(),
            Some((30_000_000, 25_000_000)),
            Timestamp::now(),
        );
        assert!(inc.received.oversize);
        assert!(inc.record.text.contains("30000000 bytes"));
        assert_eq!(inc.received.raw_sha256, None);
    }

    #[test]
    fn composed_reply_parses_back() {
        let item = OutboxItem {
            id: 3,
            ticket_id: cairn_domain::TicketId(7),
            mailbox_id: Some(1),
            channel: "email".into(),
            kind: "reply".into(),
            from_addr: Some("shop@cairn.test".into()),
            to_addr: Some("c@cairn.test".into()),
            subject: Some("Re: Grüße [#T7]".into()),
            body_text: "Hallo,\nes ist unterwegs.".into(),
            in_reply_to: Some("<a@c>".into()),
            references: vec!["<z@c>".into(), "<a@c>".into()],
            message_id: "<cairn.3.t7@cairn.test>".into(),
            status: "queued".into(),
            attempts: 0,
            last_error: None,
            raw_message: None,
            created_at: Timestamp::now(),
            updated_at: Timestamp::now(),
        };
        let raw = compose(&item, Timestamp::now());
        let mail = cairn_mail::parse(raw.as_bytes());
        assert_eq!(mail.message_id.as_deref(), Some("cairn.3.t7@cairn.test"));
        assert_eq!(mail.in_reply_to.as_deref(), Some("a@c"));
        assert_eq!(mail.references, vec!["z@c".to_string(), "a@c".to_string()]);
        assert_eq!(mail.subject.as_deref(), Some("Re: Grüße [#T7]"));
        assert_eq!(
            mail.text.trim(),
            "Hallo,\r\nes ist unterwegs.".replace("\r\n", "\n").trim()
        );
    }
}
