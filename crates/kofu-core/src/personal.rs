//! Personal data rules (DOMAIN.md, "Personal data"): no 個人番号 (My Number) is ever stored.
//!
//! The rule is applied to every text a person types through [`crate::text::FreeText`]; this
//! module only says what looks like a 個人番号. It does not mask or log the number it finds.

use crate::DomainError;

/// Refuses text that contains a run of exactly 12 digits: it may be a 個人番号, which the city
/// must not keep here. The message names the field so the clerk knows which box to correct.
///
/// What counts as one run (see [`is_digit`] and [`is_separator`]): half- or full-width digits,
/// with any number of separators between them (spaces of either width, hyphens and dashes,
/// dots, slashes), so `1234 5678 9012`, `１２３４－５６７８－９０１２`, `1234ー5678ー9012` (the
/// long-vowel mark an IME types for a hyphen), `1234.5678.9012`, `1234 / 5678 / 9012` are all
/// refused. Any other character ends the run. A run of 11 or 13 digits or more is not a 個人番号
/// and passes, so a 13-digit 法人番号, a 16-digit card-like number and dates pass; a 12-digit run
/// is never looked for inside a longer one. The check digit is deliberately not tested: a
/// mistyped 個人番号 is still one.
pub fn refuse_my_number(field: &'static str, text: &str) -> Result<(), DomainError> {
    if contains_twelve_digit_run(text) {
        return Err(DomainError::new(
            field,
            format!(
                "「{}」に12桁の番号が含まれています。個人番号（マイナンバー）は記録できません。該当部分を削除してください。",
                field_label_ja(field)
            ),
            format!("{field} contains a 12-digit number (possibly a My Number)"),
        ));
    }
    Ok(())
}

/// The name of a field as the clerk sees it on screen and in the CLI's flags.
fn field_label_ja(field: &str) -> &str {
    match field {
        "note" => "備考",
        "name" => "名称",
        "reason" => "理由",
        "notice_text" => "告知文",
        "subject" => "件名",
        "body" => "本文",
        "attachments" => "添付ファイル名",
        "closed_days" => "休止日の名称",
        other => other,
    }
}

/// `0`–`9` and `０`–`９`.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// What people put between the groups of a number, in both widths:
/// - spaces: U+0020, tab, no-break space U+00A0, ideographic space U+3000;
/// - hyphens and dashes: `-` U+002D, `‐` U+2010, `‑` U+2011, `‒` U+2012, `–` U+2013,
///   `—` U+2014, `―` U+2015, `−` U+2212, `－` U+FF0D, and the long-vowel marks `ー` U+30FC and
///   `ｰ` U+FF70 that a Japanese IME produces for a hyphen typed in full-width mode;
/// - dots: `.` U+002E, `．` U+FF0E, `・` U+30FB, `･` U+FF65;
/// - slashes: `/` U+002F, `／` U+FF0F.
///
/// Not separators: line breaks, commas (`123,456,789,012円` is an amount), colons (times), `〜`.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{3000}' | '-' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{FF0D}'
                | '\u{30FC}'
                | '\u{FF70}'
                | '.'
                | '\u{FF0E}'
                | '\u{30FB}'
                | '\u{FF65}'
                | '/'
                | '\u{FF0F}'
    )
}

fn contains_twelve_digit_run(text: &str) -> bool {
    // Digits of the run in progress; separators only continue a run that has started.
    let mut run = 0usize;
    for c in text.chars() {
        if is_digit(c) {
            run += 1;
        } else if run > 0 && is_separator(c) {
            continue;
        } else {
            if run == 12 {
                return true;
            }
            run = 0;
        }
    }
    run == 12
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_twelve_digit_number_is_refused_in_any_usual_spelling() {
        for text in [
            "番号は123456789012です",
            "1234 5678 9012",
            "１２３４－５６７８－９０１２",
            "123456789012",
            "1234-5678-9012",
            "1234.5678.9012",
            "1234/5678/9012",
            "１２３４／５６７８／９０１２",
            "１２３４．５６７８．９０１２",
            "1234　5678　9012",
            "1234  5678  9012",
            "1234 - 5678 - 9012",
            "1234--5678--9012",
            "1234ー5678ー9012",
            "1234‐5678‐9012",
            "1234−5678−9012",
            "1234・5678・9012",
            "12 34 56 78 90 12",
            "1234 5678 9012 。",
            "番号：１２３４ ５６７８ ９０１２",
        ] {
            assert!(
                refuse_my_number("body", text).is_err(),
                "'{text}' spells 12 digits"
            );
        }
    }

    #[test]
    fn other_numbers_pass() {
        for text in [
            "電話 043-245-5134",
            "電話 ０４３－２４５－５１３４",
            "文書番号 千市区第123号",
            "1234567890123 (13桁)",
            "1234-5678-9012-3456",
            "12345678901",
            "2026-11-26 10:00",
            "2026/10/10 23:30〜2026/10/11 05:00",
            "123,456,789,012円",
            "令和8年10月1日から12月31日まで",
            "123456\n789012",
            "",
        ] {
            assert!(refuse_my_number("body", text).is_ok(), "'{text}' passes");
        }
    }

    #[test]
    fn the_refusal_says_why_and_names_the_field() {
        let e = refuse_my_number("note", "1234 5678 9012").unwrap_err();
        assert_eq!(e.field, "note");
        assert!(
            e.message
                .contains("個人番号（マイナンバー）は記録できません"),
            "{}",
            e.message
        );
        assert!(e.message.contains("「備考」"), "{}", e.message);
    }
}
