//! Orders: where and what a customer bought, how it was fulfilled and shipped, and how the
//! order record is written.
//!
//! An order carries its planned timeline (shipped, delivered); the record shows what was known
//! at the world's `start`, so a parcel still on its way has no delivery time yet.

use crate::catalog::{Category, Currency, Mp, PRODUCTS, Product, decimal, product_weights};
use crate::check::{Carrier, make_tracking};
use crate::json::Obj;
use crate::people::{Address, Country, Person, name_variant, person_id, stranger, street_line};
use crate::rng::{Rng, Stream, mix, permute};
use crate::text::Lang;
use crate::time::{DAY, HOUR, MINUTE, Zone, push_rfc3339, weekday};

/// How far back the history reaches.
pub(crate) const HISTORY_DAYS: i64 = 90;
/// Upper bound of orders per customer; order ordinals are `customer * 16 + k`.
const MAX_ORDERS: usize = 8;

pub(crate) struct Item {
    pub(crate) product: &'static Product,
    pub(crate) quantity: u64,
    pub(crate) unit_cents: u64,
}

pub(crate) struct Order {
    pub(crate) mp: Mp,
    pub(crate) id: String,
    pub(crate) fulfillment: &'static str,
    pub(crate) placed: i64,
    pub(crate) items: Vec<Item>,
    pub(crate) currency: Currency,
    pub(crate) total: u64,
    pub(crate) carrier: Carrier,
    pub(crate) tracking: String,
    /// When the parcel leaves (planned; the record shows it only if before `start`).
    pub(crate) ship_at: i64,
    /// When the carrier delivers; `None` for a parcel that gets lost.
    pub(crate) deliver_at: Option<i64>,
    /// Delivered according to the carrier, but the customer never saw it.
    pub(crate) vanished: bool,
    pub(crate) cancelled: bool,
    /// Language of titles and of messages about this order.
    pub(crate) lang: Lang,
    /// Name and address written on this order (variants of the person's, or a gift recipient's).
    pub(crate) ship_name: String,
    pub(crate) ship_line1: String,
    pub(crate) ship_line2: Option<String>,
    pub(crate) ship_city: String,
    pub(crate) ship_postal: String,
    pub(crate) ship_country: &'static str,
    pub(crate) ship_state: &'static str,
    pub(crate) buyer_name: String,
    pub(crate) phone: Option<String>,
    /// Written after the messages about it (a few percent of orders with messages).
    pub(crate) late: bool,
    pub(crate) ebay_item: u64,
}

impl Order {
    pub(crate) fn shipped_by(&self, t: i64) -> bool {
        !self.cancelled && self.ship_at <= t
    }

    pub(crate) fn delivered_by(&self, t: i64) -> bool {
        !self.cancelled && self.deliver_at.is_some_and(|d| d <= t)
    }

    /// Shipped, not delivered, and silent for long enough that the customer gives up on it.
    pub(crate) fn lost_by(&self, t: i64) -> bool {
        self.shipped_by(t) && !self.delivered_by(t) && t - self.ship_at > 6 * DAY
    }

    pub(crate) fn first_product(&self) -> &'static Product {
        self.items.first().map_or(&PRODUCTS[0], |i| i.product)
    }

    pub(crate) fn category(&self) -> Category {
        self.first_product().category
    }

    pub(crate) fn needs_assembly(&self) -> bool {
        self.items.iter().any(|i| i.product.needs_assembly)
    }

    /// Time a parcel is usually under way, for ETAs in answers.
    pub(crate) fn transit_estimate(&self) -> i64 {
        match self.deliver_at {
            Some(d) => (d - self.ship_at).max(DAY),
            None => 3 * DAY,
        }
    }
}

fn currency_for(mp: Mp, country: Country) -> Currency {
    match mp {
        Mp::AmazonUk => Currency::Gbp,
        Mp::AmazonCom | Mp::WalmartCom => Currency::Usd,
        Mp::Shopify => match country {
            Country::Gb => Currency::Gbp,
            Country::Us => Currency::Usd,
            _ => Currency::Eur,
        },
        _ => Currency::Eur,
    }
}

