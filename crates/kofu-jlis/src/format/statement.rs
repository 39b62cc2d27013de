//! 取扱い実績データ, the monthly statement (INTERFACES.md §1): parsing J-LIS's file into the
//! core's [`Statement`] with every check of the contract.
//!
//! The parser checks the file's structure (one 1, 8 and 9 in that order around the 2s, nothing
//! after the 9 but empty lines), each field, the city and month, the trailer against the data,
//! and the uniqueness of (交付日, 事業者コード, 証明書種別コード). It does not decide whether a
//! re-import is allowed (the store does, with [`Statement::content_digest`] and
//! [`Statement::diff`]) and does not compare amounts with the city's fee rates.

use chrono::NaiveDateTime;
use kofu_core::catalogue::KindCode;
use kofu_core::master::OperatorCode;
use kofu_core::money::Yen;
use kofu_core::statement::{label, Statement, StatementKey, StatementLine};
use kofu_core::{MunicipalityCode, TargetMonth};
use std::collections::HashMap;

use super::fields::{self, Reason};
use super::text::{RawRecord, Records};
use super::{FormatError, FormatErrors, ParseContext};

const F_TYPE: &str = "レコード区分";
const F_CODE: &str = label::MUNICIPALITY;
const F_MONTH: &str = label::MONTH;
const F_CREATED: &str = label::CREATED;
const F_FINAL: &str = label::FINAL;
const F_DATE: &str = label::DATE;
const F_OPERATOR: &str = label::OPERATOR;
const F_KIND: &str = label::KIND;
const F_ISSUANCES: &str = label::ISSUANCES;
const F_COPIES: &str = label::COPIES;
const F_FEES: &str = label::FEES;
const F_COMMISSIONS: &str = label::COMMISSIONS;
const F_RECORDS: &str = "データ件数";
const F_T_ISSUANCES: &str = "交付件数合計";
const F_T_COPIES: &str = "交付通数合計";
const F_T_FEES: &str = "交付手数料額合計";
const F_T_COMMISSIONS: &str = "委託手数料額合計";

const HEADER_FIELDS: [&str; 5] = [F_TYPE, F_CODE, F_MONTH, F_CREATED, F_FINAL];
const DATA_FIELDS: [&str; 8] = [
    F_TYPE,
    F_DATE,
    F_OPERATOR,
    F_KIND,
    F_ISSUANCES,
    F_COPIES,
    F_FEES,
    F_COMMISSIONS,
];
const TRAILER_FIELDS: [&str; 6] = [
    F_TYPE,
    F_RECORDS,
    F_T_ISSUANCES,
    F_T_COPIES,
    F_T_FEES,
    F_T_COMMISSIONS,
];
const END_FIELDS: [&str; 1] = [F_TYPE];

fn outside_month(line: u64, value: &str, month: TargetMonth) -> FormatError {
    FormatError::new(
        line,
        Some(F_DATE),
        value,
        format!("交付日が対象年月 {month} の日付ではありません。"),
        format!("the issuance date is not in the target month {month}"),
    )
}

fn duplicate_key(line: u64, first: u64, l: &StatementLine) -> FormatError {
    FormatError::new(
        line,
        None,
        format!("{},{},{}", l.date.format("%Y%m%d"), l.operator, l.kind),
        format!("交付日・事業者コード・証明書種別コードの組が {first}行目と重複しています。"),
        format!("the same (issuance date, operator, certificate kind) as line {first}"),
    )
}

fn field_error(line: u64, field: &'static str, value: &str, (ja, en): Reason) -> FormatError {
    FormatError::new(line, Some(field), value, ja, en)
}

fn record_error(
    line: u64,
    value: &str,
    ja: impl Into<String>,
    en: impl Into<String>,
) -> FormatError {
    FormatError::new(line, Some(F_TYPE), value, ja, en)
}

