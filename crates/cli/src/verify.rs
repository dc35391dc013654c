//! `corroborate verify`: checks a brief JSON against the store.
//!
//! Every citation of the brief (its sentences, claims, quotes and conflict
//! values) must name a stored article and a byte span of that article's clean
//! body that starts and ends between words, and the spans must support what
//! they are cited for:
//! - a brief sentence or claim is taken word for word from one of its
//!   citations, and every other citation says nearly the same (at least half
//!   its words, folded case and accents, in common);
//! - a quote's text is found word for word in one of its citations, and every
//!   citation quotes nearly the same words (as near as quotes must be to be
//!   merged, [`corroborate_fuse::SAME_QUOTE`]), and its speaker, if given, is
//!   named in an article cited for it;
//! - a conflict value starts one of its citations word for word (a title is
//!   cited with the name it stands before: `Deputy Mayor Ivo Radić`), and
//!   each span cited for it has the same words, one perhaps with more of
//!   them (`€40 million` in `some €40 million`, `Klitschko` for `Wladimir
//!   Klitschko`).
//!
//! So a brief whose words, figures or spans were changed after it was made
//! does not verify.

use corroborate_model::{Brief, Citation};
use corroborate_store::Store;
use corroborate_text::{fold, tokens};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The brief JSON (`show --format json`), or - for standard input.
    file: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// A citation that does not hold.
#[derive(Debug, Serialize, PartialEq)]
pub struct Problem {
    /// Where in the brief: `brief[2]`, `claims[0]`, `quotes[1]`, `conflicts[0].values[1]`.
    pub place: String,
    pub citation: Citation,
    pub reason: String,
}

#[derive(Serialize)]
struct Report {
    checked: usize,
    problems: Vec<Problem>,
}

/// How the cited spans must relate to the text they support.
#[derive(Clone, Copy, PartialEq)]
enum Support {
    /// A sentence taken from one of the spans.
    Sentence,
    /// A quote found in one of the spans.
    Quote,
    /// A value written in each span, in as many or fewer words.
    Value,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let mut text = String::new();
    if args.file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text)?;
    } else {
        text = std::fs::read_to_string(&args.file)
            .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    }
    let brief: Brief = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: not a brief: {e}", args.file.display()))?;
    let engine = crate::commands::open_existing(db)?;
    let (checked, problems) = check(&brief, engine.store())?;
    let code = if problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&Report { checked, problems })?);
    } else {
        for p in &problems {
            println!(
                "{}: article {} bytes {}..{}: {}",
                p.place, p.citation.article, p.citation.start, p.citation.end, p.reason
            );
        }
        println!(
            "checked {checked} citations: {} problem{}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        );
    }
    Ok(code)
}

/// Checks every citation of `brief`; returns how many were checked and the ones that fail.
pub fn check(brief: &Brief, store: &impl Store) -> anyhow::Result<(usize, Vec<Problem>)> {
    let mut items: Vec<(String, &str, &[Citation], Support)> = Vec::new();
    for (i, s) in brief.brief.iter().enumerate() {
        items.push((format!("brief[{i}]"), &s.text, &s.citations, Support::Sentence));
    }
    for (i, c) in brief.claims.iter().enumerate() {
        items.push((format!("claims[{i}]"), &c.text, &c.sources, Support::Sentence));
    }
    for (i, q) in brief.quotes.iter().enumerate() {
        items.push((format!("quotes[{i}]"), &q.text, &q.citations, Support::Quote));
    }
    for (i, conflict) in brief.conflicts.iter().enumerate() {
        for (j, v) in conflict.values.iter().enumerate() {
            items.push((format!("conflicts[{i}].values[{j}]"), &v.value, &v.citations, Support::Value));
        }
    }
    let mut bodies: HashMap<&str, Option<String>> = HashMap::new();
    for citation in items.iter().flat_map(|item| item.2) {
        if !bodies.contains_key(citation.article.as_str()) {
            let body = store.article(&citation.article)?.map(|s| s.article.body);
            bodies.insert(citation.article.as_str(), body);
        }
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for (place, text, citations, support) in &items {
        let mut spans = Vec::new();
        for citation in citations.iter() {
            checked += 1;
            let found = match &bodies[citation.article.as_str()] {
                None => Err("no such article in the store".to_string()),
                Some(body) => {
                    span(body, citation).and_then(|span| supports(span, text, *support).map(|_| span))
                }
            };
            match found {
                Ok(span) => spans.push(span),
                Err(reason) => {
                    problems.push(Problem { place: place.clone(), citation: citation.clone(), reason })
                }
            }
        }
        let taken = |span: &&str| match support {
            Support::Sentence => *span == *text,
            Support::Quote => span.contains(*text),
            Support::Value => span.starts_with(*text),
        };
        let reason = match support {
            _ if citations.is_empty() => "nothing is cited for it",
            _ if spans.iter().any(taken) => continue,
            Support::Value => "no cited span starts with this value word for word",
            Support::Quote => "no cited span holds the quote word for word",
            Support::Sentence => "no cited span is this sentence word for word",
        };
        let citation = citations.first().cloned().unwrap_or_else(|| Citation {
            article: String::new(),
            start: 0,
            end: 0,
        });
        problems.push(Problem { place: place.clone(), citation, reason: reason.into() });
    }
    // A speaker is named in an article that carries the quote; each body's words are read once.
    let mut body_words: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for (i, q) in brief.quotes.iter().enumerate() {
        let (Some(speaker), Some(first)) = (&q.speaker, q.citations.first()) else { continue };
        let name = words(speaker);
        let named = q.citations.iter().any(|c| {
            let Some(body) = bodies[c.article.as_str()].as_deref() else { return false };
            body_words.entry(c.article.as_str()).or_insert_with(|| words(body)).is_superset(&name)
        });
        if !named {
            let reason = format!("no article cited for the quote names {speaker:?}");
            problems.push(Problem { place: format!("quotes[{i}]"), citation: first.clone(), reason });
        }
    }
    Ok((checked, problems))
}

/// The cited text: inside the body, on character boundaries, starting and
/// ending between words.
fn span<'a>(body: &'a str, c: &Citation) -> Result<&'a str, String> {
    let Some(span) = body.get(c.start..c.end) else {
        return Err(format!(
            "span outside the article ({} bytes) or not on character boundaries",
            body.len()
        ));
    };
    let word = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
    let (before, after) = (body[..c.start].chars().next_back(), body[c.end..].chars().next());
    if (word(before) && word(span.chars().next())) || (word(span.chars().next_back()) && word(after)) {
        return Err(format!("the span starts or ends inside a word: {span:?}"));
    }
    Ok(span)
}

