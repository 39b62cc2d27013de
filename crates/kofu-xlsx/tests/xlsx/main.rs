//! Writes a month's workbook and reads it back with calamine, as the accounting system would.

use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::TargetMonth;
use kofu_xlsx::{
    settlement_workbook, KindRow, OperatorRow, SettlementWorkbook, SHEETS, YEN_FORMAT,
};

fn month() -> SettlementWorkbook {
    SettlementWorkbook {
        city: "千葉市".into(),
        target_month: TargetMonth::new(2026, 10).unwrap(),
        finalized: true,
        created_at: NaiveDate::from_ymd_opt(2026, 11, 5)
            .unwrap()
            .and_hms_opt(10, 30, 0)
            .unwrap(),
        by_operator: vec![
            OperatorRow {
                code: OperatorCode::parse("0001").unwrap(),
                name: "株式会社セブン-イレブン・ジャパン".into(),
                fees: Yen::new(1_000_000),
                commissions: Yen::new(585_000),
            },
            OperatorRow {
                code: OperatorCode::parse("0002").unwrap(),
                name: "株式会社ローソン".into(),
                fees: Yen::new(10_000),
                commissions: Yen::new(11_700),
            },
        ],
        by_kind: vec![
            KindRow {
                code: KindCode::parse("01").unwrap(),
                name: "住民票の写し".into(),
                copies: 5_000,
                fees: Yen::new(1_000_000),
                commissions: Yen::new(585_000),
            },
            KindRow {
                code: KindCode::parse("02").unwrap(),
                name: "印鑑登録証明書".into(),
                copies: 100,
                fees: Yen::new(10_000),
                commissions: Yen::new(11_700),
            },
        ],
    }
}

fn read(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook");
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("the workbook has a sheet {sheet}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

fn s(v: &str) -> Data {
    Data::String(v.into())
}

fn n(v: f64) -> Data {
    Data::Float(v)
}

#[test]
fn the_workbook_has_the_three_sheets_in_order() {
    let bytes = settlement_workbook(&month()).unwrap();
    let book = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), SHEETS.map(String::from).to_vec());
}

#[test]
fn the_totals_sheet_holds_the_month_and_its_sums_as_numbers() {
    let rows = read(&settlement_workbook(&month()).unwrap(), "合計");
    assert_eq!(rows[0], vec![s("項目"), s("値")], "Japanese headers");
    let value = |label: &str| {
        rows.iter()
            .find(|r| r[0] == s(label))
            .unwrap_or_else(|| panic!("the totals sheet has a row {label}: {rows:?}"))[1]
            .clone()
    };
    assert_eq!(value("団体名"), s("千葉市"));
    assert_eq!(value("対象年月"), s("令和8年10月"));
    assert_eq!(value("区分"), s("確定"));
    assert_eq!(value("交付通数"), n(5_100.0));
    assert_eq!(
        value("交付手数料"),
        n(1_010_000.0),
        "a figure is a number, not text"
    );
    assert_eq!(value("委託手数料"), n(596_700.0));
    assert_eq!(value("差引額"), n(413_300.0));
}

#[test]
fn the_operator_sheet_has_a_row_per_operator_with_a_negative_net_and_a_total() {
    let rows = read(&settlement_workbook(&month()).unwrap(), "事業者別");
    assert_eq!(
        rows,
        vec![
            vec![
                s("事業者コード"),
                s("事業者名"),
                s("交付手数料"),
                s("委託手数料"),
                s("差引額")
            ],
            vec![
                s("0001"),
                s("株式会社セブン-イレブン・ジャパン"),
                n(1_000_000.0),
                n(585_000.0),
                n(415_000.0)
            ],
            vec![
                s("0002"),
                s("株式会社ローソン"),
                n(10_000.0),
                n(11_700.0),
                n(-1_700.0)
            ],
            vec![
                Data::Empty,
                s("合計"),
                n(1_010_000.0),
                n(596_700.0),
                n(413_300.0)
            ],
        ]
    );
}

#[test]
fn the_kind_sheet_keeps_the_codes_as_text_and_counts_copies() {
    let rows = read(&settlement_workbook(&month()).unwrap(), "証明書別");
    assert_eq!(
        rows[0],
        [
            "種別コード",
            "証明書等の種類",
            "交付通数",
            "交付手数料",
            "委託手数料",
            "差引額"
        ]
        .map(s)
        .to_vec()
    );
    assert_eq!(
        rows[1],
        vec![
            s("01"),
            s("住民票の写し"),
            n(5_000.0),
            n(1_000_000.0),
            n(585_000.0),
            n(415_000.0)
        ],
        "「01」 keeps its leading zero"
    );
    assert_eq!(
        rows[3][1..],
        [
            s("合計"),
            n(5_100.0),
            n(1_010_000.0),
            n(596_700.0),
            n(413_300.0)
        ]
    );
}

#[test]
fn amounts_carry_the_yen_number_format() {
    let bytes = settlement_workbook(&month()).unwrap();
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kofu-settlement.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let out = Command::new("unzip")
        .args(["-p", path.to_str().unwrap(), "xl/styles.xml"])
        .output()
        .expect("unzip is installed");
    let styles = String::from_utf8(out.stdout).unwrap();
    let escaped = YEN_FORMAT.replace('"', "&quot;");
    assert!(
        styles.contains(&format!("formatCode=\"{escaped}\"")),
        "the yen format is defined in the workbook's styles: {styles}"
    );
}
