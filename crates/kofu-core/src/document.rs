//! 文書番号: the number a city document carries on its letterhead, e.g. 「千葉市第12号」 or
//! 「千市民第3号」.
//!
//! Each kind of document ([`DocumentKind`]) has its own template ([`NumberTemplate`], set on
//! 設定 > 文書番号) and its own counter per 年度: numbering starts again at 1 each April 1st, and a
//! number is never reused or skipped. This module parses templates and formats numbers; the
//! counter lives in the store, which allocates the next `n` in the same transaction as the
//! approval that issues the document (so a rolled-back approval gives its number back).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::{wareki, FiscalYear};
use crate::DomainError;

/// The documents the city numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 変更通知: a catalogue change notified to J-LIS (第7条).
    ChangeNotice,
    /// 請求書: the monthly invoice to J-LIS.
    Invoice,
    /// 精算書: the settlement statement.
    SettlementStatement,
    /// 事故報告: an incident report.
    IncidentReport,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 4] = [
        Self::ChangeNotice,
        Self::Invoice,
        Self::SettlementStatement,
        Self::IncidentReport,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ChangeNotice => "change_notice",
            Self::Invoice => "invoice",
            Self::SettlementStatement => "settlement_statement",
            Self::IncidentReport => "incident_report",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::ChangeNotice => "変更通知",
            Self::Invoice => "請求書",
            Self::SettlementStatement => "精算書",
            Self::IncidentReport => "事故報告",
        }
    }

    pub fn parse(s: &str) -> Result<Self, DomainError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| {
                DomainError::new(
                    "kind",
                    format!(
                        "文書の種類 '{s}' はありません（{}のいずれか）。",
                        Self::ALL.map(Self::as_str).join(", ")
                    ),
                    format!("unknown document kind '{s}'"),
                )
            })
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most characters a template may have: it is one line of a letterhead.
pub const MAX_TEMPLATE_CHARS: usize = 30;

/// How a kind's numbers are written: text with `{n}` (the number, exactly once) and optionally
/// `{city}` (the city's name) and `{fy}` (the 年度's year in its era: 8 for 令和8年度).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NumberTemplate(String);

impl NumberTemplate {
    /// The template of a city that has set none: 「{city}第{n}号」.
    pub fn standard() -> Self {
        Self("{city}第{n}号".to_owned())
    }

    /// Trims, then refuses an empty or over-long template, one without exactly one `{n}`, and
    /// any other `{…}` than `{city}` and `{fy}`.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let t = s.trim();
        let refuse = |message: String, detail: &str| {
            Err(DomainError::new("template", message, detail.to_owned()))
        };
        if t.is_empty() {
            return refuse(
                "文書番号の書式を入力してください（例: {city}第{n}号）。".into(),
                "empty number template",
            );
        }
        if t.chars().count() > MAX_TEMPLATE_CHARS {
            return refuse(
                format!("文書番号の書式は{MAX_TEMPLATE_CHARS}文字以内で入力してください。"),
                "number template too long",
            );
        }
        let mut numbers = 0;
        let mut rest = t;
        while let Some(open) = rest.find(['{', '}']) {
            let after = &rest[open..];
            let Some(close) = after.find('}').filter(|_| after.starts_with('{')) else {
                return refuse(
                    "文書番号の書式の { と } が対応していません。".into(),
                    "unbalanced braces in number template",
                );
            };
            match &after[..=close] {
                "{n}" => numbers += 1,
                "{city}" | "{fy}" => {}
                other => {
                    return refuse(
                        format!(
                            "文書番号の書式に {other} は使えません（使えるのは {{n}}・{{city}}・{{fy}}）。"
                        ),
                        "unknown placeholder in number template",
                    )
                }
            }
            rest = &after[close + 1..];
        }
        match numbers {
            1 => Ok(Self(t.to_owned())),
            0 => refuse(
                "文書番号の書式に番号の位置 {n} を入れてください（例: 千市民第{n}号）。".into(),
                "number template without {n}",
            ),
            _ => refuse(
                "文書番号の書式には {n} を1つだけ入れてください。".into(),
                "number template with more than one {n}",
            ),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number `n` of `fiscal_year` for the city `city`.
    pub fn format(&self, city: &str, fiscal_year: FiscalYear, n: u64) -> String {
        self.0
            .replace("{city}", city)
            .replace("{fy}", &era_year(fiscal_year).to_string())
            .replace("{n}", &n.to_string())
    }
}

impl fmt::Display for NumberTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The 年度's year in its era, as in 「令和8年度」 → 8; a 年度 before 明治 keeps its western year.
fn era_year(fy: FiscalYear) -> i32 {
    if fy.year() < 1868 {
        return fy.year();
    }
    // The era of the 年度's starting calendar year, as FiscalYear::wareki names it.
    let year_end = NaiveDate::from_ymd_opt(fy.year(), 12, 31).expect("December 31st exists");
    let (_, year) = wareki::era_on(year_end);
    i32::try_from(year).expect("an era year is small")
}

/// A number issued to one document: its text as printed, its kind, its 年度 and its place in
/// that 年度's sequence (from 1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentNumber {
    text: String,
    kind: DocumentKind,
    fiscal_year: FiscalYear,
    n: u64,
}

