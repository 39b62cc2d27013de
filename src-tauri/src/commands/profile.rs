//! The city's own page: the dashboard and the municipality profile (name, contacts, bank
//! account). Who may read or change it is `kofu-api`'s decision.

use kofu_api::dto::Dashboard;
use kofu_core::MunicipalityProfile;
use tauri::State;

use super::{as_actor, Reply};
use crate::AppState;

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> Reply<Dashboard> {
    as_actor(&state, "dashboard", |desk, actor| desk.dashboard(actor)).await
}

#[tauri::command]
pub async fn get_profile(state: State<'_, AppState>) -> Reply<MunicipalityProfile> {
    as_actor(&state, "get_profile", |desk, actor| desk.profile(actor)).await
}

#[tauri::command]
pub async fn update_profile(
    state: State<'_, AppState>,
    profile: MunicipalityProfile,
) -> Reply<MunicipalityProfile> {
    as_actor(&state, "update_profile", move |desk, actor| {
        desk.update_profile(actor, profile)
    })
    .await
}
