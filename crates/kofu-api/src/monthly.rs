//! The month's intake work as the 取込・照合 and 精算 screens see it: a file dropped on the
//! screen, a whole month pulled from J-LIS's server (notices day by day, then the statement) in
//! one transaction, the month's status, the history of imports and the 12-month trend.

use chrono::{Duration, NaiveDate};
use kofu_core::notice::NoticeAction;
use kofu_core::{Action, TargetMonth};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::intake::{
    client_refusal, notices_in, statement_in, JlisConnection, NoticesImport, StatementImport,
};
use crate::progress::Progress;
use crate::{authorize, record, Actor, Desk, Error, Result};
use kofu_store::intake as repo;

/// What a dropped file turned out to be, and what its import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileImport {
    Statement(StatementImport),
    Notices(NoticesImport),
}

/// What pulling a month from J-LIS's server did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MonthPull {
    pub target_month: String,
    /// Days whose notices were fetched.
    pub days: u32,
    pub notices: NoticesImport,
    /// `None` when J-LIS has not finalized the month yet (425 before the 10th).
    pub statement: Option<StatementImport>,
    pub warning: Option<String>,
}

/// The stored statement of a month, as the status panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatementStatus {
    pub finalized: bool,
    pub created_at: String,
    pub imported_at: String,
    pub imported_by: String,
    #[ts(type = "number")]
    pub records: i64,
    #[ts(type = "number")]
    pub issuances: i64,
    #[ts(type = "number")]
    pub copies: i64,
    #[ts(type = "number")]
    pub fees: i64,
    #[ts(type = "number")]
    pub commissions: i64,
}

/// Where a month's intake stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MonthIntake {
    pub target_month: String,
    /// The first day J-LIS's finalized statement can be fetched (第4条4).
    pub available_from: String,
    pub statement: Option<StatementStatus>,
    #[ts(type = "number")]
    pub issuances: i64,
    #[ts(type = "number")]
    pub cancellations: i64,
    #[ts(type = "number")]
    pub corrections: i64,
}

/// One import in the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportRecord {
    pub at: String,
    pub actor: String,
    /// `statement.import`, `notices.import` or `jlis.pull`.
    pub action: String,
    pub target: String,
    #[ts(type = "Record<string, unknown>")]
    pub summary: serde_json::Value,
}

/// One month of the 12-month trend (zero when nothing is imported for it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrendPoint {
    pub target_month: String,
    pub imported: bool,
    pub finalized: bool,
    #[ts(type = "number")]
    pub copies: i64,
    #[ts(type = "number")]
    pub fees: i64,
    #[ts(type = "number")]
    pub commissions: i64,
    #[ts(type = "number")]
    pub net: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CodeName {
    pub code: String,
    pub name: String,
}

/// The names behind the codes of J-LIS's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MasterNames {
    pub operators: Vec<CodeName>,
    pub kinds: Vec<CodeName>,
}

/// A statement file starts with its header record `1,`; a notices file with its column names.
fn is_statement(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.starts_with(b"1,")
}

impl Desk {
    /// Imports a file dropped on the screen: a statement or a notices file, told apart by its
    /// first line.
    pub fn import_file(
        &self,
        actor: &Actor,
        bytes: &[u8],
        progress: &Progress,
    ) -> Result<FileImport> {
        if is_statement(bytes) {
            progress.stage("取扱い実績データを取込中", bytes.len() as u64);
            let result = self
                .import_statement(actor, bytes)
                .map(FileImport::Statement);
            progress.advance(bytes.len() as u64);
            result
        } else {
            progress.stage("完了通知を取込中", bytes.len() as u64);
            self.import_notices_with(actor, bytes, progress)
                .map(FileImport::Notices)
        }
    }

