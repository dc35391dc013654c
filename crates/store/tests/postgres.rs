//! The PostgreSQL store: the shared suite, and what only a shared server shows
//! (concurrent writers, migrations racing, connections cut under load).
//!
//! These tests need a server: `CORROBORATE_TEST_POSTGRES` names a database
//! whose user may create databases (`bash .ci/postgres.sh cargo test -p
//! corroborate-store` starts a throwaway one). Without it they pass without
//! checking anything and say so on standard error. Each test works in a
//! database of its own, dropped and created anew, so they run in parallel.

mod suite;

use std::io::Write;
use std::path::Path;
use std::sync::Once;
use std::thread;

use corroborate_store::{
    AnyStore, Batch, PostgresStore, SqliteStore, Store, StoreError, StoryQuery, StorySort,
};
use postgres::{Client, NoTls};
use suite::{article, batch, full_article, nth, story};

/// The URL of a new, empty database for the test `name`, or `None` (with a
/// note) when no server is configured.
fn fresh_database(name: &str) -> Option<String> {
    let Ok(base) = std::env::var("CORROBORATE_TEST_POSTGRES") else {
        static SAID: Once = Once::new();
        SAID.call_once(|| {
            let note = "CORROBORATE_TEST_POSTGRES is not set: PostgreSQL tests check nothing \
                        (run them with `bash .ci/postgres.sh cargo test -p corroborate-store`)";
            let _ = writeln!(std::io::stderr(), "{note}");
        });
        return None;
    };
    let db: String = format!("t_{name}").chars().take(63).collect();
    let mut admin = Client::connect(&base, NoTls).expect("CORROBORATE_TEST_POSTGRES accepts connections");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db} TEMPLATE template0")).unwrap();
    let (server, _) = base.rsplit_once('/').expect("a URL with a database name");
    Some(format!("{server}/{db}"))
}

fn open(name: &str) -> Option<PostgresStore> {
    fresh_database(name).map(|url| PostgresStore::connect(&url).unwrap())
}

store_suite!(open);

#[test]
fn the_url_chooses_postgres() {
    let Some(url) = fresh_database("the_url_chooses_postgres") else { return };
    let store = AnyStore::open(Path::new(&url)).unwrap();
    assert!(matches!(store, AnyStore::Postgres(_)));
    assert_eq!(store.last_seq().unwrap(), 0);
}

#[test]
fn a_snapshot_reads_the_store_as_of_one_commit() {
    let Some(url) = fresh_database("a_snapshot_reads_the_store_as_of_one_commit") else { return };
    let mut writer = PostgresStore::connect(&url).unwrap();
    let first = nth(1, "aaaaaaaa", "Port reopens");
    writer.commit(&first).unwrap();
    let snapshot = AnyStore::open_snapshot(Path::new(&url)).unwrap();
    writer.commit(&nth(2, "bbbbbbbb", "Ferry fares rise")).unwrap();
    // The snapshot still sees the first commit only, in every query.
    assert_eq!(snapshot.article_count().unwrap(), 1);
    assert_eq!(snapshot.stories().unwrap(), first.stories);
    assert!(snapshot.article("bbbbbbbb").unwrap().is_none());
    // A store opened now sees both.
    let now = PostgresStore::connect(&url).unwrap();
    assert_eq!(now.article_count().unwrap(), 2);
    // Its connection cut, the snapshot does not read on another, later one.
    let mut admin = Client::connect(&url, NoTls).unwrap();
    let cut = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
               WHERE datname = current_database() AND state = 'idle in transaction'";
    let cut: i64 = admin.query_one(cut, &[]).unwrap().get(0);
    assert_eq!(cut, 1);
    for _ in 0..2 {
        assert!(matches!(snapshot.article_count(), Err(StoreError::SnapshotLost)));
    }
}

