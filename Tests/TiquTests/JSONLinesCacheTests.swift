import XCTest
@testable import TiquEmit
@testable import TiquNormalize
@testable import TiquNumbers
@testable import TiquText
@testable import TiquRules

/// Issue 19, round eight: decimals are written straight into the buffer (`appendDescription`, which
/// `description` also spells through), as the String-built spelling they replaced wrote them.
final class JSONLinesDecimalTests: XCTestCase {
    /// The spelling before bytes: plain notation, no trailing zeros after the point.
    func reference(_ d: ExactDecimal) -> String {
        let digits = String(d.mantissa.magnitude)
        var s: String
        if d.exponent >= 0 {
            s = d.mantissa == 0 ? "0" : digits + String(repeating: "0", count: d.exponent)
        } else {
            let point = digits.count + d.exponent
            s = point > 0 ? String(digits.prefix(point)) + "." + String(digits.dropFirst(point)) : "0." + String(repeating: "0", count: -point) + digits
        }
        return d.mantissa < 0 ? "-" + s : s
    }

    func testTheSpellingOfSomeDecimals() {
        let cases: [(Int64, Int, String)] = [(0, 3, "0"), (3805, 8, "380500000000"), (42, -1, "4.2"), (5, -2, "0.05"), (-125, -1, "-12.5")]
        for (m, e, want) in cases {
            var out: [UInt8] = [7]
            JSONLines.value(.number(ExactDecimal(mantissa: m, exponent: e)), &out)
            XCTAssertEqual(out, [7] + Array(want.utf8))
            XCTAssertEqual(ExactDecimal(mantissa: m, exponent: e).description, want)
        }
    }

    func testDecimalsAreWrittenAsTheirDescription() {
        var generator = Fixtures.seededGenerator()
        var values = [ExactDecimal.zero, ExactDecimal(mantissa: 0, exponent: 3), ExactDecimal(mantissa: Int64.min), ExactDecimal(mantissa: Int64.max, exponent: -25)]
        for m: Int64 in [1, -1, 5, 12, -125, 4059, 100_000_000, -999_999_999_999] {
            for e in -12...6 { values.append(ExactDecimal(mantissa: m, exponent: e)) }
        }
        for _ in 0..<2_000 {
            let m = Int64(truncatingIfNeeded: generator.next()) >> Int(generator.next() % 64)
            values.append(ExactDecimal(mantissa: m, exponent: Int(generator.next() % 24) - 16))
        }
        for d in values {
            var out: [UInt8] = [7]
            d.appendDescription(to: &out)
            XCTAssertEqual(out, [7] + Array(reference(d).utf8), "\(d.mantissa)e\(d.exponent)")
            XCTAssertEqual(d.description, reference(d))
        }
    }
}

/// Issue 19, round eight: a run of records written with a cache (heads per rule, the last point and
/// sentence copied as bytes) gives the bytes each record gives written alone, whatever follows what.
final class JSONLinesCacheTests: XCTestCase {
    func record(doc: String, rule: String, kind: ExtractionKind = .money, subtype: String? = nil, path: [String], at: Int,
                sentence: Int?, speech: Int? = nil) -> Record {
        let span = OriginalSpan(byte: at..<at + 3, char: at / 3..<at / 3 + 1)
        let place = OriginalSpan(byte: 0..<at + 30, char: 0..<at / 3 + 10)
        return Record(doc: doc, rule: rule, kind: kind, subtype: subtype, text: "元\(at)", span: span,
                      value: .number(ExactDecimal(mantissa: Int64(at), exponent: -1)), unit: at % 2 == 0 ? "CNY" : nil,
                      unitText: nil, qualifier: at % 3 == 0 ? "approx" : nil, change: nil, indicator: nil, modality: nil,
                      period: nil, yoy: false, from: nil, inferred: false, note: nil, pointPath: path, pointSpan: place,
                      pointSpeech: speech, sentence: sentence.map { OriginalSpan(byte: $0..<$0 + 9, char: $0..<$0 + 3) })
    }

    func testARunOfRecordsIsWrittenAsEachAlone() {
        let records = [
            record(doc: "a.txt", rule: "money.amount", path: ["一"], at: 3, sentence: 0),
            record(doc: "a.txt", rule: "money.amount", path: ["一"], at: 6, sentence: 0),
            record(doc: "a.txt", rule: "money.amount", kind: .quantity, path: ["一"], at: 9, sentence: 0),
            record(doc: "a.txt", rule: "money.amount", kind: .quantity, subtype: "plan", path: ["一"], at: 12, sentence: 0),
            record(doc: "a.txt", rule: "date.year", kind: .date, path: ["一"], at: 12, sentence: 0),
            record(doc: "a.txt", rule: "money.amount", path: ["一", "（一）"], at: 15, sentence: 0),
            record(doc: "a.txt", rule: "money.amount", path: ["一", "（一）"], at: 18, sentence: nil),
            record(doc: "a.txt", rule: "money.amount", path: ["一", "（一）"], at: 21, sentence: nil, speech: 2),
            record(doc: "b\"q.txt", rule: "money.amount", path: ["一", "（一）"], at: 21, sentence: nil, speech: 2),
            record(doc: "b\"q.txt", rule: "money.amount", path: ["二"], at: 21, sentence: 4, speech: 2),
        ]
        var alone: [UInt8] = []
        for r in records { JSONLines.append(r, to: &alone) }
        var run: [UInt8] = []
        var writer = RecordWriter(.jsonl)
        for r in records { writer.append(r, to: &run) }
        XCTAssertEqual(String(decoding: run, as: UTF8.self), String(decoding: alone, as: UTF8.self))
    }
}
