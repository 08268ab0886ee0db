import TiquRules
import TiquSegment
import TiquText

/// A number's modality (target or actual): the cues before it in its sentence, its year against the
/// document's, the paragraph's opening, its block and the headings above it.
extension ContextReader {
    /// The strong and the weak cue in `range`: a target cue wins among each; the `modality` cues inside a
    /// weak one (上年 in 比上年) are not read.
    func cues(in range: Range<Int>, _ b: [UInt8]) -> (strong: String?, weak: String?) {
        var strong: String?, weak: String?, present: Int?
        let weakWords = words.weakModality, strongWords = periods.cues
        var i = range.lowerBound
        while i < range.upperBound {
            i = periods.cueStarts.next(b, from: i, to: range.upperBound)
            guard i < range.upperBound else { break }
            // “两个确保”: a quoted name holds no cue.
            if IndicatorReader.isQuote(b, i, IndicatorReader.openQuote),
               let close = (i..<min(b.count, i + 30)).first(where: { IndicatorReader.isQuote(b, $0, IndicatorReader.closeQuote) }) {
                i = close + 3
                continue
            }
            if let w = weakWords.prefix(of: b, i..<range.upperBound) {
                // `none` only masks (预算外资金 is no budget).
                // 了 (`done`): a completed action in the number's own clause only (…增加了九十五亿元，…还将增加二十亿元).
                if weak != "target", let m = words.meanings.weakModality[w], m != "none", m != "done" || !clauseEnds((i + w.count)..<range.upperBound, b) {
                    weak = m == "done" ? "actual" : m
                }
                i += w.count
            } else if let w = strongWords.prefix(of: b, i..<range.upperBound), !averageInside(i..<(i + w.count), range.upperBound, b) {
                let m = words.meanings.modality[w]
                if m == Self.present { present = present ?? i + w.count } else if strong != "target" { strong = m }
                i += w.count
            } else {
                i += 1
            }
        }
        // `present` (现在, 目前) only before a `present_count` word (有: 现在全国有100多个) and where no other cue is read.
        if strong == nil, let p = present, p < range.upperBound,
           periods.counts.contains(where: { ByteWords.firstIndex(of: $0, in: b, p..<range.upperBound) != nil }) { strong = Self.present }
        // 目前，…每月需要七百元: the present with no count is a result only when nothing else says.
        if strong == nil, weak == nil, present != nil { weak = "actual" }
        return (strong, weak)
    }

    /// Whether a clause ends inside `r` (a `clause_boundary` mark).
    func clauseEnds(_ r: Range<Int>, _ b: [UInt8]) -> Bool {
        r.contains { b[$0] & 0xC0 != 0x80 && words.clauseBoundary.contains(UTF8Scalar.decode(b, $0).value) }
    }

