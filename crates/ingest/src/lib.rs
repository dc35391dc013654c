//! Readers: turn files on disk (or standard input) into [`Draft`]s.
//!
//! Input comes from crawlers, exports and hand-made folders, so nothing about
//! it is trusted: extensions lie, encodings are undeclared, files are
//! truncated or compressed. Each stage here therefore decides by content:
//! [`load`] reads bytes (undoing gzip, enforcing size limits), [`read`] decodes
//! them to text, sniffs the format and hands them to the reader for plain
//! text, HTML or JSON. Failures never panic and never lose the good records
//! of a document: each comes back as an [`IngestError`] naming the input and
//! the reason.
//!
//! Readers only extract; they do not repair damaged text (mojibake, stray
//! entities), which is the job of `corroborate-text` on the draft.

mod credits;
mod dates;
mod decode;
mod feed;
mod html;
mod json;
mod meta;
mod opml;
mod outlets;
mod paragraphs;
mod source;
mod text_file;
mod warc;

use std::path::{Path, PathBuf};

use corroborate_model::{Draft, RawDocument};

pub use credits::in_text_citations;
pub use credits::{credit_lines, Credits};
pub use dates::parse_date;
pub use feed::{feed_links, FeedLink};
pub use opml::{opml_feeds, FeedSource};
pub use outlets::{known_outlet, normalise_outlet, Outlets};
pub use warc::{read_warc, read_warc_from};

/// One failure, always naming the input and the reason; Display = "ORIGIN: REASON".
#[derive(Debug, Clone, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct IngestError {
    pub origin: String,
    pub reason: String,
}

impl IngestError {
    pub fn new(origin: impl Into<String>, reason: impl Into<String>) -> Self {
        IngestError { origin: origin.into(), reason: reason.into() }
    }
}

/// Expands paths (files, folders recursively, sorted by path for determinism;
/// hidden files and folders skipped) into files. A path that does not exist
/// gives an error. `-` (standard input) is passed through.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    source::discover(paths)
}

/// Reads a file (or stdin when the path is "-") into a RawDocument; gzip (by
/// magic bytes, not extension) is decompressed transparently; size limits apply.
pub fn load(path: &Path) -> Result<RawDocument, IngestError> {
    source::load(path, source::SIZE_LIMIT)
}

/// Decodes a document's bytes to text as the readers do (BOM, UTF-8, declared
/// or detected legacy charset), with a flag when it was not UTF-8.
pub fn decode_text(doc: &RawDocument) -> (String, Vec<corroborate_model::Flag>) {
    let looks_html = sniff_bytes(&doc.bytes) == Some(b'<');
    let decoded = decode::decode(&doc.bytes, doc.declared_charset.as_deref(), looks_html);
    (decoded.text, decoded.flags)
}

/// A record read, with the metadata a [`Draft`] has no field for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub draft: Draft,
    /// When the record was last modified, normalised like `published`.
    pub modified: Option<String>,
}

/// Parses a document into drafts. A document may hold many records (JSONL, a
/// JSON array, a feed): each record is Ok or Err on its own, so one bad line
/// never loses the good ones. Errors for a record name `origin:LINE`. Feed
/// items without text are not drafts: see [`feed_links`].
pub fn read(doc: &RawDocument) -> Vec<Result<Draft, IngestError>> {
    read_pages(doc).into_iter().map(|r| r.map(|page| page.draft)).collect()
}

/// Reads one JSON record already parsed (as a line of a JSONL file would be):
/// the same fields, dates and credit lines as [`read`] takes from a JSON file.
pub fn read_json_record(origin: &str, record: &serde_json::Value) -> Result<Draft, IngestError> {
    json::record(origin, "", record)
}

