import TiquText

/// The characters a match of a pattern can be made of: what its consuming parts (literals, classes,
/// escapes) can match, lookarounds left out; read from the pattern's text, always a superset. A match
/// ending at byte `e` therefore starts no earlier than the run of such characters that ends at `e`,
/// which bounds where PCRE2 must start searching for a candidate end far tighter than the widest match
/// (`quantity.amount` may span any number of digits, but its digits, numerals, qualifiers and units are
/// rarely more than a dozen characters in a row, where the sentence before it is hundreds).
package struct MatchAlphabet: Sendable, Equatable {
    /// One bit for each BMP scalar; every scalar beyond the BMP counts as in.
    let bits: [UInt64]

    package func contains(_ v: UInt32) -> Bool {
        v >= 0x10000 || bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0
    }

    /// The first character boundary at or after `floor` from which every character up to `end` is in the
    /// alphabet: no match ending at `end` starts before it (nor before `floor`).
    package func runStart(_ b: [UInt8], end: Int, floor: Int) -> Int {
        var i = end
        while i > floor {
            var j = i - 1
            while j > floor, b[j] & 0xC0 == 0x80 { j -= 1 }
            // A character that begins before `floor` is not looked at: no match starts inside it.
            guard b[j] & 0xC0 != 0x80, contains(UTF8Scalar.decode(b, j).value) else { return i }
            i = j
        }
        return i
    }

    /// The alphabet of a pattern (compiled in UTF + UCP mode, extended when `extended`); nil when a match
    /// may hold any character (`.`, `\p{…}`, `\w`, a negated class outside a lookaround) or the pattern
    /// uses what this reading does not know (back-references, subroutines, verbs, caseless options, `\G`
    /// and `\K`, which tie a match to where a search starts): the
    /// caller then bounds the search another way.
    package static func of(_ pattern: String, extended: Bool) -> MatchAlphabet? {
        var reader = AlphabetReader(pattern: pattern.unicodeScalars.map(\.value), extended: extended)
        return reader.read().map { MatchAlphabet(bits: $0) }
    }
}

/// The scalar ranges an escape or class stands for. `superset`: the ranges may hold more than the escape
/// matches (for what a match may consume); otherwise fewer (for what a negated class excludes).
private enum AlphabetSets {
    static let whitespace: [ClosedRange<UInt32>] = [0x09...0x0D, 0x20...0x20, 0x85...0x85, 0xA0...0xA0, 0x1680...0x1680,
                                                    0x180E...0x180E, 0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F,
                                                    0x205F...0x205F, 0x3000...0x3000]
    static let asciiWhitespace: [ClosedRange<UInt32>] = [0x09...0x0D, 0x20...0x20]
    /// Every decimal digit (UCP `\d` is `\p{Nd}`) and more: all but the ideograph, Hangul and CJK
    /// compatibility blocks, which hold none.
    static let digits: [ClosedRange<UInt32>] = [0x30...0x39, 0x660...0x2E7F, 0xA000...0xABFF, 0xD800...0xF8FF, 0xFB00...0xFFFF]
    static let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
}

/// One pass over a pattern's text (see `MatchAlphabet.of`).
private struct AlphabetReader {
    let p: [UInt32]
    var extended: Bool
    var i = 0
    var bits = [UInt64](repeating: 0, count: 1024)
    /// For each open group, whether it is a lookaround (what it matches is not part of the match).
    var groups: [Bool] = []
    var hidden: Bool { groups.contains(true) }

    init(pattern: [UInt32], extended: Bool) {
        p = pattern
        self.extended = extended
    }

    /// What an escape outside or inside a class stands for.
    enum Escape { case char(UInt32), set([ClosedRange<UInt32>]), nothing, anything, unknown }

