extension Differ {
    /// Pairs what is left after same-span pairing: old and new records of one kind whose spans overlap form
    /// one difference (1:1 changed, 1:n split, n:1 merged, n:m regrouped); only old records that overlap
    /// each other never join (an edge is always an old and a new record). Records that overlap nothing on
    /// the other side are removed or added.
    static func overlapping(_ doc: String, old: [DiffRecord], new: [DiffRecord]) -> [Difference] {
        let all = old.map { (true, $0) } + new.map { (false, $0) }
        var parent = Array(all.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        // A sweep in start order: each record joins the still-open records of the other side of its kind.
        let order = all.indices.sorted { a, b in
            let x = all[a].1, y = all[b].1
            if x.kind != y.kind { return x.kind < y.kind }
            return x.bytes.lowerBound != y.bytes.lowerBound ? x.bytes.lowerBound < y.bytes.lowerBound : a < b
        }
        var open: [Bool: [Int]] = [true: [], false: []]
        var kind = ""
        for k in order {
            let (isOld, r) = all[k]
            if r.kind != kind { open = [true: [], false: []]; kind = r.kind }
            open[!isOld]!.removeAll { all[$0].1.bytes.upperBound <= r.bytes.lowerBound }
            for o in open[!isOld]! where all[o].1.bytes.lowerBound < r.bytes.upperBound && r.bytes.lowerBound < all[o].1.bytes.upperBound {
                parent[find(o)] = find(k)
            }
            open[isOld]!.append(k)
        }
        var groups: [Int: [Int]] = [:]
        for k in all.indices { groups[find(k), default: []].append(k) }
        var out: [Difference] = []
        for members in groups.values {
            let o = members.filter { all[$0].0 }.map { all[$0].1 }.sorted(by: precedes)
            let n = members.filter { !all[$0].0 }.map { all[$0].1 }.sorted(by: precedes)
            out.append(group(doc, old: o, new: n))
        }
        return out
    }

    static func group(_ doc: String, old: [DiffRecord], new: [DiffRecord]) -> Difference {
        let kind = (old.first ?? new.first)!.kind
        let change: Difference.Change
        switch (old.count, new.count) {
        case (0, _): change = .added
        case (_, 0): change = .removed
        case (1, 1): change = .changed
        case (1, _): change = .split
        case (_, 1): change = .merged
        default: change = .regrouped
        }
        let fields = change == .changed ? fieldChanges(old[0], new[0]) : []
        return Difference(change: change, doc: doc, kind: kind, old: old, new: new, fields: fields)
    }
}
