/// Reads the numbers of Chinese official texts: Arabic (`3805`, `1,244`, `4.06`), Chinese (`三千五百万`,
/// `十八`, `一百零五`, `一九九八`, `三点五`) and mixed (`1.39万亿`, `5千万`), all to an exact decimal. It reads
/// cleaned text: Traditional forms (`萬`, `億`) are already folded by the clean stage.
public enum Numerals {
    public struct Parsed: Equatable, Sendable {
        public let value: ExactDecimal
        /// Power of ten of the 万/亿 scale written at the end (`亿` → 8, `万亿` → 12, `两千万` → 4, `一千` and
        /// none → 0). A range shares its upper bound's scale: `50-100亿` is 50亿 to 100亿, `一千到两千万` is
        /// 一千万 to 两千万 (千 is a digit's place, not a scale the low end lacks).
        public let trailingScale: Int
    }

    /// Signs written before a number (`-3.8`, `百分之负三点八`).
    static let signs: [Unicode.Scalar] = ["-", "负"]
    /// Written between a numeral and its scale in speech (`两个亿`): skipped.
    static let scaleCounter: Unicode.Scalar = "个"
    /// An unknown digit (`几十`, `数百`, `十几`): 1 to 9.
    static let unknownDigits: [Unicode.Scalar] = ["几", "数"]
    static let one: Unicode.Scalar = "一", nine: Unicode.Scalar = "九"
    /// `半` after a unit adds half of it (`十五斤半`, `三成半`).
    public static func isHalf<S: StringProtocol>(_ s: S) -> Bool { s == "半" }

    /// The value of a Chinese digit (一, 两, 〇, 玖), nil for any other scalar.
    public static func digit(_ c: Unicode.Scalar) -> Int64? {
        switch c {
        case "零", "〇", "○": return 0
        case "一", "壹": return 1
        case "二", "两", "贰": return 2
        case "三", "叁": return 3
        case "四", "肆": return 4
        case "五", "伍": return 5
        case "六", "陆": return 6
        case "七", "柒": return 7
        case "八", "捌": return 8
        case "九", "玖": return 9
        default: return nil
        }
    }

    /// Whether `c` is part of a Chinese numeral: a digit, 十/百/千, or the scales 万 and 亿.
    public static func isChineseNumeral(_ c: Unicode.Scalar) -> Bool {
        digit(c) != nil || smallUnit(c) != nil || c == "万" || c == "亿"
    }

