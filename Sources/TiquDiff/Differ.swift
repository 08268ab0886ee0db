/// One difference between two sets of records.
public struct Difference: Sendable {
    public enum Change: String, Sendable, CaseIterable {
        case added, removed, changed
        /// One old record became several new ones (a boundary moved inside it).
        case split
        /// Several old records became one.
        case merged
        /// Several old records became several new ones that overlap them differently.
        case regrouped
    }
    public let change: Change
    public let doc: String
    public let kind: String
    /// Old records (none when added), new records (none when removed), in span order.
    public let old: [DiffRecord]
    public let new: [DiffRecord]
    /// For `changed`: the fields that differ, old and new (`nil`: the key is absent on that side).
    public let fields: [FieldChange]

    public struct FieldChange: Sendable, Equatable {
        public let field: String
        public let old: JSON?
        public let new: JSON?
    }

    /// Every rule the difference touches, old side first, each once.
    public var rules: [String] {
        var out: [String] = []
        for r in old + new where !out.contains(r.rule) { out.append(r.rule) }
        return out
    }

    /// The byte offset the difference starts at, for ordering.
    var start: Int { min(old.first?.bytes.lowerBound ?? Int.max, new.first?.bytes.lowerBound ?? Int.max) }
}

/// The result of comparing two sets of records.
public struct RecordDiff: Sendable {
    public let differences: [Difference]
    public let oldCount: Int
    public let newCount: Int
    /// Records present, identical, on both sides.
    public let unchanged: Int
    public var identical: Bool { differences.isEmpty }
}

/// Pairs old and new records and says what changed. Records pair by document, kind and span: first those
/// of the same span (a changed record, or an unchanged one, never shown), then, among what is left, those
/// whose spans overlap (a boundary moved: one record split into several, several merged into one). The
/// rest are added or removed. The result depends only on the two sets, never on the order records come in.
public enum Differ {
    public static func diff(old: [DiffRecord], new: [DiffRecord]) -> RecordDiff {
        let olds = Dictionary(grouping: old, by: \.doc)
        let news = Dictionary(grouping: new, by: \.doc)
        let docs = Set(olds.keys).union(news.keys).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        // Documents pair apart from each other, so they are diffed on several threads and joined in order.
        let perDoc = Parallel.map(docs.count) { k in diffDocument(docs[k], old: olds[docs[k]] ?? [], new: news[docs[k]] ?? []) }
        var differences: [Difference] = []
        var unchanged = 0
        for (d, same) in perDoc {
            differences += d
            unchanged += same
        }
        return RecordDiff(differences: differences, oldCount: old.count, newCount: new.count, unchanged: unchanged)
    }

    /// The order records are considered in: by kind, span, rule, then their whole text, so that ties break
    /// the same way whatever order the files held them in.
    static func precedes(_ a: DiffRecord, _ b: DiffRecord) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        if a.bytes.lowerBound != b.bytes.lowerBound { return a.bytes.lowerBound < b.bytes.lowerBound }
        if a.bytes.upperBound != b.bytes.upperBound { return a.bytes.upperBound < b.bytes.upperBound }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.raw.lexicographicallyPrecedes(b.raw)
    }

    struct SpanKey: Hashable {
        let kind: String
        let lo: Int
        let hi: Int
    }

    static func diffDocument(_ doc: String, old: [DiffRecord], new: [DiffRecord]) -> ([Difference], Int) {
        let old = old.sorted(by: precedes), new = new.sorted(by: precedes)
        var byKey: [SpanKey: [Int]] = [:]
        for (i, r) in old.enumerated() { byKey[SpanKey(kind: r.kind, lo: r.bytes.lowerBound, hi: r.bytes.upperBound), default: []].append(i) }
        var oldTaken = [Bool](repeating: false, count: old.count)
        var newTaken = [Bool](repeating: false, count: new.count)
        var out: [Difference] = []
        var unchanged = 0
        // Identical records first, so that of two records on one span the unchanged one is never shown; then
        // records of the same rule; then any.
        for pass in 0..<3 {
            for (j, r) in new.enumerated() where !newTaken[j] {
                let key = SpanKey(kind: r.kind, lo: r.bytes.lowerBound, hi: r.bytes.upperBound)
                guard let candidates = byKey[key] else { continue }
                // The lines are compared once: most pairs are the same line, and comparing is the cost.
                var sameLine = false
                let pick = candidates.first { i in
                    guard !oldTaken[i] else { return false }
                    switch pass {
                    case 0: sameLine = old[i].raw == r.raw; return sameLine || old[i].json == r.json
                    case 1: return old[i].rule == r.rule
                    default: return true
                    }
                }
                guard let i = pick else { continue }
                oldTaken[i] = true
                newTaken[j] = true
                let fields = sameLine ? [] : fieldChanges(old[i], r)
                if fields.isEmpty { unchanged += 1 } else {
                    out.append(Difference(change: .changed, doc: doc, kind: r.kind, old: [old[i]], new: [r], fields: fields))
                }
            }
        }
        let restOld = old.indices.filter { !oldTaken[$0] }.map { old[$0] }
        let restNew = new.indices.filter { !newTaken[$0] }.map { new[$0] }
        out += overlapping(doc, old: restOld, new: restNew)
        out.sort { a, b in
            if a.start != b.start { return a.start < b.start }
            if a.kind != b.kind { return a.kind < b.kind }
            return (a.old + a.new).map(\.json.text).joined() < (b.old + b.new).map(\.json.text).joined()
        }
        return (out, unchanged)
    }

    /// The fields that differ between two records, in the old record's key order, then the new one's.
    public static func fieldChanges(_ a: DiffRecord, _ b: DiffRecord) -> [Difference.FieldChange] {
        let fa = a.fields, fb = b.fields
        var out: [Difference.FieldChange] = []
        for (k, v) in fa {
            let w = fb.first { $0.0 == k }?.1
            if w != v { out.append(Difference.FieldChange(field: k, old: v, new: w)) }
        }
        for (k, w) in fb where !fa.contains(where: { $0.0 == k }) {
            out.append(Difference.FieldChange(field: k, old: nil, new: w))
        }
        return out
    }
}
