#!/usr/bin/env python3
"""Turn an annotator's answers into a gold set that holds no text of the documents, only offsets.

usage: locate.py TASKS.jsonl RAW.jsonl ROOT > gold.jsonl

The annotator copies the indicator (a string, or a list of pieces in reading order when the phrase is
written in pieces) and `from`/`to` as written; here each is found in the file, nearest the number (before
it first), and kept as byte ranges. What cannot be found is kept as "unknown" and not scored, with a
warning on standard error.
"""
import json, os, sys

WINDOW = 3000  # bytes around the number searched for an indicator

def nearest(raw, piece, s, e, lo, hi):
    """The occurrence of `piece` in raw[lo:hi] nearest the number at [s, e): the last one ending before
    s, else the first starting after e, else one overlapping."""
    if not piece:
        return None
    b = piece.encode("utf-8")
    best, i = None, raw.find(b, lo, hi)
    while i != -1:
        j = i + len(b)
        d = s - j if j <= s else (i - e + 0.5 if i >= e else 0.75)  # overlapping: 十亿人口's 人口
        if best is None or d < best[0]:
            best = (d, i, j)
        i = raw.find(b, i + 1, hi)
    return None if best is None else [best[1], best[2]]

def pieces(raw, value, s, e, lo, hi):
    if value is None:
        return None
    parts = value if isinstance(value, list) else [value]
    out, anchor_s = [], s
    # The last piece is nearest the number; each earlier piece is searched before the one after it
    # (分别 lists: the subject, then the shared measure written after the last subject).
    for p in reversed(parts):
        r = nearest(raw, p, anchor_s, max(anchor_s, e if not out else anchor_s), lo, hi)
        if r is None:
            return "unknown"
        out.insert(0, r)
        anchor_s = r[0]
    return out

def main():
    tasks = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
    raws = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[2], encoding="utf-8") if l.strip()}
    root = sys.argv[3]
    files = {}
    for t in tasks:
        a = raws.get(t["id"])
        if a is None:
            print(f"warning: {t['id']}: no answer", file=sys.stderr)
            continue
        raw = files.setdefault(t["doc"], open(os.path.join(root, t["doc"]), "rb").read())
        s, e = t["byte"]
        lo, hi = max(0, s - WINDOW), min(len(raw), e + WINDOW)
        g = {"doc": t["doc"], "byte": [s, e]}
        g["indicator"] = pieces(raw, a.get("indicator"), s, e, lo, hi)
        for k in ("from", "to"):
            v = a.get(k)
            g[k] = None if v is None else (nearest(raw, str(v), s, e, lo, hi) or "unknown")
        for k in ("change", "direction", "base", "modality", "period"):
            g[k] = a.get(k)
        for k in ("indicator", "from", "to"):
            if g[k] == "unknown":
                print(f"warning: {t['id']}: {k} {a.get(k)!r} not found near the number", file=sys.stderr)
        print(json.dumps(g, ensure_ascii=False, sort_keys=False))

if __name__ == "__main__":
    main()
