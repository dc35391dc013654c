use corroborate_model::{Article, EntityKind, Extraction, Mention, Span};

use crate::extract;

fn article(body: &str) -> Article {
    Article {
        id: "t1".into(),
        story: None,
        wire_group: None,
        title: String::new(),
        outlet: None,
        url: None,
        published: None,
        authors: vec![],
        language: None,
        credited_to: None,
        cites: vec![],
        body: body.into(),
        sentences: corroborate_text::sentences(body),
        repairs: vec![],
        flags: vec![],
        origin: String::new(),
    }
}

pub(super) fn run(body: &str) -> Extraction {
    let found = extract(&article(body));
    for m in &found.mentions {
        assert_eq!(&body[m.span.start..m.span.end], m.text);
        if let (Some(role), Some(span)) = (&m.role, m.role_span) {
            assert_eq!(&body[span.start..span.end], role);
        }
    }
    for q in &found.quotes {
        assert_eq!(&body[q.span.start..q.span.end], q.text);
    }
    found
}

fn find<'a>(found: &'a Extraction, text: &str) -> &'a Mention {
    found
        .mentions
        .iter()
        .find(|m| m.text == text)
        .unwrap_or_else(|| panic!("no mention {text}: {:?}", found.mentions))
}

fn texts(found: &Extraction) -> Vec<&str> {
    found.mentions.iter().map(|m| m.text.as_str()).collect()
}

/// A name with no title or speech verb is a person when it starts with a
/// common first name, accents and case aside.
#[test]
fn common_first_names_make_people() {
    let found =
        run("The record was broken on Sunday, passing Philip Brennan and Jürgen Adler of the old team. \
         Fans cheered in Chapel Hill as Georgia Tech lost. She was treated at the Betty Ford Center, \
         and Gordon Advisors handled the sale.");
    for name in ["Philip Brennan", "Jürgen Adler"] {
        assert_eq!(find(&found, name).kind, EntityKind::Person, "{name}");
    }
    assert_ne!(find(&found, "Georgia Tech").kind, EntityKind::Person);
    // A first name opening an organisation's name does not make a person.
    for name in ["Betty Ford Center", "Gordon Advisors"] {
        assert_eq!(find(&found, name).kind, EntityKind::Organization, "{name}");
    }
}

#[test]
fn roles_with_modifiers_and_scope_are_split_from_names() {
    let found =
        run("Croatian Deputy Foreign Minister Marta Kovač met former President Ivo Radić on Tuesday. \
         The talks were hosted by spokeswoman Ana Berg and U.S. Secretary of State John Miller. \
         Mr. Radić later met acting Prime Minister Petra Horvat and ex-President Luka Babić.");
    let cases = [
        ("Marta Kovač", "Croatian Deputy Foreign Minister"),
        ("Ivo Radić", "former President"),
        ("Ana Berg", "spokeswoman"),
        ("John Miller", "U.S. Secretary of State"),
        ("Radić", "Mr."),
        ("Petra Horvat", "acting Prime Minister"),
        ("Luka Babić", "ex-President"),
    ];
    for (name, role) in cases {
        let m = find(&found, name);
        assert_eq!(m.kind, EntityKind::Person, "{name}");
        assert_eq!(m.role.as_deref(), Some(role), "{name}");
    }
    assert!(!texts(&found).contains(&"Tuesday"));
}

#[test]
fn a_name_before_region_or_province_is_a_place() {
    let found = run("Turnout was highest in Mary region and in Akhal province, officials said. \
                     Mary Brandt, a voter, waited an hour.");
    for name in ["Mary", "Akhal"] {
        assert_eq!(find(&found, name).kind, EntityKind::Place, "{name}");
    }
    assert_eq!(find(&found, "Mary Brandt").kind, EntityKind::Person);
}

#[test]
fn a_plural_possessive_may_open_a_name() {
    let found = run(
        "Troops of the People’s Liberation Army crossed the river, and Marta Kovač’s office said little.",
    );
    assert_eq!(find(&found, "People’s Liberation Army").kind, EntityKind::Organization);
    assert!(texts(&found).contains(&"Marta Kovač"), "{:?}", texts(&found));
}

