//! Consistent made-up J-LIS data for tests, demos and the future J-LIS simulator.
//!
//! [`month`] produces a month of completion notices under the Chiba City demo profile of
//! INTERFACES.md (service 6:30–23:00 every day except 12/29–1/3; 戸籍 kinds 04 and 05 on
//! weekdays 9:00–17:00 only; fees 250 円 per 通, 400 円 for 04 and 05; commission 117 円 per 通),
//! with a few cancellations and corrections, and the finalized statement those notices add up
//! to. The same seed gives the same data on every machine: the random numbers come from a
//! SplitMix64 generator written here, not from a crate whose stream might change.
//!
//! It does not model national holidays (the 戸籍 hours use Monday–Friday), does not write files
//! (see [`crate::format::write_statement`] and [`crate::format::write_notices`]), and its
//! [`effective_lines`] is the generator's own model of the effective view, not the
//! reconciliation's.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::{MunicipalityCode, TargetMonth};
use std::collections::{BTreeMap, HashMap};

use crate::format::{CompletionNotice, NoticeAction, Statement, StatementLine};

/// 委託手数料 per 通 in the demo profile.
pub const COMMISSION_PER_COPY: i64 = 117;

/// 交付手数料 per 通 for a certificate kind in the demo profile: 400 円 for the 戸籍 kinds
/// (04, 05), 250 円 for the others.
pub fn fee_per_copy(kind: &str) -> i64 {
    match kind {
        "04" | "05" => 400,
        _ => 250,
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast and with a fixed stream per seed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// One of `items`, chosen with the given weights.
    fn weighted<'a>(&mut self, items: &[(&'a str, u64)]) -> &'a str {
        let total: u64 = items.iter().map(|(_, w)| w).sum();
        let mut pick = self.below(total);
        for (item, w) in items {
            if pick < *w {
                return item;
            }
            pick -= w;
        }
        items[items.len() - 1].0
    }
}

/// Market shares, roughly.
const OPERATOR_WEIGHTS: [(&str, u64); 6] = [
    ("0001", 40),
    ("0002", 22),
    ("0003", 25),
    ("0004", 6),
    ("0005", 3),
    ("0006", 4),
];

const KIND_WEIGHTS: [(&str, u64); 7] = [
    ("01", 45),
    ("02", 3),
    ("03", 30),
    ("04", 6),
    ("05", 4),
    ("06", 2),
    ("07", 10),
];

fn is_family_register(kind: &str) -> bool {
    matches!(kind, "04" | "05")
}

/// Whether the demo profile's kiosks serve on `date` (closed 12/29–1/3).
pub fn is_service_day(date: NaiveDate) -> bool {
    !matches!((date.month(), date.day()), (12, 29..=31) | (1, 1..=3))
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("valid time")
}

