//! Feeds that do not parse as they are.
//!
//! Feeds in the wild break XML in small ways that a parser of whole
//! documents refuses, losing every item for one fault: a bare ampersand in a
//! headline (`AT&T`), a legacy encoding with no declaration (`Caf\xe9`),
//! one item cut short or broken. Such a feed is mended in two steps, and
//! only after it failed as it was, so that a good feed is never touched:
//!
//! 1. Its text is decoded as any input is (UTF-8, or the encoding declared
//!    or detected), the declaration rewritten to match, and each `&` that
//!    starts no entity or character reference escaped, outside CDATA
//!    sections and comments.
//! 2. If the mended feed still does not parse, each item (`<item>`,
//!    `<entry>`) is parsed on its own, between the feed's head (everything
//!    before the first item) and the closing tags that head leaves open.
//!    Items that still fail are reported by their number in the feed.

use corroborate_model::Flag;
use feed_rs::model::Feed;

use crate::decode;

/// Most bytes parsed when items are read one by one (the head is parsed again
/// with each item): beyond it a feed is refused as it was.
const ITEM_BYTES: usize = 64 * 1024 * 1024;

/// What could be read of a feed that did not parse whole.
pub(crate) struct Salvaged {
    /// The feed, with the items that parsed.
    pub feed: Feed,
    /// Each of those items' number in the document, from 1.
    pub numbers: Vec<usize>,
    /// Items that did not parse: number and reason.
    pub broken: Vec<(usize, String)>,
    /// Flags of the decoding (a legacy encoding, bytes replaced).
    pub flags: Vec<Flag>,
}

/// The mended feed, or `None` when not even its head and items can be read.
pub(crate) fn salvage(bytes: &[u8]) -> Option<Salvaged> {
    if first_non_space(bytes) != Some(b'<') {
        // JSON Feed: nothing to mend.
        return None;
    }
    let decoded = decode::decode(bytes, declared_encoding(bytes).as_deref(), false);
    let text = escape_bare_ampersands(&utf8_declaration(&decoded.text));
    if let Ok(feed) = feed_rs::parser::parse(text.as_bytes()) {
        let numbers = (1..=feed.entries.len()).collect();
        return Some(Salvaged { feed, numbers, broken: Vec::new(), flags: decoded.flags });
    }
    let blocks = item_blocks(&text);
    let first = blocks.first()?.range.start;
    let head = &text[..first];
    let closing: String = open_elements(head).iter().rev().map(|name| format!("</{name}>")).collect();
    let total = blocks.iter().map(|b| head.len() + b.range.len() + closing.len()).sum::<usize>();
    if total > ITEM_BYTES {
        return None;
    }
    let mut feed = feed_rs::parser::parse(format!("{head}{closing}").as_bytes()).ok()?;
    let (mut numbers, mut broken) = (Vec::new(), Vec::new());
    for (i, block) in blocks.iter().enumerate() {
        if !block.closed {
            let reason = if block.range.end == text.len() {
                "cut short: the feed ends inside it"
            } else {
                "not closed before the next item"
            };
            broken.push((i + 1, reason.to_string()));
            continue;
        }
        let one = format!("{head}{}{closing}", &text[block.range.clone()]);
        match feed_rs::parser::parse(one.as_bytes()) {
            Ok(mut parsed) if parsed.entries.len() == 1 => {
                feed.entries.append(&mut parsed.entries);
                numbers.push(i + 1);
            }
            Ok(_) => broken.push((i + 1, "not one item".to_string())),
            Err(e) => broken.push((i + 1, e.to_string())),
        }
    }
    Some(Salvaged { feed, numbers, broken, flags: decoded.flags })
}

fn first_non_space(bytes: &[u8]) -> Option<u8> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// The `encoding` of the XML declaration, if the document starts with one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]);
    let decl = head.trim_start_matches('\u{feff}').trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let rest = decl[decl.find("encoding")? + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// The text with its XML declaration, if any, saying UTF-8 (what it now is)
/// and without a byte order mark.
fn utf8_declaration(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}');
    let body = text.trim_start();
    match body.strip_prefix("<?xml").and_then(|rest| rest.find("?>").map(|end| &rest[end + 2..])) {
        Some(rest) => format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{rest}"),
        None => text.to_string(),
    }
}

