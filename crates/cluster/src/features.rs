//! What the clusterer sees of an article.

use corroborate_text::{
    fold, fold_into, is_apostrophe, is_stopword_in, month_number, stem_in, tokens, Language, Token, TokenKind,
};
use rustc_hash::FxHashMap as HashMap;

/// Words of the body looked at: the lead carries the event; long tails add noise and cost.
pub const MAX_BODY_WORDS: usize = 1200;
/// Title words count this many times a body word: a headline names the event.
const TITLE_WEIGHT: f32 = 2.0;
/// Words (tokens) at the start of the body that count twice.
const LEAD_WORDS: usize = 60;

/// Fewest characters of a number that counts as a figure of the event.
const NUMBER_DIGITS: usize = 2;

/// Prefix of the terms that are names.
pub const NAME_PREFIX: char = '@';

/// Prefix of the terms that are figures: they count with the names, but a
/// story is never looked up by one (a year or a small number is shared by too
/// many stories to find candidates with).
pub const FIGURE_PREFIX: &str = "@#";

/// Term weights and day of one article.
///
/// Terms are of two kinds: stems of content words, and names (capitalised
/// words inside a sentence, folded and prefixed with [`NAME_PREFIX`]). The
/// clusterer compares the two kinds separately: two reports of one event share
/// both their actors and their subject, while the same actors in another event,
/// or the same kind of event with other actors, share only one of them.
///
/// Content words are stemmed and filtered by the article's language (English
/// when it is not known or not one of [`Language::ALL`]); stems of other
/// languages than English carry the language's code (`de:regier`), so that
/// articles in two languages share no content term and do not make one
/// story, whatever names they share. In German, where every noun is
/// capitalised, a capitalised word counts both as a name (stemmed) and as a
/// content word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// (term, weight), sorted by term.
    pub terms: Vec<(String, f32)>,
    /// Days since 1970-01-01 of the publication date, or of a full date on the
    /// first line of the body, when known.
    pub day: Option<i32>,
    /// Month and day of a dateline without a year (`LINDGRAD, March 4 —`),
    /// when no full date is known.
    pub month_day: Option<(u32, u32)>,
}

/// Features of an English article from its title, clean body and ISO
/// publication date (see [`features_in`]).
pub fn features(title: &str, body: &str, published: Option<&str>) -> Features {
    features_in(Language::English, title, body, published)
}

/// Features of an article in a language from its title, clean body and ISO
/// publication date.
///
/// Weights are sublinear in the count (`1 + ln count`) so that a word repeated
/// in a long article does not drown the others. Each distinct word is stemmed
/// once.
pub fn features_in(language: Language, title: &str, body: &str, published: Option<&str>) -> Features {
    let words: Vec<Token> = tokens(body).take(MAX_BODY_WORDS).collect();
    features_with_tokens(language, title, body, &words, published)
}

/// [`features_in`] from the tokens of the body (`corroborate_text::tokens`),
/// for callers that have them already.
pub fn features_with_tokens(
    language: Language,
    title: &str,
    body: &str,
    body_tokens: &[Token<'_>],
    published: Option<&str>,
) -> Features {
    let mut counts = Counts { language, ..Counts::default() };
    // Headlines capitalise every word, so their words count as content only.
    for token in tokens(title) {
        counts.add(title, token, TITLE_WEIGHT, false);
    }
    // The lead names the event's who and what: its words count twice.
    for (i, &token) in body_tokens.iter().take(MAX_BODY_WORDS).enumerate() {
        let weight = if i < LEAD_WORDS { 2.0 } else { 1.0 };
        counts.add(body, token, weight, true);
    }
    let mut stems: HashMap<String, f32> =
        HashMap::with_capacity_and_hasher(counts.words.len(), Default::default());
    for (word, count) in counts.words {
        let term = match word.strip_prefix(NAME_PREFIX) {
            // A German noun is a name too: its inflections (`Staudamms`) are one name.
            Some(name) if language.capitalises_nouns() && !word.starts_with(FIGURE_PREFIX) => {
                format!("{NAME_PREFIX}{}", stem_in(language, name))
            }
            Some(_) => word,
            None if language == Language::English => stem_in(language, &word),
            None => format!("{}:{}", language.code(), stem_in(language, &word)),
        };
        *stems.entry(term).or_insert(0.0) += count;
    }
    let mut terms: Vec<(String, f32)> = stems.into_iter().map(|(t, c)| (t, 1.0 + c.ln().max(0.0))).collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let (mut day, mut month_day) = (published.and_then(day_number), None);
    if day.is_none() {
        match first_line_date(body) {
            Some(VisibleDate::Full(d)) => day = Some(d),
            Some(VisibleDate::MonthDay(m, d)) => month_day = Some((m, d)),
            None => {}
        }
    }
    Features { terms, day, month_day }
}

/// A date written on the first line of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VisibleDate {
    /// Days since 1970-01-01.
    Full(i32),
    /// Month and day, the year not given.
    MonthDay(u32, u32),
}

