//! Quoted speech and who said it.
//!
//! A quote is text between quote marks (curly, straight, guillemets, single,
//! or the two apostrophes some wire copy uses) of at least three words, or
//! fewer when its attribution follows (`“No,” she said`); a quote inside
//! another is part of it. Its speaker comes from the attribution next to it,
//! in the shapes news copy uses: `“…,” said X`, `“…,” X said`, `“…,” X
//! snapped`, `X said: “…”`, `X told reporters, “…”`, `X defended the plan,
//! saying, “…”`, `X: “…”` and `according to X`; [`crate::source`] reads the
//! words naming the speaker there. A quote without an attribution of its own
//! continues the one before it when only that attribution comes between them
//! (`“…,” she said on Tuesday. “…”`), and a paragraph opening with a sentence
//! of quote continues the paragraph before when that one ended with its
//! attribution, which is how quotes running over paragraphs are written.
//!
//! A quote inside a sentence (`called it a “bad idea”`) is partial: it is kept
//! as a quote, but the attribution is the reported sentence around it, which
//! [`crate::indirect`] finds.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use corroborate_model::{EntityKind, Mention, Span};

use crate::source::{
    according_to, appositive_len, clause_subject, is_cue, object_len, object_source, phrase_len, spaced,
    subject_of, toks_in, Found, Who, SOURCE_WORDS,
};
use crate::speakers::Speakers;
use crate::words::{among, ABBREVIATIONS};
use crate::{Attribution, Tok};

/// Tokens searched for an attribution on either side of a quote.
const WINDOW: usize = 10;

/// A pair of quote marks: byte ranges of the marks themselves.
struct Marks {
    open: Span,
    close: Span,
}

/// A quote found between marks, with its attribution if one was found.
pub(crate) struct Quoted {
    pub attribution: Attribution,
    /// Inside a sentence rather than standing as what was said.
    pub partial: bool,
}

pub(crate) fn quotes(body: &str, toks: &[Tok], sentences: &[Span], mentions: &[Mention]) -> Vec<Quoted> {
    let marks = quote_marks(body);
    let speakers = Speakers::new(body, mentions, sentences);
    let mut out: Vec<Quoted> = Vec::new();
    // Where the latest-closing quote before this one closes: a quote that
    // opens before it is nested in another.
    let mut closed_by = 0;
    // The ends of the earlier quotes still open at this one's start; those
    // ended before it give the latest end, which only grows, as quotes come
    // in the order they open.
    let mut ending: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut ended_before = 0;
    for (n, m) in marks.iter().enumerate() {
        let nested = closed_by > m.open.start;
        closed_by = closed_by.max(m.close.start);
        while let Some(&Reverse(end)) = ending.peek().filter(|&&Reverse(end)| end <= m.open.start) {
            ended_before = ended_before.max(end);
            ending.pop();
        }
        ending.push(Reverse(m.close.end));
        let Some(inner) = inner_span(body, m).filter(|_| !nested) else { continue };
        let embedded = partial(body, m.open.start);
        if embedded && title(toks, m.open.start, inner) {
            continue;
        }
        // A quote of a word or two is speech only when it stands before its attribution (`“No,” she said`).
        let short = toks_in(toks, inner).iter().filter(|t| t.word).count() < 3;
        if short && (embedded || !body[..m.close.start].trim_end().ends_with([',', '?', '!'])) {
            continue;
        }
        // A quote inside this one (`“…called ‘miracles,’” she said`) is part of it.
        let after_limit = marks[n + 1..].iter().find(|k| k.open.start >= m.close.end);
        let after_limit = after_limit.map_or(body.len(), |next| next.open.start);
        let before_limit = ended_before;
        let after = Span::new(
            m.close.end,
            after_end(body, toks, sentences, m.close).min(after_limit).max(m.close.end),
        );
        let start = sentence_start(sentences, m.open.start);
        let before = Span::new(start.max(before_limit).min(m.open.start), m.open.start);
        let found = attribution_after(body, toks, after, mentions).or_else(|| {
            let before = attribution_before(body, toks, before, before.start == start, mentions);
            before.or_else(|| introduced(body, toks, sentences, m.open.start, mentions)).filter(|_| !short)
        });
        if short && found.is_none() {
            continue;
        }
        let mut attribution = Attribution {
            content: vec![inner],
            direct: true,
            cue: None,
            source: None,
            speaker: None,
            speaker_span: None,
        };
        match found {
            Some(found) => {
                attribution.cue = Some(found.cue);
                attribution.source = found.source;
                if let Some((name, span)) = found.who.and_then(|w| speakers.resolve(w, inner.start)) {
                    attribution.speaker = Some(name);
                    attribution.speaker_span = Some(span);
                }
            }
            None => {
                if let Some(prev) = continued(body, sentences, &out, m) {
                    attribution.cue = prev.cue;
                    attribution.source = prev.source;
                    attribution.speaker = prev.speaker.clone();
                    attribution.speaker_span = prev.speaker_span;
                }
            }
        }
        out.push(Quoted { attribution, partial: embedded });
    }
    out
}

