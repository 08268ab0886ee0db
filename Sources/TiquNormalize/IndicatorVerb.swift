import TiquText

/// What the words of an indicator say of its number once it is read: a verb opening it whose object is the
/// measure (新增公路通车里程 → 公路通车里程, an amount of change), a growth rate written as a level
/// (经济增长预期为7%左右), and a number inside book-title marks (《十六条》), which is part of a title.
extension IndicatorReader {
    /// The indicator read, without its opening verb (`dropVerb`) and as a growth rate (`growthRate`); none when
    /// a number read before stands inside it past its start (被淹的农田约占全国农田十分之一即一亿六千余万亩: the
    /// phrase is a clause; 十个职工以上的资本主义工业企业 stays).
    func finish(_ e: inout Extraction, bytes: [UInt8], previous: [Extraction]) {
        // By index, not `previous.reversed().prefix(8).contains`: that copied each extraction it looked at.
        if let r = e.indicatorRange, !e.indicatorInherited, previous.indices.suffix(8).contains(where: { k in
            let at = previous[k].match.range.lowerBound, kind = previous[k].kind
            return kind != .date && kind != .project && at > r.lowerBound && r.contains(at)
        }) {
            (e.indicator, e.indicatorRange) = (nil, nil)
        }
        dropVerb(&e, bytes: bytes)
        growthRate(&e, bytes: bytes)
        if !e.indicatorInherited, let s = e.indicator, let r = e.indicatorRange, let (t, q) = purpose(s, r, bytes) { (e.indicator, e.indicatorRange) = (t, q) }
    }

    /// 中央财政全年用于教育、卫生…事业的支出: an `indicator_lead` word of meaning `purpose` right before an
    /// indicator holding 的 is part of it, the spending named by what it is for (用于安排城镇: 城镇 alone).
    func purpose(_ s: String, _ r: Range<Int>, _ bytes: [UInt8]) -> (String, Range<Int>)? {
        guard bytes[r].elementsEqual(s.utf8), contains(r, de: bytes),
              let w = words.indicatorLead.suffix(of: bytes, max(0, r.lowerBound - 12)..<r.lowerBound),
              words.meanings.indicatorLead[w] == "purpose" else { return nil }
        let lo = r.lowerBound - w.count
        return accept(lo..<r.upperBound, bytes, max: min(24, max(16, characters(lo..<r.upperBound, bytes)))).map { ($0, lo..<r.upperBound) }
    }

    /// 加固大江大河大湖堤防近6100公里: the indicator without the `indicator_verb` opening it, when a noun phrase of
    /// two characters or more follows; a verb of meaning `increase` or `decrease` makes the number an amount of
    /// change, unless a verb before it already said what it is.
    func dropVerb(_ e: inout Extraction, bytes: [UInt8]) {
        guard !e.indicatorInherited, let r = e.indicatorRange, let s = e.indicator, bytes[r].elementsEqual(s.utf8),
              let (v, w) = words.indicatorVerbs.prefix(of: bytes, r).map({ (r.lowerBound, $0) }) ?? midVerb(r, bytes) else { return }
        let meaning = words.meanings.indicatorVerb[w]
        // 新建绿色建筑占新建建筑比重: the name of a ratio keeps the verb of each of its parts.
        guard meaning != "keep", !ratio(s) else { return }
        let (lo, hi) = trim((v + w.count)..<r.upperBound, bytes)
        // 扩大到全国: a verb followed by the level it reaches has no object; 扩大和改善了灌溉面积: nor one joined to
        // another verb.
        guard lo < hi, characters(lo..<hi, bytes) >= 2, words.changeTo.prefix(of: bytes, lo..<hi) == nil,
              words.changeLinks.prefix(of: bytes, lo..<hi) == nil, words.listJoiners.prefix(of: bytes, (v + w.count)..<hi) == nil,
              let t = accept(lo..<hi, bytes) else { return }
        // 减少收入的农户: a verb's object with 的 inside is a clause naming what follows (农户), unless the phrase
        // ends with a measure (扩大烟叶的播种面积); after the verb's own 的 (增加的年产能力), the rest is its object.
        if lo == v + w.count, contains(lo..<hi, de: bytes), !measure(lo, hi, bytes) { return }
        (e.indicator, e.indicatorRange) = (t, lo..<hi)
        // 新增加的产值中约有百分之七十: a percent of what is added is a share, not an amount of change.
        if meaning == "increase" || meaning == "decrease", e.kind != .percent, e.change == nil, e.direction == nil {
            e.change = meaning
            e.direction = meaning == "decrease" ? "down" : "up"
        }
    }

