//! The settlement of a target month (第4条1, 第4条5): J-LIS's fees collected minus the
//! commissions, by operator and by certificate kind, from the statement's figures (J-LIS's are
//! the ones billed), and whether the month can be invoiced.
//!
//! A pure function over the statement's lines. The net can be negative when a city's fee is
//! below the commission: then the city owes J-LIS, there is no 請求書 and the 精算書 is the only
//! document (DOMAIN.md, Money). Loading the statement and drafting the invoice are the caller's.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::catalogue::KindCode;
use crate::master::OperatorCode;
use crate::money::Yen;
use crate::reconciliation::TotalTooLarge;
use crate::statement::StatementLine;
use crate::TargetMonth;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OperatorTotals {
    pub code: OperatorCode,
    pub fees: Yen,
    pub commissions: Yen,
    pub net: Yen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KindTotals {
    pub code: KindCode,
    #[ts(type = "number")]
    pub copies: i64,
    pub fees: Yen,
    pub commissions: Yen,
    pub net: Yen,
}

/// Whether an invoice (請求書) can be drafted for the month, and if not, why. The same decision
/// refuses a draft and tells the screens what to offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Invoicing {
    /// Finalized, net above zero, no live invoice: a clerk may draft one.
    Ready,
    /// The statement is preliminary (速報): it is never invoiced (第4条3).
    NotFinal,
    /// The net is zero or negative: the city owes J-LIS or nothing; the 精算書 is the document.
    NoInvoice,
    /// The month already has an invoice that is neither returned nor superseded.
    Invoiced,
}

impl Invoicing {
    /// The decision for a month: `finalized` statement, its `net`, and whether it already has
    /// a live invoice.
    pub fn decide(finalized: bool, net: Yen, live_invoice: bool) -> Self {
        if !finalized {
            Self::NotFinal
        } else if net <= Yen::ZERO {
            Self::NoInvoice
        } else if live_invoice {
            Self::Invoiced
        } else {
            Self::Ready
        }
    }

    /// Why a draft is refused, for the clerk (`None` when it is not).
    pub fn refusal_ja(self, month: TargetMonth) -> Option<String> {
        match self {
            Self::Ready => None,
            Self::NotFinal => Some(format!(
                "{month} の取扱い実績データは速報のため請求書を起案できません。確定データ（10日以降）を取り込んでください。"
            )),
            Self::NoInvoice => Some(format!(
                "{month} は差引額が0円以下のため請求書はありません（市からJ-LISへの支払となります）。精算書を出力してください。"
            )),
            Self::Invoiced => Some(format!(
                "{month} にはすでに請求書があります。訂正する場合は訂正請求を起案してください。"
            )),
        }
    }
}

/// The month's settlement from J-LIS's statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Settlement {
    pub target_month: TargetMonth,
    pub finalized: bool,
    /// 交付通数 of the month.
    #[ts(type = "number")]
    pub copies: i64,
    pub fees: Yen,
    pub commissions: Yen,
    /// Fees − commissions; negative when the city's fee is below the commission.
    pub net: Yen,
    pub by_operator: Vec<OperatorTotals>,
    pub by_kind: Vec<KindTotals>,
    /// Whether an invoice can be drafted.
    pub invoicing: Invoicing,
}

fn add(a: Yen, b: Yen) -> Result<Yen, TotalTooLarge> {
    a.checked_add(b).ok_or(TotalTooLarge)
}

fn net(fees: Yen, commissions: Yen) -> Result<Yen, TotalTooLarge> {
    fees.checked_sub(commissions).ok_or(TotalTooLarge)
}

impl Settlement {
    /// What the city owes J-LIS for the month: the net's amount when it is negative (then there
    /// is no invoice; the 精算書 states this amount).
    pub fn owed_by_city(&self) -> Option<Yen> {
        self.net
            .is_negative()
            .then(|| Yen::ZERO.checked_sub(self.net))
            .flatten()
    }
}

