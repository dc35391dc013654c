//! Reported speech without quote marks.
//!
//! Most attributions in news copy are indirect: `X said (that) …`,
//! `…, X said.`, `According to X, …` and `…, according to X.` Each is found
//! within one sentence from the position of its cue, and its content is the
//! rest of that sentence, so a claim in the brief can be traced to who made
//! it. Sentences already holding a direct quote are left to [`crate::quotes`].

use corroborate_model::{Mention, Span};

use crate::quotes::{according_to, is_cue, resolve, spaced, subject_of, toks_in, Found, Who, SOURCE_WORDS};
use crate::words::among;
use crate::{Attribution, Tok};

/// Fewest words a reported statement has.
const MIN_WORDS: usize = 4;
/// Most tokens after a cue that ends a sentence (`…, she said on Tuesday in Paris.`).
const TAIL: usize = 8;
/// How far after a cue a `that` may open the content (`said on Tuesday that`).
const THAT_WITHIN: usize = 5;

pub(crate) fn attributions(
    body: &str,
    toks: &[Tok],
    sentences: &[Span],
    mentions: &[Mention],
    quoted: &[Span],
) -> Vec<Attribution> {
    let mut out = Vec::new();
    for &s in sentences {
        if quoted.iter().any(|q| q.start < s.end && q.end > s.start) {
            continue;
        }
        let ts = toks_in(toks, s);
        if let Some((content, found)) = in_sentence(body, ts, mentions) {
            let content = trimmed(body, content);
            if toks_in(toks, content).iter().filter(|t| t.word).count() < MIN_WORDS {
                continue;
            }
            let resolved = found.who.and_then(|w| resolve(body, w, mentions));
            out.push(Attribution {
                content: vec![content],
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

/// The content and attribution of a sentence that reports speech.
fn in_sentence(body: &str, ts: &[Tok], mentions: &[Mention]) -> Option<(Span, Found)> {
    let (first, last) = (ts.first()?, ts.last()?);
    // Whether a comma comes right before token `k`.
    let comma = |k: usize| k > 0 && body[ts[k - 1].span.end..ts[k].span.start].contains(',');
    let end = last.span.end;
    if let Some(found) = according_to(body, ts, mentions) {
        let at = ts.iter().position(|t| t.span.start == found.cue.start)?;
        if at == 0 {
            // `According to X, …`
            let after = (1..ts.len()).find(|&k| comma(k))?;
            return Some((Span::new(ts[after].span.start, end), found));
        }
        if comma(at) {
            // `…, according to X.`
            return Some((Span::new(first.span.start, ts[at - 1].span.end), found));
        }
        return None;
    }
    let cue = ts.iter().position(|t| is_cue(t.text))?;
    // `…, X said.` and `…, said X.`: a short tail after a comma.
    if let Some(clause) = (1..=cue).rev().find(|&k| comma(k)) {
        if cue - clause <= SOURCE_WORDS && ts.len() - clause <= TAIL + (cue - clause) {
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
            return Some((Span::new(first.span.start, ts[clause - 1].span.end), found));
        }
    }
    // `X said (that) …`: a subject from the sentence start, then the rest.
    let found = subject_of(body, ts, cue, mentions)?;
    let source = found.source?;
    let subject = ts.iter().position(|t| t.span.start >= source.start)?;
    if !ts[..subject].iter().all(|t| among(OPENERS, t.text)) {
        return None;
    }
    let mut from = cue + 1;
    if let Some(that) = ts[from..].iter().take(THAT_WITHIN).position(|t| t.text == "that") {
        from += that;
    }
    Some((Span::new(ts.get(from)?.span.start, end), found))
}

/// Words that may open a sentence before the subject of its cue.
const OPENERS: &[&str] = &["and", "but", "so", "yet", "still", "however", "meanwhile", "also", "then", "now"];

/// `span` without a final period or surrounding punctuation.
fn trimmed(body: &str, span: Span) -> Span {
    let text = &body[span.start..span.end];
    let start_trim = text.len() - text.trim_start_matches([' ', ',', ':', '—', '–']).len();
    let kept = text[start_trim..].trim_end_matches([' ', ',', '.', ';', ':']);
    Span::new(span.start + start_trim, span.start + start_trim + kept.len())
}
