//! Letters' files on both backends: each letter its own, stored with it or not at all, safe
//! names, the size limit, and files kept on disk by versions before the files table.

use kofu_api::catalogue::ReceivedLetterInput;
use kofu_api::DEMO_PASSWORD;
use kofu_store::files::MAX_BYTES;
use kofu_store::testing::TestDb;

use crate::demo;

fn received(subject: &str) -> ReceivedLetterInput {
    ReceivedLetterInput {
        at: "2026-11-20T15:00".into(),
        category: "suspension".into(),
        subject: subject.into(),
        document_number: None,
        body: String::new(),
    }
}

pub fn two_letters_recorded_in_the_same_second_keep_separate_files(db: &TestDb) {
    // The demo desk's clock is fixed: both letters are recorded at the same second.
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let first = d
        .record_received(
            &clerk,
            &received("一通目"),
            &[("通知.pdf".into(), b"first".to_vec())],
        )
        .unwrap();
    let second = d
        .record_received(
            &clerk,
            &received("二通目"),
            &[("通知.pdf".into(), b"second".to_vec())],
        )
        .unwrap();
    assert_eq!(
        d.attachment(&clerk, first.id, 0).unwrap().contents,
        b"first"
    );
    assert_eq!(
        d.attachment(&clerk, second.id, 0).unwrap().contents,
        b"second",
        "the second letter's file of the same name did not replace the first's"
    );
    assert_eq!(
        d.attachment(&clerk, first.id, 1).unwrap_err().code(),
        "not_found"
    );
}

pub fn a_letter_refused_in_its_transaction_stores_no_file_and_keeps_the_others(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let kept = d
        .record_received(
            &clerk,
            &received("受領済み"),
            &[("a.pdf".into(), b"kept".to_vec())],
        )
        .unwrap();
    let too_big = vec![0u8; MAX_BYTES as usize + 1];
    let err = d
        .record_received(
            &clerk,
            &received("大きすぎる添付"),
            &[
                ("small.pdf".into(), b"fits".to_vec()),
                ("スキャン.pdf".into(), too_big),
            ],
        )
        .unwrap_err();
    assert_eq!(err.code(), "validation");
    assert_eq!(err.field().as_deref(), Some("attachments"));
    assert!(
        err.message().contains("「スキャン.pdf」") && err.message().contains("20MB"),
        "the clerk is told which file and the limit: {}",
        err.message()
    );
    let letters = d.correspondence(&clerk).unwrap();
    assert_eq!(
        letters
            .iter()
            .map(|l| l.subject.as_str())
            .collect::<Vec<_>>(),
        ["受領済み"],
        "neither the letter nor its first file was stored"
    );
    assert_eq!(
        d.attachment(&clerk, kept.id, 0).unwrap().contents,
        b"kept",
        "the earlier letter keeps its file"
    );
}

pub fn a_device_name_is_saved_safely_and_shown_as_sent(db: &TestDb) {
    let d = demo(db);
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let letter = d
        .record_received(
            &clerk,
            &received("装置名"),
            &[
                ("CON.pdf".into(), b"c".to_vec()),
                ("nul".into(), b"n".to_vec()),
            ],
        )
        .unwrap();
    assert_eq!(letter.attachments, ["CON.pdf", "nul"]);
    let saved = d.attachment(&clerk, letter.id, 0).unwrap();
    assert_eq!(
        (saved.name.as_str(), saved.display_name.as_str()),
        ("_CON.pdf", "CON.pdf")
    );
    assert_eq!(d.attachment(&clerk, letter.id, 1).unwrap().name, "_nul");
    assert_eq!(
        d.correspondence(&clerk).unwrap()[0].attachments,
        ["CON.pdf", "nul"]
    );
}

pub fn a_file_kept_on_disk_by_an_older_version_opens_and_moves_into_the_database(db: &TestDb) {
    let old_files = tempfile::tempdir().unwrap();
    let d = demo(db).with_files_dir(old_files.path().to_path_buf());
    let clerk = d.login("clerk", DEMO_PASSWORD).unwrap();
    let letter = d
        .record_received(&clerk, &received("移行前の受領"), &[])
        .unwrap();
    // As migration 0005 leaves an attachment that version 4 wrote to the files folder.
    let relative = "correspondence/received-20261120150000-4242/停止通知.pdf";
    std::fs::create_dir_all(old_files.path().join(relative).parent().unwrap()).unwrap();
    std::fs::write(old_files.path().join(relative), b"%PDF old").unwrap();
    db.store
        .transaction(|tx| {
            tx.execute(
                "INSERT INTO files (owner_kind, owner_id, position, name, display_name, bytes, sha256, legacy_path, stored_at)
                 VALUES ('letter', $1, 0, '停止通知.pdf', '停止通知.pdf', 8, $2, $3, '2026-11-20T15:00:00')",
                kofu_store::params![letter.id, kofu_store::files::sha256_hex(b"%PDF old"), relative],
            )
        })
        .unwrap();
    assert_eq!(
        d.correspondence(&clerk).unwrap()[0].attachments,
        ["停止通知.pdf"],
        "listed like any other"
    );
    let elsewhere = demo_desk_without_the_old_folder(db);
    assert_eq!(
        elsewhere
            .attachment(&clerk, letter.id, 0)
            .unwrap_err()
            .code(),
        "not_found",
        "a desk without the old folder cannot open it yet"
    );
    assert_eq!(
        d.attachment(&clerk, letter.id, 0).unwrap().contents,
        b"%PDF old"
    );
    assert_eq!(
        elsewhere.attachment(&clerk, letter.id, 0).unwrap().contents,
        b"%PDF old",
        "once opened where it was kept, every desk reads it from the database"
    );
}

fn demo_desk_without_the_old_folder(db: &TestDb) -> kofu_api::Desk {
    let empty = std::env::temp_dir().join("kofu-no-such-files-folder");
    crate::desk(db).with_files_dir(empty)
}
