//! Times of day and time windows: the building blocks of service hours.
//!
//! A [`TimeWindow`] is half-open, `[start, end)`: 6:30–23:00 serves 06:30:00 up to 22:59:59 and
//! not 23:00, so two windows that touch (12:00–13:00, 13:00–17:00) neither overlap nor leave a
//! gap. A window stays within one day (its end is at most 24:00); a night service is two windows.
//! Times are stored `06:30` and written `6:30` in Japanese notices.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DomainError;

/// A time of day to the minute, `00:00`–`24:00` (24:00 only ends a window).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(type = "string")]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(24 * 60);

    pub fn hm(hour: u16, minute: u16) -> Result<Self, DomainError> {
        match hour.checked_mul(60).map(|h| h.saturating_add(minute)) {
            Some(minutes) if minute < 60 && minutes <= 24 * 60 => Ok(Self(minutes)),
            _ => Err(bad_time(&format!("{hour}:{minute:02}"))),
        }
    }

    /// `6:30`, `06:30`, `24:00`.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let t = s.trim();
        let (h, m) = t.split_once(':').ok_or_else(|| bad_time(t))?;
        let digits = |p: &str, max_len| {
            (1..=max_len).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(h, 2) || m.len() != 2 || !digits(m, 2) {
            return Err(bad_time(t));
        }
        Self::hm(h.parse().expect("digits"), m.parse().expect("digits"))
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// `06:30`, the stored form.
    pub fn to_hhmm(self) -> String {
        format!("{:02}:{:02}", self.0 / 60, self.0 % 60)
    }

    fn seconds(self) -> u32 {
        u32::from(self.0) * 60
    }
}

/// `6:30`, as written in Japanese notices.
impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hhmm())
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

fn bad_time(s: &str) -> DomainError {
    DomainError::new(
        "time",
        format!("時刻 '{s}' は 0:00〜24:00 の HH:MM で入力してください。"),
        format!("time '{s}' is not HH:MM between 00:00 and 24:00"),
    )
}

/// `[start, end)` within one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(try_from = "RawWindow")]
pub struct TimeWindow {
    start: TimeOfDay,
    end: TimeOfDay,
}

#[derive(Deserialize)]
struct RawWindow {
    start: TimeOfDay,
    end: TimeOfDay,
}

impl TryFrom<RawWindow> for TimeWindow {
    type Error = DomainError;
    fn try_from(r: RawWindow) -> Result<Self, Self::Error> {
        Self::new(r.start, r.end)
    }
}

impl TimeWindow {
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Result<Self, DomainError> {
        if start < end {
            Ok(Self { start, end })
        } else {
            Err(DomainError::new(
                "hours",
                format!("提供時間 {start}〜{end} は終了が開始より後になるように入力してください。"),
                format!("window {start}-{end} does not end after it starts"),
            ))
        }
    }

    /// `hm(6, 30, 23, 0)` = 6:30〜23:00.
    pub fn hm(start_h: u16, start_m: u16, end_h: u16, end_m: u16) -> Result<Self, DomainError> {
        Self::new(
            TimeOfDay::hm(start_h, start_m)?,
            TimeOfDay::hm(end_h, end_m)?,
        )
    }

    pub fn start(self) -> TimeOfDay {
        self.start
    }

    pub fn end(self) -> TimeOfDay {
        self.end
    }

    pub fn contains(self, t: NaiveTime) -> bool {
        let s = t.num_seconds_from_midnight();
        self.start.seconds() <= s && s < self.end.seconds()
    }

    /// This window on `date`, as instants `[start, end)`.
    pub fn on(self, date: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
        let at = |t: TimeOfDay| {
            date.and_hms_opt(0, 0, 0).expect("midnight exists")
                + chrono::Duration::minutes(i64::from(t.minutes()))
        };
        (at(self.start), at(self.end))
    }
}

/// 「6:30〜23:00」.
impl fmt::Display for TimeWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〜{}", self.start, self.end)
    }
}

/// 「6:30〜12:00、13:00〜17:00」.
pub fn format_windows(windows: &[TimeWindow]) -> String {
    windows
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_with_or_without_a_leading_zero_and_written_both_ways() {
        let t = TimeOfDay::parse("6:30").unwrap();
        assert_eq!(t, TimeOfDay::parse("06:30").unwrap());
        assert_eq!(t.to_string(), "6:30", "Japanese notices drop the zero");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"06:30\"");
        assert_eq!(TimeOfDay::parse("24:00").unwrap(), TimeOfDay::END_OF_DAY);
        for bad in ["24:01", "6:60", "630", "6:3", "-1:00", ""] {
            assert!(TimeOfDay::parse(bad).is_err(), "'{bad}'");
        }
    }

    #[test]
    fn a_window_is_half_open_and_must_end_after_it_starts() {
        let w = TimeWindow::hm(6, 30, 23, 0).unwrap();
        let t = |s| NaiveTime::parse_from_str(s, "%H:%M:%S").unwrap();
        assert!(!w.contains(t("06:29:59")));
        assert!(w.contains(t("06:30:00")));
        assert!(w.contains(t("22:59:59")));
        assert!(!w.contains(t("23:00:00")), "the end is excluded");
        assert!(TimeWindow::hm(17, 0, 9, 0).is_err());
        assert!(TimeWindow::hm(9, 0, 9, 0).is_err());
        let json = r#"{"start":"23:00","end":"06:30"}"#;
        assert!(
            serde_json::from_str::<TimeWindow>(json).is_err(),
            "checked when read"
        );
    }
}
