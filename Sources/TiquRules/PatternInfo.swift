/// One named sub-pattern or word list as an author sees it: for `tiqu rules doc` (the generated list of
/// docs/RULES.md) and `tiqu explain --pattern` (a rule's pattern with every sub-pattern written out).
public struct PatternInfo: Sendable {
    public let name: String
    public let location: SourceLocation
    /// The pattern as written, or for a word list the alternation it becomes.
    public let text: String
    /// The words of a word list (empty for a pattern).
    public let words: [String]
    public let category: String?
    public let doc: String?
    /// The names this one refers to as `{{NAME}}`.
    public let references: [String]

    static func all(_ library: PatternLibrary) -> [PatternInfo] {
        library.entries.values.sorted { $0.name < $1.name }.map { e in
            PatternInfo(name: e.name, location: e.location, text: e.text, words: e.words, category: e.category, doc: e.doc,
                        references: e.generated ? [] : PatternLibrary.references(in: e.text))
        }
    }
}

/// A pattern with each `{{NAME}}` it uses written out below it, indented one step per level, every name
/// once (a second use says where it was shown). Word lists show their first words.
public enum PatternTree {
    public static func render(_ source: String, patterns: [PatternInfo]) -> String {
        let byName = Dictionary(patterns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String] = []
        var shown = Set<String>()
        func lines(_ text: String, depth: Int) {
            let pad = String(repeating: "    ", count: depth)
            for l in text.split(separator: "\n", omittingEmptySubsequences: true) { out.append(pad + String(l.drop { $0 == " " })) }
            for name in PatternLibrary.references(in: text) {
                guard let p = byName[name] else { out.append(pad + "  {{\(name)}}: not defined"); continue }
                guard shown.insert(name).inserted else { out.append(pad + "  {{\(name)}}: as above"); continue }
                if !p.words.isEmpty {
                    let first = p.words.prefix(12).joined(separator: "|") + (p.words.count > 12 ? "|… (\(p.words.count) words)" : "")
                    out.append(pad + "  {{\(name)}} = words of `\(p.category ?? "?")` (\(p.location)): " + first)
                } else {
                    out.append(pad + "  {{\(name)}} = (\(p.location))")
                    lines(p.text, depth: depth + 1)
                }
            }
        }
        lines(source, depth: 0)
        return out.joined(separator: "\n")
    }
}
