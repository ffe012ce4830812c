//! Amounts with currency and calendar dates.
//!
//! Both work on a small token stream built from the original text (numbers
//! keep their separators here, unlike in cue matching), so spans point back
//! into the caller's text.

use serde::Serialize;

/// A money amount. `value` is a decimal string with at least two decimals
/// (`"15.00"`, `"1299.99"`), never a float, so it can be parsed losslessly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Amount {
    pub value: String,
    /// ISO 4217 code.
    pub currency: String,
    /// The text as written, e.g. `"15,00 €"`.
    pub text: String,
}

/// A calendar date (no time zone; customers do not give one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A valid date or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let ok = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (1900..=2200).contains(&year);
        ok.then_some(Date { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    fn days(&self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A date as mentioned in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// The text as written, e.g. `"3. März"`.
    pub text: String,
    /// `YYYY-MM-DD` when the date is unambiguous (year given or a reference
    /// date supplied, and day/month order known).
    pub iso: Option<String>,
    /// Byte range in the analysed text.
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// Digits with inner separators, e.g. `1.299,99`, `24.11.2026`.
    Num(String),
    /// Folded letters.
    Word(String),
    /// `€ £ $` and other single symbols.
    Sym(char),
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
    /// Whitespace (or nothing) before this token since the previous one.
    space_before: bool,
}

fn fold_lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lc = c.to_lowercase().next().unwrap_or(c);
    if lc.is_ascii() {
        return lc;
    }
    match crate::normalize::fold_char(lc) {
        Some(s) => s.chars().next().unwrap_or(lc),
        None => lc,
    }
}

fn is_group_space(c: char) -> bool {
    // French thousands separators; a plain space is too ambiguous ("2 150 €").
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut space_before = true;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_whitespace() || is_group_space(c) {
            space_before = true;
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let start = pos;
            let mut s = String::new();
            while i < chars.len() {
                let c = chars[i].1;
                let next_digit = chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit());
                if c.is_ascii_digit() || (matches!(c, '.' | ',' | '/' | '-' | '\'') && next_digit) {
                    s.push(c);
                } else if is_group_space(c) && next_digit {
                    s.push(' ');
                } else {
                    break;
                }
                i += 1;
                if s.len() > 40 {
                    // Long digit runs are ids or noise, never amounts or dates.
                    while i < chars.len() && chars[i].1.is_ascii_digit() {
                        i += 1;
                    }
                    break;
                }
            }
            let end = chars.get(i).map_or(text.len(), |(p, _)| *p);
            toks.push(Token {
                kind: Kind::Num(s),
                start,
                end,
                space_before,
            });
            space_before = false;
            continue;
        }
        if c.is_alphabetic() {
            let start = pos;
            let from = i;
            while i < chars.len() && chars[i].1.is_alphabetic() {
                i += 1;
            }
            let s: String = chars[from..i].iter().map(|&(_, c)| fold_lower(c)).collect();
            let end = chars.get(i).map_or(text.len(), |(p, _)| *p);
            toks.push(Token {
                kind: Kind::Word(s),
                start,
                end,
                space_before,
            });
            space_before = false;
            continue;
        }
        toks.push(Token {
            kind: Kind::Sym(c),
            start: pos,
            end: pos + c.len_utf8(),
            space_before,
        });
        space_before = false;
        i += 1;
    }
    toks
}

// ---------------------------------------------------------------- amounts

fn currency_symbol(c: char) -> Option<&'static str> {
    match c {
        '€' => Some("EUR"),
        '£' => Some("GBP"),
        '$' => Some("USD"),
        '¥' => Some("JPY"),
        _ => None,
    }
}

/// Currency words and codes, folded. Plain "livres" is left out: in French
/// it mostly means books.
fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "eur" | "euro" | "euros" | "eu" => "EUR",
        "usd" | "dollar" | "dollars" | "dolares" | "dolar" | "dollari" | "dollaro" | "bucks" => {
            "USD"
        }
        "gbp" | "pound" | "pounds" | "pfund" | "sterling" | "sterline" | "sterlina" | "libras"
        | "libra" | "quid" => "GBP",
        "pln" | "zl" | "zloty" | "zlotych" | "zlote" | "zlotys" => "PLN",
        "chf" | "franken" => "CHF",
        "cad" => "CAD",
        "aud" => "AUD",
        "sek" => "SEK",
        "dkk" => "DKK",
        "czk" => "CZK",
        "mxn" => "MXN",
        _ => return None,
    })
}

