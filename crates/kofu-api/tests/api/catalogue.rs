//! The catalogue on both backends: fees in force, hours and availability, suspensions, and the
//! four-eyes change requests that apply a change and log the notice to J-LIS.

use chrono::{NaiveDate, NaiveDateTime};
use kofu_api::DEMO_PASSWORD;
use kofu_core::catalogue::{Change, FeeRule, KindCode, Period, Scope, Suspension, SuspensionKind};
use kofu_core::money::Yen;
use kofu_core::FreeText;
use kofu_store::testing::TestDb;
use serde_json::json;

use crate::demo;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn fee_of(d: &kofu_api::Desk, kind: &str, on: &str) -> serde_json::Value {
    let list = d.catalogue_list(day(on)).unwrap();
    serde_json::to_value(list.iter().find(|e| e.code.as_str() == kind).unwrap()).unwrap()["fee"]
        .clone()
}

pub fn the_demo_catalogue_lists_fees_and_commission_in_force(db: &TestDb) {
    let d = demo(db);
    let list = serde_json::to_value(d.catalogue_list(day("2026-10-01")).unwrap()).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 7);
    assert_eq!(list[0]["code"], json!("01"));
    assert_eq!(list[0]["name"], json!("住民票の写し"));
    assert_eq!(list[0]["fee"], json!(250));
    assert_eq!(list[0]["enabled"], json!(true));
    assert_eq!(list[3]["fee"], json!(400), "戸籍全部事項証明書 is 400 円");
    assert_eq!(list[0]["commission"], json!(117));
}

pub fn availability_follows_the_hours_at_their_edges(db: &TestDb) {
    let d = demo(db);
    let cases = [
        ("01", "2026-10-05T06:29", false),
        ("01", "2026-10-05T06:30", true),
        ("01", "2026-10-05T22:59", true),
        ("01", "2026-10-05T23:00", false),
        ("01", "2026-10-10T10:00", true), // Saturday: every-day kind
        ("04", "2026-10-09T16:59", true), // Friday
        ("04", "2026-10-09T17:00", false),
        ("04", "2026-10-10T10:00", false), // Saturday: business days only
        ("04", "2026-11-23T10:00", false), // 勤労感謝の日
        ("01", "2026-12-30T10:00", false), // 年末年始
        ("01", "2027-01-04T10:00", true),
    ];
    for (kind, when, expected) in cases {
        let a = d.available(kind, at(when)).unwrap();
        assert_eq!(a.available, expected, "{kind} at {when}: {:?}", a.reason);
        assert_eq!(a.reason.is_some(), !expected, "a refusal always says why");
    }
    let unknown = d.available("99", at("2026-10-05T10:00")).unwrap();
    assert!(!unknown.available && unknown.reason.unwrap().contains("99"));
}

fn campaign(from: &str, until: &str) -> Change {
    Change::SetFee(FeeRule {
        kind: KindCode::parse("01").unwrap(),
        period: Period::new(day(from), Some(day(until))).unwrap(),
        fee: Yen::new(200),
        note: FreeText::parse("note", "キャンペーン").unwrap(),
    })
}

