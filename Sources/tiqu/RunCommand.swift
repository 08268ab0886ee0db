// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser
import Foundation
import TiquRun
import TiquText

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
        let pipeline = try input.encodingOption.pipeline(ruleSet, plain: plain)

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
            for d in shown { stderr(d.formatted(file: file.path) + "\n") }
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

