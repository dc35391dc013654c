//! Fusion: the cited brief of one story, built from its articles.
//!
//! The brief never writes a sentence of its own. It aligns the sentences of
//! all articles, keeps the ones that many independent sources carry and that
//! are central to the story, and copies each one verbatim from the earliest
//! article that has it, citing the exact sentence span in every article that
//! carries it. Independence is counted after wire-copy grouping and credit
//! tracing ([`corroborate_model::independent_sources`]), so ten copies of one
//! agency report corroborate nothing. Where sources disagree (a title, the
//! spelling of a name, a count, an amount, a duration, a date) the brief
//! reports the conflict with each side cited at its exact words instead of
//! picking one; values are compared after normalisation ([`values`]), so
//! `about 30` never disputes `31`, nor `two hours` `120 minutes`.
//!
//! [`render`] turns a brief into Markdown, HTML or JSON.

use std::collections::{BTreeMap, HashSet};

use corroborate_model::{
    independent_sources, Article, ArticleId, ArticleRef, Brief, BriefSentence, Citation, Claim, ClaimStatus,
    Conflict, Extraction, Source, StoryId, StoryInfo,
};

mod align;
mod conflicts;
mod entities;
mod given;
mod quotes;
pub mod render;
mod roles;
mod values;
mod variants;

#[cfg(test)]
mod tests;

use align::{jaccard, Alignment};

pub use entities::{merge_mentions, MergedEntity};
pub use quotes::NEAR as SAME_QUOTE;

/// The version of the rules that decide what a story's digest counts: the
/// brief's disputes (this crate), its independent sources
/// (`corroborate_model::independent_sources`) and its outlets (the engine).
/// Stores keep a digest of each story for their listings; when any of those
/// rules change, this number goes up, and digests made by older rules are
/// made again at the next ingest or `recluster`.
pub const RULES: i64 = 13;

/// Most sentences a brief holds.
const MAX_BRIEF: usize = 8;
/// Most claims listed.
const MAX_CLAIMS: usize = 24;

/// The articles of a story and the independent source each one counts as.
pub(crate) struct Story<'a> {
    pub articles: Vec<&'a Article>,
    pub extractions: Vec<&'a Extraction>,
    pub source_of: Vec<usize>,
    pub sources: Vec<Source>,
}

impl<'a> Story<'a> {
    fn new(articles: &'a [(Article, Extraction)]) -> Self {
        let sources = independent_sources(articles.iter().map(|(a, _)| a));
        Story {
            articles: articles.iter().map(|(a, _)| a).collect(),
            extractions: articles.iter().map(|(_, e)| e).collect(),
            source_of: articles
                .iter()
                .map(|(a, _)| sources.iter().position(|s| s.articles.contains(&a.id)).unwrap_or(0))
                .collect(),
            sources,
        }
    }

    /// The text of a sentence of one of the story's articles.
    pub(crate) fn text(&self, s: &align::Sentence) -> &'a str {
        &self.articles[s.article].body[s.span.start..s.span.end]
    }
}

/// The brief of story `id` from its articles, in arrival order.
pub fn brief(id: StoryId, title: &str, articles: &[(Article, Extraction)]) -> Brief {
    let story = Story::new(articles);
    let alignment = Alignment::new(&story.articles, &story.extractions);
    assemble(id, title, story, &alignment)
}

/// A story's fusion kept while the story grows.
///
/// Adding an article aligns its sentences with the story's groups of
/// statements (the claim table) and leaves every earlier alignment as it
/// was; [`StoryFusion::brief`] then derives conflicts, scores and the brief
/// from the groups. The brief is the one [`brief`] makes from the same
/// articles in the same order.
#[derive(Default)]
pub struct StoryFusion {
    articles: Vec<(Article, Extraction)>,
    alignment: Alignment,
}

impl StoryFusion {
    /// Adds the story's next article (in arrival order).
    pub fn add(&mut self, article: Article, extraction: Extraction) {
        self.alignment.add_article(&article, &extraction);
        self.articles.push((article, extraction));
    }

    /// The articles added, in order.
    pub fn articles(&self) -> &[(Article, Extraction)] {
        &self.articles
    }

    /// The brief of the story as it stands.
    pub fn brief(&self, id: StoryId, title: &str) -> Brief {
        assemble(id, title, Story::new(&self.articles), &self.alignment)
    }

    /// The counts a story listing shows, without the rest of the brief.
    pub fn summary(&self) -> Summary {
        let story = Story::new(&self.articles);
        let (_, conflicts) = compare(&story, &self.alignment);
        Summary { independent_outlets: story.sources.len(), disputes: conflicts.len() }
    }
}

/// What a story's listing shows of its brief.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Independent sources (the brief's `story.independent_outlets`).
    pub independent_outlets: usize,
    /// Conflicts (the length of the brief's `conflicts`).
    pub disputes: usize,
}

