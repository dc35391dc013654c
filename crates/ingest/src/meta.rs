//! Small normalisations of metadata shared by the readers.

use corroborate_text::{Language, WEEKDAYS};

use crate::credits;

/// The words of a text, lowercased, without punctuation: for comparing
/// two wordings of one line.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// `en-GB` → `en`, `EN` → `en`, `deu` and `ger` → `de`, `English` → `en`:
/// the ISO 639-1 code where the language has one. ISO 639-2's codes for no
/// language in particular (`und`, `mul`, `zxx`, `mis`) are none. Anything
/// else that is not a language tag or a known name is kept as written
/// (trimmed), since guessing would be worse than passing it on.
pub fn language_code(value: &str) -> Option<String> {
    if let Some(language) = Language::from_code(value) {
        return Some(language.code().to_string());
    }
    let value = value.trim();
    let primary = value.split(['-', '_']).next().unwrap_or(value).to_ascii_lowercase();
    if matches!(primary.as_str(), "" | "und" | "mul" | "zxx" | "mis") {
        return None;
    }
    if !((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic())) {
        return Some(value.to_string());
    }
    let two_letters = bibliographic(&primary)
        .or_else(|| whatlang::Lang::from_code(primary.as_str()).and_then(crate::html::whatlang_code));
    Some(two_letters.map_or(primary, str::to_string))
}

/// ISO 639-1 codes of ISO 639-2's bibliographic codes that differ from the
/// terminological ones (`gre` for `ell`), besides those [`Language`] knows.
fn bibliographic(code: &str) -> Option<&'static str> {
    Some(match code {
        "alb" => "sq",
        "arm" => "hy",
        "baq" => "eu",
        "bur" => "my",
        "chi" => "zh",
        "cze" => "cs",
        "geo" => "ka",
        "gre" => "el",
        "ice" => "is",
        "mac" => "mk",
        "mao" => "mi",
        "may" => "ms",
        "per" => "fa",
        "rum" => "ro",
        "slo" => "sk",
        "tib" => "bo",
        "wel" => "cy",
        _ => return None,
    })
}

/// The host of a URL without `www.`, the outlet of last resort.
pub(crate) fn host_outlet(url: &str) -> Option<String> {
    url.contains("://").then(|| credits::domain(url)).flatten()
}