pub fn a_fee_change_needs_a_supervisor_other_than_the_drafter(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let req = d
        .draft_change(
            &clerk,
            campaign("2026-12-01", "2026-12-31"),
            day("2026-12-01"),
        )
        .unwrap();
    assert_eq!(
        fee_of(&d, "01", "2026-12-15"),
        json!(250),
        "a draft changes nothing"
    );

    assert_eq!(
        d.approve_change(&clerk, req.id).unwrap_err().code(),
        "forbidden",
        "a clerk cannot approve, least of all their own change"
    );
    assert_eq!(
        d.approve_change(&admin, req.id).unwrap_err().code(),
        "forbidden",
        "an admin does not approve"
    );
    assert_eq!(
        d.draft_change(
            &supervisor,
            campaign("2026-12-01", "2026-12-31"),
            day("2026-12-01")
        )
        .unwrap_err()
        .code(),
        "forbidden"
    );

    let approved = d.approve_change(&supervisor, req.id).unwrap();
    assert_eq!(approved.notice_number.as_deref(), Some("千葉市第1号"));
    assert_eq!(
        fee_of(&d, "01", "2026-11-30"),
        json!(250),
        "the day before the campaign"
    );
    assert_eq!(fee_of(&d, "01", "2026-12-01"), json!(200), "the first day");
    assert_eq!(fee_of(&d, "01", "2026-12-31"), json!(200), "the last day");
    assert_eq!(
        fee_of(&d, "01", "2027-01-01"),
        json!(250),
        "the campaign ends"
    );
    assert_eq!(
        d.approve_change(&supervisor, req.id).unwrap_err().code(),
        "conflict",
        "approved once only"
    );

    let letters = d.correspondence(&clerk).unwrap();
    assert_eq!(letters.len(), 1);
    assert_eq!(
        (
            letters[0].direction.as_str(),
            letters[0].document_number.as_deref()
        ),
        ("sent", Some("千葉市第1号"))
    );
    assert!(
        letters[0].subject.contains("手数料の変更"),
        "{}",
        letters[0].subject
    );
    let second = d
        .draft_change(
            &clerk,
            campaign("2027-02-01", "2027-02-28"),
            day("2027-02-01"),
        )
        .unwrap();
    assert_eq!(
        d.approve_change(&supervisor, second.id)
            .unwrap()
            .notice_number
            .as_deref(),
        Some("千葉市第2号")
    );
}

pub fn the_drafter_cannot_approve_even_as_a_supervisor(db: &TestDb) {
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let req = d
        .draft_change(
            &clerk,
            campaign("2026-12-01", "2026-12-31"),
            day("2026-12-01"),
        )
        .unwrap();
    // The drafter is later promoted: four-eyes still holds.
    d.set_role(&admin, "clerk", kofu_core::Role::Supervisor)
        .unwrap();
    let err = d.approve_change(&clerk, req.id).unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert_eq!(err.message(), "自分が起案した変更は承認できません。");
}

pub fn a_returned_change_is_not_applied_and_needs_a_reason(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    let req = d
        .draft_change(
            &clerk,
            campaign("2026-12-01", "2026-12-31"),
            day("2026-12-01"),
        )
        .unwrap();
    assert_eq!(
        d.return_change(&supervisor, req.id, "  ")
            .unwrap_err()
            .field()
            .as_deref(),
        Some("reason")
    );
    let returned = d
        .return_change(&supervisor, req.id, "期間を再確認してください")
        .unwrap();
    assert_eq!(
        serde_json::to_value(&returned.status).unwrap()["state"],
        json!("returned")
    );
    assert_eq!(fee_of(&d, "01", "2026-12-15"), json!(250));
    assert!(
        d.correspondence(&clerk).unwrap().is_empty(),
        "no notice for a returned change"
    );
}

fn maintenance(from: &str, until: &str, kind: SuspensionKind, notice: Option<&str>) -> Suspension {
    Suspension {
        id: None,
        kind,
        scope: Scope::All,
        from: at(from),
        until: at(until),
        reason: FreeText::parse("reason", "証明書交付センター定期保守").unwrap(),
        notice_text: notice.map(|n| FreeText::parse("notice_text", n).unwrap()),
    }
}

pub fn planned_maintenance_must_lie_outside_service_hours(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let overlapping = d.record_suspension(
        &clerk,
        maintenance(
            "2026-12-05T22:00",
            "2026-12-06T05:00",
            SuspensionKind::Planned,
            None,
        ),
    );
    let err = overlapping.unwrap_err();
    assert_eq!(err.code(), "validation");
    assert!(
        err.message().contains("第8条第2項"),
        "the refusal names the article: {}",
        err.message()
    );
    let ok = d
        .record_suspension(
            &clerk,
            maintenance(
                "2026-12-05T23:30",
                "2026-12-06T05:00",
                SuspensionKind::Planned,
                None,
            ),
        )
        .unwrap();
    assert!(ok.id.is_some());
    assert_eq!(
        d.suspensions().unwrap().len(),
        1,
        "the refused one wrote nothing"
    );
}

