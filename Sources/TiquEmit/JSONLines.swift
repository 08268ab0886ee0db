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
        out.append(contentsOf: Literal.kDoc)
        string(r.doc, &out)
        out.append(contentsOf: Literal.kRule); string(r.rule, &out)
        out.append(contentsOf: Literal.kKind); string(r.kind.rawValue, &out)
        if let s = r.subtype { out.append(contentsOf: Literal.kSubtype); string(s, &out) }
        out.append(contentsOf: Literal.kText); string(r.text, &out)
        out.append(contentsOf: Literal.kSpan); span(r.span, &out)
        out.append(contentsOf: Literal.kValue); value(r.value, &out)
        out.append(contentsOf: Literal.kUnit); optional(r.unit, &out)
        out.append(contentsOf: Literal.kUnitText); optional(r.unitText, &out)
        out.append(contentsOf: Literal.kQualifier); optional(r.qualifier, &out)
        out.append(contentsOf: Literal.kChange); optional(r.change, &out)
        if let s = r.direction { out.append(contentsOf: Literal.kDirection); string(s, &out) }
        if let s = r.indicator { out.append(contentsOf: Literal.kIndicator); string(s, &out) }
        if let s = r.indicatorSpan { out.append(contentsOf: Literal.kIndicatorSpan); span(s, &out) }
        if let s = r.modality { out.append(contentsOf: Literal.kModality); string(s, &out) }
        if let s = r.period {
            out.append(contentsOf: Literal.kPeriod)
            if let end = r.periodEnd {
                // A span of years, shaped as a date range's value.
                out.append(contentsOf: Literal.kLow); string(s, &out)
                out.append(contentsOf: Literal.kHigh); string(end, &out)
                out.append(UInt8(ascii: "}"))
            } else {
                string(s, &out)
            }
        }
        if r.periodInferred { out.append(contentsOf: Literal.kPeriodInferredTrue) }
        if r.yoy { out.append(contentsOf: Literal.kYoyTrue) }
        if let s = r.base { out.append(contentsOf: Literal.kBase); string(s, &out) }
        if let f = r.from { out.append(contentsOf: Literal.kFrom); value(f, &out) }
        if let t = r.to { out.append(contentsOf: Literal.kTo); value(t, &out) }
        if r.inferred { out.append(contentsOf: Literal.kInferredTrue) }
        if let n = r.note { out.append(contentsOf: Literal.kNote); string(n, &out) }
        out.append(contentsOf: Literal.kPointPath)
        for (i, p) in r.pointPath.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(p, &out)
        }
        out.append(contentsOf: Literal.kPointSpan); span(r.pointSpan, &out)
        if let sp = r.pointSpeech { out.append(contentsOf: Literal.kSpeech); int(sp, &out) }
        out.append(contentsOf: Literal.kSentence)
        if let s = r.sentence { span(s, &out) } else { out.append(contentsOf: "null".utf8) }
        if let t = r.sentenceText { out.append(contentsOf: Literal.kSentenceText); string(t, &out) }
        if !r.links.isEmpty {
            out.append(contentsOf: Literal.kLinks)
            for (i, l) in r.links.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: Literal.kLinkKind); string(l.kind.rawValue, &out)
                out.append(contentsOf: Literal.kSpan); span(l.span, &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: "}\n".utf8)
    }

    public static func span(_ s: OriginalSpan, _ out: inout [UInt8]) {
        out.append(contentsOf: Literal.byte)
        int(s.byte.lowerBound, &out); out.append(UInt8(ascii: ",")); int(s.byte.upperBound, &out)
        out.append(contentsOf: Literal.char)
        int(s.char.lowerBound, &out); out.append(UInt8(ascii: ",")); int(s.char.upperBound, &out)
        out.append(contentsOf: Literal.spanEnd)
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

    /// Decimal digits written straight into `out` (no String per number: four a span).
    public static func int(_ n: Int, _ out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        // Up to eight digits (every offset under 100 MB) gathered in one word by divisions by the constant
        // 10, then appended highest first: a division by a running power of ten a digit cost a third more.
        guard m < 100_000_000 else { return big(m, &out) }
        var packed: UInt64 = 0
        var count = 0
        repeat {
            packed = packed << 8 | UInt64(m % 10)
            m /= 10
            count += 1
        } while m > 0
        for _ in 0..<count {
            out.append(UInt8(ascii: "0") | UInt8(truncatingIfNeeded: packed))
            packed >>= 8
        }
    }

    /// The digits of a number of nine digits or more, highest first.
    static func big(_ m: UInt, _ out: inout [UInt8]) {
        var p: UInt = 1
        while p <= m / 10 { p *= 10 }
        while p > 0 {
            out.append(UInt8(ascii: "0") + UInt8(m / p % 10))
            p /= 10
        }
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    public static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole, then checked where they now lie (reading the array
        // costs a quarter of reading the string's UTF-8 view); a string that does is written again below.
        let start = out.count
        out.append(contentsOf: s.utf8)
        var i = start
        while i < out.count, out[i] >= 0x20, out[i] != UInt8(ascii: "\""), out[i] != UInt8(ascii: "\\") { i += 1 }
        if i == out.count {
            out.append(UInt8(ascii: "\""))
            return
        }
        out.removeSubrange(start...)
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

/// The keys and punctuation written for every record, as bytes once (appending a String's UTF-8 view
/// costs several times a copy of bytes).
enum Literal {
    static let byte = Array(#"{"byte":["#.utf8)
    static let char = Array(#"],"char":["#.utf8)
    static let spanEnd = Array("]}".utf8)
    static let kDoc = Array(#"{"doc":"#.utf8)
    static let kRule = Array(#","rule":"#.utf8)
    static let kKind = Array(#","kind":"#.utf8)
    static let kLinkKind = Array(#"{"kind":"#.utf8)
    static let kSubtype = Array(#","subtype":"#.utf8)
    static let kText = Array(#","text":"#.utf8)
    static let kSpan = Array(#","span":"#.utf8)
    static let kPointSpan = Array(#"],"span":"#.utf8)
    static let kValue = Array(#","value":"#.utf8)
    static let kUnit = Array(#","unit":"#.utf8)
    static let kUnitText = Array(#","unit_text":"#.utf8)
    static let kQualifier = Array(#","qualifier":"#.utf8)
    static let kChange = Array(#","change":"#.utf8)
    static let kDirection = Array(#","direction":"#.utf8)
    static let kIndicator = Array(#","indicator":"#.utf8)
    static let kIndicatorSpan = Array(#","indicator_span":"#.utf8)
    static let kModality = Array(#","modality":"#.utf8)
    static let kPeriod = Array(#","period":"#.utf8)
    static let kLow = Array(#"{"low":"#.utf8)
    static let kHigh = Array(#","high":"#.utf8)
    static let kPeriodInferredTrue = Array(#","period_inferred":true"#.utf8)
    static let kYoyTrue = Array(#","yoy":true"#.utf8)
    static let kBase = Array(#","base":"#.utf8)
    static let kFrom = Array(#","from":"#.utf8)
    static let kTo = Array(#","to":"#.utf8)
    static let kInferredTrue = Array(#","inferred":true"#.utf8)
    static let kNote = Array(#","note":"#.utf8)
    static let kPointPath = Array(#","point":{"path":["#.utf8)
    static let kSpeech = Array(#","speech":"#.utf8)
    static let kSentence = Array(#"},"sentence":"#.utf8)
    static let kSentenceText = Array(#","sentence_text":"#.utf8)
    static let kLinks = Array(#","links":["#.utf8)
}
