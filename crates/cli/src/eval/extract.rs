//! `corroborate eval extract`: how well the HTML reader finds an article's
//! text, measured on a benchmark of saved pages with hand-checked bodies
//! (the layout of Scrapinghub's article-extraction benchmark: a gold file
//! `{ID: {"articleBody": …, "url": …}}`, pages `ID.html.gz` or `ID.html`,
//! and optionally published systems' outputs, each a JSON file of the same
//! shape as the gold, bare or wrapped as `{"version": …, "output": {…}}`).
//!
//! Each page goes through the public ingest API exactly as `corroborate
//! ingest` would read it (gzip, charset detection, HTML reader), and the
//! draft's body is scored with [`score`], the benchmark's shingle metric.
//! Published outputs are scored by the same code in the same run, so the
//! table compares like with like. The scorer was checked against the
//! benchmark's own `evaluate.py` on published outputs (trafilatura,
//! readability_js, AutoExtract): precision, recall, F1 and accuracy agree to
//! three decimals.
//!
//! Metadata found on the same pages (published date, authors, title) is
//! counted too, since the benchmark has no gold for it but a page where none
//! is found is worth looking at.

mod score;

use anyhow::{bail, Context};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use score::{Counts, Summary};

/// The name our own row gets in the table.
const OURS: &str = "corroborate";

#[derive(clap::Args)]
pub struct Args {
    /// Folder of saved pages named ID.html.gz or ID.html.
    #[arg(long)]
    pages: PathBuf,
    /// Gold file: {ID: {"articleBody": …}}.
    #[arg(long)]
    gold: PathBuf,
    /// Folder of published systems' outputs (*.json) to score alongside
    /// [default: published-outputs beside the gold file, when it exists].
    #[arg(long)]
    outputs: Option<PathBuf>,
    /// Also write our bodies to this file in the published outputs' shape,
    /// for other scorers or for reading.
    #[arg(long)]
    save: Option<PathBuf>,
    /// Print one JSON document instead of a table.
    #[arg(long)]
    json: bool,
}

/// Scores of one system over the benchmark.
struct Row {
    system: String,
    version: String,
    summary: Summary,
}

/// What our extractor did on one page.
struct Page {
    id: String,
    counts: Counts,
    error: Option<String>,
}

/// How many pages had each kind of metadata.
#[derive(Default)]
struct Found {
    published: usize,
    modified: usize,
    authors: usize,
    title: usize,
    language: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold = bodies(&read_json(&args.gold)?).with_context(|| format!("{}", args.gold.display()))?;
    if gold.is_empty() {
        bail!("{}: no pages in the gold file", args.gold.display());
    }
    let mut pages = Vec::new();
    let mut found = Found::default();
    let mut exact = 0;
    let mut saved = serde_json::Map::new();
    for (id, truth) in &gold {
        let (body, error) = match extract(&args.pages, id, &mut found)? {
            Ok(body) => (body, None),
            Err(reason) => (String::new(), Some(reason)),
        };
        exact += usize::from(score::exact(truth, &body));
        pages.push(Page { id: id.clone(), counts: score::compare(truth, &body), error });
        saved.insert(id.clone(), json!({ "articleBody": body }));
    }
    if let Some(path) = &args.save {
        let text = serde_json::to_string_pretty(&Value::Object(saved))?;
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    let counts: Vec<Counts> = pages.iter().map(|p| p.counts).collect();
    let mut rows = vec![Row {
        system: OURS.to_string(),
        version: String::new(),
        summary: score::summarize(&counts, exact),
    }];
    let outputs = args
        .outputs
        .clone()
        .or_else(|| Some(args.gold.parent()?.join("published-outputs")).filter(|d| d.is_dir()));
    if let Some(dir) = outputs {
        for path in json_files(&dir)? {
            rows.push(score_output(&path, &gold)?);
        }
    }
    rows.sort_by(|a, b| b.summary.f1.total_cmp(&a.summary.f1).then_with(|| a.system.cmp(&b.system)));
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report(&rows, &pages, &found))?);
    } else {
        print_table(&rows, &pages, &found);
    }
    Ok(ExitCode::SUCCESS)
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))
}

/// `{ID: {"articleBody": …}}` → ID → body; a missing or null body is empty.
fn bodies(value: &Value) -> anyhow::Result<BTreeMap<String, String>> {
    let Some(object) = value.as_object() else { bail!("expected an object of pages by id") };
    Ok(object
        .iter()
        .map(|(id, page)| {
            let body = page.get("articleBody").and_then(Value::as_str).unwrap_or_default();
            (id.clone(), body.to_string())
        })
        .collect())
}

