//! The two bundled faces and text measurement from their `hmtx` advance widths.
//!
//! Body text is BIZ UDMincho (公文書 are set in Mincho); the title, headings, table headers and
//! total rows use BIZ UDGothic Bold. Both are compiled into the binary so a clerk's PC on the
//! LGWAN segment needs no installed fonts. This module does not place text; see `layout`.

use std::sync::OnceLock;

use printpdf::ParsedFont;

const MINCHO_TTF: &[u8] = include_bytes!("../../../assets/fonts/BIZUDMincho-Regular.ttf");
const GOTHIC_BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/BIZUDGothic-Bold.ttf");

/// Millimetres per PostScript point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

/// Which bundled face a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    /// BIZ UDMincho Regular: everything a reader reads as running text.
    Mincho,
    /// BIZ UDGothic Bold: title, headings, table headers, total rows.
    GothicBold,
}

/// Parsing a 6 MB CJK font takes a noticeable moment; do it once per process.
fn parsed(face: Face) -> &'static ParsedFont {
    static MINCHO: OnceLock<ParsedFont> = OnceLock::new();
    static GOTHIC_BOLD: OnceLock<ParsedFont> = OnceLock::new();
    let (cell, bytes) = match face {
        Face::Mincho => (&MINCHO, MINCHO_TTF),
        Face::GothicBold => (&GOTHIC_BOLD, GOTHIC_BOLD_TTF),
    };
    cell.get_or_init(|| {
        ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .unwrap_or_else(|| panic!("the bundled font {} must parse", file_name(face)))
    })
}

pub(crate) fn font(face: Face) -> &'static ParsedFont {
    parsed(face)
}

/// Advance width of `text` in em, summed glyph by glyph (no kerning: the BIZ UD faces set
/// Japanese on a fixed 1 em grid and Latin at a fixed half em, so kerning would not change
/// anything a clerk could see). A character the face lacks measures as `.notdef`.
pub(crate) fn width_em(face: Face, text: &str) -> f32 {
    let font = parsed(face);
    let upm = f32::from(font.font_metrics.units_per_em.max(1));
    text.chars()
        .map(|c| {
            let gid = font.lookup_glyph_index(c as u32).unwrap_or(0);
            f32::from(font.get_horizontal_advance(gid)) / upm
        })
        .sum()
}

/// The first character of `text` that `face` has no glyph for. Line breaks are not drawn and
/// so need none.
pub(crate) fn first_missing(face: Face, text: &str) -> Option<char> {
    let font = parsed(face);
    text.chars()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .find(|c| !matches!(font.lookup_glyph_index(*c as u32), Some(g) if g != 0))
}

/// The file name of `face`, for messages.
pub(crate) fn file_name(face: Face) -> &'static str {
    match face {
        Face::Mincho => "BIZUDMincho-Regular.ttf",
        Face::GothicBold => "BIZUDGothic-Bold.ttf",
    }
}

/// Width of `text` set in `face` at `size_pt`, in millimetres.
pub(crate) fn width_mm(face: Face, size_pt: f32, text: &str) -> f32 {
    width_em(face, text) * size_pt * MM_PER_PT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kanji_and_kana_are_one_em_wide_in_mincho() {
        for text in ["市", "あ", "ア", "、", "　"] {
            let w = width_em(Face::Mincho, text);
            assert!(
                (w - 1.0).abs() < 0.01,
                "{text} should be a full em, was {w}"
            );
        }
    }

    #[test]
    fn ascii_is_measured_from_the_font_not_assumed() {
        let digits = width_em(Face::Mincho, "0123456789");
        assert!(
            digits > 4.0 && digits < 7.0,
            "ten digits should be about half an em each, were {digits} em in total"
        );
        assert!(width_em(Face::GothicBold, "合計") > 1.9);
    }

    #[test]
    fn a_character_outside_the_fonts_is_found_and_common_ones_are_not() {
        for face in [Face::Mincho, Face::GothicBold] {
            assert_eq!(
                first_missing(face, "千葉市長　神谷 俊一 ￥1,234,567－ △①"),
                None
            );
            assert_eq!(
                first_missing(face, "𠮷野家"),
                Some('𠮷'),
                "U+20BB7 is not in BIZ UD"
            );
            assert_eq!(first_missing(face, "請求書😀"), Some('😀'));
        }
    }
}
