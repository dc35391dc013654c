//! The embedded SQLite store.
//!
//! One file holds everything a run needs to resume. Design choices:
//!
//! - **WAL journal, `synchronous = NORMAL`.** Readers (a `corroborate stories`
//!   while an ingest runs) never block the writer and the writer never blocks
//!   them. In WAL mode NORMAL still cannot corrupt the database; a power loss
//!   may only drop the last few commits, which re-ingesting restores because
//!   ingest is idempotent. A busy timeout of 5 s lets a second process wait for
//!   the write lock instead of failing at once.
//! - **One `BEGIN IMMEDIATE` transaction per batch.** A process killed in the
//!   middle of [`Store::commit`] leaves the database as it was before the
//!   batch: never half a batch. Taking the write lock up front means two
//!   writers wait for each other (busy timeout) instead of one failing when
//!   both try to upgrade a read transaction.
//! - **JSON text for list-valued fields** (authors, sentences, repairs, flags,
//!   extraction...). The stored form is the serialized model type, which is the
//!   project's JSON contract: fields may be added but never renamed or removed,
//!   so a new field needs no migration, and what the store holds reads back as
//!   exactly what the JSON output shows. Nothing queries inside these lists,
//!   so normalising them into tables would only cost joins on every read.
//! - **Arrival order is the rowid** (`seq`), so listing in arrival order and
//!   the story index (which carries the rowid) need no sort.
//! - **Every article belongs to a stored story**: `articles.story` is a
//!   foreign key, so a batch must carry (or a previous batch must have
//!   stored) the story of each of its articles.

mod queries;
pub(crate) mod queue;
mod rows;
pub(crate) mod schema;

use std::path::Path;
use std::time::Duration;

use corroborate_model::{Article, ArticleId, Extraction, StoryId};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::digests;
use crate::WriterLock;
use crate::{
    ArticleFilter, ArticleHead, Batch, IndexSnapshot, Page, Placement, Reassignment, Result, SearchHit,
    Store, StoreError, StoredArticle, StoryDigest, StoryListing, StoryQuery, StoryRecord,
};
use rows::{article_columns, story_columns, AFTER_ARTICLE};

/// Most KiB of database pages a connection keeps in memory.
const CACHE_KIB: i64 = 128 * 1024;

/// Every article's placement and signature, in arrival order.
const PLACEMENTS: &str = "SELECT id, story, wire_group, signature FROM articles ORDER BY seq";

/// How long an open keeps retrying while another process holds the lock.
const OPEN_PATIENCE: Duration = Duration::from_secs(10);

/// A [`Store`] in one SQLite database file (or in memory).
///
/// ```
/// use corroborate_store::{Batch, SqliteStore, Store, StoryRecord};
///
/// let mut store = SqliteStore::open_in_memory()?;
/// let story = StoryRecord {
///     id: 1,
///     title: "Harbor reopens".into(),
///     title_derived: false,
///     first_published: Some("2024-03-11".into()),
///     last_published: None,
///     profile: vec![],
/// };
/// store.commit(&Batch { stories: vec![story.clone()], ..Batch::default() })?;
/// assert_eq!(store.stories()?, vec![story]);
/// # Ok::<(), corroborate_store::StoreError>(())
/// ```
pub struct SqliteStore {
    conn: Connection,
    /// Held by a store opened for writing: see [`SqliteStore::open_writer`].
    _writer: Option<WriterLock>,
}

impl SqliteStore {
    /// Opens the database at `path`, creating it if missing, and brings its
    /// schema up to date.
    ///
    /// Several processes may open a new database at the same moment (an
    /// ingest and a server started together). Switching a fresh file to WAL
    /// takes an exclusive lock that SQLite does not wait for when the other
    /// process holds a read lock, so a busy open is retried for a while.
    pub fn open(path: &Path) -> Result<Self> {
        let label = path.display().to_string();
        let deadline = std::time::Instant::now() + OPEN_PATIENCE;
        loop {
            let opened = Connection::open(path)
                .map_err(StoreError::from)
                .and_then(|conn| Self::setup(conn, &label, true));
            match opened {
                Err(StoreError::Sqlite(e)) if is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => return other.map_err(|e| open_error(&label, e)),
            }
        }
    }

    /// [`SqliteStore::open`] for a process that will write: it first takes
    /// the store's writer lock ([`WriterLock`]), calling `waiting` if another
    /// process holds it, and keeps it as long as the store is open.
    pub fn open_writer(path: &Path, waiting: impl FnOnce(&Path)) -> Result<Self> {
        let lock = WriterLock::acquire(path, waiting)?;
        let mut store = Self::open(path)?;
        store._writer = Some(lock);
        Ok(store)
    }

