//! The batch pass: stories drawn with every article in view.
//!
//! Online, one weak join into a young story drags the rest of another event
//! after it. With the whole store known, each article is instead compared
//! with its nearest neighbours only, and groups are merged bottom-up, the
//! closest first, by the average similarity across them on that
//! neighbour graph:
//!
//! 1. Document frequencies come from every article pushed (the engine
//!    pushes one per wire-copy group). An article is a pair of
//!    TF-IDF vectors, as online: its strongest content terms (twice
//!    `query_terms`) and names (`query_terms`), each of unit length.
//! 2. Candidates come from an inverted index over each article's strongest
//!    terms, as online; each article keeps its `link_neighbours` most
//!    similar candidates, those at least half as similar as the nearest.
//!    Similarity is the online one between two articles: the geometric mean
//!    of the two cosines, damped by days and by a year one stresses and the
//!    other never names.
//! 3. The edges of the neighbour graph (an edge when either end counts the
//!    other among its nearest) carry that similarity; every other pair
//!    counts as 0.
//! 4. Two groups of `a` and `b` articles are linked by the sum of the edges
//!    across them over `m = min(a·b, k·min(a, b))` pairs, or over the edges
//!    themselves when there are more: their mean similarity for small
//!    groups, and for larger ones the mean over as many pairs as the
//!    neighbour graph can hold, so that a large event is not split merely
//!    because it is large. A link merges when it
//!    reaches `link_cut + (threshold − link_cut) / m`: a single pair needs
//!    the online threshold, many pairs little more than `link_cut`.
//!
//! Two events of one kind with the same actors are similar as wholes, but an
//! article's nearest neighbours are nearly always reports of its own event:
//! counting only those edges separates the events where one threshold on the
//! similarity cannot.

use crate::index::{combined, time_factor, When, STRESSED_YEAR};
use crate::terms::{TermId, Vocabulary};
use crate::{Config, Features};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// A neighbour is at least this share as similar as the nearest one: an
/// article of a small event (one report, or one wire text) has fewer than `k`
/// close neighbours, and the far weaker rest are no evidence of its event.
const NEAR_SHARE: f32 = 0.5;

/// Articles of a very common term's list that an article is compared with
/// (see [`candidates_under`]).
const LONG_LIST_WINDOW: usize = 1000;

/// One article as the batch pass compares it.
struct Item {
    /// TF-IDF weights of content terms, then of names, each part of unit
    /// length, sorted by term id within its part.
    content: Vec<(TermId, f32)>,
    names: Vec<(TermId, f32)>,
    /// The strongest terms (no figures), to find candidates with.
    indexed: Vec<TermId>,
    when: When,
    years: Vec<TermId>,
    stresses_year: bool,
}

/// Articles gathered for the batch pass, their terms interned as they come:
/// a whole store's features need not be held as strings at once.
#[derive(Default)]
pub struct Batch {
    vocab: Vocabulary,
    articles: Vec<Gathered>,
}

/// One gathered article: its features with interned terms.
struct Gathered {
    terms: Vec<(TermId, f32)>,
    when: When,
}

impl Batch {
    /// Adds an article; its group is numbered by the order of addition.
    pub fn push(&mut self, f: &Features) {
        let terms = f.terms.iter().map(|(t, w)| (self.vocab.intern(t), *w)).collect();
        self.articles.push(Gathered { terms, when: When::of(f.day, f.month_day) });
    }

    /// The neighbour graph of the articles, from which groups are drawn:
    /// made once, it may be linked from several starts.
    pub fn graph(self, config: &Config) -> Graph {
        let items = items(self, config);
        Graph {
            edges: neighbour_edges(&items, config),
            items: items.len(),
            linking: Linking {
                neighbours: config.link_neighbours,
                one_pair: config.threshold,
                many_pairs: config.link_cut,
            },
        }
    }
}

