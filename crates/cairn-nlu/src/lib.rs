//! `cairn-nlu` understands one customer message sent to an online seller
//! (Amazon, eBay, Walmart, Shopify buyers writing in German, English, French,
//! Italian, Spanish and more).
//!
//! [`classify`] returns, for one message:
//!
//! * the language as an ISO 639-1 code, or `None` when the text is too short
//!   or mixed to tell honestly (see [`lang`]);
//! * multi-label **intents** with scores in `[0, 1]`, labels from
//!   [`INTENT_LABELS`]; `other` is returned alone when no seller intent
//!   reaches the threshold;
//! * **risk signals** ([`SIGNAL_LABELS`]): frustration, threats of negative
//!   feedback, A-to-Z/marketplace claims, chargebacks or legal steps, and
//!   repeat contact;
//! * **amounts** with ISO 4217 currency as decimal strings, and **dates** with
//!   an ISO form where determinable.
//!
//! Every intent and signal carries the cues that fired, so a human can see
//! why (`["wo ist", "paket"]`).
//!
//! # How it works
//!
//! A hand-written, weighted cue lexicon (`src/lexicon.txt`) in de/en/fr/it/es
//! is compiled once into an Aho–Corasick automaton over folded text
//! (lowercase, accents stripped, punctuation reduced to sentence and clause
//! marks). One pass finds all cues; cues marked `~` only count when negated
//! ("nicht erhalten", "haven't received"); features combine per sentence
//! through small rules ("change" + "address" → `address_change`). Scores are
//! a noisy-or of the cue weights, damped by negative cues.
//!
//! # Limits, on purpose
//!
//! * Only the first [`MAX_CHARS`] characters (20,000) of a message are
//!   analysed, after dropping quoted reply text (`>` lines and everything
//!   after an "On … wrote:" header). Cost is linear in that length.
//! * Relative dates ("yesterday", "gestern", "hier", "ieri", "ayer") and
//!   weekdays are not resolved.
//! * Order and tracking numbers are left to other crates.
//!
//! # Evaluation
//!
//! [`eval_own`] scores the blind multilingual set (`eval/fresh.jsonl`, only
//! aggregate figures), [`eval_own_dev`], [`eval_own_holdout`] and
//! [`eval_own_blind_dev`] the development sets, [`eval_bitext`] the Bitext
//! English e-commerce set, [`eval_jsonl_file`] any file in the own-set format;
//! see `EVAL.md`.

mod aho;
mod engine;
pub mod entities;
pub mod eval;
pub mod lang;
mod normalize;

pub use entities::{Amount, Date, DateMention};
pub use eval::{
    EvalReport, LabelStats, eval_bitext, eval_development, eval_fresh, eval_jsonl_file, eval_own,
    eval_own_blind_dev, eval_own_dev, eval_own_holdout,
};
pub use normalize::MAX_CHARS;

use serde::Serialize;

/// Intent labels, in a fixed order.
pub const INTENT_LABELS: &[&str] = &[
    "tracking",
    "not_received",
    "damaged",
    "wrong_item",
    "return",
    "refund",
    "cancellation",
    "address_change",
    "order_change",
    "invoice",
    "product_question",
    "assembly",
    "warranty",
    "payment",
    "feedback",
    "complaint",
    "other",
];

/// Risk signal labels, in a fixed order.
pub const SIGNAL_LABELS: &[&str] = &[
    "frustration",
    "negative_feedback_threat",
    "a_to_z_threat",
    "chargeback_threat",
    "legal_threat",
    "repeat_contact",
];

/// Scores at or above this are reported as intents or signals.
pub const THRESHOLD: f32 = engine::THRESHOLD;

/// What one message is about.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Classification {
    /// ISO 639-1 code, `None` when undeterminable.
    pub language: Option<String>,
    /// Intents at or above [`THRESHOLD`], best first; `[other]` when none.
    pub intents: Vec<IntentScore>,
    /// Risk signals that fired.
    pub signals: Vec<Signal>,
    pub amounts: Vec<Amount>,
    pub dates: Vec<DateMention>,
    /// True when the input was longer than [`MAX_CHARS`] and was cut.
    pub truncated: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct IntentScore {
    pub label: &'static str,
    pub score: f32,
    /// The cues (folded lexicon phrases) that raised this score.
    pub cues: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Signal {
    pub label: &'static str,
    pub cues: Vec<String>,
    pub score: f32,
}

impl Classification {
    /// Labels of the reported intents, `other` included.
    pub fn intent_labels(&self) -> Vec<&'static str> {
        self.intents.iter().map(|i| i.label).collect()
    }

    /// Labels of the reported signals.
    pub fn signal_labels(&self) -> Vec<&'static str> {
        self.signals.iter().map(|s| s.label).collect()
    }

    /// True if `label` is among the reported intents.
    pub fn has_intent(&self, label: &str) -> bool {
        self.intents.iter().any(|i| i.label == label)
    }

    /// True if `label` is among the reported signals.
    pub fn has_signal(&self, label: &str) -> bool {
        self.signals.iter().any(|s| s.label == label)
    }
}

/// Options for [`classify_with`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Used to give year-less dates ("3. März", "24 novembre") a year: the
    /// candidate closest to this date wins. Without it such dates get no ISO.
    pub reference_date: Option<Date>,
    /// Language to assume instead of detecting it (e.g. from the marketplace).
    /// Also decides day/month order for ambiguous numeric dates.
    pub language_hint: Option<String>,
}

/// Classifies one customer message. Never panics; empty or unreadable input
/// yields `language: None` and the single intent `other`.
pub fn classify(text: &str) -> Classification {
    classify_with(text, &Options::default())
}

