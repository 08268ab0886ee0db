import Foundation
import XCTest
@testable import TiquDiff

/// Records read back and diffed: pairing by span and by overlap, each field's change, order independence,
/// malformed input, and the shapes of the markdown and JSON diffs.
final class DiffTests: XCTestCase {
    /// One record line in the format of docs/RECORDS.md; `extra` goes after `change` (indicator, modality…).
    static func line(doc: String = "a.txt", rule: String = "money.amount", kind: String = "money", text: String = "5元",
                     span: (Int, Int) = (0, 4), value: String = "5", unit: String = #""CNY""#, extra: String = "",
                     path: String = "") -> String {
        #"{"doc":"\#(doc)","rule":"\#(rule)","kind":"\#(kind)","text":"\#(text)","span":{"byte":[\#(span.0),\#(span.1)],"char":[\#(span.0),\#(span.1)]},"#
            + #""value":\#(value),"unit":\#(unit),"unit_text":null,"qualifier":null,"change":null\#(extra),"#
            + #""point":{"path":[\#(path)],"span":{"byte":[0,100],"char":[0,100]}},"sentence":{"byte":[0,100],"char":[0,100]}}"#
    }

    static func records(_ lines: [String], file: String = "t.jsonl") throws -> [DiffRecord] {
        try RecordReader.parse(Array(lines.map { $0 + "\n" }.joined().utf8), file: file)
    }

    static func diff(_ old: [String], _ new: [String]) throws -> RecordDiff {
        Differ.diff(old: try records(old, file: "old.jsonl"), new: try records(new, file: "new.jsonl"))
    }

    func testIdenticalRecordsInAnyOrderGiveNoDifferences() throws {
        let lines = (0..<50).map { Self.line(doc: "d\($0 % 3).txt", span: ($0 * 10, $0 * 10 + 4), value: "\($0)") }
        var rng = Fixtures.seededGenerator()
        let d = try Self.diff(lines, lines.shuffled(using: &rng))
        XCTAssertTrue(d.identical, "seed \(rng.seed)")
        XCTAssertEqual(d.unchanged, 50)
        XCTAssertEqual(d.oldCount, 50)
        XCTAssertEqual(d.newCount, 50)
    }

