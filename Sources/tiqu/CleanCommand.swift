// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser
import Foundation
import TiquRun
import TiquText

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clean", abstract: "Print a document's cleaned text, the text rules match against.")

    @Argument(help: "The file to clean.")
    var file: String

    @OptionGroup var ruleOptions: RuleOptions

    @Flag(name: .long, help: "Show, line by line, the original byte ranges each cleaned line came from and what was removed.")
    var map = false

    @OptionGroup var encodingOption: EncodingOption

    func run() throws {
        let rules = try ruleOptions.load()
        let s: Pipeline.Stages
        do { s = try encodingOption.pipeline(rules.ruleSet).stages(ofFile: file) } catch let e as InputError {
            throw ValidationError("\(e)")
        }
        for d in s.diagnostics { stderr(d.formatted(file: file) + "\n") }
        guard map else {
            FileHandle.standardOutput.write(Data(s.clean.bytes))
            return
        }
        var out = "# encoding \(s.decoded.encoding.rawValue)\(s.decoded.hadBOM ? " with BOM" : "")\n"
        for r in s.clean.removals {
            let span = r.original.byte
            out += "removed \(span.lowerBound)..<\(span.upperBound) by \(r.rule): \(s.decoded.text(r.original.char).debugDescription)\n"
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