/// Parses `1.299,99`, `1,299.99`, `15,5`, `1 299,00` into `"1299.99"` form.
fn parse_number(raw: &str) -> Option<String> {
    if raw.contains('/') || raw.contains('-') {
        return None;
    }
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut last = 0;
    for (i, c) in raw.char_indices() {
        if !c.is_ascii_digit() {
            groups.push(&raw[last..i]);
            seps.push(c);
            last = i + c.len_utf8();
        }
    }
    groups.push(&raw[last..]);
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let (int_groups, dec): (&[&str], &str) = match (seps.last(), groups.last()) {
        (None, _) => (&groups[..], ""),
        (Some(&sep), Some(lastg)) if lastg.len() <= 2 && matches!(sep, '.' | ',') => {
            // Decimal separator; anything before must be consistent thousands.
            let thousands = &seps[..seps.len() - 1];
            if thousands.contains(&sep) {
                return None;
            }
            (&groups[..groups.len() - 1], *lastg)
        }
        (Some(_), Some(lastg)) if lastg.len() == 3 => {
            let first = seps[0];
            if seps.iter().any(|&s| s != first) {
                return None;
            }
            (&groups[..], "")
        }
        _ => return None,
    };
    // Thousands groups after the first must have exactly three digits.
    if int_groups.len() > 1
        && (int_groups[0].len() > 3 || int_groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    let int: String = int_groups.concat();
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if int.len() > 12 {
        return None;
    }
    let dec = match dec.len() {
        0 => "00".to_string(),
        1 => format!("{dec}0"),
        _ => dec.to_string(),
    };
    Some(format!("{int}.{dec}"))
}

/// The tokens of one text, computed once when both amounts and dates are wanted.
pub(crate) struct Tokens(Vec<Token>);

impl Tokens {
    pub(crate) fn of(text: &str) -> Tokens {
        // Every amount and every date has a digit; most messages without
        // one need no tokens at all.
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return Tokens(Vec::new());
        }
        Tokens(tokenize(text))
    }
}

/// Finds amounts written with a currency symbol, code or word on either side.
pub fn extract_amounts(text: &str) -> Vec<Amount> {
    amounts_in(text, &Tokens::of(text))
}

