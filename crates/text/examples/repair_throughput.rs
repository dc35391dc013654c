//! Throughput of `repair` on files of documents, one JSON string per line.
//!
//! `repair_throughput INPUT.jsonl [OUTPUT.jsonl]` repairs every document in
//! turn on one thread, prints the input size, the time spent in `repair` and
//! the throughput in MB/s (10^6 bytes of input per second; on standard error,
//! that of `quality_flags` on the repaired text), and writes the
//! repaired documents, one JSON string per line, to OUTPUT when given. Used by
//! `bench/repair.sh`.

use std::io::Write;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(input) = args.first() else {
        eprintln!("usage: repair_throughput INPUT.jsonl [OUTPUT.jsonl]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(input).expect("readable input");
    let docs: Vec<String> =
        text.lines().map(|l| serde_json::from_str(l).expect("a JSON string per line")).collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut fixed = Vec::with_capacity(docs.len());
    let start = Instant::now();
    for doc in &docs {
        fixed.push(corroborate_text::repair(doc).text);
    }
    let secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let flags: usize = fixed.iter().map(|t| corroborate_text::quality_flags(t).len()).sum();
    let quality = start.elapsed().as_secs_f64();
    eprintln!("quality flags: {flags}, {:.1} MB/s", bytes as f64 / quality / 1e6);
    println!("{bytes} bytes, {secs:.3} s, {:.1} MB/s", bytes as f64 / secs / 1e6);
    if let Some(out) = args.get(1) {
        let mut f = std::io::BufWriter::new(std::fs::File::create(out).expect("writable output"));
        for doc in fixed {
            writeln!(f, "{}", serde_json::to_string(&doc).expect("a string")).expect("written");
        }
    }
}
