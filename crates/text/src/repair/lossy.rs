//! Lossy mojibake: the continuation bytes of a damaged character were lost
//! (often because a C1 control character was stripped), leaving a lone `â`,
//! `â€` or `â` plus replacement characters where `’`, `“`, `”` or `—` stood.
//! The character is inferred from its surroundings:
//!
//! * between letters, when what follows completes an English contraction or
//!   possessive of the (ASCII) word before it: `cityâs` → `city’s`,
//!   `donât` → `don’t`, `Iâm` → `I’m`;
//! * between an English word and a function word: `reformsâand` → `reforms—and`;
//! * between spaces: ` â ` → ` — `; between digits: an en dash;
//! * at the start of a word after a space it opens a quotation and at the end
//!   of a word or after punctuation it closes one; the two are repaired only
//!   as a pair within a paragraph (`âWe will stay,â she` → `“We will stay,” she`).
//!   A closer after a plural `s` with no opener is an apostrophe (`playersâ union`).
//!
//! Do no harm: `â` is a letter in French, Portuguese, Romanian, Turkish and
//! Vietnamese (`pâte`, `âge`, `lâmpada`, `România`, `hâlâ`, `tâm`) and a
//! word in Welsh (`cwrdd â nhw`), so a lone `â` is only repaired by the rules
//! above, and all but the contractions and the digits also need English
//! around it (ASCII letters, function words), as real words and Welsh `â`
//! take the other places; what stays unresolved is flagged as an ambiguous
//! repair when it is certainly damage (it contains `€` or U+FFFD, or pairs up
//! as a quote mark). Also `Â` left from a non-breaking space (`100Â km`) is
//! removed, and `Ã` becomes `à` where the evidence shows it (see [`a_grave`]).

use super::codec::may_lead;
use super::edit::{map_pos, Editor, Pass};
use corroborate_model::{Flag, FlagKind, RepairKind, Span};

/// Longest word looked at around a damaged character.
const WORD_LIMIT: usize = 24;

/// Characters looked at on each side of a damaged character to tell the
/// language of the text around it.
const CONTEXT_CHARS: usize = 60;

/// Remainders of `â`-initial French and Portuguese words (`âge`, `ânimo`).
const LEGIT_AFTER_INITIAL: &[&str] = &[
    "ge", "gee", "gees", "ges", "gé", "gée", "gées", "gés", "me", "mes", "mbito", "mbitos", "ncora",
    "ncoras", "ne", "nes", "nesse", "ngulo", "ngulos", "nimo", "nimos", "nsia", "nsias", "pre", "prement",
    "pres", "tre", "tres",
];

