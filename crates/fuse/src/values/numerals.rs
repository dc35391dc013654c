//! Numbers as written: digits (`1,200`, `3.5`, `1.2 million`, `€30m`), words
//! (`twelve`, `twenty-five`, `two hundred`, `a dozen`, `three dozen`) and
//! vague plurals (`dozens of`, `tens of thousands of`).
//!
//! A written figure stands for an interval: `12` is exactly twelve, but
//! `1.2 million` is anything that rounds to it, and `2,000` or `3 million`
//! are round figures that a writer may have rounded by a few per cent.

use corroborate_text::{fold, number_word, Token, TokenKind};

/// Relative margin of a round figure (`2,000`, `3 million`).
const ROUND: f64 = 0.05;

/// A number read from tokens `start..end`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Numeral {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Index of the token after the numeral.
    pub end: usize,
    /// Letters written onto the digits (`km` in `40km`, `m` in `€30m`), folded.
    pub suffix: String,
}

/// Vague plurals followed by `of`, and the interval each covers.
const VAGUE: &[(&[&str], f64, f64)] = &[
    (&["tens", "of", "thousands"], 2e4, 2e5),
    (&["hundreds", "of", "thousands"], 2e5, 2e6),
    (&["tens", "of", "millions"], 2e7, 2e8),
    (&["dozens"], 24.0, 200.0),
    (&["scores"], 40.0, 400.0),
    (&["hundreds"], 200.0, 2000.0),
    (&["thousands"], 2000.0, 20000.0),
    (&["millions"], 2e6, 2e7),
];

fn magnitude(word: &str) -> Option<f64> {
    match word {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// Tokens and the text they come from, for reading words in order.
pub(crate) struct Reader<'a> {
    pub text: &'a str,
    pub toks: &'a [Token<'a>],
    /// Each token folded, once.
    folded: Vec<String>,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, toks: &'a [Token<'a>]) -> Self {
        Reader { text, toks, folded: toks.iter().map(|t| fold(t.text)).collect() }
    }

    /// The folded word at `i`, if token `i` is a word.
    pub fn word(&self, i: usize) -> Option<&str> {
        self.toks.get(i).filter(|t| t.kind == TokenKind::Word).map(|_| self.folded[i].as_str())
    }

    /// Whether token `i` is the word `w` (folded).
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|x| x == w)
    }

    /// The text between tokens `i - 1` and `i`.
    pub fn gap(&self, i: usize) -> &'a str {
        match (i.checked_sub(1).and_then(|p| self.toks.get(p)), self.toks.get(i)) {
            (Some(a), Some(b)) => &self.text[a.span.end..b.span.start],
            (None, Some(b)) => &self.text[..b.span.start],
            (Some(a), None) => &self.text[a.span.end..],
            (None, None) => "",
        }
    }

    /// Whether tokens `i - 1` and `i` are separated by one space.
    pub fn spaced(&self, i: usize) -> bool {
        self.gap(i) == " "
    }

    /// Whether tokens `i - 1` and `i` are separated by a space or a hyphen.
    pub fn joined(&self, i: usize) -> bool {
        matches!(self.gap(i), " " | "-")
    }

    /// Whether the words at `i..` are `words`, one space apart.
    pub fn phrase(&self, i: usize, words: &[&str]) -> bool {
        words.iter().enumerate().all(|(k, w)| self.is(i + k, w) && (k == 0 || self.spaced(i + k)))
    }
}

/// The number starting at token `i`, if one does.
pub(crate) fn numeral(r: &Reader, i: usize) -> Option<Numeral> {
    let t = r.toks.get(i)?;
    if t.kind == TokenKind::Number {
        return digits(r, i);
    }
    vague(r, i).or_else(|| words(r, i))
}

/// `1,200`, `3.5`, `1.2 million`, `5bn`, `40km`.
fn digits(r: &Reader, i: usize) -> Option<Numeral> {
    let text = r.toks[i].text;
    let cut = text.find(|c: char| c.is_alphabetic()).unwrap_or(text.len());
    let (number, suffix) = text.split_at(cut);
    if number.ends_with(['.', ',']) || !number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let mut groups = number.split(',');
    let head = groups.next()?;
    if number.contains(',') && (head.is_empty() || head.len() > 3 || head.contains('.')) {
        return None;
    }
    if !groups.all(|g| g.split('.').next().is_some_and(|d| d.len() == 3)) {
        return None;
    }
    let plain = number.replace(',', "");
    let value: f64 = plain.parse().ok()?;
    let decimals = plain.split_once('.').map_or(0, |(_, d)| d.len());
    let mut suffix = fold(suffix);
    if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
        return None;
    }
    let mut end = i + 1;
    let mut scale = match suffix.as_str() {
        "k" => Some(1e3),
        "mn" => Some(1e6),
        "bn" => Some(1e9),
        _ => None,
    };
    if scale.is_some() {
        suffix.clear();
    } else if suffix.is_empty() && r.spaced(end) {
        scale = r.word(end).and_then(magnitude);
        if scale.is_some() {
            end += 1;
        }
    }
    let scale_value = scale.unwrap_or(1.0);
    let value = value * scale_value;
    let margin = if decimals > 0 {
        0.5 * 10f64.powi(-(decimals as i32)) * scale_value
    } else if scale.is_some() || is_round(value) {
        ROUND * value
    } else {
        0.0
    };
    Some(Numeral { value, low: value - margin, high: value + margin, end, suffix })
}

