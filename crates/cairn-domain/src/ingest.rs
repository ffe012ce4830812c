//! The ingest pipeline's rules: what a batch of interchange records does to the world.
//!
//! Storage loads a [`Snapshot`] of every existing row the batch can touch (found through
//! [`BatchKeys`]), the [`Planner`] applies the records one after another to that working set, and
//! the resulting [`Changes`] are written back in one transaction. Nothing here does I/O, so every
//! rule — idempotency, threading, reopening, identity linking, deadlines — is tested with plain
//! values.

use std::collections::{BTreeSet, HashMap, HashSet};

use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::events::{EventRow, chain_hash, hex};
use crate::identity::{
    IdentityKey, IdentityKind, email_identity, name_address_key, normalize_phone, relay_of_email,
};
use crate::model::{
    CustomerRow, Direction, Evidence, IdentityRow, LinkRow, MessageRow, OrderRow, TicketRow,
    TicketStatus,
};
use crate::order_ref::find_order_refs;
use crate::records::{MessageRecord, OrderRecord, Record, RecordError};
use crate::risk::{Risk, RiskInput, RiskWeights, assess};
use crate::sla::DeadlineRules;
use crate::understanding::{Understanding, understand};
use crate::{
    Channel, CustomerId, EventId, IdSource, IdentityId, LinkId, Marketplace, MessageId, OrderId,
    TicketId,
};

/// The tunable rules of ingest.
#[derive(Clone, Debug)]
pub struct IngestRules {
    pub deadlines: DeadlineRules,
    pub risk: RiskWeights,
    /// A customer message this long after a ticket was settled (closed, or answered and left)
    /// still reopens it; later ones start a new ticket.
    pub reopen_window: SignedDuration,
}

impl Default for IngestRules {
    fn default() -> Self {
        Self {
            deadlines: DeadlineRules::default(),
            risk: RiskWeights::default(),
            reopen_window: SignedDuration::from_hours(7 * 24),
        }
    }
}

/// The keys of everything a batch may touch, so storage can load exactly that.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchKeys {
    /// Message external ids of the batch and the ids its messages reply to.
    pub message_ids: BTreeSet<(Channel, String)>,
    pub thread_ids: BTreeSet<(Channel, String)>,
    pub identities: BTreeSet<IdentityKey>,
    /// Order numbers of order records and order numbers mentioned in messages.
    pub order_refs: BTreeSet<String>,
    /// The earliest time in the batch: tickets settled long before it cannot be reopened.
    pub earliest: Option<Timestamp>,
}

/// Existing rows relevant to a batch, as loaded by storage.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub messages: Vec<(Channel, String, MessageId, TicketId)>,
    pub identities: Vec<IdentityRow>,
    pub links: Vec<(IdentityId, IdentityId)>,
    pub customers: Vec<CustomerRow>,
    pub orders: Vec<OrderRow>,
    pub thread_keys: Vec<(Channel, String, TicketId)>,
    /// Tickets reachable from the keys: by message, thread, customer (unsettled or recently
    /// settled) and by the order numbers they mention. `order_refs` must be filled in.
    pub tickets: Vec<TicketRow>,
    /// The last hash of the tenant's event chain.
    pub event_head: String,
}

/// Everything a batch changed, to be written in one transaction.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    pub customers: Vec<CustomerRow>,
    pub identities: Vec<IdentityRow>,
    pub links: Vec<LinkRow>,
    pub orders: Vec<OrderRow>,
    pub tickets: Vec<TicketRow>,
    pub ticket_orders: Vec<(TicketId, String)>,
    pub messages: Vec<MessageRow>,
    pub thread_keys: Vec<(Channel, String, TicketId)>,
    /// `(from, into)`: every row of `from` now belongs to `into`; apply in order.
    pub customer_merges: Vec<(CustomerId, CustomerId)>,
    pub events: Vec<EventRow>,
    pub event_head: String,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
            && self.identities.is_empty()
            && self.links.is_empty()
            && self.orders.is_empty()
            && self.tickets.is_empty()
            && self.messages.is_empty()
            && self.events.is_empty()
    }
}

/// What one record did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Imported,
    /// Already known and unchanged: nothing was written.
    Duplicate,
    /// An order known before, now with new data (a shipment added, say).
    Updated,
}

/// Collects the keys a batch of records may touch.
pub fn batch_keys<'a>(records: impl IntoIterator<Item = &'a Record>) -> BatchKeys {
    let mut keys = BatchKeys::default();
    for record in records {
        match record {
            Record::Message(m) => {
                keys.message_ids.insert((m.channel, m.external_id.clone()));
                if let Some(irt) = &m.in_reply_to {
                    keys.message_ids.insert((m.channel, irt.clone()));
                }
                if let Some(t) = &m.thread_id {
                    keys.thread_ids.insert((m.channel, t.clone()));
                }
                if let Some(k) = message_identity_key(m) {
                    keys.identities.insert(k);
                }
                keys.order_refs.extend(message_order_refs(m));
                keys.earliest = Some(
                    keys.earliest
                        .map_or(m.received_at, |e| e.min(m.received_at)),
                );
            }
            Record::Order(o) => {
                keys.identities.extend(order_identity_keys(o));
                keys.order_refs.insert(o.order_id.clone());
                keys.earliest = Some(keys.earliest.map_or(o.placed_at, |e| e.min(o.placed_at)));
            }
        }
    }
    keys
}

