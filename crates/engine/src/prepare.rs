//! From a reader's draft to an article ready for the sequential stages.

use corroborate_cluster::{features_with_tokens, Features, MAX_BODY_WORDS};
use corroborate_dedup::{signature_with_tokens, Signature};
use corroborate_model::{Article, Draft, Extraction, Flag, FlagKind};
use corroborate_text::{guess_language, quality_flags, repair, sentences, tokens, Language, Token};

/// Longest title derived from the body when a record has none.
const DERIVED_TITLE_CHARS: usize = 120;

/// An article with everything that can be computed without looking at others.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub article: Article,
    pub extraction: Extraction,
    pub signature: Signature,
    pub features: Features,
}

/// Repairs the draft's text, splits sentences, extracts, fingerprints.
pub fn prepare(draft: Draft) -> Prepared {
    let repaired = repair(&draft.body);
    let body = repaired.text;
    let mut flags = draft.flags;
    flags.extend(repaired.flags);
    flags.extend(quality_flags(&body));
    let title = match draft.title.as_deref().map(|t| repair(t).text).filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => {
            if !flags.iter().any(|f| f.kind == FlagKind::MissingTitle) {
                flags.push(Flag::new(FlagKind::MissingTitle, "no title; derived from the first sentence"));
            }
            derive_title(&body)
        }
    };
    let spans = sentences(&body);
    let id = article_id(draft.outlet.as_deref(), &title, &body);
    let mut article = Article {
        id,
        story: None,
        wire_group: None,
        title,
        outlet: draft.outlet,
        url: draft.url,
        published: draft.published,
        authors: draft.authors,
        language: draft.language,
        credited_to: draft.credited_to,
        cites: draft.cites,
        body,
        sentences: spans,
        repairs: repaired.repairs,
        flags,
        origin: draft.origin,
    };
    // Extraction, wire-copy signatures and clustering read the same words: split them once.
    let words: Vec<Token> = tokens(&article.body).collect();
    let extraction = corroborate_extract::extract_with_tokens(&article, &words);
    let signature = signature_with_tokens(&words);
    let (language, features) = clustering(&article, &words);
    drop(words);
    if let Some(language) = language {
        article.language = Some(language.code().to_string());
    }
    Prepared { article, extraction, signature, features }
}

/// The content hash that identifies an article: the same outlet, title and
/// clean body always give the same id, so re-ingesting adds nothing.
pub fn article_id(outlet: Option<&str>, title: &str, body: &str) -> String {
    let mut bytes = Vec::with_capacity(title.len() + body.len() + 64);
    bytes.extend_from_slice(outlet.unwrap_or("").as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(title.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(body.as_bytes());
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes))
}

fn derive_title(body: &str) -> String {
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    if first.chars().count() <= DERIVED_TITLE_CHARS {
        return first.to_string();
    }
    let cut: String = first.chars().take(DERIVED_TITLE_CHARS).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}

/// The clustering features of a stored article, as [`prepare`] computed them.
pub fn article_features(article: &Article) -> Features {
    let words: Vec<Token> = tokens(&article.body).take(MAX_BODY_WORDS).collect();
    clustering(article, &words).1
}

/// The language an article's words are read in, and its clustering
/// features, from the tokens of its body (all of them or the first
/// [`MAX_BODY_WORDS`]: both give the same).
fn clustering(article: &Article, words: &[Token]) -> (Option<Language>, Features) {
    let words = &words[..words.len().min(MAX_BODY_WORDS)];
    let title: Vec<Token> = tokens(&article.title).collect();
    let language = reading_language(article.language.as_deref(), title.iter().chain(words));
    let features = features_with_tokens(
        language.unwrap_or_default(),
        &article.title,
        &article.body,
        words,
        article.published.as_deref(),
    );
    (language, features)
}

