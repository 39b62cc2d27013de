//! 和暦: dates and months written with the Japanese era, as on the city's documents.
//!
//! The era changes on the day the new era begins (平成 from 1989-01-08, so 1989-01-07 is
//! 昭和64年), and the first year of an era is written 元年. Dates are supported from 1873-01-01
//! (明治6年1月1日), the day Japan adopted the Gregorian calendar: before it, 和暦 months and days
//! were lunisolar and a Gregorian date written with 明治 would name the wrong day, so such dates
//! are refused rather than guessed. This module formats; it does not parse 和暦 input.

use chrono::{Datelike, NaiveDate};

use crate::{DomainError, TargetMonth};

/// The eras from 明治, with the Gregorian day each began.
const ERAS: [(&str, i32, u32, u32); 5] = [
    ("令和", 2019, 5, 1),
    ("平成", 1989, 1, 8),
    ("昭和", 1926, 12, 25),
    ("大正", 1912, 7, 30),
    // 明治 was made retroactive to 慶応4年1月1日 (1868-01-25). Only its year numbers are used:
    // dates are accepted from 1873, and a 年度 label only needs the year.
    ("明治", 1868, 1, 25),
];

/// The first date [`format_date`] and [`era_year`] accept: Gregorian calendar in Japan.
pub fn first_supported_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1873, 1, 1).expect("valid date")
}

/// The era and the year within it for `d`, e.g. 2026-11-26 → ("令和", 8).
pub fn era_year(d: NaiveDate) -> Result<(&'static str, u32), DomainError> {
    if d < first_supported_date() {
        return Err(DomainError::new(
            "date",
            format!("{d} は和暦に変換できません(明治6年1月1日(1873-01-01)より前は旧暦のため)。"),
            format!("{d} is before 1873-01-01, when Japan adopted the Gregorian calendar"),
        ));
    }
    Ok(era_on(d))
}

/// `d` in 和暦, e.g. 「令和8年11月26日」, 「令和元年5月1日」.
pub fn format_date(d: NaiveDate) -> Result<String, DomainError> {
    let (era, year) = era_year(d)?;
    Ok(format!(
        "{}{}月{}日",
        year_label(era, year),
        d.month(),
        d.day()
    ))
}

/// A target month in 和暦, e.g. 「令和8年10月」. The era is the one in force on the month's last
/// day, so 2019-04 is 「平成31年4月」 and 1989-01 (昭和 until the 7th) is 「平成元年1月」.
pub fn format_month(month: TargetMonth) -> String {
    // TargetMonth starts in 1900, well inside 明治 or later.
    let (era, year) = era_on(month.last_day());
    format!("{}{}月", year_label(era, year), month.month())
}

/// 「令和8年」, with 元年 for the first year.
pub fn year_label(era: &str, year: u32) -> String {
    if year == 1 {
        format!("{era}元年")
    } else {
        format!("{era}{year}年")
    }
}

/// The era in force on `d` and the year within it; `d` must be in 明治 or later.
pub(crate) fn era_on(d: NaiveDate) -> (&'static str, u32) {
    for (name, year, month, day) in ERAS {
        let start = NaiveDate::from_ymd_opt(year, month, day).expect("valid era start");
        if d >= start {
            let within = u32::try_from(d.year() - year + 1).expect("on or after the era's start");
            return (name, within);
        }
    }
    unreachable!("callers check that {d} is in 明治 or later")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn w(s: &str) -> String {
        format_date(d(s)).unwrap()
    }

    #[test]
    fn each_era_starts_on_its_first_day_with_gannen() {
        assert_eq!(w("2026-11-26"), "令和8年11月26日");
        assert_eq!(w("2019-04-30"), "平成31年4月30日", "the last day of 平成");
        assert_eq!(w("2019-05-01"), "令和元年5月1日");
        assert_eq!(w("1989-01-07"), "昭和64年1月7日", "the last day of 昭和");
        assert_eq!(w("1989-01-08"), "平成元年1月8日");
        assert_eq!(w("1926-12-24"), "大正15年12月24日");
        assert_eq!(w("1926-12-25"), "昭和元年12月25日");
        assert_eq!(w("1912-07-29"), "明治45年7月29日");
        assert_eq!(w("1912-07-30"), "大正元年7月30日");
        assert_eq!(w("2020-01-01"), "令和2年1月1日");
    }

    #[test]
    fn dates_before_the_gregorian_calendar_in_japan_are_refused() {
        assert_eq!(w("1873-01-01"), "明治6年1月1日");
        let err = format_date(d("1872-12-31")).unwrap_err();
        assert_eq!(err.field, "date");
        assert!(err.message.contains("明治6年1月1日"), "{}", err.message);
        assert!(era_year(d("1800-01-01")).is_err(), "before 明治");
    }

    #[test]
    fn era_year_gives_the_era_and_the_number() {
        assert_eq!(era_year(d("2026-11-26")).unwrap(), ("令和", 8));
        assert_eq!(era_year(d("2019-05-01")).unwrap(), ("令和", 1));
        assert_eq!(era_year(d("2018-12-31")).unwrap(), ("平成", 30));
    }

    #[test]
    fn a_month_is_written_in_the_era_of_its_last_day() {
        let m = |s| format_month(TargetMonth::parse(s).unwrap());
        assert_eq!(m("2026-10"), "令和8年10月");
        assert_eq!(m("2019-04"), "平成31年4月");
        assert_eq!(m("2019-05"), "令和元年5月");
        assert_eq!(m("1989-01"), "平成元年1月");
    }
}
