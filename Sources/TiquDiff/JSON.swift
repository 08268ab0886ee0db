import TiquEmit

/// A JSON value as read back from a record line. Numbers keep the text they were written with (records
/// hold exact decimals; a Double would turn `4060000000000.5` into something else), objects keep their
/// key order (records are written in a fixed order, and the diff shows fields in that order).
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public subscript(key: String) -> JSON? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }

    /// `[s, e]` of two integers, as a half-open range.
    public var range: Range<Int>? {
        guard case .array(let a) = self, a.count == 2, case .number(let s)? = a.first, case .number(let e)? = a.last,
              let lo = Int(s), let hi = Int(e), lo <= hi else { return nil }
        return lo..<hi
    }

    /// Equal as JSON: objects whatever their key order, numbers by value as written (`1.50` equals `1.5`).
    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y || canonicalNumber(x) == canonicalNumber(y)
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { k, v in y.first { $0.0 == k }.map { $0.1 == v } ?? false }
        default: return false
        }
    }

    /// A number's text without trailing fraction zeros, so equal decimals compare equal.
    static func canonicalNumber(_ s: String) -> String {
        guard s.contains("."), !s.contains("e"), !s.contains("E") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return t == "-0" ? "0" : String(t)
    }

    /// Compact JSON, keys in their order, the escaping of docs/RECORDS.md.
    public var text: String {
        var out: [UInt8] = []
        write(&out)
        return String(decoding: out, as: UTF8.self)
    }

    public func write(_ out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): JSON.quote(s, &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(&out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (i, (k, v)) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.quote(k, &out)
                out.append(UInt8(ascii: ":"))
                v.write(&out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Quotes a string as records do (the record writer's own escaping: only `"`, `\` and control
    /// characters escaped).
    public static func quote(_ s: String, _ out: inout [UInt8]) { JSONLines.string(s, &out) }
}
