//! Finding the article's text in a page full of other things.
//!
//! Publishers' markup is too varied for any one selector, so the text is
//! found by how it looks, the way Readability does: page furniture is
//! removed by tag, role and class (class names read word by word, camel
//! case included; a block titled by a furniture heading goes with it); then
//! every paragraph of some length (text written straight into a container
//! counts as a paragraph of that container) scores its parent (fully) and
//! further ancestors (less), more for longer text and more commas;
//! containers whose class names say "article" or "comment" gain or lose,
//! and each is discounted by its share of link text (menus and
//! related-article lists are mostly links). The best container
//! wins, moving up to a common ancestor when the best few share one (a body
//! split over several blocks), and its siblings that score nearly as well
//! join it. Inside, lists of links, captions and the headline are left out,
//! and a paragraph of prose that repeats an earlier one (a mobile and a
//! desktop copy) is kept once; short lines may come again (a label in each
//! section of a structured text).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};

use crate::paragraphs;

/// Elements that are never article text.
const DROP_TAGS: [&str; 16] = [
    "head",
    "nav",
    "footer",
    "script",
    "style",
    "noscript",
    "figcaption",
    "iframe",
    "svg",
    "button",
    "template",
    "select",
    "dialog",
    "object",
    "canvas",
    "textarea",
];
/// Elements that are page furniture unless they hold most of the text (some
/// sites wrap the whole page in a `<form>` or the article in a `<header>`).
const FURNITURE_TAGS: [&str; 3] = ["header", "aside", "form"];
/// Class or id words that mark page furniture.
const FURNITURE: [&str; 37] = [
    "caption",
    "comment",
    "comments",
    "related",
    "share",
    "sharing",
    "social",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "promo",
    "promotion",
    "sidebar",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "breadcrumb",
    "breadcrumbs",
    "recommended",
    "popup",
    "modal",
    "footer",
    "masthead",
    "outbrain",
    "taboola",
    "sponsored",
    "disqus",
];
/// Words before a furniture word that make it describe a layout (`has-sidebar`).
const LAYOUT_PREFIXES: [&str; 5] = ["has", "with", "no", "show", "open"];
/// Class or id words of posts embedded in an article, furniture words aside.
const EMBEDDED: [&str; 3] = ["embed", "embedded", "tweet"];
/// Class words of text only screen readers read (`sr-only`, `visually-hidden`).
const OFF_SCREEN: [(&str, &str); 4] =
    [("off", "screen"), ("sr", "only"), ("visually", "hidden"), ("screen", "reader")];
/// ARIA roles of page furniture.
const FURNITURE_ROLES: [&str; 5] = ["navigation", "banner", "contentinfo", "complementary", "dialog"];
/// Class or id words of containers that usually hold the article.
const LIKELY: [&str; 12] = [
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "hentry",
    "articlebody",
    "prose",
];
/// Class or id words of containers that usually do not.
const UNLIKELY: [&str; 16] = [
    "comment", "meta", "footer", "related", "share", "sidebar", "promo", "widget", "tags", "banner",
    "byline", "caption", "author", "masthead", "sponsor", "hidden",
];
/// Elements that start and end a paragraph of output.
const BLOCK_TAGS: [&str; 31] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "address",
    "center",
    "hr",
    "details",
    "summary",
    "header",
    "body",
];
/// Elements whose `<br>`s are line wraps inside one paragraph.
const PARAGRAPH_TAGS: [&str; 10] = ["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dd", "td"];
/// A paragraph at least this long (in bytes) that comes again is a copy.
const REPEATED_COPY: usize = 100;
/// Paragraph text shorter than this (in characters) scores nothing.
const MIN_UNIT: usize = 25;

