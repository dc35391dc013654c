//! Offices that the words right after a name give the person: `Assistant
//! Attorney General L. Patrick Gray III had been named acting director`.
//!
//! Such an article names two titles of one person, the one before the name
//! and the one given after it, so neither is its own against the other in
//! a dispute. Only the plain shapes count: the name is the subject (not
//! `an aide to Ana Lind was appointed …`), the verb is passive or `became`
//! (`Stefanski named assistant general manager Tony DiLeo coach` gives
//! another man the office), and the office's words end where an office's
//! words can end (`named general manager` names no office of the list, and
//! `named director and Tom Vale deputy` another man's).

use crate::roles::{core, is_abbreviation, is_office_word};
use corroborate_model::Span;
use corroborate_text::{fold, month_number, weekday_number};

/// Verbs that give an office; all but `became` after a form of `be`.
const GIVEN: &[&str] = &["appointed", "became", "elected", "installed", "named", "promoted", "sworn"];

/// The forms of `be` that make those verbs passive, of what has happened.
const PASSIVE: &[&str] = &["been", "is", "was", "were"];

/// Words between a name and the verb: `Gray, who had been named`.
const BEFORE_VERB: &[&str] = &[
    ",", "already", "been", "had", "has", "have", "is", "just", "later", "newly", "recently", "then", "was",
    "were", "who",
];

/// Words between the verb and the office: `sworn in as`, `promoted to the`.
const AFTER_VERB: &[&str] = &["a", "an", "as", "in", "its", "new", "the", "to"];

/// Words before a name that make it no subject of the verb.
const NOT_SUBJECT: &[&str] =
    &["by", "for", "of", "replaced", "replaces", "succeeded", "succeeds", "to", "with"];

/// Words that join an office's words: `director of the FBI`, `secretary
/// for health`, `president and chief executive`.
const JOINING: &[&str] = &["and", "for", "of", "the"];

/// Words an office's words can end before: `named director in May`.
const AFTER_OFFICE: &[&str] = &[
    "after", "at", "before", "by", "from", "in", "last", "next", "on", "since", "this", "to", "until",
    "when", "which", "who", "with",
];

