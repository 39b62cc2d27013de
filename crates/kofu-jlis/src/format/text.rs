//! Reading a J-LIS text file as CSV records of decoded fields, whatever its encoding.
//!
//! The CSV layer runs on the raw bytes and decoding happens field by field afterwards. That is
//! sound for both encodings J-LIS may use: in UTF-8 and in CP932 (Shift_JIS) the bytes `,` `"`
//! `\r` `\n` never occur inside a multi-byte character (CP932's trail bytes are 0x40–0xFC), so
//! splitting before decoding cannot cut a character.
//!
//! Encoding detection, decided once for a whole file:
//! - a UTF-8 BOM means UTF-8; a UTF-16 BOM is refused (J-LIS never sends UTF-16);
//! - for a file held in memory (the monthly statement), UTF-8 when the whole file is valid UTF-8,
//!   otherwise CP932;
//! - for a stream (the completion notices, 200,000+ rows), the first record that is not pure
//!   ASCII decides: UTF-8 when it is valid UTF-8, otherwise CP932. Until then both encodings read
//!   ASCII alike, so nothing depends on the choice. Afterwards the choice holds for the rest of
//!   the file, and a field that is not valid in it is an error naming its line: a file is in one
//!   encoding, never a mix. For a notices file the header line (in Japanese) decides at line 1.
//!
//! This module knows nothing of record layouts; it does not validate field values.

use encoding_rs::SHIFT_JIS;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{self, Read};

use super::FormatError;

/// A text encoding of a J-LIS file: what a reader detected, or what a writer produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// CP932 (Windows-31J, the Shift_JIS that Windows and J-LIS use). The default.
    Cp932,
    /// UTF-8 without a byte-order mark. A pure-ASCII file reads as this.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
}

const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// The longest record accepted, in bytes. A real record is about 100 bytes; the limit keeps the
/// memory of a stream bounded when a binary file or a runaway quoted field is read by mistake.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// How the fields of the next non-ASCII record are decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No BOM and no non-ASCII record seen yet (streams only).
    Undecided,
    Utf8 {
        bom: bool,
    },
    Cp932,
}

/// One CSV record with its fields decoded.
pub(crate) struct RawRecord<'a> {
    /// The 1-based line where the record starts.
    pub line: u64,
    /// The record's field bytes as read, unquoted and concatenated (for a fingerprint).
    pub raw: &'a [u8],
    pub fields: Vec<Cow<'a, str>>,
    /// Indices of fields whose bytes are invalid in the file's encoding (decoded lossily).
    pub undecodable: Vec<usize>,
    /// Whether the file was read as CP932 (for the wording of an undecodable field's error).
    cp932: bool,
}

impl RawRecord<'_> {
    /// The error for a field that is not valid in the file's encoding.
    pub fn undecodable_error(
        &self,
        line: u64,
        field: Option<&'static str>,
        value: &str,
    ) -> FormatError {
        if self.cp932 {
            FormatError::new(
                line,
                field,
                value,
                "CP932 (Shift_JIS) として読めない文字が含まれています。",
                "contains bytes that are not valid CP932 (Shift_JIS)",
            )
        } else {
            FormatError::new(
                line,
                field,
                value,
                "UTF-8 として読めない文字が含まれています（ファイルの文字コードが混在しています）。",
                "contains bytes that are not valid UTF-8 (the file mixes encodings)",
            )
        }
    }

    /// The record re-joined, for an error about the record as a whole.
    pub fn joined(&self) -> String {
        self.fields.join(",")
    }
}

/// The records of a file, read from any `Read` without holding more than one record.
pub(crate) struct Records<R: Read> {
    csv: csv::Reader<RecordLimit<io::Chain<io::Cursor<Vec<u8>>, R>>>,
    record: csv::ByteRecord,
    mode: Mode,
    failed: bool,
}

impl<R: Read> Records<R> {
    /// Opens a stream; the encoding is decided by a BOM or by the first non-ASCII record.
    pub fn from_stream(reader: R) -> Result<Self, FormatError> {
        Self::open(reader, None)
    }

