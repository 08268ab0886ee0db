import TiquNumbers
import TiquRules

/// The value of a number match from its named groups, exactly: the number (or range, or ratio) as written,
/// then what the groups around it add - a scale word, a sign, 角/分, half a unit. Every word it reads comes
/// from the lexicon or the numeral table.
struct NumberValue {
    let kind: ExtractionKind
    let lexicon: Lexicon
    /// The text of a named group, nil when it did not take part.
    let group: (String) -> String?
    /// Reads a numeral as the number reader does (inner qualifiers such as 多 set aside).
    let number: (String) -> Numerals.Parsed?

    func read() -> ExtractedValue? {
        if let d = group(GroupName.doublings), let n = Numerals.parse(d), let k = Int(n.value.description), k >= 0, k < 60 {
            return .number(ExactDecimal(mantissa: 1 << Int64(k)))
        }
        if let c = group(GroupName.cheng) {
            // Neighbouring digits are a range of tenths (七八成 → 70 to 80, 两三成 → 20 to 30), never 780; so are
            // two ends inside the cheng group (两到三成 → 20 to 30).
            if let lo = group(GroupName.low).flatMap(Numerals.parse), let hi = group(GroupName.high).flatMap(Numerals.parse) {
                return .range(low: lo.value.shifted(by: 1), high: hi.value.shifted(by: 1))
            }
            if let (l, h) = Numerals.parseApproximate(c) { return .range(low: l.value.shifted(by: 1), high: h.value.shifted(by: 1)) }
            if let n = Numerals.parse(c) { return cheng(n.value) }
        }
        if let z = group(GroupName.zhe) { return discount(z) }
        if let lo = group(GroupName.low), let hi = group(GroupName.high) {
            // An approximate end stands for its outer bound: 几十亩到几百亩 is 10 to 900 亩.
            guard let l = number(lo) ?? Numerals.parseApproximate(lo)?.low,
                  let h = number(hi) ?? Numerals.parseApproximate(hi)?.high else { return nil }
            return range(l, h)
        }
        // 五毛钱: tenths of a yuan with no yuan written.
        guard let n = group(GroupName.num) ?? group(GroupName.jiao).map({ _ in "0" }) else { return nil }
        if let d = group(GroupName.denom) { return fraction(n, d) }
        // No character is a space where no byte is (the filter reads grapheme by grapheme).
        if let (l, h) = Numerals.parseApproximate(n.utf8.contains(0x20) ? n.filter { $0 != " " } : n) {
            return scaled(l.value).flatMap { lo in scaled(h.value).map { .range(low: lo, high: $0) } }
        }
        guard let v = number(n), var x = scaled(v.value) else { return nil }
        // 角 then 分: tenths and hundredths of a yuan (no array of the two built for every number).
        for power in stride(from: -1, through: -2, by: -1) {
            guard let g = group(power == -1 ? GroupName.jiao : GroupName.fen) else { continue }
            guard let p = Numerals.parse(g), let s = x.adding(p.value.shifted(by: power)) else { return nil }
            x = s
        }
        if group(GroupName.half) != nil {
            guard let s = x.adding(ExactDecimal(mantissa: 5, exponent: -1)) else { return nil }
            x = s
        }
        return .number(group(GroupName.sign) != nil ? x.negated() : x)
    }

    /// A scale word multiplies the number (`15k`, `1.62 trillion`, `3兆元`); without one the number stands.
    func scaled(_ v: ExactDecimal) -> ExactDecimal? {
        guard let s = group(GroupName.scale) else { return v }
        guard let m = lexicon.meaning(of: s, in: UnitCategory.scale), let p = Int(m) else { return nil }
        return v.shifted(by: p)
    }

    /// X成 in tenths: 三成 → 30, 三成五 / 三成半 → 35, 七点五成 → 75, 十成 → 100.
    func cheng(_ n: ExactDecimal) -> ExtractedValue? {
        let frac = group(GroupName.chengfrac)
        let tenths = frac.map { Numerals.isHalf($0) ? ExactDecimal(mantissa: 5) : Numerals.parse($0)?.value } ?? .zero
        guard let t = tenths else { return nil }
        return n.shifted(by: 1).adding(t).map { .number($0) }
    }

    /// A discount as the multiple of the price paid: 九折 → 0.9, 八五折 → 0.85, 7.5折 → 0.75, 85折 → 0.85.
    func discount(_ z: String) -> ExtractedValue? {
        guard let v = Numerals.parse(z)?.value, v > .zero else { return nil }
        if v < ExactDecimal(mantissa: 10) { return .number(v.shifted(by: -1)) }
        return v < ExactDecimal(mantissa: 100) ? .number(v.shifted(by: -2)) : nil
    }

    /// `A分之B`: a percent when the whole is a power of ten (千分之三 → 0.3, 万分之五 → 0.05), else the exact
    /// ratio B/A (三分之一 → 1/3, 2/3 → 2/3), never rounded.
    func fraction(_ n: String, _ d: String) -> ExtractedValue? {
        guard let num = number(n)?.value, let den = Numerals.parse(d)?.value, den > .zero else { return nil }
        if kind == .percent {
            guard den.mantissa == 1 else { return nil }
            return .number(num.shifted(by: 2 - den.exponent))
        }
        return .ratio(numerator: num, denominator: den)
    }

    /// A range shares its high end's 万/亿 scale when the low end has none and stays below the high end:
    /// 50-100亿 → 50亿 to 100亿, 一千到两千万 → 一千万 to 两千万, but 从8500到3万 → 8500 to 30000.
    func range(_ l: Numerals.Parsed, _ h: Numerals.Parsed) -> ExtractedValue? {
        guard let high = scaled(h.value) else { return nil }
        var low = l.value
        if l.trailingScale == 0, h.trailingScale > 0 {
            let shared = low.shifted(by: h.trailingScale)
            if shared <= h.value { low = shared }
        }
        if group(GroupName.scale) != nil, l.trailingScale == 0, let s = scaled(low), s <= high { low = s }
        return .range(low: low, high: high)
    }
}
