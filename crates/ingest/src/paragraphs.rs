//! The body shape every reader produces: plain paragraphs, each on one line,
//! separated by exactly one blank line.

/// Collapses runs of whitespace to single spaces and trims.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_words(text, &mut out);
    out
}

/// Appends the words of `text` to `out`, separated by single spaces.
fn push_words(text: &str, out: &mut String) {
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Paragraphs from loosely formatted text. Blank lines separate paragraphs
/// and the lines inside one are joined (hard-wrapped text); a text with no
/// blank line at all has one paragraph per line (as news-please writes
/// `maintext`). List items and Markdown headings always start a paragraph;
/// rules (`---`, `* * *`) only separate paragraphs.
pub(crate) fn normalize(text: &str) -> String {
    let lines: Vec<&str> =
        text.trim().lines().map(str::trim).map(|l| if is_rule(l) { "" } else { l }).collect();
    let has_blank = lines.iter().any(|l| l.is_empty());
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines {
        if line.is_empty() || !has_blank || starts_block(line) {
            flush(&mut current, &mut paragraphs);
        }
        if !line.is_empty() {
            current.push(strip_heading(line));
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

fn flush(current: &mut Vec<&str>, paragraphs: &mut Vec<String>) {
    let mut paragraph = String::with_capacity(current.iter().map(|l| l.len() + 1).sum());
    for line in current.iter() {
        push_words(line, &mut paragraph);
    }
    if !paragraph.is_empty() {
        paragraphs.push(paragraph);
    }
    current.clear();
}

fn starts_block(line: &str) -> bool {
    let numbered = line
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
    line.starts_with("- ") || line.starts_with("* ") || line.starts_with("#") || numbered
}

/// `## Subhead` → `Subhead`; `#hashtag` is left alone.
fn strip_heading(line: &str) -> &str {
    let rest = line.trim_start_matches('#');
    if rest.len() < line.len() && line.len() - rest.len() <= 6 && rest.starts_with(' ') {
        rest.trim_start()
    } else {
        line
    }
}

/// A horizontal rule: three or more of one of `-`, `*`, `_`, `=`, `~`, and spaces.
fn is_rule(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(mark) = marks.next().filter(|&c| "-*_=~".contains(c)) else { return false };
    let mut count = 1;
    for c in marks {
        if c != mark {
            return false;
        }
        count += 1;
    }
    count >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_join_rules_separate_and_lists_start_paragraphs() {
        let text = "  The ferry left\n  at six,   two hours late.\n\n* * *\nPassengers waited.\n- one\n- two\n\n## Later\nthat day";
        assert_eq!(
            normalize(text),
            "The ferry left at six, two hours late.\n\nPassengers waited.\n\n- one\n\n- two\n\nLater that day"
        );
        assert_eq!(collapse("  a \t b\n c  "), "a b c");
        assert!(is_rule("---") && is_rule("* * *") && is_rule("_ _  _") && is_rule("~~~~"));
        assert!(!is_rule("--") && !is_rule("-*-") && !is_rule("") && !is_rule("--- a"));
    }
}
