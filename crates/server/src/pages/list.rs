//! The story list (the home page) and the article search page.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use corroborate_model::Span;
use serde::Deserialize;

use super::{count, date, error_page, esc, layout, marked, Live};
use crate::state::AppState;
use crate::views::{self, ListParams};

pub async fn stories(
    State(state): State<Arc<AppState>>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Response {
    let params = match params {
        Ok(Query(p)) => p,
        Err(e) => return error_page(e.into()),
    };
    let shown = params.clone();
    let list = match state.read(move |state, store| views::story_list(state, store, &shown)).await {
        Ok(list) => list,
        Err(e) => return error_page(e),
    };
    let mut html = String::from("<h1>Stories</h1>");
    filters(&mut html, &params);
    html.push_str("<div id=\"live\">");
    let _ = write!(html, "<p class=\"count\">{}</p>", count(list.total as usize, "story", "stories"));
    html.push_str("<ol class=\"stories\">");
    for s in &list.stories {
        let _ = write!(
            html,
            "<li class=\"story\"><a class=\"title\" href=\"/stories/{id}\">{title}</a>",
            id = s.id,
            title = esc(&s.title)
        );
        if s.disputes > 0 {
            let _ = write!(
                html,
                " <span class=\"badge dispute\">{}</span>",
                count(s.disputes, "dispute", "disputes")
            );
        }
        let _ = write!(
            html,
            "<div class=\"meta\"><span>{articles}</span> · <span>{sources}</span> · \
             <span>updated {last}</span></div><div class=\"outlets\">{outlets}</div></li>",
            articles = count(s.articles, "article", "articles"),
            sources = count(s.independent_outlets, "independent source", "independent sources"),
            last = esc(&date(s.last_published.as_deref())),
            outlets = esc(&s.outlets.join(", ")),
        );
    }
    html.push_str("</ol>");
    pager(&mut html, &params, list.page, list.per_page, list.total);
    html.push_str("</div>");
    layout("Stories", "", Live::Stories, &html).into_response()
}

fn filters(html: &mut String, p: &ListParams) {
    let value = |v: &Option<String>| esc(v.as_deref().unwrap_or(""));
    let by_size = p.sort.as_deref() == Some("size");
    let _ = write!(
        html,
        "<form class=\"filters\" method=\"get\" action=\"/\">\
         <input type=\"search\" name=\"q\" value=\"{q}\" placeholder=\"Words\" aria-label=\"Stories with these words\">\
         <input type=\"text\" name=\"outlet\" value=\"{outlet}\" placeholder=\"Outlet\" aria-label=\"Outlet\">\
         <input type=\"text\" name=\"language\" value=\"{language}\" placeholder=\"Language\" aria-label=\"Language\" size=\"8\">\
         <input type=\"date\" name=\"from\" value=\"{from}\" aria-label=\"From\">\
         <input type=\"date\" name=\"to\" value=\"{to}\" aria-label=\"To\">\
         <select name=\"sort\" aria-label=\"Order\"><option value=\"latest\">Latest activity</option>\
         <option value=\"size\"{selected}>Most articles</option></select>\
         <label class=\"check\"><input type=\"checkbox\" name=\"disputed\" value=\"true\"{checked}> With disputes</label>\
         <button type=\"submit\">Filter</button></form>",
        q = value(&p.q),
        outlet = value(&p.outlet),
        language = value(&p.language),
        from = value(&p.from),
        to = value(&p.to),
        selected = if by_size { " selected" } else { "" },
        checked = if matches!(p.disputed.as_deref(), Some("true" | "1" | "on")) { " checked" } else { "" },
    );
}

/// Links to the previous and next page, keeping the filters.
fn pager(html: &mut String, p: &ListParams, page: u64, per_page: u64, total: u64) {
    let link = |to: u64| {
        let mut pairs = vec![("page".to_string(), to.to_string())];
        for (name, value) in [
            ("q", &p.q),
            ("outlet", &p.outlet),
            ("language", &p.language),
            ("from", &p.from),
            ("to", &p.to),
            ("disputed", &p.disputed),
            ("sort", &p.sort),
            ("per_page", &p.per_page),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
                pairs.push((name.to_string(), v.to_string()));
            }
        }
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        format!("/?{}", query.join("&"))
    };
    html.push_str("<nav class=\"pager\">");
    if page > 1 {
        let _ = write!(html, "<a rel=\"prev\" href=\"{}\">← Newer</a>", esc(&link(page - 1)));
    }
    if page.saturating_mul(per_page) < total {
        let _ = write!(html, "<a rel=\"next\" href=\"{}\">Older →</a>", esc(&link(page + 1)));
    }
    html.push_str("</nav>");
}

/// Percent-encodes a query value.
fn encode(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[derive(Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    page: Option<String>,
}

pub async fn search(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let params = match params {
        Ok(Query(p)) => p,
        Err(e) => return error_page(e.into()),
    };
    let q = params.q.unwrap_or_default();
    let results = match crate::api::search_results(&state, q.clone(), params.page, None).await {
        Ok(r) => r,
        Err(e) => return error_page(e),
    };
    let mut html = format!(
        "<h1>Search</h1><p class=\"count\">{} for “{}”</p>",
        count(results.total as usize, "article", "articles"),
        esc(&q)
    );
    html.push_str("<ol class=\"hits\">");
    for h in &results.hits {
        let spans: Vec<Span> = h.highlights.iter().map(|[s, e]| Span::new(*s, *e)).collect();
        let _ = write!(
            html,
            "<li class=\"hit\"><a class=\"title\" href=\"/articles/{id}\">{title}</a>\
             <div class=\"meta\">{outlet} · {published} · <a href=\"/stories/{story}\">story</a></div>\
             <p class=\"snippet\">{snippet}</p></li>",
            id = esc(&h.article),
            title = esc(&h.title),
            outlet = esc(h.outlet.as_deref().unwrap_or("unknown outlet")),
            published = esc(&date(h.published.as_deref())),
            story = h.story,
            snippet = marked(&h.snippet, &spans),
        );
    }
    html.push_str("</ol>");
    if results.page.saturating_mul(results.per_page) < results.total {
        let _ = write!(
            html,
            "<nav class=\"pager\"><a rel=\"next\" href=\"/search?q={}&amp;page={}\">More →</a></nav>",
            encode(&q),
            results.page + 1
        );
    }
    layout("Search", &q, Live::None, &html).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(super::encode("a b&c=\"<é>"), "a%20b%26c%3D%22%3C%C3%A9%3E");
    }
}
