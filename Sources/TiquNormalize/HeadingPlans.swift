import TiquClean
import TiquMatch
import TiquSegment
import TiquText

/// The span of years each heading names, when it names one date range and no other date (一、“六五”计划执行
/// 情况的回顾 → 1981 to 1985, read by `date.plan`): read once per document, before its parts are matched,
/// so that a number in a part that does not hold its section's heading reads the same span.
public struct HeadingPlans: Sendable {
    /// By the heading's first byte.
    let spans: [Int: PlanSpan]

    public static let none = HeadingPlans(spans: [:])
}

struct PlanSpan: Sendable, Equatable {
    let low: Int
    let high: Int
}

extension Normalizer {
    /// The spans of the document's headings (not an inline point's), each read from the matches `match`
    /// finds in the heading's sentences (a range of sentence indices).
    public func headingPlans(segmentation: Segmentation, text: CleanText, match: (Range<Int>) -> [RuleMatch]) -> HeadingPlans {
        var spans: [Int: PlanSpan] = [:]
        let sentences = segmentation.sentences
        for p in segmentation.points where p.kind != .inline {
            guard let h = p.heading else { continue }
            let lo = Search.first(sentences.count) { sentences[$0].upperBound > h.lowerBound }
            var hi = lo
            while hi < sentences.count, sentences[hi].lowerBound < h.upperBound { hi += 1 }
            guard lo < hi else { continue }
            let dates = match(lo..<hi).filter { $0.rule.kind == .date && $0.range.lowerBound >= h.lowerBound && $0.range.upperBound <= h.upperBound }.map { DateReader.read($0, text: text) }
            if let s = Self.planSpan(dates) { spans[h.lowerBound] = s }
        }
        return HeadingPlans(spans: spans)
    }

    /// The span of the one date among `dates`, when it is a range of years.
    static func planSpan(_ dates: [Extraction]) -> PlanSpan? {
        guard dates.count == 1, let (a, b) = ContextReader.years(of: dates[0].value), a < b else { return nil }
        return PlanSpan(low: a, high: b)
    }
}
