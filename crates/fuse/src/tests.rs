use corroborate_model::{Article, Brief, ClaimStatus, Extraction, Span};
use corroborate_text::{fold, tokens};

use crate::brief;
use crate::render::{html, json, markdown};

struct Meta<'a> {
    id: &'a str,
    outlet: &'a str,
    credited: Option<&'a str>,
    wire: Option<&'a str>,
    published: &'a str,
    title: &'a str,
}

/// An outlet's own report: no credit, no wire group.
fn own<'a>(id: &'a str, outlet: &'a str, published: &'a str, title: &'a str) -> Meta<'a> {
    Meta { id, outlet, credited: None, wire: None, published, title }
}

fn article(m: Meta, paragraphs: &[&str]) -> (Article, Extraction) {
    let body = paragraphs.join("\n\n");
    let a = Article {
        id: m.id.into(),
        story: Some(7),
        wire_group: m.wire.map(Into::into),
        title: m.title.into(),
        outlet: Some(m.outlet.into()),
        url: Some(format!("https://example.com/{}", m.id)),
        published: Some(m.published.into()),
        authors: vec![],
        language: Some("en".into()),
        credited_to: m.credited.map(Into::into),
        cites: vec![],
        sentences: corroborate_text::sentences(&body),
        body,
        repairs: vec![],
        flags: vec![],
        origin: format!("{}.json", m.id),
    };
    let e = corroborate_extract::extract(&a);
    (a, e)
}

const LEAD: &str = "Croatian Deputy Foreign Minister Marta Kovač said on Friday that 12 workers were \
    injured when a crane collapsed at the Split shipyard.";
const COMPANY: &str =
    "The accident happened during the night shift at the Brodosplit yard, the company said in a statement.";
const QUOTE: &str = "“We will find out exactly what went wrong here,” Kovač told reporters at the yard.";
const MAYOR: &str = "Split Mayor Ivo Radić ordered an inspection of all cranes in the port area.";
const RESCUE: &str =
    "Rescue teams worked for six hours to free two trapped crane operators from the wreckage.";
const YARD: &str = "The shipyard employs about 2,000 people and builds tankers for European clients.";

/// A wire report, a copy of it, an aggregator crediting the agency, and one
/// independent outlet that disagrees on a title, a spelling and a count.
fn disputed_story() -> Vec<(Article, Extraction)> {
    let wire = |id, outlet, published, title| Meta {
        id,
        outlet,
        credited: None,
        wire: Some("a1"),
        published,
        title,
    };
    vec![
        article(
            wire("a1", "Meridian Press", "2024-05-03T08:00:00Z", "Crane collapse injures workers in Split"),
            &[LEAD, COMPANY, QUOTE, MAYOR, RESCUE, YARD, "Reporting by Ana Berg; Editing by Tomislav Jurić"],
        ),
        article(
            wire("a2", "Harbor Times", "2024-05-03T09:30:00Z", "Workers hurt as crane falls at Split yard"),
            &[LEAD, COMPANY, QUOTE, MAYOR, RESCUE, YARD],
        ),
        article(
            Meta {
                id: "a3",
                outlet: "Daily Digest",
                credited: Some("Meridian Press"),
                wire: None,
                published: "2024-05-03T10:00:00Z",
                title: "Split crane collapse",
            },
            &[LEAD, COMPANY, QUOTE],
        ),
        article(
            own("a4", "The Courier", "2024-05-04", "Fourteen hurt in shipyard accident"),
            &[
                "Foreign Minister Marta Kovach said on Friday that 14 workers were injured when a crane \
                 collapsed at the Split shipyard.",
                COMPANY,
                "Deputy Mayor Ivo Radić ordered an inspection of all cranes in the port area.",
                "“We will find out exactly what went wrong here,” Kovach told reporters.",
                "Local unions have called for a strike next week over safety at the yard.",
            ],
        ),
    ]
}

fn story_brief(articles: &[(Article, Extraction)]) -> Brief {
    brief(7, "Crane collapse at Split shipyard", articles)
}

fn words(text: &str) -> Vec<String> {
    let mut w: Vec<String> = tokens(text).map(|t| fold(t.text)).collect();
    w.sort();
    w.dedup();
    w
}

#[test]
fn every_citation_points_at_the_sentence_it_supports() {
    let articles = disputed_story();
    let b = story_brief(&articles);
    assert!(b.brief.len() >= 4, "{:#?}", b.brief);
    for s in &b.brief {
        assert!(!s.citations.is_empty());
        for c in &s.citations {
            let (a, _) = articles.iter().find(|(a, _)| a.id == c.article).expect("cited article exists");
            assert!(a.sentences.contains(&Span::new(c.start, c.end)), "not a sentence span: {c:?}");
            let cited = &a.body[c.start..c.end];
            let (x, y) = (words(cited), words(&s.text));
            // Near-identical: most words shared, as sentence alignment requires.
            let shared = x.iter().filter(|w| y.contains(w)).count();
            let union = x.len() + y.len() - shared;
            assert!(shared * 10 >= 6 * union, "{cited:?} vs {:?}", s.text);
        }
    }
    // The lead comes first, copied verbatim from the earliest article.
    assert_eq!(b.brief[0].text, LEAD);
    assert!(!b.brief.iter().any(|s| s.text.starts_with("Reporting by")));
}

#[test]
fn wire_copies_and_credited_articles_count_once() {
    let b = story_brief(&disputed_story());
    assert_eq!(b.story.independent_outlets, 2);
    assert_eq!(b.story.wire_groups, [vec!["a1".to_string(), "a2".to_string()]]);
    assert_eq!(b.sources[0].outlet, "Meridian Press");
    assert_eq!(b.sources[0].articles, ["a1", "a2", "a3"]);
    let rescue = b.brief.iter().find(|s| s.text == RESCUE).expect("rescue sentence in brief");
    assert_eq!(rescue.citations.len(), 2);
    assert_eq!(rescue.independent_sources, 1);
    assert_eq!(b.story.first_published.as_deref(), Some("2024-05-03T08:00:00Z"));
    assert_eq!(b.story.last_published.as_deref(), Some("2024-05-04"));
}

