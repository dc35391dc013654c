"""Times the query an ingest call ends with to find the stories whose digest
is stale (`engine::digests`, `store::digests::STALE`) on a store, with the
partial index `stories_stale` that schema version 6 adds and without it.

The index is dropped inside a transaction that is rolled back, so the store
is left as it was. The query is run three times each way; the first run of
the first way may read the store's pages from the disk.

usage: python3 bench/stale_digests.py STORE.db
"""

import sqlite3
import sys
import time

STALE = ("SELECT id FROM stories WHERE article_count > 0 "
         "AND digest_articles <> article_count ORDER BY id")


def timed(conn):
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        stale = len(conn.execute(STALE).fetchall())
        runs.append(time.perf_counter() - started)
    plan = " / ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + STALE))
    return stale, runs, plan


def main(path):
    # Statements are prepared again each time, so that each way is planned afresh.
    conn = sqlite3.connect(path, isolation_level=None, cached_statements=0)
    stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    print(f"{path}: {stories} stories")
    for label in ("with the index", "without it"):
        if label == "without it":
            conn.execute("BEGIN")
            conn.execute("DROP INDEX IF EXISTS stories_stale")
        stale, runs, plan = timed(conn)
        times = ", ".join(f"{t * 1000:.2f} ms" for t in runs)
        print(f"{label}: {stale} stale; {times} ({plan})")
    conn.execute("ROLLBACK")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
