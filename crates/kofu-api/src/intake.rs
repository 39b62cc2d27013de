//! Taking in J-LIS's data (第4条, 第14条): the monthly statement (finalized ones are immutable,
//! 第4条3) and the per-issuance completion notices, then reconciling the two and settling the
//! month. Files are taken whole or not at all: every import is one transaction.
//!
//! The rules are the core's: the parse is `kofu-jlis`'s, the reconciliation and the settlement
//! are `kofu_core::reconciliation` and `kofu_core::settlement`. The use cases here authorise,
//! load what those functions need from the store, and store or return what they answer.

use std::io::Read;

use kofu_core::catalogue::CommissionSchedule;
use kofu_core::money::Yen;
use kofu_core::reconciliation::{self, HoursHistory, MonthRecords, Rules, TotalTooLarge};
use kofu_core::settlement;
use kofu_core::statement::Statement;
use kofu_core::{Action, TargetMonth};
use kofu_jlis::format::{parse_statement, FormatErrors, NoticeReader, ParseContext};
use kofu_store::intake as repo;
use kofu_store::Sql;
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::progress::{CountingReader, Progress};
use crate::{authorize, record, Actor, Desk, Error, Result};

/// The answer of `kofu statement import` (CLI.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatementImport {
    pub target_month: String,
    /// `imported` or `unchanged`.
    pub status: String,
    /// False for a preliminary (速報) statement: it can be previewed but never invoiced.
    pub finalized: bool,
    #[ts(type = "number")]
    pub records: i64,
    #[ts(type = "number")]
    pub issuances: i64,
    #[ts(type = "number")]
    pub copies: i64,
    pub fees: Yen,
    pub commissions: Yen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NoticesImport {
    #[ts(type = "number")]
    pub imported: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
}

pub use kofu_core::reconciliation::{
    CommissionFinding, Difference, Figures, OutOfHours, Reconciliation,
};
pub use kofu_core::settlement::{Invoicing, KindTotals, OperatorTotals, Settlement};

fn format_refusal(what_ja: &str, errors: &FormatErrors) -> Error {
    Error::Rule {
        code: crate::ErrorCode::Validation,
        message: format!(
            "{what_ja}に誤りがあるため取り込みませんでした（{}件）。\n{}",
            errors.total(),
            errors.to_japanese()
        ),
        detail: errors.to_string(),
        details: errors
            .errors
            .iter()
            .map(|e| serde_json::to_value(e).expect("errors serialise"))
            .collect(),
    }
}

