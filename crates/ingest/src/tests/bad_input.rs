//! Hostile and broken input: a clear error or a bounded result, never a
//! crash or unbounded work.

use super::{draft, error, raw};
use crate::read;

#[test]
fn html_nested_100000_levels_is_refused() {
    let page = format!("<html><body>{}<p>deep text here</p></body></html>", "<div>".repeat(100_000));
    let e = error("deep.html", page.as_bytes());
    assert_eq!(e.reason, "markup nested more than 1000 levels deep");
    // Nesting of real pages is fine.
    let page = format!(
        "<html><body>{}<p>The quay reopened on Thursday after three weeks of repairs.</p>{}</body></html>",
        "<div>".repeat(200),
        "</div>".repeat(200)
    );
    assert!(draft("nested.html", page.as_bytes()).body.starts_with("The quay reopened"));
}

#[test]
fn page_without_body_or_text() {
    let e = error("head.html", b"<html><head><title>Only a head</title></head></html>");
    assert_eq!(e.reason, "no article text found");
    let e = error("empty.html", b"<!DOCTYPE html>");
    assert_eq!(e.reason, "no article text found");
}

#[test]
fn oversized_page_is_refused() {
    let mut page = String::from("<html><body><p>");
    page.push_str(&"word ".repeat(crate::html::PAGE_LIMIT / 5 + 1));
    page.push_str("</p></body></html>");
    assert!(error("huge.html", page.as_bytes()).reason.starts_with("page too large"));
}

#[test]
fn gzip_bomb_is_capped() {
    use std::io::Write;
    // 300 MiB of zeros compresses to about 300 KiB.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..300 {
        encoder.write_all(&zeros).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    let results = read(&raw("bomb.html.gz", &bomb));
    let reason = &results[0].as_ref().unwrap_err().reason;
    assert!(reason.contains("after decompression"), "{reason}");
}

#[test]
fn formatting_elements_left_open_before_many_paragraphs_are_refused() {
    // Each `<b>` differs, so the parser would build all 1,000 again inside
    // each of the 3,000 paragraphs: some 800 MB of tree from 22 KB.
    let opened: String = (0..1000).map(|i| format!("<b id={i}>")).collect();
    let page = format!("<html><body><p>{opened}{}</body></html>", "<p>x".repeat(3000));
    let e = error("bold.html", page.as_bytes());
    assert!(e.reason.starts_with("too many formatting elements"), "{e}");
    // The same element written again counts three times at most, as the
    // parser keeps three; and a few left open are what sloppy pages do.
    let text = "<p>The ferry resumed its crossings on Monday after the storm.";
    for opened in ["<font face=Arial>".repeat(500), "<b><i><font size=2>".to_string()] {
        let page = format!("<html><body>{opened}{}</body></html>", text.repeat(3000));
        assert!(draft("sloppy.html", page.as_bytes()).body.starts_with("The ferry resumed"));
    }
}

#[test]
fn a_record_whose_markup_is_refused_says_why() {
    let content = format!("{}<p>The quay reopened.</p>{}", "<div>".repeat(5000), "</div>".repeat(5000));
    let record = serde_json::json!({ "title": "Deep", "content": content }).to_string();
    let e = error("deep.jsonl", record.as_bytes());
    assert_eq!(e.to_string(), "deep.jsonl:1: markup nested more than 1000 levels deep");
}

#[test]
fn a_text_file_longer_than_an_article_is_refused_before_it_is_read() {
    let text = "The ferry sailed on time. ".repeat(crate::MAX_ARTICLE_BYTES / 26 + 1);
    let e = error("book.txt", text.as_bytes());
    assert_eq!(e.reason, "an article of 1.0 MiB; one article may hold at most 1 MiB of text");
}
