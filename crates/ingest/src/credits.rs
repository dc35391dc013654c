//! Credit lines: the short lines at the top or bottom of an article that say
//! where it came from (`Credit: Meridian Press`, `(AFP)`, `Source: …`) or what
//! it relies on (`References: example.com`). They matter twice: they tell
//! which outlet is the independent source of a rewritten wire story, and they
//! are not part of the article's text, so they are taken out of the body.

use corroborate_model::Draft;

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
            _ => match agency(line) {
                Some(name) => set_first(&mut self.credited_to, name),
                None => return false,
            },
        }
        true
    }
}

fn set_first(slot: &mut Option<String>, value: String) {
    slot.get_or_insert(value);
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
            Some(outlet) if !outlet.eq_ignore_ascii_case(&source) => {
                draft.credited_to.get_or_insert(source);
            }
            Some(_) => {}
        }
    }
    for cite in credits.cites {
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
