//! The work queue in PostgreSQL (see `crate::queue`), and the leader's seat.
//!
//! - **Claims** take the oldest claimable rows with `FOR UPDATE SKIP LOCKED`,
//!   so concurrent claimers never wait for each other nor take the same item,
//!   and one statement both picks and leases them.
//! - **Times are the server's** (`clock_timestamp()`): the clocks of the
//!   workers' machines never take part in deciding whether a lease expired.
//! - **Enqueueing is serialised** by a transaction-level advisory lock, so
//!   sequence numbers become visible in the order they were taken: the leader
//!   never sees item 8 and later finds an item 7 behind it.
//! - **Leadership** is a session-level advisory lock held on a connection of
//!   its own (named after the worker in `pg_stat_activity`). The server
//!   releases it when that session ends, whether the process exited, was
//!   killed or lost its network. Every write of the leader goes through that
//!   same connection, so a leader whose session was cut (and whose lock
//!   another worker may now hold) cannot commit anything more.

use std::time::Duration;

use ::postgres::Row;
use corroborate_model::{Article, ArticleId, Draft, Extraction, RawDocument, StoryId};

use super::pool::Conn;
use super::rows::{self, clamp, count};
use super::PostgresStore;
use crate::queue::{Claimed, Lease, QueueCounts, QueueInput, Ready, MAX_ATTEMPTS};
use crate::{
    ArticleFilter, ArticleHead, Batch, IndexSnapshot, Page, Placement, Reassignment, Result, SearchHit,
    Store, StoreError, StoredArticle, StoryDigest, StoryListing, StoryQuery, StoryRecord,
};

/// Version 4: the work queue.
///
/// `input` holds a document's bytes or a draft's JSON until the item is
/// prepared; `prepared` holds the result until it is assigned. Both are
/// cleared as soon as they are no longer needed, so done items cost a few
/// dozen bytes. `lease_owner` keeps the name of the last worker that claimed
/// the item. `queue_pending` indexes only the items not done: what claims and
/// the leader scan stays small however long the history.
pub(crate) const V4: &str = "
CREATE SEQUENCE queue_leases;
CREATE TABLE queue (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('document', 'draft')),
    input BYTEA,
    charset TEXT,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'claimed', 'prepared', 'done')),
    lease_owner TEXT,
    lease_token BIGINT,
    lease_until TIMESTAMPTZ,
    attempts INTEGER NOT NULL DEFAULT 0,
    prepared BYTEA,
    failure TEXT,
    enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at TIMESTAMPTZ
);
CREATE INDEX queue_pending ON queue (seq) WHERE state <> 'done';
";

/// Key of the advisory lock that serialises enqueueing ("corrqueu").
const ENQUEUE_LOCK: i64 = 0x636f_7272_7175_6575;
/// Key of the advisory lock held by the leader ("corrlead").
const LEADER_LOCK: i64 = 0x636f_7272_6c65_6164;

/// Takes up to `$1` items for owner `$2` for `$3` seconds: queued ones, and
/// claimed ones whose lease expired, oldest first.
const CLAIM: &str = "
WITH picked AS (
    SELECT seq FROM queue
    WHERE state = 'queued' OR (state = 'claimed' AND lease_until < clock_timestamp())
    ORDER BY seq LIMIT $1
    FOR UPDATE SKIP LOCKED
)
UPDATE queue q SET state = 'claimed', lease_owner = $2, lease_token = nextval('queue_leases'),
    lease_until = clock_timestamp() + make_interval(secs => $3), attempts = q.attempts + 1
FROM picked WHERE q.seq = picked.seq
RETURNING q.seq, q.lease_token, q.kind, q.origin, q.input, q.charset";

/// Gives up items whose every claim so far ended without a result.
const ABANDON: &str = "
UPDATE queue SET state = 'prepared', failure = $1, input = NULL, lease_token = NULL, lease_until = NULL
WHERE seq IN (
    SELECT seq FROM queue
    WHERE state = 'claimed' AND lease_until < clock_timestamp() AND attempts >= $2
    FOR UPDATE SKIP LOCKED
)";

