//! Repair of hostile input: invalid bytes, lone surrogates, huge lines.

use corroborate_text::repair;

/// Checks that the repairs replay to the output and a second repair is a no-op.
fn consistent(input: &str) -> String {
    let r = repair(input);
    let mut replayed = String::new();
    let mut pos = 0;
    for rep in &r.repairs {
        replayed.push_str(&input[pos..rep.before_span.start]);
        replayed.push_str(&rep.after);
        pos = rep.before_span.end;
    }
    replayed.push_str(&input[pos..]);
    assert_eq!(replayed, r.text);
    assert_eq!(repair(&r.text).text, r.text);
    r.text
}

#[test]
fn invalid_bytes_decoded_leniently_are_handled() {
    let bytes: Vec<u8> =
        (0..=255u8).chain([0xC3, 0x28, 0xE2, 0x82, 0xF0, 0x9F, 0x98, 0xED, 0xA0, 0x80]).collect();
    let text = String::from_utf8_lossy(&bytes);
    consistent(&text);
}

#[test]
fn lone_surrogates_stay_as_found() {
    // A JSON `\ud83d` without its pair reaches the text as U+FFFD; its
    // mojibake (an encoded lone surrogate) has nothing to decode to.
    assert_eq!(consistent("emoji \u{FFFD} here"), "emoji \u{FFFD} here");
    assert_eq!(consistent("Hi í\u{a0}½ there"), "Hi í ½ there");
    assert_eq!(consistent("Hi í¸\u{8d}í\u{a0}½"), "Hi í¸í ½");
}

#[test]
#[ignore = "large input; run with --ignored"]
fn a_100_megabyte_line_is_repaired() {
    let unit = "The cityâ€™s mayor said âWe will stay,â and left &amp; cafÃ© Ã©tÃ©  x ";
    let input = unit.repeat(100_000_000 / unit.len());
    let text = consistent(&input);
    assert!(text.starts_with("The city’s mayor said “We will stay,” and left & café été x The"));
    assert!(text.len() < input.len());
}
