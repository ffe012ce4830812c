//! Offline training of the learned model (`model.rs`): reading the labelled
//! messages, turning them into features, one-vs-rest logistic regression with
//! L2 trained by AdaGrad, k-fold cross-validation, per-label thresholds and
//! the quantised weights file. Used by `examples/train.rs` (which writes
//! `model/weights.bin`) and by `examples/eval.rs` (cross-validated figures).
//!
//! Everything is deterministic: the same data and parameters give the same
//! bytes (fixed seeds, single thread, fixed summation order).
//!
//! Training data: `data/examples.jsonl`, the development sets
//! `eval/own.jsonl`, `eval/holdout.jsonl`, `eval/blind.jsonl` and
//! `data/train/*.jsonl`. The blind set `eval/fresh.jsonl` is never read here.

use crate::model::{self, BUCKETS, DecideCtx, N_INTENTS, N_LABELS, Rule};
use crate::{MAX_CHARS, lang, lexicon_stage, normalize};

pub use crate::model::{decide, label_name};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One labelled message as read from a JSON-lines file.
#[derive(Clone, Debug, Deserialize)]
pub struct Row {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub lang: String,
    pub text: String,
    #[serde(default)]
    pub intents: Vec<String>,
    #[serde(default)]
    pub signals: Vec<String>,
    /// Which file the row came from (index into the file list).
    #[serde(skip)]
    pub source: usize,
}

/// The files the model is trained on, relative to the crate directory, in a
/// fixed order: the development examples, the three development sets, then
/// `data/train/*.jsonl` sorted by name.
pub fn training_files(crate_dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = [
        "data/examples.jsonl",
        "eval/own.jsonl",
        "eval/holdout.jsonl",
        "eval/blind.jsonl",
    ]
    .iter()
    .map(|p| crate_dir.join(p))
    .collect();
    let mut train: Vec<PathBuf> = std::fs::read_dir(crate_dir.join("data/train"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    train.sort();
    files.extend(train);
    // The blind set must never be trained on.
    files.retain(|p| p.file_name().is_none_or(|n| n != "fresh.jsonl"));
    files
}

/// True for rows of `data/train/` (text the lexicon was not written from).
pub fn is_train_file(p: &Path) -> bool {
    p.parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "train")
}

/// Reads the rows of `files`; `source` is the file's index.
pub fn load(files: &[PathBuf]) -> Result<Vec<Row>, String> {
    let mut out = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        let data =
            std::fs::read_to_string(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
        for (n, line) in data.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let mut row: Row = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", f.display(), n + 1))?;
            row.source = fi;
            out.push(row);
        }
    }
    Ok(out)
}

/// A message as the trainer sees it.
#[derive(Clone, Debug)]
pub struct Example {
    /// Features of the text itself (words, n-grams, shape, language).
    pub text: Vec<(u32, f32)>,
    /// Features from the lexicon's analysis.
    pub lexicon: Vec<(u32, f32)>,
    /// Gold labels as a bit set over model labels.
    pub gold: u32,
    pub ctx: DecideCtx,
    pub source: usize,
    /// From `data/train/` (text the lexicon was not written from).
    pub unseen: bool,
}

/// Gold bit set of a row; unknown labels are an error.
pub fn gold_of(row: &Row) -> Result<u32, String> {
    let mut g = 0u32;
    for l in row.intents.iter().chain(&row.signals) {
        if l == "other" {
            continue;
        }
        let Some(i) = model::label_index(l) else {
            return Err(format!("{}: unknown label {l}", row.id));
        };
        g |= 1 << i;
    }
    Ok(g)
}

