//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed, parsed by `feed-rs`.
//!
//! A feed item is one of two things. Some feeds carry the whole article
//! (`content:encoded`, Atom `content`, or a long summary): such an item is a
//! draft like any other record. Most carry a headline, a date and a link:
//! those items are [`FeedLink`]s, pages to fetch, with what the feed says
//! about them kept for the pages that say less themselves.
//!
//! The XML parser resolves only the five predefined entities and character
//! references; a DTD's own entities (the "billion laughs" bomb) and external
//! entities are left as written, so a feed cannot grow in memory or reach out
//! of the file. Feeds larger than [`FEED_LIMIT`] are refused.
//!
//! A feed that does not parse whole is mended (see [`salvage`]): one bad
//! item, a bare `&` or an undeclared legacy encoding costs that item at most,
//! not the feed.

mod salvage;

pub(crate) use salvage::escape_stray_marks;

use corroborate_model::{Draft, Flag, RawDocument};
use feed_rs::model::{Entry, Feed, Person};

use crate::json::LISTED_ERRORS;
use crate::{dates, html, meta, paragraphs, source, IngestError, Page};

/// Largest feed read, in bytes.
pub(crate) const FEED_LIMIT: usize = 16 * 1024 * 1024;
/// Characters of text (after markup is removed) that make an item an article
/// rather than a teaser.
const MIN_ARTICLE_CHARS: usize = 400;

/// A feed item without the article's text: the page to fetch, and what the
/// feed says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedLink {
    /// The feed it was listed in (path or URL).
    pub feed: String,
    pub url: String,
    pub title: Option<String>,
    /// Normalised like `Draft::published`.
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// The feed's title.
    pub outlet: Option<String>,
}

/// The items of a feed that are links only; empty when the document is not
/// a feed or cannot be parsed (its errors come from [`crate::read`]).
pub fn feed_links(doc: &RawDocument) -> Vec<FeedLink> {
    let Ok(bytes) = source::prepare(&doc.origin, &doc.bytes, source::SIZE_LIMIT) else {
        return Vec::new();
    };
    match parse(&doc.origin, &bytes) {
        Ok(parsed) => items(&doc.origin, &parsed).filter_map(|item| item.err()).collect(),
        Err(_) => Vec::new(),
    }
}

/// The items of a feed that carry their article, as pages. A feed with
/// none, only headlines and summaries, is an error rather than nothing stored
/// in silence: its pages are fetched by `watch`.
pub(crate) fn read(origin: &str, bytes: &[u8]) -> Vec<Result<Page, IngestError>> {
    let parsed = match parse(origin, bytes) {
        Ok(parsed) => parsed,
        Err(e) => return vec![Err(e)],
    };
    let entries = parsed.feed.entries.len();
    if entries == 0 && parsed.broken.is_empty() {
        return vec![Err(IngestError::new(origin, "a feed with no items"))];
    }
    let mut pages: Vec<_> = carried(origin, &parsed).map(Ok).collect();
    if pages.is_empty() && entries > 0 {
        let reason = format!(
            "{entries} item(s) are headlines or summaries without article text; list the feed in an OPML file \
             and poll it with `corroborate watch --feeds` to fetch the pages"
        );
        pages.push(Err(IngestError::new(origin, reason)));
    }
    pages.extend(parsed.broken.into_iter().map(Err));
    pages
}

/// The items of a feed that carry their article, for a caller that fetches
/// the pages of the others itself (see [`feed_links`]), as `watch` does.
pub fn feed_articles(doc: &RawDocument) -> Vec<Result<Draft, IngestError>> {
    let bytes = match source::prepare(&doc.origin, &doc.bytes, source::SIZE_LIMIT) {
        Ok(bytes) => bytes,
        Err(e) => return vec![Err(e)],
    };
    match parse(&doc.origin, &bytes) {
        Ok(parsed) => {
            let mut drafts: Vec<_> = carried(&doc.origin, &parsed)
                .map(|mut page| {
                    page.draft.flags.splice(0..0, parsed.flags.iter().cloned());
                    Ok(page.draft)
                })
                .collect();
            drafts.extend(parsed.broken.iter().cloned().map(Err));
            drafts
        }
        Err(e) => vec![Err(e)],
    }
}

/// A feed as read: its items, their numbers in the document, and the items
/// that could not be read.
struct Parsed {
    feed: Feed,
    /// Each item's number in the document, from 1 (items that could not be
    /// read keep their numbers, so the others' do not shift).
    numbers: Vec<usize>,
    broken: Vec<IngestError>,
    /// Flags of a decoding done to mend the feed (a legacy encoding). Read
    /// through [`read`], the input's own decoding gives them already.
    flags: Vec<Flag>,
}

/// The items that carry their article, as pages.
fn carried<'a>(origin: &'a str, parsed: &'a Parsed) -> impl Iterator<Item = Page> + 'a {
    items(origin, parsed).filter_map(|item| item.ok())
}

