//! The languages whose words the clusterer knows: codes, stems, stop words,
//! and a guess of an unlabelled text's language from its function words.

use crate::tokens::{fold_into, Token, TokenKind};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::sync::OnceLock;

/// A language with a Snowball stemmer and a list of function words here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    #[default]
    English,
    German,
    French,
    Spanish,
    Italian,
    Portuguese,
    Dutch,
}

/// How many languages [`Language`] names.
const LANGUAGES: usize = Language::ALL.len();

impl Language {
    pub const ALL: [Language; 7] = [
        Language::English,
        Language::German,
        Language::French,
        Language::Spanish,
        Language::Italian,
        Language::Portuguese,
        Language::Dutch,
    ];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        self.names()[0]
    }

    /// The language of a code or name: ISO 639-1 (`de`, `de-AT`), 639-2 or
    /// 639-3 (`deu`, `ger`), or its name in English or in itself
    /// (`German`, `Deutsch`), in any case.
    pub fn from_code(value: &str) -> Option<Language> {
        let value = value.trim();
        let primary = value.split(['-', '_']).next().unwrap_or(value).to_lowercase();
        Language::ALL.into_iter().find(|l| l.names().contains(&primary.as_str()))
    }

    /// The 639-1 code first, then the other codes and names, folded.
    fn names(self) -> &'static [&'static str] {
        match self {
            Language::English => &["en", "eng", "english"],
            Language::German => &["de", "deu", "ger", "german", "deutsch"],
            Language::French => &["fr", "fra", "fre", "french", "français", "francais"],
            Language::Spanish => &["es", "spa", "spanish", "español", "espanol", "castellano"],
            Language::Italian => &["it", "ita", "italian", "italiano"],
            Language::Portuguese => &["pt", "por", "portuguese", "português", "portugues"],
            Language::Dutch => &["nl", "nld", "dut", "dutch", "nederlands"],
        }
    }

    /// Whether every noun is written with a capital, so that a capital inside
    /// a sentence does not single out a name.
    pub fn capitalises_nouns(self) -> bool {
        self == Language::German
    }

    fn index(self) -> usize {
        self as usize
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Language::English => Algorithm::English,
            Language::German => Algorithm::German,
            Language::French => Algorithm::French,
            Language::Spanish => Algorithm::Spanish,
            Language::Italian => Algorithm::Italian,
            Language::Portuguese => Algorithm::Portuguese,
            Language::Dutch => Algorithm::Dutch,
        }
    }

    /// Function words, folded (lowercase, accents stripped).
    fn stopwords(self) -> &'static [&'static str] {
        match self {
            Language::English => crate::tokens::STOPWORDS,
            Language::German => GERMAN,
            Language::French => FRENCH,
            Language::Spanish => SPANISH,
            Language::Italian => ITALIAN,
            Language::Portuguese => PORTUGUESE,
            Language::Dutch => DUTCH,
        }
    }

    /// Articles, pronouns and prepositions written elided before an
    /// apostrophe (`l'`, `qu'`, `dell'`), folded, without the apostrophe.
    fn elisions(self) -> &'static [&'static str] {
        match self {
            Language::French => &["c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu", "s", "t"],
            Language::Italian => &["all", "c", "d", "dall", "dell", "l", "nell", "quest", "sull", "un"],
            _ => &[],
        }
    }

    /// A folded word without an elided article or pronoun before its
    /// apostrophe (`l'assemblee` → `assemblee`, `dell'anno` → `anno`).
    pub fn without_elision(self, folded: &str) -> &str {
        match folded.split_once('\'') {
            Some((head, rest)) if !rest.is_empty() && self.elisions().contains(&head) => rest,
            _ => folded,
        }
    }
}

/// Distinct words per language whose stems a thread remembers before it
/// starts afresh.
const STEM_CACHE_WORDS: usize = 1 << 16;