/// The attribution the quote between `m`, which has none of its own, continues:
/// that of the last quote standing as speech, when it is in the same paragraph
/// and no sentence other than its attribution comes between them
/// (`“…,” Kovač said on Tuesday at the port. “…”`).
fn continued<'q>(body: &str, sentences: &[Span], out: &'q [Quoted], m: &Marks) -> Option<&'q Attribution> {
    let (open, close) = (m.open.start, m.close.start);
    let prev = &out.iter().rev().find(|q| !q.partial)?.attribution;
    let cue = prev.cue?;
    let end = prev.content.last()?.end;
    let gap = body.get(end..open)?;
    let index = |at: usize| sentences.partition_point(|s| s.start <= at);
    let last = index(end.max(cue.start));
    match gap.rfind('\n') {
        None => (index(open) <= last + 1).then_some(prev),
        // A paragraph opening with a whole sentence of quote goes on with the
        // speaker of the paragraph before, when that one ended with the attribution.
        Some(n) => {
            let paragraph_end = end + gap[..n].trim_end().len();
            let opens_paragraph = gap[n..].trim().is_empty();
            let sentence = body[..close].trim_end_matches(CLOSING).ends_with(['.', '?', '!']);
            (opens_paragraph && sentence && index(paragraph_end) <= last).then_some(prev)
        }
    }
}

/// Whether the quoted `inner`, embedded in running text at `open`, is the
/// title of a work rather than words someone said (`starred in “The Big
/// Lebowski”`, `the film “A Beautiful Mind”`): a few words in title case
/// right after a word for a work or a preposition.
fn title(toks: &[Tok], open: usize, inner: Span) -> bool {
    let words: Vec<&Tok> = toks_in(toks, inner).iter().filter(|t| t.word).collect();
    let title_case = words.first().is_some_and(|w| w.cap)
        && words.len() <= TITLE_WORDS
        && words.iter().all(|w| w.cap || among(TITLE_SMALL_WORDS, w.text));
    let before = toks[..toks.partition_point(|t| t.span.end <= open)].last();
    title_case
        && before.is_some_and(|b| b.word && (among(WORKS, b.text) || among(TITLE_PREPOSITIONS, b.text)))
}

/// Most words a title in quote marks has.
const TITLE_WORDS: usize = 6;

/// Words left in lowercase inside a title (`Gone with the Wind`).
const TITLE_SMALL_WORDS: &[&str] =
    &["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"];

/// Words after which a title in quote marks names a work.
const WORKS: &[&str] = &[
    "album",
    "book",
    "documentary",
    "entitled",
    "episode",
    "film",
    "movie",
    "musical",
    "novel",
    "play",
    "series",
    "show",
    "single",
    "song",
    "starred",
    "starring",
    "titled",
];

/// Prepositions whose object in quote marks and title case is a title (`in “The Big Lebowski”`).
const TITLE_PREPOSITIONS: &[&str] = &["about", "at", "by", "for", "from", "in", "of", "on", "with"];

