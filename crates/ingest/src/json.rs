//! JSON and JSONL articles: news-please output (`maintext`, `date_publish`,
//! `source_domain`…) and the generic field names most exporters use. A file
//! may hold one object, an array of objects, or one object per line; every
//! record stands on its own, so a broken line costs only itself.

use corroborate_model::{Draft, Flag, FlagKind};
use serde_json::{Map, Value};

use crate::{credits, dates, html, meta, IngestError};

const BODY_FIELDS: [&str; 4] = ["maintext", "text", "body", "content"];

/// Errors listed one by one for a document; the rest are counted in one
/// more error, so that a dump of millions of broken records costs no more
/// memory, nor lines of output, than a few.
pub(crate) const LISTED_ERRORS: usize = 20;

pub(crate) fn read(origin: &str, text: &str, line_delimited: bool) -> Vec<Result<Draft, IngestError>> {
    let mut kept = Vec::new();
    let (mut listed, mut unlisted) = (0, 0usize);
    each_record(origin, text, line_delimited, &mut |result| match result {
        Err(_) if listed == LISTED_ERRORS => unlisted += 1,
        Err(e) => {
            listed += 1;
            kept.push(Err(e));
        }
        Ok(draft) => kept.push(Ok(draft)),
    });
    if unlisted > 0 {
        let reason =
            format!("{unlisted} more records could not be read (the first {LISTED_ERRORS} are listed)");
        kept.push(Err(IngestError::new(origin, reason)));
    }
    kept
}

/// Every record of a document, each handed to `on` as it is read.
fn each_record(
    origin: &str,
    text: &str,
    line_delimited: bool,
    on: &mut dyn FnMut(Result<Draft, IngestError>),
) {
    let text = text.trim_start_matches('\u{feff}');
    if !line_delimited && text.trim_start().starts_with('[') {
        return each_item(origin, text, on);
    }
    if !line_delimited {
        let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        match serde_json::from_str::<Value>(text) {
            Ok(value) => return on(record(origin, "", &value)),
            Err(e) if serde_json::from_str::<Value>(first_line).is_err() => {
                return on(Err(invalid(origin, &format!("line {}: ", e.line()), &e)))
            }
            // Several lines that each parse: JSON lines under another name.
            Err(_) => {}
        }
    }
    for (i, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
        // The origin ends in the line number, so the reason need not say it.
        let origin = format!("{origin}:{}", i + 1);
        on(match serde_json::from_str::<Value>(line) {
            Ok(value) => record(&origin, "", &value),
            Err(e) => Err(invalid(&origin, "", &e)),
        });
    }
}

/// The items of a JSON array, read one at a time rather than the whole
/// array first: a small file of millions of items (a gzipped dump) would
/// otherwise be held whole. Items before a break in the array are kept.
fn each_item(origin: &str, text: &str, on: &mut dyn FnMut(Result<Draft, IngestError>)) {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut items = 0;
    let read =
        serde::Deserializer::deserialize_seq(&mut de, Items { origin, items: &mut items, on: &mut *on })
            .and_then(|()| de.end());
    match read {
        Err(e) => on(Err(invalid(origin, &format!("line {}: ", e.line()), &e))),
        Ok(()) if items == 0 => on(Err(IngestError::new(origin, "an empty JSON array: no articles"))),
        Ok(()) => {}
    }
}

/// Reads the items of an array as records, counting them.
struct Items<'a> {
    origin: &'a str,
    items: &'a mut usize,
    on: &'a mut dyn FnMut(Result<Draft, IngestError>),
}

impl<'de> serde::de::Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<Value>()? {
            *self.items += 1;
            let n = *self.items;
            (self.on)(record(&format!("{}:{n}", self.origin), &format!("item {n}: "), &item));
        }
        Ok(())
    }
}

/// `<label>invalid JSON: <message> at column C`, serde's line moved to the
/// label (a JSONL record is parsed alone, so serde would always say line 1,
/// and its origin names the line).
fn invalid(origin: &str, label: &str, e: &serde_json::Error) -> IngestError {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&position).unwrap_or(&message);
    IngestError::new(origin, format!("{label}invalid JSON: {message} at column {}", e.column()))
}

