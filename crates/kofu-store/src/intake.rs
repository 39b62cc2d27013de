//! Storage of J-LIS data: monthly statements (header and lines), completion notices and their
//! running per-day totals. The records are the core's types ([`StatementLine`],
//! [`CompletionNotice`], [`NoticeTotals`]); which import may replace what is the use cases' rule.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::notice::{CompletionNotice, NoticeAction};
use kofu_core::reconciliation::{Figures, NoticeTotals};
use kofu_core::statement::StatementLine;

use crate::value::write_datetime;
use crate::{params, placeholders, values_rows, Param, Result, Row, Sql, StoreError, Value};

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
pub fn put_statement(tx: &mut dyn Sql, h: &StatementHeader, lines: &[StatementLine]) -> Result<()> {
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
            params![
                h.target_month.as_str(),
                l.date,
                l.operator.as_str(),
                l.kind.as_str(),
                i64::from(l.issuances),
                i64::from(l.copies),
                l.fees.to_i64(),
                l.commissions.to_i64()
            ],
        )?;
    }
    Ok(())
}

fn decode(column: usize, e: kofu_core::DomainError) -> StoreError {
    StoreError::Decode {
        column,
        detail: e.detail,
    }
}

fn operator(r: &Row, i: usize) -> Result<OperatorCode> {
    OperatorCode::parse(&r.text(i)?).map_err(|e| decode(i, e))
}

fn kind(r: &Row, i: usize) -> Result<KindCode> {
    KindCode::parse(&r.text(i)?).map_err(|e| decode(i, e))
}

fn count(r: &Row, i: usize) -> Result<u32> {
    u32::try_from(r.int(i)?).map_err(|_| StoreError::Decode {
        column: i,
        detail: "a count out of range".into(),
    })
}

fn line(r: &Row) -> Result<StatementLine> {
    Ok(StatementLine {
        date: r.date(0)?,
        operator: operator(r, 1)?,
        kind: kind(r, 2)?,
        issuances: count(r, 3)?,
        copies: count(r, 4)?,
        fees: Yen::new(r.int(5)?),
        commissions: Yen::new(r.int(6)?),
    })
}

pub fn statement_lines(tx: &mut dyn Sql, month: &str) -> Result<Vec<StatementLine>> {
    tx.query(
        "SELECT day, operator, kind, issuances, copies, fees, commissions FROM statement_lines
         WHERE target_month = $1 ORDER BY day, operator, kind",
        params![month],
    )?
    .iter()
    .map(line)
    .collect()
}

/// 処理区分 as stored: the core's number of it (`0`, `1`, `2`, as in J-LIS's file).
fn action(r: &Row, i: usize) -> Result<NoticeAction> {
    let n = r.int(i)?;
    NoticeAction::from_number(n).ok_or_else(|| StoreError::Decode {
        column: i,
        detail: format!("処理区分 {n}"),
    })
}

/// The columns of `completion_notices`, in the order of [`NoticeWriter`]'s parameters.
const NOTICE_COLUMNS: &str =
    "id, at, operator, store, kiosk, kind, copies, fee, commission, action, original_id";
const NOTICE_WIDTH: usize = 11;

/// Rows per `INSERT` of a [`NoticeWriter`]: 1,408 parameters, far below both backends' limits,
/// and enough that the statement's own cost disappears.
pub const NOTICE_BATCH: usize = 128;

/// A notice refused because its 交付番号 is stored with other values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeConflict {
    /// The notice being stored.
    pub notice: CompletionNotice,
    /// The stored notice with the same 交付番号.
    pub existing: CompletionNotice,
}

/// What a [`NoticeWriter`] stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoticeCounts {
    /// Notices new to the store.
    pub inserted: u64,
    /// Notices already stored with the same values (the same event again).
    pub unchanged: u64,
}

