//! Storage for corroborate behind one [`Store`] trait.
//!
//! [`SqliteStore`] is the embedded default (WAL mode, one transaction per
//! batch, schema version table with migrations); it also opens in memory for
//! tests. [`PostgresStore`] keeps the same data in a PostgreSQL database that
//! several processes on several machines share. [`AnyStore`] opens one or the
//! other from the `--db` value, so the engine and the server need not care.
//!
//! The store keeps articles (keyed by content hash, so re-ingesting adds
//! nothing), their extraction results, stories, and the state of the online
//! indexes (wire-copy signatures, story profiles, document frequencies) so that
//! a later run continues where the last one stopped without recomputing.

use corroborate_model::{Article, ArticleId, Extraction, Span, StoryId};

mod any;
mod digests;
mod lock;
mod migrations;
mod postgres;
mod queue;
mod snippets;
mod sqlite;
pub use any::{is_postgres_url, AnyStore};
pub use lock::{lock_path, waiting_line, WriterLock};
pub use postgres::{Leader, PostgresStore};
pub use queue::{Claimed, Lease, QueueCounts, QueueInput, Ready, MAX_ATTEMPTS};
pub use sqlite::SqliteStore;

pub type Result<T> = std::result::Result<T, StoreError>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database error: {}", postgres::describe(.0))]
    Postgres(#[from] ::postgres::Error),
    #[error("stored data could not be decoded: {0}")]
    Decode(#[from] serde_json::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("{path}: {reason}")]
    Open { path: String, reason: String },
    #[error("database schema version {found} is newer than this program supports ({supported})")]
    TooNew { found: i64, supported: i64 },
    #[error("the connection that held this command's view of the database was lost; run it again")]
    SnapshotLost,
}

/// An article with everything computed for it at ingest.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredArticle {
    pub article: Article,
    pub extraction: Extraction,
    /// MinHash signature used for wire-copy detection.
    pub signature: Vec<u32>,
}

/// A story's row: what the engine maintains as articles join.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryRecord {
    pub id: StoryId,
    pub title: String,
    /// The title only stands in for a headline: it was derived from an
    /// article's text, or it is a roundup's (`10 things to know today`). The
    /// first article that joins with a headline of its own gives it.
    pub title_derived: bool,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// The clustering profile of the story, opaque to the store.
    pub profile: Vec<u8>,
}

/// Everything one ingest batch writes, committed in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    pub articles: Vec<StoredArticle>,
    /// Stories created or changed by the batch (upserted).
    pub stories: Vec<StoryRecord>,
    /// Document frequencies of terms changed by the batch (absolute values, upserted).
    pub term_df: Vec<(String, u32)>,
    /// Total number of documents seen by the clustering index after the batch.
    pub doc_count: u64,
}

/// A new partition of stored articles into stories (see [`Store::reassign`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reassignment {
    /// Articles whose story changes, with their new story.
    pub moves: Vec<(ArticleId, StoryId)>,
    /// Every story that an article joins or leaves and that remains, created
    /// or updated (with its article count and latest arrival counted anew);
    /// a story left without articles is removed, and the others stand.
    pub stories: Vec<StoryRecord>,
}

/// Where one stored article was placed, and its signature: (article, story,
/// wire group, signature).
pub type Placement = (ArticleId, StoryId, Option<ArticleId>, Vec<u32>);

/// The state the online indexes need to resume.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexSnapshot {
    /// Every article's placement, in arrival order.
    pub signatures: Vec<Placement>,
    pub stories: Vec<StoryRecord>,
    pub term_df: Vec<(String, u32)>,
    pub doc_count: u64,
}

/// Which articles to list.
#[derive(Clone, Debug, Default)]
pub struct ArticleFilter {
    pub story: Option<StoryId>,
    /// Only the articles whose arrival number (`ArticleHead::seq`) is within
    /// these bounds, both included: a page of the store, for readers of every
    /// article that cannot hold them all at once.
    pub seqs: Option<(u64, u64)>,
}

