//! Comparing titles: when do two descriptions of a person's office disagree?
//!
//! Outlets write the same office in many ways: with a country before it
//! (`Croatian Foreign Minister`), shortened (`Minister`), abbreviated
//! (`Gen.`). Those are not disputes. A modifier that changes the office
//! (`Deputy`, `Vice`) or a different office altogether is. One who holds
//! an office for now (`acting`, `interim`) or until a successor comes
//! (`outgoing`) holds it. A past office (`former`, `ex-`) says nothing about
//! the present one: `former President` and `President` are one man named
//! as of different days (`the rule President Bush signed`), and a former
//! president may be prime minister now. A word that describes what a
//! person does (`spokesman`, `prosecutor`, `lawmaker`) names no office of
//! its own: the police spokesman is an inspector, the prosecutor an
//! assistant district attorney, the lawmaker a senator.

/// Words that belong to how offices are named; other leading words are scope
/// (`Croatian`, `U.S.`, `European Commission`).
const VOCABULARY: &[&str] = &[
    "acting",
    "admiral",
    "affairs",
    "ambassador",
    "assistant",
    "attorney",
    "captain",
    "chair",
    "chancellor",
    "chief",
    "colonel",
    "commander",
    "commissioner",
    "defence",
    "deputy",
    "director",
    "economy",
    "education",
    "energy",
    "envoy",
    "ex",
    "executive",
    "finance",
    "foreign",
    "former",
    "general",
    "governor",
    "health",
    "home",
    "inspector",
    "interim",
    "interior",
    "judge",
    "justice",
    "king",
    "lawmaker",
    "leader",
    "lieutenant",
    "mayor",
    "minister",
    "mp",
    "outgoing",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prosecutor",
    "queen",
    "representative",
    "secretary",
    "senator",
    "senior",
    "sergeant",
    "sheikh",
    "speaker",
    "spokesperson",
    "state",
    "superintendent",
    "trade",
    "vice",
];

/// Modifiers that make a different office of the same head.
const MODIFIERS: &[&str] = &["assistant", "deputy", "ex", "former", "vice"];

/// Modifiers that put an office in the past.
const PAST: &[&str] = &["ex", "former"];

/// Modifiers of one who holds the office for now: no other office.
const FOR_NOW: &[&str] = &["acting", "interim", "outgoing"];

/// Modifiers of those who most often stand in for the holder.
const STANDS_IN: &[&str] = &["deputy", "vice"];

/// Words that describe what a person does rather than name an office, with
/// the office words of those who do it (none listed: anyone may) and of
/// those who do not. Such a description is the same as those offices
/// (`spokesman` / `Area Commander Inspector`, `Prosecutor` / `Assistant
/// District Attorney`, `lawmaker` / `Senator`) and disputes the others
/// (`Prosecutor` / `defense attorney`, `Prosecutor` / `Judge`).
const DESCRIPTIONS: &[(&str, &[&str], &[&str])] = &[
    ("lawmaker", &["mp", "representative", "senator", "speaker"], &[]),
    ("prosecutor", &["attorney"], &["defence"]),
    ("spokesperson", &[], &[]),
];

/// Ranks that a sheriff's deputy holds: `Deputy Sgt.` is a sergeant who is a
/// deputy, not the deputy of a sergeant.
const DEPUTY_RANKS: &[&str] = &["sergeant"];

/// Titles of courtesy, which say nothing about office.
const HONORIFICS: &[&str] = &["dame", "dr", "mr", "mrs", "ms", "prof", "professor", "sir"];

/// Abbreviations written in place of a word, with a full stop after them
/// (`Gen.`, `Sen.`).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("adm", "admiral"),
    ("capt", "captain"),
    ("col", "colonel"),
    ("gen", "general"),
    ("gov", "governor"),
    ("lt", "lieutenant"),
    ("rep", "representative"),
    ("sen", "senator"),
    ("sgt", "sergeant"),
];

/// Other words and spellings written in place of a word (`CEO`, `chairman`,
/// `defense`): a full stop after them ends a sentence.
const SYNONYMS: &[(&str, &str)] = &[
    ("ceo", "chief executive"),
    ("chairman", "chair"),
    ("chairwoman", "chair"),
    ("defense", "defence"),
    ("spokesman", "spokesperson"),
    ("spokeswoman", "spokesperson"),
];

