//! The HTML reader on arbitrary bytes: never a panic, whatever the markup.
#![no_main]

use corroborate_model::RawDocument;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"<html>".to_vec();
    bytes.extend_from_slice(data);
    let doc = RawDocument { origin: "fuzz.html".into(), bytes, declared_charset: None };
    let _ = corroborate_ingest::read_pages(&doc);
});
