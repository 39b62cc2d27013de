//! 完了通知, the per-issuance completion notices (INTERFACES.md §2), read as a stream.
//!
//! A notices file can hold 200,000 rows and more, so it is never held in memory: [`NoticeReader`]
//! reads one record at a time from any `Read` and yields each notice or each error, and
//! [`parse_notices`] drives it for the usual all-or-nothing import: it hands valid notices to a
//! sink (typically an insert inside one open database transaction) until the first error, then
//! keeps reading only to list every error of the file, so the caller rolls back and shows them
//! all. The only state kept per row is a small fingerprint per 交付番号 (to tell a repeated
//! event from a conflicting one).
//!
//! This module checks each row and the uniqueness of 交付番号 within the file. It does not
//! compare with notices imported earlier, resolve 元交付番号 (the original may be in an earlier
//! file), or build the effective view that applies cancellations and corrections.

use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::notice::{CompletionNotice, NoticeAction};
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::io::Read;

use super::fields::{self, Reason};
use super::text::{RawRecord, Records};
use super::{Encoding, FormatError, FormatErrors, ParseContext};

/// The header line of a notices file, field by field.
pub const NOTICE_HEADER: [&str; 12] = [
    "団体コード",
    "交付番号",
    "交付日時",
    "事業者コード",
    "店舗コード",
    "端末番号",
    "証明書種別コード",
    "通数",
    "交付手数料",
    "委託手数料",
    "処理区分",
    "元交付番号",
];

const F_CODE: &str = NOTICE_HEADER[0];
const F_ID: &str = NOTICE_HEADER[1];
const F_AT: &str = NOTICE_HEADER[2];
const F_OPERATOR: &str = NOTICE_HEADER[3];
const F_STORE: &str = NOTICE_HEADER[4];
const F_KIOSK: &str = NOTICE_HEADER[5];
const F_KIND: &str = NOTICE_HEADER[6];
const F_COPIES: &str = NOTICE_HEADER[7];
const F_FEE: &str = NOTICE_HEADER[8];
const F_COMMISSION: &str = NOTICE_HEADER[9];
const F_ACTION: &str = NOTICE_HEADER[10];
const F_ORIGINAL: &str = NOTICE_HEADER[11];

/// The longest 交付番号.
pub const MAX_ID_LEN: usize = 24;
/// The longest 店舗コード and 端末番号 accepted.
const MAX_STORE_LEN: usize = 16;
const MAX_KIOSK_LEN: usize = 16;

/// What a successful read of a notices file found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NoticeSummary {
    /// Data lines read (the header excluded).
    pub rows: u64,
    /// Distinct notices: those handed to the sink.
    pub notices: u64,
    /// Lines that repeated an earlier line's event exactly, counted once.
    pub duplicates: u64,
    /// The detected encoding.
    pub encoding: Encoding,
}

/// Why [`parse_notices`] refused a file.
#[derive(Debug, thiserror::Error)]
pub enum NoticeImportError<E> {
    /// The file has errors: all of them (up to the cap). Nothing it contained may be kept.
    #[error(transparent)]
    Format(FormatErrors),
    /// The sink refused a notice (e.g. the database failed); reading stopped there.
    #[error("the notices could not be stored: {0}")]
    Sink(E),
}

