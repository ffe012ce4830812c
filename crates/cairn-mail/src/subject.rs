//! The base subject of a message: what is left of a subject once reply and
//! forward prefixes, list tags and Cairn's ticket token are taken away.
//!
//! This is the algorithm of RFC 5256 section 2.1 (used for IMAP SORT and
//! THREAD) with the reply and forward prefixes of many mail clients and
//! languages added to its `re`, `fw` and `fwd`.

use unicode_normalization::UnicodeNormalization;

/// The base subject of `subject`, as a key for comparing subjects.
///
/// Removed, repeatedly and in any order: leading reply and forward
/// prefixes in many languages (`Re:`, `RE[2]:`, `Fwd:`, `AW:`, `WG:`,
/// `TR:`, `RIF:`, `R:`, `I:`, `SV:`, `VS:`, `Odp:`, `PD:`, `RES:`,
/// `ENC:`, `Doorst:`, `Wtr:`, `Ynt:`, `Rif.`, `回复：` …, also with a
/// full-width colon or a space before the colon), leading `[list-tag]`s
/// when text follows them, trailing `(fwd)`, the `[fwd: …]` wrapper and
/// Cairn's ticket token `[#T123]` wherever it stands. Whitespace is
/// collapsed, compatibility characters are unified (NFKC: full-width
/// letters and punctuation become their plain forms) and case is folded,
/// so the result is for comparison, not for display.
///
/// ```
/// use cairn_mail::base_subject;
/// assert_eq!(base_subject("AW: WG: [shop] Re: Bestellung 123 [#T42]"), "bestellung 123");
/// assert_eq!(base_subject("RE[2]：Where is my parcel? (fwd)"), "where is my parcel?");
/// ```
pub fn base_subject(subject: &str) -> String {
    base_subject_and_reply(subject).0
}

/// The base subject, and whether any reply or forward marker was removed
/// on the way (RFC 5256 needs this to choose a thread's parent).
pub(crate) fn base_subject_and_reply(subject: &str) -> (String, bool) {
    let mut s = normalize(subject);
    remove_ticket_tokens(&mut s);
    let mut reply = false;
    let mut start = 0;
    loop {
        // (2) trailers
        loop {
            let trimmed = s.trim_end_matches(' ');
            if let Some(rest) = trimmed.strip_suffix("(fwd)")
                && rest.len() >= start
            {
                reply = true;
                s.truncate(rest.len());
            } else {
                s.truncate(trimmed.len().max(start));
                break;
            }
        }
        // (3) leaders and (4) blobs, until neither matches
        loop {
            let mut found = false;
            if let Some(len) = leader(&s[start..], &mut reply) {
                start += len;
                found = true;
            }
            if let Some(len) = blob(&s[start..])
                && !s[start + len..].trim().is_empty()
            {
                start += len;
                found = true;
            }
            if !found {
                break;
            }
        }
        // (6) the [fwd: …] wrapper
        let rest = &s[start..];
        if rest.starts_with("[fwd:") && rest.len() > 5 && rest.ends_with(']') {
            reply = true;
            s.truncate(s.len() - 1);
            start += 5;
            continue;
        }
        break;
    }
    (s[start..].trim().to_string(), reply)
}

