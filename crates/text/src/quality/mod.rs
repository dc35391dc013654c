//! Text-quality flags: mistakes that are likely but not certain, so they are
//! reported, with a suggestion, and never repaired.
//!
//! * a sentence that starts in lowercase (`he said.` → “He”), after a
//!   sentence end: not a line that follows a heading or a list item, a link
//!   or a handle (`https://…`, `pic.twitter.com`, `@name`), the words after a
//!   quotation closed on its own punctuation (`“Got her!” officers said`)
//!   or after a dash, an ellipsis (`. . . these`), a bracketed aside or
//!   abbreviation (`(Ky.) and`), nor those after a unit (`1 tsp. olive oil`);
//! * a known name whose first word lost its capital (`los Angeles`,
//!   `united Nations`);
//! * a lowercase token that is not an English word but is one edit away from
//!   a frequent one (`wich` → “which”), checked only in text that reads as
//!   English (a third of its first words are English function words);
//! * a sentence end without a space (`talks.However`).
//!
//! The scan reads the text once, byte by byte, and allocates nothing unless
//! it finds something; the word list is described in [`words`].

mod words;

use crate::sentences::ABBREVIATIONS;
use corroborate_model::{Flag, FlagKind, Span};

/// Names whose first word is also an ordinary word, by that word lowercased
/// and the rest.
const NAMES: &[(&str, &str)] = &[
    ("buenos", "Aires"),
    ("european", "Union"),
    ("hong", "Kong"),
    ("las", "Vegas"),
    ("los", "Angeles"),
    ("new", "Delhi"),
    ("new", "York"),
    ("new", "Zealand"),
    ("north", "Korea"),
    ("rio", "de"),
    ("saudi", "Arabia"),
    ("san", "Francisco"),
    ("sri", "Lanka"),
    ("south", "Africa"),
    ("south", "Korea"),
    ("united", "Kingdom"),
    ("united", "Nations"),
    ("united", "States"),
    ("wall", "Street"),
    ("white", "House"),
];

/// Abbreviations, lowercased and without their period, after which a
/// lowercase word is expected (`1 tsp. olive oil`, `70 Mio. gesetzlich`,
/// `Jupiter, Fla. — which`), beyond those that never end a sentence; sorted.
const LOWERCASE_AFTER: &[&str] = &[
    "ala", "approx", "ariz", "bzw", "ca", "calif", "cf", "colo", "conn", "fla", "ga", "kan", "ky", "la",
    "lb", "lbs", "md", "mich", "min", "minn", "mio", "mo", "mont", "mrd", "neb", "nev", "okla", "oz", "tbsp",
    "tenn", "tex", "tsp", "usw", "va", "vgl", "vt", "wis", "wyo",
];

/// Words read before deciding whether the text is English.
const SAMPLE_WORDS: usize = 60;

/// Spelling flags per text, at most.
const MAX_SPELLING: usize = 20;

/// The quality flags of a (repaired) text, in text order.
pub fn quality_flags(text: &str) -> Vec<Flag> {
    let mut flags = Vec::new();
    let english = reads_as_english(text);
    let bytes = text.as_bytes();
    let mut spelling = 0;
    let mut sentence_start = true;
    let mut prev_word: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !b.is_ascii_alphabetic() {
            match b {
                // A line break starts a sentence only where one ended: a
                // line of a list, a heading or a broken line is no sentence end.
                b'\n' => {}
                b'.' | b'!' | b'?' => {
                    missing_space(text, i, prev_word, &mut flags);
                    if ends_sentence(bytes, i, prev_word) {
                        sentence_start = true;
                    }
                }
                b' ' => {}
                _ if b >= 0x80 => {
                    // A word with letters beyond ASCII is skipped as a whole;
                    // quotes and dashes are passed over.
                    let c = text[i..].chars().next().unwrap_or_default();
                    if c.is_alphanumeric() {
                        sentence_start = false;
                        prev_word = None;
                        i = word_end(text, i);
                    } else {
                        i += c.len_utf8();
                    }
                    continue;
                }
                b'"' | b'\'' | b'(' | b'[' => {}
                _ => {
                    if b.is_ascii_digit() {
                        sentence_start = false;
                    }
                    prev_word = None;
                }
            }
            i += 1;
            continue;
        }
        let end = word_end(text, i);
        let word = &text[i..end];
        let plain = word.bytes().all(|c| c.is_ascii_alphabetic());
        if sentence_start && plain {
            lowercase_start(text, (i, end), &mut flags);
        }
        if plain {
            glued_name(text, prev_word, (i, end), &mut flags);
            if english && spelling < MAX_SPELLING && misspelt(text, i, end, &mut flags) {
                spelling += 1;
            }
        }
        sentence_start = false;
        prev_word = plain.then_some((i, end));
        i = end;
    }
    flags.sort_by_key(|f| f.span.map(|s| s.start));
    flags
}

