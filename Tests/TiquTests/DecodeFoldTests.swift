import XCTest
@testable import TiquClean
@testable import TiquRules
@testable import TiquText

/// Decoding and folding in one pass (Cleaner.clean(bytes:forced:scratch:)) gives what decoding and then
/// cleaning give, byte for byte and offset for offset: for valid UTF-8, a BOM, and files that turn out
/// not to be UTF-8 only late, after the one pass has folded a long valid prefix.
final class DecodeFoldTests: XCTestCase {
    let cleaner = Cleaner(removalRules: [try! Fixtures.removalRule("del", "删+")], words: Fixtures.cleanWords)

    func assertSame(_ bytes: [UInt8], forced: TextEncoding? = nil, _ what: String, line: UInt = #line) throws {
        let expected = try Decoder.decode(bytes, forced: forced)
        let expectedClean = cleaner.clean(expected, scratch: Scratch())
        let (decoded, clean) = try cleaner.clean(bytes: bytes, forced: forced, scratch: Scratch())
        XCTAssertEqual(decoded.encoding, expected.encoding, what, line: line)
        XCTAssertEqual(decoded.hadBOM, expected.hadBOM, what, line: line)
        XCTAssertEqual(decoded.diagnostics, expected.diagnostics, what, line: line)
        XCTAssertEqual(decoded.byteOffsets, expected.byteOffsets, what, line: line)
        XCTAssertEqual(clean.bytes, expectedClean.bytes, what, line: line)
        XCTAssertEqual(clean.removals, expectedClean.removals, what, line: line)
        var byte = 0
        while byte < clean.bytes.count {  // every cleaned scalar maps back to the same original span
            let r = byte..<byte + UTF8Scalar.length(clean.bytes[byte])
            XCTAssertEqual(clean.map.original(r), expectedClean.map.original(r), "\(what) at cleaned byte \(byte)", line: line)
            byte = r.upperBound
        }
    }

    /// A long text with every kind of fold (full width, spaces inside numbers, CRLF, dropped characters,
    /// Traditional, four-byte characters), so the one pass crosses many checkpoints before the bad byte.
    var longValidText: [UInt8] {
        let piece = "增长３．５％，共5 244个\r\n項目\u{200B}投资𠀀 12 %\u{3000}删删元。\n"
        return Array(String(repeating: piece, count: 300).utf8)
    }

    func testValidUTF8AndBOM() throws {
        try assertSame(longValidText, "valid UTF-8")
        try assertSame([0xEF, 0xBB, 0xBF] + longValidText, "UTF-8 with a BOM")
        try assertSame([0xEF, 0xBB, 0xBF] + longValidText, forced: .utf8, "UTF-8 with a BOM, --encoding utf-8")
        try assertSame([0xEF, 0xBB, 0xBF], "a BOM alone")
        try assertSame(Array("5".utf8), "one digit")
        let (decoded, _) = try cleaner.clean(bytes: [0xEF, 0xBB, 0xBF] + Array("共5亿元".utf8), forced: nil, scratch: Scratch())
        XCTAssertEqual(decoded.byteOffsets.all, [3, 6, 7, 10, 13])
        XCTAssertTrue(decoded.hadBOM)
    }

