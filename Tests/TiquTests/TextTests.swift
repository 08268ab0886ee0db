import Foundation
import XCTest
@testable import TiquText

final class DecoderTests: XCTestCase {
    /// Issue 19: the three-byte fast path of the UTF-8 decoder gives what Swift's own decoder gives on
    /// byte soup rich in three-byte leads, surrogate and overlong leads (ED, E0) and cut sequences.
    func testUTF8FastPathAgreesWithSwiftsDecoderOnByteSoup() {
        var rng = Fixtures.seededGenerator()
        let pool: [UInt8] = [0x41, 0x0A, 0xE0, 0xE1, 0xE4, 0xEC, 0xED, 0xEE, 0xEF, 0x80, 0x9F, 0xA0, 0xB8, 0xBF, 0xC3, 0xF0, 0x90]
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 1...12, using: &rng)).map { _ in pool.randomElement(using: &rng)! }
            let d = Decoder.decodeUTF8(bytes, from: 0, bom: false)
            XCTAssertEqual(d.scalars, Array(String(decoding: bytes, as: UTF8.self).unicodeScalars), "\(bytes)")
        }
    }

    func testUTF8WithBOMKeepsFileByteOffsets() throws {
        let d = try Decoder.decode([0xEF, 0xBB, 0xBF] + Array("亿元".utf8))
        XCTAssertTrue(d.hadBOM)
        XCTAssertEqual(d.scalars.count, 2)
        XCTAssertEqual(d.byteOffsets.all, [3, 6, 9])
    }

    /// A valid UTF-8 file keeps its bytes as its text: offsets read from its lead bytes (a checkpoint
    /// every 16 scalars) and ranges read on from their start are the offsets of every scalar, and
    /// text() slices the file, for texts of one to four bytes a scalar.
    func testValidUTF8KeepsTheFileAsItsText() throws {
        var rng = Fixtures.seededGenerator()
        let pool = ["a", "\n", "亿", "é", "𠀾", "%", "增"]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 1...80, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined()
            let bytes = Array(text.utf8)
            let d = try Decoder.decode(bytes)
            XCTAssertNotNil(d.fileUTF8)
            var expected: [Int32] = []
            var o = 0
            for s in text.unicodeScalars { expected.append(Int32(o)); o += String(s).utf8.count }
            expected.append(Int32(o))
            XCTAssertEqual(d.byteOffsets.all, expected, text)
            XCTAssertEqual(d.scalars, Array(text.unicodeScalars))
            let n = d.count
            for lo in stride(from: 0, through: n, by: 7) {
                for hi in lo...min(n, lo + 40) {
                    XCTAssertEqual(d.byteOffsets.range(lo..<hi), Int(expected[lo])..<Int(expected[hi]))
                    XCTAssertEqual(d.text(lo..<hi), String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(lo).prefix(hi - lo))))
                }
            }
        }
    }

    func testUTF16LittleAndBigEndianWithBOM() throws {
        let le = try Decoder.decode([0xFF, 0xFE, 0x3A, 0x4E, 0x33, 0x00])  // 亿? no: U+4E3A 为, then "3"
        XCTAssertEqual(le.encoding, .utf16le)
        XCTAssertEqual(le.text(0..<2), "为3")
        XCTAssertEqual(le.byteOffsets.all, [2, 4, 6])
        let be = try Decoder.decode([0xFE, 0xFF, 0x4E, 0x3A, 0x00, 0x33])
        XCTAssertEqual(be.encoding, .utf16be)
        XCTAssertEqual(be.text(0..<2), "为3")
    }

    func testGB18030DetectedWhenNotUTF8() throws {
        // "3805亿元" in GB18030: 亿 = D2 DA, 元 = D4 AA.
        let bytes: [UInt8] = Array("3805".utf8) + [0xD2, 0xDA, 0xD4, 0xAA]
        let d = try Decoder.decode(bytes)
        XCTAssertEqual(d.encoding, .gb18030)
        XCTAssertEqual(d.text(0..<d.scalars.count), "3805亿元")
        XCTAssertEqual(d.byteOffsets.all, [0, 1, 2, 3, 4, 6, 8])
    }

    func testGB18030FourByteAndSupplementary() throws {
        // € is 0xA2E3 (two-byte); U+00A5 is four-byte 81 30 84 36; U+10000 is 90 30 81 30.
        let d = try Decoder.decode([0x81, 0x30, 0x84, 0x36, 0x90, 0x30, 0x81, 0x30], forced: .gb18030)
        XCTAssertEqual(d.scalars.map(\.value), [0xA5, 0x10000])
        XCTAssertEqual(d.byteOffsets.all, [0, 4, 8])
    }

    func testInvalidUTF8IsReplacedAndReportedOnce() throws {
        let bytes: [UInt8] = Array("增长".utf8) + [0xFF] + Array("4.2%".utf8) + [0xC3]
        // Not valid GB18030 either (0xFF is never a lead byte), so it stays UTF-8 with replacements.
        let d = try Decoder.decode(bytes)
        XCTAssertEqual(d.encoding, .utf8)
        XCTAssertEqual(d.text(0..<d.scalars.count), "增长\u{FFFD}4.2%\u{FFFD}")
        XCTAssertEqual(d.diagnostics.count, 1)
        XCTAssertEqual(d.diagnostics[0].offset, 6)
    }

    func testEmptyAndBinaryFilesAreErrorsNotCrashes() {
        XCTAssertThrowsError(try Decoder.decode([])) { XCTAssertEqual($0 as? DecodeError, .empty) }
        XCTAssertThrowsError(try Decoder.decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])) { XCTAssertEqual($0 as? DecodeError, .binary(offset: 4)) }
    }
}