    fn open(mut reader: R, mode: Option<Mode>) -> Result<Self, FormatError> {
        let mut prefix = Vec::with_capacity(3);
        (&mut reader)
            .take(3)
            .read_to_end(&mut prefix)
            .map_err(|e| read_error(1, &e))?;
        if prefix.starts_with(&[0xFF, 0xFE]) || prefix.starts_with(&[0xFE, 0xFF]) {
            return Err(FormatError::new(
                1,
                None,
                "",
                "UTF-16 のファイルは読み込めません。CP932 (Shift_JIS) か UTF-8 で保存してください。",
                "UTF-16 files are not supported; save it as CP932 (Shift_JIS) or UTF-8",
            ));
        }
        let bom = prefix == UTF8_BOM;
        if bom {
            prefix.clear();
        }
        let mode = match mode {
            Some(m) => m,
            None if bom => Mode::Utf8 { bom: true },
            None => Mode::Undecided,
        };
        let source = RecordLimit::new(io::Cursor::new(prefix).chain(reader));
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(64 * 1024)
            .from_reader(source);
        Ok(Self {
            csv,
            record: csv::ByteRecord::new(),
            mode,
            failed: false,
        })
    }

    /// The encoding detected so far (UTF-8 while a stream has been pure ASCII).
    pub fn encoding(&self) -> Encoding {
        match self.mode {
            Mode::Cp932 => Encoding::Cp932,
            Mode::Utf8 { bom: true } => Encoding::Utf8Bom,
            Mode::Utf8 { bom: false } | Mode::Undecided => Encoding::Utf8,
        }
    }

    /// The next record; `Ok(None)` at the end of the file. Empty lines are skipped. After a read
    /// error (I/O, or a record longer than [`MAX_RECORD_BYTES`]) the file ends.
    pub fn next_record(&mut self) -> Result<Option<RawRecord<'_>>, FormatError> {
        if self.failed {
            return Ok(None);
        }
        match self.csv.read_byte_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return Ok(None),
            Err(e) => {
                self.failed = true;
                let line = self.csv.get_ref().record_start_line;
                return Err(match e.into_kind() {
                    csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::InvalidData => {
                        FormatError::new(
                            line,
                            None,
                            "",
                            format!(
                                "レコードが長すぎます（{} バイト超）。引用符が閉じられていないか、J-LIS のファイルではありません。",
                                MAX_RECORD_BYTES
                            ),
                            format!(
                                "the record is longer than {MAX_RECORD_BYTES} bytes: an unclosed quote, or not a J-LIS file"
                            ),
                        )
                    }
                    csv::ErrorKind::Io(io) => read_error(line, &io),
                    other => FormatError::new(
                        line,
                        None,
                        "",
                        "ファイルを CSV として読めません。",
                        format!("the file cannot be read as CSV: {other:?}"),
                    ),
                });
            }
        }
        let fallback = self.record.position().map_or(1, |p| p.line());
        let line = self.csv.get_mut().starts.pop_front().unwrap_or(fallback);
        let record = &self.record;
        let raw = record.as_slice();
        let mut fields = Vec::with_capacity(record.len());
        let mut undecodable = Vec::new();
        let ascii = raw
            .is_ascii()
            .then(|| std::str::from_utf8(raw).ok())
            .flatten();
        if let Some(text) = ascii {
            // The common case, and the same in both encodings: one check for the whole record.
            for i in 0..record.len() {
                let field = record.range(i).and_then(|r| text.get(r)).unwrap_or("");
                fields.push(Cow::Borrowed(field));
            }
        } else {
            if self.mode == Mode::Undecided {
                self.mode = if record.iter().all(|f| std::str::from_utf8(f).is_ok()) {
                    Mode::Utf8 { bom: false }
                } else {
                    Mode::Cp932
                };
            }
            for (i, bytes) in record.iter().enumerate() {
                let decoded = match self.mode {
                    Mode::Utf8 { .. } | Mode::Undecided => {
                        std::str::from_utf8(bytes).ok().map(Cow::Borrowed)
                    }
                    Mode::Cp932 => {
                        SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes)
                    }
                };
                match decoded {
                    Some(text) => fields.push(text),
                    None => {
                        undecodable.push(i);
                        fields.push(match self.mode {
                            Mode::Cp932 => SHIFT_JIS.decode_without_bom_handling(bytes).0,
                            _ => String::from_utf8_lossy(bytes),
                        });
                    }
                }
            }
        }
        if fields.is_empty() {
            // The csv crate skips empty lines; this keeps "a record has a first field" true anyway.
            fields.push(Cow::Borrowed(""));
        }
        Ok(Some(RawRecord {
            line,
            raw,
            fields,
            undecodable,
            cp932: self.mode == Mode::Cp932,
        }))
    }
}

