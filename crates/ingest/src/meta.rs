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

/// Names in `A, B and C` / `A & B` / `A; B` lists, without a leading `By`.
pub(crate) fn split_names(list: &str) -> Vec<String> {
    let list = list.trim();
    let list = list.strip_prefix("By ").or_else(|| list.strip_prefix("by ")).unwrap_or(list);
    list.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|name| name.trim().trim_matches(['"', '\'']).trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}