/// The customer handle of a message: the sender of an inbound message, the recipient of an
/// outbound one.
pub fn message_identity_key(m: &MessageRecord) -> Option<IdentityKey> {
    match m.direction {
        Direction::Inbound => {
            if let Some(k) = m.from.email.as_deref().and_then(email_identity) {
                return Some(k);
            }
            // Marketplace messages without an address are known by the member name.
            match (m.channel, m.from.name.as_deref()) {
                (Channel::Ebay, Some(name)) => Some(IdentityKey::new(
                    IdentityKind::EbayUser,
                    name.trim().to_lowercase(),
                )),
                _ => None,
            }
        }
        Direction::Outbound => m.to.as_deref().and_then(|to| {
            // "Name <addr>, other" → the first address.
            let first = to.split(',').next().unwrap_or(to);
            let addr = match (first.find('<'), first.rfind('>')) {
                (Some(a), Some(b)) if a < b => &first[a + 1..b],
                _ => first,
            };
            email_identity(addr)
        }),
    }
}

/// Order numbers a message is about: the record's own, then those found in subject and text.
pub fn message_order_refs(m: &MessageRecord) -> Vec<String> {
    let mut refs: Vec<String> = Vec::new();
    if let Some(o) = &m.order_id {
        refs.push(o.clone());
    }
    let hint = Some(m.channel);
    let subject = m.subject.as_deref().unwrap_or("");
    for mention in find_order_refs(subject, hint)
        .into_iter()
        .chain(find_order_refs(&m.text, hint))
    {
        if !refs.contains(&mention.value) {
            refs.push(mention.value);
        }
    }
    refs
}

fn buyer_id_kind(channel: Channel) -> IdentityKind {
    match channel {
        Channel::Ebay => IdentityKind::EbayUser,
        Channel::Shopify => IdentityKind::ShopifyCustomer,
        _ => IdentityKind::BuyerId,
    }
}

/// Every handle an order names, the one it was bought with first.
pub fn order_identity_keys(o: &OrderRecord) -> Vec<IdentityKey> {
    let mut keys = Vec::new();
    if let Some(k) = o.buyer.email.as_deref().and_then(email_identity) {
        keys.push(k);
    }
    if let Some(id) = &o.buyer.buyer_id {
        let kind = buyer_id_kind(o.channel);
        let value = if kind == IdentityKind::EbayUser {
            id.trim().to_lowercase()
        } else {
            // Buyer ids of other systems are opaque; keep them apart per channel.
            format!("{}:{}", o.channel, id.trim())
        };
        keys.push(IdentityKey::new(kind, value));
    }
    if let Some(phone) = &o.buyer.phone {
        let country = o
            .shipping_address
            .as_ref()
            .and_then(|a| a.country.as_deref())
            .or_else(|| o.marketplace.as_ref().and_then(Marketplace::country));
        if let Some(p) = normalize_phone(phone, country) {
            keys.push(IdentityKey::new(IdentityKind::Phone, p));
        }
    }
    if let Some(k) = o.shipping_address.as_ref().and_then(name_address_key) {
        keys.push(k);
    }
    keys.dedup();
    keys
}

fn order_content_hash(o: &OrderRecord) -> String {
    // Debug output covers every field; it is stable for one build, and a changed hash after an
    // upgrade only costs one harmless rewrite of the order.
    let mut h = Sha256::new();
    h.update(format!("{o:?}").as_bytes());
    hex(&h.finalize()[..16])
}

/// Applies records to a working set built from a snapshot.
pub struct Planner<'a, I: IdSource> {
    rules: &'a IngestRules,
    ids: &'a mut I,
    now: Timestamp,
    messages: HashMap<(Channel, String), (MessageId, TicketId)>,
    identity_by_key: HashMap<IdentityKey, IdentityId>,
    identities: HashMap<IdentityId, IdentityRow>,
    links: HashSet<(IdentityId, IdentityId)>,
    customers: HashMap<CustomerId, CustomerRow>,
    redirects: HashMap<CustomerId, CustomerId>,
    orders: HashMap<(Channel, String), OrderRow>,
    orders_by_ref: HashMap<String, Vec<(Channel, String)>>,
    thread_keys: HashMap<(Channel, String), TicketId>,
    tickets: HashMap<TicketId, TicketRow>,
    tickets_by_customer: HashMap<CustomerId, Vec<TicketId>>,
    tickets_by_order_ref: HashMap<String, Vec<TicketId>>,
    dirty_customers: BTreeSet<CustomerId>,
    dirty_identities: BTreeSet<IdentityId>,
    dirty_orders: BTreeSet<(Channel, String)>,
    dirty_tickets: BTreeSet<TicketId>,
    /// Customers that absorbed another one in this batch: their tickets are checked again
    /// for duplicates.
    merged_customers: BTreeSet<CustomerId>,
    changes: Changes,
}

