//! Fuzz target: `repair` on arbitrary bytes (decoded leniently, as readers
//! do) never panics, keeps its repairs consistent with its output, and is
//! idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let once = corroborate_text::repair(&input);
    for r in &once.repairs {
        assert_eq!(&input[r.before_span.start..r.before_span.end], r.before);
        assert_eq!(&once.text[r.after_span.start..r.after_span.end], r.after);
    }
    let twice = corroborate_text::repair(&once.text);
    assert_eq!(twice.text, once.text, "repair is not idempotent");
});