#[test]
fn time_zones_are_not_names() {
    let found = run("Polls closed at 20:00 GMT, or 3 p.m. EST, as Marta Kovač voted in Lindgrad.");
    let t = texts(&found);
    assert!(t.contains(&"Marta Kovač"), "{t:?}");
    assert!(!t.iter().any(|m| m.contains("GMT") || m.contains("EST")), "{t:?}");
}

#[test]
fn sentence_initial_common_words_are_not_names() {
    let found =
        run("The Foreign Ministry said talks would resume. Officials in Zagreb declined to comment. \
         After the meeting, rescuers searched the harbour. Kovač said little. \
         Reuters reported the news. Witnesses saw Marta Kovač leave. Added Kovač: the talks are over.");
    let t = texts(&found);
    assert!(t.contains(&"Foreign Ministry"), "{t:?}");
    assert!(
        !t.iter().any(|m| m.starts_with("The") || m.starts_with("Officials") || m.starts_with("After")),
        "{t:?}"
    );
    assert!(!t.contains(&"Witnesses"), "{t:?}");
    // Nor is a cue verb opening a sentence before the name.
    assert!(!t.contains(&"Added Kovač"), "{t:?}");
    assert_eq!(find(&found, "Foreign Ministry").kind, EntityKind::Organization);
    assert_eq!(find(&found, "Zagreb").kind, EntityKind::Place);
    // A sentence-initial name counts when backed by a cue verb or by other mentions.
    assert_eq!(find(&found, "Kovač").kind, EntityKind::Person);
    assert_eq!(find(&found, "Reuters").kind, EntityKind::Organization);
    assert_eq!(find(&found, "Marta Kovač").kind, EntityKind::Person);
}

/// The first word of a quotation is capitalised as the first of a sentence is:
/// a speech verb after it is the speaker's own wording and backs no name,
/// while a word named elsewhere, or followed by more of a name, stays one.
#[test]
fn states_regions_and_cities_are_places_even_before_a_speech_verb() {
    let found = run("The governor flew from Ohio to New Hampshire on Monday. \
        South Carolina said it would not certify the count, and Kerala said the same.");
    for place in ["Ohio", "New Hampshire", "South Carolina", "Kerala"] {
        assert_eq!(find(&found, place).kind, EntityKind::Place, "{place}");
    }
    // A name of several words ending or starting in a place word, even after a given name.
    let found =
        run("Police in Beverly Hills closed the road. The ship left the Persian Gulf for Mount Cook \
        harbour, where Jane Park met the crew.");
    for place in ["Beverly Hills", "Persian Gulf", "Mount Cook"] {
        assert_eq!(find(&found, place).kind, EntityKind::Place, "{place}");
    }
    assert_eq!(find(&found, "Jane Park").kind, EntityKind::Person);
    // Given names that are as often words or places, and surnames that are place words.
    let found = run("Police in Austin issued an Amber Alert on Monday. George Strait sang in Abu Dhabi, \
        and deforestation in the Amazon went on.");
    assert_eq!(find(&found, "Austin").kind, EntityKind::Place);
    assert_eq!(find(&found, "Abu Dhabi").kind, EntityKind::Place);
    assert_eq!(find(&found, "George Strait").kind, EntityKind::Person);
    assert_ne!(find(&found, "Amber Alert").kind, EntityKind::Person);
    assert_ne!(find(&found, "Amazon").kind, EntityKind::Organization);
}

#[test]
fn known_organisations_speak_as_organisations() {
    let found = run("Microsoft said on Tuesday that it would patch the flaw. \
        Analysts at Goldman Sachs expect the fix to cost little, Reuters reported.");
    for org in ["Microsoft", "Goldman Sachs", "Reuters"] {
        assert_eq!(find(&found, org).kind, EntityKind::Organization, "{org}");
    }
}

#[test]
fn a_plural_after_the_is_a_team_or_party_unless_it_is_a_family() {
    let found = run("The Saints beat the Kansas City Chiefs on Sunday, and the Democrats cheered. \
        Bill Clinton watched with friends; the Clintons left early. Bernie Sanders said the Sanders \
        campaign would go on, and the Germans agreed.");
    for org in ["Saints", "Kansas City Chiefs", "Democrats"] {
        assert_eq!(find(&found, org).kind, EntityKind::Organization, "{org}");
    }
    assert_eq!(find(&found, "Clintons").kind, EntityKind::Person);
    assert_eq!(find(&found, "Sanders").kind, EntityKind::Person);
    assert_ne!(find(&found, "Germans").kind, EntityKind::Organization);
    let peoples = run("The talks left the Kurds and the Sunnis without a seat, the Democrats said.");
    for people in ["Kurds", "Sunnis"] {
        assert_ne!(find(&peoples, people).kind, EntityKind::Organization, "{people}");
    }
    assert_eq!(find(&peoples, "Kurds").kind, EntityKind::Other);
}

