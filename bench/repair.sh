#!/usr/bin/env bash
# Text repair speed: corroborate's repair against ftfy (Python) and plsfix
# (a Rust port of ftfy), on one core, on the same inputs in one run:
#   - ftfy's own test cases (also checked for correctness),
#   - a corpus of news texts with damage injected (default 50 MB),
#   - the same texts undamaged (the cost of the clean-text fast path).
# Needs ../shared/data next to the repository (ECB+, PolNeAR, ftfy cases),
# python3 and network access to PyPI and crates.io. Everything it installs or
# builds lives in a temporary folder, removed at exit.
#
# usage: bench/repair.sh [MEGABYTES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SHARED_DATA:-$root/../shared/data}"
megabytes="${1:-50}"
[ -d "$shared/ftfy-cases" ] || { echo "no data at $shared" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
one_core=(taskset -c 0)
command -v taskset >/dev/null || one_core=()

echo "== installing ftfy into a temporary virtual environment"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet ftfy
ftfy_version="$("$tmp/venv/bin/python" -c 'import ftfy; print(ftfy.__version__)')"

echo "== building corroborate's throughput program (release)"
CARGO_TARGET_DIR="$tmp/target" cargo build --quiet --release --manifest-path "$root/Cargo.toml" \
    -p corroborate-text --example repair_throughput
ours="$tmp/target/release/examples/repair_throughput"

echo "== building plsfix in a scratch project"
mkdir -p "$tmp/plsfix-bench/src"
cat > "$tmp/plsfix-bench/Cargo.toml" <<'TOML'
[package]
name = "plsfix-bench"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
plsfix = "0.1"
serde_json = "1"

[workspace]
TOML
cat > "$tmp/plsfix-bench/src/main.rs" <<'RUST'
use std::io::Write;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&args[0]).unwrap();
    let docs: Vec<String> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let start = Instant::now();
    let fixed: Vec<String> = docs.iter().map(|d| plsfix::fix_text(d, None)).collect();
    let secs = start.elapsed().as_secs_f64();
    println!("{bytes} bytes, {secs:.3} s, {:.1} MB/s", bytes as f64 / secs / 1e6);
    if let Some(out) = args.get(1) {
        let mut f = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
        for d in fixed {
            writeln!(f, "{}", serde_json::to_string(&d).unwrap()).unwrap();
        }
    }
}
RUST
cargo build --quiet --release --manifest-path "$tmp/plsfix-bench/Cargo.toml"
plsfix="$tmp/plsfix-bench/target/release/plsfix-bench"
plsfix_version="$(grep -A1 'name = "plsfix"' "$tmp/plsfix-bench/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p')"

echo "== building the inputs ($megabytes MB)"
python3 "$root/bench/make_inputs.py" "$shared" "$tmp" "$megabytes"

mbs() { sed -n 's/.* \([0-9.]*\) MB\/s$/\1/p'; }
declare -A speed
for input in cases damaged clean; do
    for tool in ftfy corroborate plsfix; do
        case $tool in
            ftfy) cmd=("$tmp/venv/bin/python" "$root/bench/ftfy_throughput.py") ;;
            corroborate) cmd=("$ours") ;;
            plsfix) cmd=("$plsfix") ;;
        esac
        out="$tmp/$tool-$input.out.jsonl"
        speed[$tool-$input]="$("${one_core[@]}" "${cmd[@]}" "$tmp/$input.jsonl" "$out" | mbs)"
    done
done

ratio() { python3 -c "print(f'{$1 / $2:.1f}')"; }
echo
echo "Text repair throughput, MB/s on one core (ftfy $ftfy_version, plsfix $plsfix_version)"
printf '%-22s %10s %12s %10s %16s %12s\n' input ftfy corroborate plsfix "corroborate/ftfy" "plsfix/ftfy"
for input in cases damaged clean; do
    f="${speed[ftfy-$input]}"; c="${speed[corroborate-$input]}"; p="${speed[plsfix-$input]}"
    printf '%-22s %10s %12s %10s %16s %12s\n' "$input" "$f" "$c" "$p" "$(ratio "$c" "$f")×" "$(ratio "$p" "$f")×"
done
echo
echo "ftfy test cases right (quotes folded, as in crates/text/tests/ftfy_cases.rs):"
for tool in ftfy corroborate plsfix; do
    printf '  %-12s %s\n' "$tool" "$(python3 "$root/bench/check_cases.py" "$tmp/cases-expected.jsonl" "$tmp/$tool-cases.out.jsonl")"
done
echo
echo "Damaged texts given back exactly as written, clean texts left alone:"
for tool in ftfy corroborate plsfix; do
    printf '  %-12s %s\n' "$tool" "$(python3 "$root/bench/repair_exact.py" "$tmp/clean.jsonl" "$tmp/$tool-damaged.out.jsonl" "$tmp/$tool-clean.out.jsonl")"
done
