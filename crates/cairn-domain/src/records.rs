//! Interchange records (JSON Lines, version 1): the one door through which messages and orders
//! enter Cairn, whether they come from `cairn import`, a mailbox or a marketplace connector.
//!
//! Parsing is strict about what matters (channel, ids, times, money) and says exactly what is
//! wrong, so that a person can fix the line; unknown fields are ignored.

use jiff::Timestamp;
use serde_json::Value;

use crate::model::{Address, Direction, Fulfillment, OrderItem, Shipment};
use crate::money::Money;
use crate::{Channel, Marketplace};

/// Longest message text (or HTML) we accept. Larger bodies are attachments or accidents.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Longest line `cairn import` will read; longer lines are rejected without being held in memory.
pub const MAX_LINE_BYTES: usize = 8 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Message(MessageRecord),
    Order(OrderRecord),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Party {
    pub email: Option<String>,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MessageRecord {
    pub channel: Channel,
    pub marketplace: Option<Marketplace>,
    pub external_id: String,
    pub thread_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub received_at: Timestamp,
    pub direction: Direction,
    pub from: Party,
    pub to: Option<String>,
    pub subject: Option<String>,
    pub text: String,
    pub html: Option<String>,
    pub order_id: Option<String>,
    /// What the message says, when worked out ahead of ingest (see [`understand_ahead`]);
    /// otherwise the planner works it out.
    pub understanding: Option<Box<crate::understanding::Understanding>>,
}

/// Works out what an inbound message says before it reaches the planner, so that a reader
/// thread can do this work while the database writes the previous batch.
pub fn understand_ahead(record: &mut Record) {
    if let Record::Message(m) = record
        && m.direction == Direction::Inbound
        && m.understanding.is_none()
    {
        m.understanding = Some(Box::new(crate::understanding::understand(
            m.subject.as_deref(),
            &m.text,
            Some(m.channel),
        )));
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Buyer {
    pub email: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub buyer_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OrderRecord {
    pub channel: Channel,
    pub marketplace: Option<Marketplace>,
    pub order_id: String,
    pub placed_at: Timestamp,
    pub fulfillment: Option<Fulfillment>,
    pub buyer: Buyer,
    pub shipping_address: Option<Address>,
    pub items: Vec<OrderItem>,
    pub total: Option<Money>,
    pub shipments: Vec<Shipment>,
}

/// What is wrong with a record, in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RecordError(pub String);

fn err<T>(msg: impl Into<String>) -> Result<T, RecordError> {
    Err(RecordError(msg.into()))
}

/// Parses one line of the interchange format.
pub fn parse_record(line: &str) -> Result<Record, RecordError> {
    let value: Value = serde_json::from_str(line)
        .map_err(|e| RecordError(format!("invalid JSON at column {}: {e}", e.column())))?;
    let Value::Object(obj) = value else {
        return err("a record must be a JSON object");
    };
    let fields = Fields(&obj);
    match fields.req_str("type")? {
        "message" => parse_message(&fields).map(Record::Message),
        "order" => parse_order(&fields).map(Record::Order),
        other => err(format!(
            "unknown record type {other:?} (expected \"message\" or \"order\")"
        )),
    }
}

struct Fields<'a>(&'a serde_json::Map<String, Value>);

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    fn req_str(&self, name: &str) -> Result<&'a str, RecordError> {
        match self.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
            Some(Value::String(_)) => err(format!("field `{name}` is empty")),
            Some(other) => err(format!(
                "field `{name}` must be a string, not {}",
                kind_of(other)
            )),
            None => err(format!("missing field `{name}`")),
        }
    }

    fn opt_str(&self, name: &str) -> Result<Option<&'a str>, RecordError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => err(format!(
                "field `{name}` must be a string or null, not {}",
                kind_of(other)
            )),
        }
    }

    fn obj(&self, name: &str) -> Result<Option<Fields<'a>>, RecordError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some(Fields(o))),
            Some(other) => err(format!(
                "field `{name}` must be an object, not {}",
                kind_of(other)
            )),
        }
    }

    fn array(&self, name: &str) -> Result<&'a [Value], RecordError> {
        match self.get(name) {
            None => Ok(&[]),
            Some(Value::Array(a)) => Ok(a),
            Some(other) => err(format!(
                "field `{name}` must be an array, not {}",
                kind_of(other)
            )),
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn channel(f: &Fields) -> Result<Channel, RecordError> {
    let raw = f.req_str("channel")?;
    Channel::parse(raw).ok_or_else(|| {
        RecordError(format!(
            "unknown channel {raw:?} (expected amazon, ebay, walmart, shopify or email)"
        ))
    })
}

fn marketplace(f: &Fields) -> Result<Option<Marketplace>, RecordError> {
    f.opt_str("marketplace")?
        .map(|m| Marketplace::parse(m).map_err(RecordError))
        .transpose()
}

fn time(f: &Fields, name: &str) -> Result<Timestamp, RecordError> {
    parse_time(name, f.req_str(name)?)
}

fn opt_time(f: &Fields, name: &str) -> Result<Option<Timestamp>, RecordError> {
    f.opt_str(name)?
        .map(|raw| parse_time(name, raw))
        .transpose()
}

fn parse_time(name: &str, raw: &str) -> Result<Timestamp, RecordError> {
    raw.trim().parse::<Timestamp>().map_err(|_| {
        RecordError(format!(
            "field `{name}`: {raw:?} is not an RFC 3339 time like \"2026-11-10T08:01:00Z\""
        ))
    })
}

fn body<'a>(f: &Fields<'a>, name: &str) -> Result<Option<&'a str>, RecordError> {
    let value = f.opt_str(name)?;
    if let Some(v) = value
        && v.len() > MAX_BODY_BYTES
    {
        return err(format!(
            "field `{name}` is {:.1} MB, over the {} MB limit",
            v.len() as f64 / 1_048_576.0,
            MAX_BODY_BYTES / 1_048_576
        ));
    }
    Ok(value)
}

