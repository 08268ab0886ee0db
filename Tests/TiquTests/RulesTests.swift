import Foundation
import XCTest
@testable import TiquRules
@testable import TiquRun

/// The shipped rules load cleanly and every example in them holds (SwiftLint-style: no test registers
/// rules by hand; adding an example to a rule file adds it here).
final class ShippedRulesTests: XCTestCase {
    func testShippedRulesLoadWithoutErrors() {
        XCTAssertEqual(Fixtures.shipped.errors.map(\.description), [])
        XCTAssertGreaterThan(Fixtures.shipped.ruleSet.rules.count, 20)
        XCTAssertGreaterThan(Fixtures.shipped.ruleSet.removalRules.count, 5)
    }

    func testEveryShippedRuleExampleHolds() {
        let report = RuleChecker(pipeline: Fixtures.pipeline).check()
        XCTAssertGreaterThan(report.examples, 100)
        for f in report.failures { XCTFail(f.description) }
    }
}

/// Rule files with mistakes: every error names the file, line and column, and says what to do.
final class RuleLoaderErrorTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Fixtures.copyBase(to: dir)
        try "patterns:\n  - name: DIGITS\n    pattern: '[0-9]+'\n".write(to: dir.appendingPathComponent("patterns/p.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func load(_ yaml: String) throws -> RuleLoader.Result {
        try yaml.write(to: dir.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        return RuleLoader.load(directory: dir.path)
    }

    func testUnknownPatternNameIsReportedAtItsColumn() throws {
        let r = try load("""
        rules:
          - id: x.y
            kind: money
            pattern: '{{DIGITS}}{{NOPE}}元'
            examples: ['[[5元]]']
        """)
        XCTAssertEqual(r.errors.count, 1)
        XCTAssertEqual(r.errors[0].location.line, 4)
        XCTAssertEqual(r.errors[0].location.column, 25)  // the `{{` of {{NOPE}}, after the opening quote
        XCTAssertTrue(r.errors[0].message.contains("unknown pattern `{{NOPE}}`"), r.errors[0].message)
        XCTAssertTrue(r.errors[0].message.hasSuffix("no defined name is near it (`tiqu rules doc` lists them)"), r.errors[0].message)
    }

    func testPatternThatDoesNotCompileIsReportedAtTheLineOfABlockScalar() throws {
        let r = try load("""
        rules:
          - id: x.y
            kind: money
            pattern: |
              {{DIGITS}}
              (?<unit>元
            examples: ['[[5元]]']
        """)
        XCTAssertEqual(r.errors.count, 1)
        let e = r.errors[0]
        XCTAssertTrue(e.location.file.hasSuffix("r.yaml"))
        XCTAssertEqual(e.location.line, 6)
        XCTAssertTrue(e.message.contains("missing closing parenthesis"), e.message)
        XCTAssertTrue(e.description.contains("r.yaml:6:"), e.description)
    }

    func testGoodRulesStillLoadNextToABadOne() throws {
        let r = try load("""
        rules:
          - id: bad
            kind: money
            pattern: '(['
            examples: ['[[5元]]']
          - id: good
            kind: money
            pattern: '(?<num>{{DIGITS}})(?<unit>元)'
            examples: ['[[5元]]']
        """)
        XCTAssertEqual(r.errors.count, 1)
        XCTAssertEqual(r.ruleSet.rules.map(\.id), ["good"])
    }

    /// A rule without examples loads (a new rule starts with its placeholder as a gap) and is a warning.
    func testRuleWithoutExamplesIsAWarning() throws {
        let r = try load("rules:\n  - id: x\n    kind: money\n    pattern: 元\n")
        XCTAssertEqual(r.errors.map(\.description), [])
        let mine = r.warnings.filter { $0.location.file.hasSuffix("r.yaml") }
        XCTAssertEqual(mine.first?.location.line, 2)
        XCTAssertTrue(mine.first?.message.contains("no `examples:`") ?? false)
        XCTAssertEqual(r.ruleSet.rules.map(\.id), ["x"])
    }

    func testUnknownKeyAndKindAreReported() throws {
        let r = try load("rules:\n  - id: x\n    kind: monee\n    pattern: 元\n    exmaples: []\n")
        XCTAssertEqual(r.errors.first?.location.line, 5)
        XCTAssertTrue(r.errors.first?.message.contains("unknown key `exmaples`") ?? false)
    }

    func testSelfReferenceIsACycleError() throws {
        try "patterns:\n  - name: LOOP\n    pattern: 'a{{LOOP}}'\n".write(to: dir.appendingPathComponent("patterns/loop.yaml"), atomically: true, encoding: .utf8)
        let r = try load("rules:\n  - id: x\n    kind: money\n    pattern: '{{LOOP}}'\n    examples: ['[[a]]']\n")
        XCTAssertTrue(r.errors.contains { $0.message.contains("refers to itself") }, "\(r.errors)")
    }

    func testYAMLSyntaxErrorHasLineAndColumn() throws {
        let r = try load("rules:\n  - id: [unclosed\n")
        XCTAssertEqual(r.errors.count, 1)
        XCTAssertEqual(r.errors[0].location.line, 3)
        XCTAssertTrue(r.errors[0].message.hasPrefix("invalid YAML"))
    }

    func testFailingExampleReportsItsLineAndWhatDiffers() throws {
        let r = try load("""
        rules:
          - id: money.x
            kind: money
            pattern: '(?<num>{{DIGITS}})(?<unit>元)'
            examples:
              - text: 共[[5元]]
                value: 50
        """)
        XCTAssertEqual(r.errors.count, 0)
        let report = RuleChecker(pipeline: try Pipeline(ruleSet: r.ruleSet)).check()
        XCTAssertEqual(report.failures.count, 1)
        XCTAssertEqual(report.failures[0].location.line, 6)
        XCTAssertTrue(report.failures[0].message.contains("value: expected 50, got 5"), report.failures[0].message)
    }
}

/// Every rules folder holds the word lists and structure patterns the stages read; without them it
/// does not load, and the error says which list and which file.
final class VocabularyTests: XCTestCase {
    func testAFolderWithoutTheWordListsSaysWhatIsMissing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-vocab-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Fixtures.copyBase(to: dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("structure"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("clean/layout.yaml"))
        let r = RuleLoader.load(directory: dir.path)
        let messages = r.errors.map(\.message)
        XCTAssertTrue(messages.contains("the cleaner's word list `number_continues` is missing (clean/layout.yaml)"), "\(messages)")
        XCTAssertTrue(messages.contains("the segmenter's pattern `SPEECH_TITLE` is missing (structure/structure.yaml)"), "\(messages)")
        XCTAssertNil(r.ruleSet.structure)
        XCTAssertThrowsError(try Pipeline(ruleSet: r.ruleSet))
    }

    func testTheShippedVocabulariesAreComplete() {
        let set = Fixtures.shipped.ruleSet
        XCTAssertNotNil(set.context)
        XCTAssertNotNil(set.structure)
        XCTAssertEqual(set.structure?.sequence["首先"], .some(1))
        XCTAssertEqual(set.structure?.sequence["最后"], .some(nil))
        XCTAssertEqual(set.structure?.circled["⑳"], 20)
        XCTAssertEqual(set.context?.innerQualifiers["多"], "more_than")
    }
    /// The named_* rules test, at each clause start, that the clause holds the last character of one of
    /// their head nouns before any character a name and its lead words never hold (PROJECT_CLAUSE_*): a
    /// head noun whose last character the class lacks would silently never match, and a lead or subject
    /// word holding such a character would be cut off by the test.
    func testTheClauseTestsOfTheNamedProjectRulesHoldEveryHeadNoun() throws {
        let patterns = Dictionary(uniqueKeysWithValues: Fixtures.shipped.patterns.map { ($0.name, $0) })
        for kind in ["PLAN", "PLATFORM", "PROJECT"] {
            let heads = try XCTUnwrap(patterns["PROJECT_HEAD_" + kind]).words
            let clause = try XCTUnwrap(patterns["PROJECT_CLAUSE_" + kind]).text
            XCTAssertGreaterThan(heads.count, 5)
            for head in heads {
                let last = try XCTUnwrap(head.last)
                XCTAssertEqual(clause.filter { $0 == last }.count, 2, "PROJECT_CLAUSE_\(kind) lacks `\(last)`, the last character of the head noun `\(head)`: add it to both of its classes")
            }
        }
        for list in ["PROJECT_LEAD", "PROJECT_SUBJECT"] {
            for word in try XCTUnwrap(patterns[list]).words {
                XCTAssertFalse(word.contains { $0.isWhitespace || ",\u{3002};:".contains($0) }, "\(list) word `\(word)` holds a character PROJECT_CLAUSE_* stops at")
            }
        }
    }
}

