//! What customers and the shop write, per language: templates with `{placeholders}` that the
//! conversation generator fills with the order's real data.
//!
//! A template that names a value the situation does not have (a tracking number before the
//! parcel left) cannot be used, so templates never lie about the order. `{?flag}` markers do the
//! same for conditions without a value (`{?unshipped}`, `{?amazon}`) and render as nothing.

mod de;
mod en;
mod es;
mod fr;
mod it;

use std::borrow::Cow;

use crate::catalog::{Category, Currency};
use crate::rng::Rng;
use crate::time::Zone;

/// Message languages, in the column order of product titles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    De = 0,
    En = 1,
    Fr = 2,
    It = 3,
    Es = 4,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::De, Lang::En, Lang::Fr, Lang::It, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::It => "it",
            Lang::Es => "es",
        }
    }

    pub(crate) fn texts(self) -> &'static Texts {
        match self {
            Lang::De => &de::TEXTS,
            Lang::En => &en::TEXTS,
            Lang::Fr => &fr::TEXTS,
            Lang::It => &it::TEXTS,
            Lang::Es => &es::TEXTS,
        }
    }

    pub(crate) fn months(self) -> &'static [&'static str; 12] {
        &self.texts().months
    }
}

/// The intent labels of PRODUCT.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Intent {
    Tracking = 0,
    NotReceived,
    Damaged,
    WrongItem,
    Return,
    Refund,
    Cancellation,
    AddressChange,
    OrderChange,
    Invoice,
    ProductQuestion,
    Assembly,
    Warranty,
    Payment,
    Feedback,
    Complaint,
    Other,
}

pub(crate) const INTENTS: usize = 17;

impl Intent {
    pub const ALL: [Intent; INTENTS] = [
        Intent::Tracking,
        Intent::NotReceived,
        Intent::Damaged,
        Intent::WrongItem,
        Intent::Return,
        Intent::Refund,
        Intent::Cancellation,
        Intent::AddressChange,
        Intent::OrderChange,
        Intent::Invoice,
        Intent::ProductQuestion,
        Intent::Assembly,
        Intent::Warranty,
        Intent::Payment,
        Intent::Feedback,
        Intent::Complaint,
        Intent::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Intent::Tracking => "tracking",
            Intent::NotReceived => "not_received",
            Intent::Damaged => "damaged",
            Intent::WrongItem => "wrong_item",
            Intent::Return => "return",
            Intent::Refund => "refund",
            Intent::Cancellation => "cancellation",
            Intent::AddressChange => "address_change",
            Intent::OrderChange => "order_change",
            Intent::Invoice => "invoice",
            Intent::ProductQuestion => "product_question",
            Intent::Assembly => "assembly",
            Intent::Warranty => "warranty",
            Intent::Payment => "payment",
            Intent::Feedback => "feedback",
            Intent::Complaint => "complaint",
            Intent::Other => "other",
        }
    }
}

/// Risk signals of PRODUCT.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Signal {
    Frustration,
    NegativeFeedbackThreat,
    AToZThreat,
    ChargebackThreat,
    LegalThreat,
    RepeatContact,
}

impl Signal {
    pub fn label(self) -> &'static str {
        match self {
            Signal::Frustration => "frustration",
            Signal::NegativeFeedbackThreat => "negative_feedback_threat",
            Signal::AToZThreat => "a_to_z_threat",
            Signal::ChargebackThreat => "chargeback_threat",
            Signal::LegalThreat => "legal_threat",
            Signal::RepeatContact => "repeat_contact",
        }
    }
}

type List = &'static [&'static str];

