//! Sentence alignment: which sentences of different articles say the same thing.
//!
//! Sentences are compared by the sets of stems of their content words. Two
//! sentences with nearly the same stems and the same numbers state one fact,
//! and form one group; the group is the unit the brief cites and counts
//! sources for. Numbers are kept apart from the stems so that sentences that
//! differ only in a number can be found too: those are candidate disputes.

use std::collections::HashMap;

use corroborate_model::{Article, Span};
use corroborate_text::{fold, is_stopword, stem, tokens, TokenKind};

/// Stem sets at least this similar, with equal numbers, are one group.
pub(crate) const SAME: f64 = 0.6;

/// A sentence of one article, reduced to what alignment compares.
pub(crate) struct Sentence {
    pub article: usize,
    /// Position among the article's sentences.
    pub index: usize,
    pub span: Span,
    /// Sorted interned stems of content words.
    pub stems: Vec<u32>,
    /// Sorted numbers, without thousands separators.
    pub numbers: Vec<String>,
    /// Numbers attached to the word after them: `12 workers`, `40-kilometre`.
    pub counts: Vec<Count>,
}

/// A number and the noun it counts.
pub(crate) struct Count {
    /// Stem of the noun: what makes two counts comparable.
    pub noun: String,
    /// The noun as written.
    pub noun_text: String,
    /// The number without separators.
    pub number: String,
    /// Number and noun as written (`12 workers`).
    pub text: String,
}

/// Sentences of a story grouped by what they say.
pub(crate) struct Alignment {
    pub sentences: Vec<Sentence>,
    /// Groups of indices into `sentences`, each in arrival order, at most one
    /// sentence per article; the first member is the representative.
    pub groups: Vec<Vec<usize>>,
    /// For each stem, the groups whose representative has it.
    postings: HashMap<u32, Vec<usize>>,
}

impl Alignment {
    pub(crate) fn new(articles: &[&Article]) -> Self {
        let mut stems = HashMap::new();
        let mut sentences = Vec::new();
        for (a, article) in articles.iter().enumerate() {
            for (index, &span) in article.sentences.iter().enumerate() {
                if let Some(s) = sentence(article, a, index, span, &mut stems) {
                    sentences.push(s);
                }
            }
        }
        let mut alignment = Alignment { sentences: Vec::new(), groups: Vec::new(), postings: HashMap::new() };
        for s in sentences {
            alignment.add(s);
        }
        alignment
    }

    fn add(&mut self, s: Sentence) {
        let id = self.sentences.len();
        let best = self
            .similar_groups(&s.stems, SAME)
            .into_iter()
            .filter(|&(g, _)| {
                let members = &self.groups[g];
                let rep = &self.sentences[members[0]];
                rep.numbers == s.numbers && members.iter().all(|&m| self.sentences[m].article != s.article)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((g, _)) => self.groups[g].push(id),
            None => {
                let g = self.groups.len();
                for &t in &s.stems {
                    self.postings.entry(t).or_default().push(g);
                }
                self.groups.push(vec![id]);
            }
        }
        self.sentences.push(s);
    }

    /// Groups whose representative shares at least `min` (Jaccard) of its stems
    /// with `stems`, with that similarity, in group order.
    pub(crate) fn similar_groups(&self, stems: &[u32], min: f64) -> Vec<(usize, f64)> {
        let mut shared: Vec<(usize, usize)> = Vec::new();
        for t in stems {
            for &g in self.postings.get(t).into_iter().flatten() {
                match shared.binary_search_by_key(&g, |&(k, _)| k) {
                    Ok(i) => shared[i].1 += 1,
                    Err(i) => shared.insert(i, (g, 1)),
                }
            }
        }
        shared
            .into_iter()
            .filter_map(|(g, n)| {
                let other = self.sentences[self.groups[g][0]].stems.len();
                let j = n as f64 / (stems.len() + other - n) as f64;
                (j >= min).then_some((g, j))
            })
            .collect()
    }

    /// The representative sentence of group `g`.
    pub(crate) fn rep(&self, g: usize) -> &Sentence {
        &self.sentences[self.groups[g][0]]
    }
}

/// Jaccard similarity of two sorted sets.
pub(crate) fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - n;
    if union == 0 {
        0.0
    } else {
        n as f64 / union as f64
    }
}

/// Lines that credit, reference or promote rather than report.
const NOT_REPORTING: &[&str] = &[
    "additional reporting",
    "all rights reserved",
    "click here",
    "copyright",
    "credited from",
    "editing by",
    "follow us",
    "photo",
    "read more",
    "reference",
    "reporting by",
    "sign up",
    "source:",
    "writing by",
    "©",
    "(c)",
];

/// The sentence at `span`, unless it is too short to state a fact or is not reporting.
fn sentence(
    article: &Article,
    a: usize,
    index: usize,
    span: Span,
    interned: &mut HashMap<String, u32>,
) -> Option<Sentence> {
    let text = span.slice(&article.body)?;
    let lower = text.to_lowercase();
    if NOT_REPORTING.iter().any(|p| lower.starts_with(p)) || lower.contains("all rights reserved") {
        return None;
    }
    let toks: Vec<_> = tokens(text).collect();
    if toks.iter().filter(|t| t.kind == TokenKind::Word).count() < 6 {
        return None;
    }
    let mut stems = Vec::new();
    let mut numbers = Vec::new();
    let mut counts = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Number {
            let number = t.text.replace(',', "");
            if let Some(c) = count(text, t.span, &number, toks.get(k + 1)) {
                counts.push(c);
            }
            numbers.push(number);
            continue;
        }
        let folded = fold(t.text);
        if is_stopword(&folded) {
            continue;
        }
        let next = interned.len() as u32;
        stems.push(*interned.entry(stem(&folded)).or_insert(next));
    }
    stems.sort_unstable();
    stems.dedup();
    numbers.sort();
    Some(Sentence { article: a, index, span, stems, numbers, counts })
}

/// `12 workers`, `40-kilometre`: the number and the word right after it.
fn count(text: &str, number: Span, value: &str, next: Option<&corroborate_text::Token>) -> Option<Count> {
    let noun = next.filter(|n| n.kind == TokenKind::Word)?;
    let gap = &text[number.end..noun.span.start];
    let folded = fold(noun.text);
    if !matches!(gap, " " | "-") || is_stopword(&folded) || !noun.text.chars().all(char::is_lowercase) {
        return None;
    }
    Some(Count {
        noun: stem(&folded),
        noun_text: noun.text.to_string(),
        number: value.to_string(),
        text: text[number.start..noun.span.end].to_string(),
    })
}
