//! SIGKILL in the middle of an ingest leaves a store that opens, holds only
//! whole articles, and a re-run stores exactly the missing ones.

mod common;

use common::{run, stderr, stdout};
use corroborate_store::{ArticleFilter, SqliteStore, Store};
use std::time::{Duration, Instant};

const FILES: usize = 6000;

fn write_corpus(dir: &std::path::Path) {
    let places = ["Port Calen", "Isle Marra", "Tarsk", "Velmora", "Ostrava Bay", "Lindqvist"];
    let topics =
        ["ferry fares", "school repairs", "harbour dredging", "night buses", "market hall", "water meters"];
    for i in 0..FILES {
        let place = places[i % places.len()];
        let topic = topics[(i / places.len()) % topics.len()];
        let text = format!(
            "{place} council debates {topic}, item {i}\n\nCouncillors in {place} debated {topic} on day {i} of the \
             session. The motion number {i} was tabled by the finance committee and will return next week \
             with amendments from the opposition benches.\n"
        );
        std::fs::write(dir.join(format!("article-{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn killed_ingest_resumes_without_loss_or_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    write_corpus(&input);
    let db = dir.path().join("store.db");
    let log = dir.path().join("stderr.txt");

    let mut child = common::bin()
        .arg("--db")
        .arg(&db)
        .args(["ingest", input.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    // Wait until the first batch is committed, then kill without warning.
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let printed = std::fs::read_to_string(&log).unwrap_or_default();
            panic!("the ingest ended ({status}) before it could be killed:\n{printed}");
        }
        let stored = db.exists() && SqliteStore::open(&db).and_then(|s| s.article_count()).unwrap_or(0) > 0;
        if stored || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let store = SqliteStore::open(&db).expect("store opens after SIGKILL");
    let before = store.article_count().unwrap() as usize;
    assert!(before > 0, "nothing was committed before the kill");
    assert!(before < FILES, "the ingest finished before it could be killed; make the corpus larger");
    let stories: Vec<i64> = store.stories().unwrap().iter().map(|s| s.id).collect();
    for a in store.articles(&ArticleFilter::default()).unwrap() {
        assert!(!a.body.is_empty() && !a.sentences.is_empty(), "half-stored article {}", a.id);
        assert!(stories.contains(&a.story.unwrap()), "article {} in a story that was not stored", a.id);
    }
    drop(store);

    let o = run(&db, &["ingest", "--json", input.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["stored"].as_u64().unwrap() as usize, FILES - before);
    assert_eq!(report["already_stored"].as_u64().unwrap() as usize, before);
    let store = SqliteStore::open(&db).unwrap();
    assert_eq!(store.article_count().unwrap() as usize, FILES);
}
