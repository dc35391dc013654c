//! A page's metadata, from the places publishers put it for search engines
//! and social sites, which are more reliable than anything visible.
//!
//! Each field is looked up in an order of trust: structured data (JSON-LD)
//! first, then Open Graph and other `<meta>` tags, then markup (`<time>`,
//! bylines), and last what can be read off the URL or the visible text. The
//! first place that gives a usable value wins; later places only fill gaps.

use corroborate_model::Draft;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::{Map, Value};

use crate::{dates, meta, paragraphs};

type Object = Map<String, Value>;

/// What [`read`] finds beside the draft's own fields.
pub(crate) struct Found {
    pub draft: Draft,
    pub modified: Option<String>,
}

/// `<meta>` names of the publication date, after Open Graph, most trusted first.
const PUBLISHED_META: [&str; 13] = [
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "original-publish-date",
];
/// `<meta>` names of the last modification, most trusted first.
const MODIFIED_META: [&str; 6] = [
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
];
/// `<meta>` names of authors, after `author` itself.
const AUTHOR_META: [&str; 5] = ["article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"];

pub(crate) fn read(origin: &str, doc: &Html) -> Found {
    let linked = linked_data(doc);
    let metas = Metas::of(doc);
    let site_name = metas.content("og:site_name");
    let url = first_attr(doc, "link[rel~=canonical]", "href")
        .and_then(absolute)
        .or_else(|| metas.content("og:url").and_then(absolute));
    let publisher = linked.iter().find_map(|o| o.get("publisher").and_then(name_of));
    let outlet = match site_name.as_deref().and_then(meta::address) {
        // A site "named" by its address gives way to the publisher's name.
        Some(domain) => publisher.filter(|p| meta::address(p).is_none()).or(Some(domain)),
        // A site "named" `Hosted` or `News`, or by a handle (`detroitnews`),
        // gives way to the publisher (`The Detroit News`), else the address.
        None if site_name.as_deref().is_some_and(|s| is_handle(s) && !meta::is_generic_site(s)) => {
            publisher.or(site_name.clone())
        }
        None => site_name.clone().filter(|s| !meta::is_generic_site(s)).or(publisher),
    }
    .or_else(|| meta::host_outlet(url.as_deref()?));
    let mut draft = Draft {
        origin: origin.to_string(),
        title: title(doc, &metas, &linked, site_name.as_deref()),
        authors: authors(doc, &metas, &linked, outlet.as_deref()),
        language: language(doc, &metas, &linked),
        outlet,
        ..Draft::default()
    };
    let path = url.as_deref().unwrap_or_else(|| dates::file_name(origin));
    if let Some(raw) = published(doc, &metas, &linked, path) {
        dates::set_published(&mut draft, &raw);
    }
    draft.url = url;
    // A page whose author is a news agency carries that agency's copy.
    let own = draft.outlet.as_deref().map(crate::outlets::normalise_outlet);
    draft.credited_to = agency_author(&metas, &linked).filter(|agency| own.as_ref() != Some(agency));
    let modified = modified(doc, &metas, &linked);
    Found { draft, modified }
}

/// The agency a page names as its author, in JSON-LD or `<meta>`
/// (`"author": "Reuters"`, `The Associated Press`, `PTI`).
fn agency_author(metas: &Metas, linked: &[Object]) -> Option<String> {
    let from_linked = linked.iter().filter_map(linked_authors).flatten();
    let from_meta = std::iter::once("author").chain(AUTHOR_META).filter_map(|key| metas.content(key));
    from_linked.chain(from_meta).find_map(|names| {
        names.split([',', ';', '|', '/']).find_map(|name| {
            let outlet = crate::outlets::normalise_outlet(meta::strip_by(name.trim()));
            crate::outlets::AGENCIES.contains(&outlet.as_str()).then_some(outlet)
        })
    })
}

/// A name written as a handle: one word of lowercase letters and digits.
fn is_handle(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selectors in this module are valid CSS")
}

/// JSON-LD string field `key` of the first object that has it.
fn linked_str(linked: &[Object], key: &str) -> Option<String> {
    linked.iter().find_map(|o| non_empty(o.get(key)?.as_str()?))
}

