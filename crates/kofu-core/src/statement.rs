//! 取扱い実績データ (第4条): J-LIS's statement of a target month, one line per (day, operator,
//! certificate kind), with its totals, its content digest and the differences between two
//! versions of it.
//!
//! A [`Statement`] is consistent by construction: one city, one month, every line in that month,
//! no key twice, no negative amount, totals equal to the lines. Whether a second version may
//! replace a stored one is the intake's rule (a finalized month is immutable, 第4条3), made with
//! [`Statement::content_digest`] and [`Statement::diff`]. Reading and writing the file layout is
//! `kofu-jlis`'s; reconciling a statement with the completion notices is
//! [`crate::reconciliation`]'s, settling it [`crate::settlement`]'s.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::catalogue::KindCode;
use crate::master::OperatorCode;
use crate::money::Yen;
use crate::{MunicipalityCode, TargetMonth};

/// The Japanese names of the statement's fields, as J-LIS's layout names them (INTERFACES.md §1).
pub mod label {
    pub const MUNICIPALITY: &str = "団体コード";
    pub const MONTH: &str = "対象年月";
    pub const CREATED: &str = "作成日時";
    pub const FINAL: &str = "確定区分";
    pub const DATE: &str = "交付日";
    pub const OPERATOR: &str = "事業者コード";
    pub const KIND: &str = "証明書種別コード";
    pub const ISSUANCES: &str = "交付件数";
    pub const COPIES: &str = "交付通数";
    pub const FEES: &str = "交付手数料額";
    pub const COMMISSIONS: &str = "委託手数料額";
}

/// One line of a statement: the activity of one operator for one certificate kind on one day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct StatementLine {
    /// 交付日.
    pub date: NaiveDate,
    /// 事業者コード.
    pub operator: OperatorCode,
    /// 証明書種別コード.
    pub kind: KindCode,
    /// 交付件数.
    pub issuances: u32,
    /// 交付通数.
    pub copies: u32,
    /// 交付手数料額.
    pub fees: Yen,
    /// 委託手数料額.
    pub commissions: Yen,
}

impl StatementLine {
    pub fn key(&self) -> StatementKey {
        StatementKey {
            date: self.date,
            operator: self.operator,
            kind: self.kind,
        }
    }
}

/// What identifies a line: at most one line per (day, operator, certificate kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StatementKey {
    pub date: NaiveDate,
    pub operator: OperatorCode,
    pub kind: KindCode,
}

/// The sums of a statement's lines (J-LIS's trailer record states the same).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatementTotals {
    /// データ件数: the number of lines.
    pub records: u64,
    pub issuances: u64,
    pub copies: u64,
    pub fees: Yen,
    pub commissions: Yen,
}

impl StatementTotals {
    /// The sums of `lines`; `None` when an amount does not fit.
    pub fn of(lines: &[StatementLine]) -> Option<Self> {
        let mut t = Self {
            records: lines.len() as u64,
            ..Self::default()
        };
        for l in lines {
            t.issuances += u64::from(l.issuances);
            t.copies += u64::from(l.copies);
            t.fees = t.fees.checked_add(l.fees)?;
            t.commissions = t.commissions.checked_add(l.commissions)?;
        }
        Some(t)
    }
}

/// A statement: one city, one month, unique lines in key order, and totals equal to the lines.
/// Built only by [`Statement::new`], which checks all of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    municipality: MunicipalityCode,
    target_month: TargetMonth,
    created_at: NaiveDateTime,
    finalized: bool,
    lines: Vec<StatementLine>,
    totals: StatementTotals,
}

/// Why [`Statement::new`] refused its lines. `index` is the line's position in the input (0-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    #[error("line {index}: the issuance date {date} is not in the target month {month}")]
    OutsideMonth {
        index: usize,
        date: NaiveDate,
        month: TargetMonth,
    },
    #[error("line {index}: the same (issuance date, operator, certificate kind) as line {first}")]
    Duplicate { index: usize, first: usize },
    #[error("line {index}: {field} is negative ({value})")]
    Negative {
        index: usize,
        field: &'static str,
        value: Yen,
    },
    #[error("the totals are too large")]
    TooLarge,
}

