//! The city's business days and the monthly deadlines of the contract (第4条).
//!
//! A day is a 休日 of the city when it is a Saturday, a Sunday, a national holiday, in the year-end
//! closure 12/29–1/3 (行政機関の休日に関する法律 and the city's 休日条例), or a closure the city
//! configures. Every other day is a business day. The deadlines of a target month follow from
//! that: only 第4条第2項 (reconcile by the 8th) moves to the previous business day; the contract
//! states the 9th, 10th, 15th and the last day without adjustment, so they are reported as written.
//!
//! This module does not know service hours (kiosks run on holidays too) nor does it read the clock:
//! whether a deadline is near or past is for the caller, who knows today.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use ts_rs::TS;

use super::HolidayTable;
use crate::TargetMonth;

/// The reason given for a closure the city configured itself.
pub const CITY_CLOSURE_REASON: &str = "閉庁日";
/// The reason given for 12/29–1/3.
pub const YEAR_END_REASON: &str = "年末年始";

/// National holidays plus the city's own closures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessCalendar {
    holidays: HolidayTable,
    closures: BTreeSet<NaiveDate>,
}

impl BusinessCalendar {
    pub fn new(
        holidays: HolidayTable,
        extra_closures: impl IntoIterator<Item = NaiveDate>,
    ) -> Self {
        Self {
            holidays,
            closures: extra_closures.into_iter().collect(),
        }
    }

    /// The national holidays this calendar uses.
    pub fn holidays(&self) -> &HolidayTable {
        &self.holidays
    }

    pub fn is_business_day(&self, d: NaiveDate) -> bool {
        self.closure_reason(d).is_none()
    }

    /// Why the city is closed on `d`, or `None` on a business day. When several reasons apply, the
    /// most specific one a clerk would name is given: the holiday's name (「元日」 rather than
    /// 「年末年始」, 「憲法記念日」 rather than 「日曜日」), then 「年末年始」, then the day of the
    /// week, then 「閉庁日」.
    pub fn closure_reason(&self, d: NaiveDate) -> Option<String> {
        if let Some(name) = self.holidays.holiday_name(d) {
            return Some(name);
        }
        if is_year_end(d) {
            return Some(YEAR_END_REASON.to_owned());
        }
        match d.weekday() {
            Weekday::Sat => return Some("土曜日".to_owned()),
            Weekday::Sun => return Some("日曜日".to_owned()),
            _ => {}
        }
        self.closures
            .contains(&d)
            .then(|| CITY_CLOSURE_REASON.to_owned())
    }

    /// `d` itself if it is a business day, else the latest business day before it.
    pub fn business_day_on_or_before(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        while !self.is_business_day(day) {
            day = day
                .pred_opt()
                .expect("a business day exists before the first representable date");
        }
        day
    }

    /// `d` itself if it is a business day, else the earliest business day after it.
    pub fn business_day_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        while !self.is_business_day(day) {
            day = day
                .succ_opt()
                .expect("a business day exists before the last representable date");
        }
        day
    }

    /// The latest business day strictly before `d` (前営業日).
    pub fn previous_business_day(&self, d: NaiveDate) -> NaiveDate {
        self.business_day_on_or_before(d.pred_opt().expect("not the first representable date"))
    }

    /// The earliest business day strictly after `d` (翌営業日).
    pub fn next_business_day(&self, d: NaiveDate) -> NaiveDate {
        self.business_day_on_or_after(d.succ_opt().expect("not the last representable date"))
    }
}

/// 12/29–1/3, closed for every municipality regardless of the day of the week.
fn is_year_end(d: NaiveDate) -> bool {
    matches!((d.month(), d.day()), (12, 29..=31) | (1, 1..=3))
}

/// The deadlines of one target month (第4条), all in the following month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct MonthlyDeadlines {
    /// Serialized `YYYY-MM`.
    #[ts(type = "string")]
    pub target_month: TargetMonth,
    /// 第4条第2項: operators reconcile by the 8th; if the 8th is a 休日, the previous business day.
    pub reconcile_by: NaiveDate,
    /// 第4条第3項: J-LIS fixes the amounts by the 9th (not adjusted).
    pub fixed_by: NaiveDate,
    /// 第4条第4項: the finalized data can be fetched from the 10th (not adjusted).
    pub available_from: NaiveDate,
    /// 第4条第5項: the city sends its 請求書 by the 15th (not adjusted).
    pub invoice_by: NaiveDate,
    /// 第4条第6項: J-LIS pays by the last day of the month (not adjusted).
    pub payment_by: NaiveDate,
}

