//! Service hours (サービス提供時間, 第8条1): when each certificate kind can be issued at stores.
//!
//! Each kind follows a [`WeeklyHours`]: time windows for each day of the week and a separate row
//! for national holidays, plus a [`DayRule`]. Kinds the city answers from its own office (the
//! 戸籍 kinds in Chiba, whose data is only available while the office is open) are
//! [`DayRule::BusinessDaysOnly`]: on any 休日 of the city's [`BusinessCalendar`] (weekends,
//! national holidays, 12/29–1/3, the city's closures) they are unavailable, whatever the rows
//! say. On top of that, [`ClosedDays`] (12/29–1/3 by default) close the service for every kind.
//! Windows are half-open ([`super::window`]). This module answers "open or not on this day, at
//! this time"; suspensions and the reason a resident is given are in [`super::availability`].

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::closed::ClosedDays;
use super::window::{format_windows, TimeWindow};
use super::KindCode;
use crate::calendar::BusinessCalendar;
use crate::DomainError;

/// Which days a kind is offered on at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DayRule {
    /// Every day, by the weekday rows and the holiday row.
    EveryDay,
    /// Only on the city's business days (開庁日), by the weekday rows.
    BusinessDaysOnly,
}

/// The weekly schedule of one kind. An empty row means closed that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WeeklyHours {
    pub rule: DayRule,
    pub mon: Vec<TimeWindow>,
    pub tue: Vec<TimeWindow>,
    pub wed: Vec<TimeWindow>,
    pub thu: Vec<TimeWindow>,
    pub fri: Vec<TimeWindow>,
    pub sat: Vec<TimeWindow>,
    pub sun: Vec<TimeWindow>,
    /// National holidays (祝日・振替休日・国民の休日), whatever the weekday. Unused under
    /// [`DayRule::BusinessDaysOnly`], where a holiday is closed.
    pub holiday: Vec<TimeWindow>,
}

impl WeeklyHours {
    /// The same window every day, holidays included.
    pub fn every_day(window: TimeWindow) -> Self {
        let w = vec![window];
        Self {
            rule: DayRule::EveryDay,
            mon: w.clone(),
            tue: w.clone(),
            wed: w.clone(),
            thu: w.clone(),
            fri: w.clone(),
            sat: w.clone(),
            sun: w.clone(),
            holiday: w,
        }
    }

    /// `window` on the city's business days only.
    pub fn business_days(window: TimeWindow) -> Self {
        let w = vec![window];
        Self {
            rule: DayRule::BusinessDaysOnly,
            mon: w.clone(),
            tue: w.clone(),
            wed: w.clone(),
            thu: w.clone(),
            fri: w,
            sat: Vec::new(),
            sun: Vec::new(),
            holiday: Vec::new(),
        }
    }

    /// 6:30〜23:00 every day, the default of INTERFACES.md.
    pub fn standard() -> Self {
        Self::every_day(TimeWindow::hm(6, 30, 23, 0).expect("valid window"))
    }

    pub fn row(&self, weekday: Weekday) -> &[TimeWindow] {
        match weekday {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        }
    }

