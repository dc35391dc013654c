//! Main-content extraction on pages built like real news sites.

use corroborate_model::RawDocument;

fn body(page: &str) -> String {
    let doc =
        RawDocument { origin: "page.html".into(), bytes: page.as_bytes().to_vec(), declared_charset: None };
    match crate::read(&doc).remove(0) {
        Ok(draft) => draft.body,
        Err(e) => panic!("{e}"),
    }
}

const SPLIT_BODY: &str = r#"<html><head><title>Tram line reopens</title></head><body>
  <div class="cookie-notice"><p>We use cookies to give you the best experience, by continuing you agree.</p>
    <a href="/privacy">Privacy policy</a></div>
  <div id="page">
    <div class="top-links"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
    <div class="story-wrapper">
      <h1>Tram line reopens after two years of works</h1>
      <time datetime="2026-02-11">11 February 2026</time>
      <div class="story-block">
        <p>The Westbank tram line reopened on Monday, two years after engineers closed it to replace the bridge at Calloway Street.</p>
        <p>Passengers queued from six in the morning, and the first tram left the depot, decorated with ribbons, at a quarter past.</p>
        <figure><img src="tram.jpg"><figcaption>The first tram leaves the Calloway depot on Monday morning.</figcaption></figure>
      </div>
      <div class="inline-promo"><a href="/subscribe">Subscribe for the full story and unlimited access</a></div>
      <div class="story-block">
        <p>"It feels like getting a part of the city back," said Mira Holm, who has used the line since she was a student, twenty years ago.</p>
        <h2>Delays and costs</h2>
        <p>The works ran eight months late, and the final cost, 41 million, was a third over the budget approved by the council in 2023.</p>
        <ul><li>Trams run every six minutes at peak times.</li><li>Night services return in April, the operator said.</li></ul>
      </div>
      <div class="story-block">
        <p>The operator said the new bridge would carry trams for at least eighty years, and would need far less maintenance than the old one.</p>
      </div>
      <div class="related-stories"><h3>More from Westbank</h3><ul>
        <li><a href="/a">Bus fares to rise in spring, the council confirms</a></li>
        <li><a href="/b">New cycle lanes planned for the harbour road</a></li>
        <li><a href="/c">Market hall restoration to finish next year</a></li></ul></div>
      <section id="comments"><h3>12 comments</h3>
        <div class="comment"><p>Finally! It took them long enough, but I am glad the trams are back on the bridge.</p></div>
        <div class="comment"><p>Forty-one million for one bridge, and the buses are still late every single morning.</p></div>
      </section>
    </div>
  </div>
  <div class="site-map"><a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/jobs">Jobs</a></div>
</body></html>"#;

#[test]
fn body_split_over_blocks_is_whole_and_free_of_furniture() {
    assert_eq!(
        body(SPLIT_BODY),
        "The Westbank tram line reopened on Monday, two years after engineers closed it to replace the bridge at Calloway Street.\n\n\
         Passengers queued from six in the morning, and the first tram left the depot, decorated with ribbons, at a quarter past.\n\n\
         \"It feels like getting a part of the city back,\" said Mira Holm, who has used the line since she was a student, twenty years ago.\n\n\
         Delays and costs\n\n\
         The works ran eight months late, and the final cost, 41 million, was a third over the budget approved by the council in 2023.\n\n\
         Trams run every six minutes at peak times.\n\n\
         Night services return in April, the operator said.\n\n\
         The operator said the new bridge would carry trams for at least eighty years, and would need far less maintenance than the old one."
    );
}

#[test]
fn repeated_copies_are_kept_once_and_breaks_split_paragraphs() {
    let page = r#"<html><body><div class="article-text">
      <div class="mobile-lead"><p>Harbour pilots in Ostvik began a strike at dawn on Tuesday, halting all large ships entering and leaving the port.</p></div>
      <div class="desktop-lead"><p>Harbour pilots in Ostvik began a strike at dawn on Tuesday, halting all large ships entering and leaving the port.</p></div>
      <p>The union says pilots have worked without a contract since last summer.<br><br>Talks are set to resume on Friday, according to the port authority.</p>
      <p>Ferries, which do not need pilots,<br>ran on their normal timetable.</p>
    </div></body></html>"#;
    assert_eq!(
        body(page),
        "Harbour pilots in Ostvik began a strike at dawn on Tuesday, halting all large ships entering and leaving the port.\n\n\
         The union says pilots have worked without a contract since last summer.\n\n\
         Talks are set to resume on Friday, according to the port authority.\n\n\
         Ferries, which do not need pilots, ran on their normal timetable."
    );
}

