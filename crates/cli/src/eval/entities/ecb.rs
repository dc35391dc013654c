//! Reading one ECB+ file: tokens, entity mentions and cross-document chains.
//!
//! An ECB+ file is XML with three parts: `<token t_id sentence number>`
//! elements holding the tokenized text, `<Markables>` whose children name
//! their tokens with `<token_anchor t_id>`, and `<Relations>`, where each
//! `CROSS_DOC_COREF` lists the markables (`<source m_id>`) of one chain,
//! named by its `note`. The layout is regular, so a small tag scanner reads
//! it. The text is rebuilt from the tokens, one annotated sentence per
//! paragraph (line breaks are all the layout the files keep), with spaces
//! left out where the tokenizer split punctuation off a word.

use anyhow::Context;
use corroborate_model::{EntityKind, Span};
use std::collections::{BTreeMap, BTreeSet};

/// Markable types that name entities rather than events or times.
const ENTITY_TYPES: &[&str] = &["HUMAN_PART", "LOC_", "NON_HUMAN_PART"];

/// Tokens written against the word before them.
const NO_SPACE_BEFORE: &[&str] =
    &[",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m", "”"];

/// One annotated document.
pub struct Doc {
    pub name: String,
    pub text: String,
    pub mentions: Vec<GoldMention>,
}

/// An annotated entity mention.
pub struct GoldMention {
    pub span: Span,
    /// Whether it is a proper name: its head (last) token is capitalised, and
    /// not merely because it opens the sentence.
    pub proper: bool,
    /// The cross-document chain it belongs to, if any.
    pub chain: Option<String>,
    /// The kind its type tells, for people, organisations and places.
    pub kind: Option<EntityKind>,
    pub id: String,
}

struct Token {
    sentence: u32,
    text: String,
}

/// Reads an ECB+ document from its XML.
pub fn parse(xml: &str) -> anyhow::Result<Doc> {
    let mut name = String::new();
    let mut tokens: BTreeMap<u32, Token> = BTreeMap::new();
    // Markables by id: their type and tokens.
    let mut markables: BTreeMap<String, (String, Vec<u32>)> = BTreeMap::new();
    let mut chains: BTreeMap<String, String> = BTreeMap::new();
    let mut open: Option<(String, BTreeMap<String, String>)> = None;
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        let gt = rest[lt..].find('>').context("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        let text = &rest[..lt];
        rest = &rest[gt + 1..];
        if let Some(closing) = tag.strip_prefix('/') {
            if closing == "token" {
                let (_, attrs) = open.take().context("</token> without <token>")?;
                let id = number(&attrs, "t_id")?;
                tokens.insert(id, Token { sentence: number(&attrs, "sentence")?, text: unescape(text) });
            } else if open.as_ref().is_some_and(|(n, _)| n == closing) {
                open = None;
            }
            continue;
        }
        let (element, attrs) = element(tag);
        match element {
            "Document" => name = attrs.get("doc_name").cloned().unwrap_or_default(),
            "token_anchor" | "source" => {
                let Some((parent, parent_attrs)) = &open else { continue };
                let id = attrs.get(if element == "source" { "m_id" } else { "t_id" });
                let Some(id) = id else { continue };
                if element == "token_anchor" {
                    let m = parent_attrs.get("m_id").context("markable without m_id")?;
                    let entry = markables.entry(m.clone()).or_insert_with(|| (parent.clone(), Vec::new()));
                    entry.1.push(id.parse().context("bad t_id")?);
                } else if parent == "CROSS_DOC_COREF" {
                    if let Some(note) = parent_attrs.get("note") {
                        chains.insert(id.clone(), note.clone());
                    }
                }
            }
            _ if !tag.ends_with('/') => open = Some((element.to_string(), attrs)),
            _ => {}
        }
    }
    Ok(build(name, &tokens, &markables, &chains))
}