    fn rows(&self) -> [(&'static str, &[TimeWindow]); 8] {
        [
            ("月曜日", &self.mon),
            ("火曜日", &self.tue),
            ("水曜日", &self.wed),
            ("木曜日", &self.thu),
            ("金曜日", &self.fri),
            ("土曜日", &self.sat),
            ("日曜日", &self.sun),
            ("祝日", &self.holiday),
        ]
    }

    /// Windows of a row must not overlap: a clerk reading 「6:30〜12:00、11:00〜17:00」
    /// could not tell what was meant.
    pub fn validate(&self) -> Result<(), DomainError> {
        for (label, row) in self.rows() {
            let mut sorted = row.to_vec();
            sorted.sort_by_key(|w| w.start());
            if let Some(p) = sorted.windows(2).find(|p| p[1].start() < p[0].end()) {
                return Err(DomainError::new(
                    "hours",
                    format!("{label}の提供時間 {} と {} が重なっています。", p[0], p[1]),
                    format!("{label}: windows {} and {} overlap", p[0], p[1]),
                ));
            }
        }
        Ok(())
    }

    /// 「9:00〜17:00」 when Monday to Friday share the same windows, for messages about
    /// business days.
    pub fn weekday_summary(&self) -> Option<String> {
        let days = [&self.mon, &self.tue, &self.wed, &self.thu, &self.fri];
        (!self.mon.is_empty() && days.iter().all(|d| *d == &self.mon))
            .then(|| format_windows(&self.mon))
    }
}

/// What a day looks like for one kind, before suspensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayHours<'a> {
    /// In the closed days of every kind.
    Closed(&'a ClosedDays),
    /// A 休日 for a [`DayRule::BusinessDaysOnly`] kind; the calendar's reason (「土曜日」,
    /// 「文化の日」, 「閉庁日」).
    NotBusinessDay(String),
    /// The windows of the day's row (empty: closed that weekday); `holiday` names the national
    /// holiday when the holiday row was used.
    Open {
        windows: &'a [TimeWindow],
        holiday: Option<String>,
    },
}

impl<'a> DayHours<'a> {
    /// The windows served that day (empty when closed).
    pub fn windows(&self) -> &'a [TimeWindow] {
        match self {
            Self::Open { windows, .. } => windows,
            _ => &[],
        }
    }
}

/// The hours of every kind: a default, the kinds that differ from it, and the closed days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(try_from = "RawServiceHours")]
pub struct ServiceHours {
    /// For every kind without hours of its own (and for kinds added later).
    default: WeeklyHours,
    #[ts(type = "Record<string, WeeklyHours>")]
    by_kind: BTreeMap<KindCode, WeeklyHours>,
    closed_days: Vec<ClosedDays>,
}

#[derive(Deserialize)]
struct RawServiceHours {
    default: WeeklyHours,
    by_kind: BTreeMap<KindCode, WeeklyHours>,
    closed_days: Vec<ClosedDays>,
}

impl TryFrom<RawServiceHours> for ServiceHours {
    type Error = DomainError;
    fn try_from(r: RawServiceHours) -> Result<Self, Self::Error> {
        Self::new(r.default, r.by_kind, r.closed_days)
    }
}

impl ServiceHours {
    pub fn new(
        default: WeeklyHours,
        by_kind: BTreeMap<KindCode, WeeklyHours>,
        closed_days: Vec<ClosedDays>,
    ) -> Result<Self, DomainError> {
        default.validate()?;
        for h in by_kind.values() {
            h.validate()?;
        }
        Ok(Self {
            default,
            by_kind,
            closed_days,
        })
    }

    /// 6:30〜23:00 every day for every kind, closed 12/29–1/3.
    pub fn standard() -> Self {
        Self {
            default: WeeklyHours::standard(),
            by_kind: BTreeMap::new(),
            closed_days: vec![ClosedDays::year_end()],
        }
    }

    /// The standard hours, with the 戸籍 kinds 04 and 05 on business days 9:00〜17:00.
    pub fn chiba_demo() -> Self {
        let koseki = WeeklyHours::business_days(TimeWindow::hm(9, 0, 17, 0).expect("valid"));
        let mut hours = Self::standard();
        for code in ["04", "05"] {
            hours
                .by_kind
                .insert(KindCode::parse(code).expect("valid"), koseki.clone());
        }
        hours
    }

    pub fn default_hours(&self) -> &WeeklyHours {
        &self.default
    }

    /// The kinds with hours of their own.
    pub fn by_kind(&self) -> &BTreeMap<KindCode, WeeklyHours> {
        &self.by_kind
    }

    pub fn closed_days(&self) -> &[ClosedDays] {
        &self.closed_days
    }

    /// The hours `kind` follows: its own, else the default.
    pub fn for_kind(&self, kind: KindCode) -> &WeeklyHours {
        self.by_kind.get(&kind).unwrap_or(&self.default)
    }

