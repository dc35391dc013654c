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
      <div class="mobile-lead"><p>Harbour pilots in Ostvik began a strike at dawn, halting all large ships entering the port.</p></div>
      <div class="desktop-lead"><p>Harbour pilots in Ostvik began a strike at dawn, halting all large ships entering the port.</p></div>
      <p>The union says pilots have worked without a contract since last summer.<br><br>Talks are set to resume on Friday, according to the port authority.</p>
      <p>Ferries, which do not need pilots,<br>ran on their normal timetable.</p>
    </div></body></html>"#;
    assert_eq!(
        body(page),
        "Harbour pilots in Ostvik began a strike at dawn, halting all large ships entering the port.\n\n\
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
