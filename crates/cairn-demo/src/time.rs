//! Calendar arithmetic on unix seconds: RFC 3339 formatting, weekdays, the daylight-saving rules
//! of the customers' time zones and dates written the way each language writes them.
//!
//! Hand-written (Howard Hinnant's civil-date algorithms) to keep the crate free of dependencies;
//! only the proleptic Gregorian calendar and whole seconds are needed.

use crate::text::Lang;

pub(crate) const MINUTE: i64 = 60;
pub(crate) const HOUR: i64 = 3600;
pub(crate) const DAY: i64 = 86_400;

/// Days since 1970-01-01 for a civil date.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date (year, month 1–12, day 1–31) of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Monday = 0 … Sunday = 6.
pub(crate) fn weekday(t: i64) -> u32 {
    // 1970-01-01 was a Thursday.
    ((t.div_euclid(DAY) + 3).rem_euclid(7)) as u32
}

fn push_2(out: &mut String, v: u32) {
    out.push(char::from(b'0' + (v / 10 % 10) as u8));
    out.push(char::from(b'0' + (v % 10) as u8));
}

/// Appends `t` as RFC 3339 UTC, e.g. `2026-11-10T08:01:00Z`.
pub(crate) fn push_rfc3339(out: &mut String, t: i64) {
    let (y, m, d) = civil_from_days(t.div_euclid(DAY));
    let s = t.rem_euclid(DAY) as u32;
    let y = y.clamp(0, 9999) as u32;
    push_2(out, y / 100);
    push_2(out, y % 100);
    out.push('-');
    push_2(out, m);
    out.push('-');
    push_2(out, d);
    out.push('T');
    push_2(out, s / 3600);
    out.push(':');
    push_2(out, s / 60 % 60);
    out.push(':');
    push_2(out, s % 60);
    out.push('Z');
}

pub fn rfc3339(t: i64) -> String {
    let mut s = String::with_capacity(20);
    push_rfc3339(&mut s, t);
    s
}

/// Parses the `YYYY-MM-DDTHH:MM:SSZ` form this crate writes (tests and callers that pass a
/// start time as text). Other offsets and fractions are not needed here.
pub fn parse_rfc3339_utc(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let (_, m2, d2) = civil_from_days(days_from_civil(y, mo as u32, d as u32));
    if m2 != mo as u32 || d2 != d as u32 {
        return None;
    }
    Some(days_from_civil(y, mo as u32, d as u32) * DAY + h * HOUR + mi * MINUTE + se)
}

/// Time zones our customers (and the shop) live in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Zone {
    /// Germany, France, Italy, Spain: CET/CEST.
    Central,
    /// United Kingdom: GMT/BST.
    London,
    UsEastern,
    UsCentral,
    UsMountain,
    /// Arizona keeps standard time all year.
    Arizona,
    UsPacific,
}

/// Last Sunday of a month, as a day count.
fn last_sunday(y: i64, m: u32) -> i64 {
    let first_next = if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m + 1, 1)
    };
    let last = first_next - 1;
    last - i64::from(weekday(last * DAY) + 1) % 7
}

/// The n-th (1-based) Sunday of a month, as a day count.
fn nth_sunday(y: i64, m: u32, n: i64) -> i64 {
    let first = days_from_civil(y, m, 1);
    let to_sunday = i64::from((6 + 7 - weekday(first * DAY)) % 7);
    first + to_sunday + 7 * (n - 1)
}

/// Summer-time boundaries of one year: EU start and end, US start and end at 00:00 UTC of
/// the switch day (the hour is added per zone).
#[derive(Clone, Copy)]
struct YearRules {
    year: i64,
    eu: (i64, i64),
    us_days: (i64, i64),
}

fn year_rules(y: i64) -> YearRules {
    YearRules {
        year: y,
        eu: (
            last_sunday(y, 3) * DAY + HOUR,
            last_sunday(y, 10) * DAY + HOUR,
        ),
        us_days: (nth_sunday(y, 3, 2) * DAY, nth_sunday(y, 11, 1) * DAY),
    }
}

thread_local! {
    // The generator asks about the same one or two years millions of times.
    static RULES: std::cell::Cell<Option<YearRules>> = const { std::cell::Cell::new(None) };
}

fn rules_for(t: i64) -> YearRules {
    let (y, _, _) = civil_from_days(t.div_euclid(DAY));
    RULES.with(|c| match c.get() {
        Some(r) if r.year == y => r,
        _ => {
            let r = year_rules(y);
            c.set(Some(r));
            r
        }
    })
}

impl Zone {
    /// Offset from UTC in seconds at instant `t`.
    pub(crate) fn offset(self, t: i64) -> i64 {
        let rules = rules_for(t);
        // EU: summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC.
        let eu_summer = || (rules.eu.0..rules.eu.1).contains(&t);
        // US: second Sunday of March to the first Sunday of November, 02:00 local (≈ 07–10 UTC).
        let us_summer = |std: i64| {
            let from = rules.us_days.0 + 2 * HOUR - std;
            let to = rules.us_days.1 + 2 * HOUR - (std + HOUR);
            (from..to).contains(&t)
        };
        let (std, summer) = match self {
            Zone::Central => (HOUR, eu_summer()),
            Zone::London => (0, eu_summer()),
            Zone::UsEastern => (-5 * HOUR, us_summer(-5 * HOUR)),
            Zone::UsCentral => (-6 * HOUR, us_summer(-6 * HOUR)),
            Zone::UsMountain => (-7 * HOUR, us_summer(-7 * HOUR)),
            Zone::Arizona => (-7 * HOUR, false),
            Zone::UsPacific => (-8 * HOUR, us_summer(-8 * HOUR)),
        };
        if summer { std + HOUR } else { std }
    }

