//! `corroborate watch`: polls the feeds of an OPML file and ingests what is
//! new, as it comes.
//!
//! Each poll asks every feed for changes only (`If-None-Match` /
//! `If-Modified-Since` from the previous answer), stores the items that carry
//! their text, and fetches the pages the other items link to, once each.
//! Fetching is polite: robots.txt is obeyed, requests to one host are spaced
//! by a delay, and every request has a timeout and a size cap. What a poll
//! learnt (validators, pages already fetched) is kept in a small JSON file
//! beside the store, so a restart does not fetch everything again.

mod robots;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use corroborate_engine::IngestReport;
use corroborate_ingest::{FeedLink, IngestError};
use corroborate_model::{Draft, RawDocument};
use serde::{Deserialize, Serialize};

use robots::Robots;

const AGENT: &str = concat!("corroborate/", env!("CARGO_PKG_VERSION"));

#[derive(clap::Args)]
pub struct Args {
    /// OPML file listing the feeds to poll.
    #[arg(long)]
    feeds: PathBuf,
    /// Time between polls: 90s, 10m, 1h.
    #[arg(long, default_value = "10m", value_parser = duration)]
    every: Duration,
    /// Poll once and exit (exit code 1 if anything failed).
    #[arg(long)]
    once: bool,
    /// Least time between two requests to the same host.
    #[arg(long, default_value = "2s", value_parser = duration)]
    delay: Duration,
    /// Time limit of one request.
    #[arg(long, default_value = "30s", value_parser = duration)]
    timeout: Duration,
    /// Largest feed or page accepted, in MiB.
    #[arg(long, default_value_t = 16)]
    max_mib: u64,
}

/// `500ms`, `90s`, `10m`, `1h`, or bare seconds.
fn duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().map_err(|_| format!("not a duration: {text:?}"))?;
    Ok(match unit {
        "ms" => Duration::from_millis(n),
        "" | "s" => Duration::from_secs(n),
        "m" => Duration::from_secs(n * 60),
        "h" => Duration::from_secs(n * 3600),
        _ => return Err(format!("unknown unit in {text:?} (use ms, s, m or h)")),
    })
}

/// What is remembered between polls and runs.
#[derive(Serialize, Deserialize, Default)]
struct State {
    /// Validators per feed URL.
    feeds: BTreeMap<String, Validators>,
    /// Pages fetched or refused by robots.txt, never fetched again.
    fetched: BTreeSet<String>,
}

#[derive(Serialize, Deserialize, Default, Clone)]
struct Validators {
    etag: Option<String>,
    last_modified: Option<String>,
}

/// What one poll did.
#[derive(Default)]
struct Tally {
    feeds: usize,
    unchanged: usize,
    pages: usize,
    robots: usize,
    report: IngestReport,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let list = corroborate_ingest::load(&args.feeds)?;
    let feeds = corroborate_ingest::opml_feeds(&list)?;
    let mut engine = crate::commands::open(db)?;
    let state_path = PathBuf::from(format!("{}.watch.json", db.display()));
    let mut state: State = match std::fs::read(&state_path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        Err(_) => State::default(),
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(args.timeout))
        .http_status_as_error(false)
        .user_agent(AGENT)
        .build()
        .into();
    let mut fetcher = Fetcher {
        agent,
        delay: args.delay,
        cap: args.max_mib << 20,
        last_request: BTreeMap::new(),
        robots: BTreeMap::new(),
    };
    loop {
        let started = Instant::now();
        let mut tally = Tally::default();
        for feed in &feeds {
            poll_feed(&feed.url, &mut fetcher, &mut state, &mut tally, &mut |drafts| {
                Ok(engine.ingest_drafts(drafts)?)
            })?;
        }
        std::fs::write(&state_path, serde_json::to_vec_pretty(&state)?)
            .with_context(|| format!("writing {}", state_path.display()))?;
        for e in &tally.report.errors {
            eprintln!("error: {e}");
        }
        println!(
            "polled {} feed(s) ({} unchanged), fetched {} page(s), {} refused by robots.txt; \
             stored {} new article(s), {} error(s)",
            tally.feeds,
            tally.unchanged,
            tally.pages,
            tally.robots,
            tally.report.stored,
            tally.report.errors.len()
        );
        if args.once {
            return Ok(if tally.report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) });
        }
        std::thread::sleep(args.every.saturating_sub(started.elapsed()));
    }
}

type Store<'a> = dyn FnMut(Vec<Draft>) -> anyhow::Result<IngestReport> + 'a;