/// The header values read from record 1 (each `None` when its field was refused).
#[derive(Default)]
struct Header {
    municipality: Option<MunicipalityCode>,
    month: Option<TargetMonth>,
    /// The 対象年月 written in the file, even when it is not the month asked for.
    file_month: Option<TargetMonth>,
    created_at: Option<NaiveDateTime>,
    finalized: Option<bool>,
}

/// The running state of a statement being parsed.
struct Parse<'c> {
    ctx: &'c ParseContext,
    errors: FormatErrors,
    header_line: Option<u64>,
    header: Header,
    first_record_seen: bool,
    trailer_line: Option<u64>,
    trailer_missing_reported: bool,
    end_line: Option<u64>,
    lines: Vec<StatementLine>,
    /// (day, operator, kind) → the line where it first appeared.
    seen: HashMap<StatementKey, u64>,
    data_records: u64,
    /// False when a record 2 (or what may have been one) could not be read: the trailer's count
    /// and sums are then not compared, since the differences would only echo that error.
    count_complete: bool,
    sums_complete: bool,
    sums: (u64, u64, i128, i128),
    /// The trailer's line and its values as read (each `None` when refused).
    trailer_values: Option<(u64, [Option<i128>; 5])>,
}

/// Parses and checks a 取扱い実績データ file held in memory. Every problem of the file is
/// reported; a statement is returned only when there is none.
pub fn parse_statement(bytes: &[u8], ctx: &ParseContext) -> Result<Statement, FormatErrors> {
    let mut records = Records::from_slice(bytes).map_err(FormatErrors::from)?;
    let mut p = Parse {
        ctx,
        errors: FormatErrors::new(),
        header_line: None,
        header: Header::default(),
        first_record_seen: false,
        trailer_line: None,
        trailer_missing_reported: false,
        end_line: None,
        lines: Vec::new(),
        seen: HashMap::new(),
        data_records: 0,
        count_complete: true,
        sums_complete: true,
        sums: (0, 0, 0, 0),
        trailer_values: None,
    };
    let mut last_line = 0;
    loop {
        let record = match records.next_record() {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err(e) => {
                p.errors.push(e);
                break;
            }
        };
        last_line = record.line;
        let names = match record.fields[0].as_ref() {
            "1" => &HEADER_FIELDS[..],
            "2" => &DATA_FIELDS[..],
            "8" => &TRAILER_FIELDS[..],
            "9" => &END_FIELDS[..],
            _ => &[][..],
        };
        if !record.undecodable.is_empty() {
            for &i in &record.undecodable {
                let e =
                    record.undecodable_error(record.line, names.get(i).copied(), &record.fields[i]);
                p.errors.push(e);
            }
            p.structure_only(&record);
            continue;
        }
        p.record(&record);
    }
    p.finish(last_line)
}

