import Foundation

/// A new rule file for `tiqu rules new ID --kind KIND`: every field and example section written out, the
/// pattern and prefilter taken from the first rule of that kind (so it loads and lints at once), and a
/// placeholder example filed under `gaps:` until the author writes a real one.
public enum RuleTemplate {
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The folder a kind's rules live in (percentage points sit with percentages).
    public static func folder(for kind: ExtractionKind) -> String {
        switch kind {
        case .percentage_point: return "percent"
        case .remove, .flag: return "clean"
        default: return kind.rawValue
        }
    }

    /// The path, under the rules folder, of the new rule's file: `<folder>/<name after the kind>.yaml`.
    public static func relativePath(id: String, kind: ExtractionKind) -> String {
        let rest = id.split(separator: ".", maxSplits: 1).count == 2 ? String(id.split(separator: ".", maxSplits: 1)[1]) : id
        return folder(for: kind) + "/" + rest.replacingOccurrences(of: ".", with: "_") + ".yaml"
    }

    public static func text(id: String, kind: ExtractionKind, ruleSet: RuleSet) -> String {
        let model = ruleSet.all.first { $0.kind == kind }
        let pattern = model?.source ?? fallback(kind)
        let prefilter = model?.prefilter.map { String(String.UnicodeScalarView($0.sorted { $0.value < $1.value })) }
        let indented = pattern.split(separator: "\n", omittingEmptySubsequences: true).map { "      " + $0 }.joined(separator: "\n")
        var lines = [
            "# \(id): written by `tiqu rules new`. Replace every TODO, then run `tiqu rules lint` and `tiqu rules test \(id)`.",
            "# docs/RULES.md describes each field.",
            "rules:",
            "  - id: \(id)",
            "    kind: \(kind.rawValue)",
            "    # subtype: TODO            # a finer kind, copied into records",
            "    priority: 0                # breaks ties between overlapping matches of the same length; higher wins",
            "    doc: TODO what this rule reads, in one sentence.",
        ]
        if let prefilter { lines.append("    prefilter: \"\(prefilter)\"   # every sentence it matches in holds one of these (or name a word list: \"{{UNIT}}\")") }
        lines += [
            "    # unit: TODO               # a unit fixed by the rule, when the text writes none",
            "    # value: TODO              # a value fixed by the rule",
            "    # inferred: false          # true when the rule supplies a unit the text does not write",
            "    # inside: TODO             # only under headings matching this pattern",
            "    # outside: TODO            # never under headings matching this pattern",
            "    # Started from \(model.map { "the pattern of `\($0.id)` (\($0.location))" } ?? "a minimal pattern"); groups the normalizer reads: \(GroupName.known(for: kind).joined(separator: ", ")).",
            "    pattern: |",
            indented,
            "    examples: []               # TODO: texts it must match, the span marked [[…]], with value:, unit:, qualifier:",
            "    not: []                    # TODO: texts it must not match",
            "    todo_not: []               # known false hits: reported, not failing",
            "    gaps:                      # known misses: reported, not failing; move to examples: once it passes",
            "      - text: \"TODO: a sentence the rule must read, the number marked [[like this]]\"",
            "        note: the placeholder of `tiqu rules new`; replace it with a real example",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func fallback(_ kind: ExtractionKind) -> String {
        switch kind {
        case .date: return "(?<year>[0-9]{4})"
        case .project: return "(?<name>[A-Z][A-Za-z]+)"
        case .remove, .flag: return "TODO"
        default: return "(?<num>[0-9]+)"
        }
    }

    /// Writes the file under `directory`; refuses an id already taken or a file that exists.
    public static func write(id: String, kind: ExtractionKind, directory: String, ruleSet: RuleSet) throws -> String {
        if let other = ruleSet.all.first(where: { $0.id == id }) { throw Problem(description: "rule `\(id)` already exists at \(other.location)") }
        let path = (directory as NSString).appendingPathComponent(relativePath(id: id, kind: kind))
        if FileManager.default.fileExists(atPath: path) { throw Problem(description: "\(path) exists; add the rule to it by hand or choose another id") }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text(id: id, kind: kind, ruleSet: ruleSet).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
