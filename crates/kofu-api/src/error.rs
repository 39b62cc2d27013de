//! The one error type of the use cases, and the one place it becomes the shape fronts show:
//! `{code, message, field, details}` (message in Japanese for the clerk; [`Error`]'s `Display` is
//! the English line for the log). [`ErrorCode`] and the shapes of `details` ([`ErrorDetail`]) are
//! exported to TypeScript, so the UI switches on codes exhaustively and reads particulars as data.

use kofu_core::staff::Forbidden;
use kofu_core::DomainError;
use kofu_store::StoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A stable, machine-readable error code: fronts branch on it, never on messages. The wire
/// names (`kofu --json`'s `error.code`, the UI's `ApiError.code`) are public (shared/CLI.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Bad input: a field, an argument, a file's lines.
    Validation,
    /// The role may not do this, or four-eyes.
    Forbidden,
    NotFound,
    /// The stored state disagrees (already decided, a finalized month with other content).
    Conflict,
    Unauthenticated,
    InvalidCredentials,
    Locked,
    NotInitialized,
    /// A bug or a failure outside any rule.
    Internal,
    /// The clerk stopped a running import or pull; nothing was stored.
    Cancelled,
    /// The OS credential store could not be used.
    CredentialStore,
    /// J-LIS's server is not set up (URL, token, certificate).
    JlisNotConfigured,
    /// J-LIS's server did not answer usefully (network, 5xx, a bad digest).
    JlisUnavailable,
    /// J-LIS's server refused the token or the certificate.
    Unauthorized,
    /// The month's statement is still preliminary (before the 10th of M+1, 第4条4).
    NotFinal,
    /// Nothing to invoice: the month's net is zero or less (the settlement statement instead).
    NoInvoice,
    /// An admin reset the password: it must be changed before anything else.
    PasswordChangeRequired,
}

impl ErrorCode {
    /// The wire name, as serde writes it.
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            Validation => "validation",
            Forbidden => "forbidden",
            NotFound => "not_found",
            Conflict => "conflict",
            Unauthenticated => "unauthenticated",
            InvalidCredentials => "invalid_credentials",
            Locked => "locked",
            NotInitialized => "not_initialized",
            Internal => "internal",
            Cancelled => "cancelled",
            CredentialStore => "credential_store",
            JlisNotConfigured => "jlis_not_configured",
            JlisUnavailable => "jlis_unavailable",
            Unauthorized => "unauthorized",
            NotFinal => "not_final",
            NoInvoice => "no_invoice",
            PasswordChangeRequired => "password_change_required",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code compares equal to its wire name, so tests and scripts can say `"not_final"`.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for &str {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == other.as_str()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("validation: {0}")]
    Validation(#[from] DomainError),
    #[error("forbidden: {0}")]
    Forbidden(#[from] Forbidden),
    #[error("not found: {what_en}")]
    NotFound { what_en: String, what_ja: String },
    #[error("conflict: {detail}")]
    Conflict { message: String, detail: String },
    #[error("not signed in")]
    Unauthenticated,
    #[error("invalid user name or password")]
    InvalidCredentials,
    #[error("account '{0}' is locked")]
    Locked(String),
    #[error("the database has no city and no administrator yet")]
    NotInitialized,
    /// A business rule refused the request (e.g. four-eyes); `code` as the rule's own.
    #[error("{code}: {detail}")]
    Rule {
        code: ErrorCode,
        message: String,
        detail: String,
        /// Machine-readable particulars (bad lines of a file, differences of a statement).
        details: Vec<serde_json::Value>,
    },
    #[error("store: {0}")]
    Store(StoreError),
    /// A bug or a failure outside any rule (a panicked or failed background task): the clerk
    /// reads the generic message, the log gets `detail`.
    #[error("internal: {detail}")]
    Internal { detail: String },
}

impl From<kofu_core::catalogue::ReviewError> for Error {
    fn from(e: kofu_core::catalogue::ReviewError) -> Self {
        use kofu_core::catalogue::ReviewError;
        match e {
            ReviewError::Forbidden(f) => Error::Forbidden(f),
            ReviewError::Invalid(d) => Error::Validation(d),
            other => Error::Rule {
                code: match other {
                    ReviewError::NotPending { .. } => ErrorCode::Conflict,
                    _ => ErrorCode::Forbidden,
                },
                message: other.message_ja(),
                detail: other.to_string(),
                details: vec![],
            },
        }
    }
}

/// Most store errors are failures; a file refused or gone is something the clerk can act on.
impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::FileTooLarge { name, bytes, limit } => {
                Error::Validation(DomainError::new(
                    "attachments",
                    format!(
                        "「{name}」は{}あり、1ファイルの上限{}を超えています。{}以下にしてから添付してください。",
                        megabytes(bytes),
                        megabytes(limit),
                        megabytes(limit)
                    ),
                    format!("file '{name}' has {bytes} bytes, over the limit of {limit}"),
                ))
            }
            StoreError::FileMissing { name, path } => Error::NotFound {
                what_ja: format!("添付ファイル「{name}」（以前の版でこの端末の外に保存されたもの）"),
                what_en: format!("file '{name}' (stored before 0005 at {path:?})"),
            },
            other => Error::Store(other),
        }
    }
}

