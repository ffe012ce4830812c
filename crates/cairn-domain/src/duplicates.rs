//! Is a new ticket a duplicate of one the customer already has open, or a repeat contact after
//! an answer? Both look only at the same customer (after identity linking, so across channels).
//!
//! * The same order is a strong reason; different orders are never duplicates.
//! * Without orders on both sides, the same question (intent) within a few days is a weaker one.
//! * A repeat contact is a new ticket about the same order or issue within 7 days after we
//!   answered an earlier one.

use jiff::{SignedDuration, Timestamp};

use crate::TicketId;
use crate::model::{TicketRow, TicketStatus};

#[derive(Clone, Debug, PartialEq)]
pub struct Duplicate {
    pub of: TicketId,
    /// 0–100.
    pub confidence: u8,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RepeatContact {
    pub of: TicketId,
    /// The intent (or `order`) the customer came back about.
    pub reason: String,
}

/// How far apart messages about the same question (without an order) may be.
pub const SAME_QUESTION_WINDOW: SignedDuration = SignedDuration::from_hours(72);
/// How long after a ticket was settled a new one can still duplicate it, and how long after an
/// answer a new contact counts as a repeat.
pub const ANSWERED_WINDOW: SignedDuration = SignedDuration::from_hours(7 * 24);

fn specific_intents(t: &TicketRow) -> impl Iterator<Item = &String> {
    t.intents.iter().filter(|i| *i != "other")
}

fn ago(later: Timestamp, earlier: Timestamp) -> String {
    let minutes = later.duration_since(earlier).as_secs().max(0) / 60;
    match minutes {
        0..=59 => format!("{minutes} min earlier"),
        60..=2879 => format!("{} h earlier", minutes / 60),
        _ => format!("{} days earlier", minutes / 1440),
    }
}

fn channel_label(t: &TicketRow) -> String {
    match &t.marketplace {
        Some(m) => m.to_string(),
        None => t.channel.label().to_string(),
    }
}

/// Whether `candidate` is still a conversation a new message could repeat.
fn active_for(candidate: &TicketRow, at: Timestamp) -> bool {
    match candidate.status {
        TicketStatus::Merged => false,
        TicketStatus::Open => true,
        TicketStatus::Pending | TicketStatus::Closed => candidate
            .settled_at()
            .is_some_and(|s| at.duration_since(s) <= ANSWERED_WINDOW),
    }
}

/// The earlier ticket `new` repeats, if any. `earlier` are the customer's other tickets.
pub fn find_duplicate<'a>(
    new: &TicketRow,
    earlier: impl IntoIterator<Item = &'a TicketRow>,
) -> Option<Duplicate> {
    let at = new.created_at;
    let mut best: Option<(u8, Timestamp, Duplicate)> = None;
    for c in earlier {
        if c.id == new.id || c.created_at > at || !active_for(c, at) {
            continue;
        }
        let verdict = if !new.order_refs.is_empty() && !c.order_refs.is_empty() {
            let Some(shared) = new.order_refs.iter().find(|r| c.order_refs.contains(r)) else {
                continue;
            };
            // After an answer, the same order can bring a new issue (first "where is it", then
            // "it arrived broken"): only the same question repeats a settled conversation.
            if c.status != TicketStatus::Open
                && !specific_intents(new).any(|i| c.intents.contains(i))
            {
                continue;
            }
            Duplicate {
                of: c.id,
                confidence: 95,
                reasons: vec![
                    format!("same order {shared}"),
                    format!(
                        "same customer wrote on {} {}",
                        channel_label(c),
                        ago(at, c.created_at)
                    ),
                ],
            }
        } else {
            let shared: Vec<&String> = specific_intents(new)
                .filter(|i| c.intents.contains(i))
                .collect();
            if shared.is_empty() || at.duration_since(c.created_at) > SAME_QUESTION_WINDOW {
                continue;
            }
            let order_note = match (new.order_refs.first(), c.order_refs.first()) {
                (Some(r), None) | (None, Some(r)) => format!(" (order {r} named on one side)"),
                _ => String::new(),
            };
            Duplicate {
                of: c.id,
                confidence: if order_note.is_empty() { 70 } else { 75 },
                reasons: vec![format!(
                    "same question ({}) on {} {}{order_note}",
                    shared
                        .iter()
                        .map(|s| s.replace('_', " "))
                        .collect::<Vec<_>>()
                        .join(", "),
                    channel_label(c),
                    ago(at, c.created_at)
                )],
            }
        };
        let better = match &best {
            None => true,
            Some((conf, created, _)) => {
                verdict.confidence > *conf
                    || (verdict.confidence == *conf && c.created_at < *created)
            }
        };
        if better {
            best = Some((verdict.confidence, c.created_at, verdict));
        }
    }
    best.map(|(_, _, d)| d)
}

