use std::io::Write;
use std::path::PathBuf;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::{draft, error, flag_messages, raw};
use corroborate_model::FlagKind;

use crate::{discover, load, read, source};

const ARTICLE: &str = "Library reopens after flood repairs\n\n\
    The central library in Aldmoor reopened on Monday after six months of repairs.\n\n\
    Visitors queued before the doors opened at nine.\n";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn gzip_is_found_by_magic_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.txt");
    std::fs::write(&path, gzip(ARTICLE.as_bytes())).unwrap();
    let doc = load(&path).unwrap();
    assert_eq!(doc.bytes, ARTICLE.as_bytes());
    assert_eq!(doc.origin, path.to_string_lossy());
    let d = draft("library.txt.gz", &gzip(ARTICLE.as_bytes()));
    assert_eq!(d.title.as_deref(), Some("Library reopens after flood repairs"));
}

#[test]
fn truncated_and_corrupt_gzip() {
    let packed = gzip(ARTICLE.as_bytes());
    let e = error("cut.txt.gz", &packed[..packed.len() / 2]);
    assert_eq!(e.to_string(), "cut.txt.gz: truncated gzip stream");
    let mut corrupt = packed.clone();
    corrupt[12..20].copy_from_slice(&[0xff; 8]);
    let e = error("bad.gz", &corrupt);
    assert!(e.reason.starts_with("corrupt gzip data: "), "{e}");
}

#[test]
fn a_gzipped_dump_cut_short_keeps_the_records_before_the_cut() {
    let lines: String = (1..=50)
        .map(|i| format!("{{\"title\": \"Report {i}\", \"text\": \"Ferry {i} sailed on time.\"}}\n"))
        .collect();
    let packed = gzip(lines.as_bytes());
    let cut = &packed[..packed.len() - 40];
    let results = read(&raw("dump.jsonl.gz", cut));
    let stored: Vec<&str> =
        results.iter().filter_map(|r| r.as_ref().ok()).map(|d| d.origin.as_str()).collect();
    assert!((40..50).contains(&stored.len()), "{results:?}");
    assert_eq!(stored[0], "dump.jsonl.gz:1");
    let errors: Vec<String> =
        results.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
    assert_eq!(
        errors,
        ["dump.jsonl.gz: truncated gzip stream: the records of the lines before the cut are read"]
    );
    // Every line before the cut is read whole: no record is cut in two.
    let last: usize = stored.last().unwrap().rsplit(':').next().unwrap().parse().unwrap();
    assert_eq!(last, stored.len());
}

#[test]
fn size_limits_apply_to_files_and_to_decompressed_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "word ".repeat(1000)).unwrap();
    let e = source::load(&big, 1024).unwrap_err();
    assert!(e.reason.starts_with("too large: ") && e.reason.contains("(limit "), "{e}");
    let bomb = dir.path().join("bomb.txt");
    std::fs::write(&bomb, gzip(&vec![b'a'; 100_000])).unwrap();
    let e = source::load(&bomb, 4096).unwrap_err();
    assert!(e.reason.contains("after decompression"), "{e}");
    assert!(source::load(&big, 1 << 20).is_ok());
}

#[test]
fn empty_and_binary_content() {
    assert_eq!(error("empty.txt", b"").reason, "empty file");
    assert_eq!(error("blank.txt", b"  \n\n ").reason, "empty file");
    assert_eq!(error("empty.gz", &gzip(b"")).reason, "empty file");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    assert_eq!(error("photo.txt", png).to_string(), "photo.txt: binary content, not text");
    let controls: Vec<u8> = (0..200).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
    assert_eq!(error("noise.txt", &controls).reason, "binary content, not text");
}

