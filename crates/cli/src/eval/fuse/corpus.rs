//! The articles of a fusion gold file: JSONL records with an `id` and the
//! `story` they belong to, read as `ingest` reads them and prepared by the
//! engine, so credit lines, text repair and extraction are the real ones.
//!
//! Stories come from the gold `story` field rather than from clustering, so
//! clustering errors do not mix into the scores. Wire copies are found the
//! way the engine finds them, by MinHash similarity of the bodies at the
//! engine's threshold; each article keeps the `id` of its record so the gold
//! file can name it.

use anyhow::Context;
use corroborate_dedup::{similarity, COPY_THRESHOLD};
use corroborate_model::{Article, Extraction};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Articles with their extractions, by story, each story in file order.
pub type Stories = BTreeMap<String, Vec<(Article, Extraction)>>;

/// Reads and prepares the articles of `path`.
pub fn load(path: &Path) -> anyhow::Result<Stories> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    // `id` and `story` of each record, by line number.
    let mut labels: BTreeMap<usize, (String, String)> = BTreeMap::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let record: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: invalid JSON", path.display(), i + 1))?;
        let field =
            |name: &str| {
                record.get(name).and_then(Value::as_str).map(str::to_string).with_context(|| {
                    format!("{}:{}: the record needs a string `{name}`", path.display(), i + 1)
                })
            };
        labels.insert(i + 1, (field("id")?, field("story")?));
    }
    let doc = corroborate_ingest::load(path).with_context(|| format!("cannot read {}", path.display()))?;
    let options = crate::commands::options();
    let mut stories = Stories::new();
    let mut signatures: BTreeMap<String, Vec<Vec<u32>>> = BTreeMap::new();
    for draft in corroborate_ingest::read(&doc) {
        let draft = draft?;
        let line: usize = draft
            .origin
            .rsplit(':')
            .next()
            .and_then(|n| n.parse().ok())
            .with_context(|| format!("{}: no line number", draft.origin))?;
        let (id, story) =
            labels.get(&line).cloned().with_context(|| format!("{}: no record", draft.origin))?;
        let prepared = corroborate_engine::prepare_with(draft, &options);
        let members = stories.entry(story.clone()).or_default();
        let seen = signatures.entry(story).or_default();
        let copy_of = seen.iter().position(|s| similarity(s, &prepared.signature) >= COPY_THRESHOLD);
        let mut article = prepared.article;
        article.id = id;
        article.wire_group = Some(match copy_of {
            Some(i) => members[i].0.wire_group.clone().unwrap_or_else(|| members[i].0.id.clone()),
            None => article.id.clone(),
        });
        seen.push(prepared.signature);
        members.push((article, prepared.extraction));
    }
    Ok(stories)
}
