/// A numbered point of the document tree (section `一、`, subsection `（一）`, item `1.`, inline `一是`…),
/// in cleaned byte offsets. The root (the whole document) has an empty path.
public struct Point: Sendable, Equatable {
    public enum Kind: String, Sendable { case document, speech, section, subsection, item, inline, bullet, heading }
    public let kind: Kind
    /// Labels from the root down to this point, as written (`["二", "（一）", "三是"]`).
    public let path: [String]
    public let range: Range<Int>
}

/// The structure of a cleaned document: paragraphs (lines), sentences and points, each a cleaned byte range.
public struct Segmentation: Sendable {
    public let paragraphs: [Range<Int>]
    public let sentences: [Range<Int>]
    /// Points in document order; a point's range contains those of its children.
    public let points: [Point]
    public let root: Point

    /// The sentence containing cleaned byte `byte`, if any.
    public func sentence(containing byte: Int) -> Range<Int>? {
        Segmentation.find(byte, in: sentences)
    }

    /// The innermost point containing `range`, or the root.
    public func point(containing range: Range<Int>) -> Point {
        var best = root
        for p in points where p.range.lowerBound <= range.lowerBound && range.upperBound <= p.range.upperBound {
            if p.path.count >= best.path.count { best = p }
        }
        return best
    }

    static func find(_ byte: Int, in ranges: [Range<Int>]) -> Range<Int>? {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound <= byte { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].contains(byte) ? ranges[lo] : nil
    }
}

public enum Segmenter {
    // Sentence ends after cleaning: ！？； fold to ASCII !?; and 。 (E3 80 82) has no ASCII twin.
    public static func segment(_ text: CleanText) -> Segmentation {
        let b = text.bytes
        var paragraphs: [Range<Int>] = []
        var sentences: [Range<Int>] = []
        var lineStart = 0
        var sentenceStart = 0
        func closeSentence(_ end: Int) {
            var s = sentenceStart
            while s < end && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }  // no leading layout spaces
            if s < end { sentences.append(s..<end) }
            sentenceStart = end
        }
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x0A {
                closeSentence(i)
                if lineStart < i { paragraphs.append(lineStart..<i) }
                lineStart = i + 1
                sentenceStart = i + 1
                i += 1
            } else if c == 0x21 || c == 0x3F || c == 0x3B {  // ! ? ;
                closeSentence(i + 1)
                i += 1
            } else if c == 0xE3 && i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x82 {
                closeSentence(i + 3)
                i += 3
            } else {
                i += 1
            }
        }
        closeSentence(b.count)
        if lineStart < b.count { paragraphs.append(lineStart..<b.count) }
        let root = Point(kind: .document, path: [], range: 0..<b.count)
        return Segmentation(paragraphs: paragraphs, sentences: sentences, points: [], root: root)
    }
}
