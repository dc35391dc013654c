//! `corroborate eval entities`: names and cross-document chains against ECB+.
//!
//! ECB+ (Cybulska & Vossen, 2014) groups news articles by topic (the same
//! kind of event) and marks, in part of each text, the mentions of people,
//! organisations, places and things, with chains linking the mentions of
//! one entity across the articles of a topic. Only part of the text is
//! annotated and most annotated mentions are descriptions or pronouns,
//! which corroborate does not look for, so two things are scored:
//!
//! - recall of the annotated mentions that are proper names (the head token
//!   capitalised, not just because it opens the sentence): a name is found
//!   when an extracted mention overlaps it, and found exactly when the spans
//!   are equal;
//! - how well the brief's entities reproduce the gold chains of the names
//!   found: all extracted mentions of a topic are merged exactly as a brief
//!   merges them ([`corroborate_fuse::merge_mentions`]), each found name
//!   takes the entity of the mention overlapping it most, and B-cubed
//!   precision, recall and F1 against the gold chains (a mention in no chain
//!   is its own) are averaged over topics. The same figure for mentions
//!   grouped by identical folded text shows what variant merging adds.
//!
//! Each document's text is rebuilt from its tokens and given to extraction
//! as it is (no repair, so the gold spans stay valid).
//!
//! Goal: B-cubed F1 ≥ 0.70. Published cross-document entity coreference on
//! ECB+ reaches about that with gold mentions of every type (Barhom et al.,
//! 2019, "Revisiting Joint Modeling of Cross-document Entity and Event
//! Coreference Resolution", ACL: entity B-cubed F1 of about 0.70 on the test
//! topics, a figure still to be checked against the paper's table), and less from predicted mentions (Cattan et al., 2021, "Cross-
//! document Coreference Resolution over Predicted Mentions", Findings of
//! ACL). Proper names are the easiest mentions to chain, so falling short of
//! that figure on them would mean the merging, not the task, is at fault.

use anyhow::Context;
use corroborate_cluster::metrics::bcubed;
use corroborate_model::{Article, EntityKind, Mention, Span};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod ecb;

use ecb::Doc;

#[derive(clap::Args)]
pub struct Args {
    /// The ECB+ folder of annotated XML files (searched recursively).
    #[arg(long, value_name = "DIR")]
    dir: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Also list, on standard error, the proper names no extracted mention overlaps.
    #[arg(long)]
    misses: bool,
}

#[derive(Serialize)]
struct Report {
    dir: String,
    documents: usize,
    topics: usize,
    /// Annotated entity mentions, and those that are proper names.
    gold_mentions: usize,
    gold_names: usize,
    /// Proper names overlapped by an extracted mention, and with the same span.
    found: usize,
    found_exact: usize,
    recall: f64,
    recall_exact: f64,
    /// B-cubed of the brief's entities on the names found, averaged over topics.
    chains: Chains,
    /// The same for mentions grouped by identical folded text.
    same_text: Chains,
    /// Names found whose gold type is a person, an organisation or a place,
    /// and the share of them whose entity in the brief has that kind.
    kinds: Vec<KindScore>,
}

#[derive(Serialize)]
struct KindScore {
    kind: EntityKind,
    names: usize,
    right: usize,
    accuracy: f64,
}

#[derive(Serialize, Default)]
struct Chains {
    precision: f64,
    recall: f64,
    f1: f64,
    /// Topics with at least one name found.
    topics: usize,
}

/// A found proper name: its gold chain and kind, and the extracted mention
/// overlapping it.
struct Found {
    chain: String,
    kind: Option<EntityKind>,
    /// Index into the topic's list of extracted mentions.
    mention: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    collect(&args.dir, &mut files)?;
    files.sort();
    anyhow::ensure!(!files.is_empty(), "no .xml file in {}", args.dir.display());
    let mut topics: BTreeMap<String, Vec<Doc>> = BTreeMap::new();
    for path in &files {
        let xml = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let doc = ecb::parse(&xml).with_context(|| format!("parsing {}", path.display()))?;
        let topic = doc.name.split('_').next().unwrap_or_default().to_string();
        topics.entry(topic).or_default().push(doc);
    }

