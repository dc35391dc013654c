//! Scores of a clustering against a gold one: two labelings of the same items.
//!
//! No single figure says how good a clustering is, so several standard ones
//! are given. B-cubed (Bagga & Baldwin, 1998) averages over items, so a big
//! event weighs in proportion to its articles; pairwise precision and recall
//! count pairs of items put together, which punishes merging big clusters
//! hardest; the adjusted Rand index (Hubert & Arabie, 1985) corrects pair
//! agreement for chance, so that a random labeling scores near 0 whatever the
//! number and sizes of clusters. All are computed from the contingency table
//! (how many items each gold and predicted cluster share), never by
//! enumerating pairs, so they stay linear in the number of items.
//!
//! Figures alone do not say what to fix: [`worst_merged`] and [`worst_split`]
//! list the predicted clusters that mix events and the events that were split.
//!
//! Labels only need an order (`Ord`): every map here is ordered, so results do
//! not depend on hashing.

use serde::Serialize;
use std::collections::BTreeMap;

/// Precision, recall and their harmonic mean, each in `[0, 1]`.
#[derive(Serialize, Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Scores {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Scores { precision, recall, f1 }
    }
}

/// How many items each pair of (gold, predicted) clusters share, with the
/// sizes of the clusters.
struct Contingency<'a, G, P> {
    cells: BTreeMap<(&'a G, &'a P), u64>,
    gold: BTreeMap<&'a G, u64>,
    predicted: BTreeMap<&'a P, u64>,
    items: u64,
}

impl<'a, G: Ord, P: Ord> Contingency<'a, G, P> {
    fn new(gold: &'a [G], predicted: &'a [P]) -> Self {
        assert_eq!(gold.len(), predicted.len(), "both labelings must cover the same items");
        let mut table = Contingency {
            cells: BTreeMap::new(),
            gold: BTreeMap::new(),
            predicted: BTreeMap::new(),
            items: gold.len() as u64,
        };
        for (g, p) in gold.iter().zip(predicted) {
            *table.cells.entry((g, p)).or_default() += 1;
            *table.gold.entry(g).or_default() += 1;
            *table.predicted.entry(p).or_default() += 1;
        }
        table
    }

    /// Pairs of items in the same cluster on both sides, on the gold side, on the predicted side.
    fn pairs(&self) -> (u64, u64, u64) {
        let both = self.cells.values().map(|&n| pairs(n)).sum();
        let gold = self.gold.values().map(|&n| pairs(n)).sum();
        let predicted = self.predicted.values().map(|&n| pairs(n)).sum();
        (both, gold, predicted)
    }
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// `num / den`, or 1 when there is nothing to measure (`den` is 0).
fn ratio(num: f64, den: f64) -> f64 {
    if den == 0.0 {
        1.0
    } else {
        num / den
    }
}

/// B-cubed precision and recall: for each item, the share of its predicted
/// cluster that is in its gold cluster (precision) and the share of its gold
/// cluster that is in its predicted cluster (recall), averaged over items.
///
/// Panics if the labelings differ in length. No items score 1.
pub fn bcubed<G: Ord, P: Ord>(gold: &[G], predicted: &[P]) -> Scores {
    let t = Contingency::new(gold, predicted);
    let (mut precision, mut recall) = (0.0, 0.0);
    for (&(g, p), &n) in &t.cells {
        let n = n as f64;
        precision += n * n / t.predicted[p] as f64;
        recall += n * n / t.gold[g] as f64;
    }
    let items = t.items as f64;
    Scores::new(ratio(precision, items), ratio(recall, items))
}

/// Pairwise precision and recall: of the pairs of items the prediction puts
/// together, the share the gold puts together, and conversely.
///
/// Panics if the labelings differ in length. With no predicted pairs (all
/// singletons) precision is 1; with no gold pairs recall is 1.
pub fn pairwise<G: Ord, P: Ord>(gold: &[G], predicted: &[P]) -> Scores {
    let (both, gold_pairs, predicted_pairs) = Contingency::new(gold, predicted).pairs();
    Scores::new(ratio(both as f64, predicted_pairs as f64), ratio(both as f64, gold_pairs as f64))
}

/// Adjusted Rand index: pair agreement corrected for chance; 1 for identical
/// partitions, about 0 for a random labeling, negative when worse than chance.
///
/// Panics if the labelings differ in length. When the index is undefined
/// (fewer than two items, or both sides all singletons or all in one cluster,
/// which makes them identical) it is 1.
pub fn adjusted_rand_index<G: Ord, P: Ord>(gold: &[G], predicted: &[P]) -> f64 {
    let t = Contingency::new(gold, predicted);
    let (both, gold_pairs, predicted_pairs) = t.pairs();
    let all_pairs = pairs(t.items) as f64;
    if all_pairs == 0.0 {
        return 1.0;
    }
    let (both, gold_pairs, predicted_pairs) = (both as f64, gold_pairs as f64, predicted_pairs as f64);
    let expected = gold_pairs * predicted_pairs / all_pairs;
    let max = (gold_pairs + predicted_pairs) / 2.0;
    if max == expected {
        return 1.0;
    }
    (both - expected) / (max - expected)
}

/// A predicted cluster that holds items of several gold clusters.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Merged<G, P> {
    pub cluster: P,
    pub size: usize,
    /// Items not of the cluster's most frequent gold label.
    pub foreign: usize,
    /// Gold labels and their counts, most frequent first.
    pub gold: Vec<(G, usize)>,
    /// Indices of the cluster's items, in input order.
    pub items: Vec<usize>,
}

