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
                let (v, n) = Self.scalar(b, i)
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
            let start = sentences[base + k].lowerBound
            var end = sentences[base + k].upperBound
            k += 1
            while k < sentences.count, masks[k] & flag != 0 { end = sentences[base + k].upperBound; k += 1 }
            if end < bytes.count && bytes[end] == 0x0A { end += 1 }
            // The search starts one character early, on the line break, space or sentence end before the
            // window: \G (which chains list items from the previous match) then cannot match at the window's
            // first character, as it cannot over the whole text; matches starting before the window are
            // skipped (none start on such a character).
            var early = start
            if early > 0 {
                early -= 1
                while early > 0, bytes[early] & 0xC0 == 0x80 { early -= 1 }
            }
            out.append((early..<end, start))
        }
        return out
    }

    /// `UTF8Scalar.decode`, which is not inlined across modules: a call for every scalar of the text
    /// (31 instructions, 37 M over the corpus).
    @inline(__always)
    static func scalar(_ b: [UInt8], _ i: Int) -> (UInt32, Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        if c < 0xE0 { return (UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if c < 0xF0 { return (UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) }
        return (UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }
}
