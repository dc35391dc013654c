use super::*;

fn messages(text: &str) -> Vec<(String, &str)> {
    quality_flags(text)
        .into_iter()
        .map(|f| {
            assert_eq!(f.kind, FlagKind::TextQuality);
            let span = f.span.expect("quality flags have spans");
            (f.message, span.slice(text).expect("span on the text"))
        })
        .collect()
}

#[test]
fn lowercase_sentence_starts_are_flagged() {
    let found = messages("The mayor spoke. he said the plan was ready. Then he left.");
    assert_eq!(found, [("sentence starts in lowercase; did you mean “He”?".to_string(), "he")]);
    assert!(messages("At 9 a.m. local time, Mr. smith left. iPhone sales rose.").is_empty());
    assert!(messages("It was... well, late.").is_empty());
}

#[test]
fn lowercase_that_starts_no_sentence_is_not_flagged() {
    for text in [
        // Links, domains, addresses and handles are spelled so.
        "Nobody will take your slogan. https://t.co/XPxUJuyIAC",
        "We will be there. pic.twitter.com/3BDnrvkoms",
        "Write to the desk.\npaul.takahashi@example.com",
        "The palace replied.\n@noksutagram <The Palace>",
        // A quotation that ends in its own punctuation, and the sentence goes on.
        "\"We got her, we got her!\" officers announced on their radios.",
        "“Why should we take retribution ourselves?” she wrote.",
        "They ran the \"Meth. We're On It.\" campaign. It drew ridicule.",
        "Several people heard it.\n\n<tweet id=\"1\">Shots fired</tweet>",
        // Asides, dashes and ellipses inside a sentence.
        "He said it (really?) and left.",
        "I was unpatriotic - and I have! - but the real culprit is elsewhere.",
        "If you're a widow . . . these are people who suffer.",
        "The cables went to the principals.\n\nl Top Secret files were kept.",
        // Units and abbreviations after which a lowercase word is expected.
        "Sens. Rand Paul (Ky.) and Marco Rubio (Fla.) debated the plan.",
        "The spa in Jupiter, Fla. — which opened in May — was closed.",
        "Add 1 tsp. olive oil and 4 oz. cooked chicken.",
        "Bei über 70 Mio. gesetzlich Versicherten ist das bzw. lebenslange Akte.",
        // A line that ends no sentence (a heading, a list, a broken line).
        "Shopping list\n\nbaby carrier\n\nhealthy snack bars\n\ncamera",
        "The app gives publishers an\n\neffective way to recirculate readers.",
        "This could occur:\n\nif the trial fails, or\n\nif the money runs out.",
    ] {
        assert!(lowercase_starts(text).is_empty(), "{text}: {:?}", lowercase_starts(text));
    }
    // A sentence end, on the same line or the line before, still counts.
    assert_eq!(lowercase_starts("The vote was close.\n\nthe bill passed."), ["the"]);
    assert_eq!(lowercase_starts("He left. \"we will see,\" she said."), ["we"]);
    assert_eq!(lowercase_starts("She fell ill. the doctors came."), ["the"]);
}

/// The words flagged as starting a sentence in lowercase.
fn lowercase_starts(text: &str) -> Vec<&str> {
    let flagged = messages(text).into_iter().filter(|(m, _)| m.starts_with("sentence starts in lowercase"));
    flagged.map(|(_, word)| word).collect()
}

#[test]
fn names_without_their_capital_are_flagged() {
    let found = messages("The team flew to los Angeles and met the united Nations envoy.");
    assert_eq!(found.len(), 2);
    assert_eq!(
        found[0],
        ("name without its capital; did you mean “Los Angeles”?".to_string(), "los Angeles")
    );
    assert_eq!(found[1].1, "united Nations");
    assert!(messages("The new York office and the New York office.").len() == 1);
}

#[test]
fn near_words_are_flagged_in_english() {
    let found = messages("The minister said the bill, wich was debated for hours, will pass.");
    assert_eq!(found, [("not a word; did you mean “which”?".to_string(), "wich")]);
    // Names, handles, domains and other languages are left alone.
    assert!(messages("The minister said that @wich and wich.org are not in the bill.").is_empty());
    assert!(messages("El ministro dijo que la ley, wich fue debatida, pasará.").is_empty());
}

#[test]
fn sentence_ends_without_a_space_are_flagged() {
    let found = messages("The two sides held talks.However, no deal was reached.");
    assert_eq!(
        found,
        [("no space after the sentence end; did you mean “talks. However”?".to_string(), "talks.However")]
    );
    assert!(messages("See example.com and Node.js or U.S.Army today.").is_empty());
    assert!(messages("Write to the mayor at www.TheMayor.com today.").is_empty());
}

#[test]
fn clean_text_has_no_flags() {
    for text in [
        "The minister said on Tuesday that the bill would pass. “We have the votes,” she told reporters.",
        "Москва, 12 марта — «Известия» сообщают.",
        "東京都は新しい計画を発表した。",
        "",
    ] {
        assert!(messages(text).is_empty(), "{text}");
    }
}

#[test]
fn the_abbreviation_list_can_be_searched() {
    assert!(LOWERCASE_AFTER.windows(2).all(|w| w[0] < w[1]), "LOWERCASE_AFTER must be sorted");
}
