//! Sentence alignment: which sentences of different articles say the same thing.
//!
//! Sentences are compared by the sets of stems of their content words. Two
//! sentences with nearly the same stems and compatible values state one
//! fact, and form one group; the group is the unit the brief cites and
//! counts sources for. Values (counts, amounts, durations, dates: see
//! [`crate::values`]) are kept apart from the stems, so that `12 workers`
//! and `a dozen workers` align, and so that sentences that differ only in a
//! value can be found too: those are candidate disputes. A sentence that
//! quotes the same words as another, from the same speaker, states the same
//! thing however differently each outlet attributes the quote (`“…,” Kovač
//! said`, `“…,” said Marta Kovač, the minister`), so the two are one group
//! too.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use corroborate_model::{Article, Extraction, Span};
use corroborate_text::{fold, fold_into, is_stopword, stem, tokens, Quotations, TokenKind};

use crate::entities::surname;
use crate::quotes;
use crate::values::{compatible, extract, parse_iso, same, Value};
use crate::variants::same_surname;

/// Stem sets at least this similar, with compatible values, are one group.
pub(crate) const SAME: f64 = 0.6;

/// A sentence of one article, reduced to what alignment compares.
pub(crate) struct Sentence {
    pub article: usize,
    /// Position among the article's sentences.
    pub index: usize,
    pub span: Span,
    /// Sorted interned stems of content words.
    pub stems: Vec<u32>,
    /// Sorted numbers that are not part of a value (years, codes), without thousands separators.
    pub numbers: Vec<String>,
    /// Values stated, in text order, with spans in the sentence (see [`Sentence::at`]).
    pub values: Arc<[Value]>,
    /// Sorted, distinct folded words, all of them (interned).
    pub words: Arc<[u32]>,
    /// The longest quote in it, when long enough to be told apart from others.
    pub quote: Option<Quoted>,
    /// Whether it is someone's words with no one named as saying them (see
    /// [`unattributed_quotations`]): no sentence of a brief.
    pub quoted_only: bool,
    /// The names it gives and where (see [`Sentence::names`]), read when a
    /// brief first compares it: the digests of stories never do.
    names: OnceLock<Box<[Named]>>,
}

/// Quoted words and who said them.
pub(crate) struct Quoted {
    /// Sorted, distinct folded words of the quote (interned).
    pub words: Vec<u32>,
    /// Folded surname of the speaker, when known.
    pub speaker: Option<String>,
}

/// Word-set similarity (all words) a sentence needs with a group's
/// representative to join it: the brief cites each member for the
/// representative's text, so each must still say it.
const SAYS: f64 = 0.5;

/// Fewest words a quote needs to align sentences on its own.
const QUOTE_WORDS: usize = 5;

impl Sentence {
    /// Whether `other`, aligned with this sentence, says what it says: it
    /// gives no figure this one gives otherwise (`12 workers`, `14 workers`),
    /// and puts no name of its own right where this one has another (`told
    /// People`, `told Us`; spellings of one name, such as `Kovač` and
    /// `Kovach`, are one). A sentence aligned but not agreeing
    /// is the same report in other terms, not support for these.
    ///
    /// `text` and `other_text` are the two sentences' texts.
    pub(crate) fn agrees_with<'s>(&'s self, text: &str, other: &'s Sentence, other_text: &str) -> bool {
        // Two sentences aligned by the words they quote say what was said;
        // who tells it, and where, is theirs (`Nadia Kresić said`, `Kresić
        // told reporters in Port Calder`).
        if self.quote.is_some() && other.quote.is_some() {
            return true;
        }
        let differs = |v: &Value| {
            let mut theirs = other.values.iter().filter(|w| w.key == v.key).peekable();
            theirs.peek().is_some() && !theirs.any(|w| v.low <= w.high && w.low <= v.high)
        };
        if self.values.iter().any(differs) {
            return false;
        }
        // A number in place of another, not one more (`in 2008`, `in 2008 and 2009`).
        let lacks =
            |a: &Sentence, b: &Sentence| a.numbers.iter().any(|n| b.numbers.binary_search(n).is_err());
        if lacks(self, other) && lacks(other, self) {
            return false;
        }
        // A name in the place of another: between the same words, and
        // neither sentence names the other's.
        let (my_names, their_names) = (self.names(text), other.names(other_text));
        let only = |a: &'s [Named], b: &[Named]| -> Vec<&'s Named> {
            a.iter().filter(|(n, ..)| !b.iter().any(|(m, ..)| m == n)).collect()
        };
        let (mine, theirs) = (only(my_names, their_names), only(their_names, my_names));
        !mine.iter().any(|(m, before, after)| {
            theirs.iter().any(|(t, b, a)| (before, after) == (b, a) && !alike(m, t))
        })
    }

    /// Folded words of `text` (this sentence's) written with a capital (its
    /// first word and its values' words aside), those in a row as one, each
    /// with the folded words before and after it (none after its last),
    /// sorted: the names it gives and where (`told People`, `told Us`).
    pub(crate) fn names(&self, text: &str) -> &[Named] {
        self.names.get_or_init(|| {
            let toks: Vec<_> = tokens(text).collect();
            let mut names: Vec<Named> = Vec::new();
            let mut run_ends_at = 0;
            for (k, t) in toks.iter().enumerate().skip(1) {
                let in_value = self.values.iter().any(|v| v.tokens.contains(&k));
                if in_value || t.kind != TokenKind::Word || !t.is_capitalised() {
                    continue;
                }
                let folded = fold(t.text);
                let name = folded.strip_suffix("'s").or_else(|| folded.strip_suffix("’s")).unwrap_or(&folded);
                let after = toks.get(k + 1).map(|t| fold(t.text));
                // Capitalised words in a row are one name (`the Valley Ledger that`).
                match names.last_mut() {
                    Some((run, _, next)) if run_ends_at == k => {
                        run.push(' ');
                        run.push_str(name);
                        *next = after;
                    }
                    _ => names.push((name.to_string(), fold(toks[k - 1].text), after)),
                }
                run_ends_at = k + 1;
            }
            names.sort_unstable();
            names.dedup();
            names.into()
        })
    }

    /// Where value `v` of this sentence is in the article's body.
    pub(crate) fn at(&self, v: &Value) -> Span {
        Span::new(self.span.start + v.span.start, self.span.start + v.span.end)
    }
}

