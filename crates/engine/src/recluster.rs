//! A full batch pass over the stored articles.
//!
//! Online assignment decides each article with what was known when it
//! arrived: the first articles of a store are placed with document
//! frequencies drawn from a handful of texts, and one weak join into a young
//! story drags the rest of another event after it. `recluster` draws the
//! stories again with every article in view: the batch pass of
//! [`corroborate_cluster::Batch`] (nearest neighbours, merged by average
//! linkage), with the document frequencies of the whole store. Wire-copy
//! groups stay together: the pass sees the first article of each, and
//! counts each group once in the document frequencies. The store
//! is read a page at a time, and only those first articles' features are
//! kept, their terms interned. New stories are
//! matched to the old ones by their shared articles, so a story that did not
//! change keeps its id; the report says which stories were merged or split.
//!
//! [`Redraw::MergeOnly`] starts the batch pass from the stories as they are
//! and only merges them: articles that shared a story still do, as when
//! articles join online, while events that the online pass split come
//! together. A story merged into another leaves its id behind; the merged
//! story keeps the id of the one that held most of its articles.

use crate::pipeline::{offer_title, Engine};
use crate::prepare::article_features;
use crate::{EngineError, Result};
use corroborate_cluster::{Batch, Clusterer, Features, Graph};
use corroborate_model::{ArticleId, StoryId};
use corroborate_store::{articles_in_pages, Reassignment, Store, StoryRecord};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The version of the rules by which a story's row (its profile, title and
/// dates) is made from its articles. Raise it when they change: the first
/// `recluster` of a store by the new program then writes every row again,
/// where it otherwise writes only the rows of the stories it changes.
pub const STORY_RULES: i64 = 1;

/// Arrival numbers read from the store at a time (a few in unit tests, so
/// that their stores span several pages).
const PAGE: u64 = if cfg!(test) { 2 } else { 10_000 };

/// What a reclustering may change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Redraw {
    /// Stories are drawn again from the articles alone: any may be merged or split.
    #[default]
    All,
    /// Stories are only merged: articles that shared a story still do.
    MergeOnly,
}

/// What a reclustering changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReclusterReport {
    pub redraw: Redraw,
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
    /// The article's wire-copy group, numbered in order of first arrival:
    /// the batch pass sees one item per group.
    item: usize,
    title: String,
    /// The title stands in for a headline (see `pipeline::stand_in_title`).
    title_derived: bool,
    published: Option<String>,
}

/// Every stored article, its provisional story in the batch pass, and the
/// final ids of those stories.
struct Redrawn {
    members: Vec<Member>,
    placed: Vec<StoryId>,
    final_ids: HashMap<StoryId, StoryId>,
    /// The last arrival number read.
    last: u64,
}

impl<S: Store> Engine<S> {
    /// Redraws every story with the batch pass over all stored articles;
    /// writes the result when `apply` is set.
    pub fn recluster(&mut self, redraw: Redraw, apply: bool) -> Result<ReclusterReport> {
        let Redrawn { members, placed, final_ids, last } = self.redraw(redraw)?;
        let report = compare(redraw, &members, &placed, &final_ids, apply);
        if apply {
            // Rows made by older rules are all written again.
            let every_row = self.store().story_rules()? < STORY_RULES;
            let (changed, wanted) = rows_to_write(&members, &placed, &final_ids, every_row);
            let clusterer = self.profiles(&members, &placed, &wanted, last)?;
            let plan = plan(&members, &placed, &final_ids, &changed, &clusterer)?;
            self.store_mut().reassign(&plan)?;
            if every_row {
                self.store_mut().set_story_rules(STORY_RULES)?;
            }
            self.forget_indexes();
            self.refresh_digests()?;
        }
        Ok(report)
    }

    /// The story each stored article would have after [`Engine::recluster`],
    /// without changing the store.
    pub fn recluster_partition(&self, redraw: Redraw) -> Result<Vec<(ArticleId, StoryId)>> {
        Ok(self.recluster_partitions(&[redraw])?.remove(0))
    }

