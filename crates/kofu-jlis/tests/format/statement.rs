//! 取扱い実績データ: every check of INTERFACES.md §1, the digest and the differences.

use chrono::NaiveDate;
use kofu_core::statement::StatementError;
use kofu_jlis::format::{
    parse_statement, FormatErrors, ParseContext, Statement, StatementDifference,
};

use crate::fixtures::*;

fn parse(text: &str) -> Result<Statement, FormatErrors> {
    parse_statement(text.as_bytes(), &ctx())
}

fn refused(text: &str) -> FormatErrors {
    match parse(text) {
        Ok(s) => panic!("the file must be refused, but parsed as {s:?}"),
        Err(e) => e,
    }
}

#[test]
fn a_valid_statement_gives_its_header_lines_and_totals() {
    let s = parse(STATEMENT).expect("the fixture is valid");
    assert_eq!(s.municipality(), chiba());
    assert_eq!(s.target_month(), october());
    assert_eq!(s.created_at().to_string(), "2026-11-09 18:00:00");
    assert!(s.finalized(), "確定区分 1 means finalized");
    assert_eq!(s.lines().len(), 3);
    let first = &s.lines()[0];
    assert_eq!(first.date, NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    assert_eq!(
        (first.operator.as_str(), first.kind.as_str()),
        ("0001", "01")
    );
    assert_eq!(
        (
            first.issuances,
            first.copies,
            first.fees.to_i64(),
            first.commissions.to_i64()
        ),
        (3, 4, 1000, 468)
    );
    let t = s.totals();
    assert_eq!(
        (
            t.records,
            t.issuances,
            t.copies,
            t.fees.to_i64(),
            t.commissions.to_i64()
        ),
        (3, 6, 7, 2050, 819),
        "the totals are the trailer's"
    );
}

#[test]
fn the_same_content_in_every_accepted_encoding_and_layout_has_one_digest() {
    let reference = parse(STATEMENT).unwrap().content_digest();
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("CP932 with CRLF", cp932(&crlf(STATEMENT))),
        ("UTF-8 with LF", STATEMENT.as_bytes().to_vec()),
        ("UTF-8 with BOM and CRLF", with_bom(&crlf(STATEMENT))),
        ("every field quoted", all_quoted(STATEMENT).into_bytes()),
        ("quoted, with a BOM", with_bom(&all_quoted(STATEMENT))),
        (
            "lines in another order",
            inserting(
                &without_line(STATEMENT, 2),
                4,
                "2,20261001,0001,01,3,4,1000,468",
            )
            .into_bytes(),
        ),
        (
            "no line end after the last record",
            STATEMENT.trim_end().as_bytes().to_vec(),
        ),
        (
            "empty lines after the end record",
            format!("{}\r\n\r\n\n", crlf(STATEMENT)).into_bytes(),
        ),
    ];
    for (name, bytes) in variants {
        let s =
            parse_statement(&bytes, &ctx()).unwrap_or_else(|e| panic!("{name} must parse: {e}"));
        assert_eq!(
            s.content_digest(),
            reference,
            "{name}: the same records are the same content"
        );
    }
}

#[test]
fn the_digest_ignores_the_export_time_but_not_a_count() {
    let reference = parse(STATEMENT).unwrap().content_digest();
    let later = with_line(STATEMENT, 1, "1,121002,202610,20261110090000,1");
    assert_eq!(
        parse(&later).unwrap().content_digest(),
        reference,
        "a second export of unchanged data is the same content"
    );
    let changed = with_line(
        &with_line(STATEMENT, 3, "2,20261001,0002,03,1,1,251,117"),
        5,
        "8,3,6,7,2051,819",
    );
    assert_ne!(
        parse(&changed).unwrap().content_digest(),
        reference,
        "one yen more is different content"
    );
    let preliminary = with_line(STATEMENT, 1, "1,121002,202610,20261109180000,0");
    assert_ne!(
        parse(&preliminary).unwrap().content_digest(),
        reference,
        "a preliminary version is not the finalized one"
    );
}

#[test]
fn a_preliminary_statement_parses_as_not_finalized() {
    let s = parse(&with_line(STATEMENT, 1, "1,121002,202610,20261105120000,0")).unwrap();
    assert!(!s.finalized(), "確定区分 0 is preliminary, never billable");
}

#[test]
fn a_statement_of_another_city_is_refused_on_line_1() {
    let errors = refused(&with_line(STATEMENT, 1, "1,131016,202610,20261109180000,1"));
    let e = error_at(&errors, 1, Some("団体コード"));
    assert_eq!(e.value, "131016");
    assert!(
        e.reason_en.contains("121002"),
        "names the configured city: {e}"
    );
    assert!(e.reason_ja.contains("一致しません"), "{}", e.reason_ja);
}

