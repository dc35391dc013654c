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

use corroborate_model::{Article, Extraction, Span};
use corroborate_text::{sentences, tokens, TokenKind};

mod mentions;
mod quotes;
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

/// Names (with roles) and quotes (with speakers) in `article`.
pub fn extract(article: &Article) -> Extraction {
    let body = article.body.as_str();
    let computed;
    let spans = if article.sentences.is_empty() {
        computed = sentences(body);
        &computed
    } else {
        &article.sentences
    };
    let toks = tokenize(body, spans);
    let mentions = mentions::mentions(body, &toks);
    let quotes = quotes::quotes(body, &toks, spans, &mentions);
    Extraction { mentions, quotes }
}

/// Openings of the lines that name the journalists, not the people in the story.
const CREDITS: &[&str] =
    &["Reporting by", "Additional reporting", "Writing by", "Editing by", "Credited from"];

/// Tokens of `body`, leaving out credit lines.
fn tokenize<'a>(body: &'a str, spans: &[Span]) -> Vec<Tok<'a>> {
    let mut out: Vec<Tok> = Vec::with_capacity(body.len() / 5);
    let mut next_sentence = 0;
    let mut in_credit = false;
    for t in tokens(body) {
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