#[test]
fn the_first_word_of_a_quotation_is_sentence_initial() {
    let found = run("Union representative Henrik Dahl said staff had raised concerns. \
         “People told management the racks were too close together,” he said. \
         “Obama lied,” she said, and added that Obama had known. \
         “Barack Obama told us nothing,” Dahl said.");
    let t = texts(&found);
    assert!(!t.contains(&"People"), "{t:?}");
    assert_eq!(t.iter().filter(|m| **m == "Obama").count(), 2, "{t:?}");
    assert!(t.contains(&"Barack Obama"), "{t:?}");
}

/// A name ending in a word for a company is an organisation, whatever verb
/// follows it or preposition comes before it; the word alone is a common noun.
#[test]
fn names_ending_in_a_company_word_are_organisations() {
    let found = run("Shares in Tessaro Components fell on Wednesday. Tessaro supplies three bus makers, \
         and one of them, Rolvik Coachworks, said it had enough packs. Halden Energy said prices \
         would rise, said Erik Weller, an analyst at Calen Capital. Energy prices rose in Orvik.");
    for name in ["Tessaro Components", "Rolvik Coachworks", "Halden Energy", "Calen Capital"] {
        assert_eq!(find(&found, name).kind, EntityKind::Organization, "{name}");
    }
    assert!(!texts(&found).contains(&"Energy"), "{:?}", texts(&found));
}

/// A noun for an organisation opening a sentence before a title and a name
/// belongs to the title (`Union representative`), and names nothing itself.
#[test]
fn a_word_opening_a_title_before_a_name_is_no_name() {
    let found = run("The mood was tense. Union representative Henrik Dahl said staff had \
         raised concerns. Hospital director Ana Berg said two workers remain in care.");
    assert_eq!(texts(&found), ["Henrik Dahl", "Ana Berg"]);
}

#[test]
fn connectors_possessives_and_places() {
    let found = run("Officials from the Bank of England met Ursula von der Leyen near Brussels. \
         Kovač’s office said the Ministry of the Interior was informed. \
         The convoy left from Dubrovnik at dawn.");
    let t = texts(&found);
    assert!(t.contains(&"Bank of England"), "{t:?}");
    assert!(t.contains(&"Ursula von der Leyen"), "{t:?}");
    assert!(t.contains(&"Kovač"), "{t:?}");
    assert!(t.contains(&"Ministry of the Interior"), "{t:?}");
    assert_eq!(find(&found, "Bank of England").kind, EntityKind::Organization);
    assert_eq!(find(&found, "Brussels").kind, EntityKind::Place);
    assert_eq!(find(&found, "Dubrovnik").kind, EntityKind::Place);
}

/// A name after `in` is a place unless the article shows it is a product
/// or a work (a noun such as `browser` or `sequel` right after it
/// anywhere), or a figure is in it.
#[test]
fn products_and_works_after_in_are_no_places() {
    let found = run("The flaw in Lumen Navigator lets attackers in. Lumen Navigator browser users \
         should update. The bug in NV9 was fixed. She also starred in Silver Lantern, and the \
         Silver Lantern sequel opens in May. The crew stayed in Tervola overnight.");
    for name in ["Lumen Navigator", "Silver Lantern"] {
        let kinds: Vec<EntityKind> =
            found.mentions.iter().filter(|m| m.text == name).map(|m| m.kind).collect();
        assert_eq!(kinds, [EntityKind::Other; 2], "{name}");
    }
    assert_eq!(find(&found, "NV9").kind, EntityKind::Other);
    assert_eq!(find(&found, "Tervola").kind, EntityKind::Place);
    // A place before a trade, or before a work, is still a place.
    let found = run("Rivals were based in Marlow at the time. The Marlow software giant hired 300 people. \
         Writers picketed studios in Halden on Monday, delaying the next Halden film.");
    assert_eq!(find(&found, "Marlow").kind, EntityKind::Place);
    let worker = run("Police in Varkaus found a Varkaus software engineer dead on Monday.");
    assert_eq!(find(&worker, "Varkaus").kind, EntityKind::Place);
    assert_eq!(find(&found, "Halden").kind, EntityKind::Place);
    // A known kind stays: a company's software.
    let found = run("The fix came from Kestrel Systems. Kestrel Systems software runs in Lindgrad.");
    assert_eq!(find(&found, "Kestrel Systems").kind, EntityKind::Organization);
}

