//! Who a direct quote is attributed to, in the shapes news copy uses.

use super::attributed;

/// The first attribution of `body` whose content starts with `quote`: its source and speaker.
fn source_of<'a>(body: &'a str, quote: &str) -> (Option<&'a str>, Option<String>) {
    let got = attributed(body);
    let a = got
        .into_iter()
        .find(|a| a.content[0].starts_with(quote))
        .unwrap_or_else(|| panic!("no attribution of {quote:?} in {body:?}"));
    (a.source, a.speaker)
}

#[test]
fn doubled_apostrophes_are_quote_marks() {
    let body =
        "The union met on Monday.\n\n''We will appeal the ruling,'' said Ana Berg, a lawyer for the union.";
    let got = attributed(body);
    assert_eq!(got[0].content, ["We will appeal the ruling"]);
    assert!(got[0].direct);
    assert_eq!(got[0].source, Some("Ana Berg, a lawyer for the union"));
}

#[test]
fn short_quotes_count_only_before_their_attribution() {
    let body = "Mayor Ivo Radić was asked about the strike. “Never,” Radić said. \
                He called the offer “a trap” and left.";
    let got = attributed(body);
    let direct: Vec<&str> = got.iter().filter(|a| a.direct).map(|a| a.content[0]).collect();
    assert_eq!(direct, ["Never"]);
    assert_eq!(source_of(body, "Never").1.as_deref(), Some("Ivo Radić"));
}

#[test]
fn a_quote_continues_past_a_long_attribution_and_a_quoted_title() {
    let body = "“We stay here,” Ana Berg said on Tuesday at a rally in the port, where hundreds of workers \
                gathered before dawn. “Nobody leaves the port.”\n\n\
                “The talks failed,” Ivo Radić told the “Morning Show” programme. “We start again tomorrow.”";
    let got = attributed(body);
    let direct: Vec<(Vec<&str>, Option<&str>)> =
        got.iter().filter(|a| a.direct).map(|a| (a.content.clone(), a.source)).collect();
    assert_eq!(
        direct,
        [
            (vec!["We stay here", "Nobody leaves the port."], Some("Ana Berg")),
            (vec!["The talks failed", "We start again tomorrow."], Some("Ivo Radić")),
        ]
    );
}

#[test]
fn a_paragraph_of_quote_continues_the_speaker_of_the_paragraph_before() {
    let body = "“The port will stay open all winter,” Berg said.\n\n“Nobody should doubt that.”\n\n\
                The ministry disagreed. “It will close,” a spokesman said.\n\nThe ferries stopped.\n\n\
                “Nothing works any more in this town.”";
    let got = attributed(body);
    assert_eq!(got[0].content, ["The port will stay open all winter", "Nobody should doubt that."]);
    assert_eq!(got[0].source, Some("Berg"));
    // After a paragraph of narration the quote has no known speaker.
    let last = got.last().unwrap();
    assert_eq!(last.content, ["Nothing works any more in this town."]);
    assert_eq!(last.source, None);
}

#[test]
fn long_descriptions_of_the_speaker_around_the_cue() {
    let after = "“It is an invasion of our harbour,” Ana Berg, the union lawyer of Split, one of the towns \
                 suing the ministry, said at an event this month.";
    assert_eq!(
        source_of(after, "It is").0,
        Some("Ana Berg, the union lawyer of Split, one of the towns suing the ministry")
    );
    let before = "Ivo Radić, who has led the dockers since the long strike of 2019 and knows every crane, \
                  said, “We will not sign this.”";
    let (source, speaker) = source_of(before, "We will");
    assert!(source.is_some_and(|s| s.starts_with("Ivo Radić, who has led")), "{source:?}");
    assert_eq!(speaker.as_deref(), Some("Ivo Radić"));
    let role = "“The talks are over for now,” the ministry's spokesman, Ivo Radić, said.";
    assert_eq!(source_of(role, "The talks").0, Some("the ministry's spokesman, Ivo Radić"));
}

