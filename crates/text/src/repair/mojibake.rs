//! Mojibake: UTF-8 bytes that were decoded as a single-byte encoding.
//!
//! Every character of such text maps back to one byte, so a damaged character
//! shows up as a run of two to four characters whose bytes form a valid UTF-8
//! sequence: a lead byte (`Ã` = C3, `â` = E2, `ð` = F0, …) followed by
//! continuation bytes (80–BF: `€`, `™`, `©`, `¼`, …). Legitimate text almost
//! never contains that shape, but a few pairs can occur in real writing (`É…`
//! at the end of a capitalised French word, `×”` in a formula, `СЁ` in
//! Russian capitals), so a sequence is only decoded when it is clearly damage:
//!
//! * Windows-1252 (and Latin-1): three- and four-byte sequences (`â€™`,
//!   `ðŸ˜€`); `Ã` or `Â` followed by a continuation character, which real text
//!   does not contain; two or more sequences in a row (`Ð¿Ñ€Ð¸`); a single
//!   two-byte sequence whose continuation is a C1 control character, which
//!   decodes to a combining mark, or which touches a lowercase word
//!   (`LietuviÅ³`, `ÄŒeÅ¡tina`) without being word-final punctuation.
//! * Windows-1251, Windows-1250 and Mac OS Roman, tried only where
//!   Windows-1252 finds nothing: runs of two or more sequences, and a short
//!   list of shapes that cannot be words of those languages (`вЂ™`, `Г©`,
//!   `Ă©`, `â€ś`, `√©`, `‚Äô`).
//!
//! Lenient decoders leave traces that are decoded too: U+FFFD standing for a
//! byte they could not map (the sequence becomes one U+FFFD), and, inside a
//! run of sequences, a plain space standing for a non-breaking space (A0).
//!
//! Accented letters followed by ordinary letters (`Brâncuși`, `São`, `NÃO`)
//! never form a sequence and are never touched. The pass is repeated for text
//! that was damaged twice (`Ã¢â‚¬â„¢` → `â€™` → `’`).

use super::edit::{compose, Editor, Pass};
use corroborate_model::RepairKind;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;

/// Windows-1252 bytes 80–9F; the five bytes it leaves undefined decode, as in
/// Latin-1, to the C1 control characters with the same number.
pub(super) const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The byte a character came from if the text was decoded as Windows-1252 or
/// Latin-1.
pub(super) fn to_byte(c: char) -> Option<u8> {
    if (c as u32) < 0x100 {
        return Some(c as u8);
    }
    CP1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8)
}

/// A single-byte encoding that UTF-8 is mistaken for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    /// Windows-1252, or Latin-1 (which differs only in 80–9F).
    Windows1252,
    /// Cyrillic Windows-1251 (`РґРѕ`, `вЂ™`).
    Windows1251,
    /// Central European Windows-1250 (`Ă©`, `â€ś`).
    Windows1250,
    /// Mac OS Roman (`√©`, `‚Äô`).
    MacRoman,
}

const CODECS: [Codec; 4] = [Codec::Windows1252, Codec::Windows1251, Codec::Windows1250, Codec::MacRoman];

/// Characters → bytes 80–FF of an encoding, sorted by character.
fn reverse_table(encoding: &'static encoding_rs::Encoding) -> Vec<(char, u8)> {
    let bytes: Vec<u8> = (0x80..=0xFF).collect();
    let (decoded, _) = encoding.decode_without_bom_handling(&bytes);
    let mut table: Vec<(char, u8)> = decoded.chars().zip(bytes.iter().copied()).collect();
    table.sort_unstable();
    table
}

impl Codec {
    /// The byte `c` came from if the text was decoded with this encoding.
    fn to_byte(self, c: char) -> Option<u8> {
        static TABLES: OnceLock<[Vec<(char, u8)>; 3]> = OnceLock::new();
        if c.is_ascii() {
            return Some(c as u8);
        }
        let tables = TABLES.get_or_init(|| {
            [
                reverse_table(encoding_rs::WINDOWS_1251),
                reverse_table(encoding_rs::WINDOWS_1250),
                reverse_table(encoding_rs::MACINTOSH),
            ]
        });
        let table = match self {
            Codec::Windows1252 => return to_byte(c),
            Codec::Windows1251 => &tables[0],
            Codec::Windows1250 => &tables[1],
            Codec::MacRoman => &tables[2],
        };
        table.binary_search_by_key(&c, |&(k, _)| k).ok().map(|i| table[i].1)
    }
}

/// Characters that end words or sentences; `É…` at the end of a word is kept.
const WORD_ENDERS: &[char] = &[
    '…', '’', '”', '‘', '“', '–', '—', '•', '»', '«', '\u{A0}', '™', '©', '®', '·', '¶', '§', '‚', '„', '›',
    '‹', '¹', '²',
];

/// A decodable sequence: character indices `start..end` and what they decode to.
#[derive(Clone, Copy)]
struct Sequence {
    start: usize,
    end: usize,
    decoded: char,
    /// Ends in a plain space standing for a lost non-breaking space (A0).
    spaced: bool,
}

