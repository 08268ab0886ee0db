// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser
import Foundation
import TiquRun

struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "segment", abstract: "Print documents' trees of speeches, sections and numbered points.")

    @OptionGroup var input: InputOptions

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(name: .long, help: "One JSON object per node (doc, kind, label, ordinal, path, heading, span, lines, speech).")
    var json = false

    func run() throws {
        let rules = try ruleOptions.load()
        let walk = try input.walk()
        let driver = RunDriver(pipeline: try input.encodingOption.pipeline(rules.ruleSet), jobs: ProcessInfo.processInfo.activeProcessorCount)
        driver.output = json ? .outlineJSON : .outline
        let sink = try Output(path: nil)
        let summary = driver.run(walk.files, write: sink.write, report: { file, diagnostics in
            for d in diagnostics { stderr(d.formatted(file: file.path) + "\n") }
        })
        if let failure = sink.failure {
            stderr("tiqu: error: \(failure)\n")
            throw ExitCode(Status.io)
        }
        if summary.documentsWithErrors > 0 || !walk.skipped.isEmpty || walk.files.isEmpty { throw ExitCode(Status.documents) }
    }
}