impl<'a, I: IdSource> Planner<'a, I> {
    pub fn new(snapshot: Snapshot, rules: &'a IngestRules, ids: &'a mut I, now: Timestamp) -> Self {
        let mut p = Planner {
            rules,
            ids,
            now,
            messages: HashMap::new(),
            identity_by_key: HashMap::new(),
            identities: HashMap::new(),
            links: HashSet::new(),
            customers: HashMap::new(),
            redirects: HashMap::new(),
            orders: HashMap::new(),
            orders_by_ref: HashMap::new(),
            thread_keys: HashMap::new(),
            tickets: HashMap::new(),
            tickets_by_customer: HashMap::new(),
            tickets_by_order_ref: HashMap::new(),
            dirty_customers: BTreeSet::new(),
            dirty_identities: BTreeSet::new(),
            dirty_orders: BTreeSet::new(),
            dirty_tickets: BTreeSet::new(),
            merged_customers: BTreeSet::new(),
            changes: Changes {
                event_head: snapshot.event_head.clone(),
                ..Changes::default()
            },
        };
        for (channel, ext, mid, tid) in snapshot.messages {
            p.messages.insert((channel, ext), (mid, tid));
        }
        for c in snapshot.customers {
            if let Some(into) = c.merged_into {
                p.redirects.insert(c.id, into);
            }
            p.customers.insert(c.id, c);
        }
        for i in snapshot.identities {
            p.identity_by_key
                .insert(IdentityKey::new(i.kind, i.value.clone()), i.id);
            p.identities.insert(i.id, i);
        }
        for (a, b) in snapshot.links {
            p.links.insert((a.min(b), a.max(b)));
        }
        for o in snapshot.orders {
            p.index_order(o);
        }
        for (channel, key, tid) in snapshot.thread_keys {
            p.thread_keys.insert((channel, key), tid);
        }
        for t in snapshot.tickets {
            p.index_ticket(t);
        }
        p
    }

    fn index_order(&mut self, o: OrderRow) {
        let key = (o.channel, o.order_ref.clone());
        let by_ref = self.orders_by_ref.entry(o.order_ref.clone()).or_default();
        if !by_ref.contains(&key) {
            by_ref.push(key.clone());
        }
        self.orders.insert(key, o);
    }

    fn index_ticket(&mut self, t: TicketRow) {
        let by_customer = self.tickets_by_customer.entry(t.customer_id).or_default();
        if !by_customer.contains(&t.id) {
            by_customer.push(t.id);
        }
        for r in &t.order_refs {
            let by_ref = self.tickets_by_order_ref.entry(r.clone()).or_default();
            if !by_ref.contains(&t.id) {
                by_ref.push(t.id);
            }
        }
        self.tickets.insert(t.id, t);
    }

    /// The customer a (possibly merged) customer id stands for now.
    fn resolve(&self, mut c: CustomerId) -> CustomerId {
        // Merges always point to an older customer, so this terminates; the bound guards
        // against corrupt stored data.
        for _ in 0..64 {
            match self.redirects.get(&c) {
                Some(&next) if next != c => c = next,
                _ => break,
            }
        }
        c
    }

    fn customer_of(&self, identity: IdentityId) -> Option<CustomerId> {
        self.identities
            .get(&identity)
            .map(|i| self.resolve(i.customer_id))
    }

    fn event(
        &mut self,
        kind: &'static str,
        ticket_id: Option<TicketId>,
        customer_id: Option<CustomerId>,
        order_id: Option<OrderId>,
        at: Timestamp,
        data: serde_json::Value,
    ) {
        let id = EventId(self.ids.next_id());
        let hash = chain_hash(&self.changes.event_head, id, kind, ticket_id, at, &data);
        self.changes.event_head.clone_from(&hash);
        self.changes.events.push(EventRow {
            id,
            ticket_id,
            customer_id,
            order_id,
            kind: kind.to_string(),
            data,
            at,
            hash,
        });
    }

    /// The identity for a handle, creating it (and a new customer) when it is new.
    fn ensure_identity(
        &mut self,
        key: IdentityKey,
        label: Option<&str>,
        at: Timestamp,
    ) -> IdentityId {
        self.ensure_identity_in(key, label, at, None)
    }

