//! Parsers for the field values of J-LIS files: counts, amounts, dates, codes.
//!
//! Each parser is strict, as INTERFACES.md's common rules ask: ASCII digits only, no sign, no
//! separators, no surrounding spaces, no full-width digits. A parser returns the reason of a
//! refusal in Japanese and English; the record parsers add the line, the field and the value.
//! This module does not know which field is which, nor any rule that spans fields.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use kofu_core::MunicipalityCode;

/// Why a value was refused: (Japanese, English).
pub(crate) type Reason = (String, String);

fn reason(ja: impl Into<String>, en: impl Into<String>) -> Reason {
    (ja.into(), en.into())
}

/// Describes what is wrong with a value that should be a non-negative integer.
fn not_an_integer(s: &str) -> Reason {
    let t = s.trim();
    if s.is_empty() {
        reason("値がありません。", "the value is empty")
    } else if t.starts_with('-') && t.len() > 1 && t[1..].bytes().all(|b| b.is_ascii_digit()) {
        reason("負の値は使えません。", "negative values are not allowed")
    } else if t.contains(',') && t.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        reason(
            "桁区切りのカンマを含めないでください（例: 1000）。",
            "the value has thousands separators; write digits only (e.g. 1000)",
        )
    } else if t != s {
        reason(
            "前後に空白があります。数字だけを記入してください。",
            "the value has surrounding spaces; write digits only",
        )
    } else {
        reason(
            "半角数字だけの整数ではありません。",
            "not an integer made of ASCII digits",
        )
    }
}

fn digits(s: &str) -> Result<u64, Reason> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_an_integer(s));
    }
    s.parse::<u64>()
        .map_err(|_| reason("値が大きすぎます。", "the value is too large"))
}

/// A count (件数, 通数): a non-negative integer that fits in 32 bits.
pub(crate) fn count(s: &str) -> Result<u32, Reason> {
    let n = digits(s)?;
    u32::try_from(n).map_err(|_| reason("値が大きすぎます。", "the value is too large"))
}

/// A total count (合計): a non-negative integer that fits in 64 bits.
pub(crate) fn total_count(s: &str) -> Result<u64, Reason> {
    digits(s)
}

/// An amount of yen: a non-negative integer that fits in an `i64`.
pub(crate) fn amount(s: &str) -> Result<i64, Reason> {
    let n = digits(s)?;
    i64::try_from(n).map_err(|_| reason("金額が大きすぎます。", "the amount is too large"))
}

fn all_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

fn num(s: &str, range: std::ops::Range<usize>) -> u32 {
    s[range].parse().expect("checked digits")
}

/// A date written `YYYYMMDD` that exists in the calendar.
pub(crate) fn compact_date(s: &str) -> Result<NaiveDate, Reason> {
    if !all_digits(s, 8) {
        return Err(reason(
            "日付は YYYYMMDD の8桁で記入してください。",
            "a date must be 8 digits, YYYYMMDD",
        ));
    }
    NaiveDate::from_ymd_opt(num(s, 0..4) as i32, num(s, 4..6), num(s, 6..8))
        .ok_or_else(|| reason("存在しない日付です。", "no such date"))
}

/// A date-time written `YYYYMMDDhhmmss` that exists.
pub(crate) fn compact_datetime(s: &str) -> Result<NaiveDateTime, Reason> {
    if !all_digits(s, 14) {
        return Err(reason(
            "日時は YYYYMMDDhhmmss の14桁で記入してください。",
            "a date-time must be 14 digits, YYYYMMDDhhmmss",
        ));
    }
    let date = NaiveDate::from_ymd_opt(num(s, 0..4) as i32, num(s, 4..6), num(s, 6..8));
    let time = NaiveTime::from_hms_opt(num(s, 8..10), num(s, 10..12), num(s, 12..14));
    match (date, time) {
        (Some(d), Some(t)) => Ok(d.and_time(t)),
        _ => Err(reason("存在しない日時です。", "no such date-time")),
    }
}