/// `n` bytes of noise, the same for a seed (a xorshift generator).
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_after_a_utf16_bom_or_past_the_first_8_kib() {
    let mut png = b"\xFF\xFE\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(noise(3000, 7));
    assert_eq!(error("chart.txt", &png).reason, "binary content, not text");
    let mut spliced = "The ferry to Velm ran late all week.\n".repeat(250).into_bytes();
    assert!(spliced.len() > 9000);
    spliced.extend(noise(5 * 1024, 11));
    assert_eq!(error("ferry.txt", &spliced).reason, "binary content, not text");
    // Long UTF-16 text, in either byte order, is still text throughout.
    let text =
        format!("Ferry timetable\n\n{}", "The ferry to Velm runs at nine, noon and six. ".repeat(2000));
    let mut le = vec![0xff, 0xfe];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [le, be] {
        assert!(bytes.len() > 100_000);
        assert_eq!(draft("ferry.txt", &bytes).title.as_deref(), Some("Ferry timetable"));
    }
}

#[test]
fn stray_bytes_in_ascii_text_are_replaced_not_read_as_a_code_page() {
    let d = draft(
        "storm.txt",
        b"Storm reaches Velm\n\nThe storm \xff\xfe hit Velm on Sunday \xc3\x28 and the river rose.",
    );
    assert_eq!(d.body, "The storm \u{fffd}\u{fffd} hit Velm on Sunday \u{fffd}( and the river rose.");
    assert!(flag_messages(&d, FlagKind::LegacyEncoding).is_empty(), "{:?}", d.flags);
    assert_eq!(flag_messages(&d, FlagKind::InvalidBytes), ["3 invalid byte sequence(s) replaced"]);
    // Words of a code page are still read as such.
    let cp1251 = b"\xd8\xf2\xee\xf0\xec \xed\xe0\xe4 \xc2\xe5\xeb\xfc\xec\xee\xec\n\n\xd8\xf2\xee\xf0\xec \xef\xf0\xee\xf8\xb8\xeb \xed\xe0\xe4 \xe3\xee\xf0\xee\xe4\xee\xec \xe2 \xe2\xee\xf1\xea\xf0\xe5\xf1\xe5\xed\xfc\xe5.";
    let d = draft("storm-ru.txt", cp1251);
    assert_eq!(d.title.as_deref(), Some("Шторм над Вельмом"));
    assert_eq!(d.body, "Шторм прошёл над городом в воскресенье.");
    assert_eq!(flag_messages(&d, FlagKind::LegacyEncoding), ["decoded as windows-1251"]);
}

#[test]
fn windows_1252_text_is_decoded_and_flagged() {
    let bytes = b"Caf\xe9 owners protest rent rise\n\nThe owner of the caf\xe9 said the \x93new rent\x94 was too high.\n";
    let d = draft("cafe.txt", bytes);
    assert_eq!(d.title.as_deref(), Some("Café owners protest rent rise"));
    assert_eq!(d.body, "The owner of the café said the \u{201c}new rent\u{201d} was too high.");
    assert_eq!(flag_messages(&d, FlagKind::LegacyEncoding), ["decoded as windows-1252"]);
    let d = draft("short.txt", b"caf\xe9 \x93quoted\x94");
    assert_eq!(d.body, "café \u{201c}quoted\u{201d}");
    let latin1 = b"Gr\xfc\xdfe aus K\xf6ln\n\nDie Stra\xdfe am Rhein\xfcfer bleibt gesperrt.";
    let d = draft("koeln.txt", latin1);
    assert_eq!(d.title.as_deref(), Some("Grüße aus Köln"));
    assert_eq!(d.body, "Die Straße am Rheinüfer bleibt gesperrt.");
}

#[test]
fn utf8_needs_no_flag_and_boms_are_honoured() {
    let d = draft("a.txt", "Café reopens\n\nIt serves crêpes again.".as_bytes());
    assert!(d.flags.is_empty(), "{:?}", d.flags);
    let d = draft("b.txt", "\u{feff}Café reopens\n\nIt serves crêpes again.".as_bytes());
    assert_eq!(d.title.as_deref(), Some("Café reopens"));
    assert!(d.flags.is_empty());
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend("Café reopens\n\nIt serves crêpes again.".encode_utf16().flat_map(u16::to_le_bytes));
    let d = draft("c.txt", &utf16);
    assert_eq!(d.body, "It serves crêpes again.");
    assert_eq!(flag_messages(&d, FlagKind::LegacyEncoding), ["decoded as UTF-16LE"]);
}

