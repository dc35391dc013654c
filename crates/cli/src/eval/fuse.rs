//! `corroborate eval fuse`: conflicts, corroborations and quotes against a gold file.
//!
//! Each gold story's articles are prepared as the engine prepares them
//! (repair, credit lines, extraction), grouped into wire copies, and fused
//! into a brief directly, so the scores measure fusion alone: the stories
//! come from the gold file, not from clustering. Three kinds of findings
//! are matched one to one with the gold ones (see [`score`]): the conflicts
//! between sources, the claims marked corroborated with their number of
//! independent sources, and the speakers of quotes. Precision, recall and
//! F1 are printed for each, with every false positive and miss by name.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

mod corpus;
mod gold;
mod score;

use score::Tally;

#[derive(clap::Args)]
pub struct Args {
    /// Gold JSON file: per story, the expected conflicts, corroborated claims and quote speakers.
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// Articles (JSONL with `id` and `story`); defaults to the file the gold file names, relative to it.
    #[arg(long, value_name = "FILE.jsonl")]
    articles: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Report {
    gold: String,
    articles: String,
    stories: usize,
    conflicts: Scores,
    corroborated: Scores,
    quotes: Scores,
}

#[derive(Serialize)]
struct Scores {
    precision: f64,
    recall: f64,
    f1: f64,
    #[serde(flatten)]
    tally: Tally,
}

impl From<Tally> for Scores {
    fn from(tally: Tally) -> Self {
        Scores { precision: tally.precision(), recall: tally.recall(), f1: tally.f1(), tally }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold = gold::load(&args.gold)?;
    let articles = match args.articles {
        Some(path) => path,
        None => args.gold.parent().unwrap_or_else(|| ".".as_ref()).join(&gold.articles),
    };
    let stories = corpus::load(&articles)?;
    let (mut conflicts, mut corroborated, mut quotes) =
        (Tally::default(), Tally::default(), Tally::default());
    for (n, story) in gold.stories.iter().enumerate() {
        let Some(members) = stories.get(&story.story).filter(|m| !m.is_empty()) else {
            anyhow::bail!("story `{}` has no article in {}", story.story, articles.display());
        };
        let title = members[0].0.title.clone();
        let brief = corroborate_fuse::brief(n as i64 + 1, &title, members);
        score::conflicts(&mut conflicts, &story.story, &story.conflicts, &brief);
        score::corroborated(&mut corroborated, &story.story, &story.corroborated, &brief, members);
        score::quotes(&mut quotes, &story.story, &story.quotes, &brief);
    }
    let report = Report {
        gold: args.gold.display().to_string(),
        articles: articles.display().to_string(),
        stories: gold.stories.len(),
        conflicts: conflicts.into(),
        corroborated: corroborated.into(),
        quotes: quotes.into(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_report(r: &Report) {
    println!("{}: {} stories, articles from {}", r.gold, r.stories, r.articles);
    println!("{:<13} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}", "kind", "gold", "pred", "match", "P", "R", "F1");
    let kinds = [("conflicts", &r.conflicts), ("corroborated", &r.corroborated), ("quotes", &r.quotes)];
    for (name, s) in kinds {
        println!(
            "{:<13} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
            name, s.tally.gold, s.tally.predicted, s.tally.matched, s.precision, s.recall, s.f1
        );
    }
    for (name, s) in kinds {
        for (label, items) in [("false positives", &s.tally.false_positives), ("misses", &s.tally.misses)] {
            if !items.is_empty() {
                println!("\n{name}, {label}:");
                for item in items {
                    println!("  {item}");
                }
            }
        }
    }
}
