//! Text preparation shared by cue matching, language hints and entity extraction.
//!
//! Everything downstream works on one folded copy of the message so that cue
//! lexicons can be written once without accents or case variants.

/// Byte used for a sentence boundary (`.`, `!`, `;`, `:` and line breaks).
pub const SENT: u8 = b'|';
/// Byte used for a sentence boundary that ends a question (`?`): it also
/// separates sentences, and the lexicon can use it as a cue (`?`).
pub const QMARK: u8 = b'?';
/// Byte used for a clause boundary (comma).
pub const CLAUSE: u8 = b',';
/// Byte standing in for letters outside the Latin alphabet, so that such words
/// stay tokens (and break phrases) but can never match a cue.
pub const FOREIGN: u8 = b'#';

/// Folds one lowercase character into ASCII. Returns `None` for characters
/// that are not letters or digits after folding.
pub fn fold_char(c: char) -> Option<&'static str> {
    // Accents are stripped because customers type them inconsistently
    // ("zuruck", "recu", "devolucion"); the lexicon is folded the same way.
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' | 'ă' => "a",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ė' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'ō' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ű' | 'ů' | 'ū' => "u",
        'ý' | 'ÿ' => "y",
        'ś' | 'š' | 'ş' => "s",
        'ź' | 'ż' | 'ž' => "z",
        'ł' => "l",
        'đ' | 'ď' => "d",
        'ř' => "r",
        'ť' | 'ţ' => "t",
        'ğ' => "g",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return None,
    })
}

/// Maximum number of characters analysed per message. Longer input is cut
/// here so that cost stays bounded (a helpdesk message is rarely longer;
/// pasted logs or whole e-mail threads are not worth reading further).
pub const MAX_CHARS: usize = 20_000;

/// Cuts `text` to at most `max_chars` characters on a char boundary.
pub fn truncate_chars(text: &str, max_chars: usize) -> &str {
    // A character takes at least one byte.
    if text.len() <= max_chars {
        return text;
    }
    match text.char_indices().nth(max_chars) {
        Some((idx, _)) => &text[..idx],
        None => text,
    }
}

/// Drops quoted reply text: lines starting with `>` and everything after a
/// reply header ("On … wrote:", "Am … schrieb", "Le … a écrit", …) or an
/// "Original Message" separator. Quoted text repeats what the seller or an
/// earlier mail said and would otherwise add intents the customer did not ask.
pub fn strip_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with('>') {
            continue;
        }
        if is_reply_header(t) {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn is_reply_header(line: &str) -> bool {
    // Headers are short; checking only a bounded prefix keeps this linear.
    let head = truncate_chars(line, 200);
    // Every header below starts with one of these words or contains
    // "rigin"/"RIGIN" or "ngliche": a cheap test before lowercasing.
    let b = head.as_bytes();
    let starts = b.len() >= 3
        && matches!(
            [b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase(), b[2]],
            [b'o', b'n', b' ']
                | [b'a', b'm', b' ']
                | [b'l', b'e', b' ']
                | [b'i', b'l', b' ']
                | [b'e', b'l', b' ']
        );
    let marker =
        contains_ignore_ascii_case(b, b"rigin") || contains_ignore_ascii_case(b, b"ngliche");
    if !starts && !marker {
        return false;
    }
    let l = head.to_lowercase();
    let trimmed = l.trim_end();
    if l.contains("original message")
        || l.contains("ursprüngliche nachricht")
        || l.contains("message d'origine")
        || l.contains("messaggio originale")
        || l.contains("mensaje original")
    {
        return true;
    }
    (l.starts_with("on ") && trimmed.ends_with("wrote:"))
        || (l.starts_with("am ") && trimmed.ends_with("schrieb:"))
        || (l.starts_with("le ") && trimmed.ends_with("a écrit :"))
        || (l.starts_with("le ") && trimmed.ends_with("a écrit:"))
        || (l.starts_with("il ") && trimmed.ends_with("ha scritto:"))
        || (l.starts_with("el ") && trimmed.ends_with("escribió:"))
}

/// True if `hay` contains `needle` (lowercase ASCII), ignoring ASCII case.
fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    // `| 0x20` lowercases ASCII letters; a wrong hit on other bytes is
    // settled by the full comparison.
    hay.windows(needle.len())
        .any(|w| w[0] | 0x20 == first && w.eq_ignore_ascii_case(needle))
}

