//! The one error type of the use cases, and the one place it becomes the shape fronts show:
//! `{code, message, field}` (message in Japanese for the clerk; [`Error`]'s `Display` is the
//! English line for the log).

use kofu_core::staff::Forbidden;
use kofu_core::DomainError;
use kofu_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

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
        code: &'static str,
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
                code: other.code(),
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
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::Forbidden(_) => "forbidden",
            Error::NotFound { .. } => "not_found",
            Error::Conflict { .. } => "conflict",
            Error::Unauthenticated => "unauthenticated",
            Error::InvalidCredentials => "invalid_credentials",
            Error::Locked(_) => "locked",
            Error::NotInitialized => "not_initialized",
            Error::Rule { code, .. } => code,
            Error::Store(_) | Error::Internal { .. } => "internal",
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

    /// Particulars for scripts (`kofu --json` prints them as `details`).
    pub fn details(&self) -> Vec<serde_json::Value> {
        match self {
            Error::Rule { details, .. } => details.clone(),
            Error::Validation(e) => vec![serde_json::json!({"field": e.field})],
            _ => vec![],
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code().into(),
            message: self.message(),
            field: self.field(),
        }
    }
}

/// What the desktop UI receives when a command is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "ApiError")]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use kofu_core::{Action, Role};

    #[test]
    fn the_ipc_shape_is_exactly_code_message_field() {
        let e = Error::Validation(DomainError::new(
            "contact_phone",
            "電話番号が正しくありません。",
            "bad phone",
        ));
        assert_eq!(
            serde_json::to_value(e.body()).unwrap(),
            serde_json::json!({"code": "validation", "message": "電話番号が正しくありません。", "field": "contact_phone"})
        );
        let f = Error::from(Role::Clerk.ensure(Action::ManageUsers).unwrap_err());
        assert_eq!(
            serde_json::to_value(f.body()).unwrap(),
            serde_json::json!({"code": "forbidden", "message": "事務担当の権限では「職員・権限の管理」はできません。", "field": null})
        );
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
