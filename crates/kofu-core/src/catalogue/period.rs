//! The period in which an effective-dated value (a fee, a commission) is in force.
//!
//! Both ends are **inclusive** days: `from` is the first day the value applies, `until` the last
//! (none: until further notice). A campaign for October–December is `2026-10-01..=2026-12-31`,
//! and the base fee is back on 2027-01-01. Days, not instants: a fee is fixed per 交付日.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Period {
    /// First day in force (inclusive).
    pub from: NaiveDate,
    /// Last day in force (inclusive); `None`: open-ended.
    pub until: Option<NaiveDate>,
}

impl Period {
    /// `from..=until`, refused when it ends before it starts.
    pub fn new(from: NaiveDate, until: Option<NaiveDate>) -> Result<Self, DomainError> {
        let p = Self { from, until };
        p.validate()?;
        Ok(p)
    }

    /// In force from `from` until further notice.
    pub fn starting(from: NaiveDate) -> Self {
        Self { from, until: None }
    }

    pub fn validate(&self) -> Result<(), DomainError> {
        match self.until {
            Some(until) if until < self.from => Err(DomainError::new(
                "period.until",
                format!(
                    "終了日 {until} が開始日 {} より前になっています。",
                    self.from
                ),
                format!("period ends on {until}, before it starts on {}", self.from),
            )),
            _ => Ok(()),
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
    }

    /// The day after the last day, when the value stops applying (`None`: open-ended).
    pub fn end_exclusive(&self) -> Option<NaiveDate> {
        self.until.and_then(|u| u.succ_opt())
    }
}

/// 「2020-04-01〜」, 「2026-10-01〜2026-12-31」.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.until {
            Some(u) => write!(f, "{}〜{}", self.from, u),
            None => write!(f, "{}〜", self.from),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_includes_its_first_and_last_day() {
        let p = Period::new(d("2026-10-01"), Some(d("2026-12-31"))).unwrap();
        assert!(!p.contains(d("2026-09-30")));
        assert!(p.contains(d("2026-10-01")), "from is inclusive");
        assert!(p.contains(d("2026-12-31")), "until is inclusive");
        assert!(!p.contains(d("2027-01-01")));
        assert_eq!(p.end_exclusive(), Some(d("2027-01-01")));
        assert_eq!(p.to_string(), "2026-10-01〜2026-12-31");
        let open = Period::starting(d("2020-04-01"));
        assert!(open.contains(d("2099-12-31")));
        assert_eq!(open.to_string(), "2020-04-01〜");
    }

    #[test]
    fn a_period_may_be_one_day_but_not_end_before_it_starts() {
        assert!(Period::new(d("2026-10-01"), Some(d("2026-10-01"))).is_ok());
        let err = Period::new(d("2026-10-01"), Some(d("2026-09-30"))).unwrap_err();
        assert_eq!(err.field, "period.until");
    }
}
