//! Matching a brief against its gold story, one to one.
//!
//! A conflict matches when the attribute is the same and its values pair
//! up: each gold value with a distinct predicted one carried by exactly the
//! same articles and written alike (one text contains the other, case and
//! accents aside). A corroborated claim matches a claim of the brief marked
//! corroborated by the same number of independent sources, one of whose
//! cited sentences contains the gold words. A quote attribution matches a
//! quote of the brief that contains the gold words and names the same
//! speaker. Whatever the brief has that no gold item took is a false
//! positive; gold items left are misses.

use corroborate_model::{Article, Brief, ClaimStatus, Conflict, Extraction, Quote};
use corroborate_text::fold;
use serde::Serialize;

use super::gold;

/// Matches of one kind of item, with what did not match, by name.
#[derive(Default, Serialize)]
pub struct Tally {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub false_positives: Vec<String>,
    pub misses: Vec<String>,
}

impl Tally {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Pairs gold items with predicted ones, each used once, in gold order.
    fn pair<G, P>(
        &mut self,
        gold: &[G],
        predicted: &[P],
        matches: impl Fn(&G, &P) -> bool,
        name_gold: impl Fn(&G) -> String,
        name_predicted: impl Fn(&P) -> String,
    ) {
        self.gold += gold.len();
        self.predicted += predicted.len();
        let mut used = vec![false; predicted.len()];
        for g in gold {
            match (0..predicted.len()).find(|&i| !used[i] && matches(g, &predicted[i])) {
                Some(i) => {
                    used[i] = true;
                    self.matched += 1;
                }
                None => self.misses.push(name_gold(g)),
            }
        }
        for (p, _) in predicted.iter().zip(&used).filter(|(_, u)| !**u) {
            self.false_positives.push(name_predicted(p));
        }
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Case- and accent-insensitive containment either way.
fn alike(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    a.contains(&b) || b.contains(&a)
}

fn sorted(ids: &[String]) -> Vec<&str> {
    let mut v: Vec<&str> = ids.iter().map(String::as_str).collect();
    v.sort_unstable();
    v
}

pub fn conflicts(tally: &mut Tally, story: &str, gold: &[gold::Conflict], brief: &Brief) {
    let matches = |g: &gold::Conflict, p: &Conflict| {
        if fold(&g.attribute) != fold(&p.attribute) || g.values.len() != p.values.len() {
            return false;
        }
        let mut used = vec![false; p.values.len()];
        g.values.iter().all(|gv| {
            let found = (0..p.values.len()).find(|&i| {
                !used[i]
                    && sorted(&gv.articles) == sorted(&p.values[i].articles)
                    && alike(&gv.value, &p.values[i].value)
            });
            found.map(|i| used[i] = true).is_some()
        })
    };
    let name_gold = |g: &gold::Conflict| {
        let values: Vec<String> =
            g.values.iter().map(|v| format!("{} [{}]", v.value, v.articles.join(" "))).collect();
        format!("{story}: {}: {}", g.attribute, values.join(" | "))
    };
    let name_predicted = |p: &Conflict| {
        let values: Vec<String> =
            p.values.iter().map(|v| format!("{} [{}]", v.value, v.articles.join(" "))).collect();
        format!("{story}: {} of {}: {}", p.attribute, p.subject, values.join(" | "))
    };
    tally.pair(gold, &brief.conflicts, matches, name_gold, name_predicted);
}

/// A corroborated claim of the brief with the text of each sentence it cites.
struct Claim<'a> {
    text: &'a str,
    outlets: usize,
    cited: Vec<&'a str>,
}

pub fn corroborated(
    tally: &mut Tally,
    story: &str,
    gold: &[gold::Corroborated],
    brief: &Brief,
    articles: &[(Article, Extraction)],
) {
    let body = |id: &str| articles.iter().find(|(a, _)| a.id == id).map(|(a, _)| a.body.as_str());
    let claims: Vec<Claim> = brief
        .claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Corroborated)
        .map(|c| Claim {
            text: &c.text,
            outlets: c.independent_sources,
            cited: c.sources.iter().filter_map(|s| body(&s.article)?.get(s.start..s.end)).collect(),
        })
        .collect();
    let matches = |g: &gold::Corroborated, p: &Claim| {
        let words = fold(&g.claim);
        g.outlets == p.outlets && p.cited.iter().chain([&p.text]).any(|t| fold(t).contains(&words))
    };
    let name_gold = |g: &gold::Corroborated| format!("{story}: “{}” ({} outlets)", g.claim, g.outlets);
    let name_predicted = |p: &Claim| format!("{story}: “{}” ({} outlets)", p.text, p.outlets);
    tally.pair(gold, &claims, matches, name_gold, name_predicted);
}

pub fn quotes(tally: &mut Tally, story: &str, gold: &[gold::Quote], brief: &Brief) {
    let attributed: Vec<&Quote> = brief.quotes.iter().filter(|q| q.speaker.is_some()).collect();
    let matches = |g: &gold::Quote, p: &&Quote| {
        fold(&p.text).contains(&fold(&g.quote))
            && p.speaker.as_deref().is_some_and(|s| fold(s) == fold(&g.speaker))
    };
    let name_gold = |g: &gold::Quote| format!("{story}: “{}…” — {}", g.quote, g.speaker);
    let name_predicted =
        |p: &&Quote| format!("{story}: “{}” — {}", p.text, p.speaker.as_deref().unwrap_or_default());
    tally.pair(gold, &attributed, matches, name_gold, name_predicted);
}