/// The nearest-neighbour graph of a batch's articles and the rule by which
/// its groups merge.
pub struct Graph {
    edges: Vec<(usize, usize, f32)>,
    items: usize,
    linking: Linking,
}

impl Graph {
    /// Groups the articles into events; returns each article's group,
    /// numbered from 0 in order of first appearance.
    pub fn link(&self) -> Vec<usize> {
        let start: Vec<usize> = (0..self.items).collect();
        self.link_from(&start)
    }

    /// Groups the articles into events, starting from groups already made:
    /// `start[i]` is article `i`'s group (any numbering). Groups are only
    /// merged, never split; returns each article's group, numbered from 0 in
    /// order of first appearance.
    pub fn link_from(&self, start: &[usize]) -> Vec<usize> {
        assert_eq!(start.len(), self.items, "one starting group per article");
        let roots = average_linkage(start, &self.edges, self.linking);
        let mut numbers: HashMap<usize, usize> = HashMap::default();
        roots
            .into_iter()
            .map(|r| {
                let next = numbers.len();
                *numbers.entry(r).or_insert(next)
            })
            .collect()
    }
}

/// The items of the gathered articles, weighted by the document frequencies
/// of all of them; each article's interned terms are dropped once its item
/// is made.
fn items(batch: Batch, config: &Config) -> Vec<Item> {
    let Batch { vocab, articles } = batch;
    let mut df = vec![0u32; vocab.len()];
    for article in &articles {
        for &(t, _) in &article.terms {
            df[t as usize] += 1;
        }
    }
    let n = articles.len() as f32;
    let idf = |t: TermId| ((n + 1.0) / (df[t as usize] as f32 + 1.0)).ln() + 1.0;
    articles
        .into_iter()
        .map(|Gathered { terms, when }| {
            let years: Vec<(TermId, f32)> =
                terms.iter().copied().filter(|&(t, _)| vocab.is_year(t)).collect();
            let weighted: Vec<(TermId, f32)> = terms.iter().map(|&(t, w)| (t, w * idf(t))).collect();
            let by_weight =
                |a: &(TermId, f32), b: &(TermId, f32)| b.1.total_cmp(&a.1).then_with(|| vocab.cmp(a.0, b.0));
            let part = |names: bool, limit: usize| {
                let mut v: Vec<(TermId, f32)> =
                    weighted.iter().copied().filter(|&(t, _)| vocab.is_name(t) == names).collect();
                v.sort_by(by_weight);
                v.truncate(limit);
                let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                v.sort_unstable_by_key(|&(t, _)| t);
                v.shrink_to_fit();
                v
            };
            let mut indexed: Vec<(TermId, f32)> =
                weighted.iter().copied().filter(|&(t, _)| !vocab.is_figure(t)).collect();
            indexed.sort_by(by_weight);
            indexed.truncate(config.indexed_terms);
            let mut indexed: Vec<TermId> = indexed.into_iter().map(|(t, _)| t).collect();
            indexed.shrink_to_fit();
            Item {
                content: part(false, 2 * config.query_terms),
                names: part(true, config.query_terms),
                indexed,
                when,
                stresses_year: years.iter().any(|&(_, w)| w >= STRESSED_YEAR),
                years: years.into_iter().map(|(t, _)| t).collect(),
            }
        })
        .collect()
}

