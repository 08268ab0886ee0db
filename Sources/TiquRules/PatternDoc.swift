import Foundation

/// The list of sub-patterns and word lists of docs/RULES.md, generated from the pattern files
/// (`tiqu rules doc`), so the guide cannot go stale: a test regenerates it and compares.
public enum PatternDoc {
    public static let begin = "<!-- BEGIN tiqu rules doc (generated; a test checks it) -->"
    public static let end = "<!-- END tiqu rules doc -->"

    /// A Markdown table, one row per name; locations relative to the rules folder `root`.
    public static func markdown(_ patterns: [PatternInfo], root: String) -> String {
        var rows = ["| name | file | what it is |", "| --- | --- | --- |"]
        func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path).standardizedFileURL.path
        }
        let prefix = absolute(root) + "/"
        for p in patterns {
            let full = absolute(p.location.file)
            let file = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : p.location.file
            var what: String
            if p.words.isEmpty {
                what = p.doc ?? ""
                if !p.references.isEmpty {
                    what += (what.isEmpty ? "" : " ") + "Uses " + p.references.map { "`{{\($0)}}`" }.joined(separator: ", ") + "."
                }
            } else {
                let shown = p.words.prefix(8).joined(separator: " ")
                what = "Word list `\(p.category ?? "?")`, \(p.words.count) words: \(shown)\(p.words.count > 8 ? " …" : "")."
                if let doc = p.doc { what = doc + " " + what }
            }
            rows.append("| `\(p.name)` | \(file):\(p.location.line) | \(what.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")) |")
        }
        return ([begin] + rows + [end]).joined(separator: "\n")
    }
}