#[test]
fn html_meta_charset_and_declared_charset() {
    let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">\
        </head><body><article><p>Prix: 5 \xa4 le caf\xe9.</p></article></body></html>";
    let d = draft("page", page);
    assert_eq!(d.body, "Prix: 5 € le café.");
    assert_eq!(flag_messages(&d, FlagKind::LegacyEncoding), ["decoded as ISO-8859-15"]);

    let mut doc = raw("feed-item", b"Prix\n\n5 \xa4 le caf\xe9.");
    doc.declared_charset = Some("iso-8859-15".to_string());
    let d = read(&doc).remove(0).unwrap();
    assert_eq!(d.body, "5 € le café.");
}

#[test]
fn sniffing_ignores_lying_extensions() {
    let html =
        b"<!DOCTYPE html><html><body><article><p>Rain is expected all week.</p></article></body></html>";
    assert_eq!(draft("story.txt", html).body, "Rain is expected all week.");
    assert_eq!(draft("story.json", html).body, "Rain is expected all week.");
    let json = br#"{"title": "Rain all week", "text": "Rain is expected all week."}"#;
    assert_eq!(draft("story.html", json).title.as_deref(), Some("Rain all week"));
    assert_eq!(draft("story", json).title.as_deref(), Some("Rain all week"));
    let text = b"Rain all week\n\nRain is expected all week.";
    assert_eq!(draft("story.json", text).title.as_deref(), Some("Rain all week"));
    // A text file whose first line merely starts with a bracket stays text.
    let bracketed = b"[Updated] Rain all week\n\nRain is expected all week.";
    assert_eq!(draft("story.txt", bracketed).title.as_deref(), Some("[Updated] Rain all week"));
}

#[test]
fn discover_walks_folders_in_order_and_skips_hidden_files_notes_and_other_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/inner")).unwrap();
    std::fs::create_dir_all(root.join(".cache")).unwrap();
    for name in [
        "b/inner/z.txt",
        "b/inner/z.ann",
        "b/a.json",
        "a.txt",
        ".hidden.txt",
        ".cache/x.txt",
        "c.html",
        "README.md",
        "b/LICENSE",
        "metadata.tsv",
        "photo.JPG",
        "rows.csv.gz",
        "no-extension",
        "store.db-wal",
        "store.db-lock",
    ] {
        std::fs::write(root.join(name), ARTICLE).unwrap();
    }
    let missing = root.join("missing.txt");
    let found = discover(&[root.to_path_buf(), missing.clone(), PathBuf::from("-")]);
    let relative = |p: &PathBuf| p.strip_prefix(root).unwrap_or(p).to_string_lossy().into_owned();
    let names: Vec<String> = found
        .files
        .iter()
        .map(|r| match r {
            Ok(p) => relative(p),
            Err(e) => format!("error {}", e.reason),
        })
        .collect();
    assert_eq!(
        names,
        [
            "a.txt",
            "b/a.json",
            "b/inner/z.txt",
            "c.html",
            "no-extension",
            "error no such file or directory",
            "-"
        ]
    );
    assert_eq!(found.files[5].as_ref().unwrap_err().origin, missing.to_string_lossy());
    let skipped: Vec<String> = found.skipped.iter().map(relative).collect();
    assert_eq!(
        skipped,
        ["b/inner/z.ann", "metadata.tsv", "photo.JPG", "rows.csv.gz", "store.db-lock", "store.db-wal"]
    );
    // Named on the command line, a note or an annotation is read like any other file.
    for name in ["README.md", "b/inner/z.ann"] {
        let path = root.join(name);
        let found = discover(std::slice::from_ref(&path));
        assert_eq!(found.files[0].as_ref().unwrap(), &path);
        assert!(found.skipped.is_empty());
    }
}

#[test]
fn load_reports_missing_files() {
    let e = load(std::path::Path::new("/nonexistent/article.txt")).unwrap_err();
    assert_eq!(e.to_string(), "/nonexistent/article.txt: no such file or directory");
}
