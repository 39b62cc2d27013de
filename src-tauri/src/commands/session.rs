//! Getting in: the app's status, the first setup (a city and its administrator, or the demo),
//! signing in and out. The session itself lives in [`AppState`]; `kofu-api` checks the password.

use kofu_api::dto::{AppStatus, CodeCheck, FirstAdminInput, LoginInput, SessionDto};
use kofu_api::FirstAdmin;
use kofu_core::{MunicipalityCode, MunicipalityProfile};
use tauri::State;

use super::{on_desk, Reply};
use crate::AppState;

/// Whether the app is set up, where the data lives, and who is signed in.
#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Reply<AppStatus> {
    let actor = state.actor();
    on_desk(&state, "app_status", move |desk| {
        let mut status = desk.status()?;
        status.session = actor.map(|actor| desk.session(&actor)).transpose()?;
        Ok(status)
    })
    .await
}

/// Checks a 地方公共団体コード while it is typed (no database, no session).
#[tauri::command]
pub async fn check_code(code: String) -> CodeCheck {
    kofu_api::check_code(&code)
}

/// Creates the city and its first administrator on an empty database, and signs them in.
#[tauri::command]
pub async fn setup_first_admin(
    state: State<'_, AppState>,
    input: FirstAdminInput,
) -> Reply<SessionDto> {
    let (actor, session) = on_desk(&state, "setup_first_admin", move |desk| {
        let code = MunicipalityCode::parse(&input.code).map_err(kofu_api::Error::from)?;
        let city = MunicipalityProfile::new_for(code, &input.municipality_name);
        let admin = FirstAdmin {
            name: &input.admin_name,
            display_name: &input.admin_display_name,
            password: &input.password,
        };
        let actor = desk.init(&admin, Some(&city))?;
        let session = desk.session(&actor)?;
        Ok((actor, session))
    })
    .await?;
    state.sign_in(actor);
    Ok(session)
}

/// Fills an empty database with the demo city and one account per role.
#[tauri::command]
pub async fn start_with_demo(state: State<'_, AppState>) -> Reply<AppStatus> {
    on_desk(&state, "start_with_demo", |desk| {
        desk.load_demo()?;
        desk.load_demo_history(kofu_api::monthly::DEMO_HISTORY_MONTHS)?;
        desk.status()
    })
    .await
}

/// Signs in. Any earlier session ends first, so a failed attempt never leaves someone else in.
#[tauri::command]
pub async fn login(state: State<'_, AppState>, input: LoginInput) -> Reply<SessionDto> {
    state.sign_out();
    let (actor, session) = on_desk(&state, "login", move |desk| {
        let actor = desk.login(&input.name, &input.password)?;
        let session = desk.session(&actor)?;
        Ok((actor, session))
    })
    .await?;
    state.sign_in(actor);
    Ok(session)
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> Reply<()> {
    state.sign_out();
    Ok(())
}
