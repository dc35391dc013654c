//! Numbers written as words.

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// The value of a number written as one folded English word: `zero` to
/// `nineteen`, and the tens from `twenty` to `ninety`.
pub fn number_word(folded: &str) -> Option<u32> {
    if let Some(n) = UNITS.iter().position(|w| *w == folded) {
        return Some(n as u32);
    }
    TENS.iter().position(|w| *w == folded).map(|n| 20 + 10 * n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_have_their_values() {
        let read: Vec<Option<u32>> =
            ["zero", "seven", "nineteen", "twenty", "forty", "ninety", "hundred", "Seven", ""]
                .into_iter()
                .map(number_word)
                .collect();
        assert_eq!(read, [Some(0), Some(7), Some(19), Some(20), Some(40), Some(90), None, None, None]);
    }
}
