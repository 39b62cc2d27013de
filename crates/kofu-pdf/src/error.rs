//! Why a document could not be produced. Each variant carries the clerk's message in Japanese
//! ([`DocumentError::message_ja`]); `Display` is the English line for the log.

use kofu_core::DomainError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocumentError {
    /// A character the bundled font has no glyph for (𠮷, an emoji, a private-use character).
    /// Printing it would leave a blank box on an official document, so it is refused.
    #[error(
        "the bundled font {font} has no glyph for {character:?} (U+{:04X}) in {text:?}",
        u32::from(*character)
    )]
    MissingGlyph {
        character: char,
        font: &'static str,
        /// The line it appears in, so the clerk can find it.
        text: String,
    },
    /// The document's figures contradict each other (an amount that is not the lines' net).
    #[error("{detail}")]
    Inconsistent { message_ja: String, detail: String },
    /// A date the document cannot print (before 和暦 can be written).
    #[error("{}: {}", .0.field, .0.detail)]
    Domain(DomainError),
}

impl DocumentError {
    /// What the clerk is told.
    pub fn message_ja(&self) -> String {
        match self {
            Self::MissingGlyph {
                character, text, ..
            } => format!(
                "「{character}」（U+{:04X}）は帳票のフォントにない文字のため印刷できません。\
                 「{text}」の「{character}」を通常の字体（例: 𠮷→吉）に置き換えてください。",
                u32::from(*character)
            ),
            Self::Inconsistent { message_ja, .. } => message_ja.clone(),
            Self::Domain(e) => e.message.clone(),
        }
    }
}

impl From<DomainError> for DocumentError {
    fn from(e: DomainError) -> Self {
        Self::Domain(e)
    }
}
