//! Typed row ids. Every id is an `i64` inside, but a `TicketId` can never be passed where a
//! `CustomerId` is expected, and every stored row is reached through its `TenantId`.

use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse::<i64>().map($name)
            }
        }

        impl serde::Serialize for $name {
            // Ids travel as strings in JSON: JavaScript clients lose precision above 2^53.
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.0)
            }
        }
    )*};
}

id_type!(
    /// A seller (or an agency's client): the owner of every other row.
    TenantId,
    CustomerId,
    IdentityId,
    LinkId,
    OrderId,
    TicketId,
    MessageId,
    EventId,
);

/// Hands out fresh row ids. The storage layer reserves blocks of ids from the database so that
/// several Cairn nodes never hand out the same id; tests use a plain counter.
pub trait IdSource {
    fn next_id(&mut self) -> i64;
}

/// A counter over a reserved range `[next, end)`; used by tests and by storage for its blocks.
#[derive(Debug, Clone)]
pub struct IdBlock {
    pub next: i64,
    pub end: i64,
}

impl IdBlock {
    pub fn new(start: i64, len: i64) -> Self {
        Self {
            next: start,
            end: start + len,
        }
    }

    pub fn remaining(&self) -> i64 {
        self.end - self.next
    }
}

impl IdSource for IdBlock {
    fn next_id(&mut self) -> i64 {
        // Running past the block is a bug in the caller's sizing, not bad input.
        assert!(self.next < self.end, "id block exhausted");
        let id = self.next;
        self.next += 1;
        id
    }
}
