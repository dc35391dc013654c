//! Sentence splitting with byte spans.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes and brackets
//! after it) followed by whitespace and a sentence opener (an uppercase letter,
//! a digit or an opening quote), unless the word before the period is a known
//! abbreviation (`Mr.`, `Gen.`, `Jan.`, also inside a hyphenated word:
//! `Aoraki-Mt. Cook`) or a single initial (`J.`). A dotted acronym (`U.S.`,
//! `a.m.`) ends a sentence only before a word that opens sentences (`The`,
//! `He`, `But`): `the post of U.S. Surgeon General` and `at 10:24 a.m.
//! Friday` go on. Paragraph breaks (a blank line) always end a sentence.
//! Spans exclude surrounding whitespace.

use corroborate_model::Span;

const CLOSERS: &[char] = &['"', '\'', '’', '”', '»', ')', ']'];
const OPENERS: &[char] = &['"', '\'', '‘', '“', '«', '(', '['];

// Lowercased, without the period; sorted.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "dec", "dr", "e.g", "etc", "feb", "fig", "gen",
    "gov", "hon", "i.e", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs",
    "ms", "mt", "no", "nov", "oct", "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "supt",
    "vs",
];

/// Quotation marks read one character at a time: whether a quotation is
/// open. `“` `„` `«` open and `”` `»` close, but `“` closes a quotation `„`
/// opened (German: `„Wir bleiben“`); `"` closes an open quotation and opens
/// one unless it follows a digit, as an inch mark does (`the 6'5" forward`).
/// A line end closes every quotation (one that goes on into the next
/// paragraph opens again there). Single quotes are left out: they are also
/// apostrophes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Quotations {
    opened_by: Option<char>,
    last: Option<char>,
}

impl Quotations {
    /// Whether a quotation is open after the characters read.
    pub fn open(&self) -> bool {
        self.opened_by.is_some()
    }

    /// Reads one more character.
    pub fn read(&mut self, c: char) {
        match c {
            '\n' => self.opened_by = None,
            '"' if self.opened_by.is_some() => self.opened_by = None,
            '"' if !self.last.is_some_and(|c| c.is_ascii_digit()) => self.opened_by = Some(c),
            '“' if self.opened_by == Some('„') => self.opened_by = None,
            '“' | '„' | '«' => self.opened_by = Some(c),
            '”' | '»' => self.opened_by = None,
            _ => {}
        }
        self.last = Some(c);
    }
}

