//! `corroborate eval cluster`: event clustering against gold clusters.
//!
//! Each line of a JSONL file is one article with the gold cluster it belongs
//! to. The articles go through the real engine into a fresh store, exactly as
//! `ingest` would take them, so the figures measure what users get: wire-copy
//! detection and text repair included. Arrival order matters to an online
//! clusterer, so `--shuffle` replays the same file in another order to show
//! how much of a score is luck of the order.
//!
//! Identical records (same outlet, title and body) are one article in the
//! store; every line still gets the story of its article, so the gold file
//! and the scores always count the same items.

use anyhow::Context;
use corroborate_cluster::metrics::{self, Scores};
use corroborate_engine::{prepare_with, Engine, Options, Redraw};
use corroborate_model::{Article, ArticleId, Draft, StoryId};
use corroborate_store::{ArticleFilter, SqliteStore, Store};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Clusters listed in each "worst" section.
const WORST: usize = 5;
/// Titles shown for each listed cluster.
const TITLES: usize = 3;

#[derive(clap::Args)]
pub struct Args {
    /// JSONL file: one article per line, read as `ingest` reads JSONL (`text`,
    /// `title`, `published`, `id`…), with a gold cluster label.
    #[arg(long, value_name = "FILE.jsonl")]
    gold: PathBuf,
    /// Field holding the gold cluster label (a string or a number).
    #[arg(long, default_value = "cluster")]
    label: String,
    /// Ingest in a pseudo-random order drawn from this seed instead of file order.
    #[arg(long, value_name = "SEED")]
    shuffle: Option<u64>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Keep the store at this path (which must not exist yet) instead of a temporary one.
    #[arg(long, value_name = "DB")]
    keep: Option<PathBuf>,
    /// Similarity an article needs to join a story, above 0 and at most 1 (default: the engine's).
    #[arg(long, value_parser = parse_threshold)]
    threshold: Option<f32>,
    /// Run `recluster` after the online pass and score its partition instead.
    #[arg(long)]
    recluster: bool,
    /// With `--recluster`, run `recluster --merge-only`: stories are only merged.
    #[arg(long, requires = "recluster")]
    merge_only: bool,
    /// The link between two large groups that the batch pass merges at, above 0 and at most 1 (default: the engine's).
    #[arg(long, value_parser = parse_threshold)]
    link_cut: Option<f32>,
    /// Nearest neighbours each article keeps in the batch pass (default: the engine's).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    neighbours: Option<u16>,
}

/// One usable line of the gold file.
struct GoldLine {
    /// The record's `id`, or `line N`.
    name: String,
    label: String,
    draft: Draft,
}

#[derive(Serialize)]
struct Report {
    file: String,
    label: String,
    shuffle: Option<u64>,
    /// Similarity an article needed to join a story.
    threshold: f32,
    /// Whether the partition scored is that of `recluster`, after the online pass.
    recluster: bool,
    /// Whether that `recluster` only merged stories.
    merge_only: bool,
    /// The batch pass's link cut for many pairs and neighbours kept per article.
    link_cut: f32,
    neighbours: usize,
    /// Lines evaluated.
    articles: usize,
    /// Lines skipped for lack of text or label, or refused by the engine.
    skipped: usize,
    /// Lines identical to an earlier one, stored once.
    duplicates: usize,
    gold_clusters: usize,
    predicted_stories: usize,
    bcubed: Scores,
    pairwise: Scores,
    ari: f64,
    /// Scores of the partition `recluster` would make from the online one,
    /// when the online partition is the one scored.
    batch: Option<BatchScores>,
    /// The same for `recluster --merge-only`.
    batch_merge_only: Option<BatchScores>,
    /// Time of the ingest, and of the `recluster` after it when asked.
    seconds: f64,
    ms_per_article: f64,
    worst_merged: Vec<MergedStory>,
    worst_split: Vec<SplitCluster>,
}

#[derive(Serialize)]
struct BatchScores {
    predicted_stories: usize,
    bcubed: Scores,
    pairwise: Scores,
    ari: f64,
}

#[derive(Serialize)]
struct MergedStory {
    story: StoryId,
    size: usize,
    /// Articles not of the story's most frequent gold label.
    foreign: usize,
    gold: Vec<(String, usize)>,
    titles: Vec<String>,
}

