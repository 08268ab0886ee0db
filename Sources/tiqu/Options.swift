// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser
import Foundation
import TiquRules
import TiquRun
import TiquText

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
    func pipeline(_ ruleSet: RuleSet, plain: Bool = false) throws -> Pipeline {
        try makePipeline(ruleSet, encoding: encoding.flatMap(TextEncoding.init(rawValue:)), plain: plain)
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

    /// Loads the rules, printing each error and warning with file:line:col; returns whether any error.
    func load() throws -> (RuleSet, Bool) {
        let (ruleSet, result) = try loadResult()
        return (ruleSet, !result.errors.isEmpty)
    }

    func loadResult() throws -> (RuleSet, RuleLoader.Result) {
        let dir = try resolvedDirectory()
        let result = RuleLoader.load(directory: dir)
        for e in result.diagnostics { FileHandle.standardError.write(Data("\(e)\n".utf8)) }
        return (result.ruleSet, result)
    }
}

func stderr(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }


/// The pipeline for these rules with the environment's settings: TIQU_PLAIN=1 (every rule over every
/// byte, as `--plain`) and TIQU_PART_BYTES (the size above which a document is matched in parts). A rules
/// folder that lacks what a stage needs exits 2 (the load errors above say what).
func makePipeline(_ ruleSet: RuleSet, encoding: TextEncoding? = nil, plain: Bool = false) throws -> Pipeline {
    let env = ProcessInfo.processInfo.environment
    var options = Pipeline.Options(forcedEncoding: encoding)
    options.plain = plain || env["TIQU_PLAIN"] == "1"
    if let n = env["TIQU_PART_BYTES"].flatMap(Int.init), n > 0 { options.partBytes = n }
    do { return try Pipeline(ruleSet: ruleSet, options: options) } catch {
        stderr("tiqu: error: \(error)\n")
        throw ExitCode(2)
    }
}