enum Guess {
    Fixed(&'static str),
    Open,
    Close,
    Unknown,
    Legit,
}

fn word_before(chars: &[(usize, char)], i: usize) -> String {
    let mut w: Vec<char> = chars[..i]
        .iter()
        .rev()
        .take(WORD_LIMIT)
        .map(|&(_, c)| c)
        .take_while(|c| c.is_alphanumeric())
        .collect();
    w.reverse();
    w.into_iter().collect()
}

fn word_after(chars: &[(usize, char)], i: usize) -> String {
    chars[i..].iter().take(WORD_LIMIT).map(|&(_, c)| c).take_while(|c| c.is_alphabetic()).collect()
}

/// Whether `before` + apostrophe + `after` is an English contraction or
/// possessive (`city’s`, `don’t`, `we’re`, `O’Brien`).
fn contraction(before: &str, after: &str) -> bool {
    if before.is_empty() || !before.is_ascii() || !after.is_ascii() {
        return false;
    }
    let b = before.to_ascii_lowercase();
    let in_list = |list: &[&str]| list.contains(&b.as_str());
    match after.to_ascii_lowercase().as_str() {
        "s" => before.len() >= 2 || before.bytes().all(|c| c.is_ascii_digit()),
        "t" => b.len() >= 2 && b.ends_with('n'),
        "m" => b == "i",
        "d" => in_list(&["i", "you", "he", "she", "we", "they", "it", "who", "that", "there"]),
        "ll" => in_list(&["i", "you", "he", "she", "we", "they", "it", "who", "that", "this"]),
        "re" => in_list(&["you", "we", "they", "who", "what", "there", "where", "here"]),
        "ve" => in_list(&["i", "you", "we", "they", "who", "could", "would", "should", "might"]),
        _ => matches!(before, "O" | "D") && after.starts_with(|c: char| c.is_ascii_uppercase()),
    }
}

fn guess(chars: &[(usize, char)], start: usize, end: usize, definite: bool) -> Guess {
    let prev = start.checked_sub(1).map(|p| chars[p].1);
    let next = chars.get(end).map(|&(_, c)| c);
    let opens = |c: char| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–');
    let p_space = prev.is_none_or(opens);
    let n_space = next.is_none_or(char::is_whitespace);
    let n_close = n_space || next.is_some_and(|c| ",.;:!?)]".contains(c));
    let after = word_after(chars, end);
    // Inferred punctuation is a continuation byte in Windows-1252.
    if prev.is_some_and(may_lead) {
        return Guess::Unknown;
    }
    if prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphabetic) {
        let before = word_before(chars, start);
        if contraction(&before, &after) {
            return Guess::Fixed("’");
        }
        let ascii_words = before.is_ascii() && after.is_ascii() && before.len() >= 2;
        let lowercase_next = after.starts_with(|c: char| c.is_ascii_lowercase());
        if ascii_words && lowercase_next && crate::is_stopword(&after) && english_around(chars, start, 2) {
            return Guess::Fixed("—");
        }
        return Guess::Unknown;
    }
    if prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit()) {
        return Guess::Fixed("–");
    }
    if prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace) {
        return if english_around(chars, start, 2) { Guess::Fixed("—") } else { Guess::Unknown };
    }
    if p_space && !n_space {
        if !definite && LEGIT_AFTER_INITIAL.contains(&after.to_lowercase().as_str()) {
            return Guess::Legit;
        }
        return if english_around(chars, start, 1) { Guess::Open } else { Guess::Unknown };
    }
    // The word it closes has no `â` but an opener's (`âLifeâ`, not `hâlâ`).
    let closes_word = word_before(chars, start).trim_start_matches('â').is_ascii();
    if !p_space && n_close && closes_word && english_around(chars, start, 1) {
        return Guess::Close;
    }
    Guess::Unknown
}

/// Whether the text around `i` reads as English: no letter outside ASCII
/// but `â`, and at least one word in five an English function word of
/// `min_len` letters or more. The dashes and quote marks inferred from their
/// place alone need it, as the same places hold a real `â` in other
/// languages: the start or end of a word in Turkish and French (`âşık`,
/// `hâlâ`, `blâme`), a word in Welsh (`cwrdd â nhw`). Welsh has `a` and `i`
/// as words too, so they count for quote marks, which must also pair up, but
/// not for a dash.
fn english_around(chars: &[(usize, char)], i: usize, min_len: usize) -> bool {
    let window = &chars[i.saturating_sub(CONTEXT_CHARS)..chars.len().min(i + CONTEXT_CHARS)];
    let (mut words, mut function_words) = (0, 0);
    let mut word = String::new();
    for c in window.iter().map(|&(_, c)| c).chain([' ']) {
        if c.is_alphanumeric() && c != 'â' {
            if !c.is_ascii() && c.is_alphabetic() {
                return false;
            }
            word.push(c.to_ascii_lowercase());
        } else if !word.is_empty() {
            words += 1;
            function_words += usize::from(word.len() >= min_len && crate::is_stopword(&word));
            word.clear();
        }
    }
    function_words > 0 && function_words * 5 >= words
}

/// The repair of a `Ã` at `i` that ends a word or stands alone, and the end
/// of what it replaces: `à` whose second byte, a non-breaking space, became
/// a space or was lost. A lone `Ã` before a space and a word can be real
/// text (`the Â and Ã characters`, `C O N C L U S Ã O`), so it needs
/// evidence: a lowercase letter before it (`voilÃ le`), the non-breaking
/// space itself (`Ã\u{A0} nos jours`), or after it a Portuguese fragment that
/// is no word alone (`Ã s crianças`, `Ã quele`).
fn a_grave(chars: &[(usize, char)], i: usize) -> Option<(usize, &'static str)> {
    let prev = i.checked_sub(1).map(|p| chars[p].1);
    let nbsp = chars.get(i + 1).is_some_and(|&(_, c)| c == '\u{A0}');
    // The space that followed `à` may still follow its non-breaking space.
    let skip = usize::from(nbsp && chars.get(i + 2).is_some_and(|&(_, c)| c == ' '));
    let word: String = chars[(i + 2 + skip).min(chars.len())..].iter().take(4).map(|&(_, c)| c).collect();
    if !word.chars().next().is_none_or(char::is_lowercase) {
        return None;
    }
    let plural = word.starts_with('s') && word[1..].chars().next().is_none_or(char::is_whitespace);
    let joined = word.starts_with("quel") || word.starts_with("quil");
    match prev.is_none_or(char::is_whitespace) {
        true if plural && skip == 0 => Some((i + 3, "às")),
        true if joined && skip == 0 => Some((i + 2, "à")),
        _ if nbsp || prev.is_some_and(|p| p.is_ascii_lowercase()) => Some((i + 1, "à")),
        _ => None,
    }
}

