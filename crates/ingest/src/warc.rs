//! Web archives: WARC files, plain or gzipped (one gzip member per record,
//! as Common Crawl writes them, or one for the whole file).
//!
//! Archives run to gigabytes, so they are streamed: one record at a time is
//! held in memory, and a record larger than [`RECORD_LIMIT`] is skipped
//! without being held. Only `response` records whose HTTP payload is HTML
//! become drafts; the HTTP headers give the charset, the record gives the
//! URL (`WARC-Target-URI`) and a date of last resort (`WARC-Date`, when the
//! page was fetched, flagged as such). A chunked HTTP body is joined. A
//! record that does not end where its `Content-Length` says is an error,
//! and reading goes on at the next record; one cut short by the end of the
//! file or a broken gzip stream ends the reading with an error. The drafts
//! read before it stand. An archive under another name, or on standard
//! input, is known by its first record and read from memory.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use corroborate_model::{Draft, Flag, FlagKind};
use flate2::bufread::MultiGzDecoder;

use crate::{dates, meta, source, IngestError, Page};

/// Largest record whose content is read.
pub(crate) const RECORD_LIMIT: u64 = 32 * 1024 * 1024;
/// Longest header line, WARC or HTTP.
const LINE_LIMIT: u64 = 64 * 1024;

/// Streams the HTML responses of a WARC or WARC.gz file as drafts (or
/// errors), in file order. The file is never loaded whole.
pub fn read_warc(path: &Path, on_draft: impl FnMut(Result<Draft, IngestError>)) {
    let origin = path.to_string_lossy().into_owned();
    match std::fs::File::open(path) {
        Ok(file) => read_warc_from(&origin, file, on_draft),
        Err(e) => {
            let mut on_draft = on_draft;
            on_draft(Err(IngestError::new(origin, e.to_string())))
        }
    }
}

/// [`read_warc`] over any reader; `origin` names it in drafts and errors
/// (`origin:RECORD`, counting records from 1).
pub fn read_warc_from<'a>(
    origin: &str,
    reader: impl Read + 'a,
    mut on_draft: impl FnMut(Result<Draft, IngestError>),
) {
    let mut input = BufReader::new(reader);
    let gzipped = matches!(input.fill_buf(), Ok(head) if head.starts_with(&[0x1f, 0x8b]));
    let input: Box<dyn BufRead + 'a> =
        if gzipped { Box::new(BufReader::new(MultiGzDecoder::new(input))) } else { Box::new(input) };
    let mut records = Records { input, version: None };
    let mut number = 0;
    loop {
        number += 1;
        let at = format!("{origin}:{number}");
        match records.next() {
            Ok(None) if number == 1 => return on_draft(Err(IngestError::empty(origin))),
            Ok(None) => return,
            Ok(Some(record)) => {
                if let Some(result) = record.draft(&at) {
                    on_draft(result);
                }
            }
            Err(Fault::Record(reason)) => {
                on_draft(Err(IngestError::new(at, reason)));
                if let Err(reason) = records.skip_to_next() {
                    return on_draft(Err(IngestError::new(format!("{origin}:{}", number + 1), reason)));
                }
            }
            Err(Fault::Stream(reason)) => return on_draft(Err(IngestError::new(at, reason))),
        }
    }
}

/// Whether bytes are a web archive: they start (after whitespace) with a
/// WARC 1.0 or 1.1 record, whatever the file is called.
pub(crate) fn is_warc(bytes: &[u8]) -> bool {
    let start = bytes.trim_ascii_start();
    start.starts_with(b"WARC/1.0") || start.starts_with(b"WARC/1.1")
}

/// The pages of a web archive already in memory, as [`read_warc_from`] reads them.
pub(crate) fn read_in_memory(origin: &str, bytes: &[u8]) -> Vec<Result<Page, IngestError>> {
    let mut pages = Vec::new();
    read_warc_from(origin, bytes, |r| pages.push(r.map(|draft| Page { draft, modified: None })));
    pages
}

/// One record's headers of interest and, for an HTML response small enough,
/// its content.
struct Record {
    kind: String,
    target: Option<String>,
    date: Option<String>,
    content: Option<Vec<u8>>,
    too_large: bool,
}

/// Why a record could not be read.
enum Fault {
    /// This record is broken, and the next may be read.
    Record(String),
    /// The stream is cut short or unreadable: nothing after can be read.
    Stream(String),
}

impl From<String> for Fault {
    fn from(reason: String) -> Self {
        Fault::Stream(reason)
    }
}

impl From<&str> for Fault {
    fn from(reason: &str) -> Self {
        Fault::Stream(reason.to_string())
    }
}

/// The records of an archive, in order.
struct Records<'a> {
    input: Box<dyn BufRead + 'a>,
    /// The first line of the next record, when it was read while looking for it.
    version: Option<String>,
}

