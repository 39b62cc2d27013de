//! The business calendar as the city uses it: national holidays (shipped list or an imported
//! newer one), the city's closures, the monthly deadlines and the views the desk shows of them.

use chrono::{Datelike, NaiveDate};
use kofu_core::calendar::{
    deadlines, weekday_ja, BusinessCalendar, HolidayTable, MonthlyDeadlines,
};
use kofu_core::invoice::{cycle_steps, InvoiceStatus, StepState};
use kofu_core::{Action, DomainError, FreeText, TargetMonth};
use kofu_store::calendar as repo;
use kofu_store::Sql;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{authorize, record, Actor, Desk, Result};

/// A closure the city configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClosureDto {
    /// `YYYY-MM-DD`
    pub date: String,
    pub reason: String,
}

/// Where the national holidays come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HolidaySource {
    /// `builtin` (the shipped Cabinet Office snapshot) or `imported`.
    pub kind: String,
    pub first_year: i32,
    pub last_year: i32,
    pub imported_at: Option<String>,
    pub imported_by: Option<String>,
}

/// One step of a monthly cycle on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeadlineStep {
    /// `reconcile_by`, `fixed_by`, `available_from`, `invoice_by`, `payment_by`.
    pub key: String,
    pub label: String,
    /// `YYYY-MM-DD`
    pub date: String,
    /// Days from today (negative: passed).
    #[ts(type = "number")]
    pub days_left: i64,
    /// `passed`, `today`, `soon` (within 3 days) or `later`.
    pub urgency: String,
    /// 済 / 未 / 期限超過 of the steps the desk tracks (請求書送付, 入金: from the month's
    /// invoice), for those who may see invoices; `null` for the others.
    pub state: Option<StepState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeadlineCycle {
    /// `YYYY-MM`
    pub target_month: String,
    /// e.g. 令和8年10月分
    pub label: String,
    pub steps: Vec<DeadlineStep>,
    /// The month's live invoice's status, for those who may see invoices.
    pub invoice_status: Option<InvoiceStatus>,
}

