//! Conversions between domain rows and table rows.

use cairn_domain::identity::IdentityKind;
use cairn_domain::model::{
    CustomerRow, Direction, Fulfillment, IdentityRow, MessageRow, OrderRow, TicketRow, TicketStatus,
};
use cairn_domain::money::Money;
use cairn_domain::risk::Risk;
use cairn_domain::{
    Channel, CustomerId, IdentityId, Marketplace, MessageId, OrderId, TenantId, TicketId,
};
use sqlx::any::AnyRow;

use crate::sql::*;
use crate::{Result, StoreError};

pub fn channel(row: &AnyRow, col: &str) -> Result<Channel> {
    let s = get_str(row, col)?;
    Channel::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("unknown channel {s:?}")))
}

pub fn marketplace(row: &AnyRow, col: &str) -> Result<Option<Marketplace>> {
    Ok(get_opt_str(row, col)?.and_then(|m| Marketplace::parse(&m).ok()))
}

pub const CUSTOMER_COLS: &[&str] = &[
    "id",
    "tenant_id",
    "display_name",
    "created_at",
    "merged_into",
];

pub fn customer_vals(t: TenantId, c: &CustomerRow) -> Vec<Val> {
    vec![
        c.id.0.into(),
        t.0.into(),
        c.display_name.clone().into(),
        c.created_at.into(),
        c.merged_into.map(|m| m.0).into(),
    ]
}

pub fn customer_from(row: &AnyRow) -> Result<CustomerRow> {
    Ok(CustomerRow {
        id: CustomerId(get_i64(row, "id")?),
        display_name: get_opt_str(row, "display_name")?,
        created_at: get_ts(row, "created_at")?,
        merged_into: get_opt_i64(row, "merged_into")?.map(CustomerId),
    })
}

pub const IDENTITY_COLS: &[&str] = &[
    "id",
    "tenant_id",
    "customer_id",
    "kind",
    "value",
    "label",
    "created_at",
];

pub fn identity_vals(t: TenantId, i: &IdentityRow) -> Vec<Val> {
    vec![
        i.id.0.into(),
        t.0.into(),
        i.customer_id.0.into(),
        i.kind.as_str().into(),
        i.value.clone().into(),
        i.label.clone().into(),
        i.created_at.into(),
    ]
}

pub fn identity_from(row: &AnyRow) -> Result<IdentityRow> {
    let kind = get_str(row, "kind")?;
    Ok(IdentityRow {
        id: IdentityId(get_i64(row, "id")?),
        customer_id: CustomerId(get_i64(row, "customer_id")?),
        kind: IdentityKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown identity kind {kind:?}")))?,
        value: get_str(row, "value")?,
        label: get_opt_str(row, "label")?,
        created_at: get_ts(row, "created_at")?,
    })
}

pub const ORDER_COLS: &[&str] = &[
    "id",
    "tenant_id",
    "channel",
    "marketplace",
    "order_ref",
    "customer_id",
    "buyer_identity_id",
    "placed_at",
    "fulfillment",
    "buyer_name",
    "buyer_email",
    "buyer_phone",
    "buyer_id",
    "shipping_address",
    "items",
    "total_amount",
    "total_currency",
    "shipments",
    "content_hash",
    "updated_at",
];

pub fn order_vals(t: TenantId, o: &OrderRow) -> Vec<Val> {
    vec![
        o.id.0.into(),
        t.0.into(),
        o.channel.as_str().into(),
        o.marketplace.as_ref().map(|m| m.to_string()).into(),
        o.order_ref.clone().into(),
        o.customer_id.0.into(),
        o.buyer_identity_id.0.into(),
        o.placed_at.into(),
        o.fulfillment.map(|f| f.as_str()).into(),
        o.buyer_name.clone().into(),
        o.buyer_email.clone().into(),
        o.buyer_phone.clone().into(),
        o.buyer_id.clone().into(),
        o.shipping_address.as_ref().map(to_json).into(),
        to_json(&o.items).into(),
        o.total.map(|m| m.amount.to_string()).into(),
        o.total.map(|m| m.currency.to_string()).into(),
        to_json(&o.shipments).into(),
        o.content_hash.clone().into(),
        o.updated_at.into(),
    ]
}

