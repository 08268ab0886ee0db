import TiquRules
import TiquText

/// The indicator: the noun phrase a number measures. Before the number (`全年地区生产总值增长4.2%` →
/// `地区生产总值`), trimmed of time, aim, verb and adverb words; for a clause of verbs only, the previous
/// number's indicator in the sentence; for a counted thing whose clause names none, the noun after the
/// measure word (`110个续建项目` → `续建项目`). Empty when none can be named.
struct IndicatorReader {
    let words: ContextWords

    /// `named`: whether the number stands inside quote or title marks (`quoted`, `titled`), asked once by the normalizer.
    func read(_ e: inout Extraction, before clause: Range<Int>, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction], named: Bool) {
        // “十个明确”, “稳经济18条”, 《十六条》: a number inside quote or title marks is part of a name and measures nothing.
        if named { return }
        // 两千亿级汽车产业集群, 50亿级大项目: an amount before 级 names a size class, not a sum of anything; 1个多月 a duration.
        if let w = words.indicatorAfterStop.prefix(of: bytes, e.match.range.upperBound..<sentence.upperBound), let m = words.meanings.indicatorAfterStop[w],
           m == "duration" || (m == "scale" && e.kind == .money) { return }
        // 我国有十亿多人口: the unit starts the counted thing, whatever stands before the number.
        if e.kind == .quantity, let (s, r) = unitWord(unit: e.unitRange, end: e.match.range.upperBound, sentence: sentence, bytes: bytes) {
            (e.indicator, e.indicatorRange) = (s, r)
            return
        }
        var object: Range<Int>?
        let phrase = before(clause, sentence: sentence, bytes: bytes, previous: previous)
        switch phrase {
        case .named(_, let r) where verbAlone(r, bytes): break  // 训练两千名铁路工人: the counted thing follows.
        case .named(let s, let r): (e.indicator, e.indicatorRange) = countedAfter(e, sentence: sentence, bytes: bytes) ?? (ownedByTopic(s, r, sentence, bytes), r)
        case .none, .verbsOnly where changeOfNamed(e, sentence: sentence, bytes: bytes): break  // 增产一亿余斤食油: the thing after.
        case .object(let r, let fallback): object = fallback ? r : nil
        case .share(let r):
            // 服务业快速发展，在国内生产总值中占比提高: the ratio is the previous clause's subject's.
            if let (s, _) = referenceBack(before: r.lowerBound, sentence: sentence, bytes: bytes, previous: previous, strict: false) {
                (e.indicator, e.indicatorRange) = (s + String(decoding: bytes[r], as: UTF8.self), r)
            }
        case .verbsOnly, .partOf:
            var start = Int.max
            if case .partOf(let lo) = phrase { start = lo }
            guard !farTotal(start, sentence: sentence, bytes: bytes, previous: previous) else { break }
            // 地区生产总值1.39万亿元,同比增长5.2%: a clause holding only a change (or its base) speaks of the
            // previous number's indicator; 安排421亿美元… (another verb) starts a new thing.
            // …增长百分之四十二，达到8000万吨: a clause of a link verb alone (达到, 为) is a level of the same thing.
            // The number before, past the dates between (，比2002年增长65.5%).
            // ，占工业支出总数的88.59%: a share of the same thing.
            guard start < Int.max || e.change != nil || e.direction != nil || e.base != nil || e.baseValue || linkOnly(clause, bytes) || endsWithLink(clause, bytes) else { break }
            if let last = previous.last(where: { $0.kind != .date }), last.match.range.lowerBound >= sentence.lowerBound,
               last.kind != .project, last.match.range.upperBound <= start {
                // 投资比重由…提高到百分之十四，…总额达到一百七十四亿元: a sum or a count is no level of a ratio.
                if let inherited = last.indicator, !(e.kind == .money || e.kind == .quantity) || !ratio(inherited) {
                    e.indicator = inherited
                    e.indicatorRange = last.indicatorRange
                    e.indicatorInherited = true
                }
            } else if let (s, r) = referenceBack(before: e.match.range.lowerBound, sentence: sentence, bytes: bytes, previous: previous) ?? topic(e, sentence, bytes, previous) {
                // 粮食产量屡创历史新高，去年达到1.09万亿斤: no number before; the previous clause's subject.
                (e.indicator, e.indicatorRange) = (s, r)
            }
        }
        if e.indicator == nil, e.kind == .quantity || e.kind == .money, e.unit != "age" {
            if let (s, r) = after(e.match.range.upperBound, sentence: sentence, bytes: bytes, money: e.kind == .money) ?? afterDe(e, phrase, sentence: sentence, bytes: bytes) {
                (e.indicator, e.indicatorRange) = (s, r)
            }
        }
        if e.indicator == nil, e.kind == .percent || share(e.value), let (s, r) = shareOf(e.match.range.upperBound, sentence, bytes) { (e.indicator, e.indicatorRange) = (s, r) }
        // 基本养老保险覆盖十亿四千万人: nothing counted follows the number; the phrase without its verb (被评为新长征
        // 突击手的有四万多人: with its 的, those counted).
        if e.indicator == nil, let r = object {
            let (lo, hi) = trim(r, bytes)
            if lo < hi, let s = accept(lo..<hi, bytes) ?? nominal(lo, hi, bytes) { (e.indicator, e.indicatorRange) = (s, lo..<hi) }
        }
        finish(&e, bytes: bytes, previous: previous)
    }

    enum Phrase: Equatable {
        /// The phrase and its cleaned range.
        case named(String, Range<Int>)
        case verbsOnly
        case none
        /// A phrase ending with a verb that takes the number as its object (覆盖, 拥有): the phrase without it,
        /// the indicator only when no counted thing follows the number.
        case object(Range<Int>, fallback: Bool)
        /// The name of a ratio (在国内生产总值中占比, 比重): the subject of the clause before goes in front.
        case share(Range<Int>)
        /// A share of what the number before measures (`，占工业支出总数的`), from the phrase's start.
        case partOf(Int)
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
        var list: Int?
        if let cut = lastBoundary(bytes, lo..<hi) {
            if bytes[cut.lowerBound] == 0x28 && cut.upperBound == hi {
                // 规上工业产值(3805亿元): the indicator stands before the parenthesis.
                hi = cut.lowerBound
                if let c2 = lastBoundary(bytes, lo..<hi) { lo = c2.upperBound }
            } else {
                lo = cut.upperBound
                list = listStart(after: cut, from: clause.lowerBound, phraseEnd: hi, bytes, previous)
            }
        }
        // A date written at the head of the clause (1-11月工业增加值…, 2024年财政收入…) is not part of it; a
        // base year right before the number (增加值比2020年翻一番) ends it.
        var baseCut = false
        for k in previous.indices.reversed() {
            let r = previous[k].match.range, kind = previous[k].kind
            guard r.lowerBound >= lo else { break }
            // 比一九五二年的五万八千人增长两倍: after the base's own value, the clause is of the number before.
            if previous[k].baseValue, r.upperBound <= hi {
                lo = r.upperBound
                break
            }
            guard kind == .date && r.upperBound <= hi else { continue }
            // 比1955年决算数增长: a base year with a short word of its own (决算数, 同期) ends it too.
            if r.upperBound == hi || shortAfterBase(r.upperBound, hi, bytes),
               let m = words.baseMarkers.suffix(of: bytes, lo..<r.lowerBound) {
                hi = r.lowerBound - m.count
                // 比较一九五二年: the marker read is 较; its 比 goes too.
                if let t = words.indicatorNotAlone.suffix(of: bytes, lo..<hi), words.meanings.indicatorNotAlone[t] == "base" { hi -= t.count }
                baseCut = true
                continue
            }
            // 积累率在1978年高达36.5%: a date after 在/从 at the clause's head follows the indicator.
            if let h = indicatorBeforeDate(lo, hi, previous, bytes) { hi = h } else { lo = max(lo, afterDate(r.upperBound, hi, bytes)) }
            break
        }
        // 。6183座病险水库…: nothing written before the number in its clause; the thing may follow it. A
        // clause of a base year alone (，比2002年增长65.5%) speaks of the number before.
        if lo >= hi { return baseCut ? .verbsOnly : .none }
        if let list, let p = listPhrase(list, hi, bytes) { return p }
        return phrase(lo..<hi, bytes)
    }

    /// The trimmed phrase between `range`'s bounds as an indicator, or what it says instead: a comparison
    /// base or a word never alone (the number before speaks for it), the name of a ratio, a phrase ending
    /// with the verb whose object the number is.
    func phrase(_ range: Range<Int>, _ bytes: [UInt8]) -> Phrase {
        var lo = range.lowerBound, hi = range.upperBound
        // 全国通过各种形式使用国外贷款: the indicator starts after the verb; 推出 at the end names none.
        // 比计划规定的单位数多: a comparison base is cut at no verb inside it.
        if !opensBase(lo..<hi, bytes), let c = lastCut(lo..<hi, bytes) {
            let rest = trim(c.upperBound..<hi, bytes)
            let spend = words.meanings.indicatorCut[Array(bytes[c])] == "spend"
            if rest.0 >= rest.1 { return .object(lo..<c.lowerBound, fallback: spend) }
            lo = c.upperBound
        }
        if shareAlone(lo..<hi, bytes) { return .partOf(lo) }
        (lo, hi) = trim(lo..<hi, bytes)
        // 一九八○比一九七五年增加: a year without 年 at the head, like a date, leaves the clause to the number before.
        if lo >= hi || onlyNumerals(lo..<hi, bytes) { return .verbsOnly }
        if partOfBefore(lo, hi, bytes) { return .partOf(lo) }
        let trimmed = hi < range.upperBound
        if let end = subjectEnd(lo, hi, bytes) {
            (lo, hi) = trim(lo..<end, bytes)
            if lo >= hi { return .verbsOnly }
        }
        if let w = words.indicatorNotAlone.prefix(of: bytes, lo..<hi) {
            let meaning = words.meanings.indicatorNotAlone[w]
            // 比年初增加, 比五年前增加: a comparison base, not an indicator.
            if meaning == "base" { return .verbsOnly }
            // 比上年预算增加: a word that is never an indicator alone leaves the clause to the number before.
            // 国家财政收入比上年增加1501亿元，总额首次突破万亿元: 总额 (`total`) is that of the number before.
            if w.count == hi - lo { return meaning == "share" ? .share(lo..<hi) : meaning == "total" && lo == range.lowerBound ? .partOf(lo) : .verbsOnly }
            if meaning == "share_of", let t = words.indicatorNotAlone.suffix(of: bytes, lo..<hi),
               words.meanings.indicatorNotAlone[t] == "share" { return .share(lo..<hi) }
        }
        if let w = words.indicatorNotEnd.suffix(of: bytes, lo..<hi) {
            switch words.meanings.indicatorNotEnd[w] {
            case "verb", "examples": return .object(lo..<(hi - w.count), fallback: false)
            case "cover", "have": return .object(lo..<(hi - w.count), fallback: true)
            // 水稻最低收购价每50公斤: the basis of a rate measures nothing.
            case "per": return .none
            default: break
            }
        }
        // 在全国, 在这方面: 在 opening no ratio opens a place or a time, not what is measured (but before a verb
        // of `have`, above, the phrase is kept: 在食堂吃饭的人数有四亿人).
        if let w = words.indicatorNotAlone.prefix(of: bytes, lo..<hi), words.meanings.indicatorNotAlone[w] == "share_of" { return .none }
        if let s = accept(lo..<hi, bytes) ?? (trimmed ? nominal(lo, hi, bytes) : nil) { return .named(s, lo..<hi) }
        // 中央财政安排用于“两个确保”和城市“低保”的补助资金: too long with its quoted words; what follows them.
        if let q = lastQuote(lo..<hi, bytes) {
            let (a, b) = trim(q..<hi, bytes)
            if a < b, let s = accept(a..<b, bytes) { return .named(s, a..<b) }
        }
        if characters(lo..<hi, bytes) > 16, let (s, r) = headAfterDe(lo, hi, end: range.upperBound, bytes) { return .named(s, r) }
        return .none
    }

    /// Whether the phrase before the number names nothing but a verb (完成了, 拥有) or nothing at all.
    func bare(_ p: Phrase, _ bytes: [UInt8]) -> Bool {
        switch p {
        case .verbsOnly, .none: return true
        case .named(_, let r): return verbAlone(r, bytes)
        case .object(let r, _): let (a, b) = trim(r, bytes); return a >= b || verbAlone(a..<b, bytes)
        default: return false
        }
    }

    /// `range` without the lead and tail words (and spaces) around the noun phrase.
    func trim(_ range: Range<Int>, _ bytes: [UInt8]) -> (Int, Int) {
        var lo = range.lowerBound, hi = range.upperBound, afterChange = false
        var changed = true
        while changed && lo < hi {
            changed = false
            // 经济增长: a tail is kept when it would leave a `keep` word alone. 全国耕地总面积计划, 能源生产计划增长: a tail
            // of meaning `plan` goes only after a measure or before a change verb (not 年度计划, 工业生产计划的).
            if let w = words.indicatorTail.suffix(of: bytes, lo..<hi), !keeps(lo..<(hi - w.count), bytes),
               words.meaning["indicator_tail"]?[w] != "plan" || afterChange || endsWithMeasure(lo..<(hi - w.count), bytes) {
                afterChange = words.changeMeaning[w] != nil; hi -= w.count; changed = true }
            // 新建和加固堤防: a lead followed by a joiner is one of two verbs, kept with the other.
            // 计划生育 (meaning `keep`) starts with the lead 计划 but is one word; 内 (`after_date`) only follows a date.
            // 全国工业总产值: a word of scope goes only when two characters or more stay after it.
            if lo < hi, let w = words.indicatorLead.prefix(of: bytes, lo..<hi), words.meanings.indicatorLead[w].map({ $0 != "keep" && $0 != "after_date" }) ?? true,
               words.listJoiners.prefix(of: bytes, (lo + w.count)..<hi) == nil,
               words.meanings.indicatorLead[w] != "scope" || characters((lo + w.count)..<hi, bytes) != 1 { lo += w.count; changed = true }
            // 2024全年完成外贸进出口额: a year written without 年 (read as no date) opens the phrase.
            if bareYear(at: lo, hi, bytes) { lo += 4; changed = true }
            while lo < hi && bytes[lo] == 0x20 { lo += 1; changed = true }
            while lo < hi && bytes[hi - 1] == 0x20 { hi -= 1; changed = true }
            // ”时期 after a quoted date, 企业“: a quote mark left at an end without its pair.
            if lo < hi, !balancedQuotes(lo..<hi, bytes) {
                if let n = quoteLength(at: lo, bytes) { lo += n; changed = true } else if let n = quoteLength(endingAt: hi, bytes) { hi -= n; changed = true }
            }
        }
        // 广州全市实有各类市场主体: a place named before a word of scope is where, not what, is measured.
        if let s = scopeEnd(lo..<hi, bytes) { return trim(s..<hi, bytes) }
        return (lo, hi)
    }

    /// The phrase as an indicator: 2 to 16 characters (24 for the name of a ratio or two subjects joined by
    /// 和: 研究与试验发展经费支出占国内生产总值比重), no digits or punctuation but paired quote marks and
    /// parentheses (Latin letters may stand: GDP, CPI), not ending in 的.
    func accept(_ r: Range<Int>, _ bytes: [UInt8], max: Int = 16) -> String? {
        let n = bytes[r].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        // ASCII only as letters, or digits next to one (5G基站, C919).
        func letter(_ i: Int) -> Bool { r.contains(i) && ((0x41...0x5A).contains(bytes[i]) || (0x61...0x7A).contains(bytes[i])) }
        let ascii = r.contains { i in
            let c = bytes[i]
            guard c < 0x80, !letter(i), c != 0x22, c != 0x28, c != 0x29 else { return false }
            return !(0x30...0x39).contains(c) || !(letter(i - 1) || letter(i + 1))
        }
        // A phrase of Latin letters alone is an acronym (GDP, CPI), not English prose (`up 3 percentage
        // points` has no indicator `up`).
        let latinProse = bytes[r].allSatisfy { $0 < 0x80 } && bytes[r].contains { (0x61...0x7A).contains($0) }
        guard n >= 2, n <= max || (max == 16 && n <= 24 && longName(r, bytes)), !ascii, !latinProse, balancedQuotes(r, bytes),
              words.indicatorNotEnd.suffix(of: bytes, r) == nil else { return nil }
        if let w = words.indicatorNotAlone.prefix(of: bytes, r), w.count == r.count { return nil }
        // 一九八○比一九七五年增加, 一九五三和一九五四两年合计: a year without 年, or any figure no rule read, is no
        // indicator's part.
        if onlyNumerals(r, bytes) || figure(in: r, bytes, digits: false) { return nil }
        return String(decoding: bytes[r], as: UTF8.self)
    }

    /// 国务院向全国人大常委会提交39件法律议案, 相继开放沿海十几个城市: the thing a count names after its measure
    /// word, which it counts whatever phrase stands before (the clause that counts it).
    func countedAfter(_ e: Extraction, sentence: Range<Int>, bytes: [UInt8]) -> (String, Range<Int>)? {
        counted(e) ? after(e.match.range.upperBound, sentence: sentence, bytes: bytes) : nil
    }

    /// Whether `e` counts things by a measure word of its own (个, 件, 户, 项, 家: not a unit of measure like 吨 or 亩,
    /// nor 人, which a verb often follows: 带动200万人就业).
    func counted(_ e: Extraction) -> Bool {
        e.kind == .quantity && e.unit.map(Self.counterUnits.contains) == true
    }

    static let counterUnits: Set<String> = ["count", "item", "household", "institution", "piece", "organization", "machine",
                                            "vehicle", "set", "structure", "sheet", "event", "aircraft", "times"]

    /// Whether `r` ends with a `measure_end` or `shared_tail` word (总面积, 总产值), untrimmed.
    func endsWithMeasure(_ r: Range<Int>, _ b: [UInt8]) -> Bool {
        words.measureEnds.suffix(of: b, r) != nil || words.sharedTail.suffix(of: b, r) != nil
    }

    /// Whether `indicator` names a ratio (ends with a `share` word of `indicator_not_alone`: 投资比重).
    func ratio(_ indicator: String) -> Bool {
        let b = Array(indicator.utf8)
        guard let t = words.indicatorNotAlone.suffix(of: b, 0..<b.count) else { return false }
        return words.meanings.indicatorNotAlone[t] == "share"
    }

    /// Whether the clause before the number (after its last boundary) is a `change_link` of two or more
    /// characters alone (`，达到`).
    func linkOnly(_ clause: Range<Int>, _ bytes: [UInt8]) -> Bool {
        var lo = lastBoundary(bytes, clause)?.upperBound ?? clause.lowerBound, hi = clause.upperBound
        while lo < hi && bytes[lo] == 0x20 { lo += 1 }
        // 去年达到: time and aim words before the link.
        while lo < hi, let w = words.indicatorLead.prefix(of: bytes, lo..<hi), w.count < hi - lo { lo += w.count }
        while lo < hi && bytes[hi - 1] == 0x20 { hi -= 1 }
        // One character alone (为, 达) is too often a preposition (，为2.6万户困难家庭…).
        guard lo < hi, let w = words.changeLinks.prefix(of: bytes, lo..<hi), w.count > 3 else { return false }
        return w.count == hi - lo
    }
}
