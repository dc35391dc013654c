//! Shared state: the read pool, the writer, the brief cache and the arrival
//! counter that server-sent events follow.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use corroborate_engine::{Engine, Options};
use corroborate_model::{Brief, StoryId};
use corroborate_store::{AnyStore, Store};
use tokio::sync::watch;

use crate::{ApiError, Config};

/// Idle read connections kept for reuse; more are opened under load and
/// dropped when returned to a full pool.
const POOL_SIZE: usize = 8;
/// Briefs kept; the cache is emptied when it grows past this.
const BRIEF_CACHE: usize = 2048;

pub struct AppState {
    db: PathBuf,
    readers: Mutex<Vec<AnyStore>>,
    writer: Option<Mutex<Engine<AnyStore>>>,
    pub(crate) token: Option<String>,
    /// Briefs by story, with the number of articles they were made from: a
    /// story only changes by gaining articles, so a count that still matches
    /// means the brief is current.
    briefs: Mutex<BTreeMap<StoryId, (usize, Arc<Brief>)>>,
    /// Arrival number of the latest stored article.
    pub(crate) latest: watch::Sender<u64>,
}

impl AppState {
    /// Opens the store (migrating it if needed) and, when writes are allowed, the engine.
    pub fn open(config: &Config) -> anyhow::Result<Arc<Self>> {
        let first = AnyStore::open(&config.db)?;
        let latest = first.last_seq()?;
        let writer = match config.token {
            Some(_) => Some(Mutex::new(Engine::open(AnyStore::open(&config.db)?, Options::default())?)),
            None => None,
        };
        Ok(Arc::new(AppState {
            db: config.db.clone(),
            readers: Mutex::new(vec![first]),
            writer,
            token: config.token.clone(),
            briefs: Mutex::new(BTreeMap::new()),
            latest: watch::channel(latest).0,
        }))
    }

    /// Runs `f` with a read connection on a blocking thread.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState, &AnyStore) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = state.readers.lock().expect("pool lock").pop();
            let store = match pooled {
                Some(store) => store,
                None => AnyStore::open(&state.db)?,
            };
            let result = f(&state, &store);
            let mut pool = state.readers.lock().expect("pool lock");
            if pool.len() < POOL_SIZE {
                pool.push(store);
            }
            result
        })
        .await?
    }

    /// Runs `f` with the engine on a blocking thread; fails when the server is read-only.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Engine<AnyStore>) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let writer = state.writer.as_ref().ok_or_else(ApiError::read_only)?;
            let mut engine = writer.lock().map_err(|_| ApiError::internal("the writer failed earlier"))?;
            let result = f(&mut engine)?;
            let last = engine.store().last_seq()?;
            state.latest.send_if_modified(|seen| std::mem::replace(seen, last) != last);
            Ok(result)
        })
        .await?
    }

    /// The brief of a story, from the cache when the story has not changed.
    pub fn brief(&self, store: &AnyStore, id: StoryId) -> Result<Option<Arc<Brief>>, ApiError> {
        let Some(listing) = store.story_listing(id)? else {
            return Ok(None);
        };
        if let Some((count, brief)) = self.briefs.lock().expect("cache lock").get(&id) {
            if *count as u64 == listing.articles {
                return Ok(Some(brief.clone()));
            }
        }
        let articles = store.story_articles(id)?;
        let brief = Arc::new(corroborate_fuse::brief(id, &listing.title, &articles));
        let mut cache = self.briefs.lock().expect("cache lock");
        if cache.len() >= BRIEF_CACHE {
            cache.clear();
        }
        cache.insert(id, (articles.len(), brief.clone()));
        Ok(Some(brief))
    }
}
