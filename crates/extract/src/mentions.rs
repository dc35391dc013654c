//! Named-entity mentions: maximal runs of capitalised words.
//!
//! News English marks names by capitals, so a run of capitalised words (with
//! a few lowercase connectors such as `of` or `von der`) is a name. The hard
//! part is the first word of a sentence, which is capitalised anyway: it
//! counts only when it is not a common word and something else supports it.
//! Titles written before a name (`Deputy Foreign Minister`, `spokeswoman`)
//! are split off into the mention's role, because outlets disagree about them
//! and the brief reports such disagreements.

use std::collections::HashSet;

use corroborate_model::{EntityKind, Mention, Span};
use corroborate_text::fold;

use crate::words::*;
use crate::Tok;

/// One name found in pass one, before kinds that depend on the whole article are settled.
struct Found {
    mention: Mention,
    after_preposition: bool,
    /// A plural after `the` (`the Saints`), taken for a team, a party or a
    /// band unless it is a family (`the Clintons`).
    plural_after_the: bool,
    /// A name of no known kind that a noun for a product or a work follows
    /// (`the Navigator browser`, `the Silver Lantern sequel`), but for a
    /// trade's (`the Redmond software giant`): it is no place, wherever the
    /// article writes it.
    product: bool,
}

/// The mentions of the article whose tokens are `toks`, in text order.
pub(crate) fn mentions(body: &str, toks: &[Tok]) -> Vec<Mention> {
    let capitalised_inside: HashSet<&str> =
        toks.iter().filter(|t| t.cap && !t.initial).map(|t| t.text).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !starts_name(&toks[i]) {
            i += 1;
            continue;
        }
        let end = run_end(body, toks, i);
        if !modifier(body, toks, end) && !party_tag(body, toks, i) {
            if let Some(f) = name_in_run(body, toks, i, end, &capitalised_inside) {
                found.push(f);
            }
        }
        i = end + 1;
    }
    settle_kinds(found)
}

fn starts_name(t: &Tok) -> bool {
    t.word && t.cap && t.text != "I" && !contracted_i(t.text) && !is_calendar(without_possessive(t.text))
}

/// Whether `word` is a contraction of `I` (`I've`, `I’m`): capitalised, but no
/// name, and unlike `I` never the numeral of one (`World War I`).
fn contracted_i(word: &str) -> bool {
    word.starts_with("I'") || word.starts_with("I’")
}

/// Index of the last token of the capitalised run starting at `start`.
fn run_end(body: &str, toks: &[Tok], start: usize) -> usize {
    let mut end = start;
    let mut j = start + 1;
    // A possessive ends a name, unless it opens the name of a body.
    let ends_name = |t: &Tok| possessive(t.text) && !names_a_body(t.text);
    while j < toks.len() && !ends_name(&toks[end]) {
        if !joinable(body, toks, j) {
            break;
        }
        let t = &toks[j];
        // The sentence splitter ends a sentence after `U.S.` before a capital;
        // inside a name that split is wrong unless a common word follows.
        let after_acronym = toks[j - 1].text.contains('.') && !among(COMMON, t.text);
        if t.word && t.cap && (!t.initial || after_acronym) && !contracted_i(t.text) {
            if is_calendar(t.text) && toks.get(j + 1).is_some_and(|n| !n.word) {
                break;
            }
            end = j;
            j += 1;
            continue;
        }
        // Lowercase connectors, at most two in a row, followed by a capitalised word.
        let mut k = j;
        while k < toks.len() && k < j + 2 && is_connector(toks, k) && (k == j || joinable(body, toks, k)) {
            k += 1;
        }
        if k == j || k >= toks.len() || !joinable(body, toks, k) {
            break;
        }
        let next = &toks[k];
        if !(next.word && next.cap && !next.initial) {
            break;
        }
        end = k;
        j = k + 1;
    }
    end
}

/// Whether the run ending at token `end` is the first half of a hyphenated
/// adjective (`Oscar-winning`, `Paris-based`, `U.S.-led`, `Trump-era`): it
/// describes something else and names nobody who could speak. The second
/// half is a participle or a word that makes adjectives, since a lowercase
/// second half may also belong to a name (`Ban Ki-moon`).
fn modifier(body: &str, toks: &[Tok], end: usize) -> bool {
    toks.get(end + 1).is_some_and(|next| {
        let adjective =
            next.text.ends_with("ed") || next.text.ends_with("ing") || among(ADJECTIVE_ENDS, next.text);
        // `U.S.-led` leaves the last period of the acronym between the words.
        let hyphen = body[toks[end].span.end..next.span.start].trim_start_matches('.') == "-";
        next.word && !next.cap && adjective && hyphen
    })
}