/// Reads a notices file and hands each distinct valid notice to `sink`, in file order.
///
/// The file is taken whole or not at all. The sink receives notices only while no error has
/// been found: after the first error it receives nothing more, the rest of the file is still
/// read to list every error, and the result is `Err(Format)`. The caller therefore opens a
/// transaction, inserts in the sink, and commits on `Ok` or rolls back on `Err`. A sink error
/// stops reading at once with `Err(Sink)`.
///
/// ```
/// use kofu_core::MunicipalityCode;
/// use kofu_jlis::format::{parse_notices, NoticeImportError, ParseContext};
///
/// let city = MunicipalityCode::parse("121002").unwrap();
/// let ctx = ParseContext::with_default_master(city, None);
/// let file = "団体コード,交付番号,交付日時,事業者コード,店舗コード,端末番号,証明書種別コード,通数,交付手数料,委託手数料,処理区分,元交付番号\r\n\
///             121002,A1,2026-10-01 06:31:12,0001,0001234,01,01,1,250,117,0,\r\n";
/// let mut transaction = Vec::new(); // stands for an open database transaction
/// match parse_notices(file.as_bytes(), &ctx, |notice| {
///     transaction.push(notice);
///     Ok::<(), std::io::Error>(())
/// }) {
///     Ok(summary) => assert_eq!(summary.notices, 1), // commit
///     Err(NoticeImportError::Format(errors)) => panic!("roll back and show:\n{}", errors.to_japanese()),
///     Err(NoticeImportError::Sink(e)) => panic!("roll back: {e}"),
/// }
/// ```
pub fn parse_notices<R: Read, E>(
    reader: R,
    ctx: &ParseContext,
    mut sink: impl FnMut(CompletionNotice) -> Result<(), E>,
) -> Result<NoticeSummary, NoticeImportError<E>> {
    let mut notices = NoticeReader::new(reader, ctx);
    let mut errors = FormatErrors::new();
    for item in &mut notices {
        match item {
            Ok(notice) if errors.is_empty() => sink(notice).map_err(NoticeImportError::Sink)?,
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(notices.summary())
    } else {
        Err(NoticeImportError::Format(errors))
    }
}

/// A 交付番号 stored inline (it is at most 24 ASCII bytes), so that remembering 200,000 of them
/// costs no allocation each.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct IdKey([u8; MAX_ID_LEN]);

impl IdKey {
    fn new(id: &str) -> Self {
        let mut k = [0u8; MAX_ID_LEN];
        let n = id.len().min(MAX_ID_LEN);
        k[..n].copy_from_slice(&id.as_bytes()[..n]);
        Self(k)
    }
}

/// Where a 交付番号 was first seen and a fingerprint of its line's values.
#[derive(Clone, Copy)]
struct Seen {
    line: u64,
    fingerprint: u64,
}

/// An iterator over the notices of a file: `Ok` for each distinct valid notice, `Err` for each
/// problem, in file order, then `None`. Reading goes on after an error; a read error (I/O, or
/// a record over [`super::MAX_RECORD_BYTES`]) ends the file. A line repeating an earlier line's
/// event exactly is skipped (counted in [`NoticeSummary::duplicates`]).
pub struct NoticeReader<'c, R: Read> {
    records: Option<Records<R>>,
    ctx: &'c ParseContext,
    municipality: String,
    pending: VecDeque<FormatError>,
    header_seen: bool,
    finished: bool,
    seen: HashMap<IdKey, Seen>,
    fingerprints: Fingerprinter,
    rows: u64,
    notices: u64,
    duplicates: u64,
}

impl<'c, R: Read> NoticeReader<'c, R> {
    pub fn new(reader: R, ctx: &'c ParseContext) -> Self {
        let mut pending = VecDeque::new();
        let records = match Records::from_stream(reader) {
            Ok(r) => Some(r),
            Err(e) => {
                pending.push_back(e);
                None
            }
        };
        Self {
            records,
            ctx,
            municipality: ctx.municipality.to_string(),
            pending,
            header_seen: false,
            finished: false,
            seen: HashMap::new(),
            fingerprints: Fingerprinter::new(),
            rows: 0,
            notices: 0,
            duplicates: 0,
        }
    }

    /// The counts so far; complete once the iterator has returned `None`.
    pub fn summary(&self) -> NoticeSummary {
        NoticeSummary {
            rows: self.rows,
            notices: self.notices,
            duplicates: self.duplicates,
            encoding: self.encoding(),
        }
    }

    /// The encoding detected so far.
    pub fn encoding(&self) -> Encoding {
        self.records
            .as_ref()
            .map_or(Encoding::Utf8, |r| r.encoding())
    }
}