/// The deadlines for `month` under `cal`.
pub fn deadlines(cal: &BusinessCalendar, month: TargetMonth) -> MonthlyDeadlines {
    let following = month.next();
    MonthlyDeadlines {
        target_month: month,
        reconcile_by: cal.business_day_on_or_before(following.day(8)),
        fixed_by: following.day(9),
        available_from: following.day(10),
        invoice_by: following.day(15),
        payment_by: following.last_day(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn city() -> BusinessCalendar {
        BusinessCalendar::new(HolidayTable::builtin(), [d("2026-11-27")])
    }

    fn month(s: &str) -> TargetMonth {
        TargetMonth::parse(s).unwrap()
    }

    #[test]
    fn weekends_holidays_the_year_end_and_city_closures_are_not_business_days() {
        let cal = city();
        let reason = |s| cal.closure_reason(d(s));
        assert_eq!(reason("2026-11-07").as_deref(), Some("土曜日"));
        assert_eq!(reason("2026-11-08").as_deref(), Some("日曜日"));
        assert_eq!(reason("2026-11-03").as_deref(), Some("文化の日"));
        assert_eq!(
            reason("2026-11-27").as_deref(),
            Some("閉庁日"),
            "configured by the city"
        );
        assert_eq!(
            reason("2026-05-03").as_deref(),
            Some("憲法記念日"),
            "the holiday, not 日曜日"
        );
        assert_eq!(reason("2026-11-26"), None, "an ordinary Thursday");
        assert!(cal.is_business_day(d("2026-11-26")));
        assert!(!cal.is_business_day(d("2026-11-27")));
    }

    #[test]
    fn december_29_to_january_3_is_closed_whatever_the_weekday() {
        let cal = city();
        // 2025-12-29 is a Monday, 2026-01-02 a Friday.
        for s in [
            "2025-12-29",
            "2025-12-30",
            "2025-12-31",
            "2026-01-02",
            "2026-01-03",
        ] {
            assert!(!cal.is_business_day(d(s)), "{s} is in the year-end closure");
        }
        assert_eq!(
            cal.closure_reason(d("2025-12-29")).as_deref(),
            Some("年末年始")
        );
        assert_eq!(cal.closure_reason(d("2026-01-01")).as_deref(), Some("元日"));
        assert!(
            cal.is_business_day(d("2025-12-26")),
            "Friday before the closure"
        );
        assert!(
            cal.is_business_day(d("2026-01-05")),
            "the first Monday after"
        );
        assert_eq!(cal.previous_business_day(d("2026-01-05")), d("2025-12-26"));
        assert_eq!(cal.next_business_day(d("2025-12-26")), d("2026-01-05"));
    }

    #[test]
    fn on_or_before_keeps_a_business_day_and_previous_never_does() {
        let cal = city();
        let thursday = d("2026-11-26");
        assert_eq!(cal.business_day_on_or_before(thursday), thursday);
        assert_eq!(cal.business_day_on_or_after(thursday), thursday);
        assert_eq!(cal.previous_business_day(thursday), d("2026-11-25"));
        // Friday 11/27 is a city closure, then the weekend.
        assert_eq!(cal.next_business_day(thursday), d("2026-11-30"));
        assert_eq!(
            cal.business_day_on_or_after(d("2026-11-28")),
            d("2026-11-30")
        );
        assert_eq!(
            cal.business_day_on_or_before(d("2026-11-29")),
            d("2026-11-26")
        );
    }

    #[test]
    fn the_spec_example_2026_10_moves_reconciliation_from_sunday_to_friday() {
        let got = deadlines(&city(), month("2026-10"));
        assert_eq!(
            got.reconcile_by,
            d("2026-11-06"),
            "11/8 is a Sunday, 11/7 a Saturday"
        );
        assert_eq!(got.fixed_by, d("2026-11-09"));
        assert_eq!(got.available_from, d("2026-11-10"));
        assert_eq!(
            got.invoice_by,
            d("2026-11-15"),
            "the 15th is stated, not adjusted (a Sunday)"
        );
        assert_eq!(got.payment_by, d("2026-11-30"));
    }

    #[test]
    fn a_monday_holiday_on_the_8th_moves_reconciliation_back_over_the_weekend() {
        // 2024-01-08 is 成人の日 (Monday): back over Sunday, Saturday to Friday 1/5.
        let got = deadlines(&city(), month("2023-12"));
        assert_eq!(got.reconcile_by, d("2024-01-05"));
        assert_eq!(got.payment_by, d("2024-01-31"));
        // 2029-01-08 is 成人の日 too, and the rules (not the list) answer for 2029.
        assert_eq!(
            deadlines(&city(), month("2028-12")).reconcile_by,
            d("2029-01-05")
        );
    }

    #[test]
    fn an_8th_in_a_holiday_chain_goes_back_to_before_the_chain() {
        // 2027-05-08 is a Saturday; 5/3–5/5 are holidays but 5/6 and 5/7 are business days.
        assert_eq!(
            deadlines(&city(), month("2027-04")).reconcile_by,
            d("2027-05-07")
        );
        // 2021-08-08 is 山の日 on a Sunday (Olympic move): Friday 8/6.
        assert_eq!(
            deadlines(&city(), month("2021-07")).reconcile_by,
            d("2021-08-06")
        );
        // 2026-12 → 2027-01-08 is a Friday: not moved.
        assert_eq!(
            deadlines(&city(), month("2026-12")).reconcile_by,
            d("2027-01-08")
        );
        // A city closure on the 8th moves it too.
        let closed = BusinessCalendar::new(HolidayTable::builtin(), [d("2027-01-08")]);
        assert_eq!(
            deadlines(&closed, month("2026-12")).reconcile_by,
            d("2027-01-07")
        );
        // 2033-01-08 is a Saturday and the week before is the year-end closure up to 1/3 (Monday).
        assert_eq!(
            deadlines(&city(), month("2032-12")).reconcile_by,
            d("2033-01-07")
        );
    }

    #[test]
    fn payment_is_due_on_the_last_day_including_leap_february() {
        assert_eq!(
            deadlines(&city(), month("2028-01")).payment_by,
            d("2028-02-29")
        );
        assert_eq!(
            deadlines(&city(), month("2026-12")).payment_by,
            d("2027-01-31")
        );
    }
}
