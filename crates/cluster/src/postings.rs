//! Postings from terms to the stories found under them, split by age.
//!
//! A story whose latest article is far older than the newest article seen can
//! no longer be joined by an article of the current days: the time damping
//! alone keeps its score under the threshold. Such a story is *retired*: its
//! postings move to a second list that only late articles (dated well before
//! the newest one) and undated articles look at. The lists an article of the
//! current days walks then hold the stories of the last weeks, not of the whole
//! store, so the cost of an article stays flat as the store grows.
//!
//! The window is derived from the scoring constants (see [`window_days`]); a
//! retired story joined again (a wire copy of one of its articles) comes back.

use crate::index::Config;
use crate::terms::TermId;
use corroborate_model::StoryId;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// How much a similarity may exceed 1 (a norm computed with older document
/// frequencies) when bounding the reach of a story in days.
const SCORE_HEADROOM: f32 = 2.0;

/// Days by which a story's last article must precede the newest article seen
/// for the story to retire, or `None` when no distance is large enough.
///
/// The damping `exp(-(gap - grace) / scale)` times [`SCORE_HEADROOM`] falls
/// under the threshold beyond `grace + scale * ln(headroom / threshold)` days
/// (36 with the defaults); `late_days` (14) more lets articles that arrive
/// up to that late still compare with only the stories in the window and get
/// the same decision as if no story had retired.
pub fn window_days(config: &Config) -> Option<i32> {
    let reach = config.day_grace + config.day_scale * (SCORE_HEADROOM / config.threshold).ln();
    (config.threshold > 0.0 && config.day_scale >= 0.0 && reach.is_finite())
        .then(|| reach.max(0.0).ceil() as i32 + config.late_days.max(0))
}

/// Live and retired postings, indexed by term id.
#[derive(Debug, Default)]
pub struct Postings {
    live: Vec<Vec<StoryId>>,
    retired: Vec<Vec<StoryId>>,
}

impl Postings {
    /// Makes room for terms up to `terms` (exclusive).
    pub fn grow(&mut self, terms: usize) {
        if self.live.len() < terms {
            self.live.resize_with(terms, Vec::new);
            self.retired.resize_with(terms, Vec::new);
        }
    }

    fn lists(&mut self, retired: bool) -> &mut Vec<Vec<StoryId>> {
        if retired {
            &mut self.retired
        } else {
            &mut self.live
        }
    }

    pub fn add(&mut self, term: TermId, story: StoryId, retired: bool) {
        self.lists(retired)[term as usize].push(story);
    }

    pub fn remove(&mut self, term: TermId, story: StoryId, retired: bool) {
        let list = &mut self.lists(retired)[term as usize];
        if let Some(i) = list.iter().position(|&s| s == story) {
            list.swap_remove(i);
        }
    }

    /// Moves a story's postings between the live and the retired lists.
    pub fn set_retired(&mut self, terms: &[TermId], story: StoryId, retired: bool) {
        for &t in terms {
            self.remove(t, story, !retired);
            self.add(t, story, retired);
        }
    }

    /// Counts, for each story, the query terms it is found under, and returns
    /// how many entries it read. A term whose stories (live and retired)
    /// number more than `max` is too common and skipped; retired stories
    /// count only with `with_retired`.
    pub fn count_hits(
        &self,
        terms: impl Iterator<Item = TermId>,
        max: usize,
        with_retired: bool,
        hits: &mut Hits,
    ) -> u64 {
        let mut read = 0;
        for t in terms {
            let (Some(live), Some(old)) = (self.live.get(t as usize), self.retired.get(t as usize)) else {
                continue;
            };
            if live.len() + old.len() > max {
                continue;
            }
            let old: &[StoryId] = if with_retired { old } else { &[] };
            for &s in live.iter().chain(old) {
                hits.add(s);
            }
            read += (live.len() + old.len()) as u64;
        }
        read
    }
}

/// Stories with ids up to this many are counted in an array; any others
/// (none, while ids are handed out in sequence) in a map.
const DENSE_STORIES: usize = 1 << 26;

/// Hit counts by story for one query: an array indexed by story id, reused
/// from query to query (only the entries hit are reset), and the stories hit
/// in the order first hit.
#[derive(Debug, Default)]
pub struct Hits {
    counts: Vec<u32>,
    hit: Vec<StoryId>,
    sparse: HashMap<StoryId, u32>,
}

