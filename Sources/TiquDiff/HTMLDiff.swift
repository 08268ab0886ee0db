/// The diff as one self-contained HTML page: the summary tables, then one card per difference with its
/// sentence, added records marked green, removed ones red and struck through, changed ones amber, and for a
/// changed record a table of its fields, old and new.
public struct HTMLDiff {
    public let view: DiffView

    public init(_ view: DiffView) { self.view = view }

    public func render() -> String {
        var body = "<main class=\"diff\">\n<h1>tiqu diff</h1>\n<p id=\"headline\">\(HTML.escape(view.headline))</p>\n"
        if !view.diff.differences.isEmpty {
            body += table("kind", view.summary.byKind) + table("rule", view.summary.byRule)
            body += "<h2>Differences</h2>\n"
            for (i, d) in view.diff.differences.enumerated() { body += card(d, i) }
        }
        body += "</main>\n"
        let css = """
            main.diff { max-width: 1100px; margin: 0 auto; padding: 16px; }
            .card { background: #fff; border: 1px solid #e5e7eb; border-left: 6px solid #9ca3af; margin: 10px 0; padding: 8px 12px; }
            .card.added { border-left-color: #16a34a; } .card.removed { border-left-color: #dc2626; }
            .card.changed { border-left-color: #d97706; } .card.split, .card.merged, .card.regrouped { border-left-color: #0891b2; }
            .card .head { font-weight: bold; } .card .sentence { margin: 6px 0; }
            .card .side { color: #6b7280; font-size: 12px; margin-right: 6px; }
            td.old { background: #fef2f2; } td.new { background: #f0fdf4; }
            """
        return HTML.page(title: "tiqu diff: " + view.headline, body: body, extraCSS: css)
    }

    func table(_ title: String, _ rows: [(String, DiffSummary.Counts)]) -> String {
        var out = "<h2>By \(title)</h2>\n<table class=\"summary\" id=\"by-\(title)\">\n<tr><th>\(title)</th>"
        for (c, _) in DiffView.columns { out += "<th>\(c)</th>" }
        out += "</tr>\n"
        for (name, counts) in rows {
            out += "<tr><td><code>\(HTML.escape(name))</code></td>"
            for (_, v) in DiffView.columns { out += "<td class=\"n\">\(v(counts))</td>" }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    func card(_ d: Difference, _ i: Int) -> String {
        var out = "<section class=\"card \(d.change.rawValue)\" id=\"d-\(i)\" data-change=\"\(d.change.rawValue)\">\n"
        out += "<div class=\"head\">\(d.change.rawValue) \(HTML.escape(d.kind)) "
        out += d.rules.map { "<code>\(HTML.escape($0))</code>" }.joined(separator: ", ")
        out += " in <code>\(HTML.escape(view.location(d)))</code></div>\n"
        out += sentences(d)
        if d.change == .changed {
            out += "<table class=\"fields\"><tr><th>field</th><th>old</th><th>new</th></tr>\n"
            for f in d.fields {
                out += "<tr><td><code>\(HTML.escape(f.field))</code></td><td class=\"old\"><code>\(HTML.escape(DiffView.show(f.old)))</code></td>"
                out += "<td class=\"new\"><code>\(HTML.escape(DiffView.show(f.new)))</code></td></tr>\n"
            }
            out += "</table>\n"
        } else {
            out += "<ul class=\"records\">\n"
            for r in d.old { out += "<li class=\"old\">old <code>\(HTML.escape(r.rule))</code> \(HTML.escape(r.text)): \(HTML.escape(DiffView.brief(r)))</li>\n" }
            for r in d.new { out += "<li class=\"new\">new <code>\(HTML.escape(r.rule))</code> \(HTML.escape(r.text)): \(HTML.escape(DiffView.brief(r)))</li>\n" }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    /// The sentence, once for each side with records (once for a changed record that kept its span).
    func sentences(_ d: Difference) -> String {
        let sameSpan = d.change == .changed && d.old[0].chars == d.new[0].chars
        let sides: [(String, [DiffRecord], String)] = sameSpan ? [("", d.new, "chg")] : [("old", d.old, "del"), ("new", d.new, "add")]
        var out = ""
        for (label, records, cls) in sides where !records.isEmpty {
            let side = label.isEmpty ? "" : "<span class=\"side\">\(label)</span>"
            guard let pieces = view.documents?.sentence(records) else {
                out += "<div class=\"sentence\">\(side)" + records.map { "<mark class=\"\(cls)\">\(HTML.escape($0.text))</mark>" }.joined(separator: " ") + "</div>\n"
                continue
            }
            out += "<div class=\"sentence\">\(side)" + pieces.map { p in
                p.record == nil ? HTML.escape(p.text) : "<mark class=\"\(cls)\" title=\"\(HTML.escape(records[p.record!].rule))\">\(HTML.escape(p.text))</mark>"
            }.joined() + "</div>\n"
        }
        return out
    }
}
