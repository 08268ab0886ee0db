import Foundation
import XCTest
@testable import TiquEmit

/// `tiqu run --format csv|tsv` (issue 16, item 6): the table read back with a small RFC 4180 reader
/// holds, cell by cell, what the JSON record of the same run holds.
extension CLITests {
    /// RFC 4180: cells split at `separator`, rows at CRLF (or LF); a quoted cell may hold both, `""` is `"`.
    static func readTable(_ text: String, separator: Character) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false, afterQuote = false
        var chars = text.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { cell.append(c) }
                continue
            }
            switch c {
            case "\"": if afterQuote { cell.append("\"") }; quoted = true; afterQuote = false
            case separator: row.append(cell); cell = ""; afterQuote = false
            case "\r\n", "\n": row.append(cell); rows.append(row); row = []; cell = ""; afterQuote = false
            default: cell.append(c); afterQuote = false
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    /// What a JSON value is as a cell: numbers as written in the JSON text, strings as they are.
    static func cell(_ v: Any?) -> String {
        switch v {
        case nil, is NSNull: return ""
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return "\(v!)"
        }
    }

    func testTheTableHoldsWhatTheJSONRecordsHold() throws {
        let json = try tiqu(["run", Fixtures.samplesDir, "--context", "-q"])
        XCTAssertEqual(json.status, 0, json.err)
        let records = try json.out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let csv = try tiqu(["run", Fixtures.samplesDir, "--format", "csv", "-q"])
        XCTAssertEqual(csv.status, 0, csv.err)
        let tsv = try tiqu(["run", Fixtures.samplesDir, "--format", "tsv", "-q"])
        for (text, sep) in [(csv.out, Character(",")), (tsv.out, Character("\t"))] {
            let rows = Self.readTable(text, separator: sep)
            XCTAssertEqual(rows.first, Table.columns)
            XCTAssertEqual(rows.count - 1, records.count)
            for (row, r) in zip(rows.dropFirst(), records) { try checkRow(Dictionary(uniqueKeysWithValues: zip(Table.columns, row)), r) }
        }
        // Sentences hold commas, quotes are rare: the quoting is exercised on every run of the samples.
        XCTAssertTrue(csv.out.contains(#",""#))
        XCTAssertTrue(csv.out.hasSuffix("\r\n"))
        // The indicator's bytes are in the table too: some rows carry them (the samples have indicators).
        let rows = Self.readTable(csv.out, separator: ",")
        let start = try XCTUnwrap(Table.columns.firstIndex(of: "indicator_byte_start"))
        let spans = records.filter { $0["indicator_span"] != nil }.count
        XCTAssertEqual(rows.dropFirst().filter { !$0[start].isEmpty }.count, spans)
        XCTAssertGreaterThan(spans, 0)
    }

    /// One row against its record: every column that the JSON has, and the rest empty.
    func checkRow(_ row: [String: String], _ r: [String: Any]) throws {
        let point = r["point"] as! [String: Any], span = r["span"] as! [String: Any]
        let byte = span["byte"] as! [Int], char = span["char"] as! [Int]
        var want: [String: String] = [
            "doc": Self.cell(r["doc"]), "speech": Self.cell(point["speech"]),
            "point_path": (point["path"] as! [String]).joined(separator: " > "),
            "kind": Self.cell(r["kind"]), "subtype": Self.cell(r["subtype"]), "rule": Self.cell(r["rule"]), "text": Self.cell(r["text"]),
            "unit": Self.cell(r["unit"]), "unit_text": Self.cell(r["unit_text"]), "qualifier": Self.cell(r["qualifier"]),
            "change": Self.cell(r["change"]), "indicator": Self.cell(r["indicator"]), "modality": Self.cell(r["modality"]),
            "period": Self.cell(r["period"]), "sentence": Self.cell(r["sentence_text"]),
            "byte_start": "\(byte[0])", "byte_end": "\(byte[1])", "char_start": "\(char[0])", "char_end": "\(char[1])",
        ]
        for k in ["value", "value_low", "value_high", "value_numerator", "value_denominator", "period_low", "period_high"] { want[k] = "" }
        // A period that is a span of years (过去五年) goes to period_low/period_high, as a date range does.
        if let p = r["period"] as? [String: Any] { (want["period"], want["period_low"], want["period_high"]) = ("", Self.cell(p["low"]), Self.cell(p["high"])) }
        want["direction"] = Self.cell(r["direction"])
        let indicatorByte = (r["indicator_span"] as? [String: Any])?["byte"] as? [Int]
        want["indicator_byte_start"] = indicatorByte.map { "\($0[0])" } ?? ""
        want["indicator_byte_end"] = indicatorByte.map { "\($0[1])" } ?? ""
        want["base"] = Self.cell(r["base"])
        want["period_inferred"] = r["period_inferred"] as? Bool == true ? "true" : ""
        for k in ["from", "to"] {
            switch r[k] {
            case let o as [String: Any] where o["numerator"] != nil: want[k] = "\(Self.cell(o["numerator"]))/\(Self.cell(o["denominator"]))"
            case let o as [String: Any]: want[k] = "\(Self.cell(o["low"]))..\(Self.cell(o["high"]))"
            default: want[k] = Self.cell(r[k])
            }
        }
        switch r["value"] {
        case let o as [String: Any] where o["numerator"] != nil:
            (want["value_numerator"], want["value_denominator"]) = (Self.cell(o["numerator"]), Self.cell(o["denominator"]))
        case let o as [String: Any] where o["low"] is String: (want["period_low"], want["period_high"]) = (Self.cell(o["low"]), Self.cell(o["high"]))
        case let o as [String: Any]: (want["value_low"], want["value_high"]) = (Self.cell(o["low"]), Self.cell(o["high"]))
        case let s as String where r["kind"] as? String == "date": want["period"] = s
        case let n as NSNumber: want["value"] = n.stringValue
        default: break
        }
        // Numbers compare as numbers (the JSON reader's doubles print `4.2` as `4.2`, large ones alike).
        for k in ["value", "value_low", "value_high", "value_numerator", "value_denominator"] where !want[k]!.isEmpty {
            XCTAssertEqual(Double(row[k]!), Double(want[k]!), "\(k) of \(r)")
            want[k] = row[k]
        }
        for k in ["from", "to"] where Double(want[k]!) != nil {
            XCTAssertEqual(Double(row[k]!), Double(want[k]!), "\(k) of \(r)")
            want[k] = row[k]
        }
        let heading = row["point_heading"]!
        XCTAssertTrue(heading.isEmpty || !(point["path"] as! [String]).isEmpty, "a heading only under a numbered point: \(r)")
        want["point_heading"] = heading
        XCTAssertEqual(row, want, "\(r)")
    }

    func testTheTableGoesToAFileAtomicallyWithABOMWhenAsked() throws {
        let out = tmp.appendingPathComponent("out.csv").path
        let r = try tiqu(["run", Fixtures.samplesDir, "--format", "csv", "--bom", "-o", out, "-q"])
        XCTAssertEqual(r.status, 0, r.err)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        XCTAssertEqual(Array(bytes.prefix(6)), [0xEF, 0xBB, 0xBF] + Array("doc".utf8))
        let plain = try tiqu(["run", Fixtures.samplesDir, "--format", "csv", "-q"])
        XCTAssertEqual(Array(bytes.dropFirst(3)), Array(plain.out.utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), ["out.csv"], "no temporary file left")
    }

    func testLargeDocumentsStreamTheSameTable() throws {
        let whole = try tiqu(["run", Fixtures.samplesDir, "--format", "tsv", "-q"])
        let parts = try tiqu(["run", Fixtures.samplesDir, "--format", "tsv", "-q", "--jobs", "2"], environment: ["TIQU_PART_BYTES": "4096"])
        XCTAssertEqual(parts.out, whole.out)
    }
}
