//! `corroborate eval quotes` on a small PolNeAR-shaped folder written by the
//! test: one article with a direct quote after a non-ASCII name (so character
//! and byte offsets differ) and an indirect statement, one article without
//! attributions, and an article of another split that must be ignored.

mod common;

use common::{bin, stderr};
use serde_json::Value;
use std::path::Path;

const FIRST: &str = "Marta Kovač, the port’s director, spoke on Monday. \
“We will reopen the harbour by Friday,” Kovač said. \
She said that the repairs would cost about 30 million euros.";

/// A brat line for `part`, found inside `context`, with character offsets.
fn line(id: &str, kind: &str, context: &str, part: &str) -> String {
    let from = FIRST.find(context).unwrap();
    let at = from + FIRST[from..].find(part).unwrap();
    let start = FIRST[..at].chars().count();
    format!("{id}\t{kind} {start} {}\t{part}\n", start + part.chars().count())
}

fn write_corpus(dir: &Path) {
    for split in ["dev", "train"] {
        std::fs::create_dir_all(dir.join(split).join("text")).unwrap();
        std::fs::create_dir_all(dir.join(split).join("attributions")).unwrap();
    }
    std::fs::write(
        dir.join("metadata.tsv"),
        "compartment\tfilename\tlevel\tannotators\tpublisher\n\
         dev\tcourier_one\tNone\taa11\tcourier\n\
         dev\tcourier_two\tNone\tbb22|aa11\tcourier\n\
         train\tcourier_three\tNone\taa11\tcourier\n",
    )
    .unwrap();
    let ann = [
        line("T1", "Source", "Kovač said", "Kovač"),
        line("T2", "Cue", "Kovač said", "said"),
        line("T3", "Content", "“We", "“We will reopen the harbour by Friday,”"),
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n".to_string(),
        line("T4", "Source", "She said", "She"),
        line("T5", "Cue", "She said", "said"),
        line("T6", "Content", "that the", "that the repairs would cost about 30 million euros"),
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n".to_string(),
    ];
    std::fs::write(dir.join("dev/text/courier_one.txt"), FIRST).unwrap();
    std::fs::write(dir.join("dev/attributions/courier_one_aa11.ann"), ann.concat()).unwrap();
    let second = "Nothing new was known about the strike in the harbour on Tuesday.";
    std::fs::write(dir.join("dev/text/courier_two.txt"), second).unwrap();
    std::fs::write(dir.join("dev/attributions/courier_two_aa11.ann"), "").unwrap();
    std::fs::write(dir.join("train/text/courier_three.txt"), FIRST).unwrap();
    std::fs::write(dir.join("train/attributions/courier_three_aa11.ann"), "").unwrap();
}

fn report(dir: &Path, split: &str) -> Value {
    let o = bin()
        .args(["eval", "quotes", "--json", "--split", split, "--dir"])
        .arg(dir)
        .output()
        .expect("run corroborate");
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("JSON report")
}

#[test]
fn direct_and_indirect_attributions_are_found_and_scored() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let r = report(dir.path(), "dev");
    assert_eq!(r["articles"], 2);
    for kind in ["direct", "indirect"] {
        let s = &r["scores"][kind]["exact"];
        assert_eq!(s["gold"], 1, "{kind}");
        assert_eq!(s["predicted"], 1, "{kind}");
        assert_eq!(s["content"]["f1"], 1.0, "{kind}: {s}");
        assert_eq!(s["cue"]["f1"], 1.0, "{kind}: {s}");
        assert_eq!(s["speaker_accuracy"], 1.0, "{kind}: {s}");
    }
    assert_eq!(r["scores"]["all"]["overlap"]["gold"], 2);
}

#[test]
fn other_splits_and_missing_folders_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let train = report(dir.path(), "train");
    assert_eq!(train["articles"], 1);
    assert_eq!(train["scores"]["all"]["exact"]["gold"], 0);
    assert_eq!(train["scores"]["all"]["exact"]["predicted"], 2, "the article has two attributions");
    let o = bin().args(["eval", "quotes", "--split", "test", "--dir"]).arg(dir.path()).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no annotated article"), "{}", stderr(&o));
}
