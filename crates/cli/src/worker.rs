//! `corroborate worker`: one of many processes sharing the work queued in a PostgreSQL store.
//!
//! Any number of workers, on any number of machines, run against one store.
//! `--enqueue` adds inputs to the shared queue first; every worker then
//! prepares queued inputs in parallel, and one of them at a time (the leader)
//! assigns the prepared articles to stories in enqueue order. See
//! `docs/deploy.md`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use corroborate_engine::worker::{enqueue_paths, Event, Worker, WorkerConfig};
use corroborate_store::{is_postgres_url, PostgresStore};

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders to add to the queue (in the order `ingest` would read them) before working.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    enqueue: Vec<PathBuf>,
    /// Only add the `--enqueue` inputs to the queue; do no work.
    #[arg(long, requires = "enqueue")]
    only_enqueue: bool,
    /// Exit once every queued input is done, instead of waiting for more.
    #[arg(long)]
    exit_when_empty: bool,
    /// How long a claimed input stays this worker's before others may take it over (`90s`, `2m`).
    #[arg(long, default_value = "60s", value_parser = parse_duration)]
    lease: Duration,
    /// The worker's name in the queue and in PostgreSQL's session list (default: HOST:PID).
    #[arg(long)]
    name: Option<String>,
    /// Print the final report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let url = db.to_str().filter(|s| is_postgres_url(s)).with_context(|| {
        format!("the work queue lives in a PostgreSQL store: --db postgres://..., not {}", db.display())
    })?;
    let store = PostgresStore::connect(url)?;
    let mut failed = false;
    let mut queued = 0;
    if !args.enqueue.is_empty() {
        let report = enqueue_paths(&store, &args.enqueue)?;
        for e in &report.errors {
            eprintln!("error: {e}");
        }
        if let Some(note) = crate::commands::skipped_note(&report.skipped) {
            eprintln!("{note}");
        }
        failed |= !report.errors.is_empty();
        queued = report.queued;
        if args.only_enqueue {
            if args.json {
                println!("{}", serde_json::json!({ "queued": queued, "errors": report.errors.len() }));
            } else {
                println!("queued {queued} inputs; {} errors", report.errors.len());
            }
            return Ok(exit_code(failed));
        }
    }
    let name = args.name.unwrap_or_else(default_name);
    let config =
        WorkerConfig { name: name.clone(), lease: args.lease, exit_when_empty: args.exit_when_empty };
    let options = crate::commands::options();
    let mut worker = Worker::new(store, options, config);
    let report = worker.run(&mut |event| match event {
        Event::Leading => eprintln!("{name}: assigning stories"),
        Event::LeaseLost { seq, origin } => eprintln!(
            "{name}: lease of item {seq} ({origin}) expired before its result was stored; left to other workers"
        ),
        Event::Input(e) => eprintln!("error: {e}"),
        Event::Retrying(e) => eprintln!("{name}: store failed ({e}); retrying"),
    })?;
    failed |= !report.ingest.errors.is_empty();
    let ingest = &report.ingest;
    if args.json {
        let doc = serde_json::json!({
            "name": name,
            "queued": queued,
            "prepared": report.prepared,
            "leases_lost": report.leases_lost,
            "stored": ingest.stored,
            "already_stored": ingest.already_stored,
            "stories_created": ingest.stories_created,
            "wire_copies": ingest.wire_copies,
            "errors": ingest.errors.len(),
            "assign_seconds": ingest.place_time.as_secs_f64(),
        });
        println!("{doc}");
    } else {
        println!(
            "{name}: prepared {} inputs ({} leases lost); stored {} new articles ({} already stored), \
             {} new stories, {} wire copies; {} errors",
            report.prepared,
            report.leases_lost,
            ingest.stored,
            ingest.already_stored,
            ingest.stories_created,
            ingest.wire_copies,
            ingest.errors.len()
        );
    }
    Ok(exit_code(failed))
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `HOST:PID`: unique among running workers, and says where to look.
fn default_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its whole length; gethostname writes at most that much.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) } == 0;
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    let host = if ok { String::from_utf8_lossy(&buf[..end]).into_owned() } else { "worker".into() };
    format!("{host}:{}", std::process::id())
}

/// `250ms`, `90s`, `2m`, `1h`, or a number of seconds.
fn parse_duration(text: &str) -> anyhow::Result<Duration> {
    let split = text.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: f64 = number.parse().with_context(|| format!("not a duration: {text:?}"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => bail!("not a duration: {text:?} (use ms, s, m or h)"),
    };
    if !(secs > 0.0 && secs.is_finite()) {
        bail!("a lease must be longer than zero: {text:?}");
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_a_unit_or_mean_seconds() {
        assert_eq!(parse_duration("60s").unwrap(), Duration::from_secs(60));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("1.5").unwrap(), Duration::from_millis(1500));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("3d").is_err());
    }
}
