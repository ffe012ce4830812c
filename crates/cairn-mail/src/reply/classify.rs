//! Tells, line by line, what part of an email a line belongs to.
//!
//! Every check here looks at a bounded amount of text (one line, or a window
//! of at most a few short lines), so classifying a message stays linear in
//! its size however it is shaped.

use std::sync::OnceLock;

use super::lexicon::{
    APOLOGY_WORDS, CALENDAR_WORDS, DEVICE_WORDS, FORWARD_PHRASES, FORWARD_STANDALONE, Field,
    HEADER_FIELDS, LEAD_WORDS, MOBILE_PREFIXES, TITLES, WROTE_WORDS,
};

/// What a line is, as far as reply extraction cares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    /// Nothing but whitespace.
    Empty,
    /// Something the sender may have written.
    Text,
    /// A `>`-quoted line with content.
    Quote,
    /// A `>`-quoted line with nothing after the markers.
    QuoteBlank,
    /// A quoted attribution or forward marker ("> On … wrote:").
    QuotedMarker,
    /// First line of an attribution, forward marker or header block.
    Marker,
    /// Further lines of the same marker (wrapped attribution, header fields).
    MarkerCont,
    /// A rule line ("____", "----", "====").
    Delimiter,
    /// The signature separator "-- " (or "--").
    SigDash,
    /// "Sent from my iPhone" and its kin.
    MobileSig,
}

/// Longest line worth testing for a marker; real ones are far shorter, and
/// the bound keeps pathological input cheap.
const MAX_MARKER_LINE: usize = 500;
/// How many lines after the first an attribution may wrap over.
const MAX_ATTRIBUTION_EXTRA_LINES: usize = 5;
/// How many lines a header block may span.
const MAX_HEADER_BLOCK_LINES: usize = 40;

/// Classifies every line. `span_end[i]` is the last line of the marker that
/// starts at `i` (or `i` itself for everything else).
pub(crate) fn classify(lines: &[&str]) -> (Vec<Kind>, Vec<usize>) {
    let n = lines.len();
    let fenced = code_fence_mask(lines);
    let mut kinds = vec![Kind::Text; n];
    let mut span_end: Vec<usize> = (0..n).collect();
    let mut i = 0;
    while i < n {
        let line = lines[i];
        if fenced[i] {
            kinds[i] = Kind::Text;
            i += 1;
            continue;
        }
        if is_blank(line) {
            kinds[i] = Kind::Empty;
            i += 1;
            continue;
        }
        if let Some((_, content)) = strip_quote(line) {
            if is_blank(content) {
                kinds[i] = Kind::QuoteBlank;
            } else if let Some(end) = quoted_marker_span(lines, i, &fenced) {
                for kind in &mut kinds[i..=end] {
                    *kind = Kind::QuotedMarker;
                }
                i = end + 1;
                continue;
            } else {
                kinds[i] = Kind::Quote;
            }
            i += 1;
            continue;
        }
        if line.trim() == "--" {
            kinds[i] = Kind::SigDash;
        } else if is_delimiter(line) {
            kinds[i] = Kind::Delimiter;
        } else if is_mobile_signature(line) {
            kinds[i] = Kind::MobileSig;
        } else if is_forward_marker(line) {
            kinds[i] = Kind::Marker;
        } else if let Some(end) =
            attribution_span(lines, i, &fenced).or_else(|| header_block(lines, i, &fenced))
        {
            kinds[i] = Kind::Marker;
            for kind in &mut kinds[i + 1..=end] {
                *kind = Kind::MarkerCont;
            }
            span_end[i] = end;
            i = end + 1;
            continue;
        } else {
            kinds[i] = Kind::Text;
        }
        i += 1;
    }
    (kinds, span_end)
}

/// Marks lines inside closed ``` or ~~~ fences: code is the sender's own
/// text even when it looks like a rule line or a quote.
fn code_fence_mask(lines: &[&str]) -> Vec<bool> {
    let mut mask = vec![false; lines.len()];
    let fences: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start();
            t.starts_with("```") || t.starts_with("~~~")
        })
        .map(|(i, _)| i)
        .collect();
    // An unclosed fence protects nothing: otherwise a stray ``` would hide
    // every quote below it.
    for pair in fences.chunks_exact(2) {
        for m in &mut mask[pair[0]..=pair[1]] {
            *m = true;
        }
    }
    mask
}

pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{feff}' | '\u{2060}')
    })
}

