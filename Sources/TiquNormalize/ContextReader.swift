import TiquNumbers
import TiquRules
import TiquSegment
import TiquText

/// The year or span of years a number belongs to (`low == high` for one year), and whether it was
/// resolved against an inferred document year.
struct Period: Equatable {
    var low: Int
    var high: Int
    var inferred: Bool
}

/// What a number is about, from the words before it in its sentence (`ContextWords`, from
/// rules/patterns/context.yaml), the dates already read in the sentence, its paragraph, the paragraphs of
/// its block and the headings above it: modality (target or actual), period (the year it belongs to), the
/// comparison base, and the indicator (`IndicatorReader`).
struct ContextReader {
    let words: ContextWords
    /// The year of a document whose speech gives none: `--year`, or inferred from its review section.
    let fallbackYear: DocumentYear?
    /// The `period` words as one table (built once per normalizer) and what each paragraph's opening
    /// says (read once per document): every number of a paragraph used to rescan both.
    let periods: PeriodWords
    let openings: ParagraphOpenings
    /// `change_link` words of meaning `level` (达到): the number after one is a level (`atSpanEnd`).
    let reach: ByteWords
    /// `indicator_lead` words of meaning `average` (年均): a yearly average takes no carried year.
    let average: ByteWords
    /// `clause_boundary` marks of meaning `stop` (。): the end of a sentence, not of a `;` clause.
    let stops: ByteWords
    /// The span each heading names (read once per document), nil when the whole document is normalized at once.
    let plans: HeadingPlans?
    /// What each heading and paragraph opening says, read once (`ContextMemo`).
    let memo = ContextMemo()

