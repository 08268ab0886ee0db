#!/usr/bin/env bash
# Peak memory (and time) of `tiqu run` on large single documents and a folder of hostile inputs, built
# deterministically from ../shared/corpus (the Wikisource licence note, which runs to the end of each
# text, is left out so the documents stay whole) and from samples/.
#   scripts/bench-memory.sh [CORPUS=../shared/corpus]
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-../shared/corpus}
tiqu=.build/release/tiqu
[ -x "$tiqu" ] || swift build -c release --product tiqu
work=${BENCH_DIR:-/tmp/tiqu-bench-memory}
mkdir -p "$work"
python3 - "$src" "$work" <<'PY'
import glob, os, random, re, sys
src, work = sys.argv[1], sys.argv[2]
def write(name, data):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        open(path, 'wb').write(data)
texts = [re.split(r'(?m)^本作品', open(f, 'rb').read().decode('utf-8', 'ignore'))[0]
         for f in sorted(glob.glob(src + '/**/*.txt', recursive=True))]
doc, i = '', 0
while len(doc.encode()) < 50_000_000:
    doc += texts[i % len(texts)] + '\n'; i += 1
body = doc.encode()[:50_000_000].decode('utf-8', 'ignore')
write('corpus-50mb.txt', body.encode())
write('one-line-50mb.txt', body.replace('\n', '').encode())
samples = [open(f, 'rb').read().decode('utf-8', 'ignore') for f in sorted(glob.glob('samples/*.txt')) if 'gb18030' not in f]
dense = ''
while len(dense.encode()) < 50_000_000:
    dense += '\n'.join(samples) + '\n'
write('dense-50mb.txt', dense.encode()[:50_000_000].decode('utf-8', 'ignore').encode())
h = os.path.join(work, 'hostile')
if not os.path.exists(h):
    random.seed(1)
    os.makedirs(h + '/tiny')
    open(h + '/one-line-50mb.txt', 'wb').write(body.replace('\n', '').encode())
    open(h + '/lines-200k.txt', 'w').write(''.join(f'第{i}行：投资{i}亿元，增长{i % 30}.5%。\n' for i in range(200000)))
    open(h + '/png.txt', 'wb').write(b'\x89PNG\r\n\x1a\n' + bytes(random.randrange(256) for _ in range(100000)))
    open(h + '/cut-utf8.txt', 'wb').write('投资3805亿元'.encode()[:-1])
    open(h + '/nul.txt', 'wb').write(b'abc\x00def' * 1000)
    for k in range(5000):
        open(f'{h}/tiny/{k}.txt', 'w').write(f'增长{k}%')
    d = h + '/deep' + ''.join(f'/d{k}' for k in range(60))
    os.makedirs(d)
    open(d + '/x.txt', 'w').write('增长5%')
    open(os.path.join(h.encode(), b'bad-\xff-name.txt'), 'wb').write('增长5%'.encode())
    os.symlink('..', h + '/deep/loop')
PY
measure() { # label, args...
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/rss" "$tiqu" run "$@" -q -o /dev/null 2>/dev/null || true
  read -r secs kb < <(tail -1 "$work/rss")
  printf '%-34s %8.1f MB peak  %6.2f s\n' "$label" "$(echo "$kb / 1024" | bc -l)" "$secs"
}
for jobs in 1 2; do
  measure "corpus-50mb.txt --jobs $jobs" "$work/corpus-50mb.txt" --jobs $jobs
  measure "one-line-50mb.txt --jobs $jobs" "$work/one-line-50mb.txt" --jobs $jobs
  measure "dense-50mb.txt --jobs $jobs" "$work/dense-50mb.txt" --jobs $jobs
  measure "hostile/ --jobs $jobs" "$work/hostile" --jobs $jobs
done
