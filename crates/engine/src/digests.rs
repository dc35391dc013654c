//! Keeping the stored story digests current (see `corroborate_store::Digest`).
//!
//! A digest comes from the story's brief, so it costs a fusion pass. It is
//! refreshed at the end of an ingest call for every story that call changed,
//! never per batch, so a story that gains a thousand articles in one run is
//! fused once; a long call also refreshes them every [`DIGESTS_EVERY`]
//! articles it stores.
//!
//! Stories that keep growing over many ingest calls (a stream of posts, a
//! feed polled every few minutes) are fused incrementally: the engine keeps
//! the [`StoryFusion`] of recently refreshed stories, reads only the articles
//! that joined since, and adds them. The kept fusions are bounded by their
//! number of articles; the least recently refreshed go first.

use std::collections::HashMap;

use crate::{Engine, Result};
use corroborate_fuse::StoryFusion;
use corroborate_model::{Article, Extraction, StoryId};
use corroborate_store::{Digest, Store, StoryDigest};
use rayon::prelude::*;

/// Articles a long ingest call stores between two refreshes of its stories'
/// digests. A backlog of a million articles then has its digests made as it
/// goes, not all at its end: listings read during the run find most stories
/// current, and each story is read back while its articles are among the
/// pages last written, still in memory, rather than from a store that may have
/// outgrown the memory by then. A story that grows across a refresh is
/// fused again, from its kept fusion if it is still kept.
pub(crate) const DIGESTS_EVERY: usize = 50_000;
/// Stories fused in parallel between two writes.
const STORIES_PER_WRITE: usize = 64;
/// Most articles held by kept fusions (some 20 KB each with their text, extraction
/// and aligned sentences).
const KEPT_ARTICLES: usize = 5_000;

/// A story to fuse: its fusion so far and the articles to add.
type Gathered = (StoryId, (StoryFusion, Vec<(Article, Extraction)>));

/// Fusions of recently refreshed stories.
#[derive(Default)]
pub(crate) struct Fusions {
    /// Story -> (refresh at which it was last used, its fusion).
    kept: HashMap<StoryId, (u64, StoryFusion)>,
    articles: usize,
    refreshes: u64,
}

impl Fusions {
    fn take(&mut self, story: StoryId) -> Option<StoryFusion> {
        let (_, fusion) = self.kept.remove(&story)?;
        self.articles -= fusion.articles().len();
        Some(fusion)
    }

    fn keep(&mut self, story: StoryId, fusion: StoryFusion) {
        self.articles += fusion.articles().len();
        self.kept.insert(story, (self.refreshes, fusion));
        if self.articles > KEPT_ARTICLES {
            let mut by_age: Vec<(u64, StoryId)> = self.kept.iter().map(|(&id, (at, _))| (*at, id)).collect();
            by_age.sort_unstable();
            for (_, id) in by_age {
                if self.articles <= KEPT_ARTICLES / 2 {
                    break;
                }
                self.take(id);
            }
        }
    }

    /// Forgets every fusion: stories were re-formed.
    pub(crate) fn clear(&mut self) {
        *self = Fusions::default();
    }
}

impl<S: Store> Engine<S> {
    /// Whether the stored digests were made by this program's rules of
    /// fusion (or there is nothing to digest yet): if not, their counts of
    /// disputes and of independent sources may differ from the briefs' until
    /// the next ingest or `recluster`.
    pub fn digests_follow_the_rules(&self) -> Result<bool> {
        Ok(corroborate_store::digests_follow(self.store(), corroborate_fuse::RULES)?)
    }

