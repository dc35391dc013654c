//! HTML pages: metadata (see [`metadata`]) and the article text, which is
//! what remains once page furniture (navigation, related links, cookie
//! banners, comments…) is removed, found by scoring containers of paragraph
//! text (see [`content`]).
//!
//! Pages are parsed whole, so hostile ones are refused before the work gets
//! expensive: markup larger than [`PAGE_LIMIT`] or nested deeper than
//! [`DEPTH_LIMIT`] (no real article comes near either) is an error.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::{credits, IngestError, Page};
use corroborate_text::{guess_language, tokens, Token};

mod content;
mod metadata;
mod raw_text;
#[cfg(test)]
mod tests;

/// Largest page read, in bytes of text.
pub(crate) const PAGE_LIMIT: usize = 32 * 1024 * 1024;
/// Deepest element nesting accepted.
pub(crate) const DEPTH_LIMIT: usize = 1000;

pub(crate) fn read(origin: &str, text: &str) -> Result<Page, IngestError> {
    if text.len() > PAGE_LIMIT {
        let reason =
            format!("page too large: {} MiB of markup (limit {} MiB)", text.len() >> 20, PAGE_LIMIT >> 20);
        return Err(IngestError::new(origin, reason));
    }
    let text = raw_text::without_scripts(text);
    if let Some(reason) = Estimate::of(&text).refusal() {
        return Err(IngestError::new(origin, reason));
    }
    let mut doc = Html::parse_document(&text);
    if depth(doc.tree.root()) > DEPTH_LIMIT {
        return Err(IngestError::new(origin, format!("markup nested more than {DEPTH_LIMIT} levels deep")));
    }
    let found = metadata::read(origin, &doc);
    let mut draft = found.draft;
    content::remove_furniture(&mut doc);
    let mut paragraphs = content::article_paragraphs(doc.root_element());
    // The headline and the byline, written again above the text, are metadata.
    if paragraphs.first().is_some_and(|p| draft.title.as_deref().is_some_and(|t| is_headline(p, t))) {
        paragraphs.remove(0);
    }
    if paragraphs.first().is_some_and(|p| is_byline(p, &draft.authors)) {
        paragraphs.remove(0);
    }
    credits::apply(&mut draft, &paragraphs.join("\n\n"));
    if draft.body.is_empty() {
        return Err(IngestError::new(origin, "no article text found"));
    }
    if draft.language.is_none() {
        draft.language = detect_language(&draft.body);
    }
    Ok(Page { draft, modified: found.modified })
}

/// The page's title, in any case and spacing.
fn is_headline(paragraph: &str, title: &str) -> bool {
    paragraph.split_whitespace().map(str::to_lowercase).eq(title.split_whitespace().map(str::to_lowercase))
}

/// A short `By NAME` line naming one of the authors: metadata, not text.
fn is_byline(paragraph: &str, authors: &[String]) -> bool {
    let Some(rest) = paragraph.strip_prefix("By ").or_else(|| paragraph.strip_prefix("by ")) else {
        return false;
    };
    rest.split_whitespace().count() <= 12 && authors.iter().any(|a| rest.contains(a.as_str()))
}

/// The paragraphs of an HTML fragment (a JSON `content` field holding markup),
/// separated by blank lines, or why the fragment is refused (see [`Estimate`]).
pub(crate) fn fragment_text(markup: &str) -> Result<String, String> {
    let markup = raw_text::without_scripts(markup);
    if let Some(reason) = Estimate::of(&markup).refusal() {
        return Err(reason);
    }
    let mut doc = Html::parse_fragment(&markup);
    if depth(doc.tree.root()) > DEPTH_LIMIT {
        return Err(format!("markup nested more than {DEPTH_LIMIT} levels deep"));
    }
    content::remove_furniture(&mut doc);
    Ok(content::all_paragraphs(doc.root_element()).join("\n\n"))
}

/// The language of a text when it is long enough to tell reliably: the one
/// its function words show (`text::guess_language`, as the clusterer would
/// read it), else whatlang's.
pub(crate) fn detect_language(text: &str) -> Option<String> {
    // Enough tokens for the guess's words, numbers among them.
    let words: Vec<Token> = tokens(text).take(600).collect();
    if let Some(language) = guess_language(&words) {
        return Some(language.code().to_string());
    }
    let sample: String = text.chars().take(4000).collect();
    let info = whatlang::detect(&sample).filter(|i| i.is_reliable() && sample.chars().count() >= 200)?;
    whatlang_code(info.lang()).map(str::to_string)
}

/// ISO 639-1 codes of the languages whatlang knows that have one.
pub(crate) fn whatlang_code(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Epo => "eo",
        _ => return None,
    })
}

