//! Schema versions and the migrations between them.
//!
//! The version lives in a one-row `schema_version` table. The list of versions
//! is shared with PostgreSQL (see `crate::migrations`); this module holds the
//! SQLite scripts. Each runs in its own transaction together with the version
//! bump, so a database is always at exactly one known version.
//!
//! A database written by a newer program is refused rather than guessed at, and
//! a SQLite file that holds tables but no version is refused rather than having
//! our tables added to someone else's data.

use rusqlite::{Connection, TransactionBehavior};

use crate::migrations::{MIGRATIONS, SUPPORTED};
use crate::{Result, StoreError};

/// Version 1: articles in arrival order, stories, document frequencies, and
/// a key-value table for scalar index state.
///
/// List-valued article fields are JSON text in exactly the serialized form of
/// the model types; signatures are u32 little-endian blobs.
pub(crate) const V1: &str = "
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    first_published TEXT,
    last_published TEXT,
    profile BLOB NOT NULL
);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    story INTEGER NOT NULL REFERENCES stories (id),
    wire_group TEXT,
    title TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    published TEXT,
    authors TEXT NOT NULL,
    language TEXT,
    credited_to TEXT,
    cites TEXT NOT NULL,
    body TEXT NOT NULL,
    sentences TEXT NOT NULL,
    repairs TEXT NOT NULL,
    flags TEXT NOT NULL,
    origin TEXT NOT NULL,
    extraction TEXT NOT NULL,
    signature BLOB NOT NULL
);
CREATE INDEX articles_story ON articles (story);
CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value
) WITHOUT ROWID;
";

/// Version 2: what listing and searching need without scanning every article.
///
/// Stories keep their article count and the arrival number of their latest
/// article (kept up to date by the batch writer), indexed for both orders of
/// the listing. `articles_fts` is a full-text index over title and body that
/// reads its content from `articles` (no second copy of the text); articles
/// are never changed or deleted, so the writer only ever inserts into it.
pub(crate) const V2: &str = "
ALTER TABLE stories ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN last_seq INTEGER NOT NULL DEFAULT 0;
UPDATE stories SET
    article_count = (SELECT count(*) FROM articles WHERE story = stories.id),
    last_seq = coalesce((SELECT max(seq) FROM articles WHERE story = stories.id), 0);
CREATE INDEX stories_latest ON stories (last_seq);
CREATE INDEX stories_size ON stories (article_count, last_seq);
CREATE INDEX articles_outlet ON articles (outlet, story);
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body, content = 'articles', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
";

/// Version 7: every article's placement and signature read without its text.
///
/// Restoring the online indexes reads the id, story, wire group and
/// signature of every article, in arrival order. The signature is the last
/// column of a row whose body and extraction spill into overflow pages, so
/// reading it read the whole row: the whole table, 9.5 KB per article in
/// the benchmark's store. The index holds those four columns, some 650
/// bytes per article, and the query reads it alone.
pub(crate) const V7: &str = "
CREATE INDEX articles_placement ON articles (seq, id, story, wire_group, signature);
";

/// Brings the database up to [`SUPPORTED`]; `label` names it in errors.
pub(super) fn migrate(conn: &mut Connection, label: &str) -> Result<()> {
    if check(conn, label)? == SUPPORTED {
        return Ok(());
    }
    loop {
        // Re-read under the write lock: another process may have migrated
        // between our check and this transaction.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found = check(&tx, label)?;
        if found == SUPPORTED {
            return Ok(());
        }
        tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
        tx.execute_batch(MIGRATIONS[found as usize].sqlite)?;
        tx.execute("DELETE FROM schema_version", [])?;
        tx.execute("INSERT INTO schema_version (version) VALUES (?1)", [found + 1])?;
        tx.commit()?;
    }
}

/// The current version, refusing versions newer than supported.
fn check(conn: &Connection, label: &str) -> Result<i64> {
    let found = version(conn, label)?;
    if found > SUPPORTED {
        return Err(StoreError::TooNew { found, supported: SUPPORTED });
    }
    Ok(found)
}

/// The stored version: 0 for an empty database.
fn version(conn: &Connection, label: &str) -> Result<i64> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if !tables.iter().any(|t| t == "schema_version") {
        if tables.is_empty() {
            return Ok(0);
        }
        return Err(StoreError::Open {
            path: label.to_string(),
            reason: "not a corroborate database: it has tables but no schema version".into(),
        });
    }
    let found: Option<i64> =
        conn.query_row("SELECT max(version) FROM schema_version", [], |row| row.get(0))?;
    Ok(found.unwrap_or(0))
}
