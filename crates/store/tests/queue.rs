//! The work queue of a PostgreSQL store: claims, leases, the leader's seat.
//!
//! Like the other PostgreSQL tests these need `CORROBORATE_TEST_POSTGRES`
//! (`bash .ci/postgres.sh cargo test -p corroborate-store`); without it they
//! check nothing and say so. Leases that must expire are taken for a
//! millisecond, so no test waits on a clock longer than a few milliseconds.

mod suite;

use std::io::Write;
use std::sync::Once;
use std::thread::sleep;
use std::time::Duration;

use corroborate_model::{Draft, RawDocument};
use corroborate_store::{Batch, PostgresStore, QueueInput, Ready, Store, MAX_ATTEMPTS};
use postgres::{Client, NoTls};
use suite::{article, story};

const MINUTE: Duration = Duration::from_secs(60);
const INSTANT: Duration = Duration::from_millis(1);

/// A store on a new, empty database for the test `name`, and its URL; `None`
/// (with a note) when no server is configured.
fn fresh(name: &str) -> Option<(PostgresStore, String)> {
    let Ok(base) = std::env::var("CORROBORATE_TEST_POSTGRES") else {
        static SAID: Once = Once::new();
        SAID.call_once(|| {
            let note = "CORROBORATE_TEST_POSTGRES is not set: queue tests check nothing \
                        (run them with `bash .ci/postgres.sh cargo test -p corroborate-store`)";
            let _ = writeln!(std::io::stderr(), "{note}");
        });
        return None;
    };
    let db: String = format!("q_{name}").chars().take(63).collect();
    let mut admin = Client::connect(&base, NoTls).expect("CORROBORATE_TEST_POSTGRES accepts connections");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db} TEMPLATE template0")).unwrap();
    let (server, _) = base.rsplit_once('/').expect("a URL with a database name");
    let url = format!("{server}/{db}");
    Some((PostgresStore::connect(&url).unwrap(), url))
}

fn document(name: &str) -> QueueInput {
    QueueInput::Document(RawDocument {
        origin: format!("feeds/{name}.txt"),
        bytes: format!("{name}\n\nThe council met on Tuesday.").into_bytes(),
        declared_charset: None,
    })
}

fn seqs(claimed: &[corroborate_store::Claimed]) -> Vec<u64> {
    claimed.iter().map(|c| c.lease.seq).collect()
}

#[test]
fn items_are_claimed_once_in_enqueue_order_with_their_inputs() {
    let Some((store, _)) = fresh("items_are_claimed_once_in_enqueue_order") else { return };
    let latin = RawDocument {
        origin: "feeds/latin.html".into(),
        bytes: vec![b'c', b'a', b'f', 0xe9],
        declared_charset: Some("windows-1252".into()),
    };
    let draft = Draft {
        origin: "crawl.warc.gz#3".into(),
        title: Some("Ferry fares rise".into()),
        body: "Fares rise by a tenth from May.".into(),
        ..Draft::default()
    };
    store.enqueue(&[document("a"), QueueInput::Document(latin.clone())]).unwrap();
    store.enqueue(&[QueueInput::Draft(draft.clone()), document("d"), document("e")]).unwrap();

    let first = store.claim("north-1", MINUTE, 2).unwrap();
    let second = store.claim("north-2", MINUTE, 10).unwrap();
    assert_eq!(seqs(&first), [1, 2]);
    assert_eq!(seqs(&second), [3, 4, 5]);
    assert!(store.claim("north-3", MINUTE, 10).unwrap().is_empty());

    match &first[1].input {
        QueueInput::Document(doc) => {
            assert_eq!(
                (&doc.origin, &doc.bytes, &doc.declared_charset),
                (&latin.origin, &latin.bytes, &latin.declared_charset)
            )
        }
        other => panic!("expected a document, got {other:?}"),
    }
    match &second[0].input {
        QueueInput::Draft(d) => assert_eq!(d, &draft),
        other => panic!("expected a draft, got {other:?}"),
    }
    let counts = store.queue_counts().unwrap();
    assert_eq!((counts.queued, counts.claimed, counts.pending()), (0, 5, 5));
}

#[test]
fn a_claim_skips_items_another_claimer_has_locked() {
    let Some((store, url)) = fresh("a_claim_skips_items_another_claimer_has_locked") else { return };
    store.enqueue(&[document("a"), document("b"), document("c")]).unwrap();
    // Another claimer is in the middle of taking item 1.
    let mut other = Client::connect(&url, NoTls).unwrap();
    let mut tx = other.transaction().unwrap();
    tx.query("SELECT seq FROM queue WHERE seq = 1 FOR UPDATE", &[]).unwrap();
    assert_eq!(seqs(&store.claim("north-1", MINUTE, 2).unwrap()), [2, 3]);
    tx.rollback().unwrap();
    assert_eq!(seqs(&store.claim("north-1", MINUTE, 2).unwrap()), [1]);
}

