//! Writing statements and notices in J-LIS's layout: CRLF line ends, CP932 by default, UTF-8
//! (with or without BOM) on request. Used by the J-LIS simulator, test fixtures and exports.
//!
//! A field is quoted only when it must be (it holds a comma, a quote or a line break), as
//! RFC 4180 allows. Writers do not validate: they write what they are given, and a [`Statement`]
//! is valid by construction.

use encoding_rs::SHIFT_JIS;
use kofu_core::MunicipalityCode;
use std::borrow::Cow;
use std::io::{self, Write};

use super::{CompletionNotice, Encoding, Statement, NOTICE_HEADER};

fn quoted(field: &str) -> Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(field)
    }
}

/// Encodes text for the file. CP932 cannot represent every character; J-LIS's fields are ASCII
/// codes and the notices header, which it can.
fn encode(text: &str, encoding: Encoding) -> Cow<'_, [u8]> {
    match encoding {
        Encoding::Cp932 => SHIFT_JIS.encode(text).0,
        Encoding::Utf8 | Encoding::Utf8Bom => Cow::Borrowed(text.as_bytes()),
    }
}

/// The statement as a 取扱い実績データ file: records 1, 2 (in key order), 8 and 9.
pub fn write_statement(statement: &Statement, encoding: Encoding) -> Vec<u8> {
    let mut text = String::with_capacity(64 * (statement.lines().len() + 3));
    text.push_str(&format!(
        "1,{},{},{},{}\r\n",
        statement.municipality(),
        statement.target_month().compact(),
        statement.created_at().format("%Y%m%d%H%M%S"),
        u8::from(statement.finalized())
    ));
    for l in statement.lines() {
        text.push_str(&format!(
            "2,{},{},{},{},{},{},{}\r\n",
            l.date.format("%Y%m%d"),
            l.operator,
            l.kind,
            l.issuances,
            l.copies,
            l.fees.to_i64(),
            l.commissions.to_i64()
        ));
    }
    let t = statement.totals();
    text.push_str(&format!(
        "8,{},{},{},{},{}\r\n9\r\n",
        t.records,
        t.issuances,
        t.copies,
        t.fees.to_i64(),
        t.commissions.to_i64()
    ));
    let mut out = Vec::with_capacity(text.len() + 3);
    if encoding == Encoding::Utf8Bom {
        out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    out.extend_from_slice(&encode(&text, encoding));
    out
}

/// One notice of `municipality` as a line of a notices file, without the line end.
pub fn notice_row(municipality: MunicipalityCode, n: &CompletionNotice) -> String {
    format!(
        "{},{},{},{},{},{},{},{},{},{},{},{}",
        municipality,
        quoted(&n.id),
        n.at.format("%Y-%m-%d %H:%M:%S"),
        n.operator,
        quoted(&n.store),
        quoted(&n.kiosk),
        n.kind,
        n.copies,
        n.fee.to_i64(),
        n.commission.to_i64(),
        n.action.code(),
        quoted(n.original_id.as_deref().unwrap_or(""))
    )
}

/// Writes a notices file (header line, then one line per notice) to `out`, one line at a time,
/// so that a simulator can serve a large day without building it in memory.
pub fn write_notices_to<'a, W: Write>(
    mut out: W,
    municipality: MunicipalityCode,
    notices: impl IntoIterator<Item = &'a CompletionNotice>,
    encoding: Encoding,
) -> io::Result<()> {
    if encoding == Encoding::Utf8Bom {
        out.write_all(&[0xEF, 0xBB, 0xBF])?;
    }
    let header = NOTICE_HEADER.join(",") + "\r\n";
    out.write_all(&encode(&header, encoding))?;
    let mut line = String::new();
    for n in notices {
        line.clear();
        line.push_str(&notice_row(municipality, n));
        line.push_str("\r\n");
        out.write_all(&encode(&line, encoding))?;
    }
    Ok(())
}

/// A notices file of `municipality` in memory.
pub fn write_notices(
    municipality: MunicipalityCode,
    notices: &[CompletionNotice],
    encoding: Encoding,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(100 * (notices.len() + 1));
    write_notices_to(&mut out, municipality, notices, encoding)
        .expect("writing to a Vec cannot fail");
    out
}
