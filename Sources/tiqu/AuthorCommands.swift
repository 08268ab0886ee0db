// The command line: wiring and presentation only. The work lives in TiquRules (RuleTemplate, PatternDoc)
// and TiquRun (Explainer, Coverage).
import ArgumentParser
import Foundation
import TiquRules
import TiquRun
import TiquText

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show what the pipeline makes of a text: cleaning, matches, groups, values, and why a rule does not match.")
    @Argument(help: "A file to explain (or use --text).") var file: String?
    @Option(name: .long, help: "The text to explain.") var text: String?
    @Option(name: .long, help: "Also say why this rule gives no match (prefilter, and how far PCRE2 got).") var rule: String?
    @Option(name: .long, help: "Print this rule's pattern with every sub-pattern written out, indented.") var pattern: String?
    @OptionGroup var ruleOptions: RuleOptions

    func validate() throws {
        if pattern == nil && (file == nil) == (text == nil) { throw ValidationError("give a FILE or --text \"…\" (one of them)") }
    }

    func run() throws {
        let (ruleSet, result) = try ruleOptions.loadResult()
        func find(_ id: String) throws -> Rule {
            // An id that names no loaded rule is a rules problem (exit 2, as `rules test`), not a usage error.
            guard let r = ruleSet.all.first(where: { $0.id == id }) else {
                stderr("tiqu: error: \(ruleSet.unknownRule(id))\n")
                throw ExitCode(Status.rules)
            }
            return r
        }
        if let pattern {
            let r = try find(pattern)
            print("# \(r.id) (\(r.location))\n" + PatternTree.render(r.source, patterns: result.patterns))
        }
        guard file != nil || text != nil else { return }
        let focus = try rule.map(find)
        let doc: SourceDocument
        if let text { doc = SourceDocument(path: "text", bytes: Array(text.utf8)) } else {
            guard let data = FileManager.default.contents(atPath: file!) else { throw ValidationError("cannot read \(file!)") }
            doc = SourceDocument(path: file!, bytes: [UInt8](data))
        }
        let style = Explainer.Style(color: isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        for line in try Explainer(pipeline: try makePipeline(ruleSet)).explain(doc, rule: focus, style: style) { print(line) }
        if !result.errors.isEmpty { throw ExitCode(2) }
    }
}

extension Rules {
    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coverage",
            abstract: "Which rules fire over documents, which never do, and numbers before a unit-like character that no rule read.")
        @Argument(help: "Files or directories (walked recursively).") var paths: [String]
        @Option(name: .long, help: "File name pattern for directories.") var glob: String = "*.txt"
        @Option(name: .long, help: "text or json.") var format: String = "text"
        @OptionGroup var ruleOptions: RuleOptions

        func validate() throws { if !["text", "json"].contains(format) { throw ValidationError("--format is text or json") } }

        func run() throws {
            let loaded = try ruleOptions.load(failClosed: false)
            let (ruleSet, ruleErrors) = (loaded.ruleSet, loaded.hadErrors)
            let files: [InputFile]
            do { files = try InputWalker.files(paths, glob: glob) } catch { throw ValidationError("\(error)") }
            let c = TiquRun.Coverage.measure(files, pipeline: try makePipeline(ruleSet))
            for s in c.skipped { stderr(s + "\n") }
            if format == "json" {
                let enc = JSONEncoder()
                enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try enc.encode(c), as: UTF8.self))
            } else {
                print("\(c.documents) documents\(c.skipped.isEmpty ? "" : " (\(c.skipped.count) skipped)"); rules (records in documents):")
                for r in c.rules where r.records > 0 { print("  \(r.id): \(r.records) in \(r.documents)  e.g. \(r.examples.joined(separator: "; "))") }
                print("never fired (\(c.neverFired.count)): \(c.neverFired.joined(separator: ", "))")
                print("likely misses (a number before this character, read by no rule):")
                for m in c.likelyMisses.prefix(20) { print("  \(m.follows) \(m.count)  e.g. \(m.examples.joined(separator: "; "))") }
            }
            if ruleErrors { throw ExitCode(2) }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: "Write a new rule file, every field and example section filled in as a template.")
        @Argument(help: "The new rule's id, e.g. money.bond.") var id: String
        @Option(name: .long, help: "money, percent, percentage_point, quantity, multiple, date, project, remove, flag.") var kind: String
        @OptionGroup var ruleOptions: RuleOptions

        func validate() throws {
            if ExtractionKind(rawValue: kind) == nil {
                throw ValidationError("unknown --kind \(kind); use one of \(ExtractionKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let k = ExtractionKind(rawValue: kind)!
            let dir = try ruleOptions.resolvedDirectory()
            let ruleSet = try ruleOptions.load(failClosed: false).ruleSet
            do { print("wrote " + (try RuleTemplate.write(id: id, kind: k, directory: dir, ruleSet: ruleSet))) } catch let e as RuleTemplate.Problem {
                stderr("tiqu: error: \(e)\n")
                throw ExitCode(2)
            }
        }
    }

    struct Doc: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "doc", abstract: "Print the table of sub-patterns and word lists (the generated part of docs/RULES.md).")
        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let dir = try ruleOptions.resolvedDirectory()
            print(PatternDoc.markdown(RuleLoader.load(directory: dir).patterns, root: dir))
        }
    }
}
