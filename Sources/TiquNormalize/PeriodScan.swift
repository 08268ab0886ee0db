import TiquNumbers
import TiquSegment
import TiquText

/// The scan for `period` words (今年, 过去五年) before a number, in its sentence, and over its paragraph
/// before its sentence (the time carried).
extension ContextReader {
    /// The meaning of the last `period` word in `clause` (not 上年 inside 比上年, a base), and whether a
    /// `year_part` follows it (今年1月, 今年以来: a part of the year already past).
    func lastPeriodWord(in clause: Range<Int>, _ bytes: [UInt8]) -> (meaning: String, pastPart: Bool, at: Range<Int>)? {
        if let known = memo.recalled(clause) { return known }
        var found: (meaning: String, pastPart: Bool, at: Range<Int>)?
        defer { memo.keep(clause, found) }
        let base = words.baseWords, table = periods.table
        var i = clause.lowerBound
        while i < clause.upperBound {
            i = periods.periodStarts.next(bytes, from: i, to: clause.upperBound)
            guard i < clause.upperBound else { break }
            if let w = base.prefix(of: bytes, i..<clause.upperBound) { i += w.count; continue }
            if let w = table.prefix(of: bytes, i..<clause.upperBound), let m = periods.meaning[w],
               !averageInside(i..<(i + w.count), clause.upperBound, bytes) {
                if m.hasPrefix(PeriodWords.spanMark) {
                    if let (span, start) = countedSpan(m, at: i, bytes, from: clause.lowerBound) { found = (span, false, start..<(i + w.count)) }
                    i += w.count
                    continue
                }
                i += w.count
                found = (m, (m == "0" || m == Self.discussed) && pastPart(at: i, clause.upperBound, bytes), (i - w.count)..<i)
            } else {
                i += 1
            }
        }
        return found
    }

    /// The span a `period_span` word at `i` closes with the count of years before it (九年间, 五年中: the
    /// last nine or five years, as `-9..-1`), and where the count starts; nil for a word meaning none, a count
    /// not from 1 to 30, or one after a `not` word (第一个五年中, 今后五年中).
    func countedSpan(_ meaning: String, at i: Int, _ b: [UInt8], from lower: Int) -> (String, Int)? {
        guard meaning == PeriodWords.spanMark + "past", let (n, start) = DocumentYear.number(endingAt: i, b, from: lower), n <= 30,
              periods.notBeforeCount.suffix(of: b, lower..<start) == nil else { return nil }
        return ("-\(n)..-1", start)
    }

    /// The first `period` word, or `period_span` word after a count (九年间), written in `range`, and whether
    /// it is such a count; nil when none is. 上年 inside 比上年 is a base, no time (国内生产总值比上年增长7.8%
    /// opens no other time).
    func firstPeriodWord(in range: Range<Int>, _ b: [UInt8]) -> (counted: Bool, Void)? {
        var i = range.lowerBound
        let table = periods.table, base = words.baseWords
        while i < range.upperBound {
            // Past places where neither a period word nor a base word may start (the union of both tables).
            i = periods.periodStarts.next(b, from: i, to: range.upperBound)
            if base.mayStart(b, i, range.upperBound), let w = base.prefix(of: b, i..<range.upperBound) { i += w.count; continue }
            if table.mayStart(b, i, range.upperBound), let w = table.prefix(of: b, i..<range.upperBound) {
                guard let m = periods.meaning[w], m.hasPrefix(PeriodWords.spanMark) else { return (false, ()) }
                if countedSpan(m, at: i, b, from: range.lowerBound) != nil { return (true, ()) }
            }
            i += 1
        }
        return nil
    }

    /// Whether the period word at `w` holds a `period_span` word (九年间, 五年来): past years counted.
    func countsPastYears(_ w: Range<Int>, _ b: [UInt8]) -> Bool {
        periods.spans.contains { ByteWords.contains(b, w, $0) }
    }

    /// Whether an `average` word starts inside the period word at `word` (基础上年均增长: 上年 is no
    /// period word there, 年均 is).
    func averageInside(_ word: Range<Int>, _ end: Int, _ b: [UInt8]) -> Bool {
        var j = word.lowerBound + 1
        while j < word.upperBound {
            if average.mayStart(b, j, end), average.prefix(of: b, j..<end) != nil { return true }
            j += 1
        }
        return false
    }