pub fn order_from(row: &AnyRow) -> Result<OrderRow> {
    let total = match (
        get_opt_str(row, "total_amount")?,
        get_opt_str(row, "total_currency")?,
    ) {
        (Some(a), Some(c)) => Some(Money::parse(&a, &c).map_err(StoreError::Corrupt)?),
        _ => None,
    };
    Ok(OrderRow {
        id: OrderId(get_i64(row, "id")?),
        channel: channel(row, "channel")?,
        marketplace: marketplace(row, "marketplace")?,
        order_ref: get_str(row, "order_ref")?,
        customer_id: CustomerId(get_i64(row, "customer_id")?),
        buyer_identity_id: IdentityId(get_i64(row, "buyer_identity_id")?),
        placed_at: get_ts(row, "placed_at")?,
        fulfillment: get_opt_str(row, "fulfillment")?.and_then(|f| Fulfillment::parse(&f)),
        buyer_name: get_opt_str(row, "buyer_name")?,
        buyer_email: get_opt_str(row, "buyer_email")?,
        buyer_phone: get_opt_str(row, "buyer_phone")?,
        buyer_id: get_opt_str(row, "buyer_id")?,
        shipping_address: get_opt_json(row, "shipping_address")?,
        items: get_json(row, "items")?,
        total,
        shipments: get_json(row, "shipments")?,
        content_hash: get_str(row, "content_hash")?,
        updated_at: get_ts(row, "updated_at")?,
    })
}

pub const TICKET_COLS: &[&str] = &[
    "id",
    "tenant_id",
    "customer_id",
    "identity_id",
    "channel",
    "marketplace",
    "status",
    "subject",
    "language",
    "created_at",
    "updated_at",
    "last_inbound_at",
    "last_outbound_at",
    "closed_at",
    "first_response_due_at",
    "first_responded_at",
    "response_due_at",
    "duplicate_of",
    "merged_into",
    "message_count",
    "intents",
    "signals",
    "risk_score",
    "risk_reasons",
    "risk_changes_at",
    "queue_due",
    "duplicate_confidence",
    "duplicate_reasons",
    "repeat_of",
    "repeat_reason",
    "waiting_since",
];

pub fn ticket_vals(t: TenantId, k: &TicketRow) -> Vec<Val> {
    vec![
        k.id.0.into(),
        t.0.into(),
        k.customer_id.0.into(),
        k.identity_id.0.into(),
        k.channel.as_str().into(),
        k.marketplace.as_ref().map(|m| m.to_string()).into(),
        k.status.as_str().into(),
        k.subject.clone().into(),
        k.language.clone().into(),
        k.created_at.into(),
        k.updated_at.into(),
        k.last_inbound_at.into(),
        k.last_outbound_at.into(),
        k.closed_at.into(),
        k.first_response_due_at.into(),
        k.first_responded_at.into(),
        k.response_due_at.into(),
        k.duplicate_of.map(|d| d.0).into(),
        k.merged_into.map(|d| d.0).into(),
        k.message_count.into(),
        to_json(&k.intents).into(),
        to_json(&k.signals).into(),
        i64::from(k.risk.score).into(),
        to_json(&k.risk.reasons).into(),
        k.risk_changes_at.into(),
        // The deadline for queue order; no running clock sorts last on every backend.
        k.response_due_at
            .map_or(i64::MAX, |t| t.as_millisecond())
            .into(),
        k.duplicate_confidence.map(i64::from).into(),
        to_json(&k.duplicate_reasons).into(),
        k.repeat_of.map(|r| r.0).into(),
        k.repeat_reason.clone().into(),
        k.waiting_since.into(),
    ]
}

