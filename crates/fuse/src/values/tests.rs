use super::*;
use corroborate_text::tokens;

/// Published on Wednesday, 6 March 2024.
const WEDNESDAY: &str = "2024-03-06";

fn values_of(text: &str, published: Option<&str>) -> Vec<Value> {
    let toks: Vec<Token> = tokens(text).collect();
    extract(text, &toks, published.and_then(parse_iso))
}

/// The single value of a sentence.
fn value(text: &str) -> Value {
    let found = values_of(text, Some(WEDNESDAY));
    assert_eq!(found.len(), 1, "{text}: {found:#?}");
    found.into_iter().next().unwrap()
}

fn written(text: &str) -> Vec<String> {
    values_of(text, Some(WEDNESDAY)).iter().map(|v| text[v.span.start..v.span.end].to_string()).collect()
}

#[test]
fn values_are_read_with_what_they_measure() {
    let cases: &[(&str, &str, &str)] = &[
        ("Officials said 12 workers were injured.", "12 workers", "number"),
        ("Officials said about 30 workers were injured.", "about 30 workers", "number"),
        ("Rescuers pulled nearly three dozen people from the river.", "nearly three dozen people", "number"),
        (
            "The ministry counted more than 40 injured passengers.",
            "more than 40 injured passengers",
            "number",
        ),
        ("Organisers said dozens of fans waited outside.", "dozens of fans", "number"),
        ("Leaders held a two-hour meeting in Geneva.", "two-hour", "duration"),
        ("The talks lasted 120 minutes, officials said.", "120 minutes", "duration"),
        ("The pipeline runs 40km under the bay.", "40km", "distance"),
        ("The council approved $1.2 million for repairs.", "$1.2 million", "amount"),
        ("The council approved about $1.2 million for repairs.", "about $1.2 million", "amount"),
        ("The council approved 30 million euros for repairs.", "30 million euros", "amount"),
        ("Turnout rose to 64% in the capital.", "64%", "percentage"),
        ("Turnout rose by 3 percentage points in the capital.", "3 percentage points", "percentage points"),
        ("Police said a 34-year-old man was arrested.", "34-year-old", "age"),
        ("The accord was signed on Tuesday in Geneva.", "Tuesday", "date"),
        ("The accord was signed on March 5 in Geneva.", "March 5", "date"),
        ("The accord was signed on 5 March 2024 in Geneva.", "5 March 2024", "date"),
        ("The accord was signed yesterday in Geneva.", "yesterday", "date"),
    ];
    for &(text, expected, attribute) in cases {
        assert_eq!(written(text), [expected], "{text}");
        assert_eq!(value(text).key.attribute(), attribute, "{text}");
    }
    assert_eq!(value("Police found 12 workers.").key, Key::Count("worker".into()));
    assert_eq!(value("Police found 12 injured workers.").key, Key::Count("worker".into()));
    assert_eq!(value("Police said 12 people injured in the blast.").key, Key::Count("peopl".into()));
}

#[test]
fn codes_scores_years_and_names_are_not_values() {
    for text in [
        "The ward treats COVID-19 patients from the region.",
        "The home side won 3-2 on penalties in the final.",
        "The 2019 election was closer than expected.",
        "Flight 370 passengers were never found.",
        "The meeting started at 9:30 in the morning.",
        "He finished 3rd in the race on the coast.",
        "A crane fell on the dock during the storm.",
        "Half the workers stayed home that day.",
        "Talks will resume on Tuesday in Geneva.",
        "Talks resumed this Tuesday in Geneva.",
        "He served 4 1/2 months in federal prison.",
        "He served 41 / 2 months in federal prison.",
        "The climber fell about 2, 000 feet on the ridge.",
        "Route 07 buses were diverted downtown.",
    ] {
        assert!(
            values_of(text, Some(WEDNESDAY)).is_empty(),
            "{text}: {:#?}",
            values_of(text, Some(WEDNESDAY))
        );
    }
    // A weekday needs a publication date to be a date.
    assert!(values_of("The accord was signed on Tuesday in Geneva.", None).is_empty());
}

