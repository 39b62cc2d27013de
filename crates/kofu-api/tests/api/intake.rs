//! J-LIS data intake on both backends: statements (finalized ones immutable), notices,
//! reconciliation and settlement.

use kofu_api::DEMO_PASSWORD;
use kofu_core::{MunicipalityCode, TargetMonth};
use kofu_jlis::format::{write_notices, write_statement, Encoding, Statement};
use kofu_jlis::generate;
use kofu_store::testing::TestDb;
use serde_json::json;

use crate::demo;

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
    let file = write_notices(&notices, Encoding::Cp932);
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
    d.import_notices(&clerk, write_notices(&[cancel], Encoding::Utf8).as_slice())
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
    assert_eq!(diff.date, victim.at.date().format("%Y-%m-%d").to_string());
}

pub fn a_notice_stored_with_other_values_refuses_the_whole_file(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let (_, notices) = generate::month(chiba(), june(), 3, 20);
    assert!(notices.len() >= 20, "enough notices: {}", notices.len());
    d.import_notices(
        &clerk,
        write_notices(&notices[..10], Encoding::Cp932).as_slice(),
    )
    .unwrap();
    let mut changed = notices[..20].to_vec();
    changed[5].copies += 1;
    let err = d
        .import_notices(&clerk, write_notices(&changed, Encoding::Cp932).as_slice())
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    let again = d
        .import_notices(
            &clerk,
            write_notices(&notices[..20], Encoding::Cp932).as_slice(),
        )
        .unwrap();
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
        (t.fees, t.commissions, t.fees - t.commissions)
    );
    assert_eq!(s.by_operator.iter().map(|o| o.net).sum::<i64>(), s.net);
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
