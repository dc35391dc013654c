//! Bytes to text. Order of evidence: a byte order mark, then valid UTF-8
//! (the overwhelmingly common case, and one that legacy encodings almost
//! never imitate), then what the transport or an HTML `<meta>` declares, and
//! last a statistical guess. Decoding never fails: what cannot be decoded is
//! replaced and flagged, and any encoding other than UTF-8 is recorded so a
//! reader of the result knows the text went through a conversion.

use corroborate_model::{Flag, FlagKind};
use encoding_rs::{Encoding, UTF_8};

pub(crate) struct Decoded {
    pub text: String,
    pub flags: Vec<Flag>,
}

pub(crate) fn decode(bytes: &[u8], declared: Option<&str>, looks_html: bool) -> Decoded {
    let encoding = if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        encoding
    } else if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        declared
            .and_then(label)
            .or_else(|| looks_html.then(|| meta_charset(bytes)).flatten())
            .unwrap_or_else(|| guess(bytes))
    };
    let (text, used, had_errors) = encoding.decode(bytes);
    let mut flags = Vec::new();
    if used != UTF_8 {
        flags.push(Flag::new(FlagKind::LegacyEncoding, format!("decoded as {}", used.name())));
    }
    if had_errors {
        let count = text.matches('\u{fffd}').count();
        let message = format!("{count} invalid byte sequence(s) replaced");
        flags.push(Flag::new(FlagKind::InvalidBytes, message));
    }
    Decoded { text: text.into_owned(), flags }
}

/// An encoding from a label, ignoring UTF-16 (a label inside ASCII-compatible
/// bytes cannot be right about them).
fn label(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(name.trim().as_bytes())
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
}

/// The charset declared in the first few KiB of HTML, either as
/// `<meta charset="...">` or `<meta http-equiv content="text/html; charset=...">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    head.match_indices("charset").find_map(|(at, _)| {
        let tag_start = head[..at].rfind('<')?;
        if !head[tag_start..].starts_with("<meta") || head[tag_start..at].contains('>') {
            return None;
        }
        let rest = head[at + "charset".len()..].trim_start().strip_prefix('=')?;
        let rest = rest.trim_start().trim_start_matches(['"', '\'']);
        let end = rest.find(|c: char| c == '"' || c == '\'' || c == ';' || c == '>' || c.is_whitespace());
        label(&rest[..end.unwrap_or(rest.len())])
    })
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // UTF-8 stays possible: mostly-UTF-8 text with a few broken bytes is
    // better decoded as UTF-8 with replacements than as a legacy encoding.
    let guessed = detector.guess(None, Utf8Detection::Allow);
    // The detector still picks a code page for stray bytes in ASCII text
    // (`storm \xff\xfe hit` as "storm яю hit"), which then pass for letters.
    if guessed.is_single_byte() && !has_legacy_words(bytes, guessed) {
        return UTF_8;
    }
    guessed
}

/// Whether any run of non-ASCII bytes that is not UTF-8 reads as text in
/// `encoding`: joined to a word or a number (`caf\xe9`, `\x93new`,
/// `20\xb0C`), a word of three letters or more on its own, or a lone sign
/// (`5 \x80`). Stray bytes between words are none of these.
fn has_legacy_words(bytes: &[u8], encoding: &'static Encoding) -> bool {
    let mut at = 0;
    while let Some(start) = bytes[at..].iter().position(|b| !b.is_ascii()).map(|i| at + i) {
        let end = bytes[start..].iter().position(u8::is_ascii).map_or(bytes.len(), |i| start + i);
        at = end;
        let run = &bytes[start..end];
        if std::str::from_utf8(run).is_ok() {
            continue;
        }
        let neighbours = [start.checked_sub(1).map(|i| bytes[i]), bytes.get(end).copied()];
        let joined = neighbours.into_iter().flatten().any(|b| b.is_ascii_alphanumeric());
        let (text, _) = encoding.decode_without_bom_handling(run);
        let letters = text.chars().all(char::is_alphabetic);
        let count = text.chars().count();
        if joined || (letters && count >= 3) || (!letters && count == 1) {
            return true;
        }
    }
    false
}
