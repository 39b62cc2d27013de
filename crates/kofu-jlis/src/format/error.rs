//! The errors of a refused file: every bad line with its field, value and reason in Japanese and
//! English.
//!
//! A J-LIS file is taken whole or not at all, so parsing never stops at the first problem: it
//! collects them here, up to [`MAX_ERRORS`], and counts the rest. This module only describes
//! errors; deciding what is an error is the parsers' business.

use serde::Serialize;
use std::fmt;

/// How many errors a refused file lists before it only counts the rest. A file with a wrong
/// layout fails on every line; a thousand lines is more than a clerk reads and keeps a 200,000-row
/// file's report small.
pub const MAX_ERRORS: usize = 1_000;

/// The longest value quoted back in an error, in characters. A binary file read by mistake must
/// not produce a megabyte of error text.
const MAX_VALUE_CHARS: usize = 64;

/// One problem in one line of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormatError {
    /// The 1-based line of the file where the record starts.
    pub line: u64,
    /// The Japanese name of the field as J-LIS's layout calls it (e.g. `交付日`); `None` when the
    /// problem is the record as a whole (its number of fields, its place in the file).
    pub field: Option<&'static str>,
    /// The offending value as read (shortened when long).
    pub value: String,
    /// The reason for the clerk, a Japanese sentence.
    pub reason_ja: String,
    /// The same reason in English, for the log.
    pub reason_en: String,
}

impl FormatError {
    pub fn new(
        line: u64,
        field: Option<&'static str>,
        value: impl AsRef<str>,
        reason_ja: impl Into<String>,
        reason_en: impl Into<String>,
    ) -> Self {
        Self {
            line,
            field,
            value: shorten(value.as_ref()),
            reason_ja: reason_ja.into(),
            reason_en: reason_en.into(),
        }
    }

    /// The error as a clerk reads it: 「3行目 証明書種別コード '99': 登録されていない証明書種別コードです。」
    pub fn to_japanese(&self) -> String {
        let mut s = format!("{}行目", self.line);
        if let Some(field) = self.field {
            s.push(' ');
            s.push_str(field);
        }
        if !self.value.is_empty() {
            s.push_str(&format!(" '{}'", self.value));
        }
        s.push_str(": ");
        s.push_str(&self.reason_ja);
        s
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(field) = self.field {
            match english_field_name(field) {
                Some(en) => write!(f, ", {field} ({en})")?,
                None => write!(f, ", {field}")?,
            }
        }
        if !self.value.is_empty() {
            write!(f, " '{}'", self.value)?;
        }
        write!(f, ": {}", self.reason_en)
    }
}

impl std::error::Error for FormatError {}

/// Every problem found in a refused file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FormatErrors {
    /// The first [`MAX_ERRORS`] problems, in the order of the file.
    pub errors: Vec<FormatError>,
    /// How many more problems were found but not listed.
    pub omitted: usize,
}

impl FormatErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem; past [`MAX_ERRORS`] it is only counted.
    pub fn push(&mut self, error: FormatError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(error);
        } else {
            self.omitted += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.omitted == 0
    }

    /// All problems found, listed or not.
    pub fn total(&self) -> usize {
        self.errors.len() + self.omitted
    }

    /// Sorts the listed errors by line, keeping the order of discovery within a line. Errors
    /// found at the end of a file (a missing trailer) then come last, where a reader looks.
    pub(crate) fn sort_by_line(&mut self) {
        self.errors.sort_by_key(|e| e.line);
    }

    /// One line per error, in Japanese, for the clerk.
    pub fn to_japanese(&self) -> String {
        let mut lines: Vec<String> = self.errors.iter().map(FormatError::to_japanese).collect();
        if self.omitted > 0 {
            lines.push(format!("ほかに {} 件のエラーがあります。", self.omitted));
        }
        lines.join("\n")
    }
}

impl fmt::Display for FormatErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.total();
        write!(
            f,
            "the file was refused: {total} error{}",
            if total == 1 { "" } else { "s" }
        )?;
        for e in &self.errors {
            write!(f, "\n{e}")?;
        }
        if self.omitted > 0 {
            write!(f, "\n... and {} more", self.omitted)?;
        }
        Ok(())
    }
}

