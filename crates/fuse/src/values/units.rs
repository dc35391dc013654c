//! Units, currencies and the dimension each belongs to.
//!
//! Every unit converts to one base unit of its dimension (minutes, metres,
//! kilograms), so `two hours` and `120 minutes` become the same number.
//! Conversions between measuring systems or calendars (`10 miles`, `16
//! kilometres`; `two months`, `eight weeks`) are rounded by whoever wrote
//! them, so a unit says whether it converts exactly.

use super::Key;

/// A unit: its key, how many base units it is, and whether that is exact.
pub(crate) struct Unit {
    pub key: Key,
    pub factor: f64,
    /// The unit's name, to tell whether two values were written in different units.
    pub name: &'static str,
    /// Whether conversion to another unit of the dimension may be rounded.
    pub inexact: bool,
}

/// (written forms, dimension, factor, inexact); the first form names the unit.
type Row = (&'static [&'static str], Dimension, f64, bool);

#[derive(Clone, Copy)]
enum Dimension {
    Duration,
    Distance,
    Weight,
}

const UNITS: &[Row] = &[
    (&["second", "seconds", "sec", "secs"], Dimension::Duration, 1.0 / 60.0, false),
    (&["minute", "minutes", "min", "mins"], Dimension::Duration, 1.0, false),
    (&["hour", "hours", "hr", "hrs"], Dimension::Duration, 60.0, false),
    (&["day", "days"], Dimension::Duration, 1440.0, false),
    (&["week", "weeks"], Dimension::Duration, 10080.0, false),
    (&["month", "months"], Dimension::Duration, 43830.0, true),
    (&["year", "years"], Dimension::Duration, 525960.0, true),
    (&["decade", "decades"], Dimension::Duration, 5259600.0, true),
    (&["metre", "metres", "meter", "meters"], Dimension::Distance, 1.0, false),
    (&["kilometre", "kilometres", "kilometer", "kilometers", "km"], Dimension::Distance, 1000.0, false),
    (&["centimetre", "centimetres", "centimeter", "centimeters", "cm"], Dimension::Distance, 0.01, false),
    (&["millimetre", "millimetres", "millimeter", "millimeters", "mm"], Dimension::Distance, 0.001, false),
    (&["mile", "miles"], Dimension::Distance, 1609.344, true),
    (&["foot", "feet", "ft"], Dimension::Distance, 0.3048, true),
    (&["kilogram", "kilograms", "kilogramme", "kilogrammes", "kg"], Dimension::Weight, 1.0, false),
    (&["gram", "grams", "gramme", "grammes"], Dimension::Weight, 0.001, false),
    (&["tonne", "tonnes"], Dimension::Weight, 1000.0, false),
    (&["ton", "tons"], Dimension::Weight, 1000.0, true),
    (&["lb", "lbs"], Dimension::Weight, 0.453_592, true),
];

/// Currency words after an amount (`30 million euros`). `pounds` is left out:
/// it is as often a weight.
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("dollars", "USD"),
    ("euro", "EUR"),
    ("euros", "EUR"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("franc", "CHF"),
    ("francs", "CHF"),
    ("rupee", "INR"),
    ("rupees", "INR"),
    ("kuna", "HRK"),
];

/// Currency signs before an amount, longest first.
const CURRENCY_SIGNS: &[(&str, &str)] =
    &[("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR")];

/// The unit written as `word` (folded), if it is one.
pub(crate) fn unit(word: &str) -> Option<Unit> {
    let (forms, dimension, factor, inexact) = UNITS.iter().find(|row| row.0.contains(&word))?;
    let key = match dimension {
        Dimension::Duration => Key::Duration,
        Dimension::Distance => Key::Distance,
        Dimension::Weight => Key::Weight,
    };
    Some(Unit { key, factor: *factor, name: forms[0], inexact: *inexact })
}

/// The currency a word after an amount names.
pub(crate) fn currency_word(word: &str) -> Option<&'static str> {
    CURRENCY_WORDS.iter().find(|(w, _)| *w == word).map(|(_, code)| *code)
}

/// The sign and currency that end `before` (the text right before a number).
pub(crate) fn currency_sign(before: &str) -> Option<(&'static str, &'static str)> {
    CURRENCY_SIGNS.iter().find(|(sign, _)| before.ends_with(sign)).copied()
}

/// Whether a folded word names a unit or currency (and so is not a counted noun).
pub(crate) fn is_unit_word(word: &str) -> bool {
    unit(word).is_some() || currency_word(word).is_some() || matches!(word, "percent" | "pct" | "per")
}
