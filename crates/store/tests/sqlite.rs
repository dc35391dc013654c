//! Behaviour of the SQLite store through the `Store` trait, in memory and on disk.

use corroborate_model::{
    Article, EntityKind, Extraction, Flag, FlagKind, Mention, QuoteMention, Repair, RepairKind, Span,
};
use corroborate_store::{ArticleFilter, Batch, SqliteStore, Store, StoreError, StoredArticle, StoryRecord};

fn article(id: &str, story: i64, title: &str) -> StoredArticle {
    StoredArticle {
        article: Article {
            id: id.to_string(),
            story: Some(story),
            wire_group: None,
            title: title.to_string(),
            outlet: None,
            url: None,
            published: None,
            authors: vec![],
            language: None,
            credited_to: None,
            cites: vec![],
            body: format!("{title}. The council met on Tuesday."),
            sentences: vec![],
            repairs: vec![],
            flags: vec![],
            origin: format!("feeds/{id}.json"),
        },
        extraction: Extraction::default(),
        signature: vec![1, 2, 3],
    }
}

/// An article with every field set.
fn full_article() -> StoredArticle {
    let body = "Harbor Authority chief Mira Okonkwo said the port “will reopen Monday”. \
                Ships waited offshore.";
    StoredArticle {
        article: Article {
            id: "7f3a9c01d2e4b5a6".into(),
            story: Some(4),
            wire_group: Some("11aa22bb33cc44dd".into()),
            title: "Port of Valmere to reopen after storm".into(),
            outlet: Some("Valmere Courier".into()),
            url: Some("https://courier.example/port-reopens".into()),
            published: Some("2024-03-11T08:30:00Z".into()),
            authors: vec!["Ines Darrow".into(), "Tomas Pell".into()],
            language: Some("en".into()),
            credited_to: Some("Northwire".into()),
            cites: vec!["northwire.example".into()],
            body: body.into(),
            sentences: vec![Span::new(0, 75), Span::new(76, body.len())],
            repairs: vec![Repair {
                kind: RepairKind::Mojibake,
                before_span: Span::new(50, 57),
                after_span: Span::new(50, 53),
                before: "â€œ".into(),
                after: "“".into(),
            }],
            flags: vec![
                Flag::new(FlagKind::LegacyEncoding, "decoded as windows-1252"),
                Flag::at(FlagKind::AmbiguousRepair, "unclear quote mark", Span::new(71, 74)),
            ],
            origin: "feeds/courier.jsonl:17".into(),
        },
        extraction: Extraction {
            mentions: vec![Mention {
                text: "Mira Okonkwo".into(),
                kind: EntityKind::Person,
                span: Span::new(23, 35),
                role: Some("Harbor Authority chief".into()),
                role_span: Some(Span::new(0, 22)),
            }],
            quotes: vec![QuoteMention {
                text: "will reopen Monday".into(),
                span: Span::new(53, 71),
                speaker: Some("Mira Okonkwo".into()),
                speaker_span: Some(Span::new(23, 35)),
                cue: Some("said".into()),
            }],
        },
        signature: vec![0, 1, 0xdead_beef, u32::MAX],
    }
}

fn story(id: i64, title: &str) -> StoryRecord {
    StoryRecord {
        id,
        title: title.to_string(),
        first_published: Some("2024-03-10".into()),
        last_published: Some("2024-03-11T08:30:00Z".into()),
        profile: vec![id as u8, 0, 255],
    }
}

fn batch(articles: Vec<StoredArticle>, stories: Vec<StoryRecord>) -> Batch {
    Batch { articles, stories, term_df: vec![], doc_count: 0 }
}

#[test]
fn every_field_survives_a_round_trip() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let full = full_article();
    let other = article("0b0b0b0b", 5, "Ferry fares rise");
    store
        .commit(&batch(vec![full.clone(), other.clone()], vec![story(4, "Port"), story(5, "Ferry")]))
        .unwrap();

    assert_eq!(store.article(&full.article.id).unwrap(), Some(full.clone()));
    assert_eq!(store.article("ffffffff").unwrap(), None);
    assert!(store.contains(&full.article.id).unwrap());
    assert!(!store.contains("7f3a").unwrap());
    assert_eq!(
        store.articles(&ArticleFilter::default()).unwrap(),
        vec![full.article.clone(), other.article.clone()]
    );
    assert_eq!(store.articles(&ArticleFilter { story: Some(4) }).unwrap(), vec![full.article.clone()]);
    assert_eq!(store.story_articles(4).unwrap(), vec![(full.article.clone(), full.extraction.clone())]);
    assert_eq!(store.story_articles(6).unwrap(), vec![]);
}

#[test]
fn committing_the_same_articles_twice_keeps_the_first_version() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let first = batch(
        vec![article("aaaa0001", 1, "Dam inspection ordered"), article("aaaa0002", 1, "Dam")],
        vec![story(1, "Dam")],
    );
    store.commit(&first).unwrap();
    store.commit(&first).unwrap();
    assert_eq!(store.article_count().unwrap(), 2);

    let mut changed = first.clone();
    changed.articles[0].article.title = "Rewritten title".into();
    changed.articles[0].signature = vec![9, 9, 9];
    store.commit(&changed).unwrap();
    assert_eq!(store.article_count().unwrap(), 2);
    assert_eq!(store.article("aaaa0001").unwrap(), Some(first.articles[0].clone()));
}