/// Features of one row, exactly as classification computes them.
pub fn featurize(row: &Row) -> Result<Example, String> {
    let cut = normalize::truncate_chars(&row.text, MAX_CHARS);
    let body = normalize::strip_quoted(cut);
    let folded = normalize::fold_for_matching(&body);
    let language = lang::detect(&body, &folded);
    let shape = model::Shape::of(&body);
    let stage = lexicon_stage(&shape, &folded);
    let mut toks = Vec::new();
    let mut tok_at = Vec::new();
    normalize::tokenize(&folded, &mut toks, &mut tok_at);
    let mut text = Vec::new();
    let mut lexicon = Vec::new();
    model::extract(
        &folded,
        &toks,
        &stage.view(),
        shape,
        language.as_deref(),
        |b, v, o| {
            if o.is_lexicon() {
                lexicon.push((b, v));
            } else {
                text.push((b, v));
            }
        },
    );
    Ok(Example {
        text,
        lexicon,
        gold: gold_of(row)?,
        ctx: stage.decide_ctx(),
        source: row.source,
        unseen: false,
    })
}

/// Training parameters.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    pub epochs: usize,
    /// AdaGrad base learning rate.
    pub rate: f32,
    /// L2 penalty, applied to the weights a message touches.
    pub l2: f32,
    /// Chance that a message is seen without its lexicon features in an
    /// epoch, so that the model also learns from the words themselves.
    pub lexicon_dropout: f32,
    /// Weight of a positive example relative to a negative one.
    pub positive_weight: f32,
    /// Average the weights over the epochs of the second half of training
    /// (Polyak averaging) instead of keeping the last ones.
    pub average: bool,
    /// Weight of a `data/train/` message relative to a development one.
    pub unseen_weight: f32,
    /// Tune thresholds on `data/train/` messages only (when there are any).
    pub tune_on_unseen: bool,
    /// Tune thresholds with the development sets and the training files
    /// weighted equally.
    pub balance_writers: bool,
    /// Fixes [`Rule::unsupported_min`] instead of tuning it.
    pub unsupported_min: Option<f32>,
    /// Fixes [`Rule::vetoed_min`] instead of tuning it.
    pub vetoed_min: Option<f32>,
    /// Fixes [`Rule::lexicon_sure`] instead of tuning it.
    pub lexicon_sure: Option<f32>,
    /// Fixes [`Rule::complaint_fallback`] instead of tuning it.
    pub complaint_fallback: Option<bool>,
    /// Sets [`Rule::signal_unsupported_min`] (0 when `None`).
    pub signal_unsupported_min: Option<f32>,
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            epochs: 20,
            rate: 0.3,
            l2: 1e-3,
            lexicon_dropout: 0.3,
            positive_weight: 1.0,
            unseen_weight: 1.0,
            average: false,
            tune_on_unseen: false,
            balance_writers: true,
            unsupported_min: None,
            vetoed_min: Some(0.5),
            lexicon_sure: Some(0.8),
            complaint_fallback: None,
            signal_unsupported_min: None,
            seed: 0x00c4_1a2b,
        }
    }
}

/// Small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Float weights: `BUCKETS × N_LABELS`, row per bucket, and biases.
pub struct Weights {
    pub w: Vec<f32>,
    pub bias: [f32; N_LABELS],
}

impl Weights {
    /// Per-label probabilities of one example.
    pub fn predict(&self, ex: &Example) -> [f32; N_LABELS] {
        let mut z = self.bias;
        for &(b, v) in ex.text.iter().chain(&ex.lexicon) {
            let row = &self.w[b as usize * N_LABELS..(b as usize + 1) * N_LABELS];
            for (zl, wl) in z.iter_mut().zip(row) {
                *zl += wl * v;
            }
        }
        z.map(model::sigmoid)
    }
}

