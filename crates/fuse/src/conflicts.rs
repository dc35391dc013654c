//! Conflicts: independent sources giving different values for one thing.
//!
//! A wrongly reported dispute costs more trust than a missed one, so each
//! check is narrow: a person's title where neither title merely narrows the
//! other, a surname that a single source spells its own way, and a value
//! (a count, amount, duration or date) that cannot be reconciled with
//! another of the same kind between sentences that otherwise say the same
//! thing. Each side is cited at the exact words that state it. Differences
//! within a single source are never reported.

use std::collections::BTreeMap;

use corroborate_model::{Citation, Conflict, ConflictValue, EntityKind, Extraction, Span};

use crate::align::{Alignment, Sentence};
use crate::entities::{surname, Merged, Name};
use crate::values::{comparable, compatible, same, Key, Value};
use crate::variants::same_first_name;
use crate::Story;

/// Sentences at least this similar (stems, numbers aside) are about the same fact.
const ALIGNED: f64 = 0.5;

/// Sentences this similar may still state one fact in a clause each
/// (`… and sets aside $120 million for bridge repairs`, `The budget sets
/// aside $150 million for bridge repairs after …`): their values are
/// compared when the words right next to them are the same.
const CLAUSE_ALIGNED: f64 = 0.35;

/// Sentences of two leads this similar state the event's own figure in
/// words of their own (`A fire … injuring 12 workers and sending …`, `…
/// after a fire on Tuesday night destroyed part of the main hall and injured
/// 14 workers`) when the figures share a word right next to them and each
/// article gives no other figure of that kind next to that word.
const FRAME_ALIGNED: f64 = 0.25;

