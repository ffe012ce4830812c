//! A tenant's triage settings: the risk weights, the marketplace deadline per channel and the
//! company clock (time zone, shifts per weekday, holidays, first-response target).
//!
//! [`TriageSettings`] is the JSON document a seller edits (API, CLI) and storage keeps, one per
//! tenant. It is deliberately loose — numbers as `i64`, times and durations as strings — so that
//! [`TriageSettings::validate`] can name every wrong field with a message a person can act on,
//! instead of the first serde error. A valid document becomes [`TriageRules`], the typed values
//! ingest, the risk refresh and the SLA views run on. Anything a document leaves out takes its
//! default, down to a single intent weight or weekday; [`TriageSettings::from_rules`] writes the
//! complete, canonical document back.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::SignedDuration;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use crate::Channel;
use crate::clock::BusinessCalendar;
use crate::ingest::IngestRules;
use crate::risk::RiskWeights;
use crate::sla::{DeadlineRules, SlaPolicy};

/// The most points one contribution may carry: the score is capped at 100.
pub const MAX_POINTS: i64 = 100;
/// The longest marketplace window or company target accepted: 30 days.
const MAX_WINDOW_HOURS: i64 = 30 * 24;

/// The settings document of one tenant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TriageSettings {
    pub risk: RiskSettings,
    /// How long each channel gives to answer a customer message, counted around the clock.
    pub deadlines: DeadlineSettings,
    /// The company clock: the internal target counted in business hours.
    pub company: CompanySettings,
}

