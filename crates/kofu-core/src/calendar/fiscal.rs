//! 年度: the public-sector fiscal year, April to March, named by the calendar year it starts in.
//!
//! Document numbers reset each April and invoices are filed by 年度, so the fiscal year is a
//! value of its own rather than arithmetic at each use. It carries no budget logic.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::wareki;

/// A fiscal year (年度): `FiscalYear(2026)` runs from 2026-04-01 to 2027-03-31.
/// Serialized as the bare number (`2026`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// The fiscal year `date` falls in: January–March belong to the previous year's 年度.
    pub fn of(date: NaiveDate) -> Self {
        if date.month() >= 4 {
            Self(date.year())
        } else {
            Self(date.year() - 1)
        }
    }

    pub fn year(self) -> i32 {
        self.0
    }

    /// April 1st.
    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).expect("April 1st exists")
    }

    /// March 31st of the following calendar year.
    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).expect("March 31st exists")
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Self::of(date) == self
    }

    pub fn next(self) -> Self {
        Self(self.0 + 1)
    }

    pub fn previous(self) -> Self {
        Self(self.0 - 1)
    }

    /// 「令和8年度」. The 年度 takes the era in force at the end of its starting calendar year,
    /// as the government wrote them: FY2019 (begun under 平成) is 「令和元年度」, FY1988 (ended
    /// under 平成) is 「昭和63年度」. Years before 明治 (1868) have no era: 「1867年度」.
    pub fn wareki(self) -> String {
        if self.0 < 1868 {
            return format!("{self}");
        }
        let year_end = NaiveDate::from_ymd_opt(self.0, 12, 31).expect("December 31st exists");
        let (era, year) = wareki::era_on(year_end);
        format!("{}度", wareki::year_label(era, year))
    }
}

impl fmt::Display for FiscalYear {
    /// 「2026年度」.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}年度", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn january_to_march_belong_to_the_previous_fiscal_year() {
        assert_eq!(FiscalYear::of(d("2027-03-31")), FiscalYear(2026));
        assert_eq!(FiscalYear::of(d("2027-04-01")), FiscalYear(2027));
        assert_eq!(FiscalYear::of(d("2026-04-01")), FiscalYear(2026));
        assert!(FiscalYear(2026).contains(d("2027-01-15")));
        assert!(!FiscalYear(2026).contains(d("2026-03-31")));
    }

    #[test]
    fn a_fiscal_year_runs_from_april_1st_to_march_31st() {
        assert_eq!(FiscalYear(2026).start(), d("2026-04-01"));
        assert_eq!(FiscalYear(2026).end(), d("2027-03-31"));
        assert_eq!(FiscalYear(2026).next(), FiscalYear(2027));
    }

    #[test]
    fn it_is_written_in_the_western_year_and_in_wareki() {
        assert_eq!(FiscalYear(2026).to_string(), "2026年度");
        assert_eq!(FiscalYear(2026).wareki(), "令和8年度");
        assert_eq!(
            FiscalYear(2019).wareki(),
            "令和元年度",
            "FY2019 is 令和元年度 though it began in 平成"
        );
        assert_eq!(FiscalYear(2018).wareki(), "平成30年度");
        assert_eq!(
            FiscalYear(1988).wareki(),
            "昭和63年度",
            "not 平成: named by the year it starts in"
        );
        assert_eq!(FiscalYear(1989).wareki(), "平成元年度");
    }
}