#[test]
fn both_backends_read_back_the_same_values() {
    let Some(url) = fresh_database("both_backends_read_back_the_same_values") else { return };
    let mut pg = PostgresStore::connect(&url).unwrap();
    let mut lite = SqliteStore::open_in_memory().unwrap();
    let mut second = article("0b0b0b0b", 4, "Port reopens, ferries wait");
    second.article.outlet = Some("Northwire".into());
    let batches = [
        Batch {
            articles: vec![full_article(), article("5a5a5a5a", 5, "Ferry fares rise")],
            stories: vec![story(5, "Ferry"), story(4, "Port")],
            term_df: vec![("port".into(), 1), ("ferri".into(), 1), ("ü-umlaut".into(), 7)],
            doc_count: 2,
        },
        Batch {
            articles: vec![second],
            stories: vec![story(4, "Port reopens")],
            term_df: vec![],
            doc_count: 3,
        },
    ];
    for b in &batches {
        pg.commit(b).unwrap();
        lite.commit(b).unwrap();
    }
    assert_eq!(pg.load_index().unwrap(), lite.load_index().unwrap());
    assert_eq!(pg.articles(&Default::default()).unwrap(), lite.articles(&Default::default()).unwrap());
    assert_eq!(pg.story_articles(4).unwrap(), lite.story_articles(4).unwrap());
    for sort in [StorySort::Latest, StorySort::Size] {
        let q = StoryQuery { sort, limit: 10, ..StoryQuery::default() };
        assert_eq!(pg.story_page(&q).unwrap(), lite.story_page(&q).unwrap());
    }
    let ids = |page: corroborate_store::Page<corroborate_store::SearchHit>| {
        page.items.into_iter().map(|h| h.article.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(pg.search("port", 0, 10).unwrap()).len(), 2);
    assert_eq!(ids(pg.search("okonkwo", 0, 10).unwrap()), ids(lite.search("okonkwo", 0, 10).unwrap()));
}

#[test]
fn concurrent_writers_store_each_article_once() {
    let Some(url) = fresh_database("concurrent_writers_store_each_article_once") else { return };
    let store = PostgresStore::connect(&url).unwrap();
    store_stories(&url, 4);
    // Three writers commit overlapping batches: writer w stores articles
    // [100 w, 100 w + 200), so every article but the first and last hundred
    // is sent by two or three writers at once.
    thread::scope(|scope| {
        for w in 0..3u32 {
            let url = url.clone();
            scope.spawn(move || {
                let mut writer = PostgresStore::connect(&url).unwrap();
                for chunk in (100 * w..100 * w + 200).collect::<Vec<_>>().chunks(25) {
                    let articles = chunk
                        .iter()
                        .map(|n| article(&format!("{n:08x}"), i64::from(n % 4), "Flood"))
                        .collect();
                    writer.commit(&batch(articles, vec![])).unwrap();
                }
            });
        }
    });
    assert_eq!(store.article_count().unwrap(), 400);
    let page = store.story_page(&StoryQuery { limit: 10, ..StoryQuery::default() }).unwrap();
    let mut counts: Vec<(i64, u64)> = page.items.iter().map(|s| (s.id, s.articles)).collect();
    counts.sort();
    assert_eq!(counts, [(0, 100), (1, 100), (2, 100), (3, 100)]);
    let seqs: Vec<u64> = store.articles_since(0, 1000).unwrap().iter().map(|h| h.seq).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(store.last_seq().unwrap(), *seqs.last().unwrap());
}

/// What the server's event streams do: follow `articles_since(last seen)`.
/// Arrival numbers must become visible in order, or a reader that has seen
/// a later one skips an earlier one committed after it.
#[test]
fn a_reader_following_arrival_numbers_misses_nothing_under_concurrent_writers() {
    let Some(url) = fresh_database("a_reader_following_arrival_numbers") else { return };
    store_stories(&url, 3);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let seen = thread::scope(|scope| {
        for w in 0..3u32 {
            let (url, done) = (url.clone(), &done);
            scope.spawn(move || {
                let mut writer = PostgresStore::connect(&url).unwrap();
                for chunk in (1000 * w..1000 * w + 600).collect::<Vec<_>>().chunks(20) {
                    let articles =
                        chunk.iter().map(|n| article(&format!("{n:08x}"), i64::from(w), "Flood")).collect();
                    writer.commit(&batch(articles, vec![])).unwrap();
                }
                done.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            });
        }
        let reader = PostgresStore::connect(&url).unwrap();
        let mut seen = Vec::new();
        let mut last = 0;
        loop {
            // Read whether the writers are done before reading: the last read then sees everything.
            let finished = done.load(std::sync::atomic::Ordering::SeqCst) == 3;
            let heads = reader.articles_since(last, 1000).unwrap();
            if let Some(h) = heads.last() {
                last = h.seq;
            }
            seen.extend(heads.into_iter().map(|h| h.id));
            if finished {
                break seen;
            }
        }
    });
    assert_eq!(seen.len(), 1800, "the reader saw {} of 1800 articles", seen.len());
    let distinct: std::collections::BTreeSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), 1800);
}

