import TiquText

/// A node of the document tree (docs/ARCHITECTURE.md, "Segment"): a speech (title line), a section `一、`, a
/// subsection `（一）`, an item `1.`/`（1）`/`①`, an inline point `一是`/`第一，`/`首先`, a dash bullet `——`, or
/// an unnumbered heading line. Ranges are cleaned UTF-8 bytes; labels and headings are as written in the
/// original file.
public struct Point: Sendable, Equatable {
    public enum Kind: String, Sendable { case document, speech, section, subsection, item, inline, bullet, heading }
    public let kind: Kind
    /// The label as written, without its trailing `、`/`.` (`二`, `（一）`, `1`, `三是`, `——`); a heading's text.
    public let label: String
    /// `三` → 3, `（2）` → 2, `其次` → 2; nil for bullets and headings.
    public let ordinal: Int?
    /// Labels from the root down to this point (the speech is not part of it: see `speech`).
    public let path: [String]
    /// The whole point: from its label to where the next point of the same or a higher level starts.
    public let range: Range<Int>
    /// The heading text: the label line up to its first sentence end (nil when the point has none).
    public let heading: Range<Int>?
    /// 1-based index of the speech holding this point, when the document has title lines.
    public let speech: Int?
    /// For speeches: the speaker and the date (ISO) where the title or the next lines give them.
    public let speaker: String?
    public let date: String?
    /// Index of the enclosing point in `Segmentation.points` (nil under the root).
    public var parent: Int? = nil
}

/// The structure of a cleaned document: paragraphs (lines), sentences and points, each a cleaned byte range.
public struct Segmentation: Sendable {
    public let paragraphs: [Range<Int>]
    public let sentences: [Range<Int>]
    /// Points in document order (parents before children).
    public let points: [Point]
    public let root: Point
    /// Structure patterns that hit a PCRE2 limit (document errors, with original offsets).
    public var problems: [Diagnostic] = []

    /// The sentence containing cleaned byte `byte`, if any.
    public func sentence(containing byte: Int) -> Range<Int>? {
        Segmentation.find(byte, in: sentences)
    }

    /// The innermost point (not a speech) containing `range`, or the root; under a speech with no point,
    /// a document-level point carrying the speech's index. Points are nested intervals in document order,
    /// so this is a binary search and a walk up the parents: O(log n + depth) per record.
    public func point(containing range: Range<Int>) -> Point {
        guard let i = innermost(containing: range) else { return root }
        let p = points[i]
        guard p.kind == .speech else { return p }
        return Point(kind: .document, label: "", ordinal: nil, path: [], range: p.range, heading: nil, speech: p.speech,
                     speaker: nil, date: nil)
    }

    /// The heading ranges of every point holding `range`, outermost first (speech title included).
    public func headings(containing range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = innermost(containing: range)
        while let k = i {
            if let h = points[k].heading { out.append(h) }
            i = points[k].parent
        }
        return out.reversed()
    }

    /// The speech holding `range`, if the document has speech title lines.
    public func speech(containing range: Range<Int>) -> Point? {
        var i = innermost(containing: range)
        while let k = i {
            if points[k].kind == .speech { return points[k] }
            i = points[k].parent
        }
        return nil
    }

    /// Index of the innermost point whose range holds `range`: the last point starting at or before it,
    /// then up its parents to one that holds it.
    package func innermost(containing range: Range<Int>) -> Int? {
        let lo = Search.first(points.count) { points[$0].range.lowerBound > range.lowerBound }
        var i: Int? = lo > 0 ? lo - 1 : nil
        while let k = i {
            let r = points[k].range
            if r.lowerBound <= range.lowerBound && range.upperBound <= r.upperBound { return k }
            i = points[k].parent
        }
        return nil
    }

    public static func find(_ byte: Int, in ranges: [Range<Int>]) -> Range<Int>? {
        let k = Search.first(ranges.count) { ranges[$0].upperBound > byte }
        return k < ranges.count && ranges[k].contains(byte) ? ranges[k] : nil
    }
}
