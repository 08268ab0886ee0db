/// The diff as one JSON object (one line, keys in this order), for tools:
/// `{"identical":false,"old":208,"new":209,"unchanged":205,
///   "summary":{"total":{COUNTS},"by_kind":{"money":{COUNTS}},"by_rule":{"money.amount":{COUNTS}}},
///   "differences":[{"change":"changed","doc":"a.txt","kind":"money","rules":["money.amount"],
///                   "old":[RECORD],"new":[RECORD],"fields":[{"field":"value","old":1,"new":2}],
///                   "line":3,"sentence":"..."}]}`
/// COUNTS is `{"added":0,"removed":0,"changed":1,"split":0,"merged":0,"regrouped":0}`. Records are as
/// read (exact decimals kept). In `fields`, a key absent on one side has no `old` (or `new`). `line` and
/// `sentence` (the new side's, else the old one's) appear when the document is at hand.
public struct JSONFormat {
    public let view: DiffView

    public init(_ view: DiffView) { self.view = view }

    public func render() -> String {
        let d = view.diff
        var top: [(String, JSON)] = [
            ("identical", .bool(d.identical)), ("old", .number(String(d.oldCount))), ("new", .number(String(d.newCount))),
            ("unchanged", .number(String(d.unchanged))),
        ]
        top.append(("summary", .object([
            ("total", Self.counts(view.summary.total)),
            ("by_kind", .object(view.summary.byKind.map { ($0.0, Self.counts($0.1)) })),
            ("by_rule", .object(view.summary.byRule.map { ($0.0, Self.counts($0.1)) })),
        ])))
        top.append(("differences", .array(d.differences.map(difference))))
        return JSON.object(top).text + "\n"
    }

    static func counts(_ c: DiffSummary.Counts) -> JSON {
        .object(Difference.Change.allCases.map { ($0.rawValue, .number(String(c[$0]))) })
    }

    func difference(_ d: Difference) -> JSON {
        var o: [(String, JSON)] = [
            ("change", .string(d.change.rawValue)), ("doc", .string(d.doc)), ("kind", .string(d.kind)),
            ("rules", .array(d.rules.map(JSON.string))), ("old", .array(d.old.map(\.json))), ("new", .array(d.new.map(\.json))),
        ]
        if d.change == .changed {
            o.append(("fields", .array(d.fields.map { f in
                var e: [(String, JSON)] = [("field", .string(f.field))]
                if let v = f.old { e.append(("old", v)) }
                if let v = f.new { e.append(("new", v)) }
                return .object(e)
            })))
        }
        let side = d.new.isEmpty ? d.old : d.new
        if let docs = view.documents, let doc = docs.document(d.doc), doc.holds(side[0]) {
            o.append(("line", .number(String(doc.line(side[0])))))
            if let pieces = docs.sentence(side) { o.append(("sentence", .string(pieces.map(\.text).joined()))) }
        }
        return .object(o)
    }
}
