import TiquText

/// What the context reader reads of a heading or of a paragraph's opening, which is the same for every
/// number below it: read once per normalize call, by the range read (each number used to scan its
/// paragraph's opening and every heading above it again: 13,104 cue scans for 4,327 numbers of the corpus).
final class ContextMemo {
    var cues: [Range<Int>: (strong: String?, weak: String?)] = [:]
    var years: [Range<Int>: [Int]] = [:]
    var headingModality: [Range<Int>: String?] = [:]
    var periodOffsets: [Range<Int>: (low: Int, high: Int)?] = [:]
    /// The last few `lastPeriodWord` scans: a number's clause is scanned up to four times (its period, its
    /// modality, 本年, the time carried), and only a number's own scans repeat, so four are kept, not all.
    var recentPeriodWords: [(range: Range<Int>, found: LastPeriodWord?)] = []

    typealias LastPeriodWord = (meaning: String, pastPart: Bool, at: Range<Int>)

    func recalled(_ r: Range<Int>) -> LastPeriodWord?? {
        for k in recentPeriodWords.indices.reversed() where recentPeriodWords[k].range == r { return .some(recentPeriodWords[k].found) }
        return nil
    }

    func keep(_ r: Range<Int>, _ found: LastPeriodWord?) {
        if recentPeriodWords.count == 4 { recentPeriodWords.removeFirst() }
        recentPeriodWords.append((r, found))
    }
}

extension ContextReader {
    /// `cues(in:)` of an opening (a paragraph's, a heading's), kept.
    func openingCues(_ r: Range<Int>, _ b: [UInt8]) -> (strong: String?, weak: String?) {
        if let known = memo.cues[r] { return known }
        let found = cues(in: r, b)
        memo.cues[r] = found
        return found
    }

    /// The years written in heading `h` (`DocumentYear.years`), kept.
    func headingYears(_ h: Range<Int>, _ b: [UInt8]) -> [Int] {
        if let known = memo.years[h] { return known }
        let found = DocumentYear.years(in: h, b, mark: words.yearMark)
        memo.years[h] = found
        return found
    }

    /// The meaning of the first `heading_modality` word (target words first) written in heading `h`, kept.
    func headingWord(_ h: Range<Int>, _ b: [UInt8]) -> String? {
        if let known = memo.headingModality[h] { return known }
        let found = words.headingModality.first(where: { ByteWords.contains(b, h, $0.bytes) })?.meaning
        memo.headingModality[h] = .some(found)
        return found
    }

    /// The offsets of the first `period` word (in the list's order) written in heading `h` whose meaning is
    /// one, kept.
    func headingPeriodWord(_ h: Range<Int>, _ b: [UInt8]) -> (low: Int, high: Int)? {
        if let known = memo.periodOffsets[h] { return known }
        var found: (low: Int, high: Int)?
        for (w, m) in words.period where ByteWords.contains(b, h, w) {
            if let o = Self.offsets(m) { found = o; break }
        }
        memo.periodOffsets[h] = .some(found)
        return found
    }
}
