import TiquRules
import TiquText

/// The parts of `IndicatorReader` around the phrase itself: clause boundaries that pass over quoted words
/// (`中央财政“三农”投入`), numbers that are part of a quoted name (`“十个明确”`), a reference back to the
/// subject of the clause before (`粮食产量屡创历史新高，去年达到1.09万亿斤`), and the words a phrase is cut
/// at or kept whole by.
extension IndicatorReader {
    static let openQuote: UInt32 = 0x201C, closeQuote: UInt32 = 0x201D, asciiQuote: UInt32 = 0x22

    /// Whether the curly quote mark `q` (three bytes in UTF-8) is written at byte `i`, read without decoding
    /// past the end of `b`.
    static func isQuote(_ b: [UInt8], _ i: Int, _ q: UInt32) -> Bool {
        i + 2 < b.count && b[i] == 0xE2 && b[i + 1] == 0x80 && UInt32(b[i + 2] & 0x3F) == q & 0x3F
    }

    /// The last `clause_boundary` punctuation in `range`, as its byte range; a closing quote mark whose
    /// opening one stands before it with no other boundary between is passed over (`中央财政“三农”投入`).
    func lastBoundary(_ b: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        let boundaries = words.clauseBoundary
        var i = range.upperBound - 1
        while i >= range.lowerBound {
            // Decoded only where a boundary may start (not at a Chinese character's first byte).
            if b[i] & 0xC0 != 0x80, boundaries.mayLead(b[i]) {
                let (v, n) = UTF8Scalar.decode(b, i)
                if i + n <= range.upperBound, boundaries.contains(v) {
                    if v == Self.closeQuote || v == Self.asciiQuote, let open = opening(before: i, range.lowerBound, b) {
                        i = open - 1
                        continue
                    }
                    return i..<(i + n)
                }
            }
            i -= 1
        }
        return nil
    }

    /// Where the opening quote mark of the closing one at `end` stands: the first boundary before it.
    func opening(before end: Int, _ lower: Int, _ b: [UInt8]) -> Int? {
        let boundaries = words.clauseBoundary
        var i = end - 1
        while i >= lower {
            if b[i] & 0xC0 != 0x80, boundaries.mayLead(b[i]) {
                let v = UTF8Scalar.decode(b, i).value
                if boundaries.contains(v) { return v == Self.openQuote || v == Self.asciiQuote ? i : nil }
            }
            i -= 1
        }
        return nil
    }

    /// Whether the number at `m` is inside quote marks with nothing but words of the name around it
    /// (`“十个明确”`, `“稳经济18条”`): an opening mark is the first boundary before it (an ASCII `"` after an
    /// even number of them in the sentence), a closing one the first after it.
    func quoted(_ m: Range<Int>, sentence: Range<Int>, bytes: [UInt8]) -> Bool {
        guard let open = opening(before: m.lowerBound, max(sentence.lowerBound, m.lowerBound - 30), bytes) else { return false }
        let v = UTF8Scalar.decode(bytes, open).value
        if v == Self.asciiQuote, bytes[sentence.lowerBound..<open].filter({ $0 == 0x22 }).count % 2 == 1 { return false }
        var i = m.upperBound
        while i < min(sentence.upperBound, m.upperBound + 30) {
            let (w, n) = UTF8Scalar.decode(bytes, i)
            if words.clauseBoundary.contains(w) { return w == Self.closeQuote || w == Self.asciiQuote }
            i += n
        }
        return false
    }

    /// Whether `r` holds as many opening quote marks as closing ones (ASCII marks in pairs).
    func balancedQuotes(_ r: Range<Int>, _ b: [UInt8]) -> Bool {
        var open = 0, close = 0, ascii = 0
        var i = r.lowerBound
        while i < r.upperBound {
            let (v, n) = UTF8Scalar.decode(b, i)
            if v == Self.openQuote { open += 1 } else if v == Self.closeQuote { close += 1 } else if v == Self.asciiQuote { ascii += 1 }
            i += n
        }
        return open == close && ascii % 2 == 0
    }

    /// The length of a quote mark starting at `i`, or ending at `end`.
    func quoteLength(at i: Int, _ b: [UInt8]) -> Int? {
        let (v, n) = UTF8Scalar.decode(b, i)
        return v == Self.openQuote || v == Self.closeQuote || v == Self.asciiQuote ? n : nil
    }

    func quoteLength(endingAt end: Int, _ b: [UInt8]) -> Int? {
        var i = end - 1
        while i > 0, b[i] & 0xC0 == 0x80 { i -= 1 }
        return quoteLength(at: i, b).flatMap { i + $0 == end ? $0 : nil }
    }

    /// Whether `r` is, past its lead words, exactly a `keep` word of `indicator_not_alone` (去年经济): a tail is
    /// not trimmed down to it.
    func keeps(_ r: Range<Int>, _ b: [UInt8]) -> Bool {
        var lo = r.lowerBound
        while lo < r.upperBound, let w = words.indicatorLead.prefix(of: b, lo..<r.upperBound), !w.isEmpty { lo += w.count }
        guard let w = words.indicatorNotAlone.prefix(of: b, lo..<r.upperBound), w.count == r.upperBound - lo else { return false }
        return words.meanings.indicatorNotAlone[w] == "keep"
    }

