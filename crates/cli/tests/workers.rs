//! Several `corroborate worker` processes over one PostgreSQL store: every
//! article stored once, the same stories as one `ingest` of the same input,
//! and nothing lost when a worker is killed, paused past its lease, or the
//! server restarts under them.
//!
//! These tests need a server: `bash .ci/postgres.sh cargo test -p corroborate
//! --test workers` starts a throwaway one and exports its URL in
//! `CORROBORATE_TEST_POSTGRES` (and the command that restarts it in
//! `CORROBORATE_TEST_PG_RESTART`). Without them the tests check nothing and
//! say so on standard error.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use corroborate_store::{ArticleFilter, PostgresStore, SqliteStore, Store};
use postgres::{Client, NoTls};

/// How long a whole run may take before the test gives up on it.
const RUN_LIMIT: Duration = Duration::from_secs(900);

/// Held for reading by every test, and for writing by the one that restarts
/// the server: a restart cuts the connections of every test, not just its own.
static SERVER: RwLock<()> = RwLock::new(());

fn share_server() -> RwLockReadGuard<'static, ()> {
    SERVER.read().unwrap_or_else(|e| e.into_inner())
}

/// A new, empty database for the test `name`, or `None` (with a note) when
/// no server is configured.
fn fresh_database(name: &str) -> Option<String> {
    let Ok(base) = std::env::var("CORROBORATE_TEST_POSTGRES") else {
        let _ = writeln!(
            std::io::stderr(),
            "CORROBORATE_TEST_POSTGRES is not set: {name} checks nothing \
             (run it with `bash .ci/postgres.sh cargo test -p corroborate --test workers`)"
        );
        return None;
    };
    let db: String = format!("w_{name}").chars().take(63).collect();
    let mut admin = Client::connect(&base, NoTls).expect("CORROBORATE_TEST_POSTGRES accepts connections");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db} TEMPLATE template0")).unwrap();
    let (server, _) = base.rsplit_once('/').expect("a URL with a database name");
    Some(format!("{server}/{db}"))
}

const PLACES: [&str; 12] = [
    "Port Calen",
    "Isle Marra",
    "Tarsk",
    "Velmora",
    "Ostrava Bay",
    "Lindqvist",
    "Pradella",
    "Kestrel Bay",
    "Orrin Falls",
    "Saltmere",
    "Varnholt",
    "Dunmoor",
];
const SUBJECTS: [&str; 8] = [
    "ferry fares",
    "school repairs",
    "harbour dredging",
    "night buses",
    "market hall",
    "water meters",
    "flood barriers",
    "library hours",
];
const OUTLETS: [&str; 6] =
    ["Harbor Times", "Valley Ledger", "Coastline Herald", "Northwire", "Marenia Today", "Kestrel Chronicle"];
const SYLLABLES: [&str; 10] = ["ka", "lo", "mi", "ren", "tas", "vor", "dul", "sen", "bri", "zo"];

/// A made-up name unique to `n`, as an event's people and places have.
fn name(n: usize) -> String {
    let mut s: String = format!("{n:04}").bytes().map(|d| SYLLABLES[usize::from(d - b'0')]).collect();
    s[..1].make_ascii_uppercase();
    s
}

/// Writes `files` JSONL files of ten records each, and returns how many
/// distinct articles they hold. Records of one event (eight articles from
/// several outlets, with a wire copy among them) are spread over neighbouring
/// files; every 50th record repeats the one before it exactly.
fn write_corpus(dir: &Path, files: usize) -> usize {
    let mut distinct = BTreeSet::new();
    let mut previous = String::new();
    for f in 0..files {
        let mut lines = String::new();
        for r in 0..10 {
            let k = f * 10 + r;
            let line = if k % 50 == 49 { previous.clone() } else { record(k) };
            distinct.insert(line.clone());
            lines.push_str(&line);
            lines.push('\n');
            previous = line;
        }
        std::fs::write(dir.join(format!("feed-{f:05}.jsonl")), lines).unwrap();
    }
    distinct.len()
}