/// `&` escaped as `&amp;` wherever it starts no entity (`&name;`) or
/// character reference (`&#38;`, `&#x26;`), outside CDATA sections and
/// comments, whose text is read as written.
fn escape_bare_ampersands(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(skip) = verbatim_len(rest) {
            out.push_str(&rest[..skip]);
            rest = &rest[skip..];
        } else if rest.starts_with('&') {
            out.push_str(if starts_reference(&rest[1..]) { "&" } else { "&amp;" });
            rest = &rest[1..];
        } else {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The length of a CDATA section or comment at the start of `s` (to its end,
/// or to the end of `s` when it is cut short).
fn verbatim_len(s: &str) -> Option<usize> {
    let (open, close) = if s.starts_with("<![CDATA[") {
        ("<![CDATA[", "]]>")
    } else if s.starts_with("<!--") {
        ("<!--", "-->")
    } else {
        return None;
    };
    Some(s[open.len()..].find(close).map_or(s.len(), |end| open.len() + end + close.len()))
}

/// Whether the text after an `&` is the rest of an entity or character reference.
fn starts_reference(s: &str) -> bool {
    let Some(end) = s.find(';').filter(|&end| end <= 32) else {
        return false;
    };
    let name = &s[..end];
    if let Some(number) = name.strip_prefix('#') {
        return match number.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
        };
    }
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// One item of a feed's text.
struct Block {
    range: std::ops::Range<usize>,
    /// Whether it ends with its end tag.
    closed: bool,
}

/// The items (`<item>` or `<entry>` elements, with any namespace prefix) in
/// document order. An item runs to its end tag, or when it has none before
/// the next item starts, to that start (or the end of the text).
fn item_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<usize> = None;
    for tag in tags(text) {
        match tag.kind {
            TagKind::Start | TagKind::Empty if is_item(tag.name) => {
                if let Some(start) = open.take() {
                    blocks.push(Block { range: start..tag.start, closed: false });
                }
                if tag.kind == TagKind::Empty {
                    blocks.push(Block { range: tag.start..tag.end, closed: true });
                } else {
                    open = Some(tag.start);
                }
            }
            TagKind::End if is_item(tag.name) => {
                if let Some(start) = open.take() {
                    blocks.push(Block { range: start..tag.end, closed: true });
                }
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        blocks.push(Block { range: start..text.len(), closed: false });
    }
    blocks
}

fn is_item(name: &str) -> bool {
    let local = name.rsplit(':').next().unwrap_or(name);
    local == "item" || local == "entry"
}

/// The elements left open at the end of `head`, outermost first.
fn open_elements(head: &str) -> Vec<&str> {
    let mut stack: Vec<&str> = Vec::new();
    for tag in tags(head) {
        match tag.kind {
            TagKind::Start => stack.push(tag.name),
            TagKind::End => {
                if let Some(at) = stack.iter().rposition(|open| *open == tag.name) {
                    stack.truncate(at);
                }
            }
            TagKind::Empty => {}
        }
    }
    stack
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Start,
    End,
    Empty,
}

struct Tag<'a> {
    kind: TagKind,
    name: &'a str,
    start: usize,
    end: usize,
}

/// The element tags of `text`, skipping declarations, processing
/// instructions, comments and CDATA sections; a tag cut short ends the scan.
fn tags(text: &str) -> impl Iterator<Item = Tag<'_>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let start = at + text[at..].find('<')?;
        let rest = &text[start..];
        if let Some(skip) = verbatim_len(rest) {
            at = start + skip;
            continue;
        }
        let end = start + tag_end(rest)?;
        at = end;
        let inner = &text[start + 1..end - 1];
        if inner.starts_with('!') || inner.starts_with('?') {
            continue;
        }
        let (kind, inner) = match inner.strip_prefix('/') {
            Some(inner) => (TagKind::End, inner),
            None if inner.ends_with('/') => (TagKind::Empty, inner),
            None => (TagKind::Start, inner),
        };
        let name_end = inner.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(inner.len());
        let name = &inner[..name_end];
        if name.is_empty() {
            continue;
        }
        return Some(Tag { kind, name, start, end });
    })
}

/// The length of the tag at the start of `s`, to its `>` outside quoted
/// attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_ampersands_are_escaped_and_references_kept() {
        assert_eq!(
            escape_bare_ampersands("<t>AT&T &amp; R&D &#38; &#x26; &nbsp; & x</t>"),
            "<t>AT&amp;T &amp; R&amp;D &#38; &#x26; &nbsp; &amp; x</t>"
        );
        // CDATA and comments are read as written, even cut short.
        assert_eq!(
            escape_bare_ampersands("<![CDATA[Q&A]]>&<!-- a&b -->&<![CDATA[x&y"),
            "<![CDATA[Q&A]]>&amp;<!-- a&b -->&amp;<![CDATA[x&y"
        );
        assert!(!starts_reference("#;"));
        assert!(!starts_reference("#xZ;"));
        assert!(!starts_reference("a long run of words; then"));
    }

    #[test]
    fn declarations_are_read_and_rewritten() {
        let latin = b"<?xml version='1.0' encoding='ISO-8859-1'?><rss/>";
        assert_eq!(declared_encoding(latin).as_deref(), Some("ISO-8859-1"));
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?><rss/>"), None);
        assert_eq!(declared_encoding(b"<rss encoding=\"x\"/>"), None);
        assert_eq!(
            utf8_declaration("\u{feff}<?xml version='1.0' encoding='ISO-8859-1'?><rss/>"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss/>"
        );
        assert_eq!(utf8_declaration("<rss/>"), "<rss/>");
    }

    #[test]
    fn items_and_the_elements_their_head_leaves_open() {
        let text = "<?xml version=\"1.0\"?><!-- <item> --><rss a=\"x>y\"><channel><title>T</title>\
            <item><title>One</title></item><atom:entry/><item><![CDATA[</item>]]><item>cut";
        let blocks: Vec<(&str, bool)> =
            item_blocks(text).into_iter().map(|b| (&text[b.range], b.closed)).collect();
        assert_eq!(
            blocks,
            [
                ("<item><title>One</title></item>", true),
                ("<atom:entry/>", true),
                ("<item><![CDATA[</item>]]>", false),
                ("<item>cut", false)
            ]
        );
        let head = &text[..item_blocks(text)[0].range.start];
        assert_eq!(open_elements(head), ["rss", "channel"]);
    }
}
