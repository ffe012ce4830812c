//! The plain types every layer shares: customers, identities and their links, orders, tickets,
//! messages. Storage persists exactly these; the web layer renders them.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::identity::IdentityKind;
use crate::money::Money;
use crate::risk::Risk;
use crate::{Channel, CustomerId, IdentityId, LinkId, Marketplace, MessageId, OrderId, TicketId};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub line1: Option<String>,
    #[serde(default)]
    pub line2: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Fulfillment {
    /// Fulfilled by Amazon: Amazon ships and answers for delivery.
    #[serde(rename = "FBA")]
    Fba,
    /// Fulfilled by the merchant on Amazon: the seller ships and carries the blame.
    #[serde(rename = "FBM")]
    Fbm,
    /// The seller's own shop or another marketplace, shipped by the seller.
    #[serde(rename = "merchant")]
    Merchant,
}

impl Fulfillment {
    pub fn as_str(self) -> &'static str {
        match self {
            Fulfillment::Fba => "FBA",
            Fulfillment::Fbm => "FBM",
            Fulfillment::Merchant => "merchant",
        }
    }

    pub fn parse(s: &str) -> Option<Fulfillment> {
        match s {
            "FBA" | "fba" | "AFN" => Some(Fulfillment::Fba),
            "FBM" | "fbm" | "MFN" => Some(Fulfillment::Fbm),
            "merchant" | "MERCHANT" => Some(Fulfillment::Merchant),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderItem {
    pub sku: Option<String>,
    pub title: String,
    pub quantity: u32,
    pub price: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub shipped_at: Option<Timestamp>,
    pub delivered_at: Option<Timestamp>,
    /// Last known carrier status (`in_transit`, `delivered`, …) when a carrier said so.
    pub status: Option<String>,
}

impl Shipment {
    /// What the agent should read at a glance.
    pub fn state(&self) -> &str {
        if let Some(s) = &self.status {
            return s;
        }
        if self.delivered_at.is_some() {
            "delivered"
        } else if self.shipped_at.is_some() {
            "shipped"
        } else {
            "label_created"
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    Outbound,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "inbound" => Some(Direction::Inbound),
            "outbound" => Some(Direction::Outbound),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TicketStatus {
    /// Waiting on us.
    Open,
    /// Answered; waiting on the customer.
    Pending,
    Closed,
    /// Folded into another ticket (`merged_into`).
    Merged,
}

impl TicketStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Open => "open",
            TicketStatus::Pending => "pending",
            TicketStatus::Closed => "closed",
            TicketStatus::Merged => "merged",
        }
    }

    pub fn parse(s: &str) -> Option<TicketStatus> {
        match s {
            "open" => Some(TicketStatus::Open),
            "pending" => Some(TicketStatus::Pending),
            "closed" => Some(TicketStatus::Closed),
            "merged" => Some(TicketStatus::Merged),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerRow {
    pub id: CustomerId,
    pub display_name: Option<String>,
    pub created_at: Timestamp,
    /// Set when this customer turned out to be the same person as another one.
    pub merged_into: Option<CustomerId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentityRow {
    pub id: IdentityId,
    pub customer_id: CustomerId,
    pub kind: IdentityKind,
    pub value: String,
    /// How the handle was first written (e.g. the display name beside an email).
    pub label: Option<String>,
    pub created_at: Timestamp,
}

/// Why two identities are believed to be the same person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Both handles appear on one order (buyer email, buyer id, phone, shipping address).
    SameOrder,
    /// A message from one handle names an order bought by the other.
    MentionsOrder,
    /// An agent linked them by hand.
    Manual,
}

impl Evidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::SameOrder => "same_order",
            Evidence::MentionsOrder => "mentions_order",
            Evidence::Manual => "manual",
        }
    }

    pub fn parse(s: &str) -> Option<Evidence> {
        match s {
            "same_order" => Some(Evidence::SameOrder),
            "mentions_order" => Some(Evidence::MentionsOrder),
            "manual" => Some(Evidence::Manual),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRow {
    pub id: LinkId,
    pub a: IdentityId,
    pub b: IdentityId,
    pub evidence: Evidence,
    /// Human-readable detail: "order 302-4417789-6651234", "message <…> mentions order …".
    pub detail: String,
    pub created_at: Timestamp,
    pub removed_at: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderRow {
    pub id: OrderId,
    pub channel: Channel,
    pub marketplace: Option<Marketplace>,
    pub order_ref: String,
    pub customer_id: CustomerId,
    /// The handle the order was bought with; decides the customer when links are undone.
    pub buyer_identity_id: IdentityId,
    pub placed_at: Timestamp,
    pub fulfillment: Option<Fulfillment>,
    pub buyer_name: Option<String>,
    pub buyer_email: Option<String>,
    pub buyer_phone: Option<String>,
    pub buyer_id: Option<String>,
    pub shipping_address: Option<Address>,
    pub items: Vec<OrderItem>,
    pub total: Option<Money>,
    pub shipments: Vec<Shipment>,
    /// Hash of the record's content: an identical re-import changes nothing.
    pub content_hash: String,
    pub updated_at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketRow {
    pub id: TicketId,
    pub customer_id: CustomerId,
    /// The customer handle the conversation runs through (the relay alias for Amazon).
    pub identity_id: IdentityId,
    pub channel: Channel,
    pub marketplace: Option<Marketplace>,
    pub status: TicketStatus,
    pub subject: String,
    pub language: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub last_inbound_at: Option<Timestamp>,
    pub last_outbound_at: Option<Timestamp>,
    pub closed_at: Option<Timestamp>,
    pub first_response_due_at: Option<Timestamp>,
    pub first_responded_at: Option<Timestamp>,
    /// The oldest customer message still waiting for an answer is due then.
    pub response_due_at: Option<Timestamp>,
    /// Since when that message has been waiting (the start of both clocks).
    pub waiting_since: Option<Timestamp>,
    pub duplicate_of: Option<TicketId>,
    /// How sure the duplicate flag is (0–100) and why.
    pub duplicate_confidence: Option<u8>,
    pub duplicate_reasons: Vec<String>,
    /// The answered ticket this one comes back to within 7 days, and about what.
    pub repeat_of: Option<TicketId>,
    pub repeat_reason: Option<String>,
    pub merged_into: Option<TicketId>,
    pub order_refs: Vec<String>,
    pub message_count: i64,
    /// What the customer asked for across the conversation (intent labels).
    pub intents: Vec<String>,
    /// Risk signals seen in the customer's messages.
    pub signals: Vec<String>,
    pub risk: Risk,
    /// When the risk score next changes by the passing of time alone.
    pub risk_changes_at: Option<Timestamp>,
}

impl TicketRow {
    /// A new open ticket started by one customer message at `at`, nothing else known yet.
    pub fn opened(
        id: TicketId,
        customer_id: CustomerId,
        identity_id: IdentityId,
        channel: Channel,
        at: Timestamp,
    ) -> TicketRow {
        TicketRow {
            id,
            customer_id,
            identity_id,
            channel,
            marketplace: None,
            status: TicketStatus::Open,
            subject: String::new(),
            language: None,
            created_at: at,
            updated_at: at,
            last_inbound_at: Some(at),
            last_outbound_at: None,
            closed_at: None,
            first_response_due_at: None,
            first_responded_at: None,
            response_due_at: None,
            waiting_since: None,
            duplicate_of: None,
            duplicate_confidence: None,
            duplicate_reasons: Vec::new(),
            repeat_of: None,
            repeat_reason: None,
            merged_into: None,
            order_refs: Vec::new(),
            message_count: 1,
            intents: Vec::new(),
            signals: Vec::new(),
            risk: Risk::default(),
            risk_changes_at: None,
        }
    }

    /// When the conversation went quiet on our side: closed, or answered and left unanswered by
    /// the customer. A new message within the reopen window brings it back.
    pub fn settled_at(&self) -> Option<Timestamp> {
        match self.status {
            TicketStatus::Closed => self.closed_at.or(Some(self.updated_at)),
            TicketStatus::Pending => self.last_outbound_at,
            TicketStatus::Open | TicketStatus::Merged => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageRow {
    pub id: MessageId,
    pub ticket_id: TicketId,
    pub channel: Channel,
    pub marketplace: Option<Marketplace>,
    pub external_id: String,
    pub direction: Direction,
    /// The customer's handle: the sender of an inbound message, the recipient of an outbound one.
    pub identity_id: Option<IdentityId>,
    pub from_email: Option<String>,
    pub from_name: Option<String>,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub text: String,
    pub html: Option<String>,
    pub received_at: Timestamp,
    pub thread_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub order_refs: Vec<String>,
}