/// The folded form used for cue matching: ASCII `a-z0-9`, single spaces
/// between tokens, `|`, `?` and `,` as boundary tokens, `#` for foreign letters,
/// padded with one space on each side so whole-word cues can include the
/// surrounding spaces.
pub fn fold_for_matching(text: &str) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 2);
    out.push(b' ');
    // Pushes a boundary token, merging runs ("?!", ",\n") into the strongest:
    // a question mark, then a sentence end, then a comma.
    fn boundary(out: &mut Vec<u8>, b: u8) {
        let rank = |x: u8| match x {
            QMARK => 2,
            SENT => 1,
            _ => 0,
        };
        let n = out.len();
        if n >= 2 && is_boundary_byte(out[n - 2]) && out[n - 1] == b' ' {
            if rank(b) > rank(out[n - 2]) {
                out[n - 2] = b;
            }
            return;
        }
        if out.last() != Some(&b' ') {
            out.push(b' ');
        }
        out.push(b);
        out.push(b' ');
    }
    let space = |out: &mut Vec<u8>| {
        if out.last() != Some(&b' ') {
            out.push(b' ');
        }
    };
    let mut prev_digit = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase() as u8);
            prev_digit = c.is_ascii_digit();
            continue;
        }
        let was_digit = prev_digit;
        prev_digit = false;
        match c {
            '.' | ',' => {
                // "15.00" or "24.11.2026" are numbers, not sentence ends.
                let next_digit = chars.peek().is_some_and(|n| n.is_ascii_digit());
                if was_digit && next_digit {
                    space(&mut out);
                } else if c == ',' {
                    boundary(&mut out, CLAUSE);
                } else {
                    boundary(&mut out, SENT);
                }
            }
            '?' => boundary(&mut out, QMARK),
            '!' | ';' | ':' | '\n' | '\r' | '¿' | '¡' | '…' => boundary(&mut out, SENT),
            // Currency symbols become words so cues can say "money" ("es
            // fehlen noch 15 €" is about money, not a missing item).
            '€' | '$' | '£' => {
                space(&mut out);
                out.extend_from_slice(match c {
                    '€' => b"eur",
                    '$' => b"usd",
                    _ => b"gbp",
                });
                out.push(b' ');
            }
            _ if c.is_alphanumeric() => {
                let mut folded_any = false;
                for lc in c.to_lowercase() {
                    if lc.is_ascii_alphanumeric() {
                        out.push(lc as u8);
                    } else if let Some(f) = fold_char(lc) {
                        out.extend_from_slice(f.as_bytes());
                    } else {
                        out.push(FOREIGN);
                    }
                    folded_any = true;
                }
                if !folded_any {
                    space(&mut out);
                }
            }
            // Combining marks (decomposed accents) belong to the previous letter.
            '\u{0300}'..='\u{036f}' => {}
            _ => space(&mut out),
        }
    }
    if out.last() != Some(&b' ') {
        out.push(b' ');
    }
    out
}

/// True for the bytes that stand for a sentence or clause boundary.
pub fn is_boundary_byte(b: u8) -> bool {
    b == SENT || b == QMARK || b == CLAUSE
}

/// True for the bytes that end a sentence.
pub fn is_sentence_end(b: u8) -> bool {
    b == SENT || b == QMARK
}

/// One token of the folded text, as a byte range.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
}

/// Splits folded text into tokens. `tok_at` maps every byte to the index of
/// the token it belongs to (spaces map to the following token).
pub fn tokenize(folded: &[u8], toks: &mut Vec<Tok>, tok_at: &mut Vec<u32>) {
    toks.clear();
    tok_at.clear();
    tok_at.resize(folded.len(), 0);
    let mut i = 0;
    while i < folded.len() {
        if folded[i] == b' ' {
            tok_at[i] = toks.len() as u32;
            i += 1;
            continue;
        }
        let start = i;
        let idx = toks.len() as u32;
        while i < folded.len() && folded[i] != b' ' {
            tok_at[i] = idx;
            i += 1;
        }
        toks.push(Tok {
            start: start as u32,
            end: i as u32,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        String::from_utf8(fold_for_matching(s)).unwrap_or_default()
    }

    #[test]
    fn folds_accents_and_boundaries() {
        assert_eq!(f("Wo ist mein Päckchen?"), " wo ist mein packchen ? ");
        assert_eq!(f("Wirklich?!"), " wirklich ? ");
        assert_eq!(f("Gut!? Ja"), " gut ? ja ");
        assert_eq!(f("Je n'ai pas reçu, ok"), " je n ai pas recu , ok ");
        assert_eq!(f("15,00 € am 24.11.2026"), " 15 00 eur am 24 11 2026 ");
        assert_eq!(f("Straße"), " strasse ");
        assert_eq!(f("Привет!!"), " ###### | ");
        assert_eq!(f(""), " ");
        assert_eq!(f("a-z"), " a z ");
    }

    #[test]
    fn strips_quotes() {
        let s = strip_quoted("Hi\n> old text\nthanks\nOn Mon, Bob wrote:\nquoted");
        assert_eq!(s, "Hi\nthanks\n");
    }

    #[test]
    fn truncates_on_char_boundary() {
        assert_eq!(truncate_chars("äöü", 2), "äö");
        assert_eq!(truncate_chars("ab", 5), "ab");
    }
}
