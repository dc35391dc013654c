//! The story page: the brief with citation markers, disputes, claims,
//! quotes, sources and a timeline, beside a viewer that shows a cited span in
//! its article (filled by `app.js` from `/api/articles/{id}`).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use corroborate_model::{ArticleRef, Brief, Citation, ClaimStatus};

use super::{count, date, error_page, esc, layout, Live};
use crate::state::AppState;
use crate::ApiError;

pub async fn page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return error_page(ApiError::not_found("There is no such story."));
    };
    let page = state.read(move |state, store| {
        Ok(state.cached(store, id)?.map(|cached| {
            cached.page(|brief| layout(&brief.story.title, "", Live::Story(id), &render(brief)).0).to_string()
        }))
    });
    match page.await {
        Ok(Some(page)) => Html(page).into_response(),
        Ok(None) => error_page(ApiError::not_found("There is no such story.")),
        Err(e) => error_page(e),
    }
}

/// Articles numbered from 1 in the brief's order, for citation markers.
struct Numbers<'a> {
    by_id: BTreeMap<&'a str, (usize, &'a ArticleRef)>,
}

impl<'a> Numbers<'a> {
    fn new(b: &'a Brief) -> Self {
        Numbers {
            by_id: b.story.articles.iter().enumerate().map(|(i, a)| (a.id.as_str(), (i + 1, a))).collect(),
        }
    }

    fn outlet(&self, id: &str) -> &'a str {
        self.by_id.get(id).and_then(|(_, a)| a.outlet.as_deref()).unwrap_or("unknown outlet")
    }

    /// One marker per cited span, `[n]` naming the article.
    fn markers(&self, citations: &[Citation]) -> String {
        let mut out = String::new();
        for c in citations {
            let Some((n, a)) = self.by_id.get(c.article.as_str()) else { continue };
            let _ = write!(
                out,
                "<button type=\"button\" class=\"cite\" data-article=\"{id}\" data-start=\"{s}\" data-end=\"{e}\" \
                 title=\"{outlet}\">[{n}]</button>",
                id = esc(&c.article),
                s = c.start,
                e = c.end,
                outlet = esc(a.outlet.as_deref().unwrap_or("unknown outlet")),
            );
        }
        out
    }

    fn outlets(&self, articles: &[String]) -> String {
        let mut names: Vec<&str> = articles.iter().map(|a| self.outlet(a)).collect();
        names.sort();
        names.dedup();
        esc(&names.join(", "))
    }
}

fn render(b: &Brief) -> String {
    let n = Numbers::new(b);
    let s = &b.story;
    let mut html = format!(
        "<div id=\"live-head\"><h1>{title}</h1><p class=\"meta\">{articles} · {sources} · {first} – {last}</p></div>\
         <div class=\"columns\"><div class=\"main\" id=\"live\">",
        title = esc(&s.title),
        articles = count(s.articles.len(), "article", "articles"),
        sources = count(s.independent_outlets, "independent source", "independent sources"),
        first = esc(&date(s.first_published.as_deref())),
        last = esc(&date(s.last_published.as_deref())),
    );
    html.push_str("<section><h2>Brief</h2><ol class=\"brief\">");
    for sentence in &b.brief {
        let _ = write!(
            html,
            "<li>{text} <span class=\"markers\">{markers}</span> <span class=\"support\">{support}</span></li>",
            text = esc(&sentence.text),
            markers = n.markers(&sentence.citations),
            support = count(sentence.independent_sources, "source", "sources"),
        );
    }
    html.push_str("</ol></section>");
    disputes(&mut html, b, &n);
    claims(&mut html, b, &n);
    quotes(&mut html, b, &n);
    sources(&mut html, b, &n);
    timeline(&mut html, b, &n);
    html.push_str(
        "</div><aside id=\"viewer\" hidden aria-live=\"polite\"><div class=\"viewer-head\">\
         <button type=\"button\" id=\"viewer-close\" aria-label=\"Close\">×</button>\
         <h2 id=\"viewer-title\">Source</h2><p id=\"viewer-meta\" class=\"meta\"></p></div>\
         <div id=\"viewer-body\" class=\"article-text\"></div>\
         <p><a id=\"viewer-link\" href=\"#\">Open the article</a></p></aside></div>",
    );
    html
}

fn disputes(html: &mut String, b: &Brief, n: &Numbers) {
    html.push_str("<section><h2>Disputes</h2>");
    if b.conflicts.is_empty() {
        html.push_str("<p class=\"none\">The sources do not disagree on any figure found.</p></section>");
        return;
    }
    html.push_str("<table class=\"disputes\"><thead><tr><th>Subject</th><th>What</th><th>Versions</th></tr></thead><tbody>");
    for c in &b.conflicts {
        let _ = write!(html, "<tr><td>{}</td><td>{}</td><td><ul>", esc(&c.subject), esc(&c.attribute));
        for v in &c.values {
            let _ = write!(
                html,
                "<li><strong>{value}</strong> <span class=\"outlets\">{outlets}</span> {markers}</li>",
                value = esc(&v.value),
                outlets = n.outlets(&v.articles),
                markers = n.markers(&v.citations),
            );
        }
        html.push_str("</ul></td></tr>");
    }
    html.push_str("</tbody></table></section>");
}

