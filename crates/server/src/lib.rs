//! The HTTP face of corroborate: a JSON API and a server-rendered web UI over
//! one store, in the same binary as the command line.
//!
//! Reads and writes take different paths. SQLite in WAL mode lets readers run
//! beside the one writer, so every read borrows a connection from a small
//! pool and runs on tokio's blocking threads; all ingest goes through a single
//! [`corroborate_engine::Engine`] behind a mutex, because story assignment
//! depends on arrival order. Writes need a bearer token, and a server started
//! without one is read-only.
//!
//! Everything an article carries is untrusted: pages escape all of it, never
//! render article HTML, and are served under a Content-Security-Policy that
//! allows only the two static files embedded in the binary.

mod api;
mod error;
mod events;
mod pages;
mod security;
mod state;
mod views;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;

pub use api::ApiDoc;
pub use error::ApiError;
pub use state::AppState;

/// Largest request body accepted (a JSONL batch of articles).
pub const BODY_LIMIT: usize = 10 << 20;

/// How to run a server.
#[derive(Clone, Debug)]
pub struct Config {
    pub db: PathBuf,
    /// Bearer token required by write endpoints; without one the server is read-only.
    pub token: Option<String>,
    /// How this server prepares and places posted articles (the user's outlet
    /// names…) over SQLite. Over PostgreSQL it only queues them, and the
    /// workers' own options apply.
    pub options: corroborate_engine::Options,
}

/// The application: every route, with the security headers applied.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(events::routes())
        .merge(pages::routes())
        .merge(security::static_routes())
        .fallback(security::not_found)
        .layer(axum::middleware::from_fn(error::json_errors))
        .layer(axum::middleware::map_response(security::headers))
        .with_state(state)
}

/// Opens the store and serves on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> anyhow::Result<()> {
    serve_state(listener, open(config).await?).await
}

/// Opens the store (waiting for its writer lock when the server writes),
/// so that a caller can bind its address only once the store is ready.
pub async fn open(config: Config) -> anyhow::Result<Arc<AppState>> {
    tokio::task::spawn_blocking(move || AppState::open(&config)).await?
}

/// Serves an opened store on `listener` until the process ends.
pub async fn serve_state(listener: tokio::net::TcpListener, state: Arc<AppState>) -> anyhow::Result<()> {
    events::watch_store(state.clone());
    let writer = state.clone();
    tokio::task::spawn_blocking(move || writer.restore_indexes());
    axum::serve(listener, app(state)).await?;
    Ok(())
}
