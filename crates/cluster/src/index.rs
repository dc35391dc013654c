//! The clustering index: story profiles, document frequencies and postings.
//!
//! Terms are interned (see [`crate::terms`]): profiles, postings and document
//! frequencies are keyed by dense ids; strings are looked up once per article
//! and written out only in [`Profile`]s and [`Changes`], which keep their
//! string form for the store.

use crate::postings::{window_days, Ageing, Hits, Postings};
use crate::terms::{TermId, Vocabulary};
use crate::Features;
use corroborate_model::StoryId;
use rustc_hash::FxHashMap as HashMap;
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
    /// Days an article may be dated before the newest article seen and still be
    /// compared with only the stories of the time window. Stories whose last
    /// article precedes the newest article by more than the damping's reach
    /// plus these days stop taking candidates, except from undated articles and
    /// articles later than this.
    pub late_days: i32,
    /// Factor on the similarity of an article that stresses a year its story,
    /// which names other years, never names (1: years are ignored).
    pub year_penalty: f32,
    /// Nearest neighbours each article keeps in the batch pass (`recluster`).
    pub link_neighbours: usize,
    /// The link between two groups that the batch pass merges at, over many
    /// pairs; a link over `m` pairs needs `link_cut + (threshold − link_cut) / m`.
    pub link_cut: f32,
}

/// Weight of a year term (`1 + ln count`, lead words counted twice) from
/// which the article stresses it: named in the lead, or more than once.
pub(crate) const STRESSED_YEAR: f32 = 1.5;

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
            late_days: 14,
            year_penalty: 0.5,
            link_neighbours: 5,
            link_cut: 0.1,
        }
    }
}

/// The work [`Clusterer::best`] has done so far, counted rather than timed so
/// that runs on different machines, or on one busy machine, compare: if these
/// grow per article as the index grows, a query's cost does too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// Posting entries read to find candidate stories.
    pub postings_read: u64,
    /// Candidate stories scored.
    pub stories_scored: u64,
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

#[derive(Default)]
struct StoryState {
    /// Summed weights, sorted by term id.
    terms: Vec<(TermId, f32)>,
    articles: u32,
    first_day: Option<i32>,
    last_day: Option<i32>,
    month_day: Option<(u32, u32)>,
    indexed: Vec<TermId>,
    /// Norms of the story's content and name TF-IDF vectors, and the document count they were computed at.
    norm: [f32; 2],
    norm_docs: u64,
    /// Whether the story's postings are in the retired lists.
    retired: bool,
    /// Whether any of its articles named a year.
    names_years: bool,
}

impl StoryState {
    fn when(&self) -> When {
        When { span: self.first_day.zip(self.last_day), month_day: self.month_day }
    }

    fn weight(&self, term: TermId) -> Option<f32> {
        self.terms.binary_search_by_key(&term, |&(t, _)| t).ok().map(|i| self.terms[i].1)
    }
}

/// A query term: id, whether it is a name, normalised weight and idf.
#[derive(Clone, Copy)]
struct QueryTerm {
    term: TermId,
    name: bool,
    weight: f32,
    idf: f32,
}

/// An article's features with their terms interned, from
/// [`Clusterer::observe`]: what [`Clusterer::best`] compares with the stories
/// and [`Clusterer::join`] adds to one.
#[derive(Clone, Debug)]
pub struct Observed {
    /// (term id, weight), in the order of the features' terms.
    terms: Vec<(TermId, f32)>,
    day: Option<i32>,
    month_day: Option<(u32, u32)>,
    /// The terms that are years.
    years: Vec<TermId>,
    /// Whether one of them is named in the lead or more than once.
    stresses_year: bool,
}

impl Observed {
    fn when(&self) -> When {
        When::of(self.day, self.month_day)
    }
}

/// The online clusterer.
pub struct Clusterer {
    config: Config,
    /// Days of the time window, if stories retire at all.
    window: Option<i32>,
    vocab: Vocabulary,
    /// Document frequency by term id.
    df: Vec<u32>,
    doc_count: u64,
    stories: HashMap<StoryId, StoryState>,
    postings: Postings,
    /// Hit counts of the current query, kept to reuse their memory.
    hits: Hits,
    /// Day of the newest dated article observed.
    newest_day: Option<i32>,
    ageing: Ageing,
    next_id: StoryId,
    dirty_stories: BTreeSet<StoryId>,
    dirty_terms: Vec<TermId>,
    /// Whether each term is in `dirty_terms`.
    is_dirty: Vec<bool>,
    work: Work,
}

