//! The engine: resumes the online indexes from the store when it first
//! places an article, assigns articles in arrival order and commits batch by
//! batch.

use crate::{prepare, Prepared, Result};
use corroborate_cluster::{Clusterer, Config, Profile};
use corroborate_dedup::{Found, LshIndex, COPY_THRESHOLD, MAX_CHAIN};
use corroborate_ingest::IngestError;
use corroborate_model::{
    independent_sources, Article, ArticleId, Brief, Draft, RawDocument, StoryId, StorySummary,
};
use corroborate_store::{ArticleFilter, Batch, Store, StoredArticle, StoryListing, StoryQuery, StoryRecord};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Most files read in parallel before their articles are assigned and committed.
const FILES_PER_CHUNK: usize = 256;
/// Most bytes of input held in memory at once (a single larger file is read alone).
const BYTES_PER_CHUNK: u64 = 16 << 20;
/// Prepared chunks waiting in the queue between the reader and the
/// sequential stage. With the chunk the reader is preparing and the one being
/// placed, up to `CHUNKS_QUEUED + 2` chunks are in memory at once (each the
/// articles made from up to `BYTES_PER_CHUNK` of input, or from one larger file).
const CHUNKS_QUEUED: usize = 2;
/// Most articles written in one transaction.
const ARTICLES_PER_BATCH: usize = 2000;

/// Options of a run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub cluster: Config,
    /// The user's outlet names (`alias<TAB>name`), applied to every draft over the built-in table.
    pub outlets: Option<std::sync::Arc<corroborate_ingest::Outlets>>,
}

/// Where a run stands, for progress display.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    pub stored: usize,
    /// Processor time spent so far in the sequential stage (wire groups and stories).
    pub place_time: std::time::Duration,
    /// Processor time spent so far writing batches to the store.
    pub commit_time: std::time::Duration,
    /// Work of the sequential stage since the indexes were last restored.
    pub work: PlaceWork,
}

/// The work of the sequential stage, counted rather than timed: how many
/// stored signatures wire-copy lookups compared, and how many posting entries
/// and candidate stories story assignment read and scored. Per article, these
/// stay flat as the store grows only if the lookups' cost does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlaceWork {
    pub signatures_compared: u64,
    pub postings_read: u64,
    pub stories_scored: u64,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Articles newly stored.
    pub stored: usize,
    /// Articles skipped because they were already stored (or repeated in the input).
    pub already_stored: usize,
    /// Stories opened by this run.
    pub stories_created: usize,
    /// Articles that joined a story as a wire copy of an earlier article.
    pub wire_copies: usize,
    /// Inputs or records that could not be read, each naming its origin and reason.
    pub errors: Vec<IngestError>,
    /// Files in the folders given that were not read, being of a kind that
    /// holds no articles (annotations, tables, images).
    pub skipped: Vec<PathBuf>,
    /// Processor time spent deciding wire groups and stories (the sequential
    /// stage): the time it would take alone, while the next files are read on
    /// the other cores.
    pub place_time: std::time::Duration,
    /// Processor time spent writing batches to the store, on the thread
    /// that writes them (as for `place_time`, without the waits for a core
    /// or for the disk).
    pub commit_time: std::time::Duration,
    /// Time spent bringing the digests of changed stories up to date.
    pub digest_time: std::time::Duration,
}

struct StoryMeta {
    title: String,
    /// The title stands in for a headline (see [`stand_in_title`]): the
    /// first article with a headline of its own replaces it.
    title_derived: bool,
    first: Option<String>,
    last: Option<String>,
}

/// Whether an article's title only stands in for a story's headline: it
/// was derived from the text, for want of one, or it is a roundup's
/// (`10 things to know today`), which reports other events too.
pub(crate) fn stand_in_title(article: &Article) -> bool {
    article.flags.iter().any(|f| f.kind == corroborate_model::FlagKind::MissingTitle)
        || corroborate_text::is_roundup_title(&article.title)
}

/// A story still titled by a stand-in (a first sentence, a roundup's
/// headline) takes the title of an article that joins it, if that is a
/// headline of its own.
pub(crate) fn offer_title(
    title: &mut String,
    title_derived: &mut bool,
    offered: &str,
    offered_derived: bool,
) {
    if *title_derived && !offered_derived {
        *title = offered.to_string();
        *title_derived = false;
    }
}

impl IngestReport {
    /// Adds what another run did to this one's figures.
    pub fn merge(&mut self, more: IngestReport) {
        // Taken apart field by field, so that a new field cannot be forgotten here.
        let IngestReport {
            stored,
            already_stored,
            stories_created,
            wire_copies,
            errors,
            skipped,
            place_time,
            commit_time,
            digest_time,
        } = more;
        self.stored += stored;
        self.already_stored += already_stored;
        self.stories_created += stories_created;
        self.wire_copies += wire_copies;
        self.errors.extend(errors);
        self.skipped.extend(skipped);
        self.place_time += place_time;
        self.commit_time += commit_time;
        self.digest_time += digest_time;
    }
}

/// The ingest pipeline over a store.
pub struct Engine<S: Store> {
    store: S,
    options: Options,
    /// Restored from the store when first needed: listing, briefs and
    /// `recluster` never need them, and a large store's take seconds and
    /// gigabytes to restore.
    indexes: Option<Indexes>,
    /// Fusions of recently refreshed stories, for their digests.
    pub(crate) fusions: crate::digests::Fusions,
    /// Articles a long ingest call stores between two refreshes of digests
    /// (see [`crate::digests::DIGESTS_EVERY`]).
    pub(crate) digests_every: usize,
}

