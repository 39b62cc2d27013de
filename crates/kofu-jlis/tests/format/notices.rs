//! 完了通知: the checks of INTERFACES.md §2, all-or-nothing streaming and encoding detection.

use kofu_jlis::format::{
    parse_notices, CompletionNotice, Encoding, FormatErrors, NoticeAction, NoticeImportError,
    NoticeReader, NoticeSummary, ParseContext, MAX_ERRORS,
};
use std::io::Read;

use crate::fixtures::*;

fn collect(
    bytes: &[u8],
    ctx: &ParseContext,
) -> Result<(Vec<CompletionNotice>, NoticeSummary), FormatErrors> {
    let mut out = Vec::new();
    match parse_notices(bytes, ctx, |n| {
        out.push(n);
        Ok::<(), std::convert::Infallible>(())
    }) {
        Ok(summary) => Ok((out, summary)),
        Err(NoticeImportError::Format(e)) => Err(e),
        Err(NoticeImportError::Sink(never)) => match never {},
    }
}

fn parse(text: &str) -> Result<Vec<CompletionNotice>, FormatErrors> {
    collect(text.as_bytes(), &ctx()).map(|(notices, _)| notices)
}

fn refused(text: &str) -> FormatErrors {
    match parse(text) {
        Ok(n) => panic!("the file must be refused, but gave {} notices", n.len()),
        Err(e) => e,
    }
}

const GOOD_ROW: &str =
    "121002,A20261002000000000001,2026-10-02 10:00:00,0002,0005555,01,03,1,250,117,0,";

#[test]
fn a_valid_notices_file_gives_each_event_with_its_action() {
    let notices = parse(NOTICES).expect("the fixture is valid");
    assert_eq!(notices.len(), 4);
    let first = &notices[0];
    assert_eq!(first.id, "A20261001000000000001");
    assert_eq!(first.at.to_string(), "2026-10-01 06:31:12");
    assert_eq!(
        (
            first.operator.as_str(),
            first.store.as_str(),
            first.kiosk.as_str(),
            first.kind.as_str()
        ),
        ("0001", "0001234", "01", "01")
    );
    assert_eq!(
        (first.copies, first.fee.to_i64(), first.commission.to_i64()),
        (1, 250, 117)
    );
    assert_eq!(first.action, NoticeAction::Issuance);
    assert_eq!(first.original_id, None, "an issuance has no original");
    assert_eq!(notices[2].action, NoticeAction::Cancellation);
    assert_eq!(
        notices[2].original_id.as_deref(),
        Some("A20261001000000000002")
    );
    assert_eq!(notices[3].action, NoticeAction::Correction);
}

#[test]
fn the_same_notices_read_alike_in_cp932_utf8_bom_quoted_and_lf() {
    let reference = parse(NOTICES).unwrap();
    let variants: Vec<(&str, Vec<u8>, Encoding)> = vec![
        ("CP932 with CRLF", cp932(&crlf(NOTICES)), Encoding::Cp932),
        ("UTF-8 with LF", NOTICES.as_bytes().to_vec(), Encoding::Utf8),
        (
            "UTF-8 with BOM",
            with_bom(&crlf(NOTICES)),
            Encoding::Utf8Bom,
        ),
        (
            "every field quoted",
            all_quoted(NOTICES).into_bytes(),
            Encoding::Utf8,
        ),
        ("quoted CP932", cp932(&all_quoted(NOTICES)), Encoding::Cp932),
    ];
    for (name, bytes, encoding) in variants {
        let (notices, summary) =
            collect(&bytes, &ctx()).unwrap_or_else(|e| panic!("{name} must parse: {e}"));
        assert_eq!(notices, reference, "{name}: the same records");
        assert_eq!(summary.encoding, encoding, "{name} is detected");
    }
}