fn both_true(a: &str, b: &str) -> bool {
    let (x, y) = (value(a), value(b));
    assert_eq!(x.key, y.key, "{a} / {b}");
    compatible(&x, &y)
}

#[test]
fn wordings_of_one_value_are_compatible() {
    let cases: &[(&str, &str)] = &[
        ("Officials said about 30 workers were hurt.", "Officials said 31 workers were hurt."),
        ("Officials said at least 40 workers were hurt.", "Officials said 45 workers were hurt."),
        ("Officials said more than 40 workers were hurt.", "Officials said 45 workers were hurt."),
        ("Officials said nearly three dozen workers were hurt.", "Officials said 34 workers were hurt."),
        ("Officials said a dozen workers were hurt.", "Officials said 12 workers were hurt."),
        ("Officials said twelve workers were hurt.", "Officials said 12 workers were hurt."),
        ("Officials said 12 workers were hurt.", "Officials said 12 workers were hurt."),
        ("Officials said between 30 and 40 workers were hurt.", "Officials said 35 workers were hurt."),
        ("Officials said 30 to 40 workers were hurt.", "Officials said 38 workers were hurt."),
        ("Officials said dozens of workers were hurt.", "Officials said 40 workers were hurt."),
        ("Officials said 1.2 million people voted.", "Officials said 1,180,000 people voted."),
        ("Officials said 2,000 people voted.", "Officials said 2,040 people voted."),
        ("Officials said 40 or more people voted.", "Officials said 52 people voted."),
        ("Officials said more than 40 people voted.", "Officials said over 40 people voted."),
        ("The road runs at least 10 miles.", "The road runs more than 15 kilometres."),
        ("Leaders held a two-hour meeting.", "The talks lasted 120 minutes."),
        ("Leaders held a 90-minute meeting.", "The talks lasted 1.5 hours."),
        ("The road runs 10 miles along the coast.", "The road runs 16 kilometres along the coast."),
        ("The council approved $1.2 million.", "The council approved 1.2 million dollars."),
        ("The council approved €30m for the port.", "The council approved 30 million euros for the port."),
        ("Turnout reached 5% in the city.", "Turnout reached 5.2 percent in the city."),
        ("The accord was signed on Tuesday.", "The accord was signed on March 5."),
        ("The accord was signed yesterday.", "The accord was signed on Tuesday."),
        ("The accord was signed last Wednesday.", "The accord was signed on February 28."),
    ];
    for &(a, b) in cases {
        assert!(both_true(a, b), "{a} / {b}");
    }
}

#[test]
fn incompatible_values_are_told_apart() {
    let cases: &[(&str, &str)] = &[
        ("Officials said 12 workers were hurt.", "Officials said 14 workers were hurt."),
        ("Officials said about 30 workers were hurt.", "Officials said 40 workers were hurt."),
        ("Officials said at least 40 workers were hurt.", "Officials said 35 workers were hurt."),
        ("Officials said nearly 40 workers were hurt.", "Officials said 41 workers were hurt."),
        ("Officials said a dozen workers were hurt.", "Officials said 20 workers were hurt."),
        ("Leaders held a two-hour meeting.", "Leaders held a 90-minute meeting."),
        ("Leaders held a two-hour meeting.", "The talks lasted three hours."),
        ("The council approved €30 million.", "The council approved €45 million."),
        ("Turnout reached 5% in the city.", "Turnout reached 7% in the city."),
        ("The accord was signed on Tuesday.", "The accord was signed on March 3."),
        ("Police said a 34-year-old man was arrested.", "Police said a 43-year-old man was arrested."),
    ];
    for &(a, b) in cases {
        assert!(!both_true(a, b), "{a} / {b}");
    }
}

