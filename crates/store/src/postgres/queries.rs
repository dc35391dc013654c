//! Listing and searching: the reads behind the HTTP API.
//!
//! The same queries as SQLite's, with `tsvector` matching where SQLite uses
//! FTS5. Snippets come from `ts_headline`, which re-reads the article's text,
//! so it runs only on the page of hits that is returned, never on every match.

use ::postgres::types::ToSql;
use ::postgres::Row;

use super::pool::Conn;
use super::rows::{clamp, count};
use crate::digests;
use crate::snippets::{words, CLOSE, OPEN};
use crate::{ArticleHead, Page, Result, SearchHit, StoryListing, StoryQuery, StorySort};

/// The text of the `tsquery` for `text`: every word must occur, the last may
/// be a prefix (so a search box finds `harb` while typing `harbor`). `None`
/// when the text has no words. Words hold only letters and digits, so quoting
/// them is enough to keep them from being read as operators.
pub(super) fn tsquery(text: &str) -> Option<String> {
    let words = words(text);
    let (last, rest) = words.split_last()?;
    let mut query: Vec<String> = rest.iter().map(|w| format!("'{w}'")).collect();
    query.push(format!("'{last}':*"));
    Some(query.join(" & "))
}

pub(super) fn story_page(conn: &mut Conn, q: &StoryQuery) -> Result<Page<StoryListing>> {
    let mut filter = String::from("article_count > 0");
    let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
    let mut arg = |filter: &mut String, sql: &str, value: Box<dyn ToSql + Sync>| {
        args.push(value);
        filter.push_str(&sql.replace('?', &format!("${}", args.len())));
    };
    if let Some(story) = q.story {
        arg(&mut filter, " AND id = ?", Box::new(story));
    }
    if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
        let Some(query) = tsquery(text) else {
            return Ok(Page { total: 0, items: vec![] });
        };
        arg(
            &mut filter,
            " AND id IN (SELECT story FROM articles WHERE search @@ to_tsquery('simple', ?))",
            Box::new(query),
        );
    }
    if let Some(outlet) = &q.outlet {
        arg(
            &mut filter,
            " AND id IN (SELECT story FROM articles WHERE lower(outlet) = lower(?) OR lower(credited_to) = lower(?))",
            Box::new(outlet.clone()),
        );
    }
    if let Some(language) = &q.language {
        arg(
            &mut filter,
            " AND id IN (SELECT story FROM articles WHERE language = ?)",
            Box::new(language.clone()),
        );
    }
    if let Some(from) = &q.from {
        arg(&mut filter, " AND substr(last_published, 1, 10) >= ?", Box::new(from.clone()));
    }
    if let Some(to) = &q.to {
        arg(&mut filter, " AND substr(first_published, 1, 10) <= ?", Box::new(to.clone()));
    }
    if let Some(disputed) = q.disputed {
        filter.push_str(digests::disputed_filter(disputed));
    }
    let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref()).collect();
    let stmt = conn.prepare(&format!("SELECT count(*) FROM stories WHERE {filter}"))?;
    let total = count(&conn.client.query_one(&stmt, &params)?, 0)?;

    let order = match q.sort {
        StorySort::Latest => "last_seq DESC, id DESC",
        StorySort::Size => "article_count DESC, last_seq DESC, id DESC",
    };
    let n = params.len();
    let stmt = conn.prepare(&format!(
        "SELECT id, title, first_published, last_published, article_count, last_seq, {} FROM stories \
         WHERE {filter} ORDER BY {order} LIMIT ${} OFFSET ${}",
        digests::COLUMNS,
        n + 1,
        n + 2
    ))?;
    let (limit, offset) = (clamp(q.limit), clamp(q.offset));
    let mut params = params;
    params.push(&limit);
    params.push(&offset);
    let items = conn
        .client
        .query(&stmt, &params)?
        .iter()
        .map(|row| {
            let listing = StoryListing {
                id: row.try_get(0)?,
                title: row.try_get(1)?,
                first_published: row.try_get(2)?,
                last_published: row.try_get(3)?,
                articles: count(row, 4)?,
                last_seq: count(row, 5)?,
                digest: None,
                digest_current: false,
            };
            digests::fill(listing, row.try_get(6)?, row.try_get(7)?, row.try_get(8)?, row.try_get(9)?)
        })
        .collect::<Result<_>>()?;
    Ok(Page { total, items })
}

pub(super) fn search(conn: &mut Conn, text: &str, offset: u64, limit: u64) -> Result<Page<SearchHit>> {
    let Some(query) = tsquery(text) else {
        return Ok(Page { total: 0, items: vec![] });
    };
    let stmt = conn.prepare("SELECT count(*) FROM articles WHERE search @@ to_tsquery('simple', $1)")?;
    let total = count(&conn.client.query_one(&stmt, &[&query])?, 0)?;
    let options = format!(
        "StartSel=\"{OPEN}\", StopSel=\"{CLOSE}\", MaxWords=24, MinWords=8, ShortWord=0, \
         MaxFragments=1, FragmentDelimiter=\"…\""
    );
    let stmt = conn.prepare(
        "WITH q AS (SELECT to_tsquery('simple', $1) AS q),
         hits AS (
             SELECT a.seq, a.id, a.story, a.title, a.outlet, a.published, a.body,
                    ts_rank(a.search, q.q) AS rank
             FROM articles a, q WHERE a.search @@ q.q
             ORDER BY rank DESC, a.seq LIMIT $2 OFFSET $3)
         SELECT seq, id, story, title, outlet, published,
                ts_headline('simple', title || ' ' || body, (SELECT q FROM q), $4)
         FROM hits ORDER BY rank DESC, seq",
    )?;
    let items = conn
        .client
        .query(&stmt, &[&query, &clamp(limit), &clamp(offset), &options])?
        .iter()
        .map(|row| {
            let (snippet, highlights) = crate::snippets::unmark(row.try_get(6)?);
            Ok(SearchHit { article: read_head(row)?, snippet, highlights })
        })
        .collect::<Result<_>>()?;
    Ok(Page { total, items })
}

pub(super) fn articles_since(conn: &mut Conn, seq: u64, limit: u64) -> Result<Vec<ArticleHead>> {
    let stmt = conn.prepare(
        "SELECT seq, id, story, title, outlet, published FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2",
    )?;
    conn.client.query(&stmt, &[&clamp(seq), &clamp(limit)])?.iter().map(read_head).collect()
}

pub(super) fn last_seq(conn: &mut Conn) -> Result<u64> {
    let stmt = conn.prepare("SELECT coalesce(max(seq), 0) FROM articles")?;
    count(&conn.client.query_one(&stmt, &[])?, 0)
}

fn read_head(row: &Row) -> Result<ArticleHead> {
    Ok(ArticleHead {
        seq: count(row, 0)?,
        id: row.try_get(1)?,
        story: row.try_get(2)?,
        title: row.try_get(3)?,
        outlet: row.try_get(4)?,
        published: row.try_get(5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_every_word_and_prefix_the_last() {
        assert_eq!(tsquery("harbor  reop").as_deref(), Some("'harbor' & 'reop':*"));
        assert_eq!(tsquery("a|b & !c:*").as_deref(), Some("'a' & 'b' & 'c':*"));
        assert_eq!(tsquery(" -*' "), None);
    }
}