impl<'a> Records<&'a [u8]> {
    /// Opens a file held in memory; the encoding is decided by looking at all of it.
    pub fn from_slice(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let whole = if bytes.starts_with(&UTF8_BOM) {
            Mode::Utf8 { bom: true }
        } else if std::str::from_utf8(bytes).is_ok() {
            Mode::Utf8 { bom: false }
        } else {
            Mode::Cp932
        };
        Records::open(bytes, Some(whole))
    }
}

fn read_error(line: u64, e: &io::Error) -> FormatError {
    FormatError::new(
        line,
        None,
        "",
        format!("ファイルを最後まで読み込めませんでした（{e}）。"),
        format!("the file could not be read to its end: {e}"),
    )
}

/// A reader that finds the line where each record starts and refuses a record longer than
/// [`MAX_RECORD_BYTES`].
///
/// The `csv` crate reports the position where it began reading, which is before the line ends
/// and empty lines it skips, not the record's first line. So this reader follows record
/// boundaries the way the `csv` crate's parser does (a quote opens a quoted field only at the
/// start of a field; `\r`, `\n` and `\r\n` end a record outside quotes; empty lines are no
/// record) and queues the start line of each record it sees; the `csv` reader, which is at most
/// one buffer behind, consumes them in the same order.
struct RecordLimit<R> {
    inner: R,
    state: Scan,
    record_bytes: usize,
    /// The 1-based line being read.
    line: u64,
    /// The start lines of the records read ahead of the `csv` parser.
    starts: VecDeque<u64>,
    /// The line where the record being read started.
    record_start_line: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    RecordStart,
    FieldStart,
    Unquoted,
    Quoted,
    AfterQuote,
}

impl<R> RecordLimit<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            state: Scan::RecordStart,
            record_bytes: 0,
            line: 1,
            starts: VecDeque::new(),
            record_start_line: 1,
        }
    }
}

/// The bytes that can change the state of [`RecordLimit`]; all others are ordinary field bytes.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b',' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\r' as usize] = true;
    table[b'\n' as usize] = true;
    table
};

impl<R> RecordLimit<R> {
    fn grow(&mut self, bytes: usize) -> io::Result<()> {
        self.record_bytes += bytes;
        if self.record_bytes > MAX_RECORD_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "record too long",
            ));
        }
        Ok(())
    }
}

