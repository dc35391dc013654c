//! Conflicts: independent sources giving different values for one thing.
//!
//! A wrongly reported dispute costs more trust than a missed one, so each
//! check is narrow: a person's title where neither title merely narrows the
//! other, a surname that a single source spells its own way, and a count
//! that differs between sentences that otherwise say the same thing.
//! Differences within a single source are never reported.

use std::collections::BTreeMap;

use corroborate_model::{Citation, Conflict, ConflictValue, EntityKind};

use crate::align::{jaccard, Alignment};
use crate::entities::{surname, Merged};
use crate::Story;

/// Sentences at least this similar (stems, numbers aside) are about the same fact.
const ALIGNED: f64 = 0.5;

/// One value as seen in the sources: what was written, where.
#[derive(Default)]
struct Seen {
    /// Written forms with how often each was used, in order of first use.
    forms: Vec<(String, usize)>,
    articles: Vec<usize>,
    citations: Vec<Citation>,
}

impl Seen {
    fn add(&mut self, form: &str, article: usize, citation: Citation) {
        match self.forms.iter_mut().find(|f| f.0 == form) {
            Some(f) => f.1 += 1,
            None => self.forms.push((form.to_string(), 1)),
        }
        if !self.articles.contains(&article) {
            self.articles.push(article);
        }
        if !self.citations.contains(&citation) {
            self.citations.push(citation);
        }
    }

    /// The most used form (ties: the earliest).
    fn value(&self) -> String {
        let best = self.forms.iter().enumerate().max_by(|(i, x), (j, y)| x.1.cmp(&y.1).then(j.cmp(i)));
        best.map(|(_, f)| f.0.clone()).unwrap_or_default()
    }
}

/// A conflict when the values come from at least two independent sources.
fn conflict(story: &Story, subject: &str, attribute: &str, mut seen: Vec<Seen>) -> Option<Conflict> {
    let mut sources: Vec<usize> =
        seen.iter().flat_map(|s| &s.articles).map(|&a| story.source_of[a]).collect();
    sources.sort_unstable();
    sources.dedup();
    if seen.len() < 2 || sources.len() < 2 {
        return None;
    }
    seen.sort_by_key(|s| s.articles.iter().min().copied());
    let values = seen
        .into_iter()
        .map(|s| ConflictValue {
            value: s.value(),
            articles: s.articles.iter().map(|&a| story.articles[a].id.clone()).collect(),
            citations: s.citations,
        })
        .collect();
    Some(Conflict { subject: subject.to_string(), attribute: attribute.to_string(), values })
}

/// People described with different titles.
pub(crate) fn roles(story: &Story, entities: &[Merged]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for e in entities.iter().filter(|e| e.entity.kind == EntityKind::Person) {
        let mut classes: Vec<(Vec<Vec<String>>, Seen)> = Vec::new();
        for &(a, k) in &e.mentions {
            let m = &story.extractions[a].mentions[k];
            let (Some(role), Some(span)) = (&m.role, m.role_span) else { continue };
            let Some(core) = crate::roles::core(role) else { continue };
            let citation =
                Citation { article: story.articles[a].id.clone(), start: span.start, end: m.span.end };
            let class =
                classes.iter().position(|(cores, _)| cores.iter().any(|c| crate::roles::same(c, &core)));
            let i = class.unwrap_or_else(|| {
                classes.push((Vec::new(), Seen::default()));
                classes.len() - 1
            });
            classes[i].0.push(core);
            classes[i].1.add(role, a, citation);
        }
        let seen = classes.into_iter().map(|(_, s)| s).collect();
        out.extend(conflict(story, &e.entity.name, "title", seen));
    }
    out
}

