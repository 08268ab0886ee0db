#!/usr/bin/env bash
# Prints the Python that has PySpark for the Spark test (contrib/spark), installing it first when it is
# missing: a virtual environment with the pinned pyspark from PyPI, kept outside the work tree (in
# $TIQU_SPARK_VENV, default ~/.cache/tiqu/spark-venv-VERSION) so fresh clones reuse it.
set -euo pipefail
PYSPARK_VERSION=4.0.1
venv="${TIQU_SPARK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/tiqu/spark-venv-$PYSPARK_VERSION}"
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "installing: pyspark==$PYSPARK_VERSION into $venv" >&2
  command -v python3 >/dev/null 2>&1 || { echo "error: python3 is needed for the Spark test: apt-get install -y python3 python3-venv" >&2; exit 1; }
  python3 -m venv "$venv" >&2 || { echo "error: cannot make a virtual environment in $venv: apt-get install -y python3-venv" >&2; exit 1; }
  "$venv/bin/python" -m pip install -q "pyspark==$PYSPARK_VERSION" >&2
fi
echo "$venv/bin/python"
