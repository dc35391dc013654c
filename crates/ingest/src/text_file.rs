//! Plain text and Markdown articles. Metadata comes from optional front
//! matter; without it, the layout most hand-saved articles share is
//! recognised: a headline, then perhaps a byline and a dateline, then the
//! text. Without a date of its own, a date in the file's name is taken.

use corroborate_model::Draft;

use crate::{credits, dates, meta, IngestError};

pub(crate) fn read(origin: &str, text: &str) -> Result<Draft, IngestError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut draft = Draft { origin: origin.to_string(), ..Draft::default() };
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some((fields, rest)) = front_matter(&lines) {
        for (key, value) in fields {
            apply_field(&mut draft, &key, &value);
        }
        lines = rest;
    }
    let mut at = skip_blank(&lines, 0);
    if draft.title.is_none() {
        if let Some((title, taken)) = headline(&lines, at, origin) {
            draft.title = Some(title);
            at = skip_blank(&lines, at + taken);
        }
    } else if let Some(line) = lines.get(at) {
        // A Markdown heading repeating the front matter title is not body text.
        if strip_hash(line).is_some_and(|h| Some(h) == draft.title.as_deref()) {
            at = skip_blank(&lines, at + 1);
        }
    }
    // A byline and a dateline may follow the headline, in either order.
    for _ in 0..2 {
        let Some(line) = lines.get(at) else { break };
        if let Some(names) = meta::byline(line).filter(|_| draft.title.is_some()) {
            if draft.authors.is_empty() {
                draft.authors = names;
            }
        } else if let Some(raw) = dateline(line) {
            dates::set_published(&mut draft, &raw);
        } else {
            break;
        }
        at = skip_blank(&lines, at + 1);
    }
    if draft.published.is_none() {
        // A date in the file's name (`herald_2026-03-05_ferries.txt`).
        draft.published = dates::from_path(dates::file_name(origin));
    }
    let body = lines.get(at..).unwrap_or_default().join("\n");
    credits::apply(&mut draft, &body);
    if draft.body.is_empty() {
        return Err(IngestError::new(origin, "no article text found"));
    }
    Ok(draft)
}

/// Front matter as `(key, value)` pairs, keys lowercase.
type Fields = Vec<(String, String)>;

/// `---`, `key: value` lines, `---`; `None` when the block is not closed or
/// holds anything else (then the `---` was a rule, not front matter). YAML
/// list items under a key (`  - Jane Doe`) are joined to its value.
fn front_matter<'a>(lines: &[&'a str]) -> Option<(Fields, Vec<&'a str>)> {
    if lines.first()?.trim() != "---" {
        return None;
    }
    let end = lines.iter().skip(1).position(|l| l.trim() == "---")? + 1;
    let mut fields: Fields = Vec::new();
    for line in lines[1..end].iter().filter(|l| !l.trim().is_empty()) {
        if let Some(item) = line.trim().strip_prefix("- ") {
            let (_, value) = fields.last_mut()?;
            if !value.is_empty() {
                value.push_str(", ");
            }
            value.push_str(unquote(item.trim()));
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || "_- ".contains(c)) {
            return None;
        }
        fields.push((key, unquote(value.trim()).to_string()));
    }
    fields.retain(|(_, value)| !value.is_empty());
    Some((fields, lines[end + 1..].to_vec()))
}

fn apply_field(draft: &mut Draft, key: &str, value: &str) {
    match key {
        "title" => draft.title = Some(value.to_string()),
        "outlet" | "source" | "publisher" => draft.outlet = Some(value.to_string()),
        "url" => draft.url = Some(value.to_string()),
        "published" | "date" => dates::set_published(draft, value),
        "author" | "authors" => draft.authors = meta::split_names(value.trim_matches(['[', ']'])),
        "language" | "lang" => draft.language = meta::language_code(value),
        "credited_to" | "credited from" | "credit" => draft.credited_to = Some(value.to_string()),
        _ => {}
    }
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote).and_then(|v| v.strip_suffix(quote)) {
            return inner;
        }
    }
    value
}

