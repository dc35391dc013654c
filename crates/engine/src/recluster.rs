//! A full batch pass over the stored articles.
//!
//! Online assignment decides each article with what was known when it
//! arrived: the first articles of a store are placed with document
//! frequencies drawn from a handful of texts. `recluster` places every article
//! again, in arrival order, with the document frequencies of the whole store
//! known from the start. Wire-copy groups stay together. New stories are
//! matched to the old ones by their shared articles, so a story that did not
//! change keeps its id; the report says which stories were merged or split.

use crate::pipeline::Engine;
use crate::Result;
use corroborate_cluster::{features, Clusterer, Config, Features};
use corroborate_model::{ArticleId, StoryId};
use corroborate_store::{ArticleFilter, Reassignment, Store, StoryRecord};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a reclustering changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReclusterReport {
    pub articles: usize,
    pub stories_before: usize,
    pub stories_after: usize,
    /// Articles whose story changes.
    pub moved: usize,
    /// New stories made of articles of several old ones: (story, old stories).
    pub merged: Vec<(StoryId, Vec<StoryId>)>,
    /// Old stories whose articles went to several new ones: (old story, new stories).
    pub split: Vec<(StoryId, Vec<StoryId>)>,
    /// Whether the new partition was written.
    pub applied: bool,
}

struct Member {
    id: ArticleId,
    old: StoryId,
    group: ArticleId,
    title: String,
    published: Option<String>,
    features: Features,
}

impl<S: Store> Engine<S> {
    /// Places every stored article again with the whole store's statistics;
    /// writes the result when `apply` is set.
    pub fn recluster(&mut self, apply: bool) -> Result<ReclusterReport> {
        let articles = self.store().articles(&ArticleFilter::default())?;
        let members: Vec<Member> = articles
            .into_par_iter()
            .map(|a| Member {
                features: features(&a.title, &a.body, a.published.as_deref()),
                old: a.story.unwrap_or_default(),
                group: a.wire_group.clone().unwrap_or_else(|| a.id.clone()),
                id: a.id,
                title: a.title,
                published: a.published,
            })
            .collect();
        let (clusterer, placed) = place_all(&members, self.cluster_config().clone());
        let final_ids = match_ids(&members, &placed);
        let report = compare(&members, &placed, &final_ids, apply);
        if apply {
            let plan = plan(&members, &placed, &final_ids, &clusterer)?;
            self.store_mut().reassign(&plan)?;
            self.reload()?;
            self.refresh_digests()?;
        }
        Ok(report)
    }
}

/// Places every member in arrival order with frequencies of all members known;
/// returns the clusterer and each member's provisional story.
fn place_all(members: &[Member], config: Config) -> (Clusterer, Vec<StoryId>) {
    let mut c = Clusterer::new(config);
    let observed: Vec<_> = members.iter().map(|m| c.observe(&m.features)).collect();
    let mut group_story: HashMap<&str, StoryId> = HashMap::new();
    let mut placed = Vec::with_capacity(members.len());
    for (m, observed) in members.iter().zip(&observed) {
        let story = match group_story.get(m.group.as_str()) {
            Some(&s) => s,
            None => c.best(observed).map_or_else(|| c.next_story_id(), |(s, _)| s),
        };
        c.join(story, observed);
        group_story.entry(m.group.as_str()).or_insert(story);
        placed.push(story);
    }
    (c, placed)
}

/// Final ids of the provisional stories: each old id goes to the new story that
/// shares most articles with it (largest overlaps first); stories left without
/// an old id get ids above every old one.
fn match_ids(members: &[Member], placed: &[StoryId]) -> HashMap<StoryId, StoryId> {
    let mut overlap: BTreeMap<(StoryId, StoryId), usize> = BTreeMap::new();
    for (m, &new) in members.iter().zip(placed) {
        *overlap.entry((new, m.old)).or_insert(0) += 1;
    }
    let mut pairs: Vec<((StoryId, StoryId), usize)> = overlap.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut final_ids = HashMap::new();
    let mut used = BTreeSet::new();
    for ((new, old), _) in pairs {
        if !final_ids.contains_key(&new) && used.insert(old) {
            final_ids.insert(new, old);
        }
    }
    let first_free = members.iter().map(|m| m.old).max().unwrap_or(0) + 1;
    let mut unmatched: Vec<StoryId> = placed.iter().copied().filter(|s| !final_ids.contains_key(s)).collect();
    unmatched.sort_unstable();
    unmatched.dedup();
    for (id, new) in (first_free..).zip(unmatched) {
        final_ids.insert(new, id);
    }
    final_ids
}

fn compare(
    members: &[Member],
    placed: &[StoryId],
    final_ids: &HashMap<StoryId, StoryId>,
    applied: bool,
) -> ReclusterReport {
    let mut old_to_new: BTreeMap<StoryId, BTreeSet<StoryId>> = BTreeMap::new();
    let mut new_to_old: BTreeMap<StoryId, BTreeSet<StoryId>> = BTreeMap::new();
    let mut moved = 0;
    for (m, p) in members.iter().zip(placed) {
        let new = final_ids[p];
        moved += usize::from(new != m.old);
        old_to_new.entry(m.old).or_default().insert(new);
        new_to_old.entry(new).or_default().insert(m.old);
    }
    let several = |map: BTreeMap<StoryId, BTreeSet<StoryId>>| -> Vec<(StoryId, Vec<StoryId>)> {
        map.into_iter().filter(|(_, v)| v.len() > 1).map(|(k, v)| (k, v.into_iter().collect())).collect()
    };
    ReclusterReport {
        articles: members.len(),
        stories_before: old_to_new.len(),
        stories_after: new_to_old.len(),
        moved,
        merged: several(new_to_old),
        split: several(old_to_new),
        applied,
    }
}

fn plan(
    members: &[Member],
    placed: &[StoryId],
    final_ids: &HashMap<StoryId, StoryId>,
    clusterer: &Clusterer,
) -> Result<Reassignment> {
    let mut moves = Vec::new();
    let mut stories: BTreeMap<StoryId, StoryRecord> = BTreeMap::new();
    for (m, p) in members.iter().zip(placed) {
        let id = final_ids[p];
        if id != m.old {
            moves.push((m.id.clone(), id));
        }
        let record = match stories.entry(id) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(StoryRecord {
                id,
                title: m.title.clone(),
                first_published: None,
                last_published: None,
                profile: serde_json::to_vec(&clusterer.profile(*p).expect("placed story has a profile"))?,
            }),
        };
        if let Some(date) = &m.published {
            if record.first_published.as_ref().is_none_or(|f| date < f) {
                record.first_published = Some(date.clone());
            }
            if record.last_published.as_ref().is_none_or(|l| date > l) {
                record.last_published = Some(date.clone());
            }
        }
    }
    Ok(Reassignment { moves, stories: stories.into_values().collect() })
}
