#!/usr/bin/env bash
# Runs every libFuzzer target for FUZZ_SECONDS seconds each (Fuzz/README.md); exits non-zero on a crash.
#   FUZZ_SECONDS=60 scripts/fuzz.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode clean segment numerals rules pipeline)
swift build -c release --product tiqu-fuzz --build-path .build/fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library -Xcc -DTIQU_FUZZING >&2
bin=.build/fuzz/release/tiqu-fuzz
mkdir -p Fuzz/crashes
total=0
status=0
for t in "${targets[@]}"; do
  case $t in numerals) seeds=Fuzz/seeds/numerals; len=64;; rules) seeds=Fuzz/seeds/rules; len=8192;; *) seeds=Fuzz/seeds/text; len=4096;; esac
  corpus=.build/fuzz-corpus/$t
  mkdir -p "$corpus"
  log=.build/fuzz-corpus/$t.log
  # Leaks are Foundation's (file reading), not ours; Swift's own backtracer would hide the crash from libFuzzer.
  if ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no TIQU_FUZZ_TARGET=$t TIQU_RULES=rules \
       "$bin" "$corpus" "$seeds" -max_total_time="$seconds" -max_len="$len" \
       -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 -artifact_prefix="Fuzz/crashes/$t-" > "$log" 2>&1; then
    result=ok
  else
    result=CRASH; status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  total=$((total + ${runs:-0}))
  printf 'fuzz %-9s %10s inputs in %ss: %s\n' "$t" "${runs:-0}" "$seconds" "$result"
  [ $result = ok ] || tail -30 "$log" >&2
done
echo "fuzz: $total inputs in all"
exit $status
