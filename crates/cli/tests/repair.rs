//! `corroborate repair`: repaired text on stdout, the changes on stderr or as JSON.

mod common;

use std::io::Write;
use std::process::{Output, Stdio};

fn repair(args: &[&str], input: &[u8]) -> Output {
    let mut child = common::bin()
        .arg("repair")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn repairs_mojibake_from_stdin_and_reports_the_change() {
    let o = repair(&[], "The cityâ€™s mayor said â€œnoâ€\u{9d}.".as_bytes());
    assert!(o.status.success());
    assert_eq!(common::stdout(&o), "The city’s mayor said “no”.");
    let err = common::stderr(&o);
    assert!(err.lines().any(|l| l.starts_with("mojibake") && l.contains('’')), "{err}");
}

#[test]
fn json_report_has_spans_into_both_texts() {
    let input = "Paris â€“ a dÃ©jÃ  vu";
    let o = repair(&["--json"], input.as_bytes());
    assert!(o.status.success());
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let text = report["text"].as_str().unwrap();
    assert_eq!(text, "Paris – a déjà vu");
    let repairs = report["repairs"].as_array().unwrap();
    assert!(!repairs.is_empty());
    for r in repairs {
        let (b, a) = (&r["before_span"], &r["after_span"]);
        let before = &input[b["start"].as_u64().unwrap() as usize..b["end"].as_u64().unwrap() as usize];
        let after = &text[a["start"].as_u64().unwrap() as usize..a["end"].as_u64().unwrap() as usize];
        assert_eq!(before, r["before"].as_str().unwrap());
        assert_eq!(after, r["after"].as_str().unwrap());
    }
}

#[test]
fn a_legacy_encoded_file_is_decoded_and_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("legacy.txt");
    std::fs::write(&path, b"\x93Caf\xe9\x94 au lait").unwrap();
    let o = common::bin().args(["repair", "--json"]).arg(&path).output().unwrap();
    assert!(o.status.success());
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["text"], "“Café” au lait");
    assert!(report["flags"].as_array().unwrap().iter().any(|f| f["kind"] == "legacy-encoding"));
}

#[test]
fn clean_text_passes_through_unchanged() {
    let clean = "Brâncuși’s studio in Paris, 北京, Москва — “fine”.\n";
    let o = repair(&[], clean.as_bytes());
    assert_eq!(common::stdout(&o), clean);
    assert!(common::stderr(&o).is_empty());
}

#[test]
fn empty_input_is_an_empty_text() {
    let o = repair(&[], b"");
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(common::stdout(&o), "");
    let o = repair(&["--json"], b"");
    assert!(o.status.success(), "{}", common::stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["text"], "");
    // Binary input is still refused.
    assert!(!repair(&[], b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").status.success());
}