#[test]
fn a_city_code_with_a_wrong_check_digit_is_refused() {
    let errors = refused(&with_line(STATEMENT, 1, "1,121003,202610,20261109180000,1"));
    let e = error_at(&errors, 1, Some("団体コード"));
    assert!(e.reason_en.contains("check digit"), "says why: {e}");
    assert!(
        e.reason_ja.contains("正しくは 2"),
        "tells the right digit: {}",
        e.reason_ja
    );
}

#[test]
fn a_statement_of_another_month_than_asked_is_refused_with_one_error() {
    let november = STATEMENT
        .replace("202610", "202611")
        .replace("20261109", "20261209");
    let errors = refused(&november);
    let e = error_at(&errors, 1, Some("対象年月"));
    assert_eq!(e.value, "202611");
    assert!(
        e.reason_en.contains("2026-10"),
        "names the month asked for: {e}"
    );
    assert_eq!(
        errors.total(),
        1,
        "a consistent file of another month is one error, not one per line: {errors}"
    );
}

#[test]
fn a_city_code_with_surrounding_spaces_is_refused() {
    let errors = refused(&with_line(
        STATEMENT,
        1,
        "1,\" 121002\",202610,20261109180000,1",
    ));
    assert!(error_at(&errors, 1, Some("団体コード"))
        .reason_en
        .contains("spaces"));
}

#[test]
fn without_an_asked_month_the_file_month_still_bounds_the_dates() {
    let any_month = ParseContext::with_default_master(chiba(), None);
    let november = STATEMENT
        .replace("202610,", "202611,")
        .replace("202610", "202611");
    let s = parse_statement(november.as_bytes(), &any_month).expect("any month is accepted");
    assert_eq!(s.target_month().to_string(), "2026-11");
    let mixed = with_line(&november, 2, "2,20261001,0001,01,3,4,1000,468");
    let errors = parse_statement(mixed.as_bytes(), &any_month).unwrap_err();
    error_at(&errors, 2, Some("交付日"));
}

#[test]
fn a_date_outside_the_month_is_refused_naming_the_line() {
    let errors = refused(&with_line(STATEMENT, 3, "2,20261101,0002,03,1,1,250,117"));
    let e = error_at(&errors, 3, Some("交付日"));
    assert_eq!(e.value, "20261101");
    assert!(e.reason_en.contains("not in the target month"), "{e}");
    assert_eq!(
        errors.total(),
        1,
        "the sums still match, so only the date is wrong: {errors}"
    );
}

#[test]
fn a_date_that_does_not_exist_is_refused() {
    let errors = refused(&with_line(STATEMENT, 3, "2,20261032,0002,03,1,1,250,117"));
    assert!(error_at(&errors, 3, Some("交付日"))
        .reason_en
        .contains("no such date"));
}

#[test]
fn a_trailer_count_that_differs_from_the_data_is_refused() {
    let errors = refused(&with_line(STATEMENT, 5, "8,4,6,7,2050,819"));
    let e = error_at(&errors, 5, Some("データ件数"));
    assert_eq!(e.value, "4");
    assert!(
        e.reason_en.contains("3 data records"),
        "gives the real count: {e}"
    );
}

#[test]
fn a_trailer_sum_that_differs_from_the_data_is_refused() {
    let errors = refused(&with_line(STATEMENT, 5, "8,3,6,7,2051,820"));
    let fees = error_at(&errors, 5, Some("交付手数料額合計"));
    assert_eq!(fees.value, "2051");
    assert!(
        fees.reason_en.contains("2050"),
        "gives the real sum: {fees}"
    );
    let commissions = error_at(&errors, 5, Some("委託手数料額合計"));
    assert!(
        commissions.reason_ja.contains("819"),
        "{}",
        commissions.reason_ja
    );
}

#[test]
fn a_duplicate_day_operator_and_kind_is_refused_naming_the_first_line() {
    let text = with_line(
        &inserting(STATEMENT, 5, "2,20261001,0001,01,1,1,250,117"),
        6,
        "8,4,7,8,2300,936",
    );
    let errors = refused(&text);
    let e = error_at(&errors, 5, None);
    assert!(
        e.reason_en.contains("line 2"),
        "names the first occurrence: {e}"
    );
    assert_eq!(errors.total(), 1, "nothing else is wrong: {errors}");
}

#[test]
fn an_unknown_certificate_kind_is_refused_in_the_clerks_words() {
    let errors = refused(&with_line(STATEMENT, 3, "2,20261001,0002,99,1,1,250,117"));
    let e = error_at(&errors, 3, Some("証明書種別コード"));
    assert_eq!(
        e.to_japanese(),
        "3行目 証明書種別コード '99': 登録されていない証明書種別コードです。",
        "the message names the line, the field and the code"
    );
}

