import Foundation
import PCRE2
import Yams

/// Loads a rules directory: named sub-patterns (`patterns:`) from every file, then rules (`rules:`),
/// expanding `{{NAME}}` references and compiling each with PCRE2. Every problem is reported with the
/// rule file's line and column; a rule that fails is left out and the others still load.
public enum RuleLoader {
    public struct Result: Sendable {
        public let ruleSet: RuleSet
        public let errors: [RuleError]
    }

    /// All compile options of rule patterns: extended mode, so patterns can be laid out and commented.
    static let options: Regex.Options = [.extended, .multiline]

    public static func load(directory: String) -> Result {
        var errors: [RuleError] = []
        let files = yamlFiles(under: directory)
        if files.isEmpty {
            errors.append(RuleError(SourceLocation(file: directory, line: 1, column: 1),
                                    "no rule files (*.yaml) found; pass --rules DIR with the rules folder"))
        }
        var documents: [(String, String, Node)] = []
        for path in files {
            let display = displayPath(path, root: directory)
            guard let data = FileManager.default.contents(atPath: path), let yaml = String(data: data, encoding: .utf8) else {
                errors.append(RuleError(SourceLocation(file: display, line: 1, column: 1), "cannot read the file as UTF-8"))
                continue
            }
            do {
                if let node = try Yams.compose(yaml: yaml) { documents.append((display, yaml, node)) }
            } catch let e as YamlError {
                errors.append(yamlError(e, file: display))
            } catch {
                errors.append(RuleError(SourceLocation(file: display, line: 1, column: 1), "\(error)"))
            }
        }

        var library = PatternLibrary()
        var ruleNodes: [(FileContext, Node)] = []
        for (display, yaml, node) in documents {
            let ctx = FileContext(file: display, lines: yaml.components(separatedBy: "\n"))
            guard let map = node.mapping else {
                errors.append(RuleError(ctx.location(node), "a rule file is a mapping with `patterns:` and/or `rules:`"))
                continue
            }
            for (key, value) in map {
                switch key.string {
                case "patterns": library.add(value, ctx: ctx, errors: &errors)
                case "rules":
                    guard let seq = value.sequence else {
                        errors.append(RuleError(ctx.location(value), "`rules:` must be a list of rules"))
                        continue
                    }
                    for r in seq { ruleNodes.append((ctx, r)) }
                default:
                    errors.append(RuleError(ctx.location(key), "unknown key `\(key.string ?? "?")`: expected `patterns:` or `rules:`"))
                }
            }
        }

        var rules: [Rule] = []
        var seen: [String: SourceLocation] = [:]
        for (ctx, node) in ruleNodes {
            do {
                let rule = try RuleParser.parse(node, ctx: ctx, library: library)
                if let first = seen[rule.id] {
                    errors.append(RuleError(rule.location, "duplicate rule id `\(rule.id)` (first defined at \(first))"))
                    continue
                }
                seen[rule.id] = rule.location
                rules.append(rule)
            } catch let e as RuleError {
                errors.append(e)
            } catch {
                errors.append(RuleError(ctx.location(node), "\(error)"))
            }
        }
        rules.sort { $0.id < $1.id }
        let set = RuleSet(rules: rules.filter { $0.kind.isExtraction }, removalRules: rules.filter { $0.kind == .remove },
                          flagRules: rules.filter { $0.kind == .flag },
                          lexicon: library.lexicon)
        return Result(ruleSet: set, errors: errors.sorted { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) })
    }

    static func yamlFiles(under directory: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") { out.append((directory as NSString).appendingPathComponent(rel)) }
        }
        return out.sorted()
    }

    static func displayPath(_ path: String, root: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    static func yamlError(_ e: YamlError, file: String) -> RuleError {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RuleError(SourceLocation(file: file, line: mark.line, column: mark.column), "invalid YAML: \(problem)")
        default:
            return RuleError(SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(e)")
        }
    }
}

/// A rule file's text, to turn YAML marks and offsets inside scalars into file:line:col.
struct FileContext {
    let file: String
    let lines: [String]

    func location(_ node: Node) -> SourceLocation {
        let m = node.mark
        return SourceLocation(file: file, line: m?.line ?? 1, column: m?.column ?? 1)
    }

    /// The location of UTF-8 byte `offset` inside the scalar `node` (plain, quoted or block).
    func location(ofByte offset: Int, in node: Node) -> SourceLocation {
        guard let scalar = node.scalar, let mark = node.mark else { return location(node) }
        // PCRE2 reports "missing )" at the very end: point at the last written character, not past the
        // block scalar's closing newline.
        var utf8 = Array(scalar.string.utf8)
        while let last = utf8.last, last == 0x0A || last == 0x20 { utf8.removeLast() }
        let prefix = String(decoding: utf8.prefix(offset), as: UTF8.self)
        let lineInValue = prefix.filter { $0 == "\n" }.count
        let colInLine = (prefix.split(separator: "\n", omittingEmptySubsequences: false).last.map { $0.unicodeScalars.count }) ?? 0
        switch scalar.style {
        case .literal, .folded:
            // The value starts on the line after the `|` indicator, at that block's indentation.
            let lineNo = mark.line + 1 + lineInValue
            let text = lineNo - 1 < lines.count ? lines[lineNo - 1] : ""
            let indent = text.prefix { $0 == " " }.count
            return SourceLocation(file: file, line: lineNo, column: indent + colInLine + 1)
        case .singleQuoted, .doubleQuoted:
            return SourceLocation(file: file, line: mark.line + lineInValue, column: (lineInValue == 0 ? mark.column + 1 : 1) + colInLine)
        default:
            return SourceLocation(file: file, line: mark.line + lineInValue, column: (lineInValue == 0 ? mark.column : 1) + colInLine)
        }
    }
}