fn build(
    name: String,
    tokens: &BTreeMap<u32, Token>,
    markables: &BTreeMap<String, (String, Vec<u32>)>,
    chains: &BTreeMap<String, String>,
) -> Doc {
    let mut text = String::new();
    let mut spans: BTreeMap<u32, Span> = BTreeMap::new();
    let mut sentence_start: BTreeMap<u32, u32> = BTreeMap::new();
    let mut previous: Option<&Token> = None;
    for (&id, t) in tokens {
        let word = match t.text.as_str() {
            "``" => "“",
            "''" => "”",
            w => w,
        };
        match previous {
            Some(p) if p.sentence != t.sentence => text.push_str("\n\n"),
            Some(p)
                if !NO_SPACE_BEFORE.contains(&word) && !matches!(p.text.as_str(), "(" | "[" | "``" | "$") =>
            {
                text.push(' ')
            }
            _ => {}
        }
        sentence_start.entry(t.sentence).or_insert(id);
        spans.insert(id, Span::new(text.len(), text.len() + word.len()));
        text.push_str(word);
        previous = Some(t);
    }
    let lowercase: BTreeSet<&str> = tokens
        .values()
        .map(|t| t.text.as_str())
        .filter(|t| t.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let mut mentions = Vec::new();
    for (id, (kind, anchors)) in markables {
        if !ENTITY_TYPES.iter().any(|t| kind.starts_with(t)) {
            continue;
        }
        let (Some(&first), Some(&last)) = (anchors.iter().min(), anchors.iter().max()) else { continue };
        let (Some(a), Some(b), Some(head)) = (spans.get(&first), spans.get(&last), tokens.get(&last)) else {
            continue;
        };
        let capitalised = head.text.chars().next().is_some_and(char::is_uppercase);
        let opens_sentence = sentence_start.get(&head.sentence) == Some(&last);
        let lower = head.text.to_lowercase();
        let common = corroborate_text::is_stopword(&lower) || lowercase.contains(lower.as_str());
        mentions.push(GoldMention {
            span: Span::new(a.start, b.end),
            proper: capitalised && !(opens_sentence && common),
            chain: chains.get(id).cloned(),
            kind: kind_of(kind),
            id: id.clone(),
        });
    }
    mentions.sort_by_key(|m| (m.span, m.id.clone()));
    Doc { name, text, mentions }
}

/// The kind of entity a markable type names: `HUMAN_PART_PER` a person,
/// `HUMAN_PART_ORG` an organisation, `LOC_GEO` and `HUMAN_PART_GPE` (a
/// country or city acting) a place; vehicles, facilities and the rest none.
fn kind_of(markable: &str) -> Option<EntityKind> {
    match markable {
        "HUMAN_PART_PER" => Some(EntityKind::Person),
        "HUMAN_PART_ORG" => Some(EntityKind::Organization),
        "LOC_GEO" | "HUMAN_PART_GPE" => Some(EntityKind::Place),
        _ => None,
    }
}

/// Element name and attributes of a tag's inside (`token t_id="1"`).
fn element(tag: &str) -> (&str, BTreeMap<String, String>) {
    let tag = tag.trim_end_matches('/').trim();
    let (name, mut rest) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
    let mut attrs = BTreeMap::new();
    while let Some(eq) = rest.find("=\"") {
        let key = rest[..eq].trim().to_string();
        let Some(end) = rest[eq + 2..].find('"') else { break };
        attrs.insert(key, unescape(&rest[eq + 2..eq + 2 + end]));
        rest = &rest[eq + 2 + end + 1..];
    }
    (name, attrs)
}

fn number(attrs: &BTreeMap<String, String>, key: &str) -> anyhow::Result<u32> {
    attrs
        .get(key)
        .with_context(|| format!("token without {key}"))?
        .parse()
        .with_context(|| format!("bad {key}"))
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Document doc_name="3_1ecb.xml" doc_id="D1">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">said</token>
<token t_id="3" sentence="0" number="2">Anna</token>
<token t_id="4" sentence="0" number="3">Berg</token>
<token t_id="5" sentence="0" number="4">&amp;</token>
<token t_id="6" sentence="0" number="5">co</token>
<token t_id="7" sentence="0" number="6">.</token>
<token t_id="8" sentence="1" number="0">Berg</token>
<token t_id="9" sentence="1" number="1">'s</token>
<token t_id="10" sentence="1" number="2">police</token>
<Markables>
<HUMAN_PART_ORG m_id="1"  >
  <token_anchor t_id="1"/>
</HUMAN_PART_ORG>
<HUMAN_PART_PER m_id="2"  >
  <token_anchor t_id="3"/>
  <token_anchor t_id="4"/>
</HUMAN_PART_PER>
<HUMAN_PART_PER m_id="3"  >
  <token_anchor t_id="8"/>
</HUMAN_PART_PER>
<ACTION_REPORTING m_id="4"  >
  <token_anchor t_id="2"/>
</ACTION_REPORTING>
<HUMAN_PART_PER m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t3_berg" instance_id="HUM1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1" >
  <source m_id="2" />
  <source m_id="3" />
  <target m_id="9" />
</CROSS_DOC_COREF>
</Relations>
</Document>"#;

    #[test]
    fn rebuilds_text_and_reads_mentions_with_chains() {
        let doc = parse(XML).unwrap();
        assert_eq!(doc.name, "3_1ecb.xml");
        assert_eq!(doc.text, "Police said Anna Berg & co.\n\nBerg's police");
        let found: Vec<(&str, bool, Option<&str>)> = doc
            .mentions
            .iter()
            .map(|m| (&doc.text[m.span.start..m.span.end], m.proper, m.chain.as_deref()))
            .collect();
        // `Police` opens its sentence and is written in lowercase elsewhere: not a name.
        assert_eq!(
            found,
            [("Police", false, None), ("Anna Berg", true, Some("HUM1")), ("Berg", true, Some("HUM1"))]
        );
        let kinds: Vec<Option<EntityKind>> = doc.mentions.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [Some(EntityKind::Organization), Some(EntityKind::Person), Some(EntityKind::Person)]
        );
        assert_eq!(kind_of("LOC_GEO"), Some(EntityKind::Place));
        assert_eq!(kind_of("HUMAN_PART_VEH"), None);
    }
}
