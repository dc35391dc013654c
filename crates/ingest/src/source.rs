//! Getting bytes: finding files, reading them, undoing gzip, and refusing
//! what cannot be an article (empty, binary, oversized) before any parsing.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use corroborate_model::RawDocument;
use flate2::read::MultiGzDecoder;
use walkdir::WalkDir;

use crate::IngestError;

/// Largest input accepted, before and after decompression: big enough for
/// any export of articles, small enough that a gzip bomb cannot exhaust memory.
pub(crate) const SIZE_LIMIT: u64 = 256 * 1024 * 1024;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

pub(crate) fn discover(paths: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    for path in paths {
        let origin = path.to_string_lossy();
        if origin == "-" {
            found.files.push(Ok(path.clone()));
        } else if path.is_dir() {
            walk(path, &mut found);
        } else if path.exists() {
            found.files.push(Ok(path.clone()));
        } else {
            found.files.push(Err(IngestError::new(origin, "no such file or directory")));
        }
    }
    found
}

/// Files found under the paths given, and the files of folders left out as
/// holding no articles.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Files to read, in path order, and the paths that could not be listed.
    pub files: Vec<Result<PathBuf, IngestError>>,
    /// Files in folders whose type holds no articles (see [`holds_no_articles`]).
    pub skipped: Vec<PathBuf>,
}

/// Files under a folder in path order, skipping hidden entries (but not the
/// folder itself, which may well be `.`), the notes that describe a corpus
/// rather than belong to it (see [`is_corpus_note`]), and files of types that
/// hold no articles, which are counted in `skipped`.
fn walk(dir: &Path, found: &mut Discovered) {
    let entries = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_file() && !is_corpus_note(entry.file_name()) => {
                if holds_no_articles(entry.file_name()) {
                    found.skipped.push(entry.into_path());
                } else {
                    found.files.push(Ok(entry.into_path()));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let origin = e.path().unwrap_or(dir).to_string_lossy().into_owned();
                found.files.push(Err(IngestError::new(origin, e.to_string())));
            }
        }
    }
}

/// Kinds of file that sit beside articles in corpora and exports but hold
/// none: annotations (`.ann` standoff, CoNLL), tables, code and settings,
/// images, documents and archives of other kinds, databases, logs; sorted.
const NOT_ARTICLES: &[&str] = &[
    "7z", "a1", "a2", "ann", "bz2", "cfg", "conll", "conllu", "css", "csv", "db", "doc", "docx", "gif",
    "ico", "ini", "jpeg", "jpg", "js", "lock", "log", "mp3", "mp4", "pdf", "png", "py", "sh", "shm",
    "sqlite", "sqlite3", "svg", "tab", "tar", "toml", "tsv", "wal", "webp", "xls", "xlsx", "yaml", "yml",
    "zip",
];

/// Whether a file found in a folder is of a kind that holds no articles (by
/// its extension, under a `.gz` if any). Named on the command line, such a
/// file is read like any other.
fn holds_no_articles(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy().to_ascii_lowercase();
    // A store's own files beside it: `store.db-wal`, `store.db-lock`.
    if ["-wal", "-shm", "-journal", "-lock"].iter().any(|s| name.ends_with(s)) {
        return true;
    }
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.rsplit_once('.').is_some_and(|(_, ext)| NOT_ARTICLES.binary_search(&ext).is_ok())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// A README, LICENSE or similar note found in a folder of articles: it tells
/// people about the corpus and is no news article. Named on the command line,
/// such a file is read like any other.
fn is_corpus_note(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy().to_ascii_lowercase();
    let stem = name.split('.').next().unwrap_or_default();
    matches!(stem, "readme" | "license" | "licence" | "copying" | "changelog" | "notice")
}

pub(crate) fn load(path: &Path, limit: u64) -> Result<RawDocument, IngestError> {
    let origin = path.to_string_lossy().into_owned();
    let fail = |reason: String| IngestError::new(origin.clone(), reason);
    let raw = if origin == "-" {
        read_limited(std::io::stdin().lock(), limit, 0).map_err(|e| fail(e.to_string()))?
    } else {
        let file = std::fs::File::open(path).map_err(|e| fail(io_reason(&e)))?;
        let meta = file.metadata().map_err(|e| fail(io_reason(&e)))?;
        if meta.is_dir() {
            return Err(fail("is a directory".into()));
        }
        if meta.len() > limit {
            return Err(fail(too_large(&format_size(meta.len()), limit)));
        }
        read_limited(file, limit, meta.len()).map_err(|e| fail(io_reason(&e)))?
    };
    let raw = match raw {
        Some(bytes) => bytes,
        None => return Err(fail(too_large(&format!("more than {}", format_size(limit)), limit))),
    };
    let inflated = match prepare(&origin, &raw, limit)? {
        Cow::Owned(inflated) => Some(inflated),
        Cow::Borrowed(_) => None,
    };
    let bytes = inflated.unwrap_or(raw);
    Ok(RawDocument { origin, bytes, declared_charset: None })
}

/// Decompresses gzip (by magic bytes) and rejects oversized, empty or binary
/// content (except a web archive).
pub(crate) fn prepare<'a>(origin: &str, bytes: &'a [u8], limit: u64) -> Result<Cow<'a, [u8]>, IngestError> {
    let fail = |reason: String| IngestError::new(origin, reason);
    if bytes.len() as u64 > limit {
        return Err(fail(too_large(&format_size(bytes.len() as u64), limit)));
    }
    let bytes = if bytes.starts_with(&GZIP_MAGIC) {
        match read_limited(MultiGzDecoder::new(bytes), limit, 0) {
            Ok(Some(inflated)) => Cow::Owned(inflated),
            Ok(None) => {
                let size = format!("more than {} after decompression", format_size(limit));
                return Err(fail(too_large(&size, limit)));
            }
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(fail(TRUNCATED_GZIP.into()))
            }
            Err(e) => return Err(fail(format!("corrupt gzip data: {e}"))),
        }
    } else {
        Cow::Borrowed(bytes)
    };
    if bytes.is_empty() {
        return Err(IngestError::empty(origin));
    }
    // A web archive holds binary records (images, compressed pages) among
    // the HTML it is read for.
    if is_binary(&bytes) && !crate::warc::is_warc(&bytes) {
        return Err(fail("binary content, not text".into()));
    }
    Ok(bytes)
}

