//! Story digests: stored once per change, shown as current only while the
//! story has not grown since.

use corroborate_store::{Digest, Reassignment, Store, StoryDigest, StoryQuery};

use super::{article, batch, story};

fn digest(story: i64, articles: u64, disputes: u64, outlets: &[&str]) -> StoryDigest {
    StoryDigest {
        story,
        articles,
        digest: Digest {
            independent_outlets: outlets.len() as u64,
            disputes,
            outlets: outlets.iter().map(|o| o.to_string()).collect(),
        },
    }
}

fn listed(store: &impl Store, disputed: Option<bool>) -> Vec<(i64, Option<Digest>, bool)> {
    let page = store.story_page(&StoryQuery { disputed, limit: 10, ..StoryQuery::default() }).unwrap();
    let mut items: Vec<_> = page.items.into_iter().map(|s| (s.id, s.digest, s.digest_current)).collect();
    items.sort_by_key(|(id, _, _)| *id);
    items
}

pub fn digests_are_current_until_the_story_grows(mut store: impl Store) {
    store
        .commit(&batch(
            vec![
                article("a1", 1, "Dam inspected"),
                article("b1", 2, "Ferry delayed"),
                article("b2", 2, "Ferry late"),
            ],
            vec![story(1, "Dam"), story(2, "Ferry")],
        ))
        .unwrap();
    assert_eq!(store.stale_digests().unwrap(), [1, 2]);
    assert_eq!(listed(&store, None), [(1, None, false), (2, None, false)]);
    // No story has a digest, so none is known to be disputed, or not to be.
    assert_eq!(listed(&store, Some(true)), []);
    assert_eq!(listed(&store, Some(false)), []);

    let dam = digest(1, 1, 0, &["Valmere Courier"]);
    let ferry = digest(2, 2, 3, &["Lakeside Herald", "Northwire"]);
    // A digest of a story that does not exist is skipped.
    store.put_digests(&[dam.clone(), ferry.clone(), digest(9, 1, 1, &["Nowhere"])]).unwrap();
    assert_eq!(store.stale_digests().unwrap(), Vec::<i64>::new());
    assert_eq!(
        listed(&store, None),
        [(1, Some(dam.digest.clone()), true), (2, Some(ferry.digest.clone()), true)]
    );
    assert_eq!(listed(&store, Some(true)), [(2, Some(ferry.digest.clone()), true)]);
    assert_eq!(listed(&store, Some(false)), [(1, Some(dam.digest.clone()), true)]);

    // The ferry story gains an article: its digest is stale, and shown as such until replaced.
    store.commit(&batch(vec![article("b3", 2, "Ferry back")], vec![story(2, "Ferry")])).unwrap();
    assert_eq!(store.stale_digests().unwrap(), [2]);
    assert_eq!(
        listed(&store, None),
        [(1, Some(dam.digest.clone()), true), (2, Some(ferry.digest.clone()), false)]
    );
    assert_eq!(listed(&store, Some(true)), [(2, Some(ferry.digest.clone()), false)]);
    // A digest computed before the new article arrived stays stale.
    store.put_digests(std::slice::from_ref(&ferry)).unwrap();
    assert_eq!(store.stale_digests().unwrap(), [2]);
    let settled = digest(2, 3, 0, &["Northwire"]);
    store.put_digests(std::slice::from_ref(&settled)).unwrap();
    assert_eq!(store.stale_digests().unwrap(), Vec::<i64>::new());
    assert_eq!(listed(&store, None)[1], (2, Some(settled.digest), true));
    assert_eq!(listed(&store, Some(true)), []);
}