/// The in-memory state of the online decisions, restored from the store.
struct Indexes {
    clusterer: Clusterer,
    copies: LshIndex<ArticleId>,
    /// Story and wire group of every indexed article.
    placement: HashMap<ArticleId, (StoryId, ArticleId)>,
    stories: HashMap<StoryId, StoryMeta>,
}

impl Indexes {
    fn restore<S: Store>(store: &S, options: &Options) -> Result<Self> {
        // Placements go straight into the indexes, which make room for all
        // of them at once: not into a list first, and no index copied as it
        // grows. The room left for a quarter more keeps the articles of
        // this run from copying it at once (room never used takes no memory).
        // The latest arrival number is at least the number of articles, and
        // is read from an index where counting them would read one whole.
        let articles = usize::try_from(store.last_seq()?).unwrap_or(0);
        let mut copies = LshIndex::new();
        copies.reserve(articles + articles / 4);
        let mut placement = HashMap::with_capacity(articles);
        let snapshot = store.read_index(&mut |(id, story, group, sig)| {
            placement.insert(id.clone(), (story, group.unwrap_or_else(|| id.clone())));
            copies.insert(id, sig);
            Ok(())
        })?;
        // Each profile is parsed as the clusterer takes it in, so that the
        // parsed profiles of a large store are never all held at once.
        let mut stories = HashMap::with_capacity(snapshot.stories.len());
        let mut unreadable = None;
        let profiles = snapshot.stories.into_iter().map_while(|record| {
            match serde_json::from_slice::<Profile>(&record.profile) {
                Ok(profile) => {
                    let meta = StoryMeta {
                        title: record.title,
                        title_derived: record.title_derived,
                        first: record.first_published,
                        last: record.last_published,
                    };
                    stories.insert(record.id, meta);
                    Some((record.id, profile))
                }
                Err(e) => {
                    unreadable = Some(e);
                    None
                }
            }
        });
        let mut clusterer =
            Clusterer::restore(options.cluster.clone(), profiles, snapshot.term_df, snapshot.doc_count);
        if let Some(e) = unreadable {
            return Err(e.into());
        }
        clusterer.issued_up_to(store.stories_issued()?);
        Ok(Indexes { clusterer, copies, placement, stories })
    }

    /// Decides the wire group and story of a new article and updates the indexes.
    fn place(&mut self, p: Prepared, report: &mut IngestReport) -> StoredArticle {
        let Prepared { mut article, extraction, signature, features } = p;
        let observed = self.clusterer.observe(&features);
        // A copy joins the story of its original, unless the dates put that
        // story out of reach: then it is a new report that reuses the text.
        let (clusterer, copies) = (&self.clusterer, &self.copies);
        let in_reach = |found: Found<ArticleId>| {
            found.hits.into_iter().find_map(|(other, _)| {
                self.placement
                    .get(&other)
                    .filter(|(story, _)| clusterer.in_time_reach(*story, &observed))
                    .cloned()
            })
        };
        // The newest copies of a text are enough unless all of them are out
        // of reach (a text reused months apart, ingested out of date order):
        // then the whole chains are read. An article with no copy among the
        // newest does not read further, so a long chain it merely touches
        // stays bounded.
        let first = copies.search(&signature, COPY_THRESHOLD, MAX_CHAIN);
        let read_all = first.cut && !first.hits.is_empty();
        let copy_of = in_reach(first).or_else(|| {
            read_all.then(|| in_reach(copies.search(&signature, COPY_THRESHOLD, usize::MAX))).flatten()
        });
        let (story, group) = match copy_of {
            Some((story, group)) => {
                self.clusterer.join(story, &observed);
                report.wire_copies += 1;
                (story, group)
            }
            None => {
                let story = match self.clusterer.best(&observed) {
                    Some((story, _)) => story,
                    None => {
                        report.stories_created += 1;
                        self.clusterer.next_story_id()
                    }
                };
                self.clusterer.join(story, &observed);
                (story, article.id.clone())
            }
        };
        article.story = Some(story);
        article.wire_group = Some(group.clone());
        self.placement.insert(article.id.clone(), (story, group));
        self.copies.insert(article.id.clone(), signature.clone());
        let derived = stand_in_title(&article);
        let meta = self.stories.entry(story).or_insert_with(|| StoryMeta {
            title: article.title.clone(),
            title_derived: derived,
            first: None,
            last: None,
        });
        offer_title(&mut meta.title, &mut meta.title_derived, &article.title, derived);
        if let Some(date) = &article.published {
            if meta.first.as_ref().is_none_or(|f| date < f) {
                meta.first = Some(date.clone());
            }
            if meta.last.as_ref().is_none_or(|l| date > l) {
                meta.last = Some(date.clone());
            }
        }
        StoredArticle { article, extraction, signature }
    }
}

impl<S: Store> Engine<S> {
    /// Opens the engine over a store. Its indexes are restored from the
    /// store when the first article is placed.
    pub fn open(store: S, options: Options) -> Result<Self> {
        let digests_every = crate::digests::DIGESTS_EVERY;
        Ok(Engine { store, options, indexes: None, fusions: Default::default(), digests_every })
    }