fn short(f: &Fields, name: &str, max: usize) -> Result<Option<String>, RecordError> {
    match f.opt_str(name)? {
        Some(v) if v.len() > max => err(format!(
            "field `{name}` is {} bytes long, over the {max}-byte limit",
            v.len()
        )),
        other => Ok(other.map(|s| s.trim().to_string())),
    }
}

fn parse_message(f: &Fields) -> Result<MessageRecord, RecordError> {
    let channel = channel(f)?;
    let marketplace = marketplace(f)?;
    let external_id = f.req_str("external_id")?.trim();
    if external_id.len() > 998 {
        return err("field `external_id` is longer than 998 bytes");
    }
    let direction_raw = f.opt_str("direction")?.unwrap_or("inbound");
    let direction = Direction::parse(direction_raw).ok_or_else(|| {
        RecordError(format!(
            "unknown direction {direction_raw:?} (expected \"inbound\" or \"outbound\")"
        ))
    })?;
    let from = match f.obj("from")? {
        Some(p) => Party {
            email: short(&p, "email", 320)?,
            name: short(&p, "name", 300)?,
        },
        None => Party::default(),
    };
    if direction == Direction::Inbound && from.email.is_none() && from.name.is_none() {
        return err("an inbound message needs `from.email` (or `from.name` for marketplace users)");
    }
    let to = match f.get("to") {
        Some(Value::Object(o)) => short(&Fields(o), "email", 320)?,
        _ => short(f, "to", 2000)?,
    };
    let text = body(f, "text")?.unwrap_or("").to_string();
    let html = body(f, "html")?.map(str::to_string);
    if text.trim().is_empty() && html.as_deref().is_none_or(|h| h.trim().is_empty()) {
        let subject_empty = f.opt_str("subject")?.is_none();
        if subject_empty {
            return err("message has no text, no html and no subject");
        }
    }
    Ok(MessageRecord {
        channel,
        marketplace,
        external_id: external_id.to_string(),
        thread_id: short(f, "thread_id", 998)?,
        in_reply_to: short(f, "in_reply_to", 998)?,
        received_at: time(f, "received_at")?,
        direction,
        from,
        to,
        subject: short(f, "subject", 2000)?,
        text,
        html,
        order_id: short(f, "order_id", 64)?,
        understanding: None,
    })
}

