//! Ingest spread over many processes that share one PostgreSQL store.
//!
//! The split follows the pipeline's own: the work of one input alone (read,
//! repair, extract, fingerprint: [`prepare`](crate::prepare)) is done by
//! whichever worker claims the input from the queue, all of them in parallel;
//! the decisions that depend on every earlier article (wire copies, stories)
//! are made by one worker at a time, the leader, which takes the prepared
//! inputs strictly in enqueue order and places them with the same code as a
//! single `ingest`. So the stories are those one process would have made from
//! the same inputs in the same order, however many workers prepared them.
//!
//! A worker becomes leader by taking the store's leader seat (a session-level
//! lock, freed by the server when the leader's session ends, killed or not)
//! and then restores the indexes from the store when it first places an
//! article, as any engine does: the store holds everything earlier leaders
//! committed. Whenever the leader has emptied the ready head of the queue, it
//! refreshes the digests of the stories that changed, as an `ingest` call does
//! at its end (and once on taking the seat, for a leader that died before
//! doing so). While it leads it keeps
//! the seat; it prepares too, so one worker alone does everything. Articles
//! are committed before their items are marked done; a leader that dies in
//! between leaves items that the next leader places again, and since an
//! article's id is its content hash, the stored ones are skipped.
//!
//! Every failure of the store (a restart, a cut connection) ends the round,
//! not the worker: the worker drops the seat and its indexes, which may hold
//! placements that were never committed, waits, and tries again. It gives up
//! only when the store stays unusable for [`GIVE_UP_AFTER`].

use crate::pipeline::{discover_inputs, prepare_checked, read_and_prepare};
use crate::{Engine, EngineError, IngestReport, Options, Prepared, Result};
use corroborate_cluster::Features;
use corroborate_ingest::IngestError;
use corroborate_model::{Article, Extraction};
use corroborate_store::{Claimed, Leader, Lease, PostgresStore, QueueInput, StoreError};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Items claimed at once per thread of the worker: enough to keep every core
/// busy, few enough that the last items of a queue are shared out evenly.
const CLAIM_PER_THREAD: usize = 4;
/// Most items the leader assigns between two commits.
const ASSIGN_BATCH: usize = 256;
/// Most inputs queued in one transaction.
const ENQUEUE_BATCH: usize = 256;
/// Most bytes of input queued in one transaction (a larger file goes alone).
const ENQUEUE_BYTES: usize = 16 << 20;
/// Pause between two looks at a queue that had nothing to do.
const IDLE_PAUSE: Duration = Duration::from_millis(200);
/// Pause between two attempts at a store that failed.
const RETRY_PAUSE: Duration = Duration::from_secs(1);
/// How often a worker that is not the leader tries the seat.
const SEAT_RETRY: Duration = Duration::from_secs(1);
/// How long the store may fail without a break before the worker gives up.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(120);

/// How a worker behaves.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// The worker's name in the queue and in the server's session list.
    pub name: String,
    /// How long a claimed item stays this worker's.
    pub lease: Duration,
    /// Return once no item is left to do, instead of waiting for more.
    pub exit_when_empty: bool,
}

