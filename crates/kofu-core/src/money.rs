//! Money: whole yen ([`Yen`]) and the consumption-tax treatment of the commission ([`TaxTreatment`]).
//!
//! Amounts are `rust_decimal::Decimal`, never floats (DOMAIN.md, Money). A [`Yen`] always holds a
//! whole number of yen that fits an `i64`, so it can always be written as a JSON integer (CLI.md:
//! "Yen are JSON integers") and read back. It may be negative: the net of a month (fees −
//! commissions) can be. Arithmetic is checked and returns `None` rather than wrapping; any
//! fractional amount (a tax part, a pro rata) becomes yen only through a rounding helper that says
//! which rounding it applies. This module does not know what an amount is for: fees, commissions
//! and invoices use it.

use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::DomainError;

/// An amount of whole yen. Crosses to TypeScript and JSON as a plain integer (`number`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, TS)]
#[ts(type = "number")]
pub struct Yen(Decimal);

impl Yen {
    pub const ZERO: Yen = Yen(Decimal::ZERO);

    /// `amount` yen. Every `i64` is a valid amount.
    pub fn new(amount: i64) -> Self {
        Self(Decimal::from(amount))
    }

    /// A decimal that is already whole yen and fits an `i64`; `None` otherwise (use a rounding
    /// helper for fractional amounts: which rounding applies is a rule, never a default).
    pub fn from_whole(amount: Decimal) -> Option<Self> {
        if !amount.fract().is_zero() {
            return None;
        }
        amount.to_i64().map(Self::new)
    }

    /// Rounds toward zero to whole yen: 1円未満切捨て, the rounding of a consumption-tax part.
    /// For a negative amount the fraction is dropped too (−10.6 → −10), so a refund mirrors the
    /// charge it reverses. `None` beyond the `i64` range.
    pub fn round_down(amount: Decimal) -> Option<Self> {
        Self::from_whole(amount.round_dp_with_strategy(0, RoundingStrategy::ToZero))
    }

    /// Rounds half away from zero to whole yen: 四捨五入 (10.5 → 11, −10.5 → −11).
    /// `None` beyond the `i64` range.
    pub fn round_half_up(amount: Decimal) -> Option<Self> {
        Self::from_whole(amount.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero))
    }

    /// Reads an amount as a clerk types it: `1234`, `1,234`, `1,234円`, `-500`.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        let bad = || {
            DomainError::new(
                "amount",
                format!("金額 '{s}' は円単位の整数で入力してください（例: 1,234）。"),
                format!("amount '{s}' is not a whole number of yen"),
            )
        };
        let t = s.trim();
        let t = t.strip_suffix('円').unwrap_or(t);
        let (negative, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let digits: String = digits.chars().filter(|&c| c != ',').collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: i64 = digits.parse().map_err(|_| bad())?;
        Ok(Self::new(if negative { -n } else { n }))
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    pub fn to_i64(self) -> i64 {
        self.0.to_i64().expect("a Yen always fits an i64")
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn checked_add(self, other: Yen) -> Option<Yen> {
        self.0.checked_add(other.0).and_then(Self::from_whole)
    }

    pub fn checked_sub(self, other: Yen) -> Option<Yen> {
        self.0.checked_sub(other.0).and_then(Self::from_whole)
    }

    /// The amount for `copies` 通 at this price per 通.
    pub fn checked_mul(self, copies: u64) -> Option<Yen> {
        self.0
            .checked_mul(Decimal::from(copies))
            .and_then(Self::from_whole)
    }

    /// The sum of `amounts`, `None` if it leaves the `i64` range at any step.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Yen>) -> Option<Yen> {
        amounts
            .into_iter()
            .try_fold(Yen::ZERO, |acc, y| acc.checked_add(y))
    }

    /// Digits only, as in J-LIS files and CSV exports: `1234`, `-500`.
    pub fn format_plain(self) -> String {
        self.to_i64().to_string()
    }
}

/// `1,234円`; a negative amount is written `-1,234円` (documents that prefer 「△」 format
/// it themselves).
impl fmt::Display for Yen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.to_i64();
        let digits = n.unsigned_abs().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if n < 0 { "-" } else { "" };
        write!(f, "{sign}{grouped}円")
    }
}

impl Serialize for Yen {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.to_i64())
    }
}

impl<'de> Deserialize<'de> for Yen {
    /// Only a JSON integer is accepted: `250.5` or `"250"` is an error, not a guess.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        i64::deserialize(d).map(Yen::new)
    }
}