pub(crate) fn record(origin: &str, label: &str, value: &Value) -> Result<Draft, IngestError> {
    let Value::Object(fields) = value else {
        return Err(IngestError::new(origin, format!("{label}expected a JSON object")));
    };
    let Some(raw_body) = BODY_FIELDS.iter().find_map(|k| string(fields, k)) else {
        let reason = format!("{label}no article text (expected one of {})", BODY_FIELDS.join(", "));
        return Err(IngestError::new(origin, reason));
    };
    let mut draft = Draft {
        origin: origin.to_string(),
        title: first_string(fields, &["title", "headline"]),
        url: first_string(fields, &["url", "link"]),
        authors: authors(fields),
        language: first_string(fields, &["language", "lang"]).and_then(|l| meta::language_code(&l)),
        credited_to: string(fields, "credited_to"),
        cites: cites(fields),
        ..Draft::default()
    };
    draft.outlet = ["outlet", "publisher", "source", "source_domain", "site_name"]
        .iter()
        .find_map(|k| name(fields.get(*k)?))
        .or_else(|| meta::host_outlet(draft.url.as_deref()?));
    published(&mut draft, fields);
    let raw_body = if raw_body.contains("</p>") {
        html::fragment_text(&raw_body)
            .map_err(|reason| IngestError::new(origin, format!("{label}{reason}")))?
    } else {
        raw_body
    };
    credits::apply(&mut draft, &raw_body);
    dates::stamp_as_title(&mut draft);
    match &draft.title {
        None => headline_from_body(&mut draft),
        Some(title) => {
            // The headline saved again as the text's first line is not the lead.
            if let Some((first, rest)) = draft.body.split_once("\n\n") {
                if meta::words(first) == meta::words(title) && !rest.trim().is_empty() {
                    draft.body = rest.trim_start().to_string();
                }
            }
        }
    }
    if draft.body.is_empty() {
        let reason = format!("{label}no article text (expected one of {})", BODY_FIELDS.join(", "));
        return Err(IngestError::new(origin, reason));
    }
    Ok(draft)
}

/// Longest first paragraph taken for a headline.
const HEADLINE_CHARS: usize = 160;

/// A record without a title whose text opens with its headline (a short
/// first paragraph of three words or more that ends in no punctuation,
/// followed by more text, as scrapers often save a page): the headline
/// becomes the title and leaves the body, where it would be read as the
/// lead's first sentence.
fn headline_from_body(draft: &mut Draft) {
    let Some((first, rest)) = draft.body.split_once("\n\n") else { return };
    let line = first.trim();
    let ends =
        line.trim_end_matches(['"', '\'', '’', '”', ')']).ends_with(['.', '!', '?', ':', ';', ',', '-', '—']);
    let looks = !line.contains('\n')
        && !ends
        && !furniture(line)
        && line.chars().count() <= HEADLINE_CHARS
        && line.split_whitespace().count() >= 3
        && line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !rest.trim().is_empty()
        && meta::byline(line).is_none()
        && !dates::is_stamp(line);
    if looks {
        draft.title = Some(line.to_string());
        draft.body = rest.trim_start().to_string();
        // A date stamp refused as the title is no longer a missing title.
        draft.flags.retain(|f| f.kind != FlagKind::MissingTitle);
    }
}

/// Labels that open a line of page furniture (`Photo: Getty Images`).
const FURNITURE: [&str; 10] = [
    "advertisement",
    "credit",
    "image",
    "photo",
    "picture",
    "posted",
    "published",
    "source",
    "updated",
    "video",
];

/// A first line that is page furniture, not a headline: a label, a time
/// (`Updated 3:45 PM ET`), or a dateline (`WASHINGTON (Reuters)`, `LONDON,
/// March 3`).
fn furniture(line: &str) -> bool {
    let first = line.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let dateline = first.chars().count() >= 2
        && first.chars().all(char::is_uppercase)
        && line[first.len()..].trim_start().starts_with([',', '(']);
    FURNITURE.contains(&first.to_lowercase().as_str()) || dateline || dates::has_clock(line)
}

fn published(draft: &mut Draft, fields: &Map<String, Value>) {
    let keys = ["date_publish", "published", "date", "published_at", "datePublished", "pubDate"];
    match keys.iter().find_map(|k| fields.get(*k).filter(|v| !v.is_null())) {
        Some(Value::Number(n)) => match n.as_i64().and_then(dates::from_epoch) {
            Some(date) => draft.published = Some(date),
            None => draft.flags.push(Flag::new(FlagKind::UnparsedDate, format!("unparsed date {n}"))),
        },
        Some(Value::String(s)) if !s.trim().is_empty() => dates::set_published(draft, s),
        _ => {}
    }
}

/// A non-empty string field, trimmed.
fn string(fields: &Map<String, Value>, key: &str) -> Option<String> {
    fields.get(key)?.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn first_string(fields: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| string(fields, k))
}

/// A name given as a string or as an object with a `name`.
fn name(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("name")?.as_str()?,
        _ => return None,
    };
    Some(text.trim()).filter(|t| !t.is_empty()).map(str::to_string)
}

fn authors(fields: &Map<String, Value>) -> Vec<String> {
    let mut names = Vec::new();
    for key in ["authors", "author"] {
        match fields.get(key) {
            Some(Value::Array(items)) => names.extend(items.iter().filter_map(name)),
            Some(Value::String(s)) => names.extend(meta::split_names(s)),
            Some(other) => names.extend(name(other)),
            None => {}
        }
        if !names.is_empty() {
            break;
        }
    }
    names.iter().map(|n| meta::person_name(n)).filter(|n| meta::looks_like_person(n)).collect()
}

fn cites(fields: &Map<String, Value>) -> Vec<String> {
    match fields.get("cites") {
        Some(Value::Array(items)) => items.iter().filter_map(name).collect(),
        Some(Value::String(s)) => {
            s.split([',', ';']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect()
        }
        _ => Vec::new(),
    }
}
