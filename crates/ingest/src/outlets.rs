//! Outlet names as credit lines and citations spell them (`ELPAIS`, `AP`,
//! `the Financial Times`), mapped to one name per outlet (`El País`,
//! `Associated Press`, `Financial Times`), so that the same source counts
//! once however it is written.
//!
//! A built-in table covers major agencies and outlets; a user file of
//! `alias<TAB>name` lines extends or overrides it. Aliases are compared by
//! their letters and digits only, lowercased, without a leading "the":
//! `El-Pais`, `ELPAIS` and `el pais` are one alias.

use std::collections::BTreeMap;
use std::path::Path;

use corroborate_model::Draft;

use crate::IngestError;

/// Alias key → name; keys as made by [`key`], sorted.
const BUILT_IN: &[(&str, &str)] = &[
    ("abcnews", "ABC News"),
    ("abcnewsgocom", "ABC News"),
    ("afp", "AFP"),
    ("agencefrancepresse", "AFP"),
    ("agenciaefe", "EFE"),
    ("aljazeera", "Al Jazeera"),
    ("aljazeeracom", "Al Jazeera"),
    ("ansa", "ANSA"),
    ("ap", "Associated Press"),
    ("apnews", "Associated Press"),
    ("apnewscom", "Associated Press"),
    ("aporg", "Associated Press"),
    ("associatedpress", "Associated Press"),
    ("bbc", "BBC"),
    ("bbccom", "BBC"),
    ("bbccouk", "BBC"),
    ("bbcnews", "BBC"),
    ("bloomberg", "Bloomberg"),
    ("bloombergcom", "Bloomberg"),
    ("bloombergnews", "Bloomberg"),
    ("canadianpress", "Canadian Press"),
    ("cbc", "CBC"),
    ("cbcca", "CBC"),
    ("cbsnews", "CBS News"),
    ("cbsnewscom", "CBS News"),
    ("chicagotribune", "Chicago Tribune"),
    ("chicagotribunecom", "Chicago Tribune"),
    ("cnn", "CNN"),
    ("cnncom", "CNN"),
    ("corrieredellasera", "Corriere della Sera"),
    ("dailytelegraph", "The Daily Telegraph"),
    ("deutschepresseagentur", "dpa"),
    ("deutschewelle", "Deutsche Welle"),
    ("dpa", "dpa"),
    ("dw", "Deutsche Welle"),
    ("dwcom", "Deutsche Welle"),
    ("economist", "The Economist"),
    ("economistcom", "The Economist"),
    ("efe", "EFE"),
    ("elmundo", "El Mundo"),
    ("elpais", "El País"),
    ("elpaiscom", "El País"),
    ("elpaís", "El País"),
    ("europapress", "Europa Press"),
    ("financialtimes", "Financial Times"),
    ("foxnews", "Fox News"),
    ("foxnewscom", "Fox News"),
    ("ft", "Financial Times"),
    ("ftcom", "Financial Times"),
    ("guardian", "The Guardian"),
    ("huffingtonpost", "HuffPost"),
    ("huffingtonpostcom", "HuffPost"),
    ("huffpost", "HuffPost"),
    ("huffpostcom", "HuffPost"),
    ("independent", "The Independent"),
    ("independentcouk", "The Independent"),
    ("kyodo", "Kyodo News"),
    ("kyodonews", "Kyodo News"),
    ("larepubblica", "la Repubblica"),
    ("latimes", "Los Angeles Times"),
    ("latimescom", "Los Angeles Times"),
    ("lavanguardia", "La Vanguardia"),
    ("lefigaro", "Le Figaro"),
    ("lefigarofr", "Le Figaro"),
    ("lemonde", "Le Monde"),
    ("lemondefr", "Le Monde"),
    ("losangelestimes", "Los Angeles Times"),
    ("msnbc", "MSNBC"),
    ("msnbccom", "MSNBC"),
    ("nbcnews", "NBC News"),
    ("nbcnewscom", "NBC News"),
    ("newyorktimes", "The New York Times"),
    ("npr", "NPR"),
    ("nprorg", "NPR"),
    ("nyt", "The New York Times"),
    ("nytimes", "The New York Times"),
    ("nytimescom", "The New York Times"),
    ("politico", "Politico"),
    ("politicocom", "Politico"),
    ("presstrustofindia", "PTI"),
    ("pti", "PTI"),
    ("reuters", "Reuters"),
    ("reuterscom", "Reuters"),
    ("rianovosti", "RIA Novosti"),
    ("spiegel", "Der Spiegel"),
    ("spiegelde", "Der Spiegel"),
    ("tass", "TASS"),
    ("telegraph", "The Daily Telegraph"),
    ("telegraphcouk", "The Daily Telegraph"),
    ("theatlantic", "The Atlantic"),
    ("theatlanticcom", "The Atlantic"),
    ("theguardian", "The Guardian"),
    ("theguardiancom", "The Guardian"),
    ("thomsonreuters", "Reuters"),
    ("upi", "UPI"),
    ("usatoday", "USA Today"),
    ("usatodaycom", "USA Today"),
    ("wallstreetjournal", "The Wall Street Journal"),
    ("washingtonpost", "The Washington Post"),
    ("washingtonpostcom", "The Washington Post"),
    ("wsj", "The Wall Street Journal"),
    ("wsjcom", "The Wall Street Journal"),
    ("xinhua", "Xinhua"),
    ("xinhuanetcom", "Xinhua"),
    ("yonhap", "Yonhap"),
];

