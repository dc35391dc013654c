//! The English word list behind the spelling flag, and the search for a
//! frequent word one edit away from an unknown token.
//!
//! The list is not part of the project: it is the English word list that the
//! wordfreq package (PyPI) ships, most frequent word first, one word a line,
//! written by `scripts/install-words.sh` to
//! `~/.local/share/corroborate/words-en.txt` (or to the file named by
//! `CORROBORATE_WORDS`). It is read and indexed once, on first use, into hash
//! tables; lookups hash the token and allocate nothing. Without the file the
//! spelling flag is off and the other flags work as usual. Tests use a short
//! list of the project's own.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The word list, most frequent first.
#[cfg(not(test))]
fn list() -> &'static str {
    let path = std::env::var_os("CORROBORATE_WORDS").map(std::path::PathBuf::from).or_else(|| {
        std::env::var_os("HOME")
            .map(|home| std::path::Path::new(&home).join(".local/share/corroborate/words-en.txt"))
    });
    let text = path.and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    Box::leak(text.into_boxed_str())
}

#[cfg(test)]
fn list() -> &'static str {
    TEST_WORDS
}

/// Whether a word list was found (else the spelling flag is off).
pub(super) fn available() -> bool {
    !index().ranks.is_empty()
}

/// A short ranked list written for the tests (common English words first).
#[cfg(test)]
const TEST_WORDS: &str = "the\nof\nand\nto\na\nin\nthat\nis\nwas\nfor\nit\nwith\nas\non\nbe\nat\nby\n\
this\nhad\nnot\nare\nbut\nfrom\nor\nhave\nan\nthey\nwhich\none\nyou\nwere\nher\nall\nshe\n\
there\nwould\ntheir\nwe\nhim\nbeen\nhas\nwhen\nwho\nwill\nmore\nno\nif\nout\nso\nsaid\n\
what\nup\nits\nabout\ninto\nthan\nthem\ncan\nonly\nother\nnew\nsome\ncould\ntime\nthese\n\
two\nmay\nthen\ndo\nfirst\nany\nmy\nnow\nsuch\nlike\nour\nover\nman\nme\neven\nmost\n\
made\nafter\nalso\ndid\nmany\nbefore\nmust\nthrough\nback\nyears\nwhere\nmuch\nyour\nway\n\
well\ndown\nshould\nbecause\neach\njust\nthose\npeople\nhow\ntoo\nlittle\nstate\ngood\n\
very\nmake\nworld\nstill\nown\nsee\nmen\nwork\nlong\nget\nhere\nbetween\nboth\nlife\n\
being\nunder\nnever\nday\nsame\nanother\nknow\nwhile\nlast\nmight\nus\ngreat\nold\nyear\n\
government\nminister\nbill\nhours\npass\ndebated\nreceive\ncouncil\nharbour\nreport\ntalks\n\
however\nmeeting\nweek\ncity\nvote\n\
capital\ndeal\nend\nenvoy\nexample\nflew\nheld\nlate\nleft\nlocal\nmayor\nmean\nmet\nname\noffice\nplan\nreached\nready\nreporters\nrose\nsales\nsides\nspoke\nstarts\nteam\ntoday\ntold\nvotes\nwithout\nword\ntext\nspace\n";

/// Words ranked below this count as frequent enough to be suggested.
const FREQUENT: u32 = 5000;

/// The longest token checked; longer words are left alone.
pub(super) const MAX_LEN: usize = 20;

/// FNV-1a: short keys, no need for flooding resistance (the keys are the
/// fixed word list).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Map<V> = HashMap<&'static [u8], V, BuildHasherDefault<Fnv>>;

struct Index {
    /// Every word with its rank.
    ranks: Map<u32>,
    /// Each frequent word with one letter deleted → the most frequent such
    /// word (owned keys, leaked once: the index lives for the program).
    deletes: Map<(&'static str, u32)>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let words = list().lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        let mut ranks: Map<u32> = Map::default();
        let mut deletes: Map<(&'static str, u32)> = Map::default();
        for (word, rank) in words.zip(0..) {
            ranks.entry(word.as_bytes()).or_insert(rank);
            if rank >= FREQUENT {
                continue;
            }
            for at in 0..word.len() {
                let variant = [&word.as_bytes()[..at], &word.as_bytes()[at + 1..]].concat();
                let variant: &'static [u8] = Box::leak(variant.into_boxed_slice());
                deletes.entry(variant).or_insert((word, rank));
            }
        }
        Index { ranks, deletes }
    })
}

/// The frequency rank of a lowercase ASCII word, if it is in the list.
pub(super) fn rank(word: &[u8]) -> Option<u32> {
    index().ranks.get(word).copied()
}

fn frequent(word: &[u8]) -> Option<(&'static str, u32)> {
    let (&k, &r) = index().ranks.get_key_value(word)?;
    (r < FREQUENT).then(|| (std::str::from_utf8(k).unwrap_or_default(), r))
}

fn better(best: &mut Option<(&'static str, u32)>, found: Option<(&'static str, u32)>) {
    if let Some(f) = found {
        if best.is_none_or(|b| f.1 < b.1) {
            *best = Some(f);
        }
    }
}

/// The most frequent word one edit away from `token` (a lowercase ASCII word
/// not in the list), preferring a missing letter (`wich` → `which`), then
/// swapped neighbours, an extra letter and a wrong letter. Uses the index of
/// deletions (the "symmetric delete" method): a handful of hash lookups.
pub(super) fn suggestion(token: &[u8]) -> Option<&'static str> {
    let n = token.len();
    if !(2..=MAX_LEN).contains(&n) {
        return None;
    }
    let idx = index();
    if let Some(&(word, _)) = idx.deletes.get(token) {
        return Some(word);
    }
    let mut buf = [0u8; MAX_LEN];
    let mut best = None;
    for at in 0..n - 1 {
        buf[..n].copy_from_slice(token);
        buf.swap(at, at + 1);
        better(&mut best, frequent(&buf[..n]));
    }
    if best.is_none() {
        for at in 0..n {
            buf[..at].copy_from_slice(&token[..at]);
            buf[at..n - 1].copy_from_slice(&token[at + 1..]);
            better(&mut best, frequent(&buf[..n - 1]));
        }
    }
    if best.is_none() {
        for at in 0..n {
            buf[..at].copy_from_slice(&token[..at]);
            buf[at..n - 1].copy_from_slice(&token[at + 1..]);
            // A wrong letter: the same deletion of a word of the same length
            // that differs only there.
            let found =
                idx.deletes.get(&buf[..n - 1]).copied().filter(|(w, _)| {
                    w.len() == n && w.bytes().zip(token).filter(|(a, b)| a != *b).count() == 1
                });
            better(&mut best, found);
        }
    }
    best.map(|b| b.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_and_ranked() {
        assert!(available());
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