#[test]
fn what_follows_a_name_after_the_cue() {
    let party = "“The vote is a disgrace,” said Rep. Ana Berg (D-Ohio), a member of the committee.";
    assert_eq!(source_of(party, "The vote").0, Some("Rep. Ana Berg (D-Ohio), a member of the committee"));
    assert_eq!(source_of(party, "The vote").1.as_deref(), Some("Ana Berg"));
    let origin = "“The city will heal,” said the Rev. Ivo Radić, of St. Mark's Church.";
    assert_eq!(source_of(origin, "The city").0, Some("the Rev. Ivo Radić, of St. Mark's Church"));
    let adverbial = "“The impact is still small,” wrote Ivo Radić for the Courier.";
    assert_eq!(source_of(adverbial, "The impact").0, Some("Ivo Radić"));
    let title = "“We need more time,” said Del. Ana Berg.";
    assert_eq!(source_of(title, "We need").0, Some("Del. Ana Berg"));
}

#[test]
fn the_subject_of_a_sentence_introducing_a_quote() {
    let colon = "Sen. Ana Berg (D-Ohio) scolded him: “Your product does not work at all.”";
    assert_eq!(source_of(colon, "Your product").0, Some("Sen. Ana Berg (D-Ohio)"));
    let heading = "The view from the polls - Pollster Ivo Radić: “Turnout decides this race.”";
    let got = attributed(heading);
    assert_eq!((got[0].cue, got[0].source), (Some(":"), Some("Pollster Ivo Radić")));
    let paragraph = "Kovač answered the charge at once. He said:\n\n“The money was never ours to keep.”";
    assert_eq!(source_of(paragraph, "The money").0, Some("He"));
    let participle = "Mayor Ana Kovač defended the plan, saying, “It is the only way to save the port.”";
    assert_eq!(source_of(participle, "It is").0, Some("Mayor Ana Kovač"));
    let conjoined =
        "Reporters asked Ana Berg about the vote. Berg laughed and said, “Of course we will win this.”";
    assert_eq!(source_of(conjoined, "Of course").0, Some("Berg"));
    let far = "She then turned to the crowd and repeatedly said, “Go home now, all of you.”";
    assert_eq!(source_of(far, "Go home").0, Some("She"));
    let inverted = "Said Berg: “I have seen better plans from children.”";
    assert_eq!(source_of(inverted, "I have").0, Some("Berg"));
}

#[test]
fn any_verb_after_a_quote_left_open_attributes_it() {
    let body = "“Sit down and let me finish,” Kovač snapped. “You are wrong about this,” she shot back.";
    let got = attributed(body);
    let seen: Vec<(Option<&str>, Option<&str>)> = got.iter().map(|a| (a.cue, a.source)).collect();
    assert_eq!(seen, [(Some("snapped"), Some("Kovač")), (Some("shot"), Some("she"))]);
}

#[test]
fn a_quote_inside_a_quote_is_part_of_it() {
    let body = "“They called it ‘a miracle,’ but it is nothing of the kind,” she said.";
    let got = attributed(body);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].content, ["They called it ‘a miracle,’ but it is nothing of the kind"]);
    assert_eq!(got[0].source, Some("she"));
}

#[test]
fn pronouns_stand_for_the_kind_of_speaker_they_name() {
    let body = "The Harbour Authority met Ana Berg on Monday. “The berths will be rebuilt,” it said. \
                “I have seen the plans,” I said.";
    let got = attributed(body);
    assert_eq!(got[0].speaker.as_deref(), Some("Harbour Authority"));
    assert_eq!((got[1].source, got[1].speaker.as_deref()), (Some("I"), None));
}

#[test]
fn a_cue_that_is_not_the_main_verb_takes_the_subject_of_the_sentence() {
    let body = "Radić praised the workers and went on to say, “Nobody has worked harder than them.”";
    let body = &format!("Ivo Radić spoke first. {body}");
    assert_eq!(source_of(body, "Nobody has").0, Some("Radić"));
    let opening = "Ana Berg spoke last. Continued Berg: “We will meet again in the spring.”";
    let (source, speaker) = source_of(opening, "We will");
    assert_eq!((source, speaker.as_deref()), (Some("Berg"), Some("Ana Berg")));
}

