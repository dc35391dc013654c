//! Whitespace: one space between words, no spaces at line ends, paragraphs
//! separated by exactly one blank line, nothing around the whole text.
//!
//! Non-breaking and typographic spaces (U+00A0, U+2000–U+200A, U+202F,
//! U+205F), tabs, vertical tabs and form feeds count as spaces. The
//! ideographic space U+3000 is part of CJK typography and is kept.

use super::edit::{Editor, Pass};
use corroborate_model::RepairKind;

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\u{B}' | '\u{C}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}'
    )
}

/// What a run of whitespace becomes, given its newlines and whether it
/// touches an end of the text.
fn normal_run(newlines: usize, at_edge: bool) -> &'static str {
    match (at_edge, newlines) {
        (true, _) => "",
        (false, 0) => " ",
        (false, 1) => "\n",
        (false, _) => "\n\n",
    }
}

pub(super) fn whitespace(text: &str) -> Option<Pass> {
    let mut ed = Editor::new(text);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_space(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        // The common case: one space between words.
        let single = chars.peek().is_some_and(|&(_, n)| !is_space(n));
        if c == ' ' && single && start > 0 {
            continue;
        }
        let mut newlines = usize::from(c == '\n');
        while let Some(&(i, n)) = chars.peek() {
            if !is_space(n) {
                break;
            }
            newlines += usize::from(n == '\n');
            end = i + n.len_utf8();
            chars.next();
        }
        let with = normal_run(newlines, start == 0 || end == text.len());
        ed.replace(start..end, with, RepairKind::Whitespace);
    }
    ed.finish()
}
