//! The audit trail: an append-only list of changes, chained by SHA-256 so that editing or
//! deleting an entry is detected by [`verify`].
//!
//! Each entry's hash covers the previous entry's hash and its own fields (length-prefixed, so no
//! two different entries hash alike). The store keeps the latest (seq, hash) as the chain's head,
//! which catches the deletion of the newest entries too. Secrets and bank account numbers are
//! masked before they reach a summary ([`changes`] takes the masked views).

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: NaiveDateTime,
    /// The acting user's login name, or `system` for the installer.
    pub actor: String,
    /// What happened, e.g. `profile.update`, `user.add`, `login.failed`.
    pub action: String,
    /// What it happened to, e.g. `profile`, `user:tanaka`.
    pub target: String,
    /// Before/after summary (JSON), secrets masked.
    pub summary: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry, hex-encoded.
pub fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: NaiveDateTime,
    actor: &str,
    action: &str,
    target: &str,
    summary: &str,
) -> String {
    let mut h = Sha256::new();
    let at = at.format("%Y-%m-%dT%H:%M:%S%.f").to_string();
    for part in [
        prev_hash,
        &seq.to_string(),
        &at,
        actor,
        action,
        target,
        summary,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The result of checking a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub entries: u64,
    pub intact: bool,
    pub problems: Vec<ChainProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainProblem {
    pub seq: i64,
    /// `edited`, `missing`, `broken_link` or `head_mismatch`.
    pub kind: &'static str,
}

/// Checks entries (in `seq` order) against each other and against the stored head.
pub fn verify(
    records: impl IntoIterator<Item = AuditRecord>,
    head: Option<(i64, String)>,
) -> Verification {
    let mut problems = Vec::new();
    let mut prev_hash = GENESIS.to_string();
    let mut expected_seq = 1;
    let mut entries = 0u64;
    for r in records {
        entries += 1;
        if r.seq != expected_seq {
            problems.push(ChainProblem {
                seq: expected_seq,
                kind: "missing",
            });
        }
        if r.prev_hash != prev_hash {
            problems.push(ChainProblem {
                seq: r.seq,
                kind: "broken_link",
            });
        }
        let recomputed = entry_hash(
            &r.prev_hash,
            r.seq,
            r.at,
            &r.actor,
            &r.action,
            &r.target,
            &r.summary,
        );
        if recomputed != r.hash {
            problems.push(ChainProblem {
                seq: r.seq,
                kind: "edited",
            });
        }
        prev_hash = r.hash;
        expected_seq = r.seq + 1;
    }
    let last = (expected_seq - 1, prev_hash);
    match head {
        Some(head) if head != last => problems.push(ChainProblem {
            seq: head.0,
            kind: "head_mismatch",
        }),
        None if entries > 0 => problems.push(ChainProblem {
            seq: 0,
            kind: "head_mismatch",
        }),
        _ => {}
    }
    Verification {
        entries,
        intact: problems.is_empty(),
        problems,
    }
}

/// A summary of what changed between two JSON views of a thing: `{"field": [before, after]}` for
/// every leaf that differs (nested objects are flattened with dots). Pass masked views.
pub fn changes(before: &Value, after: &Value) -> Value {
    let mut out = Map::new();
    diff_into("", before, after, &mut out);
    Value::Object(out)
}

fn diff_into(prefix: &str, before: &Value, after: &Value, out: &mut Map<String, Value>) {
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let keys: std::collections::BTreeSet<&String> = b.keys().chain(a.keys()).collect();
            for k in keys {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                diff_into(
                    &path,
                    b.get(k).unwrap_or(&Value::Null),
                    a.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (b, a) if b != a => {
            out.insert(prefix.to_string(), Value::Array(vec![b.clone(), a.clone()]));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn chain(n: i64) -> Vec<AuditRecord> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let at = NaiveDate::from_ymd_opt(2026, 11, 26)
                    .unwrap()
                    .and_hms_opt(9, 0, seq as u32)
                    .unwrap();
                let summary = format!("{{\"n\":{seq}}}");
                let hash = entry_hash(&prev, seq, at, "admin", "test", "t", &summary);
                let r = AuditRecord {
                    seq,
                    at,
                    actor: "admin".into(),
                    action: "test".into(),
                    target: "t".into(),
                    summary,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                r
            })
            .collect()
    }

    fn head(c: &[AuditRecord]) -> Option<(i64, String)> {
        c.last().map(|r| (r.seq, r.hash.clone()))
    }

    #[test]
    fn an_untouched_chain_is_intact() {
        let c = chain(5);
        let v = verify(c.clone(), head(&c));
        assert!(v.intact, "{:?}", v.problems);
        assert_eq!(v.entries, 5);
        assert!(verify(vec![], None).intact, "an empty trail is intact");
    }

    #[test]
    fn an_edited_entry_is_detected() {
        let c = chain(5);
        let h = head(&c);
        let mut edited = c;
        edited[2].summary = "{\"n\":99}".into();
        let v = verify(edited, h);
        assert!(!v.intact);
        assert_eq!(
            v.problems,
            vec![ChainProblem {
                seq: 3,
                kind: "edited"
            }]
        );
    }

    #[test]
    fn a_deleted_entry_is_detected_in_the_middle_and_at_the_end() {
        let c = chain(5);
        let h = head(&c);
        let mut middle = c.clone();
        middle.remove(1);
        let v = verify(middle, h.clone());
        assert!(
            v.problems.iter().any(|p| p.kind == "missing" && p.seq == 2),
            "{:?}",
            v.problems
        );
        let mut last = c;
        last.pop();
        let v = verify(last, h);
        assert!(
            v.problems.iter().any(|p| p.kind == "head_mismatch"),
            "deleting the newest entry must be caught by the head"
        );
    }

    #[test]
    fn changes_lists_only_changed_leaves_with_dotted_paths() {
        let before = serde_json::json!({"name": "千葉市", "bank": {"account_number": "****567", "bank_name": "A"}});
        let after = serde_json::json!({"name": "千葉市", "bank": {"account_number": "****890", "bank_name": "A"}});
        assert_eq!(
            changes(&before, &after),
            serde_json::json!({"bank.account_number": ["****567", "****890"]})
        );
    }
}
