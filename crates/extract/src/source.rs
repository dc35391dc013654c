//! Who an attribution names: the words for the speaker next to a cue, and
//! the person or organisation they stand for.
//!
//! The source of an attribution is written in a few ways around its cue: as
//! the subject before it (`Ana Berg, a lawyer for the union, said`), as the
//! object after it (`said Ana Berg`, `according to Ana Berg`) or as the
//! subject of the clause that introduces a quote (`Berg defended the plan,
//! saying, “…”`). Descriptions set off by commas belong to the source, since
//! outlets quote the same person under different descriptions; adverbials
//! (`on Tuesday`, `in a statement`) do not. The speaker is then resolved to
//! the fullest name the article uses, through pronouns and role nouns.

use corroborate_model::{EntityKind, Mention, Span};

use crate::words::{among, ABBREVIATIONS, COMMON, PRONOUNS, ROLE_HEADS, SPEECH_AUXILIARIES, SPEECH_VERBS};
use crate::Tok;

/// Most tokens a source written out as a phrase may have (`the company's chief spokeswoman`).
pub(crate) const SOURCE_WORDS: usize = 7;

/// The tokens of `toks` that lie inside `span`.
pub(crate) fn toks_in<'t, 'a>(toks: &'t [Tok<'a>], span: Span) -> &'t [Tok<'a>] {
    let from = toks.partition_point(|t| t.span.start < span.start);
    let to = toks.partition_point(|t| t.span.end <= span.end);
    &toks[from..to.max(from)]
}

/// What an attribution says about its speaker.
pub(crate) struct Found {
    pub cue: Span,
    /// The words naming the speaker.
    pub source: Option<Span>,
    pub who: Option<Who>,
}

/// What the source of an attribution is, for resolving the speaker.
#[derive(Clone, Copy)]
pub(crate) enum Who {
    /// The mention at this index.
    Named(usize),
    /// A pronoun, standing for the last fitting name before it and before the speech it attributes.
    Pronoun(Span),
    /// A description such as `the company's spokeswoman`, resolved through the role head.
    Described(Span),
}

/// The subject opening the clause `ts`: a pronoun, or a name with the title
/// before it, a short parenthesis and a description set off by commas
/// (`Sen. Ana Berg (D-Ohio), a former judge,`). Also the index of the token after it.
pub(crate) fn clause_subject(body: &str, ts: &[Tok], mentions: &[Mention]) -> Option<(Span, Who, usize)> {
    let skip = ts.iter().take_while(|t| among(LEADING, t.text)).count();
    let first = ts.get(skip)?;
    if among(PRONOUNS, first.text) {
        return Some((first.span, Who::Pronoun(first.span), skip + 1));
    }
    // The name starts the clause, after at most a few capitalised words of title.
    let end = ts.last()?.span.end;
    let named = mentions.iter().position(|m| {
        if m.kind == EntityKind::Place || m.span.start < first.span.start || m.span.end > end {
            return false;
        }
        let title = toks_in(ts, Span::new(first.span.start, m.span.start));
        title.len() <= 4
            && title
                .iter()
                .all(|t| (t.cap && !among(COMMON, t.text) && !is_cue(t.text)) || among(ABBREVIATIONS, t.text))
    })?;
    let mut last = ts.iter().rposition(|t| t.span.end <= mentions[named].span.end).filter(|&l| l >= skip)?;
    if body[ts[last].span.end..].starts_with(" (") {
        last = (last + 1..ts.len().min(last + 5))
            .find(|&k| body[ts[k].span.end..].trim_start_matches('.').starts_with(')'))?;
    }
    let described = appositive_len(body, ts, last, false);
    if described > 0 {
        // Only up to the comma that closes the description.
        let closes = (last + 1..last + described)
            .find(|&k| body[ts[k].span.end..ts[k + 1].span.start] == *", ")
            .unwrap_or(last + described);
        last = closes;
    }
    let source = closed(body, Span::new(first.span.start, ts[last].span.end));
    Some((source, Who::Named(named), last + 1))
}

