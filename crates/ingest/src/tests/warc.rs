//! WARC archives: HTML responses become drafts, streamed record by record.

use std::io::Write;

use flate2::write::GzEncoder;

use super::raw;
use crate::{load, read, read_warc, read_warc_from, Draft, IngestError};

const PAGE: &str = "<html><head><title>Mill reopens | Valley Post</title></head><body><article>\
    <p>The old mill on the river reopened on Saturday as a bakery, two years after the flood that closed it, \
    and the queue reached the bridge by nine.</p></article></body></html>";

fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-09T10:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len())
            .into_bytes();
    out.extend_from_slice(body);
    out
}

fn archive() -> Vec<Vec<u8>> {
    let latin1: Vec<u8> = PAGE.replace("old mill", "old caf\u{e9}").chars().map(|c| c as u8).collect();
    vec![
        record("warcinfo", "", b"software: test\r\n"),
        record("request", "https://valley.example/mill", b"GET /mill HTTP/1.1\r\n\r\n"),
        record("response", "https://valley.example/mill", &http("text/html; charset=utf-8", PAGE.as_bytes())),
        record("response", "https://valley.example/logo.png", &http("image/png", b"\x89PNG")),
        record("response", "https://valley.example/cafe", &http("text/html; charset=ISO-8859-1", &latin1)),
    ]
}

fn collect(origin: &str, bytes: &[u8]) -> Vec<Result<Draft, IngestError>> {
    let mut out = Vec::new();
    read_warc_from(origin, bytes, |r| out.push(r));
    out
}

#[test]
fn html_responses_become_drafts() {
    let results = collect("crawl.warc", &archive().concat());
    assert_eq!(results.len(), 2, "{results:?}");
    let mill = results[0].as_ref().unwrap();
    assert_eq!(mill.origin, "crawl.warc:3");
    assert_eq!(mill.url.as_deref(), Some("https://valley.example/mill"));
    assert_eq!(mill.published.as_deref(), Some("2024-03-09T10:00:00Z"));
    // The page gave no date: the archive's is flagged as what it is.
    assert!(
        mill.flags.iter().any(|f| f.kind == corroborate_model::FlagKind::CaptureDate),
        "{:?}",
        mill.flags
    );
    assert_eq!(mill.title.as_deref(), Some("Mill reopens"));
    assert_eq!(mill.outlet.as_deref(), Some("valley.example"));
    let cafe = results[1].as_ref().unwrap();
    assert!(cafe.body.contains("old caf\u{e9} on the river"), "{}", cafe.body);
}

#[test]
fn gzip_members_per_record_and_files_on_disk() {
    let mut gz = Vec::new();
    for r in archive() {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&r).unwrap();
        gz.extend(encoder.finish().unwrap());
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, &gz).unwrap();
    let mut drafts = Vec::new();
    read_warc(&path, |r| drafts.push(r.unwrap()));
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[1].url.as_deref(), Some("https://valley.example/cafe"));
}

#[test]
fn archives_are_known_by_content_under_any_name_and_on_stdin() {
    let mut bytes = archive().concat();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0\x1f\x15\xc4\x89";
    bytes.extend(record("response", "https://valley.example/map.png", &http("image/png", png)));
    for name in ["crawl.dat", "-"] {
        let drafts: Vec<Draft> = read(&raw(name, &bytes)).into_iter().map(Result::unwrap).collect();
        let origins: Vec<&str> = drafts.iter().map(|d| d.origin.as_str()).collect();
        assert_eq!(origins, [format!("{name}:3"), format!("{name}:5")]);
        assert_eq!(drafts[0].url.as_deref(), Some("https://valley.example/mill"));
    }
    // Text only, after a blank line, and WARC/1.1.
    let text_only =
        format!("\r\n{}", String::from_utf8(archive()[2].clone()).unwrap()).replace("WARC/1.0", "WARC/1.1");
    let drafts: Vec<Draft> = read(&raw("-", text_only.as_bytes())).into_iter().map(Result::unwrap).collect();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].title.as_deref(), Some("Mill reopens"));
    // Gzipped, loaded from a file named otherwise.
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&bytes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.bin");
    std::fs::write(&path, encoder.finish().unwrap()).unwrap();
    let doc = load(&path).unwrap();
    assert_eq!(read(&doc).into_iter().filter(Result::is_ok).count(), 2);
}