#[test]
fn independent_agreement_is_corroborated() {
    let b = story_brief(&disputed_story());
    let claim = b.claims.iter().find(|c| c.text == COMPANY).expect("company claim");
    assert_eq!(claim.status, ClaimStatus::Corroborated);
    assert_eq!(claim.independent_sources, 2);
    assert_eq!(claim.sources.len(), 4);
    let rescue = b.claims.iter().find(|c| c.text == RESCUE).expect("rescue claim");
    assert_eq!(rescue.status, ClaimStatus::SingleSource);
}

/// One sentence word for word, in an article with a date and one without:
/// the weekday is a date in one and not in the other, yet it is one claim.
#[test]
fn the_same_words_are_one_claim_with_or_without_a_date() {
    let sentence =
        "LINDGRAD, March 4 — Valdoria and Estmark signed a treaty on Wednesday to share the Serra River.";
    let (mut undated, extraction) = article(own("u1", "Coastline Herald", "", "Serra treaty"), &[sentence]);
    undated.published = None;
    let dated = article(own("d1", "Valley Ledger", "2026-03-04", "Serra treaty signed"), &[sentence]);
    let b = story_brief(&[(undated, extraction), dated]);
    let claim = b.claims.iter().find(|c| c.text == sentence).expect("the treaty claim");
    assert_eq!(claim.independent_sources, 2, "{claim:#?}");
}

/// A person known by one word only gives too little to dispute a spelling.
#[test]
fn one_word_names_have_no_spelling_dispute() {
    let articles = vec![
        article(
            own("v1", "Valley Ledger", "2024-03-04", "Port plan"),
            &["“The plan for the port is ready,” Vincent told reporters on Monday in Kestrel."],
        ),
        article(
            own("v2", "Northern Star", "2024-03-04", "Port plan ready"),
            &["“The plan for the port is ready,” Vincente told reporters on Monday in Kestrel."],
        ),
    ];
    let b = story_brief(&articles);
    assert!(b.conflicts.iter().all(|c| c.attribute != "name spelling"), "{:#?}", b.conflicts);
}

/// A heading in capitals over a section is no sentence of the brief; a
/// report written all in capitals, with full stops, still is.
#[test]
fn a_heading_in_capitals_is_not_a_sentence_of_the_brief() {
    let report = |id, outlet, paragraphs: &[&str]| {
        article(own(id, outlet, "2024-03-04", "Label row ends"), paragraphs)
    };
    let articles = vec![
        report(
            "h1",
            "Valley Ledger",
            &[
                "LOOK WHAT YOU MADE ME DO",
                "“LOOK WHAT YOU MADE ME DO”",
                "The singer and her former label settled their dispute over the awards show on Monday.",
            ],
        ),
        report(
            "h2",
            "Northern Star",
            &["THE SINGER AND HER FORMER LABEL SETTLED THEIR DISPUTE OVER THE AWARDS SHOW ON MONDAY."],
        ),
    ];
    let b = story_brief(&articles);
    assert!(b.brief.iter().all(|s| s.text != "LOOK WHAT YOU MADE ME DO"), "{:#?}", b.brief);
    assert!(b.brief.iter().all(|s| s.text != "“LOOK WHAT YOU MADE ME DO”"), "{:#?}", b.brief);
    assert!(b.brief.iter().any(|s| s.citations.iter().any(|c| c.article == "h2")), "{:#?}", b.brief);
}

/// Sentences alike but about different people: their values are no dispute.
#[test]
fn values_of_different_people_are_not_disputed() {
    let report = |id, outlet, paragraphs: &[&str]| {
        article(own(id, outlet, "2024-03-04", "Scoring record"), paragraphs)
    };
    let articles = vec![
        report(
            "p1",
            "Valley Ledger",
            &[
                "Thomas Ellery broke the school scoring record on Sunday, passing Peter Brennan.",
                "Brennan finished his career in 1978 with 2,290 points.",
            ],
        ),
        report(
            "p2",
            "Northern Star",
            &[
                "Thomas Ellery broke the school scoring record on Sunday, passing Peter Brennan.",
                "Ellery finished with 20 points and now has 2,302 for his career.",
            ],
        ),
    ];
    let b = story_brief(&articles);
    assert!(b.conflicts.iter().all(|c| c.attribute != "number"), "{:#?}", b.conflicts);
}

/// Sentences that open with `He` are about the one person named in the
/// sentence before: two receivers' catches are no dispute, one receiver's
/// are, and so are the catches after a sentence that names two people
/// (`Tom Brandt said Marvin Hollis started`: `He` may be either).
#[test]
fn values_of_people_named_before_a_pronoun_are_not_disputed() {
    let report = |id, outlet, receiver: &str, catches: &str| {
        let named = format!("{receiver}, who had missed no game all season, started on Thursday night.");
        let named =
            if id == "r3" { format!("Tom Brandt said {receiver} started on Thursday night.") } else { named };
        let caught = format!("He has {catches} catches for 605 yards and five touchdowns this season.");
        article(
            own(id, outlet, "2024-11-14", "Colts beat Jaguars"),
            &[
                "The Colts beat the Jaguars 31-24 on Thursday night in Indianapolis.",
                named.as_str(),
                caught.as_str(),
            ],
        )
    };
    let two = vec![
        report("r1", "Valley Ledger", "Marvin Hollis", "53"),
        report("r2", "Northern Star", "Dennis Northam", "eight"),
    ];
    let b = story_brief(&two);
    assert!(b.conflicts.iter().all(|c| c.attribute != "number"), "{:#?}", b.conflicts);
    let one = vec![
        report("r1", "Valley Ledger", "Marvin Hollis", "53"),
        report("r3", "Harbor Times", "Marvin Hollis", "eight"),
    ];
    let b = story_brief(&one);
    assert!(b.conflicts.iter().any(|c| c.attribute == "number"), "{:#?}", b.conflicts);
}

