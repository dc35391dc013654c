//! Comparable values: the counts, amounts, durations and dates a sentence
//! states, normalised so that different wordings of one value agree.
//!
//! Outlets rarely write a figure the same way: `12`, `twelve` and `a
//! dozen`; `a two-hour meeting` and `talks that lasted 120 minutes`; `about
//! 30` where another source counted 31; `on Tuesday` where another gives the
//! date. So a value is read as an interval in the base unit of what it
//! measures: an exact number is a point, `about` widens it, `at least` opens
//! it upwards, a rounded figure (`1.2 million`, `2,000`) covers what it may
//! have been rounded from, and units convert (`two hours` is 120 minutes).
//! Two values disagree only when their intervals do not meet.
//!
//! Values are compared only when they measure the same thing: counts of the
//! same noun (`12 workers`, `14 workers`, not `12 workers`, `14 cranes`),
//! amounts in the same currency, lengths with lengths; and only when the
//! words around them agree, so `12 workers were injured` is never held
//! against `14 workers were evacuated`. A weekday is a date only when the
//! article's publication date says which one, and only for past events;
//! `two weeks ago` is a day only when the article is dated, and is compared
//! only with other days counted back from publication.

use std::ops::Range;

use corroborate_model::Span;
use corroborate_text::{fold, is_stopword, stem, Token, TokenKind};

mod dates;
mod numerals;
mod units;

pub(crate) use dates::parse_iso;
use numerals::{numeral, Numeral, Reader};

/// What a value measures; only values of equal keys are compared.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Key {
    /// A count of the noun with this stem.
    Count(String),
    Duration,
    Age,
    Distance,
    Weight,
    Money(&'static str),
    Percent,
    Points,
    Date,
    /// A day counted back from publication (`two weeks ago`), as a date.
    /// Compared only with others counted so: beside a written date in one
    /// sentence (`appointed two months ago, resigned on Tuesday`) it would
    /// leave neither the only date of the sentence.
    DayAgo,
}

impl Key {
    /// The attribute a disagreement about values of this key is reported as.
    pub(crate) fn attribute(&self) -> &'static str {
        match self {
            Key::Count(_) => "number",
            Key::Duration => "duration",
            Key::Age => "age",
            Key::Distance => "distance",
            Key::Weight => "weight",
            Key::Money(_) => "amount",
            Key::Percent => "percentage",
            Key::Points => "percentage points",
            Key::Date | Key::DayAgo => "date",
        }
    }
}

/// A value stated in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Value {
    pub key: Key,
    /// The interval the value stands for, in the base unit of its key.
    pub low: f64,
    pub high: f64,
    /// The unit it was written in, and whether converting it may be rounded.
    pub unit: &'static str,
    pub inexact: bool,
    /// Tokens of the value itself (approximation, number, unit): not words of the sentence's topic.
    pub tokens: Range<usize>,
    /// The value as written, up to the counted noun (`about 30 workers`), in the sentence text.
    pub span: Span,
    /// The counted noun as written.
    pub noun: Option<String>,
    /// What the value is about, as written: the counted noun, else the word
    /// right after it (`a 9% pay rise`), else the last word before it (`lasted
    /// two hours`); for a date, the word before first (`collapsed on Monday`).
    pub subject: Option<String>,
    /// Content words around the value, in text order: (stem, as written).
    pub context: Vec<(String, String)>,
    /// Stems of the content words right before and after it (`injuring 34
    /// people`, `12 workers were detained`): what the value is a value of.
    pub neighbours: Vec<String>,
}

/// Relative margin allowed when two values were written in units that convert inexactly.
const CONVERSION: f64 = 0.05;
/// Content words on each side of a value that describe what it measures.
const WINDOW: usize = 4;
/// Share of context words two values must have in common to be about the same thing.
const SAME_CONTEXT: f64 = 0.5;

