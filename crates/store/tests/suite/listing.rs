//! Listing, full-text search and arrival order: the queries the HTTP API reads.

use corroborate_model::{Article, Extraction};
use corroborate_store::{
    articles_in_pages, ArticleFilter, Batch, Store, StoredArticle, StoryQuery, StoryRecord, StorySort,
};

fn article(id: &str, story: i64, outlet: &str, date: &str, title: &str, body: &str) -> StoredArticle {
    StoredArticle {
        article: Article {
            id: id.into(),
            story: Some(story),
            wire_group: None,
            title: title.into(),
            outlet: Some(outlet.into()),
            url: None,
            published: Some(date.into()),
            authors: vec![],
            language: Some("en".into()),
            credited_to: None,
            cites: vec![],
            body: body.into(),
            sentences: vec![],
            repairs: vec![],
            flags: vec![],
            origin: format!("feeds/{id}.json"),
        },
        extraction: Extraction::default(),
        signature: vec![7],
    }
}

fn story(id: i64, title: &str, first: &str, last: &str) -> StoryRecord {
    StoryRecord {
        id,
        title: title.into(),
        title_derived: false,
        first_published: Some(first.into()),
        last_published: Some(last.into()),
        profile: vec![],
    }
}

/// Story 1: a port reopening (two articles); story 2: a bridge closure (one,
/// marked Dutch), stored after story 1's first article and before its second.
fn filled<S: Store>(mut store: S) -> S {
    let batches = [
        Batch {
            stories: vec![story(1, "Port of Valmere reopens", "2024-03-11", "2024-03-11")],
            articles: vec![article(
                "a1",
                1,
                "Valmere Courier",
                "2024-03-11T08:00:00Z",
                "Port of Valmere reopens",
                "The harbour authority said ships would dock again on Monday.",
            )],
            ..Batch::default()
        },
        Batch {
            stories: vec![story(2, "Bridge closed for repairs", "2024-03-14", "2024-03-14")],
            articles: vec![{
                let mut b1 = article(
                    "b1",
                    2,
                    "Lakeside Herald",
                    "2024-03-14",
                    "Bridge closed for repairs",
                    "Engineers found cracks in the Oster bridge deck.",
                );
                b1.article.language = Some("nl".into());
                b1
            }],
            ..Batch::default()
        },
        Batch {
            stories: vec![story(1, "Port of Valmere reopens", "2024-03-11", "2024-03-12")],
            articles: vec![article(
                "a2",
                1,
                "Northwire",
                "2024-03-12",
                "Valmere port open again",
                "Cargo ships returned to the harbour of Valmere, officials said.",
            )],
            ..Batch::default()
        },
    ];
    for b in &batches {
        store.commit(b).unwrap();
    }
    store
}

fn ids(store: &impl Store, query: StoryQuery) -> (u64, Vec<i64>) {
    let page = store.story_page(&StoryQuery { limit: 10, ..query }).unwrap();
    (page.total, page.items.iter().map(|s| s.id).collect())
}

pub fn stories_list_by_latest_activity_or_size_with_counts(store: impl Store) {
    let store = filled(store);
    let page = store.story_page(&StoryQuery { limit: 10, ..StoryQuery::default() }).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(
        page.items.iter().map(|s| (s.id, s.articles, s.last_seq)).collect::<Vec<_>>(),
        [(1, 2, 3), (2, 1, 2)]
    );
    assert_eq!(ids(&store, StoryQuery { sort: StorySort::Size, ..StoryQuery::default() }).1, [1, 2]);
    let second = store.story_page(&StoryQuery { offset: 1, limit: 1, ..StoryQuery::default() }).unwrap();
    assert_eq!((second.total, second.items[0].id), (2, 2));
}

pub fn stories_filter_by_text_outlet_and_dates(store: impl Store) {
    let store = filled(store);
    let q = |text: &str| StoryQuery { text: Some(text.into()), ..StoryQuery::default() };
    assert_eq!(ids(&store, q("harbour")), (1, vec![1]));
    assert_eq!(ids(&store, q("oster cracks")), (1, vec![2]));
    assert_eq!(ids(&store, q("harbour cracks")), (0, vec![]));
    let outlet = StoryQuery { outlet: Some("Lakeside Herald".into()), ..StoryQuery::default() };
    assert_eq!(ids(&store, outlet), (1, vec![2]));
    let language = |code: &str| StoryQuery { language: Some(code.into()), ..StoryQuery::default() };
    assert_eq!(ids(&store, language("nl")), (1, vec![2]));
    assert_eq!(ids(&store, language("en")).0, 1);
    assert_eq!(ids(&store, language("de")), (0, vec![]));
    let from = StoryQuery { from: Some("2024-03-13".into()), ..StoryQuery::default() };
    assert_eq!(ids(&store, from), (1, vec![2]));
    let to = StoryQuery { to: Some("2024-03-11".into()), ..StoryQuery::default() };
    assert_eq!(ids(&store, to), (1, vec![1]));
    let one = store.story_listing(2).unwrap().expect("story 2");
    assert_eq!((one.id, one.title.as_str(), one.articles), (2, "Bridge closed for repairs", 1));
    assert_eq!(store.story_listing(7).unwrap(), None);
}