fn money(v: &Value, what: &str) -> Result<Money, RecordError> {
    let Value::Object(o) = v else {
        return err(format!(
            "`{what}` must be an object with amount and currency"
        ));
    };
    let f = Fields(o);
    let amount = match f.get("amount") {
        Some(Value::String(s)) => s.clone(),
        // A JSON number is accepted only when it is written exactly (no float rounding).
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return err(format!(
                "`{what}.amount` must be a decimal string, not {}",
                kind_of(other)
            ));
        }
        None => return err(format!("missing `{what}.amount`")),
    };
    let currency = f
        .req_str("currency")
        .map_err(|e| RecordError(format!("{what}: {e}")))?;
    Money::parse(&amount, currency).map_err(|e| RecordError(format!("`{what}`: {e}")))
}

fn parse_order(f: &Fields) -> Result<OrderRecord, RecordError> {
    let channel = channel(f)?;
    let marketplace = marketplace(f)?;
    let order_id = f.req_str("order_id")?.trim().to_string();
    if order_id.len() > 64 {
        return err("field `order_id` is longer than 64 bytes");
    }
    let fulfillment = match f.opt_str("fulfillment")? {
        None => None,
        Some(raw) => Some(Fulfillment::parse(raw).ok_or_else(|| {
            RecordError(format!(
                "unknown fulfillment {raw:?} (expected FBA, FBM, merchant or null)"
            ))
        })?),
    };
    let buyer = match f.obj("buyer")? {
        Some(b) => Buyer {
            email: short(&b, "email", 320)?,
            name: short(&b, "name", 300)?,
            phone: short(&b, "phone", 64)?,
            buyer_id: short(&b, "buyer_id", 200)?,
        },
        None => Buyer {
            email: None,
            name: None,
            phone: None,
            buyer_id: None,
        },
    };
    let shipping_address = match f.obj("shipping_address")? {
        None => None,
        Some(a) => Some(Address {
            name: short(&a, "name", 300)?,
            line1: short(&a, "line1", 300)?,
            line2: short(&a, "line2", 300)?,
            city: short(&a, "city", 200)?,
            postal_code: short(&a, "postal_code", 32)?,
            country: short(&a, "country", 2).map_err(|_| {
                RecordError("`shipping_address.country` must be a two-letter code".into())
            })?,
        }),
    };
    if buyer.email.is_none()
        && buyer.buyer_id.is_none()
        && buyer.phone.is_none()
        && shipping_address
            .as_ref()
            .and_then(crate::identity::name_address_key)
            .is_none()
    {
        return err(
            "order has no buyer email, buyer_id, phone or full shipping address: it cannot belong to anyone",
        );
    }
    let mut items = Vec::new();
    for (i, item) in f.array("items")?.iter().enumerate() {
        let Value::Object(o) = item else {
            return err(format!("items[{i}] must be an object"));
        };
        let it = Fields(o);
        let quantity = match it.get("quantity") {
            None => 1,
            Some(Value::Number(n)) => n
                .as_u64()
                .filter(|q| *q > 0 && *q <= 1_000_000)
                .ok_or_else(|| {
                    RecordError(format!(
                        "items[{i}].quantity must be a positive whole number"
                    ))
                })? as u32,
            Some(other) => {
                return err(format!(
                    "items[{i}].quantity must be a number, not {}",
                    kind_of(other)
                ));
            }
        };
        items.push(OrderItem {
            sku: short(&it, "sku", 200)?,
            title: short(&it, "title", 1000)?.unwrap_or_default(),
            quantity,
            price: it
                .get("price")
                .map(|p| money(p, &format!("items[{i}].price")))
                .transpose()?,
        });
    }
    let mut shipments = Vec::new();
    for (i, s) in f.array("shipments")?.iter().enumerate() {
        let Value::Object(o) = s else {
            return err(format!("shipments[{i}] must be an object"));
        };
        let sh = Fields(o);
        shipments.push(Shipment {
            carrier: short(&sh, "carrier", 64)?.map(|c| c.to_ascii_lowercase()),
            tracking_number: short(&sh, "tracking_number", 64)?,
            shipped_at: opt_time(&sh, "shipped_at")?,
            delivered_at: opt_time(&sh, "delivered_at")?,
            status: short(&sh, "status", 64)?,
        });
    }
    Ok(OrderRecord {
        channel,
        marketplace,
        order_id,
        placed_at: time(f, "placed_at")?,
        fulfillment,
        buyer,
        shipping_address,
        items,
        total: f.get("total").map(|t| money(t, "total")).transpose()?,
        shipments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: &str = r#"{"type":"order","channel":"amazon","marketplace":"amazon.de","order_id":"302-4417789-6651234","placed_at":"2026-11-02T09:12:00Z","fulfillment":"FBM","buyer":{"email":"k3x9@marketplace.amazon.de","name":"Jana Schmidt","phone":null,"buyer_id":null},"shipping_address":{"name":"Jana Schmidt","line1":"Lindenstr. 12","city":"München","postal_code":"80331","country":"DE"},"items":[{"sku":"LAMP-01","title":"Tischlampe Messing","quantity":1,"price":{"amount":"49.90","currency":"EUR"}}],"total":{"amount":"49.90","currency":"EUR"},"shipments":[{"carrier":"dhl","tracking_number":"00340434161094042557","shipped_at":"2026-11-03T15:00:00Z"}]}"#;
    const MESSAGE: &str = r#"{"type":"message","channel":"amazon","marketplace":"amazon.de","external_id":"<a1b2@marketplace.amazon.de>","thread_id":null,"in_reply_to":null,"received_at":"2026-11-10T08:01:00Z","direction":"inbound","from":{"email":"k3x9@marketplace.amazon.de","name":"Jana Schmidt"},"to":"shop@example.com","subject":"Frage zur Bestellung 302-4417789-6651234","text":"Hallo, wo ist mein Paket?","html":null,"order_id":"302-4417789-6651234"}"#;

    #[test]
    fn examples_from_the_interface_parse() {
        let Ok(Record::Order(o)) = parse_record(ORDER) else {
            panic!("order example must parse")
        };
        assert_eq!(o.order_id, "302-4417789-6651234");
        assert_eq!(o.fulfillment, Some(Fulfillment::Fbm));
        assert_eq!(o.total.map(|t| t.to_string()), Some("49.90 EUR".into()));
        assert_eq!(o.shipments.len(), 1);
        let Ok(Record::Message(m)) = parse_record(MESSAGE) else {
            panic!("message example must parse")
        };
        assert_eq!(m.direction, Direction::Inbound);
        assert_eq!(m.order_id.as_deref(), Some("302-4417789-6651234"));
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let cases: Vec<(String, &str)> = vec![
            ("{not json".into(), "invalid JSON"),
            ("[1,2]".into(), "must be a JSON object"),
            (r#"{"type":"parcel"}"#.into(), "unknown record type"),
            (
                MESSAGE.replace(
                    "\"amazon\",\"marketplace\"",
                    "\"aliexpress\",\"marketplace\"",
                ),
                "unknown channel \"aliexpress\"",
            ),
            (
                MESSAGE.replace("2026-11-10T08:01:00Z", "10.11.2026"),
                "not an RFC 3339 time",
            ),
            (
                MESSAGE.replace("\"external_id\":\"<a1b2@marketplace.amazon.de>\",", ""),
                "missing field `external_id`",
            ),
            (
                MESSAGE.replace("\"inbound\"", "\"sideways\""),
                "unknown direction",
            ),
            (
                ORDER.replace(
                    "\"49.90\",\"currency\":\"EUR\"}}]",
                    "\"49,90\",\"currency\":\"EUR\"}}]",
                ),
                "not a decimal amount",
            ),
            (ORDER.replace("\"FBM\"", "\"drone\""), "unknown fulfillment"),
            (
                MESSAGE.replace("Hallo, wo ist mein Paket?", &"x".repeat(3 * 1024 * 1024)),
                "over the 2 MB limit",
            ),
            (
                MESSAGE.replace(
                    "\"received_at\":\"2026-11-10T08:01:00Z\"",
                    "\"received_at\":42",
                ),
                "must be a string",
            ),
        ];
        for (line, want) in cases {
            match parse_record(&line) {
                Ok(_) => panic!("should be rejected: {want}"),
                Err(e) => assert!(e.0.contains(want), "{:?} does not contain {want:?}", e.0),
            }
        }
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let line = MESSAGE.replace("\"html\":null", "\"html\":null,\"x_custom\":{\"a\":1}");
        assert!(parse_record(&line).is_ok());
    }
}