/// The date on the first line of a body: a date line (`May 03, 2013`,
/// `September 18th, 2013, 05:31 GMT`) or a dateline (`LINDGRAD, March 4 —`).
/// A month and day count only at the start of the line or after a comma, and,
/// without a year, only when a dash, parenthesis or the end of the line follows,
/// so that `in March 4 people died` is not a date.
pub fn first_line_date(body: &str) -> Option<VisibleDate> {
    let line = body.lines().find(|l| !l.trim().is_empty())?;
    let head = &line[..line.len().min(line.floor_char_boundary(120))];
    let words: Vec<_> = tokens(head).take(16).collect();
    for (i, w) in words.iter().enumerate() {
        let Some(month) = month_number(&fold(w.text)).filter(|_| w.is_capitalised()) else { continue };
        let before = head[..w.span.start].trim_end();
        if !(before.is_empty() || before.ends_with(',')) {
            continue;
        }
        let Some(day) = words.get(i + 1).and_then(|t| day_of_month(t.text)) else { continue };
        let after_day = &head[words[i + 1].span.end..];
        let year = words
            .get(i + 2)
            .filter(|t| after_day[..t.span.start - words[i + 1].span.end].trim() == ",")
            .and_then(|t| t.text.parse::<i32>().ok())
            .filter(|y| (1900..2200).contains(y));
        if let Some(y) = year {
            return day_number(&format!("{y:04}-{month:02}-{day:02}")).map(VisibleDate::Full);
        }
        let rest = after_day.trim_start();
        if rest.is_empty() || rest.starts_with(['—', '–', '-', '(']) {
            return Some(VisibleDate::MonthDay(month, day));
        }
    }
    None
}

