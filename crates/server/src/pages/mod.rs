//! The web UI: server-rendered pages over the same views as the API.
//!
//! Every string that comes from an article goes through [`esc`]; markup in
//! an article is shown as text, never interpreted. Pages carry no inline
//! script or style (the Content-Security-Policy forbids them): behaviour
//! lives in `/static/app.js`, which only ever sets `textContent`.

mod article;
mod list;
mod story;

use std::fmt::Write;
use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use corroborate_model::Span;

use crate::state::AppState;
use crate::ApiError;

pub use corroborate_fuse::render::escape as esc;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(list::stories))
        .route("/search", get(list::search))
        .route("/stories/{id}", get(story::page))
        .route("/articles/{id}", get(article::page))
}

/// Which live updates a page follows (`data-live` on its body).
pub enum Live {
    None,
    Stories,
    Story(i64),
}

/// A whole page around `content`; `q` fills the search box.
pub fn layout(title: &str, q: &str, live: Live, content: &str) -> Html<String> {
    let live = match live {
        Live::None => String::new(),
        Live::Stories => " data-live=\"stories\"".to_string(),
        Live::Story(id) => format!(" data-live=\"story:{id}\""),
    };
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · corroborate</title><link rel=\"icon\" href=\"data:,\">\
         <link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script></head>\
         <body{live}><header class=\"top\"><a class=\"brand\" href=\"/\">corroborate</a>\
         <form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" value=\"{q}\" placeholder=\"Search articles\" aria-label=\"Search articles\">\
         <button type=\"submit\">Search</button></form></header>\
         <div id=\"notice\" role=\"status\" hidden></div><main>{content}</main></body></html>\n",
        title = esc(title),
        q = esc(q),
    ))
}

/// An error as a page, with its status.
pub fn error_page(e: ApiError) -> Response {
    let status = e.status;
    if status.is_server_error() {
        return (status, layout("Error", "", Live::None, "<h1>Something went wrong</h1>")).into_response();
    }
    let content =
        format!("<h1>{}</h1><p>{}</p><p><a href=\"/\">All stories</a></p>", status.as_u16(), esc(&e.message));
    let title = if status == StatusCode::NOT_FOUND { "Not found" } else { "Bad request" };
    (status, layout(title, "", Live::None, &content)).into_response()
}

pub fn not_found_page() -> Response {
    error_page(ApiError::new(StatusCode::NOT_FOUND, "not_found", "There is no page here."))
}

/// `text` with the byte ranges in `marks` wrapped in `<mark>`; ranges that
/// overlap an earlier one or fall off the text are skipped.
pub fn marked(text: &str, marks: &[Span]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for m in marks {
        if m.start < pos
            || m.end > text.len()
            || !text.is_char_boundary(m.start)
            || !text.is_char_boundary(m.end)
        {
            continue;
        }
        let _ = write!(out, "{}<mark>{}</mark>", esc(&text[pos..m.start]), esc(&text[m.start..m.end]));
        pos = m.end;
    }
    out.push_str(&esc(&text[pos..]));
    out
}

/// `2024-03-11T08:30:00Z` as `2024-03-11 08:30`; other text as it is.
pub fn date(value: Option<&str>) -> String {
    match value {
        Some(v) if v.len() >= 16 && v.as_bytes()[10] == b'T' => format!("{} {}", &v[..10], &v[11..16]),
        Some(v) => v.to_string(),
        None => "undated".to_string(),
    }
}

/// `n thing` or `n things`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_wrap_escaped_text() {
        let text = "a <b> & \"c\"";
        assert_eq!(marked(text, &[Span::new(2, 5)]), "a <mark>&lt;b&gt;</mark> &amp; &quot;c&quot;");
        assert_eq!(marked("héllo", &[Span::new(1, 2), Span::new(0, 9)]), "héllo");
    }

    #[test]
    fn an_error_page_is_titled_by_its_status() {
        let title = |e: ApiError| {
            let response = error_page(e);
            let status = response.status();
            let body = body_text(response);
            (status.as_u16(), body.contains("<title>Not found"), body.contains("<title>Bad request"))
        };
        assert_eq!(title(ApiError::not_found("There is no such story.")), (404, true, false));
        assert_eq!(title(ApiError::bad_request("page must be a whole number from 1")), (400, false, true));
    }

    fn body_text(response: Response) -> String {
        let bytes = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn dates_are_shortened() {
        assert_eq!(date(Some("2024-03-11T08:30:00Z")), "2024-03-11 08:30");
        assert_eq!(date(Some("2024-03-11")), "2024-03-11");
        assert_eq!(date(None), "undated");
    }
}
