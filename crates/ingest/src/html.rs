//! HTML pages. Metadata comes from the places publishers put it for search
//! engines and social sites (Open Graph, JSON-LD, `<time>`), which are more
//! reliable than anything visible. The article text is what remains once
//! page furniture (navigation, related links, cookie banners, comments…) is
//! removed, found by scoring containers of paragraph text (see [`content`]).

use corroborate_model::Draft;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::{credits, dates, meta, paragraphs, IngestError};

mod content;
#[cfg(test)]
mod tests;

pub(crate) fn read(origin: &str, text: &str) -> Result<Draft, IngestError> {
    let mut doc = Html::parse_document(text);
    let mut draft = metadata(origin, &doc);
    content::remove_furniture(&mut doc);
    let found = content::article_paragraphs(doc.root_element());
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
    content::remove_furniture(&mut doc);
    content::all_paragraphs(doc.root_element()).join("\n\n")
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