    /// A phrase of 17 to 24 characters that is still a name: a ratio (ending with a `share` word:
    /// 研究与试验发展经费支出占国内生产总值比重) or two measures joined by a list joiner, each ending with a
    /// `shared_tail` word (城镇居民人均可支配收入和农村居民人均纯收入), or subjects written as a `、` list.
    func longName(_ r: Range<Int>, _ b: [UInt8]) -> Bool {
        if let t = words.indicatorNotAlone.suffix(of: b, r), words.meanings.indicatorNotAlone[t] == "share" { return true }
        // 自主创新、结构调整、节能减排和生态建设: subjects written as a list (IndicatorList).
        if firstJoiner(r, b) != nil { return true }
        guard words.sharedTail.suffix(of: b, r) != nil else { return false }
        var i = r.lowerBound + 6
        while i < r.upperBound - 6 {
            if b[i] & 0xC0 != 0x80, let w = words.listJoiners.prefix(of: b, i..<r.upperBound), !w.isEmpty, b[i] >= 0x80,
               words.sharedTail.suffix(of: b, r.lowerBound..<i) != nil { return true }
            i += 1
        }
        return false
    }

    /// Where the text after the last quote mark in `r` starts.
    func lastQuote(_ r: Range<Int>, _ b: [UInt8]) -> Int? {
        var i = r.upperBound - 1
        while i >= r.lowerBound {
            if b[i] & 0xC0 != 0x80, let n = quoteLength(at: i, b) { return i + n }
            i -= 1
        }
        return nil
    }

    /// 积累率在1978年高达, 财政投入从2006年的: where the indicator ends when the first date of the clause from
    /// `lo` (among `previous`) follows a `date_preposition` with a phrase before it, or follows such a phrase
    /// directly when only lead and tail words, or a comparison base, stand between the date and `hi`
    /// (国内生产总值2000年达到, 工业总产值1977年比1976年增长); nil otherwise.
    func indicatorBeforeDate(_ lo: Int, _ hi: Int, _ previous: [Extraction], _ b: [UInt8]) -> Int? {
        guard !previous.holdsNonDate(startingAt: lo), let first = previous.firstDate(startingAt: lo) else { return nil }
        let p = words.datePrepositions.suffix(of: b, lo..<first.match.range.lowerBound)
        if p == nil {
            let rest = trim(afterDate(first.match.range.upperBound, hi, b)..<max(hi, first.match.range.upperBound), b)
            guard rest.0 >= rest.1 || words.baseMarkers.prefix(of: b, rest.0..<rest.1) != nil else { return nil }
        }
        let end = first.match.range.lowerBound - (p?.count ?? 0)
        let (a, z) = trim(lo..<end, b)
        return a < z && words.measureEnds.suffix(of: b, a..<z) != nil ? end : nil
    }

    /// Where the phrase after a date at the clause's head starts: past an `indicator_lead` word of meaning
    /// `after_date` right after it (2024年内大宗商品贸易额 → 大宗商品贸易额; 内河 elsewhere keeps its 内).
    func afterDate(_ end: Int, _ hi: Int, _ b: [UInt8]) -> Int {
        guard end < hi, let w = words.indicatorLead.prefix(of: b, end..<hi), words.meanings.indicatorLead[w] == "after_date" else { return end }
        return end + w.count
    }

    /// Whether the clause before the number ends with a `change_link` of two or more characters (达到), all
    /// else in it being time and lead words (一九八五年末达到).
    func endsWithLink(_ clause: Range<Int>, _ b: [UInt8]) -> Bool {
        guard let w = words.changeLinks.suffix(of: b, clause), w.count > 3 else { return false }
        return true
    }

    /// The last `indicator_cut` verb in `r`.
    func lastCut(_ r: Range<Int>, _ b: [UInt8]) -> Range<Int>? {
        var i = r.upperBound - 1
        while i >= r.lowerBound {
            if b[i] & 0xC0 != 0x80, let w = words.indicatorCut.prefix(of: b, i..<r.upperBound) { return i..<(i + w.count) }
            i -= 1
        }
        return nil
    }

    /// 十四亿多人口: a `unit_word` that the number's unit starts.
    /// Of the number ending at `end` with its unit at `unit` (the fields, not the extraction, held `inout` by the callers).
    func unitWord(unit: Range<Int>?, end: Int, sentence: Range<Int>, bytes: [UInt8]) -> (String, Range<Int>)? {
        guard let u = unit, u.upperBound == end,
              let w = words.unitWords.prefix(of: bytes, u.lowerBound..<sentence.upperBound) else { return nil }
        return (String(decoding: w, as: UTF8.self), u.lowerBound..<(u.lowerBound + w.count))
    }

