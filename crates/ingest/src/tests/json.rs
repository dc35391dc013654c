use corroborate_model::FlagKind;

use super::{draft, flag_messages, raw};
use crate::read;

#[test]
fn news_please_record() {
    let record = r#"{
        "title": "Aldmoor council approves new bridge",
        "maintext": "The council voted 9 to 2 on Tuesday.\nWork starts in the autumn.\nCredited from: Meridian Press",
        "date_publish": "2026-03-04 18:40:12",
        "source_domain": "aldmoor-courier.example",
        "url": "https://aldmoor-courier.example/bridge",
        "authors": ["Jane Doe", "Li Wei"],
        "language": "en",
        "description": "A second crossing is funded.",
        "date_modify": null
    }"#;
    let d = draft("bridge.json", record.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Aldmoor council approves new bridge"));
    assert_eq!(d.body, "The council voted 9 to 2 on Tuesday.\n\nWork starts in the autumn.");
    assert_eq!(d.published.as_deref(), Some("2026-03-04T18:40:12Z"));
    assert_eq!(d.outlet.as_deref(), Some("aldmoor-courier.example"));
    assert_eq!(d.authors, ["Jane Doe", "Li Wei"]);
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.credited_to.as_deref(), Some("Meridian Press"));
    assert_eq!(d.origin, "bridge.json");
}

#[test]
fn generic_fields_and_nulls() {
    let record = r#"{"title": null, "body": "Rain is expected all week.", "published": "Mar. 4, 2026",
        "publisher": {"name": "Norden Wire"}, "author": "Jane Doe and Li Wei",
        "credited_to": "Meridian Press", "cites": ["coastwatch.net"], "url": null}"#;
    let d = draft("rain.json", record.as_bytes());
    assert_eq!(d.title, None);
    assert_eq!(d.url, None);
    assert_eq!(d.outlet.as_deref(), Some("Norden Wire"));
    assert_eq!(d.published.as_deref(), Some("2026-03-04"));
    assert_eq!(d.authors, ["Jane Doe", "Li Wei"]);
    assert_eq!(d.credited_to.as_deref(), Some("Meridian Press"));
    assert_eq!(d.cites, ["coastwatch.net"]);
}

