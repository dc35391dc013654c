//! The PostgreSQL store: the same data and semantics as SQLite's, in a
//! database that several processes on several machines share.
//!
//! Design choices:
//!
//! - **The synchronous `postgres` client** (tokio-postgres driven by a
//!   private runtime): the [`Store`] trait is synchronous, and the store's
//!   callers already run it on worker threads.
//! - **A hand-kept pool** (see `pool`): reads take `&self` and may come from
//!   many threads at once; a connection that broke is replaced and the call is
//!   tried once more, so a server restart costs the calls in flight one retry,
//!   not the process.
//! - **One transaction per batch**, as in SQLite: a process killed in the
//!   middle of [`Store::commit`] leaves nothing of the batch behind. Articles
//!   are inserted with `ON CONFLICT (id) DO NOTHING`, so a batch committed
//!   twice (or by two workers at once) stores each article once.
//! - **The same stored forms** as SQLite (JSON text, little-endian signature
//!   bytes), so the two backends read back identical values and a corpus can
//!   move from one to the other by re-reading it.
//! - **No TLS**: the client speaks plain TCP or a Unix socket. Run it on a
//!   trusted network, or through a local TLS tunnel.

mod pool;
mod queries;
pub(crate) mod queue;
mod rows;
pub(crate) mod schema;

use std::sync::Arc;

use ::postgres::Config;
use corroborate_model::{Article, ArticleId, Extraction, StoryId};

use crate::digests;
use crate::{
    ArticleFilter, ArticleHead, Batch, IndexSnapshot, Page, Placement, Reassignment, Result, SearchHit,
    Store, StoreError, StoredArticle, StoryDigest, StoryListing, StoryQuery, StoryRecord,
};
use pool::Pool;
pub use queue::Leader;
use rows::{count, read_article, read_extraction, read_signature, read_story, AFTER_ARTICLE};
use rows::{ARTICLE_COLUMNS, STORY_COLUMNS};

/// A [`Store`] in a PostgreSQL database.
///
/// It is `Send + Sync`: one store can serve every thread of a process, each
/// call on a connection of its own. Clones share the pool.
#[derive(Clone)]
pub struct PostgresStore {
    pool: Arc<Pool>,
}

impl PostgresStore {
    /// Connects to the database named by `url` (`postgres://user@host:port/db`,
    /// or any form libpq accepts) and brings its schema up to date.
    ///
    /// The tables live in the first schema of the connection's search path
    /// (`public` unless `options=-csearch_path=...` says otherwise).
    pub fn connect(url: &str) -> Result<Self> {
        let label = redact(url);
        let open_error = |e: StoreError| match e {
            StoreError::Postgres(err) => StoreError::Open { path: label.clone(), reason: describe(&err) },
            other => other,
        };
        let config: Config = url.parse().map_err(|e| open_error(StoreError::Postgres(e)))?;
        let pool = Arc::new(Pool::new(config));
        pool.with(|conn| schema::migrate(&mut conn.client, &label)).map_err(open_error)?;
        Ok(PostgresStore { pool })
    }

    /// [`PostgresStore::connect`] for reading only: the store reads the
    /// database as of one commit, whatever others commit meanwhile, so that a
    /// command's several queries never mix two states. It holds one
    /// connection, for calls from one thread at a time (as a command makes
    /// them); if that connection is lost, every later call fails with
    /// [`StoreError::SnapshotLost`]. Like any long transaction, it holds back
    /// the cleaning of rows that others update or delete meanwhile (`VACUUM`):
    /// for a command, not for a server.
    pub fn connect_snapshot(url: &str) -> Result<Self> {
        let store = Self::connect(url)?;
        Ok(PostgresStore { pool: Arc::new(store.pool.snapshot()?) })
    }

    /// A version of rules recorded in `meta`, read by `sql` (0 when none is).
    fn rules(&self, sql: &str) -> Result<i64> {
        self.pool.with(|conn| {
            let row = conn.client.query_opt(sql, &[])?;
            Ok(row.map(|row| row.try_get(0)).transpose()?.unwrap_or(0))
        })
    }

    fn query_articles(
        &self,
        sql: &str,
        params: &[&(dyn ::postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Article>> {
        self.pool.with(|conn| {
            let stmt = conn.prepare(sql)?;
            conn.client.query(&stmt, params)?.iter().map(read_article).collect()
        })
    }
}

/// What went wrong, with the server's own message when it sent one (the
/// client's `Display` says only "db error").
pub(crate) fn describe(e: &::postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{}: {} ({detail})", db.severity(), db.message()),
            None => format!("{}: {}", db.severity(), db.message()),
        },
        None => match std::error::Error::source(e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    }
}

/// The URL without its password, to name the database in errors.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:***@{host}")
        }
        _ => url.to_string(),
    }
}

