#!/usr/bin/env python3
"""How often tiqu's fields agree with a careful reader's (issue 16), on the numbers both found.

usage: score.py RECORDS.jsonl ROOT GOLD.jsonl... [--show FIELD] [--floors FLOORS.json] [--write-floors FILE]

A gold item is matched with tiqu's record of the same document starting at the same byte (else one
overlapping it). Per field, the share of matched items where both say the same (both saying nothing
agrees too). An indicator agrees when tiqu's `indicator_span` is the gold range, or when the two read the
same after folding width, quote marks and spaces (tiqu's indicator is Simplified, so a Traditional
document agrees through the span); `indicator~` also counts one holding the other. `from`/`to` agree
when tiqu's value is the value of tiqu's record at the gold range. `--show FIELD` lists the items where
FIELD disagrees (for development sets only: keep a blind set blind). `--floors` exits 1 when a set's
figure falls below its floor (a JSON object: set name → field → share); `--write-floors` writes today's
figures, rounded down, as the new floors (after a change that raises them, or one that lowers them on
purpose: say which and why in the commit).
"""
import itertools, json, math, os, sys, unicodedata

FIELDS = ("indicator", "indicator~", "change", "direction", "from", "to", "base", "modality", "period")
DROP = set("“”\"‘’'「」『』 \u3000\t\n")

def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKC", s) if c not in DROP) if s else s

def period_key(p):
    if p is None:
        return None
    if isinstance(p, dict):
        return (str(p.get("low")), str(p.get("high")))
    return (str(p), str(p))

def main(argv):
    show, floors, write, args = None, None, None, []
    i = 0
    while i < len(argv):
        if argv[i] == "--show": show = argv[i + 1]; i += 2
        elif argv[i] == "--floors": floors = json.load(open(argv[i + 1])); i += 2
        elif argv[i] == "--write-floors": write = argv[i + 1]; i += 2
        else: args.append(argv[i]); i += 1
    records, root, golds = args[0], args[1], args[2:]
    by_doc = {}
    for line in open(records, encoding="utf-8"):
        r = json.loads(line)
        by_doc.setdefault(r["doc"], []).append(r)
    files, failed, measured = {}, False, {}
    print(f"{'set':<8} {'found':>7} " + " ".join(f"{f:>10}" for f in FIELDS))
    for gpath in golds:
        name = os.path.basename(gpath).removeprefix("gold-").removesuffix(".jsonl")
        agree = {f: 0 for f in FIELDS}; seen = {f: 0 for f in FIELDS}
        found = total = 0
        for line in open(gpath, encoding="utf-8"):
            g = json.loads(line)
            total += 1
            raw = files.setdefault(g["doc"], open(os.path.join(root, g["doc"]), "rb").read())
            recs = by_doc.get(g["doc"], [])
            s, e = g["byte"]
            r = next((x for x in recs if x["span"]["byte"][0] == s), None) or \
                next((x for x in recs if x["span"]["byte"][0] < e and s < x["span"]["byte"][1] and x["kind"] not in ("date", "project")), None)
            if r is None:
                continue
            found += 1
            at = {x["span"]["byte"][0]: x for x in recs}
            def cut(rng): return raw[rng[0]:rng[1]].decode("utf-8", "replace")
            for f in FIELDS:
                key = "indicator" if f == "indicator~" else f
                gv = g.get(key)
                if gv == "unknown":
                    continue
                seen[f] += 1
                if key == "indicator":
                    ti = r.get("indicator"); ts = (r.get("indicator_span") or {}).get("byte")
                    if gv is None:
                        ok = ti is None
                    else:
                        # Pieces join in either order: `城镇人均居住面积…，农村增加到` is 农村 + 人均居住面积.
                        gts = {fold("".join(cut(p) for p in order)) for order in itertools.permutations(gv)}
                        tt = [fold(ti)] + ([fold(cut(ts))] if ts else []) if ti else []
                        ok = (ts is not None and len(gv) == 1 and ts == gv[0]) or any(gt in tt for gt in gts)
                        if f == "indicator~" and not ok:
                            ok = any(t and (t in gt or gt in t) for t in tt for gt in gts)
                    shown = (ti, None if gv is None else "".join(cut(p) for p in gv))
                elif key in ("from", "to"):
                    tv = r.get(key)
                    if gv is None:
                        ok = tv is None
                    else:
                        other = at.get(gv[0])
                        ok = other is not None and tv is not None and other.get("value") == tv
                    shown = (tv, None if gv is None else cut(gv))
                elif key == "period":
                    ok = period_key(r.get("period")) == period_key(gv)
                    shown = (r.get("period"), gv)
                else:
                    ok = r.get(key) == gv
                    shown = (r.get(key), gv)
                agree[f] += ok
                if show == f and not ok:
                    ss, se = r["sentence"]["byte"]
                    print(f"  {g['doc']}@{s} {cut([s, e])}: tiqu {shown[0]!r} gold {shown[1]!r}\n    {cut([ss, se])[:160]}")
        row = {f: agree[f] / seen[f] if seen[f] else 1.0 for f in FIELDS}
        print(f"{name:<8} {found:>3}/{total:<3} " + " ".join(f"{row[f]:>10.2f}" for f in FIELDS))
        measured[name] = {f: math.floor(row[f] * 100 + 1e-9) / 100 for f in FIELDS if f != "indicator~"}
        for f, floor in (floors or {}).get(name, {}).items():
            if row[f] + 1e-9 < floor:
                print(f"error: set {name}: {f} {row[f]:.2f} is below its floor {floor:.2f}", file=sys.stderr)
                failed = True
    if write:
        with open(write, "w") as out:
            out.write("{\n" + ",\n".join(f'  "{k}": {json.dumps(v)}' for k, v in measured.items()) + "\n}\n")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