#[test]
fn values_of_different_things_are_not_compared() {
    let cases: &[(&str, &str)] = &[
        ("Officials said 12 workers were hurt.", "Officials said 14 cranes were hurt."),
        ("The council approved $30 million.", "The council approved €30 million."),
        (
            "Officials said 12 workers were injured when the crane collapsed.",
            "Officials said 14 workers were evacuated from the dock area nearby.",
        ),
        (
            "Police said 12 workers were detained during a scuffle at the main gate.",
            "Police said 30 workers were injured during a scuffle at the main gate.",
        ),
        ("The blast killed 34 people in the old town.", "The blast injured 40 people in the old town."),
    ];
    for &(a, b) in cases {
        assert!(!comparable(&value(a), &value(b)), "{a} / {b}");
    }
    let same = (
        "Officials said 12 workers were injured at the yard.",
        "As many as 14 workers were injured at the yard.",
    );
    assert!(comparable(&value(same.0), &value(same.1)));
}

/// What a value is about is read in its own clause.
#[test]
fn a_value_is_compared_within_its_clause() {
    let of = |text: &str, key: Key| values_of(text, None).into_iter().find(|v| v.key == key).unwrap();
    let dollars = Key::Money("USD");
    let two = of(
        "The budget raises spending on schools by 6% and sets aside $120 million for bridge repairs.",
        dollars.clone(),
    );
    let one = of(
        "The budget sets aside $150 million for bridge repairs after the collapse of the old bridge.",
        dollars.clone(),
    );
    assert!(comparable(&two, &one));
    assert!(!compatible(&two, &one));
    // A semicolon parts clauses too.
    let parted = of("Spending on schools rises; $120 million goes to bridge repairs.", dollars);
    let words: Vec<&str> = parted.context.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(words, ["goes", "bridge", "repairs"]);
}

/// `two weeks ago` is no duration of anything the story reports but a day
/// counted back from when the article was written: two articles written a
/// week apart give different durations for one day.
#[test]
fn a_time_ago_is_a_day_before_publication() {
    let text = "The minister resigned two weeks ago.";
    assert_eq!(written(text), ["two weeks ago"]);
    let v = value(text);
    assert_eq!((v.key.clone(), v.key.attribute()), (Key::DayAgo, "date"));
    let day = |iso| parse_iso(iso).unwrap() as f64;
    // Two weeks, rounded to half a week, and a day between writing and publishing.
    assert!(v.low <= day("2024-02-17") && day("2024-02-25") <= v.high, "{v:?}");
    assert!(day("2024-01-30") < v.low, "{v:?}");
    // The same day, counted from two publication dates a week apart.
    let days_ago = |text: &str, published: &str| {
        let found = values_of(text, Some(published));
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.into_iter().next().unwrap()
    };
    let early = days_ago("The minister resigned 14 days ago.", "2024-03-06");
    let late = days_ago("The minister resigned 21 days ago.", "2024-03-13");
    assert!(compatible(&early, &late));
    assert!(!compatible(&days_ago("The minister resigned 21 days ago.", "2024-03-06"), &late));
    // Undated, it says nothing that can be compared.
    assert!(values_of(text, None).is_empty());
    // A span between two events stays a duration.
    assert_eq!(value("She died nine days after suffering a heart attack.").key, Key::Duration);
    // A written date beside it stays the sentence's only date.
    let both = values_of("Appointed two months ago, the minister resigned on Tuesday.", Some(WEDNESDAY));
    let keys: Vec<Key> = both.iter().map(|v| v.key.clone()).collect();
    assert_eq!(keys, [Key::DayAgo, Key::Date]);
    // A chain of durations is one span back, which neither part states.
    for chain in ["He left three years and two months ago.", "He left a year, three months ago."] {
        assert!(values_of(chain, Some(WEDNESDAY)).is_empty(), "{chain}");
    }
}

/// What a duration is about: the word right after it (`a two-hour
/// meeting`), else the action before it (`served four months`), not a word
/// further on; an amount may name its thing across a preposition.
#[test]
fn a_duration_is_about_the_word_next_to_it() {
    let subject = |text: &str| value(text).subject;
    assert_eq!(subject("Leaders held a two-hour meeting in Geneva."), Some("meeting".into()));
    assert_eq!(subject("Estavia offered €40 million in compensation."), Some("compensation".into()));
    assert_eq!(subject("He served four months in federal prison."), Some("served".into()));
    assert_eq!(subject("The talks lasted 120 minutes, officials said."), Some("lasted".into()));
    assert_eq!(subject("The country emerged from 12 years of war."), Some("war".into()));
}
