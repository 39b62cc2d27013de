//! The `kofu-desk` executable: starts the desktop shell built in `lib.rs`. Nothing else lives here,
//! so the shell stays testable as a library.

// Release builds on Windows are GUI programs: no console window behind the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = kofu_desk::run() {
        // The log is open by now (`run` starts it first), so this reaches the day's file too.
        tracing::error!("the window could not be started: {error}");
        std::process::exit(1);
    }
}
