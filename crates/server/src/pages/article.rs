//! The article page: clean text with its repairs marked, and the text as it
//! was read on a toggle.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use super::{count, date, error_page, esc, layout, Live};
use crate::state::AppState;
use crate::views::{self, ArticleView, Piece};
use crate::ApiError;

pub async fn page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match state.read(move |_, store| views::article_view(store, &id)).await {
        Ok(Some(view)) => layout(&view.article.title, "", Live::None, &render(&view)).into_response(),
        Ok(None) => error_page(ApiError::not_found("There is no such article.")),
        Err(e) => error_page(e),
    }
}

fn render(view: &ArticleView) -> String {
    let a = &view.article;
    let mut meta =
        vec![esc(a.outlet.as_deref().unwrap_or("unknown outlet")), esc(&date(a.published.as_deref()))];
    if !a.authors.is_empty() {
        meta.push(format!("by {}", esc(&a.authors.join(", "))));
    }
    if let Some(to) = &a.credited_to {
        meta.push(format!("credits {}", esc(to)));
    }
    let mut html = String::new();
    if let Some(story) = a.story {
        let _ = write!(html, "<p class=\"crumbs\"><a href=\"/stories/{story}\">← The story</a></p>");
    }
    let _ = write!(
        html,
        "<article class=\"article-page\"><h1>{}</h1><p class=\"meta\">{}</p>",
        esc(&a.title),
        meta.join(" · ")
    );
    if let Some(url) = a.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
        let _ = write!(
            html,
            "<p class=\"meta\"><a href=\"{0}\" rel=\"noopener noreferrer nofollow\">{0}</a></p>",
            esc(url)
        );
    }
    if !a.flags.is_empty() {
        html.push_str("<ul class=\"flags\">");
        for f in &a.flags {
            let kind = serde_json::to_value(f.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let _ =
                write!(html, "<li><span class=\"badge flag\">{}</span> {}</li>", esc(&kind), esc(&f.message));
        }
        html.push_str("</ul>");
    }
    let pieces = views::pieces(a);
    let mut clean = String::new();
    let mut original = String::new();
    for p in &pieces {
        match p {
            Piece::Kept(text) => {
                clean.push_str(&esc(text));
                original.push_str(&esc(text));
            }
            Piece::Repaired(r) => {
                let kind = serde_json::to_value(r.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                let title = esc(&format!("{kind}: {:?} → {:?}", r.before, r.after));
                let _ = write!(clean, "<mark class=\"repair\" title=\"{title}\">{}</mark>", esc(&r.after));
                let _ =
                    write!(original, "<mark class=\"repair\" title=\"{title}\">{}</mark>", esc(&r.before));
            }
        }
    }
    let repairs = pieces.iter().filter(|p| matches!(p, Piece::Repaired(_))).count();
    let _ = write!(
        html,
        "<p class=\"repairs\">{repairs} <button type=\"button\" id=\"toggle-original\" aria-pressed=\"false\">Show original</button></p>\
         <div id=\"clean\" class=\"article-text\">{clean}</div>\
         <div id=\"original\" class=\"article-text original\" hidden>{original}</div></article>",
        repairs = count(repairs, "repair", "repairs"),
    );
    html
}