/// Whether one cited span supports the text.
fn supports(span: &str, text: &str, support: Support) -> Result<(), String> {
    let (cited, said) = (words(span), words(text));
    let shared = cited.intersection(&said).count();
    let union = cited.union(&said).count();
    let jaccard = if union == 0 { 1.0 } else { shared as f64 / union as f64 };
    match support {
        Support::Sentence if jaccard < 0.5 => {
            Err(format!("the span does not say this (word overlap {jaccard:.2}): {span:?}"))
        }
        Support::Quote if jaccard < corroborate_fuse::SAME_QUOTE => {
            Err(format!("the span does not quote these words (word overlap {jaccard:.2}): {span:?}"))
        }
        Support::Value if shared < cited.len().min(said.len()) || shared == 0 => {
            Err(format!("the span does not state this value: {span:?}"))
        }
        _ => Ok(()),
    }
}

/// Folded words, possessives as their nouns (`Heffner's`: `heffner`).
fn words(text: &str) -> BTreeSet<String> {
    tokens(text)
        .map(|t| {
            let word = fold(t.text);
            match word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
                Some(noun) if !noun.is_empty() => noun.to_string(),
                _ => word,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(start: usize, end: usize) -> Citation {
        Citation { article: "a".into(), start, end }
    }

    #[test]
    fn spans_must_exist_and_lie_between_words() {
        let body = "The council met on Monday. “We will rebuild,” said Ortiz.";
        assert_eq!(span(body, &c(0, 26)), Ok("The council met on Monday."));
        assert!(span(body, &c(0, 999)).unwrap_err().contains("outside"));
        // Byte 29 is inside the curly quote mark.
        assert!(span(body, &c(28, 29)).is_err());
        assert!(span(body, &c(2, 26)).unwrap_err().contains("inside a word"));
        assert!(span(body, &c(0, 24)).unwrap_err().contains("inside a word"));
        let quote = body.find("We").unwrap();
        assert_eq!(span(body, &c(quote, quote + 15)), Ok("We will rebuild"));
    }

    #[test]
    fn each_span_must_say_nearly_the_same() {
        let sentence = "The Indian navy has captured 23 Somalian pirates.";
        assert!(supports(sentence, sentence, Support::Sentence).is_ok());
        let rewrite = "The Indian navy captured 23 pirates from Somalia.";
        assert!(supports(rewrite, sentence, Support::Sentence).is_ok());
        assert!(supports("Ships left the harbour at dawn.", sentence, Support::Sentence).is_err());
        assert!(supports("We will rebuild", "We will rebuild", Support::Quote).is_ok());
        assert!(supports("We will rebuild", "We will not rebuild", Support::Quote).is_err());
        assert!(supports("some €40 million", "€40 million", Support::Value).is_ok());
        assert!(supports("Klitschko", "Wladimir Klitschko", Support::Value).is_ok());
        assert!(supports("€25 million", "€40 million", Support::Value).is_err());
        assert!(supports("Kiltschko", "Wladimir Klitschko", Support::Value).is_err());
        assert_eq!(words("Hugh Heffner’s magazine"), words("hugh heffner magazine"));
    }
}