/// The Snowball stem of a folded word in a language.
///
/// Every stage stems the same few thousand common words over and over, so
/// each thread remembers the stems it has computed (up to
/// [`STEM_CACHE_WORDS`] words per language, then it forgets them all and
/// starts again).
pub fn stem_in(language: Language, folded: &str) -> String {
    thread_local! {
        static STEMS: RefCell<[HashMap<Box<str>, Box<str>>; LANGUAGES]> = RefCell::default();
    }
    STEMS.with_borrow_mut(|stems| {
        let stems = &mut stems[language.index()];
        if let Some(known) = stems.get(folded) {
            return known.to_string();
        }
        let stemmed = stemmer(language).stem(folded).into_owned();
        if stems.len() >= STEM_CACHE_WORDS {
            stems.clear();
        }
        stems.insert(folded.into(), stemmed.as_str().into());
        stemmed
    })
}

fn stemmer(language: Language) -> &'static Stemmer {
    static STEMMERS: [OnceLock<Stemmer>; LANGUAGES] = [const { OnceLock::new() }; LANGUAGES];
    STEMMERS[language.index()].get_or_init(|| Stemmer::create(language.algorithm()))
}

/// Whether a folded word is a function word of the language.
pub fn is_stopword_in(language: Language, folded: &str) -> bool {
    if language == Language::English {
        return crate::tokens::is_stopword(folded);
    }
    static SETS: [OnceLock<HashSet<&'static str>>; LANGUAGES] = [const { OnceLock::new() }; LANGUAGES];
    SETS[language.index()].get_or_init(|| language.stopwords().iter().copied().collect()).contains(folded)
}

/// Words of a text looked at to guess its language.
const GUESS_WORDS: usize = 300;
/// Fewest votes a guess needs.
const GUESS_VOTES: f32 = 6.0;

/// The language of a text from its function words: each of its first
/// [`GUESS_WORDS`] words that is a function word gives one vote, shared
/// among the languages whose lists hold it (languages share many such
/// words: `de`, `a`, `in`, `die`). The leader needs [`GUESS_VOTES`] votes
/// and half as many again as the runner-up. `None` when the text is too
/// short, the vote too close, or the text in another language.
pub fn guess_language<'a>(words: impl IntoIterator<Item = &'a Token<'a>>) -> Option<Language> {
    let lists = vote_lists();
    let mut votes = [0f32; LANGUAGES];
    let mut key = String::new();
    for token in words.into_iter().filter(|t| t.kind == TokenKind::Word).take(GUESS_WORDS) {
        key.clear();
        fold_into(token.text, &mut key);
        // An elided article votes as itself: `l'` of `l'assemblee`.
        if let Some(apostrophe) = key.find('\'') {
            key.truncate(apostrophe + 1);
        }
        if key.len() > LONGEST_VOTER {
            continue;
        }
        if let Some(&mask) = lists.get(key.as_str()) {
            let share = 1.0 / mask.count_ones() as f32;
            for (i, vote) in votes.iter_mut().enumerate() {
                if mask >> i & 1 == 1 {
                    *vote += share;
                }
            }
        }
    }
    let mut ranked: Vec<(f32, Language)> = Language::ALL.into_iter().map(|l| (votes[l.index()], l)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let ((first, language), (second, _)) = (ranked[0], ranked[1]);
    (first >= GUESS_VOTES && first >= 1.5 * second).then_some(language)
}

/// Longest function word, in bytes, of any language here.
const LONGEST_VOTER: usize = 16;

/// Every function word, and every elided one with its apostrophe (`l'`),
/// with the languages (bit `index`) that use it.
fn vote_lists() -> &'static HashMap<String, u8> {
    static LISTS: OnceLock<HashMap<String, u8>> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut lists = HashMap::default();
        for language in Language::ALL {
            let elided = language.elisions().iter().map(|e| format!("{e}'"));
            for word in language.stopwords().iter().map(|w| w.to_string()).chain(elided) {
                *lists.entry(word).or_insert(0u8) |= 1 << language.index();
            }
        }
        lists
    })
}