pub(crate) fn is_cue(word: &str) -> bool {
    among(SPEECH_VERBS, word)
}

/// Whether only a space separates tokens `a` and `b` (`b` right after `a`).
pub(crate) fn spaced(body: &str, a: &Tok, b: &Tok) -> bool {
    match &body[a.span.end..b.span.start] {
        " " | "\u{a0}" | "-" => true,
        // `Mr. Burman`, `John D. Podesta`
        ". " => among(ABBREVIATIONS, a.text) || (a.text.len() == 1 && a.cap),
        _ => false,
    }
}

/// Words that open an adverbial rather than a description after a name.
const PREPOSITIONS: &[&str] = &[
    "after", "at", "before", "by", "during", "for", "from", "in", "of", "on", "to", "when", "while", "with",
];

/// Members of a party, as a description after a name (`Ana Berg, Democrat of Ohio`).
const PARTIES: &[&str] = &["conservative", "democrat", "independent", "liberal", "republican", "socialist"];

/// Words that open an appositive after a name (`Kevin Barrett, a lawyer at …`).
const APPOSITIVE: &[&str] = &["a", "an", "another", "one", "the", "who", "whose"];

/// How many tokens of `ts` after the phrase ending at `ts[last]` describe the
/// person (`, a professor at Princeton,`): up to the end of the clause.
/// After a cue (`said X, House editor for …`) any words but a new clause describe X.
pub(crate) fn appositive_len(body: &str, ts: &[Tok], last: usize, after_cue: bool) -> usize {
    let Some(next) = ts.get(last + 1) else { return 0 };
    // A capitalised word describes when it owns the description (`Twitter’s
    // director`, `Sanders’ campaign manager`).
    let owner = next.cap
        && (next.text.ends_with("'s") || next.text.ends_with("’s") || {
            let after = &body[next.span.end..];
            after.starts_with("' ") || after.starts_with("’ ")
        });
    // `R-Ky.`, `D-Ohio`: a party and a state.
    let party = among(&["D", "R", "I"], next.text) && body[next.span.end..].starts_with('-');
    let described = among(APPOSITIVE, next.text)
        || owner
        || party
        || among(PARTIES, next.text)
        || (after_cue && (next.cap || next.text == "of"))
        || (next.cap && among(ROLE_HEADS, ts[last].text))
        || among(ROLE_HEADS, next.text)
        || next.text.chars().all(|c| c.is_ascii_digit())
        || (!next.cap
            && !next.text.ends_with("ing")
            && !is_cue(next.text)
            && !among(LEADING, next.text)
            && !among(PREPOSITIONS, next.text));
    // The comma may follow a parenthesis closing the name (`Rep. Ann Cole (D-Ohio), a member`).
    let opens = body[ts[last].span.end..next.span.start].trim_start_matches(['.', ')']) == ", " && described;
    if !opens {
        return 0;
    }
    let mut n = 1;
    while last + 1 + n < ts.len() {
        let (a, b) = (&ts[last + n], &ts[last + n + 1]);
        let gap = &body[a.span.end..b.span.start];
        let stop = gap.contains(['"', '“', '”', '(', ';', ':', '\n'])
            || (gap.contains(". ") && !spaced(body, a, b))
            || is_cue(b.text);
        if stop {
            break;
        }
        n += 1;
    }
    // After a cue, a relative pronoun before another cue opens a report of its
    // own (`said Ana Berg, who said …`), not a description.
    let relative = among(&["who", "which", "that"], ts[last + n].text);
    if after_cue && relative && ts.get(last + n + 1).is_some_and(|t| is_cue(t.text)) {
        n -= 1;
    }
    n
}