#[test]
fn truncated_record_keeps_earlier_drafts() {
    let mut bytes = archive()[..3].concat();
    let cut = record("response", "https://valley.example/late", &http("text/html", PAGE.as_bytes()));
    bytes.extend_from_slice(&cut[..cut.len() / 2]);
    let results = collect("cut.warc", &bytes);
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let e = results[1].as_ref().unwrap_err();
    assert_eq!(e.origin, "cut.warc:4");
    assert!(e.reason.starts_with("truncated WARC record"), "{e}");
}

#[test]
fn not_a_warc_and_oversized_records() {
    let results = collect("page.warc", b"<html>hello</html>");
    assert!(results[0].as_ref().unwrap_err().reason.starts_with("not a WARC record"));

    // A record declaring more than the limit is skipped without being held.
    let header = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://big.example/\r\nContent-Length: {}\r\n\r\n",
        crate::warc::RECORD_LIMIT + 1
    );
    let mut bytes = header.into_bytes();
    bytes.resize(bytes.len() + crate::warc::RECORD_LIMIT as usize + 1, b' ');
    bytes.extend(archive()[2].iter());
    let results = collect("big.warc", &bytes);
    assert_eq!(results.len(), 2);
    assert!(results[0].as_ref().unwrap_err().reason.contains("too large"));
    assert!(results[1].is_ok());
}

#[test]
fn an_archive_with_no_record_is_an_error() {
    for bytes in [&b""[..], b"\r\n\r\n"] {
        let results = collect("none.warc", bytes);
        assert_eq!(results.len(), 1, "{results:?}");
        assert_eq!(results[0].as_ref().unwrap_err().to_string(), "none.warc: empty file");
    }
}

#[test]
fn a_gzipped_response_is_read_and_a_broken_one_is_an_error() {
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(PAGE.as_bytes()).unwrap();
    let gzipped = encoder.finish().unwrap();
    let response = |body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    let bytes = [
        record("response", "https://valley.example/a", &response(&gzipped)),
        record("response", "https://valley.example/b", &response(&gzipped[..gzipped.len() - 30])),
        record("response", "https://valley.example/c", &http("text/html", PAGE.as_bytes())),
    ]
    .concat();
    let results = collect("gz.warc", &bytes);
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().title.as_deref(), Some("Mill reopens"));
    assert_eq!(results[1].as_ref().unwrap_err().to_string(), "gz.warc:2: truncated gzip stream");
    assert!(results[2].is_ok());
}

