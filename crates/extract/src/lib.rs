//! Baseline extraction of names and quotes from one article.
//!
//! Extraction runs on every article as it is ingested, so it is a single
//! deterministic pass over the article's tokens guided by small word lists,
//! not a statistical model: what it finds must be explainable from the text.
//! Fusion compares these findings across outlets (who holds which title, how a
//! name is spelled, who said what), so the emphasis is on the parts of news
//! copy where outlets differ: titles before names and attributions of quotes.
//!
//! ```
//! use corroborate_model::{Article, EntityKind};
//!
//! let body = "Deputy Foreign Minister Marta Kovač arrived in Zagreb. \
//!             “We will not back down,” Kovač said.";
//! let article = Article {
//!     id: "a1".into(), story: None, wire_group: None, title: String::new(),
//!     outlet: None, url: None, published: None, authors: vec![], language: None,
//!     credited_to: None, cites: vec![], body: body.into(),
//!     sentences: corroborate_text::sentences(body), repairs: vec![], flags: vec![],
//!     origin: String::new(),
//! };
//! let found = corroborate_extract::extract(&article);
//! assert_eq!(found.mentions[0].text, "Marta Kovač");
//! assert_eq!(found.mentions[0].role.as_deref(), Some("Deputy Foreign Minister"));
//! assert_eq!(found.mentions[1].kind, EntityKind::Place);
//! assert_eq!(found.quotes[0].speaker.as_deref(), Some("Marta Kovač"));
//! ```

use corroborate_model::{Article, Extraction, QuoteMention, Span};
use corroborate_text::{sentences, tokens, Token, TokenKind};

mod indirect;
mod mentions;
mod quotes;
mod source;
mod speakers;
mod words;

#[cfg(test)]
mod tests;

/// A token with what the name finder needs to know about its position.
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub span: Span,
    pub word: bool,
    pub cap: bool,
    /// First word of a sentence or of a quotation: capitalised whatever it is.
    pub initial: bool,
}

/// Reported speech: what was said, by whom, and the words that say so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// What was said, in text order: one span, or the pieces of a quote
    /// interrupted by its attribution (`“…,” she said. “…”`).
    pub content: Vec<Span>,
    /// Whether the content is quoted between quote marks.
    pub direct: bool,
    /// The attributing words: `said`, `has told`, `according to`.
    pub cue: Option<Span>,
    /// The words naming the speaker where the speech is attributed: a name,
    /// a pronoun, or a description (`the company's spokeswoman`).
    pub source: Option<Span>,
    /// The person (or organisation) the source stands for, by the fullest name the article uses.
    pub speaker: Option<String>,
    /// The mention the speaker was resolved to.
    pub speaker_span: Option<Span>,
}

/// Names (with roles) and quotes (with speakers) in `article`.
pub fn extract(article: &Article) -> Extraction {
    let tokens: Vec<Token> = tokens(&article.body).collect();
    extract_with_tokens(article, &tokens)
}

/// [`extract`] from all the tokens of the article's body
/// (`corroborate_text::tokens`), for callers that have them already.
pub fn extract_with_tokens<'a>(article: &'a Article, tokens: &[Token<'a>]) -> Extraction {
    let body = article.body.as_str();
    let (spans, toks) = prepare(article, tokens.iter().copied());
    let mentions = mentions::mentions(body, &toks);
    let quotes = quotes::quotes(body, &toks, &spans, &mentions)
        .into_iter()
        .map(|q| q.attribution)
        .flat_map(|a| {
            let cue = a.cue.map(|c| body[c.start..c.end].to_lowercase());
            a.content
                .iter()
                .map(move |&span| QuoteMention {
                    text: body[span.start..span.end].to_string(),
                    span,
                    speaker: a.speaker.clone(),
                    speaker_span: a.speaker_span,
                    cue: cue.clone(),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    Extraction { mentions, quotes }
}

/// Every attribution in `article`, direct and indirect, in text order. A
/// quote inside a sentence (`called it a “bad idea”`) is part of the
/// sentence's indirect attribution rather than one of its own.
pub fn attributions(article: &Article) -> Vec<Attribution> {
    let body = article.body.as_str();
    let (spans, toks) = prepare(article, tokens(body));
    let mentions = mentions::mentions(body, &toks);
    let quoted = quotes::quotes(body, &toks, &spans, &mentions);
    let mut out: Vec<Attribution> = Vec::new();
    for q in quoted.iter().filter(|q| !q.partial) {
        let a = &q.attribution;
        // A continuation in the same paragraph is a piece of the attribution before it.
        match out.last_mut() {
            Some(prev) if a.cue.is_some() && prev.cue == a.cue && prev.source == a.source => {
                prev.content.extend(&a.content)
            }
            _ => out.push(a.clone()),
        }
    }
    let indirect = indirect::attributions(body, &toks, &spans, &mentions, &out);
    out.extend(indirect);
    out.sort_by_key(|a| a.content[0].start);
    out
}

/// Sentence spans (the article's, else computed) and tokens, from all the
/// tokens of the body.
fn prepare<'a>(article: &'a Article, tokens: impl Iterator<Item = Token<'a>>) -> (Vec<Span>, Vec<Tok<'a>>) {
    let body = article.body.as_str();
    let spans = if article.sentences.is_empty() { sentences(body) } else { article.sentences.clone() };
    let toks = tokenize(body, tokens, &spans);
    (spans, toks)
}

/// Openings of the lines that name the journalists, not the people in the story.
const CREDITS: &[&str] =
    &["Reporting by", "Additional reporting", "Writing by", "Editing by", "Credited from"];

/// The body's `tokens`, leaving out credit lines.
fn tokenize<'a>(body: &'a str, tokens: impl Iterator<Item = Token<'a>>, spans: &[Span]) -> Vec<Tok<'a>> {
    let mut out: Vec<Tok> = Vec::with_capacity(body.len() / 5);
    let mut next_sentence = 0;
    let mut in_credit = false;
    for t in tokens {
        let mut initial = false;
        while next_sentence < spans.len() && spans[next_sentence].start <= t.span.start {
            let s = spans[next_sentence];
            in_credit = CREDITS.iter().any(|c| body[s.start..s.end].starts_with(c));
            next_sentence += 1;
            initial = true;
        }
        if in_credit {
            continue;
        }
        let before = body[..t.span.start].chars().next_back();
        initial |= matches!(before, Some('“' | '"' | '«' | '‘' | '('));
        // After a dateline's dash (`ZAGREB, May 3 - Workers`) a new sentence starts.
        let spaced = body[..t.span.start].trim_end();
        initial |= spaced.len() < t.span.start && spaced.ends_with(['-', '—', '–']);
        out.push(Tok {
            text: t.text,
            span: t.span,
            word: t.kind == TokenKind::Word,
            cap: t.is_capitalised(),
            initial,
        });
    }
    out
}
