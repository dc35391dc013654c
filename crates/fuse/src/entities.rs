//! Entities: mentions of one thing across articles, merged.
//!
//! A person is named in full once and by surname afterwards, and outlets
//! spell names their own way: with or without accents (`Kovač`, `Kovac`),
//! transliterated differently (`Khodorkovsky`, `Khodorkovskiy`), with a
//! different form of the first name (`Aleksandr`, `Alexander`) or the
//! feminine form of the surname. So people are merged in two steps: first
//! surnames that are spellings of one name ([`crate::variants`]), then,
//! among the full names with such a surname, those whose first names agree
//! (`Bill Clinton` and `Hillary Clinton` stay two people). A surname alone
//! goes to the person last named in full with it in the same article, else
//! to the person most often named with it. Other names are merged by their
//! folded text, with former and English place names replaced
//! (`Bombay`, `Mumbai`). Every spelling is kept as an alias with the
//! articles that use it.

use std::collections::{BTreeMap, HashMap, HashSet};

use corroborate_model::{Alias, ArticleId, Entity, EntityKind, Extraction, Mention};
use corroborate_text::fold;

use crate::variants::{place_key, same_first_name, same_surname, surname_stem};

/// A merged entity and the positions of the mentions it holds in the list given to [`merge_mentions`].
#[derive(Clone, Debug, PartialEq)]
pub struct MergedEntity {
    pub entity: Entity,
    pub mentions: Vec<usize>,
}

/// A merged entity and its mentions as (article, mention) indices of a story.
pub(crate) struct Merged {
    pub entity: Entity,
    pub mentions: Vec<(usize, usize)>,
}

/// Words after a surname that tell a family's generations apart:
/// `Martin Luther King Jr.`, `Henry Ford II`.
const GENERATIONS: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];

/// A name without the generation's suffix that ends it, and that suffix,
/// folded and without its full stop: `Ken Griffey` and `jr` of `Ken
/// Griffey, Jr.`. A name of one word has no suffix.
fn split_generation(name: &str) -> (&str, Option<String>) {
    let name = name.trim_end();
    if let Some(at) = name.rfind([' ', '-', ',']) {
        let rest = name[..at].trim_end_matches([' ', '-', ',']);
        let last = fold(name[at + 1..].trim_end_matches('.'));
        if GENERATIONS.contains(&last.as_str()) && !rest.is_empty() {
            return (rest, Some(last));
        }
    }
    (name, None)
}

/// The generation's suffix that ends a name (see [`split_generation`]).
fn generation(name: &str) -> Option<String> {
    split_generation(name).1
}

/// Folded last word of a name, a generation's suffix aside.
pub(crate) fn surname(name: &str) -> String {
    let name = split_generation(name).0;
    fold(name.rsplit([' ', '-']).next().unwrap_or(name).trim_end_matches(','))
}

/// The entities of a story's extractions, as the brief lists them.
pub(crate) fn merge(extractions: &[&Extraction], ids: &[&str]) -> Vec<Merged> {
    let mut flat = Vec::new();
    let mut at = Vec::new();
    for (a, e) in extractions.iter().enumerate() {
        for (k, m) in e.mentions.iter().enumerate() {
            flat.push((ids[a].to_string(), m.clone()));
            at.push((a, k));
        }
    }
    merge_mentions(&flat)
        .into_iter()
        .map(|m| Merged { mentions: m.mentions.iter().map(|&i| at[i]).collect(), entity: m.entity })
        .collect()
}

/// Merges the mentions of a story's articles (each article's mentions in
/// text order) into entities: named kinds first, then by the number of
/// articles and mentions.
pub fn merge_mentions(mentions: &[(ArticleId, Mention)]) -> Vec<MergedEntity> {
    // Articles numbered in order of first mention.
    let mut ids: Vec<&str> = Vec::new();
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let articles: Vec<usize> = mentions
        .iter()
        .map(|(id, _)| {
            *numbers.entry(id.as_str()).or_insert_with(|| {
                ids.push(id);
                ids.len() - 1
            })
        })
        .collect();
    let people = people(mentions, &articles);
    let mut index: BTreeMap<Key, usize> = BTreeMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut keys: HashMap<&str, String> = HashMap::new();
    for (i, (_, m)) in mentions.iter().enumerate() {
        let key = match people[i] {
            Some(p) => Key::Person(p),
            None => Key::Name(keys.entry(&m.text).or_insert_with(|| place_key(&fold(&m.text))).clone()),
        };
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Group::default());
            groups.len() - 1
        });
        groups[g].add(articles[i], i, m);
    }
    let mut merged: Vec<MergedEntity> = groups.into_iter().map(|g| g.finish(&ids)).collect();
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

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Person(usize),
    Name(String),
}