/// Whether the quote opening at `open` is embedded in running text: a word comes right before it.
fn partial(body: &str, open: usize) -> bool {
    body[..open].trim_end_matches(' ').chars().next_back().is_some_and(|c| c.is_alphanumeric())
}

/// Pairs of quote marks within one line, in text order.
fn quote_marks(body: &str) -> Vec<Marks> {
    let mut out = Vec::new();
    let (mut curly, mut guillemet, mut straight, mut single, mut doubled) = (None, None, None, None, None);
    // The last straight mark inside an open straight quote that neither opened nor closed one.
    let mut stray: Option<Span> = None;
    let mut prev = ' ';
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, c)| c);
        let here = Span::new(i, i + c.len_utf8());
        let opens = prev.is_whitespace() || matches!(prev, '(' | '[' | ':' | '—' | '–');
        match c {
            '\n' => {
                (curly, guillemet, straight, single, doubled, stray) = (None, None, None, None, None, None)
            }
            '“' => curly = Some(here),
            '«' => guillemet = Some(here),
            '”' => out.extend(curly.take().map(|open| Marks { open, close: here })),
            '»' => out.extend(guillemet.take().map(|open| Marks { open, close: here })),
            '"' if straight.is_none() && opens => straight = Some(here),
            '"' if !next.is_alphanumeric() => {
                stray = None;
                out.extend(straight.take().map(|open| Marks { open, close: here }))
            }
            // A mark opening a quote inside an open one, right after a short
            // attribution (`He is a shadow of himself, "the judge said, "an old
            // man…"`), shows that the mark before the attribution was put after
            // its space: it closed the quote before, or opened nothing.
            '"' if opens => {
                let from = stray.or(straight).map_or(i, |s| s.end);
                if attribution_only(&body[from..i]) {
                    if let (Some(open), Some(close)) = (straight, stray) {
                        out.push(Marks { open, close });
                    }
                    (straight, stray) = (Some(here), None);
                } else {
                    stray = Some(here);
                }
            }
            // Two apostrophes stand for a double quote mark in some wire copy (`''No,'' he said`).
            '\'' if next == '\'' && prev != '\'' => {
                let pair = Span::new(i, i + 2);
                let after = body[i + 2..].chars().next().unwrap_or(' ');
                if doubled.is_none() && opens && !after.is_whitespace() {
                    doubled = Some(pair);
                } else if doubled.is_some() && !after.is_alphanumeric() {
                    out.extend(doubled.take().map(|open| Marks { open, close: pair }));
                }
            }
            '‘' if opens && next.is_alphanumeric() => single = Some(here),
            // A closing single quote is told from an apostrophe by the punctuation before it.
            '’' if matches!(prev, ',' | '.' | '!' | '?') && !next.is_alphanumeric() => {
                out.extend(single.take().map(|open| Marks { open, close: here }))
            }
            _ => {}
        }
        prev = c;
    }
    out.sort_by_key(|m| m.open.start);
    out
}

/// Whether `text` is only a short attribution ending in a comma (`the judge said, `).
fn attribution_only(text: &str) -> bool {
    let Some(words) = text.trim_end().strip_suffix(',') else { return false };
    let words: Vec<&str> = words.split_whitespace().collect();
    words.len() <= SOURCE_WORDS + 1 && words.iter().any(|w| is_cue(w))
}

/// The quoted text: between the marks, without surrounding spaces or a trailing comma.
fn inner_span(body: &str, m: &Marks) -> Option<Span> {
    let text = &body[m.open.end..m.close.start];
    let trimmed_start = text.trim_start();
    let start = m.open.end + (text.len() - trimmed_start.len());
    let kept = trimmed_start.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    (!kept.is_empty()).then(|| Span::new(start, start + kept.len()))
}

fn sentence_start(sentences: &[Span], at: usize) -> usize {
    let i = sentences.partition_point(|s| s.start <= at);
    i.checked_sub(1).map_or(0, |i| sentences[i].start)
}

