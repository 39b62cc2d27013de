//! Line breaking for mixed Japanese and Latin text.
//!
//! Japanese may break between any two characters; a run of Latin letters, digits and ASCII
//! punctuation ("043-245-5000", "J-LIS", "1,234") is kept whole unless it alone is wider than
//! the line. Simple 禁則処理 is applied by gluing characters that may not start a line
//! (、。）」ー small kana …) to the character before them and characters that may not end a
//! line (（「 …) to the one after, so a break never falls at those points; the glued pair moves
//! to the next line together (追い出し), nothing hangs into the margin. This module measures
//! through a caller-supplied function and knows nothing about fonts or pages.

/// May not begin a line (行頭禁則).
const NO_LINE_START: &str = "、。，．,.:;!?)]}）］｝〕〉》」』】〙〗〟’”ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻・：；！？‐゠–…‥%％";
/// May not end a line (行末禁則).
const NO_LINE_END: &str = "([{（［｛〔〈《「『【〘〖〝‘“￥$＄";

fn is_break_space(c: char) -> bool {
    // U+3000 is a full-width character a Japanese writer types on purpose (段落の字下げ,
    // 「千葉市長　神谷」): it takes its place on the line like any kanji.
    c.is_whitespace() && c != '\u{3000}'
}

/// Characters that belong to an unbreakable western word.
fn is_word_char(c: char) -> bool {
    !c.is_whitespace()
        && ((c as u32) < 0x1100 || ('\u{FF61}'..='\u{FF9F}').contains(&c))
        && !NO_LINE_END.contains(c)
}

#[derive(Debug)]
struct Token {
    text: String,
    space: bool,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut glue_next = false;
    for c in text.chars() {
        let space = is_break_space(c);
        let continues_word = !space
            && is_word_char(c)
            && tokens
                .last()
                .is_some_and(|t| !t.space && t.text.chars().last().is_some_and(is_word_char));
        let glue_back =
            !space && NO_LINE_START.contains(c) && tokens.last().is_some_and(|t| !t.space);
        if continues_word || glue_back || (glue_next && !space) {
            if let Some(last) = tokens.last_mut() {
                last.text.push(c);
            }
        } else {
            tokens.push(Token {
                text: c.to_string(),
                space,
            });
        }
        glue_next = !space && NO_LINE_END.contains(c);
    }
    tokens
}

/// Break `text` into lines no wider than `max_width`, measured by `measure` (any unit, as long
/// as it matches `max_width`). A `'\n'` forces a break. Spaces at a break are dropped; an
/// empty input gives one empty line so a blank paragraph still takes its height.
pub(crate) fn wrap(text: &str, max_width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for hard_line in text.split('\n') {
        wrap_one(hard_line, max_width, measure, &mut lines);
    }
    lines
}

fn wrap_one(text: &str, max_width: f32, measure: &dyn Fn(&str) -> f32, lines: &mut Vec<String>) {
    let mut line = String::new();
    let flush = |line: &mut String, lines: &mut Vec<String>| {
        lines.push(line.trim_end_matches(is_break_space).to_string());
        line.clear();
    };
    let first_line = lines.len();
    for token in tokenize(text) {
        if token.space && line.is_empty() && lines.len() > first_line {
            continue; // a space that fell on a break
        }
        let candidate = format!("{line}{}", token.text);
        if measure(candidate.trim_end_matches(is_break_space)) <= max_width {
            line = candidate;
            continue;
        }
        if token.space {
            flush(&mut line, lines);
            continue;
        }
        if !line.trim_end_matches(is_break_space).is_empty() {
            flush(&mut line, lines);
        }
        if measure(&token.text) <= max_width {
            line.push_str(&token.text);
            continue;
        }
        // A single token wider than the line (a long URL, an account number): break it
        // character by character, the only thing left to do.
        for c in token.text.chars() {
            let candidate = format!("{line}{c}");
            if !line.is_empty() && measure(&candidate) > max_width {
                flush(&mut line, lines);
                line.push(c);
            } else {
                line = candidate;
            }
        }
    }
    if !line.is_empty() || lines.len() == first_line {
        flush(&mut line, lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Full-width characters are 2 units, everything else 1: easy to reason about.
    fn cells(s: &str) -> f32 {
        s.chars()
            .map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 })
            .sum()
    }

    #[test]
    fn japanese_breaks_between_any_two_characters() {
        let lines = wrap("あいうえおかきくけこ", 8.0, &cells);
        assert_eq!(lines, ["あいうえ", "おかきく", "けこ"]);
    }

    #[test]
    fn latin_words_stay_together() {
        let lines = wrap("電話043-245-5000です", 14.0, &cells);
        assert_eq!(lines, ["電話", "043-245-5000で", "す"]);
        let lines = wrap("send the file to J-LIS today", 12.0, &cells);
        assert_eq!(lines, ["send the", "file to", "J-LIS today"]);
    }

    #[test]
    fn a_comma_or_full_stop_never_starts_a_line() {
        // 「あいう、」 would put 、 at the start of line 2 with a naive break at 6 units.
        let lines = wrap("あいう、えお。", 6.0, &cells);
        assert_eq!(lines, ["あい", "う、え", "お。"]);
        assert!(lines
            .iter()
            .all(|l| !l.starts_with('、') && !l.starts_with('。')));
    }

    #[test]
    fn an_opening_bracket_never_ends_a_line() {
        let lines = wrap("ああ「いう」", 6.0, &cells);
        assert_eq!(lines, ["ああ", "「い", "う」"]);
        assert!(lines.iter().all(|l| !l.ends_with('「')), "{lines:?}");
    }

    #[test]
    fn an_overlong_word_is_broken_by_character() {
        let lines = wrap("https://example.jp/abcdef", 10.0, &cells);
        assert!(lines.iter().all(|l| cells(l) <= 10.0), "{lines:?}");
        assert_eq!(lines.concat(), "https://example.jp/abcdef");
    }

    #[test]
    fn full_width_space_indent_is_kept_and_newlines_force_breaks() {
        let lines = wrap("　本文\n　次", 40.0, &cells);
        assert_eq!(lines, ["　本文", "　次"]);
        assert_eq!(wrap("", 10.0, &cells), [""]);
    }
}