/// A gold cluster whose items were spread over several predicted clusters.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Split<G, P> {
    pub cluster: G,
    pub size: usize,
    /// Items outside the predicted cluster that holds most of them.
    pub scattered: usize,
    /// Predicted clusters and their counts, most frequent first.
    pub predicted: Vec<(P, usize)>,
    /// Indices of the cluster's items, in input order.
    pub items: Vec<usize>,
}

/// A cluster of one labeling seen through the other.
struct Mixed<A, B> {
    cluster: A,
    /// Labels of the other side and their counts, most frequent first (ties by label).
    counts: Vec<(B, usize)>,
    items: Vec<usize>,
}

impl<A, B> Mixed<A, B> {
    fn outside_majority(&self) -> usize {
        self.items.len() - self.counts[0].1
    }
}

/// The clusters of `outer` holding more than one label of `inner`, worst
/// first: most items outside the majority, then largest, then by label.
fn mixed<A: Ord + Clone, B: Ord + Clone>(outer: &[A], inner: &[B], limit: usize) -> Vec<Mixed<A, B>> {
    assert_eq!(outer.len(), inner.len(), "both labelings must cover the same items");
    let mut members: BTreeMap<&A, (Vec<usize>, BTreeMap<&B, usize>)> = BTreeMap::new();
    for (i, (a, b)) in outer.iter().zip(inner).enumerate() {
        let entry = members.entry(a).or_default();
        entry.0.push(i);
        *entry.1.entry(b).or_default() += 1;
    }
    let mut out: Vec<Mixed<A, B>> = members
        .into_iter()
        .filter(|(_, (_, counts))| counts.len() > 1)
        .map(|(a, (items, counts))| {
            let mut counts: Vec<(B, usize)> = counts.into_iter().map(|(b, n)| (b.clone(), n)).collect();
            counts.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
            Mixed { cluster: a.clone(), counts, items }
        })
        .collect();
    out.sort_by(|x, y| {
        y.outside_majority()
            .cmp(&x.outside_majority())
            .then_with(|| y.items.len().cmp(&x.items.len()))
            .then_with(|| x.cluster.cmp(&y.cluster))
    });
    out.truncate(limit);
    out
}

/// Up to `limit` predicted clusters that mix gold clusters, worst first: most
/// items not of their majority gold label, then largest.
pub fn worst_merged<G: Ord + Clone, P: Ord + Clone>(
    gold: &[G],
    predicted: &[P],
    limit: usize,
) -> Vec<Merged<G, P>> {
    mixed(predicted, gold, limit)
        .into_iter()
        .map(|m| Merged {
            foreign: m.outside_majority(),
            size: m.items.len(),
            cluster: m.cluster,
            gold: m.counts,
            items: m.items,
        })
        .collect()
}