/// Sentences of a story grouped by what they say. Articles are added one at
/// a time, in arrival order, so a story's alignment can be kept and extended
/// as articles join it: each new sentence is matched against the groups
/// through the stem postings, never against every sentence.
#[derive(Default)]
pub(crate) struct Alignment {
    pub sentences: Vec<Sentence>,
    /// Groups of indices into `sentences`, each in arrival order, at most one
    /// sentence per article; the first member is the representative.
    pub groups: Vec<Vec<usize>>,
    /// For each stem (by interned number), the groups whose representative has it.
    postings: Vec<Vec<usize>>,
    /// Stems shared with each group, counted for one sentence at a time;
    /// all zero between counts.
    shared: RefCell<Vec<u32>>,
    /// For each word (by interned number), the groups whose representative
    /// quotes words with it among their [`prefix`] for [`quotes::NEAR`].
    quoting: Vec<Vec<usize>>,
    /// For each group, the members with values unlike earlier members': all
    /// a new sentence must agree with.
    distinct: Vec<Vec<usize>>,
    vocabulary: Vocabulary,
    /// Sentences read so far, by publication day and text: wire copies
    /// repeat sentences, and each distinct one is read once.
    read: HashMap<Option<i64>, HashMap<Box<str>, Option<Read>>>,
    /// Articles added.
    articles: usize,
}

impl Alignment {
    pub(crate) fn new(articles: &[&Article], extractions: &[&Extraction]) -> Self {
        let mut alignment = Alignment::default();
        for (article, extraction) in articles.iter().zip(extractions) {
            alignment.add_article(article, extraction);
        }
        alignment
    }

    /// Adds the sentences of the next article of the story.
    pub(crate) fn add_article(&mut self, article: &Article, extraction: &Extraction) {
        let a = self.articles;
        self.articles += 1;
        let published = article.published.as_deref().and_then(parse_iso);
        let quoted_only = unattributed_quotations(&article.body, &article.sentences);
        for (index, &span) in article.sentences.iter().enumerate() {
            let Some(text) = span.slice(&article.body) else { continue };
            let known = self.read.get(&published).and_then(|texts| texts.get(text));
            let found = match known {
                Some(found) => found.clone(),
                None => {
                    let found = read_sentence(text, published, &mut self.vocabulary);
                    self.read.entry(published).or_default().insert(text.into(), found.clone());
                    found
                }
            };
            let Some(found) = found else { continue };
            let quote = quoted(extraction, span, &mut self.vocabulary);
            self.add(Sentence {
                article: a,
                index,
                span,
                stems: found.stems,
                numbers: found.numbers,
                values: found.values,
                words: found.words,
                quote,
                quoted_only: quoted_only[index],
                names: OnceLock::new(),
            });
        }
    }

