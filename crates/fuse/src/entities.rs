//! Entities: mentions of one thing across articles, merged.
//!
//! A person is named in full once and by surname afterwards, and outlets
//! differ in accents (`Kovač`, `Kovac`), so people are merged by their folded
//! surname; other names by their whole folded text.

use std::collections::HashMap;

use corroborate_model::{Alias, Entity, EntityKind, Extraction, Mention};
use corroborate_text::fold;

/// A merged entity and the mentions it came from, as (article, mention) indices.
pub(crate) struct Merged {
    pub entity: Entity,
    pub mentions: Vec<(usize, usize)>,
    /// Folded surname, for people.
    pub surname: Option<String>,
}

/// Folded last word of a name.
pub(crate) fn surname(name: &str) -> String {
    fold(name.rsplit([' ', '-']).next().unwrap_or(name))
}

pub(crate) fn merge(extractions: &[&Extraction], ids: &[&str]) -> Vec<Merged> {
    let people: Vec<String> = {
        let mut p: Vec<String> = extractions
            .iter()
            .flat_map(|e| &e.mentions)
            .filter(|m| m.kind == EntityKind::Person)
            .map(|m| surname(&m.text))
            .collect();
        p.sort();
        p.dedup();
        p
    };
    let mut index: HashMap<(bool, String), usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (a, e) in extractions.iter().enumerate() {
        for (k, m) in e.mentions.iter().enumerate() {
            let last = surname(&m.text);
            let person = m.kind == EntityKind::Person
                || (!m.text.contains(' ')
                    && m.kind == EntityKind::Other
                    && people.binary_search(&last).is_ok());
            let key = if person { (true, last) } else { (false, fold(&m.text)) };
            let g = *index.entry(key.clone()).or_insert_with(|| {
                groups.push(Group::default());
                groups.len() - 1
            });
            groups[g].add(a, k, m);
            if key.0 {
                groups[g].surname = Some(key.1);
            }
        }
    }
    let mut merged: Vec<Merged> = groups.into_iter().map(|g| g.finish(ids)).collect();
    // Named kinds first: an unclassified capitalised word is the least informative entity.
    merged.sort_by(|x, y| {
        (x.entity.kind == EntityKind::Other)
            .cmp(&(y.entity.kind == EntityKind::Other))
            .then(y.entity.articles.len().cmp(&x.entity.articles.len()))
            .then(y.mentions.len().cmp(&x.mentions.len()))
            .then(x.mentions[0].cmp(&y.mentions[0]))
    });
    merged
}

#[derive(Default)]
struct Group {
    /// Spellings in order of first use: text, articles, number of mentions.
    spellings: Vec<(String, Vec<usize>, usize)>,
    kinds: [usize; 4],
    mentions: Vec<(usize, usize)>,
    surname: Option<String>,
}

impl Group {
    fn add(&mut self, a: usize, k: usize, m: &Mention) {
        match self.spellings.iter_mut().find(|s| s.0 == m.text) {
            Some(s) => {
                if !s.1.contains(&a) {
                    s.1.push(a);
                }
                s.2 += 1;
            }
            None => self.spellings.push((m.text.clone(), vec![a], 1)),
        }
        self.kinds[m.kind as usize] += 1;
        self.mentions.push((a, k));
    }

    fn finish(self, ids: &[&str]) -> Merged {
        // Prefer full names (most words), then the most used spelling, then the earliest.
        let words = |s: &str| s.split(' ').count();
        let fullest = self.spellings.iter().map(|s| words(&s.0)).max().unwrap_or(0);
        let name = self
            .spellings
            .iter()
            .enumerate()
            .filter(|(_, s)| words(&s.0) == fullest)
            .max_by(|(i, x), (j, y)| x.2.cmp(&y.2).then(j.cmp(i)))
            .map(|(_, s)| s.0.clone())
            .unwrap_or_default();
        const KINDS: [EntityKind; 4] =
            [EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Other];
        // `Other` means unknown: it decides only when nothing else was said.
        let kind = (0..3)
            .filter(|&k| self.kinds[k] > 0)
            .max_by(|&x, &y| self.kinds[x].cmp(&self.kinds[y]).then(y.cmp(&x)))
            .map_or(EntityKind::Other, |k| KINDS[k]);
        let mut articles: Vec<usize> = self.mentions.iter().map(|m| m.0).collect();
        articles.sort_unstable();
        articles.dedup();
        let aliases = self
            .spellings
            .iter()
            .map(|(text, arts, _)| Alias {
                name: text.clone(),
                articles: arts.iter().map(|&a| ids[a].to_string()).collect(),
            })
            .collect();
        Merged {
            entity: Entity {
                name,
                kind,
                aliases,
                articles: articles.iter().map(|&a| ids[a].to_string()).collect(),
            },
            mentions: self.mentions,
            surname: self.surname,
        }
    }
}