/// A body sent in chunks (`Transfer-Encoding: chunked`, as servers stream
/// pages and crawlers store them) is joined; a broken one is that record's
/// error.
#[test]
fn chunked_bodies_are_joined() {
    let chunked = |body: &[u8]| {
        let mut out =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        for piece in body.chunks(100) {
            out.extend(format!("{:x};name=value\r\n", piece.len()).bytes());
            out.extend_from_slice(piece);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\n\r\n");
        out
    };
    let whole = chunked(PAGE.as_bytes());
    let bytes = [
        record("response", "https://valley.example/a", &whole),
        record("response", "https://valley.example/b", &whole[..whole.len() / 2]),
        record("response", "https://valley.example/c", &http("text/html", PAGE.as_bytes())),
    ]
    .concat();
    let results = collect("chunks.warc", &bytes);
    assert_eq!(results.len(), 3, "{results:?}");
    let a = results[0].as_ref().unwrap();
    assert_eq!(a.title.as_deref(), Some("Mill reopens"));
    assert!(a.body.starts_with("The old mill on the river reopened"), "{}", a.body);
    assert_eq!(
        results[1].as_ref().unwrap_err().to_string(),
        "chunks.warc:2: broken chunked HTTP body: cut short"
    );
    assert!(results[2].is_ok());
    // A body stored joined under a header that still says chunked is read as it is.
    let joined = [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n".as_slice(),
        PAGE.as_bytes(),
    ]
    .concat();
    let results = collect("joined.warc", &record("response", "https://valley.example/j", &joined));
    assert_eq!(results[0].as_ref().unwrap().title.as_deref(), Some("Mill reopens"));
}

/// A record whose `Content-Length` is wrong is named, and the records after
/// it are read: one that says too little leaves the rest of its content
/// before the next record, one that says too much swallows the next record's
/// start, where reading resumes.
#[test]
fn a_wrong_content_length_loses_only_its_record() {
    let page = |n: usize| {
        record("response", &format!("https://valley.example/{n}"), &http("text/html", PAGE.as_bytes()))
    };
    let lying = |n: usize, by: i64| {
        let text = String::from_utf8(page(n)).unwrap();
        let length: i64 =
            text.split("Content-Length: ").nth(1).unwrap().split('\r').next().unwrap().parse().unwrap();
        text.replacen(&format!("Content-Length: {length}"), &format!("Content-Length: {}", length + by), 1)
            .into_bytes()
    };
    for by in [-40, 40] {
        let bytes = [page(1), lying(2, by), page(3), page(4)].concat();
        let results = collect("lies.warc", &bytes);
        let stored: Vec<&str> =
            results.iter().filter_map(|r| r.as_ref().ok()).filter_map(|d| d.url.as_deref()).collect();
        let errors: Vec<String> =
            results.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 1, "{by}: {errors:?}");
        assert!(
            errors[0].starts_with("lies.warc:2: WARC record does not end after its Content-Length"),
            "{errors:?}"
        );
        assert_eq!(
            stored,
            ["https://valley.example/1", "https://valley.example/3", "https://valley.example/4"]
        );
        let origins: Vec<&str> =
            results.iter().filter_map(|r| r.as_ref().ok()).map(|d| d.origin.as_str()).collect();
        assert_eq!(origins, ["lies.warc:1", "lies.warc:3", "lies.warc:4"], "{by}");
    }
    // Text after a record's end is as a Content-Length that says too
    // little: that record is the error, and the next is read.
    let bytes = [page(1), b"garbage line\r\nmore\r\n\r\n".to_vec(), page(2)].concat();
    let results = collect("junk.warc", &bytes);
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .starts_with("junk.warc:1: WARC record does not end"));
    assert_eq!(results[1].as_ref().unwrap().origin, "junk.warc:2");
    // A file that starts with no record is one error, and any record after
    // it is read.
    let bytes = [b"garbage line\r\n".to_vec(), page(2)].concat();
    let results = collect("junk.warc", &bytes);
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].as_ref().unwrap_err().to_string().starts_with("junk.warc:1: not a WARC record"));
    assert_eq!(results[1].as_ref().unwrap().url.as_deref(), Some("https://valley.example/2"));
}

/// A canonical address given as a path alone names no page: the record's
/// own address stands.
#[test]
fn a_relative_canonical_gives_way_to_the_records_address() {
    let page = PAGE.replace("<head>", "<head><link rel=\"canonical\" href=\"/news/mill\">");
    let bytes =
        record("response", "https://valley.example/mill?ref=rss", &http("text/html", page.as_bytes()));
    let results = collect("canon.warc", &bytes);
    assert_eq!(results[0].as_ref().unwrap().url.as_deref(), Some("https://valley.example/mill?ref=rss"));
    let protocol_relative =
        PAGE.replace("<head>", "<head><link rel=\"canonical\" href=\"//valley.example/mill\">");
    let bytes =
        record("response", "https://valley.example/x", &http("text/html", protocol_relative.as_bytes()));
    let results = collect("canon.warc", &bytes);
    assert_eq!(results[0].as_ref().unwrap().url.as_deref(), Some("https://valley.example/mill"));
}
