//! `corroborate eval cluster` on a small hand-made gold file: five events, two
//! of them between the same two ministers months apart, one repeated line and
//! one line without a label.

mod common;

use common::{bin, stderr};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cluster_gold.jsonl")
}

fn eval(args: &[&str]) -> Output {
    let gold = fixture();
    bin()
        .args(["eval", "cluster", "--gold", gold.to_str().unwrap()])
        .args(args)
        .output()
        .expect("run corroborate")
}

fn report(args: &[&str]) -> Value {
    let o = eval(args);
    assert!(o.status.success(), "{args:?} failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: invalid JSON: {e}"))
}

/// Checks a report on the fixture's 17 lines, `labelled` of which carry the label.
fn assert_valid(r: &Value, labelled: u64, gold_clusters: u64) {
    assert_eq!(r["articles"], labelled);
    assert_eq!(r["skipped"], 17 - labelled, "the lines without a label");
    assert_eq!(r["duplicates"], 1, "the repeated line");
    assert_eq!(r["gold_clusters"], gold_clusters);
    let stories = r["predicted_stories"].as_u64().unwrap();
    assert!((1..labelled).contains(&stories), "{} distinct articles, {stories} stories", labelled - 1);
    for family in ["bcubed", "pairwise"] {
        for score in ["precision", "recall", "f1"] {
            let v = r[family][score].as_f64().unwrap_or_else(|| panic!("no {family}.{score}"));
            assert!((0.0..=1.0).contains(&v), "{family}.{score} = {v}");
        }
    }
    let ari = r["ari"].as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&ari), "ari = {ari}");
    assert!(r["ms_per_article"].as_f64().unwrap() >= 0.0);
    // Every merged story listed mixes gold clusters and accounts for its size.
    for m in r["worst_merged"].as_array().unwrap() {
        let counts: Vec<u64> = m["gold"].as_array().unwrap().iter().map(|c| c[1].as_u64().unwrap()).collect();
        assert!(counts.len() > 1, "{m}");
        assert_eq!(counts.iter().sum::<u64>(), m["size"].as_u64().unwrap());
        assert_eq!(m["foreign"].as_u64().unwrap(), m["size"].as_u64().unwrap() - counts[0]);
        assert!(!m["titles"].as_array().unwrap().is_empty());
    }
    for s in r["worst_split"].as_array().unwrap() {
        let counts: Vec<u64> =
            s["stories"].as_array().unwrap().iter().map(|c| c[1].as_u64().unwrap()).collect();
        assert!(counts.len() > 1, "{s}");
        assert_eq!(counts.iter().sum::<u64>(), s["size"].as_u64().unwrap());
    }
}

/// The report without the timing figures, which vary from run to run.
fn scores(mut r: Value) -> Value {
    let o = r.as_object_mut().unwrap();
    o.remove("seconds");
    o.remove("ms_per_article");
    r
}