/// Stores many notices in the caller's transaction, the way an import of 200,000 needs: one
/// multi-row `INSERT … ON CONFLICT (id) DO NOTHING` per [`NOTICE_BATCH`] notices, with the
/// parameters bound in place. A batch that stored fewer rows than it holds is checked against
/// the stored rows in one query: a notice stored with the same values is unchanged, one stored
/// with other values is a [`NoticeConflict`] (the first in the order pushed). The writer also
/// keeps `notice_totals` (migration 0004) in step with the issuances it stores; it is the only
/// writer of `completion_notices`.
///
/// [`push`](Self::push) each notice, then [`finish`](Self::finish): until then the last batch
/// and the totals are not written. A conflict is found when its batch is written, so a caller
/// that must know of every conflict before some point (e.g. before it stops storing notices)
/// calls [`flush`](Self::flush) there. After an error or a conflict the transaction must be
/// rolled back.
pub struct NoticeWriter {
    batch: Vec<CompletionNotice>,
    /// The 交付日時 of the batch as stored text, back to back.
    ats: String,
    full_sql: String,
    counts: NoticeCounts,
    totals: Totals,
}

impl Default for NoticeWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl NoticeWriter {
    pub fn new() -> Self {
        Self {
            batch: Vec::with_capacity(NOTICE_BATCH),
            ats: String::with_capacity(NOTICE_BATCH * 19),
            full_sql: insert_sql(NOTICE_BATCH),
            counts: NoticeCounts::default(),
            totals: Totals::default(),
        }
    }

    /// Adds a notice; writes the batch when it is full.
    pub fn push(
        &mut self,
        tx: &mut dyn Sql,
        notice: CompletionNotice,
    ) -> Result<std::result::Result<(), Box<NoticeConflict>>> {
        self.batch.push(notice);
        if self.batch.len() >= NOTICE_BATCH {
            return self.flush(tx);
        }
        Ok(Ok(()))
    }

    /// Writes the notices pushed so far (the totals wait for [`Self::finish`]).
    pub fn flush(
        &mut self,
        tx: &mut dyn Sql,
    ) -> Result<std::result::Result<(), Box<NoticeConflict>>> {
        if self.batch.is_empty() {
            return Ok(Ok(()));
        }
        self.ats.clear();
        let mut ends = Vec::with_capacity(self.batch.len());
        for n in &self.batch {
            write_datetime(&mut self.ats, n.at);
            ends.push(self.ats.len());
        }
        let mut params = Vec::with_capacity(self.batch.len() * NOTICE_WIDTH);
        let mut start = 0;
        for (n, &end) in self.batch.iter().zip(&ends) {
            params.extend_from_slice(&[
                Param::Text(&n.id),
                Param::Text(&self.ats[start..end]),
                Param::Text(n.operator.as_str()),
                Param::Text(&n.store),
                Param::Text(&n.kiosk),
                Param::Text(n.kind.as_str()),
                Param::Int(n.copies.into()),
                Param::Int(n.fee.to_i64()),
                Param::Int(n.commission.to_i64()),
                Param::Int(n.action.number()),
                n.original_id.as_deref().map_or(Param::Null, Param::Text),
            ]);
            start = end;
        }
        let partial_sql;
        let sql = if self.batch.len() == NOTICE_BATCH {
            &self.full_sql
        } else {
            partial_sql = insert_sql(self.batch.len());
            &partial_sql
        };
        let inserted = tx.execute_ref(sql, &params)?;
        drop(params);
        let len = self.batch.len() as u64;
        if inserted == len {
            for n in self
                .batch
                .iter()
                .filter(|n| n.action == NoticeAction::Issuance)
            {
                self.totals.add(n);
            }
        } else {
            // Some were stored already: the same event again, or a conflict.
            let ids: Vec<Value> = self.batch.iter().map(|n| Value::from(&n.id)).collect();
            let within = format!("id IN ({})", placeholders(1, ids.len()));
            let stored = notices_where(tx, &within, &ids)?;
            let stored: HashMap<&str, &CompletionNotice> =
                stored.iter().map(|n| (n.id.as_str(), n)).collect();
            for n in &self.batch {
                match stored.get(n.id.as_str()) {
                    Some(e) if *e != n => {
                        return Ok(Err(Box::new(NoticeConflict {
                            notice: n.clone(),
                            existing: (*e).clone(),
                        })))
                    }
                    _ => {}
                }
            }
            // Which of them are new is not known: the totals of their days are recounted.
            self.totals
                .dirty
                .extend(self.batch.iter().map(|n| n.at.date()));
        }
        self.counts.inserted += inserted;
        self.counts.unchanged += len - inserted;
        self.batch.clear();
        Ok(Ok(()))
    }

