//! The term vocabulary: each distinct term gets a dense `u32` id on first sight.
//!
//! Story profiles, postings and document frequencies are keyed by id, so that
//! the hot paths (scoring, norms, reindexing) index arrays and compare numbers
//! instead of hashing and comparing strings. Strings come back only at the
//! edges: reading an article's features, writing profiles and frequencies for
//! the store, and breaking ties, which follow the order of the strings so that
//! decisions do not depend on the order in which terms were first seen.

use crate::{FIGURE_PREFIX, NAME_PREFIX};
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;

/// Dense id of an interned term.
pub type TermId = u32;

/// A two-way map between terms and ids, with the per-term facts the clusterer needs.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<Box<str>, TermId>,
    terms: Vec<Box<str>>,
    names: Vec<bool>,
    figures: Vec<bool>,
    years: Vec<bool>,
}

impl Vocabulary {
    /// The id of a term, adding the term if it is new.
    pub fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = TermId::try_from(self.terms.len()).expect("fewer than 2^32 distinct terms");
        self.ids.insert(term.into(), id);
        self.terms.push(term.into());
        self.names.push(term.starts_with(NAME_PREFIX));
        self.figures.push(term.starts_with(FIGURE_PREFIX));
        self.years.push(is_year(term));
        id
    }

    pub fn term(&self, id: TermId) -> &str {
        &self.terms[id as usize]
    }

    /// Whether the term is a name (see [`NAME_PREFIX`]).
    pub fn is_name(&self, id: TermId) -> bool {
        self.names[id as usize]
    }

    /// Whether the term is a figure (see [`FIGURE_PREFIX`]).
    pub fn is_figure(&self, id: TermId) -> bool {
        self.figures[id as usize]
    }

    /// Whether the term is a figure that reads as a year (`@#2013`).
    pub fn is_year(&self, id: TermId) -> bool {
        self.years[id as usize]
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Orders two ids as their terms.
    pub fn cmp(&self, a: TermId, b: TermId) -> Ordering {
        if a == b {
            Ordering::Equal
        } else {
            self.term(a).cmp(self.term(b))
        }
    }
}

fn is_year(term: &str) -> bool {
    term.strip_prefix(FIGURE_PREFIX)
        .filter(|digits| digits.len() == 4)
        .and_then(|digits| digits.parse::<u32>().ok())
        .is_some_and(|year| (1900..2100).contains(&year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_round_trip_through_their_ids() {
        let mut v = Vocabulary::default();
        let words = ["treati", "@saro", "river", "treati", "dam", "@#2013"];
        let ids: Vec<TermId> = words.iter().map(|w| v.intern(w)).collect();
        assert_eq!(ids, [0, 1, 2, 0, 3, 4]);
        assert_eq!(v.len(), 5);
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(v.term(id), *w);
            assert_eq!(v.intern(w), id);
        }
        assert_eq!(v.len(), 5);
        assert!(v.is_name(ids[1]) && !v.is_name(ids[0]));
        assert!(v.is_name(ids[5]) && v.is_figure(ids[5]) && !v.is_figure(ids[1]));
        assert!(v.is_year(ids[5]) && !v.is_year(ids[1]));
        let (count, long) = (v.intern("@#1200"), v.intern("@#20130"));
        assert!(!v.is_year(count) && !v.is_year(long));
    }

    #[test]
    fn ids_compare_as_their_terms() {
        let mut v = Vocabulary::default();
        let (zulu, alpha) = (v.intern("zulu"), v.intern("alpha"));
        assert!(zulu < alpha);
        assert_eq!(v.cmp(zulu, alpha), Ordering::Greater);
        assert_eq!(v.cmp(alpha, alpha), Ordering::Equal);
    }
}