impl StatementError {
    /// What the clerk reads, e.g. 「3件目の明細: 交付日が対象年月 2026-10 の日付ではありません。」.
    pub fn message_ja(&self) -> String {
        match self {
            Self::OutsideMonth { index, month, .. } => {
                format!(
                    "{}件目の明細: 交付日が対象年月 {month} の日付ではありません。",
                    index + 1
                )
            }
            Self::Duplicate { index, first } => format!(
                "{}件目の明細: 交付日・事業者コード・証明書種別コードの組が {}件目と重複しています。",
                index + 1,
                first + 1
            ),
            Self::Negative { index, field, .. } => {
                format!("{}件目の明細: {field}に負の値は使えません。", index + 1)
            }
            Self::TooLarge => "合計額が大きすぎます。".to_owned(),
        }
    }
}

/// One difference between two versions of a month's statement, for the "finalized month
/// re-imported with different content" conflict report. `before` is the stored version, `after`
/// the incoming one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "change", rename_all = "snake_case", deny_unknown_fields)]
pub enum StatementDifference {
    /// A header value differs. `field` is the Japanese field name (団体コード, 対象年月, 作成日時,
    /// 確定区分).
    Header {
        field: String,
        before: String,
        after: String,
    },
    /// A line only in the incoming version.
    Added { line: StatementLine },
    /// A line only in the stored version.
    Removed { line: StatementLine },
    /// A line in both whose counts or amounts differ.
    Changed {
        before: StatementLine,
        after: StatementLine,
    },
}

impl StatementDifference {
    /// The difference as a clerk reads it, e.g.
    /// 「2026-10-05 事業者 0001 種別 01: 交付件数 10 → 11、交付手数料額 2500 → 2750」.
    pub fn to_japanese(&self) -> String {
        fn key(l: &StatementLine) -> String {
            format!("{} 事業者 {} 種別 {}", l.date, l.operator, l.kind)
        }
        fn values(l: &StatementLine) -> String {
            format!(
                "{} {}、{} {}、{} {}、{} {}",
                label::ISSUANCES,
                l.issuances,
                label::COPIES,
                l.copies,
                label::FEES,
                l.fees.to_i64(),
                label::COMMISSIONS,
                l.commissions.to_i64()
            )
        }
        match self {
            Self::Header {
                field,
                before,
                after,
            } => format!("{field}: {before} → {after}"),
            Self::Added { line } => format!("{}: 追加（{}）", key(line), values(line)),
            Self::Removed { line } => format!("{}: 削除（{}）", key(line), values(line)),
            Self::Changed { before, after } => {
                let pairs = [
                    (
                        label::ISSUANCES,
                        i64::from(before.issuances),
                        i64::from(after.issuances),
                    ),
                    (
                        label::COPIES,
                        i64::from(before.copies),
                        i64::from(after.copies),
                    ),
                    (label::FEES, before.fees.to_i64(), after.fees.to_i64()),
                    (
                        label::COMMISSIONS,
                        before.commissions.to_i64(),
                        after.commissions.to_i64(),
                    ),
                ];
                let parts: Vec<String> = pairs
                    .into_iter()
                    .filter(|(_, b, a)| b != a)
                    .map(|(name, b, a)| format!("{name} {b} → {a}"))
                    .collect();
                format!("{}: {}", key(before), parts.join("、"))
            }
        }
    }
}