fn skip_blank(lines: &[&str], mut at: usize) -> usize {
    while lines.get(at).is_some_and(|l| l.trim().is_empty()) {
        at += 1;
    }
    at
}

fn strip_hash(line: &str) -> Option<&str> {
    line.trim().strip_prefix("# ").map(str::trim)
}

/// The line at `at` when it reads like a headline: short, not a sentence,
/// not the first line of a wrapped paragraph, and followed by more text.
fn headline(lines: &[&str], at: usize, origin: &str) -> Option<(String, usize)> {
    let line = lines.get(at)?.trim();
    let first = strip_hash(line).unwrap_or(line);
    let next = lines.get(at + 1).map_or("", |l| l.trim());
    let plain = |l: &str| meta::byline(l).is_none() && dateline(l).is_none();
    let wraps_on = !next.is_empty()
        && plain(next)
        && (next.starts_with(char::is_lowercase) || first.ends_with([',', ';', ':', '-']));
    // A headline wrapped over two or three lines stands alone before a blank
    // line, a byline or a dateline, and ends in no sentence end unless the
    // file is named after it; the first lines of a wrapped paragraph do
    // not. A Markdown heading is one line.
    let (title, taken) = if wraps_on {
        let taken = lines[at..].iter().take_while(|l| !l.trim().is_empty() && plain(l)).count();
        let wrapped = &lines[at..at + taken];
        let alone = lines.get(at + taken).is_none_or(|l| l.trim().is_empty() || !plain(l));
        if !(2..=3).contains(&taken)
            || !alone
            || line.starts_with('#')
            || !wrapped.iter().all(|l| l.chars().any(char::is_alphabetic))
        {
            return None;
        }
        (wrapped.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "), taken)
    } else {
        (first.to_string(), 1)
    };
    let named = named_after(origin, &title);
    let ends = title.trim_end_matches(['"', '\'', '’', '”', ')']).ends_with(['.', '?', '!']);
    if taken > 1 && ends && !named {
        return None;
    }
    let chars = title.chars().count();
    // A file named after it lifts the length limit, not a second sentence
    // (`St. Paul votes …` and `… vs. Clinton` are one).
    let two_sentences = || corroborate_text::sentences(&title).len() > 1;
    let sentence_like = title.ends_with('.') && ((chars > 60 && !named) || two_sentences());
    let more_follows = lines[at + taken..].iter().any(|l| !l.trim().is_empty());
    let looks =
        chars > 0 && chars < 200 && !sentence_like && !title.starts_with(char::is_lowercase) && more_follows;
    looks.then_some((title, taken))
}

/// Whether the file is named after `title`, as saved articles often are
/// (`herald_2026-03-05_ferry-routes-suspended-as-st.txt`): a part of its
/// name of three words or more starts the title's own slug.
fn named_after(origin: &str, title: &str) -> bool {
    let name = dates::file_name(origin);
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    // Figures are compared apart: some slugs leave them out (`turns-a-look`
    // for `turns 70, a look`).
    let letters = |s: &str| {
        s.split('-')
            .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join("-")
    };
    let slug = letters(&slug(title));
    stem.split('_').map(letters).any(|part| part.matches('-').count() >= 2 && slug.starts_with(&part))
}

/// Lowercase ASCII letters and digits of a text, each run of anything else
/// one `-`: `Trump's fall, again.` → `trump-s-fall-again`.
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `Published: 2026-03-04`, `Date: …`, or a date alone on the line.
fn dateline(line: &str) -> Option<String> {
    let line = line.trim();
    if let Some((label, value)) = line.split_once(':') {
        let label = label.trim().to_ascii_lowercase();
        if ["published", "date", "posted", "published on"].contains(&label.as_str()) {
            return Some(value.trim().to_string());
        }
    }
    dates::parse_date(line).map(|_| line.to_string())
}