/// Names in `A, B and C` / `A & B` / `A; B` lists, without a leading `By`,
/// a role (`, Staff Writer`) or credentials (`, MS, RDN`) after a name.
pub(crate) fn split_names(list: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for part in strip_by(list).split([',', ';', '&']).flat_map(|part| part.split(" and ")) {
        let name = part.trim().trim_matches(['"', '\'']).trim();
        if !name.is_empty() && (names.is_empty() || !is_title(name)) {
            let name = person_name(name);
            if looks_like_person(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// One author's name as a page gives it, cleaned: `By TOM KRISHER, AP Auto
/// Writer` → `Tom Krisher`, `Rachael Link, MS, RD` → `Rachael Link`.
pub(crate) fn person_name(name: &str) -> String {
    let mut name = strip_by(name);
    while let Some((head, tail)) = name.rsplit_once(',') {
        if !is_title(tail.trim()) || head.trim().is_empty() {
            break;
        }
        name = head.trim();
    }
    let name = trailing_words(name);
    if name.split_whitespace().count() < 2 || name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    // ALL CAPS → title case, a capital after anything but a letter.
    let mut cased = String::new();
    let mut after_letter = false;
    for c in name.chars() {
        if after_letter {
            cased.extend(c.to_lowercase());
        } else {
            cased.push(c);
        }
        after_letter = c.is_alphabetic();
    }
    cased
}

/// Words that may come before `by` in a byline (`Analysis by Jane Doe`).
const BYLINE_KINDS: [&str; 8] =
    ["analysis", "opinion", "commentary", "review", "written", "story", "words", "reporting"];

/// The names of a byline without its `By` (or `Analysis by`, …).
pub(crate) fn strip_by(text: &str) -> &str {
    let text = text.trim();
    let after_kind = text.split_once(' ').and_then(|(kind, rest)| {
        BYLINE_KINDS.contains(&kind.to_lowercase().as_str()).then_some(rest.trim_start())
    });
    let text = after_kind
        .filter(|rest| rest.get(..3).is_some_and(|by| by.eq_ignore_ascii_case("by ")))
        .unwrap_or(text);
    match text.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => text[3..].trim(),
        _ => text,
    }
}

/// Last words of outlets' names, in capitals.
const OUTLET_WORDS: [&str; 12] = [
    "CHRONICLE",
    "DAILY",
    "GAZETTE",
    "HERALD",
    "JOURNAL",
    "NEWS",
    "POST",
    "PRESS",
    "TIMES",
    "TODAY",
    "TRIBUNE",
    "WIRE",
];

/// Words that trail a name in a byline and are no part of it: `Jane Doe
/// on Monday`, `Kevin Marr HARBOUR DAILY` (an outlet in capitals).
fn trailing_words(name: &str) -> &str {
    let mut name = name.trim();
    if let Some((head, day)) = name.rsplit_once(" on ") {
        if WEEKDAYS.contains(&day.trim().to_lowercase().as_str()) {
            name = head.trim();
        }
    }
    // An outlet in capitals (`USA TODAY`), known or named by an outlet word;
    // other capitals may be the name itself (`Ana María GARCÍA LÓPEZ`).
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitals = |w: &str| {
        w.chars().count() >= 2 && w.chars().all(char::is_uppercase) && !matches!(w, "II" | "III" | "IV")
    };
    let run = words.iter().rev().take_while(|w| capitals(w)).count();
    let (kept, tail) = words.split_at(words.len() - run);
    let outlet = crate::outlets::known_outlet(&tail.join(" ")).is_some()
        || tail.last().is_some_and(|w| OUTLET_WORDS.contains(w));
    if run >= 1 && kept.len() >= 2 && name.chars().any(char::is_lowercase) && outlet {
        for _ in 0..run {
            name = name.rsplit_once(char::is_whitespace).map_or(name, |(head, _)| head.trim_end());
        }
    }
    name
}

/// What follows an author's name after a comma and is no name itself.
const CREDENTIALS: [&str; 20] = [
    "ms", "rd", "rdn", "phd", "md", "rn", "mba", "mph", "ma", "msc", "bsc", "cscs", "do", "dds", "esq", "jr",
    "sr", "ii", "iii", "iv",
];
const ROLE_WORDS: [&str; 8] = [
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "editor-at-large",
    "columnist",
    "contributor",
    "producer",
];

/// `MS`, `Ph.D.`, `Jr.`, `AP Auto Writer`, `Associated Press`, `Cleveland.com`:
/// credentials, a role or an affiliation.
fn is_title(text: &str) -> bool {
    let lower = text.to_lowercase();
    let bare: String = lower.chars().filter(|c| *c != '.').collect();
    CREDENTIALS.contains(&bare.as_str())
        || lower.split_whitespace().last().is_some_and(|w| ROLE_WORDS.contains(&w))
        || matches!(lower.as_str(), "associated press" | "the associated press")
        || credits::domain(&lower).is_some_and(|d| d == lower)
}

/// Lowercase words that may stand inside a person's name (`Ludwig van
/// Beethoven`, `Osama bin Laden`, `Lucas dos Santos`), also joined to the
/// next word (`al-Omran`, `d'Souza`); sorted.
const NAME_PARTICLES: [&str; 22] = [
    "al", "bin", "d", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el", "ibn",
    "la", "le", "ten", "ter", "van", "von",
];

/// Whether an author's name is shaped like a person's: no figures, not
/// `The …` or `By`, and not capitalised words mixed with lowercase ones
/// other than particles (`The Russian`, `November 18th` and `Syrian defense
/// ministries` are not; `Koen van den Berg`, `Ahmed al-Omran` and `bell
/// hooks` are). A lone login (`admin`) is judged by [`is_login`].
pub(crate) fn looks_like_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    // A desk (`HNN Staff`, `Metro Desk`) or an outlet led by its initials
    // (`CNN Business`, `BBC News`) writes, but is no person.
    let desk = words.last().is_some_and(|w| DESKS.iter().any(|d| w.eq_ignore_ascii_case(d)));
    let outlet = words.len() > 1
        && words[0].len() >= 2
        && words[0].chars().all(|c| c.is_ascii_uppercase())
        && crate::outlets::known_outlet(words[0]).is_some();
    if desk || outlet {
        return false;
    }
    let particle = |w: &str| {
        let head = w.split(['-', '\'', '’']).next().unwrap_or(w);
        NAME_PARTICLES.binary_search(&head).is_ok()
    };
    let lowercase = |w: &&str| w.starts_with(char::is_lowercase) && !particle(w);
    let mixed = words.iter().any(|w| w.starts_with(char::is_uppercase)) && words.iter().any(lowercase);
    !name.chars().any(|c| c.is_ascii_digit())
        && words.first().is_some_and(|w| !w.eq_ignore_ascii_case("the") && !w.eq_ignore_ascii_case("by"))
        && !mixed
}

/// Last words of a newsroom's name put where an author's belongs.
const DESKS: [&str; 7] = ["Bureau", "Desk", "Editors", "Newsroom", "Reporters", "Staff", "Team"];

/// Generic logins and roles that sites put where an author's name belongs.
const LOGINS: [&str; 9] =
    ["admin", "editor", "staff", "webmaster", "author", "user", "guest", "root", "newsroom"];

/// `admin`, `jdadmin`, `editor`, `kei_eno`, `kevin-r`: a lone lowercase
/// login (a generic one, or one joined by `_`, `-` or a digit), no person's
/// name.
pub(crate) fn is_login(name: &str) -> bool {
    !name.contains(char::is_whitespace)
        && !name.contains(char::is_uppercase)
        && (name.contains("admin")
            || LOGINS.contains(&name)
            || name.contains(['_', '-'])
            || name.contains(|c: char| c.is_ascii_digit()))
}

/// Words that sites put in `og:site_name` and that name no outlet: generic
/// words, and the sections of a site (`U.S.`, `World`).
const GENERIC_SITES: [&str; 22] = [
    "hosted",
    "home",
    "news",
    "blog",
    "site",
    "website",
    "online",
    "web",
    "homepage",
    "index",
    "us",
    "world",
    "politics",
    "business",
    "sports",
    "sport",
    "opinion",
    "technology",
    "tech",
    "health",
    "science",
    "local",
];

/// `Hosted`, `Home`, `News`, `U.S.`: a single generic word or a section, no
/// outlet's name.
pub(crate) fn is_generic_site(name: &str) -> bool {
    let word: String = name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    GENERIC_SITES.contains(&word.as_str())
}

/// The domain of a value that is an address rather than a name:
/// `https://www.example.com`, `www.example.com` or a lowercase
/// `example.com` (`Space.com`, as a site spells itself, is a name).
pub(crate) fn address(value: &str) -> Option<String> {
    let value = value.trim();
    let written = value.contains("://") || value.starts_with("www.") || !value.contains(char::is_uppercase);
    let domain = credits::domain(value)?;
    let whole = value.contains("://") || value.to_ascii_lowercase().trim_start_matches("www.") == domain;
    (written && whole).then_some(domain)
}

/// `By Jane Doe` or `By Jane Doe and Li Wei` → the names.
pub(crate) fn byline(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let rest = line.strip_prefix("By ").or_else(|| line.strip_prefix("by "))?;
    let names = split_names(rest);
    let plausible = !names.is_empty()
        && names.iter().all(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            (1..=4).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase))
        });
    plausible.then_some(names)
}
