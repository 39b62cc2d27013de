//! Effective-dated fees (交付手数料) per certificate kind and commissions (委託手数料) per 通.
//!
//! [`FeeSchedule::fee_on`] is the one answer to "what did a 通 of this kind cost on this day",
//! used by the catalogue list, reconciliation and settlement alike. Precedence is by start date:
//! among the rules whose [`Period`] contains the day, **the one with the latest `from` wins**. So a
//! campaign (a shorter period starting inside a longer base rule) overrides the base while it
//! runs and the base applies again the day after it ends, without the base rule being cut in
//! two; and a permanent change is simply a new open-ended rule with a later `from`. Two rules of
//! the same kind starting on the same day would leave the winner undecided: a schedule holding
//! them is refused. Commissions follow the same rule, with one more step: a rule for a specific
//! kind, when one is in force, beats the rules for all kinds.
//!
//! Which amounts J-LIS actually billed is a statement matter; these are the city's rates, the
//! cross-check (INTERFACES.md).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{KindCode, Period};
use crate::master::DEFAULT_CERTIFICATE_KINDS;
use crate::money::{TaxTreatment, Yen};
use crate::{DomainError, FreeText};

/// The fee of one kind during one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FeeRule {
    pub kind: KindCode,
    pub period: Period,
    /// Per 通, paid by the resident at the kiosk. 0 is allowed (a free campaign).
    pub fee: Yen,
    /// Free text shown beside the fee, e.g. 「キャンペーン」.
    #[serde(default)]
    pub note: FreeText,
}

impl FeeRule {
    pub fn validate(&self) -> Result<(), DomainError> {
        self.period.validate()?;
        self.note.check("note")?;
        if self.fee.is_negative() {
            return Err(DomainError::new(
                "fee",
                format!(
                    "証明書種別 {} の手数料に負の金額（{}）は設定できません。",
                    self.kind, self.fee
                ),
                format!("fee of kind {} is negative: {}", self.kind, self.fee),
            ));
        }
        Ok(())
    }

    /// 「2026-10-01〜2026-12-31 200円（キャンペーン）」.
    pub fn describe(&self) -> String {
        with_note(format!("{} {}", self.period, self.fee), self.note.as_str())
    }
}

/// Every fee rule of a city, checked as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<FeeRule>", into = "Vec<FeeRule>")]
pub struct FeeSchedule {
    /// Sorted by kind, then `from`.
    rules: Vec<FeeRule>,
}

impl FeeSchedule {
    /// Checks each rule and refuses two rules of one kind starting on the same day, naming both.
    pub fn new(mut rules: Vec<FeeRule>) -> Result<Self, DomainError> {
        rules.sort_by_key(|r| (r.kind, r.period.from));
        for r in &rules {
            r.validate()?;
        }
        if let Some(w) = rules
            .windows(2)
            .find(|w| (w[0].kind, w[0].period.from) == (w[1].kind, w[1].period.from))
        {
            return Err(DomainError::new(
                "fees",
                format!(
                    "証明書種別 {} の手数料「{}」と「{}」は開始日が同じため、どちらを適用するか決められません。",
                    w[0].kind,
                    w[0].describe(),
                    w[1].describe()
                ),
                format!(
                    "fee rules of kind {} both start on {}: {} and {}",
                    w[0].kind, w[0].period.from, w[0].fee, w[1].fee
                ),
            ));
        }
        Ok(Self { rules })
    }

    /// Chiba demo: 250円 for 01, 02, 03, 06, 07 and 400円 for the 戸籍 kinds 04, 05, from
    /// 2020-04-01 until further notice.
    pub fn chiba_demo() -> Self {
        let rules = DEFAULT_CERTIFICATE_KINDS
            .iter()
            .map(|(code, _)| FeeRule {
                kind: KindCode::parse(code).expect("default codes are valid"),
                period: Period::starting(chiba_start()),
                fee: Yen::new(if matches!(*code, "04" | "05") {
                    400
                } else {
                    250
                }),
                note: FreeText::empty(),
            })
            .collect();
        Self::new(rules).expect("the demo fees are valid")
    }

    pub fn rules(&self) -> &[FeeRule] {
        &self.rules
    }

    /// The rules of `kind`, by start date.
    pub fn rules_for(&self, kind: KindCode) -> impl Iterator<Item = &FeeRule> {
        self.rules.iter().filter(move |r| r.kind == kind)
    }