/// Removes furniture from a parsed page or fragment, except an element that
/// holds most of the page's paragraph text (or of all its text when it has
/// no paragraphs): a site that names its article wrapper `has-comments` or
/// `main-nav-offset` still has an article. A block titled by a furniture
/// heading goes whatever it holds: a heading names its own block, where a
/// wrapper's class may be a site's accident.
pub(crate) fn remove_furniture(doc: &mut Html) {
    let root = doc.root_element();
    let (paragraphs, text) = (paragraph_text(root), visible_text(root));
    let holds_most = |e: ElementRef| {
        if paragraphs > 0 {
            2 * paragraph_text(e) >= paragraphs
        } else {
            2 * visible_text(e) >= text
        }
    };
    let ids: Vec<NodeId> = root
        .descendent_elements()
        .filter(|e| {
            titled_as_furniture(*e)
                || is_furniture(*e) && (DROP_TAGS.contains(&e.value().name()) || !holds_most(*e))
        })
        .map(|e| e.id())
        .collect();
    for id in ids {
        if let Some(mut node) = doc.tree.get_mut(id) {
            node.detach();
        }
    }
}

/// The article's paragraphs from a page cleaned by [`remove_furniture`].
pub(crate) fn article_paragraphs(root: ElementRef) -> Vec<String> {
    let stats = measure(root);
    let containers = match best_container(root, &stats) {
        Some(top) => {
            let parts = split_parts(&top, root);
            let mut containers = with_siblings(top, &stats);
            for part in parts {
                let overlaps = |c: &ElementRef| {
                    c.ancestors().any(|a| a.id() == part.id()) || part.ancestors().any(|a| a.id() == c.id())
                };
                if !containers.iter().any(overlaps) {
                    containers.push(part);
                }
            }
            // In page order: one walk picks them out as it meets them.
            if containers.len() > 1 {
                containers = root
                    .descendants()
                    .filter_map(|n| containers.iter().find(|c| c.id() == n.id()).copied())
                    .collect();
            }
            containers
        }
        None => vec![root],
    };
    let mut writer = Writer::default();
    for container in containers {
        writer.flush(false);
        render(*container, &stats, &mut writer, false);
    }
    writer.finish()
}

/// All the paragraphs of a fragment, in order.
pub(crate) fn all_paragraphs(root: ElementRef) -> Vec<String> {
    let stats = measure(root);
    let mut writer = Writer::default();
    render(*root, &stats, &mut writer, false);
    writer.finish()
}

fn is_furniture(element: ElementRef) -> bool {
    let e = element.value();
    if DROP_TAGS.contains(&e.name()) || FURNITURE_TAGS.contains(&e.name()) {
        return true;
    }
    if ["html", "body", "main", "article"].contains(&e.name()) {
        return false;
    }
    // One pass over the attributes.
    let (mut hidden, mut role, mut marked) = (false, false, false);
    for (name, value) in e.attrs() {
        match name {
            "itemprop" if value == "articleBody" => return false,
            "hidden" => hidden = true,
            "aria-hidden" => hidden |= value == "true",
            "style" => hidden |= value.replace(' ', "").to_ascii_lowercase().contains("display:none"),
            "role" => role |= FURNITURE_ROLES.contains(&value),
            "class" | "id" => marked = true,
            _ => {}
        }
    }
    if hidden || role {
        return true;
    }
    if !marked {
        return false;
    }
    let marks = mark_words(element);
    // An embedded post (`social-media-embed`, `twitter-tweet`) is quoted in the article.
    if marks.split(' ').any(|w| EMBEDDED.contains(&w)) {
        return false;
    }
    let mut previous = "";
    marks.split(' ').any(|w| {
        // `relatedposts` is written as one word.
        let furniture = (FURNITURE.contains(&w) || w.starts_with("related"))
            && !LAYOUT_PREFIXES.contains(&previous)
            || OFF_SCREEN.contains(&(previous, w));
        previous = w;
        furniture
    })
}

/// A block whose first element is a heading marked as furniture: the
/// heading names the block (`<h3 class="related-posts-title">`).
fn titled_as_furniture(element: ElementRef) -> bool {
    let Some(first) = element.child_elements().next() else { return false };
    matches!(first.value().name(), "h2" | "h3" | "h4" | "h5" | "h6") && is_furniture(first)
}