/// Everything written in one language.
pub(crate) struct Texts {
    pub(crate) months: [&'static str; 12],
    // Customer side.
    pub(crate) greetings: List,
    /// `{first}`, `{last}`.
    pub(crate) closings: List,
    pub(crate) phone_signature: &'static str,
    pub(crate) bodies: [List; INTENTS],
    pub(crate) presale: List,
    pub(crate) also: List,
    pub(crate) frustration: List,
    /// Negative feedback, A-to-z claim, chargeback, lawyer.
    pub(crate) threats: [List; 4],
    /// `{via}` (where they wrote before), `{when}`.
    pub(crate) repeat_intro: List,
    pub(crate) order_mention: List,
    pub(crate) followup_thanks: List,
    pub(crate) followup_still: List,
    /// Today, yesterday, "{n} days ago".
    pub(crate) when: [&'static str; 3],
    /// Amazon, eBay, Walmart, the contact form, e-mail.
    pub(crate) via: [&'static str; 5],
    pub(crate) subj_amazon: List,
    pub(crate) subj_amazon_presale: List,
    pub(crate) subj_ebay: List,
    pub(crate) subj_email: List,
    pub(crate) topics: [&'static str; INTENTS],
    pub(crate) reply_prefix: &'static str,
    /// Amazon relay frame: header line, begin marker, end marker.
    pub(crate) amazon_frame: [&'static str; 3],
    /// Shopify contact form: subject, intro, name, e-mail, phone, message labels.
    pub(crate) contact_form: [&'static str; 6],
    /// Quote header of a mail client: `{date}`, `{from}`.
    pub(crate) quote_header: &'static str,
    /// Per product category (lamp, bulb, shade, decor, fabric); questions and answers pair up.
    pub(crate) defects: [List; 5],
    pub(crate) parts: [List; 5],
    pub(crate) questions: [List; 5],
    pub(crate) question_answers: [List; 5],
    // Shop side.
    /// Female and male salutation for `{salut}`.
    pub(crate) salut: [&'static str; 2],
    pub(crate) ans_greet: List,
    pub(crate) ans_thanks: List,
    pub(crate) ans_sorry: List,
    pub(crate) ans: [List; INTENTS],
    pub(crate) ans_courtesy: List,
    pub(crate) ans_close: List,
    /// Sentence that introduces a tracking link in e-mail answers: `{url}`.
    pub(crate) link: &'static str,
}

impl Texts {
    pub(crate) fn body(&self, i: Intent) -> List {
        self.bodies[i as usize]
    }

    pub(crate) fn answer(&self, i: Intent) -> List {
        self.ans[i as usize]
    }

    pub(crate) fn category(&self, table: &[List; 5], c: Category) -> List {
        let _ = self;
        table[match c {
            Category::Lamp => 0,
            Category::Bulb => 1,
            Category::Shade => 2,
            Category::Decor => 3,
            Category::Fabric => 4,
        }]
    }
}

/// Placeholder names templates may use, in slot order.
const NAMES: [&str; 32] = [
    "order",
    "product",
    "carrier",
    "tracking",
    "date",
    "shipdate",
    "deldate",
    "eta",
    "deadline",
    "days",
    "amount",
    "refund_id",
    "refund_date",
    "part",
    "defect",
    "question",
    "answer_q",
    "newaddr",
    "item",
    "user",
    "first",
    "last",
    "salut",
    "agent",
    "via",
    "when",
    "topic",
    "link",
    "city",
    "n",
    "url",
    "from",
];

/// Condition names for `{?flag}` markers.
const FLAGS: [&str; 7] = [
    "shipped",
    "unshipped",
    "delivered",
    "undelivered",
    "amazon",
    "notamazon",
    "lost",
];

fn slot(name: &str) -> Option<usize> {
    NAMES.iter().position(|n| *n == name)
}

/// A template value. Dates and numbers are written straight into the output when a template
/// uses them, since most values are never used.
#[derive(Clone)]
enum Value {
    Text(Cow<'static, str>),
    Date(i64),
    Number(u64),
    Money(u64, Currency),
}

/// Values a template may name. A missing value means the situation does not have it.
#[derive(Default, Clone)]
pub(crate) struct Vars {
    values: [Option<Value>; 32],
    flags: u8,
    /// Language and time zone dates are written in.
    dates: Option<(Lang, Zone)>,
}

impl Vars {
    pub(crate) fn dated(lang: Lang, zone: Zone) -> Vars {
        Vars {
            dates: Some((lang, zone)),
            ..Vars::default()
        }
    }

    fn put(&mut self, name: &'static str, value: Value) {
        match slot(name) {
            Some(i) => self.values[i] = Some(value),
            None => debug_assert!(false, "unknown template value {name}"),
        }
    }

    pub(crate) fn set(&mut self, name: &'static str, value: impl Into<Cow<'static, str>>) {
        self.put(name, Value::Text(value.into()));
    }

    /// A date, written as people write it in the vars' language (needs [`Vars::dated`]).
    pub(crate) fn set_date(&mut self, name: &'static str, t: i64) {
        self.put(name, Value::Date(t));
    }

    pub(crate) fn set_number(&mut self, name: &'static str, n: u64) {
        self.put(name, Value::Number(n));
    }

    /// An amount, written the way the vars' language writes money (needs [`Vars::dated`]).
    pub(crate) fn set_money(&mut self, name: &'static str, cents: u64, currency: Currency) {
        self.put(name, Value::Money(cents, currency));
    }

    pub(crate) fn flag(&mut self, name: &'static str) {
        match FLAGS.iter().position(|f| *f == name) {
            Some(i) => self.flags |= 1 << i,
            None => debug_assert!(false, "unknown template flag {name}"),
        }
    }

    fn has_flag(&self, name: &str) -> bool {
        FLAGS
            .iter()
            .position(|f| *f == name)
            .is_some_and(|i| self.flags & (1 << i) != 0)
    }

    /// Writes the value `name` to `out`; false when there is none.
    fn write(&self, name: &str, out: &mut String) -> bool {
        let Some(value) = slot(name).and_then(|i| self.values[i].as_ref()) else {
            return false;
        };
        match value {
            Value::Text(t) => out.push_str(t),
            Value::Number(n) => crate::json::push_uint(out, *n, 1),
            Value::Date(t) => match self.dates {
                Some((lang, zone)) => crate::time::push_human_date(out, lang, *t, zone),
                None => return false,
            },
            Value::Money(cents, currency) => match self.dates {
                Some((lang, _)) => currency.push_human(out, *cents, lang),
                None => return false,
            },
        }
        true
    }

    /// Appends `template` with its placeholders filled to `out`; false (and `out` unchanged)
    /// when the template names a value or flag these vars lack.
    pub(crate) fn fill_into(&self, template: &str, out: &mut String) -> bool {
        let start_len = out.len();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                return true;
            };
            let name = &after[..close];
            if let Some(flag) = name.strip_prefix('?') {
                if !self.has_flag(flag) {
                    out.truncate(start_len);
                    return false;
                }
            } else if !self.write(name, out) {
                out.truncate(start_len);
                return false;
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        true
    }

    /// A random template of `list` that these vars can fill, filled; `None` when none fits.
    pub(crate) fn pick(&self, rng: &mut Rng, list: &[&str]) -> Option<String> {
        if list.is_empty() {
            return None;
        }
        let start = rng.index(list.len());
        let mut out = String::with_capacity(160);
        for i in 0..list.len() {
            if self.fill_into(list[(start + i) % list.len()], &mut out) {
                return Some(out);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_or_refuse() {
        let mut v = Vars::default();
        v.set("order", "302-1234567-1234567");
        v.flag("shipped");
        let mut out = String::new();
        assert!(v.fill_into("{?shipped}Order {order} shipped.", &mut out));
        assert_eq!(out, "Order 302-1234567-1234567 shipped.");
        out.clear();
        assert!(!v.fill_into("Tracking {tracking}", &mut out));
        assert!(out.is_empty());
        assert!(!v.fill_into("{?unshipped}Soon.", &mut out));
    }

    /// Every language has every table filled, and every template uses only known names.
    #[test]
    fn every_language_is_complete() {
        let known = |key: &str| match key.strip_prefix('?') {
            Some(flag) => FLAGS.contains(&flag),
            None => NAMES.contains(&key),
        };
        for lang in Lang::ALL {
            let t = lang.texts();
            let mut lists: Vec<(&str, List)> = vec![
                ("greetings", t.greetings),
                ("closings", t.closings),
                ("presale", t.presale),
                ("also", t.also),
                ("frustration", t.frustration),
                ("repeat_intro", t.repeat_intro),
                ("order_mention", t.order_mention),
                ("followup_thanks", t.followup_thanks),
                ("followup_still", t.followup_still),
                ("subj_amazon", t.subj_amazon),
                ("subj_amazon_presale", t.subj_amazon_presale),
                ("subj_ebay", t.subj_ebay),
                ("subj_email", t.subj_email),
                ("ans_greet", t.ans_greet),
                ("ans_thanks", t.ans_thanks),
                ("ans_sorry", t.ans_sorry),
                ("ans_courtesy", t.ans_courtesy),
                ("ans_close", t.ans_close),
            ];
            for (i, b) in t.bodies.iter().enumerate() {
                lists.push((Intent::ALL[i].label(), b));
            }
            for (i, b) in t.ans.iter().enumerate() {
                lists.push((Intent::ALL[i].label(), b));
            }
            for table in [
                &t.threats[..],
                &t.defects[..],
                &t.parts[..],
                &t.questions[..],
                &t.question_answers[..],
            ] {
                for b in table {
                    lists.push(("table", b));
                }
            }
            for (name, list) in lists {
                assert!(!list.is_empty(), "{} {name} is empty", lang.code());
                for tpl in list {
                    let mut rest = *tpl;
                    while let Some(open) = rest.find('{') {
                        let after = &rest[open + 1..];
                        let close = after.find('}').unwrap_or(after.len());
                        let key = &after[..close];
                        assert!(
                            known(key),
                            "{} {name}: unknown {{{key}}} in {tpl:?}",
                            lang.code()
                        );
                        rest = &after[close.min(after.len())..];
                    }
                }
            }
            assert!(t.months.iter().all(|m| !m.is_empty()));
            // Subjects are chosen by position: generic, generic, shipping, return.
            assert_eq!(t.subj_amazon.len(), 4, "{}", lang.code());
            for (q, a) in t.questions.iter().zip(t.question_answers.iter()) {
                assert_eq!(
                    q.len(),
                    a.len(),
                    "{}: every question has its answer",
                    lang.code()
                );
            }
        }
    }
}
