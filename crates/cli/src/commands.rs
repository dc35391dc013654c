//! The subcommands that work on a store.

use crate::output::{clip, list, list_pages, story_row, STORY_HEADER};
use crate::{BriefFormat, ListFormat};
use corroborate_engine::{Engine, IngestReport, Options, Progress, Redraw};
use corroborate_model::{Article, Repair};
use corroborate_store::{articles_in_pages, AnyStore, ArticleFilter, Store, StoryQuery};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The user's outlet names (`--outlets FILE`), set once at start.
pub static OUTLETS: std::sync::OnceLock<std::sync::Arc<corroborate_ingest::Outlets>> =
    std::sync::OnceLock::new();

/// The engine's options, with the user's outlet names.
pub fn options() -> Options {
    Options { outlets: OUTLETS.get().cloned(), ..Options::default() }
}

/// Opens the store `--db` names (a `postgres://` URL or a SQLite file) to
/// write to it: one process at a time writes to a SQLite store, and this
/// waits, saying so, while another does.
pub fn open(db: &Path) -> anyhow::Result<Engine<AnyStore>> {
    let waiting = |lock: &Path| eprintln!("{}", corroborate_store::waiting_line(db, lock));
    Ok(Engine::open(AnyStore::open_writer(db, waiting)?, options())?)
}

/// Opens the store for commands that only read what is stored: a SQLite
/// file that does not exist is an error (a mistyped `--db`), not a new empty
/// store, and it is read as of one commit, whatever is written meanwhile.
pub fn open_existing(db: &Path) -> anyhow::Result<Engine<AnyStore>> {
    ensure_exists(db)?;
    Ok(Engine::open(AnyStore::open_snapshot(db)?, options())?)
}

/// A SQLite store that does not exist is an error for a command that reads it.
pub fn ensure_exists(db: &Path) -> anyhow::Result<()> {
    let url = db.to_str().is_some_and(corroborate_store::is_postgres_url);
    anyhow::ensure!(
        url || db.exists(),
        "no store at {} (ingest articles into it first, or give --db)",
        db.display()
    );
    Ok(())
}

pub fn ingest(db: &Path, paths: &[PathBuf], format: ListFormat) -> anyhow::Result<ExitCode> {
    let mut engine = open(db)?;
    let report = ingest_into(&mut engine, paths)?;
    print_report(&report, format)?;
    Ok(if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Ingests paths (and `-` for standard input) with a progress bar on a terminal.
pub fn ingest_into(engine: &mut Engine<AnyStore>, paths: &[PathBuf]) -> anyhow::Result<IngestReport> {
    let (stdin, files): (Vec<&PathBuf>, Vec<&PathBuf>) = paths.iter().partition(|p| p.as_os_str() == "-");
    let files: Vec<PathBuf> = files.into_iter().cloned().collect();
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}  {elapsed}")
                .expect("valid template"),
        );
        bar
    });
    let mut report = engine.ingest_paths(&files, &mut |p: Progress| {
        if let Some(bar) = &bar {
            bar.set_length(p.files_total as u64);
            bar.set_position(p.files_done as u64);
            bar.set_message(format!("{} articles stored", p.stored));
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !stdin.is_empty() {
        match corroborate_ingest::load(Path::new("-")) {
            Ok(doc) => {
                report.merge(engine.ingest_document(&doc)?);
            }
            Err(e) => report.errors.push(e),
        }
    }
    Ok(report)
}

fn print_report(report: &IngestReport, format: ListFormat) -> anyhow::Result<()> {
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    if let Some(note) = skipped_note(&report.skipped) {
        eprintln!("{note}");
    }
    if format.json || format.jsonl {
        let doc = serde_json::json!({
            "stored": report.stored,
            "already_stored": report.already_stored,
            "stories_created": report.stories_created,
            "wire_copies": report.wire_copies,
            "errors": report.errors.iter().map(|e| serde_json::json!({"origin": e.origin, "reason": e.reason})).collect::<Vec<_>>(),
            "skipped": report.skipped.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>(),
        });
        let text = if format.json { serde_json::to_string_pretty(&doc)? } else { doc.to_string() };
        println!("{text}");
    } else {
        println!(
            "stored {} new article{} ({} already stored), {} new stor{}, {} wire cop{}; {} error{}",
            report.stored,
            plural(report.stored, "", "s"),
            report.already_stored,
            report.stories_created,
            plural(report.stories_created, "y", "ies"),
            report.wire_copies,
            plural(report.wire_copies, "y", "ies"),
            report.errors.len(),
            plural(report.errors.len(), "", "s"),
        );
    }
    Ok(())
}

/// A line telling which files of the folders given were left out, by kind:
/// `note: skipped 95 files of kinds that hold no articles (.ann 94, .tsv 1); …`.
pub(crate) fn skipped_note(skipped: &[PathBuf]) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let mut kinds: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for path in skipped {
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let kind = name.rsplit_once('.').map_or(String::new(), |(_, ext)| format!(".{ext}"));
        *kinds.entry(kind).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.into_iter().map(|(kind, n)| format!("{kind} {n}")).collect();
    Some(format!(
        "note: skipped {} file{} of kinds that hold no articles ({}); name a file to read it anyway",
        skipped.len(),
        plural(skipped.len(), "", "s"),
        kinds.join(", ")
    ))
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Which stories `stories` lists, as the API's listing filters them.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct StoryFilter {
    /// Only stories with an article holding all these words.
    #[arg(long, value_name = "WORDS")]
    text: Option<String>,
    /// Only stories an outlet reported or is credited with, by name or address, in any case.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Only stories with an article in a language: a code (`de`, `deu`) or a name (`German`).
    #[arg(long, value_name = "LANGUAGE")]
    language: Option<String>,
    /// Only stories still reported on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    from: Option<String>,
    /// Only stories first reported on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = day)]
    to: Option<String>,
    /// `true`: only stories whose sources disagree on something; `false`: only those that agree.
    #[arg(long, value_name = "true|false")]
    disputed: Option<bool>,
}

impl StoryFilter {
    fn query(&self) -> StoryQuery {
        StoryQuery {
            text: self.text.clone(),
            outlet: self.outlet.as_deref().and_then(corroborate_ingest::outlet_filter),
            language: self.language.as_deref().and_then(corroborate_ingest::language_code),
            from: self.from.clone(),
            to: self.to.clone(),
            disputed: self.disputed,
            ..StoryQuery::default()
        }
    }
}

/// A day written `YYYY-MM-DD`.
fn day(value: &str) -> Result<String, String> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("{value:?} is not a day written YYYY-MM-DD"))
}