/// Sentences at the start of an article: where it states the event's own
/// figures, before background, history and side stories.
const LEAD_SENTENCES: usize = 5;

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
/// A value whose every source also gives another value is that source's own
/// slip or change of mind (`Klitschko`, and once `Kiltschko`), not a dispute
/// between sources, and is left out.
fn conflict(story: &Story, subject: &str, attribute: &str, seen: Vec<Seen>) -> Option<Conflict> {
    let sources_of: Vec<Vec<usize>> =
        seen.iter().map(|s| s.articles.iter().map(|&a| story.source_of[a]).collect()).collect();
    let elsewhere =
        |i: usize, source: &usize| sources_of.iter().enumerate().any(|(j, o)| j != i && o.contains(source));
    let own: Vec<bool> = (0..seen.len()).map(|i| sources_of[i].iter().any(|s| !elsewhere(i, s))).collect();
    let mut seen: Vec<Seen> = seen.into_iter().zip(&own).filter_map(|(s, &own)| own.then_some(s)).collect();
    let mut sources: Vec<usize> =
        sources_of.iter().zip(&own).filter(|(_, &own)| own).flat_map(|(s, _)| s.iter().copied()).collect();
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

/// People described with different titles. A title that only shortens
/// another one given for the same person (`Secretary` beside `Interior
/// Secretary`) supports no wording of its own and is left out; the rest are
/// one office where they name the same one ([`crate::roles::same`]), joined
/// through each other, so that the result does not depend on the order of
/// the articles. A past office (`former President`) is no claim about the
/// present one, and a title inside a quotation is the speaker's: neither is
/// disputed.
pub(crate) fn roles(story: &Story, entities: &[Merged]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for e in entities.iter().filter(|e| e.entity.kind == EntityKind::Person) {
        let mut titles = Titles::default();
        // Offices the words after a name give (`Assistant Attorney General
        // L. Patrick Gray III had been named acting director`) count only
        // beside a title the same article gives the person before a name:
        // the article then names both. An office only such words give is
        // never one side of a dispute.
        let mut given = Vec::new();
        for &(a, k) in &e.mentions {
            let m = &story.extractions[a].mentions[k];
            let mut named = m.span;
            if let (Some(role), Some(span)) = (&m.role, m.role_span) {
                titles.add(story, a, role, span, Span { start: span.start, end: m.span.end });
                named.start = named.start.min(span.start);
            }
            given.extend(crate::given::given_after(&story.articles[a].body, named).map(|span| (a, span)));
        }
        let before_names = titles.titled.len();
        for (a, span) in given {
            if titles.titled[..before_names].iter().any(|t| t.0 == a) {
                titles.add(story, a, &story.articles[a].body[span.start..span.end], span, span);
            }
        }
        let Titles { cores, titled } = titles;
        let len = crate::roles::office_len;
        let shortens = |i: usize| {
            cores.iter().any(|other| len(other) > len(&cores[i]) && crate::roles::same(&cores[i], other))
        };
        // A description (`spokesman`) that every office of the person fits
        // says nothing of its own, and would join those offices into one.
        let offices: Vec<&Vec<String>> = cores.iter().filter(|c| !crate::roles::describes(c)).collect();
        let fits_all = |i: usize| {
            !offices.is_empty()
                && crate::roles::describes(&cores[i])
                && offices.iter().all(|o| crate::roles::same(&cores[i], o))
        };
        let left_out = |i: usize| shortens(i) || fits_all(i);
        let kept: Vec<usize> = (0..cores.len()).filter(|&i| !left_out(i)).collect();
        let mut links = Vec::new();
        for (n, &i) in kept.iter().enumerate() {
            links.extend(
                kept[..=n]
                    .iter()
                    .filter(|&&j| j == i || crate::roles::same(&cores[i], &cores[j]))
                    .map(|&j| (j, i)),
            );
        }
        let seen = components(&links)
            .into_iter()
            .filter(|office| titled[..before_names].iter().any(|t| office.contains(&t.3)))
            .map(|office| {
                let mut seen = Seen::default();
                for (a, role, citation, _) in titled.iter().filter(|t| office.contains(&t.3)) {
                    seen.add(role, *a, citation.clone());
                }
                seen
            })
            .collect();
        out.extend(conflict(story, &e.entity.name, "title", seen));
    }
    out
}

/// The titles a person is given: distinct cores in order of first use, and
/// each title's article, wording, citation and core.
#[derive(Default)]
struct Titles<'a> {
    cores: Vec<Vec<String>>,
    titled: Vec<(usize, &'a str, Citation, usize)>,
}

impl<'a> Titles<'a> {
    /// Adds a title that article `a` gives at `span`, cited at `cited`
    /// (from its first word), unless it is quoted or a past office.
    fn add(&mut self, story: &Story<'a>, a: usize, role: &'a str, span: Span, cited: Span) {
        if quoted(story.extractions[a], span) {
            return;
        }
        let Some(core) = crate::roles::core(role).filter(|c| !crate::roles::is_past(c)) else { return };
        let citation = Citation { article: story.articles[a].id.clone(), start: cited.start, end: cited.end };
        let c = self.cores.iter().position(|c| *c == core).unwrap_or_else(|| {
            self.cores.push(core);
            self.cores.len() - 1
        });
        self.titled.push((a, role, citation, c));
    }
}

/// Whether a span lies within words the article quotes: a title in a
/// speaker's words is theirs, often of another day (`“As president, Senator
/// Obama will fight…”`), not the outlet's.
fn quoted(extraction: &Extraction, span: Span) -> bool {
    extraction.quotes.iter().any(|q| q.span.start <= span.start && span.end <= q.span.end)
}

/// A person whose surname one outlet spells its own way (`Kovach` where the
/// others write `Kovač`): accents and case aside, each spelling used by a
/// single independent source is disputed against the others.
pub(crate) fn spellings(story: &Story, entities: &[Merged]) -> Vec<Conflict> {
    let mut out = Vec::new();
    // A person known by one word only (`Vincent`) may be a first name, a
    // place or a firm mistaken for a person: too little to dispute a spelling.
    let named = |e: &&Merged| e.entity.kind == EntityKind::Person && e.entity.name.contains(' ');
    for e in entities.iter().filter(named) {
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
        if fullest.is_empty() || m.text.split(' ').count() > fullest.split(' ').count() {
            fullest = &m.text;
        }
    }
    seen.forms = vec![(fullest.to_string(), 1)];
    seen
}

/// Values of one kind that cannot all be true, between aligned sentences of different sources.
pub(crate) fn values(story: &Story, al: &Alignment, entities: &[Merged]) -> Vec<Conflict> {
    let people = People::new(story, entities);
    // Who each group's representative is about, when it states a value.
    let about: Vec<Vec<usize>> = (0..al.groups.len())
        .map(|g| al.rep(g))
        .map(|rep| if rep.values.is_empty() { Vec::new() } else { people.named(story, rep) })
        .collect();
    // Whether each group's representative gives its figures as running totals.
    let totals: Vec<bool> = (0..al.groups.len())
        .map(|g| !al.rep(g).values.is_empty() && running_total(story, al.rep(g)))
        .collect();
    let mut figures: BTreeMap<(usize, &Key), Vec<&Value>> = BTreeMap::new();
    for s in &al.sentences {
        for v in s.values.iter() {
            figures.entry((s.article, &v.key)).or_default().push(v);
        }
    }
    // Whether `v` is the only figure its article gives of its kind next to its words.
    let one_figure = |article: usize, v: &Value| {
        let all = figures.get(&(article, &v.key)).map(Vec::as_slice).unwrap_or_default();
        all.iter().filter(|w| shares_neighbour(v, w)).all(|w| same(v, w))
    };
    // Pairs of groups that disagree on a value, by key.
    let mut pairs: BTreeMap<Key, Vec<(usize, usize)>> = BTreeMap::new();
    for g in 0..al.groups.len() {
        let rep = al.rep(g);
        if rep.values.is_empty() {
            continue;
        }
        for (h, similarity) in al.similar_groups(&rep.stems, FRAME_ALIGNED) {
            if h <= g {
                continue;
            }
            let other = al.rep(h);
            if people.other(&about[g], &about[h]) {
                continue;
            }
            if totals[g] != totals[h] {
                continue;
            }
            for v in rep.values.iter() {
                let (Some(v), Some(w)) = (only(&rep.values, &v.key), only(&other.values, &v.key)) else {
                    continue;
                };
                let aligned = similarity >= CLAUSE_ALIGNED
                    && (similarity >= ALIGNED || same_neighbours(v, w))
                    && comparable(v, w);
                let framed = rep.index < LEAD_SENTENCES
                    && other.index < LEAD_SENTENCES
                    && shares_neighbour(v, w)
                    && one_figure(rep.article, v)
                    && one_figure(other.article, w);
                // Leads that agree join the sides too, so that all the
                // reports of one figure make one dispute, not one per pair.
                if (aligned && !compatible(v, w)) || framed {
                    pairs.entry(v.key.clone()).or_default().push((g, h));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (key, links) in pairs {
        for groups in same_figures(al, &key, components(&links)) {
            out.extend(value_conflict(story, al, &key, &groups));
        }
    }
    out
}

/// Components that state the same figures (12 against 14 in two pairs of
/// reports that were each compared only with each other) joined into one.
fn same_figures(al: &Alignment, key: &Key, components: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let figures = |groups: &[usize]| -> Vec<&Value> {
        let mut out: Vec<&Value> = Vec::new();
        for s in groups.iter().flat_map(|&g| &al.groups[g]) {
            if let Some(v) = only(&al.sentences[*s].values, key) {
                if !out.iter().any(|w| same(v, w)) {
                    out.push(v);
                }
            }
        }
        out
    };
    let mut joined: Vec<(Vec<&Value>, Vec<usize>)> = Vec::new();
    for groups in components {
        let these = figures(&groups);
        let alike = |those: &Vec<&Value>| {
            those.len() == these.len() && these.iter().all(|v| those.iter().any(|w| same(v, w)))
        };
        match joined.iter_mut().find(|(those, _)| alike(those)) {
            Some((_, all)) => all.extend(groups),
            None => joined.push((these, groups)),
        }
    }
    joined.into_iter().map(|(_, groups)| groups).collect()
}

/// Sentences a `He` or `She` looks back over for the person it stands for.
const LOOK_BACK: usize = 3;

/// Whether a sentence opens with `He` or `She`.
fn opens_with_pronoun(story: &Story, s: &Sentence) -> bool {
    let Some(text) = s.span.slice(&story.articles[s.article].body) else { return false };
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let first = text.split(|c: char| !c.is_alphabetic()).next().unwrap_or_default();
    first.eq_ignore_ascii_case("he") || first.eq_ignore_ascii_case("she")
}

/// The people of a story's articles.
struct People {
    /// Per article, in text order: the span of each mention of a person and
    /// the person (an index into `names`).
    mentions: Vec<Vec<(Span, usize)>>,
    /// Each person's folded surname, first name when known (not for a
    /// surname alone or an initial) and generation's suffix (`jr`).
    names: Vec<Name>,
}

impl People {
    fn new(story: &Story, entities: &[Merged]) -> Self {
        let mut mentions = vec![Vec::new(); story.articles.len()];
        let mut names = Vec::new();
        for e in entities.iter().filter(|e| e.entity.kind == EntityKind::Person) {
            let id = names.len();
            names.push(Name::of(&e.entity.name));
            for &(a, k) in &e.mentions {
                mentions[a].push((story.extractions[a].mentions[k].span, id));
            }
        }
        for m in &mut mentions {
            m.sort_unstable_by_key(|&(span, id)| (span.start, span.end, id));
        }
        People { mentions, names }
    }

    /// The people a sentence is about: those it names. A sentence that names
    /// nobody and opens with `He` or `She` is about the one person named in
    /// the last of the [`LOOK_BACK`] sentences before it that names anyone
    /// (`He has 53 catches` after a sentence on one receiver, `He wound up
    /// with eight catches` after one on another); when that sentence names
    /// several (`Sheriff Lee said Tanner was arrested`), it is about no one
    /// known.
    fn named(&self, story: &Story, s: &Sentence) -> Vec<usize> {
        let mentions = &self.mentions[s.article];
        let within = |start: usize, end: usize| {
            let first = mentions.partition_point(|(span, _)| span.start < start);
            let inside = mentions[first..].iter().take_while(move |(span, _)| span.start < end);
            inside.filter(move |(span, _)| span.end <= end).map(|&(_, p)| p)
        };
        let inside: Vec<usize> = within(s.span.start, s.span.end).collect();
        if !inside.is_empty() || !opens_with_pronoun(story, s) {
            return inside;
        }
        let sentences = &story.articles[s.article].sentences;
        let this = sentences.partition_point(|t| t.start < s.span.start);
        for t in sentences[..this].iter().rev().take(LOOK_BACK) {
            let there: Vec<usize> = within(t.start, t.end).collect();
            if let Some(&first) = there.first() {
                return if there.iter().all(|&p| self.same(p, first)) { vec![first] } else { Vec::new() };
            }
        }
        Vec::new()
    }

    /// Whether two sentences, about people `x` and `y` (see [`People::named`]),
    /// are about different people: each is about someone and no one of
    /// either may be one of the other (`Ford finished with 2,290 points`,
    /// `Hansbrough finished with 20 points`).
    fn other(&self, x: &[usize], y: &[usize]) -> bool {
        !x.is_empty() && !y.is_empty() && !x.iter().any(|&p| y.iter().any(|&q| self.same(p, q)))
    }

    /// Whether two people may be one: the same person, or one surname with
    /// first names that are one name (`Bill`, `William`), of which one
    /// starts the other (`Fred`, `Frederick`), or of which one is not known
    /// (a bare `LaRue`, kept apart when a story names two LaRues; an
    /// initial). `Bill Clinton` and `Hillary Clinton` stay two, and so do a
    /// father and a son whose suffixes made them two people (`Jesse Jackson`
    /// and `Jesse Jackson Jr.`, two entities although their first names are
    /// one name); `Cal Ripken Jr.` and `Calvin Ripken`, two entities for
    /// their first names, may be one, but not `Cal Ripken Jr.` and `Calvin
    /// Ripken Sr.`, whose suffixes differ.
    fn same(&self, p: usize, q: usize) -> bool {
        let (x, y) = (&self.names[p], &self.names[q]);
        let first = match (&x.first, &y.first) {
            (Some(a), Some(b)) if same_first_name(a, b) => x.generation == y.generation,
            (Some(a), Some(b)) => {
                let written_apart =
                    x.generation.is_some() && y.generation.is_some() && x.generation != y.generation;
                (a.starts_with(b.as_str()) || b.starts_with(a.as_str())) && !written_apart
            }
            _ => true,
        };
        p == q || (x.surname == y.surname && first)
    }
}

/// Words that make a figure a running total (`in their five operations so
/// far … 923 rounds`), which a figure of one event (`about 300 rounds`)
/// does not dispute.
const RUNNING_TOTAL: [&str; 4] = ["so far", "to date", "all told", "since the start"];

/// Whether a sentence gives its figures as running totals (see
/// [`RUNNING_TOTAL`]). Phrases that also date a single event (`the deadliest
/// this year`, `this season`) are not among them.
fn running_total(story: &Story, s: &Sentence) -> bool {
    let text = story.text(s).to_lowercase();
    RUNNING_TOTAL.iter().any(|words| text.contains(words))
}

/// Whether the words right next to two values are the same (`aside
/// $120 million for bridge`, `aside $150 million for bridge`).
fn same_neighbours(a: &Value, b: &Value) -> bool {
    let set = |v: &Value| {
        let mut n = v.neighbours.clone();
        n.sort_unstable();
        n.dedup();
        n
    };
    let (x, y) = (set(a), set(b));
    x.len() == 2 && x == y
}

/// Whether two values have a word right next to them in common.
fn shares_neighbour(a: &Value, b: &Value) -> bool {
    a.neighbours.iter().any(|n| b.neighbours.contains(n))
}

/// The value of `key` in a sentence that states exactly one.
fn only<'a>(values: &'a [Value], key: &Key) -> Option<&'a Value> {
    let mut of_key = values.iter().filter(|v| v.key == *key);
    let first = of_key.next()?;
    of_key.next().is_none().then_some(first)
}

/// Connected groups, each sorted, in order of their smallest group.
fn components(links: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    fn root(parent: &mut BTreeMap<usize, usize>, g: usize) -> usize {
        let p = *parent.entry(g).or_insert(g);
        if p == g {
            return g;
        }
        let r = root(parent, p);
        parent.insert(g, r);
        r
    }
    for &(g, h) in links {
        let (a, b) = (root(&mut parent, g), root(&mut parent, h));
        parent.insert(a.max(b), a.min(b));
    }
    let groups: Vec<usize> = parent.keys().copied().collect();
    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for g in groups {
        let r = root(&mut parent, g);
        comps.entry(r).or_default().push(g);
    }
    comps.into_values().collect()
}

/// The values of `key` in the sentences of `groups`, gathered into sets of
/// values that can all be true together; a conflict when there are several.
fn value_conflict(story: &Story, al: &Alignment, key: &Key, groups: &[usize]) -> Option<Conflict> {
    let mut stated: Vec<(usize, &Value)> = groups
        .iter()
        .flat_map(|&g| &al.groups[g])
        .filter_map(|&s| Some((s, only(&al.sentences[s].values, key)?)))
        .collect();
    stated.sort_by_key(|&(s, _)| (al.sentences[s].article, al.sentences[s].index));
    // Each side keeps its distinct values: all a new value must be compatible with.
    let mut sides: Vec<(Vec<&Value>, Seen)> = Vec::new();
    for &(s, v) in &stated {
        let sentence = &al.sentences[s];
        let (a, at) = (sentence.article, sentence.at(v));
        let article = story.articles[a];
        let i = match sides.iter().position(|(members, _)| members.iter().all(|m| compatible(m, v))) {
            Some(i) => i,
            None => {
                sides.push((Vec::new(), Seen::default()));
                sides.len() - 1
            }
        };
        let citation = Citation { article: article.id.clone(), start: at.start, end: at.end };
        if !sides[i].0.iter().any(|m| same(m, v)) {
            sides[i].0.push(v);
        }
        sides[i].1.add(&article.body[at.start..at.end], a, citation);
    }
    // What the values are about, as the earliest one's sentence says it.
    let first = sides.first()?.0.first()?;
    let subject = first.subject.clone().unwrap_or_else(|| key.attribute().to_string());
    conflict(story, &subject, key.attribute(), sides.into_iter().map(|(_, seen)| seen).collect())
}