impl<R: Read> Iterator for NoticeReader<'_, R> {
    type Item = Result<CompletionNotice, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some(Err(e));
            }
            if self.finished {
                return None;
            }
            let Some(records) = self.records.as_mut() else {
                self.finished = true;
                continue;
            };
            let record = match records.next_record() {
                Err(e) => {
                    self.finished = true;
                    return Some(Err(e));
                }
                Ok(None) => {
                    self.finished = true;
                    if !self.header_seen {
                        self.pending.push_back(FormatError::new(
                            1,
                            Some("見出し行"),
                            "",
                            "ファイルが空です（見出し行がありません）。",
                            "the file is empty (no header line)",
                        ));
                    }
                    continue;
                }
                Ok(Some(record)) => record,
            };
            if !self.header_seen {
                self.header_seen = true;
                if let Some(e) = check_header(&record) {
                    self.pending.push_back(e);
                }
                continue;
            }
            self.rows += 1;
            let mut errors = Vec::new();
            let notice = check_row(self.ctx, &self.municipality, &record, &mut errors);
            let Some(notice) = notice else {
                self.pending.extend(errors);
                continue;
            };
            let key = IdKey::new(&notice.id);
            let fingerprint = self.fingerprints.of(&record);
            match self.seen.get(&key) {
                Some(seen) if seen.fingerprint == fingerprint => {
                    self.duplicates += 1;
                }
                Some(seen) => {
                    let first = seen.line;
                    self.pending.push_back(FormatError::new(
                        record.line,
                        Some(F_ID),
                        &notice.id,
                        format!("同じ交付番号が {first}行目にあり、内容が異なります。訂正は新しい交付番号の処理区分 2 で送られます。"),
                        format!("the same issuance number as line {first} with other values; a correction comes with its own number and action 2"),
                    ));
                }
                None => {
                    self.seen.insert(
                        key,
                        Seen {
                            line: record.line,
                            fingerprint,
                        },
                    );
                    self.notices += 1;
                    return Some(Ok(notice));
                }
            }
        }
    }
}

fn check_header(r: &RawRecord<'_>) -> Option<FormatError> {
    let matches = r.undecodable.is_empty()
        && r.fields.len() == NOTICE_HEADER.len()
        && r.fields.iter().zip(NOTICE_HEADER).all(|(f, h)| f == h);
    (!matches).then(|| {
        FormatError::new(
            r.line,
            Some("見出し行"),
            r.joined(),
            format!(
                "見出し行が完了通知の様式と一致しません（正: {}）。",
                NOTICE_HEADER.join(",")
            ),
            format!(
                "the header line is not the completion notice layout ({})",
                NOTICE_HEADER.join(",")
            ),
        )
    })
}

/// A fingerprint of a line's values, to tell a repeated event from a conflicting one: SipHash
/// with random keys over the line's bytes and field lengths. Two lines with the same 交付番号 and
/// different values share a fingerprint with a chance of 2^-64, and the keys drawn per file mean
/// that no file can be crafted to collide. (A cryptographic hash cost a fifth of the parse time.)
struct Fingerprinter(RandomState);

impl Fingerprinter {
    fn new() -> Self {
        Self(RandomState::new())
    }

    fn of(&self, r: &RawRecord<'_>) -> u64 {
        let mut h = self.0.build_hasher();
        h.write(r.raw);
        let mut lengths = [0u8; 2 * NOTICE_HEADER.len()];
        for (slot, f) in lengths.chunks_exact_mut(2).zip(&r.fields) {
            slot.copy_from_slice(&(f.len() as u16).to_le_bytes());
        }
        h.write(&lengths);
        h.finish()
    }
}

