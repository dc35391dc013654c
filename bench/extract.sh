#!/usr/bin/env bash
# Extraction speed, pages per second on one core: corroborate's HTML reader
# beside trafilatura (installed from PyPI into a temporary virtualenv), on
# the article-extraction benchmark pages repeated to N pages.
#
# usage: bench/extract.sh [PAGES_DIR] [N]
#   PAGES_DIR  folder of ID.html.gz / ID.html pages
#              (default: ../shared/data/article-extraction/html)
#   N          pages to extract (default 10000)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
pages="${1:-$root/../shared/data/article-extraction/html}"
total="${2:-10000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The pages, decompressed once, repeated to $total files.
mkdir -p "$work/src" "$work/pages"
for f in "$pages"/*; do
  name="$(basename "$f")"
  case "$name" in
    *.gz) gunzip -c "$f" > "$work/src/${name%.gz}" ;;
    *.html) cp "$f" "$work/src/$name" ;;
  esac
done
mapfile -t sources < <(ls "$work/src" | sort)
for ((i = 0; i < total; i++)); do
  ln -s "$work/src/${sources[i % ${#sources[@]}]}" "$work/pages/$(printf '%05d' "$i").html"
done
echo "pages: $total (from ${#sources[@]} distinct)"

cargo build --release -q -p corroborate --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/corroborate"

seconds() { python3 -c 'import time; print(time.perf_counter())'; }

# A page with no readable article makes `extract` exit 1 (xargs then exits
# 123) while the other pages are still extracted; any other status is a
# real failure. The pages without text are counted, not hidden.
start=$(seconds)
status=0
(cd "$work/pages" && ls | xargs -n 2000 taskset -c 0 "$bin" extract --json > /dev/null 2> "$work/errors") ||
  status=$?
end=$(seconds)
if [[ $status -ne 0 && $status -ne 123 ]]; then
  cat "$work/errors" >&2
  exit "$status"
fi
echo "pages without text: $(grep -c '^error:' "$work/errors" || true)"
ours=$(python3 -c "print($total / ($end - $start))")

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q trafilatura lxml_html_clean
cat > "$work/traf.py" <<'PY'
import os, sys, time
import trafilatura
folder = sys.argv[1]
names = sorted(os.listdir(folder))
start = time.perf_counter()
for name in names:
    with open(os.path.join(folder, name), "rb") as f:
        trafilatura.extract(f.read())
print(len(names) / (time.perf_counter() - start))
PY
theirs=$(taskset -c 0 "$work/venv/bin/python" "$work/traf.py" "$work/pages")
version=$("$work/venv/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')

printf '%-24s %12s\n' system pages/s
printf '%-24s %12.1f\n' corroborate "$ours" "trafilatura $version" "$theirs"
python3 -c "print(f'ratio: {$ours / $theirs:.1f}x')"
