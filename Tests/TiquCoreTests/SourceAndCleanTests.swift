import PCRE2
import XCTest
@testable import TiquCore

final class DecoderTests: XCTestCase {
    func testUTF8WithBOMKeepsFileByteOffsets() throws {
        let d = try Decoder.decode([0xEF, 0xBB, 0xBF] + Array("亿元".utf8))
        XCTAssertTrue(d.hadBOM)
        XCTAssertEqual(d.scalars.count, 2)
        XCTAssertEqual(d.byteOffsets, [3, 6, 9])
    }

    func testUTF16LittleAndBigEndianWithBOM() throws {
        let le = try Decoder.decode([0xFF, 0xFE, 0x3A, 0x4E, 0x33, 0x00])  // 亿? no: U+4E3A 为, then "3"
        XCTAssertEqual(le.encoding, .utf16le)
        XCTAssertEqual(le.text(0..<2), "为3")
        XCTAssertEqual(le.byteOffsets, [2, 4, 6])
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
        XCTAssertEqual(d.byteOffsets, [0, 1, 2, 3, 4, 6, 8])
    }

    func testGB18030FourByteAndSupplementary() throws {
        // € is 0xA2E3 (two-byte); U+00A5 is four-byte 81 30 84 36; U+10000 is 90 30 81 30.
        let d = try Decoder.decode([0x81, 0x30, 0x84, 0x36, 0x90, 0x30, 0x81, 0x30], forced: .gb18030)
        XCTAssertEqual(d.scalars.map(\.value), [0xA5, 0x10000])
        XCTAssertEqual(d.byteOffsets, [0, 4, 8])
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

final class OffsetMapTests: XCTestCase {
    func clean(_ bytes: [UInt8], removals: [RemovalRule] = []) throws -> (DecodedText, CleanText) {
        let d = try Decoder.decode(bytes)
        return (d, try Cleaner(removalRules: removals).clean(d, scratch: MatchScratch()))
    }

    func testFullWidthDigitsFoldAndMapBack() throws {
        let (_, c) = try clean(Array("产值３８０５亿元".utf8))
        XCTAssertEqual(c.string, "产值3805亿元")
        // "3805" is cleaned bytes 6..<10; in the original each ３ is 3 bytes: 6..<18, chars 2..<6.
        XCTAssertEqual(c.map.original(6..<10), OriginalSpan(byte: 6..<18, char: 2..<6))
        XCTAssertEqual(c.map.original(6..<16), OriginalSpan(byte: 6..<24, char: 2..<8))
    }

    func testCRLFAndIdeographicSpaceAndBOM() throws {
        let (_, c) = try clean([0xEF, 0xBB, 0xBF] + Array("李\u{3000}强\r\n5%".utf8))
        XCTAssertEqual(c.string, "李 强\n5%")
        // Cleaned "5%" is bytes 8..<10; in the file: BOM 3 + 李 3 + 　 3 + 强 3 + \r\n 2 = 14; the BOM is
        // not a character of the decoded text, so chars start counting after it.
        XCTAssertEqual(c.map.original(8..<10), OriginalSpan(byte: 14..<16, char: 5..<7))
        // The line break maps to the \n only (the CR maps to nothing).
        XCTAssertEqual(c.map.original(7..<8), OriginalSpan(byte: 13..<14, char: 4..<5))
    }

    func testRemovedDebrisIsGoneAndOffsetsStillExact() throws {
        let rule = RemovalRule(id: "x", regex: try Regex("^来源:[^\\n]*\\n", options: .multiline))
        let (_, c) = try clean(Array("来源：网友投稿\n增长５%".utf8), removals: [rule])
        XCTAssertEqual(c.string, "增长5%")
        XCTAssertEqual(c.removals.map(\.chars), [0..<8])
        XCTAssertEqual(c.map.original(6..<8), OriginalSpan(byte: 28..<32, char: 10..<12))
    }

    func testEmptyRangeMapsToAPosition() throws {
        let (_, c) = try clean(Array("ａｂ".utf8))
        XCTAssertEqual(c.map.original(1..<1), OriginalSpan(byte: 3..<3, char: 1..<1))
        XCTAssertEqual(c.map.original(2..<2), OriginalSpan(byte: 6..<6, char: 2..<2))
    }

    /// Property: over generated documents with random removals and folds, every cleaned scalar maps back
    /// to original bytes that decode to the scalar it was folded from.
    func testRandomDocumentsMapBackExactly() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [String] = ["增", "长", "３", "8", "％", "%", "\u{3000}", " ", "\r\n", "\n", "亿", "元", "删", "𠀀", "，", "\u{200B}"]
        let rule = RemovalRule(id: "del", regex: try Regex("删+"))
        for _ in 0..<200 {
            let n = Int.random(in: 0..<40, using: &rng)
            let text = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            guard !text.isEmpty else { continue }
            let bytes = Array(text.utf8)
            let (d, c) = try clean(bytes, removals: [rule])
            var k = 0
            var byte = 0
            while byte < c.bytes.count {
                let len = c.map.cleanByteStarts[k + 1] - c.map.cleanByteStarts[k]
                let o = c.map.original(byte..<(byte + Int(len)))
                let originalText = String(decoding: bytes[o.byte], as: UTF8.self)
                XCTAssertEqual(originalText, d.text(o.char))
                let cleaned = c.string(byte..<(byte + Int(len)))
                let expected: String
                switch originalText {
                case "３": expected = "3"
                case "％": expected = "%"
                case "，": expected = ","
                case "\u{3000}": expected = " "
                default: expected = originalText
                }
                XCTAssertEqual(cleaned, expected, "in \(text.debugDescription)")
                XCTAssertFalse(originalText.contains("删"))
                byte += Int(len)
                k += 1
            }
        }
    }
}

/// Regressions found in review (helper review of the first sessions' change).
final class ReviewRegressionTests: XCTestCase {
    /// Invalid UTF-8 is replaced one U+FFFD per maximal ill-formed subpart, as Swift's and Python's
    /// decoders do, so `span.char` agrees with any independent checker after damaged bytes.
    func testInvalidUTF8ReplacementMatchesStandardDecoders() throws {
        let cases: [[UInt8]] = [[0x80, 0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xBA], [0xF0, 0x9F, 0x98]]
        for bad in cases {
            let bytes = Array("增长".utf8) + bad + Array("5%".utf8)
            let d = Decoder.decodeUTF8(bytes, from: 0, bom: false)
            XCTAssertEqual(d.text(0..<d.scalars.count), String(decoding: bytes, as: UTF8.self), "\(bad)")
        }
    }

    /// A long run of blanks after a digit is read once, not once per blank (it used to take minutes).
    func testLongWhitespaceRunsAreLinear() throws {
        let text = "共5" + String(repeating: " ", count: 200_000) + String(repeating: "\n", count: 100_000) + "个"
        let d = try Decoder.decode(Array(text.utf8))
        let c = try Cleaner().clean(d, scratch: MatchScratch())
        XCTAssertEqual(c.bytes.count, Array(text.utf8).count)
    }

    func testLoneCRAndSpacesDoNotJoinNumbersAcrossLines() throws {
        let d = try Decoder.decode(Array("2025 \r1.扩大投资".utf8))
        let c = try Cleaner().clean(d, scratch: MatchScratch())
        XCTAssertEqual(c.string, "2025 \n1.扩大投资")
    }

    /// Characters of the Simplified standard set are never folded, whatever OpenCC pairs them with.
    func testSimplifiedCharactersAreNotFolded() throws {
        for c in "著么乾抬" { XCTAssertEqual(Fold.fold(c.unicodeScalars.first!.value), c.unicodeScalars.first!.value, "\(c)") }
        XCTAssertEqual(Fold.fold(0x5104), 0x4EBF)  // 億 → 亿
    }
}
