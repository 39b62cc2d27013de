//! The `kofu` binary run as scripts run it: arguments, environment, stdout JSON and exit codes
//! (shared/CLI.md), on both backends where a database is involved.

mod free_text;
mod documents;
mod jlis;

use std::process::{Command, Output};

use free_text::every_typed_field_refuses_a_twelve_digit_number_and_stores_nothing;
use documents::document_number_templates_are_listed_and_set_by_a_supervisor;
use jlis::a_token_set_from_stdin_is_what_statement_pull_uses;

use kofu_store::testing::TestDb;
use kofu_store::{on_both_backends, DatabaseUrl};
use serde_json::{json, Value};

fn kofu(args: &[&str], env: &[(&str, &str)]) -> Output {
    command(args, env).output().expect("kofu runs")
}

/// `kofu` with only the environment the test gives it (and a data folder of its own).
fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kofu"));
    c.args(args)
        .env_remove("KOFU_DATABASE_URL")
        .env_remove("KOFU_USER")
        .env_remove("KOFU_PASSWORD")
        .env_remove("KOFU_JLIS_URL")
        .env_remove("KOFU_JLIS_TOKEN");
    // Never touch a real data folder.
    c.env(
        "KOFU_DATA_DIR",
        std::env::temp_dir().join("kofu-cli-test-no-db"),
    );
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is one JSON document ({e}): {}",
            String::from_utf8_lossy(&o.stdout)
        )
    })
}

fn db_arg(db: &TestDb) -> String {
    match &db.url {
        DatabaseUrl::Sqlite(p) => format!("sqlite:{}", p.display()),
        DatabaseUrl::Postgres(u) => u.clone(),
    }
}

