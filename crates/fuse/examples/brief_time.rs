//! Time to build the brief of one large story.
//!
//! Builds a synthetic story of 500 articles from varied invented sentences:
//! agency reports copied by many outlets, rewrites that reorder, trim and
//! reword them, and independent reports whose figures differ. Prints the
//! median time of several runs of [`corroborate_fuse::brief`] (extraction is
//! done once, before timing), then the time for the last article to join a
//! kept [`corroborate_fuse::StoryFusion`] of the others and for the brief to
//! be made from it.
//!
//! `cargo run --release -p corroborate-fuse --example brief_time [ARTICLES]`

use std::time::Instant;

use corroborate_model::{Article, Extraction};

const RUNS: usize = 7;

const OUTLETS: &[&str] = &[
    "Meridian Press",
    "Harbor Times",
    "Valley Ledger",
    "Northern Star",
    "The Courier",
    "Island Herald",
    "Kestrel Gazette",
    "Daily Digest",
    "Coastal Courier",
    "Evening Post",
];
const PEOPLE: &[&str] = &[
    "Marta Kovač",
    "Nadia Kresić",
    "Jonas Feld",
    "Helga Sorensen",
    "Pavel Ostrov",
    "Sara Lind",
    "Dario Lenz",
];
const ROLES: &[&str] = &["Mayor", "Deputy Mayor", "Foreign Minister", "Police Chief", "spokeswoman"];
const PLACES: &[&str] = &["Port Calder", "Kestrel", "Marsel", "Ashby", "Hamnvik", "Geneva"];
const NOUNS: &[&str] = &["workers", "passengers", "people", "firefighters", "residents", "vehicles"];
const VERBS: &[&str] = &["were injured", "were evacuated", "were rescued", "were detained", "were counted"];
const NUMBERS: &[&str] =
    &["12", "14", "twelve", "about 30", "31", "nearly three dozen", "more than 40", "45"];
const DURATIONS: &[&str] = &["two hours", "120 minutes", "three hours", "90 minutes"];
const DAYS: &[&str] = &["on Monday", "on Tuesday", "on March 3", "yesterday"];

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

/// One invented sentence.
fn sentence(rng: &mut Rng) -> String {
    let (person, place) = (rng.pick(PEOPLE), rng.pick(PLACES));
    match rng.next() % 6 {
        0 => format!(
            "{} {person} said {} that {} {} {} after the storm hit {place}.",
            rng.pick(ROLES),
            rng.pick(DAYS),
            rng.pick(NUMBERS),
            rng.pick(NOUNS),
            rng.pick(VERBS)
        ),
        1 => format!("“We will rebuild {place} street by street,” {person} told reporters."),
        2 => format!("The rescue operation in {place} lasted {}, officials said.", rng.pick(DURATIONS)),
        3 => format!(
            "The council of {place} approved €{} million for repairs {}.",
            10 + rng.next() % 40,
            rng.pick(DAYS)
        ),
        4 => format!("Turnout in {place} reached {}% as {person} urged calm.", 40 + rng.next() % 30),
        _ => format!(
            "Engineers from {place} inspected {} bridges and closed {} roads across the region.",
            rng.pick(NUMBERS),
            2 + rng.next() % 9
        ),
    }
}

fn article(id: usize, outlet: &str, wire: Option<usize>, paragraphs: &[String]) -> (Article, Extraction) {
    let body = paragraphs.join("\n\n");
    let a = Article {
        id: format!("a{id:04}"),
        story: Some(1),
        wire_group: Some(format!("a{:04}", wire.unwrap_or(id))),
        title: format!("Storm report {id}"),
        outlet: Some(outlet.to_string()),
        url: None,
        published: Some(format!("2025-03-{:02}", 5 + id % 3)),
        authors: vec![],
        language: Some("en".into()),
        credited_to: None,
        cites: vec![],
        sentences: corroborate_text::sentences(&body),
        body,
        repairs: vec![],
        flags: vec![],
        origin: format!("a{id}.json"),
    };
    let e = corroborate_extract::extract(&a);
    (a, e)
}

/// Agency reports, their wire copies, rewrites and independent reports, in arrival order.
fn story(n: usize) -> Vec<(Article, Extraction)> {
    let mut rng = Rng(7);
    let mut out: Vec<(Article, Extraction)> = Vec::new();
    let mut reports: Vec<(usize, Vec<String>)> = Vec::new();
    while out.len() < n {
        let id = out.len();
        let outlet = OUTLETS[rng.next() % OUTLETS.len()];
        match rng.next() % 4 {
            // A wire copy of an earlier report, with its last paragraph cut.
            0 if !reports.is_empty() => {
                let (head, text) = &reports[rng.next() % reports.len()];
                let kept = &text[..text.len() - 1];
                out.push(article(id, outlet, Some(*head), kept));
            }
            // A rewrite: some paragraphs of an earlier report, reordered, and new ones.
            1 if !reports.is_empty() => {
                let (_, text) = &reports[rng.next() % reports.len()];
                let mut text: Vec<String> = text.iter().rev().take(4).cloned().collect();
                text.extend((0..3).map(|_| sentence(&mut rng)));
                out.push(article(id, outlet, None, &text));
            }
            _ => {
                let text: Vec<String> = (0..8).map(|_| sentence(&mut rng)).collect();
                out.push(article(id, outlet, None, &text));
                reports.push((id, text));
            }
        }
    }
    out
}

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(500);
    let articles = story(n);
    let sentences: usize = articles.iter().map(|(a, _)| a.sentences.len()).sum();
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let brief = corroborate_fuse::brief(1, "Storm", &articles);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(brief);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let brief = corroborate_fuse::brief(1, "Storm", &articles);
    println!(
        "{n} articles, {sentences} sentences: brief in {:.1} ms (median of {RUNS}; {} claims, {} conflicts, {} sources)",
        times[RUNS / 2],
        brief.claims.len(),
        brief.conflicts.len(),
        brief.sources.len()
    );

    // The same story kept as it grows: the last article joins a kept fusion.
    let (last, earlier) = articles.split_last().expect("a story with articles");
    let mut add = Vec::new();
    let mut rebuild = Vec::new();
    for _ in 0..RUNS {
        let mut fusion = corroborate_fuse::StoryFusion::default();
        for (a, e) in earlier {
            fusion.add(a.clone(), e.clone());
        }
        let start = Instant::now();
        fusion.add(last.0.clone(), last.1.clone());
        let added = start.elapsed().as_secs_f64() * 1000.0;
        std::hint::black_box(fusion.brief(1, "Storm"));
        add.push(added);
        rebuild.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    add.sort_by(f64::total_cmp);
    rebuild.sort_by(f64::total_cmp);
    println!(
        "article {n} joining the kept fusion of the first {}: aligned in {:.2} ms, brief in {:.1} ms in all",
        n - 1,
        add[RUNS / 2],
        rebuild[RUNS / 2]
    );
}
