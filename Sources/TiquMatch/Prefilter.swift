import TiquRules
import TiquText

/// The sentence prefilter: each rule declares `prefilter:` characters, of which every sentence it can
/// match in holds one; one pass over the cleaned bytes marks which sentences hold which sets, and a rule's
/// pattern runs only over runs of marked sentences. A rule with `prefilter_words:` is keyed on those words
/// instead: a sentence is marked when one of them ends in it (checked only where a scalar ends one of them,
/// so the pass stays one table lookup a scalar). Sets beyond 64 fall back to the whole text.
struct Prefilter: Sendable {
    /// For each rule (by index), the bit of its character or word set, or nil (the rule runs everywhere).
    let bits: [Int?]
    /// For each BMP scalar, the bits of every character set holding it.
    let table: [UInt64]
    /// For each BMP scalar, the bits of every word set with a word ending in it; empty without word sets.
    let lastTable: [UInt64]
    /// The word set of each bit (nil for a character set's bit), boxed: reading a `ByteWords` out of an
    /// array copies it, six array retains and releases at every scalar that ends a word (34 M over the corpus).
    let wordSets: [WordSet?]

    final class WordSet: Sendable {
        let words: ByteWords
        init(_ words: ByteWords) { self.words = words }
        /// Whether one of the words ends at byte `end` (read in place, not copied out of the box).
        func ends(_ b: [UInt8], at end: Int) -> Bool { words.suffix(of: b, 0..<end) != nil }
    }

    init(rules: [Rule]) {
        var sets: [Set<Unicode.Scalar>] = []
        var words: [[String]] = []
        var kinds: [Int] = []  // for each bit, the index into `sets` (>= 0) or into `words` (~index)
        var bits: [Int?] = []
        for r in rules {
            switch PrefilterKey.of(r) {
            case nil: bits.append(nil); continue
            case .words(let w)?:
                if let i = words.firstIndex(of: w), let bit = kinds.firstIndex(of: ~i) { bits.append(bit); continue }
                guard kinds.count < 64 else { bits.append(nil); continue }
                words.append(w)
                kinds.append(~(words.count - 1))
                bits.append(kinds.count - 1)
                continue
            case .chars: break
            }
            guard case .chars(let p)? = PrefilterKey.of(r) else { continue }
            if let i = sets.firstIndex(of: p), let bit = kinds.firstIndex(of: i) { bits.append(bit); continue }
            guard kinds.count < 64 else { bits.append(nil); continue }
            sets.append(p)
            kinds.append(sets.count - 1)
            bits.append(kinds.count - 1)
        }
        var table = [UInt64](repeating: 0, count: kinds.isEmpty ? 0 : 0x10000)
        var lastTable = [UInt64](repeating: 0, count: words.isEmpty ? 0 : 0x10000)
        var wordSets = [WordSet?](repeating: nil, count: kinds.count)
        for (bit, kind) in kinds.enumerated() {
            if kind >= 0 {
                for c in sets[kind] { table[Int(c.value)] |= 1 << UInt64(bit) }
            } else {
                for w in words[~kind] { lastTable[Int(w.unicodeScalars.last!.value)] |= 1 << UInt64(bit) }
                wordSets[bit] = WordSet(ByteWords(words[~kind]))
            }
        }
        self.bits = bits
        self.table = table
        self.lastTable = lastTable
        self.wordSets = wordSets
    }