fn poll_feed(
    url: &str,
    fetcher: &mut Fetcher,
    state: &mut State,
    tally: &mut Tally,
    store: &mut Store,
) -> anyhow::Result<()> {
    tally.feeds += 1;
    let known = state.feeds.get(url).cloned().unwrap_or_default();
    let response = match fetcher.get(url, &known) {
        Ok(Some(response)) => response,
        Ok(None) => {
            tally.unchanged += 1;
            return Ok(());
        }
        Err(e) => {
            tally.report.errors.push(e);
            return Ok(());
        }
    };
    state.feeds.insert(url.to_string(), response.validators.clone());
    let doc = response.document(url);
    let mut drafts = Vec::new();
    for result in corroborate_ingest::feed_articles(&doc) {
        match result {
            Ok(draft) if draft.url.as_ref().is_some_and(|u| state.fetched.contains(u)) => {}
            Ok(draft) => {
                if let Some(u) = &draft.url {
                    state.fetched.insert(u.clone());
                }
                drafts.push(draft);
            }
            Err(e) => tally.report.errors.push(e),
        }
    }
    for link in corroborate_ingest::feed_links(&doc) {
        if !state.fetched.insert(link.url.clone()) {
            continue;
        }
        match fetcher.allowed(&link.url) {
            Ok(true) => {}
            Ok(false) => {
                tally.robots += 1;
                continue;
            }
            Err(e) => {
                tally.report.errors.push(e);
                continue;
            }
        }
        tally.pages += 1;
        match fetcher.get(&link.url, &Validators::default()) {
            Ok(Some(page)) => {
                for result in corroborate_ingest::read(&page.document(&link.url)) {
                    match result {
                        Ok(draft) => drafts.push(fill_from_feed(draft, &link)),
                        Err(e) => tally.report.errors.push(e),
                    }
                }
            }
            Ok(None) => {}
            Err(e) => {
                // Tried again at the next poll.
                state.fetched.remove(&link.url);
                tally.report.errors.push(e);
            }
        }
    }
    tally.report.merge(store(drafts)?);
    Ok(())
}

/// The page's own metadata first; the feed's where the page says nothing.
fn fill_from_feed(mut draft: Draft, link: &FeedLink) -> Draft {
    draft.url.get_or_insert_with(|| link.url.clone());
    if draft.published.is_none() {
        draft.published.clone_from(&link.published);
    }
    if draft.authors.is_empty() {
        draft.authors.clone_from(&link.authors);
    }
    if draft.title.is_none() {
        draft.title.clone_from(&link.title);
    }
    if draft.outlet.is_none() {
        draft.outlet.clone_from(&link.outlet);
    }
    draft
}

/// HTTP with politeness: per-host spacing and robots.txt, cached per host.
struct Fetcher {
    agent: ureq::Agent,
    delay: Duration,
    cap: u64,
    last_request: BTreeMap<String, Instant>,
    robots: BTreeMap<String, Robots>,
}

/// A successful answer.
struct Fetched {
    body: Vec<u8>,
    charset: Option<String>,
    validators: Validators,
}

impl Fetched {
    fn document(&self, url: &str) -> RawDocument {
        RawDocument {
            origin: url.to_string(),
            bytes: self.body.clone(),
            declared_charset: self.charset.clone(),
        }
    }
}

impl Fetcher {
    /// Fetches a URL; `None` when the server says it has not changed (304).
    fn get(&mut self, url: &str, known: &Validators) -> Result<Option<Fetched>, IngestError> {
        let fail = |reason: String| IngestError::new(url, reason);
        let (_, host, _) = split_url(url).ok_or_else(|| fail("not an http(s) URL".into()))?;
        self.wait_for(&host);
        let mut request = self.agent.get(url);
        if let Some(etag) = &known.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &known.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| fail(e.to_string()))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(None);
        }
        if !(200..300).contains(&status) {
            return Err(fail(format!("HTTP status {status}")));
        }
        let header =
            |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
        let charset = header("content-type").and_then(|t| {
            t.split(';')
                .find_map(|p| p.trim().strip_prefix("charset=").map(|c| c.trim_matches('"').to_string()))
        });
        let body = response.body_mut().with_config().limit(self.cap).read_to_vec().map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => fail(format!("larger than {} MiB", self.cap >> 20)),
            e => fail(e.to_string()),
        })?;
        Ok(Some(Fetched { body, charset, validators }))
    }

    /// Sleeps until the host may be asked again.
    fn wait_for(&mut self, host: &str) {
        if let Some(last) = self.last_request.get(host) {
            std::thread::sleep(self.delay.saturating_sub(last.elapsed()));
        }
        self.last_request.insert(host.to_string(), Instant::now());
    }

    /// Whether robots.txt lets us fetch a URL; the file is read once per host.
    fn allowed(&mut self, url: &str) -> Result<bool, IngestError> {
        let (scheme, host, path) =
            split_url(url).ok_or_else(|| IngestError::new(url, "not an http(s) URL"))?;
        if !self.robots.contains_key(&host) {
            let robots_url = format!("{scheme}://{host}/robots.txt");
            let robots = match self.get(&robots_url, &Validators::default()) {
                Ok(Some(file)) => Robots::parse(&String::from_utf8_lossy(&file.body), AGENT),
                _ => Robots::default(),
            };
            self.robots.insert(host.clone(), robots);
        }
        Ok(self.robots[&host].allows(&path))
    }
}

/// `https://host:port/path?q` → (`https`, `host:port`, `/path?q`).
fn split_url(url: &str) -> Option<(String, String, String)> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let path = rest[end..].split('#').next().unwrap_or("");
    let path = if path.is_empty() { "/".to_string() } else { path.to_string() };
    Some((scheme, rest[..end].to_ascii_lowercase(), path))
}