impl<'a> Records<'a> {
    /// Reads the next record; `None` at a clean end of the file.
    fn next(&mut self) -> Result<Option<Record>, Fault> {
        let mut version = self.version.take().unwrap_or_default();
        while version.is_empty() {
            match read_line(&mut self.input)? {
                None => return Ok(None),
                Some(line) => version = line.trim().to_string(),
            }
        }
        if !version.starts_with("WARC/") {
            return Err(Fault::Record(format!("not a WARC record (starts with {:?})", clip(&version))));
        }
        let input = &mut self.input;
        let mut record =
            Record { kind: String::new(), target: None, date: None, content: None, too_large: false };
        let mut length: Option<u64> = None;
        loop {
            let line = read_line(input)?.ok_or("truncated WARC record: headers cut short")?;
            if line.is_empty() {
                break;
            }
            let Some((name, value)) = line.split_once(':') else { continue };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse().ok(),
                "warc-type" => record.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => record.target = Some(value.trim_matches(['<', '>']).to_string()),
                "warc-date" => record.date = Some(value),
                _ => {}
            }
        }
        let length =
            length.ok_or_else(|| Fault::Record("WARC record without a valid Content-Length".into()))?;
        let wanted = record.kind == "response" && record.target.is_some();
        if wanted && length <= RECORD_LIMIT {
            let mut content = Vec::with_capacity(length.min(1 << 20) as usize);
            input.take(length).read_to_end(&mut content).map_err(|e| e.to_string())?;
            if (content.len() as u64) < length {
                return Err(truncated(length, content.len() as u64).into());
            }
            if !self.at_record_end()? {
                self.resume_inside(&content);
                return Err(Fault::Record(misplaced_end(length)));
            }
            record.content = Some(content);
        } else {
            let skipped =
                std::io::copy(&mut input.take(length), &mut std::io::sink()).map_err(|e| e.to_string())?;
            if skipped < length {
                return Err(truncated(length, skipped).into());
            }
            if !self.at_record_end()? {
                return Err(Fault::Record(misplaced_end(length)));
            }
            record.too_large = wanted;
        }
        Ok(Some(record))
    }

    /// Whether the content just read ends its record: line ends follow it,
    /// then the next record or the end of the file (or the next record right
    /// away). The line ends are read.
    fn at_record_end(&mut self) -> Result<bool, String> {
        let mut ends = 0;
        loop {
            let next = self.input.fill_buf().map_err(|e| e.to_string())?;
            match next.first() {
                None => return Ok(true),
                Some(b'\r' | b'\n') => {
                    ends += 1;
                    self.input.consume(1);
                }
                // A short buffer cannot show the next record's start: the
                // next read checks it.
                Some(_) => return Ok((ends > 0 && next.len() < 5) || next.starts_with(b"WARC/")),
            }
        }
    }

    /// After content that did not end its record: when a record starts
    /// inside it (its `Content-Length` said too much), reading resumes there.
    fn resume_inside(&mut self, content: &[u8]) {
        let Some(at) = find(content, b"\nWARC/1.") else { return };
        let rest = content[at + 1..].to_vec();
        let input = std::mem::replace(&mut self.input, Box::new(std::io::empty()));
        self.input = Box::new(BufReader::new(std::io::Cursor::new(rest).chain(input)));
    }

    /// Skips to the line that starts the next record, after a broken one.
    fn skip_to_next(&mut self) -> Result<(), String> {
        while let (Some(line), _) = read_piece(&mut self.input)? {
            if line.starts_with("WARC/1.") {
                self.version = Some(line.trim().to_string());
                break;
            }
        }
        Ok(())
    }
}

fn misplaced_end(length: u64) -> String {
    format!("WARC record does not end after its Content-Length ({length} bytes); read on at the next record")
}

fn truncated(expected: u64, got: u64) -> String {
    format!("truncated WARC record: {got} of {expected} content bytes")
}

/// A header line without its line end; `None` at the end of the input.
fn read_line(input: &mut dyn BufRead) -> Result<Option<String>, String> {
    let (line, whole) = read_piece(input)?;
    if line.is_some() && !whole {
        return Err(format!("header line longer than {LINE_LIMIT} bytes"));
    }
    Ok(line)
}

/// A line of content of any kind, a line longer than [`LINE_LIMIT`] read in
/// pieces, and whether the piece read is a whole line.
fn read_piece(input: &mut dyn BufRead) -> Result<(Option<String>, bool), String> {
    let mut line = Vec::new();
    input.take(LINE_LIMIT).read_until(b'\n', &mut line).map_err(|e| e.to_string())?;
    let whole = line.ends_with(b"\n") || (line.len() as u64) < LINE_LIMIT;
    let text =
        (!line.is_empty()).then(|| String::from_utf8_lossy(&line).trim_end_matches(['\r', '\n']).to_string());
    Ok((text, whole))
}

fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

