//! Quoted speech and who said it.
//!
//! A quote is text between quote marks of at least three words. Its speaker
//! comes from the attribution next to it, in the few shapes news copy uses:
//! `“…,” said X`, `“…,” X said`, `X said: “…”`, `X told reporters, “…”` and
//! `according to X`. The words naming the speaker there (a name, a pronoun,
//! `the company's spokeswoman`) are the attribution's source; the speaker is
//! the person they stand for, given by the fullest name the article uses, so
//! that quotes can be merged across articles. A quote without an attribution
//! of its own that follows an attributed one in the same paragraph continues
//! it (`“…,” she said. “…”`).
//!
//! A quote inside a sentence (`called it a “bad idea”`) is partial: it is kept
//! as a quote, but the attribution is the reported sentence around it, which
//! [`crate::indirect`] finds.

use corroborate_model::{EntityKind, Mention, Span};

use crate::mentions::last_word;
use crate::words::{among, ABBREVIATIONS, PRONOUNS, ROLE_HEADS, SPEECH_AUXILIARIES, SPEECH_VERBS};
use crate::{Attribution, Tok};

/// Tokens searched for an attribution on either side of a quote.
const WINDOW: usize = 10;
/// Most tokens a source written out as a phrase may have (`the company's chief spokeswoman`).
pub(crate) const SOURCE_WORDS: usize = 7;

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
    let mut out: Vec<Quoted> = Vec::new();
    for (n, m) in marks.iter().enumerate() {
        let Some(inner) = inner_span(body, m) else { continue };
        if toks_in(toks, inner).iter().filter(|t| t.word).count() < 3 {
            continue;
        }
        let after_limit = marks.get(n + 1).map_or(body.len(), |next| next.open.start);
        let before_limit = n.checked_sub(1).map_or(0, |p| marks[p].close.end);
        let after =
            Span::new(m.close.end, after_end(toks, sentences, m.close).min(after_limit).max(m.close.end));
        let before = Span::new(
            sentence_start(sentences, m.open.start).max(before_limit).min(m.open.start),
            m.open.start,
        );
        let found = attribution_after(body, toks, after, mentions)
            .or_else(|| attribution_before(body, toks, before, mentions));
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
                if let Some((name, span)) = found.who.and_then(|w| resolve(body, w, mentions)) {
                    attribution.speaker = Some(name);
                    attribution.speaker_span = Some(span);
                }
            }
            None => {
                if let Some(prev) = continued(body, &out, m.open.start) {
                    attribution.cue = prev.cue;
                    attribution.source = prev.source;
                    attribution.speaker = prev.speaker.clone();
                    attribution.speaker_span = prev.speaker_span;
                }
            }
        }
        out.push(Quoted { attribution, partial: partial(body, m.open.start) });
    }
    out
}

/// The attribution of the quote right before `open` in the same paragraph, if it has one.
fn continued<'q>(body: &str, out: &'q [Quoted], open: usize) -> Option<&'q Attribution> {
    let prev = &out.last()?.attribution;
    let end = prev.content.last()?.end;
    let gap = body.get(end..open)?;
    (prev.cue.is_some() && !gap.contains('\n') && gap.len() < 120).then_some(prev)
}

/// Whether the quote opening at `open` is embedded in running text: a word comes right before it.
fn partial(body: &str, open: usize) -> bool {
    body[..open].trim_end_matches(' ').chars().next_back().is_some_and(|c| c.is_alphanumeric())
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

pub(crate) fn toks_in<'t, 'a>(toks: &'t [Tok<'a>], span: Span) -> &'t [Tok<'a>] {
    let from = toks.partition_point(|t| t.span.start < span.start);
    let to = toks.partition_point(|t| t.span.end <= span.end);
    &toks[from..to.max(from)]
}

fn sentence_start(sentences: &[Span], at: usize) -> usize {
    let i = sentences.partition_point(|s| s.start <= at);
    i.checked_sub(1).map_or(0, |i| sentences[i].start)
}

/// Where the search for an attribution after a quote stops: the end of the
/// quote's sentence, or of the next sentence when the quote ends its own and
/// the next is short enough to be only an attribution (`“…?” Graham asked.`).
fn after_end(toks: &[Tok], sentences: &[Span], close: Span) -> usize {
    let own = sentence_end(sentences, close.start);
    if own > close.end {
        return own;
    }
    let next = sentence_end(sentences, close.end);
    let ts = toks_in(toks, Span::new(close.end, next));
    let only_attribution =
        ts.iter().position(|t| is_cue(t.text)).is_some_and(|c| c < SOURCE_WORDS && ts.len() - c <= 4);
    if only_attribution {
        next
    } else {
        own
    }
}

