//! Readers: turn files on disk (or standard input) into [`Draft`]s.
//!
//! Input comes from crawlers, exports and hand-made folders, so nothing about
//! it is trusted: extensions lie, encodings are undeclared, files are
//! truncated or compressed. Each stage here therefore decides by content:
//! [`load`] reads bytes (undoing gzip, enforcing size limits), [`read`] decodes
//! them to text, sniffs the format and hands them to the reader for plain
//! text, HTML, JSON or feeds (a web archive, known by its first record, goes
//! to the WARC reader undecoded). Failures never panic and never lose the
//! good records of a document: each comes back as an [`IngestError`] naming
//! the input and the reason.
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
pub use feed::{feed_articles, feed_links, FeedLink};
pub use meta::language_code;
pub use opml::{opml_feeds, FeedSource};
pub use outlets::{known_outlet, normalise_outlet, outlet_filter, Outlets};
pub use source::Discovered;
pub use warc::{read_warc, read_warc_from};

/// One failure, always naming the input and the reason; Display = "ORIGIN: REASON".
#[derive(Debug, Clone, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct IngestError {
    pub origin: String,
    pub reason: String,
}

/// The reason given for an input with nothing but whitespace in it.
const EMPTY: &str = "empty file";

impl IngestError {
    pub fn new(origin: impl Into<String>, reason: impl Into<String>) -> Self {
        IngestError { origin: origin.into(), reason: reason.into() }
    }

    pub(crate) fn empty(origin: impl Into<String>) -> Self {
        Self::new(origin, EMPTY)
    }

    /// Whether the input had nothing in it: an error for a reader, an empty
    /// text for a filter such as `repair`.
    pub fn is_empty_input(&self) -> bool {
        self.reason == EMPTY
    }
}

/// Expands paths (files, folders recursively, sorted by path for determinism;
/// hidden files and folders skipped) into files. A path that does not exist
/// gives an error. `-` (standard input) is passed through. Files in folders
/// of kinds that hold no articles (annotations, tables, images, …) are
/// listed apart, in [`Discovered::skipped`].
pub fn discover(paths: &[PathBuf]) -> Discovered {
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
/// items without text are not drafts: see [`feed_links`]; a feed file of
/// nothing else is an error.
pub fn read(doc: &RawDocument) -> Vec<Result<Draft, IngestError>> {
    read_pages(doc).into_iter().map(|r| r.map(|page| page.draft)).collect()
}

/// Longest body of one article. News articles rarely pass 100 KiB; a text
/// of megabytes in one record is a book, a dump or a log, and the entity and
/// quote analysis of one article grows faster than its length.
pub const MAX_ARTICLE_BYTES: usize = 1 << 20;

/// Why a body of `len` bytes is refused, if it is (see [`MAX_ARTICLE_BYTES`]).
pub fn article_too_long(len: usize) -> Option<String> {
    (len > MAX_ARTICLE_BYTES).then(|| {
        format!(
            "an article of {:.1} MiB; one article may hold at most {} MiB of text",
            len as f64 / f64::from(1 << 20),
            MAX_ARTICLE_BYTES >> 20
        )
    })
}

/// The bytes of an input as the readers take them: gzip decompressed, and
/// refused when empty, binary, or larger than `limit` bytes before or after
/// decompression (a reason that starts with `too large`).
pub fn prepare_bytes(origin: &str, bytes: &[u8], limit: u64) -> Result<Vec<u8>, IngestError> {
    source::prepare(origin, bytes, limit).map(std::borrow::Cow::into_owned)
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
        Err(e) if e.reason == source::TRUNCATED_GZIP => return records_before_the_cut(origin, &doc.bytes, e),
        Err(e) => return vec![Err(e)],
    };
    // A web archive that came whole: from standard input, or named other
    // than `.warc`, the files callers stream with `read_warc` instead.
    if warc::is_warc(&bytes) {
        return warc::read_in_memory(origin, &bytes);
    }
    read_prepared(origin, &bytes, doc.declared_charset.as_deref())
}

