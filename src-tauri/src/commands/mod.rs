//! The Tauri commands: one per use case the UI calls, each a thin door to `kofu-api`, in one
//! module per feature (the same split as `kofu-api`'s). Which commands exist is said once, in
//! `list.rs`: the invoke handler, `build.rs`'s declarations and the capability file follow it.
//!
//! A command takes its arguments, runs the use case on a blocking thread (the store and argon2
//! block) and turns every error into the IPC shape `{code, message, field}` in one place,
//! [`refused`], which also writes the English line to the log; a background task that failed is
//! an internal error like any other. No rule is decided here; commands that act for a member of
//! staff only add the signed-in [`Actor`] from the app state, or answer `unauthenticated` when
//! nobody is signed in.

use kofu_api::{Actor, Desk, ErrorBody};

use crate::AppState;

pub mod calendar;
pub mod catalogue;
pub mod documents;
pub mod intake;
pub mod invoices;
pub mod jlis;
pub mod profile;
pub mod session;
pub mod staff;

include!("list.rs");
pub(crate) use with_app_commands;

type Reply<T> = Result<T, ErrorBody>;

/// The one place an error becomes what the UI receives. Logs the command, the code and the
/// English line: a warning for a refusal, an error for an internal failure (never a password:
/// `kofu_api::Error` does not carry one).
pub(crate) fn refused(command: &str, error: &kofu_api::Error) -> ErrorBody {
    let body = error.body();
    let code = crate::log::code_text(&body.code);
    if error.is_refusal() {
        tracing::warn!(command = %command, code = %code, "refused: {error}");
    } else {
        tracing::error!(command = %command, code = %code, "failed: {error}");
    }
    body
}

/// Runs `work` on the open database in a blocking task.
async fn on_desk<T: Send + 'static>(
    state: &AppState,
    command: &'static str,
    work: impl FnOnce(&Desk) -> kofu_api::Result<T> + Send + 'static,
) -> Reply<T> {
    let desk = state.desk_slot();
    let outcome = tauri::async_runtime::spawn_blocking(move || work(&desk.get()?)).await;
    outcome
        // A bug (the task panicked) or a runtime shutting down, never a refusal.
        .unwrap_or_else(|failed| {
            Err(kofu_api::Error::internal(format!(
                "the background task failed: {failed}"
            )))
        })
        .map_err(|error| refused(command, &error))
}

/// Like [`on_desk`], for use cases done by the signed-in member of staff.
async fn as_actor<T: Send + 'static>(
    state: &AppState,
    command: &'static str,
    work: impl FnOnce(&Desk, &Actor) -> kofu_api::Result<T> + Send + 'static,
) -> Reply<T> {
    let Some(actor) = state.actor() else {
        return Err(refused(command, &kofu_api::Error::Unauthenticated));
    };
    on_desk(state, command, move |desk| work(desk, &actor)).await
}

/// Reads a `YYYY-MM-DD` date argument (the UI's date pickers send this form).
fn parse_date(text: &str) -> kofu_api::Result<chrono::NaiveDate> {
    Ok(kofu_core::input::parse_date("date", text)?)
}

/// Reads a `YYYY-MM-DDTHH:MM[:SS]` argument.
fn parse_datetime(text: &str) -> kofu_api::Result<chrono::NaiveDateTime> {
    Ok(kofu_core::input::parse_datetime("at", text)?)
}

/// Reads an optional `YYYY-MM-DD` argument; `None` is the database's today.
fn day_or_today(desk: &Desk, on: Option<&str>) -> kofu_api::Result<chrono::NaiveDate> {
    Ok(on
        .map(parse_date)
        .transpose()?
        .unwrap_or_else(|| desk.now().date()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_task_is_an_internal_error_logged_as_one_not_a_refusal() {
        let data_dir = tempfile::tempdir().expect("a temporary data folder");
        let url = format!("sqlite:{}", data_dir.path().join("kofu.sqlite3").display());
        let state = AppState::new(Some(url));
        let subscriber = crate::log::subscriber(data_dir.path()).expect("the log folder");
        let reply = tracing::subscriber::with_default(subscriber, || {
            tauri::async_runtime::block_on(on_desk(
                &state,
                "dashboard",
                |_| -> kofu_api::Result<()> { panic!("a bug in a use case") },
            ))
        });

        let body = reply.expect_err("a panicked task is no success");
        assert_eq!(
            body,
            kofu_api::Error::internal("any detail").body(),
            "the clerk gets the one internal error, built like every other"
        );
        let log = std::fs::read_dir(crate::log::folder(data_dir.path()))
            .expect("the log folder exists")
            .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
            .collect::<String>();
        assert!(
            log.contains("ERROR")
                && log.contains("command=dashboard")
                && log.contains("code=internal")
                && log.contains("the background task failed"),
            "the failure is logged as an internal error: {log}"
        );
    }
}
