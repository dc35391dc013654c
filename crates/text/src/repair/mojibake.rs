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
//! * Windows-1251, Latin-2 (only for text that Windows-1250 cannot explain),
//!   Windows-1250, Windows-1257, Mac OS Roman and code page 437, tried in
//!   that order only where the ones before find nothing: runs of two or more
//!   sequences, and a short list of shapes that cannot be words of those
//!   languages (`вЂ™`, `Г©`, `Ă©`, `â€ś`, `ÄÆ`, `√©`, `‚Äô`, box drawings among
//!   accented letters).
//!
//! Lenient decoders leave traces that are decoded too: U+FFFD or `?` standing
//! for a byte they could not map (the sequence becomes one U+FFFD; a `?` only
//! inside a run or in a shape no writing has, `â?™`, `â€?`, `ðŸ‘?`, `вЂ?`, since
//! `IRMÃ?` is Portuguese, `Hà“?` Vietnamese and `hâlâ?”` Turkish),
//! and a plain space standing for a non-breaking space (A0) inside a run, or
//! after `Å` and `Ã` in text shown to be damaged (`Å veices` → `Šveices`).
//! CESU-8 (characters beyond U+FFFF written as two encoded surrogates) is
//! decoded as one character.
//!
//! Two checks keep whole texts honest: a group sitting between undecodable
//! leftovers is a garble no decoding resolves and is left as found, and a
//! single two-character sequence in text whose dashes and quotes are intact
//! is more likely real writing than damage (`Mccoy – DrÃ¥ber`).
//!
//! Accented letters followed by ordinary letters (`Brâncuși`, `São`, `NÃO`)
//! never form a sequence and are never touched. The pass is repeated for text
//! that was damaged twice (`Ã¢â‚¬â„¢` → `â€™` → `’`).

use super::codec::{Codec, CODECS};
use super::edit::{compose, Editor, Pass};
use corroborate_model::RepairKind;

/// Characters that end words or sentences; `É…` at the end of a word is kept.
const WORD_ENDERS: &[char] = &[
    '…', '’', '”', '‘', '“', '–', '—', '•', '»', '«', '\u{A0}', '™', '©', '®', '·', '¶', '§', '‚', '„', '›',
    '‹', '¹', '²',
];

/// Punctuation that a text damaged as a whole would show as mojibake too.
const INTACT_PUNCTUATION: &[char] = &['–', '—', '‘', '’', '“', '”', '…'];

/// A decodable sequence: character indices `start..end` and what they decode to.
#[derive(Clone, Copy)]
struct Sequence {
    start: usize,
    end: usize,
    decoded: char,
    /// Ends in a plain space standing for a lost non-breaking space (A0).
    spaced: bool,
    /// Has a `?` standing for a byte the decoder could not map.
    guessed: bool,
}

fn sequence_at(chars: &[(usize, char)], i: usize, codec: Codec) -> Option<Sequence> {
    if chars[i].1.is_ascii() {
        return None;
    }
    let lead = codec.to_byte(chars[i].1)?;
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = [lead, 0, 0, 0];
    let (mut lost, mut spaced, mut guessed, mut kept) = (false, false, false, false);
    for (k, byte) in bytes.iter_mut().enumerate().skip(1).take(need) {
        let c = chars.get(i + k)?.1;
        *byte = match c {
            // A byte a lenient decoder could not map.
            '\u{FFFD}' | '?' => {
                lost = true;
                guessed |= c == '?';
                0x80
            }
            ' ' if k == need && i + k + 1 < chars.len() => {
                spaced = true;
                0xA0
            }
            // `â €`: a non-breaking space inside a punctuation sequence.
            ' ' if lead == 0xE2 && codec == Codec::Windows1252 => 0xA0,
            _ => {
                kept = true;
                let b = codec.to_byte(c).filter(|b| (0x80..=0xBF).contains(b))?;
                if codec == Codec::Windows1251 && is_slavic_letter(c) && !is_cyrillic(chars[i].1) {
                    return None;
                }
                b
            }
        };
    }
    // With two or more lost bytes, a lead character alone is too little
    // evidence, and decoding it could feed the next layer (`ã��` → `�`).
    if !kept && need >= 2 {
        return None;
    }
    if lead == 0xED && (0xA0..=0xAF).contains(&bytes[1]) && !lost {
        return surrogate_pair(chars, i, codec, bytes);
    }
    let decoded =
        if lost { '\u{FFFD}' } else { std::str::from_utf8(&bytes[..=need]).ok()?.chars().next()? };
    let cp = decoded as u32;
    let stray = decoded.is_control() && codec != Codec::Windows1252;
    if stray || (0xFDD0..=0xFDEF).contains(&cp) || cp & 0xFFFE == 0xFFFE {
        return None;
    }
    if codec == Codec::Windows1251 && !lost && is_slavic_letter(chars[i + 1].1) && !is_cyrillic(decoded) {
        return None;
    }
    Some(Sequence { start: i, end: i + need + 1, decoded, spaced, guessed })
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52F}').contains(&c)
}

