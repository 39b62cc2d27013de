//! The staff accounts: listing them, adding one, changing a role, unlocking a locked account
//! (an administrator's work, checked by `kofu-api`).

use kofu_api::dto::{NewUserInput, UserDto};
use kofu_core::Role;
use tauri::State;

use super::{as_actor, Reply};
use crate::AppState;

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> Reply<Vec<UserDto>> {
    as_actor(&state, "list_users", |desk, actor| desk.users(actor)).await
}

#[tauri::command]
pub async fn add_user(state: State<'_, AppState>, input: NewUserInput) -> Reply<UserDto> {
    as_actor(&state, "add_user", move |desk, actor| {
        desk.add_user(actor, &input)
    })
    .await
}

#[tauri::command]
pub async fn set_user_role(state: State<'_, AppState>, name: String, role: Role) -> Reply<UserDto> {
    as_actor(&state, "set_user_role", move |desk, actor| {
        desk.set_role(actor, &name, role)
    })
    .await
}

#[tauri::command]
pub async fn unlock_user(state: State<'_, AppState>, name: String) -> Reply<UserDto> {
    as_actor(&state, "unlock_user", move |desk, actor| {
        desk.unlock_user(actor, &name)
    })
    .await
}