/// The end of the word starting at `start`: letters and digits, with inner
/// apostrophes and hyphens.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let inner = matches!(c, '\'' | '’' | '-')
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
            && end > start;
        if !(c.is_alphanumeric() || inner) {
            break;
        }
        end = start + k + c.len_utf8();
    }
    end
}

fn reads_as_english(text: &str) -> bool {
    let (mut words, mut function) = (0, 0);
    for w in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(SAMPLE_WORDS) {
        words += 1;
        let mut buf = [0u8; 8];
        if w.len() <= buf.len() && w.is_ascii() {
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            let lower = std::str::from_utf8(&buf[..w.len()]).unwrap_or_default();
            function += usize::from(crate::is_stopword(lower));
        }
    }
    words >= 5 && function * 3 >= words
}

/// Whether the `.`, `!` or `?` at `i` ends a sentence: whitespace follows
/// (after any closing quotes), and it is no abbreviation (`Mr.`, `a.m.`, `U.`)
/// or ellipsis.
fn ends_sentence(bytes: &[u8], i: usize, prev_word: Option<(usize, usize)>) -> bool {
    let mut j = i + 1;
    while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
        j += 1;
    }
    if j < bytes.len() && !bytes[j].is_ascii_whitespace() {
        return false;
    }
    // `(Ky.)`, `(really?)`: an abbreviation or an aside closing a bracket.
    if bytes.get(i + 1) == Some(&b')') {
        return false;
    }
    if bytes[i] != b'.' {
        return true;
    }
    // An ellipsis: `..`, `…`, or spaced, `. . .`.
    let spaced = i >= 2 && &bytes[i - 2..i] == b". " || bytes[i + 1..].starts_with(b" .");
    if i > 0 && bytes[i - 1] == b'.' || bytes.get(i + 1) == Some(&b'.') || spaced {
        return false;
    }
    let Some((start, end)) = prev_word.filter(|&(_, end)| end == i) else {
        return true;
    };
    let word = &bytes[start..end];
    let dotted = start >= 2 && bytes[start - 1] == b'.';
    let mut buf = [0u8; 8];
    let abbreviation = word.len() <= buf.len() && {
        buf[..word.len()].copy_from_slice(word);
        buf[..word.len()].make_ascii_lowercase();
        let lower = std::str::from_utf8(&buf[..word.len()]).unwrap_or_default();
        ABBREVIATIONS.binary_search(&lower).is_ok() || LOWERCASE_AFTER.binary_search(&lower).is_ok()
    };
    !(word.len() == 1 || dotted || abbreviation)
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn lowercase_start(text: &str, (start, end): (usize, usize), flags: &mut Vec<Flag>) {
    let word = &text[start..end];
    // `iPhone`, `eBay` are spelled that way.
    if !word.starts_with(|c: char| c.is_ascii_lowercase()) || word.bytes().any(|c| c.is_ascii_uppercase()) {
        return;
    }
    // A letter alone other than `a` and `i` is a bullet or a label (`l Top Secret`).
    let letter = word.len() == 1 && word != "a" && word != "i";
    if letter || in_address(text.as_bytes(), start, end) || goes_on(&text[..start]) {
        return;
    }
    let message = format!("sentence starts in lowercase; did you mean “{}”?", capitalised(word));
    flags.push(Flag::at(FlagKind::TextQuality, message, Span::new(start, end)));
}

/// Whether the word at `start..end` is part of a link, an address, a handle
/// or markup (`https://…`, `pic.twitter.com`, `name@host`, `@name`, `#tag`,
/// `<tweet`).
fn in_address(bytes: &[u8], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|p| bytes[p]);
    let after = bytes.get(end).copied();
    before.is_some_and(|b| b"@#/._<".contains(&b))
        || after.is_some_and(|b| b"@/_".contains(&b))
        || (after == Some(b':') && bytes.get(end + 1) == Some(&b'/'))
        || dotted(bytes, end)
}

