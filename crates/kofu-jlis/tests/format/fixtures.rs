//! Shared files and helpers: a small hand-written statement and notices file for 千葉市,
//! October 2026, and ways to re-encode them.

use encoding_rs::SHIFT_JIS;
use kofu_core::{MunicipalityCode, TargetMonth};
use kofu_jlis::format::{FormatError, FormatErrors, ParseContext};

pub fn chiba() -> MunicipalityCode {
    MunicipalityCode::parse("121002").expect("千葉市's code is valid")
}

pub fn october() -> TargetMonth {
    TargetMonth::parse("2026-10").expect("a valid month")
}

pub fn ctx() -> ParseContext {
    ParseContext::with_default_master(chiba(), Some(october()))
}

/// A valid statement: three lines whose sums are in the trailer (LF line ends; see [`crlf`]).
pub const STATEMENT: &str = "\
1,121002,202610,20261109180000,1
2,20261001,0001,01,3,4,1000,468
2,20261001,0002,03,1,1,250,117
2,20261002,0001,04,2,2,800,234
8,3,6,7,2050,819
9
";

/// A valid notices file: two issuances, a cancellation and a correction.
pub const NOTICES: &str = "\
団体コード,交付番号,交付日時,事業者コード,店舗コード,端末番号,証明書種別コード,通数,交付手数料,委託手数料,処理区分,元交付番号
121002,A20261001000000000001,2026-10-01 06:31:12,0001,0001234,01,01,1,250,117,0,
121002,A20261001000000000002,2026-10-01 09:02:45,0003,0104321,02,04,2,800,234,0,
121002,C20261001000000000001,2026-10-01 09:10:00,0003,0104321,02,04,2,800,234,1,A20261001000000000002
121002,R20261001000000000001,2026-10-01 09:15:00,0001,0001234,01,01,2,500,234,2,A20261001000000000001
";

pub fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

pub fn cp932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
    assert!(!unmappable, "fixtures only use characters CP932 has");
    bytes.into_owned()
}

pub fn with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// Every field of every line double-quoted (RFC 4180), as Excel may save it.
pub fn all_quoted(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.split(',')
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

/// Replaces line `n` (1-based) of a fixture.
pub fn with_line(text: &str, n: usize, line: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines[n - 1] = line;
    lines.join("\n") + "\n"
}

/// Removes line `n` (1-based) of a fixture.
pub fn without_line(text: &str, n: usize) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(n - 1);
    lines.join("\n") + "\n"
}

/// Inserts `line` so that it becomes line `n` (1-based).
pub fn inserting(text: &str, n: usize, line: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(n - 1, line);
    lines.join("\n") + "\n"
}

/// The error on `line` for `field`, or a failure that shows every error found.
pub fn error_at<'a>(errors: &'a FormatErrors, line: u64, field: Option<&str>) -> &'a FormatError {
    errors
        .errors
        .iter()
        .find(|e| e.line == line && e.field == field)
        .unwrap_or_else(|| panic!("expected an error on line {line} for {field:?}, got:\n{errors}"))
}
