//! Generated documents and received attachments, on both backends.

use chrono::{NaiveDate, NaiveDateTime};
use kofu_store::files::{self, FileOwner, MAX_BYTES};
use kofu_store::testing::TestDb;
use kofu_store::{on_both_backends, params, StoreError};

fn at() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn two_records_stored_in_the_same_second_keep_their_own_files(db: &TestDb) {
    let (first, second) = (FileOwner::letter(1), FileOwner::letter(2));
    db.store
        .transaction(|tx| {
            files::put(tx, first, "通知.pdf", b"first letter", at())?;
            files::put(tx, second, "通知.pdf", b"second letter", at())?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let other_desk = db.reopen();
    other_desk
        .transaction(|tx| {
            for (owner, expected) in [(first, &b"first letter"[..]), (second, b"second letter")] {
                let listed = files::list(tx, owner)?;
                assert_eq!(listed.len(), 1, "one file each: {listed:?}");
                assert_eq!(listed[0].display_name, "通知.pdf");
                assert_eq!(
                    files::read(tx, &listed[0])?,
                    expected,
                    "same name, same second, yet each record reads its own file, on another desk too"
                );
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn a_failed_transaction_leaves_no_file_and_removes_no_other_records_file(db: &TestDb) {
    let kept = db
        .store
        .transaction(|tx| files::put(tx, FileOwner::letter(1), "a.pdf", b"kept", at()))
        .unwrap();
    let failed: Result<(), StoreError> = db.store.transaction(|tx| {
        files::put(tx, FileOwner::letter(2), "a.pdf", b"rolled back", at())?;
        files::put(tx, FileOwner::letter(1), "b.pdf", b"rolled back too", at())?;
        Err(StoreError::Migration(
            "the record could not be stored".into(),
        ))
    });
    assert!(failed.is_err());
    db.store
        .transaction(|tx| {
            assert!(
                files::list(tx, FileOwner::letter(2))?.is_empty(),
                "no file of the failed record"
            );
            assert_eq!(
                files::list(tx, FileOwner::letter(1))?,
                vec![kept.clone()],
                "the other record keeps exactly its file"
            );
            assert_eq!(files::read(tx, &kept)?, b"kept");
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn contents_round_trip_byte_for_byte_in_order(db: &TestDb) {
    let every_byte: Vec<u8> = (0..=255).collect();
    let owner = FileOwner::letter(5);
    let stored = db
        .store
        .transaction(|tx| {
            let a = files::put(tx, owner, "all.bin", &every_byte, at())?;
            let b = files::put(tx, owner, "empty.txt", b"", at())?;
            Ok::<_, StoreError>(vec![a, b])
        })
        .unwrap();
    assert_eq!(
        stored.iter().map(|f| f.position).collect::<Vec<_>>(),
        [0, 1]
    );
    assert_eq!(stored[0].bytes, 256);
    assert_eq!(stored[0].sha256, files::sha256_hex(&every_byte));
    assert_eq!(stored[0].stored_at, at());
    db.store
        .transaction(|tx| {
            assert_eq!(files::read(tx, &stored[0])?, every_byte, "no byte altered");
            assert_eq!(files::read(tx, &stored[1])?, b"", "an empty file is a file");
            assert_eq!(files::get(tx, owner, 1)?.as_ref(), Some(&stored[1]));
            assert_eq!(files::get(tx, owner, 2)?, None);
            assert_eq!(
                files::list_kind(tx, files::OwnerKind::Letter)?,
                stored,
                "the kind's listing"
            );
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

fn reserved_and_over_long_names_are_stored_safe_and_shown_as_sent(db: &TestDb) {
    let long = format!("{}.pdf", "停止通知".repeat(40));
    let (con, named_long) = db
        .store
        .transaction(|tx| {
            Ok::<_, StoreError>((
                files::put(tx, FileOwner::letter(1), "scans\\CON.pdf", b"x", at())?,
                files::put(tx, FileOwner::letter(1), &long, b"y", at())?,
            ))
        })
        .unwrap();
    assert_eq!(con.name, "_CON.pdf", "a device name is never a file name");
    assert_eq!(
        con.display_name, "CON.pdf",
        "the clerk sees the name as sent"
    );
    assert!(named_long.name.ends_with(".pdf") && named_long.name.chars().count() <= 100);
    assert_eq!(named_long.display_name, long);
}

fn a_file_over_the_limit_is_refused_by_name_and_one_at_the_limit_is_kept(db: &TestDb) {
    let at_limit = vec![7u8; MAX_BYTES as usize];
    let kept = db
        .store
        .transaction(|tx| files::put(tx, FileOwner::letter(1), "scan.pdf", &at_limit, at()))
        .unwrap();
    assert_eq!(kept.bytes, MAX_BYTES);
    let mut over = at_limit;
    over.push(7);
    let err = db
        .store
        .transaction(|tx| files::put(tx, FileOwner::letter(2), "../big/大きい.pdf", &over, at()))
        .unwrap_err();
    match err {
        StoreError::FileTooLarge { name, bytes, limit } => {
            assert_eq!(name, "大きい.pdf", "the message can name the file");
            assert_eq!((bytes, limit), (MAX_BYTES + 1, MAX_BYTES));
        }
        other => panic!("expected FileTooLarge, got {other:?}"),
    }
    db.store
        .transaction(|tx| {
            assert!(files::list(tx, FileOwner::letter(2))?.is_empty());
            assert_eq!(files::read(tx, &kept)?.len() as u64, MAX_BYTES);
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

/// A row as migration 0005 leaves an attachment stored before it: on disk, not in the database.
fn legacy(db: &TestDb, owner_id: i64, path: &str, contents: &[u8]) -> files::StoredFile {
    db.store
        .transaction(|tx| {
            tx.execute(
                "INSERT INTO files (owner_kind, owner_id, position, name, display_name, bytes, sha256, legacy_path, stored_at)
                 VALUES ('letter', $1, 0, 'old.pdf', 'old.pdf', $2, $3, $4, '2026-01-05T09:00:00')",
                params![owner_id, contents.len() as i64, files::sha256_hex(contents), path],
            )?;
            Ok::<_, StoreError>(files::list(tx, FileOwner::letter(owner_id))?.remove(0))
        })
        .unwrap()
}

fn a_file_stored_before_the_files_table_is_moved_in_from_disk_when_read(db: &TestDb) {
    let tmp = tempfile::tempdir().unwrap();
    let files_dir = tmp.path().join("kofu.files");
    let folder = files_dir.join("correspondence/received-20260105090000-42");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("old.pdf"), b"%PDF old").unwrap();
    let old = legacy(
        db,
        1,
        "correspondence/received-20260105090000-42/old.pdf",
        b"%PDF old",
    );
    assert!(old.is_legacy());
    db.store
        .transaction(|tx| {
            assert!(
                matches!(files::read(tx, &old), Err(StoreError::FileMissing { .. })),
                "not in the database yet"
            );
            assert_eq!(files::adopt(tx, &old, &files_dir)?, b"%PDF old");
            Ok::<_, StoreError>(())
        })
        .unwrap();
    assert!(
        folder.join("old.pdf").exists(),
        "the file on disk is left alone"
    );
    std::fs::remove_dir_all(&files_dir).unwrap();
    db.reopen()
        .transaction(|tx| {
            let now = files::list(tx, FileOwner::letter(1))?.remove(0);
            assert!(!now.is_legacy());
            assert_eq!(
                files::read(tx, &now)?,
                b"%PDF old",
                "every desk reads it from the database now"
            );
            Ok::<_, StoreError>(())
        })
        .unwrap();

    std::fs::create_dir_all(&files_dir).unwrap();
    std::fs::write(files_dir.join("changed.pdf"), b"tampered").unwrap();
    std::fs::write(tmp.path().join("outside.pdf"), b"x").unwrap();
    let changed = legacy(db, 2, "changed.pdf", b"original");
    let outside = legacy(db, 3, "../outside.pdf", b"x");
    db.store
        .transaction(|tx| {
            for f in [&changed, &outside] {
                assert!(
                    matches!(
                        files::adopt(tx, f, &files_dir),
                        Err(StoreError::FileMissing { .. })
                    ),
                    "a changed file or a path out of the folder is not taken: {f:?}"
                );
            }
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

on_both_backends!(
    two_records_stored_in_the_same_second_keep_their_own_files,
    a_failed_transaction_leaves_no_file_and_removes_no_other_records_file,
    contents_round_trip_byte_for_byte_in_order,
    reserved_and_over_long_names_are_stored_safe_and_shown_as_sent,
    a_file_over_the_limit_is_refused_by_name_and_one_at_the_limit_is_kept,
    a_file_stored_before_the_files_table_is_moved_in_from_disk_when_read,
);
