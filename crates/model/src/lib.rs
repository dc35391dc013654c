//! Shared types of corroborate: what crosses the boundaries between stages.
//!
//! Data flows `RawDocument` → `Draft` (what a reader found) → `Article` (clean
//! text, repairs, sentences) → story membership → `Brief`. Every span in these
//! types is a byte range into the article's clean `body`, so any claim can be
//! shown highlighted in its source.
//!
//! The serialized form of these types is the project's JSON contract; the
//! schema in `docs/json-schema.json` is generated from them (see [`schema`]).
//! Fields may be added; existing fields are never renamed or removed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod brief;
mod sources;
pub use brief::*;
pub use sources::independent_sources;

/// Stable identifier of an article: a hex content hash.
pub type ArticleId = String;
/// Identifier of a story, assigned in order of creation.
pub type StoryId = i64;

/// A half-open byte range `[start, end)` into a text.
#[derive(
    Serialize, Deserialize, JsonSchema, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The text this span covers, if it lies on character boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }
}

/// Bytes as a reader received them, with what is known about them.
#[derive(Clone, Debug, Default)]
pub struct RawDocument {
    /// Path, URL, or `-` for standard input.
    pub origin: String,
    pub bytes: Vec<u8>,
    /// Charset declared by a transport (HTTP header, feed), if any.
    pub declared_charset: Option<String>,
}

/// What a reader extracted from one record, before text repair.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// Where the record came from: a path, `path:LINE` for JSONL, or a URL.
    pub origin: String,
    pub title: Option<String>,
    /// Body text, paragraphs separated by a blank line.
    pub body: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    /// ISO 8601: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` (UTC).
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// ISO 639-1 code when known.
    pub language: Option<String>,
    /// The outlet this record credits as its origin (`Credited from: X`).
    pub credited_to: Option<String>,
    /// Outlets or sites this record cites (`Reference(s): example.com`).
    pub cites: Vec<String>,
    pub flags: Vec<Flag>,
}

/// One change made by text repair.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    pub kind: RepairKind,
    /// Span in the text before repair.
    pub before_span: Span,
    /// Span in the repaired text.
    pub after_span: Span,
    pub before: String,
    pub after: String,
}

#[derive(Serialize, Deserialize, JsonSchema, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum RepairKind {
    /// UTF-8 decoded as a legacy single-byte encoding (`â€™` → `’`).
    Mojibake,
    /// Mojibake whose continuation bytes were lost; the character was inferred from context.
    LossyMojibake,
    /// An HTML character reference left in text (`&amp;`).
    HtmlEntity,
    /// C0/C1 control characters removed or mapped.
    ControlChar,
    /// Zero-width or invisible characters removed.
    Invisible,
    /// Non-breaking or unusual spaces, runs of spaces.
    Whitespace,
    /// `\r\n` and `\r` line breaks unified.
    LineBreak,
    /// Ligatures and fullwidth forms replaced by their plain letters.
    Compatibility,
    /// Unicode canonical composition (NFC).
    Normalization,
}

/// Something that looks wrong but was left alone, or a fact worth knowing about
/// how the text was obtained.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub kind: FlagKind,
    pub message: String,
    /// Span in the clean body, when the flag is about a place in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Flag {
    pub fn new(kind: FlagKind, message: impl Into<String>) -> Self {
        Flag { kind, message: message.into(), span: None }
    }
    pub fn at(kind: FlagKind, message: impl Into<String>, span: Span) -> Self {
        Flag { kind, message: message.into(), span: Some(span) }
    }
}

#[derive(Serialize, Deserialize, JsonSchema, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// The input was not UTF-8 and was decoded from a legacy encoding.
    LegacyEncoding,
    /// Text looks damaged (mojibake) but no safe repair was found.
    SuspectMojibake,
    /// A lossy repair was possible but the evidence was ambiguous.
    AmbiguousRepair,
    /// Invalid byte sequences replaced by U+FFFD.
    InvalidBytes,
    /// No title was found; one was derived from the body.
    MissingTitle,
    /// The body is very short.
    ShortBody,
    /// The date could not be parsed.
    UnparsedDate,
    /// The page gave no date: the date is when a web archive fetched it,
    /// which may be long after it was published.
    CaptureDate,
    /// Other text-quality observations.
    TextQuality,
}

/// An article after repair: the unit stored and clustered.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Article {
    pub id: ArticleId,
    /// The story it belongs to, once assigned.
    pub story: Option<StoryId>,
    /// Id of the first article of its wire-copy group (itself when it heads one).
    pub wire_group: Option<ArticleId>,
    pub title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub credited_to: Option<String>,
    pub cites: Vec<String>,
    /// Clean body: repaired, NFC, normalized whitespace; spans refer to it.
    pub body: String,
    pub sentences: Vec<Span>,
    pub repairs: Vec<Repair>,
    pub flags: Vec<Flag>,
    /// Where the article was read from.
    pub origin: String,
}

impl Article {
    /// The outlet that counts as this article's independent source: the credited
    /// outlet when it credits one, else its own outlet.
    pub fn source_outlet(&self) -> Option<&str> {
        self.credited_to.as_deref().or(self.outlet.as_deref())
    }
    /// The text of sentence `i`.
    pub fn sentence(&self, i: usize) -> &str {
        let s = self.sentences[i];
        &self.body[s.start..s.end]
    }
}

/// A story as listed: one event and the articles reporting it.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct StorySummary {
    pub id: StoryId,
    pub title: String,
    pub articles: usize,
    /// Independent sources: wire copies count once, credited outlets count as the outlet credited.
    pub independent_outlets: usize,
    pub outlets: Vec<String>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
}

/// What extraction finds in one article; stored with it.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub quotes: Vec<QuoteMention>,
}

/// A named-entity mention in an article.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Mention {
    pub text: String,
    pub kind: EntityKind,
    pub span: Span,
    /// A title or role written before the name (`Foreign Minister`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_span: Option<Span>,
}

#[derive(Serialize, Deserialize, JsonSchema, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityKind {
    /// Its name in lower case, as the JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// Quoted speech in one article.
#[derive(Serialize, Deserialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct QuoteMention {
    /// The quoted words, without the quote marks.
    pub text: String,
    pub span: Span,
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
}

/// The JSON schema of the brief and of the article listing.
pub fn schema() -> serde_json::Value {
    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Contract {
        brief: Brief,
        article: Article,
        story: StorySummary,
    }
    serde_json::to_value(schemars::schema_for!(Contract)).expect("schema serializes")
}
