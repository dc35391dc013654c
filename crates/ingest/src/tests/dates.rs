use crate::parse_date;

#[test]
fn machine_forms() {
    assert_eq!(parse_date("2026-03-04T09:15:00+01:00").as_deref(), Some("2026-03-04T08:15:00Z"));
    assert_eq!(parse_date("2026-03-04T09:15:00.250Z").as_deref(), Some("2026-03-04T09:15:00Z"));
    assert_eq!(parse_date("2026-03-04T09:15:00+0100").as_deref(), Some("2026-03-04T08:15:00Z"));
    assert_eq!(parse_date("2026-03-04T09:15:00").as_deref(), Some("2026-03-04T09:15:00Z"));
    assert_eq!(parse_date("2026-03-04T09:15").as_deref(), Some("2026-03-04T09:15:00Z"));
    assert_eq!(parse_date("2026-03-04 18:40:12").as_deref(), Some("2026-03-04T18:40:12Z"));
    assert_eq!(parse_date(" 2026-03-04 ").as_deref(), Some("2026-03-04"));
    assert_eq!(parse_date("2026/03/04").as_deref(), Some("2026-03-04"));
    assert_eq!(parse_date("Wed, 04 Mar 2026 10:30:00 +0200").as_deref(), Some("2026-03-04T08:30:00Z"));
    assert_eq!(parse_date("Wed, 04 Mar 2026 10:30:00 GMT").as_deref(), Some("2026-03-04T10:30:00Z"));
}

#[test]
fn english_forms() {
    for form in [
        "March 4, 2026",
        "4 March 2026",
        "Mar. 4, 2026",
        "Mar 4 2026",
        "Wednesday, March 4, 2026",
        "March 4th, 2026",
        "4th of March 2026",
        "Sept. 4, 2026",
    ] {
        let expected = if form.starts_with("Sept") { "2026-09-04" } else { "2026-03-04" };
        assert_eq!(parse_date(form).as_deref(), Some(expected), "{form}");
    }
}

#[test]
fn english_forms_with_a_time() {
    for (form, expected) in [
        ("November 20, 2019 12:32", "2019-11-20"),
        ("November 19, 2019, 07:47 PM EST", "2019-11-20T00:47:00Z"),
        ("Nov. 19, 2019 at 7:47 a.m. PDT", "2019-11-19T14:47:00Z"),
        ("19 November 2019 12:05 GMT", "2019-11-19T12:05:00Z"),
        ("Tue Nov 19 2019 03:05:46 GMT+0000", "2019-11-19T03:05:46Z"),
        ("Tue Nov 19 2019 03:05:46 GMT+0100 (Central European Standard Time)", "2019-11-19T02:05:46Z"),
        ("March 4, 2026 11:50 PM", "2026-03-04"),
        ("March 4, 2026 12:00 AM GMT", "2026-03-04T00:00:00Z"),
        ("March 4, 2026 12:15 PM UTC", "2026-03-04T12:15:00Z"),
        ("March 4, 2026 10:30 +01:00", "2026-03-04T09:30:00Z"),
        ("March 4, 2026 7:47pm EST", "2026-03-05T00:47:00Z"),
        ("March 4, 2026 10:30:15.123 UTC", "2026-03-04T10:30:15Z"),
        ("4 March 2026, 10:30:15.5 +01:00", "2026-03-04T09:30:15Z"),
    ] {
        assert_eq!(parse_date(form).as_deref(), Some(expected), "{form}");
    }
    // A time that cannot be one, or a zone that is not known, is no date.
    for form in [
        "March 4, 2026 25:10",
        "March 4, 2026 10:30 PM PM",
        "March 4, 2026 10:30 XYZ",
        "March 4, 2026 13:10 PM",
        "December 31, 9999 23:59 -1400",
        "March 4, 2026 10:30.5 UTC",
    ] {
        assert_eq!(parse_date(form), None, "{form}");
    }
}

