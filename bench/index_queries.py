"""Times, on a SQLite store, two queries that schema versions added an index
for, with the index and without it, and how long the index takes to build:

- stale: the stories whose digest is stale, which every ingest call ends
  with (`store::digests::STALE`; index `stories_stale`, version 6);
- placements: every article's story, wire group and signature, read when
  the online indexes are restored (`store::sqlite::PLACEMENTS`; index
  `articles_placement`, version 7).

Each index is dropped and built again inside a transaction that is rolled
back, so the store is left as it was. Each query is run three times each
way; with --cold the page cache is dropped before the first run of each way
(this needs the right to write /proc/sys/vm/drop_caches).

usage: python3 bench/index_queries.py STORE.db [--cold]
"""

import sqlite3
import subprocess
import sys
import time

QUERIES = {
    "stale": ("stories_stale",
              "SELECT id FROM stories WHERE article_count > 0 "
              "AND digest_articles <> article_count ORDER BY id"),
    "placements": ("articles_placement",
                   "SELECT id, story, wire_group, signature FROM articles ORDER BY seq"),
}


def drop_page_cache():
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("1\n")


def timed(conn, sql, cold):
    runs = []
    for i in range(3):
        if cold and i == 0:
            drop_page_cache()
        started = time.perf_counter()
        rows = sum(1 for _ in conn.execute(sql))
        runs.append(time.perf_counter() - started)
    plan = " / ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
    return rows, runs, plan


def main(path, cold):
    # Statements are prepared again each time, so that each way is planned afresh.
    conn = sqlite3.connect(path, isolation_level=None, cached_statements=0)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    print(f"{path}: {articles} articles, {stories} stories")
    for name, (index, sql) in QUERIES.items():
        create = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (index,)).fetchone()
        if create is None:
            print(f"{name}: the store has no index {index} (schema too old?)")
            continue
        for label in ("with the index", "without it"):
            if label == "without it":
                conn.execute("BEGIN")
                conn.execute(f"DROP INDEX {index}")
            rows, runs, plan = timed(conn, sql, cold)
            times = ", ".join(f"{t * 1000:.2f} ms" for t in runs)
            print(f"{name}, {label}: {rows} rows; {times} ({plan})")
        started = time.perf_counter()
        conn.execute(create[0])
        print(f"{name}: building {index} took {time.perf_counter() - started:.2f} s")
        conn.execute("ROLLBACK")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--cold"]
    if len(args) != 1:
        sys.exit(__doc__)
    main(args[0], "--cold" in sys.argv[1:])
