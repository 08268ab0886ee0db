/// The fast path of reading a record line: one pass over the bytes, building nothing, for lines written as
/// `tiqu run` writes them (docs/RECORDS.md: no blanks, keys in the fixed order, `doc` first and `span`
/// sixth). It finds the keys pairing needs and checks the rest is JSON. It answers only for lines the full
/// reader would accept with the same keys; anything else (blanks, escapes in the paired strings, another
/// key order, an error) gets nil, and the full reader reads the line and names what is wrong.
struct RecordScanner {
    /// Byte ranges of the paired strings' contents (without escapes), and the ranges read from the spans.
    struct Keys {
        let doc: Range<Int>, rule: Range<Int>, kind: Range<Int>, text: Range<Int>
        let bytes: Range<Int>, chars: Range<Int>
        let sentence: Range<Int>?
    }

    let b: [UInt8]
    var i: Int
    let end: Int

    static func scan(_ bytes: [UInt8], _ range: Range<Int>) -> Keys? {
        var s = RecordScanner(b: bytes, i: range.lowerBound, end: range.upperBound)
        return s.record()
    }

    /// The record of the line starting at `start`, read without looking for the line's end first (it
    /// cannot hold a line feed: every string is checked for control characters): its keys and the
    /// line's end (its `\n`, or the end of the bytes). Nil when the full reader has to read the line.
    static func scanLine(_ bytes: [UInt8], from start: Int) -> (Keys, Int)? {
        var s = RecordScanner(b: bytes, i: start, end: bytes.count)
        guard let keys = s.record() else { return nil }
        return (keys, s.i)
    }

    static let head = Array(#"{"doc":"#.utf8), rule = Array(#","rule":"#.utf8), kind = Array(#","kind":"#.utf8)
    static let subtype = Array(#","subtype":"#.utf8), text = Array(#","text":"#.utf8), span = Array(#","span":"#.utf8)
    static let byte = Array(#"{"byte":["#.utf8), char = Array(#"],"char":["#.utf8), close = Array("]}".utf8)
    static let null = Array("null".utf8), yes = Array("true".utf8), no = Array("false".utf8)
    /// The keys that may follow `span`, in their order; each at most once, so no key appears twice.
    static let rest = ["value", "unit", "unit_text", "qualifier", "change", "direction", "indicator", "indicator_span", "modality", "period",
                       "period_inferred", "yoy", "base", "from", "to", "inferred", "note", "point", "sentence", "links"].map { Array($0.utf8) }
    static let sentenceKey = rest.firstIndex(of: Array("sentence".utf8))!

    mutating func record() -> Keys? {
        guard word(Self.head), let doc = plainString(), word(Self.rule), let rule = plainString(),
              word(Self.kind), let kind = plainString() else { return nil }
        if word(Self.subtype) { guard skipString() else { return nil } }
        guard word(Self.text), let text = plainString(), word(Self.span), let (bytes, chars) = spans() else { return nil }
        var next = 0
        var sentence: Range<Int>?
        while i < end, b[i] == UInt8(ascii: ",") {
            i += 1
            guard let key = plainString(), i < end, b[i] == UInt8(ascii: ":"), let k = restKey(key, from: next) else { return nil }
            i += 1
            next = k + 1
            if k == Self.sentenceKey, !word(Self.null) {
                guard let (_, c) = spans() else { return nil }
                sentence = c
            } else if k != Self.sentenceKey {
                guard skip(depth: 1) else { return nil }
            }
        }
        guard i < end, b[i] == UInt8(ascii: "}") else { return nil }
        i += 1
        while i < end, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
        guard i == end || b[i] == 0x0A else { return nil }
        return Keys(doc: doc, rule: rule, kind: kind, text: text, bytes: bytes, chars: chars, sentence: sentence)
    }

    /// The index in `rest` (at `from` or after) of the key whose bytes are at `key`.
    func restKey(_ key: Range<Int>, from: Int) -> Int? {
        let rest = Self.rest
        search: for k in from..<rest.count where rest[k].count == key.count {
            for (n, c) in rest[k].enumerated() where b[key.lowerBound + n] != c { continue search }
            return k
        }
        return nil
    }

    /// `w` here, consumed.
    mutating func word(_ w: [UInt8]) -> Bool {
        guard end - i >= w.count else { return false }
        var k = 0
        while k < w.count {
            if b[i + k] != w[k] { return false }
            k += 1
        }
        i += w.count
        return true
    }

    /// `{"byte":[s,e],"char":[s,e]}`, each `s <= e`.
    mutating func spans() -> (Range<Int>, Range<Int>)? {
        guard word(Self.byte), let b0 = int(), word([UInt8(ascii: ",")]), let b1 = int(), word(Self.char),
              let c0 = int(), word([UInt8(ascii: ",")]), let c1 = int(), word(Self.close), b0 <= b1, c0 <= c1 else { return nil }
        return (b0..<b1, c0..<c1)
    }

    /// A non-negative integer as JSON writes it (no leading zero), small enough for an Int.
    mutating func int() -> Int? {
        let s = i
        var v = 0
        while i < end, b[i] >= 0x30, b[i] <= 0x39, i - s < 18 {
            v = v * 10 + Int(b[i] - 0x30)
            i += 1
        }
        guard i > s, i < end, b[i] < 0x30 || b[i] > 0x39, b[s] != 0x30 || i - s == 1 else { return nil }
        return v
    }

    /// A string without escapes: the range of its contents, checked as UTF-8.
    mutating func plainString() -> Range<Int>? {
        guard i < end, b[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        let s = i
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "\"") { i += 1; return s..<(i - 1) }
            if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
            if c < 0x80 { i += 1; continue }
            // Most text is Chinese: three bytes, E1–EC or EE–EF, then two continuation bytes.
            if c >= 0xE1, c <= 0xEF, c != 0xED, i + 2 < end, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80 { i += 3; continue }
            guard let n = UTF8Check.sequenceLength(b, i, end) else { return nil }
            i += n
        }
        return nil
    }

    mutating func skipString() -> Bool { plainString() != nil }

    /// A JSON value, checked and passed over (strings without escapes only).
    mutating func skip(depth: Int) -> Bool {
        guard i < end, depth < 60 else { return false }
        switch b[i] {
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = b[i] == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            i += 1
            if i < end, b[i] == close { i += 1; return true }
            while true {
                if isObject {
                    guard skipString(), i < end, b[i] == UInt8(ascii: ":") else { return false }
                    i += 1
                }
                guard skip(depth: depth + 1), i < end else { return false }
                if b[i] == close { i += 1; return true }
                guard b[i] == UInt8(ascii: ",") else { return false }
                i += 1
            }
        case UInt8(ascii: "t"): return word(Self.yes)
        case UInt8(ascii: "f"): return word(Self.no)
        case UInt8(ascii: "n"): return word(Self.null)
        default: return number()
        }
    }

    /// A JSON number: `-`, digits without a leading zero, a fraction, an exponent.
    mutating func number() -> Bool {
        if i < end, b[i] == UInt8(ascii: "-") { i += 1 }
        let lead = i
        guard digits() > 0, b[lead] != 0x30 || i - lead == 1 else { return false }
        if i < end, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return true
    }

    mutating func digits() -> Int {
        let s = i
        while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
        return i - s
    }
}
