/// A document's text as HTML with every record a `<mark>`: `id="r-N"` and `data-r="N"` on exactly one
/// element per record. Records nest (a date inside a project's title); where two only overlap, the inner
/// one is closed and reopened as a continuation (`data-c="N"`, no id), so the markup stays well formed.
enum ReportText {
    static func marked(_ doc: Documents.Loaded, _ records: [(index: Int, record: DiffRecord)]) -> String {
        let n = doc.decoded.scalars.count
        let items = records.filter { $0.record.chars.upperBound <= n }
            .sorted { a, b in
                a.record.chars.lowerBound != b.record.chars.lowerBound ? a.record.chars.lowerBound < b.record.chars.lowerBound
                    : a.record.chars.upperBound != b.record.chars.upperBound ? a.record.chars.upperBound > b.record.chars.upperBound : a.index < b.index
            }
        var bounds = Set<Int>([0, n])
        for it in items { bounds.insert(it.record.chars.lowerBound); bounds.insert(it.record.chars.upperBound) }
        var out = ""
        var stack: [(index: Int, record: DiffRecord)] = []
        var next = 0
        var at = 0
        for b in bounds.sorted() {
            if b > at { out += HTML.escape(doc.decoded.text(at..<b)); at = b }
            // Close what ends here; reopen, as continuations, what was opened after it and goes on.
            if let k = stack.firstIndex(where: { $0.record.chars.upperBound <= b }) {
                out += String(repeating: "</mark>", count: stack.count - k)
                let reopen = stack[(k + 1)...].filter { $0.record.chars.upperBound > b }
                stack.removeSubrange(k...)
                for it in reopen {
                    out += "<mark class=\"rec k-\(HTML.escape(it.record.kind)) cont\" data-c=\"\(it.index)\">"
                    stack.append(it)
                }
            }
            while next < items.count, items[next].record.chars.lowerBound == b {
                let it = items[next]
                out += "<mark class=\"rec k-\(HTML.escape(it.record.kind))\" id=\"r-\(it.index)\" data-r=\"\(it.index)\" title=\"\(HTML.escape(tooltip(it.record)))\">"
                if it.record.chars.isEmpty { out += "</mark>" } else { stack.append(it) }
                next += 1
            }
        }
        return out + String(repeating: "</mark>", count: stack.count)
    }

    /// What hovering shows: kind and rule, value and unit, qualifier, change, indicator, modality, period, point.
    static func tooltip(_ r: DiffRecord) -> String {
        var parts = ["\(r.kind) (\(r.rule))"]
        var value = (r["value"] ?? .null).plain
        if let u = r["unit"], u != .null { value += " " + u.plain }
        parts.append("value: " + value)
        for k in ["qualifier", "change", "indicator", "modality", "period"] {
            if let v = r[k], v != .null { parts.append("\(k): \(v.plain)") }
        }
        parts.append("point: " + pointLabel(r))
        return parts.joined(separator: "\n")
    }

    /// The point's path as written, joined by ` / `; `(none)` outside any point.
    static func pointLabel(_ r: DiffRecord) -> String {
        var path = pointPath(r)
        if case .number(let s)? = r["point"]?["speech"] { path.insert("speech " + s, at: 0) }
        return path.isEmpty ? "(none)" : path.joined(separator: " / ")
    }

    static func pointPath(_ r: DiffRecord) -> [String] {
        guard case .array(let a)? = r["point"]?["path"] else { return [] }
        return a.compactMap(\.string)
    }
}

extension JSON {
    /// For people: strings without quotes, ranges as `low-high`, numbers as written.
    var plain: String {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .null: return "null"
        case .object where self["low"] != nil && self["high"] != nil: return self["low"]!.plain + "-" + self["high"]!.plain
        default: return text
        }
    }

    /// The same value with every number as a string, for a page's script (JavaScript reads numbers as
    /// doubles; the page shows values exactly as the records hold them).
    var numbersAsStrings: JSON {
        switch self {
        case .number(let n): return .string(n)
        case .array(let a): return .array(a.map(\.numbersAsStrings))
        case .object(let o): return .object(o.map { ($0.0, $0.1.numbersAsStrings) })
        default: return self
        }
    }
}
