//! Shared state: the read pool, the writer, the brief cache and the arrival
//! counter that server-sent events follow.
//!
//! Posted articles go one of two ways. Over SQLite the server is the one
//! writer: it ingests them itself, with an engine of its own. Over
//! PostgreSQL any number of servers and workers share the store, and only
//! the workers' leader may assign stories (an engine per server would keep
//! an index of its own and open a second story for an event the leader
//! already has), so a server reads the records, answers for those it cannot
//! read, and queues the rest for the workers.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use corroborate_engine::{Engine, IngestReport};
use corroborate_ingest::IngestError;
use corroborate_model::{Brief, RawDocument, StoryId};
use corroborate_store::{AnyStore, PostgresStore, QueueInput, Store};
use tokio::sync::watch;

use crate::{ApiError, Config};

/// Reads running at once, each on its own store connection. Reads are short
/// and CPU-bound, so more would only add threads and connections; requests
/// beyond it wait their turn without holding a thread.
const READERS: usize = 8;
/// Briefs kept; past this, the least recently used half goes.
const BRIEF_CACHE: usize = 2048;

/// A story's brief and, once asked for, its JSON and its page: a popular story
/// is fused and rendered once per change, not once per request.
pub struct Cached {
    pub brief: Arc<Brief>,
    json: OnceLock<Result<Vec<u8>, String>>,
    page: OnceLock<String>,
}

impl Cached {
    fn new(brief: Brief) -> Self {
        Cached { brief: Arc::new(brief), json: OnceLock::new(), page: OnceLock::new() }
    }

    /// The brief as JSON (the contract of `GET /api/stories/{id}`).
    pub fn json(&self) -> Result<&[u8], ApiError> {
        let json = self.json.get_or_init(|| serde_json::to_vec(&*self.brief).map_err(|e| e.to_string()));
        json.as_deref().map_err(|e| ApiError::internal(e.clone()))
    }

    /// The story page, rendered by `render` the first time.
    pub fn page(&self, render: impl FnOnce(&Brief) -> String) -> &str {
        self.page.get_or_init(|| render(&self.brief))
    }
}

/// A brief being made: empty until the request making it is done, then the
/// brief or the error that stopped it, shared with those who waited.
type Slot = Mutex<Option<Result<Arc<Cached>, ApiError>>>;

/// Where posted articles go.
enum Writer {
    /// Stored by this server (SQLite).
    Engine(Box<Mutex<Engine<AnyStore>>>),
    /// Queued for the workers (PostgreSQL).
    Queue(PostgresStore),
}

/// What became of a posted document.
pub enum Posted {
    /// Stored and assigned to stories by this server.
    Stored(IngestReport),
    /// Records queued for the workers, and those that could not be read.
    Queued { queued: usize, errors: Vec<IngestError> },
}

pub struct AppState {
    db: PathBuf,
    readers: Mutex<Vec<AnyStore>>,
    /// One permit per read connection.
    gate: Arc<tokio::sync::Semaphore>,
    writer: Option<Writer>,
    pub(crate) token: Option<String>,
    briefs: Mutex<BriefCache>,
    /// Briefs being made, one slot per story version: a request for a brief
    /// another is making waits for it instead of making it again.
    building: Mutex<HashMap<(StoryId, Version), Arc<Slot>>>,
    /// Arrival number of the latest stored article.
    pub(crate) latest: watch::Sender<u64>,
}

impl AppState {
    /// Opens the store (migrating it if needed) and, when writes are allowed, the engine.
    pub fn open(config: &Config) -> anyhow::Result<Arc<Self>> {
        let first = AnyStore::open(&config.db)?;
        let latest = first.last_seq()?;
        if !corroborate_store::digests_follow(&first, corroborate_fuse::RULES)? {
            eprintln!(
                "note: the stories' digests were made by another version's rules of fusion: listings count \
                 disputes and independent outlets by those rules until the next ingest or recluster"
            );
        }
        // A server that writes to a SQLite store holds its writer lock while
        // it runs; an `ingest` started meanwhile waits for it.
        let waiting =
            |lock: &std::path::Path| eprintln!("{}", corroborate_store::waiting_line(&config.db, lock));
        let writer = match &config.token {
            None => None,
            Some(_) => match AnyStore::open_writer(&config.db, waiting)? {
                AnyStore::Postgres(store) => Some(Writer::Queue(store)),
                store => {
                    Some(Writer::Engine(Box::new(Mutex::new(Engine::open(store, config.options.clone())?))))
                }
            },
        };
        Ok(Arc::new(AppState {
            db: config.db.clone(),
            readers: Mutex::new(vec![first]),
            gate: Arc::new(tokio::sync::Semaphore::new(READERS)),
            writer,
            token: config.token.clone(),
            briefs: Mutex::new(BriefCache::new(BRIEF_CACHE)),
            building: Mutex::new(HashMap::new()),
            latest: watch::channel(latest).0,
        }))
    }