    /// The partitions of [`Engine::recluster_partition`] for each of
    /// `redraws`, from one reading of the store and one neighbour graph.
    pub fn recluster_partitions(&self, redraws: &[Redraw]) -> Result<Vec<Vec<(ArticleId, StoryId)>>> {
        if redraws.is_empty() {
            return Ok(Vec::new());
        }
        let (members, graph, _) = self.graph()?;
        let issued = self.store().stories_issued()?;
        Ok(redraws
            .iter()
            .map(|&redraw| {
                let (placed, final_ids) = place(&members, &graph, redraw, issued);
                members.iter().zip(placed).map(|(m, p)| (m.id.clone(), final_ids[&p])).collect()
            })
            .collect())
    }

    fn redraw(&self, redraw: Redraw) -> Result<Redrawn> {
        let (members, graph, last) = self.graph()?;
        let (placed, final_ids) = place(&members, &graph, redraw, self.store().stories_issued()?);
        Ok(Redrawn { members, placed, final_ids, last })
    }

    /// The stored articles, the neighbour graph of the batch pass over
    /// them, and the last arrival number read.
    fn graph(&self) -> Result<(Vec<Member>, Graph, u64)> {
        let last = self.store().last_seq()?;
        let (members, batch) = self.members(last)?;
        Ok((members, batch.graph(self.cluster_config()), last))
    }

    /// Every stored article up to arrival number `last`, in arrival order,
    /// and the features of the first article of each wire-copy group,
    /// gathered for the batch pass with their terms interned.
    fn members(&self, last: u64) -> Result<(Vec<Member>, Batch)> {
        let mut members = Vec::new();
        let mut batch = Batch::default();
        let mut items: HashMap<ArticleId, usize> = HashMap::new();
        articles_in_pages(self.store(), PAGE, last, |page| -> Result<()> {
            let mut firsts = Vec::new();
            for a in &page {
                let group = a.wire_group.as_ref().unwrap_or(&a.id);
                let next = items.len();
                let item = *items.entry(group.clone()).or_insert_with(|| {
                    firsts.push(a);
                    next
                });
                // Every stored article has a story; one without would
                // start the pass in a group of its own with id 0.
                let old =
                    a.story.ok_or_else(|| EngineError::Changed(format!("article {} has no story", a.id)))?;
                members.push(Member {
                    id: a.id.clone(),
                    old,
                    item,
                    title: a.title.clone(),
                    title_derived: crate::pipeline::stand_in_title(a),
                    published: a.published.clone(),
                });
            }
            let features: Vec<Features> = firsts.into_par_iter().map(article_features).collect();
            features.iter().for_each(|f| batch.push(f));
            Ok(())
        })?;
        Ok((members, batch))
    }

    /// The profiles of the stories to be written, for the store: each
    /// `wanted` member joined, in arrival order, to its provisional story.
    /// The articles are read again, a page at a time, rather than every
    /// article's features kept since the first reading.
    fn profiles(
        &self,
        members: &[Member],
        placed: &[StoryId],
        wanted: &[bool],
        last: u64,
    ) -> Result<Clusterer> {
        let mut c = Clusterer::new(self.cluster_config().clone());
        let mut at = 0;
        articles_in_pages(self.store(), PAGE, last, |page| {
            for (i, a) in page.iter().enumerate() {
                if members.get(at + i).is_none_or(|m| m.id != a.id) {
                    return Err(EngineError::Changed(format!("article {} is not the one read before", a.id)));
                }
            }
            let joining: Vec<usize> = (at..at + page.len()).filter(|&i| wanted[i]).collect();
            let features: Vec<Features> =
                joining.par_iter().map(|&i| article_features(&page[i - at])).collect();
            for (&i, f) in joining.iter().zip(&features) {
                let observed = c.observe(f);
                c.join(placed[i], &observed);
            }
            at += page.len();
            Ok(())
        })?;
        if at != members.len() {
            return Err(EngineError::Changed(format!("{} articles read, {at} read again", members.len())));
        }
        Ok(c)
    }
}