#[test]
fn descriptions_owned_by_a_name_or_naming_a_party() {
    let owned =
        "“They are open to new things,” Ana Berg, Twitter’s director of advertising, said of the campaign.";
    assert_eq!(source_of(owned, "They are").0, Some("Ana Berg, Twitter’s director of advertising"));
    let party = "''It is hard to be the grown-up in the room,'' Representative Ivo Radić, Democrat of Ohio, \
                 told the president.";
    assert_eq!(source_of(party, "It is hard").0, Some("Representative Ivo Radić, Democrat of Ohio"));
}

#[test]
fn after_a_question_the_next_sentence_may_attribute_it() {
    let body = "“It looks like we will not get along, who knows?” Kovač told a broadcaster in an interview \
                aired on Monday.";
    assert_eq!(source_of(body, "It looks").0, Some("Kovač"));
}

#[test]
fn party_and_state_after_a_name_and_adverbs_before_the_cue() {
    let party =
        "“Our assumption is that the veto will fail,” Senate Majority Leader Ivo Radić, R-Ky., said Tuesday.";
    assert_eq!(source_of(party, "Our assumption").0, Some("Senate Majority Leader Ivo Radić, R-Ky"));
    let further =
        "The Courier Group praised the plan. “The fortunes of the port have changed,” it further wrote.";
    let (source, speaker) = source_of(further, "The fortunes");
    assert_eq!((source, speaker.as_deref()), (Some("it"), Some("Courier Group")));
}

#[test]
fn an_adjective_in_the_description_is_not_the_speaker() {
    let body = "“We finished the film in a month,” said Hollis Brant, the former actor and Oscar-winning \
                director.";
    assert_eq!(source_of(body, "We finished").1.as_deref(), Some("Hollis Brant"));
}

#[test]
fn the_title_before_a_name_is_not_part_of_the_speaker() {
    let body = "“The deal is done,” Chief Executive Officer Lina Park said on Monday.";
    let (source, speaker) = source_of(body, "The deal");
    assert_eq!((source, speaker.as_deref()), (Some("Chief Executive Officer Lina Park"), Some("Lina Park")));
}

#[test]
fn a_party_tag_a_nationality_or_a_workplace_is_not_the_speaker() {
    let party = "“We will fight this bill in every court,” Boxley, D-Calif., said.";
    assert_eq!(source_of(party, "We will").1.as_deref(), Some("Boxley"));
    let nationality = "“The economy is on its knees,” the Greek said.";
    assert_eq!(source_of(nationality, "The economy"), (Some("the Greek"), None));
    let workplace = "“We will fight this bill in every court,” said Hollis Brant, director of the Center.";
    assert_eq!(source_of(workplace, "We will").1.as_deref(), Some("Hollis Brant"));
}

#[test]
fn a_police_rank_does_not_end_the_sentence_naming_the_speaker() {
    let body = "“Nobody was hurt in the crash,” said Const. Jane Moss of Vancouver police.";
    let (source, speaker) = source_of(body, "Nobody was");
    assert_eq!(source, Some("Const. Jane Moss of Vancouver police"));
    assert_eq!(speaker.as_deref(), Some("Jane Moss"));
}

#[test]
fn the_owner_of_the_source_is_not_the_speaker() {
    let rep = "“Oscar Reid has checked himself into a clinic,” Reid's rep told the magazine.";
    assert_eq!(source_of(rep, "Oscar Reid"), (Some("Reid's rep"), None));
    let spokesman = "“We are shocked by the news,” Oscar Reid’s spokesman told the magazine.";
    assert_eq!(source_of(spokesman, "We are"), (Some("Oscar Reid’s spokesman"), None));
}

#[test]
fn titles_of_works_in_quote_marks_are_not_quotes() {
    let body = "Ron Hale starred in \"The Big Lebowski.\" He was proud of the film \"A Beautiful Mind\" \
                and called the remake “a Total Disaster for Everyone” on Monday.";
    let found = super::run(body);
    let quotes: Vec<&str> = found.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(quotes, ["a Total Disaster for Everyone"]);
}