/// CESU-8: a character beyond the Basic Multilingual Plane written as two
/// encoded UTF-16 surrogates (`í\u{A0}½í¸\u{8D}` → `😍`); `high` holds the
/// bytes of the first.
fn surrogate_pair(chars: &[(usize, char)], i: usize, codec: Codec, high: [u8; 4]) -> Option<Sequence> {
    let mut low = [0u8; 3];
    for (k, b) in low.iter_mut().enumerate() {
        *b = codec.to_byte(chars.get(i + 3 + k)?.1)?;
    }
    if low[0] != 0xED || !(0xB0..=0xBF).contains(&low[1]) || !(0x80..=0xBF).contains(&low[2]) {
        return None;
    }
    let unit = |b: &[u8]| 0xD000 | (u32::from(b[1] & 0x3F) << 6) | u32::from(b[2] & 0x3F);
    let cp = 0x10000 + ((unit(&high) - 0xD800) << 10) + (unit(&low) - 0xDC00);
    let decoded = char::from_u32(cp)?;
    Some(Sequence { start: i, end: i + 6, decoded, spaced: false, guessed: false })
}

/// Whether a sequence of three or four characters with a `?` has a shape no
/// writing has. A `?` counts only inside a run (see the module docs):
/// `IRMÃ?` is Portuguese, `а?‘` Russian, `Hà“?` Vietnamese and `hâlâ?”`
/// Turkish with quotes. Alone, only these count: `â?™`, `â?œ`, `â?˜`, `â?¦`,
/// `â€?` (quotes and an ellipsis), `ðŸ‘?` (an emoji), `вЂ?` (a quote).
fn no_writing_has(chars: &[(usize, char)], s: Sequence, codec: Codec) -> bool {
    let at = |k: usize| chars.get(s.start + k).map(|&(_, c)| c);
    let (lead, second, third) = (chars[s.start].1, at(1), at(2));
    match codec {
        Codec::Windows1252 => {
            (lead == 'â' && second == Some('?') && third.is_some_and(|c| "™œ˜¦¢".contains(c)))
                || (lead == 'â' && second == Some('€'))
                || (lead == 'ð' && second == Some('Ÿ'))
        }
        Codec::Windows1251 => lead == 'в' && second == Some('Ђ'),
        _ => false,
    }
}

