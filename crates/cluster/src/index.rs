//! The clustering index: story profiles, document frequencies and postings.

use crate::{Features, NAME_PREFIX};
use corroborate_model::StoryId;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Tuning of the clusterer.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Minimum damped cosine similarity to join a story.
    pub threshold: f32,
    /// Content terms of an article used to query and score (and half as many names).
    pub query_terms: usize,
    /// Weight of the name similarity against the content similarity in the
    /// geometric mean that scores a story (0: content only).
    pub name_share: f32,
    /// Terms kept in a story profile.
    pub profile_terms: usize,
    /// Terms under which a story is found in the postings.
    pub indexed_terms: usize,
    /// Postings longer than this are too common to retrieve candidates with.
    pub max_postings: usize,
    /// Candidate stories scored per article.
    pub max_candidates: usize,
    /// Days of distance to a story's span that cost nothing.
    pub day_grace: f32,
    /// Scale (days) of the exponential decay of similarity beyond the grace period.
    pub day_scale: f32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.2,
            query_terms: 40,
            name_share: 0.5,
            profile_terms: 200,
            indexed_terms: 30,
            max_postings: 5000,
            max_candidates: 100,
            day_grace: 3.0,
            day_scale: 14.0,
        }
    }
}

/// The persistent description of a story.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// Summed term weights of the member articles, sorted by term.
    pub terms: Vec<(String, f32)>,
    pub articles: u32,
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
    /// Month and day of the first dateline without a year, for stories with no full date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month_day: Option<(u32, u32)>,
}

/// Where an article went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assignment {
    pub story: StoryId,
    pub created: bool,
    /// Similarity to the story joined (0 for a new story).
    pub score: f32,
}

/// What changed since the last [`Clusterer::take_changes`], for the store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    pub stories: Vec<(StoryId, Profile)>,
    pub term_df: Vec<(String, u32)>,
    pub doc_count: u64,
}

struct StoryState {
    terms: HashMap<String, f32>,
    articles: u32,
    first_day: Option<i32>,
    last_day: Option<i32>,
    month_day: Option<(u32, u32)>,
    indexed: Vec<String>,
    /// Norms of the story's content and name TF-IDF vectors, and the document count they were computed at.
    norm: [f32; 2],
    norm_docs: u64,
}

impl StoryState {
    fn new() -> Self {
        StoryState {
            terms: HashMap::default(),
            articles: 0,
            first_day: None,
            last_day: None,
            month_day: None,
            indexed: Vec::new(),
            norm: [0.0; 2],
            norm_docs: 0,
        }
    }
}

/// The online clusterer.
pub struct Clusterer {
    config: Config,
    df: HashMap<String, u32>,
    doc_count: u64,
    stories: HashMap<StoryId, StoryState>,
    postings: HashMap<String, Vec<StoryId>>,
    next_id: StoryId,
    dirty_stories: BTreeSet<StoryId>,
    dirty_terms: HashSet<String>,
}

impl Clusterer {
    pub fn new(config: Config) -> Self {
        Clusterer {
            config,
            df: HashMap::default(),
            doc_count: 0,
            stories: HashMap::default(),
            postings: HashMap::default(),
            next_id: 1,
            dirty_stories: BTreeSet::new(),
            dirty_terms: HashSet::default(),
        }
    }

    /// Rebuilds the in-memory index from stored state.
    pub fn restore(
        config: Config,
        stories: impl IntoIterator<Item = (StoryId, Profile)>,
        term_df: impl IntoIterator<Item = (String, u32)>,
        doc_count: u64,
    ) -> Self {
        let mut c = Clusterer::new(config);
        c.df = term_df.into_iter().collect();
        c.doc_count = doc_count;
        for (id, p) in stories {
            c.next_id = c.next_id.max(id + 1);
            let state = StoryState {
                terms: p.terms.into_iter().collect(),
                articles: p.articles,
                first_day: p.first_day,
                last_day: p.last_day,
                month_day: p.month_day,
                ..StoryState::new()
            };
            c.stories.insert(id, state);
            c.reindex(id);
            c.refresh_norm(id);
        }
        c
    }

    /// The id the next new story will get.
    pub fn next_story_id(&self) -> StoryId {
        self.next_id
    }

    pub fn story_count(&self) -> usize {
        self.stories.len()
    }