impl PostgresStore {
    /// Appends inputs to the queue, in order, in one transaction.
    pub fn enqueue(&self, inputs: &[QueueInput]) -> Result<()> {
        let encoded = inputs.iter().map(encode_input).collect::<Result<Vec<_>>>()?;
        self.pool.with(|conn| {
            let insert =
                conn.prepare("INSERT INTO queue (origin, kind, input, charset) VALUES ($1, $2, $3, $4)")?;
            let mut tx = conn.client.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&ENQUEUE_LOCK])?;
            for (origin, kind, input, charset) in &encoded {
                tx.execute(&insert, &[origin, kind, input, charset])?;
            }
            tx.commit()?;
            Ok(())
        })
    }

    /// Claims up to `limit` items for `owner` (a name for people to read)
    /// for the duration of `lease`, oldest first. Items claimed
    /// [`MAX_ATTEMPTS`] times without a result are given up on the way.
    pub fn claim(&self, owner: &str, lease: Duration, limit: usize) -> Result<Vec<Claimed>> {
        let given_up = format!(
            "given up after {MAX_ATTEMPTS} attempts: every worker that took it stopped before preparing it"
        );
        let secs = lease.as_secs_f64();
        let mut claimed: Vec<Claimed> = self.pool.with(|conn| {
            let abandon = conn.prepare(ABANDON)?;
            conn.client.execute(&abandon, &[&given_up, &MAX_ATTEMPTS])?;
            let claim = conn.prepare(CLAIM)?;
            conn.client
                .query(&claim, &[&clamp(limit as u64), &owner, &secs])?
                .iter()
                .map(read_claimed)
                .collect()
        })?;
        claimed.sort_by_key(|c| c.lease.seq);
        Ok(claimed)
    }

    /// Stores the prepared result of a claimed item. Returns `false`, storing
    /// nothing, when the lease expired or the item was claimed again since.
    pub fn complete(&self, lease: Lease, prepared: &[u8]) -> Result<bool> {
        self.pool.with(|conn| {
            let stmt = conn.prepare(
                "UPDATE queue SET state = 'prepared', prepared = $3, input = NULL,
                     lease_token = NULL, lease_until = NULL
                 WHERE seq = $1 AND lease_token = $2 AND state = 'claimed'
                     AND lease_until >= clock_timestamp()",
            )?;
            Ok(conn.client.execute(&stmt, &[&clamp(lease.seq), &lease.token, &prepared])? == 1)
        })
    }

    /// Extends the leases that are still held (unexpired, not claimed again
    /// since) to `lease` from now; returns how many were.
    pub fn renew(&self, leases: &[Lease], lease: Duration) -> Result<u64> {
        let seqs: Vec<i64> = leases.iter().map(|l| clamp(l.seq)).collect();
        let tokens: Vec<i64> = leases.iter().map(|l| l.token).collect();
        let secs = lease.as_secs_f64();
        self.pool.with(|conn| {
            let stmt = conn.prepare(
                "UPDATE queue q SET lease_until = clock_timestamp() + make_interval(secs => $3)
                 FROM unnest($1::bigint[], $2::bigint[]) AS held (seq, token)
                 WHERE q.seq = held.seq AND q.lease_token = held.token AND q.state = 'claimed'
                     AND q.lease_until >= clock_timestamp()",
            )?;
            Ok(conn.client.execute(&stmt, &[&seqs, &tokens, &secs])?)
        })
    }

    /// How many items are in each state.
    pub fn queue_counts(&self) -> Result<QueueCounts> {
        self.pool.with(|conn| {
            let stmt = conn.prepare("SELECT state, count(*) FROM queue GROUP BY state")?;
            let mut counts = QueueCounts::default();
            for row in conn.client.query(&stmt, &[])? {
                let n = count(&row, 1)?;
                match row.try_get::<_, &str>(0)? {
                    "queued" => counts.queued = n,
                    "claimed" => counts.claimed = n,
                    "prepared" => counts.prepared = n,
                    _ => counts.done = n,
                }
            }
            Ok(counts)
        })
    }

    /// Becomes the leader if no other session is: `None` when another holds
    /// the seat. `name` labels the seat's session in `pg_stat_activity`.
    pub fn try_lead(&self, name: &str) -> Result<Option<Leader>> {
        let mut conn = self.pool.connect()?;
        conn.client.execute("SELECT set_config('application_name', $1, false)", &[&name])?;
        let held: bool = conn.client.query_one("SELECT pg_try_advisory_lock($1)", &[&LEADER_LOCK])?.get(0);
        Ok(held.then(|| Leader { store: self.clone(), seat: conn }))
    }
}

fn encode_input(input: &QueueInput) -> Result<(&str, &'static str, Vec<u8>, Option<&str>)> {
    Ok(match input {
        QueueInput::Document(doc) => {
            (doc.origin.as_str(), "document", doc.bytes.clone(), doc.declared_charset.as_deref())
        }
        QueueInput::Draft(draft) => (draft.origin.as_str(), "draft", serde_json::to_vec(draft)?, None),
    })
}

fn read_claimed(row: &Row) -> Result<Claimed> {
    let lease = Lease { seq: count(row, 0)?, token: row.try_get(1)? };
    let origin: String = row.try_get(3)?;
    let Some(bytes) = row.try_get::<_, Option<Vec<u8>>>(4)? else {
        return Err(StoreError::Corrupt(format!("queued item {} ({origin}) has no input", lease.seq)));
    };
    let input = match row.try_get::<_, &str>(2)? {
        "draft" => QueueInput::Draft(serde_json::from_slice::<Draft>(&bytes)?),
        _ => QueueInput::Document(RawDocument { origin, bytes, declared_charset: row.try_get(5)? }),
    };
    Ok(Claimed { lease, input })
}

