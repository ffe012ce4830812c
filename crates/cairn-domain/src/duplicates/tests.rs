//! Table tests of the duplicate and repeat-contact rules.

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

/// `t` answered by us at `at` and left so.
fn answered(mut t: TicketRow, at: &str) -> TicketRow {
    t.status = TicketStatus::Pending;
    t.first_responded_at = Some(ts(at));
    t.last_outbound_at = Some(ts(at));
    t
}

fn says_wrote_before(mut t: TicketRow) -> TicketRow {
    t.signals.push("repeat_contact".into());
    t
}

fn codes(d: &Duplicate) -> Vec<&'static str> {
    d.reasons.iter().map(|r| r.code).collect()
}

const ORDER: &str = "302-1234567-1234567";
const OTHER_ORDER: &str = "302-7654321-7654321";

/// The customer's first ticket: an Amazon message asking where order `ORDER` is.
fn first() -> TicketRow {
    ticket(
        1,
        Channel::Amazon,
        "2026-11-10T08:00:00Z",
        &[ORDER],
        &["tracking"],
    )
}

#[test]
fn rules_table() {
    type Case = (
        &'static str,
        TicketRow,
        TicketRow,
        Option<(u8, &'static [&'static str])>,
    );
    let email =
        |at: &str, refs: &[&str], intents: &[&str]| ticket(2, Channel::Email, at, refs, intents);
    let cases: Vec<Case> = vec![
        // Same order.
        (
            "same order, same question, unanswered",
            first(),
            email("2026-11-10T12:00:00Z", &[ORDER], &["tracking"]),
            Some((
                95,
                &[
                    "same_order",
                    "same_question",
                    "unanswered",
                    "earlier_contact",
                ],
            )),
        ),
        (
            "same order, same question among others",
            ticket(
                1,
                Channel::Amazon,
                "2026-11-10T08:00:00Z",
                &[ORDER],
                &["tracking", "invoice"],
            ),
            email(
                "2026-11-10T12:00:00Z",
                &[ORDER],
                &["cancellation", "tracking"],
            ),
            Some((
                95,
                &[
                    "same_order",
                    "same_question",
                    "unanswered",
                    "earlier_contact",
                ],
            )),
        ),
        (
            "same order, same question, answered the day before",
            answered(first(), "2026-11-10T10:00:00Z"),
            email("2026-11-11T12:00:00Z", &[ORDER], &["tracking"]),
            Some((
                90,
                &[
                    "same_order",
                    "same_question",
                    "answered_recently",
                    "earlier_contact",
                ],
            )),
        ),
        (
            "same order, same question, answered more than a week before",
            answered(first(), "2026-11-10T10:00:00Z"),
            email("2026-11-17T12:00:00Z", &[ORDER], &["tracking"]),
            None,
        ),
        (
            "same order, another question while the first is open",
            first(),
            email("2026-11-10T12:00:00Z", &[ORDER], &["invoice"]),
            None,
        ),
        (
            "same order, another question even when the customer says they wrote",
            first(),
            says_wrote_before(email("2026-11-10T12:00:00Z", &[ORDER], &["invoice"])),
            None,
        ),
        (
            "same order, no recognised question, unanswered",
            first(),
            email("2026-11-10T12:00:00Z", &[ORDER], &["other"]),
            Some((
                85,
                &[
                    "same_order",
                    "question_unclear",
                    "unanswered",
                    "earlier_contact",
                ],
            )),
        ),
        (
            "same order, only a complaint, unanswered",
            first(),
            email("2026-11-10T12:00:00Z", &[ORDER], &["complaint"]),
            Some((
                85,
                &[
                    "same_order",
                    "question_unclear",
                    "unanswered",
                    "earlier_contact",
                ],
            )),
        ),
        (
            "same order, no recognised question, after an answer",
            answered(first(), "2026-11-10T10:00:00Z"),
            email("2026-11-11T12:00:00Z", &[ORDER], &["other"]),
            None,
        ),
        (
            "same order, no recognised question, after an answer, says it wrote before",
            answered(first(), "2026-11-10T10:00:00Z"),
            says_wrote_before(email("2026-11-11T12:00:00Z", &[ORDER], &["other"])),
            Some((
                85,
                &[
                    "same_order",
                    "question_unclear",
                    "says_wrote_before",
                    "answered_recently",
                    "earlier_contact",
                ],
            )),
        ),
        // Different orders.
        (
            "different orders, same question",
            first(),
            email("2026-11-10T12:00:00Z", &[OTHER_ORDER], &["tracking"]),
            None,
        ),
        (
            "different orders, same question, says it wrote before",
            first(),
            says_wrote_before(email("2026-11-10T12:00:00Z", &[OTHER_ORDER], &["tracking"])),
            None,
        ),
        // An order on one side only.
        (
            "order on the earlier side only, same question",
            first(),
            email("2026-11-10T12:00:00Z", &[], &["tracking"]),
            Some((
                75,
                &[
                    "order_one_side",
                    "same_question",
                    "unanswered",
                    "earlier_contact",
                ],
            )),
        ),
        (
            "order on the new side only, same question",
            ticket(
                1,
                Channel::Shopify,
                "2026-11-10T08:00:00Z",
                &[],
                &["tracking"],
            ),
            email("2026-11-10T12:00:00Z", &[ORDER], &["tracking"]),
            Some((
                75,
                &[
                    "order_one_side",
                    "same_question",
                    "unanswered",
                    "earlier_contact",
                ],
            )),
        ),
        (
            "order on one side, same question four days later",
            first(),
            email("2026-11-14T12:00:00Z", &[], &["tracking"]),
            None,
        ),
        (
            "order on one side, another question",
            first(),
            email("2026-11-10T12:00:00Z", &[], &["invoice"]),
            None,
        ),
        (
            "order on one side, nothing recognised",
            first(),
            email("2026-11-10T12:00:00Z", &[], &["other"]),
            None,
        ),
        // No order on either side.
        (
            "no orders, same question",
            ticket(
                1,
                Channel::Shopify,
                "2026-11-10T08:00:00Z",
                &[],
                &["product_question"],
            ),
            email("2026-11-10T12:00:00Z", &[], &["product_question"]),
            Some((70, &["same_question", "unanswered", "earlier_contact"])),
        ),
        (
            "no orders, same question a week later",
            ticket(
                1,
                Channel::Shopify,
                "2026-11-10T08:00:00Z",
                &[],
                &["product_question"],
            ),
            email("2026-11-17T12:00:00Z", &[], &["product_question"]),
            None,
        ),
        (
            "no orders, another question",
            ticket(
                1,
                Channel::Shopify,
                "2026-11-10T08:00:00Z",
                &[],
                &["product_question"],
            ),
            email("2026-11-10T12:00:00Z", &[], &["invoice"]),
            None,
        ),
        (
            "no orders, only 'other' in common",
            ticket(1, Channel::Shopify, "2026-11-10T08:00:00Z", &[], &["other"]),
            email("2026-11-10T12:00:00Z", &[], &["other"]),
            None,
        ),
        // The state of the earlier ticket when the new one was written.
        (
            "answered only after the new message: still a repeat of an open ticket",
            answered(first(), "2026-11-10T14:00:00Z"),
            email("2026-11-10T12:00:00Z", &[ORDER], &["other"]),
            Some((
                85,
                &[
                    "same_order",
                    "question_unclear",
                    "unanswered",
                    "earlier_contact",
                ],
            )),
        ),
        (
            "closed the day before",
            {
                let mut t = answered(first(), "2026-11-10T10:00:00Z");
                t.status = TicketStatus::Closed;
                t.closed_at = Some(ts("2026-11-10T11:00:00Z"));
                t
            },
            email("2026-11-11T12:00:00Z", &[ORDER], &["tracking"]),
            Some((
                90,
                &[
                    "same_order",
                    "same_question",
                    "answered_recently",
                    "earlier_contact",
                ],
            )),
        ),
        (
            "merged away",
            {
                let mut t = first();
                t.status = TicketStatus::Merged;
                t
            },
            email("2026-11-10T12:00:00Z", &[ORDER], &["tracking"]),
            None,
        ),
        (
            "written later than the new one",
            ticket(
                1,
                Channel::Amazon,
                "2026-11-10T13:00:00Z",
                &[ORDER],
                &["tracking"],
            ),
            email("2026-11-10T12:00:00Z", &[ORDER], &["tracking"]),
            None,
        ),
    ];
    for (name, earlier, new, want) in cases {
        let got = find_duplicate(&new, [&earlier], &NoOrders);
        let got = got.as_ref().map(|d| (d.confidence, codes(d)));
        let want = want.map(|(c, codes)| (c, codes.to_vec()));
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn a_ticket_written_before_the_order_was_placed_is_not_about_it() {
    // A question before buying, then a question about the order bought two days later.
    let presale = ticket(
        1,
        Channel::Amazon,
        "2026-11-08T08:00:00Z",
        &[],
        &["product_question"],
    );
    let new = ticket(
        2,
        Channel::Amazon,
        "2026-11-10T12:00:00Z",
        &[ORDER],
        &["product_question"],
    );
    let placed = |r: &str| (r == ORDER).then(|| ts("2026-11-09T10:00:00Z"));
    assert_eq!(find_duplicate(&new, [&presale], &placed), None);
    let placed_before = |r: &str| (r == ORDER).then(|| ts("2026-11-07T10:00:00Z"));
    assert_eq!(
        find_duplicate(&new, [&presale], &placed_before).map(|d| d.confidence),
        Some(75)
    );
}

#[test]
fn an_orderless_message_that_fits_two_orders_repeats_neither() {
    let a = first();
    let b = ticket(
        3,
        Channel::Ebay,
        "2026-11-10T09:00:00Z",
        &[OTHER_ORDER],
        &["tracking"],
    );
    let new = ticket(
        2,
        Channel::Email,
        "2026-11-10T12:00:00Z",
        &[],
        &["tracking"],
    );
    assert_eq!(find_duplicate(&new, [&a, &b], &NoOrders), None);
    // When the other conversation asks something else, the message fits one order only.
    let b = ticket(
        3,
        Channel::Ebay,
        "2026-11-10T09:00:00Z",
        &[OTHER_ORDER],
        &["invoice"],
    );
    assert_eq!(
        find_duplicate(&new, [&a, &b], &NoOrders).map(|d| d.of),
        Some(TicketId(1))
    );
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
        &[ORDER],
        &["tracking"],
    );
    let new = ticket(
        3,
        Channel::Email,
        "2026-11-10T12:00:00Z",
        &[ORDER],
        &["tracking"],
    );
    assert_eq!(
        find_duplicate(&new, [&a, &b], &NoOrders).map(|d| d.of),
        Some(TicketId(2))
    );
    let c = ticket(
        4,
        Channel::Amazon,
        "2026-11-10T07:00:00Z",
        &[ORDER],
        &["tracking"],
    );
    assert_eq!(
        find_duplicate(&new, [&a, &b, &c], &NoOrders).map(|d| d.of),
        Some(TicketId(4))
    );
}