/// The words of a role that describe the office, lowercased and spelled out,
/// without leading scope words or `the`; `None` for honorifics.
pub(crate) fn core(role: &str) -> Option<Vec<String>> {
    let mut words: Vec<String> = Vec::new();
    for w in role.split([' ', '-']).map(|w| corroborate_text::fold(w.trim_end_matches('.'))) {
        let w = spelled_out(&w);
        words.extend(w.split(' ').filter(|w| !w.is_empty() && *w != "the").map(str::to_string));
    }
    let start = words.iter().position(|w| VOCABULARY.contains(&w.as_str()))?;
    let words = words.split_off(start);
    if words.iter().all(|w| HONORIFICS.contains(&w.as_str())) {
        return None;
    }
    Some(words)
}

/// A folded word as [`ABBREVIATIONS`] and [`SYNONYMS`] write it in full
/// (`gen` → `general`, `ceo` → `chief executive`), or the word itself.
fn spelled_out(folded: &str) -> &str {
    ABBREVIATIONS.iter().chain(SYNONYMS).find(|(short, _)| *short == folded).map_or(folded, |(_, long)| long)
}

/// Whether a word (folded) is one of the words offices are named with,
/// abbreviations spelled out (`gen`, `sen`).
pub(crate) fn is_office_word(folded: &str) -> bool {
    spelled_out(folded).split(' ').all(|w| VOCABULARY.contains(&w))
}

/// Titles written before a name that name no office: ranks of police,
/// clergy and sport, and the nouns of a country's people or a trade
/// (`Englishman Robert Buckley`, `Congressman`). `Manager` is not one:
/// extraction reads `General Manager Ed Stefanski` as a general, `Manager Ed
/// Stefanski`, who joined to `Ed Stefanski` would dispute his title of
/// president.
const NAME_TITLES: &[&str] = &[
    "bishop",
    "businessman",
    "businesswoman",
    "coach",
    "congressman",
    "congresswoman",
    "constable",
    "corporal",
    "councilman",
    "councilwoman",
    "countryman",
    "countrywoman",
    "det",
    "detective",
    "dutchman",
    "englishman",
    "englishwoman",
    "father",
    "frenchman",
    "frenchwoman",
    "irishman",
    "irishwoman",
    "officer",
    "pastor",
    "rabbi",
    "rev",
    "reverend",
    "scotsman",
    "scotswoman",
    "sheriff",
    "sister",
    "supt",
    "welshman",
    "welshwoman",
];

/// Whether a word written before a name is a title rather than the first
/// name: an office word (`Deputy`, the `State` of `Secretary of State`), a
/// title of courtesy (`Mr`), a rank (`Sheriff`, `Rev`) or any word shortened
/// with a full stop (`Lt.`). `J.` is an initial, not a title, and `St.`
/// part of a surname.
pub(crate) fn is_title(word: &str) -> bool {
    let short = word.trim_end_matches('.');
    let folded = corroborate_text::fold(short);
    // `St.` of a surname (`Jack St. Martin`) is a saint's, not a title.
    (word.ends_with('.') && short.chars().count() > 1 && folded != "st")
        || is_office_word(&folded)
        || HONORIFICS.contains(&folded.as_str())
        || NAME_TITLES.contains(&folded.as_str())
}

/// Whether a word (folded, without its full stop) is one of the
/// [`ABBREVIATIONS`] (`Gen`, `Sen`), whose full stop ends nothing.
pub(crate) fn is_abbreviation(folded: &str) -> bool {
    ABBREVIATIONS.iter().any(|(short, _)| *short == folded)
}

/// Whether two role cores name the same office: the same words, in any
/// order (`Interior Secretary`, `Secretary of the Interior`), or one narrows
/// the other without a modifier that changes it (`Minister` and `Foreign
/// Minister`). Words of one who holds the office for now (`acting`,
/// `outgoing`) are left out first, and a deputy is often the one acting
/// (`Acting Director` and `Deputy Director`), so beside `acting` or
/// `interim`, `Deputy` and `Vice` make no other office either. A
/// description of what someone does (`spokesman`, `prosecutor`) is the
/// same as the offices of those who do it, when it shares no word with
/// them (`deputy spokesman` still differs from `spokesman`). The answer
/// does not depend on the order of the two.
pub(crate) fn same(a: &[String], b: &[String]) -> bool {
    let (x, y) = (office(a), office(b));
    if let Some(same) = described(&x, &y).or_else(|| described(&y, &x)) {
        return same;
    }
    let (short, long) = if x.len() <= y.len() { (&x, &y) } else { (&y, &x) };
    let mut extra = long.clone();
    for w in short {
        match extra.iter().position(|x| x == w) {
            Some(i) => {
                extra.remove(i);
            }
            None => return false,
        }
    }
    let acting = |core: &[String]| core.iter().any(|w| w == "acting" || w == "interim");
    let stands_in = acting(a) || acting(b);
    !extra.iter().any(|w| MODIFIERS.contains(w) && !(stands_in && STANDS_IN.contains(w)))
}