impl Record {
    /// The draft of an HTML response; `None` for other records.
    fn draft(self, at: &str) -> Option<Result<Draft, IngestError>> {
        if self.too_large {
            let reason = format!("WARC record too large (limit {} MiB)", RECORD_LIMIT >> 20);
            return Some(Err(IngestError::new(at, reason)));
        }
        let target = self.target?;
        let content = self.content?;
        let response = match Response::parse(&content)? {
            Ok(response) => response,
            Err(reason) => return Some(Err(IngestError::new(at, reason))),
        };
        // A gzipped body (`Content-Encoding: gzip`) is inflated here, within
        // the record limit, and a broken one is an error like any other.
        let body = match source::prepare(at, &response.body, RECORD_LIMIT) {
            Ok(body) => body,
            Err(e) => return Some(Err(e)),
        };
        let result = crate::read_prepared(at, &body, response.charset.as_deref()).into_iter().next()?;
        Some(result.map(|page| {
            let mut draft = page.draft;
            if draft.published.is_none() {
                draft.published = self.date.as_deref().and_then(dates::parse_date);
                if draft.published.is_some() {
                    let note = "no date in the page: the date is when the archive fetched it";
                    draft.flags.push(Flag::new(FlagKind::CaptureDate, note));
                }
            }
            if draft.outlet.is_none() {
                draft.outlet = meta::host_outlet(&target);
            }
            draft.url.get_or_insert(target);
            draft
        }))
    }
}

/// The parts of an HTTP response that matter: an HTML body and its charset.
struct Response<'a> {
    charset: Option<String>,
    body: Cow<'a, [u8]>,
}

impl Response<'_> {
    /// `None` unless the response is a success with an HTML body; an error
    /// when its chunked body is broken.
    fn parse(bytes: &[u8]) -> Option<Result<Response<'_>, String>> {
        let end =
            find(bytes, b"\r\n\r\n").map(|i| (i, 4)).or_else(|| find(bytes, b"\n\n").map(|i| (i, 2)))?;
        let head = String::from_utf8_lossy(&bytes[..end.0]);
        let mut lines = head.lines();
        let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
        if !(200..300).contains(&status) {
            return None;
        }
        let (mut html, mut charset, mut chunked) = (false, None, false);
        for line in lines {
            let Some((name, value)) = line.split_once(':') else { continue };
            let value = value.trim().to_ascii_lowercase();
            let name = name.trim();
            if name.eq_ignore_ascii_case("content-type") {
                html = value.contains("html");
                charset = value
                    .split(';')
                    .find_map(|p| p.trim().strip_prefix("charset="))
                    .map(|c| c.trim_matches(['"', '\'']).to_string());
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.split(',').any(|coding| coding.trim() == "chunked");
            }
        }
        if !html {
            return None;
        }
        let body = &bytes[end.0 + end.1..];
        // Some crawlers store the body joined and keep the header: a body
        // that does not open with a chunk's size is read as it is.
        let body = match chunked.then(|| unchunk(body)) {
            Some(Ok(joined)) => Cow::Owned(joined),
            Some(Err(_)) if !opens_with_chunk_size(body) => Cow::Borrowed(body),
            Some(Err(reason)) => return Some(Err(reason)),
            None => Cow::Borrowed(body),
        };
        Some(Ok(Response { charset, body }))
    }
}

/// The size a chunk's line gives, in hexadecimal (extensions after `;` aside).
fn chunk_size(line: &[u8]) -> Option<usize> {
    let line = String::from_utf8_lossy(line);
    usize::from_str_radix(line.split(';').next().unwrap_or("").trim(), 16).ok()
}

/// Whether a body opens with a line holding a chunk's size.
fn opens_with_chunk_size(body: &[u8]) -> bool {
    chunk_size(body.split(|&b| b == b'\n').next().unwrap_or_default()).is_some()
}

/// A chunked HTTP body (`Transfer-Encoding: chunked`) joined: each chunk is
/// its size in hexadecimal on a line (extensions after `;` ignored), the
/// bytes, and a line end; a chunk of size 0 ends the body.
fn unchunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let broken = |what: &str| format!("broken chunked HTTP body: {what}");
    let mut joined = Vec::with_capacity(body.len());
    loop {
        let line_end = find(body, b"\n").ok_or_else(|| broken("cut short"))?;
        let line = &body[..line_end];
        let size = chunk_size(line)
            .ok_or_else(|| broken(&format!("chunk size {:?}", clip(String::from_utf8_lossy(line).trim()))))?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Ok(joined);
        }
        let chunk = body.get(..size).ok_or_else(|| broken("cut short"))?;
        joined.extend_from_slice(chunk);
        body = &body[size..];
        body = body.strip_prefix(b"\r").unwrap_or(body);
        if body.is_empty() {
            return Err(broken("cut short"));
        }
        body = body.strip_prefix(b"\n").ok_or_else(|| broken("no line end after a chunk"))?;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}