#[test]
fn quotes_with_each_cue_pattern() {
    let body = "Deputy Foreign Minister Marta Kovač spoke after the vote. \
        “We will not back down from this,” said Kovač. \
        “The harbour must stay open to everyone,” Mayor Ivo Radić said. \
        Radić told reporters: “Nobody here wants a long fight.” \
        According to Ana Berg, “the plan is already late.” \
        She added that the costs had doubled.\n\n\
        “This is only the first step,” she said. \
        He called it a “bad idea”.";
    let found = run(body);
    let got: Vec<(&str, Option<&str>, Option<&str>)> =
        found.quotes.iter().map(|q| (q.text.as_str(), q.speaker.as_deref(), q.cue.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("We will not back down from this", Some("Marta Kovač"), Some("said")),
            ("The harbour must stay open to everyone", Some("Ivo Radić"), Some("said")),
            ("Nobody here wants a long fight.", Some("Ivo Radić"), Some("told")),
            ("the plan is already late.", Some("Ana Berg"), Some("according to")),
            ("This is only the first step", Some("Ana Berg"), Some("said")),
        ]
    );
    // The pronoun's speaker span points at the name it stands for.
    let last = &found.quotes[4];
    let span = last.speaker_span.expect("speaker span");
    assert_eq!(&body[span.start..span.end], "Ana Berg");
}

#[test]
fn straight_and_single_quotes() {
    let body = "\"We expect a decision by Friday,\" Radić said. \
        The unions' leaders left. ‘It is far from over,’ Marta Kovač told the broadcaster.";
    let found = run(body);
    let got: Vec<&str> = found.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(got, ["We expect a decision by Friday", "It is far from over"]);
    assert_eq!(found.quotes[1].speaker.as_deref(), Some("Marta Kovač"));
    assert_eq!(found.quotes[1].cue.as_deref(), Some("told"));
}

#[test]
fn datelines_acronyms_and_the_pronoun_i() {
    let found = run("SIBENIK, May 3 - Workers at the port met NATO officials. I think Friday’s talks went well, Kovač said.");
    assert_eq!(find(&found, "SIBENIK").kind, EntityKind::Place);
    assert_eq!(find(&found, "NATO").kind, EntityKind::Organization);
    assert_eq!(texts(&found), ["SIBENIK", "NATO", "Kovač"]);
}

#[test]
fn the_first_half_of_a_hyphenated_adjective_is_no_name() {
    let found = run("Hollis Brant, the Oscar-winning director, met a Paris-based banker \
         and officers of the U.S.-led coalition. As I've said, Ban Ki-moon was there.");
    // A lowercase second half may belong to a name; `I` and its contractions are no name.
    assert_eq!(texts(&found), ["Hollis Brant", "Ban Ki"]);
}

#[test]
fn every_title_word_before_a_name_belongs_to_the_role() {
    let found = run("Chief Executive Officer Lina Park met Secretary of Homeland Security Jeh Dolan \
         and the President of Chile.");
    let cases = [("Lina Park", "Chief Executive Officer"), ("Jeh Dolan", "Secretary of Homeland Security")];
    for (name, role) in cases {
        let m = find(&found, name);
        assert_eq!(m.kind, EntityKind::Person, "{name}");
        assert_eq!(m.role.as_deref(), Some(role), "{name}");
    }
    // An office without a name is not split into a role and a name starting with `of`.
    assert!(!texts(&found).iter().any(|t| t.starts_with("of ")), "{:?}", texts(&found));
}

#[test]
fn party_tags_and_nationalities_alone_name_no_one() {
    let found =
        run("On Monday, Boxley, D-Calif., and Sanders, I-Vt., met a Greek official. The Greek said nothing.");
    assert_eq!(texts(&found), ["Boxley", "Sanders"]);
}

