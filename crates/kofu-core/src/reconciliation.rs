//! Reconciliation of a target month (第4条, 第9条, 第14条): J-LIS's statement against the city's
//! completion notices, the issuances outside the configured service hours, and the statement's
//! commissions against the configured rate.
//!
//! Pure functions over plain inputs: the caller loads the statement lines, the per-day notice
//! totals, the month's cancellations and corrections with the issuances they name, the hours and
//! commission rules in force and the calendar, and calls [`reconcile`]. The notices of a day are
//! needed one by one only when a day's totals cannot show that all its issuances lie in service
//! hours: [`days_to_check`] names those days, and the caller passes their notices in. Storing
//! and authorising are the caller's; the settlement is [`crate::settlement`]'s.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use ts_rs::TS;

use crate::calendar::BusinessCalendar;
use crate::catalogue::{CommissionSchedule, KindCode, ServiceHours};
use crate::master::OperatorCode;
use crate::money::Yen;
use crate::notice::{CompletionNotice, NoticeAction};
use crate::statement::StatementLine;
use crate::TargetMonth;

/// A sum did not fit in yen (an `i64`): no real month comes near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a total of the month does not fit in yen")]
pub struct TotalTooLarge;

/// Counts and amounts of a group of issuances: one side of a reconciliation line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Figures {
    #[ts(type = "number")]
    pub issuances: i64,
    #[ts(type = "number")]
    pub copies: i64,
    pub fees: Yen,
    pub commissions: Yen,
}

impl Figures {
    /// One issuance's figures.
    pub fn of(n: &CompletionNotice) -> Self {
        Self {
            issuances: 1,
            copies: n.copies.into(),
            fees: n.fee,
            commissions: n.commission,
        }
    }

    /// A statement line's figures.
    pub fn of_line(l: &StatementLine) -> Self {
        Self {
            issuances: l.issuances.into(),
            copies: l.copies.into(),
            fees: l.fees,
            commissions: l.commissions,
        }
    }

    pub fn plus(self, other: Self) -> Result<Self, TotalTooLarge> {
        self.combine(other, i64::checked_add, Yen::checked_add)
    }

    pub fn minus(self, other: Self) -> Result<Self, TotalTooLarge> {
        self.combine(other, i64::checked_sub, Yen::checked_sub)
    }

    /// Each count with `count` and each amount with `amount`, checked.
    fn combine(
        self,
        other: Self,
        count: fn(i64, i64) -> Option<i64>,
        amount: fn(Yen, Yen) -> Option<Yen>,
    ) -> Result<Self, TotalTooLarge> {
        Ok(Self {
            issuances: count(self.issuances, other.issuances).ok_or(TotalTooLarge)?,
            copies: count(self.copies, other.copies).ok_or(TotalTooLarge)?,
            fees: amount(self.fees, other.fees).ok_or(TotalTooLarge)?,
            commissions: amount(self.commissions, other.commissions).ok_or(TotalTooLarge)?,
        })
    }
}

/// The issuances (処理区分 0) stored for one day, operator and kind, cancelled and corrected
/// ones included, with the first and last 交付日時 among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeTotals {
    pub day: NaiveDate,
    pub operator: OperatorCode,
    pub kind: KindCode,
    pub figures: Figures,
    pub first_at: NaiveDateTime,
    pub last_at: NaiveDateTime,
}

/// The service hours in force over time: each version from its first day (oldest first), the
/// standard hours before the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursHistory {
    versions: Vec<(NaiveDate, ServiceHours)>,
    standard: ServiceHours,
}

impl HoursHistory {
    pub fn new(mut versions: Vec<(NaiveDate, ServiceHours)>) -> Self {
        versions.sort_by_key(|(from, _)| *from);
        Self {
            versions,
            standard: ServiceHours::standard(),
        }
    }

    pub fn on(&self, day: NaiveDate) -> &ServiceHours {
        self.versions
            .iter()
            .rev()
            .find(|(from, _)| *from <= day)
            .map_or(&self.standard, |(_, h)| h)
    }

    fn open_throughout(
        &self,
        kind: KindCode,
        first: NaiveDateTime,
        last: NaiveDateTime,
        calendar: &BusinessCalendar,
    ) -> bool {
        self.on(first.date())
            .is_open_throughout(kind, first, last, calendar)
    }
}

/// A (day, operator, kind) whose figures differ between the statement and the notices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Difference {
    pub date: NaiveDate,
    pub operator: OperatorCode,
    pub kind: KindCode,
    pub statement: Figures,
    pub notices: Figures,
}

/// An effective issuance at a time its kind was not served (第9条: kiosks refuse those).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OutOfHours {
    pub id: String,
    pub at: NaiveDateTime,
    pub kind: KindCode,
}

