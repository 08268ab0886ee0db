import Foundation
import PCRE2
import XCTest
@testable import TiquRules

/// Issue 19, round three: a search for a candidate end starts no earlier than the run of the characters
/// the rule's matches are made of (`MatchAlphabet`), read from the pattern as a superset.
final class CandidateAlphabetTests: XCTestCase {
    func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    func testTheAlphabetHoldsWhatTheConsumingPartsMatchAndNotTheLookarounds() throws {
        let a = try XCTUnwrap(MatchAlphabet.of("(?<![前第]) [0-9]+ (?:\\.[0-9]+)? \\x{4E2A} (?= 年 | \\p{Han})", extended: true))
        for v in scalars("0123456789.个") { XCTAssertTrue(a.contains(v), String(Unicode.Scalar(v)!)) }
        // Lookbehind, lookahead and the layout spaces of extended mode are not part of a match.
        for v in scalars("前第年 a") { XCTAssertFalse(a.contains(v), String(Unicode.Scalar(v)!)) }
        // Without extended mode a space is a literal; `{` that is no quantifier is one too.
        let b = try XCTUnwrap(MatchAlphabet.of("a b{x}[c-e]{2,3}", extended: false))
        for v in scalars("a b{x}cde") { XCTAssertTrue(b.contains(v)) }
        for v in scalars("f23,") { XCTAssertFalse(b.contains(v)) }
        // A leading (?x) makes the rest extended; a comment holds nothing.
        let c = try XCTUnwrap(MatchAlphabet.of("(?x) a # b\n c", extended: false))
        XCTAssertEqual(scalars("a b c").map(c.contains), [true, false, false, false, true])
    }

    func testANegatedClassHoldsEverythingButWhatItExcludes() throws {
        let a = try XCTUnwrap(MatchAlphabet.of("[^,。\\s0-9]+ 元", extended: true))
        for v in scalars("亿元a") + [0x1F600] { XCTAssertTrue(a.contains(v)) }
        for v in scalars(",。 \n05") { XCTAssertFalse(a.contains(v)) }
        // \p{…} excluded: the class stays a superset (nothing is excluded for it).
        let b = try XCTUnwrap(MatchAlphabet.of("[^\\p{Han},]", extended: true))
        XCTAssertTrue(b.contains(0x4E00))
        XCTAssertFalse(b.contains(0x2C))
    }

    func testWhatCouldHoldAnyCharacterOrIsNotUnderstoodHasNoAlphabet() {
        for p in [".", "\\p{Han}+", "[\\w]", "\\S", "(a)\\1", "(?i)abc", "(*UTF)a", "a(?1)", "[[:alpha:]]", "(a"] {
            XCTAssertNil(MatchAlphabet.of(p, extended: true), p)
        }
        // Inside a lookaround anything goes: it is not part of the match.
        XCTAssertNotNil(MatchAlphabet.of("a(?=.\\p{Han}[\\w])(?<![^x])", extended: true))
    }

    func testRunStartStopsAtTheFirstCharacterOutsideTheAlphabet() throws {
        let a = try XCTUnwrap(MatchAlphabet.of("[0-9]+ 个", extended: true))
        let b = Array("项目239个".utf8)
        XCTAssertEqual(a.runStart(b, end: b.count, floor: 0), 6)
        XCTAssertEqual(a.runStart(b, end: b.count, floor: 7), 7)
        XCTAssertEqual(a.runStart(b, end: 6, floor: 0), 6)
        // A floor inside a character: the run starts at the next character.
        XCTAssertEqual(a.runStart(Array("个个".utf8), end: 6, floor: 1), 3)
        // Stretches start at the run; an end whose run reaches the previous end starts where that one did.
        let text = Array("项目239个个 共8个".utf8)
        XCTAssertEqual(CandidatePass.stretches(ends: [12, 15, 23], width: Int.max, floor: 0, windows: nil, alphabet: a, bytes: text).map { [$0.0, $0.1] },
                       [[6, 15], [19, 23]])
    }

    /// The samples and the corpus as valid UTF-8, as PCRE2 needs (a corpus file may be GB18030: its
    /// text is then mostly U+FFFD).
    /// A user's clone has no ../shared: the samples alone are then checked, with their own floors.
    static let hasCorpus = FileManager.default.fileExists(atPath: Fixtures.corpusDir)

    static let texts: [[UInt8]] = {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.samplesDir)) ?? []).filter { $0.hasSuffix(".txt") }
            .map { Fixtures.samplesDir + "/" + $0 }
        let corpus = (FileManager.default.subpaths(atPath: Fixtures.corpusDir) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
            .map { Fixtures.corpusDir + "/" + $0 }
        return (files + corpus).map { Array(String(decoding: FileManager.default.contents(atPath: $0) ?? Data(), as: UTF8.self).utf8) }
    }()

    /// Every match of every shipped rule, over the samples and the corpus, is made of characters
    /// of its rule's alphabet: the reading is a superset where it matters.
    func testEveryMatchOfTheShippedRulesIsInsideTheirAlphabets() throws {
        let texts = Self.texts
        XCTAssertGreaterThan(texts.count, Self.hasCorpus ? 60 : 10)
        let scratch = MatchScratch()
        var read = 0
        var checked = 0
        for rule in Fixtures.shipped.ruleSet.rules {
            guard let a = MatchAlphabet.of(rule.regex.pattern, extended: rule.regex.options.contains(.extended)) else { continue }
            read += 1
            for bytes in texts {
                try rule.regex.forEachMatch(in: bytes, scratch: scratch) { m in
                    let s = String(decoding: bytes[m.range], as: UTF8.self)
                    XCTAssertTrue(s.unicodeScalars.allSatisfy { a.contains($0.value) }, "\(rule.id): \(s)")
                    checked += 1
                    return true
                }
            }
        }
        XCTAssertGreaterThan(read, 40)
        XCTAssertGreaterThan(checked, Self.hasCorpus ? 5_000 : 250)
    }

    /// A search inside the alphabet's runs finds what a search over the whole text finds: for the inline
    /// labels (which it is for) and for every shipped rule that has an alphabet, line by line.
    func testTheAlphabetSearchFindsWhatTheWholeSearchFinds() throws {
        let structure = try XCTUnwrap(Fixtures.shipped.ruleSet.structure)
        XCTAssertNotNil(structure.inlineSearch.alphabet)
        let searches = [structure.inlineSearch] + Fixtures.shipped.ruleSet.rules.map { AlphabetSearch($0.regex) }.filter { $0.alphabet != nil }
        XCTAssertGreaterThan(searches.count, 40)
        let scratch = MatchScratch()
        var found = 0
        for bytes in Self.texts {
            let lines = bytes.indices.filter { $0 == 0 || bytes[$0 - 1] == 0x0A }.map { start in
                start..<(bytes[start...].firstIndex(of: 0x0A) ?? bytes.count)
            }
            for search in searches {
                for line in lines {
                    var whole: [Range<Int>] = []
                    var runs: [Range<Int>] = []
                    try search.regex.forEachMatch(in: bytes, range: line, scratch: scratch) { whole.append($0.range); return true }
                    try search.forEachMatch(in: bytes, range: line, scratch: scratch) { runs.append($0.range); return true }
                    XCTAssertEqual(runs, whole)
                    found += whole.count
                }
            }
        }
        XCTAssertGreaterThan(found, Self.hasCorpus ? 5_000 : 250)
    }
}
