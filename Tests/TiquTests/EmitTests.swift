import Foundation
import XCTest
@testable import TiquEmit
@testable import TiquNormalize
@testable import TiquNumbers
@testable import TiquText
@testable import TiquRules
@testable import TiquRun

/// The record format: what the writer can emit is exactly what docs/RECORDS.md describes.
final class RecordFormatTests: XCTestCase {
    static let recordsDoc = Fixtures.packageRoot.appendingPathComponent("docs/RECORDS.md").path

    /// The first column of the Markdown table under `## section` whose header starts with `| first |`.
    func docTable(_ section: String, header first: String) throws -> [String] {
        let doc = try String(contentsOfFile: Self.recordsDoc, encoding: .utf8)
        guard let start = doc.range(of: "\n## \(section)\n") else { XCTFail("no `## \(section)` in RECORDS.md"); return [] }
        let body = doc[start.upperBound...].prefix { _ in true }
        let end = body.range(of: "\n## ")?.lowerBound ?? body.endIndex
        var keys: [String] = []
        var inTable = false
        for line in body[..<end].split(separator: "\n") {
            if line.hasPrefix("| \(first) |") { inTable = true; continue }
            guard inTable, line.hasPrefix("| `") else { continue }
            let cell = line.dropFirst(3).prefix { $0 != "`" }
            keys.append(String(cell))
        }
        return keys
    }

    /// Every key path of a JSON value: objects by `.`, arrays of objects as `[]`, other arrays as leaves.
    func keyPaths(_ v: Any, prefix: String = "") -> Set<String> {
        var out = Set<String>()
        if let o = v as? [String: Any] {
            for (k, x) in o {
                let p = prefix.isEmpty ? k : prefix + "." + k
                out.insert(p)
                out.formUnion(keyPaths(x, prefix: p))
            }
        } else if let a = v as? [Any], a.contains(where: { $0 is [String: Any] }) {
            for x in a { out.formUnion(keyPaths(x, prefix: prefix + "[]")) }
        }
        return out
    }

    func keys(ofJSONLines text: String) throws -> Set<String> {
        var out = Set<String>()
        for line in text.split(separator: "\n") { out.formUnion(keyPaths(try JSONSerialization.jsonObject(with: Data(line.utf8)))) }
        return out
    }

    /// A record with every optional field set (ranges as value and from, links, speech, note).
    func fullRecord(value: ExtractedValue? = nil) -> Record {
        let span = OriginalSpan(byte: 0..<3, char: 0..<1)
        let range = ExtractedValue.range(low: ExactDecimal(mantissa: 1), high: ExactDecimal(mantissa: 2))
        var r = Record(doc: "d.txt", rule: "r", kind: .project, subtype: "plan", text: "x", span: span, value: value ?? range, unit: "CNY",
                       unitText: "元", qualifier: "approx", change: "increase", indicator: "i", modality: "target", period: "2025",
                       yoy: true, from: range, inferred: true, note: "n", pointPath: ["一"], pointSpan: span, pointSpeech: 1,
                       sentence: span)
        r.links = [Record.Link(kind: .money, span: span)]
        r.sentenceText = "x"
        r.direction = "up"
        r.to = range
        r.base = "previous_year"
        r.periodInferred = true
        r.indicatorSpan = span
        return r
    }

    func testTheDocDescribesExactlyTheKeysTheWriterCanEmit() throws {
        var bytes: [UInt8] = []
        JSONLines.append(fullRecord(), to: &bytes)
        // A ratio is the other value object (三分之一).
        JSONLines.append(fullRecord(value: .ratio(numerator: ExactDecimal(mantissa: 1), denominator: ExactDecimal(mantissa: 3))), to: &bytes)
        // A period that is a span of years (过去五年).
        var span = fullRecord()
        span.periodEnd = "2029"
        JSONLines.append(span, to: &bytes)
        let writable = try keys(ofJSONLines: String(decoding: bytes, as: UTF8.self))
        let documented = Set(try docTable("Keys", header: "key"))
        XCTAssertEqual(writable.subtracting(documented).sorted(), [], "keys records can carry that docs/RECORDS.md does not describe")
        XCTAssertEqual(documented.subtracting(writable).sorted(), [], "keys docs/RECORDS.md lists that no record can carry")
    }

