//! `corroborate eval quotes`: quote attribution against PolNeAR annotations.
//!
//! PolNeAR marks every attribution in political news with brat standoff
//! annotations: the Content that was said, the Cue that attributes it and
//! the Source it is attributed to. Each text is given to extraction exactly
//! as it is (no repair, so gold offsets stay valid) and the attributions
//! extraction finds are matched one to one with the gold ones.
//!
//! Spans are compared after trimming whitespace, quote marks and edge
//! punctuation, since where a span starts relative to `“` or ends relative
//! to `.` is a convention, not a finding. A match is exact when the trimmed
//! spans are equal and loose when they overlap by at least half of the
//! longer one. An attribution is direct when its content is all inside
//! quote marks. The speaker is right when the predicted source words match
//! the gold Source at the same level.

use anyhow::Context;
use corroborate_extract::Attribution;
use corroborate_model::{Article, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod brat;
mod score;

use brat::Gold;
use score::{Counts, Level};

#[derive(clap::Args)]
pub struct Args {
    /// The PolNeAR folder: `metadata.tsv` and one folder per split with `text/` and `attributions/`.
    #[arg(long, value_name = "DIR")]
    dir: PathBuf,
    /// The split to evaluate.
    #[arg(long, default_value = "dev")]
    split: String,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Also list, on standard error, the direct attributions missed, invented or given the wrong source.
    #[arg(long)]
    misses: bool,
}

#[derive(Serialize)]
struct Report {
    dir: String,
    split: String,
    articles: usize,
    /// Scores by attribution type (`direct`, `indirect`, `all`) and level (`exact`, `overlap`).
    scores: BTreeMap<String, BTreeMap<String, Scores>>,
}

#[derive(Serialize)]
struct Scores {
    gold: usize,
    predicted: usize,
    content: Prf,
    cue: Prf,
    /// Share of matched attributions with a gold source whose source was found.
    speaker_accuracy: f64,
    speakers_judged: usize,
}

#[derive(Serialize)]
struct Prf {
    precision: f64,
    recall: f64,
    f1: f64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = brat::split_files(&args.dir, &args.split)?;
    anyhow::ensure!(
        !files.is_empty(),
        "no annotated article of split `{}` in {}",
        args.split,
        args.dir.display()
    );
    let mut counts: BTreeMap<(&str, Level), Counts> = BTreeMap::new();
    for (text_path, ann_path) in &files {
        let text = std::fs::read_to_string(text_path)
            .with_context(|| format!("cannot read {}", text_path.display()))?;
        let ann = std::fs::read_to_string(ann_path)
            .with_context(|| format!("cannot read {}", ann_path.display()))?;
        let gold = brat::attributions(&text, &ann)
            .with_context(|| format!("cannot parse {}", ann_path.display()))?;
        let predicted = corroborate_extract::attributions(&article(text_path, &text));
        if args.misses {
            score::print_misses(text_path, &text, &gold, &predicted);
        }
        for level in [Level::Exact, Level::Overlap] {
            let per_kind = score::article(&text, &gold, &predicted, level);
            for (kind, c) in per_kind {
                counts.entry((kind, level)).or_default().add(&c);
            }
        }
    }
    let mut scores: BTreeMap<String, BTreeMap<String, Scores>> = BTreeMap::new();
    for ((kind, level), c) in &counts {
        scores.entry(kind.to_string()).or_default().insert(level.name().to_string(), summarise(c));
    }
    let report = Report {
        dir: args.dir.display().to_string(),
        split: args.split.clone(),
        articles: files.len(),
        scores,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    Ok(ExitCode::SUCCESS)
}

/// The article extraction sees: the text as it is, split into sentences.
fn article(path: &Path, text: &str) -> Article {
    Article {
        id: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        story: None,
        wire_group: None,
        title: String::new(),
        outlet: None,
        url: None,
        published: None,
        authors: vec![],
        language: Some("en".into()),
        credited_to: None,
        cites: vec![],
        body: text.to_string(),
        sentences: corroborate_text::sentences(text),
        repairs: vec![],
        flags: vec![],
        origin: path.display().to_string(),
    }
}

fn prf(correct_p: usize, predicted: usize, correct_r: usize, gold: usize) -> Prf {
    let precision = ratio(correct_p, predicted);
    let recall = ratio(correct_r, gold);
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Prf { precision, recall, f1 }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

fn summarise(c: &Counts) -> Scores {
    Scores {
        gold: c.gold,
        predicted: c.predicted,
        content: prf(c.predicted_matched, c.predicted, c.gold_matched, c.gold),
        cue: prf(c.cue_predicted_matched, c.cue_predicted, c.cue_gold_matched, c.cue_gold),
        speaker_accuracy: ratio(c.speakers_right, c.speakers_judged),
        speakers_judged: c.speakers_judged,
    }
}

fn print_report(r: &Report) {
    println!("{} split `{}`: {} articles", r.dir, r.split, r.articles);
    println!(
        "{:<9} {:<8} {:>5} {:>5}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>7}",
        "type", "match", "gold", "pred", "P", "R", "F1", "cue P", "cue R", "cue F1", "speaker"
    );
    for (kind, levels) in &r.scores {
        for (level, s) in levels {
            println!(
                "{:<9} {:<8} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3} {:>6.3}  {:>7.3}",
                kind,
                level,
                s.gold,
                s.predicted,
                s.content.precision,
                s.content.recall,
                s.content.f1,
                s.cue.precision,
                s.cue.recall,
                s.cue.f1,
                s.speaker_accuracy
            );
        }
    }
}

/// A gold or predicted attribution reduced to what is scored.
pub(crate) struct Item {
    pub content: Vec<Span>,
    pub cue: Option<Span>,
    pub source: Option<Span>,
    pub direct: bool,
}

impl From<&Attribution> for Item {
    fn from(a: &Attribution) -> Self {
        Item { content: a.content.clone(), cue: a.cue, source: a.source, direct: a.direct }
    }
}

impl From<&Gold> for Item {
    fn from(g: &Gold) -> Self {
        Item { content: g.content.clone(), cue: g.cue, source: g.source, direct: g.direct }
    }
}