/// `20971521` → `20.1MB`; one decimal, so a file just over the limit does not read as equal.
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{}MB", tenths / 10)
    } else {
        format!("{}.{}MB", tenths / 10, tenths % 10)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn not_found(what_ja: impl Into<String>, what_en: impl Into<String>) -> Self {
        Error::NotFound {
            what_ja: what_ja.into(),
            what_en: what_en.into(),
        }
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Error::Internal {
            detail: detail.into(),
        }
    }

    pub fn conflict(message: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::Conflict {
            message: message.into(),
            detail: detail.into(),
        }
    }

    /// A stable, machine-readable code; fronts branch on it, never on messages.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Validation(_) => ErrorCode::Validation,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::Unauthenticated => ErrorCode::Unauthenticated,
            Error::InvalidCredentials => ErrorCode::InvalidCredentials,
            Error::Locked(_) => ErrorCode::Locked,
            Error::NotInitialized => ErrorCode::NotInitialized,
            Error::Rule { code, .. } => *code,
            Error::Store(_) | Error::Internal { .. } => ErrorCode::Internal,
        }
    }

    /// Whether the request was refused (bad input, rule, permission, conflict) rather than
    /// failing unexpectedly. The CLI maps this to exit code 1.
    pub fn is_refusal(&self) -> bool {
        !matches!(self, Error::Store(_) | Error::Internal { .. })
    }

    /// The Japanese message for the clerk: what happened and what to do next.
    pub fn message(&self) -> String {
        match self {
            Error::Validation(e) => e.message.clone(),
            Error::Forbidden(f) => f.message_ja(),
            Error::NotFound { what_ja, .. } => format!("{what_ja}が見つかりません。"),
            Error::Conflict { message, .. } | Error::Rule { message, .. } => message.clone(),
            Error::Unauthenticated => "ログインしていないか、アカウントが無効です。もう一度ログインしてください。".into(),
            Error::InvalidCredentials => "ログイン名またはパスワードが正しくありません。".into(),
            Error::Locked(_) => "ログインに連続して失敗したため、このアカウントはロックされています。管理者に解除を依頼してください。".into(),
            Error::NotInitialized => "初期設定が済んでいません。最初の管理者を登録するか、デモデータで始めてください。".into(),
            Error::Store(_) => "データベースの処理で予期しないエラーが発生しました。管理者に連絡してください（詳細はログにあります）。".into(),
            Error::Internal { .. } => "予期しないエラーが発生しました。管理者に連絡してください（詳細はログにあります）。".into(),
        }
    }

    pub fn field(&self) -> Option<String> {
        match self {
            Error::Validation(e) => Some(e.field.to_string()),
            _ => None,
        }
    }

    /// Particulars for scripts (`kofu --json` prints them as `details`) and the UI (each one of
    /// the shapes [`ErrorDetail`] describes).
    pub fn details(&self) -> Vec<serde_json::Value> {
        match self {
            Error::Rule { details, .. } => details.clone(),
            Error::Validation(e) => vec![serde_json::json!({"field": e.field})],
            _ => vec![],
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code(),
            message: self.message(),
            field: self.field(),
            details: self.details(),
        }
    }
}