/// The words of an element's classes and id, lowercase, separated by single spaces.
fn mark_words(element: ElementRef) -> String {
    // Classes in order and once each, then the id. The attribute is read as
    // written: asking the element for its classes would intern every one.
    let (mut classes, mut id) = (Vec::new(), None);
    for (name, value) in element.value().attrs() {
        match name {
            "class" => classes.extend(value.split_ascii_whitespace()),
            "id" => id = id.or(Some(value)),
            _ => {}
        }
    }
    classes.sort_unstable();
    classes.dedup();
    // Words are split at any other character and where a capital follows a
    // small letter (`GoogleDfpAd-adCaption` is `google dfp ad ad caption`).
    let mut marks = String::new();
    for mark in classes.into_iter().chain(id) {
        let (mut previous, mut new_word) = (' ', true);
        for c in mark.chars() {
            if c.is_ascii_alphanumeric() {
                new_word |= c.is_ascii_uppercase() && previous.is_ascii_lowercase();
                if new_word && !marks.is_empty() {
                    marks.push(' ');
                }
                marks.push(c.to_ascii_lowercase());
                new_word = false;
            } else {
                new_word = true;
            }
            previous = c;
        }
    }
    marks
}

/// Characters of text (whitespace not counted) inside `<p>` elements.
fn paragraph_text(element: ElementRef) -> usize {
    element.descendent_elements().filter(|e| e.value().name() == "p").map(|p| visible_chars(p.text())).sum()
}

/// Characters of text (whitespace not counted) outside scripts and styles.
fn visible_text(element: ElementRef) -> usize {
    element
        .descendants()
        .filter(|n| {
            n.parent().and_then(ElementRef::wrap).is_some_and(|p| !DROP_TAGS.contains(&p.value().name()))
        })
        .filter_map(|n| n.value().as_text().map(|t| visible_chars(std::iter::once(&**t))))
        .sum()
}

fn visible_chars<'a>(texts: impl Iterator<Item = &'a str>) -> usize {
    texts.map(|t| t.chars().filter(|c| !c.is_whitespace()).count()).sum()
}

/// Text and link-text sizes of an element, in non-whitespace characters.
#[derive(Clone, Copy, Default)]
struct Stats {
    text: usize,
    links: usize,
}

impl Stats {
    fn link_density(self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.links as f64 / self.text as f64
        }
    }
}

fn measure(root: ElementRef) -> HashMap<NodeId, Stats> {
    fn walk(node: NodeRef<Node>, in_link: bool, out: &mut HashMap<NodeId, Stats>) -> Stats {
        match node.value() {
            Node::Text(t) => {
                let text = visible_chars(std::iter::once(&**t));
                Stats { text, links: if in_link { text } else { 0 } }
            }
            Node::Element(e) => {
                let in_link = in_link || e.name() == "a";
                let mut total = Stats::default();
                for child in node.children() {
                    let s = walk(child, in_link, out);
                    total.text += s.text;
                    total.links += s.links;
                }
                out.insert(node.id(), total);
                total
            }
            _ => Stats::default(),
        }
    }
    let mut out = HashMap::default();
    walk(*root, false, &mut out);
    out
}

fn stats_of(stats: &HashMap<NodeId, Stats>, node: NodeRef<Node>) -> Stats {
    stats.get(&node.id()).copied().unwrap_or_default()
}

fn is_block(node: NodeRef<Node>) -> bool {
    matches!(node.value(), Node::Element(e) if BLOCK_TAGS.contains(&e.name()) || e.name() == "br")
}

