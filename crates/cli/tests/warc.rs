//! Web archives are ingested record by record; a truncated record is reported
//! and the records before it are kept.

mod common;

use common::{json, run, stderr};
use std::io::Write;

fn record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-03-04T10:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn page(title: &str, text: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>{text}</p><p>{text} The council will meet again next week to review the plan.</p></article></body></html>"
    )
}

#[test]
fn warc_records_are_stored_and_a_truncated_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = record(
        "https://calen-observer.example/ferry",
        &page("Ferry fares frozen for a year", "The Port Calen council froze ferry fares on Tuesday after a public consultation drew more than two thousand replies from island residents."),
    );
    bytes.extend(record(
        "https://calen-observer.example/market",
        &page("Market hall reopens after repairs", "The old market hall in Port Calen reopened on Saturday after eighteen months of repairs to its roof and its iron columns."),
    ));
    let third =
        record("https://calen-observer.example/cut", &page("Cut short", "This record is cut in the middle."));
    bytes.extend_from_slice(&third[..third.len() / 2]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bytes).unwrap();
    let path = dir.path().join("crawl.warc.gz");
    std::fs::write(&path, gz.finish().unwrap()).unwrap();

    let db = dir.path().join("store.db");
    let o = run(&db, &["ingest", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("crawl.warc.gz"), "{}", stderr(&o));
    let articles = json(&db, &["articles", "--json"]);
    let titles: Vec<&str> =
        articles.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Ferry fares frozen for a year", "Market hall reopens after repairs"]);
    assert_eq!(articles[0]["url"], "https://calen-observer.example/ferry");
    assert!(articles[0]["published"].as_str().unwrap().starts_with("2026-03-04"));
}
