/// Counts of differences by kind and by rule, for the summary tables.
public struct DiffSummary: Sendable, Equatable {
    /// Counts of one row: added, removed, changed, and boundary moves (split, merged, regrouped).
    public struct Counts: Sendable, Equatable {
        public var added = 0, removed = 0, changed = 0, split = 0, merged = 0, regrouped = 0
        public var total: Int { added + removed + changed + split + merged + regrouped }
        /// Split, merged and regrouped together: the "boundary moved" column.
        public var moved: Int { split + merged + regrouped }

        mutating func add(_ c: Difference.Change) {
            switch c {
            case .added: added += 1
            case .removed: removed += 1
            case .changed: changed += 1
            case .split: split += 1
            case .merged: merged += 1
            case .regrouped: regrouped += 1
            }
        }

        public subscript(c: Difference.Change) -> Int {
            switch c {
            case .added: return added
            case .removed: return removed
            case .changed: return changed
            case .split: return split
            case .merged: return merged
            case .regrouped: return regrouped
            }
        }
    }

    public var total = Counts()
    /// By kind, sorted by kind.
    public var byKind: [(String, Counts)] = []
    /// By rule, sorted by rule id. A difference that touches two rules (a changed record whose rule
    /// changed, a split into records of two rules) counts once under each.
    public var byRule: [(String, Counts)] = []

    public init(_ diff: RecordDiff) {
        var kinds: [String: Counts] = [:], rules: [String: Counts] = [:]
        for d in diff.differences {
            total.add(d.change)
            kinds[d.kind, default: Counts()].add(d.change)
            for r in d.rules { rules[r, default: Counts()].add(d.change) }
        }
        byKind = kinds.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        byRule = rules.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public static func == (a: DiffSummary, b: DiffSummary) -> Bool {
        a.total == b.total && a.byKind.map(\.0) == b.byKind.map(\.0) && a.byKind.map(\.1) == b.byKind.map(\.1)
            && a.byRule.map(\.0) == b.byRule.map(\.0) && a.byRule.map(\.1) == b.byRule.map(\.1)
    }

    /// "2 added, 1 removed, 3 changed, 1 split": the non-zero counts, in that order.
    public var line: String {
        let parts = Difference.Change.allCases.compactMap { c in total[c] > 0 ? "\(total[c]) \(c.rawValue)" : nil }
        return parts.isEmpty ? "no differences" : parts.joined(separator: ", ")
    }
}