    /// `named`: whether the number stands inside quote or title marks (`Normalizer.named`).
    func read(_ e: inout Extraction, sentence: Range<Int>, bytes: [UInt8], segmentation: Segmentation, previous: [Extraction], named: Bool) {
        let start = e.match.range.lowerBound
        var from = max(sentence.lowerBound, start - 150)
        while from < start, bytes[from] & 0xC0 == 0x80 { from += 1 }
        let docYear = documentYear(segmentation, at: e.match.range)
        let clause = ChangeReader(words: words).clauseStart(before: start, from: from, bytes: bytes)
        // The last year written before the number in the sentence (for B of 从2007年的A到去年的B: after the
        // verb); a year after 比/较 is the comparison base (比2010年翻一番), not the period.
        let floor = max(sentence.lowerBound, e.periodFloor ?? 0)
        var (year, span) = writtenYears(&e, previous: previous, floor: floor, clause: clause, sentence: sentence, docYear: docYear, bytes: bytes)
        if e.base == nil, let w = firstWord(words.baseWords, in: clause..<start, bytes) { e.base = words.meanings.baseWord[w] }
        if let y = year, let s = averageSpan(y, match: e.match.range, ownYear: e.ownYear, clause: clause, sentence: sentence, docYear: docYear, segmentation: segmentation,
                                             bytes: bytes, previous: previous) { (year, span) = (nil, s) }
        // A span ending after the document's year (“十四五” in 2023) is an aim unless it started before.
        let spanYear = span.map { s in docYear.map { s.1 > $0.year ? s.1 : s.0 } ?? s.1 }
        // A year carried from the paragraph (see `carried`) speaks for the number as a written one would.
        let carry = year == nil && span == nil ? carried(at: start, periodFloor: e.periodFloor, sentence: sentence, segmentation: segmentation, bytes: bytes) : nil
        if year == nil, span == nil { year = discussedYear(max(from, floor)..<start, carried: carry?.words, sentence: sentence, at: e.match.range,
                                                          segmentation: segmentation, bytes: bytes) }
        if year == nil, span == nil { year = yearBeforeWholeYear(max(from, floor)..<start, bytes) }
        // B of 由去年的A增加到B reads no cue of A's time; when nothing else says, it reads them as before.
        let ownA = ownTimeOfA(hasFrom: e.from != nil, periodFloor: e.periodFloor, from: from, bytes)
        let skip = ownA ?? span.flatMap { closedPlan($0, previous: previous, in: from..<start, docYear: docYear?.year, bytes) }
        let (match, known) = (e.match.range, year ?? spanYear ?? carry?.year)
        // A loop, not `lazy.compactMap { … }.first`: that reads the first modality found twice.
        e.modality = nil
        var decidedWithA = false
        for s in skip == nil ? [nil] : [skip, nil] {
            e.modality = modality(before: from..<start, skip: s, year: known, carried: carry?.words, docYear: docYear?.year,
                                  match: match, bytes: bytes, segmentation: segmentation, previous: previous)
            if e.modality != nil { decidedWithA = s == nil; break }
        }
        // 规划…比一九八○年的七千一百五十九亿元: the base's own value, of a year past, is a result whatever the aim.
        if e.baseValue, let y = year, let d = docYear?.year, y < d { e.modality = "actual" }
        // Only A's time decided B's modality (将由上年18亿元增加到95亿元): B's period says nothing of A's.
        e.modalityFromA = ownA != nil && decidedWithA
        let written = year.map { Period(low: $0, high: $0, inferred: false) } ?? span.map { Period(low: $0.0, high: $0.1, inferred: false) }
        var period = atSpanEnd(written ?? self.period(before: max(from, floor)..<start, docYear: docYear, modality: e.modality, bytes: bytes)
            ?? carry.flatMap { resolve($0, docYear: docYear, modality: e.modality, bytes: bytes) }
            ?? headingPeriod(segmentation, at: e.match.range, bytes: bytes, docYear: docYear, modality: e.modality, previous: previous)
            ?? blockPeriod(at: e.match.range, docYear: docYear, modality: e.modality, segmentation: segmentation, bytes: bytes),
                               start: start, noChange: e.change == nil, direction: e.direction != nil, from: from, bytes: bytes)
        // 现在，中国共产党已经同一百多个国家…: a result of the present in its own sentence is of the document's year
        // (not A of 目前…已由五十年代的A上升到B).
        let isA = words.fromMarkers.occurs(in: bytes, clause..<start) && !words.changeTo.occurs(in: bytes, clause..<start)
        if period == nil, e.modality == "actual", !isA, let d = docYear?.year, presentCue(from..<start, bytes) { period = Period(low: d, high: d, inferred: true) }
        e.period = period.map { String($0.low) }
        e.periodEnd = period.flatMap { $0.high != $0.low ? String($0.high) : nil }
        e.periodInferred = period?.inferred ?? false
        // 略低于8%的预定目标: the figure of the year's aim, in the year its sentence says.
        if periods.targetAfter.prefix(of: bytes, match.upperBound..<min(bytes.count, match.upperBound + 18)) != nil { e.modality = "target" }
        IndicatorReader(words: words).read(&e, before: from..<start, sentence: sentence, bytes: bytes, previous: previous, named: named)
    }