fn sentence_end(sentences: &[Span], at: usize) -> usize {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).map_or(at, |s| s.end)
}

/// What an attribution says about its speaker.
pub(crate) struct Found {
    pub cue: Span,
    /// The words naming the speaker.
    pub source: Option<Span>,
    pub who: Option<Who>,
}

#[derive(Clone, Copy)]
pub(crate) enum Who {
    Named(usize),
    Pronoun(Span),
    /// A description such as `the company's spokeswoman`, resolved through the role head.
    Described(Span),
}

/// `“…,” said X`, `“…,” X said`, `“…” ― X` and `“…,” according to X`.
fn attribution_after(body: &str, toks: &[Tok], window: Span, mentions: &[Mention]) -> Option<Found> {
    let all = toks_in(toks, window);
    let ts = &all[..all.len().min(WINDOW)];
    let first = ts.first()?;
    let lead = &body[window.start..first.span.start];
    if is_cue(first.text) && !lead.contains(['.', '?', '!']) {
        let len = phrase_len(body, &all[1..]);
        let len = len + appositive_len(body, &all[1..], len.saturating_sub(1), true);
        return Some(object_source(first.span, &all[1..1 + len], mentions));
    }
    if lead.trim().chars().all(|c| matches!(c, '―' | '—' | '–' | '-')) && !lead.trim().is_empty() {
        // A signature after a dash: `“…” ― Pamela Padilla`.
        let len = phrase_len(body, ts);
        let found = object_source(Span::new(window.start, window.start), &ts[..len], mentions);
        return found
            .who
            .is_some()
            .then(|| Found { cue: Span::new(first.span.start, first.span.start), ..found });
    }
    if let Some(found) = according_to(body, ts, mentions) {
        return Some(found);
    }
    let cue = ts.iter().position(|t| is_cue(t.text))?;
    subject_of(body, ts, cue, mentions)
}

/// `X said: “…”`, `X told reporters, “…”` and `according to X, “…”`.
fn attribution_before(body: &str, toks: &[Tok], window: Span, mentions: &[Mention]) -> Option<Found> {
    let ts = toks_in(toks, window);
    let ts = &ts[ts.len().saturating_sub(WINDOW)..];
    if let Some(found) = according_to(body, ts, mentions) {
        return Some(found);
    }
    let cue = ts.iter().rposition(|t| is_cue(t.text))?;
    subject_of(body, ts, cue, mentions)
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
    "at", "in", "on", "during", "after", "before", "with", "for", "from", "to", "of", "by", "while", "when",
];

/// Words that open an appositive after a name (`Kevin Barrett, a lawyer at …`).
const APPOSITIVE: &[&str] = &["a", "an", "the", "who", "whose", "one", "another"];

/// How many tokens of `ts` after the phrase ending at `ts[last]` describe the
/// person (`, a professor at Princeton,`): up to the end of the clause.
/// After a cue (`said X, House editor for …`) any words but a new clause describe X.
fn appositive_len(body: &str, ts: &[Tok], last: usize, after_cue: bool) -> usize {
    let Some(next) = ts.get(last + 1) else { return 0 };
    let described = among(APPOSITIVE, next.text)
        || (after_cue && next.cap)
        || among(ROLE_HEADS, next.text)
        || next.text.chars().all(|c| c.is_ascii_digit())
        || (!next.cap
            && !next.text.ends_with("ing")
            && !is_cue(next.text)
            && !among(LEADING, next.text)
            && !among(PREPOSITIONS, next.text));
    let opens = body[ts[last].span.end..next.span.start] == *", " && described;
    if !opens {
        return 0;
    }
    let mut n = 1;
    while last + 1 + n < ts.len() {
        let gap = &body[ts[last + n].span.end..ts[last + n + 1].span.start];
        if gap.contains(['"', '“', '”', '(', ';', ':']) || gap.contains(". ") || is_cue(ts[last + n + 1].text)
        {
            break;
        }
        n += 1;
    }
    n
}

