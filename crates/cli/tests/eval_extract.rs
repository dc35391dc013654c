//! `corroborate eval extract` on a tiny benchmark of fixture pages.

mod common;

use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract")
}

fn eval(extra: &[&str]) -> std::process::Output {
    let dir = fixtures();
    let pages = dir.join("pages");
    let gold = dir.join("gold.json");
    let outputs = dir.join("outputs");
    let mut args =
        vec!["eval", "extract", "--pages", pages.to_str().unwrap(), "--gold", gold.to_str().unwrap()];
    args.extend(["--outputs", outputs.to_str().unwrap()]);
    args.extend(extra);
    common::bin().args(&args).output().expect("run corroborate")
}

fn system<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["systems"].as_array().unwrap().iter().find(|s| s["system"] == name).unwrap()
}

#[test]
fn json_report_scores_ours_and_published_outputs() {
    let o = eval(&["--json"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["pages"], 2);

    let ours = system(&report, "corroborate");
    assert_eq!(ours["ours"], true);
    for field in ["precision", "recall", "f1", "accuracy"] {
        assert_eq!(ours[field], 1.0, "{field}");
    }
    let perfect = system(&report, "perfect");
    assert_eq!((perfect["version"].as_str(), perfect["f1"].as_f64()), (Some("1.2"), Some(1.0)));

    // The sloppy system found half of one page with extra text and nothing
    // on the other: recall is averaged over both pages, precision over one.
    let sloppy = system(&report, "sloppy");
    assert_eq!(sloppy["ours"], false);
    let (p, r) = (sloppy["precision"].as_f64().unwrap(), sloppy["recall"].as_f64().unwrap());
    assert!(p > 0.5 && p < 1.0, "{p}");
    assert!(r > 0.1 && r < 0.5, "{r}");
    assert_eq!(sloppy["accuracy"], 0.0);

    // Best first.
    let f1s: Vec<f64> =
        report["systems"].as_array().unwrap().iter().map(|s| s["f1"].as_f64().unwrap()).collect();
    assert!(f1s.windows(2).all(|w| w[0] >= w[1]), "{f1s:?}");
    assert_eq!(report["metadata"]["title"], 2);
    assert_eq!(report["metadata"]["published"], 1);
    assert_eq!(report["metadata"]["authors"], 1);
    assert_eq!(report["per_page"].as_array().unwrap().len(), 2);
}

#[test]
fn table_marks_our_row_and_counts_metadata() {
    let o = eval(&[]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let out = common::stdout(&o);
    let ours = out.lines().find(|l| l.starts_with("* corroborate")).unwrap_or_else(|| panic!("{out}"));
    assert!(ours.contains("1.000"), "{ours}");
    assert!(out.lines().any(|l| l.trim_start().starts_with("sloppy")), "{out}");
    assert!(
        out.contains(
            "metadata found: published date 1, modified date 0, author 1, title 2, language 2 (of 2)"
        ),
        "{out}"
    );
}

#[test]
fn saved_bodies_score_perfectly_against_the_gold() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("ours.json");
    let o = eval(&["--save", saved.to_str().unwrap()]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let saved: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(saved).unwrap()).unwrap();
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("gold.json")).unwrap()).unwrap();
    for id in ["ferry", "market"] {
        assert_eq!(saved[id]["articleBody"], gold[id]["articleBody"], "{id}");
    }
}

#[test]
fn missing_page_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.json");
    std::fs::write(&gold, r#"{"absent": {"articleBody": "Some text here."}}"#).unwrap();
    let o = common::bin()
        .args(["eval", "extract", "--pages", dir.path().to_str().unwrap(), "--gold", gold.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(common::stderr(&o).contains("no page absent.html.gz or absent.html"), "{}", common::stderr(&o));
}