/// Whether two values of one key can both be true.
pub(crate) fn compatible(a: &Value, b: &Value) -> bool {
    let widen = if a.unit != b.unit && (a.inexact || b.inexact) { CONVERSION } else { 0.0 };
    // Bounds may be infinite (`at least 40`): widen only finite ones.
    let wider = |x: f64, sign: f64| if x.is_finite() { x + sign * x.abs() * widen } else { x };
    let lo = wider(a.low, -1.0).max(wider(b.low, -1.0));
    let hi = wider(a.high, 1.0).min(wider(b.high, 1.0));
    let eps = 1e-9 * (1.0 + lo.abs().min(hi.abs()));
    let point = a.low == a.high || b.low == b.high;
    lo < hi - eps || (point && lo <= hi + eps)
}

/// Whether two values are the same figure in the same unit, however written.
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    a.key == b.key && a.low == b.low && a.high == b.high && a.unit == b.unit
}

/// Whether two values measure the same thing: one key, mostly the same words
/// around them, and no word right next to either that the other lacks.
pub(crate) fn comparable(a: &Value, b: &Value) -> bool {
    let near = |x: &Value, y: &Value| x.neighbours.iter().all(|n| y.context.iter().any(|(s, _)| s == n));
    if a.key != b.key || !near(a, b) || !near(b, a) {
        return false;
    }
    fn stems(v: &Value) -> Vec<&str> {
        let mut s: Vec<&str> = v.context.iter().map(|(s, _)| s.as_str()).collect();
        s.sort_unstable();
        s.dedup();
        s
    }
    let (x, y) = (stems(a), stems(b));
    let shared = x.iter().filter(|w| y.binary_search(w).is_ok()).count();
    let union = x.len() + y.len() - shared;
    union > 0 && shared as f64 >= SAME_CONTEXT * union as f64
}

/// Words that put a sentence in the future, where weekdays are not resolved.
const FUTURE: &[&str] = &[
    "due",
    "expected",
    "next",
    "plan",
    "planned",
    "plans",
    "scheduled",
    "tomorrow",
    "upcoming",
    "will",
    "would",
];

/// The values stated in `text` (a sentence, tokenised as `toks`), for an
/// article published on day `published` (see [`parse_iso`]).
pub(crate) fn extract(text: &str, toks: &[Token], published: Option<i64>) -> Vec<Value> {
    let r = Reader::new(text, toks);
    let future = (0..toks.len()).any(|k| r.word(k).is_some_and(|w| FUTURE.contains(&w)));
    let mut out: Vec<Value> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match date(&r, i, published, future).or_else(|| quantity(&r, i)) {
            Some(v) if v.key == Key::Duration && r.spaced(v.tokens.end) && r.is(v.tokens.end, "ago") => {
                i = v.tokens.end + 1;
                // `three years and two months ago`: the chain is one span
                // back, which neither part states; neither is kept.
                if continues(&r, &v) {
                    let joined =
                        |last: &Value| last.key == Key::Duration && last.tokens.end + 2 >= v.tokens.start;
                    if out.last().is_some_and(joined) {
                        out.pop();
                    }
                } else {
                    out.extend(ago(&r, v, published));
                }
            }
            Some(v) => {
                i = v.tokens.end.max(i + 1);
                out.push(v);
            }
            None => i += 1,
        }
    }
    let taken: Vec<bool> = (0..toks.len()).map(|k| out.iter().any(|v| v.tokens.contains(&k))).collect();
    for v in &mut out {
        let after = noun_end(toks, v);
        v.context = context(text, toks, &taken, v.tokens.start, after);
        let content = |k: &usize| is_content(&toks[*k], taken[*k]);
        let left = v.tokens.start.checked_sub(1).filter(content);
        let right = (after..(after + NEXT_TO).min(toks.len())).find(content);
        v.neighbours = left.into_iter().chain(right).map(|k| stem(&fold(toks[k].text))).collect();
        let before = (0..v.tokens.start).rev().find(content);
        // A duration is that of the word right after it (`a two-hour
        // meeting`, or after `of`: `12 years of war`), else of the action
        // before it: `served four months in federal prison` is not about
        // `federal`. Other values may name their thing across a preposition
        // (`€40 million in compensation`).
        let next_to = |k: usize| (k == after && r.joined(k)) || (k == after + 1 && r.is(after, "of"));
        let after_word =
            right.filter(|&k| (v.key != Key::Duration || next_to(k)) && !toks[k].is_capitalised());
        // A date is the date of what happened before it (`collapsed on Thursday`).
        let about = if matches!(v.key, Key::Date | Key::DayAgo) {
            before.or(after_word)
        } else {
            after_word.or(before)
        };
        v.subject = v.noun.clone().or_else(|| about.map(|k| toks[k].text.to_string()));
    }
    out
}