impl Clusterer {
    pub fn new(config: Config) -> Self {
        Clusterer {
            window: window_days(&config),
            config,
            vocab: Vocabulary::default(),
            df: Vec::new(),
            doc_count: 0,
            stories: HashMap::default(),
            postings: Postings::default(),
            hits: Hits::default(),
            newest_day: None,
            ageing: Ageing::default(),
            next_id: 1,
            dirty_stories: BTreeSet::new(),
            dirty_terms: Vec::new(),
            is_dirty: Vec::new(),
            work: Work::default(),
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
        for (term, df) in term_df {
            let id = c.intern(&term);
            c.df[id as usize] = df;
        }
        c.doc_count = doc_count;
        for (id, p) in stories {
            c.next_id = c.next_id.max(id + 1);
            let mut terms: Vec<(TermId, f32)> = p.terms.iter().map(|(t, w)| (c.intern(t), *w)).collect();
            terms.sort_unstable_by_key(|&(t, _)| t);
            let state = StoryState {
                names_years: terms.iter().any(|&(t, _)| c.vocab.is_year(t)),
                terms,
                articles: p.articles,
                first_day: p.first_day,
                last_day: p.last_day,
                month_day: p.month_day,
                ..StoryState::default()
            };
            c.stories.insert(id, state);
            c.reindex(id);
            c.refresh_norm(id);
            if let Some(last) = p.last_day {
                c.ageing.push(last, id);
                c.advance_to(last);
            }
        }
        c.retire_old();
        c
    }

    /// The id the next new story will get.
    pub fn next_story_id(&self) -> StoryId {
        self.next_id
    }

    /// Makes new stories take ids above `issued`, which stories no longer
    /// there once had.
    pub fn issued_up_to(&mut self, issued: StoryId) {
        self.next_id = self.next_id.max(issued + 1);
    }

    /// The work queries have done since the clusterer was made or restored.
    pub fn work(&self) -> Work {
        self.work
    }

    pub fn story_count(&self) -> usize {
        self.stories.len()
    }

    /// Counts the article's terms into the document frequencies and interns
    /// them. Call once per new article.
    pub fn observe(&mut self, f: &Features) -> Observed {
        self.doc_count += 1;
        let mut terms = Vec::with_capacity(f.terms.len());
        for (t, w) in &f.terms {
            let id = self.intern(t);
            terms.push((id, *w));
            let i = id as usize;
            self.df[i] += 1;
            if !self.is_dirty[i] {
                self.is_dirty[i] = true;
                self.dirty_terms.push(id);
            }
        }
        if let Some(d) = f.day {
            self.advance_to(d);
            self.retire_old();
        }
        let years = terms.iter().filter(|&&(t, _)| self.vocab.is_year(t));
        let stresses_year = years.clone().any(|&(_, w)| w >= STRESSED_YEAR);
        let years = years.map(|&(t, _)| t).collect();
        Observed { terms, day: f.day, month_day: f.month_day, years, stresses_year }
    }

    /// The best story for an article and its score, if any candidate clears the threshold.
    pub fn best(&mut self, f: &Observed) -> Option<(StoryId, f32)> {
        let query = self.query_vector(f);
        self.work.postings_read += self.postings.count_hits(
            query.iter().map(|q| q.term),
            self.config.max_postings,
            self.needs_retired(f),
            &mut self.hits,
        );
        let mut candidates = self.hits.take();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(self.config.max_candidates);
        self.work.stories_scored += candidates.len() as u64;
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

    /// Whether the article's date lets it join `story` at all. Words alone
    /// never outweigh the damping by days: even word for word the same, an
    /// article dated beyond a story's reach (a release reused months later)
    /// reports another event. Undated articles and stories are always in reach.
    pub fn in_time_reach(&self, story: StoryId, f: &Observed) -> bool {
        self.stories
            .get(&story)
            .is_none_or(|s| time_factor(f.when(), s.when(), &self.config) >= self.config.threshold)
    }

    /// Observes the article and puts it into the best story or a new one.
    pub fn assign(&mut self, f: &Features) -> Assignment {
        let f = self.observe(f);
        match self.best(&f) {
            Some((story, score)) => {
                self.join(story, &f);
                Assignment { story, created: false, score }
            }
            None => {
                let story = self.next_id;
                self.join(story, &f);
                Assignment { story, created: true, score: 0.0 }
            }
        }
    }

    /// Adds an (already observed) article to a story, creating the story if it is new.
    pub fn join(&mut self, story: StoryId, f: &Observed) {
        self.next_id = self.next_id.max(story + 1);
        let state = self.stories.entry(story).or_default();
        let was_retired = std::mem::take(&mut state.retired);
        if was_retired {
            self.postings.set_retired(&state.indexed, story, false);
        }
        state.articles += 1;
        state.names_years |= !f.years.is_empty();
        let known = state.terms.len();
        for &(t, w) in &f.terms {
            match state.terms[..known].binary_search_by_key(&t, |&(x, _)| x) {
                Ok(i) => state.terms[i].1 += w,
                Err(_) => state.terms.push((t, w)),
            }
        }
        if state.terms.len() > known {
            state.terms.sort_unstable_by_key(|&(t, _)| t);
        }
        let last_day = state.last_day;
        if let Some(d) = f.day {
            state.first_day = Some(state.first_day.map_or(d, |x| x.min(d)));
            state.last_day = Some(state.last_day.map_or(d, |x| x.max(d)));
        }
        if state.month_day.is_none() {
            state.month_day = f.month_day;
        }
        if let Some(last) = state.last_day.filter(|&l| was_retired || Some(l) != last_day) {
            self.ageing.push(last, story);
        }
        let limit = self.config.profile_terms;
        if state.terms.len() > 2 * limit {
            let vocab = &self.vocab;
            state.terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| vocab.cmp(a.0, b.0)));
            state.terms.truncate(limit);
            state.terms.sort_unstable_by_key(|&(t, _)| t);
        }
        self.dirty_stories.insert(story);
        // A story's strongest terms settle as it grows: reindex small stories on
        // every join, larger ones on every fourth. Its norm is recomputed when it
        // is next scored.
        let articles = state.articles;
        state.norm_docs = 0;
        if articles <= 8 || articles.is_multiple_of(4) {
            self.reindex(story);
        }
    }

