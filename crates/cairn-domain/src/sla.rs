//! When an answer is due. This is the first-response rule per channel; the full deadline engine
//! (business hours, holidays, pauses) builds on it.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::Channel;
use crate::clock::{BusinessCalendar, ClockState, clock_state};
use crate::model::{TicketRow, TicketStatus};

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
    /// The first answer missed (or is missing) its marketplace deadline.
    pub breached: bool,
    /// The marketplace clock of the oldest unanswered customer message.
    pub marketplace_due_at: Option<Timestamp>,
    pub marketplace_state: Option<ClockState>,
    /// The company clock: the internal target in business hours.
    pub company_due_at: Option<Timestamp>,
    pub company_state: Option<ClockState>,
}

/// A tenant's deadline policy: the company clock beside the marketplace rules.
#[derive(Clone, Debug)]
pub struct SlaPolicy {
    pub calendar: BusinessCalendar,
    /// Internal first-response target in business time.
    pub company_target: SignedDuration,
    /// A clock is "at risk" when less than this share of its window is left.
    pub warn_share: f64,
}

impl Default for SlaPolicy {
    fn default() -> Self {
        let tz = jiff::tz::TimeZone::get("Europe/Berlin").unwrap_or(jiff::tz::TimeZone::UTC);
        SlaPolicy {
            calendar: BusinessCalendar::office_hours(tz),
            company_target: SignedDuration::from_hours(4),
            warn_share: 0.25,
        }
    }
}

/// Both clocks of a ticket at `now`.
pub fn sla_state(t: &TicketRow, policy: &SlaPolicy, now: Timestamp) -> SlaState {
    let mut first = first_response_state(t.first_response_due_at, t.first_responded_at, now);
    // A merged thread's deadline counts as met: the answer goes to the primary, and this
    // thread gets a courtesy note in its own channel.
    if t.status == TicketStatus::Merged {
        first.breached = false;
    }
    let waiting = t.waiting_since.filter(|_| t.status == TicketStatus::Open);
    let marketplace_due_at = waiting.and(t.response_due_at);
    let company_due_at = waiting.and_then(|w| policy.calendar.add(w, policy.company_target));
    SlaState {
        marketplace_state: waiting
            .zip(marketplace_due_at)
            .map(|(w, d)| clock_state(w, d, now, policy.warn_share)),
        company_state: waiting
            .zip(company_due_at)
            .map(|(w, d)| clock_state(w, d, now, policy.warn_share)),
        marketplace_due_at,
        company_due_at,
        ..first
    }
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
        marketplace_due_at: None,
        marketplace_state: None,
        company_due_at: None,
        company_state: None,
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