    /// Like [`Self::ensure_identity`], but a new handle joins `home` (when given) instead of
    /// becoming a customer of its own; the caller records the link that justifies it.
    fn ensure_identity_in(
        &mut self,
        key: IdentityKey,
        label: Option<&str>,
        at: Timestamp,
        home: Option<CustomerId>,
    ) -> IdentityId {
        if let Some(&id) = self.identity_by_key.get(&key) {
            if let Some(label) = label {
                let customer = self.customer_of(id);
                if let Some(c) = customer.and_then(|c| self.customers.get_mut(&c))
                    && c.display_name.is_none()
                {
                    c.display_name = Some(label.to_string());
                    self.dirty_customers.insert(c.id);
                }
            }
            return id;
        }
        let customer_id = match home.map(|h| self.resolve(h)) {
            Some(h) if self.customers.contains_key(&h) => h,
            _ => {
                let customer_id = CustomerId(self.ids.next_id());
                self.customers.insert(
                    customer_id,
                    CustomerRow {
                        id: customer_id,
                        display_name: label.map(str::to_string),
                        created_at: at,
                        merged_into: None,
                    },
                );
                self.dirty_customers.insert(customer_id);
                customer_id
            }
        };
        let id = IdentityId(self.ids.next_id());
        self.identities.insert(
            id,
            IdentityRow {
                id,
                customer_id,
                kind: key.kind,
                value: key.value.clone(),
                label: label.map(str::to_string),
                created_at: at,
            },
        );
        self.identity_by_key.insert(key, id);
        self.dirty_identities.insert(id);
        id
    }

    /// Records that two handles are one person, merging their customers when they differ.
    fn link(
        &mut self,
        a: IdentityId,
        b: IdentityId,
        evidence: Evidence,
        detail: String,
        at: Timestamp,
    ) {
        if a == b {
            return;
        }
        let pair = (a.min(b), a.max(b));
        if !self.links.insert(pair) {
            return;
        }
        let (Some(ca), Some(cb)) = (self.customer_of(a), self.customer_of(b)) else {
            return;
        };
        self.changes.links.push(LinkRow {
            id: LinkId(self.ids.next_id()),
            a,
            b,
            evidence,
            detail: detail.clone(),
            created_at: at,
            removed_at: None,
        });
        if ca != cb {
            // The older customer survives, so customer ids seen by agents stay stable.
            let (into, from) = (ca.min(cb), ca.max(cb));
            self.redirects.insert(from, into);
            let from_name = self
                .customers
                .get(&from)
                .and_then(|c| c.display_name.clone());
            if let Some(c) = self.customers.get_mut(&from) {
                c.merged_into = Some(into);
            }
            if let Some(c) = self.customers.get_mut(&into)
                && c.display_name.is_none()
            {
                c.display_name = from_name;
            }
            self.dirty_customers.insert(from);
            self.dirty_customers.insert(into);
            let moved = self.tickets_by_customer.remove(&from).unwrap_or_default();
            self.tickets_by_customer
                .entry(into)
                .or_default()
                .extend(moved);
            self.changes.customer_merges.push((from, into));
            self.merged_customers.insert(into);
            self.event(
                "customers_linked",
                None,
                Some(into),
                None,
                at,
                json!({"from": from.to_string(), "into": into.to_string(),
                       "evidence": evidence.as_str(), "detail": detail}),
            );
        }
    }

    /// Applies one record.
    pub fn apply(&mut self, record: &Record) -> Result<Outcome, RecordError> {
        match record {
            Record::Message(m) => self.apply_message(m),
            Record::Order(o) => self.apply_order(o),
        }
    }