/// How consumption tax (消費税) applies to a per-通 amount, recorded with the commission.
///
/// Rates are whole percents: every Japanese consumption-tax rate so far (3, 5, 8, 10) is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "treatment", rename_all = "snake_case")]
pub enum TaxTreatment {
    /// 非課税 (or 不課税): no tax part.
    Exempt,
    /// 税込: the amount already contains the tax.
    Included { rate_percent: u8 },
    /// 税抜: the tax is added on top of the amount.
    Excluded { rate_percent: u8 },
}

/// An amount split into its tax-exclusive part and its consumption tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaxBreakdown {
    pub excluding_tax: Yen,
    pub tax: Yen,
    pub including_tax: Yen,
}

impl TaxTreatment {
    /// A rate must be 1–100 %; 0 % is written [`TaxTreatment::Exempt`].
    pub fn validate(self) -> Result<(), DomainError> {
        match self {
            Self::Exempt => Ok(()),
            Self::Included { rate_percent } | Self::Excluded { rate_percent } => {
                if (1..=100).contains(&rate_percent) {
                    Ok(())
                } else {
                    Err(DomainError::new(
                        "tax.rate_percent",
                        format!("消費税率 {rate_percent}% は正しくありません（1〜100%、非課税は「非課税」を選択）。"),
                        format!("tax rate {rate_percent}% is outside 1-100"),
                    ))
                }
            }
        }
    }

    /// Splits `amount` (per 通, or a total) under this treatment.
    ///
    /// The tax part is rounded down to the yen (1円未満切捨て, the usual practice): 税込 117円 at
    /// 10 % contains ⌊117 × 10/110⌋ = 10円; 税抜 106円 at 10 % adds ⌊10.6⌋ = 10円. Because of
    /// that rounding, the tax of a month is computed by applying this to the month's total, once
    /// per rate (as a 適格請求書 requires), never by adding up the per-通 tax parts: those are for
    /// display. `None` only if the result leaves the `i64` range.
    pub fn apply(self, amount: Yen) -> Option<TaxBreakdown> {
        let hundred = Decimal::from(100);
        match self {
            Self::Exempt => Some(TaxBreakdown {
                excluding_tax: amount,
                tax: Yen::ZERO,
                including_tax: amount,
            }),
            Self::Included { rate_percent } => {
                let rate = Decimal::from(rate_percent);
                let tax = Yen::round_down(amount.0.checked_mul(rate)? / (hundred + rate))?;
                Some(TaxBreakdown {
                    excluding_tax: amount.checked_sub(tax)?,
                    tax,
                    including_tax: amount,
                })
            }
            Self::Excluded { rate_percent } => {
                let rate = Decimal::from(rate_percent);
                let tax = Yen::round_down(amount.0.checked_mul(rate)? / hundred)?;
                Some(TaxBreakdown {
                    excluding_tax: amount,
                    tax,
                    including_tax: amount.checked_add(tax)?,
                })
            }
        }
    }

