//! Personal data rules (DOMAIN.md, "Personal data"): no 個人番号 (My Number) is ever stored.

use crate::DomainError;

/// Refuses free text that contains a run of exactly 12 digits (half- or full-width, ignoring
/// spaces and hyphens between them): it may be a 個人番号, which the city must not keep here.
pub fn refuse_my_number(field: &'static str, text: &str) -> Result<(), DomainError> {
    if contains_twelve_digits(text) {
        return Err(DomainError::new(
            field,
            "12桁の番号が含まれています。個人番号（マイナンバー）は記録できません。該当部分を削除してください。",
            format!("{field} contains a 12-digit number (possibly a My Number)"),
        ));
    }
    Ok(())
}

fn digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn contains_twelve_digits(text: &str) -> bool {
    let mut run = 0;
    let mut pending_separator = false;
    for c in text.chars() {
        if digit(c) {
            run += 1;
            pending_separator = false;
        } else if run > 0 && !pending_separator && matches!(c, ' ' | '-' | '－' | '　') {
            pending_separator = true;
        } else {
            if run == 12 {
                return true;
            }
            run = 0;
            pending_separator = false;
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
        ] {
            assert!(refuse_my_number("body", text).is_err(), "{text}");
        }
    }

    #[test]
    fn other_numbers_pass() {
        for text in [
            "電話 043-245-5134",
            "文書番号 千市区第123号",
            "1234567890123 (13桁)",
            "12345678901",
            "2026-11-26 10:00",
        ] {
            assert!(refuse_my_number("body", text).is_ok(), "{text}");
        }
    }
}
