//! When an answer is due. This is the first-response rule per channel; the full deadline engine
//! (business hours, holidays, pauses) builds on it.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::Channel;

/// How long each channel gives us to answer a customer message, counted around the clock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineRules {
    pub amazon: SignedDuration,
    pub ebay: SignedDuration,
    pub walmart: SignedDuration,
    pub shopify: SignedDuration,
    pub email: SignedDuration,
}

impl Default for DeadlineRules {
    /// Amazon requires an answer to every buyer message within 24 hours, weekends and holidays
    /// included; eBay measures the same day; Walmart asks for 48 hours. Own-shop channels have
    /// no mandate, and 24 hours is what customers expect.
    fn default() -> Self {
        let hours = |h: i64| SignedDuration::from_hours(h);
        Self {
            amazon: hours(24),
            ebay: hours(24),
            walmart: hours(48),
            shopify: hours(24),
            email: hours(24),
        }
    }
}

impl DeadlineRules {
    pub fn window(&self, channel: Channel) -> SignedDuration {
        match channel {
            Channel::Amazon => self.amazon,
            Channel::Ebay => self.ebay,
            Channel::Walmart => self.walmart,
            Channel::Shopify => self.shopify,
            Channel::Email => self.email,
        }
    }

    pub fn response_due(&self, channel: Channel, received_at: Timestamp) -> Timestamp {
        received_at
            .checked_add(self.window(channel))
            .unwrap_or(received_at)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SlaState {
    pub first_response_due_at: Option<Timestamp>,
    pub breached: bool,
}

/// Whether the first answer missed its deadline, or is already missing it at `now`.
pub fn first_response_state(
    due: Option<Timestamp>,
    responded_at: Option<Timestamp>,
    now: Timestamp,
) -> SlaState {
    let breached = match (due, responded_at) {
        (Some(due), Some(at)) => at > due,
        (Some(due), None) => now > due,
        (None, _) => false,
    };
    SlaState {
        first_response_due_at: due,
        breached,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn amazon_counts_weekends() {
        let rules = DeadlineRules::default();
        // Saturday morning: due Sunday morning, not Monday.
        let due = rules.response_due(Channel::Amazon, ts("2026-11-21T09:00:00Z"));
        assert_eq!(due, ts("2026-11-22T09:00:00Z"));
        let due = rules.response_due(Channel::Walmart, ts("2026-11-21T09:00:00Z"));
        assert_eq!(due, ts("2026-11-23T09:00:00Z"));
    }

    #[test]
    fn breach_states() {
        let due = Some(ts("2026-11-22T09:00:00Z"));
        let cases = [
            (None, "2026-11-22T08:00:00Z", false),
            (None, "2026-11-22T09:00:01Z", true),
            (
                Some(ts("2026-11-22T08:59:00Z")),
                "2026-11-30T00:00:00Z",
                false,
            ),
            (
                Some(ts("2026-11-22T10:00:00Z")),
                "2026-11-22T10:00:00Z",
                true,
            ),
        ];
        for (responded, now, breached) in cases {
            assert_eq!(
                first_response_state(due, responded, ts(now)).breached,
                breached
            );
        }
    }
}