/// A reader that returns one byte per call, the worst a network stream can do.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.is_empty()) {
            (Some((&b, rest)), false) => {
                buf[0] = b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

#[test]
fn a_stream_that_arrives_one_byte_at_a_time_reads_the_same() {
    let bytes = cp932(&crlf(NOTICES));
    let ctx = ctx();
    let streamed: Vec<CompletionNotice> = NoticeReader::new(Trickle(&bytes), &ctx)
        .collect::<Result<_, _>>()
        .expect("valid");
    assert_eq!(
        streamed,
        parse(NOTICES).unwrap(),
        "no character is cut at a chunk boundary"
    );
}

#[test]
fn a_malformed_issuance_time_is_refused() {
    for (value, why) in [
        ("2026/10/01 06:31:12", "a date-time must be written"),
        ("2026-10-01T06:31:12", "a date-time must be written"),
        ("2026-10-32 06:31:12", "no such date-time"),
        ("2026-10-01 24:00:00", "no such date-time"),
    ] {
        let row = GOOD_ROW.replace("2026-10-02 10:00:00", value);
        let errors = refused(&format!("{NOTICES}{row}\n"));
        let e = error_at(&errors, 6, Some("交付日時"));
        assert_eq!(e.value, value);
        assert!(e.reason_en.contains(why), "{value}: {e}");
    }
}

#[test]
fn a_notice_outside_the_asked_month_is_refused() {
    let row = GOOD_ROW.replace("2026-10-02", "2026-11-02");
    let errors = refused(&format!("{NOTICES}{row}\n"));
    assert!(error_at(&errors, 6, Some("交付日時"))
        .reason_en
        .contains("2026-10"));
    let any = ParseContext::with_default_master(chiba(), None);
    assert!(
        collect(format!("{NOTICES}{row}\n").as_bytes(), &any).is_ok(),
        "without an asked month any date is accepted"
    );
}

#[test]
fn a_cancellation_without_its_original_is_refused() {
    let row = "121002,C20261002000000000009,2026-10-02 10:00:00,0002,0005555,01,03,1,250,117,1,";
    let errors = refused(&format!("{NOTICES}{row}\n"));
    let e = error_at(&errors, 6, Some("元交付番号"));
    assert!(e.reason_en.contains("needs the original"), "{e}");
    let correction = row.replace(",1,", ",2,");
    error_at(
        &refused(&format!("{NOTICES}{correction}\n")),
        6,
        Some("元交付番号"),
    );
}

#[test]
fn an_issuance_naming_an_original_or_a_notice_naming_itself_is_refused() {
    let row = GOOD_ROW.replace(",0,", ",0,A1");
    error_at(
        &refused(&format!("{NOTICES}{row}\n")),
        6,
        Some("元交付番号"),
    );
    let own = "121002,C9,2026-10-02 10:00:00,0002,0005555,01,03,1,250,117,1,C9";
    let e = refused(&format!("{NOTICES}{own}\n"));
    assert!(error_at(&e, 6, Some("元交付番号"))
        .reason_en
        .contains("own number"));
}

#[test]
fn a_bad_header_is_refused_on_line_1() {
    let text = NOTICES.replacen("交付番号", "受付番号", 1);
    let errors = refused(&text);
    let e = error_at(&errors, 1, Some("見出し行"));
    assert!(e.reason_en.contains("header line"), "{e}");
    assert_eq!(errors.total(), 1, "the rows themselves are fine: {errors}");

    let headless = without_line(NOTICES, 1);
    let errors = refused(&headless);
    error_at(&errors, 1, Some("見出し行"));
}

#[test]
fn an_empty_file_is_refused_but_a_day_without_issuance_is_not() {
    error_at(&refused(""), 1, Some("見出し行"));
    let header_only = NOTICES.lines().next().unwrap().to_string() + "\r\n";
    let (notices, summary) = collect(&cp932(&header_only), &ctx()).expect("a quiet day");
    assert!(notices.is_empty());
    assert_eq!(summary.rows, 0);
}

#[test]
fn every_field_is_checked() {
    let cases = [
        ("131016", 0, "団体コード"),
        ("121003", 0, "団体コード"),
        ("A-1", 1, "交付番号"),
        ("A234567890123456789012345", 1, "交付番号"),
        ("0009", 3, "事業者コード"),
        ("12a4", 4, "店舗コード"),
        ("", 5, "端末番号"),
        ("99", 6, "証明書種別コード"),
        ("0", 7, "通数"),
        ("-1", 7, "通数"),
        ("2,50", 8, "交付手数料"),
        ("-117", 9, "委託手数料"),
        ("3", 10, "処理区分"),
    ];
    for (value, index, field) in cases {
        let mut fields: Vec<String> = GOOD_ROW.split(',').map(String::from).collect();
        fields[index] = format!("\"{value}\"");
        let errors = refused(&format!("{NOTICES}{}\n", fields.join(",")));
        let e = error_at(&errors, 6, Some(field));
        assert_eq!(e.value, value, "the value is quoted back for {field}");
        assert_eq!(errors.total(), 1, "only {field} is wrong: {errors}");
    }
}

#[test]
fn a_row_with_another_number_of_fields_is_refused() {
    let errors = refused(&format!("{NOTICES}{GOOD_ROW},\n"));
    assert!(error_at(&errors, 6, None)
        .reason_en
        .contains("this line has 13"));
}

#[test]
fn a_repeated_event_is_counted_once_and_a_conflicting_one_refused() {
    let repeated = format!("{NOTICES}{GOOD_ROW}\n{GOOD_ROW}\n");
    let (notices, summary) = collect(repeated.as_bytes(), &ctx()).expect("a repeat is harmless");
    assert_eq!(
        notices.len(),
        5,
        "the repeated event reaches the store once"
    );
    assert_eq!(
        (summary.rows, summary.notices, summary.duplicates),
        (6, 5, 1)
    );

    let other = GOOD_ROW.replace(",1,250,117,", ",2,500,234,");
    let errors = refused(&format!("{NOTICES}{GOOD_ROW}\n{other}\n"));
    let e = error_at(&errors, 7, Some("交付番号"));
    assert!(e.reason_en.contains("line 6"), "names the first line: {e}");
}

#[test]
fn after_the_first_error_the_sink_receives_nothing_but_every_error_is_listed() {
    let mut text = String::from(NOTICES);
    let bad = GOOD_ROW.replace(",03,", ",98,");
    text.push_str(&format!("{bad}\n"));
    for i in 0..50 {
        text.push_str(&GOOD_ROW.replace("A20261002000000000001", &format!("B{i}")));
        text.push('\n');
    }
    text.push_str(&format!("{}\n", bad.replace("A2026", "Z2026")));
    let mut received = Vec::new();
    let result = parse_notices(text.as_bytes(), &ctx(), |n| {
        received.push(n.id);
        Ok::<(), String>(())
    });
    let Err(NoticeImportError::Format(errors)) = result else {
        panic!("the file must be refused")
    };
    assert_eq!(
        received.len(),
        4,
        "only the rows before the first error went to the sink"
    );
    assert_eq!(errors.total(), 2, "both bad lines are reported: {errors}");
    error_at(&errors, 6, Some("証明書種別コード"));
    error_at(&errors, 57, Some("証明書種別コード"));
}

#[test]
fn a_file_with_thousands_of_bad_lines_lists_a_thousand_and_counts_the_rest() {
    let mut text = String::from(NOTICES);
    for i in 0..1_500 {
        text.push_str(
            &GOOD_ROW
                .replace("A20261002000000000001", &format!("X{i}"))
                .replace(",03,", ",98,"),
        );
        text.push('\n');
    }
    let errors = refused(&text);
    assert_eq!(errors.errors.len(), MAX_ERRORS, "the list is capped");
    assert_eq!(errors.omitted, 1_500 - MAX_ERRORS, "the rest is counted");
}

#[test]
fn a_failing_sink_stops_the_import() {
    let mut calls = 0;
    let result = parse_notices(NOTICES.as_bytes(), &ctx(), |_| {
        calls += 1;
        if calls == 2 {
            Err("disk full")
        } else {
            Ok(())
        }
    });
    assert!(
        matches!(result, Err(NoticeImportError::Sink("disk full"))),
        "the store's error comes back unchanged"
    );
    assert_eq!(calls, 2, "reading stops at the sink's error");
}

#[test]
fn a_file_mixing_utf8_and_cp932_is_refused_at_the_mixed_line() {
    let mut bytes = NOTICES.as_bytes().to_vec();
    let row = GOOD_ROW.replace(",01,03,", ",端末,03,");
    bytes.extend_from_slice(&cp932(&format!("{row}\n")));
    let errors = collect(&bytes, &ctx()).unwrap_err();
    let e = error_at(&errors, 6, Some("端末番号"));
    assert!(e.reason_en.contains("not valid UTF-8"), "{e}");
}

#[test]
fn a_byte_sequence_invalid_in_cp932_is_refused_naming_the_line() {
    let mut bytes = cp932(&crlf(NOTICES));
    let row = GOOD_ROW.replace(",01,03,", ",0\u{1},03,").into_bytes();
    let row: Vec<u8> = row
        .into_iter()
        .map(|b| if b == 1 { 0xFD } else { b })
        .collect();
    bytes.extend_from_slice(&row);
    let errors = collect(&bytes, &ctx()).unwrap_err();
    assert!(error_at(&errors, 6, Some("端末番号"))
        .reason_en
        .contains("CP932"));
}

#[test]
fn errors_serialize_for_the_cli_and_read_in_japanese() {
    let errors = refused(&format!("{NOTICES}{}\n", GOOD_ROW.replace(",03,", ",99,")));
    assert_eq!(
        errors.to_japanese(),
        "6行目 証明書種別コード '99': 登録されていない証明書種別コードです。"
    );
    let json = serde_json::to_value(&errors).unwrap();
    assert_eq!(json["errors"][0]["line"], 6);
    assert_eq!(json["errors"][0]["field"], "証明書種別コード");
    assert_eq!(json["errors"][0]["value"], "99");
}
