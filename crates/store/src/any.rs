//! One store type for whichever backend the `--db` value names.
//!
//! An enum rather than a boxed trait object: the engine and the server are
//! generic over [`Store`] and name their store type in a few places
//! (`Engine<AnyStore>`, a list of reader stores), which an enum serves without
//! a blanket implementation for boxes, and every call is a plain `match`.

use std::path::Path;

use corroborate_model::{Article, ArticleId, Extraction, StoryId};

use crate::{
    ArticleFilter, ArticleHead, Batch, IndexSnapshot, Page, Placement, PostgresStore, Reassignment, Result,
    SearchHit, SqliteStore, Store, StoredArticle, StoryDigest, StoryListing, StoryQuery, StoryRecord,
};

/// A SQLite or a PostgreSQL store.
pub enum AnyStore {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl AnyStore {
    /// Opens `db`: a `postgres://` or `postgresql://` URL connects to
    /// PostgreSQL, anything else is the path of a SQLite file (created when
    /// missing).
    pub fn open(db: &Path) -> Result<Self> {
        Self::open_with(db, PostgresStore::connect, SqliteStore::open)
    }

    /// [`AnyStore::open`] for a command that only reads: the store is read
    /// as of one commit throughout ([`SqliteStore::open_snapshot`],
    /// [`PostgresStore::connect_snapshot`]).
    pub fn open_snapshot(db: &Path) -> Result<Self> {
        Self::open_with(db, PostgresStore::connect_snapshot, SqliteStore::open_snapshot)
    }

    /// [`AnyStore::open`] for a process that will write: a SQLite file is
    /// opened with its writer lock ([`SqliteStore::open_writer`]), `waiting`
    /// called if another process holds it.
    pub fn open_writer(db: &Path, waiting: impl FnOnce(&Path)) -> Result<Self> {
        Self::open_with(db, PostgresStore::connect, |path| SqliteStore::open_writer(path, waiting))
    }

    /// Connects to the PostgreSQL database `db` names with `postgres`, or
    /// opens its SQLite file with `sqlite`.
    fn open_with(
        db: &Path,
        postgres: fn(&str) -> Result<PostgresStore>,
        sqlite: impl FnOnce(&Path) -> Result<SqliteStore>,
    ) -> Result<Self> {
        match db.to_str().filter(|s| is_postgres_url(s)) {
            Some(url) => Ok(AnyStore::Postgres(postgres(url)?)),
            None => Ok(AnyStore::Sqlite(sqlite(db)?)),
        }
    }
}

/// Whether `db` names a PostgreSQL database rather than a file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Forwards each call to the backend.
macro_rules! forward {
    ($self:ident, $store:ident => $call:expr) => {
        match $self {
            AnyStore::Sqlite($store) => $call,
            AnyStore::Postgres($store) => $call,
        }
    };
}

impl Store for AnyStore {
    fn contains(&self, id: &str) -> Result<bool> {
        forward!(self, s => s.contains(id))
    }
    fn commit(&mut self, batch: &Batch) -> Result<()> {
        forward!(self, s => s.commit(batch))
    }
    fn read_index(&self, placement: &mut dyn FnMut(Placement) -> Result<()>) -> Result<IndexSnapshot> {
        forward!(self, s => s.read_index(placement))
    }
    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        forward!(self, s => s.article(id))
    }
    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>> {
        forward!(self, s => s.articles(filter))
    }
    fn story_articles_from(&self, story: StoryId, skip: u64) -> Result<Vec<(Article, Extraction)>> {
        forward!(self, s => s.story_articles_from(story, skip))
    }
    fn story(&self, id: StoryId) -> Result<Option<StoryRecord>> {
        forward!(self, s => s.story(id))
    }
    fn stories(&self) -> Result<Vec<StoryRecord>> {
        forward!(self, s => s.stories())
    }
    fn resolve_article(&self, prefix: &str) -> Result<Option<ArticleId>> {
        forward!(self, s => s.resolve_article(prefix))
    }
    fn article_count(&self) -> Result<u64> {
        forward!(self, s => s.article_count())
    }
    fn story_page(&self, query: &StoryQuery) -> Result<Page<StoryListing>> {
        forward!(self, s => s.story_page(query))
    }
    fn search(&self, text: &str, offset: u64, limit: u64) -> Result<Page<SearchHit>> {
        forward!(self, s => s.search(text, offset, limit))
    }
    fn articles_since(&self, seq: u64, limit: u64) -> Result<Vec<ArticleHead>> {
        forward!(self, s => s.articles_since(seq, limit))
    }
    fn last_seq(&self) -> Result<u64> {
        forward!(self, s => s.last_seq())
    }
    fn stories_issued(&self) -> Result<StoryId> {
        forward!(self, s => s.stories_issued())
    }
    fn reassign(&mut self, plan: &Reassignment) -> Result<()> {
        forward!(self, s => s.reassign(plan))
    }
    fn stale_digests(&self) -> Result<Vec<StoryId>> {
        forward!(self, s => s.stale_digests())
    }
    fn put_digests(&mut self, digests: &[StoryDigest]) -> Result<()> {
        forward!(self, s => s.put_digests(digests))
    }
    fn digest_rules(&self) -> Result<i64> {
        forward!(self, s => s.digest_rules())
    }
    fn renew_digests(&mut self, rules: i64) -> Result<()> {
        forward!(self, s => s.renew_digests(rules))
    }
    fn story_rules(&self) -> Result<i64> {
        forward!(self, s => s.story_rules())
    }
    fn set_story_rules(&mut self, rules: i64) -> Result<()> {
        forward!(self, s => s.set_story_rules(rules))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_postgres_and_paths_choose_sqlite() {
        assert!(is_postgres_url("postgres://news@db.internal/corpus"));
        assert!(is_postgres_url("postgresql://localhost:5433/corpus"));
        assert!(!is_postgres_url("corroborate.db"));
        assert!(!is_postgres_url("/var/lib/postgres/corpus.db"));

        let dir = tempfile::tempdir().unwrap();
        let store = AnyStore::open(&dir.path().join("corpus.db")).unwrap();
        assert!(matches!(store, AnyStore::Sqlite(_)));
        assert_eq!(store.article_count().unwrap(), 0);
    }
}