impl Hits {
    fn add(&mut self, story: StoryId) {
        let Some(i) = usize::try_from(story).ok().filter(|&i| i < DENSE_STORIES) else {
            *self.sparse.entry(story).or_insert(0) += 1;
            return;
        };
        if i >= self.counts.len() {
            self.counts.resize((i + 1).next_power_of_two(), 0);
        }
        if self.counts[i] == 0 {
            self.hit.push(story);
        }
        self.counts[i] += 1;
    }

    /// The stories hit, each with its count; the counts start again from zero.
    pub fn take(&mut self) -> Vec<(StoryId, u32)> {
        let mut out: Vec<(StoryId, u32)> =
            self.hit.drain(..).map(|s| (s, std::mem::take(&mut self.counts[s as usize]))).collect();
        out.extend(self.sparse.drain());
        out
    }
}

/// Stories by the day of their latest article, oldest first, to retire them
/// as the newest day advances. Entries go stale when a story gets a later
/// article; the caller checks each popped entry against the story.
#[derive(Debug, Default)]
pub struct Ageing {
    heap: BinaryHeap<Reverse<(i32, StoryId)>>,
}

impl Ageing {
    pub fn push(&mut self, last_day: i32, story: StoryId) {
        self.heap.push(Reverse((last_day, story)));
    }

    /// The next entry whose day is before `cutoff`, removed.
    pub fn pop_before(&mut self, cutoff: i32) -> Option<(i32, StoryId)> {
        match self.heap.peek() {
            Some(Reverse((day, _))) if *day < cutoff => self.heap.pop().map(|Reverse(e)| e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_covers_every_gap_that_can_still_score() {
        let config = Config::default();
        let window = window_days(&config).expect("a window");
        // Beyond the window minus the lateness allowance, even a similarity of
        // SCORE_HEADROOM is damped under the threshold.
        let gap = (window - config.late_days) as f32;
        let damped = (-(gap - config.day_grace) / config.day_scale).exp() * SCORE_HEADROOM;
        assert!(damped < config.threshold, "{window} {damped}");
        assert!((40..80).contains(&window), "{window}");
        assert_eq!(window_days(&Config { threshold: 0.0, ..Config::default() }), None);
    }

    #[test]
    fn retired_stories_count_only_when_asked() {
        let mut p = Postings::default();
        p.grow(3);
        p.add(0, 7, false);
        p.add(1, 7, false);
        p.add(0, 9, false);
        p.add(2, 9, false);
        p.set_retired(&[0, 2], 9, true);
        let mut reused = Hits::default();
        let mut count = |p: &Postings, with_retired: bool, max: usize| {
            p.count_hits([0, 1, 2].into_iter(), max, with_retired, &mut reused);
            let mut hits = reused.take();
            hits.sort_unstable();
            hits
        };
        assert_eq!(count(&p, false, 10), [(7, 2)]);
        assert_eq!(count(&p, true, 10), [(7, 2), (9, 2)]);
        // Term 0 has two stories, one of them retired: too common for a limit of one either way.
        assert_eq!(count(&p, false, 1), [(7, 1)]);
        p.set_retired(&[0, 2], 9, false);
        assert_eq!(count(&p, false, 10), [(7, 2), (9, 2)]);
    }

    #[test]
    fn hits_count_dense_and_sparse_ids_and_start_afresh() {
        let mut hits = Hits::default();
        for s in [5, 9, 5, -3, 1 << 40, 5, -3] {
            hits.add(s);
        }
        let mut counted = hits.take();
        counted.sort_unstable();
        assert_eq!(counted, [(-3, 2), (5, 3), (9, 1), (1 << 40, 1)]);
        hits.add(9);
        assert_eq!(hits.take(), [(9, 1)]);
        assert_eq!(hits.take(), []);
    }

    #[test]
    fn ageing_pops_the_oldest_entries_before_the_cutoff() {
        let mut a = Ageing::default();
        a.push(20, 1);
        a.push(5, 2);
        a.push(12, 3);
        assert_eq!(a.pop_before(15), Some((5, 2)));
        assert_eq!(a.pop_before(15), Some((12, 3)));
        assert_eq!(a.pop_before(15), None);
        assert_eq!(a.pop_before(21), Some((20, 1)));
    }
}
