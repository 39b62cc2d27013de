//! Staff accounts: login names, roles, password hashes and the lockout counter.

use chrono::NaiveDateTime;
use kofu_core::Role;

use crate::{params, Result, Row, Sql, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRecord {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    pub active: bool,
    pub failed_logins: u32,
    pub locked: bool,
    pub last_login_at: Option<NaiveDateTime>,
}

const COLUMNS: &str =
    "id, name, display_name, role, password_hash, active, failed_logins, locked, last_login_at";

fn from_row(r: &Row) -> Result<StaffRecord> {
    let role = r.text(3)?;
    Ok(StaffRecord {
        id: r.int(0)?,
        name: r.text(1)?,
        display_name: r.text(2)?,
        role: Role::parse(&role).map_err(|e| StoreError::Decode {
            column: 3,
            detail: e.detail,
        })?,
        password_hash: r.text(4)?,
        active: r.bool(5)?,
        failed_logins: r.int(6)?.try_into().unwrap_or(u32::MAX),
        locked: r.bool(7)?,
        last_login_at: r.opt_datetime(8)?,
    })
}

pub struct NewStaff<'a> {
    pub name: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
}

/// Inserts a member of staff; a taken name is [`StoreError::Unique`].
pub fn insert(tx: &mut dyn Sql, s: &NewStaff<'_>, now: NaiveDateTime) -> Result<StaffRecord> {
    tx.execute(
        "INSERT INTO staff (name, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        params![s.name, s.display_name, s.role.as_str(), s.password_hash, now],
    )?;
    by_name(tx, s.name)?.ok_or(StoreError::Decode {
        column: 0,
        detail: "inserted row vanished".into(),
    })
}

pub fn by_name(tx: &mut dyn Sql, name: &str) -> Result<Option<StaffRecord>> {
    tx.query_opt(
        &format!("SELECT {COLUMNS} FROM staff WHERE name = $1"),
        params![name],
    )?
    .map(|r| from_row(&r))
    .transpose()
}

pub fn by_id(tx: &mut dyn Sql, id: i64) -> Result<Option<StaffRecord>> {
    tx.query_opt(
        &format!("SELECT {COLUMNS} FROM staff WHERE id = $1"),
        params![id],
    )?
    .map(|r| from_row(&r))
    .transpose()
}

pub fn list(tx: &mut dyn Sql) -> Result<Vec<StaffRecord>> {
    tx.query(&format!("SELECT {COLUMNS} FROM staff ORDER BY id"), &[])?
        .iter()
        .map(from_row)
        .collect()
}

pub fn count(tx: &mut dyn Sql) -> Result<i64> {
    tx.query("SELECT CAST(COUNT(*) AS BIGINT) FROM staff", &[])?[0].int(0)
}

pub fn count_active_admins(tx: &mut dyn Sql) -> Result<i64> {
    tx.query(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM staff WHERE role = 'admin' AND active = 1 AND locked = 0",
        &[],
    )?[0]
        .int(0)
}

/// Records a failed login; returns the new count. Locks at `lock_at` failures.
pub fn record_failed_login(tx: &mut dyn Sql, id: i64, lock_at: u32) -> Result<u32> {
    tx.execute(
        "UPDATE staff SET failed_logins = failed_logins + 1,
                locked = CASE WHEN failed_logins + 1 >= $1 THEN 1 ELSE locked END
         WHERE id = $2",
        params![lock_at, id],
    )?;
    Ok(by_id(tx, id)?.map_or(0, |s| s.failed_logins))
}

pub fn record_login(tx: &mut dyn Sql, id: i64, now: NaiveDateTime) -> Result<()> {
    tx.execute(
        "UPDATE staff SET failed_logins = 0, last_login_at = $1 WHERE id = $2",
        params![now, id],
    )?;
    Ok(())
}

pub fn set_role(tx: &mut dyn Sql, id: i64, role: Role) -> Result<()> {
    tx.execute(
        "UPDATE staff SET role = $1 WHERE id = $2",
        params![role.as_str(), id],
    )?;
    Ok(())
}

pub fn unlock(tx: &mut dyn Sql, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE staff SET locked = 0, failed_logins = 0 WHERE id = $1",
        params![id],
    )?;
    Ok(())
}

pub fn set_password(tx: &mut dyn Sql, id: i64, password_hash: &str) -> Result<()> {
    tx.execute(
        "UPDATE staff SET password_hash = $1 WHERE id = $2",
        params![password_hash, id],
    )?;
    Ok(())
}
