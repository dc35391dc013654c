//! A small pool of connections, kept by hand.
//!
//! The store answers reads through `&self` from any number of threads (the
//! HTTP server's handlers), so each call borrows a connection for its duration
//! and gives it back. A connection that broke (the server restarted, a network
//! blip, the backend was terminated) is never handed out again: the call that
//! saw it break drops every idle connection, which were most likely cut by the
//! same event, and is tried again on a fresh one. Every call of the store
//! can be repeated safely — reads trivially, and a batch because its writes are
//! idempotent (articles are skipped by id, everything else is an upsert of
//! absolute values) and all-or-nothing.
//!
//! Nothing bounds how many connections are open at once: that is the number of
//! concurrent calls, which the caller bounds (the server's worker threads).
//! Only [`KEEP_IDLE`] of them are kept between calls.
//!
//! A pool for a snapshot ([`Pool::snapshot`]) holds one connection, inside a
//! read-only transaction at the repeatable-read level whose snapshot is taken
//! at once: every call of its caller (a read command, on one thread) sees the
//! database as of one commit. Its calls are not tried again, and once that
//! connection is gone (broken, or dropped after a failed call, whose
//! statement aborted the transaction) every later call fails with
//! [`StoreError::SnapshotLost`] rather than read a later commit on another.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use ::postgres::error::SqlState;
use ::postgres::{Client, Config, NoTls, Statement};

use crate::{Result, StoreError};

/// How many idle connections are kept for reuse.
const KEEP_IDLE: usize = 8;
/// How many times one call is tried in all.
const TRIES: u32 = 4;
/// How long a connection that just failed a call may take to show it is alive.
const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

pub(super) struct Pool {
    config: Config,
    idle: Mutex<Vec<Conn>>,
    /// The pool holds one connection, reading in one snapshot.
    snapshot: bool,
    /// That connection was made (and may since be gone).
    connected: AtomicBool,
}

/// A connection with the statements prepared on it, by SQL text.
pub(super) struct Conn {
    pub client: Client,
    statements: HashMap<String, Statement>,
}

impl Conn {
    /// The statement for `sql`, prepared once per connection.
    pub fn prepare(&mut self, sql: &str) -> Result<Statement> {
        if let Some(stmt) = self.statements.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.client.prepare(sql)?;
        self.statements.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }
}

impl Pool {
    pub fn new(config: Config) -> Self {
        Pool { config, idle: Mutex::new(Vec::new()), snapshot: false, connected: AtomicBool::new(false) }
    }

    /// A pool of one connection reading in one snapshot, for reads only, on
    /// the same database as this one. The snapshot is taken now.
    pub fn snapshot(&self) -> Result<Self> {
        let pool = Pool { snapshot: true, ..Pool::new(self.config.clone()) };
        pool.with(|_| Ok(()))?;
        Ok(pool)
    }

    pub fn connect(&self) -> Result<Conn> {
        if self.snapshot && self.connected.swap(true, Ordering::SeqCst) {
            return Err(StoreError::SnapshotLost);
        }
        let mut client = self.config.connect(NoTls)?;
        if self.snapshot {
            // A repeatable-read transaction takes its snapshot at its first query.
            client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1")?;
        }
        Ok(Conn { client, statements: HashMap::new() })
    }

    /// Runs `f` on a pooled connection. A call that failed because its
    /// connection broke is tried again on a fresh connection; one that lost a
    /// deadlock (two writers touching the same rows in crossed order) is tried
    /// again after the winner went ahead.
    pub fn with<T>(&self, mut f: impl FnMut(&mut Conn) -> Result<T>) -> Result<T> {
        let mut tries = 0;
        loop {
            tries += 1;
            let mut conn = match self.lock().pop() {
                Some(conn) => conn,
                None => self.connect()?,
            };
            let result = f(&mut conn);
            let broken = result.is_err() && conn.client.is_valid(CHECK_TIMEOUT).is_err();
            // A failed call aborted a snapshot's transaction: its connection
            // is of no more use.
            if broken {
                self.lock().clear();
            } else if result.is_ok() || !self.snapshot {
                let mut idle = self.lock();
                if idle.len() < KEEP_IDLE {
                    idle.push(conn);
                }
            }
            match result {
                Err(_) if self.snapshot && broken => return Err(StoreError::SnapshotLost),
                Err(e) if !self.snapshot && tries < TRIES && (broken || lost_a_race(&e)) => continue,
                other => return other,
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Conn>> {
        // A panic while holding the lock leaves a plain list behind: still valid.
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whether `e` says the transaction was chosen to give way to another one.
fn lost_a_race(e: &StoreError) -> bool {
    let StoreError::Postgres(e) = e else { return false };
    matches!(e.code(), Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE)
}
