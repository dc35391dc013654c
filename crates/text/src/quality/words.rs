//! The English word list behind the spelling flag, and the search for a
//! frequent word one edit away from an unknown token.
//!
//! The list is `data/words-en.txt`: the lowercase ASCII words of the "small"
//! English list of wordfreq 3.1.1 (Robyn Speer; data under CC BY-SA 4.0, and
//! so is the derived file), most frequent first. It is compiled into the
//! binary and indexed once, on first use, into a sorted table; lookups are
//! binary searches that allocate nothing.

use std::sync::OnceLock;

const LIST: &str = include_str!("../../data/words-en.txt");

/// Words ranked below this count as frequent enough to be suggested.
const FREQUENT: u32 = 5000;

/// The longest token checked; longer words are left alone.
pub(super) const MAX_LEN: usize = 20;

/// Words with their frequency rank (0 = most frequent), sorted by word.
fn table() -> &'static [(&'static str, u32)] {
    static TABLE: OnceLock<Vec<(&'static str, u32)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let words = LIST.lines().filter(|l| !l.is_empty() && !l.starts_with('#'));
        let mut table: Vec<(&str, u32)> = words.zip(0..).collect();
        table.sort_unstable();
        table.dedup_by(|a, b| a.0 == b.0);
        table
    })
}

/// The frequency rank of a lowercase ASCII word, if it is in the list.
pub(super) fn rank(word: &[u8]) -> Option<u32> {
    entry(word).map(|e| e.1)
}

fn entry(word: &[u8]) -> Option<(&'static str, u32)> {
    let t = table();
    t.binary_search_by(|(w, _)| w.as_bytes().cmp(word)).ok().map(|i| t[i])
}

/// The most frequent word one edit away from `token` (a lowercase ASCII word
/// not in the list), preferring a missing letter (`wich` → `which`), then
/// swapped neighbours, an extra letter and a wrong letter.
pub(super) fn suggestion(token: &[u8]) -> Option<&'static str> {
    let n = token.len();
    if n > MAX_LEN {
        return None;
    }
    let mut buf = [0u8; MAX_LEN + 1];
    let mut best: Option<(&'static str, u32)> = None;
    let consider = |word: &[u8], best: &mut Option<(&'static str, u32)>| {
        if let Some(e) = entry(word).filter(|e| e.1 < FREQUENT) {
            if best.is_none_or(|b| e.1 < b.1) {
                *best = Some(e);
            }
        }
    };
    // A missing letter.
    for at in 0..=n {
        for c in b'a'..=b'z' {
            buf[..at].copy_from_slice(&token[..at]);
            buf[at] = c;
            buf[at + 1..=n].copy_from_slice(&token[at..]);
            consider(&buf[..=n], &mut best);
        }
    }
    // Swapped neighbours, an extra letter, a wrong letter: tried only when no
    // missing letter explains the token.
    if best.is_none() {
        for at in 0..n.saturating_sub(1) {
            buf[..n].copy_from_slice(token);
            buf.swap(at, at + 1);
            consider(&buf[..n], &mut best);
        }
    }
    if best.is_none() {
        for at in 0..n {
            buf[..at].copy_from_slice(&token[..at]);
            buf[at..n - 1].copy_from_slice(&token[at + 1..]);
            consider(&buf[..n - 1], &mut best);
        }
    }
    if best.is_none() {
        for at in 0..n {
            buf[..n].copy_from_slice(token);
            for c in b'a'..=b'z' {
                buf[at] = c;
                consider(&buf[..n], &mut best);
            }
        }
    }
    best.map(|b| b.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_and_ranked() {
        assert!(rank(b"the").is_some_and(|r| r < 5));
        assert!(rank(b"which").is_some());
        assert_eq!(rank(b"wich"), None);
    }

    #[test]
    fn near_words_are_suggested() {
        assert_eq!(suggestion(b"wich"), Some("which"));
        assert_eq!(suggestion(b"goverment"), Some("government"));
        assert_eq!(suggestion(b"recieve"), Some("receive"));
        assert_eq!(suggestion(b"qzxv"), None);
    }
}