/// Something a worker did that its operator may want to see.
#[derive(Debug)]
pub enum Event<'a> {
    /// The worker took the leader seat.
    Leading,
    /// A prepared item was refused: its lease expired before it was stored.
    LeaseLost { seq: u64, origin: &'a str },
    /// An input or record could not be read.
    Input(&'a IngestError),
    /// The store failed; the worker will try again.
    Retrying(&'a EngineError),
}

/// What a worker did.
#[derive(Debug, Default)]
pub struct WorkerReport {
    /// Items this worker prepared and stored the result of.
    pub prepared: usize,
    /// Items whose result was refused because their lease had expired.
    pub leases_lost: usize,
    /// What this worker stored while it led.
    pub ingest: IngestReport,
}

/// One worker over a shared store.
pub struct Worker {
    store: PostgresStore,
    options: Options,
    config: WorkerConfig,
    /// The engine over the leader seat, while this worker holds it.
    leading: Option<Engine<Leader>>,
    seat_tried: Option<Instant>,
}

impl Worker {
    pub fn new(store: PostgresStore, options: Options, config: WorkerConfig) -> Self {
        Worker { store, options, config, leading: None, seat_tried: None }
    }

    /// Works until the queue is empty (with `exit_when_empty`) or the store
    /// stays unusable for [`GIVE_UP_AFTER`].
    pub fn run(&mut self, on_event: &mut dyn FnMut(Event)) -> Result<WorkerReport> {
        let mut report = WorkerReport::default();
        let mut failing_since = None;
        loop {
            let round = self.round(&mut report, on_event).and_then(|busy| {
                let done = !busy && self.config.exit_when_empty && self.store.queue_counts()?.pending() == 0;
                Ok((busy, done))
            });
            match round {
                Ok((_, true)) => return Ok(report),
                Ok((busy, false)) => {
                    failing_since = None;
                    if !busy {
                        std::thread::sleep(IDLE_PAUSE);
                    }
                }
                Err(e) => {
                    // The indexes may hold placements that were never committed.
                    self.leading = None;
                    if failing_since.get_or_insert_with(Instant::now).elapsed() > GIVE_UP_AFTER {
                        return Err(e);
                    }
                    on_event(Event::Retrying(&e));
                    std::thread::sleep(RETRY_PAUSE);
                }
            }
        }
    }

    /// Tries the seat, prepares one claim, assigns what is ready; returns
    /// whether there was anything to do.
    fn round(&mut self, report: &mut WorkerReport, on_event: &mut dyn FnMut(Event)) -> Result<bool> {
        if self.leading.is_none() && self.seat_tried.is_none_or(|t| t.elapsed() >= SEAT_RETRY) {
            self.seat_tried = Some(Instant::now());
            if let Some(seat) = self.store.try_lead(&self.config.name)? {
                let mut engine = Engine::open(seat, self.options.clone())?;
                // Digests a dead leader left stale.
                engine.refresh_digests()?;
                self.leading = Some(engine);
                on_event(Event::Leading);
            }
        }
        let limit = CLAIM_PER_THREAD * rayon::current_num_threads();
        let claimed = self.store.claim(&self.config.name, self.config.lease, limit)?;
        let busy = !claimed.is_empty();
        self.prepare(claimed, report, on_event)?;
        Ok(self.assign(report, on_event)? || busy)
    }

    /// Prepares claimed items in parallel and stores their results, renewing
    /// their leases meanwhile: a lease lapses when its worker stalls or dies,
    /// not because an input is slow to prepare.
    fn prepare(
        &self,
        claimed: Vec<Claimed>,
        report: &mut WorkerReport,
        on_event: &mut dyn FnMut(Event),
    ) -> Result<()> {
        if claimed.is_empty() {
            return Ok(());
        }
        let leases: Vec<Lease> = claimed.iter().map(|c| c.lease).collect();
        let options = &self.options;
        let (done, stop) = mpsc::channel::<()>();
        let results: Vec<_> = std::thread::scope(|scope| {
            let (store, lease, leases) = (&self.store, self.config.lease, &leases);
            scope.spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stop.recv_timeout(lease / 3) {
                    // A failed renewal is not fatal: the lease may still hold
                    // when the result is stored, and if not, the result is refused.
                    let _ = store.renew(leases, lease);
                }
            });
            let results = claimed
                .into_par_iter()
                .map(|c| {
                    let origin = c.input.origin().to_string();
                    (c.lease, origin, serde_json::to_vec(&PreparedItem::from_input(c.input, options)))
                })
                .collect();
            drop(done);
            results
        });
        for (lease, origin, encoded) in results {
            let encoded = encoded.map_err(|e| EngineError::Store(StoreError::Decode(e)))?;
            if self.store.complete(lease, &encoded)? {
                report.prepared += 1;
            } else {
                report.leases_lost += 1;
                on_event(Event::LeaseLost { seq: lease.seq, origin: &origin });
            }
        }
        Ok(())
    }

    /// While leading: places the prepared head of the queue in order,
    /// commits, and marks it done. Returns whether anything was placed.
    fn assign(&mut self, report: &mut WorkerReport, on_event: &mut dyn FnMut(Event)) -> Result<bool> {
        let Some(engine) = self.leading.as_mut() else { return Ok(false) };
        let mut any = false;
        loop {
            let ready = engine.store_mut().ready(ASSIGN_BATCH)?;
            if ready.is_empty() {
                if any {
                    engine.refresh_digests()?;
                }
                return Ok(any);
            }
            any = true;
            let mut prepared = Vec::new();
            let mut seqs = Vec::with_capacity(ready.len());
            for item in ready {
                seqs.push(item.seq);
                let mut errors = Vec::new();
                match item.prepared {
                    Ok(bytes) => {
                        let decoded: PreparedItem = serde_json::from_slice(&bytes)
                            .map_err(|e| EngineError::Store(StoreError::Decode(e)))?;
                        prepared.extend(decoded.articles.into_iter().map(Prepared::from));
                        errors
                            .extend(decoded.errors.into_iter().map(|e| IngestError::new(e.origin, e.reason)));
                    }
                    Err(failure) => errors.push(IngestError::new(item.origin, failure)),
                }
                for e in errors {
                    on_event(Event::Input(&e));
                    report.ingest.errors.push(e);
                }
            }
            engine.store_prepared(prepared, &mut report.ingest)?;
            engine.store_mut().finish(&seqs)?;
        }
    }
}