#[test]
fn the_report_has_its_figures_and_counts() {
    let r = report(&["--json"]);
    assert_valid(&r, 16, 5);
    assert_eq!(r["label"], "cluster");
    assert_eq!(r["shuffle"], Value::Null);
    assert_eq!((r["threshold"].as_f64().unwrap() as f32, r["recluster"].as_bool()), (0.2, Some(false)));
    let r = report(&["--json", "--threshold", "0.5", "--recluster"]);
    assert_eq!((r["threshold"].as_f64().unwrap() as f32, r["recluster"].as_bool()), (0.5, Some(true)));
    let o = eval(&["--threshold", "2"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn the_batch_pass_can_be_tuned_and_records_its_tuning() {
    let default = report(&["--json"]);
    let (cut, k) = (default["link_cut"].as_f64().unwrap(), default["neighbours"].as_u64().unwrap());
    assert!(cut > 0.0 && k > 0, "{cut} {k}");
    let strict = report(&["--json", "--link-cut", "0.95", "--neighbours", "2"]);
    assert_eq!((strict["link_cut"].as_f64().unwrap() as f32, strict["neighbours"].as_u64()), (0.95, Some(2)));
    let stories = |r: &Value| r["batch"]["predicted_stories"].as_u64().unwrap();
    assert!(stories(&strict) > stories(&default), "a stricter cut merges less");
    // The online pass does not use them.
    assert_eq!(strict["bcubed"], default["bcubed"]);
    for bad in [["--link-cut", "0"], ["--neighbours", "0"]] {
        assert_eq!(eval(&bad).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn a_numeric_label_field_gives_the_same_partition() {
    let by_name = scores(report(&["--json"]));
    let by_number = report(&["--json", "--label", "event"]);
    assert_valid(&by_number, 16, 5);
    assert_eq!(by_number["label"], "event");
    let by_number = scores(by_number);
    for key in ["bcubed", "pairwise", "ari", "predicted_stories"] {
        assert_eq!(by_name[key], by_number[key], "{key}");
    }
}

#[test]
fn a_repeated_line_is_a_merge_when_each_line_is_its_own_cluster() {
    // With the record id as label every gold cluster is one line, so the
    // story holding the repeated line and its original mixes two of them.
    let r = report(&["--json", "--label", "id"]);
    assert_valid(&r, 17, 17);
    assert_eq!(r["bcubed"]["recall"], 1.0);
    assert!(r["bcubed"]["precision"].as_f64().unwrap() < 1.0);
    let merged = r["worst_merged"].as_array().unwrap();
    let repeat = merged
        .iter()
        .find(|m| m["gold"].as_array().unwrap().iter().any(|g| g[0] == "river-2-repeat"))
        .unwrap_or_else(|| panic!("the repeated line is not in a merged story: {merged:?}"));
    assert!(repeat["gold"].as_array().unwrap().iter().any(|g| g[0] == "river-2"));
    assert!(r["worst_split"].as_array().unwrap().is_empty(), "a single line cannot be split");
}

#[test]
fn a_shuffled_order_is_reproducible() {
    let first = report(&["--json", "--shuffle", "7"]);
    assert_valid(&first, 16, 5);
    assert_eq!(first["shuffle"], 7);
    assert_eq!(scores(first), scores(report(&["--json", "--shuffle", "7"])));
}

#[test]
fn the_text_report_names_each_figure() {
    let o = eval(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout.clone()).unwrap();
    for word in ["16 articles", "5 gold clusters", "B-cubed", "pairwise", "ARI", "ms per article"] {
        assert!(text.contains(word), "no {word:?} in:\n{text}");
    }
    assert!(stderr(&o).contains("cluster_gold.jsonl:17: no `cluster` label"), "{}", stderr(&o));
}

#[test]
fn the_store_can_be_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kept.db");
    let r = report(&["--json", "--keep", db.to_str().unwrap()]);
    let stories = common::json(&db, &["stories", "--json"]);
    assert_eq!(stories.as_array().unwrap().len() as u64, r["predicted_stories"].as_u64().unwrap());
    // A second run would mix its articles with the first: refused.
    let o = eval(&["--keep", db.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
}

#[test]
fn a_missing_gold_file_is_named() {
    let o = bin().args(["eval", "cluster", "--gold", "no/such/gold.jsonl"]).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no/such/gold.jsonl"), "{}", stderr(&o));
}

/// One line of a gold file in the fields news-please writes: `maintext` and
/// `date_publish` (here as epoch seconds), or `text` and an RFC 2822 date.
fn dated_line(id: &str, event: &str, date: serde_json::Value, text: &str, news_please: bool) -> String {
    let (body_field, date_field) =
        if news_please { ("maintext", "date_publish") } else { ("text", "published") };
    let outlet = format!("{id}.example");
    serde_json::json!({ "id": id, "cluster": event, "source_domain": outlet, body_field: text, date_field: date })
        .to_string()
}

/// Runs `eval cluster --json` on `lines` written as the gold file `name`;
/// the run must succeed. Returns its report and its standard error.
fn report_on_lines(dir: &Path, name: &str, lines: &[String]) -> (Value, String) {
    let gold = dir.join(name);
    std::fs::write(&gold, lines.join("\n")).unwrap();
    let o = bin().args(["eval", "cluster", "--json", "--gold", gold.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    (serde_json::from_slice(&o.stdout).unwrap(), stderr(&o))
}

#[test]
fn dates_in_any_common_form_keep_apart_two_meetings_with_the_same_words() {
    // The same two ministers, the same river, the same words: in March and
    // again in October. Only the dates tell the two meetings apart, and they
    // come as RFC 2822 strings, English dates and epoch seconds.
    let march = [
        "Ministers of Norland and Sarvia met in Tarsk to discuss water quotas on the Saro river dam.",
        "Norland and Sarvia ministers discussed the Saro river dam and its water quotas at talks in Tarsk.",
        "Talks in Tarsk between the Norland and Sarvia ministers dealt with water quotas on the Saro river dam.",
    ];
    let october = [
        "In Tarsk, the water ministers of Sarvia and Norland talked about quotas for the Saro river dam.",
        "Water quotas on the Saro river dam were discussed in Tarsk by ministers from Sarvia and Norland.",
        "The Saro river dam water quotas were the subject when Sarvia and Norland ministers met in Tarsk.",
    ];
    let lines = [
        dated_line("m1", "march", "Tue, 04 Mar 2025 09:00:00 +0000".into(), march[0], false),
        dated_line("m2", "march", 1_741_165_200.into(), march[1], true), // 2025-03-05
        dated_line("m3", "march", "March 5, 2025".into(), march[2], false),
        dated_line("o1", "october", "Sun, 12 Oct 2025 10:00:00 +0000".into(), october[0], false),
        dated_line("o2", "october", 1_760_349_600.into(), october[1], true), // 2025-10-13
        dated_line("o3", "october", "October 13, 2025".into(), october[2], false),
    ];
    let dir = tempfile::tempdir().unwrap();
    let (r, _) = report_on_lines(dir.path(), "meetings.jsonl", &lines);
    assert_eq!(
        (&r["articles"], &r["duplicates"]),
        (&6.into(), &0.into()),
        "every line is read, news-please fields included"
    );
    assert_eq!(r["predicted_stories"], 2, "{r}");
    assert_eq!(r["bcubed"]["f1"], 1.0, "{r}");

    // Undated, the same lines are one story: the dates made the difference.
    let undated: Vec<String> = lines
        .iter()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            let o = v.as_object_mut().unwrap();
            o.remove("published");
            o.remove("date_publish");
            v.to_string()
        })
        .collect();
    let (r, _) = report_on_lines(dir.path(), "meetings.jsonl", &undated);
    assert_eq!(r["predicted_stories"], 1, "{r}");
}

#[test]
fn the_report_gives_the_batch_pass_scores_as_recluster_makes_them() {
    let online = report(&["--json"]);
    let batch = &online["batch"];
    let reclustered = report(&["--json", "--recluster"]);
    assert_eq!(reclustered["batch"], Value::Null, "the scored partition is already the batch one");
    for key in ["bcubed", "pairwise", "ari", "predicted_stories"] {
        assert_eq!(batch[key], reclustered[key], "{key}");
    }
    // The batch pass does not depend on the order of arrival.
    for seed in ["1", "2"] {
        assert_eq!(report(&["--json", "--shuffle", seed])["batch"], *batch, "seed {seed}");
    }
    let text = String::from_utf8(eval(&[]).stdout).unwrap();
    let f1 = batch["bcubed"]["f1"].as_f64().unwrap();
    assert!(text.contains("With `recluster`") && text.contains(&format!("F1 {f1:.3}")), "{text}");
}

#[test]
fn the_report_gives_the_scores_of_a_pass_that_only_merges() {
    let online = report(&["--json"]);
    let merges = &online["batch_merge_only"];
    let merged = report(&["--json", "--recluster", "--merge-only"]);
    assert_eq!((merged["recluster"].as_bool(), merged["merge_only"].as_bool()), (Some(true), Some(true)));
    assert_eq!(merged["batch_merge_only"], Value::Null);
    for key in ["bcubed", "pairwise", "ari", "predicted_stories"] {
        assert_eq!(merges[key], merged[key], "{key}");
    }
    // Merging whole stories loses no pair of articles already together.
    let stories = |r: &Value| r["predicted_stories"].as_u64().unwrap();
    assert!(stories(merges) <= stories(&online));
    let score = |r: &Value, which: &str| r["bcubed"][which].as_f64().unwrap();
    assert!(score(merges, "recall") >= score(&online, "recall"), "{merges} {online}");
    // Nor does it make a story purer (B-cubed precision cannot rise).
    assert!(score(merges, "precision") <= score(&online, "precision"), "{merges} {online}");
    let text = String::from_utf8(eval(&[]).stdout).unwrap();
    assert!(text.contains("With `recluster --merge-only`"), "{text}");
    // Only a recluster can be one that merges.
    let o = eval(&["--merge-only"]);
    assert!(!o.status.success() && stderr(&o).contains("--recluster"), "{}", stderr(&o));
}

/// Reports of one treaty in English and in German, another matter of the same
/// two countries in German, and a fire in Spanish; no line says its language.
#[test]
fn stories_are_drawn_within_the_language_each_text_shows() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cluster_languages.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("languages.db");
    let o = bin()
        .args(["eval", "cluster", "--json", "--gold", gold.to_str().unwrap(), "--keep", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((r["articles"].as_u64(), r["gold_clusters"].as_u64()), (Some(10), Some(4)));
    assert_eq!(r["bcubed"]["f1"].as_f64(), Some(1.0), "{r}");
    let articles = common::json(&db, &["articles", "--json"]);
    let mut languages = std::collections::BTreeMap::new();
    for a in articles.as_array().unwrap() {
        let line: usize = a["origin"].as_str().unwrap().rsplit(':').next().unwrap().parse().unwrap();
        let expected = match line {
            1..=3 => "en",
            4..=8 => "de",
            _ => "es",
        };
        assert_eq!(a["language"], expected, "line {line}");
        languages.entry(a["story"].as_u64().unwrap()).or_insert_with(Vec::new).push(expected);
    }
    assert_eq!(languages.len(), 4);
    assert!(languages.values().all(|l| l.iter().all(|x| *x == l[0])), "{languages:?}");
}

#[test]
fn a_repeated_line_is_found_under_the_outlet_s_standard_name_and_a_refused_line_is_skipped() {
    // `www.` is dropped from an outlet's name, and the name is part of an
    // article's id: the repeated line must be looked up under the stored name.
    let line = |id: &str, event: &str, outlet: &str, text: &str| {
        serde_json::json!({ "id": id, "cluster": event, "source_domain": outlet, "text": text }).to_string()
    };
    let flood =
        "Flooding closed the Selva bridge in Marwick on Tuesday after the river rose two metres overnight.";
    let flood_too =
        "The Selva bridge in Marwick was closed on Tuesday as the river rose two metres in one night.";
    let strike =
        "Dock workers in Port Alden began a three-day strike over pay on Monday, halting all cargo ships.";
    let strike_too = "A three-day strike over pay by Port Alden dock workers halted cargo ships from Monday.";
    let huge = "The same sentence, again and again. ".repeat(40_000);
    let lines = [
        line("f1", "flood", "www.marwick-post.example", flood),
        line("f1-again", "flood", "www.marwick-post.example", flood),
        line("f2", "flood", "selva-news.example", flood_too),
        line("huge", "strike", "dump.example", &huge),
        line("s1", "strike", "alden-daily.example", strike),
        line("s2", "strike", "harbour-times.example", strike_too),
    ];
    let dir = tempfile::tempdir().unwrap();
    let (r, errors) = report_on_lines(dir.path(), "gold.jsonl", &lines);
    assert_eq!(
        (r["articles"].as_u64(), r["duplicates"].as_u64(), r["skipped"].as_u64()),
        (Some(5), Some(1), Some(1)),
        "{r}"
    );
    assert!(errors.contains("gold.jsonl:4: an article of 1.4 MiB"), "{errors}");
    assert_eq!(r["bcubed"]["f1"].as_f64(), Some(1.0), "{r}");
}