    /// Forgets the indexes and kept fusions, after the store changed under
    /// them; the indexes are restored again when next needed.
    pub(crate) fn forget_indexes(&mut self) {
        self.indexes = None;
        self.fusions.clear();
    }

    /// Restores the indexes now, if they are not yet, so that the first
    /// article placed does not wait for them (a server does this as it
    /// starts).
    pub fn restore_indexes(&mut self) -> Result<()> {
        self.indexes().map(|_| ())
    }

    /// The indexes, restored from the store if they are not yet.
    fn indexes(&mut self) -> Result<&mut Indexes> {
        if self.indexes.is_none() {
            let indexes = Indexes::restore(&self.store, &self.options)?;
            // A store that never had a story: every row it will hold follows
            // this program's rules (see `recluster`).
            let rules = crate::recluster::STORY_RULES;
            if self.store.stories_issued()? == 0 && self.store.story_rules()? < rules {
                self.store.set_story_rules(rules)?;
            }
            self.indexes = Some(indexes);
        }
        Ok(self.indexes.as_mut().expect("restored above"))
    }

    pub(crate) fn cluster_config(&self) -> &Config {
        &self.options.cluster
    }

    pub(crate) fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn into_store(self) -> S {
        self.store
    }

    /// Reads, prepares and stores everything under `paths`.
    pub fn ingest_paths(
        &mut self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        // Web archives are streamed record by record, never loaded whole.
        let (files, archives) = discover_inputs(paths, &mut report.errors, &mut report.skipped);
        let mut state = Progress { files_total: files.len() + archives.len(), ..Progress::default() };
        progress(state);
        let options = self.options.clone();
        let chunks = chunks(&files);
        let mut digested_at = 0;
        std::thread::scope(|scope| -> Result<()> {
            // Chunks are read and prepared ahead, while earlier ones are
            // placed and committed, which is sequential. A commit that merges
            // the full-text index can take seconds; the readers go on filling
            // the queue meanwhile rather than wait for it, so both cores keep
            // working.
            let (send, ready) = std::sync::mpsc::sync_channel(CHUNKS_QUEUED);
            let reader = scope.spawn(move || {
                for chunk in &chunks {
                    // A closed queue means placing stopped on an error.
                    if send.send((chunk.len(), read_chunk(chunk, &options))).is_err() {
                        break;
                    }
                }
            });
            for (files, (prepared, errors)) in ready {
                report.errors.extend(errors);
                self.store_prepared(prepared, &mut report)?;
                self.digest_when_due(&mut report, &mut digested_at)?;
                state.files_done += files;
                self.update(&mut state, &report);
                progress(state);
            }
            reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok(())
        })?;
        for archive in &archives {
            self.ingest_warc(archive, &mut report)?;
            self.digest_when_due(&mut report, &mut digested_at)?;
            state.files_done += 1;
            self.update(&mut state, &report);
            progress(state);
        }
        self.finish(&mut report)?;
        Ok(report)
    }

    /// Brings `state` up to date with `report` and the indexes.
    fn update(&self, state: &mut Progress, report: &IngestReport) {
        state.stored = report.stored;
        state.place_time = report.place_time;
        state.commit_time = report.commit_time;
        state.work = self.work();
    }

    /// The work of the sequential stage since the indexes were last restored
    /// (when the first article was placed, or after `recluster`).
    pub fn work(&self) -> PlaceWork {
        let Some(indexes) = &self.indexes else {
            return PlaceWork::default();
        };
        let clustering = indexes.clusterer.work();
        PlaceWork {
            signatures_compared: indexes.copies.compared(),
            postings_read: clustering.postings_read,
            stories_scored: clustering.stories_scored,
        }
    }