/// A paragraph that scores its ancestors: `<p>`, `<pre>`, `<td>`, or a
/// `<div>` that holds text itself rather than paragraphs. Empty blocks
/// inside it are line breaks (some sites separate paragraphs with an empty
/// `<div>` instead of a `<br>`).
fn is_unit(element: ElementRef) -> bool {
    match element.value().name() {
        "p" | "pre" | "td" => true,
        "div" | "section" | "article" => {
            let has_text =
                element.children().any(|c| matches!(c.value(), Node::Text(t) if !t.trim().is_empty()));
            let holds_text = |c: NodeRef<Node>| {
                c.descendants().any(|d| matches!(d.value(), Node::Text(t) if !t.trim().is_empty()))
            };
            has_text
                && !element.children().any(|c| {
                    is_block(c) && !matches!(c.value(), Node::Element(e) if e.name() == "br") && holds_text(c)
                })
        }
        _ => false,
    }
}

/// Readability's prior for a container, from its tag and its class names.
fn prior(element: ElementRef) -> f64 {
    let tag = match element.value().name() {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let marks = mark_words(element);
    let mut class = 0.0;
    if marks.split(' ').any(|w| LIKELY.contains(&w))
        || element.value().attr("itemprop") == Some("articleBody")
    {
        class += 25.0;
    }
    if marks.split(' ').any(|w| UNLIKELY.contains(&w)) {
        class -= 25.0;
    }
    tag + class
}

fn commas(text: &str) -> usize {
    text.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،' | '﹐')).count()
}

fn commas_in(node: NodeRef<Node>) -> usize {
    node.descendants().filter_map(|d| d.value().as_text().map(|t| commas(t))).sum()
}

/// Text written straight into a container beside its blocks (a body of bare
/// text after a headline paragraph): each run of text and inline elements
/// between two blocks, as its length and commas, when it is not mostly links.
fn loose_runs(element: ElementRef, stats: &HashMap<NodeId, Stats>) -> Vec<(usize, usize)> {
    let loose_text = element.children().any(|c| matches!(c.value(), Node::Text(t) if !t.trim().is_empty()));
    if !loose_text {
        return Vec::new();
    }
    let mut runs = Vec::new();
    // The run being read: its text and link sizes, and its commas.
    let (mut run, mut commas) = (Stats::default(), 0);
    for child in element.children() {
        match child.value() {
            Node::Text(t) => {
                run.text += visible_chars(std::iter::once(&**t));
                commas += self::commas(t);
            }
            Node::Element(e) if BLOCK_TAGS.contains(&e.name()) => {
                runs.push((std::mem::take(&mut run), std::mem::take(&mut commas)));
            }
            Node::Element(_) => {
                let s = stats_of(stats, child);
                run.text += s.text;
                run.links += s.links;
                commas += commas_in(child);
            }
            _ => {}
        }
    }
    runs.push((run, commas));
    runs.into_iter()
        .filter(|(run, _)| run.text > 0 && run.link_density() < 0.5)
        .map(|(run, commas)| (run.text, commas))
        .collect()
}

/// Scores every container of paragraph text; the best one, adjusted as
/// Readability does, with the scores it used.
fn best_container<'a>(root: ElementRef<'a>, stats: &HashMap<NodeId, Stats>) -> Option<Scored<'a>> {
    let mut scores: HashMap<NodeId, (ElementRef<'a>, f64)> = HashMap::default();
    let mut order: Vec<NodeId> = Vec::new();
    // Each paragraph as the first container it scores, its length and its commas.
    let mut paragraphs: Vec<(ElementRef<'a>, usize, usize)> = Vec::new();
    for element in root.descendent_elements() {
        if is_unit(element) {
            let length = stats_of(stats, *element).text;
            let parent = element.parent().and_then(ElementRef::wrap);
            if let Some(parent) = parent.filter(|_| length >= MIN_UNIT) {
                paragraphs.push((parent, length, commas_in(*element)));
            }
        } else if matches!(element.value().name(), "div" | "section" | "article" | "main") {
            for (length, commas) in loose_runs(element, stats) {
                paragraphs.push((element, length, commas));
            }
        }
    }
    for (first, length, commas) in paragraphs {
        if length < MIN_UNIT {
            continue;
        }
        let points = 1.0 + commas as f64 + (length as f64 / 100.0).min(3.0);
        let containers = std::iter::once(first).chain(first.ancestors().filter_map(ElementRef::wrap));
        for (level, ancestor) in containers.take(5).enumerate() {
            let entry = scores.entry(ancestor.id()).or_insert_with(|| {
                order.push(ancestor.id());
                (ancestor, prior(ancestor))
            });
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            entry.1 += points / divider;
        }
    }
    let mut final_scores: HashMap<NodeId, f64> = HashMap::default();
    for id in &order {
        let (element, score) = scores[id];
        final_scores.insert(*id, score * (1.0 - stats_of(stats, *element).link_density()));
    }
    // Ties go to the container first in document order.
    let mut ranked: Vec<NodeId> = order.clone();
    ranked.sort_by(|a, b| final_scores[b].total_cmp(&final_scores[a]));
    let top_id = *ranked.first()?;
    let mut top = Scored { element: scores[&top_id].0, score: final_scores[&top_id], scores: final_scores };
    top.climb_to_shared_ancestor(&ranked);
    top.climb_while_parent_scores_more(root);
    Some(top)
}

/// The chosen container and the scores of all containers.
struct Scored<'a> {
    element: ElementRef<'a>,
    score: f64,
    scores: HashMap<NodeId, f64>,
}

