//! Publication dates in the forms found in the wild, normalised to the two
//! forms the model allows: `YYYY-MM-DD` when only the day is known, else a UTC
//! timestamp `YYYY-MM-DDTHH:MM:SSZ`. A machine-readable time without a zone
//! is taken as UTC; an English one without a zone keeps only its day.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use corroborate_model::{Draft, Flag, FlagKind};
use corroborate_text::{month_number, WEEKDAYS};

/// Normalises a date or timestamp; `None` when it is not a recognised form.
///
/// Accepts RFC 3339, ISO dates with or without a time (`T` or a space), RFC
/// 2822, English forms such as `March 4, 2026`, `4 March 2026`,
/// `Tue., Mar. 4, 2026` and `November 19, 2019, 07:47 PM EST`, numeric days
/// where the order of day and month is not in doubt (see [`numeric`]), and
/// seconds or milliseconds since the Unix epoch written as a string.
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
    numeric(raw).or_else(|| english(raw))
}

/// A day written in digits only, where the order is not in doubt:
/// `20260304` (ISO without separators); `04.03.2026` (with dots, day first,
/// as every convention that uses them writes it); `25/03/2026` or
/// `03/25/2026` (with slashes, when one of the first two numbers cannot be a
/// month; `04/03/2026` is the 4th of March or the 3rd of April, and is left
/// alone); and a count of seconds (10 digits) or milliseconds (13) since the
/// Unix epoch.
fn numeric(raw: &str) -> Option<String> {
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        return match raw.len() {
            8 => NaiveDate::parse_from_str(raw, "%Y%m%d").ok().map(|d| d.format("%Y-%m-%d").to_string()),
            10 | 13 => from_epoch(raw.parse().ok()?),
            _ => None,
        };
    }
    let day =
        |d: u32, m: u32, y: i32| NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string());
    let digits = |p: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit())
    };
    let parts = |separator: char| -> Option<(u32, u32, i32)> {
        let fields: Vec<&str> = raw.split(separator).collect();
        let [a, b, y] = fields[..] else { return None };
        if !(digits(a, 1..=2) && digits(b, 1..=2) && digits(y, 4..=4)) {
            return None;
        }
        Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
    };
    if let Some((d, m, y)) = parts('.') {
        return day(d, m, y);
    }
    let (a, b, y) = parts('/')?;
    match (a > 12, b > 12) {
        (true, false) => day(a, b, y),
        (false, true) => day(b, a, y),
        _ => None,
    }
}

/// Sets the draft's publication date, or flags the raw string when it does
/// not parse or is a placeholder (the date is then left unset rather than
/// guessed).
pub(crate) fn set_published(draft: &mut Draft, raw: &str) {
    match parse_date(raw) {
        Some(date) if !is_placeholder(&date) => draft.published = Some(date),
        Some(_) => {
            let message = format!("placeholder date {raw:?} ignored");
            draft.flags.push(Flag::new(FlagKind::UnparsedDate, message));
        }
        None => {
            let message = format!("unparsed date {raw:?}");
            draft.flags.push(Flag::new(FlagKind::UnparsedDate, message));
        }
    }
}

/// Years a publication date may have; outside them, a date is a system's
/// empty value (`0001-01-01`, `9999-12-31`), not a day anything was published.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// Whether a normalised date is a placeholder: out of [`PLAUSIBLE_YEARS`],
/// or the Unix epoch itself (`1970-01-01T00:00:00Z`, a zero timestamp).
pub(crate) fn is_placeholder(date: &str) -> bool {
    let year = date.get(..4).and_then(|y| y.parse::<i32>().ok());
    !year.is_some_and(|y| PLAUSIBLE_YEARS.contains(&y))
        || date == "1970-01-01"
        || date == "1970-01-01T00:00:00Z"
}

/// [`parse_date`], placeholders refused.
pub(crate) fn plausible_date(raw: &str) -> Option<String> {
    parse_date(raw).filter(|d| !is_placeholder(d))
}