    /// Sets the hours of `kind`, or the default with `None` (an approved 「提供時間の変更」).
    pub fn set_hours(
        &mut self,
        kind: Option<KindCode>,
        hours: WeeklyHours,
    ) -> Result<(), DomainError> {
        hours.validate()?;
        match kind {
            Some(k) => {
                self.by_kind.insert(k, hours);
            }
            None => self.default = hours,
        }
        Ok(())
    }

    /// Makes `kind` follow the default again.
    pub fn clear_hours(&mut self, kind: KindCode) {
        self.by_kind.remove(&kind);
    }

    pub fn set_closed_days(&mut self, closed_days: Vec<ClosedDays>) {
        self.closed_days = closed_days;
    }

    /// How `date` looks for `kind`: closed days first (every kind), then the business-day rule,
    /// then the row (the holiday row on a national holiday).
    pub fn day(
        &self,
        kind: KindCode,
        date: NaiveDate,
        calendar: &BusinessCalendar,
    ) -> DayHours<'_> {
        if let Some(c) = self.closed_days.iter().find(|c| c.contains(date)) {
            return DayHours::Closed(c);
        }
        let weekly = self.for_kind(kind);
        match weekly.rule {
            DayRule::BusinessDaysOnly => match calendar.closure_reason(date) {
                Some(reason) => DayHours::NotBusinessDay(reason),
                None => DayHours::Open {
                    windows: weekly.row(date.weekday()),
                    holiday: None,
                },
            },
            DayRule::EveryDay => match calendar.holidays().holiday_name(date) {
                Some(name) => DayHours::Open {
                    windows: &weekly.holiday,
                    holiday: Some(name),
                },
                None => DayHours::Open {
                    windows: weekly.row(date.weekday()),
                    holiday: None,
                },
            },
        }
    }

    /// The windows in which `kind` is served on `date` (empty: not at all).
    pub fn windows_on(
        &self,
        kind: KindCode,
        date: NaiveDate,
        calendar: &BusinessCalendar,
    ) -> &[TimeWindow] {
        self.day(kind, date, calendar).windows()
    }

    /// Whether `at` is within the service hours of `kind` (suspensions aside). Reconciliation
    /// flags an issuance for which this is false (第9条).
    pub fn is_open(&self, kind: KindCode, at: NaiveDateTime, calendar: &BusinessCalendar) -> bool {
        self.is_open_throughout(kind, at, at, calendar)
    }

    /// Whether `kind` is served at every instant from `first` to `last` (the same day): both lie
    /// in one window. Reconciliation clears a day's group of issuances at once with it.
    pub fn is_open_throughout(
        &self,
        kind: KindCode,
        first: NaiveDateTime,
        last: NaiveDateTime,
        calendar: &BusinessCalendar,
    ) -> bool {
        first.date() == last.date()
            && self
                .windows_on(kind, first.date(), calendar)
                .iter()
                .any(|w| w.contains(first.time()) && w.contains(last.time()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::HolidayTable;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    fn code(s: &str) -> KindCode {
        KindCode::parse(s).unwrap()
    }

    fn cal() -> BusinessCalendar {
        BusinessCalendar::new(HolidayTable::builtin(), [d("2026-11-27")])
    }

    #[test]
    fn open_throughout_needs_both_ends_in_one_window_of_one_day() {
        let mut h = ServiceHours::standard();
        let mut weekly = WeeklyHours::standard();
        // 2026-11-24 is a Tuesday: 6:30〜12:00 and 13:00〜23:00.
        weekly.tue = vec![
            TimeWindow::hm(6, 30, 12, 0).unwrap(),
            TimeWindow::hm(13, 0, 23, 0).unwrap(),
        ];
        h.set_hours(None, weekly).unwrap();
        let (k, cal) = (code("01"), cal());
        let open = |a: &str, b: &str| h.is_open_throughout(k, at(a), at(b), &cal);
        assert!(open("2026-11-24T06:30:00", "2026-11-24T11:59:59"));
        assert!(open("2026-11-24T13:00:00", "2026-11-24T22:59:59"));
        assert!(
            !open("2026-11-24T11:00:00", "2026-11-24T14:00:00"),
            "across the lunch gap"
        );
        assert!(
            !open("2026-11-24T22:00:00", "2026-11-24T23:00:00"),
            "the end is closed"
        );
        assert!(
            !open("2026-11-24T10:00:00", "2026-11-25T10:00:00"),
            "two days"
        );
        assert!(!h.is_open(k, at("2026-11-24T12:59:59"), &cal));
    }

    #[test]
    fn overlapping_windows_in_a_row_are_refused() {
        let mut h = WeeklyHours::standard();
        h.sat = vec![
            TimeWindow::hm(6, 30, 12, 0).unwrap(),
            TimeWindow::hm(11, 0, 17, 0).unwrap(),
        ];
        let err = h.validate().unwrap_err();
        assert!(err.message.starts_with("土曜日"), "{}", err.message);
        h.sat = vec![
            TimeWindow::hm(13, 0, 17, 0).unwrap(),
            TimeWindow::hm(6, 30, 12, 0).unwrap(),
        ];
        assert!(h.validate().is_ok(), "order does not matter, only overlap");
    }

    #[test]
    fn koseki_kinds_are_open_on_business_days_only_and_others_every_day() {
        let h = ServiceHours::chiba_demo();
        let cal = cal();
        // 2026-10-10 Saturday, 2026-11-03 文化の日 (Tuesday), 2026-11-27 a city closure.
        assert_eq!(
            h.day(code("04"), d("2026-10-10"), &cal),
            DayHours::NotBusinessDay("土曜日".into())
        );
        assert_eq!(
            h.day(code("05"), d("2026-11-03"), &cal),
            DayHours::NotBusinessDay("文化の日".into())
        );
        assert_eq!(
            h.day(code("04"), d("2026-11-27"), &cal),
            DayHours::NotBusinessDay("閉庁日".into())
        );
        assert!(h.is_open(code("01"), at("2026-10-10T10:00:00"), &cal));
        assert!(
            h.is_open(code("01"), at("2026-11-03T10:00:00"), &cal),
            "holiday row"
        );
        assert!(
            h.is_open(code("01"), at("2026-11-27T10:00:00"), &cal),
            "kiosks ignore city closures"
        );
        assert!(
            h.is_open(code("04"), at("2026-10-09T10:00:00"), &cal),
            "a Friday"
        );
    }

    #[test]
    fn the_holiday_row_applies_on_a_national_holiday_whatever_the_weekday() {
        let mut h = ServiceHours::standard();
        let mut weekly = WeeklyHours::standard();
        weekly.holiday = vec![TimeWindow::hm(9, 0, 17, 0).unwrap()];
        h.set_hours(Some(code("07")), weekly).unwrap();
        let cal = cal();
        assert!(
            !h.is_open(code("07"), at("2026-11-03T08:00:00"), &cal),
            "文化の日"
        );
        assert!(
            h.is_open(code("07"), at("2026-11-04T08:00:00"), &cal),
            "an ordinary Wednesday"
        );
        assert!(
            h.is_open(code("01"), at("2026-11-03T08:00:00"), &cal),
            "01 keeps the default"
        );
    }

    #[test]
    fn closed_days_close_every_kind_before_any_other_rule() {
        let h = ServiceHours::chiba_demo();
        let cal = cal();
        for k in ["01", "04"] {
            assert!(
                matches!(h.day(code(k), d("2026-12-30"), &cal), DayHours::Closed(_)),
                "kind {k} on 12/30"
            );
            assert!(
                matches!(h.day(code(k), d("2027-01-01"), &cal), DayHours::Closed(_)),
                "元日 is reported as 年末年始 for kind {k}"
            );
        }
        assert!(h.is_open(code("01"), at("2026-12-28T22:59:00"), &cal));
    }

    #[test]
    fn service_hours_round_trip_through_json_with_kind_codes_as_keys() {
        let h = ServiceHours::chiba_demo();
        let json = serde_json::to_value(&h).unwrap();
        assert_eq!(json["by_kind"]["04"]["rule"], "business_days_only");
        assert_eq!(json["default"]["mon"][0]["start"], "06:30");
        let back: ServiceHours = serde_json::from_value(json).unwrap();
        assert_eq!(back, h);
    }
}