/// The reason given for a gzip stream cut short.
pub(crate) const TRUNCATED_GZIP: &str = "truncated gzip stream";

/// What a gzip stream cut short inflates to, up to `limit` bytes.
pub(crate) fn gzip_prefix(bytes: &[u8], limit: u64) -> Vec<u8> {
    let mut inflated = Vec::new();
    // The bytes inflated before the cut are kept when the read fails.
    let _ = MultiGzDecoder::new(bytes).take(limit).read_to_end(&mut inflated);
    inflated
}

/// Reads at most `limit` bytes (`None` when there are more); `expected` is
/// the size to make room for at once, when known.
fn read_limited(reader: impl Read, limit: u64, expected: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(expected.min(limit) as usize + 1);
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Text has no NUL bytes and few control bytes anywhere; UTF-16 (which has
/// NULs) is only accepted with a byte order mark, and then must decode to
/// what text is made of. Junk spliced after real text, or behind a byte
/// order mark, is found by looking at samples spread over the whole content.
fn is_binary(bytes: &[u8]) -> bool {
    if let Some(units) = bytes.strip_prefix(b"\xFF\xFE") {
        return samples(units).any(|s| !is_utf16_text(s, u16::from_le_bytes));
    }
    if let Some(units) = bytes.strip_prefix(b"\xFE\xFF") {
        return samples(units).any(|s| !is_utf16_text(s, u16::from_be_bytes));
    }
    samples(bytes).any(|sample| {
        let controls = sample
            .iter()
            .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
            .count();
        sample.contains(&0) || controls * 10 > sample.len()
    })
}

/// Bytes in one sample of [`samples`].
const SAMPLE: usize = 4096;
/// Most samples looked at, whatever the size of the content.
const SAMPLES: usize = 8;

/// Windows of [`SAMPLE`] bytes (all of `bytes` when shorter) covering the
/// content when it is small, else spread evenly from its start to its end,
/// starting at even offsets so UTF-16 code units stay whole.
fn samples(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let count = bytes.len().div_ceil(SAMPLE).clamp(1, SAMPLES);
    let room = bytes.len().saturating_sub(SAMPLE);
    (0..count).map(move |i| {
        let start = (room * i).checked_div(count - 1).unwrap_or(0) & !1;
        &bytes[start..bytes.len().min(start + SAMPLE)]
    })
}

/// Whether UTF-16 code units look like text: at most one character in 20 is
/// a control character, half of a surrogate pair, private-use or a
/// noncharacter, all of which random bytes read as UTF-16 give often.
fn is_utf16_text(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> bool {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let (mut chars, mut odd) = (0, 0);
    for c in char::decode_utf16(units) {
        chars += 1;
        let odd_char = c.ok().is_none_or(|c| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
                || ('\u{e000}'..='\u{f8ff}').contains(&c)
                || ('\u{fdd0}'..='\u{fdef}').contains(&c)
                || (c as u32 & 0xfffe) == 0xfffe
        });
        odd += usize::from(odd_char);
    }
    odd * 20 <= chars
}

fn too_large(size: &str, limit: u64) -> String {
    format!("too large: {size} (limit {})", format_size(limit))
}

fn format_size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes / MIB * MIB == bytes {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
