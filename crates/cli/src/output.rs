//! Printing listings: aligned text tables, JSON, JSON lines.

use serde::Serialize;
use std::io::{self, Write};

use crate::ListFormat;

/// Prints `items` as one JSON document, as JSON lines, or as a text table via `row`.
pub fn list<T: Serialize>(
    items: &[T],
    format: ListFormat,
    header: &[&str],
    row: impl Fn(&T) -> Vec<String>,
) -> anyhow::Result<()> {
    list_pages(format, header, row, |each| each(items))
}

/// [`list`] for items that come a page at a time: `pages` calls `each` with
/// every page in order. JSON is written as the pages come; the text table
/// holds only the rows, for its widths, never every item.
pub fn list_pages<T: Serialize>(
    format: ListFormat,
    header: &[&str],
    row: impl Fn(&T) -> Vec<String>,
    pages: impl FnOnce(&mut dyn FnMut(&[T]) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    // Buffered: standard output flushes every line, and pretty JSON has many.
    let mut out = io::BufWriter::new(io::stdout().lock());
    write_pages(&mut out, format, header, row, pages)?;
    out.flush()?;
    Ok(())
}

fn write_pages<T: Serialize>(
    mut out: &mut dyn Write,
    format: ListFormat,
    header: &[&str],
    row: impl Fn(&T) -> Vec<String>,
    pages: impl FnOnce(&mut dyn FnMut(&[T]) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use serde::ser::{SerializeSeq, Serializer};
    if format.json {
        let mut json = serde_json::Serializer::pretty(&mut out);
        let mut seq = json.serialize_seq(None)?;
        pages(&mut |items| {
            for item in items {
                seq.serialize_element(item)?;
            }
            Ok(())
        })?;
        seq.end()?;
        writeln!(out)?;
    } else if format.jsonl {
        pages(&mut |items| {
            for item in items {
                serde_json::to_writer(&mut out, item)?;
                writeln!(out)?;
            }
            Ok(())
        })?;
    } else {
        let mut rows: Vec<Vec<String>> = Vec::new();
        pages(&mut |items| {
            rows.extend(items.iter().map(&row));
            Ok(())
        })?;
        write!(out, "{}", table(header, &rows))?;
    }
    Ok(())
}

/// An aligned text table; the last column is not padded.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let mut line = |cells: Vec<&str>| {
        let last = cells.len() - 1;
        for (i, cell) in cells.iter().enumerate() {
            text.push_str(cell);
            if i < last {
                let pad = widths[i] - cell.chars().count();
                text.extend(std::iter::repeat_n(' ', pad + 2));
            }
        }
        text.push('\n');
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    text
}

/// Columns of the story listing.
pub const STORY_HEADER: [&str; 5] = ["story", "articles", "outlets", "dates", "title"];

/// One row of the story listing.
pub fn story_row(s: &corroborate_model::StorySummary) -> Vec<String> {
    vec![
        s.id.to_string(),
        s.articles.to_string(),
        s.independent_outlets.to_string(),
        span(s.first_published.as_deref(), s.last_published.as_deref()),
        clip(&s.title, 70),
    ]
}

/// Shortens text to `max` characters with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// `first – last` of a date span, dates cut to the day.
pub fn span(first: Option<&str>, last: Option<&str>) -> String {
    let day = |d: &str| d.get(..10).unwrap_or(d).to_string();
    match (first, last) {
        (Some(f), Some(l)) if day(f) == day(l) => day(f),
        (Some(f), Some(l)) => format!("{} – {}", day(f), day(l)),
        _ => "-".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_columns_by_characters() {
        let t =
            table(&["id", "title"], &[vec!["1".into(), "Kovač meets".into()], vec!["10".into(), "x".into()]]);
        assert_eq!(t, "id  title\n1   Kovač meets\n10  x\n");
    }

    #[test]
    fn a_listing_in_pages_prints_as_the_whole_list_would() {
        let pages: Vec<Vec<(u32, &str)>> = vec![vec![(1, "Kovač"), (2, "x")], vec![], vec![(10, "y")]];
        let whole: Vec<(u32, &str)> = pages.concat();
        let row = |&(n, s): &(u32, &str)| vec![n.to_string(), s.to_string()];
        let printed = |json, jsonl, pages: &[Vec<(u32, &str)>]| {
            let mut out = Vec::new();
            let format = ListFormat { json, jsonl };
            write_pages(&mut out, format, &["n", "s"], row, |each| pages.iter().try_for_each(|p| each(p)))
                .unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(printed(true, false, &pages), serde_json::to_string_pretty(&whole).unwrap() + "\n");
        assert_eq!(printed(false, true, &pages), "[1,\"Kovač\"]\n[2,\"x\"]\n[10,\"y\"]\n");
        assert_eq!(
            printed(false, false, &pages),
            table(&["n", "s"], &whole.iter().map(row).collect::<Vec<_>>())
        );
        assert_eq!(printed(true, false, &[]), "[]\n");
    }

    #[test]
    fn clip_and_span() {
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
        assert_eq!(span(Some("2026-03-04T10:00:00Z"), Some("2026-03-04")), "2026-03-04");
        assert_eq!(span(Some("2026-03-04"), Some("2026-03-06")), "2026-03-04 – 2026-03-06");
        assert_eq!(span(None, None), "-");
    }
}