/// What the desktop UI receives when a command is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "ApiError")]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    /// The particulars: a refused file's bad lines, a finalized statement's differences, …
    #[ts(as = "Vec<ErrorDetail>")]
    pub details: Vec<serde_json::Value>,
}

/// One particular of a refusal, as `details` carries it. The use cases build details from the
/// crates' own serialisation (`kofu_jlis`'s `FormatError`, the core's `StatementDifference`); these types
/// describe those shapes for TypeScript, and the tests hold them to the real values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(untagged)]
pub enum ErrorDetail {
    /// A statement line or header that differs from the finalized one stored (the core's own
    /// type: `before` is stored, `after` incoming).
    Difference(kofu_core::statement::StatementDifference),
    /// A bad line of a refused file.
    BadLine(BadLine),
    /// A completion notice stored with other values.
    Notice { id: String },
    /// What the J-LIS connection lacks (`base_url`, `token`, …).
    Missing { missing: String },
    /// The field a validation refusal names (also in `ApiError.field`).
    Field { field: String },
}

/// A bad line of a refused J-LIS file (`kofu_jlis::format::FormatError`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(deny_unknown_fields)]
pub struct BadLine {
    /// 1-based line of the file.
    #[ts(type = "number")]
    pub line: u64,
    /// J-LIS's Japanese field name; `null` when the record as a whole is wrong.
    pub field: Option<String>,
    /// The value as read (shortened when long).
    pub value: String,
    pub reason_ja: String,
    pub reason_en: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use kofu_core::{Action, Role};

    #[test]
    fn the_ipc_shape_is_exactly_code_message_field_details() {
        let e = Error::Validation(DomainError::new(
            "contact_phone",
            "電話番号が正しくありません。",
            "bad phone",
        ));
        assert_eq!(
            serde_json::to_value(e.body()).unwrap(),
            serde_json::json!({"code": "validation", "message": "電話番号が正しくありません。", "field": "contact_phone", "details": [{"field": "contact_phone"}]})
        );
        let f = Error::from(Role::Clerk.ensure(Action::ManageUsers).unwrap_err());
        assert_eq!(
            serde_json::to_value(f.body()).unwrap(),
            serde_json::json!({"code": "forbidden", "message": "事務担当の権限では「職員・権限の管理」はできません。", "field": null, "details": []})
        );
        let refused = Error::Rule {
            code: ErrorCode::Validation,
            message: "取り込みませんでした。".into(),
            detail: "refused".into(),
            details: vec![serde_json::to_value(bad_line()).unwrap()],
        };
        assert_eq!(
            serde_json::to_value(refused.body()).unwrap(),
            serde_json::json!({"code": "validation", "message": "取り込みませんでした。", "field": null, "details": [
                {"line": 3, "field": "証明書種別コード", "value": "99", "reason_ja": "登録されていない証明書種別コードです。", "reason_en": "not a registered certificate kind code"}
            ]})
        );
    }

    fn bad_line() -> kofu_jlis::format::FormatError {
        kofu_jlis::format::FormatError::new(
            3,
            Some("証明書種別コード"),
            "99",
            "登録されていない証明書種別コードです。",
            "not a registered certificate kind code",
        )
    }

    fn statement_line(issuances: u32) -> kofu_jlis::format::StatementLine {
        kofu_jlis::format::StatementLine {
            date: chrono::NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(),
            operator: kofu_core::master::OperatorCode::parse("0001").unwrap(),
            kind: kofu_core::catalogue::KindCode::parse("01").unwrap(),
            issuances,
            copies: issuances,
            fees: kofu_core::money::Yen::new(250 * i64::from(issuances)),
            commissions: kofu_core::money::Yen::new(123 * i64::from(issuances)),
        }
    }

