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
//! why (`["wo ist", "paket"]`), followed by the learned model's strongest
//! words for it (`"model: bleibt"`, `"model: not erhalten"`, `"model: wo
//! bleibt"`).
//!
//! # How it works
//!
//! Two stages. First, a hand-written, weighted cue lexicon
//! (`src/lexicon.txt`) in de/en/fr/it/es is compiled once into an
//! Aho–Corasick automaton over folded text (lowercase, accents stripped,
//! punctuation reduced to sentence and clause marks). One pass finds all cues;
//! cues marked `~` only count when negated ("nicht erhalten", "haven't
//! received"); features combine per sentence through small rules ("change" +
//! "address" → `address_change`). Scores are a noisy-or of the cue weights,
//! damped by negative cues.
//!
//! Second, a learned one-vs-rest logistic regression (`model.rs`) over hashed
//! features decides: word unigrams and bigrams, character 4-grams, negation
//! scope, shape (`!!!`, capitals, question marks, length), language, and the
//! lexicon's view (its score per label, its cues, its features). The weights
//! are trained offline by `examples/train.rs` on the crate's labelled
//! messages (`data/examples.jsonl`, the development sets and
//! `data/train/*.jsonl`; never `eval/fresh.jsonl`), quantised to `i8` and
//! compiled in from `model/weights.bin`, decoded once on first use. A label
//! is reported when its probability reaches the label's threshold (chosen by
//! 5-fold cross-validation; the reported score maps that threshold to 0.5),
//! or when the lexicon is sure of it (score ≥ 0.8); an intent ruled out by
//! the lexicon's counter-cues ("I don't want to cancel") needs probability
//! 0.5. Platform-account messages (password, newsletter) get no seller
//! intent, and `other` is returned only when no seller intent fires.
//!
//! Retrain after changing the training data, the lexicon or the features:
//! `cargo run --release -p cairn-nlu --example train` (deterministic: the
//! same data gives the same file; `tests/model.rs` checks this in release
//! builds).
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
//! [`eval_own_blind_dev`] the development sets (training data of the model
//! now, so fits), [`eval_bitext`] the Bitext English e-commerce set,
//! [`eval_jsonl_file`] any file in the own-set format; `examples/eval.rs`
//! also prints the model's cross-validated figures. See `EVAL.md`.

mod aho;
mod engine;
pub mod entities;
pub mod eval;
pub mod lang;
#[doc(hidden)]
pub mod learn;
mod model;
mod normalize;

pub use entities::{Amount, Date, DateMention};
pub use eval::{
    EvalReport, LabelStats, eval_bitext, eval_development, eval_fresh, eval_jsonl_file, eval_own,
    eval_own_blind_dev, eval_own_dev, eval_own_holdout,
};
pub use normalize::MAX_CHARS;

use model::Origin;

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
    /// The cues (folded lexicon phrases) that raised this score, then the
    /// learned model's strongest words for it, as `"model: …"`.
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
    classify_impl(text, opts, model::Model::get())
}

/// True when the learned model's weights are compiled in and decode.
#[doc(hidden)]
pub fn model_loaded() -> bool {
    model::Model::get().is_some()
}

/// [`classify`] by the cue lexicon alone, without the learned model: for
/// comparisons in evaluations.
#[doc(hidden)]
pub fn classify_lexicon_only(text: &str) -> Classification {
    classify_impl(text, &Options::default(), None)
}