fn store_stories(url: &str, n: i64) {
    let mut store = PostgresStore::connect(url).unwrap();
    store.commit(&batch(vec![], (0..n).map(|id| story(id, "Flood")).collect())).unwrap();
}

#[test]
fn processes_starting_together_migrate_once() {
    let Some(url) = fresh_database("processes_starting_together_migrate_once") else { return };
    thread::scope(|scope| {
        let openers: Vec<_> =
            (0..4).map(|_| scope.spawn(|| PostgresStore::connect(&url).map(drop))).collect();
        for opener in openers {
            opener.join().unwrap().unwrap();
        }
    });
    let mut raw = Client::connect(&url, NoTls).unwrap();
    let versions: Vec<i64> =
        raw.query("SELECT version FROM schema_version", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    assert_eq!(versions.len(), 1);
    assert!(versions[0] >= 2);
}

#[test]
fn a_connection_cut_by_the_server_is_replaced() {
    let Some(url) = fresh_database("a_connection_cut_by_the_server_is_replaced") else { return };
    let mut store = PostgresStore::connect(&url).unwrap();
    store.commit(&batch(vec![article("c0c0c0c0", 1, "Storm")], vec![story(1, "Storm")])).unwrap();
    let mut admin = Client::connect(&url, NoTls).unwrap();
    let cut = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
               WHERE datname = current_database() AND pid <> pg_backend_pid()";
    let cut_count: i64 = admin.query_one(cut, &[]).unwrap().get(0);
    assert!(cut_count >= 1);
    assert!(store.contains("c0c0c0c0").unwrap());
    admin.query_one(cut, &[]).unwrap();
    store.commit(&batch(vec![article("d0d0d0d0", 1, "Storm")], vec![])).unwrap();
    assert_eq!(store.article_count().unwrap(), 2);
}

#[test]
fn a_newer_schema_version_is_refused() {
    let Some(url) = fresh_database("a_newer_schema_version_is_refused") else { return };
    drop(PostgresStore::connect(&url).unwrap());
    Client::connect(&url, NoTls).unwrap().batch_execute("UPDATE schema_version SET version = 99").unwrap();
    match PostgresStore::connect(&url) {
        Err(StoreError::TooNew { found, supported }) => assert_eq!((found, supported < 99), (99, true)),
        Err(other) => panic!("unexpected error: {other}"),
        Ok(_) => panic!("opened a database from the future"),
    }
}

#[test]
fn a_database_of_another_program_is_refused_untouched() {
    let Some(url) = fresh_database("a_database_of_another_program_is_refused_untouched") else { return };
    let mut raw = Client::connect(&url, NoTls).unwrap();
    raw.batch_execute("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('harbor reopens')").unwrap();
    let err = PostgresStore::connect(&url).err().expect("refused");
    assert!(err.to_string().contains("not a corroborate database"), "{err}");
    let tables: i64 = raw
        .query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", &[])
        .unwrap()
        .get(0);
    assert_eq!(tables, 1);
}

#[test]
fn an_unreachable_server_is_reported_without_its_password() {
    // Port 1 of the loopback address: nothing listens there.
    let err = PostgresStore::connect("postgres://news:s3cret@127.0.0.1:1/corpus").err().expect("refused");
    let message = err.to_string();
    assert!(message.starts_with("postgres://news:***@127.0.0.1:1/corpus: "), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
}