/// Where the search for an attribution after a quote stops: the end of the
/// quote's sentence, or of the next sentence when the quote ends its own and
/// the next opens with an attribution: a short one (`“…” Graham said.`), or
/// any after a question or an exclamation, whose attribution the splitter
/// cut off (`“…?” Trump asked reporters on Monday.`).
fn after_end(body: &str, toks: &[Tok], sentences: &[Span], close: Span) -> usize {
    let own = sentence_end(body, sentences, close.start);
    if own > close.end {
        return own;
    }
    let next = sentence_end(body, sentences, close.end);
    let ts = toks_in(toks, Span::new(close.end, next));
    let asked = body[..close.start].trim_end_matches(CLOSING).ends_with(['?', '!']);
    let only_attribution = ts
        .iter()
        .position(|t| is_cue(t.text))
        .is_some_and(|c| c < SOURCE_WORDS && (asked || ts.len() - c <= 4));
    if only_attribution {
        next
    } else {
        own
    }
}

/// The end of the sentence holding `at`, read past a break after a title
/// (`said Del. Ana Berg`), which ends no sentence.
fn sentence_end(body: &str, sentences: &[Span], at: usize) -> usize {
    let mut i = sentences.partition_point(|s| s.end <= at);
    while let (Some(s), Some(_)) = (sentences.get(i), sentences.get(i + 1)) {
        let text = body[s.start..s.end].trim_end();
        let word = text.strip_suffix('.').and_then(|t| t.rsplit([' ', '\n']).next()).unwrap_or_default();
        if !among(ABBREVIATIONS, word) {
            break;
        }
        i += 1;
    }
    sentences.get(i).map_or(at, |s| s.end)
}

/// `“…,” said X`, `“…,” X said`, `“…” ― X` and `“…,” according to X`.
fn attribution_after(body: &str, toks: &[Tok], window: Span, mentions: &[Mention]) -> Option<Found> {
    let all = toks_in(toks, window);
    let ts = &all[..all.len().min(WINDOW)];
    let first = ts.first()?;
    let lead = &body[window.start..first.span.start];
    if is_cue(first.text) && !lead.contains(['.', '?', '!']) {
        let len = object_len(body, &all[1..], mentions);
        let len = len + appositive_len(body, &all[1..], len.saturating_sub(1), true);
        return Some(object_source(body, first.span, &all[1..1 + len], mentions));
    }
    if lead.trim().chars().all(|c| matches!(c, '―' | '—' | '–' | '-')) && !lead.trim().is_empty() {
        // A signature after a dash: `“…” ― Pamela Padilla`.
        let len = phrase_len(body, ts);
        let found = object_source(body, Span::new(window.start, window.start), &ts[..len], mentions);
        return found
            .who
            .is_some()
            .then(|| Found { cue: Span::new(first.span.start, first.span.start), ..found });
    }
    if let Some(found) = according_to(body, ts, mentions) {
        return Some(found);
    }
    // The cue may stand further away after a long description of the speaker
    // (`“…,” Ana Berg, the union's lawyer since 2019, said`).
    let cue = ts.iter().position(|t| is_cue(t.text)).or_else(|| {
        let far = all.iter().take(3 * WINDOW).position(|t| is_cue(t.text))?;
        let name = phrase_len(body, all).min(far);
        (name > 0 && appositive_len(body, all, name - 1, false) == far - name).then_some(far)
    });
    if let Some(cue) = cue {
        return subject_of(body, all, cue, mentions);
    }
    // A quote that leaves its sentence open (`“…,”` `“…?”`) and is followed by
    // a subject and a verb is attributed by that verb, whatever it is (`“…,” Berg snapped`).
    let open = body[..window.start].trim_end_matches(CLOSING).ends_with([',', '?', '!']);
    if !open || !lead.trim().is_empty() {
        return None;
    }
    let (source, who, verb) = clause_subject(body, all, mentions)?;
    let v = all.get(verb)?;
    let verb_like = v.word && !v.cap && !among(NOT_VERBS, v.text) && spaced(body, &all[verb - 1], v);
    verb_like.then_some(Found { cue: v.span, source: Some(source), who: Some(who) })
}

