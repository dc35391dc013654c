//! Small normalisations of metadata shared by the readers.

use crate::credits;

/// `en-GB` → `en`, `EN` → `en`; anything that is not a language tag is kept
/// as written (trimmed), since guessing would be worse than passing it on.
pub(crate) fn language_code(value: &str) -> String {
    let value = value.trim();
    let primary = value.split(['-', '_']).next().unwrap_or(value);
    if (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        primary.to_ascii_lowercase()
    } else {
        value.to_string()
    }
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
            names.push(person_name(name));
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

fn strip_by(text: &str) -> &str {
    let text = text.trim();
    text.strip_prefix("By ").or_else(|| text.strip_prefix("by ")).unwrap_or(text).trim()
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

/// Generic logins and roles that sites put where an author's name belongs.
const LOGINS: [&str; 9] =
    ["admin", "editor", "staff", "webmaster", "author", "user", "guest", "root", "newsroom"];

/// `admin`, `jdadmin`, `editor`: a lone lowercase login, no person's name.
pub(crate) fn is_login(name: &str) -> bool {
    !name.contains(char::is_whitespace)
        && !name.contains(char::is_uppercase)
        && (name.contains("admin") || LOGINS.contains(&name))
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