/// The answered ticket `new` comes back to within 7 days, if any.
pub fn find_repeat_contact<'a>(
    new: &TicketRow,
    earlier: impl IntoIterator<Item = &'a TicketRow>,
) -> Option<RepeatContact> {
    let at = new.created_at;
    earlier
        .into_iter()
        .filter(|c| c.id != new.id && c.created_at <= at && c.status != TicketStatus::Merged)
        .filter_map(|c| {
            let answered = c.last_outbound_at?;
            let since = at.duration_since(answered);
            if since < SignedDuration::ZERO || since > ANSWERED_WINDOW {
                return None;
            }
            let reason = if new.order_refs.iter().any(|r| c.order_refs.contains(r)) {
                specific_intents(new)
                    .next()
                    .cloned()
                    .unwrap_or_else(|| "order".to_string())
            } else {
                specific_intents(new)
                    .find(|i| c.intents.contains(i))?
                    .clone()
            };
            Some((answered, RepeatContact { of: c.id, reason }))
        })
        .max_by_key(|(answered, _)| *answered)
        .map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Channel, CustomerId, IdentityId};

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn ticket(id: i64, channel: Channel, at: &str, refs: &[&str], intents: &[&str]) -> TicketRow {
        let mut t = TicketRow::opened(TicketId(id), CustomerId(1), IdentityId(id), channel, ts(at));
        t.order_refs = refs.iter().map(|s| s.to_string()).collect();
        t.intents = intents.iter().map(|s| s.to_string()).collect();
        t
    }

    #[test]
    fn table_of_cases() {
        let amazon = ticket(
            1,
            Channel::Amazon,
            "2026-11-10T08:00:00Z",
            &["302-1"],
            &["tracking"],
        );
        type Case = (&'static str, TicketRow, Option<(i64, u8)>);
        let cases: Vec<Case> = vec![
            (
                "same order on another channel",
                ticket(
                    2,
                    Channel::Email,
                    "2026-11-10T12:00:00Z",
                    &["302-1"],
                    &["not_received"],
                ),
                Some((1, 95)),
            ),
            (
                "different order",
                ticket(
                    2,
                    Channel::Email,
                    "2026-11-10T12:00:00Z",
                    &["302-2"],
                    &["tracking"],
                ),
                None,
            ),
            (
                "same question without order",
                ticket(
                    2,
                    Channel::Email,
                    "2026-11-10T12:00:00Z",
                    &[],
                    &["tracking"],
                ),
                Some((1, 75)),
            ),
            (
                "same question a week later",
                ticket(
                    2,
                    Channel::Email,
                    "2026-11-17T12:00:00Z",
                    &[],
                    &["tracking"],
                ),
                None,
            ),
            (
                "another question without order",
                ticket(2, Channel::Email, "2026-11-10T12:00:00Z", &[], &["invoice"]),
                None,
            ),
            (
                "only 'other' in common",
                ticket(2, Channel::Email, "2026-11-10T12:00:00Z", &[], &["other"]),
                None,
            ),
        ];
        for (name, new, want) in cases {
            let got = find_duplicate(&new, [&amazon]).map(|d| (d.of.0, d.confidence));
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn settled_long_ago_is_no_duplicate_but_answered_recently_is_a_repeat() {
        let mut old = ticket(
            1,
            Channel::Amazon,
            "2026-11-01T08:00:00Z",
            &["302-1"],
            &["tracking"],
        );
        old.status = TicketStatus::Pending;
        old.last_outbound_at = Some(ts("2026-11-02T08:00:00Z"));
        let new = ticket(
            2,
            Channel::Email,
            "2026-11-05T08:00:00Z",
            &["302-1"],
            &["not_received"],
        );
        // After the answer, a new issue about the same order is a repeat contact, not a
        // duplicate; the same question again is both.
        assert_eq!(find_duplicate(&new, [&old]), None);
        let again = ticket(
            4,
            Channel::Email,
            "2026-11-05T08:00:00Z",
            &["302-1"],
            &["tracking"],
        );
        assert_eq!(
            find_duplicate(&again, [&old]).map(|d| d.of),
            Some(TicketId(1))
        );
        assert_eq!(
            find_repeat_contact(&new, [&old]),
            Some(RepeatContact {
                of: TicketId(1),
                reason: "not_received".into()
            })
        );
        let late = ticket(
            3,
            Channel::Email,
            "2026-11-12T08:00:00Z",
            &["302-1"],
            &["not_received"],
        );
        assert_eq!(find_duplicate(&late, [&old]), None);
        assert_eq!(find_repeat_contact(&late, [&old]), None);
    }

    #[test]
    fn the_strongest_and_then_oldest_candidate_wins() {
        let a = ticket(
            1,
            Channel::Amazon,
            "2026-11-10T08:00:00Z",
            &[],
            &["tracking"],
        );
        let b = ticket(
            2,
            Channel::Ebay,
            "2026-11-10T09:00:00Z",
            &["302-1"],
            &["tracking"],
        );
        let new = ticket(
            3,
            Channel::Email,
            "2026-11-10T12:00:00Z",
            &["302-1"],
            &["tracking"],
        );
        assert_eq!(
            find_duplicate(&new, [&a, &b]).map(|d| d.of),
            Some(TicketId(2))
        );
        let c = ticket(
            4,
            Channel::Amazon,
            "2026-11-10T07:00:00Z",
            &["302-1"],
            &["tracking"],
        );
        assert_eq!(
            find_duplicate(&new, [&a, &b, &c]).map(|d| d.of),
            Some(TicketId(4))
        );
    }
}