/// The comparison key of an alias; see the module documentation.
fn key(alias: &str) -> String {
    let k: String = alias.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    match k.strip_prefix("the") {
        Some(rest) if alias.trim_start().get(..4).is_some_and(|p| p.eq_ignore_ascii_case("the ")) => {
            rest.into()
        }
        _ => k,
    }
}

/// News agencies, as the table names them: their copy is credited to them
/// wherever it appears (an agency given as a page's author, an article on the
/// agency's own site).
pub(crate) const AGENCIES: [&str; 10] =
    ["AFP", "ANSA", "Associated Press", "Canadian Press", "dpa", "EFE", "PTI", "Reuters", "UPI", "Xinhua"];

/// The built-in name for an alias, if the table has it.
pub fn known_outlet(alias: &str) -> Option<&'static str> {
    let k = key(alias);
    BUILT_IN.binary_search_by(|(a, _)| (*a).cmp(k.as_str())).ok().map(|i| BUILT_IN[i].1)
}

/// The built-in outlet name for `name`, or `name` as written; a host name
/// (`articles.latimes.com`) is the outlet its site is known as (`Los Angeles
/// Times`, by the site's address in the table), or else that site
/// (`latimes.com`), so that the sections and editions of one site count as
/// one outlet.
pub fn normalise_outlet(name: &str) -> String {
    built_in(name, site(name))
}

/// The outlet a user names in a filter, as outlets are stored (`latimes.com`
/// is the Los Angeles Times); `None` for nothing but spaces.
pub fn outlet_filter(typed: &str) -> Option<String> {
    Some(typed.trim()).filter(|t| !t.is_empty()).map(normalise_outlet)
}

/// The built-in name of `name`, else of its site, else the site, else `name`.
fn built_in(name: &str, site: Option<&str>) -> String {
    let known = known_outlet(name).or_else(|| site.and_then(known_outlet));
    known.or(site).unwrap_or(name).to_string()
}

/// Second-level labels under which a country's sites are registered
/// (`bbc.co.uk`, `smh.com.au`).
const SECOND_LEVEL: [&str; 9] = ["ac", "co", "com", "edu", "gov", "ne", "net", "or", "org"];

/// Hosts whose subdomains are sites of different people or outlets
/// (`alice.substack.com`, `abcnews.go.com`).
const PLATFORMS: [&str; 11] = [
    "blogspot.com",
    "github.io",
    "go.com",
    "livejournal.com",
    "medium.com",
    "substack.com",
    "tumblr.com",
    "typepad.com",
    "weebly.com",
    "wixsite.com",
    "wordpress.com",
];

/// The site of a host name: `news.bbc.co.uk` → `bbc.co.uk`,
/// `alice.substack.com` as it is; `None` when `name` is not a bare host name.
fn site(name: &str) -> Option<&str> {
    let name = name.trim().trim_start_matches("www.");
    let is_host = crate::credits::domain(name).is_some_and(|d| d == name);
    if !is_host {
        return None;
    }
    let labels: Vec<&str> = name.split('.').collect();
    let n = labels.len();
    // The last `k` labels and the dots between them.
    let last = |k: usize| name.match_indices('.').rev().nth(k - 1).map_or(name, |(i, _)| &name[i + 1..]);
    let country = n >= 3 && labels[n - 1].len() == 2 && SECOND_LEVEL.contains(&labels[n - 2]);
    let kept = if country { 3 } else { 2 };
    // Blogger serves its blogs under country domains too (`x.blogspot.nl`, `x.blogspot.co.uk`).
    let platform = |site: &str| PLATFORMS.contains(&site) || site.starts_with("blogspot.");
    let kept = if n > kept && platform(last(kept)) { kept + 1 } else { kept };
    Some(last(kept))
}

/// The built-in table extended by user aliases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outlets {
    user: BTreeMap<String, String>,
}