/// Number of leading tokens of `ts` that name a speaker after a cue: one
/// phrase, ending before a preposition that follows a name (`said Ana Berg
/// in a statement`, `wrote Ivo Radić for the Courier`) unless a name runs on
/// through it (`said the Church in Wales`). `of` rather ties a person to
/// where they come from (`said Ana Berg of the union`), which belongs to the source.
pub(crate) fn object_len(body: &str, ts: &[Tok], mentions: &[Mention]) -> usize {
    let len = phrase_len(body, ts);
    (1..len)
        .find(|&k| {
            let (name, word) = (&ts[k - 1], &ts[k]);
            name.cap
                && !word.cap
                && word.text != "of"
                && among(PREPOSITIONS, word.text)
                && !mentions.iter().any(|m| m.span.start <= name.span.start && m.span.end >= word.span.end)
        })
        .unwrap_or(len)
}

/// Number of leading tokens of `ts` that form one phrase: no punctuation between them.
pub(crate) fn phrase_len(body: &str, ts: &[Tok]) -> usize {
    let mut n = usize::from(!ts.is_empty());
    while n < ts.len() && n < SOURCE_WORDS {
        if spaced(body, &ts[n - 1], &ts[n]) {
            n += 1;
        } else if body[ts[n - 1].span.end..ts[n].span.start] == *" (" {
            // `Rep. Joseph Crowley (D-N.Y.)`: a short parenthesis belongs to the name.
            let close = (n..ts.len().min(n + 4)).find(|&k| {
                body[ts[k].span.end..ts.get(k + 1).map_or(body.len(), |t| t.span.start)].contains(')')
            });
            match close {
                Some(k) => n = k + 1,
                None => break,
            }
        } else {
            break;
        }
    }
    n
}

/// The subject of cue verb `ts[cue]`: the phrase before it back to a clause
/// boundary, with auxiliaries (`has said`) counted into the cue. No source
/// when the subject does not stand next to the cue.
pub(crate) fn subject_of(body: &str, ts: &[Tok], cue: usize, mentions: &[Mention]) -> Option<Found> {
    let mut verb = cue;
    while verb > 0 && among(SPEECH_AUXILIARIES, ts[verb - 1].text) && spaced(body, &ts[verb - 1], &ts[verb]) {
        verb -= 1;
    }
    let cue_span = Span::new(ts[verb].span.start, ts[cue].span.end);
    let mut start = verb;
    while start > 0 && verb - start < SOURCE_WORDS {
        if spaced(body, &ts[start - 1], &ts[start]) {
            start -= 1;
        } else if let Some(open) = parenthesis_before(body, ts, start) {
            // `Rep. Gwen Moore (D-Wis.) said`
            start = open;
        } else {
            break;
        }
    }
    while start < verb && among(LEADING, ts[start].text) {
        start += 1;
    }
    // A second verb of the clause (`Berg laughed and said`, `and then repeatedly says`)
    // or one that is not finite (`went on to say`, `began by saying`) has the
    // subject of the clause, which is not next to it.
    let adverbs = (start..verb).rev().take_while(|&k| !ts[k].cap && ts[k].text.ends_with("ly")).count();
    let conjoined = verb > start + adverbs && among(&["and", "to", "by", "as"], ts[verb - adverbs - 1].text);
    if conjoined {
        return Some(Found { cue: cue_span, source: None, who: None });
    }
    if start == verb {
        if let Some(named) = appositive_before(body, ts, verb) {
            let source = Span::new(ts[named].span.start, ts[verb - 1].span.end);
            let who = named_in(body, mentions, source, true).map(Who::Named);
            return Some(Found { cue: cue_span, source: Some(source), who });
        }
        return Some(Found { cue: cue_span, source: None, who: None });
    }
    let phrase = subject_phrase(body, &ts[start..verb - adverbs], mentions);
    if phrase.is_empty() {
        return Some(Found { cue: cue_span, source: None, who: None });
    }
    let last = &phrase[phrase.len() - 1];
    let source = closed(body, Span::new(phrase[0].span.start, last.span.end));
    let who = if phrase.len() == 1 && among(PRONOUNS, last.text) {
        Some(Who::Pronoun(last.span))
    } else {
        named_in(body, mentions, source, false).map(Who::Named).or(Some(Who::Described(source)))
    };
    Some(Found { cue: cue_span, source: Some(source), who })
}

