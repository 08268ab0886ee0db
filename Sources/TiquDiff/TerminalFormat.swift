import Foundation

/// What every format shares: how a difference is named, placed and summarized in words.
public struct DiffView {
    public let diff: RecordDiff
    public let summary: DiffSummary
    public let documents: Documents?

    public init(_ diff: RecordDiff, documents: Documents?) {
        self.diff = diff
        summary = DiffSummary(diff)
        self.documents = documents
    }

    /// `doc:line` when the document is at hand, else `doc@byte`.
    public func location(_ d: Difference) -> String {
        let first = (d.new.first ?? d.old.first)!
        if let doc = documents?.document(d.doc), doc.holds(first) { return "\(d.doc):\(doc.line(first))" }
        return "\(d.doc)@\(first.bytes.lowerBound)"
    }

    /// A field's value as JSON text; `(absent)` when the key is not there.
    public static func show(_ v: JSON?) -> String { v.map(\.text) ?? "(absent)" }

    /// The fields worth a glance on an added or removed record: value, unit, qualifier, change, indicator,
    /// modality, period, those that are not null.
    public static func brief(_ r: DiffRecord) -> String {
        ["value", "unit", "qualifier", "change", "indicator", "modality", "period"].compactMap { k in
            guard let v = r[k], v != .null else { return nil }
            return "\(k) \(v.text)"
        }.joined(separator: ", ")
    }

    /// "3 differences (208 → 209 records, 205 unchanged): 1 added, 2 changed".
    public var headline: String {
        let n = diff.differences.count
        let counts = "\(diff.oldCount) \u{2192} \(diff.newCount) records, \(diff.unchanged) unchanged"
        return n == 0 ? "no differences (\(counts))" : "\(n) difference\(n == 1 ? "" : "s") (\(counts)): \(summary.line)"
    }

    public static let columns: [(String, (DiffSummary.Counts) -> Int)] = [
        ("added", \.added), ("removed", \.removed), ("changed", \.changed), ("split/merged", \.moved),
    ]
}

/// The diff for a person at a terminal: one block per difference (its sentence with the records marked,
/// when the document is at hand), then the summary by kind and by rule. ANSI colours only when asked
/// (the CLI asks when stdout is a terminal and NO_COLOR is unset).
public struct TerminalFormat {
    public let view: DiffView
    public let color: Bool

    public init(_ view: DiffView, color: Bool) {
        self.view = view
        self.color = color
    }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    static func code(_ c: Difference.Change) -> String {
        switch c {
        case .added: return "32"
        case .removed: return "31"
        case .changed: return "33"
        case .split, .merged, .regrouped: return "36"
        }
    }

    static func sign(_ c: Difference.Change) -> String {
        switch c {
        case .added: return "+"
        case .removed: return "-"
        case .changed: return "~"
        case .split, .merged, .regrouped: return "%"
        }
    }

    public func render() -> String {
        var out = ""
        for d in view.diff.differences { out += block(d) }
        if !view.diff.differences.isEmpty { out += "\n" + table("kind", view.summary.byKind) + "\n" + table("rule", view.summary.byRule) + "\n" }
        out += view.headline + "\n"
        return out
    }

    func block(_ d: Difference) -> String {
        let c = Self.code(d.change)
        let rules = d.old.map(\.rule) == d.new.map(\.rule) || d.old.isEmpty || d.new.isEmpty
            ? (d.old + d.new).map(\.rule).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ", ")
            : d.old.map(\.rule).joined(separator: ", ") + " \u{2192} " + d.new.map(\.rule).joined(separator: ", ")
        let head = "\(Self.sign(d.change)) \(d.change.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(view.location(d))  \(d.kind)  \(rules)"
        var out = paint(head, c + ";1") + "\n"
        switch d.change {
        case .added, .removed:
            let r = (d.new.first ?? d.old.first)!
            out += "    \(r.text)" + (DiffView.brief(r).isEmpty ? "" : "  (\(DiffView.brief(r)))") + "\n"
        case .changed:
            let width = d.fields.map(\.field.count).max() ?? 0
            for f in d.fields {
                out += "    \(f.field.padding(toLength: width, withPad: " ", startingAt: 0))  " +
                    paint(DiffView.show(f.old), "31") + " \u{2192} " + paint(DiffView.show(f.new), "32") + "\n"
            }
        case .split, .merged, .regrouped:
            for r in d.old { out += paint("    - \(r.text)  (\(DiffView.brief(r)))", "31") + "\n" }
            for r in d.new { out += paint("    + \(r.text)  (\(DiffView.brief(r)))", "32") + "\n" }
        }
        out += sentences(d)
        return out
    }

    /// The sentence, once per side whose records it shows: old records marked in red, new ones in green;
    /// without colour, records are marked `[[...]]`.
    func sentences(_ d: Difference) -> String {
        guard let docs = view.documents else { return "" }
        var out = ""
        let sides: [(String, [DiffRecord], String)] = d.change == .changed && d.old[0].chars == d.new[0].chars && d.old[0].sentence == d.new[0].sentence
            ? [(" ", d.new, "33")] : [("-", d.old, "31"), ("+", d.new, "32")]
        for (sign, records, code) in sides where !records.isEmpty {
            guard let pieces = docs.sentence(records) else { continue }
            let text = pieces.map { $0.record == nil ? $0.text : (color ? paint($0.text, code + ";1;4") : "[[\($0.text)]]") }.joined()
            out += paint("   \(sign)| ", "2") + text + "\n"
        }
        return out
    }

    func table(_ title: String, _ rows: [(String, DiffSummary.Counts)]) -> String {
        let width = max(title.count, rows.map(\.0.count).max() ?? 0)
        var out = title.padding(toLength: width, withPad: " ", startingAt: 0)
        for (name, _) in DiffView.columns { out += "  " + name }
        out += "\n"
        for (name, counts) in rows {
            out += name.padding(toLength: width, withPad: " ", startingAt: 0)
            for (col, value) in DiffView.columns {
                let v = String(value(counts))
                out += "  " + String(repeating: " ", count: max(0, col.count - v.count)) + v
            }
            out += "\n"
        }
        return out
    }
}
