//! What the API returns and the pages show, built from the store.

use corroborate_model::{Article, Mention, QuoteMention, Repair, StoryId};
use corroborate_store::{AnyStore, Digest, Store, StoryListing, StoryQuery, StorySort};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::state::AppState;
use crate::ApiError;

pub const DEFAULT_PER_PAGE: u64 = 20;
pub const MAX_PER_PAGE: u64 = 100;

/// Paging and filters of the story listing; every field is optional.
#[derive(Deserialize, IntoParams, Default, Clone)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Page number, from 1.
    pub page: Option<String>,
    /// Stories per page, 1 to 100 (default 20).
    pub per_page: Option<String>,
    /// Words some article of the story must contain.
    pub q: Option<String>,
    /// An outlet that reported the story.
    pub outlet: Option<String>,
    /// The language of some article of the story: a code (`de`, `deu`) or a
    /// name (`German`).
    pub language: Option<String>,
    /// `YYYY-MM-DD`: stories still reported on or after this day.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: stories first reported on or before this day.
    pub to: Option<String>,
    /// `true`: only stories whose sources disagree on something; `false`:
    /// only stories whose sources disagree on nothing; empty: all.
    pub disputed: Option<String>,
    /// `latest` (latest activity first, the default) or `size` (most articles first).
    pub sort: Option<String>,
}

/// Page number and size from query parameters.
pub fn paging(page: Option<&str>, per_page: Option<&str>) -> Result<(u64, u64), ApiError> {
    let number = |name: &str, value: Option<&str>, default: u64| -> Result<u64, ApiError> {
        match value.filter(|v| !v.is_empty()) {
            None => Ok(default),
            Some(v) => v
                .parse::<u64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| ApiError::bad_request(format!("{name} must be a whole number from 1"))),
        }
    };
    let page = number("page", page, 1)?;
    let per_page = number("per_page", per_page, DEFAULT_PER_PAGE)?.min(MAX_PER_PAGE);
    Ok((page, per_page))
}

impl ListParams {
    /// The store query, with the page number and size it asks for.
    pub fn query(&self) -> Result<(StoryQuery, u64, u64), ApiError> {
        let (page, per_page) = paging(self.page.as_deref(), self.per_page.as_deref())?;
        let date = |name: &str, value: &Option<String>| -> Result<Option<String>, ApiError> {
            match value.as_deref().filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(v) if is_date(v) => Ok(Some(v.to_string())),
                Some(_) => Err(ApiError::bad_request(format!("{name} must be a date, YYYY-MM-DD"))),
            }
        };
        let sort = match self.sort.as_deref().unwrap_or("") {
            "" | "latest" => StorySort::Latest,
            "size" => StorySort::Size,
            _ => return Err(ApiError::bad_request("sort must be latest or size")),
        };
        let disputed = match self.disputed.as_deref().unwrap_or("") {
            "" => None,
            "false" | "0" => Some(false),
            "true" | "1" | "on" => Some(true),
            _ => return Err(ApiError::bad_request("disputed must be true or false")),
        };
        let query = StoryQuery {
            story: None,
            text: self.q.clone().filter(|q| !q.trim().is_empty()),
            outlet: self.outlet.as_deref().and_then(corroborate_ingest::outlet_filter),
            language: self.language.as_deref().and_then(corroborate_ingest::language_code),
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
            disputed,
            sort,
            offset: (page - 1).saturating_mul(per_page),
            limit: per_page,
        };
        Ok((query, page, per_page))
    }
}