    /// Whether the phrase at `start` opens with a word of the total (`indicator_not_alone` of meaning `total`:
    /// 总额) and the number before in the sentence is not in the clause just before: that total sums more
    /// (…的亏损金额达四十二亿元，加上商业企业的亏损，总额达…: none).
    func farTotal(_ start: Int, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) -> Bool {
        guard start < Int.max, let w = words.indicatorNotAlone.prefix(of: bytes, start..<sentence.upperBound),
              words.meanings.indicatorNotAlone[w] == "total" else { return false }
        guard let last = previous.last(where: { $0.kind != .date }), last.match.range.upperBound <= start,
              let b = lastBoundary(bytes, last.match.range.upperBound..<start) else { return true }
        return lastBoundary(bytes, last.match.range.upperBound..<b.lowerBound) != nil
    }

    /// The thing after the number's 的 when the phrase before is bare (a verb alone, or none), or ends with a verb
    /// taking the number (带动银行贷款…形成3.28万亿元的投资规模 → 投资规模); people only after a bare verb of have
    /// (拥有…人的铁路工人工会; not 解决了…人的温饱问题).
    func afterDe(_ e: Extraction, _ phrase: Phrase, sentence: Range<Int>, bytes: [UInt8]) -> (String, Range<Int>)? {
        let verb: Bool = { if case .object = phrase { return true } else { return false } }(), alone = bare(phrase, bytes)
        return alone || verb ? afterDe(e, have: verb && alone, sentence: sentence, bytes: bytes) : nil
    }

    /// 完成了将近一百四十亿元的基本建设投资额: after a clause of verbs alone, the noun phrase after the number's 的,
    /// when it runs to the clause's end or a verb (not to 中: 私营大|中小商店), and up to a
    /// joiner before another figure (长江干堤和近千公里的…), and not to an `indicator_after_tail` word of meaning `place`
    /// (站立在十万平方公里的土地上: none). Not for a length of time (十个月的激烈斗争), nor for people but after a verb that takes them
    /// as its object (拥有…人的铁路工人工会; not 十四亿多人的粮食安全).
    func afterDe(_ e: Extraction, have: Bool, sentence: Range<Int>, bytes: [UInt8]) -> (String, Range<Int>)? {
        let end = e.match.range.upperBound
        guard !e.match.rule.id.hasPrefix("quantity.duration"), have || e.unit != "person",
              let d = de(at: end, sentence.upperBound, bytes),
              let (_, r) = after(end + d.count, sentence: sentence, bytes: bytes, money: e.kind == .money) else { return nil }
        var hi = r.upperBound
        var i = r.lowerBound
        while i < hi {
            if let j = words.listJoiners.prefix(of: bytes, i..<hi), numeral(at: i + j.count, bytes, sentence) || numeral(at: i + j.count + 3, bytes, sentence) { hi = i }
            i += UTF8Scalar.decode(bytes, i).length
        }
        let stop = words.indicatorAfterStop.prefix(of: bytes, r.upperBound..<sentence.upperBound)
        guard hi < r.upperBound || endsClause(r.upperBound, bytes, sentence) || stop.map({ words.meanings.indicatorAfterStop[$0] != "in" }) == true else { return nil }
        if let t = words.indicatorAfterTail.suffix(of: bytes, r.lowerBound..<hi), words.meanings.indicatorAfterTail[t] == "place" { return nil }
        // 三十万千瓦的核电站一个: a count after the thing is none of it.
        if hi - r.lowerBound >= 9, numeral(at: hi - 6, bytes, sentence) { hi -= 6 }
        return accept(r.lowerBound..<hi, bytes, max: 10).map { ($0, r.lowerBound..<hi) }
    }

    /// 农民减轻负担: a change verb (`indicator_verb` of meaning `increase` or `decrease`, not `keep`: 城镇新增就业)
    /// after a subject of two to five characters, with no 的 nor joiner in the phrase; where it starts and the verb.
    func midVerb(_ r: Range<Int>, _ bytes: [UInt8]) -> (Int, [UInt8])? {
        guard !contains(r, de: bytes) else { return nil }
        var i = r.lowerBound, chars = 0
        while i < r.upperBound, chars <= 5 {
            if chars >= 2, let w = words.indicatorVerbs.prefix(of: bytes, i..<r.upperBound) {
                let m = words.meanings.indicatorVerb[w]
                // 国家增加财政开支和减少财政收入: not one of two verbs joined.
                var j = i
                while j < r.upperBound, words.listJoiners.prefix(of: bytes, j..<r.upperBound) == nil { j += UTF8Scalar.decode(bytes, j).length }
                return (m == "increase" || m == "decrease") && j == r.upperBound ? (i, w) : nil
            }
            i += UTF8Scalar.decode(bytes, i).length
            chars += 1
        }
        return nil
    }

    /// Whether an `indicator_not_end` word of meaning `de` (的) is written inside `r`.
    func contains(_ r: Range<Int>, de b: [UInt8]) -> Bool {
        var i = r.lowerBound
        while i < r.upperBound {
            if de(at: i, r.upperBound, b) != nil { return true }
            i += UTF8Scalar.decode(b, i).length
        }
        return false
    }

