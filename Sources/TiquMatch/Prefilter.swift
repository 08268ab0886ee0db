import TiquRules
import TiquText

/// The sentence prefilter: each rule declares `prefilter:` characters, of which every sentence it can
/// match in holds one; one pass over the cleaned bytes marks which sentences hold which sets, and a rule's
/// pattern runs only over runs of marked sentences. Sets beyond 64 fall back to the whole text.
struct Prefilter: Sendable {
    /// For each rule (by index), the bit of its character set, or nil (the rule runs everywhere).
    let bits: [Int?]
    /// For each BMP scalar, the bits of every set holding it.
    let table: [UInt64]

    init(rules: [Rule]) {
        var sets: [Set<Unicode.Scalar>] = []
        var bits: [Int?] = []
        for r in rules {
            guard let p = r.prefilter, p.allSatisfy({ $0.value < 0x10000 }) else { bits.append(nil); continue }
            if let i = sets.firstIndex(of: p) { bits.append(i); continue }
            guard sets.count < 64 else { bits.append(nil); continue }
            sets.append(p)
            bits.append(sets.count - 1)
        }
        var table = [UInt64](repeating: 0, count: sets.isEmpty ? 0 : 0x10000)
        for (i, set) in sets.enumerated() { for c in set { table[Int(c.value)] |= 1 << UInt64(i) } }
        self.bits = bits
        self.table = table
    }

    /// Which sets each sentence holds a character of: one pass over the cleaned bytes.
    func sentenceMasks(_ b: [UInt8], sentences: ArraySlice<Range<Int>>) -> [UInt64] {
        guard !table.isEmpty else { return [] }
        var masks = [UInt64](repeating: 0, count: sentences.count)
        for (k, s) in sentences.enumerated() {
            var m: UInt64 = 0
            var i = s.lowerBound
            let end = s.upperBound
            while i < end {
                let (v, n) = UTF8Scalar.decode(b, i)
                i += n
                if v < 0x10000 { m |= table[Int(v)] }
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
}