/// A ticket without its order numbers (they live in `ticket_orders`).
pub fn ticket_from(row: &AnyRow) -> Result<TicketRow> {
    let status = get_str(row, "status")?;
    Ok(TicketRow {
        id: TicketId(get_i64(row, "id")?),
        customer_id: CustomerId(get_i64(row, "customer_id")?),
        identity_id: IdentityId(get_i64(row, "identity_id")?),
        channel: channel(row, "channel")?,
        marketplace: marketplace(row, "marketplace")?,
        status: TicketStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown ticket status {status:?}")))?,
        subject: get_str(row, "subject")?,
        language: get_opt_str(row, "language")?,
        created_at: get_ts(row, "created_at")?,
        updated_at: get_ts(row, "updated_at")?,
        last_inbound_at: get_opt_ts(row, "last_inbound_at")?,
        last_outbound_at: get_opt_ts(row, "last_outbound_at")?,
        closed_at: get_opt_ts(row, "closed_at")?,
        first_response_due_at: get_opt_ts(row, "first_response_due_at")?,
        first_responded_at: get_opt_ts(row, "first_responded_at")?,
        response_due_at: get_opt_ts(row, "response_due_at")?,
        waiting_since: get_opt_ts(row, "waiting_since")?,
        duplicate_of: get_opt_i64(row, "duplicate_of")?.map(TicketId),
        duplicate_confidence: get_opt_i64(row, "duplicate_confidence")?
            .map(|c| c.clamp(0, 100) as u8),
        duplicate_reasons: get_json(row, "duplicate_reasons")?,
        repeat_of: get_opt_i64(row, "repeat_of")?.map(TicketId),
        repeat_reason: get_opt_str(row, "repeat_reason")?,
        merged_into: get_opt_i64(row, "merged_into")?.map(TicketId),
        order_refs: Vec::new(),
        message_count: get_i64(row, "message_count")?,
        intents: get_json(row, "intents")?,
        signals: get_json(row, "signals")?,
        risk: {
            let score = get_i64(row, "risk_score")?.clamp(0, 100) as u8;
            Risk {
                score,
                level: Risk::level_of(score),
                reasons: get_json(row, "risk_reasons")?,
            }
        },
        risk_changes_at: get_opt_ts(row, "risk_changes_at")?,
    })
}

pub const MESSAGE_COLS: &[&str] = &[
    "id",
    "tenant_id",
    "ticket_id",
    "channel",
    "marketplace",
    "external_id",
    "direction",
    "identity_id",
    "from_email",
    "from_name",
    "to_addr",
    "subject",
    "body_text",
    "body_html",
    "received_at",
    "thread_id",
    "in_reply_to",
    "order_refs",
];

pub fn message_vals(t: TenantId, m: &MessageRow) -> Vec<Val> {
    vec![
        m.id.0.into(),
        t.0.into(),
        m.ticket_id.0.into(),
        m.channel.as_str().into(),
        m.marketplace.as_ref().map(|x| x.to_string()).into(),
        m.external_id.clone().into(),
        m.direction.as_str().into(),
        m.identity_id.map(|i| i.0).into(),
        m.from_email.clone().into(),
        m.from_name.clone().into(),
        m.to.clone().into(),
        m.subject.clone().into(),
        m.text.clone().into(),
        m.html.clone().into(),
        m.received_at.into(),
        m.thread_id.clone().into(),
        m.in_reply_to.clone().into(),
        to_json(&m.order_refs).into(),
    ]
}

pub fn message_from(row: &AnyRow) -> Result<MessageRow> {
    let direction = get_str(row, "direction")?;
    Ok(MessageRow {
        id: MessageId(get_i64(row, "id")?),
        ticket_id: TicketId(get_i64(row, "ticket_id")?),
        channel: channel(row, "channel")?,
        marketplace: marketplace(row, "marketplace")?,
        external_id: get_str(row, "external_id")?,
        direction: Direction::parse(&direction)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown direction {direction:?}")))?,
        identity_id: get_opt_i64(row, "identity_id")?.map(IdentityId),
        from_email: get_opt_str(row, "from_email")?,
        from_name: get_opt_str(row, "from_name")?,
        to: get_opt_str(row, "to_addr")?,
        subject: get_opt_str(row, "subject")?,
        text: get_str(row, "body_text")?,
        html: get_opt_str(row, "body_html")?,
        received_at: get_ts(row, "received_at")?,
        thread_id: get_opt_str(row, "thread_id")?,
        in_reply_to: get_opt_str(row, "in_reply_to")?,
        order_refs: get_json(row, "order_refs")?,
    })
}
