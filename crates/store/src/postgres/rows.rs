//! Conversion between model types and rows, and the batch writer.
//!
//! The stored forms are SQLite's: JSON text for list-valued fields, signatures
//! as u32 little-endian bytes. PostgreSQL has no unsigned integers, so counts
//! and frequencies travel as `BIGINT` and are converted at this boundary.

use ::postgres::Row;
use std::collections::BTreeMap;

use corroborate_model::{Article, Extraction, StoryId};

use super::pool::Conn;
use crate::{Batch, Reassignment, Result, StoreError, StoryRecord};

/// The columns [`read_article`] reads, in its order.
pub(super) const ARTICLE_COLUMNS: &str = "id, story, wire_group, title, outlet, url, published, authors, \
     language, credited_to, cites, body, sentences, repairs, flags, origin";

/// The columns [`read_story`] reads, in its order.
pub(super) const STORY_COLUMNS: &str = "id, title, first_published, last_published, profile, title_derived";

/// Position of the first column after [`ARTICLE_COLUMNS`].
pub(super) const AFTER_ARTICLE: usize = 16;

pub(super) fn read_article(row: &Row) -> Result<Article> {
    Ok(Article {
        id: row.try_get(0)?,
        story: Some(row.try_get(1)?),
        wire_group: row.try_get(2)?,
        title: row.try_get(3)?,
        outlet: row.try_get(4)?,
        url: row.try_get(5)?,
        published: row.try_get(6)?,
        authors: serde_json::from_str(row.try_get(7)?)?,
        language: row.try_get(8)?,
        credited_to: row.try_get(9)?,
        cites: serde_json::from_str(row.try_get(10)?)?,
        body: row.try_get(11)?,
        sentences: serde_json::from_str(row.try_get(12)?)?,
        repairs: serde_json::from_str(row.try_get(13)?)?,
        flags: serde_json::from_str(row.try_get(14)?)?,
        origin: row.try_get(15)?,
    })
}

pub(super) fn read_extraction(row: &Row, i: usize) -> Result<Extraction> {
    Ok(serde_json::from_str(row.try_get(i)?)?)
}

pub(super) fn read_story(row: &Row) -> Result<StoryRecord> {
    Ok(StoryRecord {
        id: row.try_get(0)?,
        title: row.try_get(1)?,
        first_published: row.try_get(2)?,
        last_published: row.try_get(3)?,
        profile: row.try_get(4)?,
        title_derived: row.try_get::<_, i32>(5)? != 0,
    })
}