#[derive(Serialize)]
struct SplitCluster {
    label: String,
    size: usize,
    /// Articles outside the story that holds most of the cluster.
    scattered: usize,
    stories: Vec<(StoryId, usize)>,
    titles: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (mut lines, mut skipped) = read_gold(&args.gold, &args.label)?;
    anyhow::ensure!(
        !lines.is_empty(),
        "{}: no line has both text and a `{}` label",
        args.gold.display(),
        args.label
    );
    let dir = tempfile::tempdir()?;
    let db = match &args.keep {
        Some(path) => {
            anyhow::ensure!(!path.exists(), "{} already exists; give a new path to --keep", path.display());
            path.clone()
        }
        None => dir.path().join("eval.db"),
    };
    let mut options = crate::commands::options();
    if let Some(t) = args.threshold {
        options.cluster.threshold = t;
    }
    if let Some(cut) = args.link_cut {
        options.cluster.link_cut = cut;
    }
    if let Some(k) = args.neighbours {
        options.cluster.link_neighbours = k.into();
    }
    let threshold = options.cluster.threshold;
    let (link_cut, neighbours) = (options.cluster.link_cut, options.cluster.link_neighbours);
    let mut engine = Engine::open(SqliteStore::open(&db)?, options.clone())?;
    let mut order: Vec<usize> = (0..lines.len()).collect();
    if let Some(seed) = args.shuffle {
        shuffle(&mut order, seed);
    }
    let drafts = order.iter().map(|&i| lines[i].draft.clone()).collect();
    let started = Instant::now();
    let ingest = engine.ingest_drafts(drafts)?;
    if args.recluster {
        let redraw = if args.merge_only { Redraw::MergeOnly } else { Redraw::All };
        engine.recluster(redraw, true)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    // A line the engine refused (a body over the size limit) was stored
    // nowhere: it is skipped, as a line without text is.
    let origins: BTreeSet<&str> = lines.iter().map(|l| l.draft.origin.as_str()).collect();
    let (refused, other_errors): (Vec<_>, Vec<_>) =
        ingest.errors.iter().partition(|e| origins.contains(e.origin.as_str()));
    for e in &other_errors {
        eprintln!("error: {e}");
    }
    let refused: BTreeSet<String> = refused
        .into_iter()
        .map(|e| {
            eprintln!("warning: {}: {}; skipped", e.origin, e.reason);
            e.origin.clone()
        })
        .collect();
    skipped += refused.len();
    lines.retain(|line| !refused.contains(&line.draft.origin));
    anyhow::ensure!(!lines.is_empty(), "{}: the engine refused every line", args.gold.display());

    let stored = engine.store().articles(&ArticleFilter::default())?;
    let (articles, duplicates) = place(&lines, &stored, &options)?;
    let gold: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
    let predicted: Vec<StoryId> = articles.iter().map(|(_, story)| *story).collect();
    // The batch passes' partitions, scored beside the online one's: one
    // reading of the store and one neighbour graph for both.
    let (batch, batch_merge_only) = if args.recluster {
        (None, None)
    } else {
        let scores = |partition: Vec<(ArticleId, StoryId)>| {
            let partition: HashMap<_, _> = partition.into_iter().collect();
            let predicted: Vec<StoryId> = articles.iter().map(|(a, _)| partition[&a.id]).collect();
            BatchScores {
                predicted_stories: predicted.iter().collect::<BTreeSet<_>>().len(),
                bcubed: metrics::bcubed(&gold, &predicted),
                pairwise: metrics::pairwise(&gold, &predicted),
                ari: metrics::adjusted_rand_index(&gold, &predicted),
            }
        };
        let mut partitions = engine.recluster_partitions(&[Redraw::All, Redraw::MergeOnly])?.into_iter();
        (partitions.next().map(scores), partitions.next().map(scores))
    };
    let title = |i: &usize| format!("{}: {}", lines[*i].name, articles[*i].0.title);
    let report = Report {
        file: args.gold.display().to_string(),
        label: args.label,
        shuffle: args.shuffle,
        threshold,
        recluster: args.recluster,
        merge_only: args.merge_only,
        link_cut,
        neighbours,
        articles: lines.len(),
        skipped,
        duplicates,
        gold_clusters: gold.iter().collect::<BTreeSet<_>>().len(),
        predicted_stories: predicted.iter().collect::<BTreeSet<_>>().len(),
        bcubed: metrics::bcubed(&gold, &predicted),
        pairwise: metrics::pairwise(&gold, &predicted),
        ari: metrics::adjusted_rand_index(&gold, &predicted),
        batch,
        batch_merge_only,
        seconds,
        ms_per_article: seconds * 1000.0 / lines.len() as f64,
        worst_merged: metrics::worst_merged(&gold, &predicted, WORST)
            .into_iter()
            .map(|m| MergedStory {
                story: m.cluster,
                size: m.size,
                foreign: m.foreign,
                gold: m.gold.into_iter().map(|(g, n)| (g.to_string(), n)).collect(),
                titles: m.items.iter().take(TITLES).map(title).collect(),
            })
            .collect(),
        worst_split: metrics::worst_split(&gold, &predicted, WORST)
            .into_iter()
            .map(|s| SplitCluster {
                label: s.cluster.to_string(),
                size: s.size,
                scattered: s.scattered,
                stories: s.predicted,
                titles: s.items.iter().take(TITLES).map(title).collect(),
            })
            .collect(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    if let Some(path) = &args.keep {
        eprintln!("The store is kept at {}.", path.display());
    }
    Ok(if other_errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The usable lines of the gold file and the number of lines skipped.
fn read_gold(path: &Path, label: &str) -> anyhow::Result<(Vec<GoldLine>, usize)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut lines = Vec::new();
    let mut skipped = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let origin = format!("{}:{}", path.display(), i + 1);
        match gold_line(line, label, &origin) {
            Ok(gold) => lines.push(gold),
            Err(reason) => {
                eprintln!("warning: {origin}: {reason}; skipped");
                skipped += 1;
            }
        }
    }
    Ok((lines, skipped))
}

/// A line's gold label and its article, read as `ingest` reads a JSONL
/// record: news-please and generic field names, dates in any common form
/// (RFC 2822, epoch seconds…) normalised, credit lines applied.
fn gold_line(line: &str, label: &str, origin: &str) -> Result<GoldLine, String> {
    let record: Value = serde_json::from_str(line).map_err(|e| format!("not JSON ({e})"))?;
    let label = text_or_number(record.get(label)).ok_or_else(|| format!("no `{label}` label"))?;
    let draft = corroborate_ingest::read_json_record(origin, &record).map_err(|e| e.reason)?;
    let name = text_or_number(record.get("id"))
        .unwrap_or_else(|| format!("line {}", origin.rsplit(':').next().unwrap_or("?")));
    Ok(GoldLine { name, label, draft })
}

/// A field that is a non-blank string or a number, as text. A whole number
/// reads the same however it was written (`1`, `1.0`: tools that write a
/// numeric column with gaps write floats).
fn text_or_number(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{}", f as i64)),
            _ => Some(n.to_string()),
        },
        _ => None,
    }
}

/// A joining threshold: a similarity above 0 and at most 1.
fn parse_threshold(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(t) if t > 0.0 && t <= 1.0 => Ok(t),
        _ => Err(format!("{text:?} is not a similarity above 0 and at most 1")),
    }
}

