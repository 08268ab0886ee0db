#!/usr/bin/env python3
"""How often two readers agree, field by field, on the same numbers: a ceiling for any tool.

usage: agree.py ROOT GOLD1.jsonl GOLD2.jsonl

Items are paired by document and byte range; fields are compared as score.py compares tiqu with a
reader (indicators by the text of their ranges, pieces in either order, folded; `from`/`to` by range).
"""
import itertools, json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import fold, period_key  # noqa: E402

FIELDS = ("indicator", "change", "direction", "from", "to", "base", "modality", "period")

def main():
    root, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
    def load(p): return {(g["doc"], tuple(g["byte"])): g for g in map(json.loads, open(p, encoding="utf-8"))}
    ga, gb = load(a), load(b)
    files = {}
    def texts(doc, v):
        raw = files.setdefault(doc, open(os.path.join(root, doc), "rb").read())
        return {fold("".join(raw[p[0]:p[1]].decode("utf-8", "replace") for p in order)) for order in itertools.permutations(v)}
    both = sorted(ga.keys() & gb.keys())
    agree = {f: 0 for f in FIELDS}; seen = {f: 0 for f in FIELDS}
    for k in both:
        x, y = ga[k], gb[k]
        for f in FIELDS:
            u, v = x.get(f), y.get(f)
            if u == "unknown" or v == "unknown":
                continue
            seen[f] += 1
            if f == "indicator":
                ok = (u is None and v is None) or (u is not None and v is not None and bool(texts(k[0], u) & texts(k[0], v)))
            elif f == "period":
                ok = period_key(u) == period_key(v)
            else:
                ok = u == v
            agree[f] += ok
    print(f"{len(both)} numbers in both: " + "  ".join(f"{f} {agree[f] / seen[f]:.2f}" for f in FIELDS if seen[f]))

if __name__ == "__main__":
    main()
