import TiquRules
import TiquSegment
import TiquText

/// What a number is about, from the words before it in its sentence (`ContextWords`, from
/// rules/patterns/context.yaml), the dates already read in the sentence, its paragraph, the paragraphs of
/// its block and the headings above it: modality (target or actual), period (the year it belongs to), the
/// comparison base, and the indicator (`IndicatorReader`).
struct ContextReader {
    let words: ContextWords
    /// The year of a document whose speech gives none: `--year`, or inferred from its review section.
    let fallbackYear: DocumentYear?

    func read(_ e: inout Extraction, sentence: Range<Int>, bytes: [UInt8], segmentation: Segmentation, previous: [Extraction]) {
        let start = e.match.range.lowerBound
        var from = max(sentence.lowerBound, start - 150)
        while from < start, bytes[from] & 0xC0 == 0x80 { from += 1 }
        let docYear = documentYear(segmentation, at: e.match.range)
        let clause = ChangeReader(words: words).clauseStart(before: start, from: from, bytes: bytes)
        // The last year written before the number in the sentence (for B of 从2007年的A到去年的B: after the
        // verb); a year after 比/较 is the comparison base (比2010年翻一番), not the period.
        let floor = max(sentence.lowerBound, e.periodFloor ?? 0)
        var year = e.ownYear
        for x in previous.reversed() where year == nil {
            guard x.match.range.lowerBound >= floor else { break }
            guard x.kind == .date, case .text(let t)? = x.value, let y = Int(t.prefix(4)) else { continue }
            if words.baseMarkers.suffix(of: bytes, sentence.lowerBound..<x.match.range.lowerBound) != nil {
                if e.base == nil, x.match.range.lowerBound >= clause { e.base = String(y) }
                continue
            }
            year = y
            break
        }
        if e.base == nil, let w = firstWord(words.baseWords, in: clause..<start, bytes) { e.base = words.meaning["base_word"]?[w] }
        e.modality = modality(before: from..<start, year: year, docYear: docYear?.year, match: e.match.range, bytes: bytes, segmentation: segmentation)
        let period = self.period(before: max(from, floor)..<start, year: year, docYear: docYear, modality: e.modality, bytes: bytes)
            ?? headingPeriod(segmentation, at: e.match.range, bytes: bytes, docYear: docYear)
        e.period = period?.0
        e.periodInferred = period?.1 ?? false
        IndicatorReader(words: words).read(&e, before: from..<start, sentence: sentence, bytes: bytes, previous: previous)
    }

    /// The strong and the weak cue in `range`: a target cue wins among each; the `modality` cues inside a
    /// weak one (上年 in 比上年) are not read.
    func cues(in range: Range<Int>, _ b: [UInt8]) -> (strong: String?, weak: String?) {
        var strong: String?, weak: String?
        var i = range.lowerBound
        while i < range.upperBound {
            if b[i] & 0xC0 == 0x80 { i += 1; continue }
            if let w = words.weakModality.prefix(of: b, i..<range.upperBound) {
                // `none` only masks (预算外资金 is no budget).
                if weak != "target", let m = words.meaning["weak_modality"]?[w], m != "none" { weak = m }
                i += w.count
            } else if let w = words.modalityWords.prefix(of: b, i..<range.upperBound) {
                if strong != "target" { strong = words.meaning["modality"]?[w] }
                i += w.count
            } else {
                i += 1
            }
        }
        return (strong, weak)
    }

