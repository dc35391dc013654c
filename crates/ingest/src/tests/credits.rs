use super::draft;
use crate::{credit_lines, Credits};

#[test]
fn credited_from_and_references_at_the_end() {
    let body = "The port of Calder Bay reopened on Tuesday.\n\n\
                Ferries resumed their usual timetable by noon.\n\n\
                Credited from: Meridian Press\n\n\
                Reference(s): harbour authority notice via https://www.calderbay-port.example.org/notices/12, coastwatch.net";
    let credits = credit_lines(body);
    assert_eq!(
        credits,
        Credits {
            body: "The port of Calder Bay reopened on Tuesday.\n\n\
                   Ferries resumed their usual timetable by noon."
                .to_string(),
            outlet: None,
            credited_to: Some("Meridian Press".to_string()),
            cites: vec!["calderbay-port.example.org".to_string(), "coastwatch.net".to_string()],
        }
    );
}

#[test]
fn agency_in_parentheses_and_source_line() {
    let body = "(Meridian Press)\nFlooding closed three roads near Aldmoor.\nSource: Aldmoor Courier";
    let credits = credit_lines(body);
    assert_eq!(credits.credited_to.as_deref(), Some("Meridian Press"));
    assert_eq!(credits.outlet.as_deref(), Some("Aldmoor Courier"));
    assert_eq!(credits.body, "Flooding closed three roads near Aldmoor.");
    assert_eq!(credit_lines("Text.\n(AFP)").credited_to.as_deref(), Some("AFP"));
    assert_eq!(credit_lines("Text.\nCredit: Norden Wire.").credited_to.as_deref(), Some("Norden Wire"));
}

#[test]
fn references_by_outlet_name() {
    let credits = credit_lines("Rates rose.\nReferences: Aldmoor Courier; Norden Wire");
    assert_eq!(credits.cites, ["Aldmoor Courier", "Norden Wire"]);
}

#[test]
fn leaves_ordinary_lines_alone() {
    let body = "(Updated)\nThe mayor said: we will rebuild.\n\
                (the council later withdrew its objection, which had delayed the plan)\n\
                Source: a long sentence that names no outlet at all but talks on and on about it";
    let credits = credit_lines(body);
    assert_eq!(credits.credited_to, None);
    assert_eq!(credits.outlet, None);
    assert_eq!(credits.body, body);
}

#[test]
fn only_lines_near_the_edges_count() {
    let middle: Vec<String> = (1..=10).map(|i| format!("Paragraph {i} of the report.")).collect();
    let body = format!("{}\n(Meridian Press)\n{}", middle[..5].join("\n"), middle[5..].join("\n"));
    let credits = credit_lines(&body);
    assert_eq!(credits.credited_to, None);
    assert_eq!(credits.body, body);
}

#[test]
fn source_line_credits_another_outlet_when_the_record_has_one() {
    let json = br#"{"outlet": "Harbour Daily", "text": "Ferries resumed.\nSource: Meridian Press"}"#;
    let d = draft("a.json", json);
    assert_eq!(d.outlet.as_deref(), Some("Harbour Daily"));
    assert_eq!(d.credited_to.as_deref(), Some("Meridian Press"));
    assert_eq!(d.body, "Ferries resumed.");

    let json = br#"{"outlet": "Meridian Press", "text": "Ferries resumed.\nSource: meridian press"}"#;
    let d = draft("b.json", json);
    assert_eq!(d.credited_to, None);

    let d = draft("c.json", br#"{"text": "Ferries resumed.\nSource: Meridian Press"}"#);
    assert_eq!(d.outlet.as_deref(), Some("Meridian Press"));
    assert_eq!(d.credited_to, None);
}

#[test]
fn a_data_source_under_a_chart_is_no_credit() {
    let page = "<html><head><meta property=\"og:site_name\" content=\"Kensal Herald\"></head><body><article>\
        <p>The alliance agreed on Tuesday to raise its spending target, after two days of talks in Velm \
        that ran late into the night.</p><p>Spending by member states, 2024</p>\
        <p>Source: Velm Institute for Statistics.</p></article></body></html>";
    let d = draft("alliance.html", page.as_bytes());
    assert_eq!(d.outlet.as_deref(), Some("Kensal Herald"));
    assert_eq!(d.credited_to, None);
    assert!(d.body.ends_with("Spending by member states, 2024"), "{}", d.body);
    // An outlet named by the line still credits it, by name or by address.
    let json = br#"{"outlet": "Harbour Daily", "text": "Ferries resumed.\nSource: https://www.reuters.com/world/ferries"}"#;
    assert_eq!(draft("a.json", json).credited_to.as_deref(), Some("Reuters"));
}
