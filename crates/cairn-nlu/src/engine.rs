//! Weighted-cue engine: parses the lexicon, matches it in one pass and turns
//! the hits into scored, explained intents and signals.
//!
//! Lexicon format (`lexicon.txt`), one declaration per line:
//!
//! ```text
//! # comment
//! tracking 0.9: where is my order | wo ist mein paket      direct cue -> label, weight
//! return -0.9: returned to sender                           negative weight dampens a label
//! ORDER: order | bestellung* | commande                     feature (UPPERCASE), no weight
//! rule tracking 0.85: WHERE + ORDER - RETURN                 features co-occurring in a sentence
//! mrule refund 0.6: MONEY + WAITING                          same, anywhere in the message
//! ```
//!
//! Pattern syntax: words are matched whole; `word*` matches a word prefix,
//! `*word` a suffix (German compounds), `*word*` anywhere; a leading `~` makes
//! the cue fire only when negated ("nicht erhalten", "haven't received"). The
//! cue `?` matches a question mark, which also ends a sentence.

use crate::aho::AhoCorasick;
use crate::normalize::{self, Tok};
use crate::{INTENT_LABELS, SIGNAL_LABELS};
use std::collections::HashMap;
use std::sync::OnceLock;

const LEXICON: &str = include_str!("lexicon.txt");

/// One bit per feature; features are per-sentence and per-message sets.
pub type Mask = u128;
/// How many distinct features a lexicon may declare.
const MAX_FEATURES: usize = Mask::BITS as usize;

/// Scores at or above this are reported.
pub const THRESHOLD: f32 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Intent(u8),
    Signal(u8),
    Feature(u8),
    /// Account, password and newsletter topics: not a seller's business.
    Scope,
}

struct Entry {
    target: Target,
    weight: f32,
    needs_negation: bool,
    cue: Box<str>,
}

struct Rule {
    target: Target,
    weight: f32,
    require: Mask,
    forbid: Mask,
    message_level: bool,
    text: Box<str>,
}

pub struct Lexicon {
    ac: AhoCorasick,
    /// Entry ids per pattern id.
    pattern_entries: Vec<Vec<u32>>,
    pattern_keys: Vec<Vec<u8>>,
    entries: Vec<Entry>,
    rules: Vec<Rule>,
    features: Vec<String>,
}

fn intent_index(name: &str) -> Option<u8> {
    INTENT_LABELS
        .iter()
        .position(|l| *l == name)
        .map(|i| i as u8)
}

fn signal_index(name: &str) -> Option<u8> {
    SIGNAL_LABELS
        .iter()
        .position(|l| *l == name)
        .map(|i| i as u8)
}

/// Builds the cue key matched against folded text: surrounding spaces unless
/// the pattern opts into prefix/suffix matching with `*`.
fn pattern_key(raw: &str) -> Option<Vec<u8>> {
    let mut p = raw.trim();
    let infix_start = p.starts_with('*');
    if infix_start {
        p = &p[1..];
    }
    let infix_end = p.ends_with('*');
    if infix_end {
        p = &p[..p.len() - 1];
    }
    let folded = normalize::fold_for_matching(p);
    let inner = String::from_utf8(folded).ok()?;
    let inner = inner.trim();
    if inner.is_empty() || inner.contains('|') || inner.contains(',') {
        return None;
    }
    let mut key = Vec::with_capacity(inner.len() + 2);
    if !infix_start {
        key.push(b' ');
    }
    key.extend_from_slice(inner.as_bytes());
    if !infix_end {
        key.push(b' ');
    }
    Some(key)
}

