import TiquRules
import TiquText

/// The indicator: the noun phrase a number measures. Before the number (`全年地区生产总值增长4.2%` →
/// `地区生产总值`), trimmed of time, aim, verb and adverb words; for a clause of verbs only, the previous
/// number's indicator in the sentence; for a counted thing whose clause names none, the noun after the
/// measure word (`110个续建项目` → `续建项目`). Empty when none can be named.
struct IndicatorReader {
    let words: ContextWords

    func read(_ e: inout Extraction, before clause: Range<Int>, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) {
        switch before(clause, sentence: sentence, bytes: bytes, previous: previous) {
        case .named(let s, let r): (e.indicator, e.indicatorRange) = (s, r)
        case .none: break
        case .verbsOnly:
            // 地区生产总值1.39万亿元,同比增长5.2%: a clause holding only a change (or its base) speaks of the
            // previous number's indicator; 安排421亿美元… (another verb) starts a new thing.
            // …增长百分之四十二，达到8000万吨: a clause of a link verb alone (达到, 为) is a level of the same thing.
            // The number before, past the dates between (，比2002年增长65.5%).
            if e.change != nil || e.direction != nil || e.base != nil || linkOnly(clause, bytes),
               let last = previous.last(where: { $0.kind != .date }), last.match.range.lowerBound >= sentence.lowerBound,
               last.kind != .project, let inherited = last.indicator {
                e.indicator = inherited
                e.indicatorRange = last.indicatorRange
                e.indicatorInherited = true
            }
        }
        if e.indicator == nil, e.kind == .quantity || e.kind == .money, e.unit != "age" {
            if let (s, r) = after(e.match.range.upperBound, sentence: sentence, bytes: bytes) { (e.indicator, e.indicatorRange) = (s, r) }
        }
    }

    enum Phrase: Equatable {
        /// The phrase and its cleaned range.
        case named(String, Range<Int>)
        case verbsOnly
        case none
    }

    /// The noun phrase of the clause before the number, without time, aim and verb words.
    func before(_ clause: Range<Int>, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) -> Phrase {
        var lo = clause.lowerBound, hi = clause.upperBound
        // 国内生产总值(GDP)增长5%: a parenthesis followed only by the verb belongs to the indicator before it.
        if let cut = lastBoundary(bytes, lo..<hi), bytes[cut.lowerBound] == 0x29,
           let open = bytes[lo..<cut.lowerBound].lastIndex(of: 0x28) {
            var t = hi
            while t > cut.upperBound, let w = words.indicatorTail.suffix(of: bytes, cut.upperBound..<t) { t -= w.count }
            if t == cut.upperBound { hi = open }
        }
        if let cut = lastBoundary(bytes, lo..<hi) {
            if bytes[cut.lowerBound] == 0x28 && cut.upperBound == hi {
                // 规上工业产值(3805亿元): the indicator stands before the parenthesis.
                hi = cut.lowerBound
                if let c2 = lastBoundary(bytes, lo..<hi) { lo = c2.upperBound }
            } else {
                lo = cut.upperBound
            }
        }
        // A date written at the head of the clause (1-11月工业增加值…, 2024年财政收入…) is not part of it; a
        // base year right before the number (增加值比2020年翻一番) ends it.
        var baseCut = false
        for x in previous.reversed() {
            guard x.match.range.lowerBound >= lo else { break }
            guard x.kind == .date && x.match.range.upperBound <= hi else { continue }
            if x.match.range.upperBound == hi, let m = words.baseMarkers.suffix(of: bytes, lo..<x.match.range.lowerBound) {
                hi = x.match.range.lowerBound - m.count
                baseCut = true
                continue
            }
            lo = max(lo, x.match.range.upperBound)
            break
        }
        // 。6183座病险水库…: nothing written before the number in its clause; the thing may follow it. A
        // clause of a base year alone (，比2002年增长65.5%) speaks of the number before.
        if lo >= hi { return baseCut ? .verbsOnly : .none }
        (lo, hi) = trim(lo..<hi, bytes)
        // 比上年预算增加: a word that is never an indicator alone leaves the clause to the number before.
        if lo < hi, let w = words.indicatorNotAlone.prefix(of: bytes, lo..<hi), w.count == hi - lo { return .verbsOnly }
        if lo >= hi { return .verbsOnly }
        return accept(lo..<hi, bytes).map { .named($0, lo..<hi) } ?? .none
    }