fn day_of_month(token: &str) -> Option<u32> {
    let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &token[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// Weighted counts of an article's words (folded), names and figures (prefixed).
#[derive(Default)]
struct Counts {
    language: Language,
    words: HashMap<String, f32>,
    /// The key being built, reused from token to token.
    key: String,
}

impl Counts {
    /// Counts `token` of `text`; names are told apart only when `names` is set.
    fn add(&mut self, text: &str, token: Token<'_>, weight: f32, names: bool) {
        self.key.clear();
        if token.kind == TokenKind::Number {
            if names && token.text.len() >= NUMBER_DIGITS {
                // Figures (a year, a toll, a score) tell one event from another
                // of the same kind: they count with the names.
                self.key.push_str(FIGURE_PREFIX);
                self.key.extend(token.text.chars().filter(char::is_ascii_digit));
                self.count(0, weight);
            }
            return;
        }
        if token.text.len() < 2 {
            return;
        }
        self.key.push(NAME_PREFIX);
        fold_into(token.text, &mut self.key);
        let start = NAME_PREFIX.len_utf8();
        let folded = &self.key[start..];
        let elided = folded.len() - self.language.without_elision(folded).len();
        if elided > 0 {
            self.key.replace_range(start..start + elided, "");
        }
        if is_stopword_in(self.language, &self.key[start..]) {
            return;
        }
        // After an elided article (`l'Élysée`), the word's own capital counts.
        let capitalised = match token.text.split_once(is_apostrophe) {
            Some((_, rest)) if elided > 0 => rest.starts_with(char::is_uppercase),
            _ => token.is_capitalised(),
        };
        let name = names && capitalised && !starts_sentence(&text[..token.span.start]);
        if name {
            self.count(0, weight);
        }
        if !name || self.language.capitalises_nouns() {
            self.count(NAME_PREFIX.len_utf8(), weight);
        }
    }

    /// Adds `weight` to the count of the key from byte `from` on.
    fn count(&mut self, from: usize, weight: f32) {
        let key = &self.key[from..];
        match self.words.get_mut(key) {
            Some(count) => *count += weight,
            None => {
                self.words.insert(key.to_string(), weight);
            }
        }
    }
}

/// Whether a word after `before` would start a sentence (or a quote, or a line).
fn starts_sentence(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n', '"', '“', '‘', '\'', '(', '—', '-'])
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, optionally followed by a time).
pub fn day_number(iso: &str) -> Option<i32> {
    let y: i32 = iso.get(0..4)?.parse().ok()?;
    let m: u32 = iso.get(5..7)?.parse().ok()?;
    let d: u32 = iso.get(8..10)?.parse().ok()?;
    if iso.as_bytes().get(4) != Some(&b'-') || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_on_the_first_line_are_found() {
        let day = |s: &str| day_number(s).unwrap();
        assert_eq!(
            first_line_date("May 03, 2013\nAfter skipping..."),
            Some(VisibleDate::Full(day("2013-05-03")))
        );
        assert_eq!(
            first_line_date("September 18th, 2013, 05: 31 GMT\nMicrosoft..."),
            Some(VisibleDate::Full(day("2013-09-18")))
        );
        assert_eq!(
            first_line_date("LINDGRAD, March 4 — Valdoria and Estmark signed"),
            Some(VisibleDate::MonthDay(3, 4))
        );
        assert_eq!(
            first_line_date("PARIS, Sept. 12 (Meridian Press) - Police said"),
            Some(VisibleDate::MonthDay(9, 12))
        );
        assert_eq!(first_line_date("In March 4 people died when the bridge fell."), None);
        assert_eq!(first_line_date("The mayor said on May 3 that she would stay."), None);
        let f = features("", "LINDGRAD, March 4 — Talks ended.", Some("2026-03-05"));
        assert_eq!((f.day, f.month_day), (Some(day("2026-03-05")), None));
        let f = features("", "LINDGRAD, March 4 — Talks ended.", None);
        assert_eq!((f.day, f.month_day), (None, Some((3, 4))));
    }

    #[test]
    fn day_numbers_count_from_the_epoch() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2026-03-05T10:00:00Z"), day_number("2026-03-05"));
        assert_eq!(day_number("2026-03-05").unwrap() - day_number("2026-02-26").unwrap(), 7);
        assert_eq!(day_number("March 5"), None);
        assert_eq!(day_number("2026-13-01"), None);
    }

    #[test]
    fn titles_weigh_more_inflections_merge_and_stopwords_are_dropped() {
        let f = features("Dam Talks", "The talk on the dam began. Officials met Ortiz at the dams.", None);
        let weight = |t: &str| f.terms.iter().find(|(s, _)| s == t).map(|p| p.1);
        assert!(weight("the").is_none());
        assert!(weight("dam").unwrap() > weight("@ortiz").unwrap());
        assert!(weight("talk").unwrap() > weight("began").unwrap());
        assert_eq!(weight("@ortiz"), weight("began"));
        // Sentence-initial and headline words are content, not names.
        assert!(weight("offici").is_some() && weight("@officials").is_none());
        assert!(weight("@dam").is_none());
        assert!(f.terms.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn figures_of_two_digits_or_more_count_with_the_names() {
        let f = features("Storm in 2013", "In 2013 the storm cut 1,200 lines and 3 towers fell.", None);
        let weight = |t: &str| f.terms.iter().find(|(s, _)| s == t).map(|p| p.1);
        assert!(weight("@#2013").is_some());
        assert!(weight("@#1200").is_some());
        assert!(weight("@#3").is_none());
        // Only the body's figures: a headline number is counted once, as the body's.
        assert_eq!(weight("@#2013"), weight("@#1200"));
    }

    #[test]
    fn words_are_read_in_the_article_s_language() {
        let body = "Am Dienstag hat der Stadtrat von Lindgrad die Brücken über den Fluss gesperrt. \
                    Bürgermeisterin Vesna Horvat sagte, die Brücke werde bis zum Ende des Monats repariert.";
        let f = features_in(Language::German, "Brücke gesperrt", body, None);
        let weight = |t: &str| f.terms.iter().find(|(s, _)| s == t).map(|p| p.1);
        // German stems, marked with the language; German function words dropped.
        assert_eq!(
            weight("de:bruck"),
            Some(1.0 + 6.0f32.ln()),
            "the title twice, the plural and the singular of the lead twice each"
        );
        assert!(weight("der").is_none() && weight("de:der").is_none() && weight("de:und").is_none());
        assert!(weight("de:gesperrt").is_some() && weight("gesperrt").is_none());
        // Every noun is capitalised: a capital makes a name and stays a content word.
        assert!(weight("@stadtrat").is_some() && weight("de:stadtrat").is_some());
        assert!(weight("@horvat").is_some());
        // Inflected nouns make one name: `Brücken` and `Brücke`.
        assert!(weight("@bruck").is_some() && weight("@brucken").is_none(), "{:?}", f.terms);
        // The same text read as English keeps German function words and English stems.
        let english = features("Brücke gesperrt", body, None);
        assert!(english.terms.iter().any(|(t, _)| t == "die"));
        assert!(english.terms.iter().all(|(t, _)| !t.starts_with("de:")));
    }

    #[test]
    fn an_elided_article_is_not_part_of_the_word() {
        let body = "Le président a reçu mardi l'ambassadeur à l'Élysée, selon l'AFP.";
        let f = features_in(Language::French, "", body, None);
        let has = |t: &str| f.terms.iter().any(|(s, _)| s == t);
        assert!(has("fr:ambassadeur") || has("fr:ambassad"), "{:?}", f.terms);
        assert!(has("@elysee") && has("@afp"), "{:?}", f.terms);
        assert!(!f.terms.iter().any(|(t, _)| t.contains('\'')), "{:?}", f.terms);
        // Whichever apostrophe the text uses.
        for apostrophe in ['’', '‘', 'ʼ'] {
            let body = body.replace('\'', &apostrophe.to_string());
            assert_eq!(features_in(Language::French, "", &body, None), f, "{apostrophe}");
        }
    }
}
