//! Feeds: full-text items become drafts, link-only items become links.

use super::{error, flag_messages, raw};
use crate::{feed_articles, feed_links, opml_feeds, read, FeedLink};
use corroborate_model::FlagKind;

/// A paragraph long enough, twice, to make an item an article.
fn article_text() -> String {
    let p = "The council approved the harbour budget on Tuesday after a debate that lasted most of the \
        evening, with members arguing over the cost of the new breakwater and the dredging contract.";
    format!("<p>{p}</p><p>A final vote is expected next month. {p}</p><p>Residents may comment until May. {p}</p>")
}

fn escape(markup: &str) -> String {
    markup.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[test]
fn rss2_full_text_items_are_drafts_and_teasers_are_links() {
    let rss = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Daily</title><link>https://harbour.example/</link><language>en-gb</language>
<item><title>Budget approved</title><link>https://harbour.example/budget</link>
  <pubDate>Tue, 05 Mar 2024 18:30:00 +0000</pubDate><dc:creator>Ana Ruiz</dc:creator>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[{}]]></content:encoded></item>
<item><title>Ferry times change</title><link>https://harbour.example/ferry</link>
  <pubDate>Wed, 06 Mar 2024 07:00:00 GMT</pubDate><author>desk@harbour.example (Li Wei)</author>
  <description>New timetable from Monday.</description></item>
<item><title>No link, no text</title><description>Nothing.</description></item>
</channel></rss>"#,
        article_text()
    );
    let drafts: Vec<_> = read(&raw("harbour.rss", rss.as_bytes())).into_iter().map(Result::unwrap).collect();
    assert_eq!(drafts.len(), 1);
    let d = &drafts[0];
    assert_eq!(d.title.as_deref(), Some("Budget approved"));
    assert_eq!(d.url.as_deref(), Some("https://harbour.example/budget"));
    assert_eq!(d.published.as_deref(), Some("2024-03-05T18:30:00Z"));
    assert_eq!(d.authors, ["Ana Ruiz"]);
    assert_eq!(d.outlet.as_deref(), Some("Harbour Daily"));
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.body.split("\n\n").count(), 3);
    assert!(d.body.starts_with("The council approved"));

    let links = feed_links(&raw("harbour.rss", rss.as_bytes()));
    assert_eq!(
        links,
        [FeedLink {
            feed: "harbour.rss".into(),
            url: "https://harbour.example/ferry".into(),
            title: Some("Ferry times change".into()),
            published: Some("2024-03-06T07:00:00Z".into()),
            authors: vec!["Li Wei".into()],
            outlet: Some("Harbour Daily".into()),
        }]
    );
}

#[test]
fn atom_rss1_rss091_and_json_feed() {
    let atom = format!(
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Norden Wire</title><id>urn:nw</id>
<entry><title>Storm closes port</title><id>urn:nw:1</id><link href="https://nw.example/storm"/>
<published>2024-02-01T10:00:00+01:00</published><updated>2024-02-01T12:00:00Z</updated>
<author><name>Sam Okafor</name></author><content type="html">{}</content></entry>
<entry><title>Port reopens</title><id>urn:nw:2</id><link rel="alternate" href="https://nw.example/reopen"/>
<summary>Short.</summary></entry></feed>"#,
        escape(&article_text())
    );
    let d = read(&raw("nw.atom", atom.as_bytes())).remove(0).unwrap();
    assert_eq!(d.title.as_deref(), Some("Storm closes port"));
    assert_eq!(d.published.as_deref(), Some("2024-02-01T09:00:00Z"));
    assert_eq!(d.authors, ["Sam Okafor"]);
    assert_eq!(d.outlet.as_deref(), Some("Norden Wire"));
    let links: Vec<String> =
        feed_links(&raw("nw.atom", atom.as_bytes())).into_iter().map(|l| l.url).collect();
    assert_eq!(links, ["https://nw.example/reopen"]);

    let rss1 = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://old.example/"><title>Old Gazette</title><link>https://old.example/</link></channel>
<item rdf:about="https://old.example/a"><title>Mill closes</title><link>https://old.example/a</link></item></rdf:RDF>"#;
    assert!(error("old.rdf", rss1.as_bytes()).reason.starts_with("1 item(s) are headlines"));
    let links = feed_links(&raw("old.rdf", rss1.as_bytes()));
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].url, "https://old.example/a");
    assert_eq!(links[0].outlet.as_deref(), Some("Old Gazette"));

    let rss091 = r#"<rss version="0.91"><channel><title>Valley Post</title><link>https://valley.example</link>