/// A person's name, read for comparing it with others.
#[derive(Clone)]
pub(crate) struct Name {
    /// Folded first name or initial, when the name has one besides titles.
    pub first: Option<String>,
    /// Folded surname, a generation's suffix aside.
    pub surname: String,
    /// `jr`, `sr`, `iii`…: a father and a son share first name and surname.
    pub generation: Option<String>,
}

impl Name {
    pub(crate) fn of(text: &str) -> Self {
        Name { first: first_name(text), surname: surname(text), generation: generation(text) }
    }
}

/// For each mention, the person it names (numbered from 0), if it names one.
fn people(mentions: &[(ArticleId, Mention)], articles: &[usize]) -> Vec<Option<usize>> {
    let persons: Vec<&Mention> =
        mentions.iter().map(|(_, m)| m).filter(|m| m.kind == EntityKind::Person).collect();
    let mut full: Vec<String> = persons.iter().map(|m| fold(&m.text)).collect();
    full.sort_unstable();
    let mut surnames: Vec<String> = persons.iter().map(|m| surname(&m.text)).collect();
    surnames.sort_unstable();
    surnames.dedup();
    // Wire copies and rewrites repeat the same names: each distinct one is read once.
    let mut read: HashMap<(&str, EntityKind), Option<Name>> = HashMap::new();
    let names: Vec<Option<Name>> = mentions
        .iter()
        .map(|(_, m)| {
            let name = read.entry((m.text.as_str(), m.kind)).or_insert_with(|| {
                let last = surname(&m.text);
                // Extraction may not know a name's kind everywhere: a name written
                // elsewhere as a person's, or a lone word that is a person's
                // surname (and not known as a place), is that person.
                let person = m.kind == EntityKind::Person
                    || full.binary_search(&fold(&m.text)).is_ok()
                    || (m.kind != EntityKind::Place
                        && !m.text.contains(' ')
                        && surnames.iter().any(|p| same_surname(p, &last)));
                person.then(|| Name::of(&m.text))
            });
            name.clone()
        })
        .collect();

    // Surnames that are spellings of one name, when their first names allow it.
    let mut surnames: Vec<&str> = names.iter().flatten().map(|n| n.surname.as_str()).collect();
    surnames.sort_unstable();
    surnames.dedup();
    let firsts = |s: &str| -> Vec<&str> {
        let mut f: Vec<&str> =
            names.iter().flatten().filter(|n| n.surname == s).filter_map(|n| n.first.as_deref()).collect();
        f.sort_unstable();
        f.dedup();
        f
    };
    let mut class: Vec<usize> = (0..surnames.len()).collect();
    for i in 0..surnames.len() {
        for j in i + 1..surnames.len() {
            let (a, b) = (surnames[i], surnames[j]);
            if !same_surname(a, b) {
                continue;
            }
            let (fa, fb) = (firsts(a), firsts(b));
            let agree = surname_stem(a) == surname_stem(b)
                || fa.is_empty()
                || fb.is_empty()
                || fa.iter().any(|x| fb.iter().any(|y| same_first_name(x, y)));
            if agree {
                union(&mut class, i, j);
            }
        }
    }
    let classes: Vec<Option<usize>> = names
        .iter()
        .map(|n| {
            n.as_ref().map(|n| find(&class, surnames.binary_search(&n.surname.as_str()).expect("listed")))
        })
        .collect();
    let full = |i: usize| names[i].as_ref().is_some_and(|n| n.first.is_some());

    // A suffix is often dropped (`James McCord` for `James W. McCord Jr`),
    // but an article that writes one name both with and without it names a
    // father and a son (`Jesse Jackson Jr.`, `Jesse Jackson`): there, and so
    // in the whole story, the generation tells them apart.
    // Two suffixes (`Jr.`, `Sr.`) tell them apart anywhere.
    let mut forms: HashMap<(usize, usize, &str), [bool; 2]> = HashMap::new();
    let mut suffixes: HashMap<(usize, &str), HashSet<&str>> = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        if let (Some(c), Some(Name { first: Some(first), generation, .. })) = (classes[i], n) {
            forms.entry((articles[i], c, first.as_str())).or_default()[usize::from(generation.is_some())] =
                true;
            suffixes.entry((c, first.as_str())).or_default().extend(generation.as_deref());
        }
    }
    let fathers_and_sons: HashSet<(usize, &str)> = forms
        .into_iter()
        .filter(|(_, seen)| seen[0] && seen[1])
        .map(|((_, c, first), _)| (c, first))
        .chain(suffixes.into_iter().filter(|(_, s)| s.len() > 1).map(|(key, _)| key))
        .collect();
    // Within a class, one person per set of agreeing first names (and
    // generation, where it tells people apart).
    let mut persons: Vec<(usize, String, Option<String>)> = Vec::new();
    let mut out: Vec<Option<usize>> = vec![None; mentions.len()];
    for (i, n) in names.iter().enumerate() {
        let (Some(c), Some(Name { first: Some(first), generation, .. })) = (classes[i], n) else { continue };
        let split = fathers_and_sons.iter().any(|&(fc, ff)| fc == c && same_first_name(ff, first));
        let generation = generation.clone().filter(|_| split);
        let p = persons
            .iter()
            .position(|(pc, pf, pg)| *pc == c && same_first_name(pf, first) && *pg == generation);
        out[i] = Some(match p {
            Some(p) => {
                // A person known by an initial is known by the first name it
                // stands for once one is written (`J. Smith`, `John Smith`),
                // so that `James Smith` is someone else.
                if persons[p].1.chars().count() == 1 {
                    persons[p].1 = first.clone();
                }
                p
            }
            None => {
                persons.push((c, first.clone(), generation));
                persons.len() - 1
            }
        });
    }
    // Surnames alone: the person last named in full in the article, else the
    // first one named later in it, else the one most often named in full.
    let mut counts = vec![0usize; persons.len()];
    for p in out.iter().flatten() {
        counts[*p] += 1;
    }
    let mut unnamed: BTreeMap<usize, usize> = BTreeMap::new();
    // The mentions of each article, in order: a surname is looked for only there.
    let mut in_article: Vec<Vec<usize>> = vec![Vec::new(); articles.iter().max().map_or(0, |&a| a + 1)];
    for (i, &a) in articles.iter().enumerate() {
        in_article[a].push(i);
    }
    for i in 0..mentions.len() {
        let Some(c) = classes[i] else { continue };
        if full(i) {
            continue;
        }
        let same = &in_article[articles[i]];
        let at = same.partition_point(|&j| j < i);
        let named = |j: &&usize| full(**j) && classes[**j] == Some(c);
        let near = same[..at].iter().rev().find(named).or_else(|| same[at + 1..].iter().find(named)).copied();
        let most = (0..persons.len())
            .filter(|&p| persons[p].0 == c)
            .max_by(|&x, &y| counts[x].cmp(&counts[y]).then(y.cmp(&x)));
        let next = persons.len() + unnamed.len();
        out[i] = near.and_then(|j| out[j]).or(most).or_else(|| Some(*unnamed.entry(c).or_insert(next)));
    }
    out
}

