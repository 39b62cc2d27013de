//! The Tauri commands: one per use case the UI calls, each a thin door to `kofu-api`.
//!
//! A command takes its arguments, runs the use case on a blocking thread (the store and argon2
//! block), and turns a refusal into the IPC shape `{code, message, field}` in one place,
//! [`refused`], which also writes the English line to the log. No rule is decided here; commands
//! that act for a member of staff only add the signed-in [`Actor`] from the app state, or answer
//! `unauthenticated` when nobody is signed in.

use kofu_api::calendar::{ClosureDto, DeadlinesPanel, HolidaySource, MonthCalendar};
use kofu_api::catalogue::{ChangeRequestDto, LetterDto, ReceivedLetterInput};
use kofu_api::dto::{
    AppStatus, CodeCheck, Dashboard, FirstAdminInput, LoginInput, NewUserInput, SessionDto, UserDto,
};
use kofu_api::intake::{Reconciliation, Settlement};
use kofu_api::jlis::{JlisSecret, JlisSettings, JlisSettingsInput};
use kofu_api::monthly::{
    FileImport, ImportRecord, MasterNames, MonthIntake, MonthPull, TrendPoint,
};
use kofu_api::progress::ProgressSnapshot;
use kofu_api::{Actor, Desk, ErrorBody, FirstAdmin};
use kofu_core::catalogue::{
    Availability, CatalogueEntry, Change, FeeRule, ServiceHours, Suspension,
};
use kofu_core::{MunicipalityCode, MunicipalityProfile, Role, TargetMonth};
use tauri::State;

use crate::AppState;

pub(crate) type Reply<T> = Result<T, ErrorBody>;

/// The one place a use-case error becomes what the UI receives; logs the English line (which
/// never contains a password: `kofu_api::Error` does not carry one).
fn refused(command: &str, error: &kofu_api::Error) -> ErrorBody {
    eprintln!("kofu-desk: {command} refused ({}): {error}", error.code());
    error.body()
}

/// Runs `work` on the open database in a blocking task.
async fn on_desk<T: Send + 'static>(
    state: &AppState,
    command: &'static str,
    work: impl FnOnce(&Desk) -> kofu_api::Result<T> + Send + 'static,
) -> Reply<T> {
    let desk = state.desk_slot();
    let outcome = tauri::async_runtime::spawn_blocking(move || work(&desk.get()?)).await;
    match outcome {
        Ok(result) => result.map_err(|error| refused(command, &error)),
        Err(panic) => {
            // A bug, not a refusal: the clerk gets the generic internal message.
            eprintln!("kofu-desk: {command} panicked: {panic}");
            Err(ErrorBody {
                code: "internal".into(),
                message: "予期しないエラーが発生しました。管理者に連絡してください（詳細はログにあります）。".into(),
                field: None,
            })
        }
    }
}

/// Like [`on_desk`], for use cases done by the signed-in member of staff.
pub(crate) async fn as_actor<T: Send + 'static>(
    state: &AppState,
    command: &'static str,
    work: impl FnOnce(&Desk, &Actor) -> kofu_api::Result<T> + Send + 'static,
) -> Reply<T> {
    let Some(actor) = state.actor() else {
        return Err(refused(command, &kofu_api::Error::Unauthenticated));
    };
    on_desk(state, command, move |desk| work(desk, &actor)).await
}

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

/// The current and next monthly cycles with their deadlines, for the dashboard.
#[tauri::command]
pub async fn deadlines_panel(state: State<'_, AppState>) -> Reply<DeadlinesPanel> {
    as_actor(&state, "deadlines_panel", |desk, actor| {
        desk.deadlines_panel(actor)
    })
    .await
}

/// Every day of `month` (`YYYY-MM`) with its holiday, closure and deadlines.
#[tauri::command]
pub async fn month_calendar(state: State<'_, AppState>, month: String) -> Reply<MonthCalendar> {
    as_actor(&state, "month_calendar", move |desk, actor| {
        desk.month_calendar(actor, TargetMonth::parse(&month)?)
    })
    .await
}

