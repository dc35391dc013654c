//! Comparing titles: when do two descriptions of a person's office disagree?
//!
//! Outlets write the same office in many ways: with a country before it
//! (`Croatian Foreign Minister`), shortened (`Minister`), abbreviated
//! (`Gen.`). Those are not disputes. A modifier that changes the office
//! (`Deputy`, `former`, `acting`) or a different office altogether is.

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
const MODIFIERS: &[&str] = &["acting", "assistant", "deputy", "ex", "former", "interim", "outgoing", "vice"];

/// Titles of courtesy, which say nothing about office.
const HONORIFICS: &[&str] = &["dame", "dr", "mr", "mrs", "ms", "prof", "professor", "sir"];

/// Abbreviations and synonyms written in place of a word.
const SPELLED_OUT: &[(&str, &str)] = &[
    ("adm", "admiral"),
    ("capt", "captain"),
    ("ceo", "chief executive"),
    ("chairman", "chair"),
    ("chairwoman", "chair"),
    ("col", "colonel"),
    ("defense", "defence"),
    ("gen", "general"),
    ("gov", "governor"),
    ("lt", "lieutenant"),
    ("rep", "representative"),
    ("sen", "senator"),
    ("sgt", "sergeant"),
    ("spokesman", "spokesperson"),
    ("spokeswoman", "spokesperson"),
];

/// The words of a role that describe the office, lowercased and spelled out,
/// without leading scope words or `the`; `None` for honorifics.
pub(crate) fn core(role: &str) -> Option<Vec<String>> {
    let mut words: Vec<String> = Vec::new();
    for w in role.split([' ', '-']).map(|w| corroborate_text::fold(w.trim_end_matches('.'))) {
        let w = SPELLED_OUT.iter().find(|(short, _)| *short == w).map_or(w.as_str(), |(_, long)| long);
        words.extend(w.split(' ').filter(|w| !w.is_empty() && *w != "the").map(str::to_string));
    }
    let start = words.iter().position(|w| VOCABULARY.contains(&w.as_str()))?;
    let words = words.split_off(start);
    if words.iter().all(|w| HONORIFICS.contains(&w.as_str())) {
        return None;
    }
    Some(words)
}

/// Whether two role cores name the same office: the same words, in any
/// order (`Interior Secretary`, `Secretary of the Interior`), or one narrows
/// the other without a modifier that changes it (`Minister` and `Foreign
/// Minister`).
pub(crate) fn same(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut extra: Vec<&str> = long.iter().map(String::as_str).filter(|w| *w != "of").collect();
    for w in short.iter().filter(|w| *w != "of") {
        match extra.iter().position(|x| x == w) {
            Some(i) => {
                extra.remove(i);
            }
            None => return false,
        }
    }
    !extra.iter().any(|w| MODIFIERS.contains(w))
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
    }

    #[test]
    fn honorifics_are_not_offices() {
        assert_eq!(core("Mr."), None);
        assert_eq!(core("Dr"), None);
    }
}