    fn apply_order(&mut self, o: &OrderRecord) -> Result<Outcome, RecordError> {
        let key = (o.channel, o.order_id.clone());
        let hash = order_content_hash(o);
        let existing = self.orders.get(&key).cloned();
        if existing.as_ref().is_some_and(|e| e.content_hash == hash) {
            return Ok(Outcome::Duplicate);
        }
        let label = o
            .buyer
            .name
            .as_deref()
            .or(o.shipping_address.as_ref().and_then(|a| a.name.as_deref()));
        let keys = order_identity_keys(o);
        let Some(first) = keys.first() else {
            return Err(RecordError(
                "order has no usable buyer handle (email, buyer_id, phone or full address)".into(),
            ));
        };
        let at = o.placed_at;
        let primary = existing
            .as_ref()
            .map(|e| e.buyer_identity_id)
            .unwrap_or_else(|| self.ensure_identity(first.clone(), label, at));
        let detail = format!("order {}", o.order_id);
        let home = self.customer_of(primary);
        for k in &keys {
            let id = self.ensure_identity_in(k.clone(), label, at, home);
            self.link(primary, id, Evidence::SameOrder, detail.clone(), at);
        }
        let customer_id = self
            .customer_of(primary)
            .ok_or_else(|| RecordError("internal: order buyer identity vanished".into()))?;
        // Messages that mentioned this order before it arrived now tie their sender to the buyer.
        let mentioning: Vec<TicketId> = self
            .tickets_by_order_ref
            .get(&o.order_id)
            .cloned()
            .unwrap_or_default();
        for tid in mentioning {
            if let Some(identity) = self.tickets.get(&tid).map(|t| t.identity_id) {
                self.link(
                    identity,
                    primary,
                    Evidence::MentionsOrder,
                    format!("ticket {tid} mentions order {}", o.order_id),
                    at,
                );
            }
        }
        let id = existing
            .as_ref()
            .map_or_else(|| OrderId(self.ids.next_id()), |e| e.id);
        let row = OrderRow {
            id,
            channel: o.channel,
            marketplace: o.marketplace.clone(),
            order_ref: o.order_id.clone(),
            customer_id: self.resolve(customer_id),
            buyer_identity_id: primary,
            placed_at: o.placed_at,
            fulfillment: o.fulfillment,
            buyer_name: o.buyer.name.clone(),
            buyer_email: o.buyer.email.clone(),
            buyer_phone: o.buyer.phone.clone(),
            buyer_id: o.buyer.buyer_id.clone(),
            shipping_address: o.shipping_address.clone(),
            items: o.items.clone(),
            total: o.total,
            shipments: o.shipments.clone(),
            content_hash: hash,
            updated_at: self.now,
        };
        let outcome = if existing.is_some() {
            Outcome::Updated
        } else {
            Outcome::Imported
        };
        let kind = if existing.is_some() {
            "order_updated"
        } else {
            "order_imported"
        };
        let cust = row.customer_id;
        self.index_order(row);
        self.dirty_orders.insert(key);
        self.event(
            kind,
            None,
            Some(cust),
            Some(id),
            self.now,
            json!({"order_id": o.order_id, "channel": o.channel.as_str(),
                   "shipments": o.shipments.len()}),
        );
        Ok(outcome)
    }

    fn follow_merge(&self, mut t: TicketId) -> TicketId {
        for _ in 0..64 {
            match self.tickets.get(&t).and_then(|row| row.merged_into) {
                Some(next) if next != t => t = next,
                _ => break,
            }
        }
        t
    }

    /// The existing ticket a message continues, if any (before the reopen check).
    fn find_ticket(
        &self,
        m: &MessageRecord,
        identity: Option<IdentityId>,
        refs: &[String],
    ) -> Option<TicketId> {
        if let Some(irt) = &m.in_reply_to
            && let Some(&(_, t)) = self.messages.get(&(m.channel, irt.clone()))
        {
            return Some(self.follow_merge(t));
        }
        if let Some(thread) = &m.thread_id
            && let Some(&t) = self.thread_keys.get(&(m.channel, thread.clone()))
        {
            return Some(self.follow_merge(t));
        }
        // The same relay sender writing again about the same order joins that conversation.
        let identity = identity?;
        if refs.is_empty() {
            return None;
        }
        let customer = self.customer_of(identity)?;
        self.tickets_by_customer
            .get(&customer)?
            .iter()
            .filter_map(|t| self.tickets.get(t))
            .filter(|t| {
                t.identity_id == identity
                    && t.channel == m.channel
                    && t.status != TicketStatus::Merged
                    && t.order_refs.iter().any(|r| refs.contains(r))
            })
            .max_by_key(|t| (t.updated_at, t.id))
            .map(|t| t.id)
    }

