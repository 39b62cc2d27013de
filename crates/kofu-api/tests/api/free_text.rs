//! Domain values arrive from the desktop as JSON, deserialised before any use case sees them;
//! their typed texts are checked at the use case, so a 個人番号 is refused as a validation error
//! naming the field (what the screens mark), and nothing is stored.

use kofu_api::DEMO_PASSWORD;
use kofu_core::catalogue::{Change, Suspension};
use kofu_store::testing::TestDb;
use serde_json::json;

use crate::demo;

pub fn texts_deserialised_as_the_desktop_sends_them_are_checked_at_the_use_case(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let from = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let changes = d.change_requests(&clerk).unwrap().len();
    for (what, field) in [
        (
            json!({"type": "set_fee", "kind": "01", "period": {"from": "2026-12-01", "until": null},
                   "fee": 200, "note": "申請者 1234 5678 9012"}),
            "note",
        ),
        (
            json!({"type": "add_kind", "code": "08", "name": "証明書 １２３４－５６７８－９０１２",
                   "enabled": true}),
            "name",
        ),
        (
            json!({"type": "update_kind", "code": "01", "name": "住民票 1234/5678/9012",
                   "enabled": true}),
            "name",
        ),
    ] {
        let what: Change = serde_json::from_value(what).expect("deserialises as IPC does");
        let err = d.draft_change(&clerk, what, from).unwrap_err();
        assert_eq!(
            (err.code(), err.field().as_deref()),
            (kofu_api::ErrorCode::Validation, Some(field)),
            "{err}"
        );
    }
    assert_eq!(
        d.change_requests(&clerk).unwrap().len(),
        changes,
        "nothing drafted"
    );

    for (reason, notice, field) in [
        ("障害 1234.5678.9012", "停止中です。", "reason"),
        ("障害", "受付番号 1234ー5678ー9012", "notice_text"),
    ] {
        let s: Suspension = serde_json::from_value(json!({
            "kind": "emergency", "scope": "all",
            "from": "2026-12-05T10:00:00", "until": "2026-12-05T12:00:00",
            "reason": reason, "notice_text": notice,
        }))
        .unwrap();
        let err = d.record_suspension(&clerk, s).unwrap_err();
        assert_eq!(
            (err.code(), err.field().as_deref()),
            (kofu_api::ErrorCode::Validation, Some(field)),
            "{err}"
        );
    }
    assert!(d.suspensions().unwrap().is_empty(), "nothing recorded");
}