    /// Local wall-clock seconds since local midnight, and the local day number.
    pub(crate) fn local(self, t: i64) -> (i64, i64) {
        let l = t + self.offset(t);
        (l.div_euclid(DAY), l.rem_euclid(DAY))
    }

    /// The instant at `secs` past local midnight of local day `day`.
    pub(crate) fn at_local(self, day: i64, secs: i64) -> i64 {
        let guess = day * DAY + secs;
        // The offset at the guess is right except within an hour of a switch, which is harmless.
        guess - self.offset(guess - self.offset(guess))
    }
}

/// A date as a customer or agent writes it in `lang` ("3. November", "3 novembre", "November 3").
pub(crate) fn push_human_date(s: &mut String, lang: Lang, t: i64, zone: Zone) {
    let (day, _) = zone.local(t);
    let (_, m, d) = civil_from_days(day);
    let month = lang.months()[(m - 1) as usize];
    let day_num = |s: &mut String| crate::json::push_uint(s, u64::from(d), 1);
    match lang {
        Lang::De => {
            day_num(s);
            s.push_str(". ");
            s.push_str(month);
        }
        Lang::En => {
            s.push_str(month);
            s.push(' ');
            day_num(s);
        }
        Lang::Fr if d == 1 => {
            s.push_str("1er ");
            s.push_str(month);
        }
        Lang::Es => {
            day_num(s);
            s.push_str(" de ");
            s.push_str(month);
        }
        Lang::Fr | Lang::It => {
            day_num(s);
            s.push(' ');
            s.push_str(month);
        }
    }
}

/// A short numeric date for quote headers ("10.11.2026", "10/11/2026", "11/10/2026").
pub(crate) fn numeric_date(lang: Lang, t: i64, zone: Zone, us: bool) -> String {
    let (day, secs) = zone.local(t);
    let (y, m, d) = civil_from_days(day);
    let (h, mi) = (secs / 3600, secs / 60 % 60);
    match lang {
        Lang::De => format!("{d:02}.{m:02}.{y} um {h:02}:{mi:02}"),
        Lang::En if us => format!("{m}/{d}/{y} at {h}:{mi:02}"),
        Lang::En => format!("{d:02}/{m:02}/{y} at {h:02}:{mi:02}"),
        Lang::Fr => format!("{d:02}/{m:02}/{y} à {h:02}:{mi:02}"),
        Lang::It => format!("{d:02}/{m:02}/{y} alle ore {h:02}:{mi:02}"),
        Lang::Es => format!("{d:02}/{m:02}/{y} a las {h:02}:{mi:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in (-800_000..800_000).step_by(97) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_794_297_660), "2026-11-10T08:01:00Z");
        assert_eq!(
            parse_rfc3339_utc("2026-11-10T08:01:00Z"),
            Some(1_794_297_660)
        );
        assert_eq!(parse_rfc3339_utc("2026-02-30T08:01:00Z"), None);
    }

    #[test]
    fn weekdays() {
        // 2026-11-10 is a Tuesday.
        assert_eq!(weekday(1_794_297_660), 1);
    }

    #[test]
    fn daylight_saving_switches() {
        let t = |s: &str| parse_rfc3339_utc(s).unwrap_or(0);
        assert_eq!(Zone::Central.offset(t("2026-03-29T00:59:59Z")), HOUR);
        assert_eq!(Zone::Central.offset(t("2026-03-29T01:00:00Z")), 2 * HOUR);
        assert_eq!(Zone::Central.offset(t("2026-10-25T00:59:59Z")), 2 * HOUR);
        assert_eq!(Zone::Central.offset(t("2026-10-25T01:00:00Z")), HOUR);
        assert_eq!(Zone::London.offset(t("2026-07-01T12:00:00Z")), HOUR);
        // US 2026: 8 March to 1 November.
        assert_eq!(Zone::UsEastern.offset(t("2026-03-08T06:59:59Z")), -5 * HOUR);
        assert_eq!(Zone::UsEastern.offset(t("2026-03-08T07:00:00Z")), -4 * HOUR);
        assert_eq!(Zone::UsPacific.offset(t("2026-11-01T08:59:59Z")), -7 * HOUR);
        assert_eq!(Zone::UsPacific.offset(t("2026-11-01T09:00:00Z")), -8 * HOUR);
        assert_eq!(Zone::Arizona.offset(t("2026-07-01T12:00:00Z")), -7 * HOUR);
    }

    #[test]
    fn local_round_trip() {
        let t0 = parse_rfc3339_utc("2026-11-10T08:01:00Z").unwrap_or(0);
        let (day, secs) = Zone::Central.local(t0);
        assert_eq!(secs, 9 * HOUR + MINUTE);
        assert_eq!(Zone::Central.at_local(day, secs), t0);
    }
}
