//! Quotes merged across articles: the same words quoted by several outlets.
//!
//! Outlets trim, re-punctuate and re-case quotes, so quotes are compared by
//! their folded words; nearly identical word sets are one quote.

use corroborate_model::{Citation, Quote};
use corroborate_text::{fold, tokens};

use crate::entities::surname;
use crate::Story;

/// Word-set similarity (Jaccard, folded words) from which two quotes are the same words.
pub const NEAR: f64 = 0.85;

struct Merging {
    words: Vec<String>,
    text: String,
    speakers: Vec<(String, usize)>,
    articles: Vec<usize>,
    citations: Vec<Citation>,
}

pub(crate) fn merge(story: &Story) -> Vec<Quote> {
    let mut merged: Vec<Merging> = Vec::new();
    for (a, e) in story.extractions.iter().enumerate() {
        for q in &e.quotes {
            let words = words(&q.text);
            let i = match merged.iter().position(|m| similarity(&m.words, &words) >= NEAR) {
                Some(i) => i,
                None => {
                    merged.push(Merging {
                        words,
                        text: q.text.clone(),
                        speakers: Vec::new(),
                        articles: Vec::new(),
                        citations: Vec::new(),
                    });
                    merged.len() - 1
                }
            };
            let m = &mut merged[i];
            if let Some(s) = &q.speaker {
                match m.speakers.iter_mut().find(|(name, _)| name == s) {
                    Some(entry) => entry.1 += 1,
                    None => m.speakers.push((s.clone(), 1)),
                }
            }
            if !m.articles.contains(&a) {
                m.articles.push(a);
            }
            m.citations.push(Citation {
                article: story.articles[a].id.clone(),
                start: q.span.start,
                end: q.span.end,
            });
        }
    }
    // Quotes with a speaker first: words in quote marks that nobody is said
    // to have spoken (`an “out-of-band” patch`) tell a reader least.
    merged.sort_by(|x, y| {
        x.speakers
            .is_empty()
            .cmp(&y.speakers.is_empty())
            .then(y.articles.len().cmp(&x.articles.len()))
            .then(x.articles[0].cmp(&y.articles[0]))
    });
    merged
        .into_iter()
        .map(|m| Quote {
            text: m.text,
            speaker: speaker(&m.speakers),
            articles: m.articles.iter().map(|&a| story.articles[a].id.clone()).collect(),
            citations: m.citations,
        })
        .collect()
}

/// The sorted, distinct folded words of a text.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = tokens(text).map(|t| fold(t.text)).collect();
    words.sort();
    words.dedup();
    words
}

/// Jaccard similarity of two sorted word sets.
pub(crate) fn similarity(a: &[String], b: &[String]) -> f64 {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        1.0
    } else {
        shared as f64 / union as f64
    }
}

/// The speaker of a quote that articles attribute (`name`, how many
/// articles): the person most articles name, a surname alone counting for
/// the full name most given with it (`Jackman` for `Hugh Jackman`), shown
/// by that full name. Between as many votes, a full name is the better
/// evidence (`Hugh Jackman` over `Oscar`, a word of the sentence read as a
/// name), then the first given.
fn speaker(speakers: &[(String, usize)]) -> Option<String> {
    let full = |name: &str| name.contains(' ');
    let mut people: Vec<(&str, usize)> =
        speakers.iter().filter(|(n, _)| full(n)).map(|(n, v)| (n.as_str(), *v)).collect();
    for (name, votes) in speakers.iter().filter(|(n, _)| !full(n)) {
        let with_it = people
            .iter_mut()
            .filter(|(full_name, _)| surname(full_name) == surname(name))
            .max_by_key(|(_, votes)| *votes);
        match with_it {
            Some(person) => person.1 += votes,
            None => people.push((name, *votes)),
        }
    }
    let words = |name: &str| name.split(' ').count();
    let best = people
        .iter()
        .enumerate()
        .max_by(|(i, x), (j, y)| x.1.cmp(&y.1).then(words(x.0).cmp(&words(y.0))).then(j.cmp(i)))?;
    Some(best.1 .0.to_string())
}

#[cfg(test)]
mod tests {
    use super::speaker;

    fn votes(list: &[(&str, usize)]) -> Vec<(String, usize)> {
        list.iter().map(|&(name, n)| (name.to_string(), n)).collect()
    }

    #[test]
    fn the_speaker_is_the_person_most_articles_name_by_their_fullest_name() {
        assert_eq!(speaker(&votes(&[("Oscar", 1), ("Hugh Jackman", 1)])).as_deref(), Some("Hugh Jackman"));
        assert_eq!(speaker(&votes(&[("Oscar", 2), ("Hugh Jackman", 1)])).as_deref(), Some("Oscar"));
        let split = votes(&[("Oscar", 2), ("Jackman", 1), ("Hugh Jackman", 2)]);
        assert_eq!(speaker(&split).as_deref(), Some("Hugh Jackman"));
        assert_eq!(speaker(&votes(&[("Ana Berg", 1), ("Ivo Radić", 1)])).as_deref(), Some("Ana Berg"));
        // Two people of one surname are two people: the one more articles name speaks.
        let family = votes(&[("Ivan Kovač", 1), ("Marta Kovač", 2)]);
        assert_eq!(speaker(&family).as_deref(), Some("Marta Kovač"));
        assert_eq!(speaker(&[]), None);
    }
}
