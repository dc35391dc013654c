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
//!    starts no entity or character reference escaped, as is a `<` that
//!    plainly starts no tag (`Rates < 5%`), outside CDATA sections and
//!    comments.
//! 2. If the mended feed still does not parse, each item (`<item>`,
//!    `<entry>`) is parsed on its own, between the feed's head (everything
//!    before the first item) and the closing tags that head leaves open.
//!    Items that still fail are reported by their number in the feed.

use std::collections::HashMap;

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
    let decoded = decode::decode(bytes, declared_encoding(bytes).as_deref(), false);
    if !decoded.text.trim_start_matches('\u{feff}').trim_start().starts_with('<') {
        // JSON Feed: nothing to mend.
        return None;
    }
    let text = escape_stray_marks(&utf8_declaration(&decoded.text));
    if let Ok(feed) = feed_rs::parser::parse(text.as_bytes()) {
        let numbers = (1..=feed.entries.len()).collect();
        return Some(Salvaged { feed, numbers, broken: Vec::new(), flags: decoded.flags });
    }
    let blocks = item_blocks(&text);
    let first = blocks.first()?.range.start;
    let head = &text[..first];
    let open = open_elements(head);
    // Items belong in a channel, a feed or an RDF document: anything else
    // left open before them is a fault of the head, which no item mends.
    let parent = open.last().map(|name| name.rsplit(':').next().unwrap_or(name));
    if !matches!(parent, Some("channel" | "feed" | "RDF")) {
        return None;
    }
    let closing: String = open.iter().rev().map(|name| format!("</{name}>")).collect();
    let total = blocks.iter().map(|b| head.len() + b.range.len() + closing.len()).sum::<usize>();
    if total > ITEM_BYTES {
        return None;
    }
    // The feed's own details (title, language) are read from its head and,
    // when it reads, the text after its last item, where an Atom feed may
    // put them.
    let tail = &text[blocks.last()?.range.end..];
    let mut feed = feed_rs::parser::parse(format!("{head}{tail}").as_bytes())
        .or_else(|_| feed_rs::parser::parse(format!("{head}{closing}").as_bytes()))
        .ok()?;
    feed.entries.clear();
    let (mut numbers, mut broken) = (Vec::new(), Vec::new());
    for (i, block) in blocks.iter().enumerate() {
        let reason = match block.end {
            End::Tag => None,
            End::NextItem => Some("not closed before the next item"),
            End::Text => Some("cut short: the feed ends inside it"),
            End::Verbatim => Some(
                "a comment or CDATA section in it is never closed, so the rest of the feed cannot be read",
            ),
        };
        if let Some(reason) = reason {
            broken.push((i + 1, reason.to_string()));
            continue;
        }
        let one = format!("{head}{}{closing}", &text[block.range.clone()]);
        match feed_rs::parser::parse(one.as_bytes()) {
            Ok(mut parsed) if parsed.entries.len() == 1 => {
                feed.entries.append(&mut parsed.entries);
                numbers.push(i + 1);
            }
            Ok(_) => broken.push((i + 1, "not read as one item".to_string())),
            Err(e) => broken.push((i + 1, e.to_string())),
        }
    }
    Some(Salvaged { feed, numbers, broken, flags: decoded.flags })
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
/// character reference (`&#38;`, `&#x26;`), and `<` as `&lt;` where it
/// plainly starts no tag, outside CDATA sections and comments, whose text is
/// read as written.
pub(crate) fn escape_stray_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some((skip, _)) = verbatim_len(rest) {
            out.push_str(&rest[..skip]);
            rest = &rest[skip..];
        } else if rest.starts_with('&') {
            out.push_str(if starts_reference(&rest[1..]) { "&" } else { "&amp;" });
            rest = &rest[1..];
        } else {
            // A `<` before a space, a digit or `=` starts no tag (`Rates < 5%`, `a <= b`).
            let stray = rest[1..].starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit() || c == '=');
            out.push_str(if stray { "&lt;" } else { "<" });
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The length of a CDATA section or comment at the start of `s` (to its end,
/// or to the end of `s` when it is never closed), and whether it is closed.
fn verbatim_len(s: &str) -> Option<(usize, bool)> {
    let (open, close) = if s.starts_with("<![CDATA[") {
        ("<![CDATA[", "]]>")
    } else if s.starts_with("<!--") {
        ("<!--", "-->")
    } else {
        return None;
    };
    Some(s[open.len()..].find(close).map_or((s.len(), false), |end| (open.len() + end + close.len(), true)))
}

/// Longest entity name looked for after an `&`.
const ENTITY_NAME: usize = 32;

/// Whether the text after an `&` is the rest of an entity or character reference.
fn starts_reference(s: &str) -> bool {
    // A character reference may have any number of leading zeros: its
    // digits are read to the first that is not one, which a later `&`
    // never reads again.
    if let Some(number) = s.strip_prefix('#') {
        let (digits, is_digit): (&str, fn(&u8) -> bool) = match number.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, u8::is_ascii_hexdigit),
            None => (number, u8::is_ascii_digit),
        };
        let count = digits.bytes().take_while(is_digit).count();
        return count > 0 && digits.as_bytes().get(count) == Some(&b';');
    }
    // A name, only the next few bytes: a text of bare ampersands costs no
    // more than its length.
    let Some(end) = s.bytes().take(ENTITY_NAME + 1).position(|b| b == b';') else {
        return false;
    };
    let name = &s[..end];
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// One item of a feed's text.
struct Block {
    range: std::ops::Range<usize>,
    end: End,
}