/// The story's merged entities, and its conflicts: roles, spellings, values.
fn compare(story: &Story, alignment: &Alignment) -> (Vec<entities::Merged>, Vec<Conflict>) {
    let ids: Vec<&str> = story.articles.iter().map(|a| a.id.as_str()).collect();
    let merged = entities::merge(&story.extractions, &ids);
    let mut conflicts = conflicts::roles(story, &merged);
    conflicts.extend(conflicts::spellings(story, &merged));
    conflicts.extend(conflicts::values(story, alignment, &merged));
    (merged, conflicts)
}

/// The brief from a story's aligned sentences.
fn assemble(id: StoryId, title: &str, owned: Story, alignment: &Alignment) -> Brief {
    let story = &owned;
    let (merged, conflicts) = compare(story, alignment);

    let support = support(story, alignment);
    let scored = score(story, alignment, &support, story.sources.len());
    let chosen = choose(alignment, &scored, story);
    let mut disputed: Disputed = BTreeMap::new();
    for c in conflicts.iter().flat_map(|c| &c.values).flat_map(|v| &v.citations) {
        disputed.entry(c.article.as_str()).or_default().push((c.start, c.end));
    }
    let brief = chosen
        .iter()
        .map(|&g| BriefSentence {
            text: sentence_text(story, alignment, g).to_string(),
            citations: citations(story, &support[g]),
            independent_sources: independent(story, &support[g]),
        })
        .collect();
    let mut claim_groups = chosen.clone();
    claim_groups.extend(scored.iter().map(|&(g, _)| g).filter(|g| !chosen.contains(g)).filter(|&g| {
        independent(story, &support[g]) >= 2 || is_disputed(&citations(story, &support[g]), &disputed)
    }));
    claim_groups.truncate(MAX_CLAIMS.max(chosen.len()));
    let claims = claim_groups
        .iter()
        .map(|&g| {
            let sources = citations(story, &support[g]);
            let count = independent(story, &support[g]);
            let status = if is_disputed(&sources, &disputed) {
                ClaimStatus::Disputed
            } else if count >= 2 {
                ClaimStatus::Corroborated
            } else {
                ClaimStatus::SingleSource
            };
            Claim {
                text: sentence_text(story, alignment, g).to_string(),
                status,
                independent_sources: count,
                sources,
            }
        })
        .collect();

    Brief {
        story: story_info(id, title, &story.articles, story.sources.len()),
        entities: merged.into_iter().map(|m| m.entity).collect(),
        quotes: quotes::merge(story),
        claims,
        conflicts,
        brief,
        sources: owned.sources,
    }
}

fn story_info(id: StoryId, title: &str, articles: &[&Article], independent_outlets: usize) -> StoryInfo {
    let mut wire_groups: Vec<Vec<ArticleId>> = Vec::new();
    for a in articles {
        let Some(head) = &a.wire_group else { continue };
        let members = || articles.iter().filter(|b| b.wire_group.as_ref() == Some(head));
        if members().count() >= 2 && !wire_groups.iter().any(|g| g.contains(&a.id)) {
            wire_groups.push(members().map(|b| b.id.clone()).collect());
        }
    }
    let dates = || articles.iter().filter_map(|a| a.published.clone());
    StoryInfo {
        id,
        title: title.to_string(),
        articles: articles
            .iter()
            .map(|a| ArticleRef {
                id: a.id.clone(),
                title: a.title.clone(),
                outlet: a.outlet.clone(),
                url: a.url.clone(),
                published: a.published.clone(),
                credited_to: a.credited_to.clone(),
                cites: a.cites.clone(),
                repairs: a.repairs.clone(),
                flags: a.flags.clone(),
                wire_group: a.wire_group.clone(),
            })
            .collect(),
        wire_groups,
        independent_outlets,
        first_published: dates().min(),
        last_published: dates().max(),
    }
}

/// The text of group `g`: its sentence in the earliest article carrying it.
fn sentence_text<'a>(story: &Story<'a>, al: &Alignment, g: usize) -> &'a str {
    story.text(al.rep(g))
}

/// For each group, the sentences that say what its own sentence says (see
/// [`align::Sentence::agrees_with`]): those a brief may cite for it. Found
/// once, since scoring, the brief and the claims all count them. A group of
/// unattributed quotations is in no brief and has none.
fn support<'a>(story: &Story, al: &'a Alignment) -> Vec<Vec<&'a align::Sentence>> {
    (0..al.groups.len())
        .map(|g| {
            let rep = al.rep(g);
            if rep.quoted_only {
                return Vec::new();
            }
            let text = story.text(rep);
            let members = al.groups[g].iter().map(|&s| &al.sentences[s]);
            members.filter(|s| rep.agrees_with(text, s, story.text(s))).collect()
        })
        .collect()
}

