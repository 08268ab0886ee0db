import TiquRules
import TiquSegment
import TiquText

/// The period a number takes from outside its sentence: the time written earlier in its paragraph
/// (1992年同1987年相比，钢产量增长42%；原煤产量增长20% → 1992 for both); and a level inside a span of
/// years belongs to the span's last year.
extension ContextReader {
    /// The last time written in the paragraph before the number's sentence, carried until another time
    /// word: a year (2022年; not a base, 比1980年, 为1955年的; not 1978年以来; not a span, 1952年到1956年), or
    /// the `period` words after it (过去五年，…。…). Nothing is carried past a `period` word in the number's
    /// own sentence, or to B of 从A提高到B; a yearly average (年均增长10.6%) takes the year's modality but not
    /// the year as its period. Read from the text, not from the date records, so that a part of a long
    /// paragraph matched alone reads the same.
    /// For the number starting at `start` (its `periodFloor` given): the fields it reads, not the extraction,
    /// which the caller holds `inout` and had to copy whole for the call.
    func carried(at start: Int, periodFloor: Int?, sentence: Range<Int>, segmentation: Segmentation, bytes: [UInt8]) -> Carried? {
        guard periodFloor == nil, let c = paragraphTime(before: sentence, segmentation: segmentation, bytes: bytes),
              lastPeriodWord(in: sentence.lowerBound..<start, bytes) == nil else { return nil }
        guard c.year != nil else { return c }
        return Carried(year: c.year, words: nil, average: firstWord(average, in: sentence.lowerBound..<start, bytes) != nil)
    }

    /// The time of the paragraph before `sentence`, for every number of the sentence (read once per sentence).
    func paragraphTime(before sentence: Range<Int>, segmentation: Segmentation, bytes: [UInt8]) -> Carried? {
        if let known = openings.times[sentence.lowerBound] { return known }
        let found = readParagraphTime(before: sentence, segmentation: segmentation, bytes: bytes)
        openings.times[sentence.lowerBound] = .some(found)
        return found
    }

    /// How far back (bytes; about 2,000 CJK characters) a paragraph is read for a year to carry.
    static let carryWindow = 6_000

    /// The longest paragraph whose years are read once for all its sentences (`yearsWritten`).
    static let yearsRead = 200_000

    func readParagraphTime(before sentence: Range<Int>, segmentation: Segmentation, bytes: [UInt8]) -> Carried? {
        guard let found = Segmentation.find(sentence.lowerBound, in: segmentation.paragraphs), found.lowerBound < sentence.lowerBound else { return nil }
        // Only the last `carryWindow` bytes of the paragraph are read: this runs once per sentence, and over
        // the whole paragraph it would be quadratic in a paragraph's length (a 50 MB one-line document never
        // finished). A year written further back than that is not carried.
        let para = max(found.lowerBound, sentence.lowerBound - Self.carryWindow)..<found.upperBound
        var year: Int?, after = para.lowerBound
        for (y, at) in yearsWritten(para.lowerBound..<sentence.lowerBound, paragraph: found, bytes).reversed() {
            // 比1957年的126亿元, 为1955年的98.88%: the year of a comparison's other side.
            if words.baseMarkers.suffix(of: bytes, para.lowerBound..<at.lowerBound) != nil
                || words.fromLinks.prefix(of: bytes, at.upperBound..<sentence.lowerBound) != nil
                || Self.insideParentheses(at, before: sentence.lowerBound, bytes) { continue }
            guard words.yearPart.prefix(of: bytes, at.upperBound..<sentence.lowerBound).map({ words.meaning["year_part"]?[$0] == "joiner" }) ?? true else { return nil }
            // 1952年到1956年 is a span; 到2020年 the deadline of its own sentence's aims (到1985年，…；…), not of
            // the next sentence (提出到2020年…的目标。…).
            if let to = words.changeTo.suffix(of: bytes, para.lowerBound..<at.lowerBound) {
                if words.yearMark.suffix(of: bytes, para.lowerBound..<(at.lowerBound - to.count)) != nil { return nil }
                if stops.occurs(in: bytes, at.upperBound..<sentence.lowerBound) { return nil }
            }
            (year, after) = (y, at.upperBound)
            break
        }
        // The last period word itself: it alone is resolved (and read as a cue) for each number.
        if let w = lastPeriodWord(in: after..<sentence.lowerBound, bytes) {
            // 从一九六六年到一九七六年的十一年中: a count of years right after a year is those years' length.
            if countsWrittenYears(w.at, bytes, from: para.lowerBound) { return nil }
            return Carried(year: nil, words: w.at, average: false)
        }
        return year.map { Carried(year: $0, words: nil, average: false) }
    }

