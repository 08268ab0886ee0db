import TiquSegment

/// Splits a large document into parts that are matched, normalized and emitted on several threads.
///
/// Why at paragraphs: matches, project links and the context read before a number (the clause, earlier
/// numbers of the sentence) never cross a sentence, and a part's subject runs to the line break after its
/// last sentence, so lookarounds at a line end see what they would see in the whole text; a cut where a
/// sentence opens a paragraph changes nothing. A paragraph far longer than a part (a 50 MB file of one
/// line) is cut between sentences too, as the prefilter's windows already are, so memory stays bounded;
/// the tests check parts give byte-identical records on the samples and the corpus, with parts small
/// enough to cut inside paragraphs.
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
            // Cut where this sentence opens its paragraph; inside a paragraph (a document of one long line)
            // only once the part has grown to twice its size without a paragraph start.
            let size = s - seg.sentences[start].lowerBound
            let opensParagraph = p < seg.paragraphs.count && seg.paragraphs[p].lowerBound <= s
                && seg.sentences[k - 1].upperBound <= seg.paragraphs[p].lowerBound
            guard opensParagraph || size >= 2 * target else { continue }
            if size >= target {
                out.append(start..<k)
                start = k
            }
        }
        out.append(start..<seg.sentences.count)
        return out
    }
}
