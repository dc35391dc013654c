//! The shingle metric of the article-extraction benchmark (Scrapinghub's
//! `evaluate.py`), reimplemented so that our extractor and every published
//! system are scored by the same code in one run.
//!
//! Texts are cut into tokens the way Python's `re.findall(r"\w+")` does on a
//! `str`: runs of letters, numbers and `_` (Unicode general categories L* and
//! N*), case kept. Tokens are grouped into overlapping 4-grams ("shingles");
//! a text of fewer than four tokens is one shorter shingle, an empty text has
//! none. Per page, shingle multisets are compared into true positives, false
//! positives and false negatives, then divided by their sum so that long
//! articles weigh no more than short ones. Precision is averaged over the
//! pages where something was predicted or expected to be predicted
//! (tp + fp > 0), recall over the pages with gold text (tp + fn > 0), and F1
//! is the harmonic mean of those two averages, not an average of per-page F1.
//! Accuracy is the share of pages whose token sequence matches exactly.

use std::collections::HashMap;

use unicode_general_category::{get_general_category, GeneralCategory as G};

/// Shingle matches of one page, normalised to sum to 1 (all zero when both
/// texts are empty).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counts {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl Counts {
    /// Precision as `evaluate.py` defines it: 1 when nothing was missed or
    /// added, 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }
}

/// Benchmark-level scores of one system.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

/// Python's `\w`: letters, numbers (any script) and the underscore.
fn is_word_char(c: char) -> bool {
    c == '_'
        || matches!(
            get_general_category(c),
            G::UppercaseLetter
                | G::LowercaseLetter
                | G::TitlecaseLetter
                | G::ModifierLetter
                | G::OtherLetter
                | G::DecimalNumber
                | G::LetterNumber
                | G::OtherNumber
        )
}

pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c)).filter(|t| !t.is_empty()).collect()
}

/// Shingle counts; only sums are taken from them, so their order never shows.
fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let n = 4.min(tokens.len());
    for window in tokens.windows(n) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

/// Compares the shingles of the gold text and of a prediction.
pub fn compare(gold: &str, predicted: &str) -> Counts {
    let (gold, predicted) = (tokens(gold), tokens(predicted));
    let (gold, predicted) = (shingles(&gold), shingles(&predicted));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &g) in &gold {
        let p = predicted.get(shingle).copied().unwrap_or(0);
        tp += g.min(p);
        fn_ += g.saturating_sub(p);
    }
    for (shingle, &p) in &predicted {
        fp += p.saturating_sub(gold.get(shingle).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return Counts { tp: 0.0, fp: 0.0, fn_: 0.0 };
    }
    Counts { tp: tp as f64 / sum, fp: fp as f64 / sum, fn_: fn_ as f64 / sum }
}

/// Whether the two texts have the same tokens in the same order.
pub fn exact(gold: &str, predicted: &str) -> bool {
    tokens(gold) == tokens(predicted)
}

/// Averages pages as `evaluate.py` does; `exact_matches` counts pages whose
/// tokens matched exactly.
pub fn summarize(pages: &[Counts], exact_matches: usize) -> Summary {
    let precision = mean(pages.iter().filter(|c| c.tp + c.fp > 0.0).map(Counts::precision));
    let recall = mean(pages.iter().filter(|c| c.tp + c.fn_ > 0.0).map(Counts::recall));
    let accuracy = if pages.is_empty() { 0.0 } else { exact_matches as f64 / pages.len() as f64 };
    Summary { precision, recall, f1: harmonic(precision, recall), accuracy }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

fn harmonic(a: f64, b: f64) -> f64 {
    if a + b == 0.0 {
        0.0
    } else {
        2.0 * a * b / (a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_follow_python_word_characters() {
        assert_eq!(
            tokens("Don't stop—now! snake_case 3.5 km²"),
            ["Don", "t", "stop", "now", "snake_case", "3", "5", "km²"]
        );
        assert_eq!(tokens("Привет, мир 東京"), ["Привет", "мир", "東京"]);
        // Devanagari vowel signs are marks, not letters, for Python's `\w`.
        assert_eq!(tokens("हिन्दी"), ["ह", "न", "द"]);
    }

    #[test]
    fn hand_computed_shingle_counts() {
        // Gold "a b c d e": shingles abcd, bcde. Prediction "a b c d x":
        // abcd, bcdx. One shared, one missed, one extra: tp = fp = fn = 1/3.
        let c = compare("a b c d e", "a b c d x");
        assert!(close(c.tp, 1.0 / 3.0) && close(c.fp, 1.0 / 3.0) && close(c.fn_, 1.0 / 3.0));
        assert!(close(c.precision(), 0.5) && close(c.recall(), 0.5) && close(c.f1(), 0.5));

        // Gold: abcd bcde cdef. Prediction: abcd bcde cdez. tp 2, fp 1, fn 1
        // of 4: P = R = 2/3.
        let c = compare("a b c d e f", "a b c d e z");
        assert!(close(c.tp, 0.5) && close(c.fp, 0.25) && close(c.fn_, 0.25));
        assert!(close(c.precision(), 2.0 / 3.0) && close(c.recall(), 2.0 / 3.0));

        // The gold text twice: abcd bcde cdea deab eabc abcd bcde. Two match,
        // five are extra: tp 2/7, fp 5/7.
        let c = compare("a b c d e", "a b c d e a b c d e");
        assert!(close(c.tp, 2.0 / 7.0) && close(c.fp, 5.0 / 7.0) && c.fn_ == 0.0);
        assert!(close(c.precision(), 2.0 / 7.0) && close(c.recall(), 1.0));
    }

    #[test]
    fn short_and_empty_texts() {
        // Fewer than four tokens make one short shingle.
        assert_eq!(compare("Breaking news", "Breaking news").f1(), 1.0);
        assert_eq!(compare("Breaking news", "breaking news").tp, 0.0);
        let empty = compare("Some gold text here", "");
        assert_eq!((empty.tp, empty.fp, empty.fn_), (0.0, 0.0, 1.0));
        assert_eq!((empty.precision(), empty.recall()), (0.0, 0.0));
        let nothing = compare("", "");
        assert_eq!((nothing.tp, nothing.fp, nothing.fn_), (0.0, 0.0, 0.0));
    }

    #[test]
    fn averages_skip_pages_without_predictions() {
        let perfect = compare("one two three four five", "one two three four five");
        let empty = compare("one two three four five", "");
        let half = compare("a b c d e", "a b c d x");
        let s = summarize(&[perfect, empty, half], 1);
        // Precision over the two pages that predicted something, recall over all three.
        assert!(close(s.precision, 0.75));
        assert!(close(s.recall, 0.5));
        assert!(close(s.f1, 0.6));
        assert!(close(s.accuracy, 1.0 / 3.0));
        assert!(exact("One, two.", "One two") && !exact("One two", "One two three"));
    }
}
