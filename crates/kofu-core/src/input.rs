//! Dates and date-times as staff and scripts type them (CLI.md: `YYYY-MM-DD`,
//! `YYYY-MM-DDTHH:MM[:SS]`, Japan time), parsed once for every front.

use chrono::{NaiveDate, NaiveDateTime};

use crate::DomainError;

pub fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate, DomainError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        DomainError::new(
            field,
            format!("日付 '{text}' は YYYY-MM-DD の形式で入力してください。"),
            format!("date '{text}' is not YYYY-MM-DD"),
        )
    })
}

pub fn parse_datetime(field: &'static str, text: &str) -> Result<NaiveDateTime, DomainError> {
    let t = text.trim();
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M"))
        .map_err(|_| {
            DomainError::new(
                field,
                format!("日時 '{text}' は YYYY-MM-DDTHH:MM の形式で入力してください。"),
                format!("date-time '{text}' is not YYYY-MM-DDTHH:MM[:SS]"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_minute_and_second_forms_are_accepted_and_bad_input_names_the_field() {
        assert_eq!(
            parse_datetime("at", "2026-10-10T10:00")
                .unwrap()
                .to_string(),
            "2026-10-10 10:00:00"
        );
        assert_eq!(
            parse_datetime("at", "2026-10-10T10:00:05")
                .unwrap()
                .to_string(),
            "2026-10-10 10:00:05"
        );
        assert_eq!(
            parse_datetime("at", "2026/10/10 10:00").unwrap_err().field,
            "at"
        );
        assert_eq!(
            parse_date("on", " 2026-02-28 ").unwrap().to_string(),
            "2026-02-28"
        );
        assert_eq!(parse_date("on", "2026-02-30").unwrap_err().field, "on");
    }
}
