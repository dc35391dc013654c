//! HTML pages. Metadata comes from the places publishers put it for search
//! engines and social sites (Open Graph, JSON-LD, `<time>`), which are more
//! reliable than anything visible. The article text is what remains once
//! page furniture (navigation, related links, cookie banners, comments…) is
//! removed, taken from the `<article>` or else from the element holding the
//! most paragraph text.

use corroborate_model::Draft;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::{credits, dates, meta, paragraphs, IngestError};

/// Elements that are never article text.
const DROP_TAGS: [&str; 18] = [
    "head",
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figcaption",
    "iframe",
    "svg",
    "button",
    "template",
    "select",
    "dialog",
    "object",
    "canvas",
];
/// Class or id words that mark page furniture.
const FURNITURE: [&str; 27] = [
    "comment",
    "comments",
    "related",
    "share",
    "sharing",
    "social",
    "cookie",
    "cookies",
    "consent",
    "newsletter",
    "subscribe",
    "subscription",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "promo",
    "promotion",
    "sidebar",
    "menu",
    "nav",
    "navbar",
    "breadcrumb",
    "breadcrumbs",
    "recommended",
    "popup",
];
/// ARIA roles of page furniture.
const FURNITURE_ROLES: [&str; 4] = ["navigation", "banner", "contentinfo", "complementary"];
/// Elements that break lines on pages without paragraph elements.
const BLOCK_TAGS: [&str; 8] = ["div", "section", "main", "article", "td", "dd", "dt", "tr"];
/// Elements whose text is taken as one paragraph each.
const PARAGRAPH_TAGS: [&str; 7] = ["p", "h2", "h3", "h4", "blockquote", "li", "pre"];

pub(crate) fn read(origin: &str, text: &str) -> Result<Draft, IngestError> {
    let mut doc = Html::parse_document(text);
    let mut draft = metadata(origin, &doc);
    remove_furniture(&mut doc);
    let root = doc.root_element();
    let content = main_content(root);
    let mut found = collect_paragraphs(content);
    if found.is_empty() {
        found = block_lines(content);
    }
    credits::apply(&mut draft, &found.join("\n\n"));
    if draft.body.is_empty() {
        return Err(IngestError::new(origin, "no article text found"));
    }
    Ok(draft)
}

/// The paragraphs of an HTML fragment (a JSON `content` field holding markup),
/// separated by blank lines.
pub(crate) fn fragment_text(markup: &str) -> String {
    let mut doc = Html::parse_fragment(markup);
    remove_furniture(&mut doc);
    let root = doc.root_element();
    let mut found = collect_paragraphs(root);
    if found.is_empty() {
        found = block_lines(root);
    }
    found.join("\n\n")
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selectors in this module are valid CSS")
}

fn metadata(origin: &str, doc: &Html) -> Draft {
    let linked = linked_data(doc);
    let site_name = meta_content(doc, "og:site_name");
    let url = first_attr(doc, "link[rel~=canonical]", "href").or_else(|| meta_content(doc, "og:url"));
    let mut draft = Draft {
        origin: origin.to_string(),
        title: title(doc, site_name.as_deref()),
        outlet: site_name
            .or_else(|| linked.iter().find_map(|o| o.get("publisher").and_then(name_of)))
            .or_else(|| meta::host_outlet(url.as_deref()?)),
        url,
        authors: authors(doc, &linked),
        language: first_attr(doc, "html[lang]", "lang")
            .or_else(|| meta_content(doc, "og:locale"))
            .map(|l| meta::language_code(&l)),
        ..Draft::default()
    };
    let published = meta_content(doc, "article:published_time")
        .or_else(|| linked.iter().find_map(|o| o.get("datePublished")?.as_str().map(str::to_string)))
        .or_else(|| first_attr(doc, "time[datetime]", "datetime"))
        .or_else(|| meta_content(doc, "date"));
    if let Some(raw) = published {
        dates::set_published(&mut draft, &raw);
    }
    draft
}

/// `content` of the first `<meta>` whose `property`, `name` or `itemprop` is `key`.
fn meta_content(doc: &Html, key: &str) -> Option<String> {
    doc.select(&selector("meta[content]")).find_map(|m| {
        let e = m.value();
        let named = ["property", "name", "itemprop"]
            .iter()
            .any(|a| e.attr(a).is_some_and(|v| v.trim().eq_ignore_ascii_case(key)));
        named.then(|| non_empty(e.attr("content")?)).flatten()
    })
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    doc.select(&selector(css)).find_map(|e| non_empty(e.value().attr(attr)?))
}

fn non_empty(text: &str) -> Option<String> {
    Some(paragraphs::collapse(text)).filter(|t| !t.is_empty())
}