/// Messages carry the file's own positions: the byte offset, and the line and column (in scalars).
final class DiagnosticTests: XCTestCase {
    func testLineAndColumnOfAByteOffset() throws {
        // GB18030: two bytes a character, so byte 8 is the first character of line 2.
        let d = try Decoder.decode(GB18030.encode("投资\n一二三")!)
        XCTAssertEqual(d.encoding, .gb18030)
        XCTAssertEqual(d.lineAndColumn(ofByte: 0).line, 1)
        XCTAssertEqual(d.lineAndColumn(ofByte: 5).line, 2)
        XCTAssertEqual(d.lineAndColumn(ofByte: 5).column, 1)
        XCTAssertEqual(d.lineAndColumn(ofByte: 7).column, 2)
        let diag = Diagnostic(.error, offset: 7, "bad").located(in: d)
        XCTAssertEqual(diag.formatted(file: "a.txt"), "a.txt:2:2: error: bad (byte 7)")
        XCTAssertEqual(Diagnostic(.warning, "empty").formatted(file: "b.txt"), "b.txt: warning: empty")
    }

    func testByteWordsFindTheLongestSuffixAndPrefix() {
        let words = ByteWords(["为", "分别为", "达"])
        let b = Array("增速分别为".utf8)
        XCTAssertEqual(words.suffix(of: b, 0..<b.count).map { String(decoding: $0, as: UTF8.self) }, "分别为")
        XCTAssertNil(words.prefix(of: b, 0..<b.count))
        XCTAssertTrue(ByteWords(["速分"]).occurs(in: b, 0..<b.count))
        XCTAssertFalse(ByteWords(["速分"]).occurs(in: b, 0..<6))
    }

    /// Issue 19: prefix and suffix try only the words of the bucket of the two bytes there, then the
    /// one-byte words; the longest word (then the first in byte order) must still win, as in a scan of
    /// every word. Random words over a few characters that share lead bytes (and ASCII, one byte), against
    /// that scan, at every place of random texts.
    func testByteWordsBucketsAgreeWithAScanOfEveryWord() {
        var rng = Fixtures.seededGenerator()
        let alphabet = ["\u{589E}", "\u{957F}", "\u{4E3A}", "\u{5206}", "\u{5E74}", "a", "b", "%", "\u{00E9}"]
        func word(_ n: Int) -> String { (0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }.joined() }
        for _ in 0..<200 {
            let list = (0..<Int.random(in: 1...8, using: &rng)).map { _ in word(Int.random(in: 1...3, using: &rng)) }
            let words = ByteWords(list)
            let b = Array(word(12).utf8)
            for lo in 0...b.count {
                for hi in lo...b.count {
                    let naivePrefix = words.words.first { hi - lo >= $0.count && b[lo..<(lo + $0.count)].elementsEqual($0) }
                    let naiveSuffix = words.words.first { hi - lo >= $0.count && b[(hi - $0.count)..<hi].elementsEqual($0) }
                    XCTAssertEqual(words.prefix(of: b, lo..<hi), naivePrefix, "\(list) in \(b) at \(lo)..<\(hi)")
                    XCTAssertEqual(words.suffix(of: b, lo..<hi), naiveSuffix, "\(list) in \(b) at \(lo)..<\(hi)")
                }
            }
        }
    }

    /// Issue 19: `mayStart` tests a three-byte first character whole, and `WordStarts.next` (the union of
    /// several lists' tables) jumps over every place where no list's `mayStart` holds: it must hold wherever
    /// `prefix` finds a word, and `next` must stop at the first place where one holds (or a stop byte
    /// stands). Random words over characters of one block of 64 (年 U+5E74, 并 U+5E76), of others, of two and
    /// four bytes and ASCII, at every place of random texts.
    func testWordStartsStopWhereAWordMayStart() {
        var rng = Fixtures.seededGenerator()
        let alphabet = ["\u{5E74}", "\u{5E76}", "\u{4E3A}", "\u{5206}", "a", "%", "\u{00E9}", "\u{1F600}"]
        func word(_ n: Int) -> String { (0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }.joined() }
        for _ in 0..<200 {
            let lists = (0..<2).map { _ in ByteWords((0..<Int.random(in: 1...4, using: &rng)).map { _ in word(Int.random(in: 1...3, using: &rng)) }) }
            let starts = WordStarts(lists, stops: [UInt8(ascii: "%")])
            let b = Array(word(10).utf8)
            for lo in 0...b.count {
                for hi in lo...b.count {
                    func holds(_ q: Int) -> Bool { b[q] == UInt8(ascii: "%") || lists.contains { $0.mayStart(b, q, hi) } }
                    for l in lists where l.prefix(of: b, lo..<hi) != nil { XCTAssertTrue(l.mayStart(b, lo, hi), "\(l.words) in \(b) at \(lo)..<\(hi)") }
                    XCTAssertEqual(starts.next(b, from: lo, to: hi), (lo..<hi).first(where: holds) ?? hi, "\(lists.map(\.words)) in \(b) at \(lo)..<\(hi)")
                    XCTAssertEqual(lists[0].nextStart(b, from: lo, to: hi), (lo..<hi).first { lists[0].mayStart(b, $0, hi) } ?? hi)
                }
            }
        }
    }
}