    /// Which sets each sentence holds a character (or a word) of: one pass over the cleaned bytes. A word
    /// counts for the sentence holding its last character (it may begin before the sentence, as the
    /// character alone would count there too).
    func sentenceMasks(_ b: [UInt8], sentences: ArraySlice<Range<Int>>) -> [UInt64] {
        guard !table.isEmpty else { return [] }
        var masks = [UInt64](repeating: 0, count: sentences.count)
        let words = !lastTable.isEmpty
        for (k, s) in sentences.enumerated() {
            var m: UInt64 = 0
            var i = s.lowerBound
            let end = s.upperBound
            while i < end {
                let (v, n) = UTF8Scalar.decode(b, i)
                i += n
                guard v < 0x10000 else { continue }
                m |= table[Int(v)]
                guard words else { continue }
                var open = lastTable[Int(v)] & ~m
                while open != 0 {
                    let bit = open.trailingZeroBitCount
                    open &= open - 1
                    if wordSets[bit]!.ends(b, at: i) { m |= 1 << UInt64(bit) }
                }
            }
            masks[k] = m
        }
        return masks
    }

    /// The places to search for rule `index`: runs of consecutive sentences that hold one of its
    /// characters, each as (subject range, first byte a match may start at); nil for a rule without a
    /// prefilter. A run's subject ends after the sentence's line break, so lookaheads see what they would
    /// see in the whole text; lookbehinds see everything before.
    func windows(rule index: Int, masks: [UInt64], sentences: ArraySlice<Range<Int>>, bytes: [UInt8]) -> [(Range<Int>, Int)]? {
        guard let bit = bits[index] else { return nil }
        let flag: UInt64 = 1 << UInt64(bit)
        var out: [(Range<Int>, Int)] = []
        var k = 0
        let base = sentences.startIndex
        while k < sentences.count {
            guard masks[k] & flag != 0 else { k += 1; continue }
            let first = base + k
            k += 1
            while k < sentences.count, masks[k] & flag != 0 { k += 1 }
            out.append(CandidatePass.window(sentences, first, base + k - 1, bytes: bytes))
        }
        return out
    }

    /// The windows of rule `index` (as `windows` gives them) that hold one of `ends` (ascending; an end
    /// belongs to the window of the last sentence starting before it), found from those ends alone: only
    /// the sentences around them are read, one at a time, for the rule's characters or words. For a
    /// rule the candidate pass takes relaxed, whose few candidate ends say which windows to search.
    func windows(rule index: Int, around ends: [Int], sentences: ArraySlice<Range<Int>>, bytes: [UInt8]) -> [(Range<Int>, Int)]? {
        guard let bit = bits[index] else { return nil }
        var known = [Int8](repeating: -1, count: sentences.count)  // 1 marked, 0 not, -1 not read yet
        func marked(_ k: Int) -> Bool {
            if known[k] < 0 { known[k] = holds(bytes, sentences[sentences.startIndex + k], bit: bit) ? 1 : 0 }
            return known[k] == 1
        }
        var out: [(Range<Int>, Int)] = []
        var last = -1  // the last sentence of the last window
        var j = 0
        for e in ends {
            // The last sentence starting before e.
            var hi = sentences.count
            while j < hi {
                let mid = (j + hi) / 2
                if sentences[sentences.startIndex + mid].lowerBound < e { j = mid + 1 } else { hi = mid }
            }
            let k = j - 1
            guard k > last, k >= 0, marked(k) else { continue }
            var first = k
            while first > last + 1, marked(first - 1) { first -= 1 }
            last = k
            while last + 1 < sentences.count, marked(last + 1) { last += 1 }
            out.append(CandidatePass.window(sentences, sentences.startIndex + first, sentences.startIndex + last, bytes: bytes))
        }
        return out
    }

    /// Whether sentence `s` holds a character (or ends a word) of set `bit`: `sentenceMasks` for one
    /// sentence and one set.
    func holds(_ b: [UInt8], _ s: Range<Int>, bit: Int) -> Bool {
        let flag: UInt64 = 1 << UInt64(bit)
        let words = wordSets[bit]
        var i = s.lowerBound
        while i < s.upperBound {
            let (v, n) = UTF8Scalar.decode(b, i)
            i += n
            guard v < 0x10000 else { continue }
            if let words {
                if lastTable[Int(v)] & flag != 0, words.ends(b, at: i) { return true }
            } else if table[Int(v)] & flag != 0 {
                return true
            }
        }
        return false
    }

}
