import Foundation
import PCRE2
import XCTest
@testable import TiquCore

/// Bad input never crashes the run: documents spliced from the samples with random bytes, cut in the
/// middle of characters, with NULs, lone surrogates in UTF-16, and long runs of blanks. Every record that
/// comes out still satisfies the provenance invariant.
final class HostileInputTests: XCTestCase {
    func testRandomlyDamagedDocumentsNeverCrashAndKeepProvenance() throws {
        var pieces: [[UInt8]] = []
        for f in try InputWalker.files([Fixtures.samplesDir]) {
            let bytes = [UInt8](FileManager.default.contents(atPath: f.path)!)
            stride(from: 0, to: bytes.count, by: 97).forEach { pieces.append(Array(bytes[$0..<min(bytes.count, $0 + 150)])) }
        }
        var rng = SystemRandomNumberGenerator()
        let scratch = MatchScratch()
        var records = 0
        for round in 0..<300 {
            var doc: [UInt8] = round % 7 == 0 ? [0xFF, 0xFE] : (round % 11 == 0 ? [0xEF, 0xBB, 0xBF] : [])
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                switch Int.random(in: 0..<6, using: &rng) {
                case 0: doc += (0..<Int.random(in: 1...20, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                case 1: doc += Array(repeating: 0x20, count: Int.random(in: 1...500, using: &rng)) + [0x0D]
                case 2: doc += Array("１２３４５亿元（一）一是二是——".utf8)
                default: doc += pieces.randomElement(using: &rng)!
                }
            }
            let result = Fixtures.pipeline.process(SourceDocument(path: "r\(round).txt", bytes: doc), scratch: scratch)
            guard !result.skipped else { continue }
            let decoded = try Decoder.decode(doc)
            for r in result.records {
                records += 1
                XCTAssertEqual(decoded.text(r.span.char), r.text, "round \(round)")
                XCTAssertEqual(Int(decoded.byteOffsets[r.span.char.lowerBound]), r.span.byte.lowerBound, "round \(round)")
                XCTAssertEqual(Int(decoded.byteOffsets[r.span.char.upperBound]), r.span.byte.upperBound, "round \(round)")
            }
        }
        XCTAssertGreaterThan(records, 100)
    }
}
