//! The JSON shapes that users, scripts and the web UI rely on (see INTERFACES.md). Built from the
//! model rows; field names are part of the public interface.

use jiff::Timestamp;
use serde::Serialize;

use crate::model::{Address, MessageRow, OrderItem, OrderRow, Shipment, TicketRow};
use crate::money::Money;
use crate::risk::Risk;
use crate::sla::{SlaPolicy, SlaState, sla_state};
use crate::{CustomerId, MessageId, TicketId};

#[derive(Clone, Debug, Serialize)]
pub struct TicketView {
    pub id: TicketId,
    pub customer_id: CustomerId,
    pub customer_name: Option<String>,
    pub channel: &'static str,
    pub marketplace: Option<String>,
    pub status: &'static str,
    pub subject: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub order_ids: Vec<String>,
    pub message_external_ids: Vec<String>,
    pub message_count: i64,
    pub language: Option<String>,
    pub intents: Vec<String>,
    pub signals: Vec<String>,
    pub risk: Option<Risk>,
    pub sla: SlaState,
    /// When the oldest unanswered customer message is due.
    pub response_due_at: Option<Timestamp>,
    pub duplicate_of: Option<TicketId>,
    pub duplicate_confidence: Option<u8>,
    pub duplicate_reasons: Vec<String>,
    pub repeat_of: Option<TicketId>,
    pub repeat_reason: Option<String>,
    pub merged_into: Option<TicketId>,
}

