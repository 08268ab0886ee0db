import Foundation
import PCRE2
import TiquText
import Yams

/// Loads a rules directory: named sub-patterns (`patterns:`) from every file, then rules (`rules:`),
/// expanding `{{NAME}}` references and compiling each with PCRE2. Every problem is reported with the
/// rule file's line and column; a rule that fails is left out and the others still load.
public enum RuleLoader {
    public struct Result: Sendable {
        public let ruleSet: RuleSet
        /// Problems that leave something out (exit 2), sorted by file, line and column.
        public let errors: [RuleError]
        /// Rules left out because of an error, and rule files that could not be read or parsed at all.
        public var droppedRules = 0
        public var brokenFiles = 0
        /// Problems that load anyway (`rules lint --strict` fails on them).
        public let warnings: [RuleError]
        /// Every sub-pattern and word list, for `tiqu rules doc`.
        public let patterns: [PatternInfo]
        /// Errors and warnings together, in file order.
        public var diagnostics: [RuleError] { (errors + warnings).sorted(by: RuleLoader.inFileOrder) }
    }

    static func inFileOrder(_ a: RuleError, _ b: RuleError) -> Bool {
        (a.location.file, a.location.line, a.location.column, a.message) < (b.location.file, b.location.line, b.location.column, b.message)
    }

    /// All compile options of rule patterns: extended mode, so patterns can be laid out and commented;
    /// a start limit, so the match stage can confirm a candidate without searching on past it.
    static let options: Regex.Options = [.extended, .multiline, .startLimit]

    /// The rules under `directory`. `warnings: false` (a run) skips the lint's warnings, which cost about
    /// a third of loading (the nested-quantifier search parses every expanded pattern): errors are found
    /// either way, and `Result.warnings` is then empty.
    public static func load(directory: String, warnings: Bool = true) -> Result {
        var errors: [RuleError] = []
        let files = yamlFiles(under: directory)
        let documents = readFiles(files, under: directory, errors: &errors)
        let brokenFiles = errors.count
        var library = PatternLibrary()
        library.warnings = warnings
        var ruleNodes: [(FileContext, Node)] = []
        for (ctx, node) in documents { collect(node, ctx: ctx, library: &library, ruleNodes: &ruleNodes, errors: &errors) }
        var broken = library.checkEach()
        let rules = parseRules(ruleNodes, library: library, broken: &broken, errors: &errors)
        let vocabulary = Vocabularies(library: library, directory: directory, broken: &broken, errors: &errors)
        errors += broken.finished()
        if warnings {
            errors += library.unused(referencedByRules: ruleNodes.flatMap { references(of: $0.1) }).map {
                RuleError($0.location, "pattern `\($0.name)` is used by no rule, sub-pattern or stage; use it as `{{\($0.name)}}` or remove it", severity: .warning)
            }
        }
        var set = RuleSet(rules: rules.filter { $0.kind.isExtraction }, removalRules: rules.filter { $0.kind == .remove },
                          flagRules: rules.filter { $0.kind == .flag }, lexicon: library.lexicon,
                          context: vocabulary.context, structure: vocabulary.structure, clean: vocabulary.clean)
        let loaded = Set(rules.map(\.id))
        for (ctx, node) in ruleNodes {
            if let id = node.mapping?["id"]?.string, !loaded.contains(id), set.notLoaded[id] == nil { set.notLoaded[id] = ctx.location(node) }
        }
        let all = unique(errors).sorted(by: inFileOrder)
        var result = Result(ruleSet: set, errors: all.filter { $0.severity == .error }, warnings: all.filter { $0.severity == .warning },
                            patterns: PatternInfo.all(library))
        result.droppedRules = ruleNodes.count - rules.count
        result.brokenFiles = files.isEmpty ? 0 : brokenFiles
        return result
    }

    /// The same problem found twice (a nested quantifier inside a sub-pattern two rules use) is told once.
    static func unique(_ errors: [RuleError]) -> [RuleError] {
        var seen = Set<String>()
        return errors.filter { seen.insert($0.description).inserted }
    }

    /// The sub-patterns a rule's pattern, scopes and prefilter name, read from its text (whether or not it loads).
    static func references(of node: Node) -> [String] {
        guard let map = node.mapping else { return [] }
        return ["pattern", "inside", "outside", "prefilter", "prefilter_words", "candidate"].flatMap { map[$0]?.string.map(PatternLibrary.references(in:)) ?? [] }
    }

    /// Every `*.yaml` file under `directory`, parsed; unreadable files and YAML errors are reported.
    static func readFiles(_ files: [String], under directory: String, errors: inout [RuleError]) -> [(FileContext, Node)] {
        if files.isEmpty {
            errors.append(RuleError(SourceLocation(file: directory, line: 1, column: 1),
                                    "no rule files (*.yaml) found; pass --rules DIR with the rules folder"))
        }
        var documents: [(FileContext, Node)] = []
        let constructor = Constructor.default
        for path in files {
            let display = displayPath(path, root: directory)
            guard let data = FileManager.default.contents(atPath: path), let yaml = String(data: data, encoding: .utf8) else {
                errors.append(RuleError(SourceLocation(file: display, line: 1, column: 1), "cannot read the file as UTF-8"))
                continue
            }
            do {
                // No implicit tags (Resolver.basic): every scalar is a string, read as the field needs it
                // (`RuleParser.bool`); Yams' default resolver runs NSRegularExpression on every scalar, a
                // third of loading. The encoding is given: its default reads the environment on each call.
                if let node = try Yams.compose(yaml: yaml, Resolver.basic, constructor, .utf8) {
                    documents.append((FileContext(file: display, text: yaml), node))
                }
            } catch let e as YamlError {
                errors.append(yamlError(e, file: display))
            } catch {
                errors.append(RuleError(SourceLocation(file: display, line: 1, column: 1), "\(error)"))
            }
        }
        return documents
    }