/// Words that open a clause inside a sentence: a subject comes after them.
const SUBORDINATORS: &[&str] = &[
    "after", "although", "as", "because", "before", "but", "if", "once", "since", "than", "that", "though",
    "unless", "until", "when", "where", "whether", "which", "while", "whom",
];

/// The words before a cue that name who speaks: those after the last word
/// opening a clause (`when Kovač said`), only a pronoun when one ends them
/// (`in which he said`), and a name without the adverbial after it (`Kovač on Tuesday said`).
fn subject_phrase<'t, 'a>(body: &str, phrase: &'t [Tok<'a>], mentions: &[Mention]) -> &'t [Tok<'a>] {
    let Some(last) = phrase.last() else { return phrase };
    if among(PRONOUNS, last.text) {
        return &phrase[phrase.len() - 1..];
    }
    let from = phrase[..phrase.len() - 1]
        .iter()
        .rposition(|t| !t.cap && among(SUBORDINATORS, t.text))
        .map_or(0, |k| k + 1);
    let phrase = &phrase[from..];
    let len = object_len(body, phrase, mentions).max(1).min(phrase.len());
    &phrase[..len]
}

/// The start of a subject whose name is followed by an appositive ending
/// right before the cue at `verb` (`Kevin Barrett, a lawyer at Bailey, said`):
/// the earliest such name, since a description may hold names of its own,
/// or the description a name stands in apposition to (`the ministry's
/// spokesman, Ivo Radić, said`).
pub(crate) fn appositive_before(body: &str, ts: &[Tok], verb: usize) -> Option<usize> {
    let first = verb.saturating_sub(30);
    (first..verb.saturating_sub(1))
        .rev()
        .take_while(|&k| !body[ts[k].span.end..ts[k + 1].span.start].contains(['"', '“', '”', ';', ':']))
        .filter(|&k| {
            let head = ts[k].cap || among(ROLE_HEADS, ts[k].text);
            head && appositive_len(body, ts, k, false) == verb - k - 1
        })
        .map(|k| {
            // Back over the rest of the name, or of the description a name follows
            // (`the ministry's spokesman, Ivo Radić, said`).
            let role = !ts[k].cap;
            let mut s = k;
            while s > first
                && k - s < SOURCE_WORDS
                && spaced(body, &ts[s - 1], &ts[s])
                && (ts[s - 1].cap || (role && !among(LEADING, ts[s - 1].text) && !is_cue(ts[s - 1].text)))
            {
                s -= 1;
            }
            s
        })
        .last()
}

/// Words that open a clause without being part of its subject.
const LEADING: &[&str] =
    &["also", "and", "as", "but", "however", "meanwhile", "so", "still", "then", "to", "which", "yet"];

/// When a short parenthesis (`(D-Wis.)`) ends right before token `k`, the
/// index of the token before the parenthesis.
fn parenthesis_before(body: &str, ts: &[Tok], k: usize) -> Option<usize> {
    let gap = &body[ts[k - 1].span.end..ts[k].span.start];
    if !(gap == ") " || gap == ".) ") {
        return None;
    }
    let open = (k.saturating_sub(5)..k)
        .rev()
        .find(|&j| j > 0 && body[ts[j - 1].span.end..ts[j].span.start].ends_with(" ("))?;
    Some(open - 1)
}

/// The speaker named after a cue (`said X`, `according to X`).
pub(crate) fn object_source(body: &str, cue: Span, phrase: &[Tok], mentions: &[Mention]) -> Found {
    let Some(last) = phrase.last() else { return Found { cue, source: None, who: None } };
    // A name the phrase cuts into is read whole, but the source starts after the
    // cue even when the name finder took the cue in (`Continued Stone:`).
    let area = extend_to_mentions(mentions, Span::new(phrase[0].span.start, last.span.end));
    let source = closed(body, Span::new(phrase[0].span.start, area.end));
    let who = if among(PRONOUNS, phrase[0].text) {
        Some(Who::Pronoun(phrase[0].span))
    } else {
        named_in(body, mentions, area, true).map(Who::Named).or(Some(Who::Described(source)))
    };
    Found { cue, source: Some(source), who }
}

