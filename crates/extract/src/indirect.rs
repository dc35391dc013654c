//! Reported speech without quote marks.
//!
//! Most attributions in news copy are indirect: `X said (that) …`,
//! `…, X said.`, `…, X said, …`, `According to X, …` and `…, according to X.`
//! Each is found within one sentence from the position of its cue, wherever
//! its subject stands (`after Kovač said …`), and its content is the rest of
//! that sentence up to a participle adding more (`…, arguing that …`), so a
//! claim in the brief can be traced to who made it. Findings and stated
//! beliefs (`the survey shows`, `officials believe`) are attributed the same
//! way. In a sentence holding a direct quote, only the words before the quote
//! are read; the quote itself is left to [`crate::quotes`].

use corroborate_model::{Mention, Span};

use crate::source::{
    according_to, appositive_before, clause_subject, is_cue, spaced, subject_of, toks_in, Found, Who,
    SOURCE_WORDS,
};
use crate::speakers::Speakers;
use crate::words::{among, FINDING_VERBS};
use crate::{Attribution, Tok};

/// Fewest words a reported statement has.
const MIN_WORDS: usize = 3;
/// Most tokens after a cue that ends a sentence (`…, she said on Tuesday in Paris.`).
const TAIL: usize = 8;
/// How far after a cue a `that` may open the content (`said on Tuesday that`).
const THAT_WITHIN: usize = 5;

pub(crate) fn attributions(
    body: &str,
    toks: &[Tok],
    sentences: &[Span],
    mentions: &[Mention],
    direct: &[Attribution],
) -> Vec<Attribution> {
    let speakers = Speakers::new(body, mentions, sentences);
    let quoted: Vec<Span> = direct.iter().flat_map(|a| a.content.iter().copied()).collect();
    let mut out = Vec::new();
    for ts in sentences.iter().flat_map(|&s| unquoted(body, toks, s, &quoted, direct)) {
        if let Some((pieces, found)) = in_sentence(body, ts, mentions) {
            let content: Vec<Span> =
                pieces.into_iter().map(|p| trimmed(body, p)).filter(|p| !p.is_empty()).collect();
            let words: usize =
                content.iter().map(|&p| toks_in(toks, p).iter().filter(|t| t.word).count()).sum();
            if words < MIN_WORDS {
                continue;
            }
            let resolved = found.who.and_then(|w| speakers.resolve(w, content[0].start));
            out.push(Attribution {
                content,
                direct: false,
                cue: Some(found.cue),
                source: found.source,
                speaker: resolved.as_ref().map(|r| r.0.clone()),
                speaker_span: resolved.map(|r| r.1),
            });
        }
    }
    out
}