    fn apply_message(&mut self, m: &MessageRecord) -> Result<Outcome, RecordError> {
        if self
            .messages
            .contains_key(&(m.channel, m.external_id.clone()))
        {
            return Ok(Outcome::Duplicate);
        }
        let at = m.received_at;
        let refs = message_order_refs(m);
        let label = match m.direction {
            Direction::Inbound => m.from.name.as_deref(),
            Direction::Outbound => None,
        };
        // A new handle that names a known order belongs to that order's buyer from the start.
        let buyer_home = refs.iter().find_map(|r| {
            self.orders_by_ref
                .get(r)
                .and_then(|keys| keys.first())
                .and_then(|k| self.orders.get(k))
                .and_then(|o| self.customer_of(o.buyer_identity_id))
        });
        let identity = match message_identity_key(m) {
            Some(k) => Some(self.ensure_identity_in(k, label, at, buyer_home)),
            None if m.direction == Direction::Inbound => {
                return Err(RecordError(format!(
                    "from.email {:?} is not an email address",
                    m.from.email.as_deref().unwrap_or("")
                )));
            }
            None => None,
        };
        if let Some(identity) = identity {
            for r in &refs {
                let buyers: Vec<IdentityId> = self
                    .orders_by_ref
                    .get(r)
                    .into_iter()
                    .flatten()
                    .filter_map(|k| self.orders.get(k))
                    .map(|o| o.buyer_identity_id)
                    .collect();
                for buyer in buyers {
                    self.link(
                        identity,
                        buyer,
                        Evidence::MentionsOrder,
                        format!("message {} mentions order {r}", m.external_id),
                        at,
                    );
                }
            }
        }

        // Worked out ahead (on the import's reader thread) when possible; borrowed, not copied.
        let worked_out;
        let understood: Option<&Understanding> = match (&m.understanding, m.direction) {
            (_, Direction::Outbound) => None,
            (Some(u), Direction::Inbound) => Some(u),
            (None, Direction::Inbound) => {
                worked_out = understand(m.subject.as_deref(), &m.text, Some(m.channel));
                Some(&worked_out)
            }
        };
        let found = self.find_ticket(m, identity, &refs);
        let window = self.rules.reopen_window;
        let ticket_id = match found.and_then(|t| self.tickets.get(&t)).cloned() {
            Some(t)
                if t.settled_at()
                    .is_none_or(|s| at.duration_since(s) <= window) =>
            {
                self.continue_ticket(t, m, &refs, understood)
            }
            _ => {
                let identity = match identity {
                    Some(i) => i,
                    None => {
                        return Err(RecordError(
                            "outbound message has no `to` address and answers no known message"
                                .into(),
                        ));
                    }
                };
                self.open_ticket(m, identity, &refs, understood)?
            }
        };

        let message_id = MessageId(self.ids.next_id());
        let marketplace = message_marketplace(m);
        self.changes.messages.push(MessageRow {
            id: message_id,
            ticket_id,
            channel: m.channel,
            marketplace,
            external_id: m.external_id.clone(),
            direction: m.direction,
            identity_id: identity,
            from_email: m.from.email.clone(),
            from_name: m.from.name.clone(),
            to: m.to.clone(),
            subject: m.subject.clone(),
            text: m.text.clone(),
            html: m.html.clone(),
            received_at: at,
            thread_id: m.thread_id.clone(),
            in_reply_to: m.in_reply_to.clone(),
            order_refs: refs,
        });
        self.messages
            .insert((m.channel, m.external_id.clone()), (message_id, ticket_id));
        if let Some(thread) = &m.thread_id {
            let key = (m.channel, thread.clone());
            if self.thread_keys.get(&key) != Some(&ticket_id) {
                self.thread_keys.insert(key.clone(), ticket_id);
                self.changes.thread_keys.push((key.0, key.1, ticket_id));
            }
        }
        let customer = self.tickets.get(&ticket_id).map(|t| t.customer_id);
        self.event(
            match m.direction {
                Direction::Inbound => "message_received",
                Direction::Outbound => "message_sent",
            },
            Some(ticket_id),
            customer,
            None,
            at,
            json!({"message_id": message_id.to_string(), "external_id": m.external_id,
                   "channel": m.channel.as_str()}),
        );
        Ok(Outcome::Imported)
    }

