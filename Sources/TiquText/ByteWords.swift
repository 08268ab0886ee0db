/// Words searched in UTF-8 bytes without building Strings: the stages read cue words (loaded from
/// `rules/`) around every number and on every line, so these run on the hot path.
public struct ByteWords: Sendable {
    /// The words as UTF-8, longest first (so a prefix or suffix scan takes the longest word).
    public let words: [[UInt8]]
    /// The words of two bytes or more by their first two bytes (`Self.key`), each bucket in the order of
    /// `words`, as ranges of `firstOrder`: a prefix scan runs at every byte of a clause, so it tries only
    /// the few words that start with the bytes there (the cue lists hold dozens of words, and a Chinese
    /// character's first byte is one of six for all of them).
    let firstStart: [Int32]
    let firstOrder: [Int32]
    /// The same by the last two bytes, for suffix scans.
    let lastStart: [Int32]
    let lastOrder: [Int32]
    /// Indices of the one-byte words (shortest, so tried after every longer one, as in `words`).
    let single: [Int32]

    public init<S: Sequence>(_ words: S) where S.Element == String {
        let words = words.map { Array($0.utf8) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        self.words = words
        (firstStart, firstOrder) = Self.buckets(words) { Self.key($0[0], $0[1]) }
        (lastStart, lastOrder) = Self.buckets(words) { Self.key($0[$0.count - 2], $0[$0.count - 1]) }
        single = words.indices.filter { words[$0].count == 1 }.map { Int32($0) }
    }

    /// A bucket of two bytes: the low four bits of the first and six of the second, which for the lead and
    /// first continuation byte of a Chinese character (E4–E9, 80–BF) tell every pair apart.
    @inline(__always)
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

    /// The longest word that `bytes[range]` ends with.
    public func suffix(of bytes: [UInt8], _ range: Range<Int>) -> [UInt8]? {
        let end = range.upperBound
        if range.count >= 2 {
            let k = Self.key(bytes[end - 2], bytes[end - 1])
            for j in Int(lastStart[k])..<Int(lastStart[k + 1]) {
                let w = words[Int(lastOrder[j])]
                if range.count >= w.count && bytes[(end - w.count)..<end].elementsEqual(w) { return w }
            }
        }
        for j in single where range.count >= 1 && bytes[end - 1] == words[Int(j)][0] { return words[Int(j)] }
        return words.last?.isEmpty == true ? [] : nil
    }

    /// The longest word that `bytes[range]` starts with.
    public func prefix(of bytes: [UInt8], _ range: Range<Int>) -> [UInt8]? {
        let start = range.lowerBound
        if range.count >= 2 {
            let k = Self.key(bytes[start], bytes[start + 1])
            for j in Int(firstStart[k])..<Int(firstStart[k + 1]) {
                let w = words[Int(firstOrder[j])]
                if range.count >= w.count && bytes[start..<(start + w.count)].elementsEqual(w) { return w }
            }
        }
        for j in single where range.count >= 1 && bytes[start] == words[Int(j)][0] { return words[Int(j)] }
        return words.last?.isEmpty == true ? [] : nil
    }

    /// Whether any word occurs in `bytes[range]`.
    public func occurs(in bytes: [UInt8], _ range: Range<Int>) -> Bool {
        words.contains { ByteWords.contains(bytes, range, $0) }
    }

    /// Whether `word` occurs in `bytes[range]`.
    public static func contains(_ bytes: [UInt8], _ range: Range<Int>, _ word: [UInt8]) -> Bool {
        guard let first = word.first, range.count >= word.count else { return false }
        var i = range.lowerBound
        let last = range.upperBound - word.count
        while i <= last {
            if bytes[i] == first {
                var k = 1
                while k < word.count && bytes[i + k] == word[k] { k += 1 }
                if k == word.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// A set of scalars (punctuation classes loaded from `rules/`), tested by value: a bitmap for the BMP (8 KB,
/// no hashing: these are tested on every line and around every number), a set for the rest.
public struct ScalarSet: Sendable {
    public let scalars: Set<UInt32>
    private let bmp: [UInt64]

    public init<S: Sequence>(_ words: S) where S.Element == String {
        scalars = Set(words.flatMap { $0.unicodeScalars.map(\.value) })
        var bits = [UInt64](repeating: 0, count: 0x10000 >> 6)
        for v in scalars where v < 0x10000 { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) }
        bmp = bits
    }

    @inlinable
    public func contains(_ v: UInt32) -> Bool {
        v < 0x10000 ? bitSet(v) : scalars.contains(v)
    }

    @usableFromInline
    func bitSet(_ v: UInt32) -> Bool { bmp[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 }
}