impl<'a> Scored<'a> {
    fn score_of(&self, node: NodeRef<Node>) -> Option<f64> {
        self.scores.get(&node.id()).copied()
    }

    /// When three of the five best containers scoring near the top share an
    /// ancestor with it, the article is that ancestor.
    fn climb_to_shared_ancestor(&mut self, ranked: &[NodeId]) {
        let close: Vec<NodeId> = ranked[1..ranked.len().min(5)]
            .iter()
            .copied()
            .filter(|id| self.scores[id] >= 0.75 * self.score)
            .collect();
        if close.len() < 3 {
            return;
        }
        for ancestor in self.element.ancestors().filter_map(ElementRef::wrap) {
            if ["body", "html"].contains(&ancestor.value().name()) {
                return;
            }
            let holding = close.iter().filter(|id| ancestor.descendants().any(|d| d.id() == **id)).count();
            if holding >= 3 {
                self.element = ancestor;
                return;
            }
        }
    }

    /// Moves up while the parent scores more than the current container (its
    /// paragraphs spread over several children).
    fn climb_while_parent_scores_more(&mut self, root: ElementRef<'a>) {
        let mut last = self.score_of(*self.element).unwrap_or(self.score);
        let threshold = last / 3.0;
        let mut parent = self.element.parent().and_then(ElementRef::wrap);
        while let Some(p) = parent {
            if p.id() == root.id() || p.value().name() == "body" {
                return;
            }
            if let Some(score) = self.score_of(*p) {
                if score < threshold {
                    return;
                }
                if score > last {
                    self.element = p;
                    return;
                }
                last = score;
            }
            parent = p.parent().and_then(ElementRef::wrap);
        }
    }
}

/// The other blocks of an article split into several blocks of one kind
/// (interleaved with figures, quotes or ads): elements with the chosen
/// container's tag and class that score well themselves.
fn split_parts<'a>(top: &Scored<'a>, root: ElementRef<'a>) -> Vec<ElementRef<'a>> {
    let element = top.element.value();
    let Some(class) = element.attr("class").filter(|c| !c.trim().is_empty()) else { return Vec::new() };
    let own = top.score_of(*top.element).unwrap_or(top.score);
    let threshold = (own * 0.2).max(10.0);
    root.descendent_elements()
        .filter(|e| e.id() != top.element.id() && e.value().name() == element.name())
        .filter(|e| {
            e.value().attr("class") == Some(class) && top.score_of(**e).is_some_and(|s| s >= threshold)
        })
        .collect()
}

