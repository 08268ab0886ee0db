/// Why a line is not JSON, and where in the line (a 1-based column in bytes).
public struct JSONError: Error, Equatable, CustomStringConvertible {
    public let column: Int
    public let message: String
    public var description: String { "column \(column): \(message)" }
}

/// A strict JSON parser (RFC 8259) over one line's bytes: no trailing commas, no comments, no NaN, nothing
/// after the value but blanks. Numbers are kept as their text.
struct JSONParser {
    let bytes: [UInt8]
    var i: Int
    let end: Int

    /// True when the caller has checked that the bytes are UTF-8.
    var validated = false

    init(_ bytes: [UInt8], _ range: Range<Int>) {
        self.bytes = bytes
        i = range.lowerBound
        end = range.upperBound
        start = range.lowerBound
    }
    let start: Int

    static func parse(_ bytes: [UInt8], _ range: Range<Int>) throws -> JSON {
        var p = JSONParser(bytes, range)
        let v = try p.value(depth: 0)
        p.blanks()
        if p.i < p.end { throw p.error("unexpected text after the value") }
        return v
    }

    func error(_ m: String) -> JSONError { JSONError(column: i - start + 1, message: m) }

    mutating func blanks() {
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
    }

    mutating func value(depth: Int) throws -> JSON {
        blanks()
        guard i < end else { throw error("unexpected end of line") }
        guard depth < 64 else { throw error("nested too deeply") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("expected a value")
        }
    }

    mutating func word(_ w: String) throws {
        let u = Array(w.utf8)
        guard end - i >= u.count, bytes[i..<(i + u.count)].elementsEqual(u) else { throw error("expected a value") }
        i += u.count
    }

    mutating func object(depth: Int) throws -> JSON {
        i += 1
        var fields: [(String, JSON)] = []
        blanks()
        if i < end, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
        while true {
            blanks()
            guard i < end, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
            let keyStart = i
            let key = try string()
            if fields.contains(where: { $0.0 == key }) { i = keyStart; throw error("key \"\(key)\" appears twice") }
            blanks()
            guard i < end, bytes[i] == UInt8(ascii: ":") else { throw error("expected : after a key") }
            i += 1
            fields.append((key, try value(depth: depth + 1)))
            blanks()
            guard i < end else { throw error("unexpected end of line in an object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
            throw error("expected , or } in an object")
        }
    }

    mutating func array(depth: Int) throws -> JSON {
        i += 1
        var items: [JSON] = []
        blanks()
        if i < end, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            items.append(try value(depth: depth + 1))
            blanks()
            guard i < end else { throw error("unexpected end of line in an array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw error("expected , or ] in an array")
        }
    }

    mutating func digits() -> Int {
        let s = i
        while i < end, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        return i - s
    }

    mutating func number() throws -> String {
        let s = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let lead = i
        guard digits() > 0 else { throw error("expected digits") }
        if bytes[lead] == 0x30 && i - lead > 1 { i = lead; throw error("a number may not start with 0") }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw error("expected digits after the decimal point") }
        }
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw error("expected digits in the exponent") }
        }
        return String(decoding: bytes[s..<i], as: UTF8.self)
    }

    mutating func string() throws -> String {
        i += 1
        let s = i
        // The common case, no escapes: one slice.
        while i < end, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
        guard i < end else { throw error("unterminated string") }
        if bytes[i] == UInt8(ascii: "\"") {
            i += 1
            return try utf8(s..<(i - 1))
        }
        var out = Array(bytes[s..<i])
        while true {
            guard i < end else { throw error("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw error("a control character must be escaped in a string") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < end else { throw error("unterminated escape") }
            try escape(&out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    func utf8(_ r: Range<Int>) throws -> String {
        if validated { return String(decoding: bytes[r], as: UTF8.self) }
        guard let s = String(validating: bytes[r], as: UTF8.self) else { throw error("invalid UTF-8 in a string") }
        return s
    }

    /// Checks a value without building it (a record's fields the diff does not pair on are read only
    /// when the record differs). Strings are not checked for UTF-8 here: the caller validates the line.
    mutating func skip(depth: Int) throws {
        blanks()
        guard i < end else { throw error("unexpected end of line") }
        guard depth < 64 else { throw error("nested too deeply") }
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            i += 1
            blanks()
            if i < end, bytes[i] == close { i += 1; return }
            while true {
                if isObject {
                    blanks()
                    guard i < end, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
                    try skipString()
                    blanks()
                    guard i < end, bytes[i] == UInt8(ascii: ":") else { throw error("expected : after a key") }
                    i += 1
                }
                try skip(depth: depth + 1)
                blanks()
                guard i < end else { throw error("unexpected end of line in \(isObject ? "an object" : "an array")") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == close { i += 1; return }
                throw error(isObject ? "expected , or } in an object" : "expected , or ] in an array")
            }
        case UInt8(ascii: "\""): try skipString()
        default: _ = try value(depth: depth)
        }
    }

    mutating func skipString() throws {
        i += 1
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return }
            if b < 0x20 { throw error("a control character must be escaped in a string") }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < end else { break }
                var scratch: [UInt8] = []
                try escape(&scratch)
                continue
            }
            i += 1
        }
        throw error("unterminated string")
    }

    mutating func escape(_ out: inout [UInt8]) throws {
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
        let c = bytes[i]
        if let v = simple[c] { out.append(v); i += 1; return }
        guard c == UInt8(ascii: "u") else { throw error("unknown escape \\\(Character(Unicode.Scalar(c)))") }
        i += 1
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code) {
            guard end - i >= 6, bytes[i] == 0x5C, bytes[i + 1] == UInt8(ascii: "u") else { throw error("a lone surrogate in \\u escape") }
            i += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("a lone surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw error("a lone surrogate in \\u escape") }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    mutating func hex4() throws -> UInt32 {
        guard end - i >= 4 else { throw error("expected four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = Character(Unicode.Scalar(bytes[i])).hexDigitValue else { throw error("expected four hex digits") }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }
}
