//! Independence of sources: ten wire copies of one agency report are one source,
//! and an aggregator crediting another outlet counts as that outlet.

use crate::{Article, Source};

/// How the name of a source of no known outlet begins: `unknown (ID)`.
const UNKNOWN_OUTLET: &str = "unknown (";

impl Source {
    /// Whether no article of the source names or credits an outlet: it is
    /// told from the others only by its text.
    pub fn outlet_unknown(&self) -> bool {
        self.via.is_empty() && self.outlet.starts_with(UNKNOWN_OUTLET)
    }
}

/// The independent sources among `articles` (given in arrival order).
///
/// Articles are first grouped by wire-copy group; a group counts as the outlet
/// credited by any of its members, else the outlet of its earliest member.
/// Groups that resolve to the same outlet (compared case-insensitively) are one
/// source. An article without any outlet is a source of its own, named
/// `unknown (ID)`. Sources are ordered by number of articles, then name.
pub fn independent_sources<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<Source> {
    let articles: Vec<&Article> = articles.into_iter().collect();
    // Wire groups in order of first appearance.
    let mut groups: Vec<(String, Vec<&Article>)> = Vec::new();
    for a in &articles {
        let key = a.wire_group.clone().unwrap_or_else(|| a.id.clone());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(a),
            None => groups.push((key, vec![a])),
        }
    }
    let mut sources: Vec<Source> = Vec::new();
    for (_, members) in groups {
        let outlet = members
            .iter()
            .find_map(|a| a.credited_to.clone())
            .or_else(|| members.iter().find_map(|a| a.outlet.clone()))
            .unwrap_or_else(|| format!("{UNKNOWN_OUTLET}{})", &members[0].id[..members[0].id.len().min(8)]));
        let index = match sources.iter().position(|s| s.outlet.to_lowercase() == outlet.to_lowercase()) {
            Some(i) => i,
            None => {
                sources.push(Source { outlet, articles: Vec::new(), via: Vec::new() });
                sources.len() - 1
            }
        };
        let source = &mut sources[index];
        for a in members {
            source.articles.push(a.id.clone());
            if let Some(o) = &a.outlet {
                if !source.via.contains(o) {
                    source.via.push(o.clone());
                }
            }
        }
    }
    sources.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then_with(|| a.outlet.cmp(&b.outlet)));
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, outlet: Option<&str>, credited: Option<&str>, group: Option<&str>) -> Article {
        Article {
            id: id.into(),
            story: Some(1),
            wire_group: group.map(Into::into),
            title: String::new(),
            outlet: outlet.map(Into::into),
            url: None,
            published: None,
            authors: vec![],
            language: None,
            credited_to: credited.map(Into::into),
            cites: vec![],
            body: String::new(),
            sentences: vec![],
            repairs: vec![],
            flags: vec![],
            origin: String::new(),
        }
    }

    #[test]
    fn wire_copies_and_credits_collapse_to_one_source() {
        let a = [
            article("a1", Some("Harbor Times"), Some("Meridian Press"), Some("a1")),
            article("a2", Some("Valley Ledger"), None, Some("a1")),
            article("a3", Some("Daily Digest"), Some("meridian press"), None),
            article("a4", Some("The Courier"), None, None),
            article("a5", None, None, None),
        ];
        let sources = independent_sources(&a);
        assert_eq!(sources.len(), 3);
        assert_eq!(sources[0].outlet, "Meridian Press");
        assert_eq!(sources[0].articles, ["a1", "a2", "a3"]);
        assert_eq!(sources[0].via, ["Harbor Times", "Valley Ledger", "Daily Digest"]);
        assert!(sources.iter().any(|s| s.outlet == "The Courier"));
        assert!(sources.iter().any(|s| s.outlet.starts_with("unknown (a5") && s.outlet_unknown()));
    }
}
