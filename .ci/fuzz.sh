#!/usr/bin/env bash
# Fuzzes text repair (fuzz/fuzz_targets/repair.rs) for a while; exits non-zero
# on a crash, leaving the input that caused it under fuzz/artifacts/repair/.
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on stable.
#
# usage: .ci/fuzz.sh [SECONDS]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
cargo fuzz run repair --fuzz-dir fuzz -- -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048
