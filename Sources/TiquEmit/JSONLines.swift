import TiquNormalize
import TiquNumbers
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
        var cache = Cache()
        append(r, to: &out, cache: &cache)
    }

    /// The same, for the next of a run of records: what it shares with those before it (its head, its
    /// point and sentence) is copied from `cache` as bytes once written.
    public static func append(_ r: Record, to out: inout [UInt8], cache: inout Cache) {
        // The keys, fetched once a record (each static's access costs a check and a retain), each written
        // with the punctuation around it in one copy.
        let k = Literal.keys
        head(r, k, &cache, &out)
        string(r.text, &out)
        out.append(contentsOf: k.span); spanBody(r.span, k, &out)
        out.append(contentsOf: k.value); value(r.value, &out)
        if r.unit == nil && r.unitText == nil { out.append(contentsOf: k.unitsNull) } else {
            out.append(contentsOf: k.unit); optional(r.unit, k, &out)
            out.append(contentsOf: k.unitText); optional(r.unitText, k, &out)
        }
        if r.qualifier == nil && r.change == nil { out.append(contentsOf: k.qualifierChangeNull) } else {
            out.append(contentsOf: k.qualifier); optional(r.qualifier, k, &out)
            out.append(contentsOf: k.change); optional(r.change, k, &out)
        }
        if let s = r.direction { out.append(contentsOf: k.direction); string(s, &out) }
        if let s = r.indicator { out.append(contentsOf: k.indicator); string(s, &out) }
        if let s = r.indicatorSpan { out.append(contentsOf: k.indicatorSpan); spanBody(s, k, &out) }
        if let s = r.modality { out.append(contentsOf: k.modality); string(s, &out) }
        if let s = r.period {
            if let end = r.periodEnd {
                // A span of years, shaped as a date range's value.
                out.append(contentsOf: k.periodLow); string(s, &out)
                out.append(contentsOf: k.high); string(end, &out)
                out.append(UInt8(ascii: "}"))
            } else {
                out.append(contentsOf: k.period); string(s, &out)
            }
        }
        if r.periodInferred { out.append(contentsOf: k.periodInferredTrue) }
        if r.yoy { out.append(contentsOf: k.yoyTrue) }
        if let s = r.base { out.append(contentsOf: k.base); string(s, &out) }
        if let f = r.from { out.append(contentsOf: k.from); value(f, &out) }
        if let t = r.to { out.append(contentsOf: k.to); value(t, &out) }
        if r.inferred { out.append(contentsOf: k.inferredTrue) }
        if let n = r.note { out.append(contentsOf: k.note); string(n, &out) }
        place(r, k, &cache, &out)
        if let t = r.sentenceText { out.append(contentsOf: k.sentenceText); string(t, &out) }
        if !r.links.isEmpty {
            out.append(contentsOf: k.links)
            for i in r.links.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: k.linkKind); string(r.links[i].kind.rawValue, &out)
                out.append(contentsOf: k.span); spanBody(r.links[i].span, k, &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: k.recordEnd)
    }

    /// `{"doc":…,"rule":…,"kind":…,["subtype":…,]"text":`: the same for every record of a rule in a
    /// document, so written once a rule and copied after.
    static func head(_ r: Record, _ k: Literal, _ cache: inout Cache, _ out: inout [UInt8]) {
        if let h = cache.heads[r.rule], h.doc == r.doc, h.kind == r.kind, h.subtype == r.subtype {
            out.append(contentsOf: h.bytes)
            return
        }
        let start = out.count
        out.append(contentsOf: k.doc); string(r.doc, &out)
        out.append(contentsOf: k.rule); string(r.rule, &out)
        out.append(contentsOf: k.kind); string(r.kind.rawValue, &out)
        if let s = r.subtype { out.append(contentsOf: k.subtype); string(s, &out) }
        out.append(contentsOf: k.text)
        cache.heads[r.rule] = Cache.Head(doc: r.doc, kind: r.kind, subtype: r.subtype, bytes: Array(out[start...]))
    }

    /// `,"point":{…},"sentence":…`: the same for the records of one sentence (they follow one another),
    /// so copied from the last record's when its point and sentence are this one's.
    static func place(_ r: Record, _ k: Literal, _ cache: inout Cache, _ out: inout [UInt8]) {
        if cache.place.written && cache.place.sentence == r.sentence && cache.place.span == r.pointSpan
            && cache.place.speech == r.pointSpeech && cache.place.path == r.pointPath {
            out.append(contentsOf: cache.place.bytes)
            return
        }
        let start = out.count
        out.append(contentsOf: k.pointPath)
        for i in r.pointPath.indices {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(r.pointPath[i], &out)
        }
        out.append(contentsOf: k.pointSpan); spanBody(r.pointSpan, k, &out)
        if let sp = r.pointSpeech { out.append(contentsOf: k.speech); int(sp, &out) }
        if let s = r.sentence { out.append(contentsOf: k.sentence); spanBody(s, k, &out) } else { out.append(contentsOf: k.sentenceNull) }
        cache.place = Cache.Place(written: true, path: r.pointPath, span: r.pointSpan, speech: r.pointSpeech, sentence: r.sentence,
                                  bytes: Array(out[start...]))
    }

    public static func span(_ s: OriginalSpan, _ out: inout [UInt8]) {
        let k = Literal.keys
        out.append(contentsOf: k.byte)
        spanBody(s, k, &out)
    }

    /// A span after its `{"byte":[` (written with the key before it): `1,2],"char":[3,4]}`.
    @inline(__always)
    static func spanBody(_ s: OriginalSpan, _ k: Literal, _ out: inout [UInt8]) {
        int(s.byte.lowerBound, &out); out.append(UInt8(ascii: ",")); int(s.byte.upperBound, &out)
        out.append(contentsOf: k.char)
        int(s.char.lowerBound, &out); out.append(UInt8(ascii: ",")); int(s.char.upperBound, &out)
        out.append(contentsOf: k.spanEnd)
    }

    static func optional(_ s: String?, _ k: Literal, _ out: inout [UInt8]) {
        if let s { string(s, &out) } else { out.append(contentsOf: k.null) }
    }

    /// Numbers are written exactly as decimals (JSON numbers); dates as strings; ranges as {low, high}.
    public static func value(_ v: ExtractedValue?, _ out: inout [UInt8]) {
        switch v {
        case nil: out.append(contentsOf: "null".utf8)
        case .number(let d)?: d.appendDescription(to: &out)
        case .text(let t)?: string(t, &out)
        case .range(let l, let h)?:
            out.append(contentsOf: #"{"low":"#.utf8); l.appendDescription(to: &out)
            out.append(contentsOf: #","high":"#.utf8); h.appendDescription(to: &out)
            out.append(UInt8(ascii: "}"))
        case .ratio(let n, let d)?:
            out.append(contentsOf: #"{"numerator":"#.utf8); n.appendDescription(to: &out)
            out.append(contentsOf: #","denominator":"#.utf8); d.appendDescription(to: &out)
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
        digits(UInt64(n.magnitude), &out)
    }

    /// The digits of `m`, highest first.
    @inline(__always)
    static func digits(_ m: UInt64, _ out: inout [UInt8]) {
        var m = m
        // Up to eight digits (every offset under 100 MB) gathered in one word by divisions by the constant
        // 10, then appended highest first: a division by a running power of ten a digit cost a third more.
        guard m < 100_000_000 else { return big(m, &out) }
        var packed: UInt64 = 0
        var count = 0
        repeat {
            packed = packed << 8 | m % 10
            m /= 10
            count += 1
        } while m > 0
        for _ in 0..<count {
            out.append(UInt8(ascii: "0") | UInt8(truncatingIfNeeded: packed))
            packed >>= 8
        }
    }

    /// The digits of a number of nine digits or more, highest first.
    static func big(_ m: UInt64, _ out: inout [UInt8]) {
        var p: UInt64 = 1
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
/// costs several times a copy of bytes), each with the punctuation that always goes with it; one object,
/// so a record fetches them once.
final class Literal: Sendable {
    static let keys = Literal()
    let byte = Array(#"{"byte":["#.utf8)
    let char = Array(#"],"char":["#.utf8)
    let spanEnd = Array("]}".utf8)
    let null = Array("null".utf8)
    let doc = Array(#"{"doc":"#.utf8)
    let rule = Array(#","rule":"#.utf8)
    let kind = Array(#","kind":"#.utf8)
    let linkKind = Array(#"{"kind":"#.utf8)
    let subtype = Array(#","subtype":"#.utf8)
    let text = Array(#","text":"#.utf8)
    let span = Array(#","span":{"byte":["#.utf8)
    let value = Array(#","value":"#.utf8)
    let unit = Array(#","unit":"#.utf8)
    let unitText = Array(#","unit_text":"#.utf8)
    let qualifier = Array(#","qualifier":"#.utf8)
    let change = Array(#","change":"#.utf8)
    let direction = Array(#","direction":"#.utf8)
    let indicator = Array(#","indicator":"#.utf8)
    let indicatorSpan = Array(#","indicator_span":{"byte":["#.utf8)
    let modality = Array(#","modality":"#.utf8)
    let period = Array(#","period":"#.utf8)
    let periodLow = Array(#","period":{"low":"#.utf8)
    let high = Array(#","high":"#.utf8)
    let periodInferredTrue = Array(#","period_inferred":true"#.utf8)
    let yoyTrue = Array(#","yoy":true"#.utf8)
    let base = Array(#","base":"#.utf8)
    let from = Array(#","from":"#.utf8)
    let to = Array(#","to":"#.utf8)
    let inferredTrue = Array(#","inferred":true"#.utf8)
    let note = Array(#","note":"#.utf8)
    let pointPath = Array(#","point":{"path":["#.utf8)
    let pointSpan = Array(#"],"span":{"byte":["#.utf8)
    let speech = Array(#","speech":"#.utf8)
    let sentence = Array(#"},"sentence":{"byte":["#.utf8)
    let sentenceNull = Array(#"},"sentence":null"#.utf8)
    let sentenceText = Array(#","sentence_text":"#.utf8)
    let links = Array(#","links":["#.utf8)
    let recordEnd = Array("}\n".utf8)
    let unitsNull = Array(#","unit":null,"unit_text":null"#.utf8)
    let qualifierChangeNull = Array(#","qualifier":null,"change":null"#.utf8)
}
