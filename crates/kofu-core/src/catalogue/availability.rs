//! Whether a kind can be issued at a given moment, and the reason in Japanese when it cannot
//! (`kofu service available`, the help desk, and the out-of-hours check of 第9条).
//!
//! The first reason that applies is given, in this order: the kind is unknown, it is disabled,
//! a suspension covers the moment, the day is a closed day (12/29–1/3), the kind is served on
//! business days only and the day is a 休日, the time is outside the day's windows. A suspension
//! comes before the hours because it is what residents were told about (the kiosk notice) and
//! because a planned one lies outside service hours by rule: after the hours it could never be
//! named. Nothing here reads the clock: the moment is passed in.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::hours::{DayHours, ServiceHours};
use super::suspension::{datetime_ja, Suspension};
use super::window::format_windows;
use super::{Catalogue, KindCode};
use crate::calendar::{weekday_ja, BusinessCalendar};

/// Why a kind cannot be issued, for scripts and the UI (the `reason` text is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    UnknownKind,
    Disabled,
    Suspended,
    ClosedDay,
    BusinessDaysOnly,
    OutsideHours,
}

impl ReasonCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnknownKind => "unknown_kind",
            Self::Disabled => "disabled",
            Self::Suspended => "suspended",
            Self::ClosedDay => "closed_day",
            Self::BusinessDaysOnly => "business_days_only",
            Self::OutsideHours => "outside_hours",
        }
    }
}

/// The answer: `{"available":true}` or `{"available":false,"reason":"…","reason_code":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Availability {
    pub available: bool,
    /// Japanese, for the clerk or the resident; absent when available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<ReasonCode>,
}

impl Availability {
    fn yes() -> Self {
        Self {
            available: true,
            reason: None,
            reason_code: None,
        }
    }

    fn no(code: ReasonCode, reason: String) -> Self {
        Self {
            available: false,
            reason: Some(reason),
            reason_code: Some(code),
        }
    }
}

