/// `tiqu report`: one self-contained HTML page of records and the documents they point to. Each document's
/// text with every record highlighted by kind (hover: value, unit, qualifier, indicator, modality, period,
/// point; click: every field); each document's outline in a sidebar; a table of all records
/// that filters by kind, unit, rule and indicator and sorts by value. Filters can be given in the URL's
/// hash (`report.html#kind=money&unit=CNY&sort=value-desc`), which the page keeps up to date.
public struct Report {
    public let records: [DiffRecord]
    public let documents: Documents
    public var title = "tiqu report"
    /// Each document's whole outline (Outlines.of); without it the sidebar shows the points holding records.
    public var outlines: [String: [OutlinePoint]] = [:]

    public init(records: [DiffRecord], documents: Documents) {
        self.records = records
        self.documents = documents
    }

    var docs: [String] {
        var seen = Set<String>(), out: [String] = []
        for r in records where seen.insert(r.doc).inserted { out.append(r.doc) }
        return out
    }

    public func render() -> String {
        let indexed = Array(records.enumerated())
        let byDoc = Dictionary(grouping: indexed, by: \.element.doc)
        var main = "<h1>\(HTML.escape(title))</h1>\n<p id=\"headline\">\(records.count) records in \(docs.count) documents</p>\n"
        main += legend
        var side = "<h2>Points</h2>\n"
        for (k, doc) in docs.enumerated() {
            let rs = byDoc[doc]!.map { (index: $0.offset, record: $0.element) }
            side += ReportTree.html(doc: doc, docIndex: k, records: rs, outline: outlines[doc] ?? [])
            main += "<section class=\"doc\" id=\"d-\(k)\"><h2>\(HTML.escape(doc))</h2>\n"
            if let loaded = documents.document(doc) {
                let held = rs.filter { loaded.holds($0.record) }
                if held.count < rs.count {
                    main += "<p class=\"warn\">\(rs.count - held.count) records do not match this document's text (it changed since they were written) and are not highlighted.</p>\n"
                }
                main += "<div class=\"text\">\(ReportText.marked(loaded, held))</div>\n"
            } else {
                main += "<p class=\"warn\">The document is not at hand (pass --docs DIR): records only, in the table below.</p>\n"
            }
            main += "</section>\n"
        }
        main += ReportTable.html(records)
        let data = JSON.array(records.map(\.json.numbersAsStrings))
        let body = """
            <div class="layout"><aside id="tree">\(side)</aside><main>\(main)</main></div>
            <div id="detail" hidden><button id="detail-close" type="button">close</button><table id="detail-fields"></table></div>
            <script type="application/json" id="tiqu-data">\(HTML.scriptJSON(data))</script>
            """
        return HTML.page(title: title, body: body, extraCSS: ReportScript.css, script: ReportScript.js)
    }

    var legend: String {
        var kinds: [String] = []
        for r in records where !kinds.contains(r.kind) { kinds.append(r.kind) }
        return "<p class=\"legend\">" + kinds.sorted().map { "<mark class=\"rec k-\(HTML.escape($0))\">\(HTML.escape($0))</mark>" }.joined(separator: " ") + "</p>\n"
    }
}

/// The sidebar: per document, its outline as a nested list (labels as written, the number of records
/// under each point), each point linking to its first record, or to the document when it holds none.
enum ReportTree {
    final class Node {
        let label: String
        var first: Int
        var count = 0
        var children: [Node] = []
        init(_ label: String, first: Int) {
            self.label = label
            self.first = first
        }
        func child(_ label: String, first: Int) -> Node {
            if let c = children.first(where: { $0.label == label }) { return c }
            let c = Node(label, first: first)
            children.append(c)
            return c
        }
    }

    static func html(doc: String, docIndex: Int, records: [(index: Int, record: DiffRecord)], outline: [OutlinePoint] = []) -> String {
        let root = Node(doc, first: records.first?.index ?? 0)
        for p in outline {
            var node = root
            for label in p.path { node = node.child(label, first: -1) }
        }
        for (i, r) in records.sorted(by: { $0.record.chars.lowerBound < $1.record.chars.lowerBound }) {
            var node = root
            node.count += 1
            var path = ReportText.pointPath(r)
            if case .number(let s)? = r["point"]?["speech"] { path.insert("speech " + s, at: 0) }
            for label in path {
                node = node.child(label, first: i)
                if node.first < 0 { node.first = i }
                node.count += 1
            }
        }
        return "<details open class=\"tree-doc\"><summary><a href=\"#d-\(docIndex)\">\(HTML.escape(doc))</a> <span class=\"count\">\(root.count)</span></summary>\n"
            + list(root.children, docIndex: docIndex) + "</details>\n"
    }