    fn add(&mut self, s: Sentence) {
        let id = self.sentences.len();
        let mut candidates = self.similar_groups(&s.stems, SAME);
        if let Some(q) = &s.quote {
            let quoting = found_under(&self.quoting, prefix(&q.words, quotes::NEAR));
            candidates.extend(quoting.into_iter().filter_map(|g| {
                let theirs = self.rep(g).quote.as_ref()?;
                let near = jaccard(&q.words, &theirs.words);
                let speakers = match (&q.speaker, &theirs.speaker) {
                    (Some(x), Some(y)) => same_surname(x, y),
                    _ => true,
                };
                (near >= quotes::NEAR && speakers).then_some((g, near))
            }));
        }
        // The most similar group (the earliest among equals) that the sentence may join.
        candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let best = candidates.into_iter().find(|&(g, _)| {
            let members = &self.groups[g];
            let rep = &self.sentences[members[0]];
            // Sentences arrive in article order, so the last member has the latest article.
            let last = &self.sentences[members[members.len() - 1]];
            // The same words say the same thing, even where one article's
            // date gives its weekdays a day and the other's does not.
            let same_words = rep.words == s.words;
            last.article != s.article
                && (same_words
                    || rep.numbers == s.numbers
                        && jaccard(&rep.words, &s.words) >= SAYS
                        && self.distinct[g].iter().all(|&m| agree(&self.sentences[m].values, &s.values)))
        });
        match best {
            Some((g, _)) => {
                self.groups[g].push(id);
                if !self.distinct[g].iter().any(|&m| same_values(&self.sentences[m].values, &s.values)) {
                    self.distinct[g].push(id);
                }
            }
            None => {
                let g = self.groups.len();
                file_under(&mut self.postings, &s.stems, g);
                if let Some(q) = &s.quote {
                    file_under(&mut self.quoting, prefix(&q.words, quotes::NEAR), g);
                }
                self.groups.push(vec![id]);
                self.distinct.push(vec![id]);
            }
        }
        self.sentences.push(s);
    }

    /// Groups whose representative shares at least `min` (Jaccard) of its stems
    /// with `stems`, with that similarity, in group order.
    pub(crate) fn similar_groups(&self, stems: &[u32], min: f64) -> Vec<(usize, f64)> {
        // Stems shared with each group's representative, counted in a table
        // kept from call to call: only the groups met are set, and reset.
        let mut shared = self.shared.borrow_mut();
        if shared.len() < self.groups.len() {
            shared.resize(self.groups.len(), 0);
        }
        let mut touched: Vec<usize> = Vec::new();
        for t in stems {
            for &g in self.postings.get(*t as usize).into_iter().flatten() {
                if shared[g] == 0 {
                    touched.push(g);
                }
                shared[g] += 1;
            }
        }
        touched.sort_unstable();
        let found = touched
            .iter()
            .filter_map(|&g| {
                let (n, other) = (shared[g] as usize, self.rep(g).stems.len());
                let j = n as f64 / (stems.len() + other - n) as f64;
                (j >= min).then_some((g, j))
            })
            .collect();
        touched.iter().for_each(|&g| shared[g] = 0);
        found
    }

    /// The representative sentence of group `g`.
    pub(crate) fn rep(&self, g: usize) -> &Sentence {
        &self.sentences[self.groups[g][0]]
    }
}

/// The members of a sorted set under which it is indexed or looked up for
/// sets at least `min` as similar (Jaccard): its `n − ⌊min·n⌋ + 1` highest
/// (for words, the latest seen in the story). Two sets that similar share at
/// least `⌈min·n⌉` of the `n` members of either, so, in any one order, each
/// set's first `n − ⌈min·n⌉ + 1` meet; one more allows for rounding.
fn prefix(set: &[u32], min: f64) -> &[u32] {
    let n = set.len();
    let keep = (n + 1).saturating_sub((min * n as f64).floor() as usize).min(n);
    &set[n - keep..]
}

/// Adds group `g` to the postings of each of `keys`.
fn file_under(postings: &mut Vec<Vec<usize>>, keys: &[u32], g: usize) {
    for &k in keys {
        let k = k as usize;
        if postings.len() <= k {
            postings.resize_with(k + 1, Vec::new);
        }
        postings[k].push(g);
    }
}