impl TicketView {
    pub fn new(
        t: &TicketRow,
        customer_name: Option<String>,
        message_external_ids: Vec<String>,
        policy: &SlaPolicy,
        now: Timestamp,
    ) -> Self {
        TicketView {
            id: t.id,
            customer_id: t.customer_id,
            customer_name,
            channel: t.channel.as_str(),
            marketplace: t.marketplace.as_ref().map(|m| m.to_string()),
            status: t.status.as_str(),
            subject: t.subject.clone(),
            created_at: t.created_at,
            updated_at: t.updated_at,
            order_ids: t.order_refs.clone(),
            message_external_ids,
            message_count: t.message_count,
            language: t.language.clone(),
            intents: t.intents.clone(),
            signals: t.signals.clone(),
            risk: Some(t.risk.clone()),
            sla: sla_state(t, policy, now),
            response_due_at: t.response_due_at,
            duplicate_of: t.duplicate_of,
            duplicate_confidence: t.duplicate_confidence,
            duplicate_reasons: t.duplicate_reasons.clone(),
            repeat_of: t.repeat_of,
            repeat_reason: t.repeat_reason.clone(),
            merged_into: t.merged_into,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct IdentityView {
    pub kind: &'static str,
    pub value: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CustomerView {
    pub id: CustomerId,
    pub name: Option<String>,
    /// Handles of INTERFACES.md's kinds (email, relay aliases, buyer ids, phone numbers).
    pub identities: Vec<IdentityView>,
    /// Normalised name + address keys that tied orders together.
    pub addresses: Vec<String>,
    pub order_ids: Vec<String>,
    pub ticket_ids: Vec<TicketId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ShipmentView {
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub status: String,
    pub shipped_at: Option<Timestamp>,
    pub delivered_at: Option<Timestamp>,
}

impl From<&Shipment> for ShipmentView {
    fn from(s: &Shipment) -> Self {
        ShipmentView {
            carrier: s.carrier.clone(),
            tracking_number: s.tracking_number.clone(),
            status: s.state().to_string(),
            shipped_at: s.shipped_at,
            delivered_at: s.delivered_at,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct OrderView {
    pub order_id: String,
    pub channel: &'static str,
    pub marketplace: Option<String>,
    pub placed_at: Timestamp,
    pub fulfillment: Option<&'static str>,
    pub buyer_name: Option<String>,
    pub shipping_address: Option<Address>,
    pub items: Vec<OrderItem>,
    pub total: Option<Money>,
    pub shipments: Vec<ShipmentView>,
    /// The state of the order's delivery at a glance: `not_shipped`, `shipped`, `delivered`, …
    pub shipment_status: String,
}

impl From<&OrderRow> for OrderView {
    fn from(o: &OrderRow) -> Self {
        let shipments: Vec<ShipmentView> = o.shipments.iter().map(ShipmentView::from).collect();
        let shipment_status = match shipments.as_slice() {
            [] => "not_shipped".to_string(),
            [one] => one.status.clone(),
            many if many.iter().all(|s| s.status == "delivered") => "delivered".to_string(),
            _ => "partially_shipped".to_string(),
        };
        OrderView {
            order_id: o.order_ref.clone(),
            channel: o.channel.as_str(),
            marketplace: o.marketplace.as_ref().map(|m| m.to_string()),
            placed_at: o.placed_at,
            fulfillment: o.fulfillment.map(|f| f.as_str()),
            buyer_name: o.buyer_name.clone(),
            shipping_address: o.shipping_address.clone(),
            items: o.items.clone(),
            total: o.total,
            shipments,
            shipment_status,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct MessageView {
    pub id: MessageId,
    pub ticket_id: TicketId,
    pub external_id: String,
    pub channel: &'static str,
    pub direction: &'static str,
    pub received_at: Timestamp,
    pub from_email: Option<String>,
    pub from_name: Option<String>,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub text: String,
    pub has_html: bool,
    pub order_ids: Vec<String>,
}

impl From<&MessageRow> for MessageView {
    fn from(m: &MessageRow) -> Self {
        MessageView {
            id: m.id,
            ticket_id: m.ticket_id,
            external_id: m.external_id.clone(),
            channel: m.channel.as_str(),
            direction: m.direction.as_str(),
            received_at: m.received_at,
            from_email: m.from_email.clone(),
            from_name: m.from_name.clone(),
            to: m.to.clone(),
            subject: m.subject.clone(),
            text: m.text.clone(),
            has_html: m.html.is_some(),
            order_ids: m.order_refs.clone(),
        }
    }
}

/// One entry of a customer's unified timeline.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TimelineEntry {
    Order {
        at: Timestamp,
        #[serde(flatten)]
        order: OrderView,
    },
    Ticket {
        at: Timestamp,
        #[serde(flatten)]
        ticket: Box<TicketView>,
    },
    Message {
        at: Timestamp,
        #[serde(flatten)]
        message: MessageView,
    },
}

impl TimelineEntry {
    pub fn at(&self) -> Timestamp {
        match self {
            TimelineEntry::Order { at, .. }
            | TimelineEntry::Ticket { at, .. }
            | TimelineEntry::Message { at, .. } => *at,
        }
    }

    fn rank(&self) -> u8 {
        // At the same instant an order comes before the ticket about it, a ticket before its
        // first message.
        match self {
            TimelineEntry::Order { .. } => 0,
            TimelineEntry::Ticket { .. } => 1,
            TimelineEntry::Message { .. } => 2,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct History {
    pub customer: CustomerView,
    pub timeline: Vec<TimelineEntry>,
}

impl History {
    pub fn new(customer: CustomerView, mut timeline: Vec<TimelineEntry>) -> Self {
        timeline.sort_by_key(|e| (e.at(), e.rank()));
        History { customer, timeline }
    }
}

/// A message waiting in (or gone through) the outbox.
#[derive(Clone, Debug, Serialize)]
pub struct OutboxView {
    pub id: String,
    pub ticket_id: TicketId,
    pub channel: &'static str,
    /// `reply` or `courtesy_note`.
    pub kind: String,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub text: String,
    pub language: Option<String>,
    pub in_reply_to: Option<String>,
    pub message_id: String,
    /// `queued`, `sending`, `sent`, `failed`, `unknown` or `cancelled`.
    pub status: String,
    pub created_at: Timestamp,
}
