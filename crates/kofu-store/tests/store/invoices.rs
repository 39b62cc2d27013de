//! Invoices in the store: one live invoice per month, steps written only from the status they
//! started from, an approved invoice that no UPDATE or DELETE changes, and one winner when two
//! desks approve at once.

use std::sync::Barrier;

use chrono::{NaiveDate, NaiveDateTime};
use kofu_core::calendar::FiscalYear;
use kofu_core::catalogue::KindCode;
use kofu_core::document::DocumentKind;
use kofu_core::invoice::{Invoice, InvoiceStatus};
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::settlement::settle;
use kofu_core::statement::StatementLine;
use kofu_core::{Role, TargetMonth};
use kofu_store::catalogue::next_document_number;
use kofu_store::invoices::{self, Moved};
use kofu_store::testing::TestDb;
use kofu_store::{on_both_backends, params, BackendKind, Sql, Store, StoreError};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn october() -> TargetMonth {
    TargetMonth::parse("2026-10").unwrap()
}

fn draft(live: bool) -> Invoice {
    let line = StatementLine {
        date: day("2026-10-01"),
        operator: OperatorCode::parse("0001").unwrap(),
        kind: KindCode::parse("01").unwrap(),
        issuances: 10,
        copies: 10,
        fees: Yen::new(2500),
        commissions: Yen::new(1170),
    };
    let s = settle(october(), true, &[line], live).unwrap();
    Invoice::draft(&s, "tanaka", Role::Clerk, at("2026-11-10T09:00")).unwrap()
}

fn inserted(store: &Store) -> Invoice {
    store
        .transaction(|tx| {
            let i = draft(false);
            let id = invoices::insert(tx, &i)?;
            Ok::<_, StoreError>(i.with_id(id))
        })
        .unwrap()
}

/// Approves `i` in `tx` as the approving use case does: the number, then the guarded write.
fn approve_in(tx: &mut dyn Sql, mut i: Invoice) -> Result<(Moved, u64), StoreError> {
    let n = next_document_number(tx, DocumentKind::Invoice, FiscalYear(2026))?;
    i.approve(
        "sato",
        Role::Supervisor,
        at("2026-11-11T10:00"),
        format!("千葉市第{n}号"),
    )
    .unwrap();
    Ok((invoices::save(tx, &i, InvoiceStatus::Draft)?, n))
}

fn approved(store: &Store) -> Invoice {
    let i = inserted(store);
    let id = i.id().unwrap();
    store
        .transaction(|tx| {
            assert_eq!(approve_in(tx, i)?.0, Moved::Saved);
            Ok::<_, StoreError>(invoices::get(tx, id)?.unwrap())
        })
        .unwrap()
}

