use corroborate_model::FlagKind;

use super::{draft, error, flag_messages};

#[test]
fn front_matter_supplies_metadata() {
    let text = "---\n\
        title: \"Aldmoor council approves new bridge\"\n\
        source: Aldmoor Courier\n\
        url: https://aldmoor-courier.example/bridge\n\
        date: 4 March 2026\n\
        authors: [Jane Doe, Li Wei]\n\
        language: en-GB\n\
        ---\n\
        # Aldmoor council approves new bridge\n\n\
        The council voted 9 to 2 on Tuesday to fund a second river crossing.\n\
        Work is due to start in the autumn.\n\n\
        Residents have campaigned for the bridge for a decade.\n";
    let d = draft("bridge.md", text.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Aldmoor council approves new bridge"));
    assert_eq!(d.outlet.as_deref(), Some("Aldmoor Courier"));
    assert_eq!(d.url.as_deref(), Some("https://aldmoor-courier.example/bridge"));
    assert_eq!(d.published.as_deref(), Some("2026-03-04"));
    assert_eq!(d.authors, ["Jane Doe", "Li Wei"]);
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.origin, "bridge.md");
    assert_eq!(
        d.body,
        "The council voted 9 to 2 on Tuesday to fund a second river crossing. \
         Work is due to start in the autumn.\n\n\
         Residents have campaigned for the bridge for a decade."
    );
}