    static func list(_ nodes: [Node], docIndex: Int) -> String {
        guard !nodes.isEmpty else { return "" }
        return "<ul>" + nodes.map { n in
            let link = n.first >= 0 ? "<a href=\"#r-\(n.first)\" data-jump=\"\(n.first)\">" : "<a class=\"empty\" href=\"#d-\(docIndex)\">"
            return "<li>\(link)\(HTML.escape(n.label))</a> <span class=\"count\">\(n.count)</span>" + list(n.children, docIndex: docIndex) + "</li>"
        }.joined() + "</ul>\n"
    }
}

/// The table of every record, with its filters (each lists the values present) and the value sort.
enum ReportTable {
    static let filters = [("kind", "kind"), ("unit", "unit"), ("rule", "rule")]

    static func html(_ records: [DiffRecord]) -> String {
        var out = "<h2 id=\"records\">Records</h2>\n<form id=\"filters\" onsubmit=\"return false\">"
        for (key, label) in filters {
            let values = Set(records.map { attr($0, key) }).sorted()
            out += "<label>\(label) <select name=\"\(key)\"><option value=\"\">all</option>"
            out += values.map { "<option value=\"\(HTML.escape($0))\">\(HTML.escape($0.isEmpty ? "(none)" : $0))</option>" }.joined()
            out += "</select></label> "
        }
        out += "<label>indicator <input name=\"indicator\" list=\"indicators\" placeholder=\"contains\"></label>"
        out += "<datalist id=\"indicators\">" + Set(records.map { attr($0, "indicator") }).filter { !$0.isEmpty }.sorted()
            .map { "<option value=\"\(HTML.escape($0))\">" }.joined() + "</datalist>"
        out += " <span id=\"shown\">\(records.count) of \(records.count) records</span></form>\n"
        out += "<table id=\"record-table\"><thead><tr><th>#</th><th>doc</th><th>kind</th><th>rule</th><th>text</th>"
        out += "<th class=\"sort\" id=\"sort-value\" title=\"sort by value\">value</th><th>unit</th><th>qualifier</th><th>change</th><th>indicator</th><th>modality</th><th>period</th><th>point</th></tr></thead>\n<tbody>\n"
        for (i, r) in records.enumerated() { out += row(i, r) }
        return out + "</tbody></table>\n"
    }

    /// The text a filter compares: the field as written, `""` when null or absent.
    static func attr(_ r: DiffRecord, _ key: String) -> String {
        guard let v = r[key], v != .null else { return "" }
        return v.plain
    }

    static func row(_ i: Int, _ r: DiffRecord) -> String {
        let value = r["value"] ?? .null
        let sortKey = value["low"]?.plain ?? value.plain
        var out = "<tr data-r=\"\(i)\" data-kind=\"\(HTML.escape(r.kind))\" data-unit=\"\(HTML.escape(attr(r, "unit")))\""
        out += " data-rule=\"\(HTML.escape(r.rule))\" data-indicator=\"\(HTML.escape(attr(r, "indicator")))\" data-v=\"\(HTML.escape(sortKey))\">"
        out += "<td class=\"n\">\(i + 1)</td><td>\(HTML.escape(r.doc))</td><td>\(HTML.escape(r.kind))</td><td><code>\(HTML.escape(r.rule))</code></td>"
        out += "<td><a href=\"#r-\(i)\" data-jump=\"\(i)\">\(HTML.escape(r.text))</a></td><td class=\"n\">\(HTML.escape(value == .null ? "" : value.plain))</td>"
        for k in ["unit", "qualifier", "change", "indicator", "modality", "period"] { out += "<td>\(HTML.escape(attr(r, k)))</td>" }
        return out + "<td>\(HTML.escape(ReportText.pointLabel(r)))</td></tr>\n"
    }
}
