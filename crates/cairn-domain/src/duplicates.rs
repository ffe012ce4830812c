//! Is a new ticket a duplicate of one the customer already has open, or a repeat contact after
//! an answer? Both look only at the same customer (after identity linking, so across channels)
//! and only at the customer's own recent tickets, so the check stays cheap.
//!
//! A duplicate is the same request again (typically on another channel or from another address)
//! while the first is still waiting for an answer or shortly after it was answered:
//!
//! * Different orders are never duplicates, and a ticket written before an order was placed is
//!   not about that order.
//! * The same order and the same question is the strong case. The same order with a question
//!   recognised on one side only counts while the first is unanswered, or when the customer says
//!   they wrote before. The same order with another question is a new question, not a duplicate.
//! * Without an order on both sides, only the same question within a few days counts, and an
//!   order named on one side must not belong to another of the customer's open conversations.
//!
//! A repeat contact is a new ticket about the same order or issue within 7 days after we
//! answered an earlier one; it is marked separately from duplicates (a ticket can be both).
//!
//! Every verdict carries [`Reason`]s: a stable code a UI can translate, its values, and English.

use jiff::{SignedDuration, Timestamp};

use crate::TicketId;
use crate::model::{TicketRow, TicketStatus};

/// One reason of a verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// Stable, snake_case: `same_order`, `same_question`, `question_unclear`, `order_one_side`,
    /// `says_wrote_before`, `unanswered`, `answered_recently`, `earlier_contact`.
    pub code: &'static str,
    /// The values the text names (`order`, `intents`, `channel`, `hours`), for translations.
    pub params: Vec<(&'static str, String)>,
    /// The reason in English.
    pub text: String,
}