/// Splits a quoted line into its depth and content. Besides `>` this accepts
/// supercite-style initials ("JD> text"), but only short uppercase ones, as a
/// name followed by `>` is more often text than a quote.
pub(crate) fn strip_quote(line: &str) -> Option<(usize, &str)> {
    let rest = line.trim_start();
    let b = rest.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let initials = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if (1..=3).contains(&initials) && b.get(initials) == Some(&b'>') {
        // The initials stand in front of the first ">", counted below.
        i = initials;
    }
    // Byte-wise with plain indexing on purpose: quote prefixes can be
    // hundreds of kilobytes of ">" in hostile mail, and this loop is then
    // the hot path, even in unoptimised builds.
    let n = b.len();
    while i < n && b[i] == b'>' {
        depth += 1;
        i += 1;
        loop {
            if i < n && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            } else if i + 1 < n && b[i] == 0xc2 && b[i + 1] == 0xa0 {
                i += 2;
            } else {
                break;
            }
        }
    }
    // `i` only ever advances past ASCII bytes or a whole U+00A0, so it is
    // a char boundary.
    (depth > 0).then(|| (depth, rest.get(i..).unwrap_or("")))
}

/// A rule line or signature separator: only repeated punctuation.
pub(crate) fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    let mut count = 0;
    for c in t.chars() {
        if !matches!(
            c,
            '-' | '_' | '=' | '+' | '~' | '#' | '*' | 'ᐧ' | '—' | '–' | '─' | '━' | '═'
        ) {
            return false;
        }
        count += 1;
    }
    // A lone "-" or "*" is an empty list item, not a separator; Gmail's
    // tracking glyph and a lone dash are used as separators by themselves.
    count >= 2 || (count == 1 && matches!(t, "ᐧ" | "—"))
}

