//! Character-level repairs: line breaks, control and invisible characters,
//! compatibility forms, and TeX-style quotes.

use super::codec::{may_lead, CP1252_HIGH};
use super::edit::{Editor, Pass};
use corroborate_model::RepairKind;

/// `\r\n`, `\r`, U+2028 and U+2029 become `\n` (a paragraph separator, a
/// blank line).
pub(super) fn line_breaks(text: &str) -> Option<Pass> {
    if !text.contains(['\r', '\u{2028}', '\u{2029}']) {
        return None;
    }
    let mut ed = Editor::new(text);
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '\r' => {
                let end = if bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                ed.replace(i..end, "\n", RepairKind::LineBreak);
            }
            '\u{2028}' => ed.replace(i..i + 3, "\n", RepairKind::LineBreak),
            '\u{2029}' => ed.replace(i..i + 3, "\n\n", RepairKind::LineBreak),
            _ => {}
        }
    }
    ed.finish()
}

/// Zero-width space, word joiner, byte-order mark, soft hyphen. Zero-width
/// joiners and non-joiners are kept: emoji sequences and Persian and Indic
/// scripts need them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}')
}

/// Control characters other than `\n` and `\t` (and vertical tab and form
/// feed, which whitespace repair turns into spaces).
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\u{B}' | '\u{C}')
}

/// A byte scan that every text with a control or invisible character passes:
/// C0 controls and DEL are single bytes; C1 controls and the soft hyphen start
/// with C2, the zero-width space and word joiner with E2, the byte-order mark
/// with EF.
fn may_have_controls(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| (b < 0x20 && !matches!(b, b'\n' | b'\t')) || matches!(b, 0x7F | 0xC2 | 0xE2 | 0xEF))
}

/// Whether a character can be part of mojibake: C1 controls and the soft
/// hyphen are bytes 80–9F and AD read as Latin-1.
fn is_latin1_high(c: char) -> bool {
    ('\u{80}'..='\u{AD}').contains(&c)
}

/// Removes C0 control characters, DEL and zero-width characters; run before
/// mojibake repair, since they can stand between the characters of a
/// sequence and, removed later, would let new sequences form.
pub(super) fn early_controls(text: &str) -> Option<Pass> {
    controls(text, |c| !is_latin1_high(c))
}

/// Maps or removes C1 control characters and removes soft hyphens, after
/// mojibake repair has used them. A C1 control character (80–9F) in text
/// comes from Windows-1252 text read as Latin-1, so it is mapped to the
/// Windows-1252 character where that byte has one (`\u{92}` → `’`), and
/// removed where it has none.
pub(super) fn late_controls(text: &str) -> Option<Pass> {
    controls(text, is_latin1_high)
}

fn controls(text: &str, which: fn(char) -> bool) -> Option<Pass> {
    let stray = |c: char| (is_stray_control(c) || is_invisible(c)) && which(c);
    if !may_have_controls(text.as_bytes()) || !text.chars().any(stray) {
        return None;
    }
    let mut ed = Editor::new(text);
    for (i, c) in text.char_indices().filter(|&(_, c)| stray(c)) {
        let range = i..i + c.len_utf8();
        if is_invisible(c) {
            ed.replace(range, "", RepairKind::Invisible);
        } else {
            let mapped = match c as u32 {
                n @ 0x80..=0x9F => Some(CP1252_HIGH[(n - 0x80) as usize]).filter(|m| *m != c),
                _ => None,
            };
            let mut buf = [0; 4];
            let with = mapped.map_or("", |m| &*m.encode_utf8(&mut buf));
            ed.replace(range, with, RepairKind::ControlChar);
        }
    }
    ed.finish()
}

fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

fn fullwidth_alnum(c: char) -> Option<char> {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Han, kana, Hangul, CJK punctuation and fullwidth punctuation: text in
/// which fullwidth letters are at home.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0xA4CF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Ligatures become their letters; fullwidth letters and digits become ASCII
/// on lines without CJK text; ``` ``TeX quotes'' ``` become curly quotes.
pub(super) fn compatibility(text: &str) -> Option<Pass> {
    let busy = |c: char| ligature(c).is_some() || fullwidth_alnum(c).is_some();
    // Ligatures and fullwidth letters are all encoded starting with EF.
    if !text.contains("``") && (!text.as_bytes().contains(&0xEF) || !text.chars().any(busy)) {
        return None;
    }
    let kind = RepairKind::Compatibility;
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    let mut open: Option<usize> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let cjk_line = line.chars().any(is_cjk);
        let mut chars = line.char_indices().peekable();
        let mut prev: Option<char> = None;
        while let Some((i, c)) = chars.next() {
            let at = line_start + i;
            let next = chars.peek().map(|&(_, n)| n);
            if (c == '`' || c == '\'') && next == Some(c) {
                chars.next();
                let after_lead = prev.is_some_and(may_lead);
                if c == '`' {
                    open = (!after_lead).then_some(at);
                } else if let Some(o) = open.take().filter(|_| !after_lead) {
                    found.push((o, o + 2, "“".into()));
                    found.push((at, at + 2, "”".into()));
                }
            } else if let Some(l) = ligature(c) {
                found.push((at, at + c.len_utf8(), l.into()));
            } else if let Some(a) = fullwidth_alnum(c).filter(|_| !cjk_line) {
                found.push((at, at + c.len_utf8(), a.into()));
            }
            prev = Some(c);
        }
        if line.trim().is_empty() {
            open = None;
        }
        line_start += line.len();
    }
    found.sort_unstable_by_key(|f| f.0);
    let mut ed = Editor::new(text);
    for (start, end, with) in found {
        ed.replace(start..end, &with, kind);
    }
    ed.finish()
}