/// How an item's text ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// With its end tag.
    Tag,
    /// Where the next item starts, without an end tag.
    NextItem,
    /// Where the text ends.
    Text,
    /// In a comment or CDATA section that runs to the end of the text.
    Verbatim,
}

/// The items (`<item>` or `<entry>` elements, with any namespace prefix) in
/// document order. An item runs to its end tag, or when it has none before
/// the next item starts, to that start (or the end of the text). Inside an
/// item, only tags of its own name count (`<media:item>` in an `<item>` is
/// part of it), and a start tag only between its child elements.
fn item_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    // Elements open inside the open item: an item's start tag met while one
    // is (`<title>Uses <item> tags</title>`) is text written unescaped.
    let mut inside = 0usize;
    let mut verbatim_to_end = false;
    for tag in tags(text) {
        if tag.kind == TagKind::Unclosed {
            verbatim_to_end = true;
            break;
        }
        let counts = match open {
            Some((_, name)) => tag.name == name && (tag.kind == TagKind::End || inside == 0),
            None => is_item(tag.name),
        };
        if !counts {
            if open.is_some() {
                match tag.kind {
                    TagKind::Start => inside += 1,
                    TagKind::End => inside = inside.saturating_sub(1),
                    TagKind::Empty | TagKind::Unclosed => {}
                }
            }
            continue;
        }
        inside = 0;
        match tag.kind {
            TagKind::Start | TagKind::Empty => {
                if let Some((start, _)) = open.take() {
                    blocks.push(Block { range: start..tag.start, end: End::NextItem });
                }
                if tag.kind == TagKind::Empty {
                    blocks.push(Block { range: tag.start..tag.end, end: End::Tag });
                } else {
                    open = Some((tag.start, tag.name));
                }
            }
            TagKind::End => {
                if let Some((start, _)) = open.take() {
                    blocks.push(Block { range: start..tag.end, end: End::Tag });
                }
            }
            TagKind::Unclosed => {}
        }
    }
    if let Some((start, _)) = open {
        let end = if verbatim_to_end { End::Verbatim } else { End::Text };
        blocks.push(Block { range: start..text.len(), end });
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
    // How many of each name are open: an end tag that closes none is passed
    // over without a search through the stack.
    let mut open: HashMap<&str, usize> = HashMap::new();
    for tag in tags(head) {
        match tag.kind {
            TagKind::Start => {
                stack.push(tag.name);
                *open.entry(tag.name).or_default() += 1;
            }
            TagKind::End if open.get(tag.name).is_some_and(|&n| n > 0) => {
                while let Some(name) = stack.pop() {
                    *open.get_mut(name).expect("counted when pushed") -= 1;
                    if name == tag.name {
                        break;
                    }
                }
            }
            TagKind::End | TagKind::Empty | TagKind::Unclosed => {}
        }
    }
    stack
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Start,
    End,
    Empty,
    /// Not a tag: a comment or CDATA section never closed, which ends the scan.
    Unclosed,
}

