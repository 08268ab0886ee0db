import TiquText

/// Where the subject of a phrase ends inside it, and phrases ending with 的: the parts of `phrase` that read
/// a noun phrase's inside rather than its ends.
extension IndicatorReader {
    /// ，占百分之五十八点二: a `part_of` word alone before the number (`占`) makes it a share of what the number
    /// before measures; not one that is a lead word too (`完成`, which opens the thing done: 完成2000亿元城市更新投资).
    func shareAlone(_ r: Range<Int>, _ b: [UInt8]) -> Bool {
        guard let w = words.indicatorNotAlone.prefix(of: b, r), w.count == r.count else { return false }
        return words.meaning["indicator_not_alone"]?[w] == "part_of" && words.indicatorLead.prefix(of: b, r) == nil
    }

    /// Where the subject of the phrase `lo..<hi` ends inside it, at an `indicator_not_alone` word after its
    /// first two characters: the first adverb (meaning `adverb`: 中央财政连续三年累计投入 → 中央财政), comparison
    /// base (`base`, not last: 生产成本比年度计划多 → 生产成本) or 在 (`share_of`, in no ratio's name, after a
    /// measure: 原油产量在十七年间 → 原油产量); else, in a phrase ending with 的, the last word of meaning `part_of` (全面完成四种计划的企业只
    /// 占企业总数的 → 全面完成四种计划的企业). Other words of the list are read past whole (可比, 比赛, 占领, 在校).
    func subjectEnd(_ lo: Int, _ hi: Int, _ b: [UInt8]) -> Int? {
        let de = endsWithDe(lo, hi, b)
        let ratioName = words.indicatorNotAlone.suffix(of: b, lo..<hi).map { words.meanings.indicatorNotAlone[$0] == "share" } ?? false
        var i = lo, chars = 0
        var part: Int?
        while i < hi {
            if let w = words.indicatorNotAlone.prefix(of: b, i..<hi) {
                switch chars == 1 ? nil : words.meanings.indicatorNotAlone[w] {
                // 连续三年增长速度: a phrase opened by an adverb has no subject of its own.
                case "adverb" where chars == 0: return lo
                case "adverb" where chars >= 2: return i
                case "adverb_verb" where chars >= 2 && characters((i + w.count)..<hi, b) <= 2: return i
                case "base" where chars >= 2 && i + w.count < hi: return i
                case "share_of" where chars >= 2 && !ratioName && measure(lo, i, b): return i
                case "part_of" where chars >= 2 && de: part = i
                default: break
                }
                i += w.count
                chars += w.count / 3
                continue
            }
            i += UTF8Scalar.decode(b, i).length
            chars += 1
        }
        return part
    }

    /// Whether the phrase `lo..<end`, trimmed, ends with a `measure_end` or `shared_tail` word (灌溉面积, 原油产量).
    func measure(_ lo: Int, _ end: Int, _ b: [UInt8]) -> Bool {
        let (a, z) = trim(lo..<end, b)
        return a < z && (words.measureEnds.suffix(of: b, a..<z) != nil || words.sharedTail.suffix(of: b, a..<z) != nil)
    }

    /// The `indicator_not_end` word of meaning `de` (的) written at `i`, before `end`; nil when none is.
    func de(at i: Int, _ end: Int, _ b: [UInt8]) -> [UInt8]? {
        guard let w = words.indicatorNotEnd.prefix(of: b, i..<end), words.meanings.indicatorNotEnd[w] == "de" else { return nil }
        return w
    }

    /// Whether `lo..<hi` ends with an `indicator_not_end` word of meaning `de` (的).
    func endsWithDe(_ lo: Int, _ hi: Int, _ b: [UInt8]) -> Bool {
        guard let w = words.indicatorNotEnd.suffix(of: b, lo..<hi) else { return false }
        return words.meanings.indicatorNotEnd[w] == "de"
    }

