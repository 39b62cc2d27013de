//! The calendar use cases on both backends: closures, holiday import, the dashboard panel and
//! the month view.

use chrono::NaiveDate;
use kofu_api::DEMO_PASSWORD;
use kofu_core::TargetMonth;
use kofu_store::testing::TestDb;

use crate::demo;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn a_closure_moves_the_reconcile_deadline_and_shows_its_reason(db: &TestDb) {
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    assert_eq!(
        d.add_closure(&clerk, day("2026-11-06"), "庁舎点検")
            .unwrap_err()
            .code(),
        "forbidden"
    );
    d.add_closure(&admin, day("2026-11-06"), "庁舎点検")
        .unwrap();
    let panel = d.deadlines_panel(&clerk).unwrap();
    assert_eq!(panel.today, "2026-11-26");
    let current = &panel.cycles[0];
    assert_eq!(current.target_month, "2026-10");
    assert_eq!(current.label, "令和8年10月分");
    assert_eq!(current.steps[0].key, "reconcile_by");
    assert_eq!(
        current.steps[0].date, "2026-11-05",
        "the 8th is a Sunday and the 6th is now closed"
    );
    assert_eq!(current.steps[0].urgency, "passed");
    assert_eq!(panel.cycles[1].steps[4].date, "2026-12-31");
    assert_eq!(panel.cycles[1].steps[4].days_left, 35);

    let month = d
        .month_calendar(&clerk, TargetMonth::parse("2026-11").unwrap())
        .unwrap();
    assert_eq!(month.wareki, "令和8年11月");
    let sixth = &month.days[5];
    assert_eq!(
        (sixth.closed_kind.as_deref(), sixth.closed_reason.as_deref()),
        (Some("closure"), Some("庁舎点検"))
    );
    let labour = &month.days[22];
    assert_eq!(
        (labour.holiday.as_deref(), labour.closed_kind.as_deref()),
        (Some("勤労感謝の日"), Some("holiday"))
    );
    assert_eq!(month.days[4].deadlines, vec!["reconcile_by".to_string()]);
    assert_eq!(month.days[29].deadlines, vec!["payment_by".to_string()]);
    d.remove_closure(&admin, day("2026-11-06")).unwrap();
    assert_eq!(
        d.deadlines_panel(&clerk).unwrap().cycles[0].steps[0].date,
        "2026-11-06"
    );
}

pub fn an_imported_holiday_list_replaces_the_snapshot_and_a_bad_one_changes_nothing(db: &TestDb) {
    let d = demo(db);
    let admin = d.login("admin", DEMO_PASSWORD).unwrap();
    assert_eq!(d.holiday_source().unwrap().kind, "builtin");
    let bad = "国民の祝日・休日月日,国民の祝日・休日名称\r\n2026/1/1,元日\r\n2026/13/1,架空\r\n";
    let err = d.import_holidays(&admin, bad.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "validation");
    assert!(
        err.message().contains("3行目") || err.message().contains('3'),
        "names the line: {}",
        err.message()
    );
    assert_eq!(
        d.holiday_source().unwrap().kind,
        "builtin",
        "nothing changed"
    );
    // A city-specific list (here: a made-up holiday on 2026-11-27) is used once imported.
    let good =
        "国民の祝日・休日月日,国民の祝日・休日名称\r\n2026/1/1,元日\r\n2026/11/27,記念日\r\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(good);
    let src = d.import_holidays(&admin, &bytes).unwrap();
    assert_eq!(
        (src.kind.as_str(), src.first_year, src.last_year),
        ("imported", 2026, 2026)
    );
    assert!(!d
        .business_calendar()
        .unwrap()
        .is_business_day(day("2026-11-27")));
}