fn pick_carrier(rng: &mut Rng, mp: Mp, fba: bool, country: Country) -> Carrier {
    use Carrier::*;
    let table: &[(Carrier, u32)] = match (mp, fba, country) {
        (Mp::AmazonDe, true, _) => &[(Amazon, 45), (DhlSscc, 40), (Hermes, 10), (Dpd, 5)],
        (Mp::AmazonUk, true, _) => &[(Amazon, 50), (RoyalMail, 35), (Dpd, 15)],
        (Mp::AmazonCom, true, _) => &[(Amazon, 50), (Ups, 25), (Usps, 25)],
        (Mp::AmazonFr | Mp::AmazonIt | Mp::AmazonEs, true, _) => &[(Dpd, 35), (Gls, 30), (Ups, 35)],
        // The US range ships from a 3PL in New Jersey.
        (_, _, Country::Us) => &[(Usps, 50), (Ups, 30), (Fedex, 20)],
        // Everything else leaves the warehouse near Freiburg.
        (_, _, Country::De) => &[
            (DhlSscc, 55),
            (DhlIdentcode, 10),
            (Hermes, 15),
            (Dpd, 10),
            (Gls, 10),
        ],
        (_, _, Country::Gb) => &[(DeutschePost, 50), (Ups, 30), (DhlSscc, 20)],
        _ => &[(DhlSscc, 40), (Dpd, 30), (Gls, 30)],
    };
    let weights: Vec<u32> = table.iter().map(|t| t.1).collect();
    table[rng.weighted(&weights)].0
}

fn order_id(rng: &mut Rng, mp: Mp, ordinal: u64, seed: u64, shopify_number: u64) -> String {
    let key = mix(seed ^ 0x0DE5);
    match mp {
        Mp::EbayDe => {
            let n = permute(ordinal, 10_000_000_000, key ^ 1);
            format!(
                "{:02}-{:05}-{:05}",
                rng.range(1, 27),
                n / 100_000,
                n % 100_000
            )
        }
        Mp::WalmartCom => {
            let n = permute(ordinal, 100_000_000_000, key ^ 2);
            format!("{}{n:011}", rng.pick(&["17", "18", "10"]))
        }
        Mp::Shopify => format!("#{}", 1001 + shopify_number),
        _ => {
            let n = permute(ordinal, 100_000_000_000_000, key ^ 3);
            let prefix = rng.pick(mp.amazon_prefixes());
            format!("{prefix}-{:07}-{:07}", n / 10_000_000, n % 10_000_000)
        }
    }
}

/// Hours in which people shop and write, local time (weight per hour from midnight).
pub(crate) const ACTIVE_HOURS: [u32; 24] = [
    10, 5, 3, 2, 2, 4, 10, 30, 50, 60, 60, 60, 65, 55, 50, 50, 55, 60, 70, 80, 85, 75, 50, 25,
];

/// An instant on the same local day as `t` at a typical waking hour, or `t` itself when that
/// would leave `lo..hi`.
pub(crate) fn at_waking_hour(rng: &mut Rng, t: i64, zone: Zone, lo: i64, hi: i64) -> i64 {
    let (day, _) = zone.local(t);
    let hour = rng.weighted(&ACTIVE_HOURS) as i64;
    let secs = hour * HOUR + rng.range(0, HOUR - 1);
    let moved = zone.at_local(day, secs);
    if moved >= lo && moved < hi { moved } else { t }
}

/// When the warehouse hands a parcel over: afternoons, working days.
fn dispatch_time(rng: &mut Rng, earliest: i64) -> i64 {
    let zone = Zone::Central;
    let (mut day, secs) = zone.local(earliest);
    if secs > 15 * HOUR {
        day += 1;
    }
    while weekday(day * DAY) >= 5 {
        day += 1;
    }
    zone.at_local(day, 14 * HOUR + rng.range(0, 4 * HOUR))
}