fn an_invoice_reads_back_as_stored_and_a_month_has_one_live_invoice(db: &TestDb) {
    let i = inserted(&db.store);
    let back = db
        .reopen()
        .transaction(|tx| invoices::get(tx, i.id().unwrap()))
        .unwrap()
        .unwrap();
    assert_eq!(back, i, "every field survives the round trip");
    let second = db
        .store
        .transaction(|tx| invoices::insert(tx, &draft(false)));
    assert!(
        matches!(second, Err(StoreError::Unique(_))),
        "a second live invoice of the month is refused by the store: {second:?}"
    );
    db.store
        .transaction(|tx| {
            assert!(invoices::has_live(tx, october())?);
            let mut returned = i.clone();
            returned
                .return_("sato", Role::Supervisor, at("2026-11-11T10:00"), "件数確認")
                .unwrap();
            assert_eq!(
                invoices::save(tx, &returned, InvoiceStatus::Draft)?,
                Moved::Saved
            );
            assert!(
                !invoices::has_live(tx, october())?,
                "a returned one is not live"
            );
            invoices::insert(tx, &draft(false))?;
            let all = invoices::list(tx, Some(october()))?;
            assert_eq!(
                all.iter().map(|i| i.status()).collect::<Vec<_>>(),
                [InvoiceStatus::Draft, InvoiceStatus::Returned],
                "the latest first"
            );
            assert!(invoices::list(tx, TargetMonth::parse("2026-09").ok())?.is_empty());
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn a_step_is_written_only_from_the_status_it_started_from(db: &TestDb) {
    let i = approved(&db.store);
    let stale = db
        .store
        .transaction(|tx| {
            let mut again = invoices::get(tx, i.id().unwrap())?.unwrap();
            again
                .mark_sent(day("2026-11-13"), day("2026-11-13"))
                .unwrap();
            // A desk that still believed the invoice was a draft.
            invoices::save(tx, &again, InvoiceStatus::Draft)
        })
        .unwrap();
    assert_eq!(stale, Moved::Gone, "nothing written");
    let still = db
        .store
        .transaction(|tx| invoices::get(tx, i.id().unwrap()))
        .unwrap()
        .unwrap();
    assert_eq!(still.status(), InvoiceStatus::Approved);
}

fn the_store_refuses_to_change_an_approved_invoice(db: &TestDb) {
    let i = approved(&db.store);
    let id = i.id().unwrap();
    for (what, sql) in [
        ("amount", "UPDATE invoices SET amount = amount + 1 WHERE id = $1"),
        ("month", "UPDATE invoices SET target_month = '2026-09' WHERE id = $1"),
        ("number", "UPDATE invoices SET document_number = 'x' WHERE id = $1"),
        ("back to draft", "UPDATE invoices SET status = 'draft', document_number = NULL, approved_by = NULL WHERE id = $1"),
        ("deleted", "DELETE FROM invoices WHERE id = $1"),
    ] {
        let r = db.store.transaction(|tx| tx.execute(sql, params![id]));
        assert!(r.is_err(), "changing the {what} of an approved invoice is refused");
    }
    // The marks are the only changes, each set once.
    db.store
        .transaction(|tx| {
            let mut sent = invoices::get(tx, id)?.unwrap();
            sent.mark_sent(day("2026-11-13"), day("2026-11-13"))
                .unwrap();
            assert_eq!(
                invoices::save(tx, &sent, InvoiceStatus::Approved)?,
                Moved::Saved
            );
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let moved = db.store.transaction(|tx| {
        tx.execute(
            "UPDATE invoices SET sent_on = '2026-11-14' WHERE id = $1",
            params![id],
        )
    });
    assert!(moved.is_err(), "the day it was sent is not rewritten");
    let kept = db
        .store
        .transaction(|tx| invoices::get(tx, id))
        .unwrap()
        .unwrap();
    assert_eq!(
        (kept.amount(), kept.document_number(), kept.sent_on()),
        (i.amount(), i.document_number(), Some(day("2026-11-13")))
    );
}

fn two_desks_approving_at_once_make_one_winner_and_skip_no_number(db: &TestDb) {
    let i = inserted(&db.store);
    let id = i.id().unwrap();
    // SQLite has one writer at a time: the second desk's transaction starts after the first
    // commits, reads the approved invoice and is refused by the core. On PostgreSQL both read
    // the draft before either writes.
    let race = db.store.kind() == BackendKind::Postgres;
    let read = Barrier::new(2);
    let outcomes: Vec<Result<(Moved, u64), StoreError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let store = Store::open(&db.url).expect("another desk connects");
                    store.transaction(|tx| {
                        let seen = invoices::get(tx, id)?.unwrap();
                        if race {
                            read.wait();
                        } else if seen.status() != InvoiceStatus::Draft {
                            return Ok((Moved::Gone, 0));
                        }
                        let (moved, n) = approve_in(tx, seen)?;
                        if moved == Moved::Gone {
                            // The use case turns this into a conflict and rolls back.
                            return Err(StoreError::Migration("conflict".into()));
                        }
                        Ok((moved, n))
                    })
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let winners = outcomes
        .iter()
        .filter(|o| matches!(o, Ok((Moved::Saved, _))))
        .count();
    assert_eq!(winners, 1, "exactly one approval wins: {outcomes:?}");
    let number = db
        .store
        .transaction(|tx| {
            Ok::<_, StoreError>((
                invoices::get(tx, id)?
                    .unwrap()
                    .document_number()
                    .map(str::to_owned),
                next_document_number(tx, DocumentKind::Invoice, FiscalYear(2026))?,
            ))
        })
        .unwrap();
    assert_eq!(
        number,
        (Some("千葉市第1号".to_owned()), 2),
        "the loser's number was given back: the next invoice gets 2"
    );
}

on_both_backends!(
    an_invoice_reads_back_as_stored_and_a_month_has_one_live_invoice,
    a_step_is_written_only_from_the_status_it_started_from,
    the_store_refuses_to_change_an_approved_invoice,
    two_desks_approving_at_once_make_one_winner_and_skip_no_number,
);
