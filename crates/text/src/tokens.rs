//! Word tokens with byte spans, case folding, stop words and English stems.

use corroborate_model::Span;
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with inner apostrophes, hyphens or periods: `O’Brien`, `U.S.`).
    Word,
    /// Digits, possibly with separators (`1,200`, `3.5`).
    Number,
}

/// A word or number in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Span,
    pub kind: TokenKind,
}

impl Token<'_> {
    /// Whether the token starts with an uppercase letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The words and numbers of `text`, in order, following Unicode word
/// boundaries (UAX #29), which keep `O’Brien`, `U.S.` and `3.5` whole.
pub fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    crate::segment::segments(text).filter_map(|(start, w)| {
        let first = w.chars().next()?;
        let kind = if first.is_numeric() {
            TokenKind::Number
        } else if first.is_alphabetic() {
            TokenKind::Word
        } else {
            return None;
        };
        Some(Token { text: w, span: Span::new(start, start + w.len()), kind })
    })
}

/// Whether a character is an apostrophe (straight, curly or a modifier
/// letter), all of which folding makes straight.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Case- and accent-folded form of a word, for matching: `Brâncuși` → `brancusi`,
/// curly apostrophes become straight.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// Appends the folded form of `word` (see [`fold`]) to `out`, so that a loop
/// over many words can reuse one buffer.
pub fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            c if is_apostrophe(c) => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

/// English Snowball stem of a folded word (see [`crate::stem_in`]).
pub fn stem(folded: &str) -> String {
    crate::language::stem_in(crate::Language::English, folded)
}

/// Whether a folded word is an English function word that carries no topic.
pub fn is_stopword(folded: &str) -> bool {
    // Looked up for nearly every word of every text: one hash and at most
    // one string comparison, and nothing for words longer than all.
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    if folded.len() > LONGEST_STOPWORD {
        return false;
    }
    SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(folded)
}

/// Length in bytes of the longest stop word.
const LONGEST_STOPWORD: usize = 10;

// Sorted, for binary search.
#[rustfmt::skip]
pub(crate) const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "it's", "its",
    "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
    "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
    "said", "same", "says", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
    "yours", "yourself",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(STOPWORDS.iter().map(|w| w.len()).max(), Some(LONGEST_STOPWORD));
        for w in STOPWORDS {
            assert!(is_stopword(w), "{w}");
            assert!(!is_stopword(&format!("{w}x")) || STOPWORDS.contains(&format!("{w}x").as_str()));
        }
        assert!(!is_stopword("") && !is_stopword("zebra") && !is_stopword("themselvesx"));
    }

    #[test]
    fn tokens_keep_names_and_numbers_whole() {
        let text = "O’Brien met U.S. envoys on 3.5 issues, 1,200 people.";
        let words: Vec<&str> = tokens(text).map(|t| t.text).collect();
        assert_eq!(words, ["O’Brien", "met", "U.S", "envoys", "on", "3.5", "issues", "1,200", "people"]);
        for t in tokens(text) {
            assert_eq!(&text[t.span.start..t.span.end], t.text);
        }
    }

    #[test]
    fn fold_strips_case_and_diacritics() {
        assert_eq!(fold("Brâncuși"), "brancusi");
        assert_eq!(fold("O’Brien"), "o'brien");
        assert_eq!(fold("PARIS"), "paris");
    }

    #[test]
    fn stems_conflate_inflections() {
        assert_eq!(stem("meetings"), stem("meeting"));
        assert_eq!(stem("recalled"), stem("recalls"));
    }

    #[test]
    fn fold_into_appends_to_what_the_buffer_holds() {
        let mut buf = String::from("@");
        fold_into("Brâncuși", &mut buf);
        assert_eq!(buf, "@brancusi");
        fold_into(" O’Brien", &mut buf);
        assert_eq!(buf, "@brancusi o'brien");
    }
}