pub fn a_reclustering_makes_the_digests_of_changed_stories_stale(mut store: impl Store) {
    store
        .commit(&batch(
            vec![
                article("a1", 1, "Dam inspected"),
                article("a2", 1, "Dam inspected again"),
                article("b1", 3, "Ferry delayed"),
                article("c1", 4, "Mill closed"),
                article("c2", 5, "Mill closed for good"),
                article("d1", 6, "Bridge shut"),
                article("e1", 7, "Tram halted"),
            ],
            vec![
                story(1, "Dam"),
                story(3, "Ferry"),
                story(4, "Mill"),
                story(5, "Mill again"),
                story(6, "Bridge"),
                story(7, "Tram"),
            ],
        ))
        .unwrap();
    let digests = [
        digest(1, 2, 1, &["Valmere Courier"]),
        digest(3, 1, 0, &["Northwire"]),
        digest(4, 1, 0, &["Northwire"]),
        digest(5, 1, 0, &["Northwire"]),
        digest(6, 1, 0, &["Northwire"]),
        digest(7, 1, 0, &["Northwire"]),
    ];
    store.put_digests(&digests).unwrap();
    assert_eq!(store.stale_digests().unwrap(), Vec::<i64>::new());
    // a2 leaves the dam's story for a new one; c2 joins the mill's story,
    // whose own story goes; the bridge and the tram swap stories, which keep
    // their counts. The ferry's keeps its articles and its digest.
    let plan = Reassignment {
        moves: vec![("a2".into(), 2), ("c2".into(), 4), ("d1".into(), 7), ("e1".into(), 6)],
        stories: vec![
            story(1, "Dam"),
            story(2, "Dam again"),
            story(3, "Ferry"),
            story(4, "Mill"),
            story(6, "Tram"),
            story(7, "Bridge"),
        ],
    };
    assert_eq!(store.stories_issued().unwrap(), 7);
    store.reassign(&plan).unwrap();
    assert_eq!(store.stale_digests().unwrap(), [1, 2, 4, 6, 7]);
    assert_eq!(listed(&store, None).iter().map(|l| l.0).collect::<Vec<_>>(), [1, 2, 3, 4, 6, 7]);
    assert_eq!(listed(&store, None)[2], (3, Some(digests[1].digest.clone()), true));
    // The bridge joins the tram: story 7 goes, and its id stays issued.
    let plan = Reassignment { moves: vec![("d1".into(), 6)], stories: vec![story(6, "Tram and bridge")] };
    store.reassign(&plan).unwrap();
    assert_eq!(listed(&store, None).iter().map(|l| l.0).collect::<Vec<_>>(), [1, 2, 3, 4, 6]);
    assert_eq!(store.stories_issued().unwrap(), 7);
}

/// Digests made by other rules of fusion (an older program's) are all stale
/// once the store is told of the new rules; the version is kept.
pub fn new_rules_of_fusion_make_every_digest_stale(mut store: impl Store) {
    assert_eq!(store.digest_rules().unwrap(), 0);
    store
        .commit(&batch(
            vec![article("a1", 1, "Dam inspected"), article("b1", 2, "Ferry delayed")],
            vec![story(1, "Dam"), story(2, "Ferry")],
        ))
        .unwrap();
    store.put_digests(&[digest(1, 1, 1, &["Valmere Courier"]), digest(2, 1, 0, &["Northwire"])]).unwrap();
    assert_eq!(store.stale_digests().unwrap(), Vec::<i64>::new());
    store.renew_digests(7).unwrap();
    assert_eq!(store.digest_rules().unwrap(), 7);
    assert_eq!(store.stale_digests().unwrap(), [1, 2]);
    store.put_digests(&[digest(1, 1, 0, &["Valmere Courier"]), digest(2, 1, 0, &["Northwire"])]).unwrap();
    assert_eq!(store.stale_digests().unwrap(), Vec::<i64>::new());
    assert_eq!(listed(&store, Some(true)), []);
    store.renew_digests(8).unwrap();
    assert_eq!(store.digest_rules().unwrap(), 8);
}

/// The version of the rules the story rows follow is recorded apart from
/// the digests' and may go down as well as up.
pub fn the_rules_of_story_rows_are_recorded(mut store: impl Store) {
    assert_eq!(store.story_rules().unwrap(), 0);
    store.set_story_rules(3).unwrap();
    assert_eq!(store.story_rules().unwrap(), 3);
    store.set_story_rules(1).unwrap();
    assert_eq!((store.story_rules().unwrap(), store.digest_rules().unwrap()), (1, 0));
}
