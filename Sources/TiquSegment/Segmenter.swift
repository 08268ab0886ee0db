import PCRE2
import TiquClean
import TiquRules
import TiquText

/// The segment stage: `CleanText` → `Segmentation` (paragraphs, sentences and the tree of numbered points).
///
/// A label counts as a point only where it is in sequence: `(三)` after `(二)` under the same parent,
/// `二是` after `一是` in the same container; an inline label must stand at a paragraph start or after
/// punctuation, so `统一是` is not a point. What does not fit is left as plain text rather than guessed.
/// The patterns and punctuation classes come from `rules/structure/structure.yaml`.
public struct Segmenter: Sendable {
    public let structure: StructurePatterns
    /// The characters a block label's match can be made of: a paragraph whose first character is not
    /// one opens no block (the pattern is not tried there; nil: tried at every paragraph).
    let blockAlphabet: MatchAlphabet?

    public init(structure: StructurePatterns) {
        self.structure = structure
        let block = structure.block
        blockAlphabet = block.minLength > 0 ? MatchAlphabet.of(block.pattern, extended: block.options.contains(.extended)) : nil
    }

    /// `decoded` gives labels and headings as written in the file (without it, as cleaned).
    public func segment(_ text: CleanText, decoded: DecodedText? = nil, scratch: Scratch) -> Segmentation {
        let (paragraphs, sentences, labelStarts) = SentenceSplitter(ends: structure.sentenceEnd, follows: structure.labelFollows,
                                                                    followSteps: structure.labelSteps).split(text.bytes)
        let builder = OutlineBuilder(text: text, decoded: decoded, structure: structure, scratch: scratch, paragraphs: paragraphs,
                                     labelStarts: labelStarts, blockAlphabet: blockAlphabet)
        builder.build()
        var seg = Segmentation(paragraphs: paragraphs, sentences: sentences, points: builder.points(), root: builder.rootPoint())
        seg.problems = builder.problems
        return seg
    }
}

/// Paragraphs are lines; sentences end after the `sentence_end` punctuation and at line ends.
struct SentenceSplitter {
    let ends: ByteWords
    /// Lead bytes of the sentence ends: only there is a word compared.
    let leads: [Bool]
    /// For each byte, how far the scan for a line end, a sentence end's or a `label_follows` character's
    /// lead byte skips when it reads that byte at a character's start: 0 where it stops, else the
    /// character's length (a Chinese text is read a character, not a byte, at a time).
    let step: [UInt8]
    /// The `label_follows` punctuation: the byte after each is noted, as an inline label may start there.
    let follows: ScalarSet
    /// Whether each ASCII character is `label_follows` punctuation.
    let asciiFollows: [Bool]

    /// `followSteps`: 0 at the lead bytes of `follows` (`StructurePatterns.labelSteps`).
    init(ends: ByteWords, follows: ScalarSet, followSteps: [UInt8]) {
        self.ends = ends
        self.follows = follows
        asciiFollows = (0..<128).map { follows.contains(UInt32($0)) }
        var leads = [Bool](repeating: false, count: 256)
        for w in ends.words { if let f = w.first { leads[Int(f)] = true } }
        self.leads = leads
        // A continuation byte (never met at a character's start in valid UTF-8) steps one byte.
        var step = [UInt8](repeating: 0, count: 256)
        for c in 0..<256 where c != 0x0A && !leads[c] && followSteps[c] != 0 {
            step[c] = c & 0xC0 == 0x80 ? 1 : UInt8(UTF8Scalar.length(UInt8(c)))
        }
        self.step = step
    }

    /// The paragraphs, the sentences, and where an inline label may start after punctuation (the byte
    /// after each `label_follows` character, increasing): found in this one pass over the text, so the
    /// outline's inline labels need no pass of their own (a tenth of segmenting).
    func split(_ b: [UInt8]) -> ([Range<Int>], [Range<Int>], [Int]) {
        var paragraphs: [Range<Int>] = []
        var sentences: [Range<Int>] = []
        var labelStarts: [Int] = []
        // A large document's arrays are sized by a first count, so they are not grown (and copied) by doubling.
        if b.count > 1 << 20 {
            var lines = 1, marks = 1
            for c in b {
                if c == 0x0A { lines += 1 } else if leads[Int(c)] { marks += 1 }
            }
            paragraphs.reserveCapacity(lines)
            sentences.reserveCapacity(lines + marks)
        }
        var lineStart = 0
        var sentenceStart = 0
        func closeSentence(_ end: Int) {
            var s = sentenceStart
            while s < end && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
            if s < end { sentences.append(s..<end) }
            sentenceStart = end
        }
        var i = 0
        let step = self.step, asciiFollows = self.asciiFollows
        while i < b.count {
            // Straight to the next place a line or a sentence may end, or a label may follow.
            while i < b.count, case let k = step[Int(b[i])], k != 0 { i += Int(k) }
            guard i < b.count else { break }
            let c = b[i]
            if c == 0x0A {
                closeSentence(i)
                if lineStart < i { paragraphs.append(lineStart..<i) }
                lineStart = i + 1
                sentenceStart = i + 1
                i += 1
                continue
            }
            // ASCII punctuation (`,` most often) from a table, without a call to the set.
            let n: Int
            if c < 0x80 {
                n = 1
                if asciiFollows[Int(c)] { labelStarts.append(i + 1) }
            } else {
                let (v, length) = UTF8Scalar.decode(b, i)
                n = length
                if follows.contains(v) { labelStarts.append(i + n) }
            }
            if leads[Int(c)], let w = ends.prefix(of: b, i..<b.count) {
                if w.count > n { notePunctuation(b, i + n..<i + w.count, &labelStarts) }
                closeSentence(i + w.count)
                i += w.count
            } else {
                i += n  // no sentence end here: the rest of the character is not one either
            }
        }
        closeSentence(b.count)
        if lineStart < b.count { paragraphs.append(lineStart..<b.count) }
        return (paragraphs, sentences, labelStarts)
    }

    /// The `label_follows` characters inside a sentence end of several characters, after its first.
    func notePunctuation(_ b: [UInt8], _ r: Range<Int>, _ labelStarts: inout [Int]) {
        var i = r.lowerBound
        while i < r.upperBound {
            let (v, n) = UTF8Scalar.decode(b, i)
            i += n
            if follows.contains(v) { labelStarts.append(i) }
        }
    }
}