/// Number of leading tokens of `ts` that form one phrase: no punctuation between them.
fn phrase_len(body: &str, ts: &[Tok]) -> usize {
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
/// boundary, with auxiliaries (`has said`) counted into the cue.
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
    if start == verb {
        if let Some(named) = appositive_before(body, ts, verb) {
            let source = Span::new(ts[named].span.start, ts[verb - 1].span.end);
            let who = named_in(mentions, source, true).map(Who::Named);
            return Some(Found { cue: cue_span, source: Some(source), who });
        }
        return Some(Found { cue: cue_span, source: None, who: None });
    }
    let phrase = &ts[start..verb];
    let last = &phrase[phrase.len() - 1];
    let source = Span::new(phrase[0].span.start, last.span.end);
    let who = if phrase.len() == 1 && among(PRONOUNS, last.text) {
        Some(Who::Pronoun(last.span))
    } else {
        named_in(mentions, source, false).map(Who::Named).or(Some(Who::Described(source)))
    };
    Some(Found { cue: cue_span, source: Some(source), who })
}

/// The start of a subject whose name is followed by an appositive ending
/// right before the cue at `verb` (`Kevin Barrett, a lawyer at Bailey, said`).
fn appositive_before(body: &str, ts: &[Tok], verb: usize) -> Option<usize> {
    let first = verb.saturating_sub(30);
    (first..verb.saturating_sub(1))
        .rev()
        .take_while(|&k| !body[ts[k].span.end..ts[k + 1].span.start].contains(['"', '“', '”', ';', ':']))
        .filter(|&k| ts[k].cap && appositive_len(body, ts, k, false) == verb - k - 1)
        .map(|k| {
            let mut s = k;
            while s > first && spaced(body, &ts[s - 1], &ts[s]) && ts[s - 1].cap {
                s -= 1;
            }
            s
        })
        .next()
}

/// Words that open a clause without being part of its subject.
const LEADING: &[&str] =
    &["and", "but", "so", "yet", "still", "however", "meanwhile", "also", "then", "as", "to", "which"];

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
fn object_source(cue: Span, phrase: &[Tok], mentions: &[Mention]) -> Found {
    let Some(last) = phrase.last() else { return Found { cue, source: None, who: None } };
    let source = extend_to_mentions(mentions, Span::new(phrase[0].span.start, last.span.end));
    let who = if among(PRONOUNS, phrase[0].text) {
        Some(Who::Pronoun(phrase[0].span))
    } else {
        named_in(mentions, source, true).map(Who::Named).or(Some(Who::Described(source)))
    };
    Found { cue, source: Some(source), who }
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
    Some(object_source(cue, &rest[..phrase_len(body, rest)], mentions))
}

/// Index of the person (else organisation) named inside `area`: the first one
/// when the name follows the cue, the last one when it precedes it.
fn named_in(mentions: &[Mention], area: Span, first: bool) -> Option<usize> {
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
pub(crate) fn resolve(body: &str, who: Who, mentions: &[Mention]) -> Option<(String, Span)> {
    let named = match who {
        Who::Named(i) => &mentions[i],
        Who::Pronoun(p) => {
            mentions.iter().rev().find(|m| m.kind == EntityKind::Person && m.span.end <= p.start)?
        }
        Who::Described(d) => described(body, d, mentions)?,
    };
    let last = last_word(&named.text);
    let fullest = mentions
        .iter()
        .filter(|m| m.kind == named.kind && last_word(&m.text) == last)
        .max_by_key(|m| (m.text.split(' ').count(), std::cmp::Reverse(m.span.start)))
        .map_or(&named.text, |m| &m.text);
    Some((fullest.clone(), named.span))
}

/// The person a description stands for: the one last given a role with the
/// description's head word (`the company's spokeswoman` → `spokeswoman Ana Berg`).
fn described<'m>(body: &str, d: Span, mentions: &'m [Mention]) -> Option<&'m Mention> {
    let head = body[d.start..d.end].rsplit(' ').next()?;
    if !among(crate::words::ROLE_HEADS, head) {
        return None;
    }
    let has_head = |m: &&Mention| {
        m.kind == EntityKind::Person
            && m.role.as_deref().is_some_and(|r| r.split([' ', '-']).any(|w| w.eq_ignore_ascii_case(head)))
    };
    mentions
        .iter()
        .rev()
        .find(|m| m.span.end <= d.start && has_head(m))
        .or_else(|| mentions.iter().find(has_head))
}