    /// Pulls a month from J-LIS's server: the notices of every past day of the month, then the
    /// statement (absent before J-LIS finalizes it), and imports them all in one transaction.
    /// Nothing is stored until everything is fetched; a cancel at any point stores nothing.
    pub fn pull_month(
        &self,
        actor: &Actor,
        month: TargetMonth,
        connection: JlisConnection,
        progress: &Progress,
    ) -> Result<MonthPull> {
        let code = self.tx(|tx| {
            authorize(tx, actor, Action::ImportData)?;
            Ok(kofu_store::profile::get(tx)?
                .ok_or_else(|| Error::not_found("団体情報", "municipality profile"))?
                .code)
        })?;
        let today = self.now().date();
        if month.first_day() >= today {
            return Err(Error::Rule {
                code: crate::ErrorCode::Validation,
                message: format!(
                    "{month} 分はまだ始まっていないか、今日の分しかないため取得できません。"
                ),
                detail: format!("month {month} has no past day yet"),
                details: vec![],
            });
        }
        let last = month.last_day().min(today - Duration::days(1));
        let days: Vec<NaiveDate> = month
            .first_day()
            .iter_days()
            .take_while(|d| *d <= last)
            .collect();
        let client = kofu_jlis::client::Client::new(connection).map_err(client_refusal)?;

        progress.stage("J-LISから取得中", days.len() as u64 + 1);
        let mut files = Vec::with_capacity(days.len());
        for day in &days {
            progress.check()?;
            files.push(client.fetch_notices(code, *day).map_err(client_refusal)?);
            progress.advance(1);
        }
        progress.check()?;
        let available_from =
            kofu_core::calendar::deadlines(&self.business_calendar()?, month).available_from;
        let (statement, warning) = match client.fetch_statement(code, month) {
            Ok(bytes) => (Some(bytes), None),
            Err(kofu_jlis::client::ClientError::NotFinal) => (
                None,
                Some(format!(
                    "{month} 分の取扱い実績データはまだ確定していません（{available_from} 以降に取得できます）。完了通知だけを取り込みました。"
                )),
            ),
            Err(e) => return Err(client_refusal(e)),
        };
        progress.advance(1);

        let total: u64 = files.iter().map(|f| f.len() as u64).sum::<u64>()
            + statement.as_ref().map_or(0, |s| s.len() as u64);
        progress.stage("取込中", total);
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ImportData)?;
            let mut notices = NoticesImport {
                imported: 0,
                unchanged: 0,
            };
            for file in &files {
                let one = notices_in(tx, file.as_slice(), progress)?;
                notices.imported += one.imported;
                notices.unchanged += one.unchanged;
            }
            let statement = statement
                .as_deref()
                .map(|bytes| {
                    let imported = statement_in(tx, actor, now, bytes, Some(month));
                    progress.advance(bytes.len() as u64);
                    imported
                })
                .transpose()?;
            progress.check()?;
            record(
                tx,
                now,
                actor.name(),
                "jlis.pull",
                &format!("month:{month}"),
                json!({"days": days.len(), "imported": notices.imported, "unchanged": notices.unchanged, "statement": statement.as_ref().map(|s| s.status.clone())}),
            )?;
            Ok(MonthPull {
                target_month: month.to_string(),
                days: days.len() as u32,
                notices,
                statement,
                warning,
            })
        })
    }

    /// 接続テスト: fetches yesterday's completion notices (nothing is stored) to prove the URL,
    /// the token and any certificates work; answers what came back.
    pub fn test_jlis_connection(
        &self,
        actor: &Actor,
        connection: JlisConnection,
    ) -> Result<String> {
        let code = self.tx(|tx| {
            authorize(tx, actor, Action::ViewConnection)?;
            Ok(kofu_store::profile::get(tx)?
                .ok_or_else(|| Error::not_found("団体情報", "municipality profile"))?
                .code)
        })?;
        let yesterday = self.now().date() - Duration::days(1);
        let client = kofu_jlis::client::Client::new(connection).map_err(client_refusal)?;
        let body = client
            .fetch_notices(code, yesterday)
            .map_err(client_refusal)?;
        let lines = body
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .count();
        Ok(format!(
            "J-LISサーバに接続できました（{yesterday} の完了通知 {}件を確認。取り込みはしていません）。",
            lines.saturating_sub(1)
        ))
    }

    /// Where a month's intake stands: its statement (if imported) and its notices.
    pub fn month_intake(&self, actor: &Actor, month: TargetMonth) -> Result<MonthIntake> {
        let available_from =
            kofu_core::calendar::deadlines(&self.business_calendar()?, month).available_from;
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let statement = repo::statement(tx, &month.to_string())?.map(|h| StatementStatus {
                finalized: h.finalized,
                created_at: h.created_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                imported_at: h.imported_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                imported_by: h.imported_by,
                records: h.records,
                issuances: h.issuances,
                copies: h.copies,
                fees: h.fees,
                commissions: h.commissions,
            });
            let (from, until) = month.bounds();
            let counts = repo::notice_counts(tx, from, until)?;
            let count = |action: NoticeAction| {
                counts
                    .iter()
                    .find(|(a, _)| *a == action)
                    .map_or(0, |(_, n)| *n)
            };
            Ok(MonthIntake {
                target_month: month.to_string(),
                available_from: available_from.format("%Y-%m-%d").to_string(),
                statement,
                issuances: count(NoticeAction::Issuance),
                cancellations: count(NoticeAction::Cancellation),
                corrections: count(NoticeAction::Correction),
            })
        })
    }

    /// The newest imports and pulls, newest first.
    pub fn import_history(&self, actor: &Actor, limit: i64) -> Result<Vec<ImportRecord>> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let entries = kofu_store::audit::with_actions(
                tx,
                &["statement.import", "notices.import", "jlis.pull"],
                limit,
            )?;
            Ok(entries
                .into_iter()
                .map(|e| ImportRecord {
                    at: e.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    actor: e.actor,
                    action: e.action,
                    target: e.target,
                    summary: serde_json::from_str(&e.summary).unwrap_or(serde_json::Value::Null),
                })
                .collect())
        })
    }

    /// Fees, commissions and net of the `months` months ending with `last`, oldest first, from
    /// the imported statements (a month without one is a zero point marked not imported).
    pub fn settlement_trend(
        &self,
        actor: &Actor,
        last: TargetMonth,
        months: u32,
    ) -> Result<Vec<TrendPoint>> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let stored = repo::statements(tx)?;
            let mut month = last;
            let mut points = Vec::with_capacity(months as usize);
            for _ in 0..months {
                let key = month.to_string();
                points.push(match stored.iter().find(|h| h.target_month == key) {
                    Some(h) => TrendPoint {
                        target_month: key,
                        imported: true,
                        finalized: h.finalized,
                        copies: h.copies,
                        fees: h.fees,
                        commissions: h.commissions,
                        net: h.fees - h.commissions,
                    },
                    None => TrendPoint {
                        target_month: key,
                        imported: false,
                        finalized: false,
                        copies: 0,
                        fees: 0,
                        commissions: 0,
                        net: 0,
                    },
                });
                month = month.previous();
            }
            points.reverse();
            Ok(points)
        })
    }

    /// The operators' and certificate kinds' names (for the screens' labels).
    pub fn master_names(&self, actor: &Actor) -> Result<MasterNames> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let pair = |c: kofu_store::master::CodeName| CodeName {
                code: c.code,
                name: c.name,
            };
            Ok(MasterNames {
                operators: kofu_store::master::operators(tx)?
                    .into_iter()
                    .map(pair)
                    .collect(),
                kinds: kofu_store::master::kinds(tx)?
                    .into_iter()
                    .map(|(k, _)| pair(k))
                    .collect(),
            })
        })
    }
}

