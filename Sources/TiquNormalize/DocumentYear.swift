import TiquClean
import TiquNumbers
import TiquRules
import TiquSegment
import TiquText

/// The year a document speaks from, which `今年`, `去年` and `全年` are resolved against: from a speech's
/// title or date line (read by the segmenter), else given (`tiqu run --year`), else inferred from the
/// text, and then every period resolved against it says so (`period_inferred`).
public struct DocumentYear: Sendable, Equatable {
    public let year: Int
    public let inferred: Bool
    /// Whether the speech is dated in the second half of its year (from `lateMonth` on): its review spans
    /// then run up to that year (`period(_:)`).
    public let late: Bool

    public init(year: Int, inferred: Bool, late: Bool = false) {
        self.year = year
        self.inferred = inferred
        self.late = late
    }

    /// The first month of a speech whose year is mostly past: a congress report of October 2022 reviews
    /// its 过去五年 as 2017 to 2022, a work report of March 2025 as 2020 to 2024.
    static let lateMonth = 7

    /// A `period` meaning's offsets against this year (过去五年, -5..-1; 今后五年, 0..4); a span up to last year
    /// ends in this year itself when the speech is `late` (2022-10-16: 2017 to 2022).
    func period(_ o: (low: Int, high: Int)) -> Period {
        let high = late && o.low < o.high && o.high == -1 ? 0 : o.high
        return Period(low: year + o.low, high: year + high, inferred: inferred)
    }

    /// The years written as four digits and a `year_mark` (`2009年`, `一九九二年`, `二〇三五年`) in `range`, in order.
    static func years(in range: Range<Int>, _ b: [UInt8], mark: ByteWords) -> [Int] {
        marked(in: range, b, mark: mark).map(\.year)
    }

    /// The same with where each is written (its digits and mark): four ASCII digits, or four Chinese digits
    /// (read by `Numerals`, as the `date.year` rule's CN_YEAR is), right before the mark and after no other digit.
    static func marked(in range: Range<Int>, _ b: [UInt8], mark: ByteWords) -> [(year: Int, at: Range<Int>)] {
        var out: [(year: Int, at: Range<Int>)] = []
        var i = range.lowerBound
        // One mark (年): found by the skipping search, not tried at every byte; the same places.
        if mark.words.count == 1, let w = mark.words.first {
            while let k = ByteWords.firstIndex(of: w, in: b, i..<range.upperBound) {
                if let (y, start) = digits(before: k, b, from: range.lowerBound) { out.append((y, start..<(k + w.count))) }
                i = k + w.count
            }
            return out
        }
        while i < range.upperBound {
            guard mark.mayStart(b, i, range.upperBound), let m = mark.prefix(of: b, i..<range.upperBound) else { i += 1; continue }
            if let (y, start) = digits(before: i, b, from: range.lowerBound) {
                out.append((y, start..<(i + m.count)))
            }
            i += m.count
        }
        return out
    }

    /// The year written in the four digits ending at `end` (ASCII or Chinese, not mixed with a digit
    /// before them), 1900 to 2100, and where they start; nil otherwise.
    static func digits(before end: Int, _ b: [UInt8], from lower: Int) -> (Int, Int)? {
        func ascii(_ i: Int) -> Bool { i >= 0 && i < b.count && b[i] &- 0x30 < 10 }
        if end - 4 >= lower, ascii(end - 1), ascii(end - 2), ascii(end - 3), ascii(end - 4), !ascii(end - 5) {
            let y = Int(b[end - 4] - 0x30) * 1000 + Int(b[end - 3] - 0x30) * 100 + Int(b[end - 2] - 0x30) * 10 + Int(b[end - 1] - 0x30)
            guard (1900...2100).contains(y) else { return nil }
            return (y, end - 4)
        }
        // Chinese digits: each three bytes (一九九二; 〇 and ○ too), none right before them.
        func numeral(_ i: Int) -> Unicode.Scalar? {
            guard i >= lower, i + 3 <= b.count, b[i] >= 0xE0, b[i] < 0xF0 else { return nil }
            return Unicode.Scalar(UTF8Scalar.decode(b, i).value)
        }
        // A run of four digits reads digit by digit (`Numerals.parse`: 一九九二 → 1992), so the year is
        // summed here, with no string built for the most common miss (今年, 去年: no digit before 年).
        var y = 0, place = 1
        for k in 1...4 {
            // A Chinese numeral read alone below 10 is a digit (十, 百, 万 are 10 and more).
            guard let c = numeral(end - 3 * k), let d = Numerals.digit(c) else { return nil }
            y += Int(d) * place
            place *= 10
        }
        if let c = numeral(end - 15), Numerals.isChineseNumeral(c) { return nil }
        guard (1900...2100).contains(y) else { return nil }
        return (y, end - 12)
    }

