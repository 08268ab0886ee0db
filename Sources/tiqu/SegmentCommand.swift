// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser
import Foundation
import TiquRun

struct Segment: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print documents' trees of speeches, sections and numbered points.")

    @OptionGroup var input: InputOptions

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(name: .long, help: "One JSON object per node (doc, kind, label, ordinal, path, heading, span, lines, speech).")
    var json = false

    func run() throws {
        let (ruleSet, ruleErrors) = try ruleOptions.load()
        let files = try input.files()
        let driver = RunDriver(pipeline: try input.encodingOption.pipeline(ruleSet), jobs: ProcessInfo.processInfo.activeProcessorCount)
        driver.output = json ? .outlineJSON : .outline
        let summary = driver.run(files, write: { bytes in
            if !bytes.isEmpty { FileHandle.standardOutput.write(Data(bytes)) }
        }, report: { file, diagnostics in
            for d in diagnostics { stderr(d.formatted(file: file.path) + "\n") }
        })
        if ruleErrors { throw ExitCode(2) }
        if summary.documentsWithErrors > 0 { throw ExitCode(1) }
    }
}