/// The raw publication date: JSON-LD, Open Graph, other `<meta>`, `<time>`,
/// the URL, then a visible date line.
/// A placeholder (`0001-01-01T00:00:00Z` in a template's JSON-LD) gives way
/// to the next place.
fn published(doc: &Html, metas: &Metas, linked: &[Object], url: &str) -> Option<String> {
    let places: [&dyn Fn() -> Option<String>; 8] = [
        &|| linked_str(linked, "datePublished"),
        &|| metas.content("article:published_time"),
        &|| PUBLISHED_META.iter().find_map(|key| metas.content(key)),
        &|| first_attr(doc, "time[itemprop=datePublished]", "datetime"),
        &|| first_attr(doc, "time[pubdate]", "datetime"),
        &|| first_attr(doc, "time[datetime]", "datetime"),
        &|| dates::from_path(url),
        &|| visible_date(doc),
    ];
    let placeholder = |raw: &String| dates::parse_date(raw).is_some_and(|d| dates::is_placeholder(&d));
    places.iter().filter_map(|place| place()).find(|raw| !placeholder(raw))
}

/// The modification date, normalised; only structured places count, since a
/// visible "updated" line is too often the page's own clock.
fn modified(doc: &Html, metas: &Metas, linked: &[Object]) -> Option<String> {
    linked_str(linked, "dateModified")
        .or_else(|| MODIFIED_META.iter().find_map(|key| metas.content(key)))
        .or_else(|| first_attr(doc, "time[itemprop=dateModified]", "datetime"))
        .and_then(|raw| dates::plausible_date(&raw))
}

/// A short line near the top of the page that is a date, possibly after
/// `Published` or `Posted on`.
fn visible_date(doc: &Html) -> Option<String> {
    let lines = selector("time, span, div, p, li");
    let candidates = doc
        .select(&lines)
        .filter(|e| e.children().all(|c| !matches!(c.value(), Node::Element(e) if e.name() == "div")))
        .take(2000);
    for element in candidates {
        let text = paragraphs::collapse(&element.text().collect::<String>());
        if text.is_empty() || text.chars().count() > 60 {
            continue;
        }
        if let Some(date) = dates::date_line(&text) {
            return Some(date);
        }
    }
    None
}

/// The `<meta>` elements that have content, read once per page: the values
/// of their naming attributes, and their content.
struct Metas<'a>(Vec<([Option<&'a str>; 4], &'a str)>);

impl<'a> Metas<'a> {
    fn of(doc: &'a Html) -> Self {
        let metas = selector("meta[content]");
        let named = |e: &'a scraper::node::Element| {
            (
                ["property", "name", "itemprop", "http-equiv"].map(|a| e.attr(a)),
                e.attr("content").unwrap_or(""),
            )
        };
        Metas(doc.select(&metas).map(|m| named(m.value())).collect())
    }

    /// `content` of the first `<meta>` whose `property`, `name`, `itemprop`
    /// or `http-equiv` is `key`.
    fn content(&self, key: &str) -> Option<String> {
        self.0.iter().find_map(|(names, content)| {
            let named = names.iter().flatten().any(|v| v.trim().eq_ignore_ascii_case(key));
            named.then(|| non_empty(content)).flatten()
        })
    }
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    doc.select(&selector(css)).find_map(|e| non_empty(e.value().attr(attr)?))
}

fn non_empty(text: &str) -> Option<String> {
    Some(paragraphs::collapse(text)).filter(|t| !t.is_empty())
}

/// og:title, else `<title>`, both without the site suffix, else the JSON-LD
/// headline, else the first `<h1>`. A headline for sharing is often cut
/// short (`Storm batters coast` for `Storm batters coast, hundreds flee`):
/// the JSON-LD headline or the `<h1>` that holds nearly all its words and
/// more is the page's full headline.
fn title(doc: &Html, metas: &Metas, linked: &[Object], site_name: Option<&str>) -> Option<String> {
    let headline = linked_str(linked, "headline");
    let h1 = doc.select(&selector("h1")).find_map(|h| non_empty(&inner_text(h)));
    let short = match metas.content("og:title") {
        Some(og) => strip_site(&og, site_name, false),
        None => match doc.select(&selector("title")).find_map(|t| non_empty(&inner_text(t))) {
            Some(t) => strip_site(&t, site_name, true),
            None => return headline.or(h1),
        },
    };
    let fuller = [headline, h1]
        .into_iter()
        .flatten()
        .map(|full| strip_site(&full, site_name, true))
        .find(|full| completes(&short, full));
    Some(strip_section(&fuller.unwrap_or(short)).to_string())
}

/// Sections named before a headline (`Opinion | …`), which are no part of it.
const SECTIONS: [&str; 8] =
    ["analysis", "commentary", "editorial", "live", "opinion", "perspective", "review", "watch"];

/// `Opinion | Headline` → `Headline`.
fn strip_section(title: &str) -> &str {
    match title.split_once(" | ") {
        Some((section, rest)) if SECTIONS.contains(&section.trim().to_lowercase().as_str()) => rest.trim(),
        _ => title,
    }
}

/// Longest headline taken from the page's body.
const HEADLINE_CHARS: usize = 300;

