//! What the clusterer sees of an article.

use corroborate_text::{fold, is_stopword, stem, tokens, TokenKind};
use std::collections::HashMap;

/// Words of the body looked at: the lead carries the event; long tails add noise and cost.
const MAX_BODY_WORDS: usize = 1200;
/// Title words count this many times a body word: a headline names the event.
const TITLE_WEIGHT: f32 = 2.0;

/// Term weights and day of one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// (stem, weight), sorted by stem.
    pub terms: Vec<(String, f32)>,
    /// Days since 1970-01-01 of the publication date, when known.
    pub day: Option<i32>,
}

/// Features of an article from its title, clean body and ISO publication date.
///
/// Weights are sublinear in the count (`1 + ln count`) so that a word repeated
/// in a long article does not drown the others. Each distinct word is stemmed
/// once.
pub fn features(title: &str, body: &str, published: Option<&str>) -> Features {
    let mut counts: HashMap<String, f32> = HashMap::new();
    add_words(title, TITLE_WEIGHT, usize::MAX, &mut counts);
    add_words(body, 1.0, MAX_BODY_WORDS, &mut counts);
    let mut stems: HashMap<String, f32> = HashMap::with_capacity(counts.len());
    for (word, count) in counts {
        *stems.entry(stem(&word)).or_insert(0.0) += count;
    }
    let mut terms: Vec<(String, f32)> = stems.into_iter().map(|(t, c)| (t, 1.0 + c.ln().max(0.0))).collect();
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    Features { terms, day: published.and_then(day_number) }
}

fn add_words(text: &str, weight: f32, limit: usize, counts: &mut HashMap<String, f32>) {
    for token in tokens(text).take(limit) {
        if token.kind != TokenKind::Word || token.text.len() < 2 {
            continue;
        }
        let folded = fold(token.text);
        if is_stopword(&folded) {
            continue;
        }
        *counts.entry(folded).or_insert(0.0) += weight;
    }
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, optionally followed by a time).
pub fn day_number(iso: &str) -> Option<i32> {
    let y: i32 = iso.get(0..4)?.parse().ok()?;
    let m: u32 = iso.get(5..7)?.parse().ok()?;
    let d: u32 = iso.get(8..10)?.parse().ok()?;
    if iso.as_bytes().get(4) != Some(&b'-') || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_from_the_epoch() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2026-03-05T10:00:00Z"), day_number("2026-03-05"));
        assert_eq!(day_number("2026-03-05").unwrap() - day_number("2026-02-26").unwrap(), 7);
        assert_eq!(day_number("March 5"), None);
        assert_eq!(day_number("2026-13-01"), None);
    }

    #[test]
    fn titles_weigh_more_inflections_merge_and_stopwords_are_dropped() {
        let f = features("Dam talks", "The talk on the dam began. Officials met Ortiz at the dams.", None);
        let weight = |t: &str| f.terms.iter().find(|(s, _)| s == t).map(|p| p.1);
        assert!(weight("the").is_none());
        assert!(weight("dam").unwrap() > weight("ortiz").unwrap());
        assert!(weight("talk").unwrap() > weight("began").unwrap());
        assert_eq!(weight("ortiz"), weight("began"));
        assert!(f.terms.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
