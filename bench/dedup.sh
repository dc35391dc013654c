#!/usr/bin/env bash
# Wire-copy stage (MinHash, 128 permutations, LSH at Jaccard 0.5) of
# corroborate beside datasketch and rensa, on the same texts, in one run.
# Texts: ECB+ and PolNeAR articles from ../shared/data, each in COPIES versions
# with small edits, so every version after the first finds copies.
# Usage: bench/dedup.sh [COPIES]
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-6}
data=../shared/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$data" "$copies" > "$work/texts.jsonl" <<'PY'
import glob, json, sys
data, copies = sys.argv[1], int(sys.argv[2])
texts = [json.loads(l)["text"] for l in open(f"{data}/ecbplus/dev.jsonl", encoding="utf-8")]
texts += [open(p, encoding="utf-8").read() for p in sorted(glob.glob(f"{data}/polnear/*/text/*.txt"))]
texts = [t for t in texts if len(t.split()) >= 40]
for c in range(copies):
    for t in texts:
        body = t if c % 2 == 0 else t + " An editor's note was added to this version."
        print(json.dumps({"text": f"Version {c}. {body}"}))
PY
echo "texts: $(wc -l < "$work/texts.jsonl"), $(du -h "$work/texts.jsonl" | cut -f1)"

cargo build --release -q -p corroborate-dedup --example dedup_throughput
taskset -c 0 "${CARGO_TARGET_DIR:-target}/release/examples/dedup_throughput" "$work/texts.jsonl"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q datasketch rensa
taskset -c 0 "$work/venv/bin/python" bench/dedup.py "$work/texts.jsonl"
"$work/venv/bin/pip" list 2>/dev/null | grep -iE '^(datasketch|rensa) '