// Function words, folded. Each list holds articles, pronouns, prepositions,
// conjunctions and the commonest forms of "be", "have" and "say", but no
// word that is also a content word here or in English (Italian `stato`,
// "state"; French `son`), which would be dropped where it is one and would
// vote for the wrong language.

#[rustfmt::skip]
const GERMAN: &[&str] = &[
    "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "auch", "auf",
    "aus", "bei", "beim", "bereits", "bin", "bis", "bisher", "bist", "da", "dabei", "damit", "dann",
    "darauf", "darum", "das", "dass", "daß", "dem", "den", "denn", "der", "deren", "des", "dessen",
    "dich", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort", "du",
    "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "etwa", "euch", "fur",
    "gegen", "gewesen", "hab", "habe", "haben", "hat", "hatte", "hatten", "hier", "ich", "ihm",
    "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "im", "in", "ins", "ist", "jedoch",
    "jetzt", "kann", "kein", "keine", "keinen", "mehr", "mich", "mit", "muss", "nach", "nicht",
    "noch", "nun", "nur", "ob", "oder", "ohne", "sagte", "seid", "sein", "seine", "seinem",
    "seinen", "seiner", "seit", "sich", "sie", "sind", "so", "soll", "sollen", "sowie", "uber",
    "um", "und", "uns", "unser", "unter", "vom", "von", "vor", "waren", "weil", "wenn", "werden",
    "wie", "wieder", "wir", "wird", "wurde", "wurden", "zu", "zum", "zur", "zwischen",
];

#[rustfmt::skip]
const FRENCH: &[&str] = &[
    "a", "afin", "ai", "aient", "ainsi", "alors", "apres", "au", "aussi", "autre", "aux", "avait",
    "avant", "avec", "avoir", "ce", "ceci", "cela", "celle", "celui", "ces", "cet", "cette", "chez",
    "comme", "dans", "de", "depuis", "des", "dit", "donc", "dont", "du", "elle", "elles", "en",
    "encore", "entre", "est", "et", "etait", "etre", "eux", "il", "ils", "je", "la", "le", "les",
    "leur", "leurs", "lors", "lui", "mais", "meme", "ne", "ni", "nous", "on", "ont", "ou", "par",
    "parce", "pas", "pendant", "peu", "pour", "puis", "que", "qui", "sa", "sans", "se", "selon",
    "ses", "si", "sont", "sous", "sur", "tous", "tout", "tres", "un", "une", "vers", "vous", "y",
];

#[rustfmt::skip]
const SPANISH: &[&str] = &[
    "a", "al", "algo", "algunos", "ante", "antes", "asi", "aun", "cada", "como", "con", "contra",
    "cual", "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos",
    "en", "entre", "era", "es", "esa", "ese", "eso", "esta", "estaba", "estan", "este", "esto",
    "estos", "fue", "fueron", "ha", "habia", "han", "hasta", "hay", "la", "las", "le", "les", "lo",
    "los", "mas", "me", "mi", "muy", "ni", "no", "nos", "o", "otra", "otro", "otros", "para",
    "pero", "poco", "por", "porque", "que", "quien", "se", "segun", "ser", "si", "sin", "sobre",
    "su", "sus", "tambien", "tiene", "todo", "todos", "tras", "un", "una", "unos", "y", "ya",
];

