//! A folder of mixed good and bad inputs: each bad one gets one error line
//! naming it, the rest is stored, the exit code is 1.

mod common;

use common::{json, run, stderr};
use std::io::Write;

const STORY: &str = "Harbour workers end strike\n\nDock workers in Port Calen voted on Monday to end a \
    nine-day strike after the port authority agreed to raise night-shift pay by 8 percent. The union \
    said ships would be unloaded again from Tuesday.\n";

#[test]
fn bad_inputs_are_reported_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("good.txt"), STORY).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    std::fs::write(input.join("image.txt"), [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3, 0, 0, 0xff])
        .unwrap();
    // A gzip stream cut in the middle.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(STORY.repeat(20).as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(input.join("cut.txt.gz"), &gz[..gz.len() / 2]).unwrap();
    // JSON lines, one malformed between two good ones.
    let lines = [
        r#"{"title": "Ferry service resumes", "maintext": "The ferry between Port Calen and Isle Marra resumed on Monday after storm repairs to the pier were finished ahead of schedule.", "source_domain": "calen-observer.example"}"#,
        r#"{"title": "Broken record", "maintext": "unterminated"#,
        r#"{"title": "Council approves budget", "maintext": "The Port Calen council approved a budget that adds two buses to the night routes and repairs the old market hall.", "source_domain": "calen-observer.example"}"#,
    ];
    std::fs::write(input.join("feed.jsonl"), lines.join("\n")).unwrap();
    // Windows-1252: curly quotes and an e acute as single bytes.
    std::fs::write(
        input.join("legacy.txt"),
        b"Caf\xe9 owners protest new rules\n\n\x93We were not asked,\x94 said the owner of the Caf\xe9 Marra on the harbour front, where the new rules limit terrace seating.\n",
    )
    .unwrap();

    let db = dir.path().join("store.db");
    let o = run(&db, &["ingest", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "exit code: {}", stderr(&o));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 4, "one line per bad input:\n{err}");
    for (file, reason) in
        [("empty.txt", "empty"), ("image.txt", "binary"), ("cut.txt.gz", "gzip"), ("feed.jsonl:2", "JSON")]
    {
        assert!(
            errors.iter().any(|l| l.contains(file) && l.contains(reason)),
            "no error naming {file} and {reason}:\n{err}"
        );
    }
    let articles = json(&db, &["articles", "--json"]);
    let titles: Vec<&str> =
        articles.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 4, "{titles:?}");
    for t in [
        "Harbour workers end strike",
        "Ferry service resumes",
        "Council approves budget",
        "Café owners protest new rules",
    ] {
        assert!(titles.contains(&t), "{t} not stored: {titles:?}");
    }
    let legacy =
        articles.as_array().unwrap().iter().find(|a| a["title"] == "Café owners protest new rules").unwrap();
    assert!(legacy["body"].as_str().unwrap().starts_with("“We were not asked,” said"));
    assert!(legacy["flags"].as_array().unwrap().iter().any(|f| f["kind"] == "legacy-encoding"));
}

#[test]
fn a_missing_path_is_an_error_and_a_usage_error_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let o = run(&db, &["ingest", dir.path().join("nowhere").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nowhere"));
    let usage = run(&db, &["ingest"]);
    assert_eq!(usage.status.code(), Some(2));
    let unknown = run(&db, &["frobnicate"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let mut child = common::bin()
        .arg("--db")
        .arg(&db)
        .args(["ingest", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(STORY.as_bytes()).unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    let articles = json(&db, &["articles", "--json"]);
    assert_eq!(articles[0]["title"], "Harbour workers end strike");
}

#[test]
fn a_user_outlet_file_names_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("story.txt"), format!("{STORY}\nSource: PCOBS\n")).unwrap();
    let outlets = dir.path().join("outlets.tsv");
    std::fs::write(&outlets, "PCOBS\tPort Calen Observer\n").unwrap();
    let db = dir.path().join("store.db");
    let o = common::bin()
        .arg("--db")
        .arg(&db)
        .arg("--outlets")
        .arg(&outlets)
        .args(["ingest", input.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&db, &["articles", "--json"])[0]["outlet"], "Port Calen Observer");
    let missing = run(&db, &["--outlets", "/nonexistent/outlets.tsv", "stories"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("outlets.tsv"));
}

#[test]
fn files_that_hold_no_articles_are_left_out_of_a_folder_and_named_in_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corpus");
    std::fs::create_dir_all(input.join("annotations")).unwrap();
    std::fs::write(input.join("strike.txt"), STORY).unwrap();
    std::fs::write(input.join("annotations/strike.ann"), "T1\tSource 0 4\tDock workers\n").unwrap();
    std::fs::write(input.join("annotations/ferry.ann"), "T1\tCue 5 9\tsaid\n").unwrap();
    std::fs::write(input.join("metadata.tsv"), "file\toutlet\nstrike.txt\tCalen Observer\n").unwrap();

    let db = dir.path().join("store.db");
    let o = run(&db, &["ingest", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("note: skipped 3 files of kinds that hold no articles (.ann 2, .tsv 1)"),
        "{}",
        stderr(&o)
    );
    let articles = json(&db, &["articles", "--json"]);
    assert_eq!(articles.as_array().unwrap().len(), 1, "{articles}");

    // Named on the command line, an annotation file is read like any other.
    let ann = input.join("annotations/strike.ann");
    let o = run(&db, &["ingest", "--json", ann.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["stored"], 1, "{report}");
    assert_eq!(report["skipped"], serde_json::json!([]));
}

#[test]
fn outlets_get_one_name_with_or_without_a_user_file_so_re_ingesting_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"title": "Ferry service resumes", "maintext": "The ferry between Port Calen and Isle Marra resumed on Monday after storm repairs to the pier.", "source_domain": "NYT"}"#,
        r#"{"title": "Council approves budget", "maintext": "The Port Calen council approved a budget that adds two buses to the night routes.", "url": "https://articles.latimes.com/2026/03/04/budget"}"#,
    ];
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, lines.join("\n")).unwrap();
    let outlets = dir.path().join("outlets.tsv");
    std::fs::write(&outlets, "PCOBS\tPort Calen Observer\n").unwrap();
    let db = dir.path().join("store.db");
    assert!(run(&db, &["ingest", input.to_str().unwrap()]).status.success());
    let names: Vec<String> = json(&db, &["articles", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outlet"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["The New York Times", "Los Angeles Times"]);

    let again =
        run(&db, &["--outlets", outlets.to_str().unwrap(), "ingest", "--json", input.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        (report["stored"].as_u64(), report["already_stored"].as_u64()),
        (Some(0), Some(2)),
        "{report}"
    );
}
