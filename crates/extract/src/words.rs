//! Small word lists that carry the extraction heuristics.
//!
//! The lists are deliberately short: they cover the wording of news reports
//! (titles before names, organisation nouns, the countries and cities that
//! make up most datelines). Lookups ignore ASCII case; only the first names,
//! a longer list, live in a data file.

use std::collections::HashSet;
use std::sync::LazyLock;

use corroborate_text::{fold, is_time_zone, month_number, weekday_number};

/// Lists up to this long are scanned; longer ones are searched by halves.
const SCANNED: usize = 8;

/// Whether `word` equals one of `list`, ignoring ASCII case. A list longer
/// than [`SCANNED`] must be sorted and in lower case (see [`searchable`];
/// the tests check every list of the crate).
pub(crate) fn among(list: &[&str], word: &str) -> bool {
    if list.len() <= SCANNED {
        return list.iter().any(|w| w.eq_ignore_ascii_case(word));
    }
    list.binary_search_by(|w| w.bytes().cmp(word.bytes().map(|b| b.to_ascii_lowercase()))).is_ok()
}

/// Whether [`among`] can search `list`: short, or sorted and in lower case.
#[cfg(test)]
pub(crate) fn searchable(list: &[&str]) -> bool {
    list.len() <= SCANNED
        || (list.windows(2).all(|w| w[0] < w[1]) && list.iter().all(|w| *w == w.to_ascii_lowercase()))
}

/// The entries of a word list in `data/`: one a line, lower case, `#`
/// opening a comment line.
fn listed(file: &'static str) -> HashSet<&'static str> {
    file.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// Whether `word`, folded, is a place (see `data/places.txt`).
pub(crate) fn is_place(word: &str) -> bool {
    static PLACES: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| listed(include_str!("../data/places.txt")));
    PLACES.contains(fold(word).as_str())
}

/// Last words that make a name of several words a place (`Beverly Hills`,
/// `Persian Gulf`, `Wall Street`); words that are also surnames (`Park`,
/// `Hill`, `Bay`, `Lake`, `Beach`, `Ocean`, `Strait`) are left out.
pub(crate) const PLACE_ENDS: &[&str] = &[
    "avenue",
    "canyon",
    "coast",
    "county",
    "district",
    "glacier",
    "gulf",
    "harbor",
    "harbour",
    "heights",
    "highway",
    "hills",
    "island",
    "islands",
    "mountains",
    "peninsula",
    "province",
    "road",
    "sea",
    "square",
    "street",
    "valley",
];

/// Lowercase nouns after a name that make it a place (`Mary region`,
/// `Idlib province`, `Kherson oblast`).
pub(crate) const PLACE_NOUNS: &[&str] =
    &["county", "district", "governorate", "municipality", "oblast", "prefecture", "province", "region"];

/// Peoples and faiths named in the plural that are no nationality (`the
/// Kurds`, `the Sunnis`), by the singular; sorted.
pub(crate) const PEOPLES: &[&str] = &[
    "arab",
    "catholic",
    "christian",
    "evangelical",
    "hindu",
    "hispanic",
    "jew",
    "kurd",
    "latino",
    "mormon",
    "muslim",
    "protestant",
    "shiite",
    "sikh",
    "sunni",
    "turk",
];

/// First words that make a name of several words a place (`Mount Cook`).
pub(crate) const PLACE_STARTS: &[&str] = &["lake", "mount", "mt"];

/// Capitalised words that open sentences without being names.
pub(crate) use corroborate_text::SENTENCE_OPENERS as COMMON;

/// Whether a word names a day, a month or a time zone (`Monday`, `March`,
/// `Sept`, `GMT`): capitalised, but not a name of something the story is
/// about.
pub(crate) fn is_calendar(word: &str) -> bool {
    weekday_number(word).is_some() || month_number(word).is_some() || is_time_zone(word)
}

/// Lowercase words that may join capitalised words inside one name
/// (`Bank of England`, `Ursula von der Leyen`, `Moqtada al-Sadr`).
pub(crate) const CONNECTORS: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "den", "der", "du", "el", "ibn", "la", "le", "of", "the", "van",
    "von",
];