#[test]
fn page_wrapped_in_a_form_keeps_its_article() {
    let page = r#"<html><body><form method="post" action="/article.aspx">
      <nav><a href="/">Home</a></nav>
      <div class="content"><p>Water levels in the Lenne reservoir fell to their lowest in forty years, the regional authority said.</p>
      <p>Farmers have been asked to cut irrigation by a fifth until the autumn rains arrive.</p></div>
      <input type="hidden" name="state" value="x">
    </form></body></html>"#;
    assert_eq!(
        body(page),
        "Water levels in the Lenne reservoir fell to their lowest in forty years, the regional authority said.\n\n\
         Farmers have been asked to cut irrigation by a fifth until the autumn rains arrive."
    );
}

#[test]
fn posts_under_a_related_heading_are_left_out() {
    // The related posts are printed in full and outscore the article; only
    // the heading's class names the block.
    let related = "<article class=\"post\"><p>The old lighthouse at Kessel Point, dark since 1962, was lit again for one night, with a lamp, a generator, and the help of four volunteers.</p></article>";
    let page = format!(
        r#"<html><body><div id="primary">
      <article class="post entry"><h1>Orchard saved by volunteers</h1>
        <p>Volunteers in Marrow Vale replanted the village orchard on Saturday, a year after a storm felled forty of its trees.</p>
      </article>
      <section class="postbox"><h3 class="relatedpoststitle">You may also like</h3>{related}{related}{related}</section>
    </div></body></html>"#
    );
    assert_eq!(
        body(&page),
        "Volunteers in Marrow Vale replanted the village orchard on Saturday, a year after a storm felled forty of its trees."
    );
}

#[test]
fn bare_text_beside_a_headline_paragraph_is_the_article() {
    let page = r#"<html><head><title>Clinic vans broken into</title></head><body>
      <div class="side"><p><a href="/2018">2018</a> <a href="/2017">2017</a></p></div>
      <div class="col">
        <p class="title">Clinic vans broken into</p>
        <small>05/10/2018 - Health</small><br><br>
        <img src="van.jpg">Staff of the home-care clinic in Amity found two of their five vans broken into this morning, with the batteries gone and the doors damaged. The police came to see the damage, and the morning's patients are being given new times.
        <br><br><br>
      </div>
      <div class="address">Town hall, 1111 River Road, Barra, phone 2106-8000</div>
    </body></html>"#;
    assert_eq!(
        body(page),
        "05/10/2018 - Health\n\n\
         Staff of the home-care clinic in Amity found two of their five vans broken into this morning, with the batteries gone and the doors damaged. The police came to see the damage, and the morning's patients are being given new times."
    );
}

#[test]
fn short_lines_that_come_again_are_kept() {
    let page = r#"<html><body><div class="entry-content">
      <p>The plan has three days of meals, each built around the same pattern of small portions eaten through the day.</p>
      <h3>Day 1</h3><h4>Lunch</h4><p>Eat two to three hours after breakfast</p><p>Lentil soup, with a slice of rye bread and a green salad.</p>
      <h3>Day 2</h3><h4>Lunch</h4><p>Eat two to three hours after breakfast</p><p>Chickpea stew, with brown rice and roasted carrots on the side.</p>
    </div></body></html>"#;
    let text = body(page);
    assert_eq!(text.matches("Eat two to three hours after breakfast").count(), 2, "{text}");
    assert_eq!(text.matches("Lunch").count(), 2, "{text}");
}

#[test]
fn captions_screen_reader_text_and_ad_labels_are_left_out() {
    // Class names written in camel case are read word by word (`adCaption`).
    let page = r#"<html><body><div class="story-body">
      <p>The city's tram network will run through the night on weekends from March, the transport authority announced.</p>
      <div class="GoogleDfpAd-wrapper"><div class="GoogleDfpAd-adCaption">Advertisement</div></div>
      <div class="image"><img src="tram.jpg"><span class="off-screen">Image copyright</span><div class="media-caption">A night tram at the Calloway depot.</div></div>
      <p>Night services were cut in 2020 and had not returned since, despite a petition signed by thirty thousand residents.</p>
    </div></body></html>"#;
    assert_eq!(
        body(page),
        "The city's tram network will run through the night on weekends from March, the transport authority announced.\n\n\
         Night services were cut in 2020 and had not returned since, despite a petition signed by thirty thousand residents."
    );
}