/// Whether a word ending at `end` goes on past a dot (`pic.twitter`,
/// `DearAbby.com`): a domain, not a sentence end.
fn dotted(bytes: &[u8], end: usize) -> bool {
    bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether `before` ends with a quotation that closes on its own
/// punctuation (`“We got her!” officers said`, `the “We’re On It.”
/// campaign`) or with a dash (`and I have! - but`): the sentence around it
/// goes on.
fn goes_on(before: &str) -> bool {
    let rest = before.trim_end();
    let unquoted = rest.trim_end_matches(['"', '\'', '’', '”', '»']);
    (unquoted.len() < rest.len() && unquoted.ends_with(['.', '!', '?'])) || rest.ends_with(['-', '–', '—'])
}

fn glued_name(text: &str, prev: Option<(usize, usize)>, (start, end): (usize, usize), flags: &mut Vec<Flag>) {
    let Some((p_start, p_end)) = prev.filter(|&(_, p_end)| p_end + 1 == start) else { return };
    let (first, second) = (&text[p_start..p_end], &text[start..end]);
    if text.as_bytes()[p_end] != b' ' || !first.starts_with(|c: char| c.is_ascii_lowercase()) {
        return;
    }
    // Nearly every pair of words reaches here; comparing with each name
    // costs a length check unless the lengths match.
    if NAMES.contains(&(first, second)) {
        let message = format!("name without its capital; did you mean “{} {second}”?", capitalised(first));
        flags.push(Flag::at(FlagKind::TextQuality, message, Span::new(p_start, end)));
    }
}

fn missing_space(text: &str, i: usize, prev: Option<(usize, usize)>, flags: &mut Vec<Flag>) {
    let bytes = text.as_bytes();
    let Some((start, _)) = prev.filter(|&(s, e)| e == i && e - s >= 2) else { return };
    let lower_before = bytes[start..i].iter().all(u8::is_ascii_lowercase);
    let next_word = bytes.get(i + 1).is_some_and(u8::is_ascii_uppercase)
        && bytes.get(i + 2).is_some_and(u8::is_ascii_lowercase);
    if lower_before && next_word {
        let end = word_end(text, i + 1);
        // `www.DearAbby.com`, `help.Example.org/…`: an address, not two sentences.
        let before = start.checked_sub(1).map(|p| bytes[p]);
        if before.is_some_and(|b| b"@/.".contains(&b)) || &bytes[start..i] == b"www" || dotted(bytes, end) {
            return;
        }
        let message = format!(
            "no space after the sentence end; did you mean “{} {}”?",
            &text[start..=i],
            &text[i + 1..end]
        );
        flags.push(Flag::at(FlagKind::TextQuality, message, Span::new(start, end)));
    }
}

/// Flags a lowercase ASCII token that is no word but is near a frequent one.
fn misspelt(text: &str, start: usize, end: usize, flags: &mut Vec<Flag>) -> bool {
    let bytes = text.as_bytes();
    let token = &bytes[start..end];
    let lower = token.iter().all(u8::is_ascii_lowercase);
    if !words::available()
        || !lower
        || token.len() < 3
        || token.len() > words::MAX_LEN
        || words::rank(token).is_some()
    {
        return false;
    }
    // Handles, paths, domains, contractions and code are not prose.
    let before = start.checked_sub(1).map(|p| bytes[p]);
    let after = bytes.get(end).copied();
    let glued = |b: Option<u8>| b.is_some_and(|b| b"@#/_\\'.:=<>-".contains(&b) || b.is_ascii_digit());
    let sentence_end = after == Some(b'.') && bytes.get(end + 1).is_none_or(|b| !b.is_ascii_alphanumeric());
    if glued(before) || (glued(after) && !sentence_end) || text[end..].starts_with('’') {
        return false;
    }
    let Some(word) = words::suggestion(token) else { return false };
    let message = format!("not a word; did you mean “{word}”?");
    flags.push(Flag::at(FlagKind::TextQuality, message, Span::new(start, end)));
    true
}

#[cfg(test)]
mod tests;