/// The folded first name of a name of two words or more: the first of the
/// words between the surname and the last title before it (`Rev. Louis
/// Gigante`, `Croatian Deputy Foreign Minister Marta Kovač`: `louis`,
/// `marta`), initials aside when a name is written (`W. Mark Felt`: `mark`),
/// else the first initial (`J. Smith`: `j`, which [`same_first_name`] reads as
/// any name it starts). Three words or more there hold an office the list
/// of titles lacks (`Deputy Public Defender Peter Lynch`): the last is taken.
pub(crate) fn first_name(text: &str) -> Option<String> {
    let words: Vec<&str> = split_generation(text).0.split(' ').filter(|w| !w.is_empty()).collect();
    let (_, before) = words.split_last()?;
    let run = before.iter().rposition(|w| !is_initial(w) && crate::roles::is_title(w)).map_or(0, |t| t + 1);
    let run = &before[run..];
    let given: Vec<&&str> = run.iter().filter(|w| !is_initial(w)).collect();
    let first = match given.len() {
        0 => run.first()?,
        1 | 2 => given[0],
        _ => given[given.len() - 1],
    };
    let folded = fold(first.trim_end_matches('.'));
    (!folded.is_empty()).then(|| if is_initial(first) { folded.chars().take(1).collect() } else { folded })
}

