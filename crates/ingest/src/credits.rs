//! Credit lines: the short lines at the top or bottom of an article that say
//! where it came from (`Credit: Meridian Press`, `Credited from: ELPAIS`,
//! `(AFP)`, `— AP`, `Source: …`) or what it relies on (`References:
//! example.com`). They matter twice: they tell which outlet is the
//! independent source of a rewritten wire story, and they are not part of the
//! article's text, so they are taken out of the body. A dateline
//! (`MADRID (Reuters) - The…`) credits its agency too, but starts the
//! article's first sentence and stays in the body.
//!
//! Outlet names are normalised through the built-in table of
//! [`outlets`](crate::outlets). Citations inside the text (`according to
//! Politico`, `told the BBC`) are found by [`in_text_citations`].

use std::sync::LazyLock;

use corroborate_model::Draft;

use crate::outlets::{known_outlet, normalise_outlet};
use crate::paragraphs;

/// What [`credit_lines`] found, and the body without those lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credits {
    /// The body with credit lines removed, runs of blank lines collapsed.
    pub body: String,
    /// From `Source: X`: the outlet, unless the record already names another.
    pub outlet: Option<String>,
    /// From `Credited from: X`, `Credit: X` or `(AGENCY)` alone on a line.
    pub credited_to: Option<String>,
    /// Domains or outlets listed by `Reference(s): …` / `References: …`.
    pub cites: Vec<String>,
}

/// Words that appear in parentheses alone on a line without naming anyone.
const NOT_AGENCIES: [&str; 14] = [
    "updated",
    "update",
    "corrected",
    "correction",
    "video",
    "photos",
    "photo",
    "opinion",
    "analysis",
    "live",
    "exclusive",
    "audio",
    "advertisement",
    "sponsored",
];

/// Finds credit lines among the first 3 and last 4 non-empty lines of `body`.
pub fn credit_lines(body: &str) -> Credits {
    let lines: Vec<&str> = body.lines().collect();
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect();
    let tail_start = filled.len().saturating_sub(4);
    let candidates = filled.iter().take(3).chain(filled.iter().skip(tail_start.max(3)));
    let mut credits = Credits::default();
    let mut removed = vec![false; lines.len()];
    for &i in candidates {
        removed[i] = credits.take_line(lines[i].trim());
    }
    if let Some(name) = filled.first().and_then(|&i| dateline(lines[i].trim())) {
        set_first(&mut credits.credited_to, name);
    }
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let blank = line.trim().is_empty();
        if removed[i] || (blank && kept.last().is_none_or(|l| l.trim().is_empty())) {
            continue;
        }
        kept.push(line);
    }
    credits.body = kept.join("\n").trim().to_string();
    credits
}

impl Credits {
    /// Records what a credit line says; `false` when it is not one.
    fn take_line(&mut self, line: &str) -> bool {
        let (label, value) = match line.split_once(':') {
            Some((label, value)) => (label.trim().to_ascii_lowercase(), value.trim()),
            None => (String::new(), ""),
        };
        match label.as_str() {
            "credited from" | "credit" | "credits" => match name(value) {
                Some(name) => set_first(&mut self.credited_to, name),
                None => return false,
            },
            "source" => match name(value) {
                Some(name) => set_first(&mut self.outlet, name),
                None => return false,
            },
            "reference" | "references" | "reference(s)" => {
                let cites = cited(value);
                if cites.is_empty() {
                    return false;
                }
                for cite in cites {
                    if !self.cites.contains(&cite) {
                        self.cites.push(cite);
                    }
                }
            }
            _ => match agency(line).or_else(|| signed(line)) {
                Some(name) => set_first(&mut self.credited_to, name),
                None => return false,
            },
        }
        true
    }
}

fn set_first(slot: &mut Option<String>, value: String) {
    slot.get_or_insert_with(|| normalise_outlet(&value));
}

/// Moves what a draft's body credits into its fields and normalises the body.
pub(crate) fn apply(draft: &mut Draft, raw_body: &str) {
    let credits = credit_lines(raw_body);
    if draft.credited_to.is_none() {
        draft.credited_to = credits.credited_to;
    }
    if let Some(source) = credits.outlet {
        match &draft.outlet {
            None => draft.outlet = Some(source),
            // Beside an outlet of its own, a record's `Source:` line credits
            // copy from another outlet, or else the data of a chart or photo
            // (`Source: NATO`), which is no source of the article.
            Some(outlet) if !outlet.eq_ignore_ascii_case(&source) && is_outlet(&source) => {
                draft.credited_to.get_or_insert(source);
            }
            Some(_) => {}
        }
    }
    for cite in credits.cites.into_iter().chain(in_text_citations(&credits.body)) {
        if !draft.cites.contains(&cite) {
            draft.cites.push(cite);
        }
    }
    draft.body = paragraphs::normalize(&credits.body);
}