    let (mut gold_mentions, mut gold_names, mut found_exact) = (0, 0, 0);
    let mut found_total = 0;
    let (mut chains, mut same_text) = (Chains::default(), Chains::default());
    // (names, right) for each of KINDS.
    let mut kinds = [(0usize, 0usize); KINDS.len()];
    for docs in topics.values() {
        let mut mentions: Vec<(String, Mention)> = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        for doc in docs {
            let extracted = extract(doc);
            let offset = mentions.len();
            for g in &doc.mentions {
                gold_mentions += 1;
                if !g.proper {
                    continue;
                }
                gold_names += 1;
                found_exact += usize::from(extracted.iter().any(|m| m.span == g.span));
                match best_overlap(&extracted, g.span) {
                    Some(k) => found.push(Found {
                        chain: g.chain.clone().unwrap_or_else(|| format!("{}#{}", doc.name, g.id)),
                        kind: g.kind,
                        mention: offset + k,
                    }),
                    None if args.misses => {
                        eprintln!("{}\t{}", doc.name, &doc.text[g.span.start..g.span.end])
                    }
                    None => {}
                }
            }
            mentions.extend(extracted.into_iter().map(|m| (doc.name.clone(), m)));
        }
        found_total += found.len();
        if found.is_empty() {
            continue;
        }
        let mut entity_of = vec![0; mentions.len()];
        let entities = corroborate_fuse::merge_mentions(&mentions);
        for (e, merged) in entities.iter().enumerate() {
            for &i in &merged.mentions {
                entity_of[i] = e;
            }
        }
        for f in &found {
            if let Some(kind) = f.kind {
                let score = &mut kinds[kind_index(kind)];
                score.0 += 1;
                score.1 += usize::from(entities[entity_of[f.mention]].entity.kind == kind);
            }
        }
        let gold: Vec<&str> = found.iter().map(|f| f.chain.as_str()).collect();
        let merged: Vec<usize> = found.iter().map(|f| entity_of[f.mention]).collect();
        let texts: Vec<String> =
            found.iter().map(|f| corroborate_text::fold(&mentions[f.mention].1.text)).collect();
        add(&mut chains, bcubed(&gold, &merged));
        add(&mut same_text, bcubed(&gold, &texts));
    }
    for c in [&mut chains, &mut same_text] {
        let n = c.topics.max(1) as f64;
        c.precision /= n;
        c.recall /= n;
        c.f1 /= n;
    }
    let ratio = |x: usize| if gold_names == 0 { 0.0 } else { x as f64 / gold_names as f64 };
    let report = Report {
        dir: args.dir.display().to_string(),
        documents: files.len(),
        topics: topics.len(),
        gold_mentions,
        gold_names,
        found: found_total,
        found_exact,
        recall: ratio(found_total),
        recall_exact: ratio(found_exact),
        chains,
        same_text,
        kinds: KINDS
            .iter()
            .zip(kinds)
            .map(|(&kind, (names, right))| KindScore {
                kind,
                names,
                right,
                accuracy: if names == 0 { 0.0 } else { right as f64 / names as f64 },
            })
            .collect(),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print(&report);
    }
    Ok(ExitCode::SUCCESS)
}

/// The kinds scored, in the order printed.
const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Organization, EntityKind::Place];

fn kind_index(kind: EntityKind) -> usize {
    KINDS.iter().position(|&k| k == kind).expect("a scored kind")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
    Ok(())
}

/// The mentions extraction finds in a document's rebuilt text.
fn extract(doc: &Doc) -> Vec<Mention> {
    let article = Article {
        id: doc.name.clone(),
        story: None,
        wire_group: None,
        title: String::new(),
        outlet: None,
        url: None,
        published: None,
        authors: vec![],
        language: Some("en".into()),
        credited_to: None,
        cites: vec![],
        sentences: corroborate_text::sentences(&doc.text),
        body: doc.text.clone(),
        repairs: vec![],
        flags: vec![],
        origin: doc.name.clone(),
    };
    corroborate_extract::extract(&article).mentions
}

/// The extracted mention sharing the most bytes with `span` (ties: the earliest).
fn best_overlap(mentions: &[Mention], span: Span) -> Option<usize> {
    let shared = |m: &Mention| m.span.end.min(span.end).saturating_sub(m.span.start.max(span.start));
    (0..mentions.len())
        .filter(|&k| shared(&mentions[k]) > 0)
        .max_by(|&x, &y| shared(&mentions[x]).cmp(&shared(&mentions[y])).then(y.cmp(&x)))
}

fn add(to: &mut Chains, s: corroborate_cluster::metrics::Scores) {
    to.precision += s.precision;
    to.recall += s.recall;
    to.f1 += s.f1;
    to.topics += 1;
}

fn print(r: &Report) {
    println!("ECB+ {}: {} documents in {} topics", r.dir, r.documents, r.topics);
    println!("annotated entity mentions: {}, of which proper names: {}", r.gold_mentions, r.gold_names);
    println!(
        "names found: {} (recall {:.3}), with the exact span: {} (recall {:.3})",
        r.found, r.recall, r.found_exact, r.recall_exact
    );
    for (label, c) in [("merged entities", &r.chains), ("same text only", &r.same_text)] {
        println!(
            "cross-document chains, {label}: B-cubed P {:.3} R {:.3} F1 {:.3} (mean of {} topics)",
            c.precision, c.recall, c.f1, c.topics
        );
    }
    let kinds: Vec<String> = r
        .kinds
        .iter()
        .map(|k| format!("{} {}/{} ({:.3})", k.kind.name(), k.right, k.names, k.accuracy))
        .collect();
    println!("kind of the entity, for names found: {}", kinds.join(", "));
}