/// The deepest nesting under `root`, counted without recursion (the point
/// is to survive pages too deep for recursion).
fn depth(root: NodeRef<Node>) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(root, 0usize)];
    while let Some((node, level)) = stack.pop() {
        deepest = deepest.max(level);
        if level > DEPTH_LIMIT {
            break;
        }
        stack.extend(node.children().map(|c| (c, level + 1)));
    }
    deepest
}

/// Elements that never hold others, or that the parser closes when a
/// sibling starts: they do not deepen the tree whether closed or not.
const FLAT_TAGS: [&str; 26] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "p", "li", "td", "th", "tr", "option", "optgroup", "dt", "dd", "tbody", "thead", "tfoot",
];

/// Formatting elements: the parser opens again, inside each new element,
/// those left open before it was closed.
const FORMATTING_TAGS: [&str; 14] =
    ["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"];

/// Formatting elements the parser may open again, summed over the start
/// tags that may make it do so, beyond which a page is refused. A real page
/// leaves at most a few such elements open, over some thousands of tags; a
/// hostile one leaves hundreds open before thousands of paragraphs, and the
/// parser builds each of them again in every paragraph.
const REOPENED_LIMIT: usize = 1_000_000;

/// What the start and end tags of markup suggest of the tree the parser
/// would build, read in one pass before parsing.
struct Estimate {
    /// The deepest nesting: the parser's work grows with the square of the
    /// depth, so absurd nesting must be refused before it is built.
    deepest: usize,
    /// Formatting elements left open, summed over the start tags after them
    /// (see [`REOPENED_LIMIT`]).
    reopened: usize,
}

impl Estimate {
    /// Why the markup is refused, if it is.
    fn refusal(&self) -> Option<String> {
        if self.deepest > 4 * DEPTH_LIMIT {
            Some(format!("markup nested more than {DEPTH_LIMIT} levels deep"))
        } else if self.reopened > REOPENED_LIMIT {
            Some("too many formatting elements (b, i, font…) left open for the paragraphs after them".into())
        } else {
            None
        }
    }

    /// One pass over the tags: how deep they nest (an end tag closes the
    /// latest element, elements in [`FLAT_TAGS`] hold none), and how many
    /// formatting elements are left open at each start tag (one written
    /// again with the same attributes counts three times at most, as the
    /// parser keeps three; an end tag closes the latest of its name).
    fn of(markup: &str) -> Estimate {
        let (mut depth, mut estimate) = (0usize, Estimate { deepest: 0, reopened: 0 });
        let mut open: Vec<(&str, &str)> = Vec::new();
        let mut copies: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut active = 0usize;
        for tag in tags(markup) {
            if !tag.closing {
                estimate.reopened += active;
                if estimate.reopened > REOPENED_LIMIT {
                    break;
                }
            }
            let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(tag.name));
            if !is(&FLAT_TAGS) {
                if tag.closing {
                    depth = depth.saturating_sub(1);
                } else if !tag.text.ends_with("/>") {
                    depth += 1;
                    estimate.deepest = estimate.deepest.max(depth);
                }
            }
            if !is(&FORMATTING_TAGS) {
                continue;
            }
            if tag.closing {
                let Some(i) = open.iter().rposition(|(n, _)| n.eq_ignore_ascii_case(tag.name)) else {
                    continue;
                };
                let (_, text) = open.remove(i);
                let count = copies.get_mut(text).expect("an open tag is counted");
                if *count <= 3 {
                    active -= 1;
                }
                *count -= 1;
            } else if !tag.text.ends_with("/>") {
                let count = copies.entry(tag.text).or_insert(0);
                *count += 1;
                if *count <= 3 {
                    active += 1;
                }
                open.push((tag.name, tag.text));
            }
        }
        estimate
    }
}

/// A tag of markup.
struct Tag<'a> {
    /// Its name as written, up to 16 letters and digits.
    name: &'a str,
    closing: bool,
    /// The whole tag, `<` aside.
    text: &'a str,
}

/// The tags of `markup`, comments and the contents of scripts and styles
/// left out.
fn tags(markup: &str) -> impl Iterator<Item = Tag<'_>> {
    let bytes = markup.as_bytes();
    let mut at = 0usize;
    std::iter::from_fn(move || loop {
        let offset = memchr::memchr(b'<', &bytes[at..])?;
        at += offset + 1;
        let rest = &markup[at..];
        if rest.starts_with("!--") {
            at += memchr::memmem::find(rest.as_bytes(), b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let from = usize::from(closing);
        let len = rest.as_bytes()[from..].iter().take(16).take_while(|b| b.is_ascii_alphanumeric()).count();
        if len == 0 {
            continue;
        }
        let name = &rest[from..from + len];
        let text = &rest[..memchr::memchr(b'>', rest.as_bytes()).map_or(rest.len(), |end| end + 1)];
        at += text.len();
        if !closing && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style")) {
            let close = format!("</{name}");
            let ends = markup.as_bytes()[at..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()));
            at += ends.unwrap_or(markup.len() - at);
        }
        return Some(Tag { name, closing, text });
    })
}
