//! Throughput of the wire-copy stage alone: for each text of a JSONL file
//! (`{"text": ...}` per line), compute its MinHash signature, query the LSH
//! index for copies, and insert it. Prints one JSON line with the figures.
//!
//! Used by `bench/dedup.sh` to compare with datasketch and rensa on the same texts.

use corroborate_dedup::{signature, LshIndex, COPY_THRESHOLD, SIGNATURE_LEN};
use std::io::BufRead;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: dedup_throughput FILE.jsonl");
    let file = std::fs::File::open(&path).expect("open input");
    let texts: Vec<String> = std::io::BufReader::new(file)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.expect("read line")).expect("JSON line");
            v["text"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    let started = Instant::now();
    let mut index = LshIndex::new();
    let mut with_copy = 0usize;
    for (i, text) in texts.iter().enumerate() {
        let sig = signature(text);
        if !index.query(&sig, COPY_THRESHOLD).is_empty() {
            with_copy += 1;
        }
        index.insert(i, sig);
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({
            "system": "corroborate",
            "num_perm": SIGNATURE_LEN,
            "docs": texts.len(),
            "seconds": seconds,
            "docs_per_second": texts.len() as f64 / seconds,
            "docs_with_copy": with_copy,
        })
    );
}
