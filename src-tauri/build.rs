//! Build script of the desktop shell: reads `../tauri.conf.json` (the one config of the app, kept
//! at the repository root) and declares every app command, so Tauri generates an `allow-<command>`
//! permission for each and the capability files can grant them one by one. A command missing from
//! this list cannot be granted, so the web view cannot call it.

/// Every `#[tauri::command]` in `src/commands.rs` and `src/documents_commands.rs`, in the order of the handler list in `lib.rs`.
const COMMANDS: &[&str] = &[
    "app_status",
    "check_code",
    "setup_first_admin",
    "start_with_demo",
    "login",
    "logout",
    "dashboard",
    "get_profile",
    "update_profile",
    "list_users",
    "add_user",
    "set_user_role",
    "unlock_user",
    "deadlines_panel",
    "month_calendar",
    "list_closures",
    "add_closure",
    "remove_closure",
    "holiday_source",
    "import_holidays",
    "catalogue_list",
    "fee_history",
    "service_hours",
    "service_available",
    "list_suspensions",
    "record_suspension",
    "draft_change",
    "change_requests",
    "approve_change",
    "return_change",
    "correspondence",
    "record_received",
    "month_intake",
    "import_file",
    "pull_month",
    "import_progress",
    "cancel_import",
    "reconcile_month",
    "settlement",
    "settlement_trend",
    "import_history",
    "master_names",
    "jlis_settings",
    "set_jlis_settings",
    "set_jlis_secret",
    "clear_jlis_secret",
    "test_jlis_connection",
    "document_numbers",
    "set_number_template",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