    /// The rule in force for `kind` on `date` (latest `from` among those containing it).
    pub fn rule_on(&self, kind: KindCode, date: NaiveDate) -> Option<&FeeRule> {
        latest_in_force(self.rules_for(kind), date, |r| &r.period)
    }

    /// THE fee in force for `kind` on `date`; `None` when no rule covers the day.
    pub fn fee_on(&self, kind: KindCode, date: NaiveDate) -> Option<Yen> {
        self.rule_on(kind, date).map(|r| r.fee)
    }

    /// The first day after `after` on which a different fee comes into force, and that fee (the
    /// 「次回変更」 column). A rule that starts with the same amount is no change; a day without
    /// any fee is not reported (it is not a fee), but the fee that resumes after it is.
    pub fn next_change(&self, kind: KindCode, after: NaiveDate) -> Option<(NaiveDate, Yen)> {
        // The fee in force can only change on a rule's first day or the day after its last.
        let mut days: Vec<NaiveDate> = self
            .rules_for(kind)
            .flat_map(|r| [Some(r.period.from), r.period.end_exclusive()])
            .flatten()
            .filter(|&d| d > after)
            .collect();
        days.sort();
        days.dedup();
        let mut current = self.fee_on(kind, after);
        for day in days {
            let fee = self.fee_on(kind, day);
            if fee != current {
                if let Some(fee) = fee {
                    return Some((day, fee));
                }
                current = fee;
            }
        }
        None
    }

    /// This schedule with `rule` added, replacing a rule of the same kind and start day (how an
    /// approved 「手数料の変更」 is applied).
    pub fn with_rule(&self, rule: FeeRule) -> Result<Self, DomainError> {
        let mut rules: Vec<FeeRule> = self
            .rules
            .iter()
            .filter(|r| (r.kind, r.period.from) != (rule.kind, rule.period.from))
            .cloned()
            .collect();
        rules.push(rule);
        Self::new(rules)
    }
}

impl TryFrom<Vec<FeeRule>> for FeeSchedule {
    type Error = DomainError;
    fn try_from(rules: Vec<FeeRule>) -> Result<Self, Self::Error> {
        Self::new(rules)
    }
}

impl From<FeeSchedule> for Vec<FeeRule> {
    fn from(s: FeeSchedule) -> Self {
        s.rules
    }
}

/// The commission J-LIS's side keeps per 通, with its tax treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommissionRule {
    /// `None`: every kind without a rule of its own in force.
    #[serde(default)]
    pub kind: Option<KindCode>,
    pub period: Period,
    pub per_copy: Yen,
    pub tax: TaxTreatment,
    #[serde(default)]
    pub note: FreeText,
}

impl CommissionRule {
    pub fn validate(&self) -> Result<(), DomainError> {
        self.period.validate()?;
        self.note.check("note")?;
        self.tax.validate()?;
        if self.per_copy.is_negative() {
            return Err(DomainError::new(
                "per_copy",
                format!(
                    "委託手数料に負の金額（{}）は設定できません。",
                    self.per_copy
                ),
                format!("commission per copy is negative: {}", self.per_copy),
            ));
        }
        Ok(())
    }

    /// 「全種別 2020-04-01〜 117円 非課税」.
    pub fn describe(&self) -> String {
        let scope = self
            .kind
            .map_or_else(|| "全種別".to_owned(), |k| format!("証明書種別 {k}"));
        with_note(
            format!(
                "{scope} {} {} {}",
                self.period,
                self.per_copy,
                self.tax.label_ja()
            ),
            self.note.as_str(),
        )
    }
}

/// Every commission rule of a city, checked as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "Vec<CommissionRule>", into = "Vec<CommissionRule>")]
pub struct CommissionSchedule {
    /// Sorted by scope (all kinds first), then `from`.
    rules: Vec<CommissionRule>,
}

impl CommissionSchedule {
    /// Checks each rule and refuses two rules of one scope starting on the same day.
    pub fn new(mut rules: Vec<CommissionRule>) -> Result<Self, DomainError> {
        rules.sort_by_key(|r| (r.kind, r.period.from));
        for r in &rules {
            r.validate()?;
        }
        if let Some(w) = rules
            .windows(2)
            .find(|w| (w[0].kind, w[0].period.from) == (w[1].kind, w[1].period.from))
        {
            return Err(DomainError::new(
                "commissions",
                format!(
                    "委託手数料「{}」と「{}」は開始日が同じため、どちらを適用するか決められません。",
                    w[0].describe(),
                    w[1].describe()
                ),
                format!(
                    "commission rules for {} both start on {}: {} and {}",
                    w[0].kind.map_or_else(|| "all kinds".to_owned(), |k| format!("kind {k}")),
                    w[0].period.from,
                    w[0].per_copy,
                    w[1].per_copy
                ),
            ));
        }
        Ok(Self { rules })
    }

