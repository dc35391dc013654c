//! When two spellings name the same person or place.
//!
//! Outlets write foreign names as they were transliterated for them
//! (`Khodorkovsky`, `Khodorkovskiy`; `Gaddafi`, `Qadhafi`), with or without
//! accents, in the masculine or feminine form of a Slavic surname
//! (`Ivanov`, `Ivanova`; `Politkovsky`, `Politkovskaya`), and places by an
//! old or an English name (`Bombay`, `Mumbai`). All of these should land on
//! one entity, while names that merely look alike (`Johnson`, `Johnston`)
//! must not. Two tests together keep that balance: a consonant skeleton
//! that transliterations share, and an edit distance small enough that
//! different names rarely pass both. First names get a small table of
//! transliterated forms on top, since `Yevgeny` and `Evgeny` differ at the
//! start, where the skeleton is strict.
//!
//! Every function takes folded words (lowercase, no accents: see
//! [`corroborate_text::fold`]).

use std::borrow::Cow;

/// Feminine or transliterated endings of Slavic surnames and the stem they share.
const ENDINGS: &[(&str, &str)] = &[
    ("skaya", "sk"),
    ("skaia", "sk"),
    ("skiy", "sk"),
    ("skii", "sk"),
    ("sky", "sk"),
    ("ski", "sk"),
    ("ska", "sk"),
    ("ckaya", "ck"),
    ("cka", "ck"),
    ("cki", "ck"),
    ("cky", "ck"),
    ("ova", "ov"),
    ("eva", "ev"),
    ("ina", "in"),
    ("yna", "yn"),
];

/// Transliterations of common first names, each row one name.
const FIRST_NAMES: &[&[&str]] = &[
    &["aleksandr", "alexander", "aleksander", "alexandr", "oleksandr", "alexandre", "alessandro"],
    &["aleksei", "alexei", "aleksey", "alexey", "oleksiy"],
    &["andrei", "andrey", "andriy", "andrej"],
    &["dmitry", "dmitri", "dmitrii", "dmytro"],
    &["fyodor", "fedor", "fiodor"],
    &["mikhail", "mihail", "michail", "mykhailo"],
    &["moammar", "muammar", "moamar", "muammer"],
    &["mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad"],
    &["nikolai", "nikolay", "mykola"],
    &["pyotr", "petr", "piotr"],
    &["sergei", "sergey", "serhiy", "sergii"],
    &["vladimir", "volodymyr", "wladimir"],
    &["yevgeny", "evgeny", "yevgeniy", "evgeniy", "evgenii", "yevgeni", "evgeni"],
    &["yulia", "yuliya", "julia", "iuliia"],
    &["yuri", "yury", "yuriy", "iurii", "jurij"],
];

/// English first names and their short forms, each row one name.
const SHORT_NAMES: &[&[&str]] = &[
    &["andrew", "andy"],
    &["anthony", "tony"],
    &["benjamin", "ben"],
    &["charles", "charlie", "chuck"],
    &["christopher", "chris"],
    &["daniel", "dan", "danny"],
    &["david", "dave"],
    &["deborah", "debra", "debbie"],
    &["donald", "don"],
    &["edward", "ed", "eddie", "ted", "ned"],
    &["elizabeth", "liz", "beth", "betty"],
    &["frederick", "fred", "freddie"],
    &["gerald", "jerry"],
    &["gregory", "greg"],
    &["james", "jim", "jimmy"],
    &["jennifer", "jen", "jenny"],
    &["john", "jack", "johnny"],
    &["joseph", "joe", "joey"],
    &["katherine", "catherine", "kathryn", "kate", "kathy", "cathy"],
    &["kenneth", "ken", "kenny"],
    &["lawrence", "larry"],
    &["margaret", "peggy", "maggie"],
    &["matthew", "matt"],
    &["michael", "mike", "mickey"],
    &["nicholas", "nick"],
    &["richard", "dick", "rick", "ricky"],
    &["robert", "bob", "bobby", "rob"],
    &["ronald", "ron", "ronnie"],
    &["samuel", "sam"],
    &["stephen", "steven", "steve"],
    &["susan", "sue"],
    &["thomas", "tom", "tommy"],
    &["timothy", "tim"],
    &["william", "bill", "billy", "will"],
];

/// English and former names of places, and the name they are merged under.
const PLACES: &[(&str, &str)] = &[
    ("bombay", "mumbai"),
    ("burma", "myanmar"),
    ("calcutta", "kolkata"),
    ("canton", "guangzhou"),
    ("ceylon", "sri lanka"),
    ("kiev", "kyiv"),
    ("madras", "chennai"),
    ("peking", "beijing"),
    ("rangoon", "yangon"),
    ("saigon", "ho chi minh city"),
];

/// Shortest surname the skeleton rule applies to: short names collide too easily.
const MIN_FUZZY: usize = 5;

/// A surname with a feminine or transliterated Slavic ending replaced by its stem.
pub(crate) fn surname_stem(surname: &str) -> Cow<'_, str> {
    for (ending, stem) in ENDINGS {
        if let Some(head) = surname.strip_suffix(ending) {
            if head.chars().count() >= 3 {
                return Cow::Owned(format!("{head}{stem}"));
            }
        }
    }
    Cow::Borrowed(surname)
}

