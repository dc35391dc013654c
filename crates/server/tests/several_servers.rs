//! Several API servers over one PostgreSQL store, as behind a load balancer:
//! articles posted to any of them are queued for the workers, and the event
//! stream of every server announces every stored article once, in order.
//!
//! This test needs a server: `bash .ci/postgres.sh cargo test -p
//! corroborate-server --test several_servers` starts a throwaway one and
//! exports its URL in `CORROBORATE_TEST_POSTGRES`. Without it the test checks
//! nothing and says so on standard error.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::time::Duration;

use common::{article_json, Server, TOKEN};
use corroborate_engine::worker::{Worker, WorkerConfig};
use corroborate_engine::Options;
use corroborate_store::{PostgresStore, Store};
use postgres::{Client, NoTls};

const SERVERS: usize = 3;
const BATCHES: usize = 8;
const PER_BATCH: usize = 5;

/// A new, empty database, or `None` (with a note) when no server is configured.
fn fresh_database(name: &str) -> Option<String> {
    let Ok(base) = std::env::var("CORROBORATE_TEST_POSTGRES") else {
        eprintln!("CORROBORATE_TEST_POSTGRES is not set: {name} checks nothing");
        return None;
    };
    let db = format!("s_{name}");
    let mut admin = Client::connect(&base, NoTls).expect("CORROBORATE_TEST_POSTGRES accepts connections");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db} TEMPLATE template0")).unwrap();
    let (server, _) = base.rsplit_once('/').expect("a URL with a database name");
    Some(format!("{server}/{db}"))
}

/// The `data` of the next `article` event.
fn next_article(stream: &mut BufReader<TcpStream>) -> serde_json::Value {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(stream.read_line(&mut line).unwrap() > 0, "stream ended");
        if let Some(data) = line.strip_prefix("data: ") {
            return serde_json::from_str(data).unwrap();
        }
    }
}

fn work_until_empty(url: &str, name: &str) {
    let config = WorkerConfig { name: name.into(), lease: Duration::from_secs(60), exit_when_empty: true };
    let mut worker = Worker::new(PostgresStore::connect(url).unwrap(), Options::default(), config);
    let report = worker.run(&mut |_| {}).unwrap();
    assert!(report.ingest.errors.is_empty(), "{:?}", report.ingest.errors);
}

#[test]
fn every_server_announces_every_article_posted_to_any_of_them() {
    let Some(url) = fresh_database("every_server_announces") else { return };
    let config = || corroborate_server::Config {
        db: url.clone().into(),
        token: Some(TOKEN.into()),
        options: corroborate_engine::Options::default(),
    };
    let servers: Vec<Server> = (0..SERVERS).map(|_| common::serve(config())).collect();
    let mut streams: Vec<_> = servers.iter().map(|s| s.stream("/api/events")).collect();

    // Each server receives its own batches, all at once; a bad record is answered for at once.
    let auth = format!("Bearer {TOKEN}");
    std::thread::scope(|scope| {
        for (s, server) in servers.iter().enumerate() {
            let auth = &auth;
            scope.spawn(move || {
                for b in 0..BATCHES {
                    let mut body: String = (0..PER_BATCH)
                        .map(|i| {
                            let n = (s * BATCHES + b) * PER_BATCH + i;
                            let place = format!("Harbour {n}");
                            article_json(
                                &format!("{place} reopens after storm"),
                                &format!(
                                    "The {place} quay at Valmere reopened on Tuesday after storm repairs \
                                     costing {n}00 crowns, the port office said."
                                ),
                                "Northwire",
                            ) + "\n"
                        })
                        .collect();
                    body.push_str("{\"title\": \"no body\"}\n");
                    let headers =
                        [("Authorization", auth.as_str()), ("Content-Type", "application/x-ndjson")];
                    let r = server.post("/api/articles", &headers, body.as_bytes());
                    assert_eq!(r.status, 202, "{}", r.body);
                    let report = r.json();
                    assert_eq!((report["queued"].as_u64(), report["stored"].as_u64()), (Some(5), Some(0)));
                    assert_eq!(report["errors"].as_array().unwrap().len(), 1, "{report}");
                }
            });
        }
    });
    // Nothing is stored by the servers themselves.
    let store = PostgresStore::connect(&url).unwrap();
    assert_eq!(store.article_count().unwrap(), 0);
    assert_eq!(store.queue_counts().unwrap().queued as usize, SERVERS * BATCHES * PER_BATCH);

    // Two workers store them, committing one batch after another.
    std::thread::scope(|scope| {
        scope.spawn(|| work_until_empty(&url, "north-1"));
        scope.spawn(|| work_until_empty(&url, "north-2"));
    });
    let total = SERVERS * BATCHES * PER_BATCH;
    assert_eq!(store.article_count().unwrap() as usize, total);
    let stored: Vec<u64> = store.articles_since(0, total as u64).unwrap().iter().map(|h| h.seq).collect();

    for stream in &mut streams {
        let announced: Vec<u64> = (0..total).map(|_| next_article(stream)["seq"].as_u64().unwrap()).collect();
        assert_eq!(announced, stored);
    }
    // Every server lists the same stories, holding every article.
    let lists: BTreeSet<String> =
        servers.iter().map(|s| s.get("/api/stories?per_page=100").json()["stories"].to_string()).collect();
    assert_eq!(lists.len(), 1);
    let list: serde_json::Value = serde_json::from_str(lists.first().unwrap()).unwrap();
    let listed: u64 = list.as_array().unwrap().iter().map(|s| s["articles"].as_u64().unwrap()).sum();
    assert_eq!(listed as usize, total);
}
