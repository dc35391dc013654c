//! Publication dates in the forms found in the wild, normalised to the two
//! forms the model allows: `YYYY-MM-DD` when only the day is known, else a UTC
//! timestamp `YYYY-MM-DDTHH:MM:SSZ`. A time without a zone is taken as UTC.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use corroborate_model::{Draft, Flag, FlagKind};
use corroborate_text::{month_number, WEEKDAYS};

/// Normalises a date or timestamp; `None` when it is not a recognised form.
///
/// Accepts RFC 3339, ISO dates with or without a time (`T` or a space), RFC
/// 2822, and English forms such as `March 4, 2026`, `4 March 2026` and
/// `Tue., Mar. 4, 2026`.
pub fn parse_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(timestamp(t.with_timezone(&Utc)));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(t) = DateTime::parse_from_str(raw, format) {
            return Some(timestamp(t.with_timezone(&Utc)));
        }
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(raw) {
        return Some(timestamp(t.with_timezone(&Utc)));
    }
    let naive = raw.trim_end_matches(['Z', 'z']).trim_end_matches(" UTC").trim_end_matches(" GMT");
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(naive, format) {
            return Some(timestamp(t.and_utc()));
        }
    }
    for format in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(raw, format) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    english(raw).map(|d| d.format("%Y-%m-%d").to_string())
}

/// Sets the draft's publication date, or flags the raw string when it does
/// not parse (the date is then left unset rather than guessed).
pub(crate) fn set_published(draft: &mut Draft, raw: &str) {
    match parse_date(raw) {
        Some(date) => draft.published = Some(date),
        None => {
            let message = format!("unparsed date {raw:?}");
            draft.flags.push(Flag::new(FlagKind::UnparsedDate, message));
        }
    }
}

/// Seconds (or milliseconds, when too large for seconds) since the Unix epoch.
pub(crate) fn from_epoch(value: i64) -> Option<String> {
    let seconds = if value.abs() > 100_000_000_000 { value / 1000 } else { value };
    DateTime::from_timestamp(seconds, 0).map(timestamp)
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `March 4, 2026`, `4 March 2026`, `Mar. 4th 2026`, with an optional
/// weekday; any other word makes it not a date.
fn english(raw: &str) -> Option<NaiveDate> {
    let (mut month, mut day, mut year) = (None, None, None);
    let words = raw.split(|c: char| c.is_whitespace() || c == ',' || c == '.').filter(|w| !w.is_empty());
    for word in words {
        let lower = word.to_ascii_lowercase();
        if let Some(m) = month_number(&lower) {
            set_once(&mut month, m)?;
        } else if is_weekday(&lower) || lower == "the" || lower == "of" {
            continue;
        } else {
            let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &lower[digits.len()..];
            let number: u32 = digits.parse().ok()?;
            if digits.len() == 4 && suffix.is_empty() {
                set_once(&mut year, number as i32)?;
            } else if digits.len() <= 2 && matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
                set_once(&mut day, number)?;
            } else {
                return None;
            }
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

/// Fills an empty slot; `None` when it was already filled.
fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    match slot {
        Some(_) => None,
        None => {
            *slot = Some(value);
            Some(())
        }
    }
}

fn is_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| *d == word || (word.len() >= 3 && d.starts_with(word)))
}

/// A date written in a URL's path: `/2013/05/03/`, `/2013/may/03/` or
/// `/2013-05-03`, as `YYYY-MM-DD`.
pub(crate) fn from_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = path.split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    parts.windows(3).find_map(|w| {
        let year: i32 = w[0].parse().ok().filter(|y| (1990..=2100).contains(y) && w[0].len() == 4)?;
        let month = match w[1].parse::<u32>() {
            Ok(m) if w[1].len() <= 2 => m,
            _ => month_number(&w[1].to_ascii_lowercase())?,
        };
        let day: u32 = w[2].parse().ok().filter(|_| w[2].len() <= 2)?;
        NaiveDate::from_ymd_opt(year, month, day).map(|d| d.format("%Y-%m-%d").to_string())
    })
}

/// Words that introduce a date line (`Published: March 4, 2026`).
const DATE_LEADS: [&str; 8] =
    ["published on", "published:", "published", "posted on", "posted:", "posted", "date:", "on"];

/// A visible line that is a publication date, perhaps introduced by
/// `Published` and followed by a time (`March 4, 2026 at 10:30`); the date
/// as written, for [`parse_date`]. Lines about updates are not publication
/// dates.
pub(crate) fn date_line(line: &str) -> Option<String> {
    let lower = line.trim().to_ascii_lowercase();
    if lower.starts_with("updated") || lower.starts_with("last updated") || lower.starts_with("modified") {
        return None;
    }
    let mut rest = line.trim();
    for lead in DATE_LEADS {
        if lower.starts_with(lead) {
            rest = rest[lead.len()..].trim_start_matches([':', ' ']);
            break;
        }
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    (3..=words.len().min(6)).rev().find_map(|n| {
        let candidate = words[..n].join(" ");
        let candidate = candidate.trim_end_matches([',', '|', '-', '\u{2022}']).trim();
        parse_date(candidate).map(|_| candidate.to_string())
    })
}