#[test]
fn stories_are_upserted_and_listed_by_id() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    store.commit(&batch(vec![], vec![story(3, "Strike"), story(1, "Flood")])).unwrap();
    let mut renamed = story(3, "Rail strike enters second week");
    renamed.profile = vec![7; 40];
    renamed.last_published = Some("2024-03-14".into());
    store.commit(&batch(vec![], vec![renamed.clone(), story(2, "Fire")])).unwrap();

    assert_eq!(store.story(3).unwrap(), Some(renamed.clone()));
    assert_eq!(store.story(9).unwrap(), None);
    assert_eq!(store.stories().unwrap(), vec![story(1, "Flood"), story(2, "Fire"), renamed]);
}

#[test]
fn load_index_returns_the_committed_state_in_arrival_order() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    assert_eq!(store.load_index().unwrap(), Default::default());

    let mut head = article("ffff0001", 2, "Bridge closed");
    head.article.wire_group = Some("ffff0001".into());
    head.signature = vec![10, 20];
    let mut copy = article("0000aaaa", 2, "Bridge closed");
    copy.article.wire_group = Some("ffff0001".into());
    copy.signature = vec![10, 21];
    store
        .commit(&Batch {
            articles: vec![head, copy],
            stories: vec![story(2, "Bridge")],
            term_df: vec![("bridg".into(), 2), ("clos".into(), 2)],
            doc_count: 2,
        })
        .unwrap();
    let mut late = article("8888bbbb", 1, "Ferry delayed");
    late.signature = vec![];
    store
        .commit(&Batch {
            articles: vec![late],
            stories: vec![story(1, "Ferry")],
            term_df: vec![("ferri".into(), 1), ("bridg".into(), 3)],
            doc_count: 3,
        })
        .unwrap();

    let index = store.load_index().unwrap();
    assert_eq!(
        index.signatures,
        vec![
            ("ffff0001".into(), 2, Some("ffff0001".into()), vec![10, 20]),
            ("0000aaaa".into(), 2, Some("ffff0001".into()), vec![10, 21]),
            ("8888bbbb".into(), 1, None, vec![]),
        ]
    );
    assert_eq!(index.stories, vec![story(1, "Ferry"), story(2, "Bridge")]);
    assert_eq!(index.term_df, vec![("bridg".into(), 3), ("clos".into(), 2), ("ferri".into(), 1)]);
    assert_eq!(index.doc_count, 3);
}

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
fn resolve_article_needs_a_unique_prefix_of_four_characters() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let ids = ["a1b2c3d4e5", "a1b2ff0011", "c0ffee1234", "c0ffee12"];
    let articles = ids.iter().map(|id| article(id, 1, "Storm")).collect();
    store.commit(&batch(articles, vec![story(1, "Storm")])).unwrap();

    assert_eq!(store.resolve_article("a1b2c").unwrap(), Some("a1b2c3d4e5".into()));
    assert_eq!(store.resolve_article("a1b2f").unwrap(), Some("a1b2ff0011".into()));
    assert_eq!(store.resolve_article("a1b2").unwrap(), None, "ambiguous");
    assert_eq!(store.resolve_article("c0ffee1234").unwrap(), Some("c0ffee1234".into()));
    assert_eq!(store.resolve_article("c0ffee12").unwrap(), None, "exact id that prefixes another");
    assert_eq!(store.resolve_article("a1b").unwrap(), None, "too short");
    assert_eq!(store.resolve_article("b000").unwrap(), None);
    assert_eq!(store.resolve_article("ffff").unwrap(), None);
}

#[test]
fn a_failing_batch_leaves_nothing_behind() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let kept = Batch {
        articles: vec![article("1111aaaa", 1, "Flood warning")],
        stories: vec![story(1, "Flood")],
        term_df: vec![("flood".into(), 1)],
        doc_count: 1,
    };
    store.commit(&kept).unwrap();
    let before = store.load_index().unwrap();

    // The second article has no story, which the schema refuses.
    let mut unassigned = article("3333cccc", 2, "Levee breach");
    unassigned.article.story = None;
    let broken = Batch {
        articles: vec![article("2222bbbb", 2, "Levee breach"), unassigned],
        stories: vec![story(2, "Levee"), story(1, "Renamed flood")],
        term_df: vec![("flood".into(), 3), ("leve".into(), 2)],
        doc_count: 3,
    };
    let err = store.commit(&broken).unwrap_err();
    assert!(err.to_string().contains("NOT NULL constraint failed: articles.story"), "{err}");

    // An article whose story was never stored is refused as well.
    let orphan = batch(vec![article("4444dddd", 77, "Orphan")], vec![story(3, "Other")]);
    let err = store.commit(&orphan).unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY constraint failed"), "{err}");

    assert_eq!(store.load_index().unwrap(), before);
    assert_eq!(store.article_count().unwrap(), 1);
    assert!(!store.contains("2222bbbb").unwrap());
    assert_eq!(store.story(1).unwrap(), Some(story(1, "Flood")));

    // The store is still usable after the failures.
    store.commit(&batch(vec![article("2222bbbb", 2, "Levee")], vec![story(2, "Levee")])).unwrap();
    assert_eq!(store.article_count().unwrap(), 2);
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
