#!/usr/bin/env bash
# Throughput of the Spark driver against tiqu run (docs/SCALING.md): ../shared/corpus copied COPIES
# times (default 8) under distinct folders; the best of two runs each of `tiqu run --jobs 1/2` and of
# contrib/spark/tiqu_spark.py with local[1] and local[2] (release binary), as wall time, with the
# driver's own split of it (reading and extracting, merging); then checks that the outputs are identical.
# For tiqu run, CPU time too (user + system), which a busy machine inflates less; the JVM that PySpark
# starts is not waited for, so its CPU time cannot be counted the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${COPIES:-8}
tiqu=.build/release/tiqu
[ -x "$tiqu" ] || swift build -c release --product tiqu
python=$(scripts/spark-python.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$copies"); do mkdir -p "$work/in/copy$i"; cp -R ../shared/corpus/. "$work/in/copy$i/"; done
mb=$(du -sb "$work/in" | cut -f1 | awk '{print $1 / 1e6}')
# Prints "WALL CPU" in seconds, the best (least wall time) of two runs; the driver's own line goes to $work/phases.
best() {
  local out=""
  for _ in 1 2; do
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
    local line; line=$(awk '{print $1, $2 + $3}' "$work/time")
    if [ -z "$out" ] || awk -v a="$line" -v b="$out" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'; then
      out=$line
      grep -o "read and extract.*" "$work/err" > "$work/phases" || echo "" > "$work/phases"
    fi
  done
  echo "$out"
}
report() {
  awk -v name="$1" -v t="$2" -v mb="$mb" -v phases="$(cat "$work/phases")" 'BEGIN { split(t, x, " ");
    cpu = phases == "" ? sprintf("%6.1f s CPU %5.2f MB per CPU-second", x[2], mb / x[2]) : "(" phases
    printf "%-34s %6.1f s wall %6.2f MB/s   %s\n", name, x[1], mb / x[1], cpu }'
}
echo "input: $mb MB in $(find "$work/in" -name '*.txt' | wc -l) documents; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for j in 1 2; do report "tiqu run --jobs $j" "$(best "$tiqu" run "$work/in" -q --jobs "$j" -o "$work/run$j.jsonl")"; done
for n in 1 2; do
  report "tiqu_spark.py --master local[$n]" "$(best "$python" contrib/spark/tiqu_spark.py "$work/in" --output "$work/spark$n.jsonl" --master "local[$n]" --tiqu "$tiqu")"
done
cmp "$work/run1.jsonl" "$work/spark1.jsonl" && cmp "$work/run1.jsonl" "$work/spark2.jsonl" && echo "outputs: identical"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
