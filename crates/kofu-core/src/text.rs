//! [`FreeText`]: the one type through which every text a person types enters the domain (fee
//! notes, kind names, return reasons, suspension reasons and notices, closure reasons, letter
//! subjects, bodies and attachment names, and every such field to come).
//!
//! It carries the rules every free text shares: trimmed, and no 12-digit run that could be a
//! 個人番号 ([`crate::personal`]). What a field adds on its own (required, at most 50 characters)
//! stays with the field's owner, which knows the message to give.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::personal::refuse_my_number;
use crate::DomainError;

/// Text typed by a person, trimmed, holding no 12-digit run (a possible 個人番号).
///
/// Built with [`FreeText::parse`], which names the field in its refusal. Crosses to TypeScript
/// and JSON as a plain string.
///
/// **Deserialising does not check.** Serde cannot know which field it is reading, so its refusal
/// could not name the field, and over IPC a deserialisation error never reaches the clerk as a
/// validation error (the desktop shows a generic failure instead of 「個人番号は記録できません」).
/// So a deserialised value is re-checked, with its field's name, by [`FreeText::check`] in the
/// `validate` of the type that holds it ([`crate::catalogue::FeeRule::validate`],
/// [`crate::catalogue::CertificateKind::validate`], the suspension rules …), which every use
/// case runs before storing anything. A new field of type `FreeText` in a deserialised input
/// must be checked there too; a text that reaches a use case as a plain string is parsed at
/// that door.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct FreeText(String);

impl FreeText {
    /// `text` trimmed, or a refusal naming `field` (snake_case, as in the JSON/IPC shape) when it
    /// holds a 12-digit run. The empty text is a valid `FreeText`: whether a field is required
    /// is the field's rule.
    pub fn parse(field: &'static str, text: &str) -> Result<Self, DomainError> {
        let text = text.trim();
        refuse_my_number(field, text)?;
        Ok(Self(text.to_owned()))
    }

    /// The empty text (a fee without a note).
    pub fn empty() -> Self {
        Self::default()
    }

    /// The rules of [`Self::parse`] again, for a value that was deserialised (see the type's
    /// documentation), naming `field`.
    pub fn check(&self, field: &'static str) -> Result<(), DomainError> {
        refuse_my_number(field, &self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for FreeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for FreeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl AsRef<str> for FreeText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for FreeText {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for FreeText {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_trims_and_refuses_a_twelve_digit_run_naming_the_field() {
        assert_eq!(
            FreeText::parse("note", "  キャンペーン　").unwrap(),
            "キャンペーン"
        );
        let e = FreeText::parse("reason", "申請者 1234-5678-9012").unwrap_err();
        assert_eq!(e.field, "reason");
        assert!(e.message.contains("個人番号"), "{}", e.message);
        assert!(FreeText::parse("note", "").unwrap().is_empty());
    }

    #[test]
    fn it_crosses_json_as_a_plain_string_and_a_deserialised_value_is_rechecked_by_field() {
        let t = FreeText::parse("note", "キャンペーン").unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"キャンペーン\"");
        let read: FreeText = serde_json::from_str("\"１２３４５６７８９０１２\"").unwrap();
        assert_eq!(
            read.check("notice_text").unwrap_err().field,
            "notice_text",
            "the field is named where the value is checked, not by serde"
        );
        assert_eq!(FreeText::inline(&ts_rs::Config::default()), "string");
    }
}
