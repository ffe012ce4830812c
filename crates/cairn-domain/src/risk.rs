//! The risk score of a ticket: how likely the conversation ends in negative feedback, a claim or
//! a lost customer, and how urgent it is. Explainable: every point comes with a reason.
//!
//! The score is the sum of weighted contributions, capped at 100. The time-dependent part (time
//! left on the clock) changes only at fixed instants before the deadline, so the score is stored
//! with the moment it next changes and recomputed then, which keeps the queue an index scan.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::Channel;
use crate::model::Fulfillment;
use crate::money::Money;

/// Weights of each contribution; configurable per tenant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RiskWeights {
    /// Points per intent label; the strongest intent counts fully, each further one adds
    /// `extra_intent`.
    pub intents: Vec<(String, u8)>,
    pub extra_intent: u8,
    pub signals: Vec<(String, u8)>,
    /// An Amazon order the seller ships himself: late or lost parcels are his defect.
    pub fbm_on_amazon: u8,
    /// Amazon conversations weigh on the Order Defect Rate and the 24-hour metric.
    pub amazon_channel: u8,
    /// Order value thresholds (in the order's currency units) and their points.
    pub order_value: Vec<(i64, u8)>,
    /// Hours left on the clock and their points; `overdue` when the deadline has passed.
    pub time_left: Vec<(i64, u8)>,
    pub overdue: u8,
}

impl Default for RiskWeights {
    fn default() -> Self {
        let pairs = |v: &[(&str, u8)]| v.iter().map(|(l, p)| (l.to_string(), *p)).collect();
        RiskWeights {
            intents: pairs(&[
                ("not_received", 26),
                ("damaged", 24),
                ("wrong_item", 22),
                ("refund", 20),
                ("tracking", 18),
                ("return", 16),
                ("complaint", 16),
                ("payment", 14),
                ("cancellation", 12),
                ("warranty", 10),
                ("feedback", 10),
                ("address_change", 10),
                ("order_change", 8),
                ("invoice", 5),
                ("assembly", 4),
                ("product_question", 3),
                ("other", 0),
            ]),
            extra_intent: 4,
            signals: pairs(&[
                ("a_to_z_threat", 30),
                ("chargeback_threat", 30),
                ("negative_feedback_threat", 26),
                ("legal_threat", 26),
                ("frustration", 12),
                ("repeat_contact", 12),
            ]),
            fbm_on_amazon: 12,
            amazon_channel: 5,
            order_value: vec![(200, 10), (100, 6), (50, 3)],
            time_left: vec![(2, 20), (4, 15), (8, 8), (12, 4)],
            overdue: 25,
        }
    }
}

/// What the score is computed from.
#[derive(Clone, Debug, Default)]
pub struct RiskInput<'a> {
    pub channel: Option<Channel>,
    pub intents: &'a [String],
    pub signals: &'a [String],
    /// Fulfilment of the orders the ticket is about.
    pub fulfillment: Vec<Fulfillment>,
    /// Totals of those orders.
    pub order_totals: Vec<Money>,
    /// When the strictest open clock runs out, if one runs.
    pub due_at: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub score: u8,
    pub level: &'static str,
    pub reasons: Vec<String>,
}

impl Default for Risk {
    fn default() -> Self {
        Risk {
            score: 0,
            level: "low",
            reasons: Vec::new(),
        }
    }
}

impl Risk {
    pub fn level_of(score: u8) -> &'static str {
        match score {
            70.. => "high",
            40.. => "medium",
            _ => "low",
        }
    }
}

fn label_text(label: &str) -> String {
    match label {
        "not_received" => "not received".to_string(),
        "wrong_item" => "wrong item".to_string(),
        "address_change" => "address change".to_string(),
        "order_change" => "order change".to_string(),
        "product_question" => "product question".to_string(),
        "a_to_z_threat" => "A-to-z claim threat".to_string(),
        "chargeback_threat" => "chargeback threat".to_string(),
        "negative_feedback_threat" => "negative feedback threat".to_string(),
        "legal_threat" => "legal threat".to_string(),
        "repeat_contact" => "repeat contact".to_string(),
        other => other.replace('_', " "),
    }
}