    /// Writes the last batch and the totals; what was stored.
    pub fn finish(
        mut self,
        tx: &mut dyn Sql,
    ) -> Result<std::result::Result<NoticeCounts, Box<NoticeConflict>>> {
        if let Err(c) = self.flush(tx)? {
            return Ok(Err(c));
        }
        self.totals.write(tx)?;
        Ok(Ok(self.counts))
    }
}

fn insert_sql(rows: usize) -> String {
    format!(
        "INSERT INTO completion_notices ({NOTICE_COLUMNS}) VALUES {} ON CONFLICT (id) DO NOTHING",
        values_rows(rows, NOTICE_WIDTH)
    )
}

/// The issuance totals of a [`NoticeWriter`], per (day, operator, kind), until written.
#[derive(Default)]
struct Totals {
    groups: HashMap<(NaiveDate, OperatorCode, KindCode), Group>,
    /// Days to recount from the stored notices instead.
    dirty: BTreeSet<NaiveDate>,
}

struct Group {
    issuances: i64,
    copies: i64,
    fees: i64,
    commissions: i64,
    first: NaiveDateTime,
    last: NaiveDateTime,
}

impl Totals {
    fn add(&mut self, n: &CompletionNotice) {
        let key = (n.at.date(), n.operator, n.kind);
        let g = self.groups.entry(key).or_insert(Group {
            issuances: 0,
            copies: 0,
            fees: 0,
            commissions: 0,
            first: n.at,
            last: n.at,
        });
        g.issuances += 1;
        g.copies += i64::from(n.copies);
        g.fees += n.fee.to_i64();
        g.commissions += n.commission.to_i64();
        g.first = g.first.min(n.at);
        g.last = g.last.max(n.at);
    }

    fn write(self, tx: &mut dyn Sql) -> Result<()> {
        for &day in &self.dirty {
            let start = day.and_hms_opt(0, 0, 0).expect("midnight");
            tx.execute("DELETE FROM notice_totals WHERE day = $1", params![day])?;
            tx.execute(
                "INSERT INTO notice_totals (day, operator, kind, issuances, copies, fees, commissions, first_at, last_at)
                 SELECT CAST($1 AS TEXT), operator, kind, CAST(COUNT(*) AS BIGINT), CAST(SUM(copies) AS BIGINT),
                        CAST(SUM(fee) AS BIGINT), CAST(SUM(commission) AS BIGINT), MIN(at), MAX(at)
                 FROM completion_notices WHERE action = 0 AND at >= $2 AND at < $3
                 GROUP BY operator, kind",
                params![day, start, start + chrono::Duration::days(1)],
            )?;
        }
        let mut groups: Vec<_> = self
            .groups
            .into_iter()
            .filter(|((day, _, _), _)| !self.dirty.contains(day))
            .collect();
        groups.sort_by_key(|(key, _)| *key);
        for chunk in groups.chunks(64) {
            let mut sql = format!(
                "INSERT INTO notice_totals (day, operator, kind, issuances, copies, fees, commissions, first_at, last_at) VALUES {}",
                values_rows(chunk.len(), 9)
            );
            let mut values = Vec::with_capacity(chunk.len() * 9);
            for ((day, operator, kind), g) in chunk {
                values.extend([
                    Value::from(*day),
                    Value::from(operator.as_str()),
                    Value::from(kind.as_str()),
                    Value::from(g.issuances),
                    Value::from(g.copies),
                    Value::from(g.fees),
                    Value::from(g.commissions),
                    Value::from(g.first),
                    Value::from(g.last),
                ]);
            }
            sql.push_str(
                " ON CONFLICT (day, operator, kind) DO UPDATE SET
                 issuances = notice_totals.issuances + excluded.issuances,
                 copies = notice_totals.copies + excluded.copies,
                 fees = notice_totals.fees + excluded.fees,
                 commissions = notice_totals.commissions + excluded.commissions,
                 first_at = CASE WHEN excluded.first_at < notice_totals.first_at THEN excluded.first_at ELSE notice_totals.first_at END,
                 last_at = CASE WHEN excluded.last_at > notice_totals.last_at THEN excluded.last_at ELSE notice_totals.last_at END",
            );
            tx.execute(&sql, &values)?;
        }
        Ok(())
    }
}