/// Removes markdown links, bracketed URLs and bare URLs, which signature
/// lines often carry ("Get [Outlook for Android](https://aka.ms/…)").
fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[')
            && let Some(close) = after.find("](")
            && let Some(end) = after[close + 2..].find(')')
        {
            out.push_str(&after[..close]);
            rest = &after[close + 2 + end + 1..];
            continue;
        }
        if let Some(after) = rest.strip_prefix('<')
            && (after.starts_with("http") || after.starts_with("mailto:"))
            && let Some(end) = after.find('>')
        {
            rest = &after[end + 1..];
            continue;
        }
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// "Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS"…
pub(crate) fn is_mobile_signature(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 200 {
        return false;
    }
    // Cheap rejection before the cleaning below: a signature line starts
    // with one of the known openings (brackets aside) or ends with one of
    // two known closings.
    let head: String = t
        .trim_start_matches(|c: char| "(<[*_ ".contains(c))
        .chars()
        .filter(|&c| c != '[')
        .take(24)
        .flat_map(char::to_lowercase)
        .collect();
    let plausible = MOBILE_PREFIXES
        .iter()
        .any(|p| head.starts_with(p) || p.starts_with(head.as_str()))
        || t.to_lowercase().contains(" from mobile")
        || t.to_lowercase().contains(" from my phone")
        || t.contains("から送信");
    if !plausible {
        return false;
    }
    let cleaned = strip_links(t).to_lowercase();
    let s = cleaned
        .trim_matches(|c: char| c.is_whitespace() || "()<>[]*_".contains(c))
        .to_string();
    if s.is_empty() || s.ends_with('?') {
        return false;
    }
    let words = s.split_whitespace().count();
    if words > 14 {
        return false;
    }
    if words <= 3 && (s.ends_with(" from mobile") || s.ends_with(" from my phone")) {
        return true;
    }
    if words <= 3 && s.ends_with("から送信") {
        return true;
    }
    let has_device = |x: &str| DEVICE_WORDS.iter().any(|d| x.contains(d));
    for prefix in MOBILE_PREFIXES {
        let Some(rest) = s.strip_prefix(prefix) else {
            continue;
        };
        if prefix.contains("outlook") {
            return true;
        }
        let english = prefix.starts_with("sent ") || *prefix == "from my ";
        if !english {
            return has_device(rest);
        }
        // An English "sent from …" line is a signature when it names a
        // device, optionally followed by an apology for typos; "Sent from my
        // desk, is much easier…" is a sentence and stays.
        let cut = rest
            .find([',', '.', ';', '!'])
            .or_else(|| rest.find(" - "))
            .unwrap_or(rest.len());
        let (segment, tail) = rest.split_at(cut);
        let tail = tail.trim_start_matches([',', '.', ';', '!', '-', ' ']);
        let tail_ok = tail.trim().is_empty() || APOLOGY_WORDS.iter().any(|a| tail.contains(a));
        let seg_words = segment.split_whitespace().count();
        if !tail_ok || seg_words == 0 || seg_words > 6 {
            return false;
        }
        return has_device(segment)
            || (*prefix == "sent from " && segment.starts_with("my ") && seg_words <= 4);
    }
    false
}

/// "-----Original Message-----", "Begin forwarded message:" and their kin.
pub(crate) fn is_forward_marker(line: &str) -> bool {
    let t = line.trim().trim_matches('*').trim();
    if t.is_empty() || t.chars().count() > 100 {
        return false;
    }
    let is_rule = |c: char| matches!(c, '-' | '_' | '=' | '—' | '–');
    let lead = t.chars().take_while(|&c| is_rule(c)).count();
    if lead < 2 && !t.ends_with([':', '：']) {
        return false;
    }
    let core = t.trim_matches(|c: char| is_rule(c) || c == '*' || c.is_whitespace());
    let colon = core.ends_with(':') || core.ends_with('：');
    let core = core
        .trim_end_matches([':', '：'])
        .to_lowercase()
        .replace(['’', '‘'], "'");
    let core: String = core.split_whitespace().collect::<Vec<_>>().join(" ");
    if core.is_empty() {
        return false;
    }
    let known = FORWARD_PHRASES.contains(&core.as_str());
    (known && lead >= 2)
        || (known && colon && core != "forwarded")
        || (FORWARD_STANDALONE.contains(&core.as_str()) && (colon || lead >= 2))
}

/// Parses an Outlook-style header field line ("*From:* Jane", "De : Jean").
pub(crate) fn header_field(line: &str) -> Option<Field> {
    let t = line.trim_start().trim_start_matches('*').trim_start();
    let (idx, colon) = t
        .char_indices()
        .take(40)
        .find(|&(_, c)| c == ':' || c == '：')?;
    let label = t[..idx].trim().trim_end_matches('*').trim();
    if label.is_empty() || label.chars().count() > 30 {
        return None;
    }
    let label = label.to_lowercase();
    let label: String = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let field = HEADER_FIELDS
        .iter()
        .find(|(name, _)| *name == label)
        .map(|&(_, f)| f)?;
    let value = t[idx + colon.len_utf8()..].trim_start_matches('*').trim();
    match field {
        // A date field without a digit is prose ("Date: to be confirmed").
        Field::Date if !value.chars().any(|c| c.is_ascii_digit()) => None,
        Field::From | Field::Subject if value.is_empty() => None,
        _ => Some(field),
    }
}

fn field_bit(f: Field) -> u8 {
    match f {
        Field::From => 1,
        Field::Date => 2,
        Field::To => 4,
        Field::Cc => 8,
        Field::Subject => 16,
        Field::ReplyTo => 32,
        Field::Other => 64,
    }
}

/// "From: A Sent: B To: C Subject: D" squeezed onto one line, as some
/// clients and HTML-to-text converters produce.
fn is_single_line_header(line: &str) -> bool {
    if line.len() > 2000 || header_field(line) != Some(Field::From) {
        return false;
    }
    let mut bits = 0u8;
    let mut colons = 0;
    // One pass: remember where the current word started, and judge it
    // when a colon closes it.
    let mut word_start: Option<usize> = None;
    let mut word_end = 0;
    for (idx, c) in line.char_indices() {
        if c.is_alphabetic() {
            if word_start.is_none() || word_end != idx {
                word_start = Some(idx);
            }
            word_end = idx + c.len_utf8();
        } else if c == ':' {
            colons += 1;
            if colons > 1
                && let Some(start) = word_start
                && idx - word_end <= 3
                && line[word_end..idx].trim_matches(['*', ' ']).is_empty()
            {
                let word = line[start..word_end].to_lowercase();
                if let Some(&(_, f)) = HEADER_FIELDS.iter().find(|(name, _)| *name == word)
                    && matches!(f, Field::Date | Field::To | Field::Subject | Field::Cc)
                {
                    bits |= field_bit(f);
                }
            }
            word_start = None;
        }
    }
    bits.count_ones() >= 2
}

/// Finds a block of at least three header fields starting at `i` and
/// returns its last line. Wrapped values may sit between fields.
pub(crate) fn header_block(lines: &[&str], i: usize, fenced: &[bool]) -> Option<usize> {
    let first = header_field(lines[i])?;
    if is_single_line_header(lines[i]) {
        return Some(i);
    }
    let mut fields = 0;
    let mut bits = 0u8;
    let mut last = i;
    let mut k = i;
    let limit = (i + MAX_HEADER_BLOCK_LINES).min(lines.len());
    while k < limit {
        let line = lines[k];
        if fenced[k] || is_blank(line) || strip_quote(line).is_some() || line.len() > 2000 {
            break;
        }
        let field = if k == i {
            Some(first)
        } else {
            header_field(line)
        };
        if let Some(f) = field {
            fields += 1;
            bits |= field_bit(f);
            last = k;
        } else if k - last > 2 {
            break;
        }
        k += 1;
    }
    let identifying = bits & (field_bit(Field::From) | field_bit(Field::Subject)) != 0;
    (fields >= 3 && bits.count_ones() >= 2 && identifying).then_some(last)
}

/// Attribution that may wrap over a few lines, starting at an unquoted line.
fn attribution_span(lines: &[&str], i: usize, fenced: &[bool]) -> Option<usize> {
    let first = lines[i].trim();
    if first.len() > MAX_MARKER_LINE || !could_start(first) {
        return None;
    }
    window_attribution(lines, i, fenced, |line| {
        // Wrapped attributions sometimes carry a stray ">" ("<x@y.org\n>:").
        Some(line.trim_start_matches(|c: char| c == '>' || c.is_whitespace()))
    })
}

/// Attribution inside a quote ("> On … wrote:"), possibly wrapped over
/// further quoted lines.
fn quoted_marker_span(lines: &[&str], i: usize, fenced: &[bool]) -> Option<usize> {
    let (_, content) = strip_quote(lines[i])?;
    if is_forward_marker(content) {
        return Some(i);
    }
    let content = content.trim();
    if content.len() > MAX_MARKER_LINE || !could_start(content) {
        return None;
    }
    window_attribution(lines, i, fenced, |line| strip_quote(line).map(|(_, c)| c))
}

/// Joins line `i` with up to a few following lines and reports the last
/// line of the shortest window that reads as an attribution.
fn window_attribution<'a>(
    lines: &[&'a str],
    i: usize,
    fenced: &[bool],
    content_of: impl Fn(&'a str) -> Option<&'a str>,
) -> Option<usize> {
    let first = content_of(lines[i])?.trim();
    let mut joined = String::from(first);
    if could_close(first) && is_attribution(&joined) {
        return Some(absorb_bare_wrote(lines, i, &content_of));
    }
    let mut blanks = 0;
    let mut ended_sentence = ends_sentence(first);
    let limit = (i + 1 + MAX_ATTRIBUTION_EXTRA_LINES).min(lines.len());
    for (k, line) in lines.iter().enumerate().take(limit).skip(i + 1) {
        if fenced[k] || line.len() > 300 {
            break;
        }
        if is_blank(line) {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            continue;
        }
        let Some(content) = content_of(line) else {
            break;
        };
        let content = content.trim();
        // A finished sentence, or a line that opens a new attribution or a
        // new date, means the window has run past the header.
        if content.is_empty()
            || (ended_sentence && !contains_wrote(&joined))
            || starts_new_header(content)
        {
            break;
        }
        joined.push(' ');
        joined.push_str(content);
        if joined.len() > 2 * MAX_MARKER_LINE {
            break;
        }
        if could_close(content) && is_attribution(&joined) {
            return Some(absorb_bare_wrote(lines, k, &content_of));
        }
        ended_sentence = ends_sentence(content);
    }
    None
}

/// A header that already reads as complete ("On <date>, X <x@y.org>") may
/// still have its verb wrapped onto the next line ("> wrote:"); that line
/// belongs to it.
fn absorb_bare_wrote<'a>(
    lines: &[&'a str],
    k: usize,
    content_of: &impl Fn(&'a str) -> Option<&'a str>,
) -> usize {
    let Some(next) = lines.get(k + 1).and_then(|l| content_of(l)) else {
        return k;
    };
    let low = lower_chars(next.trim());
    let Some((start, end, _)) = find_wrote(&low) else {
        return k;
    };
    let after: String = low[end..].iter().collect();
    let after = after.trim();
    let after = after.strip_prefix("(a)").unwrap_or(after).trim();
    let before_is_short = low[..start].iter().filter(|c| c.is_alphabetic()).count() <= 3;
    if before_is_short && matches!(after, "" | ":" | "：") {
        k + 1
    } else {
        k
    }
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['.', '!', '?'])
}

fn starts_new_header(content: &str) -> bool {
    let first = content.split_whitespace().next().unwrap_or("");
    first.starts_with(|c: char| c.is_ascii_digit()) || is_lead_word(first)
}

fn is_lead_word(token: &str) -> bool {
    let t = token.trim_end_matches([',', '.']).to_lowercase();
    LEAD_WORDS.contains(&t.as_str())
}

/// Cheap filter for lines that might open an attribution.
fn could_start(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '-' | '*' | '_'));
    if t.starts_with('在') {
        return true;
    }
    let mut tokens = t.split_whitespace();
    let Some(first) = tokens.next() else {
        return false;
    };
    if is_lead_word(first) || digit_in_first_tokens(t) {
        return true;
    }
    t.contains('@') || contains_wrote(t)
}