fn classify_impl(text: &str, opts: &Options, model: Option<&model::Model>) -> Classification {
    let cut = normalize::truncate_chars(text, MAX_CHARS);
    let truncated = cut.len() < text.len();
    let body = normalize::strip_quoted(cut);
    let folded = normalize::fold_for_matching(&body);

    let language = match &opts.language_hint {
        Some(l) if !l.is_empty() => Some(l.to_ascii_lowercase()),
        _ => lang::detect(&body, &folded),
    };

    let shape = model::Shape::of(&body);
    let stage = lexicon_stage(&shape, &folded);
    // Without a single letter there is nothing to read ("?!", "12345").
    let (intents, signals) = match model.filter(|_| shape.letters) {
        Some(m) => decide_with_model(m, stage, &shape, &folded, language.as_deref()),
        None => decide_by_lexicon(stage),
    };

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

/// One label the lexicon saw evidence for; cues borrow the lexicon's text
/// until they are reported.
pub(crate) struct LexLabel {
    pub label: &'static str,
    pub score: f32,
    pub cues: Vec<&'static str>,
}

fn owned(cues: &[&str]) -> Vec<String> {
    cues.iter().map(|c| c.to_string()).collect()
}

/// What the cue lexicon makes of a message: every label it saw evidence
/// for, with scores before any threshold.
pub(crate) struct LexStage {
    intents: Vec<LexLabel>,
    signals: Vec<LexLabel>,
    scope_cues: Vec<&'static str>,
    features: engine::Mask,
    account_only: bool,
    feedback_topic: bool,
    /// Intents (model label bits) the lexicon's counter-cues ruled out.
    vetoed: u32,
}

impl LexStage {
    fn view(&self) -> model::LexView<'_> {
        model::LexView {
            intents: &self.intents,
            signals: &self.signals,
            features: self.features,
            account_only: self.account_only,
        }
    }

    fn decide_ctx(&self) -> model::DecideCtx {
        let lexicon = self.view().scores();
        model::DecideCtx {
            no_evidence: self.features & engine::Lexicon::get().goods() == 0
                && lexicon[..model::N_INTENTS].iter().all(|s| *s < THRESHOLD),
            lexicon,
            vetoed: self.vetoed,
            account_only: self.account_only,
            feedback_topic: self.feedback_topic,
        }
    }
}

pub(crate) fn lexicon_stage(shape: &model::Shape, folded: &[u8]) -> LexStage {
    let scored = engine::analyse(folded);
    let lex = engine::Lexicon::get();

    let mut intents: Vec<LexLabel> = scored
        .intents
        .into_iter()
        .map(|(i, score, cues)| LexLabel {
            label: INTENT_LABELS[i as usize],
            score,
            cues,
        })
        .collect();
    let mut signals: Vec<LexLabel> = scored
        .signals
        .into_iter()
        .map(|(i, score, cues)| LexLabel {
            label: SIGNAL_LABELS[i as usize],
            score,
            cues,
        })
        .collect();

    add_typography_frustration(shape, &mut signals);

    // Account, password and newsletter topics belong to the platform, not the
    // seller: unless the message also names an order or parcel, damp all
    // seller intents so that only `other` remains.
    // Money, invoices and reviews are the seller's business too ("the
    // invoice is not in my account", "charged twice on my account").
    let account_only = !scored.scope_cues.is_empty() && scored.message_features & lex.goods() == 0;
    if account_only {
        for i in &mut intents {
            i.score *= 0.2;
        }
    }
    LexStage {
        intents,
        signals,
        scope_cues: scored.scope_cues,
        features: scored.message_features,
        account_only,
        feedback_topic: scored.message_features & lex.feature_bit("FBTOPIC") != 0,
        // Intent indices below `other` are the model's intent labels.
        vetoed: scored.vetoed_intents & ((1 << model::N_INTENTS) - 1),
    }
}

/// The `other` intent, carrying the platform-account cues when those were
/// the reason.
fn other_intent(stage: &LexStage) -> IntentScore {
    let cues = if stage.account_only {
        stage
            .scope_cues
            .iter()
            .map(|c| format!("account: {c}"))
            .collect()
    } else {
        Vec::new()
    };
    IntentScore {
        label: "other",
        score: 1.0,
        cues,
    }
}