    /// The years written in `range` (`DocumentYear.marked`), a stretch of `paragraph` before a sentence,
    /// from the paragraph's years read once (each sentence used to read its paragraph, or the last
    /// `carryWindow` bytes of it, again): the same years, as a year's mark (年) never straddles a sentence's
    /// start, and a year is read alike from any start but for whether a numeral stands right before its
    /// digits: those in the stretch's first 3 bytes are read again from its start.
    func yearsWritten(_ range: Range<Int>, paragraph: Range<Int>, _ b: [UInt8]) -> [(year: Int, at: Range<Int>)] {
        // A paragraph of a document in parts may be longer than a part: each part would read all of it.
        guard paragraph.count <= Self.yearsRead else { return DocumentYear.marked(in: range, b, mark: words.yearMark) }
        let all: [(year: Int, at: Range<Int>)]
        if let known = openings.years[paragraph.lowerBound] { all = known } else {
            all = DocumentYear.marked(in: paragraph, b, mark: words.yearMark)
            openings.years[paragraph.lowerBound] = all
        }
        let upto = Search.first(all.count) { all[$0].at.upperBound > range.upperBound }
        guard range.lowerBound > paragraph.lowerBound else { return Array(all[..<upto]) }
        let from = Search.first(all.count) { all[$0].at.lowerBound >= range.lowerBound + 3 }
        let head = DocumentYear.marked(in: range.lowerBound..<min(range.upperBound, range.lowerBound + 18), b, mark: words.yearMark)
        return head.filter { $0.at.lowerBound < range.lowerBound + 3 } + all[from..<max(from, upto)]
    }

    /// Whether the period word at `w` is a count of years (九年间: a `period_span` word) written right after a
    /// year (and 的, if any), so that it only says how long the years written are.
    func countsWrittenYears(_ w: Range<Int>, _ b: [UInt8], from lower: Int) -> Bool {
        guard countsPastYears(w, b) else { return false }
        var end = w.lowerBound
        if let de = words.fromLinks.suffix(of: b, lower..<end) { end -= de.count }
        return words.yearMark.suffix(of: b, lower..<end) != nil
    }

    /// Whether the year written at `at` stands inside parentheses closed before `limit` (…万元(按1952年不变价格
    /// 计算), a price basis, not a time): the first parenthesis after it closes one.
    static func insideParentheses(_ at: Range<Int>, before limit: Int, _ b: [UInt8]) -> Bool {
        var i = at.upperBound
        while i < limit {
            if b[i] == UInt8(ascii: "(") { return false }
            if b[i] == UInt8(ascii: ")") { return true }
            i += 1
        }
        return false
    }

    /// What was carried as a period: the `period` words against the document's year, or the year unless
    /// the number's modality contradicts it (提出到2020年…目标。…新增4.45亿千瓦, a result; 2007年…。拟增加…,
    /// an aim).
    func resolve(_ c: Carried, docYear: DocumentYear?, modality: String?, bytes: [UInt8]) -> Period? {
        if let r = c.words { return period(before: r, docYear: docYear, modality: modality, bytes: bytes) }
        guard let y = c.year, !c.average else { return nil }
        if let d = docYear?.year, (modality == "actual" && y > d) || (modality == "target" && y < d) { return nil }
        return Period(low: y, high: y, inferred: false)
    }

