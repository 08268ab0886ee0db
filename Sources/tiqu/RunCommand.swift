// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser
import Dispatch
import Foundation
import TiquRun
import TiquText

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Extract records from files and directories as JSON Lines.")

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

    @Flag(name: .shortAndLong, help: "Print errors only (not the warnings about redaction marks, mojibake or empty files).")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let rules = try ruleOptions.load(keepGoing: keepGoing)
        let walk = try input.walk()
        let pipeline = try input.encodingOption.pipeline(rules.ruleSet, plain: plain)
        let sink: Output
        do { sink = try Output(path: output) } catch {
            stderr("tiqu: error: \(error)\n")
            throw ExitCode(Status.io)
        }
        let interrupts = Interrupts { sink.abort() }
        let progress = Progress(enabled: isatty(2) == 1)
        let driver = RunDriver(pipeline: pipeline, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let summary = driver.run(walk.files, write: sink.write, report: { file, diagnostics in
            let shown = quiet ? diagnostics.filter { $0.severity == .error } : diagnostics
            if !shown.isEmpty { progress.clear() }
            for d in shown { stderr(d.formatted(file: file.path) + "\n") }
        }, progress: progress.enabled ? progress.draw : nil)
        progress.clear()
        interrupts.cancel()
        do { try sink.commit() } catch {
            stderr("tiqu: error: \(error)\n")
            throw ExitCode(Status.io)
        }
        let kinds = summary.recordsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let skipped = walk.skipped.isEmpty ? "" : ", \(walk.skipped.count) files skipped"
        stderr("tiqu \(TiquVersion.current): \(summary.documents) documents, \(summary.records) records (\(kinds.isEmpty ? "none" : kinds)), \(summary.documentsWithErrors) documents with errors\(skipped); \(rules.summary)\n")
        if rules.hadErrors { throw ExitCode(Status.rules) }
        if summary.documentsWithErrors > 0 || !walk.skipped.isEmpty || walk.files.isEmpty { throw ExitCode(Status.documents) }
    }
}

/// SIGINT and SIGTERM during a run: the cleanup runs (the temporary output is removed, so the previous
/// output stays as it was) and the process exits 130 or 143, as shells expect.
final class Interrupts {
    private var sources: [DispatchSourceSignal] = []

    init(cleanup: @escaping () -> Void) {
        for sig in [SIGINT, SIGTERM] {
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
        for sig in [SIGINT, SIGTERM] { signal(sig, SIG_DFL) }
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