/// Whether any word of `s` is a "wrote" word; an allocation-free
/// pre-check for the exact search in [`find_wrote`].
fn contains_wrote(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric()).any(|w| {
        (4..=24).contains(&w.len())
            && (WROTE_WORDS
                .iter()
                .any(|(x, _)| x.len() == w.len() && x.eq_ignore_ascii_case(w))
                || w.ends_with("写道")
                || w.ends_with("寫道"))
    })
}

/// Cheap filter for lines that might end an attribution.
fn could_close(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '_'));
    t.ends_with([':', '：', '>']) || contains_wrote(t) || {
        let l = t.to_ascii_lowercase();
        l.contains("gmt")
    }
}

fn digit_in_first_tokens(t: &str) -> bool {
    t.split_whitespace()
        .take(3)
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

fn lower_chars(s: &str) -> Vec<char> {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                c.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect()
}

/// The lexicon's "wrote" words as char slices, built once.
fn wrote_table() -> &'static [(Vec<char>, bool)] {
    static TABLE: OnceLock<Vec<(Vec<char>, bool)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        WROTE_WORDS
            .iter()
            .map(|&(w, trailing)| (w.chars().collect(), trailing))
            .collect()
    })
}

/// Finds the last "wrote" word; returns its char range and whether the
/// language may put the name after it.
///
/// Works word by word from the end, so the cost is one pass over the text
/// whatever the size of the lexicon.
fn find_wrote(low: &[char]) -> Option<(usize, usize, bool)> {
    let table = wrote_table();
    let mut end = low.len();
    while end > 0 {
        if !low[end - 1].is_alphanumeric() {
            end -= 1;
            continue;
        }
        let mut start = end;
        while start > 0 && low[start - 1].is_alphanumeric() {
            start -= 1;
        }
        let word = &low[start..end];
        if (4..=11).contains(&word.len())
            && let Some((_, trailing)) = table.iter().find(|(w, _)| w.as_slice() == word)
        {
            return Some((start, end, *trailing));
        }
        // Chinese has no spaces: the verb ends a run of ideographs.
        if word.len() >= 2
            && word[word.len() - 1] == '道'
            && matches!(word[word.len() - 2], '写' | '寫')
        {
            return Some((end - 2, end, false));
        }
        end = start;
    }
    None
}

