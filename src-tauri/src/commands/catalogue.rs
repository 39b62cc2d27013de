//! The certificate catalogue and what changes it: fees and commissions in force, service hours
//! and suspensions, change requests (起案, 決裁, 差戻し) and the correspondence with J-LIS.

use kofu_api::catalogue::{ChangeRequestDto, LetterDto, ReceivedLetterInput};
use kofu_core::catalogue::{
    Availability, CatalogueEntry, Change, FeeRule, ServiceHours, Suspension,
};
use tauri::State;

use super::{as_actor, day_or_today, on_desk, parse_date, parse_datetime, Reply};
use crate::AppState;

/// Every certificate kind with the fee and commission in force on `on` (`YYYY-MM-DD`, default today).
#[tauri::command]
pub async fn catalogue_list(
    state: State<'_, AppState>,
    on: Option<String>,
) -> Reply<Vec<CatalogueEntry>> {
    on_desk(&state, "catalogue_list", move |desk| {
        desk.catalogue_list(day_or_today(desk, on.as_deref())?)
    })
    .await
}

/// The fee rules of one kind, oldest first.
#[tauri::command]
pub async fn fee_history(state: State<'_, AppState>, kind: String) -> Reply<Vec<FeeRule>> {
    on_desk(&state, "fee_history", move |desk| desk.fee_history(&kind)).await
}

/// The service hours in force on `on` (default today).
#[tauri::command]
pub async fn service_hours(state: State<'_, AppState>, on: Option<String>) -> Reply<ServiceHours> {
    on_desk(&state, "service_hours", move |desk| {
        desk.service_hours(day_or_today(desk, on.as_deref())?)
    })
    .await
}

/// Whether `kind` can be issued at a store at `at` (`YYYY-MM-DDTHH:MM`), and why not.
#[tauri::command]
pub async fn service_available(
    state: State<'_, AppState>,
    kind: String,
    at: String,
) -> Reply<Availability> {
    on_desk(&state, "service_available", move |desk| {
        desk.available(&kind, parse_datetime(&at)?)
    })
    .await
}

#[tauri::command]
pub async fn list_suspensions(state: State<'_, AppState>) -> Reply<Vec<Suspension>> {
    on_desk(&state, "list_suspensions", |desk| desk.suspensions()).await
}

/// Records a planned maintenance or an emergency stop (the core checks 第8条).
#[tauri::command]
pub async fn record_suspension(
    state: State<'_, AppState>,
    suspension: Suspension,
) -> Reply<Suspension> {
    as_actor(&state, "record_suspension", move |desk, actor| {
        desk.record_suspension(actor, suspension)
    })
    .await
}

/// 起案: drafts a change to take effect on `from` (`YYYY-MM-DD`).
#[tauri::command]
pub async fn draft_change(
    state: State<'_, AppState>,
    what: Change,
    from: String,
) -> Reply<ChangeRequestDto> {
    as_actor(&state, "draft_change", move |desk, actor| {
        desk.draft_change(actor, what, parse_date(&from)?)
    })
    .await
}

#[tauri::command]
pub async fn change_requests(state: State<'_, AppState>) -> Reply<Vec<ChangeRequestDto>> {
    as_actor(&state, "change_requests", |desk, actor| {
        desk.change_requests(actor)
    })
    .await
}

/// 決裁 (four-eyes and roles are checked by the core).
#[tauri::command]
pub async fn approve_change(state: State<'_, AppState>, id: i64) -> Reply<ChangeRequestDto> {
    as_actor(&state, "approve_change", move |desk, actor| {
        desk.approve_change(actor, id)
    })
    .await
}

/// 差戻し with a reason.
#[tauri::command]
pub async fn return_change(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> Reply<ChangeRequestDto> {
    as_actor(&state, "return_change", move |desk, actor| {
        desk.return_change(actor, id, &reason)
    })
    .await
}

/// The correspondence log with J-LIS, newest first.
#[tauri::command]
pub async fn correspondence(state: State<'_, AppState>) -> Reply<Vec<LetterDto>> {
    as_actor(&state, "correspondence", |desk, actor| {
        desk.correspondence(actor)
    })
    .await
}

/// A file the clerk attached (read in the web view; no file-system access is granted to it).
#[derive(serde::Deserialize)]
pub struct UploadedFile {
    name: String,
    bytes: Vec<u8>,
}

/// Records a notice received from J-LIS with its attachments.
#[tauri::command]
pub async fn record_received(
    state: State<'_, AppState>,
    input: ReceivedLetterInput,
    files: Vec<UploadedFile>,
) -> Reply<LetterDto> {
    as_actor(&state, "record_received", move |desk, actor| {
        let files: Vec<(String, Vec<u8>)> = files.into_iter().map(|f| (f.name, f.bytes)).collect();
        desk.record_received(actor, &input, &files)
    })
    .await
}

/// One file of a letter, by its place in the letter's list, as raw bytes (no JSON copy of a
/// large file); the UI saves it under the name it lists.
#[tauri::command]
pub async fn letter_attachment(
    state: State<'_, AppState>,
    letter_id: i64,
    index: u32,
) -> Reply<tauri::ipc::Response> {
    as_actor(&state, "letter_attachment", move |desk, actor| {
        Ok(tauri::ipc::Response::new(
            desk.attachment(actor, letter_id, index)?.contents,
        ))
    })
    .await
}