/// Whether a word is initials: letters each alone or with a full stop (`J`, `J.`, `A.J.`).
fn is_initial(word: &str) -> bool {
    word.split_inclusive('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_alphabetic)
            && matches!(chars.next(), None | Some('.'))
            && chars.next().is_none()
    })
}

fn find(class: &[usize], mut i: usize) -> usize {
    while class[i] != i {
        i = class[i];
    }
    i
}

fn union(class: &mut [usize], i: usize, j: usize) {
    let (a, b) = (find(class, i), find(class, j));
    class[a.max(b)] = a.min(b);
}

#[derive(Default)]
struct Group {
    /// Spellings in order of first use: text, articles, number of mentions.
    spellings: Vec<(String, Vec<usize>, usize)>,
    kinds: [usize; 4],
    articles: Vec<usize>,
    mentions: Vec<usize>,
}

impl Group {
    fn add(&mut self, a: usize, i: usize, m: &Mention) {
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
        if !self.articles.contains(&a) {
            self.articles.push(a);
        }
        self.mentions.push(i);
    }

    fn finish(mut self, ids: &[&str]) -> MergedEntity {
        const KINDS: [EntityKind; 4] =
            [EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Other];
        // `Other` means unknown: it decides only when nothing else was said.
        let kind = (0..3)
            .filter(|&k| self.kinds[k] > 0)
            .max_by(|&x, &y| self.kinds[x].cmp(&self.kinds[y]).then(y.cmp(&x)))
            .map_or(EntityKind::Other, |k| KINDS[k]);
        // A person goes by the full name most articles use (`Barack Obama`,
        // not one outlet's `B. Hussein Obama` or a film's `The Notorious
        // Bettie Page`), then the fullest; anything else by its fullest
        // name (most words), then the most used spelling; then the earliest.
        let words = |s: &str| s.split(' ').count();
        let full = |s: &str| kind != EntityKind::Person || first_name(s).is_some();
        let rank = |s: &(String, Vec<usize>, usize)| {
            let articles = if kind == EntityKind::Person { s.1.len() } else { 0 };
            (full(&s.0), articles, words(&s.0), s.2)
        };
        let name = self
            .spellings
            .iter()
            .enumerate()
            .max_by(|(i, x), (j, y)| rank(x).cmp(&rank(y)).then(j.cmp(i)))
            .map(|(_, s)| s.0.clone())
            .unwrap_or_default();
        self.articles.sort_unstable();
        let article_ids = |list: &[usize]| list.iter().map(|&a| ids[a].to_string()).collect();
        let aliases = self
            .spellings
            .iter()
            .map(|(text, arts, _)| Alias { name: text.clone(), articles: article_ids(arts) })
            .collect();
        MergedEntity {
            entity: Entity { name, kind, aliases, articles: article_ids(&self.articles) },
            mentions: self.mentions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::Span;

    fn mention(text: &str, kind: EntityKind, at: usize) -> Mention {
        Mention { text: text.into(), kind, span: Span::new(at, at + text.len()), role: None, role_span: None }
    }

    fn person(article: &str, text: &str, at: usize) -> (ArticleId, Mention) {
        (article.into(), mention(text, EntityKind::Person, at))
    }

    /// A name and the articles that use it.
    type Used = (String, Vec<String>);

    /// Names of the entities, each with its aliases.
    fn merged(mentions: &[(ArticleId, Mention)]) -> Vec<(String, Vec<Used>)> {
        merge_mentions(mentions)
            .into_iter()
            .map(|m| {
                let aliases = m.entity.aliases.into_iter().map(|a| (a.name, a.articles)).collect();
                (m.entity.name, aliases)
            })
            .collect()
    }

    /// The names the entities go by.
    fn names_of(found: &[(String, Vec<Used>)]) -> Vec<&str> {
        found.iter().map(|f| f.0.as_str()).collect()
    }

    fn alias(name: &str, articles: &[&str]) -> Used {
        (name.into(), articles.iter().map(|a| a.to_string()).collect())
    }

    #[test]
    fn transliterations_are_one_person_with_every_alias() {
        let found = merged(&[
            person("a1", "Mikhail Khodorkovsky", 0),
            person("a2", "Mikhail Khodorkovskiy", 0),
            person("a2", "Khodorkovskiy", 90),
            person("a3", "Muammar Gaddafi", 0),
            person("a4", "Moammar Qadhafi", 0),
        ]);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(
            found[0].1,
            [
                alias("Mikhail Khodorkovsky", &["a1"]),
                alias("Mikhail Khodorkovskiy", &["a2"]),
                alias("Khodorkovskiy", &["a2"])
            ]
        );
        assert_eq!(found[1].1, [alias("Muammar Gaddafi", &["a3"]), alias("Moammar Qadhafi", &["a4"])]);
    }

    #[test]
    fn first_name_variants_and_accents_are_one_person() {
        let found = merged(&[
            person("a1", "Aleksandr Lukashenko", 0),
            person("a2", "Alexander Lukashenko", 0),
            person("a3", "Yevgeny Prigozhin", 0),
            person("a4", "Evgeny Prigozhin", 0),
            person("a4", "Marta Kovač", 40),
            person("a5", "Marta Kovac", 0),
            person("a5", "Bill Hartley", 40),
            person("a6", "William Hartley", 0),
        ]);
        assert_eq!(found.len(), 4, "{found:#?}");
    }

    #[test]
    fn titles_and_initials_do_not_join_a_family() {
        assert_eq!(first_name("Rev. Louis Gigante").as_deref(), Some("louis"));
        assert_eq!(first_name("Deputy Sheriff Jerry Ortiz").as_deref(), Some("jerry"));
        assert_eq!(first_name("State Hillary Clinton").as_deref(), Some("hillary"));
        assert_eq!(first_name("J. Edgar Hoover").as_deref(), Some("edgar"));
        assert_eq!(first_name("J. Hoover").as_deref(), Some("j"));
        assert_eq!(first_name("Ł. Kowalski").as_deref(), Some("ł"));
        assert_eq!(first_name("Я. Петров").as_deref(), Some("я"));
        assert_eq!(first_name("Mr. Vance"), None);
        assert_eq!(first_name("W. Mark Felt").as_deref(), Some("mark"));
        assert_eq!(first_name("John F. Kennedy").as_deref(), Some("john"));
        assert_eq!(first_name("Coach A.J. Smith").as_deref(), Some("a"));
        assert_eq!(first_name("Hillary Rodham Clinton").as_deref(), Some("hillary"));
        assert_eq!(first_name("Croatian Deputy Foreign Minister Marta Kovač").as_deref(), Some("marta"));
        assert_eq!(first_name("Deputy Public Defender Peter Lynch").as_deref(), Some("peter"));
        assert_eq!(first_name("Englishman Robert Buckley").as_deref(), Some("robert"));
        let found = merged(&[
            person("a1", "Vincent Gigante", 0),
            person("a1", "Rev. Louis Gigante", 40),
            person("a2", "Vincent L. Gigante", 0),
            person("a3", "J. Edgar Hoover", 0),
            person("a3", "Herbert Hoover", 40),
            person("a4", "Deputy Sheriff Jerry Ortiz", 0),
            person("a4", "Chela Ortiz", 40),
            person("a5", "Deputy Jerry Ortiz", 0),
        ]);
        let names = names_of(&found);
        assert_eq!(
            names,
            [
                "Vincent L. Gigante",
                "Deputy Sheriff Jerry Ortiz",
                "Rev. Louis Gigante",
                "J. Edgar Hoover",
                "Herbert Hoover",
                "Chela Ortiz"
            ],
            "{found:#?}"
        );
        // An initial is one of the names it starts, and once that name is
        // written, no other.
        let found = merged(&[
            person("a1", "J. Smith", 0),
            person("a2", "John Smith", 0),
            person("a3", "James Smith", 0),
        ]);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].1, [alias("J. Smith", &["a1"]), alias("John Smith", &["a2"])]);
        // `St.` is part of a surname; a person goes by the full name most
        // articles use.
        let found = merged(&[
            person("a1", "Jack St. Martin", 0),
            person("a1", "Laura Martin", 40),
            person("a2", "Barack Hussein Obama", 0),
            person("a2", "Barack Obama", 40),
            person("a3", "Barack Obama", 0),
        ]);
        let names = names_of(&found);
        assert_eq!(names, ["Barack Obama", "Jack St. Martin", "Laura Martin"], "{found:#?}");
    }

