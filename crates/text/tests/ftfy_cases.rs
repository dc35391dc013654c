//! The test cases of ftfy (the Python library that fixes mojibake), when a
//! copy of them sits beside the repository in `shared/data/ftfy-cases`.
//!
//! Every case ftfy marks `pass` must come out as ftfy's expected text: its
//! `fixed-encoding` when the case has one (what ftfy's encoding repair alone
//! gives), else `fixed` (what its full pipeline gives). Every `negative` case
//! must keep its meaning. The comparison folds away the ftfy defaults that
//! corroborate deliberately does not mirror:
//!
//! * `uncurl_quotes`: ftfy straightens `‘’“”` to `'` and `"`; corroborate
//!   keeps typographic quotes, which carry meaning in quotations (who said
//!   what), so quotes compare equal whether curly or straight.
//! * `fix_encoding` alone: where a case has both, the result may match
//!   `fixed` instead of `fixed-encoding`, since corroborate's repair also does
//!   the character-level steps of ftfy's full pipeline (HTML references,
//!   ligatures, character widths, control characters).
//! * control characters: ftfy keeps the C1 controls that Windows-1252 leaves
//!   undefined (`\u{81}`) and, in `fix_encoding`, `\u{1A}`; corroborate removes
//!   them, as they carry no meaning in text, so control characters are
//!   ignored in the comparison.
//! * whitespace: corroborate collapses runs of spaces and non-breaking spaces
//!   and trims the text (every later stage works on one-space text), which
//!   ftfy's `fix_encoding` does not, so runs of whitespace compare equal to a
//!   single space.
//!
//! `known-failures.json` holds cases ftfy itself gets wrong; how many of them
//! corroborate fixes is printed, not asserted.

use corroborate_text::repair;
use serde_json::Value;
use std::path::Path;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ftfy-cases");

struct Case {
    label: String,
    original: String,
    /// `fixed-encoding` when the case has it, and `fixed`.
    expected: Vec<String>,
}

fn load(file: &str) -> Option<Vec<Case>> {
    let path = Path::new(CASES).join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return None;
    };
    let cases: Vec<Value> = serde_json::from_str(&text).expect("ftfy cases are JSON");
    let field = |c: &Value, k: &str| c.get(k).and_then(Value::as_str).map(str::to_string);
    let cases = cases
        .iter()
        .filter(|c| file == "known-failures.json" || field(c, "expect").as_deref() == Some("pass"))
        .map(|c| Case {
            label: field(c, "label").unwrap_or_default(),
            original: field(c, "original").expect("case has an original"),
            expected: field(c, "fixed-encoding").into_iter().chain(field(c, "fixed")).collect(),
        })
        .collect();
    Some(cases)
}

/// Folds the differences described in the module docs.
fn fold(text: &str) -> String {
    let quotes: String = text
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    quotes.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cases of `file` whose repair differs from the expected text, described.
fn failures(file: &str) -> Option<(usize, Vec<String>)> {
    let cases = load(file)?;
    let failed = cases
        .iter()
        .filter_map(|c| {
            let got = repair(&c.original).text;
            let folded = fold(&got);
            c.expected.iter().all(|e| fold(e) != folded).then(|| {
                format!(
                    "{file}: {}\n  original: {:?}\n  expected: {:?}\n  got:      {:?}",
                    c.label, c.original, c.expected, got
                )
            })
        })
        .collect();
    Some((cases.len(), failed))
}

fn assert_all_pass(file: &str) {
    let Some((total, failed)) = failures(file) else { return };
    println!("{file}: {}/{total} pass", total - failed.len());
    assert!(failed.is_empty(), "{} of {total} cases fail:\n{}", failed.len(), failed.join("\n"));
}

#[test]
fn in_the_wild_cases_are_fixed() {
    assert_all_pass("in-the-wild.json");
}

#[test]
fn synthetic_cases_are_fixed() {
    assert_all_pass("synthetic.json");
}

#[test]
fn language_names_are_fixed() {
    assert_all_pass("language-names.json");
}

#[test]
fn negative_cases_keep_their_meaning() {
    assert_all_pass("negative.json");
}

#[test]
fn known_failures_fixed_are_counted() {
    let Some((total, failed)) = failures("known-failures.json") else { return };
    println!("known-failures.json: {}/{total} fixed", total - failed.len());
}