/// Two people of one surname are two people: their figures are not compared.
/// One whose first name is written short is one.
#[test]
fn values_of_two_people_of_one_surname_are_not_disputed() {
    let report = |id, outlet, sentence: &str| {
        article(
            own(id, outlet, "2024-03-04", "Brothers in the ring"),
            &[
                "The Kalinov brothers both fought in Hamburg on Saturday night before a crowd of 12,000.",
                sentence,
            ],
        )
    };
    // Whether two outlets' knockout counts are disputed, each outlet's
    // sentence opening with the words given.
    let disputed = |first: &str, second: &str| {
        let line = |name: &str, count| {
            format!("{name} now has {count} knockouts in his professional career, his trainer told reporters in Hamburg.")
        };
        let b = story_brief(&[
            report("k1", "Valley Ledger", &line(first, 41)),
            report("k2", "Northern Star", &line(second, 49)),
        ]);
        b.conflicts.iter().any(|c| c.attribute == "number")
    };
    assert!(!disputed("David Kalinov", "Peter Kalinov"));
    // A first name that starts the other is one person.
    assert!(disputed("Fred Kalinov", "Frederick Kalinov"));
    // A father and a son of one name, told apart by their suffixes, are two.
    assert!(!disputed("David Kalinov Jr.", "David Kalinov Sr."));
    // A suffix one outlet leaves out is the same man.
    assert!(disputed("David Kalinov Jr.", "David Kalinov"));
    // So is a suffix left out beside a first name written short (`Cal` is no
    // known first name: `said` makes it a person's); two suffixes are two men.
    assert!(disputed("Cal Kalinov Jr. said he", "Calvin Kalinov said he"));
    assert!(!disputed("Cal Kalinov Jr. said he", "Calvin Kalinov Sr. said he"));
}

/// An outlet that writes the name only as a surname, and its own way.
#[test]
fn a_variant_written_only_as_a_surname_is_shown_as_written() {
    let mut articles = disputed_story();
    articles.truncate(3);
    articles.push(article(
        own("a4", "The Courier", "2024-05-04", "Crane falls at Split yard"),
        &[
            "A crane collapsed at the Split shipyard on Friday, injuring workers on the night shift.",
            "“We will find out exactly what went wrong here,” Kovach told reporters.",
        ],
    ));
    let b = story_brief(&articles);
    let spelling = b.conflicts.iter().find(|c| c.attribute == "name spelling").expect("spelling dispute");
    let values: Vec<&str> = spelling.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["Marta Kovač", "Kovach"]);
}

#[test]
fn title_spelling_and_count_conflicts_are_found() {
    let articles = disputed_story();
    let b = story_brief(&articles);
    let find = |attribute: &str| {
        b.conflicts
            .iter()
            .find(|c| c.attribute == attribute)
            .unwrap_or_else(|| panic!("{attribute}: {:#?}", b.conflicts))
    };

    let title_of = |subject: &str| {
        b.conflicts
            .iter()
            .find(|c| c.attribute == "title" && c.subject == subject)
            .unwrap_or_else(|| panic!("title of {subject}: {:#?}", b.conflicts))
    };
    // Kovach is Kovač spelled by one outlet, so her titles are compared too.
    let kovac: Vec<&str> = title_of("Marta Kovač").values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(kovac, ["Croatian Deputy Foreign Minister", "Foreign Minister"]);

    let title = title_of("Ivo Radić");
    let values: Vec<&str> = title.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["Split Mayor", "Deputy Mayor"]);
    assert_eq!(title.values[1].articles, ["a4"]);
    let c = &title.values[1].citations[0];
    assert_eq!(&articles[3].0.body[c.start..c.end], "Deputy Mayor Ivo Radić");

    let spelling = find("name spelling");
    let values: Vec<&str> = spelling.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["Marta Kovač", "Marta Kovach"]);

    let count = find("number");
    assert_eq!(count.subject, "workers");
    let values: Vec<(&str, usize)> =
        count.values.iter().map(|v| (v.value.as_str(), v.articles.len())).collect();
    assert_eq!(values, [("12 workers", 3), ("14 workers", 1)]);
    assert_eq!(b.conflicts.len(), 4, "{:#?}", b.conflicts);

    let mayor = b.claims.iter().find(|c| c.text == MAYOR).expect("mayor claim");
    assert_eq!(mayor.status, ClaimStatus::Disputed);
}

#[test]
fn agreeing_sources_raise_no_conflict() {
    let meta = |id, outlet, wire| Meta {
        id,
        outlet,
        credited: None,
        wire,
        published: "2024-05-03",
        title: "Crane collapse in Split",
    };
    let articles = vec![
        article(meta("b1", "Meridian Press", Some("b1")), &[LEAD, COMPANY, QUOTE, MAYOR, YARD]),
        article(meta("b2", "Harbor Times", Some("b1")), &[LEAD, COMPANY, QUOTE, MAYOR]),
        article(
            meta("b3", "Adriatic Ledger", None),
            &[
                "Twelve workers were hurt on Friday when a crane came down at the Split shipyard, \
                 Croatia’s Deputy Foreign Minister Marta Kovac said.",
                "Mayor Ivo Radić ordered an inspection of every crane in the port area.",
                "The Foreign Ministry said the 12 workers were taken to hospital in Split.",
                "The yard, which employs about 2,000 people, builds tankers for clients in Europe.",
                "“We will find out exactly what went wrong here,” said Kovac.",
            ],
        ),
    ];
    let b = story_brief(&articles);
    assert!(b.conflicts.is_empty(), "{:#?}", b.conflicts);
    assert!(b.claims.iter().all(|c| c.status != ClaimStatus::Disputed));
    let quote = &b.quotes[0];
    assert_eq!(quote.articles, ["b1", "b2", "b3"]);
    assert_eq!(quote.speaker.as_deref(), Some("Marta Kovač"));
    let kovac = b.entities.iter().find(|e| e.name == "Marta Kovač").expect("merged entity");
    assert!(kovac.aliases.iter().any(|a| a.name == "Kovac" && a.articles == ["b3"]), "{kovac:#?}");
}

