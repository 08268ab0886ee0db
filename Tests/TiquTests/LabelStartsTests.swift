import XCTest
@testable import TiquRules
@testable import TiquSegment
@testable import TiquText

/// Issue 19, round eight: the sentence splitter notes where inline labels may start (the byte after
/// each `label_follows` character), so the outline reads no line a second time. It must note exactly
/// what a scan of every character finds, and split as before.
final class LabelStartsTests: XCTestCase {
    func testTheSplitterNotesTheByteAfterEveryLabelFollowsCharacter() throws {
        let structure = try XCTUnwrap(Fixtures.shipped.ruleSet.structure)
        let splitter = SentenceSplitter(ends: structure.sentenceEnd, follows: structure.labelFollows, followSteps: structure.labelSteps)
        var noted = 0
        let extra = Array("一是,二是:三是。第一、其次;\n最后!统一是?".utf8)
        for bytes in CandidateAlphabetTests.texts + [extra] {
            var expected: [Int] = []
            var i = 0
            while i < bytes.count {
                let (v, n) = UTF8Scalar.decode(bytes, i)
                i += n
                if structure.labelFollows.contains(v) { expected.append(i) }
            }
            XCTAssertEqual(splitter.split(bytes).2, expected)
            noted += expected.count
        }
        XCTAssertGreaterThan(noted, CandidateAlphabetTests.hasCorpus ? 40_000 : 500)
    }
}