/// The stored article and story of each line, and how many lines were duplicates of another.
///
/// A line is found by its origin; a line identical to an earlier one was not
/// stored under its own origin and is found by the id of its content,
/// prepared as the engine prepared it (with `options`' outlet names, part of
/// the id).
fn place<'a>(
    lines: &[GoldLine],
    stored: &'a [Article],
    options: &Options,
) -> anyhow::Result<(Vec<(&'a Article, StoryId)>, usize)> {
    let by_origin: HashMap<&str, &Article> = stored.iter().map(|a| (a.origin.as_str(), a)).collect();
    let by_id: HashMap<&str, &Article> = stored.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut duplicates = 0;
    let mut articles = Vec::with_capacity(lines.len());
    for line in lines {
        let article = match by_origin.get(line.draft.origin.as_str()) {
            Some(a) => a,
            None => {
                duplicates += 1;
                let id = prepare_with(line.draft.clone(), options).article.id;
                by_id.get(id.as_str()).with_context(|| format!("{}: not in the store", line.draft.origin))?
            }
        };
        let story =
            article.story.with_context(|| format!("{}: stored without a story", line.draft.origin))?;
        articles.push((*article, story));
    }
    Ok((articles, duplicates))
}

/// Fisher–Yates with SplitMix64: the same seed gives the same order everywhere.
fn shuffle(items: &mut [usize], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

fn print_report(r: &Report) {
    let order =
        r.shuffle.map_or_else(|| "file order".to_string(), |seed| format!("shuffled with seed {seed}"));
    let pass = match (r.recluster, r.merge_only) {
        (false, _) => "",
        (true, false) => ", then recluster",
        (true, true) => ", then recluster --merge-only",
    };
    println!(
        "{} ({order}{pass}), gold label `{}`, threshold {}, batch pass: {} neighbours, link cut {}",
        r.file, r.label, r.threshold, r.neighbours, r.link_cut
    );
    println!(
        "{} articles ({} duplicate lines, {} lines skipped), {} gold clusters, {} predicted stories",
        r.articles, r.duplicates, r.skipped, r.gold_clusters, r.predicted_stories
    );
    let timed = if r.recluster { "ingest and recluster" } else { "ingest" };
    println!("{timed}: {:.2} s, {:.2} ms per article\n", r.seconds, r.ms_per_article);
    let scores = |name: &str, s: &Scores| {
        println!("{name:<9} P {:.3}  R {:.3}  F1 {:.3}", s.precision, s.recall, s.f1);
    };
    scores("B-cubed", &r.bcubed);
    scores("pairwise", &r.pairwise);
    println!("{:<9} {:.3}", "ARI", r.ari);
    let passes = [
        (&r.batch, "\nWith `recluster` (the batch pass, order aside)"),
        (&r.batch_merge_only, "With `recluster --merge-only` (stories only merged)"),
    ];
    for (b, name) in passes {
        if let Some(b) = b {
            println!(
                "{name}: {} stories, B-cubed P {:.3}  R {:.3}  F1 {:.3}, pairwise F1 {:.3}, ARI {:.3}",
                b.predicted_stories, b.bcubed.precision, b.bcubed.recall, b.bcubed.f1, b.pairwise.f1, b.ari
            );
        }
    }
    if !r.worst_merged.is_empty() {
        println!("\nWorst merged stories (articles not of the story's main gold cluster):");
        for m in &r.worst_merged {
            let gold: Vec<String> = m.gold.iter().map(|(g, n)| format!("{g}×{n}")).collect();
            println!(
                "  story {}: {} articles, {} foreign; gold {}",
                m.story,
                m.size,
                m.foreign,
                gold.join(", ")
            );
            print_titles(&m.titles);
        }
    }
    if !r.worst_split.is_empty() {
        println!("\nWorst split gold clusters (articles outside the cluster's main story):");
        for s in &r.worst_split {
            let stories: Vec<String> = s.stories.iter().map(|(id, n)| format!("{id}×{n}")).collect();
            println!(
                "  {}: {} articles, {} scattered; stories {}",
                s.label,
                s.size,
                s.scattered,
                stories.join(", ")
            );
            print_titles(&s.titles);
        }
    }
}

fn print_titles(titles: &[String]) {
    for t in titles {
        println!("      {}", crate::output::clip(t, 90));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffling_is_a_seeded_permutation() {
        let mut a: Vec<usize> = (0..50).collect();
        let mut b = a.clone();
        shuffle(&mut a, 7);
        shuffle(&mut b, 7);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
        let mut c: Vec<usize> = (0..50).collect();
        shuffle(&mut c, 8);
        assert_ne!(a, c);
        a.sort();
        assert_eq!(a, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn a_threshold_is_a_similarity() {
        assert_eq!(parse_threshold("0.25"), Ok(0.25));
        assert_eq!(parse_threshold("1"), Ok(1.0));
        for bad in ["0", "2", "-0.1", "NaN", "inf", "x"] {
            assert!(parse_threshold(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn labels_may_be_numbers_and_lines_need_text() {
        let line = gold_line(
            r#"{"id": "x1", "text": "Body.", "topic": 4, "source_domain": "a.example"}"#,
            "topic",
            "f:3",
        )
        .unwrap();
        assert_eq!(line.label, "4");
        let float = gold_line(r#"{"text": "Body.", "topic": 4.0}"#, "topic", "f:4").unwrap();
        assert_eq!(float.label, "4", "4.0 is the cluster 4");
        assert_eq!(gold_line(r#"{"text": "Body.", "topic": 4.5}"#, "topic", "f:5").unwrap().label, "4.5");
        assert_eq!(line.name, "x1");
        assert_eq!(line.draft.outlet.as_deref(), Some("a.example"));
        assert_eq!(line.draft.title, None);
        assert_eq!(line.draft.origin, "f:3");
        assert!(gold_line(r#"{"text": "", "cluster": "a"}"#, "cluster", "f:1").is_err());
        assert!(gold_line(r#"{"text": "Body.", "cluster": null}"#, "cluster", "f:1").is_err());
        assert_eq!(
            gold_line(r#"{"text": "Body.", "cluster": "a"}"#, "cluster", "f:9").unwrap().name,
            "line 9"
        );
    }
}