    /// The last year written before the number in its sentence (after `floor`), or the span of years of a
    /// date range (“十四五”期间, 1952年到1956年): a span in the number's own clause wins over a year before
    /// it; a span in an earlier clause yields to a year before it (1984年,…在1979到1983年…的基础上,比上年
    /// 增长14.2%) and to a period word after it (…,其中去年超收2573亿元). A year after 比/较 is the base.
    func writtenYears(_ e: inout Extraction, previous: [Extraction], floor: Int, clause: Int, sentence: Range<Int>,
                      docYear: DocumentYear?, bytes: [UInt8]) -> (Int?, (Int, Int)?) {
        if let y = e.ownYear { return (y, nil) }
        var span: (Int, Int)?, spanEnd = 0
        for k in previous.indices.reversed() {
            let r = previous[k].match.range, kind = previous[k].kind
            guard r.lowerBound >= floor else { break }
            guard kind == .date, let (a, b) = Self.years(of: previous[k].value),
                  !Self.insideParentheses(r, before: e.match.range.lowerBound, bytes) else { continue }
            if words.baseMarkers.suffix(of: bytes, sentence.lowerBound..<r.lowerBound) != nil {
                // 比一九五二年的二百七十亿一千万元: the base's own value, of its year.
                if a == b, let w = words.indicatorNotEnd.prefix(of: bytes, r.upperBound..<e.match.range.lowerBound),
                   w.count == e.match.range.lowerBound - r.upperBound, words.meaning["indicator_not_end"]?[w] == "de" {
                    e.baseValue = true
                    return (a, nil)
                }
                if e.base == nil, a == b, r.lowerBound >= clause { e.base = String(a) }
                continue
            }
            if a == b, isLinkedBase(r, of: e.match.range, clause: clause, bytes) {
                if e.base == nil { e.base = String(a) }
                continue
            }
            // “十四五”期末: the span's last year.
            if a == b || words.spanEnd.prefix(of: bytes, r.upperBound..<e.match.range.lowerBound) != nil {
                // 由1997年的…增加到2002年的4025亿元，五年共计12319亿元，其中…1777亿元: a span's period word after the year.
                if let w = lastPeriodWord(in: r.upperBound..<e.match.range.lowerBound, bytes), Self.offsets(w.meaning).map({ $0.low < $0.high }) == true,
                   !countsWrittenYears(w.at, bytes, from: r.lowerBound) { return (nil, nil) }
                return (b, nil)
            }
            if span == nil {
                (span, spanEnd) = ((a, b), r.upperBound)
                if spanEnd >= clause { break }
            }
        }
        // A period word past the span's clause is another time, but not one right after it (1932年到1936年五年间).
        // 从一九六六年到一九七六年的十一年中: 的 may stand between.
        if span != nil, spanEnd < clause, docYear != nil,
           let w = lastPeriodWord(in: spanEnd..<e.match.range.lowerBound, bytes),
           w.at.lowerBound > spanEnd + (words.fromLinks.prefix(of: bytes, spanEnd..<e.match.range.lowerBound)?.count ?? 0) { return (nil, nil) }
        return (nil, span)
    }

    /// 今年/去年/全年/过去五年 against the document's year (the last such word before the number; 上年 inside
    /// 比上年 is a base, not a period); 全年 is this year for an aim, last year for a result.
    func period(before clause: Range<Int>, docYear: DocumentYear?, modality: String?, bytes: [UInt8]) -> Period? {
        guard let d = docYear, let m = lastPeriodWord(in: clause, bytes)?.meaning else { return nil }
        if m == "target" {
            guard let shift = ["target": 0, "actual": -1][modality ?? ""] else { return nil }
            return Period(low: d.year + shift, high: d.year + shift, inferred: d.inferred)
        }
        return Self.offsets(m).map { d.period($0) }
    }

    /// A `period` meaning as offsets from the document's year: `-1` → (-1, -1), `-5..-1` → (-5, -1).
    /// Read from the meaning's bytes, with no array or substring made: it runs for every number.
    static func offsets(_ meaning: String) -> (low: Int, high: Int)? {
        if meaning == discussed { return (0, 0) }
        var u = meaning.utf8.makeIterator()
        var c = u.next()
        func int() -> Int? {
            var sign = 1
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { sign = c == UInt8(ascii: "-") ? -1 : 1; c = u.next() }
            var n = 0, digits = 0
            while let d = c, (0x30...0x39).contains(d) { n = n * 10 + Int(d - 0x30); digits += 1; c = u.next() }
            return digits > 0 ? sign * n : nil
        }
        guard let low = int() else { return nil }
        if c == nil { return (low, low) }
        guard c == UInt8(ascii: "."), u.next() == UInt8(ascii: ".") else { return nil }
        c = u.next()
        guard let high = int(), c == nil else { return nil }
        return (low, high)
    }