    #[test]
    fn a_generations_suffix_is_not_the_surname() {
        assert_eq!(surname("James W. McCord Jr"), "mccord");
        assert_eq!(surname("Ken Griffey, Jr."), "griffey");
        assert_eq!(surname("Henry Ford II"), "ford");
        assert_eq!(surname("Jr"), "jr");
        assert_eq!(surname("Ana Ruiz-Tagle"), "tagle");
        let found = merged(&[
            person("a1", "James W. McCord Jr", 0),
            person("a2", "James McCord", 0),
            person("a2", "McCord", 40),
            person("a3", "Ike Parsons LaRue Sr", 0),
            person("a3", "Fred LaRue", 60),
        ]);
        let names = names_of(&found);
        assert_eq!(names, ["James W. McCord Jr", "Ike Parsons LaRue Sr", "Fred LaRue"], "{found:#?}");
        // A father and a son of one name, written so in one article, are two
        // people in the whole story.
        let found = merged(&[
            person("a1", "Jesse Jackson Jr.", 0),
            person("a1", "Jesse Jackson", 60),
            person("a2", "Jesse Jackson", 0),
            person("a3", "Ken Griffey, Jr.", 0),
            person("a3", "Ken Griffey Sr.", 40),
        ]);
        let names = names_of(&found);
        assert_eq!(
            names,
            ["Jesse Jackson", "Jesse Jackson Jr.", "Ken Griffey, Jr.", "Ken Griffey Sr."],
            "{found:#?}"
        );
        // Also when another article writes the son's first name another way.
        let found = merged(&[
            person("a1", "Robert Kennedy Jr.", 0),
            person("a1", "Robert Kennedy", 60),
            person("a2", "Bobby Kennedy Jr.", 0),
        ]);
        let son: Vec<&str> = found
            .iter()
            .find(|f| f.0 == "Robert Kennedy Jr.")
            .unwrap()
            .1
            .iter()
            .map(|a| a.0.as_str())
            .collect();
        assert_eq!(son, ["Robert Kennedy Jr.", "Bobby Kennedy Jr."], "{found:#?}");
        assert_eq!(first_name("Griffey Jr."), None);
        assert_eq!(first_name("Ken Griffey Jr."), Some("ken".to_string()));
    }