    func testSameSpanPairsAndNamesEachChangedFieldOldAndNew() throws {
        let cases: [(String, String, String, JSON?, JSON?)] = [
            ("value", Self.line(value: "5"), Self.line(value: "50"), .number("5"), .number("50")),
            ("unit", Self.line(), Self.line(unit: #""USD""#), .string("CNY"), .string("USD")),
            ("rule", Self.line(), Self.line(rule: "money.range"), .string("money.amount"), .string("money.range")),
            ("indicator", Self.line(), Self.line(extra: #","indicator":"GDP""#), nil, .string("GDP")),
            ("modality", Self.line(extra: #","modality":"target""#), Self.line(extra: #","modality":"actual""#), .string("target"), .string("actual")),
            ("period", Self.line(extra: #","period":"2024""#), Self.line(), .string("2024"), nil),
            ("point.path", Self.line(path: #""一""#), Self.line(path: #""一","（二）""#), .array([.string("一")]), .array([.string("一"), .string("（二）")])),
            ("value", Self.line(value: #"{"low":1,"high":2}"#), Self.line(value: #"{"low":1,"high":3}"#),
             .object([("low", .number("1")), ("high", .number("2"))]), .object([("low", .number("1")), ("high", .number("3"))])),
        ]
        for (field, old, new, o, n) in cases {
            let d = try Self.diff([old], [new])
            XCTAssertEqual(d.differences.count, 1, field)
            XCTAssertEqual(d.differences.first?.change, .changed, field)
            XCTAssertEqual(d.differences.first?.fields, [Difference.FieldChange(field: field, old: o, new: n)], field)
            XCTAssertEqual(d.unchanged, 0)
        }
    }

    func testExactDecimalsAreComparedAsWrittenNotAsDoubles() throws {
        // 2^53 + 1 is not a Double: as doubles these two would be equal.
        let d = try Self.diff([Self.line(value: "9007199254740993")], [Self.line(value: "9007199254740992")])
        XCTAssertEqual(d.differences.first?.fields, [Difference.FieldChange(field: "value", old: .number("9007199254740993"), new: .number("9007199254740992"))])
        XCTAssertTrue(try Self.diff([Self.line(value: "1.50")], [Self.line(value: "1.5")]).identical)
        XCTAssertTrue(try Self.diff([Self.line(extra: #","period":"2024","modality":"target""#)], [Self.line(extra: #","modality":"target","period":"2024""#)]).identical,
                      "key order does not make a difference")
    }

    func testMovedBoundaryPairsOverlappingSpansAsOneChange() throws {
        let d = try Self.diff([Self.line(text: "5元", span: (10, 14))], [Self.line(text: "约5元", span: (7, 14))])
        XCTAssertEqual(d.differences.map(\.change), [.changed])
        XCTAssertEqual(d.differences[0].fields.map(\.field), ["text", "span"])
        XCTAssertEqual(d.differences[0].fields[1].old?.text, #"{"byte":[10,14],"char":[10,14]}"#)
        XCTAssertEqual(d.differences[0].fields[1].new?.text, #"{"byte":[7,14],"char":[7,14]}"#)
    }

    func testOneRecordSplitIntoTwoAndTwoMergedIntoOne() throws {
        let whole = Self.line(rule: "money.range", text: "5-6元", span: (0, 10), value: #"{"low":5,"high":6}"#)
        let parts = [Self.line(text: "5", span: (0, 4)), Self.line(text: "6元", span: (5, 10), value: "6")]
        let split = try Self.diff([whole], parts)
        XCTAssertEqual(split.differences.map(\.change), [.split])
        XCTAssertEqual(split.differences[0].old.map(\.text), ["5-6元"])
        XCTAssertEqual(split.differences[0].new.map(\.text), ["5", "6元"])
        XCTAssertEqual(split.differences[0].rules, ["money.range", "money.amount"])
        let merged = try Self.diff(parts, [whole])
        XCTAssertEqual(merged.differences.map(\.change), [.merged])
        XCTAssertEqual(merged.differences[0].old.map(\.text), ["5", "6元"])
        XCTAssertEqual(merged.differences[0].new.map(\.text), ["5-6元"])
    }

    func testKindsDocumentsAndDistantSpansDoNotPair() throws {
        let date = Self.line(rule: "date.year", kind: "date", text: "100年", span: (0, 6), value: #""0100""#, unit: "null")
        let quantity = Self.line(rule: "quantity.amount", kind: "quantity", text: "100年", span: (0, 6), value: "100", unit: #""year""#)
        XCTAssertEqual(try Self.diff([date], [quantity]).differences.map(\.change), [.removed, .added])
        XCTAssertEqual(try Self.diff([Self.line(doc: "a.txt")], [Self.line(doc: "b.txt")]).differences.map(\.change), [.removed, .added])
        XCTAssertEqual(try Self.diff([Self.line(span: (0, 4))], [Self.line(span: (4, 8))]).differences.map(\.change), [.removed, .added])
    }

    /// Two old records that overlap each other (a project and a nested one) are not chained into one
    /// difference through each other: only an old and a new record make a pair.
    func testOldRecordsOverlappingEachOtherDoNotChain() throws {
        let outer = Self.line(rule: "project.a", kind: "project", text: "outer", span: (0, 20), value: #""o""#, unit: "null")
        let inner = Self.line(rule: "project.b", kind: "project", text: "inner", span: (15, 30), value: #""i""#, unit: "null")
        let moved = Self.line(rule: "project.b", kind: "project", text: "inner2", span: (22, 30), value: #""i""#, unit: "null")
        let d = try Self.diff([outer, inner], [outer, moved])
        XCTAssertEqual(d.differences.map(\.change), [.changed])
        XCTAssertEqual(d.differences[0].old.map(\.text), ["inner"])
        XCTAssertEqual(d.unchanged, 1)
    }

    func testOnlyTheChangedRecordsAppearWhateverTheOrder() throws {
        var rng = Fixtures.seededGenerator()
        let old = (0..<200).map { Self.line(doc: "d\($0 % 7).txt", span: ($0 * 10, $0 * 10 + 4), value: "\($0)") }
        var new = old
        new[13] = Self.line(doc: "d6.txt", span: (130, 134), value: "1300")
        new.remove(at: 40)
        let expected = JSONFormat(DiffView(try Self.diff(old, new), documents: nil)).render()
        for _ in 0..<5 {
            XCTAssertEqual(JSONFormat(DiffView(try Self.diff(old.shuffled(using: &rng), new.shuffled(using: &rng)), documents: nil)).render(), expected, "seed \(rng.seed)")
        }
        let d = try Self.diff(old, new)
        // d5.txt (record 40) before d6.txt (record 13): documents in byte order.
        XCTAssertEqual(d.differences.map(\.change), [.removed, .changed])
        XCTAssertEqual(d.differences.map(\.doc), ["d5.txt", "d6.txt"])
        XCTAssertEqual(d.unchanged, 198)
    }

    func testALineThatIsNotARecordIsNamedByFileAndLine() throws {
        let good = Self.line()
        let cases: [(String, String)] = [
            (#"{"doc":"a.txt""#, "t.jsonl:2: error: not a record: column 15: unexpected end of line in an object"),
            ("", "t.jsonl:2: error: not a record: an empty line"),
            ("[1,2]", "t.jsonl:2: error: not a record: not a JSON object"),
            (#"{"doc":"a.txt"} x"#, "t.jsonl:2: error: not a record: column 17: unexpected text after the value"),
            (good.replacingOccurrences(of: #""value":5"#, with: #""value":05"#), "t.jsonl:2: error: not a record: column 110: a number may not start with 0"),
            (good.replacingOccurrences(of: #","rule":"money.amount""#, with: ""), "t.jsonl:2: error: not a record: `rule` is missing or not a string"),
            (good.replacingOccurrences(of: #""span":{"byte":[0,4],"#, with: #""span":{"byte":[4],"#), #"t.jsonl:2: error: not a record: `span` is missing or not {"byte":[s,e],"char":[s,e]}"#),
            (#"{"doc":"a","doc":"b"}"#, #"t.jsonl:2: error: not a record: column 12: key "doc" appears twice"#),
        ]
        for (bad, message) in cases {
            XCTAssertThrowsError(try RecordReader.parse(Array((good + "\n" + bad + "\n").utf8), file: "t.jsonl")) { e in
                XCTAssertEqual("\(e)", message)
            }
        }
    }

    func testSummaryCountsByKindAndByRule() throws {
        let d = try Self.diff([Self.line(span: (0, 4)), Self.line(rule: "percent.arabic", kind: "percent", span: (10, 14), unit: #""%""#)],
                              [Self.line(span: (0, 4), value: "6"), Self.line(span: (20, 24))])
        let s = DiffSummary(d)
        XCTAssertEqual(s.byKind.map(\.0), ["money", "percent"])
        XCTAssertEqual(s.byKind.map { [$0.1.added, $0.1.removed, $0.1.changed] }, [[1, 0, 1], [0, 1, 0]])
        XCTAssertEqual(s.byRule.map(\.0), ["money.amount", "percent.arabic"])
        XCTAssertEqual(s.line, "1 added, 1 removed, 1 changed")
    }
}

extension DiffTests {
    static let pair = ([line(span: (0, 4)), line(rule: "percent.arabic", kind: "percent", text: "4%", span: (10, 12), value: "4", unit: #""%""#)],
                       [line(span: (0, 4), value: "6")])

    func testMarkdownIsASummaryTableThenTheDifferences() throws {
        let md = MarkdownFormat(DiffView(try Self.diff(Self.pair.0, Self.pair.1), documents: nil)).render()
        XCTAssertEqual(md, """
            ### tiqu diff: 2 differences (2 \u{2192} 1 records, 0 unchanged): 1 removed, 1 changed

            | kind | added | removed | changed | split/merged |
            | --- | ---: | ---: | ---: | ---: |
            | `money` | 0 | 0 | 1 | 0 |
            | `percent` | 0 | 1 | 0 | 0 |
            | **total** | **0** | **1** | **1** | **0** |

            | rule | added | removed | changed | split/merged |
            | --- | ---: | ---: | ---: | ---: |
            | `money.amount` | 0 | 0 | 1 | 0 |
            | `percent.arabic` | 0 | 1 | 0 | 0 |

            **changed** money `money.amount` in `a.txt@0`: `5元`

            | field | old | new |
            | --- | --- | --- |
            | `value` | `5` | `6` |

            **removed** percent `percent.arabic` in `a.txt@10`: `4%` (value 4, unit "%")

            """)
        XCTAssertEqual(MarkdownFormat(DiffView(try Self.diff(Self.pair.1, Self.pair.1), documents: nil)).render(),
                       "### tiqu diff: no differences (1 \u{2192} 1 records, 1 unchanged)\n")
    }

    func testLongMarkdownDiffsAreCollapsed() throws {
        let old = (0..<30).map { Self.line(span: ($0 * 10, $0 * 10 + 4)) }
        let md = MarkdownFormat(DiffView(try Self.diff(old, []), documents: nil)).render()
        XCTAssertTrue(md.contains("\n<details><summary>30 differences</summary>\n\n**removed** money"), md)
        XCTAssertTrue(md.hasSuffix("\n</details>\n"), md)
    }

    func testJSONShape() throws {
        let json = JSONFormat(DiffView(try Self.diff(Self.pair.0, Self.pair.1), documents: nil)).render()
        let counts = { (a: Int, r: Int, c: Int) in #"{"added":\#(a),"removed":\#(r),"changed":\#(c),"split":0,"merged":0,"regrouped":0}"# }
        XCTAssertEqual(json, #"{"identical":false,"old":2,"new":1,"unchanged":0,"summary":{"total":"# + counts(0, 1, 1)
            + #","by_kind":{"money":"# + counts(0, 0, 1) + #","percent":"# + counts(0, 1, 0) + "}"
            + #","by_rule":{"money.amount":"# + counts(0, 0, 1) + #","percent.arabic":"# + counts(0, 1, 0) + "}}"
            + #","differences":[{"change":"changed","doc":"a.txt","kind":"money","rules":["money.amount"],"old":["# + Self.pair.0[0]
            + #"],"new":["# + Self.pair.1[0] + #"],"fields":[{"field":"value","old":5,"new":6}]}"#
            + #",{"change":"removed","doc":"a.txt","kind":"percent","rules":["percent.arabic"],"old":["# + Self.pair.0[1] + #"],"new":[]}]}"# + "\n")
        // It is JSON any reader accepts.
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.utf8)))
    }

    /// The fast reader (a byte scanner for lines as `tiqu run` writes them) reads the same keys as the full
    /// reader, or leaves the line to it: every shipped record takes the fast path, and lines with blanks,
    /// escapes, another key order or a bad value go the full way, to the same record or the same error.
    func testTheFastReaderReadsWhatTheFullReaderReads() throws {
        let samples = try String(contentsOfFile: Fixtures.samplesDir + "/expected.jsonl", encoding: .utf8)
        let shipped = samples.split(separator: "\n").map(String.init)
        let good = Self.line()
        let odd = [good + " \r", good.replacingOccurrences(of: ",", with: ", "), good.replacingOccurrences(of: "5元", with: #"5\"元"#),
                   good.replacingOccurrences(of: #""sentence":{"byte":[0,100],"char":[0,100]}"#, with: #""sentence":null"#),
                   good.replacingOccurrences(of: #""value":5,"unit":"CNY""#, with: #""unit":"CNY","value":5"#),
                   good.replacingOccurrences(of: #""value":5"#, with: #""value":-0.5e+3"#),
                   good.replacingOccurrences(of: #""value":5"#, with: #""value":[true,false,null,{"a":{}},[]]"#),
                   good.replacingOccurrences(of: "[0,4]", with: "[00,4]"), good.replacingOccurrences(of: "[0,4]", with: "[4,0]"),
                   good.replacingOccurrences(of: "[0,4]", with: "[0,99999999999999999999]"),
                   good.replacingOccurrences(of: "5元", with: "5\u{1F600}\u{E9}\u{FFFD}")]
        for line in shipped { XCTAssertNotNil(RecordScanner.scan(Array(line.utf8), 0..<line.utf8.count), line) }
        for line in shipped + odd {
            let bytes = Array((line + "\n").utf8)
            var stop = bytes.count - 1
            if bytes[stop - 1] == 0x0D { stop -= 1 }
            var docs = RecordReader.Interner()
            let full = Result { try RecordReader.fullRecord(bytes, 0..<stop, file: "t.jsonl", line: 1) }
            guard let (keys, end) = RecordScanner.scanLine(bytes, from: 0) else { continue }
            XCTAssertEqual(end, bytes.count - 1, line)
            let fast = RecordReader.record(keys, bytes, 0..<stop, file: "t.jsonl", line: 1, docs: &docs)
            guard case .success(let r) = full else { XCTFail("only the fast reader reads \(line)"); continue }
            XCTAssertEqual([fast.doc, fast.rule, fast.kind, fast.text], [r.doc, r.rule, r.kind, r.text], line)
            XCTAssertEqual([fast.bytes, fast.chars], [r.bytes, r.chars], line)
            XCTAssertEqual(fast.sentence, r.sentence, line)
            XCTAssertEqual(fast.raw, r.raw, line)
        }
        XCTAssertNil(RecordScanner.scan(Array(odd[1].utf8), 0..<odd[1].utf8.count))
        XCTAssertNotNil(RecordScanner.scan(Array(odd[5].utf8), 0..<odd[5].utf8.count))
        XCTAssertNil(RecordScanner.scan(Array(odd[7].utf8), 0..<odd[7].utf8.count))
        XCTAssertNotNil(RecordScanner.scan(Array(odd[10].utf8), 0..<odd[10].utf8.count))
        // Bytes that are not UTF-8 in a string leave the line to the full reader, which names the column.
        let at = good.utf8.count - good.components(separatedBy: #""text":""#)[1].utf8.count
        for bad: [UInt8] in [[0xE4, 0xB8, 0x41], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xC0, 0x80], [0xE4, 0xB8]] {
            let bytes = Array(good.utf8.prefix(at)) + bad + Array(good.utf8.dropFirst(at))
            XCTAssertNil(RecordScanner.scan(bytes, 0..<bytes.count), "\(bad)")
            XCTAssertThrowsError(try RecordReader.parse(bytes, file: "t.jsonl")) { e in
                XCTAssertEqual("\(e)", "t.jsonl:1: error: not a record: column \(at + 1): not UTF-8")
            }
        }
    }
}
