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

    func tiqu(_ args: [String], cwd: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var exe = dir.appendingPathComponent("tiqu")
        if !FileManager.default.fileExists(atPath: exe.path) { exe = dir.deletingLastPathComponent().appendingPathComponent("tiqu") }
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        try p.run()
        let out = o.fileHandleForReading.readDataToEndOfFile()
        let err = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
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

    func testBrokenRuleFileIsReportedWithLineAndColumnAndOtherRulesRun() throws {
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
        XCTAssertTrue(r.out.contains(#""rule":"good""#), r.out)
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
        for command in [[], ["run"], ["diff"], ["report"], ["clean"], ["segment"], ["rules"], ["rules", "test"], ["rules", "export"]] {
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
}
