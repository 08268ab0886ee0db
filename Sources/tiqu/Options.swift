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
    func pipeline(_ ruleSet: RuleSet, plain: Bool = false, context: Bool = false, inputBytes: Int? = nil, cache: String? = nil) throws -> Pipeline {
        try makePipeline(ruleSet, encoding: encoding.flatMap(TextEncoding.init(rawValue:)), plain: plain, context: context, inputBytes: inputBytes, cache: cache)
    }
}

/// The documents to read, shared by `run` and `segment`.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or directories (walked recursively); `-` reads one document from standard input.")
    var paths: [String] = []

    @Option(name: .long, help: "File name pattern for directories.")
    var glob: String = "*.txt"

    @OptionGroup var encodingOption: EncodingOption

    @Option(name: .long, help: ArgumentHelp("The document name of standard input (`-` as a path).", valueName: "name"))
    var stdinName: String = "-"

    /// The documents under `paths`, as a usage error when a path does not exist or names collide. Files
    /// found but not taken are printed with why; no documents at all is a warning naming paths and glob.
    func walk() throws -> InputWalker.Walk {
        if paths.isEmpty { throw ValidationError("give files or directories to read (`-` for standard input)") }
        let walk: InputWalker.Walk
        do { walk = try InputWalker.walk(paths, glob: glob, stdinName: stdinName) } catch { throw ValidationError("\(error)") }
        for s in walk.skipped { stderr("\(s.path): error: \(s.reason)\n") }
        if walk.files.isEmpty {
            let passed = walk.unmatched > 0 ? " (\(walk.unmatched) other file(s) passed over)" : ""
            stderr("tiqu: warning: no documents in \(paths.joined(separator: " ")) matching --glob '\(glob)'\(passed)\n")
        }
        return walk
    }
}


/// Options shared by the commands that load rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rules folder (default: $TIQU_RULES, else share/tiqu/rules or rules/ beside the executable).", valueName: "dir"))
    var rules: String?

    /// The rules folder (RulesFolder.locate); one that cannot be found exits 2.
    func directory() throws -> String {
        let env = ProcessInfo.processInfo.environment["TIQU_RULES"]
        switch RulesFolder.locate(flag: rules, environment: env, executable: RulesFolder.executablePath) {
        case .success(let dir): return dir
        case .failure(let e):
            stderr("tiqu: error: \(e)\n")
            throw ExitCode(Status.rules)
        }
    }

    /// Loads the rules, printing each error with file:line:col. Fail closed: with any error, or no rule
    /// at all, nothing is extracted (exit 2), unless `keepGoing`, which runs the valid rules.
    /// A folder that loads without error is kept in the compiled-rules cache (`RuleCache`), in `cache`
    /// (`--cache`) or where the candidate database is kept (`cacheDirectory`).
    func load(keepGoing: Bool = false, failClosed: Bool = true, cache: String? = nil) throws -> LoadedRules {
        let dir = try directory()
        let files = RuleFiles(directory: dir)
        let env = ProcessInfo.processInfo.environment
        let result = RuleCache.load(files, cache: cacheDirectory(env, flag: cache), salt: buildSalt())
        // Warnings (an unused sub-pattern, a rule without examples) are for `tiqu rules lint`, not every run.
        for e in result.errors { stderr("\(e)\n") }
        let count = result.ruleSet.all.count
        if count == 0 && result.errors.isEmpty {
            stderr("tiqu: error: no rules in \(dir): pass --rules DIR with a rules folder (a copy of the shipped rules/)\n")
            throw ExitCode(Status.rules)
        }
        if !result.errors.isEmpty && failClosed && !keepGoing {
            stderr("tiqu: error: \(result.errors.count) error(s) in the rules folder \(dir); nothing was extracted. Fix them, or pass --keep-going to run the \(count) valid rules\n")
            throw ExitCode(Status.rules)
        }
        return LoadedRules(ruleSet: result.ruleSet, directory: dir, fingerprint: files.fingerprint,
                           hadErrors: !result.errors.isEmpty, dropped: result.droppedRules, brokenFiles: result.brokenFiles)
    }

    /// The rules and everything the loader found (for the authoring commands), diagnostics printed.
    func loadResult() throws -> (RuleSet, RuleLoader.Result) {
        let result = RuleLoader.load(directory: try directory())
        for e in result.diagnostics { stderr("\(e)\n") }
        return (result.ruleSet, result)
    }

    func resolvedDirectory() throws -> String { try directory() }
}