pub fn an_emergency_stop_needs_a_notice_and_stops_issuance(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let without = d.record_suspension(
        &clerk,
        maintenance(
            "2026-12-07T10:00",
            "2026-12-07T12:00",
            SuspensionKind::Emergency,
            None,
        ),
    );
    assert_eq!(without.unwrap_err().code(), "validation");
    d.record_suspension(
        &clerk,
        maintenance(
            "2026-12-07T10:00",
            "2026-12-07T12:00",
            SuspensionKind::Emergency,
            Some("システム障害のため停止しています"),
        ),
    )
    .unwrap();
    let a = d.available("01", at("2026-12-07T11:00")).unwrap();
    assert!(!a.available);
    assert!(
        d.available("01", at("2026-12-07T12:00")).unwrap().available,
        "served again at the end"
    );
}

pub fn the_approval_writes_the_notice_pdf_and_received_letters_keep_their_files(db: &TestDb) {
    let files = tempfile::tempdir().unwrap();
    // The files folder is only read for files stored by older versions: nothing goes there now.
    let d = demo(db).with_files_dir(files.path().to_path_buf());
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    let req = d
        .draft_change(
            &clerk,
            campaign("2026-12-01", "2026-12-31"),
            day("2026-12-01"),
        )
        .unwrap();
    d.approve_change(&supervisor, req.id).unwrap();
    let sent = d.correspondence(&clerk).unwrap()[0].id;
    let notice = d.attachment(&clerk, sent, 0).unwrap();
    assert_eq!(notice.name, "変更通知_千葉市第1号.pdf");
    let pdf = notice.contents;
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    assert!(pdf.len() < 200_000, "fonts are subset: {} bytes", pdf.len());
    assert_eq!(
        d.correspondence(&clerk).unwrap()[0].attachments,
        vec!["変更通知_千葉市第1号.pdf".to_string()]
    );

    let input = kofu_api::catalogue::ReceivedLetterInput {
        at: "2026-11-20T15:00".into(),
        category: "suspension".into(),
        subject: "計画停止のお知らせ".into(),
        document_number: Some("地情機第45号".into()),
        body: "12月5日 23:30〜翌5:00 に保守を行います。".into(),
    };
    let letter = d
        .record_received(
            &clerk,
            &input,
            &[("../../evil/停止通知.pdf".into(), b"%PDF-1.4 test".to_vec())],
        )
        .unwrap();
    assert_eq!(
        letter.attachments,
        vec!["停止通知.pdf".to_string()],
        "folders are stripped from names"
    );
    assert_eq!(
        d.attachment(&clerk, letter.id, 0).unwrap().contents,
        b"%PDF-1.4 test"
    );
    assert!(
        walk(files.path()).is_empty(),
        "the files are in the database, none on disk, none outside it"
    );

    let mut with_number = input.clone();
    with_number.body = "申請者の個人番号 1234 5678 9012".into();
    let err = d
        .record_received(&clerk, &with_number, &[("a.pdf".into(), b"x".to_vec())])
        .unwrap_err();
    assert_eq!(
        err.field().as_deref(),
        Some("body"),
        "a My Number is never stored"
    );
    assert_eq!(
        d.correspondence(&clerk).unwrap().len(),
        2,
        "a refused letter leaves no letter and no file behind"
    );
    let helpdesk = d.login("helpdesk", DEMO_PASSWORD).unwrap();
    assert_eq!(
        d.record_received(&helpdesk, &input, &[])
            .unwrap_err()
            .code(),
        "forbidden"
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
