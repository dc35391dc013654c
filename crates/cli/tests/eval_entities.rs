//! `corroborate eval entities` on a small ECB+-shaped topic: two articles
//! naming one man with two transliterations of his surname, places, and
//! annotated descriptions (`his lawyers`, `The former tycoon`) that are not
//! proper names and so are not scored.

mod common;

use common::{bin, stderr};
use serde_json::Value;
use std::path::Path;

#[test]
fn scores_name_recall_and_cross_document_chains() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ecb");
    let o = bin().args(["eval", "entities", "--json", "--dir"]).arg(&dir).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["documents"], 2);
    assert_eq!(r["topics"], 1);
    // Times are not entities; descriptions are entities but not names.
    assert_eq!(r["gold_mentions"], 8);
    assert_eq!(r["gold_names"], 6);
    assert_eq!(r["found"], 6);
    assert_eq!(r["found_exact"], 6);
    // Khodorkovsky and Khodorkovskiy are merged as the gold chain has them.
    assert_eq!(r["chains"]["f1"], 1.0);
    assert_eq!(r["chains"]["topics"], 1);
    // Grouping by identical text alone splits the chain: each of its three
    // names is grouped with itself only, so recall is (3 · 1/3 + 1 + 2) / 6.
    let recall = r["same_text"]["recall"].as_f64().unwrap();
    assert!((recall - 2.0 / 3.0).abs() < 1e-9, "{recall}");
    assert_eq!(r["same_text"]["precision"], 1.0);
}

#[test]
fn text_report_and_missing_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ecb");
    let o = bin().args(["eval", "entities", "--dir"]).arg(&dir).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("names found: 6 (recall 1.000)"), "{text}");
    assert!(text.contains("merged entities: B-cubed P 1.000 R 1.000 F1 1.000 (mean of 1 topics)"), "{text}");

    let empty = tempfile::tempdir().unwrap();
    let o = bin().args(["eval", "entities", "--dir"]).arg(empty.path()).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no .xml file"), "{}", stderr(&o));
}