/// An invoice waiting for this supervisor's approval (要対応): drafted by someone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AwaitingApproval {
    #[ts(type = "number")]
    pub id: i64,
    /// `YYYY-MM`
    pub target_month: String,
    pub amount: kofu_core::money::Yen,
    pub drafted_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeadlinesPanel {
    pub today: String,
    pub cycles: Vec<DeadlineCycle>,
    /// 要対応: invoices this member of staff may approve (empty for other roles).
    pub to_approve: Vec<AwaitingApproval>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CalendarDay {
    pub date: String,
    /// 月…日
    pub weekday: String,
    pub business_day: bool,
    /// National holiday name.
    pub holiday: Option<String>,
    /// Why the city is closed (holiday name, 年末年始, 土曜日/日曜日, or the closure's reason).
    pub closed_reason: Option<String>,
    /// `holiday`, `year_end`, `weekend` or `closure` (the first that applies), null on business days.
    #[ts(type = "\"holiday\" | \"year_end\" | \"weekend\" | \"closure\" | null")]
    pub closed_kind: Option<String>,
    /// Deadline keys falling on this day (see [`DeadlineStep::key`]).
    pub deadlines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MonthCalendar {
    pub month: String,
    /// 令和8年11月
    pub wareki: String,
    pub days: Vec<CalendarDay>,
}

/// The steps of a cycle with their Japanese labels, in order.
pub fn steps(d: &MonthlyDeadlines) -> [(&'static str, &'static str, NaiveDate); 5] {
    [
        ("reconcile_by", "照合", d.reconcile_by),
        ("fixed_by", "確定", d.fixed_by),
        ("available_from", "取得可", d.available_from),
        ("invoice_by", "請求書送付", d.invoice_by),
        ("payment_by", "入金", d.payment_by),
    ]
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn load(tx: &mut dyn Sql) -> Result<BusinessCalendar> {
    let holidays = match repo::holiday_list(tx)? {
        Some(list) => HolidayTable::from_cabinet_office_csv(list.csv.as_bytes())?,
        None => HolidayTable::builtin(),
    };
    let closures = repo::closures(tx)?.into_iter().map(|(d, _)| d);
    Ok(BusinessCalendar::new(holidays, closures))
}

/// Writes a holiday table back as a Cabinet Office style CSV (UTF-8), the form we store.
fn to_csv(table: &HolidayTable) -> String {
    let mut out = String::from("国民の祝日・休日月日,国民の祝日・休日名称\r\n");
    for year in table.first_year()..=table.last_year() {
        for h in table.national_holidays(year) {
            out.push_str(&format!(
                "{}/{}/{},{}\r\n",
                h.date.year(),
                h.date.month(),
                h.date.day(),
                h.name
            ));
        }
    }
    out
}

impl Desk {
    /// The city's calendar (public reference data: no sign-in needed).
    pub fn business_calendar(&self) -> Result<BusinessCalendar> {
        self.tx(load)
    }

    pub fn holiday_source(&self) -> Result<HolidaySource> {
        self.tx(|tx| {
            Ok(match repo::holiday_list(tx)? {
                Some(l) => HolidaySource {
                    kind: "imported".into(),
                    first_year: l.first_year,
                    last_year: l.last_year,
                    imported_at: Some(l.imported_at.format("%Y-%m-%dT%H:%M:%S").to_string()),
                    imported_by: Some(l.imported_by),
                },
                None => {
                    let t = HolidayTable::builtin();
                    HolidaySource {
                        kind: "builtin".into(),
                        first_year: t.first_year(),
                        last_year: t.last_year(),
                        imported_at: None,
                        imported_by: None,
                    }
                }
            })
        })
    }

    /// Replaces the shipped holiday list with a newer Cabinet Office CSV (CP932 or UTF-8). The
    /// whole file is checked first; a bad line refuses it and nothing changes.
    pub fn import_holidays(&self, actor: &Actor, csv: &[u8]) -> Result<HolidaySource> {
        let table = HolidayTable::from_cabinet_office_csv(csv)?;
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageCalendar)?;
            let list = repo::HolidayList {
                csv: to_csv(&table),
                first_year: table.first_year(),
                last_year: table.last_year(),
                imported_at: now,
                imported_by: actor.name().into(),
            };
            repo::put_holiday_list(tx, &list)?;
            record(
                tx,
                now,
                actor.name(),
                "holidays.import",
                "holiday_list",
                json!({"first_year": list.first_year, "last_year": list.last_year}),
            )
        })?;
        self.holiday_source()
    }

    pub fn closures(&self, actor: &Actor) -> Result<Vec<ClosureDto>> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewCalendar)?;
            Ok(repo::closures(tx)?
                .into_iter()
                .map(|(d, reason)| ClosureDto {
                    date: iso(d),
                    reason,
                })
                .collect())
        })
    }

    pub fn add_closure(&self, actor: &Actor, date: NaiveDate, reason: &str) -> Result<ClosureDto> {
        let reason = FreeText::parse("reason", reason)?;
        let reason = reason.as_str();
        if reason.is_empty() || reason.chars().count() > 100 {
            return Err(DomainError::new(
                "reason",
                "閉庁の理由を100文字以内で入力してください。",
                "closure reason must be 1-100 characters",
            )
            .into());
        }
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageCalendar)?;
            let existed = repo::put_closure(tx, date, reason)?;
            record(
                tx,
                now,
                actor.name(),
                "closure.put",
                &format!("closure:{}", iso(date)),
                json!({"reason": reason, "replaced": existed}),
            )?;
            Ok(ClosureDto {
                date: iso(date),
                reason: reason.into(),
            })
        })
    }

    pub fn remove_closure(&self, actor: &Actor, date: NaiveDate) -> Result<()> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ManageCalendar)?;
            if !repo::delete_closure(tx, date)? {
                return Err(crate::Error::not_found(
                    format!("閉庁日 {}", iso(date)),
                    format!("closure {date}"),
                ));
            }
            record(
                tx,
                now,
                actor.name(),
                "closure.delete",
                &format!("closure:{}", iso(date)),
                json!({}),
            )
        })
    }

    /// The current cycle (last month's, whose deadlines fall this month) and the next one.
    pub fn deadlines_panel(&self, actor: &Actor) -> Result<DeadlinesPanel> {
        let today = self.clock.today();
        let (cal, invoices, role) = self.tx(|tx| {
            let role = authorize(tx, actor, Action::ViewCalendar)?;
            // Invoices only for those who may see them (not helpdesk, not admin).
            let invoices = if role.may(Action::ViewSettlement) {
                Some(kofu_store::invoices::list(tx, None)?)
            } else {
                None
            };
            Ok((load(tx)?, invoices, role))
        })?;
        let current = TargetMonth::of(today).previous();
        let cycles = [current, current.next()]
            .into_iter()
            .map(|m| {
                let d = deadlines(&cal, m);
                let tracked = invoices.as_deref().map(|list| cycle_steps(m, list, today));
                let state_of = |key: &str| match (key, tracked) {
                    ("invoice_by", Some((sent, _))) => Some(sent),
                    ("payment_by", Some((_, paid))) => Some(paid),
                    _ => None,
                };
                DeadlineCycle {
                    target_month: m.to_string(),
                    label: format!("{}分", kofu_core::calendar::wareki::format_month(m)),
                    steps: steps(&d)
                        .into_iter()
                        .map(|(key, label, date)| {
                            let days_left = (date - today).num_days();
                            let urgency = match days_left {
                                ..0 => "passed",
                                0 => "today",
                                1..=3 => "soon",
                                _ => "later",
                            };
                            DeadlineStep {
                                key: key.into(),
                                label: label.into(),
                                date: iso(date),
                                days_left,
                                urgency: urgency.into(),
                                state: state_of(key),
                            }
                        })
                        .collect(),
                    invoice_status: invoices.as_deref().and_then(|list| {
                        list.iter()
                            .filter(|i| i.target_month() == m && i.status().is_live())
                            .max_by_key(|i| i.id())
                            .map(|i| i.status())
                    }),
                }
            })
            .collect();
        // Four-eyes: a supervisor's own drafts are not theirs to approve.
        let to_approve = match &invoices {
            Some(list) if role.may(Action::Approve) => list
                .iter()
                .filter(|i| {
                    i.status() == InvoiceStatus::Draft
                        && !i.drafted_by().eq_ignore_ascii_case(actor.name())
                })
                .map(|i| AwaitingApproval {
                    id: i.id().unwrap_or_default(),
                    target_month: i.target_month().to_string(),
                    amount: i.amount(),
                    drafted_by: i.drafted_by().to_owned(),
                })
                .collect(),
            _ => Vec::new(),
        };
        Ok(DeadlinesPanel {
            today: iso(today),
            cycles,
            to_approve,
        })
    }

    /// Every day of `month` with its holiday, closure and the deadlines falling on it.
    pub fn month_calendar(&self, actor: &Actor, month: TargetMonth) -> Result<MonthCalendar> {
        let (cal, closures) = self.tx(|tx| {
            authorize(tx, actor, Action::ViewCalendar)?;
            Ok((load(tx)?, repo::closures(tx)?))
        })?;
        let closed_kind = |d: NaiveDate| -> Option<&'static str> {
            let year_end = matches!((d.month(), d.day()), (12, 29..=31) | (1, 1..=3));
            if cal.is_business_day(d) {
                None
            } else if cal.holidays().holiday_name(d).is_some() {
                Some("holiday")
            } else if year_end {
                Some("year_end")
            } else if d.weekday().number_from_monday() >= 6 {
                Some("weekend")
            } else {
                Some("closure")
            }
        };
        // Deadlines falling in `month` belong to the cycles of the month before (all of them)
        // and, in principle, of `month` itself (none: they all fall in the following month).
        let due: Vec<(&str, NaiveDate)> = [month.previous(), month]
            .into_iter()
            .flat_map(|m| steps(&deadlines(&cal, m)).map(|(k, _, d)| (k, d)))
            .filter(|(_, d)| month.contains(*d))
            .collect();
        let days = month
            .first_day()
            .iter_days()
            .take_while(|d| month.contains(*d))
            .map(|d| CalendarDay {
                date: iso(d),
                weekday: weekday_ja(d).into(),
                business_day: cal.is_business_day(d),
                holiday: cal.holidays().holiday_name(d),
                closed_reason: match closed_kind(d) {
                    Some("closure") => closures
                        .iter()
                        .find(|(c, _)| *c == d)
                        .map(|(_, r)| r.clone()),
                    _ => cal.closure_reason(d),
                },
                closed_kind: closed_kind(d).map(str::to_string),
                deadlines: due
                    .iter()
                    .filter(|(_, x)| *x == d)
                    .map(|(k, _)| k.to_string())
                    .collect(),
            })
            .collect();
        Ok(MonthCalendar {
            month: month.to_string(),
            wareki: kofu_core::calendar::wareki::format_month(month),
            days,
        })
    }
}