impl Statement {
    /// A statement of `lines` (kept in key order whatever the input order) after every check:
    /// each line in the month, no key twice, no negative amount, totals that fit. All problems
    /// are reported, in input order.
    pub fn new(
        municipality: MunicipalityCode,
        target_month: TargetMonth,
        created_at: NaiveDateTime,
        finalized: bool,
        mut lines: Vec<StatementLine>,
    ) -> Result<Self, Vec<StatementError>> {
        let mut errors = Vec::new();
        let mut seen: HashMap<StatementKey, usize> = HashMap::with_capacity(lines.len());
        for (index, l) in lines.iter().enumerate() {
            if !target_month.contains(l.date) {
                errors.push(StatementError::OutsideMonth {
                    index,
                    date: l.date,
                    month: target_month,
                });
            }
            if let Some(first) = seen.insert(l.key(), index) {
                errors.push(StatementError::Duplicate { index, first });
            }
            for (field, value) in [(label::FEES, l.fees), (label::COMMISSIONS, l.commissions)] {
                if value.is_negative() {
                    errors.push(StatementError::Negative {
                        index,
                        field,
                        value,
                    });
                }
            }
        }
        let totals = StatementTotals::of(&lines);
        if totals.is_none() {
            errors.push(StatementError::TooLarge);
        }
        match totals {
            Some(totals) if errors.is_empty() => {
                lines.sort_by_key(StatementLine::key);
                Ok(Self {
                    municipality,
                    target_month,
                    created_at,
                    finalized,
                    lines,
                    totals,
                })
            }
            _ => Err(errors),
        }
    }

    /// 団体コード.
    pub fn municipality(&self) -> MunicipalityCode {
        self.municipality
    }
    /// 対象年月.
    pub fn target_month(&self) -> TargetMonth {
        self.target_month
    }
    /// 作成日時 (J-LIS's time of export).
    pub fn created_at(&self) -> NaiveDateTime {
        self.created_at
    }
    /// 確定区分 1: final and billable. A preliminary (0) statement may be previewed, never invoiced.
    pub fn finalized(&self) -> bool {
        self.finalized
    }
    /// The lines in key order (交付日, 事業者コード, 証明書種別コード).
    pub fn lines(&self) -> &[StatementLine] {
        &self.lines
    }
    /// The sums of the lines.
    pub fn totals(&self) -> StatementTotals {
        self.totals
    }

    /// SHA-256 of the statement's content in a canonical form: the same records give the same
    /// digest whatever the file's encoding, quoting, line endings or line order.
    ///
    /// The content is the city, the month, 確定区分 and the lines (the totals follow from
    /// them). 作成日時 is left out on purpose: it is the time of J-LIS's export, so a second
    /// download of unchanged data is "the same content" and its import a no-op. [`Self::diff`]
    /// still reports it. Stored digests depend on this exact form: never change it.
    pub fn content_digest(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(b"kofu-jlis statement v1\n");
        h.update(format!(
            "{}\n{}\n{}\n",
            self.municipality,
            self.target_month.compact(),
            u8::from(self.finalized)
        ));
        for l in &self.lines {
            // Codes are length-prefixed so that no code can imitate a separator.
            let (operator, kind) = (l.operator.as_str(), l.kind.as_str());
            h.update(format!(
                "{},{}:{},{}:{},{},{},{},{}\n",
                l.date.format("%Y%m%d"),
                operator.len(),
                operator,
                kind.len(),
                kind,
                l.issuances,
                l.copies,
                l.fees.to_i64(),
                l.commissions.to_i64()
            ));
        }
        h.finalize().into()
    }