#[test]
fn code_check_answers_valid_and_invalid_codes() {
    let ok = kofu(&["code", "check", "121002", "--json"], &[]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(json_of(&ok), json!({"code": "121002", "valid": true}));
    let bad = kofu(&["code", "check", "121003", "--json"], &[]);
    assert_eq!(
        bad.status.code(),
        Some(0),
        "a check that answers no is still an answer"
    );
    assert_eq!(json_of(&bad)["valid"], json!(false));
}

#[test]
fn calendar_commands_match_the_documented_output() {
    let d = kofu(&["calendar", "deadlines", "2026-10", "--json"], &[]);
    assert_eq!(
        json_of(&d),
        json!({"target_month":"2026-10","reconcile_by":"2026-11-06","fixed_by":"2026-11-09","available_from":"2026-11-10","invoice_by":"2026-11-15","payment_by":"2026-11-30"})
    );
    let b = json_of(&kofu(
        &["calendar", "business-day", "2026-11-08", "--json"],
        &[],
    ));
    assert_eq!(
        (b["date"].clone(), b["business_day"].clone()),
        (json!("2026-11-08"), json!(false))
    );
    let h = json_of(&kofu(&["calendar", "holidays", "2026", "--json"], &[]));
    assert_eq!(h[0], json!({"date": "2026-01-01", "name": "元日"}));
    assert!(
        h.as_array()
            .unwrap()
            .contains(&json!({"date": "2026-09-22", "name": "休日"})),
        "国民の休日 2026-09-22"
    );
    let w = kofu(&["wareki", "2026-11-26"], &[]);
    assert_eq!(String::from_utf8_lossy(&w.stdout).trim(), "令和8年11月26日");
    let w = kofu(&["wareki", "2019-05-01"], &[]);
    assert_eq!(String::from_utf8_lossy(&w.stdout).trim(), "令和元年5月1日");
}

#[test]
fn bad_arguments_are_refused_with_exit_1_and_usage_errors_exit_2() {
    let bad = kofu(&["calendar", "deadlines", "2026-13", "--json"], &[]);
    assert_eq!(bad.status.code(), Some(1));
    let e = json_of(&bad);
    assert_eq!(e["error"]["code"], json!("validation"));
    assert!(
        e["error"]["message"].as_str().unwrap().contains("2026-13"),
        "the message names the value"
    );
    assert!(!bad.stderr.is_empty(), "the reason is on stderr too");
    assert_eq!(kofu(&["calendar", "nonsense"], &[]).status.code(), Some(2));
}

fn init_profile_set_and_audit_verify(db: &TestDb) {
    let url = db_arg(db);
    let init = kofu(
        &[
            "init",
            "--db",
            &url,
            "--admin",
            "admin",
            "--profile",
            "chiba",
            "--json",
        ],
        &[("KOFU_NEW_PASSWORD", "admin-pass-123")],
    );
    assert_eq!(
        init.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let admin = [
        ("KOFU_USER", "admin"),
        ("KOFU_PASSWORD", "admin-pass-123"),
        ("KOFU_DATABASE_URL", url.as_str()),
    ];

    let set = kofu(
        &[
            "profile",
            "set",
            "--contact-phone",
            "043-245-0000",
            "--json",
        ],
        &admin,
    );
    assert_eq!(
        set.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    assert_eq!(json_of(&set)["contact_phone"], json!("043-245-0000"));

    let add = kofu(
        &["user", "add", "tanaka", "--role", "clerk", "--json"],
        &[
            admin[0],
            admin[1],
            admin[2],
            ("KOFU_NEW_PASSWORD", "clerk-pass-123"),
        ],
    );
    assert_eq!(json_of(&add)["role"], json!("clerk"));

    let clerk = [
        ("KOFU_USER", "tanaka"),
        ("KOFU_PASSWORD", "clerk-pass-123"),
        ("KOFU_DATABASE_URL", url.as_str()),
    ];
    let refused = kofu(
        &["profile", "set", "--contact-phone", "000", "--json"],
        &clerk,
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(json_of(&refused)["error"]["code"], json!("forbidden"));
    let shown = json_of(&kofu(&["profile", "show", "--json"], &clerk));
    assert_eq!(
        shown["contact_phone"],
        json!("043-245-0000"),
        "the refused change wrote nothing"
    );
    assert_eq!(
        shown["bank"]["account_number"],
        json!("****567"),
        "a clerk sees the account masked"
    );

    let v = json_of(&kofu(&["audit", "verify", "--json"], &admin));
    assert_eq!(v["intact"], json!(true), "{v}");
    assert!(v["entries"].as_u64().unwrap() >= 5);

    let wrong = kofu(
        &["profile", "show", "--json"],
        &[
            ("KOFU_USER", "admin"),
            ("KOFU_PASSWORD", "nope-nope-nope"),
            ("KOFU_DATABASE_URL", url.as_str()),
        ],
    );
    assert_eq!(
        (
            wrong.status.code(),
            json_of(&wrong)["error"]["code"].clone()
        ),
        (Some(1), json!("invalid_credentials"))
    );

    let again = kofu(
        &["init", "--db", &url, "--admin", "second", "--json"],
        &[("KOFU_NEW_PASSWORD", "admin-pass-123")],
    );
    assert_eq!(
        again.status.code(),
        Some(1),
        "init on an initialised database is refused"
    );
}

fn audit_verify_reports_tampering(db: &TestDb) {
    let url = db_arg(db);
    assert_eq!(
        kofu(&["demo", "--db", &url, "--months", "0"], &[])
            .status
            .code(),
        Some(0)
    );
    let disable = match db.store.kind() {
        kofu_store::BackendKind::Sqlite => "DROP TRIGGER audit_log_no_update",
        kofu_store::BackendKind::Postgres => {
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"
        }
    };
    db.store
        .transaction(|tx| {
            tx.execute(disable, &[])?;
            tx.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 2", &[])
        })
        .unwrap();
    let v = json_of(&kofu(
        &["audit", "verify", "--json"],
        &[
            ("KOFU_USER", "supervisor"),
            ("KOFU_PASSWORD", kofu_api::DEMO_PASSWORD),
            ("KOFU_DATABASE_URL", url.as_str()),
        ],
    ));
    assert_eq!(v["intact"], json!(false));
    assert_eq!(v["problems"][0], json!({"seq": 2, "kind": "edited"}));
}

fn catalogue_and_service_commands_follow_the_approved_configuration(db: &TestDb) {
    let url = db_arg(db);
    assert_eq!(
        kofu(&["demo", "--db", &url, "--months", "0"], &[])
            .status
            .code(),
        Some(0)
    );
    let env = |user: &'static str| {
        [
            ("KOFU_USER", user),
            ("KOFU_PASSWORD", kofu_api::DEMO_PASSWORD),
            ("KOFU_DATABASE_URL", url.as_str()),
            ("KOFU_NOW", "2026-11-26T10:00"),
        ]
    };
    let list = json_of(&kofu(&["catalogue", "list", "--json"], &env("clerk")));
    assert_eq!(list[0]["code"], json!("01"));
    assert_eq!(list[0]["name"], json!("住民票の写し"));
    assert_eq!(list[0]["fee"], json!(250));
    assert_eq!(list[0]["enabled"], json!(true));

    let no = json_of(&kofu(
        &[
            "service",
            "available",
            "--kind",
            "04",
            "--at",
            "2026-10-10T10:00",
            "--json",
        ],
        &env("clerk"),
    ));
    assert_eq!(no["available"], json!(false));
    assert!(no["reason"].as_str().unwrap().contains("土曜日"), "{no}");
    let yes = json_of(&kofu(
        &[
            "service",
            "available",
            "--kind",
            "04",
            "--at",
            "2026-10-09T10:00",
            "--json",
        ],
        &env("clerk"),
    ));
    assert_eq!(yes, json!({"available": true}));

    let drafted = json_of(&kofu(
        &[
            "catalogue",
            "set-fee",
            "01",
            "--fee",
            "200",
            "--from",
            "2026-12-01",
            "--until",
            "2026-12-31",
            "--note",
            "キャンペーン",
            "--json",
        ],
        &env("clerk"),
    ));
    let id = drafted["id"].to_string();
    let own = kofu(&["change", "approve", &id, "--json"], &env("clerk"));
    assert_eq!(
        (own.status.code(), json_of(&own)["error"]["code"].clone()),
        (Some(1), json!("forbidden"))
    );
    let ok = json_of(&kofu(
        &["change", "approve", &id, "--json"],
        &env("supervisor"),
    ));
    assert_eq!(ok["notice_number"], json!("千葉市第1号"));
    let dec = json_of(&kofu(
        &["catalogue", "list", "--on", "2026-12-10", "--json"],
        &env("clerk"),
    ));
    assert_eq!(
        (dec[0]["fee"].clone(), dec[0]["fee_note"].clone()),
        (json!(200), json!("キャンペーン"))
    );
    let letters = json_of(&kofu(&["correspondence", "list", "--json"], &env("clerk")));
    assert_eq!(letters[0]["document_number"], json!("千葉市第1号"));

    let overlap = kofu(
        &[
            "suspension",
            "add",
            "--from",
            "2026-12-05T22:00",
            "--until",
            "2026-12-06T05:00",
            "--reason",
            "保守",
            "--json",
        ],
        &env("clerk"),
    );
    assert_eq!(
        overlap.status.code(),
        Some(1),
        "maintenance during service hours is refused"
    );
}

fn statement_notices_reconcile_and_settlement_as_scripts_run_them(db: &TestDb) {
    use kofu_jlis::format::{write_notices, write_statement, Encoding};
    let url = db_arg(db);
    assert_eq!(
        kofu(&["demo", "--db", &url, "--months", "0"], &[])
            .status
            .code(),
        Some(0)
    );
    let dir = tempfile::tempdir().unwrap();
    let code = kofu_core::MunicipalityCode::parse("121002").unwrap();
    let month = kofu_core::TargetMonth::parse("2026-06").unwrap();
    let (statement, notices) = kofu_jlis::generate::month(code, month, 21, 2);
    let sfile = dir.path().join("jisseki_202606.csv");
    std::fs::write(&sfile, write_statement(&statement, Encoding::Cp932)).unwrap();
    let nfile = dir.path().join("kanryo_202606.csv");
    std::fs::write(&nfile, write_notices(code, &notices, Encoding::Cp932)).unwrap();
    let env = [
        ("KOFU_USER", "clerk"),
        ("KOFU_PASSWORD", kofu_api::DEMO_PASSWORD),
        ("KOFU_DATABASE_URL", url.as_str()),
    ];

    let out = json_of(&kofu(
        &["statement", "import", sfile.to_str().unwrap(), "--json"],
        &env,
    ));
    let t = statement.totals();
    assert_eq!(out["target_month"], json!("2026-06"));
    assert_eq!(out["status"], json!("imported"));
    assert_eq!(
        (
            out["records"].clone(),
            out["fees"].clone(),
            out["commissions"].clone()
        ),
        (json!(t.records), json!(t.fees), json!(t.commissions))
    );
    assert_eq!(
        json_of(&kofu(
            &["statement", "import", sfile.to_str().unwrap(), "--json"],
            &env
        ))["status"],
        json!("unchanged")
    );

    let n = json_of(&kofu(
        &["notices", "import", nfile.to_str().unwrap(), "--json"],
        &env,
    ));
    assert_eq!(n, json!({"imported": notices.len(), "unchanged": 0}));
    let r = json_of(&kofu(&["reconcile", "2026-06", "--json"], &env));
    assert_eq!(
        (r["target_month"].clone(), r["matched"].clone()),
        (json!("2026-06"), json!(true)),
        "{r}"
    );
    assert_eq!(r["differences"], json!([]));
    let s = json_of(&kofu(&["settlement", "show", "2026-06", "--json"], &env));
    assert_eq!(s["net"], json!(t.fees.to_i64() - t.commissions.to_i64()));
    assert_eq!(s["by_operator"][0]["code"], json!("0001"));
    assert!(s["by_kind"][0]["copies"].as_i64().unwrap() > 0);

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "1,121003,202606,20260710090000,1\r\n9\r\n").unwrap();
    let refused = kofu(
        &["statement", "import", bad.to_str().unwrap(), "--json"],
        &env,
    );
    assert_eq!(refused.status.code(), Some(1));
    let e = json_of(&refused);
    assert_eq!(e["error"]["code"], json!("validation"));
    assert!(
        e["error"]["details"]
            .as_array()
            .is_some_and(|d| !d.is_empty()),
        "each bad line is listed: {e}"
    );
}

/// A J-LIS simulator on a loopback port, in a thread of its own; returns its base URL.
fn simulator(today: &str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let config = kofu_jlis_sim::SimConfig {
        municipality: kofu_core::MunicipalityCode::parse("121002").unwrap(),
        token: "sim-token".into(),
        seed: 4,
        scale: 2,
        finalized_from_day: 10,
        today: chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap(),
    };
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            kofu_jlis_sim::serve(listener, config, kofu_jlis_sim::Faults::new())
                .await
                .unwrap();
        });
    });
    url
}