fn record(k: usize) -> String {
    let event = k / 8;
    let version = k % 8;
    let place = PLACES[event % PLACES.len()];
    let subject = SUBJECTS[(event / PLACES.len()) % SUBJECTS.len()];
    let person = format!("{} {}", name(event), name(event + 5000));
    let plan = name(event + 2500);
    let day = 1 + (event / 40) % 28;
    // Version 7 is a wire copy of version 6, run by another outlet.
    let outlet = OUTLETS[(event + version) % OUTLETS.len()];
    let wording = if version == 7 { 6 } else { version };
    let opening = [
        format!("Councillors in {place} voted on the {plan} plan for {subject} on Tuesday."),
        format!("The {plan} plan for {subject} in {place} passed a council vote on Tuesday."),
        format!("A divided council in {place} backed the {plan} proposal on {subject}."),
        format!("{place} will change its {subject} under the {plan} plan, the council decided."),
        format!("After a long debate, {place} approved the {plan} scheme for {subject}."),
        format!("{person} won the vote on the {plan} plan for {subject} in {place}."),
        format!("The council of {place} adopted the {plan} plan, reshaping {subject}."),
    ][wording]
        .clone();
    // The rest of the body varies by event (role, wording, people, places), so
    // that events differ in more than their names, as real reports do.
    let role = ["the finance chair", "the mayor", "a councillor", "the treasurer"][event % 4];
    let (cost, years) = (100 + event % 900, 2 + event % 3);
    let costs = [
        format!("said the plan would cost {cost} thousand over {years} years"),
        format!("warned that costs could reach {cost} thousand within {years} years"),
        format!("put the price at {cost} thousand, spread over {years} years"),
        format!("told reporters the budget was {cost} thousand for {years} years"),
    ][(event / 4) % 4]
        .clone();
    let reaction = [
        "Opponents said residents deserved a wider consultation",
        "Critics asked for the figures to be published first",
        "Shop owners feared months of disruption",
        "Residents' groups welcomed the decision but asked for guarantees",
    ][(event / 16) % 4];
    let next = [
        "A report is promised by the end of the month",
        "Work is due to begin in the spring",
        "The plan now goes to the regional board",
        "A public meeting will be held next week",
    ][(event / 64) % 4];
    let body = format!(
        "{opening} {person}, {role}, {costs}. {reaction} in {} and {}. {next}, {} {} said.",
        name(event + 1500),
        name(event + 3500),
        name(event + 2000),
        name(event + 7000),
    );
    let title =
        format!("{place}: {plan} plan for {subject} {}", ["approved", "passes", "backed"][wording % 3]);
    serde_json::json!({
        "title": title,
        "body": body,
        "outlet": outlet,
        "published": format!("2024-03-{day:02}"),
    })
    .to_string()
}

/// The partition of articles into stories, as sets of article ids.
fn partition(store: &impl Store) -> BTreeSet<BTreeSet<String>> {
    let mut stories: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    for a in store.articles(&ArticleFilter::default()).unwrap() {
        stories.entry(a.story.unwrap()).or_default().insert(a.id);
    }
    stories.into_values().collect()
}

/// The partition one `corroborate ingest` of `input` makes.
fn single_process_partition(dir: &Path, input: &Path) -> BTreeSet<BTreeSet<String>> {
    let db = dir.join("single.db");
    let o = common::run(&db, &["ingest", "--json", input.to_str().unwrap()]);
    assert!(o.status.success(), "ingest failed: {}", common::stderr(&o));
    partition(&SqliteStore::open(&db).unwrap())
}

