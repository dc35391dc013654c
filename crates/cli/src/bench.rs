//! `corroborate bench`: ingest throughput on a generated corpus.
//!
//! The corpus is made from template articles: the bundled demo articles by
//! default, or real news text given with `--templates` (JSONL dumps, text or
//! HTML files, folders). Each synthetic event takes one template and gives its
//! names, numbers and one word in three new values drawn from the event's seed,
//! so that different events share phrasing no more than real ones do. Each
//! event is reported by eight outlets over up to four days: two publish the
//! same text (a wire copy), the others drop, reorder and cut paragraphs. Events
//! are interleaved in blocks of fifty, as a day's feed mixes many stories, and
//! each block is a day later than the one before, as a live feed arrives in
//! date order.
//!
//! The corpus is written as JSONL files of 1,000 articles and ingested from
//! disk into a fresh SQLite store, so the figure covers reading, repair,
//! extraction, fingerprints, clustering and storage. The report gives the time
//! of the sequential stage (wire-copy lookup and story assignment) on its own,
//! as its thread's processor time since the next files are read meanwhile,
//! and the time of each successive 100,000 articles, which shows whether the
//! cost of an article grows with the store, with the processor time of the
//! whole process in the same stretch (set against the seconds, it tells work
//! from waiting). Times move with whatever else the machine does, so each
//! 100,000 also reports the sequential stage's counted work per article
//! (signatures compared, postings read, stories scored), which does not.

use corroborate_model::{Draft, RawDocument};
use corroborate_store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::demo::DEMO_FILES;

const ARTICLES_PER_EVENT: usize = 8;
const EVENTS_PER_BLOCK: usize = 50;
const ARTICLES_PER_FILE: usize = 1000;
const STEP: usize = 100_000;

/// Where the benchmark keeps what it makes, when asked to.
#[derive(Default)]
pub struct Keep<'a> {
    /// The store, which must not exist yet.
    pub db: Option<&'a Path>,
    /// The generated JSONL files; with it, nothing is ingested.
    pub corpus: Option<&'a Path>,
}

