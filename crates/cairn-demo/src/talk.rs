//! Conversations: what a customer writes about an order (or before buying), on which channel,
//! how the shop answers, and the follow-ups and repeat contacts on other channels.
//!
//! Every customer message carries its ground truth (intents, signals, the earlier message it
//! repeats) so evaluations can score Cairn against the world it was shown.

use crate::catalog::{
    Mp, PRODUCTS, SHOP_DOMAIN, SHOP_EBAY_USER, SHOP_EMAIL, SHOP_NAME, product_weights,
};
use crate::json::Obj;
use crate::orders::{Order, at_waking_hour};
use crate::people::{Country, Person, person_id};
use crate::rng::{Rng, mix, permute};
use crate::text::{INTENTS, Intent, Lang, Signal, Vars};
use crate::time::{DAY, HOUR, MINUTE, Zone, numeric_date, push_rfc3339, weekday};

/// Where a message is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    Amazon,
    Ebay,
    Walmart,
    ContactForm,
    Email,
}

impl Via {
    fn text_index(self) -> usize {
        match self {
            Via::Amazon => 0,
            Via::Ebay => 1,
            Via::Walmart => 2,
            Via::ContactForm => 3,
            Via::Email => 4,
        }
    }

    pub(crate) fn channel(self) -> &'static str {
        match self {
            Via::Amazon => "amazon",
            Via::Ebay => "ebay",
            Via::Walmart => "walmart",
            Via::ContactForm => "shopify",
            Via::Email => "email",
        }
    }

    pub(crate) fn of_storefront(mp: Mp) -> Via {
        match mp {
            Mp::EbayDe => Via::Ebay,
            Mp::WalmartCom => Via::Walmart,
            Mp::Shopify => Via::Email,
            _ => Via::Amazon,
        }
    }
}

/// Ground truth of a customer message.
#[derive(Clone, Debug)]
pub(crate) struct Truth {
    pub(crate) intents: Vec<Intent>,
    pub(crate) signals: Vec<Signal>,
    pub(crate) repeats: Option<String>,
    /// The order the message is about, whether or not `order_id` carries it.
    pub(crate) order: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct Msg {
    pub(crate) at: i64,
    pub(crate) via: Via,
    pub(crate) marketplace: Option<&'static str>,
    pub(crate) external_id: String,
    pub(crate) thread_id: Option<String>,
    pub(crate) in_reply_to: Option<String>,
    pub(crate) inbound: bool,
    pub(crate) from_email: String,
    pub(crate) from_name: String,
    pub(crate) to: String,
    pub(crate) subject: String,
    pub(crate) text: String,
    pub(crate) order_id: Option<String>,
    pub(crate) lang: Lang,
    pub(crate) person: u64,
    /// The answer to the product question asked in this message, if one was.
    pub(crate) answer_q: Option<&'static str>,
    /// Set on customer messages only.
    pub(crate) truth: Option<Truth>,
}

/// Message ids: unique by construction (a bijective mix of the person and a counter).
pub(crate) struct Ids {
    key: u64,
    base: u64,
    counter: u64,
    /// Ordinal space for numeric eBay ids; live messages use a separate one.
    numeric_base: u64,
}

impl Ids {
    pub(crate) fn world(seed: u64, person: u64) -> Ids {
        Ids {
            key: mix(seed ^ 0x1D5),
            base: person << 12,
            counter: 0,
            numeric_base: person << 12,
        }
    }

    /// Ids for the live feed: distinct from the world's and, through `now`, from earlier runs.
    pub(crate) fn live(seed: u64, now: i64, counter: u64) -> Ids {
        let stamp = (now as u64) & 0xFFFF_FFFF;
        Ids {
            key: mix(seed ^ 0x1D5),
            base: (1 << 63) | (stamp << 24) | ((counter & 0xFFF) << 12),
            counter: 0,
            // Hashed, so a restarted feed lands elsewhere; the space is large enough that
            // numbers repeat only after hundreds of thousands of live messages.
            numeric_base: 800_000_000_000
                + (mix((stamp << 20) | (counter & 0xF_FFFF)) % 99_000_000_000) / 16 * 16,
        }
    }

    fn next(&mut self) -> (u64, u64) {
        self.counter += 1;
        let ordinal = self.base.wrapping_add(self.counter);
        (
            mix(self.key ^ ordinal),
            self.numeric_base.wrapping_add(self.counter),
        )
    }
}

const AGENTS: &[&str] = &["Sophie", "Jonas", "Miriam", "Tobias", "Elena", "Lukas"];

/// Generates the conversations of one person.
pub(crate) struct Talk<'a> {
    pub(crate) p: &'a Person,
    pub(crate) start: i64,
    pub(crate) rng: Rng,
    pub(crate) ids: Ids,
    pub(crate) msgs: Vec<Msg>,
    /// The answer matching the product question last put into template values.
    answer_q: Option<&'static str>,
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    let mut out = String::with_capacity(s.len() + 2);
    if let Some(f) = c.next() {
        out.extend(f.to_lowercase());
    }
    out.push_str(c.as_str());
    out
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    let mut out = String::with_capacity(s.len() + 2);
    if let Some(f) = c.next() {
        out.extend(f.to_uppercase());
    }
    out.push_str(c.as_str());
    out
}

/// Short product name as people write it: the title up to its first comma.
fn short_title(title: &str) -> &str {
    title.split(',').next().unwrap_or(title).trim()
}

fn base62(mut v: u64, len: usize, out: &mut String) {
    const A: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    for _ in 0..len {
        out.push(char::from(A[(v % 62) as usize]));
        v /= 62;
    }
}