/// How a story listing is ordered; ties go to the newer story.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StorySort {
    /// The story whose latest article arrived last comes first.
    #[default]
    Latest,
    /// The story with most articles comes first.
    Size,
}

/// Which stories to list, and which page of them.
#[derive(Clone, Debug, Default)]
pub struct StoryQuery {
    /// Only this story.
    pub story: Option<StoryId>,
    /// Words that some article of the story must contain (full-text search).
    pub text: Option<String>,
    /// An outlet that must have published or be credited with some article
    /// of the story, in any case (`reuters` finds `Reuters`).
    pub outlet: Option<String>,
    /// The language (ISO 639-1 code, as stored) of some article of the story.
    pub language: Option<String>,
    /// `YYYY-MM-DD`: the story's last publication is on or after it.
    pub from: Option<String>,
    /// `YYYY-MM-DD`: the story's first publication is on or before it.
    pub to: Option<String>,
    /// `Some(true)`: only stories whose latest digest counts a dispute;
    /// `Some(false)`: only those whose latest digest counts none.
    pub disputed: Option<bool>,
    pub sort: StorySort,
    pub offset: u64,
    pub limit: u64,
}

/// A story as listed, with the counts the store keeps for it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryListing {
    pub id: StoryId,
    pub title: String,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub articles: u64,
    /// Arrival number of its latest article.
    pub last_seq: u64,
    /// What fusion found at the latest digest of the story (none before the first).
    pub digest: Option<Digest>,
    /// Whether that digest was made from all the story's articles; a story
    /// that just grew shows its previous digest until the ingest refreshes it.
    pub digest_current: bool,
}

/// What the listing of a story shows that only fusion can tell: computed from
/// the story's brief and kept in the store, so that a listing (and its
/// has-disputes filter) reads one row per story instead of every article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Digest {
    /// Independent sources: wire copies count once, credited outlets as the outlet credited.
    pub independent_outlets: u64,
    /// Attributes on which sources disagree.
    pub disputes: u64,
    /// Outlets that published its articles, sorted, without repeats.
    pub outlets: Vec<String>,
}

/// Whether a store's digests were made by the rules of fusion of version
/// `rules`, or it holds no article to digest.
pub fn digests_follow(store: &impl Store, rules: i64) -> Result<bool> {
    Ok(store.digest_rules()? == rules || store.article_count()? == 0)
}

/// A digest with the story and the number of articles it was computed from:
/// it is current while the story still holds that many.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryDigest {
    pub story: StoryId,
    pub articles: u64,
    pub digest: Digest,
}

/// One page of a listing and the number of items on all pages.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub total: u64,
    pub items: Vec<T>,
}

/// What identifies an article in a listing, with its arrival number.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleHead {
    /// Arrival number: increases with every article stored.
    pub seq: u64,
    pub id: ArticleId,
    pub story: StoryId,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

/// A full-text match: the article and a passage of its body around the match.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub article: ArticleHead,
    /// A few words of the title or body around the match.
    pub snippet: String,
    /// The matched words, as byte spans into `snippet`.
    pub highlights: Vec<Span>,
}

/// Calls `each` with the stored articles whose arrival numbers run up to
/// `last`, `page` numbers at a time, in order: for readers of every article,
/// whose bodies need not fit in memory at once.
pub fn articles_in_pages<S: Store + ?Sized, E: From<StoreError>>(
    store: &S,
    page: u64,
    last: u64,
    mut each: impl FnMut(Vec<Article>) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let page = page.max(1);
    for first in (0..=last).step_by(usize::try_from(page).unwrap_or(usize::MAX)) {
        let filter =
            ArticleFilter { seqs: Some((first, first.saturating_add(page - 1))), ..ArticleFilter::default() };
        each(store.articles(&filter)?)?;
    }
    Ok(())
}