pub fn run(articles: usize, templates: &[PathBuf], keep: Keep) -> anyhow::Result<ExitCode> {
    let templates = if templates.is_empty() { demo_templates() } else { load_templates(templates) };
    anyhow::ensure!(!templates.is_empty(), "no readable template article");
    let dir = tempfile::tempdir()?;
    let input = keep.corpus.map_or_else(|| dir.path().join("input"), Path::to_path_buf);
    std::fs::create_dir_all(&input)?;
    let started = Instant::now();
    let mut bytes = 0usize;
    for (file, start) in (0..articles).step_by(ARTICLES_PER_FILE).enumerate() {
        let path = input.join(format!("part-{file:05}.jsonl"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for i in start..(start + ARTICLES_PER_FILE).min(articles) {
            let line = serde_json::to_string(&variant(&templates, i))?;
            bytes += line.len() + 1;
            writeln!(out, "{line}")?;
        }
    }
    let generated = started.elapsed();
    if keep.corpus.is_some() {
        println!("corpus: {articles} articles in {}", input.display());
        return Ok(ExitCode::SUCCESS);
    }
    let db = keep.db.map_or_else(|| dir.path().join("bench.db"), Path::to_path_buf);
    anyhow::ensure!(!db.exists(), "{} already exists: the benchmark needs a new store", db.display());
    let mut engine = crate::commands::open(&db)?;
    let started = Instant::now();
    let cpu_started = corroborate_engine::process_time();
    let mut reference = Reference::new(&templates[0]);
    let mut steps: Vec<Step> = Vec::new();
    let mut next_step = STEP.min(articles);
    let report = engine.ingest_paths(std::slice::from_ref(&input), &mut |p| {
        reference.run();
        if p.stored >= next_step {
            steps.push(Step {
                stored: p.stored,
                elapsed: started.elapsed().as_secs_f64(),
                cpu: corroborate_engine::process_time().saturating_sub(cpu_started).as_secs_f64(),
                place: p.place_time.as_secs_f64(),
                commit: p.commit_time.as_secs_f64(),
                work: p.work,
                reference: reference.seconds,
                reference_runs: reference.runs as f64,
            });
            next_step += STEP;
        }
    })?;
    let elapsed = started.elapsed().as_secs_f64();
    let stories = engine.store().stories()?.len();
    let place = report.place_time.as_secs_f64();
    println!(
        "corpus: {articles} articles from {} templates, {:.1} MB of JSONL (generated in {:.1} s)",
        templates.len(),
        bytes as f64 / 1e6,
        generated.as_secs_f64()
    );
    println!(
        "stored: {} articles, {} wire copies, {} stories for {} events, {} errors",
        report.stored,
        report.wire_copies,
        stories,
        articles.div_ceil(ARTICLES_PER_EVENT),
        report.errors.len()
    );
    println!(
        "end to end: {elapsed:.1} s, {:.0} articles/s, {:.1} MB/s on {} threads",
        report.stored as f64 / elapsed,
        bytes as f64 / 1e6 / elapsed,
        threads()
    );
    println!(
        "dedup + cluster (sequential stage, its thread's processor time): {place:.1} s, {:.0} articles/s",
        report.stored as f64 / place
    );
    println!(
        "story digests (fusion of every changed story, in the end-to-end time): {:.1} s",
        report.digest_time.as_secs_f64()
    );
    if steps.len() > 1 {
        print_steps(&steps);
    }
    let digests = report.digest_time.as_secs_f64();
    if let Some(extract) = extraction_share(&input)? {
        // Extraction runs inside the parallel stage: its wall time is its CPU
        // time spread over the threads.
        let extraction = extract * report.stored as f64 / threads() as f64;
        let rest = elapsed - extraction - digests;
        println!(
            "extraction and fusion add {:.0}% to the rest of ingest: extraction ≈ {extraction:.1} s \
             ({:.2} ms per article on one thread), fusion (story digests) {digests:.1} s, the rest {rest:.1} s",
            (extraction + digests) / rest * 100.0,
            extract * 1e3
        );
    }
    println!("peak memory (VmHWM): {}", peak_memory().unwrap_or_else(|| "unknown".into()));
    Ok(ExitCode::SUCCESS)
}

/// The cumulative figures of a run when another 100k articles were stored.
struct Step {
    stored: usize,
    elapsed: f64,
    cpu: f64,
    place: f64,
    commit: f64,
    work: corroborate_engine::PlaceWork,
    reference: f64,
    reference_runs: f64,
}

/// A fixed piece of work, run after every chunk: the same article prepared
/// again. Its processor time moves only with the machine (the processor's
/// clock, and the caches and cores it shares with other work on the same
/// host), not with the store, so it tells the machine's drift during a run
/// from the code's growth. Time taken from the cores altogether (a virtual
/// machine's steal time) is not processor time and does not show in it.
struct Reference {
    draft: Draft,
    seconds: f64,
    runs: u64,
}

impl Reference {
    /// Preparations per run: a few milliseconds, next to a chunk's second or more.
    const REPEAT: usize = 32;

    fn new(draft: &Draft) -> Self {
        Reference { draft: draft.clone(), seconds: 0.0, runs: 0 }
    }

    fn run(&mut self) {
        let started = corroborate_engine::thread_time();
        for _ in 0..Self::REPEAT {
            std::hint::black_box(corroborate_engine::prepare(self.draft.clone()));
        }
        self.seconds += corroborate_engine::thread_time().saturating_sub(started).as_secs_f64();
        self.runs += 1;
    }
}

/// How each 100k articles went: seconds in all, the processor time of the
/// whole process (which, set against the seconds, tells work from waiting),
/// of the sequential stage and of the commits, and the sequential stage's counted
/// work per article, which no other load on the machine changes.
fn print_steps(steps: &[Step]) {
    // A step ends at the first chunk past each 100k, so each is scaled to
    // exactly 100k articles.
    let stored = increments(steps.iter().map(|s| s.stored as f64));
    let per = |values: Vec<f64>, unit: f64| -> Vec<f64> {
        values.iter().zip(&stored).map(|(v, n)| v * unit / n.max(1.0)).collect()
    };
    let series = |what: &str, values: &[f64], digits: usize| {
        let list: Vec<String> = values.iter().map(|v| format!("{v:.digits$}")).collect();
        let growth = match values[0] {
            first if first > 0.0 => format!("{:.2}", values[values.len() - 1] / first),
            _ => "n/a".into(),
        };
        println!("{what}: {} (last / first = {growth})", list.join(", "));
    };
    let seconds = |pick: fn(&Step) -> f64| per(increments(steps.iter().map(pick)), STEP as f64);
    let elapsed = seconds(|s| s.elapsed);
    series("seconds per 100k articles", &elapsed, 1);
    // The reference's mean time per run in each step, and the seconds of each
    // step at the machine speed of the first.
    let reference: Vec<f64> = increments(steps.iter().map(|s| s.reference))
        .iter()
        .zip(increments(steps.iter().map(|s| s.reference_runs)))
        .map(|(t, runs)| t / runs.max(1.0) * 1e3)
        .collect();
    let what = format!(
        "reference work (one article prepared {} times after each chunk), ms per run",
        Reference::REPEAT
    );
    series(&what, &reference, 2);
    series(
        "seconds per 100k articles at the machine speed of the first 100k",
        &at_first_speed(&elapsed, &reference),
        1,
    );
    series("seconds per 100k articles of processor time, all threads", &seconds(|s| s.cpu), 1);
    series("seconds per 100k articles in the sequential stage (processor time)", &seconds(|s| s.place), 1);
    series("seconds per 100k articles in commits to the store (processor time)", &seconds(|s| s.commit), 1);
    let per_article = |pick: fn(&Step) -> u64| per(increments(steps.iter().map(|s| pick(s) as f64)), 1.0);
    series("signatures compared per article, per 100k", &per_article(|s| s.work.signatures_compared), 2);
    series("postings read per article, per 100k", &per_article(|s| s.work.postings_read), 1);
    series("stories scored per article, per 100k", &per_article(|s| s.work.stories_scored), 2);
}

/// Each step's seconds as they would have been at the first step's machine
/// speed: scaled by how much faster the reference work ran in that step.
fn at_first_speed(seconds: &[f64], reference: &[f64]) -> Vec<f64> {
    let Some(&first) = reference.first() else {
        return Vec::new();
    };
    seconds.iter().zip(reference).map(|(s, r)| if *r > 0.0 { s * first / r } else { *s }).collect()
}

/// The differences between successive values of a cumulative series, the first against zero.
fn increments(values: impl Iterator<Item = f64>) -> Vec<f64> {
    values.scan(0.0, |prev, v| Some((v - std::mem::replace(prev, v)).max(0.0))).collect()
}

/// Seconds of extraction per article on one thread, timed on the first file
/// of the corpus (articles prepared first, then extracted again alone).
fn extraction_share(input: &Path) -> anyhow::Result<Option<f64>> {
    let Some(first) =
        corroborate_ingest::discover(&[input.to_path_buf()]).files.into_iter().find_map(Result::ok)
    else {
        return Ok(None);
    };
    let doc = corroborate_ingest::load(&first)?;
    let prepared: Vec<_> = corroborate_ingest::read(&doc)
        .into_iter()
        .filter_map(Result::ok)
        .map(corroborate_engine::prepare)
        .collect();
    if prepared.is_empty() {
        return Ok(None);
    }
    let started = Instant::now();
    for p in &prepared {
        std::hint::black_box(corroborate_extract::extract(&p.article));
    }
    Ok(Some(started.elapsed().as_secs_f64() / prepared.len() as f64))
}

fn threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// The demo articles as templates.
fn demo_templates() -> Vec<Draft> {
    DEMO_FILES
        .iter()
        .flat_map(|(name, bytes)| {
            let doc = RawDocument { origin: name.to_string(), bytes: bytes.to_vec(), declared_charset: None };
            corroborate_ingest::read(&doc)
        })
        .filter_map(Result::ok)
        .filter(|d| !d.body.is_empty())
        .collect()
}

/// Articles read from files and folders, in path order; unreadable inputs are skipped.
fn load_templates(paths: &[PathBuf]) -> Vec<Draft> {
    corroborate_ingest::discover(paths)
        .files
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|path| corroborate_ingest::load(&path).ok())
        .flat_map(|doc| corroborate_ingest::read(&doc))
        .filter_map(Result::ok)
        .filter(|d| d.body.split_whitespace().count() >= 40)
        .collect()
}

/// Synthetic article `i`. Articles come in blocks of 50 events × 8 versions,
/// interleaved: position `p` of a block is version `p / 50` of event `p % 50`.
fn variant(templates: &[Draft], i: usize) -> serde_json::Value {
    let block_size = EVENTS_PER_BLOCK * ARTICLES_PER_EVENT;
    let (block, p) = (i / block_size, i % block_size);
    let event = block * EVENTS_PER_BLOCK + p % EVENTS_PER_BLOCK;
    let version = p / EVENTS_PER_BLOCK;
    let template = &templates[event % templates.len()];
    let names = Renamer::new(event as u64);
    let mut paragraphs: Vec<String> = template.body.split("\n\n").map(|p| names.apply(p)).collect();
    // Versions 0 and 1 are the same wire text; the others edit it.
    if version > 1 && paragraphs.len() > 2 {
        paragraphs.remove(version % paragraphs.len());
        paragraphs.rotate_left(version % 2);
        paragraphs.truncate((paragraphs.len() - version % 3).max(1));
    }
    // Dates: each block of events starts a day later, as a feed arrives in date
    // order (a million articles span seven years); versions follow within days.
    let day = 20_454 + block as i64 + (version / 3) as i64;
    let date = chrono::DateTime::from_timestamp(day * 86_400 + 36_000, 0).expect("valid date");
    let outlet = (event * 3 + version) % 97;
    serde_json::json!({
        "title": names.apply(template.title.as_deref().unwrap_or("Report")),
        "maintext": paragraphs.join("\n\n"),
        "source_domain": format!("outlet{outlet}.example"),
        "date_publish": date.format("%Y-%m-%d %H:%M:%S").to_string(),
        "url": format!("https://outlet{outlet}.example/news/{i}"),
    })
}

/// Replaces capitalised words, numbers and one word in three with values derived from a seed.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_scaled_to_the_machine_speed_of_the_first() {
        // The machine twice as slow in the second step and half again in the third.
        let scaled = at_first_speed(&[30.0, 64.0, 45.0], &[2.0, 4.0, 3.0]);
        assert_eq!(scaled, vec![30.0, 32.0, 30.0]);
        assert_eq!(at_first_speed(&[30.0, 40.0], &[2.0, 0.0]), vec![30.0, 40.0], "no reference, no scaling");
        assert!(at_first_speed(&[], &[]).is_empty());
    }

    #[test]
    fn increments_turn_running_totals_into_steps() {
        assert_eq!(increments([3.0, 5.5, 9.0].into_iter()), vec![3.0, 2.5, 3.5]);
        assert_eq!(
            increments([2.0, 1.0].into_iter()),
            vec![2.0, 0.0],
            "a total never shrinks a step below zero"
        );
        assert!(increments(std::iter::empty()).is_empty());
    }
}