/// Checks one data line; the notice when it is valid, else its errors pushed to `errors`.
fn check_row(
    ctx: &ParseContext,
    municipality: &str,
    r: &RawRecord<'_>,
    errors: &mut Vec<FormatError>,
) -> Option<CompletionNotice> {
    let line = r.line;
    if r.fields.len() != NOTICE_HEADER.len() {
        errors.push(FormatError::new(
            line,
            None,
            r.joined(),
            format!(
                "項目数は {} ですが、この行は {} です。",
                NOTICE_HEADER.len(),
                r.fields.len()
            ),
            format!(
                "a notice has {} fields, this line has {}",
                NOTICE_HEADER.len(),
                r.fields.len()
            ),
        ));
        return None;
    }
    if !r.undecodable.is_empty() {
        for &i in &r.undecodable {
            errors.push(r.undecodable_error(line, Some(NOTICE_HEADER[i]), &r.fields[i]));
        }
        return None;
    }
    let f = &r.fields;
    let before = errors.len();
    let mut refuse = |field: &'static str, value: &str, (ja, en): Reason| {
        errors.push(FormatError::new(line, Some(field), value, ja, en));
    };

    if f[0] != municipality {
        match fields::municipality_code(&f[0]) {
            Err(reason) => refuse(F_CODE, &f[0], reason),
            Ok(_) => refuse(
                F_CODE,
                &f[0],
                (
                    format!("設定されている団体コード {municipality} と一致しません。"),
                    format!("not the configured municipality {municipality}"),
                ),
            ),
        }
    }
    if let Err(reason) = fields::alnum(&f[1], MAX_ID_LEN) {
        refuse(F_ID, &f[1], reason);
    }
    let at = match fields::iso_datetime(&f[2]) {
        Ok(at) => {
            if let Some(month) = ctx.target_month {
                if !month.contains(at.date()) {
                    refuse(
                        F_AT,
                        &f[2],
                        (
                            format!("交付日時が対象年月 {month} の日時ではありません。"),
                            format!("not in the target month {month}"),
                        ),
                    );
                }
            }
            Some(at)
        }
        Err(reason) => {
            refuse(F_AT, &f[2], reason);
            None
        }
    };
    if !ctx.operators.contains(f[3].as_ref()) || OperatorCode::parse(&f[3]).is_err() {
        refuse(
            F_OPERATOR,
            &f[3],
            (
                "登録されていない事業者コードです。".into(),
                "not a registered operator code".into(),
            ),
        );
    }
    if let Err(reason) = fields::digit_code(&f[4], MAX_STORE_LEN) {
        refuse(F_STORE, &f[4], reason);
    }
    if let Err(reason) = fields::alnum(&f[5], MAX_KIOSK_LEN) {
        refuse(F_KIOSK, &f[5], reason);
    }
    if !ctx.kinds.contains(f[6].as_ref()) || KindCode::parse(&f[6]).is_err() {
        refuse(
            F_KIND,
            &f[6],
            (
                "登録されていない証明書種別コードです。".into(),
                "not a registered certificate kind code".into(),
            ),
        );
    }
    let copies = match fields::count(&f[7]) {
        Ok(0) => {
            refuse(
                F_COPIES,
                &f[7],
                (
                    "通数は1以上です。".into(),
                    "copies must be at least 1".into(),
                ),
            );
            None
        }
        Ok(n) => Some(n),
        Err(reason) => {
            refuse(F_COPIES, &f[7], reason);
            None
        }
    };
    let fee = fields::amount(&f[8])
        .map_err(|reason| refuse(F_FEE, &f[8], reason))
        .ok();
    let commission = fields::amount(&f[9])
        .map_err(|reason| refuse(F_COMMISSION, &f[9], reason))
        .ok();
    let action = NoticeAction::from_code(&f[10]);
    if action.is_none() {
        refuse(
            F_ACTION,
            &f[10],
            (
                "処理区分は 0（交付）、1（取消）、2（訂正）のいずれかです。".into(),
                "the action must be 0 (issuance), 1 (cancellation) or 2 (correction)".into(),
            ),
        );
    }
    let original = f[11].as_ref();
    match action {
        Some(NoticeAction::Issuance) if !original.is_empty() => refuse(
            F_ORIGINAL,
            original,
            (
                "処理区分 0（交付）には元交付番号を記入しません。".into(),
                "an issuance (action 0) has no original issuance number".into(),
            ),
        ),
        Some(NoticeAction::Cancellation | NoticeAction::Correction) => {
            if original.is_empty() {
                refuse(
                    F_ORIGINAL,
                    original,
                    (
                        format!(
                            "処理区分 {}（取消・訂正）には元交付番号が必要です。",
                            &f[10]
                        ),
                        format!(
                            "a cancellation or correction (action {}) needs the original issuance number",
                            &f[10]
                        ),
                    ),
                );
            } else if let Err(reason) = fields::alnum(original, MAX_ID_LEN) {
                refuse(F_ORIGINAL, original, reason);
            } else if original == f[1] {
                refuse(
                    F_ORIGINAL,
                    original,
                    (
                        "元交付番号が自身の交付番号と同じです。".into(),
                        "the original issuance number is the notice's own number".into(),
                    ),
                );
            }
        }
        _ => {}
    }
    if errors.len() > before {
        return None;
    }
    let (Some(at), Some(copies), Some(fee), Some(commission), Some(action)) =
        (at, copies, fee, commission, action)
    else {
        return None;
    };
    // Both codes were checked above: a refusal returned before this point.
    Some(CompletionNotice {
        id: f[1].to_string(),
        at,
        operator: OperatorCode::parse(&f[3]).ok()?,
        store: f[4].to_string(),
        kiosk: f[5].to_string(),
        kind: KindCode::parse(&f[6]).ok()?,
        copies,
        fee: Yen::new(fee),
        commission: Yen::new(commission),
        action,
        original_id: (!original.is_empty()).then(|| original.to_string()),
    })
}