fn has_time(t: &[char]) -> bool {
    let digit = |k: usize| t.get(k).is_some_and(|c| c.is_ascii_digit());
    let n = t.len();
    let mut i = 0;
    while i < n {
        if !t[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && t[j].is_ascii_digit() {
            j += 1;
        }
        if j - i <= 2
            && matches!(t.get(j), Some(':' | '.'))
            && digit(j + 1)
            && digit(j + 2)
            && !digit(j + 3)
        {
            return true;
        }
        i = j;
    }
    false
}

fn has_year(t: &[char]) -> bool {
    let n = t.len();
    let mut i = 0;
    while i < n {
        if t[i].is_ascii_digit() {
            let mut j = i;
            while j < n && t[j].is_ascii_digit() {
                j += 1;
            }
            if j - i == 4 && matches!((t[i], t[i + 1]), ('1', '9') | ('2', '0')) {
                return true;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    false
}

/// A numeric date such as 2016-10-24, 2013/7/20 or 21.04.2016.
fn has_numeric_date(t: &[char]) -> bool {
    let n = t.len();
    let mut i = 0;
    while i < n {
        if !t[i].is_ascii_digit() || (i > 0 && t[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut groups = 0;
        let mut j = i;
        let mut sep = None;
        loop {
            let s = j;
            while j < n && t[j].is_ascii_digit() {
                j += 1;
            }
            if j == s || j - s > 4 {
                break;
            }
            groups += 1;
            if groups == 3 {
                return true;
            }
            match t.get(j) {
                Some(&c) if matches!(c, '-' | '/' | '.') && sep.is_none_or(|p| p == c) => {
                    sep = Some(c);
                    j += 1;
                }
                _ => break,
            }
        }
        i = j.max(i + 1);
    }
    false
}

/// Whether `prefix` reads as more than one sentence, which an attribution
/// never does ("On Monday we shipped 12345. The customer wrote:").
fn has_sentence_break(prefix: &[char]) -> bool {
    for (k, &c) in prefix.iter().enumerate() {
        if c == '!' || c == '?' {
            return true;
        }
        if c != '.' {
            continue;
        }
        if !prefix.get(k + 1).is_some_and(|c| c.is_whitespace()) {
            continue;
        }
        let next: String = prefix[k + 1..]
            .iter()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| c.is_alphabetic())
            .collect();
        let mut chars = next.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase)
            && next.chars().count() >= 2
            && chars.all(char::is_lowercase);
        if !capitalised {
            continue;
        }
        let before: String = prefix[..k]
            .iter()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let before_l = before.to_lowercase();
        let initial = before.chars().count() == 1 && before.chars().all(char::is_uppercase);
        let next_l = next.to_lowercase();
        if initial
            || TITLES.contains(&before_l.as_str())
            || CALENDAR_WORDS.contains(&next_l.as_str())
            || CALENDAR_WORDS.contains(&before_l.as_str())
        {
            continue;
        }
        return true;
    }
    false
}

/// Whether a (joined) line is an attribution that introduces a quoted or
/// embedded earlier message, in any of the supported languages.
pub(crate) fn is_attribution(s: &str) -> bool {
    let t = s
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '-' | '*' | '_'))
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '*' | '_'));
    let chars: Vec<char> = t.chars().collect();
    if chars.len() < 6 || chars.len() > 2 * MAX_MARKER_LINE {
        return false;
    }
    let low = lower_chars(t);
    wrote_attribution(t, &chars, &low)
        || date_email_attribution(t, &chars)
        || iso_gmt_attribution(&chars)
}