impl<'a> Talk<'a> {
    pub(crate) fn new(p: &'a Person, start: i64, rng: Rng, ids: Ids) -> Talk<'a> {
        Talk {
            p,
            start,
            rng,
            ids,
            msgs: Vec::new(),
            answer_q: None,
        }
    }

    // ---- identifiers -------------------------------------------------------------------

    /// A Message-ID (or eBay message number) for a message on `via`; `sender` is the address
    /// it comes from, whose domain relay Message-IDs carry.
    fn message_id(&mut self, via: Via, inbound: bool, at: i64, sender: &str) -> String {
        let (uid, numeric) = self.ids.next();
        if via == Via::Ebay {
            return format!(
                "{}",
                100_000_000_000 + permute(numeric, 900_000_000_000, self.ids.key)
            );
        }
        let r = self.rng.next_u64();
        if !inbound {
            let mut stamp = String::with_capacity(20);
            push_rfc3339(&mut stamp, at);
            stamp.retain(|c| c.is_ascii_digit());
            return format!("<{stamp}.{uid:016x}@{SHOP_DOMAIN}>");
        }
        match via {
            Via::Amazon | Via::Walmart => {
                let domain = sender
                    .rsplit('@')
                    .next()
                    .unwrap_or("marketplace.amazon.com");
                format!("<{uid:016x}.{:08x}@{domain}>", r as u32)
            }
            Via::ContactForm => format!("<{uid:016x}-{:06x}@shopify.com>", r & 0xFF_FFFF),
            _ => self.email_message_id(uid, r),
        }
    }

    /// Message-IDs in the style of the sender's mail provider.
    fn email_message_id(&self, uid: u64, r: u64) -> String {
        let domain = self.p.email.rsplit('@').next().unwrap_or("example.com");
        let mut s = String::with_capacity(64);
        match domain {
            "gmail.com" => {
                s.push_str("<CA");
                base62(uid, 11, &mut s);
                base62(r, 10, &mut s);
                base62(mix(r), 11, &mut s);
                s.push_str("@mail.gmail.com>");
            }
            "web.de" | "gmx.de" | "gmx.net" => {
                let host = if domain == "web.de" { "webde" } else { "gmx" };
                s = format!(
                    "<trinity-{:08x}-{:04x}-{:04x}-{:04x}-{:012x}-{}@3c-app-{host}-bap{:02}>",
                    uid >> 32,
                    (uid >> 16) & 0xFFFF,
                    uid & 0xFFFF,
                    r & 0xFFFF,
                    (r >> 16) & 0xFFFF_FFFF_FFFF,
                    1_700_000_000_000 + (r >> 40) % 100_000_000_000,
                    r % 60
                );
            }
            "outlook.com" | "outlook.de" | "outlook.es" | "hotmail.com" | "hotmail.co.uk"
            | "hotmail.fr" | "hotmail.it" | "hotmail.es" | "live.co.uk" => {
                let pre = ["AM0P", "DB9P", "VI1P", "PA4P", "AS8P"][(r % 5) as usize];
                let mut tag = String::with_capacity(20);
                base62(uid, 11, &mut tag);
                s = format!(
                    "<{pre}R{:02}MB{:04}{}@{pre}R{:02}MB{:04}.eurprd0{}.prod.outlook.com>",
                    r % 100,
                    (r >> 8) % 10_000,
                    tag.to_uppercase(),
                    r % 100,
                    (r >> 8) % 10_000,
                    1 + (r >> 24) % 9
                );
            }
            "yahoo.com" | "yahoo.de" | "yahoo.co.uk" | "yahoo.fr" | "yahoo.it" | "yahoo.es" => {
                s = format!(
                    "<{}.{}.{uid}@mail.yahoo.com>",
                    1_000_000 + r % 9_000_000,
                    200_000_000 + (r >> 24) % 800_000_000
                );
            }
            "icloud.com" => {
                s = format!(
                    "<{:08X}-{:04X}-{:04X}-{:04X}-{:012X}@icloud.com>",
                    uid >> 32,
                    (uid >> 16) & 0xFFFF,
                    uid & 0xFFFF,
                    r & 0xFFFF,
                    (r >> 16) & 0xFFFF_FFFF_FFFF
                );
            }
            _ => {
                s = format!("<{uid:016x}.{:06x}@{domain}>", r & 0xFF_FFFF);
            }
        }
        s
    }

    fn ebay_thread(&mut self) -> String {
        let (_, numeric) = self.ids.next();
        format!(
            "{}",
            100_000_000_000 + permute(numeric, 900_000_000_000, self.ids.key ^ 0x7E)
        )
    }

    // ---- values for templates ----------------------------------------------------------

    fn base_vars(&mut self, lang: Lang) -> Vars {
        let mut v = Vars::dated(lang, self.p.address.zone);
        let p = self.p;
        v.set("first", p.first);
        v.set("last", p.last.clone());
        v.set("salut", lang.texts().salut[usize::from(!p.female)]);
        v.set("city", p.address.city);
        v.set("user", p.ebay_user.clone());
        v.set("agent", *self.rng.pick(AGENTS));
        v
    }

    fn product_vars(&mut self, v: &mut Vars, lang: Lang, product: &crate::catalog::Product) {
        let t = lang.texts();
        let title = product.title(lang);
        v.set(
            "product",
            if self.rng.chance(0.65) {
                short_title(title)
            } else {
                title
            },
        );
        let c = product.category;
        let questions = t.category(&t.questions, c);
        let answers = t.category(&t.question_answers, c);
        let qi = self.rng.index(questions.len());
        let answer = answers[qi.min(answers.len() - 1)];
        v.set("question", questions[qi]);
        v.set("answer_q", answer);
        self.answer_q = Some(answer);
        v.set("defect", *self.rng.pick(t.category(&t.defects, c)));
        v.set("part", *self.rng.pick(t.category(&t.parts, c)));
        v.set_number("item", product.ebay_item());
    }

    /// Everything a template may say about `o` at time `t`, in `lang`, for a message on `via`.
    /// Values that cost an allocation are only made for the `intents` that use them.
    fn order_vars(&mut self, o: &Order, lang: Lang, t: i64, via: Via, intents: &[Intent]) -> Vars {
        let mut v = self.base_vars(lang);
        self.product_vars(&mut v, lang, o.first_product());
        v.set("order", o.id.clone());
        v.set_number("item", o.ebay_item);
        v.set("carrier", o.carrier.display());
        v.set_date("date", o.placed);
        let days = (t - o.placed) / DAY;
        if days >= 2 {
            v.set_number("days", days as u64);
        }
        v.set_money("amount", o.total, o.currency);
        v.set_date("deadline", t + 3 * DAY);
        v.set_date("refund_date", t);
        let wants = |list: &[Intent]| intents.iter().any(|i| list.contains(i));
        if wants(&[Intent::Refund, Intent::Cancellation, Intent::Payment]) {
            let mut refund_id = String::with_capacity(16);
            match via {
                Via::Amazon => {
                    refund_id.push_str("AMZ-R");
                    base62(self.rng.next_u64(), 9, &mut refund_id);
                    refund_id.make_ascii_uppercase();
                }
                Via::Ebay => {
                    refund_id.push('5');
                    crate::json::push_uint(
                        &mut refund_id,
                        10_000_000_000u64 + self.rng.below(89_999_999_999),
                        1,
                    );
                }
                _ => {
                    refund_id.push_str("TX");
                    crate::json::push_uint(
                        &mut refund_id,
                        1_000_000_000u64 + self.rng.below(8_999_999_999),
                        1,
                    );
                }
            }
            v.set("refund_id", refund_id);
        }
        if wants(&[Intent::AddressChange]) {
            v.set("newaddr", self.new_address(o).1);
        }
        if o.shipped_by(t) {
            v.flag("shipped");
            v.set("tracking", o.tracking.clone());
            v.set_date("shipdate", o.ship_at);
            if o.delivered_by(t) {
                v.flag("delivered");
                if let Some(d) = o.deliver_at {
                    v.set_date("deldate", d);
                }
            } else {
                v.flag("undelivered");
                let eta = (o.ship_at + o.transit_estimate()).max(t + DAY);
                v.set_date("eta", eta);
                if o.lost_by(t) {
                    v.flag("lost");
                }
            }
            if via != Via::Amazon && intents.contains(&Intent::Tracking) {
                v.set(
                    "link",
                    lang.texts()
                        .link
                        .replace("{url}", &o.carrier.tracking_url(&o.tracking)),
                );
            } else {
                v.set("link", "");
            }
        } else {
            v.flag("unshipped");
            v.set_date("eta", t + o.transit_estimate() + DAY);
        }
        if via == Via::Amazon {
            v.flag("amazon");
        } else {
            v.flag("notamazon");
        }
        v
    }

    /// The corrected address a customer asks for on `o`: the same street with another house
    /// number, fixed per order so that question, answer and order record agree. Returns the
    /// street line and the full address as written in messages.
    fn new_address(&self, o: &Order) -> (String, String) {
        let a = &self.p.address;
        let current: i64 = a
            .house
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .unwrap_or(0);
        let h = o.id.bytes().fold(0u64, |acc, b| mix(acc ^ u64::from(b)));
        let mut house = 1 + (h % 139) as i64;
        if house == current {
            house += 2;
        }
        match self.p.country {
            Country::Us | Country::Gb => {
                let line = format!("{house} {}", a.street);
                let full = format!("{line}, {} {}", a.city, a.postal);
                (line, full)
            }
            Country::Fr => {
                let line = format!("{house} {}", a.street);
                let full = format!("{line}, {} {}", a.postal, a.city);
                (line, full)
            }
            _ => {
                let line = format!("{} {house}", a.street);
                let full = format!("{line}, {} {}", a.postal, a.city);
                (line, full)
            }
        }
    }

    // ---- composing customer messages ---------------------------------------------------

    fn when_text(lang: Lang, since: i64) -> String {
        let w = &lang.texts().when;
        match since {
            s if s < 14 * HOUR => w[0].to_string(),
            s if s < 40 * HOUR => w[1].to_string(),
            s => w[2].replace("{n}", &(s / DAY).max(2).to_string()),
        }
    }

    /// Typos, lowercase, missing umlauts: how people really type.
    fn roughen(&mut self, text: &str, lang: Lang) -> String {
        let style = self.p.style;
        let mut s = text.to_string();
        if style.casual == 2 && self.rng.chance(0.3) {
            s = s.to_lowercase();
        }
        if style.casual == 2 && lang == Lang::De && self.rng.chance(0.2) {
            s = s
                .replace('ä', "ae")
                .replace('ö', "oe")
                .replace('ü', "ue")
                .replace('ß', "ss");
        }
        if self.rng.chance(style.typos) {
            let mut chars: Vec<char> = s.chars().collect();
            for _ in 0..1 + self.rng.index(2) {
                // A position inside a word of letters, away from its edges.
                let n = chars.len();
                if n < 8 {
                    break;
                }
                let i = 1 + self.rng.index(n - 3);
                if !(chars[i].is_alphabetic()
                    && chars[i + 1].is_alphabetic()
                    && chars[i - 1].is_alphabetic())
                {
                    continue;
                }
                match self.rng.index(3) {
                    0 => chars.swap(i, i + 1),
                    1 => {
                        chars.remove(i);
                    }
                    _ => {
                        let c = chars[i];
                        chars.insert(i, c);
                    }
                }
            }
            s = chars.into_iter().collect();
        }
        if style.casual == 2 && self.rng.chance(0.25) {
            s = s.trim_end_matches(['.', '!']).to_string();
        }
        s
    }

    fn join_also(&mut self, body: &mut String, lang: Lang, sentence: &str) {
        let t = lang.texts();
        let conn = *self.rng.pick(t.also);
        body.push_str(if self.rng.chance(0.4) { "\n\n" } else { " " });
        body.push_str(conn);
        body.push(' ');
        let lowered = conn.ends_with(',')
            || conn.ends_with(" and")
            || conn.ends_with(" und")
            || conn.ends_with(" e")
            || conn.ends_with(" y")
            || conn.ends_with(" et");
        let keep = sentence.starts_with("I ")
            || sentence.starts_with("I'")
            || sentence.starts_with('{')
            || sentence.starts_with('„')
            || sentence.starts_with('«')
            || sentence.starts_with('"');
        if lowered && !keep {
            body.push_str(&lower_first(sentence));
        } else {
            body.push_str(sentence);
        }
    }

    /// The words of a customer message (without greeting, closing or channel frame).
    fn customer_words(
        &mut self,
        vars: &Vars,
        lang: Lang,
        intents: &[Intent],
        signals: &[Signal],
        presale: bool,
    ) -> String {
        let t = lang.texts();
        let mut body = String::with_capacity(400);
        for (i, intent) in intents.iter().enumerate() {
            let list = if presale && *intent == Intent::ProductQuestion {
                t.presale
            } else {
                t.body(*intent)
            };
            let sentence = vars
                .pick(&mut self.rng, list)
                .or_else(|| vars.pick(&mut self.rng, t.body(Intent::Other)))
                .unwrap_or_default();
            if i == 0 {
                body.push_str(&sentence);
            } else {
                self.join_also(&mut body, lang, &sentence);
            }
        }
        for s in signals {
            let list: &[&str] = match s {
                Signal::Frustration => t.frustration,
                Signal::NegativeFeedbackThreat => t.threats[0],
                Signal::AToZThreat => t.threats[1],
                Signal::ChargebackThreat => t.threats[2],
                Signal::LegalThreat => t.threats[3],
                Signal::RepeatContact => continue,
            };
            body.push(' ');
            body.push_str(self.rng.pick_str(list));
        }
        body
    }

    fn wrap_letter(&mut self, words: &str, lang: Lang, via: Via) -> String {
        let t = lang.texts();
        let style = self.p.style;
        let mut text = String::with_capacity(words.len() + 120);
        let skip_greeting = style.casual == 2 && self.rng.chance(0.5) || self.rng.chance(0.08);
        if !skip_greeting {
            text.push_str(self.rng.pick_str(t.greetings));
            text.push_str("\n\n");
        }
        text.push_str(words);
        let mut v = Vars::default();
        v.set("first", self.p.first);
        v.set("last", self.p.last.clone());
        if !(style.casual == 2 && self.rng.chance(0.4))
            && let Some(c) = v.pick(&mut self.rng, t.closings)
        {
            text.push_str("\n\n");
            text.push_str(&c);
        }
        if via == Via::Email && style.phone_signature {
            text.push_str("\n\n");
            text.push_str(t.phone_signature);
        }
        text
    }

    fn frame(&mut self, letter: String, lang: Lang, via: Via, from_name: &str) -> String {
        let t = lang.texts();
        match via {
            Via::Amazon => {
                let header = t.amazon_frame[0].replace("{first}", self.p.first);
                format!(
                    "{header}\n\n{}\n\n{letter}\n\n{}",
                    t.amazon_frame[1], t.amazon_frame[2]
                )
            }
            Via::ContactForm => {
                let cf = &t.contact_form;
                let phone = if self.rng.chance(0.5) {
                    self.p.phone(&mut self.rng)
                } else {
                    String::new()
                };
                format!(
                    "{}\n\n{}: {from_name}\n{}: {}\n{}: {phone}\n{}:\n{letter}",
                    cf[1], cf[2], cf[3], self.p.email, cf[4], cf[5]
                )
            }
            _ => letter,
        }
    }

    fn subject(
        &mut self,
        vars: &mut Vars,
        lang: Lang,
        via: Via,
        o: Option<&Order>,
        primary: Intent,
        upset: bool,
    ) -> String {
        let t = lang.texts();
        let v = vars;
        v.set("topic", t.topics[primary as usize]);
        // Amazon's subjects name the buyer's reason: generic, shipping, return.
        let amazon_reason: &[&str] = match primary {
            Intent::Tracking | Intent::NotReceived => &t.subj_amazon[..3],
            Intent::Return => &t.subj_amazon[3..],
            _ => &t.subj_amazon[..2],
        };
        let list: &[&str] = match (via, o) {
            (Via::Amazon, Some(_)) => amazon_reason,
            (Via::Amazon, None) => t.subj_amazon_presale,
            (Via::Ebay, _) => t.subj_ebay,
            (Via::Walmart, _) => &[
                "Walmart.com customer inquiry about order #{order}",
                "Question about order {order}",
                "{topic}",
            ],
            (Via::ContactForm, _) => return t.contact_form[0].to_string(),
            (Via::Email, _) => t.subj_email,
        };
        // Exclamation marks in a subject belong to upset customers.
        let calm: Vec<&str>;
        let list = if upset {
            list
        } else {
            calm = list.iter().copied().filter(|s| !s.contains("!!")).collect();
            &calm[..]
        };
        let s = v
            .pick(&mut self.rng, list)
            .unwrap_or_else(|| t.topics[primary as usize].to_string());
        if via == Via::Email && self.p.style.casual == 2 && self.rng.chance(0.3) {
            s.to_lowercase()
        } else {
            s
        }
    }

    fn sender(&mut self, via: Via, o: Option<&Order>) -> (String, String, Option<&'static str>) {
        let p = self.p;
        match via {
            Via::Amazon => {
                let mp = o.map_or(p.country.home_amazon(), |o| {
                    if o.mp.is_amazon() {
                        o.mp
                    } else {
                        p.country.home_amazon()
                    }
                });
                let name = if self.rng.chance(0.3) {
                    p.first.to_string()
                } else {
                    p.full_name()
                };
                (p.amazon_alias(mp), name, Some(mp.name()))
            }
            Via::Ebay => (p.ebay_relay(), p.ebay_user.clone(), Some(Mp::EbayDe.name())),
            Via::Walmart => (
                p.walmart_relay(),
                p.full_name(),
                Some(Mp::WalmartCom.name()),
            ),
            Via::ContactForm => (p.email.clone(), p.full_name(), Some(Mp::Shopify.name())),
            Via::Email => {
                let name = if self.rng.chance(0.15) {
                    p.full_name().to_lowercase()
                } else {
                    p.full_name()
                };
                (p.email.clone(), name, None)
            }
        }
    }

    /// A new customer message (first contact or repeat). `repeat_of` is the earlier message
    /// this one repeats.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn customer_message(
        &mut self,
        via: Via,
        o: Option<&Order>,
        product_hint: Option<&'static crate::catalog::Product>,
        at: i64,
        intents: &[Intent],
        signals: &[Signal],
        repeat_of: Option<&Msg>,
    ) -> Msg {
        let p = self.p;
        let lang = match (via, o) {
            (Via::Amazon | Via::Ebay | Via::Walmart, Some(o)) => o.lang,
            (Via::Amazon, None) => p.country.home_amazon().lang().unwrap_or(p.lang()),
            (Via::Ebay, None) => Lang::De,
            _ => p.lang(),
        };
        let mut vars = match o {
            Some(o) => self.order_vars(o, lang, at, via, intents),
            None => {
                let mut v = self.base_vars(lang);
                let product = product_hint.unwrap_or(&PRODUCTS[0]);
                self.product_vars(&mut v, lang, product);
                v
            }
        };
        let primary = intents.first().copied().unwrap_or(Intent::Other);
        let mut words = String::new();
        if let Some(orig) = repeat_of {
            vars.set("via", lang.texts().via[orig.via.text_index()]);
            vars.set("when", Self::when_text(lang, at - orig.at));
            if let Some(intro) = vars.pick(&mut self.rng, lang.texts().repeat_intro) {
                words.push_str(&intro);
                words.push(if self.rng.chance(0.5) { ' ' } else { '\n' });
            }
        }
        let main = self.customer_words(&vars, lang, intents, signals, o.is_none());
        words.push_str(&main);
        // Without a marketplace frame the order number has to be in the text, if the
        // customer remembers to give it.
        let carries_order = matches!(via, Via::Amazon | Via::Ebay | Via::Walmart);
        if let Some(o) = o
            && !carries_order
            && !words.contains(o.id.as_str())
            && !(via == Via::ContactForm && self.rng.chance(0.2))
        {
            let mut v = Vars::default();
            v.set("order", o.id.clone());
            if let Some(m) = v.pick(&mut self.rng, lang.texts().order_mention) {
                if self.rng.chance(0.5) {
                    // A sentence runs on; a label ("Bestellnummer: …") stands on its own line.
                    let sep = if m.ends_with('.') { " " } else { "\n\n" };
                    words = format!("{m}{sep}{words}");
                } else {
                    words.push_str("\n\n");
                    words.push_str(&m);
                }
            }
        }
        let words = self.roughen(&words, lang);
        let letter = self.wrap_letter(&words, lang, via);
        let (from_email, from_name, marketplace) = self.sender(via, o);
        let text = self.frame(letter, lang, via, &from_name);
        let upset = signals.contains(&Signal::Frustration);
        let subject = self.subject(&mut vars, lang, via, o, primary, upset);
        let order_id = match (via, o) {
            (Via::Amazon, Some(o)) if self.rng.chance(0.9) => Some(o.id.clone()),
            (Via::Ebay | Via::Walmart, Some(o)) if self.rng.chance(0.8) => Some(o.id.clone()),
            _ => None,
        };
        let thread_id = if via == Via::Ebay {
            Some(self.ebay_thread())
        } else {
            None
        };
        let external_id = self.message_id(via, true, at, &from_email);
        let mut signals: Vec<Signal> = signals.to_vec();
        if repeat_of.is_some() && !signals.contains(&Signal::RepeatContact) {
            signals.push(Signal::RepeatContact);
        }
        Msg {
            at,
            via,
            marketplace,
            external_id,
            thread_id,
            in_reply_to: None,
            inbound: true,
            from_email,
            from_name,
            to: SHOP_EMAIL.to_string(),
            subject,
            text,
            order_id,
            lang,
            person: p.idx,
            answer_q: intents
                .contains(&Intent::ProductQuestion)
                .then_some(self.answer_q)
                .flatten(),
            truth: Some(Truth {
                intents: intents.to_vec(),
                signals,
                repeats: repeat_of.map(|m| {
                    m.truth
                        .as_ref()
                        .and_then(|t| t.repeats.clone())
                        .unwrap_or_else(|| m.external_id.clone())
                }),
                order: o.map(|o| o.id.clone()),
            }),
        }
    }

