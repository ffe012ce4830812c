//! The append-only event log: everything that happens to a ticket, a customer or an order.
//!
//! Each event carries the hash of its predecessor in the tenant's chain, so that removing or
//! editing a stored event breaks every hash after it (tamper evidence).

use jiff::Timestamp;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::{CustomerId, EventId, OrderId, TicketId};

#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub id: EventId,
    pub ticket_id: Option<TicketId>,
    pub customer_id: Option<CustomerId>,
    pub order_id: Option<OrderId>,
    pub kind: String,
    pub data: Value,
    pub at: Timestamp,
    /// `sha256(previous hash ‖ this event)`, hex.
    pub hash: String,
}

/// The hash before the first event of a tenant.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub fn chain_hash(
    prev: &str,
    id: EventId,
    kind: &str,
    ticket_id: Option<TicketId>,
    at: Timestamp,
    data: &Value,
) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(id.0.to_be_bytes());
    h.update(kind.as_bytes());
    h.update(ticket_id.map_or(-1, |t| t.0).to_be_bytes());
    h.update(at.as_millisecond().to_be_bytes());
    h.update(data.to_string().as_bytes());
    hex(&h.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Checks a chain of events in order; returns the index of the first event whose hash does not
/// follow from its predecessor.
pub fn verify_chain<'a>(
    start: &str,
    events: impl IntoIterator<Item = &'a EventRow>,
) -> Result<String, usize> {
    let mut prev = start.to_string();
    for (i, e) in events.into_iter().enumerate() {
        let expect = chain_hash(&prev, e.id, &e.kind, e.ticket_id, e.at, &e.data);
        if expect != e.hash {
            return Err(i);
        }
        prev = expect;
    }
    Ok(prev)
}
