//! The Kofu Desk desktop shell: builds the Tauri app around the `kofu-api` use cases.
//!
//! It starts the [`log`], wires the app state (where the data lives and who is signed in),
//! registers the commands of [`commands`] (the handler list expands from `commands/list.rs`, the
//! list `build.rs` declares and grants too) and loads `tauri.conf.json` from the repository root.
//! It holds no business rule: every decision is made by `kofu-api` and `kofu-core`, the commands
//! only carry requests across.

mod commands;
mod log;
mod state;

pub use state::AppState;

use tauri::Manager;

/// The environment variable naming the database (`sqlite:<path>` or `postgres://…`). Without it
/// the embedded SQLite file in the app's data folder is used (`KOFU_DATA_DIR` moves that folder).
pub const DATABASE_URL_VAR: &str = "KOFU_DATABASE_URL";

/// The invoke handler of the commands in `commands/list.rs`.
macro_rules! invoke_handler {
    ($($module:ident::$command:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$module::$command),*]
    };
}

/// Builds and runs the app until its last window closes. With `--demo`, an empty database is
/// first filled with the demo data (the README's "start with demo data" command).
pub fn run() -> tauri::Result<()> {
    log::init(&kofu_store::data_dir());
    let state = AppState::new(std::env::var(DATABASE_URL_VAR).ok());
    if std::env::args().any(|a| a == "--demo") {
        load_demo_if_empty(&state);
    }
    tauri::Builder::default()
        .manage(state)
        .setup(|app| {
            // Open (and migrate) the database while the window loads, so the first screen does not
            // wait for it; a failure is logged here and reported again by `app_status`, which lets
            // the UI show it and offer a retry instead of the app dying before any window appears.
            let desk = app.state::<AppState>().desk_slot();
            tauri::async_runtime::spawn_blocking(move || {
                if let Err(error) = desk.get() {
                    let code = log::code_text(&error.body().code);
                    tracing::error!(code = %code, "opening the database failed: {error}");
                }
            });
            Ok(())
        })
        .invoke_handler(commands::with_app_commands!(invoke_handler))
        .run(tauri::generate_context!("../tauri.conf.json"))
}

fn load_demo_if_empty(state: &AppState) {
    let loaded = state.desk_slot().get().and_then(|desk| {
        if desk.status()?.initialized {
            return Ok(false);
        }
        desk.load_demo()?;
        desk.load_demo_history(kofu_api::monthly::DEMO_HISTORY_MONTHS)?;
        Ok(true)
    });
    match loaded {
        // The demo password is the README's; a log never carries one, even a published one.
        Ok(true) => tracing::info!(
            "--demo: demo data loaded (users admin, clerk, supervisor, helpdesk; password in the README)"
        ),
        Ok(false) => tracing::info!("--demo: the database already has data; left as it is"),
        Err(error) => tracing::error!("--demo: loading the demo data failed: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The commands of `commands/list.rs`, as (module, command).
    fn listed() -> Vec<(String, String)> {
        macro_rules! pairs {
            ($($module:ident::$command:ident),* $(,)?) => {
                vec![$((stringify!($module).to_owned(), stringify!($command).to_owned())),*]
            };
        }
        crate::commands::with_app_commands!(pairs)
    }

    /// The `#[tauri::command]` functions of every module under `src/commands/`.
    fn defined() -> Vec<(String, String)> {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
        let mut defined = Vec::new();
        for entry in std::fs::read_dir(&folder).expect("src/commands is readable") {
            let path = entry.expect("a readable entry").path();
            let module = path.file_stem().unwrap().to_string_lossy().into_owned();
            let source = std::fs::read_to_string(&path).expect("a source file");
            for after in source.split("#[tauri::command]").skip(1) {
                let name = after
                    .split("pub async fn ")
                    .nth(1)
                    .expect("a command is a `pub async fn`");
                let name = &name[..name.find(['(', '<']).expect("a parameter list")];
                defined.push((module.clone(), name.to_owned()));
            }
        }
        defined
    }

    #[test]
    fn the_command_list_names_exactly_the_commands_defined_in_their_modules() {
        let mut listed = listed();
        let mut defined = defined();
        listed.sort();
        defined.sort();
        assert_eq!(
            listed, defined,
            "an unlisted command cannot be called or granted; a listed one must exist"
        );
    }

    #[test]
    fn the_main_window_is_granted_every_listed_command_in_order_and_nothing_of_the_core() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json"))
                .expect("main.json is JSON");
        assert_eq!(capability["identifier"], "main");
        assert_eq!(
            capability["windows"],
            serde_json::json!(["main"]),
            "the capability is for the main window only"
        );
        let granted: Vec<&str> = capability["permissions"]
            .as_array()
            .expect("a permission list")
            .iter()
            .map(|p| p.as_str().expect("permissions are plain identifiers"))
            .collect();
        let expected: Vec<String> = listed()
            .iter()
            .map(|(_, command)| format!("allow-{}", command.replace('_', "-")))
            .collect();
        assert_eq!(
            granted, expected,
            "capabilities/main.json is generated by build.rs from commands/list.rs: \
             each listed command is granted, in order, and nothing else"
        );
    }
}
