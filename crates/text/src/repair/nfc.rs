//! Unicode canonical composition (NFC), recorded span by span.
//!
//! The text is cut before every character that NFC can neither reorder nor
//! compose with what precedes it (canonical combining class 0 and NFC quick
//! check "yes"); each piece normalizes on its own, so only pieces that change
//! are recorded.

use super::edit::{Editor, Pass};
use corroborate_model::RepairKind;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

fn is_boundary(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

pub(super) fn nfc(text: &str) -> Option<Pass> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut ed = Editor::new(text);
    let mut start = 0;
    let flush = |start: usize, end: usize, ed: &mut Editor| {
        let piece = &text[start..end];
        if is_nfc_quick(piece.chars()) != IsNormalized::Yes {
            let normal: String = piece.nfc().collect();
            ed.replace(start..end, &normal, RepairKind::Normalization);
        }
    };
    for (i, c) in text.char_indices() {
        if i > start && is_boundary(c) {
            flush(start, i, &mut ed);
            start = i;
        }
    }
    flush(start, text.len(), &mut ed);
    ed.finish()
}
