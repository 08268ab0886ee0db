import TiquRules
import TiquText

/// A line's first and last scalars (layout spaces trimmed), its length in scalars, and whether it holds
/// a full stop or a colon, read from the bytes without building Strings: these checks run on every line.
struct LineShape {
    var first: UInt32 = 0
    var last: UInt32 = 0
    /// The scalar before the last one (0 when there is none).
    var beforeLast: UInt32 = 0
    var count = 0
    var hasFullStop = false
    var hasColon = false

    /// `marks`: whether `hasFullStop` and `hasColon` are read (false: left false, only the scalars counted,
    /// for the tests that read neither).
    init(_ b: [UInt8], _ r: Range<Int>, limit: Int = .max, fullStop: ScalarSet, marks: Bool = true) {
        var i = r.lowerBound
        var e = r.upperBound
        while i < e, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
        while e > i, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        guard i < e else { return }
        first = UTF8Scalar.decode(b, i).value
        var k = e - 1
        while k > i, b[k] & 0xC0 == 0x80 { k -= 1 }
        last = UTF8Scalar.decode(b, k).value
        if k > i {
            var j = k - 1
            while j > i, b[j] & 0xC0 == 0x80 { j -= 1 }
            beforeLast = UTF8Scalar.decode(b, j).value
        }
        guard marks else {
            while i < e && count <= limit {
                if b[i] & 0xC0 != 0x80 { count += 1 }
                i += 1
            }
            return
        }
        while i < e && count <= limit {
            if b[i] == 0x3A { hasColon = true }
            if b[i] & 0xC0 != 0x80 {
                count += 1
                if b[i] >= 0x80, fullStop.contains(UTF8Scalar.decode(b, i).value) { hasFullStop = true }
            }
            i += 1
        }
    }
}

/// The line tests of the segmenter: whether a line stands on its own, and whether it is a heading.
struct LineTests {
    let s: StructurePatterns
    let b: [UInt8]
    let paragraphs: [Range<Int>]

    func shape(_ pi: Int, limit: Int = .max, marks: Bool = true) -> LineShape {
        LineShape(b, paragraphs[pi], limit: limit, fullStop: s.fullStop, marks: marks)
    }

    /// Whether line `pi` stands on its own rather than being a fragment of a sentence broken across lines
    /// (as scraped pages break at quotes): the line before ends a sentence or is itself a short line, and
    /// neither this line nor the next starts with closing punctuation.
    func standsAlone(_ pi: Int) -> Bool {
        let line = shape(pi, limit: 0, marks: false)
        if s.continuesLine.contains(line.first) || s.opensLine.contains(line.last) { return false }
        if pi + 1 < paragraphs.count, s.continuesLine.contains(shape(pi + 1, limit: 0, marks: false).first) { return false }
        guard pi > 0 else { return true }
        let prev = shape(pi - 1, limit: 41, marks: false)  // its count and last scalars only
        if s.closesSentence.contains(prev.last) {
            // A quotation closing a long line may still be mid-sentence unless it closes one (。”).
            guard s.closingQuote.contains(prev.last), prev.count > 40 else { return true }
            return s.fullStop.contains(prev.beforeLast)
        }
        // A short previous line (a title, a heading, a date line) ends without punctuation too.
        return prev.count <= 40 && !s.notTitleEnd.contains(prev.last)
    }

    /// A short line with no closing punctuation, not the document's first line, standing on its own and
    /// followed by a longer line of body text.
    func isHeading(_ line: Range<Int>, paragraphIndex pi: Int) -> Bool {
        guard pi > 0, pi + 1 < paragraphs.count, line.count <= 24 * 4 else { return false }
        let shape = LineShape(b, line, fullStop: s.fullStop)
        guard shape.count >= 2 && shape.count <= 24, !shape.hasFullStop, !shape.hasColon else { return false }
        if s.notHeadingStart.contains(shape.first) { return false }
        if s.notHeadingEnd.contains(shape.last) || (0x30...0x39).contains(shape.last) { return false }
        guard standsAlone(pi) else { return false }
        // The next line must be body text: longer, ending in punctuation.
        let next = self.shape(pi + 1, limit: 41)
        if next.count > shape.count && (s.bodyEnd.contains(next.last) || next.count > 40) { return true }
        // Or a second short heading line (title + subtitle) followed by body text.
        if pi + 2 < paragraphs.count, next.count <= 24, !next.hasFullStop {
            let after = self.shape(pi + 2, limit: 41)
            return after.count > 40 || s.fullStop.contains(after.last)
        }
        return false
    }

    /// Whether `i` starts a paragraph (after layout spaces) or follows `label_follows` punctuation: where
    /// an inline label can stand.
    func atBoundary(_ i: Int, lineStart: Int) -> Bool {
        if i == lineStart { return true }
        var k = i - 1
        while k > lineStart, b[k] & 0xC0 == 0x80 { k -= 1 }
        return s.labelFollows.contains(UTF8Scalar.decode(b, k).value)
    }
}