impl DocumentNumber {
    /// The `n`th number of `kind` in the 年度 of `day`, written with `template`. `n` is what the
    /// store's counter allocated; 0 is not a number (sequences start at 1).
    pub fn issue(
        template: &NumberTemplate,
        kind: DocumentKind,
        city: &str,
        day: NaiveDate,
        n: u64,
    ) -> Self {
        assert!(n >= 1, "document numbers start at 1");
        let fiscal_year = FiscalYear::of(day);
        Self {
            text: template.format(city, fiscal_year, n),
            kind,
            fiscal_year,
            n,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
    pub fn kind(&self) -> DocumentKind {
        self.kind
    }
    pub fn fiscal_year(&self) -> FiscalYear {
        self.fiscal_year
    }
    pub fn n(&self) -> u64 {
        self.n
    }
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<DocumentNumber> for String {
    fn from(d: DocumentNumber) -> Self {
        d.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn t(s: &str) -> NumberTemplate {
        NumberTemplate::parse(s).unwrap()
    }

    #[test]
    fn a_template_needs_exactly_one_number_and_only_known_placeholders() {
        assert_eq!(t("  千市民第{n}号 ").as_str(), "千市民第{n}号", "trimmed");
        assert!(NumberTemplate::parse("{city}第{fy}-{n}号").is_ok());
        for (bad, why) in [
            ("", "empty"),
            ("   ", "blank"),
            ("千市民第号", "no {n}"),
            ("{n}第{n}号", "two {n}"),
            ("{city}第{no}号", "unknown placeholder"),
            ("{city}第{n号", "unclosed brace"),
            ("{city}第n}号", "stray closing brace"),
            (&format!("{{n}}{}", "あ".repeat(28)), "31 characters"),
        ] {
            let err = NumberTemplate::parse(bad).unwrap_err();
            assert_eq!(err.field, "template", "{why}");
            assert!(!err.message.is_empty(), "{why}: a message for the clerk");
        }
        assert_eq!(
            NumberTemplate::parse("千市民第号").unwrap_err().message,
            "文書番号の書式に番号の位置 {n} を入れてください（例: 千市民第{n}号）。"
        );
        assert!(
            NumberTemplate::parse(&format!("{{n}}{}", "あ".repeat(27))).is_ok(),
            "30 characters are allowed"
        );
    }

    #[test]
    fn the_standard_template_writes_the_city_and_the_number() {
        let n = DocumentNumber::issue(
            &NumberTemplate::standard(),
            DocumentKind::ChangeNotice,
            "千葉市",
            d("2026-11-26"),
            12,
        );
        assert_eq!(n.as_str(), "千葉市第12号");
        assert_eq!(n.kind(), DocumentKind::ChangeNotice);
        assert_eq!(n.fiscal_year(), FiscalYear(2026));
        assert_eq!(n.n(), 12);
    }

    #[test]
    fn the_fiscal_year_changes_on_april_1st_not_january_1st() {
        let tpl = t("千市民{fy}第{n}号");
        let march =
            DocumentNumber::issue(&tpl, DocumentKind::Invoice, "千葉市", d("2027-03-31"), 40);
        let april =
            DocumentNumber::issue(&tpl, DocumentKind::Invoice, "千葉市", d("2027-04-01"), 1);
        assert_eq!(march.fiscal_year(), FiscalYear(2026));
        assert_eq!(
            march.as_str(),
            "千市民8第40号",
            "2027-03-31 is still 令和8年度"
        );
        assert_eq!(april.fiscal_year(), FiscalYear(2027));
        assert_eq!(
            april.as_str(),
            "千市民9第1号",
            "2027-04-01 begins 令和9年度"
        );
        assert_eq!(
            tpl.format("千葉市", FiscalYear(2019), 1),
            "千市民1第1号",
            "令和元年度 is era year 1"
        );
    }

    #[test]
    fn document_kinds_parse_from_their_snake_case_names() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.as_str()).unwrap(), k);
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::json!(k.as_str())
            );
        }
        assert_eq!(DocumentKind::IncidentReport.label_ja(), "事故報告");
        assert_eq!(DocumentKind::parse("memo").unwrap_err().field, "kind");
    }
}