/// A whole number of at least a hundred ending in two zeros: likely rounded.
fn is_round(value: f64) -> bool {
    value >= 100.0 && value.fract() == 0.0 && value % 100.0 == 0.0
}

/// `dozens of`, `tens of thousands of`: the interval, up to and including `of`.
fn vague(r: &Reader, i: usize) -> Option<Numeral> {
    let (words, low, high) = VAGUE.iter().find(|(words, _, _)| r.phrase(i, words))?;
    let end = i + words.len();
    if !(r.is(end, "of") && r.spaced(end)) {
        return None;
    }
    Some(Numeral { value: *low, low: *low, high: *high, end: end + 1, suffix: String::new() })
}

/// A number in words: `twelve`, `twenty-five`, `two hundred and fifty`,
/// `a dozen`, `three dozen`, `half a million`.
fn words(r: &Reader, i: usize) -> Option<Numeral> {
    let first = r.word(i)?;
    let article = matches!(first, "a" | "an" | "half");
    let (mut value, mut end) = match first {
        "a" | "an" => (1.0, i + 1),
        "half" if r.is(i + 1, "a") && r.spaced(i + 1) => (0.5, i + 2),
        _ => small(r, i)?,
    };
    let next = |end: usize| r.spaced(end).then(|| r.word(end)).flatten();
    let (mut dozen, mut hundred, mut scaled) = (false, false, false);
    match next(end) {
        Some("dozen") => {
            value *= 12.0;
            end += 1;
            dozen = true;
        }
        Some("hundred") => {
            value *= 100.0;
            end += 1;
            hundred = true;
            let and = usize::from(r.is(end, "and") && r.spaced(end));
            if r.spaced(end + and) {
                if let Some((rest, after)) = small(r, end + and) {
                    value += rest;
                    end = after;
                }
            }
        }
        _ => {}
    }
    if !dozen {
        if let Some(m) = next(end).and_then(magnitude) {
            value *= m;
            end += 1;
            scaled = true;
        }
    }
    if article && !(dozen || hundred || scaled) {
        return None;
    }
    let margin = if dozen {
        (0.1 * value).max(1.0)
    } else if scaled || is_round(value) {
        ROUND * value
    } else {
        0.0
    };
    Some(Numeral { value, low: value - margin, high: value + margin, end, suffix: String::new() })
}

/// `seven`, `forty`, `forty-two`: the value and the index after it.
fn small(r: &Reader, i: usize) -> Option<(f64, usize)> {
    let n = number_word(r.word(i)?)?;
    if n >= 20 && r.gap(i + 1) == "-" {
        if let Some(unit) = r.word(i + 1).and_then(number_word).filter(|u| (1..=9).contains(u)) {
            return Some((f64::from(n + unit), i + 2));
        }
    }
    Some((f64::from(n), i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_text::tokens;

    fn read(text: &str) -> Option<(f64, f64, f64, usize)> {
        let toks: Vec<Token> = tokens(text).collect();
        let r = Reader::new(text, &toks);
        numeral(&r, 0).map(|n| (n.value, n.low, n.high, n.end))
    }

    #[test]
    fn digits_and_words_read_as_numbers() {
        let cases: &[(&str, f64, usize)] = &[
            ("12 workers", 12.0, 1),
            ("1,200 people", 1200.0, 1),
            ("3.5 hours", 3.5, 1),
            ("1.2 million people", 1.2e6, 2),
            ("5bn", 5e9, 1),
            ("twelve workers", 12.0, 1),
            ("twenty-five workers", 25.0, 2),
            ("two hundred and fifty people", 250.0, 4),
            ("a dozen workers", 12.0, 2),
            ("three dozen workers", 36.0, 2),
            ("half a million people", 5e5, 3),
            ("a million people", 1e6, 2),
            ("forty thousand fans", 4e4, 2),
        ];
        for &(text, value, end) in cases {
            let (v, _, _, e) = read(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((v, e), (value, end), "{text}");
        }
    }

    #[test]
    fn written_precision_sets_the_interval() {
        let cases: &[(&str, f64, f64)] = &[
            ("12 workers", 12.0, 12.0),
            ("1.2 million", 1.15e6, 1.25e6),
            ("3.5 hours", 3.45, 3.55),
            ("2,000 people", 1900.0, 2100.0),
            ("3 million", 2.85e6, 3.15e6),
            ("a dozen", 10.8, 13.2),
            ("dozens of people", 24.0, 200.0),
            ("tens of thousands of people", 2e4, 2e5),
        ];
        for &(text, low, high) in cases {
            let (_, l, h, _) = read(text).unwrap_or_else(|| panic!("{text}"));
            assert!((l - low).abs() < 1e-6 && (h - high).abs() < 1e-6, "{text}: {l}..{h}");
        }
    }

    #[test]
    fn words_that_are_not_numbers_are_left_alone() {
        for text in ["a crane collapsed", "an inspection", "half the workers", "3rd", "1,20", "12,3456"] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