/// The lexicon's own decision (no learned model).
fn decide_by_lexicon(stage: LexStage) -> (Vec<IntentScore>, Vec<Signal>) {
    let LexStage {
        intents: lex_intents,
        signals: lex_signals,
        account_only,
        feedback_topic,
        ..
    } = &stage;

    // A threat to leave a bad review is a risk signal, not a request about a
    // review; keep `feedback` only when the review itself is the topic.
    let threat = lex_signals
        .iter()
        .any(|s| s.label == "negative_feedback_threat" && s.score >= THRESHOLD);
    let mut intents: Vec<IntentScore> = lex_intents
        .iter()
        .filter(|i| !(threat && !feedback_topic && i.label == "feedback"))
        .filter(|i| i.score >= THRESHOLD && i.label != "other")
        .map(|i| IntentScore {
            label: i.label,
            score: i.score,
            cues: owned(&i.cues),
        })
        .collect();
    let mut signals: Vec<Signal> = lex_signals
        .iter()
        .filter(|s| s.score >= THRESHOLD)
        .map(|s| Signal {
            label: s.label,
            cues: owned(&s.cues),
            score: s.score,
        })
        .collect();

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
        intents.push(other_intent(&stage));
    }
    signals.sort_by_key(|s| SIGNAL_LABELS.iter().position(|l| *l == s.label));
    (intents, signals)
}

/// The learned model's decision over the lexicon's evidence and the text.
fn decide_with_model(
    m: &model::Model,
    stage: LexStage,
    shape: &model::Shape,
    folded: &[u8],
    language: Option<&str>,
) -> (Vec<IntentScore>, Vec<Signal>) {
    MODEL_SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut sc) => decide_with_model_in(m, stage, shape, folded, language, &mut sc),
        Err(_) => decide_with_model_in(
            m,
            stage,
            shape,
            folded,
            language,
            &mut ModelScratch::default(),
        ),
    })
}

/// Buffers reused across calls on one thread, so that scoring allocates
/// nothing per feature.
#[derive(Default)]
struct ModelScratch {
    toks: Vec<normalize::Tok>,
    tok_at: Vec<u32>,
    feats: Vec<(u32, f32, Origin)>,
}

thread_local! {
    static MODEL_SCRATCH: std::cell::RefCell<ModelScratch> =
        std::cell::RefCell::new(ModelScratch::default());
}

/// How many model features explain one label.
const EXPLAIN_TOP: usize = 3;

