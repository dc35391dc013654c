//! The gold file: per story, the conflicts a careful reader finds between
//! independent sources, the claims they corroborate, and who said each quote.
//!
//! ```json
//! { "articles": "articles.jsonl",
//!   "stories": [ { "story": "ferry",
//!     "conflicts": [ { "attribute": "number", "values": [
//!         { "value": "Twelve people", "articles": ["f1", "f2"] },
//!         { "value": "Fourteen people", "articles": ["f4"] } ] } ],
//!     "corroborated": [ { "claim": "The fire started in the engine room", "outlets": 2 } ],
//!     "quotes": [ { "quote": "The crew did exactly", "speaker": "Nadia Kresić" } ] } ] }
//! ```
//!
//! `articles` is a JSONL file, relative to the gold file, whose records carry
//! `id` and `story`. A conflict value lists every article that states it. A
//! corroborated claim is a statement carried by `outlets` independent
//! sources (wire copies and articles crediting an outlet count as that
//! outlet) with no detail that another source gives differently; `claim` is
//! words of it as any of its sources writes them. A quote is named by words
//! of it and its speaker's full name.

use anyhow::Context;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    pub articles: String,
    pub stories: Vec<Story>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub story: String,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub corroborated: Vec<Corroborated>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub attribute: String,
    pub values: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub value: String,
    pub articles: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corroborated {
    pub claim: String,
    pub outlets: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub quote: String,
    pub speaker: String,
}

pub fn load(path: &Path) -> anyhow::Result<Gold> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{}: not a fusion gold file", path.display()))
}
