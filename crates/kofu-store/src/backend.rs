//! The two backends and the [`Store`] handle that owns one connection to either.
//!
//! A desktop has one user at a time, so one connection behind a mutex is enough for both
//! backends; every unit of work is one transaction ([`Store::transaction`]). SQLite runs in WAL
//! mode with a busy timeout and `BEGIN IMMEDIATE`, so two processes on the same file (the app
//! and a scheduled `kofu` job) queue instead of failing.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use postgres::types::{IsNull, ToSql, Type};
use postgres::NoTls;

use crate::value::{Row, Value};
use crate::{migrate, Param, Result, Sql, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

/// Where the data lives, parsed from `sqlite:<path>` or `postgres://…`.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self> {
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() {
                return Err(StoreError::BadUrl(url.into()));
            }
            Ok(Self::Sqlite(PathBuf::from(path)))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.into()))
        } else {
            Err(StoreError::BadUrl(redact(url)))
        }
    }

    /// The embedded database in the OS data folder (`KOFU_DATA_DIR` overrides the folder, so
    /// development and tests never touch a clerk's real data).
    pub fn default_sqlite() -> Self {
        Self::Sqlite(data_dir().join("kofu.sqlite3"))
    }

    /// A human-readable location with any password removed.
    pub fn location(&self) -> String {
        match self {
            Self::Sqlite(p) => p.display().to_string(),
            Self::Postgres(url) => redact(url),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.location())
    }
}

/// The app's data folder: `KOFU_DATA_DIR`, else the OS data folder (`%APPDATA%\KofuDesk` on
/// Windows, `~/.local/share/KofuDesk` on Linux).
pub fn data_dir() -> PathBuf {
    std::env::var_os("KOFU_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("KofuDesk")))
        .unwrap_or_else(|| PathBuf::from("KofuDesk"))
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.into();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.into();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.into(),
    }
}

enum Connection {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

/// An open database: the only way to reach data. Cheap to share behind an `Arc`.
pub struct Store {
    conn: Mutex<Connection>,
    url: DatabaseUrl,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `url`. For SQLite, the file is
    /// copied aside before a migration changes an existing schema.
    pub fn open(url: &DatabaseUrl) -> Result<Self> {
        let conn = match url {
            DatabaseUrl::Sqlite(path) => {
                let mut c = open_sqlite(path)?;
                migrate::sqlite(&mut c, path)?;
                Connection::Sqlite(c)
            }
            DatabaseUrl::Postgres(u) => {
                let mut c = postgres::Client::connect(u, NoTls)?;
                migrate::postgres(&mut c)?;
                Connection::Postgres(c)
            }
        };
        Ok(Self {
            conn: Mutex::new(conn),
            url: url.clone(),
        })
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    pub fn kind(&self) -> BackendKind {
        match self.url {
            DatabaseUrl::Sqlite(_) => BackendKind::Sqlite,
            DatabaseUrl::Postgres(_) => BackendKind::Postgres,
        }
    }

    /// Runs `work` in one transaction: committed if it returns `Ok`, rolled back otherwise.
    pub fn transaction<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&mut dyn Sql) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let mut guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        match &mut *guard {
            Connection::Sqlite(c) => {
                let tx = c
                    .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                    .map_err(StoreError::from)?;
                let mut exec = SqliteTx(&tx);
                let out = work(&mut exec)?;
                tx.commit().map_err(StoreError::from)?;
                Ok(out)
            }
            Connection::Postgres(c) => {
                let mut tx = c.transaction().map_err(StoreError::from)?;
                let out = work(&mut PostgresTx(&mut tx))?;
                tx.commit().map_err(StoreError::from)?;
                Ok(out)
            }
        }
    }

    /// A consistent copy of an SQLite database to `dest` (online backup API).
    pub fn backup_sqlite(&self, dest: &Path) -> Result<()> {
        let guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        match &*guard {
            Connection::Sqlite(c) => Ok(c.backup(rusqlite::MAIN_DB, dest, None)?),
            Connection::Postgres(_) => Err(StoreError::Migration(
                "backups of a shared PostgreSQL database are made on the server (pg_dump)".into(),
            )),
        }
    }
}

fn open_sqlite(path: &Path) -> Result<rusqlite::Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let c = rusqlite::Connection::open(path)?;
    c.busy_timeout(Duration::from_secs(10))?;
    c.pragma_update(None, "journal_mode", "WAL")?;
    c.pragma_update(None, "synchronous", "NORMAL")?;
    c.pragma_update(None, "foreign_keys", "ON")?;
    Ok(c)
}

