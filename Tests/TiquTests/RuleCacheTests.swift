import Foundation
import PCRE2
@testable import TiquRules
import XCTest

/// Issue 19, start-up: the compiled-rules cache gives exactly the rules the loader gives, and anything
/// but a clean, current file is a miss that loads (and reports) from the rule files.
final class RuleCacheTests: XCTestCase {
    var tmp: URL!
    var cache: String { tmp.appendingPathComponent("cache").path }

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-rulecache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func cacheFiles() throws -> [String] {
        guard FileManager.default.fileExists(atPath: cache) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasPrefix("rules-") }.sorted()
    }

    /// Every field of every rule, the lexicon and the structure patterns, as text to compare.
    func dump(_ set: RuleSet) -> String {
        func re(_ r: Regex?) -> String {
            guard let r else { return "-" }
            return "\(r.pattern)|\(r.options.rawValue)|\(r.captureCount)|\(r.minLength)|\(r.groupNumbers.sorted { $0.key < $1.key })"
        }
        var out: [String] = []
        for r in set.all {
            out.append([r.id, r.kind.rawValue, r.subtype ?? "-", "\(r.priority)", r.unit ?? "-", r.value ?? "-", "\(r.inferred)",
                        r.expanded, r.source, re(r.regex), "\(r.location)", re(r.inside), re(r.outside),
                        "\(r.prefilter.map { $0.map(\.value).sorted() } ?? [])", "\(r.prefilterWords ?? ["-"])",
                        "\(r.allows.map(\.rawValue).sorted())", "\(r.alphabet.map(\.bits) ?? [])"].joined(separator: "\n"))
            for e in r.examples + r.gaps {
                out.append("\(e.location) \(e.note ?? "-") \(e.text) \(e.span) \(e.expect.sorted { $0.key < $1.key })")
            }
            for c in r.counterexamples + r.falseHits { out.append("\(c.location) \(c.note ?? "-") \(c.text)") }
        }
        out.append("\(set.lexicon.meanings.sorted { $0.key < $1.key }.map { ($0.key, $0.value.sorted { $0.key < $1.key }) })")
        let s = set.structure!
        out += [s.title, s.dateLine, s.yearInTitle, s.titleYear, s.block, s.inline].map(re)
        out.append("\(s.inlineSearch.alphabet?.bits ?? []) \(s.sequence.sorted { $0.key < $1.key }) \(s.circled.sorted { $0.key < $1.key })")
        out.append("\(set.context!.changeVerbs.words) \(set.context!.period.map(\.meaning)) \(set.clean!.numberContinues.contains(0x4EBF))")
        return out.joined(separator: "\n")
    }

    func testACachedLoadGivesTheRulesTheFilesGive() throws {
        let files = RuleFiles(directory: Fixtures.rulesDir)
        let plain = RuleLoader.load(directory: Fixtures.rulesDir, warnings: false)
        let miss = RuleCache.load(files, cache: cache, salt: "test")
        XCTAssertFalse(miss.patterns.isEmpty, "the first load reads the files")
        XCTAssertEqual(try cacheFiles().count, 1)
        let hit = RuleCache.load(files, cache: cache, salt: "test")
        XCTAssertTrue(hit.patterns.isEmpty, "the second load reads the cache")
        XCTAssertEqual(hit.errors, [])
        XCTAssertEqual(dump(hit.ruleSet), dump(plain.ruleSet))
        XCTAssertEqual(dump(miss.ruleSet), dump(plain.ruleSet))
        // Cached patterns compile at their first match and match as the loader's do.
        let scratch = MatchScratch()
        let subject = Array("全年投资3805亿元，增长4.2%。".utf8)
        for (a, b) in zip(hit.ruleSet.all, plain.ruleSet.all) {
            var ma: [Match] = [], mb: [Match] = []
            try a.regex.forEachMatch(in: subject, scratch: scratch) { ma.append($0); return true }
            try b.regex.forEachMatch(in: subject, scratch: scratch) { mb.append($0); return true }
            XCTAssertEqual(ma, mb, a.id)
        }
        // Another salt (another build of tiqu) is another file.
        XCTAssertFalse(RuleCache.load(files, cache: cache, salt: "other build").patterns.isEmpty)
        XCTAssertEqual(try cacheFiles().count, 2)
    }

    func testNoCacheFolderKeepsNothing() {
        let r = RuleCache.load(RuleFiles(directory: Fixtures.rulesDir), cache: nil, salt: "test")
        XCTAssertFalse(r.patterns.isEmpty)
        XCTAssertEqual(r.errors, [])
    }

    /// A truncated, corrupt or foreign file under the right name is a miss: loaded from the files, written again.
    func testACorruptOrTruncatedCacheFileIsAMiss() throws {
        let files = RuleFiles(directory: Fixtures.rulesDir)
        _ = RuleCache.load(files, cache: cache, salt: "test")
        let path = cache + "/" + (try cacheFiles()[0])
        let good = try XCTUnwrap(FileManager.default.contents(atPath: path))
        let plain = dump(RuleLoader.load(directory: Fixtures.rulesDir, warnings: false).ruleSet)
        var flipped = [UInt8](good)
        flipped[flipped.count / 2] ^= 0x01
        var wrongKey = [UInt8](good)
        wrongKey[RuleCache.magic.count] ^= 0x01
        let damaged: [(String, [UInt8])] = [("truncated", Array(good.prefix(good.count - 100))), ("header only", Array(good.prefix(40))),
                                            ("one bit flipped", flipped), ("another key inside", wrongKey), ("empty", []),
                                            ("garbage", Array(repeating: 0xFF, count: good.count))]
        for (what, bytes) in damaged {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let r = RuleCache.load(files, cache: cache, salt: "test")
            XCTAssertFalse(r.patterns.isEmpty, "\(what): read from the files")
            XCTAssertEqual(dump(r.ruleSet), plain, what)
            XCTAssertEqual(FileManager.default.contents(atPath: path), good, "\(what): written again")
            XCTAssertTrue(RuleCache.load(files, cache: cache, salt: "test").patterns.isEmpty, "\(what): then served")
        }
    }

    /// A folder with a broken rule is never written, so its errors are reported from the files each time,
    /// exactly as the loader reports them; fixed, it is cached; broken again, the errors come back.
    func testABrokenFolderIsNeverServedFromTheCache() throws {
        let dir = tmp.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Fixtures.copyBase(to: dir)
        let file = dir.appendingPathComponent("r.yaml")
        for round in 0..<2 {
            // Each round's good file is another (a comment), so it is cached anew.
            let good = "# round \(round)\nrules:\n  - id: money.x\n    kind: money\n    pattern: '(?<num>[0-9]+)(?<unit>元)'\n    examples: ['[[5元]]']\n"
            let bad = good.replacingOccurrences(of: "(?<unit>元)'", with: "(?<unit>元'")
            try bad.write(to: file, atomically: true, encoding: .utf8)
            let plain = RuleLoader.load(directory: dir.path, warnings: false)
            XCTAssertEqual(plain.errors.count, 1)
            for _ in 0..<2 {
                let r = RuleCache.load(RuleFiles(directory: dir.path), cache: cache, salt: "test")
                XCTAssertEqual(r.errors, plain.errors, "round \(round)")
                XCTAssertEqual(r.errors.first?.location.file, dir.path + "/r.yaml")
                XCTAssertEqual(r.droppedRules, 1)
            }
            XCTAssertEqual(try cacheFiles().count, round, "nothing written for the broken folder")
            try good.write(to: file, atomically: true, encoding: .utf8)
            XCTAssertFalse(RuleCache.load(RuleFiles(directory: dir.path), cache: cache, salt: "test").patterns.isEmpty)
            let hit = RuleCache.load(RuleFiles(directory: dir.path), cache: cache, salt: "test")
            XCTAssertTrue(hit.patterns.isEmpty)
            XCTAssertEqual(hit.ruleSet.rules.map(\.id), ["money.x"])
            XCTAssertEqual(hit.ruleSet.rules.first?.location, SourceLocation(file: dir.path + "/r.yaml", line: 3, column: 5))
        }
    }

    /// Locations are kept relative to the rules folder and printed as the loader prints them from where
    /// the command runs, not from where the cache was written.
    func testLocationsFollowTheWorkingDirectory() throws {
        let fm = FileManager.default
        let before = fm.currentDirectoryPath
        defer { fm.changeCurrentDirectoryPath(before) }
        let files = RuleFiles(directory: Fixtures.rulesDir)
        fm.changeCurrentDirectoryPath(tmp.path)  // written from elsewhere: absolute paths
        _ = RuleCache.load(files, cache: cache, salt: "test")
        fm.changeCurrentDirectoryPath(Fixtures.packageRoot.path)
        let hit = RuleCache.load(files, cache: cache, salt: "test")
        XCTAssertTrue(hit.patterns.isEmpty)
        let plain = RuleLoader.load(directory: Fixtures.rulesDir, warnings: false)
        XCTAssertEqual(hit.ruleSet.all.map(\.location), plain.ruleSet.all.map(\.location))
        XCTAssertTrue(hit.ruleSet.all.allSatisfy { $0.location.file.hasPrefix("rules/") }, "\(hit.ruleSet.all.first?.location as Any)")
    }

    /// The command line: `run --cache DIR` keeps the rules there and the next run reads them, with the
    /// expected records; a broken rules folder reports its error at file:line:col (exit 2) on every run.
    func testRunKeepsTheRulesInTheCacheFolder() throws {
        let exe = CLITests.executable.path
        let env = ProcessInfo.processInfo.environment
        let expected = try String(contentsOfFile: Fixtures.samplesDir + "/expected.jsonl", encoding: .utf8)
        for round in 0..<2 {
            let out = tmp.appendingPathComponent("out\(round).jsonl").path
            let (status, log) = try Fixtures.runProcess(exe, ["run", Fixtures.samplesDir, "-q", "--cache", cache, "-o", out], environment: env)
            XCTAssertEqual(status, 0, log)
            XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), expected, "run \(round)")
            XCTAssertEqual(try cacheFiles().count, 1)
        }
        let dir = tmp.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Fixtures.copyBase(to: dir)
        try "rules:\n  - id: money.x\n    kind: money\n    pattern: '(['\n".write(to: dir.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        for _ in 0..<2 {
            let (status, log) = try Fixtures.runProcess(exe, ["run", Fixtures.samplesDir, "-q", "--cache", cache, "--rules", dir.path], environment: env)
            XCTAssertEqual(status, 2, log)
            XCTAssertTrue(log.contains(dir.path + "/r.yaml:4:"), log)
        }
        XCTAssertEqual(try cacheFiles().count, 1)
    }

    /// Every edit and every build writes another file: the oldest beyond `RuleCache.kept` are removed.
    func testOldCacheFilesArePruned() throws {
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        for i in 0..<(RuleCache.kept + 5) {
            let f = cache + "/rules-old\(i).bin"
            try Data([1]).write(to: URL(fileURLWithPath: f))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: Double(1_000_000 + i))], ofItemAtPath: f)
        }
        try Data([1]).write(to: URL(fileURLWithPath: cache + "/candidates-x.hsdb"))
        _ = RuleCache.load(RuleFiles(directory: Fixtures.rulesDir), cache: cache, salt: "test")
        let left = try cacheFiles()
        XCTAssertEqual(left.count, RuleCache.kept)
        XCTAssertFalse(left.contains("rules-old0.bin"))
        XCTAssertFalse(left.contains("rules-old5.bin"))
        XCTAssertTrue(left.contains("rules-old6.bin"))
        XCTAssertTrue(left.contains { !$0.hasPrefix("rules-old") }, "the file just written is kept")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache + "/candidates-x.hsdb"))
    }

    /// The fingerprint a run prints is the rule files' hash, as before (FNV-1a of paths and bytes).
    func testFingerprintIsTheRuleFilesHash() throws {
        let dir = tmp.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "a: b\n".write(to: dir.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in Array("x.yaml".utf8) + [0] + Array("a: b\n".utf8) + [0] { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        XCTAssertEqual(RuleFiles(directory: dir.path).hash, h)
        XCTAssertEqual(RuleFiles(directory: dir.path).fingerprint, String(String(h, radix: 16).prefix(12)))
    }
}