    /// Whether `r` is an `indicator_verb` alone (训练两千名铁路工人), or with a lead word after it (动用了): no
    /// indicator, the counted thing follows.
    func verbAlone(_ r: Range<Int>, _ bytes: [UInt8]) -> Bool {
        guard let w = words.indicatorVerbs.prefix(of: bytes, r) else { return false }
        if w.count < r.count, case let (a, b) = trim((r.lowerBound + w.count)..<r.upperBound, bytes), a < b { return false }
        return words.meanings.indicatorVerb[w].map { $0 != "keep" && $0 != "trim" } ?? true
    }

    /// 今年的经济增长预期为7%左右: a percent after an indicator ending with a `growth_rate` word of meaning
    /// `growth`, with a `link` word alone between, is a rate of growth (an increase). The indicator loses its
    /// `aim` words (经济增长预期 → 经济增长) and, after a measure, the growth word with its 的 and time words
    /// (粮食产量平均每年的增长速度 → 粮食产量).
    func growthRate(_ e: inout Extraction, bytes: [UInt8]) {
        guard e.kind == .percent, e.change == nil, e.direction == nil, !e.indicatorInherited, let r = e.indicatorRange,
              let s = e.indicator, bytes[r].elementsEqual(s.utf8) else { return }
        func meaning(_ w: [UInt8]) -> String? { words.meanings.growthRate[w] }
        var a = r.upperBound, z = e.match.range.lowerBound
        guard a <= z else { return }
        while a < z, bytes[a] == 0x20 { a += 1 }
        while z > a, bytes[z - 1] == 0x20 { z -= 1 }
        // 经济增长速度预期目标为7%左右: aim words trimmed from the indicator's end stand before the link.
        if let w = words.growthRate.prefix(of: bytes, a..<z), meaning(w) == "aim" { a += w.count }
        // 经济增长速度8%: a growth word of its own (增长速度, 增长率) needs no link.
        let linked = words.growthRate.prefix(of: bytes, a..<z).map { $0.count == z - a && meaning($0) == "link" } ?? false
        guard linked || (a == z && words.changeVerbs.suffix(of: bytes, r) == nil) else { return }
        var hi = r.upperBound
        if let w = words.growthRate.suffix(of: bytes, r.lowerBound..<hi), meaning(w) == "aim" { hi -= w.count }
        guard let g = words.growthRate.suffix(of: bytes, r.lowerBound..<hi), meaning(g) == "growth" else { return }
        (e.change, e.direction) = ("increase", "up")
        var end = hi - g.count
        if endsWithDe(r.lowerBound, end, bytes), let d = words.indicatorNotEnd.suffix(of: bytes, r.lowerBound..<end) { end -= d.count }
        let (x, y) = trim(r.lowerBound..<end, bytes)
        if x < y, measure(x, y, bytes), let t = accept(x..<y, bytes) {
            (e.indicator, e.indicatorRange) = (t, x..<y)
        } else if hi < r.upperBound, let t = accept(r.lowerBound..<hi, bytes) {
            (e.indicator, e.indicatorRange) = (t, r.lowerBound..<hi)
        }
    }

    static let openTitle: UInt32 = 0x300A, closeTitle: UInt32 = 0x300B

    /// Whether the number at `m` stands inside book-title marks (《十六条》): an opening mark is the last title
    /// mark before it in the sentence, a closing one the first after it.
    /// Both marks are E3 80 8A/8B: the scans test the lead byte E3 alone at most places, with no decoding
    /// (the text is valid UTF-8, so E3 is always a character's first byte).
    func titled(_ m: Range<Int>, sentence: Range<Int>, bytes: [UInt8]) -> Bool {
        var i = m.lowerBound - 1
        var open = false
        while i >= max(sentence.lowerBound, m.lowerBound - 90) {
            if bytes[i] == 0xE3, let v = titleMark(bytes, i) {
                if v == Self.closeTitle { return false }
                open = true
                break
            }
            i -= 1
        }
        guard open else { return false }
        i = m.upperBound
        while i < min(sentence.upperBound, m.upperBound + 90) {
            if bytes[i] == 0xE3, let v = titleMark(bytes, i) { return v == Self.closeTitle }
            i += 1
        }
        return false
    }

    /// The title mark (`openTitle`, `closeTitle`) whose lead byte is at `i`, if one is.
    @inline(__always)
    func titleMark(_ b: [UInt8], _ i: Int) -> UInt32? {
        guard i + 2 < b.count, b[i + 1] == 0x80 else { return nil }
        return b[i + 2] == 0x8A ? Self.openTitle : b[i + 2] == 0x8B ? Self.closeTitle : nil
    }
}