#[tauri::command]
pub async fn list_closures(state: State<'_, AppState>) -> Reply<Vec<ClosureDto>> {
    as_actor(&state, "list_closures", |desk, actor| desk.closures(actor)).await
}

/// Adds a closure of the city's offices on `date` (`YYYY-MM-DD`).
#[tauri::command]
pub async fn add_closure(
    state: State<'_, AppState>,
    date: String,
    reason: String,
) -> Reply<ClosureDto> {
    as_actor(&state, "add_closure", move |desk, actor| {
        desk.add_closure(actor, parse_date(&date)?, &reason)
    })
    .await
}

#[tauri::command]
pub async fn remove_closure(state: State<'_, AppState>, date: String) -> Reply<()> {
    as_actor(&state, "remove_closure", move |desk, actor| {
        desk.remove_closure(actor, parse_date(&date)?)
    })
    .await
}

/// Where the national holidays come from (the shipped list or an imported one).
#[tauri::command]
pub async fn holiday_source(state: State<'_, AppState>) -> Reply<HolidaySource> {
    on_desk(&state, "holiday_source", |desk| desk.holiday_source()).await
}

/// Replaces the national holidays with the Cabinet Office CSV the clerk chose (raw bytes, CP932
/// or UTF-8: the core decodes and checks them).
#[tauri::command]
pub async fn import_holidays(state: State<'_, AppState>, csv: Vec<u8>) -> Reply<HolidaySource> {
    as_actor(&state, "import_holidays", move |desk, actor| {
        desk.import_holidays(actor, &csv)
    })
    .await
}

/// Reads a `YYYY-MM-DD` date argument (the UI's date pickers send this form).
fn parse_date(text: &str) -> kofu_api::Result<chrono::NaiveDate> {
    Ok(kofu_core::input::parse_date("date", text)?)
}

/// Every certificate kind with the fee and commission in force on `on` (`YYYY-MM-DD`, default today).
#[tauri::command]
pub async fn catalogue_list(
    state: State<'_, AppState>,
    on: Option<String>,
) -> Reply<Vec<CatalogueEntry>> {
    on_desk(&state, "catalogue_list", move |desk| {
        let day = on
            .as_deref()
            .map(parse_date)
            .transpose()?
            .unwrap_or_else(|| desk.now().date());
        desk.catalogue_list(day)
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
        let day = on
            .as_deref()
            .map(parse_date)
            .transpose()?
            .unwrap_or_else(|| desk.now().date());
        desk.service_hours(day)
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

/// Reads a `YYYY-MM-DDTHH:MM[:SS]` argument.
fn parse_datetime(text: &str) -> kofu_api::Result<chrono::NaiveDateTime> {
    Ok(kofu_core::input::parse_datetime("at", text)?)
}

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

/// The demo simulator's URL when the database holds the demo data and no `KOFU_JLIS_URL` points
/// elsewhere (started on first use); `None` for a city's database.
async fn demo_jlis(state: &AppState, command: &'static str) -> Reply<Option<String>> {
    let desk = state.desk_slot();
    let (demo, today) = tauri::async_runtime::spawn_blocking(move || {
        let desk = desk.get()?;
        Ok::<_, kofu_api::Error>((desk.status()?.demo, desk.now().date()))
    })
    .await
    .map_err(|_| refused(command, &kofu_api::Error::Unauthenticated))?
    .map_err(|e| refused(command, &e))?;
    if !demo || std::env::var_os("KOFU_JLIS_URL").is_some() {
        return Ok(None);
    }
    state.demo_jlis_url(today).map(Some).map_err(|e| {
        refused(
            command,
            &kofu_api::Error::Store(kofu_store::StoreError::Io(e)),
        )
    })
}

/// The demo simulator, or the configured server (settings, credential store, env overrides).
fn jlis_connection(
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
