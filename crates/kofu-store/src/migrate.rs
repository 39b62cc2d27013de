//! Schema migrations, one list per backend, applied when a store is opened.
//!
//! Hand-written rather than `refinery`/`sqlx::migrate!` because we need two things those do not
//! give together with `rusqlite` + `postgres`: a backup of the SQLite file before an existing
//! schema is changed, and one code path that re-checks the version inside the migration's own
//! transaction so that two desks starting at once do not both apply it.

use std::path::{Path, PathBuf};

use crate::{Result, StoreError};

/// (version, name, SQL)
pub(crate) type Migration = (i64, &'static str, &'static str);

pub(crate) const SQLITE: &[Migration] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/sqlite/0001_foundation.sql"),
    ),
    (
        2,
        "catalogue",
        include_str!("../migrations/sqlite/0002_catalogue.sql"),
    ),
    (
        3,
        "intake",
        include_str!("../migrations/sqlite/0003_intake.sql"),
    ),
    (
        4,
        "notice_totals",
        include_str!("../migrations/sqlite/0004_notice_totals.sql"),
    ),
    (
        5,
        "files",
        include_str!("../migrations/sqlite/0005_files.sql"),
    ),
    (
        6,
        "invoices",
        include_str!("../migrations/sqlite/0006_invoices.sql"),
    ),
];

pub(crate) const POSTGRES: &[Migration] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/postgres/0001_foundation.sql"),
    ),
    (
        2,
        "catalogue",
        include_str!("../migrations/postgres/0002_catalogue.sql"),
    ),
    (
        3,
        "intake",
        include_str!("../migrations/postgres/0003_intake.sql"),
    ),
    (
        4,
        "notice_totals",
        include_str!("../migrations/postgres/0004_notice_totals.sql"),
    ),
    (
        5,
        "files",
        include_str!("../migrations/postgres/0005_files.sql"),
    ),
    (
        6,
        "invoices",
        include_str!("../migrations/postgres/0006_invoices.sql"),
    ),
];

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
const CURRENT: &str = "SELECT CAST(COALESCE(MAX(version), 0) AS BIGINT) FROM schema_migrations";

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn newer_than_app(current: i64, known: &[Migration]) -> Result<()> {
    let latest = known.last().map_or(0, |m| m.0);
    if current > latest {
        return Err(StoreError::Migration(format!(
            "the database is at schema version {current}, newer than this program's {latest}: update Kofu Desk"
        )));
    }
    Ok(())
}

pub(crate) fn sqlite(c: &mut rusqlite::Connection, path: &Path) -> Result<()> {
    sqlite_with(c, path, SQLITE)
}

pub(crate) fn sqlite_with(
    c: &mut rusqlite::Connection,
    path: &Path,
    migrations: &[Migration],
) -> Result<()> {
    c.execute_batch(CREATE_TABLE)?;
    let current: i64 = c.query_row(CURRENT, [], |r| r.get(0))?;
    newer_than_app(current, migrations)?;
    if migrations.iter().all(|m| m.0 <= current) {
        return Ok(());
    }
    if current > 0 {
        c.backup(rusqlite::MAIN_DB, backup_path(path, current), None)?;
    }
    for (version, name, sql) in migrations {
        let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row(CURRENT, [], |r| r.get(0))?;
        if *version > current {
            tx.execute_batch(sql)
                .map_err(|e| StoreError::Migration(format!("{version} {name}: {e}")))?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![version, name, now()],
            )?;
        }
        tx.commit()?;
    }
    Ok(())
}

/// `kofu.sqlite3` at version 3 → `kofu.sqlite3.v3-20261126T134501.bak`, beside it.
fn backup_path(path: &Path, version: i64) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}-{stamp}.bak"));
    path.with_file_name(name)
}

/// An arbitrary key for the advisory lock that serialises migrations across desks.
const MIGRATION_LOCK: i64 = 0x6b6f_6675;

pub(crate) fn postgres(c: &mut postgres::Client) -> Result<()> {
    c.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])?;
    let result = postgres_locked(c);
    c.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])?;
    result
}

