//! Storage of J-LIS data: monthly statements (header and lines) and completion notices.

use chrono::{NaiveDate, NaiveDateTime};

use crate::{params, Result, Row, Sql};

/// A stored statement's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementHeader {
    pub target_month: String,
    pub finalized: bool,
    pub created_at: NaiveDateTime,
    pub digest: String,
    pub records: i64,
    pub issuances: i64,
    pub copies: i64,
    pub fees: i64,
    pub commissions: i64,
    pub imported_at: NaiveDateTime,
    pub imported_by: String,
}

/// One (day, operator, kind) line, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub day: NaiveDate,
    pub operator: String,
    pub kind: String,
    pub issuances: i64,
    pub copies: i64,
    pub fees: i64,
    pub commissions: i64,
}

pub fn statement(tx: &mut dyn Sql, month: &str) -> Result<Option<StatementHeader>> {
    tx.query_opt(
        "SELECT target_month, finalized, created_at, digest, records, issuances, copies, fees, commissions, imported_at, imported_by
         FROM statements WHERE target_month = $1",
        params![month],
    )?
    .map(|r| {
        Ok(StatementHeader {
            target_month: r.text(0)?,
            finalized: r.bool(1)?,
            created_at: r.datetime(2)?,
            digest: r.text(3)?,
            records: r.int(4)?,
            issuances: r.int(5)?,
            copies: r.int(6)?,
            fees: r.int(7)?,
            commissions: r.int(8)?,
            imported_at: r.datetime(9)?,
            imported_by: r.text(10)?,
        })
    })
    .transpose()
}

/// Replaces the statement of a month (header and lines).
pub fn put_statement(tx: &mut dyn Sql, h: &StatementHeader, lines: &[Line]) -> Result<()> {
    tx.execute(
        "DELETE FROM statement_lines WHERE target_month = $1",
        params![h.target_month.as_str()],
    )?;
    tx.execute(
        "DELETE FROM statements WHERE target_month = $1",
        params![h.target_month.as_str()],
    )?;
    tx.execute(
        "INSERT INTO statements (target_month, finalized, created_at, digest, records, issuances, copies, fees, commissions, imported_at, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        params![
            h.target_month.as_str(),
            h.finalized,
            h.created_at,
            h.digest.as_str(),
            h.records,
            h.issuances,
            h.copies,
            h.fees,
            h.commissions,
            h.imported_at,
            h.imported_by.as_str()
        ],
    )?;
    for l in lines {
        tx.execute(
            "INSERT INTO statement_lines (target_month, day, operator, kind, issuances, copies, fees, commissions)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![h.target_month.as_str(), l.day, l.operator.as_str(), l.kind.as_str(), l.issuances, l.copies, l.fees, l.commissions],
        )?;
    }
    Ok(())
}

fn line(r: &Row) -> Result<Line> {
    Ok(Line {
        day: r.date(0)?,
        operator: r.text(1)?,
        kind: r.text(2)?,
        issuances: r.int(3)?,
        copies: r.int(4)?,
        fees: r.int(5)?,
        commissions: r.int(6)?,
    })
}

pub fn statement_lines(tx: &mut dyn Sql, month: &str) -> Result<Vec<Line>> {
    tx.query(
        "SELECT day, operator, kind, issuances, copies, fees, commissions FROM statement_lines
         WHERE target_month = $1 ORDER BY day, operator, kind",
        params![month],
    )?
    .iter()
    .map(line)
    .collect()
}

/// A completion notice as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: String,
    pub at: NaiveDateTime,
    pub operator: String,
    pub store: String,
    pub kiosk: String,
    pub kind: String,
    pub copies: i64,
    pub fee: i64,
    pub commission: i64,
    pub action: i64,
    pub original_id: Option<String>,
}

/// Inserts a notice. Returns `Ok(true)` when inserted, `Ok(false)` when the same event was
/// already stored, and `Err(existing)` when the id is stored with other values.
pub fn insert_notice(tx: &mut dyn Sql, n: &Notice) -> Result<std::result::Result<bool, Notice>> {
    let inserted = tx.execute(
        "INSERT INTO completion_notices (id, at, operator, store, kiosk, kind, copies, fee, commission, action, original_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING",
        params![
            n.id.as_str(),
            n.at,
            n.operator.as_str(),
            n.store.as_str(),
            n.kiosk.as_str(),
            n.kind.as_str(),
            n.copies,
            n.fee,
            n.commission,
            n.action,
            n.original_id.clone()
        ],
    )?;
    if inserted == 1 {
        return Ok(Ok(true));
    }
    let existing = notices_where(tx, "id = $1", params![n.id.as_str()])?
        .into_iter()
        .next();
    match existing {
        Some(e) if e == *n => Ok(Ok(false)),
        Some(e) => Ok(Err(e)),
        None => Ok(Ok(false)),
    }
}

fn notices_where(
    tx: &mut dyn Sql,
    condition: &str,
    params: &[crate::Value],
) -> Result<Vec<Notice>> {
    tx.query(
        &format!(
            "SELECT id, at, operator, store, kiosk, kind, copies, fee, commission, action, original_id
             FROM completion_notices WHERE {condition} ORDER BY at, id"
        ),
        params,
    )?
    .iter()
    .map(|r| {
        Ok(Notice {
            id: r.text(0)?,
            at: r.datetime(1)?,
            operator: r.text(2)?,
            store: r.text(3)?,
            kiosk: r.text(4)?,
            kind: r.text(5)?,
            copies: r.int(6)?,
            fee: r.int(7)?,
            commission: r.int(8)?,
            action: r.int(9)?,
            original_id: r.opt_text(10)?,
        })
    })
    .collect()
}

/// Every notice with `from <= at < until` (all actions), in time order.
pub fn notices_between(
    tx: &mut dyn Sql,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<Notice>> {
    notices_where(tx, "at >= $1 AND at < $2", params![from, until])
}

/// How many notices are stored (all months, all actions).
pub fn notice_count(tx: &mut dyn Sql) -> Result<i64> {
    tx.query(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM completion_notices",
        &[],
    )?[0]
        .int(0)
}

/// Every stored statement header, oldest month first.
pub fn statements(tx: &mut dyn Sql) -> Result<Vec<StatementHeader>> {
    let months: Vec<String> = tx
        .query(
            "SELECT target_month FROM statements ORDER BY target_month",
            &[],
        )?
        .iter()
        .map(|r| r.text(0))
        .collect::<Result<_>>()?;
    months
        .iter()
        .filter_map(|m| statement(tx, m).transpose())
        .collect()
}

/// How many notices of each 処理区分 (0 issuance, 1 cancellation, 2 correction) have
/// `from <= at < until`.
pub fn notice_counts(
    tx: &mut dyn Sql,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(i64, i64)>> {
    tx.query(
        "SELECT action, CAST(COUNT(*) AS BIGINT) FROM completion_notices
         WHERE at >= $1 AND at < $2 GROUP BY action ORDER BY action",
        params![from, until],
    )?
    .iter()
    .map(|r| Ok((r.int(0)?, r.int(1)?)))
    .collect()
}
