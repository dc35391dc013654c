//! The PostgreSQL scripts of each schema version, and the migration runner.
//!
//! The versions are the ones of `crate::migrations`, shared with SQLite. The
//! tables match SQLite's column for column, with these differences:
//!
//! - Text that the store compares or orders (ids, terms, dates) uses the `C`
//!   collation, so `id >= prefix` and the order of terms are byte order, as in
//!   SQLite, whatever the database's locale.
//! - `seq` is an identity column: arrival order across every process that
//!   writes. Numbers may be skipped (a rolled-back batch consumes them) but
//!   never reused or reordered among committed rows of one writer.
//! - Full-text search is a `tsvector` column generated from title and body
//!   with the `simple` configuration (lower-cased words, no stemming, no stop
//!   words: what SQLite's `unicode61` does, except that accents are kept) and a
//!   GIN index over it.
//!
//! Several processes may start at once against a new database: each migration
//! step takes a transaction-level advisory lock first and re-reads the version
//! under it, so exactly one of them runs each script. DDL is transactional in
//! PostgreSQL, so a step is applied whole or not at all.

use ::postgres::Client;

use crate::migrations::{MIGRATIONS, SUPPORTED};
use crate::{Result, StoreError};

/// Key of the advisory lock held while migrating ("corrobor" in ASCII).
const MIGRATION_LOCK: i64 = 0x636f_7272_6f62_6f72;

pub(crate) const V1: &str = r#"
CREATE TABLE stories (
    id BIGINT PRIMARY KEY,
    title TEXT NOT NULL,
    first_published TEXT COLLATE "C",
    last_published TEXT COLLATE "C",
    profile BYTEA NOT NULL
);
CREATE TABLE articles (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT COLLATE "C" NOT NULL UNIQUE,
    story BIGINT NOT NULL REFERENCES stories (id),
    wire_group TEXT COLLATE "C",
    title TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    published TEXT COLLATE "C",
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
    signature BYTEA NOT NULL
);
CREATE INDEX articles_story ON articles (story, seq);
CREATE TABLE term_df (
    term TEXT COLLATE "C" PRIMARY KEY,
    df BIGINT NOT NULL
);
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
"#;

pub(crate) const V2: &str = "
ALTER TABLE stories ADD COLUMN article_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN last_seq BIGINT NOT NULL DEFAULT 0;
UPDATE stories SET
    article_count = (SELECT count(*) FROM articles WHERE story = stories.id),
    last_seq = coalesce((SELECT max(seq) FROM articles WHERE story = stories.id), 0);
CREATE INDEX stories_latest ON stories (last_seq);
CREATE INDEX stories_size ON stories (article_count, last_seq);
CREATE INDEX articles_outlet ON articles (outlet, story);
ALTER TABLE articles ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title || ' ' || body)) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
";

/// Version 7 adds nothing here. SQLite needed an index to read every
/// article's signature without its text (see the SQLite schema's `V7`);
/// PostgreSQL keeps a row's long text out of line (TOAST), so a scan of the
/// articles reads the short columns without it.
pub(crate) const V7: &str = "-- nothing to do: long text is stored out of line";

/// Brings the database up to [`SUPPORTED`]; `label` names it in errors.
pub(super) fn migrate(client: &mut Client, label: &str) -> Result<()> {
    if check(client, label)? == SUPPORTED {
        return Ok(());
    }
    loop {
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        let found = check(&mut tx, label)?;
        if found == SUPPORTED {
            return Ok(());
        }
        tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")?;
        tx.batch_execute(MIGRATIONS[found as usize].postgres)?;
        tx.execute("DELETE FROM schema_version", &[])?;
        tx.execute("INSERT INTO schema_version (version) VALUES ($1)", &[&(found + 1)])?;
        tx.commit()?;
    }
}

/// The current version, refusing versions newer than supported.
fn check(client: &mut impl ::postgres::GenericClient, label: &str) -> Result<i64> {
    let found = version(client, label)?;
    if found > SUPPORTED {
        return Err(StoreError::TooNew { found, supported: SUPPORTED });
    }
    Ok(found)
}

/// The stored version: 0 for a schema without tables.
///
/// Only the first schema of the search path counts (`public` unless the
/// connection sets another), so one database can hold several corpora side by
/// side, one per schema.
fn version(client: &mut impl ::postgres::GenericClient, label: &str) -> Result<i64> {
    let tables: Vec<String> = client
        .query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
            &[],
        )?
        .iter()
        .map(|row| row.get(0))
        .collect();
    if !tables.iter().any(|t| t == "schema_version") {
        if tables.is_empty() {
            return Ok(0);
        }
        return Err(StoreError::Open {
            path: label.to_string(),
            reason: "not a corroborate database: it has tables but no schema version".into(),
        });
    }
    let found: Option<i64> = client.query_one("SELECT max(version) FROM schema_version", &[])?.get(0);
    Ok(found.unwrap_or(0))
}
