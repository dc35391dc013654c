//! The brief as a standalone HTML document.
//!
//! Every piece of text that comes from an article goes through [`escape`];
//! articles are untrusted input and may contain markup.

use std::fmt::Write;

use corroborate_model::{Brief, Citation};

use super::{counts, outlet, source_stats, Numbers, ENTITIES_SHOWN, QUOTES_SHOWN};

/// Escapes the five characters that are special in HTML text and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str =
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}\
a.cite{text-decoration:none;font-size:.8em;vertical-align:super}.counts{color:#555}";

/// Citation markers linking to the numbered articles.
fn markers(b: &Brief, numbers: &Numbers, citations: &[Citation]) -> String {
    numbers
        .of(citations)
        .into_iter()
        .map(|n| format!("<a class=\"cite\" href=\"#a-{}\">[{n}]</a>", escape(&b.story.articles[n - 1].id)))
        .collect()
}

/// The brief as an HTML document.
pub fn html(b: &Brief) -> String {
    let numbers = Numbers::new(b);
    let title = escape(&b.story.title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>{title}</h1>\n<p class=\"counts\">{}</p>\n",
        escape(&counts(b))
    );

    out.push_str("<section id=\"brief\">\n<h2>Brief</h2>\n<ul>\n");
    for s in &b.brief {
        let _ = writeln!(out, "<li>{} {}</li>", escape(&s.text), markers(b, &numbers, &s.citations));
    }
    out.push_str("</ul>\n</section>\n");

    out.push_str("<section id=\"disputed\">\n<h2>Disputed</h2>\n");
    if b.conflicts.is_empty() {
        out.push_str("<p>No disagreement found between independent sources.</p>\n");
    } else {
        out.push_str("<table>\n<tr><th>Subject</th><th>Attribute</th><th>Value</th><th>Outlets</th></tr>\n");
        for c in &b.conflicts {
            for v in &c.values {
                let outlets: Vec<String> = numbers
                    .of_ids(v.articles.iter().map(String::as_str))
                    .into_iter()
                    .map(|n| {
                        let id = escape(&b.story.articles[n - 1].id);
                        format!("{} <a class=\"cite\" href=\"#a-{id}\">[{n}]</a>", escape(outlet(b, n)))
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&c.subject),
                    escape(&c.attribute),
                    escape(&v.value),
                    outlets.join(", ")
                );
            }
        }
        out.push_str("</table>\n");
    }
    out.push_str("</section>\n");

    out.push_str("<section id=\"quotes\">\n<h2>Quotes</h2>\n<ul>\n");
    for q in b.quotes.iter().take(QUOTES_SHOWN) {
        let speaker = q.speaker.as_deref().map_or("unattributed".to_string(), escape);
        let _ = writeln!(
            out,
            "<li><q>{}</q> — {} {}</li>",
            escape(&q.text),
            speaker,
            markers(b, &numbers, &q.citations)
        );
    }
    if b.quotes.len() > QUOTES_SHOWN {
        let _ = writeln!(out, "<li>and {} more in the JSON brief</li>", b.quotes.len() - QUOTES_SHOWN);
    }
    out.push_str("</ul>\n</section>\n");

    out.push_str("<section id=\"entities\">\n<h2>Entities</h2>\n<ul>\n");
    for e in b.entities.iter().take(ENTITIES_SHOWN) {
        let others: Vec<String> =
            e.aliases.iter().filter(|a| a.name != e.name).map(|a| escape(&a.name)).collect();
        let also =
            if others.is_empty() { String::new() } else { format!("; also written {}", others.join(", ")) };
        let _ = writeln!(
            out,
            "<li><strong>{}</strong> ({}), {} article(s){also}</li>",
            escape(&e.name),
            e.kind.name(),
            e.articles.len()
        );
    }
    out.push_str("</ul>\n</section>\n");

    out.push_str("<section id=\"sources\">\n<h2>Sources</h2>\n<table>\n");
    out.push_str(
        "<tr><th>Outlet</th><th>Via</th><th>Articles</th><th>Wire copies</th><th>Credited</th></tr>\n",
    );
    for s in &b.sources {
        let (copies, credited) = source_stats(b, s);
        let via: Vec<String> = s.via.iter().map(|v| escape(v)).collect();
        let arts: String = numbers
            .of_ids(s.articles.iter().map(String::as_str))
            .into_iter()
            .map(|n| format!("<a href=\"#a-{}\">[{n}]</a>", escape(&b.story.articles[n - 1].id)))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{arts}</td><td>{copies}</td><td>{credited}</td></tr>",
            escape(&s.outlet),
            via.join(", ")
        );
    }
    out.push_str("</table>\n</section>\n");

    out.push_str("<section id=\"articles\">\n<h2>Articles</h2>\n<ol>\n");
    for (i, a) in b.story.articles.iter().enumerate() {
        let date = a.published.as_deref().map(|d| format!(" ({})", escape(d))).unwrap_or_default();
        let title = match a.url.as_ref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
            Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), escape(&a.title)),
            None => escape(&a.title),
        };
        let id = escape(&a.id.chars().take(8).collect::<String>());
        let _ = writeln!(
            out,
            "<li id=\"a-{}\">{} — {title}{date} <code>{id}</code></li>",
            escape(&a.id),
            escape(outlet(b, i + 1))
        );
    }
    out.push_str("</ol>\n</section>\n</main>\n</body>\n</html>\n");
    out
}
