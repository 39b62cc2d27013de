//! The document-number counters: per kind and 年度, from 1 each April, never the same twice.

use kofu_core::calendar::FiscalYear;
use kofu_core::document::DocumentKind;
use kofu_store::catalogue::{next_document_number, peek_document_number};
use kofu_store::testing::TestDb;
use kofu_store::{on_both_backends, BackendKind, Store, StoreError};

fn allocate(store: &Store, kind: DocumentKind, fy: i32) -> u64 {
    store
        .transaction(|tx| next_document_number(tx, kind, FiscalYear(fy)))
        .unwrap()
}

fn each_kind_counts_on_its_own_and_starts_again_each_fiscal_year(db: &TestDb) {
    use DocumentKind::*;
    assert_eq!(allocate(&db.store, ChangeNotice, 2026), 1);
    assert_eq!(allocate(&db.store, ChangeNotice, 2026), 2);
    assert_eq!(
        allocate(&db.store, Invoice, 2026),
        1,
        "invoices have their own counter"
    );
    assert_eq!(
        allocate(&db.store, ChangeNotice, 2027),
        1,
        "a new 年度 starts again at 1"
    );
    assert_eq!(
        allocate(&db.store, ChangeNotice, 2026),
        3,
        "the old 年度 goes on where it was"
    );
    let next = db
        .store
        .transaction(|tx| {
            Ok::<_, StoreError>((
                peek_document_number(tx, ChangeNotice, FiscalYear(2026))?,
                peek_document_number(tx, IncidentReport, FiscalYear(2026))?,
            ))
        })
        .unwrap();
    assert_eq!(next, (4, 1), "peeking shows the next number");
    assert_eq!(
        allocate(&db.store, ChangeNotice, 2026),
        4,
        "peeking allocated nothing"
    );
}

fn a_rolled_back_allocation_gives_its_number_back(db: &TestDb) {
    allocate(&db.store, DocumentKind::Invoice, 2026);
    let failed: Result<u64, StoreError> = db.store.transaction(|tx| {
        next_document_number(tx, DocumentKind::Invoice, FiscalYear(2026))?;
        Err(StoreError::Migration("the approval failed".into()))
    });
    assert!(failed.is_err());
    assert_eq!(
        allocate(&db.store, DocumentKind::Invoice, 2026),
        2,
        "no number is skipped when the issuing transaction rolls back"
    );
}

fn the_change_notice_keeps_the_counter_existing_databases_hold(db: &TestDb) {
    db.store
        .transaction(|tx| {
            tx.execute(
                "INSERT INTO document_numbers (fiscal_year, series, last_number) VALUES (2026, 'jlis', 7)",
                &[],
            )
        })
        .unwrap();
    assert_eq!(
        allocate(&db.store, DocumentKind::ChangeNotice, 2026),
        8,
        "numbering goes on from the notices already sent"
    );
}

/// Desks approving at the same moment, each on its own connection, hold a transaction open
/// after taking a number: none may get a number another got, and none may be skipped.
fn concurrent_allocations_never_share_a_number(db: &TestDb) {
    if db.store.kind() != BackendKind::Postgres {
        // SQLite serialises writers; the shared server is where desks race.
        return;
    }
    const DESKS: usize = 4;
    const EACH: usize = 5;
    let mut got: Vec<u64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..DESKS)
            .map(|_| {
                s.spawn(|| {
                    let store = Store::open(&db.url).expect("another desk connects");
                    (0..EACH)
                        .map(|_| {
                            store
                                .transaction(|tx| {
                                    let n = next_document_number(
                                        tx,
                                        DocumentKind::ChangeNotice,
                                        FiscalYear(2026),
                                    )?;
                                    // The rest of the approval's work, with the row locked.
                                    std::thread::sleep(std::time::Duration::from_millis(20));
                                    Ok::<_, StoreError>(n)
                                })
                                .unwrap()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    got.sort_unstable();
    let expected: Vec<u64> = (1..=(DESKS * EACH) as u64).collect();
    assert_eq!(got, expected, "every number exactly once, none skipped");
}

on_both_backends!(
    each_kind_counts_on_its_own_and_starts_again_each_fiscal_year,
    a_rolled_back_allocation_gives_its_number_back,
    the_change_notice_keeps_the_counter_existing_databases_hold,
    concurrent_allocations_never_share_a_number,
);
