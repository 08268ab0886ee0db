#!/usr/bin/env bash
# Installs what tiqu needs beyond Swift, only when it is missing: PCRE2's headers (libpcre2-dev, found
# through pkg-config as libpcre2-8) and Vectorscan's (libvectorscan-dev, pkg-config libhs); with --bench,
# ripgrep (rg) for the side-by-side figures of `make bench`; with --test, for the browser tests of the HTML
# pages, headless Chromium (chromium) and CJK fonts (fonts-noto-cjk), and for the Spark test Java 17
# (openjdk-17-jre-headless, when no Java 17 or later is there) and PySpark (scripts/spark-python.sh: a
# virtual environment with the pinned pyspark from PyPI). Python 3 is used by tests only when ../shared/tools
# is present, and by the Spark test.
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if ! pkg-config --exists libpcre2-8 2>/dev/null; then need+=(libpcre2-dev); fi
if ! pkg-config --exists libhs 2>/dev/null; then need+=(libvectorscan-dev); fi
if [ "${1:-}" = "--bench" ]; then command -v rg >/dev/null 2>&1 || need+=(ripgrep); fi
# The browser and fonts only for the test suite (`install-deps.sh --test`, from `make test`), not the demo.
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  if ! fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null; then need+=(fonts-noto-cjk); fi
  command -v python3 >/dev/null 2>&1 || need+=(python3 python3-venv)
  python3 -c "import ensurepip" >/dev/null 2>&1 || need+=(python3-venv)
fi
# Java 17 or later for the Spark test (PySpark 4 needs it): the major version `java -version` prints.
java=""
if [ "${1:-}" = "--test" ]; then
  major=$( (java -version 2>&1 || true) | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  if [ "${major:-0}" -lt 17 ]; then java=openjdk-17-jre-headless; fi
fi
if [ ${#need[@]} -gt 0 ] || [ -n "$java" ]; then
  echo "installing: ${need[*]} $java" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
      echo "error: need root (or sudo) to install ${need[*]} $java: run 'apt-get install -y ${need[*]} $java' as root" >&2; exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  if [ ${#need[@]} -gt 0 ]; then $sudo apt-get install -y -qq "${need[@]}" >/dev/null; fi
  # Java is for the Spark test only: where it cannot be had, that test says so and is skipped.
  if [ -n "$java" ]; then
    $sudo apt-get install -y -qq "$java" >/dev/null || echo "warning: could not install $java: the Spark test will be skipped" >&2
  fi
  pkg-config --exists libpcre2-8 || { echo "error: libpcre2-8 still not found by pkg-config after installing libpcre2-dev" >&2; exit 1; }
  pkg-config --exists libhs || { echo "error: libhs still not found by pkg-config after installing libvectorscan-dev (Debian bookworm or later)" >&2; exit 1; }
fi
# PySpark for the Spark test (scripts/test-spark.sh), in its own virtual environment.
if [ "${1:-}" = "--test" ]; then "$(dirname "$0")/spark-python.sh" >/dev/null; fi
