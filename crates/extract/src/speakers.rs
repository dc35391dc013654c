//! Who a speaker is: the fullest name an article gives the person or
//! organisation an attribution names, through pronouns and role nouns.
//!
//! An article is read once for it ([`Speakers::new`]): its mentions grouped
//! by their last word, and, when first asked, the gender the text gives each
//! person, so that resolving an attribution looks only at the mentions that
//! share its speaker's last word.

use std::cell::OnceCell;
use std::collections::HashMap;

use corroborate_model::{EntityKind, Mention, Span};

use crate::mentions::last_word;
use crate::source::Who;
use crate::words::among;

/// Titles and roles of men and of women (besides those ending in `woman`).
const MALE_TITLES: &[&str] = &[
    "actor",
    "alderman",
    "businessman",
    "chairman",
    "congressman",
    "councilman",
    "duke",
    "father",
    "king",
    "mr",
    "prince",
    "sir",
    "spokesman",
    "sportsman",
];
const FEMALE_TITLES: &[&str] = &[
    "actress", "dame", "duchess", "empress", "lady", "miss", "mother", "mrs", "ms", "princess", "queen",
    "sister", "waitress",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Gender {
    Male,
    Female,
}

/// The mentions of one article (in text order), read for resolving speakers.
pub(crate) struct Speakers<'a> {
    body: &'a str,
    mentions: &'a [Mention],
    /// Each mention's group: the mentions with its folded last word.
    group: Vec<usize>,
    /// The groups, each its mentions in text order.
    groups: Vec<Vec<usize>>,
    /// The gender of the people of each group, found when first asked.
    genders: Vec<OnceCell<Option<Gender>>>,
    /// Each mention's sentence (its number in the article).
    sentence: Vec<usize>,
    /// Whether each mention stands inside a quotation: a name someone said
    /// (`“Adam and Eve …,” she said`) is no one a later `he` stands for.
    quoted: Vec<bool>,
}

impl<'a> Speakers<'a> {
    pub(crate) fn new(body: &'a str, mentions: &'a [Mention], sentences: &[Span]) -> Self {
        debug_assert!(
            mentions.windows(2).all(|w| w[0].span.end <= w[1].span.start),
            "mentions in text order"
        );
        let mut by_last: HashMap<Option<String>, usize> = HashMap::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let group = (0..mentions.len())
            .map(|i| {
                let g = *by_last.entry(last_word(&mentions[i].text)).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push(i);
                g
            })
            .collect();
        let genders = vec![OnceCell::new(); groups.len()];
        let sentence =
            mentions.iter().map(|m| sentences.partition_point(|s| s.end <= m.span.start)).collect();
        let (mut marks, mut at) = (corroborate_text::Quotations::default(), 0);
        let quoted = mentions
            .iter()
            .map(|m| {
                body[at..m.span.start].chars().for_each(|c| marks.read(c));
                at = m.span.start;
                marks.open()
            })
            .collect();
        Speakers { body, mentions, group, groups, genders, sentence, quoted }
    }

    /// Whether mention `i` names the owner of what the sentence is about
    /// (`Nichols' mother`, `Ortiz's partner`) rather than a person who acts.
    fn owner(&self, i: usize) -> bool {
        let after = &self.body[self.mentions[i].span.end..];
        ["'s ", "’s ", "' ", "’ "].iter().any(|p| after.starts_with(p))
    }

    /// The speaker's fullest name and the span of the mention it was
    /// resolved from, for the attribution of what was said starting at `said`.
    pub(crate) fn resolve(&self, who: Who, said: usize) -> Option<(String, Span)> {
        let (body, mentions) = (self.body, self.mentions);
        let named = match who {
            Who::Named(i) => i,
            Who::Pronoun(p) => {
                // `it` stands for an organisation; `I` and `we` for the writer or a group never named.
                let pronoun = body[p.start..p.end].to_lowercase();
                let (kind, gender) = match pronoun.as_str() {
                    "it" => (EntityKind::Organization, None),
                    "i" | "we" => return None,
                    "he" => (EntityKind::Person, Some(Gender::Male)),
                    "she" => (EntityKind::Person, Some(Gender::Female)),
                    _ => (EntityKind::Person, None),
                };
                // Someone named before the speech: a name inside it (`“Berg lied,” he said`) is what was said.
                // `he` is no one the text calls `she`, nor the reverse, nor
                // anyone named inside a quotation or as an owner (`Nichols'
                // mother`).
                let before = p.start.min(said);
                let agrees = |i: usize| match (gender, self.gender_of(i)) {
                    (Some(g), Some(other)) => g == other,
                    _ => true,
                };
                let may_be =
                    |i: usize| mentions[i].kind == kind && agrees(i) && !self.quoted[i] && !self.owner(i);
                // Mentions are in text order, so those ending before the speech come first.
                let named_before = mentions.partition_point(|m| m.span.end <= before);
                let nearest = (0..named_before).rev().find(|&i| may_be(i))?;
                // The subject of the sentence that names them: its first such
                // name (`Christie, who campaigns for Trump, blasted Clinton. “…,” he said`).
                let sentence = self.sentence[nearest];
                (0..nearest)
                    .rev()
                    .take_while(|&i| self.sentence[i] == sentence)
                    .filter(|&i| may_be(i))
                    .last()
                    .unwrap_or(nearest)
            }
            Who::Described(d) => self.described(d)?,
        };
        let m = &mentions[named];
        Some((self.full_name(named).clone(), m.span))
    }

