#!/usr/bin/env python3
"""Pick numbers for a careful reader to annotate (issue 16's accuracy sets).

usage: pick.py RECORDS.jsonl ROOT SEED N DOC... > tasks.jsonl

From tiqu's records of the given documents, N numbers (money, percent, quantity, multiple), spread
evenly over the documents and, within each, over the text (a seeded draw per stretch). Each task gives
the document, the number's bytes, its line, its sentence and the paragraph before it: nothing of tiqu's
fields, so the annotator reads the text alone.
"""
import json, random, sys, os

KINDS = {"money", "percent", "quantity", "multiple", "percentage_point"}

def main():
    records, root, seed, n, docs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
    rng = random.Random(seed)
    by_doc = {d: [] for d in docs}
    for line in open(records, encoding="utf-8"):
        r = json.loads(line)
        if r.get("doc") in by_doc and r.get("kind") in KINDS:
            by_doc[r["doc"]].append(r)
    share = [n // len(docs) + (1 if i < n % len(docs) else 0) for i in range(len(docs))]
    for d, k in zip(docs, share):
        rs = by_doc[d]
        raw = open(os.path.join(root, d), "rb").read()
        if not rs or k == 0:
            continue
        step = len(rs) / k
        for i in range(k):
            lo, hi = int(i * step), max(int(i * step) + 1, int((i + 1) * step))
            r = rs[rng.randrange(lo, min(hi, len(rs)))]
            s, e = r["span"]["byte"]
            ss, se = r["sentence"]["byte"]
            line_no = raw[:s].count(b"\n") + 1
            before = raw[max(0, ss - 600):ss].decode("utf-8", "ignore")
            print(json.dumps({"id": f"{d}@{s}", "doc": d, "byte": [s, e], "line": line_no,
                              "number": raw[s:e].decode("utf-8"), "sentence": raw[ss:se].decode("utf-8", "replace"),
                              "before": before}, ensure_ascii=False))

if __name__ == "__main__":
    main()