/// Trains one-vs-rest logistic regression on `examples`.
pub fn train(examples: &[&Example], p: &Params) -> Weights {
    let mut w = vec![0f32; BUCKETS * N_LABELS];
    let mut g2 = vec![0f32; BUCKETS * N_LABELS];
    let mut bias = [0f32; N_LABELS];
    let mut bias_g2 = [0f32; N_LABELS];
    let mut rng = Rng(p.seed | 1);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let eps = 1e-6f32;
    let mut avg: Option<(Vec<f32>, [f32; N_LABELS], u32)> = None;
    for epoch in 0..p.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let ex = examples[i];
            let use_lex = rng.unit() >= p.lexicon_dropout;
            let feats = || {
                ex.text
                    .iter()
                    .chain(ex.lexicon.iter().take(if use_lex { usize::MAX } else { 0 }))
            };
            let mut z = bias;
            for &(b, v) in feats() {
                let row = &w[b as usize * N_LABELS..(b as usize + 1) * N_LABELS];
                for (zl, wl) in z.iter_mut().zip(row) {
                    *zl += wl * v;
                }
            }
            let mut g = [0f32; N_LABELS];
            let ew = if ex.unseen { p.unseen_weight } else { 1.0 };
            for l in 0..N_LABELS {
                let y = ex.gold & (1 << l) != 0;
                let d = (model::sigmoid(z[l]) - if y { 1.0 } else { 0.0 }) * ew;
                g[l] = if y { d * p.positive_weight } else { d };
                bias_g2[l] += g[l] * g[l];
                bias[l] -= p.rate * g[l] / (bias_g2[l] + eps).sqrt();
            }
            for &(b, v) in feats() {
                let at = b as usize * N_LABELS;
                let row = &mut w[at..at + N_LABELS];
                let acc = &mut g2[at..at + N_LABELS];
                for l in 0..N_LABELS {
                    let grad = g[l] * v + p.l2 * row[l];
                    acc[l] += grad * grad;
                    row[l] -= p.rate * grad / (acc[l] + eps).sqrt();
                }
            }
        }
        if p.average && 2 * epoch >= p.epochs {
            let (aw, ab, n) =
                avg.get_or_insert_with(|| (vec![0f32; BUCKETS * N_LABELS], [0f32; N_LABELS], 0));
            for (a, x) in aw.iter_mut().zip(&w) {
                *a += x;
            }
            for (a, x) in ab.iter_mut().zip(&bias) {
                *a += x;
            }
            *n += 1;
        }
    }
    if let Some((mut aw, mut ab, n)) = avg {
        let k = 1.0 / n as f32;
        aw.iter_mut().for_each(|x| *x *= k);
        ab.iter_mut().for_each(|x| *x *= k);
        return Weights { w: aw, bias: ab };
    }
    Weights { w, bias }
}

/// Out-of-fold probabilities: each example in a fold is predicted by a model
/// trained on all other examples. `fold_of` gives the fold of an example, or
/// `None` for examples that are always trained on and never predicted.
pub fn cross_validate(
    examples: &[Example],
    p: &Params,
    k: usize,
    fold_of: &dyn Fn(usize) -> Option<usize>,
) -> Vec<Option<[f32; N_LABELS]>> {
    let mut out = vec![None; examples.len()];
    for f in 0..k {
        let train_set: Vec<&Example> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| fold_of(*i) != Some(f))
            .map(|(_, e)| e)
            .collect();
        let m = train(&train_set, p);
        for (i, e) in examples.iter().enumerate() {
            if fold_of(i) == Some(f) {
                out[i] = Some(m.predict(e));
            }
        }
    }
    out
}

/// Folds by a seeded shuffle of the examples `eligible` selects.
pub fn folds(
    n: usize,
    k: usize,
    seed: u64,
    eligible: &dyn Fn(usize) -> bool,
) -> Vec<Option<usize>> {
    let mut idx: Vec<usize> = (0..n).filter(|i| eligible(*i)).collect();
    Rng(seed | 1).shuffle(&mut idx);
    let mut fold = vec![None; n];
    for (j, i) in idx.into_iter().enumerate() {
        fold[i] = Some(j % k);
    }
    fold
}

/// Per-label counts and macro-F1 as `eval.rs` computes them.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub tp: [u32; N_LABELS],
    pub fp: [u32; N_LABELS],
    pub fn_: [u32; N_LABELS],
    pub messages: usize,
    pub exact: usize,
}