#[test]
fn a_misplaced_quote_mark_does_not_take_the_attribution_into_the_quote() {
    let open = "He is a shadow of his former self, \"the judge said, \"an old man who cannot remember.\"";
    let got = attributed(open);
    let direct: Vec<(&[&str], Option<&str>)> =
        got.iter().filter(|a| a.direct).map(|a| (a.content.as_slice(), a.source)).collect();
    assert_eq!(direct, [(&["an old man who cannot remember."][..], Some("the judge"))]);
    let both = "\"He is a shadow of his former self, \"the judge said, \"an old man who cannot remember.\"";
    let got = attributed(both);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].content, ["He is a shadow of his former self", "an old man who cannot remember."]);
    assert_eq!(got[0].source, Some("the judge"));
}

/// A pronoun after what it attributes stands for someone named before that,
/// never for a name inside it.
#[test]
fn a_pronoun_speaker_is_named_before_the_speech() {
    let body = "Union representative Henrik Dahl said staff had raised concerns last autumn. \
                “Marta Ellison told management the racks were too close together,” he said. \
                “We want to know what was done about it.”\n\n\
                Dahl spoke after the meeting. Marta Ellison ignored every warning, he said.";
    let found = super::run(body);
    let speakers: Vec<Option<&str>> = found.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(speakers, [Some("Henrik Dahl"), Some("Henrik Dahl")]);
    assert_eq!(source_of(body, "Marta Ellison ignored").1.as_deref(), Some("Henrik Dahl"));
}

/// The quotes of the demo's union representative, with both faults that
/// gave them to the first word of the quote.
#[test]
fn the_demo_union_quotes_are_the_representatives() {
    let body = "Workers at the meeting said the mood was relieved but tense. Union representative \
                Henrik Dahl said staff had raised concerns about overheating cells on the formation line \
                last autumn. “People told management the racks were too close together,” he said. \
                “We want to know what was done about it.”";
    let found = super::run(body);
    let speakers: Vec<Option<&str>> = found.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(speakers, [Some("Henrik Dahl"), Some("Henrik Dahl")]);
}

#[test]
fn he_and_she_stand_for_someone_the_text_gives_that_pronoun() {
    let body = "Actress Lena Marr checked herself into a clinic on Monday, her manager Ivo Radić said. \
                Marr had been filming in Split.\n\n“Lena was a professional on set,” he told reporters.";
    assert_eq!(source_of(body, "Lena was").1.as_deref(), Some("Ivo Radić"));
    let body = "Ivo Radić met Lena Marr on Monday, and Marr said she would stay.\n\n\
                “We are close to a deal,” he said.";
    assert_eq!(source_of(body, "We are close").1.as_deref(), Some("Ivo Radić"));
    // Without a clue to either, the subject of the last sentence naming
    // someone speaks: the first person it names.
    let body = "Ivo Radić met Lena Marr on Monday.\n\n“We are close to a deal,” she said.";
    assert_eq!(source_of(body, "We are close").1.as_deref(), Some("Ivo Radić"));
    let body = "Senator Dana Holt, who has campaigned for Governor Ana Berg, criticised Mayor Ivo Radić on \
                Monday. “He is a disgrace,” she said.";
    assert_eq!(source_of(body, "He is a disgrace").1.as_deref(), Some("Dana Holt"));
    // No one named inside a quotation, nor an owner, is who `she` stands for.
    let body = "Lena Marr, 43, recalled her first role. “Adam Kerr was kind to me,” she said later. \
                “I was terrified,” she said.";
    assert_eq!(source_of(body, "I was terrified").1.as_deref(), Some("Lena Marr"));
    let body = "Ivo Radić's mother spoke to reporters. “We just want peace,” she said.";
    assert_eq!(source_of(body, "We just want").1.as_deref(), None);
    // A surname alone is the full name the article most often gives it.
    let body = "Bill Clinton spoke in Iowa. Hillary Clinton spoke in Ohio on Monday. Hillary Clinton \
                thanked him. “We will win,” Clinton said.";
    assert_eq!(source_of(body, "We will win").1.as_deref(), Some("Hillary Clinton"));
    // Unless its sentence or the one before gives it another.
    let body = "Hillary Clinton spoke in Iowa. Hillary Clinton spoke in Ohio. Chelsea Clinton announced a \
                new book on Monday. Clinton, 35, said: “It is about my mother.”";
    assert_eq!(source_of(body, "It is about").1.as_deref(), Some("Chelsea Clinton"));
}
