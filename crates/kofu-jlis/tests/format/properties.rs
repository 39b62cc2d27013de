//! Properties over many inputs: the parsers never panic, and what they accept round-trips.

use kofu_core::TargetMonth;
use kofu_jlis::format::{
    parse_notices, parse_statement, write_notices, write_statement, Encoding, FormatErrors,
    NoticeImportError, ParseContext,
};
use kofu_jlis::generate;
use proptest::prelude::*;

use crate::fixtures::*;

/// `default` cases per property, or `PROPTEST_CASES` when set: CI runs the default, a longer
/// fuzzing run sets e.g. `PROPTEST_CASES=20000` (the explicit count would otherwise win).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn notices_result(bytes: &[u8], ctx: &ParseContext) -> Result<u64, FormatErrors> {
    match parse_notices(bytes, ctx, |_| Ok::<(), ()>(())) {
        Ok(summary) => Ok(summary.notices),
        Err(NoticeImportError::Format(e)) => Err(e),
        Err(NoticeImportError::Sink(())) => unreachable!("the sink never fails"),
    }
}

/// Bytes that matter to the parsers: separators, quotes, line ends, signs, digits, record
/// types, CP932 lead bytes and a BOM's first byte.
const INTERESTING: &[u8] = b",\"\r\n-0123456789 \x81\x82\xEF\xFD\xA0";

#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Insert(usize, u8),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![any::<u8>(), prop::sample::select(INTERESTING)];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), 1usize..80).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Set(i, b) if !bytes.is_empty() => bytes[i % len] = b,
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Delete(i, n) if !bytes.is_empty() => {
                let start = i % len;
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Duplicate(i, n) if !bytes.is_empty() => {
                let start = i % len;
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
            _ => {}
        }
    }
    bytes
}

fn check_errors(errors: &FormatErrors, bytes: &[u8]) -> Result<(), TestCaseError> {
    prop_assert!(!errors.is_empty(), "a refusal lists at least one error");
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 2;
    for e in &errors.errors {
        prop_assert!(
            e.line >= 1 && e.line <= lines,
            "line {} is in the file: {e}",
            e.line
        );
        prop_assert!(!e.reason_ja.is_empty() && !e.reason_en.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn arbitrary_bytes_never_panic_either_parser(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Err(errors) = parse_statement(&bytes, &ctx()) {
            check_errors(&errors, &bytes)?;
        }
        if let Err(errors) = notices_result(&bytes, &ctx()) {
            check_errors(&errors, &bytes)?;
        }
    }

    #[test]
    fn a_mutated_statement_never_panics_and_round_trips_when_accepted(
        mutations in prop::collection::vec(mutation(), 1..6),
        cp932_file in any::<bool>(),
    ) {
        let base = if cp932_file { cp932(&crlf(STATEMENT)) } else { STATEMENT.as_bytes().to_vec() };
        let bytes = mutate(base, &mutations);
        match parse_statement(&bytes, &ctx()) {
            Ok(s) => {
                let again = parse_statement(&write_statement(&s, Encoding::Cp932), &ctx());
                prop_assert_eq!(again.as_ref().ok(), Some(&s), "an accepted statement round-trips");
            }
            Err(errors) => check_errors(&errors, &bytes)?,
        }
    }

    #[test]
    fn a_mutated_notices_file_never_panics_and_round_trips_when_accepted(
        mutations in prop::collection::vec(mutation(), 1..6),
        cp932_file in any::<bool>(),
    ) {
        let base = if cp932_file { cp932(&crlf(NOTICES)) } else { NOTICES.as_bytes().to_vec() };
        let bytes = mutate(base, &mutations);
        let mut accepted = Vec::new();
        match parse_notices(bytes.as_slice(), &ctx(), |n| { accepted.push(n); Ok::<(), ()>(()) }) {
            Ok(_) => {
                let mut again = Vec::new();
                let written = write_notices(chiba(), &accepted, Encoding::Cp932);
                let reread = parse_notices(written.as_slice(), &ctx(), |n| { again.push(n); Ok::<(), ()>(()) });
                prop_assert!(reread.is_ok(), "accepted notices written again parse");
                prop_assert_eq!(again, accepted);
            }
            Err(NoticeImportError::Format(errors)) => check_errors(&errors, &bytes)?,
            Err(NoticeImportError::Sink(())) => unreachable!(),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_generated_month_round_trips_for_any_seed(
        seed in any::<u64>(),
        year in 2020i32..2040,
        month in 1u32..=12,
        scale in 0u32..12,
        utf8 in any::<bool>(),
    ) {
        let target = TargetMonth::new(year, month).unwrap();
        let ctx = ParseContext::with_default_master(chiba(), Some(target));
        let (statement, notices) = generate::month(chiba(), target, seed, scale);
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Cp932 };
        let read = parse_statement(&write_statement(&statement, encoding), &ctx);
        let error = read.as_ref().err().map(ToString::to_string);
        prop_assert_eq!(read.ok(), Some(statement.clone()), "{:?}", error);
        let mut back = Vec::new();
        let summary = parse_notices(write_notices(chiba(), &notices, encoding).as_slice(), &ctx, |n| {
            back.push(n);
            Ok::<(), ()>(())
        });
        prop_assert!(summary.is_ok());
        prop_assert_eq!(&back, &notices);
        let effective = generate::effective_lines(&back);
        prop_assert_eq!(statement.lines(), effective.as_slice());
    }
}