    /// Whether `lo..<hi` opens with a word of meaning `part_of` and ends with 的 (`，占工业支出总数的88.59%`): a share
    /// of what the number before measures.
    func partOfBefore(_ lo: Int, _ hi: Int, _ b: [UInt8]) -> Bool {
        guard endsWithDe(lo, hi, b), let w = words.indicatorNotAlone.prefix(of: b, lo..<hi) else { return false }
        return words.meanings.indicatorNotAlone[w] == "part_of"
    }

    /// A phrase ending with 的 that names those who are counted, before a link trimmed after it (`赞成社会主义的是
    /// 百分之九十`, `被评为新长征突击手的有四万多人`): the phrase with its 的, when the phrase before it is one.
    func nominal(_ lo: Int, _ hi: Int, _ b: [UInt8]) -> String? {
        // 在今年内可以建设完工的: opened by 在 (a time or a place), it names no one.
        guard endsWithDe(lo, hi, b), let w = words.indicatorNotEnd.suffix(of: b, lo..<hi), characters(lo..<(hi - w.count), b) >= 4,
              !figure(in: lo..<hi, b), words.indicatorNotAlone.prefix(of: b, lo..<hi).map({ words.meanings.indicatorNotAlone[$0] != "share_of" }) ?? true,
              accept(lo..<(hi - w.count), b) != nil else { return nil }
        return String(decoding: b[lo..<hi], as: UTF8.self)
    }

    /// 有经济贸易关系和文化往来的国家和地区达到: a phrase too long to be an indicator, before a link verb that
    /// `end` closes, is named by what follows its last 的 (three characters or more).
    func headAfterDe(_ lo: Int, _ hi: Int, end: Int, _ b: [UInt8]) -> (String, Range<Int>)? {
        guard words.changeLinks.suffix(of: b, lo..<end) != nil else { return nil }
        var i = hi - 1
        while i > lo {
            if b[i] & 0xC0 != 0x80, let w = de(at: i, hi, b) {
                let (a, z) = trim((i + w.count)..<hi, b)
                return a < z && characters(a..<z, b) >= 3 ? accept(a..<z, b).map { ($0, a..<z) } : nil
            }
            i -= 1
        }
        return nil
    }

    /// Whether the counted thing read after `的` ends where one does: at the clause's end or before a verb of
    /// `indicator_after_stop` of two characters or more (not of meaning `end`), within six characters (三分之一的企业建成…, 百分之九十五
    /// 以上的干部和群众; not 百分之七十六的县普及了小学教育).
    func shareThing(_ r: Range<Int>, _ b: [UInt8], _ sentence: Range<Int>) -> Bool {
        guard characters(r, b) <= 6 else { return false }
        if endsClause(r.upperBound, b, sentence) { return true }
        guard let w = words.indicatorAfterStop.prefix(of: b, r.upperBound..<sentence.upperBound), w.count > 3 else { return false }
        // 8%的预定目标: a word of meaning `end` (目标, 水平) closes no counted thing.
        return words.meanings.indicatorAfterStop[w] != "end"
    }

    /// 团结百分之九十五以上的干部和群众: what a percent ending at `end` is a share of, written after it and 的.
    func shareOf(_ end: Int, _ sentence: Range<Int>, _ b: [UInt8]) -> (String, Range<Int>)? {
        guard let w = de(at: end, sentence.upperBound, b),
              let (s, r) = after(end + w.count, sentence: sentence, bytes: b), shareThing(r, b, sentence) else { return nil }
        return (s, r)
    }

    /// Whether `value` is a fraction (三分之一, a multiple read as a ratio), a share like a percent.
    func share(_ value: ExtractedValue?) -> Bool {
        if case .ratio = value { return true }
        return false
    }

    /// Whether at most three characters stand between a base year's end and `hi`, past a change verb at the end
    /// (比1955年决算数增长).
    func shortAfterBase(_ end: Int, _ hi: Int, _ b: [UInt8]) -> Bool {
        var t = hi
        if let v = words.changeVerbs.suffix(of: b, end..<t) { t -= v.count }
        return characters(end..<t, b) <= 3
    }
}
