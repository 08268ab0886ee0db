// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun, the page in TiquDiff; this reads arguments and the environment, and prints.
import ArgumentParser
import Foundation
import TiquDiff
import TiquRules
import TiquRun

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page of documents and the records found in them.",
        discussion: """
        Each PATH is documents (files or folders, run through the rules) or, when it ends in .jsonl, records \
        whose documents are looked up under --docs DIR, then beside the records file. The page fetches \
        nothing: style and script are inline and the system's CJK fonts render the text. Filters can be set \
        in the URL: report.html#kind=money&unit=CNY&rule=money.amount&indicator=TEXT&sort=value-desc.
        """)

    @Argument(help: "Documents (files or directories), or records (*.jsonl).")
    var paths: [String]

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String

    @Option(name: .long, help: "A folder holding the documents records point to (repeatable).")
    var docs: [String] = []

    @Option(name: .long, help: "File name pattern for directories of documents.")
    var glob: String = "*.txt"

    @Option(name: .long, help: "The page's title.")
    var title: String = "tiqu report"

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        var records: [DiffRecord] = []
        var roots = docs
        var byDoc: [String: String] = [:]
        let recordPaths = paths.filter { $0.hasSuffix(".jsonl") }
        let documentPaths = paths.filter { !$0.hasSuffix(".jsonl") }
        var ruleErrors = false
        var ruleSet: RuleSet?
        do {
            for p in recordPaths {
                records += try RecordReader.read(p)
                roots.append(Documents.root(of: p))
            }
            if !documentPaths.isEmpty {
                let files: [InputFile]
                do { files = try InputWalker.files(documentPaths, glob: glob) } catch { throw ValidationError("\(error)") }
                let loaded = try ruleOptions.load()
                ruleSet = loaded.ruleSet
                ruleErrors = loaded.hadErrors
                let driver = RunDriver(pipeline: try makePipeline(loaded.ruleSet), jobs: ProcessInfo.processInfo.activeProcessorCount)
                let (bytes, _) = Golden.records(driver, files) { file, diagnostics in
                    for d in diagnostics where d.severity == .error { stderr(d.formatted(file: file.path) + "\n") }
                }
                records += try RecordReader.parse(bytes, file: "(records found)")
                for f in files { byDoc[f.doc] = f.path }
            }
        } catch let e as RecordError {
            stderr("tiqu: \(e)\n")
            throw ExitCode(2)
        }
        let documents = Documents(roots: roots, paths: byDoc)
        var page = TiquDiff.Report(records: records, documents: documents)
        page.title = title
        // The sidebar shows each document's whole outline, when its text and the rules are at hand.
        if let rules = ruleSet ?? (try? ruleOptions.load(failClosed: false))?.ruleSet, let pipeline = try? makePipeline(rules) {
            for doc in Set(records.map(\.doc)) {
                if let path = documents.document(doc)?.path, let outline = Outlines.of(file: path, pipeline: pipeline) { page.outlines[doc] = outline }
            }
        }
        // Written like `run -o`: atomically, and a write error is an I/O error (74) with the path.
        do {
            let sink = try Output(path: output)
            sink.write(Array(page.render().utf8))
            try sink.commit()
        } catch {
            stderr("tiqu: error: \(error)\n")
            throw ExitCode(Status.io)
        }
        stderr("tiqu: wrote \(output): \(records.count) records in \(Set(records.map(\.doc)).count) documents\n")
        if ruleErrors { throw ExitCode(2) }
    }
}
