//! `corroborate recluster`: a batch pass that keeps the store consistent,
//! keeps the ids of stories it does not change, and settles (a second run
//! moves nothing).

mod common;

use common::{demo_corpus, json, run, stderr};
use std::collections::{BTreeMap, BTreeSet};

fn partition(db: &std::path::Path) -> BTreeMap<String, i64> {
    json(db, &["articles", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["title"].as_str().unwrap().to_string(), a["story"].as_i64().unwrap()))
        .collect()
}

#[test]
fn recluster_reports_applies_and_settles() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let corpus = demo_corpus(dir.path());
    assert!(run(&db, &["ingest", corpus.to_str().unwrap()]).status.success());
    let before = partition(&db);

    let dry = json(&db, &["recluster", "--dry-run", "--json"]);
    assert_eq!(dry["applied"], false);
    assert_eq!(dry["articles"].as_u64().unwrap() as usize, before.len());
    assert_eq!(partition(&db), before, "a dry run changed the store");

    let applied = json(&db, &["recluster", "--json"]);
    assert_eq!(applied["applied"], true);
    assert_eq!(applied["moved"], dry["moved"]);
    let after = partition(&db);
    let stories: BTreeSet<i64> = json(&db, &["stories", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(stories, after.values().copied().collect(), "stories and article assignments disagree");
    assert_eq!(stories.len() as u64, applied["stories_after"].as_u64().unwrap());

    // The demo events stay whole and apart.
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/demo_gold.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut seen = BTreeSet::new();
    for titles in gold["events"].as_object().unwrap().values() {
        let ids: BTreeSet<i64> =
            titles.as_array().unwrap().iter().map(|t| after[t.as_str().unwrap()]).collect();
        assert_eq!(ids.len(), 1, "an event was split: {ids:?}");
        assert!(seen.insert(*ids.iter().next().unwrap()), "two events merged");
    }

    let again = run(&db, &["recluster"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(common::stdout(&again).contains("moved 0 articles"), "{}", common::stdout(&again));
    assert_eq!(partition(&db), after);
    // New articles still join the reclustered stories.
    let o = run(&db, &["ingest", "--json", corpus.to_str().unwrap()]);
    assert!(o.status.success());
}

#[test]
fn a_recluster_that_only_merges_splits_no_story() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let corpus = demo_corpus(dir.path());
    assert!(run(&db, &["ingest", corpus.to_str().unwrap()]).status.success());
    let before = partition(&db);

    let dry = json(&db, &["recluster", "--merge-only", "--dry-run", "--json"]);
    assert_eq!((dry["redraw"].as_str(), dry["applied"].as_bool()), (Some("merge-only"), Some(false)));
    assert_eq!(dry["split"], serde_json::json!([]));
    assert_eq!(partition(&db), before, "a dry run changed the store");

    let applied = json(&db, &["recluster", "--merge-only", "--json"]);
    assert_eq!(applied["moved"], dry["moved"]);
    let after = partition(&db);
    // Articles that shared a story still do.
    let mut became: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for (title, old) in &before {
        became.entry(*old).or_default().insert(after[title]);
    }
    assert!(became.values().all(|new| new.len() == 1), "{became:?}");
    let full = json(&db, &["recluster", "--dry-run", "--json"]);
    assert_eq!(full["redraw"], "all");
}
