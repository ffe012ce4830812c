//! The company clock: business hours per weekday (split shifts allowed), a time zone, holidays.
//! Counting business time is exact across daylight-saving changes because every shift boundary
//! is turned into an instant in the calendar's zone on its own day.

use std::collections::BTreeSet;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// Opening hours of a team.
#[derive(Clone, Debug)]
pub struct BusinessCalendar {
    pub tz: TimeZone,
    /// Shifts per weekday, Monday first; each `(start, end)` in local time, `start < end`.
    pub week: [Vec<(Time, Time)>; 7],
    pub holidays: BTreeSet<Date>,
}

/// Longest stretch we search for open hours before deciding the calendar has none.
const SEARCH_DAYS: i64 = 800;

fn weekday_index(w: Weekday) -> usize {
    w.to_monday_zero_offset() as usize
}

impl BusinessCalendar {
    /// Monday to Friday, 09:00–17:00, in the given zone.
    pub fn office_hours(tz: TimeZone) -> Self {
        let day = vec![(Time::constant(9, 0, 0, 0), Time::constant(17, 0, 0, 0))];
        BusinessCalendar {
            tz,
            week: [
                day.clone(),
                day.clone(),
                day.clone(),
                day.clone(),
                day,
                Vec::new(),
                Vec::new(),
            ],
            holidays: BTreeSet::new(),
        }
    }

    /// The open intervals of one local day, as instants.
    fn intervals(&self, date: Date) -> Vec<(Timestamp, Timestamp)> {
        if self.holidays.contains(&date) {
            return Vec::new();
        }
        self.week[weekday_index(date.weekday())]
            .iter()
            .filter_map(|(start, end)| {
                let s = self.tz.to_timestamp(date.to_datetime(*start)).ok()?;
                let e = self.tz.to_timestamp(date.to_datetime(*end)).ok()?;
                (s < e).then_some((s, e))
            })
            .collect()
    }

    fn local_date(&self, t: Timestamp) -> Date {
        t.to_zoned_datetime(self.tz.clone()).date()
    }

