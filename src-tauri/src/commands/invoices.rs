//! 精算・請求: the month's invoice (請求書) and its steps, the 請求書 and 精算書 PDFs and the
//! month's Excel workbook (`kofu_api::invoices`). Documents cross as raw bytes.

use kofu_api::invoices::InvoiceDto;
use kofu_core::money::Yen;
use kofu_core::TargetMonth;
use tauri::ipc::Response;
use tauri::State;

use super::{as_actor, parse_date, Reply};
use crate::AppState;

/// Every invoice, or those of `month` (`YYYY-MM`); the latest first.
#[tauri::command]
pub async fn list_invoices(
    state: State<'_, AppState>,
    month: Option<String>,
) -> Reply<Vec<InvoiceDto>> {
    as_actor(&state, "list_invoices", move |desk, actor| {
        let month = month.as_deref().map(TargetMonth::parse).transpose()?;
        desk.invoices(actor, month)
    })
    .await
}

/// 起案 of the month's invoice from its finalized statement.
#[tauri::command]
pub async fn draft_invoice(state: State<'_, AppState>, month: String) -> Reply<InvoiceDto> {
    as_actor(&state, "draft_invoice", move |desk, actor| {
        desk.draft_invoice(actor, TargetMonth::parse(&month)?)
    })
    .await
}

/// 承認 (another supervisor than the drafter).
#[tauri::command]
pub async fn approve_invoice(state: State<'_, AppState>, id: i64) -> Reply<InvoiceDto> {
    as_actor(&state, "approve_invoice", move |desk, actor| {
        desk.approve_invoice(actor, id)
    })
    .await
}

/// 差戻し with a reason.
#[tauri::command]
pub async fn return_invoice(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> Reply<InvoiceDto> {
    as_actor(&state, "return_invoice", move |desk, actor| {
        desk.return_invoice(actor, id, &reason)
    })
    .await
}

/// 送付日登録: `on` is `YYYY-MM-DD`.
#[tauri::command]
pub async fn mark_invoice_sent(
    state: State<'_, AppState>,
    id: i64,
    on: String,
) -> Reply<InvoiceDto> {
    as_actor(&state, "mark_invoice_sent", move |desk, actor| {
        desk.mark_invoice_sent(actor, id, parse_date(&on)?)
    })
    .await
}

/// 入金登録: `on` is `YYYY-MM-DD`, `amount` as the clerk typed it (`1,234`).
#[tauri::command]
pub async fn mark_invoice_paid(
    state: State<'_, AppState>,
    id: i64,
    on: String,
    amount: String,
) -> Reply<InvoiceDto> {
    as_actor(&state, "mark_invoice_paid", move |desk, actor| {
        desk.mark_invoice_paid(actor, id, parse_date(&on)?, Yen::parse(&amount)?)
    })
    .await
}

/// 訂正請求: a new draft replacing `id`, with a reason.
#[tauri::command]
pub async fn correct_invoice(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> Reply<InvoiceDto> {
    as_actor(&state, "correct_invoice", move |desk, actor| {
        desk.correct_invoice(actor, id, &reason)
    })
    .await
}

/// The 請求書 PDF of an approved (or later) invoice, as raw bytes.
#[tauri::command]
pub async fn invoice_pdf(state: State<'_, AppState>, id: i64) -> Reply<Response> {
    as_actor(&state, "invoice_pdf", move |desk, actor| {
        Ok(Response::new(desk.invoice_pdf(actor, id)?.contents))
    })
    .await
}

/// The 精算書 PDF of a finalized month, as raw bytes.
#[tauri::command]
pub async fn settlement_statement_pdf(
    state: State<'_, AppState>,
    month: String,
) -> Reply<Response> {
    as_actor(&state, "settlement_statement_pdf", move |desk, actor| {
        let month = TargetMonth::parse(&month)?;
        Ok(Response::new(
            desk.settlement_statement_pdf(actor, month)?.contents,
        ))
    })
    .await
}

/// The month's Excel workbook (.xlsx), as raw bytes.
#[tauri::command]
pub async fn settlement_export(state: State<'_, AppState>, month: String) -> Reply<Response> {
    as_actor(&state, "settlement_export", move |desk, actor| {
        Ok(Response::new(
            desk.settlement_export(actor, TargetMonth::parse(&month)?)?,
        ))
    })
    .await
}