impl Lexicon {
    fn parse(src: &str) -> Result<Lexicon, String> {
        let mut features: Vec<String> = Vec::new();
        let feature_idx = |name: &str, features: &mut Vec<String>| -> Result<u8, String> {
            if let Some(i) = features.iter().position(|f| f == name) {
                return Ok(i as u8);
            }
            if features.len() >= MAX_FEATURES {
                return Err(format!("too many features at {name}"));
            }
            features.push(name.to_string());
            Ok((features.len() - 1) as u8)
        };
        let mut key_ids: HashMap<Vec<u8>, u32> = HashMap::new();
        let mut pattern_keys: Vec<Vec<u8>> = Vec::new();
        let mut pattern_entries: Vec<Vec<u32>> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut pending_rules: Vec<(usize, String)> = Vec::new();

        for (lineno, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((head, body)) = line.split_once(':') else {
                return Err(format!("line {}: missing ':'", lineno + 1));
            };
            let head_parts: Vec<&str> = head.split_whitespace().collect();
            if let Some(kind @ ("rule" | "mrule")) = head_parts.first().copied() {
                pending_rules.push((
                    lineno,
                    format!("{kind} {} : {body}", head_parts[1..].join(" ")),
                ));
                continue;
            }
            let (target, weight) = match head_parts.as_slice() {
                [name] if name.chars().all(|c| c.is_ascii_uppercase() || c == '_') => {
                    (Target::Feature(feature_idx(name, &mut features)?), 1.0)
                }
                [name, w] => {
                    let weight: f32 = w
                        .parse()
                        .map_err(|_| format!("line {}: bad weight {w}", lineno + 1))?;
                    let t = if *name == "_account" {
                        Target::Scope
                    } else if let Some(i) = intent_index(name) {
                        Target::Intent(i)
                    } else if let Some(i) = signal_index(name) {
                        Target::Signal(i)
                    } else {
                        return Err(format!("line {}: unknown label {name}", lineno + 1));
                    };
                    (t, weight)
                }
                _ => return Err(format!("line {}: bad head {head}", lineno + 1)),
            };
            for raw in body.split('|') {
                let raw = raw.trim();
                if raw.is_empty() {
                    continue;
                }
                let (needs_negation, pat) = match raw.strip_prefix('~') {
                    Some(rest) => (true, rest),
                    None => (false, raw),
                };
                let Some(key) = pattern_key(pat) else {
                    return Err(format!("line {}: empty pattern {raw:?}", lineno + 1));
                };
                let pid = *key_ids.entry(key.clone()).or_insert_with(|| {
                    pattern_keys.push(key);
                    pattern_entries.push(Vec::new());
                    (pattern_keys.len() - 1) as u32
                });
                pattern_entries[pid as usize].push(entries.len() as u32);
                entries.push(Entry {
                    target,
                    weight,
                    needs_negation,
                    cue: pat.trim_matches('*').into(),
                });
            }
        }

        for (lineno, text) in pending_rules {
            let (head, body) = text.split_once(':').unwrap_or((text.as_str(), ""));
            let parts: Vec<&str> = head.split_whitespace().collect();
            let [kind, name, w] = parts.as_slice() else {
                return Err(format!("line {}: bad rule head", lineno + 1));
            };
            let weight: f32 = w
                .parse()
                .map_err(|_| format!("line {}: bad weight", lineno + 1))?;
            let target = if let Some(i) = intent_index(name) {
                Target::Intent(i)
            } else if let Some(i) = signal_index(name) {
                Target::Signal(i)
            } else {
                return Err(format!("line {}: unknown label {name}", lineno + 1));
            };
            let mut require: Mask = 0;
            let mut forbid: Mask = 0;
            let mut sign = '+';
            for tok in body.split_whitespace() {
                match tok {
                    "+" | "-" => sign = tok.chars().next().unwrap_or('+'),
                    feat => {
                        let Some(i) = features.iter().position(|f| f == feat) else {
                            return Err(format!("line {}: unknown feature {feat}", lineno + 1));
                        };
                        if sign == '+' {
                            require |= 1 << i;
                        } else {
                            forbid |= 1 << i;
                        }
                    }
                }
            }
            if require == 0 {
                return Err(format!("line {}: rule needs a feature", lineno + 1));
            }
            rules.push(Rule {
                target,
                weight,
                require,
                forbid,
                message_level: *kind == "mrule",
                text: body.trim().into(),
            });
        }

        Ok(Lexicon {
            ac: AhoCorasick::new(&pattern_keys),
            pattern_entries,
            pattern_keys,
            entries,
            rules,
            features,
        })
    }

    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| match Lexicon::parse(LEXICON) {
            Ok(l) => l,
            // The lexicon is compiled in; a broken one is a build defect that
            // the unit tests catch, so failing loudly here is intended.
            Err(e) => panic!("cairn-nlu lexicon: {e}"),
        })
    }

    pub fn feature_bit(&self, name: &str) -> Mask {
        self.features
            .iter()
            .position(|f| f == name)
            .map_or(0, |i| 1 << i)
    }

    /// Features that name something a seller handles: an order or order
    /// number, a parcel, an item, an invoice, a debit, a double charge, a
    /// refund or a review.
    pub fn goods(&self) -> Mask {
        static GOODS: OnceLock<Mask> = OnceLock::new();
        *GOODS.get_or_init(|| {
            [
                "ORDER", "ORDERN", "PARCEL", "ITEM", "INVW", "DEBITV", "TWICE", "REFUNDW",
                "REVIEWW",
            ]
            .iter()
            .fold(0, |m, f| m | self.feature_bit(f))
        })
    }

    #[cfg(test)]
    pub fn pattern_count(&self) -> usize {
        self.pattern_keys.len()
    }
}