    /// The instant `amount` of business time after `start`; `None` if the calendar never opens.
    pub fn add(&self, start: Timestamp, amount: SignedDuration) -> Option<Timestamp> {
        let mut left = amount.max(SignedDuration::ZERO);
        let mut date = self.local_date(start).yesterday().ok()?;
        for _ in 0..SEARCH_DAYS {
            for (s, e) in self.intervals(date) {
                if e <= start {
                    continue;
                }
                let from = s.max(start);
                let available = e.duration_since(from);
                if left <= available {
                    return from.checked_add(left).ok();
                }
                left -= available;
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    /// Business time between two instants (zero when `end <= start`).
    pub fn between(&self, start: Timestamp, end: Timestamp) -> SignedDuration {
        if end <= start {
            return SignedDuration::ZERO;
        }
        let mut total = SignedDuration::ZERO;
        let Ok(mut date) = self.local_date(start).yesterday() else {
            return total;
        };
        let last = self.local_date(end).tomorrow().unwrap_or(date);
        while date <= last {
            for (s, e) in self.intervals(date) {
                let from = s.max(start);
                let to = e.min(end);
                if from < to {
                    total += to.duration_since(from);
                }
            }
            match date.tomorrow() {
                Ok(d) => date = d,
                Err(_) => break,
            }
        }
        total
    }
}

/// Where a running clock stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    OnTrack,
    /// Less than the warning share of the window is left: predicted to breach without action.
    AtRisk,
    Breached,
}

/// The state of a clock that started at `started` and is due at `due`, seen at `now`.
/// At risk when less than `warn_share` (e.g. 0.25) of the window is left.
pub fn clock_state(
    started: Timestamp,
    due: Timestamp,
    now: Timestamp,
    warn_share: f64,
) -> ClockState {
    if now > due {
        return ClockState::Breached;
    }
    let window = due.duration_since(started).as_secs_f64().max(1.0);
    let left = due.duration_since(now).as_secs_f64();
    if left / window < warn_share {
        ClockState::AtRisk
    } else {
        ClockState::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> BusinessCalendar {
        let tz = TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::UTC);
        BusinessCalendar::office_hours(tz)
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn table_of_additions() {
        let cal = berlin();
        let h = SignedDuration::from_hours;
        let cases = [
            // Tuesday 10:00 Berlin (09:00Z in winter) + 4h = 14:00 Berlin.
            ("2026-11-24T09:00:00Z", h(4), "2026-11-24T13:00:00Z"),
            // Friday 15:00 Berlin + 4h: 2h on Friday, 2h on Monday → Monday 11:00 Berlin.
            ("2026-11-27T14:00:00Z", h(4), "2026-11-30T10:00:00Z"),
            // Saturday: the clock starts Monday 09:00.
            ("2026-11-28T12:00:00Z", h(1), "2026-11-30T09:00:00Z"),
            // Just before midnight on a weekday: next morning.
            ("2026-11-24T22:59:00Z", h(2), "2026-11-25T10:00:00Z"),
            // Across the spring change (29 March 2026, 02:00 → 03:00): Friday 16:00 CET +2h →
            // Monday 10:00 CEST = 08:00Z.
            ("2026-03-27T15:00:00Z", h(2), "2026-03-30T08:00:00Z"),
            // Across the autumn change (25 October 2026): Friday 16:00 CEST + 2h → Monday 10:00
            // CET = 09:00Z.
            ("2026-10-23T14:00:00Z", h(2), "2026-10-26T09:00:00Z"),
        ];
        for (start, amount, want) in cases {
            assert_eq!(
                cal.add(ts(start), amount),
                Some(ts(want)),
                "{start} + {amount:?}"
            );
        }
    }

    #[test]
    fn split_shifts_and_holidays() {
        let mut cal = berlin();
        let t = |h, m| Time::constant(h, m, 0, 0);
        cal.week[0] = vec![(t(8, 0), t(12, 0)), (t(13, 0), t(17, 0))];
        cal.holidays.insert(Date::constant(2026, 12, 25));
        // Monday 11:00 Berlin + 2h: 1h before lunch, 1h after → 14:00 Berlin.
        assert_eq!(
            cal.add(ts("2026-11-30T10:00:00Z"), SignedDuration::from_hours(2)),
            Some(ts("2026-11-30T13:00:00Z"))
        );
        // Christmas Day (a Friday) is closed: Thursday 16:00 + 2h → Monday, which opens at
        // 08:00 here, + 1h = 09:00 Berlin.
        assert_eq!(
            cal.add(ts("2026-12-24T15:00:00Z"), SignedDuration::from_hours(2)),
            Some(ts("2026-12-28T08:00:00Z"))
        );
    }

    #[test]
    fn a_calendar_without_hours_never_comes_due() {
        let mut cal = berlin();
        cal.week = Default::default();
        assert_eq!(
            cal.add(ts("2026-11-24T09:00:00Z"), SignedDuration::from_hours(1)),
            None
        );
    }

    #[test]
    fn adding_then_measuring_gives_back_the_amount() {
        // A property over many starts (every 37 minutes through a year, both DST changes) and
        // amounts: business time between start and start+amount is the amount.
        let cal = berlin();
        let mut start = ts("2026-01-01T00:00:00Z");
        let end = ts("2027-01-01T00:00:00Z");
        let mut i = 0i64;
        while start < end {
            let amount = SignedDuration::from_mins(1 + (i * 53) % (3 * 8 * 60));
            let due = cal.add(start, amount).unwrap_or(start);
            assert_eq!(cal.between(start, due), amount, "start {start}");
            assert!(due >= start);
            start = start
                .checked_add(SignedDuration::from_mins(37 * 7))
                .unwrap_or(end);
            i += 1;
        }
    }

    #[test]
    fn clock_states() {
        let (s, d) = (ts("2026-11-24T08:00:00Z"), ts("2026-11-25T08:00:00Z"));
        assert_eq!(
            clock_state(s, d, ts("2026-11-24T12:00:00Z"), 0.25),
            ClockState::OnTrack
        );
        assert_eq!(
            clock_state(s, d, ts("2026-11-25T03:00:00Z"), 0.25),
            ClockState::AtRisk
        );
        assert_eq!(
            clock_state(s, d, ts("2026-11-25T08:00:01Z"), 0.25),
            ClockState::Breached
        );
    }
}