<item><title>Bridge repaired</title><link>https://valley.example/bridge</link></item></channel></rss>"#;
    assert_eq!(feed_links(&raw("valley.xml", rss091.as_bytes()))[0].url, "https://valley.example/bridge");

    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1", "title": "Coast Notes",
        "items": [
            {"id": "1", "url": "https://coast.example/1", "title": "Tide record", "content_html": article_text(),
             "date_published": "2024-04-02T06:00:00Z", "authors": [{"name": "Rosa Diaz"}]},
            {"id": "2", "url": "https://coast.example/2", "title": "Beach closed", "summary": "Closed today."}
        ]
    })
    .to_string();
    let d = read(&raw("coast.json", json.as_bytes())).remove(0).unwrap();
    assert_eq!(
        (d.title.as_deref(), d.authors.as_slice()),
        (Some("Tide record"), &["Rosa Diaz".to_string()][..])
    );
    assert_eq!(d.published.as_deref(), Some("2024-04-02T06:00:00Z"));
    assert_eq!(feed_links(&raw("coast.json", json.as_bytes()))[0].url, "https://coast.example/2");
}

#[test]
fn feeds_of_headlines_only_are_reported() {
    let item = |slug: &str| {
        format!(
            "<item><title>{slug}</title><link>https://harbour.example/{slug}</link>\
             <description>A short summary of the {slug} story.</description></item>"
        )
    };
    let rss = |items: &str| {
        format!("<rss version=\"2.0\"><channel><title>Harbour Daily</title>{items}</channel></rss>")
    };
    let headlines = rss(&["quay", "ferry", "market"].map(item).concat());
    assert_eq!(
        error("harbour.rss", headlines.as_bytes()).to_string(),
        "harbour.rss: 3 item(s) are headlines or summaries without article text; list the feed in an \
         OPML file and poll it with `corroborate watch --feeds` to fetch the pages"
    );
    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1", "title": "Coast Notes",
        "items": [{"id": "1", "url": "https://coast.example/1", "title": "Beach closed", "summary": "Closed today."}]
    })
    .to_string();
    assert!(error("coast.json", json.as_bytes()).reason.starts_with("1 item(s) are headlines"));
    // `watch`, which fetches the pages itself, asks for the articles only.
    assert!(feed_articles(&raw("https://harbour.example/rss", headlines.as_bytes())).is_empty());
    assert_eq!(feed_links(&raw("https://harbour.example/rss", headlines.as_bytes())).len(), 3);
    // Some articles and some headlines: the articles are what the feed gives.
    let full = format!(
        "<item><title>Budget</title><link>https://harbour.example/budget</link>\
         <description>{}</description></item>",
        escape(&article_text())
    );
    let mixed = rss(&format!("{full}{}", item("quay")));
    let results = read(&raw("harbour.rss", mixed.as_bytes()));
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].as_ref().unwrap().title.as_deref(), Some("Budget"));
}

/// A DOCTYPE declaring a "billion laughs" entity bomb (`&lol9;`) and an
/// external entity (`&secret;`).
fn entity_bomb() -> String {
    let mut dtd = String::from("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
    for i in 1..=9 {
        let previous = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!("<!ENTITY lol{i} \"{}\">", format!("&{previous};").repeat(10)));
    }
    dtd.push_str("<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>");
    dtd
}

#[test]
fn entity_bombs_and_external_entities_do_not_expand() {
    let dtd = entity_bomb();
    let rss = format!(
        "<?xml version=\"1.0\"?>{dtd}<rss version=\"2.0\"><channel><title>Bomb &lol9;</title>\
         <item><title>Leak &secret;</title><link>https://bomb.example/1</link></item></channel></rss>"
    );
    let links = feed_links(&raw("bomb.xml", rss.as_bytes()));
    assert_eq!(links.len(), 1);
    let title = links[0].title.as_deref().unwrap();
    assert!(!title.contains("root:"), "{title}");
    assert!(links[0].outlet.as_deref().unwrap().len() < 100);
}