    /// A report reviews the year before it: the first point whose heading holds a review word
    /// (`heading_modality` actual: 回顾, 成绩; or a `period` word of past years: 过去五年) gives the year written in that heading (一、2009年工作回顾 →
    /// 2010), else the latest year written at least twice in its text (由1997年的…增加到2002年的… reviews
    /// 2002), plus one. Without such a heading, `thisYear` reads the sentences that write a year before 今年.
    /// Nil when neither says: an empty period is better than a guessed one.
    static func infer(_ text: CleanText, segmentation: Segmentation, words: ContextWords) -> DocumentYear? {
        let b = text.bytes
        // A review word, or a period word of past years (一、过去五年的工作).
        let review = reviewWords(words)
        for p in segmentation.points where p.kind != .inline && p.kind != .speech {
            guard let h = p.heading, review.contains(where: { ByteWords.contains(b, h, $0) }) else { continue }
            if let y = years(in: h, b, mark: words.yearMark).first { return DocumentYear(year: y + 1, inferred: true) }
            // 国民经济的成就和今后的建设任务: a section that reviews and then plans writes the years of both (a
            // December report of 1964 plans 一九六五年 and 为一九六六年开始的…计划): its latest year is no reviewed one.
            if plansAfterReview(h, b, review: review, words: words) { break }
            // Not a deadline or a comparison's base (到二〇〇〇年, 比二〇〇〇年翻一番): no year reviewed.
            var count: [Int: Int] = [:]
            for (y, at) in marked(in: p.range, b, mark: words.yearMark)
            where words.changeTo.suffix(of: b, p.range.lowerBound..<at.lowerBound) == nil
                && words.baseMarkers.suffix(of: b, p.range.lowerBound..<at.lowerBound) == nil {
                count[y, default: 0] += 1
            }
            guard let latest = count.filter({ $0.value >= 2 }).keys.max() else { break }
            // Sentences that write a year before 今年 and say another year: not safe.
            if let other = thisYear(b, segmentation: segmentation, words: words), other.year != latest + 1 { return nil }
            return DocumentYear(year: latest + 1, inferred: true)
        }
        return thisYear(b, segmentation: segmentation, words: words)
    }

    /// The words of a heading that reviews: a review word (`heading_modality` actual: 回顾, 成绩), or a
    /// `period` word of past years (过去五年).
    static func reviewWords(_ words: ContextWords) -> [[UInt8]] {
        words.headingModality.filter { $0.meaning == "actual" }.map(\.bytes)
            + words.period.filter { ContextReader.offsets($0.meaning).map { $0.high < 0 } ?? false }.map(\.bytes)
    }

    /// Whether a heading writes a target word (`heading_modality` target: 任务, 计划) after its first review
    /// word: 成就和今后的建设任务 reviews and plans; “六五”计划执行情况的回顾 only reviews (计划 names the plan).
    static func plansAfterReview(_ h: Range<Int>, _ b: [UInt8], review: [[UInt8]], words: ContextWords) -> Bool {
        guard let first = review.lazy.compactMap({ ByteWords.firstIndex(of: $0, in: b, h) }).min() else { return false }
        return words.headingModality.contains { $0.meaning == "target" && ByteWords.firstIndex(of: $0.bytes, in: b, first..<h.upperBound) != nil }
    }