pub(crate) fn is_negator(t: &[u8]) -> bool {
    matches!(
        t,
        b"not"
            | b"no"
            | b"never"
            | b"t"
            | b"didn"
            | b"didnt"
            | b"don"
            | b"dont"
            | b"doesn"
            | b"doesnt"
            | b"haven"
            | b"havent"
            | b"hasn"
            | b"hasnt"
            | b"hadn"
            | b"isn"
            | b"isnt"
            | b"wasn"
            | b"wasnt"
            | b"weren"
            | b"won"
            | b"wont"
            | b"cannot"
            | b"cant"
            | b"nothing"
            | b"nicht"
            | b"kein"
            | b"keine"
            | b"keinen"
            | b"keiner"
            | b"nie"
            | b"niemals"
            | b"nichts"
            | b"pas"
            | b"jamais"
            | b"rien"
            | b"aucun"
            | b"aucune"
            | b"non"
            | b"mai"
            | b"nessun"
            | b"nessuno"
            | b"nessuna"
            | b"niente"
            | b"nulla"
            | b"nunca"
            | b"nada"
            | b"ningun"
            | b"ninguno"
            | b"ninguna"
            | b"niet"
            | b"geen"
            | b"nich"
            | b"nix"
            | b"sin"
    )
}

/// German and Dutch put the negation after the verb in main clauses
/// ("erhielt ich nicht", "kam nie an").
pub(crate) fn is_post_negator(t: &[u8]) -> bool {
    matches!(
        t,
        b"nicht"
            | b"nich"
            | b"nie"
            | b"niemals"
            | b"keine"
            | b"kein"
            | b"keinen"
            | b"niet"
            | b"nooit"
    )
}

/// One fired cue: which entry, for explanations.
#[derive(Clone, Copy)]
struct Hit {
    entry: u32,
    sentence: u32,
}