    /// Counts the article's terms into the document frequencies. Call once per new article.
    pub fn observe(&mut self, f: &Features) {
        self.doc_count += 1;
        for (t, _) in &f.terms {
            match self.df.get_mut(t.as_str()) {
                Some(n) => *n += 1,
                None => {
                    self.df.insert(t.clone(), 1);
                }
            }
            if !self.dirty_terms.contains(t.as_str()) {
                self.dirty_terms.insert(t.clone());
            }
        }
    }

    /// The best story for an article and its score, if any candidate clears the threshold.
    pub fn best(&mut self, f: &Features) -> Option<(StoryId, f32)> {
        let query = self.query_vector(f);
        let mut hits: HashMap<StoryId, u32> = HashMap::default();
        for (t, _, _) in &query {
            if let Some(list) = self.postings.get(*t) {
                if list.len() <= self.config.max_postings {
                    for &s in list {
                        *hits.entry(s).or_insert(0) += 1;
                    }
                }
            }
        }
        let mut candidates: Vec<(StoryId, u32)> = hits.into_iter().collect();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(self.config.max_candidates);
        let mut best: Option<(StoryId, f32)> = None;
        for (id, _) in candidates {
            if self.norm_is_stale(id) {
                self.refresh_norm(id);
            }
            let score = self.score(&query, f, id);
            let better = match best {
                None => true,
                Some((bid, bs)) => score > bs || (score == bs && id < bid),
            };
            if better {
                best = Some((id, score));
            }
        }
        best.filter(|&(_, s)| s >= self.config.threshold)
    }

    /// Observes the article and puts it into the best story or a new one.
    pub fn assign(&mut self, f: &Features) -> Assignment {
        self.observe(f);
        match self.best(f) {
            Some((story, score)) => {
                self.join(story, f);
                Assignment { story, created: false, score }
            }
            None => {
                let story = self.next_id;
                self.join(story, f);
                Assignment { story, created: true, score: 0.0 }
            }
        }
    }

    /// Adds an (already observed) article to a story, creating the story if it is new.
    pub fn join(&mut self, story: StoryId, f: &Features) {
        self.next_id = self.next_id.max(story + 1);
        let state = self.stories.entry(story).or_insert_with(StoryState::new);
        state.articles += 1;
        for (t, w) in &f.terms {
            match state.terms.get_mut(t.as_str()) {
                Some(x) => *x += w,
                None => {
                    state.terms.insert(t.clone(), *w);
                }
            }
        }
        if let Some(d) = f.day {
            state.first_day = Some(state.first_day.map_or(d, |x| x.min(d)));
            state.last_day = Some(state.last_day.map_or(d, |x| x.max(d)));
        }
        if state.month_day.is_none() {
            state.month_day = f.month_day;
        }
        let limit = self.config.profile_terms;
        if state.terms.len() > 2 * limit {
            let mut all: Vec<(String, f32)> = state.terms.drain().collect();
            all.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            all.truncate(limit);
            state.terms = all.into_iter().collect();
        }
        self.dirty_stories.insert(story);
        // A story's strongest terms settle as it grows: reindex small stories on
        // every join, larger ones on every fourth. Its norm is recomputed when it
        // is next scored.
        let articles = self.stories[&story].articles;
        if articles <= 8 || articles.is_multiple_of(4) {
            self.reindex(story);
        }
        self.stories.get_mut(&story).expect("story").norm_docs = 0;
    }

    /// Profiles and document frequencies changed since the last call.
    pub fn take_changes(&mut self) -> Changes {
        let stories = std::mem::take(&mut self.dirty_stories)
            .into_iter()
            .map(|id| (id, self.profile(id).expect("dirty story exists")))
            .collect();
        let mut terms: Vec<String> = std::mem::take(&mut self.dirty_terms).into_iter().collect();
        terms.sort_unstable();
        let term_df = terms
            .into_iter()
            .map(|t| {
                let df = self.df[&t];
                (t, df)
            })
            .collect();
        Changes { stories, term_df, doc_count: self.doc_count }
    }

    pub fn profile(&self, id: StoryId) -> Option<Profile> {
        let s = self.stories.get(&id)?;
        let mut terms: Vec<(String, f32)> = s.terms.iter().map(|(t, w)| (t.clone(), *w)).collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        Some(Profile {
            terms,
            articles: s.articles,
            first_day: s.first_day,
            last_day: s.last_day,
            month_day: s.month_day,
        })
    }