/// Points per contribution to the risk score, each from 0 to 100.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RiskSettings {
    /// Points per intent label; the strongest intent counts fully.
    pub intents: BTreeMap<String, i64>,
    /// Points each further intent adds (at most its own weight).
    pub extra_intent: i64,
    /// Points per risk signal.
    pub signals: BTreeMap<String, i64>,
    /// An Amazon order the seller ships himself.
    pub fbm_on_amazon: i64,
    /// Any Amazon conversation (account health).
    pub amazon_channel: i64,
    /// The highest threshold the order's total reaches applies.
    pub order_value: Vec<OrderValuePoints>,
    /// The tightest threshold the time left is under applies.
    pub time_left: Vec<TimeLeftPoints>,
    /// Points once the deadline has passed.
    pub overdue: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderValuePoints {
    /// Whole currency units (of the order's own currency).
    pub at_least: i64,
    pub points: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLeftPoints {
    pub under_hours: i64,
    pub points: i64,
}

/// Durations such as `"24h"`, `"2d"`, `"1h 30m"` or ISO 8601 `"PT24H"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeadlineSettings {
    pub amazon: String,
    pub ebay: String,
    pub walmart: String,
    pub shopify: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompanySettings {
    /// An IANA time zone name, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// Shifts per weekday in local time; a day left out keeps its default, `[]` is closed.
    pub week: WeekSettings,
    /// Closed days, `YYYY-MM-DD`.
    pub holidays: Vec<String>,
    /// The internal first-response target in business time, e.g. `"4h"`.
    pub first_response_target: String,
    /// A clock is at risk when less than this share of its window is left (0 < share < 1).
    pub at_risk_share: f64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WeekSettings {
    pub monday: Vec<Shift>,
    pub tuesday: Vec<Shift>,
    pub wednesday: Vec<Shift>,
    pub thursday: Vec<Shift>,
    pub friday: Vec<Shift>,
    pub saturday: Vec<Shift>,
    pub sunday: Vec<Shift>,
}

/// One stretch of open hours, `HH:MM` to `HH:MM` (`24:00` closes at midnight).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    pub start: String,
    pub end: String,
}

/// One refused setting: the field's path in the document and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// e.g. `company.week.monday[1]`, `risk.intents.tracking`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// The typed rules a valid document stands for.
#[derive(Clone, Debug, Default)]
pub struct TriageRules {
    pub risk: RiskWeights,
    pub deadlines: DeadlineRules,
    pub sla: SlaPolicy,
}

impl TriageRules {
    /// The rules of ingest with these deadlines and weights.
    pub fn ingest_rules(&self) -> IngestRules {
        IngestRules {
            deadlines: self.deadlines.clone(),
            risk: self.risk.clone(),
            ..IngestRules::default()
        }
    }
}

impl Default for TriageSettings {
    fn default() -> Self {
        TriageSettings::from_rules(&TriageRules::default())
    }
}

impl Default for RiskSettings {
    fn default() -> Self {
        TriageSettings::default().risk
    }
}

impl Default for DeadlineSettings {
    fn default() -> Self {
        TriageSettings::default().deadlines
    }
}

impl Default for CompanySettings {
    fn default() -> Self {
        TriageSettings::default().company
    }
}

impl Default for WeekSettings {
    fn default() -> Self {
        TriageSettings::default().company.week
    }
}

fn duration_text(d: SignedDuration) -> String {
    format!("{d:#}")
}

fn time_text(t: Time) -> String {
    if t == Time::MAX {
        "24:00".to_string()
    } else {
        format!("{:02}:{:02}", t.hour(), t.minute())
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl WeekSettings {
    fn days(&self) -> [&Vec<Shift>; 7] {
        [
            &self.monday,
            &self.tuesday,
            &self.wednesday,
            &self.thursday,
            &self.friday,
            &self.saturday,
            &self.sunday,
        ]
    }

    fn from_days(mut days: [Vec<Shift>; 7]) -> Self {
        let mut take = |i: usize| std::mem::take(&mut days[i]);
        WeekSettings {
            monday: take(0),
            tuesday: take(1),
            wednesday: take(2),
            thursday: take(3),
            friday: take(4),
            saturday: take(5),
            sunday: take(6),
        }
    }
}

impl TriageSettings {
    /// The complete document of these rules.
    pub fn from_rules(rules: &TriageRules) -> Self {
        let w = &rules.risk;
        let points = |table: &[(String, u8)]| {
            table
                .iter()
                .map(|(l, p)| (l.clone(), i64::from(*p)))
                .collect()
        };
        let mut order_value: Vec<OrderValuePoints> = w
            .order_value
            .iter()
            .map(|(t, p)| OrderValuePoints {
                at_least: *t,
                points: i64::from(*p),
            })
            .collect();
        order_value.sort_by_key(|o| std::cmp::Reverse(o.at_least));
        let mut time_left: Vec<TimeLeftPoints> = w
            .time_left
            .iter()
            .map(|(h, p)| TimeLeftPoints {
                under_hours: *h,
                points: i64::from(*p),
            })
            .collect();
        time_left.sort_by_key(|t| t.under_hours);
        let d = &rules.deadlines;
        let cal = &rules.sla.calendar;
        let days = cal.week.clone().map(|shifts| {
            shifts
                .into_iter()
                .map(|(s, e)| Shift {
                    start: time_text(s),
                    end: time_text(e),
                })
                .collect()
        });
        TriageSettings {
            risk: RiskSettings {
                intents: points(&w.intents),
                extra_intent: i64::from(w.extra_intent),
                signals: points(&w.signals),
                fbm_on_amazon: i64::from(w.fbm_on_amazon),
                amazon_channel: i64::from(w.amazon_channel),
                order_value,
                time_left,
                overdue: i64::from(w.overdue),
            },
            deadlines: DeadlineSettings {
                amazon: duration_text(d.amazon),
                ebay: duration_text(d.ebay),
                walmart: duration_text(d.walmart),
                shopify: duration_text(d.shopify),
                email: duration_text(d.email),
            },
            company: CompanySettings {
                time_zone: cal.tz.iana_name().unwrap_or("UTC").to_string(),
                week: WeekSettings::from_days(days),
                holidays: cal.holidays.iter().map(ToString::to_string).collect(),
                first_response_target: duration_text(rules.sla.company_target),
                at_risk_share: rules.sla.warn_share,
            },
        }
    }

    /// Checks every field and returns the typed rules, or every refused field.
    pub fn validate(&self) -> Result<TriageRules, Vec<FieldError>> {
        let mut errors = Errors::default();
        let risk = validate_risk(&self.risk, &mut errors);
        let deadlines = validate_deadlines(&self.deadlines, &mut errors);
        let sla = validate_company(&self.company, &mut errors);
        if errors.0.is_empty() {
            Ok(TriageRules {
                risk,
                deadlines,
                sla,
            })
        } else {
            Err(errors.0)
        }
    }

    /// The complete, canonical form of a valid document (defaults filled in, shifts and
    /// thresholds sorted).
    pub fn normalized(&self) -> Result<TriageSettings, Vec<FieldError>> {
        self.validate()
            .map(|rules| TriageSettings::from_rules(&rules))
    }
}

#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Points from 0 to 100, or an error (and 0).
    fn points(&mut self, field: impl Into<String>, value: i64) -> u8 {
        match u8::try_from(value) {
            Ok(p) if i64::from(p) <= MAX_POINTS => p,
            _ => {
                self.push(
                    field,
                    format!("must be a whole number from 0 to {MAX_POINTS}, not {value}"),
                );
                0
            }
        }
    }

    /// A positive duration of at most 30 days.
    fn duration(&mut self, field: &str, raw: &str) -> Option<SignedDuration> {
        // Days count as 24 hours; months and years are refused as having no fixed length.
        let parsed = raw
            .trim()
            .parse::<jiff::Span>()
            .and_then(|span| span.to_duration(jiff::SpanRelativeTo::days_are_24_hours()));
        match parsed {
            Ok(d)
                if d > SignedDuration::ZERO
                    && d <= SignedDuration::from_hours(MAX_WINDOW_HOURS) =>
            {
                Some(d)
            }
            Ok(d) => {
                self.push(
                    field,
                    format!(
                        "must be more than zero and at most 30 days, not {}",
                        duration_text(d)
                    ),
                );
                None
            }
            Err(_) => {
                self.push(
                    field,
                    format!("{raw:?} is not a duration; write e.g. \"24h\", \"2d\" or \"1h 30m\""),
                );
                None
            }
        }
    }
}

/// Labels weighted by a table, defaults for those the document leaves out.
fn label_table(
    section: &str,
    what: &str,
    given: &BTreeMap<String, i64>,
    defaults: &[(String, u8)],
    known: &[&str],
    errors: &mut Errors,
) -> Vec<(String, u8)> {
    for label in given.keys() {
        if !known.contains(&label.as_str()) {
            errors.push(
                format!("{section}.{label}"),
                format!("unknown {what}; known: {}", known.join(", ")),
            );
        }
    }
    // In the defaults' order, then any label they lack (order does not change the score).
    let labels = defaults
        .iter()
        .map(|(l, _)| l.as_str())
        .filter(|l| known.contains(l))
        .chain(
            known
                .iter()
                .copied()
                .filter(|l| !defaults.iter().any(|(d, _)| d == l)),
        );
    labels
        .map(|label| {
            let points = match given.get(label) {
                Some(v) => errors.points(format!("{section}.{label}"), *v),
                None => defaults
                    .iter()
                    .find(|(l, _)| l == label)
                    .map_or(0, |(_, p)| *p),
            };
            (label.to_string(), points)
        })
        .collect()
}

fn validate_risk(r: &RiskSettings, errors: &mut Errors) -> RiskWeights {
    let defaults = RiskWeights::default();
    let intents = label_table(
        "risk.intents",
        "intent label",
        &r.intents,
        &defaults.intents,
        cairn_nlu::INTENT_LABELS,
        errors,
    );
    let signals = label_table(
        "risk.signals",
        "risk signal",
        &r.signals,
        &defaults.signals,
        cairn_nlu::SIGNAL_LABELS,
        errors,
    );
    let mut order_value = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, o) in r.order_value.iter().enumerate() {
        let field = format!("risk.order_value[{i}]");
        if o.at_least < 0 {
            errors.push(
                format!("{field}.at_least"),
                format!("must not be negative, not {}", o.at_least),
            );
        } else if !seen.insert(o.at_least) {
            errors.push(
                format!("{field}.at_least"),
                format!("the threshold {} is given twice", o.at_least),
            );
        }
        let p = errors.points(format!("{field}.points"), o.points);
        order_value.push((o.at_least, p));
    }
    order_value.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
    let mut time_left = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, t) in r.time_left.iter().enumerate() {
        let field = format!("risk.time_left[{i}]");
        if !(1..=MAX_WINDOW_HOURS).contains(&t.under_hours) {
            errors.push(
                format!("{field}.under_hours"),
                format!(
                    "must be from 1 to {MAX_WINDOW_HOURS} hours, not {}",
                    t.under_hours
                ),
            );
        } else if !seen.insert(t.under_hours) {
            errors.push(
                format!("{field}.under_hours"),
                format!("the threshold {} is given twice", t.under_hours),
            );
        }
        let p = errors.points(format!("{field}.points"), t.points);
        time_left.push((t.under_hours, p));
    }
    time_left.sort_by_key(|(h, _)| *h);
    RiskWeights {
        intents,
        extra_intent: errors.points("risk.extra_intent", r.extra_intent),
        signals,
        fbm_on_amazon: errors.points("risk.fbm_on_amazon", r.fbm_on_amazon),
        amazon_channel: errors.points("risk.amazon_channel", r.amazon_channel),
        order_value,
        time_left,
        overdue: errors.points("risk.overdue", r.overdue),
    }
}

