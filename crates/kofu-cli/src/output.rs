//! Printing results and refusals, as text or JSON.

use serde::Serialize;
use serde_json::json;

/// Prints `value` as JSON, or `text()` for people.
pub fn emit<T: Serialize>(json: bool, value: &T, text: impl FnOnce() -> String) {
    if json {
        println!(
            "{}",
            serde_json::to_string(value).expect("serialisable output")
        );
    } else {
        println!("{}", text());
    }
}

/// A refusal or failure: Japanese message and English detail on stderr; the error document on
/// stdout with `--json`. Returns the exit code.
pub fn fail(json: bool, e: &kofu_api::Error) -> i32 {
    let body = e.body();
    eprintln!("エラー: {}", body.message);
    eprintln!("error [{}]: {e}", body.code);
    if json {
        let details = e.details();
        println!(
            "{}",
            json!({"error": {"code": body.code, "message": body.message, "details": details}})
        );
    }
    if e.is_refusal() {
        1
    } else {
        3
    }
}
