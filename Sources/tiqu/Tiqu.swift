// The command line: wiring and presentation only. Extraction logic lives in TiquCore.
import ArgumentParser
import Foundation
import PCRE2
import TiquCore

@main
struct Tiqu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiqu",
        abstract: "Extract money, percentages, quantities, dates and projects from Chinese government texts.",
        discussion: """
        Exit status: 0 success; 1 some documents had errors or rule examples failed (the rest was \
        still processed); 2 rule files had errors (the valid rules still ran); 64 bad usage.
        """,
        subcommands: [Run.self, Clean.self, Segment.self, Rules.self]
    )
}

/// Options shared by the commands that load rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: "Rules folder (default: the shipped rules/, found next to the executable or via $TIQU_RULES).")
    var rules: String?

    func resolvedDirectory() throws -> String {
        if let rules { return rules }
        if let env = ProcessInfo.processInfo.environment["TIQU_RULES"], !env.isEmpty { return env }
        // Walk up from the executable (…/.build/release/tiqu) and from this source file to the package's rules/.
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent())
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in candidates {
            var dir = start
            for _ in 0..<6 {
                let r = dir.appendingPathComponent("rules")
                if FileManager.default.fileExists(atPath: r.appendingPathComponent("patterns").path) { return r.path }
                dir = dir.deletingLastPathComponent()
            }
        }
        throw ValidationError("cannot find the rules folder; pass --rules DIR or set TIQU_RULES")
    }

    /// Loads the rules, printing each error with file:line:col; returns whether any failed.
    func load() throws -> (RuleSet, Bool) {
        let dir = try resolvedDirectory()
        let result = RuleLoader.load(directory: dir)
        for e in result.errors { FileHandle.standardError.write(Data("\(e)\n".utf8)) }
        return (result.ruleSet, !result.errors.isEmpty)
    }
}

