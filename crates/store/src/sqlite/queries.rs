//! Listing and searching: the reads behind the HTTP API.
//!
//! Listings read the per-story counts kept by the batch writer, so a page of
//! stories costs an index walk, not a scan of every article. Full-text
//! queries are built from the words of the user's text, each quoted, so no
//! input can be taken for FTS5 query syntax (and fail or match unexpectedly).

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, Row};

use crate::digests;
use crate::snippets::{unmark, words};
use crate::{ArticleHead, Page, Result, SearchHit, StoryListing, StoryQuery, StorySort};

/// The FTS5 query for `text`: every word must occur, the last may be a prefix
/// (so a search box finds `harb` while typing `harbor`). `None` when the text
/// has no words.
pub(super) fn fts_query(text: &str) -> Option<String> {
    let words = words(text);
    let (last, rest) = words.split_last()?;
    let mut query: Vec<String> = rest.iter().map(|w| format!("\"{w}\"")).collect();
    query.push(format!("\"{last}\"*"));
    Some(query.join(" "))
}

pub(super) fn story_page(conn: &Connection, q: &StoryQuery) -> Result<Page<StoryListing>> {
    let mut filter = String::from("article_count > 0");
    let mut args: Vec<Value> = Vec::new();
    if let Some(story) = q.story {
        filter.push_str(" AND id = ?");
        args.push(Value::Integer(story));
    }
    if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
        let Some(fts) = fts_query(text) else {
            return Ok(Page { total: 0, items: vec![] });
        };
        filter.push_str(
            " AND id IN (SELECT a.story FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid \
             WHERE articles_fts MATCH ?)",
        );
        args.push(Value::Text(fts));
    }
    if let Some(outlet) = &q.outlet {
        filter.push_str(
            " AND id IN (SELECT story FROM articles \
             WHERE outlet = ? COLLATE NOCASE OR credited_to = ? COLLATE NOCASE)",
        );
        args.extend([Value::Text(outlet.clone()), Value::Text(outlet.clone())]);
    }
    if let Some(language) = &q.language {
        filter.push_str(" AND id IN (SELECT story FROM articles WHERE language = ?)");
        args.push(Value::Text(language.clone()));
    }
    if let Some(from) = &q.from {
        filter.push_str(" AND substr(last_published, 1, 10) >= ?");
        args.push(Value::Text(from.clone()));
    }
    if let Some(to) = &q.to {
        filter.push_str(" AND substr(first_published, 1, 10) <= ?");
        args.push(Value::Text(to.clone()));
    }
    if let Some(disputed) = q.disputed {
        filter.push_str(digests::disputed_filter(disputed));
    }
    let total: u64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM stories WHERE {filter}"))?
        .query_row(params_from_iter(&args), |row| row.get(0))?;
    let order = match q.sort {
        StorySort::Latest => "last_seq DESC, id DESC",
        StorySort::Size => "article_count DESC, last_seq DESC, id DESC",
    };
    let sql = format!(
        "SELECT id, title, first_published, last_published, article_count, last_seq, {} FROM stories \
         WHERE {filter} ORDER BY {order} LIMIT ? OFFSET ?",
        digests::COLUMNS
    );
    args.push(Value::Integer(clamp(q.limit)));
    args.push(Value::Integer(clamp(q.offset)));
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(&args), |row| {
            let listing = StoryListing {
                id: row.get(0)?,
                title: row.get(1)?,
                first_published: row.get(2)?,
                last_published: row.get(3)?,
                articles: row.get(4)?,
                last_seq: row.get(5)?,
                digest: None,
                digest_current: false,
            };
            Ok((listing, row.get(6)?, row.get(7)?, row.get(8)?, row.get::<_, String>(9)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let items = rows
        .into_iter()
        .map(|(listing, made_from, independent, disputes, outlets)| {
            digests::fill(listing, made_from, independent, disputes, &outlets)
        })
        .collect::<Result<_>>()?;
    Ok(Page { total, items })
}

pub(super) fn search(conn: &Connection, text: &str, offset: u64, limit: u64) -> Result<Page<SearchHit>> {
    let Some(fts) = fts_query(text) else {
        return Ok(Page { total: 0, items: vec![] });
    };
    let total: u64 = conn
        .prepare_cached("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1")?
        .query_row([&fts], |row| row.get(0))?;
    // The page of hits is chosen first, and only its snippets are made: a
    // snippet for every match (thousands, for a common word) took seconds.
    let mut stmt = conn.prepare_cached(
        "SELECT a.seq, a.id, a.story, a.title, a.outlet, a.published,
                snippet(articles_fts, -1, char(2), char(3), '…', 24)
         FROM (SELECT rowid AS hit, rank AS score FROM articles_fts
               WHERE articles_fts MATCH ?1 ORDER BY rank, rowid LIMIT ?2 OFFSET ?3) page
         JOIN articles_fts ON articles_fts.rowid = page.hit
         JOIN articles a ON a.seq = page.hit
         WHERE articles_fts MATCH ?1 ORDER BY page.score, page.hit",
    )?;
    let items = stmt
        .query_map(params![fts, clamp(limit), clamp(offset)], |row| {
            let (snippet, highlights) = unmark(&row.get::<_, String>(6)?);
            Ok(SearchHit { article: read_head(row)?, snippet, highlights })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page { total, items })
}

pub(super) fn articles_since(conn: &Connection, seq: u64, limit: u64) -> Result<Vec<ArticleHead>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, id, story, title, outlet, published FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let heads =
        stmt.query_map(params![clamp(seq), clamp(limit)], read_head)?.collect::<rusqlite::Result<_>>()?;
    Ok(heads)
}

pub(super) fn last_seq(conn: &Connection) -> Result<u64> {
    Ok(conn.prepare_cached("SELECT coalesce(max(seq), 0) FROM articles")?.query_row([], |row| row.get(0))?)
}

fn read_head(row: &Row) -> rusqlite::Result<ArticleHead> {
    Ok(ArticleHead {
        seq: row.get(0)?,
        id: row.get(1)?,
        story: row.get(2)?,
        title: row.get(3)?,
        outlet: row.get(4)?,
        published: row.get(5)?,
    })
}

/// SQLite integers are signed; larger offsets and limits mean "all".
pub(super) fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_every_word_and_prefix_the_last() {
        assert_eq!(fts_query("harbor  reop").as_deref(), Some("\"harbor\" \"reop\"*"));
        assert_eq!(fts_query("NEAR(\"a\" OR b*)").as_deref(), Some("\"NEAR\" \"a\" \"OR\" \"b\"*"));
        assert_eq!(fts_query(" -*\" "), None);
    }

    #[test]
    fn a_version_1_database_gains_counts_and_search() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(super::super::schema::V1).unwrap();
        conn.execute_batch(
            "CREATE TABLE schema_version (version INTEGER NOT NULL);
             INSERT INTO schema_version VALUES (1);
             INSERT INTO stories VALUES (1, 'Lighthouse relit', '2023-05-02', '2023-05-02', x'');
             INSERT INTO stories VALUES (2, 'The ferry ran late again.', '2023-05-03', '2023-05-03', x'');
             INSERT INTO articles (id, story, title, authors, cites, body, sentences, repairs, flags,
                 origin, extraction, signature)
             VALUES ('old1', 1, 'Lighthouse relit', '[]', '[]', 'The lighthouse at Cape Orin shone again.',
                 '[]', '[]', '[]', 'old.json', '{}', x''),
                 ('old2', 2, 'The ferry ran late again.', '[]', '[]', 'The ferry ran late again.', '[]', '[]',
                 '[{\"kind\":\"missing-title\",\"message\":\"no title; derived from the first sentence\"}]',
                 'old.json', '{}', x'');",
        )
        .unwrap();
        super::super::schema::migrate(&mut conn, "old.db").unwrap();
        let page = story_page(&conn, &StoryQuery { limit: 10, ..StoryQuery::default() }).unwrap();
        assert_eq!(
            page.items.iter().map(|s| (s.id, s.articles, s.last_seq)).collect::<Vec<_>>(),
            [(2, 1, 2), (1, 1, 1)]
        );
        assert_eq!(search(&conn, "cape orin", 0, 10).unwrap().items[0].article.id, "old1");
        // A title that is an untitled article's first sentence is known as such.
        let mut stmt = conn
            .prepare(concat!("SELECT ", super::super::rows::story_columns!(), " FROM stories ORDER BY id"))
            .unwrap();
        let stories: Vec<_> = stmt
            .query_map([], super::super::rows::read_story)
            .unwrap()
            .map(|s| s.map(|s| (s.title, s.title_derived)))
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            stories,
            [("Lighthouse relit".to_string(), false), ("The ferry ran late again.".to_string(), true)]
        );
    }
}
