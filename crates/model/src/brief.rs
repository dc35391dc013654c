//! The brief: what corroborate tells about one story, every statement cited.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{ArticleId, EntityKind, Flag, Repair, StoryId};

/// The brief of one story: the `show --format json` document.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Brief {
    pub story: StoryInfo,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub claims: Vec<Claim>,
    pub conflicts: Vec<Conflict>,
    /// The brief proper: sentences taken from the sources, each with citations.
    pub brief: Vec<BriefSentence>,
    /// Independent sources, after wire-copy grouping and credit tracing.
    pub sources: Vec<Source>,
}

#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct StoryInfo {
    pub id: StoryId,
    pub title: String,
    pub articles: Vec<ArticleRef>,
    /// Groups of wire copies (two or more articles that are copies of one text).
    pub wire_groups: Vec<Vec<ArticleId>>,
    pub independent_outlets: usize,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
}

/// An article as listed in a brief.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct ArticleRef {
    pub id: ArticleId,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub credited_to: Option<String>,
    pub cites: Vec<String>,
    pub repairs: Vec<Repair>,
    pub flags: Vec<Flag>,
    pub wire_group: Option<ArticleId>,
}

/// A byte span of an article's clean body that supports a statement.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Citation {
    pub article: ArticleId,
    pub start: usize,
    pub end: usize,
}

/// A named thing, with the spellings used for it.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<Alias>,
    pub articles: Vec<ArticleId>,
}

#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Alias {
    pub name: String,
    pub articles: Vec<ArticleId>,
}

#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
    pub articles: Vec<ArticleId>,
    pub citations: Vec<Citation>,
}

#[derive(Serialize, Deserialize, JsonSchema, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimStatus {
    Corroborated,
    Disputed,
    SingleSource,
}

/// A statement and how the independent sources stand on it.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Claim {
    pub text: String,
    pub status: ClaimStatus,
    /// Number of independent sources carrying it.
    pub independent_sources: usize,
    pub sources: Vec<Citation>,
}

/// Sources giving different values for the same attribute of the same subject.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Conflict {
    pub subject: String,
    pub attribute: String,
    pub values: Vec<ConflictValue>,
}

#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct ConflictValue {
    pub value: String,
    pub articles: Vec<ArticleId>,
    pub citations: Vec<Citation>,
}

/// One sentence of the brief.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct BriefSentence {
    pub text: String,
    pub citations: Vec<Citation>,
    /// Number of independent sources carrying the sentence.
    pub independent_sources: usize,
}

/// An independent source of a story.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Source {
    /// The outlet that counts as the source.
    pub outlet: String,
    /// Articles that trace back to it (its own, wire copies, and articles crediting it).
    pub articles: Vec<ArticleId>,
    /// Outlets that published those articles.
    pub via: Vec<String>,
}