/// "On <date>, <name> wrote:", "Am … schrieb …:", "<name> kirjoitti <date>:".
fn wrote_attribution(t: &str, chars: &[char], low: &[char]) -> bool {
    let Some((start, end, trailing)) = find_wrote(low) else {
        return false;
    };
    let after: String = low[end..].iter().collect();
    let after = after.trim_start();
    let after = after
        .strip_prefix("(a)")
        .or_else(|| after.strip_prefix("(а)"))
        .unwrap_or(after)
        .trim();
    let closes = matches!(after, "" | ":" | "：")
        || (trailing && after.ends_with([':', '：']) && after.chars().count() <= 120);
    if !closes {
        return false;
    }
    let prefix = &chars[..start];
    let prefix_str: String = prefix.iter().collect();
    let prefix_trim = prefix_str.trim();
    if prefix_trim.chars().count() < 2 || prefix_trim.split_whitespace().count() > 30 {
        return false;
    }
    let evidence = has_time(chars)
        || has_year(chars)
        || t.contains('@')
        || prefix_trim.to_lowercase().contains(" via ");
    if !evidence {
        return false;
    }
    let first = prefix_trim.split_whitespace().next().unwrap_or("");
    let starts_well = is_lead_word(first)
        || prefix_trim.starts_with('在')
        || digit_in_first_tokens(t)
        || prefix_trim.contains('@')
        || prefix_trim.contains('<')
        || prefix_trim.to_lowercase().contains(" via ")
        || (trailing && after.chars().any(|c| c.is_ascii_digit()));
    starts_well && !has_sentence_break(prefix)
}