/// A storage backend.
pub trait Store {
    /// Whether an article with this id is stored.
    fn contains(&self, id: &str) -> Result<bool>;
    /// Writes a batch atomically: all of it or nothing.
    fn commit(&mut self, batch: &Batch) -> Result<()>;
    /// Reads the state of the online indexes but the articles' placements,
    /// which go to `placement` one at a time, in arrival order (collected,
    /// those of a million articles take some 600 MB). The snapshot returned
    /// has no `signatures`. An error from `placement` ends the reading and
    /// is returned.
    fn read_index(&self, placement: &mut dyn FnMut(Placement) -> Result<()>) -> Result<IndexSnapshot>;
    /// Reads the state of the online indexes, placements collected.
    fn load_index(&self) -> Result<IndexSnapshot> {
        let mut signatures = Vec::new();
        let snapshot = self.read_index(&mut |p| {
            signatures.push(p);
            Ok(())
        })?;
        Ok(IndexSnapshot { signatures, ..snapshot })
    }
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;
    /// Articles in arrival order.
    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>>;
    /// Articles of a story in arrival order, with their extraction results.
    fn story_articles(&self, story: StoryId) -> Result<Vec<(Article, Extraction)>> {
        self.story_articles_from(story, 0)
    }
    /// The articles of a story in arrival order, without the first `skip`:
    /// what joined a story since it was last read.
    fn story_articles_from(&self, story: StoryId, skip: u64) -> Result<Vec<(Article, Extraction)>>;
    fn story(&self, id: StoryId) -> Result<Option<StoryRecord>>;
    /// All stories in order of id.
    fn stories(&self) -> Result<Vec<StoryRecord>>;
    /// Resolves a unique id prefix of at least 4 characters to an article id.
    fn resolve_article(&self, prefix: &str) -> Result<Option<ArticleId>>;
    fn article_count(&self) -> Result<u64>;
    /// A page of stories that have articles, filtered and ordered.
    fn story_page(&self, query: &StoryQuery) -> Result<Page<StoryListing>>;
    /// The listing of one story with articles: its counts without reading them.
    fn story_listing(&self, id: StoryId) -> Result<Option<StoryListing>> {
        Ok(self.story_page(&StoryQuery { story: Some(id), limit: 1, ..StoryQuery::default() })?.items.pop())
    }
    /// Articles whose title or body holds every word of `text`, best match first.
    /// A text without words matches nothing.
    fn search(&self, text: &str, offset: u64, limit: u64) -> Result<Page<SearchHit>>;
    /// Up to `limit` articles that arrived after arrival number `seq`, oldest first.
    fn articles_since(&self, seq: u64, limit: u64) -> Result<Vec<ArticleHead>>;
    /// The arrival number of the latest article (0 when there is none).
    fn last_seq(&self) -> Result<u64>;
    /// The highest story id ever stored, whether or not its story is still
    /// there (a recluster deletes the stories it empties): new stories take
    /// ids above it, so that an id names one story for good.
    fn stories_issued(&self) -> Result<StoryId>;
    /// Applies a full reclustering in one transaction: moves articles to other
    /// stories, upserts the given stories (and recounts them), and deletes
    /// stories left without articles.
    fn reassign(&mut self, plan: &Reassignment) -> Result<()>;
    /// Stories with articles whose digest is missing or older than their
    /// latest articles, in order of id.
    fn stale_digests(&self) -> Result<Vec<StoryId>>;
    /// Stores digests in one transaction. A digest of a story that has gained
    /// articles since stays stale, and a story that no longer exists is skipped.
    fn put_digests(&mut self, digests: &[StoryDigest]) -> Result<()>;
    /// The version of the rules of fusion the stored digests were made by (0
    /// when none is recorded).
    fn digest_rules(&self) -> Result<i64>;
    /// Marks every digest stale and records that digests are made by the
    /// rules of version `rules` from now on, in one transaction.
    fn renew_digests(&mut self, rules: i64) -> Result<()>;
    /// The version of the rules every story row was last written by as a
    /// whole (its profile, title and dates; 0 when none is recorded): a
    /// `recluster` writes every row of a store whose rows older rules made,
    /// and only the rows it changes otherwise.
    fn story_rules(&self) -> Result<i64>;
    /// Records that every story row follows the rules of version `rules`.
    fn set_story_rules(&mut self, rules: i64) -> Result<()>;
}