#[test]
fn reasons_have_stable_codes_values_and_english() {
    let new = ticket(
        2,
        Channel::Email,
        "2026-11-10T12:00:00Z",
        &[ORDER],
        &["tracking"],
    );
    let d = find_duplicate(&new, [&first()], &NoOrders);
    let d = d.unwrap_or_else(|| panic!("a duplicate"));
    assert_eq!(
        d.stored_reasons(),
        vec![
            format!("same_order: same order {ORDER}"),
            "same_question: same question (tracking)".to_string(),
            "unanswered: the earlier ticket was not answered yet".to_string(),
            "earlier_contact: same customer wrote on Amazon 4 h earlier".to_string(),
        ]
    );
    assert_eq!(d.reasons[0].params, vec![("order", ORDER.to_string())]);
    assert_eq!(
        d.reasons[3].params,
        vec![
            ("channel", "Amazon".to_string()),
            ("hours", "4".to_string())
        ]
    );
}

#[test]
fn repeat_contacts_table() {
    let old = answered(first(), "2026-11-10T10:00:00Z");
    type Case = (&'static str, TicketRow, Option<&'static str>, bool);
    let email =
        |at: &str, refs: &[&str], intents: &[&str]| ticket(2, Channel::Email, at, refs, intents);
    let cases: Vec<Case> = vec![
        (
            "a new issue about the same order after the answer: a repeat contact only",
            email("2026-11-12T08:00:00Z", &[ORDER], &["damaged"]),
            Some("damaged"),
            false,
        ),
        (
            "the same question again after the answer: both",
            email("2026-11-12T08:00:00Z", &[ORDER], &["tracking"]),
            Some("tracking"),
            true,
        ),
        (
            "the same order, nothing recognised",
            email("2026-11-12T08:00:00Z", &[ORDER], &["other"]),
            Some("order"),
            false,
        ),
        (
            "the same question without order",
            email("2026-11-12T08:00:00Z", &[], &["tracking"]),
            Some("tracking"),
            true,
        ),
        (
            "another order, same question",
            email("2026-11-12T08:00:00Z", &[OTHER_ORDER], &["tracking"]),
            None,
            false,
        ),
        (
            "more than 7 days after the answer",
            email("2026-11-17T11:00:00Z", &[ORDER], &["tracking"]),
            None,
            false,
        ),
        (
            "before the answer: a duplicate, not a repeat contact",
            email("2026-11-10T09:00:00Z", &[ORDER], &["tracking"]),
            None,
            true,
        ),
    ];
    for (name, new, reason, duplicate) in cases {
        let got = find_repeat_contact(&new, [&old]);
        assert_eq!(got.as_ref().map(|r| r.reason.as_str()), reason, "{name}");
        if let Some(r) = got {
            assert_eq!(r.of, TicketId(1), "{name}");
        }
        assert_eq!(
            find_duplicate(&new, [&old], &NoOrders).is_some(),
            duplicate,
            "{name}"
        );
    }
}