#[rustfmt::skip]
const ITALIAN: &[&str] = &[
    "a", "agli", "ai", "al", "alla", "alle", "allo", "anche", "ancora", "avere", "aveva", "che",
    "chi", "ci", "come", "con", "contro", "cosi", "da", "dai", "dal", "dalla", "dalle", "degli",
    "dei", "del", "della", "delle", "dello", "detto", "di", "dopo", "dove", "e", "ed", "era",
    "essere", "fa", "fra", "gia", "gli", "ha", "hanno", "i", "il", "in", "io", "la", "le", "lei",
    "lo", "loro", "lui", "ma", "mentre", "molto", "ne", "negli", "nei", "nel", "nella", "nelle",
    "noi", "non", "o", "ogni", "per", "perche", "piu", "poi", "quale", "quando", "quella", "quello",
    "questa", "questo", "se", "si", "sia", "sono", "stata", "su", "sua", "sui", "sul", "sulla",
    "suo", "suoi", "tra", "tutti", "tutto", "un", "una", "uno",
];

#[rustfmt::skip]
const PORTUGUESE: &[&str] = &[
    "a", "ao", "aos", "apos", "as", "ate", "com", "como", "da", "das", "de", "dela", "dele",
    "depois", "do", "dos", "e", "ela", "elas", "ele", "eles", "em", "entre", "era", "essa", "esse",
    "esta", "estao", "este", "eu", "foi", "foram", "ha", "isso", "ja", "mais", "mas", "mesmo",
    "muito", "na", "nao", "nas", "nem", "no", "nos", "num", "numa", "o", "os", "ou", "para", "pela",
    "pelas", "pelo", "pelos", "por", "porque", "quando", "que", "quem", "se", "sem", "ser", "seu",
    "seus", "sobre", "sua", "suas", "tambem", "tem", "um", "uma", "umas", "uns",
];