/// Whether `kind` can be issued at `at` (Japan time).
pub fn available(
    kind: KindCode,
    at: NaiveDateTime,
    catalogue: &Catalogue,
    hours: &ServiceHours,
    suspensions: &[Suspension],
    calendar: &BusinessCalendar,
) -> Availability {
    let Some(cert) = catalogue.get(kind) else {
        return Availability::no(
            ReasonCode::UnknownKind,
            format!("証明書種別 '{kind}' は登録されていません。"),
        );
    };
    let name = &cert.name;
    if !cert.enabled {
        return Availability::no(
            ReasonCode::Disabled,
            format!("この証明書（{kind} {name}）は交付対象外（無効）です。"),
        );
    }
    if let Some(s) = suspensions.iter().find(|s| s.covers(kind, at)) {
        return Availability::no(ReasonCode::Suspended, format!("{}。", s.describe()));
    }
    let date = at.date();
    match hours.day(kind, date, calendar) {
        DayHours::Closed(closed) => Availability::no(
            ReasonCode::ClosedDay,
            format!("{}は交付を停止しています。", closed.describe()),
        ),
        DayHours::NotBusinessDay(why) => {
            let when = hours
                .for_kind(kind)
                .weekday_summary()
                .map_or_else(|| "開庁日".to_owned(), |w| format!("開庁日の{w}"));
            Availability::no(
                ReasonCode::BusinessDaysOnly,
                format!("{name}は{when}のみ交付できます（{date} は{why}）。"),
            )
        }
        DayHours::Open { windows, holiday } => {
            if windows.iter().any(|w| w.contains(at.time())) {
                return Availability::yes();
            }
            let day_label = match &holiday {
                Some(h) => format!("祝日（{h}）"),
                None => format!("{}曜日", weekday_ja(date)),
            };
            let reason = if windows.is_empty() {
                format!("{name}は{day_label}は交付していません（{date}）。")
            } else {
                let day = holiday.map_or_else(String::new, |h| format!(" {h}"));
                format!(
                    "{name}の交付時間は{}です（{}{day} は時間外）。",
                    format_windows(windows),
                    datetime_ja(at)
                )
            };
            Availability::no(ReasonCode::OutsideHours, reason)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::HolidayTable;
    use crate::catalogue::{CertificateKind, Scope, SuspensionKind, TimeWindow, WeeklyHours};
    use chrono::NaiveDate;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn code(s: &str) -> KindCode {
        KindCode::parse(s).unwrap()
    }

    fn cal() -> BusinessCalendar {
        let closure = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        BusinessCalendar::new(HolidayTable::builtin(), [closure])
    }

    fn ask(kind: &str, when: &str) -> Availability {
        ask_with(kind, when, &[])
    }

    fn ask_with(kind: &str, when: &str, suspensions: &[Suspension]) -> Availability {
        available(
            code(kind),
            at(when),
            &Catalogue::chiba_demo(),
            &ServiceHours::chiba_demo(),
            suspensions,
            &cal(),
        )
    }

    fn is(kind: &str, when: &str) -> bool {
        ask(kind, when).available
    }

    #[test]
    fn the_default_hours_start_at_6_30_and_end_before_23_00() {
        // 2026-10-10 is a Saturday: 01 is served every day.
        assert!(!is("01", "2026-10-10T06:29"), "06:29 is before opening");
        assert!(is("01", "2026-10-10T06:30"), "06:30 is the first minute");
        assert!(is("01", "2026-10-10T22:59"), "22:59 is the last minute");
        let closing = ask("01", "2026-10-10T23:00");
        assert!(
            !closing.available,
            "23:00 is closed: windows are [start, end)"
        );
        assert_eq!(closing.reason_code, Some(ReasonCode::OutsideHours));
        assert_eq!(
            closing.reason.as_deref(),
            Some("住民票の写しの交付時間は6:30〜23:00です（2026-10-10 23:00 は時間外）。")
        );
    }

    #[test]
    fn koseki_kinds_end_at_17_00_on_a_business_day() {
        // 2026-10-09 is a Friday.
        assert!(!is("04", "2026-10-09T08:59"));
        assert!(is("04", "2026-10-09T09:00"));
        assert!(is("04", "2026-10-09T16:59"), "16:59 is still served");
        let five = ask("05", "2026-10-09T17:00");
        assert!(!five.available, "17:00 is closed");
        assert_eq!(five.reason_code, Some(ReasonCode::OutsideHours));
        assert_eq!(
            five.reason.as_deref(),
            Some("戸籍個人事項証明書の交付時間は9:00〜17:00です（2026-10-09 17:00 は時間外）。")
        );
    }

    #[test]
    fn koseki_kinds_are_refused_on_a_saturday_with_the_reason_of_the_day() {
        let got = ask("04", "2026-10-10T10:00");
        assert_eq!(got.reason_code, Some(ReasonCode::BusinessDaysOnly));
        assert_eq!(
            got.reason.as_deref(),
            Some(
                "戸籍全部事項証明書は開庁日の9:00〜17:00のみ交付できます（2026-10-10 は土曜日）。"
            )
        );
        let json = serde_json::to_string(&got).unwrap();
        assert!(
            json.starts_with(r#"{"available":false,"reason":"戸籍全部事項証明書は"#),
            "the CLI.md shape: {json}"
        );
    }

    #[test]
    fn koseki_kinds_are_refused_on_national_holidays_and_city_closures_but_01_is_served() {
        // 2026-11-03 文化の日 (Tuesday), 2026-11-27 a closure configured by the city (Friday).
        let holiday = ask("05", "2026-11-03T10:00");
        assert_eq!(holiday.reason_code, Some(ReasonCode::BusinessDaysOnly));
        assert!(
            holiday
                .reason
                .as_deref()
                .unwrap()
                .ends_with("（2026-11-03 は文化の日）。"),
            "{holiday:?}"
        );
        let closure = ask("04", "2026-11-27T10:00");
        assert!(
            closure.reason.as_deref().unwrap().contains("は閉庁日"),
            "{closure:?}"
        );
        assert!(is("01", "2026-11-03T10:00"), "kiosks serve 01 on holidays");
        assert!(is("01", "2026-11-27T10:00"), "and on the city's closures");
    }

    #[test]
    fn the_year_end_closes_every_kind_from_12_29_to_1_3() {
        for (kind, when) in [
            ("01", "2026-12-29T10:00"),
            ("01", "2027-01-01T10:00"),
            ("01", "2027-01-03T22:00"),
            ("04", "2026-12-29T10:00"),
            ("04", "2027-01-03T10:00"),
        ] {
            let got = ask(kind, when);
            assert_eq!(
                got.reason_code,
                Some(ReasonCode::ClosedDay),
                "{kind} at {when}"
            );
            assert_eq!(
                got.reason.as_deref(),
                Some("年末年始（12/29〜1/3）は交付を停止しています。")
            );
        }
        assert!(is("01", "2026-12-28T22:59"), "the day before");
        assert!(is("01", "2027-01-04T06:30"), "the day after");
        assert!(is("04", "2027-01-04T09:00"), "a Monday business day");
        assert!(!is("04", "2026-12-28T17:00"));
    }

    #[test]
    fn unknown_and_disabled_kinds_are_named_in_the_reason() {
        let unknown = ask("99", "2026-10-09T10:00");
        assert_eq!(unknown.reason_code, Some(ReasonCode::UnknownKind));
        assert_eq!(
            unknown.reason.as_deref(),
            Some("証明書種別 '99' は登録されていません。")
        );
        let mut catalogue = Catalogue::chiba_demo();
        catalogue
            .update(CertificateKind {
                code: code("07"),
                name: crate::FreeText::parse("name", "所得・課税証明書").unwrap(),
                enabled: false,
            })
            .unwrap();
        let got = available(
            code("07"),
            at("2026-10-09T10:00"),
            &catalogue,
            &ServiceHours::chiba_demo(),
            &[],
            &cal(),
        );
        assert_eq!(got.reason_code, Some(ReasonCode::Disabled));
        assert_eq!(
            got.reason.as_deref(),
            Some("この証明書（07 所得・課税証明書）は交付対象外（無効）です。")
        );
    }

    #[test]
    fn a_suspension_in_force_is_the_reason_given() {
        let stop = Suspension {
            id: Some(1),
            kind: SuspensionKind::Emergency,
            scope: Scope::Kinds(vec![code("03")]),
            from: at("2026-10-09T10:00"),
            until: at("2026-10-09T12:00"),
            reason: crate::FreeText::parse("reason", "印鑑登録システムの障害").unwrap(),
            notice_text: Some(
                crate::FreeText::parse("notice_text", "現在、印鑑登録証明書は交付できません。")
                    .unwrap(),
            ),
        };
        let got = ask_with("03", "2026-10-09T11:00", std::slice::from_ref(&stop));
        assert_eq!(got.reason_code, Some(ReasonCode::Suspended));
        assert_eq!(
            got.reason.as_deref(),
            Some("緊急停止中です: 印鑑登録システムの障害（2026-10-09 10:00〜2026-10-09 12:00）。")
        );
        assert!(ask_with("03", "2026-10-09T12:00", std::slice::from_ref(&stop)).available);
        assert!(
            ask_with("01", "2026-10-09T11:00", &[stop]).available,
            "not in scope"
        );
    }

    #[test]
    fn a_planned_suspension_is_named_even_though_it_lies_outside_hours() {
        let stop = Suspension {
            id: None,
            kind: SuspensionKind::Planned,
            scope: Scope::All,
            from: at("2026-10-10T23:30"),
            until: at("2026-10-11T05:00"),
            reason: crate::FreeText::parse("reason", "定期保守").unwrap(),
            notice_text: None,
        };
        let got = ask_with("01", "2026-10-11T01:00", &[stop]);
        assert_eq!(got.reason_code, Some(ReasonCode::Suspended));
        assert!(got.reason.unwrap().starts_with("計画停止中です: 定期保守"));
    }

    #[test]
    fn a_day_with_an_empty_row_says_the_kind_is_not_served_that_day() {
        let mut hours = ServiceHours::chiba_demo();
        let mut weekly = WeeklyHours::standard();
        weekly.sun = Vec::new();
        weekly.holiday = Vec::new();
        hours.set_hours(Some(code("07")), weekly).unwrap();
        let ask7 = |hours: &ServiceHours, when| {
            available(
                code("07"),
                at(when),
                &Catalogue::chiba_demo(),
                hours,
                &[],
                &cal(),
            )
        };
        assert_eq!(
            ask7(&hours, "2026-10-11T10:00").reason.as_deref(),
            Some("所得・課税証明書は日曜日は交付していません（2026-10-11）。")
        );
        assert_eq!(
            ask7(&hours, "2026-11-03T10:00").reason.as_deref(),
            Some("所得・課税証明書は祝日（文化の日）は交付していません（2026-11-03）。")
        );
        let mut short = WeeklyHours::standard();
        short.holiday = vec![TimeWindow::hm(9, 0, 17, 0).unwrap()];
        hours.set_hours(Some(code("07")), short).unwrap();
        assert_eq!(
            ask7(&hours, "2026-11-03T08:00").reason.as_deref(),
            Some("所得・課税証明書の交付時間は9:00〜17:00です（2026-11-03 08:00 文化の日 は時間外）。")
        );
    }

    #[test]
    fn an_available_answer_is_just_available_true_in_json() {
        let got = ask("01", "2026-10-09T10:00");
        assert_eq!(got, Availability::yes());
        assert_eq!(
            serde_json::to_string(&got).unwrap(),
            r#"{"available":true}"#
        );
    }
}
