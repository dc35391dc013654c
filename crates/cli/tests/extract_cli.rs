//! `corroborate extract`: clean text or JSON metadata, nothing stored.

mod common;

use common::{bin, stderr, stdout};
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web").join(name).to_string_lossy().into_owned()
}

const BODY: &str = "The harbour authority reopened the northern quay on Thursday, after repairs that took \
    three weeks and cost more than expected, officials said.\n\nFishing boats returned to their berths in the \
    afternoon, and the market opened an hour later than usual to let the crews unload.";

#[test]
fn prints_the_body_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin().current_dir(dir.path()).args(["extract", &fixture("quay.html")]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{BODY}\n"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn json_has_body_and_metadata() {
    let out = bin().args(["extract", "--json", &fixture("quay.html")]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let record: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(record["title"], "Northern quay reopens after repairs");
    assert_eq!(record["published"], "2024-05-03T07:30:00Z");
    assert_eq!(record["modified"], "2024-05-04T09:15:00Z");
    assert_eq!(record["authors"], serde_json::json!(["Ines Varga"]));
    assert_eq!(record["outlet"], "Harbour Daily");
    assert_eq!(record["url"], "https://harbour-daily.example/2024/05/03/quay-reopens");
    assert_eq!(record["language"], "en");
    assert_eq!(record["body"], BODY);
}

#[test]
fn a_failed_file_is_reported_and_the_others_printed() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, "<html><head><title>Home</title></head><body><nav>Menu</nav></body></html>")
        .unwrap();
    let missing = dir.path().join("missing.html");
    let out = bin()
        .args(["extract", empty.to_str().unwrap(), &fixture("quay.html"), missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), format!("{BODY}\n"));
    let err = stderr(&out);
    assert!(err.contains("empty.html: no article text found"), "{err}");
    assert!(err.contains("missing.html: no such file or directory"), "{err}");
}

#[test]
fn several_texts_come_each_under_a_header() {
    let quay = fixture("quay.html");
    let out = bin().args(["extract", &quay, &quay]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let one = format!("==> {quay} <==\nNorthern quay reopens after repairs\n\n{BODY}\n");
    assert_eq!(stdout(&out), format!("{one}\n{one}"));
}
