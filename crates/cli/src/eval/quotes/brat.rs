//! Reading PolNeAR: the split's files and brat standoff attributions.
//!
//! brat offsets count characters; corroborate's spans count bytes, so every
//! offset is converted through the text it belongs to.

use anyhow::Context;
use corroborate_model::Span;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A gold attribution, with byte spans.
pub(crate) struct Gold {
    pub content: Vec<Span>,
    pub cue: Option<Span>,
    pub source: Option<Span>,
    pub direct: bool,
}

/// The text and annotation files of the articles of `split`, as listed in
/// `metadata.tsv` with the annotator whose annotation counts.
pub(crate) fn split_files(dir: &Path, split: &str) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    let meta = dir.join("metadata.tsv");
    let text = std::fs::read_to_string(&meta).with_context(|| format!("cannot read {}", meta.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let (Some(c_split), Some(c_file), Some(c_annotators)) =
        (column("compartment"), column("filename"), column("annotators"))
    else {
        anyhow::bail!("{}: expected the columns compartment, filename and annotators", meta.display());
    };
    let mut out = Vec::new();
    for line in lines {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.get(c_split) != Some(&split) {
            continue;
        }
        let (Some(file), Some(annotators)) = (cells.get(c_file), cells.get(c_annotators)) else { continue };
        let text = dir.join(split).join("text").join(format!("{file}.txt"));
        let ann = annotators
            .split('|')
            .map(|a| dir.join(split).join("attributions").join(format!("{file}_{a}.ann")))
            .find(|p| p.exists());
        if let (true, Some(ann)) = (text.exists(), ann) {
            out.push((text, ann));
        }
    }
    out.sort();
    Ok(out)
}

/// The attributions (relations `E…` of type Attribution) of one annotation file.
pub(crate) fn attributions(text: &str, ann: &str) -> anyhow::Result<Vec<Gold>> {
    let bytes = char_to_byte(text);
    let mut spans: HashMap<&str, Vec<Span>> = HashMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cells = line.split('\t');
        let (Some(id), Some(what)) = (cells.next(), cells.next()) else { continue };
        if id.starts_with('T') {
            let (_, ranges) = what.split_once(' ').context("a text-bound line without offsets")?;
            let mut found = Vec::new();
            for range in ranges.split(';') {
                let (a, b) = range.split_once(' ').context("an offset pair")?;
                let (a, b): (usize, usize) = (a.parse()?, b.parse()?);
                let (Some(&a), Some(&b)) = (bytes.get(a), bytes.get(b)) else {
                    anyhow::bail!("offset beyond the text in `{line}`");
                };
                found.push(Span::new(a, b));
            }
            spans.insert(id, found);
        }
    }
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some(args) = line.split('\t').nth(1) else { continue };
        let mut parts = args.split(' ');
        if !parts.next().is_some_and(|p| p.starts_with("Attribution")) {
            continue;
        }
        let (mut content, mut cue, mut source) = (Vec::new(), None, None);
        for part in parts {
            let Some((role, id)) = part.split_once(':') else { continue };
            let Some(s) = spans.get(id) else { continue };
            match role {
                "Content" => content.extend(s),
                "Cue" => cue = extent(s),
                "Source" => source = extent(s),
                _ => {}
            }
        }
        if content.is_empty() {
            continue;
        }
        content.sort();
        let direct = content.iter().all(|&s| quoted(text, s));
        out.push(Gold { content, cue, source, direct });
    }
    Ok(out)
}

fn extent(spans: &[Span]) -> Option<Span> {
    let start = spans.iter().map(|s| s.start).min()?;
    let end = spans.iter().map(|s| s.end).max()?;
    Some(Span::new(start, end))
}

/// Byte offset of every character offset, one past the end included.
fn char_to_byte(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, _)| i).chain([text.len()]).collect()
}

const OPENING: &[char] = &['“', '"', '«', '‘', '\''];
const CLOSING: &[char] = &['”', '"', '»', '’', '\''];

/// Whether the text at `span` is enclosed in quote marks, inside the span or just outside it.
pub(crate) fn quoted(text: &str, span: Span) -> bool {
    let inner = text[span.start..span.end].trim().trim_end_matches([',', '.', ';', ':', ' ']);
    let before = text[..span.start].trim_end().chars().next_back();
    let after = text[span.end..].trim_start_matches([',', '.', ' ']).chars().next();
    let opens = inner.starts_with(OPENING) || before.is_some_and(|c| OPENING.contains(&c));
    let closes = inner.ends_with(CLOSING) || after.is_some_and(|c| CLOSING.contains(&c));
    opens && closes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_offsets_become_byte_spans() {
        let text = "Kovač said: “We stay.” Later, she said the port would reopen.";
        let ann = "T1\tSource 0 5\tKovač\nT2\tCue 6 10\tsaid\nT3\tContent 12 22\t“We stay.”\n\
                   T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
                   T5\tSource 30 33\tshe\nT6\tCue 34 38\tsaid\nT7\tContent 39 60\tthe port would reopen\n\
                   E2\tAttribution:T4 Content:T7 Cue:T6 Source:T5\n";
        let gold = attributions(text, ann).unwrap();
        assert_eq!(gold.len(), 2);
        let slice = |s: Span| &text[s.start..s.end];
        assert_eq!(slice(gold[0].source.unwrap()), "Kovač");
        assert_eq!(slice(gold[0].content[0]), "“We stay.”");
        assert!(gold[0].direct);
        assert_eq!(slice(gold[1].content[0]), "the port would reopen");
        assert_eq!(slice(gold[1].source.unwrap()), "she");
        assert!(!gold[1].direct);
    }
}
