"""Throughput of ftfy.fix_text, in the format of repair_throughput.

usage: ftfy_throughput.py INPUT.jsonl [OUTPUT.jsonl]
"""

import json
import sys
import time

import ftfy


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    size = sum(len(d.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    fixed = [ftfy.fix_text(d) for d in docs]
    secs = time.perf_counter() - start
    print(f"{size} bytes, {secs:.3f} s, {size / secs / 1e6:.1f} MB/s")
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            for d in fixed:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
