import XCTest
@testable import PCRE2

final class RegexTests: XCTestCase {
    let scratch = MatchScratch()

    func testCompileErrorCarriesPCRE2MessageAndPatternOffset() {
        XCTAssertThrowsError(try Regex("亿(元")) { error in
            let e = error as! PCRE2Error
            XCTAssertEqual(e.kind, .compile)
            XCTAssertEqual(e.patternOffset, 7)  // bytes: 亿 3 + ( 1 + 元 3: PCRE2 notices at the end of the pattern
            XCTAssertTrue(e.message.contains("missing closing parenthesis"), e.message)
        }
    }

    func testJITIsUsed() throws {
        XCTAssertTrue(try Regex("[0-9]+").isJIT)
    }

    /// The JIT runs on a pattern's first match: threads that all start matching one fresh pattern at once
    /// wait for the one compile and all find the same match.
    func testFirstMatchesFromManyThreadsShareOneJITCompile() throws {
        let r = try Regex(#"[0-9]+(?:\.[0-9]+)?亿元"#)
        let subject = Array("投资3.5亿元，增长".utf8)
        let found = Found()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let m = try? r.firstMatch(in: subject, scratch: MatchScratch())
            found.add(m?.range)
        }
        XCTAssertEqual(found.ranges, Array(repeating: 6..<15, count: 8))
        XCTAssertTrue(r.isJIT)
    }

    private final class Found: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var ranges: [Range<Int>?] = []
        func add(_ r: Range<Int>?) { lock.lock(); ranges.append(r); lock.unlock() }
    }

    func testOffsetsAreUTF8BytesOfMultiByteText() throws {
        let r = try Regex("[0-9]+亿元")
        let subject = Array("产值3805亿元".utf8)
        let m = try XCTUnwrap(r.firstMatch(in: subject, scratch: scratch))
        XCTAssertEqual(m.range, 6..<16)
    }

    func testUCPMakesDigitClassUnicodeAware() throws {
        // UCP: \d matches full-width digits too, so rules that mean ASCII must say [0-9].
        let r = try Regex(#"\d+"#)
        let m = try XCTUnwrap(r.firstMatch(in: Array("３８".utf8), scratch: scratch))
        XCTAssertEqual(m.range, 0..<6)
    }

    func testAllMatchesWithEmptyMatchesLikePerl() throws {
        let r = try Regex("x*")
        var ranges: [Range<Int>] = []
        try r.forEachMatch(in: Array("axbxx".utf8), scratch: scratch) { ranges.append($0.range); return true }
        XCTAssertEqual(ranges, [0..<0, 1..<2, 2..<2, 3..<5, 5..<5])
    }

    func testEmptyMatchAdvancesByWholeCharacter() throws {
        let r = try Regex("x*")
        var ranges: [Range<Int>] = []
        try r.forEachMatch(in: Array("亿x".utf8), scratch: scratch) { ranges.append($0.range); return true }
        XCTAssertEqual(ranges, [0..<0, 3..<4, 4..<4])
    }

    func testIterationWithinRangeAndEarlyStop() throws {
        let r = try Regex("[0-9]")
        var found: [Range<Int>] = []
        try r.forEachMatch(in: Array("1234".utf8), range: 1..<4, scratch: scratch) { found.append($0.range); return found.count < 2 }
        XCTAssertEqual(found, [1..<2, 2..<3])
    }

    func testNamedGroupsByName() throws {
        let r = try Regex("(?<num>[0-9]+)(?<unit>亿元)?")
        XCTAssertEqual(r.groupNumbers, ["num": 1, "unit": 2])
        let m = try XCTUnwrap(r.firstMatch(in: Array("12万".utf8), scratch: scratch))
        XCTAssertEqual(m.groups[1], 0..<2)
        XCTAssertNil(m.groups[2])
    }

    func testMatchLimitIsATypedErrorNotAHang() throws {
        let r = try Regex("(a+)+$")
        let small = MatchScratch(limits: MatchLimits(matchLimit: 10_000))
        let subject = Array((String(repeating: "a", count: 40) + "b").utf8)
        XCTAssertThrowsError(try r.firstMatch(in: subject, scratch: small)) { error in
            XCTAssertEqual((error as! PCRE2Error).kind, .matchLimit)
        }
    }

    func testDepthOrStackLimitIsATypedError() throws {
        // A capture repeated 200,000 times needs a frame each: the JIT stack runs out (a required
        // literal such as `c` would let PCRE2 fail fast instead, hence the conditional).
        let r = try Regex("(a)*(?(1)c|d)")
        let small = MatchScratch(limits: MatchLimits(matchLimit: 100_000_000, depthLimit: 50, heapLimitKiB: 100, jitStackMax: 32 * 1024))
        let subject = Array(String(repeating: "a", count: 200_000).utf8)
        XCTAssertThrowsError(try r.firstMatch(in: subject, scratch: small)) { error in
            let kind = (error as! PCRE2Error).kind
            XCTAssertTrue(kind == .depthLimit || kind == .matchLimit, "\(kind)")
        }
    }

    func testExtendedModeIgnoresLayout() throws {
        let r = try Regex("[0-9]+ \n  亿元", options: .extended)
        XCTAssertNotNil(try r.firstMatch(in: Array("5亿元".utf8), scratch: scratch))
    }
}