#[test]
fn html_escapes_article_text() {
    let body = "Officials said the <script>alert(1)</script> tag appeared in a statement about the crane.";
    let articles = vec![article(
        Meta {
            id: "c1",
            outlet: "Harbor & Sons",
            credited: None,
            wire: None,
            published: "2024-05-03",
            title: "Crane <script>",
        },
        &[body, COMPANY],
    )];
    let b = brief(1, "Crane <script>alert('x')</script>", &articles);
    let page = html(&b);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(!page.contains("<script>"), "{page}");
    assert!(page.contains("Crane &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("the &lt;script&gt;alert(1)&lt;/script&gt; tag"));
    assert!(page.contains("Harbor &amp; Sons"));
    assert!(page.contains("<a class=\"cite\" href=\"#a-c1\">[1]</a>"));
    assert!(page.contains("<li id=\"a-c1\">"));
}

#[test]
fn markdown_has_every_section_and_json_round_trips() {
    let b = story_brief(&disputed_story());
    let text = markdown(&b);
    assert!(text.starts_with("# Crane collapse at Split shipyard\n"));
    let mut at = 0;
    for section in ["## Brief", "## Disputed", "## Quotes", "## Entities", "## Sources", "## Articles"] {
        let found =
            text[at..].find(section).unwrap_or_else(|| panic!("{section} missing or out of order:\n{text}"));
        at += found;
    }
    assert!(text.contains("4 articles, 2 independent sources"));
    assert!(text.contains("| Ivo Radić | title | Deputy Mayor | The Courier [4] |"), "{text}");
    assert!(text.contains(&format!("- {} [1][2][3]\n", LEAD)), "{text}");
    assert!(text
        .contains("1. Meridian Press — Crane collapse injures workers in Split (2024-05-03T08:00:00Z) `a1`"));
    let back: Brief = serde_json::from_str(&json(&b)).expect("valid JSON");
    assert_eq!(back, b);
    assert_eq!(markdown(&story_brief(&disputed_story())), text);
}

fn independent(id: &'static str, outlet: &'static str, paragraphs: &[&str]) -> (Article, Extraction) {
    article(own(id, outlet, "2025-06-10", "Ferry fire"), paragraphs)
}

#[test]
fn compatible_wordings_of_a_value_corroborate_instead_of_conflicting() {
    let articles = vec![
        independent(
            "d1",
            "Meridian Press",
            &[
                "The coast guard evacuated 312 passengers from the burning ferry off Marsel on Monday.",
                "The rescue operation off Marsel lasted three hours, the coast guard said.",
            ],
        ),
        independent(
            "d2",
            "The Courier",
            &[
                "The coast guard evacuated about 300 passengers from the burning ferry off Marsel on Monday.",
                "The rescue operation off Marsel lasted 180 minutes, the coast guard said.",
            ],
        ),
    ];
    let b = brief(3, "Ferry fire", &articles);
    assert!(b.conflicts.is_empty(), "{:#?}", b.conflicts);
    for text in ["evacuated 312 passengers", "lasted three hours"] {
        let claim = b.claims.iter().find(|c| c.text.contains(text)).expect(text);
        assert_eq!((claim.status, claim.independent_sources), (ClaimStatus::Corroborated, 2), "{text}");
    }
}

#[test]
fn incompatible_values_are_disputed_with_the_words_of_each_side() {
    let articles = vec![
        independent(
            "e1",
            "Meridian Press",
            &["Estavia offered €40 million in compensation to the fishing fleet on Tuesday, officials said."],
        ),
        independent(
            "e2",
            "Northern Star",
            &["Estavia offered €25 million in compensation to the fishing fleet on Tuesday, officials said."],
        ),
        independent(
            "e3",
            "The Courier",
            &["Estavia offered some €40 million in compensation to the fishing fleet on Tuesday, officials said."],
        ),
    ];
    let b = brief(4, "Fishing talks", &articles);
    assert_eq!(b.conflicts.len(), 1, "{:#?}", b.conflicts);
    let c = &b.conflicts[0];
    assert_eq!((c.subject.as_str(), c.attribute.as_str()), ("compensation", "amount"));
    let sides: Vec<(&str, Vec<&str>)> = c
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.articles.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(sides, [("€40 million", vec!["e1", "e3"]), ("€25 million", vec!["e2"])]);
    let cited: Vec<&str> = c
        .values
        .iter()
        .flat_map(|v| &v.citations)
        .map(|s| {
            let (a, _) = articles.iter().find(|(a, _)| a.id == s.article).unwrap();
            &a.body[s.start..s.end]
        })
        .collect();
    assert_eq!(cited, ["€40 million", "some €40 million", "€25 million"]);
    assert!(b
        .claims
        .iter()
        .filter(|c| c.text.contains("offered"))
        .all(|c| c.status == ClaimStatus::Disputed));
}

#[test]
fn the_same_quote_attributed_differently_is_one_corroborated_claim() {
    let articles = vec![
        independent(
            "q1",
            "Meridian Press",
            &["“The crew did exactly what they were trained to do,” coast guard spokeswoman Nadia Kresić said."],
        ),
        independent(
            "q2",
            "The Courier",
            &["“The crew did exactly what they were trained to do,” Kresić told reporters in Port Calder."],
        ),
    ];
    let mut articles = articles;
    articles.push(independent(
        "q3",
        "Island Herald",
        &["“The crew did exactly what they were trained to do,” Kresić, who has served with the coast guard \
           for twenty years and led three rescues this summer, said on the quay."],
    ));
    let b = brief(5, "Ferry fire", &articles);
    let claim = b.claims.iter().find(|c| c.text.contains("The crew")).expect("quote claim");
    assert_eq!(claim.independent_sources, 2, "{:#?}", b.claims);
    // Every member still says what the claim says: the third one, mostly about
    // the speaker, is a claim of its own.
    assert_eq!(claim.sources.iter().map(|c| c.article.as_str()).collect::<Vec<_>>(), ["q1", "q2"]);
    for claim in &b.claims {
        for s in &claim.sources {
            let (a, _) = articles.iter().find(|(a, _)| a.id == s.article).unwrap();
            let cited = &a.body[s.start..s.end];
            let (x, y) = (words(cited), words(&claim.text));
            let shared = x.iter().filter(|w| y.contains(w)).count();
            assert!(shared * 2 >= x.len() + y.len() - shared, "{cited:?} cited for {:?}", claim.text);
        }
    }
}

#[test]
fn a_story_fused_as_it_grows_has_the_brief_of_its_articles_fused_at_once() {
    let mut articles = disputed_story();
    articles.push(independent(
        "g1",
        "Island Herald",
        &[
            "Fourteen workers were injured when a crane collapsed at the Split shipyard on Friday, police said.",
            "“We will find out exactly what went wrong here,” Kovač said at the yard.",
            "Rescue teams worked for six hours to free two trapped crane operators from the wreckage.",
        ],
    ));
    // The same article twice: its sentences are read once and still cited twice.
    articles.push(articles[0].clone());
    articles.last_mut().unwrap().0.id = "a1-again".into();
    let mut fusion = crate::StoryFusion::default();
    for (n, (article, extraction)) in articles.iter().enumerate() {
        fusion.add(article.clone(), extraction.clone());
        assert_eq!(fusion.articles().len(), n + 1);
        let grown = serde_json::to_string(&fusion.brief(7, "Crane collapse")).unwrap();
        let at_once = serde_json::to_string(&brief(7, "Crane collapse", &articles[..=n])).unwrap();
        assert_eq!(grown, at_once, "after {} articles", n + 1);
    }
    let last = fusion.brief(7, "Crane collapse");
    assert!(!last.conflicts.is_empty() && last.claims.iter().any(|c| c.sources.len() >= 3));
    let summary = fusion.summary();
    assert_eq!(
        (summary.independent_outlets, summary.disputes),
        (last.story.independent_outlets, last.conflicts.len())
    );
}

#[test]
fn a_figure_two_leads_state_in_their_own_words_is_disputed_once() {
    let articles = vec![
        independent(
            "f1",
            "Orvik Evening Post",
            &["A fire ripped through the Tessaro battery plant in Orvik late on Tuesday, injuring 12 workers \
               and sending black smoke over the town."],
        ),
        independent(
            "f2",
            "Trade Weekly",
            &["Tessaro has halted production at its Orvik battery plant after a fire on Tuesday night \
               destroyed the main hall and injured 14 workers, the company said."],
        ),
        independent(
            "f3",
            "Radio Orvik",
            &[
                "Tessaro will rebuild its fire-damaged battery plant in Orvik, its chief executive said.",
                "She made the promise two days after a fire on the cell-formation line injured 14 workers.",
            ],
        ),
        independent(
            "f4",
            "Business Review",
            &[
                "Shares in Tessaro fell on Wednesday after a fire overnight shut its plant in Orvik.",
                "The fire broke out on the cell-formation line late on Tuesday and injured 12 workers, \
                 according to the fire service.",
            ],
        ),
    ];
    let b = brief(5, "Plant fire", &articles);
    assert_eq!(b.conflicts.len(), 1, "{:#?}", b.conflicts);
    let sides: Vec<(&str, Vec<&str>)> = b.conflicts[0]
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.articles.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(sides, [("12 workers", vec!["f1", "f4"]), ("14 workers", vec!["f2", "f3"])]);
    // Far from the lead, the same words are a figure of background or of a side story.
    let mut late = articles.clone();
    for (a, e) in &mut late {
        let mut paragraphs: Vec<&str> = a.body.split("\n\n").collect();
        let filler = [
            "Workers gathered at the gate.",
            "The town waited.",
            "Trucks came and went.",
            "Rain fell.",
            "Night came.",
        ];
        paragraphs.splice(0..0, filler);
        *a = article(own(&a.id, a.outlet.as_deref().unwrap(), "2025-06-10", "Ferry fire"), &paragraphs).0;
        *e = corroborate_extract::extract(a);
    }
    let b = brief(5, "Plant fire", &late);
    assert!(b.conflicts.is_empty(), "{:#?}", b.conflicts);
}

#[test]
fn a_spelling_slip_of_a_source_that_also_spells_the_name_right_is_no_dispute() {
    let articles = vec![
        independent(
            "k1",
            "Meridian Press",
            &[
                "Ukrainian boxer Wladimir Klitschko defended his title in Hamburg on Saturday.",
                "Wladimir Klitschko said he felt strong.",
            ],
        ),
        independent(
            "k2",
            "The Courier",
            &[
                "Wladimir Klitschko said he kept his belts in Hamburg without trouble.",
                "Wladimir Kiltschko said he would fight again in the spring.",
            ],
        ),
    ];
    let b = brief(6, "Title fight", &articles);
    let klitschko = b.entities.iter().find(|e| e.name == "Wladimir Klitschko").expect("merged");
    assert_eq!(klitschko.aliases.len(), 2, "both spellings are one person: {klitschko:?}");
    assert!(b.conflicts.iter().all(|c| c.attribute != "name spelling"), "{:#?}", b.conflicts);
}

#[test]
fn quotes_with_a_speaker_come_first_and_a_rendered_brief_lists_twelve() {
    let scare = "Analysts called the outage “a slow motion disaster” for the port.";
    let said: Vec<String> = (1..=13)
        .map(|i| format!("“The berth number {i} will reopen in the spring,” said harbour master Ana Berg."))
        .collect();
    let mut first = vec![scare];
    first.extend(said.iter().map(String::as_str));
    let articles = vec![
        independent("q1", "The Courier", &first),
        independent("q2", "Harbor Times", &[scare, "Ships waited."]),
    ];
    let b = story_brief(&articles);
    assert_eq!(b.quotes.len(), 14, "{:#?}", b.quotes);
    let unattributed = b.quotes.iter().position(|q| q.speaker.is_none()).expect("the scare quote");
    assert_eq!(b.quotes[unattributed].articles, ["q1", "q2"]);
    assert_eq!(unattributed, 13, "quoted by two outlets, but spoken by nobody: last");
    assert_eq!(b.quotes[0].speaker.as_deref(), Some("Ana Berg"));

    for (text, start, end) in
        [(markdown(&b), "## Quotes", "## Entities"), (html(&b), "id=\"quotes\"", "id=\"entities\"")]
    {
        let section = &text[text.find(start).unwrap()..text.find(end).unwrap()];
        assert_eq!(section.matches("will reopen in the spring").count(), 12, "{section}");
        assert!(section.contains("and 2 more in the JSON brief"), "{section}");
        assert!(!section.contains("slow motion disaster"), "{section}");
    }
}

#[test]
fn the_count_line_names_sources_of_unknown_outlet_and_gives_days() {
    let mut articles = vec![
        article(own("u1", "The Courier", "2025-06-10T22:15:00Z", "Ferry fire"), &["The ferry burned."]),
        article(own("u2", "-", "2025-06-11", "Ferry fire"), &["A ferry burned at the quay."]),
    ];
    articles[1].0.outlet = None;
    // An article of no outlet that credits one is that outlet's.
    let mut credited = article(
        own("u3", "-", "2025-06-11", "Ferry fire"),
        &["Fire crews fought the blaze on the ferry for hours."],
    );
    credited.0.outlet = None;
    credited.0.credited_to = Some("Meridian Press".into());
    articles.push(credited);
    let text = markdown(&story_brief(&articles));
    assert!(
        text.contains(
            "3 articles, 3 independent sources (1 of them of unknown outlet), 2025-06-10 to 2025-06-11\n"
        ),
        "{text}"
    );
}

/// The titles disputed in the brief of `articles`, each dispute's values in order.
fn titles(articles: &[(Article, Extraction)]) -> Vec<Vec<String>> {
    story_brief(articles)
        .conflicts
        .iter()
        .filter(|c| c.attribute == "title")
        .map(|c| c.values.iter().map(|v| v.value.clone()).collect())
        .collect()
}

/// `Secretary of the Interior` and `Interior Secretary` are one office, and a
/// bare `Secretary` shortens it: no dispute, whatever order the outlets
/// arrive in; a bare title beside two different offices hides neither.
#[test]
fn a_shortened_or_reordered_title_is_the_same_office() {
    let interior = "Interior Secretary Marta Kovač closed the park on Monday.";
    let articles = vec![
        independent(
            "t1",
            "Meridian Press",
            &["Secretary of the Interior Marta Kovač closed the park on Monday."],
        ),
        independent("t2", "Northern Star", &[interior]),
        independent("t3", "Harbor Times", &[interior, "Secretary Kovač thanked the rangers."]),
        independent("t4", "The Courier", &[interior]),
        independent("t5", "Adriatic Ledger", &[interior]),
    ];
    assert_eq!(titles(&articles), Vec::<Vec<String>>::new());
    let reversed: Vec<_> = articles.iter().rev().cloned().collect();
    assert_eq!(titles(&reversed), Vec::<Vec<String>>::new());

    let state = "Secretary of State Marta Kovač closed the park on Monday.";
    let disputed = vec![
        independent("s1", "Meridian Press", &[interior, "Secretary Kovač thanked the rangers."]),
        independent("s2", "Northern Star", &[state]),
    ];
    assert_eq!(titles(&disputed), [vec!["Interior Secretary".to_string(), "Secretary of State".to_string()]]);
}

/// A past office, or one held for now, is no other title: `former President`
/// beside `President` (the rule President Bush signed) and `Acting Director`
/// beside `Director` are not disputes; `Vice President` beside `President` is.
#[test]
fn past_and_acting_offices_are_not_disputed() {
    let articles = vec![
        independent(
            "p1",
            "Meridian Press",
            &["Former President Ivo Radić signed the river rule in 2019, and Acting Director Marta Kovač reversed it on Monday."],
        ),
        independent(
            "p2",
            "Northern Star",
            &["The river rule that President Ivo Radić signed in 2019 was reversed on Monday by Director Marta Kovač."],
        ),
    ];
    assert_eq!(titles(&articles), Vec::<Vec<String>>::new());
    let vice = vec![
        articles[1].clone(),
        independent(
            "p3",
            "Harbor Times",
            &["The river rule that Vice President Ivo Radić signed in 2019 was reversed on Monday by Director Marta Kovač."],
        ),
    ];
    assert_eq!(titles(&vice), [vec!["President".to_string(), "Vice President".to_string()]]);
}

/// An article that names a person's title and, right after the name, the
/// office they were given names both: the other outlets' use of the new
/// office is no dispute. The old title alone still is.
#[test]
fn an_office_given_after_the_name_is_one_the_article_names() {
    let named = "Assistant Attorney General Lena Ross had been named acting director of the FBI in May.";
    let articles = vec![
        independent("g1", "Meridian Press", &[named]),
        independent("g2", "Northern Star", &["Interim director Lena Ross ordered the files sealed."]),
        independent("g3", "Harbor Times", &["Director Lena Ross ordered the files sealed on Monday."]),
    ];
    assert_eq!(titles(&articles), Vec::<Vec<String>>::new());
    let old_title = "Assistant Attorney General Lena Ross ordered the files sealed in May.";
    let disputed = vec![independent("g4", "Meridian Press", &[old_title]), articles[1].clone()];
    assert_eq!(titles(&disputed), [vec!["Assistant Attorney General".to_string(), "director".to_string()]]);
    // Alone, an office given after the name is no title of the article's:
    // it was given some day, and disputes nothing.
    let elected = vec![
        independent("g6", "Meridian Press", &["Lena Ross, who was elected mayor in 1998, served two terms."]),
        independent("g7", "Northern Star", &["Gov. Lena Ross signed the bill on Monday."]),
    ];
    assert_eq!(titles(&elected), Vec::<Vec<String>>::new());
    // Nor when the title before the name is left out as a shorter form of
    // another outlet's.
    let shorter = vec![
        independent(
            "g8",
            "Meridian Press",
            &["Secretary Lena Ross, who was named ambassador in 2019, spoke."],
        ),
        independent("g9", "Northern Star", &["Interior Secretary Lena Ross closed the park."]),
    ];
    assert_eq!(titles(&shorter), Vec::<Vec<String>>::new());
    // The aide was appointed, not the senator: the title an outlet gives
    // Ross is disputed as before.
    let aide = vec![
        independent(
            "g10",
            "Meridian Press",
            &["An aide to Sen. Lena Ross was appointed ambassador on Monday."],
        ),
        independent("g11", "Northern Star", &["Ambassador Lena Ross closed the park."]),
    ];
    assert_eq!(titles(&aide), [vec!["Sen.".to_string(), "Ambassador".to_string()]]);
    // A title that is given someone else is not the person's.
    let other = "Assistant Attorney General Lena Ross said Tom Vale had been named acting director.";
    let disputed = vec![independent("g5", "Meridian Press", &[other]), articles[1].clone()];
    assert_eq!(titles(&disputed).len(), 1);
}

/// What someone does (`spokesman`, `prosecutor`) is no office, and a
/// sheriff's deputy keeps the rank: none of these is a dispute.
#[test]
fn a_job_described_or_a_deputys_rank_is_not_disputed() {
    let articles = vec![
        independent(
            "d1",
            "Meridian Press",
            &["Police spokesman Dave Garrin said Prosecutor Lena Ross charged Sgt. Hoyt Tanner on Monday."],
        ),
        independent(
            "d2",
            "Northern Star",
            &["Inspector Dave Garrin said Assistant District Attorney Lena Ross charged Deputy Sgt. Hoyt Tanner on Monday."],
        ),
    ];
    assert_eq!(titles(&articles), Vec::<Vec<String>>::new());
    let lieutenant = vec![
        articles[0].clone(),
        independent(
            "d3",
            "Harbor Times",
            &["Police spokesman Dave Garrin said Prosecutor Lena Ross charged Lt. Hoyt Tanner on Monday."],
        ),
    ];
    assert_eq!(titles(&lieutenant), [vec!["Sgt.".to_string(), "Lt.".to_string()]]);
    // A description beside two offices joins neither to the other.
    let mayor = vec![
        independent(
            "d4",
            "Meridian Press",
            &["Mayor Lena Ross said on Monday that the bridge would reopen in May."],
        ),
        independent(
            "d5",
            "Northern Star",
            &["Governor Lena Ross said on Monday that the bridge would reopen in May, her spokesman said."],
        ),
        independent(
            "d6",
            "Harbor Times",
            &["Spokeswoman Lena Ross said on Monday that the bridge would reopen in May."],
        ),
    ];
    assert_eq!(titles(&mayor), [vec!["Mayor".to_string(), "Governor".to_string()]]);
    // Not every office does what a description says.
    let sides = vec![
        independent(
            "d7",
            "Meridian Press",
            &["Prosecutor Lena Ross said on Monday that the bridge case would go to trial."],
        ),
        independent(
            "d8",
            "Northern Star",
            &["The bridge case will go to trial in May, defense attorney Lena Ross said on Monday."],
        ),
    ];
    assert_eq!(titles(&sides), [vec!["Prosecutor".to_string(), "defense attorney".to_string()]]);
}

/// A title in quoted words is the speaker's, often of another day: only the
/// outlets' own titles are disputed.
#[test]
fn a_title_inside_a_quotation_is_not_disputed() {
    let president = independent(
        "q1",
        "Meridian Press",
        &["President Ivo Radić reversed the river rule on Monday, restoring the reviews."],
    );
    let quoted = independent(
        "q2",
        "Northern Star",
        &[
            "Ivo Radić reversed the river rule on Monday.",
            "“As president, Senator Ivo Radić will undo this rule,” his spokeswoman said during the campaign.",
        ],
    );
    let (_, extraction) = &quoted;
    assert!(extraction.quotes.iter().any(|q| q.text.contains("Senator Ivo Radić")), "{extraction:#?}");
    assert_eq!(titles(&[president.clone(), quoted]), Vec::<Vec<String>>::new());
    let told = independent(
        "q3",
        "Harbor Times",
        &["Senator Ivo Radić reversed the river rule on Monday, restoring the reviews."],
    );
    assert_eq!(titles(&[president, told]), [vec!["President".to_string(), "Senator".to_string()]]);
}

/// A roundup that joined the story reports other events too: its sentences
/// about them stay out of the brief, even one in the story's own words
/// (`workers were injured Friday`), while its item on the story's event may
/// be in it, and so may a detail of the story that only one report gives.
#[test]
fn sentences_about_other_events_stay_out_of_the_brief() {
    let report =
        |id, outlet, title, paragraphs: &[&str]| article(own(id, outlet, "2024-05-03", title), paragraphs);
    let articles = vec![
        report("s1", "Valley Ledger", "Crane collapse at Split shipyard", &[LEAD, RESCUE, MAYOR]),
        report(
            "s2",
            "Northern Star",
            "Twelve hurt as crane falls in Split",
            &[
                "Twelve workers were injured when a crane collapsed at the Split shipyard on Friday night.",
                "Rescue teams needed six hours to free two crane operators trapped in the wreckage.",
                "The crane had failed an inspection of the shipyard in March, a union official said.",
            ],
        ),
        report(
            "s3",
            "Daily Digest",
            "Morning briefing: Split crane, Zagreb budget, Rijeka ferry strike",
            &[
                "A crane collapsed at the Split shipyard on Friday, injuring 12 workers.",
                "Two trapped crane operators were freed by rescue teams after six hours.",
                "In Zagreb, parliament passed a budget that raises pensions by 4 percent.",
                "Two workers were injured Friday in a fire at a Zagreb factory.",
                "Ferry crews in Rijeka began a three-day strike over pay, stranding hundreds of tourists.",
                "The national football team named a new coach, Marko Horvat.",
            ],
        ),
    ];
    let mut articles = articles;
    // A second roundup that gives the budget too backs no item of the first.
    articles.push(report(
        "s4",
        "Coast Herald",
        "Evening briefing: Split crane, Zagreb budget",
        &[
            "A crane collapsed at the Split shipyard on Friday, injuring 12 workers.",
            "In Zagreb, parliament passed a budget that raises pensions by 4 percent.",
        ],
    ));
    let b = story_brief(&articles);
    let texts: Vec<&str> = b.brief.iter().map(|s| s.text.as_str()).collect();
    for other in ["Zagreb", "Rijeka", "football"] {
        assert!(texts.iter().all(|t| !t.contains(other)), "{other}: {texts:#?}");
    }
    assert!(texts.iter().any(|t| t.contains("failed an inspection")), "{texts:#?}");
    assert!(texts.iter().any(|t| t.contains("Mayor Ivo Radić")), "{texts:#?}");
    // Alone, or beside a report too short to be aligned, the digest is the
    // story: all of it may be in its brief.
    let alone = story_brief(&articles[2..3]);
    assert!(alone.brief.iter().any(|s| s.text.contains("Zagreb")), "{:#?}", alone.brief);
    let short =
        report("s5", "Northern Star", "Crane collapses in Split", &["Crane falls at Split shipyard."]);
    let beside = story_brief(&[articles[2].clone(), short]);
    assert!(beside.brief.iter().any(|s| s.text.contains("Zagreb")), "{:#?}", beside.brief);

    // A report beside a one-line flash keeps its details, though the flash
    // shares few of their words.
    let flash = "Twelve workers were injured when a crane collapsed at the Split shipyard on Friday.";
    let two = vec![
        report(
            "f1",
            "Valley Ledger",
            "Crane collapse at Split shipyard",
            &[LEAD, COMPANY, RESCUE, MAYOR, YARD],
        ),
        report("f2", "Northern Star", "Crane falls in Split", &[flash]),
    ];
    let b = story_brief(&two);
    for detail in [COMPANY, RESCUE, YARD] {
        assert!(b.brief.iter().any(|s| s.text == detail), "{detail}: {:#?}", b.brief);
    }
}

/// A quotation of several sentences gives the brief none of its pieces: set
/// down without its speaker, `He was the most valuable player.` reads as the
/// brief's own claim. The sentence that names the speaker may be chosen.
#[test]
fn pieces_of_a_quotation_are_no_sentences_of_the_brief() {
    const OPENS: &str = "“No, I meant he founded the militia in the northern hills.";
    const MIDDLE: &str = "He was the most valuable player of the whole northern campaign.";
    const CLOSES: &str =
        "He gave the militia its money and its weapons,” Senator Dana Holt said at the rally.";
    const WHOLE: &str = "“We will rebuild every bridge the militia destroyed in the northern hills.”";
    let quotation = [OPENS, MIDDLE, CLOSES].join(" ");
    let paragraphs = [LEAD, &quotation, WHOLE, RESCUE];
    let articles: Vec<_> = ["b1", "b2"]
        .into_iter()
        .zip(["Harbor Times", "The Courier"])
        .map(|(id, outlet)| article(own(id, outlet, "2024-05-03", "Crane collapse in Split"), &paragraphs))
        .collect();
    let b = story_brief(&articles);
    let texts: Vec<&str> = b.brief.iter().map(|s| s.text.as_str()).collect();
    assert!(texts.contains(&LEAD) && texts.contains(&RESCUE), "{texts:#?}");
    for piece in [OPENS, MIDDLE, CLOSES, WHOLE] {
        assert!(!texts.contains(&piece), "{piece:?} in {texts:#?}");
        assert!(!b.claims.iter().any(|c| c.text == piece), "{piece:?} is a claim");
    }
    let body = paragraphs.join("\n\n");
    let quoted = crate::align::unattributed_quotations(&body, &corroborate_text::sentences(&body));
    assert_eq!(quoted, [false, true, true, true, true, false]);
    // A quotation closed within the sentence, with its speaker named, is kept.
    let said = "“We will find out what went wrong,” Kovač told reporters at the yard on Friday.";
    assert_eq!(crate::align::unattributed_quotations(said, &[Span::new(0, said.len())]), [false]);
}

/// A sentence aligned with the brief's but naming someone else in its place
/// (`told People`, `told Us`) or giving another figure is not cited for it;
/// a name written another way (`Lt.`, `Lieutenant`) still is.
#[test]
fn a_sentence_that_says_otherwise_is_not_cited_as_support() {
    const SAID: &str = "Police Lieutenant Gerry Scherlinck told the Valley Ledger that 2 ferries would sail \
                        again on Friday from Port Calder.";
    let articles = vec![
        independent("s1", "Meridian Press", &[SAID]),
        independent(
            "s2",
            "The Courier",
            &["Police Lt. Gerry Scherlinck told the Valley Ledger that 2 ferries would sail again on Friday \
               from Port Calder."],
        ),
        independent(
            "s3",
            "Island Herald",
            &["Police Lieutenant Gerry Scherlinck told the Harbor Times that 2 ferries would sail again on \
               Friday from Port Calder."],
        ),
        independent(
            "s4",
            "Northern Star",
            &["Police Lieutenant Gerry Scherlinck told the Valley Ledger that 3 ferries would sail again on \
               Friday from Port Calder."],
        ),
    ];
    let mut articles = articles;
    // An acronym for the words it stands for still says it.
    articles.push(independent(
        "s5",
        "Valley Post",
        &["Police Lieutenant Gerry Scherlinck told the VL that 2 ferries would sail again on Friday from \
           Port Calder."],
    ));
    let b = brief(5, "Ferry to sail again", &articles);
    let sentence = b.brief.iter().find(|s| s.text == SAID).expect("the sentence is in the brief");
    let cited: Vec<&str> = sentence.citations.iter().map(|c| c.article.as_str()).collect();
    assert_eq!(cited, ["s1", "s2", "s5"], "{:#?}", b.brief);
    assert_eq!(sentence.independent_sources, 3);
}

/// A publisher's standing note is no sentence of a story's brief, however
/// many of its articles carry it.
#[test]
fn an_editors_note_is_not_reported_news() {
    const NOTE: &str =
        "Editor’s note: Senator Dana Holt regularly makes false claims about the shipyard and its \
                        workers.";
    let articles: Vec<_> = ["n1", "n2", "n3"]
        .into_iter()
        .zip(["Harbor Times", "The Courier", "Island Herald"])
        .map(|(id, outlet)| {
            article(own(id, outlet, "2024-05-03", "Crane collapse in Split"), &[LEAD, NOTE, RESCUE])
        })
        .collect();
    let b = story_brief(&articles);
    assert!(b.brief.iter().any(|s| s.text == LEAD), "{:#?}", b.brief);
    assert!(!b.brief.iter().any(|s| s.text.starts_with("Editor")), "{:#?}", b.brief);
}

/// A running total (`so far`) and one event's figure do not dispute each
/// other; the same figures of one event do.
#[test]
fn a_running_total_does_not_dispute_one_events_figure() {
    let story = |total: &str| {
        let articles = vec![
            independent(
                "r1",
                "Meridian Press",
                &[&format!("The navy crew seized 923 rounds of ammunition and 14 rifles from the pirate ships{total}.")],
            ),
            independent(
                "r2",
                "The Courier",
                &["The navy crew seized about 300 rounds of ammunition and 14 rifles from the pirate ships."],
            ),
        ];
        brief(5, "Navy seizes pirate weapons", &articles).conflicts.len()
    };
    assert_eq!(story(""), 1);
    assert_eq!(story(" in its five operations so far"), 0);
}