    /// The subject of the clause before the one holding `start` (within the sentence, or the last clause of
    /// the sentence before in the same paragraph when `start` is in the first): the phrase before its first
    /// predicate word or verb, or, when the clause opens with its verb, the verb's object. Nil when that clause
    /// holds a number.
    func referenceBack(before start: Int, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction], strict: Bool = true) -> (String, Range<Int>)? {
        let window = max(0, start - 300)
        var end: Int
        var before = false
        if let cut = lastBoundary(bytes, max(sentence.lowerBound, window)..<start) {
            end = cut.lowerBound
        } else {
            // 四是，城乡居民储蓄大幅度增加。一九八五年末达到…: the sentence before, in the same paragraph.
            end = sentence.lowerBound
            guard end > window, let mark = lastBoundary(bytes, max(window, end - 3)..<end), mark.upperBound == end else { return nil }
            end = mark.lowerBound
            before = true
        }
        var lo = max(window, end - 150)
        if let nl = bytes[lo..<end].lastIndex(of: 0x0A) { lo = nl + 1 }
        while lo < end, bytes[lo] & 0xC0 == 0x80 { lo += 1 }
        if let cut = lastBoundary(bytes, lo..<end) { lo = cut.upperBound }
        // A clause holding a number speaks of it; the sentence before may be in another part of a large
        // document (whose numbers are not in `previous`), so there no digit or numeral may stand at all.
        guard lo < end, !previous.nonDateOverlaps(lo..<end),
              !before || !numeral(in: lo..<end, bytes) else { return nil }
        if let s = subject(of: lo..<end, bytes, strict: strict) { return s }
        // 城镇居民人均可支配收入，考虑价格下降因素比上年实际增长9.3%: a bare measure as the clause before is its topic.
        let (a, z) = trim(lo..<end, bytes)
        // 在全国农户总数中的比重: 在 opens a ratio whose subject is not there.
        guard !before, a < z, measure(a, z, bytes), !changeVerb(in: a..<z, bytes),
              words.indicatorNotAlone.prefix(of: bytes, a..<z).map({ words.meanings.indicatorNotAlone[$0] != "share_of" }) ?? true,
              let s = accept(a..<z, bytes) else { return nil }
        return (s, a..<z)
    }

    /// Whether a digit or a Chinese numeral is written in `r`.
    func numeral(in r: Range<Int>, _ b: [UInt8]) -> Bool {
        r.contains { b[$0] & 0xC0 != 0x80 && numeral(at: $0, b, r) }
    }

    /// The subject of a clause: before its first predicate word, change or level verb, when a change verb
    /// follows (贸易顺差连续两年下降) or the subject ends with a measure (`measure_end`: 粮食产量屡创历史新高);
    /// or, when nothing stands before a change verb, its object (要逐年适当增加中央预算内经常性建设投资). Not
    /// `strict` (for the name of a ratio, which says itself what it measures), any predicate word ends it.
    func subject(of clause: Range<Int>, _ b: [UInt8], strict: Bool) -> (String, Range<Int>)? {
        var i = clause.lowerBound
        while i < clause.upperBound {
            let verb = b[i] & 0xC0 == 0x80 ? nil : words.changeVerbs.prefix(of: b, i..<clause.upperBound) ?? words.levelVerbs.prefix(of: b, i..<clause.upperBound)
            // 外贸出口从7月份开始大幅度回升: a date preposition after a measure ends the subject too.
            let from = b[i] & 0xC0 == 0x80 || i == clause.lowerBound ? nil : words.datePrepositions.prefix(of: b, i..<clause.upperBound).flatMap { measure(clause.lowerBound, i, b) ? $0 : nil }
            if let w = verb ?? from ?? (b[i] & 0xC0 == 0x80 ? nil : words.predicateStart.prefix(of: b, i..<clause.upperBound)) {
                var (lo, hi) = trim(clause.lowerBound..<i, b)
                if lo >= hi {
                    // 今明两年继续提高企业退休人员基本养老金: an adverb first; the change verb after it has the object.
                    guard verb != nil else {
                        i += w.count
                        continue
                    }
                    (lo, hi) = trim((i + w.count)..<clause.upperBound, b)
                } else if strict, words.measureEnds.suffix(of: b, lo..<hi) == nil, verb == nil, !changeVerb(in: (i + w.count)..<clause.upperBound, b) {
                    return nil
                }
                // 就需要增加两千万匹的棉布供应: a figure that no rule read is no subject's part.
                guard lo < hi, words.indicatorNotAlone.prefix(of: b, lo..<hi)?.count != hi - lo,
                      lastCut(lo..<hi, b) == nil, !figure(in: lo..<hi, b), let s = accept(lo..<hi, b) else { return nil }
                return (s, lo..<hi)
            }
            i += 1
        }
        return nil
    }

    /// Whether a change verb is written in `r`.
    func changeVerb(in r: Range<Int>, _ b: [UInt8]) -> Bool {
        r.contains { b[$0] & 0xC0 != 0x80 && words.changeVerbs.prefix(of: b, $0..<r.upperBound) != nil }
    }
}
