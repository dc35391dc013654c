//! Matching predicted attributions with gold ones and counting agreement.

use corroborate_model::Span;
use std::collections::BTreeMap;

use super::brat::Gold;
use super::Item;
use corroborate_extract::Attribution;

/// How closely two spans must agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// Equal after trimming.
    Exact,
    /// Overlapping by at least half of the longer one.
    Overlap,
}

impl Level {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Level::Exact => "exact",
            Level::Overlap => "overlap",
        }
    }
}

/// Counts of one attribution type at one level, summed over articles.
#[derive(Default, Debug, PartialEq)]
pub(crate) struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub gold_matched: usize,
    pub predicted_matched: usize,
    pub cue_gold: usize,
    pub cue_predicted: usize,
    pub cue_gold_matched: usize,
    pub cue_predicted_matched: usize,
    pub speakers_judged: usize,
    pub speakers_right: usize,
}

impl Counts {
    pub(crate) fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.gold_matched += o.gold_matched;
        self.predicted_matched += o.predicted_matched;
        self.cue_gold += o.cue_gold;
        self.cue_predicted += o.cue_predicted;
        self.cue_gold_matched += o.cue_gold_matched;
        self.cue_predicted_matched += o.cue_predicted_matched;
        self.speakers_judged += o.speakers_judged;
        self.speakers_right += o.speakers_right;
    }
}

/// Counts for one article, by type: `direct`, `indirect` and `all`.
pub(crate) fn article(
    text: &str,
    gold: &[Gold],
    predicted: &[Attribution],
    level: Level,
) -> BTreeMap<&'static str, Counts> {
    let gold: Vec<Item> = gold.iter().map(Item::from).collect();
    let predicted: Vec<Item> = predicted.iter().map(Item::from).collect();
    let norm = |spans: &[Span]| -> Vec<Span> { spans.iter().filter_map(|&s| trim(text, s)).collect() };
    let g_content: Vec<Vec<Span>> = gold.iter().map(|g| norm(&g.content)).collect();
    let p_content: Vec<Vec<Span>> = predicted.iter().map(|p| norm(&p.content)).collect();
    let pairs = matching(&g_content, &p_content, level);
    let g_cues: Vec<Vec<Span>> = gold.iter().map(|g| g.cue.iter().copied().collect()).collect();
    let p_cues: Vec<Vec<Span>> = predicted.iter().map(|p| p.cue.iter().copied().collect()).collect();
    let cue_pairs = matching(&g_cues, &p_cues, level);

    let mut out: BTreeMap<&'static str, Counts> = BTreeMap::new();
    let kind = |direct: bool| if direct { "direct" } else { "indirect" };
    for (i, g) in gold.iter().enumerate() {
        for k in [kind(g.direct), "all"] {
            let c = out.entry(k).or_default();
            c.gold += 1;
            c.cue_gold += usize::from(g.cue.is_some());
            c.cue_gold_matched += usize::from(cue_pairs.iter().any(|&(a, _)| a == i));
        }
    }
    for (j, p) in predicted.iter().enumerate() {
        for k in [kind(p.direct), "all"] {
            let c = out.entry(k).or_default();
            c.predicted += 1;
            c.predicted_matched += usize::from(pairs.iter().any(|&(_, b)| b == j));
            c.cue_predicted += usize::from(p.cue.is_some());
            c.cue_predicted_matched += usize::from(cue_pairs.iter().any(|&(_, b)| b == j));
        }
    }
    for &(i, j) in &pairs {
        let g = &gold[i];
        for k in [kind(g.direct), "all"] {
            let c = out.entry(k).or_default();
            c.gold_matched += 1;
            if let Some(source) = g.source {
                c.speakers_judged += 1;
                let right = predicted[j].source.is_some_and(|p| same_source(text, source, p, level));
                c.speakers_right += usize::from(right);
            }
        }
    }
    out
}

/// Direct attributions missed, invented, or with a wrong source, at overlap level.
pub(crate) fn print_misses(path: &std::path::Path, text: &str, gold: &[Gold], predicted: &[Attribution]) {
    let show = |spans: &[Span]| -> String {
        let s: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        crate::output::clip(&s.join(" … "), 100)
    };
    let one = |s: Option<Span>| s.map_or("-".to_string(), |s| text[s.start..s.end].to_string());
    let g: Vec<Vec<Span>> =
        gold.iter().map(|g| g.content.iter().filter_map(|&s| trim(text, s)).collect()).collect();
    let p: Vec<Vec<Span>> =
        predicted.iter().map(|p| p.content.iter().filter_map(|&s| trim(text, s)).collect()).collect();
    let pairs = matching(&g, &p, Level::Overlap);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for (i, gold) in gold.iter().enumerate().filter(|(_, g)| g.direct) {
        match pairs.iter().find(|&&(a, _)| a == i) {
            None => eprintln!("{name}: missed {}", show(&gold.content)),
            Some(&(_, j)) => {
                let right = match (gold.source, predicted[j].source) {
                    (Some(g), Some(p)) => same_source(text, g, p, Level::Overlap),
                    (None, _) => true,
                    _ => false,
                };
                if !right {
                    eprintln!(
                        "{name}: source {:?} instead of {:?} for {}",
                        one(predicted[j].source),
                        one(gold.source),
                        show(&gold.content)
                    );
                }
            }
        }
    }
    for (j, p) in predicted.iter().enumerate().filter(|(_, p)| p.direct) {
        if !pairs.iter().any(|&(_, b)| b == j) {
            eprintln!("{name}: invented {} (source {:?})", show(&p.content), one(p.source));
        }
    }
}

