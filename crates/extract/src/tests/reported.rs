//! Reported speech without quote marks.

use super::attributed;

/// Content pieces and source of every indirect attribution in `body`.
fn reported(body: &str) -> Vec<(Vec<&str>, Option<&str>)> {
    attributed(body).into_iter().filter(|a| !a.direct).map(|a| (a.content, a.source)).collect()
}

#[test]
fn the_subject_of_the_cue_may_stand_anywhere_in_the_sentence() {
    let body = "On Tuesday, Mayor Ana Kovač said the port would reopen next month. \
                The strike ended after Kovač said she would resign in May.";
    assert_eq!(
        reported(body),
        [
            (vec!["the port would reopen next month"], Some("Mayor Ana Kovač")),
            (vec!["she would resign in May"], Some("Kovač")),
        ]
    );
}

#[test]
fn an_attribution_inside_the_sentence_splits_what_was_said() {
    let body = "The new berths, Kovač said, would be ready before the winter storms.";
    assert_eq!(
        reported(body),
        [(vec!["The new berths", "would be ready before the winter storms"], Some("Kovač"))]
    );
}

#[test]
fn what_was_said_ends_where_a_participle_adds_more() {
    let body = "Sen. Ivo Radić (D-Ohio) said the vote had been rigged from the start, arguing that the \
                count was never checked.";
    let got = attributed(body);
    assert_eq!(got[0].content, ["the vote had been rigged from the start"]);
    assert_eq!(got[0].source, Some("Sen. Ivo Radić (D-Ohio)"));
    // The name in parentheses is a party and a state, not the speaker.
    assert_eq!(got[0].speaker.as_deref(), Some("Ivo Radić"));
}

#[test]
fn the_words_naming_the_speaker_stop_at_a_clause_or_an_adverb() {
    let body = "Officials left the room in which he said the harbour had been sold to a private fund. \
                Kovač openly said the offer from the fund was far too low.";
    let sources: Vec<Option<&str>> = reported(body).into_iter().map(|r| r.1).collect();
    assert_eq!(sources, [Some("he"), Some("Kovač")]);
}

#[test]
fn findings_and_beliefs_are_attributed_too() {
    let body = "A survey by the institute shows most voters back the new harbour plan.";
    assert_eq!(
        reported(body),
        [(vec!["most voters back the new harbour plan"], Some("A survey by the institute"))]
    );
}

#[test]
fn a_sentence_with_a_quote_reports_speech_before_it() {
    let body = "Kovač told the board that the plan had “failed completely,” adding, “We start again.”";
    let got = attributed(body);
    let indirect: Vec<&str> = got.iter().filter(|a| !a.direct).map(|a| a.content[0]).collect();
    assert_eq!(indirect, ["that the plan had “failed completely"]);
    let direct: Vec<&str> = got.iter().filter(|a| a.direct).map(|a| a.content[0]).collect();
    assert_eq!(direct, ["We start again."]);
}

#[test]
fn a_cue_that_is_not_the_main_verb_reports_for_the_subject() {
    let body = "Mayor Ana Kovač thanked the crews and went on to say the port would reopen in spring.";
    assert_eq!(reported(body), [(vec!["the port would reopen in spring"], Some("Mayor Ana Kovač"))]);
}

#[test]
fn speech_reported_after_a_quote_in_the_same_sentence() {
    let body =
        "“The port is finished,” said Ana Berg, who said there were “too many ships and too few berths.”";
    let got = attributed(body);
    let direct: Vec<(&str, Option<&str>)> =
        got.iter().filter(|a| a.direct).map(|a| (a.content[0], a.source)).collect();
    assert_eq!(direct, [("The port is finished", Some("Ana Berg"))]);
    assert_eq!(reported(body), [(vec!["there were “too many ships and too few berths"], Some("who"))]);
}