fn enqueue(url: &str, input: &Path) {
    let o = common::bin()
        .args(["--db", url, "worker", "--only-enqueue", "--enqueue", input.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "enqueue failed: {}", common::stderr(&o));
}

fn spawn_worker(url: &str, name: &str, lease: &str) -> Child {
    common::bin()
        .args(["--db", url, "worker", "--exit-when-empty", "--json", "--name", name, "--lease", lease])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for every worker (killing all of them past [`RUN_LIMIT`]).
fn wait_all(workers: Vec<Child>) -> Vec<Output> {
    let deadline = Instant::now() + RUN_LIMIT;
    let mut workers: Vec<Option<Child>> = workers.into_iter().map(Some).collect();
    while workers.iter_mut().flatten().any(|c| c.try_wait().unwrap().is_none()) {
        if Instant::now() > deadline {
            for c in workers.iter_mut().flatten() {
                let _ = c.kill();
            }
            panic!("workers did not finish within {RUN_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    workers.iter_mut().map(|c| c.take().unwrap().wait_with_output().unwrap()).collect()
}

fn report(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "worker failed: {}", common::stderr(o));
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("invalid report ({e}): {}", common::stdout(o)))
}

/// Checks what every run must leave: `distinct` articles, each once, each
/// counted in its story, and every queued input done.
fn assert_complete(url: &str, distinct: usize) {
    let store = PostgresStore::connect(url).unwrap();
    assert_eq!(store.article_count().unwrap() as usize, distinct);
    let counts = store.queue_counts().unwrap();
    assert_eq!(counts.pending(), 0, "{counts:?}");
    let mut raw = Client::connect(url, NoTls).unwrap();
    let row = raw
        .query_one(
            "SELECT (SELECT count(DISTINCT id) FROM articles),
                    (SELECT coalesce(sum(article_count), 0)::bigint FROM stories)",
            &[],
        )
        .unwrap();
    assert_eq!((row.get::<_, i64>(0) as usize, row.get::<_, i64>(1) as usize), (distinct, distinct));
    // The leader that placed the last articles refreshed their stories' digests.
    assert_eq!(store.stale_digests().unwrap(), Vec::<i64>::new());
}

fn query_names(url: &str, sql: &str) -> Vec<String> {
    let mut raw = Client::connect(url, NoTls).unwrap();
    raw.query(sql, &[]).unwrap().iter().map(|r| r.get(0)).collect()
}

/// The name of the worker holding the leader seat, if any.
fn leader(url: &str) -> Option<String> {
    // The seat's advisory lock key, split as pg_locks shows it ("corr", "lead").
    query_names(
        url,
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted
           AND l.classid = x'636f7272'::int::oid AND l.objid = x'6c656164'::int::oid",
    )
    .pop()
}

/// Items currently claimed by `owner`, by sequence number.
fn claimed_by(url: &str, owner: &str) -> Vec<i64> {
    let mut raw = Client::connect(url, NoTls).unwrap();
    raw.query("SELECT seq FROM queue WHERE state = 'claimed' AND lease_owner = $1 ORDER BY seq", &[&owner])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// Waits until `ready` holds, polling (panics past [`RUN_LIMIT`]).
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + RUN_LIMIT;
    while !ready() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(child: &Child, signal: libc::c_int) {
    // SAFETY: sends a signal to a child process this test started and has not reaped.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
}

#[test]
fn three_workers_store_every_article_once_in_the_stories_of_one_process() {
    let _server = share_server();
    let Some(url) = fresh_database("three_workers") else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let distinct = write_corpus(&input, 1000);
    assert_eq!(distinct, 9800);
    let expected = single_process_partition(dir.path(), &input);
    // Eight articles an event: the partition groups articles, without lumping events together.
    assert!((distinct / 20..distinct / 4).contains(&expected.len()), "{} stories", expected.len());

    enqueue(&url, &input);
    let workers = (1..=3).map(|i| spawn_worker(&url, &format!("north-{i}"), "60s")).collect();
    let reports: Vec<serde_json::Value> = wait_all(workers).iter().map(report).collect();

    assert_complete(&url, distinct);
    assert_eq!(partition(&PostgresStore::connect(&url).unwrap()), expected);
    let sum = |key: &str| reports.iter().map(|r| r[key].as_u64().unwrap()).sum::<u64>();
    assert_eq!(sum("prepared"), 1000);
    assert_eq!(sum("stored") as usize, distinct);
    assert_eq!(sum("already_stored"), 200);
    assert_eq!(sum("leases_lost"), 0);

    // The same input again adds nothing and changes no story.
    enqueue(&url, &input);
    let workers = (1..=2).map(|i| spawn_worker(&url, &format!("north-again-{i}"), "60s")).collect();
    let reports: Vec<serde_json::Value> = wait_all(workers).iter().map(report).collect();
    let sum = |key: &str| reports.iter().map(|r| r[key].as_u64().unwrap()).sum::<u64>();
    assert_eq!((sum("stored"), sum("already_stored")), (0, 10_000));
    assert_complete(&url, distinct);
    assert_eq!(partition(&PostgresStore::connect(&url).unwrap()), expected);
}

/// Index in `workers` of the worker named `name` (`south-N`, in spawn order), if still running.
fn position(names: &[String], name: &str) -> Option<usize> {
    names.iter().position(|n| n == name)
}

#[test]
fn killed_workers_leave_nothing_lost_or_doubled() {
    let _server = share_server();
    let Some(url) = fresh_database("killed_workers") else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let distinct = write_corpus(&input, 1000);
    enqueue(&url, &input);

    let mut names: Vec<String> = (1..=3).map(|i| format!("south-{i}")).collect();
    let mut workers: Vec<Child> = names.iter().map(|n| spawn_worker(&url, n, "2s")).collect();
    let store = PostgresStore::connect(&url).unwrap();
    let running = |workers: &mut Vec<Child>| {
        let all = workers.iter_mut().all(|c| c.try_wait().unwrap().is_none());
        assert!(all && store.article_count().unwrap() < distinct as u64, "the run ended before the kills");
    };

    // First a worker in the middle of preparing: caught holding claims after
    // a first commit, stopped where it stands, and killed if it still holds
    // them (a stopped process cannot finish them; its lease runs for 2 s).
    let (mut preparer, mut orphaned) = (String::new(), Vec::new());
    wait_for("a worker holding claims after a first commit", || {
        running(&mut workers);
        if store.article_count().unwrap() == 0 {
            return false;
        }
        let seat = leader(&url).unwrap_or_default();
        let Some(name) = names.iter().find(|n| **n != seat && !claimed_by(&url, n).is_empty()).cloned()
        else {
            return false;
        };
        let i = position(&names, &name).unwrap();
        signal(&workers[i], libc::SIGSTOP);
        orphaned = claimed_by(&url, &name);
        if orphaned.is_empty() {
            signal(&workers[i], libc::SIGCONT);
            return false;
        }
        workers[i].kill().unwrap();
        workers.remove(i).wait().unwrap();
        preparer = names.remove(i);
        true
    });

    // Then the leader, in the middle of assigning: once it has stored more.
    let stored_then = store.article_count().unwrap();
    let mut seat = String::new();
    wait_for("the leader to store more", || {
        running(&mut workers);
        seat = leader(&url).unwrap_or_default();
        !seat.is_empty() && store.article_count().unwrap() > stored_then
    });
    let i = position(&names, &seat).expect("the leader is a running worker");
    workers[i].kill().unwrap();
    workers.remove(i).wait().unwrap();

    // The last worker takes the seat over and finishes everything.
    let reports: Vec<serde_json::Value> = wait_all(workers).iter().map(report).collect();
    assert!(reports[0]["stored"].as_u64().unwrap() > 0, "the survivor stored nothing");
    assert_complete(&url, distinct);
    // The preparer's claims were taken over when their lease ran out, and prepared again.
    let mut raw = Client::connect(&url, NoTls).unwrap();
    for seq in orphaned {
        let row = raw.query_one("SELECT lease_owner, attempts FROM queue WHERE seq = $1", &[&seq]).unwrap();
        assert_ne!(row.get::<_, String>(0), preparer);
        assert!(row.get::<_, i32>(1) >= 2);
    }
}

#[test]
fn a_worker_paused_past_its_lease_cannot_store_its_stale_results() {
    let _server = share_server();
    let Some(url) = fresh_database("a_worker_paused_past_its_lease") else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let distinct = write_corpus(&input, 300);
    let expected = single_process_partition(dir.path(), &input);
    enqueue(&url, &input);

    let paused = spawn_worker(&url, "east-1", "2s");
    let other = spawn_worker(&url, "east-2", "2s");
    // Stop east-1 while it holds claims; what it still holds once stopped is stale.
    let mut stale = Vec::new();
    wait_for("east-1 to be stopped holding claims", || {
        if claimed_by(&url, "east-1").is_empty() {
            return false;
        }
        signal(&paused, libc::SIGSTOP);
        std::thread::sleep(Duration::from_millis(300));
        stale = claimed_by(&url, "east-1");
        if stale.is_empty() {
            signal(&paused, libc::SIGCONT);
        }
        !stale.is_empty()
    });
    // Past the lease: east-2 may take the items over.
    std::thread::sleep(Duration::from_secs(4));
    signal(&paused, libc::SIGCONT);

    let outputs = wait_all(vec![paused, other]);
    let reports: Vec<serde_json::Value> = outputs.iter().map(report).collect();
    let log = common::stderr(&outputs[0]);
    for seq in &stale {
        assert!(log.contains(&format!("lease of item {seq} ")), "item {seq} not refused:\n{log}");
    }
    assert!(reports[0]["leases_lost"].as_u64().unwrap() >= stale.len() as u64);
    assert_complete(&url, distinct);
    // The seat never changed hands (a paused leader keeps it), so the stories
    // are exactly those of one process.
    assert_eq!(partition(&PostgresStore::connect(&url).unwrap()), expected);
}

#[test]
fn workers_ride_out_a_server_restart() {
    let _server = SERVER.write().unwrap_or_else(|e| e.into_inner());
    let Some(url) = fresh_database("workers_ride_out_a_server_restart") else { return };
    let Ok(restart) = std::env::var("CORROBORATE_TEST_PG_RESTART") else {
        eprintln!("CORROBORATE_TEST_PG_RESTART is not set: the restart test checks nothing");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let distinct = write_corpus(&input, 300);
    enqueue(&url, &input);

    let workers = (1..=3).map(|i| spawn_worker(&url, &format!("west-{i}"), "5s")).collect();
    let store = PostgresStore::connect(&url).unwrap();
    wait_for("a first commit", || store.article_count().unwrap() > 0);
    assert!(store.article_count().unwrap() < distinct as u64, "the run ended before the restart");
    let status = Command::new("sh").arg("-c").arg(&restart).stdout(Stdio::null()).status().unwrap();
    assert!(status.success(), "{restart} failed");

    let outputs = wait_all(workers);
    for o in &outputs {
        report(o);
    }
    assert!(outputs.iter().any(|o| common::stderr(o).contains("retrying")), "no worker noticed the restart");
    assert_complete(&url, distinct);
}