/// Whether a predicted source agrees with the gold one: the same words at
/// `level`, or the same name written elsewhere in the article.
fn same_source(text: &str, gold: Span, predicted: Span, level: Level) -> bool {
    let (Some(g), Some(p)) = (trim(text, gold), trim(text, predicted)) else { return false };
    let name = |s: Span| &text[s.start..s.end];
    agree(&[g], &[p], level) || (name(g) == name(p) && name(g).starts_with(char::is_uppercase))
}

/// One-to-one pairs (gold, predicted) that agree at `level`, best overlaps first.
fn matching(gold: &[Vec<Span>], predicted: &[Vec<Span>], level: Level) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, p) in predicted.iter().enumerate() {
            if agree(g, p, level) {
                candidates.push((overlap(g, p), i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_g, mut used_p) = (vec![false; gold.len()], vec![false; predicted.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_g[i] && !used_p[j] {
            used_g[i] = true;
            used_p[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

fn agree(g: &[Span], p: &[Span], level: Level) -> bool {
    if g.is_empty() || p.is_empty() {
        return false;
    }
    match level {
        Level::Exact => {
            g.first().map(|s| s.start) == p.first().map(|s| s.start)
                && g.last().map(|s| s.end) == p.last().map(|s| s.end)
        }
        Level::Overlap => overlap(g, p) >= 0.5,
    }
}

/// Shared bytes over the length of the longer side.
fn overlap(g: &[Span], p: &[Span]) -> f64 {
    let shared: usize = g
        .iter()
        .flat_map(|a| p.iter().map(move |b| b.end.min(a.end).saturating_sub(b.start.max(a.start))))
        .sum();
    let longer = g.iter().map(Span::len).sum::<usize>().max(p.iter().map(Span::len).sum());
    if longer == 0 {
        0.0
    } else {
        shared as f64 / longer as f64
    }
}

/// Characters at the edges of a span that do not decide what it covers.
const EDGES: &[char] =
    &[' ', '\n', '\t', '“', '”', '"', '«', '»', '‘', '’', '\'', ',', '.', ';', ':', '—', '–', '-', '(', ')'];

/// `span` without edge punctuation and quote marks; `None` when nothing is left.
pub(crate) fn trim(text: &str, span: Span) -> Option<Span> {
    let s = &text[span.start..span.end];
    let front = s.len() - s.trim_start_matches(EDGES).len();
    let kept = s[front..].trim_end_matches(EDGES);
    (!kept.is_empty()).then(|| Span::new(span.start + front, span.start + front + kept.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attribution(content: Span, cue: Span, source: Span, direct: bool) -> Attribution {
        Attribution {
            content: vec![content],
            direct,
            cue: Some(cue),
            source: Some(source),
            speaker: None,
            speaker_span: None,
        }
    }

    #[test]
    fn trimmed_spans_match_exactly_and_overlaps_loosely() {
        let text = "“We stay here,” Kovač said. She said the port would reopen soon.";
        // The `n`th occurrence of `s`.
        let find = |s: &str, n: usize| {
            let i = text.match_indices(s).nth(n).unwrap().0;
            Span::new(i, i + s.len())
        };
        let gold = vec![
            Gold {
                content: vec![find("“We stay here,”", 0)],
                cue: Some(find("said", 0)),
                source: Some(find("Kovač", 0)),
                direct: true,
            },
            Gold {
                content: vec![find("the port would reopen soon", 0)],
                cue: Some(find("said", 1)),
                source: Some(find("She", 0)),
                direct: false,
            },
        ];
        let predicted = vec![
            attribution(find("We stay here", 0), find("said", 0), find("Kovač", 0), true),
            attribution(find("port would reopen soon.", 0), find("said", 1), find("the port", 0), false),
        ];
        let exact = article(text, &gold, &predicted, Level::Exact);
        assert_eq!(exact["direct"].gold_matched, 1);
        assert_eq!(exact["direct"].speakers_right, 1);
        assert_eq!(exact["indirect"].gold_matched, 0);
        let loose = article(text, &gold, &predicted, Level::Overlap);
        assert_eq!(loose["indirect"].gold_matched, 1);
        assert_eq!(loose["indirect"].speakers_judged, 1);
        assert_eq!(loose["indirect"].speakers_right, 0);
        assert_eq!(loose["all"].gold, 2);
        assert_eq!(loose["all"].cue_gold_matched, 2);
    }
}
