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
}