impl Scores {
    pub fn add(&mut self, gold: u32, pred: u32) {
        self.messages += 1;
        if gold == pred {
            self.exact += 1;
        }
        for l in 0..N_LABELS {
            match (gold & (1 << l) != 0, pred & (1 << l) != 0) {
                (true, true) => self.tp[l] += 1,
                (true, false) => self.fn_[l] += 1,
                (false, true) => self.fp[l] += 1,
                _ => {}
            }
        }
    }
    pub fn f1(&self, l: usize) -> f64 {
        let (tp, fp, fn_) = (self.tp[l] as f64, self.fp[l] as f64, self.fn_[l] as f64);
        if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fn_)
        }
    }
    fn macro_over(&self, r: std::ops::Range<usize>) -> f64 {
        let used: Vec<f64> = r
            .filter(|l| self.tp[*l] + self.fn_[*l] > 0)
            .map(|l| self.f1(l))
            .collect();
        if used.is_empty() {
            0.0
        } else {
            used.iter().sum::<f64>() / used.len() as f64
        }
    }
    pub fn intent_macro_f1(&self) -> f64 {
        self.macro_over(0..N_INTENTS)
    }
    pub fn signal_macro_f1(&self) -> f64 {
        self.macro_over(N_INTENTS..N_LABELS)
    }
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{:<26} {:>6} {:>6} {:>6} {:>7}",
            "label", "P", "R", "F1", "support"
        )?;
        for l in 0..N_LABELS {
            let (tp, fp, fn_) = (self.tp[l], self.fp[l], self.fn_[l]);
            let p = if tp + fp == 0 {
                0.0
            } else {
                tp as f64 / (tp + fp) as f64
            };
            let r = if tp + fn_ == 0 {
                0.0
            } else {
                tp as f64 / (tp + fn_) as f64
            };
            writeln!(
                f,
                "{:<26} {p:>6.3} {r:>6.3} {:>6.3} {:>7}",
                model::label_name(l),
                self.f1(l),
                tp + fn_
            )?;
        }
        writeln!(
            f,
            "intent macro-F1 {:.3}  signal macro-F1 {:.3}  exact {:.3}  ({} messages)",
            self.intent_macro_f1(),
            self.signal_macro_f1(),
            self.exact as f64 / self.messages.max(1) as f64,
            self.messages
        )
    }
}

/// Scores predictions under the classification rules.
pub fn score(
    examples: &[Example],
    probs: &[Option<[f32; N_LABELS]>],
    rule: &Rule,
    select: &dyn Fn(usize) -> bool,
) -> Scores {
    let mut s = Scores::default();
    for (i, (e, p)) in examples.iter().zip(probs).enumerate() {
        if let Some(p) = p
            && select(i)
        {
            s.add(e.gold, model::decide(p, rule, &e.ctx));
        }
    }
    s
}

/// Per-label thresholds that maximise F1 on out-of-fold probabilities,
/// smoothed over neighbouring thresholds so that one lucky message does not
/// decide; labels with too few positives keep 0.5.
pub fn tune_thresholds(
    examples: &[Example],
    probs: &[Option<[f32; N_LABELS]>],
    weight: &dyn Fn(usize) -> f64,
) -> [f32; N_LABELS] {
    let grid: Vec<f32> = (2..=38).map(|i| i as f32 * 0.025).collect();
    let mut out = [0.5f32; N_LABELS];
    for (l, t) in out.iter_mut().enumerate() {
        let f1s: Vec<f64> = grid
            .iter()
            .map(|&t| {
                let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
                let mut positives = 0u32;
                for (i, (e, p)) in examples.iter().zip(probs).enumerate() {
                    let Some(p) = p else { continue };
                    let w = weight(i);
                    match (e.gold & (1 << l) != 0, p[l] >= t) {
                        (true, true) => tp += w,
                        (true, false) => fn_ += w,
                        (false, true) => fp += w,
                        _ => {}
                    }
                    positives += u32::from(e.gold & (1 << l) != 0);
                }
                if positives < 5 || tp == 0.0 {
                    return if positives < 5 { -1.0 } else { 0.0 };
                }
                2.0 * tp / (2.0 * tp + fp + fn_)
            })
            .collect();
        if f1s.iter().all(|f| *f < 0.0) {
            continue;
        }
        let mut best = (f64::MIN, 0.5f32);
        for j in 0..grid.len() {
            let lo = j.saturating_sub(2);
            let hi = (j + 2).min(grid.len() - 1);
            let avg = f1s[lo..=hi].iter().sum::<f64>() / (hi - lo + 1) as f64;
            // Ties go to the threshold nearer 0.5.
            let better = avg > best.0 + 1e-9
                || ((avg - best.0).abs() <= 1e-9 && (grid[j] - 0.5).abs() < (best.1 - 0.5).abs());
            if better {
                best = (avg, grid[j]);
            }
        }
        *t = best.1;
    }
    out
}

