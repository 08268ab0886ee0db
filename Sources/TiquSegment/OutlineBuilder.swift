import PCRE2
import TiquClean
import TiquNumbers
import TiquRules
import TiquText

/// Builds the tree of points line by line: a stack of open points, each closed where a point of the same
/// or a higher level starts. One method per kind of line: speech title, date line, block label, unnumbered
/// heading, inline labels.
final class OutlineBuilder {
    /// A point while it is open.
    final class Node {
        let kind: Point.Kind
        let label: String
        let ordinal: Int?
        let level: Int
        let start: Int
        var end: Int
        var heading: Range<Int>?
        let path: [String]
        let speech: Int?
        var speaker: String?
        var date: String?
        /// An inline point that began inside its paragraph ends with it.
        let paragraphBounded: Bool
        /// The last ordinal of each label family among the children, and where that child started (to tell
        /// a numbering gap hidden by removed debris).
        var lastOrdinal: [String: Int] = [:]
        var lastChildStart: [String: Int] = [:]
        /// Index in `nodes`, and the enclosing node's index (nil under the root).
        var index = -1
        var parentIndex: Int?

        init(kind: Point.Kind, label: String, ordinal: Int?, level: Int, start: Int, end: Int, heading: Range<Int>?,
             path: [String], speech: Int?, paragraphBounded: Bool = false) {
            self.kind = kind; self.label = label; self.ordinal = ordinal; self.level = level; self.start = start
            self.end = end; self.heading = heading; self.path = path; self.speech = speech; self.paragraphBounded = paragraphBounded
        }
    }

    static let levels: [Point.Kind: Int] = [.document: -1, .speech: 0, .section: 1, .subsection: 2, .item: 3, .bullet: 4, .inline: 5]

    let text: CleanText
    let decoded: DecodedText?
    let s: StructurePatterns
    let scratch: Scratch
    let b: [UInt8]
    let paragraphs: [Range<Int>]
    let lines: LineTests
    let removedAt: [Int]
    /// Where an inline label may start after punctuation (`SentenceSplitter.split`), and the first of
    /// them not yet passed (lines are read in order).
    let labelStarts: [Int]
    var nextLabelStart = 0
    let blockAlphabet: MatchAlphabet?
    let root: Node
    var nodes: [Node] = []
    var stack: [Node]
    var speechCount = 0
    /// Structure patterns that hit a PCRE2 limit: that line is read as plain text, and the user told.
    var problems: [Diagnostic] = []

    init(text: CleanText, decoded: DecodedText?, structure: StructurePatterns, scratch: Scratch, paragraphs: [Range<Int>],
         labelStarts: [Int], blockAlphabet: MatchAlphabet? = nil) {
        self.text = text; self.decoded = decoded; s = structure; self.scratch = scratch; b = text.bytes
        self.paragraphs = paragraphs
        self.labelStarts = labelStarts
        self.blockAlphabet = blockAlphabet
        lines = LineTests(s: structure, b: text.bytes, paragraphs: paragraphs)
        removedAt = text.removedAt
        root = Node(kind: .document, label: "", ordinal: nil, level: -1, start: 0, end: text.bytes.count, heading: nil, path: [], speech: nil)
        stack = [root]
    }

    func build() {
        for (pi, p) in paragraphs.enumerated() {
            var start = p.lowerBound
            while start < p.upperBound, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
            guard start < p.upperBound else { continue }
            let line = start..<p.upperBound
            if openSpeech(line, paragraph: p, index: pi) || readDateLine(line) { continue }
            endBullets(line, paragraph: p, index: pi)
            let labelled = openBlock(line, paragraph: p)
            if !labelled, lines.isHeading(line, paragraphIndex: pi) {
                openHeading(line, paragraph: p, index: pi)
                continue
            }
            readInlineLabels(line)
            // Inline points that began inside this paragraph end with it.
            while stack.count > 1, stack.last!.paragraphBounded {
                let n = stack.removeLast()
                n.end = trimEnd(p.upperBound, from: n.start)
            }
        }
        close(atLevel: 0, at: b.count)
    }

