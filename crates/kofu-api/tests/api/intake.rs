//! J-LIS data intake on both backends: statements (finalized ones immutable), notices,
//! reconciliation and settlement.

use kofu_api::intake::NoticesImport;
use kofu_api::{Actor, Desk, DEMO_PASSWORD};
use kofu_core::catalogue::KindCode;
use kofu_core::money::Yen;
use kofu_core::{MunicipalityCode, TargetMonth};
use kofu_jlis::format::{
    write_notices, write_statement, CompletionNotice, Encoding, NoticeAction, Statement,
};
use kofu_jlis::generate;
use kofu_store::testing::TestDb;
use serde_json::json;

use crate::demo;

/// `notices` as J-LIS sends them (CP932), imported by `actor`.
fn import_cp932(
    d: &Desk,
    actor: &Actor,
    notices: &[CompletionNotice],
) -> Result<NoticesImport, kofu_api::Error> {
    d.import_notices(
        actor,
        write_notices(chiba(), notices, Encoding::Cp932).as_slice(),
    )
}

fn june() -> TargetMonth {
    // No national holiday in June: the generator's 戸籍 issuances all fall in service hours.
    TargetMonth::parse("2026-06").unwrap()
}

fn chiba() -> MunicipalityCode {
    MunicipalityCode::parse("121002").unwrap()
}

pub fn a_finalized_statement_is_imported_once_and_never_overwritten(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (statement, _) = generate::month(chiba(), june(), 7, 1);
    let first = d
        .import_statement(&clerk, &write_statement(&statement, Encoding::Cp932))
        .unwrap();
    assert_eq!(
        (
            first.target_month.as_str(),
            first.status.as_str(),
            first.finalized
        ),
        ("2026-06", "imported", true)
    );
    let t = statement.totals();
    assert_eq!(
        (first.fees, first.commissions, first.records),
        (t.fees, t.commissions, t.records as i64)
    );

    let again = d
        .import_statement(&clerk, &write_statement(&statement, Encoding::Utf8Bom))
        .unwrap();
    assert_eq!(
        again.status, "unchanged",
        "the same records in another encoding are the same content"
    );

    let (other, _) = generate::month(chiba(), june(), 8, 1);
    let err = d
        .import_statement(&clerk, &write_statement(&other, Encoding::Cp932))
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err.message().contains("第4条第3項"), "{}", err.message());
    assert!(!err.details().is_empty(), "the differences are reported");
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    assert_eq!(
        d.settlement(&supervisor, june()).unwrap().fees,
        t.fees,
        "the stored month is unchanged"
    );
}

pub fn a_bad_statement_is_refused_whole_naming_the_line(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (statement, _) = generate::month(chiba(), june(), 7, 1);
    let text = String::from_utf8(write_statement(&statement, Encoding::Utf8)).unwrap();
    let bad = text.replacen(",01,", ",99,", 1);
    let err = d.import_statement(&clerk, bad.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "validation");
    assert!(
        err.message().contains("行目"),
        "names the line: {}",
        err.message()
    );
    assert!(
        err.details().iter().any(|e| e["value"] == json!("99")),
        "{:?}",
        err.details()
    );
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    assert_eq!(
        d.settlement(&supervisor, june()).unwrap_err().code(),
        "not_found",
        "nothing was written"
    );
    let helpdesk = d.login("helpdesk", DEMO_PASSWORD).unwrap();
    assert_eq!(
        d.import_statement(&helpdesk, text.as_bytes())
            .unwrap_err()
            .code(),
        "forbidden"
    );
}