struct Tag<'a> {
    kind: TagKind,
    name: &'a str,
    start: usize,
    end: usize,
}

/// The element tags of `text`, skipping declarations, processing
/// instructions, comments and CDATA sections, and a `<` that starts no tag
/// (`Rates < 5%`). A comment or CDATA section never closed is reported as
/// [`TagKind::Unclosed`] and ends the scan.
fn tags(text: &str) -> impl Iterator<Item = Tag<'_>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let start = at + text.get(at..)?.find('<')?;
        let rest = &text[start..];
        if let Some((skip, closed)) = verbatim_len(rest) {
            at = start + skip;
            if !closed {
                return Some(Tag { kind: TagKind::Unclosed, name: "", start, end: at });
            }
            continue;
        }
        let Some(len) = tag_end(rest) else {
            at = start + 1;
            continue;
        };
        let end = start + len;
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
/// attribute values; `None` when another `<` (which no tag holds, not even
/// in an attribute value) or the end of the text comes first.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (_, '<') => return None,
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
            escape_stray_marks("<t>AT&T &amp; R&D &#38; &#x26; &nbsp; & x</t>"),
            "<t>AT&amp;T &amp; R&amp;D &#38; &#x26; &nbsp; &amp; x</t>"
        );
        // CDATA and comments are read as written, even cut short.
        assert_eq!(
            escape_stray_marks("<![CDATA[Q&A]]>&<!-- a&b -->&<![CDATA[x&y"),
            "<![CDATA[Q&A]]>&amp;<!-- a&b -->&amp;<![CDATA[x&y"
        );
        assert_eq!(escape_stray_marks("<t>1 < 2, 3 <4, a <= b</t>"), "<t>1 &lt; 2, 3 &lt;4, a &lt;= b</t>");
        // Leading zeros are allowed, however many.
        let zeros = format!("<t>Q&#{}38;A &#x{}E9;</t>", "0".repeat(40), "0".repeat(40));
        assert_eq!(escape_stray_marks(&zeros), zeros);
        assert_eq!(escape_stray_marks("&#0000x;"), "&amp;#0000x;");
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
        let blocks_of = |text: &'static str| -> Vec<(&str, End)> {
            item_blocks(text).into_iter().map(|b| (&text[b.range], b.end)).collect()
        };
        let text = "<?xml version=\"1.0\"?><!-- <item> --><rss a=\"x>y\"><channel><title>T</title>\
            <item><title>One</title></item><atom:entry/><item><![CDATA[</item>]]><item>cut";
        assert_eq!(
            blocks_of(text),
            [
                ("<item><title>One</title></item>", End::Tag),
                ("<atom:entry/>", End::Tag),
                ("<item><![CDATA[</item>]]>", End::NextItem),
                ("<item>cut", End::Text)
            ]
        );
        let head = &text[..item_blocks(text)[0].range.start];
        assert_eq!(open_elements(head), ["rss", "channel"]);
        // End tags that close nothing change nothing; one that closes an
        // outer element closes those inside it.
        assert_eq!(open_elements("<rss><channel><a><b></x></y></a><c>"), ["rss", "channel", "c"]);
        // A stray `<` (and the quote after it) hides no tag; an item's own
        // extension elements do not split it; an unclosed comment ends the scan.
        let text = "<channel><item><title>Rates < 5% isn't news</title></item>\
            <item><media:item/><title>Two's</title></item><item><title>Three <!-- note</title></item><item>";
        assert_eq!(
            blocks_of(text),
            [
                ("<item><title>Rates < 5% isn't news</title></item>", End::Tag),
                ("<item><media:item/><title>Two's</title></item>", End::Tag),
                ("<item><title>Three <!-- note</title></item><item>", End::Verbatim),
            ]
        );
        // An item's start tag in its title is text; between its children it
        // starts the next item.
        let text =
            "<channel><item><title>Uses <item> tags</title></item><item><title>Two</title><item>Three</item>";
        assert_eq!(
            blocks_of(text),
            [
                ("<item><title>Uses <item> tags</title></item>", End::Tag),
                ("<item><title>Two</title>", End::NextItem),
                ("<item>Three</item>", End::Tag),
            ]
        );
    }
}
