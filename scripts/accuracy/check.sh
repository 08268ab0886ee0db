#!/usr/bin/env bash
# How often tiqu's indicator, change, direction, from/to, base, modality and period agree with a careful
# reader's on the gold sets (scripts/accuracy/README.md); fails when a set falls below its floor
# (floors.json). Needs ../shared/corpus: skipped cleanly without it.
#   scripts/accuracy/check.sh [TIQU=.build/debug/tiqu]
set -euo pipefail
cd "$(dirname "$0")/../.."
tiqu=${1:-.build/debug/tiqu}
corpus=../shared/corpus
if [ ! -d "$corpus" ]; then echo "accuracy: skipped ($corpus not found)"; exit 0; fi
out=$(mktemp); trap 'rm -f "$out"' EXIT
"$tiqu" run -q --rules rules "$corpus" > "$out" 2>/dev/null
python3 scripts/accuracy/score.py "$out" "$corpus" scripts/accuracy/gold/gold-*.jsonl --floors scripts/accuracy/floors.json