/// A month of data: the completion notices (issuances, a few cancellations and corrections,
/// sorted by 交付日時) and the finalized statement they add up to (see [`effective_lines`]).
///
/// `scale` is the average number of issuances per service day (each day draws 70–130 % of it).
/// About 1 % of issuances are later cancelled and 0.5 % corrected (at least one of each when the
/// month has three issuances or more), always within the same day and keeping the operator and
/// kind, so that every reading of a correction gives the same statement.
pub fn month(
    municipality: MunicipalityCode,
    month: TargetMonth,
    seed: u64,
    scale: u32,
) -> (Statement, Vec<CompletionNotice>) {
    let mut rng = SplitMix64(seed ^ 0x4B4F_4655_4A4C_4953);
    let stores: HashMap<&str, Vec<String>> = OPERATOR_WEIGHTS
        .iter()
        .map(|(op, _)| {
            let list = (0..8)
                .map(|_| format!("{:07}", rng.below(10_000_000)))
                .collect();
            (*op, list)
        })
        .collect();
    let mut issuances: Vec<CompletionNotice> = Vec::new();
    let mut date = month.first_day();
    while month.contains(date) {
        if is_service_day(date) {
            let weekday = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            let n = u64::from(scale) * (70 + rng.below(61)) / 100;
            let mut day: Vec<(NaiveDateTime, &str, &str, u32)> = (0..n)
                .map(|_| {
                    // 6:30:00 to 22:59:59.
                    let at =
                        date.and_time(time(6, 30)) + Duration::seconds(rng.below(59_400) as i64);
                    let operator = rng.weighted(&OPERATOR_WEIGHTS);
                    let open = weekday && at.time() >= time(9, 0) && at.time() < time(17, 0);
                    let kind = loop {
                        let k = rng.weighted(&KIND_WEIGHTS);
                        if open || !is_family_register(k) {
                            break k;
                        }
                    };
                    let copies = match rng.below(100) {
                        0..=84 => 1,
                        85..=96 => 2,
                        _ => 3,
                    };
                    (at, operator, kind, copies)
                })
                .collect();
            day.sort();
            for (seq, (at, operator, kind, copies)) in day.into_iter().enumerate() {
                let list = &stores[operator];
                let store = list[rng.below(list.len() as u64) as usize].clone();
                let kiosk = format!("{:02}", 1 + rng.below(2));
                issuances.push(CompletionNotice {
                    id: format!("A{}{:012}", date.format("%Y%m%d"), seq + 1),
                    at,
                    operator: OperatorCode::parse(operator).expect("a default operator code"),
                    store,
                    kiosk,
                    kind: KindCode::parse(kind).expect("a default kind code"),
                    copies,
                    fee: Yen::new(fee_per_copy(kind) * i64::from(copies)),
                    commission: Yen::new(COMMISSION_PER_COPY * i64::from(copies)),
                    action: NoticeAction::Issuance,
                    original_id: None,
                });
            }
        }
        date = date.succ_opt().expect("not the last day ever");
    }

    // Choose distinct issuances to cancel and to correct.
    let total = issuances.len();
    let (cancels, corrects) = if total >= 3 {
        ((total / 100).max(1), (total / 200).max(1))
    } else {
        (0, 0)
    };
    let mut order: Vec<usize> = (0..total).collect();
    for i in 0..(cancels + corrects).min(total) {
        let j = i + rng.below((total - i) as u64) as usize;
        order.swap(i, j);
    }
    let mut followups = Vec::with_capacity(cancels + corrects);
    for (n, &i) in order[..cancels + corrects].iter().enumerate() {
        let original = &issuances[i];
        let later = original.at + Duration::seconds(60 + rng.below(1_741) as i64);
        let mut notice = original.clone();
        notice.at = later;
        notice.original_id = Some(original.id.clone());
        let stamp = original.at.format("%Y%m%d");
        if n < cancels {
            notice.action = NoticeAction::Cancellation;
            notice.id = format!("C{stamp}{:012}", n + 1);
        } else {
            notice.action = NoticeAction::Correction;
            notice.id = format!("R{stamp}{:012}", n + 1);
            notice.copies = if original.copies == 1 {
                2
            } else {
                original.copies - 1
            };
            notice.fee = Yen::new(fee_per_copy(notice.kind.as_str()) * i64::from(notice.copies));
            notice.commission = Yen::new(COMMISSION_PER_COPY * i64::from(notice.copies));
        }
        followups.push(notice);
    }
    let mut notices = issuances;
    notices.extend(followups);
    notices.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));

    let lines = effective_lines(&notices);
    let created_at = month.next().day(9).and_time(time(18, 0));
    let statement = Statement::new(municipality, month, created_at, true, lines)
        .expect("lines aggregated from one month's notices are a valid statement");
    (statement, notices)
}

