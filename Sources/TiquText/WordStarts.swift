/// Where a word of any of several `ByteWords` lists may start, or one of some bytes stands: the union of
/// their `mayStart` tables, tested once for each character. A reader that scans a clause for the words of
/// two lists (the period words and the base words before them; the weak and the strong cues) jumps from one
/// such place to the next instead of testing both lists at every byte.
public struct WordStarts: Sendable {
    @usableFromInline let single: [UInt64]
    @usableFromInline let keys: [UInt64]
    @usableFromInline let chars: [UInt64]
    /// Whether some list holds the empty word, which starts everywhere.
    @usableFromInline let always: Bool

    /// `stops`: bytes to stop at as well (the lead byte of a quote mark a reader passes over), lead or ASCII bytes.
    public init(_ lists: [ByteWords], stops: [UInt8] = []) {
        var single = [UInt64](repeating: 0, count: 4), keys = [UInt64](repeating: 0, count: 16)
        var chars = [UInt64](repeating: 0, count: 1024)
        for l in lists {
            for k in 0..<4 { single[k] |= l.t.singleBits[k] }
            for k in 0..<16 { keys[k] |= l.t.keyBits[k] }
            for k in 0..<1024 { chars[k] |= l.t.charBits[k] }
        }
        for c in stops { single[Int(c >> 6)] |= 1 << UInt64(c & 63) }
        (self.single, self.keys, self.chars) = (single, keys, chars)
        always = lists.contains { $0.t.hasEmpty }
    }

    /// The first place from `i` on (before `end`, else `end`) where a word of one of the lists may start
    /// (`ByteWords.mayStart` of one of them holds) or a stop byte stands; it may stop short of that, never past it.
    @inlinable
    public func next(_ bytes: [UInt8], from i: Int, to end: Int) -> Int {
        always ? i : Self.next(bytes, from: i, to: end, single: single, keys: keys, chars: chars)
    }

    /// The scan of `next` over the tables of `ByteWords.mayStart`: a byte that is a word (or a stop), a
    /// three-byte character by `ByteWords.charKey`, any other byte but a continuation byte by `ByteWords.key`
    /// with the byte after it; continuation bytes start nothing, and the two after a three-byte lead are
    /// passed over with it.
    @inlinable
    static func next(_ b: [UInt8], from i: Int, to end: Int, single: [UInt64], keys: [UInt64], chars: [UInt64]) -> Int {
        var p = i
        while p < end {
            let c = b[p]
            if single[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0 { return p }
            if c & 0xF0 == 0xE0, end - p >= 3 {
                let c1 = b[p + 1], c2 = b[p + 2]
                let k = ByteWords.charKey(c, c1, c2)
                if chars[k >> 6] & (1 << UInt64(k & 63)) != 0 { return p }
                p += c1 & 0xC0 == 0x80 && c2 & 0xC0 == 0x80 ? 3 : 1
                continue
            }
            // Any other lead byte, ASCII too (a word may start with an ASCII letter: GDP, PM2.5).
            if c & 0xC0 != 0x80, c & 0xF0 != 0xE0, end - p >= 2 {
                let k = ByteWords.key(c, b[p + 1])
                if keys[k >> 6] & (1 << UInt64(k & 63)) != 0 { return p }
            }
            p += 1
        }
        return end
    }
}
