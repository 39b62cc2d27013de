//! The Kofu Desk desktop shell: builds the Tauri app around the `kofu-api` use cases.
//!
//! It wires the app state (where the data lives and who is signed in), registers the commands of
//! [`commands`] and loads `tauri.conf.json` from the repository root. It holds no business rule:
//! every decision is made by `kofu-api` and `kofu-core`, the commands only carry requests across.

mod commands;
mod documents_commands;
mod state;

pub use state::AppState;

use tauri::Manager;

/// The environment variable naming the database (`sqlite:<path>` or `postgres://…`). Without it
/// the embedded SQLite file in the app's data folder is used (`KOFU_DATA_DIR` moves that folder).
pub const DATABASE_URL_VAR: &str = "KOFU_DATABASE_URL";

/// Builds and runs the app until its last window closes. With `--demo`, an empty database is
/// first filled with the demo data (the README's "start with demo data" command).
pub fn run() -> tauri::Result<()> {
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
                    eprintln!("kofu-desk: opening the database failed: {error}");
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::check_code,
            commands::setup_first_admin,
            commands::start_with_demo,
            commands::login,
            commands::logout,
            commands::dashboard,
            commands::get_profile,
            commands::update_profile,
            commands::list_users,
            commands::add_user,
            commands::set_user_role,
            commands::unlock_user,
            commands::deadlines_panel,
            commands::month_calendar,
            commands::list_closures,
            commands::add_closure,
            commands::remove_closure,
            commands::holiday_source,
            commands::import_holidays,
            commands::catalogue_list,
            commands::fee_history,
            commands::service_hours,
            commands::service_available,
            commands::list_suspensions,
            commands::record_suspension,
            commands::draft_change,
            commands::change_requests,
            commands::approve_change,
            commands::return_change,
            commands::correspondence,
            commands::record_received,
            commands::month_intake,
            commands::import_file,
            commands::pull_month,
            commands::import_progress,
            commands::cancel_import,
            commands::reconcile_month,
            commands::settlement,
            commands::settlement_trend,
            commands::import_history,
            commands::master_names,
            commands::jlis_settings,
            commands::set_jlis_settings,
            commands::set_jlis_secret,
            commands::clear_jlis_secret,
            commands::test_jlis_connection,
            documents_commands::document_numbers,
            documents_commands::set_number_template,
        ])
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
        Ok(true) => eprintln!(
            "kofu-desk: demo data loaded (users admin, clerk, supervisor, helpdesk; password {})",
            kofu_api::DEMO_PASSWORD
        ),
        Ok(false) => eprintln!("kofu-desk: --demo: the database already has data; left as it is"),
        Err(error) => eprintln!("kofu-desk: --demo: loading the demo data failed: {error}"),
    }
}

#[cfg(test)]
mod tests {
    /// The command names declared in `build.rs` (the lines between `COMMANDS` and `];`).
    fn declared_commands() -> Vec<String> {
        let build = include_str!("../build.rs");
        let start = build
            .find("const COMMANDS")
            .expect("build.rs declares COMMANDS");
        let list = &build[start
            ..build[start..]
                .find("];")
                .map(|end| start + end)
                .expect("the list ends")];
        list.lines()
            .filter_map(|line| {
                line.trim()
                    .strip_prefix('"')?
                    .strip_suffix("\",")
                    .map(str::to_owned)
            })
            .collect()
    }

    /// The names of the `#[tauri::command]` functions in `commands.rs` and
    /// `documents_commands.rs`.
    fn defined_commands() -> Vec<String> {
        let source = [
            include_str!("commands.rs"),
            include_str!("documents_commands.rs"),
        ]
        .concat();
        source
            .split("#[tauri::command]")
            .skip(1)
            .map(|after| {
                let name = after
                    .split("pub async fn ")
                    .nth(1)
                    .expect("a command is a `pub async fn`");
                name[..name.find(['(', '<']).expect("a parameter list")].to_owned()
            })
            .collect()
    }

    #[test]
    fn build_rs_declares_exactly_the_commands_of_commands_rs() {
        let mut declared = declared_commands();
        let mut defined = defined_commands();
        declared.sort();
        defined.sort();
        assert_eq!(
            declared, defined,
            "an undeclared command cannot be granted; a declared one must exist"
        );
        let handler = include_str!("lib.rs");
        for command in &defined {
            assert!(
                handler.contains(&format!("commands::{command},\n")),
                "{command} is missing from the invoke handler in lib.rs"
            );
        }
    }

    #[test]
    fn the_main_window_is_granted_every_declared_command_and_nothing_of_the_core() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json"))
                .expect("main.json is JSON");
        assert_eq!(
            capability["windows"],
            serde_json::json!(["main"]),
            "the capability is for the main window only"
        );
        let granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("a permission list")
            .iter()
            .map(|p| {
                p.as_str()
                    .expect("permissions are plain identifiers")
                    .to_owned()
            })
            .collect();
        let expected: Vec<String> = declared_commands()
            .iter()
            .map(|command| format!("allow-{}", command.replace('_', "-")))
            .collect();
        assert_eq!(
            granted, expected,
            "each declared command is granted, in order, and nothing else"
        );
    }
}
