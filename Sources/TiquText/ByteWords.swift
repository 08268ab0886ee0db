/// Words searched in UTF-8 bytes without building Strings: the stages read cue words (loaded from
/// `rules/`) around every number and on every line, so these run on the hot path.
public struct ByteWords: Sendable {
    /// The tables, shared by every copy (a copy is one retain, not one per table: the readers pass word
    /// lists around on every number).
    @usableFromInline let t: Tables
    /// The words as UTF-8, longest first (so a prefix or suffix scan takes the longest word).
    public var words: [[UInt8]] { t.words }

    public init<S: Sequence>(_ words: S) where S.Element == String {
        t = Tables(words.map { Array($0.utf8) })
    }

    /// A bucket of two bytes: the low four bits of the first and six of the second, which for the lead and
    /// first continuation byte of a Chinese character (E4–E9, 80–BF) tell every pair apart.
    @inlinable @inline(__always)
    static func key(_ a: UInt8, _ b: UInt8) -> Int { Int(a & 0x0F) << 6 | Int(b & 0x3F) }

    /// Words of two bytes or more grouped by `key`, in the order of `words` (a counting sort).
    static func buckets(_ words: [[UInt8]], key: ([UInt8]) -> Int) -> ([Int32], [Int32]) {
        var start = [Int32](repeating: 0, count: 1025)
        for w in words where w.count >= 2 { start[key(w) + 1] += 1 }
        for k in 1..<start.count { start[k] += start[k - 1] }
        var fill = start
        var order = [Int32](repeating: 0, count: Int(start[1024]))
        for (i, w) in words.enumerated() where w.count >= 2 {
            let k = key(w)
            order[Int(fill[k])] = Int32(i)
            fill[k] += 1
        }
        return (start, order)
    }

    public var isEmpty: Bool { words.isEmpty }

