//! The SQLite store: the shared suite in memory, and what only a file shows.

mod suite;

use corroborate_store::{Batch, SqliteStore, Store, StoreError};
use suite::{article, full_article, nth, story};

fn in_memory(_test: &str) -> Option<SqliteStore> {
    Some(SqliteStore::open_in_memory().unwrap())
}

store_suite!(in_memory);

#[test]
fn reopening_the_file_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.db");
    let full = full_article();
    let committed = Batch {
        articles: vec![full.clone(), article("12345678", 5, "Ferry fares rise")],
        stories: vec![story(4, "Port"), story(5, "Ferry")],
        term_df: vec![("port".into(), 1)],
        doc_count: 2,
    };
    let before = {
        let mut store = SqliteStore::open(&path).unwrap();
        store.commit(&committed).unwrap();
        store.load_index().unwrap()
    };

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.load_index().unwrap(), before);
    assert_eq!(store.article(&full.article.id).unwrap(), Some(full));
    assert_eq!(store.article_count().unwrap(), 2);
    assert_eq!(store.stories().unwrap(), committed.stories);

    let raw = rusqlite::Connection::open(&path).unwrap();
    let mode: String = raw.query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_snapshot_reads_the_store_as_of_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.db");
    let mut writer = SqliteStore::open(&path).unwrap();
    let first = nth(1, "aaaaaaaa", "Port reopens");
    writer.commit(&first).unwrap();
    let snapshot = SqliteStore::open_snapshot(&path).unwrap();
    writer.commit(&nth(2, "bbbbbbbb", "Ferry fares rise")).unwrap();
    // The snapshot still sees the first commit only, in every query.
    assert_eq!(snapshot.article_count().unwrap(), 1);
    assert_eq!(snapshot.stories().unwrap(), first.stories);
    assert!(snapshot.article("bbbbbbbb").unwrap().is_none());
    // A store opened now sees both.
    let now = SqliteStore::open(&path).unwrap();
    assert_eq!(now.article_count().unwrap(), 2);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let text = "Meeting notes, 11 March: the harbor reopens Monday.\n".repeat(20);
    std::fs::write(&path, &text).unwrap();

    match SqliteStore::open(&path) {
        Err(StoreError::Open { path: shown, reason }) => {
            assert_eq!(shown, path.display().to_string());
            assert_eq!(reason, "not a corroborate database: file is not a database");
        }
        Err(other) => panic!("unexpected error: {other}"),
        Ok(_) => panic!("a text file opened as a database"),
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_sqlite_file_of_another_program_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("CREATE TABLE notes (body TEXT)").unwrap();
    drop(raw);

    let err = SqliteStore::open(&path).err().expect("refused");
    let message = err.to_string();
    assert!(message.starts_with(&path.display().to_string()), "{message}");
    assert!(message.contains("not a corroborate database"), "{message}");
}

#[test]
fn a_missing_directory_is_reported_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent").join("corpus.db");
    match SqliteStore::open(&path) {
        Err(StoreError::Open { path: shown, .. }) => assert_eq!(shown, path.display().to_string()),
        Err(other) => panic!("unexpected error: {other}"),
        Ok(_) => panic!("opened a database in a missing directory"),
    }
}

#[test]
fn a_newer_schema_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.db");
    drop(SqliteStore::open(&path).unwrap());
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE schema_version SET version = 99", []).unwrap();
    drop(raw);

    match SqliteStore::open(&path) {
        Err(StoreError::TooNew { found, supported }) => {
            assert_eq!(found, 99);
            assert!(supported < 99);
        }
        Err(other) => panic!("unexpected error: {other}"),
        Ok(_) => panic!("opened a database from the future"),
    }
}

#[test]
fn a_store_of_version_6_gets_the_index_of_placements_and_keeps_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.db");
    let before = {
        let mut store = SqliteStore::open(&path).unwrap();
        let articles = vec![article("aaaa0001", 1, "Dam opens"), article("aaaa0002", 1, "Dam opens")];
        store.commit(&Batch { articles, stories: vec![story(1, "Dam")], ..Batch::default() }).unwrap();
        store.load_index().unwrap()
    };
    let index_count = |raw: &rusqlite::Connection| -> i64 {
        let sql = "SELECT count(*) FROM sqlite_master WHERE name = 'articles_placement'";
        raw.query_row(sql, [], |row| row.get(0)).unwrap()
    };
    let raw = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(index_count(&raw), 1);
    raw.execute_batch("DROP INDEX articles_placement; UPDATE schema_version SET version = 6").unwrap();
    drop(raw);

    let store = SqliteStore::open(&path).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(index_count(&raw), 1);
    let version: i64 = raw.query_row("SELECT version FROM schema_version", [], |row| row.get(0)).unwrap();
    assert_eq!(version, 7);
    assert_eq!(store.load_index().unwrap(), before);
}