/// Seconds (or milliseconds, when too large for seconds) since the Unix
/// epoch; a placeholder (zero) is no date.
pub(crate) fn from_epoch(value: i64) -> Option<String> {
    let seconds = if value.abs() > 100_000_000_000 { value / 1000 } else { value };
    DateTime::from_timestamp(seconds, 0).map(timestamp).filter(|d| !is_placeholder(d))
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `March 4, 2026`, `4 March 2026`, `Mar. 4th 2026`, with an optional
/// weekday and an optional time (`12:32`, `7:47 p.m. EST`, `03:05:46
/// GMT+0000 (…)` as JavaScript writes it); any other word makes it not a
/// date. Without a zone the time is checked but only the day is kept: the
/// day the reader saw, which UTC might move.
fn english(raw: &str) -> Option<String> {
    let mut lower = raw.to_ascii_lowercase();
    if let Some(open) = lower.find('(').filter(|_| lower.ends_with(')')) {
        lower.truncate(open);
    }
    let lower = without_fraction(&lower.replace("a.m.", "am").replace("p.m.", "pm"));
    let (mut month, mut day, mut year) = (None, None, None);
    let (mut time, mut afternoon, mut offset) = (None, None, None);
    let words = lower.split(|c: char| c.is_whitespace() || c == ',' || c == '.').filter(|w| !w.is_empty());
    for word in words {
        if let Some(m) = month_number(word) {
            set_once(&mut month, m)?;
        } else if is_weekday(word) || matches!(word, "the" | "of" | "at") {
            continue;
        } else if let Some(seconds) = zone(word) {
            set_once(&mut offset, seconds)?;
        } else if word.contains(':') {
            // `7:47pm`, written without a space.
            let (clock_part, meridiem) = match word.strip_suffix("am").or_else(|| word.strip_suffix("pm")) {
                Some(rest) => (rest, Some(word.ends_with("pm"))),
                None => (word, None),
            };
            set_once(&mut time, clock(clock_part)?)?;
            if let Some(pm) = meridiem {
                set_once(&mut afternoon, pm)?;
            }
        } else if matches!(word, "am" | "pm") {
            set_once(&mut afternoon, word == "pm")?;
        } else {
            let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &word[digits.len()..];
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
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let day_only = || Some(date.format("%Y-%m-%d").to_string());
    let Some(mut time) = time else {
        // A meridiem or a zone needs a time.
        return if afternoon.is_none() && offset.is_none() { day_only() } else { None };
    };
    if let Some(pm) = afternoon {
        time = twelve_hour(time, pm)?;
    }
    match offset {
        Some(offset) => {
            let utc = (date.and_time(time) - chrono::Duration::seconds(offset.into())).and_utc();
            // The model's form has four digits of year.
            (1..=9999).contains(&utc.year()).then(|| timestamp(utc))
        }
        // A local time of an unknown zone: its day is what the reader saw.
        None => day_only(),
    }
}

/// The text with the fraction of a second after a time (`10:30:15.123`)
/// dropped: its `.` would split the time in two words.
fn without_fraction(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        // `MM:SS` then `.` then digits: skip the dot and the digits.
        let after_seconds = i >= 6
            && bytes[i - 6] == b':'
            && bytes[i - 3] == b':'
            && [i - 5, i - 4, i - 2, i - 1].iter().all(|&j| bytes[j].is_ascii_digit());
        if bytes[i] == b'.' && after_seconds && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            continue;
        }
        let len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + len]);
        i += len;
    }
    out
}

/// `12:32` or `03:05:46`.
fn clock(word: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(word, "%H:%M:%S").or_else(|_| NaiveTime::parse_from_str(word, "%H:%M")).ok()
}

/// A time read on a twelve-hour clock: `12:15 am` is a quarter past midnight.
fn twelve_hour(time: NaiveTime, pm: bool) -> Option<NaiveTime> {
    let hour = time.hour();
    if !(1..=12).contains(&hour) {
        return None;
    }
    time.with_hour(hour % 12 + if pm { 12 } else { 0 })
}

/// The offset from UTC, in seconds, of a zone written after a time: `UTC`,
/// `GMT`, `GMT+0100`, `+01:00`, or a North American or European abbreviation.
fn zone(word: &str) -> Option<i32> {
    let hours = match word {
        "utc" | "gmt" | "z" => 0,
        "est" | "cdt" => -5,
        "edt" => -4,
        "cst" | "mdt" => -6,
        "mst" | "pdt" => -7,
        "pst" => -8,
        "bst" | "cet" => 1,
        "cest" => 2,
        _ => {
            let offset = word.trim_start_matches("gmt").trim_start_matches("utc");
            let sign = match offset.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits = offset[1..].replace(':', "");
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (h, m): (i32, i32) = (digits[..2].parse().ok()?, digits[2..].parse().ok()?);
            return (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60));
        }
    };
    Some(hours * 3600)
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

