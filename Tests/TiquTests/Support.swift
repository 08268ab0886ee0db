import Foundation
import PCRE2
import XCTest
@testable import TiquClean
@testable import TiquEmit
@testable import TiquMatch
@testable import TiquNormalize
@testable import TiquNumbers
@testable import TiquRules
@testable import TiquRun
@testable import TiquSegment
@testable import TiquText

/// Paths and shared fixtures for the tests.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rulesDir = packageRoot.appendingPathComponent("rules").path
    static let samplesDir = packageRoot.appendingPathComponent("samples").path
    /// ../shared beside the clone: present in CI, absent in a user's clone (tests that need it skip).
    static let sharedDir = packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
    static let corpusDir = sharedDir + "/corpus"

    static let shipped: RuleLoader.Result = RuleLoader.load(directory: rulesDir)
    static let pipeline = try! Pipeline(ruleSet: shipped.ruleSet)

    /// A removal (debris) rule for tests of the clean stage.
    static func removalRule(_ id: String, _ pattern: String) throws -> Rule {
        Rule(Rule.Fields(id: id, kind: .remove, subtype: nil, unit: nil, value: nil, location: SourceLocation(file: "t", line: 1, column: 1)),
             regex: try Regex(pattern, options: [.extended, .multiline]))
    }

    /// The shipped cleaner's words (`rules/clean/layout.yaml`), for a cleaner with other rules.
    static var cleanWords: CleanWords { shipped.ruleSet.clean! }

    /// Copies what every rules folder needs besides its rules (the word lists and structure patterns the
    /// stages read: `patterns/`, `structure/`, `clean/layout.yaml`) into `dir`.
    static func copyBase(to dir: URL) throws {
        let fm = FileManager.default
        for sub in ["patterns", "structure"] {
            try fm.copyItem(atPath: rulesDir + "/" + sub, toPath: dir.appendingPathComponent(sub).path)
        }
        try fm.createDirectory(at: dir.appendingPathComponent("clean"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: rulesDir + "/clean/layout.yaml", toPath: dir.appendingPathComponent("clean/layout.yaml").path)
    }

    /// A random number generator that prints its seed, so a failure can be rerun with the same inputs:
    /// `TIQU_TEST_SEED=N swift test --filter NAME`.
    static func seededGenerator(_ test: String = #function) -> SeededGenerator {
        let seed = ProcessInfo.processInfo.environment["TIQU_TEST_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        print("\(test): random seed \(seed) (rerun with TIQU_TEST_SEED=\(seed))")
        return SeededGenerator(seed: seed)
    }

    static func corpus(_ sub: String = "") throws -> String {
        let dir = sub.isEmpty ? corpusDir : corpusDir + "/" + sub
        guard FileManager.default.fileExists(atPath: dir) else { throw XCTSkip("\(dir) is absent (only CI has ../shared)") }
        return dir
    }

    /// Records of one in-memory document through the shipped pipeline.
    static func records(_ text: String) throws -> [Record] {
        try pipeline.run(SourceDocument(path: "t.txt", bytes: Array(text.utf8)), scratch: Scratch()).records
    }

    /// The indicator of each of `numbers` (a record's text) among `text`'s records, the first with that text.
    static func indicators(_ text: String, _ numbers: [String]) throws -> [String?] {
        let rs = try records(text)
        return try numbers.map { n in try XCTUnwrap(rs.first { $0.text == n }, n).indicator }
    }

    /// The indicator, change and direction of each of `numbers` (a record's text), the first with that text,
    /// joined by spaces (`-` for none).
    static func changes(_ text: String, _ numbers: [String]) throws -> [String] {
        let rs = try records(text)
        return try numbers.map { n in
            let r = try XCTUnwrap(rs.first { $0.text == n }, n)
            return [r.indicator ?? "-", r.change ?? "-", r.direction ?? "-"].joined(separator: " ")
        }
    }

    /// Runs the pipeline over files with the real driver and returns the JSON Lines.
    static func run(_ paths: [String], jobs: Int, glob: String = "*.txt") throws -> (String, RunSummary) {
        let files = try InputWalker.files(paths, glob: glob)
        var out: [UInt8] = []
        let lock = NSLock()
        let summary = RunDriver(pipeline: pipeline, jobs: jobs).run(files, write: { b in lock.lock(); out += b; lock.unlock() }, report: { _, _ in })
        return (String(decoding: out, as: UTF8.self), summary)
    }

    /// The provenance invariant of EXTRACTION.md, checked in Swift on every record: the file's bytes at
    /// span.byte decode to `text`, and the decoded text at span.char is `text` too.
    static func assertProvenance(_ jsonl: String, root: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        var cache: [String: ([UInt8], DecodedText)] = [:]
        var n = 0
        for l in jsonl.split(separator: "\n") {
            let obj = try JSONSerialization.jsonObject(with: Data(l.utf8)) as! [String: Any]
            let doc = obj["doc"] as! String
            let text = obj["text"] as! String
            let span = obj["span"] as! [String: [Int]]
            if cache[doc] == nil {
                let bytes = [UInt8](FileManager.default.contents(atPath: root + "/" + doc)!)
                cache[doc] = (bytes, try Decoder.decode(bytes))
            }
            let (bytes, decoded) = cache[doc]!
            let b = span["byte"]!, c = span["char"]!
            XCTAssertEqual(decoded.text(c[0]..<c[1]), text, "char span of \(l)", file: file, line: line)
            // Re-decode the byte slice on its own: the slice must hold exactly the text.
            let slice = Array(bytes[b[0]..<b[1]])
            let enc = decoded.encoding
            let again = enc == .utf8 ? String(decoding: slice, as: UTF8.self) : (try? Decoder.decode(slice, forced: enc))?.text(0..<(try! Decoder.decode(slice, forced: enc)).scalars.count)
            XCTAssertEqual(again, text, "byte span of \(l)", file: file, line: line)
            n += 1
        }
        return n
    }

    /// Runs ../shared/tools/check-records (the independent checker) when it is there.
    static func checkRecordsTool(root: String, jsonl: String) throws -> String? {
        let tool = sharedDir + "/tools/check-records"
        guard FileManager.default.fileExists(atPath: tool) else { return nil }
        // The checker is Python; a machine without python3 skips it rather than failing.
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }) else { return nil }
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-\(UUID().uuidString).jsonl")
        try Data(jsonl.utf8).write(to: tmp)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (status, out) = try runProcess("/usr/bin/env", ["python3", tool, root, tmp.path])
        XCTAssertEqual(status, 0, out)
        return out
    }

    /// Runs a program to its end: its exit status and its stdout and stderr together.
    static func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           cwd: URL? = nil) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let environment { p.environment = environment }
        if let cwd { p.currentDirectoryURL = cwd }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }
}

/// SplitMix64: small, fast, and the same sequence for the same seed on every machine.
struct SeededGenerator: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64
    init(seed: UInt64) {
        self.seed = seed
        state = seed
    }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