    /// Recomputes every stale story digest; returns how many were stored.
    ///
    /// Reading a story's articles from the store is sequential; fusing them
    /// is not. The stories of the next chunk are read while those of this
    /// one are fused.
    ///
    /// Digests made by older rules of fusion than this program's are all
    /// made again first. A store whose digests a newer program made keeps
    /// its version.
    pub fn refresh_digests(&mut self) -> Result<usize> {
        if self.store().digest_rules()? < corroborate_fuse::RULES {
            self.store_mut().renew_digests(corroborate_fuse::RULES)?;
        }
        let stale = self.store().stale_digests()?;
        self.fusions.refreshes += 1;
        let chunks: Vec<&[StoryId]> = stale.chunks(STORIES_PER_WRITE).collect();
        let mut ready = match chunks.first() {
            Some(chunk) => Some(self.gather(chunk)?),
            None => None,
        };
        for i in 0..chunks.len() {
            let mut work = ready.take().unwrap_or_default();
            let (fused, next) = std::thread::scope(|scope| {
                let fusing = scope.spawn(move || {
                    let digests: Vec<StoryDigest> = work
                        .par_iter_mut()
                        .map(|(id, (fusion, joined))| {
                            for (article, extraction) in joined.drain(..) {
                                fusion.add(article, extraction);
                            }
                            digest_of(*id, fusion)
                        })
                        .collect();
                    (digests, work)
                });
                let next = chunks.get(i + 1).map(|chunk| self.gather(chunk));
                (fusing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), next)
            });
            ready = next.transpose()?;
            let (digests, work) = fused;
            self.store_mut().put_digests(&digests)?;
            for (id, (fusion, _)) in work {
                self.fusions.keep(id, fusion);
            }
        }
        Ok(stale.len())
    }

    /// The stories of `chunk`, each with its kept fusion (or a new one) and
    /// the articles that fusion lacks.
    fn gather(&mut self, chunk: &[StoryId]) -> Result<Vec<Gathered>> {
        let mut work = Vec::with_capacity(chunk.len());
        for &id in chunk {
            let kept = self.fusions.take(id);
            work.push((id, self.joined(id, kept)?));
        }
        Ok(work)
    }

    /// A story's kept fusion (or a new one) with the articles it lacks. A kept
    /// fusion is used only if its last article is still where it was.
    fn joined(
        &self,
        story: StoryId,
        kept: Option<StoryFusion>,
    ) -> Result<(StoryFusion, Vec<(Article, Extraction)>)> {
        if let Some(fusion) = kept {
            if let Some((last, _)) = fusion.articles().last() {
                let n = fusion.articles().len() as u64;
                let mut from_last = self.store().story_articles_from(story, n - 1)?;
                if from_last.first().is_some_and(|(a, _)| a.id == last.id) {
                    from_last.remove(0);
                    return Ok((fusion, from_last));
                }
            }
        }
        Ok((StoryFusion::default(), self.store().story_articles(story)?))
    }
}