/// Settles a month from its statement's lines. `live_invoice`: the month already has an invoice
/// that is neither returned nor superseded.
pub fn settle(
    month: TargetMonth,
    finalized: bool,
    lines: &[StatementLine],
    live_invoice: bool,
) -> Result<Settlement, TotalTooLarge> {
    let mut by_operator: BTreeMap<OperatorCode, OperatorTotals> = BTreeMap::new();
    let mut by_kind: BTreeMap<KindCode, KindTotals> = BTreeMap::new();
    let (mut fees, mut commissions, mut copies) = (Yen::ZERO, Yen::ZERO, 0);
    for l in lines {
        let o = by_operator
            .entry(l.operator)
            .or_insert_with(|| OperatorTotals {
                code: l.operator,
                fees: Yen::ZERO,
                commissions: Yen::ZERO,
                net: Yen::ZERO,
            });
        o.fees = add(o.fees, l.fees)?;
        o.commissions = add(o.commissions, l.commissions)?;
        o.net = net(o.fees, o.commissions)?;
        let k = by_kind.entry(l.kind).or_insert_with(|| KindTotals {
            code: l.kind,
            copies: 0,
            fees: Yen::ZERO,
            commissions: Yen::ZERO,
            net: Yen::ZERO,
        });
        k.copies += i64::from(l.copies);
        k.fees = add(k.fees, l.fees)?;
        k.commissions = add(k.commissions, l.commissions)?;
        k.net = net(k.fees, k.commissions)?;
        copies += i64::from(l.copies);
        fees = add(fees, l.fees)?;
        commissions = add(commissions, l.commissions)?;
    }
    let net = net(fees, commissions)?;
    Ok(Settlement {
        target_month: month,
        finalized,
        copies,
        fees,
        commissions,
        net,
        by_operator: by_operator.into_values().collect(),
        by_kind: by_kind.into_values().collect(),
        invoicing: Invoicing::decide(finalized, net, live_invoice),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn line(operator: &str, kind: &str, copies: u32, fee: i64, commission: i64) -> StatementLine {
        StatementLine {
            date: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            operator: OperatorCode::parse(operator).unwrap(),
            kind: KindCode::parse(kind).unwrap(),
            issuances: copies,
            copies,
            fees: Yen::new(fee * i64::from(copies)),
            commissions: Yen::new(commission * i64::from(copies)),
        }
    }

    fn october() -> TargetMonth {
        TargetMonth::parse("2026-10").unwrap()
    }

    #[test]
    fn the_net_is_fees_minus_commissions_by_operator_and_by_kind() {
        let lines = [
            line("0001", "01", 4, 250, 117),
            line("0001", "04", 1, 400, 117),
            line("0002", "01", 2, 250, 117),
        ];
        let s = settle(october(), true, &lines, false).unwrap();
        assert_eq!(s.fees, Yen::new(1900));
        assert_eq!(s.commissions, Yen::new(819));
        assert_eq!(s.net, Yen::new(1081));
        assert_eq!(s.by_operator.len(), 2);
        assert_eq!(s.by_operator[0].net, Yen::new(1400 - 585));
        assert_eq!(s.by_kind[0].code.as_str(), "01");
        assert_eq!(s.by_kind[0].copies, 6);
        assert_eq!(s.by_kind[0].net, Yen::new(1500 - 702));
        assert_eq!(s.copies, 7);
        assert_eq!(s.owed_by_city(), None);
        assert_eq!(s.invoicing, Invoicing::Ready);
    }

    #[test]
    fn a_month_is_invoiced_only_when_final_with_a_positive_net_and_no_live_invoice() {
        let positive = [line("0001", "01", 1, 250, 117)];
        let negative = [line("0001", "01", 1, 100, 117)];
        let even = [line("0001", "01", 1, 117, 117)];
        let decide = |lines: &[StatementLine], finalized, live| {
            settle(october(), finalized, lines, live).unwrap().invoicing
        };
        assert_eq!(decide(&positive, false, false), Invoicing::NotFinal);
        assert_eq!(decide(&negative, true, false), Invoicing::NoInvoice);
        assert_eq!(decide(&even, true, false), Invoicing::NoInvoice, "net 0");
        assert_eq!(decide(&positive, true, true), Invoicing::Invoiced);
        assert_eq!(decide(&positive, true, false), Invoicing::Ready);
        assert!(Invoicing::NoInvoice
            .refusal_ja(october())
            .unwrap()
            .contains("精算書"));
        assert_eq!(Invoicing::Ready.refusal_ja(october()), None);
    }

    #[test]
    fn the_settlement_is_json_with_yen_as_integers() {
        let s = settle(october(), true, &[line("0001", "01", 1, 100, 117)], false).unwrap();
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["target_month"], "2026-10");
        assert_eq!(json["net"], -17);
        assert_eq!(s.owed_by_city(), Some(Yen::new(17)));
        assert_eq!(json["by_operator"][0]["code"], "0001");
        assert_eq!(json["invoicing"], "no_invoice");
    }
}
