//! 文書番号: templates per kind of document, edited by a supervisor or an admin and audited; the
//! change notice numbered with its template in the approving transaction.

use chrono::NaiveDate;
use kofu_api::DEMO_PASSWORD;
use kofu_core::catalogue::{Change, FeeRule, KindCode, Period};
use kofu_core::money::Yen;
use kofu_core::Role;
use kofu_store::testing::TestDb;

use crate::demo;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn campaign(from: &str) -> Change {
    Change::SetFee(FeeRule {
        kind: KindCode::parse("01").unwrap(),
        period: Period::new(day(from), Some(day(from))).unwrap(),
        fee: Yen::new(200),
        note: kofu_core::FreeText::parse("note", "キャンペーン").unwrap(),
    })
}

fn notice_of_an_approved_change(d: &kofu_api::Desk, from: &str) -> String {
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    let req = d.draft_change(&clerk, campaign(from), day(from)).unwrap();
    d.approve_change(&supervisor, req.id)
        .unwrap()
        .notice_number
        .expect("an approved change has a notice number")
}

pub fn every_kind_has_a_template_and_a_next_number_in_the_current_fiscal_year(db: &TestDb) {
    let d = demo(db);
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    let list = d.document_numbers(&supervisor).unwrap();
    let kinds: Vec<&str> = list.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(kinds, ["変更通知", "請求書", "精算書", "事故報告"]);
    assert!(list.iter().all(|s| s.template == "{city}第{n}号"
        && s.next_number == "千葉市第1号"
        && s.fiscal_year == "令和8年度"));
    assert_eq!(
        notice_of_an_approved_change(&d, "2026-12-01"),
        "千葉市第1号"
    );
    let list = d.document_numbers(&supervisor).unwrap();
    assert_eq!(
        list[0].next_number, "千葉市第2号",
        "the change notice's counter moved"
    );
    assert_eq!(list[1].next_number, "千葉市第1号", "the invoice's did not");
}

pub fn a_template_change_is_audited_and_numbers_the_next_notice(db: &TestDb) {
    let d = demo(db);
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    assert_eq!(
        notice_of_an_approved_change(&d, "2026-12-01"),
        "千葉市第1号"
    );
    let set = d
        .set_number_template(&supervisor, "change_notice", " 千市民第{n}号 ")
        .unwrap();
    assert_eq!(
        (set.template.as_str(), set.next_number.as_str()),
        ("千市民第{n}号", "千市民第2号"),
        "the counter goes on in the new form"
    );
    assert_eq!(
        notice_of_an_approved_change(&d, "2027-01-04"),
        "千市民第2号"
    );
    let entry = d
        .recent_audit(&admin, 50)
        .unwrap()
        .into_iter()
        .find(|e| e.action == "document_number.template")
        .expect("the template change is audited");
    assert_eq!(
        (entry.actor.as_str(), entry.target.as_str()),
        ("supervisor", "document_number:change_notice")
    );
    let summary: serde_json::Value = serde_json::from_str(&entry.summary).unwrap();
    assert_eq!(
        summary,
        serde_json::json!({"before": "{city}第{n}号", "after": "千市民第{n}号"})
    );
    d.set_number_template(&admin, "invoice", "千市民請第{fy}-{n}号")
        .unwrap();
    assert_eq!(
        d.document_numbers(&admin).unwrap()[1].next_number,
        "千市民請第8-1号",
        "an admin sets templates too; {{fy}} is the 年度 in 和暦"
    );
}

pub fn templates_are_refused_to_clerks_and_help_desk_and_when_malformed(db: &TestDb) {
    let d = demo(db);
    for name in ["clerk", "helpdesk"] {
        let who = d.login(name, DEMO_PASSWORD).unwrap();
        assert_eq!(
            d.set_number_template(&who, "change_notice", "千市民第{n}号")
                .unwrap_err()
                .code(),
            "forbidden",
            "{name} may not set a template"
        );
        assert_eq!(
            d.document_numbers(&who).unwrap_err().code(),
            "forbidden",
            "{name} does not see the page"
        );
    }
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    let err = d
        .set_number_template(&supervisor, "change_notice", "千市民第号")
        .unwrap_err();
    assert_eq!(err.field().as_deref(), Some("template"));
    assert!(err.message().contains("{n}"), "{}", err.message());
    let err = d
        .set_number_template(&supervisor, "memo", "{n}")
        .unwrap_err();
    assert_eq!(err.field().as_deref(), Some("kind"));
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    assert!(
        !d.recent_audit(&admin, 50)
            .unwrap()
            .iter()
            .any(|e| e.action == "document_number.template"),
        "a refusal writes nothing"
    );
}

pub fn the_document_prefix_setting_still_numbers_change_notices(db: &TestDb) {
    let d = demo(db);
    d.store()
        .transaction(|tx| kofu_store::settings::set(tx, "document_prefix", "千市区"))
        .unwrap();
    assert_eq!(
        notice_of_an_approved_change(&d, "2026-12-01"),
        "千市区第1号"
    );
}

/// The reviewer's role is read again in the approving transaction.
pub fn a_supervisor_demoted_after_signing_in_no_longer_approves(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let supervisor = d.login("supervisor", DEMO_PASSWORD).unwrap();
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let req = d
        .draft_change(&clerk, campaign("2026-12-01"), day("2026-12-01"))
        .unwrap();
    d.set_role(&admin, "supervisor", Role::Clerk).unwrap();
    assert_eq!(
        d.approve_change(&supervisor, req.id).unwrap_err().code(),
        "forbidden"
    );
    d.set_role(&admin, "supervisor", Role::Supervisor).unwrap();
    assert_eq!(
        d.approve_change(&supervisor, req.id)
            .unwrap()
            .notice_number
            .as_deref(),
        Some("千葉市第1号"),
        "the refused approval took no number"
    );
}