    #[test]
    fn gendered_surnames_merge_only_with_the_same_first_name() {
        let found = merged(&[
            person("a1", "Anna Politkovskaya", 0),
            person("a2", "Anna Politkovsky", 0),
            person("a3", "Sergei Ivanov", 0),
            person("a3", "Maria Ivanova", 30),
        ]);
        let names = names_of(&found);
        assert_eq!(names, ["Anna Politkovskaya", "Sergei Ivanov", "Maria Ivanova"]);
    }

    #[test]
    fn surnames_alone_go_to_the_person_last_named_in_the_article() {
        let mentions = [
            person("a1", "Bill Clinton", 0),
            person("a1", "Clinton", 50),
            person("a2", "Hillary Clinton", 0),
            person("a2", "Clinton", 60),
            person("a2", "Bill Clinton", 90),
            person("a3", "Clinton", 0),
        ];
        let found = merge_mentions(&mentions);
        let groups: Vec<(&str, &[usize])> =
            found.iter().map(|m| (m.entity.name.as_str(), m.mentions.as_slice())).collect();
        // In a3 nobody is named in full: the person named most often.
        assert_eq!(groups, [("Bill Clinton", &[0, 1, 4, 5][..]), ("Hillary Clinton", &[2, 3][..])]);
    }

    #[test]
    fn lookalike_surnames_stay_apart() {
        let found = merged(&[person("a1", "Boris Johnson", 0), person("a2", "Boris Johnston", 0)]);
        assert_eq!(found.len(), 2);
        let found = merged(&[person("a1", "Tim Smith", 0), person("a2", "Jane Smyth", 0)]);
        assert_eq!(found.len(), 2, "same skeleton, different first names");
    }

    #[test]
    fn former_and_english_place_names_are_one_place() {
        let place = |a: &str, t: &str| (a.to_string(), mention(t, EntityKind::Place, 0));
        let found =
            merged(&[place("a1", "Bombay"), place("a2", "Mumbai"), place("a3", "KIEV"), place("a4", "Kyiv")]);
        assert_eq!(
            found,
            [
                ("Bombay".to_string(), vec![alias("Bombay", &["a1"]), alias("Mumbai", &["a2"])]),
                ("KIEV".to_string(), vec![alias("KIEV", &["a3"]), alias("Kyiv", &["a4"])]),
            ]
        );
    }
}