    /// `range` without the lead and tail words (and spaces) around the noun phrase.
    func trim(_ range: Range<Int>, _ bytes: [UInt8]) -> (Int, Int) {
        var lo = range.lowerBound, hi = range.upperBound
        var changed = true
        while changed && lo < hi {
            changed = false
            if let w = words.indicatorTail.suffix(of: bytes, lo..<hi) { hi -= w.count; changed = true }
            if lo < hi, let w = words.indicatorLead.prefix(of: bytes, lo..<hi) { lo += w.count; changed = true }
            while lo < hi && bytes[lo] == 0x20 { lo += 1; changed = true }
            while lo < hi && bytes[hi - 1] == 0x20 { hi -= 1; changed = true }
        }
        return (lo, hi)
    }

    /// The phrase as an indicator: 2 to 16 characters, no digits or punctuation (Latin letters may stand:
    /// GDP, CPI), not ending in 的.
    func accept(_ r: Range<Int>, _ bytes: [UInt8], max: Int = 16) -> String? {
        let n = bytes[r].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        // ASCII only as letters, or digits next to one (5G基站, C919).
        func letter(_ i: Int) -> Bool { r.contains(i) && ((0x41...0x5A).contains(bytes[i]) || (0x61...0x7A).contains(bytes[i])) }
        let ascii = r.contains { i in
            let c = bytes[i]
            guard c < 0x80, !letter(i) else { return false }
            return !(0x30...0x39).contains(c) || !(letter(i - 1) || letter(i + 1))
        }
        // A phrase of Latin letters alone is an acronym (GDP, CPI), not English prose (`up 3 percentage
        // points` has no indicator `up`).
        let latinProse = bytes[r].allSatisfy { $0 < 0x80 } && bytes[r].contains { (0x61...0x7A).contains($0) }
        guard n >= 2, n <= max, !ascii, !latinProse, words.indicatorNotEnd.suffix(of: bytes, r) == nil else { return nil }
        if let w = words.indicatorNotAlone.prefix(of: bytes, r), w.count == r.count { return nil }
        return String(decoding: bytes[r], as: UTF8.self)
    }

    /// The counted thing after the measure word: up to the clause's end or the first verb of
    /// `indicator_after_stop` (not its first character: 竣工项目), 2 to 10 characters.
    func after(_ end: Int, sentence: Range<Int>, bytes: [UInt8]) -> (String, Range<Int>)? {
        var i = end
        var chars = 0
        while i < sentence.upperBound {
            let (v, n) = UTF8Scalar.decode(bytes, i)
            if words.clauseBoundary.contains(v) || v < 0x80 { break }
            // 从二十个增加到三十三个: a verb after the number names no thing.
            if words.changeVerbs.prefix(of: bytes, i..<sentence.upperBound) != nil || words.levelVerbs.prefix(of: bytes, i..<sentence.upperBound) != nil {
                if chars < 2 { return nil }
                break
            }
            if let w = words.indicatorAfterStop.prefix(of: bytes, i..<sentence.upperBound) {
                // A verb right after the first character (在320个县开展…), or a particle first (…亿元的投资),
                // names no thing; a verb may begin the thing (40个竣工项目).
                if chars == 1 || (chars == 0 && w.count <= 4) { return nil }
                if chars > 1 { break }
            }
            chars += 1
            if chars > 10 { return nil }
            i += n
        }
        return accept(end..<i, bytes, max: 10).map { ($0, end..<i) }
    }

    /// Whether the clause before the number (after its last boundary) is a `change_link` of two or more
    /// characters alone (`，达到`).
    func linkOnly(_ clause: Range<Int>, _ bytes: [UInt8]) -> Bool {
        var lo = lastBoundary(bytes, clause)?.upperBound ?? clause.lowerBound, hi = clause.upperBound
        while lo < hi && bytes[lo] == 0x20 { lo += 1 }
        while lo < hi && bytes[hi - 1] == 0x20 { hi -= 1 }
        // One character alone (为, 达) is too often a preposition (，为2.6万户困难家庭…).
        guard lo < hi, let w = words.changeLinks.prefix(of: bytes, lo..<hi), w.count > 3 else { return false }
        return w.count == hi - lo
    }

    /// The last `clause_boundary` punctuation in `range`, as its byte range.
    func lastBoundary(_ b: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        var i = range.upperBound - 1
        while i >= range.lowerBound {
            if b[i] & 0xC0 != 0x80 {
                let (v, n) = UTF8Scalar.decode(b, i)
                if i + n <= range.upperBound, words.clauseBoundary.contains(v) { return i..<(i + n) }
            }
            i -= 1
        }
        return nil
    }
}
