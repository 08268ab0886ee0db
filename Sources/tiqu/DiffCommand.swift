// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun, the diff in TiquDiff; this reads arguments and the environment, and prints.
import ArgumentParser
import Foundation
import TiquDiff
import TiquRules
import TiquRun

extension DiffFormat: ExpressibleByArgument {}

/// How a diff is shown, shared by `tiqu diff` and `tiqu run --check`.
struct DiffOutputOptions: ParsableArguments {
    @Option(name: .long, help: "terminal (coloured when stdout is a terminal and NO_COLOR is unset), markdown (a pull-request comment), json or html.")
    var format: DiffFormat = .terminal

    /// Prints the diff (to `output`, else stdout); returns the exit status: 0 identical, 1 different.
    func emit(_ view: DiffView, output: String? = nil, title: String? = nil) throws -> Int32 {
        try Self.emit(view, format: format, output: output, title: title)
    }

    /// The same for a format chosen elsewhere (`tiqu run --check --format`, whose `--format` also names
    /// the record format without --check).
    static func emit(_ view: DiffView, format: DiffFormat, output: String? = nil, title: String? = nil) throws -> Int32 {
        let color = format == .terminal && output == nil && isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let text = format.render(view, color: color, title: title)
        if let output {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch { throw ValidationError("cannot write \(output): \(error.localizedDescription)") }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        return view.diff.identical ? 0 : 1
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show which records were added, removed or changed between two sets of records.",
        discussion: """
        tiqu diff OLD NEW compares JSON Lines files (or folders of *.jsonl files). \
        tiqu diff --rules OLD_DIR --rules NEW_DIR PATH... runs both rule folders over the documents and compares. \
        Records pair by document, kind and span; overlapping spans pair when a boundary moved (split, merged). \
        Unchanged records are never shown. Sentences are shown when the documents are at hand (--docs DIR, or \
        the folder holding the records). Exit status: 0 identical, 1 different, 2 bad input (a line that is \
        not a record, with its file and line; a rules folder with errors), 64 bad usage.
        """)

    @Argument(help: "OLD and NEW records (files or folders of *.jsonl); with --rules, the documents.")
    var paths: [String]

    @Option(name: .long, help: "Twice: the old and the new rules folder, run over the documents given.")
    var rules: [String] = []

    @Option(name: .long, help: "A folder holding the documents records point to (repeatable; default: beside the records).")
    var docs: [String] = []

    @Option(name: .long, help: "With --rules: file name pattern for directories.")
    var glob: String = "*.txt"

    @Option(name: .shortAndLong, help: "Write the diff to FILE instead of stdout.")
    var output: String?

    @OptionGroup var display: DiffOutputOptions

    func validate() throws {
        if rules.isEmpty && paths.count != 2 { throw ValidationError("give two sets of records: tiqu diff OLD NEW") }
        if !rules.isEmpty && rules.count != 2 { throw ValidationError("give --rules twice: --rules OLD_DIR --rules NEW_DIR") }
        if !rules.isEmpty && paths.isEmpty { throw ValidationError("give the documents to run both rule folders over") }
    }

    func run() throws {
        let old: [DiffRecord], new: [DiffRecord], documents: Documents
        do {
            if rules.isEmpty {
                let both = try RecordReader.read([paths[0], paths[1]])
                (old, new) = (both[0], both[1])
                documents = Documents(roots: docs + [Documents.root(of: paths[1]), Documents.root(of: paths[0])])
            } else {
                let files: [InputFile]
                do { files = try InputWalker.files(paths, glob: glob) } catch { throw ValidationError("\(error)") }
                old = try records(rules[0], files)
                new = try records(rules[1], files)
                var byDoc: [String: String] = [:]
                for f in files { byDoc[f.doc] = f.path }
                documents = Documents(roots: docs, paths: byDoc)
            }
        } catch let e as RecordError {
            stderr("tiqu: \(e)\n")
            throw ExitCode(2)
        }
        throw ExitCode(try display.emit(DiffView(Differ.diff(old: old, new: new), documents: documents), output: output))
    }

    /// The records one rules folder finds in the files; a rules folder with errors is bad input (exit 2).
    func records(_ dir: String, _ files: [InputFile]) throws -> [DiffRecord] {
        let loaded = RuleLoader.load(directory: dir)
        for e in loaded.errors { stderr("\(e)\n") }
        if !loaded.errors.isEmpty {
            stderr("tiqu: error: \(dir) has rule errors (above); fix them before comparing\n")
            throw ExitCode(2)
        }
        let driver = RunDriver(pipeline: try makePipeline(loaded.ruleSet), jobs: ProcessInfo.processInfo.activeProcessorCount)
        let (bytes, _) = Golden.records(driver, files) { file, diagnostics in
            for d in diagnostics where d.severity == .error { stderr(d.formatted(file: file.path) + "\n") }
        }
        return try RecordReader.parse(bytes, file: "(records of \(dir))")
    }
}
