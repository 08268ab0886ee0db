import Foundation
import XCTest
@testable import TiquCore

/// samples/ are documents written for the project; their expected output is checked in
/// (samples/expected.jsonl, rewritten with `make golden` after a deliberate change).
final class SamplesTests: XCTestCase {
    func testSamplesGiveTheExpectedOutput() throws {
        let (out, summary) = try Fixtures.run([Fixtures.samplesDir], jobs: 2)
        XCTAssertGreaterThan(summary.documents, 5)
        let expected = try String(contentsOfFile: Fixtures.samplesDir + "/expected.jsonl", encoding: .utf8)
        let got = out.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, (g, w)) in zip(got, want).enumerated() where g != w {
            XCTFail("samples/expected.jsonl line \(i + 1) differs:\n  expected \(w)\n  got      \(g)\n(run `make golden` if the change is deliberate)")
            break
        }
        XCTAssertEqual(got.count, want.count, "number of records")
    }

    func testProvenanceInvariantOnEverySampleRecord() throws {
        let (out, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 1)
        XCTAssertGreaterThan(try Fixtures.assertProvenance(out, root: Fixtures.samplesDir), 50)
    }

    func testIndependentCheckerAcceptsSampleRecords() throws {
        let (out, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 1)
        guard let report = try Fixtures.checkRecordsTool(root: Fixtures.samplesDir, jsonl: out) else {
            throw XCTSkip("../shared/tools/check-records is absent")
        }
        XCTAssertTrue(report.contains("invariant and order hold"), report)
    }

    func testOutputIsIdenticalForAnyNumberOfJobs() throws {
        let (one, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 1)
        let (four, _) = try Fixtures.run([Fixtures.samplesDir], jobs: 4)
        XCTAssertEqual(one, four)
        if FileManager.default.fileExists(atPath: Fixtures.corpusDir) {
            let (c1, _) = try Fixtures.run([Fixtures.corpusDir], jobs: 1)
            let (c4, _) = try Fixtures.run([Fixtures.corpusDir], jobs: 4)
            XCTAssertEqual(c1, c4)
        }
    }
}