fn context(tx: &mut dyn Sql, month: Option<TargetMonth>) -> Result<ParseContext> {
    let profile = kofu_store::profile::get(tx)?
        .ok_or_else(|| Error::not_found("団体情報", "municipality profile"))?;
    Ok(ParseContext {
        municipality: profile.code,
        target_month: month,
        operators: kofu_store::master::operators(tx)?
            .into_iter()
            .map(|o| o.code)
            .collect(),
        kinds: kofu_store::master::kinds(tx)?
            .into_iter()
            .map(|(k, _)| k.code)
            .collect(),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn summary(s: &Statement, status: &str) -> StatementImport {
    let t = s.totals();
    StatementImport {
        target_month: s.target_month().to_string(),
        status: status.into(),
        finalized: s.finalized(),
        records: t.records as i64,
        issuances: t.issuances as i64,
        copies: t.copies as i64,
        fees: t.fees,
        commissions: t.commissions,
    }
}

/// The stored statement of a month rebuilt as the format type (to compare with a new file).
fn stored_statement(
    tx: &mut dyn Sql,
    ctx: &ParseContext,
    h: &repo::StatementHeader,
) -> Result<Statement> {
    let month = TargetMonth::parse(&h.target_month)?;
    let lines = repo::statement_lines(tx, &h.target_month)?;
    Statement::new(ctx.municipality, month, h.created_at, h.finalized, lines).map_err(|errors| {
        Error::Store(kofu_store::StoreError::Decode {
            column: 0,
            detail: format!("stored statement {month}: {}", errors[0]),
        })
    })
}

/// Imports a statement file in the caller's transaction (the actor is authorised by the caller).
pub(crate) fn statement_in(
    tx: &mut dyn Sql,
    actor: &Actor,
    now: chrono::NaiveDateTime,
    bytes: &[u8],
    expected: Option<TargetMonth>,
) -> Result<StatementImport> {
    let ctx = context(tx, expected)?;
    let statement =
        parse_statement(bytes, &ctx).map_err(|e| format_refusal("取扱い実績データ", &e))?;
    let month = statement.target_month().to_string();
    let digest = hex(&statement.content_digest());
    if let Some(existing) = repo::statement(tx, &month)? {
        if existing.finalized {
            if existing.digest == digest {
                return Ok(summary(&statement, "unchanged"));
            }
            let before = stored_statement(tx, &ctx, &existing)?;
            let differences = before.diff(&statement);
            return Err(Error::Rule {
                    code: crate::ErrorCode::Conflict,
                    message: format!(
                        "{month} の確定データは取込済みで、今回のファイルと内容が異なります（差異 {}件）。確定後のデータは訂正されないため取り込みません（第4条第3項）。J-LISに確認してください。\n{}",
                        differences.len(),
                        differences.iter().take(20).map(|d| d.to_japanese()).collect::<Vec<_>>().join("\n")
                    ),
                    detail: format!("finalized statement {month} differs from the stored one in {} places", differences.len()),
                    details: differences.iter().map(|d| serde_json::to_value(d).expect("serialisable")).collect(),
                });
        }
    }
    let t = statement.totals();
    let header = repo::StatementHeader {
        target_month: month.clone(),
        finalized: statement.finalized(),
        created_at: statement.created_at(),
        digest,
        records: t.records as i64,
        issuances: t.issuances as i64,
        copies: t.copies as i64,
        fees: t.fees.to_i64(),
        commissions: t.commissions.to_i64(),
        imported_at: now,
        imported_by: actor.name().into(),
    };
    repo::put_statement(tx, &header, statement.lines())?;
    record(
        tx,
        now,
        actor.name(),
        "statement.import",
        &format!("statement:{month}"),
        json!({"finalized": header.finalized, "fees": header.fees, "commissions": header.commissions}),
    )?;
    Ok(summary(&statement, "imported"))
}

/// Imports a notices file in the caller's transaction (the caller authorises the actor and
/// records the import in the audit trail, once per file or once per pull).
pub(crate) fn notices_in(
    tx: &mut dyn Sql,
    reader: impl Read,
    progress: &Progress,
) -> Result<NoticesImport> {
    let ctx = context(tx, None)?;
    let conflict = |id: &str| {
        Error::Rule {
        code: crate::ErrorCode::Conflict,
        message: format!("交付番号 {id} は取込済みで、内容が異なります。訂正は処理区分 2 で送られます。J-LISに確認してください。"),
        detail: format!("notice {id} is stored with other values"),
        details: vec![json!({"id": id})],
    }
    };
    // As `parse_notices` does: store the notices while the file has no error, then only list its
    // errors. They are stored in batches, so the batch in hand is written before the first error
    // is listed: a conflict before that line is reported as such, as when stored one by one.
    let mut notices = NoticeReader::new(CountingReader::new(reader, progress), &ctx);
    let mut writer = repo::NoticeWriter::new();
    let mut errors = FormatErrors::new();
    for item in &mut notices {
        match item {
            Ok(n) if errors.is_empty() => {
                progress.check()?;
                if let Err(c) = writer.push(tx, n)? {
                    return Err(conflict(&c.notice.id));
                }
            }
            Ok(_) => {}
            Err(e) => {
                if errors.is_empty() {
                    if let Err(c) = writer.flush(tx)? {
                        return Err(conflict(&c.notice.id));
                    }
                }
                errors.push(e);
            }
        }
    }
    if !errors.is_empty() {
        return Err(format_refusal("完了通知", &errors));
    }
    let repo::NoticeCounts {
        inserted: imported,
        unchanged,
    } = match writer.finish(tx)? {
        Ok(counts) => counts,
        Err(c) => return Err(conflict(&c.notice.id)),
    };
    progress.check()?;
    Ok(NoticesImport {
        imported,
        unchanged,
    })
}

impl Desk {
    /// Imports a monthly statement file (CP932 or UTF-8). The same finalized content again is a
    /// no-op; different content for a finalized month is refused with the differences; a
    /// preliminary statement is replaced by any later one.
    pub fn import_statement(&self, actor: &Actor, bytes: &[u8]) -> Result<StatementImport> {
        self.import_statement_of(actor, bytes, None)
    }

    /// [`Self::import_statement`], refusing a file of another month than `expected`.
    fn import_statement_of(
        &self,
        actor: &Actor,
        bytes: &[u8],
        expected: Option<TargetMonth>,
    ) -> Result<StatementImport> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ImportData)?;
            statement_in(tx, actor, now, bytes, expected)
        })
    }

    /// Imports completion notices, streaming: each notice is stored as it is read, in one
    /// transaction that is rolled back if any line of the file is bad.
    pub fn import_notices(&self, actor: &Actor, reader: impl Read) -> Result<NoticesImport> {
        self.import_notices_with(actor, reader, &Progress::new())
    }

    /// [`Self::import_notices`], reporting the bytes read to `progress` and stopping (nothing
    /// stored) when it is cancelled.
    pub fn import_notices_with(
        &self,
        actor: &Actor,
        reader: impl Read,
        progress: &Progress,
    ) -> Result<NoticesImport> {
        let now = self.now();
        self.tx(|tx| {
            authorize(tx, actor, Action::ImportData)?;
            let done = notices_in(tx, reader, progress)?;
            record(
                tx,
                now,
                actor.name(),
                "notices.import",
                "notices",
                json!({"imported": done.imported, "unchanged": done.unchanged}),
            )?;
            Ok(done)
        })
    }

    /// Compares the effective notices of a month (cancellations and corrections applied) with
    /// the statement, flags issuances outside the configured hours (第9条) and checks the
    /// statement's commissions against the configured rate (the rules: `kofu_core::reconciliation`).
    pub fn reconcile(&self, actor: &Actor, month: TargetMonth) -> Result<Reconciliation> {
        let calendar = self.business_calendar()?;
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let header = stored_header(tx, month)?;
            let statement = repo::statement_lines(tx, &month.to_string())?;
            let (from, until) = month.bounds();
            let hours = HoursHistory::new(kofu_store::catalogue::hours_versions(tx)?);
            let commissions =
                CommissionSchedule::new(kofu_store::catalogue::commission_rules(tx)?)?;
            let rules = Rules {
                hours: &hours,
                commissions: &commissions,
                calendar: &calendar,
            };
            // The month's issuances added up per (day, operator, kind) as they were stored, not
            // read one by one: 200,000 in a busy month of a large city.
            let totals = repo::notice_totals(tx, month.first_day(), month.next().first_day())?;
            let mut checked_days = Vec::new();
            for day in reconciliation::days_to_check(&totals, &rules) {
                let start = day.and_hms_opt(0, 0, 0).expect("midnight");
                checked_days.extend(repo::notices_between(
                    tx,
                    start,
                    start + chrono::Duration::days(1),
                )?);
            }
            let records = MonthRecords {
                month,
                finalized: header.finalized,
                statement: &statement,
                totals: &totals,
                changes: repo::notice_changes_between(tx, from, until)?,
                originals: repo::notice_change_originals_between(tx, from, until)?,
            };
            reconciliation::reconcile(records, &rules, &checked_days).map_err(too_large)
        })
    }

    /// Fees, commissions and net of a month, by operator and by kind, from the statement, and
    /// whether it can be invoiced (the rules: `kofu_core::settlement`).
    pub fn settlement(&self, actor: &Actor, month: TargetMonth) -> Result<Settlement> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            settlement_in(tx, month)
        })
    }
}

