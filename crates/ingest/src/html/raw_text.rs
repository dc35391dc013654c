//! Scripts, styles, drawings, navigation and comments left out before parsing.
//!
//! Half the bytes of a typical news page are inline scripts and styles, and
//! the HTML tokenizer reads them character by character only for the
//! extractor to throw them away; inline SVG drawings (icons, logos) and
//! comments add a few percent more, and `<nav>` menus, which the extractor
//! always drops, a fifth of what is left. One byte scan finds them first and
//! keeps the tags of scripts, styles, drawings and navigation but not their
//! contents (except JSON-LD, which the metadata reads), and drops comments
//! whole. The scan
//! follows the tokenizer where it matters: quoted attribute values may hold
//! `>`, a `<script>` written inside a `<textarea>` or `<title>` is text, and
//! an element ends at the first `</script` (or `</style`, `</svg`) followed
//! by a space, `/` or `>`.

use std::borrow::Cow;

/// Elements whose contents the scan skips: the tokenizer reads the first
/// four as text, not markup, and a drawing holds no words of the article.
const SKIPPED: [&str; 5] = ["script", "style", "textarea", "title", "svg"];

/// `markup` without the contents of its scripts (JSON-LD aside), styles,
/// drawings and navigation, without comments, and with each run of
/// whitespace between two tags cut to one character outside preformatted
/// text (a tenth of a typical page is indentation, which the tokenizer reads
/// a character at a time).
pub(crate) fn without_scripts(markup: &str) -> Cow<'_, str> {
    let bytes = markup.as_bytes();
    let mut out = String::new();
    // Drops `markup[from..to]`: copies what precedes it since the last drop.
    let mut copied = 0;
    let mut drop = |out: &mut String, from: usize, to: usize| {
        if out.is_empty() {
            out.reserve(markup.len());
        }
        out.push_str(&markup[copied..from]);
        copied = to;
    };
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        // Indentation between the previous tag and this one: one character
        // is kept, a line end if the run holds one.
        let run = bytes[at..at + offset].iter().rev().take_while(|b| b.is_ascii_whitespace()).count();
        let lt = at + offset;
        if run >= 2 && lt > run && bytes[lt - run - 1] == b'>' {
            let kept = bytes[lt - run..lt].iter().position(|&b| b == b'\n').unwrap_or(0) + lt - run;
            drop(&mut out, lt - run, kept);
            drop(&mut out, kept + 1, lt);
        }
        at = lt + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            let end = find(bytes, at + 3, b"-->").map_or(bytes.len(), |end| end + 3);
            drop(&mut out, at - 1, end);
            at = end;
            continue;
        }
        if let Some(name) = EMPTIED.iter().find(|n| starts_tag(rest, n)) {
            let Some(open_end) = start_tag_end(bytes, at + name.len()) else { break };
            if let Some(close) = matching_close(bytes, open_end, name) {
                drop(&mut out, open_end, close);
                at = close;
            }
            continue;
        }
        if let Some(name) = VERBATIM.iter().find(|n| starts_tag(rest, n)) {
            at = closing_tag(bytes, at, name).unwrap_or(bytes.len());
            continue;
        }
        let Some(name) = SKIPPED.iter().find(|n| starts_tag(rest, n)) else { continue };
        let Some(open_end) = start_tag_end(bytes, at + name.len()) else { break };
        let close = closing_tag(bytes, open_end, name).unwrap_or(bytes.len());
        let keep = matches!(*name, "textarea" | "title") || is_json_ld(&bytes[at..open_end]);
        if !keep && close > open_end {
            drop(&mut out, open_end, close);
        }
        at = close;
    }
    if copied == 0 {
        return Cow::Borrowed(markup);
    }
    out.push_str(&markup[copied..]);
    Cow::Owned(out)
}

/// Preformatted elements, whose whitespace is kept as written.
const VERBATIM: [&str; 3] = ["pre", "listing", "plaintext"];

/// Whether `rest` (what follows a `<`) opens element `name`.
fn starts_tag(rest: &[u8], name: &str) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        && ends_name(rest[name.len()])
}

fn ends_name(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
}

/// Index after the `>` that closes the start tag whose attributes begin at
/// `from`; quoted attribute values may hold `>`.
fn start_tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if bytes[i - 1] == b'=' || bytes[i - 1].is_ascii_whitespace() => {
                quote = Some(b)
            }
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Elements never part of an article whose contents are left out when their
/// end tag is found (nested ones counted); the empty elements stay. Not
/// `footer`: an article's own footer often holds its byline and date.
const EMPTIED: [&str; 1] = ["nav"];