/// Closing quote marks.
const CLOSING: &[char] = &['”', '"', '’', '\'', '»'];

/// Lowercase words that may follow a subject without being the verb that attributes a quote.
const NOT_VERBS: &[&str] =
    &["and", "are", "at", "in", "is", "of", "or", "that", "was", "were", "which", "who"];

/// `X said: “…”`, `X told reporters, “…”` and `according to X, “…”`. When
/// `window` starts a sentence, its subject is the speaker of a quote
/// introduced by a colon or a comma (`Sen. Ana Berg scolded him: “…”`), by
/// a participle (`Berg defended the plan, saying, “…”`) or by a second verb
/// (`Berg laughed and said, “…”`), and a sentence opening with its cue
/// names the speaker after it (`Said Berg: “…”`).
fn attribution_before(
    body: &str,
    toks: &[Tok],
    window: Span,
    sentence: bool,
    mentions: &[Mention],
) -> Option<Found> {
    let all = toks_in(toks, window);
    let near = all.len().saturating_sub(WINDOW);
    let ts = &all[near..];
    if let Some(found) = according_to(body, ts, mentions) {
        return Some(found);
    }
    let subject = || sentence.then(|| clause_subject(body, all, mentions)).flatten();
    let Some(cue) = ts.iter().rposition(|t| is_cue(t.text)).map(|c| near + c) else {
        let lead = body[window.start..window.end].trim_end();
        if lead.ends_with(':') {
            if let Some(found) = name_with_colon(body, lead.len() - 1 + window.start, mentions) {
                return Some(found);
            }
        }
        let (source, who, verb) = subject().filter(|_| lead.ends_with([':', ',']))?;
        return Some(Found { cue: all.get(verb)?.span, source: Some(source), who: Some(who) });
    };
    if cue == 0 && sentence {
        let rest = &all[1..];
        let len = phrase_len(body, rest);
        return (len > 0).then(|| object_source(body, all[0].span, &rest[..len], mentions));
    }
    let found = subject_of(body, all, cue, mentions)?;
    if found.source.is_some() {
        return Some(found);
    }
    match subject() {
        Some((source, who, _)) => Some(Found { source: Some(source), who: Some(who), ..found }),
        None => Some(found),
    }
}

/// A name and its title right before the colon at `colon` introducing a
/// quote (`Pollster Ana Berg: “…”`); the colon is the cue.
fn name_with_colon(body: &str, colon: usize, mentions: &[Mention]) -> Option<Found> {
    let i = mentions.iter().rposition(|m| m.span.end <= colon)?;
    let m = &mentions[i];
    if m.kind == EntityKind::Place || !body[m.span.end..colon].trim().is_empty() {
        return None;
    }
    let source = Span::new(m.role_span.map_or(m.span.start, |r| r.start.min(m.span.start)), m.span.end);
    Some(Found { cue: Span::new(colon, colon + 1), source: Some(source), who: Some(Who::Named(i)) })
}

/// For a quote opening a paragraph after one that ends with a colon
/// (`He said:` or `Berg wrote to the board:`), the attribution in that sentence.
fn introduced(
    body: &str,
    toks: &[Tok],
    sentences: &[Span],
    open: usize,
    mentions: &[Mention],
) -> Option<Found> {
    let line = body[..open].trim_end_matches([' ', '\t']);
    if !line.ends_with('\n') {
        return None;
    }
    let colon = line.trim_end().strip_suffix(':')?.len() + 1;
    let start = sentence_start(sentences, colon - 1);
    attribution_before(body, toks, Span::new(start, colon), true, mentions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_can_be_searched_by_halves() {
        for (name, list) in [
            ("NOT_VERBS", NOT_VERBS),
            ("TITLE_SMALL_WORDS", TITLE_SMALL_WORDS),
            ("WORKS", WORKS),
            ("TITLE_PREPOSITIONS", TITLE_PREPOSITIONS),
        ] {
            assert!(crate::words::searchable(list), "{name} must be sorted and in lower case");
        }
    }
}