/// An attribution as text, for comparing with what a reader sees.
#[derive(Debug, PartialEq)]
pub(super) struct Said<'a> {
    content: Vec<&'a str>,
    cue: Option<&'a str>,
    source: Option<&'a str>,
    speaker: Option<String>,
    direct: bool,
}

pub(super) fn attributed(body: &str) -> Vec<Said<'_>> {
    let slice = |s: Span| &body[s.start..s.end];
    crate::attributions(&article(body))
        .into_iter()
        .map(|a| Said {
            content: a.content.iter().map(|&s| slice(s)).collect(),
            cue: a.cue.map(slice),
            source: a.source.map(slice),
            speaker: a.speaker,
            direct: a.direct,
        })
        .collect()
}

#[test]
fn a_quote_interrupted_by_its_attribution_is_one_attribution() {
    let body = "\"My name may not be on the ballot, but our progress is,\" Mr. Obama said on Saturday \
                in Washington. \"Tolerance is on the ballot. Justice is on the ballot.\"\n\n\
                “Does anybody know what the platform is?” Graham asked. “Neither do I.”";
    let got = attributed(body);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert_eq!(
        got[0].content,
        [
            "My name may not be on the ballot, but our progress is",
            "Tolerance is on the ballot. Justice is on the ballot."
        ]
    );
    assert_eq!(
        (got[0].cue, got[0].source, got[0].speaker.as_deref()),
        (Some("said"), Some("Mr. Obama"), Some("Obama"))
    );
    assert_eq!(got[1].content, ["Does anybody know what the platform is?", "Neither do I."]);
    assert_eq!((got[1].cue, got[1].source), (Some("asked"), Some("Graham")));
    assert!(got.iter().all(|a| a.direct));
}

#[test]
fn signatures_parentheses_and_appositives_name_the_source() {
    let body = "“He is ignorant of our culture and lives.”― Pamela Padilla \n\
                “It’s a dog whistle to all Americans,” Rep. Gwen Moore (D-Wis.) said. \
                “We're talking about a Senate on a knife's edge,” said David Wasserman, House editor \
                for the Cook Political Report.";
    let got = attributed(body);
    let sources: Vec<Option<&str>> = got.iter().map(|a| a.source).collect();
    assert_eq!(
        sources,
        [
            Some("Pamela Padilla"),
            Some("Rep. Gwen Moore (D-Wis.)"),
            Some("David Wasserman, House editor for the Cook Political Report")
        ]
    );
    assert_eq!(got[2].speaker.as_deref(), Some("David Wasserman"));
}

#[test]
fn indirect_speech_and_descriptions_of_the_speaker() {
    let body = "The company hired spokeswoman Ana Berg in May. \
                The company's spokeswoman said that the plant would close by the end of the year. \
                Wages will be paid until March, according to Ana Berg. \
                According to the union, nobody was told about the plan before Friday. \
                The workers were angry, a union official said. \
                He called the closure a “betrayal of everyone who built it” in a statement.";
    let got = attributed(body);
    let seen: Vec<(&str, Option<&str>, Option<&str>, bool)> =
        got.iter().map(|a| (a.content[0], a.cue, a.source, a.direct)).collect();
    assert_eq!(
        seen,
        [
            (
                "that the plant would close by the end of the year",
                Some("said"),
                Some("The company's spokeswoman"),
                false
            ),
            ("Wages will be paid until March", Some("according to"), Some("Ana Berg"), false),
            ("nobody was told about the plan before Friday", Some("According to"), Some("the union"), false),
            ("The workers were angry", Some("said"), Some("a union official"), false),
        ],
        "{got:#?}"
    );
    // A description is resolved to the person given that title.
    assert_eq!(got[0].speaker.as_deref(), Some("Ana Berg"));
}

mod reported;
mod speakers;

/// A group named a state speaks as a group, and a day named with a word
/// before it is no person, even before a speech verb.
#[test]
fn a_state_that_speaks_is_a_group_and_a_named_day_no_one() {
    let found = run("The attack was claimed on Monday when Islamic State said its fighters had reached the \
        town. Candidates spent Super Tuesday said to be in Ohio, and Theresa May said she would stay.");
    assert_eq!(find(&found, "Islamic State").kind, EntityKind::Organization);
    assert_ne!(find(&found, "Super Tuesday").kind, EntityKind::Person);
    assert_eq!(find(&found, "Theresa May").kind, EntityKind::Person);
}