    /// Streams a WARC file's records and stores their articles batch by batch.
    fn ingest_warc(&mut self, path: &std::path::Path, report: &mut IngestReport) -> Result<()> {
        let options = self.options.clone();
        let mut drafts = Vec::new();
        let mut failed = None;
        corroborate_ingest::read_warc(path, |record| {
            if failed.is_some() {
                return;
            }
            match record {
                Ok(d) => drafts.push(d),
                Err(e) => report.errors.push(e),
            }
            if drafts.len() >= ARTICLES_PER_BATCH {
                let prepared = prepare_all(std::mem::take(&mut drafts), &options, report);
                if let Err(e) = self.store_prepared(prepared, report) {
                    failed = Some(e);
                }
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        let prepared = prepare_all(drafts, &options, report);
        self.store_prepared(prepared, report)
    }

    /// Stores the articles of one in-memory document (for standard input, the API, benchmarks).
    pub fn ingest_document(&mut self, doc: &RawDocument) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        let prepared = sorted_out(read_and_prepare(doc, &self.options), &mut report.errors);
        self.store_prepared(prepared, &mut report)?;
        self.finish(&mut report)?;
        Ok(report)
    }

    /// Prepares drafts in parallel and stores them.
    pub fn ingest_drafts(&mut self, drafts: Vec<Draft>) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        let prepared = prepare_all(drafts, &self.options, &mut report);
        self.store_prepared(prepared, &mut report)?;
        self.finish(&mut report)?;
        Ok(report)
    }

    /// Refreshes digests once a long call has stored
    /// [`Engine::digests_every`] articles since it last did.
    fn digest_when_due(&mut self, report: &mut IngestReport, digested_at: &mut usize) -> Result<()> {
        if report.stored >= digested_at.saturating_add(self.digests_every) {
            self.finish(report)?;
            *digested_at = report.stored;
        }
        Ok(())
    }

    /// Ends an ingest call, or a stretch of a long one: the stories it
    /// changed get their digests.
    fn finish(&mut self, report: &mut IngestReport) -> Result<()> {
        let started = std::time::Instant::now();
        self.refresh_digests()?;
        report.digest_time += started.elapsed();
        Ok(())
    }

    /// Assigns prepared articles in order and commits them batch by batch.
    /// When that fails, the indexes are forgotten: they may hold placements
    /// that were never committed, and are restored from the store when next
    /// needed.
    pub(crate) fn store_prepared(
        &mut self,
        prepared: Vec<Prepared>,
        report: &mut IngestReport,
    ) -> Result<()> {
        let stored = self.place_and_commit(prepared, report);
        if stored.is_err() {
            self.forget_indexes();
        }
        stored
    }

    fn place_and_commit(&mut self, prepared: Vec<Prepared>, report: &mut IngestReport) -> Result<()> {
        let mut batch_seen: HashSet<ArticleId> = HashSet::new();
        let mut batch = Batch::default();
        for p in prepared {
            let id = p.article.id.clone();
            // The indexes are restored only for an article to place: a run
            // that finds every article stored already reads no story.
            let placed = self.indexes.as_ref().is_some_and(|i| i.placement.contains_key(&id));
            if placed || batch_seen.contains(&id) || self.store.contains(&id)? {
                report.already_stored += 1;
                continue;
            }
            batch_seen.insert(id.clone());
            let started = crate::clock::thread_time();
            let stored = self.indexes()?.place(p, report);
            report.place_time += crate::clock::thread_time().saturating_sub(started);
            batch.articles.push(stored);
            if batch.articles.len() >= ARTICLES_PER_BATCH {
                self.commit(&mut batch, report)?;
            }
        }
        self.commit(&mut batch, report)
    }

    fn commit(&mut self, batch: &mut Batch, report: &mut IngestReport) -> Result<()> {
        if batch.articles.is_empty() {
            return Ok(());
        }
        let indexes = self.indexes()?;
        let changes = indexes.clusterer.take_changes();
        batch.stories = changes
            .stories
            .into_iter()
            .map(|(id, profile)| {
                let meta = &indexes.stories[&id];
                Ok(StoryRecord {
                    id,
                    title: meta.title.clone(),
                    title_derived: meta.title_derived,
                    first_published: meta.first.clone(),
                    last_published: meta.last.clone(),
                    profile: serde_json::to_vec(&profile)?,
                })
            })
            .collect::<Result<_>>()?;
        batch.term_df = changes.term_df;
        batch.doc_count = changes.doc_count;
        let started = crate::clock::thread_time();
        self.store.commit(batch)?;
        report.commit_time += crate::clock::thread_time().saturating_sub(started);
        report.stored += batch.articles.len();
        *batch = Batch::default();
        Ok(())
    }

    /// Summaries of all stories, in order of id.
    pub fn summaries(&self) -> Result<Vec<StorySummary>> {
        self.summaries_where(&StoryQuery::default())
    }

    /// Summaries of the stories a query's filters let through (its paging and
    /// order aside), in order of id.
    ///
    /// A story's line comes from its stored digest; only a story whose digest
    /// is not current (an ingest that stopped before refreshing it, or
    /// digests made by other rules of fusion) has its articles read.
    pub fn summaries_where(&self, query: &StoryQuery) -> Result<Vec<StorySummary>> {
        let every = StoryQuery { offset: 0, limit: u64::MAX, ..query.clone() };
        let mut listed = self.store.story_page(&every)?.items;
        if !self.digests_follow_the_rules()? {
            listed.iter_mut().for_each(|l| l.digest_current = false);
        }
        listed.sort_unstable_by_key(|l| l.id);
        listed
            .into_iter()
            .map(|mut listing| match listing.digest.take().filter(|_| listing.digest_current) {
                Some(digest) => Ok(StorySummary {
                    id: listing.id,
                    title: listing.title,
                    articles: listing.articles as usize,
                    independent_outlets: digest.independent_outlets as usize,
                    outlets: digest.outlets,
                    first_published: listing.first_published,
                    last_published: listing.last_published,
                }),
                None => {
                    let filter = ArticleFilter { story: Some(listing.id), ..ArticleFilter::default() };
                    Ok(summary(&listing, &self.store.articles(&filter)?))
                }
            })
            .collect()
    }

    /// The brief of one story.
    pub fn brief(&self, story: StoryId) -> Result<Option<Brief>> {
        let Some(record) = self.store.story(story)? else {
            return Ok(None);
        };
        let articles = self.store.story_articles(story)?;
        Ok(Some(corroborate_fuse::brief(record.id, &record.title, &articles)))
    }
}

/// Whether a file is a web archive (`.warc`, `.warc.gz`), by name.
pub(crate) fn is_warc(path: &std::path::Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Splits files into consecutive chunks bounded by count and total size.
fn chunks(files: &[PathBuf]) -> Vec<&[PathBuf]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, f) in files.iter().enumerate() {
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        if i > start && (i - start == FILES_PER_CHUNK || bytes + size > BYTES_PER_CHUNK) {
            out.push(&files[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

pub(crate) fn read_and_prepare(
    doc: &RawDocument,
    options: &Options,
) -> Vec<std::result::Result<Prepared, IngestError>> {
    corroborate_ingest::read(doc)
        .into_par_iter()
        .map(|r| r.and_then(|d| prepare_checked(d, options)))
        .collect()
}

/// Drafts prepared in parallel, in order; those too long for one article go to the report's errors.
fn prepare_all(drafts: Vec<Draft>, options: &Options, report: &mut IngestReport) -> Vec<Prepared> {
    let results: Vec<_> = drafts.into_par_iter().map(|d| prepare_checked(d, options)).collect();
    sorted_out(results, &mut report.errors)
}

/// The articles among `results`, in order; the errors go to `errors`.
fn sorted_out(
    results: impl IntoIterator<Item = std::result::Result<Prepared, IngestError>>,
    errors: &mut Vec<IngestError>,
) -> Vec<Prepared> {
    let mut prepared = Vec::new();
    for r in results {
        match r {
            Ok(p) => prepared.push(p),
            Err(e) => errors.push(e),
        }
    }
    prepared
}

/// The articles of files read and prepared in parallel, and what could not be read.
fn read_chunk(chunk: &[PathBuf], options: &Options) -> (Vec<Prepared>, Vec<IngestError>) {
    let results: Vec<Vec<std::result::Result<Prepared, IngestError>>> = chunk
        .par_iter()
        .map(|path| match corroborate_ingest::load(path) {
            Ok(doc) => read_and_prepare(&doc, options),
            Err(e) => vec![Err(e)],
        })
        .collect();
    let mut errors = Vec::new();
    let prepared = sorted_out(results.into_iter().flatten(), &mut errors);
    (prepared, errors)
}

/// [`prepare_with`] for a draft whose body is within
/// [`corroborate_ingest::MAX_ARTICLE_BYTES`];
/// the error names the draft's origin.
pub fn prepare_checked(draft: Draft, options: &Options) -> std::result::Result<Prepared, IngestError> {
    if let Some(reason) = corroborate_ingest::article_too_long(draft.body.len()) {
        return Err(IngestError::new(draft.origin, reason));
    }
    Ok(prepare_with(draft, options))
}

/// Gives the draft's outlets their one name each (the built-in table, with
/// the user's names if any), then prepares.
pub fn prepare_with(mut draft: Draft, options: &Options) -> Prepared {
    match &options.outlets {
        Some(outlets) => outlets.apply_to(&mut draft),
        None => corroborate_ingest::Outlets::default().apply_to(&mut draft),
    }
    prepare(draft)
}

/// The listing line of a story, from its articles.
fn summary(record: &StoryListing, articles: &[Article]) -> StorySummary {
    StorySummary {
        id: record.id,
        title: record.title.clone(),
        articles: articles.len(),
        independent_outlets: independent_sources(articles).len(),
        outlets: outlets(articles),
        first_published: record.first_published.clone(),
        last_published: record.last_published.clone(),
    }
}

/// The outlets that published the articles, sorted, without repeats.
pub(crate) fn outlets<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Vec<String> {
    let mut outlets: Vec<String> = articles.into_iter().filter_map(|a| a.outlet.clone()).collect();
    outlets.sort();
    outlets.dedup();
    outlets
}

/// The files under `paths`, split into ordinary files and web archives (which
/// are read record by record); what cannot be found goes to `errors`, and
/// files of folders that hold no articles to `skipped`.
pub(crate) fn discover_inputs(
    paths: &[PathBuf],
    errors: &mut Vec<IngestError>,
    skipped: &mut Vec<PathBuf>,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let found = corroborate_ingest::discover(paths);
    skipped.extend(found.skipped);
    let mut files = Vec::new();
    for found in found.files {
        match found {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    let (archives, files): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| is_warc(f));
    (files, archives)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Redraw;
    use corroborate_store::{ArticleFilter, SqliteStore};

    const RELEASE: &str = "The Bank of Marenia kept its key interest rate at 4.25 percent on Thursday, \
        saying inflation was easing but remained above its target. Governor Alma Reyes said the board \
        would watch wage growth and energy prices closely before its next meeting.";

    fn draft(n: usize, outlet: &str, published: &str) -> Draft {
        Draft {
            origin: format!("feed/{n}.json"),
            title: Some("Bank of Marenia holds key rate at 4.25%".into()),
            body: RELEASE.into(),
            outlet: Some(outlet.into()),
            published: Some(published.into()),
            ..Draft::default()
        }
    }

    #[test]
    fn the_indexes_are_restored_when_an_article_is_first_placed() {
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        engine.ingest_drafts(vec![draft(1, "Marenia Wire", "2026-02-26")]).unwrap();
        let story = engine.summaries().unwrap()[0].id;
        let mut store = engine.into_store();
        let record = store.story(story).unwrap().unwrap();
        let broken = StoryRecord { profile: b"not a profile".to_vec(), ..record };
        store.commit(&Batch { stories: vec![broken], doc_count: 1, ..Batch::default() }).unwrap();

        // Reading never touches the indexes, so a profile that cannot be
        // decoded does not stop it; placing an article restores them and fails.
        let mut engine = Engine::open(store, Options::default()).unwrap();
        assert!(engine.brief(story).unwrap().is_some());
        assert_eq!(engine.summaries().unwrap().len(), 1);
        // Nor does ingesting again what is stored: nothing is placed.
        let again = engine.ingest_drafts(vec![draft(1, "Marenia Wire", "2026-02-26")]).unwrap();
        assert_eq!((again.stored, again.already_stored), (0, 1));
        let restoring = engine.restore_indexes();
        assert!(matches!(restoring, Err(crate::EngineError::Profile(_))), "{restoring:?}");
        let placing = engine.ingest_drafts(vec![draft(2, "Harbor Times", "2026-02-27")]);
        assert!(matches!(placing, Err(crate::EngineError::Profile(_))), "{placing:?}");
        assert_eq!(engine.store().article_count().unwrap(), 1, "nothing stored");
    }

    #[test]
    fn a_story_titled_by_a_first_sentence_takes_the_first_headline_that_joins_it() {
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        let untitled = Draft { title: None, ..draft(1, "Marenia Wire", "2026-02-26") };
        engine.ingest_drafts(vec![untitled]).unwrap();
        let first = engine.summaries().unwrap()[0].title.clone();
        assert!(RELEASE.starts_with(first.trim_end_matches('…')), "{first}");
        let titled = [draft(2, "Harbor Times", "2026-02-26"), draft(3, "Valley Ledger", "2026-02-26")];
        engine
            .ingest_drafts(vec![Draft { title: Some("Rate held at 4.25%".into()), ..titled[0].clone() }])
            .unwrap();
        engine.ingest_drafts(vec![titled[1].clone()]).unwrap();
        let listed = engine.summaries().unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].title, "Rate held at 4.25%");
        let report = engine.recluster(Redraw::All, true).unwrap();
        assert_eq!(report.stories_after, 1, "{report:?}");
        assert_eq!(engine.summaries().unwrap()[0].title, "Rate held at 4.25%");
    }

    /// A roundup that reports the rate decision among other news opens the
    /// story; the first report of the decision's own gives it its title.
    #[test]
    fn a_roundups_headline_gives_way_to_the_first_report_of_the_event() {
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        let roundup = Draft {
            title: Some("Five things to know this morning".into()),
            ..draft(1, "Morning Digest", "2026-02-26")
        };
        engine.ingest_drafts(vec![roundup]).unwrap();
        assert_eq!(engine.summaries().unwrap()[0].title, "Five things to know this morning");
        let report =
            Draft { title: Some("Rate held at 4.25%".into()), ..draft(2, "Harbor Times", "2026-02-26") };
        engine.ingest_drafts(vec![report, draft(3, "Valley Ledger", "2026-02-26")]).unwrap();
        let listed = engine.summaries().unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].title, "Rate held at 4.25%");
    }

    #[test]
    fn a_title_derived_in_one_run_gives_way_to_a_headline_in_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("runs.db");
        let open = || Engine::open(SqliteStore::open(&path).unwrap(), Options::default()).unwrap();
        let untitled = Draft { title: None, ..draft(1, "Marenia Wire", "2026-02-26") };
        open().ingest_drafts(vec![untitled]).unwrap();
        let mut engine = open();
        let derived = engine.summaries().unwrap()[0].title.clone();
        assert!(RELEASE.starts_with(derived.trim_end_matches('…')), "{derived}");
        let titled =
            Draft { title: Some("Rate held at 4.25%".into()), ..draft(2, "Harbor Times", "2026-02-26") };
        engine.ingest_drafts(vec![titled]).unwrap();
        drop(engine);
        let engine = open();
        let listed = engine.summaries().unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].title, "Rate held at 4.25%");
        // Once it has a headline, a later untitled report changes nothing.
        let mut engine = open();
        engine.ingest_drafts(vec![Draft { title: None, ..draft(3, "Valley Ledger", "2026-02-26") }]).unwrap();
        assert_eq!(engine.summaries().unwrap()[0].title, "Rate held at 4.25%");
    }

    #[test]
    fn summaries_come_from_current_digests_and_from_the_articles_of_stale_ones() {
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        engine
            .ingest_drafts(vec![
                draft(1, "Marenia Wire", "2026-02-26"),
                draft(2, "Harbor Times", "2026-02-26"),
            ])
            .unwrap();
        let from_articles = |engine: &Engine<SqliteStore>| -> Vec<StorySummary> {
            let every = StoryQuery { limit: 100, ..StoryQuery::default() };
            let mut listed = engine.store().story_page(&every).unwrap().items;
            listed.sort_unstable_by_key(|l| l.id);
            let articles = |id| engine.store().story_articles(id).unwrap().into_iter().map(|(a, _)| a);
            listed.iter().map(|l| summary(l, &articles(l.id).collect::<Vec<_>>())).collect()
        };
        let listed = engine.summaries().unwrap();
        assert_eq!(listed, from_articles(&engine));
        assert_eq!((listed[0].articles, listed[0].independent_outlets, listed[0].outlets.len()), (2, 1, 2));

        // A third outlet's copy stored without the digests refreshed.
        let mut report = IngestReport::default();
        let prepared =
            prepare_all(vec![draft(3, "Valley Ledger", "2026-02-27")], &engine.options.clone(), &mut report);
        engine.store_prepared(prepared, &mut report).unwrap();
        let stale = engine.store().story_page(&StoryQuery { limit: 10, ..StoryQuery::default() }).unwrap();
        assert!(!stale.items[0].digest_current);
        let listed = engine.summaries().unwrap();
        assert_eq!(listed, from_articles(&engine));
        assert_eq!((listed[0].articles, listed[0].outlets.len()), (3, 3));
    }

    #[test]
    fn a_copy_joins_its_original_unless_its_date_is_out_of_reach() {
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        let report = engine
            .ingest_drafts(vec![
                draft(1, "Marenia Wire", "2026-02-26"),
                draft(2, "Harbor Times", "2026-02-27"),
                // The same release word for word, eight months later: the
                // bank's next decision, not a copy of the February report.
                draft(3, "Valley Ledger", "2026-10-29"),
            ])
            .unwrap();
        assert_eq!((report.stored, report.wire_copies, report.stories_created), (3, 1, 2));
        let articles = engine.store().articles(&ArticleFilter::default()).unwrap();
        let by_outlet = |o: &str| articles.iter().find(|a| a.outlet.as_deref() == Some(o)).unwrap();
        let (feb, copy, oct) =
            (by_outlet("Marenia Wire"), by_outlet("Harbor Times"), by_outlet("Valley Ledger"));
        assert_eq!((copy.story, copy.wire_group.as_ref()), (feb.story, Some(&feb.id)));
        assert_ne!(oct.story, feb.story);
        assert_eq!(oct.wire_group.as_ref(), Some(&oct.id), "a group of its own");
        // The same text three times: the second is compared with the first, the third with both.
        assert_eq!(engine.work().signatures_compared, 3);
    }

    #[test]
    fn a_run_split_over_two_engines_places_every_article_as_one_run_does() {
        const FERRY: &str = "The Skerra ferry returned to service on Friday after a week in dry dock, \
            the island's council said. Repairs to the hull cost 2.1 million marens, and crossings \
            will run every two hours until the summer timetable begins in May.";
        let ferry = |n: usize, outlet: &str, published: &str, body: &str| Draft {
            title: Some("Skerra ferry back in service after repairs".into()),
            body: body.into(),
            ..draft(n, outlet, published)
        };
        let drafts = || {
            vec![
                draft(1, "Marenia Wire", "2026-02-26"),
                ferry(2, "Harbor Times", "2026-02-26", FERRY),
                draft(3, "Valley Ledger", "2026-02-27"),
                // Read after the indexes are restored: a copy of an article
                // of the first run, the bank's next decision, and a report of
                // the ferry's return with an added line.
                ferry(4, "Coast Post", "2026-02-27", FERRY),
                draft(5, "Port Gazette", "2026-10-29"),
                ferry(6, "Island Voice", "2026-02-27", &format!("{FERRY} Passengers welcomed the news.")),
            ]
        };
        let placements = |engine: &Engine<SqliteStore>| -> Vec<_> {
            let articles = engine.store().articles(&ArticleFilter::default()).unwrap();
            articles.into_iter().map(|a| (a.origin, a.story, a.wire_group)).collect()
        };

        let mut whole = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        whole.ingest_drafts(drafts()).unwrap();
        let mut split = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        let mut later = drafts();
        let first = later.drain(..3).collect();
        split.ingest_drafts(first).unwrap();
        let mut split = Engine::open(split.into_store(), Options::default()).unwrap();
        let report = split.ingest_drafts(later).unwrap();

        assert_eq!(placements(&split), placements(&whole));
        assert_eq!((report.stored, report.stories_created), (3, 1), "{report:?}");
        assert!(report.wire_copies >= 1, "{report:?}");
        let stories: HashSet<_> = placements(&split).into_iter().map(|(_, story, _)| story).collect();
        assert_eq!(stories.len(), 3, "{:?}", placements(&split));
    }

    /// Files enough for several chunks, one in each chunk unreadable (binary).
    fn harbor_files(dir: &std::path::Path) -> (usize, Vec<String>) {
        let count = FILES_PER_CHUNK * (CHUNKS_QUEUED + 2) + 7;
        let mut bad = Vec::new();
        for n in 0..count {
            let path = dir.join(format!("{n:04}.txt"));
            if n % FILES_PER_CHUNK == 5 {
                std::fs::write(&path, [0xff, 0x00, 0xfe, 0x00, 0x01]).unwrap();
                bad.push(path.display().to_string());
            } else {
                let text = format!(
                    "Report {n} from the harbor\n\nDock {n} reopened after the storm, officials said."
                );
                std::fs::write(path, text).unwrap();
            }
        }
        (count, bad)
    }

    fn stored_origins<S: Store>(engine: &Engine<S>) -> Vec<String> {
        engine.store().articles(&ArticleFilter::default()).unwrap().into_iter().map(|a| a.origin).collect()
    }

    #[test]
    fn files_read_ahead_are_stored_in_path_order_with_their_errors() {
        // More chunks than the queue holds, so later chunks are read while
        // earlier ones are placed.
        let dir = tempfile::tempdir().unwrap();
        let (count, bad) = harbor_files(dir.path());
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        let mut seen = Vec::new();
        let report = engine.ingest_paths(&[dir.path().to_path_buf()], &mut |p| seen.push(p)).unwrap();
        assert_eq!(report.stored, count - bad.len());
        let failed: Vec<&str> = report.errors.iter().map(|e| e.origin.as_str()).collect();
        assert_eq!(failed, bad, "each unreadable file named, in path order");
        let origins = stored_origins(&engine);
        let mut sorted = origins.clone();
        sorted.sort();
        assert_eq!(origins, sorted, "stored in the order of their paths");
        assert_eq!(origins.len(), count - bad.len());
        // One report per chunk, each after its chunk was stored.
        let done: Vec<(usize, usize)> = seen.iter().map(|p| (p.files_done, p.stored)).collect();
        let chunk = |n: usize| (n * FILES_PER_CHUNK).min(count);
        let expected: Vec<(usize, usize)> =
            (0..=count.div_ceil(FILES_PER_CHUNK)).map(|n| (chunk(n), chunk(n) - n.min(bad.len()))).collect();
        assert_eq!(done, expected);
    }

    /// A long call makes digests as it goes, so another reader of the store
    /// finds the stories current during the run, not only at its end.
    #[test]
    fn a_long_ingest_makes_digests_as_it_goes() {
        let stale_seen = |every: usize| {
            let dir = tempfile::tempdir().unwrap();
            let input = dir.path().join("input");
            std::fs::create_dir(&input).unwrap();
            harbor_files(&input);
            let db = dir.path().join("store.db");
            let mut engine = Engine::open(SqliteStore::open(&db).unwrap(), Options::default()).unwrap();
            engine.digests_every = every;
            let reader = SqliteStore::open(&db).unwrap();
            let mut stale = Vec::new();
            engine
                .ingest_paths(&[input], &mut |p| {
                    if p.stored > 0 {
                        stale.push(reader.stale_digests().unwrap().len());
                    }
                })
                .unwrap();
            assert!(engine.store().stale_digests().unwrap().is_empty(), "all current at the end");
            stale
        };
        let as_it_goes = stale_seen(1);
        assert!(as_it_goes.len() > 1 && as_it_goes.iter().all(|&n| n == 0), "{as_it_goes:?}");
        let at_the_end = stale_seen(usize::MAX);
        assert!(at_the_end.len() > 1 && at_the_end.iter().all(|&n| n > 0), "{at_the_end:?}");
    }

    #[test]
    fn a_failed_commit_stops_the_readers_and_keeps_what_was_stored() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("input");
        std::fs::create_dir(&input).unwrap();
        let (_, bad) = harbor_files(&input);
        let db = dir.path().join("store.db");
        let store = SqliteStore::open(&db).unwrap();
        // The store refuses one article of the third chunk, as a full disk would.
        let failing = 2 * FILES_PER_CHUNK + 40;
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch(&format!(
                "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.title = 'Report {failing} from the harbor' \
                 BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;"
            ))
            .unwrap();
        let mut engine = Engine::open(store, Options::default()).unwrap();
        let err = engine.ingest_paths(std::slice::from_ref(&input), &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("the disk is full"), "{err}");
        // The first two chunks were committed, each in its own transaction.
        let origins = stored_origins(&engine);
        assert_eq!(origins.len(), 2 * FILES_PER_CHUNK - 2);
        assert!(origins.iter().all(|o| o.as_str() < bad[2].as_str()), "nothing of the third chunk");
    }

    #[test]
    fn a_copy_finds_its_original_behind_more_than_a_chain_of_later_reuses() {
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        // The February report, then the same words reused in October by more
        // outlets than a lookup reads from a chain, then a February copy
        // that arrives late (an archive ingested out of date order).
        let mut drafts = vec![draft(0, "Marenia Wire", "2026-02-26")];
        drafts.extend(
            (1..=corroborate_dedup::MAX_CHAIN + 1).map(|n| draft(n, &format!("Outlet {n}"), "2026-10-29")),
        );
        let late = corroborate_dedup::MAX_CHAIN + 2;
        drafts.push(draft(late, "Valley Ledger", "2026-02-27"));
        let report = engine.ingest_drafts(drafts).unwrap();
        assert_eq!(report.stories_created, 2, "February and October");
        let articles = engine.store().articles(&ArticleFilter::default()).unwrap();
        let by_outlet = |o: &str| articles.iter().find(|a| a.outlet.as_deref() == Some(o)).unwrap();
        let (feb, copy) = (by_outlet("Marenia Wire"), by_outlet("Valley Ledger"));
        assert_eq!((copy.story, copy.wire_group.as_ref()), (feb.story, Some(&feb.id)));
        assert_eq!(report.wire_copies, corroborate_dedup::MAX_CHAIN + 1, "all but the two first reports");
    }

    #[test]
    fn an_article_too_long_to_be_one_is_refused_by_name_and_the_rest_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let sentence = "The harbour board met again to discuss the quay wall and its repair. ";
        let long = sentence.repeat(corroborate_ingest::MAX_ARTICLE_BYTES / sentence.len() + 1);
        std::fs::write(dir.path().join("a-book.txt"), &long).unwrap();
        std::fs::write(dir.path().join("b-report.txt"), sentence.repeat(3)).unwrap();
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        let report = engine.ingest_paths(&[dir.path().to_path_buf()], &mut |_| {}).unwrap();
        assert_eq!(report.stored, 1);
        assert_eq!(report.errors.len(), 1);
        assert!(report.errors[0].origin.ends_with("a-book.txt"), "{:?}", report.errors);
        assert!(report.errors[0].reason.contains("at most 1 MiB"), "{:?}", report.errors);
        // Drafts handed over directly (the API, evaluations) are held to the same limit.
        let draft = |body: &str| Draft { origin: "post".into(), body: body.into(), ..Draft::default() };
        let report = engine.ingest_drafts(vec![draft(&long), draft(&sentence.repeat(4))]).unwrap();
        assert_eq!((report.stored, report.errors.len()), (1, 1));
    }
}