fn validate_deadlines(d: &DeadlineSettings, errors: &mut Errors) -> DeadlineRules {
    let defaults = DeadlineRules::default();
    let mut one = |channel: Channel, raw: &str| {
        errors
            .duration(&format!("deadlines.{}", channel.as_str()), raw)
            .unwrap_or_else(|| defaults.window(channel))
    };
    DeadlineRules {
        amazon: one(Channel::Amazon, &d.amazon),
        ebay: one(Channel::Ebay, &d.ebay),
        walmart: one(Channel::Walmart, &d.walmart),
        shopify: one(Channel::Shopify, &d.shopify),
        email: one(Channel::Email, &d.email),
    }
}

/// `HH:MM`, whole minutes; `24:00` only as the end of a shift.
fn parse_time(raw: &str, is_end: bool) -> Result<Time, String> {
    let raw = raw.trim();
    if raw == "24:00" {
        return if is_end {
            Ok(Time::MAX)
        } else {
            Err("24:00 can only end a shift".to_string())
        };
    }
    let bad = || format!("{raw:?} is not a time of day; write HH:MM, e.g. \"08:30\"");
    let (h, m) = raw.split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: i8 = h.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    Time::new(h, m, 0, 0).map_err(|_| bad())
}

fn validate_company(c: &CompanySettings, errors: &mut Errors) -> SlaPolicy {
    let defaults = SlaPolicy::default();
    let tz = match TimeZone::get(c.time_zone.trim()) {
        Ok(tz) if !c.time_zone.trim().is_empty() => tz,
        _ => {
            errors.push(
                "company.time_zone",
                format!(
                    "unknown time zone {:?}; use an IANA name such as \"Europe/Berlin\" or \"America/New_York\"",
                    c.time_zone
                ),
            );
            defaults.calendar.tz.clone()
        }
    };
    let mut week: [Vec<(Time, Time)>; 7] = Default::default();
    for (day, shifts) in c.week.days().into_iter().enumerate() {
        let name = WEEKDAYS[day];
        let mut parsed: Vec<(usize, Time, Time)> = Vec::new();
        for (i, shift) in shifts.iter().enumerate() {
            let field = format!("company.week.{name}[{i}]");
            let start = parse_time(&shift.start, false)
                .map_err(|e| errors.push(format!("{field}.start"), e))
                .ok();
            let end = parse_time(&shift.end, true)
                .map_err(|e| errors.push(format!("{field}.end"), e))
                .ok();
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            if start >= end {
                errors.push(
                    field,
                    format!(
                        "the shift starts at {} but ends at {}: the end must come after the start",
                        time_text(start),
                        time_text(end)
                    ),
                );
                continue;
            }
            parsed.push((i, start, end));
        }
        parsed.sort_by_key(|(_, s, _)| *s);
        // Each shift against the one reaching furthest among those starting before it.
        let mut reach: Option<(usize, Time, Time)> = None;
        for &(j, s2, e2) in &parsed {
            if let Some((i, s1, e1)) = reach
                && s2 < e1
            {
                errors.push(
                    format!("company.week.{name}[{}]", i.max(j)),
                    format!(
                        "{}–{} overlaps {}–{} on {name}",
                        time_text(s2),
                        time_text(e2),
                        time_text(s1),
                        time_text(e1)
                    ),
                );
            }
            if reach.is_none_or(|(_, _, e1)| e2 > e1) {
                reach = Some((j, s2, e2));
            }
        }
        week[day] = parsed.into_iter().map(|(_, s, e)| (s, e)).collect();
    }
    if c.week.days().iter().all(|d| d.is_empty()) {
        errors.push(
            "company.week",
            "no open hours on any day: the company clock would never come due",
        );
    }
    let mut holidays = BTreeSet::new();
    for (i, raw) in c.holidays.iter().enumerate() {
        match raw.trim().parse::<Date>() {
            Ok(d) => {
                holidays.insert(d);
            }
            Err(_) => errors.push(
                format!("company.holidays[{i}]"),
                format!("{raw:?} is not a date; write YYYY-MM-DD, e.g. \"2026-12-25\""),
            ),
        }
    }
    let company_target = errors
        .duration("company.first_response_target", &c.first_response_target)
        .unwrap_or(defaults.company_target);
    let warn_share = if c.at_risk_share > 0.0 && c.at_risk_share < 1.0 {
        c.at_risk_share
    } else {
        errors.push(
            "company.at_risk_share",
            format!(
                "must be between 0 and 1 (e.g. 0.25), not {}",
                c.at_risk_share
            ),
        );
        defaults.warn_share
    };
    SlaPolicy {
        calendar: BusinessCalendar { tz, week, holidays },
        company_target,
        warn_share,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors_of(doc: serde_json::Value) -> Vec<FieldError> {
        let settings: TriageSettings = match serde_json::from_value(doc) {
            Ok(s) => s,
            Err(e) => panic!("document does not parse: {e}"),
        };
        settings.validate().err().unwrap_or_default()
    }

    #[test]
    fn the_default_document_is_valid_and_stands_for_the_defaults() {
        let doc = TriageSettings::default();
        let rules = match doc.validate() {
            Ok(r) => r,
            Err(e) => panic!("{e:?}"),
        };
        assert_eq!(rules.risk, RiskWeights::default());
        assert_eq!(rules.deadlines, DeadlineRules::default());
        assert_eq!(rules.sla.company_target, SignedDuration::from_hours(4));
        assert_eq!(doc.company.time_zone, "Europe/Berlin");
        assert_eq!(doc.deadlines.amazon, "24h");
        assert_eq!(
            doc.company.week.monday,
            vec![Shift {
                start: "09:00".into(),
                end: "17:00".into()
            }]
        );
        // An empty document is the defaults; a round trip through JSON changes nothing.
        let empty: TriageSettings = serde_json::from_value(json!({})).unwrap_or_else(|e| {
            panic!("{e}");
        });
        assert_eq!(empty, doc);
        let text = serde_json::to_string(&doc).unwrap_or_default();
        let back: TriageSettings = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, doc);
    }

    #[test]
    fn a_partial_document_keeps_the_defaults_it_leaves_out() {
        let doc: TriageSettings = serde_json::from_value(json!({
            "risk": {"intents": {"product_question": 40}},
            "deadlines": {"ebay": "2d"},
            "company": {
                "time_zone": "America/New_York",
                "week": {"monday": [{"start": "13:00", "end": "17:00"}, {"start": "08:00", "end": "12:00"}],
                         "saturday": [{"start": "10:00", "end": "14:00"}]},
                "holidays": ["2026-12-25", "2026-01-01"],
                "first_response_target": "2h 30m"
            }
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let rules = doc.validate().unwrap_or_else(|e| panic!("{e:?}"));
        let weight = |label: &str| {
            rules
                .risk
                .intents
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, p)| *p)
        };
        assert_eq!(weight("product_question"), Some(40));
        assert_eq!(weight("not_received"), Some(26));
        assert_eq!(rules.deadlines.ebay, SignedDuration::from_hours(48));
        assert_eq!(rules.deadlines.amazon, SignedDuration::from_hours(24));
        let t = |h, m| Time::constant(h, m, 0, 0);
        assert_eq!(
            rules.sla.calendar.week[0],
            vec![(t(8, 0), t(12, 0)), (t(13, 0), t(17, 0))]
        );
        assert_eq!(rules.sla.calendar.week[1], vec![(t(9, 0), t(17, 0))]);
        assert_eq!(rules.sla.calendar.week[5], vec![(t(10, 0), t(14, 0))]);
        assert_eq!(rules.sla.calendar.holidays.len(), 2);
        assert_eq!(rules.sla.company_target, SignedDuration::from_mins(150));
        let canonical = doc.normalized().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(canonical.company.first_response_target, "2h 30m");
        assert_eq!(canonical.company.holidays, vec!["2026-01-01", "2026-12-25"]);
        assert_eq!(canonical.company.week.monday[0].start, "08:00");
        assert_eq!(canonical.risk.intents.len(), cairn_nlu::INTENT_LABELS.len());
        assert_eq!(canonical.normalized().as_ref(), Ok(&canonical));
    }

    #[test]
    fn a_shift_until_midnight() {
        let doc: TriageSettings = serde_json::from_value(json!({
            "company": {"week": {"sunday": [{"start": "00:00", "end": "24:00"}]}}
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let canonical = doc.normalized().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(canonical.company.week.sunday[0].end, "24:00");
    }

    #[test]
    fn table_of_refused_settings() {
        let shift = |s: &str, e: &str| json!({"start": s, "end": e});
        let cases: Vec<(serde_json::Value, &str, &str)> = vec![
            (
                json!({"company": {"time_zone": "Europe/Berln"}}),
                "company.time_zone",
                "unknown time zone \"Europe/Berln\"",
            ),
            (
                json!({"company": {"time_zone": ""}}),
                "company.time_zone",
                "unknown time zone",
            ),
            (
                json!({"company": {"week": {"monday": [shift("17:00", "08:00")]}}}),
                "company.week.monday[0]",
                "starts at 17:00 but ends at 08:00",
            ),
            (
                json!({"company": {"week": {"monday": [shift("09:00", "09:00")]}}}),
                "company.week.monday[0]",
                "the end must come after the start",
            ),
            (
                json!({"company": {"week": {"tuesday": [shift("08:00", "12:00"), shift("11:00", "15:00")]}}}),
                "company.week.tuesday[1]",
                "11:00–15:00 overlaps 08:00–12:00",
            ),
            (
                json!({"company": {"week": {"friday": [shift("13:00", "17:00"), shift("08:00", "13:30")]}}}),
                "company.week.friday[1]",
                "overlaps",
            ),
            (
                json!({"company": {"week": {"monday": [shift("8", "12:00")]}}}),
                "company.week.monday[0].start",
                "not a time of day",
            ),
            (
                json!({"company": {"week": {"monday": [shift("08:00", "25:00")]}}}),
                "company.week.monday[0].end",
                "not a time of day",
            ),
            (
                json!({"company": {"week": {"monday": [shift("24:00", "24:00")]}}}),
                "company.week.monday[0].start",
                "24:00 can only end a shift",
            ),
            (
                json!({"company": {"week": {"monday": [], "tuesday": [], "wednesday": [],
                    "thursday": [], "friday": [], "saturday": [], "sunday": []}}}),
                "company.week",
                "never come due",
            ),
            (
                json!({"company": {"holidays": ["2026-12-25", "25.12.2026"]}}),
                "company.holidays[1]",
                "not a date",
            ),
            (
                json!({"company": {"first_response_target": "soon"}}),
                "company.first_response_target",
                "not a duration",
            ),
            (
                json!({"company": {"first_response_target": "0h"}}),
                "company.first_response_target",
                "more than zero",
            ),
            (
                json!({"company": {"at_risk_share": 1.5}}),
                "company.at_risk_share",
                "between 0 and 1",
            ),
            (
                json!({"deadlines": {"amazon": "-24h"}}),
                "deadlines.amazon",
                "more than zero",
            ),
            (
                json!({"deadlines": {"walmart": "90d"}}),
                "deadlines.walmart",
                "at most 30 days",
            ),
            (
                json!({"deadlines": {"ebay": "tomorrow"}}),
                "deadlines.ebay",
                "not a duration",
            ),
            (
                json!({"risk": {"intents": {"tracking": -3}}}),
                "risk.intents.tracking",
                "from 0 to 100, not -3",
            ),
            (
                json!({"risk": {"intents": {"trackin": 10}}}),
                "risk.intents.trackin",
                "unknown intent label",
            ),
            (
                json!({"risk": {"signals": {"frustration": 101}}}),
                "risk.signals.frustration",
                "from 0 to 100",
            ),
            (
                json!({"risk": {"signals": {"anger": 5}}}),
                "risk.signals.anger",
                "unknown risk signal",
            ),
            (json!({"risk": {"overdue": -1}}), "risk.overdue", "not -1"),
            (
                json!({"risk": {"extra_intent": 300}}),
                "risk.extra_intent",
                "from 0 to 100",
            ),
            (
                json!({"risk": {"order_value": [{"at_least": -5, "points": 3}]}}),
                "risk.order_value[0].at_least",
                "must not be negative",
            ),
            (
                json!({"risk": {"order_value": [{"at_least": 50, "points": 3}, {"at_least": 50, "points": 4}]}}),
                "risk.order_value[1].at_least",
                "given twice",
            ),
            (
                json!({"risk": {"time_left": [{"under_hours": 0, "points": 3}]}}),
                "risk.time_left[0].under_hours",
                "from 1 to 720",
            ),
            (
                json!({"risk": {"time_left": [{"under_hours": 4, "points": -2}]}}),
                "risk.time_left[0].points",
                "from 0 to 100",
            ),
        ];
        for (doc, field, message) in cases {
            let errors = errors_of(doc.clone());
            assert!(
                errors
                    .iter()
                    .any(|e| e.field == field && e.message.contains(message)),
                "{doc}: want {field}: …{message}…, got {errors:?}"
            );
        }
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let errors = errors_of(json!({
            "risk": {"overdue": -1, "fbm_on_amazon": 500},
            "deadlines": {"shopify": "x"},
            "company": {"time_zone": "Mars/Olympus"}
        }));
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "risk.fbm_on_amazon",
                "risk.overdue",
                "deadlines.shopify",
                "company.time_zone"
            ]
        );
    }

    #[test]
    fn unknown_fields_are_refused_by_name() {
        let err = serde_json::from_value::<TriageSettings>(json!({"deadlines": {"etsy": "24h"}}))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown field `etsy`"), "{err}");
    }
}
