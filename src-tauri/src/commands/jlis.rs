//! The connection to J-LIS: its settings and secrets (the secrets only ever go to the OS
//! credential store), the connection test, and which server a pull talks to: the configured
//! one, or for the demo database the J-LIS simulator this process starts on loopback.

use kofu_api::jlis::{JlisSecret, JlisSettings, JlisSettingsInput};
use kofu_api::Desk;
use tauri::State;

use super::{as_actor, on_desk, refused, Reply};
use crate::AppState;

/// The demo simulator's URL when the database holds the demo data and no `KOFU_JLIS_URL` points
/// elsewhere (started on first use); `None` for a city's database.
pub(super) async fn demo_jlis(state: &AppState, command: &'static str) -> Reply<Option<String>> {
    let (demo, today) = on_desk(state, command, |desk| {
        Ok((desk.status()?.demo, desk.now().date()))
    })
    .await?;
    if !demo || std::env::var_os("KOFU_JLIS_URL").is_some() {
        return Ok(None);
    }
    state.demo_jlis_url(today).map(Some).map_err(|e| {
        refused(
            command,
            &kofu_api::Error::internal(format!("starting the demo J-LIS simulator failed: {e}")),
        )
    })
}

/// The demo simulator, or the configured server (settings, credential store, env overrides).
pub(super) fn jlis_connection(
    desk: &Desk,
    demo_url: Option<String>,
) -> kofu_api::Result<kofu_api::intake::JlisConnection> {
    match demo_url {
        Some(url) => Ok(kofu_api::intake::JlisConnection::new(
            url,
            kofu_jlis::client::Secret::new(kofu_api::monthly::DEMO_JLIS_TOKEN),
        )),
        None => desk.jlis_connection(),
    }
}

/// The J-LIS connection settings (never a secret, only whether it is set).
#[tauri::command]
pub async fn jlis_settings(state: State<'_, AppState>) -> Reply<JlisSettings> {
    as_actor(&state, "jlis_settings", |desk, actor| {
        desk.jlis_settings(actor)
    })
    .await
}

/// Saves the URL and certificate paths (admin).
#[tauri::command]
pub async fn set_jlis_settings(
    state: State<'_, AppState>,
    input: JlisSettingsInput,
) -> Reply<JlisSettings> {
    as_actor(&state, "set_jlis_settings", move |desk, actor| {
        desk.set_jlis_settings(actor, &input)
    })
    .await
}

/// Puts the token or the certificate's password into the OS credential store (admin). The value
/// goes nowhere else: not the database, not the log.
#[tauri::command]
pub async fn set_jlis_secret(
    state: State<'_, AppState>,
    which: JlisSecret,
    value: String,
) -> Reply<JlisSettings> {
    as_actor(&state, "set_jlis_secret", move |desk, actor| {
        desk.set_jlis_secret(actor, which, &kofu_jlis::client::Secret::new(value))
    })
    .await
}

/// Removes the token or the certificate's password from the OS credential store (admin).
#[tauri::command]
pub async fn clear_jlis_secret(
    state: State<'_, AppState>,
    which: JlisSecret,
) -> Reply<JlisSettings> {
    as_actor(&state, "clear_jlis_secret", move |desk, actor| {
        desk.clear_jlis_secret(actor, which)
    })
    .await
}

/// 接続テスト: fetches yesterday's notices without storing them.
#[tauri::command]
pub async fn test_jlis_connection(state: State<'_, AppState>) -> Reply<String> {
    let demo_url = demo_jlis(&state, "test_jlis_connection").await?;
    as_actor(&state, "test_jlis_connection", move |desk, actor| {
        desk.test_jlis_connection(actor, jlis_connection(desk, demo_url)?)
    })
    .await
}