/// `span` widened over the end of a parenthesis it leaves open (`Ana Berg (D-Ohio`).
fn closed(body: &str, span: Span) -> Span {
    let text = &body[span.start..span.end];
    if text.rfind('(').is_none_or(|open| text[open..].contains(')')) {
        return span;
    }
    let tail = &body[span.end..];
    let close = tail.len() - tail.trim_start_matches('.').len();
    if tail[close..].starts_with(')') {
        Span::new(span.start, span.end + close + 1)
    } else {
        span
    }
}

/// `span` widened to cover mentions it cuts into (a name with initials or dots).
fn extend_to_mentions(mentions: &[Mention], span: Span) -> Span {
    mentions
        .iter()
        .filter(|m| m.span.start < span.end && m.span.end > span.start)
        .fold(span, |s, m| Span::new(s.start.min(m.span.start), s.end.max(m.span.end)))
}

pub(crate) fn according_to(body: &str, ts: &[Tok], mentions: &[Mention]) -> Option<Found> {
    let at = ts.windows(2).position(|w| w[0].text.eq_ignore_ascii_case("according") && w[1].text == "to")?;
    let cue = Span::new(ts[at].span.start, ts[at + 1].span.end);
    let rest = &ts[at + 2..];
    Some(object_source(body, cue, &rest[..phrase_len(body, rest)], mentions))
}

/// Index of the person (else organisation) named inside `area`: the first one
/// when the name follows the cue, the last one when it precedes it. A name
/// the words open with (`Hollis Brant, director of the Center`) is taken
/// before an organisation in its description even when its kind is unknown,
/// since the organisation is where the speaker works.
fn named_in(body: &str, mentions: &[Mention], area: Span, first: bool) -> Option<usize> {
    let inside = |kind: EntityKind| {
        let mut found = mentions
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.kind == kind && m.span.start >= area.start && m.span.end <= area.end)
            // A name in parentheses after another is a party or a place (`Ana Berg (D-Ohio)`).
            .filter(|(_, m)| !body[..m.span.start].ends_with('('))
            // A name owning what follows it (`Reid's rep`) is not who speaks.
            .filter(|(_, m)| m.span.end >= area.end || !owns(&body[m.span.end..]))
            .map(|(i, _)| i);
        if first {
            found.next()
        } else {
            found.next_back()
        }
    };
    inside(EntityKind::Person)
        .or_else(|| heading(body, mentions, area))
        .or_else(|| inside(EntityKind::Organization))
}

/// Whether a name followed by `after` owns the words after it (`Reid's rep`, `Sanders' aide`).
fn owns(after: &str) -> bool {
    ["'s ", "’s ", "' ", "’ "].iter().any(|p| after.starts_with(p))
}

/// The name of unknown kind that makes up the head of the source `area`,
/// the words before any description set off by a comma (`Hollis Brant` in
/// `Hollis Brant, director of the Center`; `the Rev. Ivo Radić`).
fn heading(body: &str, mentions: &[Mention], area: Span) -> Option<usize> {
    let text = &body[area.start..area.end];
    let head_end = area.start + text.find(", ").unwrap_or(text.len());
    let head_start = area.start + text.len() - text.trim_start_matches("the ").len();
    mentions.iter().position(|m| {
        m.kind == EntityKind::Other
            && m.role_span.map_or(m.span.start, |r| r.start.min(m.span.start)) == head_start
            && m.span.end == head_end
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_can_be_searched_by_halves() {
        for (name, list) in [
            ("PREPOSITIONS", PREPOSITIONS),
            ("PARTIES", PARTIES),
            ("APPOSITIVE", APPOSITIVE),
            ("SUBORDINATORS", SUBORDINATORS),
            ("LEADING", LEADING),
        ] {
            assert!(crate::words::searchable(list), "{name} must be sorted and in lower case");
        }
    }
}