    /// A customer's reply in an existing thread (to the shop's answer `parent`).
    fn customer_reply(
        &mut self,
        parent: &Msg,
        o: Option<&Order>,
        at: i64,
        still: bool,
        primary: Intent,
    ) -> Msg {
        let lang = parent.lang;
        // The shop answered a contact-form message by e-mail; the customer replies to that.
        let via = if parent.via == Via::ContactForm {
            Via::Email
        } else {
            parent.via
        };
        let t = lang.texts();
        let vars = match o {
            Some(o) => self.order_vars(o, lang, at, via, &[primary]),
            None => self.base_vars(lang),
        };
        let mut words = vars
            .pick(
                &mut self.rng,
                if still {
                    t.followup_still
                } else {
                    t.followup_thanks
                },
            )
            .unwrap_or_default();
        let mut signals = Vec::new();
        if still {
            signals.push(Signal::RepeatContact);
            if self.rng.chance(0.5 + self.p.style.temper * 0.5) {
                signals.push(Signal::Frustration);
                words.push(' ');
                words.push_str(self.rng.pick_str(t.frustration));
                if self.rng.chance(0.3) {
                    let threat = if via == Via::Amazon && self.rng.chance(0.5) {
                        1
                    } else {
                        0
                    };
                    signals.push(if threat == 1 {
                        Signal::AToZThreat
                    } else {
                        Signal::NegativeFeedbackThreat
                    });
                    words.push(' ');
                    words.push_str(self.rng.pick_str(t.threats[threat]));
                }
            }
        }
        let words = self.roughen(&words, lang);
        let mut letter = self.wrap_letter(&words, lang, via);
        if via == Via::Email && self.rng.chance(0.45) {
            // Mail clients quote what they answer.
            let mut v = Vars::default();
            v.set(
                "date",
                numeric_date(
                    lang,
                    parent.at,
                    self.p.address.zone,
                    self.p.country == Country::Us,
                ),
            );
            v.set("from", format!("{SHOP_NAME} <{SHOP_EMAIL}>"));
            let header = v.pick(&mut self.rng, &[t.quote_header]).unwrap_or_default();
            letter.push_str("\n\n");
            letter.push_str(&header);
            for line in parent.text.lines() {
                letter.push_str("\n>");
                if !line.is_empty() {
                    letter.push(' ');
                    letter.push_str(line);
                }
            }
        }
        let (from_email, from_name, marketplace) = self.sender(via, o);
        let text = self.frame(letter, lang, via, &from_name);
        let subject = if parent.subject.starts_with(t.reply_prefix) {
            parent.subject.clone()
        } else {
            format!("{}{}", t.reply_prefix, parent.subject)
        };
        let external_id = self.message_id(via, true, at, &from_email);
        Msg {
            at,
            via,
            marketplace,
            external_id,
            thread_id: parent.thread_id.clone(),
            in_reply_to: Some(parent.external_id.clone()),
            inbound: true,
            from_email,
            from_name,
            to: SHOP_EMAIL.to_string(),
            subject,
            text,
            order_id: parent.order_id.clone(),
            lang,
            person: self.p.idx,
            answer_q: parent.answer_q,
            truth: Some(Truth {
                intents: vec![if still { primary } else { Intent::Other }],
                signals,
                repeats: None,
                order: o.map(|o| o.id.clone()),
            }),
        }
    }

