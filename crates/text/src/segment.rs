//! Word boundaries (UAX #29) with a fast path for ASCII.
//!
//! Looking up the word-break class of every character is most of the cost
//! of tokenizing, and most news text is ASCII between its curly quotes and
//! dashes. The text is cut into pieces after ASCII whitespace that is
//! followed by an ASCII character: such a place is always a word boundary
//! (no rule joins whitespace to a following ASCII character). A piece that is
//! all ASCII is segmented by the few rules that apply to ASCII (letters,
//! digits and `_` join; `.`, `'` and `:` join letters on both sides; `.`,
//! `'`, `,` and `;` join digits on both sides); any other piece goes to
//! `unicode-segmentation`. Only segments that can be words or numbers are
//! exact; runs of spaces and punctuation may be split differently, which no
//! token sees. A property test checks the tokens against the full algorithm.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// Word-break class of an ASCII byte, as far as the rules for words need.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_` (ExtendNumLet).
    Joiner,
    /// `:` (MidLetter).
    MidLetter,
    /// `,` `;` (MidNum).
    MidNum,
    /// `.` `'` (MidNumLet, Single_Quote).
    MidBoth,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Joiner,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'.' | b'\'' => Class::MidBoth,
        _ => Class::Other,
    }
}

fn in_word(c: Class) -> bool {
    matches!(c, Class::Letter | Class::Digit | Class::Joiner)
}

/// The segments of `text` with their byte offsets, in order.
pub(crate) fn segments(text: &str) -> Segments<'_> {
    Segments { text, pos: 0, ascii_end: 0, other: None }
}

pub(crate) struct Segments<'a> {
    text: &'a str,
    /// Start of the next segment of the current ASCII piece, or of the next piece.
    pos: usize,
    /// End of the current ASCII piece (equal to `pos` when there is none).
    ascii_end: usize,
    /// The segments of the current non-ASCII piece, and its offset.
    other: Option<(usize, UWordBoundIndices<'a>)>,
}

impl<'a> Iterator for Segments<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((base, inner)) = &mut self.other {
                match inner.next() {
                    Some((i, w)) => return Some((*base + i, w)),
                    None => self.other = None,
                }
            }
            let bytes = self.text.as_bytes();
            if self.pos < self.ascii_end {
                let start = self.pos;
                self.pos = ascii_segment_end(bytes, start, self.ascii_end);
                return Some((start, &self.text[start..self.pos]));
            }
            if self.pos >= bytes.len() {
                return None;
            }
            let (end, ascii) = piece(bytes, self.pos);
            if ascii {
                self.ascii_end = end;
            } else {
                self.other = Some((self.pos, self.text[self.pos..end].split_word_bound_indices()));
                self.pos = end;
                self.ascii_end = end;
            }
        }
    }
}

/// End of the piece starting at `start`, and whether it is all ASCII. A
/// piece ends after ASCII whitespace that an ASCII byte follows; such a cut
/// never falls inside a UTF-8 sequence.
fn piece(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut ascii = true;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        ascii &= b.is_ascii();
        i += 1;
        if b.is_ascii_whitespace() && bytes.get(i).is_some_and(u8::is_ascii) {
            break;
        }
    }
    (i, ascii)
}

/// End of the segment starting at `start` in the ASCII piece ending at `end`.
fn ascii_segment_end(bytes: &[u8], start: usize, end: usize) -> usize {
    if !in_word(class(bytes[start])) {
        return start + 1;
    }
    let mut i = start + 1;
    while i < end {
        let (prev, here) = (class(bytes[i - 1]), class(bytes[i]));
        if in_word(here) {
            i += 1;
            continue;
        }
        let next = if i + 1 < end { class(bytes[i + 1]) } else { Class::Other };
        let between_letters = prev == Class::Letter
            && next == Class::Letter
            && matches!(here, Class::MidLetter | Class::MidBoth);
        let between_digits =
            prev == Class::Digit && next == Class::Digit && matches!(here, Class::MidNum | Class::MidBoth);
        if !(between_letters || between_digits) {
            break;
        }
        i += 2;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Segments that start with a letter or digit: the ones tokens are made of.
    fn words<'a>(it: impl Iterator<Item = (usize, &'a str)>) -> Vec<(usize, &'a str)> {
        it.filter(|(_, w)| w.chars().next().is_some_and(|c| c.is_alphanumeric())).collect()
    }

    fn same_words(text: &str) {
        assert_eq!(words(segments(text)), words(text.split_word_bound_indices()), "{text:?}");
    }

    #[test]
    fn ascii_words_follow_the_unicode_rules() {
        for text in [
            "O'Brien met U.S. envoys at 10:30 on 3.5.2024, paying $1,200.50; a:b c_d _e f_ 9_x x9.",
            "Don't stop... 1'000 people; 1,2,3 a.1 1.a a..b 1,,2 end.",
            "  tabs\tand\nnew\r\nlines  ",
            "café O’Brien — “quoted” Zürich 3½ 東京 カタカナ 🇫🇷🇩🇪 👩\u{200d}💻 e\u{301}t\u{e9} \u{301}x",
            "x \u{301}abc  \u{200d}y \u{a0}z",
        ] {
            same_words(text);
        }
    }

    proptest! {
        #[test]
        fn tokens_match_the_full_algorithm(
            parts in proptest::collection::vec(
                prop_oneof![
                    "[a-zA-Z0-9]{1,6}",
                    "[ .,;:'_\t\n\r\"()-]{1,3}",
                    prop::sample::select(vec![
                        "’", "é", "\u{301}", "\u{200d}", "\u{a0}", "—", "“", "🇫", "👩", "東", "ア", "٣", "·", "ש",
                    ]).prop_map(str::to_string),
                ],
                0..24,
            )
        ) {
            same_words(&parts.concat());
        }
    }
}