fn weight(table: &[(String, u8)], label: &str) -> u8 {
    table
        .iter()
        .find(|(l, _)| l == label)
        .map_or(0, |(_, p)| *p)
}

fn human_duration(d: SignedDuration) -> String {
    let minutes = d.as_secs().abs() / 60;
    if minutes >= 60 {
        format!("{}h", minutes / 60)
    } else {
        format!("{minutes}min")
    }
}

/// Scores a ticket at `now`. Also returns the next instant at which the score changes by the
/// passing of time alone (`None` when only new data can change it).
pub fn assess(
    input: &RiskInput,
    weights: &RiskWeights,
    now: Timestamp,
) -> (Risk, Option<Timestamp>) {
    let mut score: u32 = 0;
    let mut reasons: Vec<(u8, String)> = Vec::new();

    let mut intent_points: Vec<(u8, &String)> = input
        .intents
        .iter()
        .map(|l| (weight(&weights.intents, l), l))
        .filter(|(p, _)| *p > 0)
        .collect();
    intent_points.sort_by_key(|p| std::cmp::Reverse(p.0));
    for (i, (points, label)) in intent_points.iter().enumerate() {
        let p = if i == 0 {
            *points
        } else {
            weights.extra_intent.min(*points)
        };
        score += u32::from(p);
        let what = match label.as_str() {
            "tracking" => "tracking question".to_string(),
            "refund" => "refund request".to_string(),
            "return" => "return request".to_string(),
            other => label_text(other),
        };
        reasons.push((p, what));
    }
    for label in input.signals {
        let p = weight(&weights.signals, label);
        if p > 0 {
            score += u32::from(p);
            reasons.push((p, label_text(label)));
        }
    }
    if input.channel == Some(Channel::Amazon) {
        if input.fulfillment.contains(&Fulfillment::Fbm) {
            score += u32::from(weights.fbm_on_amazon);
            reasons.push((weights.fbm_on_amazon, "FBM order".to_string()));
        }
        if weights.amazon_channel > 0 {
            score += u32::from(weights.amazon_channel);
            reasons.push((weights.amazon_channel, "Amazon account health".to_string()));
        }
    }
    if let Some(max) = input.order_totals.iter().max_by_key(|m| m.amount.micros()) {
        let units = (max.amount.micros() / 1_000_000) as i64;
        if let Some((threshold, p)) = weights
            .order_value
            .iter()
            .filter(|(t, _)| units >= *t)
            .max_by_key(|(t, _)| *t)
        {
            score += u32::from(*p);
            reasons.push((*p, format!("order value over {threshold} {}", max.currency)));
        }
    }
    let clock = match input.channel {
        Some(Channel::Amazon) => "Amazon clock",
        Some(Channel::Ebay) => "eBay clock",
        Some(Channel::Walmart) => "Walmart clock",
        _ => "clock",
    };
    let mut next_change = None;
    if let Some(due) = input.due_at {
        let left = due.duration_since(now);
        if left <= SignedDuration::ZERO {
            score += u32::from(weights.overdue);
            reasons.push((
                weights.overdue,
                format!("overdue by {} on the {clock}", human_duration(left)),
            ));
        } else {
            // Thresholds from the tightest: the first one the time left is under applies.
            let mut buckets: Vec<(i64, u8)> = weights.time_left.clone();
            buckets.sort_by_key(|(h, _)| *h);
            let applying = buckets
                .iter()
                .find(|(h, _)| left < SignedDuration::from_hours(*h));
            if let Some((_, p)) = applying {
                score += u32::from(*p);
                reasons.push((*p, format!("{} left on the {clock}", human_duration(left))));
            }
            // The score changes next when the next tighter threshold (or the deadline) passes.
            let upcoming = buckets
                .iter()
                .map(|(h, _)| {
                    due.checked_sub(SignedDuration::from_hours(*h))
                        .unwrap_or(due)
                })
                .chain(std::iter::once(due))
                .filter(|t| *t > now)
                .min();
            next_change = upcoming;
        }
    }
    let score = score.min(100) as u8;
    reasons.sort_by_key(|r| std::cmp::Reverse(r.0));
    let level = Risk::level_of(score);
    (
        Risk {
            score,
            level,
            reasons: reasons.into_iter().map(|(_, r)| r).collect(),
        },
        next_change,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn threats_on_late_fbm_orders_rank_highest() {
        let w = RiskWeights::default();
        let now = ts("2026-11-10T12:00:00Z");
        let intents = strings(&["not_received"]);
        let signals = strings(&["a_to_z_threat", "frustration"]);
        let urgent = RiskInput {
            channel: Some(Channel::Amazon),
            intents: &intents,
            signals: &signals,
            fulfillment: vec![Fulfillment::Fbm],
            order_totals: vec![Money::parse("129.00", "EUR").unwrap_or_else(|_| panic!("money"))],
            due_at: Some(ts("2026-11-10T15:00:00Z")),
        };
        let (risk, next) = assess(&urgent, &w, now);
        assert_eq!(risk.level, "high");
        assert_eq!(risk.score, 100);
        assert!(risk.reasons.iter().any(|r| r == "FBM order"));
        assert!(
            risk.reasons
                .iter()
                .any(|r| r == "3h left on the Amazon clock"),
            "{:?}",
            risk.reasons
        );
        // Next change: 2 hours before the deadline.
        assert_eq!(next, Some(ts("2026-11-10T13:00:00Z")));

        let calm_intents = strings(&["product_question"]);
        let calm = RiskInput {
            channel: Some(Channel::Email),
            intents: &calm_intents,
            signals: &[],
            due_at: Some(ts("2026-11-11T11:00:00Z")),
            ..RiskInput::default()
        };
        let (low, next) = assess(&calm, &w, now);
        assert_eq!(low.level, "low");
        assert!(low.score < risk.score);
        assert_eq!(next, Some(ts("2026-11-10T23:00:00Z")));
    }

    #[test]
    fn the_score_rises_as_the_deadline_nears() {
        let w = RiskWeights::default();
        let intents = strings(&["tracking"]);
        let input = RiskInput {
            channel: Some(Channel::Amazon),
            intents: &intents,
            signals: &[],
            fulfillment: vec![Fulfillment::Fba],
            due_at: Some(ts("2026-11-11T08:00:00Z")),
            ..RiskInput::default()
        };
        let mut last = 0;
        for now in [
            "2026-11-10T08:00:00Z",
            "2026-11-10T21:00:00Z",
            "2026-11-11T01:00:00Z",
            "2026-11-11T05:00:00Z",
            "2026-11-11T07:00:00Z",
            "2026-11-11T09:00:00Z",
        ] {
            let (risk, _) = assess(&input, &w, ts(now));
            assert!(risk.score >= last, "{now}: {} < {last}", risk.score);
            last = risk.score;
        }
        let (overdue, next) = assess(&input, &w, ts("2026-11-11T09:30:00Z"));
        assert!(
            overdue
                .reasons
                .iter()
                .any(|r| r.starts_with("overdue by 1h")),
            "{:?}",
            overdue.reasons
        );
        assert_eq!(next, None);
    }

    #[test]
    fn nothing_known_is_low_risk() {
        let (risk, next) = assess(
            &RiskInput::default(),
            &RiskWeights::default(),
            ts("2026-11-10T08:00:00Z"),
        );
        assert_eq!((risk.score, risk.level, next), (0, "low", None));
    }
}