/// A statement line whose commission differs from the configured rate × copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CommissionFinding {
    pub date: NaiveDate,
    pub operator: OperatorCode,
    pub kind: KindCode,
    #[ts(type = "number")]
    pub copies: i64,
    pub statement: Yen,
    pub expected: Yen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reconciliation {
    pub target_month: TargetMonth,
    /// No difference between the statement and the notices.
    pub matched: bool,
    pub finalized: bool,
    pub differences: Vec<Difference>,
    pub out_of_hours: Vec<OutOfHours>,
    pub commission_findings: Vec<CommissionFinding>,
}

/// What a month is reconciled from.
pub struct MonthRecords<'a> {
    pub month: TargetMonth,
    /// Whether the statement is J-LIS's final one (確定区分 1).
    pub finalized: bool,
    pub statement: &'a [StatementLine],
    /// The month's issuance totals per (day, operator, kind), as stored.
    pub totals: &'a [NoticeTotals],
    /// The month's cancellations and corrections.
    pub changes: Vec<CompletionNotice>,
    /// The notices named as 元交付番号 by `changes` (any action, any date: only the month's
    /// issuances among them count).
    pub originals: Vec<CompletionNotice>,
}

/// What the month is checked against: the hours, the commission rates and the calendar.
pub struct Rules<'a> {
    pub hours: &'a HoursHistory,
    pub commissions: &'a CommissionSchedule,
    pub calendar: &'a BusinessCalendar,
}

/// The days whose issuances must be looked at one by one for the out-of-hours check: those with
/// a group whose first and last issuance do not lie in one service window of the day (when they
/// do, every issuance of the group does).
pub fn days_to_check(totals: &[NoticeTotals], rules: &Rules<'_>) -> BTreeSet<NaiveDate> {
    totals
        .iter()
        .filter(|t| {
            !rules
                .hours
                .open_throughout(t.kind, t.first_at, t.last_at, rules.calendar)
        })
        .map(|t| t.day)
        .collect()
}

/// What cancellations and corrections made of the issuances they name (the latest correction
/// of an issuance wins; a correction carries the issuance's new values, 第14条2): each issuance
/// of `originals` with its effective notice, `None` once cancelled. Changes are applied in time
/// order; one whose original is not among `originals` has no effect.
pub fn effective_notices(
    originals: Vec<CompletionNotice>,
    mut changes: Vec<CompletionNotice>,
) -> Vec<(CompletionNotice, Option<CompletionNotice>)> {
    let mut issued: BTreeMap<String, (CompletionNotice, Option<CompletionNotice>)> = originals
        .into_iter()
        .filter(|n| n.action == NoticeAction::Issuance)
        .map(|n| (n.id.clone(), (n.clone(), Some(n))))
        .collect();
    changes.sort_by_key(|n| n.at);
    for c in changes {
        let Some(original) = c.original_id.clone() else {
            continue;
        };
        let Some((_, now)) = issued.get_mut(&original) else {
            continue;
        };
        match c.action {
            NoticeAction::Cancellation => *now = None,
            NoticeAction::Correction if now.is_some() => {
                *now = Some(CompletionNotice {
                    id: original,
                    action: NoticeAction::Issuance,
                    original_id: None,
                    ..c
                })
            }
            _ => {}
        }
    }
    issued.into_values().collect()
}

type Key = (NaiveDate, OperatorCode, KindCode);

