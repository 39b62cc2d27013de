//! The business calendar of a Japanese city: national holidays, business days, the monthly
//! deadlines of the contract, 和暦 and 年度.
//!
//! National holidays come from the Cabinet Office's list for the years it covers (shipped as
//! `assets/holidays/syukujitsu.csv`, replaceable by an imported newer list) and from the rules of
//! 祝日法 beyond it ([`holidays`]). The city's business days add weekends, 12/29–1/3 and the
//! closures the city configures ([`business`]). Everything here is pure: no clock, no files
//! read at run time (the snapshot is compiled in), no network.

pub mod business;
pub mod fiscal;
pub mod holidays;
pub mod wareki;

pub use business::{deadlines, BusinessCalendar, MonthlyDeadlines};
pub use fiscal::FiscalYear;
pub use holidays::{rule_holidays, Holiday, HolidayTable};

use chrono::{Datelike, NaiveDate, Weekday};

/// The one-character weekday used in Japanese dates: 「月」…「日」, as in 11月26日(木).
pub fn weekday_ja(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_written_with_one_kanji() {
        let thursday = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(weekday_ja(thursday), "木");
        assert_eq!(weekday_ja(thursday.succ_opt().unwrap()), "金");
        assert_eq!(
            weekday_ja(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
            "日"
        );
    }
}
