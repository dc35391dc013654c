//! HTML character references left in text by careless extraction
//! (`AT&amp;T`, `&#8217;`, `&#x2014;`).
//!
//! Only complete references ending in `;` are decoded, so a bare `&` or
//! `R&D` is never touched. Numeric references to 128–159 mean the
//! Windows-1252 characters, as in HTML. References to nothing (`&#0;`,
//! surrogates, beyond U+10FFFF) and unknown names are left as written.

use super::codec::CP1252_HIGH;
use super::edit::{Editor, Pass};
use corroborate_model::RepairKind;

// Sorted by name (byte order), for binary search.
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Ccedil", 'Ç'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Euml", 'Ë'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Iuml", 'Ï'),
    ("Ntilde", 'Ñ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Prime", '″'),
    ("Scaron", 'Š'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("cent", '¢'),
    ("copy", '©'),
    ("dagger", '†'),
    ("deg", '°'),
    ("divide", '÷'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("gt", '>'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("igrave", 'ì'),
    ("iquest", '¿'),
    ("iuml", 'ï'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("middot", '·'),
    ("minus", '−'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("oelig", 'œ'),
    ("ograve", 'ò'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sect", '§'),
    ("shy", '\u{AD}'),
    ("szlig", 'ß'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("yen", '¥'),
    ("yuml", 'ÿ'),
];

/// The longest reference considered (`&#x10FFFF;` and the longest name fit).
const MAX_LEN: usize = 12;

fn numeric(digits: &str, radix: u32) -> Option<char> {
    if digits.is_empty() || digits.len() > 7 {
        return None;
    }
    let n = u32::from_str_radix(digits, radix).ok()?;
    match n {
        0x80..=0x9F => Some(CP1252_HIGH[(n - 0x80) as usize]),
        0 => None,
        _ => char::from_u32(n),
    }
}

/// The character of the reference at the start of `s` (which begins with `&`)
/// and the reference's length.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(MAX_LEN).position(|&b| b == b';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        match num.strip_prefix(['x', 'X']) {
            Some(hex) if hex.bytes().all(|b| b.is_ascii_hexdigit()) => numeric(hex, 16)?,
            None if num.bytes().all(|b| b.is_ascii_digit()) => numeric(num, 10)?,
            _ => return None,
        }
    } else {
        NAMED.binary_search_by(|(n, _)| n.cmp(&body)).ok().map(|i| NAMED[i].1)?
    };
    Some((c, end + 1))
}

pub(super) fn entities(text: &str) -> Option<Pass> {
    if !text.contains('&') {
        return None;
    }
    let mut ed = Editor::new(text);
    let mut from = 0;
    while let Some(found) = text[from..].find('&') {
        let at = from + found;
        match reference(&text[at..]) {
            Some((c, len)) => {
                let mut buf = [0; 4];
                ed.replace(at..at + len, c.encode_utf8(&mut buf), RepairKind::HtmlEntity);
                from = at + len;
            }
            None => from = at + 1,
        }
    }
    ed.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
