import PCRE2
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

    /// Issue 19, round eight: a block label is tried only at a paragraph whose first character is in the
    /// pattern's alphabet; every block match on the samples and the corpus starts with one.
    func testEveryBlockLabelStartsWithACharacterOfItsAlphabet() throws {
        let structure = try XCTUnwrap(Fixtures.shipped.ruleSet.structure)
        let alphabet = try XCTUnwrap(Segmenter(structure: structure).blockAlphabet)
        let scratch = MatchScratch()
        var found = 0
        for bytes in CandidateAlphabetTests.texts {
            try structure.block.forEachMatch(in: bytes, scratch: scratch) { m in
                XCTAssertTrue(alphabet.contains(UTF8Scalar.decode(bytes, m.range.lowerBound).value))
                found += 1
                return true
            }
        }
        XCTAssertGreaterThan(found, CandidateAlphabetTests.hasCorpus ? 500 : 20)
    }
}