/// The end of a lost-character token starting with `â` at `i`.
fn token_end(chars: &[(usize, char)], i: usize) -> usize {
    let mut j = i + 1;
    if chars.get(j).is_some_and(|&(_, c)| c == '€') {
        j += 1;
    }
    while j < i + 4 && chars.get(j).is_some_and(|&(_, c)| c == '\u{FFFD}') {
        j += 1;
    }
    // `â€?`: a decoder that writes `?` for bytes it cannot map.
    if j == i + 2 && chars.get(j).is_some_and(|&(_, c)| c == '?') {
        j += 1;
    }
    j
}

/// Repairs lost characters; also returns the places left alone but doubtful,
/// as spans of the output.
pub(super) fn lossy(text: &str) -> (Option<Pass>, Vec<Flag>) {
    if !text.contains(['â', 'Ã', 'Â']) {
        return (None, Vec::new());
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut fixes: Vec<(usize, usize, &str)> = Vec::new();
    let mut doubtful: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    // An intact `“` waiting for its `”` in this paragraph.
    let mut intact_open = false;
    let mut blank_line = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let prev = i.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(i + 1).map(|&(_, c)| c);
        match c {
            '\n' => {
                if blank_line {
                    doubtful.extend(open.take());
                    intact_open = false;
                }
                blank_line = true;
                i += 1;
                continue;
            }
            'â' => {
                let end = token_end(&chars, i);
                let definite = end > i + 1;
                match guess(&chars, i, end, definite) {
                    Guess::Fixed(with) => fixes.push((i, end, with)),
                    Guess::Open => doubtful.extend(open.replace((i, end))),
                    Guess::Close => match open.take() {
                        Some((o, o_end)) => {
                            fixes.push((o, o_end, "“"));
                            fixes.push((i, end, "”"));
                        }
                        None if intact_open => {
                            fixes.push((i, end, "”"));
                            intact_open = false;
                        }
                        None if prev == Some('s') => fixes.push((i, end, "’")),
                        None => doubtful.push((i, end)),
                    },
                    Guess::Unknown if definite => doubtful.push((i, end)),
                    Guess::Unknown | Guess::Legit => {}
                }
                blank_line = false;
                i = end;
                continue;
            }
            'Â' if next == Some(' ')
                && prev.is_some_and(|p| {
                    p.is_ascii_digit()
                        || p.is_ascii_lowercase()
                        || p.is_ascii_punctuation()
                        || p == '\u{FFFD}'
                }) =>
            {
                fixes.push((i, i + 1, ""));
            }
            'Ã' if next.is_none_or(char::is_whitespace)
                && prev
                    .is_none_or(|p| p.is_ascii_lowercase() || p.is_whitespace() || p == '\'' || p == '’') =>
            {
                if let Some((end, with)) = a_grave(&chars, i) {
                    fixes.push((i, end, with));
                    blank_line = false;
                    i = end;
                    continue;
                }
            }
            '“' => intact_open = true,
            '”' => intact_open = false,
            _ => {}
        }
        if !c.is_whitespace() {
            blank_line = false;
        }
        i += 1;
    }
    doubtful.extend(open);
    fixes.sort_unstable_by_key(|f| f.0);
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut ed = Editor::new(text);
    for (start, end, with) in fixes {
        ed.replace(byte_at(start)..byte_at(end), with, RepairKind::LossyMojibake);
    }
    let pass = ed.finish();
    let edits = pass.as_ref().map_or(&[][..], |p| &p.edits[..]);
    doubtful.sort_unstable();
    let flags = doubtful
        .into_iter()
        .map(|(s, e)| {
            let span = Span::new(map_pos(edits, byte_at(s), false), map_pos(edits, byte_at(e), true));
            Flag::at(FlagKind::AmbiguousRepair, "damaged character left as found", span)
        })
        .collect();
    (pass, flags)
}
