"""Wire-copy stage of datasketch and rensa on the texts of a JSONL file.

For each text: 5-word shingles of lowercased words, a MinHash signature with
128 permutations, an LSH query at Jaccard 0.5, then an insert -- the same work
as corroborate's dedup_throughput example. Prints one JSON line per system.
"""
import json
import re
import sys
import time

WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text):
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < 5:
        return [" ".join(words)] if words else []
    return [" ".join(words[i:i + 5]) for i in range(len(words) - 4)]


def run_datasketch(texts):
    from datasketch import MinHash, MinHashLSH
    started = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    with_copy = 0
    for i, text in enumerate(texts):
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        if lsh.query(m):
            with_copy += 1
        lsh.insert(str(i), m)
    return time.perf_counter() - started, with_copy


def run_rensa(texts):
    from rensa import RMinHash, RMinHashLSH
    started = time.perf_counter()
    lsh = RMinHashLSH(threshold=0.5, num_perm=128, num_bands=32)
    with_copy = 0
    for i, text in enumerate(texts):
        m = RMinHash(num_perm=128, seed=42)
        m.update(shingles(text))
        if lsh.query(m):
            with_copy += 1
        lsh.insert(i, m)
    return time.perf_counter() - started, with_copy


def main():
    texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
    for name, run in (("datasketch", run_datasketch), ("rensa", run_rensa)):
        try:
            seconds, with_copy = run(texts)
        except Exception as e:  # a library whose API changed is reported, not fatal
            print(json.dumps({"system": name, "error": repr(e)}))
            continue
        print(json.dumps({"system": name, "num_perm": 128, "docs": len(texts), "seconds": seconds,
                          "docs_per_second": len(texts) / seconds, "docs_with_copy": with_copy}))


if __name__ == "__main__":
    main()
