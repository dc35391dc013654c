use super::{draft, error};

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Aldmoor council approves new bridge | Aldmoor Courier</title>
  <meta property="og:site_name" content="Aldmoor Courier">
  <meta property="article:published_time" content="2026-03-04T18:40:00+00:00">
  <meta name="author" content="Jane Doe, Li Wei">
  <link rel="canonical" href="https://aldmoor-courier.example/news/bridge">
  <script>var tracking = "do not read me";</script>
  <style>p { color: red }</style>
</head>
<body class="page has-sidebar">
  <nav><ul><li>Home</li><li>News</li><li>Sport</li></ul></nav>
  <div id="cookie-banner"><p>We use cookies to improve your experience.</p></div>
  <header class="site-header"><p>Aldmoor's daily paper since 1901</p></header>
  <main>
    <article>
      <header><h1>Aldmoor council approves new bridge</h1><p>By Jane Doe</p></header>
      <div class="share-tools"><p>Share on social media</p></div>
      <p>The council voted 9 to 2 on Tuesday to fund a second
         river crossing.</p>
      <figure><img src="bridge.jpg"><figcaption>An artist's impression of the bridge.</figcaption></figure>
      <p>"This is a <em>historic</em> day," said council leader Ana Petrov.</p>
      <h2>What happens next</h2>
      <ul><li>Surveys begin in May.</li><li>Construction starts in the autumn.</li></ul>
      <blockquote><p>We have waited ten years for this.</p></blockquote>
      <div class="ad-slot"><p>Advertisement: buy a boat</p></div>
      <form class="newsletter"><p>Sign up for our newsletter</p></form>
      <p>Credited from: Meridian Press</p>
    </article>
    <section class="related-articles"><h2>Related</h2><p>Old bridge to close for repairs</p></section>
    <div id="comments"><p>First! Great news.</p></div>
  </main>
  <aside><p>Most read this week</p></aside>
  <footer><p>Copyright 2026 Aldmoor Courier</p></footer>
</body>
</html>"#;