/// Quantises float weights to `i8` with one scale per label.
pub fn quantise(w: &Weights) -> (Vec<i8>, [f32; N_LABELS]) {
    let mut max = [0f32; N_LABELS];
    for row in w.w.chunks_exact(N_LABELS) {
        for (m, v) in max.iter_mut().zip(row) {
            *m = m.max(v.abs());
        }
    }
    let scale = max.map(|m| if m > 0.0 { m / 127.0 } else { 1.0 });
    let q =
        w.w.chunks_exact(N_LABELS)
            .flat_map(|row| {
                row.iter()
                    .zip(scale)
                    .map(|(v, s)| (v / s).round().clamp(-127.0, 127.0) as i8)
            })
            .collect();
    (q, scale)
}

/// The whole offline pipeline's result.
pub struct Built {
    /// The weights file.
    pub bytes: Vec<u8>,
    pub rule: Rule,
    /// Cross-validated scores over all examples.
    pub cv_all: Scores,
    /// Cross-validated scores over `data/train/` examples only (dev sets
    /// always trained on), when there are any.
    pub cv_train: Option<Scores>,
}

/// Candidates for [`Rule::lexicon_sure`], from "never on its own" down.
const LEXICON_SURE_GRID: [f32; 4] = [0.95, 0.9, 0.85, 0.8];

/// Candidates for [`Rule::unsupported_min`], from "no extra bar" up.
const UNSUPPORTED_GRID: [f32; 5] = [0.0, 0.3, 0.5, 0.7, 0.9];

/// Candidates for [`Rule::vetoed_min`], from "no extra bar" to "never".
const VETOED_GRID: [f32; 5] = [0.0, 0.5, 0.7, 0.9, 1.1];

/// Number of cross-validation folds.
pub const FOLDS: usize = 5;

/// Featurises all rows.
pub fn featurize_all(rows: &[Row]) -> Result<Vec<Example>, String> {
    rows.iter().map(featurize).collect()
}

/// Cross-validated figures and the thresholds tuned on them.
pub struct Cv {
    /// Out-of-fold probabilities per example.
    pub oof: Vec<Option<[f32; N_LABELS]>>,
    pub rule: Rule,
    /// Scores over all examples.
    pub all: Scores,
    /// Scores over `data/train/` examples only (the development sets are
    /// then always trained on), when there are any.
    pub train: Option<Scores>,
}