fn statement_pull_fetches_from_the_jlis_server_over_http(db: &TestDb) {
    let url = db_arg(db);
    assert_eq!(
        kofu(&["demo", "--db", &url, "--months", "0"], &[])
            .status
            .code(),
        Some(0)
    );
    let server = simulator("2026-07-12");
    let env = |token: &'static str| {
        [
            ("KOFU_USER", "clerk"),
            ("KOFU_PASSWORD", kofu_api::DEMO_PASSWORD),
            ("KOFU_DATABASE_URL", url.as_str()),
            ("KOFU_JLIS_URL", server.as_str()),
            ("KOFU_JLIS_TOKEN", token),
            ("KOFU_NOW", "2026-07-12T10:00"),
        ]
    };
    let pulled = kofu(
        &["statement", "pull", "2026-06", "--json"],
        &env("sim-token"),
    );
    assert_eq!(
        pulled.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&pulled.stderr)
    );
    let p = json_of(&pulled);
    assert_eq!(
        (p["target_month"].clone(), p["status"].clone()),
        (json!("2026-06"), json!("imported"))
    );
    assert!(p["fees"].as_i64().unwrap() > 0);
    assert_eq!(
        json_of(&kofu(
            &["statement", "pull", "2026-06", "--json"],
            &env("sim-token")
        ))["status"],
        json!("unchanged")
    );
    let denied = kofu(
        &["statement", "pull", "2026-06", "--json"],
        &env("wrong-token"),
    );
    assert_eq!(
        (
            denied.status.code(),
            json_of(&denied)["error"]["code"].clone()
        ),
        (Some(1), json!("unauthorized"))
    );
    let early = kofu(
        &["statement", "pull", "2026-07", "--json"],
        &env("sim-token"),
    );
    assert_eq!(
        json_of(&early)["error"]["code"],
        json!("not_final"),
        "J-LIS answers 425 before the 10th"
    );
    assert!(
        !String::from_utf8_lossy(&denied.stderr).contains("wrong-token"),
        "the token never appears in messages"
    );
}