fn parse(origin: &str, bytes: &[u8]) -> Result<Parsed, IngestError> {
    if bytes.len() > FEED_LIMIT {
        let reason = format!("feed too large: {} MiB (limit {} MiB)", bytes.len() >> 20, FEED_LIMIT >> 20);
        return Err(IngestError::new(origin, reason));
    }
    match feed_rs::parser::parse(bytes) {
        Ok(feed) => {
            let numbers = (1..=feed.entries.len()).collect();
            Ok(Parsed { feed, numbers, broken: Vec::new(), flags: Vec::new() })
        }
        Err(e) => match salvage::salvage(bytes) {
            Some(s) => Ok(Parsed {
                feed: s.feed,
                numbers: s.numbers,
                broken: broken_items(origin, s.broken),
                flags: s.flags,
            }),
            None => Err(IngestError::new(origin, format!("unreadable feed: {e}"))),
        },
    }
}

/// The errors of the items that could not be read: the first
/// [`LISTED_ERRORS`] one by one, the rest counted in one more.
fn broken_items(origin: &str, broken: Vec<(usize, String)>) -> Vec<IngestError> {
    let unlisted = broken.len().saturating_sub(LISTED_ERRORS);
    let mut errors: Vec<IngestError> = (broken.into_iter().take(LISTED_ERRORS))
        .map(|(n, reason)| {
            IngestError::new(format!("{origin}:{n}"), format!("unreadable feed item: {reason}"))
        })
        .collect();
    if unlisted > 0 {
        let reason =
            format!("{unlisted} more items could not be read (the first {LISTED_ERRORS} are listed)");
        errors.push(IngestError::new(origin, reason));
    }
    errors
}

/// Each item as an article (Ok) or a link (Err); items with neither text
/// nor link are dropped.
fn items<'a>(origin: &'a str, parsed: &'a Parsed) -> impl Iterator<Item = Result<Page, FeedLink>> + 'a {
    let feed = &parsed.feed;
    let outlet = feed.title.as_ref().and_then(|t| clean(&t.content));
    let language = feed.language.as_deref().and_then(meta::language_code);
    feed.entries.iter().zip(&parsed.numbers).filter_map(move |(entry, number)| {
        let link = entry.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"));
        let url = link.map(|l| l.href.trim().to_string()).filter(|u| !u.is_empty());
        let title = entry.title.as_ref().and_then(|t| clean(&t.content));
        let published = entry.published.or(entry.updated).map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        let mut authors: Vec<String> = entry.authors.iter().filter_map(person).collect();
        if authors.is_empty() {
            authors = feed.authors.iter().filter_map(person).collect();
        }
        authors.retain(|a| !outlet.as_deref().is_some_and(|o| o.eq_ignore_ascii_case(a)));
        let body = text_of(entry);
        if body.chars().filter(|c| !c.is_whitespace()).count() >= MIN_ARTICLE_CHARS {
            let mut draft = Draft {
                origin: format!("{origin}:{number}"),
                title,
                outlet: outlet.clone(),
                url,
                authors,
                language: entry
                    .language
                    .as_deref()
                    .and_then(meta::language_code)
                    .or_else(|| language.clone()),
                ..Draft::default()
            };
            draft.published = published.as_deref().and_then(dates::plausible_date);
            crate::credits::apply(&mut draft, &body);
            if draft.language.is_none() {
                draft.language = html::detect_language(&draft.body);
            }
            let modified = entry.updated.map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            return Some(Ok(Page { draft, modified }));
        }
        let url = url?;
        Some(Err(FeedLink {
            feed: origin.to_string(),
            url,
            title,
            published,
            authors,
            outlet: outlet.clone(),
        }))
    })
}

/// The longest of the item's content and summary, as paragraphs.
fn text_of(entry: &Entry) -> String {
    let content = entry.content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or("");
    let summary = entry.summary.as_ref().map_or("", |s| s.content.as_str());
    let raw = if content.len() >= summary.len() { content } else { summary };
    if raw.contains('<') {
        // Refused markup leaves the item a link, whose page is read instead.
        html::fragment_text(raw).unwrap_or_default()
    } else {
        paragraphs::normalize(raw)
    }
}

/// A person's name; RSS writes `editor@example.com (Ana Ruiz)`, which may
/// reach here whole or as `(Ana Ruiz)`.
fn person(p: &Person) -> Option<String> {
    let name = p.name.as_deref()?.trim();
    let name = match name.split_once('(') {
        Some((address, rest)) if address.contains('@') => rest.trim_end_matches(')'),
        _ => name,
    };
    clean(name.trim_start_matches('(').trim_end_matches(')'))
        .filter(|n| !n.contains('@') && !n.contains("://"))
}

fn clean(text: &str) -> Option<String> {
    Some(paragraphs::collapse(text)).filter(|t| !t.is_empty())
}
