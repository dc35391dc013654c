"""Scores the stories of a store made by `corroborate bench --keep-db` against
the events the benchmark generated.

The generator writes article `i` with the URL `.../news/{i}`; articles come in
blocks of 50 events × 8 versions, so article `i` reports event
`(i // 400) * 50 + (i % 400) % 50` (see `variant` in crates/cli/src/bench.rs).
Events of one template share their wording but not their names, numbers or
every third word, and some fall on the same day: a test of precision for the
clusterer, which the throughput figures do not give.

usage: python3 bench/bench_events.py STORE.db [STORE.db ...]
"""

import sqlite3
import sys
from collections import defaultdict

ARTICLES_PER_EVENT = 8
EVENTS_PER_BLOCK = 50


def event_of(url):
    i = int(url.rsplit("/", 1)[1])
    block, position = divmod(i, EVENTS_PER_BLOCK * ARTICLES_PER_EVENT)
    return block * EVENTS_PER_BLOCK + position % EVENTS_PER_BLOCK


def b_cubed(pairs):
    """B-cubed precision, recall and F1 of (event, story) pairs."""
    events, stories = defaultdict(list), defaultdict(list)
    for n, (event, story) in enumerate(pairs):
        events[event].append(n)
        stories[story].append(n)
    event_sets = {e: set(v) for e, v in events.items()}
    story_sets = {s: set(v) for s, v in stories.items()}
    precision = recall = 0.0
    for event, story in pairs:
        both = len(event_sets[event] & story_sets[story])
        precision += both / len(story_sets[story])
        recall += both / len(event_sets[event])
    precision, recall = precision / len(pairs), recall / len(pairs)
    return precision, recall, 2 * precision * recall / (precision + recall), len(stories), len(events)


def main():
    for path in sys.argv[1:]:
        rows = sqlite3.connect(path).execute("SELECT url, story FROM articles").fetchall()
        pairs = [(event_of(url), story) for url, story in rows]
        p, r, f1, stories, events = b_cubed(pairs)
        print(f"{path}: {len(pairs)} articles, {events} events, {stories} stories, "
              f"B-cubed P {p:.4f} R {r:.4f} F1 {f1:.4f}")


if __name__ == "__main__":
    main()