pub(crate) fn build_orders(seed: u64, p: &Person, start: i64) -> Vec<Order> {
    let mut rng = Rng::derive(seed, p.idx, Stream::Orders);
    let mut times = Rng::derive(seed, p.idx, Stream::Times);
    let count = (1 + rng.weighted(&[40, 27, 15, 9, 5, 4])).min(MAX_ORDERS);
    let mut orders = Vec::with_capacity(count);
    let mut shopify_seen = 0u64;
    let store_weights: Vec<u32> = p.storefronts.iter().map(|s| s.1).collect();
    for k in 0..count {
        let mut mp = p.storefronts[rng.weighted(&store_weights)].0;
        if mp == Mp::Shopify {
            // Own-store order names use three slots per customer (see below); a fourth
            // own-store order goes to the customer's Amazon storefront instead.
            if shopify_seen >= 3 {
                mp = p.country.home_amazon();
            } else {
                shopify_seen += 1;
            }
        }
        let lang = mp.lang().unwrap_or(p.lang());
        let currency = currency_for(mp, p.country);
        let fba = mp.is_amazon() && rng.chance(0.55);
        let fulfillment = if mp.is_amazon() {
            if fba { "FBA" } else { "FBM" }
        } else {
            "merchant"
        };
        let n_items = 1 + rng.weighted(&[75, 20, 5]);
        let mut items: Vec<Item> = Vec::with_capacity(n_items);
        for _ in 0..n_items * 3 {
            if items.len() >= n_items {
                break;
            }
            let product = &PRODUCTS[rng.weighted(product_weights())];
            if items.iter().any(|i| i.product.sku == product.sku) {
                continue;
            }
            let quantity = if product.multiples {
                1 + rng.weighted(&[50, 30, 12, 8]) as u64
            } else {
                1 + rng.weighted(&[93, 7]) as u64
            };
            items.push(Item {
                product,
                quantity,
                unit_cents: currency.price(product.eur_cents),
            });
        }
        let subtotal: u64 = items.iter().map(|i| i.unit_cents * i.quantity).sum();
        let shipping = match mp {
            Mp::Shopify if subtotal < 5_000 => match currency {
                Currency::Eur => 490,
                Currency::Gbp => 399,
                Currency::Usd => 599,
            },
            Mp::EbayDe if rng.chance(0.4) => 490,
            _ if fulfillment == "FBM" && rng.chance(0.2) => currency.price(399),
            _ => 0,
        };
        let ordinal = p.idx * 16 + k as u64;
        // Shopify names are assigned below, once the orders are in time order.
        let id = order_id(&mut rng, mp, ordinal, seed, 0);
        let carrier = pick_carrier(&mut rng, mp, fba, p.country);
        let tracking = make_tracking(carrier, ordinal, mix(seed ^ 0x7AC), &mut rng);
        let gift = rng.chance(0.04);
        let buyer_name = name_variant(p, &mut rng);
        let ship_name = if rng.chance(0.7) {
            buyer_name.clone()
        } else {
            name_variant(p, &mut rng)
        };
        let canonical_street = rng.chance(0.55);
        let line1 = street_line(p.country, &p.address, &mut rng, canonical_street);
        let with_phone = match mp {
            Mp::WalmartCom => rng.chance(0.8),
            Mp::Shopify => rng.chance(0.5),
            _ if fulfillment == "FBM" => rng.chance(0.35),
            _ => rng.chance(0.1),
        };
        let phone = if with_phone {
            Some(p.phone(&mut rng))
        } else {
            None
        };
        let (ship_name, line1, line2, city, postal, state) = if gift {
            let (name, a): (String, Address) = stranger(seed, ordinal, p.country);
            let line = street_line(p.country, &a, &mut rng, true);
            (
                name,
                line,
                a.extra.clone(),
                a.city.to_string(),
                a.postal.clone(),
                a.state,
            )
        } else {
            let line2 = match p.country {
                // Spanish floors already sit in the street line.
                Country::Es => None,
                _ => p.address.extra.clone(),
            };
            (
                ship_name,
                line1,
                line2,
                p.address.city.to_string(),
                p.address.postal.clone(),
                p.address.state,
            )
        };
        let postal = if p.country == Country::Gb && rng.chance(0.2) {
            postal.replace(' ', "")
        } else {
            postal
        };

        // Timeline (its own stream, so content never depends on `start`).
        let placed_raw = start - times.range(20 * MINUTE, HISTORY_DAYS * DAY);
        let placed = at_waking_hour(
            &mut times,
            placed_raw,
            p.address.zone,
            start - HISTORY_DAYS * DAY,
            start - 10 * MINUTE,
        );
        let ship_at = if fba {
            placed + times.range(3 * HOUR, 30 * HOUR)
        } else {
            let late = times.chance(0.06);
            let earliest = placed
                + if late {
                    times.range(3 * DAY, 7 * DAY)
                } else {
                    times.range(2 * HOUR, 40 * HOUR)
                };
            dispatch_time(&mut times, earliest)
        };
        let domestic = matches!(
            (p.country, mp, fba),
            (Country::De, _, _) | (_, _, true) | (Country::Us, _, _)
        );
        let transit = if domestic {
            times.range(1, 3)
        } else {
            times.range(2, 6)
        } * DAY;
        let lost = times.chance(0.04);
        let deliver_day = ship_at + transit;
        let deliver_at = if lost {
            None
        } else {
            let (day, _) = p.address.zone.local(deliver_day);
            let mut day = day;
            if weekday(day * DAY) == 6 {
                day += 1;
            }
            Some(
                p.address
                    .zone
                    .at_local(day, 9 * HOUR + times.range(0, 10 * HOUR))
                    .max(ship_at + 12 * HOUR),
            )
        };
        let vanished = deliver_at.is_some() && times.chance(0.035);
        orders.push(Order {
            mp,
            id,
            fulfillment,
            placed,
            items,
            currency,
            total: subtotal + shipping,
            carrier,
            tracking,
            ship_at,
            deliver_at,
            vanished,
            cancelled: false,
            lang,
            ship_name,
            ship_line1: line1,
            ship_line2: line2,
            ship_city: city,
            ship_postal: postal,
            ship_country: p.country.iso(),
            ship_state: state,
            buyer_name,
            phone,
            late: false,
            ebay_item: 0,
        });
        if let Some(o) = orders.last_mut() {
            o.ebay_item = o.first_product().ebay_item();
        }
    }
    orders.sort_by_key(|o| o.placed);
    // Own-store order names count up: three slots per customer keep them unique and
    // increasing through the stream without a global counter.
    for (slot, o) in orders
        .iter_mut()
        .filter(|o| o.mp == Mp::Shopify)
        .enumerate()
    {
        o.id = format!("#{}", 1001 + p.idx * 3 + slot as u64);
    }
    orders
}