/// The month's settlement in the caller's transaction, with whether it already has a live
/// invoice (neither returned nor superseded): the one decision that shows the settlement page's
/// offer and refuses a draft. `not_found` when the month has no statement.
pub(crate) fn settlement_in(tx: &mut dyn Sql, month: TargetMonth) -> Result<Settlement> {
    let header = stored_header(tx, month)?;
    let lines = repo::statement_lines(tx, &month.to_string())?;
    let live = kofu_store::invoices::has_live(tx, month)?;
    settlement::settle(month, header.finalized, &lines, live).map_err(too_large)
}

fn stored_header(tx: &mut dyn Sql, month: TargetMonth) -> Result<repo::StatementHeader> {
    repo::statement(tx, &month.to_string())?.ok_or_else(|| {
        Error::not_found(
            format!("{month} の取扱い実績データ"),
            format!("statement {month}"),
        )
    })
}

fn too_large(e: TotalTooLarge) -> Error {
    Error::internal(e.to_string())
}

/// Where J-LIS's server is and how to sign in to it (INTERFACES.md §3).
pub type JlisConnection = kofu_jlis::client::ClientConfig;

/// What `pull_statement` answers: the import, and a warning when the month is not final yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatementPull {
    #[serde(flatten)]
    pub import: StatementImport,
    /// Set when pulled before the 10th of the following month (第4条4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

pub(crate) fn client_refusal(e: kofu_jlis::client::ClientError) -> Error {
    use kofu_jlis::client::ClientError as C;
    let code = match e {
        C::Unauthorized { .. } => crate::ErrorCode::Unauthorized,
        C::NotFound => crate::ErrorCode::NotFound,
        C::NotFinal => crate::ErrorCode::NotFinal,
        C::BadUrl { .. } | C::Tls { .. } => crate::ErrorCode::Validation,
        _ => crate::ErrorCode::JlisUnavailable,
    };
    Error::Rule {
        code,
        message: e.japanese(),
        detail: e.to_string(),
        details: vec![],
    }
}

impl Desk {
    /// Fetches a month's statement from J-LIS's server (digest verified before anything is
    /// stored) and imports it like a file. Before the 10th of M+1 the month is not final
    /// (第4条4): the pull still runs — J-LIS answers 425 until then — and says so.
    pub fn pull_statement(
        &self,
        actor: &Actor,
        month: TargetMonth,
        connection: JlisConnection,
    ) -> Result<StatementPull> {
        let code = self.tx(|tx| {
            authorize(tx, actor, Action::ImportData)?;
            Ok(kofu_store::profile::get(tx)?
                .ok_or_else(|| Error::not_found("団体情報", "municipality profile"))?
                .code)
        })?;
        let available_from =
            kofu_core::calendar::deadlines(&self.business_calendar()?, month).available_from;
        let warning = (self.now().date() < available_from).then(|| {
            format!("{month} 分はまだ確定していません（{available_from} 以降に取得できます）。速報として扱ってください。")
        });
        let client = kofu_jlis::client::Client::new(connection).map_err(client_refusal)?;
        let bytes = client
            .fetch_statement(code, month)
            .map_err(client_refusal)?;
        let import = self.import_statement_of(actor, &bytes, Some(month))?;
        Ok(StatementPull { import, warning })
    }
}
