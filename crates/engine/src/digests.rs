//! Keeping the stored story digests current (see `corroborate_store::Digest`).
//!
//! A digest comes from the story's brief, so it costs a read of the story's
//! articles and a fusion pass. It is refreshed once at the end of an ingest
//! call for every story that call changed, never per batch, so a story that
//! gains a thousand articles in one run is fused once.

use crate::{Engine, Result};
use corroborate_model::{Article, Extraction, StoryId};
use corroborate_store::{Digest, Store, StoryDigest};
use rayon::prelude::*;

/// Stories fused in parallel between two writes.
const STORIES_PER_WRITE: usize = 64;

impl<S: Store> Engine<S> {
    /// Recomputes every stale story digest; returns how many were stored.
    pub fn refresh_digests(&mut self) -> Result<usize> {
        let stale = self.store().stale_digests()?;
        for chunk in stale.chunks(STORIES_PER_WRITE) {
            let stories = chunk
                .iter()
                .map(|&id| Ok((id, self.store().story_articles(id)?)))
                .collect::<Result<Vec<_>>>()?;
            let digests: Vec<StoryDigest> =
                stories.par_iter().map(|(id, articles)| digest(*id, articles)).collect();
            self.store_mut().put_digests(&digests)?;
        }
        Ok(stale.len())
    }
}

/// The digest of a story from its articles.
pub fn digest(story: StoryId, articles: &[(Article, Extraction)]) -> StoryDigest {
    let brief = corroborate_fuse::brief(story, "", articles);
    let mut outlets: Vec<String> = articles.iter().filter_map(|(a, _)| a.outlet.clone()).collect();
    outlets.sort();
    outlets.dedup();
    StoryDigest {
        story,
        articles: articles.len() as u64,
        digest: Digest {
            independent_outlets: brief.story.independent_outlets as u64,
            disputes: brief.conflicts.len() as u64,
            outlets,
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
    }
}