/// Words that head a title or role written before a name.
pub(crate) const ROLE_HEADS: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "attorney",
    "capt",
    "captain",
    "ceo",
    "cfo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "const",
    "constable",
    "corporal",
    "cpl",
    "det",
    "detective",
    "director",
    "dr",
    "envoy",
    "executive",
    "gen",
    "general",
    "gov",
    "governor",
    "inspector",
    "judge",
    "king",
    "lawmaker",
    "leader",
    "lieutenant",
    "lt",
    "mayor",
    "minister",
    "mp",
    "mr",
    "mrs",
    "ms",
    "officer",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof",
    "professor",
    "prosecutor",
    "queen",
    "rep",
    "representative",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "superintendent",
];

/// Role heads that may stand in lowercase before a name (`spokeswoman Anna Berg`).
pub(crate) const LOWERCASE_ROLE_HEADS: &[&str] = &[
    "ambassador",
    "attorney",
    "ceo",
    "chairman",
    "chairwoman",
    "commander",
    "director",
    "envoy",
    "executive",
    "governor",
    "judge",
    "lawmaker",
    "mayor",
    "minister",
    "president",
    "prosecutor",
    "senator",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Words a role head may take after `of` (`Secretary of State`).
pub(crate) const ROLE_OBJECTS: &[&str] =
    &["commerce", "defence", "defense", "energy", "finance", "health", "justice", "labor", "staff", "state"];

/// Words that change what a role means (a deputy minister is not the minister).
pub(crate) const ROLE_MODIFIERS: &[&str] =
    &["acting", "assistant", "deputy", "ex", "former", "interim", "outgoing", "vice"];

/// Abbreviations written with a period that does not end a name (`Mr. Vance`).
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "adm", "capt", "col", "const", "cpl", "del", "det", "dr", "gen", "gov", "jr", "lt", "mr", "mrs", "ms",
    "prof", "rep", "rev", "sen", "sgt", "sr", "st", "supt",
];

/// Adjectives of nationality: capitalised, but alone they name no one
/// (`a Greek official said`).
pub(crate) const NATIONALITIES: &[&str] = &[
    "afghan",
    "african",
    "albanian",
    "algerian",
    "american",
    "arab",
    "argentine",
    "asian",
    "australian",
    "austrian",
    "belgian",
    "bosnian",
    "brazilian",
    "british",
    "bulgarian",
    "canadian",
    "chilean",
    "chinese",
    "colombian",
    "croatian",
    "cuban",
    "czech",
    "danish",
    "dutch",
    "egyptian",
    "english",
    "estonian",
    "ethiopian",
    "european",
    "filipino",
    "finnish",
    "french",
    "german",
    "greek",
    "hungarian",
    "indian",
    "indonesian",
    "iranian",
    "iraqi",
    "irish",
    "israeli",
    "italian",
    "japanese",
    "jordanian",
    "kenyan",
    "korean",
    "kurdish",
    "latvian",
    "lebanese",
    "libyan",
    "lithuanian",
    "mexican",
    "moroccan",
    "nigerian",
    "norwegian",
    "pakistani",
    "palestinian",
    "polish",
    "portuguese",
    "romanian",
    "russian",
    "saudi",
    "scottish",
    "serbian",
    "slovak",
    "slovenian",
    "spanish",
    "sudanese",
    "swedish",
    "swiss",
    "syrian",
    "taiwanese",
    "tunisian",
    "turkish",
    "ukrainian",
    "venezuelan",
    "vietnamese",
    "welsh",
    "yemeni",
];

/// Nouns that, right after a name, make it a product or a work
/// (`Navigator browser`, `Silver Lantern sequel`), not a place. Not `film`,
/// `movie`, `album`, `novel` or `franchise`, which a place or a maker stands
/// before as often (`a Hollywood film`, `a Lionsgate film`).
pub(crate) const PRODUCT_NOUNS: &[&str] = &[
    "app",
    "browser",
    "browsers",
    "console",
    "firmware",
    "patch",
    "sequel",
    "smartphone",
    "software",
    "trilogy",
    "update",
    "updates",
    "users",
    "vulnerability",
];

