//! The pipeline: drives each article through the stages and writes each batch
//! in one transaction.
//!
//! The heavy, independent work of an article (reading, repair, sentences,
//! extraction, fingerprints, features) runs in parallel with rayon; the
//! decisions that depend on what came before (wire-copy grouping, story
//! assignment) run in arrival order on one thread, so the result does not
//! depend on the number of threads. Both the command line and the server use
//! this crate, so ingest behaves the same everywhere.

mod clock;
mod digests;
mod pipeline;
mod prepare;
mod recluster;
pub mod worker;

pub use clock::{process_time, thread_time};
pub use pipeline::{prepare_checked, prepare_with, Engine, IngestReport, Options, PlaceWork, Progress};
pub use prepare::{article_id, prepare, Prepared};
pub use recluster::{ReclusterReport, Redraw};

/// Errors of the engine: the store failed. Bad inputs are not errors of the
/// run; they are collected in [`IngestReport::errors`].
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] corroborate_store::StoreError),
    #[error("stored story profile could not be decoded: {0}")]
    Profile(#[from] serde_json::Error),
    #[error("the store changed while recluster read it: {0}")]
    Changed(String),
}

pub type Result<T> = std::result::Result<T, EngineError>;