    func testFileThatTurnsInvalidLate() throws {
        // Stray, truncated, overlong, surrogate and out-of-range sequences, after the long prefix, right
        // after a digit and a space (read ahead by the layout-space check), and at the very end.
        let bad: [[UInt8]] = [[0x80], [0xE4, 0xBA], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xFF]]
        for b in bad {
            try assertSame(longValidText + b + Array("增长5%".utf8), "\(b) after a long prefix")
            try assertSame(longValidText + Array("共5 ".utf8) + b, "\(b) after a digit and a space, at the end")
            try assertSame([0xEF, 0xBB, 0xBF] + longValidText + b, "\(b) after a BOM and a long prefix")
            try assertSame(longValidText + b, forced: .utf8, "\(b) with --encoding utf-8")
        }
        // Bytes that are GB18030 (增长 in GB18030) after a valid ASCII prefix: decoded as GB18030.
        let gb = Array(String(repeating: "2024 ab 5 %\n", count: 1_000).utf8) + [0xD4, 0xF6, 0xB3, 0xA4]
        try assertSame(gb, "GB18030 after an ASCII prefix")
        XCTAssertEqual(try cleaner.clean(bytes: gb, forced: nil, scratch: Scratch()).decoded.encoding, .gb18030)
    }

    func testOtherEncodingsAndErrors() throws {
        try assertSame([0xFF, 0xFE, 0x9E, 0x58, 0x7F, 0x95], "UTF-16 LE with a BOM")
        try assertSame(Array("共5亿元".utf8), forced: .gb18030, "UTF-8 bytes read as GB18030")
        XCTAssertThrowsError(try cleaner.clean(bytes: [], forced: nil, scratch: Scratch())) { XCTAssertEqual($0 as? DecodeError, .empty) }
        XCTAssertThrowsError(try cleaner.clean(bytes: [0x41, 0, 0x42], forced: nil, scratch: Scratch())) {
            XCTAssertEqual($0 as? DecodeError, .binary(offset: 1))
        }
    }

    /// The runs taken at once (`FoldPass.simpleRun`: ASCII, three-byte characters left or folded where
    /// they stand) give what the general path gives scalar by scalar: the same cleaned bytes, map and
    /// file offsets, on random texts long enough to cross many checkpoints, with every kind of fold next
    /// to digits, spaces and line ends.
    func testRunsTakenAtOnceFoldAsTheGeneralPath() throws {
        var rng = Fixtures.seededGenerator()
        let alphabet: [String] = ["增", "长", "項", "億", "３", "．", "8", "a", "P", "％", "%", "，", "。", "\u{3000}", " ", "\t", "\r\n", "\r",
                                  "\n", "\u{200B}", "\u{FEFF}", "𠀀", "é", "\u{0800}", "\u{D7FB}", "−", "\u{01}", "亿", "元"]
        // Long runs of characters the fold leaves (the run's table loop), broken by folds and the edges of
        // the three-byte forms (U+0800, U+D7FF, U+E000, U+FFFF).
        let runs: [String] = Array(repeating: "增长亿元的", count: 12) + ["項", "，", "３", "．", " ", "8", "\u{0800}", "\u{D7FF}",
                                                                            "\u{E000}", "\u{FFFF}", "\u{FEFF}", "\r\n", "𠀀"]
        for trial in 0..<600 {
            let letters = trial < 300 ? alphabet : runs
            let text = (0..<Int.random(in: 1..<400, using: &rng)).map { _ in letters.randomElement(using: &rng)! }.joined()
            let bytes = Array(text.utf8)
            // The file's offsets, every 16th scalar's, as the general path keeps them while validating.
            var reference = FoldPass(bytes, from: 0, validating: true)
            reference.runs = false
            XCTAssertTrue(reference.run(continues: Fixtures.cleanWords.numberContinues))
            let offsets = ByteOffsets(utf8: bytes, checkpoints: reference.origin, count: reference.k + 1)
            for validating in [true, false] {
                var fast = FoldPass(bytes, from: 0, validating: validating)
                var slow = FoldPass(bytes, from: 0, validating: validating)
                slow.runs = false
                XCTAssertTrue(fast.run(continues: Fixtures.cleanWords.numberContinues))
                XCTAssertTrue(slow.run(continues: Fixtures.cleanWords.numberContinues))
                XCTAssertEqual(fast.out.bytes, slow.out.bytes, "\(text.debugDescription), seed \(rng.seed)")
                XCTAssertEqual(fast.origin, slow.origin, "\(text.debugDescription), seed \(rng.seed)")
                XCTAssertEqual(fast.k, slow.k)
                let (a, b) = (fast.map(originalByteOffsets: offsets), slow.map(originalByteOffsets: offsets))
                var byte = 0
                while byte < a.cleanBytes.count {
                    let r = byte..<byte + UTF8Scalar.length(a.cleanBytes[byte])
                    XCTAssertEqual(a.original(r), b.original(r), "\(text.debugDescription) at cleaned byte \(byte), seed \(rng.seed)")
                    byte = r.upperBound
                }
            }
        }
    }
}