/// K-fold cross-validation over all examples, thresholds tuned on the
/// out-of-fold probabilities.
pub fn cross_validated(examples: &[Example], train_sources: &[usize], p: &Params) -> Cv {
    let n = examples.len();
    let all_folds = folds(n, FOLDS, p.seed ^ 0x5eed, &|_| true);
    let oof = cross_validate(examples, p, FOLDS, &|i| all_folds[i]);
    let is_train = |i: usize| train_sources.contains(&examples[i].source);
    let threshold = if p.tune_on_unseen && examples.iter().any(|e| e.unseen) {
        let only: Vec<Option<[f32; N_LABELS]>> = examples
            .iter()
            .zip(&oof)
            .map(|(e, o)| if e.unseen { *o } else { None })
            .collect();
        tune_thresholds(examples, &only, &|_| 1.0)
    } else if p.balance_writers {
        // Each group of writers (development sets, training files) counts
        // as much in the threshold choice, whatever its size.
        let n_unseen = examples.iter().filter(|e| e.unseen).count().max(1) as f64;
        let n_dev = (examples.len() as f64 - n_unseen).max(1.0);
        tune_thresholds(examples, &oof, &|i| {
            if examples[i].unseen {
                0.5 / n_unseen
            } else {
                0.5 / n_dev
            }
        })
    } else {
        tune_thresholds(examples, &oof, &|_| 1.0)
    };
    // How sure the lexicon must be to report a label on its own: judged on
    // the messages it was not written from when there are any.
    let tune_on = |i: usize| is_train(i) || !(0..n).any(is_train);
    let mut rule = Rule {
        threshold,
        lexicon_sure: 2.0,
        unsupported_min: 0.0,
        vetoed_min: 0.0,
        complaint_fallback: false,
        signal_unsupported_min: 0.0,
    };
    let mut best = f64::MIN;
    for sure in LEXICON_SURE_GRID {
        for unsupported_min in UNSUPPORTED_GRID {
            for vetoed_min in VETOED_GRID {
                for complaint_fallback in [false, true] {
                    let r = Rule {
                        threshold,
                        lexicon_sure: sure,
                        unsupported_min,
                        vetoed_min,
                        complaint_fallback,
                        signal_unsupported_min: 0.0,
                    };
                    let s = score(examples, &oof, &r, &tune_on);
                    let f = s.intent_macro_f1() + s.signal_macro_f1();
                    if f > best + 1e-9 {
                        best = f;
                        rule = r;
                    }
                }
            }
        }
    }
    if let Some(u) = p.unsupported_min {
        rule.unsupported_min = u;
    }
    if let Some(v) = p.vetoed_min {
        rule.vetoed_min = v;
    }
    if let Some(v) = p.lexicon_sure {
        rule.lexicon_sure = v;
    }
    if let Some(v) = p.complaint_fallback {
        rule.complaint_fallback = v;
    }
    if let Some(v) = p.signal_unsupported_min {
        rule.signal_unsupported_min = v;
    }
    let all = score(examples, &oof, &rule, &|_| true);
    let train = (0..n)
        .any(is_train)
        .then(|| score(examples, &oof, &rule, &is_train));
    Cv {
        oof,
        rule,
        all,
        train,
    }
}

/// Cross-validates, tunes thresholds on the out-of-fold probabilities,
/// trains on everything and encodes the quantised model.
pub fn build(examples: &[Example], train_sources: &[usize], p: &Params) -> Built {
    let cv = cross_validated(examples, train_sources, p);
    let refs: Vec<&Example> = examples.iter().collect();
    let full = train(&refs, p);
    let (q, scale) = quantise(&full);
    let bytes = model::encode(&q, &scale, &full.bias, &cv.rule);
    Built {
        bytes,
        rule: cv.rule,
        cv_all: cv.all,
        cv_train: cv.train,
    }
}

/// Training files, their featurised examples and the indices of the
/// `data/train/` files.
pub type Loaded = (Vec<PathBuf>, Vec<Example>, Vec<usize>);

/// The crate's training data, featurised: files, examples and the indices
/// of the `data/train/` files.
pub fn load_dir(crate_dir: &Path) -> Result<Loaded, String> {
    let files = training_files(crate_dir);
    let rows = load(&files)?;
    let mut examples = featurize_all(&rows)?;
    let train_sources: Vec<usize> = files
        .iter()
        .enumerate()
        .filter(|(_, f)| is_train_file(f))
        .map(|(i, _)| i)
        .collect();
    for e in &mut examples {
        e.unseen = train_sources.contains(&e.source);
    }
    Ok((files, examples, train_sources))
}

/// Reads, featurises and builds from the crate's training files.
pub fn build_from_dir(crate_dir: &Path, p: &Params) -> Result<(Built, Vec<PathBuf>), String> {
    let (files, examples, train_sources) = load_dir(crate_dir)?;
    Ok((build(&examples, &train_sources, p), files))
}

/// Trains on every example whose source is not `held_out` and scores the
/// held-out file's examples under `rule`: how a model does on one writer's
/// set it never saw.
pub fn held_out_file(examples: &[Example], held_out: usize, p: &Params, rule: &Rule) -> Scores {
    let train_set: Vec<&Example> = examples.iter().filter(|e| e.source != held_out).collect();
    let m = train(&train_set, p);
    let mut s = Scores::default();
    for e in examples.iter().filter(|e| e.source == held_out) {
        s.add(e.gold, model::decide(&m.predict(e), rule, &e.ctx));
    }
    s
}
