#!/usr/bin/env bash
# Speed and peak memory of `tiqu run` over a corpus built from ../shared/corpus, next to ripgrep running
# tiqu's own patterns (`tiqu rules export --pcre`) on the same files.
#   scripts/bench.sh [SIZE_MB=100] [CORPUS=../shared/corpus]
# Prints MB/s on one core and on all cores, records/s, peak RSS, and the tiqu/rg ratio on one core.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-100}
src=${2:-../shared/corpus}
tiqu=.build/release/tiqu
[ -x "$tiqu" ] || swift build -c release --product tiqu
[ -d "$src" ] || { echo "error: $src not found: pass a folder of .txt documents as the second argument" >&2; exit 1; }
work=${BENCH_DIR:-/tmp/tiqu-bench}
corpus="$work/corpus-${size_mb}mb"
if [ ! -d "$corpus" ]; then
  # Deterministic: the same source files, in sorted order, repeated until the size is reached.
  mkdir -p "$corpus"
  mapfile -t files < <(find "$src" -name '*.txt' -type f | LC_ALL=C sort)
  total=0; i=0; target=$((size_mb * 1000 * 1000))
  while [ "$total" -lt "$target" ]; do
    f=${files[$((i % ${#files[@]}))]}
    dst=$(printf '%s/%06d-%s' "$corpus" "$i" "$(basename "$f")")
    cp "$f" "$dst"
    total=$((total + $(stat -c %s "$f"))); i=$((i + 1))
  done
fi
bytes=$(du -sb "$corpus" | cut -f1)
mb=$(python3 -c "print($bytes/1e6)")
cores=$(nproc)

measure() { # label, command...: prints seconds and peak RSS (KB) of the command
  local label=$1; shift
  local t0 t1 rss
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >"$work/out" 2>"$work/err" || true
  t1=$(date +%s.%N)
  rss=$(tail -1 "$work/rss")
  python3 - "$label" "$t0" "$t1" "$rss" "$mb" "$work/out" <<'PY'
import sys
label, t0, t1, rss, mb, out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
secs = t1 - t0
lines = sum(1 for _ in open(out, 'rb'))
print(f"{label:<28} {mb/secs:8.1f} MB/s  {lines/secs:10.0f} lines/s  peak {rss/1024:7.1f} MB  ({secs:.2f} s, {lines} lines)")
PY
}

echo "corpus: $corpus ($mb MB, $(ls "$corpus" | wc -l) files), $cores cores"
"$tiqu" rules export --pcre > "$work/patterns.txt"
measure "tiqu run --jobs 1" "$tiqu" run "$corpus" --jobs 1
measure "tiqu run --jobs $cores" "$tiqu" run "$corpus" --jobs "$cores"
if command -v rg >/dev/null 2>&1; then
  measure "rg -P --json -j1 (tiqu's)" rg -P --json -j1 -f "$work/patterns.txt" "$corpus"
  measure "rg -P -c -j1 (tiqu's)" rg -P -c -j1 -f "$work/patterns.txt" "$corpus"
else
  echo "rg not installed (apt-get install ripgrep) - no side-by-side figures"
fi
