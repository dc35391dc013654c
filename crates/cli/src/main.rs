//! `corroborate`: from a pile of news articles to consolidated, cited stories.
//!
//! A thin layer over the engine: parses arguments, opens the store, prints.
//! Exit codes: 0 success, 1 some inputs failed (the rest was stored) or a
//! lookup found nothing, 2 usage error.

mod bench;
mod commands;
mod demo;
mod eval;
mod extract;
mod output;
mod serve;
mod verify;
mod watch;
mod worker;

/// Every stage makes and drops many small strings and vectors on every core;
/// mimalloc serves them from per-thread pages, where the system allocator
/// spent a sixth of the ingest time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use corroborate_engine::Redraw;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Consolidate news articles from many outlets into source-attributed stories"
)]
struct Cli {
    /// The store: a SQLite file, which the commands that store articles create when missing.
    #[arg(long, global = true, default_value = "corroborate.db", env = "CORROBORATE_DB")]
    db: PathBuf,
    /// A TSV file of outlet names (`alias<TAB>name`) that extends and overrides the built-in table.
    #[arg(long, global = true, value_name = "FILE")]
    outlets: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// How a listing is printed.
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct ListFormat {
    /// Print one JSON document.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Print one JSON object per line.
    #[arg(long)]
    pub jsonl: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum BriefFormat {
    Md,
    Json,
    Html,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles from files, folders (recursively) or - (standard input) into the store.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        format: ListFormat,
    },
    /// List stories: id, title, articles, independent outlets, time span.
    Stories {
        #[command(flatten)]
        filter: commands::StoryFilter,
        #[command(flatten)]
        format: ListFormat,
    },
    /// Redraw every story with all stored articles in view (a batch pass), and report what changes.
    Recluster {
        /// Only report; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Only merge stories: none loses an article, as when articles join online.
        #[arg(long)]
        merge_only: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show the brief of one story.
    Show {
        story: i64,
        /// Output format (default: md on a terminal, json otherwise).
        #[arg(long, value_enum)]
        format: Option<BriefFormat>,
    },
    /// List articles with outlet, title, repairs and flags.
    Articles {
        /// Only the articles of this story.
        #[arg(long)]
        story: Option<i64>,
        #[command(flatten)]
        format: ListFormat,
    },
    /// Repair damaged text: the repaired text to stdout, what changed to stderr.
    Repair {
        /// A file, or - for standard input (the default).
        file: Option<PathBuf>,
        /// Print a JSON report (text, repairs, flags) to stdout instead.
        #[arg(long)]
        json: bool,
    },
    /// Ingest the bundled demo corpus into a temporary store and show its stories and a brief.
    Demo {
        /// Keep the demo store at this path instead of a temporary one.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// Measure ingest throughput on a synthetic corpus made from the demo articles.
    Bench {
        /// Number of articles to generate.
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// Files or folders of real articles to use as templates (default: the demo corpus).
        #[arg(long = "templates", value_name = "PATH")]
        templates: Vec<PathBuf>,
        /// Keep the store at this path (it must not exist yet) instead of a temporary one.
        #[arg(long, value_name = "FILE")]
        keep_db: Option<PathBuf>,
        /// Only write the generated corpus (JSONL files) into this folder, and ingest nothing.
        #[arg(long, value_name = "DIR", conflicts_with = "keep_db")]
        keep_corpus: Option<PathBuf>,
    },
    /// Print the JSON schema of the brief and article documents.
    Schema,
    /// Print the extracted article text of web pages, storing nothing.
    Extract(extract::Args),
    /// Check a brief JSON against the store: every citation must exist and hold what it is cited for word for word.
    Verify(verify::Args),
    /// Poll the feeds of an OPML file and ingest new articles as they come.
    Watch(watch::Args),
    /// Serve the HTTP API and web UI over the store.
    Serve(serve::Args),
    /// Take queued work from a shared PostgreSQL store, alongside any number of other workers.
    Worker(worker::Args),
    /// Measure a stage against a gold standard.
    Eval {
        #[command(subcommand)]
        what: eval::EvalCommand,
    },
}

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    if let Some(path) = &cli.outlets {
        match corroborate_ingest::Outlets::load_tsv(path) {
            Ok(outlets) => {
                let _ = commands::OUTLETS.set(std::sync::Arc::new(outlets));
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let result = match cli.command {
        Command::Ingest { paths, format } => commands::ingest(&cli.db, &paths, format),
        Command::Stories { filter, format } => commands::stories(&cli.db, &filter, format),
        Command::Recluster { dry_run, merge_only, json } => {
            let redraw = if merge_only { Redraw::MergeOnly } else { Redraw::All };
            commands::recluster(&cli.db, redraw, dry_run, json)
        }
        Command::Show { story, format } => commands::show(&cli.db, story, format),
        Command::Articles { story, format } => commands::articles(&cli.db, story, format),
        Command::Repair { file, json } => commands::repair(file.as_deref(), json),
        Command::Demo { keep } => demo::run(keep.as_deref()),
        Command::Bench { articles, templates, keep_db, keep_corpus } => {
            let keep = bench::Keep { db: keep_db.as_deref(), corpus: keep_corpus.as_deref() };
            bench::run(articles, &templates, keep)
        }
        Command::Schema => commands::schema(),
        Command::Eval { what } => eval::run(what),
        Command::Extract(args) => extract::run(args),
        Command::Serve(args) => serve::run(&cli.db, args),
        Command::Verify(args) => verify::run(&cli.db, args),
        Command::Watch(args) => watch::run(&cli.db, args),
        Command::Worker(args) => worker::run(&cli.db, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Rust ignores SIGPIPE, which turns `corroborate stories | head` into a panic
/// on a closed pipe; a command-line filter should end quietly instead.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start, before any thread exists; resets a signal to its default action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
