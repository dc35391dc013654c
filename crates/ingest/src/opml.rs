//! OPML: the list-of-feeds format feed readers export and import. Only the
//! `xmlUrl` of each `<outline>` (at any depth: folders nest) matters here,
//! with its title for messages. As for feeds, DTD entities are not expanded.

use corroborate_model::RawDocument;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::{paragraphs, source, IngestError};

/// One feed listed in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSource {
    pub url: String,
    pub title: Option<String>,
}

/// The feeds an OPML document lists, in document order, each URL once.
pub fn opml_feeds(doc: &RawDocument) -> Result<Vec<FeedSource>, IngestError> {
    let origin = doc.origin.as_str();
    let bytes = source::prepare(origin, &doc.bytes, crate::feed::FEED_LIMIT as u64)?;
    let fail = |e: quick_xml::Error| IngestError::new(origin, format!("unreadable OPML: {e}"));
    let mut reader = Reader::from_reader(&bytes[..]);
    let mut feeds: Vec<FeedSource> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut saw_opml = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(fail)? {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                if name.as_ref().eq_ignore_ascii_case("opml") {
                    saw_opml = true;
                } else if name.as_ref().eq_ignore_ascii_case("outline") {
                    if let Some(feed) = outline(&e) {
                        if seen.insert(feed.url.clone()) {
                            feeds.push(feed);
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_opml {
        return Err(IngestError::new(origin, "not an OPML document"));
    }
    Ok(feeds)
}

fn outline(element: &BytesStart) -> Option<FeedSource> {
    let (mut url, mut title, mut text) = (None, None, None);
    for attribute in element.attributes().flatten() {
        // A bare `&` (`?a=1&b=2`, common in exported lists) is not XML: it is
        // escaped as a feed's is mended, and the references around it read.
        let value = match attribute.normalized_value(XmlVersion::Implicit1_0) {
            Ok(value) => value.into_owned(),
            Err(_) => {
                let mended = crate::feed::escape_stray_marks(&attribute.value);
                quick_xml::escape::unescape(&mended)
                    .map_or_else(|_| attribute.value.to_string(), |v| v.into_owned())
            }
        };
        let value = Some(paragraphs::collapse(&value)).filter(|v| !v.is_empty());
        match attribute.key.local_name().as_ref() {
            "xmlUrl" | "xmlurl" => url = value,
            "title" => title = value,
            "text" => text = value,
            _ => {}
        }
    }
    Some(FeedSource { url: url?, title: title.or(text) })
}