/// The language an article's words are read in (its stems and function
/// words; English when none): the one its own function words show, since
/// a page often declares its site's language whatever the text's; failing
/// that, the declared one. A declared language the guess does not know
/// (`ca`, `ru`) is left alone, since the guess could only mistake it for a
/// neighbour (Catalan for Spanish), and its words are read as English; a
/// declared value that is no language code (`de, en`) counts for nothing.
fn reading_language<'a>(
    declared: Option<&str>,
    words: impl IntoIterator<Item = &'a Token<'a>>,
) -> Option<Language> {
    let is_code = |d: &&str| (2..=3).contains(&d.len()) && d.chars().all(|c| c.is_ascii_lowercase());
    match declared.filter(is_code).map(Language::from_code) {
        Some(None) => None,
        Some(Some(declared)) => Some(guess_language(words).unwrap_or(declared)),
        None => guess_language(words),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_depend_on_outlet_title_and_body() {
        let a = article_id(Some("Harbor Times"), "Treaty signed", "Body.");
        assert_eq!(a.len(), 32);
        assert_eq!(a, article_id(Some("Harbor Times"), "Treaty signed", "Body."));
        assert_ne!(a, article_id(Some("Valley Ledger"), "Treaty signed", "Body."));
        assert_ne!(a, article_id(Some("Harbor Times"), "Treaty signed", "Body!"));
    }

    #[test]
    fn a_missing_title_is_derived_and_flagged() {
        let draft =
            Draft { origin: "x.txt".into(), body: "A very long first line. ".repeat(10), ..Draft::default() };
        let p = prepare(draft);
        assert!(p.article.title.ends_with('…'));
        assert!(p.article.title.chars().count() <= DERIVED_TITLE_CHARS + 1);
        assert!(p.article.flags.iter().any(|f| f.kind == FlagKind::MissingTitle));
    }

    #[test]
    fn a_title_a_reader_refused_is_flagged_once() {
        let refused =
            Flag::new(FlagKind::MissingTitle, "the title \"May 24, 2005\" is a date stamp, not a headline");
        let draft = Draft {
            origin: "x.json".into(),
            body: "Flood waters rose in Orvik.".into(),
            flags: vec![refused.clone()],
            ..Draft::default()
        };
        let p = prepare(draft);
        assert_eq!(p.article.title, "Flood waters rose in Orvik.");
        let missing: Vec<_> = p.article.flags.iter().filter(|f| f.kind == FlagKind::MissingTitle).collect();
        assert_eq!(missing, [&refused]);
    }

    #[test]
    fn the_text_s_function_words_tell_its_language() {
        let english = "The council said on Tuesday that the bridge over the river would be closed for \
                       repairs until the end of the month, and that buses would run in its place.";
        let german = "Der Stadtrat hat am Dienstag beschlossen, dass die Brücke über den Fluss bis zum \
                      Ende des Monats gesperrt wird. Busse sollen in dieser Zeit fahren.";
        let catalan = "L'ajuntament ha anunciat aquest dimarts que el pont sobre el riu estarà tancat per \
                       obres fins a la fi del mes i que els autobusos el substituiran.";
        let language = |body: &str, declared: Option<&str>| {
            let draft = Draft {
                origin: "x.json".into(),
                title: Some("Bridge".into()),
                body: body.into(),
                language: declared.map(str::to_string),
                ..Draft::default()
            };
            let p = prepare(draft);
            assert_eq!(
                p.features,
                article_features(&p.article),
                "the stored article gives the same features"
            );
            p.article.language
        };
        assert_eq!(language(german, None).as_deref(), Some("de"), "guessed when not given");
        assert_eq!(
            language(english, Some("de")).as_deref(),
            Some("en"),
            "a site's language is not the text's"
        );
        assert_eq!(language("Bridge shut.", Some("de")).as_deref(), Some("de"), "too short to tell");
        assert_eq!(language("Bridge shut.", None), None);
        assert_eq!(language(catalan, Some("ca")).as_deref(), Some("ca"), "a language not guessed is kept");
        assert_eq!(language(german, Some("de, en")).as_deref(), Some("de"), "no language code");
        // A table of figures before the text: ingest and recluster still read the same words.
        let table = format!("{}\n\n{}", "12 ".repeat(1150), german.repeat(8));
        assert_eq!(language(&table, None).as_deref(), Some("de"));
        let german_terms = prepare(Draft { body: german.into(), ..Draft::default() }).features.terms;
        assert!(german_terms.iter().any(|(t, _)| t.starts_with("de:")));
    }

    #[test]
    fn each_stage_finds_from_the_shared_words_what_it_finds_from_the_text() {
        let body = "LINDGRAD, March 4 — Deputy Foreign Minister Marta Kovač arrived in Zagreb on \
                    Tuesday. “We will not back down,” Kovač said of the 1,200 jobs. \
                    Reporting by Ana Brel.";
        for (title, body) in [("Talks open", body), ("", "Short."), ("Empty body", "")] {
            let draft = Draft {
                origin: "x.txt".into(),
                title: Some(title.into()),
                body: body.into(),
                published: Some("2026-03-04".into()),
                ..Draft::default()
            };
            let p = prepare(draft);
            let a = &p.article;
            assert_eq!(p.extraction, corroborate_extract::extract(a));
            assert_eq!(p.signature, corroborate_dedup::signature(&a.body));
            assert_eq!(p.features, article_features(a));
        }
    }
}
