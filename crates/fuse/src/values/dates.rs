//! Dates as days since 1970-01-01, and the words that name them.
//!
//! News names days relative to the day it is published: `on Tuesday` is the
//! last Tuesday on or before publication, `yesterday` the day before. That
//! holds for what happened; for what will happen (`talks will resume on
//! Tuesday`) the weekday is left unresolved rather than guessed.

use corroborate_text::{month_number, weekday_number};

/// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar.
pub(crate) fn days(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The day of an ISO 8601 date or date-time (`2024-05-03`, `2024-05-03T08:00:00Z`).
pub(crate) fn parse_iso(date: &str) -> Option<i64> {
    let head = date.get(..10)?;
    let mut parts = head.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| days(y, m, d))
}

/// Day of the week, Monday = 0.
fn weekday_of(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// Monday = 0 for a folded weekday name.
pub(crate) fn weekday(word: &str) -> Option<i64> {
    weekday_number(word).map(i64::from)
}

/// Month number of a folded month name or its usual abbreviation.
pub(crate) fn month(word: &str) -> Option<i64> {
    month_number(word).map(i64::from)
}

/// The weekday `wd` last seen on or before `published`; with `last`, strictly before.
pub(crate) fn past_weekday(published: i64, wd: i64, last: bool) -> i64 {
    let back = (weekday_of(published) - wd).rem_euclid(7);
    if last && back == 0 {
        published - 7
    } else {
        published - back
    }
}

/// Day `day` of `month` in the year that puts it nearest to `published`.
pub(crate) fn nearest(published: i64, month: i64, day: i64) -> i64 {
    let year = year_of(published);
    (year - 1..=year + 1)
        .map(|y| days(y, month, day))
        .min_by_key(|d| (d - published).abs())
        .expect("three candidate years")
}

fn year_of(day: i64) -> i64 {
    // 1970 + days / 365.2425, corrected by at most one.
    let guess = 1970 + (day as f64 / 365.2425).floor() as i64;
    if days(guess + 1, 1, 1) <= day {
        guess + 1
    } else if days(guess, 1, 1) > day {
        guess - 1
    } else {
        guess
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_weekdays() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(parse_iso("2024-03-05T10:00:00Z"), Some(days(2024, 3, 5)));
        assert_eq!(parse_iso("March 5"), None);
        // 2024-03-05 was a Tuesday.
        assert_eq!(weekday_of(days(2024, 3, 5)), 1);
        assert_eq!(year_of(days(2024, 12, 31)), 2024);
        assert_eq!(year_of(days(2025, 1, 1)), 2025);
    }

    #[test]
    fn weekdays_resolve_to_the_past_week() {
        let wednesday = days(2024, 3, 6);
        assert_eq!(past_weekday(wednesday, 1, false), days(2024, 3, 5));
        assert_eq!(past_weekday(wednesday, 2, false), wednesday);
        assert_eq!(past_weekday(wednesday, 2, true), days(2024, 2, 28));
        assert_eq!(past_weekday(wednesday, 3, false), days(2024, 2, 29));
    }

    #[test]
    fn month_days_take_the_nearest_year() {
        assert_eq!(nearest(days(2024, 3, 6), 3, 3), days(2024, 3, 3));
        assert_eq!(nearest(days(2025, 1, 2), 12, 30), days(2024, 12, 30));
        assert_eq!(month("sept"), Some(9));
        assert_eq!(month("mar"), Some(3));
        assert_eq!(month("ma"), None);
    }
}
