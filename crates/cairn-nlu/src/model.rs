//! The learned part of the classifier: hashed features of one message and a
//! one-vs-rest linear model over them, one logistic output per seller intent
//! (`other` excluded) and per risk signal.
//!
//! Features, all hashed into [`BUCKETS`] buckets so that no vocabulary is kept:
//!
//! * word unigrams and bigrams of the folded text (lowercase, accents folded,
//!   numbers reduced to `0`), and `?` as a token;
//! * character 4-grams of each word of four letters or more (with `<` and
//!   `>` marking its ends), for misspellings, inflections and compounds;
//! * negation scope: up to three words after a negator ("not", "nicht",
//!   "pas", "non", "no"…) or up to three before a German/Dutch post-verbal
//!   one ("kam nie an") in the same clause count only as `NOT word` (no
//!   plain unigram, no character n-grams), and bigrams mark them;
//! * the lexicon's view: its score per label, whether it reached the
//!   threshold, every cue that fired (with its label) and every lexicon
//!   feature (ORDER, PARCEL, …) present;
//! * shape: "!!!" or "?!", "!!", mostly capitals, how many question marks,
//!   length; and the detected language.
//!
//! Text features are scaled so that each group (words, character n-grams)
//! has unit length; shape and cue features are 0/1, lexicon features 0.5 and
//! the lexicon's scores their value.
//!
//! The weights are trained offline by `examples/train.rs` (see `learn.rs`) and
//! stored quantised to `i8` per label in `model/weights.bin`, which is
//! compiled in and decoded once.

use crate::LexLabel;
use crate::engine::{self, Mask};
use crate::normalize::{self, Tok};
use std::sync::OnceLock;

/// Seller intents the model scores: `INTENT_LABELS` without `other`.
pub const N_INTENTS: usize = 16;
/// Model outputs: the 16 seller intents, then the 6 signals.
pub const N_LABELS: usize = N_INTENTS + 6;
/// log2 of the number of hash buckets.
pub const BUCKET_BITS: u32 = 17;
/// Number of hash buckets.
pub const BUCKETS: usize = 1 << BUCKET_BITS;

/// Relative weight of the word group (unigrams, bigrams, negated words).
const W_WORDS: f32 = 1.0;
/// Relative weight of the character n-gram group.
const W_CHARS: f32 = 1.0;
/// Length of the character n-grams. 3-, 4- and 5-grams together scored the
/// same in cross-validation as 4-grams alone (within 0.005 macro-F1) at three
/// times the cost per message.
const CHAR_N: usize = 4;
/// Words shorter than this get no character n-grams: their unigram says it all.
const CHAR_MIN_WORD: usize = 4;
/// Words longer than this are cut for character n-grams.
const MAX_WORD: usize = 32;

const WEIGHTS: &[u8] = include_bytes!("../model/weights.bin");
const MAGIC: &[u8; 8] = b"CAIRNLU1";

/// Where a feature came from, to name it in explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A word (token index).
    Word(u32),
    /// A character n-gram of a word (token index).
    CharGram(u32),
    /// A negated word (token index).
    NotWord(u32),
    /// The bigram starting at this token index.
    Bigram(u32),
    /// A lexicon cue: label index and cue index within that label's cues.
    Cue(u8, u16),
    /// The lexicon's score for a label.
    LexScore(u8),
    /// A lexicon feature bit.
    LexFeature(u8),
    /// A shape or context mark.
    Mark(&'static str),
}

impl Origin {
    /// True for features taken from the lexicon's analysis.
    pub fn is_lexicon(self) -> bool {
        matches!(
            self,
            Origin::Cue(..) | Origin::LexScore(_) | Origin::LexFeature(_) | Origin::Mark("account")
        )
    }
}

/// What the lexicon made of a message, before any threshold: the input of
/// the model besides the text.
pub struct LexView<'a> {
    pub intents: &'a [LexLabel],
    pub signals: &'a [LexLabel],
    pub features: Mask,
    pub account_only: bool,
}

impl LexView<'_> {
    /// The lexicon's score per model label (0 when it saw no evidence).
    pub fn scores(&self) -> [f32; N_LABELS] {
        let mut s = [0f32; N_LABELS];
        for i in self.intents {
            if let Some(l) = label_index(i.label) {
                s[l] = s[l].max(i.score);
            }
        }
        for g in self.signals {
            if let Some(l) = label_index(g.label) {
                s[l] = s[l].max(g.score);
            }
        }
        s
    }
}

