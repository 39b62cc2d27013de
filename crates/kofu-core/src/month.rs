//! `TargetMonth` (対象年月): the calendar month a settlement covers.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

use crate::DomainError;

/// A target month, `YYYY-MM` (also accepted: `YYYYMM`, the J-LIS file form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export, type = "string")]
pub struct TargetMonth {
    year: i32,
    month: u32,
}

impl TargetMonth {
    pub fn new(year: i32, month: u32) -> Result<Self, DomainError> {
        if !(1..=12).contains(&month) || !(1900..=9999).contains(&year) {
            return Err(DomainError::new(
                "target_month",
                format!("対象年月 {year}-{month:02} は正しくありません。"),
                format!("invalid target month {year}-{month:02}"),
            ));
        }
        Ok(Self { year, month })
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let bad = || {
            DomainError::new(
                "target_month",
                format!("対象年月 '{s}' は YYYY-MM の形式で入力してください。"),
                format!("target month '{s}' is not YYYY-MM"),
            )
        };
        let s = s.trim();
        let (y, m) = match s.len() {
            7 if s.as_bytes()[4] == b'-' => (&s[..4], &s[5..]),
            6 => (&s[..4], &s[4..]),
            _ => return Err(bad()),
        };
        if !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        Self::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?)
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("validated month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first_day()
            .pred_opt()
            .expect("not the first day ever")
    }

    /// The day `day` of this month, clamped to the month's last day.
    pub fn day(self, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, day).unwrap_or_else(|| self.last_day())
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn previous(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// From the month's first midnight (included) to the next month's (excluded).
    pub fn bounds(self) -> (chrono::NaiveDateTime, chrono::NaiveDateTime) {
        let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight exists");
        (
            midnight(self.first_day()),
            midnight(self.next().first_day()),
        )
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Self::of(date) == self
    }

    /// `YYYYMM`, as in J-LIS files and URLs.
    pub fn compact(self) -> String {
        format!("{:04}{:02}", self.year, self.month)
    }
}

impl fmt::Display for TargetMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for TargetMonth {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl serde::Serialize for TargetMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for TargetMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_the_iso_and_the_jlis_form() {
        assert_eq!(
            TargetMonth::parse("2026-10").unwrap(),
            TargetMonth::new(2026, 10).unwrap()
        );
        assert_eq!(TargetMonth::parse("202610").unwrap().to_string(), "2026-10");
        assert!(TargetMonth::parse("2026-13").is_err());
        assert!(TargetMonth::parse("2026/10").is_err());
    }

    #[test]
    fn knows_its_last_day_including_leap_february() {
        assert_eq!(
            TargetMonth::parse("2028-02")
                .unwrap()
                .last_day()
                .to_string(),
            "2028-02-29"
        );
        assert_eq!(
            TargetMonth::parse("2026-12").unwrap().next().to_string(),
            "2027-01"
        );
        assert_eq!(
            TargetMonth::parse("2026-01")
                .unwrap()
                .previous()
                .to_string(),
            "2025-12"
        );
    }
}
