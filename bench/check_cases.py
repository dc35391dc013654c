"""Counts the ftfy cases a tool's output gets right.

usage: check_cases.py EXPECTED.jsonl OUTPUT.jsonl

A result is right when it equals one of the accepted results after folding
curly quotes to straight ones, dropping control characters and collapsing
whitespace, as in crates/text/tests/ftfy_cases.rs.
"""

import json
import sys
import unicodedata

QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def fold(text):
    kept = "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc")
    return " ".join(kept.translate(QUOTES).split())


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        expected = [json.loads(line) for line in f]
    with open(sys.argv[2], encoding="utf-8") as f:
        got = [json.loads(line) for line in f]
    right = sum(1 for e, g in zip(expected, got) if fold(g) in {fold(x) for x in e})
    print(f"{right}/{len(expected)}")


if __name__ == "__main__":
    main()