    func points() -> [Point] {
        nodes.map { n in
            var p = Point(kind: n.kind, label: n.label, ordinal: n.ordinal, path: n.path, range: n.start..<max(n.start, n.end),
                          heading: n.heading, speech: n.speech, speaker: n.speaker, date: n.date)
            p.parent = n.parentIndex
            return p
        }
    }

    func rootPoint() -> Point {
        Point(kind: .document, label: "", ordinal: nil, path: [], range: 0..<b.count, heading: nil, speech: nil, speaker: nil, date: nil)
    }

    // MARK: the stack

    func original(_ r: Range<Int>) -> String {
        if let decoded { return decoded.text(text.map.original(r).char) }
        return text.string(r)
    }
    func trimEnd(_ e: Int, from s: Int) -> Int {
        var e = e
        while e > s, b[e - 1] == 0x0A || b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        return e
    }
    func close(atLevel level: Int, at position: Int) {
        while stack.count > 1, stack.last!.level >= level {
            let n = stack.removeLast()
            n.end = trimEnd(position, from: n.start)
        }
    }
    func open(_ n: Node) {
        n.index = nodes.count
        n.parentIndex = stack.count > 1 ? stack.last!.index : nil
        nodes.append(n)
        stack.append(n)
    }
    func container(below level: Int) -> Node { stack.last { $0.level < level } ?? root }
    var currentSpeech: Int? { speechCount > 0 ? speechCount : nil }

    /// The heading text of a label's line: up to its first sentence end.
    func headingRange(from start: Int, lineEnd: Int) -> Range<Int> {
        var e = start
        // A word looked up only where its first bytes may start one (`mayStart`, a table test).
        while e < lineEnd, !(s.sentenceEnd.mayStart(b, e, lineEnd) && s.sentenceEnd.prefix(of: b, e..<lineEnd) != nil) { e += 1 }
        return start..<trimEnd(e, from: start)
    }

    func group(_ m: Match, _ r: Regex, _ name: String) -> Range<Int>? { r.groupNumbers[name].flatMap { m.groups[$0] } }

    func first(_ r: Regex, _ from: Int, _ to: Int) -> Match? {
        do { return try r.firstMatch(in: b, from: from, to: to, scratch: scratch.pcre2) } catch {
            problems.append(Diagnostic(.error, offset: text.map.originalByte(from),
                                       "a structure pattern stopped on this line: \(error); the line was read as plain text"))
            return nil
        }
    }

    /// The match of `r` that starts at `at` (the subject ends at `to`), as `first` when its match starts
    /// there; tried at `at` alone, not searched for over the whole line (a block label opens a paragraph).
    func first(_ r: Regex, at: Int, _ to: Int) -> Match? {
        // A block label's match starts with a character of its alphabet (most paragraphs start with none).
        if r === s.block, let a = blockAlphabet, at < to, !a.contains(UTF8Scalar.decode(b, at).value) { return nil }
        var found: Match?
        do { try r.forEachMatch(in: b, range: at..<to, startLimit: at, scratch: scratch.pcre2) { found = $0; return false } } catch {
            problems.append(Diagnostic(.error, offset: text.map.originalByte(at),
                                       "a structure pattern stopped on this line: \(error); the line was read as plain text"))
        }
        return found
    }

    /// 三 → 3, 十二 → 12.
    func cnOrdinal(_ r: Range<Int>) -> Int? { Numerals.parse(text.string(r)).flatMap { Int($0.value.description) } }

    /// Whether a removal stood in (after, upTo]: `removedAt` is sorted.
    func removalBetween(_ after: Int, _ upTo: Int) -> Bool {
        let k = Search.first(removedAt.count) { removedAt[$0] > after }
        return k < removedAt.count && removedAt[k] <= upTo
    }
}