/// NFKC, case folding, whitespace packed to single spaces, invisible
/// characters removed.
fn normalize(subject: &str) -> String {
    let mut out = String::with_capacity(subject.len());
    let mut space = false;
    for c in subject.nfkc().flat_map(char::to_lowercase) {
        match c {
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_whitespace() || c.is_control() => {
                if !space && !out.is_empty() {
                    out.push(' ');
                }
                space = true;
            }
            'ß' => {
                out.push_str("ss");
                space = false;
            }
            'ς' => {
                out.push('σ');
                space = false;
            }
            c => {
                out.push(c);
                space = false;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Removes every `[#t<digits>]` (the token `[#T123]` that Cairn adds to the
/// subjects it sends, already lowercased) and the space before it.
fn remove_ticket_tokens(s: &mut String) {
    let mut from = 0;
    while let Some(at) = s[from..].find("[#t").map(|i| i + from) {
        let digits = s[at + 3..].bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && s.as_bytes().get(at + 3 + digits) == Some(&b']') {
            let end = at + 3 + digits + 1;
            let begin = if at > 0 && s.as_bytes()[at - 1] == b' ' {
                at - 1
            } else {
                at
            };
            let glue = begin > 0 && end < s.len() && s.as_bytes()[end] != b' ';
            s.replace_range(begin..end, if glue { " " } else { "" });
            from = begin;
        } else {
            from = at + 3;
        }
    }
    let trimmed = s.trim_start().len();
    s.replace_range(..s.len() - trimmed, "");
}

/// Reply and forward prefixes, lowercased, in the languages and clients
/// Cairn's sellers meet.
#[rustfmt::skip]
const PREFIXES: &[&str] = &[
    // RFC 5256, English
    "re", "fw", "fwd",
    // German, Dutch
    "aw", "wg", "antw", "antwort", "doorst", "wtr",
    // French, Italian
    "tr", "r", "i", "rif", "inoltro",
    // Spanish, Portuguese
    "rv", "res", "enc",
    // Scandinavian, Finnish
    "sv", "vs", "vb", "vl", "fs",
    // Polish, Czech
    "odp", "pd", "př",
    // Turkish
    "ynt", "yanıt", "i̇lt", "ilt",
    // Hungarian, Baltic, Slovenian, Croatian
    "vá", "válasz", "továbbítás", "atb", "pār", "ats", "pers", "odg",
    // Greek
    "απ", "σχετ", "πρθ",
    // Russian, Ukrainian
    "отв", "ответ", "пересл", "відп",
    // Chinese, Japanese, Korean
    "回复", "回覆", "答复", "答覆", "转发", "轉寄", "轉發", "返信", "転送", "답장", "회신", "전달",
    // Arabic, Hebrew
    "رد", "تحويل", "השב", "הועבר",
];

/// Prefixes that may end with a full stop instead of a colon.
const DOT_PREFIXES: &[&str] = &["rif"];

/// The length of a leading `subj-leader`: a space, or list tags followed by
/// a reply/forward prefix, its optional counter (`[2]`, `(2)`) and colon.
fn leader(s: &str, reply: &mut bool) -> Option<usize> {
    if s.starts_with(' ') {
        return Some(1);
    }
    let mut at = 0;
    while s[at..].starts_with('[') {
        at += blob(&s[at..])?;
    }
    let rest = &s[at..];
    // Several prefixes can start the same way (`i` and `i̇lt`), so each
    // one that fits is tried to the colon.
    let tail = PREFIXES
        .iter()
        .filter(|p| rest.starts_with(**p))
        .find_map(|p| after_prefix(&rest[p.len()..], DOT_PREFIXES.contains(p)))?;
    *reply = true;
    Some(s.len() - tail.len())
}

/// What follows a reply/forward prefix word when it really is one: an
/// optional space, an optional counter (`[2]`, `(2)`), the colon (or, for
/// `dot`, a full stop).
fn after_prefix(tail: &str, dot: bool) -> Option<&str> {
    if tail.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let mut tail = tail.strip_prefix(' ').unwrap_or(tail);
    if tail.starts_with('[') {
        tail = &tail[blob(tail)?..];
    } else if let Some(inner) = tail.strip_prefix('(') {
        let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
        tail = inner[digits..].strip_prefix(')').filter(|_| digits > 0)?;
        tail = tail.strip_prefix(' ').unwrap_or(tail);
    }
    if let Some(t) = tail.strip_prefix(':') {
        return Some(t);
    }
    let t = tail.strip_prefix('.').filter(|_| dot)?;
    Some(t.strip_prefix(':').unwrap_or(t))
}

/// The length of a leading `subj-blob`: `[` text without brackets `]` and
/// one following space.
fn blob(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find(['[', ']'])?;
    if inner.as_bytes()[close] != b']' {
        return None;
    }
    let mut len = 1 + close + 1;
    if s[len..].starts_with(' ') {
        len += 1;
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_subjects() {
        let table: &[(&str, &str)] = &[
            ("Where is my parcel?", "where is my parcel?"),
            ("Re: Where is my parcel?", "where is my parcel?"),
            ("RE: re: Re:Re: x", "x"),
            ("RE[2]: x", "x"),
            ("Re [3] : x", "x"),
            ("Re(2): x", "x"),
            ("Fwd: FW: fw: x", "x"),
            ("AW: WG: Bestellung", "bestellung"),
            ("Antw: Antwort: Vraag", "vraag"),
            ("TR : RE : Commande", "commande"),
            ("RIF: R: I: Ordine", "ordine"),
            (
                "Rif. ordine 402-1234567-1234567",
                "ordine 402-1234567-1234567",
            ),
            ("SV: VS: Vs: Fråga", "fråga"),
            ("Odp: PD: Zamówienie", "zamówienie"),
            ("RES: ENC: Pedido", "pedido"),
            ("RV: Re: Pedido", "pedido"),
            ("Doorst: Wtr: Bestelling", "bestelling"),
            ("Ynt: YNT: Sipariş", "sipariş"),
            ("Ответ: Пересл: заказ", "заказ"),
            ("ΑΠ: παραγγελία", "παραγγελία"),
            ("回复：订单", "订单"),
            ("RE：Order", "order"),
            ("Ｒｅ： Ｏｒｄｅｒ", "order"),
            ("[shop-help] Re: x", "x"),
            ("Re: [shop-help] x", "x"),
            ("[a][b] [c] x", "x"),
            ("[only a tag]", "[only a tag]"),
            ("x (fwd)", "x"),
            ("x (fwd) (FWD)  ", "x"),
            ("[Fwd: x]", "x"),
            ("Re: [fwd: [fwd: re: [fwd: babylon]]]", "babylon"),
            ("Re: Where is it? [#T123]", "where is it?"),
            ("[#T7] Re: Where is it?", "where is it?"),
            ("Re: Where [#T7]is it", "where is it"),
            ("x [#T] stays", "x [#t] stays"),
            ("Re: x [#T12a]", "x [#t12a]"),
            ("  Re:\t  lots   of\r\n   space  ", "lots of space"),
            ("Straße", "strasse"),
            ("Resend: x", "resend: x"),
            ("Re x", "re x"),
            ("Rechnung: 123", "rechnung: 123"),
            ("Ad: Re: Ad: x", "ad: re: ad: x"),
            ("I need help", "i need help"),
            ("Trade-in", "trade-in"),
            ("Re:", ""),
            ("", ""),
            ("\u{200b}Re: x", "x"),
        ];
        for (input, want) in table {
            assert_eq!(base_subject(input), *want, "base subject of {input:?}");
        }
    }

    #[test]
    fn reply_marker_is_reported() {
        assert!(!base_subject_and_reply("Order").1);
        assert!(!base_subject_and_reply("[list] Order").1);
        assert!(base_subject_and_reply("AW: Order").1);
        assert!(base_subject_and_reply("Order (fwd)").1);
        assert!(base_subject_and_reply("[fwd: Order]").1);
    }
}
