//! What the shell remembers between commands: the opened database and the signed-in member of
//! staff. The session lives only in this process (closing the window signs out); who may do what
//! is still checked by `kofu-api` on every call, against the account as it is stored.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use kofu_api::progress::{Progress, ProgressSnapshot};
use kofu_api::{Actor, Desk};
use kofu_store::DatabaseUrl;

/// The managed state of the app.
pub struct AppState {
    desk: Arc<DeskSlot>,
    session: Mutex<Option<Actor>>,
    /// The import or pull running now, whose progress the UI polls and may cancel.
    import: Mutex<Option<Arc<Progress>>>,
    /// The demo's J-LIS simulator on loopback, started on the first pull of a demo database.
    demo_jlis: Mutex<Option<String>>,
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
            import: Mutex::new(None),
            demo_jlis: Mutex::new(None),
        }
    }

    /// Registers a new import or pull; refused while another one runs (one connection, one
    /// transaction at a time). The returned guard unregisters it when the work ends.
    pub fn begin_import(&self) -> kofu_api::Result<ImportGuard<'_>> {
        let mut slot = lock(&self.import);
        if slot.is_some() {
            return Err(kofu_api::Error::conflict(
                "別の取り込みを実行中です。終わるまでお待ちください。",
                "another import is running",
            ));
        }
        let progress = Arc::new(Progress::new());
        *slot = Some(Arc::clone(&progress));
        Ok(ImportGuard {
            state: self,
            progress,
        })
    }

    /// The running import's progress, if any.
    pub fn import_progress(&self) -> Option<ProgressSnapshot> {
        lock(&self.import).as_ref().map(|p| p.snapshot())
    }

    /// Asks the running import to stop; false when none runs.
    pub fn cancel_import(&self) -> bool {
        lock(&self.import).as_ref().map(|p| p.cancel()).is_some()
    }

    /// The demo simulator's base URL, starting it on first use. It serves the same made-up city
    /// as the demo history ([`kofu_api::monthly::DEMO_JLIS_SEED`]), up to `today`.
    pub fn demo_jlis_url(&self, today: chrono::NaiveDate) -> std::io::Result<String> {
        let mut url = lock(&self.demo_jlis);
        if let Some(url) = url.as_ref() {
            return Ok(url.clone());
        }
        let config = kofu_jlis_sim::SimConfig {
            municipality: kofu_core::MunicipalityProfile::chiba_demo().code,
            token: kofu_api::monthly::DEMO_JLIS_TOKEN.into(),
            seed: kofu_api::monthly::DEMO_JLIS_SEED,
            scale: kofu_api::monthly::DEMO_JLIS_SCALE,
            finalized_from_day: 10,
            today,
        };
        let started = kofu_jlis_sim::spawn_on_loopback(config, kofu_jlis_sim::Faults::new())?;
        tracing::info!("demo J-LIS simulator serving at {started}");
        *url = Some(started.clone());
        Ok(started)
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

/// Locks a mutex whose value stays valid even if a holder panicked.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An import registered with [`AppState::begin_import`]; unregisters it when dropped.
pub struct ImportGuard<'a> {
    state: &'a AppState,
    progress: Arc<Progress>,
}

impl ImportGuard<'_> {
    pub fn progress(&self) -> Arc<Progress> {
        Arc::clone(&self.progress)
    }
}

impl Drop for ImportGuard<'_> {
    fn drop(&mut self) {
        *lock(&self.state.import) = None;
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
        let opened = Desk::open(&url, kofu_api::clock_from_env()?)?;
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
            crate::log::code_text(&first.body().code),
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