/// Compares the effective notices of the month (cancellations and corrections applied) with the
/// statement, lists the effective issuances outside service hours and checks the statement's
/// commissions against the configured rate. `checked_days` holds every notice of the days
/// [`days_to_check`] named (notices of other days may be included: they are checked too).
pub fn reconcile(
    month: MonthRecords<'_>,
    rules: &Rules<'_>,
    checked_days: &[CompletionNotice],
) -> Result<Reconciliation, TotalTooLarge> {
    let (from, until) = month.month.bounds();
    let is_open = |kind: KindCode, at: NaiveDateTime| {
        rules.hours.open_throughout(kind, at, at, rules.calendar)
    };
    let originals = month
        .originals
        .into_iter()
        .filter(|n| n.action == NoticeAction::Issuance && from <= n.at && n.at < until)
        .collect();
    let changed = effective_notices(originals, month.changes);

    let mut ours: BTreeMap<Key, Figures> = BTreeMap::new();
    type Op = fn(Figures, Figures) -> Result<Figures, TotalTooLarge>;
    let mut apply = |key: Key, f: Figures, op: Op| -> Result<(), TotalTooLarge> {
        let entry = ours.entry(key).or_default();
        *entry = op(*entry, f)?;
        Ok(())
    };
    for t in month.totals {
        apply((t.day, t.operator, t.kind), t.figures, Figures::plus)?;
    }
    let replaced: HashSet<&str> = changed.iter().map(|(o, _)| o.id.as_str()).collect();
    let mut out_of_hours: Vec<OutOfHours> = checked_days
        .iter()
        .filter(|n| {
            n.action == NoticeAction::Issuance
                && !replaced.contains(n.id.as_str())
                && !is_open(n.kind, n.at)
        })
        .map(|n| OutOfHours {
            at: n.at,
            id: n.id.clone(),
            kind: n.kind,
        })
        .collect();
    for (original, now) in &changed {
        apply(
            (original.at.date(), original.operator, original.kind),
            Figures::of(original),
            Figures::minus,
        )?;
        if let Some(n) = now {
            apply(
                (n.at.date(), n.operator, n.kind),
                Figures::of(n),
                Figures::plus,
            )?;
            if !is_open(n.kind, n.at) {
                out_of_hours.push(OutOfHours {
                    at: n.at,
                    id: n.id.clone(),
                    kind: n.kind,
                });
            }
        }
    }
    out_of_hours.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));

    let theirs: BTreeMap<Key, Figures> = month
        .statement
        .iter()
        .map(|l| ((l.date, l.operator, l.kind), Figures::of_line(l)))
        .collect();
    let keys: BTreeSet<Key> = ours.keys().chain(theirs.keys()).copied().collect();
    let differences: Vec<Difference> = keys
        .into_iter()
        .filter_map(|k| {
            let s = theirs.get(&k).copied().unwrap_or_default();
            let n = ours.get(&k).copied().unwrap_or_default();
            (s != n).then_some(Difference {
                date: k.0,
                operator: k.1,
                kind: k.2,
                statement: s,
                notices: n,
            })
        })
        .collect();
    let mut commission_findings = Vec::new();
    for l in month.statement {
        let Some(rate) = rules.commissions.per_copy_on(l.kind, l.date) else {
            continue;
        };
        let expected = rate.checked_mul(u64::from(l.copies)).ok_or(TotalTooLarge)?;
        if expected != l.commissions {
            commission_findings.push(CommissionFinding {
                date: l.date,
                operator: l.operator,
                kind: l.kind,
                copies: l.copies.into(),
                statement: l.commissions,
                expected,
            });
        }
    }
    Ok(Reconciliation {
        target_month: month.month,
        matched: differences.is_empty(),
        finalized: month.finalized,
        differences,
        out_of_hours,
        commission_findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::HolidayTable;
    use crate::catalogue::{CommissionRule, Period};
    use crate::money::TaxTreatment;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn notice(id: &str, when: &str, kind: &str, copies: u32) -> CompletionNotice {
        CompletionNotice {
            id: id.into(),
            at: at(when),
            operator: OperatorCode::parse("0001").unwrap(),
            store: "0001234".into(),
            kiosk: "01".into(),
            kind: KindCode::parse(kind).unwrap(),
            copies,
            fee: Yen::new(250 * i64::from(copies)),
            commission: Yen::new(117 * i64::from(copies)),
            action: NoticeAction::Issuance,
            original_id: None,
        }
    }

    fn change(
        of: &CompletionNotice,
        id: &str,
        when: &str,
        action: NoticeAction,
    ) -> CompletionNotice {
        CompletionNotice {
            id: id.into(),
            at: at(when),
            action,
            original_id: Some(of.id.clone()),
            ..of.clone()
        }
    }

    /// The stored totals of `issuances`, per (day, operator, kind).
    fn totals(issuances: &[&CompletionNotice]) -> Vec<NoticeTotals> {
        let mut out: BTreeMap<Key, NoticeTotals> = BTreeMap::new();
        for n in issuances {
            let t = out
                .entry((n.at.date(), n.operator, n.kind))
                .or_insert(NoticeTotals {
                    day: n.at.date(),
                    operator: n.operator,
                    kind: n.kind,
                    figures: Figures::default(),
                    first_at: n.at,
                    last_at: n.at,
                });
            t.figures = t.figures.plus(Figures::of(n)).unwrap();
            t.first_at = t.first_at.min(n.at);
            t.last_at = t.last_at.max(n.at);
        }
        out.into_values().collect()
    }

    fn line(of: &CompletionNotice, copies: u32) -> StatementLine {
        StatementLine {
            date: of.at.date(),
            operator: of.operator,
            kind: of.kind,
            issuances: 1,
            copies,
            fees: Yen::new(250 * i64::from(copies)),
            commissions: Yen::new(117 * i64::from(copies)),
        }
    }

    struct World {
        hours: HoursHistory,
        commissions: CommissionSchedule,
        calendar: BusinessCalendar,
    }

    impl World {
        fn new() -> Self {
            let from = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
            Self {
                hours: HoursHistory::new(vec![]),
                commissions: CommissionSchedule::new(vec![CommissionRule {
                    kind: None,
                    period: Period::new(from, None).unwrap(),
                    per_copy: Yen::new(117),
                    tax: TaxTreatment::Exempt,
                    note: crate::FreeText::empty(),
                }])
                .unwrap(),
                calendar: BusinessCalendar::new(HolidayTable::builtin(), []),
            }
        }

        fn rules(&self) -> Rules<'_> {
            Rules {
                hours: &self.hours,
                commissions: &self.commissions,
                calendar: &self.calendar,
            }
        }
    }

    fn october() -> TargetMonth {
        TargetMonth::parse("2026-10").unwrap()
    }

    #[test]
    fn a_cancellation_removes_an_issuance_and_a_correction_replaces_its_values() {
        let world = World::new();
        let kept = notice("A1", "2026-10-01 10:00:00", "01", 1);
        let cancelled = notice("A2", "2026-10-01 11:00:00", "01", 1);
        let corrected = notice("A3", "2026-10-02 11:00:00", "01", 1);
        let changes = vec![
            change(
                &cancelled,
                "C1",
                "2026-10-01 11:05:00",
                NoticeAction::Cancellation,
            ),
            CompletionNotice {
                copies: 2,
                fee: Yen::new(500),
                commission: Yen::new(234),
                ..change(
                    &corrected,
                    "R1",
                    "2026-10-02 11:05:00",
                    NoticeAction::Correction,
                )
            },
        ];
        let stored = totals(&[&kept, &cancelled, &corrected]);
        let statement = [line(&kept, 1), line(&corrected, 2)];
        let records = MonthRecords {
            month: october(),
            finalized: true,
            statement: &statement,
            totals: &stored,
            changes,
            originals: vec![cancelled.clone(), corrected.clone()],
        };
        let r = reconcile(records, &world.rules(), &[]).unwrap();
        assert!(
            r.matched,
            "the effective notices add up to the statement: {r:#?}"
        );
        assert!(r.out_of_hours.is_empty());
        assert!(r.commission_findings.is_empty());

        // Without the changes, both days differ.
        let records = MonthRecords {
            month: october(),
            finalized: true,
            statement: &statement,
            totals: &stored,
            changes: vec![],
            originals: vec![],
        };
        let r = reconcile(records, &world.rules(), &[]).unwrap();
        assert_eq!(r.differences.len(), 2, "{r:#?}");
        assert_eq!(r.differences[0].statement.issuances, 1);
        assert_eq!(r.differences[0].notices.issuances, 2);
        assert_eq!(r.differences[1].notices.fees, Yen::new(250));
        assert_eq!(r.differences[1].statement.fees, Yen::new(500));
    }

    #[test]
    fn issuances_outside_the_hours_are_found_on_the_days_the_totals_cannot_clear() {
        let world = World::new();
        let early = notice("A1", "2026-10-05 06:00:00", "01", 1);
        let fine = notice("A2", "2026-10-06 10:00:00", "01", 1);
        let stored = totals(&[&early, &fine]);
        let days = days_to_check(&stored, &world.rules());
        assert_eq!(
            days.into_iter().collect::<Vec<_>>(),
            vec![early.at.date()],
            "6:00 is before the standard 6:30 opening; the 6th lies in one window"
        );
        let statement = [line(&early, 1), line(&fine, 1)];
        let records = MonthRecords {
            month: october(),
            finalized: true,
            statement: &statement,
            totals: &stored,
            changes: vec![],
            originals: vec![],
        };
        let r = reconcile(records, &world.rules(), std::slice::from_ref(&early)).unwrap();
        assert_eq!(r.out_of_hours.len(), 1);
        assert_eq!(r.out_of_hours[0].id, "A1");
        assert!(r.matched);
    }

    #[test]
    fn a_commission_other_than_the_rate_times_copies_is_a_finding() {
        let world = World::new();
        let n = notice("A1", "2026-10-05 10:00:00", "01", 2);
        let stored = totals(&[&n]);
        let mut odd = line(&n, 2);
        odd.commissions = Yen::new(200);
        let statement = [odd];
        let records = MonthRecords {
            month: october(),
            finalized: false,
            statement: &statement,
            totals: &stored,
            changes: vec![],
            originals: vec![],
        };
        let r = reconcile(records, &world.rules(), &[]).unwrap();
        assert_eq!(r.commission_findings.len(), 1);
        assert_eq!(r.commission_findings[0].expected, Yen::new(234));
        assert_eq!(r.commission_findings[0].statement, Yen::new(200));
        assert!(
            !r.matched,
            "the notices' commissions differ from the statement's"
        );
        assert!(!r.finalized);
    }
}
