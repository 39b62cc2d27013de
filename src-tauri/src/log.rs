//! The shell's log: every refusal and every internal failure, with its command, its code and its
//! English line, so the clerk's 「詳細はログにあります」 points at something a colleague can read.
//!
//! One file a day, `<data folder>/logs/kofu-desk.YYYY-MM-DD.log` (the date is UTC's, the line
//! times are local), the last [`KEPT_FILES`] kept; the same lines go to stderr for a developer's
//! console. Lines are written as they happen, not through a background writer: the window's event
//! loop ends the process without unwinding, which would lose a buffered writer's last lines.
//! What is logged is decided where the event is raised (`commands::refused`), never a password
//! or secret: the errors do not carry one.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use tracing_appender::rolling::{InitError, RollingFileAppender, Rotation};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::time::ChronoLocal;
use tracing_subscriber::prelude::*;

/// How many daily files are kept; older ones are deleted when a new day's file starts.
pub const KEPT_FILES: usize = 30;

/// The folder of the log files inside the app's data folder.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// A subscriber writing info and above to the daily file under `data_dir` and to stderr.
pub fn subscriber(
    data_dir: &Path,
) -> Result<impl tracing::Subscriber + Send + Sync + 'static, InitError> {
    let file = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("kofu-desk")
        .filename_suffix("log")
        .max_log_files(KEPT_FILES)
        .build(folder(data_dir))?;
    Ok(tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(file)
                .with_ansi(false)
                .with_timer(ChronoLocal::rfc_3339()),
        )
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::stderr().is_terminal())
                .with_timer(ChronoLocal::rfc_3339()),
        )
        .with(LevelFilter::INFO))
}

/// Starts the log for the whole process, and logs panics too (a panicking command otherwise
/// leaves its reason on a console a Windows user does not have). If the folder cannot be
/// written, the log goes to stderr only and says why.
pub fn init(data_dir: &Path) {
    let installed = match subscriber(data_dir) {
        Ok(subscriber) => tracing::subscriber::set_global_default(subscriber).is_ok(),
        Err(error) => {
            let stderr_only = tracing_subscriber::fmt()
                .with_writer(std::io::stderr)
                .with_max_level(LevelFilter::INFO)
                .finish();
            let installed = tracing::subscriber::set_global_default(stderr_only).is_ok();
            tracing::error!(
                "the log folder {} cannot be written, logging to stderr only: {error}",
                folder(data_dir).display()
            );
            installed
        }
    };
    if installed {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |panic| {
            tracing::error!("panic: {panic}");
            default_hook(panic);
        }));
    }
}

/// An error code as the UI receives it (its serialised form), for the log line.
pub fn code_text(code: &impl serde::Serialize) -> String {
    match serde_json::to_value(code) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(error) => format!("<unserialisable code: {error}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of every log file under `data_dir`, with the files' names.
    fn written(data_dir: &Path) -> Vec<(String, String)> {
        std::fs::read_dir(folder(data_dir))
            .expect("the log folder exists")
            .map(|entry| {
                let path = entry.expect("a readable entry").path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).expect("a text file"))
            })
            .collect()
    }

    #[test]
    fn a_refusal_and_an_internal_failure_are_written_to_the_day_file_with_their_codes() {
        let data_dir = tempfile::tempdir().expect("a temporary data folder");
        let subscriber = subscriber(data_dir.path()).expect("the log folder can be created");
        tracing::subscriber::with_default(subscriber, || {
            crate::commands::refused("login", &kofu_api::Error::InvalidCredentials);
            crate::commands::refused(
                "pull_month",
                &kofu_api::Error::internal("the background task failed: boom"),
            );
        });

        let files = written(data_dir.path());
        assert_eq!(files.len(), 1, "one file for today: {files:?}");
        let (name, text) = &files[0];
        let today = chrono::Utc::now().date_naive().format("%Y-%m-%d");
        assert_eq!(
            name,
            &format!("kofu-desk.{today}.log"),
            "the file is named by its day"
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "one line per event: {text}");
        for expected in [
            "WARN",
            "refused: invalid user name or password",
            "command=login",
            "code=invalid_credentials",
        ] {
            assert!(
                lines[0].contains(expected),
                "the refusal's line has {expected:?}: {}",
                lines[0]
            );
        }
        for expected in [
            "ERROR",
            "failed: internal: the background task failed: boom",
            "command=pull_month",
            "code=internal",
        ] {
            assert!(
                lines[1].contains(expected),
                "the failure's line has {expected:?}: {}",
                lines[1]
            );
        }
        assert!(
            !text.contains('\u{1b}'),
            "the file has no terminal colour codes: {text}"
        );
    }

    #[test]
    fn a_failed_sign_in_is_logged_without_its_password() {
        let data_dir = tempfile::tempdir().expect("a temporary data folder");
        let url = format!("sqlite:{}", data_dir.path().join("kofu.sqlite3").display());
        let desk = crate::AppState::new(Some(url))
            .desk_slot()
            .get()
            .expect("an empty SQLite file opens");
        desk.load_demo().expect("the demo data loads");
        let password = "my-secret-guess-42";
        let error = desk
            .login("clerk", password)
            .expect_err("a wrong password is refused");

        let subscriber = subscriber(data_dir.path()).expect("the log folder can be created");
        tracing::subscriber::with_default(subscriber, || {
            crate::commands::refused("login", &error);
        });
        let (_, text) = &written(data_dir.path())[0];
        assert!(
            text.contains("code=invalid_credentials"),
            "the refusal is logged: {text}"
        );
        assert!(
            !text.contains(password),
            "the password never reaches the log: {text}"
        );
    }

    #[test]
    fn a_code_is_logged_as_the_ui_receives_it() {
        let body = kofu_api::Error::Unauthenticated.body();
        assert_eq!(code_text(&body.code), "unauthenticated");
    }
}