pub fn stories(db: &Path, filter: &StoryFilter, format: ListFormat) -> anyhow::Result<ExitCode> {
    let engine = open_existing(db)?;
    if filter.disputed.is_some() && !engine.digests_follow_the_rules()? {
        eprintln!("{STALE_RULES}");
    }
    let stories = engine.summaries_where(&filter.query())?;
    list(&stories, format, &STORY_HEADER, story_row)?;
    Ok(ExitCode::SUCCESS)
}

/// Said when disputes are filtered on digests made by other rules of fusion.
const STALE_RULES: &str = "note: the stories' digests were made by another version's rules of fusion, \
    so --disputed follows those rules until the next ingest or recluster";

/// Merged and split stories that `recluster` lists in its text report.
const RECLUSTER_LISTED: usize = 20;

pub fn recluster(db: &Path, redraw: Redraw, dry_run: bool, json: bool) -> anyhow::Result<ExitCode> {
    let mut engine = if dry_run {
        open_existing(db)?
    } else {
        ensure_exists(db)?;
        open(db)?
    };
    let report = engine.recluster(redraw, !dry_run)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    for line in recluster_lines(&report) {
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The text report of `recluster`: a summary, then the first merged and split stories.
fn recluster_lines(report: &corroborate_engine::ReclusterReport) -> Vec<String> {
    let verb = if report.applied { "moved" } else { "would move" };
    let merging = if report.redraw == Redraw::MergeOnly { ", stories only merged" } else { "" };
    let mut lines = vec![format!(
        "{} articles: {} stories before, {} after{merging}; {verb} {} article{}",
        report.articles,
        report.stories_before,
        report.stories_after,
        report.moved,
        plural(report.moved, "", "s")
    )];
    let ids = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let changes =
        [(&report.merged, "merged", "gathers stories"), (&report.split, "split", "splits into stories")];
    for (list, what, verb) in changes {
        for (story, others) in list.iter().take(RECLUSTER_LISTED) {
            lines.push(format!("  story {story} {verb} {}", ids(others)));
        }
        if list.len() > RECLUSTER_LISTED {
            let more = list.len() - RECLUSTER_LISTED;
            lines.push(format!("  … and {more} more {what} stories (--json lists them all)"));
        }
    }
    lines
}

pub fn show(db: &Path, story: i64, format: Option<BriefFormat>) -> anyhow::Result<ExitCode> {
    let engine = open_existing(db)?;
    let Some(brief) = engine.brief(story)? else {
        eprintln!("error: no story {story} in {}", db.display());
        return Ok(ExitCode::from(1));
    };
    let format =
        format.unwrap_or(if std::io::stdout().is_terminal() { BriefFormat::Md } else { BriefFormat::Json });
    let text = match format {
        BriefFormat::Md => corroborate_fuse::render::markdown(&brief),
        BriefFormat::Json => corroborate_fuse::render::json(&brief),
        BriefFormat::Html => corroborate_fuse::render::html(&brief),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Arrival numbers of the articles read at a time when every article is listed.
const ARTICLES_PAGE: u64 = 10_000;

pub fn articles(db: &Path, story: Option<i64>, format: ListFormat) -> anyhow::Result<ExitCode> {
    let engine = open_existing(db)?;
    let store = engine.store();
    let header = ["article", "story", "outlet", "repairs", "flags", "title"];
    let Some(story) = story else {
        // A whole store is listed a page at a time: its bodies need not fit in memory.
        list_pages(format, &header, article_row, |each| {
            articles_in_pages(store, ARTICLES_PAGE, store.last_seq()?, |page| each(&page))
        })?;
        return Ok(ExitCode::SUCCESS);
    };
    let articles = store.articles(&ArticleFilter { story: Some(story), ..ArticleFilter::default() })?;
    if articles.is_empty() {
        eprintln!("error: no story {story} in {}", db.display());
        return Ok(ExitCode::from(1));
    }
    list(&articles, format, &header, article_row)?;
    Ok(ExitCode::SUCCESS)
}

fn article_row(a: &Article) -> Vec<String> {
    let mut flags: Vec<String> = a.flags.iter().map(|f| kebab(&f.kind)).collect();
    flags.dedup();
    vec![
        a.id[..12].to_string(),
        a.story.map_or("-".into(), |s| s.to_string()),
        clip(a.outlet.as_deref().unwrap_or("-"), 24),
        a.repairs.len().to_string(),
        if flags.is_empty() { "-".into() } else { flags.join(",") },
        clip(&a.title, 60),
    ]
}

/// The serialized (kebab-case) name of an enum value.
fn kebab<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

pub fn repair(file: Option<&Path>, json: bool) -> anyhow::Result<ExitCode> {
    let path = file.unwrap_or(Path::new("-"));
    let doc = match corroborate_ingest::load(path) {
        Ok(doc) => doc,
        // Nothing in, nothing out: a filter passes an empty input through.
        Err(e) if e.is_empty_input() => {
            corroborate_model::RawDocument { origin: e.origin, ..Default::default() }
        }
        Err(e) => return Err(e.into()),
    };
    let (text, mut flags) = corroborate_ingest::decode_text(&doc);
    // A filter keeps the input's final line break; it is not damage.
    let (body, newline) = match text.strip_suffix('\n') {
        Some(body) => (body, "\n"),
        None => (text.as_str(), ""),
    };
    let repaired = corroborate_text::repair(body);
    flags.extend(repaired.flags);
    flags.extend(corroborate_text::quality_flags(&repaired.text));
    if json {
        let doc = serde_json::json!({"text": repaired.text, "repairs": repaired.repairs, "flags": flags});
        println!("{}", serde_json::to_string_pretty(&doc)?);
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(repaired.text.as_bytes())?;
        out.write_all(newline.as_bytes())?;
        let mut err = std::io::stderr().lock();
        for r in &repaired.repairs {
            writeln!(err, "{}", describe(r))?;
        }
        for f in &flags {
            writeln!(err, "flag {}: {}", kebab(&f.kind), f.message)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(r: &Repair) -> String {
    format!(
        "{} {}..{}: {:?} -> {:?}",
        kebab(&r.kind),
        r.before_span.start,
        r.before_span.end,
        r.before,
        r.after
    )
}

pub fn schema() -> anyhow::Result<ExitCode> {
    println!("{}", serde_json::to_string_pretty(&corroborate_model::schema())?);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recluster_report_lists_the_first_changes_and_counts_the_rest() {
        let report = corroborate_engine::ReclusterReport {
            articles: 90,
            stories_before: 40,
            stories_after: 41,
            moved: 1,
            merged: vec![(7, vec![7, 8])],
            split: (1..=25).map(|s| (s, vec![s, 100 + s])).collect(),
            applied: false,
            redraw: Redraw::All,
        };
        let merging = corroborate_engine::ReclusterReport { redraw: Redraw::MergeOnly, ..report.clone() };
        assert_eq!(
            recluster_lines(&merging)[0],
            "90 articles: 40 stories before, 41 after, stories only merged; would move 1 article"
        );
        let lines = recluster_lines(&report);
        assert_eq!(lines[0], "90 articles: 40 stories before, 41 after; would move 1 article");
        assert_eq!(lines[1], "  story 7 gathers stories 7, 8");
        assert_eq!(lines[2], "  story 1 splits into stories 1, 101");
        assert_eq!(lines.len(), 1 + 1 + RECLUSTER_LISTED + 1);
        assert_eq!(lines.last().unwrap(), "  … and 5 more split stories (--json lists them all)");
    }
}
