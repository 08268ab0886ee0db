#!/usr/bin/env bash
# Installs what tiqu needs beyond Swift, only when it is missing: PCRE2's headers (libpcre2-dev, found
# through pkg-config as libpcre2-8) and Vectorscan's (libvectorscan-dev, pkg-config libhs); with --bench,
# ripgrep (rg) for the side-by-side figures of `make bench`; with --test, for the browser tests of the HTML pages, headless
# Chromium (chromium) and CJK fonts (fonts-noto-cjk). Python 3 is used by tests only when ../shared/tools is present.
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
fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "installing: ${need[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "error: need root (or sudo) to install ${need[*]}: run 'apt-get install -y ${need[*]}' as root" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
pkg-config --exists libpcre2-8 || { echo "error: libpcre2-8 still not found by pkg-config after installing libpcre2-dev" >&2; exit 1; }
pkg-config --exists libhs || { echo "error: libhs still not found by pkg-config after installing libvectorscan-dev (Debian bookworm or later)" >&2; exit 1; }