    /// Whether a cue of the present (现在, 目前) stands in `range`, outside the weak cues that mask it (比现在, 从现在起).
    func presentCue(_ range: Range<Int>, _ b: [UInt8]) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            i = periods.cueStarts.next(b, from: i, to: range.upperBound)
            guard i < range.upperBound else { break }
            if let w = words.weakModality.prefix(of: b, i..<range.upperBound) {
                i += w.count
            } else if let w = periods.cues.prefix(of: b, i..<range.upperBound) {
                if words.meanings.modality[w] == Self.present { return true }
                i += w.count
            } else {
                i += 1
            }
        }
        return false
    }

    /// The first byte of a curly quote mark (`IndicatorReader.openQuote`), where `cues` stops to pass over a quoted name.
    static let quoteLead: UInt8 = 0xE2

    /// The `modality` meaning of a cue of the present (现在, 目前): a result in its own sentence (现在全国有100多个),
    /// but no time a paragraph, a carried period word or a heading speaks of (现在，我们要…).
    static let present = "present", count = "present_count"

    /// A cue's meaning as one that speaks beyond its sentence: nil for `present`.
    func lasting(_ m: String?) -> String? { m == Self.present ? nil : m }

    /// For B of 由去年的A增加到B (A written with its own time: `periodFloor` at the verb), from the last
    /// `from_marker` before the verb to the verb: 去年 is A's time, not a cue for B, an aim of the tasks.
    /// `hasFrom`: whether the number has a `from` value; `periodFloor`, its own.
    func ownTimeOfA(hasFrom: Bool, periodFloor: Int?, from: Int, _ b: [UInt8]) -> Range<Int>? {
        guard hasFrom, let floor = periodFloor, floor > from else { return nil }
        var i = floor - 1
        while i >= from {
            if b[i] & 0xC0 != 0x80, words.fromMarkers.prefix(of: b, i..<floor) != nil { return i..<floor }
            i -= 1
        }
        return nil
    }

    /// `cues(in:)` of `range` outside `skip`, a target cue winning as in one range.
    func cues(in range: Range<Int>, skipping skip: Range<Int>?, _ b: [UInt8]) -> (strong: String?, weak: String?) {
        guard let s = skip, range.contains(s.lowerBound) else { return cues(in: range, b) }
        let (x, y) = (cues(in: range.lowerBound..<s.lowerBound, b), cues(in: min(s.upperBound, range.upperBound)..<range.upperBound, b))
        func pick(_ p: String?, _ q: String?) -> String? { p == "target" || q == "target" ? "target" : p ?? q }
        return (pick(x.strong, y.strong), pick(x.weak, y.weak))
    }

    /// A cue in the sentence before the number, else the year written there (or carried from the paragraph)
    /// against the document's year, else the last period word carried if it is a cue (过去一年), else the
    /// paragraph's opening words, else a paragraph of its block opened by a block cue (过去一年),
    /// else the headings above (目标/任务, 回顾/成绩, or their year), else a weak cue (安排, 比上年).
    /// The cues of `skip` (由去年的A, for B of 由去年的A增加到B: A's own time) are not read.
    func modality(before clause: Range<Int>, skip: Range<Int>? = nil, year: Int?, carried: Range<Int>?, docYear: Int?, match: Range<Int>,
                  bytes: [UInt8], segmentation: Segmentation, previous: [Extraction]) -> String? {
        let (strong, weak) = cues(in: clause, skipping: skip, bytes)
        if let m = strong { return m == Self.present ? "actual" : m }
        if let y = year, let d = docYear { return y < d ? "actual" : "target" }
        // 今年/明年 against a known document year, as a written year would be (去年 is an actual cue); 今年1月,
        // 今年以来 are the part of the year already past.
        if let m = lastPeriodWord(in: clause, bytes) {
            if m.pastPart { return "actual" }
            if m.meaning == "target", reviewsYearBefore(match, docYear: docYear, segmentation: segmentation, bytes: bytes) { return "actual" }
            if docYear != nil, let o = Self.offsets(m.meaning), o.low >= 0 { return "target" }
            // 九年间, 五年来: past years counted (a `period_span` word) are a result.
            if docYear != nil, Self.offsets(m.meaning).map({ $0.high < 0 }) == true, countsPastYears(m.at, bytes) { return "actual" }
        }
        // 过去一年，…。国内生产总值增长10.3%: the cue of the period words carried from the paragraph.
        if let r = carried, let (meaning, _, w) = lastPeriodWord(in: r, bytes) {
            if let m = lasting(cues(in: w, bytes).strong) { return m }
            if meaning == "target", reviewsYearBefore(match, docYear: docYear, segmentation: segmentation, bytes: bytes) { return "actual" }
            if docYear != nil, countsPastYears(w, bytes) { return "actual" }
        }
        // A paragraph opened by 过去一年… or 今年要… speaks of the same time throughout.
        if let para = Segmentation.find(clause.upperBound, in: segmentation.paragraphs),
           let m = lasting(openingCues(para.lowerBound..<min(clause.upperBound, boundary(bytes, para.lowerBound + 60)), bytes).strong) { return m }
        if let m = blockCue(at: match, segmentation: segmentation, bytes: bytes) { return m }
        let title = segmentation.speech(containing: match)?.heading
        for h in segmentation.headings(containing: match).reversed() {
            if let m = planModality(h, docYear: docYear, bytes: bytes, previous: previous) { return m }
            // Target words win when a heading holds both, but one that reviews and then plans (国民经济的成就和
            // 今后的建设任务, 成就和明年的主要任务) says neither of its numbers, by its words, years or cues.
            if let m = headingWord(h, bytes) {
                if m == "target", DocumentYear.plansAfterReview(h, bytes, review: periods.review, words: words) { continue }
                return m
            }
            if let d = docYear, let y = headingYears(h, bytes).first { return y < d ? "actual" : "target" }
            // 一、过去五年的工作和新时代十年的伟大变革: a section's heading opened by a cue, as a paragraph is (not
            // a speech's title: 关于…计划…的报告 names what the whole speech is about).
            if h != title, let m = lasting(openingCues(h.lowerBound..<boundary(bytes, min(h.upperBound, h.lowerBound + 60)), bytes).strong) { return m }
        }
        return weak
    }

    /// Whether a heading above `match` reviews the year before the document's: it names that year alone and
    /// no target word (一、1999年国内工作回顾 in a 2000 report), or holds a `period` word of last year (一、一年来
    /// 的工作). There 全年 (年底, 上半年) is the year reviewed, a result, whatever the paragraph's opening
    /// says (国内生产总值增长率达到预期目标，…。全年工业企业实现利润2202亿元).
    func reviewsYearBefore(_ match: Range<Int>, docYear: Int?, segmentation: Segmentation, bytes: [UInt8]) -> Bool {
        guard let d = docYear else { return false }
        let title = segmentation.speech(containing: match)?.heading
        return segmentation.headings(containing: match).contains { h in
            guard h != title else { return false }
            if words.headingModality.contains(where: { $0.meaning == "target" && ByteWords.contains(bytes, h, $0.bytes) }) { return false }
            let ys = Set(DocumentYear.years(in: h, bytes, mark: words.yearMark))
            if !ys.isEmpty { return ys == [d - 1] }
            return words.period.contains { ByteWords.contains(bytes, h, $0.bytes) && Self.offsets($0.meaning).map { $0 == (-1, -1) } == true }
        }
    }

    /// A heading naming a plan (`planSpan`): a result when the plan ended before the document's year, else
    /// an aim; without a document year, a result when the heading holds a review word (“六五”计划执行情况的
    /// 回顾: 计划 is the plan's name there, no aim).
    func planModality(_ h: Range<Int>, docYear: Int?, bytes: [UInt8], previous: [Extraction]) -> String? {
        guard let (_, high) = planSpan(in: h, previous: previous) else { return nil }
        if let d = docYear { return high < d ? "actual" : "target" }
        return words.headingModality.contains { $0.meaning == "actual" && ByteWords.contains(bytes, h, $0.bytes) } ? "actual" : nil
    }

    /// The modality of the nearest paragraph (this one or one before it, in the same block: the innermost
    /// point that is not an inline one) whose opening holds a `block_modality` cue; at most 12 paragraphs back.
    func blockCue(at match: Range<Int>, segmentation: Segmentation, bytes: [UInt8]) -> String? {
        var block = segmentation.point(containing: match)
        while block.kind == .inline { block = block.parent.map { segmentation.points[$0] } ?? segmentation.root }
        let paras = segmentation.paragraphs
        var k = Search.first(paras.count) { paras[$0].upperBound > match.lowerBound }
        var n = 0
        while k >= 0, n < 12, paras[k].upperBound > block.range.lowerBound {
            switch opening(k, paras, bytes) {
            case .cue(let m): return m
            // 今年是…: a paragraph opened by another time ends the block above (and says nothing itself).
            case .time: return nil
            case .none: break
            }
            k -= 1
            n += 1
        }
        return nil
    }

    /// What the first 60 bytes of paragraph `k` say: a `block_modality` cue, else a `period` word, else
    /// nothing; read once per paragraph.
    func opening(_ k: Int, _ paras: [Range<Int>], _ bytes: [UInt8]) -> ParagraphOpenings.Opening {
        if openings.known.count != paras.count { openings.known = Array(repeating: nil, count: paras.count) }
        if let known = openings.known[k] { return known }
        let opening = paras[k].lowerBound..<boundary(bytes, min(paras[k].upperBound, paras[k].lowerBound + 60))
        let found: ParagraphOpenings.Opening
        if let w = firstWord(words.blockModality, in: opening, bytes) {
            found = .cue(words.meanings.blockModality[w])
        } else {
            // 四年中, 五年来: past years counted open a review, as 过去五年 does.
            found = firstPeriodWord(in: opening, bytes).map { $0.counted ? .cue("actual") : .time } ?? .none
        }
        openings.known[k] = found
        return found
    }
}