fn postgres_locked(c: &mut postgres::Client) -> Result<()> {
    c.batch_execute(CREATE_TABLE)?;
    let current: i64 = c.query_one(CURRENT, &[])?.get(0);
    newer_than_app(current, POSTGRES)?;
    for (version, name, sql) in POSTGRES.iter().filter(|m| m.0 > current) {
        let mut tx = c.transaction()?;
        tx.batch_execute(sql)
            .map_err(|e| StoreError::Migration(format!("{version} {name}: {e}")))?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            &[version, name, &now()],
        )?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row of `sql` as its integer and text values joined by spaces.
    fn rows_as_text(c: &rusqlite::Connection, sql: &str) -> Vec<String> {
        let mut q = c.prepare(sql).unwrap();
        let columns = q.column_count();
        q.query_map([], |r| {
            Ok((0..columns)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    v => v.as_str().unwrap().to_owned(),
                })
                .collect::<Vec<_>>()
                .join(" "))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
    }

    #[test]
    fn an_existing_database_is_backed_up_before_a_new_migration() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kofu.sqlite3");
        let v1: &[Migration] = &[(1, "one", "CREATE TABLE a (x INTEGER);")];
        let v2: &[Migration] = &[v1[0], (2, "two", "CREATE TABLE b (y INTEGER);")];
        let mut c = rusqlite::Connection::open(&path).unwrap();
        sqlite_with(&mut c, &path, v1).unwrap();
        c.execute("INSERT INTO a VALUES (42)", []).unwrap();
        let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        sqlite_with(&mut c, &path, v1).unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            before.len(),
            "no migration, no backup"
        );

        sqlite_with(&mut c, &path, v2).unwrap();
        let backup = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.to_string_lossy().contains(".v1-"))
            .expect("a backup named after the old version exists");
        let b = rusqlite::Connection::open(&backup).unwrap();
        let x: i64 = b.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42, "the backup holds the data as it was");
        let has_b: i64 = b
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(has_b, 0, "the backup predates migration 2");
    }

    #[test]
    fn notice_totals_are_filled_from_the_notices_already_stored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kofu.sqlite3");
        let mut c = rusqlite::Connection::open(&path).unwrap();
        let before_totals = SQLITE.iter().position(|m| m.1 == "notice_totals").unwrap();
        sqlite_with(&mut c, &path, &SQLITE[..before_totals]).unwrap();
        c.execute_batch(
            "INSERT INTO completion_notices (id, at, operator, store, kiosk, kind, copies, fee, commission, action, original_id) VALUES
             ('A1', '2026-06-01T06:30:00', '0001', '1', '01', '01', 1, 250, 117, 0, NULL),
             ('A2', '2026-06-01T22:59:00', '0001', '1', '01', '01', 2, 500, 234, 0, NULL),
             ('A3', '2026-06-02T10:00:00', '0002', '1', '01', '04', 1, 400, 117, 0, NULL),
             ('C1', '2026-06-02T11:00:00', '0001', '1', '01', '01', 1, 250, 117, 1, 'A1');",
        )
        .unwrap();
        sqlite_with(&mut c, &path, SQLITE).unwrap();
        let rows = rows_as_text(
            &c,
            "SELECT day, operator, kind, issuances, copies, fees, commissions, first_at, last_at FROM notice_totals ORDER BY day, operator, kind",
        );
        assert_eq!(
            rows,
            [
                "2026-06-01 0001 01 2 3 750 351 2026-06-01T06:30:00 2026-06-01T22:59:00",
                "2026-06-02 0002 04 1 1 400 117 2026-06-02T10:00:00 2026-06-02T10:00:00",
            ],
            "issuances only, cancelled ones included (reconciliation applies the changes)"
        );
    }

    #[test]
    fn attachments_kept_as_json_become_files_that_still_point_at_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kofu.sqlite3");
        let mut c = rusqlite::Connection::open(&path).unwrap();
        let before_files = SQLITE.iter().position(|m| m.1 == "files").unwrap();
        sqlite_with(&mut c, &path, &SQLITE[..before_files]).unwrap();
        c.execute_batch(
            r#"INSERT INTO correspondence (id, at, direction, category, subject, attachments, recorded_by) VALUES
             (7, '2026-11-20T15:00:00', 'received', 'suspension', '計画停止', '[{"name":"a.pdf","path":"correspondence/received-1/a.pdf","bytes":3,"sha256":"aa"},{"name":"b.pdf","path":"correspondence/received-1/b.pdf","bytes":4,"sha256":"bb"}]', 'clerk'),
             (8, '2026-11-21T09:00:00', 'sent', 'other', '連絡', '[]', 'clerk');"#,
        )
        .unwrap();
        sqlite_with(&mut c, &path, SQLITE).unwrap();
        let rows = rows_as_text(
            &c,
            "SELECT owner_kind, owner_id, position, name, bytes, sha256, legacy_path, content IS NULL FROM files ORDER BY position",
        );
        assert_eq!(
            rows,
            [
                "letter 7 0 a.pdf 3 aa correspondence/received-1/a.pdf 1",
                "letter 7 1 b.pdf 4 bb correspondence/received-1/b.pdf 1",
            ],
            "each attachment of each letter, in order, still on disk"
        );
        let columns: i64 = c
            .query_row(
                "SELECT COUNT(*) FROM pragma_table_info('correspondence') WHERE name = 'attachments'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            columns, 0,
            "the JSON column is gone: files has the only copy"
        );
    }

    #[test]
    fn a_database_newer_than_the_program_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.sqlite3");
        let mut c = rusqlite::Connection::open(&path).unwrap();
        let v2: &[Migration] = &[(1, "one", "SELECT 1;"), (2, "two", "SELECT 1;")];
        sqlite_with(&mut c, &path, v2).unwrap();
        let err = sqlite_with(&mut c, &path, &v2[..1]).unwrap_err();
        assert!(err.to_string().contains("newer than this program"), "{err}");
    }
}
