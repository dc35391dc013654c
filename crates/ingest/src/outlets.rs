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
    ("afp", "AFP"),
    ("agencefrancepresse", "AFP"),
    ("agenciaefe", "EFE"),
    ("aljazeera", "Al Jazeera"),
    ("ansa", "ANSA"),
    ("ap", "Associated Press"),
    ("apnews", "Associated Press"),
    ("associatedpress", "Associated Press"),
    ("bbc", "BBC"),
    ("bbcnews", "BBC"),
    ("bloomberg", "Bloomberg"),
    ("bloombergnews", "Bloomberg"),
    ("cbsnews", "CBS News"),
    ("cnn", "CNN"),
    ("corrieredellasera", "Corriere della Sera"),
    ("deutschepresseagentur", "dpa"),
    ("deutschewelle", "Deutsche Welle"),
    ("dpa", "dpa"),
    ("dw", "Deutsche Welle"),
    ("economist", "The Economist"),
    ("efe", "EFE"),
    ("elmundo", "El Mundo"),
    ("elpais", "El País"),
    ("elpaís", "El País"),
    ("europapress", "Europa Press"),
    ("financialtimes", "Financial Times"),
    ("foxnews", "Fox News"),
    ("ft", "Financial Times"),
    ("guardian", "The Guardian"),
    ("kyodo", "Kyodo News"),
    ("kyodonews", "Kyodo News"),
    ("larepubblica", "la Repubblica"),
    ("lavanguardia", "La Vanguardia"),
    ("lefigaro", "Le Figaro"),
    ("lemonde", "Le Monde"),
    ("nbcnews", "NBC News"),
    ("newyorktimes", "The New York Times"),
    ("npr", "NPR"),
    ("nyt", "The New York Times"),
    ("nytimes", "The New York Times"),
    ("politico", "Politico"),
    ("reuters", "Reuters"),
    ("rianovosti", "RIA Novosti"),
    ("spiegel", "Der Spiegel"),
    ("tass", "TASS"),
    ("thomsonreuters", "Reuters"),
    ("upi", "UPI"),
    ("wallstreetjournal", "The Wall Street Journal"),
    ("washingtonpost", "The Washington Post"),
    ("wsj", "The Wall Street Journal"),
    ("xinhua", "Xinhua"),
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

/// The built-in name for an alias, if the table has it.
pub fn known_outlet(alias: &str) -> Option<&'static str> {
    let k = key(alias);
    BUILT_IN.binary_search_by(|(a, _)| (*a).cmp(k.as_str())).ok().map(|i| BUILT_IN[i].1)
}

/// The built-in outlet name for `name`, or `name` as written.
pub fn normalise_outlet(name: &str) -> String {
    known_outlet(name).map_or_else(|| name.to_string(), str::to_string)
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

    /// The name for an alias: the user's, else the built-in, else as written.
    pub fn normalise(&self, name: &str) -> String {
        match self.user.get(&key(name)) {
            Some(n) => n.clone(),
            None => normalise_outlet(name),
        }
    }

    /// Normalises a draft's outlet, credited outlet and citations.
    pub fn apply_to(&self, draft: &mut Draft) {
        for slot in [&mut draft.outlet, &mut draft.credited_to] {
            if let Some(name) = slot.as_mut() {
                *name = self.normalise(name);
            }
        }
        let mut cites: Vec<String> = Vec::new();
        for cite in draft.cites.drain(..) {
            let cite = if cite.contains('.') { cite } else { self.normalise(&cite) };
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
    fn user_file_extends_and_overrides() {
        let outlets =
            Outlets::from_tsv("# aliases\nMERIDIAN\tMeridian Press\nAP\tAP\n", "aliases.tsv").unwrap();
        assert_eq!(outlets.normalise("Meridian"), "Meridian Press");
        assert_eq!(outlets.normalise("AP"), "AP");
        assert_eq!(outlets.normalise("REUTERS"), "Reuters");
        let err = Outlets::from_tsv("no tab here\n", "aliases.tsv").unwrap_err();
        assert_eq!(err.to_string(), "aliases.tsv: line 1: expected alias<TAB>name");
    }
}