    fn open_ticket(
        &mut self,
        m: &MessageRecord,
        identity: IdentityId,
        refs: &[String],
        understood: Option<&Understanding>,
    ) -> Result<TicketId, RecordError> {
        let at = m.received_at;
        let customer_id = self
            .customer_of(identity)
            .ok_or_else(|| RecordError("internal: message identity vanished".into()))?;
        let id = TicketId(self.ids.next_id());
        let subject = m
            .subject
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| first_line(&m.text, 120));
        let inbound = m.direction == Direction::Inbound;
        let due = inbound.then(|| self.rules.deadlines.response_due(m.channel, at));
        let marketplace = message_marketplace(m);
        let mut ticket = TicketRow::opened(id, customer_id, identity, m.channel, at);
        ticket.marketplace = marketplace;
        ticket.subject = subject;
        ticket.first_response_due_at = due;
        ticket.response_due_at = due;
        if inbound {
            ticket.waiting_since = Some(at);
        } else {
            // A conversation that starts with our message (imported history) waits on the
            // customer.
            ticket.status = TicketStatus::Pending;
            ticket.last_inbound_at = None;
            ticket.last_outbound_at = Some(at);
        }
        absorb_understanding(&mut ticket, understood);
        self.index_ticket(ticket);
        self.add_refs(id, refs);
        self.dirty_tickets.insert(id);
        self.event(
            "ticket_created",
            Some(id),
            Some(customer_id),
            None,
            at,
            json!({"channel": m.channel.as_str(), "order_refs": refs}),
        );
        if inbound {
            self.check_duplicates(id);
        }
        Ok(id)
    }

    fn add_refs(&mut self, ticket: TicketId, refs: &[String]) {
        for r in refs {
            let Some(t) = self.tickets.get_mut(&ticket) else {
                return;
            };
            if t.order_refs.contains(r) {
                continue;
            }
            t.order_refs.push(r.clone());
            self.changes.ticket_orders.push((ticket, r.clone()));
            self.tickets_by_order_ref
                .entry(r.clone())
                .or_default()
                .push(ticket);
        }
    }

    fn continue_ticket(
        &mut self,
        mut t: TicketRow,
        m: &MessageRecord,
        refs: &[String],
        understood: Option<&Understanding>,
    ) -> TicketId {
        absorb_understanding(&mut t, understood);
        let at = m.received_at;
        let was_closed = t.status == TicketStatus::Closed;
        match m.direction {
            Direction::Inbound => {
                t.last_inbound_at = Some(t.last_inbound_at.map_or(at, |l| l.max(at)));
                if t.status != TicketStatus::Open {
                    t.status = TicketStatus::Open;
                    t.closed_at = None;
                }
                if t.response_due_at.is_none() {
                    t.response_due_at = Some(self.rules.deadlines.response_due(t.channel, at));
                    t.waiting_since = Some(at);
                }
            }
            Direction::Outbound => {
                t.last_outbound_at = Some(t.last_outbound_at.map_or(at, |l| l.max(at)));
                if t.first_responded_at.is_none_or(|f| at < f) && at >= t.created_at {
                    t.first_responded_at = Some(at);
                }
                // An answer written after the newest customer message settles the clock.
                if t.last_inbound_at.is_none_or(|l| at >= l) {
                    t.response_due_at = None;
                    t.waiting_since = None;
                    if t.status == TicketStatus::Open {
                        t.status = TicketStatus::Pending;
                    }
                }
            }
        }
        t.updated_at = t.updated_at.max(at);
        t.message_count += 1;
        let id = t.id;
        let customer = t.customer_id;
        self.tickets.insert(id, t);
        self.add_refs(id, refs);
        self.dirty_tickets.insert(id);
        if was_closed && m.direction == Direction::Inbound {
            self.event(
                "ticket_reopened",
                Some(id),
                Some(customer),
                None,
                at,
                json!({}),
            );
        }
        id
    }

    /// Flags a ticket that repeats an open (or recently answered) one of its customer, and
    /// marks a repeat contact after an answer. Runs when a customer opens a ticket and again
    /// when a link shows that two customers are one; the rules judge the earlier tickets as
    /// they stood when this one was written, so a later check may flag an answered ticket.
    fn check_duplicates(&mut self, id: TicketId) {
        let Some(new) = self.tickets.get(&id).cloned() else {
            return;
        };
        // A conversation we started (imported history) repeats nothing the customer asked.
        if new.last_inbound_at.is_none() || new.status == TicketStatus::Merged {
            return;
        }
        let customer = self.resolve(new.customer_id);
        let others: Vec<&TicketRow> = self
            .tickets_by_customer
            .get(&customer)
            .into_iter()
            .flatten()
            .filter(|t| **t != id)
            .filter_map(|t| self.tickets.get(t))
            .collect();
        let placed_at = |r: &str| -> Option<Timestamp> {
            self.orders_by_ref
                .get(r)?
                .iter()
                .filter_map(|k| self.orders.get(k))
                .map(|o| o.placed_at)
                .min()
        };
        let duplicate = if new.duplicate_of.is_none() {
            crate::duplicates::find_duplicate(&new, others.iter().copied(), &placed_at)
        } else {
            None
        };
        let repeat = if new.repeat_of.is_none() {
            crate::duplicates::find_repeat_contact(&new, others.iter().copied())
        } else {
            None
        };
        if duplicate.is_none() && repeat.is_none() {
            return;
        }
        let at = new.created_at;
        if let Some(d) = &duplicate {
            self.event(
                "duplicate_flagged",
                Some(id),
                Some(customer),
                None,
                at,
                json!({"of": d.of.to_string(), "confidence": d.confidence,
                       "reasons": d.reasons.iter().map(|r| json!({
                           "code": r.code,
                           "params": r.params.iter()
                               .map(|(k, v)| (k.to_string(), json!(v)))
                               .collect::<serde_json::Map<_, _>>(),
                           "text": r.text,
                       })).collect::<Vec<_>>()}),
            );
        }
        if let Some(r) = &repeat {
            self.event(
                "repeat_contact",
                Some(id),
                Some(customer),
                None,
                at,
                json!({"of": r.of.to_string(), "reason": r.reason}),
            );
        }
        if let Some(t) = self.tickets.get_mut(&id) {
            if let Some(d) = duplicate {
                t.duplicate_of = Some(d.of);
                t.duplicate_confidence = Some(d.confidence);
                t.duplicate_reasons = d.stored_reasons();
            }
            if let Some(r) = repeat {
                t.repeat_of = Some(r.of);
                t.repeat_reason = Some(r.reason);
                if !t.signals.iter().any(|s| s == "repeat_contact") {
                    t.signals.push("repeat_contact".to_string());
                }
            }
        }
        self.dirty_tickets.insert(id);
    }

    /// The rows to write. Customer ids are resolved through every merge of the batch.
    pub fn finish(mut self) -> Changes {
        // A link made in this batch can reveal that tickets of two "customers" repeat each other.
        for customer in std::mem::take(&mut self.merged_customers) {
            let customer = self.resolve(customer);
            let mut ids: Vec<TicketId> = self
                .tickets_by_customer
                .get(&customer)
                .cloned()
                .unwrap_or_default();
            ids.sort_by_key(|t| self.tickets.get(t).map(|r| (r.created_at, r.id)));
            for id in ids {
                if let Some(t) = self.tickets.get_mut(&id) {
                    t.customer_id = customer;
                }
                self.check_duplicates(id);
            }
        }
        for id in std::mem::take(&mut self.dirty_customers) {
            if let Some(c) = self.customers.get(&id) {
                self.changes.customers.push(c.clone());
            }
        }
        for id in std::mem::take(&mut self.dirty_identities) {
            if let Some(i) = self.identities.get(&id) {
                let mut row = i.clone();
                row.customer_id = self.resolve(row.customer_id);
                self.changes.identities.push(row);
            }
        }
        for key in std::mem::take(&mut self.dirty_orders) {
            if let Some(o) = self.orders.get(&key) {
                let mut row = o.clone();
                row.customer_id = self.resolve(row.customer_id);
                self.changes.orders.push(row);
            }
        }
        for id in std::mem::take(&mut self.dirty_tickets) {
            if let Some(t) = self.tickets.get(&id) {
                let mut row = t.clone();
                row.customer_id = self.resolve(row.customer_id);
                let orders: Vec<&OrderRow> = row
                    .order_refs
                    .iter()
                    .flat_map(|r| self.orders_by_ref.get(r).into_iter().flatten())
                    .filter_map(|k| self.orders.get(k))
                    .collect();
                let (risk, changes_at) = score_ticket(&row, &orders, &self.rules.risk, self.now);
                row.risk = risk;
                row.risk_changes_at = changes_at;
                self.changes.tickets.push(row);
            }
        }
        self.changes
    }

    /// The time the planner was created with (the batch's "now").
    pub fn now(&self) -> Timestamp {
        self.now
    }
}

