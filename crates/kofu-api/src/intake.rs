//! Taking in J-LIS's data (第4条, 第14条): the monthly statement (finalized ones are immutable,
//! 第4条3) and the per-issuance completion notices, then reconciling the two and settling the
//! month. Files are taken whole or not at all: every import is one transaction.

use std::collections::BTreeMap;
use std::io::Read;

use chrono::NaiveDate;
use kofu_core::catalogue::{CommissionSchedule, KindCode, ServiceHours};
use kofu_core::{Action, TargetMonth};
use kofu_jlis::format::{
    parse_notices, parse_statement, CompletionNotice, FormatErrors, NoticeAction,
    NoticeImportError, ParseContext, Statement, StatementLine,
};
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
    #[ts(type = "number")]
    pub fees: i64,
    #[ts(type = "number")]
    pub commissions: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NoticesImport {
    #[ts(type = "number")]
    pub imported: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
}

/// One side of a reconciliation line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Figures {
    #[ts(type = "number")]
    pub issuances: i64,
    #[ts(type = "number")]
    pub copies: i64,
    #[ts(type = "number")]
    pub fees: i64,
    #[ts(type = "number")]
    pub commissions: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Difference {
    pub date: String,
    pub operator: String,
    pub kind: String,
    pub statement: Figures,
    pub notices: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OutOfHours {
    pub id: String,
    pub at: String,
    pub kind: String,
}

/// A statement line whose commission differs from the configured rate × copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CommissionFinding {
    pub date: String,
    pub operator: String,
    pub kind: String,
    #[ts(type = "number")]
    pub copies: i64,
    #[ts(type = "number")]
    pub statement: i64,
    #[ts(type = "number")]
    pub expected: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reconciliation {
    pub target_month: String,
    pub matched: bool,
    pub finalized: bool,
    pub differences: Vec<Difference>,
    pub out_of_hours: Vec<OutOfHours>,
    pub commission_findings: Vec<CommissionFinding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OperatorTotals {
    pub code: String,
    #[ts(type = "number")]
    pub fees: i64,
    #[ts(type = "number")]
    pub commissions: i64,
    #[ts(type = "number")]
    pub net: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KindTotals {
    pub code: String,
    #[ts(type = "number")]
    pub copies: i64,
    #[ts(type = "number")]
    pub fees: i64,
    #[ts(type = "number")]
    pub commissions: i64,
}

/// The month's settlement from J-LIS's finalized figures (the ones billed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Settlement {
    pub target_month: String,
    pub finalized: bool,
    #[ts(type = "number")]
    pub fees: i64,
    #[ts(type = "number")]
    pub commissions: i64,
    /// Fees − commissions; negative when the city's fee is below the commission (then there is
    /// no invoice, a settlement statement instead).
    #[ts(type = "number")]
    pub net: i64,
    pub by_operator: Vec<OperatorTotals>,
    pub by_kind: Vec<KindTotals>,
}

fn format_refusal(what_ja: &str, errors: &FormatErrors) -> Error {
    Error::Rule {
        code: "validation",
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

fn to_lines(s: &Statement) -> Vec<repo::Line> {
    s.lines()
        .iter()
        .map(|l| repo::Line {
            day: l.date,
            operator: l.operator.clone(),
            kind: l.kind.clone(),
            issuances: l.issuances.into(),
            copies: l.copies.into(),
            fees: l.fees,
            commissions: l.commissions,
        })
        .collect()
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
    let lines = repo::statement_lines(tx, &h.target_month)?
        .into_iter()
        .map(|l| StatementLine {
            date: l.day,
            operator: l.operator,
            kind: l.kind,
            issuances: l.issuances as u32,
            copies: l.copies as u32,
            fees: l.fees,
            commissions: l.commissions,
        })
        .collect();
    Statement::new(ctx.municipality, month, h.created_at, h.finalized, lines).map_err(|e| {
        Error::Store(kofu_store::StoreError::Decode {
            column: 0,
            detail: e.to_string(),
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
                    code: "conflict",
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
        fees: t.fees,
        commissions: t.commissions,
        imported_at: now,
        imported_by: actor.name().into(),
    };
    repo::put_statement(tx, &header, &to_lines(&statement))?;
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
    let (mut imported, mut unchanged) = (0u64, 0u64);
    let reader = CountingReader::new(reader, progress);
    let result = parse_notices(reader, &ctx, |n: CompletionNotice| -> Result<()> {
        progress.check()?;
        let stored = repo::Notice {
            id: n.id.clone(),
            at: n.at,
            operator: n.operator,
            store: n.store,
            kiosk: n.kiosk,
            kind: n.kind,
            copies: n.copies.into(),
            fee: n.fee,
            commission: n.commission,
            action: match n.action {
                NoticeAction::Issuance => 0,
                NoticeAction::Cancellation => 1,
                NoticeAction::Correction => 2,
            },
            original_id: n.original_id,
        };
        match repo::insert_notice(tx, &stored)? {
                Ok(true) => imported += 1,
                Ok(false) => unchanged += 1,
                Err(_) => {
                    return Err(Error::Rule {
                        code: "conflict",
                        message: format!("交付番号 {} は取込済みで、内容が異なります。訂正は処理区分 2 で送られます。J-LISに確認してください。", n.id),
                        detail: format!("notice {} is stored with other values", n.id),
                        details: vec![json!({"id": n.id})],
                    })
                }
            }
        Ok(())
    });
    match result {
        Ok(_) => {}
        Err(NoticeImportError::Format(e)) => return Err(format_refusal("完了通知", &e)),
        Err(NoticeImportError::Sink(e)) => return Err(e),
    }
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
    /// statement's commissions against the configured rate.
    pub fn reconcile(&self, actor: &Actor, month: TargetMonth) -> Result<Reconciliation> {
        let cal = self.business_calendar()?;
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let header = repo::statement(tx, &month.to_string())?.ok_or_else(|| {
                Error::not_found(
                    format!("{month} の取扱い実績データ"),
                    format!("statement {month}"),
                )
            })?;
            let lines = repo::statement_lines(tx, &month.to_string())?;
            let from = month.first_day().and_hms_opt(0, 0, 0).expect("midnight");
            let until = month
                .next()
                .first_day()
                .and_hms_opt(0, 0, 0)
                .expect("midnight");
            let effective = effective_notices(repo::notices_between(tx, from, until)?);
            let hours_versions = kofu_store::catalogue::hours_versions(tx)?;
            let commissions =
                CommissionSchedule::new(kofu_store::catalogue::commission_rules(tx)?)?;

            let mut ours: BTreeMap<(NaiveDate, String, String), Figures> = BTreeMap::new();
            let mut out_of_hours = Vec::new();
            for n in &effective {
                let f = ours
                    .entry((n.at.date(), n.operator.clone(), n.kind.clone()))
                    .or_default();
                f.issuances += 1;
                f.copies += n.copies;
                f.fees += n.fee;
                f.commissions += n.commission;
                let hours = hours_on(&hours_versions, n.at.date());
                let open = KindCode::parse(&n.kind)
                    .map(|k| hours.is_open(k, n.at, &cal))
                    .unwrap_or(false);
                if !open {
                    out_of_hours.push(OutOfHours {
                        id: n.id.clone(),
                        at: n.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        kind: n.kind.clone(),
                    });
                }
            }
            let theirs: BTreeMap<(NaiveDate, String, String), Figures> = lines
                .iter()
                .map(|l| {
                    (
                        (l.day, l.operator.clone(), l.kind.clone()),
                        Figures {
                            issuances: l.issuances,
                            copies: l.copies,
                            fees: l.fees,
                            commissions: l.commissions,
                        },
                    )
                })
                .collect();
            let keys: std::collections::BTreeSet<_> =
                ours.keys().chain(theirs.keys()).cloned().collect();
            let differences: Vec<Difference> = keys
                .into_iter()
                .filter_map(|k| {
                    let (s, n) = (
                        theirs.get(&k).copied().unwrap_or_default(),
                        ours.get(&k).copied().unwrap_or_default(),
                    );
                    (s != n).then(|| Difference {
                        date: k.0.format("%Y-%m-%d").to_string(),
                        operator: k.1,
                        kind: k.2,
                        statement: s,
                        notices: n,
                    })
                })
                .collect();
            let commission_findings = lines
                .iter()
                .filter_map(|l| {
                    let rate = KindCode::parse(&l.kind)
                        .ok()
                        .and_then(|k| commissions.per_copy_on(k, l.day))?;
                    let expected = rate.to_i64() * l.copies;
                    (expected != l.commissions).then(|| CommissionFinding {
                        date: l.day.format("%Y-%m-%d").to_string(),
                        operator: l.operator.clone(),
                        kind: l.kind.clone(),
                        copies: l.copies,
                        statement: l.commissions,
                        expected,
                    })
                })
                .collect::<Vec<_>>();
            Ok(Reconciliation {
                target_month: month.to_string(),
                matched: differences.is_empty(),
                finalized: header.finalized,
                differences,
                out_of_hours,
                commission_findings,
            })
        })
    }

    /// Fees, commissions and net of a month, by operator and by kind, from the statement.
    pub fn settlement(&self, actor: &Actor, month: TargetMonth) -> Result<Settlement> {
        self.tx(|tx| {
            authorize(tx, actor, Action::ViewSettlement)?;
            let header = repo::statement(tx, &month.to_string())?.ok_or_else(|| {
                Error::not_found(
                    format!("{month} の取扱い実績データ"),
                    format!("statement {month}"),
                )
            })?;
            let lines = repo::statement_lines(tx, &month.to_string())?;
            let mut by_operator: BTreeMap<String, OperatorTotals> = BTreeMap::new();
            let mut by_kind: BTreeMap<String, KindTotals> = BTreeMap::new();
            for l in &lines {
                let o = by_operator
                    .entry(l.operator.clone())
                    .or_insert_with(|| OperatorTotals {
                        code: l.operator.clone(),
                        fees: 0,
                        commissions: 0,
                        net: 0,
                    });
                o.fees += l.fees;
                o.commissions += l.commissions;
                o.net = o.fees - o.commissions;
                let k = by_kind.entry(l.kind.clone()).or_insert_with(|| KindTotals {
                    code: l.kind.clone(),
                    copies: 0,
                    fees: 0,
                    commissions: 0,
                });
                k.copies += l.copies;
                k.fees += l.fees;
                k.commissions += l.commissions;
            }
            let fees: i64 = lines.iter().map(|l| l.fees).sum();
            let commissions: i64 = lines.iter().map(|l| l.commissions).sum();
            Ok(Settlement {
                target_month: month.to_string(),
                finalized: header.finalized,
                fees,
                commissions,
                net: fees - commissions,
                by_operator: by_operator.into_values().collect(),
                by_kind: by_kind.into_values().collect(),
            })
        })
    }
}

/// The hours in force on `day` among the stored versions (oldest first).
fn hours_on(versions: &[(NaiveDate, ServiceHours)], day: NaiveDate) -> ServiceHours {
    versions
        .iter()
        .rev()
        .find(|(from, _)| *from <= day)
        .map(|(_, h)| h.clone())
        .unwrap_or_else(ServiceHours::standard)
}

/// Issuances with cancellations removed and corrections applied (the latest correction of an
/// issuance wins; a correction carries the issuance's new values, 第14条2).
fn effective_notices(all: Vec<repo::Notice>) -> Vec<repo::Notice> {
    let mut issued: BTreeMap<String, repo::Notice> = BTreeMap::new();
    let mut changes: Vec<repo::Notice> = Vec::new();
    for n in all {
        if n.action == 0 {
            issued.insert(n.id.clone(), n);
        } else {
            changes.push(n);
        }
    }
    changes.sort_by_key(|n| n.at);
    for c in changes {
        let Some(original) = c.original_id.clone() else {
            continue;
        };
        match c.action {
            1 => {
                issued.remove(&original);
            }
            2 if issued.contains_key(&original) => {
                issued.insert(
                    original.clone(),
                    repo::Notice {
                        id: original,
                        action: 0,
                        original_id: None,
                        ..c
                    },
                );
            }
            _ => {}
        }
    }
    let mut out: Vec<repo::Notice> = issued.into_values().collect();
    out.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    out
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
        C::Unauthorized { .. } => "unauthorized",
        C::NotFound => "not_found",
        C::NotFinal => "not_final",
        C::BadUrl { .. } | C::Tls { .. } => "validation",
        _ => "jlis_unavailable",
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
