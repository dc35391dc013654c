//! The WARC reader on arbitrary bytes: never a panic, memory bounded by the
//! record limit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    corroborate_ingest::read_warc_from("fuzz.warc", data, |_| {});
});