/// The last part of a path: a file's name, whose date (`herald_2013-05-03_
/// quay.txt`) is the article's more often than its folders' (the day it was
/// saved).
pub(crate) fn file_name(origin: &str) -> &str {
    origin.rsplit(['/', '\\']).next().unwrap_or(origin)
}

/// A date written in a URL's path or a file's: `/2013/05/03/`,
/// `/2013/may/03/`, `/2013-05-03` or `herald_2013-05-03_quay.txt`, as
/// `YYYY-MM-DD`.
pub(crate) fn from_path(url: &str) -> Option<String> {
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

/// Words a stamp of date and time may hold besides months, weekdays, numbers
/// and zones: `Posted`, `Last updated at`, `p.m.`, `ET`.
const STAMP_WORDS: [&str; 21] = [
    "posted",
    "published",
    "updated",
    "last",
    "modified",
    "article",
    "date",
    "at",
    "on",
    "the",
    "of",
    "am",
    "pm",
    "a",
    "p",
    "m",
    "et",
    "pt",
    "ct",
    "mt",
    "ist",
];

/// Whether a line is nothing but a stamp of date and time (`27 NOVEMBER,
/// 2005`, `Posted 11/27/2005 7:21 AM`, `Last Updated: Monday, 28 November
/// 2005, 02:24 GMT`): what a scraper took for a headline. It must name a
/// month or write a day as three numbers (`11/28/05`), and hold no other
/// word.
pub(crate) fn is_stamp(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    if lower.split_whitespace().count() > 14 {
        return false;
    }
    let mut month = false;
    for word in lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let number = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(&word[digits.len()..], "" | "st" | "nd" | "rd" | "th" | "am" | "pm" | "h");
        if month_number(word).is_some() {
            month = true;
        } else if !(number || is_weekday(word) || zone(word).is_some() || STAMP_WORDS.contains(&word)) {
            return false;
        }
    }
    // A month alone (`March On`) or a day without a year or time (`On the
    // 4th of July`) may well be a headline.
    let year = lower.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 4);
    (month && (year || has_clock(&lower))) || numeric_day(&lower)
}

/// Whether a text writes a time of day (`3:45`, `12:05`).
pub(crate) fn has_clock(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit())
}

/// Three numbers joined by `/`, `.` or `-`, two of them of one or two
/// digits (`11/28/05`, `08.07.2012`, `2008-12-16`), spaces around the marks
/// allowed.
fn numeric_day(text: &str) -> bool {
    const MARKS: [char; 3] = ['/', '.', '-'];
    // Spaces beside a mark are dropped: `11 / 28 / 05` is `11/28/05`.
    let mut compact = String::with_capacity(text.len());
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            while chars.next_if(|n| n.is_whitespace()).is_some() {}
            let beside_mark = compact.ends_with(MARKS) || chars.peek().is_some_and(|n| MARKS.contains(n));
            if !beside_mark {
                compact.push(' ');
            }
        } else {
            compact.push(c);
        }
    }
    compact.split(|c: char| !c.is_ascii_digit() && !MARKS.contains(&c)).any(|run| {
        MARKS.iter().any(|&mark| {
            let parts: Vec<&str> = run.split(mark).collect();
            parts.windows(3).any(|w| {
                w.iter().all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
                    && w.iter().filter(|p| p.len() <= 2).count() >= 2
            })
        })
    })
}

/// A title that is only a date stamp is no headline: it is dropped and
/// flagged, and its date becomes the publication date if the record has
/// none (unless it dates an update).
pub(crate) fn stamp_as_title(draft: &mut Draft) {
    let Some(title) = draft.title.take_if(|t| is_stamp(t)) else {
        return;
    };
    if draft.published.is_none() {
        draft.published = date_line(&title).and_then(|d| parse_date(&d));
    }
    let message = format!("the title {:?} is a date stamp, not a headline", title.trim());
    draft.flags.push(Flag::new(FlagKind::MissingTitle, message));
}
