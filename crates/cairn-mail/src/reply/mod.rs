//! Separates what the sender newly wrote from what they quoted.
//!
//! The text is cut into lines, each line is classified (see [`classify`]),
//! and a few passes over the classes decide what stays visible:
//!
//! 1. Everything from the first signature separator or rule line on is
//!    dropped, provided the sender wrote something before it.
//! 2. "Sent from my phone" lines are dropped wherever they are.
//! 3. An attribution, forward marker or header block with the sender's own
//!    text before it starts the earlier message, so the rest is cut away.
//!    The exception is an interleaved reply: the attribution is followed by
//!    a quote *and* the sender writes again after it, in which case only the
//!    attribution goes and the quotes stay as context for the answers.
//! 4. Markers before any text of the sender (bottom-posting, forwards
//!    without comment) are dropped; a quote right after such a marker that
//!    is followed only by the sender's text is the earlier message and goes
//!    too.
//! 5. Quotes after the last line of the sender's text are dropped.
//!
//! Each pass looks at every line a bounded number of times, so the whole
//! extraction is linear in the size of the message.

mod classify;
mod lexicon;

use classify::{Kind, classify};

/// The newly written part of a message and what was removed from it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    /// What the sender newly wrote, trailing whitespace trimmed.
    pub visible: String,
    /// Everything removed (quotes, quote headers, signatures, forwarded
    /// blocks), in the original order, for showing as a collapsed part.
    pub quoted: String,
}

/// Extracts the newly written part of a plain-text email body.
///
/// Quotes interleaved with the sender's answers are kept, because the
/// answers make no sense without them; quotes after the last answer,
/// attributions ("On … wrote:", in a dozen languages), forwarded and
/// original-message blocks, Outlook header blocks and signatures are moved
/// to [`Reply::quoted`]. A message that is nothing but a quote keeps it.
pub fn extract_reply(text: &str) -> Reply {
    let normalized = normalize(text);
    let lines: Vec<&str> = normalized.split('\n').collect();
    let (kinds, span_end) = classify(&lines);
    let keep = decide(&kinds, &span_end);
    assemble(&lines, &keep)
}

/// Unifies line endings and drops a byte-order mark, so that every later
/// step can split on `\n` alone.
fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

fn is_quoteish(kind: Kind) -> bool {
    matches!(kind, Kind::Quote | Kind::QuoteBlank | Kind::QuotedMarker)
}

