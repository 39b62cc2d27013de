//! `kofu wareki` and `kofu calendar …`: the business calendar, holidays, closures, deadlines.

use kofu_api::Error;
use kofu_core::calendar::{deadlines, wareki, weekday_ja};
use kofu_core::{DomainError, TargetMonth};
use serde_json::json;

use crate::args::*;
use crate::desk::{date_arg, open, public_calendar, sign_in, Result};
use crate::output::emit;

pub fn wareki(cli: &Cli, date: &str) -> Result<()> {
    let d = date_arg("date", date)?;
    let w = wareki::format_date(d)?;
    emit(cli.json, &json!({"date": date, "wareki": w}), || w.clone());
    Ok(())
}

pub fn calendar(cli: &Cli, cmd: &CalendarCommand) -> Result<()> {
    let json = cli.json;
    match cmd {
        CalendarCommand::Holidays { year } => {
            let cal = public_calendar(cli)?;
            let list = cal.holidays().national_holidays(*year);
            emit(json, &list, || {
                list.iter()
                    .map(|h| format!("{} ({}) {}", h.date, weekday_ja(h.date), h.name))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        CalendarCommand::BusinessDay { date } => {
            let d = date_arg("date", date)?;
            let cal = public_calendar(cli)?;
            let business_day = cal.is_business_day(d);
            let reason = cal.closure_reason(d);
            let mut out =
                json!({"date": d.format("%Y-%m-%d").to_string(), "business_day": business_day});
            if let Some(r) = &reason {
                out["reason"] = json!(r);
            }
            emit(json, &out, || match &reason {
                None => format!("{d} ({}) は営業日です。", weekday_ja(d)),
                Some(r) => format!("{d} ({}) は休日です（{r}）。", weekday_ja(d)),
            });
        }
        CalendarCommand::Deadlines { month } => {
            let m = TargetMonth::parse(month)?;
            let cal = public_calendar(cli)?;
            let d = deadlines(&cal, m);
            emit(json, &d, || {
                let mut lines = vec![format!("対象年月 {m}（{}分）", wareki::format_month(m))];
                for (_, label, date) in kofu_api::calendar::steps(&d) {
                    lines.push(format!("  {label:<8} {date} ({})", weekday_ja(date)));
                }
                lines.join("\n")
            });
        }
        CalendarCommand::Import { file } => {
            let bytes = std::fs::read(file).map_err(|e| {
                Error::from(DomainError::new(
                    "file",
                    format!("ファイル '{}' を読めません。", file.display()),
                    format!("cannot read {}: {e}", file.display()),
                ))
            })?;
            let desk = open(cli)?;
            let actor = sign_in(cli, &desk)?;
            let src = desk.import_holidays(&actor, &bytes)?;
            emit(json, &src, || {
                format!(
                    "祝日データを取り込みました（{}年〜{}年）。",
                    src.first_year, src.last_year
                )
            });
        }
        CalendarCommand::Closure(c) => {
            let desk = open(cli)?;
            let actor = sign_in(cli, &desk)?;
            match c {
                ClosureCommand::List => {
                    let list = desk.closures(&actor)?;
                    emit(json, &list, || {
                        list.iter()
                            .map(|c| format!("{} {}", c.date, c.reason))
                            .collect::<Vec<_>>()
                            .join("\n")
                    });
                }
                ClosureCommand::Add { date, reason } => {
                    let c = desk.add_closure(&actor, date_arg("date", date)?, reason)?;
                    emit(json, &c, || {
                        format!("閉庁日を登録しました: {} {}", c.date, c.reason)
                    });
                }
                ClosureCommand::Remove { date } => {
                    let d = date_arg("date", date)?;
                    desk.remove_closure(&actor, d)?;
                    emit(json, &json!({"date": date, "removed": true}), || {
                        format!("閉庁日を削除しました: {d}")
                    });
                }
            }
        }
    }
    Ok(())
}