impl Parse<'_> {
    fn push(&mut self, e: FormatError) {
        self.errors.push(e);
    }

    /// Checks the place of a record in the file; false when the record must not be read further.
    fn place(&mut self, r: &RawRecord<'_>) -> bool {
        let kind = r.fields[0].as_ref();
        let line = r.line;
        if let Some(end) = self.end_line {
            self.push(record_error(
                line,
                &r.joined(),
                format!(
                    "エンドレコード(9)（{end}行目）の後にデータがあります。空行以外は置けません。"
                ),
                format!(
                    "data after the end record (9) of line {end}; only empty lines may follow it"
                ),
            ));
            return false;
        }
        let first = !self.first_record_seen;
        self.first_record_seen = true;
        if first && kind != "1" {
            self.push(record_error(
                line,
                kind,
                "先頭のレコードがヘッダレコード(1)ではありません。",
                "the first record is not the header record (1)",
            ));
        }
        match kind {
            "1" => {
                if let Some(h) = self.header_line {
                    self.push(record_error(
                        line,
                        kind,
                        format!("ヘッダレコード(1)が {h}行目と2つあります。"),
                        format!("a second header record (1); the first is on line {h}"),
                    ));
                    return false;
                }
                self.header_line = Some(line);
                if !first {
                    self.push(record_error(
                        line,
                        kind,
                        "ヘッダレコード(1)はファイルの先頭に置いてください。",
                        "the header record (1) must come first",
                    ));
                }
                true
            }
            "2" => {
                self.data_records += 1;
                if let Some(t) = self.trailer_line {
                    self.push(record_error(
                        line,
                        kind,
                        format!(
                            "データレコード(2)がトレーラレコード(8)（{t}行目）の後にあります。"
                        ),
                        format!("a data record (2) after the trailer record (8) of line {t}"),
                    ));
                }
                true
            }
            "8" => {
                if let Some(t) = self.trailer_line {
                    self.push(record_error(
                        line,
                        kind,
                        format!("トレーラレコード(8)が {t}行目と2つあります。"),
                        format!("a second trailer record (8); the first is on line {t}"),
                    ));
                    return false;
                }
                self.trailer_line = Some(line);
                true
            }
            "9" => {
                self.end_line = Some(line);
                if self.trailer_line.is_none() {
                    self.trailer_missing_reported = true;
                    self.push(record_error(
                        line,
                        kind,
                        "トレーラレコード(8)がありません（エンドレコード(9)の前に必要です）。",
                        "the trailer record (8) is missing before the end record (9)",
                    ));
                }
                true
            }
            other => {
                // Perhaps a data record with a damaged type: the trailer cannot be checked.
                self.count_complete = false;
                self.sums_complete = false;
                self.push(record_error(
                    line,
                    other,
                    "レコード区分は 1, 2, 8, 9 のいずれかです。",
                    "the record type must be 1, 2, 8 or 9",
                ));
                false
            }
        }
    }

    /// A record whose fields could not be decoded: only its place in the file is checked.
    fn structure_only(&mut self, r: &RawRecord<'_>) {
        if self.place(r) && r.fields[0] == "2" {
            self.sums_complete = false;
        }
    }

    fn record(&mut self, r: &RawRecord<'_>) {
        if !self.place(r) {
            return;
        }
        let (expected, names): (usize, &str) = match r.fields[0].as_ref() {
            "1" => (HEADER_FIELDS.len(), "ヘッダレコード(1)"),
            "2" => (DATA_FIELDS.len(), "データレコード(2)"),
            "8" => (TRAILER_FIELDS.len(), "トレーラレコード(8)"),
            _ => (END_FIELDS.len(), "エンドレコード(9)"),
        };
        if r.fields.len() != expected {
            self.push(FormatError::new(
                r.line,
                None,
                r.joined(),
                format!(
                    "{names}の項目数は {expected} ですが、この行は {} です。",
                    r.fields.len()
                ),
                format!(
                    "a record {} has {expected} fields, this one has {}",
                    &r.fields[0],
                    r.fields.len()
                ),
            ));
            if r.fields[0] == "2" {
                self.sums_complete = false;
            }
            return;
        }
        match r.fields[0].as_ref() {
            "1" => self.header(r),
            "2" => self.data(r),
            "8" => self.trailer_fields(r),
            _ => {}
        }
    }

    fn header(&mut self, r: &RawRecord<'_>) {
        let f = &r.fields;
        let line = r.line;
        match fields::municipality_code(&f[1]) {
            Err(reason) => self.push(field_error(line, F_CODE, &f[1], reason)),
            Ok(code) if code != self.ctx.municipality => self.push(FormatError::new(
                line,
                Some(F_CODE),
                &f[1],
                format!(
                    "設定されている団体コード {} と一致しません。",
                    self.ctx.municipality
                ),
                format!("not the configured municipality {}", self.ctx.municipality),
            )),
            Ok(code) => self.header.municipality = Some(code),
        }
        let month = if f[2].len() == 6 && f[2].bytes().all(|b| b.is_ascii_digit()) {
            TargetMonth::parse(&f[2]).ok()
        } else {
            None
        };
        match month {
            None => self.push(FormatError::new(
                line,
                Some(F_MONTH),
                &f[2],
                "対象年月は YYYYMM の6桁で記入してください。",
                "the target month must be 6 digits, YYYYMM",
            )),
            Some(m) => match self.ctx.target_month {
                // The file's own month still bounds its dates, so that a whole file of another
                // month is one error on line 1, not one per line.
                Some(asked) if asked != m => {
                    self.header.file_month = Some(m);
                    self.push(FormatError::new(
                        line,
                        Some(F_MONTH),
                        &f[2],
                        format!("要求した対象年月 {asked} のデータではありません。"),
                        format!("not the target month asked for, {asked}"),
                    ))
                }
                _ => {
                    self.header.file_month = Some(m);
                    self.header.month = Some(m);
                }
            },
        }
        match fields::compact_datetime(&f[3]) {
            Ok(t) => self.header.created_at = Some(t),
            Err(reason) => self.push(field_error(line, F_CREATED, &f[3], reason)),
        }
        match f[4].as_ref() {
            "1" => self.header.finalized = Some(true),
            "0" => self.header.finalized = Some(false),
            other => self.push(FormatError::new(
                line,
                Some(F_FINAL),
                other,
                "確定区分は 1（確定）か 0（速報）です。",
                "the finalized flag must be 1 (final) or 0 (preliminary)",
            )),
        }
    }

    /// The month the 交付日 must lie in: the file's own when readable, else the one asked for.
    fn month(&self) -> Option<TargetMonth> {
        self.header.file_month.or(self.ctx.target_month)
    }

    fn data(&mut self, r: &RawRecord<'_>) {
        let f = &r.fields;
        let line = r.line;
        let mut ok = true;
        let date = match fields::compact_date(&f[1]) {
            Ok(d) => {
                if let Some(m) = self.month() {
                    if !m.contains(d) {
                        self.push(outside_month(line, &f[1], m));
                        ok = false;
                    }
                }
                Some(d)
            }
            Err(reason) => {
                self.push(field_error(line, F_DATE, &f[1], reason));
                None
            }
        };
        if !self.ctx.operators.contains(f[2].as_ref()) {
            ok = false;
            self.push(FormatError::new(
                line,
                Some(F_OPERATOR),
                &f[2],
                "登録されていない事業者コードです。",
                "not a registered operator code",
            ));
        }
        if !self.ctx.kinds.contains(f[3].as_ref()) {
            ok = false;
            self.push(FormatError::new(
                line,
                Some(F_KIND),
                &f[3],
                "登録されていない証明書種別コードです。",
                "not a registered certificate kind code",
            ));
        }
        let issuances = self.parsed(line, F_ISSUANCES, &f[4], fields::count);
        let copies = self.parsed(line, F_COPIES, &f[5], fields::count);
        let fees = self.parsed(line, F_FEES, &f[6], fields::amount);
        let commissions = self.parsed(line, F_COMMISSIONS, &f[7], fields::amount);
        let (Some(issuances), Some(copies), Some(fees), Some(commissions)) =
            (issuances, copies, fees, commissions)
        else {
            self.sums_complete = false;
            return;
        };
        self.sums.0 += u64::from(issuances);
        self.sums.1 += u64::from(copies);
        self.sums.2 += i128::from(fees);
        self.sums.3 += i128::from(commissions);
        // A code not of the registered form was refused above; such a line cannot be kept.
        let (Some(date), Ok(operator), Ok(kind)) =
            (date, OperatorCode::parse(&f[2]), KindCode::parse(&f[3]))
        else {
            return;
        };
        let l = StatementLine {
            date,
            operator,
            kind,
            issuances,
            copies,
            fees: Yen::new(fees),
            commissions: Yen::new(commissions),
        };
        let key = l.key();
        if let Some(&first) = self.seen.get(&key) {
            self.push(duplicate_key(line, first, &l));
            return;
        }
        self.seen.insert(key, line);
        if ok {
            self.lines.push(l);
        }
    }

    fn parsed<T>(
        &mut self,
        line: u64,
        field: &'static str,
        value: &str,
        parse: fn(&str) -> Result<T, Reason>,
    ) -> Option<T> {
        match parse(value) {
            Ok(v) => Some(v),
            Err(reason) => {
                self.push(field_error(line, field, value, reason));
                None
            }
        }
    }

    fn trailer_fields(&mut self, r: &RawRecord<'_>) {
        let f = &r.fields;
        let line = r.line;
        let records = self.parsed(line, F_RECORDS, &f[1], fields::total_count);
        let issuances = self.parsed(line, F_T_ISSUANCES, &f[2], fields::total_count);
        let copies = self.parsed(line, F_T_COPIES, &f[3], fields::total_count);
        let fees = self.parsed(line, F_T_FEES, &f[4], fields::amount);
        let commissions = self.parsed(line, F_T_COMMISSIONS, &f[5], fields::amount);
        // Compared at the end of the file, when every record 2 has been counted.
        self.trailer_values = Some((
            line,
            [
                records.map(i128::from),
                issuances.map(i128::from),
                copies.map(i128::from),
                fees.map(i128::from),
                commissions.map(i128::from),
            ],
        ));
    }

    fn finish(mut self, last_line: u64) -> Result<Statement, FormatErrors> {
        let after = last_line + 1;
        if !self.first_record_seen {
            self.push(FormatError::new(
                1,
                None,
                "",
                "ファイルが空です。",
                "the file is empty",
            ));
        } else {
            if self.trailer_line.is_none() && !self.trailer_missing_reported {
                self.push(record_error(
                    after,
                    "",
                    "トレーラレコード(8)がありません。",
                    "the trailer record (8) is missing",
                ));
            }
            if self.end_line.is_none() {
                self.push(record_error(
                    after,
                    "",
                    "エンドレコード(9)がありません。ファイルが途中で切れている可能性があります。",
                    "the end record (9) is missing; the file may be truncated",
                ));
            }
        }
        if let Some((line, values)) = self.trailer_values.take() {
            let computed = [
                (
                    F_RECORDS,
                    i128::from(self.data_records),
                    self.count_complete,
                ),
                (F_T_ISSUANCES, i128::from(self.sums.0), self.sums_complete),
                (F_T_COPIES, i128::from(self.sums.1), self.sums_complete),
                (F_T_FEES, self.sums.2, self.sums_complete),
                (F_T_COMMISSIONS, self.sums.3, self.sums_complete),
            ];
            for ((field, actual, comparable), stated) in computed.into_iter().zip(values) {
                let Some(stated) = stated else { continue };
                if comparable && stated != actual {
                    let (ja, en) = if field == F_RECORDS {
                        (
                            format!("データレコード(2)の件数 {actual} と一致しません。"),
                            format!("the file has {actual} data records (2)"),
                        )
                    } else {
                        (
                            format!("データレコード(2)の合計 {actual} と一致しません。"),
                            format!("the data records (2) add up to {actual}"),
                        )
                    };
                    self.push(FormatError::new(
                        line,
                        Some(field),
                        stated.to_string(),
                        ja,
                        en,
                    ));
                }
            }
        }
        if !self.errors.is_empty() {
            self.errors.sort_by_line();
            return Err(self.errors);
        }
        let h = self.header;
        let (Some(municipality), Some(month), Some(created_at), Some(finalized)) =
            (h.municipality, h.month, h.created_at, h.finalized)
        else {
            // Not reached: a header value is missing only when its error was reported.
            return Err(FormatErrors::from(FormatError::new(
                self.header_line.unwrap_or(1),
                None,
                "",
                "ヘッダレコード(1)を読み取れませんでした。",
                "the header record (1) could not be read",
            )));
        };
        let totals_line = self.trailer_line.unwrap_or(after);
        Statement::new(municipality, month, created_at, finalized, self.lines).map_err(|errors| {
            // Not reached for the lines checked above but for totals too large to add up.
            errors
                .into_iter()
                .map(|e| {
                    FormatError::new(
                        totals_line,
                        Some(F_T_FEES),
                        "",
                        e.message_ja(),
                        e.to_string(),
                    )
                })
                .collect()
        })
    }
}