fn demo_builds_months_of_data_that_reconcile_and_settle(db: &TestDb) {
    let url = db_arg(db);
    let now = [("KOFU_NOW", "2026-11-26T10:00")];
    let made = kofu(&["demo", "--db", &url, "--months", "2", "--json"], &now);
    assert_eq!(
        made.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert_eq!(json_of(&made)["months"], 2);
    let env = [
        ("KOFU_USER", "clerk"),
        ("KOFU_PASSWORD", kofu_api::DEMO_PASSWORD),
        ("KOFU_DATABASE_URL", url.as_str()),
        ("KOFU_NOW", "2026-11-26T10:00"),
    ];
    let settled = json_of(&kofu(&["settlement", "show", "2026-09", "--json"], &env));
    let (fees, commissions) = (
        settled["fees"].as_i64().expect("fees"),
        settled["commissions"].as_i64().expect("commissions"),
    );
    assert!(fees > 0 && commissions > 0, "{settled}");
    assert_eq!(settled["net"].as_i64(), Some(fees - commissions));
    let reconciled = json_of(&kofu(&["reconcile", "2026-08", "--json"], &env));
    assert_eq!(reconciled["matched"], true, "{reconciled}");
    let october = kofu(&["settlement", "show", "2026-10", "--json"], &env);
    assert_eq!(
        october.status.code(),
        Some(1),
        "last month is left for the demo to pull"
    );
}

on_both_backends!(
    demo_builds_months_of_data_that_reconcile_and_settle,
    init_profile_set_and_audit_verify,
    audit_verify_reports_tampering,
    catalogue_and_service_commands_follow_the_approved_configuration,
    statement_notices_reconcile_and_settlement_as_scripts_run_them,
    statement_pull_fetches_from_the_jlis_server_over_http,
    a_token_set_from_stdin_is_what_statement_pull_uses,
    every_typed_field_refuses_a_twelve_digit_number_and_stores_nothing,
    document_number_templates_are_listed_and_set_by_a_supervisor,
);