impl Outlets {
    /// Reads `alias<TAB>name` lines; blank lines and lines starting with `#`
    /// are skipped.
    pub fn from_tsv(text: &str, origin: &str) -> Result<Outlets, IngestError> {
        let mut user = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (alias, name) = line
                .split_once('\t')
                .map(|(a, b)| (a.trim(), b.trim()))
                .filter(|(a, b)| !key(a).is_empty() && !b.is_empty())
                .ok_or_else(|| {
                    IngestError::new(origin, format!("line {}: expected alias<TAB>name", n + 1))
                })?;
            user.insert(key(alias), name.to_string());
        }
        Ok(Outlets { user })
    }

    /// Loads a user file of aliases (see [`Outlets::from_tsv`]).
    pub fn load_tsv(path: &Path) -> Result<Outlets, IngestError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| IngestError::new(&origin, e.to_string()))?;
        Outlets::from_tsv(&text, &origin)
    }

    /// The name for an alias: the user's (for a host name, the user's name
    /// of its site), else the built-in, else as written.
    pub fn normalise(&self, name: &str) -> String {
        let site = site(name);
        let user = [Some(name), site].into_iter().flatten().find_map(|alias| self.user.get(&key(alias)));
        user.cloned().unwrap_or_else(|| built_in(name, site))
    }

    /// Normalises a draft's outlet, credited outlet and citations.
    pub fn apply_to(&self, draft: &mut Draft) {
        for slot in [&mut draft.outlet, &mut draft.credited_to] {
            if let Some(name) = slot.as_mut() {
                *name = self.normalise(name);
            }
        }
        // An outlet's own name in its dateline (`HONOLULU (HawaiiNewsNow) -`
        // on hawaiinewsnow.com) credits no one else; an agency's own copy is
        // the agency's wherever it is grouped (a wire copy group is named
        // after the agency it credits).
        if let Some(outlet) = &draft.outlet {
            if AGENCIES.contains(&outlet.as_str()) {
                draft.credited_to = Some(outlet.clone());
            } else if let Some(credited) = &draft.credited_to {
                let host = site(outlet).map(|site| site.split('.').next().unwrap_or(site));
                if key(outlet) == key(credited) || host.is_some_and(|host| key(host) == key(credited)) {
                    draft.credited_to = None;
                }
            }
        }
        let mut cites: Vec<String> = Vec::new();
        for cite in draft.cites.drain(..) {
            let cite = self.normalise(&cite);
            if !cites.contains(&cite) {
                cites.push(cite);
            }
        }
        draft.cites = cites;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_by_key() {
        assert!(BUILT_IN.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(BUILT_IN.iter().all(|(a, _)| key(a) == *a));
    }

    #[test]
    fn aliases_map_to_one_name() {
        assert_eq!(normalise_outlet("ELPAIS"), "El País");
        assert_eq!(normalise_outlet("El País"), "El País");
        assert_eq!(normalise_outlet("the Financial Times"), "Financial Times");
        assert_eq!(normalise_outlet("AP"), "Associated Press");
        assert_eq!(normalise_outlet("Meridian Press"), "Meridian Press");
        assert_eq!(known_outlet("Thessaloniki Daily"), None);
    }

    #[test]
    fn host_names_are_their_sites() {
        for (host, name) in [
            ("articles.latimes.com", "Los Angeles Times"),
            ("latimes.com", "Los Angeles Times"),
            ("www.nytimes.com", "The New York Times"),
            ("news.bbc.co.uk", "BBC"),
            ("edition.cnn.com", "CNN"),
            ("sport.calen-observer.example", "calen-observer.example"),
            ("www.smh.com.au", "smh.com.au"),
            ("aldmoor-courier.example", "aldmoor-courier.example"),
            ("Meridian Press", "Meridian Press"),
            ("U.S.", "U.S."),
            ("alice.substack.com", "alice.substack.com"),
            ("joyofsox.blogspot.nl", "joyofsox.blogspot.nl"),
            ("www.kennedy.blogspot.co.uk", "kennedy.blogspot.co.uk"),
            ("abcnews.go.com", "ABC News"),
            ("independent.ie", "independent.ie"),
            ("guardian.ng", "guardian.ng"),
        ] {
            assert_eq!(normalise_outlet(host), name, "{host}");
        }
        let outlets = Outlets::from_tsv("calen-observer.example\tCalen Observer\n", "aliases.tsv").unwrap();
        assert_eq!(outlets.normalise("sport.calen-observer.example"), "Calen Observer");
    }

    #[test]
    fn user_file_extends_and_overrides() {
        let outlets =
            Outlets::from_tsv("# aliases\nMERIDIAN\tMeridian Press\nAP\tAP\n", "aliases.tsv").unwrap();
        assert_eq!(outlets.normalise("Meridian"), "Meridian Press");
        assert_eq!(outlets.normalise("AP"), "AP");
        assert_eq!(outlets.normalise("REUTERS"), "Reuters");
        let err = Outlets::from_tsv("no tab here\n", "aliases.tsv").unwrap_err();
        assert_eq!(err.to_string(), "aliases.tsv: line 1: expected alias<TAB>name");
    }

    #[test]
    fn an_outlet_credited_with_its_own_copy_credits_no_one_but_an_agency_itself() {
        let credited = |outlet: &str, credited: &str| {
            let mut draft =
                Draft { outlet: Some(outlet.into()), credited_to: Some(credited.into()), ..Draft::default() };
            Outlets::default().apply_to(&mut draft);
            draft.credited_to
        };
        assert_eq!(credited("hawaiinewsnow.com", "HawaiiNewsNow"), None);
        assert_eq!(credited("apnews.com", "AP").as_deref(), Some("Associated Press"));
        assert_eq!(credited("bigstory.ap.org", "").as_deref(), Some("Associated Press"));
        assert_eq!(credited("valleypost.example", "AP").as_deref(), Some("Associated Press"));
    }
}
