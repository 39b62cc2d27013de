//! The catalogue as listed (`kofu catalogue list`, the catalogue table of the UI): each kind
//! with the fee and commission in force on a given day and the next fee change.
//!
//! A view, computed from the catalogue and the schedules; nothing here is stored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Catalogue, CommissionSchedule, FeeSchedule, KindCode};
use crate::money::Yen;

/// A fee that comes into force on a later day (「次回変更」).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FeeChange {
    pub on: NaiveDate,
    pub fee: Yen,
}

/// One row: `{"code":"01","name":"住民票の写し","fee":250,"enabled":true,…}` (CLI.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CatalogueEntry {
    pub code: KindCode,
    pub name: String,
    /// The fee in force on the day asked; `null` when no rule covers it.
    pub fee: Option<Yen>,
    pub enabled: bool,
    /// The note of the fee rule in force, e.g. 「キャンペーン」 (empty when none).
    pub fee_note: String,
    /// The commission per 通 in force on the day asked.
    pub commission: Option<Yen>,
    pub next_change: Option<FeeChange>,
}

/// Every kind of `catalogue`, in code order, as of `on`.
pub fn entries(
    catalogue: &Catalogue,
    fees: &FeeSchedule,
    commissions: &CommissionSchedule,
    on: NaiveDate,
) -> Vec<CatalogueEntry> {
    catalogue
        .kinds()
        .iter()
        .map(|k| entry(k.code, k.name.as_str(), k.enabled, fees, commissions, on))
        .collect()
}

fn entry(
    code: KindCode,
    name: &str,
    enabled: bool,
    fees: &FeeSchedule,
    commissions: &CommissionSchedule,
    on: NaiveDate,
) -> CatalogueEntry {
    let rule = fees.rule_on(code, on);
    CatalogueEntry {
        code,
        name: name.to_owned(),
        fee: rule.map(|r| r.fee),
        enabled,
        fee_note: rule.map(|r| r.note.to_string()).unwrap_or_default(),
        commission: commissions.per_copy_on(code, on),
        next_change: fees
            .next_change(code, on)
            .map(|(on, fee)| FeeChange { on, fee }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{FeeRule, Period};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_chiba_list_shows_fees_commission_and_the_next_change() {
        let fees = FeeSchedule::chiba_demo()
            .with_rule(FeeRule {
                kind: KindCode::parse("01").unwrap(),
                period: Period::new(d("2026-10-01"), Some(d("2026-12-31"))).unwrap(),
                fee: Yen::new(200),
                note: crate::FreeText::parse("note", "キャンペーン").unwrap(),
            })
            .unwrap();
        let rows = entries(
            &Catalogue::chiba_demo(),
            &fees,
            &CommissionSchedule::chiba_demo(),
            d("2026-09-20"),
        );
        assert_eq!(rows.len(), 7);
        let json = serde_json::to_string(&rows[0]).unwrap();
        assert!(
            json.starts_with(r#"{"code":"01","name":"住民票の写し","fee":250,"enabled":true,"#),
            "the CLI.md shape: {json}"
        );
        assert_eq!(
            rows[0].next_change,
            Some(FeeChange {
                on: d("2026-10-01"),
                fee: Yen::new(200)
            })
        );
        assert_eq!(rows[3].fee, Some(Yen::new(400)), "04 戸籍全部事項証明書");
        assert_eq!(rows[3].commission, Some(Yen::new(117)));
        assert_eq!(rows[3].next_change, None);
    }
}