/// Nouns after a product noun that make the two a description of a firm,
/// a trade or a worker, which a place's name stands before (`the Redmond
/// software giant`, `a Pune software engineer`, `the Noida smartphone
/// factory`).
pub(crate) const TRADE_NOUNS: &[&str] = &[
    "companies",
    "company",
    "developer",
    "developers",
    "engineer",
    "engineers",
    "factory",
    "firm",
    "firms",
    "giant",
    "giants",
    "hub",
    "industry",
    "maker",
    "makers",
    "manufacturer",
    "manufacturers",
    "market",
    "plant",
    "sector",
    "startup",
    "startups",
];

/// Verbs that attribute speech.
pub(crate) const CUE_VERBS: &[&str] =
    &["added", "announced", "explained", "insisted", "noted", "said", "says", "stated", "told", "warned"];

/// Verbs that attribute speech or a stated view, in the forms news copy uses.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adding",
    "adds",
    "admitted",
    "announced",
    "argued",
    "argues",
    "arguing",
    "asked",
    "asks",
    "asserted",
    "boasted",
    "cautioned",
    "chanted",
    "claimed",
    "claims",
    "commented",
    "complained",
    "conceded",
    "concluded",
    "confirmed",
    "contended",
    "continued",
    "countered",
    "declared",
    "demanded",
    "denied",
    "emphasized",
    "exclaimed",
    "explained",
    "explaining",
    "explains",
    "insisted",
    "insists",
    "interjected",
    "joked",
    "lamented",
    "maintained",
    "mentioned",
    "noted",
    "notes",
    "noting",
    "observed",
    "posted",
    "predicted",
    "promised",
    "quipped",
    "reads",
    "recalled",
    "recalling",
    "recalls",
    "remarked",
    "replied",
    "reported",
    "responded",
    "responds",
    "said",
    "sang",
    "say",
    "saying",
    "says",
    "screamed",
    "shouted",
    "shouts",
    "stated",
    "stressed",
    "suggested",
    "tell",
    "telling",
    "tells",
    "testified",
    "told",
    "tweeted",
    "tweeting",
    "tweets",
    "urged",
    "vowed",
    "warned",
    "warns",
    "wondered",
    "writes",
    "wrote",
    "yelled",
];

/// Verbs that report a finding or a belief rather than speech (`the poll shows`,
/// `officials believe`): cues of indirect attribution only.
pub(crate) const FINDING_VERBS: &[&str] = &[
    "agree",
    "agreed",
    "argue",
    "believe",
    "believes",
    "claim",
    "estimated",
    "estimates",
    "expect",
    "expects",
    "fear",
    "fears",
    "finds",
    "found",
    "hope",
    "hopes",
    "indicated",
    "predict",
    "show",
    "showed",
    "shows",
    "suggest",
    "suggests",
    "think",
    "thinks",
    "want",
    "wants",
    "warn",
];

/// Auxiliaries counted into a cue (`has said`, `would tell`).
pub(crate) const SPEECH_AUXILIARIES: &[&str] =
    &["also", "did", "does", "further", "had", "has", "have", "later", "previously", "then", "will", "would"];

/// Nouns that make a name an organisation.
pub(crate) const ORG_WORDS: &[&str] = &[
    "academy",
    "advisers",
    "advisors",
    "agency",
    "airlines",
    "airways",
    "army",
    "assembly",
    "associates",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "cabinet",
    "center",
    "centre",
    "church",
    "clinic",
    "club",
    "co",
    "college",
    "commission",
    "committee",
    "company",
    "congress",
    "consulting",
    "corp",
    "corporation",
    "council",
    "courier",
    "court",
    "daily",
    "department",
    "federation",
    "force",
    "forces",
    "foundation",
    "fund",
    "gazette",
    "government",
    "group",
    "herald",
    "holdings",
    "hospital",
    "inc",
    "industries",
    "institute",
    "journal",
    "league",
    "ledger",
    "ltd",
    "ministry",
    "motors",
    "museum",
    "navy",
    "network",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "partners",
    "party",
    "police",
    "post",
    "press",
    "school",
    "senate",
    "service",
    "society",
    "studios",
    "times",
    "tribune",
    "trust",
    "union",
    "university",
];

