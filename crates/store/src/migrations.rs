//! The one list of schema versions that both backends follow.
//!
//! A version means the same tables, columns and guarantees whatever the
//! backend; only the SQL that gets there differs. Keeping both scripts of a
//! version side by side in one entry means a new version cannot be shipped for
//! one backend and forgotten for the other, and the version numbers of the two
//! can never drift apart. Entries are only ever appended; a shipped script is
//! never edited.

use crate::digests;
use crate::postgres::queue as pg_queue;
use crate::postgres::schema as pg;
use crate::sqlite::queue as lite_queue;
use crate::sqlite::schema as lite;

/// One step of the schema: what it adds, and the script of each backend that
/// takes a database from the previous version to this one.
pub(crate) struct Migration {
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

/// Script `i` takes the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    // 1: articles in arrival order, stories, document frequencies, scalar
    // index state.
    Migration { sqlite: lite::V1, postgres: pg::V1 },
    // 2: per-story article counts and latest arrival for listings; full-text
    // search over title and body.
    Migration { sqlite: lite::V2, postgres: pg::V2 },
    // 3: per-story digests (independent outlets, disputes, outlets) for
    // listings and their has-disputes filter.
    Migration { sqlite: digests::SCHEMA, postgres: digests::SCHEMA },
    // 4: the work queue shared by ingest workers: inputs in enqueue order,
    // their leases and their prepared results.
    Migration { sqlite: lite_queue::V4, postgres: pg_queue::V4 },
    // 5: whether a story's title was derived from an article's text, so that
    // a later run still gives it the first headline that joins; stories
    // listed by the language of their articles.
    Migration { sqlite: V5, postgres: V5 },
    // 6: the stories whose digest is stale found by an index, not by reading
    // every story row at the end of each ingest.
    Migration { sqlite: digests::STALE_INDEX, postgres: digests::STALE_INDEX },
    // 7: every article's placement and signature read without reading its
    // text, when the online indexes are restored.
    Migration { sqlite: lite::V7, postgres: pg::V7 },
];

/// Version 5, the same SQL for both backends. A story of an older store
/// whose title is that of an article flagged `missing-title` was titled by
/// the article's first sentence.
const V5: &str = r#"
ALTER TABLE stories ADD COLUMN title_derived INTEGER NOT NULL DEFAULT 0;
UPDATE stories SET title_derived = 1 WHERE EXISTS (
    SELECT 1 FROM articles a
    WHERE a.story = stories.id AND a.title = stories.title AND a.flags LIKE '%"missing-title"%'
);
CREATE INDEX articles_language ON articles (language, story);
"#;

/// The schema version this program writes.
pub(crate) const SUPPORTED: i64 = MIGRATIONS.len() as i64;
