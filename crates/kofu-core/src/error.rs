//! Validation errors raised while constructing domain values.

/// A value that does not satisfy a domain rule. `field` names the input (snake_case, as in the
/// JSON/IPC shape); `message` is Japanese for the clerk; `detail` is English for the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {detail}")]
pub struct DomainError {
    pub field: &'static str,
    pub message: String,
    pub detail: String,
}

impl DomainError {
    pub fn new(field: &'static str, message: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
            detail: detail.into(),
        }
    }
}