/// Second halves of hyphenated adjectives that are not participles (`Paris-born`, `Cold War-era`).
const ADJECTIVE_ENDS: &[&str] = &["born", "era", "like", "made", "run", "style", "wide"];

/// Whether the run starting at token `start` is a party and a state after a
/// lawmaker's name (`D-Calif.`, `R-Ky.`, `I-Vt.`), which names no one. (A
/// lone `I` starts no name, so the run then starts at the state.)
fn party_tag(body: &str, toks: &[Tok], start: usize) -> bool {
    let letter = |k: usize| {
        toks.get(k).is_some_and(|t| among(&["D", "I", "R"], t.text))
            && toks.get(k + 1).is_some_and(|n| &body[toks[k].span.end..n.span.start] == "-")
    };
    letter(start) || (start > 0 && toks[start - 1].text == "I" && letter(start - 1))
}

fn is_connector(toks: &[Tok], k: usize) -> bool {
    let t = &toks[k];
    if !t.word || t.cap || !among(CONNECTORS, t.text) {
        return false;
    }
    let prev = toks[k - 1].text;
    match t.text {
        // `of` binds only to institutions and offices: `Bank of England`, `Secretary of State`.
        "of" => among(ORG_WORDS, prev) || among(ROLE_HEADS, prev) || among(&["republic", "kingdom"], prev),
        "the" => prev == "of",
        _ => true,
    }
}

/// Whether token `j` continues the name that token `j - 1` is part of.
fn joinable(body: &str, toks: &[Tok], j: usize) -> bool {
    let prev = &toks[j - 1];
    let gap = &body[prev.span.end..toks[j].span.start];
    match gap {
        " " | "-" => true,
        ". " => prev.text.contains('.') || among(ABBREVIATIONS, prev.text) || is_initial(prev.text),
        _ => false,
    }
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

fn possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

/// Plurals whose possessive opens the name of a body (`People's Liberation
/// Army`, `Women's Institute`), rather than ending a name (`Kovač's office`).
const BODY_OWNERS: &[&str] = &["children", "citizens", "farmers", "people", "veterans", "women", "workers"];

fn names_a_body(word: &str) -> bool {
    among(BODY_OWNERS, without_possessive(word))
}

fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word)
}

fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| c.is_uppercase() || c == '.')
}

/// The name (and role) in the run `toks[start..=end]`, if the run holds one.
fn name_in_run(
    body: &str,
    toks: &[Tok],
    mut start: usize,
    end: usize,
    capitalised_inside: &HashSet<&str>,
) -> Option<Found> {
    // A sentence may open with its cue verb (`Said Berg: …`).
    let opener = |w: &str| among(COMMON, w) || among(SPEECH_VERBS, w);
    if toks[start].initial && opener(without_possessive(toks[start].text)) {
        start += 1;
        while start <= end && !toks[start].cap {
            start += 1;
        }
        if start > end {
            return None;
        }
    } else if toks[start].initial && start == end && !supported(body, toks, start, capitalised_inside) {
        return None;
    }
    // A nationality on its own (`the Greek said`, `a Greek official`) describes someone unnamed.
    if start == end && (is_calendar(toks[start].text) || among(NATIONALITIES, toks[start].text)) {
        return None;
    }

    let (mut role_start, mut name_start) = (None, start);
    for r in start..end {
        if among(ROLE_HEADS, toks[r].text) {
            let mut n = r + 1;
            if toks[n].text == "of" {
                n = if n + 1 < end && among(ROLE_OBJECTS, toks[n + 1].text) {
                    n + 2
                } else {
                    name_after_office(toks, n + 1, end).unwrap_or(end + 1)
                };
            }
            if n <= end {
                role_start = Some(start);
                name_start = n;
            }
        }
    }
    let names_org = (name_start..=end).any(|k| among(ORG_WORDS, toks[k].text));
    if role_start.is_some() && names_org {
        role_start = None;
        name_start = start;
    }
    if role_start.is_none() && name_start == start {
        role_start = lowercase_role_before(body, toks, start);
    }
    if (name_start..=end).all(|k| is_role_word(toks[k].text)) {
        return None;
    }
    let role_start = role_start.map(|r| extend_over_modifiers(body, toks, r));

    let name_span = name_span(body, toks, name_start, end);
    let text = body[name_span.start..name_span.end].to_string();
    let (role, role_span) = match role_start {
        Some(r) => {
            let last = &toks[name_start - 1];
            let mut role_end = last.span.end;
            if among(ABBREVIATIONS, last.text) && body[role_end..].starts_with('.') {
                role_end += 1;
            }
            let span = Span::new(toks[r].span.start, role_end);
            (Some(body[span.start..span.end].to_string()), Some(span))
        }
        None => (None, None),
    };
    let plural_after_the = role.is_none() && plural_after_the(toks, name_start, end);
    let kind = match role {
        Some(_) => Some(EntityKind::Person),
        None => kind_of(body, toks, name_start, end, &text, plural_after_the),
    };
    let after_preposition = name_start > 0
        && body[toks[name_start - 1].span.end..toks[name_start].span.start] == *" "
        && among(&["in", "at", "from", "near"], toks[name_start - 1].text);
    let product = kind.is_none()
        && toks.get(end + 1).is_some_and(|n| {
            n.word && !n.cap && among(PRODUCT_NOUNS, n.text) && joinable(body, toks, end + 1)
        })
        && !toks.get(end + 2).is_some_and(|n| among(TRADE_NOUNS, n.text) && joinable(body, toks, end + 2));
    Some(Found {
        mention: Mention { text, kind: kind.unwrap_or(EntityKind::Other), span: name_span, role, role_span },
        after_preposition: kind.is_none() && after_preposition,
        plural_after_the,
        product,
    })
}