fn notices_where(
    tx: &mut dyn Sql,
    condition: &str,
    params: &[crate::Value],
) -> Result<Vec<CompletionNotice>> {
    tx.query(
        &format!(
            "SELECT id, at, operator, store, kiosk, kind, copies, fee, commission, action, original_id
             FROM completion_notices WHERE {condition} ORDER BY at, id"
        ),
        params,
    )?
    .iter()
    .map(|r| {
        Ok(CompletionNotice {
            id: r.text(0)?,
            at: r.datetime(1)?,
            operator: operator(r, 2)?,
            store: r.text(3)?,
            kiosk: r.text(4)?,
            kind: kind(r, 5)?,
            copies: count(r, 6)?,
            fee: Yen::new(r.int(7)?),
            commission: Yen::new(r.int(8)?),
            action: action(r, 9)?,
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
) -> Result<Vec<CompletionNotice>> {
    notices_where(tx, "at >= $1 AND at < $2", params![from, until])
}

/// The cancellations and corrections (処理区分 1 and 2) with `from <= at < until`, in time order.
pub fn notice_changes_between(
    tx: &mut dyn Sql,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<CompletionNotice>> {
    notices_where(
        tx,
        "action <> 0 AND at >= $1 AND at < $2",
        params![from, until],
    )
}

/// The notices named as 元交付番号 by the cancellations and corrections with
/// `from <= at < until`, each once, whatever their own action and date, in time order.
pub fn notice_change_originals_between(
    tx: &mut dyn Sql,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<CompletionNotice>> {
    notices_where(
        tx,
        "id IN (SELECT original_id FROM completion_notices WHERE action <> 0 AND at >= $1 AND at < $2)",
        params![from, until],
    )
}

/// The issuance totals of the days `from <= day < until`, in (day, operator, kind) order.
pub fn notice_totals(
    tx: &mut dyn Sql,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<NoticeTotals>> {
    tx.query(
        "SELECT day, operator, kind, issuances, copies, fees, commissions, first_at, last_at
         FROM notice_totals WHERE day >= $1 AND day < $2 ORDER BY day, operator, kind",
        params![from, until],
    )?
    .iter()
    .map(|r| {
        Ok(NoticeTotals {
            day: r.date(0)?,
            operator: operator(r, 1)?,
            kind: kind(r, 2)?,
            figures: Figures {
                issuances: r.int(3)?,
                copies: r.int(4)?,
                fees: Yen::new(r.int(5)?),
                commissions: Yen::new(r.int(6)?),
            },
            first_at: r.datetime(7)?,
            last_at: r.datetime(8)?,
        })
    })
    .collect()
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

/// How many notices of each 処理区分 have `from <= at < until`.
pub fn notice_counts(
    tx: &mut dyn Sql,
    from: NaiveDateTime,
    until: NaiveDateTime,
) -> Result<Vec<(NoticeAction, i64)>> {
    tx.query(
        "SELECT action, CAST(COUNT(*) AS BIGINT) FROM completion_notices
         WHERE at >= $1 AND at < $2 GROUP BY action ORDER BY action",
        params![from, until],
    )?
    .iter()
    .map(|r| Ok((action(r, 0)?, r.int(1)?)))
    .collect()
}