/// The check's cost for a customer with many tickets (run with `--ignored --nocapture`). It
/// sees only the customer's own recent tickets, so the size of the store does not enter.
#[test]
#[ignore]
fn check_time_for_a_busy_customer() {
    const INTENTS: [&str; 6] = [
        "tracking", "invoice", "return", "damaged", "refund", "other",
    ];
    for n in [10usize, 50, 200] {
        let earlier: Vec<TicketRow> = (0..n)
            .map(|i| {
                let at = Timestamp::from_second(1_794_000_000 + i as i64 * 3600)
                    .unwrap_or(Timestamp::UNIX_EPOCH);
                let mut t = TicketRow::opened(
                    TicketId(i as i64),
                    CustomerId(1),
                    IdentityId(i as i64),
                    Channel::Email,
                    at,
                );
                t.order_refs = vec![format!("302-0000000-{:07}", i % 7)];
                t.intents = vec![INTENTS[i % 6].to_string(), INTENTS[(i + 1) % 6].to_string()];
                if i % 2 == 0 {
                    t = answered(t, "2026-11-12T00:00:00Z");
                }
                t
            })
            .collect();
        let mut times = Vec::new();
        for k in 0..2000 {
            let mut new = earlier[k % n].clone();
            new.id = TicketId(1_000_000);
            new.created_at = Timestamp::from_second(1_794_000_000 + n as i64 * 3600)
                .unwrap_or(Timestamp::UNIX_EPOCH);
            new.order_refs = if k % 3 == 0 {
                Vec::new()
            } else {
                new.order_refs
            };
            let start = std::time::Instant::now();
            let d = find_duplicate(&new, earlier.iter(), &NoOrders);
            let r = find_repeat_contact(&new, earlier.iter());
            times.push(start.elapsed());
            std::hint::black_box((d, r));
        }
        times.sort();
        println!(
            "{n} earlier tickets: p50 {:?}, p99 {:?}",
            times[times.len() / 2],
            times[times.len() * 99 / 100]
        );
    }
}