    mutating func read() -> [UInt64]? {
        while i < p.count {
            let c = p[i]
            i += 1
            switch c {
            case 0x5C:  // backslash
                switch escape(inClass: false, negated: false) {
                case .char(let v): add([v...v])
                case .set(let s): add(s)
                case .nothing: break
                case .anything: if !hidden { return nil }
                case .unknown: return nil
                }
            case 0x5B:  // [
                guard let s = classSet() else {
                    if hidden && i <= p.count { continue }
                    return nil
                }
                add(s)
            case 0x28: guard openGroup() else { return nil }  // (
            case 0x29: if groups.popLast() == nil { return nil }  // )
            case 0x2E: if !hidden { return nil }  // .
            case 0x7C, 0x2A, 0x2B, 0x3F, 0x5E, 0x24: break  // | * + ? ^ $
            case 0x7B: if !quantifier() { add([c...c]) }  // {
            case 0x23 where extended: while i < p.count, p[i] != 0x0A { i += 1 }  // # comment
            case 0x09...0x0D where extended, 0x20 where extended: break
            default: add([c...c])
            }
        }
        return groups.isEmpty ? bits : nil
    }

    mutating func add(_ ranges: [ClosedRange<UInt32>]) {
        guard !hidden else { return }
        Self.set(&bits, ranges)
    }

    static func set(_ bits: inout [UInt64], _ ranges: [ClosedRange<UInt32>]) {
        for r in ranges where r.lowerBound < 0x10000 {
            // A word at a time: a range of ideographs is hundreds of words, not thousands of bits.
            let low = Int(r.lowerBound), high = Int(min(r.upperBound, 0xFFFF))
            for word in low >> 6...high >> 6 {
                let from = max(low, word << 6) & 63, to = min(high, word << 6 | 63) & 63
                bits[word] |= (UInt64.max >> UInt64(63 - to)) & (UInt64.max << UInt64(from))
            }
        }
    }

    /// After `(`: the kind of group, pushed; false for what this reading does not know.
    mutating func openGroup() -> Bool {
        guard i < p.count, p[i] == 0x3F else { groups.append(false); return i < p.count && p[i] != 0x2A }  // ( but not (*VERB)
        i += 1
        guard i < p.count else { return false }
        let c = p[i]
        switch c {
        case 0x3D, 0x21: i += 1; groups.append(true)  // (?= (?!
        case 0x3A, 0x7C, 0x3E: i += 1; groups.append(false)  // (?: (?| (?>
        case 0x23: while i < p.count, p[i] != 0x29 { i += 1 }; i += 1  // (?# comment )
        case 0x3C where i + 1 < p.count && (p[i + 1] == 0x3D || p[i + 1] == 0x21): i += 2; groups.append(true)  // (?<= (?<!
        case 0x3C, 0x27:  // (?<name> (?'name'
            let close: UInt32 = c == 0x3C ? 0x3E : 0x27
            while i < p.count, p[i] != close { i += 1 }
            i += 1
            groups.append(false)
        case 0x78 where i + 1 < p.count && p[i + 1] == 0x29 && groups.isEmpty: i += 2; extended = true  // (?x)
        default: return false
        }
        return i <= p.count
    }

    /// After `{`: a quantifier `{n}`, `{n,}` or `{n,m}` is stepped over (true); anything else is a literal.
    mutating func quantifier() -> Bool {
        var k = i
        var digits = 0
        while k < p.count, (0x30...0x39).contains(p[k]) { k += 1; digits += 1 }
        guard digits > 0, k < p.count else { return false }
        if p[k] == 0x2C {
            k += 1
            while k < p.count, (0x30...0x39).contains(p[k]) { k += 1 }
        }
        guard k < p.count, p[k] == 0x7D else { return false }
        i = k + 1
        return true
    }
}

extension AlphabetReader {
    /// After `[`, up to and past its `]`: the characters the class matches (a superset), as ranges; nil
    /// when it may match what this reading cannot bound (`\p{…}`, `[:alpha:]`, `\w`), or the class does not end.
    mutating func classSet() -> [ClosedRange<UInt32>]? {
        var set: [ClosedRange<UInt32>] = []
        var anything = false
        let negated = i < p.count && p[i] == 0x5E
        if negated { i += 1 }
        var first = true
        while i < p.count {
            let c = p[i]
            i += 1
            if c == 0x5D && !first { return anything ? nil : negated ? Self.complement(set) : set }  // ]
            first = false
            var low = c
            if c == 0x5B, i < p.count, p[i] == 0x3A {  // [:name:]
                while i < p.count, p[i] != 0x5D { i += 1 }
                i += 1
                anything = anything || !negated
                continue
            } else if c == 0x5C {
                switch escape(inClass: true, negated: negated) {
                case .char(let v): low = v
                case .set(let s): set += s; continue
                case .nothing: continue
                case .anything, .unknown: anything = true; continue
                }
            }
            // A range `a-b`, unless the `-` ends the class.
            guard i + 1 < p.count, p[i] == 0x2D, p[i + 1] != 0x5D else { set.append(low...low); continue }
            i += 1
            var high = p[i]
            i += 1
            if high == 0x5C {
                guard case .char(let v) = escape(inClass: true, negated: negated) else { anything = true; continue }
                high = v
            }
            if high >= low { set.append(low...high) } else { anything = true }
        }
        return nil
    }