/// Gmail's older "2013/7/20 Name <name@example.org>" and the Russian
/// "вт, 5 янв. 2016 г. в 23:39, Name <name@example.org>:".
fn date_email_attribution(t: &str, chars: &[char]) -> bool {
    // The date leads ("2013/7/20 Name <…>", "вт, 5 янв. 2016 г. …"); a
    // date further in is an order line or prose that merely ends with an
    // address.
    let date_leads = t
        .split_whitespace()
        .take(2)
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    if chars.len() > 250 || !date_leads || t.contains('#') {
        return false;
    }
    let trimmed = t.trim_end_matches(|c: char| c == ':' || c == '：' || c.is_whitespace());
    let Some(inner) = trimmed
        .strip_suffix('>')
        .and_then(|s| s.rfind('<').map(|lt| &s[lt + 1..]))
    else {
        return false;
    };
    let inner = inner.trim();
    if !inner.contains('@') || inner.contains(char::is_whitespace) {
        return false;
    }
    (has_time(chars) || has_numeric_date(chars)) && !has_sentence_break(chars)
}

/// Gmail's "2016-03-03 17:21 GMT+01:00 Some One" (name, no address).
fn iso_gmt_attribution(chars: &[char]) -> bool {
    if chars.len() > 150 || chars.len() < 20 {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| chars[range].iter().all(|c| c.is_ascii_digit());
    let iso = digits(0..4) && chars[4] == '-' && digits(5..7) && chars[7] == '-' && digits(8..10);
    if !iso {
        return false;
    }
    let rest: String = chars[10..].iter().collect();
    let rest = rest.trim_start();
    let time_len = rest.find(' ').unwrap_or(0);
    let time = &rest[..time_len];
    time.contains(':')
        && time.chars().all(|c| c.is_ascii_digit() || c == ':')
        && rest[time_len..].trim_start().starts_with("GMT")
        && !rest.ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributions_in_many_languages() {
        let yes = [
            "On Mon, Feb 1, 2016 at 4:58 AM -0800, \"Some One\" <foo@bar.com> wrote:",
            "On 28 Jan 2016, at 19:04, Some One wrote:",
            "At 6/16/2016 08:32 PM, you wrote:",
            "Am 03.02.2016 3:35 nachm. schrieb Max Mustermann <noreply@example.org>:",
            "Am 28.01.2016 um 19:04 schrieb Some One:",
            "Max Mustermann <max@example.org> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:",
            "Le 4 janv. 2016 19:03, \"Neil Lalonde\" <info@example.org> a écrit :",
            "Le 2016-11-16 02:22, Erlend Sogge Heggen a écrit\u{a0}:",
            "Il 26 marzo 2016 alle 13.16 Sam Saffron <info@example.org> ha scritto:",
            "Il giorno gio 26 mar 2016 alle ore 13:16 Sam <sam@example.org> ha scritto:",
            "El jueves, 21 de noviembre de 2013, codinghorror escribió:",
            "Em 2 de fevereiro de 2015 10:58, discourse <info@example.org> escreveu:",
            "Op 16 aug. 2014 05:13 schreef \"codinghorror\" <info@example.org> het volgende geschreven:",
            "Op do 4 jan. 2016 om 19:03 schreef Neil <neil@example.org>:",
            "Dnia 14 lip 2015 o godz. 00:25 Michael Downey <info@example.org> napisał(a):",
            "W dniu 28.01.2016 o 19:04, Jan Kowalski pisze:",
            "23 mar 2017 21:25 \"Neil Lalonde\" <meta@example.org> napisał(a):",
            "Den 15. jun. 2016 kl. 20.42 skrev Jeff Atwood <info@example.org>:",
            "Den tors 4 jan. 2016 kl 19:03 skrev Neil <neil@example.org>:",
            "tor. 4. jan. 2016 kl. 19:03 skrev Neil <neil@example.org>:",
            "to 4. tammik. 2016 klo 19.03 Neil <neil@example.org> kirjoitti:",
            "Neil <neil@example.org> kirjoitti 4.1.2016 kello 19.03:",
            "---- On Tue, 22 Dec 2015 14:17:36 +0530 Sam Saffron&lt;info@example.org&gt; wrote ----",
            "Some One <info@example.org> wrote:",
            "2013/7/20 sam via Discourse Meta <info@example.org>",
            "2016-03-03 17:21 GMT+01:00 Some One",
            "20 окт. 2016 г. 19:37 пользователь \"Rafael\" <meta@example.org> написал:",
            "在 2016年12月12日，下午8:45，Erlend <meta@example.org> 写道：",
        ];
        for line in yes {
            assert!(is_attribution(line), "should be an attribution: {line}");
        }
    }

    #[test]
    fn prose_is_not_an_attribution() {
        let no = [
            "On this day I wrote something",
            "On your remote host you can run:",
            "One outstanding question I had:",
            "On Monday we shipped order 12345. The customer wrote:",
            "I wrote to you on 5 May 2020 about my order",
            "At 5pm the courier said:",
            "Bob wrote 2 things:",
            "Order #123-456 placed 2024-01-05 12:00 by John <john@example.com>",
            "Shipped on 2024-01-05 12:00 to John <john@example.com>",
        ];
        for line in no {
            assert!(
                !is_attribution(line),
                "should not be an attribution: {line}"
            );
        }
    }

    #[test]
    fn mobile_signatures() {
        let yes = [
            "Sent from my iPhone",
            "Sent from my Verizon Wireless BlackBerry",
            "Sent from my HTC M8 Android phone.  Please excuse typoze",
            "Sent from Mail for Windows 10",
            "Get Outlook for iOS<https://aka.ms/o0ukef>",
            "Get [Outlook for Android](https://aka.ms/ghei36)",
            "Von meinem iPhone gesendet",
            "Envoyé de mon iPhone",
            "Inviato da iPhone",
            "Enviado desde mi iPhone",
            "Enviado do meu iPhone",
            "Verstuurd vanaf mijn iPhone",
            "Wysłane z iPhone'a",
            "Skickat från min iPhone",
            "Sendt fra min iPad",
            "Lähetetty iPhonesta",
            "(Sent from mobile device)",
        ];
        for line in yes {
            assert!(is_mobile_signature(line), "should be a signature: {line}");
        }
        let no = [
            "Sent from my desk, is much easier then my mobile phone.",
            "Sent by DHL on Monday",
            "Sent via UPS",
            "Inviato da Amazon il 5 maggio",
            "From my experience, the item is broken",
        ];
        for line in no {
            assert!(
                !is_mobile_signature(line),
                "should not be a signature: {line}"
            );
        }
    }

    #[test]
    fn forward_markers() {
        for line in [
            "-----Original Message-----",
            "*-------- Original Message --------*",
            "---------- Forwarded message ---------",
            "-----Ursprüngliche Nachricht-----",
            "-------- Message d'origine --------",
            "-----Mensaje original-----",
            "Begin forwarded message:",
            "Anfang der weitergeleiteten Nachricht:",
            "-------- Messaggio originale --------",
            "-----Oorspronkelijk bericht-----",
            "-----Wiadomość oryginalna-----",
            "-----Mensagem original-----",
            "-----Ursprungligt meddelande-----",
            "-----Oprindelig meddelelse-----",
            "-----Opprinnelig melding-----",
            "-----Alkuperäinen viesti-----",
        ] {
            assert!(is_forward_marker(line), "should be a marker: {line}");
        }
        assert!(!is_forward_marker("The original message was lost"));
        assert!(!is_forward_marker("Forwarded"));
    }

    #[test]
    fn header_fields_and_blocks() {
        assert_eq!(header_field("*From:* Outlook user"), Some(Field::From));
        assert_eq!(header_field("De : Jean <j@example.org>"), Some(Field::From));
        assert_eq!(header_field("Sent: no digits here"), None);
        assert_eq!(header_field("Hello: world"), None);
        let block = [
            "Von: A",
            "Gesendet: Montag, 5. Juni 2017 12:22",
            "An: B",
            "Betreff: C",
        ];
        assert_eq!(header_block(&block, 0, &[false; 4]), Some(3));
        let one = ["From: A Sent: 5 June 2017 To: B Subject: C"];
        assert_eq!(header_block(&one, 0, &[false]), Some(0));
        let prose = ["To: John", "Thanks for the order", "Cheers"];
        assert_eq!(header_block(&prose, 0, &[false; 3]), None);
    }

    #[test]
    fn delimiters_and_quotes() {
        assert!(is_delimiter("-- "));
        assert!(is_delimiter("  ______"));
        assert!(is_delimiter("ᐧ"));
        assert!(!is_delimiter("-"));
        assert!(!is_delimiter("—Ryan"));
        assert_eq!(strip_quote("> > hi"), Some((2, "hi")));
        assert_eq!(strip_quote("C> hi"), Some((1, "hi")));
        assert_eq!(strip_quote("Richard> hi"), None);
        assert_eq!(strip_quote("hi > there"), None);
    }
}