    /// The name mention `i` stands for: its own when it has a first name
    /// (`Hillary Clinton`); for a surname alone, the full name given it in
    /// its sentence or the one before (`Chelsea Clinton announced … Clinton,
    /// 35, said`), else the full name the article most often writes with it
    /// (`Ted Cruz`, not one sentence's `Heidi Cruz` nor a headline's
    /// `Conservatives Rebuking Trump`), the longest, then the earliest, of
    /// those; else its own.
    fn full_name(&self, i: usize) -> &String {
        let m = &self.mentions[i];
        if m.text.contains(' ') {
            return &m.text;
        }
        let group = &self.groups[self.group[i]];
        let full = |j: usize| self.mentions[j].kind == m.kind && self.mentions[j].text.contains(' ');
        let near = group
            .iter()
            .rev()
            .filter(|&&j| j < i && self.sentence[j] + 1 >= self.sentence[i])
            .find(|&&j| full(j));
        if let Some(&j) = near {
            return &self.mentions[j].text;
        }
        let mut uses: HashMap<&str, usize> = HashMap::new();
        for &j in group.iter().filter(|&&j| full(j)) {
            *uses.entry(self.mentions[j].text.as_str()).or_default() += 1;
        }
        // Among equals the first written: `max_by_key` keeps the last, so the names go in reverse.
        group
            .iter()
            .rev()
            .filter(|&&j| full(j))
            .map(|&j| &self.mentions[j].text)
            .max_by_key(|name| (uses[name.as_str()], name.split(' ').count()))
            .unwrap_or(&m.text)
    }

    /// The gender the text gives the person of mention `i`, if it gives
    /// one: their honorific or role (`Mrs.`, `spokeswoman`), else the
    /// pronouns that follow their name in its sentences before anyone else
    /// is named (`Reid said she …`). Found once for each last word.
    fn gender_of(&self, i: usize) -> Option<Gender> {
        let group = self.group[i];
        *self.genders[group].get_or_init(|| self.gender_in(group))
    }

    /// The gender of the people of mention group `group` (see [`Speakers::gender_of`]).
    fn gender_in(&self, group: usize) -> Option<Gender> {
        let (body, mentions) = (self.body, self.mentions);
        let (mut male, mut female) = (0, 0);
        let theirs =
            self.groups[group].iter().map(|&j| &mentions[j]).filter(|m| m.kind == EntityKind::Person);
        for m in theirs {
            for word in m
                .role
                .as_deref()
                .unwrap_or("")
                .split([' ', '-'])
                .map(|w| w.trim_end_matches('.').to_lowercase())
            {
                if among(MALE_TITLES, &word) {
                    male += 2;
                } else if among(FEMALE_TITLES, &word) || word.ends_with("woman") {
                    female += 2;
                }
            }
            // The rest of the sentence, up to the next name or quotation: `Reid
            // said she …`, not `Reid's manager said he …`.
            let tail = &body[m.span.end..];
            if tail.starts_with(['\'', '’']) {
                continue;
            }
            let next = mentions.partition_point(|n| n.span.start <= m.span.end);
            let next_name = mentions.get(next).map_or(body.len(), |n| n.span.start);
            let tail = &body[m.span.end..next_name];
            let sentence = tail.find(['.', '!', '?', '\n', '“', '"']).map_or(tail, |end| &tail[..end]);
            for word in sentence.split(|c: char| !c.is_alphabetic()).map(str::to_lowercase) {
                match word.as_str() {
                    "he" | "him" | "his" | "himself" => male += 1,
                    "she" | "her" | "hers" | "herself" => female += 1,
                    _ => {}
                }
            }
        }
        match (male, female) {
            (m, 0) if m > 0 => Some(Gender::Male),
            (0, f) if f > 0 => Some(Gender::Female),
            _ => None,
        }
    }

    /// The person a description stands for: the one last given a role with the
    /// description's head word (`the company's spokeswoman` → `spokeswoman Ana Berg`).
    fn described(&self, d: Span) -> Option<usize> {
        let head = self.body[d.start..d.end].rsplit(' ').next()?;
        if !among(crate::words::ROLE_HEADS, head) {
            return None;
        }
        let has_head = |&i: &usize| {
            let m = &self.mentions[i];
            m.kind == EntityKind::Person
                && m.role
                    .as_deref()
                    .is_some_and(|r| r.split([' ', '-']).any(|w| w.eq_ignore_ascii_case(head)))
        };
        let all = 0..self.mentions.len();
        all.clone()
            .rev()
            .find(|&i| self.mentions[i].span.end <= d.start && has_head(&i))
            .or_else(|| all.clone().find(has_head))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_lists_can_be_searched_by_halves() {
        for (name, list) in [("MALE_TITLES", MALE_TITLES), ("FEMALE_TITLES", FEMALE_TITLES)] {
            assert!(crate::words::searchable(list), "{name} must be sorted and in lower case");
        }
    }
}