    /// The differences from this (stored) version to `after` (the incoming one): header values
    /// first, then lines in key order, each added, removed or changed with both values.
    pub fn diff(&self, after: &Statement) -> Vec<StatementDifference> {
        let mut out = Vec::new();
        let headers = [
            (
                label::MUNICIPALITY,
                self.municipality.to_string(),
                after.municipality.to_string(),
            ),
            (
                label::MONTH,
                self.target_month.to_string(),
                after.target_month.to_string(),
            ),
            (
                label::FINAL,
                u8::from(self.finalized).to_string(),
                u8::from(after.finalized).to_string(),
            ),
            (
                label::CREATED,
                self.created_at.to_string(),
                after.created_at.to_string(),
            ),
        ];
        for (field, before, after) in headers {
            if before != after {
                out.push(StatementDifference::Header {
                    field: field.to_owned(),
                    before,
                    after,
                });
            }
        }
        let (mut i, mut j) = (0, 0);
        let (a, b) = (&self.lines, &after.lines);
        while i < a.len() || j < b.len() {
            let order = match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) => x.key().cmp(&y.key()),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, _) => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Less => {
                    out.push(StatementDifference::Removed { line: a[i].clone() });
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(StatementDifference::Added { line: b[j].clone() });
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    if a[i] != b[j] {
                        out.push(StatementDifference::Changed {
                            before: a[i].clone(),
                            after: b[j].clone(),
                        });
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(day: u32, operator: &str, kind: &str, copies: u32, fees: i64) -> StatementLine {
        StatementLine {
            date: NaiveDate::from_ymd_opt(2026, 10, day).unwrap(),
            operator: OperatorCode::parse(operator).unwrap(),
            kind: KindCode::parse(kind).unwrap(),
            issuances: copies,
            copies,
            fees: Yen::new(fees),
            commissions: Yen::new(117 * i64::from(copies)),
        }
    }

    fn statement(lines: Vec<StatementLine>) -> Result<Statement, Vec<StatementError>> {
        Statement::new(
            MunicipalityCode::parse("121002").unwrap(),
            TargetMonth::parse("2026-10").unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 10)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            true,
            lines,
        )
    }

    #[test]
    fn lines_are_kept_in_key_order_with_their_totals() {
        let s = statement(vec![
            line(2, "0001", "01", 2, 500),
            line(1, "0002", "03", 1, 250),
        ])
        .unwrap();
        assert_eq!(s.lines()[0].date.to_string(), "2026-10-01");
        assert_eq!(s.totals().fees, Yen::new(750));
        assert_eq!(s.totals().copies, 3);
    }

    #[test]
    fn a_statement_refuses_a_duplicate_key_a_day_outside_the_month_and_a_negative_amount() {
        let mut outside = line(1, "0001", "01", 1, 250);
        outside.date = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let errors = statement(vec![
            line(1, "0001", "01", 1, 250),
            line(1, "0001", "01", 1, 250),
            outside,
            line(3, "0001", "01", 1, -1),
        ])
        .unwrap_err();
        assert!(errors.contains(&StatementError::Duplicate { index: 1, first: 0 }));
        assert!(matches!(
            errors[1],
            StatementError::OutsideMonth { index: 2, .. }
        ));
        assert!(matches!(
            errors[2],
            StatementError::Negative { index: 3, .. }
        ));
        assert_eq!(
            errors[0].message_ja(),
            "2件目の明細: 交付日・事業者コード・証明書種別コードの組が 1件目と重複しています。"
        );
    }

    #[test]
    fn the_digest_ignores_line_order_and_the_export_time() {
        let a = statement(vec![
            line(1, "0001", "01", 1, 250),
            line(2, "0002", "03", 2, 500),
        ])
        .unwrap();
        let b = statement(vec![
            line(2, "0002", "03", 2, 500),
            line(1, "0001", "01", 1, 250),
        ])
        .unwrap();
        assert_eq!(a.content_digest(), b.content_digest());
        assert!(a.diff(&b).is_empty());
    }

    #[test]
    fn differences_name_each_line_with_both_values() {
        let before = statement(vec![line(1, "0001", "01", 1, 250)]).unwrap();
        let after = statement(vec![
            line(1, "0001", "01", 2, 500),
            line(2, "0005", "07", 1, 250),
        ])
        .unwrap();
        let diff = before.diff(&after);
        assert_eq!(diff.len(), 2);
        assert_eq!(
            diff[0].to_japanese(),
            "2026-10-01 事業者 0001 種別 01: 交付件数 1 → 2、交付通数 1 → 2、交付手数料額 250 → 500、委託手数料額 117 → 234"
        );
        let json = serde_json::to_value(&diff).unwrap();
        assert_eq!(json[1]["change"], "added");
        assert_eq!(json[1]["line"]["operator"], "0005");
        assert_eq!(json[1]["line"]["fees"], 250, "yen are JSON integers");
    }
}