/// The dot product of two vectors sorted by term.
fn dot(a: &[(TermId, f32)], b: &[(TermId, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The online score between two single articles.
fn similarity(a: &Item, b: &Item, config: &Config) -> f32 {
    let content = dot(&a.content, &b.content).max(0.0);
    let names = (!a.names.is_empty() && !b.names.is_empty()).then(|| dot(&a.names, &b.names));
    combined(content, names, config.name_share)
        * time_factor(a.when, b.when, config)
        * year_factor(a, b, config)
        * year_factor(b, a, config)
}

/// `a` stresses a year that `b`, which names years, never names (see the
/// online `year_factor`); both dated, the dates decide instead.
fn year_factor(a: &Item, b: &Item, config: &Config) -> f32 {
    let dated = a.when.span.is_some() && b.when.span.is_some();
    if dated || !a.stresses_year || b.years.is_empty() || a.years.iter().any(|t| b.years.contains(t)) {
        1.0
    } else {
        config.year_penalty
    }
}

/// The edges of the neighbour graph: (smaller index, larger index, similarity).
fn neighbour_edges(items: &[Item], config: &Config) -> Vec<(usize, usize, f32)> {
    let mut postings: HashMap<TermId, Vec<u32>> = HashMap::default();
    for (i, item) in items.iter().enumerate() {
        for &t in &item.indexed {
            postings.entry(t).or_default().push(i as u32);
        }
    }
    let mut edges: Vec<(usize, usize, f32)> = items
        .par_iter()
        .enumerate()
        .map_init(HashMap::<u32, u32>::default, |hits, (i, item)| {
            hits.clear();
            for t in &item.indexed {
                for &j in candidates_under(&postings[t], i, config.max_postings) {
                    if j as usize != i {
                        *hits.entry(j).or_insert(0) += 1;
                    }
                }
            }
            let mut candidates: Vec<(u32, u32)> = hits.iter().map(|(&j, &h)| (j, h)).collect();
            candidates.sort_unstable_by_key(|&(j, h)| (Reverse(h), (j as usize).abs_diff(i), j));
            candidates.truncate(config.max_candidates);
            let scored = candidates
                .into_iter()
                .map(|(j, _)| (j as usize, similarity(item, &items[j as usize], config)))
                .collect();
            nearest(scored, config.link_neighbours, i)
                .into_iter()
                .map(|(j, s)| (i.min(j), i.max(j), s))
                .collect::<Vec<_>>()
        })
        .flatten()
        .collect();
    edges.sort_unstable_by_key(|a| (a.0, a.1));
    edges.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    edges
}

/// The articles of a term's list (in arrival order) that are candidates for
/// article `i`: all of them, or for a term in more than `cap` articles, the
/// `LONG_LIST_WINDOW` that arrived nearest to it. A large event's reports
/// arrive close together, and its own terms are common in a large store.
fn candidates_under(list: &[u32], i: usize, cap: usize) -> &[u32] {
    if list.len() <= cap {
        return list;
    }
    let at = list.partition_point(|&j| (j as usize) < i);
    let start = at.saturating_sub(LONG_LIST_WINDOW / 2).min(list.len().saturating_sub(LONG_LIST_WINDOW));
    &list[start..(start + LONG_LIST_WINDOW).min(list.len())]
}

/// The `k` most similar of the scored candidates of article `i` that are at
/// least [`NEAR_SHARE`] as similar as the nearest; ties go to the article that
/// arrived nearer to `i`, so that identical articles do not all pick the same ones.
fn nearest(mut scored: Vec<(usize, f32)>, k: usize, i: usize) -> Vec<(usize, f32)> {
    scored.retain(|&(_, s)| s > 0.0);
    scored.sort_unstable_by(|a, b| {
        b.1.total_cmp(&a.1).then_with(|| (a.0.abs_diff(i), a.0).cmp(&(b.0.abs_diff(i), b.0)))
    });
    scored.truncate(k);
    if let Some(&(_, first)) = scored.first() {
        scored.retain(|&(_, s)| s >= NEAR_SHARE * first);
    }
    scored
}

/// A candidate merge in the heap: the strongest link first, then the lowest ids.
#[derive(PartialEq)]
struct Candidate {
    link: f32,
    pair: Reverse<(usize, usize)>,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.link.total_cmp(&other.link).then_with(|| self.pair.cmp(&other.pair))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// When two groups merge.
#[derive(Clone, Copy)]
struct Linking {
    /// Nearest neighbours kept per item.
    neighbours: usize,
    /// The link a single pair needs (the online threshold).
    one_pair: f32,
    /// The link that many pairs need.
    many_pairs: f32,
}

impl Linking {
    /// The pairs a link between groups of `a` and `b` items, with `edges`
    /// edges across them, averages over: all of them, or, when the larger
    /// group has more than `k` items, as many as the smaller group's
    /// neighbours can make (`k` for each of its items), so that a large event
    /// is not split for being large. Never fewer than the edges themselves: an item
    /// that many of a large group keep as a neighbour is linked to it by the
    /// mean of those edges, not by a sum that may pass every one of them.
    fn pairs(self, a: usize, b: usize, edges: usize) -> usize {
        (a * b).min(self.neighbours * a.min(b)).max(edges).max(1)
    }

    /// The link needed over `pairs` pairs. A mean over few pairs is a weak
    /// estimate: one pair needs what an article needs online to join a
    /// story, and the need falls towards `many_pairs` as the pairs grow.
    fn needed(self, pairs: usize) -> f32 {
        self.many_pairs + (self.one_pair - self.many_pairs).max(0.0) / pairs as f32
    }
}

/// The edges between two groups: their similarities summed, and how many.
#[derive(Clone, Copy, Default, PartialEq)]
struct Across {
    sum: f64,
    edges: usize,
}

impl Across {
    fn add(&mut self, other: Across) {
        self.sum += other.sum;
        self.edges += other.edges;
    }
}

/// Merges groups, the strongest link first, while links clear what they
/// need; returns each item's root group. `start[i]` is item `i`'s group
/// before any merge: the first item of each group stands for it.
fn average_linkage(start: &[usize], edges: &[(usize, usize, f32)], linking: Linking) -> Vec<usize> {
    let n = start.len();
    let link =
        |across: Across, a: usize, b: usize| (across.sum / linking.pairs(a, b, across.edges) as f64) as f32;
    let mut first: HashMap<usize, usize> = HashMap::default();
    let mut parent: Vec<usize> =
        start.iter().enumerate().map(|(i, &g)| *first.entry(g).or_insert(i)).collect();
    let mut size = vec![0usize; n];
    parent.iter().for_each(|&r| size[r] += 1);
    let mut sums: Vec<HashMap<usize, Across>> = vec![HashMap::default(); n];
    for &(a, b, s) in edges {
        let (a, b) = (parent[a], parent[b]);
        if a != b {
            let edge = Across { sum: f64::from(s), edges: 1 };
            sums[a].entry(b).or_default().add(edge);
            sums[b].entry(a).or_default().add(edge);
        }
    }
    // No link below `many_pairs` ever merges; such pairs are pushed again
    // when one side grows.
    let floor = linking.many_pairs;
    let mut heap: BinaryHeap<Candidate> = (0..n)
        .flat_map(|a| sums[a].iter().filter(move |&(&b, _)| a < b).map(move |(&b, &s)| (a, b, s)))
        .map(|(a, b, s)| Candidate { link: link(s, size[a], size[b]), pair: Reverse((a, b)) })
        .filter(|c| c.link >= floor)
        .collect();
    while let Some(Candidate { link: l, pair: Reverse((a, b)) }) = heap.pop() {
        let alive = parent[a] == a && parent[b] == b;
        let Some(&across) = sums[a].get(&b).filter(|_| alive) else { continue };
        if link(across, size[a], size[b]) != l
            || l < linking.needed(linking.pairs(size[a], size[b], across.edges))
        {
            continue;
        }
        // Merge the group with fewer links into the other.
        let (keep, gone) = if sums[a].len() >= sums[b].len() { (a, b) } else { (b, a) };
        parent[gone] = keep;
        size[keep] += size[gone];
        let moved = std::mem::take(&mut sums[gone]);
        sums[keep].remove(&gone);
        for (other, s) in moved {
            if other == keep {
                continue;
            }
            sums[other].remove(&gone);
            sums[keep].entry(other).or_default().add(s);
        }
        let mut touched: Vec<(usize, Across)> = sums[keep].iter().map(|(&o, &s)| (o, s)).collect();
        touched.sort_unstable_by_key(|&(o, _)| o);
        for (other, s) in touched {
            sums[other].insert(keep, s);
            let l = link(s, size[keep], size[other]);
            if l >= floor {
                heap.push(Candidate { link: l, pair: Reverse((keep.min(other), keep.max(other))) });
            }
        }
    }
    roots(parent)
}

/// The root of every item, the chains of `parent` shortened on the way.
fn roots(mut parent: Vec<usize>) -> Vec<usize> {
    for i in 0..parent.len() {
        let mut root = i;
        while parent[root] != root {
            root = parent[root];
        }
        let mut at = i;
        while parent[at] != root {
            at = std::mem::replace(&mut parent[at], root);
        }
    }
    parent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features;

    fn f(title: &str, text: &str) -> Features {
        features(title, text, None)
    }

    fn batch_of(articles: &[Features]) -> Batch {
        let mut batch = Batch::default();
        articles.iter().for_each(|f| batch.push(f));
        batch
    }

    fn link_clusters(articles: &[Features], config: &Config) -> Vec<usize> {
        batch_of(articles).graph(config).link()
    }

    /// One cut for every link.
    fn plain(neighbours: usize, cut: f32) -> Linking {
        Linking { neighbours, one_pair: cut, many_pairs: cut }
    }

    #[test]
    fn neighbours_are_the_nearest_few_and_nearly_as_near_as_the_first() {
        let scored = vec![(1, 0.3), (2, 0.9), (3, 0.5), (4, 0.0), (5, 0.5), (6, 0.46)];
        assert_eq!(nearest(scored.clone(), 2, 0), vec![(2, 0.9), (3, 0.5)]);
        // Of equals, the one that arrived nearer to the article.
        assert_eq!(nearest(scored.clone(), 2, 6), vec![(2, 0.9), (5, 0.5)]);
        // 0.3 is less than half of 0.9; 0.0 is no similarity at all.
        assert_eq!(nearest(scored, 10, 0), vec![(2, 0.9), (3, 0.5), (5, 0.5), (6, 0.46)]);
        assert_eq!(nearest(vec![(7, 0.0)], 5, 0), vec![]);
    }

    #[test]
    fn a_link_over_few_pairs_needs_more() {
        let linking = Linking { neighbours: 5, one_pair: 0.2, many_pairs: 0.1 };
        assert_eq!((linking.pairs(1, 1, 1), linking.pairs(2, 3, 2), linking.pairs(10, 20, 7)), (1, 6, 50));
        // Never fewer pairs than edges: 20 edges into one item.
        assert_eq!(linking.pairs(1, 20, 20), 20);
        assert_eq!(linking.needed(1), 0.2);
        assert!((linking.needed(50) - 0.102).abs() < 1e-6);
        // Two articles alike at 0.15: apart. Two triples whose every pair
        // across is alike at 0.15 (and alike at 0.9 within): together.
        assert_eq!(average_linkage(&[0, 1], &[(0, 1, 0.15)], linking), vec![0, 1]);
        let mut edges = vec![(0, 1, 0.9), (0, 2, 0.9), (1, 2, 0.9), (3, 4, 0.9), (3, 5, 0.9), (4, 5, 0.9)];
        edges.extend((0..3).flat_map(|a| (3..6).map(move |b| (a, b, 0.15))));
        edges.sort_unstable_by_key(|e| (e.0, e.1));
        let roots = average_linkage(&(0..6).collect::<Vec<_>>(), &edges, linking);
        assert!(roots.iter().all(|&r| r == roots[0]), "{roots:?}");
    }

    #[test]
    fn an_item_many_keep_as_a_neighbour_is_linked_by_the_mean_of_their_edges() {
        // A group of 20 alike at 0.9, each of whom keeps item 20 among its
        // nearest at 0.05, below any cut. Summed over k = 5 pairs, those
        // edges would make a link of 0.2; their mean is 0.05.
        let linking = Linking { neighbours: 5, one_pair: 0.2, many_pairs: 0.1 };
        let mut edges: Vec<(usize, usize, f32)> = (1..20).map(|b| (0, b, 0.9)).collect();
        edges.extend((0..20).map(|a| (a, 20, 0.05)));
        edges.sort_unstable_by_key(|e| (e.0, e.1));
        let start: Vec<usize> = (0..20).map(|_| 0).chain([20]).collect();
        let roots = average_linkage(&start, &edges, linking);
        assert!(roots[..20].iter().all(|&r| r == roots[0]), "{roots:?}");
        assert_ne!(roots[20], roots[0], "{roots:?}");
        // At 0.15 each, their mean clears the cut.
        edges.iter_mut().filter(|e| e.1 == 20).for_each(|e| e.2 = 0.15);
        let roots = average_linkage(&start, &edges, linking);
        assert_eq!(roots[20], roots[0], "{roots:?}");
    }

    #[test]
    fn average_linkage_merges_the_closest_groups_first_and_stops_at_the_cut() {
        // Two triangles joined by one weak edge.
        let edges =
            [(0, 1, 0.9), (0, 2, 0.8), (1, 2, 0.85), (3, 4, 0.9), (3, 5, 0.7), (4, 5, 0.8), (2, 3, 0.3)];
        let roots = average_linkage(&(0..6).collect::<Vec<_>>(), &edges, plain(5, 0.2));
        assert_eq!(roots[0], roots[1]);
        assert_eq!(roots[0], roots[2]);
        assert_eq!(roots[3], roots[4]);
        assert_eq!(roots[3], roots[5]);
        // Across the triangles, one edge of 0.3 over nine pairs: 0.033 < 0.2.
        assert_ne!(roots[0], roots[3]);
        // A cut below that joins them.
        let roots = average_linkage(&(0..6).collect::<Vec<_>>(), &edges, plain(5, 0.03));
        assert!(roots.iter().all(|&r| r == roots[0]));
    }

    #[test]
    fn large_groups_are_linked_by_as_many_pairs_as_the_graph_holds() {
        // Two groups of 4, alike at 0.9 within; four edges of 0.5 across.
        // With k = 1 the link is 2.0 / min(16, 1·4) = 0.5; as a plain mean
        // (k = 16), 2.0 / 16 = 0.125.
        let mut edges = Vec::new();
        for group in [0, 4] {
            for a in group..group + 4 {
                edges.extend((a + 1..group + 4).map(|b| (a, b, 0.9)));
            }
        }
        edges.extend([(0, 4, 0.5), (1, 5, 0.5), (2, 6, 0.5), (3, 7, 0.5)]);
        edges.sort_unstable_by_key(|e| (e.0, e.1));
        let together = average_linkage(&(0..8).collect::<Vec<_>>(), &edges, plain(1, 0.3));
        assert!(together.iter().all(|&r| r == together[0]), "{together:?}");
        let apart = average_linkage(&(0..8).collect::<Vec<_>>(), &edges, plain(16, 0.3));
        assert_eq!(apart.iter().filter(|&&r| r == apart[0]).count(), 4, "{apart:?}");
        assert_ne!(apart[0], apart[4]);
    }

    #[test]
    fn a_very_common_term_offers_the_articles_that_arrived_nearest() {
        let list: Vec<u32> = (0..5000).collect();
        assert_eq!(candidates_under(&list, 2500, 6000).len(), 5000);
        let near = |i| {
            let c = candidates_under(&list, i, 2000);
            (c[0], c.len())
        };
        assert_eq!(near(2500), (2000, LONG_LIST_WINDOW));
        assert_eq!(near(10), (0, LONG_LIST_WINDOW));
        assert_eq!(near(4990), (4000, LONG_LIST_WINDOW));
    }

    #[test]
    fn two_events_with_the_same_actors_stay_apart() {
        // Two meetings of the same leaders in the same city; the first report
        // of each opens with the same sentence.
        let opening = "Leaders of Norland and Sarvia met in Tarsk on Monday.";
        let articles = vec![
            f("Norland and Sarvia sign Saro water treaty", &format!("{opening} They signed a water treaty on the Saro river dam quotas.")),
            f("Water treaty signed on Saro dam quotas", "The Saro river treaty sets dam quotas, Norland and Sarvia said in Tarsk."),
            f("Norland, Sarvia hold steel tariff talks", &format!("{opening} Their talks on steel tariffs ended without a deal.")),
            f("Steel tariff talks in Tarsk", "Norland and Sarvia discussed steel tariffs and the trade dispute in Tarsk."),
            f("Saro treaty: dam quotas agreed", "Dam quotas on the Saro river were agreed in the water treaty of Norland and Sarvia."),
            f("No deal on steel tariffs", "The steel tariff talks of Norland and Sarvia in Tarsk ended with no deal on the trade dispute."),
        ];
        let config = Config { link_neighbours: 2, ..Config::default() };
        let graph = batch_of(&articles).graph(&config);
        assert_eq!(graph.link(), vec![0, 0, 1, 1, 0, 1]);
        // One graph, linked again from other starts: the two events started
        // as one stay one; started apart, they are drawn as before.
        assert_eq!(graph.link_from(&[0, 0, 0, 0, 1, 2]), vec![0; 6]);
        assert_eq!(graph.link_from(&[0, 1, 2, 3, 4, 5]), vec![0, 0, 1, 1, 0, 1]);
        // Yet the two openers are alike beyond the online threshold: online,
        // the second would join the first's story.
        let items = items(batch_of(&articles), &config);
        assert!(similarity(&items[0], &items[2], &config) > config.threshold);
    }

    #[test]
    fn groups_to_start_from_are_merged_but_never_split() {
        // Two triangles joined by one weak edge, as above: alone, they stay apart.
        let edges =
            [(0, 1, 0.9), (0, 2, 0.8), (1, 2, 0.85), (3, 4, 0.9), (3, 5, 0.7), (4, 5, 0.8), (2, 3, 0.3)];
        let linking = plain(5, 0.2);
        let alone = average_linkage(&[0, 1, 2, 3, 4, 5], &edges, linking);
        assert_ne!(alone[2], alone[5]);
        // Items 2 and 5 start together: that group stays whole, and as its
        // edges to both triangles add up, everything joins it.
        let roots = average_linkage(&[0, 1, 7, 3, 4, 7], &edges, linking);
        assert!(roots.iter().all(|&r| r == roots[2]), "{roots:?}");
        // Items far apart that start together stay together, and the rest
        // of each triangle is drawn in only as far as the links allow.
        let far = [(0, 1, 0.9), (2, 3, 0.9)];
        let roots = average_linkage(&[0, 9, 9, 3], &far, linking);
        assert_eq!(roots[1], roots[2]);
        assert!(roots.iter().all(|&r| r == roots[1]), "0.9 over 2 pairs clears 0.2: {roots:?}");
        let roots = average_linkage(&[0, 9, 9, 3], &far, plain(5, 0.5));
        assert_eq!((roots[1], roots[2]), (roots[1], roots[1]));
        assert_ne!(roots[0], roots[1], "0.9 over 2 pairs is below 0.5: {roots:?}");
        // Only the grouping matters, not its numbers.
        assert_eq!(
            average_linkage(&[7, 7, 3, 3, 5, 0], &edges, linking),
            average_linkage(&[0, 0, 1, 1, 2, 3], &edges, linking)
        );
    }

    #[test]
    fn an_article_with_no_neighbour_is_alone() {
        let articles = vec![
            f("Kestrel battery factory fire", "A fire destroyed the Kestrel battery factory near Lindgrad."),
            f("Orchestra tour", "The Tarsk philharmonic announced a spring tour of eleven cities."),
        ];
        assert_eq!(link_clusters(&articles, &Config::default()), vec![0, 1]);
    }
}
