// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser
import Dispatch
import Foundation
import TiquDiff
import TiquEmit
import TiquRun
import TiquText

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Extract records from files and directories as JSON Lines.",
        discussion: """
        --update writes the records as expected records and --check compares with them, record by record, \
        printing the diff (exit 1 on any difference). The expected records live in --expected FILE; by \
        default, for one folder DIR in DIR/expected.jsonl, for one file NAME.txt in NAME.expected.jsonl \
        beside it.
        """)

    @OptionGroup var input: InputOptions

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(name: .long, help: "When rule files have errors, run the valid rules anyway (the run still exits 2).")
    var keepGoing = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write records to FILE (atomically: replaced only when the run completes; - is stdout).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: "Worker threads (default: all cores). Output is identical for any value.")
    var jobs: Int?

    @Flag(name: .long, help: ArgumentHelp("Run every rule over every byte (no prefilter); for checking.", visibility: .hidden))
    var plain = false

    @Option(name: .long, help: ArgumentHelp("Keep the compiled rules and candidate database in DIR (default: $TIQU_CACHE, else $XDG_CACHE_HOME/tiqu or ~/.cache/tiqu).", valueName: "dir"))
    var cache: String?

    @Flag(name: .shortAndLong, help: "Print errors only (not the warnings about redaction marks, mojibake or empty files).")
    var quiet = false

    @Flag(name: .long, help: "Compare the records with the expected records and print the differences (exit 1 if any).")
    var check = false

    @Flag(name: .long, help: "Write the records as the expected records (refused while rule files have errors).")
    var update = false

    @Option(name: .long, help: "The expected records for --check and --update (default: see below).")
    var expected: String?

    @Option(name: .long, help: ArgumentHelp("Records as jsonl (default), csv or tsv (one row per record: docs/RECORDS.md, \"Table\"); with --check, the diff as terminal (default), markdown, json or html.", valueName: "format"))
    var format: String?

    @Flag(name: .long, help: "With --format csv or tsv: begin with a UTF-8 BOM, for spreadsheet programs that need one.")
    var bom = false

    @Flag(name: .long, help: "Add each record's sentence text to JSON records (`sentence_text`).")
    var context = false

    @OptionGroup var stream: StreamOptions

    /// The records' format (JSON Lines with --check and --update, whose expected records are JSON Lines).
    var recordFormat: RecordFormat { format.flatMap(RecordFormat.init(rawValue:)) ?? .jsonl }

    @Option(name: .long, help: ArgumentHelp("The year of documents whose title or date line gives none: relative years (this year, last year) are resolved against it (default: inferred from the review section; such periods are marked period_inferred).", valueName: "yyyy"))
    var year: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if check && update { throw ValidationError("--check and --update exclude each other") }
        if (check || update) && output != nil { throw ValidationError("-o does not go with --check or --update (see --expected)") }
        if expected != nil && !(check || update) { throw ValidationError("--expected goes with --check or --update") }
        if let year, !(1900...2100).contains(year) { throw ValidationError("--year \(year) is not a year from 1900 to 2100; give four digits, e.g. --year 2025") }
        try validateFormat()
        try stream.validate(paths: input.paths, golden: check || update, format: recordFormat)
    }

    func validateFormat() throws {
        if let format, check, DiffFormat(rawValue: format) == nil {
            throw ValidationError("with --check, --format is how the diff is shown: terminal, markdown, json or html (expected records are always JSON Lines)")
        }
        if let format, !check, RecordFormat(rawValue: format) == nil {
            throw ValidationError(DiffFormat(rawValue: format) != nil ? "--format \(format) goes with --check; records are jsonl, csv or tsv"
                                  : "unknown --format \(format): records are jsonl, csv or tsv; with --check, the diff is terminal, markdown, json or html")
        }
        if update && recordFormat != .jsonl { throw ValidationError("--update writes expected records as JSON Lines: drop --format \(recordFormat.rawValue)") }
        if bom && (check || recordFormat == .jsonl) { throw ValidationError("--bom goes with --format csv or tsv (JSON Lines are written without a BOM)") }
        if context && (check || update) { throw ValidationError("--context does not go with --check or --update: expected records hold no sentence text") }
    }

    func run() throws {
        let rules = try ruleOptions.load(keepGoing: keepGoing && !update, cache: cache)
        if stream.stdinJsonl { return try runStream(rules) }
        let walk = try input.walk()
        var files = walk.files
        var pipeline = try input.encodingOption.pipeline(rules.ruleSet, plain: plain, context: context || recordFormat.needsContext,
                                                         inputBytes: files.reduce(0) { $0 + $1.size }, cache: cache)
        pipeline.options.year = year
        var golden: String?
        if check || update {
            do { golden = try Golden.expectedPath(inputs: input.paths, expected: expected) } catch { throw ValidationError("\(error)") }
            files = Golden.documents(files, expected: golden!)
        }
        // Nor is the output file read back as a document (`-o DIR/out.jsonl` with `--glob '*'`).
        if let output, output != "-" { files = Golden.documents(files, expected: output) }
        let sink: Output?
        do { sink = golden == nil ? try Output(path: output) : nil } catch {
            stderr("tiqu: error: \(error)\n")
            throw ExitCode(Status.io)
        }
        var found: [UInt8] = []
        sink?.write(recordFormat.header(bom: bom))
        let interrupts = Interrupts { sink?.abort() }
        let summary = extract(files, pipeline) { bytes in
            if let sink { sink.write(bytes) } else { found += bytes }
        }
        // The signals stay caught until the rename: a Ctrl-C during the final flush (fsync of a large
        // output can take seconds) still removes the temporary file.
        // No documents at all (a mistyped path or --glob): the previous output is kept, not emptied.
        if walk.files.isEmpty, let sink, sink.path != nil {
            sink.abort()
            interrupts.cancel()
            stderr("tiqu: \(sink.path!) was left as it was\n")
            throw ExitCode(Status.documents)
        }
        do { try sink?.commit() } catch {
            interrupts.cancel()
            stderr("tiqu: error: \(error)\n")
            throw ExitCode(Status.io)
        }
        interrupts.cancel()
        let skipped = walk.skipped.isEmpty ? "" : ", \(walk.skipped.count) files skipped"
        stderr(Self.summaryLine(summary, extra: skipped, rules: rules))
        if rules.hadErrors {
            if update { stderr("tiqu: error: not writing expected records while rule files have errors\n") }
            throw ExitCode(Status.rules)
        }
        if let golden { try compare(found, golden, files: files) }
        if summary.documentsWithErrors > 0 || !walk.skipped.isEmpty || walk.files.isEmpty { throw ExitCode(Status.documents) }
    }

    /// Runs the driver, with progress on a terminal.
    func extract(_ files: [InputFile], _ pipeline: Pipeline, write: @escaping ([UInt8]) -> Void) -> RunSummary {
        let progress = Progress(enabled: isatty(2) == 1)
        let driver = RunDriver(pipeline: pipeline, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        driver.format = check || update ? .jsonl : recordFormat
        let summary = driver.run(files, write: write, report: { file, diagnostics in
            let shown = quiet ? diagnostics.filter { $0.severity == .error } : diagnostics
            if !shown.isEmpty { progress.clear() }
            for d in shown { stderr(d.formatted(file: file.path) + "\n") }
        }, progress: progress.enabled ? progress.draw : nil)
        progress.clear()
        return summary
    }

    /// The command line that accepts the records: this one with --update for --check, without --format,
    /// each word quoted for a POSIX shell where needed.
    static func updateCommand(_ args: [String]) -> String {
        var out = ["tiqu"]
        var skip = false
        for a in args {
            if skip { skip = false; continue }
            if a == "--format" { skip = true; continue }
            if a.hasPrefix("--format=") { continue }
            let w = a == "--check" ? "--update" : a
            let plain = !w.isEmpty && w.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "_./=:,+-@%".unicodeScalars.contains($0) }
            out.append(plain ? w : "'" + w.replacingOccurrences(of: "'", with: #"'\''"#) + "'")
        }
        return out.joined(separator: " ")
    }

    /// `--update` writes the expected records; `--check` prints the diff against them (exit 1 when they
    /// differ, 2 when they are missing or a line of them is not a record).
    func compare(_ found: [UInt8], _ golden: String, files: [InputFile]) throws {
        do {
            if update {
                let changed = try Golden.update(got: found, expected: golden)
                stderr(changed ? "tiqu: wrote the expected records to \(golden)\n" : "tiqu: \(golden) is up to date\n")
                return
            }
            let (diff, documents) = try Golden.check(got: found, expected: golden, files: files)
            let status = try DiffOutputOptions.emit(DiffView(diff, documents: documents), format: format.flatMap(DiffFormat.init(rawValue:)) ?? .terminal,
                                                    title: "tiqu run --check \(golden)")
            if status != 0 {
                let again = Self.updateCommand(Array(CommandLine.arguments.dropFirst()))
                stderr("tiqu: the records differ from \(golden): \(DiffSummary(diff).line); if that is intended, accept them with `\(again)`\n")
                throw ExitCode(status)
            }
            stderr("tiqu: the records are as expected in \(golden)\n")
        } catch let e as RecordError {
            stderr("tiqu: \(e)\n")
            throw ExitCode(2)
        } catch let e as Golden.Failure {
            stderr("tiqu: error: \(e)\n")
            throw ExitCode(2)
        }
    }
}

/// SIGINT, SIGTERM and SIGHUP (the terminal closed) during a run: the cleanup runs (the temporary output
/// is removed, so the previous output stays as it was) and the process exits 130, 143 or 129, as shells
/// expect.
final class Interrupts {
    private var sources: [DispatchSourceSignal] = []
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    init(cleanup: @escaping () -> Void) {
        for sig in Self.signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                cleanup()
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for s in sources { s.cancel() }
        for sig in Self.signals { signal(sig, SIG_DFL) }
    }
}

/// Progress on a terminal's stderr: files done and MB/s, redrawn at most ten times a second.
final class Progress {
    let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast

    init(enabled: Bool) { self.enabled = enabled }

    func draw(done: Int, total: Int, bytes: Int) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = now
        let mbps = Double(bytes) / 1e6 / max(now.timeIntervalSince(start), 1e-6)
        stderr(String(format: "\r\u{1B}[K%d/%d files, %.1f MB/s", done, total, mbps))
    }

    func clear() { if enabled { stderr("\r\u{1B}[K") } }
}
