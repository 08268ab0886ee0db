// The command line: wiring and presentation only. The streaming mode lives in TiquRun (StreamRunner);
// this reads its options and prints.
import ArgumentParser
import Foundation
import TiquEmit
import TiquRun

/// `tiqu run --stdin-jsonl`: documents as JSON Lines on standard input (Spark's `RDD.pipe`).
struct StreamOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp("Read documents as JSON Lines on standard input, {\"doc\":NAME,\"content_b64\":BASE64} or {\"doc\":NAME,\"path\":PATH} a line; a document that fails gives an error line (docs/RECORDS.md, \"Streaming\")."))
    var stdinJsonl = false

    @Option(name: .long, help: ArgumentHelp("With --stdin-jsonl: the seconds a document may take; past them it gives only an error line.", valueName: "seconds"))
    var docTimeout: Double?

    func validate(paths: [String], golden: Bool, format: RecordFormat) throws {
        if let docTimeout, !(docTimeout > 0) { throw ValidationError("--doc-timeout must be a number of seconds above 0") }
        if docTimeout != nil && !stdinJsonl { throw ValidationError("--doc-timeout goes with --stdin-jsonl") }
        guard stdinJsonl else { return }
        if !paths.isEmpty { throw ValidationError("--stdin-jsonl reads the documents from standard input: give no paths (\(paths[0]))") }
        if golden { throw ValidationError("--stdin-jsonl does not go with --check or --update") }
        if format != .jsonl { throw ValidationError("--stdin-jsonl writes JSON Lines (its error lines are JSON): drop --format \(format.rawValue)") }
    }
}

extension Run {
    /// Streams documents from standard input to the output. Exit 1 when any error line was written, 2
    /// with rule errors (--keep-going), 74 when the output cannot be written.
    func runStream(_ rules: LoadedRules) throws {
        var pipeline = try input.encodingOption.pipeline(rules.ruleSet, plain: plain, context: context, inputBytes: 0, cache: cache)
        pipeline.options.year = year
        let sink: Output
        do { sink = try Output(path: output) } catch {
            stderr("tiqu: error: \(error)\n")
            throw ExitCode(Status.io)
        }
        let interrupts = Interrupts { sink.abort() }
        let driver = RunDriver(pipeline: pipeline, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let summary = StreamRunner(driver: driver, timeout: stream.docTimeout).run(input: 0, write: { sink.write($0) }, report: { file, diagnostics in
            for d in diagnostics where !quiet || d.severity == .error { stderr(d.formatted(file: file.path) + "\n") }
        }, notice: { stderr($0 + "\n") })
        do { try sink.commit() } catch {
            interrupts.cancel()
            stderr("tiqu: error: \(error)\n")
            throw ExitCode(Status.io)
        }
        interrupts.cancel()
        let kinds = summary.errorsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        stderr(Self.summaryLine(summary.run, extra: ", \(summary.errorLines) error lines" + (kinds.isEmpty ? "" : " (\(kinds))"), rules: rules))
        if rules.hadErrors { throw ExitCode(Status.rules) }
        if summary.errorLines > 0 { throw ExitCode(Status.documents) }
    }

    /// The run's last line on stderr: documents, records by kind, errors, the rules.
    static func summaryLine(_ summary: RunSummary, extra: String, rules: LoadedRules) -> String {
        let kinds = summary.recordsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "tiqu \(TiquVersion.current): \(summary.documents) documents, \(summary.records) records (\(kinds.isEmpty ? "none" : kinds)), \(summary.documentsWithErrors) documents with errors\(extra); \(rules.summary)\n"
    }
}