    /// 「非課税」, 「税込（10%）」, 「税抜（10%）」.
    pub fn label_ja(self) -> String {
        match self {
            Self::Exempt => "非課税".to_owned(),
            Self::Included { rate_percent } => format!("税込（{rate_percent}%）"),
            Self::Excluded { rate_percent } => format!("税抜（{rate_percent}%）"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn yen_is_written_with_thousands_separators_and_the_yen_sign() {
        assert_eq!(Yen::new(0).to_string(), "0円");
        assert_eq!(Yen::new(999).to_string(), "999円");
        assert_eq!(Yen::new(1234).to_string(), "1,234円");
        assert_eq!(Yen::new(6_512_800).to_string(), "6,512,800円");
        assert_eq!(
            Yen::new(-1234).to_string(),
            "-1,234円",
            "a negative net is shown"
        );
        assert_eq!(Yen::new(1234).format_plain(), "1234");
        assert_eq!(Yen::new(-500).format_plain(), "-500");
    }

    #[test]
    fn yen_crosses_json_as_an_integer_and_refuses_fractions_and_strings() {
        assert_eq!(serde_json::to_string(&Yen::new(250)).unwrap(), "250");
        assert_eq!(serde_json::to_string(&Yen::new(-117)).unwrap(), "-117");
        assert_eq!(
            serde_json::from_str::<Yen>("6512800").unwrap(),
            Yen::new(6_512_800)
        );
        assert!(
            serde_json::from_str::<Yen>("250.5").is_err(),
            "yen are whole numbers"
        );
        assert!(
            serde_json::from_str::<Yen>("\"250\"").is_err(),
            "CLI.md: yen are JSON integers"
        );
    }

    #[test]
    fn arithmetic_is_checked_and_the_net_may_be_negative() {
        let fee = Yen::new(100);
        let commission = Yen::new(117);
        assert_eq!(fee.checked_sub(commission), Some(Yen::new(-17)));
        assert!(fee.checked_sub(commission).unwrap().is_negative());
        assert!(!Yen::ZERO.is_negative());
        assert_eq!(Yen::new(250).checked_mul(3), Some(Yen::new(750)));
        assert_eq!(Yen::new(i64::MAX).checked_add(Yen::new(1)), None, "no wrap");
        assert_eq!(Yen::new(i64::MAX).checked_mul(2), None);
        assert_eq!(
            Yen::checked_sum([Yen::new(250), Yen::new(400), Yen::new(-117)]),
            Some(Yen::new(533))
        );
    }

    #[test]
    fn rounding_down_drops_the_fraction_and_half_up_rounds_halves_away_from_zero() {
        assert_eq!(Yen::round_down(dec("10.636")), Some(Yen::new(10)));
        assert_eq!(Yen::round_down(dec("10.999")), Some(Yen::new(10)));
        assert_eq!(
            Yen::round_down(dec("-10.6")),
            Some(Yen::new(-10)),
            "toward zero"
        );
        assert_eq!(Yen::round_half_up(dec("10.5")), Some(Yen::new(11)));
        assert_eq!(Yen::round_half_up(dec("10.49")), Some(Yen::new(10)));
        assert_eq!(Yen::round_half_up(dec("-10.5")), Some(Yen::new(-11)));
        assert_eq!(
            Yen::from_whole(dec("10.5")),
            None,
            "a fraction needs an explicit rounding"
        );
        assert_eq!(Yen::from_whole(dec("250.00")), Some(Yen::new(250)));
    }

    #[test]
    fn amounts_typed_by_a_clerk_are_parsed_with_or_without_separators() {
        assert_eq!(Yen::parse("1,234円").unwrap(), Yen::new(1234));
        assert_eq!(Yen::parse(" 250 ").unwrap(), Yen::new(250));
        assert_eq!(Yen::parse("-500").unwrap(), Yen::new(-500));
        for bad in ["", "円", "12.5", "abc", "1 000"] {
            assert_eq!(Yen::parse(bad).unwrap_err().field, "amount", "'{bad}'");
        }
    }

    #[test]
    fn the_tax_part_of_a_tax_included_amount_is_rounded_down() {
        // 117 × 10/110 = 10.636… → 10円; 107円 before tax.
        let got = TaxTreatment::Included { rate_percent: 10 }
            .apply(Yen::new(117))
            .unwrap();
        assert_eq!(got.tax, Yen::new(10), "1円未満切捨て, not 11");
        assert_eq!(got.excluding_tax, Yen::new(107));
        assert_eq!(got.including_tax, Yen::new(117));
        // 108 × 8/108 = 8 exactly.
        let got = TaxTreatment::Included { rate_percent: 8 }
            .apply(Yen::new(108))
            .unwrap();
        assert_eq!((got.excluding_tax, got.tax), (Yen::new(100), Yen::new(8)));
    }

    #[test]
    fn the_tax_added_to_a_tax_excluded_amount_is_rounded_down() {
        let got = TaxTreatment::Excluded { rate_percent: 10 }
            .apply(Yen::new(106))
            .unwrap();
        assert_eq!(got.tax, Yen::new(10), "10.6 → 10");
        assert_eq!(got.including_tax, Yen::new(116));
        let exempt = TaxTreatment::Exempt.apply(Yen::new(117)).unwrap();
        assert_eq!(exempt.tax, Yen::ZERO);
        assert_eq!(exempt.including_tax, Yen::new(117));
    }

    #[test]
    fn a_months_tax_from_the_total_differs_from_summing_per_copy_tax() {
        // Why `apply` documents "once per total": 1,000 通 × 117円 税込10%.
        let rule = TaxTreatment::Included { rate_percent: 10 };
        let per_copy = rule.apply(Yen::new(117)).unwrap().tax.checked_mul(1000);
        let on_total = rule.apply(Yen::new(117_000)).unwrap().tax;
        assert_eq!(per_copy, Some(Yen::new(10_000)));
        assert_eq!(on_total, Yen::new(10_636));
    }

    #[test]
    fn tax_treatment_is_tagged_in_json_and_rates_are_checked() {
        let t = TaxTreatment::Included { rate_percent: 10 };
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"treatment":"included","rate_percent":10}"#
        );
        assert_eq!(
            serde_json::to_string(&TaxTreatment::Exempt).unwrap(),
            r#"{"treatment":"exempt"}"#
        );
        assert!(TaxTreatment::Excluded { rate_percent: 0 }
            .validate()
            .is_err());
        assert!(t.validate().is_ok());
        assert_eq!(t.label_ja(), "税込（10%）");
    }
}