pub fn search_finds_words_in_titles_and_bodies_with_snippets(store: impl Store) {
    let store = filled(store);
    let page = store.search("valmere harb", 0, 10).unwrap();
    assert_eq!(page.total, 2);
    let mut found: Vec<&str> = page.items.iter().map(|h| h.article.id.as_str()).collect();
    found.sort();
    assert_eq!(found, ["a1", "a2"]);
    for hit in &page.items {
        assert!(!hit.highlights.is_empty(), "{hit:?}");
        for span in &hit.highlights {
            let word = span.slice(&hit.snippet).unwrap().to_lowercase();
            assert!(word == "valmere" || word.starts_with("harb"), "{word}");
        }
    }
    // Query syntax in the text is taken as words, never as FTS5 operators.
    assert_eq!(store.search("bridge OR \"harbour", 0, 10).unwrap().total, 0);
    assert_eq!(store.search("*)(", 0, 10).unwrap().total, 0);
}

pub fn articles_since_follow_arrival_and_repeats_change_nothing(store: impl Store) {
    let mut store = filled(store);
    assert_eq!(store.last_seq().unwrap(), 3);
    let since: Vec<(u64, String)> =
        store.articles_since(1, 10).unwrap().into_iter().map(|h| (h.seq, h.id)).collect();
    assert_eq!(since, [(2, "b1".to_string()), (3, "a2".to_string())]);
    // An article stored again is skipped: counts, search and arrival stay as they were.
    let again = Batch {
        articles: vec![article("a2", 1, "Northwire", "2024-03-12", "Valmere port open again", "Cargo.")],
        ..Batch::default()
    };
    store.commit(&again).unwrap();
    assert_eq!(store.last_seq().unwrap(), 3);
    assert_eq!(
        store.story_page(&StoryQuery { limit: 1, ..StoryQuery::default() }).unwrap().items[0].articles,
        2
    );
    assert_eq!(store.search("cargo", 0, 10).unwrap().total, 1);
}

pub fn articles_are_read_in_pages_of_arrival_numbers(store: impl Store) {
    let store = filled(store);
    let ids = |filter: ArticleFilter| -> Vec<String> {
        store.articles(&filter).unwrap().into_iter().map(|a| a.id).collect()
    };
    let page = |first, last| ArticleFilter { seqs: Some((first, last)), ..ArticleFilter::default() };
    assert_eq!(ids(ArticleFilter::default()), ["a1", "b1", "a2"]);
    assert_eq!(ids(page(2, 3)), ["b1", "a2"]);
    assert_eq!(ids(page(1, 1)), ["a1"]);
    assert_eq!(ids(page(4, u64::MAX)), Vec::<String>::new());
    // With a story: both conditions.
    assert_eq!(ids(ArticleFilter { story: Some(1), seqs: Some((2, 3)) }), ["a2"]);
    // Every page of heads, read back in full, gives every article once.
    let mut read = Vec::new();
    let mut after = 0;
    while let [first, .., last] | [first @ last] = store.articles_since(after, 2).unwrap().as_slice() {
        read.extend(ids(page(first.seq, last.seq)));
        after = last.seq;
    }
    assert_eq!(read, ["a1", "b1", "a2"]);
    // The same, by pages of two arrival numbers up to the last.
    let mut pages: Vec<Vec<String>> = Vec::new();
    articles_in_pages(&store, 2, store.last_seq().unwrap(), |page| {
        pages.push(page.into_iter().map(|a| a.id).collect());
        Ok::<_, corroborate_store::StoreError>(())
    })
    .unwrap();
    assert_eq!(pages.concat(), ["a1", "b1", "a2"]);
    assert!(pages.iter().all(|p| p.len() <= 2), "{pages:?}");
}