/// [`read`], keeping each record's modification date.
pub fn read_pages(doc: &RawDocument) -> Vec<Result<Page, IngestError>> {
    let origin = doc.origin.as_str();
    let bytes = match source::prepare(origin, &doc.bytes, source::SIZE_LIMIT) {
        Ok(bytes) => bytes,
        Err(e) => return vec![Err(e)],
    };
    let looks_html = sniff_bytes(&bytes) == Some(b'<');
    let decoded = decode::decode(&bytes, doc.declared_charset.as_deref(), looks_html);
    let text = unix_line_ends(decoded.text);
    if text.trim().is_empty() {
        return vec![Err(IngestError::new(origin, "empty file"))];
    }
    let plain = |r: Result<Draft, IngestError>| r.map(|draft| Page { draft, modified: None });
    let mut results = match sniff(origin, &text) {
        Format::Feed => feed::read(origin, &bytes),
        Format::Opml => {
            let reason = "an OPML list of feeds, not articles (poll it with `corroborate watch --feeds`)";
            vec![Err(IngestError::new(origin, reason))]
        }
        Format::Html => vec![html::read(origin, &text)],
        Format::Json => json::read(origin, &text, is_line_delimited(origin)).into_iter().map(plain).collect(),
        Format::Text => vec![plain(text_file::read(origin, &text))],
    };
    for page in results.iter_mut().flatten() {
        page.draft.flags.splice(0..0, decoded.flags.iter().cloned());
    }
    results
}

/// `text` with Windows and old Mac line ends made `\n`: readers find
/// structure by lines, which `\r` alone would hide. Most pages have none.
fn unix_line_ends(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[derive(Debug, PartialEq)]
enum Format {
    Text,
    Html,
    Feed,
    Opml,
    Json,
}

/// The first byte that is not whitespace or a UTF-8 byte order mark.
fn sniff_bytes(bytes: &[u8]) -> Option<u8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Decides the format by content; the extension only settles the one
/// ambiguous case, a text file whose first line starts with `{` or `[`.
fn sniff(origin: &str, text: &str) -> Format {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let lower: String = start.chars().take(512).collect::<String>().to_ascii_lowercase();
    if lower.starts_with('<') {
        return match first_element(&lower) {
            Some("rss" | "feed" | "rdf:rdf") => Format::Feed,
            Some("opml") => Format::Opml,
            _ => Format::Html,
        };
    }
    if start.starts_with('{') && start.contains("jsonfeed.org/version") && is_json_feed(start) {
        return Format::Feed;
    }
    if start.starts_with('{') || start.starts_with('[') {
        let claims_text = matches!(extension(origin).as_deref(), Some("txt" | "md" | "text"));
        let parses = || {
            let first_line = start.lines().next().unwrap_or("");
            serde_json::from_str::<serde_json::Value>(first_line).is_ok()
                || serde_json::from_str::<serde_json::Value>(start).is_ok()
        };
        if !claims_text || parses() {
            return Format::Json;
        }
    }
    Format::Text
}

/// A JSON object whose `version` is a JSON Feed version URL.
fn is_json_feed(text: &str) -> bool {
    let Ok(serde_json::Value::Object(object)) = serde_json::from_str(text) else { return false };
    object.get("version").and_then(|v| v.as_str()).is_some_and(|v| v.contains("jsonfeed.org/version"))
}

/// The name of the first element in markup, skipping declarations, processing
/// instructions and comments.
fn first_element(markup: &str) -> Option<&str> {
    markup.split('<').skip(1).find(|part| !part.starts_with(['!', '?'])).map(|part| {
        let end = part.find(|c: char| c.is_whitespace() || c == '>' || c == '/');
        &part[..end.unwrap_or(part.len())]
    })
}

/// The extension of an origin, lowercase, looking through a `.gz` suffix.
fn extension(origin: &str) -> Option<String> {
    let path = Path::new(origin);
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if ext == "gz" {
        let inner = Path::new(path.file_stem()?);
        return Some(inner.extension()?.to_str()?.to_ascii_lowercase());
    }
    Some(ext)
}

fn is_line_delimited(origin: &str) -> bool {
    matches!(extension(origin).as_deref(), Some("jsonl" | "ndjson"))
}

#[cfg(test)]
mod tests;
