import Foundation

/// The diff as a pull-request comment (GitHub-flavoured Markdown): a headline, the summary by kind and by
/// rule as tables, then one entry per difference with its fields (old and new) and its sentence, the
/// record's text in bold. More than `collapseAfter` differences are folded in a `<details>` element, and so
/// is the table by rule when it is long, so the comment stays readable.
public struct MarkdownFormat {
    public let view: DiffView
    public var collapseAfter = 20
    public var title = "tiqu diff"

    public init(_ view: DiffView) { self.view = view }

    public func render() -> String {
        var out = "### \(title): \(view.headline)\n"
        guard !view.diff.differences.isEmpty else { return out }
        out += "\n" + table("kind", view.summary.byKind, total: true)
        let rules = table("rule", view.summary.byRule, total: false)
        out += view.summary.byRule.count > 10 ? "\n<details><summary>By rule (\(view.summary.byRule.count) rules)</summary>\n\n\(rules)\n</details>\n" : "\n" + rules
        let entries = view.diff.differences.map(entry).joined(separator: "\n")
        let n = view.diff.differences.count
        if n > collapseAfter {
            out += "\n<details><summary>\(n) differences</summary>\n\n" + entries + "\n</details>\n"
        } else {
            out += "\n" + entries
        }
        return out
    }

    func table(_ title: String, _ rows: [(String, DiffSummary.Counts)], total: Bool) -> String {
        var out = "| \(title) | " + DiffView.columns.map(\.0).joined(separator: " | ") + " |\n"
        out += "| --- |" + String(repeating: " ---: |", count: DiffView.columns.count) + "\n"
        for (name, c) in rows {
            out += "| `\(name)` | " + DiffView.columns.map { String($0.1(c)) }.joined(separator: " | ") + " |\n"
        }
        if total {
            out += "| **total** | " + DiffView.columns.map { "**\($0.1(view.summary.total))**" }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    func entry(_ d: Difference) -> String {
        let rules = d.rules.map { "`\($0)`" }.joined(separator: ", ")
        var out = "**\(d.change.rawValue)** \(d.kind) \(rules) in `\(view.location(d))`: "
        switch d.change {
        case .added, .removed:
            let r = (d.new.first ?? d.old.first)!
            out += code(r.text) + (DiffView.brief(r).isEmpty ? "" : " (\(Self.cell(DiffView.brief(r))))") + "\n"
        case .changed:
            out += code(d.old[0].text) + (d.old[0].text == d.new[0].text ? "" : " \u{2192} " + code(d.new[0].text)) + "\n\n"
            out += "| field | old | new |\n| --- | --- | --- |\n"
            for f in d.fields { out += "| `\(f.field)` | \(code(DiffView.show(f.old))) | \(code(DiffView.show(f.new))) |\n" }
        case .split, .merged, .regrouped:
            out += d.old.map { code($0.text) }.joined(separator: ", ") + " \u{2192} " + d.new.map { code($0.text) }.joined(separator: ", ") + "\n\n"
            for r in d.old { out += "- old `\(r.rule)` \(code(r.text)): \(Self.cell(DiffView.brief(r)))\n" }
            for r in d.new { out += "- new `\(r.rule)` \(code(r.text)): \(Self.cell(DiffView.brief(r)))\n" }
        }
        out += quote(d)
        return out
    }

    /// The sentence as a block quote, each side's records in bold (old struck through when sides differ).
    func quote(_ d: Difference) -> String {
        guard let docs = view.documents else { return "" }
        let sameSpan = d.change == .changed && d.old[0].chars == d.new[0].chars
        let bothSides = !d.old.isEmpty && !d.new.isEmpty && !sameSpan
        var out = ""
        for (records, old) in sameSpan ? [(d.new, false)] : [(d.old, true), (d.new, false)] where !records.isEmpty {
            guard let pieces = docs.sentence(records) else { continue }
            let mark = old ? "~~" : "**"
            out += "\n> " + (!bothSides ? "" : old ? "old: " : "new: ")
                + pieces.map { $0.record == nil ? Self.escape($0.text) : mark + Self.escape($0.text) + mark }.joined() + "\n"
        }
        return out
    }

    /// Inline code that survives any content: a fence longer than any run of backticks inside.
    func code(_ s: String) -> String {
        var longest = 0, run = 0
        for c in s { run = c == "`" ? run + 1 : 0; longest = max(longest, run) }
        let fence = String(repeating: "`", count: longest + 1)
        let body = s.replacingOccurrences(of: "|", with: "\\|")
        return longest > 0 || body.hasPrefix("`") ? "\(fence) \(body) \(fence)" : "\(fence)\(body)\(fence)"
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    /// Markdown's special characters in running text, escaped; HTML's `<` and `&` too (GitHub renders HTML).
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#": out += "\\\(c)"
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            default: out.append(c)
            }
        }
        return out
    }
}
