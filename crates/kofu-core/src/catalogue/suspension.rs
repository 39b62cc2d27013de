//! Suspensions of the service (停止, 第8条2・3): planned maintenance and emergency stops.
//!
//! A planned maintenance must lie entirely outside the service hours of every kind it stops
//! (第8条2): [`validate_planned`] refuses one that does not, naming the first kind, day and
//! window it would cut into, so the clerk can move it. An emergency stop (障害等, 第8条3) may
//! fall in service hours (that is what makes it an emergency) but residents must be told:
//! it needs the notice text shown on kiosks and announced in stores. Both are `[from, until)`,
//! like the windows of [`super::hours`]. Whether a suspension stops a given issuance is
//! [`Suspension::covers`]; the answer given to a resident is in [`super::availability`].

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::hours::ServiceHours;
use super::{Catalogue, KindCode};
use crate::calendar::{weekday_ja, BusinessCalendar};
use crate::{DomainError, FreeText};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SuspensionKind {
    /// 計画停止: maintenance, outside service hours (第8条2).
    Planned,
    /// 緊急停止: unavoidable, notified to the city and announced to residents (第8条3).
    Emergency,
}

/// Which kinds a suspension stops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every kind of the catalogue.
    All,
    Kinds(Vec<KindCode>),
}

impl Scope {
    pub fn includes(&self, kind: KindCode) -> bool {
        match self {
            Self::All => true,
            Self::Kinds(kinds) => kinds.contains(&kind),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Suspension {
    /// Assigned by the store.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub kind: SuspensionKind,
    pub scope: Scope,
    /// First instant stopped (inclusive), Japan time.
    pub from: NaiveDateTime,
    /// First instant served again (exclusive), Japan time.
    pub until: NaiveDateTime,
    /// For staff, e.g. 「証明書交付センター定期保守」.
    pub reason: FreeText,
    /// For residents: shown on kiosks and announced in stores. Required for an emergency stop.
    #[serde(default)]
    pub notice_text: Option<FreeText>,
}

impl Suspension {
    /// Whether this suspension stops `kind` at `at`.
    pub fn covers(&self, kind: KindCode, at: NaiveDateTime) -> bool {
        self.scope.includes(kind) && self.from <= at && at < self.until
    }

    /// 「計画停止中です: 証明書交付センター定期保守（2026-10-10 23:30〜2026-10-11 05:00）」.
    pub fn describe(&self) -> String {
        let what = match self.kind {
            SuspensionKind::Planned => "計画停止中です",
            SuspensionKind::Emergency => "緊急停止中です",
        };
        format!(
            "{what}: {}（{}〜{}）",
            self.reason.as_str().trim(),
            datetime_ja(self.from),
            datetime_ja(self.until)
        )
    }

    /// Every rule for this suspension's kind: [`validate_planned`] or [`validate_emergency`].
    pub fn validate(
        &self,
        catalogue: &Catalogue,
        hours: &ServiceHours,
        calendar: &BusinessCalendar,
    ) -> Result<(), DomainError> {
        match self.kind {
            SuspensionKind::Planned => validate_planned(self, catalogue, hours, calendar),
            SuspensionKind::Emergency => validate_emergency(self, catalogue),
        }
    }

    /// The kinds of `catalogue` it stops, in code order.
    fn kinds_in_scope(&self, catalogue: &Catalogue) -> Result<Vec<KindCode>, DomainError> {
        match &self.scope {
            Scope::All => Ok(catalogue.kinds().iter().map(|k| k.code).collect()),
            Scope::Kinds(kinds) => {
                if kinds.is_empty() {
                    return Err(DomainError::new(
                        "scope",
                        "停止する証明書種別を選択してください。",
                        "suspension scope names no kind",
                    ));
                }
                let mut kinds = kinds.clone();
                kinds.sort();
                kinds.dedup();
                for &k in &kinds {
                    catalogue.require(k)?;
                }
                Ok(kinds)
            }
        }
    }
}

/// A planned maintenance: the common checks, then no overlap with the service hours of any
/// kind in scope on any day it spans (第8条2). Every kind of the catalogue counts, offered or not,
/// since a disabled kind may be enabled again before the maintenance.
pub fn validate_planned(
    s: &Suspension,
    catalogue: &Catalogue,
    hours: &ServiceHours,
    calendar: &BusinessCalendar,
) -> Result<(), DomainError> {
    let kinds = validate_common(s, catalogue)?;
    let mut day = s.from.date();
    while day <= s.until.date() {
        for &kind in &kinds {
            for window in hours.windows_on(kind, day, calendar) {
                let (start, end) = window.on(day);
                if start < s.until && s.from < end {
                    let name = catalogue.get(kind).map_or("", |k| k.name.as_str());
                    return Err(DomainError::new(
                        "from",
                        format!(
                            "計画停止（{}〜{}）が{name}（{kind}）の提供時間 {day}（{}）{window} と重なっています。保守による停止は提供時間外に設定してください（第8条第2項）。",
                            datetime_ja(s.from),
                            datetime_ja(s.until),
                            weekday_ja(day)
                        ),
                        format!(
                            "planned suspension {}..{} overlaps the service hours of kind {kind} on {day}, {} to {} (article 8(2))",
                            s.from,
                            s.until,
                            window.start(),
                            window.end()
                        ),
                    ));
                }
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    Ok(())
}

/// An emergency stop: the common checks, and a notice for residents (第8条3).
pub fn validate_emergency(s: &Suspension, catalogue: &Catalogue) -> Result<(), DomainError> {
    validate_common(s, catalogue)?;
    if s.notice_text
        .as_ref()
        .is_none_or(|t| t.as_str().trim().is_empty())
    {
        return Err(DomainError::new(
            "notice_text",
            "緊急停止には、キオスク端末の画面や店舗で利用者に告知する文面を入力してください（第8条第3項）。",
            "an emergency suspension needs the notice text for residents (article 8(3))",
        ));
    }
    Ok(())
}

/// An interval that ends after it starts, a reason, no 個人番号 in the texts, and known kinds;
/// returns the kinds in scope.
fn validate_common(s: &Suspension, catalogue: &Catalogue) -> Result<Vec<KindCode>, DomainError> {
    s.reason.check("reason")?;
    if let Some(notice) = &s.notice_text {
        notice.check("notice_text")?;
    }
    if s.until <= s.from {
        return Err(DomainError::new(
            "until",
            format!(
                "停止の終了日時（{}）は開始日時（{}）より後にしてください。",
                datetime_ja(s.until),
                datetime_ja(s.from)
            ),
            format!(
                "suspension ends at {} before it starts at {}",
                s.until, s.from
            ),
        ));
    }
    if s.reason.as_str().trim().is_empty() {
        return Err(DomainError::new(
            "reason",
            "停止の理由を入力してください。",
            "suspension without a reason",
        ));
    }
    s.kinds_in_scope(catalogue)
}

/// 「2026-10-10 23:30」.
pub(crate) fn datetime_ja(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::HolidayTable;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn code(s: &str) -> KindCode {
        KindCode::parse(s).unwrap()
    }

    fn cal() -> BusinessCalendar {
        BusinessCalendar::new(HolidayTable::builtin(), [])
    }

    fn planned(scope: Scope, from: &str, until: &str) -> Suspension {
        Suspension {
            id: None,
            kind: SuspensionKind::Planned,
            scope,
            from: at(from),
            until: at(until),
            reason: FreeText::parse("reason", "証明書交付センター定期保守").unwrap(),
            notice_text: None,
        }
    }

    fn check(s: &Suspension) -> Result<(), DomainError> {
        s.validate(
            &Catalogue::chiba_demo(),
            &ServiceHours::chiba_demo(),
            &cal(),
        )
    }

    #[test]
    fn a_night_maintenance_outside_the_default_hours_is_accepted_for_all_kinds() {
        // Saturday 23:30 to Sunday 5:00: after 23:00 and before 6:30.
        let s = planned(Scope::All, "2026-10-10T23:30", "2026-10-11T05:00");
        assert_eq!(check(&s), Ok(()));
        // Touching both ends is still outside: windows and suspensions are half-open.
        let s = planned(Scope::All, "2026-10-10T23:00", "2026-10-11T06:30");
        assert_eq!(check(&s), Ok(()), "23:00 and 6:30 are not served");
    }

    #[test]
    fn a_maintenance_overlapping_service_hours_is_refused_naming_kind_day_and_window() {
        let s = planned(Scope::All, "2026-10-10T23:30", "2026-10-11T07:00");
        let err = check(&s).unwrap_err();
        assert_eq!(err.field, "from");
        assert!(
            err.message.contains(
                "住民票の写し（01）の提供時間 2026-10-11（日）6:30〜23:00 と重なっています"
            ),
            "the first kind, the day and the window: {}",
            err.message
        );
        assert!(err.message.contains("第8条第2項"), "{}", err.message);
        assert!(
            err.detail.contains("kind 01 on 2026-10-11"),
            "{}",
            err.detail
        );
    }

    #[test]
    fn a_daytime_maintenance_of_koseki_kinds_on_a_saturday_is_outside_their_hours() {
        let s = planned(
            Scope::Kinds(vec![code("05"), code("04")]),
            "2026-10-10T10:00",
            "2026-10-10T12:00",
        );
        assert_eq!(check(&s), Ok(()), "04 and 05 are business days only");
        let all = Suspension {
            scope: Scope::All,
            ..s.clone()
        };
        assert!(check(&all).is_err(), "01 is served on Saturdays");
        let weekday = planned(
            Scope::Kinds(vec![code("04")]),
            "2026-10-09T16:59",
            "2026-10-09T18:00",
        );
        let err = check(&weekday).unwrap_err();
        assert!(
            err.message.contains("戸籍全部事項証明書（04）"),
            "{}",
            err.message
        );
        assert!(
            check(&planned(
                Scope::Kinds(vec![code("04")]),
                "2026-10-09T17:00",
                "2026-10-09T18:00"
            ))
            .is_ok(),
            "17:00 is after the 戸籍 window"
        );
    }

    #[test]
    fn an_emergency_stop_may_fall_in_service_hours_but_needs_a_notice() {
        let mut s = planned(Scope::All, "2026-10-10T10:00", "2026-10-10T12:00");
        s.kind = SuspensionKind::Emergency;
        s.reason = FreeText::parse("reason", "キオスク端末の障害").unwrap();
        let err = check(&s).unwrap_err();
        assert_eq!(err.field, "notice_text", "第8条3: residents must be told");
        s.notice_text = Some(FreeText::parse("notice_text", "  ").unwrap());
        assert_eq!(
            check(&s).unwrap_err().field,
            "notice_text",
            "blank is no notice"
        );
        s.notice_text = Some(
            FreeText::parse(
                "notice_text",
                "システム障害のため、現在証明書の交付を停止しています。",
            )
            .unwrap(),
        );
        assert_eq!(check(&s), Ok(()));
    }

    #[test]
    fn a_twelve_digit_number_in_the_reason_or_the_notice_is_refused_naming_the_field() {
        let json = |reason: &str, notice: &str| -> Suspension {
            serde_json::from_value(serde_json::json!({
                "kind": "emergency", "scope": "all",
                "from": "2026-10-10T10:00:00", "until": "2026-10-10T12:00:00",
                "reason": reason, "notice_text": notice,
            }))
            .unwrap()
        };
        let err = check(&json("障害 1234 5678 9012", "停止中です。")).unwrap_err();
        assert_eq!(err.field, "reason");
        let err = check(&json("障害", "お問合せ番号 1234/5678/9012")).unwrap_err();
        assert_eq!(err.field, "notice_text");
        assert!(err.message.contains("個人番号"), "{}", err.message);
        assert_eq!(check(&json("障害", "電話 043-245-5134")), Ok(()));
    }

    #[test]
    fn a_suspension_needs_an_interval_a_reason_and_known_kinds() {
        let backwards = planned(Scope::All, "2026-10-11T05:00", "2026-10-10T23:30");
        assert_eq!(check(&backwards).unwrap_err().field, "until");
        let mut no_reason = planned(Scope::All, "2026-10-10T23:30", "2026-10-11T05:00");
        no_reason.reason = FreeText::parse("reason", " ").unwrap();
        assert_eq!(check(&no_reason).unwrap_err().field, "reason");
        let unknown = planned(
            Scope::Kinds(vec![code("99")]),
            "2026-10-10T23:30",
            "2026-10-11T05:00",
        );
        assert_eq!(
            check(&unknown).unwrap_err().message,
            "証明書種別 '99' は登録されていません。"
        );
        let none = planned(Scope::Kinds(vec![]), "2026-10-10T23:30", "2026-10-11T05:00");
        assert_eq!(check(&none).unwrap_err().field, "scope");
    }

    #[test]
    fn a_suspension_covers_its_kinds_from_its_start_up_to_but_not_at_its_end() {
        let s = planned(
            Scope::Kinds(vec![code("04")]),
            "2026-10-10T23:30",
            "2026-10-11T05:00",
        );
        assert!(!s.covers(code("04"), at("2026-10-10T23:29")));
        assert!(s.covers(code("04"), at("2026-10-10T23:30")));
        assert!(s.covers(code("04"), at("2026-10-11T04:59")));
        assert!(!s.covers(code("04"), at("2026-10-11T05:00")));
        assert!(
            !s.covers(code("01"), at("2026-10-11T01:00")),
            "not in scope"
        );
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["scope"]["kinds"][0], "04");
        assert_eq!(json["kind"], "planned");
        assert_eq!(json["from"], "2026-10-10T23:30:00");
        assert_eq!(serde_json::from_value::<Suspension>(json).unwrap(), s);
    }
}