pub fn notices_reconcile_with_the_statement_and_a_cancellation_shows_as_a_difference(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (statement, notices) = generate::month(chiba(), june(), 11, 1);
    d.import_statement(&clerk, &write_statement(&statement, Encoding::Cp932))
        .unwrap();
    let file = write_notices(chiba(), &notices, Encoding::Cp932);
    let n = d.import_notices(&clerk, file.as_slice()).unwrap();
    assert_eq!((n.imported as usize, n.unchanged), (notices.len(), 0));
    let again = d.import_notices(&clerk, file.as_slice()).unwrap();
    assert_eq!(
        (again.imported, again.unchanged as usize),
        (0, notices.len()),
        "re-importing is a no-op"
    );

    let r = d.reconcile(&clerk, june()).unwrap();
    assert!(
        r.matched,
        "generated notices add up to the statement: {:?}",
        r.differences.first()
    );
    assert!(r.out_of_hours.is_empty(), "{:?}", r.out_of_hours.first());
    assert!(
        r.commission_findings.is_empty(),
        "117 円 per 通 as configured"
    );

    // J-LIS later cancels one issuance: the month no longer matches the statement.
    let victim = notices
        .iter()
        .find(|n| {
            n.action == kofu_jlis::format::NoticeAction::Issuance
                && !notices
                    .iter()
                    .any(|m| m.original_id.as_deref() == Some(&n.id))
        })
        .unwrap();
    let mut cancel = victim.clone();
    cancel.id = "CANCELTEST0001".into();
    cancel.action = kofu_jlis::format::NoticeAction::Cancellation;
    cancel.original_id = Some(victim.id.clone());
    cancel.at = victim.at + chrono::Duration::minutes(1);
    d.import_notices(
        &clerk,
        write_notices(chiba(), &[cancel], Encoding::Utf8).as_slice(),
    )
    .unwrap();
    let r = d.reconcile(&clerk, june()).unwrap();
    assert!(!r.matched);
    assert_eq!(r.differences.len(), 1);
    let diff = &r.differences[0];
    assert_eq!(
        diff.statement.issuances - diff.notices.issuances,
        1,
        "{diff:?}"
    );
    assert_eq!(diff.date, victim.at.date());
}

pub fn a_notice_stored_with_other_values_refuses_the_whole_file(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (_, notices) = generate::month(chiba(), june(), 3, 20);
    assert!(notices.len() >= 20, "enough notices: {}", notices.len());
    import_cp932(&d, &clerk, &notices[..10]).unwrap();
    let mut changed = notices[..20].to_vec();
    changed[5].copies += 1;
    let err = import_cp932(&d, &clerk, &changed).unwrap_err();
    assert_eq!(err.code(), "conflict");
    let again = import_cp932(&d, &clerk, &notices[..20]).unwrap();
    assert_eq!(
        (again.imported, again.unchanged),
        (10, 10),
        "the refused file wrote none of its new notices"
    );
}

pub fn the_settlement_nets_fees_against_commissions_by_operator_and_kind(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (statement, _) = generate::month(chiba(), june(), 5, 1);
    d.import_statement(&clerk, &write_statement(&statement, Encoding::Cp932))
        .unwrap();
    let s = d.settlement(&clerk, june()).unwrap();
    let t = statement.totals();
    assert_eq!(
        (s.fees, s.commissions, s.net),
        (
            t.fees,
            t.commissions,
            t.fees.checked_sub(t.commissions).unwrap()
        )
    );
    assert_eq!(
        Yen::checked_sum(s.by_operator.iter().map(|o| o.net)),
        Some(s.net)
    );
    assert_eq!(
        s.by_kind.iter().map(|k| k.copies).sum::<i64>(),
        t.copies as i64
    );

    // A preliminary statement of another month can be previewed, flagged as not final.
    let july = TargetMonth::parse("2026-07").unwrap();
    let (final_july, _) = generate::month(chiba(), july, 5, 1);
    let preliminary = Statement::new(
        chiba(),
        july,
        final_july.created_at(),
        false,
        final_july.lines().to_vec(),
    )
    .unwrap();
    let imported = d
        .import_statement(&clerk, &write_statement(&preliminary, Encoding::Cp932))
        .unwrap();
    assert!(!imported.finalized);
    assert!(!d.settlement(&clerk, july).unwrap().finalized);
    let replaced = d
        .import_statement(&clerk, &write_statement(&final_july, Encoding::Cp932))
        .unwrap();
    assert_eq!(
        (replaced.status.as_str(), replaced.finalized),
        ("imported", true),
        "the final statement replaces the preliminary one"
    );
}

