//! The brief as Markdown.

use std::fmt::Write;

use corroborate_model::Brief;

use super::{counts, outlet, source_stats, Numbers, ENTITIES_SHOWN, QUOTES_SHOWN};

/// Backslash-escapes what Markdown would read as markup, and keeps text on one line.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

fn markers(numbers: &[usize]) -> String {
    numbers.iter().map(|n| format!("[{n}]")).collect()
}

/// The brief as a Markdown document.
pub fn markdown(b: &Brief) -> String {
    let numbers = Numbers::new(b);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n{}\n", md(&b.story.title), counts(b));

    out.push_str("## Brief\n\n");
    if b.brief.is_empty() {
        out.push_str("No sentence long enough to cite.\n");
    }
    for s in &b.brief {
        let _ = writeln!(out, "- {} {}", md(&s.text), markers(&numbers.of(&s.citations)));
    }

    out.push_str("\n## Disputed\n\n");
    if b.conflicts.is_empty() {
        out.push_str("No disagreement found between independent sources.\n");
    } else {
        out.push_str("| Subject | Attribute | Value | Outlets |\n|---|---|---|---|\n");
        for c in &b.conflicts {
            for v in &c.values {
                let outlets: Vec<String> = numbers
                    .of_ids(v.articles.iter().map(String::as_str))
                    .into_iter()
                    .map(|n| format!("{} [{n}]", md(outlet(b, n))))
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    md(&c.subject),
                    md(&c.attribute),
                    md(&v.value),
                    outlets.join(", ")
                );
            }
        }
    }

    out.push_str("\n## Quotes\n\n");
    if b.quotes.is_empty() {
        out.push_str("No quotes.\n");
    }
    for q in b.quotes.iter().take(QUOTES_SHOWN) {
        let speaker = q.speaker.as_deref().map_or("unattributed".to_string(), md);
        let _ = writeln!(out, "- “{}” — {} {}", md(&q.text), speaker, markers(&numbers.of(&q.citations)));
    }
    if b.quotes.len() > QUOTES_SHOWN {
        let _ = writeln!(out, "- and {} more in the JSON brief", b.quotes.len() - QUOTES_SHOWN);
    }

    out.push_str("\n## Entities\n\n");
    for e in b.entities.iter().take(ENTITIES_SHOWN) {
        let others: Vec<String> =
            e.aliases.iter().filter(|a| a.name != e.name).map(|a| md(&a.name)).collect();
        let _ = write!(out, "- **{}** ({}), {} article(s)", md(&e.name), e.kind.name(), e.articles.len());
        if !others.is_empty() {
            let _ = write!(out, "; also written {}", others.join(", "));
        }
        out.push('\n');
    }
    if b.entities.len() > ENTITIES_SHOWN {
        let _ = writeln!(out, "- and {} more", b.entities.len() - ENTITIES_SHOWN);
    }

    out.push_str(
        "\n## Sources\n\n| Outlet | Via | Articles | Wire copies | Credited |\n|---|---|---|---|---|\n",
    );
    for s in &b.sources {
        let (copies, credited) = source_stats(b, s);
        let via: Vec<String> = s.via.iter().map(|v| md(v)).collect();
        let arts = markers(&numbers.of_ids(s.articles.iter().map(String::as_str)));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&s.outlet),
            via.join(", "),
            arts,
            copies,
            credited
        );
    }

    out.push_str("\n## Articles\n\n");
    for (i, a) in b.story.articles.iter().enumerate() {
        let date = a.published.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
        let id: String = a.id.chars().take(8).collect();
        let _ = writeln!(out, "{}. {} — {}{} `{}`", i + 1, md(outlet(b, i + 1)), md(&a.title), date, id);
    }
    out
}
