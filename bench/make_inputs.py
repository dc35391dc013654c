"""Builds the inputs of bench/repair.sh in a scratch folder.

usage: make_inputs.py SHARED_DATA OUT_DIR [MEGABYTES]

Writes, one JSON string per line:
  cases.jsonl     the originals of ftfy's test cases marked "pass"
                  (in-the-wild, synthetic, language-names, negative), with
                  cases-expected.jsonl holding the accepted results of each;
  clean.jsonl     news texts (ECB+ dev, PolNeAR) with typographic quotes and
                  dashes, repeated to MEGABYTES (default 50);
  damaged.jsonl   the same texts, with damage injected into most of them:
                  UTF-8 read as Windows-1252 once or twice, continuation bytes
                  lost (a lone `â`), HTML character references.
OUT_DIR is made if missing; nothing is written outside it.
"""

import glob
import html
import json
import os
import random
import re
import sys


def sloppy_1252(text):
    """UTF-8 bytes decoded as Windows-1252, undefined bytes as Latin-1."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def typographic(text):
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)
    text = re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", text)
    return text.replace(" - ", " \u2014 ")


def lossy(text):
    return re.sub("[\u2018\u2019\u201c\u201d\u2014]", "\u00e2", text)


def entities(text):
    return html.escape(text, quote=True).replace("\u2019", "&#8217;")


def damage(text, rng):
    roll = rng.random()
    if roll < 0.4:
        return text
    if roll < 0.65:
        return sloppy_1252(text)
    if roll < 0.8:
        return lossy(text)
    if roll < 0.9:
        return entities(text)
    return sloppy_1252(sloppy_1252(text))


def texts(shared):
    with open(os.path.join(shared, "ecbplus", "dev.jsonl"), encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)["text"]
    for path in sorted(glob.glob(os.path.join(shared, "polnear", "*", "text", "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            yield f.read()


def write_jsonl(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def main():
    shared, out = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3] if len(sys.argv) > 3 else 50) * 1_000_000
    os.makedirs(out, exist_ok=True)
    cases, expected = [], []
    for name in ["in-the-wild", "synthetic", "language-names", "negative"]:
        with open(os.path.join(shared, "ftfy-cases", name + ".json"), encoding="utf-8") as f:
            for c in json.load(f):
                if c.get("expect") == "pass":
                    cases.append(c["original"])
                    expected.append([c[k] for k in ("fixed-encoding", "fixed") if k in c])
    write_jsonl(os.path.join(out, "cases.jsonl"), cases)
    write_jsonl(os.path.join(out, "cases-expected.jsonl"), expected)
    base = [typographic(t) for t in texts(shared) if t.strip()]
    rng = random.Random(7)
    clean, damaged, size = [], [], 0
    while size < limit:
        for t in base:
            clean.append(t)
            damaged.append(damage(t, rng))
            size += len(damaged[-1].encode("utf-8"))
            if size >= limit:
                break
    write_jsonl(os.path.join(out, "clean.jsonl"), clean)
    write_jsonl(os.path.join(out, "damaged.jsonl"), damaged)


if __name__ == "__main__":
    main()
