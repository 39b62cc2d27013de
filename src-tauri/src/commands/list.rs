// The one list of the app's commands, as `module::command` under `src/commands/`. Adding a
// command is one line here (plus the function and its UI call): `lib.rs` expands the invoke
// handler from this list and `build.rs` declares the commands to Tauri and writes
// `capabilities/main.json` from it. This file is `include!`d by both, so it holds only the macro
// (no `//!` doc: an included file cannot carry inner attributes).

/// Calls the macro `$then` with every app command, in the order the capability file grants them.
macro_rules! with_app_commands {
    ($then:ident) => {
        $then! {
            session::app_status,
            session::check_code,
            session::setup_first_admin,
            session::start_with_demo,
            session::login,
            session::logout,
            profile::dashboard,
            profile::get_profile,
            profile::update_profile,
            staff::list_users,
            staff::add_user,
            staff::set_user_role,
            staff::unlock_user,
            calendar::deadlines_panel,
            calendar::month_calendar,
            calendar::list_closures,
            calendar::add_closure,
            calendar::remove_closure,
            calendar::holiday_source,
            calendar::import_holidays,
            catalogue::catalogue_list,
            catalogue::fee_history,
            catalogue::service_hours,
            catalogue::service_available,
            catalogue::list_suspensions,
            catalogue::record_suspension,
            catalogue::draft_change,
            catalogue::change_requests,
            catalogue::approve_change,
            catalogue::return_change,
            catalogue::correspondence,
            catalogue::record_received,
            catalogue::letter_attachment,
            intake::month_intake,
            intake::import_file,
            intake::pull_month,
            intake::import_progress,
            intake::cancel_import,
            intake::reconcile_month,
            intake::settlement,
            intake::settlement_trend,
            intake::import_history,
            intake::master_names,
            jlis::jlis_settings,
            jlis::set_jlis_settings,
            jlis::set_jlis_secret,
            jlis::clear_jlis_secret,
            jlis::test_jlis_connection,
            documents::document_numbers,
            documents::set_number_template,
        }
    };
}