impl<R: Read> Read for RecordLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut i = 0;
        while i < n {
            if matches!(self.state, Scan::Unquoted | Scan::FieldStart) {
                // The common case: ordinary bytes of an unquoted field, skipped in one go.
                let run = buf[i..n]
                    .iter()
                    .position(|&b| SPECIAL[usize::from(b)])
                    .unwrap_or(n - i);
                if run > 0 {
                    self.state = Scan::Unquoted;
                    self.grow(run)?;
                    i += run;
                    continue;
                }
            }
            let b = buf[i];
            i += 1;
            let terminator = b == b'\n' || b == b'\r';
            self.state = match (self.state, b) {
                (Scan::RecordStart, _) if terminator => Scan::RecordStart,
                (Scan::RecordStart, _) => {
                    self.starts.push_back(self.line);
                    self.record_start_line = self.line;
                    self.record_bytes = 0;
                    match b {
                        b'"' => Scan::Quoted,
                        b',' => Scan::FieldStart,
                        _ => Scan::Unquoted,
                    }
                }
                (Scan::Quoted, b'"') => Scan::AfterQuote,
                (Scan::Quoted, _) => Scan::Quoted,
                (Scan::AfterQuote, b'"') => Scan::Quoted,
                (Scan::FieldStart, b'"') => Scan::Quoted,
                (_, b',') => Scan::FieldStart,
                (_, _) if terminator => Scan::RecordStart,
                _ => Scan::Unquoted,
            };
            if b == b'\n' {
                self.line += 1;
            }
            if self.state != Scan::RecordStart {
                self.grow(1)?;
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> Vec<(u64, Vec<String>)> {
        let mut r = Records::<&[u8]>::from_stream(bytes).unwrap();
        let mut out = Vec::new();
        while let Some(rec) = r.next_record().unwrap() {
            out.push((rec.line, rec.fields.iter().map(|f| f.to_string()).collect()));
        }
        out
    }

    #[test]
    fn records_carry_the_line_they_start_on_across_empty_lines_and_crlf() {
        let recs = all(b"a,b\r\n\r\nc,\"d\r\ne\"\r\nf\r\n");
        assert_eq!(recs[0].0, 1);
        assert_eq!(recs[1].0, 3, "the empty line 2 is skipped but counted");
        assert_eq!(recs[1].1, vec!["c".to_string(), "d\r\ne".to_string()]);
        assert_eq!(
            recs[2].0, 5,
            "a quoted newline moves the following record down"
        );
    }

    #[test]
    fn a_utf8_bom_is_stripped_and_remembered() {
        let mut r = Records::<&[u8]>::from_stream(b"\xEF\xBB\xBF1,2\n".as_slice()).unwrap();
        let rec = r.next_record().unwrap().unwrap();
        assert_eq!(rec.fields[0], "1", "the BOM is not part of the first field");
        assert_eq!(r.encoding(), Encoding::Utf8Bom);
    }

    #[test]
    fn the_first_non_ascii_record_decides_a_stream_encoding() {
        let (sjis, _, _) = SHIFT_JIS.encode("団体コード,交付番号\n1,2\n");
        let mut r = Records::<&[u8]>::from_stream(&sjis).unwrap();
        let rec = r.next_record().unwrap().unwrap();
        assert_eq!(rec.fields[0], "団体コード", "CP932 is decoded");
        assert_eq!(r.encoding(), Encoding::Cp932);

        let utf8 = "団体コード,交付番号\n".as_bytes();
        let mut r = Records::<&[u8]>::from_stream(utf8).unwrap();
        r.next_record().unwrap().unwrap();
        assert_eq!(r.encoding(), Encoding::Utf8);
    }

    #[test]
    fn a_cp932_field_after_utf8_was_decided_is_reported_as_undecodable() {
        let mut bytes = "団体コード\n".as_bytes().to_vec();
        bytes.extend_from_slice(&SHIFT_JIS.encode("交付\n").0);
        let mut r = Records::<&[u8]>::from_stream(&bytes).unwrap();
        assert!(r.next_record().unwrap().unwrap().undecodable.is_empty());
        let rec = r.next_record().unwrap().unwrap();
        assert_eq!(
            rec.undecodable,
            vec![0],
            "a file is in one encoding, never a mix"
        );
    }

    #[test]
    fn a_runaway_record_is_refused_instead_of_filling_memory() {
        let mut bytes = b"1,\"".to_vec();
        bytes.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        let mut r = Records::<&[u8]>::from_stream(&bytes).unwrap();
        let err = r.next_record().err().expect("too long");
        assert_eq!(err.line, 1);
        assert!(err.reason_en.contains("longer than"), "{err}");
        assert!(
            r.next_record().unwrap().is_none(),
            "the file ends after a read error"
        );
    }

    #[test]
    fn utf16_is_refused_at_line_one() {
        let err = Records::<&[u8]>::from_stream(b"\xFF\xFE1\x00".as_slice())
            .err()
            .expect("utf-16 refused");
        assert_eq!(err.line, 1);
    }

    proptest::proptest! {
        #[test]
        fn the_record_start_lines_follow_the_csv_parser_exactly(
            text in "[a,\"\r\n]{0,60}"
        ) {
            let mut r = Records::<&[u8]>::from_stream(text.as_bytes()).unwrap();
            let mut previous = 0;
            let mut count = 0;
            while let Some(rec) = r.next_record().unwrap() {
                count += 1;
                proptest::prop_assert!(rec.line >= previous, "lines never go back");
                previous = rec.line;
            }
            proptest::prop_assert!(
                r.csv.get_ref().starts.is_empty(),
                "one start queued per record the csv parser found ({count} records)"
            );
            let mut plain = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            proptest::prop_assert_eq!(plain.byte_records().count(), count);
        }
    }
}