/// A short name (an outlet, an agency) or the domain of a URL.
fn name(value: &str) -> Option<String> {
    let value = value.trim().trim_end_matches('.').trim();
    if value.contains("://") || value.starts_with("www.") {
        return domain(value);
    }
    let words = value.split_whitespace().count();
    (1..=8).contains(&words).then(|| paragraphs::collapse(value))
}

/// `(Meridian Press)`, `(AFP)`: one to six capitalised words, or an acronym.
fn agency(line: &str) -> Option<String> {
    let inner = line.strip_prefix('(')?.strip_suffix(')')?.trim();
    let words: Vec<&str> = inner.split_whitespace().collect();
    let plain = inner.chars().all(|c| c.is_alphabetic() || " &.'-".contains(c));
    if !plain || words.is_empty() || words.len() > 6 {
        return None;
    }
    if NOT_AGENCIES.contains(&inner.to_lowercase().as_str()) {
        return None;
    }
    let acronym = words.len() == 1 && inner.chars().count() <= 5;
    let capitalised = words
        .iter()
        .all(|w| w.starts_with(char::is_uppercase) || ["of", "and", "the", "for", "&"].contains(w));
    (acronym || capitalised).then(|| words.join(" "))
}

/// `— AP`, `- Reuters`: a dash and a known outlet (or an acronym) alone on a
/// line, the way agencies sign copy.
fn signed(line: &str) -> Option<String> {
    let name = line.strip_prefix(['—', '–', '-'])?.trim();
    let acronym = (2..=5).contains(&name.len()) && name.chars().all(|c| c.is_ascii_uppercase());
    (known_outlet(name).is_some() || acronym).then(|| name.to_string())
}

/// `MADRID (Reuters) - The…`, `(ANSA) - Rome…`: the agency of a dateline
/// opening the first line.
fn dateline(line: &str) -> Option<String> {
    let open = line.find('(')?;
    let place = &line[..open];
    // The city in capitals, then perhaps its state or country as written
    // (`HAYWARD, Calif.`, `ST. JOSEPH, Mich.`).
    let (city, region) = place.split_once(',').unwrap_or((place, ""));
    let plain = |part: &str| part.chars().all(|c| c.is_alphabetic() || " ,.'-/".contains(c));
    let place_ok = place.trim().is_empty()
        || !city.trim().is_empty()
            && !city.chars().any(char::is_lowercase)
            && plain(city)
            && plain(region)
            && region.split_whitespace().count() <= 3
            && region.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    let (inner, rest) = line[open + 1..].split_once(')')?;
    let rest = rest.trim_start();
    if !place_ok || place.len() > 40 || !rest.starts_with(['-', '—', '–']) {
        return None;
    }
    agency(&format!("({inner})"))
}

/// What introduces a citation of an outlet in running text.
const CITATION_CUES: [&str; 6] =
    ["according to ", "citing ", "told ", "reported by ", "quoted by ", "interview with "];

/// Words in names that mark an outlet rather than a person or a place.
const OUTLET_WORDS: [&str; 14] = [
    "News",
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Press",
    "Agency",
    "Radio",
    "Television",
    "Tribune",
    "Gazette",
    "Telegraph",
    "Daily",
    "Magazine",
];

/// Whether a name is an outlet's: one the table knows, one with a word like
/// `Press` or `Times` in it, or a site's address.
fn is_outlet(name: &str) -> bool {
    known_outlet(name).is_some()
        || name.split_whitespace().any(|w| OUTLET_WORDS.contains(&w))
        || domain(name).as_deref() == Some(name)
}

/// Outlets cited in running text (`according to Politico`, `citing Reuters
/// and the Financial Times`, `told the BBC`), normalised, in order of first
/// mention. Only names the outlet table knows, or that read as an outlet's
/// (`the Kensal Herald`), count: `according to John Smith` cites a person.
pub fn in_text_citations(body: &str) -> Vec<String> {
    static FINDERS: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        LazyLock::new(|| CITATION_CUES.iter().map(memchr::memmem::Finder::new).collect());
    let mut found: Vec<(usize, String)> = Vec::new();
    for (cue, finder) in CITATION_CUES.iter().zip(FINDERS.iter()) {
        for at in finder.find_iter(body.as_bytes()) {
            let start = at + cue.len();
            for name in cited_names(&body[start..]) {
                let outlet = known_outlet(&name)
                    .map(str::to_string)
                    .or_else(|| is_outlet(&name).then(|| name.clone()));
                found.extend(outlet.map(|o| (start, o)));
            }
        }
    }
    found.sort_by_key(|f| f.0);
    let mut outlets: Vec<String> = Vec::new();
    for (_, outlet) in found {
        if !outlets.contains(&outlet) {
            outlets.push(outlet);
        }
    }
    outlets
}