fn sequence_at(chars: &[(usize, char)], i: usize, codec: Codec) -> Option<Sequence> {
    let lead = codec.to_byte(chars[i].1)?;
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    let (mut lost, mut spaced) = (false, false);
    for (k, byte) in bytes.iter_mut().enumerate().skip(1).take(need) {
        let c = chars.get(i + k)?.1;
        *byte = match c {
            // A byte a lenient decoder could not map; it decodes to U+FFFD.
            '\u{FFFD}' if codec == Codec::Windows1252 => {
                lost = true;
                0x80
            }
            ' ' if k == need && i + k + 1 < chars.len() && codec == Codec::Windows1252 => {
                spaced = true;
                0xA0
            }
            _ => codec.to_byte(c).filter(|b| (0x80..=0xBF).contains(b))?,
        };
    }
    let decoded =
        if lost { '\u{FFFD}' } else { std::str::from_utf8(&bytes[..=need]).ok()?.chars().next()? };
    let cp = decoded as u32;
    let stray = decoded.is_control() && codec != Codec::Windows1252;
    if stray || (0xFDD0..=0xFDEF).contains(&cp) || cp & 0xFFFE == 0xFFFE {
        return None;
    }
    Some(Sequence { start: i, end: i + need + 1, decoded, spaced })
}

/// Whether a sequence standing alone is certainly damage (see the module docs).
fn single_is_damage(chars: &[(usize, char)], s: Sequence, codec: Codec) -> bool {
    let lead = chars[s.start].1;
    let second = chars[s.start + 1].1;
    let wide = s.end - s.start > 2;
    let private_use = ('\u{E000}'..='\u{F8FF}').contains(&s.decoded);
    if s.spaced || s.decoded.is_control() || private_use {
        return false;
    }
    let before = s.start.checked_sub(1).map(|p| chars[p].1);
    let after = chars.get(s.end).map(|&(_, c)| c);
    let in_lower_word = before.is_some_and(char::is_lowercase);
    let lower_around = in_lower_word || after.is_some_and(char::is_lowercase);
    let after_letter = after.is_some_and(char::is_alphabetic);
    // `NICIODATĂ` + non-breaking space is a word, not `à`.
    if second == '\u{A0}' && !after_letter && !in_lower_word {
        return false;
    }
    match codec {
        Codec::Windows1251 => {
            (lead == 'Г' && !WORD_ENDERS.contains(&second))
                || (wide && second == 'Ђ')
                || (wide && !is_slavic_letter(second) && !WORD_ENDERS.contains(&second))
        }
        Codec::Windows1250 => {
            // `CĂŞUNĂ` is Romanian in capitals.
            (lead == 'Ă' && (!second.is_uppercase() || lower_around))
                || (wide && lead == 'â' && second == '€')
                || (matches!(lead, 'Ä' | 'Ĺ') && lower_around)
        }
        Codec::MacRoman => {
            lead == '√'
                || (wide && lead == '‚' && second == 'Ä')
                || (matches!(lead, 'ƒ' | '≈') && second != 'µ' && lower_around)
        }
        Codec::Windows1252 => match lead {
            'Ã' => true,
            'Â' => s.decoded as u32 >= 0xA0,
            _ if wide => true,
            _ => {
                if ('\u{80}'..='\u{9F}').contains(&second) || is_combining_mark(s.decoded) {
                    return true;
                }
                if WORD_ENDERS.contains(&second) && !after_letter {
                    return false;
                }
                if matches!(second, '’' | '‘' | '”' | '“') && !in_lower_word {
                    return false;
                }
                lower_around
            }
        },
    }
}

/// Letters of Cyrillic alphabets that Windows-1251 puts in 80–BF (`ё`, `і`,
/// `ї`, `є`, `ґ`, `ў`); words can have them after another letter.
fn is_slavic_letter(c: char) -> bool {
    "ёЁєЄіІїЇґҐўЎ".contains(c)
}

fn has_candidate(text: &str, codec: Codec) -> bool {
    let mut prev_lead = false;
    for c in text.chars() {
        let b = codec.to_byte(c).filter(|_| !c.is_ascii());
        if prev_lead && (c == '\u{FFFD}' || b.is_some_and(|b| (0x80..=0xBF).contains(&b))) {
            return true;
        }
        prev_lead = b.is_some_and(|b| (0xC2..=0xF4).contains(&b));
    }
    false
}

fn decode_once(text: &str, codec: Codec) -> Option<Pass> {
    if text.is_ascii() || !has_candidate(text, codec) {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found: Vec<Sequence> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match sequence_at(&chars, i, codec) {
            Some(s) if !s.spaced || sequence_at(&chars, s.end, codec).is_some_and(|n| !n.spaced) => {
                found.push(s);
                i = s.end;
            }
            _ => i += 1,
        }
    }
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut ed = Editor::new(text);
    let mut k = 0;
    while k < found.len() {
        let mut m = k + 1;
        while m < found.len() && found[m].start == found[m - 1].end {
            m += 1;
        }
        if m - k >= 2 || single_is_damage(&chars, found[k], codec) {
            for s in &found[k..m] {
                let mut buf = [0; 4];
                let with = s.decoded.encode_utf8(&mut buf);
                ed.replace(byte_at(s.start)..byte_at(s.end), with, RepairKind::Mojibake);
            }
        }
        k = m;
    }
    ed.finish()
}

/// Decodes mojibake, up to three layers deep.
pub(super) fn mojibake(text: &str) -> Option<Pass> {
    let mut done: Option<Pass> = None;
    for _ in 0..3 {
        // Windows-1252 first; another encoding only where it found nothing.
        let current = done.as_ref().map_or(text, |p| &p.text);
        let Some(n) = CODECS.iter().find_map(|&codec| decode_once(current, codec)) else {
            break;
        };
        done = Some(match done.take() {
            None => n,
            Some(p) => Pass { text: n.text, edits: compose(p.edits, &n.edits) },
        });
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_windows_1252() {
        let bytes: Vec<u8> = (0x80..=0x9F).collect();
        let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
        assert_eq!(decoded.chars().collect::<Vec<_>>(), CP1252_HIGH);
        for (i, &c) in CP1252_HIGH.iter().enumerate() {
            assert_eq!(to_byte(c), Some(0x80 + i as u8));
        }
    }
}