    // ---- the shop's answers ----------------------------------------------------------------

    /// The shop's answer to `to`, written at `at` with what is known then. `courtesy` names the
    /// channel where the full answer went, for a short pointer instead.
    fn answer(&mut self, to: &Msg, o: Option<&Order>, at: i64, courtesy: Option<Via>) -> Msg {
        let lang = to.lang;
        let t = lang.texts();
        let truth = to.truth.as_ref();
        let intents = truth.map(|t| t.intents.clone()).unwrap_or_default();
        let signals = truth.map(|t| t.signals.clone()).unwrap_or_default();
        let mut vars = match o {
            Some(o) => self.order_vars(o, lang, at, to.via, &intents),
            None => {
                let mut v = self.base_vars(lang);
                let product = &PRODUCTS[self.rng.weighted(product_weights())];
                self.product_vars(&mut v, lang, product);
                v
            }
        };
        // Answer the question that was asked.
        if let Some(q) = to.answer_q {
            vars.set("answer_q", q);
        }
        let greet = vars.pick(&mut self.rng, t.ans_greet).unwrap_or_default();
        let capitalise = (lang != Lang::De && lang != Lang::It) || greet.ends_with(':');
        let mut text = String::with_capacity(600);
        text.push_str(&greet);
        text.push_str("\n\n");
        let mut opening = String::new();
        if let Some(via) = courtesy {
            vars.set("via", t.via[via.text_index()]);
            opening = vars.pick(&mut self.rng, t.ans_courtesy).unwrap_or_default();
        } else {
            let upset = signals
                .iter()
                .any(|s| matches!(s, Signal::Frustration | Signal::RepeatContact));
            let thanks = self.rng.pick(t.ans_thanks).to_string();
            if upset {
                opening.push_str(&thanks);
                opening.push(' ');
                opening.push_str(self.rng.pick_str(t.ans_sorry));
            } else {
                opening.push_str(&thanks);
            }
            let mut first = true;
            for intent in &intents {
                let Some(a) = vars.pick(&mut self.rng, t.answer(*intent)) else {
                    continue;
                };
                opening.push_str(if first { "\n\n" } else { " " });
                opening.push_str(&a);
                first = false;
            }
            if first && let Some(a) = vars.pick(&mut self.rng, t.answer(Intent::Other)) {
                opening.push_str("\n\n");
                opening.push_str(&a);
            }
        }
        if capitalise {
            opening = upper_first(&opening);
        }
        text.push_str(&opening);
        if let Some(close) = vars.pick(&mut self.rng, t.ans_close) {
            text.push_str("\n\n");
            text.push_str(&close);
        }
        let subject = if to.subject.starts_with(t.reply_prefix) {
            to.subject.clone()
        } else {
            format!("{}{}", t.reply_prefix, to.subject)
        };
        let external_id = self.message_id(to.via, false, at, SHOP_EMAIL);
        Msg {
            at,
            via: to.via,
            marketplace: to.marketplace,
            external_id,
            thread_id: to.thread_id.clone(),
            in_reply_to: Some(to.external_id.clone()),
            inbound: false,
            from_email: SHOP_EMAIL.to_string(),
            from_name: if to.via == Via::Ebay {
                SHOP_EBAY_USER
            } else {
                SHOP_NAME
            }
            .to_string(),
            to: to.from_email.clone(),
            subject,
            text,
            order_id: to.order_id.clone(),
            lang,
            person: self.p.idx,
            answer_q: to.answer_q,
            truth: None,
        }
    }

