//! The catalogue's storage: kinds (in `certificate_kinds`), fee and commission rules, versions
//! of the service hours, suspensions, change requests, document numbers and correspondence.
//! Rules and requests are kept as JSON documents of the domain types, which validate themselves
//! when read back.

use chrono::{NaiveDate, NaiveDateTime};
use kofu_core::calendar::FiscalYear;
use kofu_core::catalogue::{
    Catalogue, CertificateKind, ChangeRequest, CommissionRule, FeeRule, KindCode, ServiceHours,
    Suspension, SuspensionKind,
};
use kofu_core::document::DocumentKind;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{params, Result, Row, Sql, StoreError};

fn doc<T: DeserializeOwned>(r: &Row, i: usize) -> Result<T> {
    let s = r.text(i)?;
    serde_json::from_str(&s).map_err(|e| StoreError::Decode {
        column: i,
        detail: format!("document: {e}"),
    })
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("domain values serialise")
}

pub fn catalogue(tx: &mut dyn Sql) -> Result<Catalogue> {
    let kinds = crate::master::kinds(tx)?
        .into_iter()
        .map(|(cn, enabled)| {
            let code = KindCode::parse(&cn.code).map_err(|e| StoreError::Decode {
                column: 0,
                detail: e.detail,
            })?;
            let name =
                kofu_core::FreeText::parse("name", &cn.name).map_err(|e| StoreError::Decode {
                    column: 1,
                    detail: e.detail,
                })?;
            Ok(CertificateKind {
                code,
                name,
                enabled,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Catalogue::new(kinds).map_err(|e| StoreError::Decode {
        column: 0,
        detail: e.detail,
    })
}

pub fn put_kind(tx: &mut dyn Sql, k: &CertificateKind) -> Result<()> {
    crate::master::upsert_kind(tx, k.code.as_str(), k.name.as_str(), k.enabled)
}

pub fn fee_rules(tx: &mut dyn Sql) -> Result<Vec<FeeRule>> {
    tx.query(
        "SELECT document FROM fee_rules ORDER BY kind, from_date",
        &[],
    )?
    .iter()
    .map(|r| doc(r, 0))
    .collect()
}

/// Adds a rule, replacing one of the same kind and start day.
pub fn put_fee_rule(tx: &mut dyn Sql, rule: &FeeRule) -> Result<()> {
    tx.execute(
        "INSERT INTO fee_rules (kind, from_date, document) VALUES ($1, $2, $3)
         ON CONFLICT (kind, from_date) DO UPDATE SET document = excluded.document",
        params![rule.kind.as_str(), rule.period.from, json(rule)],
    )?;
    Ok(())
}

pub fn commission_rules(tx: &mut dyn Sql) -> Result<Vec<CommissionRule>> {
    tx.query(
        "SELECT document FROM commission_rules ORDER BY scope, from_date",
        &[],
    )?
    .iter()
    .map(|r| doc(r, 0))
    .collect()
}

pub fn put_commission_rule(tx: &mut dyn Sql, rule: &CommissionRule) -> Result<()> {
    let scope = rule
        .kind
        .map_or("*".to_string(), |k| k.as_str().to_string());
    tx.execute(
        "INSERT INTO commission_rules (scope, from_date, document) VALUES ($1, $2, $3)
         ON CONFLICT (scope, from_date) DO UPDATE SET document = excluded.document",
        params![scope, rule.period.from, json(rule)],
    )?;
    Ok(())
}

/// The hours in force on `day`: the latest version effective on or before it.
pub fn hours_on(tx: &mut dyn Sql, day: NaiveDate) -> Result<Option<ServiceHours>> {
    tx.query_opt(
        "SELECT document FROM service_hours WHERE effective_from <= $1 ORDER BY effective_from DESC LIMIT 1",
        params![day],
    )?
    .map(|r| doc(&r, 0))
    .transpose()
}

/// Every version, oldest first.
pub fn hours_versions(tx: &mut dyn Sql) -> Result<Vec<(NaiveDate, ServiceHours)>> {
    tx.query(
        "SELECT effective_from, document FROM service_hours ORDER BY effective_from",
        &[],
    )?
    .iter()
    .map(|r| Ok((r.date(0)?, doc(r, 1)?)))
    .collect()
}

pub fn put_hours(tx: &mut dyn Sql, effective_from: NaiveDate, hours: &ServiceHours) -> Result<()> {
    tx.execute(
        "INSERT INTO service_hours (effective_from, document) VALUES ($1, $2)
         ON CONFLICT (effective_from) DO UPDATE SET document = excluded.document",
        params![effective_from, json(hours)],
    )?;
    Ok(())
}

pub fn suspensions(tx: &mut dyn Sql) -> Result<Vec<Suspension>> {
    tx.query(
        "SELECT id, document FROM suspensions ORDER BY from_at, id",
        &[],
    )?
    .iter()
    .map(|r| {
        let mut s: Suspension = doc(r, 1)?;
        s.id = Some(r.int(0)?);
        Ok(s)
    })
    .collect()
}

pub fn insert_suspension(
    tx: &mut dyn Sql,
    s: &Suspension,
    by: &str,
    at: NaiveDateTime,
) -> Result<i64> {
    let kind = match s.kind {
        SuspensionKind::Planned => "planned",
        SuspensionKind::Emergency => "emergency",
    };
    let rows = tx.query(
        "INSERT INTO suspensions (kind, from_at, until_at, document, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        params![kind, s.from, s.until, json(s), by, at],
    )?;
    rows[0].int(0)
}

pub fn insert_change(tx: &mut dyn Sql, c: &ChangeRequest) -> Result<i64> {
    let rows = tx.query(
        "INSERT INTO change_requests (state, effective_from, drafted_by, document) VALUES ($1, $2, $3, $4) RETURNING id",
        params![c.status().as_str(), c.effective_from(), c.drafted_by(), json(c)],
    )?;
    rows[0].int(0)
}

pub fn update_change(tx: &mut dyn Sql, id: i64, c: &ChangeRequest) -> Result<()> {
    tx.execute(
        "UPDATE change_requests SET state = $1, document = $2 WHERE id = $3",
        params![c.status().as_str(), json(c), id],
    )?;
    Ok(())
}

pub fn change(tx: &mut dyn Sql, id: i64) -> Result<Option<ChangeRequest>> {
    tx.query_opt(
        "SELECT id, document FROM change_requests WHERE id = $1",
        params![id],
    )?
    .map(|r| Ok(doc::<ChangeRequest>(&r, 1)?.with_id(r.int(0)?)))
    .transpose()
}

pub fn changes(tx: &mut dyn Sql) -> Result<Vec<ChangeRequest>> {
    tx.query(
        "SELECT id, document FROM change_requests ORDER BY id DESC",
        &[],
    )?
    .iter()
    .map(|r| Ok(doc::<ChangeRequest>(r, 1)?.with_id(r.int(0)?)))
    .collect()
}

/// The counter's name of a kind in `document_numbers.series`. The change notice keeps the name
/// its counter had before there were other kinds (`jlis`): renaming it would restart the
/// numbering of a 年度 already under way in existing databases.
fn series(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::ChangeNotice => "jlis",
        other => other.as_str(),
    }
}

/// Allocates the next number of `kind` in `fiscal_year` (1 for the first of each 年度), in the
/// caller's transaction: call it in the transaction that issues the document, so a rollback
/// gives the number back and none is skipped. On PostgreSQL the UPSERT takes the counter row's
/// lock, so a concurrent approval waits for this transaction and then gets the next number,
/// never the same one; SQLite has one writer at a time.
pub fn next_document_number(
    tx: &mut dyn Sql,
    kind: DocumentKind,
    fiscal_year: FiscalYear,
) -> Result<u64> {
    let rows = tx.query(
        "INSERT INTO document_numbers (fiscal_year, series, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (fiscal_year, series) DO UPDATE SET last_number = document_numbers.last_number + 1
         RETURNING last_number",
        params![i64::from(fiscal_year.year()), series(kind)],
    )?;
    counter(rows[0].int(0)?)
}

/// The number [`next_document_number`] would allocate now, without allocating it (for the
/// settings page's example; another desk may take it first).
pub fn peek_document_number(
    tx: &mut dyn Sql,
    kind: DocumentKind,
    fiscal_year: FiscalYear,
) -> Result<u64> {
    let last = tx
        .query_opt(
            "SELECT last_number FROM document_numbers WHERE fiscal_year = $1 AND series = $2",
            params![i64::from(fiscal_year.year()), series(kind)],
        )?
        .map(|r| r.int(0))
        .transpose()?
        .unwrap_or(0);
    Ok(counter(last)? + 1)
}

fn counter(n: i64) -> Result<u64> {
    u64::try_from(n).map_err(|_| StoreError::Decode {
        column: 0,
        detail: format!("negative document number {n}"),
    })
}

/// An entry of the correspondence log. Its attachments are files of
/// [`crate::files::FileOwner::letter`]`(id)`, stored after the letter in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub id: i64,
    pub at: NaiveDateTime,
    /// `sent` or `received`.
    pub direction: String,
    /// e.g. `catalogue_change`, `suspension`, `incident`, `correction`, `other`.
    pub category: String,
    pub subject: String,
    pub document_number: Option<String>,
    pub body: String,
    pub change_request: Option<i64>,
    pub recorded_by: String,
}

pub fn insert_letter(tx: &mut dyn Sql, l: &Letter) -> Result<i64> {
    let rows = tx.query(
        "INSERT INTO correspondence (at, direction, category, subject, document_number, body, change_request, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        params![
            l.at,
            l.direction.as_str(),
            l.category.as_str(),
            l.subject.as_str(),
            l.document_number.clone(),
            l.body.as_str(),
            l.change_request,
            l.recorded_by.as_str()
        ],
    )?;
    rows[0].int(0)
}

pub fn letters(tx: &mut dyn Sql) -> Result<Vec<Letter>> {
    tx.query(
        "SELECT id, at, direction, category, subject, document_number, body, change_request, recorded_by
         FROM correspondence ORDER BY at DESC, id DESC",
        &[],
    )?
    .iter()
    .map(|r| {
        Ok(Letter {
            id: r.int(0)?,
            at: r.datetime(1)?,
            direction: r.text(2)?,
            category: r.text(3)?,
            subject: r.text(4)?,
            document_number: r.opt_text(5)?,
            body: r.text(6)?,
            change_request: r.opt_int(7)?,
            recorded_by: r.text(8)?,
        })
    })
    .collect()
}