fn decide_with_model_in(
    m: &model::Model,
    stage: LexStage,
    shape: &model::Shape,
    folded: &[u8],
    language: Option<&str>,
    sc: &mut ModelScratch,
) -> (Vec<IntentScore>, Vec<Signal>) {
    normalize::tokenize(folded, &mut sc.toks, &mut sc.tok_at);
    sc.feats.clear();
    {
        let feats = &mut sc.feats;
        model::extract(
            folded,
            &sc.toks,
            &stage.view(),
            *shape,
            language,
            |b, v, o| feats.push((b, v, o)),
        );
    }
    // Summing after hashing lets the table reads overlap.
    let acc = m.sums(&sc.feats);
    let p = m.probabilities(&acc);
    let ctx = stage.decide_ctx();
    let set = model::decide(&p, &m.rule, &ctx);

    let tok_text = |i: u32| -> &str {
        let t = sc.toks[i as usize];
        std::str::from_utf8(&folded[t.start as usize..t.end as usize]).unwrap_or("")
    };
    // The strongest positive word, negated-word and bigram contributions to
    // each reported label, named once each. Word features come first.
    let word_feats = sc
        .feats
        .iter()
        .position(|f| {
            !matches!(
                f.2,
                Origin::Word(_) | Origin::NotWord(_) | Origin::Bigram(_)
            )
        })
        .unwrap_or(sc.feats.len());
    // One pass over the word features for all reported labels: the six
    // strongest positive contributions of each.
    let reported: Vec<usize> = (0..model::N_LABELS)
        .filter(|l| set & (1 << l) != 0)
        .collect();
    let mut best = vec![[(0f32, Origin::Mark("")); 6]; reported.len()];
    for &(b, v, o) in &sc.feats[..word_feats] {
        for (top, &l) in best.iter_mut().zip(&reported) {
            let c = m.contribution(b, v, l);
            if c > top[5].0 {
                let mut j = 5;
                while j > 0 && top[j - 1].0 < c {
                    top[j] = top[j - 1];
                    j -= 1;
                }
                top[j] = (c, o);
            }
        }
    }
    let name = |prefix: &str, a: &str, b: &str| -> String {
        let mut n = String::with_capacity(7 + prefix.len() + a.len() + b.len() + 1);
        n.push_str("model: ");
        n.push_str(prefix);
        n.push_str(a);
        if !b.is_empty() {
            n.push(' ');
            n.push_str(b);
        }
        n
    };
    let explain = |l: usize, has_cues: bool| -> Vec<String> {
        let top = reported
            .iter()
            .position(|r| *r == l)
            .map_or([(0f32, Origin::Mark("")); 6], |j| best[j]);
        let mut names: Vec<String> = Vec::with_capacity(EXPLAIN_TOP);
        for &(c, o) in &top {
            if c <= 0.05 || names.len() == EXPLAIN_TOP {
                break;
            }
            let n = match o {
                Origin::Word(i) => name("", tok_text(i), ""),
                Origin::NotWord(i) => name("not ", tok_text(i), ""),
                Origin::Bigram(i) => name("", tok_text(i), tok_text(i + 1)),
                _ => continue,
            };
            if !names.contains(&n) {
                names.push(n);
            }
        }
        if names.is_empty() && !has_cues {
            // No word stood out and no cue fired: name the strongest feature
            // of any kind, so that every reported label says why.
            let mut top: Option<(f32, Origin)> = None;
            for &(b, v, o) in &sc.feats {
                let c = m.contribution(b, v, l);
                if c > top.map_or(0.0, |t| t.0) {
                    top = Some((c, o));
                }
            }
            names.push(match top {
                Some((_, Origin::CharGram(i) | Origin::Word(i) | Origin::NotWord(i))) => {
                    name("", tok_text(i), "")
                }
                Some((_, Origin::Mark(m))) => name("", m, ""),
                Some((_, Origin::Cue(..) | Origin::LexScore(_) | Origin::LexFeature(_))) => {
                    "model: lexicon".to_string()
                }
                _ => "model".to_string(),
            });
        }
        names
    };

    let LexStage {
        intents: lex_intents,
        signals: lex_signals,
        ..
    } = &stage;
    let mut intents = Vec::new();
    let mut signals = Vec::new();
    for (l, &pl) in p.iter().enumerate() {
        if set & (1 << l) == 0 {
            continue;
        }
        let label = model::label_name(l);
        let score = m.report_score(pl, l).max(ctx.lexicon[l]).max(THRESHOLD);
        let lex_labels = if l < model::N_INTENTS {
            lex_intents
        } else {
            lex_signals
        };
        let mut cues: Vec<String> = lex_labels
            .iter()
            .filter(|i| i.label == label)
            .flat_map(|i| i.cues.iter().map(|c| c.to_string()))
            .collect();
        let extra = explain(l, !cues.is_empty());
        cues.extend(extra);
        if l < model::N_INTENTS {
            intents.push(IntentScore { label, score, cues });
        } else {
            signals.push(Signal { label, cues, score });
        }
    }
    intents.sort_by(|a, b| b.score.total_cmp(&a.score));
    if intents.is_empty() {
        intents.push(other_intent(&stage));
    }
    (intents, signals)
}

/// "!!!" and shouting in capitals say more about mood than any word.
fn add_typography_frustration(shape: &model::Shape, signals: &mut Vec<LexLabel>) {
    if !shape.letters {
        return;
    }
    let mut cues: Vec<&'static str> = Vec::new();
    // One "!!" can be cheerful; "!!!" or "?!" rarely is.
    if shape.strong_marks {
        cues.push("!!!");
    } else if shape.double_bang {
        cues.push("!!");
    }
    // Acronyms (DHL, UPS, EUR) are short and rare; three shouted words in a
    // message that is mostly shouting is a reliable sign.
    if shape.capitals {
        cues.push("CAPITALS");
    }
    if cues.is_empty() {
        return;
    }
    let weight = match (cues.len(), cues.first().copied()) {
        (2, _) => 0.9,
        (_, Some("!!")) => 0.4,
        _ => 0.6,
    };
    match signals.iter_mut().find(|s| s.label == "frustration") {
        Some(s) => {
            s.score = 1.0 - (1.0 - s.score) * (1.0 - weight);
            s.cues.extend(cues);
        }
        None => signals.push(LexLabel {
            label: "frustration",
            score: weight,
            cues,
        }),
    }
}
