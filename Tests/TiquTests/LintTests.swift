import Foundation
import XCTest
@testable import TiquRules

/// `tiqu rules lint`'s checks (which also run whenever rules load), each on a rules folder with that one
/// mistake: what is reported, at which file:line:col, and with which severity.
final class LintTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Fixtures.copyBase(to: dir)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Loads `rules` as `r.yaml` beside the base, and returns the problems as `line:col: severity: message`
    /// (file r.yaml only, so that the base's sub-patterns no rule here uses do not count).
    func lint(_ rules: String, file: String = "r.yaml") throws -> [String] {
        try rules.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        let r = RuleLoader.load(directory: dir.path)
        return r.diagnostics.filter { $0.location.file.hasSuffix("/" + file) && !$0.message.contains("is used by no rule") }
            .map { "\($0.location.line):\($0.location.column): \($0.severity): \($0.message)" }
    }

    func testShippedRulesLintWithoutAnyWarning() {
        XCTAssertEqual(Fixtures.shipped.diagnostics.map(\.description), [])
    }

    func testUnknownNameSuggestsTheNearest() throws {
        let out = try lint("rules:\n  - id: t\n    kind: money\n    pattern: '(?<num>{{ARABIC}})(?<unit>{{CURENCY}})'\n    examples: ['[[5元]]']\n")
        XCTAssertEqual(out, ["4:41: error: unknown pattern `{{CURENCY}}`; did you mean CURRENCY?"])
    }

    func testSuggestionCountsASwapAsOneEdit() {
        XCTAssertEqual(NameSuggestion.nearest("nmu", among: GroupName.known(for: .money)), ["num"])
        XCTAssertEqual(NameSuggestion.nearest("ARABC", among: ["ARABIC", "AMOUNT", "UNIT"]), ["ARABIC"])
        XCTAssertEqual(NameSuggestion.nearest("XYZZY", among: ["ARABIC", "AMOUNT"]), [])
    }

    /// Issue 14: one `)` removed from SCALE gave ten errors at the rules, none naming numbers.yaml.
    func testErrorInASharedSubPatternIsReportedOnceAtItsDefinitionWithItsUsers() throws {
        let numbers = dir.appendingPathComponent("patterns/numbers.yaml")
        let text = try String(contentsOf: numbers, encoding: .utf8)
        try text.replacingOccurrences(of: "千(?![米克瓦])", with: "千(?![米克瓦]").write(to: numbers, atomically: true, encoding: .utf8)
        _ = try lint("rules:\n  - id: a\n    kind: money\n    pattern: '(?<num>{{AMOUNT}})(?<unit>{{CURRENCY}})'\n    examples: ['[[5元]]']\n")
        let r = RuleLoader.load(directory: dir.path)
        XCTAssertEqual(r.errors.count, 1, "\(r.errors)")
        let e = r.errors[0]
        XCTAssertTrue(e.location.file.hasSuffix("patterns/numbers.yaml"), e.description)
        XCTAssertEqual(e.location.line, 50)
        XCTAssertEqual(e.message, "pattern `SCALE` does not compile on its own: missing closing parenthesis; what uses it is left out:")
        XCTAssertEqual(e.notes.first, "pattern `AMOUNT` (\(dir.path)/patterns/numbers.yaml:56:14) uses it")
        XCTAssertTrue(e.notes.contains { $0.hasPrefix("rule `a` (") && $0.hasSuffix("/r.yaml:2:5) uses it") }, "\(e.notes)")
        XCTAssertEqual(r.ruleSet.rules.map(\.id), [])
    }

    /// Review of issue 14: a typo inside a shared sub-pattern read "did you mean SCALE?; what uses it is left out:".
    func testTypoInASharedSubPatternIsOneErrorAtItsDefinition() throws {
        let out = try lint("patterns:\n  - name: AMT\n    pattern: '{{ARABIC}} {{SCAL}}?'\nrules:\n  - id: t\n    kind: money\n    pattern: '(?<num>{{AMT}})(?<unit>{{CURRENCY}})'\n    examples: ['[[5元]]']\n")
        XCTAssertEqual(out, ["3:26: error: unknown pattern `{{SCAL}}`; did you mean SCALE? What uses it is left out:"])
        let e = RuleLoader.load(directory: dir.path).errors.filter { $0.location.file.hasSuffix("/r.yaml") }
        XCTAssertEqual(e.map(\.notes), [["rule `t` (\(dir.path)/r.yaml:5:5) uses it"]])
    }

    func testCycleIsReportedAtTheSubPattern() throws {
        let out = try lint("patterns:\n  - name: LOOP\n    pattern: 'a{{LOOP}}'\nrules:\n  - id: t\n    kind: money\n    pattern: '(?<num>{{LOOP}})元'\n    examples: ['[[5元]]']\n")
        XCTAssertEqual(out, ["3:16: error: pattern `{{LOOP}}` refers to itself through LOOP → LOOP; what uses it is left out:"])
    }

    func testPatternThatDoesNotCompileIsAtPCRE2sColumn() throws {
        let out = try lint("rules:\n  - id: t\n    kind: percent\n    pattern: '(?<num>[0-9]+)[%'\n    examples: ['[[5%]]']\n")
        XCTAssertEqual(out, ["4:31: error: rule `t`: pattern does not compile: missing terminating ] for character class"])
    }

    func testGroupTheNormalizerDoesNotReadIsAnError() throws {
        let out = try lint("rules:\n  - id: t\n    kind: money\n    pattern: '(?<nmu>{{ARABIC}})(?<unit>{{CURRENCY}})'\n    examples: ['[[5元]]']\n")
        XCTAssertEqual(out, ["4:18: error: rule `t`: the normalizer reads no group `nmu` in a money rule; did you mean `num`? (money rules read: num, low, high, unit, qbefore, qmid, qafter, doublings, cheng, chengfrac, sign, scale, jiao, fen, half, zhe, denom); use `(?:…)` for a group it need not read"])
    }

    func testPrefilterThatExcludesAnExampleSaysWhatTheSentenceLacks() throws {
        let out = try lint("rules:\n  - id: t\n    kind: money\n    prefilter: 币\n    pattern: '(?<num>{{ARABIC}})(?<unit>{{CURRENCY}})'\n    examples: ['前文。收入[[5元]]。币']\n")
        XCTAssertEqual(out, ["6:16: error: rule `t`: the `prefilter:` excludes this example: its sentence «收入5元。» holds none of the prefilter's characters (币), so the rule never runs there; add a character the sentence holds to `prefilter:`"])
    }

    func testPrefilterWordsThatExcludeAnExampleSayWhatTheSentenceLacks() throws {
        let out = try lint("rules:\n  - id: t\n    kind: money\n    prefilter_words: 收入 支付\n    pattern: '(?<num>{{ARABIC}})(?<unit>{{CURRENCY}})'\n    examples: ['收入。支出[[5元]]。']\n")
        XCTAssertEqual(out, ["6:16: error: rule `t`: the `prefilter_words:` exclude this example: its sentence «支出5元。» holds none of the words (收入 支付), so the rule never runs there; add a word the sentence holds to `prefilter_words:`"])
        XCTAssertEqual(try lint("rules:\n  - id: t\n    kind: money\n    prefilter_words: 收入 支付\n    pattern: '(?<num>{{ARABIC}})(?<unit>{{CURRENCY}})'\n    examples: ['前文。收入[[5元]]。']\n"), [])
    }

    func testEmptyMatchAndMissingExamplesAreWarnings() throws {
        let out = try lint("rules:\n  - id: t\n    kind: money\n    pattern: '(?<num>{{ARABIC}})?(?<unit>元)?'\n    gaps: ['[[5元]]']\n")
        XCTAssertEqual(out, ["2:5: warning: rule `t` has no `examples:` (its 1 gap(s) do not count); show at least one text it must match, with the span marked [[…]]",
                             "2:5: warning: rule `t`: the pattern can match the empty string (every part is optional); make the number or the unit required"])
    }

    func testNestedQuantifiersAreWarningsAtTheInnerOne() throws {
        let out = try lint("rules:\n  - id: t\n    kind: percent\n    pattern: '(?<num>(?:[0-9]+)+)%'\n    examples: ['[[5%]]']\n  - id: u\n    kind: percent\n    pattern: '(?:\\s*x?)*(?<num>[0-9]+)%'\n    examples: ['[[5%]]']\n")
        XCTAssertEqual(out.count, 2, "\(out)")
        XCTAssertTrue(out[0].hasPrefix("4:30: warning: rule `t`: nested quantifiers may backtrack without end: `+` repeats inside a group that is itself repeated (at "), out[0])
        XCTAssertTrue(out[1].hasPrefix("8:20: warning: rule `u`: nested quantifiers may backtrack without end: `*` repeats"), out[1])
    }

    func testSafeRepetitionsAreNotNestedQuantifiers() {
        for p in [#"(?:,\d+)+"#, #"(?>\d+)+"#, #"(?:\d++)+"#, #"(?:a|aa)+"#, #"[(+]+"#, #"\d{1,3}(?:,\d{3})*"#, #"(?:\p{Han}+、)*"#] {
            XCTAssertEqual(NestedQuantifiers.find(p), [], p)
        }
        XCTAssertEqual(NestedQuantifiers.find("(a+)+").count, 1)
        XCTAssertEqual(NestedQuantifiers.find("(?:(?:a+)b?)*").count, 1)
    }

    func testUnusedSubPatternIsAWarningAndWordListsTheStagesReadAreUsed() throws {
        try "rules:\n  - id: t\n    kind: money\n    pattern: '(?<num>{{ARABIC}})(?<unit>{{CURRENCY}})'\n    examples: ['[[5元]]']\n"
            .write(to: dir.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        try "patterns:\n  - name: LONELY\n    pattern: x\n".write(to: dir.appendingPathComponent("patterns/q.yaml"), atomically: true, encoding: .utf8)
        let unused = RuleLoader.load(directory: dir.path).warnings.filter { $0.message.contains("is used by no rule") }.map { $0.message.split(separator: "`")[1] }
        XCTAssertTrue(unused.contains("LONELY"))
        for used in ["ARABIC", "CURRENCY", "SPEECH_TITLE", "CHANGE", "UNIT", "QUAL_MID", "SENTENCE_END"] { XCTAssertFalse(unused.contains(Substring(used)), used) }
    }

    func testMissingAndDuplicateIdsAndUnknownKeys() throws {
        let out = try lint("rules:\n  - kind: percent\n    pattern: x\n  - id: d\n    kind: percent\n    pattern: '(?<num>[0-9]+)%'\n    examples: ['[[5%]]']\n  - id: d\n    kind: percent\n    pattern: '(?<num>[0-9]+)%'\n    examples: ['[[5%]]']\n  - id: e\n    kind: percent\n    pattern: '(?<num>[0-9]+)%'\n    exmaples: ['[[5%]]']\n")
        XCTAssertEqual(out.count, 3, "\(out)")
        XCTAssertEqual(out[0], "2:5: error: a rule needs `id:` (e.g. `money.amount`)")
        XCTAssertEqual(out[1], "8:5: error: duplicate rule id `d` (first defined at \(dir.path)/r.yaml:4:5)")
        // Review of issue 14: a misspelt key listed every key and suggested none.
        XCTAssertEqual(out[2], "15:5: error: unknown key `exmaples` in a rule; did you mean `examples`? (a rule's keys: id, kind, subtype, priority, unit, value, inferred, pattern, doc, examples, not, gaps, todo_not, inside, outside, prefilter, prefilter_words, allows)")
    }

    func testYAMLErrorIsAtItsLine() throws {
        let out = try lint("rules:\n  - id: t\n   kind: money\n")
        XCTAssertEqual(out, ["3:4: error: invalid YAML: did not find expected '-' indicator"])
    }
}
