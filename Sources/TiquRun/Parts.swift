import TiquSegment

/// Splits a large document into parts that are matched, normalized and emitted on several threads.
///
/// Why at paragraphs: matches, project links and the context read before a number (the clause, earlier
/// numbers of the sentence) never cross a sentence, and a part's subject runs to the line break after its
/// last sentence, so lookarounds at a line end see what they would see in the whole text. A cut inside a
/// line would change what `^`, `$` and `\G`-chained list items see at the cut; a cut where a sentence
/// opens a paragraph changes nothing, and the tests check the parts give byte-identical records.
/// The plain path never splits and is the reference the tests compare against.
public enum Parts {
    /// Parts as ranges of sentence indices, about `partBytes` each and at least as many as `parallelism`;
    /// `[nil]` (the whole document) for documents of `partBytes` or less. On one thread parts still bound
    /// memory: each part's records are written before the next part is matched.
    public static func split(_ seg: Segmentation, bytes: Int, partBytes: Int, parallelism: Int) -> [Range<Int>?] {
        guard bytes > partBytes, seg.sentences.count > 1 else { return [nil] }
        let count = max(parallelism, (bytes + partBytes - 1) / partBytes)
        let target = bytes / count
        var out: [Range<Int>?] = []
        var start = 0
        var p = 0  // paragraph index
        for k in 1..<seg.sentences.count {
            let s = seg.sentences[k].lowerBound
            while p < seg.paragraphs.count && seg.paragraphs[p].upperBound < s { p += 1 }
            // Cut only where this sentence opens its paragraph.
            guard p < seg.paragraphs.count, seg.paragraphs[p].lowerBound <= s,
                  seg.sentences[k - 1].upperBound <= seg.paragraphs[p].lowerBound else { continue }
            if s - seg.sentences[start].lowerBound >= target {
                out.append(start..<k)
                start = k
            }
        }
        out.append(start..<seg.sentences.count)
        return out
    }
}
