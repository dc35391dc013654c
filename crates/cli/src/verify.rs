//! `corroborate verify`: checks a brief JSON against the store.
//!
//! Every citation of the brief (its sentences, claims, quotes and conflict
//! values) must name a stored article and a byte span on character boundaries
//! of that article's clean body, and the span must support what it is cited
//! for: a brief sentence or claim shares at least half its words with the span
//! (word-set Jaccard ≥ 0.5, folded case and accents), a quote's words all occur
//! in the span, a conflict value's words all occur in the span.

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

/// How a cited span must relate to the text it supports.
#[derive(Clone, Copy)]
enum Support {
    /// Near-identical sentence.
    Sentence,
    /// Every word of the text occurs in the span.
    Contains,
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
    let engine = crate::commands::open(db)?;
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
    let mut items: Vec<(String, &str, &Citation, Support)> = Vec::new();
    for (i, s) in brief.brief.iter().enumerate() {
        items.extend(
            s.citations.iter().map(|c| (format!("brief[{i}]"), s.text.as_str(), c, Support::Sentence)),
        );
    }
    for (i, c) in brief.claims.iter().enumerate() {
        items.extend(
            c.sources.iter().map(|s| (format!("claims[{i}]"), c.text.as_str(), s, Support::Sentence)),
        );
    }
    for (i, q) in brief.quotes.iter().enumerate() {
        items.extend(
            q.citations.iter().map(|c| (format!("quotes[{i}]"), q.text.as_str(), c, Support::Contains)),
        );
    }
    for (i, conflict) in brief.conflicts.iter().enumerate() {
        for (j, v) in conflict.values.iter().enumerate() {
            items.extend(
                v.citations
                    .iter()
                    .map(|c| (format!("conflicts[{i}].values[{j}]"), v.value.as_str(), c, Support::Contains)),
            );
        }
    }
    let mut bodies: HashMap<&str, Option<String>> = HashMap::new();
    let mut problems = Vec::new();
    for (place, text, citation, support) in &items {
        if !bodies.contains_key(citation.article.as_str()) {
            let body = store.article(&citation.article)?.map(|s| s.article.body);
            bodies.insert(citation.article.as_str(), body);
        }
        let reason = match &bodies[citation.article.as_str()] {
            None => Some("no such article in the store".to_string()),
            Some(body) => problem(body, citation, text, *support),
        };
        if let Some(reason) = reason {
            problems.push(Problem { place: place.clone(), citation: (*citation).clone(), reason });
        }
    }
    Ok((items.len(), problems))
}

fn problem(body: &str, c: &Citation, text: &str, support: Support) -> Option<String> {
    let Some(span) = body.get(c.start..c.end) else {
        return Some(format!(
            "span outside the article ({} bytes) or not on character boundaries",
            body.len()
        ));
    };
    let (cited, said) = (words(span), words(text));
    match support {
        Support::Sentence => {
            let union = cited.union(&said).count();
            let jaccard =
                if union == 0 { 1.0 } else { cited.intersection(&said).count() as f64 / union as f64 };
            (jaccard < 0.5)
                .then(|| format!("the span does not say this (word overlap {jaccard:.2}): {span:?}"))
        }
        Support::Contains => {
            let missing: Vec<&String> = said.difference(&cited).collect();
            (!missing.is_empty()).then(|| format!("words missing from the span: {missing:?}"))
        }
    }
}

fn words(text: &str) -> BTreeSet<String> {
    tokens(text).map(|t| fold(t.text)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_must_exist_and_support_the_text() {
        let body = "The council met on Monday. “We will rebuild,” said Ortiz.";
        let c = |start, end| Citation { article: "a".into(), start, end };
        assert_eq!(problem(body, &c(0, 26), "The council met on Monday.", Support::Sentence), None);
        assert!(problem(body, &c(0, 26), "Ships left the harbour at dawn.", Support::Sentence).is_some());
        assert!(problem(body, &c(0, 999), "x", Support::Sentence).unwrap().contains("outside"));
        // Byte 29 is inside the curly quote mark.
        assert!(problem(body, &c(28, 29), "x", Support::Sentence).is_some());
        let quote = body.find("We").unwrap();
        assert_eq!(problem(body, &c(quote, quote + 15), "We will rebuild", Support::Contains), None);
        assert!(problem(body, &c(quote, quote + 15), "We will not rebuild", Support::Contains).is_some());
    }
}
