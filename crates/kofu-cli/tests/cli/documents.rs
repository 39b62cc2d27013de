//! `kofu document-numbers list|set` as a supervisor scripts it.

use kofu_store::testing::TestDb;
use serde_json::json;

use crate::{db_arg, demo_without_months, json_of, kofu};

pub fn document_number_templates_are_listed_and_set_by_a_supervisor(db: &TestDb) {
    let url = db_arg(db);
    demo_without_months(&url);
    let env = |user: &'static str| {
        [
            ("KOFU_USER", user),
            ("KOFU_PASSWORD", kofu_api::DEMO_PASSWORD),
            ("KOFU_DATABASE_URL", url.as_str()),
            ("KOFU_NOW", "2026-11-26T10:00"),
        ]
    };
    let list = json_of(&kofu(
        &["document-numbers", "list", "--json"],
        &env("supervisor"),
    ));
    assert_eq!(list[0]["kind"], json!("change_notice"));
    assert_eq!(list[0]["next_number"], json!("千葉市第1号"));
    assert_eq!(list.as_array().unwrap().len(), 4);

    let set = kofu(
        &[
            "document-numbers",
            "set",
            "invoice",
            "千市民第{n}号",
            "--json",
        ],
        &env("supervisor"),
    );
    assert_eq!(
        set.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    assert_eq!(json_of(&set)["next_number"], json!("千市民第1号"));

    let bad = kofu(
        &["document-numbers", "set", "invoice", "千市民第号", "--json"],
        &env("supervisor"),
    );
    assert_eq!(
        bad.status.code(),
        Some(1),
        "a malformed template is refused"
    );
    assert_eq!(json_of(&bad)["error"]["code"], json!("validation"));
    let clerk = kofu(
        &["document-numbers", "set", "invoice", "{n}", "--json"],
        &env("clerk"),
    );
    assert_eq!(json_of(&clerk)["error"]["code"], json!("forbidden"));
}