#[rustfmt::skip]
const DUTCH: &[&str] = &[
    "aan", "al", "als", "bij", "dat", "de", "deze", "die", "dit", "een", "en", "er", "geen", "had",
    "heb", "hebben", "heeft", "hem", "het", "hij", "hun", "ik", "in", "is", "je", "kan", "maar",
    "met", "na", "naar", "niet", "nog", "nu", "of", "om", "omdat", "ons", "ook", "op", "over", "te",
    "tegen", "toen", "tot", "uit", "van", "veel", "voor", "waren", "was", "wat", "we", "wel",
    "werd", "wij", "worden", "wordt", "zal", "ze", "zei", "zich", "zij", "zijn", "zo", "zou",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::{fold, tokens};

    fn guess(text: &str) -> Option<Language> {
        let words: Vec<Token> = tokens(text).collect();
        guess_language(&words)
    }

    #[test]
    fn lists_are_folded_sorted_and_short() {
        for language in Language::ALL {
            let words = language.stopwords();
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{language:?} is sorted without repeats");
            for w in words {
                assert_eq!(fold(w), *w, "{language:?}: {w} is folded");
                assert!(w.len() <= LONGEST_VOTER, "{w}");
                assert!(is_stopword_in(language, w));
            }
        }
        assert!(!is_stopword_in(Language::German, "regierung"));
    }

    #[test]
    fn codes_and_names_name_one_language() {
        for (value, language) in [
            ("de", Language::German),
            ("de-AT", Language::German),
            ("ger", Language::German),
            ("Deutsch", Language::German),
            ("EN_gb", Language::English),
            ("eng", Language::English),
            ("fre", Language::French),
            ("Español", Language::Spanish),
            ("pt-BR", Language::Portuguese),
            ("nld", Language::Dutch),
        ] {
            assert_eq!(Language::from_code(value), Some(language), "{value}");
        }
        assert_eq!(Language::from_code("ru"), None);
        assert_eq!(Language::from_code(""), None);
        assert!(Language::ALL.iter().all(|l| Language::from_code(l.code()) == Some(*l)));
    }

    #[test]
    fn stems_follow_the_language() {
        assert_eq!(stem_in(Language::German, "regierungen"), stem_in(Language::German, "regierung"));
        assert_eq!(stem_in(Language::Spanish, "presidentes"), stem_in(Language::Spanish, "presidente"));
        assert_eq!(stem_in(Language::English, "meetings"), crate::stem("meetings"));
        assert_ne!(stem_in(Language::German, "regierungen"), stem_in(Language::English, "regierungen"));
    }

    #[test]
    fn remembered_stems_are_the_stemmer_s_own_even_after_the_cache_starts_afresh() {
        let words = ["meetings", "recalled", "ferries", "negotiations", "agreed"];
        let own = |w: &str| stemmer(Language::English).stem(w).into_owned();
        let first: Vec<String> = words.iter().map(|w| stem_in(Language::English, w)).collect();
        assert_eq!(first, words.map(own));
        // Fill the cache past its size so that it is cleared at least once.
        for i in 0..STEM_CACHE_WORDS + 10 {
            stem_in(Language::English, &format!("filler{i}s"));
        }
        let again: Vec<String> = words.iter().map(|w| stem_in(Language::English, w)).collect();
        assert_eq!(again, first);
        assert_eq!(stem_in(Language::English, "filler7s"), own("filler7s"));
    }

    #[test]
    fn elided_articles_are_dropped() {
        assert_eq!(Language::French.without_elision("l'assemblee"), "assemblee");
        assert_eq!(Language::Italian.without_elision("dell'anno"), "anno");
        assert_eq!(Language::French.without_elision("aujourd'hui"), "aujourd'hui");
        assert_eq!(Language::English.without_elision("o'brien"), "o'brien");
    }

    #[test]
    fn a_text_is_told_by_its_function_words() {
        let cases = [
            (
                "The council said on Tuesday that the bridge over the river would be closed for repairs \
                 until the end of the month, and that buses would run in its place.",
                Language::English,
            ),
            (
                "Der Stadtrat hat am Dienstag beschlossen, dass die Brücke über den Fluss bis zum Ende \
                 des Monats gesperrt wird. Busse sollen in dieser Zeit fahren.",
                Language::German,
            ),
            (
                "Le conseil municipal a annoncé mardi que le pont sur la rivière serait fermé pour des \
                 travaux jusqu'à la fin du mois, et que des bus le remplaceront.",
                Language::French,
            ),
            (
                "El ayuntamiento anunció el martes que el puente sobre el río estará cerrado por obras \
                 hasta el final del mes y que los autobuses lo sustituirán.",
                Language::Spanish,
            ),
            (
                "Il consiglio comunale ha annunciato martedì che il ponte sul fiume sarà chiuso per \
                 lavori fino alla fine del mese e che gli autobus lo sostituiranno.",
                Language::Italian,
            ),
            (
                "A câmara municipal anunciou na terça-feira que a ponte sobre o rio ficará fechada para \
                 obras até ao fim do mês e que os autocarros vão substituí-la.",
                Language::Portuguese,
            ),
            (
                "De gemeenteraad heeft dinsdag besloten dat de brug over de rivier tot het einde van de \
                 maand dicht is voor werkzaamheden en dat er bussen rijden.",
                Language::Dutch,
            ),
        ];
        for (text, language) in cases {
            assert_eq!(guess(text), Some(language), "{text}");
        }
        assert_eq!(guess("Storm closes the bridge"), None, "too few function words");
        // Elided articles vote: little else here is a French function word.
        assert_eq!(
            guess("L'ambassadeur d'Italie s'est rendu à l'Élysée jusqu'à midi, puis à l'Assemblée, où il n'a rien dit."),
            Some(Language::French)
        );
        // Words that are content words in English or in the language itself do not vote.
        for (language, word) in
            [(Language::German, "war"), (Language::Italian, "stato"), (Language::French, "son")]
        {
            assert!(!is_stopword_in(language, word), "{word}");
        }
        assert_eq!(
            guess("The war left a man dead and his son hurt; the war went on and the man died."),
            Some(Language::English)
        );
        assert_eq!(
            guess("Мэрия объявила во вторник, что мост через реку будет закрыт до конца месяца."),
            None
        );
    }
}