    /// A cue in the sentence before the number, else the year written there against the document's year,
    /// else the paragraph's opening words, else a paragraph of its block opened by a block cue (过去一年),
    /// else the headings above (目标/任务, 回顾/成绩, or their year), else a weak cue (安排, 比上年).
    func modality(before clause: Range<Int>, year: Int?, docYear: Int?, match: Range<Int>, bytes: [UInt8], segmentation: Segmentation) -> String? {
        let (strong, weak) = cues(in: clause, bytes)
        if let m = strong { return m }
        if let y = year, let d = docYear { return y < d ? "actual" : "target" }
        // 今年/明年 against a known document year, as a written year would be (去年 is an actual cue).
        if docYear != nil, let m = lastPeriodWord(in: clause, bytes), let offset = Int(m), offset >= 0 { return "target" }
        // A paragraph opened by 过去一年… or 今年要… speaks of the same time throughout.
        if let para = Segmentation.find(clause.upperBound, in: segmentation.paragraphs),
           let m = cues(in: para.lowerBound..<min(clause.upperBound, boundary(bytes, para.lowerBound + 60)), bytes).strong { return m }
        if let m = blockCue(at: match, segmentation: segmentation, bytes: bytes) { return m }
        for h in segmentation.headings(containing: match).reversed() {
            for (w, m) in words.headingModality where ByteWords.contains(bytes, h, w) { return m }
            if let d = docYear, let y = DocumentYear.years(in: h, bytes, mark: words.yearMark).first { return y < d ? "actual" : "target" }
        }
        return weak
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
            let opening = paras[k].lowerBound..<boundary(bytes, min(paras[k].upperBound, paras[k].lowerBound + 60))
            if let w = firstWord(words.blockModality, in: opening, bytes) { return words.meaning["block_modality"]?[w] }
            // 今年是…: a paragraph opened by another time ends the block above (and says nothing itself).
            if words.period.contains(where: { ByteWords.contains(bytes, opening, $0.bytes) }) { return nil }
            k -= 1
            n += 1
        }
        return nil
    }

    /// A year written before the number in the sentence, else 今年/去年/全年 against the document's year
    /// (the last such word before the number; 上年 inside 比上年 is a base, not a period). The flag says the
    /// document's year was inferred.
    func period(before clause: Range<Int>, year: Int?, docYear: DocumentYear?, modality: String?, bytes: [UInt8]) -> (String, Bool)? {
        if let y = year { return (String(y), false) }
        guard let d = docYear else { return nil }
        guard let m = lastPeriodWord(in: clause, bytes) else { return nil }
        if m == "target" {
            if modality == "target" { return (String(d.year), d.inferred) }
            if modality == "actual" { return (String(d.year - 1), d.inferred) }
            return nil
        }
        return Int(m).map { (String(d.year + $0), d.inferred) }
    }

    /// The meaning of the last `period` word in `clause` (not 上年 inside 比上年, a base).
    func lastPeriodWord(in clause: Range<Int>, _ bytes: [UInt8]) -> String? {
        var found: String?
        var i = clause.lowerBound
        while i < clause.upperBound {
            if let w = words.baseWords.prefix(of: bytes, i..<clause.upperBound) { i += w.count; continue }
            if let (w, m) = words.period.first(where: { starts(bytes, i, clause.upperBound, $0.bytes) }) {
                found = m
                i += w.count
            } else {
                i += 1
            }
        }
        return found
    }

    /// The period of the innermost heading above that names one: a single year (一、2009年工作回顾 → 2009),
    /// or a period word against the document's year (一、过去一年工作回顾).
    func headingPeriod(_ seg: Segmentation, at range: Range<Int>, bytes: [UInt8], docYear: DocumentYear?) -> (String, Bool)? {
        for h in seg.headings(containing: range).reversed() {
            let ys = Set(DocumentYear.years(in: h, bytes, mark: words.yearMark))
            if ys.count == 1, let y = ys.first { return (String(y), false) }
            if ys.count > 1 { return nil }
            guard let d = docYear else { continue }
            for (w, m) in words.period where ByteWords.contains(bytes, h, w) {
                if let offset = Int(m) { return (String(d.year + offset), d.inferred) }
            }
        }
        return nil
    }

    /// The first word of `list` (longest first at each place) occurring in `range`.
    func firstWord(_ list: ByteWords, in range: Range<Int>, _ b: [UInt8]) -> [UInt8]? {
        var i = range.lowerBound
        while i < range.upperBound {
            if let w = list.prefix(of: b, i..<range.upperBound) { return w }
            i += 1
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
        if let speech = seg.speech(containing: range), let d = speech.date, let y = Int(d.prefix(4)) { return DocumentYear(year: y, inferred: false) }
        return fallbackYear
    }
}