/// Whether a sequence standing alone is certainly damage (see the module docs).
fn single_is_damage(chars: &[(usize, char)], s: Sequence, codec: Codec) -> bool {
    let lead = chars[s.start].1;
    let second = chars[s.start + 1].1;
    let wide = s.end - s.start > 2;
    let private_use = ('\u{E000}'..='\u{F8FF}').contains(&s.decoded);
    let phonetic = ('\u{1D00}'..='\u{1DBF}').contains(&s.decoded);
    let guessed = s.guessed && !(wide && no_writing_has(chars, s, codec));
    if s.spaced || s.decoded.is_control() || private_use || phonetic || guessed {
        return false;
    }
    let before = s.start.checked_sub(1).map(|p| chars[p].1);
    let after = chars.get(s.end).map(|&(_, c)| c);
    let in_lower_word = before.is_some_and(char::is_lowercase);
    let lower_around = in_lower_word || after.is_some_and(char::is_lowercase);
    let after_letter = after.is_some_and(char::is_alphabetic);
    let before_letter = before.is_some_and(char::is_alphabetic);
    // `NICIODATĂ` + non-breaking space or `™` is a word, not `à` or `Ù`.
    let ender = WORD_ENDERS.contains(&second) && codec != Codec::Windows1252;
    if (second == '\u{A0}' || ender) && !wide && !after_letter && !in_lower_word {
        return false;
    }
    match codec {
        Codec::Windows1251 => {
            (lead == 'Г'
                && (!WORD_ENDERS.contains(&second) || (matches!(second, '©' | '®') && in_lower_word)))
                || (wide && second == 'Ђ')
                || (wide && !is_slavic_letter(second) && !WORD_ENDERS.contains(&second))
        }
        Codec::Windows1250 | Codec::Latin2 => {
            // `CĂŞUNĂ` is Romanian in capitals.
            (lead == 'Ă' && (!second.is_uppercase() || lower_around))
                || (wide && lead == 'â' && second == '€')
                || (matches!(lead, 'Ä' | 'Ĺ') && lower_around)
        }
        Codec::Windows1257 => matches!(lead, 'Ä' | 'Å') && second.is_alphabetic() && lower_around,
        Codec::MacRoman => {
            // `√π` is mathematics; `r√©gime` and `√©t√©` are not.
            (lead == '√' && (before_letter || after_letter))
                || (wide && lead == '‚' && second == 'Ä')
                || (matches!(lead, 'ƒ' | '≈') && second != 'µ' && lower_around)
        }
        Codec::Cp437 => false,
        Codec::Windows1252 => match lead {
            // `Ã’s`: a capital `Ã` with an apostrophe.
            'Ã' if second == '’' && after == Some('s') => {
                chars.get(s.end + 1).is_some_and(|&(_, c)| c.is_alphabetic())
            }
            'Ã' => true,
            'Â' => s.decoded as u32 >= 0xA0,
            // `Brontë…”`: a word, then punctuation.
            _ if wide => {
                let punctuation = chars[s.start + 1..s.end].iter().all(|&(_, c)| WORD_ENDERS.contains(&c));
                lead == 'â' || !punctuation || after_letter
            }
            _ => {
                let latin_mark = ('\u{300}'..='\u{36F}').contains(&s.decoded);
                if ('\u{80}'..='\u{9F}').contains(&second) || latin_mark {
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

/// Code page 437 damage: box-drawing characters (bytes B0–DF) mixed with
/// accented letters (`╨┐╤Ç`, `─îe┼ítina`, `Tiß║┐ng`). Box drawings alone are
/// left as drawn, even between ASCII letters (`├┤a┼┐a`).
fn cp437_is_damage(chars: &[(usize, char)], group: &[Sequence]) -> bool {
    let boxy = |c: char| Codec::Cp437.to_byte(c).is_some_and(|b| (0xB0..=0xDF).contains(&b));
    let first = group[0].start;
    let last = group[group.len() - 1].end;
    let letter_inside = chars[first..last].iter().any(|&(_, c)| !c.is_ascii() && c.is_alphabetic());
    letter_inside && group.iter().all(|s| chars[s.start..s.end].iter().any(|&(_, c)| boxy(c)))
}

/// Whether a character is one the codec (or Windows-1252) maps to a high
/// byte and not a space: a group between two such leftovers sits in a garble
/// it cannot resolve (`ã†â€™ãƒ`).
fn is_leftover(c: Option<char>, codec: Codec) -> bool {
    let high = |c: char| codec.to_byte(c).or_else(|| Codec::Windows1252.to_byte(c)).is_some();
    c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && high(c))
}

fn has_candidate(text: &str, codec: Codec) -> bool {
    let mut prev_lead = false;
    for c in text.chars() {
        let b = codec.to_byte(c).filter(|_| !c.is_ascii());
        if prev_lead && (matches!(c, '\u{FFFD}' | '?' | ' ') || b.is_some_and(|b| (0x80..=0xBF).contains(&b)))
        {
            return true;
        }
        prev_lead = b.is_some_and(|b| (0xC2..=0xF4).contains(&b));
    }
    false
}

/// Whether the text has intact punctuation outside every sequence: then it
/// was not damaged as a whole, and a lone sequence is more likely real text
/// (`Bremer/Mccoy – DrÃ¥ber`).
fn has_intact_punctuation(chars: &[(usize, char)], found: &[Sequence]) -> bool {
    chars.iter().enumerate().any(|(i, &(_, c))| {
        INTACT_PUNCTUATION.contains(&c) && {
            let k = found.partition_point(|s| s.end <= i);
            found.get(k).is_none_or(|s| s.start > i)
        }
    })
}

/// Whether the text has a character that Latin-2 has and Windows-1250 has
/// not (a C1 control character where Windows-1250 has punctuation): only
/// then is Latin-2 preferred (`MĂĄm` → `Mám`, not `Mùm`).
fn needs_latin2(text: &str) -> bool {
    text.chars().any(|c| {
        !c.is_ascii() && Codec::Windows1250.to_byte(c).is_none() && Codec::Latin2.to_byte(c).is_some()
    })
}

fn decode_once(text: &str, codec: Codec) -> Option<Pass> {
    if text.is_ascii() || !has_candidate(text, codec) || (codec == Codec::Latin2 && !needs_latin2(text)) {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found: Vec<Sequence> = Vec::new();
    let mut lone_spaced: Vec<Sequence> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match sequence_at(&chars, i, codec) {
            // Only Windows-1252 text has runs with lost non-breaking spaces.
            Some(s)
                if !s.spaced
                    || (codec == Codec::Windows1252
                        && (found.last().is_some_and(|p| p.end == i)
                            || sequence_at(&chars, s.end, codec).is_some_and(|n| !n.spaced))) =>
            {
                found.push(s);
                i = s.end;
            }
            Some(s) => {
                lone_spaced.push(s);
                i += 1;
            }
            None => i += 1,
        }
    }
    // Letters each followed by punctuation alone (`Г–Г‘`) make no run (below).
    let punctuated = |s: &Sequence| chars[s.start + 1..s.end].iter().all(|&(_, c)| WORD_ENDERS.contains(&c));
    let mut accepted: Vec<&[Sequence]> = Vec::new();
    let mut k = 0;
    while k < found.len() {
        let mut m = k + 1;
        while m < found.len() && found[m].start == found[m - 1].end {
            m += 1;
        }
        let group = &found[k..m];
        let before = group[0].start.checked_sub(1).map(|p| chars[p].1);
        let after = chars.get(group[m - k - 1].end).map(|&(_, c)| c);
        let garble = is_leftover(before, codec) && is_leftover(after, codec);
        // Outside Windows-1252, a sequence with a `?` does not make a run
        // (`“?` and `–Ω` are two Mac OS Roman sequences in `“?–Ω`), nor do
        // letters each followed by punctuation alone (`Г–Г‘`: Russian
        // capitals and dashes; `Г‚ВЈ` is damage).
        let counted = match codec {
            Codec::Windows1252 => m - k,
            _ if group.iter().all(punctuated) => 0,
            _ => group.iter().filter(|s| !s.guessed).count(),
        };
        let damage = match codec {
            Codec::Cp437 => cp437_is_damage(&chars, group),
            _ => counted >= 2 || group.iter().any(|s| single_is_damage(&chars, *s, codec)),
        };
        if damage && !garble {
            accepted.push(group);
        }
        k = m;
    }
    let lone_pair = |g: &[Sequence]| g.len() == 1 && g[0].end - g[0].start == 2;
    if codec == Codec::Windows1252
        && accepted.len() == 1
        && lone_pair(accepted[0])
        && has_intact_punctuation(&chars, &found)
    {
        accepted.clear();
    }
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for s in accepted.iter().flat_map(|g| g.iter()) {
        edits.push((s.start, s.end, s.decoded.to_string()));
    }
    if !edits.is_empty() {
        for s in lone_spaced {
            if let Some(with) = spaced_letter(&chars, s, codec) {
                edits.push((s.start, s.end, with.to_string()));
            }
        }
    }
    edits.sort_unstable_by_key(|e| e.0);
    let mut ed = Editor::new(text);
    let mut pos = 0;
    for (start, end, with) in edits {
        if start >= pos {
            ed.replace(byte_at(start)..byte_at(end), &with, RepairKind::Mojibake);
            pos = end;
        }
    }
    ed.finish()
}

/// A lead byte followed by a space that stood for A0, in text already shown
/// to be damaged, before a lowercase word: `Å veices` → `Šveices`, `Г l’ouest`
/// → `à l’ouest` (the space is kept after `à`, a word of its own, except in
/// Portuguese `àquele`, `àquilo`).
fn spaced_letter(chars: &[(usize, char)], s: Sequence, codec: Codec) -> Option<&'static str> {
    let next = chars.get(s.end).map(|&(_, c)| c)?;
    if !next.is_lowercase() || !s.spaced || s.end - s.start != 2 {
        return None;
    }
    let word: String = chars[s.end..].iter().take(4).map(|&(_, c)| c).collect();
    match codec.to_byte(chars[s.start].1)? {
        0xC5 => Some("Š"),
        0xC3 if word.starts_with("quel") || word.starts_with("quil") => Some("à"),
        0xC3 if word.starts_with('s') && word[1..].chars().next().is_none_or(char::is_whitespace) => {
            Some("à")
        }
        0xC3 => Some("à "),
        _ => None,
    }
}

/// Whether some non-ASCII character is followed by another or by `?`: every
/// sequence in any encoding needs that, so text without it (most text, even
/// with curly quotes and accents) is passed over at the speed of a byte scan.
fn may_have_sequences(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| (0x80..0xC0).contains(&w[0]) && (w[1] >= 0xC0 || w[1] == b'?'))
}

/// Decodes mojibake, up to three layers deep.
pub(super) fn mojibake(text: &str) -> Option<Pass> {
    let mut done: Option<Pass> = None;
    for _ in 0..3 {
        // Windows-1252 first; another encoding only where it found nothing.
        let current = done.as_ref().map_or(text, |p| &p.text);
        if !may_have_sequences(current) {
            break;
        }
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