/// Whether two surnames are spellings of one name.
pub(crate) fn same_surname(a: &str, b: &str) -> bool {
    let (a, b) = (surname_stem(a), surname_stem(b));
    a == b || (a.chars().count().min(b.chars().count()) >= MIN_FUZZY && close(&a, &b, 2))
}

/// Whether two first names are spellings or forms of one name (`Aleksandr`
/// and `Alexander`, `Bill` and `William`), or one is the other's initial
/// (`j`, `john`).
pub(crate) fn same_first_name(a: &str, b: &str) -> bool {
    let one_row = |rows: &[&[&str]]| {
        let row = |x: &str| rows.iter().position(|r| r.contains(&x));
        row(a).is_some_and(|r| row(b) == Some(r))
    };
    let initial = |x: &str, y: &str| x.chars().count() == 1 && y.starts_with(x);
    a == b
        || initial(a, b)
        || initial(b, a)
        || one_row(FIRST_NAMES)
        || one_row(SHORT_NAMES)
        || (a.chars().count().min(b.chars().count()) >= MIN_FUZZY && close(a, b, 2))
}

/// A place name with former and English names replaced, word by word and as a whole.
pub(crate) fn place_key(folded: &str) -> String {
    let lookup = |w: &str| PLACES.iter().find(|(old, _)| *old == w).map(|(_, new)| new.to_string());
    lookup(folded).unwrap_or_else(|| {
        folded.split(' ').map(|w| lookup(w).unwrap_or_else(|| w.to_string())).collect::<Vec<_>>().join(" ")
    })
}

/// Same skeleton and at most `max` edits apart.
fn close(a: &str, b: &str, max: usize) -> bool {
    // More letters apart than edits allowed: no need to compare further.
    a.chars().count().abs_diff(b.chars().count()) <= max
        && skeleton(a) == skeleton(b)
        && edit_distance(a, b) <= max
}

/// The consonants of a word as transliterations keep them: the first letter,
/// then consonants with `h` and vowels dropped, sound-alike letters merged
/// (`k`, `c`, `q`, `g`; `v`, `w`; `s`, `z`; `x` as `ks`; `ph` as `f`) and
/// doubled letters written once.
pub(crate) fn skeleton(word: &str) -> String {
    let chars: Vec<char> = word.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            'p' if chars.get(i + 1) == Some(&'h') => out.push('f'),
            'c' | 'k' | 'q' | 'g' => out.push('k'),
            'v' | 'w' => out.push('v'),
            's' | 'z' => out.push('s'),
            'x' => out.push_str("ks"),
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' if i > 0 => {}
            _ => out.push(c),
        }
    }
    let mut deduped = String::with_capacity(out.len());
    for c in out.chars() {
        if !deduped.ends_with(c) {
            deduped.push(c);
        }
    }
    deduped
}

/// Levenshtein distance over characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterated_surnames_are_one_name() {
        assert!(same_surname("khodorkovsky", "khodorkovskiy"));
        assert!(same_surname("gaddafi", "qadhafi"));
        assert!(same_surname("qaddafi", "gadhafi"));
        assert!(same_surname("kovac", "kovach"));
    }

    #[test]
    fn gendered_surnames_are_one_name() {
        assert!(same_surname("ivanov", "ivanova"));
        assert!(same_surname("politkovsky", "politkovskaya"));
        assert!(same_surname("kowalski", "kowalska"));
        assert_eq!(surname_stem("lee"), "lee");
    }

    #[test]
    fn lookalike_surnames_stay_apart() {
        assert!(!same_surname("johnson", "johnston"));
        assert!(!same_surname("putin", "patten"));
        assert!(!same_surname("allen", "ellen"));
        assert!(!same_surname("clinton", "clifton"));
        assert!(!same_surname("khan", "kuhn"));
    }

    #[test]
    fn first_name_variants_are_one_name() {
        assert!(same_first_name("aleksandr", "alexander"));
        assert!(same_first_name("yevgeny", "evgeny"));
        assert!(same_first_name("mikhail", "mikhael"));
        assert!(!same_first_name("marta", "maria"));
        assert!(!same_first_name("bill", "hillary"));
        assert!(same_first_name("j", "john"));
        assert!(!same_first_name("j", "herbert"));
        assert!(same_first_name("bill", "william"));
        assert!(same_first_name("mike", "michael"));
        assert!(!same_first_name("mike", "william"));
    }

    #[test]
    fn former_and_english_place_names_share_a_key() {
        assert_eq!(place_key("bombay"), place_key("mumbai"));
        assert_eq!(place_key("peking"), "beijing");
        assert_eq!(place_key("kiev airport"), place_key("kyiv airport"));
        assert_eq!(place_key("split"), "split");
    }

    #[test]
    fn skeletons_keep_the_first_letter_and_merge_sound_alikes() {
        assert_eq!(skeleton("gaddafi"), "kdf");
        assert_eq!(skeleton("qadhafi"), "kdf");
        assert_eq!(skeleton("allen"), "aln");
        assert_eq!(skeleton("philipp"), "flp");
    }
}
