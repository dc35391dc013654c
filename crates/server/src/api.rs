//! The JSON API, documented by the OpenAPI description generated from these handlers.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use corroborate_model::RawDocument;
use corroborate_store::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::error::{ErrorBody, ErrorDetail};
use crate::state::{AppState, Posted};
use crate::views::{self, ArticleView, ListParams, StoryItem, StoryList};
use crate::ApiError;

#[derive(OpenApi)]
#[openapi(
    info(title = "corroborate", description = "Consolidated, source-attributed news stories."),
    paths(stories, story, article, search, ingest, health, crate::events::events),
    components(schemas(StoryList, StoryItem, ArticleView, SearchResults, SearchHit, IngestResult, Health, ErrorBody, ErrorDetail)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// Declares the bearer token scheme the write endpoint refers to.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/articles/{id}", get(article))
        .route("/api/articles", axum::routing::post(ingest).layer(DefaultBodyLimit::max(crate::BODY_LIMIT)))
        .route("/api/search", get(search))
        .route("/api/health", get(health))
        .route("/api/openapi.json", get(openapi))
}

/// Serializes a value as the JSON response body.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => ApiError::internal(e.to_string()).into_response(),
    }
}

/// Stories, filtered and paged.
#[utoipa::path(get, path = "/api/stories", params(ListParams), responses(
    (status = 200, body = StoryList, description = "One page of stories"),
    (status = 400, body = ErrorBody, description = "A malformed page, date or sort"),
))]
async fn stories(
    State(state): State<Arc<AppState>>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params?;
    let list = state.read(move |state, store| views::story_list(state, store, &params)).await?;
    Ok(json(&list))
}

/// The brief of one story: the `show --format json` document (see `docs/json-schema.json`).
#[utoipa::path(get, path = "/api/stories/{id}", params(("id" = i64, Path, description = "Story id")), responses(
    (status = 200, body = Object, description = "The brief"),
    (status = 404, body = ErrorBody, description = "No such story"),
))]
async fn story(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::not_found("no such story"))?;
    let body = state
        .read(move |state, store| match state.cached(store, id)? {
            Some(cached) => Ok(Some(cached.json()?.to_vec())),
            None => Ok(None),
        })
        .await?;
    let body = body.ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// One article: clean and original body, repairs, flags, quotes and mentions with their spans.
#[utoipa::path(get, path = "/api/articles/{id}", params(("id" = String, Path, description = "Article id")), responses(
    (status = 200, body = ArticleView, description = "The article as stored, with its text as read"),
    (status = 404, body = ErrorBody, description = "No such article"),
))]
async fn article(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let view = state.read(move |_, store| views::article_view(store, &id)).await?;
    let view = view.ok_or_else(|| ApiError::not_found("no such article"))?;
    Ok(json(&view))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchParams {
    /// Words every match must contain; the last may be the start of a word.
    q: Option<String>,
    /// Page number, from 1.
    page: Option<String>,
    /// Matches per page, 1 to 100 (default 20).
    per_page: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    pub q: String,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
    pub hits: Vec<SearchHit>,
}

#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    pub article: String,
    pub story: i64,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    /// A passage of the title or body around the match.
    pub snippet: String,
    /// Matched words: `[start, end)` byte ranges of `snippet`.
    pub highlights: Vec<[usize; 2]>,
}

/// Full-text search over article titles and bodies, best match first.
#[utoipa::path(get, path = "/api/search", params(SearchParams), responses(
    (status = 200, body = SearchResults, description = "One page of matching articles"),
    (status = 400, body = ErrorBody, description = "A malformed page"),
))]
async fn search(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params?;
    Ok(json(&search_results(&state, params.q.unwrap_or_default(), params.page, params.per_page).await?))
}

/// Runs a search for the API and the search page.
pub async fn search_results(
    state: &Arc<AppState>,
    q: String,
    page: Option<String>,
    per_page: Option<String>,
) -> Result<SearchResults, ApiError> {
    let (page, per_page) = views::paging(page.as_deref(), per_page.as_deref())?;
    let offset = (page - 1).saturating_mul(per_page);
    let text = q.clone();
    let found = state.read(move |_, store| Ok(store.search(&text, offset, per_page)?)).await?;
    let hits = found
        .items
        .into_iter()
        .map(|h| SearchHit {
            article: h.article.id,
            story: h.article.story,
            title: h.article.title,
            outlet: h.article.outlet,
            published: h.article.published,
            snippet: h.snippet,
            highlights: h.highlights.iter().map(|s| [s.start, s.end]).collect(),
        })
        .collect();
    Ok(SearchResults { q, page, per_page, total: found.total, hits })
}