    /// The years of a date's value (`2024`, `2024-03-05`; a range `2021..2025`), nil for a date without
    /// a year (`--02`).
    static func years(of value: ExtractedValue?) -> (Int, Int)? {
        switch value {
        case .text(let t)?: return Int(t.prefix(4)).map { ($0, $0) }
        case .textRange(let l, let h)?:
            guard let a = Int(l.prefix(4)), let b = Int(h.prefix(4)), a <= b else { return nil }
            return (a, b)
        default: return nil
        }
    }

    /// The period of the outermost heading above that names one (a speech's title only for an aim): a single
    /// year (一、2009年工作回顾 → 2009), a five-year plan (一、“六五”计划执行情况的回顾 → 1981 to 1985, read by
    /// `date.plan`), or a period word against the document's year (一、过去一年工作回顾).
    func headingPeriod(_ seg: Segmentation, at range: Range<Int>, bytes: [UInt8], docYear: DocumentYear?, modality: String?,
                       previous: [Extraction]) -> Period? {
        let title = seg.speech(containing: range)?.heading
        for h in seg.headings(containing: range) {
            // A speech's title year (在2023年…会议上的讲话) is when it is given: this year's aims, but its
            // results may be last year's.
            if h == title, modality != "target" { continue }
            let ys = Set(headingYears(h, bytes))
            if ys.count == 1, let y = ys.first { return Period(low: y, high: y, inferred: false) }
            if ys.count > 1 { return nil }
            if let (a, b) = planSpan(in: h, previous: previous) { return Period(low: a, high: b, inferred: false) }
            guard let d = docYear else { continue }
            if let o = headingPeriodWord(h, bytes) { return d.period(o) }
        }
        return nil
    }

    /// The span of years heading `h` names (`HeadingPlans`), else, when the whole document is normalized at
    /// once (no plans given), read from the heading's dates among the extractions before the number.
    func planSpan(in h: Range<Int>, previous: [Extraction]) -> (Int, Int)? {
        if let plans { return plans.spans[h.lowerBound].map { ($0.low, $0.high) } }
        let k = Search.first(previous.count) { previous[$0].match.range.lowerBound >= h.lowerBound }
        let inside = previous[k...].prefix { $0.match.range.upperBound <= h.upperBound }.filter { $0.kind == .date }
        return Normalizer.planSpan(Array(inside)).map { ($0.low, $0.high) }
    }

    /// The first word of `list` (longest first at each place) occurring in `range`.
    func firstWord(_ list: ByteWords, in range: Range<Int>, _ b: [UInt8]) -> [UInt8]? {
        var i = list.nextStart(b, from: range.lowerBound, to: range.upperBound)
        while i < range.upperBound {
            if list.mayStart(b, i, range.upperBound), let w = list.prefix(of: b, i..<range.upperBound) { return w }
            i = list.nextStart(b, from: i + 1, to: range.upperBound)
        }
        return nil
    }

    /// Whether `word` is written at `i` (before `end`).
    func starts(_ b: [UInt8], _ i: Int, _ end: Int, _ word: [UInt8]) -> Bool {
        end - i >= word.count && b[i..<(i + word.count)].elementsEqual(word)
    }

    /// The first scalar boundary at or after byte `i`.
    func boundary(_ b: [UInt8], _ i: Int) -> Int {
        var i = min(i, b.count)
        while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }

    /// The year of the document holding `range`: its speech's date or a year in its title, else the fallback.
    func documentYear(_ seg: Segmentation, at range: Range<Int>) -> DocumentYear? {
        if let speech = seg.speech(containing: range), let d = speech.date, let y = Int(d.prefix(4)) {
            return DocumentYear(year: y, inferred: false, late: d.count >= 7 && (Int(d.dropFirst(5).prefix(2)) ?? 0) >= DocumentYear.lateMonth)
        }
        return fallbackYear
    }
}
