//! The shared repository suite: every test runs on SQLite and on PostgreSQL.

mod files;
mod documents;

use chrono::{NaiveDate, NaiveDateTime};
use kofu_core::audit::verify;
use kofu_core::{MunicipalityProfile, Role};
use kofu_store::testing::TestDb;
use kofu_store::{audit, on_both_backends, params, profile, settings, staff, StoreError};

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

fn profile_round_trips(db: &TestDb) {
    let p = MunicipalityProfile::chiba_demo();
    db.store
        .transaction(|tx| {
            assert_eq!(profile::get(tx)?, None, "a new database has no profile");
            profile::put(tx, &p, at(9, 0))?;
            let mut changed = p.clone();
            changed.contact_phone = "043-000-0000".into();
            profile::put(tx, &changed, at(9, 1))?;
            assert_eq!(profile::get(tx)?.unwrap().contact_phone, "043-000-0000");
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let again = db
        .reopen()
        .transaction(|tx| profile::get(tx))
        .unwrap()
        .unwrap();
    assert_eq!(
        again.name, "千葉市",
        "the profile survives reopening the database"
    );
}

fn staff_names_are_unique_and_lockout_counts(db: &TestDb) {
    db.store
        .transaction(|tx| {
            let new = staff::NewStaff {
                name: "tanaka",
                display_name: "田中 一郎",
                role: Role::Clerk,
                password_hash: "h",
            };
            let s = staff::insert(tx, &new, at(9, 0))?;
            assert_eq!(s.role, Role::Clerk);
            assert!(!s.locked && s.active);
            for expected in 1..=4 {
                assert_eq!(staff::record_failed_login(tx, s.id, 5)?, expected);
            }
            assert!(
                !staff::by_id(tx, s.id)?.unwrap().locked,
                "four failures do not lock"
            );
            staff::record_failed_login(tx, s.id, 5)?;
            assert!(
                staff::by_id(tx, s.id)?.unwrap().locked,
                "the fifth failure locks"
            );
            staff::unlock(tx, s.id)?;
            let s = staff::by_id(tx, s.id)?.unwrap();
            assert!(!s.locked && s.failed_logins == 0);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let dup = db.store.transaction(|tx| {
        staff::insert(
            tx,
            &staff::NewStaff {
                name: "tanaka",
                display_name: "別人",
                role: Role::Admin,
                password_hash: "h",
            },
            at(9, 5),
        )
    });
    assert!(
        matches!(dup, Err(StoreError::Unique(_))),
        "a taken name is a unique violation: {dup:?}"
    );
}

fn a_failed_transaction_writes_nothing(db: &TestDb) {
    let r: Result<(), StoreError> = db.store.transaction(|tx| {
        settings::set(tx, "demo", "1")?;
        audit::append(
            tx,
            &audit::NewEntry {
                at: at(9, 0),
                actor: "a",
                action: "x",
                target: "t",
                summary: "{}",
            },
        )?;
        Err(StoreError::Migration("boom".into()))
    });
    assert!(r.is_err());
    db.store
        .transaction(|tx| {
            assert_eq!(settings::get(tx, "demo")?, None, "rolled back");
            assert!(audit::all(tx)?.is_empty(), "rolled back");
            assert_eq!(audit::head(tx)?, None);
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn append_entries(db: &TestDb, n: u32) {
    db.store
        .transaction(|tx| {
            for i in 0..n {
                let summary = format!("{{\"i\":{i}}}");
                audit::append(
                    tx,
                    &audit::NewEntry {
                        at: at(10, i),
                        actor: "admin",
                        action: "test.write",
                        target: "t",
                        summary: &summary,
                    },
                )?;
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn verify_store(db: &TestDb) -> kofu_core::audit::Verification {
    db.store
        .transaction(|tx| Ok::<_, StoreError>(verify(audit::all(tx)?, audit::head(tx)?)))
        .unwrap()
}

fn the_audit_chain_verifies_across_transactions_and_connections(db: &TestDb) {
    append_entries(db, 3);
    let other = db.reopen();
    other
        .transaction(|tx| {
            audit::append(
                tx,
                &audit::NewEntry {
                    at: at(11, 0),
                    actor: "b",
                    action: "x",
                    target: "t",
                    summary: "{}",
                },
            )
        })
        .unwrap();
    append_entries(db, 2);
    let v = verify_store(db);
    assert!(v.intact, "{:?}", v.problems);
    assert_eq!(v.entries, 6);
}

fn entries_made_at_fractional_seconds_still_verify(db: &TestDb) {
    let at = at(12, 0) + chrono::Duration::nanoseconds(123_456_789);
    db.store
        .transaction(|tx| {
            audit::append(
                tx,
                &audit::NewEntry {
                    at,
                    actor: "a",
                    action: "x",
                    target: "t",
                    summary: "{}",
                },
            )
        })
        .unwrap();
    assert!(
        verify_store(db).intact,
        "the wall clock has nanoseconds; the stored entry must still verify"
    );
}

fn the_audit_log_refuses_updates_and_deletes(db: &TestDb) {
    append_entries(db, 2);
    let upd = db
        .store
        .transaction(|tx| tx.execute("UPDATE audit_log SET summary = 'x' WHERE seq = 1", &[]));
    assert!(
        upd.is_err(),
        "UPDATE must be refused by the database itself"
    );
    let del = db
        .store
        .transaction(|tx| tx.execute("DELETE FROM audit_log WHERE seq = 2", &[]));
    assert!(
        del.is_err(),
        "DELETE must be refused by the database itself"
    );
    assert!(verify_store(db).intact);
}

/// Someone with direct access to the database drops the guard and edits or deletes entries.
fn tampering_behind_the_guard_is_detected(db: &TestDb) {
    append_entries(db, 4);
    let disable = match db.store.kind() {
        kofu_store::BackendKind::Sqlite => {
            "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete"
        }
        kofu_store::BackendKind::Postgres => {
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"
        }
    };
    db.store
        .transaction(|tx| {
            for stmt in disable.split(';') {
                tx.execute(stmt, &[])?;
            }
            tx.execute(
                "UPDATE audit_log SET summary = $1 WHERE seq = $2",
                params!["{\"i\":99}", 2i64],
            )
        })
        .unwrap();
    let v = verify_store(db);
    assert!(!v.intact);
    assert!(
        v.problems.iter().any(|p| p.seq == 2 && p.kind == "edited"),
        "{:?}",
        v.problems
    );

    db.store
        .transaction(|tx| tx.execute("DELETE FROM audit_log WHERE seq = 4", &[]))
        .unwrap();
    let v = verify_store(db);
    assert!(
        v.problems.iter().any(|p| p.kind == "head_mismatch"),
        "deleting the newest entry is caught: {:?}",
        v.problems
    );
}

fn counts_come_back_as_integers_on_both_backends(db: &TestDb) {
    append_entries(db, 3);
    let n = db
        .store
        .transaction(|tx| {
            tx.query(
                "SELECT CAST(COUNT(*) AS BIGINT), CAST(SUM(seq) AS BIGINT) FROM audit_log",
                &[],
            )
        })
        .unwrap();
    assert_eq!(n[0].int(0).unwrap(), 3);
    assert_eq!(n[0].int(1).unwrap(), 6);
}

on_both_backends!(
    profile_round_trips,
    staff_names_are_unique_and_lockout_counts,
    a_failed_transaction_writes_nothing,
    the_audit_chain_verifies_across_transactions_and_connections,
    the_audit_log_refuses_updates_and_deletes,
    tampering_behind_the_guard_is_detected,
    counts_come_back_as_integers_on_both_backends,
    entries_made_at_fractional_seconds_still_verify,
);
