//! The demo corpus through the real binary: grouping, credit lines, repairs,
//! idempotent re-ingest and citations that hold.

mod common;

use common::{demo_corpus, jaccard, json, run, stderr, stdout};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn gold() -> Value {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/demo_gold.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Ingests the demo folder into a fresh store and returns (tempdir, db path).
fn ingested() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let corpus = demo_corpus(dir.path());
    let o = run(&db, &["ingest", corpus.to_str().unwrap()]);
    assert!(o.status.success(), "ingest failed: {}", stderr(&o));
    (dir, db)
}

fn articles_by_title(db: &Path) -> BTreeMap<String, Value> {
    let articles = json(db, &["articles", "--json"]);
    articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["title"].as_str().unwrap().to_string(), a.clone()))
        .collect()
}

fn article<'a>(by_title: &'a BTreeMap<String, Value>, title: &str) -> &'a Value {
    by_title.get(title).unwrap_or_else(|| panic!("no article titled {title:?}; have {:?}", by_title.keys()))
}

#[test]
fn demo_articles_are_grouped_into_their_events() {
    let (_dir, db) = ingested();
    let by_title = articles_by_title(&db);
    let gold = gold();
    let mut story_of_event = BTreeMap::new();
    for (event, titles) in gold["events"].as_object().unwrap() {
        let stories: BTreeSet<i64> = titles
            .as_array()
            .unwrap()
            .iter()
            .map(|t| article(&by_title, t.as_str().unwrap())["story"].as_i64().unwrap())
            .collect();
        assert_eq!(stories.len(), 1, "event {event} is split over stories {stories:?}");
        story_of_event.insert(event.clone(), *stories.iter().next().unwrap());
    }
    let distinct: BTreeSet<_> = story_of_event.values().collect();
    assert_eq!(distinct.len(), story_of_event.len(), "different events merged: {story_of_event:?}");
    let gold_count: usize =
        gold["events"].as_object().unwrap().values().map(|t| t.as_array().unwrap().len()).sum();
    assert_eq!(by_title.len(), gold_count, "every demo article is in the gold file");
}

