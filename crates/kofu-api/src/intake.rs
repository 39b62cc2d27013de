//! Taking in J-LIS's data (第4条, 第14条): the monthly statement (finalized ones are immutable,
//! 第4条3) and the per-issuance completion notices, then reconciling the two and settling the
//! month. Files are taken whole or not at all: every import is one transaction.

use std::collections::BTreeMap;
use std::io::Read;

use chrono::{NaiveDate, NaiveDateTime};
use kofu_core::catalogue::{CommissionSchedule, KindCode, ServiceHours};
use kofu_core::{Action, TargetMonth};
use kofu_jlis::format::{
    parse_statement, CompletionNotice, FormatErrors, NoticeAction, NoticeReader, ParseContext,
    Statement, StatementLine,
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

impl Figures {
    /// One issuance's figures.
    fn of(n: &repo::Notice) -> Figures {
        Figures {
            issuances: 1,
            copies: n.copies,
            fees: n.fee,
            commissions: n.commission,
        }
    }
}

impl std::ops::AddAssign for Figures {
    fn add_assign(&mut self, other: Figures) {
        self.issuances += other.issuances;
        self.copies += other.copies;
        self.fees += other.fees;
        self.commissions += other.commissions;
    }
}

impl std::ops::SubAssign for Figures {
    fn sub_assign(&mut self, other: Figures) {
        self.issuances -= other.issuances;
        self.copies -= other.copies;
        self.fees -= other.fees;
        self.commissions -= other.commissions;
    }
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

/// A parsed notice as the store keeps it.
fn stored_notice(n: CompletionNotice) -> repo::Notice {
    repo::Notice {
        id: n.id,
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
    }
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
                if let Err(c) = writer.push(tx, stored_notice(n))? {
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
            let hours_versions = kofu_store::catalogue::hours_versions(tx)?;
            let standard_hours = ServiceHours::standard();
            let commissions =
                CommissionSchedule::new(kofu_store::catalogue::commission_rules(tx)?)?;
            // An unknown kind is never open (the import refuses one, but the master may change).
            let open_throughout = |kind: &str, first: NaiveDateTime, last: NaiveDateTime| {
                KindCode::parse(kind).is_ok_and(|k| {
                    hours_on(&hours_versions, &standard_hours, first.date())
                        .is_open_throughout(k, first, last, &cal)
                })
            };
            let is_open = |kind: &str, at: NaiveDateTime| open_throughout(kind, at, at);

            // The month's issuances, added up per (day, operator, kind) as they were stored
            // (cancelled and corrected ones included), not read one by one: 200,000 in a busy
            // month of a large city.
            let totals = repo::notice_totals(tx, month.first_day(), month.next().first_day())?;
            // What the month's cancellations and corrections made of the issuances they name.
            let originals = repo::notice_change_originals_between(tx, from, until)?
                .into_iter()
                .filter(|n| n.action == 0 && from <= n.at && n.at < until)
                .collect();
            let changed =
                effective_notices(originals, repo::notice_changes_between(tx, from, until)?);

            let mut ours: BTreeMap<(NaiveDate, String, String), Figures> = BTreeMap::new();
            let mut out_of_hours: Vec<(NaiveDateTime, String, String)> = Vec::new();
            // A group whose first and last issuance lie in one service window of its day has
            // all its issuances in that window; the issuances of a day with any other group are
            // checked one by one.
            let mut days_to_check = std::collections::BTreeSet::new();
            for t in totals {
                if !open_throughout(&t.kind, t.first_at, t.last_at) {
                    days_to_check.insert(t.day);
                }
                *ours.entry((t.day, t.operator, t.kind)).or_default() += Figures {
                    issuances: t.issuances,
                    copies: t.copies,
                    fees: t.fees,
                    commissions: t.commissions,
                };
            }
            let replaced: std::collections::HashSet<&str> = changed
                .iter()
                .map(|(original, _)| original.id.as_str())
                .collect();
            for day in days_to_check {
                let start = day.and_hms_opt(0, 0, 0).expect("midnight");
                for n in repo::notices_between(tx, start, start + chrono::Duration::days(1))? {
                    if n.action == 0 && !replaced.contains(n.id.as_str()) && !is_open(&n.kind, n.at)
                    {
                        out_of_hours.push((n.at, n.id, n.kind));
                    }
                }
            }
            drop(replaced);
            for (original, now) in changed {
                let was = Figures::of(&original);
                *ours
                    .entry((original.at.date(), original.operator, original.kind))
                    .or_default() -= was;
                if let Some(n) = now {
                    let is = Figures::of(&n);
                    *ours
                        .entry((n.at.date(), n.operator.clone(), n.kind.clone()))
                        .or_default() += is;
                    if !is_open(&n.kind, n.at) {
                        out_of_hours.push((n.at, n.id, n.kind));
                    }
                }
            }
            out_of_hours.sort();
            let out_of_hours: Vec<OutOfHours> = out_of_hours
                .into_iter()
                .map(|(at, id, kind)| OutOfHours {
                    id,
                    at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    kind,
                })
                .collect();
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

/// The hours in force on `day` among the stored versions (oldest first), else `standard`.
fn hours_on<'a>(
    versions: &'a [(NaiveDate, ServiceHours)],
    standard: &'a ServiceHours,
    day: NaiveDate,
) -> &'a ServiceHours {
    versions
        .iter()
        .rev()
        .find(|(from, _)| *from <= day)
        .map_or(standard, |(_, h)| h)
}

/// What cancellations and corrections made of the issuances they name (the latest correction
/// of an issuance wins; a correction carries the issuance's new values, 第14条2): each issuance
/// of `originals` with its effective notice, `None` once cancelled. Changes are applied in time
/// order; one whose original is not in `originals` has no effect.
fn effective_notices(
    originals: Vec<repo::Notice>,
    mut changes: Vec<repo::Notice>,
) -> Vec<(repo::Notice, Option<repo::Notice>)> {
    let mut issued: BTreeMap<String, (repo::Notice, Option<repo::Notice>)> = originals
        .into_iter()
        .filter(|n| n.action == 0)
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
            1 => *now = None,
            2 if now.is_some() => {
                *now = Some(repo::Notice {
                    id: original,
                    action: 0,
                    original_id: None,
                    ..c
                })
            }
            _ => {}
        }
    }
    issued.into_values().collect()
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