/// The demo's J-LIS data: the months loaded by [`Desk::load_demo_history`] and the months the
/// demo simulator serves come from the same generator, seed and scale, so they agree.
pub const DEMO_JLIS_SEED: u64 = 2026;
/// Average issuances per service day in the demo (about 3,700 notices a month).
pub const DEMO_JLIS_SCALE: u32 = 120;
/// Months of J-LIS data in a new demo database (a year, for the trend chart).
pub const DEMO_HISTORY_MONTHS: u32 = 12;
/// The token the demo simulator accepts (not a secret: it guards made-up data on loopback).
pub const DEMO_JLIS_TOKEN: &str = "kofu-demo-jlis";

impl Desk {
    /// Fills a demo database with `months` months of J-LIS data (statement and notices, imported
    /// by the demo clerk) ending two months before today's, so that last month is left for the
    /// demo to pull. Refused on a database that does not hold demo data.
    pub fn load_demo_history(&self, months: u32) -> Result<u32> {
        let now = self.now();
        let last = TargetMonth::of(now.date()).previous().previous();
        self.tx(|tx| {
            if kofu_store::settings::get(tx, "demo")?.as_deref() != Some("1") {
                return Err(Error::conflict(
                    "デモ用のデータベースではないため、デモの実績データは作成できません。",
                    "demo history can only be loaded into a demo database",
                ));
            }
            let clerk = kofu_store::staff::by_name(tx, "clerk")?
                .ok_or_else(|| Error::not_found("デモ職員 clerk", "demo user clerk"))?;
            let actor = Actor {
                id: clerk.id,
                name: clerk.name,
                role: clerk.role,
            };
            let code = kofu_store::profile::get(tx)?
                .ok_or_else(|| Error::not_found("団体情報", "municipality profile"))?
                .code;
            let mut month = last;
            let mut notices_total = 0;
            for _ in 0..months {
                let (statement, notices) =
                    kofu_jlis::generate::month(code, month, DEMO_JLIS_SEED, DEMO_JLIS_SCALE);
                let notices = kofu_jlis::format::write_notices(
                    code,
                    &notices,
                    kofu_jlis::format::Encoding::Cp932,
                );
                notices_total += notices_in(tx, notices.as_slice(), &Progress::new())?.imported;
                let statement = kofu_jlis::format::write_statement(
                    &statement,
                    kofu_jlis::format::Encoding::Cp932,
                );
                statement_in(tx, &actor, now, &statement, Some(month))?;
                month = month.previous();
            }
            record(
                tx,
                now,
                actor.name(),
                "notices.import",
                "notices",
                json!({"imported": notices_total, "unchanged": 0, "demo_months": months}),
            )?;
            Ok(months)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::is_statement;

    #[test]
    fn a_statement_is_told_from_notices_by_its_first_record() {
        assert!(is_statement(b"1,121002,202610,20261110090000,1\r\n"));
        assert!(is_statement(b"\xEF\xBB\xBF1,121002,202610"));
        assert!(!is_statement("団体コード,交付番号".as_bytes()));
        assert!(!is_statement(b""));
    }
}
