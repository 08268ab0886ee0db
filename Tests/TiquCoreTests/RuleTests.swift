import PCRE2
import XCTest
@testable import TiquCore

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
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("patterns"), withIntermediateDirectories: true)
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
        XCTAssertTrue(r.errors[0].message.contains("DIGITS"), "lists the defined names")
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

    func testRuleWithoutExamplesIsRejected() throws {
        let r = try load("rules:\n  - id: x\n    kind: money\n    pattern: 元\n")
        XCTAssertEqual(r.errors.first?.location.line, 2)
        XCTAssertTrue(r.errors.first?.message.contains("no `examples:`") ?? false)
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
        let report = RuleChecker(pipeline: Pipeline(ruleSet: r.ruleSet)).check()
        XCTAssertEqual(report.failures.count, 1)
        XCTAssertEqual(report.failures[0].location.line, 6)
        XCTAssertTrue(report.failures[0].message.contains("value: expected 50, got 5"), report.failures[0].message)
    }
}

/// Issue "Speed and memory": the prefilter (rules run only over sentences holding one of their
/// characters) changes nothing in the output.
final class PrefilterTests: XCTestCase {
    func output(_ dir: String, plain: Bool) throws -> String {
        var pipeline = Fixtures.pipeline
        pipeline.plain = plain
        var out: [UInt8] = []
        let lock = NSLock()
        _ = RunDriver(pipeline: pipeline, jobs: 2).run(try InputWalker.files([dir]), write: { b in lock.lock(); out += b; lock.unlock() }, report: { _, _ in })
        return String(decoding: out, as: UTF8.self)
    }

    func testPrefilteredOutputIsByteIdenticalToThePlainPathOnSamples() throws {
        let fast = try output(Fixtures.samplesDir, plain: false)
        XCTAssertFalse(fast.isEmpty)
        XCTAssertEqual(fast, try output(Fixtures.samplesDir, plain: true))
    }

    func testPrefilteredOutputIsByteIdenticalToThePlainPathOnTheCorpus() throws {
        let dir = try Fixtures.corpus()
        let fast = try output(dir, plain: false)
        XCTAssertGreaterThan(fast.count, 1_000_000)
        XCTAssertEqual(fast, try output(dir, plain: true))
    }

    /// A unit word added to the lexicon must have its last character in the quantity rules' prefilter,
    /// and a head noun in the project lists likewise, or the prefilter would skip its sentences.
    func testPrefiltersCoverTheirWordLists() throws {
        let lexicon = Fixtures.shipped.ruleSet.lexicon
        let rules = Dictionary(uniqueKeysWithValues: Fixtures.shipped.ruleSet.rules.map { ($0.id, $0) })
        for id in ["quantity.amount", "quantity.range"] {
            let pre = try XCTUnwrap(rules[id]?.prefilter)
            for word in lexicon.words(in: "unit") { XCTAssertTrue(pre.contains(word.unicodeScalars.last!), "\(id) prefilter lacks \(word)") }
        }
        let heads = lexicon.meanings["project_head"] ?? [:]
        for (id, subtype) in [("project.named_plan", "plan"), ("project.named_platform", "platform"), ("project.named_project", "project")] {
            guard let pre = rules[id]?.prefilter else { continue }
            for (word, meaning) in heads where meaning == subtype {
                XCTAssertTrue(pre.contains(word.unicodeScalars.last!), "\(id) prefilter lacks \(word)")
            }
        }
    }
}

/// A large document is matched in parts on several threads, split between paragraphs: the output is the
/// same as the plain path's over the whole text.
final class LargeDocumentTests: XCTestCase {
    func testPartsGiveTheSameRecordsAsTheWholeDocument() throws {
        var text = ""
        for f in try InputWalker.files([Fixtures.samplesDir]) {
            let bytes = [UInt8](FileManager.default.contents(atPath: f.path)!)
            let d = try Decoder.decode(bytes)
            text += d.text(0..<d.scalars.count) + "\n"
        }
        let doc = SourceDocument(path: "big.txt", bytes: Array(String(repeating: text, count: 6).utf8))
        var parted = Fixtures.pipeline
        parted.partBytes = 20_000
        parted.parallelism = 4
        var whole = Fixtures.pipeline
        whole.plain = true
        let a = try parted.run(doc, scratch: MatchScratch())
        XCTAssertGreaterThanOrEqual(parted.splitParts(a.segmentation, bytes: a.clean.bytes.count, parallelism: 4).count, 4)
        let b = try whole.run(doc, scratch: MatchScratch())
        XCTAssertGreaterThan(a.records.count, 1000)
        XCTAssertEqual(a.records, b.records)
    }
}