#[test]
fn rejects_what_is_not_a_date() {
    for form in [
        "",
        "yesterday",
        "2026-02-30",
        "March 2026",
        "March 4, 2026 said the minister",
        "May I say",
        "4 5 2026",
        "12345",
        "Published 3 hours ago",
    ] {
        assert_eq!(parse_date(form), None, "{form}");
    }
}

#[test]
fn epoch_values() {
    assert_eq!(crate::dates::from_epoch(1_772_617_500).as_deref(), Some("2026-03-04T09:45:00Z"));
    assert_eq!(crate::dates::from_epoch(1_772_617_500_000).as_deref(), Some("2026-03-04T09:45:00Z"));
    assert_eq!(parse_date("1772617500").as_deref(), Some("2026-03-04T09:45:00Z"));
    assert_eq!(parse_date("1772617500000").as_deref(), Some("2026-03-04T09:45:00Z"));
}

#[test]
fn numeric_days_whose_order_is_not_in_doubt() {
    for (form, expected) in [
        ("20260304", Some("2026-03-04")),
        ("04.03.2026", Some("2026-03-04")),
        ("4.3.2026", Some("2026-03-04")),
        ("25/03/2026", Some("2026-03-25")),
        ("03/25/2026", Some("2026-03-25")),
        ("04/03/2026", None),
        ("31.02.2026", None),
        ("20261304", None),
        ("25/13/2026", None),
        ("04.03.26", None),
        ("1.2.3.2026", None),
    ] {
        assert_eq!(parse_date(form).as_deref(), expected, "{form}");
    }
}

#[test]
fn a_date_stamp_is_not_a_headline() {
    for stamp in [
        "27 NOVEMBER, 2005",
        "Posted 11/27/2005 7:21 AM",
        "Last Updated: Monday, 28 November 2005, 02:24 GMT",
        "11/28/05",
        "11 / 28 / 05",
        "Article posted on 08.07.2012",
        "updated 8:41 p.m. EST, Tue March 3, 2009",
        "9:53 AM, MON 22 JUL 2013",
        "Sunday, March 17, 2013 | 5:00 PM",
        "2008-12-16",
    ] {
        assert!(crate::dates::is_stamp(stamp), "{stamp}");
    }
    for headline in [
        "Seacom operations fully restored: 4 November 2011",
        "Ellen DeGeneres to host 2014 Oscars",
        "May Day marchers fill the square",
        "Prices may rise by 4.5% in 2026",
        "Linux 2.6.32 released",
        "Last orders at the Mill Arms",
        "March On",
        "On the 4th of July",
    ] {
        assert!(!crate::dates::is_stamp(headline), "{headline}");
    }
}

#[test]
fn a_record_titled_by_a_date_stamp_takes_its_date_and_a_headline_of_its_own() {
    let record = r#"{"title": "Tuesday, May 24, 2005", "text": "Flood waters rose in Orvik.\nThe river crested at noon."}"#;
    let d = super::draft("flood.json", record.as_bytes());
    assert_eq!(d.title, None);
    assert_eq!(d.published.as_deref(), Some("2005-05-24"));
    let flags = super::flag_messages(&d, corroborate_model::FlagKind::MissingTitle);
    assert_eq!(flags, ["the title \"Tuesday, May 24, 2005\" is a date stamp, not a headline"]);

    // The date of an update is not the publication date; a record's own date wins.
    let updated = r#"{"title": "Last updated at 11:11 GMT, 21 July 2013", "text": "Flood waters rose."}"#;
    assert_eq!(super::draft("u.json", updated.as_bytes()).published, None);
    let dated = r#"{"title": "May 24, 2005", "published": "2005-05-25", "text": "Flood waters rose."}"#;
    assert_eq!(super::draft("d.json", dated.as_bytes()).published.as_deref(), Some("2005-05-25"));

    let parsed: serde_json::Value = serde_json::from_str(record).unwrap();
    let one = crate::read_json_record("flood.jsonl:1", &parsed).unwrap();
    assert_eq!((one.title, one.published.as_deref()), (None, Some("2005-05-24")));
}