/// What was queued.
#[derive(Debug, Default)]
pub struct EnqueueReport {
    /// Inputs queued: files, and records of web archives.
    pub queued: usize,
    /// Inputs that could not be read, each naming its origin and reason.
    pub errors: Vec<IngestError>,
    /// Files in the folders given of a kind that holds no articles, not queued.
    pub skipped: Vec<PathBuf>,
}

/// Queues everything under `paths` in the order `ingest` would read it:
/// files in the order found, then the records of each web archive (which are
/// queued one by one, never loaded whole).
pub fn enqueue_paths(store: &PostgresStore, paths: &[PathBuf]) -> Result<EnqueueReport> {
    let mut report = EnqueueReport::default();
    let (files, archives) = discover_inputs(paths, &mut report.errors, &mut report.skipped);
    let mut pending = Pending::default();
    for file in &files {
        match corroborate_ingest::load(file) {
            Ok(doc) => pending.push(store, QueueInput::Document(doc), &mut report)?,
            Err(e) => report.errors.push(e),
        }
    }
    for archive in &archives {
        let mut failed = None;
        corroborate_ingest::read_warc(archive, |record| match record {
            Ok(draft) if failed.is_none() => {
                if let Err(e) = pending.push(store, QueueInput::Draft(draft), &mut report) {
                    failed = Some(e);
                }
            }
            Ok(_) => {}
            Err(e) => report.errors.push(e),
        });
        if let Some(e) = failed {
            return Err(e);
        }
    }
    pending.flush(store, &mut report)?;
    Ok(report)
}

/// Inputs waiting to be queued together.
#[derive(Default)]
struct Pending {
    inputs: Vec<QueueInput>,
    bytes: usize,
}

impl Pending {
    fn push(&mut self, store: &PostgresStore, input: QueueInput, report: &mut EnqueueReport) -> Result<()> {
        let size = match &input {
            QueueInput::Document(doc) => doc.bytes.len(),
            QueueInput::Draft(draft) => draft.body.len(),
        };
        if !self.inputs.is_empty() && self.bytes + size > ENQUEUE_BYTES {
            self.flush(store, report)?;
        }
        self.inputs.push(input);
        self.bytes += size;
        if self.inputs.len() >= ENQUEUE_BATCH {
            self.flush(store, report)?;
        }
        Ok(())
    }