#[test]
fn long_prologs_before_the_root_element_are_skipped() {
    let items = format!(
        "<item><title>Budget approved &lol9;</title><link>https://harbour.example/budget</link>\
         <description>{0}</description></item><item><title>Quay reopens</title>\
         <link>https://harbour.example/quay</link><description>{0}</description></item>",
        escape(&article_text())
    );
    let rss = |prolog: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n{prolog}\n<rss version=\"2.0\"><channel><title>Harbour Daily</title>\
             {items}</channel></rss>"
        )
    };
    let licence = format!("<!-- {} -->", "Licensed under <Creative Commons>; reuse freely. ".repeat(20));
    let stylesheet = "<?xml-stylesheet type=\"text/xsl\" href=\"feed.xsl\"?>";
    for prolog in [format!("{licence}\n{stylesheet}"), entity_bomb()] {
        assert!(prolog.len() > 512);
        let drafts: Vec<_> =
            read(&raw("harbour.rss", rss(&prolog).as_bytes())).into_iter().map(Result::unwrap).collect();
        let titles: Vec<&str> = drafts.iter().map(|d| d.title.as_deref().unwrap()).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(titles[0].starts_with("Budget approved") && titles[0].len() < 100, "{titles:?}");
        assert_eq!(titles[1], "Quay reopens");
    }
    // Markup whose first element is not within 64 KiB is refused, not guessed.
    let endless = format!("<!-- {} -->", "x".repeat(70_000));
    assert_eq!(
        error("harbour.rss", rss(&endless).as_bytes()).reason,
        "markup without an element in its first 64 KiB"
    );
    // A page with a long comment first is still a page.
    let page = format!("{licence}<!DOCTYPE html><html><body><p>Rain is expected all week.</p></body></html>");
    assert_eq!(
        read(&raw("page.html", page.as_bytes()))[0].as_ref().unwrap().body,
        "Rain is expected all week."
    );
}

#[test]
fn feed_errors_and_size_cap() {
    // A feed whose head is broken cannot be mended.
    let broken = b"<rss version=\"2.0\"><channel><title>News</titl><item><title>x</title></item>";
    assert!(
        error("news.xml", broken).reason.starts_with("unreadable feed: "),
        "{:?}",
        error("news.xml", broken)
    );
    // One whose only item is cut short names that item.
    let cut = b"<rss version=\"2.0\"><channel><title>News</title><item><title>x</titl";
    let e = error("news.xml", cut);
    assert_eq!(e.to_string(), "news.xml:1: unreadable feed item: cut short: the feed ends inside it");
    let mut big = String::from("<rss version=\"2.0\"><channel><title>Big</title>");
    let item = "<item><title>Item</title><link>https://big.example/x</link></item>";
    while big.len() <= crate::feed::FEED_LIMIT {
        big.push_str(item);
    }
    big.push_str("</channel></rss>");
    assert!(error("big.xml", big.as_bytes()).reason.starts_with("feed too large"));
    assert!(feed_links(&raw("big.xml", big.as_bytes())).is_empty());
}

/// Each listed feed's address and title.
fn listed(feeds: &[crate::FeedSource]) -> Vec<(&str, Option<&str>)> {
    feeds.iter().map(|f| (f.url.as_str(), f.title.as_deref())).collect()
}

#[test]
fn opml_lists_feeds_in_nested_folders() {
    let opml = r#"<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="Local"><outline text="Harbour Daily" type="rss" xmlUrl="https://harbour.example/rss"/>
<outline title="Norden Wire" text="NW" type="rss" xmlUrl="https://nw.example/atom?x=1&amp;y=2"/></outline>
<outline text="Again" xmlUrl="https://harbour.example/rss"/></body></opml>"#;
    assert_eq!(
        listed(&opml_feeds(&raw("mine.opml", opml.as_bytes())).unwrap()),
        [
            ("https://harbour.example/rss", Some("Harbour Daily")),
            ("https://nw.example/atom?x=1&y=2", Some("Norden Wire"))
        ]
    );
    assert!(error("mine.opml", opml.as_bytes()).reason.contains("OPML"));
    // A bare `&` in an exported list costs neither its feed nor its name.
    let bare = r#"<opml version="2.0"><body><outline text="R&D Caf&#233; &#x26;" xmlUrl="https://rd.example/rss?a=1&b=2&amp;c=3&#38;d=4"/>
<outline text="Harbour" xmlUrl="https://harbour.example/rss"/></body></opml>"#;
    assert_eq!(
        listed(&opml_feeds(&raw("bare.opml", bare.as_bytes())).unwrap()),
        [
            ("https://rd.example/rss?a=1&b=2&c=3&d=4", Some("R&D Café &")),
            ("https://harbour.example/rss", Some("Harbour"))
        ]
    );
    assert!(opml_feeds(&raw("page.html", b"<html><body>x</body></html>")).is_err());
}

#[test]
fn a_feed_with_no_items_is_an_error() {
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>"#;
    assert_eq!(error("quiet.rss", rss.as_bytes()).to_string(), "quiet.rss: a feed with no items");
    let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>"#;
    assert_eq!(error("quiet.atom", atom.as_bytes()).reason, "a feed with no items");
}