#[test]
fn authors_lose_bylines_roles_and_credentials() {
    let d = draft("a.json", br#"{"text": "Rain.", "author": "By ANNA BERG, Staff Writer"}"#);
    assert_eq!(d.authors, ["Anna Berg"]);
    let d = draft("a.json", br#"{"text": "Rain.", "authors": ["Noor Haddad, PhD", "Li Wei"]}"#);
    assert_eq!(d.authors, ["Noor Haddad", "Li Wei"]);
}

#[test]
fn outlet_falls_back_to_the_url_host() {
    let d = draft("x.json", br#"{"content": "Text.", "url": "https://www.harbour-daily.example/a/1"}"#);
    assert_eq!(d.outlet.as_deref(), Some("harbour-daily.example"));
}

#[test]
fn jsonl_keeps_good_lines_around_bad_ones() {
    let lines = concat!(
        r#"{"title": "One", "text": "First article."}"#,
        "\n\n",
        r#"{"title": "Two", "text": "Second article.""#,
        "\n",
        r#"{"title": "Three"}"#,
        "\n",
        r#"{"title": "Four", "maintext": "Fourth article.", "date": "soon"}"#,
        "\n",
        "[1, 2]\n",
    );
    let results = read(&raw("batch.jsonl", lines.as_bytes()));
    assert_eq!(results.len(), 5);
    let one = results[0].as_ref().unwrap();
    assert_eq!((one.origin.as_str(), one.body.as_str()), ("batch.jsonl:1", "First article."));
    let bad = results[1].as_ref().unwrap_err();
    assert_eq!(bad.origin, "batch.jsonl:3");
    assert!(bad.reason.starts_with("invalid JSON: EOF while parsing an object at column "), "{bad}");
    let empty = results[2].as_ref().unwrap_err();
    assert_eq!(
        empty.to_string(),
        "batch.jsonl:4: no article text (expected one of maintext, text, body, content)"
    );
    let four = results[3].as_ref().unwrap();
    assert_eq!(four.origin, "batch.jsonl:5");
    assert_eq!(four.published, None);
    assert_eq!(flag_messages(four, FlagKind::UnparsedDate), ["unparsed date \"soon\""]);
    assert_eq!(results[4].as_ref().unwrap_err().reason, "expected a JSON object");
}

#[test]
fn json_file_with_lines_is_read_as_jsonl() {
    let lines = "{\"text\": \"First.\"}\n{\"text\": \"Second.\"}\n";
    let results = read(&raw("export.json", lines.as_bytes()));
    let origins: Vec<&str> = results.iter().map(|r| r.as_ref().unwrap().origin.as_str()).collect();
    assert_eq!(origins, ["export.json:1", "export.json:2"]);
}

/// Two good records, for lines 2 and 3 after a first line.
const TWO_RECORDS: &str =
    "{\"title\": \"Two\", \"text\": \"Second article.\"}\n{\"title\": \"Three\", \"text\": \"Third article.\"}\n";

#[test]
fn jsonl_extension_is_honoured_whatever_the_first_line() {
    for (first, reason) in [
        (r#"le": "Cut off", "text": "Partial."}"#, "invalid JSON: "),
        ("# exported 2026-02-01", "invalid JSON: "),
        ("null", "expected a JSON object"),
    ] {
        for name in ["batch.jsonl", "batch.ndjson", "batch.jsonl.gz"] {
            let results = read(&raw(name, format!("{first}\n{TWO_RECORDS}").as_bytes()));
            assert_eq!(results.len(), 3, "{results:?}");
            let e = results[0].as_ref().unwrap_err();
            assert_eq!(e.origin, format!("{name}:1"));
            assert!(e.reason.starts_with(reason), "{e}");
            let three = results[2].as_ref().unwrap();
            assert_eq!(
                (three.origin.as_str(), three.body.as_str()),
                (&*format!("{name}:3"), "Third article.")
            );
        }
    }
}

#[test]
fn jsonl_is_sniffed_when_most_lines_are_records() {
    let broken = format!("le\": \"Cut off\"}}\n{TWO_RECORDS}");
    for name in ["export", "export.json", "export.txt"] {
        let results = read(&raw(name, broken.as_bytes()));
        assert_eq!(results.len(), 3, "{results:?}");
        assert_eq!(results[0].as_ref().unwrap_err().origin, format!("{name}:1"));
        assert_eq!(results[1].as_ref().unwrap().title.as_deref(), Some("Two"));
    }
    // Prose with a line of JSON in it stays prose.
    let prose = "Ferry runs again\n\nThe ferry to Ostra runs again from Monday.\n{\"fare\": 12}\nTickets are on sale.";
    assert_eq!(draft("notes", prose.as_bytes()).title.as_deref(), Some("Ferry runs again"));
}

#[test]
fn json_array_of_records() {
    let array = r#"[
        {"title": "One", "text": "First article."},
        {"title": "Two"},
        {"title": "Three", "content": "<p>Third article.</p><p>More of it.</p>"}
    ]"#;
    let results = read(&raw("all.json", array.as_bytes()));
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().origin, "all.json:1");
    let e = results[1].as_ref().unwrap_err();
    assert_eq!(e.origin, "all.json:2");
    assert!(e.reason.starts_with("item 2: no article text"), "{e}");
    assert_eq!(results[2].as_ref().unwrap().body, "Third article.\n\nMore of it.");
}

#[test]
fn malformed_document_names_its_line() {
    let text = "{\n  \"title\": \"One\",\n  \"text\": \"First\" \"oops\"\n}";
    let results = read(&raw("one.json", text.as_bytes()));
    assert_eq!(results.len(), 1);
    let e = results[0].as_ref().unwrap_err();
    assert_eq!(e.origin, "one.json");
    assert!(e.reason.starts_with("line 3: invalid JSON: expected `,` or `}` at column"), "{e}");
}

#[test]
fn a_record_without_a_title_that_opens_with_its_headline_gives_it_up() {
    let record = r#"{"text": "Orvik council approves new bridge\nThe council voted 9 to 2 on Tuesday.\nWork starts in the autumn."}"#;
    let d = draft("bridge.json", record.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Orvik council approves new bridge"));
    assert_eq!(d.body, "The council voted 9 to 2 on Tuesday.\n\nWork starts in the autumn.");

    // A lead sentence, a short label, a byline, a stamp, a lone paragraph and a
    // record with a title of its own keep their text.
    for text in [
        "The council voted 9 to 2 on Tuesday.\nWork starts in the autumn.",
        "Advertisement\nThe council voted 9 to 2 on Tuesday.",
        "By Jane Doe and Li Wei\nThe council voted 9 to 2 on Tuesday.",
        "Tuesday, May 24, 2005\nThe council voted 9 to 2 on Tuesday.",
        "council approves new bridge after a long debate\nThe council voted.",
        "Orvik council approves new bridge",
        "LONDON, March 3\nThe council voted 9 to 2 on Tuesday.",
        "WASHINGTON (Reuters)\nThe council voted 9 to 2 on Tuesday.",
        "Updated 3:45 PM ET\nThe council voted 9 to 2 on Tuesday.",
        "Photo: Getty Images\nThe council voted 9 to 2 on Tuesday.",
    ] {
        let record = serde_json::json!({ "text": text }).to_string();
        let d = draft("r.json", record.as_bytes());
        assert_eq!(d.title, None, "{text}");
        assert!(d.body.starts_with(&text[..12]), "{text}: {}", d.body);
    }
    let titled =
        r#"{"title": "Bridge approved", "text": "Orvik council approves new bridge\nThe council voted."}"#;
    let d = draft("t.json", titled.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Bridge approved"));
    assert!(d.body.starts_with("Orvik council approves new bridge"));

    // The title saved again as the first line of the text is dropped there.
    let repeated = r#"{"title": "Orvik council approves new bridge",
                       "text": "ORVIK COUNCIL APPROVES NEW BRIDGE.\nThe council voted."}"#;
    assert_eq!(draft("r.json", repeated.as_bytes()).body, "The council voted.");
    let alone =
        r#"{"title": "Orvik council approves new bridge", "text": "Orvik council approves new bridge"}"#;
    assert_eq!(draft("a.json", alone.as_bytes()).body, "Orvik council approves new bridge");
}

#[test]
fn a_record_titled_by_a_date_stamp_may_take_its_headline_from_the_text() {
    let record =
        r#"{"title": "27 NOVEMBER, 2005", "text": "Quake shakes Qeshm island\nA strong earthquake struck."}"#;
    let d = draft("q.json", record.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Quake shakes Qeshm island"));
    assert_eq!(d.published.as_deref(), Some("2005-11-27"));
    assert_eq!(d.body, "A strong earthquake struck.");
    // It has a headline now: no flag says it has none.
    assert!(flag_messages(&d, FlagKind::MissingTitle).is_empty(), "{:?}", d.flags);
}

#[test]
fn placeholder_dates_are_flagged_not_taken() {
    for (published, flagged) in [
        (r#""9999-12-31T23:59:59Z""#, true),
        (r#""0001-01-01""#, true),
        ("0", false),
        (r#""1970-01-01T00:00:00Z""#, true),
    ] {
        let record =
            format!(r#"{{"title": "Quay reopens", "published": {published}, "text": "The quay reopened."}}"#);
        let d = draft("q.json", record.as_bytes());
        assert_eq!(d.published, None, "{published}");
        let flags = flag_messages(&d, FlagKind::UnparsedDate);
        assert_eq!(
            flags.iter().any(|f| f.starts_with("placeholder date")),
            flagged,
            "{published}: {flags:?}"
        );
    }
    let d = draft(
        "q.json",
        br#"{"title": "Quay reopens", "published": 1714726800, "text": "The quay reopened."}"#,
    );
    assert_eq!(d.published.as_deref(), Some("2024-05-03T09:00:00Z"));
}

#[test]
fn a_lone_carriage_return_inside_a_record_is_white_space() {
    let lines = "{\"title\": \"One\", \"text\": \"First.\"}\r\n{\"title\": \"Two\",\r\"text\": \"Second.\"}\r\n{\"text\": \"Third.\"}\n";
    let results = read(&raw("batch.jsonl", lines.as_bytes()));
    let read: Vec<(&str, &str)> =
        results.iter().map(|r| r.as_ref().map(|d| (d.origin.as_str(), d.body.as_str())).unwrap()).collect();
    assert_eq!(
        read,
        [("batch.jsonl:1", "First."), ("batch.jsonl:2", "Second."), ("batch.jsonl:3", "Third.")]
    );
}

#[test]
fn errors_past_the_first_few_of_a_file_are_counted_not_listed() {
    let mut lines: Vec<String> = (0..5000).map(|i| format!("{{\"title\": \"No text {i}\"}}")).collect();
    lines.insert(2500, r#"{"text": "The one article."}"#.to_string());
    let results = read(&raw("dump.jsonl", lines.join("\n").as_bytes()));
    let drafts: Vec<&str> =
        results.iter().filter_map(|r| r.as_ref().ok()).map(|d| d.origin.as_str()).collect();
    assert_eq!(drafts, ["dump.jsonl:2501"]);
    let errors: Vec<String> =
        results.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), crate::json::LISTED_ERRORS + 1);
    assert!(errors[0].starts_with("dump.jsonl:1: no article text"), "{}", errors[0]);
    assert_eq!(
        errors.last().unwrap(),
        &format!(
            "dump.jsonl: 4980 more records could not be read (the first {} are listed)",
            crate::json::LISTED_ERRORS
        )
    );
    // The same in a JSON array, whose items are numbered.
    let array = format!("[{}]", vec!["0"; 3000].join(","));
    let results = read(&raw("numbers.json", array.as_bytes()));
    assert_eq!(results.len(), crate::json::LISTED_ERRORS + 1);
    assert_eq!(
        results[0].as_ref().unwrap_err().to_string(),
        "numbers.json:1: item 1: expected a JSON object"
    );
    // An empty array holds no article, and says so.
    let results = read(&raw("none.json", b"[]"));
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].as_ref().unwrap_err().to_string(), "none.json: an empty JSON array: no articles");
}

#[test]
fn an_array_cut_short_keeps_the_items_before_the_break() {
    let text = r#"[{"title": "One", "text": "First article."},
{"title": "Two", "text": "Second article."},
{"title": "Three", "text": "Thi"#;
    let results = read(&raw("cut.json", text.as_bytes()));
    let origins: Vec<&str> =
        results.iter().filter_map(|r| r.as_ref().ok()).map(|d| d.origin.as_str()).collect();
    assert_eq!(origins, ["cut.json:1", "cut.json:2"]);
    let e = results.last().unwrap().as_ref().unwrap_err();
    assert_eq!(e.origin, "cut.json");
    assert!(e.reason.starts_with("line 3: invalid JSON: EOF while parsing"), "{e}");
}
