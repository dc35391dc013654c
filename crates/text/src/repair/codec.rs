//! The single-byte encodings that UTF-8 text is mistaken for, as maps from a
//! character back to the byte it was decoded from.

use std::sync::OnceLock;

/// Windows-1252 bytes 80–9F; the five bytes it leaves undefined decode, as in
/// Latin-1, to the C1 control characters with the same number.
pub(super) const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}',
    '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Code page 437 (the IBM PC and Windows console), bytes 80–FF; `encoding_rs`
/// does not ship it.
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐\
                          └┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}";

/// The byte a character came from if the text was decoded as Windows-1252 or
/// Latin-1.
fn to_byte(c: char) -> Option<u8> {
    if (c as u32) < 0x100 {
        return Some(c as u8);
    }
    CP1252_HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8)
}

/// Whether `c` could begin Windows-1252 mojibake (a lead byte's character,
/// or U+FFFD standing for a lost one): punctuation inferred or converted
/// right after it would form a new sequence, so passes after the mojibake
/// pass leave such places alone, keeping repair idempotent.
pub(super) fn may_lead(c: char) -> bool {
    c == '\u{FFFD}' || (!c.is_ascii() && to_byte(c).is_some_and(|b| b >= 0xC2))
}

/// A single-byte encoding that UTF-8 is mistaken for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Codec {
    /// Windows-1252, or Latin-1 (which differs only in 80–9F).
    Windows1252,
    /// Cyrillic Windows-1251 (`РґРѕ`, `вЂ™`).
    Windows1251,
    /// ISO-8859-2, the Central European Latin-2 (`MĂĄm`); tried before
    /// Windows-1250, with which it shares most letters.
    Latin2,
    /// Central European Windows-1250 (`Ă©`, `â€ś`).
    Windows1250,
    /// Baltic Windows-1257 (`ÄÆdomu`).
    Windows1257,
    /// Mac OS Roman (`√©`, `‚Äô`).
    MacRoman,
    /// The PC code page 437 (`╨┐╤Ç`, `─îe┼ítina`).
    Cp437,
}

/// In the order they are tried: Windows-1252 first, the others only where the
/// ones before found nothing.
pub(super) const CODECS: [Codec; 7] = [
    Codec::Windows1252,
    Codec::Windows1251,
    Codec::Latin2,
    Codec::Windows1250,
    Codec::Windows1257,
    Codec::MacRoman,
    Codec::Cp437,
];

/// Characters → bytes 80–FF of an encoding, sorted by character.
fn reverse_table(decoded: &str) -> Vec<(char, u8)> {
    let mut table: Vec<(char, u8)> = decoded.chars().zip(0x80..=0xFF).collect();
    table.sort_unstable();
    table
}

fn decoded_high(encoding: &'static encoding_rs::Encoding) -> String {
    let bytes: Vec<u8> = (0x80..=0xFF).collect();
    encoding.decode_without_bom_handling(&bytes).0.into_owned()
}

impl Codec {
    /// The byte `c` came from if the text was decoded with this encoding.
    pub(super) fn to_byte(self, c: char) -> Option<u8> {
        static TABLES: OnceLock<[Vec<(char, u8)>; 6]> = OnceLock::new();
        if c.is_ascii() {
            return Some(c as u8);
        }
        let tables = TABLES.get_or_init(|| {
            [
                reverse_table(&decoded_high(encoding_rs::WINDOWS_1251)),
                reverse_table(&decoded_high(encoding_rs::ISO_8859_2)),
                reverse_table(&decoded_high(encoding_rs::WINDOWS_1250)),
                reverse_table(&decoded_high(encoding_rs::WINDOWS_1257)),
                reverse_table(&decoded_high(encoding_rs::MACINTOSH)),
                reverse_table(CP437_HIGH),
            ]
        });
        let table = match self {
            Codec::Windows1252 => return to_byte(c),
            Codec::Windows1251 => &tables[0],
            Codec::Latin2 => &tables[1],
            Codec::Windows1250 => &tables[2],
            Codec::Windows1257 => &tables[3],
            Codec::MacRoman => &tables[4],
            Codec::Cp437 => &tables[5],
        };
        table.binary_search_by_key(&c, |&(k, _)| k).ok().map(|i| table[i].1)
    }
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

    #[test]
    fn code_page_437_has_128_characters() {
        assert_eq!(CP437_HIGH.chars().count(), 128);
        assert_eq!(Codec::Cp437.to_byte('╨'), Some(0xD0));
        assert_eq!(Codec::Cp437.to_byte('┐'), Some(0xBF));
        assert_eq!(Codec::Cp437.to_byte('ß'), Some(0xE1));
    }
}
