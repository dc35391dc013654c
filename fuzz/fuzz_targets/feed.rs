//! The feed and OPML readers on arbitrary bytes: never a panic, and no
//! entity expansion.
#![no_main]

use corroborate_model::RawDocument;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"<rss version=\"2.0\">".to_vec();
    bytes.extend_from_slice(data);
    let doc = RawDocument { origin: "fuzz.xml".into(), bytes, declared_charset: None };
    let _ = corroborate_ingest::read(&doc);
    let _ = corroborate_ingest::feed_links(&doc);
    let raw = RawDocument { origin: "fuzz.json".into(), bytes: data.to_vec(), declared_charset: None };
    let _ = corroborate_ingest::read(&raw);
    let _ = corroborate_ingest::opml_feeds(&raw);
});
