//! 設定 > 文書番号: the number template of each kind of document (`kofu_api::documents`).

use kofu_api::documents::DocumentNumberSetting;
use tauri::State;

use super::{as_actor, Reply};
use crate::AppState;

#[tauri::command]
pub async fn document_numbers(state: State<'_, AppState>) -> Reply<Vec<DocumentNumberSetting>> {
    as_actor(&state, "document_numbers", |desk, actor| {
        desk.document_numbers(actor)
    })
    .await
}

#[tauri::command]
pub async fn set_number_template(
    state: State<'_, AppState>,
    kind: String,
    template: String,
) -> Reply<DocumentNumberSetting> {
    as_actor(&state, "set_number_template", move |desk, actor| {
        desk.set_number_template(actor, &kind, &template)
    })
    .await
}