#[test]
fn article_page_with_furniture() {
    let d = draft("bridge.html", PAGE.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Aldmoor council approves new bridge"));
    assert_eq!(d.outlet.as_deref(), Some("Aldmoor Courier"));
    assert_eq!(d.published.as_deref(), Some("2026-03-04T18:40:00Z"));
    assert_eq!(d.authors, ["Jane Doe", "Li Wei"]);
    assert_eq!(d.url.as_deref(), Some("https://aldmoor-courier.example/news/bridge"));
    assert_eq!(d.language.as_deref(), Some("en"));
    assert_eq!(d.credited_to.as_deref(), Some("Meridian Press"));
    assert_eq!(
        d.body,
        "The council voted 9 to 2 on Tuesday to fund a second river crossing.\n\n\
         \"This is a historic day,\" said council leader Ana Petrov.\n\n\
         What happens next\n\n\
         Surveys begin in May.\n\n\
         Construction starts in the autumn.\n\n\
         We have waited ten years for this."
    );
}

#[test]
fn json_ld_and_time_element_metadata() {
    let page = r#"<html><head>
      <title>Ferries resume after storm - Norden Wire</title>
      <meta property="og:url" content="https://www.norden-wire.example/ferries">
      <script type="application/ld+json">
        {"@context": "https://schema.org", "@graph": [
          {"@type": "WebSite", "name": "Norden Wire"},
          {"@type": "NewsArticle", "headline": "Ferries resume",
           "datePublished": "2026-03-05T06:00:00+01:00",
           "author": [{"@type": "Person", "name": "Li Wei"}, {"@type": "Person", "name": "Sam Okafor"}],
           "publisher": {"@type": "Organization", "name": "Norden Wire"}}
        ]}
      </script>
    </head><body>
      <div class="menu"><p>Sections</p></div>
      <div class="story">
        <p>The first ferry left Calder Bay at six on Thursday.</p>
        <p>Operators expect full service by the weekend.</p>
      </div>
      <div class="teaser"><p>Weather</p></div>
    </body></html>"#;
    let d = draft("ferries.html", page.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Ferries resume after storm"));
    assert_eq!(d.published.as_deref(), Some("2026-03-05T05:00:00Z"));
    assert_eq!(d.authors, ["Li Wei", "Sam Okafor"]);
    assert_eq!(d.outlet.as_deref(), Some("Norden Wire"));
    assert_eq!(d.url.as_deref(), Some("https://www.norden-wire.example/ferries"));
    assert_eq!(
        d.body,
        "The first ferry left Calder Bay at six on Thursday.\n\n\
         Operators expect full service by the weekend."
    );
}

#[test]
fn fallbacks_for_title_date_and_outlet() {
    let page = r#"<html><head><title>Harbour Daily</title>
      <meta property="og:url" content="https://www.harbour-daily.example/tide">
      </head><body>
      <article><h1>Record tide floods quay</h1>
        <time datetime="2026-03-06">6 March</time>
        <p>Water reached the market stalls on the quay.</p>
        <p>(AFP)</p>
      </article></body></html>"#;
    let d = draft("tide.htm", page.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Harbour Daily"));
    assert_eq!(d.published.as_deref(), Some("2026-03-06"));
    assert_eq!(d.outlet.as_deref(), Some("harbour-daily.example"));
    assert_eq!(d.credited_to.as_deref(), Some("AFP"));
    assert_eq!(d.body, "Water reached the market stalls on the quay.");

    let page = "<html><body><h1>Record tide floods quay</h1><div>Water reached the quay.<br>Stalls closed.</div></body></html>";
    let d = draft("tide2.html", page.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Record tide floods quay"));
    assert_eq!(d.body, "Water reached the quay.\n\nStalls closed.");
}

#[test]
fn long_title_suffix_is_kept_unless_it_is_the_site() {
    let page = "<html><head><title>Vote delayed - council cites missing budget figures</title></head>\
        <body><p>The vote was delayed.</p></body></html>";
    let d = draft("vote.html", page.as_bytes());
    assert_eq!(d.title.as_deref(), Some("Vote delayed - council cites missing budget figures"));
}

#[test]
fn page_without_article_text() {
    let page = "<html><head><title>Home</title></head><body><nav><p>News</p></nav>\
        <footer><p>Contact</p></footer><script>start()</script></body></html>";
    assert_eq!(error("home.html", page.as_bytes()).to_string(), "home.html: no article text found");
}

#[test]
fn text_split_by_empty_blocks_is_one_article() {
    let page = r#"<html><body>
      <div class="top-stories"><ul>
        <li><a href="/a">Harbour master retires after forty years at the port</a></li>
        <li><a href="/b">Ferry timetable changes for the winter season announced</a></li>
        <li><a href="/c">New fish market opens on the east quay next Monday</a></li>
      </ul></div>
      <div class="story-row"><div class="story-text" itemprop="articleBody">
        The Valmere harbour board approved the dredging of the east channel on Tuesday, ending a two-year dispute with the fishing cooperative.<div class="spacer"></div>Work is due to start in March and will close the channel to large vessels for six weeks, the board said.<br><div class="spacer"></div>
      </div></div>
      <div class="latest">
        <p>Storm warning for the coast tonight and tomorrow morning as winds rise.</p>
        <p>The lighthouse museum reopens after a year of repairs to its tower.</p>
        <p>Fishing quotas for next year will be set at a meeting in the capital.</p>
      </div>
    </body></html>"#;
    let d = draft("dredging.html", page.as_bytes());
    assert_eq!(
        d.body,
        "The Valmere harbour board approved the dredging of the east channel on Tuesday, ending a two-year \
         dispute with the fishing cooperative.\n\n\
         Work is due to start in March and will close the channel to large vessels for six weeks, the board said."
    );
}

#[test]
fn a_table_row_is_one_line() {
    let page = r#"<html><body><article>
      <p>The regatta on Lake Orren ended on Sunday with a narrow win for the Kestrel crew, the organisers said.</p>
      <table>
        <tr><th>Pos.</th><th>Crew</th><th>Time</th></tr>
        <tr><td>1</td><td>Kestrel</td><td>41:02</td></tr>
        <tr><td>2</td><td><b>Saltmere</b> Rowing</td><td>41:09</td></tr>
      </table>
    </article></body></html>"#;
    let d = draft("regatta.html", page.as_bytes());
    assert_eq!(
        d.body,
        "The regatta on Lake Orren ended on Sunday with a narrow win for the Kestrel crew, the organisers said.\n\n\
         Pos. Crew Time\n\n\
         1 Kestrel 41:02\n\n\
         2 Saltmere Rowing 41:09"
    );
}

#[test]
fn an_article_split_into_blocks_of_one_kind_is_kept_whole() {
    let block = |text: &str| {
        format!(
            r#"<section class="band"><div class="wrap"><div class="story-part prose"><p>{text}</p></div></div></section>"#
        )
    };
    let page = format!(
        r#"<html><body><main>
        {}
        <section class="band"><figure><img src="a.jpg"><figcaption>The east quay at dawn.</figcaption></figure></section>
        {}
        <section class="band"><div class="wrap"><div class="pullquote"><p>“We had no choice,” she said.</p></div></div></section>
        {}
        </main>
        <aside><p>Most read: the lighthouse reopens, ferry fares rise again, and the market hall is sold.</p></aside>
        </body></html>"#,
        block("The Valmere harbour board approved the dredging of the east channel on Tuesday, ending a two-year dispute, after a long debate, with the fishing cooperative."),
        block("Work is due to start in March, the board said, and will close the channel to large vessels for six weeks, costing the port some trade."),
        block("The cooperative, which had opposed the plan, said it would not appeal, although several members, speaking afterwards, called the vote rushed."),
    );
    let d = draft("dredging.html", page.as_bytes());
    let paragraphs: Vec<&str> = d.body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 3, "{}", d.body);
    assert!(paragraphs[0].starts_with("The Valmere harbour board"));
    assert!(paragraphs[1].starts_with("Work is due to start"));
    assert!(paragraphs[2].starts_with("The cooperative"));
}

#[test]
fn an_embedded_post_is_quoted_but_share_buttons_are_not() {
    let page = r#"<html><body><article>
      <p>The new ferry timetable drew complaints from commuters on the island within hours of its release.</p>
      <div class="social-share"><p>Share this story on your favourite network</p></div>
      <div class="social-media-embed"><blockquote class="twitter-tweet"><p>Two boats a day is not a service, it is an insult to everyone who works on the mainland.</p>— Ines Marlow (@inesmarlow) <a href="https://social.example/status/1">March 4, 2026</a></blockquote></div>
      <p>The operator said the timetable would be reviewed after the summer season.</p>
    </article></body></html>"#;
    let d = draft("ferry.html", page.as_bytes());
    assert!(d.body.contains("Two boats a day is not a service"), "{}", d.body);
    assert!(!d.body.contains("Share this story"), "{}", d.body);
}
