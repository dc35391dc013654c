//! Conversion between model types and table rows, and the batch writer.

use corroborate_model::{Article, Extraction};
use rusqlite::types::Type;
use rusqlite::{params, Connection, Row};

use crate::{Batch, Reassignment, Result, StoryRecord};

/// The columns [`read_article`] reads, in its order.
macro_rules! article_columns {
    () => {
        "id, story, wire_group, title, outlet, url, published, authors, language, \
         credited_to, cites, body, sentences, repairs, flags, origin"
    };
}
pub(super) use article_columns;

/// The columns [`read_story`] reads, in its order.
macro_rules! story_columns {
    () => {
        "id, title, first_published, last_published, profile, title_derived"
    };
}
pub(super) use story_columns;

/// Position of the first column after [`article_columns`].
pub(super) const AFTER_ARTICLE: usize = 16;

pub(super) fn read_article(row: &Row) -> Result<Article> {
    Ok(Article {
        id: row.get(0)?,
        story: Some(row.get(1)?),
        wire_group: row.get(2)?,
        title: row.get(3)?,
        outlet: row.get(4)?,
        url: row.get(5)?,
        published: row.get(6)?,
        authors: serde_json::from_str(text(row, 7)?)?,
        language: row.get(8)?,
        credited_to: row.get(9)?,
        cites: serde_json::from_str(text(row, 10)?)?,
        body: row.get(11)?,
        sentences: serde_json::from_str(text(row, 12)?)?,
        repairs: serde_json::from_str(text(row, 13)?)?,
        flags: serde_json::from_str(text(row, 14)?)?,
        origin: row.get(15)?,
    })
}

pub(super) fn read_extraction(row: &Row, i: usize) -> Result<Extraction> {
    Ok(serde_json::from_str(text(row, i)?)?)
}

pub(super) fn read_story(row: &Row) -> rusqlite::Result<StoryRecord> {
    Ok(StoryRecord {
        id: row.get(0)?,
        title: row.get(1)?,
        first_published: row.get(2)?,
        last_published: row.get(3)?,
        profile: row.get(4)?,
        title_derived: row.get(5)?,
    })
}

/// A signature stored as consecutive u32 little-endian values.
pub(super) fn read_signature(row: &Row, i: usize) -> rusqlite::Result<Vec<u32>> {
    let bytes = row.get_ref(i)?.as_blob()?;
    if bytes.len() % 4 != 0 {
        let reason = format!("signature of {} bytes is not a whole number of u32", bytes.len());
        return Err(rusqlite::Error::FromSqlConversionFailure(i, Type::Blob, reason.into()));
    }
    Ok(bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
}

fn encode_signature(signature: &[u32]) -> Vec<u8> {
    signature.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn text<'r>(row: &'r Row, i: usize) -> rusqlite::Result<&'r str> {
    Ok(row.get_ref(i)?.as_str()?)
}

/// Creates or updates stories.
fn upsert_stories(conn: &Connection, stories: &[StoryRecord]) -> Result<()> {
    let mut story = conn.prepare_cached(
        "INSERT INTO stories (id, title, first_published, last_published, profile, title_derived)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title,
             first_published = excluded.first_published,
             last_published = excluded.last_published, profile = excluded.profile,
             title_derived = excluded.title_derived",
    )?;
    for s in stories {
        story.execute(params![
            s.id,
            s.title,
            s.first_published,
            s.last_published,
            s.profile,
            s.title_derived
        ])?;
    }
    Ok(())
}

/// Writes a new partition of the articles into stories; the caller owns the transaction.
pub(super) fn write_reassignment(conn: &Connection, plan: &Reassignment) -> Result<()> {
    upsert_stories(conn, &plan.stories)?;
    // The digests of the stories an article leaves and joins are made again;
    // those of stories that keep their articles stay.
    let mut forget = conn.prepare_cached(crate::digests::FORGET_MOVED)?;
    let mut moved = conn.prepare_cached("UPDATE articles SET story = ?2 WHERE id = ?1")?;
    for (article, story) in &plan.moves {
        forget.execute(params![article, story])?;
        moved.execute(params![article, story])?;
    }
    // The ids of the stories about to go stay issued.
    conn.execute(
        "INSERT INTO meta (key, value) SELECT 'stories_issued', coalesce(max(id), 0) FROM stories WHERE true
         ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)",
        [],
    )?;
    conn.execute(
        "DELETE FROM stories WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story = stories.id)",
        [],
    )?;
    // Only the stories written gain or lose articles.
    let mut counted = conn.prepare_cached(
        "UPDATE stories SET
             article_count = (SELECT count(*) FROM articles a WHERE a.story = stories.id),
             last_seq = (SELECT max(seq) FROM articles a WHERE a.story = stories.id)
         WHERE id = ?1",
    )?;
    for story in &plan.stories {
        counted.execute([story.id])?;
    }
    Ok(())
}

/// Writes every part of `batch`; the caller owns the transaction.
///
/// Stories go first so that the articles' foreign key to their story holds.
pub(super) fn write_batch(conn: &Connection, batch: &Batch) -> Result<()> {
    upsert_stories(conn, &batch.stories)?;

    // ON CONFLICT (id) rather than OR IGNORE: only a repeated id is skipped,
    // every other constraint (a missing story) still fails the batch.
    let mut article = conn.prepare_cached(concat!(
        "INSERT INTO articles (",
        article_columns!(),
        ", extraction, signature)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
         ON CONFLICT (id) DO NOTHING"
    ))?;
    let mut story_stats = conn.prepare_cached(
        "UPDATE stories SET article_count = article_count + 1, last_seq = ?2 WHERE id = ?1",
    )?;
    let mut fts = conn.prepare_cached("INSERT INTO articles_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?;
    for stored in &batch.articles {
        let a = &stored.article;
        let inserted = article.execute(params![
            a.id,
            a.story,
            a.wire_group,
            a.title,
            a.outlet,
            a.url,
            a.published,
            serde_json::to_string(&a.authors)?,
            a.language,
            a.credited_to,
            serde_json::to_string(&a.cites)?,
            a.body,
            serde_json::to_string(&a.sentences)?,
            serde_json::to_string(&a.repairs)?,
            serde_json::to_string(&a.flags)?,
            a.origin,
            serde_json::to_string(&stored.extraction)?,
            encode_signature(&stored.signature),
        ])?;
        if inserted == 1 {
            let seq = conn.last_insert_rowid();
            story_stats.execute(params![a.story, seq])?;
            fts.execute(params![seq, a.title, a.body])?;
        }
    }

    let mut df = conn.prepare_cached(
        "INSERT INTO term_df (term, df) VALUES (?1, ?2)
         ON CONFLICT (term) DO UPDATE SET df = excluded.df",
    )?;
    for (term, count) in &batch.term_df {
        df.execute(params![term, count])?;
    }

    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES ('doc_count', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([batch.doc_count])?;
    Ok(())
}