/// Where the name starts in `toks[from..=end]`, the rest of a run after an
/// office's `of` whose object is not a known one (`Secretary of Homeland
/// Security Jeh Dolan`): at a first name, else at the last two words when
/// the object leaves them. `None` when the run is the office alone
/// (`President of Russia`), so that a name never starts with `of …`.
fn name_after_office(toks: &[Tok], from: usize, end: usize) -> Option<usize> {
    (from..=end).find(|&k| is_first_name(toks[k].text)).or((end >= from + 2).then(|| end - 1))
}

/// Whether a lone capitalised word opening a sentence or a quotation is
/// backed by evidence of being a name. A noun for an organisation is not
/// when it opens a title before a name (`Union representative Henrik Dahl`),
/// and a speech verb after the word is not inside a quotation (`“People told
/// management …”`): there it is the speaker's wording, not an attribution.
fn supported(body: &str, toks: &[Tok], i: usize, capitalised_inside: &HashSet<&str>) -> bool {
    let word = without_possessive(toks[i].text);
    let quoted = body[..toks[i].span.start].ends_with(['“', '"', '«', '‘']);
    possessive(toks[i].text)
        || capitalised_inside.contains(word)
        || is_first_name(word)
        || (among(ORG_WORDS, word) && !opens_title(body, toks, i))
        || is_known_org(word)
        || is_acronym(word)
        || is_place(word)
        || (!quoted && toks.get(i + 1).is_some_and(|n| among(CUE_VERBS, n.text)))
}

/// Whether lowercase words of a title (`representative`, `chief executive`)
/// follow token `i` and lead into a capitalised name.
fn opens_title(body: &str, toks: &[Tok], i: usize) -> bool {
    let title = toks[i + 1..]
        .iter()
        .enumerate()
        .take_while(|&(n, t)| t.word && !t.cap && is_role_word(t.text) && joinable(body, toks, i + 1 + n))
        .count();
    let after = i + 1 + title;
    title > 0
        && among(ROLE_HEADS, toks[after - 1].text)
        && toks.get(after).is_some_and(|t| t.word && t.cap && joinable(body, toks, after))
}

/// A lowercase title right before the name: `spokeswoman Anna Berg`.
fn lowercase_role_before(body: &str, toks: &[Tok], start: usize) -> Option<usize> {
    let p = start.checked_sub(1)?;
    let t = &toks[p];
    (t.word && !t.cap && among(LOWERCASE_ROLE_HEADS, t.text) && joinable(body, toks, start)).then_some(p)
}

/// Moves a role's start back over `former`, `deputy`, `ex-` and the like.
fn extend_over_modifiers(body: &str, toks: &[Tok], mut r: usize) -> usize {
    while r > 0 {
        let p = &toks[r - 1];
        let fits = p.word && !p.cap && (among(ROLE_MODIFIERS, p.text) || among(ROLE_DOMAINS, p.text));
        if !fits || !joinable(body, toks, r) {
            break;
        }
        r -= 1;
    }
    r
}

/// Whether a word belongs to how offices are named (`Deputy`, `Foreign`, `Minister`, `of`).
fn is_role_word(word: &str) -> bool {
    [ROLE_HEADS, ROLE_MODIFIERS, ROLE_DOMAINS, ROLE_OBJECTS, &["of", "the"]].iter().any(|l| among(l, word))
}

fn name_span(body: &str, toks: &[Tok], start: usize, end: usize) -> Span {
    let last = &toks[end];
    let mut stop = last.span.start + without_possessive(last.text).len();
    if last.text.contains('.') && body[stop..].starts_with('.') {
        stop += 1;
    }
    Span::new(toks[start].span.start, stop)
}