/// Whether a role core only describes what the person does (`spokesman`,
/// `prosecutor`): no office of its own.
pub(crate) fn describes(core: &[String]) -> bool {
    is_description(&office(core))
}

/// Words that qualify a description and leave it one: `state lawmaker`,
/// `chief prosecutor`, `senior spokesman`.
const QUALIFIERS: &[&str] = &["chief", "senior", "state"];

fn is_description(office: &[&str]) -> bool {
    let description = |w: &&str| DESCRIPTIONS.iter().any(|d| d.0 == *w);
    office.last().is_some_and(description) && office.iter().all(|w| description(w) || QUALIFIERS.contains(w))
}

/// When `description` describes what someone does and `office` is an office
/// with none of its words but qualifiers: whether that office does it (see
/// [`DESCRIPTIONS`]). `None` otherwise, for the words to be compared.
fn described(description: &[&str], office: &[&str]) -> Option<bool> {
    let shares = office.iter().any(|w| description.contains(w) && !QUALIFIERS.contains(w));
    if office.is_empty() || !is_description(description) || is_description(office) || shares {
        return None;
    }
    let &(_, doers, others) = DESCRIPTIONS.iter().find(|d| Some(&d.0) == description.last())?;
    let does = doers.is_empty() || office.iter().any(|w| doers.contains(w));
    Some(does && !office.iter().any(|w| others.contains(w)))
}

/// The words of a role core that name the office: without `of`, without
/// the words of one who holds it for now, and without a sheriff's `Deputy`
/// before a rank.
fn office(core: &[String]) -> Vec<&str> {
    // The rank must end the title: a `Deputy Sergeant-at-Arms` is the deputy of one.
    let deputy_rank =
        |i: usize| core[i] == "deputy" && i + 2 == core.len() && DEPUTY_RANKS.contains(&core[i + 1].as_str());
    (0..core.len())
        .filter(|&i| !deputy_rank(i))
        .map(|i| core[i].as_str())
        .filter(|w| *w != "of" && !FOR_NOW.contains(w))
        .collect()
}

/// The number of words of a role core that name the office (see [`office`]).
pub(crate) fn office_len(core: &[String]) -> usize {
    office(core).len()
}