/// Words that end the name of a company (`Tessaro Components`, `Halden
/// Energy`), besides the [`ORG_WORDS`], which make an organisation anywhere
/// in a name. They follow another word of the name: alone they are common
/// nouns (`Energy prices rose`).
pub(crate) const COMPANY_WORDS: &[&str] = &[
    "aerospace",
    "automotive",
    "brands",
    "breweries",
    "capital",
    "chemicals",
    "coachworks",
    "communications",
    "components",
    "electronics",
    "energy",
    "engineering",
    "enterprises",
    "foods",
    "gmbh",
    "laboratories",
    "labs",
    "llc",
    "logistics",
    "manufacturing",
    "media",
    "metals",
    "minerals",
    "mining",
    "pharma",
    "pharmaceuticals",
    "plc",
    "resources",
    "shipping",
    "solutions",
    "steel",
    "systems",
    "technologies",
    "telecom",
    "textiles",
    "ventures",
];

/// Whether `text`, folded, is a known organisation (see
/// `data/organizations.txt`).
pub(crate) fn is_known_org(text: &str) -> bool {
    static ORGS: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| listed(include_str!("../data/organizations.txt")));
    ORGS.contains(fold(text).as_str())
}

/// Whether `word` is a common first name (see `data/first-names.txt`): a
/// capitalised run starting with one is a person.
pub(crate) fn is_first_name(word: &str) -> bool {
    static NAMES: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| listed(include_str!("../data/first-names.txt")));
    NAMES.contains(fold(word).as_str())
}

/// Pronouns that can stand for a speaker.
pub(crate) const PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we"];

/// Words that narrow an office before its head (`Foreign` Minister, `chief` executive).
pub(crate) const ROLE_DOMAINS: &[&str] = &[
    "chief",
    "defence",
    "defense",
    "economy",
    "education",
    "energy",
    "finance",
    "foreign",
    "health",
    "home",
    "interior",
    "justice",
    "police",
    "prime",
    "senior",
    "state",
    "trade",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_list_can_be_searched_by_halves() {
        let lists = [
            ("COMMON", COMMON),
            ("CONNECTORS", CONNECTORS),
            ("ROLE_HEADS", ROLE_HEADS),
            ("LOWERCASE_ROLE_HEADS", LOWERCASE_ROLE_HEADS),
            ("ROLE_OBJECTS", ROLE_OBJECTS),
            ("ROLE_MODIFIERS", ROLE_MODIFIERS),
            ("ABBREVIATIONS", ABBREVIATIONS),
            ("NATIONALITIES", NATIONALITIES),
            ("CUE_VERBS", CUE_VERBS),
            ("SPEECH_VERBS", SPEECH_VERBS),
            ("FINDING_VERBS", FINDING_VERBS),
            ("SPEECH_AUXILIARIES", SPEECH_AUXILIARIES),
            ("ORG_WORDS", ORG_WORDS),
            ("COMPANY_WORDS", COMPANY_WORDS),
            ("PEOPLES", PEOPLES),
            ("PLACE_ENDS", PLACE_ENDS),
            ("PLACE_STARTS", PLACE_STARTS),
            ("PRONOUNS", PRONOUNS),
            ("ROLE_DOMAINS", ROLE_DOMAINS),
            ("PRODUCT_NOUNS", PRODUCT_NOUNS),
            ("TRADE_NOUNS", TRADE_NOUNS),
        ];
        for (name, list) in lists {
            assert!(searchable(list), "{name} must be sorted and in lower case");
        }
    }

    #[test]
    fn a_search_by_halves_finds_what_a_scan_finds() {
        let scan = |list: &[&str], word: &str| list.iter().any(|w| w.eq_ignore_ascii_case(word));
        for list in [COMMON, SPEECH_VERBS, ROLE_HEADS, ORG_WORDS] {
            assert!(list.len() > SCANNED);
            for &w in list {
                let upper = w.to_uppercase();
                let capital = format!("{}{}", &w[..1].to_uppercase(), &w[1..]);
                for word in [w, upper.as_str(), capital.as_str(), &w[1..], &format!("{w}s"), &format!("a{w}")]
                {
                    assert_eq!(among(list, word), scan(list, word), "{word:?}");
                }
            }
            assert!(among(list, list[0]) && among(list, list[list.len() - 1]));
            assert!(!among(list, "") && !among(list, "zzzzzz"));
        }
        assert!(is_place("Zagreb") && is_place("YEMEN") && !is_place("Lindgrad"));
    }
}