    /// The year that 今年 stands for where sentences write a year before it (从1979年的…、1980年的…降低到
    /// 今年的…; 1980年…，今年又继续增加): the last such year, plus one, by most sentences (at least two, and
    /// more than any other: 1982年的计划…由今年预计的… is one vote for 1983 against many for 1981).
    static func thisYear(_ b: [UInt8], segmentation: Segmentation, words: ContextWords) -> DocumentYear? {
        let now = nowWords(b, words: words)
        var votes: [Int: Int] = [:]
        for s in segmentation.sentences {
            // The first 今年 written wholly inside the sentence.
            var k = Search.first(now.count) { now[$0].at >= s.lowerBound }
            while k < now.count, now[k].at < s.upperBound, now[k].at + now[k].length > s.upperBound { k += 1 }
            guard k < now.count, now[k].at < s.upperBound,
                  let y = marked(in: s.lowerBound..<now[k].at, b, mark: words.yearMark).last?.year else { continue }
            votes[y + 1, default: 0] += 1
        }
        let ranked = votes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard let top = ranked.first, top.value >= 2, ranked.count < 2 || ranked[1].value < top.value else { return nil }
        return DocumentYear(year: top.key, inferred: true)
    }

    /// Every place a `period` word of meaning `0` (今年) is written, with the shortest one written there
    /// (whether one fits before a sentence's end), in order: one scan of the text for all the words
    /// (`WordScan`), where each sentence used to search itself for each word.
    static func nowWords(_ b: [UInt8], words: ContextWords) -> [(at: Int, length: Int)] {
        WordScan(words.period.filter { $0.meaning == "0" }.map(\.bytes)).all(in: b, 0..<b.count)
    }
}

extension Normalizer {
    /// The year of a document whose speeches give none: `given` (`--year`), else inferred from the meeting
    /// its opening addresses (`DocumentYear.addressed`), from its review section (`DocumentYear.infer`) and
    /// from the year its opening names as just past (`DocumentYear.justPast`), none when two disagree; else
    /// from the meetings its text dates (`DocumentYear.dated`: 去年召开的…).
    /// Computed once per document, before its parts are normalized.
    public func fallbackYear(given: Int?, text: CleanText, segmentation: Segmentation) -> DocumentYear? {
        if let y = given { return DocumentYear(year: y, inferred: false) }
        if DocumentYear.everyParagraphDated(segmentation) { return nil }
        let meeting = DocumentYear.addressed(text.bytes, segmentation: segmentation, words: meetings)
        let review = DocumentYear.infer(text, segmentation: segmentation, words: words)
        let past = DocumentYear.justPast(text.bytes, segmentation: segmentation, words: meetings, mark: words.yearMark)
        // The meeting addressed, the review section and the year just past: one year, or none when two disagree.
        let found = [meeting, review, past].compactMap { $0 }
        guard let first = found.first else { return DocumentYear.dated(text.bytes, meetings, mark: words.yearMark) }
        return found.allSatisfy { $0.year == first.year } ? first : nil
    }
}

extension DocumentYear {
    /// Whether every paragraph lies in a speech whose date gives its year: then no number reads the
    /// fallback year (`ContextReader.documentYear`), and the text is not read to infer one.
    static func everyParagraphDated(_ seg: Segmentation) -> Bool {
        let speeches = seg.points.filter { $0.kind == .speech }
        guard !speeches.isEmpty, speeches.allSatisfy({ $0.date.flatMap { Int($0.prefix(4)) } != nil }) else { return false }
        var k = 0
        for p in seg.paragraphs {
            while k < speeches.count, speeches[k].range.upperBound <= p.lowerBound { k += 1 }
            guard k < speeches.count, speeches[k].range.lowerBound <= p.lowerBound, speeches[k].range.upperBound >= p.upperBound else { return false }
        }
        return true
    }
}