    /// A file's `patterns:` go into the library, its `rules:` are kept to parse once every pattern is known.
    static func collect(_ node: Node, ctx: FileContext, library: inout PatternLibrary, ruleNodes: inout [(FileContext, Node)],
                        errors: inout [RuleError]) {
        guard let map = node.mapping else {
            errors.append(RuleError(ctx.location(node), "a rule file is a mapping with `patterns:` and/or `rules:`"))
            return
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

    /// Compiles every rule; a rule that fails is reported and left out (one that uses a broken sub-pattern is
    /// named under that sub-pattern's error), and ids must be unique. Each loaded rule is linted.
    static func parseRules(_ nodes: [(FileContext, Node)], library: PatternLibrary, broken: inout BrokenReport,
                           errors: inout [RuleError]) -> [Rule] {
        var rules: [Rule] = []
        var seen: [String: SourceLocation] = [:]
        for (ctx, node) in nodes {
            do {
                let (rule, expansion) = try RuleParser.parse(node, ctx: ctx, library: library)
                if let first = seen[rule.id] {
                    errors.append(RuleError(rule.location, "duplicate rule id `\(rule.id)` (first defined at \(first))"))
                    continue
                }
                seen[rule.id] = rule.location
                rules.append(rule)
                errors += Lint.check(rule, expansion: expansion, lexicon: library.lexicon, warnings: library.warnings)
            } catch let e as BrokenPattern {
                broken.note(e.root, "rule `\(node.mapping?["id"]?.string ?? "?")` (\(ctx.location(node))) uses it")
            } catch let e as RuleError {
                errors.append(e)
            } catch {
                errors.append(RuleError(ctx.location(node), "\(error)"))
            }
        }
        return rules.sorted { $0.id < $1.id }
    }

    static func yamlFiles(under directory: String) -> [String] {
        ruleFileNames(under: directory).map { (directory as NSString).appendingPathComponent($0) }.sorted()
    }

    /// The `*.yaml` files under `directory`, relative to it.
    static func ruleFileNames(under directory: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") { out.append(rel) }
        }
        return out
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


/// The word lists and structure patterns the stages read, checked once at load: a missing list or pattern
/// is an error naming the file it belongs in, so no stage ever runs with an empty vocabulary.
struct Vocabularies {
    var context: ContextWords?
    var structure: StructurePatterns?
    var clean: CleanWords?

    init(library: PatternLibrary, directory: String, broken: inout BrokenReport, errors: inout [RuleError]) {
        let here = SourceLocation(file: directory, line: 1, column: 1)
        let lexicon = library.lexicon
        let (words, missing) = ContextWords.load(lexicon)
        context = words
        if !missing.isEmpty {
            errors.append(RuleError(here, "the normalizer's word lists are missing: \(missing.joined(separator: ", ")); add them as `words:` lists with that `category:`"))
        }
        let cleanMissing = CleanWords.categories.filter { lexicon.meanings[$0]?.isEmpty ?? true }
        if cleanMissing.isEmpty {
            clean = CleanWords(numberContinues: ScalarSet(lexicon.words(in: "number_continues")))
        } else {
            errors.append(RuleError(here, "the cleaner's word list `number_continues` is missing (clean/layout.yaml)"))
        }
        structure = Self.structure(library: library, here: here, broken: &broken, errors: &errors)
    }

    static func structure(library: PatternLibrary, here: SourceLocation, broken: inout BrokenReport,
                          errors: inout [RuleError]) -> StructurePatterns? {
        var compiled: [String: Regex] = [:]
        var failed = false
        for name in StructurePatterns.patternNames {
            guard let entry = library.entries[name] else {
                errors.append(RuleError(here, "the segmenter's pattern `\(name)` is missing (structure/structure.yaml)"))
                failed = true
                continue
            }
            do {
                var exp = PatternLibrary.Expansion()
                try library.expand(entry.text, ctx: entry.ctx, node: entry.node, generated: entry.generated, into: &exp, stack: [name])
                do { compiled[name] = try Regex(exp.text, options: RuleLoader.options) } catch let e as PCRE2Error {
                    let loc = e.patternOffset.flatMap { exp.location(ofByte: $0) } ?? entry.ctx.location(entry.node)
                    throw RuleError(loc, "structure pattern `\(name)` does not compile: \(e.message)")
                }
                if library.warnings { errors += Lint.nested(exp, what: "structure pattern `\(name)`", fallback: entry.location) }
            } catch let e as BrokenPattern {
                broken.note(e.root, "the segmenter's pattern `\(name)` (\(entry.location)) uses it")
                failed = true
            } catch let e as RuleError {
                errors.append(e)
                failed = true
            } catch {
                errors.append(RuleError(entry.ctx.location(entry.node), "\(error)"))
                failed = true
            }
        }
        let missing = StructurePatterns.categories.filter { library.lexicon.meanings[$0]?.isEmpty ?? true }
        if !missing.isEmpty {
            errors.append(RuleError(here, "the segmenter's word lists are missing: \(missing.joined(separator: ", ")) (structure/structure.yaml)"))
            failed = true
        }
        return failed ? nil : StructurePatterns(compiled: compiled, lexicon: library.lexicon)
    }
}