/// The capitalised names at the start of `text`, joined by `,`, `and`, `or`:
/// `Reuters and the Financial Times said` → `Reuters`, `Financial Times`.
fn cited_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for raw in text.split_whitespace().take(16) {
        let word = raw.trim_end_matches([',', '.', ';', ':', '’', '\'', '"', ')']);
        let word = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word);
        let capital = word.starts_with(char::is_uppercase);
        let joiner = matches!(word, "and" | "or");
        if capital && current.len() < 6 {
            current.push(word);
        } else if word == "the" && current.is_empty()
            || matches!(word, "of" | "de" | "del") && !current.is_empty()
        {
            if !current.is_empty() {
                current.push(word);
            }
        } else if joiner && !current.is_empty() {
            names.push(current.join(" "));
            current.clear();
            continue;
        } else {
            break;
        }
        if raw.ends_with([',', '.', ';', ':', ')']) {
            names.push(current.join(" "));
            current.clear();
            if !raw.ends_with(',') {
                break;
            }
        }
    }
    if !current.is_empty() {
        names.push(current.join(" "));
    }
    names.into_iter().filter(|n| !n.is_empty()).collect()
}

/// Domains named in a references list, or else the outlets it lists by name.
fn cited(value: &str) -> Vec<String> {
    let mut domains: Vec<String> = Vec::new();
    for token in value.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        if let Some(d) = domain(token) {
            if !domains.contains(&d) {
                domains.push(d);
            }
        }
    }
    if !domains.is_empty() {
        return domains;
    }
    value
        .split([',', ';'])
        .filter_map(|item| name(item).filter(|n| n.split_whitespace().count() <= 6))
        .collect()
}

/// `https://www.example.com/x` or `example.com` → `example.com`.
pub(crate) fn domain(token: &str) -> Option<String> {
    let token = token.trim().trim_matches(|c: char| "()[]<>\"'".contains(c));
    let rest = token.split_once("://").map_or(token, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?.trim_end_matches('.').to_ascii_lowercase();
    let host = host.split(':').next()?.trim_start_matches("www.");
    let labels: Vec<&str> = host.split('.').collect();
    let valid = labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    valid.then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_lines_name_normalised_outlets() {
        let c = credit_lines("Credited from: ELPAIS\n\nThe council met on Monday.\n\n— AP");
        assert_eq!(c.credited_to.as_deref(), Some("El País"));
        assert_eq!(c.body, "The council met on Monday.");
        let c = credit_lines("(ANSA)\n\nThe council met.\n\nSource: REUTERS");
        assert_eq!(c.credited_to.as_deref(), Some("ANSA"));
        assert_eq!(c.outlet.as_deref(), Some("Reuters"));
        let c =
            credit_lines("The council met.\n\nReference(s): see https://www.example.com/a and example.org");
        assert_eq!(c.cites, ["example.com", "example.org"]);
    }

    #[test]
    fn datelines_credit_their_agency_and_stay() {
        let c = credit_lines("MADRID (Reuters) - The council met on Monday.\n\nIt voted.");
        assert_eq!(c.credited_to.as_deref(), Some("Reuters"));
        assert!(c.body.starts_with("MADRID (Reuters) - The council"));
        let c = credit_lines("Madrid (the mayor said) - no.");
        assert_eq!(c.credited_to, None);
        // AP's datelines give the state or country after the city.
        for line in ["HAYWARD, Calif. (AP) — A man", "ST. JOSEPH, Mich. (AP) — The", "(ANSA) - Rome"] {
            let c = credit_lines(&format!("{line} met the council on Monday.\n\nIt voted."));
            assert!(c.credited_to.is_some(), "{line}");
        }
        let c = credit_lines("HAYWARD, Calif. (AP) — A man met the council.");
        assert_eq!(c.credited_to.as_deref(), Some("Associated Press"));
        for line in ["Hayward, said the mayor (AP) — no", "HAYWARD, in a long speech today (AP) — no"] {
            assert_eq!(credit_lines(line).credited_to, None, "{line}");
        }
    }

    #[test]
    fn in_text_citations_are_outlets() {
        let body = "The plan failed, according to Politico. Officials, citing Reuters and the \
                    Financial Times, disagreed. The minister told the BBC she would stay, \
                    according to John Smith and the Kensal Herald.";
        assert_eq!(
            in_text_citations(body),
            ["Politico", "Reuters", "Financial Times", "BBC", "Kensal Herald"]
        );
        assert!(in_text_citations("according to the mayor, nothing changed").is_empty());
    }
}
