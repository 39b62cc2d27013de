//! What the shell remembers between commands: the opened database and the signed-in member of
//! staff. The session lives only in this process (closing the window signs out); who may do what
//! is still checked by `kofu-api` on every call, against the account as it is stored.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use kofu_api::{Actor, Desk, SystemClock};
use kofu_store::DatabaseUrl;

/// The managed state of the app.
pub struct AppState {
    desk: Arc<DeskSlot>,
    session: Mutex<Option<Actor>>,
}

impl AppState {
    /// `database_url` is the configured URL, if any; otherwise the default SQLite file is used.
    pub fn new(database_url: Option<String>) -> Self {
        Self {
            desk: Arc::new(DeskSlot {
                database_url,
                desk: Mutex::new(None),
            }),
            session: Mutex::new(None),
        }
    }

    /// A handle to the database that can move into a blocking task.
    pub fn desk_slot(&self) -> Arc<DeskSlot> {
        Arc::clone(&self.desk)
    }

    /// The signed-in member of staff, if any.
    pub fn actor(&self) -> Option<Actor> {
        self.session().clone()
    }

    pub fn sign_in(&self, actor: Actor) {
        *self.session() = Some(actor);
    }

    pub fn sign_out(&self) {
        *self.session() = None;
    }

    fn session(&self) -> MutexGuard<'_, Option<Actor>> {
        // The guarded value is a plain `Option`, valid even if a holder panicked.
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The database, opened on first use and kept open. An attempt that failed is retried by the next
/// command, so the clerk can fix the cause (a server that was down) and press retry.
pub struct DeskSlot {
    database_url: Option<String>,
    desk: Mutex<Option<Desk>>,
}

impl DeskSlot {
    /// The open database, opening (and migrating) it first if needed. Blocks: call it from a
    /// blocking task.
    pub fn get(&self) -> kofu_api::Result<Desk> {
        let mut desk = self.desk.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(desk) = desk.as_ref() {
            return Ok(desk.clone());
        }
        let url = match &self.database_url {
            Some(url) => DatabaseUrl::parse(url)?,
            None => DatabaseUrl::default_sqlite(),
        };
        let opened = Desk::open(&url, Arc::new(SystemClock))?;
        *desk = Some(opened.clone());
        Ok(opened)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_database_url_is_reported_and_retried_not_cached() {
        let slot = DeskSlot {
            database_url: Some("mysql://nope".into()),
            desk: Mutex::new(None),
        };
        let first = slot.get().err().expect("a MySQL URL is refused");
        assert_eq!(
            first.body().code,
            "internal",
            "the clerk sees a generic failure, the log has the detail"
        );
        assert!(
            first.to_string().contains("neither sqlite"),
            "the English log line says what is wrong: {first}"
        );
        assert!(
            slot.get().is_err(),
            "a failed open is tried again, not remembered as open"
        );
    }

    #[test]
    fn the_database_opens_once_and_is_shared() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite:{}", dir.path().join("kofu.sqlite3").display());
        let slot = DeskSlot {
            database_url: Some(url),
            desk: Mutex::new(None),
        };
        let desk = slot.get().expect("an empty SQLite file opens");
        assert!(
            !desk.status().expect("status of a new database").initialized,
            "a new database needs setup"
        );
        assert!(
            slot.get().is_ok(),
            "the second call reuses the open database"
        );
    }
}
