//! Cairn's domain core: the rules of the business as pure code over plain types.
//!
//! This crate owns what a ticket, a customer, an order and a message are, how interchange records
//! are validated, how identities are normalised and linked, how messages find their ticket, and
//! when an answer is due. It never touches a database, the network or the clock: every function
//! that needs "now" takes it as an argument, and every new row id comes from an [`ids::IdSource`]
//! handed in by the caller. Storage, mail, marketplace connectors and the web layer are shells
//! around it.

pub mod channel;
pub mod clock;
pub mod duplicates;
pub mod events;
pub mod identity;
pub mod ids;
pub mod ingest;
pub mod merge;
pub mod model;
pub mod money;
pub mod order_ref;
pub mod records;
pub mod risk;
pub mod sla;
pub mod triage;
pub mod understanding;
pub mod views;

pub use channel::{Channel, Marketplace};
pub use ids::*;
pub use money::{Decimal, Money};