    fn idf(&self, term: &str) -> f32 {
        let df = self.df.get(term).copied().unwrap_or(0) as f32;
        ((self.doc_count as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// The article's strongest TF-IDF terms of each kind, each kind normalised
    /// on its own; the flag tells names.
    fn query_vector<'a>(&self, f: &'a Features) -> Vec<(&'a str, bool, f32)> {
        let mut out = Vec::new();
        for (names, limit) in [(false, self.config.query_terms), (true, self.config.query_terms / 2)] {
            let mut q: Vec<(&str, bool, f32)> = f
                .terms
                .iter()
                .filter(|(t, _)| is_name(t) == names)
                .map(|(t, w)| (t.as_str(), names, w * self.idf(t)))
                .collect();
            q.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(b.0)));
            q.truncate(limit);
            let norm = q.iter().map(|(_, _, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                q.iter_mut().for_each(|(_, _, w)| *w /= norm);
            }
            out.extend(q);
        }
        out
    }

    /// Similarity of an article to a story: the geometric mean of the cosine
    /// similarities of content and of names (content alone when either side
    /// has no names), damped by the distance in days.
    fn score(&self, query: &[(&str, bool, f32)], f: &Features, id: StoryId) -> f32 {
        let s = &self.stories[&id];
        let mut dot = [0.0f32; 2];
        let mut present = [false; 2];
        for &(t, name, q) in query {
            present[name as usize] = true;
            if let Some(w) = s.terms.get(t) {
                dot[name as usize] += q * w * self.idf(t);
            }
        }
        let cos = |i: usize| if s.norm[i] > 0.0 { dot[i] / s.norm[i] } else { 0.0 };
        let share = self.config.name_share;
        let sim = if present[1] && s.norm[1] > 0.0 && share > 0.0 {
            cos(0).max(0.0).powf(1.0 - share) * cos(1).max(0.0).powf(share)
        } else {
            cos(0)
        };
        sim * self.time_factor(f, s)
    }

    /// Document frequencies drift slowly, so a story's norm is recomputed when
    /// the story has changed or the corpus has grown by 5% since, not per query.
    fn norm_is_stale(&self, id: StoryId) -> bool {
        let computed = self.stories[&id].norm_docs;
        computed == 0 || self.doc_count > computed + computed / 20 + 8
    }

    fn refresh_norm(&mut self, id: StoryId) {
        let s = &self.stories[&id];
        let mut norm = [0.0f32; 2];
        for (t, w) in &s.terms {
            norm[is_name(t) as usize] += (w * self.idf(t)).powi(2);
        }
        let norm = norm.map(f32::sqrt);
        let s = self.stories.get_mut(&id).expect("story");
        s.norm = norm;
        s.norm_docs = self.doc_count;
    }

    /// Damping by the distance in days between an article and a story's span.
    /// A dateline without a year is compared by month and day, the nearest year
    /// assumed; with no date on either side there is no damping.
    fn time_factor(&self, f: &Features, s: &StoryState) -> f32 {
        let gap = match (f.day, s.first_day.zip(s.last_day)) {
            (Some(d), Some((first, last))) => (first - d).max(d - last).max(0),
            (Some(d), None) => match s.month_day {
                Some(md) => cyclic_gap(month_day_of(d), md),
                None => return 1.0,
            },
            (None, Some((first, last))) => match f.month_day {
                Some(md) => cyclic_gap(md, month_day_of(first)).min(cyclic_gap(md, month_day_of(last))),
                None => return 1.0,
            },
            (None, None) => match (f.month_day, s.month_day) {
                (Some(a), Some(b)) => cyclic_gap(a, b),
                _ => return 1.0,
            },
        } as f32;
        if gap <= self.config.day_grace {
            1.0
        } else {
            (-(gap - self.config.day_grace) / self.config.day_scale).exp()
        }
    }

    /// Recomputes the terms a story is found under and updates the postings.
    fn reindex(&mut self, id: StoryId) {
        let s = &self.stories[&id];
        let mut top: Vec<(&String, f32)> = s.terms.iter().map(|(t, w)| (t, w * self.idf(t))).collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let new: Vec<String> =
            top.into_iter().take(self.config.indexed_terms).map(|(t, _)| t.clone()).collect();
        let old = std::mem::take(&mut self.stories.get_mut(&id).expect("story").indexed);
        for t in old.iter().filter(|t| !new.contains(t)) {
            if let Some(list) = self.postings.get_mut(t) {
                list.retain(|&s| s != id);
            }
        }
        for t in new.iter().filter(|t| !old.contains(t)) {
            self.postings.entry(t.clone()).or_default().push(id);
        }
        self.stories.get_mut(&id).expect("story").indexed = new;
    }
}

/// Month and day of a day number.
fn month_day_of(day: i32) -> (u32, u32) {
    // Civil from days (Howard Hinnant's algorithm).
    let z = day + 719_468;
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (m, d)
}

/// Days between two month-days, the years chosen to make it smallest.
fn cyclic_gap(a: (u32, u32), b: (u32, u32)) -> i32 {
    const BEFORE: [i32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let doy = |(m, d): (u32, u32)| BEFORE[(m as usize - 1).min(11)] + d as i32;
    let diff = (doy(a) - doy(b)).rem_euclid(365);
    diff.min(365 - diff)
}

fn is_name(term: &str) -> bool {
    term.starts_with(NAME_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features;

    fn f(text: &str, date: &str) -> Features {
        features("", text, Some(date))
    }

    #[test]
    fn same_event_joins_and_other_event_opens_a_story() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(&f(
            "Leaders of Norland and Sarvia signed a water treaty on the Saro river dam quotas.",
            "2026-03-04",
        ));
        let b = c.assign(&f(
            "The Saro river water treaty signed by Norland and Sarvia sets dam quotas.",
            "2026-03-05",
        ));
        let other =
            c.assign(&f("A fire destroyed the Kestrel battery factory; workers were injured.", "2026-03-05"));
        assert!(a.created);
        assert_eq!(b.story, a.story);
        assert!(!b.created);
        assert!(other.created);
        assert_ne!(other.story, a.story);
    }

    #[test]
    fn the_same_words_months_apart_make_a_new_story() {
        let mut c = Clusterer::new(Config::default());
        let text = "Leaders of Norland and Sarvia met in Tarsk to discuss the Saro river.";
        let a = c.assign(&f(text, "2026-03-04"));
        let b = c.assign(&f(text, "2025-10-12"));
        assert_ne!(a.story, b.story);
    }

    #[test]
    fn month_days_are_compared_across_the_turn_of_the_year() {
        assert_eq!(month_day_of(crate::day_number("2026-03-04").unwrap()), (3, 4));
        assert_eq!(month_day_of(crate::day_number("2024-02-29").unwrap()), (2, 29));
        assert_eq!(cyclic_gap((12, 30), (1, 2)), 3);
        assert_eq!(cyclic_gap((3, 4), (10, 14)), 141);
    }

    #[test]
    fn a_dateline_months_away_keeps_the_same_actors_apart() {
        let mut c = Clusterer::new(Config::default());
        let text = "Leaders of Norland and Sarvia met in Tarsk to discuss the Saro river.";
        let a = c.assign(&features("", &format!("TARSK, March 4 — {text}"), None));
        let b = c.assign(&f(text, "2025-10-14"));
        let same = c.assign(&f(text, "2026-03-05"));
        assert_ne!(a.story, b.story);
        assert_eq!(same.story, a.story);
    }

    #[test]
    fn restore_resumes_with_the_same_decisions() {
        let texts = [
            ("Norland and Sarvia signed a Saro river water treaty with dam quotas.", "2026-03-04"),
            ("A fire destroyed the Kestrel battery factory near Port Alma.", "2026-03-05"),
            ("Kestrel battery factory fire: workers injured near Port Alma.", "2026-03-05"),
        ];
        let mut whole = Clusterer::new(Config::default());
        let expected: Vec<StoryId> = texts.iter().map(|(t, d)| whole.assign(&f(t, d)).story).collect();

        let mut first = Clusterer::new(Config::default());
        let mut got = vec![first.assign(&f(texts[0].0, texts[0].1)).story];
        let changes = first.take_changes();
        let mut resumed =
            Clusterer::restore(Config::default(), changes.stories, changes.term_df, changes.doc_count);
        got.extend(texts[1..].iter().map(|(t, d)| resumed.assign(&f(t, d)).story));
        assert_eq!(got, expected);
        assert_eq!(got[1], got[2]);
    }

    #[test]
    fn changes_list_each_touched_story_once() {
        let mut c = Clusterer::new(Config::default());
        c.assign(&f("Saro river treaty water quotas dam.", "2026-03-04"));
        c.assign(&f("Saro river treaty water quotas dam signed.", "2026-03-04"));
        let changes = c.take_changes();
        assert_eq!(changes.stories.len(), 1);
        assert_eq!(changes.stories[0].1.articles, 2);
        assert_eq!(changes.doc_count, 2);
        assert!(c.take_changes().stories.is_empty());
    }
}