    /// Profiles and document frequencies changed since the last call.
    pub fn take_changes(&mut self) -> Changes {
        let stories = std::mem::take(&mut self.dirty_stories)
            .into_iter()
            .map(|id| (id, self.profile(id).expect("dirty story exists")))
            .collect();
        let mut terms = std::mem::take(&mut self.dirty_terms);
        terms.sort_unstable_by(|&a, &b| self.vocab.cmp(a, b));
        let term_df = terms
            .into_iter()
            .map(|t| {
                self.is_dirty[t as usize] = false;
                (self.vocab.term(t).to_string(), self.df[t as usize])
            })
            .collect();
        Changes { stories, term_df, doc_count: self.doc_count }
    }

    pub fn profile(&self, id: StoryId) -> Option<Profile> {
        let s = self.stories.get(&id)?;
        let mut terms: Vec<(String, f32)> =
            s.terms.iter().map(|&(t, w)| (self.vocab.term(t).to_string(), w)).collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        Some(Profile {
            terms,
            articles: s.articles,
            first_day: s.first_day,
            last_day: s.last_day,
            month_day: s.month_day,
        })
    }

    /// The id of a term, adding it (with no documents yet) if it is new.
    fn intern(&mut self, term: &str) -> TermId {
        let id = self.vocab.intern(term);
        if self.df.len() < self.vocab.len() {
            self.df.resize(self.vocab.len(), 0);
            self.is_dirty.resize(self.vocab.len(), false);
            self.postings.grow(self.vocab.len());
        }
        id
    }