#[test]
fn headline_byline_and_dateline() {
    let text = "# Storm closes Calder Bay ferry routes\n\n\
        By Jane Doe and Li Wei\n\
        Published: 2026-03-04T07:30:00Z\n\n\
        All ferry routes out of Calder Bay were suspended on Wednesday.\n\n\
        ## Schools shut\n\n\
        Schools in the area will stay closed until Friday.\n\n\
        (Meridian Press)\n";
    let d = draft("storm.md", text.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Storm closes Calder Bay ferry routes"));
    assert_eq!(d.authors, ["Jane Doe", "Li Wei"]);
    assert_eq!(d.published.as_deref(), Some("2026-03-04T07:30:00Z"));
    assert_eq!(d.credited_to.as_deref(), Some("Meridian Press"));
    assert_eq!(
        d.body,
        "All ferry routes out of Calder Bay were suspended on Wednesday.\n\n\
         Schools shut\n\n\
         Schools in the area will stay closed until Friday."
    );
}

#[test]
fn a_headline_wrapped_over_two_lines() {
    let text = "Ferry routes suspended as storm nears;\nschools shut\n\nAll ferry routes out of Calder Bay were suspended.";
    let d = draft("ferries.txt", text.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Ferry routes suspended as storm nears; schools shut"));
    assert_eq!(d.body, "All ferry routes out of Calder Bay were suspended.");
    // Ending in a full stop, it must be what the file is named after.
    let text = "Ferry routes suspended as storm nears;\nschools shut.\n\nAll ferry routes were suspended.";
    let named = draft("herald_ferry-routes-suspended-as-st.txt", text.as_bytes());
    assert_eq!(named.title.as_deref(), Some("Ferry routes suspended as storm nears; schools shut."));
    assert_eq!(draft("ferries.txt", text.as_bytes()).title, None);
    // A wrapped first paragraph is no headline, however short.
    for text in [
        "The harbour master confirmed that ferry routes\nwere suspended on Wednesday morning.\n\nSchools shut.",
        "Ferries were suspended\non Wednesday.\n\nSchools shut.",
        "Will the ferries run\nagain this winter?\n\nSchools shut.",
        "Ferries stopped, said the master,\nwho called it \"a hard winter.\"\n\nSchools shut.",
    ] {
        assert_eq!(draft("plain.txt", text.as_bytes()).title, None, "{text}");
    }
    // A byline or a dateline ends the headline; a Markdown heading is one line.
    let text =
        "Ferry routes suspended as storm nears;\nschools shut\nBy Jane Doe\n\nAll routes were suspended.";
    let d = draft("ferries.txt", text.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Ferry routes suspended as storm nears; schools shut"));
    assert_eq!(d.authors, ["Jane Doe"]);
    let text = "# Live updates:\nFerries suspended across the bay\n\nAll routes were suspended.";
    assert_eq!(draft("live.md", text.as_bytes()).title, None);
}

#[test]
fn a_file_named_after_its_first_line_has_it_as_headline() {
    let text = "Pressure rises on the harbour board after the ferry criticism.\n\n\
        The harbour board faced new calls to resign on Tuesday.";
    let named = draft("herald_2016-08-01_pressure-rises-on-the-harbour-bo.txt", text.as_bytes());
    assert_eq!(
        named.title.as_deref(),
        Some("Pressure rises on the harbour board after the ferry criticism.")
    );
    assert_eq!(named.body, "The harbour board faced new calls to resign on Tuesday.");
    // Named otherwise, a first line that reads as a sentence stays in the body.
    assert_eq!(draft("herald_2016-08-01.txt", text.as_bytes()).title, None);
    assert_eq!(draft("ferry-board-news.txt", text.as_bytes()).title, None);
    // A figure the name leaves out, abbreviations in the title.
    let text =
        "As Governor Reyes turns 70, a look at the St. Kilda ferry deal.\n\nThe deal was signed in May.";
    let d = draft("herald_2016-08-19_as-governor-reyes-turns-a-look-.txt", text.as_bytes());
    assert_eq!(d.title.as_deref(), Some("As Governor Reyes turns 70, a look at the St. Kilda ferry deal."));
    // Two sentences are no headline, whatever the file's name.
    let text = "The harbour board met on Tuesday. It voted to keep the ferry.\n\nThe vote was close.";
    assert_eq!(draft("herald_2016-08-01_the-harbour-board.txt", text.as_bytes()).title, None);
}

#[test]
fn date_alone_on_a_line() {
    let text = "Ferries resume\nMarch 5, 2026\n\nThe first ferry left at six.";
    let d = draft("ferries.txt", text.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Ferries resume"));
    assert_eq!(d.published.as_deref(), Some("2026-03-05"));
    assert_eq!(d.body, "The first ferry left at six.");
}

#[test]
fn a_date_in_the_file_name_when_the_text_has_none() {
    let text = "Ferries resume\n\nThe first ferry left at six.";
    let named = |origin: &str| draft(origin, text.as_bytes()).published;
    assert_eq!(named("archive/herald_2026-03-05_ferries-resume.txt").as_deref(), Some("2026-03-05"));
    assert_eq!(named("ferries.txt"), None);
    // A folder's date is as often the day the file was saved.
    assert_eq!(named("downloads/2026-03-05/ferries.txt"), None);
    assert_eq!(named("archive/herald_2026-13-45_ferries.txt"), None);
    // The text's own date comes first.
    let dated = "Ferries resume\nMarch 6, 2026\n\nThe first ferry left at six.";
    let d = draft("herald_2026-03-05_ferries.txt", dated.as_bytes());
    assert_eq!(d.published.as_deref(), Some("2026-03-06"));
}

#[test]
fn unparsed_date_is_flagged() {
    let text = "---\ntitle: Ferries resume\ndate: the day after the storm\n---\nThe first ferry left at six.";
    let d = draft("ferries.txt", text.as_bytes());
    assert_eq!(d.published, None);
    assert_eq!(flag_messages(&d, FlagKind::UnparsedDate), ["unparsed date \"the day after the storm\""]);
}

#[test]
fn no_headline_when_the_text_starts_with_a_sentence() {
    let text = "The harbour master confirmed that all ferry routes out of Calder Bay were suspended on Wednesday morning.\n\n\
        Schools in the area will stay closed until Friday.";
    let d = draft("plain.txt", text.as_bytes());
    assert_eq!(d.title, None);
    assert!(d.body.starts_with("The harbour master confirmed"));

    let wrapped = "The harbour master confirmed that ferry routes\nwere suspended on Wednesday.";
    let d = draft("wrapped.txt", wrapped.as_bytes());
    assert_eq!(d.title, None);
    assert_eq!(d.body, "The harbour master confirmed that ferry routes\n\nwere suspended on Wednesday.");
}

#[test]
fn title_only_is_not_an_article() {
    assert_eq!(error("t.txt", b"---\ntitle: Nothing here\n---\n").reason, "no article text found");
}

#[test]
fn front_matter_lists_and_rules_that_are_not_front_matter() {
    let text = "---\ntitle: Ferries resume\nauthors:\n  - Jane Doe\n  - \"Li Wei\"\n---\nThe first ferry left at six.";
    let d = draft("list.md", text.as_bytes());
    assert_eq!(d.authors, ["Jane Doe", "Li Wei"]);
    assert_eq!(d.body, "The first ferry left at six.");

    let ruled = "---\nFerries resume\n---\n\nThe first ferry left at six.";
    let d = draft("ruled.md", ruled.as_bytes());
    assert_eq!(d.title, None);
    assert_eq!(d.body, "Ferries resume\n\nThe first ferry left at six.");
}

#[test]
fn old_mac_line_ends() {
    let d = draft("mac.txt", b"Ferries resume\r\rThe first ferry left at six.\r");
    assert_eq!(d.title.as_deref(), Some("Ferries resume"));
    assert_eq!(d.body, "The first ferry left at six.");
}