/// Each member's provisional story in the batch pass of `redraw`, and the
/// final ids of those stories (new ones above `issued`).
fn place(
    members: &[Member],
    graph: &Graph,
    redraw: Redraw,
    issued: StoryId,
) -> (Vec<StoryId>, HashMap<StoryId, StoryId>) {
    let groups = match redraw {
        Redraw::All => graph.link(),
        Redraw::MergeOnly => graph.link_from(&stories_of_items(members)),
    };
    let placed: Vec<StoryId> = members.iter().map(|m| groups[m.item] as StoryId + 1).collect();
    let final_ids = match_ids(members, &placed, issued);
    (placed, final_ids)
}

/// The group each batch item starts in for a pass that only merges: items
/// whose articles share a story are one group (an item is one wire-copy
/// group, whose articles have one story but for a store written otherwise).
fn stories_of_items(members: &[Member]) -> Vec<usize> {
    let items = members.iter().map(|m| m.item + 1).max().unwrap_or(0);
    let mut parent: Vec<usize> = (0..items).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_item: HashMap<StoryId, usize> = HashMap::new();
    for m in members {
        let other = *first_item.entry(m.old).or_insert(m.item);
        let (a, b) = (root(&mut parent, m.item), root(&mut parent, other));
        parent[a.max(b)] = a.min(b);
    }
    (0..items).map(|i| root(&mut parent, i)).collect()
}

/// Final ids of the provisional stories: each old id goes to the new story that
/// shares most articles with it (largest overlaps first); stories left without
/// an old id get ids above every old one and every one issued before.
fn match_ids(members: &[Member], placed: &[StoryId], issued: StoryId) -> HashMap<StoryId, StoryId> {
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
    let first_free = members.iter().map(|m| m.old).max().unwrap_or(0).max(issued) + 1;
    let mut unmatched: Vec<StoryId> = placed.iter().copied().filter(|s| !final_ids.contains_key(s)).collect();
    unmatched.sort_unstable();
    unmatched.dedup();
    for (id, new) in (first_free..).zip(unmatched) {
        final_ids.insert(new, id);
    }
    final_ids
}

fn compare(
    redraw: Redraw,
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
        redraw,
        articles: members.len(),
        stories_before: old_to_new.len(),
        stories_after: new_to_old.len(),
        moved,
        merged: several(new_to_old),
        split: several(old_to_new),
        applied,
    }
}

/// The ids of the stories whose rows are written, and for each member
/// whether its story is one of them: every story when `every_row`, else
/// those an article joins or leaves. The others keep their articles, so
/// their rows stand as they are.
fn rows_to_write(
    members: &[Member],
    placed: &[StoryId],
    final_ids: &HashMap<StoryId, StoryId>,
    every_row: bool,
) -> (BTreeSet<StoryId>, Vec<bool>) {
    let changed: BTreeSet<StoryId> = if every_row {
        final_ids.values().copied().collect()
    } else {
        let moved =
            members.iter().zip(placed).map(|(m, p)| (m.old, final_ids[p])).filter(|(old, new)| old != new);
        moved.flat_map(|(old, new)| [old, new]).collect()
    };
    let wanted = placed.iter().map(|p| changed.contains(&final_ids[p])).collect();
    (changed, wanted)
}