/// Model label index of an intent or signal name.
pub fn label_index(name: &str) -> Option<usize> {
    if let Some(i) = crate::INTENT_LABELS[..N_INTENTS]
        .iter()
        .position(|l| *l == name)
    {
        return Some(i);
    }
    crate::SIGNAL_LABELS
        .iter()
        .position(|l| *l == name)
        .map(|i| N_INTENTS + i)
}

/// Name of a model label.
pub fn label_name(l: usize) -> &'static str {
    if l < N_INTENTS {
        crate::INTENT_LABELS[l]
    } else {
        crate::SIGNAL_LABELS[l - N_INTENTS]
    }
}

/// Typography of the raw body.
#[derive(Clone, Copy, Default)]
pub struct Shape {
    /// Any letter at all.
    pub letters: bool,
    pub strong_marks: bool,
    pub double_bang: bool,
    pub capitals: bool,
}

impl Shape {
    pub fn of(body: &str) -> Shape {
        // Marks: one pass over the bytes ('!' and '?' are ASCII).
        let (mut strong_marks, mut double_bang) = (false, false);
        let mut prev = [0u8; 2];
        // Every mark looked for has a '!'.
        let marks: &[u8] = if body.as_bytes().contains(&b'!') {
            body.as_bytes()
        } else {
            &[]
        };
        for &b in marks {
            match (prev[0], prev[1], b) {
                (b'!', b'!', b'!') | (_, b'?', b'!') | (_, b'!', b'?') => strong_marks = true,
                (_, b'!', b'!') => double_bang = true,
                _ => {}
            }
            prev = [prev[1], b];
        }
        let double_bang = double_bang && !strong_marks;
        // Words of three or more letters, and how many are all capitals.
        let (mut words, mut caps_words) = (0usize, 0usize);
        let (mut len, mut all_upper) = (0usize, true);
        let mut end_word = |len: &mut usize, all_upper: &mut bool| {
            if *len >= 3 {
                words += 1;
                if *all_upper {
                    caps_words += 1;
                }
            }
            *len = 0;
            *all_upper = true;
        };
        let mut letter = |alpha: bool, upper: bool, len: &mut usize, all_upper: &mut bool| {
            if alpha {
                *len += 1;
                *all_upper &= upper;
            } else {
                end_word(len, all_upper);
            }
        };
        for c in body.chars() {
            if c.is_ascii() {
                letter(
                    c.is_ascii_alphabetic(),
                    c.is_ascii_uppercase(),
                    &mut len,
                    &mut all_upper,
                );
            } else {
                letter(
                    c.is_alphabetic(),
                    c.is_uppercase(),
                    &mut len,
                    &mut all_upper,
                );
            }
        }
        letter(false, false, &mut len, &mut all_upper);
        let letters = words > 0 || body.chars().any(char::is_alphabetic);
        Shape {
            letters,
            strong_marks,
            double_bang,
            capitals: caps_words >= 3 && caps_words * 3 >= words,
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn seed(kind: u64) -> u64 {
    FNV_OFFSET ^ kind.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

#[inline]
fn eat(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
    }
    h
}

#[inline]
fn bucket(h: u64) -> u32 {
    // A final mix spreads FNV's weak high bits.
    let mut x = h ^ (h >> 33);
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    (x >> (64 - BUCKET_BITS)) as u32
}

const K_WORD: u64 = 1;
const K_BIGRAM: u64 = 2;
const K_NOT: u64 = 3;
const K_CHAR: u64 = 4;
const K_CUE: u64 = 5;
const K_LEX: u64 = 6;
const K_LEXFEAT: u64 = 7;
const K_MARK: u64 = 8;

fn mark(name: &str) -> u32 {
    bucket(eat(seed(K_MARK), name.as_bytes()))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Boundary,
    Question,
    Number,
    Foreign,
    Word,
}

fn kind_of(t: &[u8]) -> Kind {
    if t.len() == 1 && t[0] == normalize::QMARK {
        Kind::Question
    } else if t.len() == 1 && normalize::is_boundary_byte(t[0]) {
        Kind::Boundary
    } else if t.iter().all(u8::is_ascii_digit) {
        Kind::Number
    } else if t.contains(&normalize::FOREIGN) {
        Kind::Foreign
    } else {
        Kind::Word
    }
}

/// The token text as a feature: numbers become `0`, foreign words `#`.
fn token_form(t: &[u8], k: Kind) -> &[u8] {
    match k {
        Kind::Number => b"0",
        Kind::Foreign => b"#",
        _ => t,
    }
}

/// Number of character n-grams of a word of `len` bytes with its two end marks.
fn char_grams(len: usize) -> usize {
    (len.min(MAX_WORD) + 2 + 1).saturating_sub(CHAR_N)
}

/// Calls `sink(bucket, value, origin)` for every feature of one message.
/// `toks` are the tokens of `folded`.
pub fn extract(
    folded: &[u8],
    toks: &[Tok],
    lex: &LexView<'_>,
    shape: Shape,
    language: Option<&str>,
    mut sink: impl FnMut(u32, f32, Origin),
) {
    let text = |i: usize| -> &[u8] { &folded[toks[i].start as usize..toks[i].end as usize] };

    let kinds: Vec<Kind> = (0..toks.len()).map(|i| kind_of(text(i))).collect();

    // Pass 1: sizes of the groups, for scaling.
    let mut n_words = 0usize;
    let mut n_chars = 0usize;
    for (i, &k) in kinds.iter().enumerate() {
        let t = text(i);
        match k {
            Kind::Word => {
                n_words += 1;
                if t.len() >= CHAR_MIN_WORD {
                    n_chars += char_grams(t.len());
                }
            }
            Kind::Number | Kind::Foreign | Kind::Question => n_words += 1,
            Kind::Boundary => {}
        }
    }
    let word_v = W_WORDS / ((2 * n_words).max(1) as f32).sqrt();
    let char_v = W_CHARS / (n_chars.max(1) as f32).sqrt();

    // Negation scope: up to three words after a negator, or up to three
    // before a post-verbal one, in the same clause.
    let mut negated = vec![false; toks.len()];
    let mut neg_left = 0u32;
    let mut clause_start = 0usize;
    for (i, &k) in kinds.iter().enumerate() {
        let t = text(i);
        if k == Kind::Boundary || k == Kind::Question {
            neg_left = 0;
            clause_start = i + 1;
            continue;
        }
        if k != Kind::Word {
            continue;
        }
        if engine::is_negator(t) {
            neg_left = 3;
            if engine::is_post_negator(t) {
                let from = clause_start.max(i.saturating_sub(3));
                for (j, n) in negated.iter_mut().enumerate().take(i).skip(from) {
                    let tj = text(j);
                    if kinds[j] == Kind::Word && !engine::is_negator(tj) {
                        *n = true;
                    }
                }
            }
        } else if neg_left > 0 {
            negated[i] = true;
            neg_left -= 1;
        }
    }

    // Pass 2: words and bigrams. A negated word counts only as `NOT word`,
    // and bigrams know which of their words are negated.
    let mut prev: Option<(usize, Kind)> = None;
    for (i, &k) in kinds.iter().enumerate() {
        let t = text(i);
        if k == Kind::Boundary {
            prev = None;
            continue;
        }
        let form = token_form(t, k);
        if negated[i] {
            sink(
                bucket(eat(seed(K_NOT), form)),
                word_v,
                Origin::NotWord(i as u32),
            );
        } else {
            sink(
                bucket(eat(seed(K_WORD), form)),
                word_v,
                Origin::Word(i as u32),
            );
        }
        if let Some((p, pk)) = prev {
            let mut h = eat(seed(K_BIGRAM), token_form(text(p), pk));
            h = eat(h, if negated[p] { b"!" } else { b" " });
            h = eat(h, if negated[i] { b"!" } else { b" " });
            sink(bucket(eat(h, form)), word_v, Origin::Bigram(p as u32));
        }
        prev = Some((i, k));
    }

    // Pass 3: character n-grams of the words not negated (after the words,
    // so that equal values come in one run for the scorer).
    let char_seed = seed(K_CHAR);
    for (i, (&k, &neg)) in kinds.iter().zip(&negated).enumerate() {
        let t = text(i);
        if k != Kind::Word || neg || t.len() < CHAR_MIN_WORD {
            continue;
        }
        let mut buf = [0u8; MAX_WORD + 2];
        let w = &t[..t.len().min(MAX_WORD)];
        buf[0] = b'<';
        buf[1..=w.len()].copy_from_slice(w);
        buf[w.len() + 1] = b'>';
        let p = &buf[..w.len() + 2];
        let origin = Origin::CharGram(i as u32);
        for g in p.windows(CHAR_N) {
            // A 4-gram is one 32-bit word: one multiply instead of four.
            let x = u32::from_le_bytes([g[0], g[1], g[2], g[3]]);
            sink(bucket(char_seed ^ u64::from(x)), char_v, origin);
        }
    }

    // The lexicon's view.
    let scores = lex.scores();
    for (l, &s) in scores.iter().enumerate() {
        if s > 0.0 {
            let h = eat(seed(K_LEX), &[l as u8]);
            sink(bucket(h), s, Origin::LexScore(l as u8));
            if s >= engine::THRESHOLD {
                sink(bucket(eat(h, b"+")), 1.0, Origin::LexScore(l as u8));
            }
        }
    }
    let cue_lists = lex
        .intents
        .iter()
        .map(|i| (i.label, &i.cues))
        .chain(lex.signals.iter().map(|s| (s.label, &s.cues)));
    for (label, cues) in cue_lists {
        let Some(l) = label_index(label) else {
            continue;
        };
        for (ci, c) in cues.iter().enumerate().take(u16::MAX as usize) {
            let h = eat(eat(seed(K_CUE), &[l as u8]), c.as_bytes());
            sink(bucket(h), 1.0, Origin::Cue(l as u8, ci as u16));
        }
    }
    let mut m = lex.features;
    while m != 0 {
        let b = m.trailing_zeros();
        m &= m - 1;
        sink(
            bucket(eat(seed(K_LEXFEAT), &[b as u8])),
            0.5,
            Origin::LexFeature(b as u8),
        );
    }
    if lex.account_only {
        sink(mark("account"), 1.0, Origin::Mark("account"));
    }

    // Shape and context.
    if shape.strong_marks {
        sink(mark("!!!"), 1.0, Origin::Mark("!!!"));
    }
    if shape.double_bang {
        sink(mark("!!"), 1.0, Origin::Mark("!!"));
    }
    if shape.capitals {
        sink(mark("CAPITALS"), 1.0, Origin::Mark("CAPITALS"));
    }
    let questions = toks
        .iter()
        .filter(|t| t.end - t.start == 1 && folded[t.start as usize] == normalize::QMARK)
        .count();
    let q = match questions {
        0 => "q0",
        1 => "q1",
        _ => "q2+",
    };
    sink(mark(q), 1.0, Origin::Mark("?"));
    let len = match n_words {
        0..=6 => "len<=6",
        7..=20 => "len<=20",
        21..=60 => "len<=60",
        _ => "len>60",
    };
    sink(mark(len), 1.0, Origin::Mark("length"));
    let lang = match language {
        Some("de") => "lang=de",
        Some("en") => "lang=en",
        Some("fr") => "lang=fr",
        Some("it") => "lang=it",
        Some("es") => "lang=es",
        Some(_) => "lang=other",
        None => "lang=none",
    };
    sink(mark(lang), 1.0, Origin::Mark("language"));
}

/// The decision rules applied on top of the per-label probabilities, shared
/// by classification and by cross-validation so that both measure the same
/// thing. Returns a bit set over model labels.
pub fn decide(p: &[f32; N_LABELS], rule: &Rule, ctx: &DecideCtx) -> u32 {
    let mut set = 0u32;
    for (l, &pl) in p.iter().enumerate() {
        let mut t = rule.threshold[l];
        if l < N_INTENTS && ctx.no_evidence {
            t = t.max(rule.unsupported_min);
        }
        if ctx.vetoed & (1 << l) != 0 {
            t = t.max(rule.vetoed_min);
        }
        if l >= N_INTENTS && ctx.lexicon[l] < 0.5 {
            t = t.max(rule.signal_unsupported_min);
        }
        if pl >= t || ctx.lexicon[l] >= rule.lexicon_sure {
            set |= 1 << l;
        }
    }
    let intents_mask = (1u32 << N_INTENTS) - 1;
    if ctx.account_only {
        set &= !intents_mask;
    }
    // Anger or "I wrote three times" with no concrete topic is a general
    // complaint (the labelling convention of the development sets).
    if rule.complaint_fallback && set & intents_mask == 0 && !ctx.account_only {
        let mood = (1 << label_index("frustration").unwrap_or(0))
            | (1 << label_index("repeat_contact").unwrap_or(0));
        if set & mood != 0 {
            set |= 1 << label_index("complaint").unwrap_or(0);
        }
    }
    let feedback = 1 << label_index("feedback").unwrap_or(0);
    let threat = 1 << label_index("negative_feedback_threat").unwrap_or(0);
    if set & threat != 0 && !ctx.feedback_topic {
        set &= !feedback;
    }
    set
}

/// When a label is reported.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Model probability at or above which a label is reported.
    pub threshold: [f32; N_LABELS],
    /// Lexicon score at or above which a label is reported whatever the
    /// model says (a cue the lexicon is sure of); above 1 to disable.
    pub lexicon_sure: f32,
    /// Probability a seller intent needs when the lexicon found neither an
    /// intent nor any order, item, parcel, money or review word.
    pub unsupported_min: f32,
    /// Probability an intent needs when the lexicon's counter-cues ruled it
    /// out ("I don't want to cancel").
    pub vetoed_min: f32,
    /// Report `complaint` when no intent fired but frustration or repeat
    /// contact did.
    pub complaint_fallback: bool,
    /// Probability a risk signal needs when the lexicon found no cue for it.
    pub signal_unsupported_min: f32,
}

/// Message facts the decision rules need besides the probabilities.
#[derive(Clone, Copy, Debug, Default)]
pub struct DecideCtx {
    /// The lexicon's score per label.
    pub lexicon: [f32; N_LABELS],
    /// The lexicon found no seller intent and no seller topic at all.
    pub no_evidence: bool,
    /// Intents the lexicon's counter-cues ruled out.
    pub vetoed: u32,
    /// Only platform-account topics (password, newsletter…) and no order.
    pub account_only: bool,
    /// A review itself is the topic (not only a threat to leave one).
    pub feedback_topic: bool,
}

/// A decoded model.
pub struct Model {
    /// `BUCKETS × N_LABELS` weights, row per bucket.
    weights: Vec<i8>,
    scale: [f32; N_LABELS],
    bias: [f32; N_LABELS],
    /// When a label is reported.
    pub rule: Rule,
}

fn read_f32s(b: &[u8], at: &mut usize, out: &mut [f32; N_LABELS]) -> Option<()> {
    for v in out.iter_mut() {
        let bytes: [u8; 4] = b.get(*at..*at + 4)?.try_into().ok()?;
        *v = f32::from_le_bytes(bytes);
        *at += 4;
    }
    Some(())
}

fn read_varint(b: &[u8], at: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *b.get(*at)?;
        *at += 1;
        v |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Appends `v` as LEB128.
pub fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Serialises quantised weights (`BUCKETS × N_LABELS`, row per bucket).
///
/// Layout: magic, bucket bits, label count, per-label scale, bias and
/// threshold (f32 LE), the rule's limits and complaint fallback, then for each bucket with a non-zero weight: the gap
/// to the previous such bucket and a bit set of its non-zero labels (both
/// LEB128), followed by those labels' `i8` weights.
pub fn encode(
    weights: &[i8],
    scale: &[f32; N_LABELS],
    bias: &[f32; N_LABELS],
    rule: &Rule,
) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.push(BUCKET_BITS as u8);
    out.push(N_LABELS as u8);
    for arr in [scale, bias, &rule.threshold] {
        for v in arr {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out.extend_from_slice(&rule.lexicon_sure.to_le_bytes());
    out.extend_from_slice(&rule.unsupported_min.to_le_bytes());
    out.extend_from_slice(&rule.vetoed_min.to_le_bytes());
    out.push(u8::from(rule.complaint_fallback));
    out.extend_from_slice(&rule.signal_unsupported_min.to_le_bytes());
    let mut last = 0usize;
    for b in 0..BUCKETS {
        let row = &weights[b * N_LABELS..(b + 1) * N_LABELS];
        let mut nz = 0u32;
        for (l, w) in row.iter().enumerate() {
            if *w != 0 {
                nz |= 1 << l;
            }
        }
        if nz == 0 {
            continue;
        }
        write_varint(&mut out, (b - last) as u32);
        last = b;
        write_varint(&mut out, nz);
        for w in row.iter().filter(|w| **w != 0) {
            out.push(*w as u8);
        }
    }
    out
}

impl Model {
    /// Decodes a weights file; `None` when it is empty or malformed.
    pub fn decode(b: &[u8]) -> Option<Model> {
        if b.get(..8)? != MAGIC
            || *b.get(8)? as u32 != BUCKET_BITS
            || *b.get(9)? as usize != N_LABELS
        {
            return None;
        }
        let mut at = 10;
        let mut scale = [0f32; N_LABELS];
        let mut bias = [0f32; N_LABELS];
        let mut threshold = [0f32; N_LABELS];
        read_f32s(b, &mut at, &mut scale)?;
        read_f32s(b, &mut at, &mut bias)?;
        read_f32s(b, &mut at, &mut threshold)?;
        let lexicon_sure = f32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?);
        let unsupported_min = f32::from_le_bytes(b.get(at + 4..at + 8)?.try_into().ok()?);
        let vetoed_min = f32::from_le_bytes(b.get(at + 8..at + 12)?.try_into().ok()?);
        let complaint_fallback = *b.get(at + 12)? != 0;
        let signal_unsupported_min = f32::from_le_bytes(b.get(at + 13..at + 17)?.try_into().ok()?);
        at += 17;
        let mut weights = vec![0i8; BUCKETS * N_LABELS];
        let mut bucket = 0usize;
        while at < b.len() {
            bucket += read_varint(b, &mut at)? as usize;
            let nz = read_varint(b, &mut at)?;
            if bucket >= BUCKETS {
                return None;
            }
            for l in 0..N_LABELS {
                if nz & (1 << l) != 0 {
                    weights[bucket * N_LABELS + l] = *b.get(at)? as i8;
                    at += 1;
                }
            }
        }
        Some(Model {
            weights,
            scale,
            bias,
            rule: Rule {
                threshold,
                lexicon_sure,
                unsupported_min,
                vetoed_min,
                complaint_fallback,
                signal_unsupported_min,
            },
        })
    }

    /// The compiled-in model, decoded on first use; `None` if the crate was
    /// built without trained weights.
    pub fn get() -> Option<&'static Model> {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL.get_or_init(|| Model::decode(WEIGHTS)).as_ref()
    }

    #[inline]
    fn row(&self, b: u32) -> &[i8] {
        let at = b as usize * N_LABELS;
        &self.weights[at..at + N_LABELS]
    }

    /// Raw (unscaled) per-label sums of `feats`. Consecutive features with
    /// the same value (the word group, the character group) are summed as
    /// integers and multiplied once.
    pub fn sums(&self, feats: &[(u32, f32, Origin)]) -> [f32; N_LABELS] {
        let mut acc = [0f32; N_LABELS];
        // 16-bit partial sums, flushed before they could overflow (258 × 127 < 2^15).
        let mut run = [0i16; N_LABELS];
        let mut run_v = 0f32;
        let mut run_len = 0u32;
        for &(b, v, _) in feats {
            if v != run_v || run_len == 256 {
                for (a, r) in acc.iter_mut().zip(&mut run) {
                    *a += f32::from(*r) * run_v;
                    *r = 0;
                }
                run_v = v;
                run_len = 0;
            }
            run_len += 1;
            for (r, w) in run.iter_mut().zip(self.row(b)) {
                *r += i16::from(*w);
            }
        }
        for (a, r) in acc.iter_mut().zip(&run) {
            *a += f32::from(*r) * run_v;
        }
        acc
    }

    /// Probabilities from raw sums.
    pub fn probabilities(&self, acc: &[f32; N_LABELS]) -> [f32; N_LABELS] {
        let mut p = [0f32; N_LABELS];
        for l in 0..N_LABELS {
            p[l] = sigmoid(acc[l] * self.scale[l] + self.bias[l]);
        }
        p
    }

    /// Contribution of one feature to label `l`'s logit.
    #[inline]
    pub fn contribution(&self, b: u32, v: f32, l: usize) -> f32 {
        f32::from(self.row(b)[l]) * self.scale[l] * v
    }

    /// Maps a probability onto the reported score so that this label's
    /// threshold lands on [`engine::THRESHOLD`] (0.5).
    pub fn report_score(&self, p: f32, l: usize) -> f32 {
        let t = self.rule.threshold[l].clamp(0.01, 0.99);
        let s = if p < t {
            0.5 * p / t
        } else {
            0.5 + 0.5 * (p - t) / (1.0 - t)
        };
        s.clamp(0.0, 1.0)
    }
}

#[inline]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}
