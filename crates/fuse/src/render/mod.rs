//! Writing a brief out: Markdown for reading, HTML for sharing, JSON for programs.
//!
//! All three show the same sections in the same order and number the
//! articles the same way, so a citation marker `[3]` means the third article
//! everywhere. Output depends only on the brief, byte for byte.

use std::collections::BTreeMap;
use std::str::FromStr;

use corroborate_model::{Brief, Citation, Source};

mod html;
mod markdown;

pub use html::{escape, html};
pub use markdown::markdown;

/// The brief as pretty-printed JSON: the project's JSON contract.
pub fn json(b: &Brief) -> String {
    serde_json::to_string_pretty(b).expect("a brief always serializes")
}

/// An output format of a brief.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    pub fn render(self, b: &Brief) -> String {
        match self {
            Format::Markdown => markdown(b),
            Format::Html => html(b),
            Format::Json => json(b),
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            other => Err(format!("unknown format `{other}` (expected markdown, html or json)")),
        }
    }
}

/// Article numbers (from 1, in the order the brief lists articles) by id.
struct Numbers<'a>(BTreeMap<&'a str, usize>);

impl<'a> Numbers<'a> {
    fn new(b: &'a Brief) -> Self {
        Numbers(b.story.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), i + 1)).collect())
    }

    /// Distinct article numbers of citations, in order of first citation.
    fn of(&self, citations: &[Citation]) -> Vec<usize> {
        self.of_ids(citations.iter().map(|c| c.article.as_str()))
    }

    fn of_ids<'i>(&self, ids: impl IntoIterator<Item = &'i str>) -> Vec<usize> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(&n) = self.0.get(id) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        out
    }
}

/// The outlet of article number `n`, or `unknown outlet`.
fn outlet(b: &Brief, n: usize) -> &str {
    b.story.articles[n - 1].outlet.as_deref().unwrap_or("unknown outlet")
}

/// The line of counts under the title.
fn counts(b: &Brief) -> String {
    let s = &b.story;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "{}, {}",
        plural(s.articles.len(), "article"),
        plural(s.independent_outlets, "independent source")
    );
    // Articles that name no outlet are told apart only by their text.
    let unknown = b.sources.iter().filter(|source| source.outlet_unknown()).count();
    if unknown > 0 {
        line.push_str(&format!(" ({unknown} of them of unknown outlet)"));
    }
    // Days, whether or not a time is known at either end.
    let day = |date: &String| date.get(..10).unwrap_or(date).to_string();
    match (s.first_published.as_ref().map(day), s.last_published.as_ref().map(day)) {
        (Some(f), Some(l)) if f != l => line.push_str(&format!(", {f} to {l}")),
        (Some(f), _) => line.push_str(&format!(", {f}")),
        _ => {}
    }
    line
}

/// How many of a source's articles are wire copies and how many credit another outlet.
fn source_stats(b: &Brief, s: &Source) -> (usize, usize) {
    let arts = b.story.articles.iter().filter(|a| s.articles.contains(&a.id));
    let mut copies = 0;
    let mut credited = 0;
    for a in arts {
        let copy_of_other = b.story.wire_groups.iter().any(|g| g.contains(&a.id) && g[0] != a.id);
        copies += usize::from(copy_of_other);
        credited += usize::from(a.credited_to.is_some());
    }
    (copies, credited)
}

/// Most entities listed in the human-readable formats.
const ENTITIES_SHOWN: usize = 12;
/// Quotes a rendered brief lists; the JSON brief holds them all.
const QUOTES_SHOWN: usize = 12;
