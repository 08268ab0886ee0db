import Foundation
import XCTest
@testable import TiquRun

/// Runs over ../shared/corpus when it is there (CI); skips cleanly in a user's clone.
final class CorpusTests: XCTestCase {
    static var cached: String?

    func corpusOutput() throws -> String {
        let dir = try Fixtures.corpus()
        if let c = Self.cached { return c }
        let (out, summary) = try Fixtures.run([dir], jobs: 2)
        XCTAssertEqual(summary.documentsWithErrors, 0)
        Self.cached = out
        return out
    }

    func testProvenanceInvariantOnEveryCorpusRecord() throws {
        let out = try corpusOutput()
        let n = try Fixtures.assertProvenance(out, root: try Fixtures.corpus())
        XCTAssertGreaterThan(n, 5000)
    }

    func testIndependentCheckerAcceptsCorpusRecords() throws {
        let out = try corpusOutput()
        guard let report = try Fixtures.checkRecordsTool(root: try Fixtures.corpus(), jsonl: out) else { throw XCTSkip("no check-records") }
        XCTAssertTrue(report.contains("invariant and order hold"), report)
    }

    /// The figures the issue names in the seed speeches, with their exact values.
    func testSeedFigures() throws {
        let dir = try Fixtures.corpus("seeds")
        let (out, _) = try Fixtures.run([dir], jobs: 1)
        let records = out.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        func find(_ text: String, kind: String) -> [String: Any]? {
            records.first { $0["text"] as? String == text && $0["kind"] as? String == kind }
        }
        func assertRecord(_ text: String, _ kind: String, value: String, unit: String? = nil, qualifier: String? = nil,
                          change: String? = nil, line: UInt = #line) {
            guard let r = find(text, kind: kind) else { return XCTFail("no \(kind) record «\(text)»", line: line) }
            XCTAssertEqual("\(r["value"]!)", value, text, line: line)
            if let unit { XCTAssertEqual(r["unit"] as? String, unit, text, line: line) }
            if let qualifier { XCTAssertEqual(r["qualifier"] as? String, qualifier, text, line: line) }
            if let change { XCTAssertEqual(r["change"] as? String, change, text, line: line) }
        }
        assertRecord("3805亿元", "money", value: "380500000000", unit: "CNY")
        assertRecord("126亿元", "money", value: "12600000000", unit: "CNY")
        assertRecord("4.2%", "percent", value: "4.2", change: "increase")
        assertRecord("16%以上", "percent", value: "16", qualifier: "at_least", change: "increase")
        assertRecord("1.5万亩", "quantity", value: "15000", unit: "mu")
        assertRecord("626平方公里", "quantity", value: "626", unit: "km2")
        assertRecord("7600万人次", "quantity", value: "76000000", unit: "person_time")
        assertRecord("1500亿", "money", value: "150000000000", unit: "CNY")
        assertRecord("5.6万亿", "money", value: "5600000000000", unit: "CNY")
        assertRecord("300家", "quantity", value: "300", unit: "organization")
        assertRecord("2月6日", "date", value: "--02-06")
        guard let range = find("50-100亿", kind: "money"), let v = range["value"] as? [String: Any] else { return XCTFail("no 50-100亿 range") }
        XCTAssertEqual("\(v["low"]!)", "5000000000")
        XCTAssertEqual("\(v["high"]!)", "10000000000")
        // Non-extractions.
        XCTAssertFalse(records.contains { ($0["text"] as? String)?.contains("500强") ?? false })
        XCTAssertFalse(records.contains { ($0["text"] as? String) == "二十大" })
    }

    /// Parts small enough to cut inside paragraphs give the records of the whole documents.
    func testSmallPartsGiveTheRecordsOfTheWholeCorpus() throws {
        let dir = try Fixtures.corpus()
        var out: [UInt8] = []
        let lock = NSLock()
        let pipeline = try Pipeline(ruleSet: Fixtures.shipped.ruleSet, options: Pipeline.Options(partBytes: 500))
        _ = RunDriver(pipeline: pipeline, jobs: 2).run(try InputWalker.files([dir]), write: { b in lock.lock(); out += b; lock.unlock() }, report: { _, _ in })
        XCTAssertEqual(String(decoding: out, as: UTF8.self), try corpusOutput())
    }
}