#[test]
fn an_expired_lease_returns_the_item_and_its_late_holder_is_refused() {
    let Some((store, _)) = fresh("an_expired_lease_returns_the_item") else { return };
    store.enqueue(&[document("a"), document("b")]).unwrap();
    let stalled = store.claim("north-1", INSTANT, 1).unwrap().remove(0).lease;
    sleep(INSTANT * 10);
    // Expired but not yet taken over: still refused.
    assert!(!store.complete(stalled, b"late").unwrap());

    let again = store.claim("north-2", MINUTE, 10).unwrap();
    assert_eq!(seqs(&again), [1, 2]);
    assert_ne!(again[0].lease.token, stalled.token);
    assert!(!store.complete(stalled, b"late").unwrap());
    assert!(store.complete(again[0].lease, b"fresh").unwrap());
    // Completing twice is refused too: the lease ends with the first.
    assert!(!store.complete(again[0].lease, b"fresh again").unwrap());

    let mut leader = store.try_lead("north-2").unwrap().expect("the seat is free");
    assert_eq!(
        leader.ready(10).unwrap(),
        [Ready { seq: 1, origin: "feeds/a.txt".into(), prepared: Ok(b"fresh".to_vec()) }]
    );
}

#[test]
fn the_leader_takes_only_the_prepared_head_of_the_queue() {
    let Some((store, _)) = fresh("the_leader_takes_only_the_prepared_head") else { return };
    store.enqueue(&[document("a"), document("b"), document("c"), document("d")]).unwrap();
    let claimed = store.claim("north-1", MINUTE, 4).unwrap();
    // Items 1, 2 and 4 are prepared; 3 is still being worked on.
    for c in claimed.iter().filter(|c| c.lease.seq != 3) {
        assert!(store.complete(c.lease, format!("result {}", c.lease.seq).as_bytes()).unwrap());
    }
    let mut leader = store.try_lead("north-1").unwrap().expect("the seat is free");
    let ready: Vec<u64> = leader.ready(10).unwrap().iter().map(|r| r.seq).collect();
    assert_eq!(ready, [1, 2]);
    leader.finish(&ready).unwrap();
    assert!(leader.ready(10).unwrap().is_empty());

    assert!(store.complete(claimed[2].lease, b"result 3").unwrap());
    let ready: Vec<u64> = leader.ready(1).unwrap().iter().map(|r| r.seq).collect();
    assert_eq!(ready, [3]);
    let counts = store.queue_counts().unwrap();
    assert_eq!((counts.done, counts.prepared, counts.pending()), (2, 2, 2));
}

#[test]
fn one_leader_at_a_time_and_the_seat_frees_when_its_session_ends() {
    let Some((store, url)) = fresh("one_leader_at_a_time") else { return };
    let mut leader = store.try_lead("north-1").unwrap().expect("the seat is free");
    assert!(store.try_lead("north-2").unwrap().is_none());
    leader.commit(&Batch { stories: vec![story(1, "Flood")], ..Batch::default() }).unwrap();

    // The leader's session is cut (its machine vanished from the network).
    let mut admin = Client::connect(&url, NoTls).unwrap();
    let cut: i64 = admin
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'north-1'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(cut, 1);
    let mut next = store.try_lead("north-2").unwrap().expect("the seat was freed");
    // The old leader can no longer write: its writes went through the lost seat.
    let stale = Batch { articles: vec![article("0a0a0a0a", 1, "Flood")], ..Batch::default() };
    assert!(leader.commit(&stale).is_err());
    assert!(!store.contains("0a0a0a0a").unwrap());
    next.commit(&stale).unwrap();
    assert!(store.contains("0a0a0a0a").unwrap());

    drop(next);
    assert!(store.try_lead("north-3").unwrap().is_some());
}

#[test]
fn an_item_that_every_worker_dies_on_is_given_up() {
    let Some((store, _)) = fresh("an_item_that_every_worker_dies_on") else { return };
    store.enqueue(&[document("poison"), document("b")]).unwrap();
    for attempt in 0..MAX_ATTEMPTS {
        let claimed = store.claim(&format!("north-{attempt}"), INSTANT, 1).unwrap();
        assert_eq!(seqs(&claimed), [1]);
        sleep(INSTANT * 10);
    }
    assert_eq!(seqs(&store.claim("north-9", MINUTE, 1).unwrap()), [2]);
    let mut leader = store.try_lead("north-9").unwrap().expect("the seat is free");
    let ready = leader.ready(10).unwrap();
    assert_eq!(ready.len(), 1);
    let failure = ready[0].prepared.as_ref().expect_err("given up");
    assert!(failure.contains(&format!("{MAX_ATTEMPTS} attempts")), "{failure}");
}

#[test]
fn only_a_lease_still_held_is_renewed() {
    let Some((store, _)) = fresh("only_a_lease_still_held_is_renewed") else { return };
    store.enqueue(&[document("a"), document("b")]).unwrap();
    let held = store.claim("north-1", MINUTE, 1).unwrap().remove(0).lease;
    let lapsed = store.claim("north-1", INSTANT, 1).unwrap().remove(0).lease;
    sleep(INSTANT * 10);
    assert_eq!(store.renew(&[held, lapsed], MINUTE).unwrap(), 1);

    let taken_over = store.claim("north-2", MINUTE, 1).unwrap().remove(0).lease;
    assert_eq!(taken_over.seq, lapsed.seq);
    assert_eq!(store.renew(&[lapsed], MINUTE).unwrap(), 0);
    assert!(store.complete(held, b"a").unwrap());
    assert!(!store.complete(lapsed, b"b late").unwrap());
    assert!(store.complete(taken_over, b"b").unwrap());
}