    /// The bits of a three-byte character (U+0800 to U+FFFF, every Chinese character of the BMP) that tell
    /// it from every other: four of its lead byte and six of each continuation byte.
    @inlinable @inline(__always)
    static func charKey(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int { Int(a & 0x0F) << 12 | Int(b & 0x3F) << 6 | Int(c & 0x3F) }

    /// Whether `prefix(of: bytes, i..<end)` may find a word: a table test of the first character when it
    /// takes three bytes (one bit for each such character), else of the first two bytes (or the first, for a
    /// one-byte word), inlined into the readers' loops, which try every byte of a clause and find a word at
    /// few of them (a call of `prefix` at each cost them more than the rest of the loop; a test of two bytes
    /// alone let through every character of the same block of 64, a third of the places in a clause).
    @inlinable @inline(__always)
    public func mayStart(_ bytes: [UInt8], _ i: Int, _ end: Int) -> Bool {
        if t.hasEmpty { return true }
        guard end > i else { return false }
        let c = bytes[i]
        if c & 0xC0 == 0x80 { return false }
        if t.singleBits[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0 { return true }
        guard end - i >= 2 else { return false }
        // A word starting with a three-byte character is at least three bytes long (words are valid UTF-8).
        if c & 0xF0 == 0xE0 {
            guard end - i >= 3 else { return false }
            let k = Self.charKey(c, bytes[i + 1], bytes[i + 2])
            return t.charBits[k >> 6] & (1 << UInt64(k & 63)) != 0
        }
        let k = Self.key(c, bytes[i + 1])
        return t.keyBits[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// The first place from `i` on (before `end`, else `end`) where a word may start (`mayStart`); it may
    /// stop short of that, never past it. A reader's loop that tried every byte jumps here instead
    /// (`WordStarts.next`, one test for each character).
    @inlinable
    public func nextStart(_ bytes: [UInt8], from i: Int, to end: Int) -> Int {
        t.hasEmpty ? i : WordStarts.next(bytes, from: i, to: end, single: t.singleBits, keys: t.keyBits, chars: t.charBits)
    }

    /// Whether word `i` is written in `bytes` from `at` on, within `limit` bytes.
    @inline(__always)
    func written(_ i: Int, in bytes: [UInt8], at: Int, limit: Int) -> Bool {
        let lo = Int(t.flatStart[i]), n = Int(t.flatStart[i + 1]) - lo
        guard n <= limit else { return false }
        var k = 0
        while k < n && bytes[at + k] == t.flat[lo + k] { k += 1 }
        return k == n
    }

    /// The longest word that `bytes[range]` ends with.
    public func suffix(of bytes: [UInt8], _ range: Range<Int>) -> [UInt8]? {
        let end = range.upperBound
        let n = range.count
        if n >= 2 {
            let k = Self.key(bytes[end - 2], bytes[end - 1])
            var j = Int(t.lastStart[k])
            let stop = Int(t.lastStart[k + 1])
            while j < stop {
                let i = Int(t.lastOrder[j])
                let length = Int(t.flatStart[i + 1] - t.flatStart[i])
                if length <= n && written(i, in: bytes, at: end - length, limit: length) { return t.words[i] }
                j += 1
            }
        }
        if n >= 1, case let i = t.single[Int(bytes[end - 1])], i >= 0 { return t.words[Int(i)] }
        return t.hasEmpty ? [] : nil
    }

    /// The longest word that `bytes[range]` starts with.
    public func prefix(of bytes: [UInt8], _ range: Range<Int>) -> [UInt8]? {
        let start = range.lowerBound
        let n = range.count
        // No word starts inside a character (the readers try every byte of a clause).
        if n >= 1 && bytes[start] & 0xC0 == 0x80 { return t.hasEmpty ? [] : nil }
        if n >= 2 {
            let k = Self.key(bytes[start], bytes[start + 1])
            var j = Int(t.firstStart[k])
            let stop = Int(t.firstStart[k + 1])
            while j < stop {
                let i = Int(t.firstOrder[j])
                if written(i, in: bytes, at: start, limit: n) { return t.words[i] }
                j += 1
            }
        }
        if n >= 1, case let i = t.single[Int(bytes[start])], i >= 0 { return t.words[Int(i)] }
        return t.hasEmpty ? [] : nil
    }

    /// Whether any word occurs in `bytes[range]`.
    public func occurs(in bytes: [UInt8], _ range: Range<Int>) -> Bool {
        words.contains { ByteWords.contains(bytes, range, $0) }
    }

    /// Whether `word` occurs in `bytes[range]`. A word (valid UTF-8) starts only where a character does,
    /// so the scan steps a character at a time and tries a place only when its first two bytes are the
    /// word's; and where the last byte under the word is no byte of the word, no place up to there can
    /// hold it, so the scan jumps a word's length (Horspool's rule, without a table: the word's bytes as a
    /// 256-bit set). Two-character words are tried at a third of the characters or fewer.
    public static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ word: [UInt8]) -> Bool {
        firstIndex(of: word, in: bytes, range) != nil
    }

    /// Where `word` first occurs in `bytes[range]` (the scan of `contains`).
    public static func firstIndex(of word: [UInt8], in bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard let first = word.first, range.count >= word.count else { return nil }
        let m = word.count
        let second = m > 1 ? word[1] : 0
        var set: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for c in word {
            let bit = UInt64(1) << UInt64(c & 63)
            switch c >> 6 { case 0: set.0 |= bit; case 1: set.1 |= bit; case 2: set.2 |= bit; default: set.3 |= bit }
        }
        var i = range.lowerBound
        let last = range.upperBound - m
        while i <= last && bytes[i] & 0xC0 == 0x80 { i += 1 }  // a range that starts inside a character
        while i <= last {
            let tail = bytes[i + m - 1]
            let bit = UInt64(1) << UInt64(tail & 63)
            let word64 = tail < 0x80 ? (tail < 0x40 ? set.0 : set.1) : (tail < 0xC0 ? set.2 : set.3)
            if word64 & bit == 0 {
                i += m
                while i <= last && bytes[i] & 0xC0 == 0x80 { i += 1 }
                continue
            }
            let b = bytes[i]
            if b == first && (m == 1 || bytes[i + 1] == second) {
                var k = 2
                while k < m && bytes[i + k] == word[k] { k += 1 }
                if k >= m { return i }
            }
            i += UTF8Scalar.length(b)
        }
        return nil
    }
}

/// The tables of a `ByteWords` list.
@usableFromInline
final class Tables: Sendable {
    /// The words as UTF-8, longest first (so a prefix or suffix scan takes the longest word).
    let words: [[UInt8]]
    /// The words of two bytes or more by their first two bytes (`Self.key`), each bucket in the order of
    /// `words`, as ranges of `firstOrder`: a prefix scan runs at every byte of a clause, so it tries only
    /// the few words that start with the bytes there (the cue lists hold dozens of words, and a Chinese
    /// character's first byte is one of six for all of them).
    let firstStart: [Int32]
    let firstOrder: [Int32]
    /// The same by the last two bytes, for suffix scans.
    let lastStart: [Int32]
    let lastOrder: [Int32]
    /// For each byte, the one-byte word it is (the index in `words`), or -1.
    let single: [Int32]
    /// Every word's bytes one after another (word i at `flat[flatStart[i]..<flatStart[i + 1]]`): compared
    /// there, a word is not an array to retain and release at every place tried.
    let flat: [UInt8]
    let flatStart: [Int32]
    /// Whether the empty word is one of the words (it is the last: a scan that finds nothing else finds it).
    @usableFromInline let hasEmpty: Bool
    /// `mayStart`'s tables: a bit for each `key` that some word of two bytes or more starts with, and for
    /// each byte that is a one-byte word.
    @usableFromInline let keyBits: [UInt64]
    @usableFromInline let singleBits: [UInt64]
    /// A bit for each `charKey` of a three-byte character that some word starts with (8 KB).
    @usableFromInline let charBits: [UInt64]


    init(_ words: [[UInt8]]) {
        let words = words.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        self.words = words
        (firstStart, firstOrder) = ByteWords.buckets(words) { ByteWords.key($0[0], $0[1]) }
        (lastStart, lastOrder) = ByteWords.buckets(words) { ByteWords.key($0[$0.count - 2], $0[$0.count - 1]) }
        var single = [Int32](repeating: -1, count: 256)
        for (i, w) in words.enumerated().reversed() where w.count == 1 { single[Int(w[0])] = Int32(i) }
        self.single = single
        flat = words.flatMap { $0 }
        var starts: [Int32] = [0]
        for w in words { starts.append(starts[starts.count - 1] + Int32(w.count)) }
        flatStart = starts
        hasEmpty = words.last?.isEmpty == true
        var keys = [UInt64](repeating: 0, count: 16), singles = [UInt64](repeating: 0, count: 4)
        for w in words where w.count >= 2 {
            let k = ByteWords.key(w[0], w[1])
            keys[k >> 6] |= 1 << UInt64(k & 63)
        }
        for w in words where w.count == 1 { singles[Int(w[0] >> 6)] |= 1 << UInt64(w[0] & 63) }
        var chars = [UInt64](repeating: 0, count: 1024)
        for w in words where w.count >= 3 && w[0] & 0xF0 == 0xE0 {
            let k = ByteWords.charKey(w[0], w[1], w[2])
            chars[k >> 6] |= 1 << UInt64(k & 63)
        }
        charBits = chars
        keyBits = keys
        singleBits = singles
    }
}

/// A set of scalars (punctuation classes loaded from `rules/`), tested by value: a bitmap for the BMP (8 KB,
/// no hashing: these are tested on every line and around every number), a set for the rest.
public struct ScalarSet: Sendable {
    public let scalars: Set<UInt32>
    /// The BMP bitmap, then four words of `mayLead`'s bits: kept in one array, so that a copy of the set
    /// (the segmenter passes several around per line) stays two references.
    @usableFromInline let bmp: [UInt64]

    public init<S: Sequence>(_ words: S) where S.Element == String {
        scalars = Set(words.flatMap { $0.unicodeScalars.map(\.value) })
        var bits = [UInt64](repeating: 0, count: (0x10000 >> 6) + 4)
        for v in scalars where v < 0x10000 { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) }
        for c in 0..<256 {
            // The values `UTF8Scalar.decode` reads after first byte c: its bits of the value, any continuation bits.
            let (low, span): (UInt32, UInt32) = c < 0x80 ? (UInt32(c), 1) : c < 0xE0 ? (UInt32(c & 0x1F) << 6, 1 << 6)
                : c < 0xF0 ? (UInt32(c & 0x0F) << 12, 1 << 12) : (UInt32(c & 0x07) << 18, 1 << 18)
            if scalars.contains(where: { $0 >= low && $0 - low < span }) { bits[Self.leadWords + c >> 6] |= 1 << UInt64(c & 63) }
        }
        bmp = bits
    }

    /// Where `bmp`'s lead bits start.
    @inlinable static var leadWords: Int { 0x10000 >> 6 }

    /// Whether `UTF8Scalar.decode` may read a scalar of the set from first byte `c`: a scan for punctuation
    /// decodes only there (no Chinese character's first byte, E4 to E9, is one for a set of punctuation).
    @inlinable @inline(__always)
    public func mayLead(_ c: UInt8) -> Bool {
        bmp[Self.leadWords + Int(c >> 6)] & (1 << UInt64(c & 63)) != 0
    }

    @inlinable
    public func contains(_ v: UInt32) -> Bool {
        v < 0x10000 ? bitSet(v) : scalars.contains(v)
    }

    @usableFromInline
    func bitSet(_ v: UInt32) -> Bool { bmp[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
}
