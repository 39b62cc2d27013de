//! Persistence for Kofu Desk: one repository API, two backends.
//!
//! The repositories ([`profile`], [`staff`], [`audit`], [`settings`], [`files`], [`invoices`],
//! …) are written once, as functions over [`Sql`], a minimal executor that both backends
//! implement: SQLite through `rusqlite` (the embedded default, a file in the OS data folder) and PostgreSQL through
//! `postgres` (several desks on one server). SQL is written in the common dialect with `$n`
//! placeholders, numbered in order of first use. Business rules and role checks are not here:
//! they live in `kofu-core` and are applied by the use cases in `kofu-api`.

mod backend;
mod migrate;
mod value;

pub mod audit;
pub mod calendar;
pub mod catalogue;
pub mod files;
pub mod intake;
pub mod invoices;
pub mod master;
pub mod profile;
pub mod settings;
pub mod staff;
#[cfg(feature = "testing")]
pub mod testing;

pub use backend::{data_dir, BackendKind, DatabaseUrl, Store};
pub use value::{Row, Value};

/// Something the database said no to, or could not do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unique constraint violated: {0}")]
    Unique(String),
    #[error("database URL '{0}' is neither sqlite:<path> nor postgres://…")]
    BadUrl(String),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("unexpected value in column {column}: {detail}")]
    Decode { column: usize, detail: String },
    #[error("sqlite: {0}")]
    Sqlite(rusqlite::Error),
    #[error("postgres: {0}")]
    Postgres(postgres::Error),
    /// A file over [`files::MAX_BYTES`]; `name` as the clerk knows it.
    #[error("file '{name}' has {bytes} bytes, over the limit of {limit}")]
    FileTooLarge {
        name: String,
        bytes: u64,
        limit: u64,
    },
    /// A file stored before migration 0005 that is not (or no longer) in this desk's files
    /// folder, or whose contents no longer match.
    #[error("file '{name}' is not in the database and not found on disk at {path:?}")]
    FileMissing { name: String, path: Option<String> },
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, msg)
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
            {
                StoreError::Unique(msg.clone().unwrap_or_default())
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        if e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION) {
            return StoreError::Unique(e.to_string());
        }
        StoreError::Postgres(e)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A parameter borrowed from the caller, for [`Sql::execute_ref`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// The executor every repository function takes: one open transaction on either backend.
pub trait Sql {
    fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64>;
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>>;
    fn kind(&self) -> BackendKind;

    /// [`Sql::execute`] with borrowed parameters: for a statement run many times over many
    /// values (an import's batches), nothing is copied to make the call.
    fn execute_ref(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64>;

    fn query_opt(&mut self, sql: &str, params: &[Value]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }
}

/// `$first, $first + 1, …`: `count` numbered parameters, for an `IN (…)` list or one row of a
/// multi-row `VALUES`.
pub(crate) fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `($1, …, $width), ($width + 1, …), …`: the `VALUES` of `rows` rows of `width` parameters.
pub(crate) fn values_rows(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", placeholders(r * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Builds a `&[Value]` from anything convertible: `params![name, 3, None::<String>]`.
#[macro_export]
macro_rules! params {
    ($($v:expr),* $(,)?) => { &[$($crate::Value::from($v)),*][..] };
}
