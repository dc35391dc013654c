//! Stores, batches and the online index state: what the engine writes and reads back.

use corroborate_store::{ArticleFilter, Batch, Store, StoreError};

use super::{article, batch, full_article, story};

pub fn every_field_survives_a_round_trip(mut store: impl Store) {
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
    assert_eq!(
        store.articles(&ArticleFilter { story: Some(4), ..ArticleFilter::default() }).unwrap(),
        vec![full.article.clone()]
    );
    assert_eq!(store.story_articles(4).unwrap(), vec![(full.article.clone(), full.extraction.clone())]);
    assert_eq!(store.story_articles(6).unwrap(), vec![]);
}

pub fn a_story_is_read_from_any_arrival_position(mut store: impl Store) {
    let ids = ["c0000001", "c0000002", "c0000003"];
    for id in ids {
        store.commit(&batch(vec![article(id, 3, "Flood")], vec![story(3, "Flood")])).unwrap();
    }
    store.commit(&batch(vec![article("d0000001", 4, "Port")], vec![story(4, "Port")])).unwrap();
    let read = |skip| -> Vec<String> {
        store.story_articles_from(3, skip).unwrap().into_iter().map(|(a, _)| a.id).collect()
    };
    assert_eq!(read(0), ids);
    assert_eq!(read(2), ids[2..]);
    assert_eq!(read(3), Vec::<String>::new());
    assert_eq!(read(u64::MAX), Vec::<String>::new());
}

pub fn committing_the_same_articles_twice_keeps_the_first_version(mut store: impl Store) {
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

pub fn stories_are_upserted_and_listed_by_id(mut store: impl Store) {
    store.commit(&batch(vec![], vec![story(3, "Strike"), story(1, "Flood")])).unwrap();
    let mut renamed = story(3, "Rail strike enters second week");
    renamed.profile = vec![7; 40];
    renamed.last_published = Some("2024-03-14".into());
    store.commit(&batch(vec![], vec![renamed.clone(), story(2, "Fire")])).unwrap();

    assert_eq!(store.story(3).unwrap(), Some(renamed.clone()));
    assert_eq!(store.story(9).unwrap(), None);
    assert_eq!(store.stories().unwrap(), vec![story(1, "Flood"), story(2, "Fire"), renamed]);
}

pub fn load_index_returns_the_committed_state_in_arrival_order(mut store: impl Store) {
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

pub fn resolve_article_needs_a_unique_prefix_of_four_characters(mut store: impl Store) {
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

pub fn a_failing_batch_leaves_nothing_behind(mut store: impl Store) {
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
    assert!(is_constraint_error(&err, "story"), "{err}");

    // An article whose story was never stored is refused as well.
    let orphan = batch(vec![article("4444dddd", 77, "Orphan")], vec![story(3, "Other")]);
    let err = store.commit(&orphan).unwrap_err();
    assert!(is_constraint_error(&err, "foreign key"), "{err}");

    assert_eq!(store.load_index().unwrap(), before);
    assert_eq!(store.article_count().unwrap(), 1);
    assert!(!store.contains("2222bbbb").unwrap());
    assert_eq!(store.story(1).unwrap(), Some(story(1, "Flood")));

    // The store is still usable after the failures.
    store.commit(&batch(vec![article("2222bbbb", 2, "Levee")], vec![story(2, "Levee")])).unwrap();
    assert_eq!(store.article_count().unwrap(), 2);
}

/// Whether `err` is the database refusing a write for a constraint that
/// `hint` names (the wording differs between backends, the hint does not).
fn is_constraint_error(err: &StoreError, hint: &str) -> bool {
    let message = err.to_string().to_lowercase();
    matches!(err, StoreError::Sqlite(_) | StoreError::Postgres(_)) && message.contains(hint)
}
