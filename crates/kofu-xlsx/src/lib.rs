//! Kofu Desk's Excel export: a month's settlement figures as an `.xlsx` workbook for the city's
//! accounting system (財務会計システム), written with `rust_xlsxwriter`.
//!
//! Three sheets with Japanese headers — 合計 (the month's totals), 事業者別 (by operator) and
//! 証明書別 (by certificate kind) — and every figure a number, not text, in a yen number format,
//! so the accountant can add them up. Codes stay text so 「01」 keeps its zero. Plain data in,
//! bytes out: this crate settles nothing and writes no file; the caller saves the bytes.

use chrono::{Datelike, NaiveDateTime, Timelike};
use kofu_core::calendar::wareki;
use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::TargetMonth;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The number format of every amount: 「¥1,234,567」, negatives in red with a minus sign.
pub const YEN_FORMAT: &str = "\"¥\"#,##0;[Red]\"¥\"\\-#,##0";
/// The number format of counts (通数).
pub const COUNT_FORMAT: &str = "#,##0";

/// Sheet names, in order.
pub const SHEETS: [&str; 3] = ["合計", "事業者別", "証明書別"];

/// One operator's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorRow {
    pub code: OperatorCode,
    pub name: String,
    pub fees: Yen,
    pub commissions: Yen,
}

/// One certificate kind's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct KindRow {
    pub code: KindCode,
    pub name: String,
    pub copies: u64,
    pub fees: Yen,
    pub commissions: Yen,
}

/// A month's figures as the workbook shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct SettlementWorkbook {
    /// 団体名, also the workbook's author.
    pub city: String,
    pub target_month: TargetMonth,
    /// 確定 (true) or 速報.
    pub finalized: bool,
    /// Japan time, for the workbook's creation date (the caller's clock).
    pub created_at: NaiveDateTime,
    pub by_operator: Vec<OperatorRow>,
    pub by_kind: Vec<KindRow>,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// A figure Excel cannot hold exactly (beyond 2^53 yen) or a sum that overflows.
    #[error("a figure is too large for an exact Excel number: {0}")]
    TooLarge(String),
    #[error("the workbook could not be written: {0}")]
    Xlsx(#[from] XlsxError),
}

impl WorkbookError {
    /// What the clerk is told.
    pub fn message_ja(&self) -> String {
        match self {
            Self::TooLarge(_) => "金額が大きすぎるためExcelに正確に出力できません。".into(),
            Self::Xlsx(_) => "Excelファイルを作成できませんでした。".into(),
        }
    }
}

/// Excel numbers are doubles: whole yen are exact up to 2^53, far beyond any city's month.
fn exact(n: i64) -> Result<f64, WorkbookError> {
    const LIMIT: i64 = 1 << 53;
    if n.unsigned_abs() > LIMIT as u64 {
        return Err(WorkbookError::TooLarge(n.to_string()));
    }
    Ok(n as f64)
}

fn net(fees: Yen, commissions: Yen) -> Result<Yen, WorkbookError> {
    fees.checked_sub(commissions)
        .ok_or_else(|| WorkbookError::TooLarge(format!("{fees:?} - {commissions:?}")))
}

fn sum(amounts: impl IntoIterator<Item = Yen>) -> Result<Yen, WorkbookError> {
    Yen::checked_sum(amounts).ok_or_else(|| WorkbookError::TooLarge("sum".into()))
}

struct Formats {
    header: Format,
    text: Format,
    yen: Format,
    count: Format,
    total_text: Format,
    total_yen: Format,
    total_count: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new()
            .set_font_name("BIZ UDゴシック")
            .set_font_size(10.5);
        let cell = base.clone().set_border(FormatBorder::Thin);
        let total = cell.clone().set_bold().set_border_top(FormatBorder::Double);
        Self {
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("#E0E0E0"),
            text: cell.clone(),
            yen: cell.clone().set_num_format(YEN_FORMAT),
            count: cell.clone().set_num_format(COUNT_FORMAT),
            total_text: total.clone(),
            total_yen: total.clone().set_num_format(YEN_FORMAT),
            total_count: total.set_num_format(COUNT_FORMAT),
        }
    }
}

fn headers(
    sheet: &mut Worksheet,
    f: &Formats,
    names: &[&str],
    widths: &[f64],
) -> Result<(), WorkbookError> {
    for (col, (name, w)) in names.iter().zip(widths).enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *name, &f.header)?;
        sheet.set_column_width(col, *w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn totals_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    wb: &SettlementWorkbook,
) -> Result<(), WorkbookError> {
    sheet.set_name(SHEETS[0])?;
    headers(sheet, f, &["項目", "値"], &[18.0, 22.0])?;
    let fees = sum(wb.by_kind.iter().map(|k| k.fees))?;
    let commissions = sum(wb.by_kind.iter().map(|k| k.commissions))?;
    let copies = wb
        .by_kind
        .iter()
        .try_fold(0u64, |a, k| a.checked_add(k.copies))
        .ok_or_else(|| WorkbookError::TooLarge("copies".into()))?;
    let texts = [
        ("団体名", wb.city.clone()),
        ("対象年月", wareki::format_month(wb.target_month)),
        ("対象年月（西暦）", wb.target_month.to_string()),
        (
            "区分",
            if wb.finalized { "確定" } else { "速報" }.to_string(),
        ),
    ];
    let mut row = 1;
    for (label, value) in texts {
        sheet.write_string_with_format(row, 0, label, &f.text)?;
        sheet.write_string_with_format(row, 1, value, &f.text)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, "交付通数", &f.text)?;
    sheet.write_number_with_format(
        row,
        1,
        exact(i64::try_from(copies).unwrap_or(i64::MAX))?,
        &f.count,
    )?;
    row += 1;
    for (label, amount, format) in [
        ("交付手数料", fees, &f.yen),
        ("委託手数料", commissions, &f.yen),
        ("差引額", net(fees, commissions)?, &f.total_yen),
    ] {
        let label_format = if label == "差引額" {
            &f.total_text
        } else {
            &f.text
        };
        sheet.write_string_with_format(row, 0, label, label_format)?;
        sheet.write_number_with_format(row, 1, exact(amount.to_i64())?, format)?;
        row += 1;
    }
    Ok(())
}