/// A gzipped file of JSON lines cut short: the whole lines before the cut
/// are records like any others, and the cut is an error. Any other input cut
/// short is only the error: a page or a text without its end is no article.
fn records_before_the_cut(origin: &str, gzipped: &[u8], cut: IngestError) -> Vec<Result<Page, IngestError>> {
    let prefix = source::gzip_prefix(gzipped, source::SIZE_LIMIT);
    let whole_lines = &prefix[..prefix.iter().rposition(|&b| b == b'\n').map_or(0, |end| end + 1)];
    let Ok(bytes) = source::prepare(origin, whole_lines, source::SIZE_LIMIT) else { return vec![Err(cut)] };
    let text = String::from_utf8_lossy(&bytes);
    if sniff(origin, &text) != Format::JsonLines {
        return vec![Err(cut)];
    }
    let mut results = read_prepared(origin, &bytes, None);
    let reason = format!("{}: the records of the lines before the cut are read", source::TRUNCATED_GZIP);
    results.push(Err(IngestError::new(origin, reason)));
    results
}

/// [`read_pages`] of bytes already through [`source::prepare`] and known not
/// to be a web archive (so the pages of an archive never nest another).
fn read_prepared(
    origin: &str,
    bytes: &[u8],
    declared_charset: Option<&str>,
) -> Vec<Result<Page, IngestError>> {
    let looks_html = sniff_bytes(bytes) == Some(b'<');
    let decoded = decode::decode(bytes, declared_charset, looks_html);
    let text = without_crlf(decoded.text);
    if text.trim().is_empty() {
        return vec![Err(IngestError::empty(origin))];
    }
    let plain = |r: Result<Draft, IngestError>| r.map(|draft| Page { draft, modified: None });
    let format = sniff(origin, &text);
    // A lone `\r` is white space inside a JSON record, where a line end
    // would cut it in two; in every other format it ends a line.
    let text = match format {
        Format::Json | Format::JsonLines => text,
        _ => unix_line_ends(text),
    };
    // A JSON record settles its title as it is read (its text may give the headline).
    let titles_settled = matches!(format, Format::Json | Format::JsonLines);
    let mut results = match format {
        Format::Feed => feed::read(origin, bytes),
        Format::Opml => {
            let reason = "an OPML list of feeds, not articles (poll it with `corroborate watch --feeds`)";
            vec![Err(IngestError::new(origin, reason))]
        }
        Format::Html => vec![html::read(origin, &text)],
        Format::Json => json::read(origin, &text, false).into_iter().map(plain).collect(),
        Format::JsonLines => json::read(origin, &text, true).into_iter().map(plain).collect(),
        // A text file is one article: one too long is refused before it is read.
        Format::Text => match article_too_long(text.len()) {
            Some(reason) => vec![Err(IngestError::new(origin, reason))],
            None => vec![plain(text_file::read(origin, &text))],
        },
        Format::Refused(reason) => vec![Err(IngestError::new(origin, reason))],
    };
    for page in results.iter_mut().flatten() {
        page.draft.flags.splice(0..0, decoded.flags.iter().cloned());
        if !titles_settled {
            dates::stamp_as_title(&mut page.draft);
        }
    }
    results
}

/// `text` with Windows line ends made `\n`. Most pages have none.
fn without_crlf(text: String) -> String {
    if memchr::memmem::find(text.as_bytes(), b"\r\n").is_none() {
        return text;
    }
    text.replace("\r\n", "\n")
}

/// `text` with old Mac line ends (`\r` alone) made `\n` too: readers find
/// structure by lines, which `\r` alone would hide.
fn unix_line_ends(text: String) -> String {
    let text = without_crlf(text);
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    text.replace('\r', "\n")
}

#[derive(Debug, PartialEq)]
enum Format {
    Text,
    Html,
    Feed,
    Opml,
    Json,
    /// One JSON record per line.
    JsonLines,
    /// Not read, for the reason given.
    Refused(String),
}