/// A person whose surname one outlet spells its own way (`Kovach` where the
/// others write `Kovač`): accents and case aside, each spelling used by a
/// single independent source is disputed against the others.
pub(crate) fn spellings(story: &Story, entities: &[Merged]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for e in entities.iter().filter(|e| e.entity.kind == EntityKind::Person) {
        // Mentions by folded surname, in order of first use.
        let mut forms: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
        for &(a, k) in &e.mentions {
            let form = surname(&story.extractions[a].mentions[k].text);
            match forms.iter_mut().find(|f| f.0 == form) {
                Some(f) => f.1.push((a, k)),
                None => forms.push((form, vec![(a, k)])),
            }
        }
        let single = |mentions: &[(usize, usize)]| {
            let mut sources: Vec<usize> = mentions.iter().map(|&(a, _)| story.source_of[a]).collect();
            sources.sort_unstable();
            sources.dedup();
            sources.len() == 1
        };
        if forms.len() < 2 || !forms.iter().any(|f| single(&f.1)) {
            continue;
        }
        let seen = forms.iter().map(|(_, mentions)| spelled(story, mentions)).collect();
        out.extend(conflict(story, &e.entity.name, "name spelling", seen));
    }
    out
}

/// Where a spelling is used; its value is the fullest name written with it.
fn spelled(story: &Story, mentions: &[(usize, usize)]) -> Seen {
    let mut seen = Seen::default();
    let mut fullest = "";
    for &(a, k) in mentions {
        let m = &story.extractions[a].mentions[k];
        let citation =
            Citation { article: story.articles[a].id.clone(), start: m.span.start, end: m.span.end };
        seen.add(&m.text, a, citation);
        if m.text.split(' ').count() > fullest.split(' ').count() {
            fullest = &m.text;
        }
    }
    seen.forms = vec![(fullest.to_string(), 1)];
    seen
}

/// Counts of the same noun that differ between aligned sentences of different sources.
pub(crate) fn numbers(story: &Story, al: &Alignment) -> Vec<Conflict> {
    // Pairs of groups that disagree on a noun's count, by noun.
    let mut pairs: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for g in 0..al.groups.len() {
        let rep = al.rep(g);
        for (h, _) in al.similar_groups(&rep.stems, ALIGNED) {
            let other = al.rep(h);
            if h <= g || other.numbers == rep.numbers || jaccard(&rep.stems, &other.stems) < ALIGNED {
                continue;
            }
            for c in rep.counts.iter().filter(|c| rep.counts.iter().filter(|d| d.noun == c.noun).count() == 1)
            {
                let theirs: Vec<_> = other.counts.iter().filter(|d| d.noun == c.noun).collect();
                if let [d] = theirs[..] {
                    if d.number != c.number {
                        pairs.entry(c.noun.clone()).or_default().push((g, h));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (noun, links) in pairs {
        for component in components(&links) {
            out.extend(count_conflict(story, al, &noun, &component));
        }
    }
    out
}

/// Connected groups, each sorted, in order of their smallest group.
fn components(links: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut comps: Vec<Vec<usize>> = Vec::new();
    for &(g, h) in links {
        let found: Vec<usize> =
            (0..comps.len()).filter(|&i| comps[i].contains(&g) || comps[i].contains(&h)).collect();
        let mut merged = vec![g, h];
        for &i in found.iter().rev() {
            merged.extend(comps.remove(i));
        }
        merged.sort_unstable();
        merged.dedup();
        comps.push(merged);
    }
    comps.sort();
    comps
}

fn count_conflict(story: &Story, al: &Alignment, noun: &str, groups: &[usize]) -> Option<Conflict> {
    let mut by_number: Vec<(String, Seen)> = Vec::new();
    let mut subject: Option<(usize, String)> = None;
    for &g in groups {
        for &s in &al.groups[g] {
            let sentence = &al.sentences[s];
            let Some(c) = sentence.counts.iter().find(|c| c.noun == noun) else { continue };
            let earlier = match &subject {
                Some((a, _)) => sentence.article < *a,
                None => true,
            };
            if earlier {
                subject = Some((sentence.article, c.noun_text.clone()));
            }
            let article = &story.articles[sentence.article];
            let citation =
                Citation { article: article.id.clone(), start: sentence.span.start, end: sentence.span.end };
            let i = by_number.iter().position(|(n, _)| *n == c.number).unwrap_or_else(|| {
                by_number.push((c.number.clone(), Seen::default()));
                by_number.len() - 1
            });
            by_number[i].1.add(&c.text, sentence.article, citation);
        }
    }
    let seen = by_number.into_iter().map(|(_, s)| s).collect();
    conflict(story, &subject?.1, "number", seen)
}
