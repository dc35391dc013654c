//! Story digests: what a listing shows that only fusion can tell.
//!
//! Counting a story's disputes or its independent outlets means building its
//! brief from every article, far too slow to do per row of a listing and
//! impossible to filter on in SQL. So whoever ingests computes the digest of
//! each changed story once and stores it beside the story's counts, stamped
//! with the number of articles it was computed from. Articles only ever join a
//! story between reclusterings, so a stamp equal to the story's article count
//! means the digest is current; anything else is stale and is recomputed at the
//! end of the ingest that made it so. Until then listings show the last digest,
//! flagged as not current: a story that grows by the minute keeps its outlets
//! and dispute count in the list (and in the has-disputes filter) instead of
//! every reader fusing it again. A reclustering forgets every digest, since
//! they describe stories that no longer hold the same articles; so does a
//! program whose rules of fusion are newer than those the digests were made
//! by (the version of the rules is kept in `meta`).

use crate::Digest;

/// The columns a migration adds to `stories`, the same for both backends:
/// `digest_articles` is -1 until a digest is stored.
pub(crate) const SCHEMA: &str = "
ALTER TABLE stories ADD COLUMN digest_articles BIGINT NOT NULL DEFAULT -1;
ALTER TABLE stories ADD COLUMN independent_outlets BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN disputes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN outlets TEXT NOT NULL DEFAULT '[]';
";

/// The stories whose digest is not current.
pub(crate) const STALE: &str =
    "SELECT id FROM stories WHERE article_count > 0 AND digest_articles <> article_count ORDER BY id";

/// An index of the stories [`STALE`] lists, in order of id, holding those
/// rows only. Without it, every ingest call ends by reading every story row,
/// profile and all: 2.4 s on a store of a million articles when its pages
/// are cached, half a minute when they are not. The condition must stay
/// that of [`STALE`] for either database to use the index.
pub(crate) const STALE_INDEX: &str = "CREATE INDEX stories_stale ON stories (id)
    WHERE article_count > 0 AND digest_articles <> article_count;";

/// Marks every digest stale, when the rules of fusion change.
pub(crate) const FORGET: &str = "UPDATE stories SET digest_articles = -1";

/// Marks stale the digests of the story article `?1` is in and of story
/// `?2`, before the article moves there (SQLite, once per move).
pub(crate) const FORGET_MOVED: &str = "UPDATE stories SET digest_articles = -1
     WHERE id = ?2 OR id = (SELECT story FROM articles WHERE id = ?1)";

/// The same for every move at once: the stories articles `$1` are in and
/// stories `$2` (PostgreSQL, with arrays).
pub(crate) const FORGET_MOVED_ALL: &str = "UPDATE stories SET digest_articles = -1
     WHERE id = ANY($2) OR id IN (SELECT story FROM articles WHERE id = ANY($1))";

/// The version of the rules the stored digests were made by.
pub(crate) const RULES: &str = "SELECT value FROM meta WHERE key = 'digest_rules'";

/// Records the version of the rules digests are made by from now on.
pub(crate) const SET_RULES: &str = "INSERT INTO meta (key, value) VALUES ('digest_rules', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/// The version of the rules every story row was last written by.
pub(crate) const STORY_RULES: &str = "SELECT value FROM meta WHERE key = 'story_rules'";

/// Records the version of the rules every story row follows.
pub(crate) const SET_STORY_RULES: &str = "INSERT INTO meta (key, value) VALUES ('story_rules', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value";

/// The listing columns that read a digest, in this order, after the counts.
pub(crate) const COLUMNS: &str = "digest_articles, independent_outlets, disputes, outlets";

/// The filter of stories whose latest digest counts disputes (`true`) or
/// none (`false`); a story without a digest is neither.
pub(crate) fn disputed_filter(disputed: bool) -> &'static str {
    if disputed {
        " AND disputes > 0 AND digest_articles >= 0"
    } else {
        " AND disputes = 0 AND digest_articles >= 0"
    }
}

/// Stores one digest, stamped with the article count it was computed from.
pub(crate) const PUT: &str =
    "UPDATE stories SET digest_articles = ?, independent_outlets = ?, disputes = ?, outlets = ? WHERE id = ?";

/// The digest of a listing row from its columns: `None` when none was stored
/// since the story was made or reclustered, otherwise the latest one with the
/// number of articles it was made from.
pub(crate) fn read(
    made_from: i64,
    independent: i64,
    disputes: i64,
    outlets: &str,
) -> crate::Result<Option<(u64, Digest)>> {
    if made_from < 0 {
        return Ok(None);
    }
    Ok(Some((
        made_from as u64,
        Digest {
            independent_outlets: independent.max(0) as u64,
            disputes: disputes.max(0) as u64,
            outlets: serde_json::from_str(outlets)?,
        },
    )))
}

/// Fills a listing's digest from its columns.
pub(crate) fn fill(
    listing: crate::StoryListing,
    made_from: i64,
    independent: i64,
    disputes: i64,
    outlets: &str,
) -> crate::Result<crate::StoryListing> {
    Ok(match read(made_from, independent, disputes, outlets)? {
        Some((n, digest)) => {
            crate::StoryListing { digest_current: n == listing.articles, digest: Some(digest), ..listing }
        }
        None => listing,
    })
}
