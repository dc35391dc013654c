//! Quoted speech and who said it.
//!
//! A quote is text between quote marks of at least three words. Its speaker
//! comes from the attribution next to it, in the few shapes news copy uses:
//! `“…,” said X`, `“…,” X said`, `X said: “…”`, `X told reporters, “…”` and
//! `according to X`. A pronoun speaker is the person last named before it, and
//! a speaker is always given by the fullest name the article uses for them,
//! so that quotes can be merged across articles.

use corroborate_model::{EntityKind, Mention, QuoteMention, Span};

use crate::mentions::last_word;
use crate::words::{among, CUE_VERBS, PRONOUNS};
use crate::Tok;

/// Tokens searched for an attribution on either side of a quote.
const WINDOW: usize = 10;

/// A pair of quote marks: byte ranges of the marks themselves.
struct Marks {
    open: Span,
    close: Span,
}

pub(crate) fn quotes(
    body: &str,
    toks: &[Tok],
    sentences: &[Span],
    mentions: &[Mention],
) -> Vec<QuoteMention> {
    let marks = quote_marks(body);
    let mut out = Vec::new();
    for (n, m) in marks.iter().enumerate() {
        let Some(inner) = inner_span(body, m) else { continue };
        if toks_in(toks, inner).iter().filter(|t| t.word).count() < 3 {
            continue;
        }
        let after_limit = marks.get(n + 1).map_or(body.len(), |next| next.open.start);
        let before_limit = n.checked_sub(1).map_or(0, |p| marks[p].close.end);
        let after =
            Span::new(m.close.end, sentence_end(sentences, m.close.start).min(after_limit).max(m.close.end));
        let before = Span::new(
            sentence_start(sentences, m.open.start).max(before_limit).min(m.open.start),
            m.open.start,
        );
        let found =
            attribution_after(toks, after, mentions).or_else(|| attribution_before(toks, before, mentions));
        let (speaker, speaker_span, cue) = match found {
            Some((who, cue)) => {
                let resolved = who.and_then(|w| resolve(w, mentions));
                (resolved.as_ref().map(|r| r.0.clone()), resolved.map(|r| r.1), Some(cue))
            }
            None => (None, None, None),
        };
        out.push(QuoteMention {
            text: body[inner.start..inner.end].to_string(),
            span: inner,
            speaker,
            speaker_span,
            cue,
        });
    }
    out
}

/// Pairs of quote marks within one line, in text order.
fn quote_marks(body: &str) -> Vec<Marks> {
    let mut out = Vec::new();
    let (mut curly, mut guillemet, mut straight, mut single) = (None, None, None, None);
    let mut prev = ' ';
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, c)| c);
        let here = Span::new(i, i + c.len_utf8());
        let opens = prev.is_whitespace() || matches!(prev, '(' | '[' | ':' | '—' | '–');
        match c {
            '\n' => (curly, guillemet, straight, single) = (None, None, None, None),
            '“' => curly = Some(here),
            '«' => guillemet = Some(here),
            '”' => out.extend(curly.take().map(|open| Marks { open, close: here })),
            '»' => out.extend(guillemet.take().map(|open| Marks { open, close: here })),
            '"' if straight.is_none() && opens => straight = Some(here),
            '"' if !next.is_alphanumeric() => {
                out.extend(straight.take().map(|open| Marks { open, close: here }))
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

/// The quoted text: between the marks, without surrounding spaces or a trailing comma.
fn inner_span(body: &str, m: &Marks) -> Option<Span> {
    let text = &body[m.open.end..m.close.start];
    let trimmed_start = text.trim_start();
    let start = m.open.end + (text.len() - trimmed_start.len());
    let kept = trimmed_start.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    (!kept.is_empty()).then(|| Span::new(start, start + kept.len()))
}

fn toks_in<'t, 'a>(toks: &'t [Tok<'a>], span: Span) -> &'t [Tok<'a>] {
    let from = toks.partition_point(|t| t.span.start < span.start);
    let to = toks.partition_point(|t| t.span.end <= span.end);
    &toks[from..to.max(from)]
}

