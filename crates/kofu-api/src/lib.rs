//! The use cases of Kofu Desk: one function per thing a member of staff does, over the store.
//!
//! The desktop shell (`src-tauri`), the `kofu` command and the tests all call these functions, so
//! a rule or a role check written here holds on every front. Each use case authorises the actor
//! against the role matrix of `kofu-core` (re-reading the account, so a role change or lock takes
//! effect at once), does its work in one transaction and appends to the audit trail in that same
//! transaction. Nothing here knows about Tauri or the terminal.

mod audit;
pub mod calendar;
pub mod catalogue;
pub mod documents;
pub mod dto;
mod error;
pub mod intake;
pub mod invoices;
pub mod jlis;
pub mod monthly;
mod profile;
pub mod progress;
mod session;
mod setup;
mod staff;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{NaiveDateTime, Utc};
use kofu_core::clock::Clock;
use kofu_core::{Action, Role};
use kofu_store::{DatabaseUrl, Sql, Store};

pub use error::{Error, ErrorBody, ErrorCode, ErrorDetail, Result};
pub use setup::{check_code, FirstAdmin, DEMO_PASSWORD};

/// The wall clock in Japan Standard Time (UTC+9; Japan has no daylight saving).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        (Utc::now() + chrono::Duration::hours(9)).naive_utc()
    }
}

/// The clock of a front: `KOFU_NOW` (`YYYY-MM-DDTHH:MM[:SS]`, Japan time) pins it, for training
/// ("work as on the 10th") and tests; otherwise the wall clock.
pub fn clock_from_env() -> Result<Arc<dyn Clock>> {
    match std::env::var("KOFU_NOW") {
        Ok(s) => Ok(Arc::new(kofu_core::clock::FixedClock(
            kofu_core::input::parse_datetime("KOFU_NOW", &s)?,
        ))),
        Err(_) => Ok(Arc::new(SystemClock)),
    }
}

/// A signed-in member of staff. Only [`Desk::login`] and setup make one, so holding an `Actor`
/// proves the password was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    id: i64,
    name: String,
    role: Role,
}

impl Actor {
    pub fn id(&self) -> i64 {
        self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn role(&self) -> Role {
        self.role
    }
}

/// The city's desk: the store plus the clock. Cheap to clone.
#[derive(Clone)]
pub struct Desk {
    store: Arc<Store>,
    clock: Arc<dyn Clock>,
    /// Where versions before schema 5 kept attachments and generated documents; read only to
    /// move such a file into the database ([`kofu_store::files::adopt`]).
    files: PathBuf,
}

impl Desk {
    /// Opens (and migrates) the database at `url`.
    pub fn open(url: &DatabaseUrl, clock: Arc<dyn Clock>) -> Result<Self> {
        Ok(Self::from_store(Store::open(url)?, clock))
    }

    /// Older versions kept files beside an SQLite database (`kofu.sqlite3` → `kofu.files/`), or
    /// in the data folder for a shared database.
    pub fn from_store(store: Store, clock: Arc<dyn Clock>) -> Self {
        let files = match store.url() {
            DatabaseUrl::Sqlite(p) => p.with_extension("files"),
            DatabaseUrl::Postgres(_) => kofu_store::data_dir().join("files"),
        };
        Self {
            store: Arc::new(store),
            clock,
            files,
        }
    }

    /// Looks for the files of older versions under `dir` instead.
    pub fn with_files_dir(mut self, dir: PathBuf) -> Self {
        self.files = dir;
        self
    }

    pub fn files_dir(&self) -> &std::path::Path {
        &self.files
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    /// Runs `work` in one transaction.
    fn tx<T>(&self, work: impl FnOnce(&mut dyn Sql) -> Result<T>) -> Result<T> {
        self.store.transaction(work)
    }
}

/// Re-reads the actor's account and checks that its current role may do `action`.
fn authorize(tx: &mut dyn Sql, actor: &Actor, action: Action) -> Result<Role> {
    let account = kofu_store::staff::by_id(tx, actor.id)?.ok_or(Error::Unauthenticated)?;
    if !account.active || account.locked {
        return Err(Error::Unauthenticated);
    }
    account.role.ensure(action)?;
    Ok(account.role)
}

/// Appends an audit entry in the caller's transaction.
fn record(
    tx: &mut dyn Sql,
    now: NaiveDateTime,
    actor: &str,
    action: &str,
    target: &str,
    summary: serde_json::Value,
) -> Result<()> {
    let summary = summary.to_string();
    kofu_store::audit::append(
        tx,
        &kofu_store::audit::NewEntry {
            at: now,
            actor,
            action,
            target,
            summary: &summary,
        },
    )?;
    Ok(())
}
