//! Headlines of roundups: one article that lists the day's stories.
//!
//! A newsletter or a digest (`10 things in tech you need to know today`,
//! `Opening Bell 11.18.19`, `Tuesday's Morning Email: …`) reports several
//! events at once. Clustered with one of them, its headline would title a
//! story it is only partly about; such a headline stands in until a report
//! of the event's own joins (see the engine's story titles).

use corroborate_text::fold;

/// Counted items that open a roundup's headline (`10 things …`).
const ITEMS: &[&str] = &["things", "stories", "headlines"];

/// Number words that may count them (`Five things to know`).
const NUMBER_WORDS: &[&str] = &[
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
];

/// Word pairs that name a newsletter.
const NEWSLETTERS: &[[&str; 2]] = &[
    ["morning", "email"],
    ["morning", "briefing"],
    ["evening", "briefing"],
    ["daily", "briefing"],
    ["news", "briefing"],
    ["news", "briefs"],
    ["in", "brief"],
];

/// Whether a headline is that of a roundup of several stories: it opens
/// with a count of things or stories, names a newsletter (`Morning Email`,
/// `In Brief`), or carries a date in digits as an issue's (`11.18.19`).
pub fn is_roundup_title(title: &str) -> bool {
    let words: Vec<String> =
        title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(fold).collect();
    let counted = words.len() >= 2
        && (words[0].chars().all(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&words[0].as_str()))
        && ITEMS.contains(&words[1].as_str());
    let newsletter =
        words.windows(2).any(|pair| NEWSLETTERS.iter().any(|n| pair[0] == n[0] && pair[1] == n[1]));
    counted || newsletter || title.split_whitespace().any(is_issue_date)
}

/// A date in digits with dots or slashes, as an issue is numbered
/// (`11.18.19`, `18/11/2019`): two parts that can be a month and a day, and
/// a year of two or four digits (a version number such as `2.1.3` is not one).
fn is_issue_date(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = word.split(['.', '/']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let number = |p: &str| p.parse::<u32>().unwrap_or(0);
    let (a, b) = (number(parts[0]), number(parts[1]));
    let day_and_month = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4)
        && (day_and_month(a, b) || day_and_month(b, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundups_are_told_by_their_headlines() {
        for title in [
            "10 things in tech you need to know today",
            "10 Things to Know for Today.",
            "Five things to watch this week",
            "Opening Bell 11.18.19",
            "Market wrap 18/11/2019: stocks drift",
            "Tuesday’s Morning Email: President Obama’s Last State Of The Union.",
            "IN BRIEF.",
            "World news in brief",
        ] {
            assert!(is_roundup_title(title), "{title}");
        }
    }

    #[test]
    fn headlines_of_one_event_are_not_roundups() {
        for title in [
            "Valdoria and Estmark seal Serra water pact: what we know",
            "Hurricane Ida: what you need to know",
            "3 killed in crash on the A4",
            "10 years after the flood, Orvik rebuilds",
            "Things fall apart in Tarsk",
            "Bayer settles Roundup claims",
            "Version 2.1.3 of the tax portal goes live",
            "Rate held at 4.25%",
            "Brief power cut hits Lindgrad",
        ] {
            assert!(!is_roundup_title(title), "{title}");
        }
    }
}