/// [`classify`] with a reference date and/or language hint.
pub fn classify_with(text: &str, opts: &Options) -> Classification {
    let cut = normalize::truncate_chars(text, MAX_CHARS);
    let truncated = cut.len() < text.len();
    let body = normalize::strip_quoted(cut);
    let folded = normalize::fold_for_matching(&body);

    let language = match &opts.language_hint {
        Some(l) if !l.is_empty() => Some(l.to_ascii_lowercase()),
        _ => lang::detect(&body, &folded),
    };

    let scored = engine::analyse(&folded);
    let lex = engine::Lexicon::get();

    let mut intents: Vec<IntentScore> = scored
        .intents
        .into_iter()
        .map(|(i, score, cues)| IntentScore {
            label: INTENT_LABELS[i as usize],
            score,
            cues,
        })
        .collect();
    let mut signals: Vec<Signal> = scored
        .signals
        .into_iter()
        .map(|(i, score, cues)| Signal {
            label: SIGNAL_LABELS[i as usize],
            score,
            cues,
        })
        .collect();

    add_typography_frustration(&body, &mut signals);

    // Account, password and newsletter topics belong to the platform, not the
    // seller: unless the message also names an order or parcel, damp all
    // seller intents so that only `other` remains.
    // Money, invoices and reviews are the seller's business too ("the
    // invoice is not in my account", "charged twice on my account").
    let goods = lex.feature_bit("ORDER")
        | lex.feature_bit("ORDERN")
        | lex.feature_bit("PARCEL")
        | lex.feature_bit("ITEM")
        | lex.feature_bit("INVW")
        | lex.feature_bit("DEBITV")
        | lex.feature_bit("TWICE")
        | lex.feature_bit("REFUNDW")
        | lex.feature_bit("REVIEWW");
    let account_only = !scored.scope_cues.is_empty() && scored.message_features & goods == 0;
    if account_only {
        for i in &mut intents {
            i.score *= 0.2;
        }
    }

    // A threat to leave a bad review is a risk signal, not a request about a
    // review; keep `feedback` only when the review itself is the topic.
    let threat = signals
        .iter()
        .any(|s| s.label == "negative_feedback_threat" && s.score >= THRESHOLD);
    if threat && scored.message_features & lex.feature_bit("FBTOPIC") == 0 {
        intents.retain(|i| i.label != "feedback");
    }

    intents.retain(|i| i.score >= THRESHOLD && i.label != "other");
    signals.retain(|s| s.score >= THRESHOLD);

    // Anger or "I wrote three times" with no concrete topic is a general
    // complaint; with a topic, the topic is what needs handling.
    if intents.is_empty() && !account_only {
        let cues: Vec<String> = signals
            .iter()
            .filter(|s| s.label == "frustration" || s.label == "repeat_contact")
            .flat_map(|s| {
                s.cues
                    .iter()
                    .filter(|c| !matches!(c.as_str(), "!!" | "!!!" | "CAPITALS"))
                    .cloned()
            })
            .collect();
        if !cues.is_empty() {
            intents.push(IntentScore {
                label: "complaint",
                score: 0.6,
                cues,
            });
        }
    }
    intents.sort_by(|a, b| b.score.total_cmp(&a.score));
    if intents.is_empty() {
        let cues = if account_only {
            scored
                .scope_cues
                .iter()
                .map(|c| format!("account: {c}"))
                .collect()
        } else {
            Vec::new()
        };
        intents.push(IntentScore {
            label: "other",
            score: 1.0,
            cues,
        });
    }
    signals.sort_by_key(|s| SIGNAL_LABELS.iter().position(|l| *l == s.label));

    // Amounts and dates share one tokenisation of the body.
    let toks = entities::Tokens::of(&body);
    let amounts = entities::amounts_in(&body, &toks);
    let dates = entities::dates_in(&body, &toks, language.as_deref(), opts.reference_date);

    Classification {
        language,
        intents,
        signals,
        amounts,
        dates,
        truncated,
    }
}

/// "!!!" and shouting in capitals say more about mood than any word.
fn add_typography_frustration(body: &str, signals: &mut Vec<Signal>) {
    if !body.chars().any(char::is_alphabetic) {
        return;
    }
    let mut cues = Vec::new();
    // One "!!" can be cheerful; "!!!" or "?!" rarely is.
    let strong_marks = body.contains("!!!") || body.contains("?!") || body.contains("!?");
    if strong_marks {
        cues.push("!!!".to_string());
    } else if body.contains("!!") {
        cues.push("!!".to_string());
    }
    let mut caps_words = 0usize;
    let mut words = 0usize;
    for w in body.split(|c: char| !c.is_alphabetic()) {
        if w.chars().count() < 3 {
            continue;
        }
        words += 1;
        if w.chars().all(|c| c.is_uppercase()) {
            caps_words += 1;
        }
    }
    // Acronyms (DHL, UPS, EUR) are short and rare; three shouted words in a
    // message that is mostly shouting is a reliable sign.
    if caps_words >= 3 && caps_words * 3 >= words {
        cues.push("CAPITALS".to_string());
    }
    if cues.is_empty() {
        return;
    }
    let weight = match (cues.len(), cues.first().map(String::as_str)) {
        (2, _) => 0.9,
        (_, Some("!!")) => 0.4,
        _ => 0.6,
    };
    match signals.iter_mut().find(|s| s.label == "frustration") {
        Some(s) => {
            s.score = 1.0 - (1.0 - s.score) * (1.0 - weight);
            s.cues.extend(cues);
        }
        None => signals.push(Signal {
            label: "frustration",
            score: weight,
            cues,
        }),
    }
}