/// The one worker that assigns stories, while it holds the seat.
///
/// A [`Store`] whose reads go through the shared pool and whose writes go
/// through the seat's own session: if that session is gone, so is the lock,
/// and the write fails instead of racing the next leader.
pub struct Leader {
    store: PostgresStore,
    seat: Conn,
}

impl Leader {
    /// Up to `limit` prepared items at the head of the queue, in enqueue
    /// order: the run stops before the first item that is not prepared yet.
    pub fn ready(&mut self, limit: usize) -> Result<Vec<Ready>> {
        let stmt = self.seat.prepare(
            "SELECT seq, state, origin, prepared, failure FROM queue WHERE state <> 'done'
             ORDER BY seq LIMIT $1",
        )?;
        let mut ready = Vec::new();
        for row in self.seat.client.query(&stmt, &[&clamp(limit as u64)])? {
            if row.try_get::<_, &str>(1)? != "prepared" {
                break;
            }
            let seq = count(&row, 0)?;
            let prepared = match (row.try_get::<_, Option<Vec<u8>>>(3)?, row.try_get(4)?) {
                (Some(bytes), _) => Ok(bytes),
                (None, Some(failure)) => Err(failure),
                (None, None) => {
                    return Err(StoreError::Corrupt(format!("prepared item {seq} has no result")))
                }
            };
            ready.push(Ready { seq, origin: row.try_get(2)?, prepared });
        }
        Ok(ready)
    }

    /// Marks assigned items done and drops their results.
    pub fn finish(&mut self, seqs: &[u64]) -> Result<()> {
        let stmt = self.seat.prepare(
            "UPDATE queue SET state = 'done', prepared = NULL, done_at = clock_timestamp()
             WHERE seq = ANY($1) AND state = 'prepared'",
        )?;
        let seqs: Vec<i64> = seqs.iter().map(|&s| clamp(s)).collect();
        self.seat.client.execute(&stmt, &[&seqs])?;
        Ok(())
    }
}

impl Store for Leader {
    fn contains(&self, id: &str) -> Result<bool> {
        self.store.contains(id)
    }
    fn commit(&mut self, batch: &Batch) -> Result<()> {
        rows::write_batch(&mut self.seat, batch)
    }
    fn read_index(&self, placement: &mut dyn FnMut(Placement) -> Result<()>) -> Result<IndexSnapshot> {
        self.store.read_index(placement)
    }
    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        self.store.article(id)
    }
    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>> {
        self.store.articles(filter)
    }
    fn story_articles_from(&self, story: StoryId, skip: u64) -> Result<Vec<(Article, Extraction)>> {
        self.store.story_articles_from(story, skip)
    }
    fn story(&self, id: StoryId) -> Result<Option<StoryRecord>> {
        self.store.story(id)
    }
    fn stories(&self) -> Result<Vec<StoryRecord>> {
        self.store.stories()
    }
    fn resolve_article(&self, prefix: &str) -> Result<Option<ArticleId>> {
        self.store.resolve_article(prefix)
    }
    fn article_count(&self) -> Result<u64> {
        self.store.article_count()
    }
    fn story_page(&self, query: &StoryQuery) -> Result<Page<StoryListing>> {
        self.store.story_page(query)
    }
    fn search(&self, text: &str, offset: u64, limit: u64) -> Result<Page<SearchHit>> {
        self.store.search(text, offset, limit)
    }
    fn articles_since(&self, seq: u64, limit: u64) -> Result<Vec<ArticleHead>> {
        self.store.articles_since(seq, limit)
    }
    fn last_seq(&self) -> Result<u64> {
        self.store.last_seq()
    }
    fn stories_issued(&self) -> Result<StoryId> {
        self.store.stories_issued()
    }
    fn reassign(&mut self, plan: &Reassignment) -> Result<()> {
        rows::write_reassignment(&mut self.seat, plan)
    }
    fn story_listing(&self, id: StoryId) -> Result<Option<StoryListing>> {
        self.store.story_listing(id)
    }
    fn stale_digests(&self) -> Result<Vec<StoryId>> {
        self.store.stale_digests()
    }
    fn put_digests(&mut self, digests: &[StoryDigest]) -> Result<()> {
        self.store.put_digests(digests)
    }
    fn digest_rules(&self) -> Result<i64> {
        self.store.digest_rules()
    }
    fn renew_digests(&mut self, rules: i64) -> Result<()> {
        self.store.renew_digests(rules)
    }
    fn story_rules(&self) -> Result<i64> {
        self.store.story_rules()
    }
    fn set_story_rules(&mut self, rules: i64) -> Result<()> {
        self.store.set_story_rules(rules)
    }
}
