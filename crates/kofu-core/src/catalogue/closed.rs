//! Closed days: days of every year on which no kind is issued (12/29–1/3 by default).
//!
//! They are month-days, not dates, because they repeat every year, and a range may wrap over the
//! new year. They close the service for every kind, before any weekly rule ([`super::hours`]).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{DomainError, FreeText};

/// A month and day, `MM-DD` in JSON (`02-29` allowed: it simply never matches in other years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(type = "string")]
pub struct MonthDay {
    month: u8,
    day: u8,
}

impl MonthDay {
    pub fn new(month: u8, day: u8) -> Result<Self, DomainError> {
        let max = match month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => 0,
        };
        if (1..=max).contains(&day) {
            Ok(Self { month, day })
        } else {
            Err(DomainError::new(
                "closed_days",
                format!("月日 {month}/{day} は正しくありません。"),
                format!("{month:02}-{day:02} is not a day of the year"),
            ))
        }
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            month: date.month() as u8,
            day: date.day() as u8,
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let bad = || {
            DomainError::new(
                "closed_days",
                format!("月日 '{s}' は MM-DD の形式で入力してください。"),
                format!("'{s}' is not MM-DD"),
            )
        };
        let (m, d) = s.trim().split_once('-').ok_or_else(bad)?;
        Self::new(m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?)
    }
}

/// 「12/29」.
impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.month, self.day)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{:02}-{:02}", self.month, self.day))
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Days of every year on which no kind is issued, inclusive at both ends; `from` after `until`
/// wraps over the new year (12/29–1/3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClosedDays {
    /// Shown in the reason, e.g. 「年末年始」.
    pub label: FreeText,
    pub from: MonthDay,
    pub until: MonthDay,
}

impl ClosedDays {
    /// 12/29–1/3 (年末年始), the default.
    pub fn year_end() -> Self {
        Self {
            label: FreeText::parse("label", "年末年始").expect("a valid label"),
            from: MonthDay::new(12, 29).expect("valid"),
            until: MonthDay::new(1, 3).expect("valid"),
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        let md = MonthDay::of(date);
        if self.from <= self.until {
            self.from <= md && md <= self.until
        } else {
            md >= self.from || md <= self.until
        }
    }

    /// 「年末年始（12/29〜1/3）」.
    pub fn describe(&self) -> String {
        format!(
            "{}（{}〜{}）",
            self.label.as_str().trim(),
            self.from,
            self.until
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_year_end_closure_wraps_over_the_new_year() {
        let c = ClosedDays::year_end();
        for s in ["2026-12-29", "2026-12-31", "2027-01-01", "2027-01-03"] {
            assert!(c.contains(d(s)), "{s}");
        }
        assert!(!c.contains(d("2026-12-28")));
        assert!(!c.contains(d("2027-01-04")));
        assert_eq!(c.describe(), "年末年始（12/29〜1/3）");
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"label":"年末年始","from":"12-29","until":"01-03"}"#
        );
        assert!(MonthDay::new(2, 30).is_err());
        assert!(MonthDay::new(13, 1).is_err());
    }

    #[test]
    fn a_label_holding_a_twelve_digit_number_is_refused_when_the_change_is_drafted() {
        let closed: ClosedDays = serde_json::from_str(
            r#"{"label":"休止 1234 5678 9012","from":"12-29","until":"01-03"}"#,
        )
        .unwrap();
        let change = crate::catalogue::Change::SetClosedDays {
            closed_days: vec![closed],
        };
        let err = change.validate(d("2026-12-01")).unwrap_err();
        assert_eq!(err.field, "closed_days");
        assert!(err.message.contains("個人番号"), "{}", err.message);
    }
}