#[test]
fn an_unknown_operator_is_refused_not_added() {
    let errors = refused(&with_line(STATEMENT, 3, "2,20261001,0007,03,1,1,250,117"));
    assert_eq!(error_at(&errors, 3, Some("事業者コード")).value, "0007");
}

#[test]
fn a_city_may_configure_its_own_master_data() {
    let mut custom = ctx();
    custom.kinds.insert("99".into());
    let text = with_line(STATEMENT, 3, "2,20261001,0002,99,1,1,250,117");
    assert!(
        parse_statement(text.as_bytes(), &custom).is_ok(),
        "a kind in the city's catalogue is accepted"
    );
}

#[test]
fn a_file_without_its_end_record_is_refused_as_truncated() {
    let errors = refused(&without_line(STATEMENT, 6));
    let e = error_at(&errors, 6, Some("レコード区分"));
    assert!(e.reason_en.contains("end record (9) is missing"), "{e}");
}

#[test]
fn a_file_without_its_trailer_is_refused() {
    let errors = refused(&without_line(STATEMENT, 5));
    let e = error_at(&errors, 5, Some("レコード区分"));
    assert!(e.reason_en.contains("trailer record (8) is missing"), "{e}");
}

#[test]
fn a_second_header_record_is_refused() {
    let errors = refused(&inserting(STATEMENT, 3, "1,121002,202610,20261109180000,1"));
    let e = error_at(&errors, 3, Some("レコード区分"));
    assert!(e.reason_en.contains("second header"), "{e}");
}

#[test]
fn a_second_trailer_or_end_record_is_refused() {
    let errors = refused(&inserting(STATEMENT, 5, "8,3,6,7,2050,819"));
    assert!(error_at(&errors, 6, Some("レコード区分"))
        .reason_en
        .contains("second trailer"));
    let errors = refused(&format!("{STATEMENT}9\n"));
    assert!(error_at(&errors, 7, Some("レコード区分"))
        .reason_en
        .contains("after the end record"));
}

#[test]
fn a_file_that_does_not_start_with_its_header_is_refused() {
    let errors = refused(&inserting(
        &without_line(STATEMENT, 1),
        2,
        "1,121002,202610,20261109180000,1",
    ));
    assert!(error_at(&errors, 1, Some("レコード区分"))
        .reason_en
        .contains("first record"));
    assert!(error_at(&errors, 2, Some("レコード区分"))
        .reason_en
        .contains("must come first"));
}

#[test]
fn a_data_record_after_the_trailer_is_refused() {
    let text = inserting(
        &without_line(STATEMENT, 4),
        5,
        "2,20261002,0001,04,2,2,800,234",
    );
    let errors = refused(&text);
    assert!(error_at(&errors, 5, Some("レコード区分"))
        .reason_en
        .contains("after the trailer"));
}

#[test]
fn anything_but_empty_lines_after_the_end_record_is_refused() {
    let errors = refused(&format!("{STATEMENT}\n \n"));
    assert!(
        error_at(&errors, 8, Some("レコード区分"))
            .reason_en
            .contains("after the end record"),
        "a blank-looking line with a space is not empty"
    );
}

#[test]
fn an_unknown_record_type_is_refused() {
    let errors = refused(&with_line(STATEMENT, 3, "3,20261001,0002,03,1,1,250,117"));
    assert_eq!(error_at(&errors, 3, Some("レコード区分")).value, "3");
    assert_eq!(
        errors.total(),
        1,
        "the trailer is not compared when a record may have been a data record: {errors}"
    );
}

#[test]
fn a_negative_amount_is_refused() {
    let errors = refused(&with_line(STATEMENT, 3, "2,20261001,0002,03,1,1,-250,117"));
    let e = error_at(&errors, 3, Some("交付手数料額"));
    assert_eq!(e.value, "-250");
    assert!(e.reason_en.contains("negative"), "{e}");
}

#[test]
fn an_amount_with_a_thousands_separator_is_refused() {
    let quoted = with_line(STATEMENT, 2, "2,20261001,0001,01,3,4,\"1,000\",468");
    let errors = refused(&quoted);
    let e = error_at(&errors, 2, Some("交付手数料額"));
    assert_eq!(e.value, "1,000");
    assert!(e.reason_en.contains("separators"), "{e}");

    let unquoted = with_line(STATEMENT, 2, "2,20261001,0001,01,3,4,1,000,468");
    let errors = refused(&unquoted);
    let e = error_at(&errors, 2, None);
    assert!(e.reason_en.contains("has 8 fields, this one has 9"), "{e}");
}

#[test]
fn every_record_type_has_its_number_of_fields() {
    for (n, line) in [
        (1, "1,121002,202610,20261109180000"),
        (2, "2,20261001,0001,01,3,4,1000,468,"),
        (5, "8,3,6,7,2050"),
        (6, "9,"),
    ] {
        let errors = refused(&with_line(STATEMENT, n, line));
        error_at(&errors, n as u64, None);
    }
}