/// The container and its siblings that look like more of the article.
fn with_siblings<'a>(top: Scored<'a>, stats: &HashMap<NodeId, Stats>) -> Vec<ElementRef<'a>> {
    let Some(parent) = top.element.parent().and_then(ElementRef::wrap) else {
        return vec![top.element];
    };
    let own = top.score_of(*top.element).unwrap_or(top.score);
    let threshold = (own * 0.2).max(10.0);
    let top_class = top.element.value().attr("class");
    parent
        .child_elements()
        .filter(|sibling| {
            if sibling.id() == top.element.id() {
                return true;
            }
            let bonus = if top_class.is_some() && sibling.value().attr("class") == top_class {
                own * 0.2
            } else {
                0.0
            };
            if top.score_of(**sibling).is_some_and(|s| s + bonus >= threshold) {
                return true;
            }
            if sibling.value().name() != "p" {
                return false;
            }
            let s = stats_of(stats, **sibling);
            let text: String = sibling.text().collect();
            let ends_sentence = text.trim_end().ends_with(['.', '!', '?', '。']);
            (s.text > 80 && s.link_density() < 0.25) || (s.text > 0 && s.links == 0 && ends_sentence)
        })
        .collect()
}

/// Paragraphs being written out.
#[derive(Default)]
struct Writer {
    paragraphs: Vec<String>,
    current: String,
    seen: HashSet<String>,
}

impl Writer {
    /// Ends the current paragraph. Inside a paragraph element one `<br>` is
    /// a line wrap and two end a paragraph; elsewhere each line is one.
    fn flush(&mut self, wrapped: bool) {
        let text = std::mem::take(&mut self.current);
        let lines: Vec<String> = text.split('\n').map(paragraphs::collapse).collect();
        let mut found: Vec<String> = Vec::new();
        if wrapped {
            for group in lines.split(String::is_empty) {
                found.push(group.join(" "));
            }
        } else {
            found = lines;
        }
        for paragraph in found {
            // A short line comes back in a structured text (a heading or a
            // label in each section); a paragraph of prose twice is a copy.
            let copy = paragraph.len() >= REPEATED_COPY && !self.seen.insert(paragraph.clone());
            if !paragraph.is_empty() && !copy {
                self.paragraphs.push(paragraph);
            }
        }
    }

    fn finish(mut self) -> Vec<String> {
        self.flush(false);
        self.paragraphs
    }
}

/// Writes the text under `node`, leaving out the headline and blocks that are
/// mostly links.
fn render(node: NodeRef<Node>, stats: &HashMap<NodeId, Stats>, writer: &mut Writer, wrapped: bool) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => {
                // Spaces between inline elements matter (`<b>A</b> b` but `<b>A</b>'s`).
                if t.starts_with(char::is_whitespace) {
                    writer.current.push(' ');
                }
                writer.current.push_str(&paragraphs::collapse(t));
                if t.ends_with(char::is_whitespace) {
                    writer.current.push(' ');
                }
            }
            Node::Element(e) if e.name() == "br" => writer.current.push('\n'),
            Node::Element(e) => {
                let name = e.name();
                // A `<time>` on its own line is a dateline, inside a sentence it is text.
                let dateline = name == "time" && !wrapped;
                if name == "h1" || name == "img" || dateline || is_link_list(child, stats) {
                    continue;
                }
                // A table row is one line: its cells side by side.
                if matches!(name, "td" | "th") {
                    writer.current.push(' ');
                    render(child, stats, writer, true);
                    writer.current.push(' ');
                    continue;
                }
                if BLOCK_TAGS.contains(&name) {
                    writer.flush(wrapped);
                    let inner = PARAGRAPH_TAGS.contains(&name);
                    render(child, stats, writer, inner);
                    writer.flush(inner);
                } else {
                    render(child, stats, writer, wrapped);
                }
            }
            _ => {}
        }
    }
}

/// A block that is mostly links: a menu, a list of related articles.
fn is_link_list(node: NodeRef<Node>, stats: &HashMap<NodeId, Stats>) -> bool {
    let Node::Element(e) = node.value() else { return false };
    let s = stats_of(stats, node);
    ["ul", "ol", "div", "section", "p", "table", "dl"].contains(&e.name())
        && s.text > 0
        && s.link_density() > 0.5
}
