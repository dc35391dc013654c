//! `corroborate extract`: the clean text of web pages, for users who want the
//! text and not the stories. Pages go through the same readers as `ingest`
//! (gzip, charset detection, the HTML extractor) but nothing is stored.
//! A file that fails is reported on stderr and the others are still printed;
//! when several texts are printed, each comes under a header naming it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use corroborate_ingest::{IngestError, Page};
use serde_json::json;

#[derive(clap::Args)]
pub struct Args {
    /// Pages to read (HTML, or any format `ingest` reads); - for standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Print one JSON object per record (body and all metadata) instead of the text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    let mut read = Vec::new();
    for file in &args.files {
        for result in pages(file) {
            match result {
                // Records stand alone as JSON lines: no need to hold them.
                Ok(page) if args.json => writeln!(out, "{}", record(&page))?,
                Ok(page) => read.push(page),
                Err(e) => {
                    failed = true;
                    eprintln!("error: {e}");
                }
            }
        }
    }
    // Several texts in a row are told apart by a header naming each, as `head` does.
    let several = read.len() > 1;
    for (i, page) in read.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if several {
            writeln!(out, "==> {} <==", page.draft.origin)?;
            if let Some(title) = &page.draft.title {
                writeln!(out, "{title}\n")?;
            }
        }
        writeln!(out, "{}", page.draft.body)?;
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn pages(file: &std::path::Path) -> Vec<Result<Page, IngestError>> {
    match corroborate_ingest::load(file) {
        Ok(doc) => corroborate_ingest::read_pages(&doc),
        Err(e) => vec![Err(e)],
    }
}

/// One record as JSON: the draft's fields and the modification date.
fn record(page: &Page) -> serde_json::Value {
    let d = &page.draft;
    json!({
        "origin": d.origin,
        "title": d.title,
        "published": d.published,
        "modified": page.modified,
        "authors": d.authors,
        "outlet": d.outlet,
        "url": d.url,
        "language": d.language,
        "credited_to": d.credited_to,
        "cites": d.cites,
        "body": d.body,
    })
}