/// Index of the `<` of the `</name` that closes an element of `name` whose
/// contents start at `from`, counting nested elements of the same name.
fn matching_close(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut depth = 1;
    let mut at = from;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        let rest = &bytes[lt + 1..];
        if starts_tag(rest, name) {
            depth += 1;
        } else if rest.first() == Some(&b'/') && starts_tag(&rest[1..], name) {
            depth -= 1;
            if depth == 0 {
                return Some(lt);
            }
        }
        at = lt + 1;
    }
    None
}

/// Index of the `<` of the first `</name` after `from` that ends the element.
fn closing_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = find(bytes, at, b"</")?;
        let rest = &bytes[lt + 2..];
        if starts_tag(rest, name) {
            return Some(lt);
        }
        at = lt + 2;
    }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

fn is_json_ld(start_tag: &[u8]) -> bool {
    start_tag.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

#[cfg(test)]
mod tests {
    use super::without_scripts;

    #[test]
    fn script_and_style_contents_go_and_everything_else_stays() {
        let page = "<html><head><style>p { color: red }</style>\
            <script type=\"application/ld+json\">{\"headline\": \"Kept\"}</script>\
            <SCRIPT src=\"a.js\" data-x='a>b'>var s = \"</scr\" + \"ipt>\"; if (a < b) {}</SCRIPT >\
            <title>A <script> in a title</title></head>\
            <body><!-- <script> in a comment --><p>Harbour reopens.</p>\
            <textarea><style>kept</style></textarea><script>x()</script\n><p>Ships wait.</p></body></html>";
        assert_eq!(
            without_scripts(page),
            "<html><head><style></style>\
            <script type=\"application/ld+json\">{\"headline\": \"Kept\"}</script>\
            <SCRIPT src=\"a.js\" data-x='a>b'></SCRIPT >\
            <title>A <script> in a title</title></head>\
            <body><p>Harbour reopens.</p>\
            <textarea><style>kept</style></textarea><script></script\n><p>Ships wait.</p></body></html>"
        );
    }

    #[test]
    fn drawings_keep_their_tags_and_comments_go() {
        let page = "<p>Ships <!-- ad slot -->wait.</p><svg viewBox=\"0 0 9 9\"><path d=\"M0 0h9\"/>\
            <text>Logo</text></svg><p>Twelve <SVG class=\"icon\"><use href=\"#a\"/></SVG>left.</p>";
        assert_eq!(
            without_scripts(page),
            "<p>Ships wait.</p><svg viewBox=\"0 0 9 9\"></svg><p>Twelve <SVG class=\"icon\"></SVG>left.</p>"
        );
    }

    #[test]
    fn navigation_is_emptied_up_to_its_own_end_tag_and_kept_whole_when_unclosed() {
        let page = "<nav class=\"menu\"><a>Home</a><nav><a>World</a></nav><a>Sport</a></NAV >\
            <p>Harbour reopens.</p><navigator>kept</navigator><footer>By Jane Doe</footer>";
        assert_eq!(
            without_scripts(page),
            "<nav class=\"menu\"></NAV ><p>Harbour reopens.</p><navigator>kept</navigator><footer>By Jane Doe</footer>"
        );
        let unclosed = "<nav><a>Home</a><p>Harbour reopens.</p>";
        assert_eq!(without_scripts(unclosed), unclosed);
    }

    #[test]
    fn indentation_between_tags_shrinks_to_one_character_except_in_preformatted_text() {
        let page = "<div>\n    <p>Ships  wait.</p>  \t <p>Twelve</p>\n\n  <pre>a\n\n   <b>b</b>   </pre>\n   <span>x</span>";
        assert_eq!(
            without_scripts(page),
            "<div>\n<p>Ships  wait.</p> <p>Twelve</p>\n<pre>a\n\n   <b>b</b>   </pre>\n<span>x</span>"
        );
        let tight = "<p>Ships wait.</p> <p>Twelve left.</p>";
        assert!(matches!(without_scripts(tight), std::borrow::Cow::Borrowed(_)));
        assert_eq!(without_scripts("<pre>  <b>never closed   </b>"), "<pre>  <b>never closed   </b>");
    }

    #[test]
    fn pages_without_scripts_are_not_copied_and_unclosed_ones_end_the_page() {
        let plain = "<p>Twelve ships waited offshore.</p><scripted>not a script</scripted>";
        assert!(matches!(without_scripts(plain), std::borrow::Cow::Borrowed(_)));
        assert_eq!(without_scripts("<p>Text</p><script>never closed <p>"), "<p>Text</p><script>");
        assert_eq!(without_scripts("<p>Text</p><script"), "<p>Text</p><script");
    }
}