/// How many tokens after a value a word still stands right next to it (`were` may come between).
const NEXT_TO: usize = 2;

fn is_content(t: &Token, taken: bool) -> bool {
    t.kind == TokenKind::Word && !taken && !is_stopword(&fold(t.text))
}

/// Index after the value's last token, counted noun included.
fn noun_end(toks: &[Token], v: &Value) -> usize {
    toks.iter().position(|t| t.span.start >= v.span.end).unwrap_or(toks.len()).max(v.tokens.end)
}

/// Up to [`WINDOW`] content words on each side of tokens `start..end`,
/// within the value's clause: `raises spending on schools by 6% and sets
/// aside $120 million` gives `$120 million` the context `sets aside`, not
/// `spending on schools`.
fn context(text: &str, toks: &[Token], taken: &[bool], start: usize, end: usize) -> Vec<(String, String)> {
    let word = |k: usize| (stem(&fold(toks[k].text)), toks[k].text.to_string());
    // Whether a semicolon stands between token `k` and the one before it.
    let semicolon = |k: usize| k > 0 && text[toks[k - 1].span.end..toks[k].span.start].contains(';');
    let mut left = clause_words(toks, taken, (0..start).rev(), |k| semicolon(k + 1));
    left.reverse();
    let right = clause_words(toks, taken, end..toks.len(), semicolon);
    left.into_iter().chain(right).map(word).collect()
}

/// Words that join two clauses.
const CLAUSE_JOINS: &[&str] = &["although", "and", "but", "whereas", "while"];

/// Up to [`WINDOW`] content words of `order`, stopping before a token that
/// a semicolon parts from the value (`parted`), or at a joining word once a
/// content word was taken.
fn clause_words(
    toks: &[Token],
    taken: &[bool],
    order: impl Iterator<Item = usize>,
    parted: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    for k in order {
        let t = &toks[k];
        let join = t.kind == TokenKind::Word && CLAUSE_JOINS.contains(&fold(t.text).as_str());
        if parted(k) || (join && !out.is_empty()) || out.len() == WINDOW {
            break;
        }
        if is_content(t, taken[k]) {
            out.push(k);
        }
    }
    out
}

/// `on Tuesday`, `last Friday`, `yesterday`, `March 3`, `3 March 2024`.
fn date(r: &Reader, i: usize, published: Option<i64>, future: bool) -> Option<Value> {
    let t = r.toks.get(i)?;
    if t.kind == TokenKind::Number {
        return day_first(r, i, published);
    }
    let w = r.word(i)?;
    let day_value = |day: i64, end: usize| day_value(r, i..end, day);
    if w == "yesterday" {
        return Some(day_value(published? - 1, i + 1));
    }
    if w == "last" && r.spaced(i + 1) {
        let wd = r.word(i + 1).and_then(dates::weekday)?;
        return Some(day_value(dates::past_weekday(published?, wd, true), i + 2));
    }
    if !t.is_capitalised() {
        return None;
    }
    if let Some(wd) = dates::weekday(w) {
        if future || i > 0 && matches!(r.word(i - 1), Some("this" | "next")) {
            return None;
        }
        return Some(day_value(dates::past_weekday(published?, wd, false), i + 1));
    }
    // `March 3[, 2024]`
    if let Some(m) = dates::month(w) {
        let d = r.spaced(i + 1).then(|| day_number(r, i + 1)).flatten()?;
        let (day, end) = with_year(r, i + 2, published, m, d)?;
        return Some(day_value(day, end));
    }
    None
}