    fn idf(&self, term: TermId) -> f32 {
        let df = self.df[term as usize] as f32;
        ((self.doc_count as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    fn advance_to(&mut self, day: i32) {
        self.newest_day = Some(self.newest_day.map_or(day, |n| n.max(day)));
    }

    /// Retires the stories whose last article is older than the time window.
    fn retire_old(&mut self) {
        let (Some(newest), Some(window)) = (self.newest_day, self.window) else { return };
        while let Some((day, id)) = self.ageing.pop_before(newest.saturating_sub(window)) {
            let s = self.stories.get_mut(&id).expect("aged story exists");
            if !s.retired && s.last_day == Some(day) {
                s.retired = true;
                self.postings.set_retired(&s.indexed, id, true);
            }
        }
    }

    /// Whether an article may belong to a retired story: it is undated, or
    /// dated more than `late_days` before the newest article.
    fn needs_retired(&self, f: &Observed) -> bool {
        match (f.day, self.newest_day) {
            (Some(d), Some(newest)) => d < newest.saturating_sub(self.config.late_days),
            (Some(_), None) => false,
            (None, _) => true,
        }
    }

    /// The article's strongest TF-IDF terms of each kind, each kind normalised on its own.
    fn query_vector(&self, f: &Observed) -> Vec<QueryTerm> {
        let mut all: Vec<QueryTerm> = Vec::with_capacity(f.terms.len());
        for &(term, w) in &f.terms {
            let idf = self.idf(term);
            all.push(QueryTerm { term, name: self.vocab.is_name(term), weight: w * idf, idf });
        }
        let mut out = Vec::new();
        for (names, limit) in [(false, self.config.query_terms), (true, self.config.query_terms / 2)] {
            let mut q: Vec<QueryTerm> = all.iter().copied().filter(|q| q.name == names).collect();
            q.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| self.vocab.cmp(a.term, b.term)));
            q.truncate(limit);
            let norm = q.iter().map(|q| q.weight * q.weight).sum::<f32>().sqrt();
            if norm > 0.0 {
                q.iter_mut().for_each(|q| q.weight /= norm);
            }
            out.extend(q);
        }
        out
    }

    /// Similarity of an article to a story: the geometric mean of the cosine
    /// similarities of content and of names (content alone when either side
    /// has no names), damped by the distance in days.
    fn score(&self, query: &[QueryTerm], f: &Observed, id: StoryId) -> f32 {
        let s = &self.stories[&id];
        let mut dot = [0.0f32; 2];
        let mut present = [false; 2];
        for q in query {
            present[q.name as usize] = true;
            if let Some(w) = s.weight(q.term) {
                dot[q.name as usize] += q.weight * w * q.idf;
            }
        }
        let cos = |i: usize| if s.norm[i] > 0.0 { dot[i] / s.norm[i] } else { 0.0 };
        let names = (present[1] && s.norm[1] > 0.0).then(|| cos(1));
        let sim = combined(cos(0), names, self.config.name_share);
        sim * time_factor(f.when(), s.when(), &self.config) * self.year_factor(f, s)
    }

    /// An undated article whose lead (or more than one sentence) names a
    /// year, when its story has named years but none of the article's,
    /// reports another event of the same kind: the same recall, match or
    /// heist years apart. Where both sides are dated, the dates say it
    /// better (a year in a text may be a target, `by 2031`, or history).
    fn year_factor(&self, f: &Observed, s: &StoryState) -> f32 {
        let dated = f.day.is_some() && s.last_day.is_some();
        if dated || !f.stresses_year || !s.names_years || f.years.iter().any(|&t| s.weight(t).is_some()) {
            1.0
        } else {
            self.config.year_penalty
        }
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
        for &(t, w) in &s.terms {
            norm[self.vocab.is_name(t) as usize] += (w * self.idf(t)).powi(2);
        }
        let norm = norm.map(f32::sqrt);
        let s = self.stories.get_mut(&id).expect("story");
        s.norm = norm;
        s.norm_docs = self.doc_count;
    }

    /// Recomputes the terms a story is found under and updates the postings.
    fn reindex(&mut self, id: StoryId) {
        let s = &self.stories[&id];
        let mut top: Vec<(TermId, f32)> = s
            .terms
            .iter()
            .filter(|&&(t, _)| !self.vocab.is_figure(t))
            .map(|&(t, w)| (t, w * self.idf(t)))
            .collect();
        let limit = self.config.indexed_terms;
        let by_score =
            |a: &(TermId, f32), b: &(TermId, f32)| b.1.total_cmp(&a.1).then_with(|| self.vocab.cmp(a.0, b.0));
        if top.len() > limit {
            top.select_nth_unstable_by(limit, by_score);
            top.truncate(limit);
        }
        top.sort_by(by_score);
        let new: Vec<TermId> = top.into_iter().map(|(t, _)| t).collect();
        let retired = s.retired;
        let old = std::mem::take(&mut self.stories.get_mut(&id).expect("story").indexed);
        for &t in old.iter().filter(|t| !new.contains(t)) {
            self.postings.remove(t, id, retired);
        }
        for &t in new.iter().filter(|t| !old.contains(t)) {
            self.postings.add(t, id, retired);
        }
        self.stories.get_mut(&id).expect("story").indexed = new;
    }
}

/// The geometric mean of the content and name cosines (`share` the weight
/// of names), or the content cosine alone when either side has no names.
pub(crate) fn combined(content: f32, names: Option<f32>, share: f32) -> f32 {
    match names {
        Some(names) if share > 0.0 => content.max(0.0).powf(1.0 - share) * names.max(0.0).powf(share),
        _ => content,
    }
}

/// When an article, or the articles of a story, happened, as far as known:
/// a span of days, or the month and day of a dateline without a year.
#[derive(Clone, Copy)]
pub(crate) struct When {
    pub span: Option<(i32, i32)>,
    pub month_day: Option<(u32, u32)>,
}

impl When {
    /// An article's: its day, or the month and day of its dateline.
    pub fn of(day: Option<i32>, month_day: Option<(u32, u32)>) -> When {
        When { span: day.map(|d| (d, d)), month_day }
    }
}

/// Damping by the distance in days between an article and a story's span
/// (or another article). A dateline without a year is compared by month and
/// day, the nearest year assumed; with no date on either side there is no
/// damping.
pub(crate) fn time_factor(article: When, other: When, config: &Config) -> f32 {
    let gap = match (article.span, other.span) {
        (Some((a1, a2)), Some((b1, b2))) => Some((b1 - a2).max(a1 - b2).max(0)),
        (Some((day, _)), None) => other.month_day.map(|md| cyclic_gap(month_day_of(day), md)),
        (None, Some((first, last))) => article
            .month_day
            .map(|md| cyclic_gap(md, month_day_of(first)).min(cyclic_gap(md, month_day_of(last)))),
        (None, None) => article.month_day.zip(other.month_day).map(|(a, b)| cyclic_gap(a, b)),
    };
    let Some(gap) = gap else { return 1.0 };
    let gap = gap as f32;
    if gap <= config.day_grace {
        1.0
    } else {
        (-(gap - config.day_grace) / config.day_scale).exp()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features;

    fn f(text: &str, date: &str) -> Features {
        features("", text, Some(date))
    }

    /// A meeting that happens more than once, in the same words each time.
    const MEETING: &str = "Leaders of Norland and Sarvia met in Tarsk to discuss the Saro river.";

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
    fn reports_join_within_their_language_only() {
        use corroborate_text::Language;
        let treaty = (
            "Norland, Sarvia sign Saro treaty in Tarsk",
            "The Saro treaty of Norland and Sarvia was signed in Tarsk.",
        );
        let vertrag = (
            "Norland, Sarvia: Saro-Vertrag in Tarsk",
            "Norland und Sarvia haben in Tarsk den Vertrag über den Saro unterzeichnet.",
        );
        let nachricht = (
            "Saro-Vertrag: Norland und Sarvia in Tarsk",
            "In Tarsk unterzeichneten Norland und Sarvia den Vertrag über den Saro.",
        );
        let place = |language: Language| {
            let f =
                |(title, body): (&str, &str)| crate::features_in(language, title, body, Some("2026-03-05"));
            let mut c = Clusterer::new(Config::default());
            let english = c.assign(&crate::features(treaty.0, treaty.1, Some("2026-03-04")));
            (english.story, c.assign(&f(vertrag)).story, c.assign(&f(nachricht)).story)
        };
        // Read as German, the German reports make a story of their own.
        let (english, german, german_again) = place(Language::German);
        assert_ne!(german, english);
        assert_eq!(german_again, german);
        // Read as English, their names and titles would have joined them to the English report.
        let (english, german, _) = place(Language::English);
        assert_eq!(german, english);
    }

    #[test]
    fn the_same_words_months_apart_make_a_new_story() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(&f(MEETING, "2026-03-04"));
        let b = c.assign(&f(MEETING, "2025-10-12"));
        assert_ne!(a.story, b.story);
    }

    #[test]
    fn a_story_months_away_is_out_of_reach_whatever_the_words() {
        let mut c = Clusterer::new(Config::default());
        let a = c.assign(&f(MEETING, "2026-03-04"));
        let near = c.observe(&f(MEETING, "2026-03-20"));
        let far = c.observe(&f(MEETING, "2026-09-01"));
        let undated = c.observe(&features("", MEETING, None));
        assert!(c.in_time_reach(a.story, &near));
        assert!(!c.in_time_reach(a.story, &far));
        assert!(c.in_time_reach(a.story, &undated));
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
        let a = c.assign(&features("", &format!("TARSK, March 4 — {MEETING}"), None));
        let b = c.assign(&f(MEETING, "2025-10-14"));
        let same = c.assign(&f(MEETING, "2026-03-05"));
        assert_ne!(a.story, b.story);
        assert_eq!(same.story, a.story);
    }

    #[test]
    fn a_year_the_story_never_names_opens_another_story() {
        let first =
            "In 2019 Kestrel Motors recalled cars of the Arden model with faulty brakes, the company said.";
        let later = "Kestrel Motors is recalling Arden cars again in 2023, this time for faulty airbags; dealers will replace them.";
        let again = "Kestrel Motors said the 2019 recall of Arden cars with faulty brakes was going well.";
        let undated = "Kestrel Motors said owners of Arden cars with faulty brakes can book repairs.";
        let mut c = Clusterer::new(Config::default());
        let story = c.assign(&features("", first, None)).story;
        assert_ne!(c.assign(&features("", later, None)).story, story);
        assert_eq!(c.assign(&features("", again, None)).story, story);
        assert_eq!(c.assign(&features("", undated, None)).story, story);
        // With years ignored, the later recall joins the first.
        let mut c = Clusterer::new(Config { year_penalty: 1.0, ..Config::default() });
        let story = c.assign(&features("", first, None)).story;
        assert_eq!(c.assign(&features("", later, None)).story, story);
        // Dated the same day, the dates speak: a year in the text may be history or a target.
        let mut c = Clusterer::new(Config::default());
        let story = c.assign(&f(first, "2026-03-04")).story;
        assert_eq!(c.assign(&f(later, "2026-03-04")).story, story);
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

    /// A feed in date order: `events` events over as many days, each reported
    /// three times over two days, with some wording shared across events.
    fn ordered_feed(events: usize) -> Vec<Features> {
        const HEADS: [&str; 13] =
            ["Tar", "Lind", "Alm", "Ves", "Orl", "Kest", "Brav", "Dun", "Fel", "Gor", "Hal", "Ism", "Jor"];
        const TAILS: [&str; 13] =
            ["sk", "grad", "ova", "ena", "ov", "rel", "ik", "mor", "ida", "ast", "ene", "ul", "ath"];
        const SUBJECTS: [&str; 5] =
            ["river treaty talks", "battery factory fire", "rail strike", "harbour flood", "election count"];
        let mut feed = Vec::new();
        for e in 0..events {
            let (place, subject) = (format!("{}{}", HEADS[e % 13], TAILS[e / 13 % 13]), SUBJECTS[e % 5]);
            for version in 0..3 {
                let day = 20_000 + e as i32 + version / 2;
                let text = format!(
                    "Officials in {place} said the {subject} went on for a {} day. Reporters met {place} \
                     residents near the {subject} site. Report {version}.",
                    ["first", "second", "third"][version as usize]
                );
                let mut f = features("", &text, None);
                f.day = Some(day);
                feed.push(f);
            }
        }
        feed
    }

    #[test]
    fn retiring_old_stories_changes_no_decision_on_an_ordered_feed() {
        let feed = ordered_feed(150);
        let never = Config { late_days: 1_000_000, ..Config::default() };
        let mut reference = Clusterer::new(never);
        let expected: Vec<StoryId> = feed.iter().map(|f| reference.assign(f).story).collect();
        let mut c = Clusterer::new(Config::default());
        let got: Vec<StoryId> = feed.iter().map(|f| c.assign(f).story).collect();
        assert_eq!(got, expected);
        let retired = c.stories.values().filter(|s| s.retired).count();
        assert!(retired > c.stories.len() / 2, "{retired} of {} retired", c.stories.len());
        assert!(!reference.stories.values().any(|s| s.retired));
        assert!(expected.iter().collect::<BTreeSet<_>>().len() > 100);
    }

    #[test]
    fn late_and_undated_articles_still_reach_retired_stories() {
        let text = "Leaders of Norland and Sarvia met in Tarsk to discuss the Saro river dam quotas.";
        let mut c = Clusterer::new(Config::default());
        let old = c.assign(&f(text, "2026-01-05"));
        c.assign(&f("A fire destroyed the Kestrel battery factory near Port Alma.", "2026-06-01"));
        assert!(c.stories[&old.story].retired);
        // Dated like the old story, long after it retired: found through the retired postings.
        let late = c.assign(&f(text, "2026-01-06"));
        assert_eq!(late.story, old.story);
        assert!(!c.stories[&old.story].retired, "joining brings a story back");
        c.assign(&f("Kestrel battery factory fire: workers injured near Port Alma.", "2026-06-02"));
        assert!(c.stories[&old.story].retired);
        let undated = c.assign(&features("", text, None));
        assert_eq!(undated.story, old.story);
        // An article of the current days does not see it.
        let current = c.assign(&f(text, "2026-06-02"));
        assert!(current.created);
    }

    #[test]
    fn restored_stories_retire_by_their_last_day() {
        let mut c = Clusterer::new(Config::default());
        let old = c.assign(&f("Saro river treaty water quotas dam.", "2026-01-05")).story;
        let new = c.assign(&f("Kestrel battery factory fire near Port Alma.", "2026-06-01")).story;
        let changes = c.take_changes();
        let r = Clusterer::restore(Config::default(), changes.stories, changes.term_df, changes.doc_count);
        assert!(r.stories[&old].retired && !r.stories[&new].retired);
        assert_eq!(r.newest_day, crate::day_number("2026-06-01"));
    }

    #[test]
    fn work_counts_the_postings_read_and_the_stories_scored() {
        // Nothing joins, so each report opens a story under the shared words.
        let mut c = Clusterer::new(Config { threshold: 2.0, max_candidates: 2, ..Config::default() });
        let report = |place: &str| {
            f(&format!("Officials in {place} said the river treaty talks went on."), "2026-03-04")
        };
        for place in ["Tarsk", "Lindgrad", "Almova"] {
            c.assign(&report(place));
        }
        // Each story is listed under each of its indexed terms the new report shares.
        let query = report("Vesena");
        let shared: usize = c
            .stories
            .values()
            .map(|s| {
                s.indexed.iter().filter(|&&t| query.terms.iter().any(|(q, _)| q == c.vocab.term(t))).count()
            })
            .sum();
        assert!(shared >= 3 * 3, "officials, river, treaty… in all three stories: {shared}");
        let before = c.work();
        c.assign(&query);
        let after = c.work();
        assert_eq!(after.stories_scored - before.stories_scored, 2, "three candidates, two scored");
        assert_eq!(after.postings_read - before.postings_read, shared as u64);
        c.assign(&f("A fire destroyed the Kestrel battery factory near Port Alma.", "2026-03-04"));
        assert_eq!(c.work(), after, "no shared word, nothing read");
    }

    #[test]
    fn retiring_old_stories_keeps_the_work_per_article_flat() {
        // Postings read by articles 150–299 and 300–449 of a feed of 150 days,
        // once the time window (about 50 days) is full.
        let reads = |config: Config| {
            let mut c = Clusterer::new(config);
            let mut marks = Vec::new();
            for (i, f) in ordered_feed(150).iter().enumerate() {
                if i % 150 == 0 {
                    marks.push(c.work().postings_read);
                }
                c.assign(f);
            }
            marks.push(c.work().postings_read);
            (marks[2] - marks[1], marks[3] - marks[2])
        };
        let (middle, last) = reads(Config::default());
        assert!(last * 10 <= middle * 11, "retiring: {middle} then {last}");
        // Without the window, every query reads the lists of all earlier stories.
        let (middle, last) = reads(Config { late_days: 1_000_000, ..Config::default() });
        assert!(last * 10 >= middle * 15, "never retiring: {middle} then {last}");
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
