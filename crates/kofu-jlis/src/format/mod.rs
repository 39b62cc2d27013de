//! The J-LIS file formats of INTERFACES.md: the monthly 取扱い実績データ ([`parse_statement`]),
//! the daily 完了通知 ([`parse_notices`], [`NoticeReader`]) and their writers. The records they
//! read and write are the core's domain types ([`Statement`], [`CompletionNotice`]), re-exported
//! here; this module owns only the layout.
//!
//! Parsing is all-or-nothing: a file with any error is refused whole, with every bad line named
//! (line, field, value, reason in Japanese and English) in [`FormatErrors`]. The parsers check
//! the file against the city's master data ([`ParseContext`]) and nothing else: they do not read
//! the store, compare with earlier imports, or judge fees against the city's rates (a differing
//! fee is a reconciliation finding, not a format error). The layout is kept behind this one
//! module so that a city whose real J-LIS layout differs can adapt it here alone.

mod error;
mod fields;
mod notice;
mod statement;
mod text;
mod write;

use kofu_core::{MunicipalityCode, TargetMonth};
use std::collections::BTreeSet;

pub use error::{english_field_name, FormatError, FormatErrors, MAX_ERRORS};
pub use kofu_core::notice::{CompletionNotice, NoticeAction};
pub use kofu_core::statement::{
    Statement, StatementDifference, StatementKey, StatementLine, StatementTotals,
};
pub use notice::{parse_notices, NoticeImportError, NoticeReader, NoticeSummary, NOTICE_HEADER};
pub use statement::parse_statement;
pub use text::{Encoding, MAX_RECORD_BYTES};
pub use write::{notice_row, write_notices, write_notices_to, write_statement};

/// Default 事業者コード (INTERFACES.md): セブン-イレブン, ローソン, ファミリーマート, ミニストップ,
/// セコマ, イオンリテール.
pub const DEFAULT_OPERATORS: [&str; 6] = ["0001", "0002", "0003", "0004", "0005", "0006"];

/// Default 証明書種別コード (INTERFACES.md): 住民票の写し, 住民票記載事項証明書, 印鑑登録証明書,
/// 戸籍全部事項証明書, 戸籍個人事項証明書, 戸籍の附票の写し, 所得・課税証明書.
pub const DEFAULT_KINDS: [&str; 7] = ["01", "02", "03", "04", "05", "06", "07"];

/// What a file is checked against: the city's code, the month asked for, and the city's master
/// data. An operator or certificate kind code outside these sets is an error naming the code and
/// the line, never a silent new row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseContext {
    /// The configured city: every record's 団体コード must be this one.
    pub municipality: MunicipalityCode,
    /// The month asked for. For a statement, its 対象年月 must be this month; for completion
    /// notices, every 交付日時 must fall in it. `None` accepts the statement's own month (and
    /// still checks every 交付日 against it) and any notice date.
    pub target_month: Option<TargetMonth>,
    /// The city's 事業者コード.
    pub operators: BTreeSet<String>,
    /// The city's 証明書種別コード.
    pub kinds: BTreeSet<String>,
}

impl ParseContext {
    /// A context with the default master data of INTERFACES.md.
    pub fn with_default_master(
        municipality: MunicipalityCode,
        target_month: Option<TargetMonth>,
    ) -> Self {
        Self {
            municipality,
            target_month,
            operators: DEFAULT_OPERATORS.iter().map(|s| s.to_string()).collect(),
            kinds: DEFAULT_KINDS.iter().map(|s| s.to_string()).collect(),
        }
    }
}