    /// When the support team answers a message received at `t`: working hours in Freiburg,
    /// weekdays, some Saturdays; usually within a few hours.
    fn answer_time(&mut self, t: i64) -> i64 {
        let zone = Zone::Central;
        let mut a = t + self.rng.range(15 * MINUTE, 5 * HOUR);
        let saturday_shift = self.rng.chance(0.4);
        for _ in 0..10 {
            let (day, secs) = zone.local(a);
            let (open, close) = match weekday(day * DAY) {
                0..=4 => (8 * HOUR, 18 * HOUR),
                5 if saturday_shift => (9 * HOUR, 13 * HOUR),
                _ => (0, 0),
            };
            if close == 0 || secs >= close {
                a = zone.at_local(day + 1, 8 * HOUR + self.rng.range(0, 100 * MINUTE));
                continue;
            }
            if secs < open {
                a = zone.at_local(day, open + self.rng.range(0, 100 * MINUTE));
            }
            break;
        }
        a
    }

    fn answerable(&self, t: i64) -> bool {
        t < self.start - 2 * DAY
    }

    // ---- whole conversations -------------------------------------------------------------

    /// Picks what a customer writes about `o` and when; `None` when nothing fits before `now`.
    /// `asked` are the questions already asked about `o`: a new issue is a new question.
    pub(crate) fn plan_issue(
        &mut self,
        o: &Order,
        now: i64,
        asked: &[Intent],
    ) -> Option<(Intent, i64)> {
        const WEIGHTS: [u32; INTENTS] = [
            240, 50, 80, 50, 100, 70, 50, 30, 20, 70, 50, 60, 40, 20, 15, 25, 15,
        ];
        let zone = self.p.address.zone;
        for _ in 0..5 {
            let mut w = WEIGHTS;
            if o.vanished || o.deliver_at.is_none() {
                w[Intent::NotReceived as usize] *= 8;
            }
            for i in asked {
                w[*i as usize] = 0;
            }
            let intent = Intent::ALL[self.rng.weighted(&w)];
            let Some((lo, hi)) = window(intent, o) else {
                continue;
            };
            let hi = hi.min(now - 5 * MINUTE);
            if lo >= hi {
                continue;
            }
            let raw = self.rng.range(lo, hi - 1);
            return Some((intent, at_waking_hour(&mut self.rng, raw, zone, lo, hi)));
        }
        None
    }

