//! English month and weekday names, as dates are written in news text.

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Month number (1 to 12) of a month name or its usual abbreviation (`Mar`,
/// `Sept.`), in any ASCII case, with or without a final period.
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    let word = if word.eq_ignore_ascii_case("sept") { &word[..3] } else { word };
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            (word.len() == 3 || word.len() == m.len())
                && m.get(..word.len()).is_some_and(|prefix| prefix.eq_ignore_ascii_case(word))
        })
        .map(|i| i as u32 + 1)
}

/// Monday = 0 for a weekday name written in full, in any ASCII case.
pub fn weekday_number(word: &str) -> Option<u32> {
    WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(word)).map(|i| i as u32)
}

/// Abbreviations of time zones as news text writes them after a time
/// (`10:30 GMT`, `7 p.m. ET`), sorted.
const TIME_ZONES: [&str; 24] = [
    "AEDT", "AEST", "BST", "CDT", "CEST", "CET", "CST", "EDT", "EEST", "EET", "EST", "ET", "GMT", "HKT",
    "IST", "JST", "MDT", "MSK", "MST", "PDT", "PST", "SGT", "UTC", "WET",
];

/// Whether a word is the abbreviation of a time zone, written in capitals.
pub fn is_time_zone(word: &str) -> bool {
    TIME_ZONES.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_full_or_abbreviated() {
        for (word, month) in
            [("January", 1), ("mar", 3), ("Mar.", 3), ("may", 5), ("SEPT", 9), ("sep.", 9), ("december", 12)]
        {
            assert_eq!(month_number(word), Some(month), "{word}");
        }
        for word in ["", "ma", "marc", "mayo", "septe", "junee", "jury", "é", "mär"] {
            assert_eq!(month_number(word), None, "{word}");
        }
    }

    #[test]
    fn time_zones_in_capitals() {
        assert!(TIME_ZONES.windows(2).all(|w| w[0] < w[1]), "sorted for the binary search");
        for word in ["GMT", "UTC", "EST", "ET", "CEST"] {
            assert!(is_time_zone(word), "{word}");
        }
        for word in ["gmt", "Est", "ETA", "", "Greenwich"] {
            assert!(!is_time_zone(word), "{word}");
        }
    }

    #[test]
    fn weekdays_in_full() {
        assert_eq!(weekday_number("Monday"), Some(0));
        assert_eq!(weekday_number("sunday"), Some(6));
        assert_eq!(weekday_number("Mon"), None);
    }
}
