#!/usr/bin/env bash
# Throughput of `corroborate worker` with 1, 2 and 4 workers against one
# PostgreSQL on this machine, the cost of the PostgreSQL store against SQLite
# for one process, and the serialised fraction (story assignment) that bounds
# how far more machines help (Amdahl).
#
# Starts a throwaway PostgreSQL server with .ci/postgres.sh, generates a corpus
# of ARTICLES articles (`corroborate bench --keep-corpus`), and for each run
# uses a fresh database: enqueue everything, start the workers, wait until
# they have all exited with the queue empty.
#
# Usage: bench/workers.sh [ARTICLES]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-20000}

if [ -z "${CORROBORATE_TEST_POSTGRES:-}" ]; then
    exec bash .ci/postgres.sh bash "$0" "$@"
fi

cargo build --release -q -p corroborate
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/corroborate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

"$bin" bench --articles "$articles" --keep-corpus "$work/corpus" > /dev/null
echo "corpus: $articles articles in $(ls "$work/corpus" | wc -l) files"

base=${CORROBORATE_TEST_POSTGRES%/*}
fresh() {
    psql -q "$CORROBORATE_TEST_POSTGRES" -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" > /dev/null
    echo "$base/$1"
}
seconds() { python3 -c "import time; print(time.time())"; }
# A fingerprint of the partition of articles into stories (story ids aside).
partition() {
    psql -At "$1" -c "SELECT md5(string_agg(members, '|' ORDER BY members)) FROM
        (SELECT string_agg(id, ',' ORDER BY id) AS members FROM articles GROUP BY story) s"
}

start=$(seconds)
"$bin" --db "$work/one.db" ingest "$work/corpus" > /dev/null
sqlite=$(python3 -c "print($(seconds) - $start)")
db=$(fresh single)
start=$(seconds)
"$bin" --db "$db" ingest "$work/corpus" > /dev/null
postgres=$(python3 -c "print($(seconds) - $start)")
single=$(partition "$db")
python3 -c "
n = $articles
print(f'one process, ingest: SQLite {n / $sqlite:,.0f} articles/s, PostgreSQL {n / $postgres:,.0f} articles/s '
      f'({($postgres - $sqlite) / n * 1e3:.2f} ms more per article)')"

for workers in 1 2 4; do
    db=$(fresh "workers$workers")
    "$bin" --db "$db" worker --enqueue "$work/corpus" --only-enqueue > /dev/null
    start=$(seconds)
    pids=()
    for i in $(seq "$workers"); do
        "$bin" --db "$db" worker --exit-when-empty --json --name "w$i" > "$work/w$i.json" 2> /dev/null &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    elapsed=$(python3 -c "print($(seconds) - $start)")
    if [ "$(partition "$db")" = "$single" ]; then same=yes; else same=no; fi
    python3 - "$work" "$workers" "$elapsed" "$articles" "$same" <<'PY'
import json, sys
work, workers, elapsed, n, same = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
reports = [json.load(open(f"{work}/w{i}.json")) for i in range(1, workers + 1)]
stored = sum(r["stored"] for r in reports)
assign = sum(r.get("assign_seconds", 0.0) for r in reports)
print(f"{workers} worker(s): {n / elapsed:,.0f} articles/s ({elapsed:.1f} s), {stored} stored, "
      f"serialised assignment {assign:.1f} s = {assign / elapsed:.0%} of the run, "
      f"{n / assign if assign else float('inf'):,.0f} articles/s when alone; "
      f"same stories as one process: {same}")
PY
done
