#!/usr/bin/env bash
# Browser tests of the web UI: starts `corroborate serve` over the demo corpus
# on a free port of 127.0.0.1 and drives it with playwright-core in Debian's
# chromium, saving screenshots into docs/screenshots/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tests=crates/server/tests/browser

if [ ! -x /usr/bin/chromium ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
if ! command -v npm > /dev/null; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
fi
if [ ! -d "$tests/node_modules/playwright-core" ]; then
    (cd "$tests" && npm ci --no-audit --no-fund)
fi

cargo build -p corroborate
work=$(mktemp -d)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

./target/debug/corroborate demo --keep "$work/ui.db" > /dev/null
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
./target/debug/corroborate --db "$work/ui.db" serve --addr 127.0.0.1:0 --token "$token" 2> "$work/serve.log" &
server=$!
url=
for _ in $(seq 1 100); do
    url=$(grep -so 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" || true)
    if [ -n "$url" ]; then break; fi
    sleep 0.2
done
if [ -z "$url" ]; then
    cat "$work/serve.log" >&2
    echo "the server did not start" >&2
    exit 1
fi

mkdir -p docs/screenshots
BASE_URL="$url" TOKEN="$token" SCREENSHOTS="$root/docs/screenshots" node "$tests/ui.test.js"
