//! Server-sent events: `/api/events` announces every article as it is stored.
//!
//! The arrival counter of [`AppState`] changes when the server ingests and,
//! through a once-a-second poll, when another process writes to the same
//! store. Each open stream remembers the last arrival number it sent (or the
//! `Last-Event-ID` a reconnecting browser gives back) and reads the articles
//! after it, so a burst of ingest is announced in full and in order.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::Router;
use corroborate_store::{ArticleHead, Store};
use futures_util::stream::{self, Stream};
use serde::Serialize;
use tokio::sync::watch;

use crate::state::AppState;

/// Most articles read from the store per step of a stream.
const BATCH: u64 = 200;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/api/events", get(events))
}

/// The `data` of an `article` event.
#[derive(Serialize)]
struct Announced<'a> {
    seq: u64,
    id: &'a str,
    story: i64,
    title: &'a str,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
}

struct Follow {
    state: Arc<AppState>,
    changes: watch::Receiver<u64>,
    sent: u64,
    pending: VecDeque<ArticleHead>,
}

/// An `article` event per stored article, in arrival order; its `id` is the
/// arrival number, which a reconnecting client gives back as `Last-Event-ID`.
#[utoipa::path(get, path = "/api/events", responses(
    (status = 200, content_type = "text/event-stream",
     description = "Server-sent events: `article`, with the article's arrival number, id, story, title, outlet and publication date"),
))]
pub(crate) async fn events(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let changes = state.latest.subscribe();
    let resumed = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    // A number past the store's last (a store made again since) resumes from its last.
    let latest = *changes.borrow();
    let sent = resumed.map_or(latest, |r: u64| r.min(latest));
    let follow = Follow { state, changes, sent, pending: VecDeque::new() };
    Sse::new(stream::unfold(follow, next)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// The next event of a stream; ends the stream when the server shuts down.
async fn next(mut f: Follow) -> Option<(Result<Event, Infallible>, Follow)> {
    loop {
        if let Some(head) = f.pending.pop_front() {
            f.sent = head.seq;
            let data = Announced {
                seq: head.seq,
                id: &head.id,
                story: head.story,
                title: &head.title,
                outlet: head.outlet.as_deref(),
                published: head.published.as_deref(),
            };
            let event = Event::default().event("article").id(head.seq.to_string()).json_data(&data).ok()?;
            return Some((Ok(event), f));
        }
        if *f.changes.borrow_and_update() <= f.sent {
            f.changes.changed().await.ok()?;
            continue;
        }
        let after = f.sent;
        let heads = f.state.read(move |_, store| Ok(store.articles_since(after, BATCH)?)).await.ok()?;
        if heads.is_empty() {
            // The counter ran ahead of what this connection can see yet; wait for the next change.
            f.changes.changed().await.ok()?;
        }
        f.pending.extend(heads);
    }
}

/// Polls the store once a second for articles written by other processes.
pub fn watch_store(state: Arc<AppState>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            if let Ok(last) = state.read(|_, store| Ok(store.last_seq()?)).await {
                state.latest.send_if_modified(|seen| {
                    let newer = last > *seen;
                    if newer {
                        *seen = last;
                    }
                    newer
                });
            }
        }
    });
}