/// A signature stored as consecutive u32 little-endian values.
pub(super) fn read_signature(row: &Row, i: usize) -> Result<Vec<u32>> {
    let bytes: &[u8] = row.try_get(i)?;
    let chunks = bytes.chunks_exact(4);
    if !chunks.remainder().is_empty() {
        let reason = format!("signature of {} bytes is not a whole number of u32", bytes.len());
        return Err(StoreError::Corrupt(reason));
    }
    Ok(chunks.map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
}

fn encode_signature(signature: &[u32]) -> Vec<u8> {
    signature.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A count read from a `BIGINT` that the store only ever sets to values >= 0.
pub(super) fn count(row: &Row, i: usize) -> Result<u64> {
    Ok(row.try_get::<_, i64>(i)?.max(0) as u64)
}

/// PostgreSQL integers are signed; larger offsets and limits mean "all".
pub(super) fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Upserts stories with [`UPSERT_STORY`], in the order of their ids.
fn upsert_stories(
    tx: &mut ::postgres::Transaction<'_>,
    upsert: &::postgres::Statement,
    stories: &[StoryRecord],
) -> Result<()> {
    let mut stories: Vec<&StoryRecord> = stories.iter().collect();
    stories.sort_by_key(|s| s.id);
    for s in stories {
        let derived = i32::from(s.title_derived);
        tx.execute(upsert, &[&s.id, &s.title, &s.first_published, &s.last_published, &s.profile, &derived])?;
    }
    Ok(())
}

const UPSERT_STORY: &str =
    "INSERT INTO stories (id, title, first_published, last_published, profile, title_derived)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title,
         first_published = excluded.first_published,
         last_published = excluded.last_published, profile = excluded.profile,
         title_derived = excluded.title_derived";

/// Key of the advisory lock that serialises batch writes ("corrarti").
const WRITE_LOCK: i64 = 0x636f_7272_6172_7469;

/// Writes all of `batch` in one transaction.
///
/// The transaction first takes an advisory lock held until it ends, so
/// writers commit one after another and arrival numbers (`seq`) become
/// visible in the order they were taken. Without it, a writer could commit
/// article 101 while article 100 of another writer is still uncommitted, and
/// a reader following `articles_since(100)` (the server's event streams)
/// would never see article 100.
///
/// Stories go first so that the articles' foreign key to their story holds.
/// The articles newly inserted are then counted into their stories with one
/// update per story. Every kind of row is written in key order (stories by
/// id, terms by text), so a batch and a reassignment touching the same rows
/// lock them in the same order; a crossing that remains ends in a deadlock
/// that the server breaks and the pool retries.
pub(super) fn write_batch(conn: &mut Conn, batch: &Batch) -> Result<()> {
    let story = conn.prepare(UPSERT_STORY)?;
    let article = conn.prepare(&format!(
        "INSERT INTO articles ({ARTICLE_COLUMNS}, extraction, signature)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (id) DO NOTHING
         RETURNING seq"
    ))?;
    let story_stats = conn.prepare(
        "UPDATE stories SET article_count = article_count + $2, last_seq = greatest(last_seq, $3)
         WHERE id = $1",
    )?;
    let df = conn.prepare(
        "INSERT INTO term_df (term, df) VALUES ($1, $2)
         ON CONFLICT (term) DO UPDATE SET df = excluded.df",
    )?;
    let doc_count = conn.prepare(
        "INSERT INTO meta (key, value) VALUES ('doc_count', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?;

    let mut tx = conn.client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    upsert_stories(&mut tx, &story, &batch.stories)?;
    // Story -> (articles added, latest arrival number).
    let mut added: BTreeMap<Option<StoryId>, (i64, i64)> = BTreeMap::new();
    for stored in &batch.articles {
        let a = &stored.article;
        let inserted = tx.query_opt(
            &article,
            &[
                &a.id,
                &a.story,
                &a.wire_group,
                &a.title,
                &a.outlet,
                &a.url,
                &a.published,
                &serde_json::to_string(&a.authors)?,
                &a.language,
                &a.credited_to,
                &serde_json::to_string(&a.cites)?,
                &a.body,
                &serde_json::to_string(&a.sentences)?,
                &serde_json::to_string(&a.repairs)?,
                &serde_json::to_string(&a.flags)?,
                &a.origin,
                &serde_json::to_string(&stored.extraction)?,
                &encode_signature(&stored.signature),
            ],
        )?;
        if let Some(row) = inserted {
            let seq: i64 = row.try_get(0)?;
            let entry = added.entry(a.story).or_default();
            *entry = (entry.0 + 1, entry.1.max(seq));
        }
    }
    for (story, (n, last)) in &added {
        tx.execute(&story_stats, &[story, n, last])?;
    }
    let mut terms: Vec<&(String, u32)> = batch.term_df.iter().collect();
    terms.sort();
    for (term, count) in terms {
        tx.execute(&df, &[term, &i64::from(*count)])?;
    }
    tx.execute(&doc_count, &[&clamp(batch.doc_count)])?;
    tx.commit()?;
    Ok(())
}

/// Writes a new partition of the articles into stories in one transaction,
/// with the same steps as SQLite's: upsert the stories, forget the digests
/// of the stories each article leaves and joins, move the articles, delete
/// stories left empty, recount the stories written (no other gains or loses
/// an article).
pub(super) fn write_reassignment(conn: &mut Conn, plan: &Reassignment) -> Result<()> {
    let story = conn.prepare(UPSERT_STORY)?;
    let forget = conn.prepare(crate::digests::FORGET_MOVED_ALL)?;
    let moved = conn.prepare("UPDATE articles SET story = $2 WHERE id = $1")?;
    let mut tx = conn.client.transaction()?;
    upsert_stories(&mut tx, &story, &plan.stories)?;
    let (articles, stories): (Vec<&str>, Vec<i64>) = plan.moves.iter().map(|(a, s)| (a.as_str(), *s)).unzip();
    tx.execute(&forget, &[&articles, &stories])?;
    for (article, story) in &plan.moves {
        tx.execute(&moved, &[article, story])?;
    }
    // The ids of the stories about to go stay issued.
    tx.batch_execute(
        "INSERT INTO meta (key, value) SELECT 'stories_issued', coalesce(max(id), 0) FROM stories
         ON CONFLICT (key) DO UPDATE SET value = GREATEST(meta.value, excluded.value);
         DELETE FROM stories WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story = stories.id);",
    )?;
    // Only the stories written gain or lose articles.
    let ids: Vec<i64> = plan.stories.iter().map(|s| s.id).collect();
    tx.execute(
        "UPDATE stories SET
             article_count = (SELECT count(*) FROM articles a WHERE a.story = stories.id),
             last_seq = coalesce((SELECT max(seq) FROM articles a WHERE a.story = stories.id), 0)
         WHERE id = ANY($1)",
        &[&ids],
    )?;
    tx.commit()?;
    Ok(())
}