func stderr(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

/// The input encoding option shared by the commands that read documents.
struct EncodingOption: ParsableArguments {
    @Option(name: .long, help: "Force the input encoding: utf-8, utf-16le, utf-16be, gb18030 (default: detect).")
    var encoding: String?

    func validate() throws {
        if let encoding, TextEncoding(rawValue: encoding) == nil {
            throw ValidationError("unknown --encoding \(encoding); use one of \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The pipeline for these rules, with the forced encoding.
    func pipeline(_ ruleSet: RuleSet) -> Pipeline {
        var pipeline = Pipeline(ruleSet: ruleSet)
        pipeline.forcedEncoding = encoding.flatMap(TextEncoding.init(rawValue:))
        return pipeline
    }
}

/// The documents to read, shared by `run` and `segment`.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or directories (walked recursively).")
    var paths: [String]

    @Option(name: .long, help: "File name pattern for directories.")
    var glob: String = "*.txt"

    @OptionGroup var encodingOption: EncodingOption

    /// The documents under `paths`, as a usage error when a path does not exist or names collide.
    func files() throws -> [InputFile] {
        do { return try InputWalker.files(paths, glob: glob) } catch { throw ValidationError("\(error)") }
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Extract records from files and directories as JSON Lines.")

    @OptionGroup var input: InputOptions

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .shortAndLong, help: "Write records to FILE instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Worker threads (default: all cores). Output is identical for any value.")
    var jobs: Int?

    @Flag(name: .long, help: ArgumentHelp("Run every rule over every byte (no prefilter); for checking.", visibility: .hidden))
    var plain = false

    @Flag(name: .shortAndLong, help: "Print errors only (not the warnings about redaction marks, mojibake or empty files).")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let (ruleSet, ruleErrors) = try ruleOptions.load()
        let files = try input.files()
        var pipeline = input.encodingOption.pipeline(ruleSet)
        if plain { pipeline.plain = true }

        let sink: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil), let h = FileHandle(forWritingAtPath: output) else {
                throw ValidationError("cannot write \(output)")
            }
            sink = h
        } else {
            sink = FileHandle.standardOutput
        }
        let interactive = isatty(2) == 1
        let start = Date()
        var lastDraw = Date.distantPast
        let driver = RunDriver(pipeline: pipeline, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let summary = driver.run(files, write: { bytes in
            if !bytes.isEmpty { sink.write(Data(bytes)) }
        }, report: { file, diagnostics in
            let shown = quiet ? diagnostics.filter { $0.severity == .error } : diagnostics
            if interactive && !shown.isEmpty { stderr("\r\u{1B}[K") }
            for d in shown {
                let at = d.offset.map { " (byte \($0))" } ?? ""
                stderr("\(file.path)\(at): \(d.severity.rawValue): \(d.message)\n")
            }
        }, progress: interactive ? { done, total, bytes in
            let now = Date()
            guard now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
            lastDraw = now
            let mbps = Double(bytes) / 1e6 / max(now.timeIntervalSince(start), 1e-6)
            stderr(String(format: "\r\u{1B}[K%d/%d files, %.1f MB/s", done, total, mbps))
        } : nil)
        if output != nil { try? sink.close() }
        if interactive { stderr("\r\u{1B}[K") }
        let kinds = summary.recordsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        stderr("tiqu: \(summary.documents) documents, \(summary.records) records (\(kinds.isEmpty ? "none" : kinds)), \(summary.documentsWithErrors) documents with errors\n")
        if ruleErrors { throw ExitCode(2) }
        if summary.documentsWithErrors > 0 { throw ExitCode(1) }
    }
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a document's cleaned text, the text rules match against.")

    @Argument(help: "The file to clean.")
    var file: String

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(name: .long, help: "Show, line by line, the original byte ranges each cleaned line came from and what was removed.")
    var map = false

    @OptionGroup var encodingOption: EncodingOption

    func run() throws {
        let (ruleSet, ruleErrors) = try ruleOptions.load()
        defer { if ruleErrors { Tiqu.exit(withError: ExitCode(2)) } }
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
        let s = try encodingOption.pipeline(ruleSet).run(SourceDocument(path: file, bytes: [UInt8](data)), scratch: MatchScratch())
        for d in s.diagnostics { stderr("\(file): \(d.severity.rawValue): \(d.message)\n") }
        guard map else {
            FileHandle.standardOutput.write(Data(s.clean.bytes))
            return
        }
        var out = "# encoding \(s.decoded.encoding.rawValue)\(s.decoded.hadBOM ? " with BOM" : "")\n"
        for r in s.clean.removals {
            let span = Int(s.decoded.byteOffsets[r.chars.lowerBound])..<Int(s.decoded.byteOffsets[r.chars.upperBound])
            out += "removed \(span.lowerBound)..<\(span.upperBound) by \(r.rule): \(s.decoded.text(r.chars).debugDescription)\n"
        }
        for p in s.segmentation.paragraphs {
            let o = s.clean.map.original(p)
            let original = s.decoded.text(o.char)
            let cleaned = s.clean.string(p)
            let folded = original == cleaned ? "" : "  (folded from \(original.debugDescription))"
            out += "bytes \(o.byte.lowerBound)..<\(o.byte.upperBound): \(cleaned)\(folded)\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print documents' trees of speeches, sections and numbered points.")

    @OptionGroup var input: InputOptions

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(name: .long, help: "One JSON object per node (doc, kind, label, ordinal, path, heading, span, lines, speech).")
    var json = false

    func run() throws {
        let (ruleSet, ruleErrors) = try ruleOptions.load()
        let files = try input.files()
        let driver = RunDriver(pipeline: input.encodingOption.pipeline(ruleSet), jobs: ProcessInfo.processInfo.activeProcessorCount)
        driver.output = json ? .outlineJSON : .outline
        let summary = driver.run(files, write: { bytes in
            if !bytes.isEmpty { FileHandle.standardOutput.write(Data(bytes)) }
        }, report: { file, diagnostics in
            for d in diagnostics { stderr("\(file.path): \(d.severity.rawValue): \(d.message)\n") }
        })
        if ruleErrors { throw ExitCode(2) }
        if summary.documentsWithErrors > 0 { throw ExitCode(1) }
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with rule files.", subcommands: [Test.self, Export.self])

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run every rule's examples; report failures at the rule file's line.")
        @OptionGroup var ruleOptions: RuleOptions
        @Argument(help: "Only these rule ids.") var ids: [String] = []

        func run() throws {
            let (ruleSet, ruleErrors) = try ruleOptions.load()
            let report = RuleChecker(pipeline: Pipeline(ruleSet: ruleSet)).check(only: ids.isEmpty ? nil : Set(ids))
            for f in report.failures { print("\(f)") }
            print("\(ruleSet.rules.count + ruleSet.removalRules.count + ruleSet.flagRules.count) rules: \(report.examples) examples, \(report.counterexamples) counterexamples, \(report.gaps) known gaps, \(report.failures.count) failures")
            if ruleErrors { throw ExitCode(2) }
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print each rule's fully expanded pattern.")
        @OptionGroup var ruleOptions: RuleOptions
        @Flag(name: .long, help: "One PCRE2 pattern per line, whitespace and comments stripped (for rg -P -f).")
        var pcre = false

        func run() throws {
            let (ruleSet, _) = try ruleOptions.load()
            for r in ruleSet.rules {
                if pcre {
                    // Rules compile in extended and multiline mode: prefix (?xm) so the line means the same to any
                    // PCRE2 user (and no rule pattern holds a # comment, which a joined line would extend); named
                    // groups become plain groups, since rg joins all patterns into one and names would clash.
                    let line = r.expanded.replacingOccurrences(of: "\n", with: " ")
                        .replacingOccurrences(of: #"\(\?<[A-Za-z_][A-Za-z0-9_]*>"#, with: "(?:", options: .regularExpression)
                    print("(?xm)" + line)
                } else {
                    print("# \(r.id) (\(r.location))\n\(r.expanded)\n")
                }
            }
        }
    }
}
