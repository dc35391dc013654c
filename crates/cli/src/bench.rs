//! `corroborate bench`: ingest throughput on a synthetic corpus.
//!
//! The corpus is made from the demo articles: each synthetic event takes one
//! demo article as template and gives its names, numbers and one word in three
//! new values drawn from the event's seed, so that different events share
//! phrasing no more than real ones do. Each event is reported by eight outlets:
//! two publish the same text (a wire copy), the others drop and reorder
//! paragraphs. It is
//! written as JSONL files of 1,000 articles and ingested from disk into a
//! fresh SQLite store, so the figure covers reading, repair, extraction,
//! fingerprints, clustering and storage.

use corroborate_model::{Draft, RawDocument};
use corroborate_store::Store;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

use crate::demo::DEMO_FILES;

const ARTICLES_PER_EVENT: usize = 8;
const ARTICLES_PER_FILE: usize = 1000;

pub fn run(articles: usize) -> anyhow::Result<ExitCode> {
    let templates = templates();
    anyhow::ensure!(!templates.is_empty(), "the demo corpus has no readable article");
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("input");
    std::fs::create_dir(&input)?;
    let started = Instant::now();
    let mut bytes = 0usize;
    for (file, start) in (0..articles).step_by(ARTICLES_PER_FILE).enumerate() {
        let mut out =
            std::io::BufWriter::new(std::fs::File::create(input.join(format!("part-{file:05}.jsonl")))?);
        for i in start..(start + ARTICLES_PER_FILE).min(articles) {
            let line = serde_json::to_string(&variant(&templates, i))?;
            bytes += line.len() + 1;
            writeln!(out, "{line}")?;
        }
    }
    let generated = started.elapsed();
    let db = dir.path().join("bench.db");
    let mut engine = crate::commands::open(&db)?;
    let started = Instant::now();
    let report = engine.ingest_paths(&[input], &mut |_| {})?;
    let elapsed = started.elapsed().as_secs_f64();
    let stories = engine.store().stories()?.len();
    println!(
        "corpus: {articles} articles, {:.1} MB of JSONL (generated in {:.1} s)",
        bytes as f64 / 1e6,
        generated.as_secs_f64()
    );
    println!(
        "stored: {} articles, {} wire copies, {} stories, {} errors",
        report.stored,
        report.wire_copies,
        stories,
        report.errors.len()
    );
    println!(
        "ingest: {elapsed:.1} s, {:.0} articles/s, {:.1} MB/s on {} threads",
        report.stored as f64 / elapsed,
        bytes as f64 / 1e6 / elapsed,
        rayon_threads()
    );
    println!("peak memory (VmHWM): {}", peak_memory().unwrap_or_else(|| "unknown".into()));
    Ok(ExitCode::SUCCESS)
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// The demo articles as drafts.
fn templates() -> Vec<Draft> {
    DEMO_FILES
        .iter()
        .flat_map(|(name, bytes)| {
            let doc = RawDocument { origin: name.to_string(), bytes: bytes.to_vec(), declared_charset: None };
            corroborate_ingest::read(&doc).into_iter().filter_map(Result::ok)
        })
        .filter(|d| !d.body.is_empty())
        .collect()
}

/// Synthetic article `i`: event `i / 8`, version `i % 8`.
fn variant(templates: &[Draft], i: usize) -> serde_json::Value {
    let event = i / ARTICLES_PER_EVENT;
    let version = i % ARTICLES_PER_EVENT;
    let template = &templates[event % templates.len()];
    let names = Renamer::new(event as u64);
    let mut paragraphs: Vec<String> = template.body.split("\n\n").map(|p| names.apply(p)).collect();
    // Each outlet keeps most paragraphs, in its own order; versions 0 and 1 are wire copies.
    if version > 1 && paragraphs.len() > 2 {
        paragraphs.remove(version % paragraphs.len());
        paragraphs.rotate_left(version % 2);
        paragraphs.truncate((paragraphs.len() - version % 3).max(1));
    }
    let day = 1 + (event / 40) % 28;
    let month = 1 + (event / (40 * 28)) % 12;
    serde_json::json!({
        "title": names.apply(template.title.as_deref().unwrap_or("Report")),
        "maintext": paragraphs.join("\n\n"),
        "source_domain": format!("outlet{}.example", (event * 3 + version) % 97),
        "date_publish": format!("2026-{month:02}-{day:02} 10:00:00"),
        "url": format!("https://outlet{}.example/news/{i}", (event * 3 + version) % 97),
    })
}

/// Replaces capitalised words and numbers with values derived from a seed.
struct Renamer {
    seed: u64,
}

impl Renamer {
    fn new(seed: u64) -> Self {
        Renamer { seed }
    }

    fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut last = 0;
        for t in corroborate_text::tokens(text) {
            out.push_str(&text[last..t.span.start]);
            let h = fnv(t.text) ^ self.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            if t.text.chars().all(|c| c.is_ascii_digit()) {
                out.push_str(&(h % 997).to_string());
            } else if t.is_capitalised() && t.text.len() > 3 {
                out.push_str(&syllables(h));
            } else if h.is_multiple_of(3) && t.text.len() > 3 {
                out.push_str(&syllables(h).to_lowercase());
            } else {
                out.push_str(t.text);
            }
            last = t.span.end;
        }
        out.push_str(&text[last..]);
        out
    }
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// A pronounceable capitalised name from a hash.
fn syllables(mut h: u64) -> String {
    const PARTS: [&str; 16] = [
        "ka", "ro", "mi", "sel", "tar", "vo", "len", "du", "bra", "ni", "sto", "fe", "gal", "zu", "pe", "or",
    ];
    let mut s = String::new();
    for _ in 0..3 {
        s.push_str(PARTS[(h % 16) as usize]);
        h /= 16;
    }
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or(s)
}

fn peak_memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(format!("{:.0} MiB", kb / 1024.0))
}
