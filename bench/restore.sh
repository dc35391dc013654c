#!/usr/bin/env bash
# Times what a small `ingest` call pays on a large store: placing one new
# article first restores the online indexes (every story's profile, every
# article's placement and signature). Each round stores one new article,
# so the store grows by ROUNDS articles: run it on a copy. With COLD=1 (and
# the right to write /proc/sys/vm/drop_caches) the page cache is dropped
# before each round, as for a store no process has read for a while.
#
# usage: bash bench/restore.sh STORE [ROUNDS]   (from the checkout, after
#        cargo build --release -p corroborate)
set -euo pipefail
store=$1
rounds=${2:-3}
bin=${CORROBORATE_BIN:-./target/release/corroborate}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for round in $(seq 1 "$rounds"); do
  file="$dir/restore-$round-$$.jsonl"
  printf '{"id":"restore-%s-%s","title":"Harbour board approves timetable %s","text":"The harbour board on Tuesday approved timetable number %s for the island ferry, adding %s evening crossings from March. The board chair said operators had asked for them since spring."}\n' \
    "$$" "$round" "$$-$round" "$$-$round" "$round" > "$file"
  if [ "${COLD:-0}" = 1 ]; then
    sync
    echo 1 > /proc/sys/vm/drop_caches
  fi
  /usr/bin/time -f "round $round: %e s wall, %U s user, %S s system, %M KB peak" \
    "$bin" --db "$store" ingest "$file" 2>&1 >/dev/null | tail -1
done
