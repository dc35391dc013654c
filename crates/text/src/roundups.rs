//! Headlines of roundups: one article that lists the day's stories.
//!
//! A newsletter or a digest (`10 things in tech you need to know today`,
//! `Opening Bell 11.18.19`, `Tuesday's Morning Email: …`) reports several
//! events at once. Clustered with one of them, its headline would title a
//! story it is only partly about; such a headline stands in until a report
//! of the event's own joins (see the engine's story titles).

use crate::{fold, number_word, weekday_number};

/// Counted items that open a roundup's headline (`10 things …`).
const ITEMS: &[&str] = &["things", "stories", "headlines"];

/// Words after the count, in the same part of the headline, that make the
/// things those of one event (`5 things to know about the ruling`, `three
/// things we learned from the debate`, `3 things to know as Hurricane Milton
/// nears`, `Five things to watch at Wednesday's Fed meeting`).
const ABOUT_ONE: &[&str] = &["about", "after", "ahead", "as", "at", "before", "from"];

/// Word pairs that end a newsletter's name (`Tuesday's Morning Email`,
/// `World news in brief`).
const NEWSLETTERS: &[[&str; 2]] = &[
    ["morning", "email"],
    ["morning", "brief"],
    ["morning", "briefing"],
    ["evening", "briefing"],
    ["daily", "briefing"],
    ["weekly", "briefing"],
    ["news", "briefs"],
    ["news", "digest"],
    ["daily", "digest"],
    ["in", "brief"],
    ["top", "stories"],
];

/// Whether a headline is that of a roundup of several stories: it opens
/// with a count of things or stories (not about one event), a part of it
/// (around a colon or a dash) ends with a newsletter's name (`Morning
/// Email`, `In Brief`), or with a date in digits, as an issue is dated
/// (`Opening Bell 11.18.19`).
pub fn is_roundup_title(title: &str) -> bool {
    let words_of = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric()).map(fold).filter(|w| !w.is_empty()).collect()
    };
    let words = words_of(title);
    let parts = || title.split([':', '|', '–', '—']).flat_map(|part| part.split(" - "));
    // The count opens the headline; what the things are of is said in the
    // same part (`10 things to know today: fire at the docks` lists them).
    let first_part = words_of(parts().next().unwrap_or_default());
    let counted = words.len() >= 2
        && (words[0].parse::<u32>().is_ok() || number_word(&words[0]).is_some_and(|n| (2..=30).contains(&n)))
        && ITEMS.contains(&words[1].as_str())
        && !first_part.iter().any(|w| ABOUT_ONE.contains(&w.as_str()));
    let newsletter_or_issue = parts().any(|part| {
        let words = words_of(part);
        let named = words.len() >= 2 && {
            let last = [words[words.len() - 2].as_str(), words[words.len() - 1].as_str()];
            NEWSLETTERS.iter().any(|n| n == &last)
                || (last[1] == "briefing" && (weekday_number(last[0]).is_some() || last[0] == "your"))
        };
        named || part.split_whitespace().last().is_some_and(is_issue_date)
    });
    counted || newsletter_or_issue
}

/// A date in digits with dots or slashes, as an issue is numbered
/// (`11.18.19`, `18/11/2019`): two parts that can be a month and a day, and
/// a year of two or four digits. A version number such as `2.1.3` is not
/// one; one such as `6.1.12` is, which is why only the last word of a part
/// of a headline is read so.
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
            "Your Tuesday Briefing",
            "Your Briefing: storms, strikes and a budget",
            "Daily briefing: crane collapse, ferry strike",
            "AP News Digest",
            "Top stories",
            "10 things to know today: fire at the docks, a budget and a new coach",
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
            "White House daily briefing on the outbreak",
            "Justice Department argues in brief that the ban is lawful",
            "5 things to know about the abortion ruling",
            "Three things we learned from the debate",
            "3 things to know as Hurricane Milton nears Florida",
            "Five things to watch at Wednesday's Fed meeting",
            "Three things to watch ahead of the vote",
            "Briefing on the outbreak",
            "Linux 6.1.12 released with fixes",
            "",
            "…",
        ] {
            assert!(!is_roundup_title(title), "{title}");
        }
    }
}
