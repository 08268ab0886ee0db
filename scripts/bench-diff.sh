#!/usr/bin/env bash
# Times `tiqu diff` on two files of N records (default 100,000), made from the samples' expected records
# repeated under new document names: the new file has every 50th record's span shifted by one (a moved
# boundary), every 100th value changed, every 200th record dropped and is shuffled, so the diff has real
# work (pairing by span, overlaps, field changes) and cannot lean on line order.
# Usage: scripts/bench-diff.sh [N] [TIQU]   (TIQU defaults to .build/release/tiqu, built when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
tiqu=${2:-.build/release/tiqu}
[ -x "$tiqu" ] || swift build -c release --product tiqu -j 1 >&2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$n" samples/expected.jsonl "$dir/old.jsonl" "$dir/new.jsonl" <<'PY'
import json, random, sys
n, src, old_path, new_path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
base = [json.loads(l) for l in open(src, encoding="utf-8")]
old, new = [], []
for i in range(n):
    r = json.loads(json.dumps(base[i % len(base)]))
    r["doc"] = "copy%05d/%s" % (i // len(base), r["doc"])
    old.append(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
    if i % 200 == 7:
        continue
    if i % 50 == 3:
        r["span"]["byte"][1] += 1; r["span"]["char"][1] += 1
    if i % 100 == 5 and isinstance(r["value"], (int, float)):
        r["value"] = r["value"] + 1
    new.append(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
random.Random(15).shuffle(new)
open(old_path, "w", encoding="utf-8").write("\n".join(old) + "\n")
open(new_path, "w", encoding="utf-8").write("\n".join(new) + "\n")
PY
echo "old: $(wc -l < "$dir/old.jsonl") records, $(du -h "$dir/old.jsonl" | cut -f1); new: $(wc -l < "$dir/new.jsonl") records" >&2
for f in terminal json; do
  start=$(date +%s.%N)
  set +e; "$tiqu" diff "$dir/old.jsonl" "$dir/new.jsonl" --format $f > "$dir/out.$f"; rc=$?; set -e
  end=$(date +%s.%N)
  [ $rc -le 1 ] || { echo "tiqu diff failed ($rc)" >&2; exit 1; }
  printf 'tiqu diff --format %s, %d vs %d records: %.2f s (%s)\n' "$f" "$(wc -l < "$dir/old.jsonl")" "$(wc -l < "$dir/new.jsonl")" \
    "$(echo "$end - $start" | bc)" "$(tail -1 "$dir/out.terminal" 2>/dev/null || true)"
done
