import TiquRules
import TiquSegment
import TiquText

/// What a number is about, from the words before it in its sentence (`ContextWords`, from
/// rules/patterns/context.yaml), the dates already read in the sentence, and the headings above it:
/// modality (target or actual), period (the year it belongs to) and indicator (the measured thing).
struct ContextReader {
    let words: ContextWords

    func read(_ e: inout Extraction, sentence: Range<Int>, bytes: [UInt8], segmentation: Segmentation, previous: [Extraction]) {
        let start = e.match.range.lowerBound
        var from = max(sentence.lowerBound, start - 150)
        while from < start, bytes[from] & 0xC0 == 0x80 { from += 1 }
        let docYear = documentYear(segmentation, at: e.match.range)
        // The last year written before the number in the sentence.
        var year: Int?
        for x in previous.reversed() {
            guard x.match.range.lowerBound >= sentence.lowerBound else { break }
            if x.kind == .date, case .text(let t)? = x.value, let y = Int(t.prefix(4)) { year = y; break }
        }
        e.modality = modality(before: from..<start, year: year, docYear: docYear, match: e.match.range, bytes: bytes, segmentation: segmentation)
        e.period = period(before: from..<start, year: year, docYear: docYear, modality: e.modality, bytes: bytes)
        e.indicator = indicator(before: from..<start, sentence: sentence, bytes: bytes, previous: previous)
    }

    /// A cue in the sentence before the number, else the year written there against the document's year,
    /// else the paragraph's opening words, else the headings above (目标/任务, 回顾/成绩).
    func modality(before clause: Range<Int>, year: Int?, docYear: Int?, match: Range<Int>, bytes: [UInt8], segmentation: Segmentation) -> String? {
        func cue(in range: Range<Int>) -> String? {
            var found: String?
            for (w, m) in words.modality where ByteWords.contains(bytes, range, w) {
                if m == "target" { return m }
                found = found ?? m
            }
            return found
        }
        if let m = cue(in: clause) { return m }
        if let y = year, let d = docYear { return y < d ? "actual" : "target" }
        // A paragraph opened by 过去一年… or 今年要… speaks of the same time throughout.
        if let para = Segmentation.find(clause.upperBound, in: segmentation.paragraphs),
           let m = cue(in: para.lowerBound..<min(clause.upperBound, boundary(bytes, para.lowerBound + 60))) { return m }
        for h in segmentation.headings(containing: match).reversed() {
            for (w, m) in words.headingModality where ByteWords.contains(bytes, h, w) { return m }
        }
        return nil
    }

    /// A year written before the number in the sentence, else 今年/去年/全年 against the document's year.
    func period(before clause: Range<Int>, year: Int?, docYear: Int?, modality: String?, bytes: [UInt8]) -> String? {
        if let y = year { return String(y) }
        guard let d = docYear else { return nil }
        for (w, m) in words.period where ByteWords.contains(bytes, clause, w) {
            if m == "target" {
                if modality == "target" { return String(d) }
                if modality == "actual" { return String(d - 1) }
            } else if let offset = Int(m) {
                return String(d + offset)
            }
        }
        return nil
    }

    /// The noun phrase of the clause before the number, without time, aim and verb words.
    func indicator(before clause: Range<Int>, sentence: Range<Int>, bytes: [UInt8], previous: [Extraction]) -> String? {
        var lo = clause.lowerBound, hi = clause.upperBound
        // 国内生产总值(GDP)增长5%: a parenthesis followed only by the verb belongs to the indicator before it.
        if let cut = lastBoundary(bytes, lo..<hi), bytes[cut.lowerBound] == 0x29,
           let open = bytes[lo..<cut.lowerBound].lastIndex(of: 0x28) {
            var t = hi
            while t > cut.upperBound, let w = words.indicatorTail.suffix(of: bytes, cut.upperBound..<t) { t -= w.count }
            if t == cut.upperBound { hi = open }
        }
        if let cut = lastBoundary(bytes, lo..<hi) {
            if bytes[cut.lowerBound] == 0x28 && cut.upperBound == hi {
                // 规上工业产值(3805亿元): the indicator stands before the parenthesis.
                hi = cut.lowerBound
                if let c2 = lastBoundary(bytes, lo..<hi) { lo = c2.upperBound }
            } else {
                lo = cut.upperBound
            }
        }
        // A date written at the head of the clause (1-11月工业增加值…, 2024年财政收入…) is not part of it.
        for x in previous.reversed() {
            guard x.match.range.lowerBound >= lo else { break }
            if x.kind == .date && x.match.range.upperBound <= hi { lo = max(lo, x.match.range.upperBound); break }
        }
        var changed = true
        while changed && lo < hi {
            changed = false
            if let w = words.indicatorTail.suffix(of: bytes, lo..<hi) { hi -= w.count; changed = true }
            if lo < hi, let w = words.indicatorLead.prefix(of: bytes, lo..<hi) { lo += w.count; changed = true }
            while lo < hi && bytes[lo] == 0x20 { lo += 1; changed = true }
        }
        let n = bytes[lo..<hi].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        let ascii = bytes[lo..<hi].contains { $0 < 0x80 && !((0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)) }  // GDP, CPI may stand
        if n >= 2 && n <= 16 && !ascii && words.indicatorNotEnd.suffix(of: bytes, lo..<hi) == nil {
            return String(decoding: bytes[lo..<hi], as: UTF8.self)
        }
        if lo >= hi, let last = previous.last, last.match.range.lowerBound >= sentence.lowerBound, last.kind != .date,
           last.kind != .project, let inherited = last.indicator {
            // 地区生产总值1.39万亿元,同比增长5.2%: a clause of verbs only speaks of the previous number's indicator.
            return inherited
        }
        return nil
    }

    /// The last `clause_boundary` punctuation in `range`, as its byte range.
    func lastBoundary(_ b: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        var i = range.upperBound - 1
        while i >= range.lowerBound {
            if b[i] & 0xC0 != 0x80 {
                let (v, n) = UTF8Scalar.decode(b, i)
                if i + n <= range.upperBound, words.clauseBoundary.contains(v) { return i..<(i + n) }
            }
            i -= 1
        }
        return nil
    }

    /// The first scalar boundary at or after byte `i`.
    func boundary(_ b: [UInt8], _ i: Int) -> Int {
        var i = i
        while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }

    /// The year of the document holding `range`: its speech's date, or a year in the speech's title.
    func documentYear(_ seg: Segmentation, at range: Range<Int>) -> Int? {
        guard let speech = seg.speech(containing: range), let d = speech.date else { return nil }
        return Int(d.prefix(4))
    }
}