/// Our body for page `id`, or why there is none. A page file that is missing
/// is an error of the benchmark, not of the extractor.
fn extract(dir: &Path, id: &str, found: &mut Found) -> anyhow::Result<Result<String, String>> {
    let path = [format!("{id}.html.gz"), format!("{id}.html")]
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
        .with_context(|| format!("{}: no page {id}.html.gz or {id}.html", dir.display()))?;
    let doc = corroborate_ingest::load(&path).map_err(anyhow::Error::from)?;
    let (draft, modified) = match corroborate_ingest::read_pages(&doc).into_iter().next() {
        Some(Ok(page)) => (page.draft, page.modified),
        Some(Err(e)) => return Ok(Err(e.reason)),
        None => return Ok(Err("nothing read".to_string())),
    };
    found.published += usize::from(draft.published.is_some());
    found.modified += usize::from(modified.is_some());
    found.authors += usize::from(!draft.authors.is_empty());
    found.title += usize::from(draft.title.is_some());
    found.language += usize::from(draft.language.is_some());
    Ok(Ok(draft.body))
}

fn json_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Scores a published system's output; a page it left out counts as empty.
fn score_output(path: &Path, gold: &BTreeMap<String, String>) -> anyhow::Result<Row> {
    let value = read_json(path)?;
    let (output, version) = match (value.get("output"), value.get("version")) {
        (Some(output), Some(version)) if output.is_object() => {
            (output, version.as_str().map_or_else(|| version.to_string(), str::to_string))
        }
        _ => (&value, String::new()),
    };
    let predicted = bodies(output).with_context(|| format!("{}", path.display()))?;
    let mut counts = Vec::new();
    let mut exact = 0;
    for (id, truth) in gold {
        let body = predicted.get(id).map_or("", String::as_str);
        exact += usize::from(score::exact(truth, body));
        counts.push(score::compare(truth, body));
    }
    let system = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    Ok(Row { system, version, summary: score::summarize(&counts, exact) })
}

fn print_table(rows: &[Row], pages: &[Page], found: &Found) {
    println!(
        "{:<2}{:<22} {:<12} {:>9} {:>9} {:>9} {:>9}",
        "", "system", "version", "precision", "recall", "F1", "accuracy"
    );
    for row in rows {
        let mark = if row.system == OURS { "*" } else { "" };
        let s = row.summary;
        println!(
            "{:<2}{:<22} {:<12} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            mark, row.system, row.version, s.precision, s.recall, s.f1, s.accuracy
        );
    }
    let failed = pages.iter().filter(|p| p.error.is_some()).count();
    println!();
    println!("pages: {}, without extracted text: {failed}", pages.len());
    println!(
        "metadata found: published date {}, modified date {}, author {}, title {}, language {} (of {})",
        found.published,
        found.modified,
        found.authors,
        found.title,
        found.language,
        pages.len()
    );
    let mut worst: Vec<&Page> = pages.iter().filter(|p| p.counts.f1() < 0.9).collect();
    worst.sort_by(|a, b| a.counts.f1().total_cmp(&b.counts.f1()).then_with(|| a.id.cmp(&b.id)));
    if !worst.is_empty() {
        println!("pages below F1 0.9:");
        for page in worst {
            let c = page.counts;
            let why = page.error.as_deref().map(|e| format!("  ({e})")).unwrap_or_default();
            println!("  {}  P {:.3} R {:.3} F1 {:.3}{why}", page.id, c.precision(), c.recall(), c.f1());
        }
    }
}

fn report(rows: &[Row], pages: &[Page], found: &Found) -> Value {
    let systems: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "system": r.system,
                "version": r.version,
                "ours": r.system == OURS,
                "precision": r.summary.precision,
                "recall": r.summary.recall,
                "f1": r.summary.f1,
                "accuracy": r.summary.accuracy,
            })
        })
        .collect();
    let per_page: Vec<Value> = pages
        .iter()
        .map(|p| {
            json!({
                "id": p.id,
                "precision": p.counts.precision(),
                "recall": p.counts.recall(),
                "f1": p.counts.f1(),
                "error": p.error,
            })
        })
        .collect();
    json!({
        "pages": pages.len(),
        "systems": systems,
        "metadata": {
            "published": found.published,
            "modified": found.modified,
            "authors": found.authors,
            "title": found.title,
            "language": found.language,
        },
        "per_page": per_page,
    })
}