/// Raw analysis result handed back to `lib.rs`.
pub struct Scored {
    /// (label index, score, cues), unsorted, all labels with any evidence.
    pub intents: Vec<(u8, f32, Vec<&'static str>)>,
    pub signals: Vec<(u8, f32, Vec<&'static str>)>,
    pub scope_cues: Vec<&'static str>,
    pub message_features: Mask,
    /// Intents whose cues were at least halved by counter-cues ("don't want
    /// to cancel"), as a bit set over intent indices.
    pub vetoed_intents: u32,
}

#[derive(Default)]
struct Acc {
    pos: Vec<(f32, &'static str)>,
    neg: f32,
}

impl Acc {
    fn add(&mut self, w: f32, cue: &'static str) {
        if w < 0.0 {
            self.neg = 1.0 - (1.0 - self.neg) * (1.0 + w.max(-1.0));
        } else if let Some(p) = self.pos.iter_mut().find(|(_, c)| *c == cue) {
            // The same cue seen twice (or via two rules) is not new evidence.
            p.0 = p.0.max(w.min(1.0));
        } else {
            self.pos.push((w.min(1.0), cue));
        }
    }
    fn score(&self) -> f32 {
        let miss: f32 = self.pos.iter().map(|(w, _)| 1.0 - w).product();
        ((1.0 - miss) * (1.0 - self.neg)).clamp(0.0, 1.0)
    }
}

/// Scratch buffers reused across calls on the same thread.
#[derive(Default)]
struct Scratch {
    toks: Vec<Tok>,
    tok_at: Vec<u32>,
    sent_of_tok: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

pub fn analyse(folded: &[u8]) -> Scored {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut scratch) => analyse_with(folded, &mut scratch),
        // Re-entrancy cannot happen today; a fresh buffer keeps it correct anyway.
        Err(_) => analyse_with(folded, &mut Scratch::default()),
    })
}

fn analyse_with(folded: &[u8], sc: &mut Scratch) -> Scored {
    let lex = Lexicon::get();
    normalize::tokenize(folded, &mut sc.toks, &mut sc.tok_at);
    let toks = &sc.toks;
    let tok_at = &sc.tok_at;
    sc.sent_of_tok.clear();
    let mut sentence = 0u32;
    for t in toks {
        let text = &folded[t.start as usize..t.end as usize];
        sc.sent_of_tok.push(sentence);
        if text.len() == 1 && normalize::is_sentence_end(text[0]) {
            sentence += 1;
        }
    }
    let n_sent = sentence as usize + 1;
    let sent_of_tok = &sc.sent_of_tok;
    let tok_text = |i: usize| -> &[u8] {
        let t = toks[i];
        &folded[t.start as usize..t.end as usize]
    };
    let is_boundary = |b: &[u8]| b.len() == 1 && normalize::is_boundary_byte(b[0]);
    let negated = |first: usize, last: usize| -> bool {
        let mut i = first;
        let mut seen = 0;
        while i > 0 && seen < 4 {
            i -= 1;
            let t = tok_text(i);
            if is_boundary(t) {
                break;
            }
            if is_negator(t) {
                return true;
            }
            seen += 1;
        }
        // German puts "nicht" after adverbials: "funktioniert seit gestern nicht".
        let mut j = last + 1;
        let mut seen = 0;
        while j < toks.len() && seen < 4 {
            let t = tok_text(j);
            if is_boundary(t) {
                break;
            }
            if is_post_negator(t) {
                return true;
            }
            j += 1;
            seen += 1;
        }
        false
    };

    let mut direct: Vec<Hit> = Vec::new();
    let mut feature_hits: Vec<Hit> = Vec::new();
    let mut sent_masks: Vec<Mask> = vec![0; n_sent];

    lex.ac.for_each_match(folded, |pid, start, end| {
        let key = &lex.pattern_keys[pid as usize];
        let first_byte = if key.first() == Some(&b' ') {
            start + 1
        } else {
            start
        };
        let last_byte = if key.last() == Some(&b' ') {
            end.saturating_sub(2)
        } else {
            end.saturating_sub(1)
        };
        let (Some(&ft), Some(&lt)) = (tok_at.get(first_byte), tok_at.get(last_byte)) else {
            return;
        };
        let (ft, lt) = (ft as usize, lt as usize);
        let sent = sent_of_tok.get(ft).copied().unwrap_or(0);
        let mut neg_cache: Option<bool> = None;
        for &eid in &lex.pattern_entries[pid as usize] {
            let e = &lex.entries[eid as usize];
            if e.needs_negation && !*neg_cache.get_or_insert_with(|| negated(ft, lt)) {
                continue;
            }
            let hit = Hit {
                entry: eid,
                sentence: sent,
            };
            match e.target {
                Target::Feature(f) => {
                    let bit: Mask = 1 << f;
                    if sent_masks[sent as usize] & bit == 0 {
                        sent_masks[sent as usize] |= bit;
                        feature_hits.push(hit);
                    }
                }
                _ => direct.push(hit),
            }
        }
    });

    let mut intents: Vec<Acc> = (0..INTENT_LABELS.len()).map(|_| Acc::default()).collect();
    let mut signals: Vec<Acc> = (0..SIGNAL_LABELS.len()).map(|_| Acc::default()).collect();
    let mut scope_cues: Vec<&'static str> = Vec::new();
    let mut scope = Acc::default();

    for h in &direct {
        let e = &lex.entries[h.entry as usize];
        match e.target {
            Target::Intent(i) => intents[i as usize].add(e.weight, &e.cue),
            Target::Signal(i) => signals[i as usize].add(e.weight, &e.cue),
            Target::Scope => {
                scope.add(e.weight, &e.cue);
                if !scope_cues.iter().any(|c| **c == *e.cue) {
                    scope_cues.push(&e.cue);
                }
            }
            Target::Feature(_) => {}
        }
    }
    if scope.score() < THRESHOLD {
        scope_cues.clear();
    }

    let message_mask = sent_masks.iter().fold(0, |a: Mask, m| a | m);
    let cue_of = |sent: Option<u32>, feat: usize| -> Option<&str> {
        feature_hits.iter().find_map(|h| {
            let e = &lex.entries[h.entry as usize];
            let same = sent.is_none_or(|s| s == h.sentence);
            (same && e.target == Target::Feature(feat as u8)).then_some(&*e.cue)
        })
    };
    for rule in &lex.rules {
        let fired_in: Option<Option<u32>> = if rule.message_level {
            let m = message_mask;
            (m & rule.require == rule.require && m & rule.forbid == 0).then_some(None)
        } else {
            sent_masks
                .iter()
                .position(|&m| m & rule.require == rule.require && m & rule.forbid == 0)
                .map(|s| Some(s as u32))
        };
        let Some(sent) = fired_in else { continue };
        let acc = match rule.target {
            Target::Intent(i) => &mut intents[i as usize],
            Target::Signal(i) => &mut signals[i as usize],
            _ => continue,
        };
        if rule.weight < 0.0 {
            acc.add(rule.weight, &rule.text);
            continue;
        }
        // One rule is one piece of evidence: its weight goes on the first
        // cue only, the other cues are listed for explanation with weight 0.
        let mut first = true;
        for f in 0..lex.features.len() {
            if rule.require & (1 << f) != 0
                && let Some(c) = cue_of(sent, f)
            {
                acc.add(if first { rule.weight } else { 0.0 }, c);
                first = false;
            }
        }
    }

    let vetoed_intents = intents
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.pos.is_empty() && a.neg >= 0.5)
        .fold(0u32, |m, (i, _)| m | (1 << i));
    let collect = |accs: Vec<Acc>| -> Vec<(u8, f32, Vec<&'static str>)> {
        accs.into_iter()
            .enumerate()
            .filter(|(_, a)| !a.pos.is_empty())
            .map(|(i, a)| {
                let s = a.score();
                (i as u8, s, a.pos.into_iter().map(|(_, c)| c).collect())
            })
            .collect()
    };
    Scored {
        intents: collect(intents),
        signals: collect(signals),
        scope_cues,
        message_features: message_mask,
        vetoed_intents,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_parses() {
        let lex = Lexicon::parse(LEXICON);
        assert!(lex.is_ok(), "{:?}", lex.err());
        assert!(Lexicon::get().pattern_count() > 500);
    }
}
