//! `corroborate demo`: the bundled demo corpus, ingested into a temporary store.

use crate::commands::ingest_into;
use crate::output::{story_row, table, STORY_HEADER};
use std::path::Path;
use std::process::ExitCode;

include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));

pub fn run(keep: Option<&Path>) -> anyhow::Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let corpus = dir.path().join("demo");
    std::fs::create_dir(&corpus)?;
    for (name, bytes) in DEMO_FILES {
        std::fs::write(corpus.join(name), bytes)?;
    }
    let db = match keep {
        Some(path) => path.to_path_buf(),
        None => dir.path().join("demo.db"),
    };
    let mut engine = crate::commands::open(&db)?;
    let report = ingest_into(&mut engine, &[corpus])?;
    for e in &report.errors {
        eprintln!("error: {e}");
    }
    let stories = engine.summaries()?;
    println!(
        "Ingested {} demo files: {} articles, of which {} joined as wire copies, in {} stories.\n",
        DEMO_FILES.len(),
        report.stored + report.already_stored,
        report.wire_copies,
        stories.len()
    );
    let rows: Vec<Vec<String>> = stories.iter().map(story_row).collect();
    print!("{}", table(&STORY_HEADER, &rows));
    // Show the brief with the most to compare: disputes first, then articles
    // (wire copies and credits among them), then sources.
    let mut briefs = Vec::new();
    for s in &stories {
        if let Some(brief) = engine.brief(s.id)? {
            briefs.push(brief);
        }
    }
    let richest = briefs.iter().max_by_key(|b| {
        (b.conflicts.len(), b.story.articles.len(), b.story.independent_outlets, -b.story.id)
    });
    if let Some(brief) = richest {
        println!("\n{}", corroborate_fuse::render::markdown(brief));
    }
    if let Some(path) = keep {
        println!(
            "The demo store is kept at {}; try `corroborate --db {} stories`.",
            path.display(),
            path.display()
        );
    } else {
        println!("Keep the demo store with `corroborate demo --keep demo.db`, then `corroborate --db demo.db show 1`.");
    }
    Ok(if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