/// An RSS feed of Harbour Daily with these items, each `(title, full text)`.
fn harbour_feed(items: &[(&str, &str)]) -> String {
    let mut rss = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Harbour Daily</title>\n",
    );
    for (i, (title, text)) in items.iter().enumerate() {
        rss.push_str(&format!(
            "<item><title>{title}</title><link>https://harbour.example/{i}</link>\
             <description><![CDATA[{text}]]></description></item>\n"
        ));
    }
    rss + "</channel></rss>"
}

fn titles_and_origins(results: &[Result<crate::Draft, crate::IngestError>]) -> Vec<(String, String)> {
    results.iter().flatten().map(|d| (d.title.clone().unwrap_or_default(), d.origin.clone())).collect()
}

#[test]
fn a_bare_ampersand_costs_nothing() {
    let text = article_text();
    let rss =
        harbour_feed(&[("Ferry line opens", &text), ("AT&T sponsors the ferry", &text), ("Q&amp;A", &text)]);
    let results = read(&raw("harbour.rss", rss.as_bytes()));
    assert_eq!(
        titles_and_origins(&results),
        [
            ("Ferry line opens".to_string(), "harbour.rss:1".to_string()),
            ("AT&T sponsors the ferry".to_string(), "harbour.rss:2".to_string()),
            ("Q&A".to_string(), "harbour.rss:3".to_string()),
        ]
    );
    assert!(results.iter().all(Result::is_ok));
    // The text inside CDATA is read as written: `&` stays one `&`.
    let with_cdata = harbour_feed(&[("<![CDATA[R&D budget]]>", &text), ("Q&A", &text)]);
    let results = read(&raw("harbour.rss", with_cdata.as_bytes()));
    assert_eq!(results[0].as_ref().unwrap().title.as_deref(), Some("R&D budget"));
    // So is a plain `<` that starts no tag.
    let with_lt = harbour_feed(&[("Rates < 5% for Q&A", &text)]);
    let results = read(&raw("harbour.rss", with_lt.as_bytes()));
    assert_eq!(results[0].as_ref().unwrap().title.as_deref(), Some("Rates < 5% for Q&A"));
}

#[test]
fn a_broken_item_costs_only_itself() {
    let text = article_text();
    let rss = harbour_feed(&[("First", &text), ("Second", &text), ("Third", &text)])
        .replace("<title>Second</title>", "<title>Second</titel>");
    let results = read(&raw("harbour.rss", rss.as_bytes()));
    assert_eq!(
        titles_and_origins(&results),
        [
            ("First".to_string(), "harbour.rss:1".to_string()),
            ("Third".to_string(), "harbour.rss:3".to_string())
        ]
    );
    let errors: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].origin, "harbour.rss:2");
    assert!(errors[0].reason.starts_with("unreadable feed item: "), "{:?}", errors[0]);
    // An item's tag written unescaped in a headline breaks that item only.
    let rss = harbour_feed(&[("First", &text), ("Uses <item> tags", &text), ("Third", &text)]);
    let results = read(&raw("harbour.rss", rss.as_bytes()));
    assert_eq!(
        titles_and_origins(&results),
        [
            ("First".to_string(), "harbour.rss:1".to_string()),
            ("Third".to_string(), "harbour.rss:3".to_string())
        ]
    );
    let errors: Vec<&str> =
        results.iter().filter_map(|r| r.as_ref().err()).map(|e| e.origin.as_str()).collect();
    assert_eq!(errors, ["harbour.rss:2"]);
    // Of many broken items, the first few are listed and the rest counted.
    let items: Vec<(String, String)> = (0..25).map(|i| (format!("Item {i}"), text.clone())).collect();
    let items: Vec<(&str, &str)> = items.iter().map(|(t, b)| (t.as_str(), b.as_str())).collect();
    let rss_many = harbour_feed(&items).replace("</title>", "</titel>").replacen("</titel>", "</title>", 1);
    let results = read(&raw("many.rss", rss_many.as_bytes()));
    let errors: Vec<String> =
        results.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 21, "{errors:?}");
    assert!(errors[0].starts_with("many.rss:1: unreadable feed item: "), "{errors:?}");
    assert_eq!(errors[20], "many.rss: 5 more items could not be read (the first 20 are listed)");
    // The same for a caller that fetches the link-only items itself.
    let drafts = feed_articles(&raw("harbour.rss", rss.as_bytes()));
    assert_eq!(drafts.iter().filter(|d| d.is_ok()).count(), 2);
    assert_eq!(drafts.iter().filter(|d| d.is_err()).count(), 1);
}