    /// Restores the writer's indexes ahead of the first posted article, which
    /// would otherwise wait for them (on a large store, seconds). Reads go
    /// on meanwhile; posts wait for the writer's lock. A store whose indexes
    /// cannot be restored is reported here, and again by each post.
    pub fn restore_indexes(&self) {
        let Some(Writer::Engine(engine)) = &self.writer else { return };
        // A writer that failed earlier is reported by each post.
        let Ok(mut engine) = engine.lock() else { return };
        if let Err(e) = engine.restore_indexes() {
            eprintln!("error: the story indexes could not be restored: {e}");
        }
    }

    /// Runs `f` with a read connection on a blocking thread. The read holds
    /// one of the [`READERS`] slots until it ends, even when its request is
    /// dropped first: a blocking read cannot be stopped, and a slot given
    /// back early would let abandoned reads pile up on new connections.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState, &AnyStore) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = self
            .gate
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the server is stopping"))?;
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let pooled = state.readers.lock().expect("pool lock").pop();
            let store = match pooled {
                Some(store) => store,
                None => AnyStore::open(&state.db)?,
            };
            let result = f(&state, &store);
            state.readers.lock().expect("pool lock").push(store);
            result
        })
        .await?
    }

    /// Stores a posted document, or queues its records for the workers.
    pub async fn post(self: &Arc<Self>, doc: RawDocument) -> Result<Posted, ApiError> {
        let state = self.clone();
        tokio::task::spawn_blocking(move || match state.writer.as_ref().ok_or_else(ApiError::read_only)? {
            Writer::Engine(engine) => {
                let mut engine =
                    engine.lock().map_err(|_| ApiError::internal("the writer failed earlier"))?;
                let report = engine.ingest_document(&doc)?;
                let last = engine.store().last_seq()?;
                state.latest.send_if_modified(|seen| std::mem::replace(seen, last) != last);
                Ok(Posted::Stored(report))
            }
            Writer::Queue(queue) => {
                let (mut inputs, mut errors) = (Vec::new(), Vec::new());
                for record in corroborate_ingest::read(&doc) {
                    match record {
                        Ok(draft) => inputs.push(QueueInput::Draft(draft)),
                        Err(e) => errors.push(e),
                    }
                }
                if !inputs.is_empty() {
                    queue.enqueue(&inputs)?;
                }
                Ok(Posted::Queued { queued: inputs.len(), errors })
            }
        })
        .await?
    }

    /// The brief of a story, from the cache when the story has not changed.
    pub fn brief(&self, store: &AnyStore, id: StoryId) -> Result<Option<Arc<Brief>>, ApiError> {
        Ok(self.cached(store, id)?.map(|c| c.brief.clone()))
    }

    /// The brief of a story with its renderings, from the cache when the story has not changed.
    pub fn cached(&self, store: &AnyStore, id: StoryId) -> Result<Option<Arc<Cached>>, ApiError> {
        let Some(listing) = store.story_listing(id)? else {
            return Ok(None);
        };
        let version = Version { articles: listing.articles, last_seq: listing.last_seq };
        if let Some(brief) = self.briefs.lock().expect("cache lock").get(id, version) {
            return Ok(Some(brief));
        }
        // One request makes the brief; others asking meanwhile wait for it
        // rather than each spend seconds of a processor on a large story.
        let key = (id, version);
        let slot =
            self.building.lock().unwrap_or_else(PoisonError::into_inner).entry(key).or_default().clone();
        // Declared before the slot's guard, so dropped after it, even in a panic.
        let _building = Building { state: self, key, slot: slot.clone() };
        let mut made = slot.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(result) = made.as_ref() {
            return result.clone().map(Some);
        }
        let result = self.make_brief(store, id, &listing.title, version);
        *made = Some(result.clone());
        result.map(Some)
    }

    /// The brief of story `id` at `version`: cached by a request whose slot is
    /// gone, or made now and cached.
    fn make_brief(
        &self,
        store: &AnyStore,
        id: StoryId,
        title: &str,
        version: Version,
    ) -> Result<Arc<Cached>, ApiError> {
        if let Some(brief) = self.briefs.lock().expect("cache lock").get(id, version) {
            return Ok(brief);
        }
        // Read after the listing: the brief is at least as new as `version`.
        let articles = store.story_articles(id)?;
        let brief = Arc::new(Cached::new(corroborate_fuse::brief(id, title, &articles)));
        // Cached before the slot goes: a later request finds it there.
        self.briefs.lock().expect("cache lock").put(id, version, brief.clone());
        Ok(brief)
    }
}

/// A request's hold on the slot of a brief being made: when the request is
/// done, or fails, or panics, the slot leaves the map unless another took its
/// place. Those who waited on it still hold it and read its result; a
/// request that comes later finds the brief in the cache, or after an error
/// tries again.
struct Building<'a> {
    state: &'a AppState,
    key: (StoryId, Version),
    slot: Arc<Slot>,
}

impl Drop for Building<'_> {
    fn drop(&mut self) {
        let mut building = self.state.building.lock().unwrap_or_else(PoisonError::into_inner);
        if building.get(&self.key).is_some_and(|s| Arc::ptr_eq(s, &self.slot)) {
            building.remove(&self.key);
        }
    }
}