/// The kind the name's own words and its neighbours tell; `None` when they
/// tell nothing. What the name's words say comes first: a company may
/// speak (`Rolvik Coachworks said`) and stand after `in` (`shares in Tessaro Components`).
fn kind_of(
    body: &str,
    toks: &[Tok],
    start: usize,
    end: usize,
    text: &str,
    plural_after_the: bool,
) -> Option<EntityKind> {
    let words = &toks[start..=end];
    let company = start < end && among(COMPANY_WORDS, without_possessive(toks[end].text));
    if company || words.iter().any(|t| among(ORG_WORDS, t.text)) || is_known_org(text) {
        return Some(EntityKind::Organization);
    }
    let place_words = start < end
        && (among(PLACE_ENDS, without_possessive(toks[end].text)) || among(PLACE_STARTS, toks[start].text));
    let place_noun = toks.get(end + 1).is_some_and(|n| n.word && !n.cap && among(PLACE_NOUNS, n.text));
    if is_place(text) || place_words || place_noun {
        return Some(EntityKind::Place);
    }
    if plural_after_the {
        return Some(EntityKind::Organization);
    }
    if start == end && is_acronym(text) {
        // `FLINT, Mich. (UPI) --`: a capitalised word opening a paragraph before a comma is a dateline.
        let dateline = words[0].initial && body[toks[end].span.end..].starts_with(',');
        return Some(if dateline { EntityKind::Place } else { EntityKind::Organization });
    }
    // `Islamic State said`: a state that speaks is a group, not a person.
    if start < end && without_possessive(toks[end].text).eq_ignore_ascii_case("state") {
        return Some(EntityKind::Organization);
    }
    // `Super Tuesday`, `Black Friday`: a day, whatever follows it. (Not a
    // month: `Theresa May`.)
    if start < end && corroborate_text::weekday_number(without_possessive(toks[end].text)).is_some() {
        return None;
    }
    if toks.get(end + 1).is_some_and(|n| among(CUE_VERBS, n.text)) || is_first_name(words[0].text) {
        return Some(EntityKind::Person);
    }
    None
}

/// Pass two: a name ending in a known person's surname is that person, and
/// so is a plural after `the` that is one (`the Clintons`); the rest of the
/// unknown names after `in`/`at`/`from`/`near` are places, unless a figure
/// is in them (`in IE8`) or a noun for a product or a work follows them
/// anywhere in the article (see `Found::product`).
fn settle_kinds(found: Vec<Found>) -> Vec<Mention> {
    // A noun for a product after a name (`the Navigator browser`) says
    // what it is not, though not what it is: a maker's name stands there too
    // (`the Kestrel browser`).
    let products: HashSet<String> =
        found.iter().filter(|f| f.product).map(|f| fold(&f.mention.text)).collect();
    let surnames: HashSet<String> = found
        .iter()
        .filter(|f| f.mention.kind == EntityKind::Person)
        .filter_map(|f| last_word(&f.mention.text))
        .collect();
    // The last words of people named in full: `Oscar` alone names no family.
    let families: HashSet<String> = found
        .iter()
        .filter(|f| f.mention.kind == EntityKind::Person && f.mention.text.contains(' '))
        .filter_map(|f| last_word(&f.mention.text))
        .collect();
    found
        .into_iter()
        .map(|f| {
            let mut m = f.mention;
            if f.plural_after_the && m.kind == EntityKind::Organization {
                // `the Sanders campaign`, `the Clintons`: a person or a family.
                // The name itself, or a singular of it (`Clintons`, `Bushes`).
                let folded = fold(&m.text);
                let forms = [Some(folded.as_str()), folded.strip_suffix('s'), folded.strip_suffix("es")];
                if forms.into_iter().flatten().any(|w| families.contains(w)) {
                    m.kind = EntityKind::Person;
                }
            }
            if m.kind == EntityKind::Other {
                if last_word(&m.text).is_some_and(|w| surnames.contains(&w)) {
                    m.kind = EntityKind::Person;
                } else if f.after_preposition
                    && !products.contains(&fold(&m.text))
                    && !m.text.chars().any(|c| c.is_ascii_digit())
                {
                    m.kind = EntityKind::Place;
                }
            }
            m
        })
        .collect()
}

/// Folded last word of a name: what a person's later mentions share.
pub(crate) fn last_word(name: &str) -> Option<String> {
    name.rsplit([' ', '-']).next().filter(|w| !w.is_empty()).map(fold)
}

/// `the Saints`, `the Democrats`, `the Kansas City Chiefs`: a name after
/// `the` ending in a plural, not a people (`the Germans`, `the Kurds`).
fn plural_after_the(toks: &[Tok], start: usize, end: usize) -> bool {
    let word = without_possessive(toks[end].text);
    start > 0
        && toks[start - 1].text.eq_ignore_ascii_case("the")
        && word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !among(NATIONALITIES, &word[..word.len() - 1])
        && !among(PEOPLES, &word[..word.len() - 1])
}