/// Up to `limit` gold clusters spread over several predicted clusters, worst
/// first: most items outside the predicted cluster holding most of them, then
/// largest.
pub fn worst_split<G: Ord + Clone, P: Ord + Clone>(
    gold: &[G],
    predicted: &[P],
    limit: usize,
) -> Vec<Split<G, P>> {
    mixed(gold, predicted, limit)
        .into_iter()
        .map(|m| Split {
            scattered: m.outside_majority(),
            size: m.items.len(),
            cluster: m.cluster,
            predicted: m.counts,
            items: m.items,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_perfect_clustering_scores_one_everywhere() {
        let gold = ["a", "a", "b", "c", "c", "c"];
        // Different label values, same partition.
        let predicted = [7, 7, 3, 9, 9, 9];
        assert_eq!(bcubed(&gold, &predicted), Scores { precision: 1.0, recall: 1.0, f1: 1.0 });
        assert_eq!(pairwise(&gold, &predicted), Scores { precision: 1.0, recall: 1.0, f1: 1.0 });
        assert!(close(adjusted_rand_index(&gold, &predicted), 1.0));
        assert!(worst_merged(&gold, &predicted, 5).is_empty());
        assert!(worst_split(&gold, &predicted, 5).is_empty());
    }

    #[test]
    fn everything_in_one_cluster() {
        // Gold sizes 3, 2, 1: precision = (9 + 4 + 1) / 36.
        let gold = ["a", "a", "a", "b", "b", "c"];
        let predicted = [1; 6];
        let b = bcubed(&gold, &predicted);
        assert!(close(b.precision, 14.0 / 36.0));
        assert!(close(b.recall, 1.0));
        assert!(close(b.f1, 2.0 * (14.0 / 36.0) / (14.0 / 36.0 + 1.0)));
        // 4 gold pairs among the 15 predicted ones.
        let p = pairwise(&gold, &predicted);
        assert!(close(p.precision, 4.0 / 15.0));
        assert!(close(p.recall, 1.0));
        // Expected index = 4 * 15 / 15 = 4 = the index itself.
        assert!(close(adjusted_rand_index(&gold, &predicted), 0.0));
    }

    #[test]
    fn every_item_alone() {
        // Each item finds 1/|gold cluster| of its cluster: recall = clusters / items.
        let gold = ["a", "a", "a", "b", "b", "c"];
        let predicted = [1, 2, 3, 4, 5, 6];
        let b = bcubed(&gold, &predicted);
        assert!(close(b.precision, 1.0));
        assert!(close(b.recall, 3.0 / 6.0));
        let p = pairwise(&gold, &predicted);
        assert!(close(p.precision, 1.0), "no predicted pair, nothing wrong claimed");
        assert!(close(p.recall, 0.0));
        assert!(close(p.f1, 0.0));
        assert!(close(adjusted_rand_index(&gold, &predicted), 0.0));
        let split = worst_split(&gold, &predicted, 5);
        assert_eq!(split.iter().map(|s| (s.cluster, s.scattered)).collect::<Vec<_>>(), [("a", 2), ("b", 1)]);
    }

    #[test]
    fn a_small_example_computed_by_hand() {
        // Contingency: (a,1)=2 (a,2)=1 (b,2)=1 (b,3)=2.
        let gold = ["a", "a", "a", "b", "b", "b"];
        let predicted = [1, 1, 2, 2, 3, 3];
        // Precision per item: 1, 1, 1/2, 1/2, 1, 1; recall: 2/3, 2/3, 1/3, 1/3, 2/3, 2/3.
        let b = bcubed(&gold, &predicted);
        assert!(close(b.precision, 5.0 / 6.0));
        assert!(close(b.recall, 10.0 / 18.0));
        // Index 2 of 3 predicted pairs and 6 gold pairs.
        let p = pairwise(&gold, &predicted);
        assert!(close(p.precision, 2.0 / 3.0));
        assert!(close(p.recall, 2.0 / 6.0));
        assert!(close(p.f1, 4.0 / 9.0));
        // Expected = 6 * 3 / 15 = 1.2, max = 4.5: (2 - 1.2) / (4.5 - 1.2) = 8/33.
        assert!(close(adjusted_rand_index(&gold, &predicted), 8.0 / 33.0));
    }

    #[test]
    fn a_random_labeling_has_an_index_near_zero() {
        let gold: Vec<u64> = (0..3000).map(|i| i % 6).collect();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let predicted: Vec<u64> = (0..3000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state % 6
            })
            .collect();
        let ari = adjusted_rand_index(&gold, &predicted);
        assert!(ari.abs() < 0.01, "ARI of a random labeling: {ari}");
        // Unadjusted pair agreement would be far from 0: precision stays near 1/6.
        assert!(pairwise(&gold, &predicted).precision < 0.2);
    }

    #[test]
    fn undefined_indexes_count_as_agreement() {
        assert!(close(adjusted_rand_index::<u8, u8>(&[], &[]), 1.0));
        assert!(close(adjusted_rand_index(&["a"], &[1]), 1.0));
        assert!(close(adjusted_rand_index(&["a", "b", "c"], &[1, 2, 3]), 1.0));
        assert!(close(adjusted_rand_index(&["a", "a"], &[1, 1]), 1.0));
        assert_eq!(bcubed::<u8, u8>(&[], &[]).f1, 1.0);
    }

    #[test]
    fn worst_merged_clusters_come_first() {
        let gold = ["a", "a", "b", "c", "c", "c", "d", "d", "e", "e"];
        let predicted = [1, 1, 1, 2, 2, 3, 4, 4, 4, 4];
        let merged = worst_merged(&gold, &predicted, 5);
        assert_eq!(merged.len(), 2, "clusters 2 and 3 are pure");
        assert_eq!(merged[0].cluster, 4);
        assert_eq!(merged[0].size, 4);
        assert_eq!(merged[0].foreign, 2);
        assert_eq!(merged[0].gold, [("d", 2), ("e", 2)]);
        assert_eq!(merged[0].items, [6, 7, 8, 9]);
        assert_eq!(merged[1].cluster, 1);
        assert_eq!(merged[1].foreign, 1);
        assert_eq!(merged[1].gold, [("a", 2), ("b", 1)]);
        assert_eq!(worst_merged(&gold, &predicted, 1).len(), 1);

        let split = worst_split(&gold, &predicted, 5);
        assert_eq!(split.len(), 1);
        assert_eq!(split[0].cluster, "c");
        assert_eq!(split[0].scattered, 1);
        assert_eq!(split[0].predicted, [(2, 2), (3, 1)]);
    }

    #[test]
    #[should_panic(expected = "same items")]
    fn labelings_of_different_lengths_are_refused() {
        bcubed(&["a", "b"], &[1]);
    }
}