    /// `primary` and what people ask with it; nothing of `asked` (already asked about `o`).
    pub(crate) fn secondary_intents(
        &mut self,
        primary: Intent,
        o: &Order,
        at: i64,
        asked: &[Intent],
    ) -> Vec<Intent> {
        use Intent::*;
        // Pairs people actually write together (and that do not contradict each other).
        let options: &[Intent] = match primary {
            Tracking => &[
                Cancellation,
                Invoice,
                AddressChange,
                ProductQuestion,
                Assembly,
            ],
            NotReceived => &[Refund, Complaint],
            Damaged => &[Return, Complaint, WrongItem],
            WrongItem => &[Return, Assembly],
            Return => &[ProductQuestion, Invoice],
            Refund => &[Complaint, Invoice],
            Cancellation => &[Tracking, Invoice],
            AddressChange => &[Tracking, OrderChange],
            OrderChange => &[Tracking, AddressChange],
            Invoice => &[Tracking, Payment],
            ProductQuestion => &[Assembly, OrderChange, Tracking],
            Assembly => &[WrongItem, ProductQuestion, Return],
            Warranty => &[Invoice, Return],
            Payment => &[Invoice, Cancellation],
            Feedback => &[Complaint],
            Complaint => &[Refund, Feedback, Return],
            Other => &[Invoice, ProductQuestion],
        };
        let mut out = vec![primary];
        let n = self.rng.weighted(&[70, 24, 6]);
        for _ in 0..n * 2 {
            if out.len() > n {
                break;
            }
            let s = *self.rng.pick(options);
            let fits = match s {
                Assembly => o.needs_assembly(),
                Tracking => !o.delivered_by(at),
                Return | Refund | WrongItem | Damaged => o.delivered_by(at),
                Cancellation | AddressChange | OrderChange => !o.shipped_by(at),
                _ => true,
            };
            if fits && !out.contains(&s) && !asked.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    pub(crate) fn signals_for(
        &mut self,
        primary: Intent,
        o: Option<&Order>,
        at: i64,
        via: Via,
    ) -> Vec<Signal> {
        let days = o.map_or(0, |o| (at - o.placed) / DAY);
        let base = match primary {
            Intent::NotReceived => 0.5,
            Intent::Complaint => 0.85,
            Intent::Tracking if days > 7 => 0.45,
            Intent::Tracking => 0.12,
            Intent::Damaged | Intent::WrongItem => 0.3,
            Intent::Refund | Intent::Payment => 0.3,
            Intent::Warranty => 0.2,
            Intent::Return | Intent::Cancellation => 0.06,
            _ => 0.02,
        };
        let mut out = Vec::new();
        if !self
            .rng
            .chance((base * (0.6 + self.p.style.temper)).min(0.95))
        {
            return out;
        }
        out.push(Signal::Frustration);
        // Threats come with real grievances, not with questions.
        if base < 0.1 {
            return out;
        }
        if self.rng.chance(0.25) {
            out.push(Signal::NegativeFeedbackThreat);
        }
        if via == Via::Amazon && self.rng.chance(0.18) {
            out.push(Signal::AToZThreat);
        }
        if self
            .rng
            .chance(if via == Via::Amazon { 0.04 } else { 0.14 })
        {
            out.push(Signal::ChargebackThreat);
        }
        if self.rng.chance(0.04) {
            out.push(Signal::LegalThreat);
        }
        out
    }

    pub(crate) fn first_via(&mut self, o: &Order) -> Via {
        match o.mp {
            Mp::Shopify => {
                if self.rng.chance(0.35) {
                    Via::ContactForm
                } else {
                    Via::Email
                }
            }
            mp => {
                if self.rng.chance(0.88) {
                    Via::of_storefront(mp)
                } else {
                    Via::Email
                }
            }
        }
    }

    pub(crate) fn repeat_via(&mut self, first: Via, o: &Order) -> Via {
        match first {
            Via::Email => {
                if o.mp != Mp::Shopify && self.rng.chance(0.4) {
                    Via::of_storefront(o.mp)
                } else {
                    Via::ContactForm
                }
            }
            Via::ContactForm => Via::Email,
            marketplace => match self.rng.weighted(&[55, 25, 20]) {
                0 => Via::Email,
                1 => Via::ContactForm,
                _ => marketplace,
            },
        }
    }

    /// One issue about order `orders[k]`: the first message, repeats on other channels, the
    /// shop's answers and a follow-up in the thread.
    pub(crate) fn issue(&mut self, orders: &mut [Order], k: usize) {
        let start = self.start;
        // A second issue about the same order is another question: the same question again
        // would be a repeat of the first, and only repeats are labelled as such.
        let mut asked: Vec<Intent> = Vec::new();
        for m in &self.msgs {
            let Some(t) = &m.truth else { continue };
            if t.order.as_deref() == Some(orders[k].id.as_str()) {
                asked.extend(t.intents.iter().copied().filter(|i| *i != Intent::Other));
            }
        }
        let Some((primary, at)) = self.plan_issue(&orders[k], start, &asked) else {
            return;
        };
        let via = self.first_via(&orders[k]);
        let intents = self.secondary_intents(primary, &orders[k], at, &asked);
        let signals = self.signals_for(primary, Some(&orders[k]), at, via);
        let first =
            self.customer_message(via, Some(&orders[k]), None, at, &intents, &signals, None);

        let mut answer_at = self.answer_time(at);
        let will_answer = self.answerable(at) && answer_at < start && self.rng.chance(0.96);
        if !will_answer {
            answer_at = i64::MAX;
        }

        // Repeat contacts: impatience before an answer, or dissatisfaction after it.
        let mut repeats: Vec<Msg> = Vec::new();
        let p_repeat =
            0.10 + if signals.contains(&Signal::Frustration) {
                0.15
            } else {
                0.0
            } + if answer_at - at > 20 * HOUR {
                0.08
            } else {
                0.0
            };
        if self.rng.chance(p_repeat) {
            let t_repeat = if will_answer && self.rng.chance(0.3) {
                answer_at + self.rng.range(HOUR, 4 * DAY)
            } else {
                let until = answer_at.min(at + 3 * DAY) - 10 * MINUTE;
                self.rng.range(at + 90 * MINUTE, until.max(at + 2 * HOUR))
            };
            if t_repeat < start - 5 * MINUTE {
                let via2 = self.repeat_via(via, &orders[k]);
                let mut sig2 = signals.clone();
                if !sig2.contains(&Signal::Frustration) && self.rng.chance(0.5) {
                    sig2.insert(0, Signal::Frustration);
                }
                let m2 = self.customer_message(
                    via2,
                    Some(&orders[k]),
                    None,
                    t_repeat,
                    &intents[..1],
                    &sig2,
                    Some(&first),
                );
                repeats.push(m2);
                if self.rng.chance(0.25) {
                    let t3 = t_repeat + self.rng.range(2 * HOUR, 2 * DAY);
                    let via3 = if via2 == Via::ContactForm || via == Via::ContactForm {
                        Via::Email
                    } else {
                        Via::ContactForm
                    };
                    if t3 < start - 5 * MINUTE && via3 != via2 {
                        let m3 = self.customer_message(
                            via3,
                            Some(&orders[k]),
                            None,
                            t3,
                            &intents[..1],
                            &sig2,
                            Some(&first),
                        );
                        repeats.push(m3);
                    }
                }
            }
        }

        // What the shop did decides what the order record shows (only when nothing else was
        // said about the order yet, so earlier answers stay true).
        let untouched = !self.msgs.iter().any(|m| {
            m.truth.as_ref().and_then(|t| t.order.as_deref()) == Some(orders[k].id.as_str())
        });
        if will_answer && untouched {
            let o = &mut orders[k];
            if intents.contains(&Intent::Cancellation) && !o.shipped_by(answer_at) {
                o.cancelled = true;
            }
            if intents.contains(&Intent::AddressChange) && !o.shipped_by(answer_at) {
                o.ship_line1 = self.new_address(o).0;
            }
        }

        let o = &orders[k];
        let mut out: Vec<Msg> = Vec::with_capacity(6);
        if will_answer {
            let a1 = self.answer(&first, Some(o), answer_at, None);
            // Follow-up in the thread.
            if self.rng.chance(0.25) {
                let tf = answer_at + self.rng.range(3 * HOUR, 5 * DAY);
                if tf < start - 5 * MINUTE {
                    let still = self.rng.chance(0.45);
                    let f = self.customer_reply(&a1, Some(o), tf, still, primary);
                    // A thank-you gets a short reply too, so old threads end answered and
                    // only the last days stay open in the demo inbox.
                    let f_answer = if self.answerable(tf) {
                        let ta = self.answer_time(tf);
                        (ta < start).then(|| self.answer(&f, Some(o), ta, None))
                    } else {
                        None
                    };
                    out.push(f);
                    out.extend(f_answer);
                }
            }
            out.push(a1);
        }
        for r in &repeats {
            if !self.answerable(r.at) {
                continue;
            }
            if r.at < answer_at && will_answer {
                let note_at = answer_at + self.rng.range(2 * MINUTE, 25 * MINUTE);
                if note_at < start {
                    out.push(self.answer(r, Some(o), note_at, Some(first.via)));
                }
            } else {
                let ta = self.answer_time(r.at);
                if ta < start {
                    out.push(self.answer(r, Some(o), ta, None));
                }
            }
        }
        self.msgs.push(first);
        self.msgs.extend(repeats);
        self.msgs.extend(out);
    }

    /// A question before buying, on the customer's favourite storefront.
    pub(crate) fn presale(&mut self, first_order: Option<&Order>) {
        let start = self.start;
        let lo = start - crate::orders::HISTORY_DAYS * DAY;
        let (lo, hi) = match first_order {
            Some(o) => ((o.placed - 6 * DAY).max(lo), o.placed - HOUR),
            None => (lo, start - 10 * MINUTE),
        };
        if lo >= hi {
            return;
        }
        let raw = self.rng.range(lo, hi - 1);
        let at = at_waking_hour(&mut self.rng, raw, self.p.address.zone, lo, hi);
        let favourite = self.p.storefronts.first().map_or(Mp::Shopify, |s| s.0);
        let via = match favourite {
            Mp::Shopify | Mp::WalmartCom => {
                if self.rng.chance(0.5) {
                    Via::ContactForm
                } else {
                    Via::Email
                }
            }
            mp => Via::of_storefront(mp),
        };
        let product = first_order.map_or_else(
            || &PRODUCTS[self.rng.weighted(product_weights())],
            |o| o.first_product(),
        );
        let m = self.customer_message(
            via,
            None,
            Some(product),
            at,
            &[Intent::ProductQuestion],
            &[],
            None,
        );
        if self.answerable(at) && self.rng.chance(0.95) {
            let ta = self.answer_time(at);
            if ta < start {
                let a = self.answer(&m, None, ta, None);
                self.msgs.push(a);
            }
        }
        self.msgs.push(m);
    }
}

/// True when a message with `intent` about `o` makes sense at `t`.
pub(crate) fn window_contains(intent: Intent, o: &Order, t: i64) -> bool {
    window(intent, o).is_some_and(|(lo, hi)| lo <= t && t <= hi)
}

/// Window of message times in which `intent` makes sense for `o`.
fn window(intent: Intent, o: &Order) -> Option<(i64, i64)> {
    use Intent::*;
    let placed = o.placed;
    let delivered = o.deliver_at.filter(|_| !o.cancelled);
    Some(match intent {
        Tracking => match delivered {
            Some(d) if d - placed > 2 * DAY => (placed + DAY, d - 2 * HOUR),
            Some(_) => return None,
            None => (placed + DAY, placed + 12 * DAY),
        },
        NotReceived => match delivered {
            Some(d) if o.vanished => (d + 2 * HOUR, d + 3 * DAY),
            Some(_) => return None,
            None => (o.ship_at + 7 * DAY, o.ship_at + 20 * DAY),
        },
        Damaged | WrongItem => {
            let d = delivered?;
            if o.vanished {
                return None;
            }
            (d + HOUR, d + 3 * DAY)
        }
        Assembly => {
            let d = delivered?;
            if !o.needs_assembly() || o.vanished {
                return None;
            }
            (d + 2 * HOUR, d + 5 * DAY)
        }
        Return => (delivered? + DAY, delivered? + 25 * DAY),
        Refund => (delivered? + 8 * DAY, delivered? + 35 * DAY),
        Cancellation => (placed + 5 * MINUTE, placed + 20 * HOUR),
        AddressChange => (placed + 5 * MINUTE, placed + 8 * HOUR),
        OrderChange => (placed + 5 * MINUTE, placed + 10 * HOUR),
        Invoice => (placed + 2 * HOUR, placed + 40 * DAY),
        ProductQuestion => match delivered {
            Some(d) => (d + 2 * HOUR, d + 10 * DAY),
            None => (placed + HOUR, placed + 2 * DAY),
        },
        Warranty => {
            let d = delivered?;
            if !matches!(
                o.category(),
                crate::catalog::Category::Lamp | crate::catalog::Category::Bulb
            ) {
                return None;
            }
            (d + 20 * DAY, d + 85 * DAY)
        }
        Payment => (placed + 10 * MINUTE, placed + 3 * DAY),
        Feedback => (delivered? + 2 * DAY, delivered? + 20 * DAY),
        Complaint => match delivered {
            Some(d) => (d, d + 10 * DAY),
            None => (placed + 7 * DAY, placed + 15 * DAY),
        },
        Other => (placed + HOUR, placed + 30 * DAY),
    })
}

/// Writes a message record.
pub(crate) fn render_msg(out: &mut String, m: &Msg) {
    let mut r = Obj::new(out);
    r.str("type", "message")
        .str("channel", m.via.channel())
        .opt("marketplace", m.marketplace)
        .str("external_id", &m.external_id)
        .opt("thread_id", m.thread_id.as_deref())
        .opt("in_reply_to", m.in_reply_to.as_deref());
    let mut t = String::with_capacity(20);
    push_rfc3339(&mut t, m.at);
    r.str("received_at", &t)
        .str("direction", if m.inbound { "inbound" } else { "outbound" });
    {
        let mut f = r.obj("from");
        f.str("email", &m.from_email).str("name", &m.from_name);
        f.end();
    }
    r.str("to", &m.to)
        .str("subject", &m.subject)
        .str("text", &m.text)
        .null("html")
        .opt("order_id", m.order_id.as_deref());
    {
        let mut x = r.obj("x_demo");
        x.str("person", &person_id(m.person))
            .str("language", m.lang.code());
        if let Some(truth) = &m.truth {
            x.strs("intents", truth.intents.iter().map(|i| i.label()));
            x.strs("signals", truth.signals.iter().map(|s| s.label()));
            x.opt("repeats", truth.repeats.as_deref());
            x.opt("order", truth.order.as_deref());
        }
        x.end();
    }
    r.end();
}
