//! The world, customer by customer: each customer's orders and conversations are built from
//! their own random streams, written in time order, and dropped before the next customer, so
//! memory stays bounded however large the world.

use std::collections::VecDeque;
use std::io::{self, BufWriter, Write};

use crate::DemoConfig;
use crate::orders::{Order, build_orders, render_order};
use crate::people::{Person, person};
use crate::rng::{Rng, Stream, mix};
use crate::talk::{Ids, Msg, Talk, render_msg};

/// A customer with everything that happened to them.
pub(crate) struct Customer {
    pub(crate) person: Person,
    pub(crate) orders: Vec<Order>,
    pub(crate) msgs: Vec<Msg>,
}

/// Builds customer `idx` of the world `(seed, start)`.
pub(crate) fn build_customer(seed: u64, idx: u64, start: i64) -> Customer {
    let p = person(seed, idx);
    let mut orders = build_orders(seed, &p, start);
    let mut talk = Talk::new(
        &p,
        start,
        Rng::derive(seed, idx, Stream::Talk),
        Ids::world(seed, idx),
    );
    if talk.rng.chance(0.16) {
        // Half of the pre-sale questions lead to the first order.
        let leads = talk.rng.chance(0.5);
        talk.presale(if leads { orders.first() } else { None });
    }
    for k in 0..orders.len() {
        let troubled = orders[k].vanished || orders[k].deliver_at.is_none();
        let p_issue = if troubled { 0.85 } else { 0.5 };
        if talk.rng.chance(p_issue) {
            talk.issue(&mut orders, k);
        }
        if !orders[k].cancelled && talk.rng.chance(0.1) {
            talk.issue(&mut orders, k);
        }
    }
    let msgs = std::mem::take(&mut talk.msgs);
    // A few orders reach the importer only after the messages about them.
    for o in orders.iter_mut() {
        let mentioned = msgs
            .iter()
            .any(|m| m.truth.as_ref().and_then(|t| t.order.as_deref()) == Some(o.id.as_str()));
        if mentioned && talk.rng.chance(0.06) {
            o.late = true;
        }
    }
    drop(talk);
    Customer {
        person: p,
        orders,
        msgs,
    }
}

/// Counts of what a world contains.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub orders: u64,
    pub messages: u64,
    pub customers: u64,
}

/// The world as an iterator of JSON lines (no trailing newline), customer by customer.
pub struct World {
    cfg: DemoConfig,
    next: u64,
    /// The current customer's records, rendered back to back.
    buf: String,
    /// (time, sequence, start, end) of each record in `buf`, in output order.
    spans: Vec<(i64, usize, usize, usize)>,
    /// Next span to hand out.
    pos: usize,
    /// Orders held back until a later customer: (index of the customer after which they are
    /// written, line).
    deferred: Vec<(u64, String)>,
    /// Held-back orders whose turn has come, written after the current block.
    released: VecDeque<String>,
    stats: Stats,
}

impl World {
    pub fn new(cfg: DemoConfig) -> World {
        World {
            cfg,
            next: 0,
            buf: String::with_capacity(1 << 15),
            spans: Vec::with_capacity(64),
            pos: 0,
            deferred: Vec::new(),
            released: VecDeque::new(),
            stats: Stats::default(),
        }
    }

    /// What has been produced so far (complete once the iterator is exhausted).
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Records waiting in memory: a customer's block plus held-back orders. Stays small (tens)
    /// however large the world, which is what keeps memory bounded.
    pub fn buffered(&self) -> usize {
        self.spans.len() - self.pos + self.deferred.len() + self.released.len()
    }

    /// Renders the next customer; false when every customer has been rendered and every
    /// held-back order released.
    fn fill(&mut self) -> bool {
        self.buf.clear();
        self.spans.clear();
        self.pos = 0;
        if self.next >= self.cfg.customers {
            self.released
                .extend(self.deferred.drain(..).map(|(_, l)| l));
            return !self.released.is_empty();
        }
        let idx = self.next;
        self.next += 1;
        let DemoConfig { seed, start, .. } = self.cfg;
        let c = build_customer(seed, idx, start);
        let mut hold = Rng::new(mix(seed ^ idx.wrapping_mul(0x9E37_79B9)));
        for o in &c.orders {
            self.stats.orders += 1;
            if o.late {
                let mut line = String::with_capacity(900);
                render_order(&mut line, o, &c.person, start);
                let due = idx + 1 + hold.below(6);
                self.deferred.push((due, line));
            } else {
                let from = self.buf.len();
                render_order(&mut self.buf, o, &c.person, start);
                self.spans
                    .push((o.placed, self.spans.len(), from, self.buf.len()));
            }
        }
        for m in &c.msgs {
            self.stats.messages += 1;
            let from = self.buf.len();
            render_msg(&mut self.buf, m);
            self.spans
                .push((m.at, self.spans.len(), from, self.buf.len()));
        }
        self.stats.customers += 1;
        self.spans.sort_unstable_by_key(|&(t, seq, _, _)| (t, seq));
        if self.deferred.iter().any(|(due, _)| *due <= idx) {
            let mut i = 0;
            while i < self.deferred.len() {
                if self.deferred[i].0 <= idx {
                    let (_, line) = self.deferred.remove(i);
                    self.released.push_back(line);
                } else {
                    i += 1;
                }
            }
        }
        true
    }

    /// Writes everything rendered and not yet handed out, one line per record.
    fn drain_to(&mut self, w: &mut impl Write) -> io::Result<()> {
        for &(_, _, from, to) in &self.spans[self.pos..] {
            w.write_all(&self.buf.as_bytes()[from..to])?;
            w.write_all(b"\n")?;
        }
        self.pos = self.spans.len();
        for line in self.released.drain(..) {
            w.write_all(line.as_bytes())?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl Iterator for World {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        loop {
            if let Some(&(_, _, from, to)) = self.spans.get(self.pos) {
                self.pos += 1;
                return Some(self.buf[from..to].to_string());
            }
            if let Some(line) = self.released.pop_front() {
                return Some(line);
            }
            if !self.fill() {
                return None;
            }
        }
    }
}

/// Writes the world as JSON Lines to `out` and returns what it contained.
pub fn write_world(cfg: &DemoConfig, out: &mut impl Write) -> io::Result<Stats> {
    let mut world = World::new(*cfg);
    let mut w = BufWriter::with_capacity(1 << 16, out);
    // Straight from the render buffer: no string per record.
    while world.fill() {
        world.drain_to(&mut w)?;
    }
    w.flush()?;
    Ok(world.stats())
}