fn operator_sheet(
    sheet: &mut Worksheet,
    f: &Formats,
    rows: &[OperatorRow],
) -> Result<(), WorkbookError> {
    sheet.set_name(SHEETS[1])?;
    headers(
        sheet,
        f,
        &[
            "事業者コード",
            "事業者名",
            "交付手数料",
            "委託手数料",
            "差引額",
        ],
        &[14.0, 36.0, 16.0, 16.0, 16.0],
    )?;
    let mut r = 1;
    for o in rows {
        sheet.write_string_with_format(r, 0, o.code.as_str(), &f.text)?;
        sheet.write_string_with_format(r, 1, &o.name, &f.text)?;
        for (col, y) in [
            (2, o.fees),
            (3, o.commissions),
            (4, net(o.fees, o.commissions)?),
        ] {
            sheet.write_number_with_format(r, col, exact(y.to_i64())?, &f.yen)?;
        }
        r += 1;
    }
    let fees = sum(rows.iter().map(|o| o.fees))?;
    let commissions = sum(rows.iter().map(|o| o.commissions))?;
    sheet.write_string_with_format(r, 0, "", &f.total_text)?;
    sheet.write_string_with_format(r, 1, "合計", &f.total_text)?;
    for (col, y) in [(2, fees), (3, commissions), (4, net(fees, commissions)?)] {
        sheet.write_number_with_format(r, col, exact(y.to_i64())?, &f.total_yen)?;
    }
    Ok(())
}

fn kind_sheet(sheet: &mut Worksheet, f: &Formats, rows: &[KindRow]) -> Result<(), WorkbookError> {
    sheet.set_name(SHEETS[2])?;
    headers(
        sheet,
        f,
        &[
            "種別コード",
            "証明書等の種類",
            "交付通数",
            "交付手数料",
            "委託手数料",
            "差引額",
        ],
        &[12.0, 32.0, 12.0, 16.0, 16.0, 16.0],
    )?;
    let count = |n: u64| exact(i64::try_from(n).unwrap_or(i64::MAX));
    let mut r = 1;
    for k in rows {
        sheet.write_string_with_format(r, 0, k.code.as_str(), &f.text)?;
        sheet.write_string_with_format(r, 1, &k.name, &f.text)?;
        sheet.write_number_with_format(r, 2, count(k.copies)?, &f.count)?;
        for (col, y) in [
            (3, k.fees),
            (4, k.commissions),
            (5, net(k.fees, k.commissions)?),
        ] {
            sheet.write_number_with_format(r, col, exact(y.to_i64())?, &f.yen)?;
        }
        r += 1;
    }
    let copies = rows
        .iter()
        .try_fold(0u64, |a, k| a.checked_add(k.copies))
        .ok_or_else(|| WorkbookError::TooLarge("copies".into()))?;
    let fees = sum(rows.iter().map(|k| k.fees))?;
    let commissions = sum(rows.iter().map(|k| k.commissions))?;
    sheet.write_string_with_format(r, 0, "", &f.total_text)?;
    sheet.write_string_with_format(r, 1, "合計", &f.total_text)?;
    sheet.write_number_with_format(r, 2, count(copies)?, &f.total_count)?;
    for (col, y) in [(3, fees), (4, commissions), (5, net(fees, commissions)?)] {
        sheet.write_number_with_format(r, col, exact(y.to_i64())?, &f.total_yen)?;
    }
    Ok(())
}

fn properties(wb: &SettlementWorkbook) -> Result<DocProperties, WorkbookError> {
    // Excel stores the creation time in UTC; the caller's clock is Japan time.
    let utc = wb.created_at - chrono::Duration::hours(9);
    let created = ExcelDateTime::from_ymd(
        u16::try_from(utc.year()).map_err(|_| WorkbookError::TooLarge(utc.to_string()))?,
        utc.month() as u8,
        utc.day() as u8,
    )?
    .and_hms(utc.hour() as u16, utc.minute() as u8, utc.second())?;
    Ok(DocProperties::new()
        .set_title(format!(
            "精算データ（{}分）",
            wareki::format_month(wb.target_month)
        ))
        .set_author(&wb.city)
        .set_company(&wb.city)
        .set_creation_datetime(&created))
}

/// The month's workbook as `.xlsx` bytes.
pub fn settlement_workbook(wb: &SettlementWorkbook) -> Result<Vec<u8>, WorkbookError> {
    let f = Formats::new();
    let mut book = Workbook::new();
    book.set_properties(&properties(wb)?);
    totals_sheet(book.add_worksheet(), &f, wb)?;
    operator_sheet(book.add_worksheet(), &f, &wb.by_operator)?;
    kind_sheet(book.add_worksheet(), &f, &wb.by_kind)?;
    Ok(book.save_to_buffer()?)
}
