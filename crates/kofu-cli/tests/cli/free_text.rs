//! Every field a person types refuses a 12-digit number (a possible 個人番号) through the CLI,
//! whatever the spelling, and a refused command stores nothing.

use std::path::{Path, PathBuf};

use kofu_store::testing::TestDb;
use kofu_store::DatabaseUrl;
use serde_json::{json, Value};

use crate::{db_arg, demo_without_months, json_of, kofu};

/// Runs `args` (with `--json`) and checks the refusal: exit 1, code `validation`, the field
/// named in `details`, and a message saying why.
fn refused(args: &[&str], env: &[(&str, &str)], field: &str) {
    let mut with_json = args.to_vec();
    with_json.push("--json");
    let out = kofu(&with_json, env);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?} must be refused: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let e = json_of(&out);
    assert_eq!(e["error"]["code"], json!("validation"), "{args:?}: {e}");
    assert_eq!(
        e["error"]["details"],
        json!([{ "field": field }]),
        "{args:?} names the field: {e}"
    );
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("個人番号（マイナンバー）は記録できません"),
        "{args:?} says why: {e}"
    );
}

fn list(args: &[&str], env: &[(&str, &str)]) -> Vec<Value> {
    let mut with_json = args.to_vec();
    with_json.push("--json");
    let out = kofu(&with_json, env);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_of(&out).as_array().expect("a JSON list").clone()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

pub fn every_typed_field_refuses_a_twelve_digit_number_and_stores_nothing(db: &TestDb) {
    let url = db_arg(db);
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_owned();
    demo_without_months(&url);
    let env = |user: &'static str| {
        [
            ("KOFU_USER", user),
            ("KOFU_PASSWORD", kofu_api::DEMO_PASSWORD),
            ("KOFU_DATABASE_URL", url.as_str()),
            ("KOFU_NOW", "2026-11-26T10:00"),
            ("KOFU_DATA_DIR", data_dir.as_str()),
        ]
    };
    let (clerk, supervisor, admin) = (env("clerk"), env("supervisor"), env("admin"));
    let changes = list(&["change", "list"], &clerk).len();

    // Fee note, kind names: nothing is drafted.
    refused(
        &[
            "catalogue",
            "set-fee",
            "01",
            "--fee",
            "200",
            "--from",
            "2026-12-01",
            "--note",
            "申請者 1234 5678 9012",
        ],
        &clerk,
        "note",
    );
    refused(
        &[
            "catalogue",
            "add-kind",
            "08",
            "--name",
            "証明書１２３４５６７８９０１２",
            "--from",
            "2026-12-01",
        ],
        &clerk,
        "name",
    );
    refused(
        &[
            "catalogue",
            "update-kind",
            "01",
            "--name",
            "住民票 1234.5678.9012",
            "--from",
            "2026-12-01",
        ],
        &clerk,
        "name",
    );
    assert_eq!(
        list(&["change", "list"], &clerk).len(),
        changes,
        "a refused draft is not stored"
    );

    // Return reason: the request stays awaiting review.
    let drafted = kofu(
        &[
            "catalogue",
            "set-fee",
            "01",
            "--fee",
            "200",
            "--from",
            "2026-12-01",
            "--note",
            "問合せ 043-245-5134",
            "--json",
        ],
        &clerk,
    );
    assert_eq!(
        drafted.status.code(),
        Some(0),
        "a phone number is no 個人番号: {}",
        String::from_utf8_lossy(&drafted.stderr)
    );
    let drafted = json_of(&drafted);
    let id = drafted["id"].to_string();
    refused(
        &[
            "change",
            "return",
            &id,
            "--reason",
            "1234/5678/9012 の方の申請です",
        ],
        &supervisor,
        "reason",
    );
    let after = list(&["change", "list"], &clerk);
    let request = after
        .iter()
        .find(|c| c["id"] == drafted["id"])
        .expect("the drafted request is listed");
    assert_eq!(
        request["status"]["state"],
        json!("drafted"),
        "a refused return leaves the request as it was"
    );

    // Suspension reason and notice text.
    let suspensions = list(&["suspension", "list"], &clerk).len();
    refused(
        &[
            "suspension",
            "add",
            "--from",
            "2026-12-05T23:30",
            "--until",
            "2026-12-06T05:00",
            "--reason",
            "保守 1234  5678  9012",
        ],
        &clerk,
        "reason",
    );
    refused(
        &[
            "suspension",
            "add",
            "--emergency",
            "--from",
            "2026-12-05T10:00",
            "--until",
            "2026-12-05T12:00",
            "--reason",
            "キオスク端末の障害",
            "--notice",
            "受付番号 1234ー5678ー9012 の方へ",
        ],
        &clerk,
        "notice_text",
    );
    assert_eq!(
        list(&["suspension", "list"], &clerk).len(),
        suspensions,
        "a refused suspension is not stored"
    );

    // Closure reason.
    let closures = list(&["calendar", "closure", "list"], &admin).len();
    refused(
        &[
            "calendar",
            "closure",
            "add",
            "2026-12-28",
            "--reason",
            "点検 1234 - 5678 - 9012",
        ],
        &admin,
        "reason",
    );
    assert_eq!(
        list(&["calendar", "closure", "list"], &admin).len(),
        closures,
        "a refused closure is not stored"
    );

    // Letter subject, body and attachment names: no entry, no file.
    let letters = list(&["correspondence", "list"], &clerk).len();
    let upload = tempfile::tempdir().unwrap();
    let plain = upload.path().join("停止通知.pdf");
    std::fs::write(&plain, b"%PDF-1.4 test").unwrap();
    let numbered = upload.path().join("申請書_1234-5678-9012.pdf");
    std::fs::write(&numbered, b"%PDF-1.4 test").unwrap();
    let plain = plain.to_str().unwrap();
    fn letter<'a>(subject: &'a str, body: &'a str, attach: &'a str) -> Vec<&'a str> {
        vec![
            "correspondence",
            "add",
            "--at",
            "2026-11-20T15:00",
            "--category",
            "suspension",
            "--document-number",
            "地情機第45号",
            "--subject",
            subject,
            "--body",
            body,
            "--attach",
            attach,
        ]
    }
    refused(
        &letter("件名 1234-5678-9012", "12月5日に保守を行います。", plain),
        &clerk,
        "subject",
    );
    refused(
        &letter(
            "計画停止のお知らせ",
            "番号 １２３４　５６７８　９０１２",
            plain,
        ),
        &clerk,
        "body",
    );
    refused(
        &letter(
            "計画停止のお知らせ",
            "12月5日に保守を行います。",
            numbered.to_str().unwrap(),
        ),
        &clerk,
        "attachments",
    );
    assert_eq!(
        list(&["correspondence", "list"], &clerk).len(),
        letters,
        "a refused letter is not recorded"
    );
    let files_dir = match &db.url {
        DatabaseUrl::Sqlite(p) => p.with_extension("files"),
        DatabaseUrl::Postgres(_) => data.path().join("files"),
    };
    assert_eq!(
        files_under(&files_dir),
        Vec::<PathBuf>::new(),
        "a refused letter leaves no file behind"
    );

    // The same letter without the numbers is recorded, with its file.
    let mut with_json = letter(
        "計画停止のお知らせ",
        "12月5日 23:30〜翌5:00 に保守を行います。問合せ 043-245-5134",
        plain,
    );
    with_json.push("--json");
    let ok = kofu(&with_json, &clerk);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let recorded = json_of(&ok);
    assert_eq!(
        (
            recorded["direction"].clone(),
            recorded["document_number"].clone(),
            recorded["attachments"].clone()
        ),
        (
            json!("received"),
            json!("地情機第45号"),
            json!(["停止通知.pdf"])
        )
    );
    assert!(
        files_under(&files_dir).is_empty(),
        "the attachment is kept in the database with its letter, not in a folder beside it"
    );
    assert_eq!(list(&["correspondence", "list"], &clerk).len(), letters + 1);
}
