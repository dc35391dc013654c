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
//! A pool for a snapshot ([`Pool::snapshot`]) opens each connection inside a
//! read-only transaction at the repeatable-read level, whose snapshot is taken
//! at once: a caller on one thread (a read command) reuses that connection,
//! so every call sees the database as of one commit. A call that fails there
//! drops its connection, whose transaction a failed statement aborted.

use std::collections::HashMap;
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
    /// Each connection reads in a snapshot of its own.
    snapshot: bool,
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
        Pool { config, idle: Mutex::new(Vec::new()), snapshot: false }
    }

    /// A pool whose connections each read in one snapshot, for reads only.
    pub fn snapshot(config: Config) -> Self {
        Pool { snapshot: true, ..Pool::new(config) }
    }

    pub fn connect(&self) -> Result<Conn> {
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
            if broken {
                self.lock().clear();
            } else if self.snapshot && result.is_err() {
                // Its transaction is aborted: the connection is of no more use.
            } else {
                let mut idle = self.lock();
                if idle.len() < KEEP_IDLE {
                    idle.push(conn);
                }
            }
            match result {
                Err(e) if tries < TRIES && (broken || lost_a_race(&e)) => continue,
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
