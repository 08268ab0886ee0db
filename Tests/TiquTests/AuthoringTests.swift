import Foundation
import XCTest

/// The authoring commands as the review of issue 14 tried them from a shell: each test is a message that
/// did not say what and where in one read.
extension CLITests {
    /// A rule that failed to load was "no rule id" (`rules test ID`), a usage error (`explain --rule ID`),
    /// and "names no rule; no defined name is near it" in its own test document.
    func testARuleThatDidNotLoadIsNamedAsSuchNotAsUnknown() throws {
        let rules = try makeRules(Self.withGoodRule + "  - id: bad\n    kind: money\n    pattern: '(?<num>{{DD}})(?<unit>元)'\n    examples: ['[[5元]]']\n")
        try "# ruleid: bad\n收入5元。\n".write(to: rules.appendingPathComponent("r.test.txt"), atomically: true, encoding: .utf8)
        let loadError = "\(rules.path)/r.yaml:8:22: error: unknown pattern `{{DD}}`; did you mean D?\n"
        let notLoaded = "rule `bad` (\(rules.path)/r.yaml:6:5) did not load because of an error reported above; fix that first"
        let one = try tiqu(["rules", "test", "--rules", rules.path, "bad"])
        XCTAssertEqual(one.status, 2)
        XCTAssertEqual(one.err, loadError + "tiqu: error: \(notLoaded)\n")
        let all = try tiqu(["rules", "test", "--rules", rules.path])
        XCTAssertEqual(all.status, 2)
        XCTAssertEqual(all.out.components(separatedBy: "\n").first, "\(rules.path)/r.test.txt:1: bad: `# ruleid:` names \(notLoaded)")
        let explain = try tiqu(["explain", "--rules", rules.path, "--text", "5元", "--rule", "bad"])
        XCTAssertEqual(explain.status, 2)
        // explain prints warnings too (the base's unused sub-patterns); the last two lines are the error and why.
        XCTAssertEqual(explain.err.components(separatedBy: "\n").suffix(3).joined(separator: "\n"), loadError + "tiqu: error: \(notLoaded)\n")
        let unknown = try tiqu(["explain", "--rules", rules.path, "--pattern", "god"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.err.components(separatedBy: "\n").suffix(3).joined(separator: "\n"), loadError + "tiqu: error: no rule `god`; did you mean good?\n")
    }

    /// A too narrow prefilter gave "why: its match the prefilter skips its sentence (…)": no grammar, and no
    /// word of the characters the sentence lacks or of what to add.
    func testPrefilterTooNarrowSaysWhatTheSentenceLacksAndWhatToAdd() throws {
        let rules = try makeRules(Self.withGoodRule + "  - id: bond\n    kind: money\n    priority: 1\n    prefilter: 币\n    pattern: '(?<num>{{D}})(?<unit>元)(?=国债)'\n    examples: ['发行[[5元]]国债']\n")
        let r = try tiqu(["rules", "test", "--rules", rules.path, "bond"])
        XCTAssertEqual(r.status, 2, r.out + r.err)
        XCTAssertEqual(r.out.components(separatedBy: "\n").filter { $0.hasPrefix("    why:") },
                       ["    why: the pattern matches «5元», but the prefilter skips its sentence: «发行5元国债» holds none of «币»; add one of «元» to `prefilter:`"])
    }

    /// A failing line of a test document said only "line 8 gives no record of this rule": not the line,
    /// nor what it gave instead, nor why (PCRE2 is probed on that line only).
    func testTestDocumentFailureShowsTheLineAndWhatItGave() throws {
        let rules = try makeRules(Self.withGoodRule)
        try "# ruleid: good\n收入五元。\n\n# ok: good\n还有7元。\n".write(to: rules.appendingPathComponent("r.test.txt"), atomically: true, encoding: .utf8)
        let r = try tiqu(["rules", "test", "--rules", rules.path])
        XCTAssertEqual(r.status, 1, r.out + r.err)
        XCTAssertEqual(Array(r.out.components(separatedBy: "\n").prefix(7)), [
            "\(rules.path)/r.test.txt:1: good: line 2 gives no record of this rule",
            "    line 2: 收入五元。",
            "    got: no records",
            "    why: the pattern cannot even begin a match here",
            "\(rules.path)/r.test.txt:4: good: line 5 must give no record of this rule; got «7元»",
            "    line 5: 还有7元。",
            "    got: good «7元»",
        ])
    }
}

extension CLITests {
    /// Coverage dropped a document it could not read without a word: the counts silently left it out.
    func testCoverageNamesTheDocumentsItCouldNotRead() throws {
        try write("docs/a.txt", Array("投资5元。".utf8))
        try write("docs/b.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01])
        let rules = try makeRules(Self.withGoodRule)
        let docs = tmp.appendingPathComponent("docs").path
        let r = try tiqu(["rules", "coverage", "--rules", rules.path, docs])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out.components(separatedBy: "\n").first, "1 documents (1 skipped); rules (records in documents):")
        XCTAssertEqual(r.err.components(separatedBy: "\n").filter { $0.hasPrefix("b.txt") },
                       ["b.txt: error: binary file (NUL byte at offset 4): skipped; pass text files only, or --encoding utf-16le/utf-16be for UTF-16 without a BOM (byte 4)"])
        let json = try tiqu(["rules", "coverage", "--rules", rules.path, docs, "--format", "json"])
        let obj = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [String: Any]
        XCTAssertEqual(obj["skipped"] as? [String], ["b.txt: error: binary file (NUL byte at offset 4): skipped; pass text files only, or --encoding utf-16le/utf-16be for UTF-16 without a BOM (byte 4)"])
    }

    /// `rules new --kind bogus` printed the root command's usage (`tiqu <subcommand>`), not its own.
    func testRulesNewWithAnUnknownKindIsAUsageErrorOfRulesNew() throws {
        let r = try tiqu(["rules", "new", "money.x", "--kind", "bogus"])
        XCTAssertEqual(r.status, 64)
        XCTAssertEqual(r.err.components(separatedBy: "\n").prefix(2).joined(separator: "\n"),
                       "Error: unknown --kind bogus; use one of money, percent, percentage_point, quantity, multiple, date, project, remove, flag\nUsage: tiqu rules new <id> --kind <kind> [--rules <dir>]")
    }
}
