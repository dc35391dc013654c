//! Metadata found in each of the places publishers put it, and the order of
//! trust between places.

use super::{draft, raw};
use crate::{read_pages, Page};

const BODY: &str =
    "<p>The harbour authority reopened the northern quay on Thursday, after repairs that took \
    three weeks and cost more than expected, officials said.</p>\
    <p>Fishing boats returned to their berths in the afternoon, and the market opened an hour later than \
    usual to let the crews unload.</p>";

fn page(head: &str, body_top: &str) -> String {
    format!("<html><head>{head}</head><body><article>{body_top}{BODY}</article></body></html>")
}

fn read_page(origin: &str, html: &str) -> Page {
    let mut pages = read_pages(&raw(origin, html.as_bytes()));
    assert_eq!(pages.len(), 1);
    pages.remove(0).unwrap()
}

#[test]
fn published_date_in_each_place() {
    let cases = [
        (
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-03T08:00:00Z"}</script>"#,
            "",
            "2024-05-03T08:00:00Z",
        ),
        (
            r#"<meta property="article:published_time" content="2024-05-04T10:00:00+02:00">"#,
            "",
            "2024-05-04T08:00:00Z",
        ),
        (r#"<meta name="dc.date" content="2024-05-05">"#, "", "2024-05-05"),
        (r#"<meta itemprop="datePublished" content="2024-05-08T06:15:00Z">"#, "", "2024-05-08T06:15:00Z"),
        (r#"<meta name="parsely-pub-date" content="2024-05-06T09:30:00Z">"#, "", "2024-05-06T09:30:00Z"),
        ("", r#"<p class="meta"><time datetime="2024-05-07">7 May</time></p>"#, "2024-05-07"),
        ("", r#"<div class="dateline">Published: March 4, 2024 at 10:30 am</div>"#, "2024-03-04"),
    ];
    for (head, top, expected) in cases {
        let d = draft("quay.html", page(head, top).as_bytes());
        assert_eq!(d.published.as_deref(), Some(expected), "{head}{top}");
    }
}

#[test]
fn date_from_url_patterns() {
    for (url, expected) in [
        ("https://news.example/2013/05/03/quay-reopens", "2013-05-03"),
        ("https://news.example/world/2013/may/03/quay-reopens", "2013-05-03"),
        ("https://news.example/local/quay-reopens-2013-05-03.html", "2013-05-03"),
    ] {
        let head = format!(r#"<link rel="canonical" href="{url}">"#);
        let d = draft("quay.html", page(&head, "").as_bytes());
        assert_eq!(d.published.as_deref(), Some(expected), "{url}");
        assert_eq!(d.url.as_deref(), Some(url));
    }
    let head = r#"<link rel="canonical" href="https://news.example/2013/13/45/not-a-date">"#;
    assert_eq!(draft("quay.html", page(head, "").as_bytes()).published, None);
    // Without an address, a date in the file's name counts, not one in its folders.
    let published = |origin: &str| draft(origin, page("", "").as_bytes()).published;
    assert_eq!(published("saved/quay-reopens-2013-05-03.html").as_deref(), Some("2013-05-03"));
    assert_eq!(published("saved/2013-05-03/quay-reopens.html"), None);
}

#[test]
fn order_of_trust_between_date_places() {
    let head = r#"<script type="application/ld+json">{"datePublished":"2024-06-01","dateModified":"2024-06-03T12:00:00Z"}</script>
        <meta property="article:published_time" content="2024-06-02">
        <link rel="canonical" href="https://news.example/2020/01/01/quay">"#;
    let p = read_page("quay.html", &page(head, "<p>Published June 9, 2024</p>"));
    assert_eq!(p.draft.published.as_deref(), Some("2024-06-01"));
    assert_eq!(p.modified.as_deref(), Some("2024-06-03T12:00:00Z"));

    let head = r#"<meta property="article:modified_time" content="2024-06-05T07:00:00Z">"#;
    let p = read_page("quay.html", &page(head, "<p>Updated June 9, 2024</p><p>June 8, 2024</p>"));
    assert_eq!(p.modified.as_deref(), Some("2024-06-05T07:00:00Z"));
    assert_eq!(p.draft.published.as_deref(), Some("2024-06-08"), "an update line is not a publication date");
}

#[test]
fn a_placeholder_date_gives_way_to_the_next_place() {
    let head = r#"<script type="application/ld+json">{"datePublished":"0001-01-01T00:00:00Z","dateModified":"0001-01-01T00:00:00Z"}</script>
        <meta property="article:published_time" content="2024-06-02T09:00:00Z">"#;
    let p = read_page("quay.html", &page(head, ""));
    assert_eq!(p.draft.published.as_deref(), Some("2024-06-02T09:00:00Z"));
    assert_eq!(p.modified, None);
    let head = r#"<meta property="article:published_time" content="1970-01-01T00:00:00Z">"#;
    assert_eq!(draft("quay.html", page(head, "").as_bytes()).published, None);
}

#[test]
fn authors_in_each_place_and_never_the_site() {
    let cases: [(&str, &str, &[&str]); 5] = [
        (
            r#"<script type="application/ld+json">{"author":{"@type":"Person","name":"Ines Varga"}}</script>"#,
            "",
            &["Ines Varga"],
        ),
        (r#"<meta name="author" content="By Tomas Lind and Ruth Abebe">"#, "", &["Tomas Lind", "Ruth Abebe"]),
        (r#"<meta name="parsely-author" content="Kwame Mensah">"#, "", &["Kwame Mensah"]),
        ("", r#"<p class="byline">Marta Kowalski</p>"#, &["Marta Kowalski"]),
        ("", "<p>By Olu Adeyemi | 4 March 2024</p>", &["Olu Adeyemi"]),
    ];
    for (head, top, expected) in cases {
        let d = draft("quay.html", page(head, top).as_bytes());
        assert_eq!(d.authors, expected, "{head}{top}");
    }
    // A publisher named as the author is not an author; the byline is used instead.
    let head = r#"<meta property="og:site_name" content="Harbour Daily">
        <script type="application/ld+json">{"author":{"@type":"Organization","name":"Harbour Daily"}}</script>
        <meta name="author" content="harbour-daily.example">"#;
    let d = draft("quay.html", page(head, r#"<span rel="author">Lena Park</span>"#).as_bytes());
    assert_eq!(d.authors, ["Lena Park"]);
    assert_eq!(d.outlet.as_deref(), Some("Harbour Daily"));
}

#[test]
fn authors_without_byline_prefix_role_or_credentials() {
    let cases: [(&str, &str, &[&str]); 7] = [
        (
            r#"<script type="application/ld+json">{"author":{"name":"By MARTA O'NEILL, AP Harbour Writer"}}</script>"#,
            "",
            &["Marta O'Neill"],
        ),
        (
            r#"<script type="application/ld+json">{"author":[{"name":"By INES VARGA and LI WEI, Associated Press"}]}</script>"#,
            "",
            &["Ines Varga", "Li Wei"],
        ),
        (r#"<meta name="sailthru.author" content="By KWAME MENSAH, Correspondent">"#, "", &["Kwame Mensah"]),
        (r#"<meta name="author" content="Ines Varga, MS, RDN">"#, "", &["Ines Varga"]),
        (r#"<meta name="author" content="Ines Varga, CNN Business">"#, "", &["Ines Varga"]),
        (
            r#"<meta name="author" content="Tomas Lind, Ruth Abebe, Associated Press">"#,
            "",
            &["Tomas Lind", "Ruth Abebe"],
        ),
        ("", "<p>By Olu Adeyemi, Ph.D., Staff Writer</p>", &["Olu Adeyemi"]),
    ];
    for (head, top, expected) in cases {
        let d = draft("quay.html", page(head, top).as_bytes());
        assert_eq!(d.authors, expected, "{head}{top}");
    }
    // Capitals that are not a whole shouted name stay as written.
    let head = r#"<meta name="author" content="PTI">"#;
    assert_eq!(draft("quay.html", page(head, "").as_bytes()).authors, ["PTI"]);
    // A kind of piece before `by`, a day or an outlet in capitals after the name.
    for (content, expected) in [
        ("Analysis by Ines Varga", "Ines Varga"),
        ("Ines Varga on Monday", "Ines Varga"),
        ("Kevin Marr HARBOUR DAILY", "Kevin Marr"),
        ("Luka Horvat III", "Luka Horvat III"),
        ("Ines Varga de TI", "Ines Varga de TI"),
        ("Ludwig van Dorn", "Ludwig van Dorn"),
        ("Koen van den Berg", "Koen van den Berg"),
        ("Ahmed al-Omran", "Ahmed al-Omran"),
        ("bell hooks", "bell hooks"),
        ("Ana María GARCÍA LÓPEZ", "Ana María GARCÍA LÓPEZ"),
    ] {
        let head = format!(r#"<meta name="author" content="{content}">"#);
        assert_eq!(draft("quay.html", page(&head, "").as_bytes()).authors, [expected], "{content}");
    }
    // Words that are no person's name are no author.
    for content in
        ["November 18th", "The Russian", "Syrian defense ministries", "By", "HNN Staff", "Metro Desk"]
    {
        let head = format!(r#"<meta name="author" content="{content}">"#);
        assert!(draft("quay.html", page(&head, "").as_bytes()).authors.is_empty(), "{content}");
    }
}

#[test]
fn byline_lines_are_not_glued() {
    let cases: [&str; 3] = [
        r#"<div class="story-byline"><div>By INES VARGA and TOMAS LIND</div><div>Associated Press</div></div>"#,
        r#"<span class="byline">By Ines Varga and Tomas Lind<br>March 4, 2024</span>"#,
        "<p>By Ines Varga and Tomas Lind<br>Harbour Writer</p>",
    ];
    for top in cases {
        assert_eq!(
            draft("quay.html", page("", top).as_bytes()).authors,
            ["Ines Varga", "Tomas Lind"],
            "{top}"
        );
    }
}

#[test]
fn site_logins_are_not_authors() {
    for login in ["admin", "hbadmin", "editor", "webmaster", "kei_eno", "kevin-r", "jdoe2"] {
        let head =
            format!(r#"<script type="application/ld+json">{{"author":{{"name":"{login}"}}}}</script>"#);
        let d = draft("quay.html", page(&head, r#"<span class="byline">Lena Park</span>"#).as_bytes());
        assert_eq!(d.authors, ["Lena Park"], "{login}");
    }
}

#[test]
fn outlet_named_by_its_address_gives_way_to_the_publisher() {
    let publisher = r#"<script type="application/ld+json">{"publisher":{"@type":"Organization","name":"Harbour Daily"}}</script>"#;
    for site in ["https://www.harbour.example", "harbour.example"] {
        let head = format!(r#"<meta property="og:site_name" content="{site}">{publisher}"#);
        assert_eq!(draft("quay.html", page(&head, "").as_bytes()).outlet.as_deref(), Some("Harbour Daily"));
    }
    let head = r#"<meta property="og:site_name" content="https://www.harbour.example/">"#;
    assert_eq!(draft("quay.html", page(head, "").as_bytes()).outlet.as_deref(), Some("harbour.example"));
    // A handle gives way to the publisher's name; alone, it stays.
    let head = format!(r#"<meta property="og:site_name" content="harbourdaily">{publisher}"#);
    assert_eq!(draft("quay.html", page(&head, "").as_bytes()).outlet.as_deref(), Some("Harbour Daily"));
    let head = r#"<meta property="og:site_name" content="harbourdaily">"#;
    assert_eq!(draft("quay.html", page(head, "").as_bytes()).outlet.as_deref(), Some("harbourdaily"));
    // A generic word in lower case is still no name.
    let head = r#"<meta property="og:site_name" content="news"><meta property="og:url" content="https://harbour.example/q">"#;
    assert_eq!(draft("quay.html", page(head, "").as_bytes()).outlet.as_deref(), Some("harbour.example"));
    // A name that merely looks like a domain is the site's own spelling.
    let head = format!(r#"<meta property="og:site_name" content="Harbour.example">{publisher}"#);
    assert_eq!(draft("quay.html", page(&head, "").as_bytes()).outlet.as_deref(), Some("Harbour.example"));
}

#[test]
fn generic_site_name_gives_way_to_the_publisher_or_the_address() {
    let site = r#"<meta property="og:site_name" content="Hosted">
        <meta property="og:url" content="https://hosted.harbour.example/quay">"#;
    assert_eq!(
        draft("quay.html", page(site, "").as_bytes()).outlet.as_deref(),
        Some("hosted.harbour.example")
    );
    let head = format!(
        r#"{site}<script type="application/ld+json">{{"publisher":{{"name":"Harbour Daily"}}}}</script>"#
    );
    assert_eq!(draft("quay.html", page(&head, "").as_bytes()).outlet.as_deref(), Some("Harbour Daily"));
    // So does a section of the site.
    let head = r#"<meta property="og:site_name" content="U.S."><meta property="og:url" content="https://www.harbour.example/us/quay">"#;
    assert_eq!(draft("quay.html", page(head, "").as_bytes()).outlet.as_deref(), Some("harbour.example"));
    // More than one word is a name.
    let head = r#"<meta property="og:site_name" content="Harbour News">"#;
    assert_eq!(draft("quay.html", page(head, "").as_bytes()).outlet.as_deref(), Some("Harbour News"));
}

#[test]
fn title_outlet_and_canonical_url() {
    let head = r#"<title>Quay reopens after repairs | Harbour Daily</title>
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Quay reopens","publisher":{"@type":"Organization","name":"Harbour Daily Group"}}</script>
        <meta property="og:url" content="https://harbour.example/quay">"#;
    let d = draft("quay.html", page(head, "").as_bytes());
    assert_eq!(d.title.as_deref(), Some("Quay reopens after repairs"));
    assert_eq!(d.outlet.as_deref(), Some("Harbour Daily Group"));
    assert_eq!(d.url.as_deref(), Some("https://harbour.example/quay"));

    let head = r#"<meta property="og:title" content="Quay reopens — Harbour Daily">
        <meta property="og:site_name" content="Harbour Daily">
        <link rel="canonical" href="https://www.harbour.example/quay?ref=1">"#;
    let d = draft("quay.html", page(head, "").as_bytes());
    assert_eq!(d.title.as_deref(), Some("Quay reopens"));
    assert_eq!(d.outlet.as_deref(), Some("Harbour Daily"));
    assert_eq!(d.url.as_deref(), Some("https://www.harbour.example/quay?ref=1"));

    let d = draft(
        "quay.html",
        page(r#"<link rel="canonical" href="https://www.harbour.example/q">"#, "").as_bytes(),
    );
    assert_eq!(d.outlet.as_deref(), Some("harbour.example"));
}

#[test]
fn language_declared_or_detected() {
    let d = draft("quay.html", format!("<html lang=\"en-GB\"><body>{BODY}</body></html>").as_bytes());
    assert_eq!(d.language.as_deref(), Some("en"));
    let head = r#"<meta http-equiv="Content-Language" content="de">"#;
    assert_eq!(draft("quay.html", page(head, "").as_bytes()).language.as_deref(), Some("de"));
    // Undeclared: detected from the body.
    assert_eq!(draft("quay.html", page("", "").as_bytes()).language.as_deref(), Some("en"));
    let french = "<html><body><article><p>Le port de la ville a rouvert jeudi le quai nord, après des travaux \
        qui ont duré trois semaines et coûté plus cher que prévu, selon les responsables.</p>\
        <p>Les bateaux de pêche sont revenus à leurs postes dans l'après-midi, et le marché a ouvert une heure \
        plus tard que d'habitude.</p></article></body></html>";
    assert_eq!(draft("port.html", french.as_bytes()).language.as_deref(), Some("fr"));
}

#[test]
fn language_codes_and_names_become_two_letter_codes() {
    for (given, code) in [
        ("en-GB", "en"),
        ("eng", "en"),
        ("deu", "de"),
        ("ger", "de"),
        ("Spanish", "es"),
        ("rus", "ru"),
        ("ru-RU", "ru"),
        ("xx", "xx"),
        ("gre", "el"),
        ("Klingon", "Klingon"),
    ] {
        let record = serde_json::json!({"text": "The quay reopened on Thursday.", "lang": given});
        let d = crate::read_json_record("quay.jsonl:1", &record).unwrap();
        assert_eq!(d.language.as_deref(), Some(code), "{given}");
    }
    for none in ["und", "mul", "zxx", " "] {
        let record = serde_json::json!({"text": "The quay reopened on Thursday.", "lang": none});
        assert_eq!(crate::read_json_record("quay.jsonl:1", &record).unwrap().language, None, "{none:?}");
    }
}

#[test]
fn a_headline_cut_short_for_sharing_gives_way_to_the_full_one() {
    let full = "<h1>Storm batters coast, hundreds flee</h1>";
    let head = r#"<meta property="og:title" content="Storm batters coast">"#;
    assert_eq!(
        draft("s.html", page(head, full).as_bytes()).title.as_deref(),
        Some("Storm batters coast, hundreds flee")
    );
    let linked = r#"<title>Storm batters coast | Harbour Daily</title>
        <script type="application/ld+json">{"headline":"Storm batters coast as hundreds flee their homes"}</script>"#;
    assert_eq!(
        draft("s.html", page(linked, "").as_bytes()).title.as_deref(),
        Some("Storm batters coast as hundreds flee their homes")
    );
    // The full one's site suffix goes too.
    let suffixed =
        r#"<script type="application/ld+json">{"headline":"Storm batters coast | Harbour Daily"}</script>"#;
    assert_eq!(
        draft("s.html", page(&format!("{head}{suffixed}"), "").as_bytes()).title.as_deref(),
        Some("Storm batters coast")
    );
    // A section named before the headline is no part of it.
    let opinion = r#"<meta property="og:title" content="Opinion | Storm batters coast">"#;
    assert_eq!(draft("s.html", page(opinion, "").as_bytes()).title.as_deref(), Some("Storm batters coast"));
    // Another heading is no fuller form of the headline.
    let other = "<h1>Weather</h1><h2>Storm batters coast, hundreds flee</h2>";
    assert_eq!(draft("s.html", page(head, other).as_bytes()).title.as_deref(), Some("Storm batters coast"));
}

/// A page whose author is a news agency carries the agency's copy: it is
/// credited to the agency, unless it is the agency's own page.
#[test]
fn an_agency_as_author_is_the_credit() {
    for (head, credited) in [
        (
            r#"<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Organization","name":"Reuters"}}</script><meta property="og:site_name" content="Valley Post">"#,
            Some("Reuters"),
        ),
        (
            r#"<meta name="author" content="The Associated Press"><meta property="og:site_name" content="Valley Post">"#,
            Some("Associated Press"),
        ),
        (
            r#"<meta name="author" content="Ana Berg"><meta property="og:site_name" content="Valley Post">"#,
            None,
        ),
        (
            r#"<meta name="author" content="Associated Press"><meta property="og:site_name" content="AP News">"#,
            None,
        ),
    ] {
        let page = read_page("a.html", &page(head, ""));
        assert_eq!(page.draft.credited_to.as_deref(), credited, "{head}");
    }
}

/// JSON-LD as sites write it: an author given by reference to an object of
/// the graph, and text that is not strict JSON (a comma before a closing
/// bracket, a line end inside a string).
#[test]
fn json_ld_by_reference_and_not_quite_json() {
    let by_reference = r##"<script type="application/ld+json">{"@graph":[
        {"@type":"NewsArticle","datePublished":"2024-05-09T07:00:00Z","author":{"@id":"#ines"}},
        {"@type":"Person","@id":"#ines","name":"Ines Varga"}]}</script>"##;
    let d = draft("quay.html", page(by_reference, "").as_bytes());
    assert_eq!(d.authors, ["Ines Varga"]);
    let loose = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\n\
        \"headline\":\"Quay reopens\nafter repairs\",\"datePublished\":\"2024-05-10T07:00:00Z\",}</script>";
    let d = draft("quay.html", page(loose, "").as_bytes());
    assert_eq!(d.published.as_deref(), Some("2024-05-10T07:00:00Z"));
}
