import TiquNormalize
import TiquText

/// Writes records as JSON Lines: UTF-8, keys in a fixed order, no run-dependent content, so that two
/// runs over the same input are byte-identical. Key order:
/// doc, rule, kind, [subtype], text, span, value, unit, unit_text, qualifier, change, [direction], [indicator],
/// [indicator_span], [modality], [period], [period_inferred], [yoy], [base], [from], [to],
/// [inferred], [note], point {path, span, [speech]}, sentence, [sentence_text] (`--context`), [links] (projects: money and date
/// records of the same sentence, by kind and span). Keys in brackets appear only when they apply; the others are
/// always present (`null` when they do not apply), so every line has the same columns.
public enum JSONLines {
    public static func append(_ r: Record, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"doc":"#.utf8)
        string(r.doc, &out)
        out.append(contentsOf: #","rule":"#.utf8); string(r.rule, &out)
        out.append(contentsOf: #","kind":"#.utf8); string(r.kind.rawValue, &out)
        if let s = r.subtype { out.append(contentsOf: #","subtype":"#.utf8); string(s, &out) }
        out.append(contentsOf: #","text":"#.utf8); string(r.text, &out)
        out.append(contentsOf: #","span":"#.utf8); span(r.span, &out)
        out.append(contentsOf: #","value":"#.utf8); value(r.value, &out)
        out.append(contentsOf: #","unit":"#.utf8); optional(r.unit, &out)
        out.append(contentsOf: #","unit_text":"#.utf8); optional(r.unitText, &out)
        out.append(contentsOf: #","qualifier":"#.utf8); optional(r.qualifier, &out)
        out.append(contentsOf: #","change":"#.utf8); optional(r.change, &out)
        if let s = r.direction { out.append(contentsOf: #","direction":"#.utf8); string(s, &out) }
        if let s = r.indicator { out.append(contentsOf: #","indicator":"#.utf8); string(s, &out) }
        if let s = r.indicatorSpan { out.append(contentsOf: #","indicator_span":"#.utf8); span(s, &out) }
        if let s = r.modality { out.append(contentsOf: #","modality":"#.utf8); string(s, &out) }
        if let s = r.period {
            out.append(contentsOf: #","period":"#.utf8)
            if let end = r.periodEnd {
                // A span of years, shaped as a date range's value.
                out.append(contentsOf: #"{"low":"#.utf8); string(s, &out)
                out.append(contentsOf: #","high":"#.utf8); string(end, &out)
                out.append(UInt8(ascii: "}"))
            } else {
                string(s, &out)
            }
        }
        if r.periodInferred { out.append(contentsOf: #","period_inferred":true"#.utf8) }
        if r.yoy { out.append(contentsOf: #","yoy":true"#.utf8) }
        if let s = r.base { out.append(contentsOf: #","base":"#.utf8); string(s, &out) }
        if let f = r.from { out.append(contentsOf: #","from":"#.utf8); value(f, &out) }
        if let t = r.to { out.append(contentsOf: #","to":"#.utf8); value(t, &out) }
        if r.inferred { out.append(contentsOf: #","inferred":true"#.utf8) }
        if let n = r.note { out.append(contentsOf: #","note":"#.utf8); string(n, &out) }
        out.append(contentsOf: #","point":{"path":["#.utf8)
        for (i, p) in r.pointPath.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(p, &out)
        }
        out.append(contentsOf: #"],"span":"#.utf8); span(r.pointSpan, &out)
        if let sp = r.pointSpeech { out.append(contentsOf: #","speech":"#.utf8); int(sp, &out) }
        out.append(contentsOf: #"},"sentence":"#.utf8)
        if let s = r.sentence { span(s, &out) } else { out.append(contentsOf: "null".utf8) }
        if let t = r.sentenceText { out.append(contentsOf: #","sentence_text":"#.utf8); string(t, &out) }
        if !r.links.isEmpty {
            out.append(contentsOf: #","links":["#.utf8)
            for (i, l) in r.links.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: #"{"kind":"#.utf8); string(l.kind.rawValue, &out)
                out.append(contentsOf: #","span":"#.utf8); span(l.span, &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "}\n".utf8)
    }

    public static func span(_ s: OriginalSpan, _ out: inout [UInt8]) {
        out.append(contentsOf: #"{"byte":["#.utf8)
        int(s.byte.lowerBound, &out); out.append(UInt8(ascii: ",")); int(s.byte.upperBound, &out)
        out.append(contentsOf: #"],"char":["#.utf8)
        int(s.char.lowerBound, &out); out.append(UInt8(ascii: ",")); int(s.char.upperBound, &out)
        out.append(contentsOf: "]}".utf8)
    }

    /// Numbers are written exactly as decimals (JSON numbers); dates as strings; ranges as {low, high}.
    public static func value(_ v: ExtractedValue?, _ out: inout [UInt8]) {
        switch v {
        case nil: out.append(contentsOf: "null".utf8)
        case .number(let d)?: out.append(contentsOf: d.description.utf8)
        case .text(let t)?: string(t, &out)
        case .range(let l, let h)?:
            out.append(contentsOf: #"{"low":"#.utf8); out.append(contentsOf: l.description.utf8)
            out.append(contentsOf: #","high":"#.utf8); out.append(contentsOf: h.description.utf8)
            out.append(UInt8(ascii: "}"))
        case .ratio(let n, let d)?:
            out.append(contentsOf: #"{"numerator":"#.utf8); out.append(contentsOf: n.description.utf8)
            out.append(contentsOf: #","denominator":"#.utf8); out.append(contentsOf: d.description.utf8)
            out.append(UInt8(ascii: "}"))
        case .textRange(let l, let h)?:
            out.append(contentsOf: #"{"low":"#.utf8); string(l, &out)
            out.append(contentsOf: #","high":"#.utf8); string(h, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    public static func optional(_ s: String?, _ out: inout [UInt8]) {
        if let s { string(s, &out) } else { out.append(contentsOf: "null".utf8) }
    }

    public static func int(_ n: Int, _ out: inout [UInt8]) { out.append(contentsOf: String(n).utf8) }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    public static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