/// Decides which lines stay visible.
fn decide(kinds: &[Kind], span_end: &[usize]) -> Vec<bool> {
    let n = kinds.len();
    let mut keep = vec![true; n];

    // Pass 1: cut at the first separator after some content; rule lines
    // before any content are decoration and just disappear, but a
    // signature separator always starts the signature.
    let mut end = n;
    let mut seen_content = false;
    for (i, &kind) in kinds.iter().enumerate() {
        match kind {
            Kind::SigDash => {
                end = i;
                break;
            }
            Kind::Delimiter if seen_content => {
                end = i;
                break;
            }
            Kind::Delimiter => keep[i] = false,
            Kind::Text | Kind::Quote => seen_content = true,
            _ => {}
        }
    }
    for k in &mut keep[end..] {
        *k = false;
    }

    // Pass 2: mobile signatures.
    for (i, &kind) in kinds.iter().enumerate().take(end) {
        if kind == Kind::MobileSig {
            keep[i] = false;
        }
    }

    // Suffix counts answer "is there text / a real quote after line i?"
    // in constant time.
    let mut text_after = vec![0usize; n + 1];
    let mut quote_after = vec![0usize; n + 1];
    for i in (0..n).rev() {
        text_after[i] = text_after[i + 1] + usize::from(kinds[i] == Kind::Text);
        quote_after[i] = quote_after[i + 1] + usize::from(kinds[i] == Kind::Quote);
    }
    let texts_in = |from: usize, to: usize| text_after[from.min(to)] - text_after[to];
    let quotes_in = |from: usize, to: usize| quote_after[from.min(to)] - quote_after[to];

    // Passes 3 and 4, in one walk.
    let mut has_text = false;
    let mut i = 0;
    while i < end {
        if !keep[i] {
            i += 1;
            continue;
        }
        match kinds[i] {
            Kind::Text => {
                has_text = true;
                i += 1;
            }
            Kind::Marker => {
                let marker_end = span_end[i];
                let after = next_significant(kinds, &keep, end, marker_end + 1);
                let quote_follows = after < end && is_quoteish(kinds[after]);
                if has_text {
                    let run_end = if quote_follows {
                        quote_run_end(kinds, &keep, end, after)
                    } else {
                        after
                    };
                    if quote_follows && texts_in(run_end, end) > 0 {
                        // Interleaved reply: only the attribution goes.
                        drop_range(&mut keep, i, marker_end + 1);
                        i = marker_end + 1;
                    } else {
                        end = i;
                    }
                } else {
                    drop_range(&mut keep, i, marker_end + 1);
                    if quote_follows {
                        let run_end = quote_run_end(kinds, &keep, end, after);
                        let next = next_significant(kinds, &keep, end, run_end);
                        let bottom_post =
                            next < end && kinds[next] == Kind::Text && quotes_in(next, end) == 0;
                        if bottom_post {
                            drop_range(&mut keep, after, run_end);
                        }
                        i = run_end;
                    } else {
                        i = marker_end + 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    for k in &mut keep[end.min(n)..] {
        *k = false;
    }

    // Quoted attributions are noise even inside kept quotes.
    for (i, &kind) in kinds.iter().enumerate() {
        if kind == Kind::QuotedMarker {
            keep[i] = false;
        }
    }

    // Pass 5: nothing after the sender's last line.
    if let Some(last_text) = (0..end).rev().find(|&i| keep[i] && kinds[i] == Kind::Text) {
        drop_range(&mut keep, last_text + 1, n);
    }

    // Runs of bare ">" lines with no quoted content left are debris.
    let mut i = 0;
    while i < n {
        if !(keep[i] && is_quoteish(kinds[i])) {
            i += 1;
            continue;
        }
        let start = i;
        let mut has_content = false;
        while i < n && keep[i] && is_quoteish(kinds[i]) {
            has_content |= kinds[i] == Kind::Quote;
            i += 1;
        }
        if !has_content {
            drop_range(&mut keep, start, i);
        }
    }
    keep
}

/// First line at or after `i` that is kept and not blank.
fn next_significant(kinds: &[Kind], keep: &[bool], end: usize, mut i: usize) -> usize {
    while i < end && (!keep[i] || kinds[i] == Kind::Empty) {
        i += 1;
    }
    i
}

/// End of the run of quoted (or blank) lines starting at `i`.
fn quote_run_end(kinds: &[Kind], keep: &[bool], end: usize, mut i: usize) -> usize {
    while i < end && (!keep[i] || kinds[i] == Kind::Empty || is_quoteish(kinds[i])) {
        i += 1;
    }
    i
}

fn drop_range(keep: &mut [bool], from: usize, to: usize) {
    let to = to.min(keep.len());
    if from < to {
        for k in &mut keep[from..to] {
            *k = false;
        }
    }
}

fn assemble(lines: &[&str], keep: &[bool]) -> Reply {
    let mut visible = String::new();
    let mut quoted = String::new();
    for (line, &kept) in lines.iter().zip(keep) {
        let out = if kept { &mut visible } else { &mut quoted };
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Reply {
        visible: trim_blank_lines(&visible),
        quoted: trim_blank_lines(&quoted),
    }
}

/// Drops leading blank lines and all trailing whitespace, keeping the
/// indentation of the first real line.
fn trim_blank_lines(s: &str) -> String {
    let start = s
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(s.len(), |(i, _)| s[..i].rfind('\n').map_or(0, |nl| nl + 1));
    s[start..].trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(text: &str) -> String {
        extract_reply(text).visible
    }

    #[test]
    fn top_posted_replies_in_many_languages() {
        let cases = [
            (
                "en",
                "Thanks!\n\nOn Mon, Jan 1, 2024 at 10:00 AM, Shop <s@example.com> wrote:\n> Your order shipped.",
            ),
            (
                "de",
                "Danke!\n\nAm 01.01.2024 um 10:00 schrieb Shop <s@example.com>:\n> Ihre Bestellung ist unterwegs.",
            ),
            (
                "fr",
                "Merci !\n\nLe 1 janv. 2024 à 10:00, Shop <s@example.com> a écrit :\n> Votre commande est partie.",
            ),
            (
                "it",
                "Grazie!\n\nIl giorno lun 1 gen 2024 alle ore 10:00 Shop <s@example.com> ha scritto:\n> Il tuo ordine è partito.",
            ),
            (
                "es",
                "¡Gracias!\n\nEl lun, 1 ene 2024 a las 10:00, Shop (<s@example.com>) escribió:\n> Su pedido fue enviado.",
            ),
            (
                "nl",
                "Bedankt!\n\nOp ma 1 jan. 2024 om 10:00 schreef Shop <s@example.com>:\n> Je bestelling is verzonden.",
            ),
            (
                "pl",
                "Dzięki!\n\nW dniu 1.01.2024 o 10:00, Shop pisze:\n> Zamówienie wysłane.",
            ),
            (
                "pl2",
                "Dzięki!\n\npon., 1 sty 2024 o 10:00 Shop <s@example.com> napisał(a):\n> Zamówienie wysłane.",
            ),
            (
                "pt",
                "Obrigado!\n\nEm seg., 1 de jan. de 2024 às 10:00, Shop <s@example.com> escreveu:\n> Seu pedido foi enviado.",
            ),
            (
                "sv",
                "Tack!\n\nDen mån 1 jan. 2024 kl 10:00 skrev Shop <s@example.com>:\n> Din beställning har skickats.",
            ),
            (
                "da",
                "Tak!\n\nDen man. 1. jan. 2024 kl. 10.00 skrev Shop <s@example.com>:\n> Din ordre er sendt.",
            ),
            (
                "no",
                "Takk!\n\nman. 1. jan. 2024 kl. 10:00 skrev Shop <s@example.com>:\n> Bestillingen er sendt.",
            ),
            (
                "fi",
                "Kiitos!\n\nma 1. tammik. 2024 klo 10.00 Shop <s@example.com> kirjoitti:\n> Tilaus on lähetetty.",
            ),
        ];
        for (lang, text) in cases {
            let reply = extract_reply(text);
            assert!(
                !reply.visible.contains('>')
                    && !reply.visible.contains("10:00")
                    && !reply.visible.contains("10.00"),
                "{lang}: {:?}",
                reply.visible
            );
            assert!(
                reply.quoted.contains("s@example.com") || reply.quoted.contains("Shop"),
                "{lang}"
            );
        }
    }

    #[test]
    fn wrapped_attributions() {
        let text = "Yes please.\n\nOn Thu, Jun 20, 2013 at 4:18 PM, Someone via Shop <\ninfo@example.com> wrote:\n\n> Shall we refund?";
        assert_eq!(visible(text), "Yes please.");
        let text = "Ja.\n\nMax Mustermann <max@example.com> schrieb am Fr., 28.\nApr. 2017 um 11:53 Uhr:\n\n> Frage?";
        assert_eq!(visible(text), "Ja.");
        let text =
            "Oui\nLe 4 janv. 2016 19:03, \"Neil\"\n<n@example.com>\na écrit :\n\n> Question ?";
        assert_eq!(visible(text), "Oui");
    }

    #[test]
    fn outlook_header_blocks() {
        let cases = [
            "Reply\n\nFrom: Shop <s@example.com>\nSent: Monday, 1 January 2024 10:00\nTo: Me\nSubject: Order\n\nOld text",
            "Antwort\n\nVon: Shop <s@example.com>\nGesendet: Montag, 1. Januar 2024 10:00\nAn: Ich\nBetreff: Bestellung\n\nAlt",
            "Réponse\n\nDe : Shop <s@example.com>\nEnvoyé : lundi 1 janvier 2024 10:00\nÀ : Moi\nObjet : Commande\n\nAncien",
            "Risposta\n\nDa: Shop <s@example.com>\nInviato: lunedì 1 gennaio 2024 10:00\nA: Io\nOggetto: Ordine\n\nVecchio",
            "Respuesta\n\nDe: Shop <s@example.com>\nEnviado: lunes, 1 de enero de 2024 10:00\nPara: Yo\nAsunto: Pedido\n\nViejo",
            "Antwoord\n\nVan: Shop <s@example.com>\nVerzonden: maandag 1 januari 2024 10:00\nAan: Ik\nOnderwerp: Bestelling\n\nOud",
            "Odpowiedź\n\nOd: Shop <s@example.com>\nWysłano: poniedziałek, 1 stycznia 2024 10:00\nDo: Ja\nTemat: Zamówienie\n\nStare",
            "Resposta\n\nDe: Shop <s@example.com>\nEnviada em: segunda-feira, 1 de janeiro de 2024 10:00\nPara: Eu\nAssunto: Pedido\n\nVelho",
            "Svar\n\nFrån: Shop <s@example.com>\nSkickat: den 1 januari 2024 10:00\nTill: Jag\nÄmne: Order\n\nGammal",
            "Svar\n\nFra: Shop <s@example.com>\nSendt: 1. januar 2024 10:00\nTil: Mig\nEmne: Ordre\n\nGammel",
            "Vastaus\n\nLähettäjä: Shop <s@example.com>\nLähetetty: maanantai 1. tammikuuta 2024 10.00\nVastaanottaja: Minä\nAihe: Tilaus\n\nVanha",
        ];
        for text in cases {
            let v = visible(text);
            assert_eq!(v.lines().count(), 1, "{text:?} gave {v:?}");
        }
    }

    #[test]
    fn original_and_forwarded_markers() {
        for marker in [
            "-----Original Message-----",
            "-----Ursprüngliche Nachricht-----",
            "-------- Message d'origine --------",
            "---------- Forwarded message ---------",
            "Begin forwarded message:",
            "Anfang der weitergeleiteten Nachricht:",
            "-----Messaggio originale-----",
        ] {
            let text = format!("My note\n\n{marker}\nsome old text\nmore old text");
            assert_eq!(visible(&text), "My note", "{marker}");
        }
    }

    #[test]
    fn forward_without_comment_keeps_the_forwarded_body() {
        let text = "---------- Forwarded message ---------\nFrom: A <a@example.com>\nDate: Tue, Jan 01, 2019 at 12:00 PM\nSubject: Hi\nTo: <b@example.com>\n\n\nThe forwarded body.";
        assert_eq!(visible(text), "The forwarded body.");
    }

    #[test]
    fn signatures() {
        assert_eq!(visible("Hi\n-- \nJohn Doe\nACME"), "Hi");
        assert_eq!(visible("Hi\n\nSent from my iPhone"), "Hi");
        assert_eq!(visible("Hallo\n\nVon meinem iPhone gesendet"), "Hallo");
        assert_eq!(visible("Salut\n\nEnvoyé de mon iPhone"), "Salut");
        assert_eq!(visible("Ciao\n\nInviato da iPhone"), "Ciao");
        assert_eq!(visible("Hola\n\nEnviado desde mi iPhone"), "Hola");
        assert_eq!(visible("Hi\n\nGet Outlook for iOS"), "Hi");
        assert_eq!(visible("Hi\n\nSent from Mail for Windows"), "Hi");
        assert_eq!(visible("Hi -- not a signature"), "Hi -- not a signature");
        assert_eq!(visible("-- \nJohn Doe\nACME"), "");
        assert_eq!(
            visible(
                "________\nFrom: A <a@example.com>\nSent: 1 Jan 2024\nTo: B\nSubject: C\n\nBody"
            ),
            "Body"
        );
    }

    #[test]
    fn interleaved_replies_keep_their_context() {
        let text = "On Tue, Apr 29, 2014 at 4:22 PM, Shop <s@example.com> wrote:\n\n> Size?\n\nLarge.\n\n> Colour?\n\nBlue.\n\n> Thanks\n";
        assert_eq!(visible(text), "> Size?\n\nLarge.\n\n> Colour?\n\nBlue.");
    }

    #[test]
    fn bottom_posting_drops_the_leading_quote() {
        let text = "On Mon, Aug 19, 2013 at 2:36 AM, Shop <s@example.com> wrote:\n\n> Old\n> text\n\nMy answer";
        assert_eq!(visible(text), "My answer");
    }

    #[test]
    fn quote_only_messages_keep_the_quote() {
        assert_eq!(visible("> only a quote"), "> only a quote");
        assert_eq!(visible("> a quote\n\nand text"), "> a quote\n\nand text");
    }

    #[test]
    fn line_endings_and_whitespace() {
        assert_eq!(visible("a\r\nb\rc\r\n\r\n"), "a\nb\nc");
        assert_eq!(visible("\n\n  indented\n\n"), "  indented");
        assert_eq!(visible(""), "");
        assert_eq!(visible("\u{feff}hi"), "hi");
    }

    #[test]
    fn prose_that_resembles_markers_stays() {
        for text in [
            "On Monday I wrote to the courier.\nThey said it was lost.\n\nRegards",
            "Order #123-456\nDate: 5 Jan 2024\nTo: John Smith, 1 Main St\n\nPlease check.",
            "Sent by DHL on 5 Jan.\nTracking: 1Z999\n\nThanks",
            "At 5pm the courier said:\nno one was home.",
            "The original message was lost, please resend.",
        ] {
            assert_eq!(visible(text), text);
        }
    }

    #[test]
    fn pathological_lines_stay_fast() {
        let colons = format!("From: {}", ":".repeat(100_000));
        let lines = "On 1 Jan 2024 at 10:00\n".repeat(20_000);
        let quotes = format!("{}x\n", ">".repeat(500_000));
        // A quadratic path would make this test hang rather than fail;
        // the times are printed, not asserted, as machines differ.
        for (name, text) in [
            ("colons", colons),
            ("attribution-like lines", lines),
            ("deep quote", quotes),
        ] {
            let started = std::time::Instant::now();
            let reply = extract_reply(&text);
            println!("{name}: {} bytes in {:?}", text.len(), started.elapsed());
            assert!(reply.visible.len() <= text.len());
        }
    }

    #[test]
    fn code_fences_protect_their_content() {
        let text = "Look:\n```\n####\n> not a quote\n```\nend";
        assert_eq!(visible(text), text);
    }
}