/// Spans of the sentences of `text`, in order, trimmed of whitespace.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            // Paragraph break: a newline followed by optional spaces and another newline.
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push_trimmed(text, start, i, &mut out);
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Extend over repeated terminators and closing quotes/brackets.
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
                end += 1;
            }
            while let Some(c) = text[end..].chars().next() {
                if CLOSERS.contains(&c) {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &text[end..];
            let after_space = rest.trim_start_matches([' ', '\t', '\u{a0}']);
            let had_space = after_space.len() < rest.len() || rest.starts_with('\n');
            let following = after_space.trim_start_matches(['\n', '\r', ' ']);
            let next = following.chars().next();
            let opener = next.is_some_and(|c| c.is_uppercase() || c.is_numeric() || OPENERS.contains(&c));
            if had_space && opener && !(b == b'.' && is_abbreviation(&text[start..i], following)) {
                push_trimmed(text, start, end, &mut out);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Whether the word ending just before a period is an abbreviation that does
/// not end a sentence, given the text that follows; `no` and `fig` only count
/// before a number (`No. 5`), since `no.` also ends sentences.
fn is_abbreviation(before: &str, following: &str) -> bool {
    let word =
        before.rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“')).next().unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // An abbreviation may end a hyphenated word (`Aoraki-Mt.`); an initial
    // may not (`N/A.`).
    let lower = word.rsplit(['-', '/']).next().unwrap_or(word).to_lowercase();
    if ABBREVIATIONS.binary_search(&lower.as_str()).is_ok() {
        return !matches!(lower.as_str(), "no" | "fig") || following.starts_with(char::is_numeric);
    }
    let mut chars = word.chars();
    // A single initial: `J. Smith`.
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    // A dotted acronym (`U.S`, `a.m`, `D.C`) goes on into a word that does
    // not open sentences: `U.S. Ambassador`, `a.m. Friday`.
    let dotted = word.contains('.')
        && word.split('.').all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
    let next: String =
        following.chars().take_while(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    dotted
        && following.starts_with(char::is_uppercase)
        && SENTENCE_OPENERS.binary_search(&next.as_str()).is_err()
}

/// Words that open sentences without being names (lowercased; sorted):
/// after a dotted acronym, a new sentence starts with one of them (`… in the
/// U.S. The …`), and a capitalised one is no name.
pub const SENTENCE_OPENERS: &[&str] = &[
    "a",
    "about",
    "according",
    "across",
    "after",
    "against",
    "ahead",
    "all",
    "also",
    "although",
    "amid",
    "among",
    "an",
    "analysts",
    "and",
    "another",
    "as",
    "asked",
    "at",
    "authorities",
    "because",
    "before",
    "both",
    "but",
    "by",
    "critics",
    "despite",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "everyone",
    "few",
    "following",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "much",
    "my",
    "next",
    "no",
    "nobody",
    "not",
    "now",
    "of",
    "officials",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "police",
    "protesters",
    "rescuers",
    "residents",
    "several",
    "she",
    "since",
    "so",
    "some",
    "speaking",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "three",
    "to",
    "today",
    "two",
    "under",
    "until",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "witnesses",
    "yesterday",
    "yet",
    "you",
];

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_terminators_followed_by_capitals() {
        assert_eq!(
            split("The talks ended. Both sides left! Why? Nobody knows."),
            ["The talks ended.", "Both sides left!", "Why?", "Nobody knows."]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            split("Mr. Vance met Gen. Ortiz and J. Smith on Jan. 5. They spoke."),
            ["Mr. Vance met Gen. Ortiz and J. Smith on Jan. 5.", "They spoke."]
        );
    }

    #[test]
    fn dotted_acronyms_end_a_sentence_only_before_a_word_that_opens_one() {
        assert_eq!(
            split(
                "Gupta was offered the post of U.S. Surgeon General. He was arrested at 10:24 a.m. Friday \
                 in the Aoraki-Mt. Cook park. He moved to the U.S. The next year he left. It ended at 9 p.m. \
                 Nobody was hurt."
            ),
            [
                "Gupta was offered the post of U.S. Surgeon General.",
                "He was arrested at 10:24 a.m. Friday in the Aoraki-Mt. Cook park.",
                "He moved to the U.S.",
                "The next year he left.",
                "It ended at 9 p.m.",
                "Nobody was hurt."
            ]
        );
        assert_eq!(
            split("The quake measured 7.8. Nepal said so. Fees are listed as N/A. The authority met."),
            ["The quake measured 7.8.", "Nepal said so.", "Fees are listed as N/A.", "The authority met."]
        );
    }

    #[test]
    fn word_lists_are_sorted() {
        assert!(SENTENCE_OPENERS.windows(2).all(|w| w[0] < w[1]));
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn quotation_marks_open_and_close_as_written() {
        let open_after = |text: &str| {
            let mut q = Quotations::default();
            text.chars().for_each(|c| q.read(c));
            q.open()
        };
        assert!(open_after("He said “we stay"));
        assert!(!open_after("He said “we stay”"));
        assert!(!open_after("Er sagte „wir bleiben“"));
        assert!(open_after("Er sagte „wir bleiben"));
        assert!(!open_after("The 6'5\" forward"));
        assert!(!open_after("He said \"we stay in 2020\""));
        assert!(!open_after("“an open quote\nends with its paragraph"));
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("“We will stay.” She left. He said \"no.\" Then silence."),
            ["“We will stay.”", "She left.", "He said \"no.\"", "Then silence."]
        );
    }

    #[test]
    fn decimals_and_lowercase_continuations_do_not_split() {
        assert_eq!(split("Prices rose 3.5 percent. e.g. this."), ["Prices rose 3.5 percent. e.g. this."]);
    }

    #[test]
    fn paragraphs_end_sentences_and_spans_are_trimmed() {
        let text = "  Headline without period\n\nFirst line here.  ";
        assert_eq!(split(text), ["Headline without period", "First line here."]);
    }
}
