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

/// Two meetings of the same leaders in the same city, undated; the first
/// report of each opens with the same sentence, and they arrive first. Online,
/// both events go into one story, which the full batch pass splits.
fn two_meetings(dir: &std::path::Path) -> std::path::PathBuf {
    let opening = "Leaders of Norland and Sarvia met in Tarsk on Monday.";
    let reports = [
        (
            "Norland and Sarvia sign Saro water treaty",
            format!("{opening} They signed a water treaty on the Saro river dam quotas."),
        ),
        (
            "Norland, Sarvia hold steel tariff talks",
            format!("{opening} Their talks on steel tariffs ended without a deal."),
        ),
        (
            "Water treaty signed on Saro dam quotas",
            "The Saro river treaty sets dam quotas, Norland and Sarvia said in Tarsk.".into(),
        ),
        (
            "Steel tariff talks in Tarsk",
            "Norland and Sarvia discussed steel tariffs and the trade dispute in Tarsk.".into(),
        ),
        (
            "Saro treaty: dam quotas agreed",
            "Dam quotas on the Saro river were agreed in the water treaty of Norland and Sarvia.".into(),
        ),
        (
            "No deal on steel tariffs",
            "The steel tariff talks of Norland and Sarvia in Tarsk ended with no deal on the trade dispute."
                .into(),
        ),
    ];
    let lines: Vec<String> = reports
        .iter()
        .enumerate()
        .map(|(i, (title, text))| {
            serde_json::json!({"title": title, "text": text, "source": format!("Outlet {i}")}).to_string()
        })
        .collect();
    let path = dir.join("meetings.jsonl");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[test]
fn a_recluster_that_only_merges_splits_no_story() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let meetings = two_meetings(dir.path());
    assert!(run(&db, &["ingest", meetings.to_str().unwrap()]).status.success());
    let before = partition(&db);
    assert_eq!(before.values().collect::<BTreeSet<_>>().len(), 1, "{before:?}");
    let full = json(&db, &["recluster", "--dry-run", "--json"]);
    assert_eq!(full["redraw"], "all");
    assert_eq!(full["split"].as_array().unwrap().len(), 1, "{full}");

    let dry = json(&db, &["recluster", "--merge-only", "--dry-run", "--json"]);
    assert_eq!((dry["redraw"].as_str(), dry["applied"].as_bool()), (Some("merge-only"), Some(false)));
    assert_eq!((dry["split"].clone(), dry["moved"].as_u64()), (serde_json::json!([]), Some(0)), "{dry}");
    let applied = run(&db, &["recluster", "--merge-only"]);
    assert!(
        common::stdout(&applied).contains("stories only merged; moved 0 articles"),
        "{}",
        stderr(&applied)
    );
    assert_eq!(partition(&db), before);

    // On the demo corpus, articles that shared a story still do.
    let corpus = demo_corpus(dir.path());
    let db = dir.path().join("demo.db");
    assert!(run(&db, &["ingest", corpus.to_str().unwrap()]).status.success());
    let before = partition(&db);
    assert!(run(&db, &["recluster", "--merge-only"]).status.success());
    let after = partition(&db);
    let mut became: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for (title, old) in &before {
        became.entry(*old).or_default().insert(after[title]);
    }
    assert!(became.values().all(|new| new.len() == 1), "{became:?}");
}