#[test]
fn a_creation_time_that_does_not_exist_and_a_bad_finalized_flag_are_refused() {
    let errors = refused(&with_line(STATEMENT, 1, "1,121002,202610,20261131180000,2"));
    error_at(&errors, 1, Some("作成日時"));
    error_at(&errors, 1, Some("確定区分"));
}

#[test]
fn an_empty_file_is_refused() {
    let errors = refused("");
    assert!(error_at(&errors, 1, None).reason_en.contains("empty"));
}

#[test]
fn a_byte_sequence_invalid_in_cp932_is_refused_naming_the_line() {
    let mut bytes = crlf(STATEMENT).into_bytes();
    let at = bytes
        .windows(4)
        .position(|w| w == b",03,")
        .expect("the fixture has kind 03");
    bytes[at + 1] = 0x81; // a lead byte followed by '3' is not a CP932 character
    let errors = parse_statement(&bytes, &ctx()).unwrap_err();
    let e = error_at(&errors, 3, Some("証明書種別コード"));
    assert!(e.reason_en.contains("CP932"), "{e}");
}

#[test]
fn every_error_of_a_file_is_reported_in_line_order() {
    let text = with_line(
        &with_line(
            &with_line(STATEMENT, 1, "1,121002,202611,20261109180000,1"),
            2,
            "2,20261001,0001,77,3,4,1000,468",
        ),
        4,
        "2,20261002,0001,04,2,2,-800,234",
    );
    let errors = refused(&text);
    error_at(&errors, 1, Some("対象年月"));
    error_at(&errors, 2, Some("証明書種別コード"));
    error_at(&errors, 4, Some("交付手数料額"));
    let lines: Vec<u64> = errors.errors.iter().map(|e| e.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "errors come in line order");
    assert!(
        errors.to_japanese().lines().count() >= 3,
        "the clerk sees one line per error:\n{}",
        errors.to_japanese()
    );
}

#[test]
fn a_statement_can_be_built_from_stored_lines_with_the_same_checks() {
    let s = parse(STATEMENT).unwrap();
    let rebuilt = Statement::new(
        s.municipality(),
        s.target_month(),
        s.created_at(),
        s.finalized(),
        s.lines().iter().rev().cloned().collect(),
    )
    .expect("the lines of a valid statement are valid");
    assert_eq!(
        rebuilt, s,
        "lines are kept in key order whatever the input order"
    );

    let mut dup = s.lines().to_vec();
    dup.push(dup[0].clone());
    let errors = Statement::new(
        s.municipality(),
        s.target_month(),
        s.created_at(),
        true,
        dup,
    )
    .unwrap_err();
    assert!(
        matches!(
            errors[..],
            [StatementError::Duplicate { index: 3, first: 0 }]
        ),
        "{errors:?}"
    );
}

#[test]
fn the_differences_between_two_versions_name_each_changed_line_with_both_values() {
    let stored = parse(STATEMENT).unwrap();
    let incoming_text = "\
1,121002,202610,20261110090000,1
2,20261001,0001,01,3,4,1000,468
2,20261001,0002,03,2,2,500,234
2,20261003,0005,07,1,1,250,117
8,3,6,7,1750,819
9
";
    let incoming = parse(incoming_text).unwrap();
    assert_ne!(stored.content_digest(), incoming.content_digest());
    let diff = stored.diff(&incoming);
    assert_eq!(
        diff.len(),
        4,
        "created_at, one changed, one removed, one added: {diff:#?}"
    );
    assert!(matches!(
        &diff[0],
        StatementDifference::Header { field, .. } if field == "作成日時"
    ));
    match &diff[1] {
        StatementDifference::Changed { before, after } => {
            assert_eq!((before.issuances, after.issuances), (1, 2));
            assert_eq!((before.fees.to_i64(), after.fees.to_i64()), (250, 500));
        }
        other => panic!("expected the 0002/03 line to change, got {other:?}"),
    }
    assert!(
        matches!(&diff[2], StatementDifference::Removed { line } if line.kind.as_str() == "04"),
        "the 10/02 line is gone: {:?}",
        diff[2]
    );
    assert!(
        matches!(&diff[3], StatementDifference::Added { line } if line.operator.as_str() == "0005"),
        "the 10/03 line is new: {:?}",
        diff[3]
    );
    assert!(
        diff[1].to_japanese().contains("交付件数 1 → 2"),
        "{}",
        diff[1].to_japanese()
    );
    let json = serde_json::to_value(&diff).unwrap();
    assert_eq!(
        json[1]["change"], "changed",
        "the report is JSON for the CLI"
    );
    assert!(
        stored.diff(&stored).is_empty(),
        "a version has no differences with itself"
    );
}