/// The first byte that is not whitespace or a UTF-8 byte order mark.
fn sniff_bytes(bytes: &[u8]) -> Option<u8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Decides the format by content; the extension settles only the ambiguous
/// cases: a text file whose first line starts with `{` or `[`, and JSONL,
/// whose first line may be broken or a header like any other.
fn sniff(origin: &str, text: &str) -> Format {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') {
        return match root_element(start) {
            Some(name) => match name.to_ascii_lowercase().as_str() {
                "rss" | "feed" | "rdf:rdf" => Format::Feed,
                "opml" => Format::Opml,
                _ => Format::Html,
            },
            None if start.len() > PROLOG_LIMIT => {
                Format::Refused(format!("markup without an element in its first {} KiB", PROLOG_LIMIT >> 10))
            }
            None => Format::Html,
        };
    }
    if start.starts_with('{') && start.contains("jsonfeed.org/version") && is_json_feed(start) {
        return Format::Feed;
    }
    if is_line_delimited(origin) || looks_line_delimited(start) {
        return Format::JsonLines;
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

/// Whether most of the first few non-empty lines, and at least two, are JSON
/// objects: JSONL even when a line is broken (the first included). A JSON
/// document never has two lines that are whole objects without a comma.
fn looks_line_delimited(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(5).collect();
    let objects = lines
        .iter()
        .filter(|l| {
            l.starts_with('{')
                && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(l).is_ok()
        })
        .count();
    objects >= 2 && objects * 2 > lines.len()
}

/// A JSON object whose `version` is a JSON Feed version URL.
fn is_json_feed(text: &str) -> bool {
    let Ok(serde_json::Value::Object(object)) = serde_json::from_str(text) else { return false };
    object.get("version").and_then(|v| v.as_str()).is_some_and(|v| v.contains("jsonfeed.org/version"))
}

/// Bytes of markup looked through for the first element: the prolog before
/// it (a licence comment, a DOCTYPE with an internal subset) can be long, but
/// a document is not scanned without end for it.
const PROLOG_LIMIT: usize = 64 * 1024;

/// The name of the first element in markup, skipping the XML declaration,
/// processing instructions, comments and a DOCTYPE (whose internal subset
/// holds `<` and `>` of its own); empty when text comes first. `None` when no
/// element starts in the first [`PROLOG_LIMIT`] bytes.
fn root_element(markup: &str) -> Option<&str> {
    let head = &markup.as_bytes()[..markup.len().min(PROLOG_LIMIT)];
    let mut at = 0;
    loop {
        at += head[at..].iter().position(|b| !b.is_ascii_whitespace())?;
        let rest = &head[at..];
        at += if rest.starts_with(b"<!--") {
            find(rest, b"-->")? + 3
        } else if rest.starts_with(b"<?") {
            find(rest, b"?>")? + 2
        } else if rest.starts_with(b"<!") {
            declaration_end(rest)?
        } else {
            let name = rest.strip_prefix(b"<").unwrap_or_default();
            let end = name.iter().position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
            // The name ends at an ASCII byte, so both ends are char boundaries.
            return std::str::from_utf8(&name[..end.unwrap_or(name.len())]).ok();
        };
    }
}

/// The length of a `<!…>` declaration such as a DOCTYPE, through its closing
/// `>`: `>` inside quotes, comments or the internal subset `[…]` does not end it.
fn declaration_end(markup: &[u8]) -> Option<usize> {
    let (mut at, mut quote, mut subset) = (2, None, false);
    while let Some(&b) = markup.get(at) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'<') if markup[at..].starts_with(b"<!--") => at += find(&markup[at..], b"-->")? + 2,
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[') => subset = true,
            (None, b']') => subset = false,
            (None, b'>') if !subset => return Some(at + 1),
            _ => {}
        }
        at += 1;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
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