/// The groups in the postings of any of `keys`, in group order.
fn found_under(postings: &[Vec<usize>], keys: &[u32]) -> Vec<usize> {
    let mut groups: Vec<usize> =
        keys.iter().flat_map(|&k| postings.get(k as usize).into_iter().flatten().copied()).collect();
    groups.sort_unstable();
    groups.dedup();
    groups
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

/// Lines that credit, reference, promote or speak for the publisher rather
/// than report (`Editor’s note: …`, a site's standing note on its subject).
const NOT_REPORTING: &[&str] = &[
    "additional reporting",
    "all rights reserved",
    "click here",
    "copyright",
    "credited from",
    "editing by",
    "editor's note",
    "editor’s note",
    "editors' note",
    "editors’ note",
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

/// Whether two sentences state the same values (where they are written aside).
fn same_values(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
}

/// Whether two sentences' values can all be true: for every key both state,
/// as many values, each compatible with its counterpart.
fn agree(a: &[Value], b: &[Value]) -> bool {
    a.iter().all(|v| {
        let mine = a.iter().filter(|x| x.key == v.key);
        let theirs: Vec<&Value> = b.iter().filter(|x| x.key == v.key).collect();
        theirs.is_empty()
            || mine.clone().count() == theirs.len() && mine.zip(theirs).all(|(x, y)| compatible(x, y))
    })
}

/// What alignment compares in a sentence; value spans are in the sentence's text.
#[derive(Clone)]
struct Read {
    stems: Vec<u32>,
    numbers: Vec<String>,
    values: Arc<[Value]>,
    words: Arc<[u32]>,
}

/// A name and the words around it (see [`Sentence::names`]).
type Named = (String, String, Option<String>);

/// Folded words and stems of one story, interned: sentences are compared as
/// sorted integer sets, and each distinct word is stemmed once.
#[derive(Default)]
struct Vocabulary {
    /// Folded words and stems, one number each.
    ids: HashMap<String, u32>,
    /// A word's stem, or `None` for a stop word, by the word's number.
    stems: HashMap<u32, Option<u32>>,
}

impl Vocabulary {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(text.to_string(), id);
        id
    }

    /// The stem of folded word `word` (numbered `id`), unless it is a stop word.
    fn stem(&mut self, id: u32, word: &str) -> Option<u32> {
        if let Some(&known) = self.stems.get(&id) {
            return known;
        }
        let found = (!is_stopword(word)).then(|| self.id(&stem(word)));
        self.stems.insert(id, found);
        found
    }

    /// The sorted, distinct numbers of the folded words of `text`.
    fn words(&mut self, text: &str) -> Vec<u32> {
        let mut folded = String::new();
        let mut words: Vec<u32> = tokens(text)
            .map(|t| {
                folded.clear();
                fold_into(t.text, &mut folded);
                self.id(&folded)
            })
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    }
}

/// Whether two names (folded, words in a row) may be one: one the acronym
/// of the other (`u.s`, `united states`), or each word of the shorter a
/// word of the longer (`sukanya`, `ins sukanya`; `larue`, `mr
/// larue`) written the same or another way: spellings of one name (`kovac`,
/// `kovach`), one the start of the other (`ko`, `kos`; `zealand`,
/// `zealander`), or a short one the other's abbreviation (`lt`, `lieutenant`).
fn alike(a: &str, b: &str) -> bool {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    // An acronym of the other's words: `u.s`, `united states`.
    let letters: String = short.concat().chars().filter(|c| c.is_alphanumeric()).collect();
    let initials: String = long.iter().filter_map(|w| w.chars().next()).collect();
    (short.len() == 1 && long.len() > 1 && letters == initials)
        || short.iter().all(|w| long.iter().any(|v| alike_word(w, v)))
}

fn alike_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let abbreviates = || {
        let mut rest = long.chars();
        short.chars().count() <= 4
            && short.chars().next() == long.chars().next()
            && short.chars().all(|c| rest.any(|l| l == c))
    };
    long.starts_with(short) || crate::variants::same_surname(a, b) || abbreviates()
}

/// A sentence read, unless it is too short to state a fact or is not reporting.
fn read_sentence(text: &str, published: Option<i64>, vocabulary: &mut Vocabulary) -> Option<Read> {
    let lower = text.to_lowercase();
    if NOT_REPORTING.iter().any(|p| lower.starts_with(p))
        || lower.contains("all rights reserved")
        || is_heading(text)
    {
        return None;
    }
    let toks: Vec<_> = tokens(text).collect();
    if toks.iter().filter(|t| t.kind == TokenKind::Word).count() < 6 {
        return None;
    }
    let values = extract(text, &toks, published);
    let mut stems = Vec::new();
    let mut numbers = Vec::new();
    let mut words = Vec::with_capacity(toks.len());
    let mut folded = String::new();
    for (k, t) in toks.iter().enumerate() {
        folded.clear();
        fold_into(t.text, &mut folded);
        let word = vocabulary.id(&folded);
        words.push(word);
        if values.iter().any(|v| v.tokens.contains(&k)) {
            continue;
        }
        if t.kind == TokenKind::Number {
            numbers.push(t.text.replace(',', ""));
            continue;
        }
        stems.extend(vocabulary.stem(word, &folded));
    }
    stems.sort_unstable();
    stems.dedup();
    words.sort_unstable();
    words.dedup();
    numbers.sort();
    Some(Read { stems, numbers, values: values.into(), words: words.into() })
}