    /// [`SqliteStore::open`] for a process that only reads: every query it
    /// makes sees the store as of one commit, whatever other processes
    /// commit meanwhile, so a listing never mixes two states (the stories
    /// of one and the articles of another). The snapshot lasts as long as the
    /// store, and holds back the write-ahead log's checkpoint meanwhile: for
    /// a command, not for a server.
    pub fn open_snapshot(path: &Path) -> Result<Self> {
        let store = Self::open(path)?;
        store.conn.execute_batch("BEGIN DEFERRED")?;
        // A deferred transaction takes its snapshot at its first read.
        store.conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get::<_, i64>(0))?;
        Ok(store)
    }

    /// A version of rules recorded in `meta`, read by `sql` (0 when none is).
    fn rules(&self, sql: &str) -> Result<i64> {
        Ok(self.conn.prepare_cached(sql)?.query_row([], |row| row.get(0)).optional()?.unwrap_or(0))
    }

    /// A fresh database that lives as long as the returned store.
    pub fn open_in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?, ":memory:", false)
    }

    fn setup(mut conn: Connection, label: &str, on_disk: bool) -> Result<Self> {
        conn.busy_timeout(Duration::from_secs(5))?;
        if on_disk {
            // The first statement that reads the file: a file that is not a
            // database fails here.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            // Batches update rows all over the indexes keyed by hashes and
            // terms; with SQLite's default 2 MiB page cache, nearly every
            // such update misses once the store outgrows it, and the cost of
            // a batch grows with the store. The cache fills only as pages are
            // used.
            conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.set_prepared_statement_cache_capacity(32);
        schema::migrate(&mut conn, label)?;
        Ok(SqliteStore { conn, _writer: None })
    }

    fn query_articles(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Article>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(params)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(rows::read_article(row)?);
        }
        Ok(out)
    }
}

/// Turns a failure to open into an error naming the file.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn open_error(label: &str, e: StoreError) -> StoreError {
    match e {
        StoreError::Sqlite(err) => {
            let reason = if err.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
                format!("not a corroborate database: {err}")
            } else {
                err.to_string()
            };
            StoreError::Open { path: label.to_string(), reason }
        }
        other => other,
    }
}