fn claims(html: &mut String, b: &Brief, n: &Numbers) {
    if b.claims.is_empty() {
        return;
    }
    let _ = write!(
        html,
        "<section><details><summary><h2>Claims ({})</h2></summary><ul class=\"claims\">",
        b.claims.len()
    );
    for c in &b.claims {
        let (class, label) = match c.status {
            ClaimStatus::Corroborated => ("corroborated", "corroborated"),
            ClaimStatus::Disputed => ("disputed", "disputed"),
            ClaimStatus::SingleSource => ("single", "single source"),
        };
        let _ = write!(
            html,
            "<li><span class=\"badge {class}\">{label}</span> {text} {markers}</li>",
            text = esc(&c.text),
            markers = n.markers(&c.sources),
        );
    }
    html.push_str("</ul></details></section>");
}

fn quotes(html: &mut String, b: &Brief, n: &Numbers) {
    html.push_str("<section><h2>Quotes</h2>");
    if b.quotes.is_empty() {
        html.push_str("<p class=\"none\">No quoted speech was found.</p></section>");
        return;
    }
    html.push_str("<ul class=\"quotes\">");
    for q in &b.quotes {
        let _ = write!(
            html,
            "<li><blockquote>{text}</blockquote><p class=\"speaker\">— {speaker} <span class=\"outlets\">in {outlets}</span> \
             {markers}</p></li>",
            text = esc(&q.text),
            speaker = esc(q.speaker.as_deref().unwrap_or("unattributed")),
            outlets = n.outlets(&q.articles),
            markers = n.markers(&q.citations),
        );
    }
    html.push_str("</ul></section>");
}

fn sources(html: &mut String, b: &Brief, n: &Numbers) {
    html.push_str("<section class=\"sources\"><h2>Sources</h2><ul>");
    for s in &b.sources {
        let via: Vec<&String> = s.via.iter().filter(|v| **v != s.outlet).collect();
        let via = if via.is_empty() {
            String::new()
        } else {
            format!(", carried by {}", esc(&via.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")))
        };
        let _ = write!(
            html,
            "<li><strong>{}</strong> — {}{via}</li>",
            esc(&s.outlet),
            count(s.articles.len(), "article", "articles")
        );
    }
    html.push_str("</ul>");
    if !b.story.wire_groups.is_empty() {
        html.push_str("<h3>Wire copies</h3><ul class=\"groups\">");
        for group in &b.story.wire_groups {
            let members: Vec<String> = group.iter().map(|id| article_link(n, id)).collect();
            let _ = write!(
                html,
                "<li>One text, {}: {}</li>",
                count(group.len(), "copy", "copies"),
                members.join(", ")
            );
        }
        html.push_str("</ul>");
    }
    let credited: Vec<&ArticleRef> =
        b.story.articles.iter().filter(|a| a.credited_to.is_some() || !a.cites.is_empty()).collect();
    if !credited.is_empty() {
        html.push_str("<h3>Credits</h3><ul class=\"credits\">");
        for a in credited {
            let _ = write!(html, "<li>{}", article_link(n, &a.id));
            if let Some(to) = &a.credited_to {
                let _ = write!(html, " credits <strong>{}</strong>", esc(to));
            }
            if !a.cites.is_empty() {
                let _ = write!(html, " cites {}", esc(&a.cites.join(", ")));
            }
            html.push_str("</li>");
        }
        html.push_str("</ul>");
    }
    html.push_str("</section>");
}

fn article_link(n: &Numbers, id: &str) -> String {
    let number = n.by_id.get(id).map(|(i, _)| format!("[{i}] ")).unwrap_or_default();
    format!("<a href=\"/articles/{}\">{number}{}</a>", esc(id), esc(n.outlet(id)))
}

fn timeline(html: &mut String, b: &Brief, n: &Numbers) {
    let mut articles: Vec<&ArticleRef> = b.story.articles.iter().collect();
    // Dated articles in order of date, undated ones after them in arrival order.
    articles.sort_by(|x, y| match (&x.published, &y.published) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    html.push_str("<section><h2>Timeline</h2><ol class=\"timeline\">");
    for a in articles {
        let number = n.by_id.get(a.id.as_str()).map(|(i, _)| *i).unwrap_or(0);
        let _ = write!(
            html,
            "<li><time>{date}</time> <span class=\"outlet\">[{number}] {outlet}</span> \
             <a href=\"/articles/{id}\">{title}</a></li>",
            date = esc(&date(a.published.as_deref())),
            outlet = esc(a.outlet.as_deref().unwrap_or("unknown outlet")),
            id = esc(&a.id),
            title = esc(&a.title),
        );
    }
    html.push_str("</ol></section>");
}