// Notices are stored in batches (kofu_store::intake::NoticeWriter) and reconciliation reads the
// running totals kept with them (migration 0004). These tests are registered at the end of this
// file.

fn notice_at(template: &CompletionNotice, id: &str, at: &str) -> CompletionNotice {
    let mut n = template.clone();
    n.id = id.into();
    n.at = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").unwrap();
    n
}

pub fn a_conflict_in_a_later_batch_refuses_the_whole_file_and_the_totals_stay_right(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (statement, notices) = generate::month(chiba(), june(), 21, 20);
    assert!(
        notices.len() > 3 * 128,
        "several batches: {}",
        notices.len()
    );
    d.import_statement(&clerk, &write_statement(&statement, Encoding::Cp932))
        .unwrap();
    let half = notices.len() / 2;
    let first = import_cp932(&d, &clerk, &notices[..half]).unwrap();
    assert_eq!((first.imported as usize, first.unchanged), (half, 0));

    // The whole month with one stored notice changed, several batches into the file.
    let mut changed = notices.clone();
    changed[half - 3].fee = changed[half - 3].fee.checked_add(Yen::new(10)).unwrap();
    let err = import_cp932(&d, &clerk, &changed).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.message().contains(&notices[half - 3].id),
        "names the notice: {}",
        err.message()
    );

    let again = import_cp932(&d, &clerk, &notices).unwrap();
    assert_eq!(
        (again.imported as usize, again.unchanged as usize),
        (notices.len() - half, half),
        "the refused file stored none of its new notices"
    );
    let r = d.reconcile(&clerk, june()).unwrap();
    assert!(
        r.matched,
        "a day split between two imports is counted once: {:?}",
        r.differences.first()
    );
    assert!(r.out_of_hours.is_empty(), "{:?}", r.out_of_hours.first());

    let third = d
        .import_notices(
            &clerk,
            write_notices(chiba(), &notices, Encoding::Utf8).as_slice(),
        )
        .unwrap();
    assert_eq!(
        (third.imported, third.unchanged as usize),
        (0, notices.len())
    );
    let r = d.reconcile(&clerk, june()).unwrap();
    assert!(r.matched, "{:?}", r.differences.first());
}

pub fn a_conflict_before_the_first_bad_line_is_reported_as_a_conflict(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (_, notices) = generate::month(chiba(), june(), 4, 10);
    import_cp932(&d, &clerk, &notices[..50]).unwrap();

    let mut conflict_first = notices[..60].to_vec();
    conflict_first[5].copies += 1;
    conflict_first[40].kind = KindCode::parse("99").unwrap();
    let err = import_cp932(&d, &clerk, &conflict_first).unwrap_err();
    assert_eq!(
        err.code(),
        "conflict",
        "the conflict comes first in the file, in the same batch as the bad line"
    );

    let mut bad_line_first = notices[..60].to_vec();
    bad_line_first[40].kind = KindCode::parse("99").unwrap();
    bad_line_first[45].copies += 1;
    let err = import_cp932(&d, &clerk, &bad_line_first).unwrap_err();
    assert_eq!(err.code(), "validation");
    assert!(
        err.details().iter().any(|e| e["line"] == json!(42)),
        "{:?}",
        err.details()
    );

    let after = import_cp932(&d, &clerk, &notices[..60]).unwrap();
    assert_eq!(
        (after.imported, after.unchanged),
        (10, 50),
        "neither refused file stored anything"
    );
}

