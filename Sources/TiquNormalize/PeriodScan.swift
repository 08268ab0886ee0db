import TiquNumbers
import TiquText

/// The scan for `period` words (今年, 过去五年) before a number, in its sentence, and over its paragraph
/// before its sentence (the time carried).
extension ContextReader {
    /// The meaning of the last `period` word in `clause` (not 上年 inside 比上年, a base), and whether a
    /// `year_part` follows it (今年1月, 今年以来: a part of the year already past).
    func lastPeriodWord(in clause: Range<Int>, _ bytes: [UInt8]) -> (meaning: String, pastPart: Bool, at: Range<Int>)? {
        var found: (meaning: String, pastPart: Bool, at: Range<Int>)?
        let base = words.baseWords, table = periods.table
        var i = clause.lowerBound
        while i < clause.upperBound {
            if !base.mayStart(bytes, i, clause.upperBound) && !table.mayStart(bytes, i, clause.upperBound) { i += 1; continue }
            if let w = base.prefix(of: bytes, i..<clause.upperBound) { i += w.count; continue }
            if let w = table.prefix(of: bytes, i..<clause.upperBound), let m = periods.meaning[w],
               !averageInside(i..<(i + w.count), clause.upperBound, bytes) {
                i += w.count
                found = (m, m == "0" && pastPart(at: i, clause.upperBound, bytes), (i - w.count)..<i)
            } else {
                i += 1
            }
        }
        return found
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

    /// Whether a `year_part` stands at `i`, after the digits or numerals of a month or quarter, if any.
    func pastPart(at i: Int, _ end: Int, _ b: [UInt8]) -> Bool {
        var j = i
        while j < end {
            let (v, n) = UTF8Scalar.decode(b, j)
            guard (0x30...0x39).contains(v) || Unicode.Scalar(v).map(Numerals.isChineseNumeral) == true else { break }
            j += n
        }
        return words.yearPart.prefix(of: b, j..<end) != nil
    }
}