    static func smallUnit(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "十", "拾": return 1
        case "百", "佰": return 2
        case "千", "仟": return 3
        default: return nil
        }
    }

    /// Parses a whole numeral; nil when the text is not one (or would overflow). A leading sign makes it
    /// negative; `个` before a scale is skipped (`两个亿`).
    public static func parse<S: StringProtocol>(_ text: S) -> Parsed? {
        parse(scalars: Array(text.unicodeScalars))
    }

    /// `parse` of a `String`, whose scalars are read without the generic path (most callers pass one).
    /// Arabic digits alone (most numbers and years) are read as `Reader.read` leaves them, each going to
    /// its pending Arabic digits, with no array of scalars made.
    public static func parse(_ text: String) -> Parsed? {
        if !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2C }) {
            return ExactDecimal(Substring(text)).map { Parsed(value: $0, trailingScale: 0) }
        }
        return parse(streaming: text)
    }

    /// `parse(scalars:)` over a String's scalars as they come, one looked at ahead (`个` before 万 or 亿): no
    /// array of scalars is built for the Chinese and mixed numerals (`5000万`, `三千五百`) most numbers are.
    static func parse(streaming text: String) -> Parsed? {
        var scalars = text.unicodeScalars.makeIterator()
        guard var c = scalars.next() else { return nil }
        var next = scalars.next(), first = true
        var reader = Reader()
        // A sign is one only with more after it.
        let negative = next != nil && signs.contains(c)
        if negative, let n = next { (c, next, first) = (n, scalars.next(), false) }
        while true {
            if !(c == scaleCounter && !first && (next == "万" || next == "亿")) {
                guard reader.read(c) else { return nil }
            }
            guard let n = next else { break }
            (c, next, first) = (n, scalars.next(), false)
        }
        guard let p = reader.finish() else { return nil }
        return negative ? Parsed(value: p.value.negated(), trailingScale: p.trailingScale) : p
    }

    static func parse(scalars: [Unicode.Scalar]) -> Parsed? {
        var reader = Reader()
        let negative = scalars.count > 1 && signs.contains(scalars[0])
        for (i, c) in scalars.enumerated() where !(i == 0 && negative) {
            if c == scaleCounter, i > 0, i + 1 < scalars.count, scalars[i + 1] == "万" || scalars[i + 1] == "亿" { continue }
            guard reader.read(c) else { return nil }
        }
        guard let p = reader.finish() else { return nil }
        return negative ? Parsed(value: p.value.negated(), trailingScale: p.trailingScale) : p
    }

    /// An approximate numeral as a range: two neighbouring digits (`二三十` → 20 to 30, `七八十亿` → 70亿 to
    /// 80亿, `三五百` → 300 to 500, `八九亿`, `十二三` → 12 to 13), or an unknown digit (`数十亿` → 10亿 to
    /// 90亿, `十几` → 11 to 19). nil for any other numeral, so `一九九八` stays a year.
    public static func parseApproximate<S: StringProtocol>(_ text: S) -> (low: Parsed, high: Parsed)? {
        approximate(Array(text.unicodeScalars))
    }

    /// `parseApproximate` of a `String` (the number reader's), tested for ASCII first: ASCII (most numbers)
    /// holds neither an unknown digit nor Chinese digits, so no array is made for it.
    public static func parseApproximate(_ text: String) -> (low: Parsed, high: Parsed)? {
        text.utf8.allSatisfy({ $0 < 0x80 }) || !mayBeApproximate(text) ? nil : approximate(Array(text.unicodeScalars))
    }

    /// Whether `approximate` may find a range in `text`: an unknown digit, or two neighbouring digits it
    /// reads as one (the test its loop starts with), read without an array of scalars (most numbers have neither).
    static func mayBeApproximate(_ text: String) -> Bool {
        var previous: Int64?
        for c in text.unicodeScalars {
            if unknownDigits.contains(c) { return true }
            let d = digit(c)
            if let a = previous, let b = d, a > 0, b == a + 1 || (a == 3 && b == 5) { return true }
            previous = d
        }
        return false
    }

    static func approximate(_ s: [Unicode.Scalar]) -> (low: Parsed, high: Parsed)? {
        if let i = s.firstIndex(where: { unknownDigits.contains($0) }) {
            var lo = s, hi = s
            lo[i] = one
            hi[i] = nine
            return bounds(lo, hi)
        }
        for i in 0..<max(0, s.count - 1) {
            guard let a = digit(s[i]), let b = digit(s[i + 1]), a > 0, b == a + 1 || (a == 3 && b == 5) else { continue }
            let after = i + 2 < s.count ? s[i + 2] : nil
            let placeAfter = after.map { smallUnit($0) != nil || $0 == "万" || $0 == "亿" } ?? false
            let placeBefore = i > 0 && smallUnit(s[i - 1]) != nil
            guard i == 0 || digit(s[i - 1]) == nil, placeAfter || (after == nil && (i == 0 || placeBefore)) else { continue }
            var lo = s, hi = s
            lo.remove(at: i + 1)
            hi.remove(at: i)
            return bounds(lo, hi)
        }
        return nil
    }

    static func bounds(_ lo: [Unicode.Scalar], _ hi: [Unicode.Scalar]) -> (low: Parsed, high: Parsed)? {
        var a = String.UnicodeScalarView(), b = String.UnicodeScalarView()
        a.append(contentsOf: lo)
        b.append(contentsOf: hi)
        guard let l = parse(String(a)), let h = parse(String(b)), l.value < h.value else { return nil }
        return (l, h)
    }

    /// The state of reading one numeral, scalar by scalar: sections split at 亿 and 万 as Chinese counts.
    struct Reader {
        var total = ExactDecimal.zero      // everything before the last 亿
        var section = ExactDecimal.zero    // everything since, before the last 万
        var number: ExactDecimal? = nil    // the pending digit run
        var arabic = Arabic()              // pending Arabic digits
        var fractionDigits = 0             // > 0 after 点: the next Chinese digits are decimals
        var lastWasDigit = false
        var trailing = 0
        var sawAnything = false
        // A last lone digit right after 百/千/万/亿 is the next place down, as people say it: 一万五 is 15000,
        // 三千五 is 3500 (一万零五 is 10005). Counted only for Chinese integer digits.
        var lastPlace = 0
        var digitsAfterPlace = 0

        /// Arabic digits as `ExactDecimal(_:)` reads them (commas passed over, one point, no overflow), summed
        /// as they come: a String of them cost an append for every digit.
        struct Arabic {
            var count = 0, mantissa: Int64 = 0, exponent = 0, digits = 0
            var point = false, bad = false
            var isEmpty: Bool { count == 0 }

            mutating func append(_ c: Unicode.Scalar) {
                count += 1
                if c == "," { return }
                if c == "." { bad = bad || point; point = true; return }
                let (t, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (u, o2) = t.addingReportingOverflow(Int64(c.value - 0x30))
                if o1 || o2 { bad = true; return }
                mantissa = u
                digits += 1
                if point { exponent -= 1 }
            }
        }

        mutating func flushArabic() -> Bool {
            guard !arabic.isEmpty else { return true }
            guard !arabic.bad, arabic.digits > 0 else { return false }
            number = ExactDecimal(mantissa: arabic.mantissa, exponent: arabic.exponent)
            arabic = Arabic()
            return true
        }

        /// Reads one scalar; false when the text is not a numeral.
        mutating func read(_ c: Unicode.Scalar) -> Bool {
            sawAnything = true
            if ("0"..."9").contains(c), arabic.isEmpty, number != nil, lastWasDigit, fractionDigits == 0 {
                // A Chinese digit run with Arabic zeros in it, as years are typed: 二00七 → 2007.
                return readDigit(Int64(c.value - 0x30))
            }
            if ("0"..."9").contains(c) || c == "." || c == "," || c == "\u{B7}" {
                guard number == nil || !arabic.isEmpty else { return false }
                // A middle dot inside Arabic digits is a decimal point (19·5%): the pattern takes it only there.
                arabic.append(c == "\u{B7}" ? "." : c)
                trailing = 0
                lastWasDigit = true
                digitsAfterPlace = 2
                return true
            }
            guard flushArabic() else { return false }
            if let d = digit(c) { return readDigit(d) }
            lastWasDigit = false
            if c == "点" {
                guard fractionDigits == 0 else { return false }
                fractionDigits = 1
                return true
            }
            fractionDigits = 0
            if let p = smallUnit(c) { return readSmallUnit(p) }
            if c == "万" { return readWan() }
            if c == "亿" { return readYi() }
            return false
        }

        mutating func readDigit(_ d: Int64) -> Bool {
            digitsAfterPlace += d == 0 || fractionDigits > 0 ? 2 : 1
            if fractionDigits > 0 {
                number = (number ?? .zero).adding(ExactDecimal(mantissa: d, exponent: -fractionDigits))
                fractionDigits += 1
            } else if lastWasDigit, let n = number {
                // A run of digits with no unit between them is read digit by digit: 一九九八 → 1998. Never
                // after a place (三千五一 is 三千五 and the next word's 一, not 3051); 一百零五 starts with 零.
                if lastPlace > 0, n != .zero { return false }
                number = n.shifted(by: 1).adding(ExactDecimal(mantissa: d))
            } else {
                number = ExactDecimal(mantissa: d)
            }
            lastWasDigit = true
            trailing = 0
            return number != nil
        }

        mutating func readSmallUnit(_ p: Int) -> Bool {
            // 十八: a bare 十 counts as one ten.
            let n = number ?? ExactDecimal(mantissa: 1)
            guard let s = section.adding(n.shifted(by: p)) else { return false }
            section = s
            number = nil
            trailing = 0
            (lastPlace, digitsAfterPlace) = (p, 0)
            return true
        }

        mutating func readWan() -> Bool {
            guard let s = section.adding(number ?? .zero) else { return false }
            section = (s == .zero && total == .zero) ? ExactDecimal(mantissa: 1).shifted(by: 4) : s.shifted(by: 4)
            number = nil
            trailing += 4
            (lastPlace, digitsAfterPlace) = (4, 0)
            return true
        }

        mutating func readYi() -> Bool {
            guard let s = total.adding(section), let t = s.adding(number ?? .zero) else { return false }
            total = (t == .zero ? ExactDecimal(mantissa: 1) : t).shifted(by: 8)
            section = .zero
            number = nil
            trailing += 8
            (lastPlace, digitsAfterPlace) = (8, 0)
            return true
        }

        mutating func finish() -> Parsed? {
            guard sawAnything, flushArabic() else { return nil }
            if lastPlace >= 2, digitsAfterPlace == 1, let n = number { number = n.shifted(by: lastPlace - 1) }
            guard let s = total.adding(section), let v = s.adding(number ?? .zero) else { return nil }
            return Parsed(value: v, trailingScale: trailing)
        }
    }
}