#[test]
fn wire_copies_share_a_group_and_count_once() {
    let (_dir, db) = ingested();
    let by_title = articles_by_title(&db);
    let copies: Vec<&Value> = gold()["facts"]["wire_copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| article(&by_title, t.as_str().unwrap()))
        .collect();
    assert!(copies.len() >= 2);
    assert!(copies.iter().all(|a| a["wire_group"] == copies[0]["wire_group"]), "wire copies not grouped");
    let story = copies[0]["story"].as_i64().unwrap();
    let brief = json(&db, &["show", &story.to_string(), "--format", "json"]);
    let groups = brief["story"]["wire_groups"].as_array().unwrap();
    assert!(groups.iter().any(|g| g.as_array().unwrap().contains(&copies[0]["id"])));
    let stories = json(&db, &["stories", "--json"]);
    let summary = stories.as_array().unwrap().iter().find(|s| s["id"].as_i64() == Some(story)).unwrap();
    assert!(summary["independent_outlets"].as_u64().unwrap() < summary["articles"].as_u64().unwrap());
}

#[test]
fn credit_lines_become_outlets_and_leave_the_body() {
    let (_dir, db) = ingested();
    let by_title = articles_by_title(&db);
    for fact in gold()["facts"]["credit_outlets"].as_array().unwrap() {
        let a = article(&by_title, fact["title"].as_str().unwrap());
        for key in ["credited_to", "outlet"] {
            if let Some(expected) = fact.get(key).filter(|v| !v.is_null()) {
                assert_eq!(&a[key], expected, "{key} of {}", fact["title"]);
            }
        }
        let body = a["body"].as_str().unwrap();
        assert!(
            !body.contains("Credited from:") && !body.contains("Reference(s):"),
            "credit line left in body: {body}"
        );
    }
}

#[test]
fn damaged_quotes_and_apostrophes_are_repaired() {
    let (_dir, db) = ingested();
    let by_title = articles_by_title(&db);
    for fact in gold()["facts"]["mojibake_titles"].as_array().unwrap() {
        let a = article(&by_title, fact["title"].as_str().unwrap());
        let body = a["body"].as_str().unwrap();
        for s in fact["must_contain"].as_array().unwrap() {
            assert!(body.contains(s.as_str().unwrap()), "{:?} missing from repaired body: {body}", s);
        }
        for s in fact["must_not_contain"].as_array().unwrap() {
            assert!(!body.contains(s.as_str().unwrap()), "{:?} left in body: {body}", s);
        }
        assert!(!a["repairs"].as_array().unwrap().is_empty(), "repairs not recorded");
    }
}

#[test]
fn reingesting_adds_nothing() {
    let (dir, db) = ingested();
    let before = json(&db, &["articles", "--json"]).as_array().unwrap().len();
    let o = run(&db, &["ingest", "--json", dir.path().join("demo").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["stored"], 0);
    assert_eq!(report["already_stored"].as_u64().unwrap() as usize, before);
    assert_eq!(json(&db, &["articles", "--json"]).as_array().unwrap().len(), before);
}

#[test]
fn every_brief_citation_points_at_the_sentence_it_supports() {
    let (_dir, db) = ingested();
    let bodies: BTreeMap<String, String> = json(&db, &["articles", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a["body"].as_str().unwrap().to_string()))
        .collect();
    let stories = json(&db, &["stories", "--json"]);
    let mut checked = 0;
    for story in stories.as_array().unwrap() {
        let brief = json(&db, &["show", &story["id"].to_string(), "--format", "json"]);
        for key in ["story", "entities", "quotes", "claims", "conflicts", "brief", "sources"] {
            assert!(brief.get(key).is_some(), "brief lacks {key}");
        }
        for sentence in brief["brief"].as_array().unwrap() {
            let text = sentence["text"].as_str().unwrap();
            let citations = sentence["citations"].as_array().unwrap();
            assert!(!citations.is_empty(), "uncited sentence {text:?}");
            let mut exact = false;
            for c in citations {
                let body = &bodies[c["article"].as_str().unwrap()];
                let (start, end) =
                    (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
                let cited =
                    body.get(start..end).unwrap_or_else(|| panic!("span {start}..{end} not in article"));
                exact |= cited == text;
                assert!(jaccard(cited, text) >= 0.5, "citation {cited:?} does not support {text:?}");
                checked += 1;
            }
            assert!(exact, "no citation carries the exact words of {text:?}");
        }
    }
    assert!(checked > 0, "no brief sentence was checked");
}

#[test]
fn demo_command_shows_stories_and_a_brief() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::bin().current_dir(dir.path()).arg("demo").output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let events = gold()["events"].as_object().unwrap().len();
    let rows = out
        .lines()
        .skip_while(|l| !l.starts_with("story"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .count();
    assert_eq!(rows, events, "demo lists one story per event:\n{out}");
    assert!(out.contains("## Brief"), "{out}");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "demo left files in the working folder");
}

#[test]
fn show_formats_and_missing_story() {
    let (_dir, db) = ingested();
    let md = run(&db, &["show", "1", "--format", "md"]);
    assert!(stdout(&md).starts_with("# "));
    let html = stdout(&run(&db, &["show", "1", "--format", "html"]));
    assert!(html.contains("<html") && html.contains("</html>"));
    let nowhere = db.with_file_name("mistyped.db");
    let brief = db.with_file_name("brief.json");
    std::fs::write(&brief, run(&db, &["show", "1", "--format", "json"]).stdout).unwrap();
    for command in [&["stories"][..], &["show", "1"], &["verify", brief.to_str().unwrap()]] {
        let o = run(&nowhere, command);
        assert_eq!(o.status.code(), Some(1), "{command:?}");
        assert!(stderr(&o).contains("no store at"), "{command:?}: {}", stderr(&o));
    }
    assert!(!nowhere.exists(), "a mistyped store is not created");
    for command in [&["show", "999"][..], &["articles", "--story", "999"]] {
        let missing = run(&db, command);
        assert_eq!(missing.status.code(), Some(1), "{command:?}");
        assert!(stderr(&missing).contains("no story 999"), "{command:?}: {}", stderr(&missing));
    }
    let usage = run(&db, &["show", "not-a-number"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn verify_accepts_a_true_brief_and_rejects_a_tampered_one() {
    let (dir, db) = ingested();
    for story in json(&db, &["stories", "--json"]).as_array().unwrap() {
        let o = run(&db, &["show", &story["id"].to_string(), "--format", "json"]);
        let path = dir.path().join(format!("brief-{}.json", story["id"]));
        std::fs::write(&path, &o.stdout).unwrap();
        let ok = run(&db, &["verify", path.to_str().unwrap()]);
        assert!(ok.status.success(), "story {}: {}", story["id"], stdout(&ok));
    }
    let brief: Value = serde_json::from_slice(&run(&db, &["show", "1", "--format", "json"]).stdout).unwrap();
    let tampered = |place: &str, change: &dyn Fn(&mut Value)| {
        let mut b = brief.clone();
        change(&mut b);
        let path = dir.path().join("tampered.json");
        std::fs::write(&path, serde_json::to_vec(&b).unwrap()).unwrap();
        let bad = run(&db, &["verify", "--json", path.to_str().unwrap()]);
        assert_eq!(bad.status.code(), Some(1), "{place} changed, yet verified: {}", stdout(&bad));
        let report: Value = serde_json::from_slice(&bad.stdout).unwrap();
        let places: BTreeSet<&str> =
            report["problems"].as_array().unwrap().iter().map(|p| p["place"].as_str().unwrap()).collect();
        assert_eq!(places, BTreeSet::from([place]), "{report:#}");
    };
    let text = |b: &Value, at: &str| b.pointer(at).unwrap().as_str().unwrap().to_string();
    tampered("brief[0]", &|b| b["brief"][0]["text"] = "The treaty was cancelled in protest.".into());
    // One figure changed in a sentence that otherwise still matches every citation.
    tampered("brief[0]", &|b| {
        let changed = text(b, "/brief/0/text").replacen("4", "5", 1);
        b["brief"][0]["text"] = changed.into();
    });
    tampered("brief[1]", &|b| b["brief"][1]["citations"][0]["end"] = 9_999_999.into());
    // A span moved two bytes into a word.
    tampered("claims[0]", &|b| {
        let start = b["claims"][0]["sources"][0]["start"].as_u64().unwrap();
        b["claims"][0]["sources"][0]["start"] = (start + 2).into();
    });
    tampered("quotes[0]", &|b| b["quotes"][0]["speaker"] = "Hugo Marsh".into());
    tampered("conflicts[0].values[0]", &|b| {
        let changed = text(b, "/conflicts/0/values/1/value");
        b["conflicts"][0]["values"][0]["value"] = changed.into();
    });
}

/// The disputes of the gold file that the brief reports: each value with the
/// articles that give it, by title.
#[test]
fn demo_disputes_are_reported_with_the_articles_on_each_side() {
    let (_dir, db) = ingested();
    let by_title = articles_by_title(&db);
    let title_of: BTreeMap<String, String> =
        by_title.iter().map(|(title, a)| (a["id"].as_str().unwrap().to_string(), title.clone())).collect();
    let facts = &gold()["facts"];
    let disputes = [&facts["title_dispute"], &facts["other_number_disputes"][0]];
    for dispute in disputes {
        let by_value = dispute["by_value"].as_object().unwrap();
        let first = by_value.values().next().unwrap()[0].as_str().unwrap();
        let story = article(&by_title, first)["story"].to_string();
        let brief = json(&db, &["show", &story, "--format", "json"]);
        let sides: BTreeSet<BTreeSet<&str>> = by_value
            .values()
            .map(|titles| titles.as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect())
            .collect();
        let reported = brief["conflicts"].as_array().unwrap().iter().find(|c| {
            let found: BTreeSet<BTreeSet<&str>> = c["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| {
                    v["articles"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|a| title_of[a.as_str().unwrap()].as_str())
                        .collect()
                })
                .collect();
            found == sides
        });
        assert!(reported.is_some(), "{dispute:#} not in {:#}", brief["conflicts"]);
    }
}

#[test]
fn stories_are_filtered_as_the_api_filters_them() {
    let (_dir, db) = ingested();
    let ids = |args: &[&str]| -> BTreeSet<i64> {
        let listed = json(&db, &[&["stories", "--json"][..], args].concat());
        listed.as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect()
    };
    let all = ids(&[]);
    assert_eq!(all.len(), 6);
    assert_eq!(ids(&["--language", "en"]), all, "every demo article is in English");
    assert_eq!(ids(&["--language", "English"]), all);
    assert!(ids(&["--language", "de"]).is_empty());
    let herald = ids(&["--outlet", "Coastline Herald"]);
    assert!(!herald.is_empty() && herald.len() < all.len(), "{herald:?}");
    assert_eq!(ids(&["--outlet", "coastline herald"]), herald, "in any case");
    let (disputed, undisputed) = (ids(&["--disputed", "true"]), ids(&["--disputed", "false"]));
    assert!(!disputed.is_empty() && disputed.is_disjoint(&undisputed));
    assert_eq!(disputed.len() + undisputed.len(), all.len());
    assert_eq!(ids(&["--from", "2026-03-09"]).len(), 1, "only the storm surge is reported that late");
    // The river is named by the treaty's reports and, months before, by the tunnel's.
    assert_eq!(ids(&["--text", "Serra River"]).len(), 2);
    assert_eq!(ids(&["--text", "Serra River", "--from", "2026-03-01"]).len(), 1);
    assert_eq!(ids(&["--text", "Serra River", "--to", "2026-03-01"]).len(), 1);
    let o = run(&db, &["stories", "--from", "March 9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
}