/// The statement lines a list of notices adds up to, under the generator's model of the
/// effective view: a cancellation removes its original issuance, a correction replaces the
/// original's values, and each surviving issuance counts on the day of its original 交付日時.
/// Cancellations and corrections whose original is not in the list are ignored.
pub fn effective_lines(notices: &[CompletionNotice]) -> Vec<StatementLine> {
    let mut effective: HashMap<&str, CompletionNotice> = HashMap::new();
    let mut days: HashMap<&str, NaiveDate> = HashMap::new();
    let mut sorted: Vec<&CompletionNotice> = notices.iter().collect();
    sorted.sort_by_key(|n| n.action != NoticeAction::Issuance);
    for n in sorted {
        match (n.action, n.original_id.as_deref()) {
            (NoticeAction::Issuance, _) => {
                days.insert(&n.id, n.at.date());
                effective.insert(&n.id, n.clone());
            }
            (NoticeAction::Cancellation, Some(original)) => {
                effective.remove(original);
            }
            (NoticeAction::Correction, Some(original)) => {
                if let Some(slot) = effective.get_mut(original) {
                    *slot = n.clone();
                }
            }
            _ => {}
        }
    }
    let mut lines: BTreeMap<(NaiveDate, OperatorCode, KindCode), StatementLine> = BTreeMap::new();
    for (id, n) in effective {
        let date = days[id];
        let line = lines
            .entry((date, n.operator, n.kind))
            .or_insert_with(|| StatementLine {
                date,
                operator: n.operator,
                kind: n.kind,
                issuances: 0,
                copies: 0,
                fees: Yen::ZERO,
                commissions: Yen::ZERO,
            });
        line.issuances += 1;
        line.copies += n.copies;
        line.fees = line
            .fees
            .checked_add(n.fee)
            .expect("a month's fees fit in yen");
        line.commissions = line
            .commissions
            .checked_add(n.commission)
            .expect("a month's commissions fit in yen");
    }
    lines.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chiba() -> MunicipalityCode {
        MunicipalityCode::parse("121002").unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_month_and_another_seed_does_not() {
        let m = TargetMonth::parse("2026-10").unwrap();
        let a = month(chiba(), m, 7, 20);
        let b = month(chiba(), m, 7, 20);
        let c = month(chiba(), m, 8, 20);
        assert_eq!(a, b, "generation is deterministic for a seed");
        assert_ne!(a.1, c.1, "another seed gives other notices");
    }

    #[test]
    fn family_register_certificates_are_only_issued_on_weekdays_from_9_to_17() {
        let m = TargetMonth::parse("2026-10").unwrap();
        let (_, notices) = month(chiba(), m, 3, 200);
        let issued = notices
            .iter()
            .filter(|n| n.action == NoticeAction::Issuance && is_family_register(n.kind.as_str()));
        for n in issued {
            let t = n.at.time();
            assert!(
                !matches!(n.at.weekday(), Weekday::Sat | Weekday::Sun),
                "{} is a 戸籍 issuance on a weekend",
                n.id
            );
            assert!(
                t >= time(9, 0) && t < time(17, 0),
                "{} is a 戸籍 issuance outside 9:00–17:00",
                n.id
            );
        }
    }

    #[test]
    fn no_issuance_falls_in_the_new_year_closure() {
        let m = TargetMonth::parse("2026-12").unwrap();
        let (statement, notices) = month(chiba(), m, 1, 30);
        assert!(
            notices.iter().all(|n| n.at.day() < 29),
            "kiosks are closed from 12/29"
        );
        assert!(statement.lines().iter().all(|l| l.date.day() < 29));
        let jan = TargetMonth::parse("2027-01").unwrap();
        let (_, notices) = month(chiba(), jan, 1, 30);
        assert!(notices.iter().all(|n| n.at.day() > 3), "closed until 1/3");
    }

    #[test]
    fn fees_and_commissions_follow_the_chiba_demo_profile() {
        let m = TargetMonth::parse("2026-11").unwrap();
        let (_, notices) = month(chiba(), m, 5, 50);
        for n in &notices {
            let rate = if matches!(n.kind.as_str(), "04" | "05") {
                400
            } else {
                250
            };
            assert_eq!(
                n.fee.to_i64(),
                rate * i64::from(n.copies),
                "fee of {}",
                n.id
            );
            assert_eq!(
                n.commission.to_i64(),
                117 * i64::from(n.copies),
                "commission of {}",
                n.id
            );
        }
        assert!(
            notices
                .iter()
                .any(|n| n.action == NoticeAction::Cancellation)
                && notices.iter().any(|n| n.action == NoticeAction::Correction),
            "a month has a few cancellations and corrections"
        );
    }

    #[test]
    fn the_statement_is_exactly_the_effective_notices_added_up() {
        let m = TargetMonth::parse("2026-10").unwrap();
        let (statement, notices) = month(chiba(), m, 11, 40);
        assert_eq!(statement.lines(), effective_lines(&notices).as_slice());
        let issued = notices
            .iter()
            .filter(|n| n.action == NoticeAction::Issuance)
            .count() as u64;
        let cancelled = notices
            .iter()
            .filter(|n| n.action == NoticeAction::Cancellation)
            .count() as u64;
        assert_eq!(
            statement.totals().issuances,
            issued - cancelled,
            "a cancelled issuance is not counted"
        );
        assert!(
            statement.finalized(),
            "the generated statement is finalized"
        );
    }

    #[test]
    fn a_month_without_activity_gives_an_empty_statement() {
        let m = TargetMonth::parse("2026-10").unwrap();
        let (statement, notices) = month(chiba(), m, 1, 0);
        assert!(notices.is_empty());
        assert_eq!(statement.totals().records, 0);
    }
}
