#!/usr/bin/env bash
# Installs the English word list used by the spelling flag of text-quality
# checks: the list that the wordfreq package (PyPI) ships, most frequent word
# first, lowercase ASCII words, into ~/.local/share/corroborate/words-en.txt
# (or the path given as the first argument). Without it the spelling flag is
# simply off. The list's data is wordfreq's (CC BY-SA 4.0); it is not part of
# this project.
set -euo pipefail
target=${1:-"$HOME/.local/share/corroborate/words-en.txt"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q wordfreq
mkdir -p "$(dirname "$target")"
"$work/venv/bin/python" - "$target" <<'PY'
import re, sys
from wordfreq import top_n_list
words = [w for w in top_n_list("en", 30000, wordlist="small") if re.fullmatch(r"[a-z]+", w)]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\n".join(words) + "\n")
print(f"{len(words)} words written to {sys.argv[1]}")
PY