/// og:title, else `<title>` without its site suffix, else the first `<h1>`.
fn title(doc: &Html, site_name: Option<&str>) -> Option<String> {
    if let Some(og) = meta_content(doc, "og:title") {
        return Some(strip_site(&og, site_name, false));
    }
    let head_title = doc.select(&selector("title")).find_map(|t| non_empty(&inner_text(t)));
    if let Some(t) = head_title {
        return Some(strip_site(&t, site_name, true));
    }
    doc.select(&selector("h1")).find_map(|h| non_empty(&inner_text(h)))
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
fn linked_data(doc: &Html) -> Vec<serde_json::Map<String, Value>> {
    fn flatten(value: Value, out: &mut Vec<serde_json::Map<String, Value>>) {
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
        if let Ok(value) = serde_json::from_str(&script.text().collect::<String>()) {
            flatten(value, &mut objects);
        }
    }
    objects
}

/// A name given as a string or as an object with a `name`.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => non_empty(s),
        Value::Object(o) => non_empty(o.get("name")?.as_str()?),
        _ => None,
    }
}

/// Authors from `<meta name="author">`, else from JSON-LD; profile URLs are
/// not names and are skipped.
fn authors(doc: &Html, linked: &[serde_json::Map<String, Value>]) -> Vec<String> {
    let mut names: Vec<String> = match meta_content(doc, "author") {
        Some(list) => meta::split_names(&list),
        None => linked
            .iter()
            .find_map(|o| match o.get("author")? {
                Value::Array(items) => Some(items.iter().filter_map(name_of).collect()),
                single => name_of(single).map(|n| vec![n]),
            })
            .unwrap_or_default(),
    };
    names.retain(|n| !n.contains("://"));
    names.dedup();
    names
}

fn is_furniture(element: ElementRef) -> bool {
    let e = element.value();
    if DROP_TAGS.contains(&e.name()) {
        return true;
    }
    if ["html", "body", "main", "article"].contains(&e.name()) || e.attr("itemprop") == Some("articleBody") {
        return false;
    }
    if e.attr("role").is_some_and(|r| FURNITURE_ROLES.contains(&r)) || e.attr("hidden").is_some() {
        return true;
    }
    let marks = e.classes().chain(e.id()).collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    let words: Vec<&str> = marks.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    // `has-sidebar` or `no-ads` describe a layout, not furniture.
    words.iter().enumerate().any(|(i, w)| {
        FURNITURE.contains(w) && !(i > 0 && ["has", "with", "no", "show", "open"].contains(&words[i - 1]))
    })
}

fn remove_furniture(doc: &mut Html) {
    let ids: Vec<_> =
        doc.root_element().descendent_elements().filter(|e| is_furniture(*e)).map(|e| e.id()).collect();
    for id in ids {
        if let Some(mut node) = doc.tree.get_mut(id) {
            node.detach();
        }
    }
}

/// The element holding the article: `itemprop=articleBody`, else the
/// `<article>` with most paragraph text, else the element whose own `<p>`
/// children hold the most text, else the whole page.
fn main_content(root: ElementRef) -> ElementRef {
    if let Some(body) = root.select(&selector(r#"[itemprop="articleBody"]"#)).next() {
        return body;
    }
    let text_len = |e: ElementRef| collect_paragraphs(e).iter().map(String::len).sum::<usize>();
    let mut best: Option<(usize, ElementRef)> = None;
    for article in root.select(&selector("article")) {
        let len = text_len(article);
        if best.is_none_or(|(most, _)| len > most) {
            best = Some((len, article));
        }
    }
    if let Some((_, article)) = best.filter(|(len, _)| *len > 0) {
        return article;
    }
    for element in root.descendent_elements() {
        let len: usize =
            element.child_elements().filter(|c| c.value().name() == "p").map(|p| inner_text(p).len()).sum();
        if len > 0 && best.is_none_or(|(most, _)| len > most) {
            best = Some((len, element));
        }
    }
    best.map_or(root, |(_, element)| element)
}

/// The text of each paragraph-like element, in document order, without
/// descending into one already taken (a `<p>` inside a `<blockquote>`).
fn collect_paragraphs(element: ElementRef) -> Vec<String> {
    let mut found = Vec::new();
    for child in element.child_elements() {
        if PARAGRAPH_TAGS.contains(&child.value().name()) {
            let text = paragraphs::collapse(&inner_text(child));
            if !text.is_empty() {
                found.push(text);
            }
        } else {
            found.extend(collect_paragraphs(child));
        }
    }
    found
}

/// Text with `<br>` read as a space.
fn inner_text(element: ElementRef) -> String {
    let mut text = String::new();
    for node in element.descendants() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if e.name() == "br" => text.push(' '),
            _ => {}
        }
    }
    text
}

/// For pages without paragraph elements: lines broken at `<br>` and at the
/// edges of block elements. The `<h1>` is the headline, not body text.
fn block_lines(element: ElementRef) -> Vec<String> {
    fn walk(element: ElementRef, out: &mut String) {
        for child in element.children() {
            match child.value() {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) if e.name() == "br" => out.push('\n'),
                Node::Element(e) if e.name() == "h1" => {}
                Node::Element(e) => {
                    let block = BLOCK_TAGS.contains(&e.name());
                    if block {
                        out.push('\n');
                    }
                    if let Some(inner) = ElementRef::wrap(child) {
                        walk(inner, out);
                    }
                    if block {
                        out.push('\n');
                    }
                }
                _ => {}
            }
        }
    }
    let mut text = String::new();
    walk(element, &mut text);
    text.lines().map(paragraphs::collapse).filter(|l| !l.is_empty()).collect()
}
