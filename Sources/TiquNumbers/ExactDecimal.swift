/// An exact decimal number: `mantissa × 10^exponent`. Values are built from the digits as written and
/// scaled by powers of ten, so `4.06万亿` is exactly 4060000000000 (never 4059999999999.9995).
public struct ExactDecimal: Equatable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public private(set) var mantissa: Int64
    public private(set) var exponent: Int

    public init(mantissa: Int64, exponent: Int = 0) {
        self.mantissa = mantissa
        self.exponent = exponent
        normalize()
    }

    public static let zero = ExactDecimal(mantissa: 0)

    /// Parses ASCII `1,244`, `4.06`, `3805`; nil when it is not a plain decimal or overflows.
    public init?(_ text: Substring) {
        var m: Int64 = 0
        var e = 0
        var seenDot = false
        var digits = 0
        for c in text.utf8 {
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: ".") {
                if seenDot { return nil }
                seenDot = true
                continue
            }
            guard c >= 0x30 && c <= 0x39 else { return nil }
            let (t, o1) = m.multipliedReportingOverflow(by: 10)
            let (u, o2) = t.addingReportingOverflow(Int64(c - 0x30))
            if o1 || o2 { return nil }
            m = u
            digits += 1
            if seenDot { e -= 1 }
        }
        guard digits > 0 else { return nil }
        self.init(mantissa: m, exponent: e)
    }

    public init?(_ text: String) { self.init(Substring(text)) }

    private mutating func normalize() {
        if mantissa == 0 { exponent = 0; return }
        while mantissa % 10 == 0 { mantissa /= 10; exponent += 1 }
    }

    /// `self × 10^power`: exact, never overflows (only the exponent changes).
    public func shifted(by power: Int) -> ExactDecimal { ExactDecimal(mantissa: mantissa, exponent: exponent + power) }

    /// `-self`: a sign written before the number (`-3.8%`).
    public func negated() -> ExactDecimal { ExactDecimal(mantissa: -mantissa, exponent: exponent) }

    /// Exact sum; nil on overflow.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        if mantissa == 0 { return other }
        if other.mantissa == 0 { return self }
        let e = min(exponent, other.exponent)
        guard let a = Self.scale(mantissa, by: exponent - e), let b = Self.scale(other.mantissa, by: other.exponent - e) else { return nil }
        let (s, o) = a.addingReportingOverflow(b)
        return o ? nil : ExactDecimal(mantissa: s, exponent: e)
    }

    private static func scale(_ m: Int64, by power: Int) -> Int64? {
        var r = m
        for _ in 0..<power {
            let (t, o) = r.multipliedReportingOverflow(by: 10)
            if o { return nil }
            r = t
        }
        return r
    }

    /// Plain decimal notation, no exponent, no trailing zeros after the point: `380500000000`, `4.2`, `0.05`.
    public var description: String {
        var b: [UInt8] = []
        appendDescription(to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    /// `description` as UTF-8 appended to `out`: the one spelling, which the JSON writer uses without a
    /// String a value (building one cost it a thousand instructions a number).
    public func appendDescription(to out: inout [UInt8]) {
        if mantissa < 0 { out.append(UInt8(ascii: "-")) }
        let start = out.count
        var m = mantissa.magnitude
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        } while m > 0
        out[start...].reverse()
        if exponent >= 0 {
            if mantissa != 0 { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent)) }
            return
        }
        let point = out.count - start + exponent
        if point > 0 {
            out.insert(UInt8(ascii: "."), at: start + point)
        } else {
            out.insert(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")] + repeatElement(UInt8(ascii: "0"), count: -point), at: start)
        }
    }

    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        if let d = b.adding(ExactDecimal(mantissa: -a.mantissa, exponent: a.exponent)) { return d.mantissa > 0 }
        return Double(a.description)! < Double(b.description)!
    }
}