/// The content and attribution of a sentence, or a stretch of one, that reports speech.
fn in_sentence(body: &str, ts: &[Tok], mentions: &[Mention]) -> Option<(Vec<Span>, Found)> {
    let (first, last) = (ts.first()?, ts.last()?);
    // Whether a comma comes right before token `k`.
    let comma = |k: usize| k > 0 && body[ts[k - 1].span.end..ts[k].span.start].contains(',');
    let end = last.span.end;
    if let Some(found) = according_to(body, ts, mentions) {
        let at = ts.iter().position(|t| t.span.start == found.cue.start)?;
        if at == 0 {
            // `According to X, …`
            let after = (1..ts.len()).find(|&k| comma(k))?;
            return Some((vec![Span::new(ts[after].span.start, end)], found));
        }
        if comma(at) {
            // `…, according to X.`
            return Some((vec![Span::new(first.span.start, ts[at - 1].span.end)], found));
        }
        return None;
    }
    let cue = ts.iter().position(|t| is_cue(t.text) || among(FINDING_VERBS, t.text))?;
    // `…, X said.` and `…, said X.`: a short tail after a comma.
    // (Not when the comma closes a description of the subject: `Berg, a lawyer, said …`.)
    // (Nor when the sentence goes on after the cue: `…, X said, …`.)
    let described = appositive_before(body, ts, cue).is_some();
    let interrupts = cue + 1 < ts.len() && comma(cue + 1);
    if let Some(clause) = (1..=cue).rev().find(|&k| comma(k)).filter(|_| !described) {
        if cue - clause <= SOURCE_WORDS && ts.len() - clause <= TAIL + (cue - clause) && !interrupts {
            let found = if cue == clause {
                let after = &ts[cue + 1..];
                let n = (1..after.len())
                    .find(|&k| !spaced(body, &after[k - 1], &after[k]))
                    .unwrap_or(after.len());
                let phrase = &after[..n.min(SOURCE_WORDS)];
                let source =
                    phrase.first().map(|f| Span::new(f.span.start, phrase[phrase.len() - 1].span.end));
                let who = source.and_then(|s| {
                    let inside = |m: &Mention| m.span.start >= s.start && m.span.end <= s.end;
                    mentions.iter().position(inside).map(Who::Named)
                });
                Found { cue: ts[cue].span, source, who }
            } else {
                subject_of(body, ts, cue, mentions)?
            };
            return Some((vec![Span::new(first.span.start, ts[clause - 1].span.end)], found));
        }
    }
    // `X said (that) …`: the cue with its subject anywhere in the sentence, then the rest of it.
    let mut found = subject_of(body, ts, cue, mentions)?;
    if found.source.is_none() {
        // `Berg went on to say …`, `Berg laughed and said …`: the subject of the sentence.
        let (source, who, _) =
            clause_subject(body, ts, mentions).filter(|s| s.0.end <= ts[cue].span.start)?;
        found = Found { source: Some(source), who: Some(who), ..found };
    }
    let source = found.source?;
    let subject = ts.iter().position(|t| t.span.start >= source.start)?;
    let mut from = cue + 1;
    if let Some(that) = ts[from..].iter().take(THAT_WITHIN).position(|t| t.text == "that") {
        from += that;
    }
    // What was said ends where a participle adds more (`…, arguing that …`).
    let end = (from + 1..ts.len())
        .find(|&k| comma(k) && is_cue(ts[k].text) && ts[k].text.ends_with("ing"))
        .map_or(end, |k| ts[k - 1].span.end);
    let rest = Span::new(ts.get(from)?.span.start, end);
    // `…, X said, …`: the attribution interrupts what was said.
    let interrupts = subject > 0 && comma(subject) && comma(cue + 1) && from == cue + 1;
    if interrupts {
        return Some((vec![Span::new(first.span.start, ts[subject - 1].span.end), rest], found));
    }
    Some((vec![rest], found))
}

/// The stretches of sentence `s` outside its direct quotes, split at the cues
/// of those quotes: what may report speech of its own (`Berg told the board
/// that the plan “failed,” adding, “…”`, `“…,” said Berg, who said there were
/// “too many”`).
fn unquoted<'t, 'a>(
    body: &str,
    toks: &'t [Tok<'a>],
    s: Span,
    quoted: &[Span],
    direct: &[Attribution],
) -> Vec<&'t [Tok<'a>]> {
    let mut inside: Vec<Span> =
        quoted.iter().filter(|q| q.start < s.end && q.end > s.start).copied().collect();
    inside.sort();
    let mut out = Vec::new();
    let mut from = s.start;
    for q in inside.iter().chain([&Span::new(s.end, s.end)]) {
        if from >= s.end {
            break;
        }
        let end = body[..q.start.clamp(from, s.end)].trim_end_matches(OPENING).len().max(from);
        let ts = toks_in(toks, Span::new(from, end));
        match ts.iter().position(|t| direct.iter().any(|a| a.cue == Some(t.span))) {
            Some(k) => out.extend([&ts[..k], &ts[k + 1..]]),
            None => out.push(ts),
        }
        from = q.end.max(from);
    }
    out
}

/// Quote marks that open a quote, and the space before them.
const OPENING: &[char] = &['“', '"', '\'', '‘', '«', ' '];

/// `span` without a final period or surrounding punctuation.
fn trimmed(body: &str, span: Span) -> Span {
    let text = &body[span.start..span.end];
    let start_trim = text.len() - text.trim_start_matches([' ', ',', ':', '—', '–']).len();
    let kept = text[start_trim..].trim_end_matches([' ', ',', '.', ';', ':']);
    Span::new(span.start + start_trim, span.start + start_trim + kept.len())
}
