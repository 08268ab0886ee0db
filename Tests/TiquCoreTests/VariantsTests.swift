import Foundation
import PCRE2
import XCTest
@testable import TiquCore

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
        let records = try Fixtures.pipeline.run(SourceDocument(path: name, bytes: bytes), scratch: MatchScratch()).records
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
        let s = try Fixtures.pipeline.run(SourceDocument(path: "t", bytes: Array("**书记指出,投资X亿元,規?;a業增长5%。".utf8)), scratch: MatchScratch())
        XCTAssertEqual(s.records.map(\.text), ["5%"])
        XCTAssertEqual(s.flags.map(\.rule), ["damage.redaction", "damage.redaction", "damage.mojibake"])
        XCTAssertEqual(s.diagnostics.count, 2)
        XCTAssertTrue(s.diagnostics.contains { $0.message.contains("redaction") && $0.offset == 0 }, "\(s.diagnostics)")
    }

    /// Every seed: no record inside removed debris, and debris lines the issue names are gone.
    func testSeedsHaveNoRecordInsideDebris() throws {
        let dir = try Fixtures.corpus("seeds")
        var removedKinds = Set<String>()
        for f in try InputWalker.files([dir]) {
            let bytes = [UInt8](FileManager.default.contents(atPath: f.path)!)
            let s = try Fixtures.pipeline.run(SourceDocument(path: f.doc, bytes: bytes), scratch: MatchScratch())
            for r in s.records {
                for removal in s.clean.removals {
                    XCTAssertFalse(removal.chars.overlaps(r.span.char), "\(f.doc): «\(r.text)» inside \(removal.rule)")
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
