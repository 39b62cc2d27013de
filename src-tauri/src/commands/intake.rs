//! The month's J-LIS data: importing a file or pulling the month from J-LIS's server (one at a
//! time, with progress and cancel), then reconciliation, settlement and the import history.

use kofu_api::intake::{Reconciliation, Settlement};
use kofu_api::monthly::{
    FileImport, ImportRecord, MasterNames, MonthIntake, MonthPull, TrendPoint,
};
use kofu_api::progress::ProgressSnapshot;
use kofu_core::TargetMonth;
use tauri::State;

use super::jlis::{demo_jlis, jlis_connection};
use super::{as_actor, refused, Reply};
use crate::AppState;

/// Where a month's intake stands (statement, notices).
#[tauri::command]
pub async fn month_intake(state: State<'_, AppState>, month: String) -> Reply<MonthIntake> {
    as_actor(&state, "month_intake", move |desk, actor| {
        desk.month_intake(actor, TargetMonth::parse(&month)?)
    })
    .await
}

/// Imports a file dropped on the 取込・照合 screen. The web view sends the file's bytes as the
/// raw request body (no JSON copy of a large file, no file-system access granted to the UI).
#[tauri::command]
pub async fn import_file(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Reply<FileImport> {
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(refused(
            "import_file",
            &kofu_api::Error::Validation(kofu_core::DomainError::new(
                "file",
                "ファイルの内容を受け取れませんでした。",
                "import_file expects the file's bytes as a raw body",
            )),
        ));
    };
    let bytes = bytes.clone();
    let guard = state
        .begin_import()
        .map_err(|e| refused("import_file", &e))?;
    let progress = guard.progress();
    as_actor(&state, "import_file", move |desk, actor| {
        desk.import_file(actor, &bytes, &progress)
    })
    .await
}

/// Pulls a month from J-LIS's server (the demo database pulls from the demo simulator).
#[tauri::command]
pub async fn pull_month(state: State<'_, AppState>, month: String) -> Reply<MonthPull> {
    let guard = state
        .begin_import()
        .map_err(|e| refused("pull_month", &e))?;
    let progress = guard.progress();
    let demo_url = demo_jlis(&state, "pull_month").await?;
    as_actor(&state, "pull_month", move |desk, actor| {
        let connection = jlis_connection(desk, demo_url)?;
        desk.pull_month(actor, TargetMonth::parse(&month)?, connection, &progress)
    })
    .await
}

/// The running import's progress (the UI polls it while an import or pull runs).
#[tauri::command]
pub async fn import_progress(state: State<'_, AppState>) -> Reply<Option<ProgressSnapshot>> {
    Ok(state.import_progress())
}

/// Asks the running import or pull to stop; it rolls back and stores nothing.
#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>) -> Reply<bool> {
    Ok(state.cancel_import())
}

/// The month's reconciliation: differences, out-of-hours issuances, commission findings.
#[tauri::command]
pub async fn reconcile_month(state: State<'_, AppState>, month: String) -> Reply<Reconciliation> {
    as_actor(&state, "reconcile_month", move |desk, actor| {
        desk.reconcile(actor, TargetMonth::parse(&month)?)
    })
    .await
}

/// The month's settlement by operator and kind.
#[tauri::command]
pub async fn settlement(state: State<'_, AppState>, month: String) -> Reply<Settlement> {
    as_actor(&state, "settlement", move |desk, actor| {
        desk.settlement(actor, TargetMonth::parse(&month)?)
    })
    .await
}

/// The 12 months ending with `month`, oldest first.
#[tauri::command]
pub async fn settlement_trend(state: State<'_, AppState>, month: String) -> Reply<Vec<TrendPoint>> {
    as_actor(&state, "settlement_trend", move |desk, actor| {
        desk.settlement_trend(actor, TargetMonth::parse(&month)?, 12)
    })
    .await
}

/// The newest imports and pulls.
#[tauri::command]
pub async fn import_history(state: State<'_, AppState>) -> Reply<Vec<ImportRecord>> {
    as_actor(&state, "import_history", |desk, actor| {
        desk.import_history(actor, 20)
    })
    .await
}

/// The operators' and certificate kinds' names.
#[tauri::command]
pub async fn master_names(state: State<'_, AppState>) -> Reply<MasterNames> {
    as_actor(&state, "master_names", |desk, actor| {
        desk.master_names(actor)
    })
    .await
}