/// The order record as known at `start`.
pub(crate) fn render_order(out: &mut String, o: &Order, p: &Person, start: i64) {
    let mut r = Obj::new(out);
    r.str("type", "order")
        .str("channel", o.mp.channel())
        .str("marketplace", o.mp.name())
        .str("order_id", &o.id);
    let mut t = String::with_capacity(20);
    push_rfc3339(&mut t, o.placed);
    r.str("placed_at", &t).str("fulfillment", o.fulfillment);
    {
        let mut b = r.obj("buyer");
        b.str("email", &p.address_on(o.mp))
            .str("name", &o.buyer_name)
            .opt("phone", o.phone.as_deref());
        match o.mp {
            Mp::EbayDe => b.str("buyer_id", &p.ebay_user),
            Mp::Shopify => b.str("buyer_id", &p.shopify_customer.to_string()),
            _ => b.null("buyer_id"),
        };
        b.end();
    }
    {
        let mut a = r.obj("shipping_address");
        a.str("name", &o.ship_name).str("line1", &o.ship_line1);
        if let Some(l2) = &o.ship_line2 {
            a.str("line2", l2);
        }
        a.str("city", &o.ship_city)
            .str("postal_code", &o.ship_postal);
        if !o.ship_state.is_empty() {
            a.str("state", o.ship_state);
        }
        a.str("country", o.ship_country);
        a.end();
    }
    {
        let mut items = r.arr("items");
        for it in &o.items {
            let mut i = items.obj();
            i.str("sku", it.product.sku)
                .str("title", it.product.title(o.lang))
                .num("quantity", it.quantity);
            let mut price = i.obj("price");
            price
                .str("amount", &decimal(it.unit_cents))
                .str("currency", o.currency.code());
            price.end();
            i.end();
        }
        items.end();
    }
    {
        let mut total = r.obj("total");
        total
            .str("amount", &decimal(o.total))
            .str("currency", o.currency.code());
        total.end();
    }
    {
        let mut ships = r.arr("shipments");
        if o.shipped_by(start) {
            let mut s = ships.obj();
            s.str("carrier", o.carrier.code())
                .str("tracking_number", &o.tracking);
            t.clear();
            push_rfc3339(&mut t, o.ship_at);
            s.str("shipped_at", &t);
            match o.deliver_at {
                Some(d) if d <= start => {
                    t.clear();
                    push_rfc3339(&mut t, d);
                    s.str("delivered_at", &t).str("status", "delivered");
                }
                _ => {
                    s.str("status", "in_transit");
                }
            }
            s.end();
        }
        ships.end();
    }
    {
        let mut x = r.obj("x_demo");
        x.str("person", &person_id(p.idx));
        if o.cancelled {
            x.str("status", "cancelled");
        }
        x.end();
    }
    r.end();
}