/// The office the words right after the name at `name` in `body` give its
/// person, as the span of the office's words; `name` starts with the title
/// written before the name, if any, so that the word before it is the one
/// that says whether the name is the verb's subject.
pub(crate) fn given_after(body: &str, name: Span) -> Option<Span> {
    let before = body.get(..name.start)?.split_whitespace().next_back();
    if before.is_some_and(|w| NOT_SUBJECT.contains(&fold(w.trim_end_matches(',')).as_str())) {
        return None;
    }
    let rest = body.get(name.end..)?;
    let mut words = rest
        .split_whitespace()
        .take(24)
        .map(|w| (w.as_ptr() as usize - rest.as_ptr() as usize + name.end, w, fold(w)))
        .peekable();
    let mut passive = false;
    for _ in 0..4 {
        match words.peek() {
            Some((_, _, w)) if BEFORE_VERB.contains(&w.as_str()) => passive |= PASSIVE.contains(&w.as_str()),
            _ => break,
        }
        words.next();
    }
    let (_, _, verb) = words.next().filter(|(_, _, w)| GIVEN.contains(&w.as_str()))?;
    if !passive && verb != "became" {
        return None;
    }
    while words.next_if(|(_, _, w)| AFTER_VERB.contains(&w.as_str())).is_some() {}

    let mut span: Option<(usize, usize)> = None;
    let mut office_seen = false;
    // After `of`, `for` or `the`, capitalised words name what the office is
    // of (`director of the Federal Bureau of Investigation`).
    let mut naming_scope = false;
    for (at, raw, _) in words {
        let bare = raw.trim_end_matches([',', ';', ':', '!', '?', '.', '"', '\u{201d}', '\u{2019}', ')']);
        let folded = fold(bare);
        // `U.S.` and `Gen.` keep their full stop and end nothing.
        let abbreviation = bare.contains('.') || is_abbreviation(&folded);
        let word =
            if abbreviation && raw[bare.len()..].starts_with('.') { &raw[..=bare.len()] } else { bare };
        let office_word = is_office_word(&folded);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let when = weekday_number(bare).is_some() || month_number(bare).is_some();
        let joining = JOINING.contains(&folded.as_str()) && (folded != "and" || office_seen);
        let scope = capital && !when && (!office_seen || naming_scope);
        // A possessive names whose office it is: `Secretary of State John
        // Kerry's deputy`.
        if office_seen && (raw.ends_with("'s") || raw.ends_with("\u{2019}s")) {
            return None;
        }
        if word.is_empty() || !(office_word || joining || scope) {
            // An office ends before a day, a month or a word such as `in`;
            // before anything else, the words were not an office.
            if when || AFTER_OFFICE.contains(&folded.as_str()) {
                break;
            }
            return None;
        }
        office_seen |= office_word;
        naming_scope = (joining && folded != "and") || (naming_scope && scope);
        if !joining {
            span = Some((span.map_or(at, |s| s.0), at + word.len()));
        }
        if raw.len() > word.len() {
            break;
        }
    }
    let (start, end) = span.filter(|_| office_seen)?;
    core(&body[start..end])?;
    Some(Span { start, end })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given<'a>(text: &'a str, name: &str) -> Option<&'a str> {
        let start = text.find(name).unwrap();
        given_after(text, Span { start, end: start + name.len() }).map(|s| &text[s.start..s.end])
    }

    #[test]
    fn an_office_given_right_after_the_name_is_found() {
        let gray = "Hoover had died, and Assistant Attorney General L. Patrick Gray III had been named acting director.";
        assert_eq!(given(gray, "Assistant Attorney General L. Patrick Gray III"), Some("acting director"));
        let text = "Lena Ortiz, who was appointed director of the FBI in May, spoke.";
        assert_eq!(given(text, "Lena Ortiz"), Some("director of the FBI"));
        let text = "Marek Vos was sworn in as U.S. ambassador to Spain on Monday.";
        assert_eq!(given(text, "Marek Vos"), Some("U.S. ambassador"));
        let text = "Ana Lind became Prime Minister Tuesday.";
        assert_eq!(given(text, "Ana Lind"), Some("Prime Minister"));
        let text = "Ana Lind was elected president January 4.";
        assert_eq!(given(text, "Ana Lind"), Some("president"));
        let text = "Ana Lind was named director of the Federal Bureau of Investigation Tuesday.";
        assert_eq!(given(text, "Ana Lind"), Some("director of the Federal Bureau of Investigation"));
        let text = "Ana Lind was named president and chief executive.";
        assert_eq!(given(text, "Ana Lind"), Some("president and chief executive"));
        // Words spelled another way are no abbreviations: their full stop ends the sentence.
        let text = "Ana Lind was named chairman. The board met in May.";
        assert_eq!(given(text, "Ana Lind"), Some("chairman"));
        let text = "Ana Lind was named spokeswoman. She starts in May.";
        assert_eq!(given(text, "Ana Lind"), Some("spokeswoman"));
        let text = "Ana Lind was named CEO. The board met in May.";
        assert_eq!(given(text, "Ana Lind"), Some("CEO"));
    }

    #[test]
    fn other_shapes_give_no_office() {
        // No verb that gives an office, or no office after it.
        assert_eq!(given("Ana Lind met the prime minister.", "Ana Lind"), None);
        assert_eq!(given("Ana Lind was named Person of the Year.", "Ana Lind"), None);
        assert_eq!(given("Ana Lind said she was named director.", "Ana Lind"), None);
        // Active, the verb gives someone else the office.
        let text = "Stefanski named assistant general manager Tony DiLeo coach.";
        assert_eq!(given(text, "Stefanski"), None);
        assert_eq!(given("Ana Lind named acting director.", "Ana Lind"), None);
        // Not yet given, or given someone the name is not.
        assert_eq!(given("Ana Lind will be named director next week.", "Ana Lind"), None);
        assert_eq!(given("Ana Lind was nominated ambassador to Spain.", "Ana Lind"), None);
        assert_eq!(given("An aide to Ana Lind was appointed ambassador.", "Ana Lind"), None);
        let text = "Ana Lind was named Secretary of State John Kerry's deputy.";
        assert_eq!(given(text, "Ana Lind"), None);
        // Words that go on past an office are no office of the list.
        assert_eq!(given("Ana Lind was named general manager.", "Ana Lind"), None);
        assert_eq!(given("Ana Lind was named state treasurer.", "Ana Lind"), None);
        assert_eq!(given("Ana Lind was named director and Tom Vale deputy.", "Ana Lind"), None);
        let text = "Ana Lind was named acting director Tom Vale's deputy.";
        assert_eq!(given(text, "Ana Lind"), None);
    }
}
