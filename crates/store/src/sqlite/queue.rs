//! The work queue's table in SQLite.
//!
//! The queue exists so that workers on several machines can share one
//! PostgreSQL store (see `crate::queue`); a SQLite file is one machine's, and
//! `corroborate ingest` already uses every core of it. The table is still
//! created, column for column, so that a schema version means the same tables
//! in both backends. Times are Unix milliseconds.

/// Version 4: the work queue.
pub(crate) const V4: &str = "
CREATE TABLE queue (
    seq INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('document', 'draft')),
    input BLOB,
    charset TEXT,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'claimed', 'prepared', 'done')),
    lease_owner TEXT,
    lease_token INTEGER,
    lease_until INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    prepared BLOB,
    failure TEXT,
    enqueued_at INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
    done_at INTEGER
);
CREATE INDEX queue_pending ON queue (seq) WHERE state <> 'done';
";
