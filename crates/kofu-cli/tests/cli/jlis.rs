//! `kofu jlis` as an admin runs it: the token goes in through stdin and into the real OS
//! credential store (on Linux the kernel keyring, shared by the user's processes through the
//! persistent keyring), and `kofu statement pull`, another process, then needs neither
//! KOFU_JLIS_URL nor KOFU_JLIS_TOKEN.

use std::io::Write;
use std::process::{Output, Stdio};

use kofu_store::testing::TestDb;
use serde_json::{json, Value};

use crate::{command, db_arg, demo_without_months, json_of, kofu, simulator};

/// `kofu` with `input` on its stdin.
fn kofu_with_stdin(args: &[&str], env: &[(&str, &str)], input: &str) -> Output {
    let mut child = command(args, env)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kofu starts");
    child
        .stdin
        .take()
        .expect("a piped stdin")
        .write_all(input.as_bytes())
        .expect("kofu reads its stdin");
    child.wait_with_output().expect("kofu ends")
}

fn ok(o: &Output, what: &str) -> Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{what}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    json_of(o)
}

fn refused(o: &Output) -> Value {
    assert_eq!(
        o.status.code(),
        Some(1),
        "a refusal exits 1: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    json_of(o)["error"].clone()
}

/// Takes the test's token out of the OS credential store however the test ends.
struct ClearToken<'a>([(&'a str, &'a str); 4]);

impl Drop for ClearToken<'_> {
    fn drop(&mut self) {
        let _ = kofu(&["jlis", "token", "clear"], &self.0);
    }
}

pub fn a_token_set_from_stdin_is_what_statement_pull_uses(db: &TestDb) {
    let url = db_arg(db);
    demo_without_months(&url); // no statements yet
    let server = simulator("2026-07-12");
    let as_user = |user: &'static str| {
        [
            ("KOFU_USER", user),
            ("KOFU_PASSWORD", kofu_api::DEMO_PASSWORD),
            ("KOFU_DATABASE_URL", url.as_str()),
            ("KOFU_NOW", "2026-07-12T10:00"),
        ]
    };
    let (admin, clerk) = (as_user("admin"), as_user("clerk"));
    let _cleanup = ClearToken(admin);

    let e = refused(&kofu_with_stdin(
        &["jlis", "token", "set", "--json"],
        &clerk,
        "sim-token\n",
    ));
    assert_eq!(
        e["code"],
        json!("forbidden"),
        "only an admin sets the token"
    );

    let e = refused(&kofu(
        &["jlis", "set", "--url", "http://jlis.example.jp/", "--json"],
        &admin,
    ));
    assert_eq!(
        (e["code"].clone(), e["details"].clone()),
        (json!("validation"), json!([{"field": "base_url"}])),
        "plain http to another host is refused naming the field"
    );

    let set = ok(
        &kofu(&["jlis", "set", "--url", &server, "--json"], &admin),
        "jlis set --url",
    );
    assert_eq!(set["base_url"], json!(format!("{server}/")));

    let e = refused(&kofu_with_stdin(
        &["jlis", "token", "set", "--json"],
        &admin,
        "\n",
    ));
    assert_eq!(
        (e["code"].clone(), e["details"].clone()),
        (json!("validation"), json!([{"field": "token"}])),
        "an empty line is no token"
    );

    let stored = kofu_with_stdin(
        &["jlis", "token", "set", "--json"],
        &admin,
        "  sim-token  \n",
    );
    let s = ok(&stored, "jlis token set");
    assert_eq!(s["token_set"], json!(true));
    let shown = kofu(&["jlis", "show", "--json"], &clerk);
    let v = ok(&shown, "jlis show");
    assert_eq!(
        (v["token_set"].clone(), v["token_from_env"].clone()),
        (json!(true), json!(false)),
        "a clerk sees that the token is set: {v}"
    );
    for o in [&stored, &shown] {
        assert!(
            !String::from_utf8_lossy(&o.stdout).contains("sim-token")
                && !String::from_utf8_lossy(&o.stderr).contains("sim-token"),
            "the token is never printed"
        );
    }

    let pulled = ok(
        &kofu(&["statement", "pull", "2026-06", "--json"], &clerk),
        "statement pull with the stored URL and token",
    );
    assert_eq!(
        (pulled["target_month"].clone(), pulled["status"].clone()),
        (json!("2026-06"), json!("imported"))
    );

    let cleared = ok(
        &kofu(&["jlis", "token", "clear", "--json"], &admin),
        "jlis token clear",
    );
    assert_eq!(cleared["token_set"], json!(false));
    let no_token = kofu(&["statement", "pull", "2026-06", "--json"], &clerk);
    let e = refused(&no_token);
    assert_eq!(e["code"], json!("jlis_not_configured"));
    assert!(
        String::from_utf8_lossy(&no_token.stderr).contains("kofu jlis token set"),
        "the refusal says how to set it"
    );

    let with_env = [
        clerk[0],
        clerk[1],
        clerk[2],
        clerk[3],
        ("KOFU_JLIS_TOKEN", "sim-token"),
    ];
    let again = ok(
        &kofu(&["statement", "pull", "2026-06", "--json"], &with_env),
        "statement pull with KOFU_JLIS_TOKEN",
    );
    assert_eq!(
        again["status"],
        json!("unchanged"),
        "a scheduled job's KOFU_JLIS_TOKEN stands in for the store"
    );
}
