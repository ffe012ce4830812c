//! Turning raw RFC 5322 mail into what Cairn stores.
//!
//! This crate owns the step from the bytes a mail server hands over to the
//! fields Cairn keeps: headers for threading and loop detection, the body as
//! text (and the HTML as sent), attachments, delivery reports, and the part
//! of a reply that its sender newly wrote. It is pure code: it never touches
//! the database or the network, and none of its functions fail or panic on
//! bad input — a broken message yields what could be read plus a list of
//! what was wrong.
//!
//! - [`parse`] reads a message into a [`ParsedMail`].
//! - [`extract_reply`] and [`extract_reply_html`] split a body into what is
//!   new and what is quoted.
//! - [`reply_of_message`] does what `cairn mail reply FILE` prints.
//! - [`looks_like_headers`] tells a raw message from a bare text body.
//! - [`sanitize_html`] makes an HTML body safe to show in Cairn's pages.
//! - [`base_subject`] strips reply prefixes, list tags and ticket tokens
//!   from a subject for comparison.
//! - [`thread_references`] builds conversation trees the way IMAP servers
//!   do (RFC 5256).
//! - [`classify_relay`] tells a buyer's message through Amazon, eBay or
//!   Walmart from the marketplace's own notices.

mod html;
mod parse;
mod relay;
mod reply;
mod sanitize;
mod subject;
mod thread;

pub use parse::{
    Address, Attachment, DeliveryStatus, LoopHeaders, ParsedMail, looks_like_headers, parse,
};
pub use relay::{NoticeKind, Relay, RelayKind, RelayMarketplace, classify_relay};
pub use reply::{Reply, extract_reply};
pub use sanitize::{Sanitized, sanitize_html};
pub use subject::base_subject;
pub use thread::{ThreadMessage, ThreadNode, Threads, thread_ordered_subject, thread_references};

/// Extracts the newly written part of an HTML body.
///
/// The quoting conventions of the common clients are recognised in the
/// markup — Gmail (`gmail_quote`, `gmail_attr`), Outlook (`divRplyFwdMsg`,
/// `#appendonsend`, the border-top separator), Apple Mail
/// (`<blockquote type="cite">`), Thunderbird (`moz-cite-prefix`), Yahoo
/// (`yahoo_quoted`) — and the rendered text then goes through the same
/// rules as [`extract_reply`]. [`Reply::visible`] is plain text.
pub fn extract_reply_html(html: &str) -> Reply {
    let (text, removed) = html::html_to_reply_text(html);
    let mut reply = extract_reply(&text);
    if !removed.trim().is_empty() {
        if !reply.quoted.is_empty() {
            reply.quoted.push_str("\n\n");
        }
        reply.quoted.push_str(&removed);
    }
    reply
}

/// What `cairn mail reply FILE` prints: the text the sender newly wrote.
///
/// `raw` is a raw RFC 5322 message, or — when it starts without headers —
/// a plain-text body (an HTML document is accepted too). Quoted earlier
/// messages, attributions, forwarded blocks and signatures are left out.
/// The result is UTF-8 with trailing whitespace trimmed.
pub fn reply_of_message(raw: &[u8]) -> String {
    if looks_like_headers(raw) {
        let mail = parse(raw);
        // An HTML-only message keeps its quoting structure in the markup,
        // which the rendered text has partly lost.
        return match (&mail.html, mail.text_from_html) {
            (Some(html), true) => extract_reply_html(html).visible,
            _ => extract_reply(&mail.text).visible,
        };
    }
    let text = parse::decode_unlabelled(raw);
    if looks_like_html(&text) {
        extract_reply_html(&text).visible
    } else {
        extract_reply(&text).visible
    }
}

fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start().get(..20).unwrap_or(text.trim_start());
    let start = start.to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html") || start.starts_with("<div")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_reply() {
        let html = r#"<div dir="ltr">Yes, please refund.<div><br></div><div>Jane</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le lun. 1 janv. 2024 à 10:00, Shop &lt;<a href="mailto:s@example.com">s@example.com</a>&gt; a écrit&nbsp;:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex"><div dir="ltr">Do you want a refund?</div></blockquote></div>"#;
        let reply = extract_reply_html(html);
        assert_eq!(reply.visible, "Yes, please refund.\n\nJane");
        assert!(reply.quoted.contains("Do you want a refund?"));
    }

    #[test]
    fn gmail_attribution_in_an_unknown_language_still_goes() {
        let html = r#"<div>Kiitos!</div><div class="gmail_quote"><div class="gmail_attr">Xyz abc qwe:</div><blockquote class="gmail_quote">Vanha viesti</blockquote></div>"#;
        assert_eq!(extract_reply_html(html).visible, "Kiitos!");
    }

    #[test]
    fn outlook_reply() {
        let html = r#"<html><body><div style="font-family:Calibri">Bitte stornieren.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>Von:</b> Shop &lt;s@example.com&gt;<br><b>Gesendet:</b> Montag, 1. Januar 2024 10:00<br><b>An:</b> Ich<br><b>Betreff:</b> Bestellung</font></div><div>Ihre Bestellung</div></body></html>"#;
        let reply = extract_reply_html(html);
        assert_eq!(reply.visible, "Bitte stornieren.");
        assert!(reply.quoted.contains("Ihre Bestellung"));
    }

    #[test]
    fn outlook_desktop_border_separator() {
        let html = r#"<div class="WordSection1"><p class="MsoNormal">Thanks,<o:p></o:p></p><p class="MsoNormal">Tom<o:p></o:p></p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in"><p class="MsoNormal"><b>From:</b> Shop<br><b>Sent:</b> Monday, January 1, 2024 10:00 AM</p></div><p class="MsoNormal">Old text</p></div>"#;
        assert_eq!(extract_reply_html(html).visible, "Thanks,\nTom");
    }

    #[test]
    fn apple_thunderbird_yahoo() {
        let apple = r#"<div>Sounds good.<br><div><br><blockquote type="cite"><div>On 1 Jan 2024, at 10:00, Shop &lt;s@example.com&gt; wrote:</div><br><div>Old</div></blockquote></div></div>"#;
        assert_eq!(extract_reply_html(apple).visible, "Sounds good.");
        let thunderbird = r#"<p>Fine by me.</p><div class="moz-cite-prefix">Am 01.01.24 um 10:00 schrieb Shop:<br></div><blockquote type="cite">Old</blockquote>"#;
        assert_eq!(extract_reply_html(thunderbird).visible, "Fine by me.");
        let yahoo = r#"<div>Received, thanks.</div><div id="yahoo_quoted_123" class="yahoo_quoted"><div>On Monday, January 1, 2024, 10:00:00 AM GMT+1, Shop &lt;s@example.com&gt; wrote:</div><div><br></div><div>Old</div></div>"#;
        assert_eq!(extract_reply_html(yahoo).visible, "Received, thanks.");
    }

    #[test]
    fn reply_of_raw_messages() {
        let raw = b"From: Jane <jane@example.com>\r\nSubject: Re: order\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nWhere is it?\r\n\r\nOn Mon, Jan 1, 2024 at 10:00 AM, Shop <s@example.com> wrote:\r\n> Shipped.\r\n";
        assert_eq!(reply_of_message(raw), "Where is it?");
        let html_only = b"From: Jane <jane@example.com>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<div>Merci&nbsp;!</div><div class=\"gmail_quote\"><div class=\"gmail_attr\">Le 1 janv. 2024, Shop a \xc3\xa9crit :</div><blockquote class=\"gmail_quote\">Vieux</blockquote></div>";
        assert_eq!(reply_of_message(html_only), "Merci !");
        assert_eq!(reply_of_message(b"Just a body\n\n-- \nsig"), "Just a body");
        // Not UTF-8: read as Windows-1252.
        assert_eq!(reply_of_message(b"Gr\xfc\xdfe"), "Grüße");
        assert_eq!(reply_of_message(b""), "");
    }
}