pub fn the_same_line_twice_is_one_notice_and_the_same_id_with_other_values_is_refused(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (_, notices) = generate::month(chiba(), june(), 6, 5);
    let mut twice = notices[..30].to_vec();
    twice.push(notices[3].clone());
    let n = import_cp932(&d, &clerk, &twice).unwrap();
    assert_eq!(
        (n.imported, n.unchanged),
        (30, 0),
        "the repeated line is one event"
    );

    let mut other = notices[30..60].to_vec();
    let mut same_id = notices[31].clone();
    same_id.fee = same_id.fee.checked_add(Yen::new(1)).unwrap();
    other.push(same_id);
    let err = import_cp932(&d, &clerk, &other).unwrap_err();
    assert_eq!(err.code(), "validation");
    assert!(
        err.details()
            .iter()
            .any(|e| e["field"] == json!("交付番号")),
        "{:?}",
        err.details()
    );
    let after = import_cp932(&d, &clerk, &notices[..60]).unwrap();
    assert_eq!((after.imported, after.unchanged), (30, 30));
}

pub fn issuances_outside_the_hours_are_flagged_as_they_stand_after_changes(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (statement, notices) = generate::month(chiba(), june(), 11, 3);
    d.import_statement(&clerk, &write_statement(&statement, Encoding::Cp932))
        .unwrap();
    import_cp932(&d, &clerk, &notices).unwrap();
    assert!(d.reconcile(&clerk, june()).unwrap().out_of_hours.is_empty());

    let template = notices
        .iter()
        .find(|n| n.action == NoticeAction::Issuance && n.kind.as_str() == "01")
        .unwrap();
    // 戸籍 (04) is issued on business days only; 2026-06-06 is a Saturday.
    let mut saturday = notice_at(template, "OOH0001", "2026-06-06 10:00:00");
    saturday.kind = KindCode::parse("04").unwrap();
    // Other kinds until 23:00.
    let late = notice_at(template, "OOH0002", "2026-06-10 23:30:00");
    // A correction of an issuance made in the hours, arriving after them: its new values count.
    let victim = notices
        .iter()
        .find(|n| {
            n.action == NoticeAction::Issuance
                && n.at.date().to_string() == "2026-06-12"
                && !notices
                    .iter()
                    .any(|m| m.original_id.as_deref() == Some(&n.id))
        })
        .unwrap();
    let mut correction = notice_at(victim, "OOH0003", "2026-06-12 23:45:00");
    correction.action = NoticeAction::Correction;
    correction.original_id = Some(victim.id.clone());
    d.import_notices(
        &clerk,
        write_notices(
            chiba(),
            &[saturday.clone(), late, correction],
            Encoding::Utf8,
        )
        .as_slice(),
    )
    .unwrap();
    let flagged = |d: &kofu_api::Desk| -> Vec<(String, String)> {
        d.reconcile(&clerk, june())
            .unwrap()
            .out_of_hours
            .into_iter()
            .map(|o| (o.id, o.at.format("%Y-%m-%dT%H:%M:%S").to_string()))
            .collect()
    };
    assert_eq!(
        flagged(&d),
        vec![
            ("OOH0001".to_string(), "2026-06-06T10:00:00".to_string()),
            ("OOH0002".to_string(), "2026-06-10T23:30:00".to_string()),
            (victim.id.clone(), "2026-06-12T23:45:00".to_string()),
        ],
        "in time order, the corrected issuance under its own number"
    );

    let mut cancel = notice_at(&saturday, "OOH0004", "2026-06-06 10:05:00");
    cancel.action = NoticeAction::Cancellation;
    cancel.original_id = Some("OOH0001".into());
    d.import_notices(
        &clerk,
        write_notices(chiba(), &[cancel], Encoding::Utf8).as_slice(),
    )
    .unwrap();
    assert_eq!(
        flagged(&d)
            .into_iter()
            .map(|(id, _)| id)
            .collect::<Vec<_>>(),
        vec!["OOH0002".to_string(), victim.id.clone()],
        "a cancelled issuance is no longer flagged"
    );
}

kofu_store::on_both_backends!(
    a_conflict_in_a_later_batch_refuses_the_whole_file_and_the_totals_stay_right,
    a_conflict_before_the_first_bad_line_is_reported_as_a_conflict,
    the_same_line_twice_is_one_notice_and_the_same_id_with_other_values_is_refused,
    issuances_outside_the_hours_are_flagged_as_they_stand_after_changes,
);