/// [`extract_amounts`] over tokens already made from `text`.
pub(crate) fn amounts_in(text: &str, toks: &Tokens) -> Vec<Amount> {
    let toks = &toks.0;
    let mut out: Vec<Amount> = Vec::new();
    let mut used_until = 0usize;
    let cur_at = |i: usize| -> Option<(&'static str, usize)> {
        // Returns currency and index of the last token of the currency mark.
        let t = toks.get(i)?;
        match &t.kind {
            Kind::Sym(c) => currency_symbol(*c).map(|c| (c, i)),
            Kind::Word(w) => {
                // "US$", "C$", "A$" prefixes.
                if let Some(Token {
                    kind: Kind::Sym('$'),
                    space_before: false,
                    ..
                }) = toks.get(i + 1)
                {
                    let code = match w.as_str() {
                        "us" => Some("USD"),
                        "c" | "ca" | "can" => Some("CAD"),
                        "a" | "au" => Some("AUD"),
                        _ => None,
                    };
                    if let Some(code) = code {
                        return Some((code, i + 1));
                    }
                }
                currency_word(w).map(|c| (c, i))
            }
            Kind::Num(_) => None,
        }
    };
    let mut i = 0;
    while i < toks.len() {
        if toks[i].start < used_until {
            i += 1;
            continue;
        }
        // Currency first: "€15", "EUR 15.00", "US$ 20".
        if let Some((cur, last)) = cur_at(i)
            && let Some(Token {
                kind: Kind::Num(n),
                end,
                ..
            }) = toks.get(last + 1)
            && !num_followed_by_letters(toks, last + 1)
            && let Some(v) = parse_number(n)
        {
            push_amount(&mut out, text, toks[i].start, *end, v, cur);
            used_until = *end;
            i = last + 2;
            continue;
        }
        // Number first: "15,00 €", "15 euros", "15€", "15,- €".
        if let Kind::Num(n) = &toks[i].kind {
            let mut j = i + 1;
            // German "15,- €" / "15.-".
            if matches!(toks.get(j).map(|t| &t.kind), Some(Kind::Sym(',' | '.')))
                && matches!(toks.get(j + 1).map(|t| &t.kind), Some(Kind::Sym('-')))
            {
                j += 2;
            }
            if let Some((cur, last)) = cur_at(j)
                && let Some(v) = parse_number(n)
            {
                let end = toks[last].end;
                push_amount(&mut out, text, toks[i].start, end, v, cur);
                used_until = end;
                i = last + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// "€5x" or "$10k" style glued letters make the number something else.
fn num_followed_by_letters(toks: &[Token], i: usize) -> bool {
    matches!(
        toks.get(i + 1),
        Some(Token {
            kind: Kind::Word(w),
            space_before: false,
            ..
        }) if currency_word(w).is_none()
    )
}

fn push_amount(
    out: &mut Vec<Amount>,
    text: &str,
    start: usize,
    end: usize,
    value: String,
    cur: &str,
) {
    out.push(Amount {
        value,
        currency: cur.to_string(),
        text: text.get(start..end).unwrap_or_default().to_string(),
    });
}

// ---------------------------------------------------------------- dates

/// Month from a folded word, with whether the word is a full name (month-first
/// English forms only accept those, to keep "may 2 items" out).
fn month_of(w: &str) -> Option<(u32, bool)> {
    let full = |m| Some((m, true));
    let abbr = |m| Some((m, false));
    match w {
        "january" | "januar" | "janner" | "janvier" | "gennaio" | "enero" => full(1),
        "jan" | "janv" | "gen" | "ene" => abbr(1),
        "february" | "februar" | "feber" | "fevrier" | "febbraio" | "febrero" => full(2),
        "feb" | "fev" | "fevr" | "febr" => abbr(2),
        "march" | "marz" | "maerz" | "mars" | "marzo" => full(3),
        "mar" | "mrz" => abbr(3),
        "april" | "avril" | "aprile" | "abril" => full(4),
        "apr" | "avr" | "abr" => abbr(4),
        "may" | "mai" | "maggio" | "mayo" => full(5),
        "mag" => abbr(5),
        "june" | "juni" | "juin" | "giugno" | "junio" => full(6),
        "jun" | "giu" => abbr(6),
        "july" | "juli" | "juillet" | "luglio" | "julio" => full(7),
        "jul" | "juil" | "lug" => abbr(7),
        "august" | "aout" | "agosto" => full(8),
        "aug" | "ago" => abbr(8),
        "september" | "septembre" | "settembre" | "septiembre" | "setiembre" => full(9),
        "sep" | "sept" | "set" => abbr(9),
        "october" | "oktober" | "octobre" | "ottobre" | "octubre" => full(10),
        "oct" | "okt" | "ott" => abbr(10),
        "november" | "novembre" | "noviembre" => full(11),
        "nov" => abbr(11),
        "december" | "dezember" | "decembre" | "dicembre" | "diciembre" => full(12),
        "dec" | "dez" | "dic" => abbr(12),
        _ => None,
    }
}

fn small_num(t: Option<&Token>) -> Option<u32> {
    match t.map(|t| &t.kind) {
        Some(Kind::Num(n)) if n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()) => {
            n.parse().ok()
        }
        _ => None,
    }
}

fn year_num(t: Option<&Token>) -> Option<i32> {
    match t.map(|t| &t.kind) {
        Some(Kind::Num(n)) if n.len() == 4 && n.chars().all(|c| c.is_ascii_digit()) => {
            let y: i32 = n.parse().ok()?;
            (1990..=2100).contains(&y).then_some(y)
        }
        _ => None,
    }
}

fn is_word(t: Option<&Token>, words: &[&str]) -> bool {
    matches!(t.map(|t| &t.kind), Some(Kind::Word(w)) if words.contains(&w.as_str()))
}

fn is_sym(t: Option<&Token>, c: char) -> bool {
    matches!(t.map(|t| &t.kind), Some(Kind::Sym(x)) if *x == c)
}

const ORDINAL_SUFFIX: &[&str] = &["st", "nd", "rd", "th", "er", "eme", "o", "a", "e"];

/// Picks the year for a year-less date. Customers mostly cite past dates
/// (ordered, delivered) and sometimes near-future ones (promised delivery),
/// so the latest candidate at most 60 days after the reference wins.
fn resolve_year(month: u32, day: u32, reference: Option<Date>) -> Option<Date> {
    let r = reference?;
    (r.year - 1..=r.year + 1)
        .filter_map(|y| Date::new(y, month, day))
        .filter(|d| d.days() - r.days() <= 60)
        .max()
}

fn expand_year(y: i32) -> i32 {
    if y < 100 { 2000 + y } else { y }
}

/// Finds dates. `lang` decides day/month order for slash dates where both
/// parts could be a month ("03/04/2026": day-first outside English; no ISO
/// in English, where both orders are used).
pub fn extract_dates(text: &str, lang: Option<&str>, reference: Option<Date>) -> Vec<DateMention> {
    dates_in(text, &Tokens::of(text), lang, reference)
}

/// [`extract_dates`] over tokens already made from `text`.
pub(crate) fn dates_in(
    text: &str,
    toks: &Tokens,
    lang: Option<&str>,
    reference: Option<Date>,
) -> Vec<DateMention> {
    let toks = &toks.0;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((m, next)) = numeric_date(toks, i, lang, reference)
            .or_else(|| day_month_words(toks, i, reference))
            .or_else(|| month_day_words(toks, i, reference))
        {
            let (start, end) = (toks[i].start, toks[next - 1].end);
            out.push(DateMention {
                text: text.get(start..end).unwrap_or_default().to_string(),
                iso: m,
                start,
                end,
            });
            i = next;
            continue;
        }
        i += 1;
    }
    out
}

type Found = (Option<String>, usize);

fn numeric_date(
    toks: &[Token],
    i: usize,
    lang: Option<&str>,
    reference: Option<Date>,
) -> Option<Found> {
    let Kind::Num(n) = &toks[i].kind else {
        return None;
    };
    // A currency right after means a price ("3.11 €"), not a date.
    let next_is_money = match toks.get(i + 1).map(|t| &t.kind) {
        Some(Kind::Sym(c)) => currency_symbol(*c).is_some(),
        Some(Kind::Word(w)) => currency_word(w).is_some(),
        _ => false,
    };
    if next_is_money {
        return None;
    }
    let sep = n.chars().find(|c| !c.is_ascii_digit())?;
    let parts: Vec<&str> = n.split(sep).collect();
    if n.chars().any(|c| !c.is_ascii_digit() && c != sep) {
        return None;
    }
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != parts.len() || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    let day_first = !matches!(lang, Some("en") | None);
    match (sep, nums.as_slice(), lens.as_slice()) {
        // ISO 2026-11-24
        ('-', [y, m, d], [4, 1..=2, 1..=2]) => {
            let date = Date::new(*y as i32, *m, *d)?;
            Some((Some(date.iso()), i + 1))
        }
        // 24.11.2026 / 24.11.26 — always day first.
        ('.', [d, m, y], [1..=2, 1..=2, 2 | 4]) => {
            let date = Date::new(expand_year(*y as i32), *m, *d)?;
            Some((Some(date.iso()), i + 1))
        }
        // German "am 3.11." — the trailing dot marks a date, not a price.
        ('.', [d, m], [1..=2, 1..=2])
            if is_sym(toks.get(i + 1), '.') && (1..=31).contains(d) && (1..=12).contains(m) =>
        {
            let iso = resolve_year(*m, *d, reference).map(|x| x.iso());
            Some((iso, i + 2))
        }
        ('/' | '-', [a, b, y], [1..=2, 1..=2, 2 | 4]) => {
            let y = expand_year(*y as i32);
            let (a, b) = (*a, *b);
            let date = if a > 12 {
                Date::new(y, b, a)
            } else if b > 12 || a == b {
                Date::new(y, a, b)
            } else if day_first {
                Date::new(y, b, a)
            } else {
                // English: UK writes day first, US month first. Say so
                // honestly instead of guessing, but still report the mention.
                if Date::new(y, a, b).is_none() && Date::new(y, b, a).is_none() {
                    return None;
                }
                return Some((None, i + 1));
            };
            Some((Some(date?.iso()), i + 1))
        }
        // "le 24/11", "il 5/3": year-less slash dates only after a date word,
        // because "1/2" is usually a fraction or a count.
        ('/', [a, b], [1..=2, 1..=2]) if i > 0 && is_word(toks.get(i - 1), DATE_LEADS) => {
            let (d, m) = if *a > 12 || day_first {
                (*a, *b)
            } else {
                (*b, *a)
            };
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            let iso = resolve_year(m, d, reference).map(|x| x.iso());
            Some((iso, i + 1))
        }
        _ => None,
    }
}

const DATE_LEADS: &[&str] = &[
    "am", "vom", "seit", "bis", "ab", "le", "du", "au", "depuis", "jusqu", "il", "dal", "al",
    "entro", "el", "desde", "hasta", "on", "since", "until", "by", "before", "after",
];

/// "3. März", "24 novembre 2026", "24 de noviembre", "24th of November".
fn day_month_words(toks: &[Token], i: usize, reference: Option<Date>) -> Option<Found> {
    let day = small_num(toks.get(i))?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let mut j = i + 1;
    if let Some(Token {
        kind: Kind::Word(w),
        space_before: false,
        ..
    }) = toks.get(j)
        && ORDINAL_SUFFIX.contains(&w.as_str())
    {
        j += 1;
    }
    if is_sym(toks.get(j), '.') || is_sym(toks.get(j), 'º') || is_sym(toks.get(j), '°') {
        j += 1;
    }
    if is_word(toks.get(j), &["of", "de"]) {
        j += 1;
    }
    let Some(Kind::Word(w)) = toks.get(j).map(|t| &t.kind) else {
        return None;
    };
    let (month, _) = month_of(w)?;
    j += 1;
    if is_sym(toks.get(j), '.')
        && toks
            .get(j + 1)
            .is_some_and(|t| matches!(t.kind, Kind::Num(_)))
    {
        j += 1;
    }
    let mut k = j;
    if is_word(toks.get(k), &["de", "del"]) || is_sym(toks.get(k), ',') {
        k += 1;
    }
    if let Some(y) = year_num(toks.get(k)) {
        let d = Date::new(y, month, day)?;
        return Some((Some(d.iso()), k + 1));
    }
    if day > days_in_month(2024, month) {
        return None;
    }
    Some((resolve_year(month, day, reference).map(|d| d.iso()), j))
}

/// English "November 24, 2026", "Nov 24th".
fn month_day_words(toks: &[Token], i: usize, reference: Option<Date>) -> Option<Found> {
    let Some(Kind::Word(w)) = toks.get(i).map(|t| &t.kind) else {
        return None;
    };
    let (month, _) = month_of(w)?;
    let english_abbr = matches!(
        w.as_str(),
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    );
    let english_full = matches!(
        w.as_str(),
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    );
    if !english_full && !english_abbr {
        return None;
    }
    let mut j = i + 1;
    if is_sym(toks.get(j), '.') {
        j += 1;
    }
    let day = small_num(toks.get(j))?;
    if !(1..=31).contains(&day) {
        return None;
    }
    j += 1;
    let mut ordinal = false;
    if let Some(Token {
        kind: Kind::Word(s),
        space_before: false,
        ..
    }) = toks.get(j)
        && ["st", "nd", "rd", "th"].contains(&s.as_str())
    {
        ordinal = true;
        j += 1;
    }
    let mut k = j;
    if is_sym(toks.get(k), ',') {
        k += 1;
    }
    if let Some(y) = year_num(toks.get(k)) {
        let d = Date::new(y, month, day)?;
        return Some((Some(d.iso()), k + 1));
    }
    // "may 2 items" is not a date; "May 2nd" is.
    if w == "may" && !ordinal {
        return None;
    }
    if day > days_in_month(2024, month) {
        return None;
    }
    Some((resolve_year(month, day, reference).map(|d| d.iso()), j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(s: &str) -> Vec<(String, String)> {
        extract_amounts(s)
            .into_iter()
            .map(|a| (a.value, a.currency))
            .collect()
    }

    fn a(v: &str, c: &str) -> (String, String) {
        (v.to_string(), c.to_string())
    }

    #[test]
    fn amount_formats() {
        assert_eq!(amounts("Ich habe 15,00 € bezahlt"), vec![a("15.00", "EUR")]);
        assert_eq!(amounts("€15 only"), vec![a("15.00", "EUR")]);
        assert_eq!(amounts("EUR 15.00"), vec![a("15.00", "EUR")]);
        assert_eq!(amounts("£12.50 twice"), vec![a("12.50", "GBP")]);
        assert_eq!(amounts("it was $1,299.99!"), vec![a("1299.99", "USD")]);
        assert_eq!(amounts("j'ai payé 15 euros"), vec![a("15.00", "EUR")]);
        assert_eq!(amounts("1.299,99€"), vec![a("1299.99", "EUR")]);
        assert_eq!(amounts("19,5 EUR"), vec![a("19.50", "EUR")]);
        assert_eq!(
            amounts("US$ 20 and 30 dollars"),
            vec![a("20.00", "USD"), a("30.00", "USD")]
        );
        assert_eq!(amounts("1\u{202f}299,00 €"), vec![a("1299.00", "EUR")]);
        assert_eq!(amounts("15,- €"), vec![a("15.00", "EUR")]);
        assert_eq!(amounts("order 12345 from 24.11.2026"), vec![]);
        assert_eq!(amounts("20 zł"), vec![a("20.00", "PLN")]);
    }

    fn dates(s: &str, lang: Option<&str>, r: Option<Date>) -> Vec<(String, Option<String>)> {
        extract_dates(s, lang, r)
            .into_iter()
            .map(|d| (d.text, d.iso))
            .collect()
    }

    #[test]
    fn date_formats() {
        let r = Date::new(2026, 12, 1);
        let d = |t: &str, iso: Option<&str>| (t.to_string(), iso.map(str::to_string));
        assert_eq!(
            dates("bestellt am 24.11.2026", Some("de"), None),
            vec![d("24.11.2026", Some("2026-11-24"))]
        );
        assert_eq!(
            dates("ordered 11/24/2026", Some("en"), None),
            vec![d("11/24/2026", Some("2026-11-24"))]
        );
        assert_eq!(
            dates("ordered 03/04/2026", Some("en"), None),
            vec![d("03/04/2026", None)]
        );
        assert_eq!(
            dates("commandé le 03/04/2026", Some("fr"), None),
            vec![d("03/04/2026", Some("2026-04-03"))]
        );
        assert_eq!(
            dates("le 24 novembre", Some("fr"), r),
            vec![d("24 novembre", Some("2026-11-24"))]
        );
        assert_eq!(
            dates("am 3. März", Some("de"), r),
            vec![d("3. März", Some("2026-03-03"))]
        );
        assert_eq!(
            dates("el 24 de noviembre de 2025", Some("es"), None),
            vec![d("24 de noviembre de 2025", Some("2025-11-24"))]
        );
        assert_eq!(
            dates("on November 24, 2026", Some("en"), None),
            vec![d("November 24, 2026", Some("2026-11-24"))]
        );
        assert_eq!(
            dates("since the 2nd of March", Some("en"), r),
            vec![d("2nd of March", Some("2026-03-02"))]
        );
        assert_eq!(
            dates("it is 2026-01-05", None, None),
            vec![d("2026-01-05", Some("2026-01-05"))]
        );
        assert_eq!(dates("non è mai arrivato", Some("it"), r), vec![]);
        assert_eq!(dates("I may 2 items", Some("en"), r), vec![]);
        assert_eq!(dates("31.02.2026", Some("de"), r), vec![]);
        assert_eq!(
            dates("am 3.11. geliefert", Some("de"), r),
            vec![d("3.11.", Some("2026-11-03"))]
        );
        assert_eq!(
            dates("24 novembre", Some("it"), None),
            vec![d("24 novembre", None)]
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1,299"), Some("1299.00".into()));
        assert_eq!(parse_number("1.299.000,5"), Some("1299000.50".into()));
        assert_eq!(parse_number("1,299.999"), None);
        assert_eq!(parse_number("12,34,56"), None);
    }
}
