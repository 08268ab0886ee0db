#!/usr/bin/env bash
# The Spark test (issue 20): contrib/spark/tiqu_spark.py in local[2] over samples/ and a slice of
# ../shared/corpus gives the records of `tiqu run` byte for byte. Run by `make test` after `swift test`,
# with the debug binary it built (TIQU_BIN to use another). Skips, saying why, only when no Java 17 or
# later can be had (scripts/install-deps.sh --test installs it on Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
major=$( (java -version 2>&1 || true) | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ "${major:-0}" -lt 17 ]; then
  echo "SKIP: the Spark test needs Java 17 or later (Debian: apt-get install -y openjdk-17-jre-headless); none found"
  exit 0
fi
python=$(scripts/spark-python.sh)
export PYTHONDONTWRITEBYTECODE=1
export TIQU_BIN="${TIQU_BIN:-$PWD/.build/debug/tiqu}"
exec "$python" contrib/spark/test_tiqu_spark.py