    /// A yearly average (平均每年增长8.3%, 年均) after a year written in an earlier clause of its sentence, the
    /// level's (国内生产总值2000年达89404亿元，平均每年增长8.3%), is over the span that year ends: the span of
    /// the heading above (一、“九五”时期…的回顾 → 1996 to 2000) or of the period words carried (五年来，…).
    /// For the number at `match` (its `ownYear` given).
    func averageSpan(_ y: Int, match: Range<Int>, ownYear: Int?, clause: Int, sentence: Range<Int>, docYear: DocumentYear?, segmentation: Segmentation,
                     bytes: [UInt8], previous: [Extraction]) -> (Int, Int)? {
        let start = match.lowerBound
        guard ownYear == nil, firstWord(average, in: clause..<start, bytes) != nil,
              !previous.startsDate(in: clause..<start) else { return nil }
        var spans: [Period] = []
        if let d = docYear, let w = paragraphTime(before: sentence, segmentation: segmentation, bytes: bytes)?.words,
           let m = lastPeriodWord(in: w, bytes)?.meaning, let o = Self.offsets(m) { spans.append(d.period(o)) }
        if let h = headingPeriod(segmentation, at: match, bytes: bytes, docYear: docYear, modality: nil, previous: previous) { spans.append(h) }
        return spans.first { $0.low < $0.high && $0.high == y }.map { ($0.low, $0.high) }
    }

    /// The year of a review block: the nearest paragraph of the number's block opened by a block cue (as
    /// `blockCue` finds it) when that cue is a `period` word of one year (过去一年，…。 then, in a paragraph of
    /// its own, 国内生产总值比上年增长7.8% → last year), for a result in a numbered point (a section, not the
    /// whole speech: a paragraph of a speech's last year opens no section of its own).
    func blockPeriod(at match: Range<Int>, docYear: DocumentYear?, modality: String?, segmentation: Segmentation, bytes: [UInt8]) -> Period? {
        guard let d = docYear, modality == "actual" else { return nil }
        var block = segmentation.point(containing: match)
        while block.kind == .inline { block = block.parent.map { segmentation.points[$0] } ?? segmentation.root }
        guard block.kind != .speech, block.kind != .document, block.heading != nil else { return nil }
        let paras = segmentation.paragraphs
        var k = Search.first(paras.count) { paras[$0].upperBound > match.lowerBound }, n = 0
        while k >= 0, n < 12, paras[k].upperBound > block.range.lowerBound {
            switch opening(k, paras, bytes) {
            case .cue:
                let head = paras[k].lowerBound..<boundary(bytes, min(paras[k].upperBound, paras[k].lowerBound + 60))
                guard let w = firstWord(words.blockModality, in: head, bytes), let m = periods.meaning[w],
                      let o = Self.offsets(m), o.low == o.high else { return nil }
                return d.period(o)
            case .time: return nil
            case .none: break
            }
            k -= 1
            n += 1
        }
        return nil
    }

    /// A level reached inside a span of years (五年来…国内生产总值达到39.8万亿元, “十一五”…提高到60%) is
    /// the level at the span's end: its last year. A level is a number after a level verb or a change verb
    /// with 到 (`change` null, a direction), or right after a `change_link` of meaning `level` (达到); not after a
    /// `span_total` word in its clause (after `from`, in its sentence): 五年合计…达到 is a total over the span.
    /// For the number starting at `start`, whose `change` is none (`noChange`) and whose `direction` is given or not.
    func atSpanEnd(_ p: Period?, start: Int, noChange: Bool, direction: Bool, from: Int, bytes: [UInt8]) -> Period? {
        guard let p, p.low != p.high else { return p }
        let level = noChange && (direction || reach.suffix(of: bytes, max(0, start - 12)..<start) != nil)
        guard level else { return p }
        let clause = ChangeReader(words: words).clauseStart(before: start, from: from, bytes: bytes)
        return firstWord(periods.totals, in: clause..<start, bytes) != nil ? p : Period(low: p.high, high: p.high, inferred: p.inferred)
    }
}

/// A time carried from earlier in a paragraph: a written year (and whether the number is a yearly
/// average, which it is no period of), or where the last `period` word after it is written.
struct Carried {
    let year: Int?
    let words: Range<Int>?
    let average: Bool
}
