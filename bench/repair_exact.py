"""How many damaged texts a repair tool gave back exactly as they were
written, and how many clean texts it left unchanged.

usage: repair_exact.py CLEAN.jsonl DAMAGED-REPAIRED.jsonl CLEAN-REPAIRED.jsonl

The files hold one JSON string per line, in the same order: the inputs that
make_inputs.py writes (clean.jsonl) and a tool's output for damaged.jsonl and
for clean.jsonl. Texts that make_inputs.py left undamaged count among the
damaged ones too, so the first figure is over all texts.
"""

import json
import sys


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    clean, repaired, kept = (lines(p) for p in sys.argv[1:4])
    exact = sum(a == b for a, b in zip(clean, repaired))
    unchanged = sum(a == b for a, b in zip(clean, kept))
    print(f"damaged texts repaired exactly: {exact}/{len(clean)}; clean texts unchanged: {unchanged}/{len(clean)}")


if __name__ == "__main__":
    main()
