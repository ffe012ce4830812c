//! What a customer message is about: language, intents, risk signals and entities (order
//! numbers by marketplace, tracking numbers by carrier, amounts, dates). Combines the language
//! model of `cairn-nlu`, the tracking formats of `cairn-tracking` and our order-number formats.

use serde::Serialize;

use crate::Channel;
use crate::order_ref::{OrderMention, find_order_refs};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct IntentView {
    pub label: &'static str,
    pub score: f32,
    /// The cues that fired, so an agent can see why.
    pub cues: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct TrackingMention {
    pub carrier: &'static str,
    pub value: String,
    pub tracking_url: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AmountMention {
    pub value: String,
    pub currency: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DateView {
    pub text: String,
    pub iso: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Entities {
    pub order_ids: Vec<OrderMention>,
    pub tracking_numbers: Vec<TrackingMention>,
    pub amounts: Vec<AmountMention>,
    pub dates: Vec<DateView>,
}

/// The classification of one message (the JSON of `cairn classify --json`).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Understanding {
    pub language: Option<String>,
    pub intents: Vec<IntentView>,
    pub signals: Vec<&'static str>,
    /// Why each signal fired.
    pub signal_cues: Vec<(&'static str, Vec<String>)>,
    pub entities: Entities,
}

impl Understanding {
    pub fn intent_labels(&self) -> Vec<String> {
        self.intents.iter().map(|i| i.label.to_string()).collect()
    }

    pub fn signal_labels(&self) -> Vec<String> {
        self.signals.iter().map(|s| s.to_string()).collect()
    }
}

/// Understands a message: its subject (if any) and text. `channel` helps read bare order numbers.
pub fn understand(subject: Option<&str>, text: &str, channel: Option<Channel>) -> Understanding {
    let c = cairn_nlu::classify(text);
    let mut order_ids = Vec::new();
    for m in subject
        .map(|s| find_order_refs(s, channel))
        .unwrap_or_default()
        .into_iter()
        .chain(find_order_refs(text, channel))
    {
        if !order_ids.contains(&m) {
            order_ids.push(m);
        }
    }
    let tracking_numbers = cairn_tracking::find_in_text(text)
        .into_iter()
        .filter_map(|(value, candidates)| {
            let best = candidates.into_iter().next()?;
            Some(TrackingMention {
                carrier: best.carrier,
                value,
                tracking_url: best.tracking_url,
            })
        })
        .collect();
    Understanding {
        language: c.language,
        intents: c
            .intents
            .into_iter()
            .map(|i| IntentView {
                label: i.label,
                score: (i.score * 100.0).round() / 100.0,
                cues: i.cues,
            })
            .collect(),
        signals: c.signals.iter().map(|s| s.label).collect(),
        signal_cues: c.signals.into_iter().map(|s| (s.label, s.cues)).collect(),
        entities: Entities {
            order_ids,
            tracking_numbers,
            amounts: c
                .amounts
                .into_iter()
                .map(|a| AmountMention {
                    value: a.value,
                    currency: a.currency,
                })
                .collect(),
            dates: c
                .dates
                .into_iter()
                .map(|d| DateView {
                    text: d.text,
                    iso: d.iso,
                })
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_german_tracking_question_with_entities() {
        let u = understand(
            Some("Frage zur Bestellung 302-4417789-6651234"),
            "Hallo, wo ist mein Paket? Die Sendungsnummer 00340434161094042557 zeigt nichts. \
             Ich habe 49,90 € bezahlt.",
            Some(Channel::Amazon),
        );
        assert_eq!(u.language.as_deref(), Some("de"));
        assert!(u.intents.iter().any(|i| i.label == "tracking"), "{u:?}");
        assert_eq!(u.entities.order_ids[0].value, "302-4417789-6651234");
        assert_eq!(u.entities.tracking_numbers[0].value, "00340434161094042557");
        assert_eq!(u.entities.tracking_numbers[0].carrier, "dhl");
        assert_eq!(u.entities.amounts[0].value, "49.90");
        assert_eq!(u.entities.amounts[0].currency, "EUR");
    }

    #[test]
    fn empty_and_huge_inputs_do_not_panic() {
        let u = understand(None, "", None);
        assert!(u.entities.order_ids.is_empty());
        let big = "Wo ist mein Paket? 🙂 ".repeat(50_000);
        let _ = understand(Some("x"), &big, Some(Channel::Email));
    }
}