/// What a story's brief was made from, as far as its listing tells: its
/// number of articles and the arrival number of the latest. An ingest adds
/// articles; a `recluster` that moves articles, or a story id used again
/// after its story was merged away, almost always changes one or the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Version {
    articles: u64,
    last_seq: u64,
}

/// Briefs by story, with the [`Version`] of the story each was made from:
/// a version that still matches means the brief is current. When full, the
/// least recently used half is dropped, so the stories being read stay
/// cached while the cache follows the news.
struct BriefCache {
    capacity: usize,
    /// Story -> (version, brief, last use).
    entries: BTreeMap<StoryId, (Version, Arc<Cached>, u64)>,
    uses: u64,
}

impl BriefCache {
    fn new(capacity: usize) -> Self {
        BriefCache { capacity: capacity.max(2), entries: BTreeMap::new(), uses: 0 }
    }

    /// The brief of `story` if it was made from its `version`.
    fn get(&mut self, story: StoryId, version: Version) -> Option<Arc<Cached>> {
        self.uses += 1;
        let (made_from, brief, used) = self.entries.get_mut(&story)?;
        (*made_from == version).then(|| {
            *used = self.uses;
            brief.clone()
        })
    }

    fn put(&mut self, story: StoryId, version: Version, brief: Arc<Cached>) {
        self.uses += 1;
        if self.entries.len() >= self.capacity && !self.entries.contains_key(&story) {
            let mut uses: Vec<u64> = self.entries.values().map(|e| e.2).collect();
            let middle = uses.len() / 2;
            let (_, &mut median, _) = uses.select_nth_unstable(middle);
            self.entries.retain(|_, e| e.2 >= median);
        }
        self.entries.insert(story, (version, brief, self.uses));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief(story: StoryId) -> Arc<Cached> {
        Arc::new(Cached::new(corroborate_fuse::brief(story, "A story", &[])))
    }

    fn version(articles: u64, last_seq: u64) -> Version {
        Version { articles, last_seq }
    }

    #[test]
    fn a_full_cache_drops_the_least_recently_used_briefs() {
        let mut cache = BriefCache::new(4);
        for story in 1..=4 {
            cache.put(story, version(1, story as u64), brief(story));
        }
        // Stories 1 and 2 are read again; 3 and 4 are not.
        assert!(cache.get(1, version(1, 1)).is_some() && cache.get(2, version(1, 2)).is_some());
        cache.put(5, version(1, 5), brief(5));
        for (story, kept) in [(1, true), (2, true), (3, false), (4, false), (5, true)] {
            assert_eq!(cache.get(story, version(1, story as u64)).is_some(), kept, "story {story}");
        }
    }

    #[test]
    fn requests_at_once_for_one_brief_make_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("test.db");
        let store = corroborate_store::SqliteStore::open(&db).unwrap();
        let mut engine = Engine::open(store, corroborate_engine::Options::default()).unwrap();
        let doc = RawDocument {
            origin: "articles.jsonl".into(),
            bytes: include_bytes!("../tests/fixtures/articles.jsonl").to_vec(),
            declared_charset: None,
        };
        engine.ingest_document(&doc).unwrap();
        let story = engine.store().stories().unwrap()[0].id;
        drop(engine);
        let config = Config { db: db.clone(), token: None, options: corroborate_engine::Options::default() };
        let state = AppState::open(&config).unwrap();
        let requests = 4;
        let barrier = std::sync::Barrier::new(requests);
        let briefs: Vec<Arc<Cached>> = std::thread::scope(|s| {
            let asked: Vec<_> = (0..requests)
                .map(|_| {
                    s.spawn(|| {
                        let store = AnyStore::open(&db).unwrap();
                        barrier.wait();
                        state.cached(&store, story).unwrap().unwrap()
                    })
                })
                .collect();
            asked.into_iter().map(|h| h.join().unwrap()).collect()
        });
        // Made once: every request holds the same brief.
        assert!(briefs.iter().all(|b| Arc::ptr_eq(b, &briefs[0])));
        assert!(state.building.lock().unwrap().is_empty(), "no slot is left behind");
        let store = AnyStore::open(&db).unwrap();
        assert!(Arc::ptr_eq(&state.cached(&store, story).unwrap().unwrap(), &briefs[0]), "then cached");
    }

    #[test]
    fn a_brief_of_other_articles_is_stale() {
        let mut cache = BriefCache::new(4);
        cache.put(7, version(3, 40), brief(7));
        assert!(cache.get(7, version(3, 40)).is_some());
        assert!(cache.get(7, version(4, 41)).is_none(), "the story gained an article since");
        cache.put(7, version(4, 41), brief(7));
        assert!(cache.get(7, version(4, 41)).is_some());
        // As many articles, the latest another: the id now names another
        // story (its own merged away), or a recluster moved articles.
        assert!(cache.get(7, version(4, 95)).is_none());
    }
}