/// `3 March [2024]`, read from the day number at `i`.
fn day_first(r: &Reader, i: usize, published: Option<i64>) -> Option<Value> {
    let d = day_number(r, i)?;
    let t = r.toks.get(i + 1).filter(|t| t.is_capitalised() && r.spaced(i + 1))?;
    let m = dates::month(&fold(t.text))?;
    let (day, end) = with_year(r, i + 2, published, m, d)?;
    Some(day_value(r, i..end, day))
}

/// The date written by `tokens`.
fn day_value(r: &Reader, tokens: Range<usize>, day: i64) -> Value {
    Value {
        key: Key::Date,
        low: day as f64,
        high: day as f64,
        unit: "day",
        inexact: false,
        span: Span::new(r.toks[tokens.start].span.start, r.toks[tokens.end - 1].span.end),
        tokens,
        noun: None,
        subject: None,
        context: Vec::new(),
        neighbours: Vec::new(),
    }
}

/// Whether `duration` continues another one written before it (`three
/// years and two months`, `a year, three months`).
fn continues(r: &Reader, duration: &Value) -> bool {
    let start = duration.tokens.start;
    let unit_at = |k: Option<usize>| {
        k.and_then(|k| r.word(k)).and_then(units::unit).is_some_and(|u| u.key == Key::Duration)
    };
    (start.checked_sub(1).is_some_and(|k| r.is(k, "and")) && unit_at(start.checked_sub(2)))
        || (r.gap(start).trim() == "," && unit_at(start.checked_sub(1)))
}

/// `two weeks ago`: not a duration of anything the story reports but the
/// day that long before the article was written, or nothing when the
/// article is undated. The count is rounded to half its unit (`two weeks`
/// may be 10½ to 17½ days, `nine days` 8½ to 9½), and an article may be
/// published a day after it was written.
fn ago(r: &Reader, duration: Value, published: Option<i64>) -> Option<Value> {
    const MINUTES_A_DAY: f64 = 1440.0;
    let half_unit = units::unit(duration.unit).map_or(0.0, |u| u.factor / MINUTES_A_DAY / 2.0);
    let slack = half_unit + 1.0;
    let published = published? as f64;
    let end = duration.tokens.end + 1;
    Some(Value {
        key: Key::DayAgo,
        low: published - duration.high / MINUTES_A_DAY - slack,
        high: published - duration.low / MINUTES_A_DAY + slack,
        unit: "day",
        inexact: true,
        span: Span::new(duration.span.start, r.toks[end - 1].span.end),
        tokens: duration.tokens.start..end,
        ..duration
    })
}

/// A day of the month: `3`, `3rd`, `21st`.
fn day_number(r: &Reader, i: usize) -> Option<i64> {
    let t = r.toks.get(i).filter(|t| t.kind == TokenKind::Number)?;
    let digits = ["st", "nd", "rd", "th"].iter().find_map(|o| t.text.strip_suffix(o)).unwrap_or(t.text);
    let d: i64 = digits.parse().ok()?;
    (digits.len() <= 2 && (1..=31).contains(&d)).then_some(d)
}

