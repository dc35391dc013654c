//! What both backends' full-text search share: the words of a user's text and
//! the highlight marks in a snippet.
//!
//! A query is built from words only (runs of letters and digits), so nothing a
//! user types can be taken for the query syntax of FTS5 or of `tsquery`. Each
//! backend marks matched words in its snippet with two control characters,
//! which clean text never holds; [`unmark`] turns them into byte spans.

use corroborate_model::Span;

/// Put before a matched word in a snippet.
pub(crate) const OPEN: char = '\u{2}';
/// Put after a matched word in a snippet.
pub(crate) const CLOSE: char = '\u{3}';

/// The words of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<&str> {
    // A word repeated adds nothing to what matches, but each costs the
    // ranking of every match: it is searched once, where it was typed last.
    let mut seen = std::collections::HashSet::new();
    let mut words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .filter(|w| seen.insert(w.to_lowercase()))
        .collect();
    words.reverse();
    // The last word is the one being typed (searched as a prefix).
    if words.len() > MAX_WORDS {
        words.drain(MAX_WORDS - 1..words.len() - 1);
    }
    words
}

/// Most words a search looks for: the first ones and the last.
pub(crate) const MAX_WORDS: usize = 12;

/// Removes the match marks from a snippet, returning where they were.
pub(crate) fn unmark(marked: &str) -> (String, Vec<Span>) {
    let mut text = String::with_capacity(marked.len());
    let mut highlights = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            OPEN => open = Some(text.len()),
            CLOSE => {
                if let Some(start) = open.take() {
                    highlights.push(Span::new(start, text.len()));
                }
            }
            _ => text.push(c),
        }
    }
    (text, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_every_operator() {
        assert_eq!(words("NEAR(\"a\" OR b*) café-au-lait"), ["NEAR", "a", "OR", "b", "café", "au", "lait"]);
        assert!(words(" -*\" & | ! :*").is_empty());
    }

    #[test]
    fn words_are_searched_once_and_at_most_twelve() {
        assert_eq!(words("the harbor The reopens the"), ["harbor", "reopens", "the"]);
        let many: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let text = many.join(" ");
        let kept = words(&text);
        assert_eq!(kept.len(), MAX_WORDS);
        assert_eq!((kept[0], kept[10], kept[11]), ("w0", "w10", "w39"));
        assert_eq!(words(&"the ".repeat(1000)), ["the"]);
    }

    #[test]
    fn snippets_lose_their_marks_and_keep_their_spans() {
        let (text, spans) = unmark("…the \u{2}harbor\u{3} will \u{2}reopen\u{3}");
        assert_eq!(text, "…the harbor will reopen");
        assert_eq!(spans.iter().map(|s| &text[s.start..s.end]).collect::<Vec<_>>(), ["harbor", "reopen"]);
    }
}