impl Store for PostgresStore {
    fn contains(&self, id: &str) -> Result<bool> {
        self.pool.with(|conn| {
            let stmt = conn.prepare("SELECT 1 FROM articles WHERE id = $1")?;
            Ok(conn.client.query_opt(&stmt, &[&id])?.is_some())
        })
    }

    fn commit(&mut self, batch: &Batch) -> Result<()> {
        self.pool.with(|conn| rows::write_batch(conn, batch))
    }

    fn reassign(&mut self, plan: &Reassignment) -> Result<()> {
        self.pool.with(|conn| rows::write_reassignment(conn, plan))
    }

    /// The placements are read whole before any goes to `placement`: the
    /// pool may try a call again on another connection, and none may go
    /// twice.
    fn read_index(&self, placement: &mut dyn FnMut(Placement) -> Result<()>) -> Result<IndexSnapshot> {
        let (signatures, term_df, doc_count) = self.pool.with(|conn| {
            let stmt = conn.prepare("SELECT id, story, wire_group, signature FROM articles ORDER BY seq")?;
            let signatures = conn
                .client
                .query(&stmt, &[])?
                .iter()
                .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, read_signature(row, 3)?)))
                .collect::<Result<Vec<_>>>()?;
            let stmt = conn.prepare("SELECT term, df FROM term_df ORDER BY term")?;
            let term_df = conn
                .client
                .query(&stmt, &[])?
                .iter()
                .map(|row| Ok((row.try_get(0)?, u32::try_from(count(row, 1)?).unwrap_or(u32::MAX))))
                .collect::<Result<Vec<_>>>()?;
            let stmt = conn.prepare("SELECT value FROM meta WHERE key = 'doc_count'")?;
            let doc_count = match conn.client.query_opt(&stmt, &[])? {
                Some(row) => count(&row, 0)?,
                None => 0,
            };
            Ok((signatures, term_df, doc_count))
        })?;
        signatures.into_iter().try_for_each(placement)?;
        Ok(IndexSnapshot { signatures: Vec::new(), stories: self.stories()?, term_df, doc_count })
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS}, extraction, signature FROM articles WHERE id = $1");
        self.pool.with(|conn| {
            let stmt = conn.prepare(&sql)?;
            let Some(row) = conn.client.query_opt(&stmt, &[&id])? else {
                return Ok(None);
            };
            Ok(Some(StoredArticle {
                article: read_article(&row)?,
                extraction: read_extraction(&row, AFTER_ARTICLE)?,
                signature: read_signature(&row, AFTER_ARTICLE + 1)?,
            }))
        })
    }

    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>> {
        let (first, last) = filter.seqs.map_or((0, i64::MAX), |(a, b)| (rows::clamp(a), rows::clamp(b)));
        match filter.story {
            Some(story) => self.query_articles(
                &format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq"
                ),
                &[&story, &first, &last],
            ),
            None => self.query_articles(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE seq BETWEEN $1 AND $2 ORDER BY seq"),
                &[&first, &last],
            ),
        }
    }

    fn story_articles_from(&self, story: StoryId, skip: u64) -> Result<Vec<(Article, Extraction)>> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS}, extraction FROM articles WHERE story = $1 ORDER BY seq OFFSET $2"
        );
        self.pool.with(|conn| {
            let stmt = conn.prepare(&sql)?;
            let rows = conn.client.query(&stmt, &[&story, &rows::clamp(skip)])?;
            rows.iter().map(|row| Ok((read_article(row)?, read_extraction(row, AFTER_ARTICLE)?))).collect()
        })
    }

    fn story(&self, id: StoryId) -> Result<Option<StoryRecord>> {
        let sql = format!("SELECT {STORY_COLUMNS} FROM stories WHERE id = $1");
        self.pool.with(|conn| {
            let stmt = conn.prepare(&sql)?;
            conn.client.query_opt(&stmt, &[&id])?.as_ref().map(read_story).transpose()
        })
    }

    fn stories(&self) -> Result<Vec<StoryRecord>> {
        let sql = format!("SELECT {STORY_COLUMNS} FROM stories ORDER BY id");
        self.pool.with(|conn| {
            let stmt = conn.prepare(&sql)?;
            conn.client.query(&stmt, &[])?.iter().map(read_story).collect()
        })
    }

    /// As in SQLite: ids sharing a prefix are contiguous from the first id
    /// `>= prefix` (byte order, by the column's collation); the two ids there
    /// decide between none, one and several matches.
    fn resolve_article(&self, prefix: &str) -> Result<Option<ArticleId>> {
        if prefix.chars().count() < 4 {
            return Ok(None);
        }
        let found: Vec<String> = self.pool.with(|conn| {
            let stmt = conn.prepare("SELECT id FROM articles WHERE id >= $1 ORDER BY id LIMIT 2")?;
            conn.client.query(&stmt, &[&prefix])?.iter().map(|row| Ok(row.try_get(0)?)).collect()
        })?;
        let mut matching = found.into_iter().filter(|id| id.starts_with(prefix));
        match (matching.next(), matching.next()) {
            (Some(id), None) => Ok(Some(id)),
            _ => Ok(None),
        }
    }

    fn article_count(&self) -> Result<u64> {
        self.pool.with(|conn| {
            let stmt = conn.prepare("SELECT count(*) FROM articles")?;
            count(&conn.client.query_one(&stmt, &[])?, 0)
        })
    }

    fn story_page(&self, query: &StoryQuery) -> Result<Page<StoryListing>> {
        self.pool.with(|conn| queries::story_page(conn, query))
    }

    fn search(&self, text: &str, offset: u64, limit: u64) -> Result<Page<SearchHit>> {
        self.pool.with(|conn| queries::search(conn, text, offset, limit))
    }

    fn articles_since(&self, seq: u64, limit: u64) -> Result<Vec<ArticleHead>> {
        self.pool.with(|conn| queries::articles_since(conn, seq, limit))
    }

    fn last_seq(&self) -> Result<u64> {
        self.pool.with(queries::last_seq)
    }

    fn stories_issued(&self) -> Result<StoryId> {
        self.pool.with(|conn| {
            let stmt = conn.prepare(
                "SELECT GREATEST(coalesce((SELECT value FROM meta WHERE key = 'stories_issued'), 0),
                                 coalesce((SELECT max(id) FROM stories), 0))",
            )?;
            Ok(conn.client.query_one(&stmt, &[])?.try_get(0)?)
        })
    }

    fn stale_digests(&self) -> Result<Vec<StoryId>> {
        self.pool.with(|conn| {
            let stmt = conn.prepare(digests::STALE)?;
            let rows = conn.client.query(&stmt, &[])?;
            rows.iter().map(|row| Ok(row.try_get(0)?)).collect()
        })
    }

    fn put_digests(&mut self, list: &[StoryDigest]) -> Result<()> {
        let sql = numbered(digests::PUT);
        self.pool.with(|conn| {
            let put = conn.prepare(&sql)?;
            let mut tx = conn.client.transaction()?;
            for d in list {
                let outlets = serde_json::to_string(&d.digest.outlets)?;
                tx.execute(
                    &put,
                    &[
                        &(d.articles as i64),
                        &(d.digest.independent_outlets as i64),
                        &(d.digest.disputes as i64),
                        &outlets,
                        &d.story,
                    ],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
    }

    fn digest_rules(&self) -> Result<i64> {
        self.rules(digests::RULES)
    }

    fn renew_digests(&mut self, rules: i64) -> Result<()> {
        let set = numbered(digests::SET_RULES);
        self.pool.with(|conn| {
            let mut tx = conn.client.transaction()?;
            tx.batch_execute(digests::FORGET)?;
            tx.execute(set.as_str(), &[&rules])?;
            tx.commit()?;
            Ok(())
        })
    }

    fn story_rules(&self) -> Result<i64> {
        self.rules(digests::STORY_RULES)
    }

    fn set_story_rules(&mut self, rules: i64) -> Result<()> {
        let set = numbered(digests::SET_STORY_RULES);
        self.pool.with(|conn| {
            conn.client.execute(set.as_str(), &[&rules])?;
            Ok(())
        })
    }
}

/// SQLite's `?` placeholders as PostgreSQL's `$1, $2, ...`.
fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_error_messages() {
        assert_eq!(
            redact("postgres://news:s3cret@db.internal:5432/corpus"),
            "postgres://news:***@db.internal:5432/corpus"
        );
        assert_eq!(redact("postgres://news@db.internal/corpus"), "postgres://news@db.internal/corpus");
        assert_eq!(redact("host=/run/postgresql dbname=corpus"), "host=/run/postgresql dbname=corpus");
    }
}
