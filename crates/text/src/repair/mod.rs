//! Repair of damaged text.
//!
//! News text arrives damaged in familiar ways: UTF-8 read as Windows-1252
//! (`â€™` for `’`), sometimes twice, sometimes with bytes lost; HTML
//! references left behind (`&amp;`); control and zero-width characters;
//! mixed line breaks and odd spaces; ligatures and fullwidth letters from PDF
//! and CJK sources. [`repair`] fixes these in a fixed order of passes: line
//! breaks, C0 control and zero-width characters, HTML references, mojibake,
//! lossy mojibake, C1 control characters and soft hyphens, compatibility
//! forms, whitespace, and finally NFC. The whole
//! sequence is repeated until it changes nothing, so repairing clean text is
//! a no-op and `repair` is idempotent; text that still changes after eight
//! rounds (contrived damage where every round's repairs enable new ones) is
//! returned as found, with a flag, which keeps idempotence unconditional.
//!
//! The rule above all: do no harm. Text written correctly in any language
//! must come out as it went in (apart from whitespace and NFC): accented
//! words (`Brâncuși`, `pâtisserie`, `São Paulo`, `NÃO`), curly quotes (never
//! straightened), Cyrillic, Greek, CJK, Arabic, emoji sequences with zero-width
//! joiners. Every rule is written to fire only on shapes real writing does
//! not have; where damage is certain but its repair is not, the text is left
//! alone and flagged.
//!
//! Every change is reported as a [`Repair`] with its span in the input and in
//! the output. The repairs are ordered and disjoint; replacing each `before`
//! span of the input by its `after` text gives the output.

mod chars;
mod codec;
mod edit;
mod entities;
mod lossy;
mod mojibake;
mod nfc;
mod space;
#[cfg(test)]
mod tests;

use corroborate_model::{Flag, FlagKind, Repair, Span};
use edit::{compose, map_pos, Edit, Pass};
use std::borrow::Cow;

/// Repaired text and what was changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Repaired {
    pub text: String,
    /// Changes in text order; spans are byte ranges of the input and of `text`.
    pub repairs: Vec<Repair>,
    /// Doubtful places left alone; spans refer to `text`. Text-quality
    /// observations are separate: see [`quality_flags`](crate::quality_flags).
    pub flags: Vec<Flag>,
}

/// Rounds of passes before giving up on reaching a fixed point.
const MAX_ROUNDS: usize = 8;

/// Repairs `input`; see the module documentation.
pub fn repair(input: &str) -> Repaired {
    if is_clean_ascii(input.as_bytes()) {
        return Repaired { text: input.to_string(), ..Repaired::default() };
    }
    let mut text = Cow::Borrowed(input);
    let mut edits: Vec<Edit> = Vec::new();
    let mut flags = Vec::new();
    let mut settled = false;
    for _ in 0..=MAX_ROUNDS {
        let (pass, round_flags) = round(&text);
        flags = round_flags;
        match pass {
            Some(p) => {
                edits = compose(edits, &p.edits);
                text = Cow::Owned(p.text);
            }
            None => {
                settled = true;
                break;
            }
        }
    }
    if !settled {
        // Each round's repairs enable more in the next: only contrived
        // damage does that, and stopping midway would leave text that a
        // second repair changes again.
        let message = "damage too tangled to repair; text left as found";
        let flag = Flag::at(FlagKind::SuspectMojibake, message, Span::new(0, input.len()));
        return Repaired { text: input.to_string(), repairs: Vec::new(), flags: vec![flag] };
    }
    let repairs = edits
        .into_iter()
        .map(|e| Repair {
            kind: e.kind,
            before: input[e.src.clone()].to_string(),
            after: text[e.dst.clone()].to_string(),
            before_span: Span::new(e.src.start, e.src.end),
            after_span: Span::new(e.dst.start, e.dst.end),
        })
        .collect();
    Repaired { text: text.into_owned(), repairs, flags }
}

/// One run of every pass; flags refer to the round's output.
fn round(input: &str) -> (Option<Pass>, Vec<Flag>) {
    let mut done: Option<Pass> = None;
    let mut flags: Vec<Flag> = Vec::new();
    let apply = |pass: Option<Pass>, flags: &mut Vec<Flag>, done: &mut Option<Pass>| {
        let Some(p) = pass else { return };
        for f in flags.iter_mut() {
            if let Some(s) = f.span.as_mut() {
                *s = Span::new(map_pos(&p.edits, s.start, false), map_pos(&p.edits, s.end, true));
            }
        }
        *done = Some(match done.take() {
            None => p,
            Some(d) => Pass { edits: compose(d.edits, &p.edits), text: p.text },
        });
    };
    let simple: [fn(&str) -> Option<Pass>; 4] =
        [chars::line_breaks, chars::early_controls, entities::entities, mojibake::mojibake];
    for pass in simple {
        let p = pass(done.as_ref().map_or(input, |d| &d.text));
        apply(p, &mut flags, &mut done);
    }
    let (p, lossy_flags) = lossy::lossy(done.as_ref().map_or(input, |d| &d.text));
    flags = lossy_flags;
    apply(p, &mut flags, &mut done);
    let rest: [fn(&str) -> Option<Pass>; 4] =
        [chars::late_controls, chars::compatibility, space::whitespace, nfc::nfc];
    for pass in rest {
        let p = pass(done.as_ref().map_or(input, |d| &d.text));
        apply(p, &mut flags, &mut done);
    }
    (done, flags)
}

/// Whether `bytes` is printable ASCII text that no pass would change: no
/// `&`, no TeX quotes, no control characters other than `\n`, single spaces
/// between words, at most one blank line between paragraphs, nothing around.
fn is_clean_ascii(bytes: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    if first == b' ' || first == b'\n' || last == b' ' || last == b'\n' {
        return false;
    }
    let mut prev = 0u8;
    let mut newlines = 0;
    for &b in bytes {
        match b {
            b'\n' => {
                newlines += 1;
                if prev == b' ' || newlines > 2 {
                    return false;
                }
            }
            b' ' if prev == b' ' || prev == b'\n' => return false,
            b'&' | b'`' => return false,
            0x20..=0x7E => newlines = 0,
            _ => return false,
        }
        prev = b;
    }
    true
}