/// Whether `full` is a longer form of the headline `short`: more words, and
/// at least three in four of the short one's among them.
fn completes(short: &str, full: &str) -> bool {
    let (short, long) = (meta::words(short), meta::words(full));
    let shared = short.iter().filter(|w| long.contains(w)).count();
    full.chars().count() <= HEADLINE_CHARS && long.len() > short.len() && shared * 4 >= short.len() * 3
}

/// `Headline | Site` → `Headline` when the suffix is the site's name or, if
/// `short_ok`, merely short enough to be one.
fn strip_site(title: &str, site_name: Option<&str>, short_ok: bool) -> String {
    for separator in [" | ", " - ", " — ", " – ", " :: "] {
        if let Some((head, suffix)) = title.rsplit_once(separator) {
            let is_site = site_name.is_some_and(|s| s.eq_ignore_ascii_case(suffix.trim()));
            let short = suffix.split_whitespace().count() <= 3
                && suffix.chars().count() <= 30
                && head.chars().count() > suffix.chars().count();
            if is_site || (short_ok && short) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// JSON-LD objects of the page, flattened out of arrays and `@graph`s.
fn linked_data(doc: &Html) -> Vec<Object> {
    fn flatten(value: Value, out: &mut Vec<Object>) {
        match value {
            Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out)),
            Value::Object(mut object) => {
                if let Some(graph) = object.remove("@graph") {
                    flatten(graph, out);
                }
                out.push(object);
            }
            _ => {}
        }
    }
    let mut objects = Vec::new();
    for script in doc.select(&selector(r#"script[type="application/ld+json"]"#)) {
        let text: String = script.text().collect();
        let value = serde_json::from_str(&text).or_else(|_| serde_json::from_str(&lenient_json(&text)));
        if let Ok(value) = value {
            flatten(value, &mut objects);
        }
    }
    // An author or publisher given by reference (`{"@id": "#kevin"}`) is the
    // object of the graph with that id.
    let names: std::collections::HashMap<String, Value> = objects
        .iter()
        .filter_map(|o| Some((o.get("@id")?.as_str()?.to_string(), o.get("name")?.clone())))
        .collect();
    let resolve = |value: &mut Value| {
        if let Value::Object(o) = value {
            if !o.contains_key("name") {
                if let Some(name) = o.get("@id").and_then(Value::as_str).and_then(|id| names.get(id)) {
                    o.insert("name".into(), name.clone());
                }
            }
        }
    };
    for object in &mut objects {
        for key in ["author", "publisher", "creator"] {
            match object.get_mut(key) {
                Some(Value::Array(items)) => items.iter_mut().for_each(resolve),
                Some(value) => resolve(value),
                None => {}
            }
        }
    }
    objects
}

/// JSON-LD as sites write it when it is not strict JSON, made strict: line
/// ends and tabs inside strings written as spaces, and commas before a
/// closing bracket dropped.
fn lenient_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' | '\r' | '\t' => {
                    out.push(' ');
                    continue;
                }
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, '}' | ']') {
            let kept = out.trim_end().len();
            if out[..kept].ends_with(',') {
                out.truncate(kept - 1);
            }
        }
        out.push(c);
    }
    out
}

/// The names of a JSON-LD object's authors, one or a list, when it gives any.
fn linked_authors(object: &Object) -> Option<Vec<String>> {
    match object.get("author")? {
        Value::Array(items) => Some(items.iter().filter_map(name_of).collect()),
        single => name_of(single).map(|name| vec![name]),
    }
}

/// A name given as a string or as an object with a `name`.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => non_empty(s),
        Value::Object(o) => non_empty(o.get("name")?.as_str()?),
        _ => None,
    }
}