/// Scores a ticket from its own facts and the orders it is about.
pub fn score_ticket(
    t: &TicketRow,
    orders: &[&OrderRow],
    weights: &RiskWeights,
    now: Timestamp,
) -> (Risk, Option<Timestamp>) {
    let input = RiskInput {
        channel: Some(t.channel),
        intents: &t.intents,
        signals: &t.signals,
        fulfillment: orders.iter().filter_map(|o| o.fulfillment).collect(),
        order_totals: orders.iter().filter_map(|o| o.total).collect(),
        due_at: (t.status == TicketStatus::Open)
            .then_some(t.response_due_at)
            .flatten(),
    };
    assess(&input, weights, now)
}

/// The marketplace of a message: as recorded, or read from a relay sender's domain.
fn message_marketplace(m: &MessageRecord) -> Option<Marketplace> {
    m.marketplace.clone().or_else(|| {
        m.from
            .email
            .as_deref()
            .and_then(relay_of_email)
            .and_then(|(_, _, mp)| mp)
            .and_then(|mp| Marketplace::parse(&mp).ok())
    })
}

/// Folds what a customer message says into its ticket: the first known language, and the union
/// of intents and signals (`other` only while nothing more specific is known).
fn absorb_understanding(t: &mut TicketRow, understood: Option<&Understanding>) {
    let Some(u) = understood else { return };
    if t.language.is_none() {
        t.language.clone_from(&u.language);
    }
    for label in u.intent_labels() {
        if !t.intents.contains(&label) {
            t.intents.push(label);
        }
    }
    if t.intents.len() > 1 {
        t.intents.retain(|l| l != "other");
    }
    for label in u.signal_labels() {
        if !t.signals.contains(&label) {
            t.signals.push(label);
        }
    }
}

fn first_line(text: &str, max_chars: usize) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("(no subject)");
    let mut s: String = line.chars().take(max_chars).collect();
    if line.chars().count() > max_chars {
        s.push('…');
    }
    s
}

/// Splits a customer after a link was undone: the connected groups of `identities` over the
/// remaining `links`. The group holding `anchor` comes first; it keeps the customer id.
pub fn identity_components(
    identities: &[IdentityId],
    links: &[(IdentityId, IdentityId)],
    anchor: IdentityId,
) -> Vec<Vec<IdentityId>> {
    let mut adjacency: HashMap<IdentityId, Vec<IdentityId>> = HashMap::new();
    for &(a, b) in links {
        adjacency.entry(a).or_default().push(b);
        adjacency.entry(b).or_default().push(a);
    }
    let mut seen: HashSet<IdentityId> = HashSet::new();
    let mut groups = Vec::new();
    let mut order: Vec<IdentityId> = vec![anchor];
    order.extend(identities.iter().copied().filter(|&i| i != anchor));
    for start in order {
        if !identities.contains(&start) || !seen.insert(start) {
            continue;
        }
        let mut group = vec![start];
        let mut stack = vec![start];
        while let Some(n) = stack.pop() {
            for &next in adjacency.get(&n).into_iter().flatten() {
                if identities.contains(&next) && seen.insert(next) {
                    group.push(next);
                    stack.push(next);
                }
            }
        }
        group.sort();
        groups.push(group);
    }
    groups
}

#[cfg(test)]
mod tests;