struct SqliteTx<'a>(&'a rusqlite::Transaction<'a>);

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

impl Sql for SqliteTx<'_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let mut stmt = self.0.prepare_cached(sql)?;
        Ok(stmt.execute(rusqlite::params_from_iter(params))? as u64)
    }

    fn execute_ref(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        let mut stmt = self.0.prepare_cached(sql)?;
        if stmt.parameter_count() != params.len() {
            return Err(rusqlite::Error::InvalidParameterCount(
                params.len(),
                stmt.parameter_count(),
            )
            .into());
        }
        for (i, p) in params.iter().enumerate() {
            match *p {
                Param::Null => stmt.raw_bind_parameter(i + 1, rusqlite::types::Null)?,
                Param::Int(v) => stmt.raw_bind_parameter(i + 1, v)?,
                Param::Text(t) => stmt.raw_bind_parameter(i + 1, t)?,
                Param::Bytes(b) => stmt.raw_bind_parameter(i + 1, b)?,
            }
        }
        Ok(stmt.raw_execute()? as u64)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        use rusqlite::types::ValueRef;
        let mut stmt = self.0.prepare_cached(sql)?;
        let n = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let mut values = Vec::with_capacity(n);
            for i in 0..n {
                values.push(match r.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(v) => Value::Int(v),
                    ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
                    ValueRef::Real(f) => {
                        return Err(StoreError::Decode {
                            column: i,
                            detail: format!("real {f}"),
                        })
                    }
                });
            }
            out.push(Row(values));
        }
        Ok(out)
    }

    fn kind(&self) -> BackendKind {
        BackendKind::Sqlite
    }
}

struct PostgresTx<'a, 'b>(&'a mut postgres::Transaction<'b>);

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
                _ => Err(format!("cannot bind an integer to a {ty} parameter").into()),
            },
            Value::Text(s) => s.as_str().to_sql(ty, out),
            Value::Bytes(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(i) => Value::Int(i).to_sql(ty, out),
            Param::Text(s) => s.to_sql(ty, out),
            Param::Bytes(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl Sql for PostgresTx<'_, '_> {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as _).collect();
        Ok(self.0.execute(sql, &refs)?)
    }

    fn execute_ref(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as _).collect();
        Ok(self.0.execute(sql, &refs)?)
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as _).collect();
        let rows = self.0.query(sql, &refs)?;
        rows.iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| {
                        let ty = r.columns()[i].type_();
                        Ok(match *ty {
                            Type::INT8 => {
                                r.get::<_, Option<i64>>(i).map_or(Value::Null, Value::Int)
                            }
                            Type::INT4 => r
                                .get::<_, Option<i32>>(i)
                                .map_or(Value::Null, |v| Value::Int(v.into())),
                            Type::INT2 => r
                                .get::<_, Option<i16>>(i)
                                .map_or(Value::Null, |v| Value::Int(v.into())),
                            Type::BOOL => r
                                .get::<_, Option<bool>>(i)
                                .map_or(Value::Null, |v| Value::Int(v.into())),
                            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => r
                                .get::<_, Option<String>>(i)
                                .map_or(Value::Null, Value::Text),
                            Type::BYTEA => r
                                .get::<_, Option<Vec<u8>>>(i)
                                .map_or(Value::Null, Value::Bytes),
                            _ => {
                                return Err(StoreError::Decode {
                                    column: i,
                                    detail: format!("unsupported column type {ty}; cast it in SQL"),
                                })
                            }
                        })
                    })
                    .collect::<Result<Vec<_>>>()
                    .map(Row)
            })
            .collect()
    }

    fn kind(&self) -> BackendKind {
        BackendKind::Postgres
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_parsed_and_passwords_never_shown() {
        assert_eq!(
            DatabaseUrl::parse("sqlite:/tmp/k.db").unwrap(),
            DatabaseUrl::Sqlite("/tmp/k.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/k.db").unwrap(),
            DatabaseUrl::Sqlite("/tmp/k.db".into())
        );
        let pg = DatabaseUrl::parse("postgres://kofu:s3cret@db.city.local:5432/kofu").unwrap();
        assert_eq!(pg.location(), "postgres://kofu:***@db.city.local:5432/kofu");
        assert!(
            !format!("{pg:?}").contains("s3cret"),
            "Debug must not leak the password"
        );
        let err = DatabaseUrl::parse("mysql://a:pw@b/c")
            .unwrap_err()
            .to_string();
        assert!(
            !err.contains("pw@"),
            "errors must not leak the password: {err}"
        );
    }
}