/// Authors from JSON-LD, else `<meta>`, else a byline in the page, each as
/// [`meta::split_names`] reads them. Profile URLs, logins and the outlet's
/// own name are not authors.
fn authors(doc: &Html, metas: &Metas, linked: &[Object], outlet: Option<&str>) -> Vec<String> {
    let from_linked = || {
        linked
            .iter()
            .find_map(linked_authors)
            // `By A and B, Associated Press` is one JSON-LD name on some sites.
            .map(|names| names.iter().flat_map(|n| meta::split_names(n)).collect())
    };
    let from_meta = || {
        std::iter::once("author")
            .chain(AUTHOR_META)
            .find_map(|key| metas.content(key).filter(|v| !v.contains("://")))
            .map(|list| meta::split_names(&list))
    };
    // In order of trust, and lazily: the byline search walks the whole page.
    let candidates: [&dyn Fn() -> Option<Vec<String>>; 3] = [&from_linked, &from_meta, &|| byline(doc)];
    for names in candidates.into_iter().filter_map(|found| found()) {
        let mut names: Vec<String> =
            names.into_iter().filter(|n| is_person_name(n, outlet)).map(|n| n.to_string()).collect();
        names.dedup();
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// A byline: an element marked as the author (`rel=author`, `itemprop`, a
/// class naming a byline or author), or a short line starting with `By `.
fn byline(doc: &Html) -> Option<Vec<String>> {
    let marked = doc
        .select(&selector(
            "[rel=author], [itemprop=author], .byline, .author, .author-name, .byline-name, [class*=byline]",
        ))
        .map(lines)
        // A byline, not a whole author box: at most 80 characters, its lines joined by spaces.
        .filter(|lines| lines.iter().map(|l| l.chars().count() + 1).sum::<usize>() <= 81)
        // The first line that names someone: `By A and B` above `Associated Press` or a date.
        .flatten()
        .map(|line| meta::split_names(&line))
        .find(|names| !names.is_empty());
    marked.or_else(|| {
        doc.select(&selector("p, span, div, address"))
            .filter(|e| e.children().all(|c| !matches!(c.value(), Node::Element(e) if e.name() == "div")))
            .take(2000)
            // Cheap first: the element's text must start with "By".
            .filter(|e| {
                e.text().find(|t| !t.trim().is_empty()).is_some_and(|t| t.trim_start().starts_with("By"))
            })
            .find_map(|e| {
                let text = lines(e).into_iter().next()?;
                let rest = text.strip_prefix("By ")?;
                let rest = rest.split(['|', '\u{2022}']).next()?.trim();
                let words = rest.split_whitespace().count();
                ((2..=12).contains(&words) && rest.chars().next()?.is_uppercase())
                    .then(|| meta::split_names(rest))
            })
    })
}

/// Not a URL, not a login, not the outlet, not a date, and shaped like a name.
fn is_person_name(name: &str, outlet: Option<&str>) -> bool {
    let name = name.trim();
    let words = name.split_whitespace().count();
    !name.contains("://")
        && !name.contains('@')
        && !meta::is_login(name)
        && (1..=6).contains(&words)
        && name.chars().next().is_some_and(char::is_alphabetic)
        && !outlet.is_some_and(|o| same_site(o, name))
        && dates::parse_date(name).is_none()
}

/// `Norden Wire` and `norden-wire.example` name the same site.
fn same_site(outlet: &str, name: &str) -> bool {
    let squash = |s: &str| -> String {
        let s = s.to_lowercase();
        let s = s.split('.').next().unwrap_or(&s).to_string();
        s.chars().filter(|c| c.is_alphanumeric()).collect()
    };
    let (a, b) = (squash(outlet), squash(name));
    !a.is_empty() && a == b
}

/// The page's declared language (`<html lang>`, `og:locale`,
/// `Content-Language`, JSON-LD `inLanguage`); detection from the body is
/// left to the caller, which has the body.
fn language(doc: &Html, metas: &Metas, linked: &[Object]) -> Option<String> {
    first_attr(doc, "html[lang]", "lang")
        .or_else(|| metas.content("og:locale"))
        .or_else(|| metas.content("content-language"))
        .or_else(|| linked_str(linked, "inLanguage"))
        .and_then(|l| meta::language_code(&l))
}

/// Elements that start a line of their own.
const BLOCKS: [&str; 13] =
    ["br", "p", "div", "li", "dd", "dt", "address", "section", "header", "h1", "h2", "h3", "h4"];

/// The element's text as lines, a new one at `<br>` and at each block:
/// `<div>By ERIC TUCKER</div><div>Associated Press</div>` is two lines,
/// not `ERIC TUCKERAssociated Press`.
fn lines(element: ElementRef) -> Vec<String> {
    let mut lines = vec![String::new()];
    for node in element.descendants().skip(1) {
        match node.value() {
            Node::Text(t) => lines.last_mut().expect("one line at least").push_str(t),
            Node::Element(e) if BLOCKS.contains(&e.name()) => lines.push(String::new()),
            _ => {}
        }
    }
    lines.iter().map(|l| paragraphs::collapse(l)).filter(|l| !l.is_empty()).collect()
}

/// Text with its lines joined by spaces.
pub(crate) fn inner_text(element: ElementRef) -> String {
    lines(element).join(" ")
}

/// A page's own address as the page gives it, when it is whole: `//host/…`
/// is read as https; a path alone (`/news/story`) names no page without the
/// address it was fetched from, which the caller knows, if anyone does.
fn absolute(url: String) -> Option<String> {
    let url = url.trim();
    if url.contains("://") {
        Some(url.to_string())
    } else {
        url.strip_prefix("//").filter(|rest| !rest.is_empty()).map(|rest| format!("https://{rest}"))
    }
}