fn citations(story: &Story, support: &[&align::Sentence]) -> Vec<Citation> {
    support
        .iter()
        .map(|s| Citation {
            article: story.articles[s.article].id.clone(),
            start: s.span.start,
            end: s.span.end,
        })
        .collect()
}

/// Number of independent sources among a group's supporting sentences.
fn independent(story: &Story, support: &[&align::Sentence]) -> usize {
    let mut sources: Vec<usize> = support.iter().map(|s| story.source_of[s.article]).collect();
    sources.sort_unstable();
    sources.dedup();
    sources.len()
}

/// Spans cited by conflicts, by article.
type Disputed<'a> = BTreeMap<&'a str, Vec<(usize, usize)>>;

/// Whether any conflict cites a span inside one of these sentences.
fn is_disputed(sentences: &[Citation], disputed: &Disputed) -> bool {
    sentences.iter().any(|s| {
        let spans = disputed.get(s.article.as_str());
        spans.is_some_and(|spans| spans.iter().any(|&(start, end)| start >= s.start && end <= s.end))
    })
}

/// Groups with their scores, best first: carried by many independent sources,
/// central to the story's vocabulary, early in the articles, and (between
/// versions of one fact) from the earliest article. A group whose sentence
/// is someone's words with no speaker named in it is left out: the brief
/// and its claims would state those words as fact.
fn score(
    story: &Story,
    al: &Alignment,
    support: &[Vec<&align::Sentence>],
    n_sources: usize,
) -> Vec<(usize, f64)> {
    // For each stem, the sources whose articles use it.
    let mut users: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for s in &al.sentences {
        for &t in &s.stems {
            let list = users.entry(t).or_default();
            let source = story.source_of[s.article];
            if !list.contains(&source) {
                list.push(source);
            }
        }
    }
    let n = n_sources.max(1) as f64;
    let mut scored: Vec<(usize, f64)> = (0..al.groups.len())
        .filter(|&g| !al.rep(g).quoted_only)
        .map(|g| {
            let rep = al.rep(g);
            let centrality = rep.stems.iter().map(|t| users[t].len() as f64 / n).sum::<f64>()
                / rep.stems.len().max(1) as f64;
            let position = al.groups[g].iter().map(|&s| al.sentences[s].index).min().unwrap_or(0);
            let carried = independent(story, &support[g]) as f64 / n;
            let earliest = 0.2 / (1.0 + rep.article as f64);
            (g, 2.0 * carried + centrality + 0.5 / (1.0 + position as f64) + earliest)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored
}

/// Share of its stems that a sentence only roundups carry must share with
/// the story's reports to be chosen.
const ROUNDUP_SHARED_STEMS: f64 = 0.5;

/// The groups of the brief, in the order of the earliest article carrying them.
///
/// A roundup (`Morning briefing: …`, `10 things to know today`, by its
/// headline) that joined a story of several sources also gives news of other
/// events. A sentence that only roundups carry is chosen only when half of
/// its stems are used by the story's reports (its articles that are no
/// roundups): the roundup's item on the story's event, not its others, even
/// when two roundups carry them. A roundup beside no report whose sentences
/// could be aligned is the story, and all of it may be chosen.
fn choose(al: &Alignment, scored: &[(usize, f64)], story: &Story) -> Vec<usize> {
    let sources = story.sources.len();
    let want = (5 + sources / 2).min(MAX_BRIEF);
    let roundup: Vec<bool> =
        story.articles.iter().map(|a| corroborate_text::is_roundup_title(&a.title)).collect();
    // The stems of the story's reports, gathered only when a roundup is among them.
    let reported: HashSet<u32> = if sources >= 2 && roundup.contains(&true) {
        al.sentences.iter().filter(|s| !roundup[s.article]).flat_map(|s| s.stems.iter().copied()).collect()
    } else {
        HashSet::new()
    };
    let filter = !reported.is_empty();
    let about_the_story = |g: usize| {
        let stems = &al.rep(g).stems;
        let shared = stems.iter().filter(|t| reported.contains(t)).count();
        !filter
            || al.groups[g].iter().any(|&s| !roundup[al.sentences[s].article])
            || (!stems.is_empty() && shared as f64 >= ROUNDUP_SHARED_STEMS * stems.len() as f64)
    };
    let mut chosen: Vec<usize> = Vec::new();
    for &(g, _) in scored {
        if chosen.len() == want {
            break;
        }
        if !about_the_story(g) {
            continue;
        }
        // One sentence per fact: skip near-repeats of a chosen sentence.
        if chosen.iter().any(|&c| jaccard(&al.rep(c).stems, &al.rep(g).stems) >= 0.5) {
            continue;
        }
        chosen.push(g);
    }
    chosen.sort_by_key(|&g| (al.rep(g).index, al.rep(g).article));
    chosen
}