extension RegexTests {
    func testPartialHardMatchingSaysHowFarThePatternGot() throws {
        let r = try Regex("[0-9]+ abc", options: [.extended])
        let s = Array("x12ab!".utf8)
        let scratch = MatchScratch()
        XCTAssertEqual(try r.partialMatch(in: s, from: 0, to: 5, scratch: scratch), .partial(1..<5))
        XCTAssertEqual(try r.partialMatch(in: s, from: 0, to: 6, scratch: scratch), Regex.PartialResult.none)
        XCTAssertEqual(try r.partialMatch(in: Array("12abc!".utf8), from: 0, to: 6, scratch: scratch), .complete(Match(range: 0..<5, groups: [0..<5])))
        XCTAssertEqual(try Regex("a?").minLength, 0)
        XCTAssertEqual(try Regex("ab+").minLength, 2)
    }
}

/// Issue 19: Vectorscan in prefilter mode reports every place a match may end; `\G` and `\K` are left out
/// (relaxed) and patterns it cannot take at all have no width.
final class CandidateDatabaseTests: XCTestCase {
    func testScanReportsEveryMatchEndAndWidths() throws {
        let db = try XCTUnwrap(CandidateDatabase(patterns: [("[0-9]+亿", []), ("(?|(a)|(b))c", []), ("\\G、[0-9]{2}\\K元", [])]))
        XCTAssertEqual(db.widths, [Int.max, nil, 8])
        XCTAssertEqual(db.relaxed, [false, false, true])
        let subject = Array("x12亿、34元".utf8)
        let ends = db.scan(subject, range: 0..<subject.count, scratch: CandidateScratch())
        XCTAssertEqual(ends, [[6], [], [14]])
        // A range: offsets stay offsets into the whole subject.
        XCTAssertEqual(db.scan(subject, range: 2..<subject.count, scratch: CandidateScratch())[0], [6])
        let again = try XCTUnwrap(CandidateDatabase(serialized: db.serialized(), widths: db.widths, relaxed: db.relaxed))
        XCTAssertEqual(again.scan(subject, range: 0..<subject.count, scratch: CandidateScratch()), ends)
        XCTAssertNil(CandidateDatabase(serialized: [1, 2, 3], widths: db.widths, relaxed: db.relaxed))
        XCTAssertNil(CandidateDatabase(patterns: [("(?|(a)|(b))c", [])]))
    }

    /// One scratch scans with several databases in turn (the clean stage's two and the match stage's, on
    /// every document): each keeps its own space, and the ends are those of a fresh scratch each time.
    func testOneScratchServesSeveralDatabasesInTurn() throws {
        let small = try XCTUnwrap(CandidateDatabase(patterns: [("a", [])]))
        let large = try XCTUnwrap(CandidateDatabase(patterns: [("[0-9]+x", []), ("b.{0,40}c", []), ("(?:ab|cd){2,9}e", [])]))
        let subject = Array("ab 12x abcde b c cdabe".utf8)
        let scratch = CandidateScratch()
        for _ in 0..<3 {
            XCTAssertEqual(small.scan(subject, range: 0..<subject.count, scratch: scratch), small.scan(subject, range: 0..<subject.count, scratch: CandidateScratch()))
            XCTAssertEqual(large.scan(subject, range: 0..<subject.count, scratch: scratch), large.scan(subject, range: 0..<subject.count, scratch: CandidateScratch()))
        }
        XCTAssertEqual(small.scan(subject, range: 0..<subject.count, scratch: scratch), [[1, 8, 20]])
    }

    func testRelaxLeavesEscapedBackslashesAlone() {
        XCTAssertEqual(CandidateDatabase.relax(#"\Ga\\Gb\Kc"#).0, #"(?:)a\\Gb(?:)c"#)
        XCTAssertEqual(CandidateDatabase.relax(#"a\\G"#).1, false)
    }

    func testStartLimitStopsTheSearchButNotTheLookahead() throws {
        let r = try Regex("[0-9]+(?=元)", options: .startLimit)
        let subject = Array("1元 22元 333元".utf8)
        var found: [Range<Int>] = []
        try r.forEachMatch(in: subject, range: 2..<subject.count, startLimit: 5, scratch: MatchScratch()) { found.append($0.range); return true }
        XCTAssertEqual(found, [5..<7])
        found = []
        // The limit is reset: the next search without one sees the whole range.
        try r.forEachMatch(in: subject, range: 0..<subject.count, scratch: MatchScratch()) { found.append($0.range); return true }
        XCTAssertEqual(found, [0..<1, 5..<7, 11..<14])
    }
}
