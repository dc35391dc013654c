//! One process at a time writes to a SQLite store; the others wait for it.

mod common;

use std::io::{BufRead, BufReader, Lines};
use std::process::{Child, ChildStderr, Stdio};

use common::{bin, json, run, stderr};
use corroborate_store::WriterLock;

const STORY: &str = "Harbour workers end strike\n\nDock workers in Port Calen voted on Monday to end a \
    nine-day strike after the port authority agreed to raise night-shift pay by 8 percent.\n";

/// Starts `corroborate --db DB ARGS...` while the test holds the store's
/// lock, and checks that its first word on stderr is that it waits.
fn start_waiting(db: &std::path::Path, args: &[&str]) -> (Child, Lines<BufReader<ChildStderr>>) {
    let mut child =
        bin().arg("--db").arg(db).args(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().expect("a line on stderr").unwrap();
    assert!(first.starts_with("waiting for another process writing to"), "{first}");
    assert!(first.contains("store.db-lock"), "{first}");
    (child, lines)
}

#[test]
fn an_ingest_waits_while_another_process_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let input = dir.path().join("strike.txt");
    std::fs::write(&input, STORY).unwrap();
    let held = WriterLock::acquire(&db, |_| panic!("nobody else writes")).unwrap();

    let (mut child, _stderr) = start_waiting(&db, &["ingest", input.to_str().unwrap()]);
    assert!(child.try_wait().unwrap().is_none(), "it waits");

    drop(held);
    assert!(child.wait().unwrap().success());
    assert_eq!(json(&db, &["articles", "--json"]).as_array().unwrap().len(), 1);
    // Readers take no lock: listing while a writer holds it does not wait.
    let _held = WriterLock::acquire(&db, |_| panic!("the ingest has finished")).unwrap();
    assert!(run(&db, &["stories"]).status.success());
}

#[test]
fn a_read_only_server_of_a_missing_store_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let o = bin()
        .arg("--db")
        .arg(&db)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("CORROBORATE_TOKEN")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no store at"), "{}", stderr(&o));
    assert!(!db.exists());
}

#[test]
fn a_server_that_writes_takes_connections_only_once_it_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let held = WriterLock::acquire(&db, |_| panic!("nobody else writes")).unwrap();
    let (mut child, mut lines) = start_waiting(&db, &["serve", "--addr", &addr, "--token", "secret"]);
    assert!(std::net::TcpStream::connect(&addr).is_err(), "not listening while it waits");
    drop(held);
    let serving = lines.next().expect("a second line").unwrap();
    assert!(serving.starts_with("serving"), "{serving}");
    assert!(std::net::TcpStream::connect(&addr).is_ok());
    child.kill().unwrap();
    child.wait().unwrap();
}
