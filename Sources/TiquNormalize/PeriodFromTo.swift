import TiquSegment

/// The period of A in 从A提高到B (`Normalizer.normalize`), once B's is read.
extension Normalizer {
    /// A's period: its own year when written (由2002年7703元); the year before B's after 上年 (由上年46亿元增加到
    /// 92亿元); inside a span of years, the level at the span's start.
    func periodOfA(_ a: inout Extraction, year: Int?, b: Extraction, marker: Int, dates: ArraySlice<Extraction>, sentence: Range<Int>,
                   bytes: [UInt8], segmentation: Segmentation, context: ContextReader) {
        if let year {
            a.period = String(year)
            a.periodEnd = nil
            a.periodInferred = false
        } else if let y = b.period.flatMap(Int.init), b.periodEnd == nil, !b.modalityFromA, yearBefore(a, marker: marker, bytes: bytes) {
            // 由上年46亿元增加到92亿元: A's year is the one before B's.
            (a.period, a.periodEnd, a.periodInferred) = (String(y - 1), nil, b.periodInferred)
        } else if let end = a.periodEnd {
            // 十年来…从五十四万亿元增长到一百一十四万亿元: A is the level at the span's start, as B is at its end
            // (`atSpanEnd`): the year before its first (过去五年 of 2003, 1998 to 2002: 由65969公里增加到71500公里 →
            // 1997; “十一五” → 2005), its first when the years are written (从一九七八年到一九八二年，…由五百九十八所…)
            // or the span was carried up to a late speech's own year (2012 to 2022 in October 2022).
            let late = context.documentYear(segmentation, at: b.match.range).map { $0.late && String($0.year) == end } ?? false
            if let (low, high) = comparedTime(dates, sentence: sentence, bytes: bytes) {
                // “六五”时期同“五五”时期相比，…产量由A增加到B: A is of the time compared with.
                (a.period, a.periodEnd) = (String(low), low < high ? String(high) : nil)
            } else {
                if !late, !yearsWritten(dates, bytes: bytes), let low = a.period.flatMap(Int.init) {
                    a.period = String(low - 1)
                }
                a.periodEnd = nil
            }
        }
    }

    /// Whether a date among `dates` (those of A's sentence before A) writes a year (一九七八年到一九八二年;
    /// not a plan, “十一五”).
    func yearsWritten(_ dates: ArraySlice<Extraction>, bytes: [UInt8]) -> Bool {
        dates.contains { $0.kind == .date && !DocumentYear.years(in: $0.match.range, bytes, mark: words.yearMark).isEmpty }
    }

    /// The years of a date among `dates` written right after a `base_marker` (同“五五”时期相比), the time
    /// A of a span's 由A增加到B is compared at.
    func comparedTime(_ dates: ArraySlice<Extraction>, sentence: Range<Int>, bytes: [UInt8]) -> (Int, Int)? {
        dates.lazy.filter { $0.kind == .date && self.words.baseMarkers.suffix(of: bytes, sentence.lowerBound..<$0.match.range.lowerBound) != nil }
            .compactMap { ContextReader.years(of: $0.value) }.last
    }

    /// Whether A of 由上年A增加到B is dated by a `level_time` word of meaning `previous` (上年, 上年末) between
    /// 从/由 (at `marker`) and its number (的 after it skipped): the year before B's.
    func yearBefore(_ a: Extraction, marker: Int, bytes: [UInt8]) -> Bool {
        var end = a.match.range.lowerBound
        guard marker < end else { return false }
        if let de = words.fromLinks.suffix(of: bytes, marker..<end) { end -= de.count }
        guard let w = words.levelTime.suffix(of: bytes, marker..<end), end - w.count > marker else { return false }
        return words.meanings.levelTime[w] == "previous" && words.fromMarkers.suffix(of: bytes, marker..<(end - w.count)) != nil
    }
}