/// The moves, and the rows of the `changed` stories that remain.
fn plan(
    members: &[Member],
    placed: &[StoryId],
    final_ids: &HashMap<StoryId, StoryId>,
    changed: &BTreeSet<StoryId>,
    clusterer: &Clusterer,
) -> Result<Reassignment> {
    let mut moves = Vec::new();
    let mut stories: BTreeMap<StoryId, StoryRecord> = BTreeMap::new();
    for (m, p) in members.iter().zip(placed) {
        let id = final_ids[p];
        if id != m.old {
            moves.push((m.id.clone(), id));
        }
        if !changed.contains(&id) {
            continue;
        }
        let record = match stories.entry(id) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(StoryRecord {
                id,
                title: m.title.clone(),
                title_derived: m.title_derived,
                first_published: None,
                last_published: None,
                profile: serde_json::to_vec(&clusterer.profile(*p).expect("placed story has a profile"))?,
            }),
        };
        offer_title(&mut record.title, &mut record.title_derived, &m.title, m.title_derived);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use corroborate_model::Draft;
    use corroborate_store::{ArticleFilter, SqliteStore};

    fn draft(n: usize, title: &str, body: &str) -> Draft {
        Draft {
            origin: format!("feed/{n}.json"),
            title: Some(title.into()),
            body: body.into(),
            outlet: Some(format!("Outlet {n}")),
            ..Draft::default()
        }
    }

    /// Two meetings of the same leaders in the same city, undated; the first
    /// report of each opens with the same sentence, and they arrive first.
    fn two_meetings() -> Vec<Draft> {
        let opening = "Leaders of Norland and Sarvia met in Tarsk on Monday.";
        vec![
            draft(1, "Norland and Sarvia sign Saro water treaty", &format!("{opening} They signed a water treaty on the Saro river dam quotas.")),
            draft(2, "Norland, Sarvia hold steel tariff talks", &format!("{opening} Their talks on steel tariffs ended without a deal.")),
            draft(3, "Water treaty signed on Saro dam quotas", "The Saro river treaty sets dam quotas, Norland and Sarvia said in Tarsk."),
            draft(4, "Steel tariff talks in Tarsk", "Norland and Sarvia discussed steel tariffs and the trade dispute in Tarsk."),
            draft(5, "Saro treaty: dam quotas agreed", "Dam quotas on the Saro river were agreed in the water treaty of Norland and Sarvia."),
            draft(6, "No deal on steel tariffs", "The steel tariff talks of Norland and Sarvia in Tarsk ended with no deal on the trade dispute."),
        ]
    }

    /// A report of another event, with other actors.
    fn fire() -> Draft {
        draft(7, "Fire at the Orvik depot", "A fire destroyed two buses at the Orvik depot on Sunday night.")
    }

    /// A store file in which a strict threshold gave each of `drafts` a
    /// story of its own, numbered from 1 in order.
    fn one_story_each(drafts: Vec<Draft>) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        let strict = Options {
            cluster: corroborate_cluster::Config { threshold: 0.9, ..Default::default() },
            ..Options::default()
        };
        let mut engine = Engine::open(SqliteStore::open(&path).unwrap(), strict).unwrap();
        let count = drafts.len() as StoryId;
        engine.ingest_drafts(drafts).unwrap();
        assert_eq!(stories(&engine), (1..=count).collect::<Vec<_>>());
        (dir, path)
    }

    fn stories<S: Store>(engine: &Engine<S>) -> Vec<StoryId> {
        let mut articles = engine.store().articles(&ArticleFilter::default()).unwrap();
        articles.sort_by(|a, b| a.origin.cmp(&b.origin));
        articles.iter().map(|a| a.story.unwrap()).collect()
    }

    #[test]
    fn profiles_are_not_built_from_a_store_that_changed_since_it_was_read() {
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        engine.ingest_drafts(two_meetings()).unwrap();
        let Redrawn { mut members, placed, last, .. } = engine.redraw(Redraw::All).unwrap();
        assert!(engine.profiles(&members, &placed, &vec![true; members.len()], last).is_ok());
        // An article that was not there at the first reading.
        let gone = members.remove(3);
        let changed = engine
            .profiles(&members, &placed, &vec![true; members.len()], last)
            .err()
            .expect("a different article");
        assert!(changed.to_string().contains(&gone.id), "{changed}");
        // Fewer articles than at the first reading.
        members.insert(3, gone);
        members.push(Member {
            id: "0".repeat(32),
            old: 1,
            item: 0,
            title: String::new(),
            title_derived: false,
            published: None,
        });
        let placed: Vec<StoryId> = placed.iter().copied().chain([1]).collect();
        let changed = engine
            .profiles(&members, &placed, &vec![true; members.len()], last)
            .err()
            .expect("an article missing");
        assert!(changed.to_string().contains("7 articles read, 6 read again"), "{changed}");
    }

    #[test]
    fn only_the_stories_an_article_joins_or_leaves_are_written() {
        // Every article a story of its own, then two events gathered by a
        // merge; the fire's story keeps its one article.
        let (_dir, path) = one_story_each(two_meetings().into_iter().chain([fire()]).collect());
        let mut engine = Engine::open(SqliteStore::open(&path).unwrap(), Options::default()).unwrap();
        let Redrawn { members, placed, final_ids, last } = engine.redraw(Redraw::MergeOnly).unwrap();
        let (changed, wanted) = rows_to_write(&members, &placed, &final_ids, false);
        assert_eq!(wanted, [true, true, true, true, true, true, false]);
        let clusterer = engine.profiles(&members, &placed, &wanted, last).unwrap();
        let plan = plan(&members, &placed, &final_ids, &changed, &clusterer).unwrap();
        let written: Vec<StoryId> = plan.stories.iter().map(|s| s.id).collect();
        assert_eq!(written.len(), 2, "{written:?}");
        assert!(!written.contains(&7), "{written:?}");
        // Applied, the merged stories are counted anew and the fire's stands.
        engine.recluster(Redraw::MergeOnly, true).unwrap();
        let after = stories(&engine);
        assert_eq!(after[6], 7);
        let counts: Vec<u64> = [after[0], after[1], 7]
            .iter()
            .map(|&id| engine.store().story_listing(id).unwrap().expect("a story").articles)
            .collect();
        assert_eq!(counts, [3, 3, 1]);
        assert_eq!(engine.store().stories().unwrap().len(), 3);
    }

    #[test]
    fn a_store_whose_rows_older_rules_made_has_every_row_written() {
        let (_dir, path) = one_story_each(two_meetings().into_iter().chain([fire()]).collect());
        let mut engine = Engine::open(SqliteStore::open(&path).unwrap(), Options::default()).unwrap();
        // A fresh store's rows follow this program's rules.
        assert_eq!(engine.store().story_rules().unwrap(), STORY_RULES);
        // The fire's row as an older program might have left it.
        let row = |engine: &Engine<SqliteStore>| {
            engine.store().stories().unwrap().into_iter().find(|s| s.id == 7).expect("the fire's story")
        };
        let mut stale = row(&engine);
        let title = std::mem::replace(&mut stale.title, "10 things to know today".into());
        engine.store_mut().reassign(&Reassignment { moves: vec![], stories: vec![stale.clone()] }).unwrap();
        // The fire's story keeps its article: its row is not written.
        engine.recluster(Redraw::MergeOnly, true).unwrap();
        assert_eq!(row(&engine), stale);
        // Rows made by older rules are all written, and the rules recorded.
        engine.store_mut().set_story_rules(0).unwrap();
        engine.recluster(Redraw::MergeOnly, true).unwrap();
        assert_eq!(row(&engine).title, title);
        assert_eq!(engine.store().story_rules().unwrap(), STORY_RULES);
    }

    #[test]
    fn a_pass_that_only_merges_keeps_every_story_whole() {
        // Online, the steel talks' opener joins the treaty's story, and
        // the rest of both events follows: one story, which the batch pass
        // would split.
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        engine.ingest_drafts(two_meetings()).unwrap();
        let online = stories(&engine);
        assert!(online.iter().all(|&s| s == online[0]), "{online:?}");
        assert!(!engine.recluster(Redraw::All, false).unwrap().split.is_empty());
        let report = engine.recluster(Redraw::MergeOnly, true).unwrap();
        assert_eq!((report.moved, report.split.len(), report.stories_after), (0, 0, 1), "{report:?}");
        assert_eq!(stories(&engine), online);

        // Placed by a strict threshold, every article is a story of its own;
        // merging gathers each event, and nothing else (as the full pass would).
        let (_dir, path) = one_story_each(two_meetings());
        let mut engine = Engine::open(SqliteStore::open(&path).unwrap(), Options::default()).unwrap();
        let report = engine.recluster(Redraw::MergeOnly, true).unwrap();
        assert_eq!(report.redraw, Redraw::MergeOnly);
        assert!(report.split.is_empty(), "{report:?}");
        assert_eq!(report.merged.len(), 2, "{report:?}");
        let after = stories(&engine);
        assert_eq!(after, vec![after[0], after[1], after[0], after[1], after[0], after[1]]);
        assert_ne!(after[0], after[1]);

        // Story 6 went in the merge; a new story does not take its id.
        assert!(!after.contains(&6), "{after:?}");
        assert_eq!(engine.store().stories_issued().unwrap(), 6);
        engine.ingest_drafts(vec![fire()]).unwrap();
        assert_eq!(stories(&engine)[6], 7);
    }

    #[test]
    fn the_batch_pass_parts_events_that_the_online_pass_merged() {
        let mut engine = Engine::open(SqliteStore::open_in_memory().unwrap(), Options::default()).unwrap();
        engine.ingest_drafts(two_meetings()).unwrap();
        let online = stories(&engine);
        assert_eq!(online[1], online[0], "online, the steel talks join the treaty's one-article story");

        let partition: HashMap<ArticleId, StoryId> =
            engine.recluster_partition(Redraw::All).unwrap().into_iter().collect();
        assert!(engine.recluster_partitions(&[]).unwrap().is_empty());
        let report = engine.recluster(Redraw::All, true).unwrap();
        let after = stories(&engine);
        let treaty = [after[0], after[2], after[4]];
        let steel = [after[1], after[3], after[5]];
        assert!(treaty.iter().all(|&s| s == treaty[0]) && steel.iter().all(|&s| s == steel[0]), "{after:?}");
        assert_ne!(treaty[0], steel[0]);
        assert_eq!(report.stories_after, 2);
        assert!(report.split.iter().any(|(old, _)| *old == online[0]), "{report:?}");
        // The partition announced is the one applied.
        let articles = engine.store().articles(&ArticleFilter::default()).unwrap();
        for a in &articles {
            assert_eq!(partition[&a.id], a.story.unwrap(), "{}", a.origin);
        }
        // The profiles written, built a page at a time, are those of every
        // member joined to its story.
        let mut expected = Clusterer::new(engine.cluster_config().clone());
        for a in &articles {
            let observed = expected.observe(&article_features(a));
            expected.join(a.story.unwrap(), &observed);
        }
        // The digests of both stories were made again from their articles.
        assert!(engine.store().stale_digests().unwrap().is_empty());
        let page = engine
            .store()
            .story_page(&corroborate_store::StoryQuery { limit: 10, ..Default::default() })
            .unwrap();
        for listing in &page.items {
            let mut outlets: Vec<String> = articles
                .iter()
                .filter(|a| a.story == Some(listing.id))
                .filter_map(|a| a.outlet.clone())
                .collect();
            outlets.sort();
            assert_eq!(listing.digest.as_ref().expect("a current digest").outlets, outlets);
        }
        let stored = engine.store().stories().unwrap();
        assert_eq!(stored.len(), 2);
        for story in stored {
            let profile: corroborate_cluster::Profile = serde_json::from_slice(&story.profile).unwrap();
            assert_eq!(profile.articles, 3);
            assert_eq!(Some(profile), expected.profile(story.id), "story {}", story.id);
        }
    }
}