/// The digest of a story from its fusion.
fn digest_of(story: StoryId, fusion: &StoryFusion) -> StoryDigest {
    let summary = fusion.summary();
    let articles = fusion.articles();
    StoryDigest {
        story,
        articles: articles.len() as u64,
        digest: Digest {
            independent_outlets: summary.independent_outlets as u64,
            disputes: summary.disputes as u64,
            outlets: crate::pipeline::outlets(articles.iter().map(|(a, _)| a)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use corroborate_model::Draft;
    use corroborate_store::{SqliteStore, StoryQuery};

    fn draft(n: usize, outlet: &str, body: &str) -> Draft {
        Draft {
            origin: format!("feed/{n}.json"),
            title: Some("Port of Valmere reopens after storm".into()),
            body: body.into(),
            outlet: Some(outlet.into()),
            published: Some("2024-03-11".into()),
            ..Draft::default()
        }
    }

    const COURIER: &str = "The Port of Valmere reopened on Monday after a storm closed it for three days, \
        harbour master Ilse Brandt said. Twelve ships waited offshore for the channel to be cleared. \
        Brandt said the quays were undamaged.";
    const HERALD: &str = "Cargo traffic resumed at Valmere on Monday. Fourteen ships waited offshore \
        during the closure, according to the harbour office. Dredgers worked through the weekend to \
        clear fallen trees from the channel, and the storm left the quays intact.";

    #[test]
    fn every_ingest_call_leaves_the_digests_of_its_stories_current() {
        let store = SqliteStore::open_in_memory().unwrap();
        let mut engine = Engine::open(store, Options::default()).unwrap();
        engine.ingest_drafts(vec![draft(1, "Valmere Courier", COURIER)]).unwrap();
        assert!(engine.store().stale_digests().unwrap().is_empty());
        let listed = |engine: &Engine<SqliteStore>| {
            let page = engine.store().story_page(&StoryQuery { limit: 10, ..StoryQuery::default() }).unwrap();
            assert_eq!(page.items.len(), 1);
            page.items[0].digest.clone().expect("a current digest")
        };
        assert_eq!(listed(&engine).outlets, ["Valmere Courier"]);
        assert_eq!(listed(&engine).disputes, 0);

        engine.ingest_drafts(vec![draft(2, "Lakeside Herald", HERALD)]).unwrap();
        let digest = listed(&engine);
        assert_eq!(digest.outlets, ["Lakeside Herald", "Valmere Courier"]);
        assert_eq!(digest.independent_outlets, 2);
        let story = engine.store().stories().unwrap()[0].id;
        let brief = engine.brief(story).unwrap().unwrap();
        assert_eq!(digest.disputes, brief.conflicts.len() as u64);
        // The second call added one article to the story's kept fusion.
        assert_eq!(engine.fusions.kept[&story].1.articles().len(), 2);
    }

    /// A store whose digests an older program made, by other rules of
    /// fusion, is listed from its articles until the next ingest makes every
    /// digest again and records the version of the rules; a newer program's
    /// version is left as it is.
    #[test]
    fn digests_made_by_other_rules_are_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("news.db");
        let mut engine = Engine::open(SqliteStore::open(&db).unwrap(), Options::default()).unwrap();
        engine.ingest_drafts(vec![draft(1, "Valmere Courier", COURIER)]).unwrap();
        assert_eq!(engine.store().digest_rules().unwrap(), corroborate_fuse::RULES);
        assert_eq!(engine.refresh_digests().unwrap(), 0);
        // An older program's store: its digests say the story has no outlet.
        drop(engine);
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute("UPDATE meta SET value = 1 WHERE key = 'digest_rules'", []).unwrap();
        conn.execute("UPDATE stories SET outlets = '[]'", []).unwrap();
        drop(conn);
        let mut engine = Engine::open(SqliteStore::open(&db).unwrap(), Options::default()).unwrap();
        assert!(!engine.digests_follow_the_rules().unwrap());
        assert_eq!(engine.summaries().unwrap()[0].outlets, ["Valmere Courier"]);
        assert_eq!(engine.refresh_digests().unwrap(), 1);
        assert_eq!(engine.store().digest_rules().unwrap(), corroborate_fuse::RULES);
        assert!(engine.digests_follow_the_rules().unwrap());
        let page = engine.store().story_page(&StoryQuery { limit: 10, ..StoryQuery::default() }).unwrap();
        assert_eq!(page.items[0].digest.as_ref().unwrap().outlets, ["Valmere Courier"]);
        assert_eq!(engine.refresh_digests().unwrap(), 0);

        // A newer program's digests: this one does not undo them.
        engine.store_mut().renew_digests(corroborate_fuse::RULES + 1).unwrap();
        let current = digest_of(1, &engine.fusions.kept[&1].1);
        engine.store_mut().put_digests(&[current]).unwrap();
        assert_eq!(engine.refresh_digests().unwrap(), 0);
        assert_eq!(engine.store().digest_rules().unwrap(), corroborate_fuse::RULES + 1);
    }

    const GAZETTE: &str = "Valmere harbour reopened on Monday, three days after the storm. Twelve \
        ships had waited offshore, harbour master Ilse Brandt said, and pilots guided them in by noon.";

    #[test]
    fn a_kept_fusion_takes_in_articles_stored_by_another_writer() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("news.db");
        let mut first = Engine::open(SqliteStore::open(&db).unwrap(), Options::default()).unwrap();
        first.ingest_drafts(vec![draft(1, "Valmere Courier", COURIER)]).unwrap();
        let mut other = Engine::open(SqliteStore::open(&db).unwrap(), Options::default()).unwrap();
        other.ingest_drafts(vec![draft(2, "Lakeside Herald", HERALD)]).unwrap();
        first.ingest_drafts(vec![draft(3, "Kestrel Gazette", GAZETTE)]).unwrap();

        let story = first.store().stories().unwrap()[0].id;
        let articles = first.store().story_articles(story).unwrap();
        assert_eq!(articles.len(), 3);
        let kept = &first.fusions.kept[&story].1;
        let ids = |a: &[(Article, Extraction)]| a.iter().map(|(a, _)| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(kept.articles()), ids(&articles));
        let listing = first.store().story_listing(story).unwrap().unwrap();
        assert!(listing.digest_current);
        let mut fresh = StoryFusion::default();
        for (a, e) in articles {
            fresh.add(a, e);
        }
        assert_eq!(listing.digest, Some(digest_of(story, &fresh).digest));
    }
}
