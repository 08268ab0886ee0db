import TiquNormalize
import TiquText

/// How records are written: JSON Lines (the default and the format of expected records), or a flat table
/// for spreadsheets and `pd.read_csv` (docs/RECORDS.md, "Table").
public enum RecordFormat: String, Sendable, CaseIterable {
    case jsonl, csv, tsv

    /// Appends one record: a JSON line, or a row of the table.
    public func append(_ r: Record, to out: inout [UInt8]) {
        switch self {
        case .jsonl: JSONLines.append(r, to: &out)
        case .csv: Table.append(Table.row(for: r), separator: UInt8(ascii: ","), to: &out)
        case .tsv: Table.append(Table.row(for: r), separator: 0x09, to: &out)
        }
    }

    /// What is written before the first record: the table's header row (after a BOM when asked).
    public func header(bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom && self != .jsonl ? [0xEF, 0xBB, 0xBF] : []
        switch self {
        case .jsonl: break
        case .csv: Table.append(Table.columns, separator: UInt8(ascii: ","), to: &out)
        case .tsv: Table.append(Table.columns, separator: 0x09, to: &out)
        }
        return out
    }

    /// The table has the sentence's text and the point's heading, which the pipeline then looks up.
    public var needsContext: Bool { self != .jsonl }
}

/// The flat table of `tiqu run --format csv|tsv`: one row per record, only scalar cells, RFC 4180 quoting
/// (a cell holding the separator, `"`, CR or LF is quoted and its `"` doubled; rows end with CRLF). TSV
/// quotes the same way with a tab as separator, so a tab or line break inside a sentence survives.
public enum Table {
    public static let columns = [
        "doc", "speech", "point_path", "point_heading", "kind", "subtype", "rule", "text",
        "value", "value_low", "value_high", "value_numerator", "value_denominator", "unit", "unit_text", "qualifier", "change",
        "direction", "from", "to", "base", "indicator", "indicator_byte_start", "indicator_byte_end", "modality", "period", "period_low", "period_high", "period_inferred",
        "sentence", "byte_start", "byte_end", "char_start", "char_end",
    ]

    /// The joint between labels of `point_path`.
    public static let pathSeparator = " > "

    /// One record's cells, in `columns` order: the one place a record becomes a row. `value` holds only
    /// numbers, so that a spreadsheet or `pd.read_csv` reads it as one numeric column: a range goes to
    /// `value_low`/`value_high`, a date's value (a point or span in time) to `period`/`period_low`/
    /// `period_high`, an exact ratio (`三分之一`) to `value_numerator`/`value_denominator` (never a rounded
    /// float in `value`), and a project's normalized name stays in the JSON records (its `text` is here).
    public static func row(for r: Record) -> [String] {
        var value = "", low = "", high = "", period = r.period ?? "", periodLow = "", periodHigh = ""
        // A period that is a span of years (过去五年, “十四五”) goes where a date range's does.
        if let end = r.periodEnd { (period, periodLow, periodHigh) = ("", r.period ?? "", end) }
        var numerator = "", denominator = ""
        switch r.value {
        case .number(let d)?: value = d.description
        case .range(let l, let h)?: (low, high) = (l.description, h.description)
        case .ratio(let n, let d)?: (numerator, denominator) = (n.description, d.description)
        case .text(let t)? where r.kind == .date: period = t
        case .textRange(let l, let h)?: (periodLow, periodHigh) = (l, h)
        case .text?, nil: break
        }
        // `from`/`to` are the other end's value, one number as written in `value` (`8.4`), a range or a
        // ratio in its canonical form (`1..2`, `1/3`): rare, and a cell must stay flat.
        let from = r.from?.canonical ?? "", to = r.to?.canonical ?? ""
        return [
            r.doc, r.pointSpeech.map(String.init) ?? "", r.pointPath.joined(separator: pathSeparator), r.pointHeading ?? "",
            r.kind.rawValue, r.subtype ?? "", r.rule, r.text,
            value, low, high, numerator, denominator, r.unit ?? "", r.unitText ?? "", r.qualifier ?? "", r.change ?? "",
            r.direction ?? "", from, to, r.base ?? "", r.indicator ?? "",
            r.indicatorSpan.map { String($0.byte.lowerBound) } ?? "", r.indicatorSpan.map { String($0.byte.upperBound) } ?? "",
            r.modality ?? "", period, periodLow, periodHigh,
            r.periodInferred ? "true" : "",
            r.sentenceText ?? "",
            String(r.span.byte.lowerBound), String(r.span.byte.upperBound),
            String(r.span.char.lowerBound), String(r.span.char.upperBound),
        ]
    }

    /// Appends one row, each cell quoted only where it must be, ended by CRLF.
    public static func append(_ cells: [String], separator: UInt8, to out: inout [UInt8]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(separator) }
            let bytes = cell.utf8
            guard bytes.contains(where: { $0 == separator || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                out.append(contentsOf: bytes)
                continue
            }
            out.append(0x22)
            for b in bytes {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }
}
