//! New customer messages for a running demo: customers of the world keep writing, about their
//! orders, with new questions, and sometimes again on another channel about something they
//! already asked.

use std::collections::VecDeque;

use crate::catalog::{PRODUCTS, product_weights};
use crate::orders::Order;
use crate::rng::{Rng, mix};
use crate::talk::{Ids, Msg, Talk, Via, render_msg};
use crate::text::Intent;
use crate::time::DAY;
use crate::world::{Customer, build_customer};

/// How many of its own messages the feed remembers for repeats.
const RECENT: usize = 32;

/// Produces one new inbound message per call. Deterministic for a given seed and sequence of
/// `now` values; message ids also depend on `now`, so a restarted feed does not reuse them.
pub struct LiveFeed {
    seed: u64,
    customers: u64,
    start: Option<i64>,
    rng: Rng,
    counter: u64,
    recent: VecDeque<Msg>,
}

impl LiveFeed {
    /// A feed for the world built with the same `seed` and `customers`. The world's `start` is
    /// taken to be the first `now` passed to [`LiveFeed::next_message`]; use
    /// [`LiveFeed::with_start`] when it is known.
    pub fn new(seed: u64, customers: u64) -> Self {
        LiveFeed {
            seed,
            customers: customers.max(1),
            start: None,
            rng: Rng::new(mix(seed ^ 0x11FE)),
            counter: 0,
            recent: VecDeque::with_capacity(RECENT),
        }
    }

    /// A feed for the world whose `start` (its "now" when it was generated) is known.
    pub fn with_start(seed: u64, customers: u64, start: i64) -> Self {
        let mut f = LiveFeed::new(seed, customers);
        f.start = Some(start);
        f
    }

    /// One new inbound message record received at `now_unix` (one JSON line, no newline).
    pub fn next_message(&mut self, now_unix: i64) -> String {
        let start = *self.start.get_or_insert(now_unix);
        self.counter += 1;
        let roll = self.rng.unit();
        let msg = if roll < 0.12 {
            self.repeat_recent(now_unix, start)
        } else if roll < 0.22 {
            self.repeat_world(now_unix, start)
        } else {
            None
        };
        let msg = match msg {
            Some(m) => m,
            None => self.fresh(now_unix, start),
        };
        let mut line = String::with_capacity(1400);
        render_msg(&mut line, &msg);
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(msg);
        line
    }

    fn talk<'a>(&mut self, c: &'a Customer, now: i64) -> Talk<'a> {
        let rng = Rng::new(mix(self.seed
            ^ 0x7A1C
            ^ self.counter.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        Talk::new(
            &c.person,
            now + 1,
            rng,
            Ids::live(self.seed, now, self.counter),
        )
    }

    /// A customer with a recent order, preferably: of a few drawn, the one who ordered last.
    fn pick_customer(&mut self, start: i64) -> Customer {
        let mut best: Option<Customer> = None;
        for _ in 0..4 {
            let idx = self.rng.below(self.customers);
            let c = build_customer(self.seed, idx, start);
            let latest = |c: &Customer| c.orders.iter().map(|o| o.placed).max().unwrap_or(i64::MIN);
            if best.as_ref().is_none_or(|b| latest(&c) > latest(b)) {
                best = Some(c);
            }
        }
        best.unwrap_or_else(|| build_customer(self.seed, 0, start))
    }

    fn fresh(&mut self, now: i64, start: i64) -> Msg {
        let c = self.pick_customer(start);
        let about_order = !c.orders.is_empty() && self.rng.chance(0.72);
        let pick_latest = self.rng.chance(0.7);
        let pick_any = self.rng.index(c.orders.len().max(1));
        let mut talk = self.talk(&c, now);
        if about_order {
            let candidates: Vec<&Order> = c.orders.iter().filter(|o| !o.cancelled).collect();
            let o = if pick_latest {
                candidates.iter().max_by_key(|o| o.placed).copied()
            } else {
                candidates
                    .get(pick_any.min(candidates.len().saturating_sub(1)))
                    .copied()
            };
            if let Some(o) = o {
                let intent = intent_now(&mut talk, o, now);
                let via = talk.first_via(o);
                let intents = talk.secondary_intents(intent, o, now, &[]);
                let signals = talk.signals_for(intent, Some(o), now, via);
                return talk.customer_message(via, Some(o), None, now, &intents, &signals, None);
            }
        }
        let product = &PRODUCTS[talk.rng.weighted(product_weights())];
        let favourite = c.person.storefronts.first().map(|s| s.0);
        let via = match favourite {
            Some(mp) if mp.is_amazon() => Via::Amazon,
            Some(crate::catalog::Mp::EbayDe) => Via::Ebay,
            _ => {
                if talk.rng.chance(0.5) {
                    Via::ContactForm
                } else {
                    Via::Email
                }
            }
        };
        talk.customer_message(
            via,
            None,
            Some(product),
            now,
            &[Intent::ProductQuestion],
            &[],
            None,
        )
    }

    /// The customer of one of the feed's own recent messages writes again elsewhere.
    fn repeat_recent(&mut self, now: i64, start: i64) -> Option<Msg> {
        let candidates: Vec<usize> = (0..self.recent.len())
            .filter(|&i| {
                let m = &self.recent[i];
                m.at < now && m.truth.as_ref().is_some_and(|t| t.order.is_some())
            })
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let original = self.recent[candidates[self.rng.index(candidates.len())]].clone();
        let c = build_customer(self.seed, original.person, start);
        self.repeat_of(&c, &original, now)
    }

    /// A customer whose recent message in the world is still unanswered writes again.
    fn repeat_world(&mut self, now: i64, start: i64) -> Option<Msg> {
        for _ in 0..6 {
            let idx = self.rng.below(self.customers);
            let c = build_customer(self.seed, idx, start);
            let waiting = c
                .msgs
                .iter()
                .filter(|m| m.inbound && m.at >= start - 2 * DAY)
                .filter(|m| m.truth.as_ref().is_some_and(|t| t.order.is_some()))
                .max_by_key(|m| m.at)
                .cloned();
            if let Some(original) = waiting {
                return self.repeat_of(&c, &original, now);
            }
        }
        None
    }

    fn repeat_of(&mut self, c: &Customer, original: &Msg, now: i64) -> Option<Msg> {
        let order_id = original.truth.as_ref()?.order.clone()?;
        let o = c.orders.iter().find(|o| o.id == order_id)?;
        let intents = original.truth.as_ref()?.intents.clone();
        let first = *intents.first()?;
        let mut talk = self.talk(c, now);
        let via = talk.repeat_via(original.via, o);
        let mut signals = talk.signals_for(first, Some(o), now, via);
        if signals.is_empty() && talk.rng.chance(0.5) {
            signals.push(crate::text::Signal::Frustration);
        }
        Some(talk.customer_message(via, Some(o), None, now, &[first], &signals, Some(original)))
    }
}

/// An intent that makes sense for `o` right now, or a plain question when nothing does.
fn intent_now(talk: &mut Talk, o: &Order, now: i64) -> Intent {
    for _ in 0..8 {
        if let Some((intent, _)) = talk.plan_issue(o, now + 1, &[])
            && crate::talk::window_contains(intent, o, now)
        {
            return intent;
        }
    }
    if o.delivered_by(now) {
        *talk.rng.pick(&[
            Intent::Invoice,
            Intent::ProductQuestion,
            Intent::Other,
            Intent::Warranty,
        ])
    } else {
        Intent::Tracking
    }
}