/// For each sentence (spans in text order), whether it holds only someone's
/// words: it starts or ends inside a quotation opened in its paragraph (`“No,
/// I meant he’s the founder of ISIS.`, then `He was the most valuable
/// player.`), or fewer than two of its words stand outside quotation marks
/// (`“We will rebuild.”`). A brief would state such words as its own. `“We
/// will rebuild,” he said.` names its speaker. Quotation marks are read as
/// [`Quotations`] reads them.
pub(crate) fn unattributed_quotations(body: &str, sentences: &[Span]) -> Vec<bool> {
    let (mut marks, mut at) = (Quotations::default(), 0);
    sentences
        .iter()
        .map(|span| {
            if span.start < at || span.end > body.len() {
                (marks, at) = (Quotations::default(), 0);
            }
            let Some(before) = body.get(at..span.start) else { return false };
            before.chars().for_each(|c| marks.read(c));
            let starts_open = marks.open();
            let (mut outside, mut in_word) = (0, false);
            for c in body.get(span.start..span.end).unwrap_or("").chars() {
                let was_open = marks.open();
                marks.read(c);
                let word = c.is_alphanumeric() && !marks.open() && !was_open;
                if word && !in_word {
                    outside += 1;
                }
                in_word = word;
            }
            at = span.end;
            starts_open || marks.open() || outside < 2
        })
        .collect()
}

/// Whether a sentence is a heading set in capitals (`LOOK WHAT YOU MADE ME
/// DO` over a section of a newsletter): no small letter, and no full stop,
/// question or exclamation mark at its end (inside closing quotes or
/// brackets or outside them).
fn is_heading(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    let closed = t.ends_with(['.', '!', '?', '…']);
    !closed && t.chars().any(char::is_uppercase) && !t.chars().any(char::is_lowercase)
}

/// The longest quote of `extraction` that starts in the sentence at `span`, if it is long enough.
fn quoted(extraction: &Extraction, span: Span, vocabulary: &mut Vocabulary) -> Option<Quoted> {
    let q = extraction
        .quotes
        .iter()
        .filter(|q| q.span.start >= span.start && q.span.start < span.end)
        .max_by_key(|q| q.text.len())?;
    let words = vocabulary.words(&q.text);
    (words.len() >= QUOTE_WORDS).then(|| Quoted { words, speaker: q.speaker.as_deref().map(surname) })
}

#[cfg(test)]
mod prefix_tests {
    use super::*;
    use proptest::prelude::*;

    /// A sorted set of distinct words from a small range, so that sets overlap.
    fn set() -> impl Strategy<Value = Vec<u32>> {
        proptest::collection::btree_set(0u32..40, 0..25).prop_map(|s| s.into_iter().collect())
    }

    proptest! {
        /// Every pair as similar as asked meets under the prefixes.
        #[test]
        fn similar_sets_share_a_member_of_their_prefixes(a in set(), b in set(), min in prop_oneof![Just(0.25), Just(SAME), Just(quotes::NEAR)]) {
            if !a.is_empty() && jaccard(&a, &b) >= min {
                let found = found_under(&{
                    let mut postings = Vec::new();
                    file_under(&mut postings, prefix(&b, min), 7);
                    postings
                }, prefix(&a, min));
                prop_assert_eq!(found, vec![7]);
            }
        }
    }

    #[test]
    fn a_prefix_keeps_the_latest_stems() {
        let stems: Vec<u32> = (1..=10).collect();
        // ⌊0.6 · 10⌋ = 6: 10 − 6 + 1 = 5 stems.
        assert_eq!(prefix(&stems, SAME), &[6, 7, 8, 9, 10]);
        // ⌊0.25 · 10⌋ = 2: 9 stems.
        assert_eq!(prefix(&stems, 0.25), &stems[1..]);
        assert_eq!(prefix(&[3], SAME), &[3]);
        assert!(prefix(&[], SAME).is_empty());
    }
}