    /// The TypeScript types of `details` describe what the use cases really send: each real
    /// value reads back as the variant the UI expects, with no field left over.
    #[test]
    fn every_kind_of_detail_reads_as_the_type_the_ui_expects() {
        use kofu_jlis::format::StatementDifference as D;
        let read = |v: serde_json::Value| -> ErrorDetail {
            serde_json::from_value(v.clone())
                .unwrap_or_else(|e| panic!("{v} is no ErrorDetail: {e}"))
        };
        assert!(matches!(
            read(serde_json::to_value(bad_line()).unwrap()),
            ErrorDetail::BadLine(BadLine { line: 3, .. })
        ));
        let whole_record =
            kofu_jlis::format::FormatError::new(9, None, "", "項目数が違います。", "field count");
        assert!(matches!(
            read(serde_json::to_value(whole_record).unwrap()),
            ErrorDetail::BadLine(BadLine { field: None, .. })
        ));
        let differences = [
            D::Header {
                field: "作成日時".into(),
                before: "a".into(),
                after: "b".into(),
            },
            D::Added {
                line: statement_line(1),
            },
            D::Removed {
                line: statement_line(2),
            },
            D::Changed {
                before: statement_line(1),
                after: statement_line(2),
            },
        ];
        let read_back: Vec<ErrorDetail> = differences
            .iter()
            .map(|d| read(serde_json::to_value(d).unwrap()))
            .collect();
        assert!(
            read_back
                .iter()
                .all(|d| matches!(d, ErrorDetail::Difference(_))),
            "every difference is a Difference, not mistaken for another shape: {read_back:?}"
        );
        let ErrorDetail::Difference(D::Changed { before, after }) = &read_back[3] else {
            panic!("a changed line reads as changed: {:?}", read_back[3]);
        };
        assert_eq!(
            (
                before.date.to_string(),
                before.fees.to_i64(),
                after.issuances
            ),
            ("2026-10-05".to_owned(), 250, 2)
        );
        assert_eq!(
            read(serde_json::json!({"id": "A1"})),
            ErrorDetail::Notice { id: "A1".into() }
        );
        assert_eq!(
            read(serde_json::json!({"missing": "token"})),
            ErrorDetail::Missing {
                missing: "token".into()
            }
        );
        assert_eq!(
            read(serde_json::json!({"field": "date"})),
            ErrorDetail::Field {
                field: "date".into()
            }
        );
    }

    #[test]
    fn error_codes_keep_their_wire_names() {
        for (code, name) in [
            (ErrorCode::NotFinal, "not_final"),
            (ErrorCode::JlisNotConfigured, "jlis_not_configured"),
            (
                ErrorCode::PasswordChangeRequired,
                "password_change_required",
            ),
            (ErrorCode::InvalidCredentials, "invalid_credentials"),
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::json!(name));
            assert_eq!(code.as_str(), name, "Display and serde agree");
        }
    }

    #[test]
    fn a_file_over_the_limit_is_a_refusal_naming_the_file_and_both_sizes() {
        let e = Error::from(StoreError::FileTooLarge {
            name: "停止通知.pdf".into(),
            bytes: 20 * 1024 * 1024 + 1,
            limit: 20 * 1024 * 1024,
        });
        assert_eq!(e.code(), "validation");
        assert_eq!(e.field().as_deref(), Some("attachments"));
        assert_eq!(
            e.message(),
            "「停止通知.pdf」は20.1MBあり、1ファイルの上限20MBを超えています。20MB以下にしてから添付してください。"
        );
        assert!(e.is_refusal());
    }

    #[test]
    fn internal_errors_do_not_leak_details_to_the_clerk() {
        let e = Error::Store(StoreError::Migration("secret path /x".into()));
        assert!(!e.body().message.contains("/x"));
        assert!(!e.is_refusal());
        assert!(
            e.to_string().contains("secret path"),
            "the log line keeps the detail"
        );
    }
}
