//! Generated months survive writing and reading in every encoding.

use kofu_jlis::format::{
    parse_notices, parse_statement, write_notices, write_statement, CompletionNotice, Encoding,
    NoticeAction,
};
use kofu_jlis::generate;

use crate::fixtures::*;

fn read_notices(bytes: &[u8]) -> Vec<CompletionNotice> {
    let mut out = Vec::new();
    parse_notices(bytes, &ctx(), |n| {
        out.push(n);
        Ok::<(), ()>(())
    })
    .unwrap_or_else(|e| panic!("written notices must parse: {e:?}"));
    out
}

#[test]
fn a_generated_month_written_and_read_back_is_equal_in_every_encoding() {
    let (statement, notices) = generate::month(chiba(), october(), 42, 60);
    assert!(
        notices.len() > 1_000,
        "a month at scale 60 has many notices"
    );
    for encoding in [Encoding::Cp932, Encoding::Utf8, Encoding::Utf8Bom] {
        let bytes = write_statement(&statement, encoding);
        let read = parse_statement(&bytes, &ctx())
            .unwrap_or_else(|e| panic!("{encoding:?} statement must parse: {e}"));
        assert_eq!(read, statement, "{encoding:?}: the statement round-trips");
        assert_eq!(read.content_digest(), statement.content_digest());
        assert_eq!(
            read_notices(&write_notices(chiba(), &notices, encoding)),
            notices,
            "{encoding:?}: the notices round-trip"
        );
    }
}

#[test]
fn written_files_are_cp932_with_crlf_by_default() {
    let (statement, notices) = generate::month(chiba(), october(), 1, 5);
    let bytes = write_statement(&statement, Encoding::Cp932);
    assert!(
        bytes.ends_with(b"\r\n9\r\n"),
        "records end with CRLF and the file with record 9"
    );
    assert_eq!(
        bytes.iter().filter(|&&b| b == b'\n').count(),
        bytes.windows(2).filter(|w| w == b"\r\n").count(),
        "every line end is CRLF"
    );
    let notices_file = write_notices(chiba(), &notices, Encoding::Cp932);
    assert!(
        notices_file.starts_with(&cp932("団体コード,交付番号,")),
        "the header is in CP932"
    );
}

#[test]
fn the_written_statement_has_the_layout_of_the_interface() {
    let s = parse_statement(STATEMENT.as_bytes(), &ctx()).unwrap();
    assert_eq!(
        String::from_utf8(write_statement(&s, Encoding::Utf8)).unwrap(),
        crlf(STATEMENT),
        "writing a parsed file gives it back byte for byte"
    );
    let notices = read_notices(NOTICES.as_bytes());
    assert_eq!(
        String::from_utf8(write_notices(chiba(), &notices, Encoding::Utf8)).unwrap(),
        crlf(NOTICES)
    );
}

#[test]
fn a_large_generated_month_has_cancellations_and_corrections_and_reconciles() {
    let (statement, notices) = generate::month(chiba(), october(), 9, 300);
    let count = |a| notices.iter().filter(|n| n.action == a).count();
    assert!(
        count(NoticeAction::Cancellation) >= 50,
        "about 1 % are cancelled"
    );
    assert!(
        count(NoticeAction::Correction) >= 25,
        "about 0.5 % are corrected"
    );
    assert_eq!(
        statement.lines(),
        generate::effective_lines(&notices).as_slice(),
        "the statement is the notices' effective view added up"
    );
}