/// The rules a command runs with, where they came from, and what was left out.
struct LoadedRules {
    let ruleSet: RuleSet
    let directory: String
    let fingerprint: String
    let hadErrors: Bool
    let dropped: Int
    let brokenFiles: Int

    /// `rules DIR (HASH)`, and what `--keep-going` left out.
    var summary: String {
        var s = "rules \(directory) (\(fingerprint))"
        if dropped > 0 || brokenFiles > 0 {
            s += "; \(dropped) rule(s) dropped" + (brokenFiles > 0 ? " and \(brokenFiles) rule file(s) unreadable" : "") + " because of errors"
        }
        return s
    }
}

/// Exit statuses (README, "Exit status").
enum Status {
    /// Some documents had errors, were skipped, or there were none; rule examples failed.
    static let documents: Int32 = 1
    /// Rule files had errors, or no rules folder.
    static let rules: Int32 = 2
    /// Bad usage (from ArgumentParser's ValidationError).
    static let usage: Int32 = 64
    /// Output could not be written.
    static let io: Int32 = 74
}

func stderr(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }


/// The pipeline for these rules with the environment's settings: TIQU_PLAIN=1 (every rule over every
/// byte, as `--plain`) and TIQU_PART_BYTES (the size above which a document is matched in parts). A rules
/// folder that lacks what a stage needs exits 2 (the load errors above say what).
/// `inputBytes` (from `run`) turns on the Vectorscan candidate pass (`candidateCache`).
func makePipeline(_ ruleSet: RuleSet, encoding: TextEncoding? = nil, plain: Bool = false, context: Bool = false, inputBytes: Int? = nil, cache: String? = nil) throws -> Pipeline {
    let env = ProcessInfo.processInfo.environment
    var options = Pipeline.Options(forcedEncoding: encoding)
    options.context = context
    options.plain = plain || env["TIQU_PLAIN"] == "1"
    if let n = env["TIQU_PART_BYTES"].flatMap(Int.init), n > 0 { options.partBytes = n }
    if let inputBytes { options.candidateCache = candidateCache(env, inputBytes: inputBytes, directory: cache) }
    do { return try Pipeline(ruleSet: ruleSet, options: options) } catch {
        stderr("tiqu: error: \(error)\n")
        throw ExitCode(2)
    }
}

/// The Vectorscan candidate pass for a run over `inputBytes`: its database is cached in `--cache DIR`, else $TIQU_CACHE, else
/// $XDG_CACHE_HOME/tiqu, else ~/.cache/tiqu. On a miss it is compiled (about a second) only for 8 MB of
/// input or more, where it pays; smaller runs use the sentence prefilter alone (same records).
/// TIQU_CANDIDATES=sentences never uses it (the fallback, for comparing); =vectorscan always compiles.
func candidateCache(_ env: [String: String], inputBytes: Int, directory: String?) -> Pipeline.CandidateCache? {
    let mode = env["TIQU_CANDIDATES"] ?? "auto"
    if mode == "sentences" { return nil }
    return Pipeline.CandidateCache(directory: cacheDirectory(env, flag: directory), compile: mode == "vectorscan" || inputBytes >= 8_000_000)
}

/// The cache folder: `--cache DIR`, else $TIQU_CACHE, else $XDG_CACHE_HOME/tiqu, else ~/.cache/tiqu; nil
/// (nothing kept on disk) when none is known.
func cacheDirectory(_ env: [String: String], flag: String?) -> String? {
    let home = env["HOME"].map { ($0 as NSString).appendingPathComponent(".cache") }
    let xdg = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
    return flag ?? env["TIQU_CACHE"] ?? (xdg ?? home).map { ($0 as NSString).appendingPathComponent("tiqu") }
}

/// What names this build in the compiled-rules cache key: the version, and the executable's size and
/// modification time, so a rebuilt tiqu (whose loader may read a rule file differently) never reads the
/// rules another build cached.
func buildSalt() -> String {
    let exe = RulesFolder.executablePath
    let attributes = try? FileManager.default.attributesOfItem(atPath: exe)
    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
    let time = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
    return "tiqu \(TiquVersion.current) \(exe) \(size) \(time)"
}
