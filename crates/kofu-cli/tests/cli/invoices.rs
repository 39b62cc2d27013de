//! `kofu invoice …` and `kofu settlement statement|export` as scripts run them: the JSON of
//! CLI.md, refusals with exit 1 and their codes.

use kofu_core::{MunicipalityCode, TargetMonth};
use kofu_jlis::format::{write_statement, Encoding, Statement};
use kofu_store::testing::TestDb;
use serde_json::{json, Value};

use crate::{db_arg, demo_without_months, json_of, kofu};

fn import(url: &str, dir: &std::path::Path, month: &str, finalized: bool) {
    let code = MunicipalityCode::parse("121002").unwrap();
    let m = TargetMonth::parse(month).unwrap();
    let (s, _) = kofu_jlis::generate::month(code, m, 5, 1);
    let s = Statement::new(code, m, s.created_at(), finalized, s.lines().to_vec()).unwrap();
    let file = dir.join(format!("{month}.csv"));
    std::fs::write(&file, write_statement(&s, Encoding::Cp932)).unwrap();
    let out = kofu(
        &["statement", "import", file.to_str().unwrap(), "--json"],
        &env(url, "clerk", "2026-11-26T10:00"),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn env<'a>(url: &'a str, user: &'a str, now: &'a str) -> [(&'static str, &'a str); 4] {
    [
        ("KOFU_USER", user),
        ("KOFU_PASSWORD", kofu_api::DEMO_PASSWORD),
        ("KOFU_DATABASE_URL", url),
        ("KOFU_NOW", now),
    ]
}

/// Runs `kofu ARGS --json` as `user` on the 26th of November; (exit code, JSON).
fn run(url: &str, user: &str, args: &[&str]) -> (Option<i32>, Value) {
    run_at(url, user, "2026-11-26T10:00", args)
}

fn run_at(url: &str, user: &str, now: &str, args: &[&str]) -> (Option<i32>, Value) {
    let mut a = args.to_vec();
    a.push("--json");
    let out = kofu(&a, &env(url, user, now));
    (out.status.code(), json_of(&out))
}

pub fn invoice_commands_take_a_month_from_draft_to_paid_and_a_correction_supersedes(db: &TestDb) {
    let url = db_arg(db);
    demo_without_months(&url);
    let dir = tempfile::tempdir().unwrap();
    import(&url, dir.path(), "2026-10", true);
    import(&url, dir.path(), "2026-09", false);

    let (code, refused) = run(&url, "clerk", &["invoice", "draft", "2026-09"]);
    assert_eq!(
        (code, &refused["error"]["code"]),
        (Some(1), &json!("not_final"))
    );
    let (code, refused) = run(&url, "clerk", &["invoice", "draft", "2026-08"]);
    assert_eq!(
        (code, &refused["error"]["code"]),
        (Some(1), &json!("not_found"))
    );

    let (code, draft) = run(&url, "clerk", &["invoice", "draft", "2026-10"]);
    assert_eq!(code, Some(0), "{draft}");
    assert_eq!(draft["status"], json!("draft"));
    assert_eq!(draft["document_number"], Value::Null);
    assert_eq!(draft["drafted_by"], json!("clerk"));
    assert_eq!(draft["replaces"], Value::Null);
    assert!(draft["amount"].is_i64(), "yen are JSON integers");
    let id = draft["id"].as_i64().unwrap().to_string();
    let (code, refused) = run(&url, "clerk", &["invoice", "draft", "2026-10"]);
    assert_eq!(
        (code, &refused["error"]["code"]),
        (Some(1), &json!("conflict"))
    );

    let (code, refused) = run(&url, "admin", &["invoice", "approve", &id]);
    assert_eq!(
        (code, &refused["error"]["code"]),
        (Some(1), &json!("forbidden"))
    );
    let (code, refused) = run(
        &url,
        "supervisor",
        &["invoice", "return", &id, "--reason", " "],
    );
    assert_eq!(
        (code, &refused["error"]["code"]),
        (Some(1), &json!("validation"))
    );
    let (code, returned) = run(
        &url,
        "supervisor",
        &["invoice", "return", &id, "--reason", "件数を確認"],
    );
    assert_eq!((code, &returned["status"]), (Some(0), &json!("returned")));

    let (_, draft) = run(&url, "clerk", &["invoice", "draft", "2026-10"]);
    let id = draft["id"].as_i64().unwrap().to_string();
    let pdf = dir.path().join("invoice.pdf");
    let (code, refused) = run(
        &url,
        "clerk",
        &["invoice", "pdf", &id, "--out", pdf.to_str().unwrap()],
    );
    assert_eq!(
        (code, &refused["error"]["code"]),
        (Some(1), &json!("conflict")),
        "approved or later"
    );
    let (code, approved) = run_at(
        &url,
        "supervisor",
        "2026-11-12T10:00",
        &["invoice", "approve", &id],
    );
    assert_eq!(code, Some(0), "{approved}");
    assert_eq!(approved["status"], json!("approved"));
    assert_eq!(approved["document_number"], json!("千葉市第1号"));
    let (code, out) = run(
        &url,
        "clerk",
        &["invoice", "pdf", &id, "--out", pdf.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(
        std::fs::read(&pdf).unwrap().starts_with(b"%PDF"),
        "the approved invoice's PDF is written"
    );
    let statement = dir.path().join("seisan.pdf");
    let (code, out) = run(
        &url,
        "clerk",
        &[
            "settlement",
            "statement",
            "2026-10",
            "--out",
            statement.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(std::fs::read(&statement).unwrap().starts_with(b"%PDF"));
    assert_eq!(approved["approved_by"], json!("supervisor"));

    let (code, sent) = run(
        &url,
        "clerk",
        &["invoice", "sent", &id, "--on", "2026-11-13"],
    );
    assert_eq!(code, Some(0), "{sent}");
    assert_eq!(
        (&sent["status"], &sent["sent_on"], &sent["sent_late"]),
        (&json!("sent"), &json!("2026-11-13"), &json!(false))
    );
    let (code, paid) = run_at(
        &url,
        "clerk",
        "2026-12-01T10:00",
        &[
            "invoice",
            "paid",
            &id,
            "--on",
            "2026-12-01",
            "--amount",
            "1000",
        ],
    );
    assert_eq!(code, Some(0), "{paid}");
    assert_eq!(paid["status"], json!("paid"));
    assert_eq!(paid["paid_amount"], json!(1000));
    assert_eq!(
        paid["difference"],
        json!(1000 - approved["amount"].as_i64().unwrap())
    );
    assert_eq!(paid["paid_late"], json!(true));

    let (code, corr) = run(
        &url,
        "clerk",
        &["invoice", "correct", &id, "--reason", "件数の訂正"],
    );
    assert_eq!(code, Some(0), "{corr}");
    assert_eq!(
        (&corr["status"], &corr["replaces"]),
        (&json!("draft"), &json!(id.parse::<i64>().unwrap()))
    );
    let corr_id = corr["id"].as_i64().unwrap().to_string();
    let (code, _) = run(&url, "supervisor", &["invoice", "approve", &corr_id]);
    assert_eq!(code, Some(0));
    let (code, list) = run(&url, "clerk", &["invoice", "list", "--month", "2026-10"]);
    assert_eq!(code, Some(0));
    let statuses: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["status"])
        .collect();
    assert_eq!(
        statuses,
        [&json!("approved"), &json!("superseded"), &json!("returned")],
        "the correction, the paid invoice it superseded, the returned draft"
    );
    assert_eq!(list[0]["invoice_by"], json!("2026-11-15"));
    assert_eq!(list[0]["payment_by"], json!("2026-11-30"));
    assert_eq!(
        list[0]["overdue"],
        json!(true),
        "the correction is not sent after the 15th"
    );
    let (code, list) = run(&url, "helpdesk", &["invoice", "list"]);
    assert_eq!(
        (code, &list["error"]["code"]),
        (Some(1), &json!("forbidden"))
    );

    let xlsx = dir.path().join("m.xlsx");
    let (code, out) = run(
        &url,
        "clerk",
        &[
            "settlement",
            "export",
            "2026-10",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "an .xlsx file is written"
    );
}
