//! The audit trail's storage: append under a lock, read back in order for verification.

use chrono::{NaiveDateTime, Timelike};
use kofu_core::audit::{entry_hash, AuditRecord, GENESIS};

use crate::{params, BackendKind, Result, Row, Sql};

/// What a use case records; the chain fields are computed here.
pub struct NewEntry<'a> {
    pub at: NaiveDateTime,
    pub actor: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    pub summary: &'a str,
}

/// Appends an entry in the caller's transaction, chained to the current head.
pub fn append(tx: &mut dyn Sql, e: &NewEntry<'_>) -> Result<AuditRecord> {
    if tx.kind() == BackendKind::Postgres {
        // Desks append concurrently on a shared server; serialise on the head row's lock so the
        // chain never forks. (SQLite's BEGIN IMMEDIATE already serialises writers.)
        tx.execute(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, $1) ON CONFLICT (id) DO NOTHING",
            params![GENESIS],
        )?;
        tx.query("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE", &[])?;
    }
    let (seq, prev_hash) =
        match tx.query_opt("SELECT seq, hash FROM audit_head WHERE id = 1", &[])? {
            Some(r) => (r.int(0)? + 1, r.text(1)?),
            None => (1, GENESIS.to_string()),
        };
    // Stored to the second: hash exactly what is stored, or verification would fail later.
    let at = e.at.with_nanosecond(0).expect("zero nanoseconds is valid");
    let hash = entry_hash(&prev_hash, seq, at, e.actor, e.action, e.target, e.summary);
    tx.execute(
        "INSERT INTO audit_log (seq, at, actor, action, target, summary, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        params![
            seq,
            at,
            e.actor,
            e.action,
            e.target,
            e.summary,
            prev_hash.as_str(),
            hash.as_str()
        ],
    )?;
    tx.execute(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        params![seq, hash.as_str()],
    )?;
    Ok(AuditRecord {
        seq,
        at,
        actor: e.actor.into(),
        action: e.action.into(),
        target: e.target.into(),
        summary: e.summary.into(),
        prev_hash,
        hash,
    })
}

fn from_row(r: &Row) -> Result<AuditRecord> {
    Ok(AuditRecord {
        seq: r.int(0)?,
        at: r.datetime(1)?,
        actor: r.text(2)?,
        action: r.text(3)?,
        target: r.text(4)?,
        summary: r.text(5)?,
        prev_hash: r.text(6)?,
        hash: r.text(7)?,
    })
}

const COLUMNS: &str = "seq, at, actor, action, target, summary, prev_hash, hash";

/// Every entry in order (for verification).
pub fn all(tx: &mut dyn Sql) -> Result<Vec<AuditRecord>> {
    tx.query(
        &format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"),
        &[],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// The newest `limit` entries, newest first.
pub fn recent(tx: &mut dyn Sql, limit: i64) -> Result<Vec<AuditRecord>> {
    tx.query(
        &format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT $1"),
        params![limit],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// The stored head, if any entry was ever appended.
pub fn head(tx: &mut dyn Sql) -> Result<Option<(i64, String)>> {
    match tx.query_opt("SELECT seq, hash FROM audit_head WHERE id = 1", &[])? {
        Some(r) if r.int(0)? > 0 => Ok(Some((r.int(0)?, r.text(1)?))),
        _ => Ok(None),
    }
}

/// The newest `limit` entries whose action is one of `actions`, newest first.
pub fn with_actions(tx: &mut dyn Sql, actions: &[&str], limit: i64) -> Result<Vec<AuditRecord>> {
    // Placeholders in order of appearance: the actions, then the limit.
    let mut values: Vec<crate::Value> = actions.iter().map(|a| crate::Value::from(*a)).collect();
    values.push(limit.into());
    tx.query(
        &format!(
            "SELECT {COLUMNS} FROM audit_log WHERE action IN ({}) ORDER BY seq DESC LIMIT ${}",
            crate::placeholders(1, actions.len()),
            actions.len() + 1
        ),
        &values,
    )?
    .iter()
    .map(from_row)
    .collect()
}
