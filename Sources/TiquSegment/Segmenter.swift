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

    public init(structure: StructurePatterns) { self.structure = structure }

    /// `decoded` gives labels and headings as written in the file (without it, as cleaned).
    public func segment(_ text: CleanText, decoded: DecodedText? = nil, scratch: Scratch) -> Segmentation {
        let (paragraphs, sentences) = SentenceSplitter(ends: structure.sentenceEnd).split(text.bytes)
        let builder = OutlineBuilder(text: text, decoded: decoded, structure: structure, scratch: scratch, paragraphs: paragraphs)
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
    /// For each byte, how far the scan for a line end or a sentence end's lead byte skips when it reads
    /// that byte at a character's start: 0 where it stops, else the character's length (a Chinese text is
    /// read a character, not a byte, at a time).
    let step: [UInt8]

    init(ends: ByteWords) {
        self.ends = ends
        var leads = [Bool](repeating: false, count: 256)
        for w in ends.words { if let f = w.first { leads[Int(f)] = true } }
        self.leads = leads
        // A continuation byte (never met at a character's start in valid UTF-8) steps one byte.
        step = (0..<256).map { c in c == 0x0A || leads[c] ? 0 : c & 0xC0 == 0x80 ? 1 : UInt8(UTF8Scalar.length(UInt8(c))) }
    }

    func split(_ b: [UInt8]) -> ([Range<Int>], [Range<Int>]) {
        var paragraphs: [Range<Int>] = []
        var sentences: [Range<Int>] = []
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
        let step = self.step
        while i < b.count {
            // Straight to the next place a line or a sentence may end.
            while i < b.count, case let k = step[Int(b[i])], k != 0 { i += Int(k) }
            guard i < b.count else { break }
            let c = b[i]
            if c == 0x0A {
                closeSentence(i)
                if lineStart < i { paragraphs.append(lineStart..<i) }
                lineStart = i + 1
                sentenceStart = i + 1
                i += 1
            } else if leads[Int(c)], let w = ends.prefix(of: b, i..<b.count) {
                closeSentence(i + w.count)
                i += w.count
            } else {
                i += UTF8Scalar.length(c)  // no sentence end here: the rest of the character is not one either
            }
        }
        closeSentence(b.count)
        if lineStart < b.count { paragraphs.append(lineStart..<b.count) }
        return (paragraphs, sentences)
    }
}