impl std::error::Error for FormatErrors {}

impl FromIterator<FormatError> for FormatErrors {
    fn from_iter<I: IntoIterator<Item = FormatError>>(iter: I) -> Self {
        let mut errors = Self::new();
        for e in iter {
            errors.push(e);
        }
        errors
    }
}

impl From<FormatError> for FormatErrors {
    fn from(e: FormatError) -> Self {
        let mut errors = Self::new();
        errors.push(e);
        errors
    }
}

fn shorten(value: &str) -> String {
    if value.chars().count() <= MAX_VALUE_CHARS {
        value.to_owned()
    } else {
        let mut s: String = value.chars().take(MAX_VALUE_CHARS).collect();
        s.push('…');
        s
    }
}

/// The English name of a J-LIS field, for the log line.
pub fn english_field_name(field: &str) -> Option<&'static str> {
    Some(match field {
        "レコード区分" => "record type",
        "団体コード" => "municipality code",
        "対象年月" => "target month",
        "作成日時" => "created at",
        "確定区分" => "finalized flag",
        "交付日" => "issuance date",
        "事業者コード" => "operator code",
        "証明書種別コード" => "certificate kind code",
        "交付件数" => "issuances",
        "交付通数" => "copies",
        "交付手数料額" => "fees",
        "委託手数料額" => "commissions",
        "データ件数" => "record count",
        "交付件数合計" => "total issuances",
        "交付通数合計" => "total copies",
        "交付手数料額合計" => "total fees",
        "委託手数料額合計" => "total commissions",
        "交付番号" => "issuance number",
        "交付日時" => "issued at",
        "店舗コード" => "store code",
        "端末番号" => "kiosk number",
        "通数" => "copies",
        "交付手数料" => "fee",
        "委託手数料" => "commission",
        "処理区分" => "action",
        "元交付番号" => "original issuance number",
        "見出し行" => "header line",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_reads_as_a_japanese_sentence_with_line_field_and_value() {
        let e = FormatError::new(
            3,
            Some("証明書種別コード"),
            "99",
            "登録されていない証明書種別コードです。",
            "not a registered certificate kind code",
        );
        assert_eq!(
            e.to_japanese(),
            "3行目 証明書種別コード '99': 登録されていない証明書種別コードです。",
            "the clerk's message format is fixed by the brief"
        );
        assert_eq!(
            e.to_string(),
            "line 3, 証明書種別コード (certificate kind code) '99': not a registered certificate kind code",
            "the log line names the field in both languages"
        );
    }

    #[test]
    fn errors_past_the_cap_are_counted_not_listed() {
        let mut errors = FormatErrors::new();
        for line in 0..(MAX_ERRORS as u64 + 5) {
            errors.push(FormatError::new(line, None, "", "悪い", "bad"));
        }
        assert_eq!(errors.errors.len(), MAX_ERRORS, "the list is capped");
        assert_eq!(errors.omitted, 5, "the rest is counted");
        assert!(
            errors
                .to_japanese()
                .ends_with("ほかに 5 件のエラーがあります。"),
            "the clerk learns that more errors exist"
        );
        assert!(errors.to_string().ends_with("... and 5 more"));
    }

    #[test]
    fn a_long_value_is_shortened_in_the_report() {
        let e = FormatError::new(1, None, "x".repeat(10_000), "長い", "long");
        assert!(
            e.value.chars().count() <= MAX_VALUE_CHARS + 1,
            "values are capped"
        );
    }

    #[test]
    fn errors_serialize_with_their_japanese_field_name() {
        let e = FormatError::new(
            2,
            Some("交付日"),
            "20261032",
            "日付ではありません。",
            "not a date",
        );
        let json = serde_json::to_value(FormatErrors::from(e)).unwrap();
        assert_eq!(
            json["errors"][0]["field"], "交付日",
            "the CLI prints these as JSON details"
        );
        assert_eq!(json["errors"][0]["line"], 2);
        assert_eq!(json["omitted"], 0);
    }
}