#[test]
fn a_feed_cut_short_keeps_its_whole_items() {
    let text = article_text();
    let rss = harbour_feed(&[("First", &text), ("Second", &text), ("Third", &text)]);
    let cut = &rss[..rss.find("<title>Third").unwrap() + 12];
    let results = read(&raw("harbour.rss", cut.as_bytes()));
    assert_eq!(
        titles_and_origins(&results),
        [
            ("First".to_string(), "harbour.rss:1".to_string()),
            ("Second".to_string(), "harbour.rss:2".to_string())
        ]
    );
    assert_eq!(
        results.iter().filter_map(|r| r.as_ref().err()).map(|e| e.origin.as_str()).collect::<Vec<_>>(),
        ["harbour.rss:3"]
    );
    // Link-only items of a mended Atom feed are still links to fetch.
    let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Norden Wire</title>\
        <entry><title>Port &amp; rail</title><link href=\"https://nw.example/1\"/></entry>\
        <entry><title>Ports & rails</title><link href=\"https://nw.example/2\"/></entry>\
        <entry><title>Cut";
    let links: Vec<_> =
        feed_links(&raw("nw.atom", atom.as_bytes())).into_iter().map(|l| (l.url, l.title)).collect();
    assert_eq!(
        links,
        [
            ("https://nw.example/1".to_string(), Some("Port & rail".to_string())),
            ("https://nw.example/2".to_string(), Some("Ports & rails".to_string())),
        ]
    );
}

#[test]
fn a_legacy_encoding_without_declaration_is_decoded() {
    let text = article_text();
    let rss = harbour_feed(&[("Café opens at the ferry terminal", &text)]).replace(" encoding=\"UTF-8\"", "");
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&rss);
    let drafts = read(&raw("harbour.rss", &latin));
    let draft = drafts[0].as_ref().unwrap();
    assert_eq!(draft.title.as_deref(), Some("Café opens at the ferry terminal"));
    assert_eq!(flag_messages(draft, FlagKind::LegacyEncoding).len(), 1, "{:?}", draft.flags);
    let fetched = feed_articles(&raw("harbour.rss", &latin));
    let fetched = fetched[0].as_ref().unwrap();
    assert_eq!(fetched.title.as_deref(), Some("Café opens at the ferry terminal"));
    assert_eq!(flag_messages(fetched, FlagKind::LegacyEncoding).len(), 1, "{:?}", fetched.flags);
}

#[test]
fn mending_reads_every_encoding_and_stops_at_what_it_cannot_mend() {
    let text = article_text();
    // UTF-16 with a byte order mark, and a bare ampersand.
    let rss = harbour_feed(&[("AT&T sponsors the ferry", &text)]).replace(" encoding=\"UTF-8\"", "");
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(rss.encode_utf16().flat_map(u16::to_le_bytes));
    let results = read(&raw("harbour.rss", &utf16));
    assert_eq!(results[0].as_ref().unwrap().title.as_deref(), Some("AT&T sponsors the ferry"));
    // A fault in the channel, before the items, is the feed's error, named once.
    let rss = harbour_feed(&[("One", &text), ("Two", &text)])
        .replace("<title>Harbour Daily</title>", "<title>Harbour Daily</title><image><url>x</url>");
    let e = error("harbour.rss", rss.as_bytes());
    assert!(e.reason.starts_with("unreadable feed: "), "{e:?}");
    // A comment never closed hides the rest of the feed, and says so.
    let rss = harbour_feed(&[("One", &text), ("Two <!-- a note", &text), ("Three", &text)]);
    let results = read(&raw("harbour.rss", rss.as_bytes()));
    assert_eq!(titles_and_origins(&results), [("One".to_string(), "harbour.rss:1".to_string())]);
    let e = results[1].as_ref().unwrap_err();
    assert_eq!(e.origin, "harbour.rss:2");
    assert!(e.reason.contains("never closed, so the rest of the feed cannot be read"), "{e:?}");
    // An Atom feed may give its title after its entries.
    let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\">\
        <entry><title>Port &amp; rail</title><link href=\"https://nw.example/1\"/></entry>\
        <entry><title>Ports & rails</titel><link href=\"https://nw.example/2\"/></entry>\
        <title>Norden Wire</title></feed>";
    let links = feed_links(&raw("nw.atom", atom.as_bytes()));
    assert_eq!(links.len(), 1, "{links:?}");
    assert_eq!(links[0].outlet.as_deref(), Some("Norden Wire"));
}
