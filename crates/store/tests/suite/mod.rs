//! The behaviour every backend must show through the `Store` trait.
//!
//! Each test is a function over a fresh, empty store. A backend's test file
//! runs them all with `store_suite!(open)`, where `open(name)` returns a new
//! store for the test `name`, or `None` when the backend is not available
//! (the test then passes without checking anything, and says so).

#![allow(dead_code)]

pub mod basics;
pub mod digests;
pub mod listing;

use corroborate_model::{
    Article, EntityKind, Extraction, Flag, FlagKind, Mention, QuoteMention, Repair, RepairKind, Span,
};
use corroborate_store::{Batch, StoredArticle, StoryRecord};

/// One `#[test]` per suite function, each on a store from `$open`.
#[macro_export]
macro_rules! store_suite {
    ($open:path) => {
        $crate::store_suite!(@tests $open;
            basics::every_field_survives_a_round_trip,
            basics::a_story_is_read_from_any_arrival_position,
            basics::committing_the_same_articles_twice_keeps_the_first_version,
            basics::stories_are_upserted_and_listed_by_id,
            basics::load_index_returns_the_committed_state_in_arrival_order,
            basics::resolve_article_needs_a_unique_prefix_of_four_characters,
            basics::a_failing_batch_leaves_nothing_behind,
            listing::stories_list_by_latest_activity_or_size_with_counts,
            listing::stories_filter_by_text_outlet_and_dates,
            listing::search_finds_words_in_titles_and_bodies_with_snippets,
            listing::articles_since_follow_arrival_and_repeats_change_nothing,
            listing::articles_are_read_in_pages_of_arrival_numbers,
            digests::digests_are_current_until_the_story_grows,
            digests::new_rules_of_fusion_make_every_digest_stale,
            digests::a_reclustering_makes_the_digests_of_changed_stories_stale,
            digests::the_rules_of_story_rows_are_recorded,
        );
    };
    (@tests $open:path; $($module:ident :: $name:ident,)*) => {
        $(
            #[test]
            fn $name() {
                if let Some(store) = $open(stringify!($name)) {
                    suite::$module::$name(store);
                }
            }
        )*
    };
}

pub fn article(id: &str, story: i64, title: &str) -> StoredArticle {
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
pub fn full_article() -> StoredArticle {
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

pub fn story(id: i64, title: &str) -> StoryRecord {
    StoryRecord {
        id,
        title: title.to_string(),
        // Both values, so that every round trip checks the flag.
        title_derived: id % 2 == 0,
        first_published: Some("2024-03-10".into()),
        last_published: Some("2024-03-11T08:30:00Z".into()),
        profile: vec![id as u8, 0, 255],
    }
}

pub fn batch(articles: Vec<StoredArticle>, stories: Vec<StoryRecord>) -> Batch {
    Batch { articles, stories, term_df: vec![], doc_count: 0 }
}

/// The store's `n`th article, in a story of its own.
pub fn nth(n: i64, id: &str, title: &str) -> Batch {
    Batch {
        articles: vec![article(id, n, title)],
        stories: vec![story(n, title)],
        term_df: vec![],
        doc_count: n as u64,
    }
}