/// Whether `v` is a day of the calendar written `YYYY-MM-DD` (not `2013-02-30`).
fn is_date(v: &str) -> bool {
    let b = v.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shaped {
        return false;
    }
    let number = |range: std::ops::Range<usize>| v[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    (1..=days).contains(&day)
}

/// A story as listed.
#[derive(Serialize, ToSchema, Clone, Debug)]
pub struct StoryItem {
    pub id: StoryId,
    pub title: String,
    pub articles: usize,
    /// Independent sources: wire copies count once, credited outlets count as the outlet credited.
    pub independent_outlets: usize,
    pub outlets: Vec<String>,
    /// Number of attributes on which sources disagree.
    pub disputes: usize,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Arrival number of its latest article.
    pub last_seq: u64,
}

/// A page of stories.
#[derive(Serialize, ToSchema)]
pub struct StoryList {
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
    pub stories: Vec<StoryItem>,
}

/// Runs a listing query and fills in what the story list shows.
pub fn story_list(state: &AppState, store: &AnyStore, params: &ListParams) -> Result<StoryList, ApiError> {
    let (query, page, per_page) = params.query()?;
    let found = store.story_page(&query)?;
    let stories = found.items.iter().map(|s| story_item(state, store, s)).collect::<Result<_, _>>()?;
    Ok(StoryList { page, per_page, total: found.total, stories })
}

/// A listed story from its stored digest (the latest, which trails the story
/// by at most the ingest in progress), or from its brief when it has none yet.
fn story_item(state: &AppState, store: &AnyStore, s: &StoryListing) -> Result<StoryItem, ApiError> {
    let digest = match &s.digest {
        Some(digest) => digest.clone(),
        None => {
            let brief =
                state.brief(store, s.id)?.ok_or_else(|| ApiError::internal("a listed story vanished"))?;
            let mut outlets: Vec<String> =
                brief.story.articles.iter().filter_map(|a| a.outlet.clone()).collect();
            outlets.sort();
            outlets.dedup();
            Digest {
                independent_outlets: brief.story.independent_outlets as u64,
                disputes: brief.conflicts.len() as u64,
                outlets,
            }
        }
    };
    Ok(StoryItem {
        id: s.id,
        title: s.title.clone(),
        articles: s.articles as usize,
        independent_outlets: digest.independent_outlets as usize,
        outlets: digest.outlets,
        disputes: digest.disputes as usize,
        first_published: s.first_published.clone(),
        last_published: s.last_published.clone(),
        last_seq: s.last_seq,
    })
}

/// An article with its text before repair and what extraction found in it.
#[derive(Serialize, ToSchema)]
pub struct ArticleView {
    /// The stored article (see `docs/json-schema.json`): clean `body`, `repairs`, `flags`, `sentences`...
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub article: Article,
    /// The body as read, before text repair, rebuilt from the repairs.
    pub original_body: String,
    /// Quoted speech, with spans into the clean body.
    #[schema(value_type = Vec<Object>)]
    pub quotes: Vec<QuoteMention>,
    /// Named-entity mentions, with spans into the clean body.
    #[schema(value_type = Vec<Object>)]
    pub mentions: Vec<Mention>,
}

pub fn article_view(store: &AnyStore, id: &str) -> Result<Option<ArticleView>, ApiError> {
    let Some(stored) = store.article(id)? else {
        return Ok(None);
    };
    let original_body = original(&stored.article);
    Ok(Some(ArticleView {
        article: stored.article,
        original_body,
        quotes: stored.extraction.quotes,
        mentions: stored.extraction.mentions,
    }))
}

/// A piece of the clean body: text left as it was, or the result of a repair.
pub enum Piece<'a> {
    Kept(&'a str),
    Repaired(&'a Repair),
}

/// The clean body cut at its repairs. Each repair replaced `before` by `after`
/// at `after_span` of the clean body, in order and without overlap, so
/// putting every `before` back restores the input; a repair that does not fit
/// (out of order or off the text) is left out.
pub fn pieces(article: &Article) -> Vec<Piece<'_>> {
    let body = &article.body;
    let mut out = Vec::new();
    let mut pos = 0;
    for r in &article.repairs {
        let (start, end) = (r.after_span.start, r.after_span.end);
        if start < pos || end > body.len() || !body.is_char_boundary(start) || !body.is_char_boundary(end) {
            continue;
        }
        out.push(Piece::Kept(&body[pos..start]));
        out.push(Piece::Repaired(r));
        pos = end;
    }
    out.push(Piece::Kept(&body[pos..]));
    out
}

/// The body as read, before text repair.
pub fn original(article: &Article) -> String {
    pieces(article)
        .into_iter()
        .map(|p| match p {
            Piece::Kept(text) => text,
            Piece::Repaired(r) => r.before.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{RepairKind, Span};

    #[test]
    fn the_original_body_puts_every_repair_back() {
        let input =
            "Officials said the port \u{e2}\u{20ac}\u{153}will reopen\u{e2}\u{20ac}\u{9d} &amp; ships wait.";
        let repaired = corroborate_text::repair(input);
        assert!(repaired.repairs.len() >= 2, "{:?}", repaired.repairs);
        let article = Article {
            id: "x".into(),
            story: None,
            wire_group: None,
            title: "Port".into(),
            outlet: None,
            url: None,
            published: None,
            authors: vec![],
            language: None,
            credited_to: None,
            cites: vec![],
            body: repaired.text.clone(),
            sentences: vec![],
            repairs: repaired.repairs,
            flags: vec![],
            origin: "x".into(),
        };
        assert_eq!(article.body, "Officials said the port \u{201c}will reopen\u{201d} & ships wait.");
        assert_eq!(original(&article), input);
    }

    #[test]
    fn a_repair_outside_the_body_is_skipped() {
        let mut article = Article {
            id: "x".into(),
            story: None,
            wire_group: None,
            title: "t".into(),
            outlet: None,
            url: None,
            published: None,
            authors: vec![],
            language: None,
            credited_to: None,
            cites: vec![],
            body: "a & b".into(),
            sentences: vec![],
            repairs: vec![],
            flags: vec![],
            origin: "x".into(),
        };
        let repair = |at: Span| Repair {
            kind: RepairKind::HtmlEntity,
            before_span: Span::new(2, 7),
            after_span: at,
            before: "&amp;".into(),
            after: "&".into(),
        };
        article.repairs = vec![repair(Span::new(2, 3)), repair(Span::new(40, 41))];
        assert_eq!(original(&article), "a &amp; b");
    }

    #[test]
    fn paging_and_filters_are_checked() {
        assert_eq!(paging(None, None).unwrap(), (1, DEFAULT_PER_PAGE));
        assert_eq!(paging(Some("3"), Some("500")).unwrap(), (3, MAX_PER_PAGE));
        assert_eq!(paging(Some("0"), None).unwrap_err().code, "bad_request");
        let bad_date = ListParams { from: Some("March 3".into()), ..ListParams::default() };
        assert!(bad_date.query().is_err());
        let ok =
            ListParams { to: Some("2024-03-11".into()), sort: Some("size".into()), ..ListParams::default() };
        let (q, _, _) = ok.query().unwrap();
        assert_eq!((q.to.as_deref(), q.sort), (Some("2024-03-11"), StorySort::Size));
    }
}