/// Whether a role core names an office held before (`former President`,
/// `former Deputy Minister`): no claim about what the person is now. Only
/// the modifiers that open the title count (`Foreign Minister of the Former
/// Yugoslav Republic` is a present office).
pub(crate) fn is_past(core: &[String]) -> bool {
    let modifier = |w: &&String| MODIFIERS.contains(&w.as_str()) || FOR_NOW.contains(&w.as_str());
    core.iter().take_while(modifier).any(|w| PAST.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_roles(a: &str, b: &str) -> bool {
        same(&core(a).unwrap(), &core(b).unwrap())
    }

    #[test]
    fn scope_and_shortening_are_the_same_office() {
        assert!(same_roles("Croatian Foreign Minister", "Foreign Minister"));
        assert!(same_roles("the Foreign Minister", "Minister"));
        assert!(same_roles("Deputy Foreign Minister", "deputy minister"));
        assert!(same_roles("CEO", "chief executive"));
        assert!(same_roles("Gen.", "General"));
        assert!(same_roles("spokeswoman", "Foreign Ministry spokesman"));
    }

    #[test]
    fn word_order_is_no_other_office() {
        assert!(same_roles("Interior Secretary", "Secretary of the Interior"));
        assert!(same_roles("Secretary", "Secretary of the Interior"));
        assert!(!same_roles("Interior Secretary", "Secretary of State"));
    }

    #[test]
    fn modifiers_and_other_offices_differ() {
        assert!(!same_roles("Deputy Foreign Minister", "Foreign Minister"));
        assert!(!same_roles("former President", "President"));
        assert!(!same_roles("ex-President", "President"));
        assert!(!same_roles("Prime Minister", "President"));
        assert!(!same_roles("Vice President", "President"));
    }

    #[test]
    fn a_holder_for_now_holds_the_office() {
        assert!(same_roles("acting Director", "Director"));
        assert!(same_roles("FBI Acting Director", "interim director"));
        assert!(same_roles("outgoing President", "President"));
        // The deputy is often the one acting.
        assert!(same_roles("acting Director", "Deputy Director"));
        assert!(same_roles("Acting President", "Vice President"));
        assert!(!same_roles("Acting Minister", "Assistant Minister"));
        assert!(!same_roles("outgoing President", "Vice President"));
    }

    /// Titles of up to four words drawn from office words, modifiers and scope.
    fn a_title() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words = vec![
            "acting",
            "assistant",
            "Croatian",
            "deputy",
            "ex",
            "foreign",
            "former",
            "interim",
            "minister",
            "of",
            "outgoing",
            "prosecutor",
            "secretary",
            "sergeant",
            "spokesman",
            "state",
            "vice",
        ];
        prop::collection::vec(prop::sample::select(words), 1..5).prop_map(|w| w.join(" "))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn two_titles_are_the_same_office_in_either_order(a in a_title(), b in a_title()) {
            if let (Some(x), Some(y)) = (core(&a), core(&b)) {
                proptest::prop_assert_eq!(same(&x, &y), same(&y, &x), "{} / {}", a, b);
            }
        }
    }

    #[test]
    fn the_order_of_two_titles_does_not_matter() {
        let pairs = [
            ("Acting Minister", "Foreign Minister"),
            ("Secretary of Defence", "Acting Secretary"),
            ("Deputy Foreign Minister", "Foreign Minister"),
            ("interim Director", "Deputy Director"),
            ("Secretary of the Interior", "Interior Secretary"),
        ];
        for (a, b) in pairs {
            assert_eq!(same_roles(a, b), same_roles(b, a), "{a} / {b}");
        }
        assert!(same_roles("Acting Minister", "Foreign Minister"));
        assert!(same_roles("Foreign Minister", "Acting Minister"));
    }

    #[test]
    fn a_description_of_a_job_is_no_office() {
        assert!(same_roles("spokesman", "Area Commander Inspector"));
        assert!(same_roles("Inspector", "police spokeswoman"));
        assert!(same_roles("Prosecutor", "Assistant District Attorney"));
        assert!(same_roles("lawmaker", "Senator"));
        // Not every office does what a description says.
        assert!(!same_roles("Prosecutor", "defense attorney"));
        assert!(!same_roles("Prosecutor", "Judge"));
        assert!(!same_roles("lawmaker", "Governor"));
        // A description with a word of the other title is compared as words.
        assert!(!same_roles("deputy spokesman", "spokesman"));
        assert!(!same_roles("Assistant Prosecutor", "Prosecutor"));
        assert!(!same_roles("Leader", "President"));
        // Qualified, a description is still one.
        assert!(same_roles("state lawmaker", "State Senator"));
        assert!(same_roles("state lawmaker", "Rep."));
        assert!(same_roles("chief prosecutor", "District Attorney"));
        assert!(same_roles("senior spokesman", "Inspector"));
        assert!(!same_roles("chief prosecutor", "defense attorney"));
        assert!(!same_roles("state lawmaker", "Governor"));
        assert!(!same_roles("state lawmaker", "Secretary of State"));
    }

    #[test]
    fn a_sheriffs_deputy_keeps_the_rank() {
        assert!(same_roles("Deputy Sgt.", "Sgt."));
        assert!(same_roles("Sergeant", "deputy sergeant"));
        assert!(!same_roles("Deputy Director", "Director"));
        assert!(!same_roles("Deputy Sgt.", "Lt."));
        assert!(!same_roles("Deputy Sergeant-at-Arms", "Sergeant at Arms"));
    }

    #[test]
    fn a_past_office_is_told_apart() {
        let past = |role: &str| is_past(&core(role).unwrap());
        assert!(past("former President"));
        assert!(past("ex-President"));
        assert!(past("former Deputy Foreign Minister"));
        assert!(!past("President"));
        assert!(!past("outgoing President"));
        assert!(!past("Foreign Minister of the Former Yugoslav Republic"));
    }

    #[test]
    fn honorifics_are_not_offices() {
        assert_eq!(core("Mr."), None);
        assert_eq!(core("Dr"), None);
    }
}