    /// Chiba demo: 117円 per 通 for every kind from 2020-04-01, recorded as 非課税 (the figure
    /// given with the demo profile carries no tax statement; a city records its contract's).
    pub fn chiba_demo() -> Self {
        Self::new(vec![CommissionRule {
            kind: None,
            period: Period::starting(chiba_start()),
            per_copy: Yen::new(117),
            tax: TaxTreatment::Exempt,
            note: FreeText::empty(),
        }])
        .expect("the demo commission is valid")
    }

    pub fn rules(&self) -> &[CommissionRule] {
        &self.rules
    }

    /// THE commission in force for `kind` on `date`: the kind's own rule if one is in force,
    /// else the rule for all kinds (latest `from` wins within each).
    pub fn commission_on(&self, kind: KindCode, date: NaiveDate) -> Option<&CommissionRule> {
        let of = |scope: Option<KindCode>| {
            latest_in_force(
                self.rules.iter().filter(move |r| r.kind == scope),
                date,
                |r| &r.period,
            )
        };
        of(Some(kind)).or_else(|| of(None))
    }

    /// The per-通 amount of [`Self::commission_on`].
    pub fn per_copy_on(&self, kind: KindCode, date: NaiveDate) -> Option<Yen> {
        self.commission_on(kind, date).map(|r| r.per_copy)
    }

    /// This schedule with `rule` added, replacing a rule of the same scope and start day.
    pub fn with_rule(&self, rule: CommissionRule) -> Result<Self, DomainError> {
        let mut rules: Vec<CommissionRule> = self
            .rules
            .iter()
            .filter(|r| (r.kind, r.period.from) != (rule.kind, rule.period.from))
            .cloned()
            .collect();
        rules.push(rule);
        Self::new(rules)
    }
}

impl TryFrom<Vec<CommissionRule>> for CommissionSchedule {
    type Error = DomainError;
    fn try_from(rules: Vec<CommissionRule>) -> Result<Self, Self::Error> {
        Self::new(rules)
    }
}

impl From<CommissionSchedule> for Vec<CommissionRule> {
    fn from(s: CommissionSchedule) -> Self {
        s.rules
    }
}

/// Among `rules` whose period contains `date`, the one with the latest `from`. Schedules refuse
/// equal `from`s, so the answer is unique.
fn latest_in_force<'a, R>(
    rules: impl Iterator<Item = &'a R>,
    date: NaiveDate,
    period: impl Fn(&R) -> &Period,
) -> Option<&'a R> {
    rules
        .filter(|r| period(r).contains(date))
        .max_by_key(|r| period(r).from)
}

fn with_note(text: String, note: &str) -> String {
    if note.trim().is_empty() {
        text
    } else {
        format!("{text}（{}）", note.trim())
    }
}