/// What an ingest request did.
#[derive(Serialize, ToSchema)]
pub struct IngestResult {
    pub stored: usize,
    pub already_stored: usize,
    pub stories_created: usize,
    pub wire_copies: usize,
    /// Records queued for the workers (PostgreSQL store): each is stored, or
    /// found already stored, once a worker has prepared and assigned it.
    pub queued: usize,
    /// Records that could not be read, each `ORIGIN:LINE: reason`.
    pub errors: Vec<String>,
}

/// Ingests one JSON article, a JSON array or a JSONL batch (news-please or generic fields).
///
/// Needs `Authorization: Bearer TOKEN`. A server started without a token refuses all writes.
#[utoipa::path(post, path = "/api/articles", request_body(content = Object, content_type = "application/json",
    description = "One article object, an array of them, or one object per line"), responses(
    (status = 200, body = IngestResult, description = "Stored; records that could not be read are listed"),
    (status = 202, body = IngestResult, description = "Queued for the workers (PostgreSQL store)"),
    (status = 400, body = ErrorBody, description = "Not JSON, or no record could be read"),
    (status = 401, body = ErrorBody, description = "Missing or wrong token"),
    (status = 403, body = ErrorBody, description = "The server is read-only"),
    (status = 413, body = ErrorBody, description = "Body over 10 MiB, or over it once decompressed"),
), security(("bearer" = [])))]
async fn ingest(State(state): State<Arc<AppState>>, request: Request) -> Result<Response, ApiError> {
    // The token is checked before the body is read: a client without one is
    // answered at once, not after sending up to the limit.
    authorize(&state, request.headers())?;
    let line_delimited = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("ndjson") || v.contains("jsonl"));
    let origin = if line_delimited { "request.jsonl" } else { "request.json" };
    let body = Bytes::from_request(request, &state).await?;
    let doc = RawDocument { origin: origin.into(), bytes: json_body(origin, &body)?, declared_charset: None };
    let result = match state.post(doc).await? {
        Posted::Stored(report) => IngestResult {
            stored: report.stored,
            already_stored: report.already_stored,
            stories_created: report.stories_created,
            wire_copies: report.wire_copies,
            queued: 0,
            errors: report.errors.iter().map(|e| e.to_string()).collect(),
        },
        Posted::Queued { queued, errors } => IngestResult {
            stored: 0,
            already_stored: 0,
            stories_created: 0,
            wire_copies: 0,
            queued,
            errors: errors.iter().map(|e| e.to_string()).collect(),
        },
    };
    if result.stored + result.already_stored + result.queued == 0 {
        let message = result.errors.first().cloned().unwrap_or_else(|| "no article in the request".into());
        return Err(ApiError::new(axum::http::StatusCode::BAD_REQUEST, "invalid_articles", message));
    }
    let mut response = json(&result);
    if result.queued > 0 {
        *response.status_mut() = axum::http::StatusCode::ACCEPTED;
    }
    Ok(response)
}

/// Checks the bearer token (the scheme's name in any case, as HTTP has it);
/// compares in time independent of where the tokens differ.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let expected = state.token.as_deref().ok_or_else(ApiError::read_only)?;
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or_else(ApiError::unauthorized)?;
    let same = given.len() == expected.len()
        && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if same {
        Ok(())
    } else {
        Err(ApiError::unauthorized())
    }
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the store answers.
    pub status: String,
    pub articles: u64,
    /// Arrival number of the latest article.
    pub last_seq: u64,
    /// Whether `POST /api/articles` is enabled.
    pub writable: bool,
}

/// Liveness and size of the store.
#[utoipa::path(get, path = "/api/health", responses((status = 200, body = Health, description = "The store's state")))]
async fn health(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let writable = state.token.is_some();
    let health = state
        .read(move |_, store| {
            Ok(Health {
                status: "ok".into(),
                articles: store.article_count()?,
                last_seq: store.last_seq()?,
                writable,
            })
        })
        .await?;
    Ok(json(&health))
}

async fn openapi() -> Response {
    json(&ApiDoc::openapi())
}

/// A request's articles: JSON or JSON lines, gzip decompressed within the
/// body limit (a small compressed body may hold far more).
fn json_body(origin: &str, body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let bytes = corroborate_ingest::prepare_bytes(origin, body, crate::BODY_LIMIT as u64).map_err(|e| {
        if e.reason.starts_with("too large") {
            let message = format!("request bodies are limited to {} bytes, decompressed", crate::BODY_LIMIT);
            ApiError::new(axum::http::StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
        } else {
            ApiError::new(axum::http::StatusCode::BAD_REQUEST, "invalid_articles", e.to_string())
        }
    })?;
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).trim_ascii_start();
    if !start.starts_with(b"{") && !start.starts_with(b"[") {
        let message = format!("{origin}: not JSON: send a JSON object, a JSON array or JSON lines");
        return Err(ApiError::new(axum::http::StatusCode::BAD_REQUEST, "invalid_articles", message));
    }
    Ok(bytes)
}