fn sentence_start(sentences: &[Span], at: usize) -> usize {
    let i = sentences.partition_point(|s| s.start <= at);
    i.checked_sub(1).map_or(0, |i| sentences[i].start)
}

fn sentence_end(sentences: &[Span], at: usize) -> usize {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).map_or(at, |s| s.end)
}

/// Who a quote is attributed to: a mention or a pronoun token's span, and the cue.
type Attribution = (Option<Who>, String);

#[derive(Clone, Copy)]
enum Who {
    Named(usize),
    Pronoun(Span),
}

/// `“…,” said X`, `“…,” X said` and `“…,” according to X`.
fn attribution_after(toks: &[Tok], window: Span, mentions: &[Mention]) -> Option<Attribution> {
    let ts = toks_in(toks, window);
    let ts = &ts[..ts.len().min(WINDOW)];
    let first = ts.first()?;
    if among(CUE_VERBS, first.text) {
        let who = named_between(mentions, Span::new(first.span.end, window.end), true);
        return Some((who.map(Who::Named), first.text.to_lowercase()));
    }
    if let Some(found) = according_to(ts, window, mentions) {
        return Some(found);
    }
    let cue = ts.iter().position(|t| among(CUE_VERBS, t.text))?;
    subject_of(ts, cue, Span::new(window.start, ts[cue].span.start), mentions)
}

/// `X said: “…”`, `X told reporters, “…”` and `according to X, “…”`.
fn attribution_before(toks: &[Tok], window: Span, mentions: &[Mention]) -> Option<Attribution> {
    let ts = toks_in(toks, window);
    let ts = &ts[ts.len().saturating_sub(WINDOW)..];
    if let Some(found) = according_to(ts, window, mentions) {
        return Some(found);
    }
    let cue = ts.iter().rposition(|t| among(CUE_VERBS, t.text))?;
    subject_of(ts, cue, Span::new(window.start, ts[cue].span.start), mentions)
}

/// The subject of cue verb `ts[cue]`: a pronoun right before it, or the nearest name in `area`.
fn subject_of(ts: &[Tok], cue: usize, area: Span, mentions: &[Mention]) -> Option<Attribution> {
    let verb = ts[cue].text.to_lowercase();
    if let Some(p) = cue.checked_sub(1).map(|p| &ts[p]).filter(|t| among(PRONOUNS, t.text)) {
        return Some((Some(Who::Pronoun(p.span)), verb));
    }
    Some((named_between(mentions, area, false).map(Who::Named), verb))
}

fn according_to(ts: &[Tok], window: Span, mentions: &[Mention]) -> Option<Attribution> {
    let at = ts.windows(2).position(|w| w[0].text.eq_ignore_ascii_case("according") && w[1].text == "to")?;
    let who = named_between(mentions, Span::new(ts[at + 1].span.end, window.end), true);
    Some((who.map(Who::Named), "according to".to_string()))
}

/// Index of the person (else organisation) named inside `area`: the first one
/// when the name follows the cue, the last one when it precedes it.
fn named_between(mentions: &[Mention], area: Span, first: bool) -> Option<usize> {
    let inside = |kind: EntityKind| {
        let mut found = mentions
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.kind == kind && m.span.start >= area.start && m.span.end <= area.end)
            .map(|(i, _)| i);
        if first {
            found.next()
        } else {
            found.next_back()
        }
    };
    inside(EntityKind::Person).or_else(|| inside(EntityKind::Organization))
}

/// The speaker's fullest name and the span of the mention it was resolved from.
fn resolve(who: Who, mentions: &[Mention]) -> Option<(String, Span)> {
    let named = match who {
        Who::Named(i) => &mentions[i],
        Who::Pronoun(p) => {
            mentions.iter().rev().find(|m| m.kind == EntityKind::Person && m.span.end <= p.start)?
        }
    };
    let last = last_word(&named.text);
    let fullest = mentions
        .iter()
        .filter(|m| m.kind == named.kind && last_word(&m.text) == last)
        .max_by_key(|m| (m.text.split(' ').count(), std::cmp::Reverse(m.span.start)))
        .map_or(&named.text, |m| &m.text);
    Some((fullest.clone(), named.span))
}