    /// The BMP scalars outside `ranges` (those beyond it count as in anyway).
    static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if r.lowerBound > next { out.append(next...r.lowerBound - 1) }
            next = max(next, r.upperBound &+ 1)
        }
        if next <= 0xFFFF { out.append(next...0xFFFF) }
        return out
    }

    /// After a backslash: what the escape stands for. Sets are widened when `!negated` and narrowed
    /// inside a negated class, so the class that holds them stays a superset.
    mutating func escape(inClass: Bool, negated: Bool) -> Escape {
        guard i < p.count else { return .unknown }
        let c = p[i]
        i += 1
        func wide(_ narrow: [ClosedRange<UInt32>]) -> Escape { negated ? .set(narrow) : .anything }
        switch c {
        case 0x64: return .set(negated ? [0x30...0x39] : AlphabetSets.digits)  // \d
        case 0x73, 0x68, 0x76: return .set(negated ? AlphabetSets.asciiWhitespace : AlphabetSets.whitespace)  // \s \h \v
        case 0x77: return wide(AlphabetSets.word)  // \w
        case 0x44, 0x53, 0x57, 0x48, 0x56: return wide([])  // \D \S \W \H \V
        case 0x70, 0x50:  // \p{…} \P{…} \pL
            if i < p.count, p[i] == 0x7B {
                while i < p.count, p[i] != 0x7D { i += 1 }
            }
            i += 1
            return wide([])
        case 0x52 where !inClass: return .set(AlphabetSets.whitespace)  // \R
        case 0x62 where inClass: return .char(0x08)
        case 0x62, 0x42, 0x41, 0x7A, 0x5A: return .nothing  // \b \B \A \z \Z
        case 0x47, 0x4B: return .unknown  // \G holds where a search starts, \K moves a match's start
        case 0x6E: return .char(0x0A)
        case 0x74: return .char(0x09)
        case 0x72: return .char(0x0D)
        case 0x66: return .char(0x0C)
        case 0x65: return .char(0x1B)
        case 0x61: return .char(0x07)
        case 0x78: return hex()
        case 0x51: return quoted()
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .unknown  // back-references, \N, \X, \C, \g, \k, …
        default: return .char(c)  // an escaped sign: itself
        }
    }

    /// After `\x`: `{H…}` or up to two hex digits.
    mutating func hex() -> Escape {
        func digit(_ v: UInt32) -> UInt32? {
            switch v {
            case 0x30...0x39: return v - 0x30
            case 0x41...0x46: return v - 0x37
            case 0x61...0x66: return v - 0x57
            default: return nil
            }
        }
        var value: UInt32 = 0
        if i < p.count, p[i] == 0x7B {
            i += 1
            while i < p.count, let d = digit(p[i]) { value = value << 4 | d; i += 1 }
            guard i < p.count, p[i] == 0x7D, value <= 0x10FFFF else { return .unknown }
            i += 1
            return .char(value)
        }
        var n = 0
        while n < 2, i < p.count, let d = digit(p[i]) { value = value << 4 | d; i += 1; n += 1 }
        return .char(value)
    }

    /// After `\Q`: every character up to `\E` (or the end) is a literal.
    mutating func quoted() -> Escape {
        var chars: [ClosedRange<UInt32>] = []
        while i < p.count, !(p[i] == 0x5C && i + 1 < p.count && p[i + 1] == 0x45) {
            chars.append(p[i]...p[i])
            i += 1
        }
        i = min(i + 2, p.count)
        return .set(chars)
    }
}
