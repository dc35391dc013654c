//! The shared work queue: what several ingest workers take their inputs from.
//!
//! Ingest splits in two. Reading, repair, extraction and fingerprints depend
//! on one input alone, so any worker may do them for any input at any time.
//! Wire-copy grouping and story assignment depend on every article before, so
//! they must happen once, in one order. The queue carries an input through
//! both: it is *queued* in enqueue order (its sequence number), *claimed* by
//! one worker under a lease, *prepared* (the worker's result stored with it),
//! and *done* once the single assigning worker (the leader) has stored its
//! articles. The leader only ever takes the contiguous run of prepared items
//! at the head of the queue, so the articles are assigned in enqueue order
//! whatever order the workers finished them in.
//!
//! A lease is a deadline and a token. The holder renews it while it works;
//! an item whose holder died or stalled past the deadline goes back to
//! whoever claims next, and the holder's late result is then refused, because
//! completing (or renewing) requires the token of the current, unexpired
//! lease. The queue stores the prepared result as
//! opaque bytes: its form is the engine's business.

use corroborate_model::{Draft, RawDocument};

/// An input as queued.
#[derive(Clone, Debug)]
pub enum QueueInput {
    /// A document as read from a file: its records are read by the worker.
    Document(RawDocument),
    /// One record already read (from a web archive, which is streamed rather
    /// than queued whole).
    Draft(Draft),
}

impl QueueInput {
    /// Where the input came from.
    pub fn origin(&self) -> &str {
        match self {
            QueueInput::Document(doc) => &doc.origin,
            QueueInput::Draft(draft) => &draft.origin,
        }
    }
}

/// The right to prepare one item: valid until the lease expires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lease {
    /// The item's place in enqueue order.
    pub seq: u64,
    /// Changes with every claim, so only the latest holder can complete it.
    pub token: i64,
}

/// An item claimed by a worker.
#[derive(Clone, Debug)]
pub struct Claimed {
    pub lease: Lease,
    pub input: QueueInput,
}

/// A prepared item at the head of the queue, ready to be assigned.
#[derive(Clone, Debug, PartialEq)]
pub struct Ready {
    pub seq: u64,
    pub origin: String,
    /// The prepared result, or why there is none (the item was given up).
    pub prepared: std::result::Result<Vec<u8>, String>,
}

/// How many items are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueCounts {
    pub queued: u64,
    pub claimed: u64,
    pub prepared: u64,
    pub done: u64,
}

impl QueueCounts {
    /// Items not yet done.
    pub fn pending(&self) -> u64 {
        self.queued + self.claimed + self.prepared
    }
}

/// How many times an item may be claimed before it is given up: an input
/// that kills every worker that reads it must not block the queue forever.
pub const MAX_ATTEMPTS: i32 = 5;
