#!/usr/bin/env bash
# Load on the HTTP API and web UI of `corroborate serve`.
#
# Builds a store of ARTICLES generated articles (`corroborate bench --keep-db`),
# serves it on a free port of 127.0.0.1, and for SECONDS runs wrk with
# CONNECTIONS connections against what readers open most: the story list
# (HTML, pages 1-5), the stories API (pages 1-5), and the HTML page and brief
# JSON of the 100 stories with the latest activity. Meanwhile one client posts
# new articles to POST /api/articles in batches of 20 as fast as the server
# takes them: six kinds of local event in six towns, so they form a few dozen
# stories that grow while they are read. Prints wrk's requests per second, latency percentiles and
# errors, and checks that every posted article was stored.
#
# Usage: bench/load.sh [ARTICLES] [SECONDS] [CONNECTIONS]   (100000 30 200)
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-100000}
seconds=${2:-30}
connections=${3:-200}

if ! command -v wrk > /dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null
fi
cargo build --release -q -p corroborate
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/corroborate

work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== store of $articles articles"
"$bin" bench --articles "$articles" --keep-db "$work/load.db" | grep -E '^(stored|end to end)'

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
token=load-$RANDOM$RANDOM
"$bin" --db "$work/load.db" serve --addr "127.0.0.1:$port" --token "$token" 2> "$work/serve.log" &
server=$!
for _ in $(seq 100); do
    curl -sf "$base/api/health" > /dev/null && break
    sleep 0.1
done
curl -sf "$base/api/health" > /dev/null || { cat "$work/serve.log"; exit 1; }

# The paths wrk requests, in turn.
python3 - "$base" > "$work/paths.lua" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
listing = json.load(urllib.request.urlopen(f"{base}/api/stories?per_page=100"))
ids = [s["id"] for s in listing["stories"]]
paths = [f"/?page={p}" for p in range(1, 6)] + [f"/api/stories?page={p}" for p in range(1, 6)]
for i in ids:
    paths += [f"/stories/{i}", f"/api/stories/{i}"]
print("paths = {" + ", ".join(json.dumps(p) for p in paths) + "}")
print("""
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter % #paths) + 1])
end
""")
PY
echo "== $(grep -o '"/' "$work/paths.lua" | wc -l) read paths, $connections connections, $seconds s"

before=$(curl -sf "$base/api/health" | python3 -c 'import json, sys; print(json.load(sys.stdin)["articles"])')
python3 - "$base" "$token" "$seconds" > "$work/posted.txt" <<'PY' &
import json, sys, time, urllib.request
base, token, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
towns = ["Orlen", "Castavey", "Brindle Bay", "Marrow Point", "Quillstead", "Tarn Hollow"]
events = [
    ("council approves {n} road repairs", "The {town} town council approved {n} road repairs on Tuesday after a "
     "debate of {h} hours, the clerk said. Councillors voted {v} to 2."),
    ("bridge shut for {n} days", "Engineers closed the old bridge at {town} for {n} days after finding cracks "
     "in {v} of its piers, the roads office said on Monday."),
    ("teachers strike over pay", "Teachers at {v} schools in {town} walked out on Wednesday over pay, their "
     "union said, and {n} pupils stayed home."),
    ("water main bursts downtown", "A water main burst under the market square of {town} early on Friday, "
     "flooding {v} shops; crews worked for {h} hours to stop it."),
    ("harbour festival draws crowds", "About {n} people came to the harbour festival in {town} on Saturday, "
     "organisers said, with {v} boats in the parade."),
    ("hospital opens new wing", "The hospital of {town} opened a wing with {n} beds on Thursday, the health "
     "board said, after {h} years of building."),
]
end = time.time() + seconds
posted = stored = batches = 0
n = 0
while time.time() < end:
    lines = []
    for _ in range(20):
        n += 1
        town = towns[n % len(towns)]
        title, text = events[(n // len(towns)) % len(events)]
        values = {"town": town, "n": 10 + n % 90, "h": 2 + n % 5, "v": 3 + n % 7}
        lines.append(json.dumps({
            "title": f"{town}: " + title.format(**values),
            "text": text.format(**values) + f" Report {n} filed by our correspondent.",
            "outlet": ["Ledger", "Courier", "Gazette", "Herald"][n % 4] + f" of {town}",
            "published": f"2025-0{n % 9 + 1}-1{n % 9}",
        }))
    req = urllib.request.Request(f"{base}/api/articles", data="\n".join(lines).encode(), method="POST",
                                 headers={"Authorization": f"Bearer {token}",
                                          "Content-Type": "application/x-ndjson"})
    reply = json.load(urllib.request.urlopen(req, timeout=60))
    posted += len(lines)
    stored += reply["stored"]
    batches += 1
print(posted, stored, batches)
PY
poster=$!

wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$work/paths.lua" "$base"
wait "$poster"
read -r posted stored batches < "$work/posted.txt"
after=$(curl -sf "$base/api/health" | python3 -c 'import json, sys; print(json.load(sys.stdin)["articles"])')
echo "== posted $posted articles in $batches requests while reading; the server stored $stored;" \
    "the store grew by $((after - before))"
if [ "$posted" -ne "$stored" ] || [ "$((after - before))" -ne "$posted" ]; then
    echo "error: not every posted article was stored" >&2
    exit 1
fi