/// The day, with the year written at `i` (after a space or `, `) or else the one nearest publication.
fn with_year(r: &Reader, i: usize, published: Option<i64>, m: i64, d: i64) -> Option<(i64, usize)> {
    let year = r
        .toks
        .get(i)
        .filter(|t| t.kind == TokenKind::Number && t.text.len() == 4 && matches!(r.gap(i), " " | ", "))
        .and_then(|t| t.text.parse::<i64>().ok())
        .filter(|y| (1800..=2100).contains(y));
    match year {
        Some(y) => Some((dates::days(y, m, d), i + 1)),
        None => Some((dates::nearest(published?, m, d), i)),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Approx {
    Exact,
    About,
    Nearly,
    AtLeast,
    AtMost,
    Between,
}

/// Words before a number that make it approximate or a bound, longest first.
const APPROXIMATIONS: &[(&[&str], Approx)] = &[
    (&["in", "excess", "of"], Approx::AtLeast),
    (&["no", "fewer", "than"], Approx::AtLeast),
    (&["no", "less", "than"], Approx::AtLeast),
    (&["no", "more", "than"], Approx::AtMost),
    (&["as", "many", "as"], Approx::AtMost),
    (&["just", "shy", "of"], Approx::Nearly),
    (&["an", "estimated"], Approx::About),
    (&["more", "than"], Approx::AtLeast),
    (&["at", "least"], Approx::AtLeast),
    (&["upwards", "of"], Approx::AtLeast),
    (&["just", "over"], Approx::AtLeast),
    (&["less", "than"], Approx::AtMost),
    (&["fewer", "than"], Approx::AtMost),
    (&["up", "to"], Approx::AtMost),
    (&["at", "most"], Approx::AtMost),
    (&["just", "under"], Approx::Nearly),
    (&["close", "to"], Approx::Nearly),
    (&["about"], Approx::About),
    (&["around"], Approx::About),
    (&["approximately"], Approx::About),
    (&["roughly"], Approx::About),
    (&["some"], Approx::About),
    (&["estimated"], Approx::About),
    (&["nearly"], Approx::Nearly),
    (&["almost"], Approx::Nearly),
    (&["over"], Approx::AtLeast),
    (&["under"], Approx::AtMost),
    (&["between"], Approx::Between),
];

/// Relative margin of `about`, and the least margin for small numbers.
const ABOUT: f64 = 0.15;

/// A number with what it measures, starting at token `i`.
fn quantity(r: &Reader, i: usize) -> Option<Value> {
    if r.is(i, "aged") && r.spaced(i + 1) {
        let n = numeral(r, i + 1).filter(|n| n.suffix.is_empty())?;
        return Some(measure(r, i, i + 1, n.end, n.low, n.high, (Key::Age, 1.0, "year", false)));
    }
    // A space, or a space and a currency sign, between an approximation and its number.
    let leads = |k: usize| {
        let gap = r.gap(k);
        gap == " "
            || gap.strip_prefix(' ').is_some_and(|g| units::currency_sign(g).is_some_and(|(s, _)| s == g))
    };
    let (approx, j) = APPROXIMATIONS
        .iter()
        .find(|(words, _)| r.phrase(i, words) && leads(i + words.len()))
        .map_or((Approx::Exact, i), |(words, a)| (*a, i + words.len()));
    if !standalone(r, j, j > i) {
        return None;
    }
    let mut n = numeral(r, j)?;
    if is_year(r, j, &n) {
        return None;
    }
    let next_is = |k: usize, w: &str| r.spaced(k) && r.is(k, w) && r.spaced(k + 1);
    if approx == Approx::Between {
        let second = next_is(n.end, "and").then(|| numeral(r, n.end + 1)).flatten()?;
        n = Numeral { high: second.high, end: second.end, suffix: second.suffix, ..n };
    } else if !(j > 0 && r.is(j - 1, "from")) {
        let to = next_is(n.end, "to");
        if to || matches!(r.gap(n.end), "-" | "–") {
            let k = n.end + usize::from(to);
            if let Some(second) = numeral(r, k).filter(|s| s.value > n.value && n.suffix.is_empty()) {
                n = Numeral { high: second.high, end: second.end, suffix: second.suffix, ..n };
            }
        }
    }
    let (mut low, mut high) = (n.low, n.high);
    let margin = (ABOUT * n.value).max(1.0);
    let mut end = n.end;
    if r.spaced(end) && r.phrase(end, &["or", "more"]) {
        high = f64::INFINITY;
        end += 2;
    } else if r.spaced(end) && r.phrase(end, &["or", "so"]) {
        (low, high) = (low - margin, high + margin);
        end += 2;
    }
    match approx {
        Approx::About => (low, high) = (low - margin, high + margin),
        Approx::Nearly => low -= margin,
        Approx::AtLeast => high = f64::INFINITY,
        Approx::AtMost => low = f64::NEG_INFINITY,
        Approx::Exact | Approx::Between => {}
    }
    if let Some((_, code)) = units::currency_sign(r.gap(j)) {
        let scale = if n.suffix == "m" { 1e6 } else { 1.0 };
        if !(n.suffix.is_empty() || scale > 1.0) {
            return None;
        }
        let key = (Key::Money(code), 1.0, code, false);
        return Some(measure(r, i, j, end, low * scale, high * scale, key));
    }
    if !n.suffix.is_empty() {
        let unit = units::unit(&n.suffix).or_else(|| (n.suffix == "m").then(|| units::unit("metre"))?)?;
        return Some(measure(r, i, j, end, low, high, (unit.key, unit.factor, unit.name, unit.inexact)));
    }
    if r.gap(end).starts_with('%') {
        let (low, high) = percent_margin(low, high, &n);
        let mut v = measure(r, i, j, end, low, high, (Key::Percent, 1.0, "percent", false));
        v.span.end += 1;
        return Some(v);
    }
    if !r.joined(end) {
        return None;
    }
    let word = r.word(end)?;
    let hyphen = r.gap(end) == "-";
    if !hyphen && (word == "percent" || word == "pct" || r.phrase(end, &["per", "cent"])) {
        let (low, high) = percent_margin(low, high, &n);
        let after = end + if word == "per" { 2 } else { 1 };
        return Some(measure(r, i, j, after, low, high, (Key::Percent, 1.0, "percent", false)));
    }
    if !hyphen && (r.phrase(end, &["percentage", "points"]) || r.phrase(end, &["percentage", "point"])) {
        let (low, high) = percent_margin(low, high, &n);
        return Some(measure(r, i, j, end + 2, low, high, (Key::Points, 1.0, "point", false)));
    }
    if let Some(code) = units::currency_word(word).filter(|_| !hyphen) {
        return Some(measure(r, i, j, end + 1, low, high, (Key::Money(code), 1.0, code, false)));
    }
    if let Some(unit) = units::unit(word) {
        if unit.name == "year" && hyphen && r.gap(end + 1) == "-" && r.is(end + 1, "old") {
            return Some(measure(r, i, j, end + 2, low, high, (Key::Age, 1.0, "year", false)));
        }
        return Some(measure(r, i, j, end + 1, low, high, (unit.key, unit.factor, unit.name, unit.inexact)));
    }
    if hyphen {
        return None;
    }
    count(r, i, end, low, high)
}

/// A whole percentage is a rounded one: `5%` may be 5.4%.
fn percent_margin(low: f64, high: f64, n: &Numeral) -> (f64, f64) {
    if low == high && n.value.fract() == 0.0 {
        (low - 0.5, high + 0.5)
    } else {
        (low, high)
    }
}

/// Whether the number at `j` stands alone: not part of a code, score, time
/// or name (`COVID-19`, `3-2`, `9:30`, `Flight 370`); after an approximation
/// (`About 30`) the word before is not a name.
fn standalone(r: &Reader, j: usize, approximated: bool) -> bool {
    let Some(t) = r.toks.get(j) else { return false };
    if t.kind != TokenKind::Number {
        return true;
    }
    let before = r.gap(j);
    let after = r.toks.get(j + 1).map_or("", |_| r.gap(j + 1));
    let named = !approximated && j > 0 && r.spaced(j) && r.toks[j - 1].is_capitalised() && {
        let w = fold(r.toks[j - 1].text);
        dates::weekday(&w).is_none() && dates::month(&w).is_none() && !is_stopword(&w)
    };
    // `1 / 2`: a fraction, a date or a score, however spaced.
    let slashed = before.trim_end().ends_with('/') || after.trim_start().starts_with('/');
    // `000`, `07`: the tail of a number split apart, or a code.
    let zero_led =
        t.text.len() > 1 && t.text.starts_with('0') && t.text[1..].starts_with(|c: char| c.is_ascii_digit());
    !(before.ends_with(['-', '–', ':', '#', '.']) || after.starts_with(':') || slashed || zero_led || named)
}

/// A plain four-digit number between 1800 and 2100: a year, not a count.
fn is_year(r: &Reader, j: usize, n: &Numeral) -> bool {
    let t = &r.toks[j];
    t.kind == TokenKind::Number
        && t.text.len() == 4
        && t.text.chars().all(|c| c.is_ascii_digit())
        && (1800.0..=2100.0).contains(&n.value)
}

/// A value of a unit (or currency) whose number covers `low..high` in that unit.
fn measure(
    r: &Reader,
    i: usize,
    j: usize,
    end: usize,
    low: f64,
    high: f64,
    (key, factor, unit, inexact): (Key, f64, &'static str, bool),
) -> Value {
    // A currency sign written right before the number belongs to the value.
    let sign = if j == i { units::currency_sign(r.gap(j)).map_or(0, |(sign, _)| sign.len()) } else { 0 };
    let start = r.toks[i].span.start - sign;
    Value {
        key,
        low: low * factor,
        high: high * factor,
        unit,
        inexact,
        tokens: i..end,
        span: Span::new(start, r.toks[end - 1].span.end),
        noun: None,
        subject: None,
        context: Vec::new(),
        neighbours: Vec::new(),
    }
}

/// Words after a number that are never what it counts.
const NOT_COUNTED: &[&str] = &["ago", "earlier", "later", "per", "percent", "times"];

/// `12 workers`, `12 injured workers`, `dozens of people`: the number and its noun.
fn count(r: &Reader, i: usize, end: usize, low: f64, high: f64) -> Option<Value> {
    let mut phrase: Vec<usize> = Vec::new();
    let mut k = end;
    while phrase.len() < 3 && r.spaced(k) {
        let Some(t) = r.toks.get(k).filter(|t| t.kind == TokenKind::Word) else { break };
        let w = fold(t.text);
        let plain = t.text.chars().all(|c| c.is_alphabetic());
        if !plain || is_stopword(&w) || units::is_unit_word(&w) || dates::weekday(&w).is_some() {
            break;
        }
        phrase.push(k);
        k += 1;
    }
    while phrase.last().is_some_and(|&k| r.toks[k].is_capitalised()) {
        phrase.pop();
    }
    let plural = |k: &usize| {
        let w = fold(r.toks[*k].text);
        w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
    };
    let head = if high > 1.0 && phrase.iter().any(plural) {
        phrase.iter().rev().find(|k| plural(k)).copied()
    } else {
        while phrase.len() > 1 && phrase.last().is_some_and(|&k| fold(r.toks[k].text).ends_with("ed")) {
            phrase.pop();
        }
        phrase.last().copied()
    }?;
    let t = &r.toks[head];
    let w = fold(t.text);
    if t.is_capitalised() || w.chars().count() < 3 || NOT_COUNTED.contains(&w.as_str()) {
        return None;
    }
    Some(Value {
        key: Key::Count(stem(&w)),
        low,
        high,
        unit: "",
        inexact: false,
        tokens: i..end,
        span: Span::new(r.toks[i].span.start, t.span.end),
        noun: Some(t.text.to_string()),
        subject: None,
        context: Vec::new(),
        neighbours: Vec::new(),
    })
}

#[cfg(test)]
mod tests;