impl Store for SqliteStore {
    fn contains(&self, id: &str) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        Ok(stmt.exists([id])?)
    }

    fn commit(&mut self, batch: &Batch) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        rows::write_batch(&tx, batch)?;
        tx.commit()?;
        Ok(())
    }

    fn reassign(&mut self, plan: &Reassignment) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        rows::write_reassignment(&tx, plan)?;
        tx.commit()?;
        Ok(())
    }

    fn read_index(&self, placement: &mut dyn FnMut(Placement) -> Result<()>) -> Result<IndexSnapshot> {
        let mut stmt = self.conn.prepare_cached(PLACEMENTS)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            placement((row.get(0)?, row.get(1)?, row.get(2)?, rows::read_signature(row, 3)?))?;
        }
        let term_df = self
            .conn
            .prepare_cached("SELECT term, df FROM term_df ORDER BY term")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let doc_count = self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE key = 'doc_count'")?
            .query_row([], |row| row.get(0))
            .optional()?
            .unwrap_or(0);
        Ok(IndexSnapshot { signatures: Vec::new(), stories: self.stories()?, term_df, doc_count })
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            article_columns!(),
            ", extraction, signature FROM articles WHERE id = ?1"
        ))?;
        let mut rows = stmt.query([id])?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        Ok(Some(StoredArticle {
            article: rows::read_article(row)?,
            extraction: rows::read_extraction(row, AFTER_ARTICLE)?,
            signature: rows::read_signature(row, AFTER_ARTICLE + 1)?,
        }))
    }

    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>> {
        let (first, last) =
            filter.seqs.map_or((0, i64::MAX), |(a, b)| (queries::clamp(a), queries::clamp(b)));
        match filter.story {
            Some(story) => self.query_articles(
                concat!(
                    "SELECT ",
                    article_columns!(),
                    " FROM articles WHERE story = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq"
                ),
                rusqlite::params![story, first, last],
            ),
            None => self.query_articles(
                concat!(
                    "SELECT ",
                    article_columns!(),
                    " FROM articles WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq"
                ),
                rusqlite::params![first, last],
            ),
        }
    }

    fn story_articles_from(&self, story: StoryId, skip: u64) -> Result<Vec<(Article, Extraction)>> {
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            article_columns!(),
            ", extraction FROM articles WHERE story = ?1 ORDER BY seq LIMIT -1 OFFSET ?2"
        ))?;
        let mut rows = stmt.query(rusqlite::params![story, i64::try_from(skip).unwrap_or(i64::MAX)])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push((rows::read_article(row)?, rows::read_extraction(row, AFTER_ARTICLE)?));
        }
        Ok(out)
    }

    fn story(&self, id: StoryId) -> Result<Option<StoryRecord>> {
        let mut stmt =
            self.conn.prepare_cached(concat!("SELECT ", story_columns!(), " FROM stories WHERE id = ?1"))?;
        Ok(stmt.query_row([id], rows::read_story).optional()?)
    }

    fn stories(&self) -> Result<Vec<StoryRecord>> {
        let mut stmt =
            self.conn.prepare_cached(concat!("SELECT ", story_columns!(), " FROM stories ORDER BY id"))?;
        let stories = stmt.query_map([], rows::read_story)?.collect::<rusqlite::Result<_>>()?;
        Ok(stories)
    }

    /// Ids sort so that those sharing a prefix are contiguous from the first id
    /// `>= prefix`; the two ids there (found through the unique index) decide
    /// between none, one and several matches.
    fn resolve_article(&self, prefix: &str) -> Result<Option<ArticleId>> {
        if prefix.chars().count() < 4 {
            return Ok(None);
        }
        let mut stmt =
            self.conn.prepare_cached("SELECT id FROM articles WHERE id >= ?1 ORDER BY id LIMIT 2")?;
        let found: Vec<String> =
            stmt.query_map(params![prefix], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut matching = found.into_iter().filter(|id| id.starts_with(prefix));
        match (matching.next(), matching.next()) {
            (Some(id), None) => Ok(Some(id)),
            _ => Ok(None),
        }
    }

    fn article_count(&self) -> Result<u64> {
        let mut stmt = self.conn.prepare_cached("SELECT count(*) FROM articles")?;
        Ok(stmt.query_row([], |row| row.get(0))?)
    }

    fn story_page(&self, query: &StoryQuery) -> Result<Page<StoryListing>> {
        queries::story_page(&self.conn, query)
    }

    fn search(&self, text: &str, offset: u64, limit: u64) -> Result<Page<SearchHit>> {
        queries::search(&self.conn, text, offset, limit)
    }

    fn articles_since(&self, seq: u64, limit: u64) -> Result<Vec<ArticleHead>> {
        queries::articles_since(&self.conn, seq, limit)
    }

    fn last_seq(&self) -> Result<u64> {
        queries::last_seq(&self.conn)
    }

    fn stories_issued(&self) -> Result<StoryId> {
        let sql = "SELECT max(coalesce((SELECT value FROM meta WHERE key = 'stories_issued'), 0),
                              coalesce((SELECT max(id) FROM stories), 0))";
        Ok(self.conn.prepare_cached(sql)?.query_row([], |row| row.get(0))?)
    }

    fn stale_digests(&self) -> Result<Vec<StoryId>> {
        let mut stmt = self.conn.prepare_cached(digests::STALE)?;
        let ids = stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    fn put_digests(&mut self, list: &[StoryDigest]) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut put = tx.prepare_cached(digests::PUT)?;
            for d in list {
                put.execute(rusqlite::params![
                    d.articles as i64,
                    d.digest.independent_outlets as i64,
                    d.digest.disputes as i64,
                    serde_json::to_string(&d.digest.outlets)?,
                    d.story
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn digest_rules(&self) -> Result<i64> {
        self.rules(digests::RULES)
    }

    fn renew_digests(&mut self, rules: i64) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(digests::FORGET, [])?;
        tx.execute(digests::SET_RULES, [rules])?;
        tx.commit()?;
        Ok(())
    }

    fn story_rules(&self) -> Result<i64> {
        self.rules(digests::STORY_RULES)
    }

    fn set_story_rules(&mut self, rules: i64) -> Result<()> {
        self.conn.execute(digests::SET_STORY_RULES, [rules])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How SQLite plans a query, one line per step.
    fn plan(store: &SqliteStore, sql: &str) -> String {
        let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let steps = stmt.query_map([], |row| row.get::<_, String>(3)).unwrap();
        steps.collect::<rusqlite::Result<Vec<_>>>().unwrap().join("\n")
    }

    #[test]
    fn stale_digests_are_found_by_their_index_not_by_a_scan_of_every_story() {
        let store = SqliteStore::open_in_memory().unwrap();
        let plan = plan(&store, digests::STALE);
        assert!(plan.contains("USING INDEX stories_stale"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }

    #[test]
    fn placements_are_read_from_their_index_not_from_the_rows_and_their_text() {
        let store = SqliteStore::open_in_memory().unwrap();
        let plan = plan(&store, PLACEMENTS);
        assert!(plan.contains("USING COVERING INDEX articles_placement"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }
}