/// The day the demo rates start (令和2年度).
fn chiba_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 4, 1).expect("valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn code(s: &str) -> KindCode {
        KindCode::parse(s).unwrap()
    }

    fn fee(kind: &str, from: &str, until: Option<&str>, yen: i64, note: &str) -> FeeRule {
        FeeRule {
            kind: code(kind),
            period: Period::new(d(from), until.map(d)).unwrap(),
            fee: Yen::new(yen),
            note: FreeText::parse("note", note).unwrap(),
        }
    }

    /// Chiba, plus: 01 goes from 250 to 300 on 2027-04-01, with a 200円 campaign for
    /// 2026-10-01..=2026-12-31 inside the base period.
    fn schedule() -> FeeSchedule {
        FeeSchedule::chiba_demo()
            .with_rule(fee(
                "01",
                "2026-10-01",
                Some("2026-12-31"),
                200,
                "キャンペーン",
            ))
            .unwrap()
            .with_rule(fee("01", "2027-04-01", None, 300, ""))
            .unwrap()
    }

    #[test]
    fn the_chiba_fees_are_250_and_400_for_the_koseki_kinds() {
        let s = FeeSchedule::chiba_demo();
        let on = d("2026-10-10");
        for (k, yen) in [
            ("01", 250),
            ("03", 250),
            ("04", 400),
            ("05", 400),
            ("07", 250),
        ] {
            assert_eq!(s.fee_on(code(k), on), Some(Yen::new(yen)), "kind {k}");
        }
        assert_eq!(
            s.fee_on(code("01"), d("2020-03-31")),
            None,
            "no fee before the first rule"
        );
        assert_eq!(
            s.fee_on(code("08"), on),
            None,
            "no rule for an unknown kind"
        );
    }

    #[test]
    fn a_permanent_change_applies_from_its_first_day_and_not_the_day_before() {
        let s = schedule();
        assert_eq!(s.fee_on(code("01"), d("2027-03-31")), Some(Yen::new(250)));
        assert_eq!(s.fee_on(code("01"), d("2027-04-01")), Some(Yen::new(300)));
        assert_eq!(s.fee_on(code("01"), d("2027-04-02")), Some(Yen::new(300)));
        assert_eq!(
            s.fee_on(code("02"), d("2027-04-01")),
            Some(Yen::new(250)),
            "other kinds are untouched"
        );
    }

    #[test]
    fn a_campaign_overrides_the_base_fee_for_its_period_and_the_base_returns_after_it() {
        let s = schedule();
        let k = code("01");
        assert_eq!(
            s.fee_on(k, d("2026-09-30")),
            Some(Yen::new(250)),
            "day before"
        );
        assert_eq!(
            s.fee_on(k, d("2026-10-01")),
            Some(Yen::new(200)),
            "first day"
        );
        assert_eq!(s.fee_on(k, d("2026-10-02")), Some(Yen::new(200)));
        assert_eq!(
            s.fee_on(k, d("2026-12-31")),
            Some(Yen::new(200)),
            "last day"
        );
        assert_eq!(
            s.fee_on(k, d("2027-01-01")),
            Some(Yen::new(250)),
            "base again"
        );
        assert_eq!(s.rule_on(k, d("2026-11-01")).unwrap().note, "キャンペーン");
    }

    #[test]
    fn the_next_change_is_the_campaign_then_its_end_then_the_new_fee() {
        let s = schedule();
        let k = code("01");
        assert_eq!(
            s.next_change(k, d("2026-09-15")),
            Some((d("2026-10-01"), Yen::new(200)))
        );
        assert_eq!(
            s.next_change(k, d("2026-10-01")),
            Some((d("2027-01-01"), Yen::new(250))),
            "the campaign's end brings the base fee back"
        );
        assert_eq!(
            s.next_change(k, d("2027-01-01")),
            Some((d("2027-04-01"), Yen::new(300)))
        );
        assert_eq!(s.next_change(k, d("2027-04-01")), None);
        assert_eq!(s.next_change(code("04"), d("2026-09-15")), None);
    }

    #[test]
    fn a_new_rule_with_the_same_amount_is_not_a_change() {
        let s = FeeSchedule::chiba_demo()
            .with_rule(fee("02", "2027-04-01", None, 250, "条例改正"))
            .unwrap();
        assert_eq!(s.next_change(code("02"), d("2026-10-01")), None);
    }

    #[test]
    fn two_rules_of_a_kind_starting_the_same_day_are_refused_naming_both() {
        let err = FeeSchedule::new(vec![
            fee("01", "2020-04-01", None, 250, ""),
            fee("01", "2020-04-01", Some("2026-12-31"), 200, "キャンペーン"),
        ])
        .unwrap_err();
        assert_eq!(err.field, "fees");
        assert!(
            err.message.contains("2020-04-01〜 250円")
                && err
                    .message
                    .contains("2020-04-01〜2026-12-31 200円（キャンペーン）"),
            "both rules are named: {}",
            err.message
        );
        assert!(
            FeeSchedule::new(vec![
                fee("01", "2020-04-01", None, 250, ""),
                fee("02", "2020-04-01", None, 250, ""),
            ])
            .is_ok(),
            "different kinds may start on the same day"
        );
    }

    #[test]
    fn with_rule_replaces_a_rule_of_the_same_kind_and_day() {
        let s = FeeSchedule::chiba_demo()
            .with_rule(fee("04", "2020-04-01", None, 450, "訂正"))
            .unwrap();
        assert_eq!(s.rules_for(code("04")).count(), 1);
        assert_eq!(s.fee_on(code("04"), d("2026-10-01")), Some(Yen::new(450)));
    }

    #[test]
    fn a_negative_fee_is_refused_and_a_free_campaign_is_not() {
        assert!(FeeSchedule::new(vec![fee("01", "2020-04-01", None, -1, "")]).is_err());
        assert!(FeeSchedule::new(vec![fee("01", "2020-04-01", None, 0, "無料")]).is_ok());
    }

    #[test]
    fn a_note_holding_a_twelve_digit_number_is_refused_even_when_it_arrives_as_json() {
        let rule: FeeRule = serde_json::from_str(
            r#"{"kind":"01","period":{"from":"2026-10-01","until":null},"fee":250,"note":"申請者 1234 5678 9012"}"#,
        )
        .unwrap();
        assert_eq!(rule.validate().unwrap_err().field, "note");
        let commission = CommissionRule {
            note: serde_json::from_str(r#""１２３４５６７８９０１２""#).unwrap(),
            ..commission(None, "2026-10-01", None, 117)
        };
        assert_eq!(commission.validate().unwrap_err().field, "note");
    }

    #[test]
    fn a_fee_schedule_is_a_json_list_of_rules_checked_when_read() {
        let s = schedule();
        let json = serde_json::to_string(&s).unwrap();
        assert!(
            json.contains(r#"{"kind":"01","period":{"from":"2026-10-01","until":"2026-12-31"},"fee":200,"note":"キャンペーン"}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<FeeSchedule>(&json).unwrap(), s);
        let twice = r#"[{"kind":"01","period":{"from":"2020-04-01","until":null},"fee":250},
                        {"kind":"01","period":{"from":"2020-04-01","until":null},"fee":300}]"#;
        assert!(serde_json::from_str::<FeeSchedule>(twice).is_err());
    }

    fn commission(kind: Option<&str>, from: &str, until: Option<&str>, yen: i64) -> CommissionRule {
        CommissionRule {
            kind: kind.map(code),
            period: Period::new(d(from), until.map(d)).unwrap(),
            per_copy: Yen::new(yen),
            tax: TaxTreatment::Exempt,
            note: FreeText::empty(),
        }
    }

    #[test]
    fn the_commission_is_effective_dated_and_changes_on_its_first_day() {
        let s = CommissionSchedule::chiba_demo()
            .with_rule(CommissionRule {
                tax: TaxTreatment::Included { rate_percent: 10 },
                ..commission(None, "2027-04-01", None, 120)
            })
            .unwrap();
        let k = code("03");
        assert_eq!(s.per_copy_on(k, d("2027-03-31")), Some(Yen::new(117)));
        let after = s.commission_on(k, d("2027-04-01")).unwrap();
        assert_eq!(after.per_copy, Yen::new(120));
        assert_eq!(after.tax, TaxTreatment::Included { rate_percent: 10 });
        assert_eq!(s.per_copy_on(k, d("2020-03-31")), None);
    }

    #[test]
    fn a_kind_specific_commission_beats_the_general_one_while_in_force() {
        let s = CommissionSchedule::chiba_demo()
            .with_rule(commission(
                Some("04"),
                "2026-10-01",
                Some("2026-10-31"),
                100,
            ))
            .unwrap();
        assert_eq!(
            s.per_copy_on(code("04"), d("2026-10-15")),
            Some(Yen::new(100))
        );
        assert_eq!(
            s.per_copy_on(code("04"), d("2026-11-01")),
            Some(Yen::new(117)),
            "back to the general rule after the kind's own ends"
        );
        assert_eq!(
            s.per_copy_on(code("01"), d("2026-10-15")),
            Some(Yen::new(117))
        );
        // Even an older kind-specific rule beats a newer general one: specificity comes first.
        let s = CommissionSchedule::new(vec![
            commission(Some("04"), "2020-04-01", None, 100),
            commission(None, "2026-04-01", None, 117),
        ])
        .unwrap();
        assert_eq!(
            s.per_copy_on(code("04"), d("2026-10-15")),
            Some(Yen::new(100))
        );
    }

    #[test]
    fn two_commission_rules_of_one_scope_starting_the_same_day_are_refused() {
        let err = CommissionSchedule::new(vec![
            commission(None, "2020-04-01", None, 117),
            commission(None, "2020-04-01", None, 115),
        ])
        .unwrap_err();
        assert!(
            err.message.contains("117円") && err.message.contains("115円"),
            "{}",
            err.message
        );
        assert!(CommissionSchedule::new(vec![
            commission(None, "2020-04-01", None, 117),
            commission(Some("04"), "2020-04-01", None, 100),
        ])
        .is_ok());
        let bad_rate = CommissionRule {
            tax: TaxTreatment::Included { rate_percent: 0 },
            ..commission(None, "2020-04-01", None, 117)
        };
        assert!(CommissionSchedule::new(vec![bad_rate]).is_err());
    }
}
