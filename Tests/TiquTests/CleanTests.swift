import Foundation
import PCRE2
import XCTest
@testable import TiquClean
@testable import TiquEmit
@testable import TiquRules
@testable import TiquRun
@testable import TiquText

final class OffsetMapTests: XCTestCase {
    func clean(_ bytes: [UInt8], removals: [Rule] = []) throws -> (DecodedText, CleanText) {
        let d = try Decoder.decode(bytes)
        return (d, Cleaner(removalRules: removals, words: Fixtures.cleanWords).clean(d, scratch: Scratch()))
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

    /// Removal works on runs (OffsetMap.remove): runs at the start, in the middle and at the end, past
    /// several checkpoints, with dropped characters (jumps of the map) before, inside and after them;
    /// every kept scalar still maps to the character it came from.
    func testRemovedRunsKeepEveryOriginAcrossCheckpoints() throws {
        let rule = try Fixtures.removalRule("x", "@[^@]*@")
        let text = "@头部@" + String(repeating: "增长\u{200B}", count: 70) + "@中间\u{200B}段@"
            + String(repeating: "ab丙", count: 70) + "@尾@"
        let (d, c) = try clean(Array(text.utf8), removals: [rule])
        XCTAssertEqual(c.string, String(repeating: "增长", count: 70) + String(repeating: "ab丙", count: 70))
        XCTAssertEqual(c.removals.map(\.at), [0, 420, 770])
        XCTAssertEqual(c.removals.map(\.original.char), [0..<4, 214..<220, 430..<433])
        var seen = 0
        c.map.forEachScalar { _, start, n, origin in
            let span = c.map.original(start..<(start + n))
            XCTAssertEqual(span.char, origin..<(origin + 1))
            XCTAssertEqual(d.text(span.char), c.string(start..<(start + n)), "scalar at cleaned byte \(start)")
            seen += 1
        }
        XCTAssertEqual(seen, 350)
        // A range across the middle run maps from its first kept character to its last.
        XCTAssertEqual(c.map.original(414..<770).char, 211..<430)
    }

    func testRemovedDebrisIsGoneAndOffsetsStillExact() throws {
        let rule = try Fixtures.removalRule("x", "^来源:[^\\n]*\\n")
        let (_, c) = try clean(Array("来源：网友投稿\n增长５%".utf8), removals: [rule])
        XCTAssertEqual(c.string, "增长5%")
        XCTAssertEqual(c.removals.map(\.original.char), [0..<8])
        XCTAssertEqual(c.removals.map(\.at), [0])
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
        var rng = Fixtures.seededGenerator()
        let alphabet: [String] = ["增", "长", "３", "8", "％", "%", "\u{3000}", " ", "\r\n", "\n", "亿", "元", "删", "𠀀", "，", "\u{200B}"]
        let rule = try Fixtures.removalRule("del", "删+")
        for _ in 0..<200 {
            let n = Int.random(in: 0..<40, using: &rng)
            let text = (0..<n).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            guard !text.isEmpty else { continue }
            let bytes = Array(text.utf8)
            let (d, c) = try clean(bytes, removals: [rule])
            var k = 0
            var byte = 0
            while byte < c.bytes.count {
                let len = UTF8Scalar.length(c.bytes[byte])
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
                XCTAssertEqual(cleaned, expected, "in \(text.debugDescription), seed \(rng.seed)")
                XCTAssertFalse(originalText.contains("删"))
                XCTAssertEqual(c.map.origin(ofScalar: k), o.char.lowerBound)
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
        let c = Cleaner(words: Fixtures.cleanWords).clean(d, scratch: Scratch())
        XCTAssertEqual(c.bytes.count, Array(text.utf8).count)
    }

    func testLoneCRAndSpacesDoNotJoinNumbersAcrossLines() throws {
        let d = try Decoder.decode(Array("2025 \r1.扩大投资".utf8))
        let c = Cleaner(words: Fixtures.cleanWords).clean(d, scratch: Scratch())
        XCTAssertEqual(c.string, "2025 \n1.扩大投资")
    }

    /// Characters of the Simplified standard set are never folded, whatever OpenCC pairs them with.
    func testSimplifiedCharactersAreNotFolded() throws {
        for c in "著么乾抬" { XCTAssertEqual(Fold.fold(c.unicodeScalars.first!.value), c.unicodeScalars.first!.value, "\(c)") }
        XCTAssertEqual(Fold.fold(0x5104), 0x4EBF)  // 億 → 亿
    }

    /// The table is read by scalar value (no property lookups at start-up): every pair of the generated
    /// file, as a reading that skips all Unicode whitespace gives them.
    func testTraditionalTableHoldsEveryGeneratedPair() {
        XCTAssertEqual(Fold.traditional.count, 4100)
        let viaProperties = Array(TraditionalTable.pairs.unicodeScalars.filter { !$0.properties.isWhitespace })
        XCTAssertEqual(Fold.traditional.flatMap { [$0.0, $0.1] }, viaProperties)
    }
}

/// Issue "Clean real web documents": the same document saved as GB18030, as UTF-16 with a BOM, with CRLF,
/// with full-width digits and in Traditional characters gives the same values, units and kinds, and each
/// record's offsets are right in its own file.
final class VariantsTests: XCTestCase {
    struct Meaning: Equatable, CustomStringConvertible {
        let kind: String, value: String, unit: String, qualifier: String
        var description: String { "\(kind) \(value) \(unit) \(qualifier)" }
    }

    func meanings(_ records: [Record]) -> [Meaning] {
        records.map { Meaning(kind: $0.kind.rawValue, value: $0.value?.canonical ?? "-", unit: $0.unit ?? "-", qualifier: $0.qualifier ?? "-") }
    }

    func run(_ bytes: [UInt8], name: String) throws -> [Record] {
        let records = try Fixtures.pipeline.run(SourceDocument(path: name, bytes: bytes), scratch: Scratch()).records
        // The provenance invariant, in this variant's own bytes.
        let decoded = try Decoder.decode(bytes)
        for r in records {
            XCTAssertEqual(decoded.text(r.span.char), r.text, "\(name): char span")
            let slice = Array(bytes[r.span.byte])
            let again = try Decoder.decode(slice, forced: decoded.encoding)
            XCTAssertEqual(again.text(0..<again.scalars.count), r.text, "\(name): byte span")
        }
        return records
    }

    static let simplifiedToTraditional: [Unicode.Scalar: Unicode.Scalar] = {
        var d: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (t, s) in Fold.traditional where d[s] == nil { d[s] = t }
        return d
    }()

    func variants(of text: String) -> [(String, [UInt8])] {
        var utf16le: [UInt8] = [0xFF, 0xFE]
        for u in text.utf16 { utf16le += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        var utf16be: [UInt8] = [0xFE, 0xFF]
        for u in text.utf16 { utf16be += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        var wide = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            wide.append(("0"..."9").contains(s) || s == "%" ? Unicode.Scalar(s.value + 0xFEE0)! : s)
        }
        var traditional = String.UnicodeScalarView()
        for s in text.unicodeScalars { traditional.append(Self.simplifiedToTraditional[s] ?? s) }
        return [
            ("gb18030", GB18030.encode(text)!),
            ("utf-16le+bom", utf16le),
            ("utf-16be+bom", utf16be),
            ("utf-8+bom", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
            ("crlf", Array(crlf.utf8)),
            ("full-width", Array(String(wide).utf8)),
            ("traditional", Array(String(traditional).utf8)),
        ]
    }

    func testEverySampleInEveryVariantMeansTheSame() throws {
        for f in try InputWalker.files([Fixtures.samplesDir]) {
            let bytes = [UInt8](FileManager.default.contents(atPath: f.path)!)
            let decoded = try Decoder.decode(bytes)
            let text = decoded.text(0..<decoded.scalars.count)
            let base = meanings(try run(Array(text.utf8), name: f.doc))
            XCTAssertFalse(base.isEmpty, f.doc)
            for (variant, vbytes) in variants(of: text) {
                XCTAssertEqual(meanings(try run(vbytes, name: "\(f.doc) as \(variant)")), base, "\(f.doc) as \(variant)")
            }
        }
    }

    func testGB18030RoundTrips() throws {
        let text = "临江市重点项目3805亿元，增长１２％；€¥𠀀"
        let bytes = try XCTUnwrap(GB18030.encode(text))
        let d = try Decoder.decode(bytes)
        XCTAssertEqual(d.encoding, .gb18030)
        XCTAssertEqual(d.text(0..<d.scalars.count), text)
    }

    func testTraditionalFoldsForMatchingAndKeepsOriginalText() throws {
        let records = try Fixtures.records("全縣地區生產總值達到２１８億元,增長6.2%。新增就業1.2萬人。")
        XCTAssertEqual(records.map(\.text), ["２１８億元", "6.2%", "1.2萬人"])
        XCTAssertEqual(records.map { $0.value?.canonical }, ["21800000000", "6.2", "12000"])
        XCTAssertEqual(records[1].change, "increase")
        XCTAssertEqual(records[2].unitText, "人")
    }

    func testSpacesAndLineBreaksInsideNumbers() throws {
        let records = try Fixtures.records("细颗粒物(PM\n2.5)浓度下降8 %。投资1 244亿元。")
        XCTAssertEqual(records.map(\.text), ["8 %", "1 244亿元"])
        XCTAssertEqual(records.map { $0.value?.canonical }, ["8", "124400000000"])
    }

    func testPinyinAnnotationsAreRemovedBeforeMatching() throws {
        let records = try Fixtures.records("國(guó)內(nèi)生產總值增(zēng)長(zhǎng)5.2%")
        XCTAssertEqual(records.map(\.text), ["5.2%"])
        XCTAssertEqual(records[0].change, "increase")
    }

    func testRedactedAndMojibakeNumbersAreReportedNotExtracted() throws {
        let s = try Fixtures.pipeline.run(SourceDocument(path: "t", bytes: Array("**书记指出,投资X亿元,規?;a業增长5%。".utf8)), scratch: Scratch())
        XCTAssertEqual(s.records.map(\.text), ["5%"])
        XCTAssertEqual(s.clean.flags.map(\.rule), ["damage.redaction", "damage.redaction", "damage.mojibake"])
        XCTAssertEqual(s.diagnostics.count, 2)
        XCTAssertTrue(s.diagnostics.contains { $0.message.contains("redaction") && $0.offset == 0 }, "\(s.diagnostics)")
    }

    /// Every seed: no record inside removed debris, and debris lines the issue names are gone.
    func testSeedsHaveNoRecordInsideDebris() throws {
        let dir = try Fixtures.corpus("seeds")
        var removedKinds = Set<String>()
        for f in try InputWalker.files([dir]) {
            let bytes = [UInt8](FileManager.default.contents(atPath: f.path)!)
            let s = try Fixtures.pipeline.run(SourceDocument(path: f.doc, bytes: bytes), scratch: Scratch())
            for r in s.records {
                for removal in s.clean.removals {
                    XCTAssertFalse(removal.original.char.overlaps(r.span.char), "\(f.doc): «\(r.text)» inside \(removal.rule)")
                }
            }
            removedKinds.formUnion(s.clean.removals.map(\.rule))
            let cleaned = s.clean.string
            for debris in ["验证码", "当前位置", "来源:网友投稿", "推荐访问", "下面是小编", "版权所有", "Powered by", "此处隐藏", "备案号"] {
                XCTAssertFalse(cleaned.contains(debris), "\(f.doc) still holds \(debris)")
            }
        }
        XCTAssertTrue(removedKinds.isSuperset(of: ["clean.login", "clean.breadcrumb", "clean.source_line", "clean.hidden_text",
                                                    "clean.copyright", "clean.recommend", "clean.editor_note", "clean.repeated_title"]), "\(removedKinds)")
    }
}
