//! The business calendar: deadlines, a month's days, the city's closures and the national
//! holidays (the shipped list or a Cabinet Office CSV the clerk imports).

use kofu_api::calendar::{ClosureDto, DeadlinesPanel, HolidaySource, MonthCalendar};
use kofu_core::TargetMonth;
use tauri::State;

use super::{as_actor, on_desk, parse_date, Reply};
use crate::AppState;

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
