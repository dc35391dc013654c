#!/usr/bin/env bash
# How far one online pass of greedy lexical clustering can go on a gold event
# file, with whole-file document frequencies and thresholds and weights chosen
# on the gold labels (see docs/BENCHMARKS.md, "How far lexical similarity goes").
# Installs numpy and scikit-learn in a throwaway virtual environment.
#
# usage: bench/cluster_ceiling.sh [GOLD.jsonl [LABEL]]   (default: ../shared/data/ecbplus/dev.jsonl)
set -euo pipefail
cd "$(dirname "$0")/.."
gold=${1:-../shared/data/ecbplus/dev.jsonl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q numpy scikit-learn
"$work/venv/bin/python" bench/cluster_ceiling.py "$gold" "${2:-cluster}"
