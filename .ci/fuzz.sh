#!/usr/bin/env bash
# Fuzzes every target under fuzz/fuzz_targets (text repair, the HTML reader,
# the feed reader, the WARC reader) for a while each; exits non-zero on the
# first crash, leaving the input that caused it under fuzz/artifacts/TARGET/.
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on stable.
#
# usage: .ci/fuzz.sh [SECONDS] [TARGET...]   (default: 60 seconds, spent on
#        text repair, whose input space is largest, plus 20 on each reader)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
run() {
    cargo fuzz run "$1" --fuzz-dir fuzz -- -max_total_time="$2" -max_len=65536 -timeout=10 -rss_limit_mb=2048
}
if [ "$#" -gt 0 ]; then
    for target in "$@"; do run "$target" "$seconds"; done
else
    run repair "$seconds"
    for target in html feed warc; do run "$target" 20; done
fi