    fn flush(&mut self, store: &PostgresStore, report: &mut EnqueueReport) -> Result<()> {
        if !self.inputs.is_empty() {
            store.enqueue(&self.inputs)?;
            report.queued += self.inputs.len();
            self.inputs.clear();
            self.bytes = 0;
        }
        Ok(())
    }
}

/// The prepared result of one queued input, as stored in the queue.
#[derive(Serialize, Deserialize)]
struct PreparedItem {
    articles: Vec<PreparedArticle>,
    errors: Vec<InputError>,
}

#[derive(Serialize, Deserialize)]
struct InputError {
    origin: String,
    reason: String,
}

/// A [`Prepared`] in a stored form. Term weights travel as their bits, so the
/// leader scores with exactly the weights the preparing worker computed.
#[derive(Serialize, Deserialize)]
struct PreparedArticle {
    article: Article,
    extraction: Extraction,
    signature: Vec<u32>,
    terms: Vec<(String, u32)>,
    day: Option<i32>,
    month_day: Option<(u32, u32)>,
}

impl PreparedItem {
    fn from_input(input: QueueInput, options: &Options) -> Self {
        let results = match input {
            QueueInput::Document(doc) => read_and_prepare(&doc, options),
            QueueInput::Draft(draft) => vec![prepare_checked(draft, options)],
        };
        let mut item = PreparedItem { articles: Vec::new(), errors: Vec::new() };
        for r in results {
            match r {
                Ok(p) => item.articles.push(PreparedArticle::from(p)),
                Err(e) => item.errors.push(InputError { origin: e.origin, reason: e.reason }),
            }
        }
        item
    }
}

impl From<Prepared> for PreparedArticle {
    fn from(p: Prepared) -> Self {
        let Features { terms, day, month_day } = p.features;
        PreparedArticle {
            article: p.article,
            extraction: p.extraction,
            signature: p.signature,
            terms: terms.into_iter().map(|(t, w)| (t, w.to_bits())).collect(),
            day,
            month_day,
        }
    }
}

impl From<PreparedArticle> for Prepared {
    fn from(p: PreparedArticle) -> Self {
        let terms = p.terms.into_iter().map(|(t, w)| (t, f32::from_bits(w))).collect();
        Prepared {
            article: p.article,
            extraction: p.extraction,
            signature: p.signature,
            features: Features { terms, day: p.day, month_day: p.month_day },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::prepare_with;
    use corroborate_model::Draft;

    #[test]
    fn a_prepared_article_reads_back_exactly() {
        let draft = Draft {
            origin: "feeds/quay.json".into(),
            title: Some("Quay wall repaired after storm".into()),
            outlet: Some("Harbor Times".into()),
            published: Some("2024-03-11".into()),
            body: "PORT CALEN, March 11 — Mayor Ines Darrow said the quay “will reopen Friday”. \
                   Crews worked through the night, the harbour master said."
                .into(),
            ..Draft::default()
        };
        let original = prepare_with(draft, &Options::default());
        let item = PreparedItem { articles: vec![PreparedArticle::from(original.clone())], errors: vec![] };
        let bytes = serde_json::to_vec(&item).unwrap();
        let mut back: PreparedItem = serde_json::from_slice(&bytes).unwrap();
        let back = Prepared::from(back.articles.remove(0));
        assert_eq!(back.article, original.article);
        assert_eq!(back.extraction, original.extraction);
        assert_eq!(back.signature, original.signature);
        assert_eq!(back.features, original.features);
        assert!(!original.features.terms.is_empty());
    }

    #[test]
    fn an_unreadable_document_prepares_into_its_errors() {
        let doc = corroborate_model::RawDocument {
            origin: "feeds/broken.json".into(),
            bytes: b"{\"title\": ".to_vec(),
            declared_charset: None,
        };
        let item = PreparedItem::from_input(QueueInput::Document(doc), &Options::default());
        assert!(item.articles.is_empty());
        assert_eq!(item.errors.len(), 1);
        assert_eq!(item.errors[0].origin, "feeds/broken.json");
    }
}
