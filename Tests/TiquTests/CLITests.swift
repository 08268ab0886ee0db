import Foundation
import XCTest

/// The command line as a user meets it: exit statuses and messages (built next to the test bundle).
final class CLITests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    /// The tiqu binary built next to the test bundle.
    static var executable: URL {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let exe = dir.appendingPathComponent("tiqu")
        return FileManager.default.fileExists(atPath: exe.path) ? exe : dir.deletingLastPathComponent().appendingPathComponent("tiqu")
    }

    func tiqu(_ args: [String], cwd: String? = nil, environment: [String: String] = [:], stdin: [UInt8]? = nil,
              executable: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let p = try start(args, cwd: cwd, environment: environment, stdin: stdin, executable: executable)
        let out = (p.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let err = (p.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// Starts tiqu with pipes for its output (and `stdin`, when given), without waiting.
    func start(_ args: [String], cwd: String? = nil, environment: [String: String] = [:], stdin: [UInt8]? = nil,
               executable: String? = nil) throws -> Process {
        let p = Process()
        p.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? Self.executable
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        let input = Pipe()
        if stdin != nil { p.standardInput = input }
        try p.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin))
            try input.fileHandleForWriting.close()
        }
        return p
    }

    /// The start of a rule file with one rule, `good`, that finds `5元`; tests add a broken rule after it.
    static let withGoodRule = """
        rules:
          - id: good
            kind: money
            pattern: '(?<num>{{D}})(?<unit>元)'
            examples: ['[[5元]]']

        """

    /// A rules folder with one pattern `{{D}}` (digits) and the rule file `r.yaml` given, beside the word lists
    /// and structure patterns every rules folder holds.
    func makeRules(_ yaml: String) throws -> URL {
        let rules = tmp.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try Fixtures.copyBase(to: rules)
        try "patterns:\n  - name: D\n    pattern: '[0-9]+'\n".write(to: rules.appendingPathComponent("patterns/p.yaml"), atomically: true, encoding: .utf8)
        try yaml.write(to: rules.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        return rules
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        let url = tmp.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func testRunFindsShippedRulesAndWritesRecords() throws {
        try write("a.txt", Array("全年地区生产总值增长4.2%。".utf8))
        let r = try tiqu(["run", tmp.path], cwd: "/")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix(#"{"doc":"a.txt","rule":"percent.arabic","kind":"percent","text":"4.2%","#), r.out)
        XCTAssertTrue(r.err.contains("1 documents, 1 records (percent 1), 0 documents with errors"), r.err)
    }

    /// Issue 19: `--cache DIR` keeps the candidate database there, and TIQU_CANDIDATES forces the candidate
    /// pass or the sentence prefilter alone: the same records, the expected ones.
    func testRunCachesTheCandidateDatabaseAndBothPathsGiveTheExpectedRecords() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-cli-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let fast = try tiqu(["run", Fixtures.samplesDir, "-q", "--cache", cache], environment: ["TIQU_CANDIDATES": "vectorscan"])
        XCTAssertEqual(fast.status, 0, fast.err)
        // One database for the extraction rules, one for the debris rules, one for the damage rules.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasPrefix("candidates-") && $0.hasSuffix(".hsdb") }.count, 3)
        let slow = try tiqu(["run", Fixtures.samplesDir, "-q"], environment: ["TIQU_CANDIDATES": "sentences"])
        XCTAssertEqual(fast.out, slow.out)
        XCTAssertEqual(fast.out, try String(contentsOfFile: Fixtures.samplesDir + "/expected.jsonl", encoding: .utf8))
    }

    func testBadDocumentsAreNamedAndDoNotLoseOthersOutput() throws {
        try write("a-binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01])
        try write("b-empty.txt", [])
        try write("c-good.txt", Array("投资3805亿元".utf8))
        try write("d-broken.txt", Array("投资".utf8) + [0xFF, 0xFF] + Array("126亿元".utf8))
        let r = try tiqu(["run", tmp.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("a-binary.txt: error: binary file"), r.err)
        XCTAssertTrue(r.err.contains("b-empty.txt: warning: empty file"), r.err)
        // Positions in messages are the file's own: line:column, then the byte offset.
        XCTAssertTrue(r.err.contains("d-broken.txt:1:3: error: 2 invalid UTF-8 sequence(s) replaced by U+FFFD, the first at byte 6; the rest of the document was processed (byte 6)\n"), r.err)
        XCTAssertTrue(r.out.contains(#""doc":"c-good.txt""#))
        XCTAssertTrue(r.out.contains(#""text":"126亿元""#), "the rest of a damaged document is still processed")
    }

    func testBrokenRuleFileIsReportedWithLineAndColumnAndNothingIsExtracted() throws {
        let rules = try makeRules(Self.withGoodRule + """
          - id: bad
            kind: money
            pattern: '(?<num>{{D}}(?<unit>元)'
            examples: ['[[5元]]']
        """)
        try write("docs/a.txt", Array("5元".utf8))
        let r = try tiqu(["run", tmp.appendingPathComponent("docs").path, "--rules", rules.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("r.yaml:8:"), r.err)
        XCTAssertTrue(r.err.contains("missing closing parenthesis"), r.err)
        XCTAssertTrue(r.err.hasSuffix("nothing was extracted. Fix them, or pass --keep-going to run the 1 valid rules\n"), r.err)
        XCTAssertEqual(r.out, "", "fail closed: no records from a half-loaded rules folder")
        // --keep-going runs the valid rules, says what was dropped, and still exits 2.
        let k = try tiqu(["run", tmp.appendingPathComponent("docs").path, "--rules", rules.path, "--keep-going"])
        XCTAssertEqual(k.status, 2)
        XCTAssertTrue(k.out.contains(#""rule":"good""#), k.out)
        XCTAssertTrue(k.err.contains("; 1 rule(s) dropped because of errors\n"), k.err)
    }

    func testUsageErrorsExit64() throws {
        XCTAssertEqual(try tiqu(["run", "/nonexistent/dir"]).status, 64)
        XCTAssertEqual(try tiqu(["run", tmp.path, "--jobs", "0"]).status, 64)
        XCTAssertEqual(try tiqu(["run", tmp.path, "--encoding", "latin9"]).status, 64)
    }

    /// `tiqu --help` and every subcommand's help, exactly as checked in under Tests/TiquTests/golden/help/
    /// (`TIQU_UPDATE_GOLDEN=1 swift test --filter testHelp` rewrites them after a deliberate change).
    func testHelpOfEveryCommandIsAsCheckedIn() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("golden/help")
        let update = ProcessInfo.processInfo.environment["TIQU_UPDATE_GOLDEN"] == "1"
        for command in [[], ["run"], ["diff"], ["report"], ["clean"], ["segment"], ["explain"], ["rules"], ["rules", "test"], ["rules", "lint"],
                        ["rules", "coverage"], ["rules", "new"], ["rules", "doc"], ["rules", "export"]] {
            let r = try tiqu(command + ["--help"], environment: ["COLUMNS": "100"])
            XCTAssertEqual(r.status, 0, r.err)
            let file = golden.appendingPathComponent((["tiqu"] + command).joined(separator: "-") + ".txt")
            if update {
                try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
                try r.out.write(to: file, atomically: true, encoding: .utf8)
            }
            XCTAssertEqual(r.out, try String(contentsOf: file, encoding: .utf8), "help of `tiqu \(command.joined(separator: " "))` differs from \(file.lastPathComponent)")
        }
    }

    func testRulesTestPassesOnShippedRules() throws {
        let r = try tiqu(["rules", "test"])
        XCTAssertEqual(r.status, 0, r.out)
        XCTAssertTrue(r.out.contains(" 0 failures"), r.out)
    }

    func testRulesExportPrintsOnePatternPerRule() throws {
        let r = try tiqu(["rules", "export", "--pcre"])
        XCTAssertEqual(r.status, 0)
        let lines = r.out.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 20)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("(?xm)") })
    }

    func testCleanShowsTheMap() throws {
        try write("w.txt", Array("当前位置:首页\r\n增长１２％\r\n".utf8))
        let r = try tiqu(["clean", tmp.appendingPathComponent("w.txt").path, "--map"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("removed 0..<21 by clean.breadcrumb"), r.out)
        XCTAssertTrue(r.out.contains("bytes 21..<36: 增长12%  (folded from \"增长１２％\")"), r.out)
    }
}

extension CLITests {
    /// A pattern that backtracks without end hits PCRE2's match limit: the document is named with the rule
    /// and its file:line:col, the other rules' records and the other documents still come out, exit 1.
    func testBacktrackingRuleHitsTheLimitAndIsReported() throws {
        let rules = try makeRules(Self.withGoodRule + """
          - id: runaway
            kind: percent
            pattern: '(?<num>(?:a|aa)+)(?=[0-9])'
            examples: ['[[aa]]1']
        """)
        try write("docs/a.txt", Array(("5元 " + String(repeating: "a", count: 5000) + "c").utf8))
        try write("docs/b.txt", Array("7元".utf8))
        let r = try tiqu(["run", tmp.appendingPathComponent("docs").path, "--rules", rules.path])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("a.txt"), r.err)
        XCTAssertTrue(r.err.contains("rule `runaway` ("), r.err)
        XCTAssertTrue(r.err.contains("r.yaml:6:"), r.err)
        XCTAssertTrue(r.err.contains("match limit"), r.err)
        XCTAssertTrue(r.out.contains(#""doc":"a.txt","rule":"good""#), r.out)
        XCTAssertTrue(r.out.contains(#""doc":"b.txt","rule":"good""#), r.out)
    }
}

extension CLITests {
    func testTwoFilesUnderOneReportedNameAreRefused() throws {
        try write("a/x.txt", Array("5元".utf8))
        try write("b/x.txt", Array("6元".utf8))
        let r = try tiqu(["run", tmp.appendingPathComponent("a/x.txt").path, tmp.appendingPathComponent("b/x.txt").path])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.err.contains("would both be reported as `x.txt`"), r.err)
        // The same file named twice is read once.
        let same = try tiqu(["run", tmp.appendingPathComponent("a/x.txt").path, tmp.appendingPathComponent("a/x.txt").path])
        XCTAssertEqual(same.status, 0, same.err)
        XCTAssertEqual(same.out.split(separator: "\n").count, 1)
    }
}

extension CLITests {
    func testSegmentPrintsTheCheckedInTrees() throws {
        let r = try tiqu(["segment", "--json", Fixtures.samplesDir])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, try String(contentsOfFile: Fixtures.samplesDir + "/expected-tree.jsonl", encoding: .utf8))
        let outline = try tiqu(["segment", Fixtures.samplesDir + "/two-speeches.txt"])
        XCTAssertTrue(outline.out.contains("speech 李某某同志在临江市优化营商环境大会上的讲话 [speaker 李某某] [date 2025-03-20]"), outline.out)
    }
}

/// The authoring commands (issue 14): lint, test, explain, coverage, new, doc.
extension CLITests {
    func testLintExitCodes() throws {
        let shipped = try tiqu(["rules", "lint", "--strict"])
        XCTAssertEqual(shipped.status, 0, shipped.out)
        XCTAssertTrue(shipped.out.hasSuffix(": 0 errors, 0 warnings\n"), shipped.out)
        // The base's number patterns are unused by the one rule here: warnings only.
        let rules = try makeRules(Self.withGoodRule)
        XCTAssertEqual(try tiqu(["rules", "lint", "--rules", rules.path]).status, 0)
        let strict = try tiqu(["rules", "lint", "--rules", rules.path, "--strict"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.out.contains("patterns/numbers.yaml:56:14: warning: pattern `AMOUNT` is used by no rule, sub-pattern or stage"), strict.out)
    }

    func testLintReportsErrorsWithExit2() throws {
        let broken = try makeRules(Self.withGoodRule + "  - id: bad\n    kind: money\n    pattern: '(?<num>{{DD}})(?<unit>元)'\n    examples: ['[[5元]]']\n")
        let r = try tiqu(["rules", "lint", "--rules", broken.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.out.contains("/r.yaml:8:22: error: unknown pattern `{{DD}}`; did you mean D?\n"), r.out)
    }

    func testRulesTestReportsGapsFalseHitsNotesAndWhy() throws {
        let rules = try makeRules(Self.withGoodRule + """
          - id: yuan
            kind: money
            priority: 1
            prefilter: 元
            pattern: '(?<num>{{D}})(?<unit>元)(?=整)'
            examples:
              - text: 共[[5元]]整
              - text: 共[[6元]]
                note: needs 整 after it
            not: ['']
            gaps: ['付[[7元]]', '付[[8元]]整']
            todo_not: ['9元整', '九元']

        """)
        let r = try tiqu(["rules", "test", "--rules", rules.path, "yuan"])
        XCTAssertEqual(r.status, 1, r.out + r.err)
        let lines = r.out.components(separatedBy: "\n")
        XCTAssertTrue(lines.contains { $0.hasSuffix("/r.yaml:13: yuan: expected a match «6元»") }, r.out)
        XCTAssertTrue(lines.contains("    note: needs 整 after it"), r.out)
        XCTAssertTrue(lines.contains("    got: good «6元»"), r.out)
        XCTAssertTrue(lines.contains("    why: the pattern does not match here: PCRE2 got as far as «6元» and parts ways with the text at the end of the text"), r.out)
        XCTAssertTrue(lines.contains { $0.hasSuffix("/r.yaml:15: yuan: the example could not be processed") }, "a not: that fails to process fails: \(r.out)")
        XCTAssertTrue(lines.contains { $0.hasSuffix("/r.yaml:16: yuan: known miss: expected a match «7元»") }, r.out)
        XCTAssertTrue(lines.contains { $0.hasSuffix("/r.yaml:16: yuan: fixed: this gap now passes; move it to `examples:`") }, r.out)
        XCTAssertTrue(lines.contains { $0.hasSuffix("/r.yaml:17: yuan: known false hit: must not match here; matched «9元»") }, r.out)
        XCTAssertTrue(lines.contains { $0.hasSuffix("/r.yaml:17: yuan: fixed: no longer matches here; move it to `not:`") }, r.out)
        XCTAssertTrue(r.out.hasSuffix("1 rules: 2 examples, 1 counterexamples, 0 test document lines, 2 known gaps, 2 known false hits (2 fixed), 2 failures\n"), r.out)
    }

    func testRulesTestSaysWhenAnotherRuleWonTheOverlap() throws {
        let rules = try makeRules(Self.withGoodRule + "  - id: short\n    kind: money\n    pattern: '(?<num>{{D}})(?=元)'\n    unit: CNY\n    examples: ['[[5]]元']\n")
        let r = try tiqu(["rules", "test", "--rules", rules.path, "short"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.out.contains("    why: its match lost the overlap to good «5元»\n"), r.out)
    }

    func testRulesTestUnknownIdExits2() throws {
        let r = try tiqu(["rules", "test", "money.amout"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.err, "tiqu: error: `money.amout` is no rule id, rule file or folder; did you mean money.amount?\n")
    }

    func testTestDocumentsBesideARuleFile() throws {
        let rules = try makeRules(Self.withGoodRule)
        try "# ruleid: good\n收入5元。\n\n# ok: good\n没有钱。\n\n# ruleid: good\n没有钱。\n\n# todoruleid: good\n还有7元。\n\n# ruleid: gooood\n8元\n"
            .write(to: rules.appendingPathComponent("r.test.txt"), atomically: true, encoding: .utf8)
        let r = try tiqu(["rules", "test", "--rules", rules.path])
        XCTAssertEqual(r.status, 1, r.out)
        XCTAssertTrue(r.out.contains("/r.test.txt:7: good: line 8 gives no record of this rule\n"), r.out)
        XCTAssertTrue(r.out.contains("/r.test.txt:10: good: fixed: line 11 now passes; change `# todoruleid:` to `# ruleid:`\n"), r.out)
        XCTAssertTrue(r.out.contains("/r.test.txt:13: gooood: `# ruleid:` names no rule; did you mean good?\n"), r.out)
        XCTAssertTrue(r.out.contains(" 5 test document lines, "), r.out)
        XCTAssertFalse(r.out.contains("r.test.txt:1:"), r.out)
    }

    func testExplainShowsMatchesAndHowFarARuleGot() throws {
        let r = try tiqu(["explain", "--text", "投资3805亿元，增长１２％", "--rule", "money.bare_wan"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(r.out.contains("\u{1B}["), "no colour when not on a terminal")
        let lines = r.out.components(separatedBy: "\n")
        XCTAssertEqual(lines[1], "  投资3805亿元,增长12%")
        XCTAssertTrue(lines.contains("  folded «投资3805亿元，增长１２％» → «投资3805亿元,增长12%» (chars 0..<14)"), r.out)
        // Rule files are shown relative to the working directory when under it (RuleLoader.displayPath).
        let cwd = FileManager.default.currentDirectoryPath + "/", money = Fixtures.rulesDir + "/money/money.yaml"
        let shown = money.hasPrefix(cwd) ? String(money.dropFirst(cwd.count)) : money
        XCTAssertTrue(lines.contains("  money.amount chars 2..<8 «3805亿元»  (\(shown):4:5)"), r.out)
        XCTAssertTrue(lines.contains("    groups: num «3805亿», unit «元»"), r.out)
        XCTAssertTrue(lines.contains("    indicator: 投资, inferred: false, period_inferred: false, unit: CNY, unit_text: 元, value: 380500000000, yoy: false"), r.out)
        // {{AMOUNT}} tries 3亿5000万 first (ARABIC_MIXED), so PCRE2 gets as far as the 亿.
        XCTAssertTrue(lines.contains("  PCRE2 got as far as «投资3805亿» (chars 0..<7); pattern and text part ways at «元»"), r.out)
        let p = try tiqu(["explain", "--pattern", "money.amount"])
        XCTAssertTrue(p.out.contains("\n  {{AMOUNT}} = ("), p.out)
        XCTAssertTrue(p.out.contains("\n      {{SCALE}} = ("), p.out)
    }

    func testExplainNamesTheRuleThatWonAnOverlap() throws {
        let rules = try makeRules(Self.withGoodRule + "  - id: short\n    kind: money\n    pattern: '(?<num>{{D}})(?=元)'\n    unit: CNY\n    examples: ['[[5]]元']\n")
        let r = try tiqu(["explain", "--rules", rules.path, "--text", "5元"])
        XCTAssertTrue(r.out.contains("matches that fell:\n  short chars 0..<1 «5»: lost the overlap to good «5元»\n"), r.out)
    }

    func testCoverageCountsRulesNeverFiredAndLikelyMisses() throws {
        try write("docs/a.txt", Array("投资5元。工作15个工作日，又3个月。".utf8))
        try write("docs/b.txt", Array("投资6元，7个人。".utf8))
        let rules = try makeRules(Self.withGoodRule + "  - id: never\n    kind: money\n    pattern: '(?<num>{{D}})(?<unit>镑)'\n    examples: ['[[5镑]]']\n")
        let r = try tiqu(["rules", "coverage", "--rules", rules.path, tmp.appendingPathComponent("docs").path, "--format", "json"])
        XCTAssertEqual(r.status, 0, r.err)
        let obj = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        XCTAssertEqual(obj["never_fired"] as? [String], ["never"])
        let misses = obj["likely_misses"] as! [[String: Any]]
        XCTAssertEqual(misses.map { $0["follows"] as! String }, ["个"])
        XCTAssertEqual(misses.first?["count"] as? Int, 3)
        let good = (obj["rules"] as! [[String: Any]]).first { $0["id"] as? String == "good" }!
        XCTAssertEqual(good["records"] as? Int, 2)
        XCTAssertEqual(good["documents"] as? Int, 2)
    }

    func testNewRuleLoadsLintsAndItsPlaceholderIsAGap() throws {
        let rules = tmp.appendingPathComponent("rules")
        try FileManager.default.copyItem(atPath: Fixtures.rulesDir, toPath: rules.path)
        let r = try tiqu(["rules", "new", "money.bond", "--kind", "money", "--rules", rules.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "wrote \(rules.path)/money/bond.yaml\n")
        let lint = try tiqu(["rules", "lint", "--rules", rules.path])
        XCTAssertEqual(lint.status, 0, lint.out)
        XCTAssertTrue(lint.out.contains("money/bond.yaml:4:5: warning: rule `money.bond` has no `examples:` (its 1 gap(s) do not count)"), lint.out)
        XCTAssertTrue(lint.out.hasSuffix(": 0 errors, 1 warnings\n"), lint.out)
        let test = try tiqu(["rules", "test", "--rules", rules.path, "money.bond"])
        XCTAssertEqual(test.status, 0, test.out)
        XCTAssertTrue(test.out.contains("money/bond.yaml:27: money.bond: known miss: expected a match «like this»"), test.out)
        let again = try tiqu(["rules", "new", "money.bond", "--kind", "money", "--rules", rules.path])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.err.contains("tiqu: error: rule `money.bond` already exists at "), again.err)
    }
}

/// `tiqu diff`, `tiqu run --check/--update` and `tiqu report` as a reviewer meets them.
extension CLITests {
    func testDiffExitsZeroOneOrTwoAndNamesTheBadLine() throws {
        let a = DiffTests.line(), b = DiffTests.line(value: "6")
        try write("old.jsonl", Array((a + "\n").utf8))
        try write("new.jsonl", Array((b + "\n").utf8))
        try write("bad.jsonl", Array((a + "\nnot json\n").utf8))
        let same = try tiqu(["diff", tmp.appendingPathComponent("old.jsonl").path, tmp.appendingPathComponent("old.jsonl").path])
        XCTAssertEqual(same.status, 0, same.err)
        XCTAssertEqual(same.out, "no differences (1 \u{2192} 1 records, 1 unchanged)\n")
        let different = try tiqu(["diff", tmp.appendingPathComponent("old.jsonl").path, tmp.appendingPathComponent("new.jsonl").path])
        XCTAssertEqual(different.status, 1, different.err)
        XCTAssertEqual(different.out, """
            ~ changed   a.txt@0  money  money.amount
                value  5 \u{2192} 6

            kind   added  removed  changed  split/merged
            money      0        0        1             0

            rule          added  removed  changed  split/merged
            money.amount      0        0        1             0

            1 difference (1 \u{2192} 1 records, 0 unchanged): 1 changed

            """, "no colour when stdout is not a terminal")
        let bad = try tiqu(["diff", tmp.appendingPathComponent("old.jsonl").path, tmp.appendingPathComponent("bad.jsonl").path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.err, "tiqu: \(tmp.appendingPathComponent("bad.jsonl").path):2: error: not a record: not a JSON object\n")
        XCTAssertEqual(try tiqu(["diff", tmp.appendingPathComponent("old.jsonl").path]).status, 64)
        XCTAssertEqual(try tiqu(["diff", tmp.appendingPathComponent("old.jsonl").path, tmp.appendingPathComponent("none.jsonl").path]).status, 2)
    }

    func testDiffOfTwoRuleFoldersShowsOnlyTheChangedRulesRecordsWithSentences() throws {
        let old = try makeRules(Self.withGoodRule)
        let newDir = tmp.appendingPathComponent("rules2")
        try FileManager.default.copyItem(at: old, to: newDir)
        try (Self.withGoodRule + """
              - id: wide
                kind: money
                pattern: '(?<num>{{D}})(?<unit>元)(?=钱)'
                priority: 1
                examples: ['[[5元]]钱']
            """).write(to: newDir.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        try write("docs/a.txt", Array("花了5元。又花了7元钱。".utf8))
        let r = try tiqu(["diff", "--rules", old.path, "--rules", newDir.path, tmp.appendingPathComponent("docs").path, "--format", "markdown"])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.out.hasPrefix("### tiqu diff: 1 difference (2 \u{2192} 2 records, 1 unchanged): 1 changed\n"), r.out)
        XCTAssertTrue(r.out.contains("| `rule` | `\"good\"` | `\"wide\"` |"), r.out)
        XCTAssertTrue(r.out.contains("> 又花了**7元**钱。"), r.out)
        XCTAssertFalse(r.out.contains("花了5元"), "the unchanged record is not shown")
    }

    func testCheckAndUpdateRoundTripInAFolder() throws {
        try write("docs/a.txt", Array("投资3805亿元，增长4.2%。".utf8))
        let docs = tmp.appendingPathComponent("docs").path
        let expected = docs + "/expected.jsonl"
        let missing = try tiqu(["run", "--check", docs])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.err.contains("tiqu: error: \(expected): no expected records; write them with --update (and check them in)\n"), missing.err)
        let update = try tiqu(["run", "--update", docs])
        XCTAssertEqual(update.status, 0, update.err)
        XCTAssertTrue(update.err.hasSuffix("tiqu: wrote the expected records to \(expected)\n"), update.err)
        XCTAssertEqual(try String(contentsOfFile: expected, encoding: .utf8), try tiqu(["run", docs]).out, "the same bytes as tiqu run writes")
        let check = try tiqu(["run", "--check", docs])
        XCTAssertEqual(check.status, 0, check.err + check.out)
        XCTAssertEqual(check.out, "no differences (2 \u{2192} 2 records, 2 unchanged)\n")
        try write("docs/a.txt", Array("投资3806亿元，增长4.2%。".utf8))
        let changed = try tiqu(["run", "--check", docs, "--glob", "*"])
        XCTAssertEqual(changed.status, 1)
        XCTAssertTrue(changed.out.hasPrefix("~ changed   a.txt:1  money  money.amount\n    text   \"3805\u{4ebf}\u{5143}\" \u{2192} \"3806\u{4ebf}\u{5143}\"\n    value  380500000000 \u{2192} 380600000000\n"), changed.out)
        XCTAssertTrue(changed.err.contains("tiqu: the records differ from \(expected): 1 changed; if that is intended, accept them with `tiqu run --update \(docs) --glob '*'`\n"), changed.err)
        let markdown = try tiqu(["run", "--check", docs, "--format", "markdown"])
        XCTAssertTrue(markdown.out.hasPrefix("### tiqu run --check \(expected): 1 difference"), markdown.out)
        // Elsewhere, and several inputs, with --expected.
        let other = tmp.appendingPathComponent("golden.jsonl").path
        XCTAssertEqual(try tiqu(["run", "--update", docs, docs + "/a.txt"]).status, 64)
        XCTAssertEqual(try tiqu(["run", "--update", docs, "--expected", other]).status, 0)
        XCTAssertEqual(try tiqu(["run", "--check", docs, "--expected", other]).status, 0)
        XCTAssertEqual(try tiqu(["run", "--check", "--update", docs]).status, 64)
    }

    func testReportWritesOnePageFromDocumentsOrFromRecords() throws {
        try write("docs/a.txt", Array("投资3805亿元，增长4.2%。".utf8))
        let page = tmp.appendingPathComponent("report.html").path
        let r = try tiqu(["report", tmp.appendingPathComponent("docs").path, "-o", page])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.err, "tiqu: wrote \(page): 2 records in 1 documents\n")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        XCTAssertEqual(try ReportTests.marks(html), [0: 1, 1: 1])
        try write("docs/records.jsonl", Array(try tiqu(["run", tmp.appendingPathComponent("docs").path]).out.utf8))
        let fromRecords = try tiqu(["report", tmp.appendingPathComponent("docs/records.jsonl").path, "-o", page])
        XCTAssertEqual(fromRecords.status, 0, fromRecords.err)
        XCTAssertEqual(try String(contentsOfFile: page, encoding: .utf8), html, "the same page from the records and their documents")
        XCTAssertEqual(try tiqu(["report", tmp.appendingPathComponent("docs").path]).status, 64, "-o is required")
    }

    /// The sidebar is the document's whole outline: a section without records is listed too, linking to
    /// the document, with a count of 0.
    func testReportSidebarIsTheWholeOutline() throws {
        try write("o/a.txt", Array("工作报告\n一、总体要求\n坚持稳中求进。\n二、主要目标\n全年地区生产总值增长5%左右。\n".utf8))
        let page = tmp.appendingPathComponent("o.html").path
        let r = try tiqu(["report", tmp.appendingPathComponent("o").path, "-o", page])
        XCTAssertEqual(r.status, 0, r.err)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        XCTAssertTrue(html.contains(##"<li><a class="empty" href="#d-0">一</a> <span class="count">0</span></li>"##), html)
        XCTAssertTrue(html.contains(##"<li><a href="#r-0" data-jump="0">二</a> <span class="count">1</span></li>"##), html)
    }
}