    /// `--stdin-jsonl`'s error lines carry exactly the keys RECORDS.md lists for them.
    func testTheDocDescribesExactlyTheKeysOfErrorLines() throws {
        let line = StreamRunner.errorLine(doc: "d.txt", error: "timeout", messages: ["m"], records: 0, inputLine: 1)
        let writable = try keys(ofJSONLines: String(decoding: line, as: UTF8.self))
        XCTAssertEqual(writable.sorted(), try docTable("Error lines", header: "key").sorted())
    }

    /// The table's columns, in order, are the ones RECORDS.md lists.
    func testTheDocListsTheTableColumnsInOrder() throws {
        XCTAssertEqual(try docTable("Table", header: "column"), Table.columns)
    }

    func testEverySampleAndCorpusRecordKeyIsDocumented() throws {
        let documented = Set(try docTable("Keys", header: "key"))
        var dirs = [Fixtures.samplesDir]
        if FileManager.default.fileExists(atPath: Fixtures.corpusDir) { dirs.append(Fixtures.corpusDir) }
        for dir in dirs {
            let (out, _) = try Fixtures.run([dir], jobs: 2)
            XCTAssertEqual(try keys(ofJSONLines: out).subtracting(documented).sorted(), [], dir)
        }
    }

    /// The units table lists every canonical unit a record can carry: the meanings of the currency and
    /// unit word lists, the units rules fix, and the units fixed by kind.
    func testTheUnitsTableListsEveryCanonicalUnit() throws {
        let set = Fixtures.shipped.ruleSet
        var units = Set(NumberReader.defaultUnit.values)
        for c in ["currency", "unit"] { units.formUnion(set.lexicon.meanings[c]?.values.map { $0 } ?? []) }
        units.formUnion(set.rules.compactMap(\.unit))
        XCTAssertEqual(Set(try docTable("Units", header: "unit")).symmetricDifference(units).sorted(), [],
                       "docs/RECORDS.md's units table and the rules' units differ")
    }

    func testKeysAreWrittenInTheDocumentedOrder() {
        var bytes: [UInt8] = []
        JSONLines.append(fullRecord(), to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), #"""
            {"doc":"d.txt","rule":"r","kind":"project","subtype":"plan","text":"x","span":{"byte":[0,3],"char":[0,1]},"value":{"low":1,"high":2},"unit":"CNY","unit_text":"元","qualifier":"approx","change":"increase","direction":"up","indicator":"i","indicator_span":{"byte":[0,3],"char":[0,1]},"modality":"target","period":"2025","period_inferred":true,"yoy":true,"base":"previous_year","from":{"low":1,"high":2},"to":{"low":1,"high":2},"inferred":true,"note":"n","point":{"path":["一"],"span":{"byte":[0,3],"char":[0,1]},"speech":1},"sentence":{"byte":[0,3],"char":[0,1]},"sentence_text":"x","links":[{"kind":"money","span":{"byte":[0,3],"char":[0,1]}}]}

            """#)
    }

    func testStringsAreEscapedAsJSON() {
        var out: [UInt8] = []
        JSONLines.string("a\"b\\c\nd\te\u{01}元", &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), #""a\"b\\c\nd\te\u0001元""#)
    }
}

/// Issue 19, round four: integers are written digit for digit as `String(n)` writes them (up to eight
/// digits gathered in one word first, longer ones digit by digit).
final class JSONLinesIntTests: XCTestCase {
    func testIntegersAreWrittenAsStringWritesThem() {
        var generator = Fixtures.seededGenerator()
        let edges = [0, 1, 9, 10, 11, 99, 100, 101, 999_999, 1_000_000, 99_999_999, 100_000_000, -99_999_999, -100_000_000, -1, -10, -987, Int.max, Int.min]
        for n in edges + (0..<2_000).map({ _ in Int(truncatingIfNeeded: generator.next()) >> Int(generator.next() % 64) }) {
            var out: [UInt8] = [7]
            JSONLines.int(n, &out)
            XCTAssertEqual(out, [7] + Array(String(n).utf8), "\(n)")
        }
    }
}

/// Issue 19, round four: a string is copied whole and checked where it lies; one that needs escapes is
/// written again in its place, after whatever the buffer held.
final class JSONLinesStringTests: XCTestCase {
    func testStringsAreEscapedInPlaceAfterWhatTheBufferHolds() {
        for (s, json) in [("", #""""#), ("元", #""元""#), ("长文本没有转义", #""长文本没有转义""#), ("末尾\n", #""末尾\n""#),
                          ("a\"", #""a\"""#), ("\\", #""\\""#), ("\u{1F}x", #""\u001fx""#)] {
            var out = Array("前缀,".utf8)
            JSONLines.string(s, &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), "前缀," + json, s)
        }
    }
}