impl Reason {
    fn new(code: &'static str, params: Vec<(&'static str, String)>, text: String) -> Reason {
        Reason { code, params, text }
    }

    /// The stored form on the ticket: `code: English text`.
    pub fn stored(&self) -> String {
        format!("{}: {}", self.code, self.text)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Duplicate {
    pub of: TicketId,
    /// 0–100.
    pub confidence: u8,
    pub reasons: Vec<Reason>,
}

impl Duplicate {
    /// The reasons as stored on the ticket.
    pub fn stored_reasons(&self) -> Vec<String> {
        self.reasons.iter().map(Reason::stored).collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RepeatContact {
    pub of: TicketId,
    /// The intent (or `order`) the customer came back about.
    pub reason: String,
}

/// How far apart messages about the same question without a shared order may be.
pub const SAME_QUESTION_WINDOW: SignedDuration = SignedDuration::from_hours(72);
/// How long after an answer a new ticket can still duplicate the answered one, and how long
/// after an answer a new contact counts as a repeat.
pub const ANSWERED_WINDOW: SignedDuration = SignedDuration::from_hours(7 * 24);

/// What the planner knows besides the tickets.
pub trait Context {
    /// When the order with this number was placed, if the order is known.
    fn placed_at(&self, order_ref: &str) -> Option<Timestamp>;
}

/// No knowledge of orders.
pub struct NoOrders;

impl Context for NoOrders {
    fn placed_at(&self, _: &str) -> Option<Timestamp> {
        None
    }
}

impl<F: Fn(&str) -> Option<Timestamp>> Context for F {
    fn placed_at(&self, order_ref: &str) -> Option<Timestamp> {
        self(order_ref)
    }
}

fn specific(intents: &[String]) -> impl Iterator<Item = &String> {
    intents.iter().filter(|i| *i != "other")
}

/// Intents that say how the customer feels or that they escalate, not what they ask for: a
/// message with nothing else has no question of its own to compare.
const TONE: [&str; 3] = ["other", "complaint", "feedback"];

fn asks_something(intents: &[String]) -> bool {
    intents.iter().any(|i| !TONE.contains(&i.as_str()))
}

fn hours(later: Timestamp, earlier: Timestamp) -> i64 {
    later.duration_since(earlier).as_secs().max(0) / 3600
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

fn labels(intents: &[&String]) -> String {
    intents
        .iter()
        .map(|s| s.replace('_', " "))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where an earlier ticket stood when the new one was written (`at`), as far as its row tells:
/// an answer sent after `at` does not count, so a check made later gives the same verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Then {
    /// Still waiting for our first answer, or for an answer to the customer's latest message.
    Waiting,
    /// Answered (or closed) then, at this moment.
    Answered(Timestamp),
}

/// Our latest answer in `c` written by `at`, as far as the row tells.
fn answered_by(c: &TicketRow, at: Timestamp) -> Option<Timestamp> {
    match (c.first_responded_at, c.last_outbound_at) {
        (_, Some(last)) if last <= at => Some(last),
        (Some(first), _) if first <= at => Some(first),
        _ => None,
    }
}

/// Where `c` stood at `at`; `None` for a ticket merged into another.
fn then(c: &TicketRow, at: Timestamp) -> Option<Then> {
    if c.status == TicketStatus::Merged {
        return None;
    }
    let answered = answered_by(c, at);
    let closed = c
        .closed_at
        .filter(|&t| c.status == TicketStatus::Closed && t <= at);
    let waiting_again = c.status == TicketStatus::Open && c.waiting_since.is_some_and(|w| w <= at);
    match (answered, closed) {
        (_, Some(closed)) => Some(Then::Answered(closed)),
        (Some(a), None) if !waiting_again || c.waiting_since.is_some_and(|w| w < a) => {
            Some(Then::Answered(a))
        }
        _ => Some(Then::Waiting),
    }
}

/// Whether the new message itself says the customer wrote before ("second attempt", "as I
/// wrote on Amazon"). A repeat-contact mark set by us does not count.
fn says_wrote_before(new: &TicketRow) -> bool {
    new.repeat_of.is_none() && new.signals.iter().any(|s| s == "repeat_contact")
}

enum Orders<'a> {
    Same(&'a String),
    Different,
    /// The order named by one side; `true` when the new ticket names it.
    OneSide(&'a String, bool),
    Neither,
}

fn orders<'a>(new: &'a TicketRow, c: &'a TicketRow) -> Orders<'a> {
    match (new.order_refs.first(), c.order_refs.first()) {
        (Some(_), Some(_)) => new
            .order_refs
            .iter()
            .find(|r| c.order_refs.contains(r))
            .map_or(Orders::Different, Orders::Same),
        (Some(r), None) => Orders::OneSide(r, true),
        (None, Some(r)) => Orders::OneSide(r, false),
        (None, None) => Orders::Neither,
    }
}

enum Question<'a> {
    Same(Vec<&'a String>),
    /// One side asks nothing we recognise (or only complains).
    Unclear,
    Different,
}

fn question<'a>(new: &'a TicketRow, c: &TicketRow) -> Question<'a> {
    let shared: Vec<&String> = specific(&new.intents)
        .filter(|i| c.intents.contains(i))
        .collect();
    if !shared.is_empty() {
        Question::Same(shared)
    } else if !asks_something(&new.intents) || !asks_something(&c.intents) {
        Question::Unclear
    } else {
        Question::Different
    }
}

/// The verdict on one earlier ticket `c` of the customer; `all` are every earlier ticket (for
/// the one-side order rule).
fn judge(
    new: &TicketRow,
    c: &TicketRow,
    all: &[&TicketRow],
    ctx: &dyn Context,
) -> Option<Duplicate> {
    let at = new.created_at;
    if c.id == new.id || c.created_at > at {
        return None;
    }
    let state = then(c, at)?;
    if let Then::Answered(settled) = state
        && at.duration_since(settled) > ANSWERED_WINDOW
    {
        return None;
    }
    let gap = at.duration_since(c.created_at);
    let says = says_wrote_before(new);
    let mut reasons = Vec::new();
    let (confidence, question_reason) = match (orders(new, c), question(new, c)) {
        (Orders::Different, _) => return None,
        (Orders::Same(order), q) => {
            reasons.push(Reason::new(
                "same_order",
                vec![("order", order.clone())],
                format!("same order {order}"),
            ));
            match q {
                Question::Same(shared) => (95, Some(shared)),
                Question::Unclear if state == Then::Waiting || says => (85, None),
                // A new question about the same order (first "where is it", then "I need an
                // invoice") is a new conversation, even while the first is open.
                _ => return None,
            }
        }
        (Orders::OneSide(order, new_names_it), Question::Same(shared)) => {
            if gap > SAME_QUESTION_WINDOW {
                return None;
            }
            // A message written before the order was placed is not about it.
            let orderless = if new_names_it { c } else { new };
            if ctx
                .placed_at(order)
                .is_some_and(|placed| orderless.created_at < placed)
            {
                return None;
            }
            // Nor is one the customer may mean another open order by: the question must not
            // fit another of the customer's conversations about another order.
            if !new_names_it {
                let ambiguous = all.iter().any(|o| {
                    o.id != c.id
                        && o.id != new.id
                        && o.created_at <= at
                        && !o.order_refs.is_empty()
                        && !o.order_refs.contains(order)
                        && then(o, at).is_some_and(|s| match s {
                            Then::Waiting => true,
                            Then::Answered(a) => at.duration_since(a) <= SAME_QUESTION_WINDOW,
                        })
                        && shared.iter().any(|i| o.intents.contains(i))
                });
                if ambiguous {
                    return None;
                }
            }
            reasons.push(Reason::new(
                "order_one_side",
                vec![("order", order.clone())],
                format!("order {order} named on one side only"),
            ));
            (75, Some(shared))
        }
        (Orders::Neither, Question::Same(shared)) if gap <= SAME_QUESTION_WINDOW => {
            (70, Some(shared))
        }
        _ => return None,
    };
    match question_reason {
        Some(shared) => reasons.push(Reason::new(
            "same_question",
            vec![(
                "intents",
                shared
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            )],
            format!("same question ({})", labels(&shared)),
        )),
        None => reasons.push(Reason::new(
            "question_unclear",
            Vec::new(),
            "the question of one message is not recognised".to_string(),
        )),
    }
    if says {
        reasons.push(Reason::new(
            "says_wrote_before",
            Vec::new(),
            "the customer says they wrote before".to_string(),
        ));
    }
    let mut confidence: u8 = confidence;
    match state {
        Then::Waiting => reasons.push(Reason::new(
            "unanswered",
            Vec::new(),
            "the earlier ticket was not answered yet".to_string(),
        )),
        Then::Answered(a) => {
            confidence -= 5;
            reasons.push(Reason::new(
                "answered_recently",
                vec![("hours", hours(at, a).to_string())],
                format!("the earlier ticket was answered {}", ago(at, a)),
            ));
        }
    }
    if says && confidence < 95 {
        confidence += 5;
    }
    reasons.push(Reason::new(
        "earlier_contact",
        vec![
            ("channel", channel_label(c)),
            ("hours", hours(at, c.created_at).to_string()),
        ],
        format!(
            "same customer wrote on {} {}",
            channel_label(c),
            ago(at, c.created_at)
        ),
    ));
    Some(Duplicate {
        of: c.id,
        confidence,
        reasons,
    })
}

/// The earlier ticket `new` repeats, if any: the most confident verdict, then the oldest
/// ticket. `earlier` are the customer's other tickets.
pub fn find_duplicate<'a>(
    new: &TicketRow,
    earlier: impl IntoIterator<Item = &'a TicketRow>,
    ctx: &dyn Context,
) -> Option<Duplicate> {
    let all: Vec<&TicketRow> = earlier.into_iter().collect();
    let mut best: Option<(Timestamp, Duplicate)> = None;
    for c in &all {
        let Some(verdict) = judge(new, c, &all, ctx) else {
            continue;
        };
        let better = match &best {
            None => true,
            Some((created, b)) => {
                verdict.confidence > b.confidence
                    || (verdict.confidence == b.confidence && c.created_at < *created)
            }
        };
        if better {
            best = Some((c.created_at, verdict));
        }
    }
    best.map(|(_, d)| d)
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
            let answered = answered_by(c, at)?;
            if at.duration_since(answered) > ANSWERED_WINDOW {
                return None;
            }
            let reason = if new.order_refs.iter().any(|r| c.order_refs.contains(r)) {
                specific(&new.intents)
                    .next()
                    .cloned()
                    .unwrap_or_else(|| "order".to_string())
            } else {
                if matches!(orders(new, c), Orders::Different) {
                    return None;
                }
                specific(&new.intents)
                    .find(|i| c.intents.contains(i))?
                    .clone()
            };
            Some((answered, RepeatContact { of: c.id, reason }))
        })
        .max_by_key(|(answered, _)| *answered)
        .map(|(_, r)| r)
}

#[cfg(test)]
mod tests;