    /// Whether a `year_part` stands at `i`, after the digits or numerals of a month or quarter, if any, two
    /// of them joined by a `year_part` of meaning `joiner` (今年1到10月).
    func pastPart(at i: Int, _ end: Int, _ b: [UInt8]) -> Bool {
        var j = i, figures = false
        while j < end {
            let (v, n) = UTF8Scalar.decode(b, j)
            if (0x30...0x39).contains(v) || Unicode.Scalar(v).map(Numerals.isChineseNumeral) == true {
                (j, figures) = (j + n, true)
                continue
            }
            guard figures, let w = words.yearPart.prefix(of: b, j..<end), words.meaning["year_part"]?[w] == "joiner" else { break }
            (j, figures) = (j + w.count, false)
        }
        guard let w = words.yearPart.prefix(of: b, j..<end) else { return false }
        return words.meaning["year_part"]?[w] != "joiner"
    }

    /// The year written without its `year_mark` right before the last `period` word of meaning `target`
    /// in `clause` (2024全年完成…50亿美元 → 2024): a written year, as 2024年全年 would be.
    func yearBeforeWholeYear(_ clause: Range<Int>, _ bytes: [UInt8]) -> Int? {
        guard let w = lastPeriodWord(in: clause, bytes), w.meaning == "target" else { return nil }
        return DocumentYear.digits(before: w.at.lowerBound, bytes, from: clause.lowerBound)?.0
    }

    /// Where the date of `span` is written in `range` when the span ends by the document's year: the name
    /// of a plan closed or closing (在第一个五年计划期间…共有156个 in 1957), whose 计划 is no aim; its years say.
    /// Not for a number right after a plan measured against (超过原定计划427亿元的10%: 427亿元 is the plan's).
    func closedPlan(_ span: (Int, Int), previous: [Extraction], in range: Range<Int>, docYear: Int?, _ bytes: [UInt8]) -> Range<Int>? {
        guard let d = docYear, span.1 <= d else { return nil }
        if let w = words.weakModality.suffix(of: bytes, range), words.meanings.weakModality[w] == "none" { return nil }
        // Back from the end by index, only while the starts are in `range` (the list is in the order of the
        // starts): `previous.last(where:)` copied every extraction back to the document's start.
        var k = previous.count - 1
        while k >= 0, previous[k].match.range.lowerBound >= range.lowerBound {
            let r = previous[k].match.range
            if previous[k].kind == .date, r.lowerBound < range.upperBound, Self.years(of: previous[k].value).map({ $0 == span }) == true { return r }
            k -= 1
        }
        return nil
    }

    /// `本年` (a `period` word of meaning `this`) before the number, or carried to it, is the year under
    /// discussion: the year carried in its paragraph, else the one year of the innermost heading above that
    /// names one (一、1955年国家决算 → 1955, though the report is of 1956), read as a written year; nil when
    /// neither names one (it is then the document's year, as 今年 is).
    func discussedYear(_ clause: Range<Int>, carried: Range<Int>?, sentence: Range<Int>, at range: Range<Int>,
                       segmentation: Segmentation, bytes: [UInt8]) -> Int? {
        guard lastPeriodWord(in: clause, bytes)?.meaning == Self.discussed
                || carried.flatMap({ lastPeriodWord(in: $0, bytes)?.meaning }) == Self.discussed else { return nil }
        if let y = paragraphTime(before: sentence, segmentation: segmentation, bytes: bytes)?.year { return y }
        let title = segmentation.speech(containing: range)?.heading
        for h in segmentation.headings(containing: range).reversed() where h != title {
            let ys = Set(DocumentYear.years(in: h, bytes, mark: words.yearMark))
            if ys.count == 1 { return ys.first }
        }
        return nil
    }

    /// The `period` meaning of 本年: the year under discussion (`discussedYear`), else the document's year.
    static let discussed = "this"

    /// 为1997年的2.9倍, 为1955年的98.88%: a year in the number's clause after a link word (`change_link`) and
    /// right before the number but for `的` is the other side of a comparison, its base (as 比1997年 is), not
    /// the number's period; not after a change verb (下降为一九五二年的…: B of 由A下降为B, in its own year).
    func isLinkedBase(_ year: Range<Int>, of number: Range<Int>, clause: Int, _ bytes: [UInt8]) -> Bool {
        guard year.lowerBound >= clause, let link = words.changeLinks.suffix(of: bytes, clause..<year.lowerBound),
              words.changeVerbs.suffix(of: bytes, clause..<(year.lowerBound - link.count)) == nil,
              let de = words.fromLinks.prefix(of: bytes, year.upperBound..<number.lowerBound) else { return false }
        return year.upperBound + de.count == number.lowerBound
    }
}