/// A date-time written `YYYY-MM-DD HH:MM:SS` that exists.
pub(crate) fn iso_datetime(s: &str) -> Result<NaiveDateTime, Reason> {
    let b = s.as_bytes();
    let shaped = b.len() == 19
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b' ',
            13 | 16 => c == b':',
            _ => c.is_ascii_digit(),
        });
    if !shaped {
        return Err(reason(
            "日時は YYYY-MM-DD HH:MM:SS の形式で記入してください。",
            "a date-time must be written YYYY-MM-DD HH:MM:SS",
        ));
    }
    let date = NaiveDate::from_ymd_opt(num(s, 0..4) as i32, num(s, 5..7), num(s, 8..10));
    let time = NaiveTime::from_hms_opt(num(s, 11..13), num(s, 14..16), num(s, 17..19));
    match (date, time) {
        (Some(d), Some(t)) => Ok(d.and_time(t)),
        _ => Err(reason("存在しない日時です。", "no such date-time")),
    }
}

/// A 地方公共団体コード: six digits with a valid check digit, nothing around them.
pub(crate) fn municipality_code(s: &str) -> Result<MunicipalityCode, Reason> {
    if s.trim() != s {
        return Err(reason(
            "前後に空白があります。6桁の数字だけを記入してください。",
            "the code has surrounding spaces; write the 6 digits only",
        ));
    }
    MunicipalityCode::parse(s).map_err(|e| (e.message, e.detail))
}

/// An identifier of 1 to `max` ASCII letters and digits.
pub(crate) fn alnum(s: &str, max: usize) -> Result<(), Reason> {
    if s.is_empty() {
        Err(reason("値がありません。", "the value is empty"))
    } else if s.len() > max || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Err(reason(
            format!("半角英数字 1〜{max} 文字で記入してください。"),
            format!("must be 1 to {max} ASCII letters or digits"),
        ))
    } else {
        Ok(())
    }
}

/// A code of 1 to `max` ASCII digits (leading zeros are significant).
pub(crate) fn digit_code(s: &str, max: usize) -> Result<(), Reason> {
    if s.is_empty() {
        Err(reason("値がありません。", "the value is empty"))
    } else if s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        Err(reason(
            format!("半角数字 1〜{max} 桁で記入してください。"),
            format!("must be 1 to {max} ASCII digits"),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_plain_non_negative_integers() {
        assert_eq!(amount("0"), Ok(0));
        assert_eq!(amount("000250"), Ok(250), "leading zeros are harmless");
        assert!(amount("-250").unwrap_err().1.contains("negative"));
        assert!(amount("1,000").unwrap_err().1.contains("separators"));
        assert!(amount(" 250").unwrap_err().1.contains("spaces"));
        assert!(
            amount("２５０").is_err(),
            "full-width digits are not ASCII digits"
        );
        assert!(amount("+250").is_err(), "no sign at all");
        assert!(amount("").unwrap_err().1.contains("empty"));
        assert!(amount("99999999999999999999")
            .unwrap_err()
            .1
            .contains("too large"));
        assert!(count("4294967296").is_err(), "a count fits in 32 bits");
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        assert!(compact_date("20261031").is_ok());
        assert!(compact_date("20261131").unwrap_err().1.contains("no such"));
        assert!(compact_date("2026-10-31").is_err());
        assert!(compact_date("20280229").is_ok(), "2028 is a leap year");
        assert!(compact_datetime("20261109235959").is_ok());
        assert!(
            compact_datetime("20261109240000").is_err(),
            "there is no 24:00:00"
        );
        assert!(iso_datetime("2026-10-01 06:31:12").is_ok());
        assert!(
            iso_datetime("2026-10-01T06:31:12").is_err(),
            "the separator is a space"
        );
        assert!(
            iso_datetime("2026-10-01 6:31:12").is_err(),
            "two-digit hours"
        );
        assert!(iso_datetime("2026-02-30 06:31:12").is_err());
        assert!(
            iso_datetime("2026-10-01 23:59:60").is_err(),
            "no leap seconds"
        );
    }

    #[test]
    fn identifiers_are_bounded_ascii() {
        assert!(alnum("A20261001000000000001", 24).is_ok());
        assert!(alnum(&"A".repeat(25), 24).is_err());
        assert!(alnum("A-1", 24).is_err());
        assert!(alnum("Ａ1", 24).is_err(), "full-width letters are refused");
        assert!(digit_code("0001234", 16).is_ok());
        assert!(digit_code("12a", 16).is_err());
    }

    #[test]
    fn a_municipality_code_is_taken_exactly_as_written() {
        assert!(municipality_code("121002").is_ok());
        assert!(municipality_code(" 121002")
            .unwrap_err()
            .1
            .contains("spaces"));
        assert!(municipality_code("121003")
            .unwrap_err()
            .1
            .contains("check digit"));
    }
}
